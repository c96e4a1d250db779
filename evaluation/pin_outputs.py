"""Record what every public function and command returns, to compare two versions.

A refactor or a port (to new modules, to the compiled core) must not change
behaviour unless the change is a fix that can be named. This script runs the
public API and the ``mixscript`` command on fixed inputs and writes one JSON
file: for each function, one digest per input, so that a difference points at
the inputs that changed rather than at "something, somewhere".

Inputs: the benchmark corpus (``benchmarks/corpus.py``, fixed seed), the files
in ``examples/``, and, with ``--data``, the lingua test sentences and word
pairs (the same text in visual order too). Only the public names of
``mixscript`` are called, so the script runs unchanged on any layout.

    python evaluation/pin_outputs.py --out before.json [--data DIR]
    python evaluation/pin_outputs.py --out after.json  [--data DIR]
    python evaluation/pin_outputs.py --compare before.json after.json
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import mixscript

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import paragraphs  # noqa: E402


def _digest(value: Any) -> str:
    return hashlib.sha256(repr(value).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _inputs(data: Path | None, corpus_lines: int) -> list[str]:
    texts: list[str] = []
    it = paragraphs(seed=3)
    texts.extend(next(it) for _ in range(corpus_lines))
    texts.extend(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt")))
    if data is not None:
        for kind in ("sentences", "word-pairs"):
            for lang in ("ar", "fa", "ur", "en", "fr", "de"):
                path = data / f"{kind}-{lang}.txt"
                if path.exists():
                    lines = path.read_text(encoding="utf-8").splitlines()[:60]
                    texts.extend(lines)
                    # The same lines as a PDF extractor gives them in visual order.
                    texts.extend(mixscript.to_visual(line) for line in lines[:20])
    return texts


def _explain(text: str, profile: str) -> Any:
    result = mixscript.explain(text, profile)
    spans = [
        result.source_span(i, min(i + 7, len(result.text))) for i in range(0, len(result.text), 13)
    ]
    return (result.text, list(result.changes), spans)


def _functions() -> dict[str, Callable[[str], Any]]:
    fns: dict[str, Callable[[str], Any]] = {}
    for profile in sorted(mixscript.PROFILES):
        fns[f"normalize[{profile}]"] = lambda t, p=profile: mixscript.normalize(t, p)
        fns[f"explain[{profile}]"] = lambda t, p=profile: _explain(t, p)
    fns["segment"] = lambda t: list(mixscript.segment(t))
    fns["segment[fa,en]"] = lambda t: list(mixscript.segment(t, languages=["fa", "en"]))
    fns["to_visual"] = lambda t: mixscript.to_visual(t)
    fns["to_visual[w40]"] = lambda t: mixscript.to_visual(t, width=40)
    fns["to_logical"] = lambda t: mixscript.to_logical(t)
    fns["detect_visual"] = lambda t: list(mixscript.detect_visual(t))
    fns["repair_edits"] = lambda t: list(mixscript.repair_edits(t))
    fns["check"] = lambda t: list(mixscript.check(t))
    return fns


def _cli(args: Iterable[str], stdin: str) -> str:
    proc = subprocess.run(
        [sys.executable, "-m", "mixscript", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        check=False,
    )
    return f"{proc.returncode}:{_digest(proc.stdout)}"


def record(data: Path | None, corpus_lines: int) -> dict[str, list[str]]:
    texts = _inputs(data, corpus_lines)
    out: dict[str, list[str]] = {"inputs": [_digest(t) for t in texts]}
    for name, fn in _functions().items():
        digests = []
        for text in texts:
            try:
                digests.append(_digest(fn(text)))
            except Exception as exc:  # a raised error is an output too
                digests.append(f"raised {type(exc).__name__}")
        out[name] = digests
    blob = "\n".join(texts[:200])
    for command in (
        ["normalize", "-"],
        ["normalize", "--profile", "clean", "-"],
        ["normalize", "--profile", "search", "-"],
        ["segment", "-"],
        ["segment", "--format", "tsv", "-"],
        ["display", "-"],
        ["repair", "-"],
        ["check", "-"],
    ):
        out["cli " + " ".join(command)] = [_cli(command, blob)]
    for example in sorted((ROOT / "examples").glob("*.txt")):
        text = example.read_text(encoding="utf-8")
        for command in (["normalize", "--diff"], ["check"], ["repair"], ["segment"]):
            out[f"cli {' '.join(command)} {example.name}"] = [_cli([*command, "-"], text)]
    return out


def compare(before: dict[str, list[str]], after: dict[str, list[str]]) -> int:
    if before["inputs"] != after["inputs"]:
        print("the inputs differ: record both with the same arguments")
        return 2
    differences = 0
    for name in sorted(set(before) | set(after)):
        a, b = before.get(name), after.get(name)
        if a is None or b is None:
            print(f"{name}: only in {'after' if a is None else 'before'}")
            differences += 1
            continue
        changed = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if changed:
            differences += 1
            print(f"{name}: {len(changed)} of {len(a)} inputs differ, first {changed[:10]}")
    print(f"{differences} functions or commands differ" if differences else "byte-identical")
    return 1 if differences else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, help="where to write the record")
    ap.add_argument("--data", type=Path, help="lingua test data directory")
    ap.add_argument("--corpus-lines", type=int, default=400)
    ap.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    args = ap.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text(encoding="utf-8")) for p in args.compare)
        return compare(before, after)
    if args.out is None:
        ap.error("--out or --compare is required")
    args.out.write_text(
        json.dumps(record(args.data, args.corpus_lines), indent=0), encoding="utf-8"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
