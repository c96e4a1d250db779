"""Streaming and ``--jobs``: peak memory of ``mixscript normalize`` on a large file, and speedup.

Two tables:

1. Memory: ``mixscript normalize BIG > out`` (the command, streaming in
   chunks) beside a baseline that reads the whole file and calls
   ``mixscript.normalize`` once, on the same file in the same run: seconds,
   MB/s, peak resident memory (``wait4``'s ``ru_maxrss`` of each child) and
   whether the outputs are byte-identical (SHA-256).
2. Speed: ``mixscript normalize --check`` with ``--jobs 1`` and ``--jobs 2``
   on a corpus of many files, and on one large file split into chunks;
   median seconds of ``--runs`` alternating runs and the ratio.

The text comes from ``benchmarks/corpus.py`` (deterministic mixed Arabic-,
Persian-, Urdu- and Latin-script paragraphs with presentation forms,
visual-order lines, stray controls ...); the large file repeats a generated
block until it reaches ``--mb``.

    python benchmarks/stream_memory.py --mb 1000
    python benchmarks/stream_memory.py --mb 50 --files 60 --file-kb 200 --runs 3
"""

from __future__ import annotations

import argparse
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import generate

WHOLE = """
import sys, mixscript
data = open(sys.argv[1], "rb").read()
bom = b"\\xef\\xbb\\xbf" if data.startswith(b"\\xef\\xbb\\xbf") else b""
text = data[len(bom):].decode("utf-8")
del data
out = mixscript.normalize(text, profile="safe")
del text
with open(sys.argv[2], "wb") as f:
    f.write(bom + out.encode("utf-8"))
"""


def _block(mb: float, seed: int) -> str:
    return "".join(generate(mb, seed=seed))


def write_big(path: Path, mb: float, block_mb: float = 4.0) -> int:
    """A file of about ``mb`` 10**6 bytes: one generated block, repeated."""
    block = _block(block_mb, seed=1).encode("utf-8")
    target = int(mb * 1e6)
    written = 0
    with open(path, "wb") as f:
        while written < target:
            piece = block[: target - written]
            # Never cut inside a UTF-8 sequence.
            while piece and (piece[-1] & 0xC0) == 0x80:
                piece = piece[:-1]
            while piece and piece[-1] >= 0xC0:
                piece = piece[:-1]
            f.write(piece)
            written += len(piece)
            if len(piece) < len(block):
                break
    return written


def write_corpus(folder: Path, files: int, kb: int) -> int:
    folder.mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(files):
        text = _block(kb / 1000, seed=100 + i)
        data = text.encode("utf-8")
        (folder / f"doc{i:04}.txt").write_bytes(data)
        total += len(data)
    return total


def timed(cmd: list[str], stdout: Path | None = None) -> tuple[float, float, int]:
    """Seconds, peak RSS in MB, exit code of ``cmd`` (stdout to a file or discarded)."""
    with open(stdout or os.devnull, "wb") as out:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


def sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


def memory_table(work: Path, mb: float, whole_mb: float) -> None:
    big = work / "big.txt"
    size = write_big(big, mb)
    rows = []
    out_stream = work / "out-stream.txt"
    secs, rss, code = timed([sys.executable, "-m", "mixscript", "normalize", str(big)], out_stream)
    rows.append(("mixscript normalize FILE (streaming)", secs, rss, code, sha(out_stream)))
    if mb <= whole_mb:
        out_whole = work / "out-whole.txt"
        secs, rss, code = timed(
            [sys.executable, "-c", WHOLE, str(big), str(out_whole)], stdout=None
        )
        rows.append(("mixscript.normalize(whole file)", secs, rss, code, sha(out_whole)))
    print(f"\n## Memory: one file of {size / 1e6:.0f} MB, profile safe\n")
    print("| run | seconds | MB/s | peak RSS (MB) | exit | sha256 | same as streaming |")
    print("|---|---:|---:|---:|---:|---|---|")
    for name, secs, rss, code, digest in rows:
        same = "yes" if digest == rows[0][4] else "NO"
        print(
            f"| {name} | {secs:.1f} | {size / 1e6 / secs:.2f} | {rss:.0f} | {code} "
            f"| {digest[:12]} | {same} |"
        )


def _burn(n: int) -> float:
    total = 0
    for i in range(n):
        total += i * i
    return float(total)


def burn_seconds(workers: int, n: int = 10_000_000) -> float:
    """Wall time of ``2 * n`` loop steps of pure Python in ``workers`` processes.

    The baseline for the ``--jobs`` ratio: on a machine shared with other work,
    two processes may gain much less than 2x, and this shows how much.
    """
    t0 = time.perf_counter()
    if workers == 1:
        _burn(n)
        _burn(n)
    else:
        with ProcessPoolExecutor(workers) as pool:
            list(pool.map(_burn, [n, n]))
    return time.perf_counter() - t0


def jobs_table(work: Path, files: int, kb: int, large_mb: float, runs: int) -> None:
    corpus = work / "corpus"
    total = write_corpus(corpus, files, kb)
    large = work / "large.txt"
    large_size = write_big(large, large_mb)
    cases = [
        (f"{files} files of {kb} KB ({total / 1e6:.0f} MB)", str(corpus), total),
        (f"one file of {large_size / 1e6:.0f} MB, chunks", str(large), large_size),
    ]
    print(f"\n## --jobs: medians of {runs} runs, normalize --check, {os.cpu_count()} CPUs\n")
    print("| input | --jobs 1 (s) | --jobs 2 (s) | MB/s at 2 | speedup |")
    print("|---|---:|---:|---:|---:|")
    burn: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(runs):
        for jobs in (1, 2):
            burn[jobs].append(burn_seconds(jobs))
    one, two = statistics.median(burn[1]), statistics.median(burn[2])
    print(
        f"| baseline: pure-Python loop, 1 vs 2 processes | {one:.2f} | {two:.2f} | - "
        f"| {one / two:.2f}x |"
    )
    for label, target, size in cases:
        times: dict[int, list[float]] = {1: [], 2: []}
        for _ in range(runs):
            for jobs in (1, 2):  # alternate, so load from elsewhere hits both alike
                cmd = [sys.executable, "-m", "mixscript", "normalize", "--check", "-q"]
                secs, _, _ = timed([*cmd, "--jobs", str(jobs), target])
                times[jobs].append(secs)
        one, two = statistics.median(times[1]), statistics.median(times[2])
        print(f"| {label} | {one:.2f} | {two:.2f} | {size / 1e6 / two:.2f} | {one / two:.2f}x |")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=1000, help="size of the large file (10**6 B)")
    ap.add_argument(
        "--whole-mb", type=float, default=1000, help="skip the whole-file baseline above this"
    )
    ap.add_argument("--files", type=int, default=100, help="files in the --jobs corpus")
    ap.add_argument("--file-kb", type=int, default=200, help="size of each corpus file")
    ap.add_argument("--large-mb", type=float, default=20, help="the one-file --jobs case")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--skip-jobs", action="store_true")
    ap.add_argument("--workdir", type=Path, help="where to put the generated files")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=args.workdir) as tmp:
        work = Path(tmp)
        if not args.skip_memory:
            memory_table(work, args.mb, args.whole_mb)
        if not args.skip_jobs:
            jobs_table(work, args.files, args.file_kb, args.large_mb, args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
