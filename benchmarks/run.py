"""Throughput and peak memory of mixscript beside its peers, on one mixed corpus.

    python benchmarks/run.py                 # 100 MB corpus, every function
    python benchmarks/run.py --mb 20 --only clean,nfc,camel_normalize_unicode

Every timed pass runs in a fresh child process of its own:

1. the child reads the corpus (``benchmarks/corpus.py``, generated once and
   cached as a file) into a list of lines; one paragraph is one call, which
   is how a pipeline or a DataFrame column feeds text to a normaliser;
2. it builds the function (imports, detectors), runs it once over the first
   ``--probe-mb`` of the corpus (lazy loading) and times a second run over
   the same lines to estimate its speed;
3. it times one pass over the longest prefix of the corpus that fits in
   ``--budget`` CPU seconds (the whole corpus for every function fast enough;
   the prefix chosen in the first round is kept for the later ones);
4. peak memory is the child's peak resident set size during that pass (Linux
   ``VmHWM``, reset through ``/proc/self/clear_refs`` once the corpus is
   loaded; elsewhere ``resource.getrusage`` ``ru_maxrss``, which then also
   counts loading). ``+MB`` is that peak minus the resident size just before
   the pass: what the function needed on top of the loaded text.

``--repeat`` rounds (at least 3) run the functions one after another, so a
burst of load from elsewhere on the machine spreads over all of them; the
table shows medians. MB/s is computed from the child's CPU time, which other
processes on a shared machine do not inflate, and also from wall time. MB are
10**6 bytes of UTF-8 input. Ratios compare CPU MB/s with
``unicodedata.normalize('NFC')`` and CAMeL Tools' ``normalize_unicode``,
measured in the same run on the same lines. Peers come from
``benchmarks/requirements-peers.txt``; a missing one shows ``n/a``.

``--paired REF`` measures one ratio instead, robustly: each round's child
builds and warms both a function and ``REF`` (NFC, say), then walks the
timed lines in blocks of ``--block-kb``, timing the two on each block one
after the other (in turn which goes first). A machine that speeds up or
slows down during a pass moves both alike, so the ratio of their summed
CPU times holds still where two figures from separate children, each timed
at its own moment, do not. The function's pass is still its single pass
over the lines, lines met for the first time included.
"""

from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (sibling module, found through the path above)

Func = Callable[[str], object]
# Maps a corpus line to a function's input ("" drops the line).
Prep = Callable[[str], str]

# The languages of the corpus, for every language identifier in the table.
CORPUS_LANGUAGES = ("ar", "fa", "ur", "en", "fr", "de")


@dataclass(frozen=True)
class Bench:
    """One row of the table: how to build the function, and how to prepare its input."""

    name: str
    group: str
    label: str
    build: Callable[[], Func]
    # Maps a corpus line to this function's input ("" drops the line); not timed.
    prepare: Callable[[], Prep] | None = None
    block_lingua: bool = False


def _mixscript_normalize(profile: str, **options: Any) -> Callable[[], Func]:
    """``normalize`` with a built-in profile, or with some of its steps' options changed.

    ``_mixscript_normalize("clean", visual_order=False, letters=False)`` is
    ``clean`` without its two judging steps (is a line reversed, which language
    is each Arabic-script run): what finding and replacing characters alone
    costs, the floor that tuning the judgements could ever reach.
    """

    def build() -> Func:
        import mixscript

        chosen = dataclasses.replace(mixscript.PROFILES[profile], **options) if options else profile
        steps = mixscript.PROFILES[profile] if isinstance(chosen, str) else chosen
        if steps.letters or steps.persian_affixes:
            _load_backends()  # only the steps that tag runs ask the backends
        return lambda text: mixscript.normalize(text, profile=chosen)

    return build


def _load_backends() -> None:
    """Load the language backends an Arabic-script run may ask for (untimed).

    The warm-up is meant to load whatever loads lazily, but a backend asked
    only about rare runs may not be met in it: ``clean`` asks fastText only
    about a run whose spaced Persian affix leaves Persian and South
    Azerbaijani close, which text made from the built-in vocabulary (the
    warm-up of ``--unique``) never holds, and loading the model (about
    30 ms) in a pass of 1 MB would double its time.  Each backend is asked
    once here, as a pipeline's first such run would; a backend that is
    blocked or not installed answers nothing and loads nothing.
    """
    from mixscript.lang import fasttext_lid, lingua, words

    text, family = "این کتاب را می خواهم", ("ar", "fa", "ur")
    fasttext_lid.log_probabilities(text, ("fa", "azb"))
    lingua.confidences(text, family)
    words.log_likelihoods(text, family)


def _segment() -> Func:
    import mixscript

    _load_backends()
    return lambda text: mixscript.segment(text, languages=CORPUS_LANGUAGES)


def _check() -> Func:
    import mixscript

    return lambda text: mixscript.check(text)


def _to_visual() -> Func:
    import mixscript

    return mixscript.to_visual


def _to_logical() -> Func:
    import mixscript

    return mixscript.to_logical


def _visual_input() -> Prep:
    """Visual-order, shaped text, as a PDF extractor returns it: the input of repair."""
    import arabic_reshaper
    from bidi import get_display

    return lambda text: get_display(arabic_reshaper.reshape(text))


def _cleaned_input() -> Prep:
    """Text that ``clean`` has already cleaned: nothing left to do, the fast path's case."""
    import mixscript

    return lambda text: mixscript.normalize(text, profile="clean")


def _latin_input() -> Prep:
    """Only the Latin-script sentences of a line (ASCII or not); "" when it has none."""
    import re

    sentence = re.compile(r"[^.\u06d4]*[.\u06d4]")
    arabic = re.compile("[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")

    def latin(line: str) -> str:
        return " ".join(m.strip() for m in sentence.findall(line) if not arabic.search(m))

    return latin


def _nfc() -> Func:
    import unicodedata

    return lambda text: unicodedata.normalize("NFC", text)


def _camel_normalize_unicode() -> Func:
    from camel_tools.utils.normalize import normalize_unicode

    func: Func = normalize_unicode  # an untyped peer, called as one
    return func


def _camel_dediac() -> Func:
    from camel_tools.utils.dediac import dediac_ar

    func: Func = dediac_ar  # an untyped peer, called as one
    return func


def _pyarabic_strip_tashkeel() -> Func:
    from pyarabic import araby

    func: Func = araby.strip_tashkeel  # an untyped peer, called as one
    return func


def _bidi_get_display() -> Func:
    from bidi import get_display

    func: Func = get_display  # an untyped peer, called as one
    return func


def _reshape() -> Func:
    import arabic_reshaper

    func: Func = arabic_reshaper.reshape  # an untyped peer, called as one
    return func


def _lingua_multiple() -> Func:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [IsoCode639_1.from_str(c) for c in CORPUS_LANGUAGES]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
    return detector.detect_multiple_languages_of


BENCHES: tuple[Bench, ...] = (
    Bench("safe", "mixscript", "normalize(profile='safe')", _mixscript_normalize("safe")),
    Bench("clean", "mixscript", "normalize(profile='clean')", _mixscript_normalize("clean")),
    Bench(
        "clean_nolingua",
        "mixscript",
        "normalize(profile='clean') without mixscript[lang]",
        _mixscript_normalize("clean"),
        block_lingua=True,
    ),
    Bench(
        "clean_noop",
        "mixscript",
        "normalize(profile='clean') on its own output",
        _mixscript_normalize("clean"),
        _cleaned_input,
    ),
    Bench(
        "clean_latin",
        "mixscript",
        "normalize(profile='clean') on Latin-only lines",
        _mixscript_normalize("clean"),
        _latin_input,
    ),
    Bench(
        "clean_edits_only",
        "mixscript",
        "normalize(profile='clean') without visual_order and letters",
        _mixscript_normalize("clean", visual_order=False, letters=False),
    ),
    Bench("search", "mixscript", "normalize(profile='search')", _mixscript_normalize("search")),
    Bench("segment", "mixscript", "segment() with lingua", _segment),
    Bench(
        "segment_nolingua",
        "mixscript",
        "segment() without mixscript[lang]",
        _segment,
        block_lingua=True,
    ),
    Bench("check", "mixscript", "check()", _check),
    Bench("to_visual", "mixscript", "to_visual()", _to_visual),
    Bench("to_logical", "mixscript", "to_logical() on visual text", _to_logical, _visual_input),
    Bench("nfc", "peer", "unicodedata.normalize('NFC')", _nfc),
    Bench("camel_normalize_unicode", "peer", "CAMeL normalize_unicode", _camel_normalize_unicode),
    Bench("camel_dediac_ar", "peer", "CAMeL dediac_ar", _camel_dediac),
    Bench("pyarabic_strip_tashkeel", "peer", "pyarabic strip_tashkeel", _pyarabic_strip_tashkeel),
    Bench("bidi_get_display", "peer", "python-bidi get_display", _bidi_get_display),
    Bench("reshape", "peer", "arabic-reshaper reshape", _reshape),
    Bench("lingua_multiple", "peer", "lingua detect_multiple_languages_of", _lingua_multiple),
)
BY_NAME = {b.name: b for b in BENCHES}


# --------------------------------------------------------------------------- child


def _rss_mb(field: str) -> float | None:
    """``VmRSS``/``VmHWM`` of this process in MB, or None where /proc is missing."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux >= 4.0); False where that is impossible."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as f:
            f.write("5")
        return True
    except OSError:
        return False


def _size_mb(lines: list[str]) -> float:
    return sum(len(s.encode("utf-8", "surrogatepass")) for s in lines) / 1e6


def _one_pass(func: Func, lines: list[str]) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of one call per line."""
    cpu, wall = time.process_time(), time.perf_counter()
    for line in lines:
        func(line)
    return time.process_time() - cpu, time.perf_counter() - wall


def _prefix(lines: list[str], mb: float) -> list[str]:
    limit, size = mb * 1e6, 0
    for i, line in enumerate(lines):
        size += len(line.encode("utf-8", "surrogatepass"))
        if size >= limit:
            return lines[: i + 1]
    return lines


def _spread(lines: list[str], mb: float) -> list[str]:
    """Every k-th line, k chosen so that they make about ``mb`` MB: a sample of the whole."""
    total = sum(len(line.encode("utf-8", "surrogatepass")) for line in lines)
    step = max(1, int(total / max(mb * 1e6, 1.0)))
    return lines[::step]


def _block_lang_extra() -> None:
    """Make lingua and wordfreq unimportable, as in an install without ``mixscript[lang]``."""
    # None in sys.modules is how the import system marks a module that
    # cannot be imported; typeshed types the mapping's values as modules.
    sys.modules["lingua"] = None  # type: ignore[assignment]
    sys.modules["wordfreq"] = None  # type: ignore[assignment]


def child(args: argparse.Namespace) -> dict[str, object]:
    """One timed pass of one function, in this fresh process; the result as a dict."""
    bench = BY_NAME[args.child]
    if bench.block_lingua:
        _block_lang_extra()
    with open(args.corpus, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    try:
        func = bench.build()
    except (ImportError, AttributeError) as exc:
        return {"name": bench.name, "error": f"{type(exc).__name__}: {exc}"}

    if args.unique:
        # No timed sentence may have been met before: the warm-up runs on text
        # of the same kind made from the built-in vocabulary, and the whole
        # corpus is timed.
        probe = list(corpus.generate(args.probe_mb, args.seed, None, args.kind))
        warm = list(corpus.generate(args.warm_mb, args.seed + 1, None, args.kind))
    else:
        probe = _prefix(lines, args.probe_mb)
        warm = _spread(lines, args.warm_mb)
    prepare = bench.prepare() if bench.prepare is not None else None
    if prepare is not None:
        probe = [p for p in map(prepare, probe) if p]
        warm = [p for p in map(prepare, warm) if p]
    # Lazy loading (tables, lingua's models, loaded when a line first needs
    # them: a backend that only an unsure Arabic-script run asks for may wait
    # a few hundred lines, then cost a second) stays out of the timed pass:
    # lines from all over the corpus first, then the estimate.
    _one_pass(func, warm)
    _one_pass(func, probe)
    probe_cpu, _ = _one_pass(func, probe)
    take_mb = args.take_mb or _size_mb(probe) / max(probe_cpu, 1e-9) * args.budget
    work = _prefix(lines, take_mb)
    if prepare is not None:
        work = [p for p in map(prepare, work) if p]
    del lines

    if args.paired:
        paired = _paired_pass(bench.name, func, BY_NAME[args.paired], warm, probe, work, args)
        return {**paired, "take_mb": take_mb}
    _settle()
    before = _rss_mb("VmRSS")
    exact = _reset_peak()
    cpu, wall = _one_pass(func, work)
    peak = _rss_mb("VmHWM") if exact else None
    if peak is None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "name": bench.name,
        "take_mb": take_mb,
        "mb": _size_mb(work),
        "cpu": cpu,
        "wall": wall,
        "peak_mb": peak,
        "extra_mb": None if before is None or not exact else max(peak - before, 0.0),
    }


def _settle() -> None:
    """Collect garbage once, after the warm-up and before the timed pass.

    What the warm-up loaded (word lists, models, tables: for ``clean`` on the
    English documents about 127,000 references held by young containers,
    most of them wordfreq's lists of words) is still in the collector's
    young generations, and the first collection to run would walk all of it
    (about 4 ms, a few per cent of a pass) once, to promote it for good.  A
    pipeline pays that once, near its start, as it pays the loading that
    the warm-up keeps out of the timed pass; so it stays out as well, for
    every function timed.
    """
    gc.collect()


def _number(value: object) -> float:
    """A number a child's JSON result holds (an int or a float)."""
    if not isinstance(value, int | float):
        raise TypeError(f"expected a number, not {value!r}")
    return float(value)


def _blocks(lines: list[str], kb: float) -> list[list[str]]:
    """``lines`` in consecutive blocks of about ``kb`` kB of UTF-8 each."""
    out: list[list[str]] = [[]]
    size, limit = 0, kb * 1e3
    for line in lines:
        if size >= limit:
            out.append([])
            size = 0
        out[-1].append(line)
        size += len(line.encode("utf-8", "surrogatepass"))
    return [block for block in out if block]


def _paired_pass(
    name: str,
    func: Func,
    ref: Bench,
    warm: list[str],
    probe: list[str],
    work: list[str],
    args: argparse.Namespace,
) -> dict[str, object]:
    """``func`` and ``ref``'s function timed on the same blocks of ``work``, side by side.

    Both are warmed up on the same lines first.  Within each block one runs
    right after the other, the first one in turn, so that neither always
    meets the caches the other left; the sums of their CPU times over the
    pass are compared.
    """
    other = ref.build()
    for line_set in (warm, probe):
        _one_pass(other, line_set)
    _settle()
    funcs = (func, other)
    spent = [0.0, 0.0]
    for k, block in enumerate(_blocks(work, args.block_kb)):
        for which in (k % 2, 1 - k % 2):
            spent[which] += _one_pass(funcs[which], block)[0]
    return {
        "name": name,
        "ref": ref.name,
        "mb": _size_mb(work),
        "cpu": spent[0],
        "ref_cpu": spent[1],
    }


def paired_table(results: dict[str, list[dict[str, object]]], ref: str) -> str:
    """The Markdown table of ``--paired``: each round's ratio and their median."""
    label = BY_NAME[ref].label
    out = [
        f"| function | MB timed | MB/s (CPU) | {label} MB/s | ratio in each round | median ratio |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for name, rounds in results.items():
        bench = BY_NAME[name]
        errors = [str(r["error"]) for r in rounds if "error" in r]
        if errors:
            out.append(f"| {bench.group}: {bench.label} | n/a ({errors[0]}) | | | | |")
            continue
        mb = _number(rounds[0]["mb"])
        ours = [_number(r["cpu"]) for r in rounds]
        theirs = [_number(r["ref_cpu"]) for r in rounds]
        ratios = [t / o for o, t in zip(ours, theirs, strict=True)]
        cells = (
            f"{bench.group}: {bench.label}",
            f"{mb:.1f}",
            f"{mb / statistics.median(ours):.2f}",
            f"{mb / statistics.median(theirs):.2f}",
            ", ".join(f"{r:.3f}" for r in ratios),
            f"{statistics.median(ratios):.3f}",
        )
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out)


def profile(name: str, corpus_path: Path, mb: float, top: int) -> str:
    """cProfile of one function over the first ``mb`` of the corpus, after a warm-up.

    Printed as a table of the ``top`` entries by cumulative time, so that where
    the time goes can be reproduced with the same command as the throughput.
    """
    import cProfile
    import pstats

    bench = BY_NAME[name]
    if bench.block_lingua:
        _block_lang_extra()
    with open(corpus_path, encoding="utf-8") as f:
        lines = _prefix(f.read().splitlines(keepends=True), mb)
    func = bench.build()
    if bench.prepare is not None:
        lines = [p for p in map(bench.prepare(), lines) if p]
    _one_pass(func, lines[:50])
    prof = cProfile.Profile()
    prof.runcall(_one_pass, func, lines)
    stats = pstats.Stats(prof)
    # (file, line, name) -> (calls, primitive calls, own s, cumulative s,
    # callers): pstats keeps the table in an attribute typeshed leaves out.
    table: dict[tuple[str, int, str], tuple[int, int, float, float, object]]
    table = stats.stats  # type: ignore[attr-defined]
    entries = sorted(table.items(), key=lambda kv: kv[1][3], reverse=True)
    # The largest cumulative time is the timed pass itself: the 100 % mark.
    total = max(entries[0][1][3], 1e-9)
    here = str(HERE.parent)
    out = [
        f"cProfile of {bench.label} on {_size_mb(lines):.2f} MB ({len(lines)} lines),"
        f" {total:.2f} s in all",
        "",
        "| function | calls | cumulative s | share | own s |",
        "|---|---:|---:|---:|---:|",
    ]
    for (file, line, func_name), (_cc, calls, own, cum, _callers) in entries[: top + 1]:
        where = f"{file.replace(here + '/', '')}:{line}({func_name})"
        if "benchmarks/run.py" in where:
            continue
        out.append(f"| `{where}` | {calls} | {cum:.2f} | {cum / total:.0%} | {own:.2f} |")
    return "\n".join(out)


# --------------------------------------------------------------------------- parent


def _run_child(
    name: str, args: argparse.Namespace, corpus_path: Path, take_mb: float | None
) -> dict[str, object]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name]
    cmd += ["--corpus", str(corpus_path), "--budget", str(args.budget)]
    cmd += ["--probe-mb", str(args.probe_mb), "--warm-mb", str(args.warm_mb)]
    if args.unique:
        cmd += ["--unique", "--kind", args.kind]
    if take_mb is not None:
        cmd += ["--take-mb", repr(take_mb)]
    if args.paired:
        cmd += ["--paired", args.paired, "--block-kb", str(args.block_kb)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"name": name, "error": f"exit {proc.returncode}: {tail[0]}"}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


@dataclass
class Row:
    """The passes of one function, gathered over the rounds."""

    name: str
    mb: float = 0.0
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    peak_mb: float = 0.0
    extra_mb: float | None = None
    error: str | None = None

    def add(self, r: dict[str, object]) -> None:
        if "error" in r:
            self.error = str(r["error"])
            return
        self.mb = _number(r["mb"])
        self.cpu.append(_number(r["cpu"]))
        self.wall.append(_number(r["wall"]))
        self.peak_mb = max(self.peak_mb, _number(r["peak_mb"]))
        extra = r.get("extra_mb")
        if isinstance(extra, float):
            self.extra_mb = max(self.extra_mb or 0.0, extra)

    def rate(self, times: list[float]) -> float | None:
        return self.mb / statistics.median(times) if times and not self.error else None


def _fmt(x: float | None, spec: str) -> str:
    return "n/a" if x is None else format(x, spec)


def _targets(rates: dict[str, float | None], kind: str) -> list[str]:
    """The compiled core's speed targets that this run's rows measure, one line each."""
    clean, nfc, camel = rates.get("clean"), rates.get("nfc"), rates.get("camel_normalize_unicode")
    pairs = [
        ("segment", "lingua_multiple", "segment / lingua detect_multiple_languages_of", 10.0),
        ("to_visual", "bidi_get_display", "to_visual / python-bidi get_display", 1.0),
    ]
    out = [""]
    if clean and camel and kind == "mixed":
        out.append(f"clean / CAMeL normalize_unicode = {clean / camel:.2f} (target >= 3)")
    if clean and nfc:
        want = 0.25 if kind == "mixed" else 0.5
        out.append(f"clean / NFC = {clean / nfc:.3f} (target >= {want:g})")
    for ours, peer, label, want in pairs:
        a, b = rates.get(ours), rates.get(peer)
        if a and b:
            out.append(f"{label} = {a / b:.2f} (target >= {want:g})")
    check = rates.get("check")
    if check:
        out.append(f"check = {check:.1f} MB/s (target >= 20)")
    return out if len(out) > 1 else []


def table(rows: list[Row], kind: str = "mixed") -> str:
    """The Markdown table: MB/s from CPU time (the ratios) and from wall time, then the
    targets it measures (those of ``kind``'s corpus)."""
    rates = {r.name: r.rate(r.cpu) for r in rows}
    nfc, camel = rates.get("nfc"), rates.get("camel_normalize_unicode")
    out = [
        "| function | MB timed | MB/s (CPU) | MB/s (wall) | passes | peak RSS MB | +MB"
        " | vs NFC | vs CAMeL |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        bench = BY_NAME[r.name]
        label = f"{bench.group}: {bench.label}"
        rate = rates[r.name]
        if rate is None:
            out.append(f"| {label} | n/a ({r.error}) | | | | | | | |")
            continue
        cells = (
            label,
            f"{r.mb:.1f}",
            f"{rate:.2f}",
            _fmt(r.rate(r.wall), ".2f"),
            str(len(r.cpu)),
            f"{r.peak_mb:.0f}",
            _fmt(r.extra_mb, ".0f"),
            _fmt(rate / nfc if nfc else None, ".3f"),
            _fmt(rate / camel if camel else None, ".2f"),
        )
        out.append("| " + " | ".join(cells) + " |")
    out.extend(_targets(rates, kind))
    return "\n".join(out)


def _describe(args: argparse.Namespace, size: int) -> str:
    src = "lingua test data sentences" if args.data else "built-in generator"
    if args.unique:
        src += ", each sentence once; warm-up on built-in text"
    shape = "English documents quoting Arabic script" if args.kind == "english" else "mixed"
    return (
        f"corpus: {size / 1e6:.1f} MB {shape} ({src}, seed {args.seed}); one call per line;"
        f" {args.repeat} interleaved rounds, median; at most {args.budget:g} CPU-s per pass;"
        f" Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs,"
        f" load average {os.getloadavg()[0]:.1f} at the end"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="corpus size, 10**6 bytes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", type=Path, help="lingua test data directory for the corpus")
    ap.add_argument("--corpus", type=Path, help="use this corpus file (else generate and cache)")
    ap.add_argument(
        "--kind",
        choices=sorted(corpus.KINDS),
        default="mixed",
        help="the generated corpus: mixed paragraphs, or English documents quoting Arabic script",
    )
    ap.add_argument(
        "--unique",
        action="store_true",
        help="each sentence of --data once (text as fresh as unseen prose: no cache meets"
        " a sentence twice); the corpus is as large as the data allows",
    )
    ap.add_argument("--budget", type=float, default=30.0, help="max CPU seconds per timed pass")
    ap.add_argument("--repeat", type=int, default=3, help="rounds, one pass each (>= 3)")
    ap.add_argument("--probe-mb", type=float, default=0.2, help="speed probe (a prefix)")
    ap.add_argument(
        "--warm-mb",
        type=float,
        default=1.0,
        help="untimed warm-up: lines from all over the corpus (with --unique, built-in text)",
    )
    ap.add_argument("--only", help="comma-separated names: " + ",".join(BY_NAME))
    ap.add_argument(
        "--paired",
        metavar="REF",
        help="time each function beside REF (nfc, say) in the same child, block by block;"
        " print their ratio in each round and its median",
    )
    ap.add_argument(
        "--block-kb", type=float, default=256.0, help="with --paired: kB of lines a block"
    )
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--profile", metavar="NAME", help="cProfile one function on --probe-mb")
    ap.add_argument("--top", type=int, default=25, help="rows of the --profile table")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--take-mb", type=float, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

    if args.profile:
        if args.corpus is None:
            ap.error("--profile needs --corpus")
        print(profile(args.profile, args.corpus, args.probe_mb, args.top))
        return 0
    if args.unique and args.data is None and args.corpus is None:
        ap.error("--unique needs --data")
    if args.child:
        print(json.dumps(child(args)))
        return 0
    if args.repeat < 3:
        ap.error("--repeat must be at least 3: the table reports medians")

    names = args.only.split(",") if args.only else list(BY_NAME)
    unknown = [n for n in names if n not in BY_NAME]
    if unknown:
        ap.error(f"unknown names: {', '.join(unknown)}")
    corpus_path = args.corpus
    if corpus_path is None:
        cache = Path(tempfile.gettempdir()) / "mixscript-bench"
        cache.mkdir(exist_ok=True)
        tag = "data" if args.data else "builtin"
        kind = "" if args.kind == "mixed" else f"-{args.kind}"
        kind += "-unique" if args.unique else ""
        corpus_path = cache / f"corpus-{tag}{kind}-{args.mb:g}mb-seed{args.seed}.txt"
        if not corpus_path.exists():
            print(f"generating {corpus_path} ...", file=sys.stderr)
            corpus.write_corpus(corpus_path, args.mb, args.seed, args.data, args.kind, args.unique)
    size = corpus_path.stat().st_size
    if args.paired:
        if args.paired not in BY_NAME:
            ap.error(f"unknown name for --paired: {args.paired}")
        return _paired_main(args, [n for n in names if n != args.paired], corpus_path, size)
    # Rounds interleave the functions, so that a burst of load from elsewhere on
    # the machine spreads over all of them instead of skewing one ratio.
    rows = {name: Row(name) for name in names}
    for name, result in _rounds(args, names, corpus_path):
        rows[name].add(result)
    print(_describe(args, size))
    print()
    print(table(list(rows.values()), args.kind))
    if args.json:
        raw = [dataclasses.asdict(r) for r in rows.values()]
        args.json.write_text(json.dumps(raw, indent=1), encoding="utf-8")
    return 0


def _rounds(
    args: argparse.Namespace, names: list[str], corpus_path: Path
) -> Iterator[tuple[str, dict[str, object]]]:
    """Each round's child of each function in turn, as (name, result): a function
    whose child failed runs no more, and the prefix the first round chose for a
    function is kept for the later ones."""
    take: dict[str, float | None] = dict.fromkeys(names)
    failed: set[str] = set()
    beside = f" beside {args.paired}" if args.paired else ""
    for k in range(args.repeat):
        for name in names:
            if name in failed:
                continue
            print(f"round {k + 1}/{args.repeat}: {name}{beside} ...", file=sys.stderr)
            result = _run_child(name, args, corpus_path, take[name])
            if "error" in result:
                failed.add(name)
            if take[name] is None and "take_mb" in result:
                take[name] = _number(result["take_mb"])
            yield name, result


def _paired_main(args: argparse.Namespace, names: list[str], corpus_path: Path, size: int) -> int:
    """``--paired``: every round runs each function beside the reference in a child of its own."""
    results: dict[str, list[dict[str, object]]] = {name: [] for name in names}
    for name, result in _rounds(args, names, corpus_path):
        results[name].append(result)
    print(_describe(args, size) + f"; paired with {args.paired}, blocks of {args.block_kb:g} kB")
    print()
    print(paired_table(results, args.paired))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
