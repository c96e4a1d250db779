"""Where a profile's time goes: microseconds per line in each step, and outside the steps.

cProfile inflates code that makes many small calls, which is most of a
step, so this times each step function with ``time.perf_counter_ns``
instead: every registered step is wrapped, the profile runs once per line of
the corpus (one call per line, as in ``run.py``) after an untimed pass over
other lines (lingua loads its models on first use, which would land in one
step; the same lines again would find the word caches warm), and the
table gives the mean wall time per line of each step and of everything else
(validation, trigger scans, applying edits).  ``normalize`` runs each stretch
of compiled steps as one chain in the core (``rust/core/src/pipeline.rs``):
their time is in the last row, the rows name the steps that run in Python.
Most texts take a single core call instead (``run_all``: the whole profile,
for a one-line text the ``visual_order`` judgement with it), which has no
steps to time: the table is of the step-by-step way, with that call
switched off, so its total is above what ``normalize`` costs.
Run it on a quiet machine and
compare rows within one run; the wrapper adds well under a microsecond per
step call.

    python benchmarks/step_costs.py --corpus corpus.txt --profile clean --lines 6000
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from corpus import generate

from mixscript import normalize
from mixscript.normalization import profiles, steps


def _wrap(name: str, func: steps.StepFunc, spent: Counter[str]) -> steps.StepFunc:
    def timed(text: str, option: Any, ctx: steps.Context) -> list[Any]:
        t0 = time.perf_counter_ns()
        out = func(text, option, ctx)
        spent[name] += time.perf_counter_ns() - t0
        return out

    return timed


def _forget_plans() -> None:
    """Drop the prepared plans, which hold the step functions they were built with."""
    profiles._plan.cache_clear()
    profiles._compiled_for.cache_clear()
    profiles._context.cache_clear()
    profiles._later.cache_clear()


def _step_by_step(profile: profiles.Profile) -> Any:
    """The profile's compiled plan, run step by step (not in one core call)."""
    return replace(profiles._compiled(profile), in_one_call=False)


def step_costs(
    warmup: list[str], lines: list[str], profile: str
) -> tuple[float, list[tuple[str, float]]]:
    """(microseconds per line in all, [(step, microseconds per line)] by cost)."""
    for line in warmup:
        normalize(line, profile)  # lazily built tables, lingua's models
    spent: Counter[str] = Counter()
    originals = dict(steps.STEPS)
    compiled_for = profiles._compiled_for
    try:
        for name, step in originals.items():
            steps.STEPS[name] = replace(step, func=_wrap(name, step.func, spent))
        _forget_plans()
        profiles._compiled_for = profiles._ByProfile(_step_by_step)
        t0 = time.perf_counter_ns()
        for line in lines:
            normalize(line, profile)
        total = time.perf_counter_ns() - t0
    finally:
        steps.STEPS.update(originals)
        profiles._compiled_for = compiled_for
        _forget_plans()
    per_line: Callable[[float], float] = lambda ns: ns / len(lines) / 1000  # noqa: E731
    rows = [(name, per_line(ns)) for name, ns in spent.most_common()]
    rows.append(("(compiled chains and the rest)", per_line(total - sum(spent.values()))))
    return per_line(total), rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, help="one paragraph per line (else 2 MB generated)")
    ap.add_argument("--profile", default="clean")
    ap.add_argument("--lines", type=int, default=6000, help="lines timed")
    ap.add_argument("--warmup", type=int, default=2000, help="other lines run first, untimed")
    args = ap.parse_args()
    wanted = args.warmup + args.lines
    if args.corpus:
        with args.corpus.open(encoding="utf-8") as f:
            every = [line.rstrip("\n") for _, line in zip(range(wanted), f, strict=False)]
    else:
        every = list(generate(wanted * 600 / 1e6))[:wanted]
    warmup, lines = every[: args.warmup], every[args.warmup :]
    total, rows = step_costs(warmup, lines, args.profile)
    print(f"profile {args.profile!r}, {len(lines)} lines, {total:.1f} µs per line in all\n")
    print("| step | µs per line | share |")
    print("|---|---:|---:|")
    for name, us in rows:
        print(f"| `{name}` | {us:.1f} | {us / total:.0%} |")


if __name__ == "__main__":
    main()
