"""mixscript: text that mixes Latin and Arabic script, cleaned, segmented and put in order.

The public contract (see README): :func:`normalize`, :func:`explain`,
:func:`segment`, :func:`detect`, :func:`to_visual`, :func:`to_logical`, :func:`detect_visual`,
:func:`check` and :data:`PROFILES`, with the value types in :mod:`mixscript.model`.
"""

from __future__ import annotations

from importlib.metadata import version as _version

from mixscript.bidi.display import detect_visual, isolate, repair_edits, to_logical, to_visual
from mixscript.checks.scan import check
from mixscript.model import Change, Detected, Finding, InputError, Segment, VisualLine
from mixscript.normalization.profiles import PROFILES, Normalized, Profile, explain, normalize
from mixscript.segments import detect, segment

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
    "isolate",
    "normalize",
    "repair_edits",
    "segment",
    "to_logical",
    "to_visual",
]
