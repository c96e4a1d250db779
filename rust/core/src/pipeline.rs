//! A chain of the compiled normalisation steps, run on the text in one go.
//!
//! `mixscript.normalization.profiles` runs a profile's steps in order; most
//! of them are the character-level steps of [`crate::steps`].  Called one by
//! one from Python, each costs a call, a conversion of the text and the
//! application of its edits in Python; a [`Chain`] runs a stretch of
//! consecutive compiled steps over one `Vec<char>` instead, with the same
//! semantics as the Python loop (`_run`):
//!
//! * a step that changed the text has its `then` steps judged again right
//!   after it (only those the profile runs: the caller lists them);
//! * a change made by a step that comes after `nfc` in the profile marks
//!   the text dirty, and a dirty text gets a last NFC pass at the end of the
//!   profile ([`Chain::final_nfc`] on the chain that ends it).
//!
//! `explain` needs each step's own edits to map the output back to the
//! input: [`Chain::run_aligned`] composes them onto the text's
//! [`Alignment`] as each step makes them.  [`CharSet`] is the
//! profile's joined trigger (every character some step could touch), so a
//! text with nothing to do costs one scan.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::affixes;
use crate::align::{self, Alignment};
use crate::conventions::{self, ArabicLine, RunTags, Tag};
use crate::repair;
use crate::runs;
use crate::steps::{
    apply, apply_into, bidi_controls as bc, digits as dg, forms, marks, nfc, spaces as sp,
    zero_width as zw, Edit,
};
use crate::visual;

/// One compiled step with its option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    BidiControls(bc::BidiControls),
    ZeroWidth(zw::ZeroWidth),
    Tatweel,
    /// `all`: no-break spaces everywhere too.
    Spaces {
        all: bool,
    },
    PresentationForms,
    Ligatures,
    Nfc,
    Harakat,
    Fold,
    Digits(dg::Digits),
}

impl Step {
    /// The step by its Python name and option as `str(option)` (`True` for
    /// the yes/no steps); None for a name or option it does not know, or a
    /// step that would do nothing (`keep`, `False`: not active).
    pub fn from_name(name: &str, option: &str) -> Option<Step> {
        Some(match (name, option) {
            (_, "keep" | "False") => return None,
            ("bidi_controls", o) => Step::BidiControls(bc::BidiControls::from_name(o)?),
            ("zero_width", o) => Step::ZeroWidth(zw::ZeroWidth::from_name(o)?),
            ("digits", o) => Step::Digits(dg::Digits::from_name(o)?),
            ("spaces", "all") => Step::Spaces { all: true },
            (name, "True") => match name {
                "tatweel" => Step::Tatweel,
                "spaces" => Step::Spaces { all: false },
                "presentation_forms" => Step::PresentationForms,
                "ligatures" => Step::Ligatures,
                "nfc" => Step::Nfc,
                "harakat" => Step::Harakat,
                "fold" => Step::Fold,
                _ => return None,
            },
            _ => return None,
        })
    }

    /// The step's name in the profile, the rule its changes carry.
    pub fn name(self) -> &'static str {
        match self {
            Step::BidiControls(_) => "bidi_controls",
            Step::ZeroWidth(_) => "zero_width",
            Step::Tatweel => "tatweel",
            Step::Spaces { .. } => "spaces",
            Step::PresentationForms => "presentation_forms",
            Step::Ligatures => "ligatures",
            Step::Nfc => "nfc",
            Step::Harakat => "harakat",
            Step::Fold => "fold",
            Step::Digits(_) => "digits",
        }
    }

    /// Whether the step can change a text holding `ch`: a text holding
    /// none of these is left as it is, without building anything.
    pub fn touches(self, ch: char) -> bool {
        match self {
            Step::BidiControls(_) => bc::is_bidi_control_or_mark(ch),
            Step::ZeroWidth(_) => zw::is_zero_width(ch),
            Step::Tatweel => ch == '\u{0640}',
            Step::Spaces { .. } => sp::is_unified_space(ch),
            Step::PresentationForms => forms::is_presentation_form(ch),
            Step::Ligatures => forms::is_ligature(ch),
            Step::Nfc => !nfc::is_safe_starter(ch),
            Step::Harakat => marks::is_haraka(ch),
            Step::Fold => marks::may_fold(ch),
            Step::Digits(_) => dg::is_digit(ch),
        }
    }

    /// The step's bit in [`touch_bits`] (the same for every option).
    pub fn bit(self) -> u16 {
        1 << match self {
            Step::BidiControls(_) => 0,
            Step::ZeroWidth(_) => 1,
            Step::Tatweel => 2,
            Step::Spaces { .. } => 3,
            Step::PresentationForms => 4,
            Step::Ligatures => 5,
            Step::Nfc => 6,
            Step::Harakat => 7,
            Step::Fold => 8,
            Step::Digits(_) => 9,
        }
    }

    /// The step's edits (each as small as the step makes them); none,
    /// without running the rule, for a text holding nothing it touches.
    pub fn edits(self, text: &[char]) -> Vec<Edit> {
        if !any_with(text, self.bit()) {
            return Vec::new();
        }
        self.edits_of(text)
    }

    /// [`Step::edits`] for a text known to hold a character the step
    /// touches (a chain that knows the bits of its text has looked).
    fn edits_of(self, text: &[char]) -> Vec<Edit> {
        match self {
            Step::BidiControls(option) => bc::bidi_controls(text, option),
            Step::ZeroWidth(option) => zw::zero_width(text, option),
            Step::Tatweel => marks::tatweel(text),
            Step::Spaces { all } => sp::spaces(text, all),
            Step::PresentationForms => forms::presentation_forms(text, true),
            Step::Ligatures => forms::ligatures(text),
            Step::Nfc => nfc::nfc_step(text, true),
            Step::Harakat => marks::harakat(text),
            Step::Fold => marks::fold(text, true),
            Step::Digits(target) => {
                // Only the Arabic-script targets convert ASCII digits, inside
                // Arabic-script runs; ASCII needs no runs.
                let arabic_runs: Vec<(usize, usize)> =
                    if matches!(target, dg::Digits::Arabic | dg::Digits::Persian) {
                        runs::script_runs(text)
                            .into_iter()
                            .filter(|r| r.script == "Arab")
                            .map(|r| (r.start, r.end))
                            .collect()
                    } else {
                        Vec::new()
                    };
                dg::digits(text, target, &arabic_runs)
            }
        }
    }
}

/// One step of each kind, for [`touch_bits`] (what a step touches does not
/// depend on its option).
const KINDS: [Step; 10] = [
    Step::BidiControls(bc::BidiControls::All),
    Step::ZeroWidth(zw::ZeroWidth::Joiners),
    Step::Tatweel,
    Step::Spaces { all: true },
    Step::PresentationForms,
    Step::Ligatures,
    Step::Nfc,
    Step::Harakat,
    Step::Fold,
    Step::Digits(dg::Digits::Ascii),
];

fn bits_of(ch: char) -> u16 {
    KINDS
        .iter()
        .filter(|s| s.touches(ch))
        .fold(0, |bits, s| bits | s.bit())
}

/// [`touch_bits`] at hand: the bits of every BMP character, and what a
/// block of ASCII needs to be asked.
struct Bits {
    /// Indexed by a code point's low sixteen bits: a character known to
    /// be in the BMP is looked up without a bounds check.
    bmp: Box<[u16; 0x10000]>,
    /// The bits of the ASCII digits when they are the only ASCII
    /// characters a step touches, all of them the same steps (the digits
    /// step): a block of ASCII is then answered by one comparison a
    /// character, without looking each up.  None: ASCII is looked up too.
    ascii_digits: Option<u16>,
}

/// The [`Bits`], built on first use.
fn bits_table() -> &'static Bits {
    static BITS: OnceLock<Bits> = OnceLock::new();
    BITS.get_or_init(|| {
        let bmp: Box<[u16; 0x10000]> = (0..0x10000u32)
            .map(|cp| char::from_u32(cp).map_or(0, bits_of))
            .collect::<Box<[u16]>>()
            .try_into()
            .expect("one entry a BMP code point");
        let digit = bmp[usize::from(b'0')];
        let digits_only = (0..0x80u8).all(|b| {
            let expected = if b.is_ascii_digit() { digit } else { 0 };
            bmp[usize::from(b)] == expected
        });
        Bits {
            ascii_digits: digits_only.then_some(digit),
            bmp,
        }
    })
}

/// The [`Step::bit`]s of the steps that touch `ch`: one table look-up for
/// a BMP character, so a chain learns with one pass over the text which
/// of its steps have anything to do.
pub fn touch_bits(ch: char) -> u16 {
    bits_with(&bits_table().bmp[..], ch)
}

#[inline]
fn bits_with(table: &[u16], ch: char) -> u16 {
    match table.get(ch as usize) {
        Some(&bits) => bits,
        None => bits_of(ch),
    }
}

/// The bits of every character of `text`.
#[cfg(test)]
fn bits_in(text: &[char]) -> u16 {
    bits_among(text, u16::MAX)
}

/// The bits of the characters of `text`, as far as `want` asks: what
/// [`bits_in`] says of `want`, found [`BLOCK`] characters at a time.  A
/// block of ASCII (every code point below 0x80, told by one OR of them)
/// is asked only for the digits; a block of the BMP (the OR below
/// 0x10000: Arabic-script text) is looked up without a branch a
/// character; once every bit of `want` is found the rest is not read.
fn bits_among(text: &[char], want: u16) -> u16 {
    let table = bits_table();
    let mut bits = 0u16;
    let mut blocks = text.chunks_exact(BLOCK);
    for block in &mut blocks {
        let mut or = 0u32;
        for &c in block {
            or |= c as u32;
        }
        match table.ascii_digits {
            Some(digits) if or < 0x80 => {
                if want & digits & !bits != 0 {
                    let mut any = false;
                    for &c in block {
                        any |= (c as u32).wrapping_sub(u32::from(b'0')) < 10;
                    }
                    if any {
                        bits |= digits;
                    }
                }
            }
            _ if or < 0x10000 => {
                for &c in block {
                    bits |= table.bmp[c as usize & 0xFFFF];
                }
            }
            _ => {
                for &c in block {
                    bits |= bits_with(&table.bmp[..], c);
                }
            }
        }
        if bits & want == want {
            return want;
        }
    }
    for &c in blocks.remainder() {
        bits |= bits_with(&table.bmp[..], c);
    }
    bits & want
}

/// Whether some character of `text` has one of `bits`.
fn any_with(text: &[char], bits: u16) -> bool {
    bits_among(text, bits) != 0
}

/// The characters [`bits_among`] looks at together.
const BLOCK: usize = 16;

/// What a chain knows of the steps its text gives work: the bits of the
/// text's characters among those `asked` (the steps of the chains that
/// may run on it), exactly but for the bits `unsure`, where they are a
/// superset.  A step's edits keep every character outside them, and
/// what they write is in the text after them: only a bit of a character
/// they took out may be gone, and those of what they wrote are in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Present {
    bits: u16,
    asked: u16,
    unsure: u16,
}

impl Present {
    fn of(text: &[char], asked: u16) -> Self {
        Present {
            bits: bits_among(text, asked),
            asked,
            unsure: 0,
        }
    }

    /// What is known of the text once a `ch` is taken out of it: the bits
    /// of the steps that touch `ch` may be gone.
    fn unsure_of(mut self, ch: char) -> Self {
        self.unsure |= touch_bits(ch) & self.bits;
        self
    }
}

/// A step of a chain: the step, the steps to judge again after it changed
/// the text, and whether it comes after `nfc` in the profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub step: Step,
    pub then: Vec<Step>,
    pub after_nfc: bool,
}

/// Consecutive compiled steps of a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    pub steps: Vec<Planned>,
    /// This chain ends a profile that runs `nfc`: a dirty text gets its last NFC pass.
    pub final_nfc: bool,
}

impl Chain {
    /// Runs the steps on `text`: the new text, or None if nothing changed.
    /// `dirty` says whether a step after `nfc` has changed the text (so
    /// far in the profile) and is updated.
    pub fn run(&self, text: &[char], dirty: &mut bool) -> Option<Vec<char>> {
        self.run_aligned(text, dirty, None).0
    }

    /// [`Chain::run`], composing each step's edits, under the step's name,
    /// onto `alignment` (the alignment of `text` with the input) when given:
    /// what `explain` needs to map its output back.  The new text and its
    /// alignment, None for what did not change.
    pub fn run_aligned(
        &self,
        text: &[char],
        dirty: &mut bool,
        alignment: Option<&Alignment>,
    ) -> (Option<Vec<char>>, Option<Alignment>) {
        let (out, aligned, _) = self.run_known(text, dirty, alignment, None, self.bits());
        (out, aligned)
    }

    /// The bits of the steps the chain may run (its last NFC pass too).
    fn bits(&self) -> u16 {
        let nfc = if self.final_nfc { Step::Nfc.bit() } else { 0 };
        self.steps.iter().fold(nfc, |bits, p| {
            p.then.iter().fold(bits | p.step.bit(), |b, s| b | s.bit())
        })
    }

    /// [`Chain::run_aligned`] given what is known of the bits of `text`
    /// (None, or known of fewer steps than the chain's: found here, of
    /// the steps `asked`, which hold the chain's), and what is known of
    /// the bits of what it leaves (the text it gives back, or `text`).
    fn run_known(
        &self,
        text: &[char],
        dirty: &mut bool,
        alignment: Option<&Alignment>,
        known: Option<Present>,
        asked: u16,
    ) -> (Option<Vec<char>>, Option<Alignment>, Present) {
        let mut current: Option<Vec<char>> = None;
        let mut aligned: Option<Alignment> = None;
        // The steps that may have work.  A step whose bit is not in
        // `present` has none; one whose bit is, unless it is unsure, has
        // (what `Step::edits` would look for first).  After a change the
        // bits are found again only when an unsure bit of a step asks.
        let mut present = known
            .filter(|known| known.asked & self.bits() == self.bits())
            .unwrap_or_else(|| Present::of(text, asked | self.bits()));
        // The text a step's edits are applied into, kept for the next.
        let mut spare: Vec<char> = Vec::new();
        let mut step = |step: Step, current: &mut Option<Vec<char>>| -> bool {
            if present.bits & step.bit() == 0 {
                return false;
            }
            let now = current.as_deref().unwrap_or(text);
            if present.unsure & step.bit() != 0 {
                present = Present::of(now, present.asked);
                if present.bits & step.bit() == 0 {
                    return false;
                }
            }
            let edits = step.edits_of(now);
            if edits.is_empty() {
                return false;
            }
            for e in &edits {
                for &c in &now[e.start..e.end] {
                    present.unsure |= touch_bits(c);
                }
                for c in e.text.chars() {
                    present.bits |= touch_bits(c);
                }
            }
            if let Some(base) = alignment {
                let from = aligned.as_ref().unwrap_or(base);
                aligned = Some(compose(from, now.len(), &edits, step.name()));
            }
            apply_into(now, &edits, &mut spare);
            let old = current.replace(std::mem::take(&mut spare));
            spare = old.unwrap_or_default();
            true
        };
        for p in &self.steps {
            if !step(p.step, &mut current) {
                continue;
            }
            *dirty |= p.after_nfc;
            for &again in &p.then {
                if step(again, &mut current) {
                    *dirty |= p.after_nfc;
                }
            }
        }
        if self.final_nfc && *dirty {
            step(Step::Nfc, &mut current);
        }
        (current, aligned, present)
    }
}

/// What a profile does after its leading chain, one segment at a time:
/// a chain of compiled steps (by index), or a step of its own (not in a
/// chain) with its bit in the plan's masks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Chain(usize),
    Own(OwnStep),
}

/// The steps outside the chains.  The core runs `letters` and
/// `persian_affixes` itself, given the tagger's answers; the others
/// (`visual_order`, `casefold`) are Python's, and a run that reaches one
/// with work to do is left to Python ([`Plan::run`] says None).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OwnKind {
    VisualOrder,
    Letters,
    PersianAffixes,
    Other,
}

/// A step outside the chains: its kind, its bit in the masks, the chain of
/// its `then` steps and whether it comes after `nfc` in the profile.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OwnStep {
    pub kind: OwnKind,
    pub bit: u32,
    pub then: Option<usize>,
    pub after_nfc: bool,
}

/// The tags of a run, asked of a caller that may have none to give (the
/// `persian_affixes` step's, when Persian is no candidate).
pub type DynTags<'a, E> = &'a mut dyn FnMut(&[char]) -> Result<Vec<Tag>, E>;

/// A profile as `mixscript.normalization.profiles` compiles it: its joined
/// trigger, whether it runs `nfc`, its chains, whether chain 0 leads, the
/// triggers of its own steps (BMP) and the segments after the lead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Plan {
    pub guard: CharSet,
    pub nfc: bool,
    pub chains: Vec<Chain>,
    pub leads: bool,
    pub triggers: Triggers,
    pub rest: Vec<Segment>,
    /// The chain that is only the last NFC pass (nothing to do unless dirty).
    pub final_pass: Option<usize>,
}

/// Where a profile's run stands after its start: the text (None: as
/// given), whether a step after `nfc` changed it, whether it is done, and
/// which own steps' triggers match (None beyond the BMP), and what the
/// lead chain learnt of the steps' work in the text (for [`Plan::finish`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Started {
    pub text: Option<Vec<char>>,
    pub dirty: bool,
    pub done: bool,
    pub mask: Option<u32>,
    pub present: Option<Present>,
}

impl Plan {
    /// Whether the first segment after the lead is `visual_order` with
    /// work to do by `mask` (its trigger matches, or beyond the BMP
    /// unknown): the case of [`judged_line`].
    pub fn judged_first(&self, mask: Option<u32>) -> bool {
        matches!(self.rest.first(), Some(Segment::Own(own))
            if own.kind == OwnKind::VisualOrder
                && mask.is_none_or(|bits| bits & 1 << own.bit != 0))
    }

    /// The bits of the steps of every chain of the plan: what a chain
    /// finds of its text once, for itself and the chains after it.
    fn bits(&self) -> u16 {
        self.chains
            .iter()
            .fold(0, |bits, chain| bits | chain.bits())
    }

    /// Bit `i` set when the trigger of own step `i` matches `text`.
    pub fn mask(&self, text: &[char]) -> Option<u32> {
        self.triggers.mask(text)
    }

    /// The start of a run: a text holding no character of the joined
    /// trigger is done (in NFC if the profile runs `nfc`); otherwise chain
    /// 0 has run if it leads.
    pub fn start(&self, text: &[char]) -> Started {
        self.start_from(text, false).0
    }

    /// [`Plan::start`], and with `align` the alignment of where it leaves
    /// the text with `text` (what `explain` composes its changes onto).
    pub fn start_from(&self, text: &[char], align: bool) -> (Started, Option<Alignment>) {
        let identity = || align.then(|| Alignment::new(text.len()));
        if !self.guard.any_of(text) {
            let (out, alignment) = if self.nfc && !text.iter().all(|&c| nfc::is_safe_starter(c)) {
                (Some(nfc::nfc(text)), align.then(|| nfc_alignment(text)))
            } else {
                (None, identity())
            };
            let started = Started {
                text: out,
                dirty: false,
                done: true,
                mask: None,
                present: None,
            };
            return (started, alignment);
        }
        let mut dirty = false;
        let mut alignment = identity();
        let (out, present) = if self.leads {
            let (out, aligned, present) =
                self.chains[0].run_known(text, &mut dirty, alignment.as_ref(), None, self.bits());
            if aligned.is_some() {
                alignment = aligned;
            }
            (out, Some(present))
        } else {
            (None, None)
        };
        let mask = self.mask(out.as_deref().unwrap_or(text));
        let started = Started {
            text: out,
            dirty,
            done: false,
            mask,
            present,
        };
        (started, alignment)
    }

    /// The whole profile on `text`, as `_run` in Python runs it, when the
    /// core can run every step that has work: None when a step of
    /// Python's own would (or a text beyond the BMP meets a step of its
    /// own, whose trigger Python searches).  `tags` answers for `letters`,
    /// `persian` for `persian_affixes` (None: Persian is no candidate, the
    /// step does nothing).  With `align`, the result comes with its
    /// alignment with `text` (`explain`).
    pub fn run<'t, E>(
        &self,
        text: &'t [char],
        align: bool,
        tags: &mut impl RunTags<E>,
        persian: Option<DynTags<'_, E>>,
    ) -> Result<Option<Ran<'t>>, E> {
        let (started, alignment) = self.start_from(text, align);
        let current = started.text.map_or(Cow::Borrowed(text), Cow::Owned);
        if started.done {
            return Ok(Some((current, alignment)));
        }
        self.finish(
            current,
            started.dirty,
            started.mask,
            started.present,
            alignment,
            tags,
            persian,
        )
    }

    /// What [`Plan::run`] does after the start, from where a start left
    /// the text (`current`, `dirty`, `mask`, and the alignment if one is
    /// kept: each step composes its edits onto it under its name).  `mask`
    /// is [`Plan::mask`] of `current`, as the start gives it: it is found
    /// again only where a step changes the text; `present`, what the start
    /// learnt of the chains' steps' work in it (None: found when needed).
    #[allow(clippy::too_many_arguments)]
    pub fn finish<'t, E>(
        &self,
        current: Cow<'t, [char]>,
        dirty: bool,
        mask: Option<u32>,
        present: Option<Present>,
        alignment: Option<Alignment>,
        tags: &mut impl RunTags<E>,
        persian: Option<DynTags<'_, E>>,
    ) -> Result<Option<Ran<'t>>, E> {
        self.finish_known(
            0, current, dirty, mask, present, alignment, tags, persian, false,
        )
    }

    /// [`Plan::finish`] from the segment `first` after the lead on.
    #[allow(clippy::too_many_arguments)]
    fn finish_from<'t, E>(
        &self,
        first: usize,
        current: Cow<'t, [char]>,
        dirty: bool,
        mask: Option<u32>,
        alignment: Option<Alignment>,
        tags: &mut impl RunTags<E>,
        persian: Option<DynTags<'_, E>>,
    ) -> Result<Option<Ran<'t>>, E> {
        self.finish_known(
            first, current, dirty, mask, None, alignment, tags, persian, false,
        )
    }

    /// [`Plan::finish_from`], given what is known of the steps' work in
    /// `current` (`present`): each chain hands what it learnt to the next.
    /// `one_line`: `current` holds no line break (nor will: no step writes
    /// one), so its Arabic line is found from its two ends.
    #[allow(clippy::too_many_arguments)]
    fn finish_known<'t, E>(
        &self,
        first: usize,
        mut current: Cow<'t, [char]>,
        mut dirty: bool,
        mut mask: Option<u32>,
        mut present: Option<Present>,
        mut alignment: Option<Alignment>,
        tags: &mut impl RunTags<E>,
        mut persian: Option<DynTags<'_, E>>,
        one_line: bool,
    ) -> Result<Option<Ran<'t>>, E> {
        let chain = |index: usize,
                     current: &mut Cow<'t, [char]>,
                     dirty: &mut bool,
                     alignment: &mut Option<Alignment>,
                     present: &mut Option<Present>| {
            let (out, aligned, known) = self.chains[index].run_known(
                current,
                dirty,
                alignment.as_ref(),
                *present,
                self.bits(),
            );
            if aligned.is_some() {
                *alignment = aligned;
            }
            *present = Some(known);
            // Whether the text changed (`mask` must then be found again).
            out.map(|out| *current = Cow::Owned(out)).is_some()
        };
        // The lines `letters` and `persian_affixes` judge, found once for
        // both while the text stays as it was found in (or only `letters`
        // changed it, which moves no line and no first or last character
        // of the Arabic block: [`conventions::letters_in`]).
        let mut lines: Option<Vec<ArabicLine>> = None;
        for segment in self.rest.iter().skip(first) {
            let own = match *segment {
                Segment::Chain(index) => {
                    if Some(index) == self.final_pass && !dirty {
                        continue;
                    }
                    // `mask` is the mask of `current` on every segment's
                    // way in: a chain that changed nothing leaves it so.
                    if chain(
                        index,
                        &mut current,
                        &mut dirty,
                        &mut alignment,
                        &mut present,
                    ) {
                        mask = self.mask(&current);
                        lines = None;
                    }
                    continue;
                }
                Segment::Own(own) => own,
            };
            let Some(bits) = mask else {
                return Ok(None);
            };
            if bits & 1 << own.bit == 0 {
                continue;
            }
            let (edits, name) = match own.kind {
                // The mask's bit says a convention character is in the
                // text (the step's trigger), and `letters` asks each line
                // for yeh or kaf itself: no look of its own here.
                OwnKind::Letters => (
                    conventions::letters_in(
                        &current,
                        judged(&mut lines, &current, one_line),
                        tags,
                    )?,
                    "letters",
                ),
                OwnKind::PersianAffixes => match persian.as_mut() {
                    Some(persian) => (
                        affixes::persian_affixes_in(
                            &current,
                            judged(&mut lines, &current, one_line),
                            persian,
                        )?,
                        "persian_affixes",
                    ),
                    None => (Vec::new(), "persian_affixes"),
                },
                OwnKind::VisualOrder | OwnKind::Other => return Ok(None),
            };
            if edits.is_empty() {
                continue;
            }
            if own.kind != OwnKind::Letters {
                lines = None;
            }
            if let Some(base) = alignment.as_ref() {
                alignment = Some(compose(base, current.len(), &edits, name));
            }
            current = Cow::Owned(apply(&current, &edits));
            present = None;
            dirty |= own.after_nfc;
            if let Some(then) = own.then {
                if chain(then, &mut current, &mut dirty, &mut alignment, &mut present) {
                    lines = None;
                }
            }
            mask = self.mask(&current);
        }
        Ok(Some((current, alignment)))
    }
}

/// The [`conventions::arabic_lines`] of `text`, as kept in `lines` (found
/// there and kept when None).
fn judged<'l>(
    lines: &'l mut Option<Vec<ArabicLine>>,
    text: &[char],
    one_line: bool,
) -> impl Iterator<Item = ArabicLine> + 'l {
    lines
        .get_or_insert_with(|| {
            if one_line {
                conventions::arabic_line_of(text).into_iter().collect()
            } else {
                conventions::arabic_lines(text).collect()
            }
        })
        .iter()
        .copied()
}

/// What a profile leaves of a text (borrowed from the text while no step
/// changed it), and its alignment with the text when one is kept.
pub type Ran<'t> = (Cow<'t, [char]>, Option<Alignment>);

/// A one-line text that the profile's `visual_order` step would leave as
/// it is, run to the end of the profile in one pass.  `started` is the
/// text after the profile's leading chain (which holds the steps before
/// `visual_order`), `dirty` and `mask` as that chain left them, and
/// `alignment`, where offsets are kept (`explain`), the text's alignment
/// with the input so far.
///
/// The conditions are those under which `plan_repairs` leaves a text of
/// one line alone: a line with an Arabic-script letter, no extractor
/// wrappers, not confidently visual (below `min_confidence`) as it is nor,
/// when it leans visual, as the rest of the profile leaves it, without
/// words read backwards (two or more, outnumbering forward ones), that
/// needs no tidying of its runs or final stop, neither as it is nor as the
/// rest of the profile leaves it; with `strips_harakat`, no runs of marks.
/// Then the result is what `_run` gives: the rest of the profile's result
/// for the line (`_judged_line`), with its final LF if it had one; where
/// offsets are kept, the rest's alignment replayed onto the text's, or,
/// when `_judged_line` declines to replay (a final LF, a first step the
/// lead already ran), the profile's own steps after `visual_order`.  None
/// for anything else (a line break but a final LF, a profile whose first
/// step after the lead is not `visual_order`, a step the core does not
/// run): the caller goes the whole way, which the tests compare.
///
/// Without offsets the rest of the profile is not run as a profile of its
/// own: its first steps are the lead's, and the lead's chain is
/// idempotent (every option of the four steps that can come before
/// `visual_order`: each step's rule leaves nothing for itself, and the one
/// step whose edits give an earlier one work, `tatweel`, judges
/// `zero_width` again after it), so on the lead's output they change
/// nothing and the rest of the profile is the profile's own segments after
/// `visual_order`, run on from the start's `mask` and `present` (what the
/// lead learnt of the text's characters) instead of reading the line again
/// for them.  `tests/test_profiles.py` checks the idempotence for every
/// combination of options, and this path against the step-by-step loop.
#[allow(clippy::too_many_arguments)]
pub fn judged_line<'t, E>(
    outer: &Plan,
    rest: &Plan,
    started: &'t [char],
    dirty: bool,
    alignment: Option<&Alignment>,
    mask: Option<u32>,
    present: Option<Present>,
    strips_harakat: bool,
    min_confidence: f64,
    tags: &mut impl RunTags<E>,
    mut persian: Option<DynTags<'_, E>>,
) -> Result<Option<Ran<'t>>, E> {
    if mask.is_none() || !outer.judged_first(mask) {
        return Ok(None);
    }
    // A line read from a file keeps its LF: the judgement is the same
    // (the empty line after it is no block), and the rest of the profile
    // runs on the line without it (`_judged_line`).
    let (text, newline) = match started.split_last() {
        Some(('\n', body)) => (body, true),
        _ => (started, false),
    };
    // One line (no break in it): its record, as `line_records` makes it.
    let Some(record) = repair::one_line_record(text) else {
        return Ok(None);
    };
    let ev = &record.evidence;
    // A line confidently visual on its own evidence (a quotation an
    // extractor handed back reversed), without offsets: turned round here
    // as `plan_repairs` turns the one line of a text round, unless another
    // of its rules could have a say (words reversed one by one, pdftotext's
    // wrappers, harakat the rest of the profile strips).
    if alignment.is_none()
        && record.arabic
        && record.unwrapped.is_none()
        && ev.backward > 0
        && visual::confidence(ev.forward, ev.backward) >= min_confidence
        // Words reversed one by one are a right-to-left paragraph's (an
        // English line quoting a reversed passage has its words reversed too).
        && !(ev.words_backward >= 2
            && ev.words_backward > ev.words_forward
            && starts_right_to_left(text))
        && (!strips_harakat || repair::mark_runs(text).is_empty())
    {
        let judging = persian.as_mut().map(|p| &mut **p as DynTags<'_, E>);
        return Ok(with_lf(repaired_line(rest, text, tags, judging)?, newline));
    }
    // A line without an Arabic-script letter (a basmala ligature, U+FDFD,
    // opening an English statement) has no evidence and is no line of a
    // block: `plan_repairs` leaves it alone unless it, or the line as the
    // rest of the profile leaves it (the ligature spelled out), may need
    // tidying; the second is asked below of every judged line.
    // Words read backwards count only in a line found confidently visual
    // (the rule of words reversed one by one asks that too); a line that
    // may need tidying is tidied below where no offsets are kept.
    if (!record.arabic && repair::may_tidy(text))
        || record.unwrapped.is_some()
        || visual::confidence(ev.forward, ev.backward) >= min_confidence
        || (alignment.is_some() && record.tidy)
        || (strips_harakat && !repair::mark_runs(text).is_empty())
    {
        return Ok(None);
    }
    let judging = persian.as_mut().map(|p| &mut **p as DynTags<'_, E>);
    let ran = if alignment.is_some() {
        rest.run(text, true, tags, judging)?
    } else {
        // The line without its LF: a trigger that holds LF (a step with
        // none matches everything) is asked again, and the bits of LF's
        // steps, if any, may be gone.
        let mask = if newline && outer.triggers.iter().any(|t| t.contains('\n')) {
            outer.mask(text)
        } else {
            mask
        };
        let present = present.map(|p| if newline { p.unsure_of('\n') } else { p });
        outer.finish_known(
            1,
            Cow::Borrowed(text),
            dirty,
            mask,
            present,
            None,
            tags,
            judging,
            true,
        )?
    };
    let Some((mut judged, after)) = ran else {
        return Ok(None);
    };
    // A line leaning visual is judged again as the rest of the profile
    // leaves it (confident then, it is `plan_repairs`' to turn round);
    // either way it may need tidying.
    let mut needs_tidying = record.tidy;
    if judged != text {
        if ev.backward > 0 && confidence_of(&judged) >= min_confidence {
            return Ok(None);
        }
        needs_tidying |= repair::may_tidy(&judged);
    }
    if needs_tidying {
        if alignment.is_some() {
            return Ok(None);
        }
        let judging = persian.as_mut().map(|p| &mut **p as DynTags<'_, E>);
        return Ok(with_lf(
            tidied_line(rest, text, &judged, tags, judging)?,
            newline,
        ));
    }
    let (Some(base), Some(after)) = (alignment, after) else {
        if newline {
            match &mut judged {
                // The line as it came, LF and all.
                Cow::Borrowed(_) => judged = Cow::Borrowed(started),
                Cow::Owned(line) => line.push('\n'),
            }
        }
        return Ok(Some((judged, None)));
    };
    // Where offsets are kept, the rest of the profile's alignment with the
    // line is replayed onto the text's, unless the line kept its LF (the
    // rest gave offsets for the line alone) or the rest began with a step
    // the lead already ran (its edits would be composed twice).  Then the
    // profile goes on after visual_order, which made no edit, as the
    // step-by-step loop does.
    let in_lead = |name: &str| outer.chains[0].steps.iter().any(|p| p.step.name() == name);
    if !newline && !after.steps().first().is_some_and(|first| in_lead(first)) {
        if let Ok(replayed) = base.replay(&after) {
            return Ok(Some((judged, Some(replayed))));
        }
    }
    outer.finish_from(
        1,
        Cow::Borrowed(started),
        dirty,
        mask,
        Some(base.clone()),
        tags,
        persian,
    )
}

/// A line the core repaired or tidied, as the text's result: given back
/// its LF when it was read with one; None stays None (the long way).
fn with_lf<'t>(out: Option<Vec<char>>, newline: bool) -> Option<Ran<'t>> {
    out.map(|mut out| {
        if newline {
            out.push('\n');
        }
        (Cow::Owned(out), None)
    })
}

/// The rest of the profile (`later` in Python) as a judge of lines, each
/// text run once (a repair is judged on the same line two or three times),
/// `seen` holding what is already known; a text comes back None when the
/// rest holds a step of Python's own.
fn rest_judge<'a, 'p: 'a, E, T: RunTags<E>>(
    rest: &'a Plan,
    tags: &'a mut T,
    mut persian: Option<DynTags<'p, E>>,
    mut seen: Vec<(Vec<char>, Vec<char>)>,
) -> impl FnMut(&[char]) -> Result<Option<Vec<char>>, E> + use<'a, 'p, E, T> {
    move |text: &[char]| {
        if let Some((_, out)) = seen.iter().find(|(t, _)| t[..] == *text) {
            return Ok(Some(out.clone()));
        }
        let judging = persian.as_mut().map(|p| &mut **p as DynTags<'_, E>);
        let Some((out, _)) = rest.run(text, false, tags, judging)? else {
            return Ok(None);
        };
        let out = out.into_owned();
        seen.push((text.to_vec(), out.clone()));
        Ok(Some(out))
    }
}

/// A line's visual-order confidence as it reads.
fn confidence_of(text: &[char]) -> f64 {
    let (forward, backward) = visual::visual_score(text);
    visual::confidence(forward, backward)
}

/// The one line of a text that `visual_order` found confidently visual on
/// its own evidence, as the rest of the profile leaves it after the line's
/// repair, which is `plan_repairs`' for a text of one line (`keep_forms`,
/// the rest of the profile as its judge, `later` in Python): the line read
/// back in logical order, kept only if it then reads as logical as it is
/// and as the rest leaves it; the ZWNJs pdfplumber displaces put back; and
/// tidied ([`tidy`]).  Then the rest of the profile on the line, as the
/// step-by-step loop runs it (`_judged_line`).
///
/// None where the repair is not kept (a line read back no better, whose
/// tidying is `plan_repairs`' to decide) or the rest of the profile holds a
/// step of Python's own: the caller goes the long way, which gives the
/// same answer (`tests/test_pdf_repair.py` compares both on damaged lines).
fn repaired_line<E>(
    rest: &Plan,
    line: &[char],
    tags: &mut impl RunTags<E>,
    persian: Option<DynTags<'_, E>>,
) -> Result<Option<Vec<char>>, E> {
    let mut judge = rest_judge(rest, tags, persian, Vec::new());
    // `_confident_repair`.
    let Some(fixed) = repair::reorder::line_to_logical(line) else {
        return Ok(None);
    };
    if fixed[..] == *line || confidence_of(&fixed) > 0.0 {
        return Ok(None);
    }
    let Some(judged) = judge(&fixed)? else {
        return Ok(None);
    };
    if confidence_of(&judged) > 0.0 {
        return Ok(None);
    }
    // `_reorder`: the line turned round, a displaced ZWNJ put back.
    let work = guarded(repair::may_put_back_zwnj, repair::put_back_zwnj, &fixed);
    let Some(work) = tidy(work, true, &mut judge)? else {
        return Ok(None);
    };
    // A repaired line comes back in letters; a line the repairs gave back
    // as it was is no repair (the rest of the profile unshapes its forms).
    let repaired = if work[..] == *line {
        work
    } else {
        visual::unshape(&work)
    };
    judge(&repaired)
}

/// The one line of a text that `visual_order` leaves in its order but may
/// need tidying (`judged`: as the rest of the profile leaves it), tidied
/// as `plan_repairs` tidies the one line of a text ([`tidy`]), then the
/// rest of the profile on it; None as for [`repaired_line`].
fn tidied_line<E>(
    rest: &Plan,
    line: &[char],
    judged: &[char],
    tags: &mut impl RunTags<E>,
    persian: Option<DynTags<'_, E>>,
) -> Result<Option<Vec<char>>, E> {
    let known = vec![(line.to_vec(), judged.to_vec())];
    let mut judge = rest_judge(rest, tags, persian, known);
    let Some(work) = tidy(line.to_vec(), false, &mut judge)? else {
        return Ok(None);
    };
    if work[..] == *line {
        return Ok(Some(judged.to_vec()));
    }
    judge(&visual::unshape(&work))
}

/// `_tidy` of `plan_repairs` for the one line of a text (no block around
/// it: the stop of a line without evidence is never moved for its block's
/// sake): runs written left to right read back, and a final stop at the
/// front moved to the end, each repair judged both as it is and as the
/// rest of the profile leaves the line, on the line in letters when it was
/// `turned` round.  `work` as the repairs so far left it; what the tidying
/// leaves of it, None when the judge is.
fn tidy<E>(
    mut work: Vec<char>,
    turned: bool,
    judge: &mut impl FnMut(&[char]) -> Result<Option<Vec<char>>, E>,
) -> Result<Option<Vec<char>>, E> {
    let mut letters = if turned {
        visual::unshape(&work)
    } else {
        work.clone()
    };
    let (mut forward, mut backward) = visual::visual_score(&letters);
    if forward <= backward {
        let Some(judged) = judge(&letters)? else {
            return Ok(None);
        };
        // The reading that leans further forwards; the first on a tie.
        let (f, b) = visual::visual_score(&judged);
        if i64::from(f) - i64::from(b) > i64::from(forward) - i64::from(backward) {
            (forward, backward) = (f, b);
        }
    }
    let runs = |l: &[char]| guarded(repair::may_reorder_runs, repair::runs_in_visual_order, l);
    let stop = |l: &[char]| guarded(repair::may_move_stop, repair::move_final_stop, l);
    if forward >= backward {
        let Some(tidied) = as_judged(runs, &letters, judge)? else {
            return Ok(None);
        };
        if tidied != letters {
            let logical = confidence_of(&tidied) == 0.0 || {
                let Some(judged) = judge(&tidied)? else {
                    return Ok(None);
                };
                confidence_of(&judged) == 0.0
            };
            if logical {
                work.clone_from(&tidied);
                letters = tidied;
            }
        }
    }
    if forward > backward {
        let Some(moved) = as_judged(stop, &letters, judge)? else {
            return Ok(None);
        };
        if moved != letters {
            work = moved;
        }
    }
    Ok(Some(work))
}

/// Whether the first strong character of `line` is right-to-left: the
/// paragraph direction `plan_repairs` asks of a line before it reads its
/// words as reversed one by one.
fn starts_right_to_left(line: &[char]) -> bool {
    use crate::bidi::{bidi_class, BidiClass};
    line.iter()
        .map(|&c| bidi_class(c))
        .find(|c| matches!(c, BidiClass::L | BidiClass::R | BidiClass::AL))
        .is_some_and(|c| c != BidiClass::L)
}

/// `repair(line)`, or `line` itself when `may` (a necessary condition of
/// the repair) says no: what the core's repairs give Python.
fn guarded(
    may: fn(&[char]) -> bool,
    repair: fn(&[char]) -> Option<Vec<char>>,
    line: &[char],
) -> Vec<char> {
    may(line)
        .then(|| repair(line))
        .flatten()
        .unwrap_or_else(|| line.to_vec())
}

/// `_as_judged` of `plan_repairs`: `repair(line)`, or when that changes
/// nothing, `repair` of the line as the rest of the profile leaves it (the
/// rest can make what a repair looks for); None when the rest holds a
/// step of Python's own.
fn as_judged<E>(
    repair: impl Fn(&[char]) -> Vec<char>,
    line: &[char],
    judge: &mut impl FnMut(&[char]) -> Result<Option<Vec<char>>, E>,
) -> Result<Option<Vec<char>>, E> {
    let fixed = repair(line);
    if fixed[..] != *line {
        return Ok(Some(fixed));
    }
    let Some(judged) = judge(line)? else {
        return Ok(None);
    };
    if judged[..] == *line {
        return Ok(Some(fixed));
    }
    let again = repair(&judged);
    Ok(Some(if again != judged { again } else { fixed }))
}

/// `alignment` after a step's `edits` of a text of `len` characters.
fn compose(alignment: &Alignment, len: usize, edits: &[Edit], rule: &str) -> Alignment {
    let steps = edits.iter().map(|e| align::Step {
        start: e.start,
        end: e.end,
        len: e.text.chars().count(),
        rule: None,
    });
    // A step's edits are sorted, within its text and without overlaps,
    // and the alignment follows the text it saw: nothing to refuse.
    alignment
        .apply(len, rule, steps)
        .expect("a compiled step's edits fit the text it saw")
}

/// The alignment of a text that only the profile's NFC touches: its
/// precise NFC edits (as the `nfc` step makes them) on the identity.
pub fn nfc_alignment(text: &[char]) -> Alignment {
    compose(
        &Alignment::new(text.len()),
        text.len(),
        &nfc::nfc_step(text, true),
        Step::Nfc.name(),
    )
}

/// A set of characters: a bitmap of the Basic Multilingual Plane and
/// sorted ranges above it.  The joined trigger of a profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CharSet {
    bmp: Vec<u64>,
    astral: Vec<(u32, u32)>,
    /// No ASCII character is in the set: an ASCII text (most lines of
    /// English) is answered by one fast check of its bytes.
    ascii_free: bool,
}

impl CharSet {
    /// The set of the inclusive code point ranges `ranges`.
    pub fn new(ranges: &[(u32, u32)]) -> Self {
        let mut bmp = vec![0u64; 0x10000 / 64];
        let mut astral = Vec::new();
        for &(lo, hi) in ranges {
            for cp in lo..=hi.min(0xFFFF) {
                bmp[cp as usize / 64] |= 1 << (cp % 64);
            }
            if hi > 0xFFFF {
                astral.push((lo.max(0x10000), hi));
            }
        }
        astral.sort_unstable();
        let ascii_free = bmp[0] == 0 && bmp[1] == 0;
        CharSet {
            bmp,
            astral,
            ascii_free,
        }
    }

    /// Whether `ch` is in the set.
    pub fn contains(&self, ch: char) -> bool {
        let cp = ch as u32;
        if cp < 0x10000 {
            return self.bmp[cp as usize / 64] & (1 << (cp % 64)) != 0;
        }
        let i = self.astral.partition_point(|&(lo, _)| lo <= cp);
        i > 0 && cp <= self.astral[i - 1].1
    }

    /// Whether some character of `text` is in the set.
    pub fn any_of(&self, text: &[char]) -> bool {
        if self.ascii_free {
            return beyond_ascii(text).any(|i| self.contains(text[i]));
        }
        text.iter().any(|&c| self.contains(c))
    }

    /// Whether some character of `text` is in the set.
    pub fn any_in(&self, text: &str) -> bool {
        if self.ascii_free && text.is_ascii() {
            return false;
        }
        text.chars().any(|c| self.contains(c))
    }
}

/// The triggers of a plan's own steps, each a [`CharSet`], and for up to
/// eight of them one table of the BMP saying which hold each character:
/// [`Triggers::mask`] reads a text once, a look-up a character beyond
/// ASCII, where [`mask_of`] asks each set in turn (a line of English quoting
/// Arabic asked three sets for each of its Arabic letters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Triggers {
    sets: Vec<CharSet>,
    /// Bit `i` of a BMP character's entry: `sets[i]` holds it.  None for
    /// more than eight sets.
    table: Option<Box<[u8]>>,
    /// The lowest code point some set holds (the Arabic block's first for
    /// the built-in profiles' triggers): a block of text below it, such as
    /// a line of French or German with its accents, holds nothing to look up.
    low: u32,
}

impl FromIterator<CharSet> for Triggers {
    fn from_iter<I: IntoIterator<Item = CharSet>>(sets: I) -> Self {
        let sets: Vec<CharSet> = sets.into_iter().collect();
        let table = (sets.len() <= 8).then(|| {
            (0..0x10000u32)
                .map(|cp| {
                    let ch = char::from_u32(cp).unwrap_or('\u{FFFD}');
                    let held = char::from_u32(cp).is_some();
                    sets.iter().enumerate().fold(0u8, |bits, (i, set)| {
                        bits | u8::from(held && set.contains(ch)) << i
                    })
                })
                .collect()
        });
        let low = table
            .as_deref()
            .and_then(|table: &[u8]| table.iter().position(|&bits| bits != 0))
            .map_or(0, |cp| cp as u32);
        Triggers { sets, table, low }
    }
}

impl std::ops::Deref for Triggers {
    type Target = [CharSet];

    fn deref(&self) -> &[CharSet] {
        &self.sets
    }
}

impl Triggers {
    /// [`mask_of`] the sets: bit `i` set when `sets[i]` holds a character
    /// of `text`; None for a text beyond the BMP.  Sixteen characters at a
    /// time: a block with no character at or above the lowest any set
    /// holds (told without a branch, as signed comparisons: code points are
    /// below 2^31) is passed over; the others are looked up a character at a
    /// time until every set has one.  A character beyond the BMP is above
    /// the sixteenth bit of the OR of the code points, found first in one
    /// pass without branches.
    pub fn mask(&self, text: &[char]) -> Option<u32> {
        const BLOCK: usize = 16;
        let Some(table) = self.table.as_deref() else {
            return mask_of(&self.sets, text);
        };
        // A character beyond the BMP sets a bit above the sixteenth of the
        // OR of the code points: one pass without branches (vectorised).
        let mut high = 0u32;
        for &c in text {
            high |= c as u32;
        }
        if high > 0xFFFF {
            return None;
        }
        let all = ((1u16 << self.sets.len()) - 1) as u8;
        let mut found = 0u8;
        let mut blocks = text.chunks_exact(BLOCK);
        let low = self.low as i32;
        for block in &mut blocks {
            if !block.iter().fold(false, |any, &c| any | (c as i32 >= low)) {
                continue;
            }
            for &c in block {
                found |= table[c as usize & 0xFFFF];
            }
            if found == all {
                return Some(u32::from(found));
            }
        }
        for &c in blocks.remainder() {
            found |= table[c as usize & 0xFFFF];
        }
        Some(u32::from(found))
    }
}

/// The indexes of the characters of `text` beyond ASCII, found sixteen at a
/// time ([`crate::steps::hits`]): a set without ASCII members looks at no
/// other (most of a line of English, or the spaces and digits of others).
fn beyond_ascii(text: &[char]) -> impl Iterator<Item = usize> + '_ {
    crate::steps::hits(text, |c| c as u32 >= 0x80)
}

/// Bit `i` set when `sets[i]` holds a character of `text`, in one pass that
/// ends when every set has one; None for a text beyond the BMP.
pub fn mask_of(sets: &[CharSet], text: &[char]) -> Option<u32> {
    // A character beyond the BMP sets a bit above the sixteenth of the OR
    // of the code points: one pass without branches (vectorised).
    let mut high = 0u32;
    for &c in text {
        high |= c as u32;
    }
    if high > 0xFFFF {
        return None;
    }
    let all = sets
        .iter()
        .enumerate()
        .fold(0u32, |all, (i, _)| all | 1 << i);
    let mut found = 0u32;
    let mut look = |c: char| {
        for (i, set) in sets.iter().enumerate() {
            if found & 1 << i == 0 && set.contains(c) {
                found |= 1 << i;
            }
        }
        found == all
    };
    if sets.iter().all(|set| set.ascii_free) {
        for i in beyond_ascii(text) {
            if look(text[i]) {
                break;
            }
        }
    } else {
        for &c in text {
            if look(c) {
                break;
            }
        }
    }
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_chars as chars;

    fn planned(step: Step, then: &[Step], after_nfc: bool) -> Planned {
        Planned {
            step,
            then: then.to_vec(),
            after_nfc,
        }
    }

    fn run(chain: &Chain, text: &str) -> (String, bool) {
        let mut dirty = false;
        let out = chain.run(&chars(text), &mut dirty);
        (
            out.map_or_else(|| text.to_string(), |t| t.into_iter().collect()),
            dirty,
        )
    }

    const HINTS: Step = Step::ZeroWidth(zw::ZeroWidth::Hints);

    #[test]
    fn names_and_options() {
        assert_eq!(Step::from_name("tatweel", "True"), Some(Step::Tatweel));
        assert_eq!(
            Step::from_name("spaces", "all"),
            Some(Step::Spaces { all: true })
        );
        assert_eq!(
            Step::from_name("digits", "persian"),
            Some(Step::Digits(dg::Digits::Persian))
        );
        assert_eq!(Step::from_name("digits", "keep"), None);
        assert_eq!(Step::from_name("casefold", "True"), None);
        assert_eq!(Step::from_name("nfc", "yes"), None);
    }

    #[test]
    fn harakat_then_tatweel_judged_again() {
        // A tatweel carrying a fatha with no letter before it stays (it is
        // how a lone haraka is written); once harakat took the fatha away it
        // only stretches the beh after it, and the `then` pass removes it.
        let chain = Chain {
            steps: vec![planned(Step::Harakat, &[Step::Tatweel], false)],
            final_nfc: false,
        };
        assert_eq!(
            run(&chain, "\u{640}\u{64E}\u{628}"),
            ("\u{628}".to_string(), false)
        );
        // Without `then` (a profile that does not run tatweel) it stays.
        let alone = Chain {
            steps: vec![planned(Step::Harakat, &[], false)],
            final_nfc: false,
        };
        assert_eq!(run(&alone, "\u{640}\u{64E}\u{628}").0, "\u{640}\u{628}");
    }

    #[test]
    fn ligature_expansion_then_nfc_composes() {
        // U+FDF1 (the word ligature qala) is qaf, lam, yeh barree by NFKC;
        // spelled out, its yeh barree meets the hamza above (U+0654) that
        // followed the ligature, and NFC composes the two into U+06D3.
        // U+FEF7 unshapes to lam + alef with hamza above.
        let chain = Chain {
            steps: vec![
                planned(Step::PresentationForms, &[], false),
                planned(Step::Ligatures, &[], false),
                planned(Step::Nfc, &[], false),
            ],
            final_nfc: true,
        };
        assert_eq!(
            run(&chain, "\u{FDF1}\u{654} \u{FEF7}"),
            ("\u{642}\u{644}\u{6D3} \u{644}\u{623}".to_string(), false)
        );
        // The basmala ligature is spelled out in full.
        assert_eq!(
            run(&chain, "\u{FDFD}").0,
            "\u{628}\u{633}\u{645} \u{627}\u{644}\u{644}\u{647} \
             \u{627}\u{644}\u{631}\u{62D}\u{645}\u{646} \u{627}\u{644}\u{631}\u{62D}\u{64A}\u{645}"
        );
    }

    #[test]
    fn change_after_nfc_gets_a_last_nfc_pass() {
        // The inverted damma (U+0657) and hamza above (U+0654) share
        // combining class 230, so NFC cannot compose alef with the hamza
        // across it; harakat removes the damma, the alef and the hamza meet,
        // and only the final NFC pass composes them into U+0623.
        let chain = Chain {
            steps: vec![
                planned(Step::Nfc, &[], false),
                planned(Step::Harakat, &[], true),
            ],
            final_nfc: true,
        };
        assert_eq!(
            run(&chain, "\u{627}\u{657}\u{654}"),
            ("\u{623}".to_string(), true)
        );
        // A chain that does not end the profile leaves the pass to a later one.
        let middle = Chain {
            final_nfc: false,
            ..chain.clone()
        };
        assert_eq!(
            run(&middle, "\u{627}\u{657}\u{654}"),
            ("\u{627}\u{654}".to_string(), true)
        );
        // A dirty text handed over runs the pass even with nothing else to do.
        let last = Chain {
            steps: vec![],
            final_nfc: true,
        };
        let mut dirty = true;
        assert_eq!(
            last.run(&chars("e\u{301}"), &mut dirty),
            Some(chars("\u{E9}"))
        );
        let mut clean = false;
        assert_eq!(last.run(&chars("e\u{301}"), &mut clean), None);
    }

    #[test]
    fn digits_in_arabic_runs_only() {
        let chain = Chain {
            steps: vec![planned(Step::Digits(dg::Digits::Persian), &[], true)],
            final_nfc: false,
        };
        // سال 1400 است, in 2024: only the number inside the Persian run changes.
        assert_eq!(
            run(
                &chain,
                "\u{633}\u{627}\u{644} 1400 \u{627}\u{633}\u{62A}, in 2024"
            ),
            (
                "\u{633}\u{627}\u{644} \u{6F1}\u{6F4}\u{6F0}\u{6F0} \u{627}\u{633}\u{62A}, in 2024"
                    .to_string(),
                true
            )
        );
    }

    #[test]
    fn untouched_text_is_none() {
        let chain = Chain {
            steps: vec![
                planned(Step::Tatweel, &[HINTS], false),
                planned(Step::Nfc, &[], false),
            ],
            final_nfc: true,
        };
        let mut dirty = false;
        assert_eq!(chain.run(&chars("plain text, é"), &mut dirty), None);
        assert_eq!(
            chain.run(&chars("e\u{301}"), &mut dirty),
            Some(chars("\u{E9}"))
        );
    }

    /// The changes of an alignment as (start, end, out_start, out_end, rule).
    use crate::align::change_tuples as changes_of;

    #[test]
    fn aligned_chain_maps_each_step_to_the_input() {
        // Tatweel, ZWNJ, tatweel, the basmala ligature.  zero_width keeps
        // the ZWNJ between two tatweels; tatweel drops the second one (it
        // only stretches the ligature's word), and zero_width, judged again,
        // drops the ZWNJ, which now stands between a tatweel and the
        // ligature.  Each deletion keeps its own input offset: the ZWNJ is
        // input 1..2 and the tatweel input 2..3, although both were made
        // at position 1 of the texts their steps saw.
        let text = chars("\u{640}\u{200C}\u{640}\u{FDFD}");
        let chain = Chain {
            steps: vec![
                planned(HINTS, &[], false),
                planned(Step::Tatweel, &[HINTS], false),
            ],
            final_nfc: false,
        };
        let mut dirty = false;
        let (out, aligned) = chain.run_aligned(&text, &mut dirty, Some(&Alignment::new(4)));
        assert_eq!(out, Some(chars("\u{640}\u{FDFD}")));
        let aligned = aligned.unwrap();
        assert_eq!(aligned.steps(), vec!["tatweel", "zero_width"]);
        assert_eq!(
            changes_of(&aligned),
            vec![
                (1, 2, 1, 1, "zero_width".to_string()),
                (2, 3, 1, 1, "tatweel".to_string())
            ]
        );
        // The ligature after them maps to input 1..4: input deleted right
        // before an output position belongs to what follows it.
        assert_eq!(aligned.source_span(1, 2), Some((1, 4)));
        assert_eq!(aligned.source_span(1, 1), Some((1, 1)));

        // Then the ligature spelled out (22 letters and spaces), and the
        // first tatweel, before beh now, judged again and dropped.  The
        // expansion covers the input from the ZWNJ on (1..4): an edit
        // takes the deletions right before it; only the rule of the block
        // it replaces is its own, so the change is "ligatures".
        let chain = Chain {
            steps: vec![
                planned(HINTS, &[], false),
                planned(Step::Tatweel, &[HINTS], false),
                planned(Step::Ligatures, &[Step::Tatweel, HINTS], false),
            ],
            final_nfc: false,
        };
        let (out, aligned) = chain.run_aligned(&text, &mut dirty, Some(&Alignment::new(4)));
        let basmala = "\u{628}\u{633}\u{645} \u{627}\u{644}\u{644}\u{647} \
             \u{627}\u{644}\u{631}\u{62D}\u{645}\u{646} \u{627}\u{644}\u{631}\u{62D}\u{64A}\u{645}";
        assert_eq!(out, Some(chars(basmala)));
        let aligned = aligned.unwrap();
        assert_eq!(
            aligned.steps(),
            vec!["tatweel", "zero_width", "ligatures", "tatweel"]
        );
        assert_eq!(
            changes_of(&aligned),
            vec![
                (0, 1, 0, 0, "tatweel".to_string()),
                (1, 4, 0, 22, "ligatures".to_string())
            ]
        );
        assert_eq!(aligned.source_span(5, 6), Some((1, 4)));
        assert!(!dirty);
        // Without an alignment to start from, none comes back.
        assert_eq!(chain.run_aligned(&text, &mut dirty, None).1, None);
    }

    #[test]
    fn aligned_chain_without_changes_gives_no_alignment() {
        let chain = Chain {
            steps: vec![planned(Step::Tatweel, &[HINTS], false)],
            final_nfc: true,
        };
        let mut dirty = false;
        let start = Alignment::new(5);
        assert_eq!(
            chain.run_aligned(&chars("plain"), &mut dirty, Some(&start)),
            (None, None)
        );
        // The last NFC pass of a dirty text composes e + acute: 0..2 -> é.
        let mut dirty = true;
        let (out, aligned) =
            chain.run_aligned(&chars("e\u{301}x"), &mut dirty, Some(&Alignment::new(3)));
        assert_eq!(out, Some(chars("\u{E9}x")));
        assert_eq!(
            changes_of(&aligned.unwrap()),
            vec![(0, 2, 0, 1, "nfc".to_string())]
        );
        assert_eq!(
            changes_of(&nfc_alignment(&chars("e\u{301}x"))),
            vec![(0, 2, 0, 1, "nfc".to_string())]
        );
    }

    /// Pieces of text for the tests comparing the block scans with a plain
    /// look at every character: ASCII runs of lengths around a block,
    /// digits, Latin beyond ASCII (at 0x80 too), the characters each step
    /// touches, line breaks and characters beyond the BMP.
    const PIECES: &[&str] = &[
        "a",
        "the ",
        "fifteen letters",
        "sixteen letters!",
        "seventeen letters",
        "7",
        "1989",
        "/:",
        "\u{7F}",
        "\u{80}",
        "\u{E9}",
        "e\u{301}",
        "\u{AB}",
        "\u{AD}",
        "\u{A0}",
        "\u{200B}",
        "\u{200C}",
        "\u{200D}",
        "\u{200F}",
        "\u{202B}",
        "\u{2019}",
        "\u{628}\u{64E}",
        "\u{643}\u{62A}\u{627}\u{628}",
        "\u{640}",
        "\u{627}\u{654}",
        "\u{663}\u{6F4}",
        "\u{FEF7}",
        "\u{FDFD}",
        "\u{FB8E}",
        "\n",
        "\u{1F600}",
        "\u{10EFD}",
        "\u{FFFF}",
    ];

    #[test]
    fn bits_by_blocks_are_the_bits_of_every_character() {
        let plain = |text: &[char]| text.iter().fold(0, |bits, &c| bits | bits_of(c));
        let texts = crate::generated_texts(PIECES, 0x2545_F491_4F6C_DD1D, 12, 3000);
        for text in &texts {
            // Every start within a block: each piece meets each block edge.
            for start in 0..text.len().min(BLOCK + 1) {
                let part = &text[start..];
                let all = plain(part);
                assert_eq!(bits_in(part), all, "{part:?}");
                for kind in KINDS {
                    let bit = kind.bit();
                    assert_eq!(bits_among(part, bit), all & bit, "{part:?}");
                    assert_eq!(any_with(part, bit), all & bit != 0, "{part:?}");
                }
                let some = Step::Nfc.bit() | Step::Digits(dg::Digits::Keep).bit();
                assert_eq!(bits_among(part, some), all & some, "{part:?}");
            }
        }
        // The ASCII digits are the only ASCII characters a step touches:
        // a block of ASCII is asked for them only.
        let digits = Step::Digits(dg::Digits::Keep).bit();
        assert_eq!(bits_table().ascii_digits, Some(digits));
        assert_eq!(bits_in(&chars("sixteen letters!sixteen letters!")), 0);
        assert_eq!(bits_in(&chars("sixteen letters!sixteen letter 7")), digits);
    }

    /// The chain as it ran before it kept the bits of its text: each step's
    /// `Step::edits` (which looks for its characters itself), the bits
    /// found again from every replacement, a new text for every change.
    fn plain_chain(
        chain: &Chain,
        text: &[char],
        dirty: &mut bool,
        alignment: Option<&Alignment>,
    ) -> (Option<Vec<char>>, Option<Alignment>) {
        let bits = |text: &mut dyn Iterator<Item = char>| text.fold(0, |b, c| b | bits_of(c));
        let mut current: Option<Vec<char>> = None;
        let mut aligned: Option<Alignment> = None;
        let mut present = bits(&mut text.iter().copied());
        let mut step = |step: Step, current: &mut Option<Vec<char>>| -> bool {
            if present & step.bit() == 0 {
                return false;
            }
            let now = current.as_deref().unwrap_or(text);
            let edits = step.edits(now);
            if edits.is_empty() {
                return false;
            }
            present |= bits(&mut edits.iter().flat_map(|e| e.text.chars()));
            if let Some(base) = alignment {
                let from = aligned.as_ref().unwrap_or(base);
                aligned = Some(compose(from, now.len(), &edits, step.name()));
            }
            *current = Some(apply(now, &edits));
            true
        };
        for p in &chain.steps {
            if !step(p.step, &mut current) {
                continue;
            }
            *dirty |= p.after_nfc;
            for &again in &p.then {
                if step(again, &mut current) {
                    *dirty |= p.after_nfc;
                }
            }
        }
        if chain.final_nfc && *dirty {
            step(Step::Nfc, &mut current);
        }
        (current, aligned)
    }

    #[test]
    fn chains_run_as_the_plain_loop_runs_them() {
        // The clean profile's chains (the lead; the forms and NFC, ending
        // the profile), and a search-like one with harakat and fold after
        // NFC and digits, every step judged again after some other.
        let chains = [
            Chain {
                steps: vec![
                    planned(Step::BidiControls(bc::BidiControls::Unbalanced), &[], false),
                    planned(HINTS, &[], false),
                    planned(Step::Tatweel, &[HINTS], false),
                    planned(Step::Spaces { all: false }, &[], false),
                ],
                final_nfc: false,
            },
            Chain {
                steps: vec![
                    planned(Step::PresentationForms, &[], false),
                    planned(Step::Ligatures, &[Step::Tatweel, HINTS], false),
                    planned(Step::Nfc, &[], false),
                ],
                final_nfc: true,
            },
            Chain {
                steps: vec![
                    planned(Step::BidiControls(bc::BidiControls::All), &[], false),
                    planned(Step::ZeroWidth(zw::ZeroWidth::Joiners), &[], false),
                    planned(Step::Spaces { all: true }, &[], false),
                    planned(Step::PresentationForms, &[], false),
                    planned(Step::Nfc, &[], false),
                    planned(Step::Harakat, &[Step::Tatweel], true),
                    planned(Step::Fold, &[Step::Nfc], true),
                    planned(Step::Digits(dg::Digits::Persian), &[], true),
                ],
                final_nfc: true,
            },
        ];
        let texts = crate::generated_texts(PIECES, 0x9E37_79B9_7F4A_7C15, 16, 4000);
        let mut changed = 0;
        for text in &texts {
            for chain in &chains {
                for start_dirty in [false, true] {
                    let base = Alignment::new(text.len());
                    let (mut fast, mut plain) = (start_dirty, start_dirty);
                    let got = chain.run_aligned(text, &mut fast, Some(&base));
                    let expected = plain_chain(chain, text, &mut plain, Some(&base));
                    assert_eq!(got, expected, "{text:?}");
                    assert_eq!(fast, plain, "{text:?}");
                    changed += usize::from(got.0.is_some());
                    // What the chain says of the bits of what it leaves
                    // holds: every bit of that text, exactly where it is sure.
                    let asked = chain.bits();
                    let (out, _, present) = chain.run_known(text, &mut fast, None, None, asked);
                    let left = bits_among(out.as_deref().unwrap_or(text), asked);
                    assert_eq!(present.bits & left, left);
                    let sure = !present.unsure;
                    assert_eq!(present.bits & sure, left & sure, "{text:?}");
                }
            }
        }
        assert!(changed > texts.len(), "the texts give the chains work");
    }

    #[test]
    fn touch_bits_by_hand() {
        assert_eq!(touch_bits('a'), 0);
        assert_eq!(touch_bits('7'), Step::Digits(dg::Digits::Keep).bit());
        // Tatweel: only the tatweel step (it is one of NFC's safe
        // starters, U+0620..U+064A).
        assert_eq!(touch_bits('\u{640}'), Step::Tatweel.bit());
        // Fatha: harakat, and NFC (a mark is never a safe starter).
        assert_eq!(touch_bits('\u{64E}'), Step::Harakat.bit() | Step::Nfc.bit());
        // Hamza above: fold (with an alef before it) and NFC.
        assert_eq!(touch_bits('\u{654}'), Step::Fold.bit() | Step::Nfc.bit());
        // An astral character is judged without the table: sakta is a mark.
        assert_ne!(touch_bits('\u{10EFD}') & Step::Nfc.bit(), 0);
    }

    #[test]
    fn char_set_bmp_and_astral() {
        let set = CharSet::new(&[(0x41, 0x43), (0xFFFE, 0x10001), (0x1EE00, 0x1EEFF)]);
        assert!(set.contains('B') && !set.contains('D'));
        assert!(set.contains('\u{FFFF}') && set.contains('\u{10000}') && set.contains('\u{10001}'));
        assert!(!set.contains('\u{10002}'));
        assert!(set.contains('\u{1EE00}') && set.contains('\u{1EEFF}'));
        assert!(!set.contains('\u{1EF00}'));
        assert!(set.any_in("xyzA") && !set.any_in("xyz"));
        // Without ASCII members an ASCII text is answered at once.
        let arabic = CharSet::new(&[(0x600, 0x6FF)]);
        assert!(!arabic.any_in("plain ASCII") && arabic.any_in("x \u{628}"));
        assert!(!arabic.any_of(&chars("plain")) && arabic.any_of(&chars("x \u{628}")));
        // Past a block of sixteen ASCII characters, and at its end.
        assert!(arabic.any_of(&chars("sixteen letters!\u{628}")));
        assert!(!arabic.any_of(&chars("sixteen letters! and more")));
        assert!(CharSet::new(&[(0x20, 0x20)]).any_of(&chars("\u{628}\u{628} ")));
    }

    #[test]
    fn mask_of_the_sets_that_hold_a_character() {
        let sets = [
            CharSet::new(&[(0x628, 0x628)]),
            CharSet::new(&[(0x41, 0x41)]),
            CharSet::new(&[(0x6CC, 0x6CC), (0x643, 0x643)]),
        ];
        // Each set on its own: searched as `any_of` searches it.
        let texts = [
            "",
            "plain text",
            "A \u{628}",
            "\u{628}\u{643} and then sixteen more letters A",
            "no beh, only yeh \u{6CC}",
        ];
        for text in texts {
            let text = chars(text);
            let by_set = sets
                .iter()
                .enumerate()
                .filter(|(_, set)| set.any_of(&text))
                .fold(0, |mask, (i, _)| mask | 1 << i);
            assert_eq!(mask_of(&sets, &text), Some(by_set), "{text:?}");
        }
        assert_eq!(mask_of(&sets, &chars("A \u{628}")), Some(0b011));
        // Beyond the BMP the sets (of BMP characters only) cannot answer.
        assert_eq!(mask_of(&sets, &chars("A \u{1F600}")), None);
        assert_eq!(mask_of(&[], &chars("x")), Some(0));
    }

    #[test]
    fn triggers_mask_as_the_sets_one_by_one() {
        // With and without a set holding ASCII, with é the lowest held, nine
        // sets (no table) too;
        // texts of every length around the blocks of sixteen, of ASCII,
        // Arabic, other BMP letters and a character beyond the BMP.
        let ranges: [&[(u32, u32)]; 9] = [
            &[(0x628, 0x628)],
            &[(0x6CC, 0x6CC), (0x643, 0x643)],
            &[(0x600, 0x6FF), (0xFB50, 0xFDFF)],
            &[(0x41, 0x41)],
            &[(0xE9, 0xE9)],
            &[(0x20, 0x20), (0x10000, 0x10FFFF)],
            &[(0x2000, 0x206F)],
            &[(0xFEFF, 0xFEFF)],
            &[(0x0, 0x10FFFF)],
        ];
        let pool: Vec<char> =
            "ab A.\u{628}\u{6CC}\u{643}\u{627}\u{E9}\u{200C}\u{FEFF}\u{FDFD}\u{1F600}"
                .chars()
                .collect();
        let mut seed = 0x2545_F491_4F6C_DD1Du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        for take in [
            &[0usize, 1, 2][..],
            &[0, 1, 3],
            &[2, 6, 7],
            &[0, 1, 2, 3, 4, 5, 6, 7, 8],
        ] {
            let sets: Vec<CharSet> = take.iter().map(|&i| CharSet::new(ranges[i])).collect();
            let triggers: Triggers = sets.iter().cloned().collect();
            assert_eq!(triggers.table.is_some(), take.len() <= 8);
            for _ in 0..3000 {
                let len = next(50);
                let text: Vec<char> = (0..len)
                    .map(|_| {
                        let c = pool[next(pool.len())];
                        // Mostly ASCII, as a line of English.
                        if next(3) == 0 {
                            c
                        } else {
                            pool[next(4)]
                        }
                    })
                    .collect();
                assert_eq!(triggers.mask(&text), mask_of(&sets, &text), "{text:?}");
            }
        }
    }

    /// A plan of one chain (leading) and the steps of its own given,
    /// guarded by the Arabic block and the tatweel.
    fn plan(lead: Vec<Step>, rest: Vec<Segment>, triggers: &[&[(u32, u32)]]) -> Plan {
        Plan {
            guard: CharSet::new(&[(0x600, 0x6FF)]),
            nfc: false,
            chains: vec![Chain {
                steps: lead.into_iter().map(|s| planned(s, &[], false)).collect(),
                final_nfc: false,
            }],
            leads: true,
            triggers: triggers.iter().map(|r| CharSet::new(r)).collect(),
            rest,
            final_pass: None,
        }
    }

    fn own(kind: OwnKind, bit: u32) -> Segment {
        Segment::Own(OwnStep {
            kind,
            bit,
            then: None,
            after_nfc: false,
        })
    }

    /// Every run is Persian, surely.
    fn persian(run: &[char]) -> Result<Vec<Tag>, ()> {
        Ok(vec![Tag {
            start: 0,
            end: run.len(),
            arabic: true,
            text: true,
            lang: conventions::Lang::Fa,
            confidence: 1.0,
        }])
    }

    const YEH_KAF: &[(u32, u32)] = &[
        (0x643, 0x643),
        (0x649, 0x64A),
        (0x6A9, 0x6A9),
        (0x6CC, 0x6CC),
    ];

    fn string(out: Option<Ran>) -> Option<String> {
        out.map(|(t, _)| t.iter().collect())
    }

    #[test]
    fn a_plan_runs_its_chain_and_the_letters_step() {
        let p = plan(
            vec![Step::Tatweel],
            vec![own(OwnKind::Letters, 0)],
            &[YEH_KAF],
        );
        // The tatweel goes in the chain; in a run mixing the two keyboards
        // (Arabic kaf, Persian yeh), the Persian run's kaf becomes keheh.
        let text = chars("\u{643}\u{62A}\u{640}\u{627}\u{628} \u{639}\u{644}\u{6CC}");
        let out = p.run(&text, false, &mut persian, None);
        assert_eq!(
            string(out.unwrap()),
            Some("\u{6A9}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}".to_string())
        );
        // With offsets: the tatweel (input 2..3) removed, the kaf (0..1)
        // rewritten, each under its step's name.
        let (_, alignment) = p.run(&text, true, &mut persian, None).unwrap().unwrap();
        let alignment = alignment.unwrap();
        assert_eq!(alignment.steps(), vec!["tatweel", "letters"]);
        let changes: Vec<(usize, usize, usize, usize, String)> = alignment
            .changes()
            .into_iter()
            .map(|c| (c.start, c.end, c.out_start, c.out_end, c.rule))
            .collect();
        assert_eq!(
            changes,
            vec![
                (0, 1, 0, 1, "letters".to_string()),
                (2, 3, 2, 2, "tatweel".to_string())
            ]
        );
        // Outside the guard: done as it is.
        assert_eq!(
            string(p.run(&chars("plain"), false, &mut persian, None).unwrap()),
            Some("plain".into())
        );
        // A step of Python's own with work to do: not the core's to finish.
        let other = plan(
            vec![Step::Tatweel],
            vec![own(OwnKind::Other, 0)],
            &[YEH_KAF],
        );
        assert_eq!(
            other.run(&chars("\u{643}"), false, &mut persian, None),
            Ok(None)
        );
        // Its trigger not matching, it has no work: the core finishes.
        assert_eq!(
            string(
                other
                    .run(&chars("\u{628}\u{640}"), false, &mut persian, None)
                    .unwrap()
            ),
            Some("\u{628}".into())
        );
    }

    #[test]
    fn a_line_left_alone_by_visual_order_is_judged_in_one_go() {
        let arabic: &[(u32, u32)] = &[(0x600, 0x6FF)];
        // The profile [tatweel, visual_order, letters], and the same
        // without visual_order, as `_compiled` builds them.
        let outer = plan(
            vec![Step::Tatweel],
            vec![own(OwnKind::VisualOrder, 0), own(OwnKind::Letters, 1)],
            &[arabic, YEH_KAF],
        );
        let rest = plan(
            vec![Step::Tatweel],
            vec![own(OwnKind::Letters, 0)],
            &[YEH_KAF],
        );
        let judge = |text: &str| {
            let text = chars(text);
            let mask = outer.mask(&text);
            string(
                judged_line(
                    &outer,
                    &rest,
                    &text,
                    false,
                    None,
                    mask,
                    None,
                    false,
                    0.75,
                    &mut persian,
                    None,
                )
                .unwrap(),
            )
        };
        // كتاب علی, logical: the rest of the profile's answer (Persian letters).
        assert_eq!(
            judge("\u{643}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}"),
            Some("\u{6A9}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}".to_string())
        );
        // A final LF is kept; two lines, or no Arabic letter: the whole way.
        assert_eq!(
            judge("\u{643}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}\n"),
            Some("\u{6A9}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}\n".to_string())
        );
        assert_eq!(judge("\u{643}\u{62A}\u{627}\u{628}\r\n"), None);
        assert_eq!(
            judge("\u{643}\u{62A}\u{627}\u{628}\n\u{639}\u{644}\u{64A}"),
            None
        );
        assert_eq!(judge("\u{61F}"), None);
        // ذهب الولد إلى المدرسة في الصباح, stored reversed: confidently
        // visual, for visual_order to repair.
        let line = "\u{630}\u{647}\u{628} \u{627}\u{644}\u{648}\u{644}\u{62F} \u{625}\u{644}\u{649} \u{627}\u{644}\u{645}\u{62F}\u{631}\u{633}\u{629} \u{641}\u{64A} \u{627}\u{644}\u{635}\u{628}\u{627}\u{62D}";
        let reversed: String = line.chars().rev().collect();
        assert!(judge(line).is_some());
        // A line that could be words reversed one by one (a right-to-left
        // paragraph): that rule is plan_repairs' own.
        assert_eq!(judge(&reversed), None);
        // The same words quoted in a Latin line: turned round here (the
        // letters step leaves Arabic yeh without a sign of Persian alone).
        assert_eq!(
            judge(&format!("It reads \"{reversed}\" in the original.")),
            Some(format!("It reads \"{line}\" in the original."))
        );
        // The stop of a logical line at its front: moved to the end here,
        // as the final_stop repair moves it.
        assert_eq!(judge(&format!(".{line}")), Some(format!("{line}.")));
        // With offsets: the rest of the profile's edits replayed onto the
        // text's alignment (the kaf, under letters).
        let text = chars("\u{643}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}");
        // Each text's own alignment so far is the identity here.
        let aligned = |text: &[char]| {
            let base = Alignment::new(text.len());
            let judged = judged_line(
                &outer,
                &rest,
                text,
                false,
                Some(&base),
                outer.mask(text),
                None,
                false,
                0.75,
                &mut persian,
                None,
            );
            let (out, alignment) = judged.unwrap().unwrap();
            ((out.into_owned(), alignment), base)
        };
        let ((out, alignment), _) = aligned(&text);
        assert_eq!(out[0], '\u{6A9}');
        assert_eq!(alignment.unwrap().steps(), vec!["letters"]);
        // With its LF (the rest of the profile gave offsets for the line
        // alone), or where the rest begins with a step the lead already ran
        // (a tatweel it did not see here): the profile goes on after
        // visual_order, from the text as the lead left it: letters on the
        // line with its LF, and on the line with its tatweel, where it
        // leaves the stretched word كـتاب as the step on its own does.
        let mut with_lf = text.clone();
        with_lf.push('\n');
        let ((out, alignment), _) = aligned(&with_lf);
        let mut expected = with_lf.clone();
        expected[0] = '\u{6A9}';
        assert_eq!(out, expected);
        assert_eq!(alignment.unwrap().steps(), vec!["letters"]);
        let tatweel = chars("\u{643}\u{640}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}");
        let ((out, alignment), base) = aligned(&tatweel);
        assert_eq!((out, alignment), (tatweel, Some(base)));
        // Without offsets, the lead's bits are taken as they are: a line
        // whose lead left no tatweel (its bit sure and clear) is not read
        // for one again, and the LF of a line read from a file may take
        // its bits with it.
        let lf = chars("\u{643}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}\n");
        let known = Present::of(&lf, outer.bits());
        let judged = judged_line(
            &outer,
            &rest,
            &lf,
            false,
            None,
            outer.mask(&lf),
            Some(known),
            false,
            0.75,
            &mut persian,
            None,
        );
        assert_eq!(
            string(judged.unwrap()),
            Some("\u{6A9}\u{62A}\u{627}\u{628} \u{639}\u{644}\u{6CC}\n".to_string())
        );
        assert_eq!(known.unsure_of('\n'), known);
        assert_eq!(known.unsure_of('\u{640}').unsure, 0);
        // A profile whose first step after the lead is not visual_order.
        let text = chars(line);
        assert_eq!(
            judged_line(
                &rest,
                &rest,
                &text,
                false,
                None,
                rest.mask(&text),
                None,
                false,
                0.75,
                &mut persian,
                None
            ),
            Ok(None)
        );
    }

    #[test]
    fn letters_and_persian_affixes_run_as_the_steps_one_by_one() {
        // The plan finds the lines of the text once for both steps; the
        // oracle runs each step on the text as it stands.
        let affix_firsts: &[(u32, u32)] = &[(0x62A, 0x62A), (0x645, 0x645), (0x647, 0x647)];
        let p = plan(
            vec![Step::Tatweel],
            vec![own(OwnKind::Letters, 0), own(OwnKind::PersianAffixes, 1)],
            &[YEH_KAF, affix_firsts],
        );
        // Runs named by their length: Persian, Arabic or neither.
        use conventions::Lang;
        let mut tags = conventions::tags_by_length(&[Lang::Fa, Lang::Ar, Lang::Other]);
        let pieces = [
            "کتاب",
            "كتاب",
            " ها",
            " های",
            "می ",
            "خواهم",
            "علي",
            "علی",
            "ى",
            "\u{640}",
            " ",
            "word ",
            "\n",
            "\r\n",
            "است",
            "ة",
            "ال",
            "بزرگ",
            " ترین",
            "\u{200C}",
        ];
        let (mut changed, mut joined) = (0, 0);
        for text in crate::generated_texts(&pieces, 0x9E37_79B9_7F4A_7C15, 16, 10_000) {
            let mut expected = apply(&text, &Step::Tatweel.edits(&text));
            if p.triggers[0].any_of(&expected) {
                let edits = conventions::letters(&expected, &mut tags).unwrap();
                changed += usize::from(!edits.is_empty());
                expected = apply(&expected, &edits);
            }
            if p.triggers[1].any_of(&expected) {
                let mut persian = &mut tags;
                let edits = affixes::persian_affixes(&expected, &mut persian).unwrap();
                joined += usize::from(!edits.is_empty());
                expected = apply(&expected, &edits);
            }
            let mut persian = tags;
            let out = p
                .run(&text, false, &mut tags.clone(), Some(&mut persian))
                .unwrap();
            assert_eq!(out.map(|(t, _)| t.into_owned()), Some(expected), "{text:?}");
        }
        assert!(changed > 1_000 && joined > 500, "{changed} {joined}");
    }
}
