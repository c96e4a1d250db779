"""Programs behave the same after ``normalize --in-place`` and ``check --fix``: real toolchains.

Each program holds, raw in its string literals, text that a prose profile
would change: a decomposed ``e`` + U+0301 (NFC composes it), Arabic
presentation forms (unshaped to letters), the ligatures U+FB01 and U+FDFD,
U+2126 OHM SIGN and U+F900 (NFC maps both to other code points), and a raw
U+202E, which ``check`` reports and fixes with an escape.  The program
prints the code points (or UTF-8 bytes) of its strings; it is run with
python3, node or gcc before and after both commands, and the output must be
the same.  A comment holding a presentation form must still be cleaned, so
the test also shows the commands did their work where they may.

The Trojan Source samples of ``tests/data/trojan`` get a small driver that
calls their functions and are run the same way.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests import _cli_helpers as h

DATA = Path(__file__).parent / "data" / "trojan"
FORM = "\N{ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED FORM}"
RLO = "\N{RIGHT-TO-LEFT OVERRIDE}"
# The literal values, as raw characters (never escapes) in the program text.
VALUES = [
    "cafe\N{COMBINING ACUTE ACCENT}",
    FORM + "\N{ARABIC LETTER BEH INITIAL FORM}\N{ARABIC LETTER MEEM FINAL FORM}",
    "\N{LATIN SMALL LIGATURE FI}le \N{ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM}",
    "\N{OHM SIGN} \N{CJK COMPATIBILITY IDEOGRAPH-F900}",
    f"user{RLO} admin",
]
COMMENT = f"note {FORM}"
LETTERS = "\N{ARABIC LETTER LAM}\N{ARABIC LETTER ALEF WITH HAMZA ABOVE}"


def _python() -> str:
    items = ", ".join(f'"{v}"' for v in VALUES)
    return (
        f"# {COMMENT}\n"
        f"VALUES = [{items}]\n"
        "for s in VALUES:\n"
        "    print(len(s), ' '.join(f'{ord(c):04X}' for c in s))\n"
    )


def _javascript() -> str:
    items = ", ".join(f'"{v}"' for v in VALUES)
    return (
        f"// {COMMENT}\n"
        f"const VALUES = [{items}];\n"
        "for (const s of VALUES) {\n"
        "  console.log(s.length, [...s].map((c) => c.codePointAt(0).toString(16)).join(' '));\n"
        "}\n"
    )


def _c() -> str:
    items = ", ".join(f'"{v}"' for v in VALUES)
    return (
        "#include <stdio.h>\n"
        f"/* {COMMENT} */\n"
        f"static const char *VALUES[] = {{{items}}};\n"
        "int main(void) {\n"
        "    for (unsigned i = 0; i < sizeof VALUES / sizeof *VALUES; i++) {\n"
        "        for (const unsigned char *p = (const unsigned char *)VALUES[i]; *p; p++)\n"
        '            printf("%02x", *p);\n'
        '        printf("\\n");\n'
        "    }\n"
        "    return 0;\n"
        "}\n"
    )


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        pytest.skip(f"{tool} not installed")
    return found


def _run_program(path: Path) -> str:
    if path.suffix == ".py":
        cmd = [sys.executable, str(path)]
    elif path.suffix == ".js":
        cmd = [_need("node"), str(path)]
    else:
        exe = path.with_suffix(".out")
        subprocess.run(
            [_need("gcc"), "-std=c11", "-w", "-o", str(exe), str(path)],
            check=True,
            capture_output=True,
        )
        cmd = [str(exe)]
    proc = subprocess.run(cmd, check=True, capture_output=True)
    assert proc.stdout, "the program printed nothing"
    return proc.stdout.decode("utf-8")


def _same_after_both_commands(monkeypatch: pytest.MonkeyPatch, path: Path) -> tuple[str, str]:
    """Run, normalize --in-place, run, check --fix, run; return the texts after each command."""
    before = _run_program(path)
    r = h.run(monkeypatch, "normalize", "--in-place", str(path))
    assert r.code in (0, 1), r.err
    normalized = path.read_text(encoding="utf-8")
    assert _run_program(path) == before
    r = h.run(monkeypatch, "check", "--fix", str(path))
    assert r.code in (0, 1), r.err
    fixed = path.read_text(encoding="utf-8")
    assert _run_program(path) == before
    # And in the other order, from the fixed text: nothing left to change.
    assert h.run(monkeypatch, "normalize", "--check", str(path)).code == 0
    return normalized, fixed


@pytest.mark.parametrize(
    ("name", "source"), [("prog.py", _python), ("prog.js", _javascript), ("prog.c", _c)]
)
def test_literals_survive_and_comments_are_cleaned(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, name: str, source: object
) -> None:
    assert callable(source)
    text = source()
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    normalized, fixed = _same_after_both_commands(monkeypatch, path)
    # Every literal is still there byte for byte after normalize ...
    for value in VALUES:
        assert value in normalized
    # ... while the comment's presentation form became its letters.
    assert f"note {LETTERS}" in normalized and COMMENT not in normalized
    # check --fix wrote the raw U+202E as an escape (the program printed the same).
    assert RLO not in fixed
    assert "user\\u202" in fixed.lower()


# The stretched strings' values, written with escapes in the drivers: the
# comparison must still match them exactly after both commands.
_STRETCHED = "user\\u202e \\u2066{} Check if admin\\u2069 \\u2066"
_PY_STRETCHED = _STRETCHED.format("#")
_C_STRETCHED = _STRETCHED.format("//")

TROJAN_DRIVERS = {
    "stretched_string": {
        ".py": f'print(may_delete("user"), may_delete("{_PY_STRETCHED}"))\n',
        ".js": f'console.log(mayDelete("user"), mayDelete("{_C_STRETCHED}"));\n',
        ".c": (
            "int main(void) {"
            f' printf("%d %d\\n", may_delete("user"), may_delete("{_C_STRETCHED}")); }}\n'
        ),
    },
    "early_return": {
        ".py": 'print(withdraw("alice", 10), BALANCES["alice"], ascii(withdraw.__doc__))\n',
        ".js": 'console.log(withdraw("alice", 10), balances.alice);\n',
        ".c": 'int main(void) { printf("%d ", withdraw(10)); printf("%d\\n", balance); }\n',
    },
    "commented_out": {
        ".py": "print(delete_everything(False), delete_everything(True))\n",
        ".js": "console.log(deleteEverything(false), deleteEverything(true));\n",
        ".c": 'int main(void) { printf("%d %d\\n", delete_everything(0), delete_everything(1)); }\n',
    },
}
C_HEADER = "#include <stdbool.h>\n#include <stdio.h>\n#include <string.h>\n"


@pytest.mark.parametrize("sample", sorted(TROJAN_DRIVERS))
@pytest.mark.parametrize("suffix", [".py", ".js", ".c"])
def test_trojan_source_samples_behave_the_same(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, sample: str, suffix: str
) -> None:
    text = (DATA / f"{sample}{suffix}").read_text(encoding="utf-8")
    if suffix == ".c":
        text = C_HEADER + text
    path = tmp_path / f"{sample}{suffix}"
    path.write_text(text + "\n" + TROJAN_DRIVERS[sample][suffix], encoding="utf-8")
    _, fixed = _same_after_both_commands(monkeypatch, path)
    # check --fix left no bidi control raw: escaped in literals, deleted in comments.
    assert not any("\u202a" <= ch <= "\u202e" or "\u2066" <= ch <= "\u2069" for ch in fixed)
