"""Edits applied to a text, and the alignment between the result and the input it came from.

An edit is ``(start, end, replacement)``.  :func:`apply_edits` applies sorted,
non-overlapping edits; :func:`first_fit` chooses such edits from any set
(from the start, skipping overlaps: the choice ``check --fix`` makes);
:class:`EditedText` keeps, with the result, where each piece came from.

Each normalisation step reports its edits as ``(start, end, replacement)`` in
the coordinates of *its* input.  :class:`Alignment` composes those edits step
after step, so that any span of the final output maps back to the original
input, however many steps changed lengths on the way.  The composition is
the compiled core's (``rust/core/src/align.rs``): the chains of compiled
steps compose their edits there as they make them.

The alignment is a list of blocks ``(out_start, out_end, src_start, src_end,
rules)``.  A block with no rules is an untouched copy and maps character for
character; a block with rules was produced by an edit and maps as a whole
(``ﻷ`` -> ``لأ``: either output character maps to the one input character).
Blocks are in order in both texts, which is what makes ``source_span``
monotone.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter

from mixscript import _core
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


_SPAN = itemgetter(0, 1)
"""An edit's (start, end), the key :func:`first_fit` sorts by."""


def first_fit(edits: Iterable[Edit]) -> list[Edit]:
    """The edits in text order, each one that overlaps an edit already taken left out.

    Edits with the same span keep their given order (the first one wins).

    >>> first_fit([(2, 4, "x"), (0, 3, "y"), (3, 3, "z"), (5, 6, "")])
    [(0, 3, 'y'), (3, 3, 'z'), (5, 6, '')]
    """
    chosen: list[Edit] = []
    pos = 0
    for edit in sorted(edits, key=_SPAN):
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
        view_starts: list[int] = []
        in_starts: list[int] = []
        in_ends: list[int] = []
        copied: list[bool] = []
        pos = view = 0
        # Written out for the copied run and the replacement (no loop over a
        # pair of tuples): ``check`` builds a view like this for most lines
        # of mixed text.  An empty piece adds nothing.
        for edit_start, edit_end, replacement in edits:
            piece = text[pos:edit_start]
            if piece:
                parts.append(piece)
                view_starts.append(view)
                in_starts.append(pos)
                in_ends.append(edit_start)
                copied.append(True)
                view += len(piece)
            if replacement:
                parts.append(replacement)
                view_starts.append(view)
                in_starts.append(edit_start)
                in_ends.append(edit_end)
                copied.append(False)
                view += len(replacement)
            pos = edit_end
        parts.append(text[pos:])
        view_starts.append(view)
        in_starts.append(pos)
        in_ends.append(len(text))
        copied.append(True)
        self._view_starts = view_starts
        self._in_starts = in_starts
        self._in_ends = in_ends
        self._copied = copied
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
    """Maps positions of the current text back to the original input.

    The bookkeeping is the core's (``rust/core/src/align.rs``), where the
    chains of compiled steps compose their edits without coming back to
    Python; this class is its face for the library's users.
    """

    __slots__ = ("core",)

    core: _core.Alignment

    def __init__(self, length: int | _core.Alignment) -> None:
        """The identity alignment of a text of ``length`` characters (or a core alignment)."""
        self.core = length if isinstance(length, _core.Alignment) else _core.Alignment(length)

    @property
    def length(self) -> int:
        """The length of the current text."""
        return self.core.length

    @property
    def blocks(self) -> list[Block]:
        return [Block(a, b, c, d, tuple(r)) for a, b, c, d, r in self.core.blocks()]

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Input span ``(start, end)`` that output ``[i:j]`` comes from.

        An output position inside a block made by an edit widens to the whole
        block, so the span always covers everything the output slice came from.
        The result is monotone in ``i`` and ``j`` and lies inside the input.
        """
        return self.core.source_span(i, j)

    def source_starts(self, positions: list[int]) -> list[int]:
        """``source_span(i, i)[0]`` for each output position, in one call to the core.

        :func:`mixscript.segment` re-anchors every segment's start this way.
        """
        return self.core.source_starts(positions)

    def apply(self, text: str, edits: list[Edit], rule: str) -> tuple[str, Alignment]:
        """Apply sorted, non-overlapping ``edits`` to ``text``; return it and the new alignment.

        Each edit is recorded under ``rule``, or under its own for a
        :class:`RuledEdit`.  ``text`` must be the current text (ValueError
        otherwise, or for edits out of order or beyond it).
        """
        if not edits:
            return text, self
        out, core = self.core.apply(text, edits, rule)
        return out, Alignment(core)

    def changes(self, output: str) -> list[Change]:
        """The edits that turn the input into ``output`` (the current text), in input coordinates.

        Neighbouring blocks made by edits that share input characters are
        merged, so the changes never overlap and replaying them on the input
        gives the output exactly.
        """
        return [Change(s, e, output[a:b], r) for s, e, a, b, r in self.core.changes()]
