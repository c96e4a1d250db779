"""Repair of what real PDF extractors hand back (``plan_repairs``, the ``safe`` profile).

Inputs are the shapes extractors were seen to produce on PDFs of the
sentences in ``evaluation/pdf/lines.txt``; every expected value is the
sentence as it was written (typed here by hand), never our own output.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import mixscript
from mixscript import Profile
from mixscript.bidi.repair import plan_repairs, unwrap_extractor_controls, words_read_backwards
from mixscript.bidi.repair import repair_edits as bidi_repair_edits
from mixscript.lang import words as lang_words
from mixscript.normalization.profiles import visual_order_edits

RLE, LRE, PDF = "\u202b", "\u202a", "\u202c"
GOLD = [
    line.partition("\t")[2]
    for line in (Path(__file__).parent.parent / "evaluation" / "pdf" / "lines.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line and not line.startswith("#")
]


def safe(text: str) -> str:
    return mixscript.normalize(text, "safe")


# ---------------------------------------------------------------- pdftotext wrappers


def test_pdftotext_wrappers_removed_and_spaces_put_back() -> None:
    # pdftotext's line: the space after "Martin" inside its wrapper, the
    # final stop inside the number's.
    line = f"{RLE}زار الأستاذ {LRE} Martin{PDF}المدينة عام {LRE}.2019{PDF}{PDF}"
    assert safe(line) == "زار الأستاذ Martin المدينة عام 2019."
    line = f"{RLE}اشتريت هاتفا من شركة {LRE} Samsung{PDF}بسعر {LRE} 300{PDF}دينار{LRE}.{PDF}{PDF}"
    assert safe(line) == "اشتريت هاتفا من شركة Samsung بسعر 300 دينار."
    # A Latin word opening the line; -layout's indentation is kept.
    line = f"    {RLE}{LRE} Ahmed{PDF}يسكن في الطابق {LRE}.3{PDF}{PDF}"
    assert safe(line) == "    Ahmed يسكن في الطابق 3."


def test_author_embeddings_are_not_extractor_wrappers() -> None:
    # Not a whole line in RLE ... PDF, or a left-to-right wrapper holding
    # Arabic: markup, which the safe profile keeps (it is balanced).
    for line in (
        f"see {RLE}السلام عليكم{PDF} here",
        f"{RLE}السلام {LRE}عليكم{PDF}{PDF}",
        f"{RLE}السلام{PDF} {RLE}عليكم{PDF}",
    ):
        assert unwrap_extractor_controls(line) == line
        assert safe(line) == line


# ---------------------------------------------------------------- final stop


def test_moved_final_stop_goes_back_to_the_end() -> None:
    assert safe(".ذهب الولد إلى المدرسة في الصباح") == "ذهب الولد إلى المدرسة في الصباح."
    # pypdfium2: the stop in front of a closing number.
    assert safe("نشرت مجلة Nature المقال في .2021") == "نشرت مجلة Nature المقال في 2021."


def test_stops_that_belong_at_the_front_stay() -> None:
    for line in ("...وفي المدينة", ".NET منصة في المدينة.", "ذهب الولد إلى المدرسة."):
        assert safe(line) == line


def test_moved_stops_on_a_page_fix_lines_without_evidence() -> None:
    # "ما منتظر نتیجه مسابقه هستیم" has no evidence of its own either way.
    page = ".ذهب الولد إلى المدرسة في الصباح\n.قرأت الطالبة الكتاب كله في يوم واحد\n.ما منتظر نتیجه مسابقه هستیم"
    assert safe(page) == (
        "ذهب الولد إلى المدرسة في الصباح.\n"
        "قرأت الطالبة الكتاب كله في يوم واحد.\n"
        "ما منتظر نتیجه مسابقه هستیم."
    )
    # Alone, it is left as it is.
    assert safe(".ما منتظر نتیجه مسابقه هستیم") == ".ما منتظر نتیجه مسابقه هستیم"


def test_right_to_left_stops_are_no_evidence_against_moved_stops() -> None:
    # PyMuPDF moves a neutral "." to the front but reads Urdu's "۔" (a
    # right-to-left character) in its place: Urdu lines ending with it do
    # not outvote the Arabic lines whose stop was moved.
    urdu = ["میں ہر روز اسکول جاتا ہوں۔", "بچے باغ میں کھیل رہے ہیں۔", "آج موسم بہت اچھا ہے۔"]
    page = "\n".join(
        [
            ".ذهب الولد إلى المدرسة في الصباح",
            ".قرأت الطالبة الكتاب كله في يوم واحد",
            *urdu,
            ".ما منتظر نتیجه مسابقه هستیم",
        ]
    )
    assert safe(page).split("\n") == [
        "ذهب الولد إلى المدرسة في الصباح.",
        "قرأت الطالبة الكتاب كله في يوم واحد.",
        *urdu,
        "ما منتظر نتیجه مسابقه هستیم.",
    ]
    # Logical lines ending with a neutral stop still outvote them.
    logical = page.replace(".ذهب", "ذهب").replace("الصباح", "الصباح.")
    logical += "\nسافر أخي إلى القاهرة لحضور مؤتمر.\nالكتب القديمة في الخزانة الخشبية."
    assert safe(logical).split("\n")[-3] == ".ما منتظر نتیجه مسابقه هستیم"


# ---------------------------------------------------------------- pages and documents


def _reversed(line: str) -> str:
    """A line as pdfminer reads a PDF of it: characters in drawn order (no marks, no Latin)."""
    return line[::-1]


STRONG = [
    "ذهب الولد إلى المدرسة في الصباح.",
    "كانت السماء صافية والشمس مشرقة.",
    "وصلت الرسالة متأخرة بسبب المطر.",
]
WEAK = "امروز هوا خیلی خوب است."  # one weak piece of evidence (the verb است)
NONE = "ما منتظر نتیجه مسابقه هستیم."  # no evidence at all


def test_weak_lines_repaired_when_their_page_is_visual() -> None:
    page = "\n".join(_reversed(line) for line in [*STRONG, WEAK, NONE])
    assert safe(page) == "\n".join([*STRONG, WEAK, NONE])


def test_weak_lines_alone_are_left() -> None:
    assert safe(_reversed(WEAK)) == _reversed(WEAK)
    assert safe(_reversed(NONE)) == _reversed(NONE)


def test_a_mostly_logical_page_repairs_no_weak_line() -> None:
    logical = [*STRONG, "هذه المدينة قديمة جدا.", "تبدأ المباراة بعد ساعة."]
    page = "\n".join([*logical, _reversed(NONE)])
    assert safe(page) == page


def test_each_page_decides_for_itself() -> None:
    visual = "\n".join(_reversed(line) for line in [*STRONG, NONE])
    logical = "\n".join([*STRONG, NONE])
    text = logical + "\f" + visual
    assert safe(text) == logical + "\f" + logical


def test_a_short_page_follows_the_document() -> None:
    pages = ["\n".join(_reversed(line) for line in STRONG), _reversed(NONE)]
    assert safe("\f".join(pages)) == "\n".join(STRONG) + "\f" + NONE


# ---------------------------------------------------------------- words and runs


def test_visual_lines_in_a_left_to_right_paragraph_are_turned_round_whole() -> None:
    # A line opening with a Latin word is a left-to-right paragraph: drawn,
    # its stop ends up at the right, as in a line whose words were reversed
    # one by one; the presentation forms say it was drawn as a whole.
    import arabic_reshaper
    from bidi import get_display

    logical = "200px ذهب الولد إلى المدرسة في الصباح."
    drawn = get_display(arabic_reshaper.reshape(logical))
    assert drawn.endswith(".")
    assert safe(drawn) == logical


def test_words_reversed_one_by_one(monkeypatch: pytest.MonkeyPatch) -> None:
    # pypdfium2 on a Chromium PDF: some words reversed, their order kept.
    # Without the word lists (no ``lang`` extra) the core's evidence alone.
    monkeypatch.setattr(lang_words, "available", lambda: False)
    page = "\n".join(
        [
            "تناك السماء ةيفاص والشمس ةقرشم.",
            "وصلت ةلاسرلا ةرخأتم بسبب المطر.",
            "زرنا جدتي يف ةيرقلا ةيلبجلا.",
            # The article alone is no evidence (جزيلا reversed opens with it
            # too): سمشلاو stays.
            "تناك السماء ةيفاص سمشلاو ةقرشم.",
        ]
    )
    assert safe(page).split("\n") == [
        "كانت السماء صافية والشمس مشرقة.",
        "وصلت الرسالة متأخرة بسبب المطر.",
        "زرنا جدتي في القرية الجبلية.",
        "كانت السماء صافية سمشلاو مشرقة.",
    ]


ZIPF = lang_words.arabic_script_zipf

# Lines pypdfium2 hands back from Chromium's PDF of ``lines.txt`` (Noto Naskh
# Arabic), one page's worth, each with its sentence as written.
_PDFIUM_LINES = [
    ("بهذ دلولا ىلإ ةسردملا يف الصباح.", "ذهب الولد إلى المدرسة في الصباح."),
    ("تناك السماء ةيفاص سمشلاو ةقرشم.", "كانت السماء صافية والشمس مشرقة."),
    (
        "لمعي والدي يف ىفشتسم ةنيدملا ذنم نيرشع ةنس.",
        "يعمل والدي في مستشفى المدينة منذ عشرين سنة.",
    ),
    ("امروز هوا یلیخ خوب تسا.", "امروز هوا خیلی خوب است."),
    ("رهش تهران بسیار شلوغ تسا.", "شهر تهران بسیار شلوغ است."),
]


def test_words_read_backwards_by_the_word_lists() -> None:
    pytest.importorskip("wordfreq")
    line = "له تعرف قيرطلا ىلإ ةبتكملا العامة؟"
    # هل and له are both words: neither way counts; تعرف and العامة read
    # forwards.  The other three are words only backwards.
    spans = words_read_backwards(line, ZIPF)
    assert [line[s:e] for s, e in spans] == ["قيرطلا", "ىلإ", "ةبتكملا"]
    assert words_read_backwards("هل تعرف الطريق إلى المكتبة العامة؟", ZIPF) == []
    # A line in presentation forms is left to the forms' evidence.
    assert words_read_backwards("\ufedb\ufe98\ufe8e\ufe8f", ZIPF) == []


def test_words_read_backwards_need_the_word_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lang_words, "available", lambda: False)
    assert words_read_backwards("بهذ دلولا ىلإ ةسردملا يف الصباح.", ZIPF) == []


def test_words_reversed_one_by_one_found_by_the_word_lists() -> None:
    pytest.importorskip("wordfreq")
    page = "\n".join(extracted for extracted, _ in _PDFIUM_LINES)
    assert safe(page).split("\n") == [gold for _, gold in _PDFIUM_LINES]
    # mixscript.repair_edits consults the lists as safe does.
    repaired = _apply(page, mixscript.repair_edits(page))
    assert repaired.split("\n") == [gold for _, gold in _PDFIUM_LINES]
    # Below the lists' layer they are the caller's to give: without them, the
    # core's evidence alone (ىلإ, ةسردملا, يف; بهذ and دلولا stay).
    alone = _apply(page, bidi_repair_edits(page)).split("\n")
    assert alone[0] == "بهذ دلولا إلى المدرسة في الصباح."
    # A word both ways round is left as it came (هل, read له): only words
    # that are words backwards alone are reversed.
    page += "\nله تعرف قيرطلا ىلإ ةبتكملا العامة؟"
    assert safe(page).split("\n")[-1] == "له تعرف الطريق إلى المكتبة العامة؟"


def test_a_lone_line_is_no_block_of_reversed_words() -> None:
    pytest.importorskip("wordfreq")
    # امروز هوا یلیخ خوب تسا. alone: one line says nothing as a block, and
    # its own evidence (none from the core) is not enough.
    line = _PDFIUM_LINES[3][0]
    assert plan_repairs(line, words=ZIPF) == []
    assert safe(line) == line


def test_logical_sentences_are_left_alone_by_the_word_lists() -> None:
    pytest.importorskip("wordfreq")
    # Every sentence, in blocks of every size up to six and as one text:
    # no block of logical lines reads as words reversed one by one.
    for size in range(1, 7):
        for k in range(0, len(GOLD), size):
            block = "\n".join(GOLD[k : k + size])
            assert plan_repairs(block, words=ZIPF) == [], block
            assert safe(block) == unicodedata.normalize("NFC", block), block


def test_runs_written_left_to_right() -> None:
    # PyMuPDF: each run in logical order, the runs as drawn, the stop in front.
    assert safe(".2019  المدينة عامMartin زار الأستاذ") == "زار الأستاذ Martin المدينة عام 2019."
    # pypdf on a Chromium PDF: the stop closing the first run.
    assert (
        safe(" دينار.300  بسعرSamsung اشتريت هاتفا من شركة")
        == " اشتريت هاتفا من شركة Samsung بسعر 300 دينار."
    )
    # pypdf and PyMuPDF on Chromium's and fpdf2's PDFs: no stop at the front,
    # the sentence's stop glued between the first run and the Latin run.
    assert safe(" ہیں۔John ہمارے استاد") == " ہمارے استاد John ہیں۔"
    assert safe(" هزار تومان است.45 قیمت این کتاب") == " قیمت این کتاب 45 هزار تومان است."
    [r] = plan_repairs(" مرتين.Titanic شاهدنا فيلم")
    assert (r.text, r.rules) == (" شاهدنا فيلم Titanic مرتين.", ("visual_runs",))
    # A stop glued to a Latin word in a logical line that ends with its own
    # stop, or that is not the line's only stop, or not after its first run.
    for line in ("جملة أولى.John قال.", "قال John جملة.Next ok", "هو.A وهي.B"):
        assert plan_repairs(line) == [], line
    # Runs in order with only the spaces moved (pypdf on a LibreOffice PDF)
    # cannot be told from an author's spacing: left alone.
    assert safe("زار الأستاذ Martin  المدينة عام2019.") == "زار الأستاذ Martin  المدينة عام2019."


def test_cid_placeholders_survive_reversal() -> None:
    # The ي of المدينة had no mapping: pdfminer wrote (cid:7) in its place.
    logical = "ذهب الولد إلى المد(cid:7)نة في الصباح."
    visual = ".حابصلا يف ةن(cid:7)دملا ىلإ دلولا بهذ"
    assert mixscript.to_logical(visual) == logical
    assert safe(visual) == logical


def test_mixed_form_words_unshaped() -> None:
    assert safe("\u0627\ufbfe\ufee6") == "\u0627\u06cc\u0646"  # این
    # Forms-A beside plain letters with no Forms-B form stay (Quranic fonts).
    assert safe("\u0627\ufbfe\u0646") == "\u0627\ufbfe\u0646"


def test_zwnj_put_back_where_pdfplumber_displaced_it() -> None:
    z = "\u200c"
    # pdfplumber on fpdf2's (HarfBuzz-shaped) PDF: lines in visual order, and
    # the letter before each ZWNJ sorted after it, the gap it left read as a
    # space: ``یروم`` + ZWNJ drawn as ``موری`` + ZWNJ + space + ``م``.
    page = "\n".join(
        (
            f".موری{z} م هناخباتک هب حبص زور ره نم",
            f".دنوشی{z} م هدامآ ناحتما یارب نایوجشناد",
            f".دننک{z}یم یزاب کراپ رد اهه{z} چب",
            f".مینکی{z} م اشامت ار اه{z}هراتس اهب{z} ش",
        )
    )
    assert _apply(page, mixscript.repair_edits(page)).split("\n") == [
        f"من هر روز صبح به کتابخانه می{z}روم.",
        f"دانشجویان برای امتحان آماده می{z}شوند.",
        f"بچه{z}ها در پارک بازی می{z}کنند.",
        f"شب{z}ها ستاره{z}ها را تماشا می{z}کنیم.",
    ]
    [first, *_] = plan_repairs(page)
    assert first.rules == ("visual_order", "displaced_zwnj")
    # Only lines turned round: a logical line keeps its ZWNJ where it is.
    logical = f"شب {z}ها را تماشا می{z}کنیم."
    assert plan_repairs(logical) == []


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in reversed(edits):
        text = text[:start] + new + text[end:]
    return text


# ALEF ISOLATED, LAM INITIAL, SEEN MEDIAL, LAM WITH ALEF FINAL, MEEM ISOLATED:
# السلام as drawn, in logical order (pypdf reads reportlab's PDFs so).
SALAM_FORMS = "\ufe8d\ufedf\ufeb4\ufefc\ufee1"


def test_repair_unshapes_logical_lines_in_forms() -> None:
    line = f"{SALAM_FORMS} \u0627\ufbfe\ufee6"  # السلام, then این mixing letters and forms
    [r] = plan_repairs(line)
    assert (r.start, r.end, r.text) == (0, len(line), "السلام این")
    assert r.rules == ("presentation_forms",)
    assert mixscript.repair_edits(line) == [(0, len(line), "السلام این")]
    # The same rule as the safe profile's presentation_forms step.
    assert safe(line) == "السلام این"
    # Asked to keep forms, a logical line is left alone.
    assert plan_repairs(line, keep_forms=True) == []
    assert mixscript.repair_edits(line, keep_forms=True) == []
    # Forms-A beside plain letters with no Forms-B form stay (Quranic fonts),
    # in a line of its own or beside words that are unshaped.
    assert plan_repairs("\u0627\ufbfe\u0646") == []
    [r] = plan_repairs(f"{SALAM_FORMS} \u0627\ufbfe\u0646")
    assert r.text == "السلام \u0627\ufbfe\u0646"
    assert safe(f"{SALAM_FORMS} \u0627\ufbfe\u0646") == r.text
    # A short line whose forms say it is visual, too weak to be turned round,
    # keeps them: unshaped first, its lam-alef would read alef-lam once
    # reversed.  (السلام drawn in visual order.)
    assert plan_repairs(SALAM_FORMS[::-1]) == []
    assert mixscript.to_logical(SALAM_FORMS[::-1]) == "السلام"


def test_repair_unshapes_once_for_visual_lines_in_forms() -> None:
    # A line drawn in forms and stored in visual order (السلام, في, then
    # المدينة in TEH MARBUTA FINAL, NOON MEDIAL, YEH INITIAL, DAL FINAL, MEEM
    # MEDIAL, LAM INITIAL, ALEF ISOLATED): turned round, then in letters.
    madina = "\ufe94\ufee8\ufef3\ufeaa\ufee4\ufedf\ufe8d"
    visual = f"{SALAM_FORMS[::-1]} \ufef2\ufed3 {madina}"
    [r] = plan_repairs(visual)
    assert r.text == "المدينة في السلام"
    assert "presentation_forms" not in r.rules
    assert plan_repairs(r.text) == []


# ---------------------------------------------------------------- explain


def test_explain_names_each_repair_and_maps_a_line_as_a_block() -> None:
    text = (
        f"{RLE}نشرت مجلة {LRE} Nature{PDF}المقال في {LRE}.2021{PDF}{PDF}\n"
        ".ذهب الولد إلى المدرسة في الصباح\n" + "\n".join(_reversed(line) for line in STRONG)
    )
    n = mixscript.explain(text, "safe")
    assert [c.rule for c in n.changes] == [
        "extractor_controls",
        "final_stop",
        "visual_order",
        "visual_order",
        "visual_order",
    ]
    first = text.index("\n")
    out_first = n.text.index("\n")
    # Any part of a repaired line maps to the whole source line.
    assert n.source_span(3, 6) == (0, first)
    assert n.source_span(out_first - 1, out_first) == (0, first)


def test_plan_repairs_rules() -> None:
    line = f"{RLE}.حابصلا يف ةسردملا ىلإ دلولا بهذ{PDF}"
    # Wrapped by pdftotext and visual besides: both named, in the order done.
    [r] = plan_repairs(line)
    assert r.text == "ذهب الولد إلى المدرسة في الصباح."
    assert r.rules == ("extractor_controls", "visual_order")


# ---------------------------------------------------------------- never worse


def test_logical_lines_are_never_touched() -> None:
    for line in GOLD:
        assert plan_repairs(line) == [], line
    document = "\n".join(GOLD)
    assert plan_repairs(document) == []
    assert safe(document) == unicodedata.normalize("NFC", document)


_DAMAGE = {
    "logical": lambda s: s,
    "reversed": _reversed,
    "stop_front": lambda s: s[-1] + s[:-1] if s[-1] in ".۔؟" else s,
    "wrapped": lambda s: RLE + s + PDF,
}


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(GOLD), st.sampled_from(sorted(_DAMAGE))), min_size=1, max_size=8
    ),
    st.sampled_from(["\n", "\f", "\n\n"]),
)
def test_repair_is_idempotent(lines: list[tuple[str, str]], sep: str) -> None:
    text = sep.join(_DAMAGE[kind](line) for line, kind in lines)
    once = safe(text)
    assert safe(once) == once
    assert plan_repairs(once) == []
    repaired = _apply(text, mixscript.repair_edits(text))
    assert mixscript.repair_edits(repaired) == []


# ---------------------------------------------------------------- one line, decided early

_ONE_LINE_PIECES = st.sampled_from(
    [
        *("Titanic", "سلام", "ةنيدملا يف", "ﻡﻼﺴﻟﺍ", "كتاب علي", "می خواهم", " ", ".", "؟", "۱۰"),
        *("\u200c", "\u064e\u0651", "\u0640", "\u00a0", RLE, LRE, PDF, "\ufdfd", "12", "!"),
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    body=st.lists(_ONE_LINE_PIECES, max_size=10).map("".join),
    profile=st.sampled_from(["safe", "clean", "search"]),
)
def test_a_line_left_alone_early_is_what_the_whole_way_leaves(body: str, profile: str) -> None:
    """``plan_repairs`` decides early that a one-line text is left alone (``_left_alone``);
    going the whole way must find the same, with each profile's judge."""
    from mixscript.bidi import repair
    from mixscript.normalization import profiles

    ctx = profiles._context(mixscript.PROFILES[profile], None, False)
    lines = [*GOLD[:40], body, body[::-1]]
    early = [
        plan_repairs(line, judge=ctx.later, strips_harakat=ctx.strips_harakat, keep_forms=True)
        for line in lines
    ]
    decide = repair._left_alone
    repair._left_alone = lambda *args: False
    try:
        whole = [
            plan_repairs(line, judge=ctx.later, strips_harakat=ctx.strips_harakat, keep_forms=True)
            for line in lines
        ]
    finally:
        repair._left_alone = decide
    assert early == whole


_JUDGED_PIECES = st.sampled_from(
    [
        *("Titanic", "سلام", "ةنيدملا يف", "ﻡﻼﺴﻟﺍ", "كتاب علي", "می خواهم", " ", ".", "؟", "۱۰"),
        *("\u200c", "\u064e\u0651", "\u0640", "\u00a0", RLE, PDF, "\ufdfd", "12", "\n"),
        *("کتاب ها", "الكتاب على", "ہمارا ایک", "ﻻ", "(", ")", "\U0001d400", "\u202e", "ي"),
    ]
)


def _explained(
    line: str, profile: Profile, languages: tuple[str, ...] | None
) -> tuple[str, str, list[object], list[tuple[int, int]]]:
    """What ``normalize`` and ``explain`` give: text, text, changes, source spans of each character."""
    n = mixscript.explain(line, profile, languages=languages)
    spans = [n.source_span(i, i + 1) for i in range(len(n.text))]
    return mixscript.normalize(line, profile, languages=languages), n.text, list(n.changes), spans


def _whole_way(
    line: str, profile: Profile, languages: tuple[str, ...] | None
) -> tuple[str, str, list[object], list[tuple[int, int]]]:
    """:func:`_explained` with the one-call run of the core switched off: step by step."""
    from dataclasses import replace

    from mixscript.normalization import profiles

    keep = profiles._compiled_for
    profiles._compiled_for = lambda p, *a: replace(keep(p, *a), in_one_call=False)  # type: ignore[assignment]
    try:
        return _explained(line, profile, languages)
    finally:
        profiles._compiled_for = keep


_PROFILES = [
    *mixscript.PROFILES.values(),
    # Without visual_order: the core runs letters and persian_affixes alone.
    dataclasses.replace(mixscript.PROFILES["clean"], name="plain", visual_order=False),
    dataclasses.replace(mixscript.PROFILES["search"], name="tight", visual_order=False),
]


@settings(max_examples=300, deadline=None)
@given(
    body=st.lists(_JUDGED_PIECES, max_size=12).map("".join),
    profile=st.sampled_from(_PROFILES),
    languages=st.sampled_from([None, ("fa", "en"), ("ar", "ur"), ("ps",)]),
)
def test_a_line_run_in_one_call_is_what_the_steps_give(
    body: str, profile: Profile, languages: tuple[str, ...] | None
) -> None:
    """``normalize`` and ``explain`` run most texts in one core call (the steps the core
    runs, and for a one-line text that ``visual_order`` leaves alone the judgement with
    them); step by step must give the same text, changes and offsets."""
    damaged = [damage(line) for line in GOLD[:30] for damage in _DAMAGE.values()]
    texts = (*damaged, body, body[::-1], _reversed(body))
    # Lines read from a file keep their LF.
    for line in (*texts, *(text + "\n" for text in texts)):
        assert _explained(line, profile, languages) == _whole_way(line, profile, languages), line


def test_most_written_lines_are_judged_in_one_call() -> None:
    """The one-call judgement is the common case: the written sentences take it."""
    from mixscript.normalization import profiles
    from mixscript.normalization.steps import persian_run_tags, run_tags

    compiled = profiles._compiled_for(mixscript.PROFILES["clean"])
    assert compiled.judged_rest is not None
    done = [
        compiled.core.run_all(
            line, compiled.judged_rest, run_tags(None), persian_run_tags(None), False, 0.75
        )[3]
        for line in GOLD
    ]
    assert sum(done) >= len(GOLD) * 3 // 4
    assert profiles._compiled_for(mixscript.PROFILES["search"]).judged_rest is not None


_BASMALA_LINES = [
    "\ufdfd If the length of time is more than about a year, the investment is fixed.",
    "\ufdfd\n",
    "Statement of the council \ufdfd",
    "\ufdfd The meeting opened at 10.",
    ". \ufdfd Minutes of the meeting",
    "\ufdfd  ABC 12",
    "\ufdfd \u00ab\u0627\u0644\u062d\u0645\u062f \u0644\u0644\u0647\u00bb in the preamble",
]


def test_a_line_opening_with_the_basmala_ligature_is_judged_in_one_call() -> None:
    """U+FDFD alone is no letter: such a line has no evidence and is left alone unless it,
    or the ligature spelled out, may need tidying.  The statements this project was
    started for open with it; they must not take the step-by-step way, and both ways
    must agree (the ligature becomes بسم الله الرحمن الرحيم)."""
    from mixscript.normalization import profiles

    compiled = profiles._compiled_for(mixscript.PROFILES["clean"])
    done = compiled.core.run_all(_BASMALA_LINES[0], *compiled.default_args, False)
    assert done[3] is True
    assert done[0].startswith("\u0628\u0633\u0645 \u0627\u0644\u0644\u0647 ")
    for line in _BASMALA_LINES:
        for profile in _PROFILES:
            assert _explained(line, profile, None) == _whole_way(line, profile, None), line


def test_a_reversed_quotation_is_repaired_in_one_call() -> None:
    """An English line quoting an Arabic-script sentence an extractor handed back
    reversed is confidently visual on its own evidence: the core turns it round and
    tidies it as ``plan_repairs`` does a text of one line, and both ways agree; a line
    whose words were reversed one by one in a right-to-left paragraph is left to it."""
    from mixscript.normalization import profiles

    compiled = profiles._compiled_for(mixscript.PROFILES["clean"])
    quoted = [
        f'The statement reads "{_reversed(line)}" in the original.'
        for line in (*STRONG, *GOLD[:12])
    ]
    lines = [
        *quoted,
        *(line + "\n" for line in quoted),
        f"As they put it: {_reversed(STRONG[0])}",
        # A stop drawn at the front, a ZWNJ pdfplumber put before its letter.
        f"Quoted: .{_reversed(STRONG[1][:-1])}",
        "Quoted: "
        + _reversed(
            "\u0645\u06cc\u200c\u0631\u0648\u0645 \u0628\u0647 \u0645\u062f\u0631\u0633\u0647."
        ),
        # pdfplumber's ZWNJ before the letter it follows, read back as a space.
        *("Quoted: " + _reversed(line.replace(" ", " \u200c", 1)) for line in STRONG),
        # The final stop left where it stood, a Latin word glued on: tidied.
        *(_reversed(line[:-1]) + line[-1] for line in GOLD[:24:2]),
        *(_reversed(line[:-1]) + line[-1] for line in GOLD if line.endswith("\u06d4")),
        *("Titanic" + _reversed(line) for line in (*STRONG, *GOLD[:12])),
    ]
    # Keeping zero-width characters, the ZWNJ put back shows.
    keeps = dataclasses.replace(mixscript.PROFILES["clean"], name="keeps", zero_width="keep")
    in_one_call = 0
    for line in lines:
        started = compiled.core.normalize(line)
        in_one_call += isinstance(started, str)
        for profile in (*_PROFILES, keeps):
            assert _explained(line, profile, None) == _whole_way(line, profile, None), line
    assert in_one_call >= len(quoted) * 3 // 2
    # Turned round: the sentence reads forwards again.
    assert STRONG[0][:-1] in mixscript.normalize(quoted[0], "clean")
    # Words reversed one by one in a right-to-left paragraph: plan_repairs' own rule.
    words = " ".join(w[::-1] for w in STRONG[2].split())
    assert not isinstance(compiled.core.normalize(words), str)


def test_a_logical_line_to_tidy_is_tidied_in_one_call() -> None:
    """A logical line whose final stop an extractor drew at the front (pypdfium2) is tidied
    in the core as ``plan_repairs`` tidies the one line of a text; both ways agree."""
    from mixscript.normalization import profiles

    compiled = profiles._compiled_for(mixscript.PROFILES["clean"])
    moved = [line[-1] + line[:-1] for line in GOLD if line[-1] in ".\u06d4\u061f"]
    lines = [
        *moved,
        *(line + "\n" for line in moved[::3]),
        *(line + " Titanic" for line in moved[:9]),
    ]
    in_one_call = 0
    for line in lines:
        in_one_call += isinstance(compiled.core.normalize(line), str)
        for profile in _PROFILES:
            assert _explained(line, profile, None) == _whole_way(line, profile, None), line
    assert in_one_call >= len(lines) * 3 // 4
    # The stop goes back to the end.
    assert mixscript.normalize(".ذهب الولد إلى المدرسة", "clean") == "ذهب الولد إلى المدرسة."


def test_logical_lines_are_left_alone_early() -> None:
    """The written sentences, each a text of its own, take the early answer (the common case)."""
    from mixscript.bidi import repair

    decided = []
    decide = repair._left_alone

    def counted(*args: object) -> bool:
        decided.append(decide(*args))  # type: ignore[arg-type]
        return decided[-1]

    repair._left_alone = counted
    try:
        # The step itself (normalize and explain judge most lines in one core call).
        assert [visual_order_edits(line, "safe") for line in GOLD] == [[]] * len(GOLD)
    finally:
        repair._left_alone = decide
    assert sum(decided) >= len(GOLD) // 2


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("abc \u0633\u0644\u0627\u0645.", False),  # L first
        ("  \u0661\u0662 \u0633\u0644\u0627\u0645", True),  # AN digits are weak, then AL
        ("123 \u05d0\u05d1", True),  # EN, then Hebrew (R)
        ("... 12 !", False),  # no strong character at all
        ("", False),
        ("\u2067\u0628\u2069 abc", True),  # an isolate's content is not skipped
        ("\u200f abc", True),  # RIGHT-TO-LEFT MARK is R
    ],
)
def test_a_line_starts_right_to_left_by_its_first_strong_character(
    line: str, expected: bool
) -> None:
    """Only in a right-to-left paragraph does a final stop mean the words are in logical
    order.  Classes from UnicodeData.txt's bidi field: ب AL, א R, ١ AN, 1 EN, RLI FSI
    PDI neutral-isolates, U+200F R."""
    from mixscript.bidi import repair

    assert repair._starts_right_to_left(line) is expected
