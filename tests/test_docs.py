"""The README and the docs pages say what the code does: every example runs here.

- ``pycon`` blocks (``>>>`` lines and their output) run as doctests, one
  namespace per page, so a later block may use what an earlier one defined;
- ``console`` blocks (``$ mixscript ...`` and its standard output) run the
  command from the repository root and compare its output exactly;
- ``python`` blocks (examples that need a cluster, such as Spark) are compiled
  and every name they import must exist;
- ``toml`` and ``yaml`` blocks must parse, and the tables that mirror the code
  (steps, check codes, options) must match it.

The two install-and-run commands of the README are checked against
``.ci/run``, which runs the test command verbatim.
"""

from __future__ import annotations

import ast
import doctest
import importlib
import re
import shlex
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from mixscript.checks.codes import CODES
from mixscript.cli.main import build_parser
from mixscript.normalization.profiles import steps_table

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = ROOT / "docs"
PAGES = [README, *sorted(DOCS.glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```\s*$", re.M | re.S)

INSTALL_AND_RUN = "pip install -e . && mixscript normalize --diff examples/"
TEST_COMMAND = "python -m pip install -q -e '.[all,test]' && python -m pytest -q"


def _blocks(page: Path, language: str) -> list[str]:
    return [
        m.group(2)
        for m in FENCE.finditer(page.read_text(encoding="utf-8"))
        if m.group(1) == language
    ]


def _section(text: str, name: str) -> str:
    """The text between ``<!-- section: name -->`` and the next section marker or the end."""
    start = text.index(f"<!-- section: {name} -->")
    end = text.find("<!-- section:", start + 1)
    return text[start : end if end != -1 else len(text)]


def _ids(pages: list[Path]) -> list[str]:
    return [p.relative_to(ROOT).as_posix() for p in pages]


# --- examples -----------------------------------------------------------------------


PYCON_PAGES = [p for p in PAGES if _blocks(p, "pycon")]


@pytest.mark.parametrize("page", PYCON_PAGES, ids=_ids(PYCON_PAGES))
def test_python_examples_print_what_the_page_says(page: Path) -> None:
    # The segment examples name Latin runs, which needs lingua (mixscript[lang]).
    pytest.importorskip("lingua")
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    namespace: dict[str, object] = {}
    text = page.read_text(encoding="utf-8")
    for match in FENCE.finditer(text):
        if match.group(1) != "pycon":
            continue
        line = text.count("\n", 0, match.start(2))
        test = parser.get_doctest(match.group(2), namespace, page.name, str(page), line)
        runner.run(test, out=sys.stdout.write, clear_globs=False)
        namespace.update(test.globs)  # DocTest runs in a copy of the namespace
    result = runner.summarize(verbose=False)
    assert result.attempted > 0
    assert result.failed == 0, f"{result.failed} example(s) in {page.name} print something else"


CONSOLE_EXAMPLES = [
    (page, command, expected)
    for page in PAGES
    for block in _blocks(page, "console")
    for command, expected in re.findall(r"^\$ (.*)\n((?:(?!\$ ).*\n)*)", block, flags=re.M)
]


@pytest.mark.parametrize(
    ("page", "command", "expected"),
    [
        # `segment` loads lingua's models in the child process: seconds, not milliseconds.
        pytest.param(*example, marks=pytest.mark.slow) if " segment " in example[1] else example
        for example in CONSOLE_EXAMPLES
    ],
    ids=[f"{p.relative_to(ROOT).as_posix()}: {c}" for p, c, _ in CONSOLE_EXAMPLES],
)
def test_command_examples_print_what_the_page_says(page: Path, command: str, expected: str) -> None:
    pytest.importorskip("lingua")
    argv = shlex.split(command)
    assert argv[0] == "mixscript", "console examples run the mixscript command only"
    done = subprocess.run(
        [sys.executable, "-m", "mixscript", *argv[1:]],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout == expected


def test_there_are_command_examples() -> None:
    assert len(CONSOLE_EXAMPLES) >= 5


PYTHON_PAGES = [p for p in PAGES if _blocks(p, "python")]


@pytest.mark.parametrize("page", PYTHON_PAGES, ids=_ids(PYTHON_PAGES))
def test_python_blocks_compile_and_import_real_names(page: Path) -> None:
    for block in _blocks(page, "python"):
        tree = ast.parse(block)
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                module = importlib.import_module(node.module)
                for alias in node.names:
                    assert hasattr(module, alias.name), f"{node.module}.{alias.name}"


def test_config_examples_parse_and_name_real_settings() -> None:
    examples = [b for page in PAGES for b in _blocks(page, "toml")]
    assert examples
    for block in examples:
        table = tomllib.loads(block)["tool"]["mixscript"]
        from mixscript.cli.config import _KEYS

        assert set(table) <= _KEYS


# --- the two commands ---------------------------------------------------------------


def test_readme_gives_the_two_commands_and_ci_runs_the_test_command() -> None:
    readme = README.read_text(encoding="utf-8")
    assert INSTALL_AND_RUN in readme
    assert TEST_COMMAND in readme
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in ci.splitlines(), ".ci/run must run the README's test command verbatim"
    assert "mkdocs build --strict" in ci


def test_main_command_of_the_readme_shows_a_diff_of_the_samples() -> None:
    """The command after ``pip install -e .`` in the README, on the shipped samples."""
    command = INSTALL_AND_RUN.split(" && ", 1)[1]
    argv = shlex.split(command)
    done = subprocess.run(
        [sys.executable, "-m", "mixscript", *argv[1:]],
        cwd=ROOT,
        capture_output=True,
        encoding="utf-8",
        check=False,
    )
    assert done.returncode == 1  # something would change, as the README says
    # The PDF extract's visual-order line comes back logical (checked by hand:
    # the reversed presentation forms read "the annual report of the committee").
    assert "+تقرير اللجنة السنوي\n" in done.stdout
    # The stray RIGHT-TO-LEFT OVERRIDE of the statement is removed.
    assert "+Reference number: Q3-2024-117 (see annex 2).\n" in done.stdout


# --- tables and lists that mirror the code ------------------------------------------


def test_steps_table_matches_code() -> None:
    page = (DOCS / "normalization.md").read_text(encoding="utf-8")
    assert steps_table() in page, (
        "docs/normalization.md's table of steps is out of date: paste "
        "mixscript.normalization.profiles.steps_table()"
    )


def test_checks_page_lists_every_code() -> None:
    page = (DOCS / "checks.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `(MS\d{3})` \|", _section(page, "check"), flags=re.M)
    assert documented == list(CODES)
    assert "mixscript: ignore" in page


@pytest.mark.parametrize("page", [README, DOCS / "cli.md"], ids=["README.md", "docs/cli.md"])
def test_synopsis_documents_every_command_and_option(page: Path) -> None:
    """Fails when the parser gains an option that the synopsis does not show."""
    text = page.read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    assert isinstance(sub.choices, dict)
    for name, subparser in sub.choices.items():
        assert f"mixscript {name}" in text
        for action in subparser._actions:
            for option in action.option_strings:
                if option.startswith("--") and option != "--help":
                    assert option in text, f"{name} {option} missing from {page.name}"


def test_pre_commit_snippets_use_the_shipped_hooks_and_no_made_up_rev() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    shipped = set(re.findall(r"^- id: (\S+)", hooks, flags=re.M))
    snippets = [b for page in PAGES for b in _blocks(page, "yaml")]
    assert snippets
    for block in snippets:
        used = set(re.findall(r"- id: (\S+)", block))
        assert used == shipped
        # A top-level exclude applies to every hook; a tag that does not exist would
        # make pre-commit fail, so the snippet names a branch and says to autoupdate.
        assert re.search(r"^exclude: ", block, flags=re.M)
        assert re.search(r"^\s+rev: main\b", block, flags=re.M)


# --- what the pages must not hold ---------------------------------------------------


@pytest.mark.parametrize(
    "page", [*PAGES, ROOT / "CHANGELOG.md"], ids=_ids([*PAGES, ROOT / "CHANGELOG.md"])
)
def test_pages_hold_no_commit_hashes_or_issue_numbers(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    hashes = [
        word
        for word in re.findall(r"\b[0-9a-f]{7,40}\b", text)
        if re.search(r"[0-9]", word) and re.search(r"[a-f]", word)
    ]
    assert not hashes
    assert not re.findall(r"\b(?:issue|pull request) #?\d+", text, flags=re.I)
    # "#39" alone is an issue reference; "UTS #39" and "UAX #9" are Unicode's documents.
    assert not re.findall(r"(?<!UTS )(?<!UAX )(?<![\w&])#\d+\b", text)


def test_readme_is_short() -> None:
    assert len(README.read_bytes()) <= 12_000


def test_links_in_the_readme_point_at_files() -> None:
    text = README.read_text(encoding="utf-8")
    for target in re.findall(r"\]\(([^)#]+)\)", text):
        if "://" not in target:
            assert (ROOT / target).exists(), target
