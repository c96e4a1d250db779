"""Language tagging with the lingua backend (``mixscript[lang]``).

lingua's models are large, so every test uses one small candidate set: the
detector for it is built once per process (``lang_lingua`` caches it), and the
session fixture below warms it up once.
"""

from __future__ import annotations

from collections.abc import Sequence

import pytest

pytest.importorskip("lingua")

from mixscript.lang import letters as lang_letters
from mixscript.lang import lingua as lang_lingua
from mixscript.lang import tagger as lang

LANGS = ("ar", "fa", "ur", "en", "fr", "de")


@pytest.fixture(scope="session")
def languages() -> Sequence[str]:
    lang_lingua.confidences("warm up the detector once", LANGS)
    return LANGS


def _tags(text: str, languages: Sequence[str]) -> list[tuple[str, str]]:
    return [(s.text, s.tag) for s in lang.tag(text, languages=languages) if s.kind == "text"]


def test_lingua_is_available_and_there_is_no_note(languages: Sequence[str]) -> None:
    assert lang_lingua.available()
    assert lang.backend_note() is None
    values = lang_lingua.confidences("The committee approved the report.", languages)
    assert max(values, key=values.__getitem__) == "en"
    assert abs(sum(values.values()) - 1.0) < 1e-6


def test_unknown_candidates_are_ignored_not_fatal(languages: Sequence[str]) -> None:
    # lingua knows neither Pashto nor Central Kurdish.
    assert lang_lingua.lingua_languages(("ps", "ckb", "en", "fa")) == ("en", "fa")
    assert lang_lingua.confidences("hello", ("ps", "ckb")) == {}


def test_latin_sentences_in_three_languages(languages: Sequence[str]) -> None:
    text = (
        "The committee approved the annual report.\n"
        "La délégation remercie le Secrétariat pour son aide précieuse.\n"
        "Die Sitzung wird am Montag in Wien fortgesetzt."
    )
    assert [tag for _, tag in _tags(text, languages)] == ["en-Latn", "fr-Latn", "de-Latn"]


def test_mixed_line_keeps_scripts_and_languages_apart(languages: Sequence[str]) -> None:
    text = "The Urdu summary reads: یہ رپورٹ اردو میں بھی دستیاب ہے۔"
    assert _tags(text, languages) == [
        ("The Urdu summary reads:", "en-Latn"),
        ("یہ رپورٹ اردو میں بھی دستیاب ہے۔", "ur-Arab"),
    ]


PARAGRAPH = (
    "Der Bericht ist fertig und wird morgen vorgestellt, گزارش {} گزارش "
    "bleibt geschlossen bis Montag früh, sagte die Direktorin."
)


def test_short_latin_run_takes_its_paragraph_language(languages: Sequence[str]) -> None:
    # Alone, "Service Center" looks English to lingua (about 0.6); in a German
    # paragraph it is German.
    own = lang_lingua.confidences("Service Center", languages)
    assert max(own, key=own.__getitem__) == "en"
    tags = _tags(PARAGRAPH.format("Service Center"), languages)
    assert ("Service Center", "de-Latn") in tags


def test_short_latin_run_with_strong_evidence_keeps_its_language(
    languages: Sequence[str],
) -> None:
    tags = _tags(PARAGRAPH.format("thoroughly worthwhile"), languages)
    assert ("thoroughly worthwhile", "en-Latn") in tags


def test_lingua_settles_what_the_letters_leave_open(languages: Sequence[str]) -> None:
    # A Persian word pair made of letters all seven languages share: the
    # letters alone lean Arabic (the more common language); lingua knows the words.

    pair = "روز خوب"  # "good day"
    assert lang_letters.guess(pair, ("ar", "fa", "ur")).lang == "ar"
    assert _tags(pair, languages) == [(pair, "fa-Arab")]


def test_pashto_is_not_overruled_by_lingua(languages: Sequence[str]) -> None:
    # lingua cannot name Pashto; its opinion must not pull a clear Pashto run to Persian.
    sentence = "زه په کابل کې اوسېږم او هره ورځ ښوونځي ته ځم."
    assert _tags(sentence, (*languages, "ps")) == [(sentence, "ps-Arab")]


def test_latin_run_is_und_when_no_latin_candidate(languages: Sequence[str]) -> None:
    segments = [s for s in lang.tag("Hello world", languages=("ar", "fa")) if s.kind == "text"]
    assert [(s.lang, s.confidence) for s in segments] == [("und", 0.0)]


def test_latin_run_cut_between_sentences_of_two_languages(languages: Sequence[str]) -> None:
    english = "The report is ready for the meeting."
    french = "Le rapport est prêt pour la réunion de demain."
    assert _tags(f"{english} {french}", languages) == [
        (english, "en-Latn"),
        (french, "fr-Latn"),
    ]


def test_latin_run_of_one_language_stays_whole(languages: Sequence[str]) -> None:
    text = "The committee met today. It approved the report. Thanks to all."
    assert _tags(text, languages) == [(text, "en-Latn")]


def test_vowelled_verse_and_its_persian_translation_are_cut(languages: Sequence[str]) -> None:
    verse = "قُلْ هُوَ اللَّهُ أَحَدٌ."
    persian = "بگو: او خداوند یکتاست."
    assert _tags(f"{verse} {persian}", languages) == [(verse, "ar-Arab"), (persian, "fa-Arab")]


def test_short_arabic_sentence_keeps_its_language_beside_persian(
    languages: Sequence[str],
) -> None:
    text = "إن شاء الله سنلتقي غدا. ان شاء الله فردا همدیگر را می\u200cبینیم."
    segments = [s for s in lang.tag(text, languages=languages) if s.kind != "space"]
    assert [(s.tag, s.kind) for s in segments] == [
        ("ar-Arab", "formula"),
        ("ar-Arab", "text"),
        ("ar-Arab", "formula"),
        ("fa-Arab", "text"),
    ]


@pytest.mark.slow
def test_lingua_is_imported_only_when_a_run_needs_it() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, mixscript, mixscript.lang.tagger as lang\n"
        "lang.tag('یہ رپورٹ اردو میں بھی دستیاب ہے اور اس کے بارہ حصے ہیں۔')\n"
        "print('lingua' in sys.modules)\n"
        "lang.tag('The committee approved the report.', languages=['en', 'fr'])\n"
        "print('lingua' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["False", "True"]


def test_short_pashto_quotation_is_not_handed_to_persian(languages: Sequence[str]) -> None:
    # lingua reads دغه کتاب ("this book") as Persian, but it can only re-weigh
    # Arabic, Persian and Urdu among themselves: Pashto's function word دغه
    # keeps the phrase Pashto, with the low confidence two words deserve.
    text = "She wrote «دغه کتاب» on the board."
    arabic = [s for s in lang.tag(text, languages=(*languages, "ps")) if s.script == "Arab"]
    assert [(s.text, s.lang) for s in arabic] == [("«دغه کتاب»", "ps")]
    assert 0.5 < arabic[0].confidence < 0.9
