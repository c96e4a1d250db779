"""``mixscript.check``: one small case per code, both sides of each line it draws."""

from __future__ import annotations

import json

import pytest

import mixscript
from mixscript.checks.scan import (
    CODES,
    ICU_NOTE,
    LineIndex,
    apply_fixes,
    check,
    finding_to_dict,
    fix,
    format_finding,
    line_col,
    parse_codes,
)
from mixscript.model import Finding
from tests.chars import CYRILLIC_A

ZWNJ, ZWJ, ZWSP = "\u200c", "\u200d", "\u200b"
LRE, RLE, PDF, LRO, RLO = "\u202a", "\u202b", "\u202c", "\u202d", "\u202e"
LRI, RLI, PDI = "\u2066", "\u2067", "\u2069"


def codes(text: str, **kw: str) -> list[tuple[int, str]]:
    return [(f.start, f.code) for f in check(text, **kw)]


def test_public_name_is_the_contract() -> None:
    assert mixscript.check is check
    assert "check" in mixscript.__all__
    found = mixscript.check("a\u200bb")
    assert found == [Finding(1, 2, "MS201", found[0].message, "")]


# --- MS1xx bidi controls in text --------------------------------------------------


def test_override_is_always_reported_with_its_pdf() -> None:
    assert codes(f"x{RLO}abc{PDF} y") == [(1, "MS101"), (5, "MS101")]


def test_balanced_isolate_and_embedding_pass() -> None:
    assert check(f"see {RLI}سلام{PDI} and {RLE}مرحبا{PDF}.") == []


def test_isolate_open_at_line_end_and_stray_pdi() -> None:
    assert codes(f"a{RLI}b\nc{PDI}") == [(1, "MS102"), (5, "MS102")]


# --- MS2xx invisibles -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("pass\u200bword", [(4, "MS201")]),
        ("ภาษา\u200bไทย", []),  # Thai marks word breaks with ZWSP
        ("a\u2060b", [(1, "MS202")]),
        ("\ufeffstart", []),
        ("end\ufeffmore", [(3, "MS203")]),
        ("x\u2062y", [(1, "MS204")]),
        ("\u3164name", [(0, "MS205")]),
        ("\u1100\u1160", []),  # a conjoining jamo syllable with a vowel filler
        ("a\U000e0069\U000e0067b", [(1, "MS206"), (2, "MS206")]),
        ("\U0001f3f4\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f", []),
        ("a\ufe0fb", [(1, "MS207")]),
        ("\u2764\ufe0f", []),
        ("\u2205\ufe00", []),  # standardized variant: empty set, zero with long diagonal
        ("\u4e00\U000e0100", []),  # ideographic variation sequence
        ("\u061cabc", [(0, "MS209")]),
        ("سلام\u061c ۱۲", []),
        ("a\u180eb", [(1, "MS210")]),
        ("a\u2065b", [(1, "MS210")]),
    ],
)
def test_invisible_characters(text: str, expected: list[tuple[int, str]]) -> None:
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"می{ZWNJ}خواهم", []),
        (f"بے{ZWNJ}رو", []),
        (f"کتابِ{ZWNJ}من", []),  # harakat between the letters are looked through
        (f"می{RLM}{ZWNJ}شود" if (RLM := "\u200f") else "", []),
        (f"ه{ZWJ}.ق", []),  # ZWJ gives heh its joining form
        (f"\U0001f468{ZWJ}\U0001f4bb", []),
        (f"PDF{ZWNJ}ها", []),
        (f"pass{ZWNJ}word", [(4, "MS208")]),
        (f"word{ZWJ} next", [(4, "MS208")]),
        (f"کتاب {ZWNJ}ها", [(5, "MS208")]),  # after a space it joins nothing
        (f"{ZWNJ}", [(0, "MS208")]),
        # A doubled ZWNJ between letters: the first separates them, the rest repeat it.
        (f"\u06a9\u0627\u0631\u0648\u0627\u0646{ZWNJ}{ZWNJ}\u0633\u0631\u0627", [(7, "MS211")]),
        (f"\u0645\u06cc{ZWNJ}{ZWNJ}{ZWNJ}\u062e", [(3, "MS211"), (4, "MS211")]),
        # With RLM between them they still repeat each other.
        (f"\u0645\u06cc{ZWNJ}\u200f{ZWNJ}\u062e", [(4, "MS211")]),
        # ZWNJ then ZWJ is not a repeat (the ZWJ's own judgement applies).
        (f"\u0645\u06cc{ZWNJ}{ZWJ}\u062e", []),
        (f"क्{ZWJ}ष", []),  # Devanagari uses ZWJ; not this check's business
    ],
)
def test_joiners(text: str, expected: list[tuple[int, str]]) -> None:
    assert codes(text) == expected


# --- MS3xx / MS4xx words --------------------------------------------------------------


def test_latin_arabic_word_has_no_fix() -> None:
    [f] = check("the Errorکا message")
    assert (f.start, f.end, f.code, f.fix) == (4, 11, "MS301", None)


def test_arabic_proclitic_on_a_latin_name_passes() -> None:
    assert check("وGoogle و Siemens") == []
    assert codes("مGoogle") == [(0, "MS301")]


def test_latin_word_with_cyrillic_letter_is_fixed_to_latin() -> None:
    [f] = check(f"login to p{CYRILLIC_A}ypal now")
    assert (f.start, f.code, f.fix) == (10, "MS302", "a")
    assert apply_fixes(f"p{CYRILLIC_A}ypal", check(f"p{CYRILLIC_A}ypal")) == "paypal"


def test_cyrillic_word_with_latin_letter_is_fixed_to_cyrillic() -> None:
    text = "Москвa"  # the last letter is Latin
    [f] = check(text)
    assert (f.start, f.fix) == (5, CYRILLIC_A)


def test_invisible_inside_a_spoofed_word_does_not_hide_it() -> None:
    text = f"pa{ZWSP}yp{CYRILLIC_A}l"
    assert codes(text) == [(2, "MS201"), (5, "MS302")]


def test_mixed_script_without_lookalike_is_reported_whole() -> None:
    [f] = check("Zжно")  # Z has no Cyrillic twin and Ж no Latin one
    assert (f.start, f.end, f.code, f.fix) == (0, 4, "MS302", None)
    assert apply_fixes("Moжно", check("Moжно")) == "Можно"


def test_mixed_digit_systems() -> None:
    arabic_indic, persian = "\u0661\u0662", "\u06f3"
    [f] = check(arabic_indic + persian)
    assert (f.code, f.fix) == ("MS403", "\u0661\u0662\u0663")
    [g] = check("\u06f1\u06f23")
    assert (g.code, g.fix) == ("MS403", None)
    assert check("2024 ۱۴۰۳ ٢٠٢٤") == []


def test_icu_restriction_level_and_whole_script_confusable() -> None:
    pytest.importorskip("icu")
    # Cherokee A in a Latin word: not a Latin/Arabic/Cyrillic/Greek mix, so ICU decides.
    assert codes("\u13aapple pie") == [(0, "MS401")]
    # A Cyrillic word that reads "pay" among English words.
    text = "please \u0440\u0430\u0443 now"
    found = check(text)
    assert [(f.start, f.code, f.fix) for f in found] == [
        (7, "MS402", "p"),
        (8, "MS402", "a"),
        (9, "MS402", "y"),
    ]
    assert apply_fixes(text, found) == "please pay now"
    # The same word in a Russian sentence is just Russian.
    assert check("\u0440\u0430\u0443 \u0438 \u043c\u0438\u0440") == []


def test_icu_note_names_the_missing_checks() -> None:
    assert "MS401" in ICU_NOTE and "mixscript[icu]" in ICU_NOTE
    assert "\n" not in ICU_NOTE


# --- MS5xx encoding ---------------------------------------------------------------


def test_encoding_problems() -> None:
    text = "caf\ufffd \x92s\x00 \x81 tab\tok\r\n"
    assert [(f.start, f.code, f.fix) for f in check(text)] == [
        (3, "MS501", None),
        (5, "MS502", "\u2019"),  # Windows-1252 0x92 is a right single quote
        (7, "MS503", ""),
        (9, "MS502", None),  # 0x81 is undefined in Windows-1252
    ]


def test_utf8_read_as_windows_1252_is_repaired() -> None:
    persian = "سلام، می\N{ZERO WIDTH NON-JOINER}خواهم"
    for codec in ("cp1252", "latin-1"):
        broken = persian.encode("utf-8").decode(
            codec, errors="ignore" if codec == "cp1252" else "strict"
        )
        if codec == "cp1252":
            # Windows-1252 has five holes; a real decoder keeps them as C1 controls.
            broken = "".join(
                bytes((b,)).decode("cp1252", errors="ignore") or chr(b)
                for b in persian.encode("utf-8")
            )
        text = f"Subject: {broken}\n"
        [f] = check(text)
        assert (f.code, f.start, f.end) == ("MS505", 9, len(text) - 1)
        assert apply_fixes(text, [f]) == f"Subject: {persian}\n"


def test_text_that_only_looks_like_mojibake_passes() -> None:
    # Gruß + closing quote is valid UTF-8 for an N'Ko letter: not plausible, so not reported.
    assert check("„Gruß“, Ärger… à la carte, naïve, 25 °C") == []
    assert check("Tarık YARILGAÇ\u2019ın") == []  # C7 92 would be U+01D2
    [f] = check("caf\u00c3\u00a9 au lait")
    assert (f.code, f.fix) == ("MS505", "é")


def test_broken_emoji_is_repaired_with_its_selector() -> None:
    heart = "\N{HEAVY BLACK HEART}\N{VARIATION SELECTOR-16}"
    broken = "".join(
        bytes((b,)).decode("cp1252", errors="ignore") or chr(b) for b in heart.encode("utf-8")
    )
    assert [(f.code, f.fix) for f in check(f"I {broken} Wien")] == [("MS505", heart)]


def test_lone_surrogate_is_a_finding_not_a_crash() -> None:
    assert codes("a\ud800b") == [(1, "MS504")]


# --- select, ignore, suppression -----------------------------------------------------


def test_select_and_ignore_take_prefixes() -> None:
    text = f"a{ZWSP}b {RLO}x"
    assert [c for _, c in codes(text)] == ["MS201", "MS101"]
    assert [c for _, c in codes(text, select="MS1")] == ["MS101"]
    assert [c for _, c in codes(text, ignore="ms2")] == ["MS101"]
    assert codes(text, select="MS1,MS2", ignore="MS101") == [(1, "MS201")]


def test_parse_codes_rejects_unknown_codes() -> None:
    assert parse_codes(["MS1", "ms208"]) == ("MS1", "MS208")
    assert parse_codes(None) == ()
    with pytest.raises(ValueError, match="MS999"):
        parse_codes("MS999")


def test_suppression_marker_on_the_same_line() -> None:
    text = f"a{ZWSP}b  mixscript: ignore\nc{ZWSP}d\n"
    assert codes(text) == [(24, "MS201")]
    text2 = f"a{ZWSP}b mixscript: ignore[MS3, MS208]\n"
    assert [c for _, c in codes(text2)] == ["MS201"]
    text3 = f"a{ZWSP}b mixscript: ignore[MS2]\n"
    assert codes(text3) == []


def test_suppression_in_source_only_counts_in_comments() -> None:
    in_comment = f'x = "a{ZWSP}b"  # mixscript: ignore[MS201]\n'
    assert check(in_comment, path="m.py") == []
    in_string = f'x = "a{ZWSP}b mixscript: ignore"\n'
    assert [f.code for f in check(in_string, path="m.py")] == ["MS201"]


def test_marker_after_a_bidi_control_does_not_silence() -> None:
    """A Trojan line cannot carry its own silencer."""
    text = f'x = "{RLO}"  # mixscript: ignore\n'
    assert [f.code for f in check(text, path="m.py")] == ["MS104"]


def test_invisible_in_a_string_literal_is_fixed_by_an_escape() -> None:
    text = f'NAME = "pass{ZWSP}word"\n'
    [f] = check(text, path="m.py")
    assert f.fix == "\\u200b"
    assert apply_fixes(text, [f]) == 'NAME = "pass\\u200bword"\n'


# --- positions and output -----------------------------------------------------------


def test_line_col_counts_code_points_and_all_newline_styles() -> None:
    text = "ab\r\ncd\re😀f\ng"
    assert line_col(text, 0) == (1, 1)
    assert line_col(text, 4) == (2, 1)
    assert line_col(text, 7) == (3, 1)
    assert line_col(text, 9) == (3, 3)  # after one emoji: one code point
    assert line_col(text, 11) == (4, 1)
    assert line_col(text, len(text)) == (4, 2)
    with pytest.raises(IndexError):
        line_col(text, len(text) + 1)


def test_format_and_dict() -> None:
    text = f"ok\nپیام{ZWSP}"
    [f] = check(text)
    lines = LineIndex(text)
    assert format_finding(f, "a.txt", lines) == (
        "a.txt:2:5: MS201 U+200B ZERO WIDTH SPACE: invisible space that only hides where words end"
    )
    record = finding_to_dict(f, "a.txt", lines)
    assert json.loads(json.dumps(record)) == record
    assert (record["line"], record["column"], record["end_column"]) == (2, 5, 6)
    assert (record["start"], record["code"], record["fix"]) == (7, "MS201", "")


def test_fix_repeats_until_stable() -> None:
    text = f"pa{ZWSP}yp{CYRILLIC_A}l \x92"
    assert fix(text) == "paypal \u2019"


def test_apply_fixes_skips_overlaps_and_missing_fixes() -> None:
    findings = [
        Finding(0, 2, "MS302", "m", "xy"),
        Finding(1, 3, "MS201", "m", ""),
        Finding(3, 4, "MS301", "m", None),
    ]
    assert apply_fixes("abcd", findings) == "xycd"


def test_every_code_is_produced_somewhere() -> None:
    """No dead codes: each documented code is emitted by at least one input."""
    samples = [
        f"{RLO}x",
        f"a{RLI}",
        f"# {RLO}",
        f'"{RLO}"',
        f"x{RLO}",
        f"a{ZWSP}b",
        "a\u2060b",
        "a\ufeffb",
        "a\u2061b",
        "\u3164",
        "a\U000e0041",
        "a\ufe0f",
        f"a{ZWNJ}b",
        "\u061ca",
        "\u180e",
        f"\u06a9{ZWNJ}{ZWNJ}\u0633",
        "aب",
        f"p{CYRILLIC_A}y",
        "\u13aab",
        "\u0440\u0430\u0443 ok",
        "\u0661\u06f2",
        "\ufffd",
        "\x92",
        "\x00",
        "\ud800",
        "caf\u00c3\u00a9",
    ]
    seen = {f.code for s in samples for f in check(s)}
    seen |= {f.code for s in samples[2:5] for f in check(s, path="x.py")}
    try:
        import icu  # noqa: F401
    except ImportError:
        seen |= {"MS401", "MS402"}
    assert seen == set(CODES)


def test_character_names_and_rule_messages_are_made_once_and_stay_right() -> None:
    """``describe`` and the core-judged rules' messages keep what they made; a kept
    answer must be the one made afresh (checked twice, past the cache's bound)."""
    import unicodedata

    from mixscript.checks import invisibles

    for _ in range(2):
        for cp in [*range(0x2000, 0x2500), 0x0378, 0xD800, 0xE0001, 0x10FFFF]:
            ch = chr(cp)
            assert invisibles.describe(ch) == f"U+{cp:04X} {unicodedata.name(ch, '')}".rstrip()
        for code, template in invisibles._RULE_MESSAGES.items():
            for ch in "\u200b\u200c\u200d":
                assert invisibles._rule_message(code, ch) == template.format(
                    invisibles.describe(ch)
                )
