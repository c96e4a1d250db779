"""The normalisation steps: one small pure function each.

Every step has one name, used for the function, its option in
:class:`~mixscript.normalization.profiles.Profile`, its entry in :data:`STEPS` and the
``rule`` of the :class:`~mixscript.model.Change` records it produces.  A step
takes the current text and its option and returns *edits*: sorted,
non-overlapping ``(start, end, replacement)`` triples.  It never rebuilds the
whole string itself; :mod:`mixscript.text.edits` applies the edits and keeps the
way back to the input.

Each step also declares a ``trigger``: a character class (or a single
character) matching every character it could possibly touch.  A profile
joins the triggers of its steps into one set, so text with nothing to do
costs a single scan; a step must return no edits for a text its trigger
does not match.

Arabic-script steps touch Arabic-script characters only, never a Latin
letter, an ASCII digit or ASCII punctuation outside an Arabic run.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache, partial
from typing import Any

from mixscript import _core
from mixscript.bidi.repair import plan_repairs
from mixscript.lang.conventions import CONVENTION_CHARS, run_spans
from mixscript.lang.letters import arabic_candidates
from mixscript.lang.words import arabic_script_zipf
from mixscript.text.edits import Edit, RuledEdit
from mixscript.text.runs import script_runs
from mixscript.unicode.bmp_classes import ASTRAL, bmp_chars, class_body
from mixscript.unicode.chars import ARABIC_BLOCKS as ARABIC_CODE_BLOCKS
from mixscript.unicode.chars import (
    FORMS_A,
    FORMS_B,
    ZWJ,
    ZWNJ,
    ranges_class,
)
from mixscript.unicode.shaping import HARAKAT

#: ``tag(run)``: the language tagger's segments of one Arabic-script run, as
#: ``(start, end, script, lang, direction, kind, confidence)``.
RunTags = Callable[[str], Sequence[tuple[int, int, str, str, str, str, float]]]


@dataclass(frozen=True, slots=True)
class Context:
    """What a step may need beyond its option.

    ``run_tags`` gives the tagger's segments of an Arabic-script run among
    the candidates of ``languages``: the compiled ``letters`` step asks it
    about the runs where a spelling convention could change a letter.
    """

    run_tags: RunTags | None = None
    languages: tuple[str, ...] | None = None
    #: The rest of the profile after ``visual_order``, applied to one line.
    later: Callable[[str], str] | None = None
    #: Whether the profile strips harakat (they can hide a reversed word).
    strips_harakat: bool = False
    #: Whether edits must be as small as possible (``explain`` maps them back
    #: to the input); ``normalize`` only needs the resulting text.
    precise: bool = True


StepFunc = Callable[[str, Any, Context], list[Edit]]


@dataclass(frozen=True, slots=True)
class Step:
    """A registered step: its function, the pattern of what it may touch, its options."""

    name: str
    func: StepFunc
    trigger: str
    choices: tuple[object, ...]
    doc: str
    #: Steps to judge again after this one changed the text: their decisions
    #: depend on neighbours that this step may have moved.
    then: tuple[str, ...] = ()
    #: The function finds its work with a pattern of exactly the trigger's
    #: characters, so text without them costs it one scan already: the
    #: profile does not search the trigger first (that would scan twice).
    scans_itself: bool = False


STEPS: dict[str, Step] = {}


def _register(
    trigger: str,
    choices: tuple[object, ...] = (False, True),
    then: tuple[str, ...] = (),
    scans_itself: bool = False,
) -> Callable[[StepFunc], StepFunc]:
    def wrap(func: StepFunc) -> StepFunc:
        doc = (func.__doc__ or "").strip().splitlines()[0]
        STEPS[func.__name__] = Step(func.__name__, func, trigger, choices, doc, then, scans_itself)
        return func

    return wrap


def _edits_from(
    pattern: re.Pattern[str], text: str, repl: Callable[[re.Match[str]], str]
) -> list[Edit]:
    """Edits for every match of ``pattern`` whose replacement differs from the match."""
    out: list[Edit] = []
    for m in pattern.finditer(text):
        new = repl(m)
        if new != m.group():
            out.append((m.start(), m.end(), new))
    return out


ARABIC_BLOCKS = ranges_class(ARABIC_CODE_BLOCKS)
_FORMS_A = ranges_class([FORMS_A])
# Forms-B but its last code point, U+FEFF (the byte order mark, not a form).
_FORMS_B = ranges_class([(FORMS_B[0], FORMS_B[1] - 1)])

# ---------------------------------------------------------------- visual order


@_register(trigger=f"[{ARABIC_BLOCKS}]", then=("bidi_controls", "zero_width", "tatweel", "spaces"))
def visual_order(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Repair lines stored in visual (reversed) order, when detection is confident.

    The decision is :func:`mixscript.bidi.repair.plan_repairs`, shared with
    ``repair_edits`` and ``mixscript repair``, given what the rest of the
    profile will do to each line: whole lines in visual order (judged by
    :func:`~mixscript.bidi.repair.repair_line` on their own evidence, or by
    their page's), and what PDF extractors do to right-to-left lines
    (embedding wrappers, runs or words out of order, a moved final stop).  A
    repaired line is one edit, so all of it maps to the whole source line;
    its ``rule`` names the repairs (``visual_order``, ``visual_block``,
    ``extractor_controls``...).
    """
    if not option:
        return []
    # Unshaping is the profile's own ``presentation_forms`` step, form by form.
    repairs = plan_repairs(
        text,
        judge=ctx.later,
        strips_harakat=ctx.strips_harakat,
        keep_forms=True,
        words=arabic_script_zipf,
    )
    return [RuledEdit(r.start, r.end, r.text, "+".join(r.rules)) for r in repairs]


# ---------------------------------------------------------------- bidi controls

_BIDI_TRIGGER = "[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]"


@_register(trigger=_BIDI_TRIGGER, choices=("keep", "unbalanced", "all"))
def bidi_controls(text: str, option: str, ctx: Context) -> list[Edit]:
    """Remove overrides and unbalanced embeddings/isolates (``unbalanced``) or every bidi control.

    Overrides (LRO, RLO) reorder what a reader sees against what is stored: the
    Trojan Source attack.  Balanced embeddings and isolates are legitimate
    markup and stay under ``unbalanced``; ``all`` also drops LRM, RLM and ALM,
    for search keys.  The rule is ``bidi_controls`` in
    ``rust/core/src/steps/bidi_controls.rs``.

    >>> bidi_controls("a\\u202eb\\u202c c", "unbalanced", Context())
    [(1, 2, ''), (3, 4, '')]
    """
    return _core.bidi_controls_edits(text, option)


# ---------------------------------------------------------------- presentation forms


@_register(trigger=f"[{_FORMS_A}{_FORMS_B}]", scans_itself=True)
def presentation_forms(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Turn Arabic presentation forms back into letters.

    Forms-B (U+FE70..U+FEFF) always; Forms-A (U+FB50..U+FDFF) only in words
    written entirely in presentation forms or holding a Forms-B form too,
    because Quranic fonts reuse Forms-A code points next to ordinary letters.  A word
    mixing plain letters with Forms-B forms came out of a shaper (pypdf reads
    Chromium's PDFs so: ``ا`` + ``ﯾ`` + ``ﻦ``): its Forms-A letters are shaped
    forms as well.  Lam-alef ligatures give lam plus the alef they show,
    hamza and madda included (``ﻷ`` -> ``لأ``).  Word ligatures (U+FDF0..)
    are left to ``ligatures``.

    The rule is ``presentation_forms`` in ``rust/core/src/steps/forms.rs``,
    shared with ``mixscript repair`` through
    :func:`mixscript.unicode.shaping.unshape_words`.

    >>> presentation_forms("\\ufef7\\ufee7\\ufeea", True, Context())
    [(0, 3, 'لأنه')]
    """
    if not option:
        return []
    return _core.presentation_forms_edits(text, ctx.precise)


# ---------------------------------------------------------------- ligatures

_LIGATURES = "[\ufdcf\ufd40-\ufd4f\ufdf0-\ufdff]"


@_register(trigger=_LIGATURES, then=("tatweel", "zero_width"), scans_itself=True)
def ligatures(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Spell out word ligatures: U+FDFD (the basmala), U+FDFA, U+FD40..U+FD4F and the rest.

    NFKC leaves U+FDFD, U+FDFE, U+FDFF, U+FDCF and U+FD40..U+FD4F alone (they
    have no decomposition), which hides the words from search and tokenisers;
    their words are spelled out from their character names.  The others
    become their NFKC.  The rule is ``ligatures`` in
    ``rust/core/src/steps/forms.rs``.  A tatweel or a joiner beside the
    ligature is judged again once it is letters (``then``): ``zero_width``
    may have dropped a ZWNJ between a tatweel and the ligature, and that
    tatweel now stretches a letter, which a second run would remove.

    >>> ligatures("\\ufdfd", True, Context())
    [(0, 1, 'بسم الله الرحمن الرحيم')]
    """
    if not option:
        return []
    return _core.ligatures_edits(text)


# ---------------------------------------------------------------- case folding

_CASED = re.compile(r"[^\W\d_]+")


# Blocks holding the letters that case folding changes (Latin, Greek, Coptic,
# Cyrillic, Armenian, Georgian, Cherokee, Glagolitic, letterlike symbols and
# Roman numerals, the Latin and Armenian ligatures of U+FB00..U+FB17, the
# micro sign); a test checks that every such BMP letter is in it.
@_register(
    trigger=(
        r"[A-Z\u00b5\u00c0-\u024f\u0370-\u052f\u0531-\u0587\u10a0-\u10cd\u13a0-\u13fd"
        r"\u1c80-\u1cbf\u1e00-\u1fff\u2126-\u2183\u2c00-\u2dff\ua640-\ua7ff\uab70-\uabbf"
        r"\ufb00-\ufb17\uff21-\uff3a]"
    )
)
def casefold(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Fold case for matching (``search``); the only step that changes Latin letters.

    >>> casefold("Straße", True, Context())
    [(0, 6, 'strasse')]
    """
    if not option:
        return []
    if ASTRAL.search(text):  # Deseret, Adlam...: the general path
        return _edits_from(_CASED, text, lambda m: m.group().casefold())
    # Only words holding a letter that folding changes can change; find those
    # letters with one scan and fold the word around each.
    edits: list[Edit] = []
    done = 0
    for hit in _folding_letters().finditer(text):
        start = hit.start()
        if start < done:
            continue
        while start > done and _CASED.match(text, start - 1):
            start -= 1
        word = _CASED.match(text, start)
        assert word is not None  # a folding letter is a word character
        done = word.end()
        edits.append((start, done, word.group().casefold()))
    return edits


@lru_cache(maxsize=1)
def _folding_letters() -> re.Pattern[str]:
    """BMP word characters that case folding changes, as one class (``re`` tests it by bitmap).

    A word folds to itself exactly when none of its characters changes
    (Python folds character by character), so only words holding one of
    these need folding.  Built on first use (about 10 ms).
    """
    # Word characters as ``_CASED`` (``re``) sees them, not as ``regex`` would.
    letters = "".join(_CASED.findall(bmp_chars(r"(?s).")))
    return re.compile(f"[{class_body(c for c in letters if c.casefold() != c)}]")


# ---------------------------------------------------------------- NFC


@_register(trigger="")
def nfc(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Canonical composition (NFC), edited chunk by chunk so offsets stay precise.

    At the tables' Unicode version (:mod:`mixscript.unicode.nfc`), not the
    running Python's.  A chunk is a run of characters NFC may change with
    the character before it; everything else is a starter NFC never touches
    (ASCII, Latin-1, Arabic letters and digits), so each chunk is normalised
    on its own (``rust/core/src/steps/nfc.rs``).

    NFC also puts combining marks in canonical order: shadda (class 33) after
    fatha (30) and kasra (32), so ``اللَّه`` typed either way ends up the same
    and keeps both marks.

    >>> nfc("e\u0301 \u0627\u0654", True, Context())
    [(0, 2, 'é'), (3, 5, 'أ')]
    """
    if not option:
        return []
    return _core.nfc_edits(text, ctx.precise)


# ---------------------------------------------------------------- zero-width characters

_JOINERS = ZWNJ + ZWJ
_HINTS = "\u200b\u2060\u00ad\u2061\u2062\u2063\u2064"


@_register(
    trigger=f"[{_JOINERS}{_HINTS}\ufeff]",
    choices=("keep", "unused", "hints", "joiners"),
    scans_itself=True,
)
def zero_width(text: str, option: str, ctx: Context) -> list[Edit]:
    """Remove invisible characters that do nothing (``unused``), also hints (``hints``), or all.

    ``unused``: ZWNJ/ZWJ that join or separate nothing (next to a space, at a
    word's edge, inside a Latin word), the second ZWNJ of a doubled one, a BOM
    inside the text, ZWSP and word joiner next to a space.  Never ZWNJ/ZWJ between Arabic-script letters
    (Persian ``می‌خواهم``) or ZWJ inside an emoji sequence.
    ``hints``: also ZWSP, word joiner, soft hyphen and invisible operators.
    ``joiners``: also every ZWNJ and ZWJ outside emoji sequences (search keys).

    >>> zero_width("می\\N{ZERO WIDTH NON-JOINER}خواهم \\N{ZERO WIDTH NON-JOINER}x", "unused", Context())
    [(9, 10, '')]

    The rule is ``zero_width`` in ``rust/core/src/steps/zero_width.rs``.
    """
    return _core.zero_width_edits(text, option)


# ---------------------------------------------------------------- tatweel


@_register(trigger="\u0640", then=("zero_width",), scans_itself=True)
def tatweel(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Remove tatweel (kashida) stretching an Arabic-script word.

    A tatweel with no Arabic letter or word ligature beside it (a lone
    placeholder) stays, and so does one carrying harakat with no letter
    before it to take them (``ـَ``, how a lone fatha is written).  The rule
    is ``tatweel`` in ``rust/core/src/steps/marks.rs``.

    >>> tatweel("التاريـــخ", True, Context())
    [(6, 9, '')]
    >>> tatweel("\u0640\u064e", True, Context())
    []
    """
    if not option:
        return []
    return _core.tatweel_edits(text)


# ---------------------------------------------------------------- spaces

_SPACES = "\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"


@_register(trigger=f"[{_SPACES}]", choices=(False, True, "all"), scans_itself=True)
def spaces(text: str, option: bool | str, ctx: Context) -> list[Edit]:
    """Unify space characters to U+0020, keeping no-break spaces outside Arabic text (``all``: every one).

    French typography puts a (narrow) no-break space before ``; : ! ?``,
    inside guillemets and between a number and its unit (``Bonjour\u00a0!``,
    ``10\u202fh``); English uses NBSP in ``p.\u00a05``.  They say "do not
    break the line here", which a plain space loses, so with ``True`` NBSP,
    figure space and narrow NBSP stay unless an Arabic-script character is
    their nearest neighbour (looking through spaces, marks and digits) on
    either side: Arabic-script text has no such convention, and there they
    come from word processors and only break search.  Every other space
    character (thin, en, ideographic...) becomes U+0020.  ``all`` (search
    keys) unifies every one of them.  The rule is ``spaces`` in
    ``rust/core/src/steps/spaces.rs``.

    >>> spaces("10\u202f%", True, Context())
    []
    >>> spaces("10\u202f% \u0633\u0644\u0627\u0645\u00a0!", True, Context())
    [(9, 10, ' ')]
    >>> spaces("10\u202f%", "all", Context())
    [(2, 3, ' ')]
    """
    if not option:
        return []
    return _core.spaces_edits(text, option == "all")


# ---------------------------------------------------------------- harakat


@_register(trigger=f"[{HARAKAT}]", then=("tatweel", "zero_width"), scans_itself=True)
def harakat(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Remove harakat, Quranic marks and small waw/yeh (``search``); hamza and madda stay.

    The marks are :data:`mixscript.unicode.shaping.HARAKAT`, the trigger; the
    rule is ``harakat`` in ``rust/core/src/steps/marks.rs``.  A tatweel that
    carried a removed haraka is judged again (``then``): bare, it may now
    only stretch a word.

    >>> harakat("بِسْمِ", True, Context())
    [(1, 2, ''), (3, 4, ''), (5, 6, '')]
    """
    if not option:
        return []
    return _core.harakat_edits(text)


# ---------------------------------------------------------------- letter folding

# The letters ``fold`` changes on their own, and the hamza and madda marks
# it folds together with an alef before them (the trigger: a character
# class, like every trigger); the rule is ``fold`` in
# ``rust/core/src/steps/marks.rs``.
_FOLDED = "\u0623\u0625\u0622\u0671\u0672\u0673\u0649\u06cc\u06a9\u0629\u0653-\u0655"


@_register(trigger=f"[{_FOLDED}]")
def fold(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Fold alef variants to alef, every yeh to ي, keheh to ك, teh marbuta to heh (``search``).

    A search key must match whichever keyboard the text was typed on, so
    yeh and kaf are unified here for every language (``search`` does not
    need the per-language ``letters`` step).  An alef with any hamza or
    madda, precomposed or as a following mark, is one unit: folding only the
    letter would leave a mark that NFC composes straight back.

    >>> fold("إلى مدرسة", True, Context())
    [(0, 1, 'ا'), (2, 3, 'ي'), (8, 9, 'ه')]
    >>> fold("\u0623\u0654", True, Context())
    [(0, 2, 'ا')]
    """
    if not option:
        return []
    return _core.fold_edits(text, ctx.precise)


# ---------------------------------------------------------------- digits


@_register(
    trigger="[0-9\u0660-\u0669\u06f0-\u06f9]", choices=("keep", "ascii", "arabic", "persian")
)
def digits(text: str, option: str, ctx: Context) -> list[Edit]:
    """Write digits in one set: ASCII, Arabic-Indic or Extended Arabic-Indic (Persian/Urdu).

    ASCII digits change only inside Arabic-script runs: ``Image2.jpg`` in an
    English sentence stays as it is whatever the option.  The runs come from
    :func:`mixscript.text.runs.script_runs`; the rule is ``digits`` in
    ``rust/core/src/steps/digits.rs``.

    >>> digits("۱۴۰۰ and 2024", "ascii", Context())
    [(0, 4, '1400')]
    >>> digits("سال 1400 است, in 2024", "persian", Context())
    [(4, 8, '۱۴۰۰')]
    """
    if option in ("keep", "ascii"):
        return _core.digits_edits(text, option, [])
    runs = [(r.start, r.end) for r in script_runs(text) if r.script == "Arab"]
    return _core.digits_edits(text, option, runs)


# ---------------------------------------------------------------- letter conventions


@_register(trigger=f"[{CONVENTION_CHARS}]")
def letters(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Apply each language's yeh/kaf conventions inside the segments of that language.

    Persian gets ی and ک, Arabic ي/ى and ك, Urdu ی and ک with its own letters
    kept.  Formulas (the basmala quoted in a Persian text) keep their spelling.
    The letters themselves are evidence of the language, so a changed line
    is tagged again until nothing more changes (a fixed point); a line that
    does not settle within a few rounds is left as it was.  The rule and the
    per-line work are ``letters`` in ``rust/core/src/conventions.rs``, which
    asks ``ctx.run_tags`` for the tags of the runs it must know.
    """
    if not option or ctx.run_tags is None:
        return []
    return _core.letters_edits(text, ctx.run_tags)


# ---------------------------------------------------------------- Persian affixes


# The trigger only has to cover the first letter of every affix (ه ت م); a
# single character class keeps the profile's joined trigger one fast scan.
@_register(trigger="[\u0647\u062a\u0645]", then=("zero_width",))
def persian_affixes(text: str, option: bool, ctx: Context) -> list[Edit]:
    """Join Persian affixes typed with a space (``می خواهم``, ``کتاب ها``) with a ZWNJ, in Persian runs.

    See :mod:`mixscript.normalization.affixes` for the rules and why they
    are narrow.  A line is judged again after its changes until nothing
    more changes (the tagger's view of a run can change with its words), so
    the step is idempotent; a line that does not settle is left as it was.
    The rules and the per-line work are ``persian_affixes`` in
    ``rust/core/src/affixes.rs``.
    """
    if not option:
        return []
    tags = persian_run_tags(ctx.languages)
    if tags is None:
        return []
    return _core.persian_affixes_edits(text, tags)


@lru_cache(maxsize=64)
def run_tags(languages: tuple[str, ...] | None) -> RunTags:
    """``tag(run)`` for the Arabic-script candidates among ``languages`` (the context's
    ``run_tags``), asked which spelling convention the run follows: the ``letters`` step's question."""
    candidates = arabic_candidates(languages)
    return partial(run_spans, candidates=candidates, convention=True)


@lru_cache(maxsize=64)
def persian_run_tags(languages: tuple[str, ...] | None) -> RunTags | None:
    """``tag(run)`` asked the run's language, for ``persian_affixes``; None when Persian is not
    a candidate: no run can be Persian then."""
    candidates = arabic_candidates(languages)
    return partial(run_spans, candidates=candidates) if "fa" in candidates else None


#: The order in which steps run.  Invisible characters and tatweel go first,
#: so that visual-order detection judges the same letters on every run;
#: visual-order repair must see the raw presentation forms (unshaping a
#: reversed lam-alef first turns السلام into السالم); NFC runs after unshaping
#: and ligature expansion so it composes what they produce; language
#: conventions see the text before ``search`` strips harakat and folds ى
#: (which they may produce) to ي.
ORDER = (
    "bidi_controls",
    "zero_width",
    "tatweel",
    "spaces",
    "visual_order",
    "presentation_forms",
    "ligatures",
    "casefold",
    "nfc",
    "letters",
    "persian_affixes",
    "harakat",
    "fold",
    "digits",
)
assert set(ORDER) == set(STEPS), "every registered step has a place in ORDER"
