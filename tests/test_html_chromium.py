"""``mixscript segment --format html`` as a real browser draws it (headless Chromium).

What is checked is what is *drawn*, not what a style says: the test appends
a script to the page that records, for every character shown, the box
Chromium laid it out in (``Range.getBoundingClientRect``), and reads those
boxes back with ``--dump-dom``.  The same page also holds a reference: the
same text as one plain ``white-space: pre-wrap; unicode-bidi: plaintext``
block, which is how a plain-text viewer draws it (each line a bidi paragraph
whose direction comes from its first strong character).  The segment page
must put the words of every line in the same left-to-right order as the
reference; and, independently of any reference, the words of
``سلام Hello دنیا`` must run right to left, because its first strong letter
is Arabic (UAX #9 P2/P3).
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

import mixscript
from tests import _cli_helpers as h

RTL_LINE = "\u0633\u0644\u0627\u0645 Hello \u062f\u0646\u06cc\u0627"  # سلام Hello دنیا
ITALIC_LINE = (
    "<i>\u0633\u0644\u0627\u0645\u060c I am from Berlin (\u0622\u0644\u0645\u0627\u0646).</i>"
)
TEXT = (
    f"{RTL_LINE}\n"
    f"{ITALIC_LINE}\n"
    "Statement \u0628\u0633\u0645 \u0627\u0644\u0644\u0647 (Vienna\u060c \u06f1\u06f4\u06f0\u06f0)\n"
    "\u0645\u06cc\N{ZERO WIDTH NON-JOINER}\u062e\u0648\u0627\u0647\u0645 <b>&amp; \"quotes\" 'x'\r\n"
    "\n"
    "\u06f1\u06f4\u06f0\u06f0 \u0633\u0627\u0644 Hello 2024!\n"
    "123 (\u0641\u0627\u0631\u0633\u06cc) abc!\n"
    '\u00ab\u0633\u0644\u0627\u0645\u00bb \u06af\u0641\u062a: "Hi there!" \u0648 \u0631\u0641\u062a.\n'
    "\u2067\u0633\u0644\u0627\u0645\u2069 hi (\u0639\u0644\u06cc) there\n"
    f"{h.VISUAL}\n"
)
# Records every shown character's box, for the segment page (text inside the
# segment spans) and for the reference block, into <pre id="probe">.
PROBE = """<script>
function boxes(nodes) {
  const out = [];
  for (const node of nodes) {
    const range = document.createRange();
    for (let i = 0; i < node.data.length; i++) {
      range.setStart(node, i);
      range.setEnd(node, i + 1);
      const r = range.getBoundingClientRect();
      out.push([node.data[i], r.left, r.right, r.top, r.width]);
    }
  }
  return out;
}
function textNodes(root) {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const nodes = [];
  while (walker.nextNode()) nodes.push(walker.currentNode);
  return nodes;
}
const spans = [...document.querySelectorAll("span.s")];
const result = {
  page: boxes(spans.flatMap((s) => textNodes(s))),
  reference: boxes(textNodes(document.getElementById("reference"))),
  spans: spans.map((s) => {
    const r = s.getBoundingClientRect();
    return [s.textContent, r.left, r.right, r.top, s.title, s.className,
            s.closest(".p").getAttribute("dir")];
  }),
  unicodeBidi: spans.map((s) => getComputedStyle(s).unicodeBidi),
};
const pre = document.createElement("pre");
pre.id = "probe";
pre.textContent = JSON.stringify(result);
document.body.appendChild(pre);
</script>
"""
REFERENCE = (
    '<div id="reference" style="white-space: pre-wrap; unicode-bidi: plaintext;'
    " font-family: 'DejaVu Sans', sans-serif\">{}</div>\n"
)
_PARAGRAPH_BREAK = re.compile(r"\r\n|[\n\r\x1c-\x1e\x85\u2029]")


class _Probe(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.inside = False
        self.data = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "pre" and ("id", "probe") in attrs

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.data += data

    def handle_endtag(self, tag: str) -> None:
        self.inside = False


def _draw(page: str, tmp_path: Path) -> dict[str, list[list[object]]]:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("chromium not installed")
    path = tmp_path / "segments.html"
    path.write_text(page, encoding="utf-8")
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
            "--window-size=1600,1200",
            f"--user-data-dir={tmp_path / 'profile'}",
            "--virtual-time-budget=2000",
            "--dump-dom",
            path.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    parser = _Probe()
    parser.feed(proc.stdout)
    assert parser.data, proc.stdout[-2000:]
    result: dict[str, list[list[object]]] = json.loads(parser.data)
    return result


def _word_order(shown: str, chars: list[list[object]]) -> list[list[str]]:
    """Per line of ``shown``, its words sorted by where they are drawn, left to right.

    ``chars`` are the boxes of ``shown`` without its paragraph breaks, in
    logical order; a word is a run of characters without white space.
    """
    assert "".join(str(c[0]) for c in chars) == _PARAGRAPH_BREAK.sub("", shown)
    lines: list[list[str]] = []
    k = 0
    for line in _PARAGRAPH_BREAK.split(shown):
        words = []
        for m in re.finditer(r"\S+", line):
            drawn = [chars[k + i] for i in range(m.start(), m.end())]
            visible = [c for c in drawn if float(str(c[4])) > 0] or drawn
            left = min(float(str(c[1])) for c in visible)
            right = max(float(str(c[2])) for c in visible)
            tops = {round(float(str(c[3]))) for c in visible}
            assert len(tops) == 1, (m.group(), tops)  # one word, one line: nothing wrapped
            words.append((left + right, m.group()))
        lines.append([w for _, w in sorted(words)])
        k += len(line)
    return lines


@pytest.mark.external  # drives a headless Chromium
def test_chromium_draws_segments_as_the_plain_text(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    r = h.run(monkeypatch, "segment", "--format", "html", stdin=TEXT.encode())
    assert r.code == 0
    shown = mixscript.normalize(TEXT, "safe")
    reference = REFERENCE.format(html.escape(shown).replace("\r", "&#13;"))
    drawn = _draw(r.text.replace("</body>", reference + PROBE + "</body>"), tmp_path)

    # Nothing isolates: every segment is an ordinary inline box.
    assert set(map(str, drawn["unicodeBidi"])) == {"normal"}

    page = _word_order(shown, drawn["page"])
    # The reference block holds the paragraph breaks themselves; they draw nothing.
    ref_chars = [c for c in drawn["reference"] if not _PARAGRAPH_BREAK.fullmatch(str(c[0]))]
    ref = _word_order(shown, ref_chars)
    assert page == ref
    # The reference itself is right: the RTL line runs right to left, the
    # italic line (first strong letter Latin `i`) left to right with the
    # Arabic words reversed inside it.
    assert page[0] == ["\u062f\u0646\u06cc\u0627", "Hello", "\u0633\u0644\u0627\u0645"]
    assert page[1][0] == "<i>\u0633\u0644\u0627\u0645\u060c" and page[1][1:4] == ["I", "am", "from"]

    # Independently of the reference: the segment boxes of سلام Hello دنیا.
    spans = {str(s[0]): s for s in drawn["spans"][:5]}
    salam, hello, donya = (
        spans["\u0633\u0644\u0627\u0645"],
        spans["Hello"],
        spans["\u062f\u0646\u06cc\u0627"],
    )
    assert float(str(salam[1])) >= float(str(hello[2])) - 0.5
    assert float(str(hello[1])) >= float(str(donya[2])) - 0.5
    assert salam[6] == "rtl"

    # Tooltips and colours: tag, kind, confidence and offsets; one colour per language.
    for span in drawn["spans"]:
        title = span[4]
        assert re.fullmatch(
            r"[a-z]{2,3}-[A-Z][a-z]{3}, [a-z]+, confidence [01]\.\d\d, code points \d+-\d+",
            str(title),
        ), title
    colour_of: dict[str, set[str]] = {}
    for s in drawn["spans"]:
        lang = str(s[4]).split("-")[0]
        colour_of.setdefault(lang, set()).add(str(s[5]))
    assert colour_of.pop("und") == {"s"}
    assert all(len(c) == 1 for c in colour_of.values())
    assert len({next(iter(c)) for c in colour_of.values()}) == len(colour_of)


def test_page_escapes_input_and_keeps_paragraphs(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a browser: what the page is made of, checked on the markup."""
    text = '<script>alert("x")</script> \u0633\u0644\u0627\u0645\n\nab\u2028\u0628\r\n\u0628 x'
    r = h.run(monkeypatch, "segment", "--format", "html", stdin=text.encode())
    assert r.code == 0
    body = r.text.split('<div class="text">', 1)[1]
    assert "<script>" not in body and "&lt;script&gt;alert(&quot;x&quot;)" in body
    assert "<bdi" not in r.text and not re.search(r"<span[^>]* dir=", body)
    paragraphs = re.findall(r'<div class="p" dir="(\w+)">(.*?)</div>', body)
    # Four bidi paragraphs (LF, LF, CR LF); U+2028 only breaks the line.
    assert [d for d, _ in paragraphs] == ["ltr", "auto", "ltr", "rtl"]
    assert paragraphs[1][1] == "<br>"
    assert "<br>" in paragraphs[2][1]
    # The legend counts every segment once.
    segments = mixscript.segment(text, profile="safe")
    counts = [int(n) for n in re.findall(r"</span> (\d+)</li>|: (\d+)</li>", body) for n in n if n]
    assert sum(counts) == len(segments)
