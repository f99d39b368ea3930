"""Compiled page templates are shared by the process's MkDocs builds, never used for an edited template."""

from __future__ import annotations

from typing import Any

from jinja2 import DictLoader, Environment

from sosmed.site.templatecache import share_compiled


def _environment(source: dict[str, str], compiled: list[str], **settings: Any) -> Environment:
    env = Environment(loader=DictLoader(source), **settings)
    share_compiled(env)
    real = env.compile

    def counting(text: Any, name: Any = None, filename: Any = None, raw: bool = False, defer_init: bool = False) -> Any:
        compiled.append(str(name))
        return real(text, name, filename, raw, defer_init)

    env.compile = counting  # type: ignore[method-assign]
    return env


def test_a_later_build_reuses_the_code_and_an_edited_template_is_compiled_again() -> None:
    compiled: list[str] = []
    source = {"halaman.html": "Halo {{ nama }} <b>{{ kota }}</b>"}
    first = _environment(source, compiled)
    assert first.get_template("halaman.html").render(nama="Kupang", kota="<NTT>") == "Halo Kupang <b><NTT></b>"
    assert compiled == ["halaman.html"]
    again = _environment(dict(source), compiled)
    assert again.get_template("halaman.html").render(nama="Ende", kota="Flores") == "Halo Ende <b>Flores</b>"
    assert compiled == ["halaman.html"]  # the second environment compiled nothing
    edited = _environment({"halaman.html": "Selamat datang, {{ nama }}"}, compiled)
    assert edited.get_template("halaman.html").render(nama="Alor") == "Selamat datang, Alor"
    assert compiled == ["halaman.html", "halaman.html"]
    escaping = _environment(dict(source), compiled, autoescape=True)  # other settings, other code
    assert escaping.get_template("halaman.html").render(nama="Sumba", kota="<NTT>") == "Halo Sumba <b>&lt;NTT&gt;</b>"
    assert compiled == ["halaman.html"] * 3
