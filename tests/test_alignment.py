"""``Alignment``: the way back from a normalised text to its input (``rust/core/src/align.rs``).

The expected blocks and spans are worked out by hand from the rules in the
module's docstring: untouched copies map character for character, an
edit's output maps to its whole input span, and input deleted right
before a position belongs to what follows it.
"""

from __future__ import annotations

import pytest

from mixscript.model import Change
from mixscript.text.edits import Alignment, Block, RuledEdit


def test_identity() -> None:
    a = Alignment(3)
    assert a.length == 3
    assert a.blocks == [Block(0, 3, 0, 3, ())]
    assert a.source_span(1, 2) == (1, 2)
    assert a.changes("abc") == []
    text, same = a.apply("abc", [], "r")
    assert text == "abc" and same is a


def test_two_steps_by_hand() -> None:
    # "a\ufefbb": the ligature (1..2) becomes lam + alef; then, in
    # "a\u0644\u0627b", the alef (2..3) is deleted and "-" inserted before
    # "b" (3..3), by an edit that names its own rule.
    text, a = Alignment(3).apply("a\ufefbb", [(1, 2, "\u0644\u0627")], "forms")
    assert text == "a\u0644\u0627b"
    assert a.blocks == [
        Block(0, 1, 0, 1, ()),
        Block(1, 3, 1, 2, ("forms",)),
        Block(3, 4, 2, 3, ()),
    ]
    # Either letter of the expansion maps to the one input character.
    assert a.source_span(2, 3) == (1, 2)
    text, b = a.apply(text, [(2, 3, ""), RuledEdit(3, 3, "-", "dash")], "del")
    assert text == "a\u0644-b"
    # The deletion shares the ligature's input, so it merges with the
    # lam's piece; the insertion comes from no input (2..2, before "b").
    assert b.changes(text) == [
        Change(1, 2, "\u0644", "forms+del"),
        Change(2, 2, "-", "dash"),
    ]
    assert b.source_span(3, 4) == (2, 3)
    assert b.source_span(0, 4) == (0, 3)
    # Where each output position starts in the input, in one call: "a" 0,
    # the lam (the ligature's block) 1, "b" 2, the end 3; every position as
    # source_span says, one by one.
    assert b.source_starts([0, 1, 3, 4]) == [0, 1, 2, 3]
    assert b.source_starts([0, 1, 2, 3, 4]) == [b.source_span(i, i)[0] for i in range(5)]
    with pytest.raises(IndexError):
        b.source_starts([5])


def test_bad_edits_and_spans_are_refused() -> None:
    a = Alignment(4)
    with pytest.raises(ValueError, match="sorted"):
        a.apply("abcd", [(2, 3, ""), (1, 2, "")], "r")
    with pytest.raises(ValueError, match="beyond the text"):
        a.apply("abcd", [(3, 5, "")], "r")
    with pytest.raises(ValueError, match="not the alignment's output"):
        a.apply("abc", [(0, 1, "")], "r")
    with pytest.raises(IndexError, match="outside output of length 4"):
        a.source_span(2, 5)
    with pytest.raises(IndexError):
        a.source_span(-1, 2)
