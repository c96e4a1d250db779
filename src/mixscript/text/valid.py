"""What the library accepts as text: any ``str`` without a lone surrogate."""

from __future__ import annotations

import regex

from mixscript.model import InputError

__all__ = ["validate"]

_SURROGATE = regex.compile(r"[\ud800-\udfff]")


def validate(text: str, name: str = "text") -> None:
    """Raise :class:`TypeError` unless ``text`` is a ``str``, :class:`InputError` for a lone surrogate.

    Why the type check here: every public function calls this first, and
    without it ``None`` or ``bytes`` fail deep inside with a message about
    "bytes-like objects" or "string patterns" that says nothing of the call.
    Lone surrogates come from ``errors="surrogateescape"`` decoding or broken
    JSON; they are not characters, so no offset computed over them means much.

    >>> validate(b"abc")
    Traceback (most recent call last):
    ...
    TypeError: text must be str, not bytes (decode it first, e.g. data.decode("utf-8"))
    """
    if not isinstance(text, str):
        hint = (
            ' (decode it first, e.g. data.decode("utf-8"))'
            if isinstance(text, bytes | bytearray | memoryview)
            else ""
        )
        raise TypeError(f"{name} must be str, not {type(text).__name__}{hint}")
    m = _SURROGATE.search(text)
    if m is not None:
        raise InputError(f"lone surrogate U+{ord(m.group()):04X} in input", m.start())
