"""Lines stored in visual (reversed) order: detected, and repaired to logical order.

PDF extractors, old systems and copied subtitles hand back Arabic-script text
in the order it was drawn, left to right: ``السلام`` arrives as ``مالسلا``,
often in presentation forms.  Detection has no geometry to go on, only the
text, so it weighs evidence that reads differently forwards and backwards.
For each Arabic-script word the same scoring function :func:`_forward_score`
is applied to the word as stored and to the word reversed; a line is visual
when the reversed reading scores higher.  The evidence:

* presentation forms in positional order: a logical word starts with an
  *initial* form and ends with a *final* one; a reversed word the other way
  round (weight 2 each);
* letters that only end words (ة ى ۃ, Urdu ے ں) at the end of a word
  rather than at its start (weight 2);
* the article ``ال`` (also after و ب ف ك) opening a word rather than
  ``لا`` closing it (weight 1);
* very common function words of Arabic, Persian, Urdu, Pashto and Sorani
  (``في``, ``از``, ``کے``, ``په``...) as stored rather than reversed
  (weight 1; words whose reversal is also on the list are skipped).

Because the scoring is the same in both directions, a repaired line scores
exactly the opposite of the line it came from, so repair is idempotent.

Confidence is ``(v - f) / (v + f + 1)`` for backward score ``v`` and forward
score ``f``.  :func:`detect_visual` lists lines with ``v > f`` and confidence
at least :data:`DETECT_THRESHOLD` (0.5); :func:`repair_edits`, used by the
``safe`` profile, repairs only lines at :data:`REPAIR_THRESHOLD` (0.75) or
more, where a logical line has never been seen (``evaluation/roundtrip.py``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import lru_cache

import regex

from mixscript.bidi.engine import (
    MIRROR_TABLE,
    CoreEngine,
    bidi_class,
    class_codes,
    codes_of,
    keep_marks_after_base,
    line_levels,
    mirror_odd,
    pick,
    reorder_line,
)
from mixscript.model import VisualLine
from mixscript.text.breaks import LINE_BREAKS
from mixscript.text.valid import validate
from mixscript.unicode.bmp_classes import Twin
from mixscript.unicode.char_tables import CharTable
from mixscript.unicode.chars import is_arabic_letter_or_mark
from mixscript.unicode.shaping import presentation_form, unshape

__all__ = [
    "DETECT_THRESHOLD",
    "REPAIR_THRESHOLD",
    "detect_visual",
    "line_confidence",
    "line_spans",
    "repair_edits",
    "repair_line",
    "to_logical",
    "visual_score",
]

DETECT_THRESHOLD = 0.5
REPAIR_THRESHOLD = 0.75

_WORD_FINAL_ONLY = frozenset("\u0629\u0649\u06c3\u06d2\u06ba")  # ة ى ۃ ے ں
_SENTENCE_END = frozenset(".!?\u061f\u06d4\u2026")  # . ! ? ؟ ۔ …
_OPENERS = {"(": ")", "[": "]", "{": "}", "«": "»", "<": ">"}
_CLOSERS = frozenset(_OPENERS.values())
_ANY_BRACKET = re.compile("[" + re.escape("".join(_OPENERS) + "".join(_CLOSERS)) + "]")
_ARTICLES = ("ال", "وال", "بال", "فال", "كال")
_FUNCTION_WORDS_RAW = """
في من على إلى الى عن أن إن هذا هذه التي الذي الذين كان كانت قد لم لن مع بين كل
بعد قبل عند حتى ثم أو هو هي هم نحن لكن غير كما ذلك تلك هناك منذ خلال حول دون
إذا قال وقال وفي ومن يوم أيضا فقط جدا ولم ولا عليه عليها فيه فيها إلا
از به در که این را با است برای آن شد هم بر نیز خود شده بود کرد کند دارد اما هر
باید پس چه چون او من شما آنها بین پیش روی همه دیگر هیچ وی می‌ شود کرده کنند
کے میں کی ہے اور کو سے نے کا یہ پر ہیں تھا تھی تھے وہ بھی ایک کہ جو اس ان کر گیا
ہو لیے کیا نہیں رہا تک اپنے والے کسی ہوں گے
په چې له دا یې ته کې سره وو شو دي
لە بە کە ئەم بۆ دەکات لەگەڵ
"""
_WORDS = {
    unicodedata.normalize("NFC", w.replace("\u200c", "")) for w in _FUNCTION_WORDS_RAW.split()
}
# A word whose reversal is also common says nothing about direction.
FUNCTION_WORDS = frozenset(w for w in _WORDS if len(w) > 1 and w[::-1] not in _WORDS)


def line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, end including the line break) for every line; CRLF is one break.

    >>> line_spans("a\\r\\nb\\nc")
    [(0, 1, 3), (3, 4, 5), (5, 6, 6)]
    """
    # ``str.splitlines`` breaks at exactly ``LINE_BREAKS`` (CRLF as one), in C.
    spans: list[tuple[int, int, int]] = []
    start = 0
    for line in text.splitlines(keepends=True):
        end = start + len(line)
        if line.endswith("\r\n"):
            spans.append((start, end - 2, end))
        elif line[-1] in LINE_BREAKS:
            spans.append((start, end - 1, end))
        else:  # the last line, without a break
            break
        start = end
    spans.append((start, len(text), len(text)))
    return spans


_MARK_RUN = regex.compile(r"[\p{Mn}&&\p{Script=Arabic}]+|[\u064b-\u065f\u0670]+", regex.V1)
_PERSIAN_DIGITS_AS_AN = {cp: "\u0660" for cp in range(0x06F0, 0x06FA)}
_NOT_IN_WORDS = regex.compile(r"[\p{Mn}\u0640\u200d]+")  # harakat, tatweel, ZWJ
_HAS_ARABIC_LETTER = regex.compile(r"[\p{Script=Arabic}&&\p{L}]", regex.V1)
# A word as stored: an Arabic-script letter, then letters and the marks,
# tatweel and ZWJ that ``_NOT_IN_WORDS`` takes out (so they do not split it).
_RAW_WORD = Twin(
    "<LETTER><LETTER_OR_MARK>*",
    LETTER=r"[\p{Script=Arabic}&&\p{L}]",
    LETTER_OR_MARK=r"[[\p{Script=Arabic}&&\p{L}]\p{Mn}\u0640\u200d]",
)


def _words(line: str) -> list[str]:
    """Arabic-script words of a line as stored (with their marks); ZWNJ splits."""
    words: list[str] = _RAW_WORD.for_text(line).findall(line)
    return words


def _forward_score(raw: str) -> int:
    """How much ``raw`` (one word, as stored) looks like a word in logical order."""
    score = 0
    if len(raw) >= 2:
        if presentation_form(raw[0]) == "initial":
            score += 2
        if presentation_form(raw[-1]) == "final":
            score += 2
    letters = unicodedata.normalize("NFC", unshape(raw))
    if len(letters) >= 2 and letters[-1] in _WORD_FINAL_ONLY:
        score += 2
    if len(letters) >= 4 and letters.startswith(_ARTICLES):
        score += 1
    if letters in FUNCTION_WORDS:
        score += 1
    return score


@lru_cache(maxsize=65536)
def _stored_word_scores(raw: str) -> tuple[int, int]:
    """Scores of one word as stored: marks, tatweel and ZWJ dropped, then :func:`_word_scores`.

    Two caches, because vowelled words are mostly unique as stored but not
    once their marks are gone.
    """
    return _word_scores(_NOT_IN_WORDS.sub("", raw))


@lru_cache(maxsize=65536)
def _word_scores(word: str) -> tuple[int, int]:
    return _forward_score(word), _forward_score(word[::-1])


def visual_score(line: str) -> tuple[int, int]:
    """(forward score, backward score) of one line: evidence for logical vs visual order.

    ``في`` is a function word (1); ``المدينة`` opens with the article (1) and
    ends with teh marbuta (2):

    >>> visual_score("في المدينة"), visual_score("ةنيدملا يف")
    ((4, 0), (0, 4))
    """
    if not _HAS_ARABIC_LETTER.search(line):
        return 0, 0
    forward = backward = 0
    for word in _words(line):
        f, b = _stored_word_scores(word)
        forward += f
        backward += b
    return forward, backward


def line_confidence(line: str) -> float:
    """How sure it is that ``line`` is in visual order: 0 when it reads at least as well forwards."""
    return _confidence(*visual_score(line))


def _confidence(forward: int, backward: int) -> float:
    if backward <= forward:
        return 0.0
    return (backward - forward) / (backward + forward + 1)


def detect_visual(text: str) -> list[VisualLine]:
    """Lines of ``text`` that look stored in visual order, with a confidence in 0..1.

    Only lines with confidence of at least :data:`DETECT_THRESHOLD` are listed.

    >>> [v.line for v in detect_visual("السلام عليكم\\nمكيلع مالسلا ةنيدملا يف")]
    [1]
    """
    validate(text)
    found: list[VisualLine] = []
    for index, (start, end, _) in enumerate(line_spans(text)):
        conf = _confidence(*visual_score(text[start:end]))
        if conf >= DETECT_THRESHOLD:
            found.append(VisualLine(index, start, end, round(conf, 3)))
    return found


def _strong_base(line: str) -> int:
    """The paragraph level suggested by where the strong characters sit (1 = right to left).

    The first logical character of an RTL paragraph is drawn at the right
    end, so a right-to-left letter there (and none of Latin at the left)
    means RTL, and the reverse means LTR; when the ends disagree, the
    majority of strong characters decides.
    """
    strong = _NOT_STRONG.sub("", class_codes(line))  # L, R and A (AL) codes
    if not strong:
        return 0
    rtl_right = strong[-1] != _L
    ltr_left = strong[0] == _L
    if rtl_right != ltr_left:
        return 1 if rtl_right else 0
    rtl = len(strong) - strong.count(_L)
    return 1 if 2 * rtl >= len(strong) else 0


_L = codes_of("L")
_NOT_STRONG = re.compile(f"[^{codes_of('L', 'R', 'AL')}]+")
_R, _AL = codes_of("R"), codes_of("AL")


def _ends_sentence(candidate: str) -> int:
    """+1 if a logical candidate ends with sentence-final punctuation, -1 if it starts with it."""
    body = candidate.strip()
    if not body:
        return 0
    return (body[-1] in _SENTENCE_END) - (body[0] in _SENTENCE_END)


def _bracket_errors(text: str) -> int:
    """How badly the brackets of a logical candidate are placed.

    Counts closers without an opener, openers never closed, and brackets
    that face the wrong way for where they stand (an opener glued to the end
    of a word, a closer glued to the start of one), so that a lone ``1)``
    still tells which way round it belongs.
    """
    if _ANY_BRACKET.search(text) is None:
        return 0
    stack: list[str] = []
    errors = 0
    n = len(text)
    for i, ch in enumerate(text):
        if ch in _OPENERS:
            stack.append(_OPENERS[ch])
        elif ch in _CLOSERS:
            if stack and stack[-1] == ch:
                stack.pop()
            else:
                errors += 1
        else:
            continue
        before = text[i - 1].isalnum() if i > 0 else False
        after = text[i + 1].isalnum() if i + 1 < n else False
        if (before and not after and ch in _OPENERS) or (after and not before and ch in _CLOSERS):
            errors += 1
    return errors + len(stack)


def _misplaced_mark(mark: str, base: str, word_initial: bool) -> bool:
    """Whether Arabic spelling rules out ``mark`` written on ``base``.

    A mark needs a letter, and a shadda never doubles a word's first letter.
    (Vowel marks on alef are fine: Urdu and Persian write ``اُ`` ``اِ``.)
    """
    if not base or not is_arabic_letter_or_mark(base):
        return True
    return mark == "\N{ARABIC SHADDA}" and word_initial


def _marks_follow_base(line: str) -> bool:
    """Whether the producer kept harakat after their letter (UAX #9 L3) in its visual output.

    Without L3 a mark stands left of its letter in the drawn line, with L3
    right of it.  Each mark is tried on both neighbours, and the reading
    that puts fewer marks where Arabic spelling cannot have them wins (a
    word starting with a mark, a shadda on a word's first letter); on a tie, no L3, as python-bidi and most producers leave it.
    """
    votes = 0
    for m in _MARK_RUN.finditer(line):
        i, j = m.start(), m.end()
        left = line[i - 1] if i > 0 else ""
        right = line[j] if j < len(line) else ""
        # Drawn right to left, a word's logical first letter is its rightmost.
        left_initial = not right or not is_arabic_letter_or_mark(right)
        right_initial = j + 1 >= len(line) or not is_arabic_letter_or_mark(line[j + 1])
        for mark in m.group():
            votes += _misplaced_mark(mark, right, right_initial)
            votes -= _misplaced_mark(mark, left, left_initial)
    return votes > 0


def _levels(text: str, base: int) -> list[int]:
    return list(_cached_levels(text, base))


@lru_cache(maxsize=64)
def _cached_levels(text: str, base: int) -> tuple[int, ...]:
    """Levels of one line; the readings of a line ask for the same text more than once."""
    levels, para = CoreEngine().levels(text, base)
    return tuple(line_levels(text, levels, para, 0, len(text)))


def _order(text: str, lev: list[int], marks_after: bool) -> list[int]:
    order = reorder_line(lev)
    return keep_marks_after_base(text, order, lev) if marks_after else order


def _readings(line: str, base: int, marks_after: bool) -> Iterator[tuple[list[int], list[int]]]:
    """Ways to read a drawn line back: (logical order of its indexes, level of each index).

    Levels are resolved on the drawn line itself, and for an RTL paragraph
    also on the line read right to left, which is close to logical order, so
    rules that look backwards (W2: digits after an Arabic letter are an
    Arabic number) see what they saw when the line was drawn; Persian digits
    read as Arabic numbers give one more start.  Each start
    is refined once: levels resolved again on the logical guess and mapped
    back, which corrects runs the first pass split or merged.
    """
    for lev in _starts(line, base):
        first = _order(line, lev, marks_after)
        yield first, lev
        guess = pick(line, first)
        lev2 = [0] * len(line)
        for k, level in enumerate(_levels(guess, base)):
            lev2[first[k]] = level
        yield _order(line, lev2, marks_after), lev2


def _starts(line: str, base: int) -> Iterator[list[int]]:
    """The level lists that :func:`_readings` starts from, computed only when asked for."""
    if base == 1:
        yield _levels(line[::-1], 1)[::-1]
    yield _levels(line, base)
    as_arabic = line.translate(_PERSIAN_DIGITS_AS_AN)
    if as_arabic != line:
        # Persian digits are EN, so drawn next to a Latin word they join it
        # (W7); read as Arabic numbers they stay with the Arabic text.
        yield _levels(as_arabic, base)


# Level -> its parity, for bytes.translate.
_PARITY = bytes(level & 1 for level in range(256))


def _split_number_latin(line: str, order: list[int]) -> int:
    """Places where a reading swaps a number and the Latin word next to it.

    ``Windows 10`` and ``06:41 PM`` inside Arabic are drawn as ``Windows 10``
    and ``PM 06:41``, so the drawn line cannot tell the two apart; the
    tie-break keeps ASCII digits drawn next to a Latin word in their drawn
    order, as the algorithm itself does for a number after a Latin word
    (rule W7), and reads Arabic-Indic digits as part of the Arabic text.
    """
    drawn = pick(_number_latin_kinds(line), order)
    swaps = 0
    for m in _DIGIT_BESIDE_LETTER.finditer(drawn):
        k = m.start()
        j = k + 1
        while drawn[j] == " ":
            j += 1
        ascii_digit = "D" in (drawn[k], drawn[j])
        if (order[k] > order[j]) == ascii_digit:
            swaps += 1
    return swaps


# A digit, then spaces and a letter, or the other way round (see _number_latin_kind).
_DIGIT_BESIDE_LETTER = re.compile("(?=[Dd] *L|L *[Dd])")


def _number_latin_kind(ch: str) -> str:
    """What :func:`_split_number_latin` sees in a character.

    ``D`` an ASCII digit, ``d`` another digit, ``L`` another letter or number
    (each alphanumeric and of bidi class L, EN or AN), a space for U+0020 and
    ``x`` for anything else.
    """
    if ch.isalnum() and bidi_class(ch) in ("L", "EN", "AN"):
        return ("D" if ch.isascii() else "d") if ch.isdigit() else "L"
    return " " if ch == " " else "x"


_NUMBER_LATIN_KINDS = CharTable(_number_latin_kind)


@lru_cache(maxsize=8)
def _number_latin_kinds(line: str) -> str:
    """:func:`_number_latin_kind` of each character; every reading of a line shares it."""
    return line.translate(_NUMBER_LATIN_KINDS)


# Each character of a mirrored pair to the smaller of the two.
_FOLD_TABLE = {cp: min(chr(cp), to) for cp, to in MIRROR_TABLE.items()}


def _fold(text: str) -> str:
    """``text`` with each mirrored pair of characters made one, to compare up to mirroring."""
    return text.translate(_FOLD_TABLE)


def _logical_text(line: str, order: list[int], lev: list[int]) -> tuple[int, str]:
    """(bracket errors, text) for one reading, mirrored back or not, whichever fits better.

    Producers that skip L4 (python-bidi's default) leave brackets unmirrored;
    keep whichever reading places the brackets better, mirrored on a tie.
    """
    plain = pick(line, order)
    mirrored = pick(mirror_odd(line, lev), order)
    plain_errors, mirrored_errors = _bracket_errors(plain), _bracket_errors(mirrored)
    if plain_errors < mirrored_errors:
        return plain_errors, plain
    return mirrored_errors, mirrored


def _line_to_logical(line: str) -> str:
    codes = class_codes(line)
    if _R not in codes and _AL not in codes:
        return line
    marks_after = _marks_follow_base(line)
    guess = _strong_base(line)
    folded = _fold(line)
    # The best key any reading could have: consistent, ending a sentence (if
    # the line holds such punctuation at all), no bracket errors, no swapped
    # number, the guessed base, the first reading.  Only the very first
    # reading can reach it, and when it does no other reading can win, so the
    # others (each costing two more runs of the bidi algorithm) are skipped.
    ceiling = (True, int(any(c in _SENTENCE_END for c in line)), 0, 0, True, 0)
    best: tuple[tuple[bool, int, int, int, bool, int], str] | None = None
    for base in (guess, 1 - guess):
        seen: set[tuple[tuple[int, ...], bytes]] = set()
        for rank, (order, lev) in enumerate(_readings(line, base, marks_after)):
            # A reading met before with the same base scores the same and
            # ranks later: it cannot win.
            reading = (tuple(order), bytes(lev).translate(_PARITY))
            if reading in seen:
                continue
            seen.add(reading)
            errors, text = _logical_text(line, order, lev)
            # A reading is consistent when drawing it again gives the line back.
            redrawn = pick(text, _order(text, _levels(text, base), marks_after))
            key = (
                _fold(redrawn) == folded,
                _ends_sentence(text),  # sentence-final punctuation belongs at the end
                -errors,
                -_split_number_latin(line, order),
                base == guess,
                -rank,
            )
            if best is None or key > best[0]:
                best = (key, text)
            if key == ceiling:
                return unshape(text)
    assert best is not None
    return unshape(best[1])


def to_logical(text: str) -> str:
    """Every line of ``text`` that holds right-to-left characters, from visual to logical order.

    Right-to-left runs are reversed and runs put back in reading order; digit
    sequences and Latin words keep their own order; brackets are mirrored
    back when that pairs them; presentation forms are unshaped after
    reversing.  Line breaks stay where they are.  The caller asserts that the
    text is visual: use :func:`detect_visual` or :func:`repair_edits` to
    decide per line.

    >>> to_logical("(مكيلع) مالسلا") == "السلام (عليكم)"
    True
    """
    validate(text)
    out: list[str] = []
    for start, end, brk in line_spans(text):
        out.append(_line_to_logical(text[start:end]) + text[end:brk])
    return "".join(out)


def repair_edits(
    text: str, *, min_confidence: float = REPAIR_THRESHOLD
) -> list[tuple[int, int, str]]:
    """(line_start, line_end, logical line) for each line detected visual with enough confidence.

    ``text[line_start:line_end]`` is the line without its break.  A
    replacement is only offered when it reads as logical itself, so applying
    the edits and calling again returns no edits.
    """
    validate(text)
    edits: list[tuple[int, int, str]] = []
    for start, end, _ in line_spans(text):
        fixed = repair_line(text[start:end], min_confidence=min_confidence)
        if fixed is not None:
            edits.append((start, end, fixed))
    return edits


def repair_line(
    line: str,
    *,
    min_confidence: float = REPAIR_THRESHOLD,
    later: Callable[[str], str] | None = None,
    judge_later_anyway: bool = False,
) -> str | None:
    """The logical order of one ``line`` (no line break in it) if it is to be repaired, else None.

    The one judgement behind :func:`repair_edits` and the ``visual_order``
    normalisation step: the line is repaired when it reads as visual with at
    least ``min_confidence`` and its repair reads as logical (confidence 0),
    so repairing twice changes nothing.

    ``later`` is what the rest of a normalisation profile will do to the
    line (``search`` folds ى, which only ends words, into ي, and may strip
    harakat).  Detection is a judgement on evidence those steps change, so
    with ``later`` the line is judged both as it is and as ``later`` leaves
    it: repaired when either reading is confidently visual and neither
    reading of the repair is, which keeps every profile idempotent.  The
    later reading is only judged when the line shows some backward evidence
    as it is, or when ``judge_later_anyway`` (harakat that ``later`` strips
    can hide a reversed word).

    >>> repair_line("ةنيدملا يف مكيلع مالسلا") == "السلام عليكم في المدينة"
    True
    >>> repair_line("السلام عليكم في المدينة") is None
    True
    """
    forward, backward = visual_score(line)
    best = _confidence(forward, backward)
    if later is not None and best < min_confidence and (backward > 0 or judge_later_anyway):
        best = line_confidence(later(line))
    if best < min_confidence:
        return None
    fixed = _line_to_logical(line)
    if fixed == line or line_confidence(fixed) > 0:
        return None
    if later is not None and line_confidence(later(fixed)) > 0:
        return None
    return fixed
