"""Profiles (named sets of step options) and the two entry points ``normalize`` and ``explain``.

A :class:`Profile` has one field per step, named after the step.  It is
frozen: derive a variant with :func:`dataclasses.replace`, e.g.
``replace(PROFILES["clean"], digits="ascii")``.

``normalize`` and ``explain`` run the same steps in the same order (one
loop, ``_run``); only ``explain`` pays for the alignment that maps output
back to input.  Each stretch of consecutive compiled steps runs as one call
to the core (``rust/core/src/pipeline.rs``), which applies their edits
itself and, for ``explain``, composes them onto the alignment
(``rust/core/src/align.rs``) without coming back to Python.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import chain
from types import MappingProxyType
from typing import Generic, TypeVar

from mixscript import _core
from mixscript.bidi.repair import REPAIR_THRESHOLD, plan_repairs
from mixscript.lang.tagger import check_languages
from mixscript.lang.words import arabic_script_zipf
from mixscript.model import Change
from mixscript.normalization.steps import (
    ORDER,
    STEPS,
    Context,
    RunTags,
    Step,
    persian_run_tags,
    run_tags,
)
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

_BY_NAME = {p.name: p for p in (_SAFE, _CLEAN, _SEARCH)}

#: The built-in profiles by name (read-only).
PROFILES = MappingProxyType(_BY_NAME)


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
def _build_context(profile: Profile, langs: tuple[str, ...] | None, precise: bool) -> Context:
    """The context of one profile and candidate list; built once, it holds no state."""
    later = _later(profile, langs, precise) if profile.visual_order else None
    return Context(
        run_tags=run_tags(langs),
        languages=langs,
        later=(lambda line: later(line)[0]) if later is not None else None,
        strips_harakat=profile.harakat,
        precise=precise,
    )


_Later = Callable[[str], tuple[str, "_core.Alignment | None"]]


@lru_cache(maxsize=128)
def _build_later(profile: Profile, langs: tuple[str, ...] | None, precise: bool) -> _Later:
    """The rest of the profile after ``visual_order``, run on one line (``Context.later``).

    The visual-order judgement asks for the same line as the rest of the
    profile leaves it two or three times (to score it, then before each
    repair it tries); the rest includes the language tagger, so the answer
    is kept for the last few lines.  Where offsets are kept (``precise``:
    ``explain``) the answer comes with its alignment, whose steps
    ``explain`` replays for a line the judge left alone (``_judged_line``).
    """
    rest = _without_visual_order(profile)

    @lru_cache(maxsize=256)
    def later(line: str) -> tuple[str, _core.Alignment | None]:
        return _run(line, rest, langs, align=precise)

    return later


@lru_cache(maxsize=64)
def _without_visual_order(profile: Profile) -> Profile:
    return replace(profile, visual_order=False)


@dataclass(frozen=True, slots=True)
class _Planned:
    """One active step of a profile, with its compiled trigger and ``then`` steps."""

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


#: The steps whose rule is all in the core (``rust/core/src/steps``): a
#: stretch of them runs as one chain there (``rust/core/src/pipeline.rs``).
_CHAINED = frozenset(
    {
        "bidi_controls",
        "zero_width",
        "tatweel",
        "spaces",
        "presentation_forms",
        "ligatures",
        "nfc",
        "harakat",
        "fold",
        "digits",
    }
)


@dataclass(frozen=True, slots=True)
class _PythonStep:
    """A step of a compiled plan that runs in Python; ``then`` is the index of its chain.

    ``bit`` is its bit in the masks the core returns (its trigger matches).
    """

    name: str
    step: Step
    trigger: re.Pattern[str] | None
    option: object
    then: int | None
    after_nfc: bool
    bit: int


@dataclass(frozen=True, slots=True)
class _Compiled:
    """A profile as ``normalize`` runs it: chains in the core (by index) and Python steps."""

    core: _core.CompiledPlan
    #: What is left to run after ``core.start``: the segments but a leading chain.
    rest: tuple[int | _PythonStep, ...]
    #: The chain that is only the last NFC pass (nothing to do unless dirty).
    final_pass: int | None
    #: No step's trigger holds an ASCII character: ASCII text is left as it is
    #: (``str.isascii`` reads a flag of the string, it does not scan it).
    ascii_quiet: bool
    #: For a profile whose ``visual_order`` step comes right after its
    #: leading chain: the plan of the profile without it, which
    #: ``core.run_all`` runs on a one-line text the step leaves alone.
    judged_rest: _core.CompiledPlan | None
    #: What ``core.run_all`` is given after the text when no candidate
    #: languages are named.
    default_args: _RunArgs
    #: ``normalize`` asks the core to run the whole profile in one call
    #: (``core.run_all``) before going step by step; off only to compare.
    in_one_call: bool = True


_ChainSpec = list[tuple[str, str, list[tuple[str, str]], bool]]

#: ``core.run_all``'s arguments after the text: the rest plan, the taggers
#: of ``letters`` and ``persian_affixes``, whether harakat go, the threshold.
_RunArgs = tuple[_core.CompiledPlan | None, RunTags, RunTags | None, bool, float]


@lru_cache(maxsize=64)
def _compiled(profile: Profile) -> _Compiled:
    """The profile's steps cut into chains of compiled steps and Python steps, built once.

    The ``then`` steps of every step must be compiled ones (they run as a
    chain after the step); the core refuses a plan it cannot run.
    """
    chains: list[tuple[_ChainSpec, bool]] = []
    segments: list[int | _PythonStep] = []
    final_pass = None
    current: _ChainSpec | None = None
    triggers: list[list[tuple[int, int]]] = []
    for p in _plan(profile):
        if p.name in _CHAINED:
            if current is None:
                current = []
                segments.append(len(chains))
                chains.append((current, False))
            current.append(
                (p.name, str(p.option), [(n, str(o)) for n, _, o in p.then], p.after_nfc)
            )
            continue
        current = None
        then = None
        if p.then:
            # Judged again one after the other, each change marking the text
            # as this step's would: a chain of steps without ``then``.
            then = len(chains)
            chains.append(([(n, str(o), [], p.after_nfc) for n, _, o in p.then], False))
        bit = 1 << len(triggers)
        segments.append(_PythonStep(p.name, p.step, p.trigger, p.option, then, p.after_nfc, bit))
        triggers.append(list(_trigger_ranges(p.step.trigger)) if p.trigger else [(0, 0x10FFFF)])
    if profile.nfc:
        # The last NFC pass (after a change behind the nfc step) ends the
        # last chain, or is a chain of its own after a Python step.
        if segments and isinstance(segments[-1], int):
            chains[segments[-1]] = (chains[segments[-1]][0], True)
        else:
            final_pass = len(chains)
            segments.append(final_pass)
            chains.append(([], True))
    guard = _joined_ranges(tuple(STEPS[s].trigger for s in profile.active()))
    leads = bool(segments) and segments[0] == 0
    rest = tuple(segments[1:] if leads else segments)
    judged_rest = None
    if leads and rest and not isinstance(rest[0], int) and rest[0].name == "visual_order":
        judged_rest = _compiled(_without_visual_order(profile)).core
    default_args = _run_args(judged_rest, profile, None)
    core = _core.CompiledPlan(
        guard,
        profile.nfc,
        chains,
        leads,
        triggers,
        [
            ("chain", s, None, False)
            if isinstance(s, int)
            else (s.name, s.bit.bit_length() - 1, s.then, s.after_nfc)
            for s in rest
        ],
        final_pass,
        default_args,
    )
    ascii_quiet = all(lo >= 0x80 for lo, _ in guard)
    return _Compiled(core, rest, final_pass, ascii_quiet, judged_rest, default_args)


def _run_args(
    judged_rest: _core.CompiledPlan | None, profile: Profile, languages: tuple[str, ...] | None
) -> _RunArgs:
    """``core.run_all``'s arguments after the text, for ``profile`` and its candidates."""
    return (
        judged_rest,
        run_tags(languages),
        persian_run_tags(languages),
        profile.harakat,
        REPAIR_THRESHOLD,
    )


@lru_cache(maxsize=1)
def _bmp() -> str:
    """The Basic Multilingual Plane but the surrogates, in order (to list a trigger's characters)."""
    return "".join(map(chr, chain(range(0xD800), range(0xE000, 0x10000))))


#: Every character beyond the BMP counts as one a step could touch: a text
#: holding one takes the step-by-step path, which is exact anyway, and
#: listing the triggers' characters up there would cost a scan of a
#: million code points per step.
_ASTRAL = (0x10000, 0x10FFFF)


@lru_cache(maxsize=32)
def _trigger_ranges(trigger: str) -> tuple[tuple[int, int], ...]:
    """The BMP characters a trigger (a character class) matches, as inclusive code point ranges."""
    if not trigger:
        return ()

    def code_point(i: int) -> int:
        return i if i < 0xD800 else i + 0x800

    return tuple(
        (code_point(m.start()), code_point(m.end() - 1))
        for m in re.finditer(f"(?:{trigger})+", _bmp())
    )


@lru_cache(maxsize=64)
def _joined_ranges(triggers: tuple[str, ...]) -> list[tuple[int, int]]:
    ranges = set(chain.from_iterable(_trigger_ranges(t) for t in triggers))
    return sorted(ranges | {_ASTRAL}) if ranges else []


_Made = TypeVar("_Made")


class _ByProfile(Generic[_Made]):
    """What ``build(profile, *args)`` makes, kept by the profile's identity.

    ``normalize`` asks for a profile's compiled plan and its context once a
    call, several times a line where ``visual_order`` judges it; hashing a
    profile (a frozen dataclass of fifteen fields, hashed field by field
    every time) would cost more than some of the calls it prepares.  The
    profile is kept with its entry, so that a new profile given the id of
    one gone is not taken for it; ``build`` is cached by the profile's value
    (an equal profile made anew gets what the first was given).
    """

    def __init__(self, build: Callable[..., _Made], size: int = 64) -> None:
        self._build = build
        self._size = size
        self._made: dict[tuple[object, ...], tuple[Profile, _Made]] = {}
        #: The profile last asked for without further arguments, and what it
        #: was given: a run of ``normalize`` over the lines of a file asks for
        #: the same profile every line, answered here without building a key.
        self._last: tuple[Profile, _Made] | None = None
        #: What was made for each built-in profile, by its name, kept by the
        #: caller (``normalize``: see ``_plan_by_name``) and forgotten with
        #: the rest.
        self.named: dict[str, _Made] = {}
        #: Of those, the core plans ``normalize`` hands to the core by name
        #: (``_core.normalize_by_name``), forgotten with the rest.
        self.cores: dict[str, _core.CompiledPlan] = {}

    def __call__(self, profile: Profile, *args: Hashable) -> _Made:
        last = self._last
        if last is not None and last[0] is profile and not args:
            return last[1]
        key = (id(profile), *args)
        entry = self._made.get(key)
        if entry is not None and entry[0] is profile:
            made = entry[1]
        else:
            if len(self._made) >= self._size:
                self._made.clear()
            made = self._build(profile, *args)
            self._made[key] = (profile, made)
        if not args:
            self._last = (profile, made)
        return made

    def cache_clear(self) -> None:
        """Forget what was made (and what ``build`` itself keeps, if it is cached)."""
        self._made.clear()
        self._last = None
        self.named.clear()
        self.cores.clear()
        clear = getattr(self._build, "cache_clear", None)
        if clear is not None:
            clear()


_compiled_for: _ByProfile[_Compiled] = _ByProfile(_compiled)
#: ``_compiled_for`` as the module made it, and its plans of the built-in
#: profiles by name (see ``_plan_by_name``).
_PLANS_FOR = _compiled_for
_PLANS_BY_NAME = _compiled_for.named
_CORES_BY_NAME = _compiled_for.cores
_normalize_by_name = _core.normalize_by_name
_later: _ByProfile[_Later] = _ByProfile(_build_later, size=128)
_context: _ByProfile[Context] = _ByProfile(_build_context, size=128)


def _run(
    text: str, profile: Profile, languages: Sequence[str] | None, align: bool = False
) -> tuple[str, _core.Alignment | None]:
    """The profile's steps on ``text``: the result, and with ``align`` its alignment with ``text``.

    The chains of compiled steps run in the core, the Python steps between
    them here; every step that changed the text has its ``then`` steps
    judged again, and a change made after the ``nfc`` step marks the text
    for a last NFC pass.  One core call (``run_all``) decides whether the
    text holds anything a step could touch (and checks it for lone
    surrogates on the way) and runs the whole profile where the core can:
    a text no Python step has work in, and a one-line text that
    ``visual_order`` leaves alone.  Otherwise it runs the first chain and
    the loop below goes on step by step.

    With ``align`` (``explain``), each step's edits are composed onto the
    alignment as the step makes them (in the core for the chains), and the
    steps make them as small as they can (``Context.precise``); without
    (``normalize``), no alignment is kept.  A one-line text that
    ``visual_order`` judged and left alone takes the judge's answer.
    """
    compiled = _compiled_for(profile)
    if compiled.ascii_quiet and type(text) is str and text.isascii():
        # Most English lines: nothing to touch, already NFC.
        return text, _core.Alignment(len(text)) if align else None
    core = compiled.core
    try:
        if not compiled.in_one_call:
            text, alignment, dirty, done, mask = core.start(text, align)
        else:
            # Most texts are done in this one call: those no Python step has
            # work in, and a line that ``visual_order`` leaves alone (the
            # judgement and the rest of the profile), decided as the loop
            # below would decide them, with their offsets if kept.
            args = compiled.default_args
            if languages is not None:
                args = _run_args(compiled.judged_rest, profile, tuple(languages))
            # Passed one by one: a call spelled with ``*args`` goes through a
            # tuple that the core then takes apart, which costs more than
            # most lines' whole run.
            rest, tags, persian, harakat, threshold = args
            text, alignment, dirty, done, mask = core.run_all(
                text, rest, tags, persian, harakat, threshold, align
            )
    except (TypeError, ValueError):
        validate(text)  # the library's own error for a non-str or a lone surrogate
        raise
    if done:
        return text, alignment
    return _go_on(text, alignment, dirty, mask, compiled, profile, languages, align)


def _go_on(
    text: str,
    alignment: _core.Alignment | None,
    dirty: bool,
    mask: int | None,
    compiled: _Compiled,
    profile: Profile,
    languages: Sequence[str] | None,
    align: bool,
) -> tuple[str, _core.Alignment | None]:
    """``_run`` after its core call, step by step from where the core left the text."""
    core = compiled.core
    ctx: Context | None = None
    for segment in compiled.rest:
        if isinstance(segment, int):
            if segment == compiled.final_pass and not dirty:
                continue
            text, alignment, dirty, mask = core.run(segment, text, dirty, alignment)
            continue
        # Which triggers match is known from the core until a Python step
        # changes the text (or for a text beyond the BMP, never).
        if mask is not None:
            if not mask & segment.bit:
                continue
        elif segment.trigger is not None and segment.trigger.search(text) is None:
            continue
        if ctx is None:
            langs = tuple(languages) if languages is not None else None
            ctx = _context(profile, langs, align)
        edits = segment.step.func(text, segment.option, ctx)
        if not edits:
            if segment.name == "visual_order" and ctx.later is not None:
                judged = _judged_line(text, alignment, _later(profile, ctx.languages, align))
                if judged is not None:
                    return judged
            continue
        if alignment is None:
            text = apply_edits(text, edits)
            if segment.name == "visual_order" and ctx.later is not None:
                # A one-line text turned round: judging the repair, the step
                # ran the rest of the profile on the repaired line already.
                judged = _judged_line(text, None, _later(profile, ctx.languages, align))
                if judged is not None:
                    return judged
        else:
            text, alignment = alignment.apply(text, edits, segment.name)
        mask = None
        dirty = dirty or segment.after_nfc
        if segment.then is not None:
            text, alignment, dirty, mask = core.run(segment.then, text, dirty, alignment)
    return text, alignment


_LINE_BREAK = re.compile("[" + re.escape("".join(sorted(LINE_BREAKS))) + "]")


#: The steps before ``visual_order``: run before it judges a line, and
#: again first thing by the rest of the profile (``Context.later``).
_BEFORE_VISUAL_ORDER = frozenset(ORDER[: ORDER.index("visual_order")])


def _judged_line(
    text: str, alignment: _core.Alignment | None, later: _Later
) -> tuple[str, _core.Alignment | None] | None:
    """A one-line text that ``visual_order`` judged, as the rest of the profile leaves it.

    Judging the line, ``visual_order`` already ran the rest of the profile on
    it (``later``, which keeps its answers for the last lines), so that
    answer is the result: the line is not normalised a second time.  So
    with a line it repaired, without offsets: a repair is kept only when it
    reads as logical as ``later`` leaves it, and the steps before
    ``visual_order``, which ``later`` runs first, are those the step has
    run again after its edits.  Only for a text of one line, with or
    without a final LF (``later`` saw the line without it).

    Where offsets are kept (``alignment``, the text's so far: ``explain``),
    ``later`` has kept the alignment of its steps with the line, and their
    edits are replayed, step by step, onto the text's own: what running the
    steps after ``visual_order`` would have composed, provided that the
    rest of the profile did only that, i.e. the steps before
    ``visual_order``, run again first, changed nothing.  And only for a
    line without a final LF, which ``later`` did not see.

    None otherwise; the tests compare both with running every step.
    """
    body = text[:-1] if text.endswith("\n") else text
    if _LINE_BREAK.search(body) is not None:
        return None
    if alignment is None:
        return later(body)[0] + text[len(body) :], None
    if body is not text:
        return None
    out, after = later(body)
    if after is None:
        return None
    steps = after.steps()
    if steps and steps[0] in _BEFORE_VISUAL_ORDER:
        return None
    return out, alignment.replay(after)


def normalize(
    text: str, profile: str | Profile = "clean", *, languages: Sequence[str] | None = None
) -> str:
    """Normalise ``text`` with a profile (``safe``, ``clean``, ``search`` or a :class:`Profile`).

    >>> normalize("\\ufef7\\ufee7\\ufeea", "safe")
    'لأنه'
    >>> normalize("Image2.jpg, 1.5")
    'Image2.jpg, 1.5'

    ``languages`` (the candidates of the ``letters`` and ``persian_affixes``
    steps) is read as :func:`mixscript.segment` reads it: primary subtags
    (``fa-IR`` is ``fa``), and a code no backend knows is an error rather
    than a candidate that silently matches nothing.
    """
    if languages is None and type(profile) is str:
        if type(text) is str and text.isascii() and profile in _ASCII_QUIET:
            # Most lines of English, with a built-in profile none of whose
            # steps touches ASCII: decided before any lookup (``_run``
            # decides so too).
            return text
        if _compiled_for is _PLANS_FOR:
            # A built-in profile whose plan is kept by name: found, run and
            # its answer looked at in the core, which hands a text left to
            # Python's steps to ``_go_on_by_name`` (None: the long way).
            done = _normalize_by_name(_CORES_BY_NAME, _go_on_by_name, text, profile)
            if done is not None:
                return done
        chosen = _BY_NAME.get(profile)
        if chosen is not None:
            # A built-in profile by name, no candidates: the arguments of
            # the core's one call are the plan's own, and most texts come
            # back done from it as a ``str``.  The Python around a line's
            # core call cost about as much as the call itself (a line of
            # Latin text with a soft hyphen); this path is ``_run``'s
            # without its choices.
            # By name: a call of ``_compiled_for`` (an instance, called
            # through a slower slot than a function) cost about a third of
            # the Python around the core's call.
            compiled = _PLANS_BY_NAME.get(profile)
            if compiled is None or _compiled_for is not _PLANS_FOR:
                compiled = _plan_by_name(profile, chosen)
            if compiled.in_one_call:
                try:
                    out = compiled.core.normalize(text)
                except (TypeError, ValueError):
                    validate(text)  # the library's error for a non-str or a lone surrogate
                    raise
                if isinstance(out, str):
                    return out
                return _finished(out, compiled, chosen)
    if languages is not None:
        languages = check_languages(languages)
    return _run(text, get_profile(profile), languages)[0]


def _plan_by_name(name: str, chosen: Profile) -> _Compiled:
    """``_compiled_for(chosen)`` for the built-in profile ``name``, kept by name for ``normalize``.

    Kept only while ``_compiled_for`` is the module's own (a replaced one,
    as the tests use to run the steps one by one, is asked every call), in
    its ``named`` entries, which ``cache_clear`` forgets with the rest: a
    built-in profile is one object, so its plan is the one that
    ``_compiled_for`` keeps for it until then.
    """
    compiled = _compiled_for(chosen)
    if _compiled_for is _PLANS_FOR:
        _PLANS_BY_NAME[name] = compiled
        if compiled.in_one_call:
            _CORES_BY_NAME[name] = compiled.core
    return compiled


def _go_on_by_name(started: _core.Started, name: str) -> str:
    """``normalize``'s steps after the core's one call for the built-in profile ``name``.

    Called by ``_core.normalize_by_name`` with what the call ``started``
    (a text some Python step has work in), for a profile whose plan
    ``_plan_by_name`` kept.
    """
    return _finished(started, _PLANS_BY_NAME[name], _BY_NAME[name])


def _finished(started: _core.Started, compiled: _Compiled, profile: Profile) -> str:
    """What ``profile``'s Python steps make of a text its core's one call ``started``."""
    text, _, dirty, _, mask = started
    return _go_on(text, None, dirty, mask, compiled, profile, None, False)[0]


#: The built-in profiles (by name) that leave ASCII text as it is; the tests
#: check the set against each profile's compiled plan.
_ASCII_QUIET = frozenset({"safe", "clean"})


def explain(
    text: str, profile: str | Profile = "clean", *, languages: Sequence[str] | None = None
) -> Normalized:
    """Normalise ``text`` and say what changed, with offsets into the input.

    >>> n = explain("a\\u0640\\u0640b ب\\u0640ب")
    >>> n.text, [(c.start, c.end, c.replacement, c.rule) for c in n.changes]
    ('a\\u0640\\u0640b بب', [(6, 7, '', 'tatweel')])
    """
    if languages is not None:
        languages = check_languages(languages)
    out, alignment = aligned(text, get_profile(profile), languages)
    return Normalized(out, alignment.changes(out), alignment)


def aligned(text: str, profile: Profile, languages: Sequence[str] | None) -> tuple[str, Alignment]:
    """:func:`explain` without its list of changes: the text and its alignment with the input.

    What :func:`mixscript.segment` needs to map segments back (it never
    reads the changes, which cost about as much as the rest of a line's
    offsets).  ``languages`` as :func:`check_languages` leaves them.
    """
    out, core = _run(text, profile, languages, align=True)
    return out, Alignment(core if core is not None else len(out))


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
    ctx = _context(chosen, check_languages(languages), False)
    if keep_forms:
        return STEPS["visual_order"].func(text, True, ctx)
    repairs = plan_repairs(
        text, judge=ctx.later, strips_harakat=ctx.strips_harakat, words=arabic_script_zipf
    )
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
