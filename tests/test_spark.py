"""The Spark UDFs give, row by row, what the plain library functions give.

One local Spark (``local[2]``, no UI, bound to the loopback interface) serves
the whole module, because starting the JVM costs several seconds. Arrow
batches are made deliberately small so that a DataFrame of a few dozen rows
crosses several batches and both partitions: a UDF that lost the row order or
the index inside a batch would put a result on the wrong row.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pytest

import mixscript

pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")

ZWNJ = "\N{ZERO WIDTH NON-JOINER}"
TATWEEL = "\N{ARABIC TATWEEL}"

TEXTS: list[str | None] = [
    "Hi سلام",
    "",
    None,
    "The statement opens: بِسْمِ اللَّهِ الرَّحْمَنِ الرَّحِيمِ, then English.",
    f"می{ZWNJ}خواهم in Persian, and كتاب in Arabic",
    f"ك{TATWEEL}ت{TATWEEL}اب",
    "Urdu: یہ کتاب ہے۔ German: Straße, French: garçon",
    "digits ١٢٣ ۱۲۳ 123\nsecond line",
    "\N{ARABIC LIGATURE BISMILLAH AR-RAHMAN AR-RAHEEM} and \N{ARABIC LIGATURE LAM WITH ALEF WITH HAMZA ABOVE ISOLATED FORM}",
]
# Enough rows for several Arrow batches of MAX_BATCH rows in each of the two partitions.
ROWS = [(i, TEXTS[i % len(TEXTS)]) for i in range(4 * len(TEXTS))]
MAX_BATCH = 7


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    if shutil.which("java") is None and "JAVA_HOME" not in os.environ:
        pytest.skip("no Java runtime: PySpark needs one (.ci/run installs default-jre-headless)")
    from pyspark.sql import SparkSession

    # Workers must run this interpreter (with mixscript importable), and
    # nothing may reach beyond the loopback interface.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    session = (
        SparkSession.builder.master("local[2]")
        .appName("mixscript-test")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(MAX_BATCH))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def frame(spark: Any) -> Any:
    return spark.createDataFrame(ROWS, "id long, text string").repartition(2)


def _collect(frame: Any, column: Any) -> dict[int, Any]:
    return {r["id"]: r["out"] for r in frame.select("id", column.alias("out")).collect()}


def _segment_dict(s: mixscript.Segment) -> dict[str, object]:
    return {**dataclasses.asdict(s), "tag": s.tag}


def test_segment_udf_matches_segment(frame: Any) -> None:
    from mixscript.spark import segment_udf

    got = _collect(frame, segment_udf()("text"))
    assert sorted(got) == [i for i, _ in ROWS]
    for i, text in ROWS:
        if text is None:
            assert got[i] is None
            continue
        assert [row.asDict() for row in got[i]] == [
            _segment_dict(s) for s in mixscript.segment(text)
        ], text


def test_segment_udf_offsets_by_hand(frame: Any) -> None:
    """Checked by hand: "Hi" is 0..2, the space 2..3, the four Arabic letters 3..7."""
    from mixscript.spark import segment_udf

    got = _collect(frame, segment_udf(languages=["ar", "fa", "en"])("text"))
    first = got[0]
    assert [(r.start, r.end, r.script, r.direction) for r in first] == [
        (0, 2, "Latn", "ltr"),
        (2, 3, "Zyyy", "neutral"),
        (3, 7, "Arab", "rtl"),
    ]
    assert got[1] == []  # the empty string has no segments


def test_segment_udf_passes_languages(frame: Any) -> None:
    from mixscript.spark import segment_udf

    langs = ["fa", "en"]
    got = _collect(frame, segment_udf(languages=langs)("text"))
    for i, text in ROWS:
        if text is not None:
            expected = [_segment_dict(s) for s in mixscript.segment(text, languages=langs)]
            assert [row.asDict() for row in got[i]] == expected


def test_normalize_udf_matches_normalize(frame: Any) -> None:
    from mixscript import normalize
    from mixscript.spark import normalize_udf

    for profile in ("safe", "clean", "search"):
        got = _collect(frame, normalize_udf(profile)("text"))
        for i, text in ROWS:
            assert got[i] == (None if text is None else normalize(text, profile=profile))
    # Checked by hand: `clean` removes tatweel, so the kashida-stretched word is plain كتاب.
    assert _collect(frame, normalize_udf()("text"))[5] == "كتاب"


def test_schema_has_every_segment_field() -> None:
    from mixscript.spark import SEGMENT_FIELDS, segment_schema

    names = [f.name for f in dataclasses.fields(mixscript.Segment)] + ["tag"]
    assert [name for name, _ in SEGMENT_FIELDS] == names
    assert segment_schema().elementType.fieldNames() == names


def test_import_mixscript_does_not_import_pyspark() -> None:
    code = (
        "import sys, mixscript, mixscript.spark\n"
        "heavy = {'pyspark', 'pandas', 'pyarrow'} & set(sys.modules)\n"
        "assert not heavy, heavy\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
