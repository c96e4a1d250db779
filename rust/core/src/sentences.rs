//! Where the tagger may cut a run of text: its sentence ends (`mixscript.lang.tagger`).
//!
//! A sentence ends after a stop (`.`, `!`, `?`, `؟`, `۔`, `।`) and any closing
//! brackets and quotes right after it (General_Category Pe or Pf, `"` and
//! `'`), when space and then more text follow.  The space between two
//! sentences belongs to neither.  The tagger asks this of every run it tags,
//! so the runs of a text and their sentences come from one pass here
//! ([`tagged_runs`]) rather than one scan of a pattern per run.

use crate::props::{general_category, is_space, Gc};
use crate::runs::{script_runs, Kind, Run};

/// The characters that end a sentence.
fn is_stop(ch: char) -> bool {
    matches!(ch, '.' | '!' | '?' | '\u{61F}' | '\u{6D4}' | '\u{964}')
}

/// [`is_stop`] without a branch: a loop of it over a block of characters is
/// turned into vector instructions.
fn is_stop_flat(ch: char) -> bool {
    let c = ch as u32;
    (c == 0x2E) | (c == 0x21) | (c == 0x3F) | (c == 0x61F) | (c == 0x6D4) | (c == 0x964)
}

/// Characters [`next_stop`] tests at once.
const BLOCK: usize = 16;

/// The first stop of `text[from..end]` ([`is_stop`]), or `end`.  Most
/// characters are no stop: the text is read a block at a time, and only
/// the block that holds one is read one character at a time.
fn next_stop(text: &[char], from: usize, end: usize) -> usize {
    let mut at = from;
    while at + BLOCK <= end {
        let mut any = false;
        for &c in &text[at..at + BLOCK] {
            any |= is_stop_flat(c);
        }
        if any {
            break;
        }
        at += BLOCK;
    }
    (text[at..end].iter())
        .position(|&c| is_stop(c))
        .map_or(end, |k| at + k)
}

/// What may close a sentence after its stop: closing brackets and quotes.
fn is_closer(ch: char) -> bool {
    ch == '"' || ch == '\'' || matches!(general_category(ch), Gc::Pe | Gc::Pf)
}

/// The space that must follow a sentence's end for it to count: Python's
/// `str.isspace` but for the separators U+001C..U+001F, which pattern
/// engines (`regex`'s `\s`) do not count as space.
fn is_gap(ch: char) -> bool {
    is_space(ch) && !matches!(ch, '\u{1C}'..='\u{1F}')
}

/// Where the sentence whose stop is at `stop` ends (after its closers), if
/// it ends there: space, then something else, must follow before `end`.
fn sentence_end(text: &[char], stop: usize, end: usize) -> Option<usize> {
    let mut after = stop + 1;
    while after < end && is_closer(text[after]) {
        after += 1;
    }
    let mut next = after;
    while next < end && is_gap(text[next]) {
        next += 1;
    }
    (next > after && next < end).then_some(after)
}

/// The sentences of `text[start..end]` as spans of `text`, in order.
///
/// A stop just before `start` ends a sentence at `start` (an empty span)
/// when its closers and space reach into the span, as a stop inside it
/// would: the span was cut out of a longer text.  The space after a
/// sentence's end (Python's `str.isspace`) is skipped before the next one
/// starts.  One span, `(start, end)`, when no sentence ends inside.
pub fn sentences(text: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
    sentences_by(text, start, end, next_stop)
}

/// [`sentences`] with the stops found by `find` (the first stop of
/// `text[from..end]`, or `end`): [`next_stop`] there, one character at a
/// time in the test that checks it.
fn sentences_by(
    text: &[char],
    start: usize,
    end: usize,
    find: impl Fn(&[char], usize, usize) -> usize,
) -> Vec<(usize, usize)> {
    let end = end.min(text.len());
    let mut spans = Vec::new();
    let mut pos = start;
    let mut at = start.saturating_sub(1);
    while at < end {
        at = find(text, at, end);
        if at == end {
            break;
        }
        match sentence_end(text, at, end) {
            None => at += 1,
            Some(stop_end) => {
                spans.push((pos, stop_end));
                at = stop_end;
                let mut next = stop_end;
                while next < end && is_space(text[next]) {
                    next += 1;
                }
                pos = next;
            }
        }
    }
    spans.push((pos, end));
    spans
}

/// A script run of [`tagged_runs`] and, for a run of text cut into two or
/// more sentences, those sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaggedRun {
    pub run: Run,
    pub sentences: Option<Vec<(usize, usize)>>,
}

/// The script runs of the parts of `text` between `cuts` (sorted spans that
/// do not overlap, such as the formulas the tagger sets apart), each part cut
/// as [`script_runs`] cuts it alone, in the coordinates of `text`; each run of
/// text with its [`sentences`] when it has more than one.
pub fn tagged_runs(text: &[char], cuts: &[(usize, usize)]) -> Vec<TaggedRun> {
    let mut out = Vec::new();
    let mut pos = 0;
    let bounds = cuts.iter().copied().chain([(text.len(), text.len())]);
    for (cut_start, cut_end) in bounds {
        let part_end = cut_start.clamp(pos, text.len());
        for run in script_runs(&text[pos..part_end]) {
            let run = Run {
                start: run.start + pos,
                end: run.end + pos,
                ..run
            };
            let found = if run.kind == Kind::Text {
                Some(sentences(text, run.start, run.end)).filter(|s| s.len() > 1)
            } else {
                None
            };
            out.push(TaggedRun {
                run,
                sentences: found,
            });
        }
        pos = cut_end.clamp(part_end, text.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_chars as chars;

    /// [`sentences`] with its stops looked for one character at a time, as
    /// it was written before they were looked for a block at a time: the
    /// oracle of the test below.
    fn plain_sentences(text: &[char], start: usize, end: usize) -> Vec<(usize, usize)> {
        sentences_by(text, start, end, |text, from, end| {
            (from..end).find(|&at| is_stop(text[at])).unwrap_or(end)
        })
    }

    #[test]
    fn stops_found_a_block_at_a_time_cut_as_one_at_a_time() {
        let pieces = [
            "a", "word ", "کتاب", " ", "  ", "\n", ".", "!", "?", "\u{61F}", "\u{6D4}", "\u{964}",
            ")", "\"", "'", "»", "\u{1C}", "\u{2029}", "x.y", "1.5", "؟ ", ". ",
        ];
        let mut cut = 0;
        for (k, text) in crate::generated_texts(&pieces, 0x5E47_E7CE, 40, 4000)
            .into_iter()
            .enumerate()
        {
            for c in text.iter() {
                assert_eq!(is_stop_flat(*c), is_stop(*c));
            }
            let n = text.len();
            // The whole text, and a span cut out of it (a stop may lie just before).
            let (s, e) = (k % 7, n.saturating_sub(k % 5));
            for (start, end) in [(0, n), (s.min(e), e), (s.min(n), n + 3)] {
                let got = sentences(&text, start, end);
                assert_eq!(
                    got,
                    plain_sentences(&text, start, end),
                    "{text:?} {start} {end}"
                );
                cut += got.len() - 1;
            }
        }
        assert!(cut > 4000, "{cut}");
    }

    #[test]
    fn sentences_end_after_stops_and_closers_followed_by_space_and_text() {
        // "One. Two! Three?) Four.five": the ends are after "One." (4),
        // "Two!" (9) and "Three?)" (17); "Four.five" has no space after the stop.
        let text = chars("One. Two! Three?) Four.five");
        assert_eq!(
            sentences(&text, 0, text.len()),
            vec![(0, 4), (5, 9), (10, 17), (18, 27)]
        );
        // The stop at 3, just before the span, ends a sentence at its start.
        assert_eq!(sentences(&text, 4, 12), vec![(4, 4), (5, 9), (10, 12)]);
        assert_eq!(sentences(&text, 5, 8), vec![(5, 8)]);
    }

    #[test]
    fn a_stop_at_the_end_or_before_only_space_ends_nothing() {
        let text = chars("Hi.  ");
        assert_eq!(sentences(&text, 0, 5), vec![(0, 5)]);
        let text = chars("Hi. there");
        // The span stops before the text after the space: nothing follows.
        assert_eq!(sentences(&text, 0, 4), vec![(0, 4)]);
        assert_eq!(sentences(&text, 0, 5), vec![(0, 3), (4, 5)]);
    }

    #[test]
    fn arabic_script_stops_and_quotes_close_sentences() {
        // "قال: «نعم؟» ثم": the question mark U+061F at 9, the closing
        // guillemet U+00BB (Pf) at 10, the space at 11, then text at 12.
        let text = chars("قال: «نعم؟» ثم");
        assert_eq!((text[9], text[10]), ('\u{61F}', '\u{BB}'));
        assert_eq!(sentences(&text, 0, text.len()), vec![(0, 11), (12, 14)]);
        // The Urdu full stop and the danda count as stops.
        let text = chars("ہے۔ وہ");
        assert_eq!(sentences(&text, 0, text.len()), vec![(0, 3), (4, 6)]);
        let text = chars("है। वह");
        assert_eq!(sentences(&text, 0, text.len()), vec![(0, 3), (4, 6)]);
    }

    #[test]
    fn the_information_separators_are_no_gap_but_are_skipped_as_space() {
        // U+001F after the stop: no sentence end (pattern engines' \s lacks it).
        let text = chars("a.\u{1F}b");
        assert_eq!(sentences(&text, 0, 4), vec![(0, 4)]);
        // After a real gap, U+001C is skipped as str.isspace skips it.
        let text = chars("a. \u{1C}b");
        assert_eq!(sentences(&text, 0, 5), vec![(0, 2), (4, 5)]);
    }

    #[test]
    fn runs_between_cuts_are_in_the_texts_coordinates() {
        // "ab ﷽ cd. ef": the cut (3, 4) holds the basmala ligature.
        let text = chars("ab \u{FDFD} cd. ef");
        let runs = tagged_runs(&text, &[(3, 4)]);
        let spans: Vec<(usize, usize, &str)> = runs
            .iter()
            .map(|r| (r.run.start, r.run.end, r.run.script))
            .collect();
        assert_eq!(
            spans,
            vec![
                (0, 2, "Latn"),
                (2, 3, "Zyyy"),
                (4, 5, "Zyyy"),
                (5, 11, "Latn")
            ]
        );
        // "cd. ef" is two sentences: "cd." (5..8) and "ef" (9..11).
        assert_eq!(runs[3].sentences, Some(vec![(5, 8), (9, 11)]));
        assert_eq!(runs[0].sentences, None);
        assert_eq!(runs[1].sentences, None);
    }

    #[test]
    fn no_cuts_give_the_script_runs_of_the_whole_text() {
        let text = chars("سلام hello");
        let runs = tagged_runs(&text, &[]);
        assert_eq!(
            runs.iter().map(|r| r.run).collect::<Vec<_>>(),
            script_runs(&text)
        );
        assert_eq!(tagged_runs(&[], &[]), vec![]);
    }
}
