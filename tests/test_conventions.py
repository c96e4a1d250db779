"""Per-language letter conventions in ``clean`` follow the language of each segment."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from mixscript import normalize, segment
from tests.chars import ZWNJ

ARABIC_YEH, FARSI_YEH = "\u064a", "\u06cc"
ARABIC_KAF, KEHEH = "\u0643", "\u06a9"


def test_persian_document_quoting_the_basmala() -> None:
    basmala = "بسم الله الرحمن الرحيم"
    # Persian typed on an Arabic keyboard: Arabic yeh and kaf throughout.
    persian = f"اين كتاب را من مي{ZWNJ}خواهم و براي شما مي{ZWNJ}فرستم."
    out = normalize(f"{basmala}\n{persian}", "clean")
    first, second = out.split("\n")
    assert first == basmala  # Arabic spelling kept inside the formula
    assert ARABIC_YEH in first
    # Written by hand: every Arabic yeh/kaf of the Persian line in Persian form.
    assert second == f"این کتاب را من می{ZWNJ}خواهم و برای شما می{ZWNJ}فرستم."


def test_basmala_and_persian_on_one_line() -> None:
    text = f"بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ اين كتاب را مي{ZWNJ}خواهم."
    segs = segment(text, profile="clean")
    kinds = [(s.kind, s.lang) for s in segs if s.script == "Arab"]
    assert kinds == [("basmala", "ar"), ("text", "fa")]
    assert ARABIC_YEH in segs[0].text and FARSI_YEH not in segs[0].text
    assert segs[-1].text == f"این کتاب را می{ZWNJ}خواهم."


def test_arabic_typed_with_persian_letters() -> None:
    # An Arabic sentence typed on a Persian keyboard gets Arabic yeh and kaf;
    # the word-final yeh becomes alef maksura, which looks the same.
    text = "ذهب الولد إلى المدرسة في الصباح وكان معه كتاب"
    typed = text.replace(ARABIC_YEH, FARSI_YEH).replace(ARABIC_KAF, KEHEH)
    out = normalize(typed, "clean")
    assert out == "ذهب الولد إلى المدرسة فى الصباح وكان معه كتاب"


def test_urdu_letters_survive_clean() -> None:
    urdu = "یہ رپورٹ اردو میں بھی دستیاب ہے اور اس کے بارہ حصے ہیں۔"
    assert normalize(urdu, "clean") == urdu


def test_thin_evidence_changes_nothing() -> None:
    for word in ("کتاب", "كتاب", "علي", "علی"):
        assert normalize(word, "clean") == word


def test_consistent_sentences_side_by_side_are_not_tagged(monkeypatch: pytest.MonkeyPatch) -> None:
    """An Arabic sentence (ي ك) beside a Persian one (ی ک): each run already follows
    its own convention, so nothing is tagged and nothing changes."""
    from mixscript.lang import tagger as lang

    def fail(*args: object, **kwargs: object) -> object:
        raise AssertionError("tagged a run that needed no tagging")

    monkeypatch.setattr(lang, "tag", fail)
    text = "ذهب الولد إلى المدرسة وكان معه كتاب. This is English. این کتاب را می" + ZWNJ + "خواهم."
    assert normalize(text, "clean") == text


def test_only_the_inconsistent_run_of_a_line_changes() -> None:
    # Written by hand: the Arabic sentence keeps ي/ك, the Persian one with two
    # Arabic-keyboard words gets ی/ک, the English between is untouched.
    arabic = "ذهب الولد إلى المدرسة وكان معه كتاب."
    persian = "اين کتاب را من مي" + ZWNJ + "خواهم و براي شما می" + ZWNJ + "فرستم."
    out = normalize(f"{arabic} Then, in Persian: {persian}", "clean")
    fixed = "این کتاب را من می" + ZWNJ + "خواهم و برای شما می" + ZWNJ + "فرستم."
    assert out == f"{arabic} Then, in Persian: {fixed}"


def test_run_spans_are_the_tagger_s_and_kept_for_ordinary_runs() -> None:
    """Both steps read a run's tags through run_spans: the tagger's answer to
    the step's question, computed once for a run of ordinary length, every
    time for a huge one."""
    from mixscript.lang import tagger
    from mixscript.lang.conventions import _KEPT_RUN, run_spans

    cands = ("ar", "fa", "ur")
    short = "اين كتاب را مي خواهم"
    assert run_spans(short, cands) == tuple(tagger.tag_spans(short, languages=cands))
    assert run_spans(short, cands, convention=True) == tuple(tagger.convention_spans(short, cands))
    assert run_spans(short, cands)[0][3] == "fa"
    assert run_spans(short, cands) is run_spans(short, cands)
    assert run_spans(short, cands, True) is run_spans(short, cands, True)
    long = " ".join([short] * (_KEPT_RUN // len(short) + 1))
    assert len(long) > _KEPT_RUN
    assert run_spans(long, cands) == tuple(tagger.tag_spans(long, languages=cands))
    assert run_spans(long, cands) is not run_spans(long, cands)


# Urdu word pairs from lingua's test data (word-pairs-ur.txt), typed here with
# the Arabic keyboard's yeh and kaf: the letters cannot tell Urdu from
# Punjabi or Saraiki on two words, but all three write ی and ک.
_URDU_PAIRS = [
    ("مانسون مہينے", "مانسون مہینے"),
    ("دكھانے انسان", "دکھانے انسان"),
]


@pytest.mark.parametrize(("typed", "urdu"), _URDU_PAIRS)
def test_a_text_surely_of_one_convention_is_written_in_it(typed: str, urdu: str) -> None:
    """The letters step asks which convention a run follows, not which language:
    Urdu, Punjabi and Saraiki together are sure where none of them alone is."""
    from mixscript.lang import tagger

    cands = ("ar", "fa", "ur", "pnb", "skr")
    (_, _, _, lang, _, _, confidence), *_ = tagger.tag_spans(typed, languages=cands)
    assert confidence < 0.9  # no one language is sure enough for the convention
    (_, _, _, lang, _, _, confidence), *_ = tagger.convention_spans(typed, cands)
    assert lang in ("ur", "pnb", "skr") and confidence >= 0.9
    assert normalize(typed, "clean", languages=list(cands)) == urdu
    assert normalize(typed, "clean") == urdu  # every Arabic-script language a candidate


def test_the_letters_step_never_asks_fasttext(monkeypatch: pytest.MonkeyPatch) -> None:
    """fastText only tells apart languages that write alike, so the letters step,
    which asks about the convention, has no use for it; the language tagger
    asks it about the same text."""
    from mixscript.lang import fasttext_lid, tagger

    assert fasttext_lid.available()
    asked: list[str] = []
    real = fasttext_lid.log_probabilities

    def counted(text: str, languages: Sequence[str]) -> dict[str, float]:
        asked.append(text)
        return real(text, languages)

    monkeypatch.setattr(fasttext_lid, "log_probabilities", counted)
    # Three words Urdu and Punjabi both write, yeh and kaf from the Arabic keyboard.
    text = "يہ كتاب اچھی"
    out = normalize(text, "clean", languages=["ur", "pnb"])
    assert out == "یہ کتاب اچھی"
    assert asked == []
    tagger.tag_spans(text, languages=["ur", "pnb"])
    assert asked
