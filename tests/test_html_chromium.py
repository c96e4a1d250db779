"""``mixscript segment --format html`` read back by a real browser (headless Chromium).

The page is produced by the command line; the test appends a small script
that writes every ``bdi``'s computed ``direction`` and ``-webkit-locale``
(Chromium's computed language) into the DOM, and reads the DOM back with
``--dump-dom``.  The expected values come from :func:`mixscript.segment`
and from the direction of the scripts themselves (Arabic is right-to-left).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import mixscript
from tests import _cli_helpers as h

pytestmark = pytest.mark.external  # drives a headless Chromium

TEXT = (
    "Statement \u0628\u0633\u0645 \u0627\u0644\u0644\u0647 (Vienna\u060c \u06f1\u06f4\u06f0\u06f0)\n"
    "\u0645\u06cc\N{ZERO WIDTH NON-JOINER}\u062e\u0648\u0627\u0647\u0645 <b>&amp; \"quotes\" 'x'\r\n"
    f"{h.VISUAL}\n"
)
PROBE = """<script>
for (const el of document.querySelectorAll("bdi")) {
  const style = getComputedStyle(el);
  el.setAttribute("data-direction", style.direction);
  el.setAttribute("data-locale", style.webkitLocale);
}
</script>
"""
_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


class _Bdis(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[dict[str, str]] = []
        self._open: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "bdi":
            self._open = {k: v or "" for k, v in attrs} | {"text": ""}

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open["text"] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "bdi" and self._open is not None:
            self.found.append(self._open)
            self._open = None


def test_chromium_computes_each_segments_direction_and_language(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed")
    r = h.run(monkeypatch, "segment", "--format", "html", stdin=TEXT.encode())
    assert r.code == 0
    page = tmp_path / "segments.html"
    page.write_text(r.text.replace("</body>", PROBE + "</body>"), encoding="utf-8")
    proc = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--dump-dom",
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    parser = _Bdis()
    parser.feed(proc.stdout)
    got = parser.found

    expected = [
        (seg, piece)
        for seg in mixscript.segment(TEXT, profile="safe")
        for piece in _BREAK.split(seg.text)
        if piece
    ]
    assert len(got) == len(expected)
    arabic = 0
    for el, (seg, piece) in zip(got, expected, strict=True):
        assert el["text"] == piece  # escaping survived the HTML parser
        assert el["data-locale"] == f'"{seg.tag}"'
        if seg.script == "Arab":
            arabic += 1
            assert el["data-direction"] == "rtl"
        else:
            # Latin is left-to-right; a neutral run inside the page's LTR root also resolves to ltr.
            assert el["data-direction"] == "ltr"
    assert arabic >= 4
    assert '<b>&amp; "quotes"' in "".join(el["text"] for el in got)
