"""Edits applied to a text, and the alignment between the result and the input it came from.

An edit is ``(start, end, replacement)``.  :func:`apply_edits` applies sorted,
non-overlapping edits; :func:`first_fit` chooses such edits from any set
(from the start, skipping overlaps: the choice ``check --fix`` makes);
:class:`EditedText` keeps, with the result, where each piece came from.

Each normalisation step reports its edits as ``(start, end, replacement)`` in
the coordinates of *its* input.  :class:`Alignment` composes those edits step
after step, so that any span of the final output maps back to the original
input, however many steps changed lengths on the way.

The alignment is a list of blocks ``(out_start, out_end, src_start, src_end,
rules)``.  A block with no rules is an untouched copy and maps character for
character; a block with rules was produced by an edit and maps as a whole
(``ﻷ`` -> ``لأ``: either output character maps to the one input character).
Blocks are in order in both texts, which is what makes ``source_span``
monotone.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from mixscript.model import Change

__all__ = ["Alignment", "Block", "Edit", "EditedText", "RuledEdit", "apply_edits", "first_fit"]

Edit = tuple[int, int, str]


class RuledEdit(tuple[int, int, str]):
    """An :data:`Edit` that names its own rule, for a step whose edits do different jobs.

    The visual-order repair fixes a line in several ways (extractor wrappers,
    the whole line reordered, a moved full stop); each edit says which, and
    :meth:`Alignment.apply` records that name instead of the step's.
    """

    rule: str

    def __new__(cls, start: int, end: int, replacement: str, rule: str) -> RuledEdit:
        edit = super().__new__(cls, (start, end, replacement))
        edit.rule = rule
        return edit


def first_fit(edits: Iterable[Edit]) -> list[Edit]:
    """The edits in text order, each one that overlaps an edit already taken left out.

    Edits with the same span keep their given order (the first one wins).

    >>> first_fit([(2, 4, "x"), (0, 3, "y"), (3, 3, "z"), (5, 6, "")])
    [(0, 3, 'y'), (3, 3, 'z'), (5, 6, '')]
    """
    chosen: list[Edit] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        if edit[0] < pos:
            continue
        chosen.append(edit)
        pos = edit[1]
    return chosen


def apply_edits(text: str, edits: Iterable[Edit]) -> str:
    """``text`` with sorted, non-overlapping ``edits`` applied (see :func:`first_fit`).

    >>> apply_edits("abcd", [(0, 1, "x"), (2, 2, "-"), (3, 4, "")])
    'xb-c'
    """
    pieces: list[str] = []
    pos = 0
    for start, end, replacement in edits:
        pieces.append(text[pos:start])
        pieces.append(replacement)
        pos = end
    pieces.append(text[pos:])
    return "".join(pieces)


class EditedText:
    """``text`` with sorted, non-overlapping edits applied, and where each character came from.

    Kept as pieces (a copied run, or the replacement of one edit's span), so
    mapping a position back costs a binary search and building the result
    costs one slice per edit.

    >>> e = EditedText("ab\u200bcd", [(2, 3, "")])
    >>> e.text, e.origin(2), e.origin(2, end=True), e.position(3)
    ('abcd', 3, 4, 2)
    """

    __slots__ = ("_copied", "_in_ends", "_in_starts", "_view_starts", "text")

    def __init__(self, text: str, edits: Iterable[Edit]) -> None:
        parts: list[str] = []
        self._view_starts: list[int] = []
        self._in_starts: list[int] = []
        self._in_ends: list[int] = []
        self._copied: list[bool] = []
        pos = view = 0
        for edit_start, edit_end, replacement in edits:
            for piece, copied, start, end in (
                (text[pos:edit_start], True, pos, edit_start),
                (replacement, False, edit_start, edit_end),
            ):
                if piece:
                    parts.append(piece)
                    self._view_starts.append(view)
                    self._in_starts.append(start)
                    self._in_ends.append(end)
                    self._copied.append(copied)
                    view += len(piece)
            pos = edit_end
        parts.append(text[pos:])
        self._view_starts.append(view)
        self._in_starts.append(pos)
        self._in_ends.append(len(text))
        self._copied.append(True)
        self.text = "".join(parts)

    def origin(self, v: int, *, end: bool = False) -> int:
        """Input index of result index ``v``; with ``end``, the input index just after it."""
        k = bisect_right(self._view_starts, v) - 1
        if self._copied[k]:
            return self._in_starts[k] + v - self._view_starts[k] + end
        return self._in_ends[k] if end else self._in_starts[k]

    def position(self, i: int) -> int:
        """Result index of the first character that comes from input index ``i`` or later."""
        k = bisect_right(self._in_starts, i) - 1
        if k >= 0 and self._copied[k] and i < self._in_ends[k]:
            return self._view_starts[k] + i - self._in_starts[k]
        k += 1
        while k < len(self._in_starts) and self._in_starts[k] < i:
            k += 1
        return self._view_starts[k] if k < len(self._view_starts) else len(self.text)


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the output and the input span it comes from."""

    out_start: int
    out_end: int
    src_start: int
    src_end: int
    rules: tuple[str, ...]

    @property
    def exact(self) -> bool:
        """True for untouched copies, which map character for character."""
        return not self.rules


class Alignment:
    """Maps positions of the current text back to the original input."""

    __slots__ = ("_blocks", "_starts", "length")

    def __init__(self, length: int, blocks: list[Block] | None = None) -> None:
        self.length = length
        self._blocks = blocks if blocks is not None else [Block(0, length, 0, length, ())]
        self._starts = [b.out_start for b in self._blocks]

    @property
    def blocks(self) -> list[Block]:
        return list(self._blocks)

    def _lower(self, i: int) -> int:
        """Input position where output position ``i`` starts.

        Input deleted right before ``i`` counts as belonging to what follows.
        """
        blocks = self._blocks
        k = bisect_left(self._starts, i)
        if k > 0 and blocks[k - 1].out_end > i:
            b = blocks[k - 1]  # i lies strictly inside this block
            return b.src_start + (i - b.out_start) if b.exact else b.src_start
        if k < len(blocks):
            return blocks[k].src_start
        return blocks[-1].src_end if blocks else 0

    def _upper(self, i: int) -> int:
        """Input position where output position ``i`` ends (the text's end takes all)."""
        blocks = self._blocks
        if not blocks:
            return 0
        if i >= self.length:
            return blocks[-1].src_end
        k = bisect_left(self._starts, i) - 1
        if k < 0:
            return blocks[0].src_start
        b = blocks[k]
        if i >= b.out_end:
            return b.src_end
        return b.src_start + (i - b.out_start) if b.exact else b.src_end

    def _absorbing(self, i: int) -> int:
        """Like ``_upper`` for an empty span at ``i``, taking input deleted at ``i`` too."""
        end = self._lower(i)
        for b in self._blocks[bisect_left(self._starts, i) :]:
            if b.out_start != i or b.out_end != i:
                break
            end = b.src_end
        return end

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Input span ``(start, end)`` that output ``[i:j]`` comes from.

        An output position inside a block made by an edit widens to the whole
        block, so the span always covers everything the output slice came from.
        The result is monotone in ``i`` and ``j`` and lies inside the input.
        """
        if not 0 <= i <= j <= self.length:
            raise IndexError(f"span {i}:{j} outside output of length {self.length}")
        if i == j:
            p = self._lower(i)
            return p, p
        return self._lower(i), self._upper(j)

    def apply(self, text: str, edits: list[Edit], rule: str) -> tuple[str, Alignment]:
        """Apply sorted, non-overlapping ``edits`` to ``text``; return it and the new alignment."""
        if not edits:
            return text, self
        pieces: list[str] = []
        blocks: list[Block] = []
        pos = 0
        out = 0
        absorbed = -1  # an insertion takes the deletions at its position
        for edit in edits:
            start, end, replacement = edit
            if start > pos:
                out = self._copy(pos, start, out, blocks, absorbed)
                pieces.append(text[pos:start])
            src_start = self._lower(start)
            src_end = self._upper(end) if end > start else self._absorbing(start)
            rules = (*self._rules(start, end), getattr(edit, "rule", rule))
            blocks.append(Block(out, out + len(replacement), src_start, src_end, rules))
            pieces.append(replacement)
            out += len(replacement)
            pos = end
            absorbed = start if end == start else -1
        if pos < len(text) or (pos == len(text) and absorbed != pos):
            out = self._copy(pos, len(text), out, blocks, absorbed)
            pieces.append(text[pos:])
        return "".join(pieces), Alignment(out, blocks)

    def _rules(self, start: int, end: int) -> tuple[str, ...]:
        """Rules of earlier steps that touched output ``[start:end]``."""
        found: list[str] = []
        for b in self._overlapping(start, end):
            for r in b.rules:
                if r not in found:
                    found.append(r)
        return tuple(found)

    def _overlapping(self, start: int, end: int) -> list[Block]:
        k = max(bisect_right(self._starts, start) - 1, 0)
        out: list[Block] = []
        while k < len(self._blocks):
            b = self._blocks[k]
            if b.out_start > end or (b.out_start == end and end > start):
                break
            if b.out_end > start or (b.out_start == b.out_end and start <= b.out_start <= end):
                out.append(b)
            k += 1
        return out

    def _copy(self, start: int, end: int, out: int, blocks: list[Block], absorbed: int) -> int:
        """Append blocks for the unchanged stretch ``[start:end]`` of the current text.

        Deletions (empty blocks) at ``start`` are copied; those at ``end`` are
        left to the edit that follows, unless ``end`` is the end of the text.
        """
        k = max(bisect_left(self._starts, start) - 1, 0)
        for b in self._blocks[k:]:
            if b.out_start > end or (b.out_start == end and end < self.length):
                break
            if b.out_start == b.out_end:
                if b.out_start >= start and b.out_start != absorbed:
                    blocks.append(Block(out, out, b.src_start, b.src_end, b.rules))
                continue
            lo, hi = max(b.out_start, start), min(b.out_end, end)
            if hi <= lo:
                continue
            if b.exact:
                s = b.src_start + (lo - b.out_start)
                blocks.append(Block(out, out + hi - lo, s, s + hi - lo, ()))
            else:
                blocks.append(Block(out, out + hi - lo, b.src_start, b.src_end, b.rules))
            out += hi - lo
        return out

    def changes(self, output: str) -> list[Change]:
        """The edits that turn the input into ``output``, in input coordinates.

        Neighbouring blocks made by edits that share input characters are
        merged, so the changes never overlap and replaying them on the input
        gives the output exactly.
        """
        result: list[Change] = []
        group: list[Block] = []

        def flush() -> None:
            if not group:
                return
            rules: list[str] = []
            for b in group:
                rules.extend(r for r in b.rules if r not in rules)
            text = output[group[0].out_start : group[-1].out_end]
            result.append(Change(group[0].src_start, group[-1].src_end, text, "+".join(rules)))
            group.clear()

        for b in self._blocks:
            if b.exact:
                flush()
            elif group and b.src_start < group[-1].src_end:
                group.append(b)
            else:
                flush()
                group.append(b)
        flush()
        return result
