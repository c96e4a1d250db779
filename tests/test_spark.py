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
from tests.chars import TATWEEL, ZWNJ

pytestmark = pytest.mark.external  # local Spark needs a Java runtime

pytest.importorskip("pyspark")
pytest.importorskip("pandas")
pytest.importorskip("pyarrow")


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
ROWS = [(i, TEXTS[i % len(TEXTS)]) for i in range(2 * len(TEXTS))]
MAX_BATCH = 4


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
        # A short-lived JVM: the C1 compiler alone and the serial collector start
        # faster, and this module's jobs are far too small to profit from C2.
        .config("spark.driver.extraJavaOptions", "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", str(MAX_BATCH))
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


LANGS = ["fa", "en"]


@pytest.fixture(scope="module")
def results(spark: Any) -> dict[str, dict[int, Any]]:
    """Every UDF column of the module, computed in one Spark job: column -> row id -> value.

    One job, because each Python worker pays for its imports (and lingua's models)
    once, and the module has to stay fast.
    """
    from mixscript.spark import normalize_udf, segment_udf

    # Two partitions straight from the list, without a shuffle.
    frame = spark.createDataFrame(spark.sparkContext.parallelize(ROWS, 2), "id long, text string")
    assert frame.rdd.getNumPartitions() == 2
    columns = {
        "segments": segment_udf()("text"),
        "segments_langs": segment_udf(languages=LANGS)("text"),
        "safe": normalize_udf("safe")("text"),
        "clean": normalize_udf()("text"),
        "search": normalize_udf("search")("text"),
        "search_object": normalize_udf(mixscript.PROFILES["search"])("text"),
    }
    rows = frame.select("id", *(col.alias(name) for name, col in columns.items())).collect()
    return {name: {r["id"]: r[name] for r in rows} for name in columns}


def _segment_dict(s: mixscript.Segment) -> dict[str, object]:
    return {**dataclasses.asdict(s), "tag": s.tag}


def _as_dicts(value: Any) -> list[dict[str, object]] | None:
    return None if value is None else [row.asDict() for row in value]


def test_every_row_comes_back_once(results: dict[str, dict[int, Any]]) -> None:
    for column in results.values():
        assert sorted(column) == [i for i, _ in ROWS]


def test_segment_udf_matches_segment(results: dict[str, dict[int, Any]]) -> None:
    for i, text in ROWS:
        expected = None if text is None else [_segment_dict(s) for s in mixscript.segment(text)]
        assert _as_dicts(results["segments"][i]) == expected, text


def test_segment_udf_passes_languages(results: dict[str, dict[int, Any]]) -> None:
    for i, text in ROWS:
        expected = (
            None
            if text is None
            else [_segment_dict(s) for s in mixscript.segment(text, languages=LANGS)]
        )
        assert _as_dicts(results["segments_langs"][i]) == expected, text


def test_segment_udf_offsets_by_hand(results: dict[str, dict[int, Any]]) -> None:
    """Checked by hand: "Hi" is 0..2, the space 2..3, the four Arabic letters 3..7."""
    first = results["segments"][0]
    assert [(r.start, r.end, r.script, r.direction) for r in first] == [
        (0, 2, "Latn", "ltr"),
        (2, 3, "Zyyy", "neutral"),
        (3, 7, "Arab", "rtl"),
    ]
    assert results["segments"][1] == []  # the empty string has no segments
    assert results["segments"][2] is None  # null stays null


@pytest.mark.parametrize("profile", ["safe", "clean", "search"])
def test_normalize_udf_matches_normalize(results: dict[str, dict[int, Any]], profile: str) -> None:
    expected = {i: None if t is None else mixscript.normalize(t, profile=profile) for i, t in ROWS}
    assert results[profile] == expected


def test_normalize_udf_takes_a_profile_object(results: dict[str, dict[int, Any]]) -> None:
    assert results["search_object"] == results["search"]


def test_normalize_udf_by_hand(results: dict[str, dict[int, Any]]) -> None:
    # `clean` removes tatweel, so the kashida-stretched word is plain كتاب (row 5).
    assert results["clean"][5] == "كتاب"
    assert results["safe"][0] == results["clean"][0] == "Hi سلام"


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
