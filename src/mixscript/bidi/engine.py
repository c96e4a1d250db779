"""The Unicode Bidirectional Algorithm (UAX #9), levels and reordering, in pure Python.

Why our own engine when python-bidi exists: python-bidi returns only the
reordered string of a whole paragraph.  Rendering needs more: the embedding
level of every character (to mirror brackets at odd levels, rule L4, and to
keep combining marks after their base, rule L3), and reordering *per line*
with the direction found once for the paragraph (rules L1-L2 after wrapping).
Its Rust backend also moves newlines to the front of RTL paragraphs.  This
module implements rules P2-P3, X1-X10, W1-W7, N0-N2, I1-I2 and L1-L2 of
UAX #9 (Unicode 15.0) and is checked line by line against the Unicode
Consortium's ``BidiCharacterTest.txt`` (``tests/test_bidi_conformance.py``).

With PyICU installed, :class:`IcuEngine` computes the same levels with ICU's
``ubidi``; everything after the levels (L1, L2, L3, L4) is shared code, so
the two engines can only differ in the levels they resolve.

Levels are computed per *paragraph*: split text at paragraph separators
(class B) first; :func:`paragraphs` does that.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from functools import lru_cache
from operator import itemgetter
from typing import Protocol

from mixscript.bidi import fast as bidi_fast
from mixscript.bidi.fast import codes_of, pair_brackets
from mixscript.unicode._ucd_bidi import BIDI_CLASS_RANGES, BRACKETS, MIRRORS
from mixscript.unicode.ranges import RangeTable

__all__ = [
    "IcuEngine",
    "LevelEngine",
    "PythonEngine",
    "bidi_class",
    "first_strong_level",
    "keep_marks_after_base",
    "line_levels",
    "mirror",
    "paragraphs",
    "removed_by_x9",
    "reorder_line",
]

MAX_DEPTH = 125
_CLASSES = RangeTable(BIDI_CLASS_RANGES)
_STRONG = {"L": 0, "R": 1, "AL": 1}
_ISOLATE_INITIATORS = frozenset(("LRI", "RLI", "FSI"))
_X9_REMOVED = frozenset(("RLE", "LRE", "RLO", "LRO", "PDF", "BN"))
_NEUTRAL_OR_ISOLATE = frozenset(("B", "S", "WS", "ON", "LRI", "RLI", "FSI", "PDI"))


@lru_cache(maxsize=16384)
def bidi_class(ch: str) -> str:
    """Bidi_Class of one character, at :data:`mixscript.unicode.UNICODE_VERSION`.

    From the generated table, not :mod:`unicodedata`: that follows the running
    Python's Unicode version and gives no class to unassigned code points.

    >>> bidi_class("a"), bidi_class("\\N{ARABIC LETTER BEH}"), bidi_class("1")
    ('L', 'AL', 'EN')
    >>> bidi_class("\\u05ff")  # unassigned, but in the Hebrew block
    'R'
    """
    return _CLASSES.get(ord(ch), "L")


def removed_by_x9(cls: str) -> bool:
    """Whether rule X9 removes characters of this class (embeddings, overrides, PDF, BN)."""
    return cls in _X9_REMOVED


# Rule L4 for a whole string at once: ``text.translate(MIRROR_TABLE)``.
MIRROR_TABLE: dict[int, str] = {cp: chr(m) for cp, m in MIRRORS.items()}


def mirror(ch: str) -> str:
    """The Bidi_Mirroring_Glyph of ``ch``, or ``ch`` itself (rule L4).

    >>> mirror("("), mirror("\\N{LEFT-POINTING DOUBLE ANGLE QUOTATION MARK}"), mirror("a")
    (')', '»', 'a')
    """
    m = MIRRORS.get(ord(ch))
    return chr(m) if m is not None else ch


def mirror_odd(text: str, levels: Sequence[int]) -> str:
    """``text`` with every character at an odd level replaced by its mirror glyph (rule L4).

    >>> mirror_odd("(a)(", [1, 1, 1, 0])
    ')a(('
    """
    flipped = text.translate(MIRROR_TABLE)
    if flipped == text:  # nothing that mirrors
        return text
    return "".join(f if lv & 1 else c for c, f, lv in zip(text, flipped, levels, strict=True))


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Spans of the paragraphs of ``text``; each includes its closing separator (class B).

    CRLF is one separator, so it is never split between two paragraphs.

    >>> paragraphs("ab\\r\\ncd\\nef")
    [(0, 4), (4, 7), (7, 9)]
    """
    spans: list[tuple[int, int]] = []
    start = 0
    n = len(text)
    codes = class_codes(text)
    i = codes.find(_PARAGRAPH_SEPARATOR)
    while i != -1:
        end = i + 2 if text.startswith("\r\n", i) else i + 1
        spans.append((start, end))
        start = end
        i = codes.find(_PARAGRAPH_SEPARATOR, end)
    if start < n or not spans:
        spans.append((start, n))
    return spans


def pick(text: str, order: Sequence[int]) -> str:
    """The characters of ``text`` at the indexes ``order``, as a string (one C call).

    >>> pick("abc", [2, 0, 1]), pick("abc", [1]), pick("abc", [])
    ('cab', 'b', '')
    """
    if len(order) < 2:  # itemgetter gives one item bare, and needs one at least
        return "".join(text[i] for i in order)
    return "".join(itemgetter(*order)(text))


def _first_strong(classes: Sequence[str], start: int, end: int, stop_at_pdi: bool) -> int | None:
    """P2: level of the first strong character, skipping isolated content."""
    depth = 0
    for i in range(start, end):
        c = classes[i]
        if c in _ISOLATE_INITIATORS:
            depth += 1
        elif c == "PDI":
            if depth:
                depth -= 1
            elif stop_at_pdi:
                return None
        elif c == "B":
            return None
        elif depth == 0 and c in _STRONG:
            return _STRONG[c]
    return None


def first_strong_level(text: str) -> int | None:
    """P2-P3: 1 if the first strong character (outside isolates) is RTL, 0 if LTR, else None.

    >>> first_strong_level("123 سلام abc"), first_strong_level("\\u2067سلام\\u2069 hi")
    (1, 0)
    """
    classes = [bidi_class(c) for c in text]
    return _first_strong(classes, 0, len(classes), False)


def _matching_pdis(classes: Sequence[str]) -> dict[int, int]:
    """BD9: isolate initiator index -> index of its matching PDI."""
    stack: list[int] = []
    match: dict[int, int] = {}
    for i, c in enumerate(classes):
        if c in _ISOLATE_INITIATORS:
            stack.append(i)
        elif c == "PDI" and stack:
            match[stack.pop()] = i
    return match


# Class codes of the characters X1-X8 act on; every other one just takes the
# current level (and override).
_X_ACTS = re.compile(
    f"[{codes_of('RLE', 'LRE', 'RLO', 'LRO', 'PDF', 'LRI', 'RLI', 'FSI', 'PDI', 'B')}]"
)
_BN_CODE = codes_of("BN")


def _explicit(
    classes: list[str], para: int, match: dict[int, int], codes: str | None = None
) -> tuple[list[int], list[str]]:
    """X1-X8: embedding levels and override-adjusted classes.

    ``codes`` (the text's class codes) lets the runs between explicit
    controls be filled by slices instead of one character at a time: a long
    paragraph with a control or two spends most of its length in such runs.
    """
    n = len(classes)
    levels = [para] * n
    types = list(classes)
    # Stack entries: (level, override "L"/"R"/"", isolate?)
    stack: list[tuple[int, str, bool]] = [(para, "", False)]
    overflow_isolates = overflow_embeddings = valid_isolates = 0
    if codes is not None:
        positions = [m.start() for m in _X_ACTS.finditer(codes)]
    else:
        positions = list(range(n))
    done = 0
    for i in [*positions, n]:
        if done < i:  # a run of characters X1-X8 do not act on
            level, override, _ = stack[-1]
            if codes is not None:
                levels[done:i] = [level] * (i - done)
                if override:
                    types[done:i] = [override] * (i - done)
                    for j in _find_all(codes, _BN_CODE, done, i):
                        types[j] = "BN"
        if i == n:
            break
        done = i + 1
        c = classes[i]
        level, override, _ = stack[-1]
        if c in ("RLE", "LRE", "RLO", "LRO"):
            new = (level + 1) | 1 if c[0] == "R" else (level + 2) & ~1
            levels[i] = level
            if new <= MAX_DEPTH and not overflow_isolates and not overflow_embeddings:
                stack.append((new, "" if c[2] == "E" else c[0], False))
            elif not overflow_isolates:
                overflow_embeddings += 1
        elif c in _ISOLATE_INITIATORS:
            levels[i] = level
            if override:
                types[i] = override
            rtl = c == "RLI"
            if c == "FSI":
                end = match.get(i, n)
                rtl = _first_strong(classes, i + 1, end, True) == 1
            new = (level + 1) | 1 if rtl else (level + 2) & ~1
            if new <= MAX_DEPTH and not overflow_isolates and not overflow_embeddings:
                valid_isolates += 1
                stack.append((new, "", True))
            else:
                overflow_isolates += 1
        elif c == "PDI":
            if overflow_isolates:
                overflow_isolates -= 1
            elif valid_isolates:
                overflow_embeddings = 0
                while not stack[-1][2]:
                    stack.pop()
                stack.pop()
                valid_isolates -= 1
            level, override, _ = stack[-1]
            levels[i] = level
            if override:
                types[i] = override
        elif c == "PDF":
            levels[i] = level
            if overflow_isolates:
                pass
            elif overflow_embeddings:
                overflow_embeddings -= 1
            elif not stack[-1][2] and len(stack) >= 2:
                stack.pop()
        elif c == "B":
            levels[i] = para
        else:
            levels[i] = level
            if override and c != "BN":
                types[i] = override
    return levels, types


def _find_all(text: str, char: str, start: int, end: int) -> Iterator[int]:
    """Positions of ``char`` in ``text[start:end]``."""
    k = text.find(char, start, end)
    while k >= 0:
        yield k
        k = text.find(char, k + 1, end)


def _isolating_sequences(
    kept: list[int], levels: list[int], classes: list[str], match: dict[int, int]
) -> list[list[int]]:
    """BD13/X10: isolating run sequences over the characters X9 keeps."""
    runs: list[list[int]] = []
    for i in kept:
        if runs and levels[runs[-1][-1]] == levels[i]:
            runs[-1].append(i)
        else:
            runs.append([i])
    run_of_start = {run[0]: run for run in runs}
    matched_pdis = set(match.values())
    sequences: list[list[int]] = []
    for run in runs:
        if run[0] in matched_pdis and classes[run[0]] == "PDI":
            continue  # continues the sequence of its isolate initiator
        seq = list(run)
        while classes[seq[-1]] in _ISOLATE_INITIATORS and seq[-1] in match:
            nxt = run_of_start.get(match[seq[-1]])
            if nxt is None:
                break
            seq.extend(nxt)
        sequences.append(seq)
    return sequences


def _resolve_weak(types: list[str], sos: str) -> None:
    """W1-W7 on the types of one isolating run sequence, in place."""
    n = len(types)
    prev = sos
    for k in range(n):  # W1
        if types[k] == "NSM":
            types[k] = "ON" if prev in _ISOLATE_INITIATORS or prev == "PDI" else prev
        prev = types[k]
    strong = sos
    for k in range(n):  # W2, W3
        t = types[k]
        if t in _STRONG:
            strong = t
            if t == "AL":
                types[k] = "R"
        elif t == "EN" and strong == "AL":
            types[k] = "AN"
    for k in range(1, n - 1):  # W4
        t = types[k]
        if t in ("ES", "CS"):
            before, after = types[k - 1], types[k + 1]
            if before == after == "EN" or (t == "CS" and before == after == "AN"):
                types[k] = before
    k = 0
    while k < n:  # W5
        if types[k] == "ET":
            j = k
            while j < n and types[j] == "ET":
                j += 1
            if (k > 0 and types[k - 1] == "EN") or (j < n and types[j] == "EN"):
                for m in range(k, j):
                    types[m] = "EN"
            k = j
        else:
            k += 1
    for k in range(n):  # W6
        if types[k] in ("ES", "ET", "CS"):
            types[k] = "ON"
    strong = sos
    for k in range(n):  # W7
        t = types[k]
        if t in ("L", "R"):
            strong = t
        elif t == "EN" and strong == "L":
            types[k] = "L"


def _strong_for_n(t: str) -> str:
    """N0/N1: EN and AN count as R."""
    if t == "L":
        return "L"
    if t in ("R", "EN", "AN"):
        return "R"
    return ""


def _bracket_pairs(text: str, seq: list[int], types: list[str]) -> list[tuple[int, int]]:
    """BD16: positions (within the sequence) of matched bracket pairs, sorted by opener."""
    return pair_brackets(
        (ord(text[i]), k)
        for k, i in enumerate(seq)
        if types[k] == "ON" and ord(text[i]) in BRACKETS
    )


def _resolve_brackets(
    text: str, seq: list[int], types: list[str], original: list[str], level: int, sos: str
) -> None:
    """N0: brackets take the embedding direction, or the context's, in place."""
    embedding = "R" if level & 1 else "L"
    for open_k, close_k in _bracket_pairs(text, seq, types):
        found_opposite = False
        resolved = ""
        for k in range(open_k + 1, close_k):
            s = _strong_for_n(types[k])
            if s == embedding:
                resolved = embedding
                break
            if s:
                found_opposite = True
        if not resolved and found_opposite:
            context = sos
            for k in range(open_k - 1, -1, -1):
                s = _strong_for_n(types[k])
                if s:
                    context = s
                    break
            resolved = context if context != embedding else embedding
        if not resolved:
            continue
        for k in (open_k, close_k):
            types[k] = resolved
            m = k + 1
            while m < len(seq) and original[seq[m]] == "NSM":
                types[m] = resolved
                m += 1


def _resolve_neutral(types: list[str], level: int, sos: str, eos: str) -> None:
    """N1-N2: runs of neutrals take their neighbours' direction or the embedding's."""
    embedding = "R" if level & 1 else "L"
    n = len(types)
    k = 0
    while k < n:
        if types[k] not in _NEUTRAL_OR_ISOLATE:
            k += 1
            continue
        j = k
        while j < n and types[j] in _NEUTRAL_OR_ISOLATE:
            j += 1
        before = _strong_for_n(types[k - 1]) if k > 0 else sos
        after = _strong_for_n(types[j]) if j < n else eos
        direction = before if before == after else embedding
        for m in range(k, j):
            types[m] = direction
        k = j


class LevelEngine(Protocol):
    """Something that resolves the embedding levels of one paragraph (rules P2-I2)."""

    name: str

    def levels(self, text: str, base_level: int | None) -> tuple[list[int], int]:
        """(level per character, paragraph level) for ``text``, one paragraph."""
        ...


class PythonEngine:
    """UAX #9 levels in pure Python; no dependency beyond the standard library."""

    name = "python"

    def levels(self, text: str, base_level: int | None) -> tuple[list[int], int]:
        """Resolve levels through rule I2.  X9-removed characters get their neighbour's level.

        Digits after Hebrew follow it (W7 finds R, not L), and so does the space between:

        >>> PythonEngine().levels("abc \\u05d0\\u05d1 12", None)
        ([0, 0, 0, 0, 1, 1, 1, 2, 2], 0)

        A paragraph without explicit controls (the usual case) goes through
        :func:`mixscript.bidi.fast.fast_levels`, which gives the same result
        several times faster; the others through :func:`_general_levels`.
        """
        fast = bidi_fast.fast_levels(text, class_codes(text), base_level)
        if fast is not None:
            return fast
        return _general_levels(text, base_level, by_strings=True)


_CLASS_CODES = bidi_fast.ClassCodes(bidi_class)
_PARAGRAPH_SEPARATOR = codes_of("B")


def class_codes(text: str) -> str:
    """One letter per character of ``text`` for its bidi class (``bidi_fast.CODES``).

    Cached for line-sized text: a line's levels and its L1 resets both need
    them, and repairing a visual line resolves the same text several times.
    Longer text is not kept, so the cache stays small whatever the input.

    >>> class_codes("a1 ب")
    'LEWA'
    """
    if len(text) > _CACHED_CODES_MAX:
        return text.translate(_CLASS_CODES)
    return _cached_class_codes(text)


_CACHED_CODES_MAX = 4096


@lru_cache(maxsize=64)
def _cached_class_codes(text: str) -> str:
    return text.translate(_CLASS_CODES)


def _general_levels(
    text: str, base_level: int | None, by_strings: bool = False
) -> tuple[list[int], int]:
    """:meth:`PythonEngine.levels` by the rules one after the other, for any paragraph.

    Rule by rule over lists of class names, with explicit embeddings,
    overrides and isolates; kept callable on its own so that tests can
    compare it with the fast path.

    ``by_strings``: rules W1-I2 of each isolating run sequence by the fast
    path's string rewrites (:func:`_sequence_levels_by_strings`) instead of
    loops over class names.  Why: one long line with a single override in it
    (a minified file) goes through this function whole, and the loops made
    it several times slower per character than the same bytes in lines, most
    of which take the fast path.  ``PythonEngine`` uses it; the loops stay
    as the reference the tests compare it with.
    """
    classes = [bidi_class(c) for c in text]
    para = base_level
    if para is None:
        para = _first_strong(classes, 0, len(classes), False) or 0
    match = _matching_pdis(classes)
    levels, types = _explicit(classes, para, match, class_codes(text) if by_strings else None)
    kept = [i for i, c in enumerate(classes) if c not in _X9_REMOVED]
    explicit = list(levels)  # sos/eos look at these, not at levels raised by I1-I2
    for seq in _isolating_sequences(kept, levels, classes, match):
        level = levels[seq[0]]
        first, last = seq[0], seq[-1]
        prev_level = para
        for i in range(first - 1, -1, -1):
            if classes[i] not in _X9_REMOVED:
                prev_level = explicit[i]
                break
        next_level = para  # also when the sequence ends with an unmatched isolate initiator
        if classes[last] not in _ISOLATE_INITIATORS:
            for i in range(last + 1, len(classes)):
                if classes[i] not in _X9_REMOVED:
                    next_level = explicit[i]
                    break
        sos = "R" if max(prev_level, level) & 1 else "L"
        eos = "R" if max(next_level, level) & 1 else "L"
        if by_strings:
            _sequence_levels_by_strings(text, seq, types, classes, level, sos, eos, levels)
            continue
        seq_types = [types[i] for i in seq]
        _resolve_weak(seq_types, sos)
        _resolve_brackets(text, seq, seq_types, classes, level, sos)
        _resolve_neutral(seq_types, level, sos, eos)
        for i, t in zip(seq, seq_types, strict=True):  # I1, I2
            if level & 1:
                if t in ("L", "EN", "AN"):
                    levels[i] = level + 1
            elif t == "R":
                levels[i] = level + 1
            elif t in ("AN", "EN"):
                levels[i] = level + 2
    _fill_removed(classes, levels, para)
    return levels, para


# Class name -> code for the string rules; isolate initiators and PDI are
# neutral (NI) to every rule from W1 on, and an NSM after one becomes ON (W1).
_SEQUENCE_CODES = {
    **bidi_fast.CODES,
    **{c: "O" for c in ("LRI", "RLI", "FSI", "PDI")},
}


def _sequence_levels_by_strings(
    text: str,
    seq: list[int],
    types: list[str],
    classes: list[str],
    level: int,
    sos: str,
    eos: str,
    levels: list[int],
) -> None:
    """W1-I2 of one isolating run sequence by :mod:`mixscript.bidi.fast`'s string rules, in place.

    The sequence's types (after overrides) become a string of class codes
    framed by ``sos`` and ``eos``, exactly what the fast path resolves for a
    paragraph without controls; its characters hold no X9-removed one, so
    positions in the string are positions in ``seq``.
    """
    codes = "".join([_SEQUENCE_CODES[types[i]] for i in seq])
    framed = sos + codes + eos
    resolved = bidi_fast.resolve_weak(framed)
    odd = bool(level & 1)
    seq_text = "".join([text[i] for i in seq])
    if bidi_fast.has_brackets(seq_text):
        # N0 gives a bracket's type to the NSMs after it: NSM by original class.
        original = sos + "".join([bidi_fast.CODES[classes[i]] for i in seq]) + eos
        resolved = bidi_fast.resolve_brackets(seq_text, codes, resolved, original, odd)
    resolved = bidi_fast.resolve_neutral(resolved, odd)
    for i, ch in zip(seq, resolved[1:-1].translate(bidi_fast.level_table(level)), strict=True):
        levels[i] = ord(ch)


def _fill_removed(classes: Sequence[str], levels: list[int], para: int) -> None:
    """Give X9-removed characters the level of the character before them (or the paragraph's).

    They have no level of their own; this keeps them next to their neighbour
    when a line is reordered instead of letting them split a run.
    """
    prev = para
    for i, c in enumerate(classes):
        if c in _X9_REMOVED:
            levels[i] = prev
        else:
            prev = levels[i]


class IcuEngine:
    """UAX #9 levels from ICU's ``ubidi`` through PyICU (the ``mixscript[icu]`` extra)."""

    name = "icu"

    def __init__(self) -> None:
        import icu  # optional dependency: raises ImportError without PyICU

        self._icu = icu

    def levels(self, text: str, base_level: int | None) -> tuple[list[int], int]:
        """Levels per code point (ICU counts UTF-16 units; astral characters are mapped back)."""
        icu = self._icu
        # ubidi keeps a pointer to the text: the UnicodeString must outlive the calls.
        ustr = icu.UnicodeString(text)
        bidi = icu.Bidi()
        bidi.setPara(ustr, 0xFE if base_level is None else base_level)
        unit_levels = bidi.getLevels() if len(ustr) else ()
        para = int(bidi.getParaLevel())
        levels: list[int] = []
        u = 0
        for ch in text:
            levels.append(int(unit_levels[u]) if u < len(unit_levels) else para)
            u += 2 if ord(ch) > 0xFFFF else 1
        classes = [bidi_class(c) for c in text]
        _fill_removed(classes, levels, para)
        return levels, para


def line_levels(text: str, levels: Sequence[int], para: int, start: int, end: int) -> list[int]:
    """Rule L1 for the line ``text[start:end]`` of a paragraph: levels of that line.

    Segment and paragraph separators, and whitespace or isolate controls
    before them or at the end of the line, go back to the paragraph level.
    The places are found by one scan of the line's class codes.
    """
    out = list(levels[start:end])
    # A short paragraph's codes are cached whole; a long one's are computed for
    # the line alone: computed for the whole paragraph per wrapped line, one
    # long line cost quadratic time under ``--width``.
    if len(text) <= _CACHED_CODES_MAX:
        codes = class_codes(text)[start:end]
    else:
        codes = class_codes(text[start:end])
    for m in _L1_RESET.finditer(codes):
        a, b = m.span()
        out[a:b] = [para] * (b - a)
    return out


# Class codes (bidi_fast.CODES) of the characters L1 resets: whitespace, isolate
# controls and what X9 removes, before a segment/paragraph separator or the end.
_L1_TRAILING = codes_of("WS", "LRI", "RLI", "FSI", "PDI", "LRE", "RLE", "LRO", "RLO", "PDF", "BN")
_L1_RESET = re.compile(f"[{_L1_TRAILING}]*[{codes_of('S', 'B')}]|[{_L1_TRAILING}]+\\Z")


def reorder_line(levels: Sequence[int]) -> list[int]:
    """Rule L2: indexes of a line's characters in visual (left-to-right) order.

    From the highest level down to the lowest odd one, every maximal run at
    that level or above is reversed.  A reversal only moves characters within
    a run of levels at least as high as any lower level's, so the runs of
    each level can be read off the original levels, one bytes scan per level.

    >>> reorder_line([0, 0, 1, 1, 2, 2, 1])
    [0, 1, 6, 4, 5, 3, 2]
    """
    order = list(range(len(levels)))
    if not levels:
        return order
    highest = max(levels)
    lowest_odd = min((lv for lv in set(levels) if lv & 1), default=highest + 1)
    packed = bytes(levels)
    for level in range(highest, lowest_odd - 1, -1):
        for m in _at_least(level).finditer(packed):
            a, b = m.span()
            order[a:b] = order[a:b][::-1]
    return order


@lru_cache(maxsize=128)  # levels go up to 126
def _at_least(level: int) -> re.Pattern[bytes]:
    """A run of bytes (levels) of ``level`` or more."""
    return re.compile(b"[%s-\\xff]+" % re.escape(bytes([level])))


def keep_marks_after_base(text: str, order: list[int], levels: Sequence[int]) -> list[int]:
    """Rule L3: in right-to-left runs, put combining marks back after their base character.

    Reversal leaves a letter's harakat in front of it; a renderer that draws
    left to right attaches a mark to the glyph before it, so each base and its
    marks are swapped back.  ``order`` is a visual order of ``text`` and
    ``levels`` the line's levels, both indexed like ``text``.

    >>> keep_marks_after_base("\u05d0\u05b7\u05d1", [2, 1, 0], [1, 1, 1])
    [2, 0, 1]
    """
    out = list(order)
    k = 0
    n = len(out)
    while k < n:
        if levels[out[k]] & 1 and bidi_class(text[out[k]]) == "NSM":
            j = k
            while j + 1 < n and out[j + 1] == out[j] - 1 and bidi_class(text[out[j + 1]]) == "NSM":
                j += 1
            if j + 1 < n and out[j + 1] == out[j] - 1:
                out[k : j + 2] = out[k : j + 2][::-1]  # base first, then its marks
                k = j + 2
                continue
            k = j + 1
        else:
            k += 1
    return out
