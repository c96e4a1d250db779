"""The package's layers: imports only go downward, and no two modules import each other.

Why: the layer order is the architecture (per-character Unicode data at the
bottom, the command line at the top).  A lazy import inside a function is an
import all the same, so every ``import``/``from ... import`` anywhere in a
module counts.  The order, bottom first::

    model, unicode  ->  text  ->  bidi  ->  lang  ->  normalization
    ->  segments  ->  checks, pdf  ->  cli  ->  spark, __init__, __main__

A module may import modules of its own layer or any layer below it; the
graph of modules must have no cycle.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "mixscript"

#: Layer of each first component under ``mixscript`` (a subpackage or a top-level module).
LAYERS: dict[str, int] = {
    # The compiled core (rust/, typed by _core.pyi) imports nothing from the package.
    "_core": 0,
    "model": 0,
    "unicode": 0,
    "text": 1,
    "bidi": 2,
    "lang": 3,
    "normalization": 4,
    "segments": 5,
    "checks": 6,
    "pdf": 6,
    "cli": 7,
    "spark": 8,
    "__init__": 8,
    "__main__": 8,
}


def module_name(path: Path, root: Path = SRC) -> str:
    """Dotted name of a source file: ``bidi/engine.py`` -> ``mixscript.bidi.engine``."""
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__" and len(parts) > 1:
        parts.pop()
    return ".".join(parts)


def imports_of(tree: ast.AST, name: str, is_package: bool) -> set[str]:
    """Every ``mixscript`` module ``tree`` imports, at any depth (lazy imports included).

    ``from mixscript.x import y`` counts as importing ``mixscript.x.y`` when
    ``y`` is itself a module, else ``mixscript.x``; relative imports are
    resolved against ``name``.
    """
    found: set[str] = set()
    package = name if is_package else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.split(".")[0] == "mixscript")
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            else:
                target = node.module or ""
            if target.split(".")[0] != "mixscript":
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                found.add(sub if _is_module(sub) else target)
    found.discard(name)
    return found


def _is_module(dotted: str) -> bool:
    rel = Path(*dotted.split(".")[1:])
    # A compiled module has only its stub (.pyi) in the source tree.
    return (
        any((SRC / rel).with_suffix(s).is_file() for s in (".py", ".pyi"))
        or (SRC / rel / "__init__.py").is_file()
    )


def layer_of(dotted: str) -> int:
    """Layer of a module: that of its first component under ``mixscript``."""
    parts = dotted.split(".")
    return LAYERS[parts[1] if len(parts) > 1 else "__init__"]


def import_graph(root: Path = SRC) -> dict[str, set[str]]:
    """Module -> the ``mixscript`` modules it imports, for every module under ``root``."""
    graph: dict[str, set[str]] = {}
    for path in sorted(root.rglob("*.py")):
        name = module_name(path, root)
        tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
        graph[name] = imports_of(tree, name, path.name == "__init__.py")
    return graph


def upward_imports(graph: dict[str, set[str]]) -> list[tuple[str, str]]:
    """The (importer, imported) pairs where a lower layer imports a higher one."""
    return sorted(
        (mod, dep) for mod, deps in graph.items() for dep in deps if layer_of(dep) > layer_of(mod)
    )


def find_cycle(graph: dict[str, set[str]]) -> list[str]:
    """One import cycle as a list of modules (first repeated at the end), or ``[]``."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(mod: str) -> list[str]:
        state[mod] = 1
        stack.append(mod)
        for dep in sorted(graph.get(mod, ())):
            if state.get(dep) == 1:
                return [*stack[stack.index(dep) :], dep]
            if dep not in state and (cycle := visit(dep)):
                return cycle
        stack.pop()
        state[mod] = 2
        return []

    for mod in sorted(graph):
        if mod not in state and (cycle := visit(mod)):
            return cycle
    return []


# A package's __init__ re-exports its modules, so ``mixscript.bidi`` -> ``mixscript.bidi.engine``
# is an edge like any other; the cycle check runs on modules, the __init__s included.
GRAPH = import_graph()


def test_every_module_has_a_layer() -> None:
    unknown = {m for m in GRAPH if m != "mixscript" and m.split(".")[1] not in LAYERS}
    assert not unknown, f"modules outside the layer list: {sorted(unknown)}"


def test_imports_only_go_downward() -> None:
    bad = upward_imports(GRAPH)
    assert not bad, "upward imports:\n" + "\n".join(f"{a} -> {b}" for a, b in bad)


def test_no_import_cycle() -> None:
    cycle = find_cycle(GRAPH)
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_lazy_imports_count(tmp_path: Path) -> None:
    """A lazy upward import inside a function, and a two-module cycle, are both caught."""
    pkg = tmp_path / "mixscript"
    (pkg / "unicode").mkdir(parents=True)
    (pkg / "cli").mkdir()
    for init in (pkg / "__init__.py", pkg / "unicode" / "__init__.py", pkg / "cli" / "__init__.py"):
        init.write_text("")
    (pkg / "unicode" / "a.py").write_text("def f():\n    from mixscript.cli import b\n")
    (pkg / "cli" / "b.py").write_text("from mixscript.unicode import a\n")
    graph: dict[str, set[str]] = {}
    for path in sorted(pkg.rglob("*.py")):
        name = module_name(path, pkg)
        tree = ast.parse(path.read_text())
        # Resolve submodules against the temporary tree, not the real one.
        found = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    rel = Path(*sub.split(".")[1:])
                    found.add(sub if (pkg / rel).with_suffix(".py").is_file() else node.module)
        graph[name] = found - {name}
    assert upward_imports(graph) == [("mixscript.unicode.a", "mixscript.cli.b")]
    assert find_cycle(graph) == [
        "mixscript.cli.b",
        "mixscript.unicode.a",
        "mixscript.cli.b",
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import mixscript.bidi.engine", {"mixscript.bidi.engine"}),
        ("from mixscript.bidi import engine", {"mixscript.bidi.engine"}),
        ("from mixscript.bidi.engine import to_levels", {"mixscript.bidi.engine"}),
        ("def f():\n    from . import repair", {"mixscript.bidi.repair"}),
        ("def f():\n    from ..text.edits import Edit", {"mixscript.text.edits"}),
        ("import regex", set()),
    ],
)
def test_imports_of(source: str, expected: set[str]) -> None:
    assert imports_of(ast.parse(source), "mixscript.bidi.display", False) == expected
