"""Arabic presentation forms and harakat: which characters they are, and the letters behind them.

Shaping for display (letters to presentation forms, in the compiled core)
is :func:`mixscript.bidi.display.shape`.

:func:`unshape` goes back from presentation forms to letters.  It must run
*after* a visual-order line is reversed: a lam-alef ligature is one code point
that stands for two letters, and expanding it before reversing puts alef
before lam (``السلام`` read back as ``السالم``).
"""

from __future__ import annotations

import unicodedata

from mixscript import _core
from mixscript.unicode.char_tables import CharTable
from mixscript.unicode.chars import is_arabic_letter_or_mark

__all__ = [
    "HARAKAT",
    "ONLY_HARAKAT",
    "SHORT_VOWELS",
    "is_harakah",
    "presentation_form",
    "strip_harakat",
    "unshape",
    "unshape_word_edits",
    "unshape_words",
]

#: The harakat that ``search`` removes, as the inside of a character class:
#: harakat, superscript alef, Quranic annotation marks and honorific marks,
#: and the Quranic small waw and small yeh (U+06E5, U+06E6: modifier letters,
#: not marks, that show a lengthened pronoun vowel, ``لَهُۥ``, ``بِهِۦ``; the
#: plain spelling has no letter there).  Not U+0653..U+0655 (madda, hamza
#: above/below: NFC composes them into letters and they change the word) nor
#: U+065F (wavy hamza below).
HARAKAT = (
    "\u0610-\u061a\u064b-\u0652\u0656-\u065e\u0670\u06d6-\u06dc\u06df-\u06e6"
    "\u06e7\u06e8\u06ea-\u06ed\u0898-\u089f\u08ca-\u08e1\u08e3-\u08ff"
)
#: The eight marks of everyday vocalisation (tanwin, fatha, damma, kasra,
#: shadda, sukun), U+064B..U+0652, as the inside of a character class: a
#: subset of :data:`HARAKAT`, the evidence that a text is vocalised Arabic.
SHORT_VOWELS = "\u064b-\u0652"


def presentation_form(ch: str) -> str:
    """``initial``/``medial``/``final``/``isolated`` for an Arabic presentation form, else "".

    The tag of the form's compatibility decomposition, read from the core's
    table of the presentation forms (the one that :func:`unshape` and the
    visual-order evidence read).

    >>> presentation_form("\\ufe91"), presentation_form("\\ufefb"), presentation_form("ب")
    ('initial', 'isolated', '')
    """
    return _core.presentation_form(ch)


def unshape(text: str) -> str:
    """Replace Arabic presentation forms (and their ligatures) with the letters they show.

    Every character whose compatibility decomposition is a positional form
    (``<initial>``, ``<medial>``, ``<final>``, ``<isolated>``) becomes its
    NFKC: lam-alef ligatures lam first, word ligatures such as U+FDF2 spelled
    out, the spacing harakat (U+FE70...) a space and the mark; everything
    else, including Forms-A code points without one, is left as it is.  This
    is whole-text unshaping, for text known to be drawn forms, as repair and
    language scoring need it.  It is the compiled core's own (``unshape`` in
    ``rust/core/src/visual``), which the letter guess and the visual-order
    evidence read too, so that every part of the library reads a form as the
    same letters; a text without presentation forms comes back as the very
    same object.  The ``presentation_forms`` step (:func:`unshape_words`) has
    a narrower rule.  Like it, it refuses a lone surrogate (the library's
    entry points reject one before they get here).

    >>> unshape("\\ufedf\\ufee0\\ufeea") == "\\u0644\\u0644\\u0647"
    True
    >>> unshape("\\ufefb") == "\\u0644\\u0627"  # lam-alef: lam first
    True
    >>> unshape("\\ufe76") == " \\u064e"  # spacing fatha: a space and the mark
    True
    """
    return _core.unshape(text)


# Keep only the harakat of a text, or everything but its harakat.
ONLY_HARAKAT = CharTable(lambda ch: ch if is_harakah(ch) else "")
_NO_HARAKAT = CharTable(lambda ch: "" if is_harakah(ch) else ch)


def is_harakah(ch: str) -> bool:
    """True for a combining mark of the Arabic script (fatha, shadda, sukun, Quranic marks)."""
    return unicodedata.category(ch) == "Mn" and is_arabic_letter_or_mark(ch)


def strip_harakat(text: str) -> str:
    """Remove Arabic combining marks.

    >>> strip_harakat("كَتَبَ") == "كتب"
    True
    """
    return text.translate(_NO_HARAKAT)


# ---------------------------------------------------------------- unshaping words


def unshape_words(text: str) -> str:
    """Presentation forms turned back into letters, word by word: the ``presentation_forms`` rule.

    Each form gives the letters :func:`unshape` gives it (one table in the
    core), but where :func:`unshape` takes every positional form, for text
    known to be drawn forms such as a line just turned round from visual
    order, this is safe on any text: Forms-B (U+FE70..U+FEFE) always;
    Forms-A (U+FB50..U+FDFF) only in words written entirely in presentation
    forms or holding a Forms-B form too, because Quranic fonts reuse Forms-A
    code points next to ordinary letters; word ligatures (U+FDF0..U+FDFF)
    stay, for the ``ligatures`` step; and a spacing haraka (U+FE76...) gives
    its mark alone, not a space and the mark.  The ``presentation_forms``
    normalisation step and ``mixscript repair`` both unshape through this
    rule (or :func:`unshape_word_edits`), which is ``presentation_forms`` in
    ``rust/core/src/steps/forms.rs``.

    >>> unshape_words("\\u0627\\ufbfe\\ufee6") == "\\u0627\\u06cc\\u0646"  # mixed-form word
    True
    >>> unshape_words("\\u0628\\ufbfe") == "\\u0628\\ufbfe"  # Forms-A beside letters: kept
    True
    """
    edits = _core.presentation_forms_edits(text, False)
    return edits[0][2] if edits else text


def unshape_word_edits(text: str) -> list[tuple[int, int, str]]:
    """:func:`unshape_words` as ``(start, end, letters)`` edits, one per run of forms.

    Each run of presentation forms is its own edit, so the letters around
    them keep their offsets (``explain`` maps each form back to itself).

    >>> unshape_word_edits("\\u0627\\ufbfe\\ufee6") == [(1, 3, "\\u06cc\\u0646")]
    True
    """
    return _core.presentation_forms_edits(text, True)
