"""The optional lingua backend (``mixscript[lang]``): statistical language identification.

lingua is accurate on short text but large: its models for nine languages take
about a quarter of a gigabyte once loaded.  So it is imported only when a run
actually needs it, restricted to a candidate set, and each candidate set gets
one detector per process (models load on first use and stay).

Without lingua every function here still works: :func:`available` is False
and :func:`confidences` returns an empty mapping, which the caller turns into
``und`` for Latin runs.  :data:`LINGUA_NOTE` is the one line a command-line
tool prints in that case.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

__all__ = [
    "DEFAULT_LANGUAGES",
    "KNOWN",
    "LINGUA_NOTE",
    "available",
    "confidences",
    "lingua_languages",
]

# Arabic-script languages lingua knows, plus the Latin-script languages most
# often written next to them.  ``languages=`` replaces this list.
DEFAULT_LANGUAGES: tuple[str, ...] = ("ar", "fa", "ur", "en", "fr", "de", "es", "it", "tr")

_MAX_CHARS = 2000
# Texts whose answers are remembered (:func:`_answer`): at most this many of
# at most _MAX_CHARS characters each, a few megabytes at worst.
_REMEMBERED = 2048

# The ISO 639-1 codes of the 75 languages lingua 2 identifies: what a caller
# may ask for in a Latin-script run, whether or not lingua is installed here
# (without it, Latin runs are ``und`` and the CLI says why).
KNOWN: frozenset[str] = frozenset(
    "af ar az be bg bn bs ca cs cy da de el en eo es et eu fa fi fr ga gu he hi hr hu hy"
    " id is it ja ka kk ko la lg lt lv mi mk mn mr ms nb nl nn pa pl pt ro ru sk sl sn"
    " so sq sr st sv sw ta te th tl tn tr ts uk ur vi xh yo zh zu".split()
)

LINGUA_NOTE = (
    "note: Latin-script runs are tagged 'und' because lingua is not installed;"
    " pip install 'mixscript[lang]' to identify their language"
)


@lru_cache(maxsize=1)
def available() -> bool:
    """Whether lingua-language-detector can be imported (checked once, without importing it)."""
    return importlib.util.find_spec("lingua") is not None


@lru_cache(maxsize=64)
def _iso_code(code: str) -> Any:
    """lingua's IsoCode639_1 for a BCP 47 primary tag, or None when lingua lacks the language."""
    from lingua import IsoCode639_1

    try:
        return IsoCode639_1.from_str(code)
    except (ValueError, AttributeError):
        return None


def lingua_languages(languages: Iterable[str]) -> tuple[str, ...]:
    """The codes in ``languages`` that lingua can identify, sorted and deduplicated."""
    if not available():
        return ()
    return _known_to_lingua(tuple(languages))


@lru_cache(maxsize=256)
def _known_to_lingua(languages: tuple[str, ...]) -> tuple[str, ...]:
    """Cached body of :func:`lingua_languages`: the tagger asks once per run."""
    return tuple(sorted({c for c in languages if _iso_code(c) is not None}))


@lru_cache(maxsize=4)
def _detector(codes: tuple[str, ...]) -> Any:
    """One detector per candidate set and process; lingua loads each model on first use."""
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_iso_codes_639_1(*(_iso_code(c) for c in codes)).build()


def confidences(text: str, languages: Sequence[str]) -> dict[str, float]:
    """lingua's confidence (0..1, summing to 1) for each candidate lingua knows.

    Empty when lingua is not installed, when fewer than one candidate is
    known to lingua, or when lingua finds no letters it can use.
    """
    codes = lingua_languages(languages)
    if not codes:
        return {}
    # lingua's answer settles after a few hundred letters and its cost grows
    # with the text: a long run is judged by its beginning.
    return dict(_answer(codes, text[:_MAX_CHARS]))


@lru_cache(maxsize=_REMEMBERED)
def _answer(codes: tuple[str, ...], text: str) -> tuple[tuple[str, float], ...]:
    """lingua's confidences for ``text`` among ``codes``, remembered for the latest texts.

    lingua's answer depends on nothing else, and one call costs tens of
    microseconds even on a few words; the phrases a document repeats (a
    salutation, "as the original puts it,", a signature) are asked once.
    Empty when lingua finds no letters it can use.
    """
    values = _detector(codes).compute_language_confidence_values(text)
    out = tuple((v.language.iso_code_639_1.name.lower(), float(v.value)) for v in values)
    return out if any(value for _, value in out) else ()
