"""The packaged word lists (``check/data/*.yml``) merged with the ``check:`` section of sosmed.yml.

- ``check.lexicon``: ``{profanity: [...], insult: [...], slur: [...], sara: [...] | {group: [...]},
  divisive: [...], allow: [...]}`` — ``allow`` removes shipped entries the agency does not want flagged.
- ``check.political_terms``: ``[...]`` or ``{party: [...], campaign: [...], slogan: [...]}``.

Matchers are built once per distinct configuration and kept for the process, so the
tokens they have already judged are not judged again on the next run.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from sosmed.check.wordlist import Term, TermMatcher, split_words
from sosmed.config.schema import Config
from sosmed.errors import ConfigError
from sosmed.problem import Problem

LEXICON_CATEGORIES = ("profanity", "insult", "slur", "sara", "divisive")
POLITICAL_CATEGORIES = ("party", "campaign", "slogan")
SARA_GROUPS = ("religion", "ethnicity", "race", "intergroup")


@cache
def packaged(name: str) -> dict[str, Any]:
    """A data file of the package, e.g. ``packaged("lexicon")``."""
    text = (resources.files("sosmed.check") / "data" / f"{name}.yml").read_text(encoding="utf-8")
    data: dict[str, Any] = yaml.load(text, Loader=yaml.CSafeLoader)
    return data


def _bad(config: Config, loc: tuple[str | int, ...], key: str, **args: Any) -> ConfigError:
    line, column = config.position("check", *loc)
    problem = Problem(config.source, line, column, "config", "error", key, args)
    return ConfigError("config.invalid", [problem], path=config.source)


def _strings(config: Config, loc: tuple[str | int, ...], value: Any) -> list[str]:
    field = "check." + ".".join(str(p) for p in loc)
    if not isinstance(value, list):
        raise _bad(config, loc, "schema.type.list", field=field)
    for i, entry in enumerate(value):
        if not isinstance(entry, str) or not entry.strip():
            raise _bad(config, (*loc, i), "schema.type.string", field=f"{field}[{i}]", value=str(entry))
    return list(value)


def _section(config: Config, name: str, categories: tuple[str, ...], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    raw = config.check.get(name)
    if raw is None:
        return {}
    if isinstance(raw, list) and name == "political_terms":
        return {"other": _strings(config, (name,), raw)}
    if not isinstance(raw, dict):
        raise _bad(config, (name,), "schema.type.mapping", field=f"check.{name}", value=str(raw))
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in categories + extra:
            raise _bad(config, (name, key), "schema.unknown_field", field=f"check.{name}.{key}", value=key)
        if key == "sara" and isinstance(value, dict):
            groups: dict[str, list[str]] = {}
            for group, words in value.items():
                if group not in SARA_GROUPS:
                    raise _bad(config, (name, key, group), "schema.unknown_field",
                               field=f"check.{name}.sara.{group}", value=group)
                groups[group] = _strings(config, (name, key, group), words)
            out[key] = groups
        else:
            out[key] = _strings(config, (name, key), value)
    return out


def _term(text: str, category: str, *, normalise: bool, group: str | None = None,
          trigger: str | None = None) -> Term | None:
    words = split_words(text, normalise=normalise)
    if not words:
        return None
    return Term(words, category, text, group, text.isupper(), trigger)


@dataclass(frozen=True)
class Lexicon:
    """The FBS 5 lexicon: matcher plus the context lists that make a SARA mention benign."""

    matcher: TermMatcher
    holidays: tuple[str, ...]
    greetings: tuple[str, ...]
    institutions: frozenset[str]


_LEXICONS: dict[str, Lexicon] = {}
_POLITICAL: dict[str, TermMatcher] = {}


def lexicon(config: Config) -> Lexicon:
    """The lexicon for this configuration (built once per distinct ``check.lexicon``)."""
    user = _section(config, "lexicon", LEXICON_CATEGORIES, ("allow",))
    cache_key = json.dumps(user, sort_keys=True)
    found = _LEXICONS.get(cache_key)
    if found is not None:
        return found
    data = packaged("lexicon")
    allow = {split_words(w, normalise=True) for w in user.get("allow", [])}
    terms: list[Term] = []

    def add(text: str, category: str, group: str | None = None, trigger: str | None = None) -> None:
        term = _term(text, category, normalise=True, group=group, trigger=trigger)
        if term is not None and term.words not in allow:
            terms.append(term)

    for category in ("profanity", "insult", "slur", "divisive"):
        for text in data.get(category, []) + user.get(category, []):
            add(text, category)
    shipped_sara: dict[str, list[str]] = data.get("sara", {})
    user_sara = user.get("sara", {})
    if isinstance(user_sara, list):
        user_sara = {"intergroup": user_sara}
    for group in SARA_GROUPS:
        for text in shipped_sara.get(group, []) + user_sara.get(group, []):
            add(text, "sara", group)
    # "orang Sabu", "suku Rote": the people, where "Sabu" alone is the island.
    peoples = data.get("peoples", {})
    for name in peoples.get("names", []):
        for before in peoples.get("before", []):
            add(f"{before} {name}", "sara", "ethnicity", trigger=before)
    result = Lexicon(
        TermMatcher(terms, normalise=True, affixed=("profanity", "slur", "divisive")),
        tuple(" ".join(split_words(h, normalise=False)) for h in data.get("holidays", [])),
        tuple(" ".join(split_words(g, normalise=False)) for g in data.get("greetings", [])),
        frozenset(data.get("institutions", [])),
    )
    _LEXICONS[cache_key] = result
    return result


def political(config: Config) -> TermMatcher:
    """The political-terms matcher for this configuration."""
    user = _section(config, "political_terms", POLITICAL_CATEGORIES)
    cache_key = json.dumps(user, sort_keys=True)
    found = _POLITICAL.get(cache_key)
    if found is not None:
        return found
    data = packaged("political")
    terms: list[Term] = []
    for category in (*POLITICAL_CATEGORIES, "other"):
        for text in data.get(category, []) + user.get(category, []):
            term = _term(text, category, normalise=False)
            if term is not None:
                terms.append(term)
    matcher = TermMatcher(terms, normalise=False)
    _POLITICAL[cache_key] = matcher
    return matcher


def allowed_domains(config: Config) -> list[str]:
    """Extra link domains from ``check.allowed_domains``."""
    raw = config.check.get("allowed_domains")
    if raw is None:
        return []
    return [d.lower().strip().lstrip(".") for d in _strings(config, ("allowed_domains",), raw)]
