"""The generated Unicode tables: reproducible, at one version, and right against other sources.

The regeneration test is the pipeline's guarantee: the committed files are
exactly what ``scripts/gen_unicode.py`` makes from the UCD files of Debian's
``unicode-data`` package.  The other tests parse those files again with code
of their own, or ask ICU, so that a mistake in the generator is caught too.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
import regex

import mixscript.unicode
from mixscript.bidi.engine import bidi_class
from mixscript.cli.inspect import joining_type
from mixscript.unicode._ucd_scripts import RTL_SCRIPTS, SCRIPT_RANGES
from mixscript.unicode.properties import general_category
from mixscript.unicode.scripts import direction_of_script, script_of

UcdFile = Callable[[str], Path]
ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "scripts" / "gen_unicode.py"
TABLES = ROOT / "src" / "mixscript" / "unicode"
RUST_TABLE = ROOT / "rust" / "core" / "src" / "bidi" / "tables.rs"
RUST_DISPLAY_TABLE = ROOT / "rust" / "core" / "src" / "display" / "tables.rs"
RUST_STEPS_TABLE = ROOT / "rust" / "core" / "src" / "steps" / "tables.rs"
RUST_PROPS_TABLE = ROOT / "rust" / "core" / "src" / "props" / "tables.rs"


def _load_generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("gen_unicode", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _per_code_point(path: Path, default: str) -> list[str]:
    """``range ; value`` lines of a UCD file as one value per code point."""
    values = [default] * 0x110000
    for line in path.read_text(encoding="utf-8").splitlines():
        data = line.split("#", 1)[0].strip()
        if data:
            span, value = (f.strip() for f in data.split(";")[:2])
            lo, _, hi = span.partition("..")
            values[int(lo, 16) : int(hi or lo, 16) + 1] = [value] * (
                int(hi or lo, 16) - int(lo, 16) + 1
            )
    return values


def test_regenerating_reproduces_the_committed_tables(ucd_file: UcdFile, tmp_path: Path) -> None:
    ucd = ucd_file("Scripts.txt").parent
    result = subprocess.run(
        [
            sys.executable,
            str(GENERATOR),
            str(ucd),
            "--out",
            str(tmp_path),
            "--rust-out",
            str(tmp_path / "rust" / "tables.rs"),
            "--rust-display-out",
            str(tmp_path / "rust" / "display_tables.rs"),
            "--rust-steps-out",
            str(tmp_path / "rust" / "steps_tables.rs"),
            "--rust-props-out",
            str(tmp_path / "rust" / "props.rs"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "rust" / "tables.rs").read_bytes() == RUST_TABLE.read_bytes()
    display = (tmp_path / "rust" / "display_tables.rs").read_bytes()
    assert display == RUST_DISPLAY_TABLE.read_bytes()
    assert (tmp_path / "rust" / "steps_tables.rs").read_bytes() == RUST_STEPS_TABLE.read_bytes()
    assert (tmp_path / "rust" / "props.rs").read_bytes() == RUST_PROPS_TABLE.read_bytes()
    generated = sorted(p.name for p in tmp_path.glob("_ucd_*.py"))
    committed = sorted(p.name for p in TABLES.glob("_ucd_*.py"))
    assert generated == committed
    for name in generated:
        assert (tmp_path / name).read_bytes() == (TABLES / name).read_bytes(), name


def test_every_table_states_the_one_version(ucd_file: UcdFile) -> None:
    header = ucd_file("Scripts.txt").read_text(encoding="utf-8").splitlines()[0]
    assert header == f"# Scripts-{mixscript.unicode.UNICODE_VERSION}.txt"
    for path in sorted(TABLES.glob("_ucd_*.py")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        assert first.endswith(f"(Unicode {mixscript.unicode.UNICODE_VERSION}).") and (
            first.startswith('"""')
        ), path.name
    for rust in (RUST_TABLE, RUST_DISPLAY_TABLE, RUST_STEPS_TABLE, RUST_PROPS_TABLE):
        rust_header = rust.read_text(encoding="utf-8").splitlines()[0]
        assert rust_header.endswith(f"(Unicode {mixscript.unicode.UNICODE_VERSION})."), rust


_FORM_ROW = re.compile(
    r"^    \(0x([0-9A-F]+), (?:Some\((Initial|Medial|Final|Isolated)\)|None), &\[([0-9A-Fx, ]*)\]\),$",
    re.M,
)


def test_rust_presentation_forms_agree_with_unicodedata() -> None:
    """Every positional form of the steps' table (which the visual-order scoring reads too),
    its class and its letters, as Python's own Unicode data has them: the decomposition tag,
    and NFKC, which is NFC of the row's decomposition (no Arabic presentation form changed
    since Unicode 14.0, Python 3.11's version)."""
    rows = {
        int(cp, 16): (
            form.lower(),
            unicodedata.normalize("NFC", "".join(chr(int(x, 16)) for x in parts.split(", "))),
        )
        for cp, form, parts in _FORM_ROW.findall(RUST_STEPS_TABLE.read_text(encoding="utf-8"))
        if form
    }
    expected = {}
    for cp in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFF00)]:
        tag = unicodedata.decomposition(chr(cp)).split(" ", 1)[0]
        if tag in ("<initial>", "<medial>", "<final>", "<isolated>"):
            expected[cp] = (tag[1:-1], unicodedata.normalize("NFKC", chr(cp)))
    assert len(expected) > 700
    assert rows == expected


def test_generator_refuses_mixed_versions(ucd_file: UcdFile, tmp_path: Path) -> None:
    gen = _load_generator()
    for name in gen.VERSIONED_FILES:
        target = tmp_path / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(ucd_file(name).read_text(encoding="utf-8"), encoding="utf-8")
    jt = tmp_path / "extracted" / "DerivedJoiningType.txt"
    jt.write_text(re.sub(r"-\d+\.\d+\.\d+\.txt", "-99.0.0.txt", jt.read_text("utf-8"), count=1))
    with pytest.raises(gen.UcdError, match="mixed Unicode versions"):
        gen.ucd_version(tmp_path, gen.VERSIONED_FILES)


def test_bidi_class_agrees_with_derived_bidi_class(ucd_file: UcdFile) -> None:
    """Every code point the file lists, and the defaults of a few unlisted ones."""
    listed = _per_code_point(ucd_file("extracted/DerivedBidiClass.txt"), "")
    wrong = [cp for cp, cls in enumerate(listed) if cls and bidi_class(chr(cp)) != cls]
    assert wrong == [], [f"U+{cp:04X}" for cp in wrong[:5]]
    # Unlisted, so the @missing lines of the file's header decide (read by hand):
    assert listed[0x074B] == "" and bidi_class("\u074b") == "AL"  # Syriac block
    assert listed[0x05C8] == "" and bidi_class("\u05c8") == "R"  # Hebrew block
    assert listed[0x20C1] == "" and bidi_class("\u20c1") == "ET"  # Currency Symbols
    assert listed[0x10EC2] == "" and bidi_class("\U00010ec2") == "AL"  # Arabic Extended-C
    assert listed[0x0378] == "" and bidi_class("\u0378") == "L"  # everything else
    assert bidi_class("\U00010efd") == "NSM"  # new in 15.0, unknown to Python 3.11


# ICU's UCharDirection values, in the order of its enum.
_ICU_DIRECTIONS = (
    "L R EN ES ET AN CS B S WS ON LRE LRO AL RLE RLO PDF NSM BN FSI LRI RLI PDI".split()
)


@pytest.mark.slow
def test_bidi_class_agrees_with_icu_everywhere() -> None:
    """All 1,114,112 code points, unassigned ones too, when ICU has the same version."""
    icu = pytest.importorskip("icu")
    if not icu.UNICODE_VERSION.startswith(mixscript.unicode.UNICODE_VERSION.rsplit(".", 1)[0]):
        pytest.skip(f"ICU has Unicode {icu.UNICODE_VERSION}")
    direction = icu.Char.charDirection
    wrong = [cp for cp in range(0x110000) if bidi_class(chr(cp)) != _ICU_DIRECTIONS[direction(cp)]]
    assert wrong == [], [f"U+{cp:04X}" for cp in wrong[:5]]


@pytest.mark.slow
def test_categories_scripts_and_joining_agree_with_the_files(ucd_file: UcdFile) -> None:
    gc = _per_code_point(ucd_file("extracted/DerivedGeneralCategory.txt"), "Cn")
    jt = _per_code_point(ucd_file("extracted/DerivedJoiningType.txt"), "U")
    names = {}
    for line in ucd_file("PropertyValueAliases.txt").read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in line.split("#")[0].split(";")]
        if fields[0] == "sc":
            names[fields[2]] = fields[1]
    sc = _per_code_point(ucd_file("Scripts.txt"), "Unknown")
    for cp in range(0x110000):
        ch = chr(cp)
        assert general_category(ch) == gc[cp], f"U+{cp:04X}"
        assert joining_type(ch) == jt[cp], f"U+{cp:04X}"
        assert script_of(ch) == names[sc[cp]], f"U+{cp:04X}"


def test_rtl_scripts_are_derived_not_typed() -> None:
    """The defects of the hand-typed list: Old Hungarian and both Meroitic scripts were missing."""
    assert {"Hung", "Merc", "Mero"} <= RTL_SCRIPTS
    assert direction_of_script("Hung") == "rtl"
    assert direction_of_script("Latn") == "ltr"
    assert direction_of_script("Zyyy") == "neutral"
    # Every listed script exists at the tables' version (Todhri, Garay and
    # Sidetic were encoded later, so none of them can be listed).
    present = {row[2] for row in SCRIPT_RANGES}
    assert present >= RTL_SCRIPTS
    assert not {"Todr", "Gara", "Sidt"} & RTL_SCRIPTS


def test_rtl_scripts_agree_with_icu() -> None:
    icu = pytest.importorskip("icu")
    present = {row[2] for row in SCRIPT_RANGES} - {"Zyyy", "Zinh"}
    from_icu = {s for s in present if icu.Script(icu.Script.getCode(s)[0]).isRightToLeft()}
    assert from_icu == RTL_SCRIPTS


@pytest.mark.slow
@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"\p{M}", lambda ch: general_category(ch).startswith("M")),
        (r"\p{sc=Arab}", lambda ch: script_of(ch) == "Arab"),
        (r"\p{sc=Latn}", lambda ch: script_of(ch) == "Latn"),
    ],
)
def test_regex_properties_used_for_script_runs_agree_with_the_tables(
    pattern: str, expected: Callable[[str], bool]
) -> None:
    """The Python scans (the tagger's and visual order's words) use these ``regex``
    classes, as the compiled script runs use the tables; on every character the
    tables assign, they must say what the tables say (``regex`` may be newer)."""
    every = "".join(chr(cp) for cp in range(0x110000) if not 0xD800 <= cp <= 0xDFFF)
    hits = set(regex.findall(pattern, every))
    wrong = [
        f"U+{ord(ch):04X}"
        for ch in every
        if general_category(ch) != "Cn" and (ch in hits) != expected(ch)
    ]
    assert wrong == []


def test_rust_props_table_agrees_with_the_files(ucd_file: UcdFile) -> None:
    """``rust/core/src/props/tables.rs``, the core's one table of per-code-point properties,
    read back against this module's own reading of the UCD: the General_Category and Script
    of every code point, and every decimal digit zero."""
    category = _per_code_point(ucd_file("extracted/DerivedGeneralCategory.txt"), "Cn")
    long_names = _per_code_point(ucd_file("Scripts.txt"), "Unknown")
    short = {}
    for line in ucd_file("PropertyValueAliases.txt").read_text(encoding="utf-8").splitlines():
        fields = [f.strip() for f in line.split("#")[0].split(";")]
        if fields[0] == "sc":
            short[fields[2]] = fields[1]
    source = RUST_PROPS_TABLE.read_text(encoding="utf-8")

    def read_back(name: str, default: str) -> list[str]:
        body = source.split(f"const {name}:", 1)[1].split("\n];", 1)[0]
        table = [default] * 0x110000
        for lo, hi, value in re.findall(r"\(0x([0-9A-F]+), 0x([0-9A-F]+), \"?(\w+)\"?\)", body):
            table[int(lo, 16) : int(hi, 16) + 1] = [value] * (int(hi, 16) - int(lo, 16) + 1)
        return table

    categories = read_back("CATEGORY_RANGES", "Cn")
    scripts = read_back("SCRIPT_RANGES", "Zzzz")
    for cp in range(0x110000):
        assert categories[cp] == category[cp], f"U+{cp:04X}"
        assert scripts[cp] == short[long_names[cp]], f"U+{cp:04X}"
    # Every decimal digit zero, from UnicodeData.txt's decimal digit field.
    zeros = re.findall(r"^    0x([0-9A-F]+),$", source, re.MULTILINE)
    expected = []
    for line in ucd_file("UnicodeData.txt").read_text(encoding="utf-8").splitlines():
        fields = line.split(";")
        if fields[2] == "Nd" and fields[6] == "0":
            expected.append(fields[0])
    assert zeros == expected
    assert len(expected) == 68  # the Nd systems of Unicode 15.0 (680 Nd code points)
