"""Throughput and peak memory of mixscript beside its peers, on one mixed corpus.

    python benchmarks/run.py                 # 100 MB corpus, every function
    python benchmarks/run.py --mb 20 --only clean,nfc,camel_normalize_unicode

Every function runs in a fresh child process of its own, one after another:

1. the child reads the corpus (``benchmarks/corpus.py``, generated once and
   cached as a file) into a list of lines: one paragraph is one call, which
   is how a pipeline or a DataFrame column feeds text to a normaliser;
2. it builds the function (imports, detectors) and warms it up on the first
   ``--probe-mb`` of the corpus, timing that pass to estimate its speed;
3. it takes the longest prefix of the corpus that one pass can process in
   ``--budget`` seconds (the whole corpus for every function that is fast
   enough) and times ``--repeat`` passes over it; the table shows the median;
4. peak memory is the child's peak resident set size while those passes run
   (Linux ``VmHWM``, reset through ``/proc/self/clear_refs`` once the corpus
   is loaded; elsewhere ``resource.getrusage`` ``ru_maxrss``, which then also
   counts loading). ``+MB`` is that peak minus the resident size just before
   the passes, i.e. what the function itself needed on top of the loaded text.

MB are 10**6 bytes of UTF-8 input. Ratios compare MB/s with
``unicodedata.normalize('NFC')`` and CAMeL Tools' ``normalize_unicode``,
measured in the same run on the same lines. Peers come from
``benchmarks/requirements-peers.txt``; a missing peer prints ``n/a``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402  (sibling module, found through the path above)

Func = Callable[[str], object]

# The languages of the corpus, for every language identifier in the table.
CORPUS_LANGUAGES = ("ar", "fa", "ur", "en", "fr", "de")


@dataclass(frozen=True)
class Bench:
    """One row of the table: how to build the function, and how to prepare its input."""

    name: str
    group: str
    label: str
    build: Callable[[], Func]
    prepare: Callable[[], Func] | None = None  # maps a corpus line to this function's input
    block_lingua: bool = False


def _mixscript_normalize(profile: str) -> Callable[[], Func]:
    def build() -> Func:
        import mixscript

        return lambda text: mixscript.normalize(text, profile=profile)

    return build


def _segment() -> Func:
    import mixscript

    return lambda text: mixscript.segment(text, languages=CORPUS_LANGUAGES)


def _to_visual() -> Func:
    import mixscript

    return mixscript.to_visual


def _to_logical() -> Func:
    import mixscript

    return mixscript.to_logical


def _visual_input() -> Func:
    """Visual-order, shaped text, as a PDF extractor returns it: the input of repair."""
    import arabic_reshaper
    from bidi import get_display

    return lambda text: get_display(arabic_reshaper.reshape(text))


def _nfc() -> Func:
    import unicodedata

    return lambda text: unicodedata.normalize("NFC", text)


def _camel_normalize_unicode() -> Func:
    from camel_tools.utils.normalize import normalize_unicode

    return normalize_unicode


def _camel_dediac() -> Func:
    from camel_tools.utils.dediac import dediac_ar

    return dediac_ar


def _pyarabic_strip_tashkeel() -> Func:
    from pyarabic import araby

    return araby.strip_tashkeel


def _bidi_get_display() -> Func:
    from bidi import get_display

    return get_display


def _reshape() -> Func:
    import arabic_reshaper

    return arabic_reshaper.reshape


def _lingua_multiple() -> Func:
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    codes = [IsoCode639_1.from_str(c) for c in CORPUS_LANGUAGES]
    detector = LanguageDetectorBuilder.from_iso_codes_639_1(*codes).build()
    return detector.detect_multiple_languages_of


BENCHES: tuple[Bench, ...] = (
    Bench("safe", "mixscript", "normalize(profile='safe')", _mixscript_normalize("safe")),
    Bench("clean", "mixscript", "normalize(profile='clean')", _mixscript_normalize("clean")),
    Bench("search", "mixscript", "normalize(profile='search')", _mixscript_normalize("search")),
    Bench("segment", "mixscript", "segment() with lingua", _segment),
    Bench("segment_nolingua", "mixscript", "segment() without lingua", _segment, block_lingua=True),
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


def _one_pass(func: Func, lines: list[str]) -> float:
    t = time.perf_counter()
    for line in lines:
        func(line)
    return time.perf_counter() - t


def _prefix(lines: list[str], mb: float) -> list[str]:
    limit, size = mb * 1e6, 0
    for i, line in enumerate(lines):
        size += len(line.encode("utf-8", "surrogatepass"))
        if size >= limit:
            return lines[: i + 1]
    return lines


def child(args: argparse.Namespace) -> dict[str, object]:
    bench = BY_NAME[args.child]
    if bench.block_lingua:
        sys.modules["lingua"] = None  # as if not installed
    with open(args.corpus, encoding="utf-8") as f:
        lines = f.read().splitlines(keepends=True)
    try:
        func = bench.build()
    except (ImportError, AttributeError) as exc:
        return {"name": bench.name, "error": f"{type(exc).__name__}: {exc}"}

    probe = _prefix(lines, args.probe_mb)
    prepare = bench.prepare() if bench.prepare is not None else None
    if prepare is not None:
        probe = [prepare(s) for s in probe]
    probe_mb = _size_mb(probe)
    rate = probe_mb / max(_one_pass(func, probe), 1e-9)  # warm-up, and a speed estimate
    take_mb = rate * args.budget
    work = _prefix(lines, take_mb)
    if prepare is not None:
        work = [prepare(s) for s in work]
    del lines
    mb = _size_mb(work)

    before = _rss_mb("VmRSS")
    exact = _reset_peak()
    times = [_one_pass(func, work) for _ in range(args.repeat)]
    peak = _rss_mb("VmHWM") if exact else None
    if peak is None:
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {
        "name": bench.name,
        "mb": mb,
        "times": times,
        "peak_mb": peak,
        "extra_mb": None if before is None or not exact else max(peak - before, 0.0),
    }


# --------------------------------------------------------------------------- parent


def _run_child(name: str, args: argparse.Namespace, corpus_path: Path) -> dict[str, object]:
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        name,
        "--corpus",
        str(corpus_path),
        "--mb",
        str(args.mb),
        "--budget",
        str(args.budget),
        "--repeat",
        str(args.repeat),
        "--probe-mb",
        str(args.probe_mb),
    ]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        return {"name": name, "error": f"exit {proc.returncode}: {tail[0]}"}
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _mbps(r: dict[str, object]) -> float | None:
    times = r.get("times")
    if not isinstance(times, list):
        return None
    mb = r["mb"]
    assert isinstance(mb, float)
    return mb / statistics.median(times)


def _fmt(x: float | None, spec: str) -> str:
    return "n/a" if x is None else format(x, spec)


def table(results: list[dict[str, object]]) -> str:
    rates = {str(r["name"]): _mbps(r) for r in results}
    nfc, camel = rates.get("nfc"), rates.get("camel_normalize_unicode")
    head = (
        "| function | MB measured | MB/s (median) | runs | peak RSS MB | +MB | vs NFC | vs CAMeL |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    )
    rows = list(head)
    for r in results:
        bench = BY_NAME[str(r["name"])]
        label = f"{bench.group}: {bench.label}"
        rate = rates[bench.name]
        if rate is None:
            rows.append(f"| {label} | n/a ({r.get('error', '?')}) | | | | | | |")
            continue
        times = r["times"]
        assert isinstance(times, list)
        extra = r.get("extra_mb")
        rows.append(
            "| {} | {:.1f} | {:.2f} | {} | {:.0f} | {} | {} | {} |".format(
                label,
                float(r["mb"]),
                rate,
                len(times),
                float(r["peak_mb"]),
                _fmt(extra if isinstance(extra, float) else None, ".0f"),
                _fmt(rate / nfc if nfc else None, ".3f"),
                _fmt(rate / camel if camel else None, ".2f"),
            )
        )
    clean = rates.get("clean")
    notes = []
    if clean and camel:
        notes.append(f"clean / CAMeL normalize_unicode = {clean / camel:.2f} (target >= 3)")
    if clean and nfc:
        notes.append(f"clean / NFC = {clean / nfc:.3f} (target >= 0.25)")
    return "\n".join([*rows, "", *notes])


def _describe(args: argparse.Namespace, corpus_path: Path, size: int) -> str:
    src = "lingua test data sentences" if args.data else "built-in generator"
    return (
        f"corpus: {size / 1e6:.1f} MB, seed {args.seed}, {src}; budget {args.budget:g} s"
        f" per pass, median of {args.repeat}; Python {platform.python_version()},"
        f" {platform.machine()}, {os.cpu_count()} CPUs"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=100.0, help="corpus size, 10**6 bytes")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--data", type=Path, help="lingua test data directory for the corpus")
    ap.add_argument("--corpus", type=Path, help="use this corpus file (else generate and cache)")
    ap.add_argument("--budget", type=float, default=30.0, help="max seconds per timed pass")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes per function (>= 3)")
    ap.add_argument("--probe-mb", type=float, default=0.5, help="warm-up and speed probe")
    ap.add_argument("--only", help="comma-separated names: " + ",".join(BY_NAME))
    ap.add_argument("--json", type=Path, help="also write the raw results here")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)

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
        corpus_path = cache / f"corpus-{tag}-{args.mb:g}mb-seed{args.seed}.txt"
        if not corpus_path.exists():
            print(f"generating {corpus_path} ...", file=sys.stderr)
            corpus.write_corpus(corpus_path, args.mb, args.seed, args.data)
    size = corpus_path.stat().st_size
    results = []
    for name in names:
        print(f"running {name} ...", file=sys.stderr)
        results.append(_run_child(name, args, corpus_path))
    print(_describe(args, corpus_path, size))
    print()
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
