"""Reading and writing text files without surprising anyone.

Why this module exists: a normaliser run over a repository touches files it
did not create.  It must decode them the way an editor would (UTF-8 with or
without BOM, UTF-16/32 with BOM, or an encoding the user names), refuse what it
cannot decode instead of guessing, skip binary files, and write back only
what changed, atomically, with the same encoding, BOM, permissions, line
endings and (missing) final newline.  Text is never newline-translated:
offsets reported for a file index the decoded file exactly.

Reading is incremental (:class:`TextSource` yields decoded blocks), so a
gigabyte file never has to be in memory at once.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

__all__ = [
    "BLOCK",
    "AtomicWriter",
    "BinaryFileError",
    "DecodeProblem",
    "FileProblem",
    "TextEncoding",
    "TextSource",
    "encoding_hint",
    "guess_encoding",
    "sniff_encoding",
]

BLOCK = 1 << 20
"""Bytes read per block."""

SNIFF = 8000
"""Bytes looked at for a NUL byte (git's binary heuristic uses the same window)."""

# Longest BOMs first: the UTF-32-LE BOM starts with the UTF-16-LE one.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)


class FileProblem(Exception):
    """A file mixscript cannot process; ``str()`` is the one-line report.

    ``exit_code`` is 2 for input errors; notes (binary files) use 0 because
    skipping them is the expected behaviour, not a failure.
    """

    exit_code = 2

    def __init__(self, name: str, detail: str) -> None:
        super().__init__(f"{name}: {detail}")
        self.name = name
        self.detail = detail


class DecodeProblem(FileProblem):
    """The bytes are not valid in the file's encoding; ``byte`` is the absolute offset.

    ``hint`` names an encoding that decodes the file's first block cleanly
    (see :func:`guess_encoding`), so the user knows what to pass.
    """

    def __init__(self, name: str, label: str, byte: int, hint: str = "") -> None:
        super().__init__(name, f"not {label} at byte {byte}{hint}")
        self.byte = byte


class BinaryFileError(FileProblem):
    """A NUL byte near the start: a binary file, skipped with a note.

    ``named``: the file was named on the command line and its text was asked
    for on standard output; skipping it would leave an empty output that
    looks like success, so it is an error (exit 2) instead of a note.
    """

    exit_code = 0

    def __init__(self, name: str, byte: int, hint: str = "", named: bool = False) -> None:
        verdict = "not processed" if named else "skipped"
        super().__init__(name, f"binary file (NUL byte at {byte}), {verdict}{hint}")
        self.byte = byte
        self.hint = hint
        if named:
            self.exit_code = 2


# Encodings Arabic-script text was commonly stored in before UTF-8, with the
# name --encoding takes.  Tried in this order; the first that decodes the
# sample as text wins.
_LEGACY: tuple[tuple[str, str], ...] = (
    ("windows-1256", "cp1256"),
    ("ISO-8859-6", "iso8859-6"),
    ("cp720", "cp720"),
)
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_ARABIC_LETTER = re.compile(r"[\u0620-\u064a\u066e-\u06d3\u06fa-\u06fc]")
_BAD = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]")


def _clean(text: str) -> bool:
    """Whether decoded ``text`` reads as text: no controls, and its non-ASCII is mostly Arabic."""
    if not text or _BAD.search(text):
        return False
    wide = [ch for ch in text if ord(ch) > 0x7F]
    return not wide or 2 * len(_ARABIC.findall("".join(wide))) >= len(wide)


def guess_encoding(sample: bytes) -> tuple[str, str] | None:
    """(label, codec for ``--encoding``) of a legacy encoding that decodes ``sample`` cleanly.

    Candidates: UTF-16 without a BOM (either byte order), windows-1256,
    ISO-8859-6 and cp720.  "Cleanly" means no decoding error, no control
    character but whitespace, and non-ASCII characters mostly of the Arabic
    script, so a binary file or Latin-1 text is not mistaken for one.  A
    sample cut inside a character loses its last bytes first.

    >>> guess_encoding("سلام".encode("cp1256"))
    ('windows-1256', 'cp1256')
    >>> guess_encoding("سلام".encode("utf-16-le"))
    ('UTF-16-LE (no BOM)', 'utf-16-le')
    >>> guess_encoding(bytes(range(256))) is None
    True
    """
    as_utf8 = sample.decode("utf-8", "replace")
    wide = sum(ord(ch) > 0x7F for ch in as_utf8)
    if wide and 10 * as_utf8.count("\ufffd") < wide:
        return None  # UTF-8 with a damaged byte or two, not another encoding
    even = sample[: len(sample) // 2 * 2]
    for label, codec in (("UTF-16-LE", "utf-16-le"), ("UTF-16-BE", "utf-16-be")):
        for cut in (even, even[:-2]):
            try:
                text = cut.decode(codec)
            except UnicodeDecodeError:
                continue
            if _clean(text) and any(ord(ch) > 0xFF for ch in text[:4096]):
                return f"{label} (no BOM)", codec
            break
    # The legacy code pages overlap (an ISO-8859-6 file mostly decodes as
    # windows-1256 too, with a few letters turned into accented Latin ones),
    # so the one whose non-ASCII characters are most often Arabic letters wins.
    best: tuple[float, str, str] | None = None
    for label, codec in _LEGACY:
        try:
            text = sample.decode(codec)
        except UnicodeDecodeError:
            continue
        letters = len(_ARABIC_LETTER.findall(text))
        all_letters = sum(ch.isalpha() for ch in text)
        if not _clean(text) or letters < 2 or 5 * letters < all_letters:
            continue  # a few accented letters of a Latin-1 file are not Arabic text
        score = letters / max(1, sum(ord(ch) > 0x7F for ch in text))
        if best is None or score > best[0]:
            best = (score, label, codec)
    return None if best is None else (best[1], best[2])


def encoding_hint(sample: bytes) -> str:
    """``"; decodes as windows-1256: try --encoding cp1256"``, or "" when nothing fits."""
    guess = guess_encoding(sample[: SNIFF * 8])
    if guess is None:
        return ""
    label, codec = guess
    return f"; decodes as {label}: try --encoding {codec}"


@dataclass(frozen=True, slots=True)
class TextEncoding:
    """How a file's text is stored: codec of the body, BOM bytes before it, a label for errors."""

    codec: str = "utf-8"
    bom: bytes = b""
    label: str = "UTF-8"

    def encode(self, text: str) -> bytes:
        """``text`` in this encoding, without the BOM."""
        return text.encode(self.codec)


def sniff_encoding(
    head: bytes, name: str, encoding: str | None = None, nul_is_text: bool = False
) -> TextEncoding:
    """The encoding of a file whose first bytes are ``head``.

    A user-given ``encoding`` wins (the BOM, if any, is then part of the text
    and round-trips).  Otherwise a BOM decides; without one the file must be
    UTF-8, and a NUL byte in the first :data:`SNIFF` bytes marks it binary,
    unless ``nul_is_text`` (standard input: a pipe from a PDF extractor
    carries NUL characters, and dropping its text would lose it silently).

    >>> sniff_encoding(b"\\xef\\xbb\\xbfabc", "f")
    TextEncoding(codec='utf-8', bom=b'\\xef\\xbb\\xbf', label='UTF-8')
    >>> sniff_encoding(b"\\xff\\xfea\\x00", "f").codec
    'utf-16-le'
    """
    if encoding is not None:
        try:
            codec = codecs.lookup(encoding).name
        except LookupError:
            raise FileProblem(name, f"unknown encoding {encoding!r}") from None
        return TextEncoding(codec=codec, bom=b"", label=encoding)
    for bom, codec, label in _BOMS:
        if head.startswith(bom):
            return TextEncoding(codec=codec, bom=bom, label=label)
    nul = -1 if nul_is_text else head.find(b"\0", 0, SNIFF)
    if nul >= 0 and not _text_with_nul(head[:SNIFF]):
        guess = guess_encoding(head[: SNIFF * 8])
        hint = f"; decodes as {guess[0]}: try --encoding {guess[1]}" if guess else ""
        raise BinaryFileError(name, nul, hint)
    return TextEncoding()


def _text_with_nul(head: bytes) -> bool:
    r"""Whether a head holding NUL bytes is still UTF-8 text: PDF extractors write such files.

    Real text with a NUL character or two (pdfminer and pypdf emit them for
    glyphs they cannot map) decodes as UTF-8 and has NULs only here and
    there; binary formats do not decode, and UTF-16 without a BOM has a NUL
    in every other byte.  So: valid UTF-8 (a sequence cut at the end of the
    window aside) with at most one NUL in sixteen bytes.

    >>> _text_with_nul("سلام\0 دنیا، a line from a PDF extractor".encode())
    True
    >>> _text_with_nul(b"abc\0def\n"), _text_with_nul(b"\x89PNG\r\n\x1a\n\0\0\0")
    (False, False)
    """
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.reason != "unexpected end of data":
            return False
    return head.count(b"\0") * 16 <= len(head)


class TextSource:
    """Decoded text of a binary stream, block by block.

    ``encoding`` is known once the object is built (the first block is read
    eagerly to sniff it).  Iterating yields ``str`` blocks; an undecodable
    byte raises :class:`DecodeProblem` with its absolute offset in the stream.
    """

    def __init__(
        self,
        stream: BinaryIO,
        name: str,
        encoding: str | None = None,
        block: int = BLOCK,
        nul_is_text: bool = False,
    ) -> None:
        self.name = name
        self._stream = stream
        self._block = max(block, SNIFF)
        self._first = stream.read(self._block)
        self.encoding = sniff_encoding(self._first, name, encoding, nul_is_text)
        self._user_encoding = encoding
        self.bytes_read = len(self._first)

    @property
    def first_block(self) -> bytes:
        """The first bytes of the stream, BOM included (for a look at the first line)."""
        return self._first

    def __iter__(self) -> Iterator[str]:
        enc = self.encoding
        decoder = codecs.getincrementaldecoder(enc.codec)(errors="strict")
        consumed = len(enc.bom)  # absolute offset of the next byte handed to the decoder
        data = self._first[len(enc.bom) :]
        final = False
        while True:
            if not final and len(data) < self._block:
                more = self._stream.read(self._block)
                self.bytes_read += len(more)
                final = not more
                data += more
                if not final:
                    continue
            pending = len(decoder.getstate()[0])
            try:
                text = decoder.decode(data, final=final)
            except UnicodeDecodeError as exc:
                byte = consumed - pending + exc.start
                # A legacy encoding is suggested only when everything before
                # the bad byte was ASCII: valid UTF-8 letters before it mean
                # a damaged UTF-8 file, not one in another encoding.
                legacy = self._user_encoding is None and self._first[:byte].isascii()
                hint = encoding_hint(self._first) if legacy else ""
                raise DecodeProblem(self.name, enc.label, byte, hint) from None
            consumed += len(data)
            data = b""
            if text:
                yield text
            if final:
                return


def _os_reason(exc: OSError) -> str:
    return (exc.strerror or type(exc).__name__).lower()


class AtomicWriter:
    """Write a new version of ``path`` next to it, then swap it in with ``os.replace``.

    Why: a crash, a full disk or an undecodable byte found half way through
    must leave the original intact.  The temporary file lives in the same
    folder (``os.replace`` is atomic only within one file system) and gets the
    original's permission bits before the swap.  A read-only file is refused
    rather than replaced behind the owner's back, and a file deleted while we
    worked is not brought back.

    Use as a context manager; call :meth:`commit` to swap, otherwise the
    temporary file is removed on exit.
    """

    def __init__(self, path: Path, encoding: TextEncoding) -> None:
        self.name = name = str(path)
        # Through a symbolic link, replace the file it points to, not the link.
        self.path = path = path.resolve()
        try:
            st = os.stat(path)
        except OSError as exc:
            raise FileProblem(name, _os_reason(exc)) from None
        if not st.st_mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(
            path, os.W_OK
        ):
            raise FileProblem(name, "read-only, left unchanged")
        self._mode = stat.S_IMODE(st.st_mode)
        self._encoder = codecs.getincrementalencoder(encoding.codec)(errors="strict")
        try:
            fd, tmp = tempfile.mkstemp(
                prefix=f".{path.name}.", suffix=".mixscript-tmp", dir=path.parent
            )
        except OSError as exc:
            raise FileProblem(name, f"cannot write next to it ({_os_reason(exc)})") from None
        self._tmp = Path(tmp)
        self._file: BinaryIO | None = os.fdopen(fd, "wb")
        self._bom = encoding.bom
        self._file.write(encoding.bom)

    def copy_prefix(self, nbytes: int, encoder_state: int | str) -> None:
        """Copy the original's first ``nbytes`` bytes after its BOM unchanged.

        Used when the first part of a file needed no change: it was not kept
        in memory, so its bytes come from the original.  ``encoder_state`` is
        the state of the encoder that measured those bytes, so a codec that
        writes a BOM of its own (``utf-16``) does not write it twice.
        """
        assert self._file is not None
        with open(self.path, "rb") as original:
            original.seek(len(self._bom))
            remaining = nbytes
            while remaining > 0:
                block = original.read(min(remaining, BLOCK))
                if not block:
                    raise FileProblem(self.name, "changed while being processed, left unchanged")
                self._file.write(block)
                remaining -= len(block)
        self._encoder.setstate(encoder_state)

    def write(self, text: str) -> None:
        """Append ``text``, encoded like the original."""
        assert self._file is not None
        self._file.write(self._encoder.encode(text))

    def commit(self) -> None:
        """Swap the new content in, keeping the original's permission bits."""
        assert self._file is not None
        self._file.write(self._encoder.encode("", final=True))
        self._file.close()
        self._file = None
        name = self.name
        if not self.path.exists():  # deleted by someone else while we worked
            raise FileProblem(name, "deleted while being processed, not recreated")
        try:
            os.chmod(self._tmp, self._mode)
            os.replace(self._tmp, self.path)
        except OSError as exc:
            raise FileProblem(name, f"cannot replace ({_os_reason(exc)})") from None

    def _discard(self) -> None:
        if self._file is not None:
            self._file.close()
            self._file = None
        self._tmp.unlink(missing_ok=True)

    def __enter__(self) -> AtomicWriter:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._discard()
