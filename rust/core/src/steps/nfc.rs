//! Normalization Form C (UAX #15) at the tables' Unicode version, and the
//! `nfc` step, which edits the text chunk by chunk so offsets stay precise.
//!
//! Most characters of the texts this library sees are *safe starters*:
//! starters that are NFC on their own and never the second half of a
//! canonical composition (ASCII, Latin-1, Arabic letters and digits).  NFC
//! never changes anything across one, so the text is cut into *chunks*: a
//! run of other characters with the character just before it.  Only chunks
//! are normalised, each on its own; an edit replaces one chunk.

use std::sync::OnceLock;

use super::tables::COMPOSITIONS;
use super::ucd::{canonical_decomposition, combining_class};
use super::{finish, Edit};

// Hangul syllables compose and decompose by arithmetic (Unicode ch. 3.12).
const S_BASE: u32 = 0xAC00;
const L_BASE: u32 = 0x1100;
const V_BASE: u32 = 0x1161;
const T_BASE: u32 = 0x11A7;
const L_COUNT: u32 = 19;
const V_COUNT: u32 = 21;
const T_COUNT: u32 = 28;
const N_COUNT: u32 = V_COUNT * T_COUNT;
const S_COUNT: u32 = L_COUNT * N_COUNT;

/// Ranges of the safe starters (see the module documentation);
/// `safe_starters_never_change` checks each against the tables.
const SAFE_STARTERS: [(char, char); 7] = [
    ('\u{00}', '\u{7F}'),
    ('\u{A0}', '\u{FF}'),
    ('\u{0620}', '\u{064A}'),
    ('\u{0660}', '\u{066F}'),
    ('\u{0671}', '\u{06D3}'),
    ('\u{06D5}', '\u{06D5}'),
    ('\u{06EE}', '\u{06FF}'),
];

/// Whether NFC can change nothing before `ch` (nor `ch` itself).
pub fn is_safe_starter(ch: char) -> bool {
    // One comparison a range, joined without branches (see `super::hits`).
    let cp = ch as u32;
    SAFE_STARTERS.iter().fold(false, |safe, &(lo, hi)| {
        safe | (cp.wrapping_sub(lo as u32) <= hi as u32 - lo as u32)
    })
}

fn decompose_into(ch: char, out: &mut Vec<char>) {
    let cp = ch as u32;
    if (S_BASE..S_BASE + S_COUNT).contains(&cp) {
        let s = cp - S_BASE;
        out.push(char::from_u32(L_BASE + s / N_COUNT).unwrap_or(ch));
        out.push(char::from_u32(V_BASE + (s % N_COUNT) / T_COUNT).unwrap_or(ch));
        if s % T_COUNT != 0 {
            out.push(char::from_u32(T_BASE + s % T_COUNT).unwrap_or(ch));
        }
        return;
    }
    match canonical_decomposition(ch) {
        Some(parts) => {
            for &p in parts {
                decompose_into(char::from_u32(p).unwrap_or(ch), out);
            }
        }
        None => out.push(ch),
    }
}

/// Canonical decomposition followed by the canonical ordering of marks.
fn decompose(text: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len() + 4);
    for &ch in text {
        decompose_into(ch, &mut out);
    }
    order_marks(&mut out, |c| u16::from(combining_class(c)));
    out
}

/// The canonical ordering algorithm on `buf`: each run of characters of a
/// non-zero combining class (`class`) sorted by class, stably.  The class
/// is passed in so that a caller holding a faster table for the characters
/// it meets uses it.
fn order_marks(buf: &mut [char], class: impl Fn(char) -> u16) {
    let mut i = 0;
    while i < buf.len() {
        if class(buf[i]) == 0 {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < buf.len() && class(buf[j]) != 0 {
            j += 1;
        }
        buf[i..j].sort_by_key(|&c| class(c)); // stable
        i = j;
    }
}

/// The primary composite of `first` + `second`, if any.
fn pair(first: char, second: char) -> Option<char> {
    let (a, b) = (first as u32, second as u32);
    if (L_BASE..L_BASE + L_COUNT).contains(&a) && (V_BASE..V_BASE + V_COUNT).contains(&b) {
        let s = S_BASE + ((a - L_BASE) * V_COUNT + (b - V_BASE)) * T_COUNT;
        return char::from_u32(s);
    }
    if (S_BASE..S_BASE + S_COUNT).contains(&a)
        && (a - S_BASE) % T_COUNT == 0
        && b > T_BASE
        && b < T_BASE + T_COUNT
    {
        return char::from_u32(a + (b - T_BASE));
    }
    COMPOSITIONS
        .binary_search_by(|&(x, y, _)| (x, y).cmp(&(a, b)))
        .ok()
        .and_then(|i| char::from_u32(COMPOSITIONS[i].2))
}

/// Whether `ch` is the second character of a primary composite (Hangul
/// aside): what a starter that composition must leave alone is not.
#[cfg(test)]
pub(crate) fn is_second_of_a_composition(ch: char) -> bool {
    COMPOSITIONS
        .iter()
        .any(|&(_, second, _)| second == ch as u32)
}

/// Canonical composition of a decomposed, canonically ordered sequence.
fn compose(cps: &[char]) -> Vec<char> {
    let Some(&first) = cps.first() else {
        return Vec::new();
    };
    let mut result = vec![first];
    let mut starter = 0;
    // A first character that is not a starter can never take part in a composition.
    let mut last_class: u16 = if combining_class(first) == 0 { 0 } else { 256 };
    for &ch in &cps[1..] {
        let ccc = u16::from(combining_class(ch));
        if last_class < ccc || last_class == 0 {
            if let Some(composite) = pair(result[starter], ch) {
                result[starter] = composite;
                continue;
            }
        }
        if ccc == 0 {
            starter = result.len();
        }
        last_class = ccc;
        result.push(ch);
    }
    result
}

/// NFC of a short piece of text, by the book: decompose, order, compose.
fn nfc_of(text: &[char]) -> Vec<char> {
    compose(&decompose(text))
}

/// The chunks NFC may change, as `start..end` (see the module documentation).
///
/// A chunk is a character and the run of unsafe characters after it, or an
/// unsafe run with nothing before it in its line; chunks never cross a line
/// feed, so an edit stays within its line.
fn chunks(text: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    // One look at each character: a run of unsafe characters starts a
    // chunk at the character before it, unless a line starts with the run.
    let mut done = 0;
    super::hits_past_ascii(text, |c| !is_safe_starter(c)).filter_map(move |i| {
        if i < done {
            return None; // inside the run of the chunk before
        }
        // The character before a run starts its chunk, unless it is the
        // line feed that ends the line before (a safe starter: the run
        // before this one stopped at it or earlier).
        let start = if i > 0 && text[i - 1] != '\n' {
            i - 1
        } else {
            i
        };
        done = i + 1;
        while done < text.len() && !is_safe_starter(text[done]) {
            done += 1;
        }
        Some((start, done))
    })
}

/// `text` in Normalization Form C, at the tables' Unicode version.
pub fn nfc(text: &[char]) -> Vec<char> {
    let edits = nfc_edits(text);
    super::apply(text, &edits)
}

/// Whether [`nfc`] leaves `text` unchanged.
pub fn is_nfc(text: &[char]) -> bool {
    chunks(text).all(|(s, e)| nfc_of(&text[s..e]) == text[s..e])
}

/// [`props`]: the character has a canonical decomposition, or is Hangul
/// (whose compositions are arithmetic, left to [`nfc_of`]).
const DECOMPOSES: u16 = 1 << 8;
/// [`props`]: the character is the second of some primary composite.
const SECOND: u16 = 1 << 9;

/// What [`verdict`] asks of a character: its combining class (the low
/// eight bits), [`DECOMPOSES`] and [`SECOND`].  A table for the BMP, built
/// on first use from the same tables as the rest of the module; a character
/// above it counts as a possible second (a composition is then looked up).
fn props(ch: char) -> u16 {
    static BMP: OnceLock<Vec<u16>> = OnceLock::new();
    let table = BMP.get_or_init(|| {
        let mut table: Vec<u16> = (0..0x10000u32)
            .map(|cp| char::from_u32(cp).map_or(0, computed_props))
            .collect();
        for &(_, second, _) in COMPOSITIONS {
            if let Some(p) = table.get_mut(second as usize) {
                *p |= SECOND;
            }
        }
        table
    });
    match table.get(ch as usize) {
        Some(&p) => p,
        None => computed_props(ch) | SECOND,
    }
}

fn computed_props(ch: char) -> u16 {
    let cp = ch as u32;
    let hangul = (0x1100..=0x11FF).contains(&cp) || (S_BASE..S_BASE + S_COUNT).contains(&cp);
    let mut p = u16::from(combining_class(ch));
    if hangul || canonical_decomposition(ch).is_some() {
        p |= DECOMPOSES;
    }
    p
}

/// What [`verdict`] tells of a chunk without building anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    /// NFC leaves the chunk as it is.
    Settled,
    /// NFC only puts marks in canonical order ([`reordered`]).
    Reorder,
    /// Not sure: [`nfc_of`] decides.
    Unsure,
}

/// What NFC does to `chunk`, as far as it can be told without building
/// anything.  When no character decomposes and none composes with the
/// starter before it, blocked or not, decomposition leaves the chunk as it
/// is and composition finds nothing to join (sorting marks never changes
/// which starter a mark follows): NFC only orders the marks, and leaves
/// the chunk as it is when they are in order.  Most chunks of text with
/// harakat are a letter and its marks, in order or (shadda typed before
/// the vowel) not.
fn verdict(chunk: &[char]) -> Verdict {
    let Some(&first) = chunk.first() else {
        return Verdict::Settled;
    };
    let mut starter = first;
    let mut last_class = 0;
    let mut in_order = true;
    for (i, &ch) in chunk.iter().enumerate() {
        let p = props(ch);
        if p & DECOMPOSES != 0 {
            return Verdict::Unsure;
        }
        let ccc = p & 0xFF;
        if i > 0 {
            if p & SECOND != 0 && pair(starter, ch).is_some() {
                return Verdict::Unsure;
            }
            in_order &= ccc == 0 || ccc >= last_class;
            if ccc == 0 {
                starter = ch;
            }
        }
        last_class = ccc;
    }
    if in_order {
        Verdict::Settled
    } else {
        Verdict::Reorder
    }
}

/// `chunk` with its marks in canonical order: each run of characters of
/// a non-zero combining class sorted by class, stably (the canonical
/// ordering algorithm), written into `out`.
fn reordered(chunk: &[char], out: &mut Vec<char>) {
    out.clear();
    out.extend_from_slice(chunk);
    order_marks(out, |c| props(c) & 0xFF);
}

fn nfc_edits(text: &[char]) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut sorted = Vec::new();
    for (s, e) in chunks(text) {
        let chunk = &text[s..e];
        let new = match verdict(chunk) {
            Verdict::Settled => continue,
            Verdict::Reorder => {
                reordered(chunk, &mut sorted);
                &sorted[..]
            }
            Verdict::Unsure => {
                sorted = nfc_of(chunk);
                &sorted[..]
            }
        };
        if new != chunk {
            edits.push(Edit::new(s, e, new.iter().collect::<String>()));
        }
    }
    edits
}

/// The `nfc` step: one edit per chunk that NFC changes (`precise`), or one
/// edit over the whole text.
pub fn nfc_step(text: &[char], precise: bool) -> Vec<Edit> {
    finish(text, nfc_edits(text), precise)
}

#[cfg(test)]
mod tests {
    use super::super::tables::DECOMPOSITIONS;
    use super::*;

    use crate::test_chars as chars;

    fn nfc_str(s: &str) -> String {
        nfc(&chars(s)).into_iter().collect()
    }

    #[test]
    fn composes_by_hand() {
        // e + COMBINING ACUTE ACCENT is U+00E9; alef + hamza above is U+0623.
        assert_eq!(nfc_str("e\u{301}"), "\u{E9}");
        assert_eq!(nfc_str("\u{627}\u{654}"), "\u{623}");
        // Shadda (33) goes after kasra (32); sakta (220, Unicode 15.0) after both.
        assert_eq!(nfc_str("\u{628}\u{651}\u{650}"), "\u{628}\u{650}\u{651}");
        assert_eq!(
            nfc_str("\u{628}\u{10EFD}\u{650}"),
            "\u{628}\u{650}\u{10EFD}"
        );
        // Hangul: U+1100 U+1161 U+11A8 is the syllable U+AC01.
        assert_eq!(nfc_str("\u{1100}\u{1161}\u{11A8}"), "\u{AC01}");
        // U+0958 is excluded from composition: it stays decomposed.
        assert_eq!(nfc_str("\u{958}"), "\u{915}\u{93C}");
    }

    #[test]
    fn step_edits_one_chunk_each() {
        let text = chars("e\u{301} \u{627}\u{654}");
        assert_eq!(
            nfc_step(&text, true),
            vec![Edit::new(0, 2, "\u{E9}"), Edit::new(3, 5, "\u{623}")]
        );
        assert_eq!(
            nfc_step(&text, false),
            vec![Edit::new(0, 5, "\u{E9} \u{623}")]
        );
        assert!(nfc_step(&chars("caf\u{E9}"), true).is_empty());
        assert!(is_nfc(&chars("caf\u{E9}")) && !is_nfc(&text));
    }

    #[test]
    fn chunks_stop_at_line_feeds() {
        // The mark after the line feed is its own chunk: the line feed stays out.
        let chunks = |s: &str| chunks(&chars(s)).collect::<Vec<_>>();
        assert_eq!(chunks("a\n\u{345}\u{301}"), vec![(2, 4)]);
        assert_eq!(chunks("ab\u{301}c"), vec![(1, 3)]);
    }

    #[test]
    fn safe_starters_are_the_ranges_and_chunks_the_runs_between_them() {
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let listed = SAFE_STARTERS.iter().any(|&(lo, hi)| lo <= ch && ch <= hi);
            assert_eq!(is_safe_starter(ch), listed, "{ch:?}");
        }
        // The chunks as the module documentation states them, one look at
        // each character, on texts of safe starters, line feeds and others.
        let by_scan = |text: &[char]| {
            let mut out = Vec::new();
            let (mut line_start, mut i) = (0, 0);
            while i < text.len() {
                if text[i] == '\n' {
                    line_start = i + 1;
                } else if !is_safe_starter(text[i]) {
                    let start = if i > line_start { i - 1 } else { i };
                    let mut end = i + 1;
                    while end < text.len() && !is_safe_starter(text[end]) {
                        end += 1;
                    }
                    out.push((start, end));
                    i = end;
                    continue;
                }
                i += 1;
            }
            out
        };
        let pieces = [
            "a", "\n", "\u{301}", "\u{654}", "\u{628}", "e\u{301}", "\u{E9}", "\u{1100}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            let mut next = || {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as usize
            };
            let len = next() % 40;
            let text: Vec<char> = (0..len)
                .flat_map(|_| pieces[next() % pieces.len()].chars())
                .collect();
            assert_eq!(
                chunks(&text).collect::<Vec<_>>(),
                by_scan(&text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn verdicts_by_hand() {
        let verdict = |s: &str| verdict(&chars(s));
        // beh + fatha + shadda: shadda (33) after fatha (30) is in order and
        // neither composes with beh.
        assert_eq!(verdict("\u{628}\u{64E}\u{651}"), Verdict::Settled);
        // ... the other way round NFC only reorders them.
        assert_eq!(verdict("\u{628}\u{651}\u{64E}"), Verdict::Reorder);
        // alef + hamza above composes into U+0623; é precomposed decomposes.
        assert_eq!(verdict("\u{627}\u{654}"), Verdict::Unsure);
        assert_eq!(verdict("\u{E9}"), Verdict::Unsure);
        // Out of order and composing: the full algorithm.
        assert_eq!(verdict("\u{627}\u{651}\u{64E}\u{654}"), Verdict::Unsure);
        // A Hangul jamo is left to the full algorithm.
        assert_eq!(verdict("\u{1100}\u{1161}"), Verdict::Unsure);
    }

    #[test]
    fn verdicts_agree_with_nfc_by_the_book() {
        // Chunks of starters and marks of many classes, in and out of
        // order, with characters that decompose, compose or are Hangul, and
        // marks beyond the BMP: a settled chunk is its own NFC, a chunk to
        // reorder has its NFC in `reordered`, and the step's edits give
        // the text NFC makes of it whole.
        let pieces = [
            "a",
            "\u{628}",
            "\u{627}",
            "\u{64E}",
            "\u{650}",
            "\u{651}",
            "\u{652}",
            "\u{654}",
            "\u{655}",
            "\u{657}",
            "\u{670}",
            "\u{301}",
            "\u{316}",
            "\u{345}",
            "\u{E9}",
            "\u{623}",
            "\u{1100}",
            "\u{1161}",
            "\u{10EFD}",
            "\u{200C}",
            "\u{201C}",
            "\n",
        ];
        let mut reorders = 0;
        let mut sorted = Vec::new();
        for text in crate::generated_texts(&pieces, 0x5DEE_CE66_D1CE_4E5B, 12, 30_000) {
            for (s, e) in chunks(&text) {
                let chunk = &text[s..e];
                match verdict(chunk) {
                    Verdict::Settled => assert_eq!(nfc_of(chunk), chunk, "{chunk:?}"),
                    Verdict::Reorder => {
                        reordered(chunk, &mut sorted);
                        assert_eq!(nfc_of(chunk), sorted, "{chunk:?}");
                        assert_ne!(sorted, chunk, "{chunk:?}");
                        reorders += 1;
                    }
                    Verdict::Unsure => {}
                }
            }
            assert_eq!(nfc(&text), nfc_of(&text), "{text:?}");
        }
        assert!(reorders > 1000, "{reorders}");
    }

    #[test]
    fn safe_starters_never_change() {
        // Each is a starter, NFC on its own, and composes with nothing before it.
        let mut checked = 0;
        for &(lo, hi) in &SAFE_STARTERS {
            for ch in lo..=hi {
                assert_eq!(combining_class(ch), 0, "{ch:?}");
                assert_eq!(nfc_of(&[ch]), vec![ch], "{ch:?}");
                assert!(
                    !COMPOSITIONS
                        .iter()
                        .any(|&(_, second, _)| second == ch as u32),
                    "{ch:?}"
                );
                checked += 1;
            }
        }
        assert!(checked > 300);
        // À (U+00C0) is a safe starter with a decomposition: the composed form.
        assert!(DECOMPOSITIONS.iter().any(|&(cp, _)| cp == 0xC0));
    }
}
