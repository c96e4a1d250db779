"""Lines stored in visual (reversed) order: detected, and repaired to logical order.

PDF extractors, old systems and copied subtitles hand back Arabic-script text
in the order it was drawn, left to right: ``السلام`` arrives as ``مالسلا``,
often in presentation forms.  Detection has no geometry to go on, only the
text, so it weighs evidence that reads differently forwards and backwards.
For each Arabic-script word the same scoring function (in the compiled core)
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
The scoring runs in the compiled core (``rust/core/src/visual``, through
:mod:`mixscript._core`), where the word lists and the character data live.

Confidence is ``(v - f) / (v + f + 1)`` for backward score ``v`` and forward
score ``f``.  :func:`detect_visual` lists lines with ``v > f`` and confidence
at least :data:`DETECT_THRESHOLD` (0.5); :func:`repair_edits`, used by the
``safe`` profile, repairs only lines at :data:`REPAIR_THRESHOLD` (0.75) or
more, where a logical line has never been seen (``evaluation/roundtrip.py``).

Real PDF extractors damage lines in more ways than reversing them;
:func:`plan_repairs` also undoes those (see its docstring and ``docs/pdf.md``)
and judges weak lines by their page and document.  The per-line repairs
themselves, and cheap necessary conditions that let the many lines needing
none skip them, are in the compiled core (``rust/core/src/repair``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

import regex

from mixscript import _core
from mixscript.bidi.engine import bidi_class
from mixscript.model import VisualLine
from mixscript.text.valid import validate
from mixscript.unicode.shaping import unshape, unshape_words

__all__ = [
    "DETECT_THRESHOLD",
    "REPAIR_THRESHOLD",
    "LineRepair",
    "detect_visual",
    "line_confidence",
    "line_spans",
    "move_final_stop",
    "plan_repairs",
    "put_back_zwnj",
    "repair_edits",
    "repair_line",
    "reverse_words",
    "runs_in_visual_order",
    "to_logical",
    "unwrap_extractor_controls",
    "visual_score",
]

DETECT_THRESHOLD = 0.5
REPAIR_THRESHOLD = 0.75

#: The function words that tell a direction (kept in the compiled core).
FUNCTION_WORDS = frozenset(_core.function_words())


def line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, end including the line break) for every line; CRLF is one break.

    >>> line_spans("a\\r\\nb\\nc")
    [(0, 1, 3), (3, 4, 5), (5, 6, 6)]
    """
    # The breaks are ``LINE_BREAKS``, those of ``str.splitlines``.
    return _core.line_spans(text)


_NOT_IN_WORDS = regex.compile(r"[\p{Mn}\u0640\u200d]+")  # harakat, tatweel, ZWJ


def visual_score(line: str) -> tuple[int, int]:
    """(forward score, backward score) of one line: evidence for logical vs visual order.

    ``في`` is a function word (1); ``المدينة`` opens with the article (1) and
    ends with teh marbuta (2):

    >>> visual_score("في المدينة"), visual_score("ةنيدملا يف")
    ((4, 0), (0, 4))
    """
    return _core.visual_score(line)


def line_confidence(line: str) -> float:
    """How sure it is that ``line`` is in visual order: 0 when it reads at least as well forwards."""
    return _confidence(*visual_score(line))


_confidence = _core.visual_confidence


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


#: One drawn line in logical order (see :func:`to_logical`), by the compiled
#: core (``rust/core/src/repair/reorder.rs``); the very string when the line
#: holds no right-to-left character.  pdfminer's ``(cid:N)`` placeholders
#: move as one glyph each: a placeholder stands for one glyph of the line, so
#: it is reordered as one right-to-left character and written back unchanged
#: (``(cid:142)``, never ``(142:cid)``).
_line_to_logical = _core.line_to_logical


def to_logical(text: str) -> str:
    """Every line of ``text`` that holds right-to-left characters, from visual to logical order.

    Right-to-left runs are reversed and runs put back in reading order; digit
    sequences and Latin words keep their own order; brackets are mirrored
    back when that pairs them; presentation forms are unshaped after
    reversing.  Line breaks stay where they are.  This is the unconditional
    conversion (``mixscript repair --force``): the caller asserts that the
    text is visual, and text already in logical order comes out reversed.
    To change only the lines detection says are visual, call
    :func:`repair_edits` (or ``normalize`` with the ``safe`` profile, whose
    decision ``mixscript repair`` uses).

    >>> to_logical("(مكيلع) مالسلا") == "السلام (عليكم)"
    True
    """
    validate(text)
    return _core.to_logical(text)


def repair_edits(
    text: str,
    *,
    min_confidence: float = REPAIR_THRESHOLD,
    keep_forms: bool = False,
    words: WordValues | None = None,
) -> list[tuple[int, int, str]]:
    """(line_start, line_end, logical line) for each line :func:`plan_repairs` repairs.

    ``text[line_start:line_end]`` is the line without its break.  A
    replacement is only offered when it reads as logical itself, so applying
    the edits and calling again returns no edits.  Presentation forms are
    unshaped in lines left in logical order too (``keep_forms=True`` leaves
    those lines as they are): see :func:`plan_repairs`, also for ``words``
    (the word lists, which :func:`mixscript.normalize` and ``mixscript
    repair`` pass: :func:`mixscript.lang.words.arabic_script_zipf`).
    """
    validate(text)
    if isinstance(min_confidence, bool) or not isinstance(min_confidence, int | float):
        raise TypeError(f"min_confidence must be a number, not {type(min_confidence).__name__}")
    if not 0.0 <= min_confidence <= 1.0:
        raise ValueError(f"min_confidence must be in [0, 1] (a confidence), not {min_confidence!r}")
    repairs = plan_repairs(text, min_confidence=min_confidence, keep_forms=keep_forms, words=words)
    return [(r.start, r.end, r.text) for r in repairs]


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
    return _confident_repair(line, later)


def _confident_repair(line: str, later: Callable[[str], str] | None) -> str | None:
    """:func:`repair_line` of a line already found confidently visual."""
    fixed = _line_to_logical(line)
    if fixed == line or line_confidence(fixed) > 0:
        return None
    if later is not None and line_confidence(later(fixed)) > 0:
        return None
    return fixed


# ---------------------------------------------------------------- extractor repairs

_STOPS = ".!?\u061f\u06d4"  # . ! ? ؟ ۔  (punctuation that ends a sentence)

# The per-line repairs are the compiled core's (``rust/core/src/repair``);
# each returns the very string it was given when the line needs nothing.


def unwrap_extractor_controls(line: str) -> str:
    """``line`` without pdftotext's embedding wrappers, the spaces they displaced put back.

    pdftotext writes every line of a right-to-left paragraph as
    RLE ... PDF and every left-to-right run inside as LRE ... PDF, taking the
    run's visual neighbours with it: the space after a Latin word ends up
    inside the wrapper before it (``RLE الأستاذ LRE␣Martin PDF المدينة``), and
    the sentence's final full stop, drawn at the left end next to a number,
    inside the number's wrapper (``LRE.2019PDF``).  Only a line made of exactly
    that shape is touched (the whole line wrapped, runs without right-to-left
    letters, nothing else), so an author's own embeddings stay.

    >>> unwrap_extractor_controls("\u202bعام \u202a.2019\u202c\u202c") == "عام 2019."
    True
    """
    return _core.unwrap_extractor_controls(line)


#: Where a stop sits between a space and the number ending a line (pypdfium2's
#: ``عام .2019``), else -1: what :func:`move_final_stop` moves when the line
#: is a right-to-left paragraph.
_stop_before_number = _core.stop_before_number


def move_final_stop(line: str) -> str:
    """A logical line's final full stop put back at its end.

    Some extractors hand back the letters of a right-to-left line in logical
    order but the final stop where it was drawn, at the left end, which they
    read as the start: ``.ذهب الولد`` for ``ذهب الولد.``, ``عام .2019`` for
    ``عام 2019.``.  Only call this on lines known to be logical.

    >>> move_final_stop(".ذهب الولد") == "ذهب الولد."
    True
    """
    return _core.move_final_stop(line)


def _ends_with_stop(line: str) -> bool:
    body = line.strip()
    return len(body) > 1 and body[-1] in _STOPS and body[0] not in _STOPS


_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufefe]")


def _starts_right_to_left(line: str) -> bool:
    """Whether the first strong character of ``line`` is right-to-left (an RTL paragraph).

    Only there does a stop at the end mean the words are in logical order: in
    a left-to-right paragraph (a line opening with a Latin word) a visual
    line ends with its stop too.
    """
    # Read up to the first strong character only: most lines open with one,
    # and an English line quoting a visual passage is long.
    for ch in line:
        cls = bidi_class(ch)
        if cls in _STRONG_CLASSES:
            return cls != "L"
    return False


_STRONG_CLASSES = frozenset(("L", "R", "AL"))


def _words_reversed_one_by_one(line: str) -> bool:
    """Whether a line that reads visual has its words in logical order, some reversed alone.

    pypdfium2 on Chromium's PDFs reverses some words and leaves the rest and
    their order as they were.  A whole line in visual order has its final
    stop at the front; a stop at the end says the words are in their places.
    """
    return _core.visual_evidence(line)[3] > 0 and _ends_with_stop(line)


def reverse_words(line: str) -> str:
    """Each Arabic-script word of ``line`` that reads better reversed, reversed in place.

    >>> reverse_words("ىلإ ةسردملا يف الصباح.") == "إلى المدرسة في الصباح."
    True
    """

    out: list[str] = []
    pos = 0
    for start, end in _core.arabic_words(line):
        word = line[start:end]
        f, b = _core.visual_word_scores(word)
        if b <= f:
            continue
        # The article alone is no evidence here: ``جزيلا`` reversed opens
        # with it just as ``دلولا`` does.
        plain = _NOT_IN_WORDS.sub("", unshape(word))[::-1]
        if b < 2 and plain not in FUNCTION_WORDS:
            continue
        out += (line[pos:start], _line_to_logical(word))
        pos = end
    out.append(line[pos:])
    return "".join(out)


#: Each word's highest Zipf value in the Arabic, Persian and Urdu word lists
#: (0 for a word none lists), or an empty list when there are no lists.  The
#: lists are wordfreq's, a layer above this one: the caller hands the lookup
#: in (:func:`mixscript.lang.words.arabic_script_zipf`).
WordValues = Callable[[list[str]], list[float]]
#: How common (Zipf) a word read backwards must be to count: a word written
#: about once in a million words (``صيف``, ``است``) or more.
_LISTED_ZIPF = 3.0


def words_read_backwards(line: str, words: WordValues) -> list[tuple[int, int]]:
    """Spans of the Arabic-script words of ``line`` that are words only when read backwards.

    A word counts when no Arabic, Persian or Urdu word list has it as it
    stands and one of them lists its reversal as a common word
    (:data:`_LISTED_ZIPF`): ``دحاو`` (``واحد``), ``تسا`` (``است``).  A word
    both ways round (``هل`` and ``له``, ``کیا`` and ``ایک``) or neither (a
    name, a typo) counts for nothing.  Empty when ``words`` has no lists
    (without the ``lang`` extra), or for a line in presentation forms.
    """
    return _word_readings(line, words)[0]


def _word_readings(line: str, words: WordValues) -> tuple[list[tuple[int, int]], int]:
    """:func:`words_read_backwards`, and how many words are words only as they stand."""
    if _FORMS.search(line) is not None:
        return [], 0
    spans = _core.arabic_words(line)
    if not spans:
        return [], 0
    found = [line[s:e] for s, e in spans]
    best = words([*found, *(_line_to_logical(w) for w in found)])
    if not best:
        return [], 0
    n = len(found)
    backwards = [s for k, s in enumerate(spans) if best[k] == 0 and best[n + k] >= _LISTED_ZIPF]
    forwards = sum(1 for k in range(n) if best[n + k] == 0 and best[k] >= _LISTED_ZIPF)
    return backwards, forwards


def _words_in_logical_order(line: str, words: WordValues) -> list[tuple[int, int]]:
    """:func:`words_read_backwards` of a line whose words keep their logical order, else none.

    A whole line in visual order has every word backwards and its order
    reversed too: reversing its words one by one would leave them in the
    wrong order.  A line whose words are in their places shows it by a
    final stop at its end in a right-to-left paragraph (where a visual
    line has it at the front), or by a word that is a word only as it
    stands beside those that are words only backwards.
    """
    backwards, forwards = _word_readings(line, words)
    if not backwards:
        return []
    if forwards or (_ends_with_stop(line) and _starts_right_to_left(line)):
        return backwards
    return []


def _reverse_spans(line: str, spans: list[tuple[int, int]]) -> str:
    """``line`` with the words at ``spans`` (in order) each read back in logical order."""
    out: list[str] = []
    pos = 0
    for start, end in spans:
        out += (line[pos:start], _line_to_logical(line[start:end]))
        pos = end
    out.append(line[pos:])
    return "".join(out)


def runs_in_visual_order(line: str) -> str:
    """A line whose runs came out left to right, each run itself in logical order, put right.

    PyMuPDF and pypdf write a right-to-left line holding a Latin word or a
    number run by run as drawn, left to right: ``.2019  المدينة عامMartin
    زار الأستاذ`` for ``زار الأستاذ Martin المدينة عام 2019.``.  The runs are
    read back in reverse, one space between words, punctuation kept with the
    word before it and a stop found at the front moved to the end.  Only a
    line carrying the marks of that damage is touched: an Arabic-script
    letter glued to a Latin letter or digit, and a stop at the front or a
    double space; or the line's only stop glued between its first run and
    a Latin word or number, and no stop at its end (`` ہیں۔John ہمارے
    استاد``, pypdf and PyMuPDF on Chromium's and fpdf2's PDFs).

    >>> runs_in_visual_order(".2019  المدينة عامMartin زار الأستاذ")
    'زار الأستاذ Martin المدينة عام 2019.'
    """
    return _core.runs_in_visual_order(line)


@dataclass(frozen=True, slots=True)
class LineRepair:
    """One repaired line: ``text`` replaces ``source[start:end]``; ``rules`` name the repairs."""

    start: int
    end: int
    text: str
    rules: tuple[str, ...]


@dataclass(slots=True)
class _Line:
    start: int
    end: int
    page: int
    work: str
    rules: list[str]
    forward: int = 0
    backward: int = 0
    confident: bool = False
    #: The whole line reordered, when its own evidence is confident and the
    #: result reads logical (applied unless its block says words were reversed).
    own: str | None = None
    visual: str | None = None
    #: Words reversed one by one (see :func:`_words_reversed_one_by_one`).
    words_reversed: bool = False
    #: Only words that read forwards (none backwards).
    clean: bool = False
    #: Holds an Arabic-script letter (as the extractor controls' removal left it).
    arabic: bool = False
    #: ``_may_tidy`` of ``work`` as the first pass left it.
    tidy: bool = False
    #: Words that read backwards on the core's evidence (``visual_evidence``).
    backward_words: int = 0
    #: ``_words_in_logical_order`` of ``work`` as the first pass left it
    #: (looked up only in a block that may need it).
    listed_backwards: list[tuple[int, int]] | None = None


def _reversible(line: str, fixed: str, judge: Callable[[str], str] | None) -> bool:
    """A repair is kept only if it reads as logical itself (as stored and as ``judge`` leaves it)."""
    if fixed == line or _confidence(*visual_score(fixed)) > 0:
        return False
    return judge is None or _confidence(*visual_score(judge(fixed))) == 0


def _block_is_visual(lines: list[_Line]) -> bool | None:
    """Whether a page or document reads as visual as a whole; None when it says too little.

    Visual when at least one line was repaired on its own evidence and lines
    leaning visual outnumber those leaning logical three to one; never when
    the block is mostly logical.
    """
    repaired = sum(1 for ln in lines if ln.own is not None)
    leaning_visual = sum(1 for ln in lines if ln.backward > ln.forward)
    leaning_logical = sum(1 for ln in lines if ln.forward > ln.backward)
    if leaning_visual + leaning_logical < 3:
        return None
    return repaired >= 1 and leaning_visual >= 2 and leaning_visual >= 3 * leaning_logical


def _block_has_reversed_words(lines: list[_Line]) -> bool:
    """Whether most lines of a block look like words reversed one by one (pypdfium2).

    At least three such lines, twice as many as lines whose words all read
    forwards, and twice as many lines leaning visual as leaning logical: a
    logical block never qualifies.
    """
    reversed_words = sum(1 for ln in lines if ln.words_reversed)
    clean = sum(1 for ln in lines if ln.clean)
    leaning_visual = sum(1 for ln in lines if ln.backward > ln.forward)
    leaning_logical = sum(1 for ln in lines if ln.forward > ln.backward)
    return (
        reversed_words >= 3
        and reversed_words >= 2 * clean
        and leaning_visual >= 2 * leaning_logical
    )


def _block_reads_words_backwards(lines: list[_Line], words: WordValues | None) -> bool:
    """Whether a block shows pypdfium2's signature: words reversed one by one, most lines.

    A cheap necessary condition first, from the core's evidence: three lines
    at least, and a quarter of the lines holding an Arabic letter, have a
    word reading backwards (logical text: about one line in twenty-five).
    Then the word lists: three lines at least, and half the lines holding
    an Arabic letter, have a word that is a word only read backwards
    (:func:`words_read_backwards`; logical text: about one line in three
    hundred, never half a block).
    """
    if words is None:
        return False
    arabic = [ln for ln in lines if ln.arabic]
    cue = sum(1 for ln in arabic if ln.backward_words)
    if cue < 3 or 4 * cue < len(arabic):
        return False
    hits = 0
    for ln in arabic:
        if ln.listed_backwards is None:
            ln.listed_backwards = _words_in_logical_order(ln.work, words)
        hits += bool(ln.listed_backwards)
    return hits >= 3 and 2 * hits >= len(arabic)


def _as_judged(repair: Callable[[str], str], line: str, judge: Callable[[str], str] | None) -> str:
    """``repair(line)``, or ``repair`` of the line as the rest of the profile leaves it.

    The rest of a profile can create what a repair looks for (``spaces``
    turns two no-break spaces into a double space), so a line is judged
    both ways; repairing the judged line keeps the profile idempotent.
    """
    fixed = repair(line)
    if fixed != line or judge is None:
        return fixed
    judged = judge(line)
    if judged == line:
        return line
    again = repair(judged)
    return again if again != judged else line


_has_arabic_letter = _core.has_arabic_letter
_line_records = _core.line_records
#: One line as ``_core.line_records`` reads it (see :func:`plan_repairs`).
_Record = tuple[int, int, int, str, bool, bool, int, int, int, int, bool]
#: Whether the runs or the final stop of a line may need tidying (a necessary
#: condition of :func:`runs_in_visual_order` and :func:`move_final_stop`).
_may_tidy = _core.may_tidy
_ARABIC_SYMBOL = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")


def put_back_zwnj(line: str) -> str:
    """A line turned round from visual order, each ZWNJ put back after the letter it follows.

    pdfplumber (on HarfBuzz-shaped PDFs) sorts a zero-width non-joiner
    before the letter drawn at the same place and reads the gap that
    letter leaves as a space: reversed, ``می‌روم`` comes out ``م ‌یروم``,
    letter, space, ZWNJ, letter.  A ZWNJ after a space separates nothing
    (it only acts between two letters), so that shape is never meant; the
    letter goes back before the ZWNJ and the space goes.  Only called on
    lines that were turned round.

    >>> put_back_zwnj("\u0645 \u200c\u06cc\u0631\u0648\u0645") == "\u0645\u06cc\u200c\u0631\u0648\u0645"
    True
    """
    return _core.put_back_zwnj(line)


def _reorder(
    item: _Line, judge: Callable[[str], str] | None, *, visual_block: bool, words_block: bool
) -> None:
    """Turn a line (or its words) round when its own evidence or its block says so."""
    if item.words_reversed or (words_block and item.backward > item.forward):
        # In a block of words reversed one by one, no line is turned round
        # as a whole: that would reverse the words' order too.
        if words_block or item.confident:
            fixed = reverse_words(item.work)
            if _reversible(item.work, fixed, judge):
                item.work, item.visual = fixed, "reversed_words"
        return
    if item.own is not None:
        item.work, item.visual = item.own, "visual_order"
        _put_back_zwnj(item)
        return
    leaning = item.backward > item.forward or item.backward == item.forward == 0
    if visual_block and leaning and not item.confident:
        fixed = _line_to_logical(item.work)
        if _reversible(item.work, fixed, judge):
            item.work, item.visual = fixed, "visual_block"
            _put_back_zwnj(item)


def _reverse_listed_words(item: _Line, words: WordValues, *, visual_block: bool) -> None:
    """In a block of words reversed one by one, each word that is a word only backwards, reversed.

    The core's evidence misses words without a final-only letter or an
    article (``بهذ`` for ``ذهب``, ``تسا`` for ``است``); the word lists
    know them.  Not in a block read as visual as a whole (its lines are
    turned round whole), nor in a line turned round as a whole.
    """
    if visual_block:
        return
    spans = item.listed_backwards
    if spans is None or item.visual is not None:
        spans = _words_in_logical_order(item.work, words)
    if spans:
        item.work = _reverse_spans(item.work, spans)
        item.visual = "reversed_words"


def _put_back_zwnj(item: _Line) -> None:
    fixed = put_back_zwnj(item.work)
    if fixed != item.work:
        item.work = fixed
        item.rules.append("displaced_zwnj")


def _tidy(item: _Line, judge: Callable[[str], str] | None, *, stops_block: bool) -> None:
    """Runs written left to right and a moved final stop, on a line that reads logical.

    Also run after a line was turned round, so that a second pass finds
    nothing left to do (every profile is idempotent).
    """
    work = unshape(item.work) if item.visual is not None else item.work
    # Scores as stored and as the rest of the profile leaves the line
    # (unshaping can remove the only backward evidence): either will do.
    forward, backward = (
        visual_score(work) if item.visual is not None else (item.forward, item.backward)
    )
    if judge is not None and forward <= backward:
        forward, backward = max(
            (forward, backward), visual_score(judge(work)), key=lambda s: s[0] - s[1]
        )
    if forward >= backward:
        runs = _as_judged(_core.runs_in_visual_order, work, judge)
        if runs != work and (
            _confidence(*visual_score(runs)) == 0
            or (judge is not None and _confidence(*visual_score(judge(runs))) == 0)
        ):
            item.work = work = runs
            item.rules.append("visual_runs")
    if forward > backward or (forward == backward and stops_block):
        moved = _as_judged(_core.move_final_stop, work, judge)
        if moved != work:
            item.work = moved
            item.rules.append("final_stop")


def _may_tidy_judged(work: str, judge: Callable[[str], str]) -> bool:
    """``_may_tidy`` of ``work`` as ``judge`` leaves it, for a ``work`` that may not need tidying."""
    judged = judge(work)
    return judged != work and _may_tidy(judged)


def _left_alone(record: _Record, judge: Callable[[str], str] | None, strips_harakat: bool) -> bool:
    """Whether the one line of a text is certainly left as it is: the common case, decided early.

    What the loop of :func:`plan_repairs` finds for a text of one line, which
    is no block, with presentation forms kept: a line holding an Arabic
    letter, without extractor wrappers, without a word read backwards (so
    neither confidently visual nor reversed word by word, and not judged
    for confidence), which neither as it is nor as ``judge`` leaves it may
    need its runs or stop tidied, is not touched.  Anything else goes the
    whole way; the tests compare both on every line of their texts.
    """
    _start, _end, _brk, work, unwrapped, arabic, _f, b, wf, wb, tidy = record
    if not arabic or unwrapped or b or tidy or (wb >= 2 and wb > wf):
        return False
    if strips_harakat and _core.arabic_mark_runs(work):
        return False
    return judge is None or not _may_tidy_judged(work, judge)


def _block_has_moved_stops(lines: list[_Line]) -> bool:
    """Whether the logical lines of a block mostly have their final stop at the front.

    Then a line without evidence of its own (short Persian lines) gets its
    stop moved too.  At least two such logical lines, outnumbering the
    logical lines whose stop is at the end.  Only a neutral stop (``.``,
    ``!``, ``?``) is moved by these extractors: a stop that is itself a
    right-to-left character (Urdu ``۔``, ``؟``) is drawn in its place and
    read back in it, so a line ending with one says nothing either way.
    """
    moved = at_end = 0
    for ln in lines:
        if ln.forward > ln.backward:
            body = ln.work.strip()
            moved += _core.final_stop_at_front(body)
            at_end += _ends_with_stop(body) and bidi_class(body[-1]) not in ("R", "AL")
    return moved >= 2 and moved > at_end


def plan_repairs(
    text: str,
    *,
    min_confidence: float = REPAIR_THRESHOLD,
    judge: Callable[[str], str] | None = None,
    strips_harakat: bool = False,
    keep_forms: bool = False,
    words: WordValues | None = None,
) -> list[LineRepair]:
    """The repairs of every line that needs one, each with the names of what was done.

    What real PDF extractors hand back, in this order:

    * ``extractor_controls``: pdftotext's RLE/LRE ... PDF wrappers removed, the
      spaces they displaced put back (:func:`unwrap_extractor_controls`);
    * ``visual_order``: a line confidently visual on its own evidence,
      reordered (:func:`repair_line`, the one judgement of a whole line);
    * ``visual_block``: a line with weak or no evidence of its own, reordered
      because its page (text between form feeds) or, when the page says too
      little, the whole text is visual: lines repaired on their own evidence,
      and lines leaning visual outnumbering those leaning logical three to
      one.  A block that is mostly logical never repairs a weak line;
    * ``displaced_zwnj``: in a line turned round, a ZWNJ pdfplumber sorted
      before the letter beside it put back (:func:`put_back_zwnj`);
    * ``reversed_words``: words reversed one by one in a line whose word
      order is logical (its final stop at the end, in a right-to-left
      paragraph, no presentation forms), when the line is confident or its
      block is made of such lines (:func:`reverse_words`); such a block never
      has a line turned round as a whole.  Given the word lists (``words``),
      also each word that is a word only backwards
      (:func:`words_read_backwards`), in a block where three lines and half
      the lines hold one and show their words in logical order (a final
      stop at the end, or a word that is a word only as it stands): the
      core's evidence misses words without a final-only letter or an article;
    * ``visual_runs``: runs written left to right, each in logical order
      (:func:`runs_in_visual_order`);
    * ``final_stop``: a logical line's final stop moved back from its front
      (:func:`move_final_stop`); for a line without evidence of its own, when
      the logical lines of its block mostly have their stop at the front.

    * ``presentation_forms``: a line needing none of the above, not leaning
      visual, but holding presentation forms is unshaped by the ``presentation_forms`` rule
      (:func:`~mixscript.unicode.shaping.unshape_words`: Forms-B always,
      Forms-A in words of forms or beside a Forms-B form).  pypdf hands back
      whole lines in logical order in forms, or words mixing letters and
      forms.  ``keep_forms=True`` leaves such lines alone: the
      ``visual_order`` step passes it, because its profile has a
      ``presentation_forms`` step of its own (which maps every form back
      to itself in ``explain``).

    A repaired line comes back in letters, not presentation forms.

    ``words`` looks words up in the word lists (see :data:`WordValues`);
    without it (or without the ``lang`` extra) the word lists say nothing.

    ``judge`` is the rest of a normalisation profile: a line is also judged
    as that leaves it (``search`` folds ى, which only ends words), and a
    repair must read as logical both ways, which keeps profiles idempotent.
    A line that was logical (no wrappers, leaning logical, stop in place)
    and in letters is never touched.  Without ``keep_forms`` and without a
    ``judge``, lines are also judged as unshaping leaves them, so that
    repairing the result again finds nothing to do.
    """
    try:
        # One core call reads every line: its span, the wrappers removed, its
        # evidence (``_core.visual_evidence``) and whether it may need tidying.
        records = _line_records(text)
    except (TypeError, ValueError):
        validate(text)  # the library's own error for a non-str or a lone surrogate
        raise
    if judge is None and not keep_forms:
        judge = unshape_words
    if (
        len(records) == 1
        and keep_forms
        and min_confidence > 0
        and _left_alone(records[0], judge, strips_harakat)
    ):
        return []
    lines: list[_Line] = []
    page = 0
    for start, end, brk, work, unwrapped, arabic, f, b, wf, wb, tidy in records:
        item = _Line(start, end, page, work, ["extractor_controls"] if unwrapped else [])
        if brk > end and "\f" in text[end:brk]:
            page += 1
        lines.append(item)
        if not arabic:
            continue
        item.arabic, item.tidy = True, tidy
        item.forward, item.backward = f, b
        item.clean = wf > 0 and wb == 0
        item.backward_words = wb
        # Two reversed words at least, more than those reading forwards: one
        # odd word (هل reads as Pashto له backwards) is no sign.
        item.words_reversed = (
            wb >= 2
            and wb > wf
            and _ends_with_stop(work)
            and _starts_right_to_left(work)
            and _FORMS.search(work) is None
        )
        judge_anyway = bool(strips_harakat and _core.arabic_mark_runs(work))
        conf = _confidence(f, b) if b else 0.0
        if judge is not None and conf < min_confidence and (b > 0 or judge_anyway):
            judged = judge(work)
            # A line the rest of the profile leaves as it is scores the same.
            if judged != work:
                conf = _confidence(*visual_score(judged))
        item.confident = conf >= min_confidence
        if item.confident and not item.words_reversed:
            # The one judgement of a whole line on its own evidence: the
            # line is confidently visual (as :func:`repair_line` would find).
            item.own = _confident_repair(work, judge)
    pages: dict[int, list[_Line]] = {}
    for item in lines:
        pages.setdefault(item.page, []).append(item)
    if len(lines) == 1:
        # A text of one line (what normalising line by line asks) says
        # nothing as a block: each block rule needs two or three lines.
        document, document_words, document_listed, one_line = None, False, False, True
    else:
        document = _block_is_visual(lines)
        document_words = _block_has_reversed_words(lines)
        document_listed = _block_reads_words_backwards(lines, words)
        one_line = False
    for items in pages.values():
        # A text of one page (most texts) is its own document: judged once.
        whole = len(items) == len(lines)
        verdict = document if whole else _block_is_visual(items)
        visual_block = document if verdict is None else verdict
        words_block = document_words or (not whole and _block_has_reversed_words(items))
        listed_block = document_listed or (not whole and _block_reads_words_backwards(items, words))
        stops_block = not one_line and _block_has_moved_stops(items)
        for item in items:
            # ``work`` is as the first pass left it: no line was repaired yet.
            if not item.arabic and not (
                # A ligature (U+FDFD) turns into letters later in the profile.
                judge is not None
                and _ARABIC_SYMBOL.search(item.work)
                and _has_arabic_letter(judge(item.work))
            ):
                continue
            if item.words_reversed or item.own is not None or words_block or visual_block:
                # (Otherwise none of _reorder's three ways applies.)
                _reorder(item, judge, visual_block=bool(visual_block), words_block=words_block)
            if listed_block and words and item.arabic and item.visual in (None, "reversed_words"):
                _reverse_listed_words(
                    item, words, visual_block=bool(visual_block) and not words_block
                )
            if item.visual is None and not (
                # ``work`` is unchanged since the first pass: its ``tidy`` holds
                # (found by the core for the lines holding an Arabic letter).
                (item.tidy if item.arabic else _may_tidy(item.work))
                or (judge is not None and _may_tidy_judged(item.work, judge))
            ):
                # Neither repair _tidy tries can change the line nor the line
                # as judged (the core's necessary conditions): _tidy would
                # leave it as it is.  Most lines end here.
                continue
            _tidy(item, judge, stops_block=stops_block and not visual_block)
    if not keep_forms:
        _unshape_logical(lines, text)
    out: list[LineRepair] = []
    for item in lines:
        if item.work == text[item.start : item.end]:
            continue
        rules = list(item.rules)
        if item.visual is not None:
            # After the wrappers' removal (done first), before the stop's move.
            rules.insert(1 if rules[:1] == ["extractor_controls"] else 0, item.visual)
        # A repaired line is text as stored, so in letters, not the forms
        # drawn; a line only unshaped keeps what the presentation_forms rule
        # keeps (Forms-A beside plain letters).
        fixed = item.work if rules == ["presentation_forms"] else unshape(item.work)
        out.append(LineRepair(item.start, item.end, fixed, tuple(rules)))
    return out


def _unshape_logical(lines: list[_Line], text: str) -> None:
    """Lines nothing else repairs, their presentation forms unshaped (``presentation_forms``).

    Not a line that leans visual without being repaired (too short to be
    sure): its forms are the evidence of its order, and a lam-alef ligature
    unshaped before the line is turned round would come out alef first
    (``mixscript repair --force`` could no longer put it right).
    """
    for item in lines:
        if item.work == text[item.start : item.end] and item.backward <= item.forward:
            unshaped = unshape_words(item.work)
            if unshaped != item.work:
                item.work = unshaped
                item.rules.append("presentation_forms")
