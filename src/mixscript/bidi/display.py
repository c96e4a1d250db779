"""Text put in display order for renderers that cannot do bidi, and isolated for those that can.

:func:`to_visual` is for renderers that lay glyphs out strictly left to right
(Pillow without libraqm, matplotlib, reportlab, terminals, LED signs, burned-in
subtitles).  What it does that ``bidi.get_display`` does not:

* one paragraph direction per paragraph (UAX #9 P2/P3, or ``base_direction``),
  kept for every line of the paragraph after wrapping, instead of letting
  each line guess its own;
* line breaks (LF, CR, CRLF, U+2029...) stay exactly where they are;
* brackets and other mirrored characters are mirrored at odd levels (L4);
* harakat placed where the renderer draws them on the right letter.  Font
  renderers with no shaping engine (Pillow's basic layout with DejaVu Sans)
  draw a zero-width mark over the glyph *after* it, which is where plain
  reversal leaves it, so that is the default.  Terminals attach a combining
  character to the cell *before* it: ``marks_after_base=True`` moves each
  mark back after its letter (UAX #9 rule L3);
* wrapping by terminal cells in logical order first, then reordering of each
  line (``width``);
* contextual shaping with harakat kept (:func:`shape`).

Bidi control characters have done their work once the text is in display
order, so :func:`to_visual` drops them (LRE..RLO, PDF, LRI..PDI, LRM, RLM,
ALM); everything else, ZWNJ and ZWJ included, stays.

:func:`isolate` is the opposite tool: for renderers that *do* bidi, it wraps
embedded opposite-direction runs in LRI/RLI/FSI ... PDI so that neighbouring
punctuation and numbers cannot be pulled into them.  Plain text only: never
for source code, where bidi controls are the Trojan Source attack.

Why :func:`shape`: renderers without a shaping engine (Pillow without
libraqm, matplotlib, reportlab, LED signs) draw each code point as its own
glyph, so joined Arabic only appears if the text already holds the positional
presentation forms.  The compiled core (``rust/core/src/display/shaping.rs``)
picks those forms from the letters' joining types and the forms Unicode
defines, and makes the lam-alef ligatures and the ALLAH ligature; its rules
are arabic-reshaper's, which the tests use as the oracle, with harakat kept
unless asked (arabic-reshaper's default deletes them, which destroys
vocalised text: a Quranic verse, a children's book).  Fonts differ in which
ligatures they have: ``reshaper_config`` (arabic-reshaper's option names,
e.g. ``{"ARABIC LIGATURE ALLAH": False}`` or the dict returned by
``arabic_reshaper.config_for_true_type_font(path)``) switches to
arabic-reshaper itself, the optional backend, with those options.
The way back, presentation forms to letters, is :mod:`mixscript.unicode.shaping`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from mixscript import _core
from mixscript.bidi.engine import (
    CoreEngine,
    IcuEngine,
    LevelEngine,
    bidi_class,
    first_strong_level,
    paragraphs,
)
from mixscript.bidi.repair import detect_visual, repair_edits, to_logical
from mixscript.text.breaks import EDITOR_LINE_ENDINGS
from mixscript.text.valid import validate
from mixscript.unicode import shaping
from mixscript.unicode.chars import LRI, PDI, RLI, ZWJ, ZWNJ

__all__ = [
    "cell_width",
    "detect_visual",
    "isolate",
    "repair_edits",
    "shape",
    "to_logical",
    "to_visual",
    "wrap_spans",
]

_BASE = {None: None, "ltr": 0, "rtl": 1}


# "python" names the built-in engine from before it moved to the compiled core.
_CORE_ENGINE = ("core", "python")


def _engine(name: str) -> LevelEngine:
    if name in _CORE_ENGINE:
        return CoreEngine()
    if name == "icu":
        return IcuEngine()
    raise ValueError(f"unknown bidi engine {name!r}: use 'core' or 'icu'")


def _char_width(ch: str) -> int:
    if ch in (ZWNJ, ZWJ) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes: combining marks, ZWNJ/ZWJ and format characters take none.

    >>> cell_width("كَتَبَ"), cell_width("می\\N{ZERO WIDTH NON-JOINER}خواهم"), cell_width("日本")
    (3, 7, 4)
    """
    return sum(_char_width(c) for c in text)


def wrap_spans(text: str, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of one paragraph, in logical order: spans of ``text`` per line.

    Lines break at whitespace, which is left out of both neighbours; a word
    wider than ``width`` is cut between characters (never before a
    combining mark).  No span is wider than ``width`` cells.

    >>> t = "aa bb cc dddddd"
    >>> [t[s:e] for s, e in wrap_spans(t, 5)]
    ['aa bb', 'cc', 'ddddd', 'd']
    """
    if isinstance(width, bool) or not isinstance(width, int):
        raise TypeError(f"width must be an int, not {type(width).__name__}")
    if width < 1:
        raise ValueError("width must be at least 1")
    spans: list[tuple[int, int]] = []
    n = len(text)
    i = 0
    while i < n:
        while i < n and text[i].isspace() and spans:
            i += 1  # the break's whitespace belongs to no line
        start = i
        used = 0
        last_break = -1
        j = i
        while j < n:
            w = _char_width(text[j])
            if used + w > width:
                break
            if text[j].isspace():
                last_break = j
            used += w
            j += 1
        if j >= n:
            spans.append((start, n))
            break
        if text[j].isspace():
            end = j
        elif last_break > start:
            end = last_break
        else:
            end = max(j, start + 1)
            while end > start + 1 and _char_width(text[end]) == 0:
                end -= 1  # keep a letter with its marks
        while end > start and text[end - 1].isspace():
            end -= 1
        spans.append((start, max(end, start)))
        i = max(end, start + 1)
    return spans or [(0, 0)]


@lru_cache(maxsize=32)
def _reshaper(options: tuple[tuple[str, Any], ...]) -> Any:
    import arabic_reshaper

    return arabic_reshaper.ArabicReshaper(configuration=dict(options))


def shape(
    text: str, *, harakat: bool = True, reshaper_config: Mapping[str, Any] | None = None
) -> str:
    """Arabic letters to contextual presentation forms, in logical order.

    ``harakat=False`` deletes the harakat.  When harakat are kept and the
    text has some, the ALLAH ligature (U+FDF2) is not used.  Without
    ``reshaper_config`` the compiled core shapes (see the module docstring);
    with it, arabic-reshaper does, with those options over the ones above.
    Values are given as Python values; arabic-reshaper reads them as its
    configparser strings.

    >>> shape("بب") == "\\ufe91\\ufe90"
    True
    >>> shape("كَ") == "\\ufed9\\u064e"  # harakat kept by default
    True
    """
    if not reshaper_config:
        return _core.shape(text, harakat)
    options: dict[str, Any] = {"delete_harakat": not harakat}
    if harakat and _core.has_arabic_marks(text):
        # The one-glyph ALLAH ligature has no place for the shadda and kasra
        # written on the word; they would be drawn after it, on the wrong glyph.
        options["ARABIC LIGATURE ALLAH"] = False
    options.update(reshaper_config)
    key = tuple(sorted((k, str(v)) for k, v in options.items()))
    result: str = _reshaper(key).reshape(text)
    return result


# ``to_visual`` has a parameter named ``shape``.
_shape = shape


def to_visual(
    text: str,
    *,
    width: int | None = None,
    base_direction: str | None = None,
    shape: bool = True,
    harakat: bool = True,
    reshaper_config: Mapping[str, Any] | None = None,
    engine: str = "core",
    marks_after_base: bool = False,
    line_break: str | None = None,
) -> str:
    """``text`` in display order (left to right), shaped, for renderers without bidi support.

    ``base_direction`` is ``"ltr"``, ``"rtl"`` or None (each paragraph's first
    strong character decides, LTR when there is none).  ``width`` wraps each
    paragraph to that many terminal cells; the wrapped lines are joined with
    the paragraph's own line break (LF, CR or CRLF).  A paragraph that ends
    otherwise (U+2029, or the end of the text) takes the first LF, CR or
    CRLF of the text before it, LF if there is none: never one after it, so
    that text wrapped in pieces, each given the earlier pieces' first line
    break as ``line_break``, comes out as the whole text would (the last
    line of a CRLF file without a final line break gets CRLF either way).
    ``shape=False`` only reorders, for
    renderers that shape but do not reorder; ``harakat=False`` drops them.
    ``reshaper_config`` shapes with arabic-reshaper and those options instead
    of the compiled core (see :func:`shape`); ``engine="icu"`` resolves levels with PyICU instead of the compiled core;
    ``marks_after_base=True`` keeps combining marks after their letter in
    right-to-left runs, for terminals (see the module docstring).

    >>> to_visual("abc (\\u05d0\\u05d1)", shape=False) == "abc (\\u05d1\\u05d0)"
    True
    >>> to_visual("\\u05d0 (\\u05d1)\\r\\nx", shape=False) == "(\\u05d1) \\u05d0\\r\\nx"
    True
    """
    validate(text)
    if base_direction is not None and not isinstance(base_direction, str):
        raise TypeError(f"base_direction must be 'ltr', 'rtl' or None, not {base_direction!r}")
    if base_direction not in _BASE:
        raise ValueError(f"base_direction must be 'ltr', 'rtl' or None, not {base_direction!r}")
    base = _BASE[base_direction]
    if line_break is not None and line_break not in EDITOR_LINE_ENDINGS:
        raise ValueError(f"line_break must be LF, CR, CRLF or None, not {line_break!r}")
    if width is None and engine in _CORE_ENGINE and not (shape and reshaper_config):
        # The common case in one call: shaping, levels, L1-L4 and the dropped
        # controls for every paragraph, in the compiled core.
        if not shape and not harakat:
            text = shaping.strip_harakat(text)
        return _core.to_visual(text, base, shape, harakat, marks_after_base)
    level_engine = _engine(engine)
    out: list[str] = []
    spans_of_paragraphs = paragraphs(text)
    # Wrapped lines break like the text does: CRLF files get CRLF.  Only the
    # text before a paragraph decides its break, so pieces give the whole's.
    first_break = line_break
    for start, end in spans_of_paragraphs:
        chunk = text[start:end]
        sep = _separator(chunk)
        if sep in EDITOR_LINE_ENDINGS:
            first_break = first_break or sep
        body = chunk[: len(chunk) - len(sep)]
        if shape:
            body = _shape(body, harakat=harakat, reshaper_config=reshaper_config)
        elif not harakat:
            body = shaping.strip_harakat(body)
        levels, para = level_engine.levels(body, base)
        spans = wrap_spans(body, width) if width is not None else [(0, len(body))]
        lines = _core.render_lines(body, levels, para, spans, marks_after_base)
        joint = sep if sep in EDITOR_LINE_ENDINGS else first_break or "\n"
        out.append(joint.join(lines) + sep)
    return "".join(out)


def _separator(chunk: str) -> str:
    """The paragraph separator that ends ``chunk`` (CRLF counts as one), or ""."""
    if chunk.endswith("\r\n"):
        return "\r\n"
    if chunk and bidi_class(chunk[-1]) == "B":
        return chunk[-1]
    return ""


def _strong(ch: str) -> int | None:
    return {"L": 0, "R": 1, "AL": 1}.get(bidi_class(ch))


def isolate(text: str) -> str:
    """Wrap runs that go against their paragraph's direction in LRI/RLI ... PDI.

    A run starts and ends with a strong character of the opposite direction
    and holds no strong character of the paragraph's direction; numbers and
    punctuation inside it stay inside.  Text already inside an isolate is left
    alone, so applying :func:`isolate` twice changes nothing more.

    >>> isolate("سلام Hello World!") == "سلام \\u2066Hello World\\u2069!"
    True
    """
    validate(text)
    out: list[str] = []
    for start, end in paragraphs(text):
        out.append(_isolate_paragraph(text[start:end]))
    return "".join(out)


def _isolate_paragraph(para_text: str) -> str:
    para = first_strong_level(para_text)
    if para is None:
        return para_text  # nothing strong, nothing to isolate
    classes = [bidi_class(c) for c in para_text]
    opener = RLI if para == 0 else LRI
    opposite = 1 - para
    pieces: list[str] = []
    i = 0
    n = len(para_text)
    run_start = run_end = -1
    depth = 0

    def flush(upto: int) -> None:
        nonlocal run_start, run_end
        if run_start >= 0:
            pieces.append(opener + para_text[run_start:run_end] + PDI)
            pieces.append(para_text[run_end:upto])
            run_start = run_end = -1

    emitted = 0
    while i < n:
        c = classes[i]
        if c in ("LRI", "RLI", "FSI"):
            depth += 1
        elif c == "PDI" and depth:
            depth -= 1
        elif depth == 0:
            s = _strong(para_text[i])
            if s == opposite:
                if run_start < 0:
                    pieces.append(para_text[emitted:i])
                    run_start = i
                run_end = i + 1
                while run_end < n and unicodedata.category(para_text[run_end]) in ("Mn", "Me"):
                    run_end += 1
                emitted = run_end
                i = run_end
                continue
            if (s is not None and run_start >= 0) or (c == "B" and run_start >= 0):
                flush(i)
                emitted = i
        i += 1
    if run_start >= 0:
        flush(n)
        emitted = n
    pieces.append(para_text[emitted:])
    return "".join(pieces)
