"""Profiles (named sets of step options) and the two entry points ``normalize`` and ``explain``.

A :class:`Profile` has one field per step, named after the step.  It is
frozen: derive a variant with :func:`dataclasses.replace`, e.g.
``replace(PROFILES["clean"], digits="ascii")``.

``normalize`` and ``explain`` run the same steps in the same order; only
``explain`` pays for the alignment that maps output back to input.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from types import MappingProxyType

from mixscript.bidi.repair import plan_repairs
from mixscript.lang.conventions import language_spans
from mixscript.model import Change
from mixscript.normalization.steps import ORDER, STEPS, Context, Step
from mixscript.text.breaks import LINE_BREAKS
from mixscript.text.edits import Alignment, Edit, apply_edits
from mixscript.text.valid import validate


@dataclass(frozen=True, slots=True)
class Profile:
    """Options for every step; a step whose option is False or ``"keep"`` does nothing."""

    name: str
    visual_order: bool = False
    bidi_controls: str = "keep"
    presentation_forms: bool = False
    ligatures: bool = False
    casefold: bool = False
    nfc: bool = False
    zero_width: str = "keep"
    tatweel: bool = False
    spaces: bool | str = False
    harakat: bool = False
    fold: bool = False
    digits: str = "keep"
    letters: bool = False
    persian_affixes: bool = False

    def __post_init__(self) -> None:
        for step in ORDER:
            value = getattr(self, step)
            if value not in STEPS[step].choices:
                raise ValueError(
                    f"profile {self.name!r}: {step}={value!r}, expected one of {STEPS[step].choices}"
                )

    def active(self) -> tuple[str, ...]:
        """Names of the steps this profile runs, in order."""
        return tuple(s for s in ORDER if getattr(self, s) not in (False, "keep"))


_SAFE = Profile(
    "safe",
    visual_order=True,
    bidi_controls="unbalanced",
    presentation_forms=True,
    nfc=True,
    zero_width="unused",
)
_CLEAN = replace(
    _SAFE,
    name="clean",
    ligatures=True,
    tatweel=True,
    spaces=True,
    letters=True,
    zero_width="hints",
    # Measured precision 100 % (808 joins, every one checked by hand) on
    # Persian sentences: evaluation/persian_affixes.py.
    persian_affixes=True,
)
_SEARCH = replace(
    _CLEAN,
    name="search",
    harakat=True,
    fold=True,
    digits="ascii",
    casefold=True,
    zero_width="joiners",
    bidi_controls="all",
    letters=False,
    spaces="all",
    # Its judgement (is this run Persian?) could change once ``fold`` has
    # rewritten the letters, so a second run could join more: not idempotent.
    persian_affixes=False,
)

#: The built-in profiles by name (read-only).
PROFILES = MappingProxyType({p.name: p for p in (_SAFE, _CLEAN, _SEARCH)})


def get_profile(profile: str | Profile) -> Profile:
    """A profile by name, or the profile itself."""
    if isinstance(profile, Profile):
        return profile
    if not isinstance(profile, str):
        raise TypeError(f"profile must be a name (str) or a Profile, not {type(profile).__name__}")
    try:
        return PROFILES[profile]
    except KeyError:
        raise ValueError(
            f"unknown profile {profile!r}; choose one of {', '.join(PROFILES)}"
        ) from None


@lru_cache(maxsize=64)
def _trigger(profile: Profile) -> re.Pattern[str] | None:
    """One pattern for everything the profile's steps could touch (None: NFC only)."""
    parts = [STEPS[s].trigger for s in profile.active() if STEPS[s].trigger]
    return re.compile("|".join(parts)) if parts else None


@dataclass(frozen=True, slots=True)
class Normalized:
    """The result of :func:`explain`: the text, what changed, and the way back."""

    text: str
    changes: list[Change]
    alignment: Alignment

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """Input span that ``text[i:j]`` comes from (monotone; inside the input)."""
        return self.alignment.source_span(i, j)


@lru_cache(maxsize=128)
def _context(profile: Profile, langs: tuple[str, ...] | None, precise: bool) -> Context:
    """The context of one profile and candidate list; built once, it holds no state."""
    rest = _without_visual_order(profile)

    # The visual-order judgement asks for the same line as the rest of the
    # profile leaves it two or three times (to score it, then before each
    # repair it tries); the rest includes the language tagger, so the answer
    # is kept for the last few lines.
    @lru_cache(maxsize=256)
    def later(line: str) -> str:
        return _run(line, rest, langs, align=False)[0]

    return Context(
        language_spans=lambda t: language_spans(t, langs),
        languages=langs,
        later=later if profile.visual_order else None,
        strips_harakat=profile.harakat,
        precise=precise,
    )


@lru_cache(maxsize=64)
def _without_visual_order(profile: Profile) -> Profile:
    return replace(profile, visual_order=False)


@dataclass(frozen=True, slots=True)
class _Planned:
    """One active step of a profile, with what ``_run`` needs at hand."""

    name: str
    step: Step
    trigger: re.Pattern[str] | None
    option: object
    then: tuple[tuple[str, Step, object], ...]
    after_nfc: bool


@lru_cache(maxsize=64)
def _plan(profile: Profile) -> tuple[_Planned, ...]:
    """The profile's steps with compiled triggers, built once per profile."""
    planned = []
    seen_nfc = False
    for name in profile.active():
        step = STEPS[name]
        then = tuple(
            (again, STEPS[again], getattr(profile, again))
            for again in step.then
            if getattr(profile, again) not in (False, "keep")
        )
        planned.append(
            _Planned(
                name,
                step,
                re.compile(step.trigger) if step.trigger and not step.scans_itself else None,
                getattr(profile, name),
                then,
                seen_nfc,
            )
        )
        seen_nfc = seen_nfc or name == "nfc"
    return tuple(planned)


def _run(
    text: str, profile: Profile, languages: Sequence[str] | None, align: bool
) -> tuple[str, Alignment | None]:
    validate(text)
    alignment = Alignment(len(text)) if align else None
    trigger = _trigger(profile)
    if trigger is None or trigger.search(text) is None:
        if not profile.nfc or text.isascii():
            return text, alignment
        return _apply(text, STEPS["nfc"].func(text, True, Context(precise=align)), "nfc", alignment)
    ctx = _context(profile, tuple(languages) if languages is not None else None, align)
    # Edits made after the nfc step can bring a mark next to a letter it
    # composes with; only then is a last NFC pass needed.
    dirty = False
    for p in _plan(profile):
        if p.trigger is not None and p.trigger.search(text) is None:
            continue
        edits = p.step.func(text, p.option, ctx)
        if not edits:
            if p.name == "visual_order" and alignment is None and ctx.later is not None:
                judged = _judged_line(text, ctx.later)
                if judged is not None:
                    return judged, None
            continue
        text, alignment = _apply(text, edits, p.name, alignment)
        dirty = dirty or p.after_nfc
        for again, step, option in p.then:
            redo = step.func(text, option, ctx)
            if redo:
                text, alignment = _apply(text, redo, again, alignment)
                dirty = dirty or p.after_nfc
    if profile.nfc and dirty:
        text, alignment = _apply(text, STEPS["nfc"].func(text, True, ctx), "nfc", alignment)
    return text, alignment


_LINE_BREAK = re.compile("[" + re.escape("".join(sorted(LINE_BREAKS))) + "]")


def _judged_line(text: str, later: Callable[[str], str]) -> str | None:
    """A one-line text that ``visual_order`` left alone, as the rest of the profile leaves it.

    Judging the line, ``visual_order`` already ran the rest of the profile on
    it (``later``, which keeps its answers for the last lines), so that
    answer is the result: the line is not normalised a second time.  Only
    for a text of one line, with or without a final LF (``later`` saw the
    line without it), and only where no offsets are kept: ``explain`` runs
    every step itself, and the tests compare the two.  None otherwise.
    """
    body = text[:-1] if text.endswith("\n") else text
    if _LINE_BREAK.search(body) is not None:
        return None
    return later(body) + text[len(body) :]


def _apply(
    text: str, edits: list[Edit], rule: str, alignment: Alignment | None
) -> tuple[str, Alignment | None]:
    if not edits:
        return text, alignment
    if alignment is not None:
        return alignment.apply(text, edits, rule)
    return apply_edits(text, edits), None


def normalize(
    text: str, profile: str | Profile = "clean", *, languages: Sequence[str] | None = None
) -> str:
    """Normalise ``text`` with a profile (``safe``, ``clean``, ``search`` or a :class:`Profile`).

    >>> normalize("\\ufef7\\ufee7\\ufeea", "safe")
    'لأنه'
    >>> normalize("Image2.jpg, 1.5")
    'Image2.jpg, 1.5'
    """
    return _run(text, get_profile(profile), languages, align=False)[0]


def explain(
    text: str, profile: str | Profile = "clean", *, languages: Sequence[str] | None = None
) -> Normalized:
    """Normalise ``text`` and say what changed, with offsets into the input.

    >>> n = explain("a\\u0640\\u0640b ب\\u0640ب")
    >>> n.text, [(c.start, c.end, c.replacement, c.rule) for c in n.changes]
    ('a\\u0640\\u0640b بب', [(6, 7, '', 'tatweel')])
    """
    out, alignment = _run(text, get_profile(profile), languages, align=True)
    assert alignment is not None
    return Normalized(out, alignment.changes(out), alignment)


def visual_order_edits(
    text: str,
    profile: str | Profile = "safe",
    *,
    languages: Sequence[str] | None = None,
    keep_forms: bool = True,
) -> list[Edit]:
    """``(line_start, line_end, logical line)`` for the lines ``profile`` repairs from visual order.

    The decision of the profile's ``visual_order`` step (a profile without
    that step is judged as if it had it), without the rest of the profile:
    ``mixscript repair`` calls this so that it changes exactly the lines that
    ``normalize`` with the same profile would reorder, and leaves text that
    is already in logical order as it is.  :func:`mixscript.to_logical` is
    the unconditional conversion, for text known to be visual.

    ``keep_forms=False`` also unshapes presentation forms in the lines left
    in logical order, by the rule of the ``presentation_forms`` step
    (:func:`mixscript.bidi.repair.plan_repairs`): what ``mixscript repair``
    does unless given ``--keep-forms``.

    >>> visual_order_edits("السلام عليكم في المدينة")
    []
    """
    validate(text)
    chosen = replace(get_profile(profile), visual_order=True)
    ctx = _context(chosen, tuple(languages) if languages is not None else None, False)
    if keep_forms:
        return STEPS["visual_order"].func(text, True, ctx)
    repairs = plan_repairs(text, judge=ctx.later, strips_harakat=ctx.strips_harakat)
    return [(r.start, r.end, r.text) for r in repairs]


def steps_table() -> str:
    """The Markdown table of steps and built-in profiles that the README shows.

    ``tests/test_docs.py`` fails when the README's copy drifts from this.
    """

    def cell(value: object) -> str:
        if value is True:
            return "yes"
        if value is False or value == "keep":
            return "–"
        return f"`{value}`"

    names = list(PROFILES)
    lines = [
        "| step | what it does | " + " | ".join(f"`{n}`" for n in names) + " |",
        "|---|---|" + "---|" * len(names),
    ]
    for step in ORDER:
        row = [f"`{step}`", STEPS[step].doc.rstrip(".").replace("``", "`")]
        row += [cell(getattr(PROFILES[n], step)) for n in names]
        lines.append("| " + " | ".join(row) + " |")
    return "\n".join(lines)
