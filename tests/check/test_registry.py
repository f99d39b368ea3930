"""Every rule module is registered, documented in both languages, configured by default and tested;
its messages exist in both catalogues with the same placeholders; `sosmed rules` lists them all."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from click.testing import CliRunner

import sosmed.check.rules as rules_package
from sosmed.check.rules import RULES
from sosmed.check.settings import default_settings
from sosmed.cli import cli
from sosmed.i18n import catalogue, placeholders
from tests.check.helpers import REPO, make_instance

MODULES = sorted(info.name for info in pkgutil.iter_modules(rules_package.__path__) if not info.name.startswith("_"))


def test_every_module_is_registered_documented_configured_and_tested() -> None:
    registered = {module.__name__.rsplit(".", 1)[1]: module for module in RULES.values()}
    defaults = default_settings()["rules"]
    for name in MODULES:
        module = importlib.import_module(f"sosmed.check.rules.{name}")
        assert name in registered, f"{name} is not in the registry"
        assert module.ID == name.replace("_", "-")
        assert module.FBS is None or 1 <= module.FBS <= 9
        assert module.LEVEL in ("error", "warning")
        assert set(module.DOC) == {"id", "en"} and all(text.strip() for text in module.DOC.values()), name
        assert module.__doc__ and module.check.__doc__, name
        assert set(module.DEFAULTS) == set(module.OPTIONS), name
        assert module.ID in defaults, f"{module.ID} has no block in default.yml"
        assert set(defaults[module.ID]) - {"level"} == set(module.DEFAULTS), module.ID
        assert (REPO / "tests" / "check" / f"test_rule_{name}.py").is_file(), name
    assert set(registered) == set(MODULES)


def test_rule_messages_exist_in_both_languages_with_the_same_placeholders() -> None:
    id_cat, en_cat = catalogue("id"), catalogue("en")
    for name in MODULES:
        keys = {k for k in id_cat if k.startswith(f"rules.{name}.")}
        assert keys, f"no messages for {name}"
        assert keys == {k for k in en_cat if k.startswith(f"rules.{name}.")}, name
        for key in keys:
            assert placeholders(id_cat[key]) == placeholders(en_cat[key]), key


def test_rules_command_lists_every_rule_in_both_languages(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    for lang in ("id", "en"):
        result = CliRunner().invoke(cli, ["--config", str(root / "sosmed.yml"), "--lang", lang, "rules"])
        assert result.exit_code == 0
        for module in RULES.values():
            assert module.DOC[lang] in result.output
            assert f"{module.ID}  [" in result.output
    english = CliRunner().invoke(cli, ["--lang", "en", "rules"]).output
    assert "spelling  [FBS 7] (warning)" in english
    assert "x-limits  [platform] (error)" in english
    assert "    default options: max_weighted=280" in english
