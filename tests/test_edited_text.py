"""``EditedText`` and ``first_fit`` against plain implementations kept here as oracles.

The library's versions are written for speed (``check`` builds an edited
view of most lines of mixed text); the oracles below are the simple loops
they replaced, and must give the same pieces, text and positions.
"""

from __future__ import annotations

from bisect import bisect_right

from hypothesis import given, settings
from hypothesis import strategies as st

from mixscript.text.edits import Edit, EditedText, RuledEdit, first_fit


def _oracle_first_fit(edits: list[Edit]) -> list[Edit]:
    chosen: list[Edit] = []
    pos = 0
    for edit in sorted(edits, key=lambda e: (e[0], e[1])):
        if edit[0] < pos:
            continue
        chosen.append(edit)
        pos = edit[1]
    return chosen


class _OracleEditedText:
    """The pieces of an edited text, one loop over (copied run, replacement) pairs."""

    def __init__(self, text: str, edits: list[Edit]) -> None:
        parts: list[str] = []
        self.view_starts: list[int] = []
        self.in_starts: list[int] = []
        self.in_ends: list[int] = []
        self.copied: list[bool] = []
        pos = view = 0
        for edit_start, edit_end, replacement in edits:
            for piece, copied, start, end in (
                (text[pos:edit_start], True, pos, edit_start),
                (replacement, False, edit_start, edit_end),
            ):
                if piece:
                    parts.append(piece)
                    self.view_starts.append(view)
                    self.in_starts.append(start)
                    self.in_ends.append(end)
                    self.copied.append(copied)
                    view += len(piece)
            pos = edit_end
        parts.append(text[pos:])
        self.view_starts.append(view)
        self.in_starts.append(pos)
        self.in_ends.append(len(text))
        self.copied.append(True)
        self.text = "".join(parts)

    def origin(self, v: int, *, end: bool = False) -> int:
        k = bisect_right(self.view_starts, v) - 1
        if self.copied[k]:
            return self.in_starts[k] + v - self.view_starts[k] + end
        return self.in_ends[k] if end else self.in_starts[k]


@st.composite
def _text_and_edits(draw: st.DrawFn) -> tuple[str, list[Edit]]:
    text = draw(st.text(alphabet="ab\u200c\u0628 ", max_size=20))
    n = len(text)
    raw = draw(
        st.lists(
            st.tuples(
                st.integers(0, n + 2),
                st.integers(0, 3),
                st.sampled_from(["", "x", "yz", "\\u200c"]),
            ),
            max_size=6,
        )
    )
    edits: list[Edit] = [(s, s + k, r) for s, k, r in raw]
    if draw(st.booleans()):
        edits = [RuledEdit(s, e, r, "rule") for s, e, r in edits]
    return text, edits


@settings(max_examples=400, deadline=None)
@given(case=_text_and_edits())
def test_first_fit_matches_the_plain_loop(case: tuple[str, list[Edit]]) -> None:
    _, edits = case
    assert first_fit(edits) == _oracle_first_fit(edits)
    assert first_fit(iter(edits)) == _oracle_first_fit(edits)


@settings(max_examples=400, deadline=None)
@given(case=_text_and_edits())
def test_edited_text_matches_the_plain_loop(case: tuple[str, list[Edit]]) -> None:
    text, edits = case
    chosen = first_fit(edits)
    fast, slow = EditedText(text, chosen), _OracleEditedText(text, chosen)
    assert fast.text == slow.text
    for v in range(-1, len(fast.text) + 2):
        for end in (False, True):
            assert fast.origin(v, end=end) == slow.origin(v, end=end)
    # Edits beyond the end of the text, and edits out of order, are built the same way too.
    fast, slow = EditedText(text, edits), _OracleEditedText(text, edits)
    assert fast.text == slow.text
    for v in range(len(fast.text) + 1):
        assert fast.origin(v) == slow.origin(v)
        assert fast.origin(v, end=True) == slow.origin(v, end=True)
