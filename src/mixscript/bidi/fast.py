"""UAX #9 levels for paragraphs without explicit controls, by string scans.

Why a second implementation: :class:`~mixscript.bidi.engine.PythonEngine`
walks a list of class names once per rule, which costs a good part of a
millisecond for a 300-character line, and :func:`mixscript.bidi.repair.to_logical` resolves
each drawn line a dozen times.  Most text has no embedding, override or
isolate controls (LRE RLE LRO RLO PDF LRI RLI FSI PDI); its paragraph is
then a single isolating run sequence at the paragraph level (X1-X10 do
nothing but drop BN), and every remaining rule is a local rewrite of a
string of one-letter class codes (:data:`CODES`) that :mod:`re` does in C,
with Python code running only per match.  The explicit controls get
lower-case codes; a paragraph holding any of them is left to the general
engine.  :func:`fast_levels` must give exactly what
the general engine gives; ``tests/test_bidi_fast.py`` compares the two on
random text and ``tests/test_bidi_conformance.py`` runs the Unicode test
files through both paths.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from mixscript.unicode._ucd_bidi import BRACKETS
from mixscript.unicode.char_tables import CharTable

__all__ = ["CANONICAL_BRACKET", "CODES", "ClassCodes", "codes_of", "fast_levels", "pair_brackets"]

# BD16 matches brackets up to canonical equivalence: U+2329/U+232A are U+3008/U+3009.
CANONICAL_BRACKET = {0x2329: 0x3008, 0x232A: 0x3009}

# Bidi_Class -> one-letter code; upper case for the classes the fast path handles.
CODES = {
    "L": "L",
    "R": "R",
    "AL": "A",
    "EN": "E",
    "ES": "P",
    "ET": "T",
    "AN": "N",
    "CS": "C",
    "NSM": "M",
    "BN": "X",
    "B": "B",
    "S": "S",
    "WS": "W",
    "ON": "O",
    "LRE": "e",
    "RLE": "f",
    "LRO": "o",
    "RLO": "p",
    "PDF": "d",
    "LRI": "i",
    "RLI": "j",
    "FSI": "k",
    "PDI": "q",
}


def codes_of(*classes: str) -> str:
    """The one-letter codes of Bidi_Class values, for patterns over class codes elsewhere.

    >>> codes_of("L", "R", "AL")
    'LRA'
    """
    return "".join(CODES[c] for c in classes)


class ClassCodes(CharTable):
    """A ``str.translate`` table: code point -> one-letter class code, filled on first sight."""

    def __init__(self, classify: Callable[[str], str]) -> None:
        super().__init__(lambda ch: CODES[classify(ch)])


_MAX_BASE = 125


_EXPLICIT = re.compile("[efopdijkq]")
_FIRST_STRONG = re.compile("[LRAB]")  # P2 stops at a paragraph separator
_BRACKET_CHARS = re.compile("[" + "".join(re.escape(chr(cp)) for cp in BRACKETS) + "]")

# W1: a run of NSM takes the type before it (the sos code is prepended, so always one).
_W1 = re.compile("M+")
# W2: EN after AL (before any other strong type) becomes AN; W3 then makes AL R.
# A match starts at an AL whose stretch up to the next strong type holds an EN.
_W2 = re.compile("A[^LRAE]*E[^LRA]*")
# W4: one separator between two numbers of the same kind joins them.  The
# second number is only looked at, so ``1,2,3`` is two overlapping matches.
_W4_EN = re.compile("E[PC](?=E)")
_W4_AN = re.compile("NC(?=N)")
# W5: a run of ET next to EN becomes EN.
_W5 = re.compile("(?<=E)T+|T+(?=E)")
# W6: what is left of the separators and terminators is ON.
_W6 = str.maketrans("PTC", "OOO")
# W7: EN after L (before any R) becomes L; again only stretches that hold an EN match.
_W7 = re.compile("L[^LRE]*E[^LR]*")
# N1: neutrals between two strong types of one direction (EN and AN count as R).
# Only the direction opposite to the embedding's needs a pass: a run between
# two of the embedding's own direction gets that direction from N2 anyway.
# A lone neutral (a space between words) is by far the most common run; it is
# replaced by a constant, which spares a Python call per match.
_NEUTRALS = "BSWO"
_N1_L1 = re.compile("L[BSWO](?=L)")
_N1_L = re.compile("L[BSWO]{2,}(?=L)")
_N1_R1 = re.compile("(?<=[REN])[BSWO](?=[REN])")
_N1_R = re.compile("(?<=[REN])[BSWO]{2,}(?=[REN])")
# N2 for each embedding direction.
_N2 = {"L": str.maketrans(_NEUTRALS, "LLLL"), "R": str.maketrans(_NEUTRALS, "RRRR")}
_L_STRONG = {ord("L"): "L", ord("R"): "R", ord("E"): "R", ord("N"): "R"}

_level_tables: dict[int, dict[int, str]] = {}


def _level_table(para: int) -> dict[int, str]:
    """I1-I2 as a translate table: final type code -> chr(level) at paragraph level ``para``."""
    table = _level_tables.get(para)
    if table is None:
        odd = {"L": 1, "E": 1, "N": 1, "R": 0}
        even = {"L": 0, "R": 1, "N": 2, "E": 2}
        ups = odd if para & 1 else even
        table = {ord(code): chr(para + up) for code, up in ups.items()}
        _level_tables[para] = table
    return table


def _repeat(char: str) -> Callable[[re.Match[str]], str]:
    """A ``re.sub`` replacement: the match, every character turned into ``char``."""
    return lambda m: char * (m.end() - m.start())


_TO_E = _repeat("E")
_TO_L_AFTER_L = _repeat("L")  # the match starts with its L neighbour: all L
_TO_R = _repeat("R")


def _w1(m: re.Match[str]) -> str:
    start = m.start()
    return m.string[start - 1] * (m.end() - start)


def _w2(m: re.Match[str]) -> str:
    return m[0].replace("E", "N")


def _w7(m: re.Match[str]) -> str:
    return m[0].replace("E", "L")


def _resolve_weak(types: str) -> str:
    """W1-W7 on a sequence's codes framed by its sos and eos codes."""
    if "M" in types:
        types = _W1.sub(_w1, types)
    if "A" in types:
        types = _W2.sub(_w2, types).replace("A", "R")
    if "P" in types or "C" in types:
        if "E" in types:
            types = _W4_EN.sub("EE", types)
        if "N" in types:
            types = _W4_AN.sub("NN", types)
    if "T" in types:
        types = _W5.sub(_TO_E, types)
    types = types.translate(_W6)
    if "E" in types and "L" in types:
        types = _W7.sub(_w7, types)
    return types


def pair_brackets(candidates: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """BD16: the matched pairs among ``(code point, position)`` bracket candidates, in order.

    Both engines call this with the brackets still of type ON; the pairs come
    back as (opener position, closer position), sorted by opener.  The stack
    holds 63 openers at most, as the rule says.

    >>> pair_brackets([(0x28, 0), (0x5B, 1), (0x29, 2), (0x5D, 3)])
    [(0, 2)]
    """
    stack: list[tuple[int, int]] = []
    pairs: list[tuple[int, int]] = []
    for cp, k in candidates:
        pair, kind = BRACKETS[cp]
        if kind == "o":
            if len(stack) == 63:
                break
            stack.append((CANONICAL_BRACKET.get(pair, pair), k))
        else:
            me = CANONICAL_BRACKET.get(cp, cp)
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == me:
                    pairs.append((stack[depth][1], k))
                    del stack[depth:]
                    break
    pairs.sort()
    return pairs


def _bracket_pairs(text: str, codes: str, types: str) -> list[tuple[int, int]]:
    """BD16 over the brackets of ``text``: positions (in ``types``) of matched pairs.

    ``types`` lacks the BN characters of ``codes`` and is framed by sos/eos,
    so a bracket at ``i`` in ``text`` is at ``i + 1`` minus the BNs before it.
    """

    def candidates() -> Iterator[tuple[int, int]]:
        # The BN count is carried from bracket to bracket: counted from the
        # start each time, one long line of brackets cost quadratic time.
        removed = 0
        counted = 0
        for m in _BRACKET_CHARS.finditer(text):
            i = m.start()
            removed += codes.count("X", counted, i)
            counted = i
            k = i + 1 - removed
            if codes[i] != "X" and types[k] == "O":
                yield ord(m[0]), k

    return pair_brackets(candidates())


def _resolve_brackets(text: str, codes: str, types: str, original: str, odd: bool) -> str:
    """N0 on framed codes; ``original`` holds the framed codes before W1 (to find NSM)."""
    pairs = _bracket_pairs(text, codes, types)
    if not pairs:
        return types
    embedding = "R" if odd else "L"
    opposite = "L" if odd else "R"
    buf = list(types)
    # Pairs nest and come in opener order, so nothing inside a pair has been
    # resolved yet when the pair is looked at: its strong types can be read
    # from ``types`` itself, with a search in C that stops at the first hit.
    strong = types.translate(_L_STRONG)
    # The strong type before an opener, by a scan that only moves forward:
    # the positions it has passed are never changed by a later pair (those
    # change their own brackets, at or after their opener).  Rescanning from
    # the start for each pair cost quadratic time on one long line.
    last_strong = types[0]  # sos
    scanned = 1
    for open_k, close_k in pairs:
        if strong.find(embedding, open_k + 1, close_k) >= 0:
            resolved = embedding
        elif strong.find(opposite, open_k + 1, close_k) >= 0:
            if scanned < open_k:
                before = "".join(buf[scanned:open_k]).translate(_L_STRONG)
                last = max(before.rfind("L"), before.rfind("R"))
                if last >= 0:
                    last_strong = before[last]
                scanned = open_k
            resolved = last_strong
        else:
            continue
        for k in (open_k, close_k):
            buf[k] = resolved
            m = k + 1
            while original[m] == "M":  # the frame's eos code ends the loop
                buf[m] = resolved
                m += 1
    return "".join(buf)


def _resolve_neutral(types: str, odd: bool) -> str:
    """N1-N2 on framed codes."""
    if odd:
        if "L" in types:
            types = _N1_L.sub(_TO_L_AFTER_L, _N1_L1.sub("LL", types))
        return types.translate(_N2["R"])
    types = _N1_R.sub(_TO_R, _N1_R1.sub("R", types))
    return types.translate(_N2["L"])


def fast_levels(text: str, codes: str, base_level: int | None) -> tuple[list[int], int] | None:
    """Levels as :meth:`PythonEngine.levels` gives them, or None if ``text`` has explicit controls.

    ``codes`` is ``text`` translated by a :class:`ClassCodes` table.  Without
    explicit controls every kept character sits at the paragraph level in one
    isolating run sequence whose sos and eos are the paragraph's direction;
    BN characters are dropped (X9) and afterwards take the level of the
    character before them, or the paragraph's, as the general engine does.
    A base level outside 0..125 (UAX #9's range) is also left to the general
    engine: levels are built as characters of a Latin-1 string here.

    >>> from mixscript.bidi.engine import bidi_class
    >>> text = "abc \u05d0\u05d1 12"
    >>> fast_levels(text, text.translate(ClassCodes(bidi_class)), None)
    ([0, 0, 0, 0, 1, 1, 1, 2, 2], 0)
    >>> fast_levels("\u2067x\u2069", "jLq", None) is None
    True
    """
    if _EXPLICIT.search(codes) or (base_level is not None and not 0 <= base_level <= _MAX_BASE):
        return None
    para = base_level
    if para is None:
        m = _FIRST_STRONG.search(codes)
        para = 1 if m is not None and m[0] in "RA" else 0
    if not text:
        return [], para
    odd = bool(para & 1)
    frame = "R" if odd else "L"
    removed = "X" in codes
    original = frame + (codes.replace("X", "") if removed else codes) + frame
    types = _resolve_weak(original)
    if _BRACKET_CHARS.search(text):
        types = _resolve_brackets(text, codes, types, original, odd)
    types = _resolve_neutral(types, odd)
    levels_str = types[1:-1].translate(_level_table(para))
    if removed:
        levels_str = _fill_removed(codes, levels_str, chr(para))
    return list(levels_str.encode("latin-1")), para


# The string rules for the general engine's isolating run sequences.
resolve_weak = _resolve_weak
resolve_brackets = _resolve_brackets
resolve_neutral = _resolve_neutral
level_table = _level_table


def has_brackets(text: str) -> bool:
    """Whether ``text`` holds a character of BidiBrackets.txt."""
    return _BRACKET_CHARS.search(text) is not None


def _fill_removed(codes: str, kept_levels: str, para_char: str) -> str:
    """Put the BN characters back, each with the level before it (or the paragraph's)."""
    out: list[str] = []
    prev = para_char
    pos = 0
    for chunk in codes.split("X"):
        if chunk:
            part = kept_levels[pos : pos + len(chunk)]
            pos += len(chunk)
            out.append(part)
            prev = part[-1]
        out.append(prev)
    out.pop()  # split() gives one more chunk than there are BN characters
    return "".join(out)
