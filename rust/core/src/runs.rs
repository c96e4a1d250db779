//! Script runs: the text cut into runs of one script, covering it exactly.
//!
//! The rules (the Python module `mixscript.text.runs` documents them for
//! callers, with examples):
//!
//! 1. A character plus the combining marks, ZWNJ and ZWJ after it form a
//!    cluster; a cluster is never split.
//! 2. A cluster whose base has a real script (`Latn`, `Arab`...) is strong.
//! 3. A Common or Inherited base whose Script_Extensions name specific
//!    scripts is resolved to the nearest strong neighbour (left first, then
//!    right) whose script is among them, else to Arabic if Arabic is among
//!    them, else to the first of them.
//! 4. The other neutral clusters between two strong runs of the same script
//!    join that run unless they hold a line break (no run crosses a line).
//!    Across a line break, the neutrals on a run's own line (but the spaces at
//!    the line's edges) join it; the text's edges count as line breaks.
//!    Between different scripts, opening brackets and quotes just before a
//!    run lean forward, other punctuation just after a run (up to a space)
//!    leans back, and what is left becomes neutral runs of kind space, number
//!    or punct.
//!
//! Why words are read whole: an Arabic or Latin word (letters with their
//! marks and joiners), and two such words joined by ASCII spaces, digits or
//! punctuation, is strong throughout, so one unit stands for all of it and
//! the per-cluster work is only done for the other characters.

use std::sync::OnceLock;

use crate::props::{
    general_category, is_arabic_script, is_space, listed_extensions, script_of, Gc,
};
use crate::steps::hits;

/// What a run holds: text of one script, or one kind of neutral.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Space,
    Number,
    Punct,
}

impl Kind {
    /// The name the Python API uses.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Space => "space",
            Kind::Number => "number",
            Kind::Punct => "punct",
        }
    }
}

/// `text[start..end]` (code point indexes), its ISO 15924 script (`Zyyy` for neutrals), its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub script: &'static str,
    pub kind: Kind,
}

/// What ends a line: the paragraph separators, VT, FF and U+2028 (`str.splitlines`).
pub fn is_line_break(ch: char) -> bool {
    // LF VT FF CR, FS GS RS, NEL, LS PS: comparisons without branches, so
    // that a scan for them is vectorised.
    let cp = ch as u32;
    (0x0A..=0x0D).contains(&cp) | (0x1C..=0x1E).contains(&cp) | (cp == 0x85) | (cp | 1 == 0x2029)
}

/// Whether `text` holds a line break: one pass without early exit (vectorised).
pub fn has_line_break(text: &[char]) -> bool {
    let mut found = 0u32;
    for &c in text {
        found |= u32::from(is_line_break(c));
    }
    found != 0
}

fn is_cluster_tail(ch: char) -> bool {
    ch == '\u{200C}' || ch == '\u{200D}' || general_category(ch).is_mark()
}

/// ASCII spaces, digits and punctuation: between two words of one script they
/// always join that script's run (rule 4) and have no Script_Extensions.
fn is_glue(ch: char) -> bool {
    matches!(ch, '\x20'..='\x40' | '\x5b'..='\x60' | '\x7b'..='\x7e')
}

fn is_neutral_script(sc: &str) -> bool {
    matches!(sc, "Zyyy" | "Zinh" | "Zzzz")
}

/// The kind of a neutral cluster, from its base character.
pub fn neutral_kind(ch: char) -> Kind {
    if is_space(ch)
        || matches!(
            ch,
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
        )
    {
        Kind::Space
    } else if general_category(ch) == Gc::Nd {
        Kind::Number
    } else {
        Kind::Punct
    }
}

fn is_opening(ch: char) -> bool {
    matches!(general_category(ch), Gc::Ps | Gc::Pi)
}

/// A neutral cluster's constraint: None for an unconstrained neutral, else the scripts it may take.
type Candidates = Option<&'static [&'static str]>;

/// Rule 3 for one base character: (strong script, candidates).
fn classify(ch: char) -> (Option<&'static str>, Candidates) {
    let sc = script_of(ch);
    if !is_neutral_script(sc) {
        return (Some(sc), None);
    }
    match listed_extensions(ch) {
        Some(ext) if !ext.iter().any(|s| is_neutral_script(s)) => (None, Some(ext)),
        _ => (None, None),
    }
}

/// Per unit: its span, its strong script (None for a neutral), its candidates.
type Units = (
    Vec<(usize, usize)>,
    Vec<Option<&'static str>>,
    Vec<Candidates>,
);

/// [`Class`]: Script Arabic.
const ARAB: u8 = 1;
/// [`Class`]: Script Latin.
const LATN: u8 = 2;
/// [`Class`]: a neutral that [`classify`] gives a script or candidates
/// (another script, or Script_Extensions naming specific scripts).
const CLASSIFIED: u8 = 3;
/// [`Class`]: the bits above that tell the character's kind (0: a plain neutral).
const KIND: u8 = 3;
/// [`Class`]: a cluster tail ([`is_cluster_tail`]).
const TAIL: u8 = 4;
/// [`Class`]: ASCII glue ([`is_glue`]).
const GLUE: u8 = 8;
/// [`Class`]: part of an Arabic word: Arabic, or a cluster tail.
const IN_ARAB_WORD: u8 = 16;
/// [`Class`]: part of a Latin word: Latin, or a cluster tail.
const IN_LATN_WORD: u8 = 32;

/// What [`units`] asks of one character, in one byte.
fn class_of(ch: char) -> u8 {
    let kind = match script_of(ch) {
        "Arab" => ARAB,
        "Latn" => LATN,
        _ if classify(ch) == (None, None) => 0,
        _ => CLASSIFIED,
    };
    let flag = |yes: bool, bit: u8| if yes { bit } else { 0 };
    let tail = is_cluster_tail(ch);
    kind | flag(tail, TAIL)
        | flag(is_glue(ch), GLUE)
        | flag(tail || kind == ARAB, IN_ARAB_WORD)
        | flag(tail || kind == LATN, IN_LATN_WORD)
}

/// The [`class_of`] every BMP character, built on first use: [`units`]
/// reads a text with one load a character instead of property searches.
struct Class(&'static [u8; 0x10000]);

impl Class {
    fn table() -> Class {
        static TABLE: OnceLock<Box<[u8; 0x10000]>> = OnceLock::new();
        Class(TABLE.get_or_init(|| {
            let mut table = Box::new([0u8; 0x10000]);
            for (cp, class) in (0u32..).zip(table.iter_mut()) {
                *class = char::from_u32(cp).map_or(0, class_of);
            }
            table
        }))
    }

    #[inline]
    fn of(&self, ch: char) -> u8 {
        let cp = ch as usize;
        if cp < 0x10000 {
            self.0[cp]
        } else {
            class_of(ch)
        }
    }
}

/// Units of the text: whole Arabic or Latin words at once (with the ASCII glue
/// between two words of one script when `glued`), every other cluster on its own.
fn units(text: &[char], glued: bool) -> Units {
    let n = text.len();
    let table = Class::table();
    let class = |i: usize| table.of(text[i]);
    // The end of the clusters of one script starting at `i` (a character of
    // that script): its characters, and the tails of their clusters.
    let word_end = |i: usize, kind: u8| {
        let part = if kind == ARAB {
            IN_ARAB_WORD
        } else {
            IN_LATN_WORD
        };
        text[i..]
            .iter()
            .position(|&c| table.of(c) & part == 0)
            .map_or(n, |k| i + k)
    };
    // Room for a unit every few characters, so that the vectors rarely grow.
    let room = n / 4 + 4;
    let mut spans = Vec::with_capacity(room);
    let mut scripts = Vec::with_capacity(room);
    let mut candidates = Vec::with_capacity(room);
    let mut i = 0;
    while i < n {
        let kind = class(i) & KIND;
        if kind == ARAB || kind == LATN {
            let mut end = word_end(i, kind);
            if glued {
                loop {
                    let mut g = end;
                    while g < n && class(g) & GLUE != 0 {
                        g += 1;
                    }
                    if g > end && g < n && class(g) & KIND == kind {
                        end = word_end(g, kind);
                    } else {
                        break;
                    }
                }
            }
            spans.push((i, end));
            scripts.push(Some(if kind == ARAB { "Arab" } else { "Latn" }));
            candidates.push(None);
            i = end;
        } else {
            let mut end = i + 1;
            while end < n && class(end) & TAIL != 0 {
                end += 1;
            }
            let (strong, cand) = if kind == 0 {
                (None, None)
            } else {
                classify(text[i])
            };
            spans.push((i, end));
            scripts.push(strong);
            candidates.push(cand);
            i = end;
        }
    }
    (spans, scripts, candidates)
}

/// Rule 3: give constrained neutrals (those with candidates) the script of
/// a compatible neighbour, in place: strong units keep theirs.
fn resolve_constrained(scripts: &mut [Option<&'static str>], candidates: &[Candidates]) {
    // The nearest strong unit on the left first, then on the right: a
    // strong unit has a script and no candidates.
    let mut last: Option<&'static str> = None;
    for (script, cand) in scripts.iter_mut().zip(candidates) {
        match cand {
            Some(cand) if last.is_some_and(|s| cand.contains(&s)) => *script = last,
            Some(_) => {}
            None if script.is_some() => last = *script,
            None => {}
        }
    }
    let mut next: Option<&'static str> = None;
    for (script, cand) in scripts.iter_mut().zip(candidates).rev() {
        match cand {
            Some(cand) if script.is_none() => {
                *script = if next.is_some_and(|s| cand.contains(&s)) {
                    next
                } else if cand.contains(&"Arab") {
                    Some("Arab")
                } else {
                    cand.first().copied()
                };
            }
            Some(_) => {}
            None if script.is_some() => next = *script,
            None => {}
        }
    }
}

/// Neutral clusters `lo..hi` as space, number and punct runs, pushed onto `runs`.
fn push_neutral_runs(
    text: &[char],
    clusters: &[(usize, usize)],
    lo: usize,
    hi: usize,
    runs: &mut Vec<Run>,
) {
    let first = runs.len();
    for k in lo..hi {
        let (s, e) = clusters[k];
        let mut kind = neutral_kind(text[s]);
        if kind == Kind::Punct
            && runs[first..].last().is_some_and(|r| r.kind == Kind::Number)
            && k + 1 < hi
            && neutral_kind(text[clusters[k + 1].0]) == Kind::Number
            && matches!(text[s], '.' | ',' | '\'' | '\u{066B}' | '\u{066C}')
        {
            // 1,5 or 12.000: a separator between digits stays in the number.
            kind = Kind::Number;
        }
        match runs[first..].last_mut() {
            Some(last) if last.kind == kind && last.end == s => last.end = e,
            _ => runs.push(Run {
                start: s,
                end: e,
                script: "Zyyy",
                kind,
            }),
        }
    }
}

fn extend_last(runs: &mut [Run], end: usize) {
    if let Some(last) = runs.last_mut() {
        last.end = end;
        last.kind = Kind::Text;
    }
}

/// Cut `text` into runs of one script, covering it exactly.
pub fn script_runs(text: &[char]) -> Vec<Run> {
    runs_of(text, true)
}

/// Characters that [`last_hit`] tests at once.
const BLOCK: usize = 16;

/// The index of the last character of `text` that `hit` holds for, where
/// `coarse` holds for every such character and can be tested without a
/// branch: the text is read from its end a block at a time, and only a
/// block where `coarse` holds is looked into.
pub(crate) fn last_hit(
    text: &[char],
    coarse: impl Fn(char) -> bool,
    hit: impl Fn(char) -> bool,
) -> Option<usize> {
    let in_block = |block: &[char], start: usize| {
        (0..block.len())
            .rev()
            .find(|&k| coarse(block[k]) && hit(block[k]))
            .map(|k| start + k)
    };
    let blocks = text.rchunks_exact(BLOCK);
    let head = blocks.remainder();
    for (n, block) in blocks.enumerate() {
        let block: &[char; BLOCK] = block.try_into().unwrap_or(&[' '; BLOCK]);
        let mut any = 0u8;
        for &c in block {
            any |= u8::from(coarse(c));
        }
        if any != 0 {
            let start = text.len() - (n + 1) * BLOCK;
            if let Some(i) = in_block(block, start) {
                return Some(i);
            }
        }
    }
    in_block(head, 0)
}

/// `(start, end)` of the Arabic runs of [`script_runs`]`(text)`, in order.
///
/// Only the stretch of `text` around its Arabic-script characters is cut
/// into runs.  Where two ASCII letters stand side by side, the text can be
/// cut between them without changing a run but the Latin one the cut goes
/// through: both halves meet there in a strong Latin cluster, so no
/// neutral lies across the cut, each half's neutrals find the same strong
/// neighbours, and neither half's edge has neutrals to treat as a line's
/// edge.  An Arabic run holds a character that is Arabic by Script or
/// Script_Extensions (none lies below U+0600), so cutting at the nearest
/// such pair before the first and after the last of them leaves every
/// Arabic run whole inside: a line of English quoting Arabic is cut into
/// runs only around its quotation.
pub fn arabic_runs(text: &[char]) -> Vec<(usize, usize)> {
    let Some((start, end)) = arabic_window(text) else {
        return Vec::new();
    };
    script_runs(&text[start..end])
        .into_iter()
        .filter(|run| run.script == "Arab")
        .map(|run| (start + run.start, start + run.end))
        .collect()
}

/// The stretch of `text` that [`arabic_runs`] cuts into runs: from the cut
/// between two ASCII letters nearest before its first Arabic-script
/// character (else its start) to the one nearest after its last (else its
/// end); None when it holds no Arabic-script character.
fn arabic_window(text: &[char]) -> Option<(usize, usize)> {
    let above = |c: char| c >= '\u{0600}';
    let first = hits(text, above).find(|&i| is_arabic_script(text[i]))?;
    let last = last_hit(text, above, is_arabic_script)?;
    let cut = |p: usize| text[p - 1].is_ascii_alphabetic() && text[p].is_ascii_alphabetic();
    let start = (1..first).rev().find(|&p| cut(p)).unwrap_or(0);
    let end = (last + 2..text.len())
        .find(|&p| cut(p))
        .unwrap_or(text.len());
    Some((start, end))
}

fn runs_of(text: &[char], glued: bool) -> Vec<Run> {
    let (clusters, mut scripts, candidates) = units(text, glued);
    resolve_constrained(&mut scripts, &candidates);
    let base = |i: usize| text[clusters[i].0];
    let mut runs: Vec<Run> = Vec::new();
    let n = clusters.len();
    let mut k = 0;
    let mut prev: Option<&'static str> = None;
    while k < n {
        if let Some(script) = scripts[k] {
            let s = clusters[k].0;
            while k < n && scripts[k] == Some(script) {
                k += 1;
            }
            let e = clusters[k - 1].1;
            match runs.last_mut() {
                Some(last) if last.script == script && last.end == s => last.end = e,
                _ => runs.push(Run {
                    start: s,
                    end: e,
                    script,
                    kind: Kind::Text,
                }),
            }
            prev = Some(script);
            continue;
        }
        let mut j = k;
        while j < n && scripts[j].is_none() {
            j += 1;
        }
        let next = if j < n { scripts[j] } else { None };
        let breaks: Vec<usize> = (k..j).filter(|&i| is_line_break(base(i))).collect();
        if prev.is_some() && prev == next && breaks.is_empty() {
            extend_last(&mut runs, clusters[j - 1].1);
            k = j;
            continue;
        }
        let (trail, first_open);
        if !breaks.is_empty() || k == 0 || j == n {
            // Across a line break (the text's edges are line edges too), what
            // stands on a run's own line (but the spaces at the line's edges) joins it.
            let mut t = breaks.first().copied().unwrap_or(j);
            if prev.is_some() {
                while t > k && neutral_kind(base(t - 1)) == Kind::Space {
                    t -= 1;
                }
            } else {
                t = k;
            }
            let mut f = breaks.last().map_or(k, |b| b + 1);
            if next.is_some() {
                while f < j && neutral_kind(base(f)) == Kind::Space {
                    f += 1;
                }
            } else {
                f = j;
            }
            (trail, first_open) = (t, f);
        } else {
            // Opening brackets and quotes right before the next run lean forward.
            let mut f = j;
            if next.is_some() {
                while f > k && is_opening(base(f - 1)) {
                    f -= 1;
                }
            }
            // Punctuation right after the previous run (up to a space) leans back.
            let mut t = k;
            if prev.is_some() {
                while t < f && neutral_kind(base(t)) != Kind::Space && !is_opening(base(t)) {
                    t += 1;
                }
            }
            (trail, first_open) = (t, f);
        }
        if trail > k {
            extend_last(&mut runs, clusters[trail - 1].1);
        }
        push_neutral_runs(text, &clusters, trail, first_open, &mut runs);
        match next {
            Some(script) if first_open < j => {
                // This run starts at the leaning neutrals and takes the strong clusters after them.
                let s0 = clusters[first_open].0;
                k = j;
                while k < n && scripts[k] == Some(script) {
                    k += 1;
                }
                runs.push(Run {
                    start: s0,
                    end: clusters[k - 1].1,
                    script,
                    kind: Kind::Text,
                });
                prev = Some(script);
            }
            _ => k = j,
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (piece, script, kind) of each run, worked out by hand from the rules above.
    fn cut(text: &str) -> Vec<(String, &'static str, &'static str)> {
        let chars: Vec<char> = text.chars().collect();
        script_runs(&chars)
            .into_iter()
            .map(|r| {
                (
                    chars[r.start..r.end].iter().collect(),
                    r.script,
                    r.kind.name(),
                )
            })
            .collect()
    }

    fn row(
        piece: &str,
        script: &'static str,
        kind: &'static str,
    ) -> (String, &'static str, &'static str) {
        (piece.to_string(), script, kind)
    }

    #[test]
    fn empty_text_has_no_runs() {
        assert!(cut("").is_empty());
    }

    #[test]
    fn brackets_fall_with_what_they_enclose() {
        assert_eq!(
            cut("Hi (سلام)!"),
            vec![
                row("Hi", "Latn", "text"),
                row(" ", "Zyyy", "space"),
                row("(سلام)!", "Arab", "text")
            ]
        );
        // The Arabic comma is Common with Script_Extensions Arab...: it takes
        // Arabic (not Latin, its left neighbour) and starts the Arabic run.
        assert_eq!(
            cut("(Vienna، ۱۴۰۰)"),
            vec![
                row("(Vienna", "Latn", "text"),
                row("، ۱۴۰۰)", "Arab", "text")
            ]
        );
    }

    #[test]
    fn neutrals_between_one_script_join_it() {
        assert_eq!(
            cut("see annex 2, ok"),
            vec![row("see annex 2, ok", "Latn", "text")]
        );
        // Harakat (Inherited) stay with their letter; a ZWNJ inside a word too.
        assert_eq!(
            cut("می\u{200C}خواهم كِتاب"),
            vec![row("می\u{200C}خواهم كِتاب", "Arab", "text")]
        );
    }

    #[test]
    fn no_run_crosses_a_line() {
        assert_eq!(
            cut("see annex 2).\nبعد"),
            vec![
                row("see annex 2).", "Latn", "text"),
                row("\n", "Zyyy", "space"),
                row("بعد", "Arab", "text")
            ]
        );
        assert_eq!(
            cut("abc \n def"),
            vec![
                row("abc", "Latn", "text"),
                row(" \n ", "Zyyy", "space"),
                row("def", "Latn", "text")
            ]
        );
    }

    #[test]
    fn text_edges_are_line_edges() {
        // Western digits are Common with no extensions: at the end of the text
        // they stay with the Arabic run on their line.
        assert_eq!(cut("ساعت 18"), vec![row("ساعت 18", "Arab", "text")]);
        assert_eq!(
            cut("  hi"),
            vec![row("  ", "Zyyy", "space"), row("hi", "Latn", "text")]
        );
        assert_eq!(
            cut("12.5 , !"),
            vec![
                row("12.5", "Zyyy", "number"),
                row(" ", "Zyyy", "space"),
                row(",", "Zyyy", "punct"),
                row(" ", "Zyyy", "space"),
                row("!", "Zyyy", "punct")
            ]
        );
    }

    #[test]
    fn between_scripts_punctuation_leans_back_and_openers_forward() {
        assert_eq!(
            cut("word. «کلمه»"),
            vec![
                row("word.", "Latn", "text"),
                row(" ", "Zyyy", "space"),
                row("«کلمه»", "Arab", "text")
            ]
        );
        assert_eq!(
            cut("abc - 1,5 کتاب"),
            vec![
                row("abc", "Latn", "text"),
                row(" ", "Zyyy", "space"),
                row("-", "Zyyy", "punct"),
                row(" ", "Zyyy", "space"),
                row("1,5", "Zyyy", "number"),
                row(" ", "Zyyy", "space"),
                row("کتاب", "Arab", "text"),
            ]
        );
    }

    #[test]
    fn other_scripts_and_marks() {
        // Greek is strong; a leading mark is a cluster of its own (Inherited,
        // no extensions), and at the text's edge it joins the run on its line.
        assert_eq!(cut("\u{0301}αβ"), vec![row("\u{0301}αβ", "Grek", "text")]);
        // A mark after a space is part of the space's cluster (rule 1).
        assert_eq!(
            cut(" \u{0301} αβ"),
            vec![
                row(" \u{0301} ", "Zyyy", "space"),
                row("αβ", "Grek", "text")
            ]
        );
        // Tatweel's extensions hold Arabic and several others: between Latin
        // letters (not among them) it resolves to Arabic.
        assert_eq!(
            cut("a\u{0640}b"),
            vec![
                row("a", "Latn", "text"),
                row("\u{0640}", "Arab", "text"),
                row("b", "Latn", "text")
            ]
        );
    }

    /// Texts of words, glue and neutrals from a fixed-seed generator (xorshift).
    /// `texts` as characters, then `count` generated texts.
    fn with_generated(texts: &[&str], count: usize) -> Vec<Vec<char>> {
        let mut out: Vec<Vec<char>> = texts.iter().map(|t| t.chars().collect()).collect();
        out.extend(generated_texts(count));
        out
    }

    fn generated_texts(count: usize) -> Vec<Vec<char>> {
        let pieces = [
            "abc", "Word", "کتاب", "سلام", "ِ", "\u{200C}", " ", "  ", "1", "۱۲", ",", ".", "-", "(",
            ")", "«", "»", "،", "\n", "\u{0640}", "αβ", "!", "'", "\u{A0}", "\u{2028}",
        ];
        crate::generated_texts(&pieces, 0x9E37_79B9_7F4A_7C15, 16, count)
    }

    #[test]
    fn glued_units_give_the_runs_of_one_unit_per_word() {
        // Taking ASCII glue between two words of one script into one unit is
        // for speed only: the rules must give the same runs without it.
        for text in generated_texts(20_000) {
            assert_eq!(runs_of(&text, true), runs_of(&text, false), "{text:?}");
        }
    }

    /// [`units`] as the rules read: a script and a cluster tail looked up
    /// for each character, a word's end found cluster by cluster.
    fn units_by_search(text: &[char], glued: bool) -> Units {
        let skip_cluster = |mut i: usize| {
            while i < text.len() && is_cluster_tail(text[i]) {
                i += 1;
            }
            i
        };
        let word_end = |mut i: usize, script: &str| {
            while i < text.len() && script_of(text[i]) == script {
                i = skip_cluster(i + 1);
            }
            i
        };
        let n = text.len();
        let (mut spans, mut scripts, mut candidates) = (Vec::new(), Vec::new(), Vec::new());
        let mut i = 0;
        while i < n {
            let sc = script_of(text[i]);
            if sc == "Arab" || sc == "Latn" {
                let mut end = word_end(i, sc);
                if glued {
                    loop {
                        let mut g = end;
                        while g < n && is_glue(text[g]) {
                            g += 1;
                        }
                        if g > end && g < n && script_of(text[g]) == sc {
                            end = word_end(g, sc);
                        } else {
                            break;
                        }
                    }
                }
                spans.push((i, end));
                scripts.push(Some(sc));
                candidates.push(None);
                i = end;
            } else {
                let end = skip_cluster(i + 1);
                let (strong, cand) = classify(text[i]);
                spans.push((i, end));
                scripts.push(strong);
                candidates.push(cand);
                i = end;
            }
        }
        (spans, scripts, candidates)
    }

    #[test]
    fn units_read_from_the_table_are_the_units_searched() {
        // Besides the generated texts: marks of the Arabic script (U+0610,
        // U+06D6) and of none (U+0301) after letters, glue and neutrals.
        let more = [
            "a\u{0301}b",
            "\u{0628}\u{0610}\u{06D6}x",
            "1\u{0610}",
            "ab 12 cd\u{0301}",
        ];
        let texts = with_generated(&more, 20_000);
        for text in texts {
            for glued in [true, false] {
                assert_eq!(
                    units(&text, glued),
                    units_by_search(&text, glued),
                    "{text:?}"
                );
            }
        }
    }

    #[test]
    fn constrained_neutrals_resolved_in_place_as_with_neighbour_lists() {
        // Rule 3 as it reads: the nearest strong script on each side listed
        // for every unit, then each constrained unit resolved from them.
        let by_lists = |scripts: &[Option<&'static str>], candidates: &[Candidates]| {
            let n = scripts.len();
            let strong = |i: usize| candidates[i].is_none().then_some(scripts[i]).flatten();
            let left: Vec<_> = (0..n).map(|i| (0..i).rev().find_map(strong)).collect();
            let right: Vec<_> = (0..n).map(|i| (i + 1..n).find_map(strong)).collect();
            (0..n)
                .map(|i| match candidates[i] {
                    None => scripts[i],
                    Some(cand) => [left[i], right[i]]
                        .into_iter()
                        .flatten()
                        .find(|s| cand.contains(s))
                        .or(cand.contains(&"Arab").then_some("Arab"))
                        .or(cand.first().copied()),
                })
                .collect::<Vec<_>>()
        };
        // Syriac (U+0710) is among the candidates of tatweel and the Arabic
        // comma, Latin is not: each of two in a row takes the Syriac before it.
        let more = [
            "a\u{0660}b",
            "\u{0628} \u{060C} a",
            "x\u{064B}y\u{0640}\u{0660}",
            "\u{0964}a",
            "\u{0710}\u{0640}\u{0640}a",
            "\u{0710}\u{060C}\u{060C}a",
        ];
        let texts = with_generated(&more, 20_000);
        let mut constrained = 0;
        for text in texts {
            let (_, mut scripts, candidates) = units(&text, true);
            let expected = by_lists(&scripts, &candidates);
            resolve_constrained(&mut scripts, &candidates);
            assert_eq!(scripts, expected, "{text:?}");
            constrained += candidates.iter().flatten().count();
        }
        assert!(constrained > 5_000, "{constrained}");
    }

    #[test]
    fn runs_cover_the_text_in_order() {
        let fixed = [
            "x",
            "\n",
            "a\u{0301}\u{0301} ب\r\n(c)",
            "۱۲ ABC ، def\u{2029}",
        ];
        let texts = with_generated(&fixed, 5_000);
        for chars in texts.into_iter().filter(|t: &Vec<char>| !t.is_empty()) {
            let runs = script_runs(&chars);
            assert_eq!(runs.first().map(|r| r.start), Some(0));
            assert_eq!(runs.last().map(|r| r.end), Some(chars.len()));
            assert!(runs
                .windows(2)
                .all(|w| w[0].end == w[1].start && w[0].start < w[0].end));
        }
    }

    #[test]
    fn no_character_below_u0600_is_arabic_by_script_or_extensions() {
        // What the window of `arabic_runs` rests on: every character that
        // can make a run Arabic (Script Arab, or Arab among its
        // Script_Extensions) lies at or above U+0600 and is found by
        // `is_arabic_script`.
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let arabic = script_of(ch) == "Arab"
                || listed_extensions(ch).is_some_and(|ext| ext.contains(&"Arab"));
            if arabic {
                assert!(ch >= '\u{0600}' && is_arabic_script(ch), "{ch:?}");
            }
        }
    }

    #[test]
    fn the_last_hit_is_the_last_index_the_test_holds_for() {
        // Every length around the blocks, the hit at every place or none.
        for n in 0..50 {
            for at in (0..n).map(Some).chain([None]) {
                let text: Vec<char> = (0..n)
                    .map(|i| if Some(i) == at { 'ب' } else { 'a' })
                    .collect();
                let expected = text.iter().rposition(|&c| c == 'ب');
                assert_eq!(last_hit(&text, |c| c >= '\u{0600}', |_| true), expected);
                // A coarse hit that the fine test turns down is passed over.
                let none = last_hit(&text, |c| c >= '\u{0600}', |_| false);
                assert_eq!(none, None);
            }
        }
    }

    #[test]
    fn arabic_runs_are_the_arabic_script_runs() {
        // Latin words long and short (the cuts), Arabic words, marks,
        // joiners, digits of both kinds, brackets and quotes, characters
        // with Script_Extensions (the Arabic comma, tatweel, fathatan, the
        // ornate parenthesis), the other Arabic blocks, presentation forms,
        // Syriac, Greek, accented Latin, line breaks: every rule of the runs.
        let pieces = [
            "the quick brown fox ",
            "Word",
            "a",
            "b ",
            "é",
            "’",
            "کتاب",
            "سلام",
            "می",
            "\u{064B}",
            "\u{0301}",
            "\u{200C}",
            " ",
            "  ",
            "1",
            "۱۲",
            "٣",
            ",",
            ".",
            "(",
            ")",
            "«",
            "»",
            "\"",
            "،",
            "\u{0640}",
            "\u{FD3E}",
            "\u{0750}",
            "\u{08A0}",
            "\u{FEFB}",
            "\u{0710}",
            "αβ",
            "\n",
            "\r\n",
            "\u{2028}",
            "\u{85}",
            "!",
        ];
        let texts = crate::generated_texts(&pieces, 0xA076_1D64_78BD_642F, 24, 30_000);
        let mut narrowed = 0;
        for text in &texts {
            let expected: Vec<(usize, usize)> = script_runs(text)
                .into_iter()
                .filter(|run| run.script == "Arab")
                .map(|run| (run.start, run.end))
                .collect();
            assert_eq!(arabic_runs(text), expected, "{text:?}");
            let window = arabic_window(text);
            narrowed += usize::from(window.is_some_and(|(s, e)| s > 0 || e < text.len()));
        }
        // The window left part of the text out often enough to be tried.
        assert!(narrowed > 5_000, "{narrowed}");
    }
}
