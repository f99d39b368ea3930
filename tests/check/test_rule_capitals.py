"""capitals: runs of words in capitals (shouting) are reported; acronyms are not."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sosmed.check.rules.capitals import _shouts, may_shout
from tests.check.helpers import POST_HEAD, make_instance, of_rule, run, write_post

HEAD = POST_HEAD + "platforms: [facebook]\n"


def test_acronyms_pass(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD, "Seleksi PPPK dan CPNS di BKD NTT dimulai pukul 09.00 WITA.\n")
    assert of_rule(run(root), "capitals") == []


def test_shouting_title_and_long_word(tmp_path: Path) -> None:
    root = make_instance(tmp_path)
    write_post(root, HEAD.replace("Sosialisasi Juknis Media Sosial", "PENGUMUMAN SELEKSI PPPK"),
               "Isi tulisan.\n\nHal ini PENTING SEKALI bagi peserta. Dan KEPEGAWAIAN.\n")
    found = of_rule(run(root), "capitals")
    # "PENTING SEKALI" is two words of fewer than 8 letters: emphasis, not shouting.
    assert [(p.line, p.column) for p in found] == [(2, 1), (13, 42)]
    assert found[0].message("id") == ("Teks berhuruf kapital semua terbaca seperti berteriak: «PENGUMUMAN SELEKSI PPPK». "
                                      "Gunakan huruf kapital hanya di awal kalimat, nama diri dan akronim.")
    assert found[0].message("en") == ("Text in all capitals reads as shouting: «PENGUMUMAN SELEKSI PPPK». Use capitals "
                                      "only at the start of sentences, for names and acronyms.")
    assert found[1].args["excerpt"] == "KEPEGAWAIAN"


def test_a_very_long_run_of_capitals_is_reported_once(tmp_path: Path) -> None:
    # The skipped-span search used to be quadratic on such input (20,000 capitals: 1.4 s);
    # it is linear now. Speed lives in the benchmark; this pins the result.
    root = make_instance(tmp_path)
    write_post(root, HEAD, "A" * 50_000 + "\n")
    found = of_rule(run(root), "capitals")
    assert [(p.line, p.column) for p in found] == [(11, 1)]
    assert found[0].args["excerpt"] == "A" * 60


SHOUT_ALPHABET = "ABKDNPTW" + "aei" + "  \t\n" + "-'’_.,:0" + "É"


@given(st.text(alphabet=SHOUT_ALPHABET, max_size=60), st.integers(1, 4), st.integers(1, 9))
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_the_gate_never_hides_a_shout(text: str, min_words: int, min_letters: int) -> None:
    # The cheap gate may let a text through for nothing; it must never stop one that shouts.
    if _shouts(text, min_words, min_letters):
        assert may_shout(text, min_words, min_letters)


def test_the_gate_lets_acronyms_alone_pass_by() -> None:
    assert not may_shout("Seleksi PPPK dan CPNS di BKD NTT dimulai pukul 09.00 WITA.", 3, 8)
    assert may_shout("Hal ini PENTING SEKALI BAGI peserta", 3, 8)
    assert may_shout("Dan KEPEGAWAIAN.", 3, 8)
