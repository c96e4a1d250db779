"""``mixscript detect``: the languages of each input as a whole, ranked, with confidences.

Each input is read whole (its languages are a property of all of it) and
gets one line: ``text`` format ``PATH<TAB>fa 0.9962 en 0.0031``, ``jsonl``
one object ``{"path": ..., "languages": [{"lang": "fa", "confidence":
0.9962}, ...]}``.  The confidences are :func:`mixscript.detect`'s: each
language's share of the letters, weighted by the confidence of its tags.
"""

from __future__ import annotations

from dataclasses import dataclass

from mixscript.cli.engine import ChunkOut, Command, FileState, Input
from mixscript.cli.segment import json_line
from mixscript.text.chunks import Chunk

__all__ = ["DetectCommand"]


@dataclass(frozen=True)
class DetectCommand(Command):
    """Options of one ``detect`` run."""

    format: str = "text"
    languages: tuple[str, ...] | None = None
    min_confidence: float | None = None
    encoding: str | None = None
    whole: bool = True

    def process(self, chunk: Chunk, inp: Input) -> ChunkOut:
        from mixscript.lang.tagger import DEFAULT_MIN_CONFIDENCE
        from mixscript.segments import detect

        found = detect(
            chunk.text,
            profile=inp.profile,
            languages=self.languages,
            min_confidence=(
                DEFAULT_MIN_CONFIDENCE if self.min_confidence is None else self.min_confidence
            ),
        )
        if self.format == "jsonl":
            record: dict[str, object] = {
                "path": inp.name,
                "languages": [{"lang": d.lang, "confidence": d.confidence} for d in found],
            }
            return ChunkOut(items=[json_line(record)])
        ranked = " ".join(f"{d.lang} {d.confidence:.4f}" for d in found)
        return ChunkOut(items=[f"{inp.name}\t{ranked}\n"])

    def exit_code(self, state: FileState) -> int:
        return 0
