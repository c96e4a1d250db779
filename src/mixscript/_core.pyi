"""Type stubs of the compiled core, ``rust/py`` (PyO3) over ``rust/core``.

Text is indexed by code point, as everywhere in the library; levels are
UAX #9 embedding levels (0..126).
"""

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

UNICODE_VERSION: str

def bidi_class(ch: str, /) -> str:
    """Bidi_Class of one character, at :data:`UNICODE_VERSION`."""

def bidi_levels(text: str, base_level: int | None = None) -> tuple[list[int], int]:
    """(level per character, paragraph level) of one paragraph (UAX #9 rules P2-I2)."""

def first_strong_level(text: str) -> int | None:
    """P2-P3: 1 if the first strong character is RTL, 0 if LTR, None if there is none."""

def fill_removed(text: str, levels: Sequence[int], para: int) -> list[int]:
    """``levels`` with X9-removed characters given the level before them."""

def line_levels(line: str, levels: Sequence[int], para: int) -> list[int]:
    """Rule L1: the levels of one line from its paragraph levels."""

def reorder_line(levels: Sequence[int]) -> list[int]:
    """Rule L2: indexes of the line's characters in visual order."""

def keep_marks_after_base(line: str, order: Sequence[int], levels: Sequence[int]) -> list[int]:
    """Rule L3: ``order`` with combining marks put back after their base."""

# -- display order and shaping (``mixscript.bidi.display``) --

def shape(text: str, harakat: bool = True) -> str:
    """Arabic letters to contextual presentation forms; harakat kept or deleted."""

def has_arabic_marks(text: str) -> bool:
    """Whether ``text`` holds a nonspacing mark of the Arabic blocks (the ALLAH ligature rule)."""

def render_lines(
    text: str,
    levels: Sequence[int],
    para: int,
    spans: Sequence[tuple[int, int]],
    marks_after_base: bool,
) -> list[str]:
    """The lines ``text[s:e]`` of one paragraph in visual order (L1-L4, bidi controls dropped)."""

def to_visual(
    text: str,
    base_level: int | None = None,
    shape: bool = True,
    harakat: bool = True,
    marks_after_base: bool = False,
) -> str:
    """The whole text in display order, one line per paragraph, shaped unless ``shape=False``."""

# -- check's scans (rust/core/src/checks) ---------------------------------------------------------

def check_scan(text: str, icu: bool) -> tuple[list[int], list[int], list[int], bool] | None:
    """None when no rule of ``check`` can report anything in ``text``; else
    (unbalanced bidi controls, invisible candidates, controls, may hold mojibake)."""

def unbalanced_bidi_controls(text: str) -> list[int]:
    """Positions of bidi controls that override order or stay unbalanced in their line."""

def control_chars(text: str) -> list[int]:
    """Positions of the control characters of the MS50x rules (surrogates included)."""

def invisible_rules(text: str, positions: Sequence[int]) -> list[str | None]:
    """The rule (MS201, MS208, MS211) each ZWSP, ZWNJ or ZWJ at ``positions`` breaks, or None."""

def joiner_has_effect(text: str, i: int) -> bool:
    """Whether the ZWNJ or ZWJ at ``i`` does anything (the ``zero_width`` step's judgement)."""

def invisible_candidates(text: str) -> list[int]:
    """Positions of the invisible characters the MS2xx rules judge."""

def may_hold_mojibake(text: str) -> bool:
    """Whether a Windows-1252 lead character is followed by a continuation character."""

def word_scan(text: str, icu: bool) -> tuple[list[tuple[int, int, bool]], list[tuple[int, int]]]:
    """((start, end, latin_on_line) of the words the word rules must judge, in order,
    (start, end) of the runs of decimal digits that mix digit systems)."""

def edited_words_to_look_at(text: str, edits: list[tuple[int, int, str]], icu: bool) -> bool:
    """Whether ``word_scan`` finds anything in ``text`` with the sorted, non-overlapping
    ``edits`` applied (as :class:`mixscript.text.edits.EditedText` applies them)."""

# ---- visual-order evidence (rust/core/src/visual)

def visual_score(line: str) -> tuple[int, int]:
    """(forward score, backward score) of one line: evidence for logical vs visual order."""

def visual_evidence(line: str) -> tuple[int, int, int, int]:
    """(forward, backward, words reading better forwards, words reading better backwards)."""

def visual_word_scores(word: str) -> tuple[int, int]:
    """(forward, backward) scores of one word as stored (marks, tatweel and ZWJ dropped)."""

def arabic_words(line: str) -> list[tuple[int, int]]:
    """(start, end) of each Arabic-script word of ``line`` as stored, marks included."""

def visual_confidence(forward: int, backward: int) -> float:
    """``(backward - forward) / (backward + forward + 1)``, or 0 when ``backward <= forward``."""

def function_words() -> list[str]:
    """The function words that tell a direction (in NFC), sorted."""

def unshape(text: str, /) -> str:
    """Every positional presentation form replaced by its letters (NFKC); ``text`` itself
    when it holds none."""

def presentation_form(ch: str, /) -> str:
    """``initial``/``medial``/``final``/``isolated`` for a positional presentation form, else ""."""

# ---- normalisation steps (rust/core/src/steps/) ----
# Each *_edits function returns the step's edits: sorted, non-overlapping
# (start, end, replacement) triples in code points; ``precise=False`` gives
# one edit over the whole text instead (``normalize`` needs no offsets).

def nfc(text: str) -> str:
    """``text`` in Normalization Form C, at :data:`UNICODE_VERSION`."""

def is_nfc(text: str) -> bool:
    """Whether :func:`nfc` leaves ``text`` unchanged."""

def nfc_edits(text: str, precise: bool) -> list[tuple[int, int, str]]:
    """The ``nfc`` step: one edit per chunk that NFC changes."""

def presentation_forms_edits(text: str, precise: bool) -> list[tuple[int, int, str]]:
    """The ``presentation_forms`` step: presentation forms back to letters."""

def ligatures_edits(text: str) -> list[tuple[int, int, str]]:
    """The ``ligatures`` step: word ligatures spelled out."""

def zero_width_edits(text: str, option: str) -> list[tuple[int, int, str]]:
    """The ``zero_width`` step for ``keep``, ``unused``, ``hints`` or ``joiners``."""

def tatweel_edits(text: str) -> list[tuple[int, int, str]]:
    """The ``tatweel`` step: tatweel stretching Arabic-script words removed."""

def harakat_edits(text: str) -> list[tuple[int, int, str]]:
    """The ``harakat`` step: harakat and Quranic marks removed."""

def fold_edits(text: str, precise: bool) -> list[tuple[int, int, str]]:
    """The ``fold`` step: alef, yeh, kaf and teh marbuta variants folded."""

def bidi_controls_edits(text: str, option: str) -> list[tuple[int, int, str]]:
    """The ``bidi_controls`` step for ``keep``, ``unbalanced`` or ``all``."""

def spaces_edits(text: str, all: bool) -> list[tuple[int, int, str]]:
    """The ``spaces`` step (``all``: no-break spaces unified everywhere too)."""

def digits_edits(
    text: str, option: str, arabic_runs: Sequence[tuple[int, int]]
) -> list[tuple[int, int, str]]:
    """The ``digits`` step; ``arabic_runs`` are the Arabic-script runs (start, end)."""

# -- script runs and the language evidence ------------------------------------------------------

def script_runs(text: str, /) -> list[tuple[int, int, str, str]]:
    """(start, end, ISO 15924 script, kind) of each script run (see ``mixscript.text.runs``)."""

def tagged_runs(
    text: str, cuts: list[tuple[int, int]], /
) -> list[tuple[int, int, str, str, list[tuple[int, int]] | None]]:
    """(start, end, script, kind, sentences) of each script run of the parts of ``text``
    between ``cuts``; ``sentences`` for a text run of two or more, else None."""

def sentences(text: str, start: int, end: int, /) -> list[tuple[int, int]]:
    """The sentence spans of ``text[start:end]``, in the coordinates of ``text``."""

def convention_pieces(text: str, /) -> list[tuple[int, int]]:
    """(start, end) of the Arabic-script runs whose yeh/kaf a language's convention could change."""

#: The letters the yeh/kaf conventions rewrite (the ``letters`` step's trigger).
CONVENTION_CHARS: str

#: A run's tags: ``tag(run)`` gives the tagger's segments of an Arabic-script
#: run as ``(start, end, script, lang, direction, kind, confidence)``.
_RunTags = Callable[[str], Sequence[tuple[int, int, str, str, str, str, float]]]

def letters_edits(text: str, tag: _RunTags, /) -> list[tuple[int, int, str]]:
    """Edits of the ``letters`` step, asking ``tag`` for the tags of the runs it must know."""

def convert_letters(text: str, lang: str, start: int, end: int, /) -> list[tuple[int, str]]:
    """(offset, letter) that ``lang``'s yeh/kaf convention rewrites in ``text[start:end]``."""

def persian_affixes_edits(text: str, tag: _RunTags, /) -> list[tuple[int, int, str]]:
    """Edits of the ``persian_affixes`` step, asking ``tag`` for the tags of the runs it must know."""

def affix_edits(text: str, spans: list[tuple[int, int]], /) -> list[tuple[int, int, str]]:
    """Edits joining the spaced Persian affixes inside ``spans`` of ``text``, sorted."""

def affix_candidate(text: str, /) -> bool:
    """Whether ``text`` holds a Persian prefix or suffix beside a space."""

LETTER_LANGUAGES: list[str]
LETTER_PRIOR: list[float]

# Each of these reads ``text`` with its presentation forms unshaped (as :func:`unshape`).

def letter_scores(text: str, /) -> list[float]:
    """Letter and word evidence for each language of :data:`LETTER_LANGUAGES`, in order."""

def letter_priors(text: str, /) -> list[float]:
    """Each language's prior for ``text`` (Pashto's counts the words without its letters)."""

def letter_count(text: str, /) -> int:
    """Arabic-script letters (U+0600..U+06FF, Lo) in ``text``."""

def arabic_script_letters(text: str, /) -> int:
    """Letters of Arabic script, in any block, in ``text``."""

def foreign_letters(text: str, lang: str, /) -> int:
    """Letters of ``text`` that ``lang`` does not write, not even as a loan."""

def lone_function_word(text: str, /) -> bool:
    """Whether ``text`` is one word, and a function word of some language."""

# ---- per-line repairs of PDF extractors' damage (rust/core/src/repair) ----
# Each repair returns the very string it was given when the line needs nothing.

def line_spans(text: str) -> list[tuple[int, int, int]]:
    """(start, end, end including the line break) of every line; CR LF is one break."""

def line_records(
    text: str,
) -> list[tuple[int, int, int, str, bool, bool, int, int, int, int, bool]]:
    """Every line's (start, end, end with its break, line without pdftotext's wrappers,
    whether it had them, whether it holds an Arabic-script letter, forward, backward,
    words forward, words backward, whether it may need tidying); see ``plan_repairs``."""

def line_to_logical(line: str) -> str:
    """One drawn line read back in logical order, ``(cid:N)`` placeholders moved as one glyph;
    ``line`` itself when it holds no right-to-left character."""

def to_logical(text: str) -> str:
    """Every line of ``text`` read back in logical order, line breaks kept where they are."""

def unwrap_extractor_controls(line: str) -> str:
    """``line`` without pdftotext's RLE/LRE ... PDF wrappers, displaced spaces put back."""

def move_final_stop(line: str) -> str:
    """A logical line's final stop moved back from its front (or from before a final number)."""

def runs_in_visual_order(line: str) -> str:
    """A line whose runs came out left to right, read back in reverse."""

def put_back_zwnj(line: str) -> str:
    """Each ZWNJ displaced before a letter (and a space) put back after it."""

def final_stop_at_front(line: str) -> bool:
    """Whether the line's sentence-final stop stands at its front."""

def stop_before_number(line: str) -> int:
    """Where a stop sits between a space and the number ending ``line``, else -1."""

def may_tidy(line: str) -> bool:
    """Whether ``runs_in_visual_order`` or ``move_final_stop`` may change ``line``."""

def has_arabic_letter(text: str) -> bool:
    """Whether ``text`` holds an Arabic-script letter (Script=Arabic, L*)."""

def arabic_mark_runs(line: str) -> list[tuple[int, int]]:
    """(start, end) of each run of Arabic marks (Arabic-script Mn, or U+064B..U+065F, U+0670)."""

# -- chains of compiled normalisation steps (rust/core/src/pipeline.rs) -------------------------

#: What ``CompiledPlan.start``, ``run_all`` and ``normalize`` give back when
#: the text is not done: (text, alignment, dirty, done, mask).
Started = tuple[str, Alignment | None, bool, bool, int | None]

class CompiledPlan:
    """A profile's compiled steps, prepared once (see ``mixscript.normalization.profiles``).

    ``chains`` are the stretches of consecutive compiled steps, each a list
    of (name, ``str(option)``, [(name, ``str(option)``) of its ``then``
    steps], after ``nfc``?) and whether it ends the profile (the last NFC
    pass of a dirty text); ``guard`` is the joined trigger of every step as
    inclusive code point ranges; ``leads``: chain 0 is the first step;
    ``triggers``: the BMP characters of each Python step's trigger, whose
    matches come back as the bits of ``mask`` (None beyond the BMP);
    ``rest``: what follows the lead, each ``("chain", index, None, False)``
    or a step outside the chains ``(name, bit, then chain, after nfc?)``;
    ``final_pass``: the chain that is only the last NFC pass; ``defaults``:
    ``run_all``'s arguments after the text when no candidate languages are
    named, which ``normalize`` runs with.
    """

    def __new__(
        cls,
        guard: list[tuple[int, int]],
        nfc: bool,
        chains: list[tuple[list[tuple[str, str, list[tuple[str, str]], bool]], bool]],
        leads: bool,
        triggers: list[list[tuple[int, int]]],
        rest: list[tuple[str, int, int | None, bool]] = ...,
        final_pass: int | None = None,
        defaults: tuple[CompiledPlan | None, _RunTags, _RunTags | None, bool, float] | None = None,
    ) -> CompiledPlan: ...
    def start(self, text: str, align: bool = False) -> Started:
        """(text, alignment, dirty, done, mask): done for a text no step could touch, else after chain 0 if it leads.

        With ``align``, the alignment of the text with the input, else None.
        """
    def run_all(
        self,
        text: str,
        rest: CompiledPlan | None,
        tags: _RunTags,
        persian_tags: _RunTags | None,
        strips_harakat: bool,
        min_confidence: float,
        align: bool = False,
    ) -> Started:
        """The whole profile in one call where the core can run it (done), else as ``start`` leaves the text.

        The core runs ``letters`` and ``persian_affixes`` (asking ``tags`` and
        ``persian_tags``), and finishes a one-line text that ``visual_order``
        leaves alone with ``rest``, the plan of the profile without it.  With
        ``align``, the alignment with the input, as ``start`` gives it.
        """
    def normalize(self, text: str) -> str | Started:
        """``run_all`` with the plan's ``defaults`` and no alignment: the result ``str`` when done.

        Otherwise ``run_all``'s tuple, for the caller to go on step by step;
        ValueError for a plan made without defaults.
        """
    def run(
        self, index: int, text: str, dirty: bool, alignment: Alignment | None = None
    ) -> tuple[str, Alignment | None, bool, int | None]:
        """Chain ``index`` run on ``text``: (new text, its alignment if given one, dirty after it, mask)."""

def normalize_by_name(
    plans: dict[str, CompiledPlan],
    go_on: Callable[[Started, str], str],
    text: object,
    name: object,
) -> str | None:
    """``plans[name].normalize(text)``, a text it leaves to Python's steps handed to ``go_on(started, name)``.

    None when ``plans`` holds no plan under ``name``, ``text`` is no ``str``
    or holds a lone surrogate.
    """

_Segment = TypeVar("_Segment")

class Alignment:
    """The alignment of a normalised text with its input (``rust/core/src/align.rs``).

    Immutable; ``mixscript.text.edits.Alignment`` wraps it.
    """

    def __new__(cls, length: int, /) -> Alignment: ...
    @property
    def length(self) -> int:
        """The length of the current text."""
    def source_span(self, i: int, j: int, /) -> tuple[int, int]:
        """Input span of output ``[i:j]``; IndexError outside the output."""
    def anchored_segments(
        self,
        source_len: int,
        out: str,
        tagged: list[tuple[int, int, str, str, str, str, float]],
        segment: type[_Segment],
        /,
    ) -> list[_Segment]:
        """The tagged segments of ``out`` anchored on the input, as ``segment`` objects."""
    def source_starts(self, positions: list[int], /) -> list[int]:
        """The start of ``source_span(i, i)`` for each position, in one call."""
    def apply(
        self, text: str, edits: Iterable[tuple[int, int, str]], rule: str, /
    ) -> tuple[str, Alignment]:
        """``text`` with the edits applied and the new alignment (ValueError for bad edits)."""
    def steps(self) -> list[str]:
        """The rules of the steps applied since the identity, in order."""
    def replay(self, later: Alignment, /) -> Alignment:
        """This alignment after the steps of ``later`` (an alignment with the current text)."""
    def changes(self) -> list[tuple[int, int, int, int, str]]:
        """(start, end, out_start, out_end, rule) of each change."""
    def blocks(self) -> list[tuple[int, int, int, int, list[str]]]:
        """(out_start, out_end, src_start, src_end, rules) of each block."""

# -- end of chains of compiled normalisation steps ----------------------------------------------

# ---- the Arabic-script letter guess (rust/core/src/letters.rs) ----

def letter_guess(
    text: str, candidates: Sequence[str], /
) -> tuple[str, float, dict[str, float], dict[str, float], str | None]:
    """(lang or ``und``, confidence, scores, probabilities, unshaped text or None) among ``candidates``.

    The text is None when it held no presentation forms (it was read as it is).
    """

def letter_softmax(scores: dict[str, float], /) -> dict[str, float]:
    """The softmax of ``scores``, keys in order (ValueError when empty)."""

# ---- end of the Arabic-script letter guess ----
# ---- the tagger's guess for an Arabic-script text (rust/core/src/tagger.rs) ----

def arabic_guess(
    text: str,
    candidates: Sequence[str],
    fasttext: Callable[[str, tuple[str, ...]], dict[str, float]],
    lingua: Callable[[str, tuple[str, ...]], dict[str, float]],
    words: Callable[[str, tuple[str, ...]], dict[str, float]],
    /,
) -> tuple[str, float, dict[str, float], dict[str, float]] | None:
    """(lang, confidence, probabilities, probabilities without word frequencies), or None
    when the letters say ``und``.

    The backends ``fasttext(plain, members)`` (on texts of three words or more),
    ``lingua(plain, family)`` and ``words(plain, family)`` are asked only when the
    letters are unsure; ``plain`` is ``text`` with presentation forms unshaped.
    """

_Span = tuple[int, int, str, str, str, str, float]
_Guess = tuple[str, float, dict[str, float], dict[str, float]]

class ArabicCandidates:
    """The Arabic-script candidates of a candidate list as the core reads them, made once."""

    def __init__(self, codes: Sequence[str], /, convention: bool = False) -> None: ...
    @property
    def codes(self) -> tuple[str, ...]:
        """The codes kept (those the letters know), in order."""

def tag_spans(
    text: str,
    formulas: list[tuple[int, int, str, str, str]] | FormulaScreen,
    languages: tuple[str, ...],
    plan: tuple[ArabicCandidates, bool],
    backends: tuple[
        Callable[[str, tuple[str, ...]], dict[str, float]],
        Callable[[str, tuple[str, ...]], dict[str, float]],
        Callable[[str, tuple[str, ...]], dict[str, float]],
        Callable[..., _Guess],
        Callable[[str, list[tuple[int, int]], tuple[str, ...]], list[dict[str, float]]],
        Callable[[str], str],
    ],
    min_confidence: float,
    /,
) -> list[_Span] | None:
    """The tagger's segments of ``text`` (start, end, script, lang, direction, kind,
    confidence), with ``formulas`` (start, end, script, lang, kind) as segments of their own.

    ``formulas`` may be the formula search's screen instead: the core finds them when the
    search needs nothing of Python's (no Latin search), else the answer is None (find them
    and ask again).

    ``plan`` is (the Arabic-script candidates, whether Latin runs have other than one
    candidate); ``backends`` is (fasttext, lingua, words, guess, stretch, direction):
    ``guess(text, languages[, sums])`` is the guess of a run of another script than
    Arabic, ``stretch(text, sentences, languages)`` the words' log-likelihoods of a
    run's sentences and of the whole run, ``direction(script)`` a script's direction.
    """

def arabic_margin(
    text: str, own: dict[str, float], lang: str, other: str | None = None, /
) -> float:
    """How much ``own`` favours ``lang`` over ``other`` (or the best rival), in nats,
    the priors of ``text`` left out (infinite without a rival; KeyError for a code that
    is no Arabic-script language)."""

class _ContextPiece(Protocol):
    """A piece of the tagger the context step reads, and whose language it may change."""

    start: int
    end: int
    lang: str
    confidence: float
    probs: dict[str, float] | None
    own: dict[str, float] | None

def arabic_context(
    text: str,
    pieces: Sequence[_ContextPiece],
    guess: Callable[[str], tuple[str, float, dict[str, float], dict[str, float]]],
    /,
) -> None:
    """Arabic-script pieces (of one paragraph, in order) that barely prefer their own language
    take the context's; ``guess(text)`` is the tagger's guess of a neighbourhood."""

def latin_context(
    text: str,
    pieces: Sequence[_ContextPiece],
    guess: Callable[[str], tuple[str, float, dict[str, float], dict[str, float]]],
    words: Callable[[str, tuple[str, ...]], dict[str, float]],
    /,
) -> None:
    """Short or unsure Latin pieces (of one paragraph, in order) take the context's language
    unless lingua is sure of theirs; ``words(text, codes)`` are the words' log-likelihoods."""

def latin_evidence(
    text: str,
    own: dict[str, float] | None,
    words: Callable[[str, tuple[str, ...]], dict[str, float]],
    /,
) -> bool:
    """Whether a short Latin ``text`` shows a language of its own (``own``: lingua's
    confidences)."""

SHORT_WORDS: int
DECISIVE: float

def words_lead(text: str, words: dict[str, float], /) -> str | None:
    """The language the words alone give a Latin ``text`` (``words``: each candidate's
    log-likelihood), or None when they leave it to lingua."""

def words_decide(
    text: str, words: dict[str, float], /
) -> tuple[str, float, dict[str, float]] | None:
    """(lang, confidence, probabilities) of a Latin ``text`` its words alone decide, or None."""

def word_count(text: str, limit: int, /) -> int:
    """The number of words of ``text`` (letters, marks and joiners), counting no further than
    ``limit``."""

def has_latin(text: str, /) -> bool:
    """Whether ``text`` holds a letter of the Latin script."""

def short_text(text: str, /) -> bool:
    """Whether ``text`` has at most ``SHORT_WORDS`` words."""

# ---- end of the tagger's guess ----
# -- word-frequency lookups (mixscript.lang.words) -----------------------------------------------

MAX_WORDS: int

class WordTables:
    """Each language's Zipf values: its plain table and the values learnt from wordfreq."""

    def __init__(self, learned_limit: int) -> None: ...
    def add_language(
        self,
        code: str,
        dotless_i: bool,
        words: Sequence[str] | None = None,
        values: Sequence[float] | None = None,
        remove_marks: bool = False,
    ) -> None:
        """Give ``code``'s plain words and their values (or none: every word is learnt);
        ``remove_marks``: wordfreq deletes harakat and tatweel in ``code``."""
    def learn(self, code: str, words: Sequence[str], values: Sequence[float]) -> None:
        """Remember wordfreq's values of ``words`` in ``code`` (KeyError if not given)."""
    def rows(
        self, words: Sequence[str], codes: Sequence[str]
    ) -> tuple[list[list[float]], list[tuple[int, str]]]:
        """(a row of values per code, []) or ([], the (code index, word) pairs to learn)."""
    def log_likelihoods(
        self, text: str, codes: Sequence[str]
    ) -> tuple[list[float], list[tuple[int, str]]]:
        """(ln 10 times the sum over the first MAX_WORDS words per code, []) or ([], pairs)."""
    def stretch_log_likelihoods(
        self, stretches: Sequence[str], codes: Sequence[str]
    ) -> tuple[list[list[float]], list[tuple[int, str]]]:
        """(per stretch, then for all their words, the sums per code or [], []) or ([], pairs)."""

def find_words(text: str) -> list[str]:
    """The words of ``text``: letters and marks, joined by apostrophes or ZWNJ/ZWJ."""

def plain_word(word: str) -> bool:
    """Whether ``word`` is one token to wordfreq, read by its casefold: plain Latin
    (Latin-1 and ı, apostrophes between letters but no elision) or plain Arabic-script letters."""

# -- end of word-frequency lookups ----------------------------------------------------------------

# -- the screen of the formula search (mixscript.lang.formulas) ---------------------------------

class FormulaScreen:
    """Whether a text may hold a formula, and the Arabic forms it holds."""

    BLOCK: int
    ARABIC: int
    LATIN: int
    SHAPED: int
    FILLER: int
    WORD: int
    MARK: int
    def __init__(
        self,
        chains: Sequence[Sequence[str]],
        literals: Sequence[Sequence[str]] | None,
        forms: Sequence[tuple[int, Sequence[str]]] = ...,
        labels: Sequence[tuple[str, str]] = ...,
    ) -> None:
        """``chains``: words, each letter the characters of its class; ``literals``: per
        Latin pattern, the literals every match holds (None: every text is searched);
        ``forms``: (formula index, folded words) of each Arabic form, in the order tried;
        ``labels``: (lang, kind) of each formula, by index."""
    def add_block(
        self, block: int, flags: bytes, folds: Sequence[str], arabic: Sequence[str | None]
    ) -> None:
        """Each code point's flags, Latin fold and Arabic fold (None: itself), for the
        BLOCK code points from block * BLOCK."""
    def screen(self, text: str) -> tuple[bool, bool] | list[int]:
        """(the Arabic search may find a formula, the Latin one may), or the blocks to give first."""
    def search(self, text: str) -> tuple[list[tuple[int, int, int]], bool] | list[int]:
        """([(start, end, formula index) of each Arabic form found], the Latin search may
        find a formula), or the blocks to give first."""

def formulas_kept(spans: Sequence[tuple[int, int]], /) -> list[int]:
    """The indexes of the formulas found (start, end) that are kept, in the text's order:
    by start, the longer first, one that starts inside the last kept dropped."""

# -- end of the screen of the formula search ------------------------------------------------------
