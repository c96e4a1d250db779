"""Text as a sequence of lines: line and paragraph breaks, edits and their alignment, chunks.

One definition of each break and one way of applying edits, shared by every
step, check and command.
"""
