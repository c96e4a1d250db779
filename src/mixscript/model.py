"""The value types of the public contract.

All are frozen, slotted dataclasses: results can be hashed, compared and shared
between threads or processes without anyone mutating them behind your back.
Offsets are always code-point indices into the text the caller passed in.
"""

from __future__ import annotations

from dataclasses import dataclass


class InputError(ValueError):
    """Input that mixscript cannot process, with the position of the problem.

    Raised for lone surrogates (text that came from a lossy decode); ``position``
    is the code-point index of the first offending character.
    """

    def __init__(self, message: str, position: int) -> None:
        super().__init__(f"{message} at index {position}")
        self.position = position


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of one script and one language.

    ``start``/``end`` index the input; ``text`` is the cleaned form of
    ``input[start:end]`` under the profile that produced the segment.
    ``confidence`` is the confidence of ``lang`` (0.0 when it is ``und``).
    """

    start: int
    end: int
    text: str
    script: str
    lang: str
    direction: str
    kind: str
    confidence: float

    @property
    def tag(self) -> str:
        """The full BCP 47 tag, language plus script subtag (``fa-Arab``, ``und-Zyyy``)."""
        return f"{self.lang}-{self.script}"


@dataclass(frozen=True, slots=True)
class Change:
    """One edit made by a normalisation step: ``input[start:end]`` became ``replacement``."""

    start: int
    end: int
    replacement: str
    rule: str


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found by :func:`mixscript.check`.

    ``fix`` is the replacement for ``text[start:end]``, or None when there is no safe fix.
    """

    start: int
    end: int
    code: str
    message: str
    fix: str | None


@dataclass(frozen=True, slots=True)
class VisualLine:
    """A line that looks as if it were stored in visual (reversed) order.

    ``line`` is the 0-based line index, ``start``/``end`` its span in the input
    (without the line break) and ``confidence`` how sure detection is, 0..1.
    """

    line: int
    start: int
    end: int
    confidence: float


@dataclass(frozen=True, slots=True)
class Detected:
    """One language of a whole text (:func:`mixscript.detect`).

    ``lang`` is a BCP 47 primary language; ``confidence`` (0..1) is the share
    of the text's letters tagged with it, each weighted by its tag's
    confidence.
    """

    lang: str
    confidence: float
