"""mixscript: text that mixes Latin and Arabic script, cleaned, segmented and put in order.

The public contract (see README): :func:`normalize`, :func:`explain`,
:func:`segment`, :func:`detect`, :func:`to_visual`, :func:`to_logical`, :func:`detect_visual`,
:func:`check`, :func:`extract_pdf` and :data:`PROFILES`, with the value types in
:mod:`mixscript.model`.
"""

from __future__ import annotations

import os
from importlib.metadata import version as _version

from mixscript.bidi.display import detect_visual, isolate, to_logical, to_visual
from mixscript.bidi.repair import REPAIR_THRESHOLD
from mixscript.bidi.repair import repair_edits as _repair_edits
from mixscript.checks.scan import check
from mixscript.lang.words import arabic_script_zipf
from mixscript.model import Change, Detected, Finding, InputError, Segment, VisualLine
from mixscript.normalization.profiles import PROFILES, Normalized, Profile, explain, normalize
from mixscript.segments import detect, segment


def repair_edits(
    text: str, *, min_confidence: float = REPAIR_THRESHOLD, keep_forms: bool = False
) -> list[tuple[int, int, str]]:
    """(line_start, line_end, logical line) for each line ``mixscript repair`` repairs.

    :func:`mixscript.bidi.repair.repair_edits` with the word lists (the
    ``lang`` extra) consulted as ``normalize`` and ``mixscript repair``
    consult them, so that all three make the same decision: a block of
    words reversed one by one (pypdfium2 on Chromium's PDFs) is also
    repaired where only the word lists can tell a word is backwards.
    """
    return _repair_edits(
        text, min_confidence=min_confidence, keep_forms=keep_forms, words=arabic_script_zipf
    )


def extract_pdf(path: str | os.PathLike[str], *, profile: str = "safe") -> str:
    """The text of a PDF in logical order, pages separated by form feeds (the ``pdf`` extra).

    See :func:`mixscript.pdf.extract_pdf`; raises :class:`mixscript.pdf.PdfError`
    for an encrypted, image-only or unreadable PDF, and when the extra is missing.
    """
    from mixscript.pdf import extract_pdf as _extract_pdf

    return _extract_pdf(path, profile=profile)


# The version is written once, in pyproject.toml; the installed distribution carries it.
__version__ = _version("mixscript")

__all__ = [
    "PROFILES",
    "Change",
    "Detected",
    "Finding",
    "InputError",
    "Normalized",
    "Profile",
    "Segment",
    "VisualLine",
    "__version__",
    "check",
    "detect",
    "detect_visual",
    "explain",
    "extract_pdf",
    "isolate",
    "normalize",
    "repair_edits",
    "segment",
    "to_logical",
    "to_visual",
]
