"""The Indonesian interface registered with CMS.registerLocale: complete, and with Decap's own placeholders."""

from __future__ import annotations

import json
import re
import subprocess

from sosmed.cms.page import phrases
from tests.cms.helpers import modules, node

# Decap's English phrases as a flat {key: text}, read from the installed package by Node.
READ_ENGLISH = r"""
const fs = require('fs'); const vm = require('vm');
const source = fs.readFileSync(process.argv[1], 'utf8').replace(/export default \w+;?\s*$/, '');
const scope = {}; vm.runInNewContext(source + '\nthis.phrases = en;', scope);
const flat = (object, prefix) => Object.entries(object).flatMap(([key, value]) =>
  typeof value === 'object' ? flat(value, prefix + key + '.') : [[prefix + key, value]]);
process.stdout.write(JSON.stringify(Object.fromEntries(flat(scope.phrases, ''))));
"""
PLACEHOLDER = re.compile(r"%\{(\w+)\}")


def flat(tree: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in tree.items():
        if isinstance(value, dict):
            out.update(flat(value, f"{prefix}{key}."))
        else:
            out[prefix + key] = value
    return out


def decap_english() -> dict[str, str]:
    path = modules() / "decap-cms-locales" / "dist" / "esm" / "en" / "index.js"
    done = subprocess.run([node(), "-e", READ_ENGLISH, str(path)], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_every_phrase_of_decap_has_an_indonesian_and_an_english_text() -> None:
    english = decap_english()
    assert len(english) > 200
    for lang in ("id", "en"):
        ours = flat(phrases(lang))
        assert set(ours) == set(english), lang
        wrong = {key for key, text in english.items() if set(PLACEHOLDER.findall(text)) != set(
            PLACEHOLDER.findall(ours[key]))}
        assert not wrong, (lang, wrong)


def test_the_indonesian_interface_is_indonesian() -> None:
    english, indonesian = decap_english(), flat(phrases("id"))
    same = {key for key in english if english[key] == indonesian[key]}
    # Only names and placeholders-only texts may read the same in both languages.
    assert same <= {"app.header.media", "editor.editorWidgets.markdown.markdown", "ui.toast.onFailToAuth",
                    "workflow.workflowCard.lastChangeNoAuthor", "editor.editorToolbar.status"}
    assert indonesian["editor.editorControlPane.widget.required"] == "%{fieldLabel} wajib diisi."
