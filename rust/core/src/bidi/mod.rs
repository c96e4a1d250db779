//! The Unicode Bidirectional Algorithm (UAX #9): levels and reordering.
//!
//! Rendering needs more than a reordered string: the embedding level of every
//! character (to mirror brackets at odd levels, rule L4, and to keep combining
//! marks after their base, rule L3), and reordering *per line* with the
//! direction found once for the paragraph (rules L1-L2 after wrapping).  This
//! module implements rules P2-P3, X1-X10, W1-W7, N0-N2, I1-I2 and L1-L3 and is
//! checked against every line of the Unicode Consortium's
//! `BidiCharacterTest.txt` and `BidiTest.txt` (`tests/conformance.rs`).
//!
//! Levels are computed per *paragraph*: the caller splits text at paragraph
//! separators (class B) first.  Characters that rule X9 removes get the level
//! of the character before them (or the paragraph's), so that a reordered line
//! keeps them next to their neighbour instead of letting them split a run.

mod tables;

pub use tables::UNICODE_VERSION;
use tables::{BIDI_CLASS_RANGES, BRACKETS};

/// The values of the Bidi_Class property.
#[allow(clippy::upper_case_acronyms)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BidiClass {
    L,
    R,
    AL,
    EN,
    ES,
    ET,
    AN,
    CS,
    NSM,
    BN,
    B,
    S,
    WS,
    ON,
    LRE,
    LRO,
    RLE,
    RLO,
    PDF,
    LRI,
    RLI,
    FSI,
    PDI,
}

use BidiClass::*;

impl BidiClass {
    /// The short property value name, as the UCD files spell it.
    pub fn name(self) -> &'static str {
        match self {
            L => "L",
            R => "R",
            AL => "AL",
            EN => "EN",
            ES => "ES",
            ET => "ET",
            AN => "AN",
            CS => "CS",
            NSM => "NSM",
            BN => "BN",
            B => "B",
            S => "S",
            WS => "WS",
            ON => "ON",
            LRE => "LRE",
            LRO => "LRO",
            RLE => "RLE",
            RLO => "RLO",
            PDF => "PDF",
            LRI => "LRI",
            RLI => "RLI",
            FSI => "FSI",
            PDI => "PDI",
        }
    }

    /// The class whose short name is `name`, if any.
    pub fn from_name(name: &str) -> Option<BidiClass> {
        const ALL: [BidiClass; 23] = [
            L, R, AL, EN, ES, ET, AN, CS, NSM, BN, B, S, WS, ON, LRE, LRO, RLE, RLO, PDF, LRI, RLI,
            FSI, PDI,
        ];
        ALL.into_iter().find(|c| c.name() == name)
    }

    /// Rule X9 removes embeddings, overrides, PDF and boundary neutrals.
    pub fn removed_by_x9(self) -> bool {
        matches!(self, RLE | LRE | RLO | LRO | PDF | BN)
    }

    fn is_isolate_initiator(self) -> bool {
        matches!(self, LRI | RLI | FSI)
    }

    fn is_neutral_or_isolate(self) -> bool {
        matches!(self, B | S | WS | ON | LRI | RLI | FSI | PDI)
    }
}

/// The deepest embedding level (BD2).
pub const MAX_DEPTH: u8 = 125;
/// BD16's stack of bracket openers holds this many entries at most.
const BRACKET_STACK: usize = 63;

const fn lookup(cp: u32) -> BidiClass {
    let (mut lo, mut hi) = (0, BIDI_CLASS_RANGES.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        let (first, last, class) = BIDI_CLASS_RANGES[mid];
        if cp < first {
            hi = mid;
        } else if cp > last {
            lo = mid + 1;
        } else {
            return class;
        }
    }
    L
}

/// Code points below this are classified by a direct table: Latin, Greek,
/// Cyrillic, Hebrew, Arabic and Syriac, the scripts this library is about.
const DIRECT: usize = 0x900;

const fn direct_table() -> [BidiClass; DIRECT] {
    let mut table = [L; DIRECT];
    let mut cp = 0;
    while cp < DIRECT {
        table[cp] = lookup(cp as u32);
        cp += 1;
    }
    table
}

static DIRECT_TABLE: [BidiClass; DIRECT] = direct_table();

/// Arabic presentation forms (U+FB50..U+FEFF), what shaped text for display
/// is made of, get a direct table of their own.
const FORMS: std::ops::Range<usize> = 0xFB50..0xFF00;

const fn forms_table() -> [BidiClass; FORMS.end - FORMS.start] {
    let mut table = [L; FORMS.end - FORMS.start];
    let mut i = 0;
    while i < table.len() {
        table[i] = lookup((FORMS.start + i) as u32);
        i += 1;
    }
    table
}

static FORMS_TABLE: [BidiClass; FORMS.end - FORMS.start] = forms_table();

/// The Bidi_Class of `ch` at [`UNICODE_VERSION`], defaults for unassigned code
/// points included (AL in the Arabic blocks, R in the Hebrew ones, ...).
pub fn bidi_class(ch: char) -> BidiClass {
    let cp = ch as usize;
    if cp < DIRECT {
        DIRECT_TABLE[cp]
    } else if FORMS.contains(&cp) {
        FORMS_TABLE[cp - FORMS.start]
    } else {
        lookup(cp as u32)
    }
}

/// (Bidi_Paired_Bracket, opening?) of `ch`, if it is a paired bracket.
fn bracket(ch: char) -> Option<(u32, bool)> {
    let cp = ch as u32;
    BRACKETS
        .binary_search_by_key(&cp, |&(c, _, _)| c)
        .ok()
        .map(|k| (BRACKETS[k].1, BRACKETS[k].2))
}

/// BD16 matches brackets up to canonical equivalence: U+2329/U+232A are U+3008/U+3009.
fn canonical_bracket(cp: u32) -> u32 {
    match cp {
        0x2329 => 0x3008,
        0x232A => 0x3009,
        other => other,
    }
}

fn strong_level(class: BidiClass) -> Option<u8> {
    match class {
        L => Some(0),
        R | AL => Some(1),
        _ => None,
    }
}

/// P2: level of the first strong character in `classes[start..end]`,
/// skipping isolated content; None at a paragraph separator, or at an
/// unmatched PDI when `stop_at_pdi` (the end of an FSI's content).
fn first_strong(classes: &[BidiClass], start: usize, end: usize, stop_at_pdi: bool) -> Option<u8> {
    let mut depth = 0usize;
    for &c in &classes[start..end] {
        match c {
            LRI | RLI | FSI => depth += 1,
            PDI => {
                if depth > 0 {
                    depth -= 1;
                } else if stop_at_pdi {
                    return None;
                }
            }
            B => return None,
            _ if depth == 0 => {
                if let Some(level) = strong_level(c) {
                    return Some(level);
                }
            }
            _ => {}
        }
    }
    None
}

/// P2-P3 over a whole text: 1 if its first strong character (outside
/// isolates, before any paragraph separator) is right-to-left, 0 if
/// left-to-right, None if it has none.
pub fn first_strong_level(text: &[char]) -> Option<u8> {
    let classes: Vec<BidiClass> = text.iter().map(|&c| bidi_class(c)).collect();
    first_strong(&classes, 0, classes.len(), false)
}

/// BD9: for each isolate initiator, the index of its matching PDI.
fn matching_pdis(classes: &[BidiClass]) -> Vec<Option<usize>> {
    let mut stack = Vec::new();
    let mut matches = vec![None; classes.len()];
    for (i, &c) in classes.iter().enumerate() {
        if c.is_isolate_initiator() {
            stack.push(i);
        } else if c == PDI {
            if let Some(opener) = stack.pop() {
                matches[opener] = Some(i);
            }
        }
    }
    matches
}

struct Status {
    level: u8,
    /// The class an override forces (L or R), if any.
    overridden: Option<BidiClass>,
    isolate: bool,
}

/// X1-X8: explicit embedding levels, and the classes after overrides.
fn explicit(
    classes: &[BidiClass],
    para: u8,
    matches: &[Option<usize>],
) -> (Vec<u8>, Vec<BidiClass>) {
    let n = classes.len();
    let mut levels = vec![para; n];
    let mut types = classes.to_vec();
    let mut stack = vec![Status {
        level: para,
        overridden: None,
        isolate: false,
    }];
    let (mut overflow_isolates, mut overflow_embeddings, mut valid_isolates) = (0u32, 0u32, 0u32);
    let next_level = |level: u8, rtl: bool| {
        if rtl {
            (level + 1) | 1
        } else {
            (level + 2) & !1
        }
    };
    for (i, &c) in classes.iter().enumerate() {
        let top = stack.last().expect("the stack keeps its base entry");
        let (level, overridden) = (top.level, top.overridden);
        match c {
            RLE | LRE | RLO | LRO => {
                let new = next_level(level, matches!(c, RLE | RLO));
                levels[i] = level;
                if new <= MAX_DEPTH && overflow_isolates == 0 && overflow_embeddings == 0 {
                    stack.push(Status {
                        level: new,
                        overridden: match c {
                            RLO => Some(R),
                            LRO => Some(L),
                            _ => None,
                        },
                        isolate: false,
                    });
                } else if overflow_isolates == 0 {
                    overflow_embeddings += 1;
                }
            }
            LRI | RLI | FSI => {
                levels[i] = level;
                if let Some(o) = overridden {
                    types[i] = o;
                }
                let rtl = if c == FSI {
                    let end = matches[i].unwrap_or(n);
                    first_strong(classes, i + 1, end, true) == Some(1)
                } else {
                    c == RLI
                };
                let new = next_level(level, rtl);
                if new <= MAX_DEPTH && overflow_isolates == 0 && overflow_embeddings == 0 {
                    valid_isolates += 1;
                    stack.push(Status {
                        level: new,
                        overridden: None,
                        isolate: true,
                    });
                } else {
                    overflow_isolates += 1;
                }
            }
            PDI => {
                if overflow_isolates > 0 {
                    overflow_isolates -= 1;
                } else if valid_isolates > 0 {
                    overflow_embeddings = 0;
                    while !stack.last().is_some_and(|s| s.isolate) {
                        stack.pop();
                    }
                    stack.pop();
                    valid_isolates -= 1;
                }
                let top = stack.last().expect("the stack keeps its base entry");
                levels[i] = top.level;
                if let Some(o) = top.overridden {
                    types[i] = o;
                }
            }
            PDF => {
                levels[i] = level;
                if overflow_isolates > 0 {
                } else if overflow_embeddings > 0 {
                    overflow_embeddings -= 1;
                } else if !stack.last().is_some_and(|s| s.isolate) && stack.len() >= 2 {
                    stack.pop();
                }
            }
            B => levels[i] = para,
            _ => {
                levels[i] = level;
                if let Some(o) = overridden {
                    if c != BN {
                        types[i] = o;
                    }
                }
            }
        }
    }
    (levels, types)
}

/// BD13/X10: the isolating run sequences over the characters X9 keeps.
fn isolating_sequences(
    levels: &[u8],
    classes: &[BidiClass],
    matches: &[Option<usize>],
) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (i, &c) in classes.iter().enumerate() {
        if c.removed_by_x9() {
            continue;
        }
        match runs.last_mut() {
            Some(run) if levels[*run.last().expect("runs are not empty")] == levels[i] => {
                run.push(i)
            }
            _ => runs.push(vec![i]),
        }
    }
    let mut run_of_start = vec![None; classes.len()];
    for (r, run) in runs.iter().enumerate() {
        run_of_start[run[0]] = Some(r);
    }
    let mut matched_pdi = vec![false; classes.len()];
    for &m in matches.iter().flatten() {
        matched_pdi[m] = true;
    }
    let mut sequences = Vec::new();
    for run in &runs {
        if classes[run[0]] == PDI && matched_pdi[run[0]] {
            continue; // continues the sequence of its isolate initiator
        }
        let mut seq = run.clone();
        loop {
            let last = *seq.last().expect("sequences are not empty");
            if !classes[last].is_isolate_initiator() {
                break;
            }
            let Some(pdi) = matches[last] else { break };
            let Some(next) = run_of_start[pdi] else { break };
            seq.extend_from_slice(&runs[next]);
        }
        sequences.push(seq);
    }
    sequences
}

/// W1-W7 on the classes of one isolating run sequence, in place.
///
/// W1-W3 are one pass (W1 looks at the class before as W1 left it, W2 at
/// the last strong class as W1 left it, W3 changes only AL), and so are W6
/// and W7 (W6 makes ES, ET and CS into ON, which W7 never looks at).  W4,
/// W5 and W6-W7 only change ES, CS, ET and EN: a sequence holding none of
/// those after W1-W3 (an Arabic-only run, words and spaces) skips them.
fn resolve_weak(types: &mut [BidiClass], sos: BidiClass) {
    let n = types.len();
    let (mut prev, mut strong) = (sos, sos);
    let mut held = 0u32; // the classes present after W1-W3, one bit each
    for t in types.iter_mut() {
        // W1
        if *t == NSM {
            *t = if prev.is_isolate_initiator() || prev == PDI {
                ON
            } else {
                prev
            };
        }
        prev = *t;
        // W2, W3
        match *t {
            L | R => strong = *t,
            AL => {
                strong = AL;
                *t = R;
            }
            EN if strong == AL => *t = AN,
            _ => {}
        }
        held |= 1 << *t as u32;
    }
    let has = |class: BidiClass| held & (1 << class as u32) != 0;
    if has(ES) || has(CS) {
        for k in 1..n.saturating_sub(1) {
            // W4
            let t = types[k];
            if matches!(t, ES | CS) {
                let (before, after) = (types[k - 1], types[k + 1]);
                if (before == EN && after == EN) || (t == CS && before == AN && after == AN) {
                    types[k] = before;
                }
            }
        }
    }
    if has(ET) {
        let mut k = 0;
        while k < n {
            // W5
            if types[k] == ET {
                let mut j = k;
                while j < n && types[j] == ET {
                    j += 1;
                }
                if (k > 0 && types[k - 1] == EN) || (j < n && types[j] == EN) {
                    types[k..j].fill(EN);
                }
                k = j;
            } else {
                k += 1;
            }
        }
    }
    if has(ES) || has(CS) || has(ET) || has(EN) {
        let mut strong = sos;
        for t in types.iter_mut() {
            match *t {
                // W6
                ES | ET | CS => *t = ON,
                // W7
                L | R => strong = *t,
                EN if strong == L => *t = L,
                _ => {}
            }
        }
    }
}

/// N0/N1: the direction a resolved class counts as; EN and AN count as R.
fn strong_for_n(t: BidiClass) -> Option<BidiClass> {
    match t {
        L => Some(L),
        R | EN | AN => Some(R),
        _ => None,
    }
}

/// BD16: (opener, closer) positions within the sequence of the matched
/// bracket pairs, sorted by opener.  Brackets count only while of class ON.
fn bracket_pairs(text: &[char], seq: &[usize], types: &[BidiClass]) -> Vec<(usize, usize)> {
    let on = seq.iter().enumerate().filter(|&(k, _)| types[k] == ON);
    matched_brackets(text, on.map(|(k, &i)| (k, i))).0
}

/// BD16 over `items`, (position, index in `text`) of the characters of
/// class ON in order: the matched pairs' positions, sorted by opener, and
/// whether the stack filled up, where BD16 stops (the pairs found so far
/// are the pairs).
fn matched_brackets(
    text: &[char],
    items: impl Iterator<Item = (usize, usize)>,
) -> (Vec<(usize, usize)>, bool) {
    let mut stack: Vec<(u32, usize)> = Vec::new();
    let mut pairs = Vec::new();
    let mut full = false;
    for (k, i) in items {
        let Some((pair, opening)) = bracket(text[i]) else {
            continue;
        };
        if opening {
            if stack.len() == BRACKET_STACK {
                full = true;
                break;
            }
            stack.push((canonical_bracket(pair), k));
        } else {
            let me = canonical_bracket(text[i] as u32);
            if let Some(depth) = stack.iter().rposition(|&(cp, _)| cp == me) {
                pairs.push((stack[depth].1, k));
                stack.truncate(depth);
            }
        }
    }
    pairs.sort_unstable();
    (pairs, full)
}

/// N0: bracket pairs take the embedding direction, or their context's.
fn resolve_brackets(
    text: &[char],
    seq: &[usize],
    types: &mut [BidiClass],
    original: &[BidiClass],
    level: u8,
    sos: BidiClass,
) {
    let embedding = if level & 1 == 1 { R } else { L };
    for (open, close) in bracket_pairs(text, seq, types) {
        let mut found_opposite = false;
        let mut resolved = None;
        for &t in &types[open + 1..close] {
            match strong_for_n(t) {
                Some(s) if s == embedding => {
                    resolved = Some(embedding);
                    break;
                }
                Some(_) => found_opposite = true,
                None => {}
            }
        }
        if resolved.is_none() && found_opposite {
            let context = types[..open]
                .iter()
                .rev()
                .find_map(|&t| strong_for_n(t))
                .unwrap_or(sos);
            resolved = Some(context);
        }
        let Some(resolved) = resolved else { continue };
        for k in [open, close] {
            types[k] = resolved;
            let mut m = k + 1;
            while m < seq.len() && original[seq[m]] == NSM {
                types[m] = resolved;
                m += 1;
            }
        }
    }
}

/// N1-N2: runs of neutrals take their neighbours' direction or the embedding's.
fn resolve_neutral(types: &mut [BidiClass], level: u8, sos: BidiClass, eos: BidiClass) {
    let embedding = if level & 1 == 1 { R } else { L };
    let n = types.len();
    let mut k = 0;
    while k < n {
        if !types[k].is_neutral_or_isolate() {
            k += 1;
            continue;
        }
        let mut j = k;
        while j < n && types[j].is_neutral_or_isolate() {
            j += 1;
        }
        let before = if k > 0 {
            strong_for_n(types[k - 1])
        } else {
            Some(sos)
        };
        let after = if j < n {
            strong_for_n(types[j])
        } else {
            Some(eos)
        };
        let direction = match (before, after) {
            (Some(b), Some(a)) if a == b => b,
            _ => embedding,
        };
        types[k..j].fill(direction);
        k = j;
    }
}

/// The embedding level of every character of one paragraph, and the
/// paragraph level: rules P2-P3 (when `base_level` is None), X1-X10,
/// W1-W7, N0-N2 and I1-I2.  X9-removed characters take the level of the
/// character before them, or the paragraph's.
///
/// `base_level` must be at most [`MAX_DEPTH`].
pub fn paragraph_levels(text: &[char], base_level: Option<u8>) -> (Vec<u8>, u8) {
    let (classes, held) = classes_held(text);
    resolve_paragraph(text, &classes, held, base_level)
}

/// The classes of `text`'s characters, and the classes present (bit `c as
/// u32` for class `c`).
fn classes_held(text: &[char]) -> (Vec<BidiClass>, u32) {
    let mut held = 0u32;
    let classes = text
        .iter()
        .map(|&c| {
            let class = bidi_class(c);
            held |= 1 << class as u32;
            class
        })
        .collect();
    (classes, held)
}

/// The bits of `classes` in a set of classes as [`classes_held`] gives it.
const fn class_bits(classes: &[BidiClass]) -> u32 {
    let mut bits = 0;
    let mut k = 0;
    while k < classes.len() {
        bits |= 1 << classes[k] as u32;
        k += 1;
    }
    bits
}

/// The explicit formatting characters: embeddings, overrides, isolates.
const EXPLICIT: u32 = class_bits(&[RLE, LRE, RLO, LRO, PDF, LRI, RLI, FSI, PDI]);

/// The levels of a text that is one line, read as a paragraph at `base` (0
/// or 1): [`paragraph_levels`] then [`line_levels`], each character's class
/// looked up once for both.
pub fn line_levels_at(line: &[char], base: u8) -> Vec<u8> {
    let (classes, held) = classes_held(line);
    let (mut levels, para) = resolve_paragraph(line, &classes, held, Some(base));
    if held & class_bits(&[S, B]) == 0 {
        // Without separators L1 resets only the line's end.
        for (level, class) in levels.iter_mut().zip(&classes).rev() {
            if !(*class == WS
                || class.is_isolate_initiator()
                || *class == PDI
                || class.removed_by_x9())
            {
                break;
            }
            *level = para;
        }
    } else {
        reset_line_ends(classes.iter().copied(), &mut levels, para);
    }
    levels
}

/// [`paragraph_levels`] of a text whose characters have the classes `classes`.
/// `held`: the classes present, as [`classes_held`] gives them.
fn resolve_paragraph(
    text: &[char],
    classes: &[BidiClass],
    held: u32,
    base_level: Option<u8>,
) -> (Vec<u8>, u8) {
    let n = classes.len();
    let para = base_level.unwrap_or_else(|| first_strong(classes, 0, n, false).unwrap_or(0));
    if held & EXPLICIT == 0 {
        // Most text has no embeddings, overrides or isolates: rules X1-X8 then
        // leave every character at the paragraph level, and the characters X9
        // keeps form one isolating run sequence, with nothing kept before or
        // after it, so its sos and eos are the paragraph's direction.  (A
        // shortcut, for speed only.)
        let mut levels = vec![para; n];
        resolve_in_pieces(text, classes, held, para, &mut levels);
        if held & (1 << BN as u32) != 0 {
            fill_removed(classes, &mut levels, para);
        }
        return (levels, para);
    }
    let matches = matching_pdis(classes);
    let (mut levels, types) = explicit(classes, para, &matches);
    let sequences = isolating_sequences(&levels, classes, &matches);
    let explicit_levels = levels.clone(); // sos and eos look at these, not at levels I1-I2 raise
    for seq in sequences {
        let level = explicit_levels[seq[0]];
        let (first, last) = (seq[0], *seq.last().expect("sequences are not empty"));
        let prev_level = (0..first)
            .rev()
            .find(|&i| !classes[i].removed_by_x9())
            .map_or(para, |i| explicit_levels[i]);
        // An unmatched isolate initiator at the end also looks at the paragraph level.
        let next_level = if classes[last].is_isolate_initiator() {
            para
        } else {
            (last + 1..n)
                .find(|&i| !classes[i].removed_by_x9())
                .map_or(para, |i| explicit_levels[i])
        };
        let sos = direction(prev_level.max(level));
        let eos = direction(next_level.max(level));
        let mut seq_types: Vec<BidiClass> = seq.iter().map(|&i| types[i]).collect();
        resolve_sequence(
            text,
            classes,
            &seq,
            &mut seq_types,
            level,
            (sos, eos),
            &mut levels,
        );
    }
    fill_removed(classes, &mut levels, para);
    (levels, para)
}

/// [`resolve_sequence`] on the one isolating run sequence of a paragraph
/// without explicit formatting characters (its characters that X9 keeps, at
/// the paragraph level `level`, sos and eos the paragraph's direction), cut
/// into pieces at its characters of class L that no bracket pair encloses.
/// `held`: the classes present, as [`classes_held`] gives them.
///
/// Such a character stays L through W1-W7 and N0-N2 and gets the level an
/// L gets.  Every rule that looks past a neighbour looks for a strong class
/// (W2, W7, N0's context, N1) or for a class an L is not (W1 takes the
/// class before an NSM, W4 and W5 look for EN and AN): met in the middle of
/// the sequence, the L answers what a piece that starts or ends there reads
/// in an sos or eos of L.  N0 alone reaches further, from an opener to its
/// closer, and no cut falls inside a pair; the pairs are BD16's over the
/// whole sequence, unless its stack fills up, and such a sequence is
/// resolved whole.  Brackets are
/// all of class ON, which W1-W7 leave alone, so the pairs can be found
/// before the weak rules.  English text is mostly such letters: they are
/// passed over, and the rules run on the short pieces between words.
fn resolve_in_pieces(
    text: &[char],
    classes: &[BidiClass],
    held: u32,
    level: u8,
    levels: &mut [u8],
) {
    let sos = direction(level);
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    if held & (1 << ON as u32) != 0 {
        // BD16 over the whole sequence (X9 never removes a bracket).
        let on = classes.iter().enumerate().filter(|&(_, &c)| c == ON);
        let full;
        (pairs, full) = matched_brackets(text, on.map(|(i, _)| (i, i)));
        if full {
            let seq: Vec<usize> = (0..classes.len())
                .filter(|&i| !classes[i].removed_by_x9())
                .collect();
            let mut types: Vec<BidiClass> = seq.iter().map(|&i| classes[i]).collect();
            resolve_sequence(text, classes, &seq, &mut types, level, (sos, sos), levels);
            return;
        }
    }
    // The levels rules I1-I2 give an L and an R.
    let l_level = level + (level & 1);
    let r_level = level + (1 - (level & 1));
    // The piece being gathered: its characters' indexes and classes, and
    // the class of the cut before it (sos at the start of the sequence).
    let (mut seq, mut types): (Vec<usize>, Vec<BidiClass>) = (Vec::new(), Vec::new());
    let mut before = sos;
    let mut after_cut = false;
    let mut next_pair = 0;
    // The furthest closer of the pairs opened so far.
    let mut enclosed_to = 0;
    let n = classes.len();
    let mut i = 0;
    while i < n {
        let class = classes[i];
        if matches!(class, L | R | AL) {
            while next_pair < pairs.len() && pairs[next_pair].0 < i {
                enclosed_to = enclosed_to.max(pairs[next_pair].1);
                next_pair += 1;
            }
            if i >= enclosed_to {
                let (cut, cut_level) = if class == L {
                    (L, l_level)
                } else {
                    (R, r_level)
                };
                if !seq.is_empty() {
                    let start = strong_class(before);
                    if after_cut && types.iter().all(|&t| t == WS) {
                        // Spaces between two strong letters: N1 gives them
                        // the letters' direction, or the embedding's.
                        let spaces = match (start, cut) {
                            (L, L) => l_level,
                            (R, R) => r_level,
                            _ => level,
                        };
                        for &k in &seq {
                            levels[k] = spaces;
                        }
                    } else {
                        resolve_after(
                            text,
                            classes,
                            &seq,
                            &mut types,
                            level,
                            before,
                            (start, cut),
                            levels,
                        );
                    }
                    seq.clear();
                    types.clear();
                }
                // The letters of the same class that follow are cuts too (no
                // bracket among them opens a pair), and so are those after
                // spaces, which N1 gives the letters' direction: words of
                // one class and the spaces between them take one level.
                let mut end = i + 1;
                loop {
                    end += classes[end..]
                        .iter()
                        .position(|&c| c != class)
                        .unwrap_or(n - end);
                    let spaces = classes[end..]
                        .iter()
                        .position(|&c| c != WS)
                        .unwrap_or(n - end);
                    if spaces == 0 || end + spaces == n || classes[end + spaces] != class {
                        break;
                    }
                    end += spaces;
                }
                levels[i..end].fill(cut_level);
                before = class;
                after_cut = true;
                i = end;
                continue;
            }
        }
        if !class.removed_by_x9() {
            seq.push(i);
            types.push(class);
        }
        i += 1;
    }
    if !seq.is_empty() {
        resolve_after(
            text,
            classes,
            &seq,
            &mut types,
            level,
            before,
            (strong_class(before), sos),
            levels,
        );
    }
}

/// The strong direction a character of class `class` (L, R or AL) gives
/// the characters after it, as W3 leaves it: AL counts as R.
fn strong_class(class: BidiClass) -> BidiClass {
    if class == L {
        L
    } else {
        R
    }
}

/// The direction of a level: R when odd, L when even.
fn direction(level: u8) -> BidiClass {
    if level & 1 == 1 {
        R
    } else {
        L
    }
}

/// W1-W7, N0-N2 and I1-I2 on one isolating run sequence `seq` (indexes into
/// `text`) at embedding level `level`, whose classes after X1-X8 are
/// `types`: the levels I1-I2 raise are written into `levels`.
fn resolve_sequence(
    text: &[char],
    classes: &[BidiClass],
    seq: &[usize],
    types: &mut [BidiClass],
    level: u8,
    (sos, eos): (BidiClass, BidiClass),
    levels: &mut [u8],
) {
    resolve_after(text, classes, seq, types, level, sos, (sos, eos), levels);
}

/// [`resolve_sequence`] on a piece of a sequence that follows a character
/// of class `before` (L, R or AL; or sos at the start of the sequence):
/// W1-W3 see that class before the piece (an AL there makes numbers Arabic,
/// W2), the rules after them its direction, `sos`.
#[allow(clippy::too_many_arguments)]
fn resolve_after(
    text: &[char],
    classes: &[BidiClass],
    seq: &[usize],
    types: &mut [BidiClass],
    level: u8,
    before: BidiClass,
    (sos, eos): (BidiClass, BidiClass),
    levels: &mut [u8],
) {
    resolve_weak(types, before);
    resolve_brackets(text, seq, types, classes, level, sos);
    resolve_neutral(types, level, sos, eos);
    for (&i, &t) in seq.iter().zip(types.iter()) {
        // I1, I2
        if level & 1 == 1 {
            if matches!(t, L | EN | AN) {
                levels[i] = level + 1;
            }
        } else if t == R {
            levels[i] = level + 1;
        } else if matches!(t, AN | EN) {
            levels[i] = level + 2;
        }
    }
}

/// Give X9-removed characters the level of the character before them (or the paragraph's).
pub fn fill_removed(classes: &[BidiClass], levels: &mut [u8], para: u8) {
    let mut prev = para;
    for (level, class) in levels.iter_mut().zip(classes) {
        if class.removed_by_x9() {
            *level = prev;
        } else {
            prev = *level;
        }
    }
}

/// Rule L1 for one line: `levels` are the paragraph levels of the line's
/// characters `line`.  Segment and paragraph separators, and whitespace,
/// isolate controls and X9-removed characters before them or at the end of
/// the line go back to the paragraph level.
pub fn line_levels(line: &[char], levels: &[u8], para: u8) -> Vec<u8> {
    let mut out = levels.to_vec();
    reset_line_ends(line.iter().map(|&c| bidi_class(c)), &mut out, para);
    out
}

/// [`line_levels`] in place, given the classes of the line's characters.
fn reset_line_ends<I>(classes: I, levels: &mut [u8], para: u8)
where
    I: DoubleEndedIterator<Item = BidiClass> + ExactSizeIterator,
{
    let mut resetting = true; // the end of the line counts as a separator
    for (level, class) in levels.iter_mut().zip(classes).rev() {
        if matches!(class, S | B) {
            *level = para;
            resetting = true;
        } else if class == WS
            || class.is_isolate_initiator()
            || class == PDI
            || class.removed_by_x9()
        {
            if resetting {
                *level = para;
            }
        } else {
            resetting = false;
        }
    }
}

/// Rule L2: indexes of a line's characters in visual (left-to-right) order.
///
/// From the highest level down to the lowest odd one, every maximal run at
/// that level or above is reversed.  The runs at each level are unions of
/// the runs above it, so they can be read off the original levels.
pub fn reorder_line(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    if levels.is_empty() {
        return order;
    }
    // The highest level and the lowest odd one; a level repeated (a line is
    // mostly long runs of one level) is passed over eight at a time.
    let n = levels.len();
    let (mut highest, mut lowest_odd) = (0, u8::MAX);
    let mut i = 0;
    while i < n {
        let level = levels[i];
        highest = highest.max(level);
        if level & 1 == 1 {
            lowest_odd = lowest_odd.min(level);
        }
        i += 1;
        let same = u64::from_ne_bytes([level; 8]);
        while i + 8 <= n {
            let bytes: [u8; 8] = levels[i..i + 8].try_into().expect("eight levels");
            if u64::from_ne_bytes(bytes) != same {
                break;
            }
            i += 8;
        }
    }
    let lowest_odd = lowest_odd.min(highest + 1);
    // Every run reversed lies within a maximal run at the lowest odd level
    // or above: each of those is reordered by itself, and the characters
    // outside them (most of a left-to-right line) are passed over once.
    let mut i = 0;
    // A byte at or above the lowest odd level, eight at a time: levels stay
    // below 128, so adding 128 - lowest_odd sets a byte's high bit exactly
    // when it is that high, and never carries into the next byte.
    let raise = u64::from_ne_bytes([128 - lowest_odd.min(128); 8]);
    while i < n {
        if levels[i] < lowest_odd {
            i += 1;
            while highest < 128 && i + 8 <= n {
                let bytes: [u8; 8] = levels[i..i + 8].try_into().expect("eight levels");
                if (u64::from_ne_bytes(bytes) + raise) & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 8;
            }
            continue;
        }
        let start = i;
        let mut run_highest = lowest_odd;
        while i < n && levels[i] >= lowest_odd {
            run_highest = run_highest.max(levels[i]);
            i += 1;
        }
        reverse_runs(
            &levels[start..i],
            &mut order[start..i],
            lowest_odd,
            run_highest,
        );
    }
    order
}

/// L2 within one stretch of a line: from `highest` down to `lowest`, every
/// maximal run at that level or above reversed in `order`.
fn reverse_runs(levels: &[u8], order: &mut [usize], lowest: u8, highest: u8) {
    for level in (lowest..=highest).rev() {
        let mut i = 0;
        while i < levels.len() {
            if levels[i] < level {
                i += 1;
                continue;
            }
            let start = i;
            while i < levels.len() && levels[i] >= level {
                i += 1;
            }
            order[start..i].reverse();
        }
    }
}

/// Rule L3: in right-to-left runs, put combining marks back after their base.
///
/// Reversal leaves a letter's marks in front of it; a renderer that draws
/// left to right attaches a mark to the glyph before it, so each base and its
/// marks are swapped back.  `order` is a visual order of `line` and `levels`
/// the line's levels, both indexed like `line`.
pub fn keep_marks_after_base(line: &[char], order: &[usize], levels: &[u8]) -> Vec<usize> {
    let mut out = order.to_vec();
    let n = out.len();
    let is_mark = |i: usize| bidi_class(line[i]) == NSM;
    let mut k = 0;
    while k < n {
        if levels[out[k]] & 1 == 1 && is_mark(out[k]) {
            let mut j = k;
            while j + 1 < n && out[j + 1] + 1 == out[j] && is_mark(out[j + 1]) {
                j += 1;
            }
            if j + 1 < n && out[j + 1] + 1 == out[j] {
                out[k..j + 2].reverse(); // base first, then its marks
                k = j + 2;
                continue;
            }
            k = j + 1;
        } else {
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    #[test]
    fn classes_at_the_pinned_version() {
        assert_eq!(bidi_class('a'), L);
        assert_eq!(bidi_class('\u{0628}'), AL);
        assert_eq!(bidi_class('1'), EN);
        assert_eq!(bidi_class('\u{05FF}'), R); // unassigned, Hebrew block default
        assert_eq!(bidi_class('\u{FDD0}'), BN); // noncharacter
        assert_eq!(bidi_class('\u{1E900}'), R); // Adlam
        assert_eq!(UNICODE_VERSION, "15.0.0");
    }

    #[test]
    fn hand_worked_levels() {
        // Digits after Hebrew follow it (W7 finds R), the space between too.
        let text = chars("abc \u{5d0}\u{5d1} 12");
        assert_eq!(
            paragraph_levels(&text, None),
            (vec![0, 0, 0, 0, 1, 1, 1, 2, 2], 0)
        );
        // W2: European digits after an Arabic letter are Arabic numbers.
        assert_eq!(
            paragraph_levels(&chars("\u{628} 12"), Some(0)),
            (vec![1, 1, 2, 2], 0)
        );
        // N0: brackets holding the embedding direction take it.
        assert_eq!(
            paragraph_levels(&chars("a (\u{628})"), Some(1)),
            (vec![2, 1, 1, 1, 1], 1)
        );
        // X9: ZWNJ takes the level of the letter before it, or the paragraph's.
        assert_eq!(
            paragraph_levels(&chars("\u{200c}\u{628}"), Some(0)),
            (vec![0, 1], 0)
        );
    }

    #[test]
    fn reordering() {
        assert_eq!(
            reorder_line(&[0, 0, 1, 1, 2, 2, 1]),
            vec![0, 1, 6, 4, 5, 3, 2]
        );
        assert_eq!(reorder_line(&[]), Vec::<usize>::new());
        let line = chars("\u{5d0}\u{5b7}\u{5d1}");
        assert_eq!(
            keep_marks_after_base(&line, &[2, 1, 0], &[1, 1, 1]),
            vec![2, 0, 1]
        );
        assert_eq!(
            line_levels(&chars("a b \t"), &[1, 1, 1, 1, 1], 0),
            vec![1, 1, 1, 0, 0]
        );
    }

    /// The levels of a paragraph without explicit formatting characters as
    /// [`resolve_paragraph`] found them before [`resolve_in_pieces`]: its one
    /// isolating run sequence resolved whole.
    fn levels_resolved_whole(text: &[char], para: u8) -> Vec<u8> {
        let classes: Vec<BidiClass> = text.iter().map(|&c| bidi_class(c)).collect();
        let mut levels = vec![para; text.len()];
        let seq: Vec<usize> = (0..text.len())
            .filter(|&i| !classes[i].removed_by_x9())
            .collect();
        let mut types: Vec<BidiClass> = seq.iter().map(|&i| classes[i]).collect();
        if !seq.is_empty() {
            let sos = direction(para);
            resolve_sequence(
                text,
                &classes,
                &seq,
                &mut types,
                para,
                (sos, sos),
                &mut levels,
            );
        }
        fill_removed(&classes, &mut levels, para);
        levels
    }

    #[test]
    fn pieces_cut_at_letters_resolve_as_the_whole_sequence() {
        // Every class but the explicit ones, brackets nested, crossed and
        // unmatched, marks after letters and brackets, numbers after either
        // direction (Arabic letters, AL, make them Arabic numbers, Hebrew
        // ones, R, do not), and long Latin words between them.
        let pieces = [
            "The quick brown fox ",
            "jumps",
            "a",
            "Z",
            " ",
            "  ",
            "\t",
            "\u{2029}",
            "\u{0628}\u{0633}",
            "\u{05D0}",
            "\u{0301}",
            "\u{064E}",
            "\u{200C}",
            "\u{00AD}",
            "12",
            "\u{06F1}",
            "\u{0661}",
            "$",
            "%",
            "+",
            "-",
            ",",
            ".",
            ":",
            "/",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            "\u{2329}",
            "\u{3009}",
            "\u{201C}",
            "!",
            "\u{0660}",
            "\u{0628}1%",
            "\u{05D0}1,2",
            "\u{0628}\u{064E}\u{0651} ",
            "\u{FEB3}\u{FE8E}",
        ];
        let mut texts = crate::generated_texts(&pieces, 0x2545_F491_4F6C_DD1D, 24, 40_000);
        // Openers enough to fill BD16's stack, which then pairs nothing
        // more: the last pair, alone in its piece, is not one (N0 would
        // make its closer L, N1 makes it R).
        let mut many = chars("a");
        for _ in 0..BRACKET_STACK {
            many.extend(chars(" (x"));
        }
        many.extend(chars(" x(\u{0628}) \u{0628}"));
        texts.push(many);
        // More openers than the stack holds, each closed before the next:
        // the stack never fills, every pair is one.
        let mut closed = chars("a");
        for _ in 0..2 * BRACKET_STACK {
            closed.extend(chars(" (x)"));
        }
        closed.extend(chars(" x(\u{0628}) \u{0628}"));
        texts.push(closed);
        let mut pieced = 0;
        for text in &texts {
            let explicit_free = !text.iter().any(|&c| {
                matches!(
                    bidi_class(c),
                    RLE | LRE | RLO | LRO | PDF | LRI | RLI | FSI | PDI
                )
            });
            assert!(explicit_free);
            for para in [0, 1] {
                let (levels, _) = paragraph_levels(text, Some(para));
                assert_eq!(
                    levels,
                    levels_resolved_whole(text, para),
                    "{text:?} at {para}"
                );
                // And L1 over the line's end alone when it has no separator.
                let line = line_levels(text, &levels, para);
                assert_eq!(line_levels_at(text, para), line, "{text:?} at {para}");
                pieced += usize::from(text.iter().any(|&c| bidi_class(c) == L));
            }
        }
        assert!(pieced > 40_000);
    }

    /// [`reorder_line`] as it was: every level's runs looked for over the
    /// whole line (L2 itself is checked by `BidiCharacterTest.txt`; this
    /// checks the cutting of the line into stretches).
    fn reorder_line_over_whole(levels: &[u8]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..levels.len()).collect();
        let highest = levels.iter().copied().max().unwrap_or(0);
        let lowest_odd = levels
            .iter()
            .copied()
            .filter(|l| l & 1 == 1)
            .min()
            .unwrap_or(u8::MAX)
            .min(highest + 1);
        reverse_runs(levels, &mut order, lowest_odd, highest);
        order
    }

    #[test]
    fn reordering_stretch_by_stretch_is_reordering_the_line() {
        // Levels of generated lines at both paragraph levels, and runs of
        // made-up levels, low ones and up to the deepest (even lines without
        // an odd level).
        let pieces = ["ab ", "\u{0628}\u{0633} ", "12", " ", "(", "\u{05D0}", "x"];
        let mut all: Vec<Vec<u8>> = Vec::new();
        for text in crate::generated_texts(&pieces, 0x9E37_79B9_7F4A_7C15, 16, 3000) {
            for para in [0, 1] {
                all.push(line_levels_at(&text, para));
            }
        }
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..5000 {
            let mut levels = Vec::new();
            for _ in 0..(state % 9) {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let level = (state % 6) as u8 + if state & 64 == 0 { 0 } else { 121 };
                levels.extend(std::iter::repeat_n(level, (state >> 8) as usize % 12));
            }
            all.push(levels);
        }
        for levels in &all {
            assert_eq!(
                reorder_line(levels),
                reorder_line_over_whole(levels),
                "{levels:?}"
            );
        }
    }

    #[test]
    fn paired_brackets_are_all_of_class_on() {
        // What lets [`resolve_in_pieces`] pair them before the weak rules.
        for &(cp, pair, _) in BRACKETS {
            for c in [cp, pair] {
                let ch = char::from_u32(c).expect("a bracket is a character");
                assert_eq!(bidi_class(ch), ON, "{ch:?}");
            }
        }
    }

    #[test]
    fn first_strong_skips_isolates() {
        assert_eq!(first_strong_level(&chars("123 \u{633} abc")), Some(1));
        assert_eq!(
            first_strong_level(&chars("\u{2067}\u{633}\u{2069} hi")),
            Some(0)
        );
        assert_eq!(first_strong_level(&chars("123")), None);
    }
}
