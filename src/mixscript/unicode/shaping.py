"""Arabic shaping for display, and its inverse for repair.

Why arabic-reshaper for :func:`shape`: renderers without a shaping engine
(Pillow without libraqm, matplotlib, reportlab, LED signs) draw each code point
as its own glyph, so joined Arabic only appears if the text already holds
the positional presentation forms.  arabic-reshaper picks those forms and
the lam-alef ligatures.  Its default deletes harakat, which destroys
vocalised text (a Quranic verse, a children's book), so mixscript keeps them
unless asked.  Fonts differ in which ligatures they have: pass
``reshaper_config`` (arabic-reshaper's option names, e.g.
``{"ARABIC LIGATURE ALLAH": False}`` or the dict returned by
``arabic_reshaper.config_for_true_type_font(path)``) to match yours.

:func:`unshape` goes back from presentation forms to letters.  It must run
*after* a visual-order line is reversed: a lam-alef ligature is one code point
that stands for two letters, and expanding it before reversing puts alef
before lam (``السلام`` read back as ``السالم``).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from mixscript.unicode.char_tables import CharTable
from mixscript.unicode.chars import is_arabic_letter

__all__ = ["is_harakah", "presentation_form", "shape", "strip_harakat", "unshape"]

_POSITIONAL = ("<initial>", "<medial>", "<final>", "<isolated>")


@lru_cache(maxsize=4096)
def presentation_form(ch: str) -> str:
    """``initial``/``medial``/``final``/``isolated`` for an Arabic presentation form, else "".

    >>> presentation_form("\\ufe91"), presentation_form("\\ufefb"), presentation_form("ب")
    ('initial', 'isolated', '')
    """
    cp = ord(ch)
    if not (0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF):
        return ""
    tag = unicodedata.decomposition(ch).split(" ", 1)[0]
    return tag[1:-1] if tag in _POSITIONAL else ""


def unshape(text: str) -> str:
    """Replace Arabic presentation forms (and their ligatures) with the letters they show.

    Only characters whose decomposition is a positional form are touched;
    everything else, including Forms-A letters without one, is left as it is.

    >>> unshape("\\ufedf\\ufee0\\ufeea") == "\\u0644\\u0644\\u0647"
    True
    >>> unshape("\\ufefb") == "\\u0644\\u0627"  # lam-alef: lam first
    True
    """
    return text.translate(_UNSHAPE)


def _unshape_char(ch: str) -> str:
    return unicodedata.normalize("NFKC", ch) if presentation_form(ch) else ch


_UNSHAPE = CharTable(_unshape_char)
# Keep only the harakat of a text, or everything but its harakat.
_ONLY_HARAKAT = CharTable(lambda ch: ch if is_harakah(ch) else "")
_NO_HARAKAT = CharTable(lambda ch: "" if is_harakah(ch) else ch)


def is_harakah(ch: str) -> bool:
    """True for a combining mark of the Arabic script (fatha, shadda, sukun, Quranic marks)."""
    return unicodedata.category(ch) == "Mn" and is_arabic_letter(ch)


def strip_harakat(text: str) -> str:
    """Remove Arabic combining marks.

    >>> strip_harakat("كَتَبَ") == "كتب"
    True
    """
    return text.translate(_NO_HARAKAT)


@lru_cache(maxsize=32)
def _reshaper(options: tuple[tuple[str, Any], ...]) -> Any:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration=dict(options))


def shape(
    text: str, *, harakat: bool = True, reshaper_config: Mapping[str, Any] | None = None
) -> str:
    """Arabic letters to contextual presentation forms, in logical order.

    ``harakat=False`` deletes the harakat.  When harakat are kept and the
    text has some, the ALLAH ligature (U+FDF2) is not used.  ``reshaper_config`` overrides
    arabic-reshaper's options (see the module docstring).  Values are given
    as Python values; arabic-reshaper reads them as its configparser strings.

    >>> shape("بب") == "\\ufe91\\ufe90"
    True
    >>> shape("كَ") == "\\ufed9\\u064e"  # harakat kept by default
    True
    """
    options: dict[str, Any] = {"delete_harakat": not harakat}
    if harakat and text.translate(_ONLY_HARAKAT):
        # The one-glyph ALLAH ligature has no place for the shadda and kasra
        # written on the word; they would be drawn after it, on the wrong glyph.
        options["ARABIC LIGATURE ALLAH"] = False
    if reshaper_config:
        options.update(reshaper_config)
    key = tuple(sorted((k, str(v)) for k, v in options.items()))
    result: str = _reshaper(key).reshape(text)
    return result
