"""Running one command over many inputs: chunks, processes, order, exit codes.

Why one engine for every subcommand: ``normalize``, ``segment``, ``check``,
``display`` and ``repair`` all read inputs the same way (files, folders,
standard input), cut them into chunks (:mod:`mixscript.text.chunks`), transform
each chunk with a pure function, and write results in input order.  Only the
per-chunk function and the rendering differ, so those are the
:class:`Command`'s job and everything else lives here once.

Parallelism (``--jobs N``): small files are handed whole to worker
processes; a large file (or standard input) is read in the main process and
its chunks are handed out instead.  At most ``2 * N`` pieces of work are in
flight, so memory stays bounded, and results are written strictly in input
order.
"""

from __future__ import annotations

import codecs
import io
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

from mixscript.cli.files import (
    AtomicWriter,
    BinaryFileError,
    FileProblem,
    TextEncoding,
    TextSource,
)
from mixscript.text import chunks as _stream
from mixscript.text.chunks import Chunk, chunks
from mixscript.text.lines import LineIndex

__all__ = ["ChunkOut", "Command", "Engine", "FileState", "Input", "line_col"]

LARGE = 8 << 20
"""Files above this many bytes are split into chunks for the workers rather than sent whole."""

T = TypeVar("T")
R = TypeVar("R")


@dataclass(frozen=True, slots=True)
class Input:
    """One thing to process: ``name`` as shown in messages, ``path`` None for standard input."""

    name: str
    path: Path | None
    profile: str
    size: int = 0
    named: bool = False
    """Named on the command line (or standard input), not found in a folder."""
    kind_name: str | None = None
    """The name that decides the input's kind (``--stdin-filename`` for standard input)."""
    extensions: tuple[tuple[str, str], ...] = ()
    """``[tool.mixscript.extension]``: extension -> identify tag, looked at first."""
    kind: str = "prose"
    """The input's kind as an identify tag (``"python"``, ``"markdown"``) or ``"prose"``.

    Set by :func:`process_input` from :attr:`kind_name` and the first line
    (a ``#!`` interpreter), before any chunk is processed."""


@dataclass(slots=True)
class ChunkOut:
    """What a command made of one chunk.

    ``text``: the chunk's new text when the command transforms text;
    ``items``: rendered output records; ``count``: findings; ``data``: any
    picklable extra the command's :meth:`Command.render` needs.
    """

    text: str | None = None
    changed: bool = False
    items: list[str] = field(default_factory=list)
    count: int = 0
    data: object = None


@dataclass(slots=True)
class FileState:
    """What is known about the input being processed, updated chunk by chunk."""

    changed: bool = False
    count: int = 0
    started: bool = False
    chunks: int = 0
    note: str | None = None
    extra: dict[str, int] = field(default_factory=dict)


class Command:
    """A subcommand's per-chunk work and rendering; instances must be picklable.

    Subclasses set the flags and override :meth:`process` (may run in a
    worker process, one chunk at a time) and, if needed, :meth:`render` and
    the per-file hooks, which run in order for each input in the process that
    reads it (the main process, or the worker given a whole small file).
    :meth:`header`, :meth:`footer` and :meth:`summary` run once, in the main
    process.
    """

    in_place: bool = False
    """Write the chunks' ``text`` back to the file when anything changed."""
    print_text: bool = False
    """Write the chunks' ``text`` to standard output, in the input's encoding."""
    streams_output: bool = True
    """Output is written while reading, so large files are validated first."""
    encoding: str | None = None
    whole: bool = False
    """Process each input in one piece (for commands whose work spans lines)."""
    lf_chunks: bool = False
    """Cut chunks only after LF: the output is made of LF-ended lines (a unified diff)."""
    item_sep: str = ""
    """Written between rendered chunks that are not empty (``",\n"`` for a JSON array)."""
    text_output: bool = False
    """Standard output carries the input's text or what is made of it (not a report):
    a binary file named for it is an error, since skipping it would leave an
    empty output that looks like success."""

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        raise NotImplementedError

    def whole_for(self, inp: Input) -> bool:
        """Whether this input is processed in one piece (default :attr:`whole`)."""
        return self.whole

    def header(self) -> str:
        return ""

    def footer(self) -> str:
        return ""

    def file_start(self, inp: Input) -> str:
        return ""

    def file_end(self, inp: Input, state: FileState) -> str:
        return ""

    def render(self, inp: Input, chunk: Chunk, out: ChunkOut, state: FileState) -> str:
        return "".join(out.items)

    def messages(self, inp: Input, state: FileState) -> list[str]:
        """Lines for standard error once an input is done (``--quiet`` drops them)."""
        return []

    def exit_code(self, state: FileState) -> int:
        return 1 if state.changed or state.count else 0

    def summary(self, counts: dict[str, int]) -> str:
        return ""

    def closing(self, counts: dict[str, int]) -> str:
        """Written to standard output after everything else (``check --statistics``)."""
        return ""


def line_col(chunk: Chunk, offsets: Iterable[int]) -> Iterator[tuple[int, int]]:
    """1-based (line, column) in the whole text of each offset into ``chunk.text``.

    Lines and columns are counted as :mod:`mixscript.text.lines` counts them, so
    every subcommand reports the same position for the same character.

    >>> list(line_col(Chunk("ab\\ncd", 10, line=3, col=1), [0, 4]))
    [(3, 1), (4, 2)]
    """
    index = LineIndex(chunk.text)
    for off in offsets:
        line, col = index.line_col(off)
        yield chunk.line + line - 1, col + (chunk.col - 1 if line == 1 else 0)


def _ordered_map(
    pool: Executor | None, fn: Callable[[T], R], items: Iterable[T], window: int
) -> Iterator[tuple[T, R]]:
    """``(item, fn(item))`` in input order, at most ``window`` items in flight."""
    if pool is None:
        for item in items:
            yield item, fn(item)
        return
    pending: deque[tuple[T, Future[R]]] = deque()
    for item in items:
        pending.append((item, pool.submit(fn, item)))
        if len(pending) >= window:
            head, fut = pending.popleft()
            yield head, fut.result()
    while pending:
        head, fut = pending.popleft()
        yield head, fut.result()


class Output:
    """A binary output stream that puts :attr:`Command.item_sep` between rendered items."""

    def __init__(self, stream: BinaryIO, sep: str = "") -> None:
        self.stream = stream
        self._sep = sep.encode("utf-8")
        self._first = True
        self.progress: Progress | None = None
        """A progress bar on the same terminal: wiped, and held back, while output is written."""

    def raw(self, data: bytes | str) -> None:
        if not data:
            return
        encoded = data.encode("utf-8") if isinstance(data, str) else data
        if self.progress is None:
            self.stream.write(encoded)
            return
        with self.progress.paused():
            self.stream.write(encoded)
            self.stream.flush()

    def item(self, data: bytes | str) -> None:
        if not data:
            return
        if self._sep and not self._first:
            self.stream.write(self._sep)
        self._first = False
        self.raw(data)


def _process_chunk(cmd: Command, inp: Input, chunk: Chunk) -> ChunkOut:
    return cmd.process(chunk, inp)


def _validate(inp: Input, encoding: str | None) -> None:
    """Decode a whole file without keeping it, so errors surface before any output."""
    assert inp.path is not None
    with open(inp.path, "rb") as stream:
        for _ in TextSource(stream, inp.name, encoding):
            pass


class _LazyWriter:
    """Rewrites a file only from its first changed chunk on.

    Why lazy: a file that needs no change must not be touched at all (no
    temporary file, no error for a read-only file or folder).  Unchanged
    chunks before the first change are not kept; their bytes are counted
    and copied from the original when the first change comes.
    """

    def __init__(self, path: Path, encoding: TextEncoding, stack: ExitStack) -> None:
        self._path = path
        self._encoding = encoding
        self._stack = stack
        self._counter = codecs.getincrementalencoder(encoding.codec)()
        self._skipped = 0
        self._writer: AtomicWriter | None = None

    def feed(self, text: str, changed: bool) -> None:
        if self._writer is None:
            if not changed:
                self._skipped += len(self._counter.encode(text))
                return
            self._writer = self._stack.enter_context(AtomicWriter(self._path, self._encoding))
            self._writer.copy_prefix(self._skipped, self._counter.getstate())
        self._writer.write(text)

    def commit(self) -> None:
        if self._writer is not None:
            self._writer.commit()


def process_input(
    cmd: Command,
    inp: Input,
    out: Output,
    err: Callable[[str], None],
    pool: Executor | None = None,
    window: int = 4,
    on_bytes: Callable[[int], None] | None = None,
) -> tuple[int, FileState]:
    """Run ``cmd`` over one input; returns its exit code and final state.

    Errors name the input and give exit code 2; the input is then left as it was.
    """
    state = FileState()
    with ExitStack() as stack:
        try:
            if inp.path is None:
                stream: BinaryIO = sys.stdin.buffer
            else:
                stream = stack.enter_context(open(inp.path, "rb"))
            # Standard input is text even with NUL characters in it: a pipe
            # has no other way to say so, and its text must not vanish.
            source = TextSource(stream, inp.name, cmd.encoding, nul_is_text=inp.path is None)
            if inp.path is not None and cmd.streams_output and inp.size > _stream.CHUNK // 2:
                _validate(inp, cmd.encoding)
        except BinaryFileError as problem:
            if inp.named and cmd.text_output:
                err(str(BinaryFileError(inp.name, problem.byte, problem.hint, named=True)))
                return 2, state
            state.note = str(problem)
            return 0, state
        except FileProblem as problem:
            if problem.exit_code:
                err(str(problem))
            else:
                state.note = str(problem)  # a note, not an error: --quiet drops it
            return problem.exit_code, state
        except OSError as exc:
            err(f"{inp.name}: {_reason(exc)}")
            return 2, state
        enc: TextEncoding = source.encoding
        inp = _with_kind(inp, source)
        writer = None
        if cmd.in_place and inp.path is not None:
            writer = _LazyWriter(inp.path, enc, stack)
        # Standard input cannot be rewritten in place: its new text goes to stdout.
        emit_text = cmd.print_text or (cmd.in_place and inp.path is None)

        def start() -> None:
            state.started = True
            out.raw(cmd.file_start(inp))
            if emit_text:
                out.raw(enc.bom)

        seen = 0
        size = sys.maxsize if cmd.whole_for(inp) else _stream.CHUNK
        work = partial(_process_chunk, cmd, inp)
        try:
            pieces = chunks(source, size, lf_only=cmd.lf_chunks)
            for chunk, result in _ordered_map(pool, work, pieces, window):
                if not state.started:
                    start()
                state.chunks += 1
                state.changed |= result.changed
                state.count += result.count
                # Findings first: a file that cannot be rewritten (read-only)
                # must still show what was found in it.
                rendered = cmd.render(inp, chunk, result, state)
                if not emit_text:
                    out.item(rendered)
                if result.text is not None:
                    if writer is not None:
                        writer.feed(result.text, result.changed)
                    if emit_text:
                        out.raw(result.text.encode(enc.codec))
                if emit_text:
                    out.item(rendered)
                if on_bytes is not None:
                    on_bytes(source.bytes_read - seen)
                    seen = source.bytes_read
            if not state.started:
                start()
            out.raw(cmd.file_end(inp, state))
            if writer is not None:
                writer.commit()
        except FileProblem as problem:
            err(str(problem))
            return 2, state
        except OSError as exc:
            err(f"{inp.name}: {_reason(exc)}")
            return 2, state
    return cmd.exit_code(state), state


def _with_kind(inp: Input, source: TextSource) -> Input:
    """``inp`` with its kind, from its name and the first line of its text."""
    from dataclasses import replace

    from mixscript.text.kinds import file_kind

    first = b""
    if source.first_block.startswith(source.encoding.bom):
        first = source.first_block[len(source.encoding.bom) : len(source.encoding.bom) + 4096]
    line = first.decode(source.encoding.codec, errors="replace").split("\n", 1)[0]
    kind = file_kind(inp.kind_name, line, dict(inp.extensions))
    return replace(inp, kind=kind.tag or kind.name)


def _reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


@dataclass(frozen=True, slots=True)
class _FileResult:
    code: int
    out: bytes
    err: list[str]
    state: FileState


def _file_task(cmd: Command, inp: Input) -> _FileResult:
    """A whole (small) file in a worker process, output collected for the main process."""
    buf = io.BytesIO()
    errs: list[str] = []
    code, state = process_input(cmd, inp, Output(buf, cmd.item_sep), errs.append)
    return _FileResult(code, buf.getvalue() if code != 2 else b"", errs, state)


class Progress:
    """``[####----] files done/total, MB, MB/s, ETA`` on standard error while a run works.

    Why a thread: a command that reads a file whole (``check``) reports its
    bytes only when the file is done, so a bar drawn only from the work
    loop would appear after the work.  A daemon thread redraws it twice a
    second from the start, with the time spent and an estimate of what is
    left.  :meth:`clear` wipes the line before any message is written, so a
    message never lands on the end of the bar.
    """

    def __init__(
        self, stream: TextIO, total_files: int, total_bytes: int, interval: float = 0.5
    ) -> None:
        self._stream = stream
        self._files = total_files
        self._bytes = total_bytes
        self._done_files = 0
        self._done_bytes = 0
        self._t0 = time.monotonic()
        self._lock = threading.Lock()
        self._shown = False
        self._stop = threading.Event()
        self._interval = interval
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Draw now and keep redrawing until :meth:`close`."""
        self._draw()
        self._thread = threading.Thread(target=self._tick, daemon=True)
        self._thread.start()

    def _tick(self) -> None:
        while not self._stop.wait(self._interval):
            self._draw()

    def add(self, nbytes: int = 0, files: int = 0) -> None:
        with self._lock:
            self._done_bytes += nbytes
            self._done_files += files

    def line(self, now: float) -> str:
        """The bar as text (without the carriage return)."""
        elapsed = max(now - self._t0, 1e-9)
        mb = self._done_bytes / 1e6
        rate = mb / elapsed
        width = 24
        filled = min(width, int(width * self._done_bytes / max(self._bytes, 1)))
        bar = "#" * filled + "-" * (width - filled)
        if self._done_bytes and self._bytes > self._done_bytes:
            left = elapsed * (self._bytes - self._done_bytes) / self._done_bytes
            eta = f"ETA {_clock(left)}"
        elif self._done_bytes >= self._bytes:
            eta = f"in {_clock(elapsed)}"
        else:
            eta = f"ETA --:-- ({_clock(elapsed)} so far)"
        return (
            f"[{bar}] {self._done_files}/{self._files} files"
            f" {mb:.1f}/{self._bytes / 1e6:.1f} MB {rate:.1f} MB/s {eta}"
        )

    def _draw(self) -> None:
        with self._lock:
            self._stream.write("\r\x1b[K" + self.line(time.monotonic()))
            self._stream.flush()
            self._shown = True

    def clear(self) -> None:
        """Wipe the bar from its line (it comes back at the next redraw)."""
        with self._lock:
            self._clear()

    def _clear(self) -> None:
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
            self._shown = False

    @contextmanager
    def paused(self) -> Iterator[None]:
        """Wipe the bar and keep it away while the block writes a message or output."""
        with self._lock:
            self._clear()
            yield

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        self._draw()
        with self._lock:
            self._stream.write("\n")
            self._stream.flush()
            self._shown = False


def _clock(seconds: float) -> str:
    """``m:ss`` (or ``h:mm:ss``) for a duration."""
    s = int(seconds + 0.5)
    h, rest = divmod(s, 3600)
    m, s = divmod(rest, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


PROGRESS_MIN_BYTES = 4_000_000


class Engine:
    """Runs a :class:`Command` over inputs in order, with ``jobs`` processes."""

    def __init__(
        self,
        cmd: Command,
        *,
        jobs: int = 1,
        quiet: bool = False,
        out: BinaryIO | None = None,
        err: TextIO | None = None,
    ) -> None:
        self.cmd = cmd
        self.jobs = max(1, jobs)
        self.quiet = quiet
        self.out = Output(out if out is not None else sys.stdout.buffer, cmd.item_sep)
        self.err = err if err is not None else sys.stderr
        self.counts: dict[str, int] = {
            "inputs": 0,
            "changed": 0,
            "errors": 0,
            "skipped": 0,
            "findings": 0,
            "fixed": 0,
        }
        self._pool: ProcessPoolExecutor | None = None
        self._progress: Progress | None = None

    def _say(self, line: str) -> None:
        if self._progress is None:
            self.err.write(line + "\n")
            return
        with self._progress.paused():
            self.err.write(line + "\n")

    def _pool_for(self) -> ProcessPoolExecutor | None:
        if self.jobs > 1 and self._pool is None:
            self._pool = ProcessPoolExecutor(max_workers=self.jobs)
        return self._pool

    def _account(self, inp: Input, code: int, state: FileState, counted: bool = False) -> int:
        """Tally one finished input; ``counted``: its bytes already went to the progress bar."""
        self.counts["inputs"] += 1
        self.counts["errors"] += code == 2
        # A file in error was left as it was, whatever its chunks would have
        # changed (a read-only file): counted once, as an error.
        self.counts["changed"] += state.changed and code != 2
        self.counts["skipped"] += code != 2 and not state.started and state.note is not None
        self.counts["findings"] += state.count
        self.counts["fixed"] += state.extra.get("fixed", 0) if code != 2 else 0
        for key, value in state.extra.items():
            if key.startswith("code:"):  # findings per code, for --statistics
                self.counts[key] = self.counts.get(key, 0) + value
        if code != 2 and not self.quiet:
            if state.note:
                self._say(state.note)
            for line in self.cmd.messages(inp, state):
                self._say(line)
        if self._progress is not None:
            self._progress.add(0 if counted else inp.size, files=1)
        return code

    def run(self, inputs: list[Input]) -> int:
        """Process every input; the exit code is the worst of theirs (2 > 1 > 0)."""
        total = sum(i.size for i in inputs)
        if not self.quiet and self.err.isatty() and total > PROGRESS_MIN_BYTES:
            self._progress = Progress(self.err, len(inputs), total)
            if _isatty(self.out.stream):
                self.out.progress = self._progress
            self._progress.start()
        worst = 0
        self.out.raw(self.cmd.header())
        pending: deque[tuple[Input, Future[_FileResult]]] = deque()

        def drain(keep: int) -> None:
            nonlocal worst
            while len(pending) > keep:
                inp, fut = pending.popleft()
                res = fut.result()
                self.out.item(res.out)
                for line in res.err:
                    self._say(line)
                worst = max(worst, self._account(inp, res.code, res.state))

        try:
            several = len(inputs) > 1
            for inp in inputs:
                if self.jobs > 1 and several and inp.path is not None and inp.size <= LARGE:
                    pool = self._pool_for()
                    assert pool is not None
                    pending.append((inp, pool.submit(_file_task, self.cmd, inp)))
                    drain(2 * self.jobs)
                    continue
                drain(0)
                pool = self._pool_for() if inp.path is None or inp.size > _stream.CHUNK else None

                code, state = process_input(
                    self.cmd,
                    inp,
                    self.out,
                    self._say,
                    pool,
                    window=2 * self.jobs,
                    on_bytes=self._progress.add if self._progress else None,
                )
                worst = max(worst, self._account(inp, code, state, counted=True))
            drain(0)
            self.out.raw(self.cmd.footer())
            self.out.raw(self.cmd.closing(self.counts))
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
            if self._progress is not None:
                self._progress.close()
        self.out.stream.flush()
        if not self.quiet:
            line = self.cmd.summary(self.counts)
            if line:
                self._say(line)
        return worst


def _isatty(stream: object) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # closed
        return False


def stat_size(path: Path) -> int:
    """File size in bytes, 0 if it cannot be read now (the error surfaces when it is opened)."""
    try:
        return os.stat(path).st_size
    except OSError:
        return 0
