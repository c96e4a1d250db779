"""Generate every Unicode table under ``src/mixscript/unicode/`` from one set of UCD files.

Why one generator: the tables must agree with each other.  A character's
script, Bidi_Class, joining type, general category and normalisation data all
come from the same release of the Unicode Character Database, read here from
one directory, so the library answers every question at one stated version
(``mixscript.unicode.UNICODE_VERSION``) whatever Python or ``regex`` it runs
on.  The generator refuses a directory whose files are not all of one version.

Why tables at all: Python's :mod:`unicodedata` has no Script, Script_Extensions,
Joining_Type, Bidi_Paired_Bracket or Bidi_Mirroring_Glyph, gives no default
Bidi_Class to unassigned code points (an unassigned code point in the Arabic
block is AL, not L), and follows the running Python's Unicode version, which
is not the pinned one.  The data files are not installed next to the package
at run time, so the ranges are copied into Python modules once.

Files read (all from the directory given, Debian's ``unicode-data`` package by
default): ``Scripts.txt``, ``ScriptExtensions.txt``,
``PropertyValueAliases.txt``, ``BidiBrackets.txt``, ``BidiMirroring.txt``,
``StandardizedVariants.txt``, ``UnicodeData.txt``,
``DerivedNormalizationProps.txt`` and, under ``extracted/``,
``DerivedBidiClass.txt``, ``DerivedJoiningType.txt``,
``DerivedGeneralCategory.txt`` and ``DerivedCombiningClass.txt``.

The compiled core (``rust/core``) gets the same Bidi_Class and
Bidi_Paired_Bracket data as a Rust module, ``rust/core/src/bidi/tables.rs``
(``--rust-out``), so that both languages classify every code point alike, and
the per-code-point properties every other part of the core asks about
(Script, Script_Extensions, General_Category, Numeric_Type, the zeros of the
decimal digit systems) once, as ``rust/core/src/props/tables.rs``
(``--rust-props-out``).

The output is written already in ``ruff format`` style (one row a line, magic
trailing commas), so ``ruff format --check`` leaves it alone.
``tests/test_unicode_tables.py`` regenerates everything into a temporary
directory and compares it byte for byte with the committed files.

The display module of the core gets the presentation forms, lam-alef and ALLAH
ligatures, Arabic marks and mirror glyphs, ``rust/core/src/display/tables.rs``
(``--rust-display-out``), from ``UnicodeData.txt``, ``ArabicShaping.txt``
(read too) and ``BidiMirroring.txt``.  The normalisation steps' data
(NFC, presentation-form decompositions and positional classes, which the
visual-order scoring reads too) is ``rust/core/src/steps/tables.rs`` (``--rust-steps-out``).

Usage::

    python scripts/gen_unicode.py [UCD_DIR] [--out DIR] [--rust-out FILE]
        [--rust-display-out FILE] [--rust-steps-out FILE] [--rust-props-out FILE]
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

DEFAULT_UCD = Path("/usr/share/unicode")
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "src" / "mixscript" / "unicode"
DEFAULT_RUST_OUT = (
    Path(__file__).resolve().parent.parent / "rust" / "core" / "src" / "bidi" / "tables.rs"
)
DEFAULT_RUST_DISPLAY_OUT = (
    Path(__file__).resolve().parent.parent / "rust" / "core" / "src" / "display" / "tables.rs"
)
DEFAULT_RUST_STEPS_OUT = (
    Path(__file__).resolve().parent.parent / "rust" / "core" / "src" / "steps" / "tables.rs"
)
DEFAULT_RUST_PROPS_OUT = (
    Path(__file__).resolve().parent.parent / "rust" / "core" / "src" / "props" / "tables.rs"
)
MAX_CP = 0x110000
_HEADER_VERSION = re.compile(r"^# [A-Za-z]+-(\d+\.\d+\.\d+)\.txt")
# Long Bidi_Class names in the @missing lines of DerivedBidiClass.txt.
_BIDI_SHORT = {
    "Left_To_Right": "L",
    "Right_To_Left": "R",
    "Arabic_Letter": "AL",
    "European_Terminator": "ET",
    "Boundary_Neutral": "BN",
}
Row = tuple[int, int, str]


class UcdError(Exception):
    """The UCD directory is incomplete or mixes versions."""


# -- reading -------------------------------------------------------------------------------------


def _lines(path: Path) -> Iterator[list[str]]:
    """The data lines of a UCD file, split on ``;`` and stripped (comments removed)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        data = line.split("#", 1)[0].strip()
        if data:
            yield [f.strip() for f in data.split(";")]


def _span(field: str) -> range:
    lo, _, hi = field.partition("..")
    return range(int(lo, 16), int(hi or lo, 16) + 1)


def file_version(path: Path) -> str:
    """The version in a UCD file's first line (``# Scripts-15.0.0.txt``)."""
    with path.open(encoding="utf-8") as f:
        m = _HEADER_VERSION.match(f.readline())
    if m is None:
        raise UcdError(f"{path}: no version in the first line")
    return m.group(1)


def ucd_version(ucd: Path, names: list[str]) -> str:
    """The one version of all the files named; an error if they disagree."""
    versions = {name: file_version(ucd / name) for name in names}
    if len(set(versions.values())) != 1:
        raise UcdError(f"mixed Unicode versions in {ucd}: {versions}")
    return next(iter(versions.values()))


def script_codes(ucd: Path) -> dict[str, str]:
    """Long script name (as in ``Scripts.txt``) -> ISO 15924 code."""
    return {f[2]: f[1] for f in _lines(ucd / "PropertyValueAliases.txt") if f[0] == "sc"}


def per_code_point(path: Path, default: str | None = None) -> list[str | None]:
    """A ``cp -> value`` list from a ``range ; value`` file (first value field)."""
    values: list[str | None] = [default] * MAX_CP
    for fields in _lines(path):
        for cp in _span(fields[0]):
            values[cp] = fields[1]
    return values


def bidi_classes(ucd: Path) -> list[str | None]:
    """Bidi_Class of every code point, the ``@missing`` defaults included.

    The ``@missing`` lines give the class of unassigned code points by block
    (AL in the Arabic blocks, R in the Hebrew ones, ET for the currency
    symbols block, BN for noncharacters); later lines override earlier ones.
    """
    path = ucd / "extracted" / "DerivedBidiClass.txt"
    values: list[str | None] = [None] * MAX_CP
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# @missing:"):
            span, name = (f.strip() for f in line.removeprefix("# @missing:").split(";"))
            for cp in _span(span):
                values[cp] = _BIDI_SHORT[name]
    for fields in _lines(path):
        for cp in _span(fields[0]):
            values[cp] = fields[1]
    return values


def ranges(values: list[str | None], skip: str | None = None) -> list[Row]:
    """Merge equal neighbours into ``(first, last, value)`` rows, leaving out None and ``skip``."""
    out: list[Row] = []
    start = 0
    for cp in range(1, len(values) + 1):
        if cp == len(values) or values[cp] != values[start]:
            value = values[start]
            if value is not None and value != skip:
                out.append((start, cp - 1, value))
            start = cp
    return out


# -- the tables ----------------------------------------------------------------------------------


def scripts_and_extensions(ucd: Path) -> tuple[list[str | None], list[str | None]]:
    """Script (ISO 15924 code) of every code point, and its Script_Extensions
    (space-separated sorted codes) where they differ from the plain script."""
    codes = script_codes(ucd)
    sc: list[str | None] = [None] * MAX_CP
    for fields in _lines(ucd / "Scripts.txt"):
        for cp in _span(fields[0]):
            sc[cp] = codes[fields[1]]
    ext: list[str | None] = [None] * MAX_CP
    for fields in _lines(ucd / "ScriptExtensions.txt"):
        listed = set(fields[1].split())
        for cp in _span(fields[0]):
            if listed != {sc[cp]}:
                ext[cp] = " ".join(sorted(listed))
    return sc, ext


def scripts_table(ucd: Path, bidi: list[str | None], category: list[str | None]) -> list[str]:
    """Script, Script_Extensions and the right-to-left scripts."""
    sc, ext = scripts_and_extensions(ucd)
    # A script is right-to-left when most of its letters are strong R or AL.
    rtl: Counter[str] = Counter()
    letters: Counter[str] = Counter()
    for cp in range(MAX_CP):
        script = sc[cp]
        cat = category[cp]
        if script is None or cat is None or not cat.startswith("L"):
            continue
        letters[script] += 1
        if bidi[cp] in ("R", "AL"):
            rtl[script] += 1
    rtl_scripts = sorted(s for s in letters if 2 * rtl[s] > letters[s])
    return [
        "# (first, last, ISO 15924 code); code points not listed are Zzzz (unknown).",
        "SCRIPT_RANGES: tuple[tuple[int, int, str], ...] = (",
        *_rows(ranges(sc, skip="Zzzz")),
        ")",
        "",
        "# (first, last, space-separated codes) where Script_Extensions differs from Script.",
        "EXTENSION_RANGES: tuple[tuple[int, int, str], ...] = (",
        *_rows(ranges(ext)),
        ")",
        "",
        "# Scripts most of whose letters have Bidi_Class R or AL.",
        "RTL_SCRIPTS: frozenset[str] = frozenset(",
        "    (",
        *(f'        "{s}",' for s in rtl_scripts),
        "    )",
        ")",
    ]


def bidi_table(ucd: Path, bidi: list[str | None]) -> list[str]:
    """Bidi_Class (all of it), Bidi_Paired_Bracket and Bidi_Mirroring_Glyph."""
    brackets = {int(a, 16): (int(b, 16), k) for a, b, k in _lines(ucd / "BidiBrackets.txt")}
    mirrors = {int(a, 16): int(b, 16) for a, b in _lines(ucd / "BidiMirroring.txt")}
    return [
        "# (first, last, Bidi_Class); code points not listed are L.",
        "BIDI_CLASS_RANGES: tuple[tuple[int, int, str], ...] = (",
        *_rows(ranges(bidi, skip="L")),
        ")",
        "",
        "# code point -> (paired bracket, 'o' opening | 'c' closing)",
        "BRACKETS: dict[int, tuple[int, str]] = {",
        *(f'    0x{a:04X}: (0x{b:04X}, "{k}"),' for a, (b, k) in sorted(brackets.items())),
        "}",
        "",
        "# code point -> Bidi_Mirroring_Glyph",
        "MIRRORS: dict[int, int] = {",
        *(f"    0x{a:04X}: 0x{b:04X}," for a, b in sorted(mirrors.items())),
        "}",
    ]


def joining_table(ucd: Path) -> list[str]:
    """Joining_Type; U, the default, is not listed."""
    values = per_code_point(ucd / "extracted" / "DerivedJoiningType.txt")
    return [
        "# (first, last, Joining_Type); code points not listed are U (non-joining).",
        "JOINING_RANGES: tuple[tuple[int, int, str], ...] = (",
        *_rows(ranges(values, skip="U")),
        ")",
    ]


def category_table(category: list[str | None]) -> list[str]:
    """General_Category; Cn, the default, is not listed."""
    return [
        "# (first, last, General_Category); code points not listed are Cn (unassigned).",
        "CATEGORY_RANGES: tuple[tuple[int, int, str], ...] = (",
        *_rows(ranges(category, skip="Cn")),
        ")",
    ]


def variants_table(ucd: Path) -> list[str]:
    """Bases of the standardized variation sequences with VS1..VS16 (U+FE00..U+FE0F)."""
    bases: dict[int, set[int]] = {}
    for fields in _lines(ucd / "StandardizedVariants.txt"):
        base, vs = (int(x, 16) for x in fields[0].split())
        if 0xFE00 <= vs <= 0xFE0F:
            bases.setdefault(vs, set()).add(base)
    out = ["# selector -> base code points, hex, space-separated", "_BASES_HEX: dict[int, str] = {"]
    for vs, cps in sorted(bases.items()):
        ordered = sorted(cps)
        out.append(f"    0x{vs:04X}: (")
        for i in range(0, len(ordered), 10):
            out.append('        "' + "".join(f"{cp:X} " for cp in ordered[i : i + 10]) + '"')
        out.append("    ),")
    out += [
        "}",
        "STANDARDIZED_BASES: dict[int, frozenset[int]] = {",
        "    vs: frozenset(int(cp, 16) for cp in hexes.split()) for vs, hexes in _BASES_HEX.items()",
        "}",
    ]
    return out


def _rows(rows: list[Row]) -> Iterator[str]:
    """Table rows, one a line; a row too long for 100 columns is split as ``ruff format`` does."""
    for a, b, value in rows:
        line = f'    (0x{a:04X}, 0x{b:04X}, "{value}"),'
        if len(line) <= 100:
            yield line
        else:
            yield from (
                "    (",
                f"        0x{a:04X},",
                f"        0x{b:04X},",
                f'        "{value}",',
                "    ),",
            )


# -- writing -------------------------------------------------------------------------------------

VERSIONED_FILES = [
    "Scripts.txt",
    "ArabicShaping.txt",
    "ScriptExtensions.txt",
    "PropertyValueAliases.txt",
    "BidiBrackets.txt",
    "BidiMirroring.txt",
    "StandardizedVariants.txt",
    "DerivedNormalizationProps.txt",
    "extracted/DerivedBidiClass.txt",
    "extracted/DerivedJoiningType.txt",
    "extracted/DerivedGeneralCategory.txt",
    "extracted/DerivedCombiningClass.txt",
    "extracted/DerivedNumericType.txt",
]


def module(title: str, sources: str, version: str, body: list[str]) -> str:
    """A generated module: docstring header naming the version and sources, then ``body``."""
    return "\n".join(
        [
            f'"""{title} (Unicode {version}).',
            "",
            f"Generated by scripts/gen_unicode.py from the Unicode {version} files {sources};",
            "do not edit.",
            '"""',
            "",
            *body,
            "",
        ]
    )


def rust_bidi_table(ucd: Path) -> str:
    """The Rust module of Bidi_Class ranges and bracket pairs for ``rust/core``.

    Rows are sorted by first code point for a binary search; code points not
    listed are L.  ``#[rustfmt::skip]`` keeps one row a line under ``cargo fmt``.
    """
    version = ucd_version(ucd, VERSIONED_FILES)
    bidi = bidi_classes(ucd)
    brackets = sorted(
        (int(a, 16), int(b, 16), k == "o") for a, b, k in _lines(ucd / "BidiBrackets.txt")
    )
    return "\n".join(
        [
            f"//! Bidi_Class and Bidi_Paired_Bracket (Unicode {version}).",
            "//!",
            f"//! Generated by scripts/gen_unicode.py from the Unicode {version} files",
            "//! extracted/DerivedBidiClass.txt and BidiBrackets.txt; do not edit.",
            "",
            "use super::BidiClass::{self, *};",
            "",
            "/// The Unicode version of these tables.",
            f'pub const UNICODE_VERSION: &str = "{version}";',
            "",
            "/// (first, last, Bidi_Class); code points not listed are L.",
            "#[rustfmt::skip]",
            "pub(crate) const BIDI_CLASS_RANGES: &[(u32, u32, BidiClass)] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X}, {v})," for a, b, v in ranges(bidi, skip="L")),
            "];",
            "",
            "/// (bracket, its Bidi_Paired_Bracket, opening?), sorted by bracket.",
            "#[rustfmt::skip]",
            "pub(crate) const BRACKETS: &[(u32, u32, bool)] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X}, {str(o).lower()})," for a, b, o in brackets),
            "];",
            "",
        ]
    )


# -- display order and shaping (rust/core/src/display) ----------------------------------------------

_FORM_TAGS = ("<isolated>", "<initial>", "<medial>", "<final>")
# The blocks whose combining marks turn the ALLAH ligature off when harakat are kept
# (the same blocks as ``ARABIC_BLOCKS`` in src/mixscript/unicode/chars.py).
_LAM = 0x0644
_ALLAH_LETTERS = (0x0627, 0x0644, 0x0644, 0x0647)


def positional_forms(ucd: Path) -> dict[tuple[int, ...], list[int]]:
    """Letters (as a code point sequence) -> [isolated, initial, medial, final], 0 for none.

    Read from the ``<isolated>``/``<initial>``/``<medial>``/``<final>``
    compatibility decompositions of the presentation forms in
    ``UnicodeData.txt``: U+FE91 is ``<initial> 0628``, so it is BEH's initial form.
    """
    forms: dict[tuple[int, ...], list[int]] = {}
    for fields in _lines(ucd / "UnicodeData.txt"):
        tag, _, rest = fields[5].partition(" ")
        if tag in _FORM_TAGS:
            key = tuple(int(x, 16) for x in rest.split())
            slot = forms.setdefault(key, [0, 0, 0, 0])
            if slot[_FORM_TAGS.index(tag)] == 0:  # the first listed form is the plain one
                slot[_FORM_TAGS.index(tag)] = int(fields[0], 16)
    return forms


def rust_display_table(ucd: Path) -> str:
    """The Rust module of ``rust/core/src/display``: presentation forms, ligatures, mirror glyphs.

    A letter is listed when it has positional presentation forms.  It joins
    the letter before it when its Joining_Type (ArabicShaping.txt) is D or R
    *and* it has a final form, and the letter after it when it is D and has an
    initial form: a renderer without a shaping engine draws only presentation
    forms, so a letter that has forms shows a join only where it has the
    form for it (U+06BA NOON GHUNNA, with isolated and final forms only,
    joins the letter before it but not the one after).  An Arabic-script
    letter that joins (D or R) but has no presentation form at all (U+0620,
    U+06C2, most of Arabic Supplement and Extended-A) is listed without
    forms and joins as its Joining_Type says, as a shaping renderer joins
    it: its neighbours take their joining forms and it is written as
    itself.  Join-causing characters (Joining_Type C:
    tatweel, ZWJ) of the Arabic and shared scripts are their own forms.  The
    lam-alef ligatures are the two-letter forms whose decomposition is lam and
    a letter of Joining_Group ALEF; ALLAH is the ligature of alef, lam, lam, heh.
    Bidi_Mirroring_Glyph (BidiMirroring.txt) is there for rule L4.
    """
    version = ucd_version(ucd, VERSIONED_FILES)
    forms = positional_forms(ucd)
    shaping = {int(f[0], 16): (f[2], f[3]) for f in _lines(ucd / "ArabicShaping.txt")}
    sc: dict[int, str] = {}
    for fields in _lines(ucd / "Scripts.txt"):
        for cp in _span(fields[0]):
            sc[cp] = fields[1]
    letters: list[tuple[int, list[int], bool, bool]] = []
    for (cp, *more), f in forms.items():
        if more:
            continue
        jt = shaping.get(cp, ("U", ""))[0]
        letters.append((cp, f, jt in ("D", "R") and f[3] != 0, jt == "D" and f[1] != 0))
    for cp, (jt, _group) in shaping.items():
        if jt in ("D", "R") and sc.get(cp) == "Arabic" and (cp,) not in forms:
            letters.append((cp, [0, 0, 0, 0], True, jt == "D"))
    for cp, (jt, _group) in shaping.items():
        if jt == "C" and sc.get(cp) in ("Arabic", "Common", "Inherited"):
            letters.append((cp, [cp, cp, cp, cp], True, True))
    letters.sort()
    lam_alef = sorted(
        (cp, f[0], f[3])
        for (first, *second), f in forms.items()
        if first == _LAM and len(second) == 1 and shaping.get(second[0], ("", ""))[1] == "ALEF"
        for cp in second
    )
    allah = forms[_ALLAH_LETTERS][0]
    mirrors = sorted((int(a, 16), int(b, 16)) for a, b in _lines(ucd / "BidiMirroring.txt"))

    def hx(cp: int) -> str:
        return f"0x{cp:04X}"

    allah_letters = ", ".join(f"'\\u{{{c:04X}}}'" for c in _ALLAH_LETTERS)

    return "\n".join(
        [
            f"//! Arabic presentation forms, ligatures and mirror glyphs (Unicode {version}).",
            "//!",
            f"//! Generated by scripts/gen_unicode.py from the Unicode {version} files",
            "//! UnicodeData.txt, ArabicShaping.txt, Scripts.txt and BidiMirroring.txt;",
            "//! do not edit.",
            "",
            "/// (letter, [isolated, initial, medial, final] (0: none), joins the letter before,",
            "/// joins the letter after), sorted by letter.",
            "#[rustfmt::skip]",
            "pub(crate) const LETTERS: &[(u32, [u32; 4], bool, bool)] = &[",
            *(
                f"    ({hx(cp)}, [{', '.join(hx(x) for x in f)}], {str(b).lower()}, "
                f"{str(a).lower()}),"
                for cp, f, b, a in letters
            ),
            "];",
            "",
            "/// (alef after lam, isolated lam-alef ligature, final lam-alef ligature).",
            "#[rustfmt::skip]",
            "pub(crate) const LAM_ALEF: &[(u32, u32, u32)] = &[",
            *(f"    ({hx(a)}, {hx(i)}, {hx(f)})," for a, i, f in lam_alef),
            "];",
            "",
            "/// The letters of the ALLAH ligature and its (isolated) form.",
            f"pub(crate) const ALLAH_LETTERS: [char; 4] = [{allah_letters}];",
            f"pub(crate) const ALLAH: u32 = {hx(allah)};",
            "",
            "/// (character, Bidi_Mirroring_Glyph), sorted by character.",
            "#[rustfmt::skip]",
            "pub(crate) const MIRRORS: &[(u32, u32)] = &[",
            *(f"    ({hx(a)}, {hx(b)})," for a, b in mirrors),
            "];",
            "",
        ]
    )


# -- the normalisation steps' Rust tables (rust/core/src/steps/tables.rs) -------------------------

# The Arabic presentation-form blocks; U+FEFF (the byte order mark) is no form.
_FORM_BLOCKS = (range(0xFB50, 0xFE00), range(0xFE70, 0xFEFF))


def rust_steps_table(ucd: Path) -> str:
    """The Rust module of what the normalisation steps need, for ``rust/core/src/steps``.

    The NFC data (combining classes, one level of canonical decomposition,
    the primary composites that composition may produce) and the
    compatibility mappings of the presentation forms, which unshaping and
    ligature expansion follow, fully decomposed here (NFKD, not yet in
    canonical order), so that NFKC of one form is NFC of its row.  The
    steps' General_Category and Arabic-script questions are answered by
    ``rust/core/src/props``, the one home of per-code-point properties.
    Rows are sorted for binary searches.
    """
    version = ucd_version(ucd, VERSIONED_FILES)
    ccc = per_code_point(ucd / "extracted" / "DerivedCombiningClass.txt")
    canonical: dict[int, tuple[int, ...]] = {}
    compat: dict[int, tuple[str, tuple[int, ...]]] = {}
    for fields in _lines(ucd / "UnicodeData.txt"):
        cp, mapping = int(fields[0], 16), fields[5]
        if not mapping:
            continue
        if mapping.startswith("<"):
            tag, _, rest = mapping.partition(" ")
            compat[cp] = (tag[1:-1], tuple(int(x, 16) for x in rest.split()))
        else:
            canonical[cp] = tuple(int(x, 16) for x in mapping.split())
    excluded: set[int] = set()
    for fields in _lines(ucd / "DerivedNormalizationProps.txt"):
        if fields[1] == "Full_Composition_Exclusion":
            excluded.update(_span(fields[0]))
    pairs = sorted(
        (d[0], d[1], cp) for cp, d in canonical.items() if len(d) == 2 and cp not in excluded
    )

    def nfkd(cp: int) -> tuple[int, ...]:
        parts = compat[cp][1] if cp in compat else canonical.get(cp)
        return (cp,) if parts is None else tuple(x for p in parts for x in nfkd(p))

    forms = [
        (cp, compat[cp][0], nfkd(cp)) for block in _FORM_BLOCKS for cp in block if cp in compat
    ]

    def chars(cps: tuple[int, ...]) -> str:
        return ", ".join(f"0x{x:04X}" for x in cps)

    return "\n".join(
        [
            f"//! NFC data and presentation forms (Unicode {version}).",
            "//!",
            f"//! Generated by scripts/gen_unicode.py from the Unicode {version} files",
            "//! extracted/DerivedCombiningClass.txt, UnicodeData.txt and",
            "//! DerivedNormalizationProps.txt; do not edit.",
            "",
            "use super::ucd::Form::{self, *};",
            "",
            "/// (first, last, Canonical_Combining_Class) for the classes other than 0.",
            "#[rustfmt::skip]",
            "pub(crate) const COMBINING_RANGES: &[(u32, u32, u8)] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X}, {int(v)})," for a, b, v in ranges(ccc, skip="0")),
            "];",
            "",
            "/// (code point, canonical Decomposition_Mapping, one level; Hangul excluded).",
            "#[rustfmt::skip]",
            "pub(crate) const DECOMPOSITIONS: &[(u32, &[u32])] = &[",
            *(f"    (0x{cp:04X}, &[{chars(d)}])," for cp, d in sorted(canonical.items())),
            "];",
            "",
            "/// (first, second, primary composite), sorted by (first, second).",
            "#[rustfmt::skip]",
            "pub(crate) const COMPOSITIONS: &[(u32, u32, u32)] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X}, 0x{c:04X})," for a, b, c in pairs),
            "];",
            "",
            "/// (presentation form, positional class, full compatibility decomposition)",
            "/// for the forms U+FB50..U+FDFF and U+FE70..U+FEFE that have a compatibility",
            "/// mapping; the class is that of an <initial>, <medial>, <final> or",
            "/// <isolated> tag, None for any other tag.",
            "#[rustfmt::skip]",
            "pub(crate) const FORM_MAPPINGS: &[(u32, Option<Form>, &[u32])] = &[",
            *(
                f"    (0x{cp:04X}, {_POSITIONAL_TAGS.get(tag, 'None')}, &[{chars(m)}]),"
                for cp, tag, m in forms
            ),
            "];",
            "",
        ]
    )


# The positional decomposition tags, as the Rust `Form` of their rows.
_POSITIONAL_TAGS = {
    "initial": "Some(Initial)",
    "medial": "Some(Medial)",
    "final": "Some(Final)",
    "isolated": "Some(Isolated)",
}


# -- the Rust character properties of the text and language passes (rust/core/src/props) ---------


def rust_props_table(ucd: Path) -> str:
    """The Rust module of the per-code-point properties the whole core shares.

    Script, Script_Extensions, General_Category, Numeric_Type and
    Joining_Type ranges and the decimal digit zeros.

    Rows are sorted by first code point for a binary search.  Script codes
    are ISO 15924 strings (unlisted: ``Zzzz``); Script_Extensions rows are
    only where they differ from the plain script, each a sorted list of codes;
    General_Category values are the short names of the ``Gc`` enum (unlisted:
    ``Cn``); the numeric rows are the code points whose Numeric_Type is Digit
    or Numeric (numbers that are not decimal digits), the digit rows those
    whose Numeric_Type is Digit; the digit zeros are
    the zero of every decimal digit system, from ``UnicodeData.txt`` (field 6,
    the decimal digit value): Unicode encodes each system's ten digits in one
    contiguous run starting at its zero.  Joining_Type values are their
    one-letter names as ``char`` (unlisted: ``U``).
    """
    version = ucd_version(ucd, VERSIONED_FILES)
    sc, ext = scripts_and_extensions(ucd)
    category = per_code_point(ucd / "extracted" / "DerivedGeneralCategory.txt")
    joining = per_code_point(ucd / "extracted" / "DerivedJoiningType.txt")
    numeric: list[str | None] = [None] * MAX_CP
    digit: list[str | None] = [None] * MAX_CP
    for fields in _lines(ucd / "extracted" / "DerivedNumericType.txt"):
        if fields[1] in ("Digit", "Numeric"):
            for cp in _span(fields[0]):
                numeric[cp] = "y"
        if fields[1] == "Digit":
            for cp in _span(fields[0]):
                digit[cp] = "y"
    zeros = []
    for fields in _lines(ucd / "UnicodeData.txt"):
        if fields[2] == "Nd" and fields[6] == "0":
            zero = int(fields[0], 16)
            if any(category[zero + k] != "Nd" for k in range(10)):
                raise UcdError(f"U+{zero:04X}: a digit zero without nine digits after it")
            zeros.append(zero)

    def codes_of(value: str) -> str:
        return "&[" + ", ".join(f'"{c}"' for c in value.split()) + "]"

    return "\n".join(
        [
            "//! Script, Script_Extensions, General_Category, Numeric_Type, Joining_Type, digit zeros"
            f" (Unicode {version}).",
            "//!",
            f"//! Generated by scripts/gen_unicode.py from the Unicode {version} files Scripts.txt,",
            "//! ScriptExtensions.txt, PropertyValueAliases.txt, extracted/DerivedGeneralCategory.txt,",
            "//! extracted/DerivedNumericType.txt, extracted/DerivedJoiningType.txt and UnicodeData.txt;",
            "//! do not edit.",
            "",
            "use super::Gc::{self, *};",
            "",
            "/// (first, last, ISO 15924 code); code points not listed are Zzzz.",
            "#[rustfmt::skip]",
            "pub(crate) const SCRIPT_RANGES: &[(u32, u32, &str)] = &[",
            *(f'    (0x{a:04X}, 0x{b:04X}, "{v}"),' for a, b, v in ranges(sc, skip="Zzzz")),
            "];",
            "",
            "/// (first, last, sorted codes) where Script_Extensions differs from Script.",
            "#[rustfmt::skip]",
            "pub(crate) const EXTENSION_RANGES: &[(u32, u32, &[&str])] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X}, {codes_of(v)})," for a, b, v in ranges(ext)),
            "];",
            "",
            "/// (first, last, General_Category); code points not listed are Cn.",
            "#[rustfmt::skip]",
            "pub(crate) const CATEGORY_RANGES: &[(u32, u32, Gc)] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X}, {v})," for a, b, v in ranges(category, skip="Cn")),
            "];",
            "",
            "/// (first, last): Numeric_Type Digit or Numeric.",
            "#[rustfmt::skip]",
            "pub(crate) const NUMERIC_RANGES: &[(u32, u32)] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X})," for a, b, _ in ranges(numeric)),
            "];",
            "",
            "/// (first, last): Numeric_Type Digit (superscripts, circled digits...), not Decimal.",
            "#[rustfmt::skip]",
            "pub(crate) const DIGIT_RANGES: &[(u32, u32)] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X})," for a, b, _ in ranges(digit)),
            "];",
            "",
            "/// (first, last, Joining_Type); code points not listed are U (non-joining).",
            "#[rustfmt::skip]",
            "pub(crate) const JOINING_RANGES: &[(u32, u32, char)] = &[",
            *(f"    (0x{a:04X}, 0x{b:04X}, '{v}')," for a, b, v in ranges(joining, skip="U")),
            "];",
            "",
            "/// The zero of every decimal digit system (General_Category Nd, value 0), sorted.",
            "#[rustfmt::skip]",
            "pub(crate) const DIGIT_ZEROS: &[u32] = &[",
            *(f"    0x{z:04X}," for z in sorted(zeros)),
            "];",
            "",
        ]
    )


def generate(ucd: Path) -> dict[str, str]:
    """File name -> source text of every generated module."""
    version = ucd_version(ucd, VERSIONED_FILES)
    category = per_code_point(ucd / "extracted" / "DerivedGeneralCategory.txt")
    bidi = bidi_classes(ucd)
    return {
        "_ucd_version.py": module(
            "The Unicode version of every generated table",
            "(the version stated in their headers)",
            version,
            [f'UNICODE_VERSION = "{version}"'],
        ),
        "_ucd_scripts.py": module(
            "Script, Script_Extensions and the right-to-left scripts",
            "Scripts.txt, ScriptExtensions.txt, PropertyValueAliases.txt,\n"
            "extracted/DerivedBidiClass.txt and extracted/DerivedGeneralCategory.txt",
            version,
            scripts_table(ucd, bidi, category),
        ),
        "_ucd_bidi.py": module(
            "Bidi_Class, Bidi_Paired_Bracket and Bidi_Mirroring_Glyph",
            "extracted/DerivedBidiClass.txt,\nBidiBrackets.txt and BidiMirroring.txt",
            version,
            bidi_table(ucd, bidi),
        ),
        "_ucd_joining.py": module(
            "Joining_Type ranges",
            "extracted/DerivedJoiningType.txt",
            version,
            joining_table(ucd),
        ),
        "_ucd_category.py": module(
            "General_Category ranges",
            "extracted/DerivedGeneralCategory.txt",
            version,
            category_table(category),
        ),
        "_ucd_variants.py": module(
            "Bases of the standardized variation sequences, per selector U+FE00..U+FE0F",
            "StandardizedVariants.txt",
            version,
            variants_table(ucd),
        ),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ucd", nargs="?", type=Path, default=DEFAULT_UCD, help="UCD directory")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the tables")
    parser.add_argument(
        "--rust-out", type=Path, default=DEFAULT_RUST_OUT, help="the Rust bidi table to write"
    )
    parser.add_argument(
        "--rust-display-out",
        type=Path,
        default=DEFAULT_RUST_DISPLAY_OUT,
        help="the Rust shaping and mirroring table to write",
    )
    parser.add_argument(
        "--rust-steps-out",
        type=Path,
        default=DEFAULT_RUST_STEPS_OUT,
        help="the Rust table of the normalisation steps to write",
    )
    parser.add_argument(
        "--rust-props-out",
        type=Path,
        default=DEFAULT_RUST_PROPS_OUT,
        help="the Rust table of character properties to write",
    )
    args = parser.parse_args(argv)
    try:
        files = generate(args.ucd)
        rust = rust_bidi_table(args.ucd)
        rust_display = rust_display_table(args.ucd)
        rust_steps = rust_steps_table(args.ucd)
        rust_props = rust_props_table(args.ucd)
    except (OSError, UcdError) as e:
        print(f"gen_unicode: {e}", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"wrote {args.out / name} ({text.count(chr(10))} lines)")
    for path, text in (
        (args.rust_out, rust),
        (args.rust_display_out, rust_display),
        (args.rust_steps_out, rust_steps),
        (args.rust_props_out, rust_props),
    ):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path} ({text.count(chr(10))} lines)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
