"""Deterministic mixed-script corpus for the throughput benchmarks.

Every line is one paragraph of two to six sentences in alternating languages:
Arabic, Persian or Urdu next to English, French or German. The Arabic-script
sentences carry, at fixed rates, everything a normaliser has to deal with in
real text: harakat (shadda written before the vowel, so NFC has to reorder),
ZWNJ inside Persian and Urdu words and stray ones at word edges, tatweel,
presentation forms (as a PDF extractor gives them, now and then also in
visual order), the U+FDFD basmala ligature, a decomposed hamza, Arabic
yeh/kaf inside Persian, no-break and thin spaces, and numbers in ASCII,
Arabic-Indic and Extended Arabic-Indic digits. The Latin sentences get
decomposed accents, narrow no-break spaces before French punctuation, soft
hyphens and zero-width spaces.

The same ``--seed`` and ``--mb`` always give the same bytes, so figures from
two runs or two machines are comparable. Sentences come from the built-in
word lists below, or, with ``--data DIR``, from the ``sentences-XX.txt`` files of
the lingua test data (language-testdata from pemistahl/lingua-py).

    python benchmarks/corpus.py --mb 100 --out corpus.txt
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import arabic_reshaper

ARABIC_SCRIPT = ("ar", "fa", "ur")
LATIN_SCRIPT = ("en", "fr", "de")

# Small vocabularies, enough for text that looks like each language to a reader
# and to a letter-based language tagger. Arabic words are written without
# harakat; the noise step adds them.
WORDS: dict[str, list[str]] = {
    "ar": (
        "كتب الطالب الدرس في المدرسة الكبيرة مع أصدقائه ثم ذهب إلى البيت وقرأ "
        "كتابا عن تاريخ المدينة القديمة والعلماء الذين عاشوا فيها قبل مئات السنين "
        "وقال إن اللغة العربية جميلة وأن الحكومة أعلنت عن مشروع جديد للطرق"
    ).split(),
    "fa": (
        "من امروز به کتابخانه رفتم و چند کتاب درباره تاریخ ایران خواندم "
        "دانشجویان در دانشگاه تهران زبان فارسی را یاد می\u200cگیرند و "
        "می\u200cخواهم فردا با دوستانم به کوه بروم این خانه\u200cها بسیار زیبا هستند "
        "نامه\u200cای برای پدرم نوشتم که در شهر دیگری زندگی می\u200cکند"
    ).split(),
    "ur": (
        "یہ کتاب بہت اچھی ہے اور میں اسے روزانہ پڑھتا ہوں ہمارے شہر میں "
        "ایک بڑا باغ ہے جہاں بچے کھیلتے ہیں پاکستان کی حکومت نے نئی سڑک "
        "بنانے کا اعلان کیا ہے وہ کل لاہور سے کراچی جائیں گے اور بے\u200cروزگار"
    ).split(),
    "en": (
        "the committee approved a new report on regional water supply after "
        "a long debate about costs and the delegates agreed to meet again in "
        "Vienna next spring while the minister said that public schools need "
        "better funding and more teachers for every district"
    ).split(),
    "fr": (
        "le comité a adopté un nouveau rapport sur la gestion de l'eau après "
        "un long débat où les délégués ont décidé de se réunir à Genève au "
        "printemps prochain tandis que la ministre a déclaré que les écoles "
        "publiques méritent davantage de moyens et d'enseignants"
    ).split(),
    "de": (
        "der Ausschuss hat nach einer langen Debatte einen neuen Bericht über "
        "die Wasserversorgung angenommen und die Delegierten wollen sich im "
        "nächsten Frühjahr in Wien wieder treffen während die Ministerin "
        "sagte dass öffentliche Schulen mehr Geld und Lehrkräfte brauchen"
    ).split(),
}
# Share of sentences written with harakat: common in Arabic teaching and religious
# text, rare in Persian, almost never in Urdu.
VOCALISED = {"ar": 0.35, "fa": 0.05, "ur": 0.0}
FULL_STOP = {"ar": ".", "fa": ".", "ur": "\u06d4", "en": ".", "fr": ".", "de": "."}

FATHA, DAMMA, KASRA, SUKUN, SHADDA = "\u064e", "\u064f", "\u0650", "\u0652", "\u0651"
VOWELS = (FATHA, DAMMA, KASRA)
TATWEEL = "\u0640"
ZWNJ = "\u200c"
ZWSP = "\u200b"
SOFT_HYPHEN = "\u00ad"
SPACES = ("\u00a0", "\u2009", "\u202f")
BASMALA_LIGATURE = "\ufdfd"
HAMZA_ABOVE = "\u0654"
DIGITS = ("0123456789", "\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669")
EXTENDED_DIGITS = "\u06f0\u06f1\u06f2\u06f3\u06f4\u06f5\u06f6\u06f7\u06f8\u06f9"
# Letters that take harakat in the noise step: the Arabic letter block.
_LETTERS = frozenset(chr(c) for c in range(0x0621, 0x064B)) | frozenset("پچژکگیۀہےٹڈڑںھ")
_JOINING_AFTER = frozenset("بتثجحخسشصضطظعغفقكلمنهيیکگپچ")
_DECOMPOSE_LATIN = {"é": "e\u0301", "è": "e\u0300", "ä": "a\u0308", "ö": "o\u0308", "ç": "c\u0327"}


def _sentences_from_words(rng: random.Random, lang: str) -> str:
    words = WORDS[lang]
    n = rng.randint(6, 14)
    start = rng.randrange(len(words))
    picked = [
        words[(start + i) % len(words)] if rng.random() < 0.6 else rng.choice(words)
        for i in range(n)
    ]
    sentence = " ".join(picked)
    if lang in LATIN_SCRIPT:
        sentence = sentence[0].upper() + sentence[1:]
    return sentence + FULL_STOP[lang]


def _load_data(data: Path) -> dict[str, list[str]]:
    pools: dict[str, list[str]] = {}
    for lang in ARABIC_SCRIPT + LATIN_SCRIPT:
        path = data / f"sentences-{lang}.txt"
        lines = [ln.strip() for ln in path.read_text(encoding="utf-8").splitlines()]
        pools[lang] = [ln for ln in lines if ln]
    return pools


def _vocalise(rng: random.Random, word: str) -> str:
    out = []
    for ch in word:
        out.append(ch)
        if ch in _LETTERS and rng.random() < 0.7:
            r = rng.random()
            if r < 0.15:
                # Shadda before the vowel: the order people type, which NFC reverses.
                out.append(SHADDA + rng.choice(VOWELS))
            elif r < 0.25:
                out.append(SUKUN)
            else:
                out.append(rng.choice(VOWELS))
    return "".join(out)


def _stretch(rng: random.Random, word: str) -> str:
    """Insert tatweel after one joining letter, as headlines and poetry do."""
    spots = [i for i, ch in enumerate(word[:-1]) if ch in _JOINING_AFTER]
    if not spots:
        return word
    i = rng.choice(spots)
    return word[: i + 1] + TATWEEL * rng.randint(1, 3) + word[i + 1 :]


def _number(rng: random.Random, lang: str) -> str:
    digits = rng.choice((*DIGITS, EXTENDED_DIGITS) if lang != "ar" else DIGITS)
    return "".join(rng.choice(digits) for _ in range(rng.randint(1, 4)))


def _noise_arabic(rng: random.Random, sentence: str, lang: str) -> str:
    words = sentence.split(" ")
    vocalise = rng.random() < VOCALISED[lang]
    for i, w in enumerate(words):
        r = rng.random()
        if vocalise:
            w = _vocalise(rng, w)
        if r < 0.05:
            w = _stretch(rng, w)
        elif r < 0.07:
            w = ZWNJ + w if rng.random() < 0.5 else w + ZWNJ  # stray joiner at a word edge
        elif r < 0.09:
            w = w.replace("أ", "ا" + HAMZA_ABOVE)  # decomposed hamza
        elif r < 0.10 and lang == "fa":
            w = w.replace("ی", "ي").replace("ک", "ك")  # Arabic letters in Persian
        elif r < 0.14:
            w = _number(rng, lang) + " " + w
        words[i] = w
    seps = [rng.choice(SPACES) if rng.random() < 0.04 else " " for _ in words[1:]]
    out = words[0] + "".join(s + w for s, w in zip(seps, words[1:], strict=True))
    r = rng.random()
    if r < 0.02:
        out = BASMALA_LIGATURE + " " + out
    elif r < 0.06:
        out = arabic_reshaper.reshape(out)  # presentation forms, logical order
    elif r < 0.07:
        out = arabic_reshaper.reshape(out)[::-1]  # presentation forms in visual order
    return out


def _noise_latin(rng: random.Random, sentence: str, lang: str) -> str:
    r = rng.random()
    if r < 0.05:
        for k, v in _DECOMPOSE_LATIN.items():
            sentence = sentence.replace(k, v)
    elif r < 0.08:
        sentence = sentence.replace(" ", " " + SOFT_HYPHEN, 1)
    elif r < 0.10:
        sentence = sentence.replace(" ", ZWSP + " ", 1)
    if lang == "fr" and rng.random() < 0.3:
        sentence = sentence[:-1] + "\u202f:"
    if rng.random() < 0.1:
        sentence = f"{sentence[:-1]} {rng.randint(1, 2030)}{sentence[-1]}"
    return sentence


class _Spent(Exception):
    """A language's sentences are all used (``unique``): the stream ends."""


def _drawing(rng: random.Random, data: Path | None, unique: bool) -> Callable[[str], str]:
    """A sentence of a language from the data: any, or with ``unique`` each one once;
    without data, one made from the built-in vocabulary.

    With ``unique`` no sentence comes back, so caches keyed by a sentence or
    a run (the language steps' and lingua's answers) see text as fresh as
    prose they have never met; the stream ends when a language runs out.
    """
    if data is None:
        return lambda lang: _sentences_from_words(rng, lang)
    pools = _load_data(data)
    if not unique:
        return lambda lang: rng.choice(pools[lang])
    for pool in pools.values():
        rng.shuffle(pool)

    def draw(lang: str) -> str:
        if not pools[lang]:
            raise _Spent(lang)
        return pools[lang].pop()

    return draw


def paragraphs(seed: int = 0, data: Path | None = None, unique: bool = False) -> Iterator[str]:
    """A deterministic stream of mixed-script paragraphs (no line breaks), endless
    unless ``unique`` (each sentence of ``data`` at most once)."""
    rng = random.Random(seed)
    source = _drawing(rng, data, unique)

    while True:
        rtl_first = rng.random() < 0.5
        parts = []
        try:
            for k in range(rng.randint(2, 6)):
                if (k % 2 == 0) == rtl_first:
                    lang = rng.choice(ARABIC_SCRIPT)
                    parts.append(_noise_arabic(rng, source(lang), lang))
                else:
                    lang = rng.choice(LATIN_SCRIPT)
                    parts.append(_noise_latin(rng, source(lang), lang))
        except _Spent:
            return
        yield " ".join(parts)


BASMALA = "\u0628\u0650\u0633\u0652\u0645\u0650 \u0671\u0644\u0644\u0651\u064e\u0647\u0650 \u0671\u0644\u0631\u0651\u064e\u062d\u0652\u0645\u064e\u0640\u0670\u0646\u0650 \u0671\u0644\u0631\u0651\u064e\u062d\u0650\u064a\u0645\u0650"
QUOTES = (("\u201c", "\u201d"), ("\u00ab", "\u00bb"), ('"', '"'))


def english_paragraphs(
    seed: int = 0, data: Path | None = None, unique: bool = False
) -> Iterator[str]:
    """English-dominant documents: the shape of the statements mixscript was started for.

    Each paragraph is three to eight English sentences; one in five quotes
    an Arabic, Persian or Urdu sentence (with the same noise as the mixed
    corpus), and one in twenty-five opens with the basmala, spelled out with
    its harakat or as the U+FDFD ligature.  With ``unique`` (and ``data``)
    each sentence comes once and the stream ends when the English ones run out.
    """
    rng = random.Random(seed)
    source = _drawing(rng, data, unique)

    while True:
        try:
            parts = [_noise_latin(rng, source("en"), "en") for _ in range(rng.randint(3, 8))]
            if rng.random() < 0.2:
                lang = rng.choice(ARABIC_SCRIPT)
                opening, closing = rng.choice(QUOTES)
                quote = f"{opening}{_noise_arabic(rng, source(lang), lang)}{closing}"
                parts.insert(rng.randrange(len(parts) + 1), f"As the original puts it, {quote}")
        except _Spent:
            return
        if rng.random() < 0.04:
            parts.insert(0, BASMALA if rng.random() < 0.5 else BASMALA_LIGATURE)
        yield " ".join(parts)


#: The corpus kinds: which paragraph stream each name stands for.
KINDS: dict[str, Callable[[int, Path | None, bool], Iterator[str]]] = {
    "mixed": paragraphs,
    "english": english_paragraphs,
}


def generate(
    mb: float, seed: int = 0, data: Path | None = None, kind: str = "mixed", unique: bool = False
) -> Iterator[str]:
    """Paragraphs, each ending in a newline, until at least ``mb`` * 10**6 UTF-8 bytes
    (or, with ``unique``, until the data's sentences run out)."""
    target = int(mb * 1_000_000)
    size = 0
    for para in KINDS[kind](seed, data, unique):
        line = para + "\n"
        yield line
        size += len(line.encode("utf-8"))
        if size >= target:
            return


def write_corpus(
    out: Path,
    mb: float,
    seed: int = 0,
    data: Path | None = None,
    kind: str = "mixed",
    unique: bool = False,
) -> int:
    """Write the corpus to ``out``; return its size in bytes."""
    size = 0
    with out.open("w", encoding="utf-8", newline="\n") as f:
        for line in generate(mb, seed, data, kind, unique):
            f.write(line)
            size += len(line.encode("utf-8"))
    return size


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="size in 10**6 bytes (default 100)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", type=Path, help="lingua test data directory (sentences-XX.txt)")
    ap.add_argument("--out", type=Path, help="output file (default: standard output)")
    ap.add_argument(
        "--kind",
        choices=sorted(KINDS),
        default="mixed",
        help="mixed: alternating scripts; english: English documents quoting Arabic script",
    )
    ap.add_argument(
        "--unique",
        action="store_true",
        help="each sentence of --data at most once (ends when one language runs out)",
    )
    args = ap.parse_args(argv)
    if args.unique and args.data is None:
        ap.error("--unique needs --data")
    if args.out is None:
        for line in generate(args.mb, args.seed, args.data, args.kind, args.unique):
            sys.stdout.write(line)
        return 0
    size = write_corpus(args.out, args.mb, args.seed, args.data, args.kind, args.unique)
    print(f"{args.out}: {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
