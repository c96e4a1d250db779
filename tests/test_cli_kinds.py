"""A file's kind (identify, ``#!``, ``[tool.mixscript.extension]``, ``--stdin-filename``).

The kind decides which rules ``check`` applies and what ``normalize`` may
edit.  Expected values here are written by hand: the Trojan Source
"stretched string" puts balanced isolates (LRI ... PDI) in a string
literal, which the prose rules accept (they are balanced) and the source
rules report (MS104, one finding per control).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from mixscript.checks.scan import check, fix
from mixscript.normalization.regions import explain_kind, normalize_kind
from mixscript.text.kinds import file_kind, kind_for_tag
from mixscript.text.regions import editable_spans
from tests import _cli_helpers as h

LRI, PDI, RLO = "\u2066", "\u2069", "\u202e"
FORM = "\N{ARABIC LETTER ALEF WASLA ISOLATED FORM}"
LETTER = "\N{ARABIC LETTER ALEF WASLA}"
STRETCHED = f"user{LRI} admin{PDI}"

SAMPLES = {
    "page.php": f'<?php\n$access = "{STRETCHED}";\n',
    "data.json": f'{{"access": "{STRETCHED}"}}\n',
    "query.sql": f"SELECT * FROM t WHERE role = '{STRETCHED}';\n",
    "deploy": f'#!/usr/bin/env bash\nrole="{STRETCHED}"\n',
    "init.lua": f'local role = "{STRETCHED}"\n',
    "tool.pl": f'my $role = "{STRETCHED}";\n',
    "app.rb": f'role = "{STRETCHED}"\n',
    "App.vue": f'<script>\nconst role = "{STRETCHED}";\n</script>\n',
    "index.html": f"<p>{STRETCHED}</p>\n",
    "boot.s": f'msg: .ascii "{STRETCHED}"\n',
    "run.csx": f'var role = "{STRETCHED}";\n',
    "Token.sol": f'string constant ROLE = "{STRETCHED}";\n',
}


def _codes(text: str) -> list[str]:
    return [f.code for f in check(text)]


def test_prose_rules_accept_the_balanced_isolates() -> None:
    # The control case: without a kind the isolates are balanced prose.
    assert _codes(STRETCHED) == []


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_stretched_string_flagged_in_every_source_kind(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str
) -> None:
    path = tmp_path / name
    path.write_text(SAMPLES[name], encoding="utf-8")
    r = h.run(monkeypatch, "check", str(path))
    assert r.code == 1
    # path:line:col: CODE ...; the columns counted from the sample itself.
    lines = SAMPLES[name].splitlines()
    row = next(i for i, line in enumerate(lines) if LRI in line)
    expected = [f"{path}:{row + 1}:{lines[row].index(ch) + 1}: MS10" for ch in (LRI, PDI)]
    assert [line[: len(e)] for line, e in zip(r.text.splitlines(), expected, strict=True)] == (
        expected
    )


def test_stdin_filename_gives_standard_input_a_kind(monkeypatch: pytest.MonkeyPatch) -> None:
    data = SAMPLES["page.php"].encode()
    assert h.run(monkeypatch, "check", stdin=data).code == 0
    r = h.run(monkeypatch, "check", "--stdin-filename", "src/page.php", stdin=data)
    assert r.code == 1
    assert r.text.splitlines() == [
        "src/page.php:2:16: MS104 U+2066 LEFT-TO-RIGHT ISOLATE in a string literal; write \\u{2066} instead",
        "src/page.php:2:23: MS104 U+2069 POP DIRECTIONAL ISOLATE in a string literal; write \\u{2069} instead",
    ]


def test_stdin_shebang_is_enough(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(monkeypatch, "check", stdin=SAMPLES["deploy"].encode())
    assert r.code == 1 and r.text.count("MS104") == 2


def test_check_fix_on_stdin_escapes_in_php(monkeypatch: pytest.MonkeyPatch) -> None:
    r = h.run(
        monkeypatch,
        "check",
        "--fix",
        "--stdin-filename",
        "x.php",
        stdin=SAMPLES["page.php"].encode(),
    )
    assert r.text == '<?php\n$access = "user\\u{2066} admin\\u{2069}";\n'


def test_stdin_filename_on_every_reading_command(monkeypatch: pytest.MonkeyPatch) -> None:
    from mixscript.cli.main import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    # inspect takes its text as an argument, extract reads PDF files.
    reading = [n for n in sub.choices if n not in ("inspect", "extract")]
    for name in reading:
        options = {o for a in sub.choices[name]._actions for o in a.option_strings}
        assert "--stdin-filename" in options, name


def test_normalize_stdin_filename_protects_code(monkeypatch: pytest.MonkeyPatch) -> None:
    text = f's = "{FORM}"  # {FORM}\n'
    r = h.run(monkeypatch, "normalize", "--stdin-filename", "a.py", stdin=text.encode())
    assert (r.code, r.text) == (1, f's = "{FORM}"  # {LETTER}\n')
    r = h.run(monkeypatch, "normalize", stdin=text.encode())
    assert r.text == f's = "{LETTER}"  # {LETTER}\n'


def test_config_extension_adds_a_kind(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    path = tmp_path / "page.tpl"
    path.write_text(SAMPLES["page.php"], encoding="utf-8")
    assert h.run(monkeypatch, "check", str(path)).code == 0
    (tmp_path / "pyproject.toml").write_text('[tool.mixscript.extension]\ntpl = "php"\n')
    r = h.run(monkeypatch, "check", str(path))
    assert r.code == 1 and r.text.count("MS104") == 2
    # Standard input named into that folder finds the same settings.
    named = str(tmp_path / "other.tpl")
    data = SAMPLES["page.php"].encode()
    assert h.run(monkeypatch, "check", "--stdin-filename", named, stdin=data).code == 1
    shown = h.run(monkeypatch, "normalize", "--show-config", str(path)).text
    assert '[tool.mixscript.extension]\n"tpl" = "php"' in shown


def test_config_extension_must_be_a_table(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text('[tool.mixscript]\nextension = ["php"]\n')
    (tmp_path / "a.txt").write_text("x\n")
    r = h.run(monkeypatch, "check", str(tmp_path / "a.txt"))
    assert r.code == 2 and "extension" in r.err


@pytest.mark.parametrize(
    ("name", "first", "expected"),
    [
        ("a.php", "", "php"),
        ("a.ipynb", "", "json"),
        ("a.sql", "", "sql"),
        ("a.s", "", "assembly"),
        ("a.csx", "", "c"),
        ("a.sol", "", "c"),
        ("a.vue", "", "component"),
        ("a.html", "", "html"),
        ("tool", "#!/usr/bin/perl -w", "perl"),
        ("tool", "#!/bin/sh", "shell"),
        ("tool", "#!/usr/bin/env node", "javascript"),
        ("a.hs", "", "generic"),
    ],
)
def test_kinds_from_identify(name: str, first: str, expected: str) -> None:
    kind = file_kind(name, first)
    assert kind.syntax is not None and kind.syntax.name == expected


@pytest.mark.parametrize("name", ["README", "notes.txt", "a.rst", "a.csv", "x.unknown"])
def test_prose_files(name: str) -> None:
    assert file_kind(name).name == "prose"


# --- check --fix never renames --------------------------------------------------------

CYRILLIC_A = "\N{CYRILLIC SMALL LETTER A}"
ZWSP, ZWJ = "\N{ZERO WIDTH SPACE}", "\N{ZERO WIDTH JOINER}"


def test_homoglyph_identifier_and_literal_reported_without_fix() -> None:
    word = f"p{CYRILLIC_A}ypal"
    text = f'{word} = 1\nprint("{word}")\n# {word}\n'
    found = [(f.code, f.start, f.fix) for f in check(text, path="a.py")]
    assert found == [
        ("MS302", 1, None),  # identifier: a fix would rename it
        ("MS302", text.index('"') + 2, None),  # literal: a fix would change its value
        ("MS302", text.index("#") + 3, "a"),  # comment: fixed
    ]
    assert fix(text, path="a.py") == f'{word} = 1\nprint("{word}")\n# paypal\n'
    # In prose every one of them is fixed.
    assert fix(text) == 'paypal = 1\nprint("paypal")\n# paypal\n'


def test_invisible_in_identifier_or_raw_string_has_no_fix() -> None:
    text = f'x = r"a{ZWSP}b"\ny = a{ZWSP}b\nz = "a{ZWSP}b"\n'
    fixes = [f.fix for f in check(text, path="a.py")]
    assert fixes == [None, None, "\\u200b"]


def test_joiner_inside_a_javascript_identifier_is_kept() -> None:
    # ZWJ is an identifier part in JavaScript: deleting it renames the variable.
    text = f"let a{ZWJ}b = 1; let c = 2 {ZWSP};\n"
    assert [(f.code, f.fix) for f in check(text, path="a.js")] == [
        ("MS208", None),
        ("MS201", ""),
    ]


def test_unknown_language_is_reported_but_not_fixed() -> None:
    text = f'main = putStrLn "{RLO}x"\n'
    found = check(text, path="Main.hs")
    assert [(f.code, f.fix) for f in found] == [("MS105", None)]


def test_normalize_and_check_agree_on_a_control_in_a_literal(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # normalize leaves the literal; check reports it and escapes it; in either
    # order the file ends the same.
    text = f's = "x{RLO}y"\n'
    path = tmp_path / "a.py"
    path.write_text(text, encoding="utf-8")
    assert h.run(monkeypatch, "normalize", "--check", str(path)).code == 0
    assert h.run(monkeypatch, "check", "--fix", str(path)).code == 1
    assert path.read_text(encoding="utf-8") == 's = "x\\u202ey"\n'
    assert h.run(monkeypatch, "normalize", "--check", str(path)).code == 0


# --- Markdown and HTML ----------------------------------------------------------------

MARKDOWN = (
    f"# Title {FORM}\n\n"
    f"Prose {FORM} and `code {FORM}` and ``two `{FORM}` ticks``.\n\n"
    f"```python\nx = '{FORM}'\n```\n\n"
    f"    indented {FORM}\n\n"
    f"~~~~\n{FORM}\n~~~\nstill code {FORM}\n~~~~\n"
    f"after {FORM}\n"
)


def test_markdown_code_untouched_prose_cleaned(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = tmp_path / "doc.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    assert h.run(monkeypatch, "normalize", "--in-place", str(path)).code == 1
    expected = (
        f"# Title {LETTER}\n\n"
        f"Prose {LETTER} and `code {FORM}` and ``two `{FORM}` ticks``.\n\n"
        f"```python\nx = '{FORM}'\n```\n\n"
        f"    indented {FORM}\n\n"
        f"~~~~\n{FORM}\n~~~\nstill code {FORM}\n~~~~\n"
        f"after {LETTER}\n"
    )
    assert path.read_text(encoding="utf-8") == expected
    assert h.run(monkeypatch, "normalize", "--check", str(path)).code == 0


def test_html_code_untouched_text_cleaned() -> None:
    html = (
        f"<p title=\"{FORM}\" onclick=\"f('{FORM}')\" data-x='{FORM}'>{FORM}</p><!-- {FORM} -->\n"
        f"<pre alt='{FORM}'>{FORM}</pre><code>{FORM}</code>\n"
        f"<script>var s = '{FORM}';</script><STYLE>p::after {{ content: '{FORM}' }}</STYLE>\n"
    )
    expected = (
        f"<p title=\"{LETTER}\" onclick=\"f('{FORM}')\" data-x='{FORM}'>{LETTER}</p>"
        f"<!-- {LETTER} -->\n"
        f"<pre alt='{LETTER}'>{FORM}</pre><code>{FORM}</code>\n"
        f"<script>var s = '{FORM}';</script><STYLE>p::after {{ content: '{FORM}' }}</STYLE>\n"
    )
    assert normalize_kind(html, "html") == expected


def test_explain_offsets_index_the_whole_file() -> None:
    text = f's = "{FORM}"\n# {FORM}\n'
    out, changes = explain_kind(text, "python")
    assert [(c.start, c.end, c.replacement) for c in changes] == [
        (text.rindex(FORM), text.rindex(FORM) + 1, LETTER)
    ]
    assert out == f's = "{FORM}"\n# {LETTER}\n'


def test_json_and_unknown_languages_are_left_alone() -> None:
    text = f'{{"a": "{FORM}"}}\n'
    assert normalize_kind(text, "json") == text
    assert normalize_kind(f"-- {FORM}\n", "haskell") == f"-- {FORM}\n"


def test_shell_hash_inside_a_word_is_not_a_comment() -> None:
    text = f'echo ${{#list[@]}} "{FORM}" # {FORM}\n'
    spans = editable_spans(text, kind_for_tag("shell"))
    assert [text[a:b] for a, b in spans] == [f" {FORM}"]


_CODE_PIECES = ["x", " ", "\n", '"', "'", "#", "\\", "/", "*", "`"]
_MARKUP_PIECES = ["```", "    ", "<p title='", "'>", "<pre>", "</pre>", "<!--", "-->", "<", ">"]
_TEXT_PIECES = [FORM, RLO, "e\u0301", "\u2126", "\ufb01"]
_PIECES = st.sampled_from(_CODE_PIECES + _MARKUP_PIECES + _TEXT_PIECES)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PIECES, max_size=30).map("".join),
    st.sampled_from(["python", "c", "markdown", "html", "shell"]),
)
def test_kind_normalization_keeps_the_frame_and_is_idempotent(text: str, tag: str) -> None:
    kind = kind_for_tag(tag)
    once = normalize_kind(text, kind)
    assert normalize_kind(once, kind) == once
    # Everything outside the editable spans is as it was.
    spans = editable_spans(text, kind)
    again = editable_spans(once, kind)
    assert _outside(text, spans) == _outside(once, again)


def _outside(text: str, spans: list[tuple[int, int]]) -> list[str]:
    ends = [0] + [b for _, b in spans]
    starts = [a for a, _ in spans] + [len(text)]
    return [text[b:a] for b, a in zip(ends, starts, strict=True)]


# --- notebooks ------------------------------------------------------------------------


def _notebook(ascii_only: bool) -> str:
    cells = [
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": [f'x = "{STRETCHED}"\n', f"# {RLO} note\n"],
        },
        {"cell_type": "markdown", "metadata": {}, "source": f"Pay p{CYRILLIC_A}ypal"},
    ]
    notebook = {
        "cells": cells,
        "metadata": {"kernelspec": {"language": "python", "name": "python3"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    return json.dumps(notebook, ensure_ascii=ascii_only, indent=1) + "\n"


@pytest.mark.parametrize("ascii_only", [False, True])
def test_notebook_cells_checked_as_their_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, ascii_only: bool
) -> None:
    path = tmp_path / "analysis.ipynb"
    text = _notebook(ascii_only)
    path.write_text(text, encoding="utf-8")
    found = check(text, path=str(path))
    # Positions index the file: the raw control, or its JSON escape.
    raw = [text[f.start : f.end] for f in found]
    if ascii_only:
        assert raw == ["\\u2066", "\\u2069", "\\u202e", "\\u0430"]
    else:
        assert raw == [LRI, PDI, RLO, CYRILLIC_A]
    assert [f.code for f in found] == ["MS104", "MS104", "MS103", "MS302"]
    before: dict[str, object] = {}
    exec(json.loads(text)["cells"][0]["source"][0], before)
    assert h.run(monkeypatch, "check", "--fix", str(path)).code == 1
    fixed = json.loads(path.read_text(encoding="utf-8"))
    code = fixed["cells"][0]["source"]
    # The control in the literal became a Python escape in the cell (the value
    # is the same), the one in the comment is gone, the prose word is fixed.
    assert code == ['x = "user\\u2066 admin\\u2069"\n', "#  note\n"]
    after: dict[str, object] = {}
    exec(code[0], after)
    assert after["x"] == before["x"] == STRETCHED
    assert fixed["cells"][1]["source"] == "Pay paypal"


def test_not_a_notebook_falls_back_to_json_rules() -> None:
    text = f'{{"a": "{STRETCHED}"}}'
    assert [f.code for f in check(text, path="broken.ipynb")] == ["MS104", "MS104"]


_PY_PIECES = st.sampled_from(
    ["a", "b", "1", " ", "_", CYRILLIC_A, ZWSP, ZWJ, RLO, LRI, PDI, "\u200c", "\ufeff", "\x01"]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(_PY_PIECES, min_size=1, max_size=8).map("".join),
    st.lists(_PY_PIECES, max_size=8).map("".join),
    st.lists(_PY_PIECES, max_size=8).map("".join),
)
def test_fixed_python_program_binds_the_same_names_to_the_same_values(
    name: str, value: str, comment: str
) -> None:
    # A program that Python accepts means the same after check's fixes.
    program = f'{name} = "{value}"  # {comment}\nraw = r"{value}"\n'
    try:
        code = compile(program, "a.py", "exec")
    except (SyntaxError, ValueError):
        return
    before: dict[str, object] = {}
    exec(code, before)
    fixed = fix(program, path="a.py")
    after: dict[str, object] = {}
    exec(compile(fixed, "a.py", "exec"), after)
    before.pop("__builtins__")
    after.pop("__builtins__")
    assert after == before


_TEXT = st.sampled_from(["a", " ", "e\u0301", FORM, "\u2126", "\uf900", "\ufb01", "\ufdfd", RLO])


@settings(max_examples=200, deadline=None)
@given(st.lists(_TEXT, max_size=8).map("".join), st.sampled_from(["safe", "clean", "search"]))
def test_normalized_python_program_binds_the_same_values(value: str, profile: str) -> None:
    program = f'x = "{value}"  # {value}\ny = """{value}\n{value}"""\n'
    before: dict[str, object] = {}
    exec(compile(program, "a.py", "exec"), before)
    out = normalize_kind(program, "python", profile)
    after: dict[str, object] = {}
    exec(compile(out, "a.py", "exec"), after)
    assert (after["x"], after["y"]) == (before["x"], before["y"])


def test_notebook_outputs_get_the_json_rules() -> None:
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "execution_count": 1,
                "outputs": [{"output_type": "stream", "name": "stdout", "text": [f"a{RLO}b\n"]}],
                "source": ["print(1)\n"],
            }
        ],
        "metadata": {},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    text = json.dumps(notebook, ensure_ascii=False)
    found = check(text, path="n.ipynb")
    assert [(f.code, text[f.start : f.end], f.fix) for f in found] == [("MS104", RLO, "\\u202e")]


def test_cpp_raw_string_with_slashes_is_not_a_comment() -> None:
    text = f'auto s = R"x(a " // {FORM})x"; // {FORM}\n'
    assert normalize_kind(text, "c++") == f'auto s = R"x(a " // {FORM})x"; // {LETTER}\n'


def test_javascript_regex_literal_is_not_a_comment_or_string() -> None:
    text = f'const re = /\\/\\//g; const t = 2 / 4; // {FORM}\nconst q = /"/; // {FORM}\n'
    spans = editable_spans(text, kind_for_tag("javascript"))
    assert [text[a:b] for a, b in spans] == [f" {FORM}", f" {FORM}"]
