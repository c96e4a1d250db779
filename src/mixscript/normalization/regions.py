"""Normalising a file by its kind: only the spans a reader reads as text change.

The library's :func:`mixscript.normalize` treats every text as prose, as its
contract says; it does not know where a text came from.  ``mixscript
normalize`` knows the file's name, so it normalises with :func:`normalize_kind`
(and ``--explain`` with :func:`explain_kind`): the profile runs on each
editable span of :func:`mixscript.text.regions.editable_spans` on its own,
and everything between the spans is copied.  Library users who normalise
files can call these two as well, with a kind from
:func:`mixscript.text.kinds.file_kind`.

Why each span on its own rather than dropping edits outside the spans from
a whole-text run: several steps judge a line as a whole (visual order,
unbalanced bidi controls), and a comment must not be judged with the code
around it.  A span comes out of the profile as that profile's fixed point,
so a second run is a no-op as long as the spans are found again in the same
places; that is checked (an edit that would move a span's frame, such as a
reordered comment that now holds ``*/``, is not made).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from mixscript.model import Change
from mixscript.normalization.profiles import Profile, explain, normalize
from mixscript.text.edits import apply_edits
from mixscript.text.kinds import FileKind, kind_for_tag
from mixscript.text.regions import Spans, editable_spans

__all__ = ["explain_kind", "normalize_kind"]

_Edit = Callable[[str], tuple[str, list[Change]]]


def _kind(kind: str | FileKind) -> FileKind:
    return kind_for_tag(kind) if isinstance(kind, str) else kind


def _frame(text: str, spans: Spans) -> list[str]:
    """The text outside ``spans``: what must stay as it is."""
    out = []
    pos = 0
    for a, b in spans:
        out.append(text[pos:a])
        pos = b
    out.append(text[pos:])
    return out


def _splice(text: str, spans: Spans, new: dict[int, tuple[str, list[Change]]]) -> str:
    """``text`` with the spans in ``new`` replaced by their normalised text."""
    return apply_edits(text, [(*spans[k], new[k][0]) for k in sorted(new)])


def _keeps_frame(text: str, spans: Spans, out: str, kind: FileKind) -> bool:
    again = editable_spans(out, kind)
    return len(again) == len(spans) and _frame(out, again) == _frame(text, spans)


def _run(text: str, kind: FileKind, edit: _Edit) -> tuple[str, list[Change]]:
    spans = editable_spans(text, kind)
    new: dict[int, tuple[str, list[Change]]] = {}
    for k, (a, b) in enumerate(spans):
        piece = text[a:b]
        out, changes = edit(piece)
        if out != piece:
            new[k] = (out, changes)
    if not new:
        return text, []
    result = _splice(text, spans, new)
    if not _keeps_frame(text, spans, result, kind):
        # Rare: keep the span edits one by one while the frame stays.
        kept: dict[int, tuple[str, list[Change]]] = {}
        for k in sorted(new):
            trial = {**kept, k: new[k]}
            if _keeps_frame(text, spans, _splice(text, spans, trial), kind):
                kept = trial
        new = kept
        result = _splice(text, spans, new)
    changes = [
        Change(c.start + spans[k][0], c.end + spans[k][0], c.replacement, c.rule)
        for k in sorted(new)
        for c in new[k][1]
    ]
    return result, changes


def normalize_kind(
    text: str,
    kind: str | FileKind,
    profile: str | Profile = "safe",
    *,
    languages: Sequence[str] | None = None,
) -> str:
    """``text`` normalised as a file of ``kind`` (an identify tag, ``"prose"``, or a FileKind).

    >>> out = normalize_kind('s = "cafe\\u0301"  # cafe\\u0301', "python")
    >>> out == 's = "cafe\\u0301"  # caf\\u00e9'
    True
    """
    fk = _kind(kind)
    if fk.name == "prose":
        return normalize(text, profile, languages=languages)
    return _run(text, fk, lambda piece: (normalize(piece, profile, languages=languages), []))[0]


def explain_kind(
    text: str,
    kind: str | FileKind,
    profile: str | Profile = "safe",
    *,
    languages: Sequence[str] | None = None,
) -> tuple[str, list[Change]]:
    """:func:`normalize_kind` and its changes, with offsets into ``text``."""
    fk = _kind(kind)
    if fk.name == "prose":
        result = explain(text, profile, languages=languages)
        return result.text, result.changes

    def edit(piece: str) -> tuple[str, list[Change]]:
        result = explain(piece, profile, languages=languages)
        return result.text, result.changes

    return _run(text, fk, edit)
