"""Word-frequency evidence for language tagging (wordfreq, part of ``mixscript[lang]``)."""

from __future__ import annotations

import math

import pytest

pytest.importorskip("wordfreq")
pytest.importorskip("lingua")

from mixscript.lang import lingua as lang_lingua
from mixscript.lang import tagger as lang
from mixscript.lang import words as lang_words
from mixscript.model import Segment

LANGS = ("ar", "fa", "ur", "en", "fr", "de", "es", "it", "tr")


def test_frequent_words_favour_their_language() -> None:
    # "the" and "und" are among the most frequent words of English and German.
    assert lang_words.available()
    en = lang_words.log_likelihoods("the house", ("en", "de"))
    de = lang_words.log_likelihoods("und das", ("en", "de"))
    assert en["en"] > en["de"]
    assert de["de"] > de["en"]


def test_words_no_list_knows_give_no_vote() -> None:
    values = lang_words.log_likelihoods("Xqzvbt Wkrrpq", ("en", "fr", "de"))
    assert set(values) == {"en", "fr", "de"}
    assert len(set(values.values())) == 1


def test_no_evidence_without_a_list_for_every_candidate() -> None:
    # wordfreq has no Pashto list: comparing would favour the listed language.
    assert lang_words.log_likelihoods("the house", ("en", "ps")) == {}
    assert lang_words.log_likelihoods("", ("en", "fr")) == {}
    assert lang_words.log_likelihoods("...", ("en", "fr")) == {}


def test_without_wordfreq_lingua_decides_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang_words, "available", lambda: False)
    assert lang_words.log_likelihoods("the house", ("en", "de")) == {}
    # lingua alone calls this English pair Turkish (the case the words fix)...
    assert lang._lingua_guess("hard disk", LANGS).lang == "tr"
    # ...with 0.36, too little to name a two-word run on its own: und.
    assert _alone("hard disk", LANGS).lang == "und"


@pytest.mark.parametrize("phrase", ["hard disk", "car park"])
def test_word_frequencies_fix_english_pairs_lingua_calls_turkish(phrase: str) -> None:
    own = lang_lingua.confidences(phrase, LANGS)
    assert max(own, key=own.__getitem__) == "tr"
    guess = lang._lingua_guess(phrase, LANGS)
    assert guess.lang == "en"
    assert abs(sum(guess.probs.values()) - 1.0) < 1e-9
    # Inside a Persian sentence the pair is one English segment, or und when
    # its words are not clearly English: "car" is French too ("because"),
    # and the paragraph has no Latin language to lend it.
    text = f"این {phrase} خراب شده است."
    tags = [(s.text, s.tag) for s in lang.tag(text, languages=LANGS) if s.kind == "text"]
    expected = "en-Latn" if phrase == "hard disk" else "und-Latn"
    assert (phrase, expected) in tags


def _alone(text: str, languages: tuple[str, ...]) -> Segment:
    """The one segment ``tag`` makes of a single run: its own evidence, no context."""
    [segment] = lang.tag(text, languages=languages)
    return segment


def _without_words(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang_words, "available", lambda: False)


def test_frequent_urdu_word_without_urdu_letters(monkeypatch: pytest.MonkeyPatch) -> None:
    # اس ("this") is one of the most frequent words of Urdu and has no letter
    # that only Urdu uses; the letters and lingua lean Persian.
    assert _alone("اس", ("ar", "fa", "ur")).lang == "ur"
    _without_words(monkeypatch)
    assert _alone("اس", ("ar", "fa", "ur")).lang != "ur"


def test_frequent_persian_verb_becomes_sure(monkeypatch: pytest.MonkeyPatch) -> None:
    # شود ("becomes") is written with letters every language here shares.
    sure = _alone("شود", ("ar", "fa", "ur"))
    _without_words(monkeypatch)
    unsure = _alone("شود", ("ar", "fa", "ur"))
    assert sure.lang == unsure.lang == "fa"
    assert sure.confidence > unsure.confidence
    assert sure.confidence >= 0.9


def test_context_outweighs_word_frequencies() -> None:
    # بعد ("after") is more frequent in Arabic than in Persian, so alone it
    # leans Arabic; opening a Persian sentence cut by an English pair, it is
    # Persian: word frequencies are a prior, and the sentence is evidence.
    assert _alone("بعد", ("ar", "fa", "ur")).lang == "ar"
    text = "بعد board meeting از جلسه به خانه رفتیم و شام خوردیم."
    tags = [(s.text, s.lang) for s in lang.tag(text, languages=LANGS) if s.kind == "text"]
    assert tags[0] == ("بعد", "fa")
    assert tags[1] == ("board meeting", "en")


def test_turkish_capital_i_is_looked_up_as_turkish() -> None:
    # Python's casefold would give "i̇stanbul" (i + combining dot above),
    # which no word list holds; wordfreq's own Turkish folding gives "istanbul".
    capital = lang_words.log_likelihoods("İstanbul", ("tr", "en"))
    small = lang_words.log_likelihoods("istanbul", ("tr", "en"))
    assert capital["tr"] == small["tr"] > 0.0
    assert capital["tr"] > capital["en"]


def test_a_word_with_zwnj_is_looked_up_whole() -> None:
    from wordfreq import zipf_frequency

    word = "می\u200cشود"  # Persian "becomes", one word with a ZWNJ
    whole = math.log(10.0) * zipf_frequency(word, "fa", wordlist="small")
    assert lang_words.log_likelihoods(word, ("fa",))["fa"] == pytest.approx(whole)
