"""Language tagging without lingua: the letters backend and the segment structure of lang.tag.

Every test here runs with lingua switched off (see the ``no_lingua`` fixture),
so the letters backend is what is tested, and results do not depend on the
optional extra.  tests/test_lang_lingua.py covers the lingua backend.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mixscript.lang import letters as lang_letters
from mixscript.lang import lingua as lang_lingua
from mixscript.lang import tagger as lang
from mixscript.text.runs import script_runs

SAMPLES = json.loads((Path(__file__).parent / "data" / "lang_samples.json").read_text("utf-8"))
ARABIC_SCRIPT = ("ar", "fa", "ur", "ps", "ckb", "sd", "ug")
TO_ARABIC_YK = str.maketrans({"ی": "ي", "ک": "ك"})


@pytest.fixture(autouse=True)
def no_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang_lingua, "available", lambda: False)


def _text_segments(text: str, languages: Sequence[str] | None = None) -> list[tuple[str, str]]:
    return [(s.text, s.lang) for s in lang.tag(text, languages=languages) if s.kind == "text"]


SENTENCES = [(code, s) for code in ARABIC_SCRIPT for s in SAMPLES[code]]


@pytest.mark.parametrize("code,sentence", SENTENCES)
def test_each_arabic_script_language_from_a_sentence(code: str, sentence: str) -> None:
    guess = lang_letters.guess(sentence)
    assert guess.lang == code
    assert guess.confidence > 0.5
    segments = [s for s in lang.tag(sentence) if s.kind == "text"]
    assert [s.tag for s in segments] == [f"{code}-Arab"]


@pytest.mark.parametrize("sentence", SAMPLES["fa"])
def test_persian_with_arabic_yeh_and_kaf_is_persian(sentence: str) -> None:
    typed = sentence.translate(TO_ARABIC_YK)
    assert typed != sentence  # the fixture really uses both letters
    assert lang_letters.guess(typed).lang == "fa"


def test_persian_function_words_outweigh_arabic_keyboard() -> None:
    # "I want this book": every yeh and kaf Arabic, the words Persian.
    assert lang_letters.guess("اين كتاب را مي\u200cخواهم").lang == "fa"
    assert lang_letters.guess("این کتاب را می\u200cخواهم").lang == "fa"


def test_arabic_stays_arabic() -> None:
    # Arabic with Persian yeh (as some keyboards type it) is still Arabic: ال, ة, في.
    text = "ذهبت إلى المکتبة في الصباح لقراءة الکتب الجدیدة"
    assert lang_letters.guess(text).lang == "ar"


@pytest.mark.parametrize(
    "word,best",
    [
        ("کتاب", "fa"),  # Persian kaf, no other clue: Persian is the likeliest reader
        ("دوست", "ar"),  # nothing but letters all seven share: the most common language
        ("پل", "fa"),  # پ rules out Arabic, nothing more
        ("کتاب و قلم", "fa"),  # the conjunction و is every language's, not Kurdish evidence
    ],
)
def test_thin_evidence_gives_best_guess_with_low_confidence(word: str, best: str) -> None:
    guess = lang_letters.guess(word)
    assert guess.lang == best
    assert 0.0 < guess.confidence < 0.9


def test_distinctive_letters_are_strong_evidence_even_in_one_word() -> None:
    # ے and ہ are written by Urdu alone among the first seven languages.
    seven = ("ar", "fa", "ur", "ps", "ckb", "sd", "ug")
    guess = lang_letters.guess("ہے", seven)
    assert guess.lang == "ur"
    assert guess.confidence > 0.99
    # Punjabi, Saraiki and Kashmiri write them too: Urdu, the most written of
    # the four, stays first, less sure.
    guess = lang_letters.guess("ہے")
    assert guess.lang == "ur"
    assert 0.9 < guess.confidence < 0.99


def test_more_evidence_means_more_confidence() -> None:
    one = lang_letters.guess("کتاب")
    sentence = lang_letters.guess("این کتاب را دیروز خریدم و امروز خواندم.")
    assert one.lang == sentence.lang == "fa"
    assert sentence.confidence > one.confidence


@pytest.mark.parametrize("text", ["ب", "ی", "\u064e"])
def test_lone_letter_is_und(text: str) -> None:
    guess = lang_letters.guess(text)
    assert (guess.lang, guess.confidence) == ("und", 0.0)
    segments = lang.tag(text)
    assert [(s.lang, s.confidence) for s in segments] == [("und", 0.0)]


def test_candidates_restrict_the_answer() -> None:
    # Without distinctive letters, the candidate list decides between the languages.
    assert lang_letters.guess("کتاب خوب", ["ur"]).lang == "ur"
    assert _text_segments("کتاب خوب", languages=["ur", "en"]) == [("کتاب خوب", "ur")]


def test_latin_runs_are_und_without_lingua() -> None:
    segments = [s for s in lang.tag("The report is ready. گزارش آماده است.") if s.kind == "text"]
    assert [s.tag for s in segments] == ["und-Latn", "fa-Arab"]
    assert segments[0].confidence == 0.0
    note = lang.backend_note()
    assert note is not None and "mixscript[lang]" in note and "\n" not in note
    assert lang.backend_note(["fa", "ar"]) is None  # the letters need no lingua
    assert lang.backend_note(["fa", "en"]) == note


def test_basmala_in_a_persian_document() -> None:
    text = "بِسْمِ اللَّهِ الرَّحْمَٰنِ الرَّحِيمِ\nاین گزارش سالانهٔ کتابخانه است."
    segments = lang.tag(text)
    basmala = segments[0]
    line_end = text.index("\n")
    assert (basmala.start, basmala.end) == (0, line_end)
    assert (basmala.tag, basmala.kind) == ("ar-Arab", "basmala")
    rest = [s for s in segments[1:] if s.kind == "text"]
    assert [(s.text, s.tag) for s in rest] == [("این گزارش سالانهٔ کتابخانه است.", "fa-Arab")]


def test_basmala_inside_a_run_splits_it() -> None:
    text = "\ufdfd این کتاب را می\u200cخواهم"
    assert [(s.text, s.tag, s.kind) for s in lang.tag(text)] == [
        ("\ufdfd", "ar-Arab", "basmala"),
        (" ", "und-Zyyy", "space"),
        ("این کتاب را می\u200cخواهم", "fa-Arab", "text"),
    ]


def test_transliterated_basmala_is_ar_latn() -> None:
    text = "He opened with Bismillah ir-Rahman ir-Rahim and then spoke."
    formula = [s for s in lang.tag(text) if s.kind == "basmala"]
    assert [(s.text, s.tag, s.direction) for s in formula] == [
        ("Bismillah ir-Rahman ir-Rahim", "ar-Latn", "ltr")
    ]


def test_arabic_and_persian_sentences_on_one_line_are_split() -> None:
    arabic, persian = SAMPLES["ar"][0], SAMPLES["fa"][1]
    text = f"{arabic} {persian}"
    assert len(script_runs(text)) == 1  # one script run ...
    assert _text_segments(text) == [(arabic, "ar"), (persian, "fa")]  # ... two languages


def test_one_language_run_is_not_split() -> None:
    text = " ".join(SAMPLES["ur"])
    assert _text_segments(text) == [(text, "ur")]


def test_short_piece_takes_its_paragraph_language() -> None:
    # A Pashto sentence cut by an English name: the lone "د" and the short
    # first half carry no Pashto letter of their own.
    text = "د Abdul Rahman ژمي په موسم کې په غرونو واوره ورېږي."
    arabic = [s for s in lang.tag(text) if s.script == "Arab"]
    assert [(s.text, s.lang) for s in arabic] == [
        ("د", "ps"),
        ("ژمي په موسم کې په غرونو واوره ورېږي.", "ps"),
    ]


def test_neutral_runs_have_no_language() -> None:
    segments = lang.tag("گزارش ۱۴۰۳ — 2024 !")
    for s in segments:
        if s.kind in ("space", "number", "punct"):
            assert (s.lang, s.script, s.direction, s.confidence) == ("und", "Zyyy", "neutral", 0.0)


@given(
    st.lists(
        st.sampled_from(
            [
                "سلام",
                "ہے",
                "Hello",
                " ",
                "\n",
                "۱۴۰۳",
                "،",
                "«",
                "»",
                "\ufdfd",
                "بسم الله الرحمن الرحيم",
                "\u200c",
                "\u064e",
                "Bismillah ir-Rahman ir-Rahim",
                "ښه",
                "ئۇ",
                ".",
                "x",
            ]
        ),
        max_size=12,
    )
)
def test_segments_cover_the_text_exactly(parts: list[str]) -> None:
    text = "".join(parts)
    segments = lang.tag(text)
    pos = 0
    for s in segments:
        assert s.start == pos < s.end
        assert s.text == text[s.start : s.end]
        assert 0.0 <= s.confidence <= 1.0
        assert (s.lang == "und") == (s.confidence == 0.0)
        pos = s.end
    assert pos == len(text)


@given(st.text(max_size=40))
def test_any_text_is_covered(text: str) -> None:
    segments = lang.tag(text)
    assert "".join(s.text for s in segments) == text
    assert all(s.start < s.end for s in segments)


def test_empty_text_has_no_segments() -> None:
    assert lang.tag("") == []


TO_FARSI_YK = str.maketrans({"ي": "ی", "ك": "ک"})


@pytest.mark.parametrize("code,sentence", [(c, s) for c in ("ar", "fa", "ur") for s in SAMPLES[c]])
def test_tag_survives_its_own_yeh_kaf_convention(code: str, sentence: str) -> None:
    """The clean profile rewrites yeh/kaf by the tag; the rewritten text must keep the tag.

    Otherwise normalising twice would not give the same text.
    """
    for typed in (sentence.translate(TO_ARABIC_YK), sentence.translate(TO_FARSI_YK)):
        assert lang_letters.guess(typed).lang == code
        fixed = typed.translate(TO_ARABIC_YK if code == "ar" else TO_FARSI_YK)
        assert lang_letters.guess(fixed).lang == code


def test_docs_name_the_default_candidates_and_the_formula_file() -> None:
    page = (Path(__file__).parents[1] / "docs" / "languages.md").read_text("utf-8")
    assert f"`{' '.join(lang_lingua.DEFAULT_LANGUAGES)}`" in page
    assert "src/mixscript/lang/data/formulas.json" in page
    assert (Path(__file__).parents[1] / "src/mixscript/lang/data/formulas.json").exists()


def test_candidates_without_arabic_script_languages_leave_all_seven() -> None:
    segments = [
        s for s in lang.tag("ہمارے گاؤں میں میلہ لگتا ہے", languages=["en"]) if s.kind == "text"
    ]
    assert [s.lang for s in segments] == ["ur"]


def test_candidate_tags_are_reduced_to_their_primary_subtag() -> None:
    assert _text_segments("کتاب خوب", languages=["UR-PK", "en-GB"]) == [("کتاب خوب", "ur")]


# Short Pashto: the letters only Pashto writes are strong evidence, their
# absence from a word or two is weak evidence, and Pashto's own function words
# name a phrase that has none of its letters.  The phrases below are written
# for these tests.


def test_absent_pashto_letters_cost_more_the_longer_the_text() -> None:
    one, two = lang_letters.priors("کور")["ps"], lang_letters.priors("کور ته")["ps"]
    assert lang_letters.PRIOR["ps"] > one > two
    # A word holding ښ costs nothing: it shows a Pashto letter.
    assert lang_letters.priors("ښه")["ps"] == lang_letters.PRIOR["ps"]
    # A whole Persian sentence without any Pashto letter is far from Pashto.
    sentence = "این کتاب را دیروز خریدم و امروز آن را خواندم چون دوستم گفت خوب است"
    assert lang_letters.priors(sentence)["ps"] < -4.0
    assert lang_letters.priors(sentence)["fa"] == lang_letters.PRIOR["fa"]


@pytest.mark.parametrize("phrase", ["دغه کتاب", "په کور", "هغه هر کال"])
def test_pashto_function_words_name_a_short_phrase_without_pashto_letters(phrase: str) -> None:
    # "this book", "at home", "he ... every year": no letter only Pashto writes.
    guess = lang_letters.guess(phrase)
    assert guess.lang == "ps"
    assert 0.5 < guess.confidence < 0.9
    assert _text_segments(f"She wrote «{phrase}» on the board.") == [
        ("She wrote", "und"),
        (f"«{phrase}»", "ps"),
        ("on the board.", "und"),
    ]


def test_a_lone_letter_that_is_a_function_word_is_thin_evidence() -> None:
    # Pashto د ("of") written alone: a guess with a low confidence, not und.
    guess = lang_letters.guess("د")
    assert guess.lang == "ps"
    assert 0.3 < guess.confidence < 0.9
    segments = [s for s in lang.tag("The label says «د» only.") if s.script == "Arab"]
    assert [(s.lang, s.confidence < 0.9) for s in segments] == [("ps", True)]
    # Not a word of its own: part of a longer word, or no function word at all.
    assert lang_letters.guess("ر").lang == "und"


def test_final_arabic_yeh_beside_keheh_is_pashto_spelling() -> None:
    # لیکي "(he) writes": Pashto's final ي next to ک.
    assert lang_letters.guess("لیکي").lang == "ps"
    # Persian half retyped on an Arabic keyboard keeps ي inside words only.
    assert lang_letters.guess("کشيدن کتاب").lang == "fa"
    assert lang_letters.guess("كتابي").lang == "ar"  # Arabic kaf: an Arabic keyboard


def test_pashto_half_sentence_takes_its_context_despite_persian_looking_words() -> None:
    # The first half (به، هر are Persian function words too) shows no Pashto
    # letter; the rest of the sentence is plainly Pashto.
    text = "زه به هر کال Kabul Bank ته ځم او هلته کار کوم."
    arabic = [(s.text, s.lang) for s in lang.tag(text) if s.script == "Arab"]
    assert arabic == [("زه به هر کال", "ps"), ("ته ځم او هلته کار کوم.", "ps")]


def test_sentence_ends_at_the_edges_of_a_span() -> None:
    """A full stop just before the span ends a sentence at its start, as inside it;
    punctuation without space after it ends nothing."""
    from mixscript import _core

    text = "One. Two! Three?) Four.five"
    assert _core.sentences(text, 0, len(text)) == [(0, 4), (5, 9), (10, 17), (18, 27)]
    assert _core.sentences(text, 4, 12) == [(4, 4), (5, 9), (10, 12)]
    assert _core.sentences(text, 5, 8) == [(5, 8)]
