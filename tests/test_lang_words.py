"""Word-frequency evidence for language tagging (wordfreq, part of ``mixscript[lang]``)."""

from __future__ import annotations

import functools
import math
import operator
import re

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("wordfreq")
pytest.importorskip("lingua")

from wordfreq.tokens import INITIAL_VOWEL_EXPR

from mixscript import _core
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


# --- Values read at dict speed must be wordfreq's own -----------------------------------

_PLAIN_LANGS = ("en", "fr", "de", "es", "it", "id", "tr", "ro")


# The plain words as the Python implementation defined them before the core
# took the lookups over: Latin-1 letters only, or plain Arabic-script letters
# only (the oracle of the core's plain_word), now with the dotless ı ...
_PLAIN = re.compile(
    r"[A-Za-zÀ-ÖØ-öø-ÿı]+"
    r"|[\u0620-\u063f\u0641-\u064a\u066e\u066f\u0671-\u0674\u0679-\u06d3\u06d5"
    r"\u06ee\u06ef\u06fa-\u06fc\u06ff]+"
)
# ... and Latin-1 words with apostrophes between letters, but for those
# wordfreq's tokeniser cuts in two (an elision: its own pattern of what may
# follow one or two letters and an ASCII apostrophe) and those holding ß.
_APOSTROPHES = re.compile(r"[A-Za-zÀ-ÖØ-öø-ÿı]+(?:['’][A-Za-zÀ-ÖØ-öø-ÿı]+)+")
_ELISION = regex.compile(rf"[^'’]{{1,2}}'{INITIAL_VOWEL_EXPR}")


def _plain(word: str) -> bool:
    if _PLAIN.fullmatch(word):
        return True
    return bool(_APOSTROPHES.fullmatch(word)) and "ß" not in word and not _ELISION.match(word)


# The words of log_likelihoods and find_words, as the regex module finds them.
_WORD = regex.compile(r"\p{L}[\p{L}\p{M}]*(?:['’\u200c\u200d]\p{L}[\p{L}\p{M}]*)*")


@pytest.mark.parametrize("code", [*_PLAIN_LANGS, "ar", "fa", "ur"])
def test_every_plain_listed_word_has_wordfreqs_value(code: str) -> None:
    # The plain table recomputes wordfreq's rounding from its frequency list,
    # and the core reads it by the word case-folded; wordfreq's zipf_frequency
    # (tokeniser and all) is the oracle, for every word of the list in three
    # spellings.  Fresh tables, so that nothing learnt from wordfreq answers.
    import wordfreq

    table = lang_words._plain_table(code)
    assert len(table) > 20_000  # the list's plain words, not a handful
    dotless_i = lang_words._dotless_i(code)
    tables = _core.WordTables(10)
    tables.add_language(code, dotless_i, list(table), list(table.values()))
    spellings = [w for t in table for w in dict.fromkeys([t, t.capitalize(), t.upper()])]
    # A Turkish capital I is read as ı, but beside an apostrophe.
    plain = [w for w in spellings if _plain(w) and not (dotless_i and "I" in w and "'" in w)]
    assert len(plain) >= len(table)
    rows, missing = tables.rows(plain, (code,))
    assert missing == []  # all read from the table
    for word, value in zip(plain, rows[0], strict=True):
        assert value == wordfreq.zipf_frequency(word, code, wordlist="small"), (code, word)
    # The others (Ÿ, a Turkish capital I beside an apostrophe) are left to wordfreq.
    read = set(plain)
    others = [w for w in spellings if w not in read]
    if others:
        assert tables.rows(others, (code,))[1] == [(0, w) for w in dict.fromkeys(others)]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=0x6FF) | st.sampled_from("\u200c\ufefbẞı’")))
def test_plain_words_are_the_plain_letters_of_old(word: str) -> None:
    assert _core.plain_word(word) == _plain(word)
    if _plain(word):
        # A plain word is looked up by its casefold: wordfreq's token.
        tables = _core.WordTables(10)
        tables.add_language("xx", False, [word.casefold().replace("’", "'")], [1.0])
        assert tables.rows([word], ["xx"]) == ([[1.0]], [])


_APOSTROPHE_LETTERS = [*"adehilnostuyAEHILOSTÀÉéàüÿßı", "'", "’"]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_APOSTROPHE_LETTERS), min_size=1, max_size=8))
def test_a_plain_word_is_one_token_to_wordfreq(word: str) -> None:
    # What makes a word plain: wordfreq's tokeniser gives it as one token, its
    # casefold with the apostrophes uncurled, in every language read from the
    # plain table (Turkish with a capital I as ı, but beside an apostrophe).
    from wordfreq import lossy_tokenize

    assert _core.plain_word(word) == _plain(word)
    if not _core.plain_word(word):
        return
    for code in _PLAIN_LANGS:
        token = word
        if lang_words._dotless_i(code) and "I" in word:
            if "'" in word or "’" in word:
                continue
            token = word.replace("I", "ı")
        assert lossy_tokenize(word, code) == [token.casefold().replace("’", "'")], (word, code)


@pytest.mark.parametrize("code", ["en", "fr", "tr"])
def test_contractions_and_elisions_have_wordfreqs_value(code: str) -> None:
    from wordfreq import zipf_frequency

    words = ["can't", "It's", "it’s", "people's", "O'Hara", "l'homme", "l’homme", "qu'il"]
    words += ["rock'n'roll", "I'm", "y'all", "aujourd'hui", "Straße's", "Türkiye'nin"]
    for word in words:
        assert lang_words._zipf(word, code) == zipf_frequency(word, code, wordlist="small"), word
    assert lang_words._zipf("can't", "en") > 4  # read from the table, not absent


# Letters (Latin, Arabic, beyond the BMP), marks, joiners, apostrophes,
# digits, spaces and punctuation: the classes the word pattern tells apart.
_TEXT_CHARS = [
    *"aZé ß.,'’-_1٣",
    "\u0301",  # COMBINING ACUTE ACCENT
    "\u064e",  # FATHA
    "\u0640",  # TATWEEL (Lm)
    "\u200c",
    "\u200d",
    "\u200f",
    *"بپیە",
    "\U0001d400",  # MATHEMATICAL BOLD CAPITAL A
    "\u0903",  # DEVANAGARI SIGN VISARGA (Mc)
    "\u20dd",  # COMBINING ENCLOSING CIRCLE (Me)
]


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(_TEXT_CHARS), max_size=30), st.data())
def test_words_are_found_as_the_pattern_finds_them(text: str, data: st.DataObject) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    assert lang_words.find_words(text, start, end) == _WORD.findall(text, start, end)


def test_words_wordfreq_gives_are_asked_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import wordfreq

    asked: list[tuple[str, str]] = []
    real = wordfreq.zipf_frequency

    def zipf_frequency(word: str, lang: str, wordlist: str = "best") -> float:
        asked.append((word, lang))
        return real(word, lang, wordlist=wordlist)

    monkeypatch.setattr(wordfreq, "zipf_frequency", zipf_frequency)
    words = ["aujourd'hui", "maison", "aujourd'hui", "qu’il"]
    expected = [real(w, "fr", wordlist="small") for w in words]
    assert expected[0] > 0
    for _ in range(2):
        assert lang_words.zipf_rows(words, ("fr",)) == {"fr": expected}
    # The plain word never; each other word once (unless seen by an earlier test).
    assert set(asked) <= {("aujourd'hui", "fr"), ("qu’il", "fr")}
    assert len(asked) == len(set(asked))


_VOCABULARY = ["the", "house", "chat", "est", "Katze", "zzq", "l'homme", "der", "le"]


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_VOCABULARY), min_size=0, max_size=30), min_size=1, max_size=4
    )
)
def test_stretch_sums_add_forty_values_from_the_left(sentences: list[list[str]]) -> None:
    # ln 10 times wordfreq's values added one by one from the left, as Python
    # 3.11's sum did (later versions compensate): the pins were made so.  Each
    # sentence, then all their words: forty at most count.
    from wordfreq import zipf_frequency

    text = ""
    stretches = []
    for words in sentences:
        start = len(text)
        text += " ".join(words) + ". "
        stretches.append((start, len(text) - 1))
    codes = ("en", "fr")
    found = lang_words.stretch_log_likelihoods(text, stretches, codes)

    def expected(words: list[str]) -> dict[str, float]:
        if not words:
            return {}
        return {
            c: math.log(10.0)
            * functools.reduce(
                operator.add, [zipf_frequency(w, c, wordlist="small") for w in words[:40]], 0.0
            )
            for c in codes
        }

    assert found == [*map(expected, sentences), expected([w for s in sentences for w in s])]


_LATIN1_LETTERS = [chr(c) for c in range(0xC0, 0x100) if chr(c).isalpha()]
# Every Arabic-block character, plain letters or not: marks, tatweel, digits,
# U+0675..U+0678 (which NFKC splits), presentation forms, ZWNJ.
_ARABIC_CHARS = [chr(c) for c in range(0x600, 0x700)] + ["\u200c", "\ufefb", "\ufb8a"]


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*"abcdeinorstuzABIZ", *_LATIN1_LETTERS]), min_size=1),
    st.sampled_from([*_PLAIN_LANGS, "sh", "ar", "fa", "ur"]),
)
def test_any_word_has_wordfreqs_value(word: str, code: str) -> None:
    # Unlisted words, ß (folded to ss), and languages that fold otherwise
    # (Turkish dotted I) or not at all like Latin ones.
    from wordfreq import zipf_frequency

    assert lang_words._zipf(word, code) == zipf_frequency(word, code, wordlist="small")


# Letters of the commonest words, so that drawn words are often listed ones.
_COMMON_ARABIC = list("اویمنهدرلبکتسی")


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from(_COMMON_ARABIC + _ARABIC_CHARS), min_size=1, max_size=6),
    st.sampled_from(["ar", "fa", "ur", "en"]),
)
def test_any_arabic_script_word_has_wordfreqs_value(word: str, code: str) -> None:
    # Arabic-script words read from the plain table, and those that are not
    # plain (a haraka, a tatweel, a ZWNJ, a form NFKC rewrites), must agree
    # with wordfreq's tokeniser and normaliser.
    from wordfreq import zipf_frequency

    assert lang_words._zipf(word, code) == zipf_frequency(word, code, wordlist="small")


def test_words_outside_the_plain_letters_go_through_wordfreq() -> None:
    from wordfreq import zipf_frequency

    # An elided article, a combining accent, Turkish İ.
    for word, code in [
        ("l'homme", "fr"),
        ("e\u0301te\u0301", "fr"),
        ("İstanbul", "tr"),
    ]:
        assert lang_words._zipf(word, code) == zipf_frequency(word, code, wordlist="small")
    assert not lang_words._plain_language("az")  # transliterated from Cyrillic
    assert not lang_words._plain_language("sh")  # listed, and transliterated
    assert lang_words._plain_language("en")
    assert lang_words._plain_language("tr")
    # Turkish folds a capital I to dotless ı: Ilık is read as ılık.
    assert lang_words._zipf("Ilık", "tr") == zipf_frequency("ılık", "tr", wordlist="small") > 0


def test_rows_follow_the_order_of_the_languages_asked() -> None:
    # Callers ask in any order (lingua's confidences come most likely first);
    # the values are wordfreq's whatever the order, and again once cached.
    from wordfreq import zipf_frequency

    words = ["the", "chat", "Katze", "the", "zzqx"]
    for codes in (("fr", "en", "de"), ("de", "fr", "en"), ("fr", "en", "de")):
        rows = lang_words.zipf_rows(words, codes)
        assert list(rows) == list(codes)
        for code in codes:
            assert rows[code] == [zipf_frequency(w, code, wordlist="small") for w in words]
    assert lang_words.zipf_rows(["Katze"], ("en", "de")) == {
        "en": [zipf_frequency("Katze", "en", wordlist="small")],
        "de": [zipf_frequency("Katze", "de", wordlist="small")],
    }


# --- A Latin run its words settle does not go to lingua -----------------------------------

_LATIN = ("de", "en", "fr")


def _counting_lingua(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []
    real = lang_lingua.confidences

    def confidences(text: str, languages: tuple[str, ...]) -> dict[str, float]:
        asked.append(text)
        return real(text, languages)

    monkeypatch.setattr(lang_lingua, "confidences", confidences)
    return asked


def test_a_sentence_its_words_settle_is_not_sent_to_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _counting_lingua(monkeypatch)
    english = "The committee said that it would publish the report before the end of the year."
    german = "Der Ausschuss hat gesagt, dass er den Bericht vor dem Ende des Jahres vorlegen wird."
    french = "Le comité a dit qu'il publierait le rapport avant la fin de l'année."
    for text, code in [(english, "en"), (german, "de"), (french, "fr")]:
        guess = lang._lingua_guess(text, ("fa", *_LATIN))
        assert (guess.lang, round(guess.confidence, 4)) == (code, 1.0)
    assert asked == []


def test_short_runs_and_close_calls_still_go_to_lingua(monkeypatch: pytest.MonkeyPatch) -> None:
    asked = _counting_lingua(monkeypatch)
    # Three words: lingua's n-grams are what a short run has, however
    # frequent its words.
    assert lang._lingua_guess("the the the", _LATIN).lang == "en"
    # Names: no list favours a language.
    assert lang._lingua_guess("Simone Delarue and Donnie Heffner", _LATIN).lang in _LATIN
    assert asked == ["the the the", "Simone Delarue and Donnie Heffner"]


_VOCABULARY = (
    "the of and to is that it was for with der die und ist nicht mit auf das "
    "le la les et est que pour dans une house Haus maison report Bericht rapport "
    "Google Microsoft Vienna Paris Berlin"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_VOCABULARY), min_size=4, max_size=50))
def test_no_answer_of_linguas_could_overturn_the_words(words: list[str]) -> None:
    # The claim behind skipping lingua: whatever it says (every language
    # sure, or at its floor), combining it with the words gives the same
    # language, with every rival at least 1.7 times less likely (half of 12.5
    # Zipf units is 14.39 nats, lingua's floor 13.82: e ** 0.58 = 1.78).
    text = " ".join(words)
    likelihoods = lang_words.log_likelihoods(text, _LATIN)
    decided = lang._words_decide(text, likelihoods)
    if decided is None:
        return
    for favoured in _LATIN:
        values = {c: (1.0 if c == favoured else 0.0) for c in _LATIN}
        combined = lang._latin_probs(values, likelihoods)
        assert combined.lang == decided.lang
        for rival, p in combined.probs.items():
            if rival != decided.lang:
                assert combined.probs[decided.lang] >= 1.7 * p


def test_each_stretch_and_the_whole_weighed_in_one_lookup() -> None:
    # A run's sentences and the run itself: each sum is wordfreq's values of
    # its own words (the whole: the first forty of all of them, in order).
    from wordfreq import zipf_frequency

    text = "The cat sat. Le chat dort!  " + " ".join(["house"] * 45) + ". ,,"
    stretches = [(0, 12), (13, 26), (28, len(text) - 3), (len(text) - 2, len(text))]
    codes = ("en", "fr")
    found = lang_words.stretch_log_likelihoods(text, stretches, codes)
    assert len(found) == 5
    ln10 = math.log(10.0)

    def expected(words: list[str], code: str) -> float:
        return ln10 * sum(zipf_frequency(w, code, wordlist="small") for w in words[:40])

    spans = [["The", "cat", "sat"], ["Le", "chat", "dort"], ["house"] * 45]
    for k, words in enumerate(spans):
        for code in codes:
            assert found[k][code] == pytest.approx(expected(words, code), abs=1e-9)
    assert found[3] == {}  # punctuation only
    everything = [w for words in spans for w in words]
    assert found[4]["fr"] == pytest.approx(expected(everything, "fr"), abs=1e-9)
    assert list(found[4]) == list(codes)
    # The same values as weighing each stretch on its own.
    for k, (s, e) in enumerate(stretches):
        assert found[k] == lang_words.log_likelihoods(text[s:e], codes)
    # A language without a word list: nothing for anyone.
    assert lang_words.stretch_log_likelihoods(text, stretches, ("en", "xx")) == [{}] * 5


@pytest.mark.parametrize("code", ["fr", "en", "it", "tr"])
def test_elisions_have_wordfreqs_value(code: str) -> None:
    # An elision is two tokens to wordfreq, whose frequencies it combines and
    # rounds; the core does the same from its table.  Articles and pronouns of
    # one or two letters before the commonest words that start with a vowel or
    # h, in three spellings; wordfreq is the oracle.
    import wordfreq

    listed = [t for t in wordfreq.get_frequency_dict(code, "small") if _core.plain_word(t)]
    heads = [*[t for t in listed if len(t) <= 2 and "'" not in t][:12], "zq"]
    tails = [*[t for t in listed if regex.match(INITIAL_VOWEL_EXPR, t)][:60], "zzqqx"]
    for head in heads:
        for tail in tails:
            for word in (f"{head}'{tail}", f"{head.capitalize()}'{tail}", f"{head}'{tail.upper()}"):
                expected = wordfreq.zipf_frequency(word, code, wordlist="small")
                assert lang_words._zipf(word, code) == expected, word


@settings(max_examples=300, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*"ldjqu", "L", "I"]), min_size=1, max_size=2),
    st.text(alphabet=st.sampled_from([*"aeihouyéèœAEHIxtnrs", "'"]), min_size=1, max_size=7),
    st.sampled_from(["fr", "en", "tr"]),
)
def test_any_elision_has_wordfreqs_value(head: str, tail: str, code: str) -> None:
    from wordfreq import zipf_frequency

    word = f"{head}'{tail}"
    assert lang_words._zipf(word, code) == zipf_frequency(word, code, wordlist="small")


@pytest.mark.parametrize("code", ["en", "fr", "tr", "ar", "fa"])
def test_a_tokens_frequency_comes_back_from_its_table_value(code: str) -> None:
    # The core recovers a token's frequency from its plain table's Zipf value
    # (its centibel bucket) to combine the two tokens of an elision; every
    # token of the list must come back as wordfreq's own frequency.
    import wordfreq

    frequencies = wordfreq.get_frequency_dict(code, "small")
    table = lang_words._plain_table(code)
    assert len(table) > 20_000
    for token, zipf in table.items():
        bucket = round((9 - zipf) * 100)
        assert 10 ** (-bucket / 100) == frequencies[token], token
