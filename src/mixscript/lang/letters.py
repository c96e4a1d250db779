"""Telling Arabic-script languages apart by their letters and function words, without a model.

Arabic, Persian, Urdu, Pashto, Central Kurdish, Sindhi and Uyghur share one
script but not one alphabet, and so do Punjabi in Shahmukhi, Saraiki, Malay
in Jawi, South Azerbaijani and Kashmiri.  Each adds letters the others lack
(Urdu ے ں ٹ, Pashto ښ ځ څ, Sindhi ٻ ڄ ڪ, Kurdish ڕ ڵ ێ, Uyghur ۇ ۈ ۋ,
Saraiki ݙ ڄ ڳ ٻ, Jawi ڠ ڽ ڤ ݢ ڬ, Kashmiri ٲ ۄ ؠ) and drops letters the
others use (Uyghur and Sorani write no ث ذ ص ض ط ظ; Arabic has no پ چ ژ
گ; Jawi writes ڤ and ڬ where Persian writes پ and گ).  So every letter is scored against every language's alphabet: 0 when the
language uses it, a small penalty when it appears there only through keyboard
habits or loanwords, a large one when the language does not write it at all.

Two things the alphabets cannot see are handled separately:

* Yeh and kaf.  Persian is often typed on an Arabic keyboard (ي ك instead of
  ی ک), and Arabic sometimes with Persian yeh.  The choice of yeh/kaf is a
  property of the keyboard, not of each word, so it is scored once per text
  and never outweighs the words: Persian function words (است، را، می‌...)
  make a text Persian whatever yeh it uses.
* Short, frequent words.  Function words are matched after unifying yeh and
  kaf, and each one is evidence for the languages that use it.

Scores are log-odds-like sums; :func:`guess` turns them into a best language
and a confidence (the share of the best language after a softmax), so a text
with thin evidence gets its most likely language with a low confidence, and a
text with no letters at all gets ``und``.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

import regex

from mixscript.unicode import shaping
from mixscript.unicode.chars import FORMS_A, FORMS_B, ZWNJ, ranges_class
from mixscript.unicode.shaping import SHORT_VOWELS

__all__ = [
    "ARABIC_SCRIPT_LANGUAGES",
    "PRIOR",
    "LetterGuess",
    "arabic_candidates",
    "foreign_letters",
    "guess",
    "priors",
    "scores",
]

ARABIC_SCRIPT_LANGUAGES = (
    "ar",
    "fa",
    "ur",
    "ps",
    "ckb",
    "sd",
    "ug",
    "pnb",
    "skr",
    "ms",
    "azb",
    "ks",
)
"""Every language this module can name.  Malay (``ms``) here means Malay in
Jawi: Latin-script Malay is lingua's, through the tagger."""


@lru_cache(maxsize=64)
def arabic_candidates(languages: tuple[str, ...] | None) -> tuple[str, ...]:
    """The Arabic-script languages among ``languages``; all of them when none is listed.

    >>> arabic_candidates(("en", "fa", "ur")), len(arabic_candidates(("en",)))
    (('fa', 'ur'), 12)
    """
    picked = tuple(c for c in (languages or ()) if c in ARABIC_SCRIPT_LANGUAGES)
    return picked or ARABIC_SCRIPT_LANGUAGES


_COMMON = "ابتجخدرزسشغفقلمنو"
# The letters each language writes, beyond _COMMON.  Yeh and kaf are left out
# on purpose: see _encoding_scores.
_ALPHABET = {
    "ar": "ءآأؤإئةثحذصضطظعهى",
    "fa": "ءآأؤئثحذصضطظعهپچژگۀ",
    "ur": "ءآأؤئثحذصضطظعپچژگٹڈڑںہھےۃۂۓ",
    "ps": "ءآأؤئثحذصضطظعهةپچژګگېۍټډړږښځڅڼۀ",
    "ckb": "ئحعپچژڤگڵڕھەۆێ",
    "sd": "ءآئثحذصضطظعهھپچژگٻڀٿٽڄڃڇڊڌڍڏڙڦڪڳڱڻ",
    "ug": "ئەپچژگڭھۇۆۈۋېى",
    # Shahmukhi: Urdu's alphabet and noon with small tah for the retroflex n.
    "pnb": "ءآأؤئثحذصضطظعپچژگٹڈڑںہھےۃۂۓݨ",
    # Saraiki: Shahmukhi and four implosives (ٻ ڄ ݙ ڳ).
    "skr": "ءآأؤئثحذصضطظعپچژگٹڈڑںہھےۃۂۓݨٻڄݙڳ",
    # Jawi: Arabic's letters and چ ڠ ڤ ڬ ڽ ۏ (ݢ in Brunei and Indonesia for ڬ).
    "ms": "ءآأؤإئةثحذصضطظعهىچڠڤڬڽۏݢ",
    # South Azerbaijani: Persian's alphabet; ؤ and ۆ write the rounded front vowels.
    "azb": "ءآأؤئثحذصضطظعهپچژگۆۇ",
    # Kashmiri: Urdu's alphabet and its vowel letters ٲ ٳ ۄ ؠ ێ.
    "ks": "ءآأؤئثحذصضطظعپچژگٹڈڑںہھےۃۂۓٲٳۄؠێ",
}
# Letters a language has only through loanwords or a keyboard habit.
_SOFT = {
    "ar": "",
    "fa": "إةى",
    "ur": "إةىهۀ",
    "ps": "ى",
    "ckb": "هةى",
    "sd": "ىةأؤإ",
    "ug": "",
    "pnb": "إةىهۀڻ",
    # Older Saraiki text borrows Sindhi letters for the implosives and ݨ.
    "skr": "إةىهۀڻڱڋڏڊڔ",
    "ms": "گپ",
    "azb": "إةىۀ",
    "ks": "إةىه",
}
_IN, _SOFT_PENALTY, _ABSENT_PENALTY = 0.0, -1.0, -4.0
# Languages that never write short vowels: harakat count against them.
_NO_HARAKAT = ("ckb", "ug")
# Arabic, Persian and Urdu are by far the most written; the other four almost
# never write a sentence without one of their own letters, so without those
# letters they should not win.  For Pashto that second part depends on the
# length of the text and is added by priors(), so its constant here is only
# the first part: written far less than the big three, but a language a caller
# who lists it expects to meet.
PRIOR = {
    "ar": 0.0,
    "fa": -0.2,
    "ur": -0.5,
    "ps": -1.0,
    "ckb": -2.5,
    "sd": -2.5,
    "ug": -2.5,
    # Punjabi shares Urdu's alphabet: its function words must outweigh this.
    "pnb": -2.0,
    "skr": -3.0,
    "ms": -3.0,
    "azb": -3.0,
    "ks": -3.0,
}
# Letters Pashto writes and Arabic, Persian and Urdu do not.  How often a
# Pashto word shows none of them decides how much their absence says: in the
# Pashto Universal Declaration of Human Rights (2,220 words) 22.6% of words
# hold one, so each word without one is worth log(1 - 0.226) = -0.26 against
# Pashto.  A ten-word sentence without any ends at -3.6 with the constant
# (below the -2.5 the other small languages keep at any length), while a
# one-word quotation such as کور loses only a quarter of a nat: thin
# evidence, not a verdict.
_PASHTO_OWN = frozenset("ټځڅډړږښګڼۍې")
_ABSENT_OWN_PER_WORD = math.log(1 - 0.226)

_YK_TO_FARSI = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک"})

# Function words.  Yeh and kaf are unified before a word is looked up (the
# keyboard chooses them); heh variants are not: Urdu ہ and Kurdish ە are
# letters of their own, so Urdu کہ is not Persian که.  A word listed for
# several languages is evidence for each of them; words that several
# languages use as often (و، ما، او، ان) are left out.  Pashto's list ends
# with the pronouns, particles and postpositions that make up at least 0.5%
# of the words of the Pashto Universal Declaration of Human Rights and were
# missing (یا "or" left out: every language here uses it).  The Persian هر،
# نه، باید are as frequent there, so one of them alone is not a confident
# Persian tag.
_FUNCTION_WORDS = {
    "ar": "في على إلى الى عن أن التی الذی هذا هذه ذلک کان کانت التي الذي لم لن قد مع بین"
    " حیث بعد عند حتى أو ثم هو هی إن لا کل منذ خلال",
    "fa": "است را این آن که از به با برای در هم نیز بود شد کرد شده می نمی های ها یک تا اما"
    " هر خود ای باید نه چه هستند بودند کند کنند داد دارد",
    "ur": "ہے ہیں کے کی کا میں اور سے نے کو یہ وہ پر بھی تھا تھی تھے ایک لیے گیا کر ہو کہ جو نہیں",
    "ps": "د په او چې دا له سره کې څخه یو وی ده دی ته هم شو کړی کړ دې ډېر که"
    " هر نه باید هغه دغه تر کښې څوک",
    "ckb": "لە بە کە ئەم ئەو بۆ لەگەڵ دەکات یە ئەوە بوو ھەیە نییە",
    "sd": "۾ جو جی کی سان تی آهی هو ته ۽ کان پر جڏهن",
    "ug": "بىلەن ۋە بۇ ئۇ بىر دەپ ھەم ئۈچۈن ئىدى قىلىپ بولۇپ ئەمەس",
    # Postpositions, copulas and pronouns Urdu does not use (Urdu: کو، سے، ہے، یہ,
    # وہ، بھی), and میں "I" and کہ "that", which both use.
    "pnb": "میں کہ اوہ وی نوں وچ توں نال اے نیں ایہہ ایس اوس لئی تے دا ہن پئی اک کولوں ہووے"
    " جیہڑا جیہڑے"
    " جیہڑی ساڈا ساڈے"
    " ساڈی تہاڈا تہاڈے تہاڈی سانوں تہانوں مینوں تینوں اوہنوں اوہناں ایہناں نئیں اوہدا اوہدے"
    " اوہدی سکدا سکدے سکدی ہوندا ہوندی ہوندے جاندا جاندی جاندے دیندا کردا کردی کردے",
    # Saraiki: کوں (to), کنوں (from), ہک (one), ویسی (will go) and the -ݨ infinitive.
    "skr": "کوں کنوں ہک ہکو ویسی تھیا تھئے ونڄ اتے وچ تے دا ہن ایں اوں اوندا اوندے اوندی"
    " کیتے جیڑھا جیڑھے ݙے ݙیوݨ کرݨ تھیوݨ",
    # Malay and Azerbaijani: only words that, yeh and kaf unified, are not
    # also Persian or Arabic words (Malay اين "ini" is Persian این).
    "ms": "يڠ دان كڤد ڤد اداله دالم اتاو بوليه تيدق اونتوق ستياڤ سباڬاي دڠن اوليه ترهادڤ مريك",
    "azb": "بیر ایله اولان اوچون یوخ گؤره ائله کیمی داها هئچ اؤز اولوب ائدیب چوخ یاخشی منیم"
    " بیز سیز اولدو دئدی",
}
_FUNCTION_WEIGHT = 2.5
# Words both languages write, far more often in one: the Punjabi genitive دی
# and دے is Urdu's "gave" and "give".  Weaker evidence than a function word.
_LEANING_WORDS = {"دی": ("pnb", 1.0), "دے": ("pnb", 1.0)}
# Persian-only affixes joined by ZWNJ: the verbal prefix می‌ and the plural ‌ها.
_FA_ZWNJ_AFFIX = regex.compile(r"(?:^|\s)ن?می\u200c|\u200c(?:ها|های|هایی|تر|ترین)(?!\p{L})")
_WORD = regex.compile(r"[\p{L}\p{M}\u200c]+")
# Word shapes whose frequency differs between Arabic, Persian and Urdu prose:
# the article ال (a quarter of Arabic words, under 1% of Persian or Urdu ones),
# a final heh (Persian and Pashto; Urdu writes ہ), and ئی (Urdu, where Persian
# writes ایی).  Weights are rough log-ratios of those frequencies, kept low.
_WORD_SHAPES = (
    (regex.compile(r"^ال\p{L}{2}"), {"ar": 1.5}),
    (regex.compile(r"\p{L}{2}ه$"), {"fa": 1.0, "ps": 1.0, "azb": 1.0}),
    (regex.compile(r"ئی"), {"ur": 1.5, "pnb": 1.5, "skr": 1.5, "ks": 1.5}),
)
_HARAKAT = regex.compile(f"[{SHORT_VOWELS}]")
_MARKS_AND_ZWNJ = regex.compile(rf"[\p{{Mn}}{ZWNJ}]")
_PRESENTATION = regex.compile(f"[{ranges_class((FORMS_A, FORMS_B))}]")
_ARABIC_LETTER = regex.compile(r"(?V1)[[\u0600-\u06ff]&&\p{Lo}]")
_FINAL_ARABIC_YEH = regex.compile(r"\p{L}ي(?![\p{L}\p{M}])")


@dataclass(frozen=True, slots=True)
class LetterGuess:
    """The best language for a text, its confidence (0..1) and the raw scores."""

    lang: str
    confidence: float
    scores: Mapping[str, float]


@lru_cache(maxsize=1)
def _letter_table() -> dict[str, dict[str, float]]:
    """Per letter, per language: the score of one occurrence."""
    letters = set(_COMMON)
    for alpha in _ALPHABET.values():
        letters.update(alpha)
    table: dict[str, dict[str, float]] = {}
    for ch in letters:
        row = {}
        for lang in ARABIC_SCRIPT_LANGUAGES:
            if ch in _COMMON or ch in _ALPHABET[lang]:
                row[lang] = _IN
            elif ch in _SOFT[lang]:
                row[lang] = _SOFT_PENALTY
            else:
                row[lang] = _ABSENT_PENALTY
        table[ch] = row
    return table


@lru_cache(maxsize=1)
def _function_table() -> dict[str, tuple[str, ...]]:
    words: dict[str, list[str]] = {}
    for lang, listed in _FUNCTION_WORDS.items():
        for w in listed.split():
            words.setdefault(w.translate(_YK_TO_FARSI), []).append(lang)
    return {w: tuple(langs) for w, langs in words.items()}


def _encoding_scores(text: str) -> dict[str, float]:
    """Yeh and kaf: one piece of evidence per text, not per letter (see module doc)."""
    arabic_yk = sum(text.count(c) for c in "يك")
    farsi_yk = sum(text.count(c) for c in "یک")
    out = dict.fromkeys(ARABIC_SCRIPT_LANGUAGES, 0.0)
    if _FINAL_ARABIC_YEH.search(text) and "ک" in text and "ك" not in text:
        # A word-final ي beside keheh is no keyboard's accident: Pashto writes
        # final ي as a vowel letter of its own (کوي, ښوونځي, کلي) next to ک,
        # and Sindhi writes ي with ک for kh.  An Arabic or Uyghur keyboard
        # would give ك, and a Persian, Urdu or Kurdish one ی (Persian half
        # retyped on an Arabic keyboard keeps ي inside words, as in کشيدن).
        for lang in ("ar", "fa", "ur", "ckb", "ug"):
            out[lang] -= 2.0
    elif arabic_yk > farsi_yk:
        for lang in ("fa", "ur", "ckb", "pnb", "skr", "azb", "ks"):
            out[lang] -= 2.0
        out["ps"] -= 0.5  # Pashto writes ي as a letter of its own
    elif farsi_yk > arabic_yk:
        for lang in ("ar", "ug", "ms"):
            out[lang] -= 2.0
        out["sd"] -= 1.0  # Sindhi writes ي, and ک only for kh
    # Medial or initial alef maksura is Uyghur's vowel i; Arabic writes it only at a word's end.
    if regex.search(r"ى(?=\p{L})", text):
        for lang in ARABIC_SCRIPT_LANGUAGES:
            if lang != "ug":
                out[lang] -= 3.0
    return out


def unshape(text: str) -> str:
    """Presentation forms (raw PDF text) back to letters, so they are scored as letters."""
    if not _PRESENTATION.search(text):
        return text
    return shaping.unshape(text)


def scores(text: str) -> dict[str, float]:
    """Log-odds-like evidence for each Arabic-script language (higher is more likely).

    >>> s = scores("یہ کتاب ہے")
    >>> max(s, key=s.__getitem__)
    'ur'
    """
    text = unshape(text)
    table = _letter_table()
    words = _WORD.findall(text)
    total = _priors_of(words)
    for ch, n in Counter(text).items():
        row = table.get(ch)
        if row is not None:
            for lang, v in row.items():
                total[lang] += v * n
    harakat = len(_HARAKAT.findall(text))
    if harakat:
        for lang in _NO_HARAKAT:
            total[lang] -= min(harakat, 3) * 1.5
        # Arabic is vowelled far more often than Persian or Urdu prose (one
        # sentence in fifteen against one in seventy in lingua's test data).
        total["ar"] += min(harakat, 8) * 0.25
    for lang, v in _encoding_scores(text).items():
        total[lang] += v
    for word in words:
        for lang, v in _word_evidence(word):
            total[lang] += v
    total["fa"] += 3.0 * len(_FA_ZWNJ_AFFIX.findall(text))
    return total


@lru_cache(maxsize=65536)
def _word_evidence(raw: str) -> tuple[tuple[str, float], ...]:
    """What one word (as written) adds to each language: function word, then word shapes.

    Cached: prose repeats its words, and each costs a substitution, a
    translation and three pattern tests to read.
    """
    word = _MARKS_AND_ZWNJ.sub("", raw)
    out: list[tuple[str, float]] = []
    langs = _function_table().get(word.translate(_YK_TO_FARSI))
    if langs:
        out.extend((lang, _FUNCTION_WEIGHT / len(langs)) for lang in langs)
    leaning = _LEANING_WORDS.get(word)
    if leaning:
        out.append(leaning)
    for pattern, bonus in _WORD_SHAPES:
        if pattern.search(word):
            out.extend(bonus.items())
    return tuple(out)


def priors(text: str) -> dict[str, float]:
    """What each language starts from before the letters of ``text`` are read.

    :data:`PRIOR`, plus for Pashto the cost of every word that shows none of
    its own letters (see :data:`_ABSENT_OWN_PER_WORD`): the longer a text
    without them, the less likely it is Pashto.  Callers that weigh a text's
    own evidence against its context take all of this out, as they take out
    the priors of the other languages.

    >>> round(priors("کور")["ps"] - priors("کور ته")["ps"], 2)
    0.26
    """
    return _priors_of(_WORD.findall(unshape(text)))


def _priors_of(words: list[str]) -> dict[str, float]:
    """:func:`priors` of a text cut into these words."""
    out = dict(PRIOR)
    bare = sum(1 for word in words if _PASHTO_OWN.isdisjoint(word))
    out["ps"] += bare * _ABSENT_OWN_PER_WORD
    return out


def _lone_function_word(text: str) -> bool:
    """Whether ``text`` is one letter written as a word of its own that is a function word."""
    words = [_MARKS_AND_ZWNJ.sub("", w) for w in _WORD.findall(unshape(text))]
    return len(words) == 1 and words[0].translate(_YK_TO_FARSI) in _function_table()


def letter_count(text: str) -> int:
    """How many Arabic-script letters ``text`` holds (the amount of evidence)."""
    return len(_ARABIC_LETTER.findall(unshape(text)))


def softmax(scores_: Mapping[str, float]) -> dict[str, float]:
    """Scores to probabilities that sum to 1."""
    top = max(scores_.values())
    exp = {k: math.exp(v - top) for k, v in scores_.items()}
    z = sum(exp.values())
    return {k: v / z for k, v in exp.items()}


def guess(text: str, candidates: Iterable[str] | None = None) -> LetterGuess:
    """The most likely Arabic-script language of ``text`` among ``candidates``.

    ``und`` with confidence 0 when the text holds fewer than two letters:
    a lone letter says nothing about its language, unless it is a whole word
    that some language writes as a function word (Pashto د "of", Sindhi ۾
    "in"): that is thin evidence, and it gets a guess with a low confidence.

    >>> g = guess("اين كتاب را مي‌خواهم")  # Persian typed with Arabic yeh and kaf
    >>> g.lang, g.confidence > 0.9
    ('fa', True)
    >>> guess("ب").lang
    'und'
    >>> g = guess("د")
    >>> g.lang, g.confidence < 0.9
    ('ps', True)
    """
    langs = [c for c in (candidates or ARABIC_SCRIPT_LANGUAGES) if c in PRIOR]
    if not langs:
        langs = list(ARABIC_SCRIPT_LANGUAGES)
    if letter_count(text) < 2 and not _lone_function_word(text):
        return LetterGuess("und", 0.0, {})
    all_scores = scores(text)
    picked = {k: all_scores[k] for k in langs}
    probs = softmax(picked)
    best = max(probs, key=probs.__getitem__)
    if _foreign(text, best):
        return LetterGuess("und", 0.0, picked)
    return LetterGuess(best, probs[best], picked)


# Share of a text's letters that its best language does not write above which
# the text is in none of the candidates: Urdu's ہ and ے in a text whose only
# candidate is Persian, Jawi's ڠ and ڤ when Malay is not a candidate, or a
# letter no language here writes (Shina's ݜ).  Two letters at least, so that
# one borrowed name (پاکستان in Arabic) does not count.
_FOREIGN_SHARE = 0.1
_FOREIGN_MIN = 2
_ANY_ARABIC_LETTER = regex.compile(r"(?V1)[\p{Script=Arabic}&&\p{L}]")
# Yeh and kaf are a keyboard's choice (see _encoding_scores), never foreign.
_KEYBOARD_LETTERS = frozenset("يیىكک")


def foreign_letters(text: str, lang: str) -> int:
    """How many letters of ``text`` ``lang`` does not write, not even as a loan.

    >>> foreign_letters("یہ کتاب ہے", "fa"), foreign_letters("یہ کتاب ہے", "ur")
    (3, 0)
    """
    own = _own_letters(lang)
    return sum(
        1
        for ch in _ANY_ARABIC_LETTER.findall(unshape(text))
        if ch not in own and ch not in _KEYBOARD_LETTERS
    )


@lru_cache(maxsize=32)
def _own_letters(lang: str) -> frozenset[str]:
    return frozenset(_COMMON + _ALPHABET.get(lang, "") + _SOFT.get(lang, ""))


def _foreign(text: str, lang: str) -> bool:
    """Whether ``text`` shows it is not in ``lang``: too many letters ``lang`` never writes."""
    bad = foreign_letters(text, lang)
    if bad < _FOREIGN_MIN:
        return False
    return bad >= _FOREIGN_SHARE * len(_ANY_ARABIC_LETTER.findall(unshape(text)))
