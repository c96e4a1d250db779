"""mixscript on Apache Spark: ``normalize`` and ``segment`` as vectorised UDFs.

Spark hands a pandas UDF one Arrow batch of rows at a time (thousands of
rows), so the cost of crossing from the JVM into Python is paid once per
batch instead of once per row, as a plain ``udf`` would. Inside the batch the
plain library functions run unchanged; the UDFs add nothing but the column
types, so a DataFrame column gets exactly what :func:`mixscript.normalize` and
:func:`mixscript.segment` return for the same string.

PySpark, pandas and PyArrow are imported only when a UDF is built, so that
``import mixscript`` never needs them (install them with ``mixscript[spark]``).
This module deliberately has no ``from __future__ import annotations``: PySpark
reads the ``pd.Series`` annotations of the batch functions at run time to tell
which kind of pandas UDF they are, and the lazily imported ``pd`` is visible
only while the enclosing function runs.

Usage::

    from mixscript.spark import normalize_udf, segment_udf
    df = df.withColumn("clean", normalize_udf("clean")("text"))
    df = df.withColumn("segments", segment_udf(languages=["ar", "fa", "en"])("text"))
"""

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mixscript.normalization.profiles import Profile

#: The struct fields of one segment, in the order of :class:`mixscript.Segment`
#: plus the derived ``tag``; ``start``/``end`` are code-point offsets.
SEGMENT_FIELDS: tuple[tuple[str, str], ...] = (
    ("start", "long"),
    ("end", "long"),
    ("text", "string"),
    ("script", "string"),
    ("lang", "string"),
    ("direction", "string"),
    ("kind", "string"),
    ("confidence", "double"),
    ("tag", "string"),
)


def segment_schema() -> Any:
    """The Spark type of a ``segment_udf`` column: ``array<struct<start, end, ...>>``.

    Built from :data:`SEGMENT_FIELDS` with the type objects, not a DDL string,
    because ``end`` is an SQL keyword that a DDL parser may reject.
    """
    from pyspark.sql import types as T

    atoms = {"long": T.LongType(), "string": T.StringType(), "double": T.DoubleType()}
    struct = T.StructType(
        [T.StructField(name, atoms[kind], nullable=False) for name, kind in SEGMENT_FIELDS]
    )
    return T.ArrayType(struct, containsNull=False)


def normalize_udf(profile: "str | Profile" = "clean") -> Any:
    """A pandas UDF mapping a string column to ``mixscript.normalize(text, profile)``.

    ``profile`` is a profile name or a :class:`~mixscript.normalization.profiles.Profile`; it is
    pickled into the UDF and shipped to the executors with it. Nulls stay null.
    """
    import pandas as pd
    from pyspark.sql.pandas.functions import pandas_udf

    def _normalize_batch(texts: pd.Series) -> pd.Series:
        from mixscript import normalize

        return pd.Series(
            [normalize(t, profile=profile) if isinstance(t, str) else None for t in texts],
            index=texts.index,
            dtype=object,
        )

    return pandas_udf(_normalize_batch, "string")  # type: ignore[call-overload]


def segment_udf(profile: "str | Profile" = "clean", languages: Iterable[str] | None = None) -> Any:
    """A pandas UDF mapping a string column to its segments (see :func:`segment_schema`).

    Each row becomes a list of structs with the :class:`~mixscript.Segment`
    fields and ``tag``; a null row gives a null list. ``languages`` restricts
    language tagging as in :func:`mixscript.segment`.
    """
    import pandas as pd
    from pyspark.sql.pandas.functions import pandas_udf

    langs = None if languages is None else tuple(languages)

    def _segment_batch(texts: pd.Series) -> pd.Series:
        from mixscript import segment

        out: list[list[dict[str, object]] | None] = []
        for t in texts:
            if not isinstance(t, str):  # null arrives as None, NaN or pd.NA
                out.append(None)
                continue
            out.append(
                [
                    {
                        "start": s.start,
                        "end": s.end,
                        "text": s.text,
                        "script": s.script,
                        "lang": s.lang,
                        "direction": s.direction,
                        "kind": s.kind,
                        "confidence": float(s.confidence),
                        "tag": s.tag,
                    }
                    for s in segment(t, profile=profile, languages=langs)
                ]
            )
        return pd.Series(out, index=texts.index, dtype=object)

    return pandas_udf(_segment_batch, segment_schema())  # type: ignore[call-overload]
