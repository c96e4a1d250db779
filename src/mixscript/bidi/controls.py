"""Bidi controls that reorder text or stay open: the Trojan Source judgement, made once.

``normalize`` (the ``bidi_controls`` step) removes exactly what ``check``
reports as MS101/MS102, so both call :func:`unbalanced_bidi_controls`.
"""

from __future__ import annotations

from mixscript import _core

__all__ = ["unbalanced_bidi_controls"]


def unbalanced_bidi_controls(text: str) -> list[int]:
    """Indexes of bidi controls that override order or are not balanced within their line.

    LRO/RLO are always listed, with the PDF that closes them (they reorder
    characters: the Trojan Source attack).  Embeddings and isolates are
    listed when a line ends with them still open, and a PDF/PDI that closes
    nothing is listed too.  UAX #9 ends every embedding at a paragraph end, so
    balance is judged per line (every break of
    :data:`mixscript.text.breaks.LINE_BREAKS` ends one).  The scan is the
    compiled core's (``rust/core/src/checks/bidi_controls.rs``).

    >>> unbalanced_bidi_controls("a\\u2067b\\u2069 c\\u202ad")
    [6]
    >>> unbalanced_bidi_controls("x\\u202eab\\u202c")
    [1, 4]
    """
    return _core.unbalanced_bidi_controls(text)
