"""Shared test helpers.

Under ``MIXSCRIPT_REQUIRE_ALL=1`` (set by ``.ci/run``) a skipped test is turned
into a failure: in CI every optional dependency and data file must be present,
so a skip would only hide a broken install.
"""

from __future__ import annotations

import os
from collections.abc import Generator
from pathlib import Path

import pytest

UNICODE_DIR = Path(os.environ.get("MIXSCRIPT_UNICODE_DIR", "/usr/share/unicode"))
REQUIRE_ALL = os.environ.get("MIXSCRIPT_REQUIRE_ALL") == "1"


def _unicode_file(name: str) -> Path:
    path = UNICODE_DIR / name
    if not path.exists():
        pytest.skip(f"{path} missing: install Debian's unicode-data package")
    return path


@pytest.fixture(scope="session")
def ucd_file() -> object:
    """A function: name of a Unicode data file -> its path from ``unicode-data``, or skip."""
    return _unicode_file


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, None, None]:
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"skipped under MIXSCRIPT_REQUIRE_ALL=1: {report.longrepr}"
