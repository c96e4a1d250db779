"""Text as a sequence of lines and runs: breaks, script runs, edits and their alignment, chunks.

One definition of each break (:mod:`~mixscript.text.breaks`) and one way of
applying edits (:mod:`~mixscript.text.edits`), shared by every step, check
and command; the text cut into script runs (:mod:`~mixscript.text.runs`) and
what the library accepts as text (:mod:`~mixscript.text.valid`).  A file's
kind (:mod:`~mixscript.text.kinds`), its comments and strings
(:mod:`~mixscript.text.source_code`) and the spans a reader reads as text
(:mod:`~mixscript.text.regions`).
"""
