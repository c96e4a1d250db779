"""Per-language spelling conventions of the ``letters`` step, and the tags they follow.

The policy (which yeh and kaf each language writes), the decision of where a
language is clear enough to apply it and the per-line work of the step are
compiled (``rust/core/src/conventions.rs``): every line of every text passes
through them.  What stays here is the language tagger's side: the tags of an
Arabic-script run, which the core asks for through :func:`run_spans` when it
needs them, kept so that a run is tagged once.
"""

from __future__ import annotations

from functools import lru_cache

from mixscript import _core
from mixscript.lang import tagger as lang
from mixscript.lang.tagger import Span
from mixscript.text.edits import Edit

#: The letters some convention rewrites (Arabic yeh, alef maksura, Arabic
#: kaf, Persian yeh, keheh): the ``letters`` step's trigger.
CONVENTION_CHARS: str = _core.CONVENTION_CHARS


def convert_letters(text: str, lang: str, start: int = 0, end: int | None = None) -> list[Edit]:
    """Edits that apply ``lang``'s yeh/kaf conventions to ``text[start:end]``.

    Persian, Urdu, Shahmukhi, Saraiki and South Azerbaijani write ی and ک;
    Urdu's own letters (heh goal, yeh barree...) are never touched, and
    Sindhi, Pashto, Kurdish and Uyghur have no convention here: their kaf
    and yeh letters carry distinctions of their own.  In Arabic, Persian yeh
    becomes alef maksura at the end of a word (where both are dotless) and
    Arabic yeh elsewhere.  The rule is ``convert_letters`` in
    ``rust/core/src/conventions.rs``.

    >>> convert_letters("كتاب علي", "fa")
    [(0, 1, 'ک'), (7, 8, 'ی')]
    >>> convert_letters("فی کتاب علی", "ar")
    [(1, 2, 'ى'), (3, 4, 'ك'), (10, 11, 'ى')]
    """
    stop = len(text) if end is None else end
    return [(k, k + 1, new) for k, new in _core.convert_letters(text, lang, start, stop)]


def run_spans(run: str, candidates: tuple[str, ...], convention: bool = False) -> tuple[Span, ...]:
    """The tagger's segments of one Arabic-script run, among ``candidates``, as tuples.

    With ``convention`` the tagger is asked the ``letters`` step's question,
    which spelling convention the run follows
    (:func:`mixscript.lang.tagger.convention_spans`); without, its language
    (``persian_affixes`` needs Persian told from Urdu).  The ``letters``
    step tags a run, then tags it again after its changes to see that it
    settled.  Tagging is by far the dearest part of both steps, and its
    answer depends on the run's text, the candidates and the question
    alone, so each is computed once.  Only runs of ordinary length are
    kept, so that the cache stays small whatever the input.
    """
    if len(run) > _KEPT_RUN:
        return _tagged(run, candidates, convention)
    return _kept_spans(run, candidates, convention)


# Runs longer than this (a whole document without a line break) are tagged
# again rather than kept.
_KEPT_RUN = 4096


def _tagged(run: str, candidates: tuple[str, ...], convention: bool) -> tuple[Span, ...]:
    if convention:
        return tuple(lang.convention_spans(run, candidates))
    return tuple(lang.tag_spans(run, languages=candidates))


_kept_spans = lru_cache(maxsize=128)(_tagged)
