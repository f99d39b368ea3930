"""Indonesian word formation for the spell checker: affixes, bound forms and reduplication.

Hunspell's ``id_ID`` list knows 31,000 stems but not every affixed form of them (it rejects
``diimbau``, ``terdampak``, ``diproses``, ``hubungi``). This module accepts a word that hunspell
rejects when it is a regular formation over a known root:

- **affixes** (``me(N)-``, ``ber-``, ``ter-``, ``di-``, ``ke-…-an``, ``pe(N)-…-an``, ``per-``,
  ``se-``, ``-kan``, ``-i``, ``-an``, ``-nya``, ``-lah``, ``-kah``, ``-pun``, ``-ku``, ``-mu``):
  the root is found by Sastrawi's stemmer (PyPI ``PySastrawi``, MIT; the Enhanced Confix
  Stripping algorithm with its prefix disambiguation rules) run over *our* root list, not the one
  the package ships;
- **di-** only where the word is a passive verb: hunspell knows its active ``me(N)-`` form
  (``diimbau`` ↔ ``mengimbau``, ``diproses`` ↔ ``memproses``) or it has a verbal suffix
  (``dimutakhirkan``), because ``di`` before a place is a preposition written apart
  (``di kantor``, not ``dikantor``); likewise a bare ``ke-`` before a root (``kekantor``) is the
  preposition ``ke``;
- **bound forms** written joined (``antarinstansi``, ``pascapandemi``, ``nonaktif``, ``swafoto``)
  and, with a hyphen, before a capital, an acronym or a number (``se-Kabupaten``, ``non-ASN``, ``ke-62``);
- **reduplication**: full (``masing-masing``), with affixes (``bermain-main``, ``ditahan-tahan``,
  ``tolong-menolong``) and with a sound change (``sayur-mayur``, ``warna-warni``).

The root list is hunspell's stems (read from the installed dictionary, LGPL data, not shipped)
plus the package's lists of standard words hunspell lacks and of regional words
(``data/kbbi_words.txt``, ``data/regional_words.txt``). Sastrawi's own root list (from Kateglo,
CC BY-NC-SA 3.0) is used only when asked for (``spelling.roots: [hunspell, sastrawi]``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

# Bound forms written joined to the next word (KBBI "bentuk terikat").
BOUND_FORMS = (
    "antar", "pasca", "purna", "swa", "tuna", "non", "pra", "sub", "supra", "ultra", "multi", "semi",
    "anti", "pro", "kontra", "inter", "intra", "ekstra", "mono", "poli", "dwi", "tri", "catur", "panca",
    "eka", "maha", "adi", "awa", "nir", "pramu", "lintas",
)
# Before a hyphen: "se-Kabupaten", "non-ASN", "ke-62", "eks-Timor", "pasca-Covid".
HYPHEN_PREFIXES = frozenset(BOUND_FORMS) | {"se", "ke", "eks", "ber", "di", "me", "ter", "pe", "per"}
_SUFFIXES = ("nya", "lah", "kah", "pun", "kan", "an", "i", "ku", "mu")


def read_words(text: str) -> set[str]:
    """Lower-case words of a list file: one per line (the first field), ``#`` starts a comment."""
    words: set[str] = set()
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.add(line.split()[0].lower())
    return words


@cache
def packaged_words(name: str) -> frozenset[str]:
    """A word list of the package (``check/data/<name>.txt``)."""
    return frozenset(read_words((resources.files("sosmed.check") / "data" / f"{name}.txt").read_text("utf-8")))


@cache
def hunspell_stems(directory: str, language: str) -> frozenset[str]:
    """The stems of the installed hunspell dictionary (its ``.dic`` file without affix flags)."""
    path = Path(directory) / f"{language}.dic"
    # Lower-casing the whole file once, not each of its 31,000 lines: this runs in every process.
    body = path.read_text(encoding="latin-1").lower().partition("\n")[2]
    stems = frozenset(line.partition("/")[0].strip() for line in body.splitlines())
    return stems - {""}


@cache
def sastrawi_roots() -> frozenset[str]:
    """Sastrawi's own root list (Kateglo, CC BY-NC-SA 3.0): only when an instance asks for it."""
    data = resources.files("Sastrawi") / "Stemmer" / "data" / "kata-dasar.txt"
    return frozenset(read_words(data.read_text(encoding="utf-8")))


def make_stemmer(roots: Iterable[str]) -> Callable[[str], str] | None:
    """Sastrawi's stemmer over ``roots`` (None when the package is not installed)."""
    try:
        from Sastrawi.Stemmer.Stemmer import Stemmer
    except ImportError:
        return None
    stemmer: Any = Stemmer(_RootDictionary(frozenset(roots)))
    stem: Callable[[str], str] = stemmer.stem_word
    return stem


class _RootDictionary:
    """The part of Sastrawi's dictionary interface its stemmer uses, over our set of roots.

    Sastrawi's own ``ArrayDictionary`` copies every word into a dict one call at a time; with
    40,000 roots that copy alone took longer than checking a post.
    """

    def __init__(self, words: frozenset[str]) -> None:
        self.words = words

    def contains(self, word: str) -> bool:
        return word in self.words

    def count(self) -> int:
        return len(self.words)


def active_forms(base: str) -> tuple[str, ...]:
    """The ``me(N)-`` forms ``base`` can take: ``imbau`` → ``mengimbau``, ``pukul`` → ``memukul``,
    ``tulis`` → ``menulis``, ``sebar`` → ``menyebar``, ``kirim`` → ``mengirim``, ``proses`` → ``memproses``."""
    first, rest = base[0], base[1:]
    forms = ["menge" + base] if len(base) <= 4 else []  # one-syllable roots: mengecat, mengebom
    if first in "lmnrwy":
        forms.append("me" + base)
    elif first in "aeiough":
        forms.append("meng" + base)
    elif first in "bfv":
        forms.append("mem" + base)
    elif first in "cdjz":
        forms.append("men" + base)
    # Initial p, t, s, k melt into the nasal; before another consonant (proses, transfer) they stay.
    melt = {"p": "mem", "t": "men", "s": "meny", "k": "meng"}.get(first)
    if melt is not None:
        forms.append(melt + (base if rest[:1] and rest[0] not in "aeiou" else rest))
        forms.append(melt + base)
    return tuple(forms)


class Morphology:
    """Accepts regular formations over known roots (see the module docstring)."""

    def __init__(self, spell: Callable[[str], bool], roots: frozenset[str],
                 stem: Callable[[str], str] | None) -> None:
        self.spell = spell
        self.roots = roots
        self.stem = stem

    def known(self, word: str) -> bool:
        """A root, or a word hunspell accepts (lower-case)."""
        return word in self.roots or self.spell(word)

    def accepts(self, word: str) -> bool:
        """Whether a lower-case word without hyphen is a regular formation over a known root."""
        if len(word) < 4:
            return False
        for form in BOUND_FORMS:
            rest = word[len(form):]
            if word.startswith(form) and len(rest) >= 3 and (self.known(rest) or self._affixed(rest)):
                return True
        return self._affixed(word)

    def _affixed(self, word: str) -> bool:
        if word.startswith("di") and self._passive(word):
            return True
        if self.stem is None:
            return False
        root = self.stem(word)
        # Three-letter "roots" in hunspell's list are mostly abbreviations and fragments ("umu"):
        # accepting affixes over them would accept typos ("pengumuan").
        if root == word or len(root) < 4 or root not in self.roots:
            return False
        # "di"/"ke" stripped as prefixes: only a passive verb (above, or with the verbal suffixes
        # -kan/-i: "dimutakhirkan") or ke-…-an/-nya forms count; else it is the preposition.
        if word.startswith("di") and not root.startswith("di") and not word.endswith(("kan", "i")):
            return False
        return not (word.startswith("ke") and not root.startswith("ke") and not word.endswith(("an", "nya")))

    def _passive(self, word: str) -> bool:
        """``di`` + X where hunspell knows the active ``me(N)-`` form of X (suffixes kept)."""
        rest = word[2:]
        candidates = [rest]
        candidates += [rest[: -len(s)] for s in _SUFFIXES if rest.endswith(s) and len(rest) - len(s) >= 3]
        return any(self.spell(active) for base in candidates if len(base) >= 3 for active in active_forms(base))

    def accepts_hyphenated(self, word: str, part_ok: Callable[[str], bool]) -> bool:
        """Whether ``a-b`` (as written) is a bound form before a name/number, or a reduplication."""
        first, _, second = word.partition("-")
        if not first or not second or "-" in second:
            return False
        low1, low2 = first.lower(), second.lower()
        if low1 in HYPHEN_PREFIXES and (second[0].isupper() or second[0].isdigit()):
            return True
        if low1 == low2:
            return part_ok(first)
        if self.stem is not None:
            root = self.stem(f"{low1}-{low2}")
            if root != f"{low1}-{low2}" and root in self.roots:
                return True
        # Reduplication with a sound change: one part known, the other alike in form.
        if part_ok(first) or part_ok(second):
            near = abs(len(low1) - len(low2)) <= 1
            return near and (low1[-3:] == low2[-3:] or low1[:3] == low2[:3])
        return False
