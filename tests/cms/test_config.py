"""Decap's config.yml, generated from sosmed.yml and the content model (no browser, no npm needed)."""

from __future__ import annotations

import re
import typing
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from sosmed.check.rules import RULES
from sosmed.cms.decap_config import POST_PATH, decap_config, render_yaml
from sosmed.cms.fields import collection_fields
from sosmed.config import load_config
from sosmed.errors import SosmedError
from sosmed.model.fields import STRATEGIES, STRATEGY_ALIASES
from sosmed.model.post import Post
from sosmed.model.qna import QnaForm
from tests.cms.helpers import REPO

SAMPLE = (REPO / "sosmed.yml").read_text(encoding="utf-8")


def instance(tmp_path: Path, text: str = SAMPLE) -> Any:
    (tmp_path / "sosmed.yml").write_text(text, encoding="utf-8")
    return load_config(tmp_path / "sosmed.yml")


def by_name(fields: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {f["name"]: f for f in fields}


def collection(config_data: dict[str, Any], name: str) -> dict[str, Any]:
    return next(c for c in config_data["collections"] if c["name"] == name)


def model_of(annotation: Any) -> type[BaseModel] | None:
    """The model class inside ``X | None``, ``list[X]`` or ``Annotated[X, …]``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = model_of(arg)
        if found is not None:
            return found
    return None


def missing_fields(model: type[BaseModel], fields: list[dict[str, Any]], prefix: str = "") -> list[str]:
    """Every front-matter key of ``model`` (recursively) that the editor has no field for."""
    known = by_name(fields)
    missing = []
    for name, info in model.model_fields.items():
        field = known.get(name)
        if field is None:
            missing.append(prefix + name)
            continue
        nested = model_of(info.annotation)
        if nested is not None:
            missing.extend(missing_fields(nested, field.get("fields") or [], f"{prefix}{name}."))
    return missing


@pytest.mark.parametrize("kind,model", [("post", Post), ("qna", QnaForm)])
def test_every_front_matter_key_has_a_field(kind: str, model: type[BaseModel]) -> None:
    config = load_config(REPO / "sosmed.yml")
    fields = collection_fields(kind, config, "id")
    assert missing_fields(model, fields) == []
    assert fields[-1]["name"] == "body"


def test_required_as_the_model_says(tmp_path: Path) -> None:
    fields = by_name(collection_fields("post", instance(tmp_path), "id"))
    required = {name for name, f in fields.items() if f["required"]}
    model_required = {name for name, info in Post.model_fields.items() if info.is_required()}
    # The model's required keys, plus the body that the rule body-empty demands.
    assert required == model_required | {"body"}
    assert fields["platforms"]["min"] == 1
    sources = by_name(fields["sources"]["fields"])
    assert sources["title"]["required"] is True and sources["url"]["required"] is False
    # Inside an optional object nothing can be required: Decap would refuse every post without it.
    assert not any(f["required"] for f in fields["retraction"]["fields"])


def test_choices_come_from_the_model_and_sosmed_yml(tmp_path: Path) -> None:
    config = instance(tmp_path)
    fields = by_name(collection_fields("post", config, "id"))
    strategy = fields["strategy"]
    assert strategy["widget"] == "select"
    assert [o["value"] for o in strategy["options"]] == list(STRATEGIES)
    # The Indonesian names of the guideline label the canonical values.
    for option in strategy["options"]:
        indonesian = next(k for k, v in STRATEGY_ALIASES.items() if v == option["value"])
        assert option["label"].lower().startswith(indonesian)
    assert [o["value"] for o in fields["bidang"]["options"]] == config.division_slugs
    assert [o["label"] for o in fields["bidang"]["options"]] == [d.name for d in config.divisions]
    assert fields["fbs_ignore"]["fields"][0]["options"] == sorted(RULES)
    assert fields["platforms"]["multiple"] is True


def test_patterns_refuse_what_the_model_refuses(tmp_path: Path) -> None:
    fields = by_name(collection_fields("post", instance(tmp_path), "id"))
    title = re.compile(fields["title"]["pattern"][0])
    assert title.search("x" * 200) and not title.search("x" * 201)
    media = by_name(fields["media"]["fields"])
    file_pattern = re.compile(media["file"]["pattern"][0])
    assert file_pattern.search("foto.JPG") and file_pattern.search("video.mp4")
    assert not file_pattern.search("surat.pdf") and not file_pattern.search("foto.jpg.exe")
    assert media["file"]["widget"] == "file" and media["file"]["choose_url"] is False
    url = re.compile(by_name(fields["sources"]["fields"])["url"]["pattern"][0])
    assert url.search("https://bkd.nttprov.go.id") and not url.search("javascript:alert(1)")


def test_rules_at_level_error_make_fields_required(tmp_path: Path) -> None:
    media = by_name(by_name(collection_fields("post", instance(tmp_path), "id"))["media"]["fields"])
    assert media["alt"]["required"] and media["credit"]["required"] and media["source"]["required"]
    alt = re.compile(media["alt"]["pattern"][0])
    assert not alt.search("Foto") and alt.search("Foto kegiatan")
    relaxed = SAMPLE.replace("  allow_words: [kependidikan]",
                             "  allow_words: [kependidikan]\n  rules:\n    alt-text: {level: warning}\n    media-credit: {level: \"off\"}")
    media = by_name(by_name(collection_fields("post", instance(tmp_path, relaxed), "id"))["media"]["fields"])
    assert not media["alt"]["required"] and not media["credit"]["required"] and "pattern" not in media["alt"]


def test_posts_are_bundles_in_their_dated_folder_with_media_beside_them(tmp_path: Path) -> None:
    data = decap_config(instance(tmp_path), "id")
    posts = collection(data, "posts")
    assert posts["folder"] == "content" and posts["path"] == POST_PATH
    assert posts["media_folder"] == "" and posts["public_folder"] == ""
    assert posts["format"] == "sosmed-post" and posts["create"] is True
    assert data["publish_mode"] == "editorial_workflow"
    # The sign-off is the Kepala's approval on the forge: the editor cannot merge.
    assert all(c["publish"] is False for c in data["collections"])
    assert POST_PATH.count("/") == 3  # depth of content/YYYY/MM/<folder>/index.md below content/


def test_one_qna_collection_per_division_for_the_heads(tmp_path: Path) -> None:
    config = instance(tmp_path)
    data = decap_config(config, "id")
    forms = [c for c in data["collections"] if c["format"] == "sosmed-qna"]
    assert [c["folder"] for c in forms] == [f"qna/{slug}" for slug in config.division_slugs]
    assert all(c["create"] is False and c["delete"] is False for c in forms)
    fields = by_name(forms[0]["fields"])
    assert fields["id"]["widget"] == "hidden" and fields["bidang"]["widget"] == "hidden"
    answer = by_name(fields["questions"]["fields"])["answer"]
    assert answer["widget"] == "text" and answer["label"] == "Jawaban"


def test_github_backend_with_the_oauth_proxy(tmp_path: Path) -> None:
    backend = decap_config(instance(tmp_path), "id")["backend"]
    assert backend["name"] == "github"
    assert backend["repo"] == "bkd-provinsi-ntt/media-sosial" and backend["branch"] == "main"
    assert backend["base_url"] == "https://oauth.bkd-ntt.example.org"
    assert backend["commit_messages"]["create"].startswith("Buat ")


def test_forgejo_backend_with_pkce(tmp_path: Path) -> None:
    text = SAMPLE.replace("forge: github", "forge: forgejo").replace(
        "  base_url: https://oauth.bkd-ntt.example.org",
        "  base_url: https://git.nttprov.example.org/\n  app_id: 0b5a3c2e-editor-web")
    backend = decap_config(instance(tmp_path, text), "id")["backend"]
    assert backend["name"] == "forgejo"
    assert backend["api_root"] == "https://git.nttprov.example.org/api/v1"
    assert backend["app_id"] == "0b5a3c2e-editor-web"


def test_without_a_repository_the_message_says_what_to_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    text = SAMPLE.replace("  repo: bkd-provinsi-ntt/media-sosial\n", "")
    with pytest.raises(SosmedError) as caught:
        decap_config(instance(tmp_path, text), "id")
    assert "cms.repo" in caught.value.format_message()
    monkeypatch.setenv("GITHUB_REPOSITORY", "bkd-ntt/arsip")
    assert decap_config(instance(tmp_path, text), "id")["backend"]["repo"] == "bkd-ntt/arsip"


def test_config_yml_is_yaml_that_says_where_it_comes_from(tmp_path: Path) -> None:
    config = instance(tmp_path)
    text = render_yaml(decap_config(config, "en"), "en")
    assert text.startswith("# Decap CMS configuration, made by `sosmed cms`")
    data = yaml.safe_load(text)
    assert data["locale"] == "en"
    assert by_name(collection(data, "posts")["fields"])["title"]["label"] == "Title"
    assert data == decap_config(config, "en")


def test_local_backend_only_when_asked(tmp_path: Path) -> None:
    config = instance(tmp_path)
    assert "local_backend" not in decap_config(config, "id")
    local = decap_config(config, "id", local_backend="http://127.0.0.1:8081/api/v1")["local_backend"]
    assert local == {"url": "http://127.0.0.1:8081/api/v1"}
