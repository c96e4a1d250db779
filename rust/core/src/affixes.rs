//! The `persian_affixes` step: Persian affixes typed with a space,
//! `می خواهم` -> `می‌خواهم`, `کتاب ها` -> `کتاب‌ها`.
//!
//! Persian writes the verbal prefixes `می`/`نمی`, the plural `ها` (and its
//! forms with `ی` and the pronoun endings) and the superlative `ترین` as part
//! of the word, separated by a ZERO WIDTH NON-JOINER so the letters do not
//! join.  Keyboards without an easy ZWNJ give a space instead, which splits
//! one word into two for every tokenizer and search index.
//!
//! The rules are deliberately narrow, because a wrong join is worse than a
//! missed one (the step is in `clean` only because its measured precision is
//! above 99.5 %; see `evaluation/persian_affixes.py`):
//!
//! * only a space between two Arabic-script words is ever replaced, so words
//!   that merely begin with the letters (`میز`, `میوه`, `میخ`) and every word
//!   already joined are never touched;
//! * `می`/`نمی` join the next word only when it ends the way Persian verb
//!   forms end (personal ending `م`, `ی`, `د`, `یم`, `ید`, `ند`, or a past
//!   stem in `د`/`ت`) or is `توان`; and never after `ماه` or a number, where
//!   `می` is the month of May;
//! * `ها`, `های`, `هایی`, `ترین` and the plural with a pronoun (`هایم` ...
//!   `هایشان`) join the word before when it is a content word of two letters
//!   or more, not a preposition or conjunction, and `ترین` never a plural
//!   (`مشاهدات ترین` is a transliterated name).  `تر` alone is left alone: it
//!   is also the adjective "wet";
//! * after a letter that does not join to the left (`ا د ذ ر ز ژ و`) the space
//!   is simply removed (`درها`): a ZWNJ there would separate nothing.
//!
//! Which runs are Persian is the language tagger's call, per Arabic-script
//! run of the line ([`RunTags`]); Latin text is never looked at.
//!
//! The rules were regular expressions in Python; each scan below is the
//! expression it replaced, matched the way `re.finditer(text, start, end)`
//! matches: the left context may look before `start`, nothing looks at or
//! past `end`, and a match rejected by a later test still consumes its text.

use crate::conventions::{arabic_block_span, arabic_lines, ArabicLine, Lang, RunTags};
use crate::props::{is_arabic_letter_or_mark, is_digit_char, is_space, joining_type};
use crate::runs::arabic_runs;
use crate::steps::{apply, Edit};

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';
const ZWNJ_STR: &str = "\u{200C}";

/// The tagger must name Persian with at least this confidence.  Short runs
/// (`بزرگ ترین` alone is 0.73) are less sure than sentences; Urdu, Arabic and
/// Pashto runs come out as themselves well above it.
pub const PERSIAN_CONFIDENCE: f64 = 0.6;

/// The verbal prefixes, longest first (`ن?می`).
const PREFIXES: [&str; 2] = ["نمی", "می"];

/// The suffixes in the order they are tried: each form before its own
/// beginnings, so a suffix is taken whole.
const SUFFIXES: [&str; 10] = [
    "هایشان",
    "هایتان",
    "هایمان",
    "هایش",
    "هایت",
    "هایم",
    "هایی",
    "های",
    "ها",
    "ترین",
];

/// The first letters of [`PREFIXES`] and of [`SUFFIXES`]: a place where
/// none of them stands is passed over before the patterns are tried there
/// (most words are followed by a space, few by a suffix).
const PREFIX_FIRSTS: [char; 2] = ['ن', 'م'];
const SUFFIX_FIRSTS: [char; 2] = ['ه', 'ت'];

/// The last letters of Persian verb forms: personal endings and past stems.
const VERB_ENDS: [char; 4] = ['م', 'د', 'ت', 'ی'];

/// Words that never take a plural or superlative suffix: prepositions,
/// conjunctions, pronouns and particles.
const FUNCTION_WORDS: &[&str] = &[
    "و",
    "از",
    "به",
    "با",
    "در",
    "بر",
    "که",
    "را",
    "تا",
    "یا",
    "اگر",
    "این",
    "آن",
    "هم",
    "نه",
    "چه",
    "چون",
    "برای",
    "بی",
    "پس",
    "پیش",
    "زیر",
    "روی",
    "من",
    "تو",
    "او",
    "ما",
    "شما",
    "ایشان",
    "آنان",
    "اینان",
    "وی",
    "خود",
    "همه",
    "هر",
    "هیچ",
    "چند",
    "نیز",
    "اما",
    "ولی",
    "باید",
    "است",
    "بود",
    "شد",
    "کرد",
    "می",
    "نمی",
    "ای",
    "یک",
    "دو",
    "سه",
];

/// A letter or mark of the Arabic blocks: what a word here is made of.
fn is_letter(ch: char) -> bool {
    is_arabic_letter_or_mark(ch)
}

/// Inside a word: a letter or mark, or a joiner.
fn in_word(ch: char) -> bool {
    is_letter(ch) || ch == ZWNJ || ch == ZWJ
}

/// Whether `text[i..end]` begins with `word`.
fn starts_with(text: &[char], i: usize, end: usize, word: &str) -> bool {
    let mut k = i;
    word.chars().all(|c| {
        let hit = k < end && text[k] == c;
        k += 1;
        hit
    })
}

/// The end of the letters from `i` (not past `end`).
fn letters_end(text: &[char], mut i: usize, end: usize) -> usize {
    while i < end && is_letter(text[i]) {
        i += 1;
    }
    i
}

/// The end of the spaces (U+0020) from `i` (not past `end`).
fn spaces_end(text: &[char], mut i: usize, end: usize) -> usize {
    while i < end && text[i] == ' ' {
        i += 1;
    }
    i
}

/// No word goes on before `i`.
fn edge_before(text: &[char], i: usize) -> bool {
    i == 0 || !in_word(text[i - 1])
}

/// No word goes on at `i` (the end of the searched stretch is the end of the text).
fn edge_after(text: &[char], i: usize, end: usize) -> bool {
    i >= end || !in_word(text[i])
}

/// The word without harakat (U+064B..U+065F, U+0670) and with Persian yeh
/// and kaf, as the word lists spell it.
fn bare(word: &[char]) -> Vec<char> {
    word.iter()
        .filter(|&&c| !(('\u{064B}'..='\u{065F}').contains(&c) || c == '\u{0670}'))
        .map(|&c| match c {
            '\u{064A}' | '\u{0649}' => '\u{06CC}',
            '\u{0643}' => '\u{06A9}',
            c => c,
        })
        .collect()
}

fn is_word(chars: &[char], word: &str) -> bool {
    chars.iter().copied().eq(word.chars())
}

fn ends_with(chars: &[char], word: &str) -> bool {
    let n = word.chars().count();
    chars.len() >= n && is_word(&chars[chars.len() - n..], word)
}

/// Whether the last letter of `word` joins the letter after it (Joining_Type
/// D), looking through transparent marks.
fn joins_left(word: &[char]) -> bool {
    for &ch in word.iter().rev() {
        let kind = joining_type(ch);
        if kind != 'T' {
            return kind == 'D';
        }
    }
    false
}

/// A prefix typed apart: `(start, spaces_start, spaces_end, word_end)`.
///
/// The pattern `(?<![L\u200c\u200d])(ن?می)( +)(?=(L+)(?![L\u200c\u200d]))`
/// at `i`: the prefix, its spaces, and a whole word after them (not followed
/// by a joiner), `L` being the letters and marks of the Arabic blocks.
fn prefix_at(text: &[char], i: usize, end: usize) -> Option<(usize, usize, usize)> {
    if !(i < end && PREFIX_FIRSTS.contains(&text[i]) && edge_before(text, i)) {
        return None;
    }
    let prefix = PREFIXES.iter().find(|p| starts_with(text, i, end, p))?;
    let spaces = i + prefix.chars().count();
    let word = spaces_end(text, spaces, end);
    let word_end = letters_end(text, word, end);
    (word > spaces && word_end > word && edge_after(text, word_end, end))
        .then_some((spaces, word, word_end))
}

/// The matches of `at` (a match at a position, or none) from `start` to
/// `end`, as `re.finditer` takes them: after a match the scan resumes where
/// it ends (`resume`), even when a later test rejects it; else one further.
fn finditer<M>(
    start: usize,
    end: usize,
    at: impl Fn(usize) -> Option<M>,
    resume: impl Fn(&M) -> usize,
) -> impl Iterator<Item = (usize, M)> {
    let mut i = start;
    std::iter::from_fn(move || {
        while i < end {
            let here = i;
            match at(here) {
                Some(m) => {
                    i = resume(&m);
                    return Some((here, m));
                }
                None => i += 1,
            }
        }
        None
    })
}

fn prefix_edits(text: &[char], start: usize, end: usize, out: &mut Vec<Edit>) {
    // The match ends after the spaces.
    let matches = finditer(start, end, |i| prefix_at(text, i, end), |m| m.1);
    for (at, (spaces, word, word_end)) in matches {
        let verb = bare(&text[word..word_end]);
        if verb.len() < 2 || is_word(&verb, "می") || is_word(&verb, "نمی") {
            continue;
        }
        if !(verb.last().is_some_and(|c| VERB_ENDS.contains(c)) || is_word(&verb, "توان")) {
            continue;
        }
        // The word before, in the twelve characters before the prefix
        // (cut there, as `text[max(0, at - 12):at].split()[-1]`).
        let window = &text[at.saturating_sub(12)..at];
        if let Some(before) = window.split(|&c| is_space(c)).rev().find(|w| !w.is_empty()) {
            if is_word(&bare(before), "ماه") || before.last().is_some_and(|&c| is_digit_char(c))
            {
                continue;
            }
        }
        out.push(Edit::new(spaces, word, ZWNJ_STR));
    }
}

/// A suffix typed apart: `(word_end, suffix_start, suffix)`.
///
/// The pattern `(?<![L\u200c\u200d])(L+(?:\u200cL+)*)( +)(SUFFIXES)(?![L\u200c\u200d])`
/// at `i`: a word (which may hold ZWNJs: `کتاب‌خانه ها`), its spaces and a
/// whole suffix.
fn suffix_at(text: &[char], i: usize, end: usize) -> Option<(usize, usize, &'static str)> {
    if !edge_before(text, i) {
        return None;
    }
    let mut word_end = letters_end(text, i, end);
    if word_end == i {
        return None;
    }
    while word_end + 1 < end && text[word_end] == ZWNJ && is_letter(text[word_end + 1]) {
        word_end = letters_end(text, word_end + 1, end);
    }
    let suffix = spaces_end(text, word_end, end);
    if suffix == word_end || !(suffix < end && SUFFIX_FIRSTS.contains(&text[suffix])) {
        return None;
    }
    SUFFIXES
        .iter()
        .find(|s| {
            starts_with(text, suffix, end, s) && edge_after(text, suffix + s.chars().count(), end)
        })
        .map(|s| (word_end, suffix, *s))
}

fn suffix_edits(text: &[char], start: usize, end: usize, out: &mut Vec<Edit>) {
    let resume = |m: &(usize, usize, &str)| m.1 + m.2.chars().count();
    let matches = finditer(start, end, |i| suffix_at(text, i, end), resume);
    for (word_start, (word_end, suffix, which)) in matches {
        let word = bare(&text[word_start..word_end]);
        if word.len() < 2 || FUNCTION_WORDS.iter().any(|w| is_word(&word, w)) {
            continue;
        }
        if which == "ترین" && (ends_with(&word, "ها") || ends_with(&word, "ات")) {
            continue; // a superlative follows an adjective, never a plural noun
        }
        let joiner = if joins_left(&text[word_start..word_end]) {
            ZWNJ_STR
        } else {
            ""
        };
        out.push(Edit::new(word_end, suffix, joiner));
    }
}

/// Edits joining the spaced affixes inside the Persian `spans` of `text`,
/// sorted; of two overlapping edits the first is kept.
pub fn affix_edits(text: &[char], spans: &[(usize, usize)]) -> Vec<Edit> {
    let mut edits = Vec::new();
    for &(start, end) in spans {
        prefix_edits(text, start, end, &mut edits);
        suffix_edits(text, start, end, &mut edits);
    }
    edits.sort_by(|a, b| (a.start, a.end, &a.text).cmp(&(b.start, b.end, &b.text)));
    let mut out: Vec<Edit> = Vec::with_capacity(edits.len());
    for e in edits {
        if out.last().is_none_or(|last| e.start >= last.end) {
            out.push(e);
        }
    }
    out
}

/// Whether `text` may hold work for the rules: a prefix or suffix beside a space.
///
/// Every suffix begins with `ها` or is `ترین`, so a suffix after a space is a
/// plain substring; a prefix needs `می`, spaces and a letter after them.
pub fn affix_candidate(text: &[char]) -> bool {
    arabic_block_span(text).is_some_and(|(lo, hi)| candidate_in(text, lo, hi))
}

/// [`affix_candidate`] of `text`, whose characters of the Arabic block lie
/// in `lo..hi`: every pair looked for ends on a letter of the block (a
/// space before ه or ت, م before ی), so only the pairs ending in `lo..hi`
/// are searched; what follows a pair is read from the whole text.
fn candidate_in(text: &[char], lo: usize, hi: usize) -> bool {
    const HA: [char; 2] = ['ه', 'ا'];
    const TARIN: [char; 4] = ['ت', 'ر', 'ی', 'ن'];
    let n = text.len();
    let from = lo.saturating_sub(1);
    // Only where a space comes before ه or ت, or م before ی, is anything
    // looked at (sixteen pairs at a time): lines of English have many
    // spaces, lines of Persian and Arabic many of these letters.
    let pair =
        |a: char, b: char| ((a == ' ') & ((b == 'ه') | (b == 'ت'))) | ((a == 'م') & (b == 'ی'));
    crate::steps::pair_hits(&text[from..hi], pair).any(|k| {
        let i = from + k;
        if text[i] == ' ' {
            text[i + 1..].starts_with(&HA) || text[i + 1..].starts_with(&TARIN)
        } else {
            let word = spaces_end(text, i + 2, n);
            word > i + 2 && word < n && is_letter(text[word])
        }
    })
}

/// Spans of `line` that the tagger names Persian, among the runs the rules would change.
///
/// Tagging is the expensive part, so runs with nothing to join are not tagged.
pub fn persian_spans<E>(
    line: &[char],
    tags: &mut impl RunTags<E>,
) -> Result<Vec<(usize, usize)>, E> {
    let mut spans = Vec::new();
    for (start, end) in arabic_runs(line) {
        if !affix_candidate(&line[start..end]) {
            continue;
        }
        if affix_edits(line, &[(start, end)]).is_empty() {
            continue; // nothing to join whatever the language: no need to ask the tagger
        }
        for t in tags(&line[start..end])? {
            if t.lang == Lang::Fa && t.text && t.confidence >= PERSIAN_CONFIDENCE {
                spans.push((start + t.start, start + t.end));
            }
        }
    }
    Ok(spans)
}

/// The edits of every round, in the offsets of the line (of `length`) they
/// began from, moved by `offset`.
///
/// A round's edits replace whole runs of spaces, each between two letters,
/// by a ZWNJ or nothing, so a later round only ever replaces spaces the line
/// already had: each edit maps back to the same span of the original line.
/// `source[k]` is the original offset of the current text's `k`-th
/// character (None for a ZWNJ put in by an earlier round).
fn space_edits(length: usize, rounds: &[Vec<Edit>], offset: usize) -> Vec<Edit> {
    let mut source: Vec<Option<usize>> = (0..length).map(Some).collect();
    let mut out = Vec::new();
    let original = |k: Option<usize>| k.expect("a round replaces only spaces of the line");
    for found in rounds {
        for e in found.iter().rev() {
            let start = original(source[e.start]);
            let last = original(source[e.end - 1]);
            out.push(Edit::new(offset + start, offset + last + 1, e.text.clone()));
            let new = e.text.chars().count();
            source.splice(e.start..e.end, std::iter::repeat_n(None, new));
        }
    }
    out.sort_by(|a, b| (a.start, a.end, &a.text).cmp(&(b.start, b.end, &b.text)));
    out
}

/// Edits of the `persian_affixes` step.
///
/// A line is judged again after its changes until nothing more changes (the
/// tagger's view of a run can change with its words), at most four times, so
/// the step is idempotent; a line that does not settle is left as it was.
pub fn persian_affixes<E>(text: &[char], tags: &mut impl RunTags<E>) -> Result<Vec<Edit>, E> {
    persian_affixes_in(text, arabic_lines(text), tags)
}

/// [`persian_affixes`] given the [`arabic_lines`] of `text` (found once by
/// a profile's run for `letters` and this step).
pub(crate) fn persian_affixes_in<E>(
    text: &[char],
    lines: impl IntoIterator<Item = ArabicLine>,
    tags: &mut impl RunTags<E>,
) -> Result<Vec<Edit>, E> {
    let mut edits = Vec::new();
    for ArabicLine { start, end, lo, hi } in lines {
        let (base, line) = (start, &text[start..end]);
        if !candidate_in(line, lo - base, hi - base) {
            continue;
        }
        // The line itself is read until a round changes it (most lines: none).
        let mut current: Option<Vec<char>> = None;
        let mut rounds: Vec<Vec<Edit>> = Vec::new();
        let mut settled = false;
        for _ in 0..4 {
            let now = current.as_deref().unwrap_or(line);
            let spans = persian_spans(now, tags)?;
            let found = affix_edits(now, &spans);
            if found.is_empty() {
                settled = true;
                break;
            }
            current = Some(apply(now, &found));
            rounds.push(found);
        }
        if settled && !rounds.is_empty() {
            edits.extend(space_edits(line.len(), &rounds, base));
        }
    }
    Ok(edits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conventions::Tag;
    use crate::test_chars as chars;

    const Z: &str = "\u{200C}";

    /// `(start, end, replacement)` of the edits for the whole of `text`.
    fn edits(text: &str) -> Vec<(usize, usize, String)> {
        let t = chars(text);
        tuples(affix_edits(&t, &[(0, t.len())]))
    }

    fn tuples(edits: Vec<Edit>) -> Vec<(usize, usize, String)> {
        edits
            .into_iter()
            .map(|e| (e.start, e.end, e.text.into_owned()))
            .collect()
    }

    fn z(start: usize, end: usize) -> (usize, usize, String) {
        (start, end, Z.to_string())
    }

    #[test]
    fn every_affix_begins_with_a_listed_first_letter() {
        let first = |w: &str| w.chars().next().unwrap();
        assert!(PREFIXES.iter().all(|p| PREFIX_FIRSTS.contains(&first(p))));
        assert!(SUFFIXES.iter().all(|s| SUFFIX_FIRSTS.contains(&first(s))));
        // And every listed letter begins one, so none is looked for in vain.
        assert!(PREFIX_FIRSTS
            .iter()
            .all(|&c| PREFIXES.iter().any(|p| first(p) == c)));
        assert!(SUFFIX_FIRSTS
            .iter()
            .all(|&c| SUFFIXES.iter().any(|s| first(s) == c)));
    }

    #[test]
    fn the_everyday_cases_are_joined() {
        // Offsets counted by hand: the space after the prefix or before the suffix.
        assert_eq!(edits("می خواهم"), vec![z(2, 3)]);
        assert_eq!(edits("نمی دانم"), vec![z(3, 4)]);
        assert_eq!(edits("نمی توان گفت"), vec![z(3, 4)]);
        assert_eq!(edits("کتاب ها"), vec![z(4, 5)]);
        assert_eq!(edits("بزرگ ترین"), vec![z(4, 5)]);
        assert_eq!(edits("کتاب هایشان را"), vec![z(4, 5)]);
        // Several spaces are one edit.
        assert_eq!(edits("درخت  های بلند"), vec![z(4, 6)]);
        // A word holding a ZWNJ takes its suffix the same way.
        assert_eq!(edits("کتاب\u{200C}خانه ها"), vec![z(9, 10)]);
        // Both in one sentence.
        assert_eq!(edits("کتاب ها و می روم"), vec![z(4, 5), z(12, 13)]);
    }

    #[test]
    fn after_a_letter_that_does_not_join_the_space_goes() {
        assert_eq!(edits("بندر ها"), vec![(4, 5, String::new())]);
        assert_eq!(edits("درها"), vec![]);
        // Through a mark: kasra after beh (dual-joining) and after reh (right-joining).
        assert_eq!(edits("کتابِ ها"), vec![z(5, 6)]);
        assert_eq!(edits("بندرِ ها"), vec![(5, 6, String::new())]);
    }

    #[test]
    fn nothing_else_is_touched() {
        for text in [
            "میز و میوه",
            "میخ",
            "می\u{200C}خواهم",
            "کتابها",
            "ماه می سال جدید",
            "ماه می خواهم", // ماه before: the month
            "۱۵ می روم",    // a number before
            "15 می روم",
            "\u{00B2} می روم", // superscript two is a digit
            "می ناب",          // no verb ending
            "می می",
            "به ها", // a preposition
            "چشم تر",
            "مشاهدات ترین", // ترین never after a plural
            "مي ها",        // a function word in Arabic yeh
            "AGV ها",
            "کتاب ها\u{200C}ی", // the suffix goes on behind a joiner
            "کتاب هاست",
        ] {
            assert_eq!(edits(text), vec![], "{text}");
        }
    }

    #[test]
    fn the_word_before_is_read_in_the_twelve_characters_before_the_prefix() {
        // A digit thirteen characters back is out of sight.
        assert_eq!(edits("5            می روم"), vec![z(15, 16)]);
        assert_eq!(edits("5           می روم"), vec![]);
        // A one-half is a number but not a digit.
        assert_eq!(edits("\u{00BD} می روم"), vec![z(4, 5)]);
    }

    #[test]
    fn spans_are_searched_as_the_patterns_were() {
        let t = chars("بمی خواهم");
        // The letter before the span still counts as being inside the word.
        assert!(affix_edits(&t, &[(1, t.len())]).is_empty());
        // The end of the span is the end of the text: هاست cut after ها.
        let t = chars("کتاب هاست");
        assert_eq!(tuples(affix_edits(&t, &[(0, 7)])), vec![z(4, 5)]);
        // A match rejected by a test still consumes its text: the first می
        // takes the second as its word, which then begins the next match.
        assert_eq!(edits("می می خواهم"), vec![z(5, 6)]);
    }

    #[test]
    fn candidates() {
        let candidate = |s: &str| affix_candidate(&chars(s));
        assert!(candidate("کتاب ها"));
        assert!(candidate("بزرگ   ترین"));
        assert!(candidate("می  خواهم"));
        assert!(!candidate("کتابها"));
        assert!(!candidate("می\u{200C}خواهم"));
        assert!(!candidate("ها کتاب"));
        assert!(!candidate("می 5"));
        assert!(!candidate("میز"));
        assert!(!candidate(""));
    }

    /// The plain scan the first-letter one replaced, as the oracle: every
    /// space and every م of the text looked at.
    fn every_space(text: &[char]) -> bool {
        let n = text.len();
        (0..n).any(|i| match text[i] {
            ' ' => {
                text[i + 1..].starts_with(&['ه', 'ا'])
                    || text[i + 1..].starts_with(&['ت', 'ر', 'ی', 'ن'])
            }
            'م' if text.get(i + 1) == Some(&'ی') => {
                let word = spaces_end(text, i + 2, n);
                word > i + 2 && word < n && is_letter(text[word])
            }
            _ => false,
        })
    }
    #[test]
    fn candidates_found_by_first_letters_are_those_found_at_every_space() {
        let pieces = [
            " ", "ه", "ا", "ها", "ت", "ترین", "تر", "م", "ی", "می", "ن", "ر", "a", "5", Z, "  ",
        ];
        let texts = crate::generated_texts(&pieces, 0x5EED_AF1C, 40, 20_000);
        let found = texts.iter().filter(|t| every_space(t)).count();
        assert!(found > 1000 && found < 19_000, "{found}");
        for text in &texts {
            assert_eq!(affix_candidate(text), every_space(text), "{text:?}");
        }
    }

    #[test]
    fn edits_of_later_rounds_map_back_to_the_line() {
        // Counted by hand on `ab  cd ef gh ij`: round one joins `ab  cd`
        // (2-4) with a ZWNJ and removes the space of `ef gh` (9-10), giving
        // `ab‌cd efgh ij`; round two's spaces at 5 and 10 of that text were
        // at 6 and 12 of the line.
        let round1 = vec![Edit::new(2, 4, Z), Edit::new(9, 10, "")];
        let round2 = vec![Edit::new(5, 6, Z), Edit::new(10, 11, Z)];
        let got = tuples(space_edits(15, &[round1, round2], 100));
        assert_eq!(
            got,
            vec![
                z(102, 104),
                z(106, 107),
                (109, 110, String::new()),
                z(112, 113)
            ]
        );
    }

    fn tag(start: usize, end: usize, lang: Lang, confidence: f64) -> Tag {
        Tag {
            start,
            end,
            arabic: true,
            text: true,
            lang,
            confidence,
        }
    }

    /// The step's edits with a tagger that names every run `lang` at `confidence`.
    fn step(text: &str, lang: Lang, confidence: f64) -> Vec<(usize, usize, String)> {
        let mut calls = 0;
        let mut tags = |run: &[char]| -> Result<Vec<Tag>, ()> {
            calls += 1;
            Ok(vec![tag(0, run.len(), lang, confidence)])
        };
        tuples(persian_affixes(&chars(text), &mut tags).unwrap())
    }

    #[test]
    fn only_runs_the_tagger_names_persian_clearly_enough() {
        assert_eq!(step("می خواهم", Lang::Fa, 0.7), vec![z(2, 3)]);
        assert_eq!(step("می خواهم", Lang::Fa, 0.6), vec![z(2, 3)]);
        assert_eq!(step("می خواهم", Lang::Fa, 0.59), vec![]);
        assert_eq!(step("می خواهم", Lang::Ur, 0.99), vec![]);
        // Lines are judged one by one, in the text's offsets; Latin is not a run.
        assert_eq!(
            step("I said: می روم\r\nکتاب ها", Lang::Fa, 0.9),
            vec![z(10, 11), z(20, 21)]
        );
    }

    #[test]
    fn runs_with_nothing_to_join_are_not_tagged() {
        let mut calls = 0;
        let mut tags = |run: &[char]| -> Result<Vec<Tag>, ()> {
            calls += 1;
            Ok(vec![tag(0, run.len(), Lang::Fa, 0.9)])
        };
        let text = chars("کتابها و میز\nها به ها");
        assert!(persian_affixes(&text, &mut tags).unwrap().is_empty());
        assert_eq!(calls, 0);
    }

    /// A tagger that names Persian one pair more of the run each time it is
    /// asked again: after `k` joins, the first `k + 1` pairs, up to the
    /// `k + 2`-th space (each joined pair has one space left, after it).
    fn revealing(run: &[char]) -> Result<Vec<Tag>, ()> {
        let joined = run.iter().filter(|&&c| c == '\u{200C}').count();
        let mut spaces = 0;
        let end = run
            .iter()
            .position(|&c| {
                spaces += usize::from(c == ' ');
                spaces == joined + 2
            })
            .unwrap_or(run.len());
        Ok(vec![tag(0, end, Lang::Fa, 0.9)])
    }

    #[test]
    fn a_line_that_settles_within_four_rounds_keeps_every_round() {
        // Three pairs: three rounds of one join each, the fourth finds none.
        let text = chars("کتاب ها کتاب ها کتاب ها");
        let got = tuples(persian_affixes(&text, &mut revealing).unwrap());
        assert_eq!(got, vec![z(4, 5), z(12, 13), z(20, 21)]);
    }

    #[test]
    fn a_line_that_does_not_settle_is_left_as_it_was() {
        // Four pairs: every one of the four rounds still joins one.
        let text = chars("کتاب ها کتاب ها کتاب ها کتاب ها");
        assert!(persian_affixes(&text, &mut revealing).unwrap().is_empty());
    }

    #[test]
    fn the_tagger_s_error_is_passed_on() {
        let mut failing = |_: &[char]| -> Result<Vec<Tag>, &str> { Err("no tagger") };
        assert_eq!(
            persian_affixes(&chars("می روم"), &mut failing),
            Err("no tagger")
        );
    }

    /// Lines of Latin text (long enough to fill the blocks the scans skip)
    /// quoting Persian and Arabic: the affixes and their first letters,
    /// words, marks, ZWNJ, digits, punctuation, other scripts.
    fn generated_lines(count: usize) -> Vec<Vec<char>> {
        let pieces = [
            "The committee said ",
            "word ",
            "é",
            "’",
            "x",
            " ",
            "  ",
            "ها",
            "های",
            "ترین",
            "تر",
            "می",
            "نمی",
            "م",
            "ی",
            "ه",
            "ت",
            "کتاب",
            "خواهم",
            "کتاب ها",
            "می روم",
            "بزرگ ترین",
            "ماه",
            "به",
            "بندر",
            "\u{0650}",
            Z,
            "5",
            "۱۵",
            "،",
            ".",
            "(",
            "\u{0750}",
            "\u{FEF3}",
            "αβ",
        ];
        crate::generated_texts(&pieces, 0x1B87_3593_CC9E_2D51, 40, count)
    }

    #[test]
    fn candidates_of_long_lines_are_those_found_at_every_space() {
        let mut found = 0;
        for text in generated_lines(20_000) {
            let expected = every_space(&text);
            found += usize::from(expected);
            assert_eq!(affix_candidate(&text), expected, "{text:?}");
        }
        assert!(found > 2_000 && found < 19_000, "{found}");
    }

    #[test]
    fn spans_are_asked_of_the_arabic_script_runs() {
        // `persian_spans` as it was, with the runs of the whole line.
        fn spans_of_every_run(
            line: &[char],
            tags: &mut impl RunTags<()>,
        ) -> Result<Vec<(usize, usize)>, ()> {
            let mut spans = Vec::new();
            for run in crate::runs::script_runs(line) {
                let (start, end) = (run.start, run.end);
                if run.script != "Arab" || !every_space(&line[start..end]) {
                    continue;
                }
                if affix_edits(line, &[(start, end)]).is_empty() {
                    continue;
                }
                for t in tags(&line[start..end])? {
                    if t.lang == Lang::Fa && t.text && t.confidence >= PERSIAN_CONFIDENCE {
                        spans.push((start + t.start, start + t.end));
                    }
                }
            }
            Ok(spans)
        }
        // A tagger that names the first half of a run Persian and records
        // the runs it was asked about.
        fn tagger(asked: &mut Vec<Vec<char>>) -> impl FnMut(&[char]) -> Result<Vec<Tag>, ()> + '_ {
            move |run: &[char]| {
                asked.push(run.to_vec());
                Ok(vec![tag(0, run.len().div_ceil(2), Lang::Fa, 0.9)])
            }
        }
        let mut with_spans = 0;
        for text in generated_lines(20_000) {
            let (mut asked, mut expected_asked) = (Vec::new(), Vec::new());
            let got = persian_spans(&text, &mut tagger(&mut asked)).unwrap();
            let expected = spans_of_every_run(&text, &mut tagger(&mut expected_asked)).unwrap();
            assert_eq!(got, expected, "{text:?}");
            assert_eq!(asked, expected_asked, "{text:?}");
            with_spans += usize::from(!expected.is_empty());
        }
        assert!(with_spans > 2_000, "{with_spans}");
    }
}
