"""``mixscript display`` (logical to visual order) and ``mixscript repair`` (visual to logical).

``display`` is for terminals and renderers without bidi and shaping: its
output is UTF-8 and its exit code 0.  ``repair`` is a filter like
``normalize``: it keeps the input's encoding and exits 1 when it changed
something, so scripts can tell whether a file was in visual order.

``repair`` changes only the lines that detection says are visual, the same
decision as the ``safe`` profile's ``visual_order`` step
(:func:`mixscript.normalization.profiles.visual_order_edits`), and unshapes
presentation forms by the rule of its ``presentation_forms`` step, as PDF
extractors (pypdf) hand back logical lines in forms: text already in
logical order and in letters comes out identical, with exit code 0.
``--keep-forms`` leaves the forms of logical lines alone, for text kept in
forms on purpose (prepared for a renderer that does not shape).  ``--force`` converts
every line that holds right-to-left characters
(:func:`mixscript.to_logical`), for text known to be visual that detection
is not sure of (short lines, lines without Arabic-script letters).
"""

from __future__ import annotations

from dataclasses import dataclass

from mixscript.cli.engine import ChunkOut, Command, FileState, Input
from mixscript.text.chunks import Chunk

__all__ = ["DisplayCommand", "RepairCommand"]


@dataclass(frozen=True)
class DisplayCommand(Command):
    """Options of one ``display`` run."""

    width: int | None = None
    base_direction: str | None = None
    encoding: str | None = None
    text_output: bool = True

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        from mixscript.bidi.display import to_visual

        # A terminal draws a combining mark in the cell before it, so each
        # haraka must come after its letter in display order too.  Wrapped
        # lines break as the file does, which an earlier chunk may tell.
        visual = to_visual(
            chunk.text,
            width=self.width,
            base_direction=self.base_direction,
            marks_after_base=True,
            line_break=chunk.line_break,
        )
        return ChunkOut(items=[visual])

    def exit_code(self, state: FileState) -> int:
        return 0


@dataclass(frozen=True)
class RepairCommand(Command):
    """Options of one ``repair`` run."""

    encoding: str | None = None
    print_text: bool = True
    text_output: bool = True
    force: bool = False
    """Convert every line (``--force``), not only the lines detected as visual."""
    keep_forms: bool = False
    """Leave presentation forms in lines already in logical order (``--keep-forms``)."""

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        text = chunk.text
        if self.force:
            from mixscript.bidi.display import to_logical

            logical = to_logical(text)
        else:
            from mixscript.normalization.profiles import visual_order_edits
            from mixscript.text.edits import apply_edits

            logical = apply_edits(text, visual_order_edits(text, keep_forms=self.keep_forms))
        return ChunkOut(text=logical, changed=logical != text)
