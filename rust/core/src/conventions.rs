//! Where the `letters` step must look: the Arabic-script runs whose yeh and
//! kaf some language's convention could change.
//!
//! Tagging a run's language costs far more than reading its letters, and most
//! lines need none: plain Arabic (Arabic yeh/kaf, no sign of Persian or Urdu)
//! and plain Persian or Urdu (Persian yeh/kaf, no sign of Arabic) are left as
//! they are, and only the rest is tagged.  A wrong "nothing to do" only leaves
//! a letter as it was typed; it never writes a wrong one.  Every line of
//! every text passes through these scans, which is why they are compiled.

use std::sync::OnceLock;

use crate::props::{general_category, is_word_letter, script_of};
use crate::runs::{is_line_break, script_runs};

const PERSIAN_YEH: char = '\u{06CC}';
const KEHEH: char = '\u{06A9}';
const ARABIC_YEH: char = '\u{064A}';
const ALEF_MAKSURA: char = '\u{0649}';
const ARABIC_KAF: char = '\u{0643}';

/// Letters Arabic does not write (Persian and Urdu پ چ ژ گ ٹ ڈ ڑ ں ے ہ ھ ۀ, Kurdish ە).
const NOT_ARABIC_LETTERS: &[char] = &[
    '\u{067E}', '\u{0686}', '\u{0698}', '\u{06AF}', '\u{0679}', '\u{0688}', '\u{0691}', '\u{06BA}',
    '\u{06D2}', '\u{06C1}', '\u{06BE}', '\u{06C0}', '\u{06D5}',
];

/// Persian and Urdu function words, as typed on either keyboard: است، را،
/// این، می، که، های، برای (with Arabic or Persian yeh and kaf).
const NOT_ARABIC_WORDS: &[&str] = &[
    "است", "را", "اين", "این", "مي", "می", "كه", "که", "هاي", "های", "براي", "برای",
];

/// Signs of Arabic in text typed with Persian yeh/kaf: teh marbuta and hamza on alef.
const ARABIC_SIGN_LETTERS: &[char] = &['\u{0629}', '\u{0623}', '\u{0625}'];

/// Whether `text` holds Persian yeh/kaf (ی ک), and whether Arabic ones (ي ى ك).
pub fn yeh_kaf(text: &[char]) -> (bool, bool) {
    let persian = text.iter().any(|&c| c == PERSIAN_YEH || c == KEHEH);
    let arabic = text
        .iter()
        .any(|&c| c == ARABIC_YEH || c == ARABIC_KAF || c == ALEF_MAKSURA);
    (persian, arabic)
}

/// Whether `word` stands at `i` as a whole word: no letter just before or after it.
///
/// A letter here is a word character that is neither a digit nor `_` (the
/// `re` class `[^\W\d_]`), so `است` inside `استفاده` does not count.
fn whole_word_at(text: &[char], i: usize, word: &[char]) -> bool {
    let end = i + word.len();
    end <= text.len()
        && text[i..end] == *word
        && (i == 0 || !is_word_letter(text[i - 1]))
        && (end == text.len() || !is_word_letter(text[end]))
}

/// Evidence that text with Arabic yeh/kaf may not be Arabic: a letter Arabic
/// does not write, or a Persian or Urdu function word typed on an Arabic keyboard.
pub fn not_only_arabic(text: &[char]) -> bool {
    static WORDS: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        NOT_ARABIC_WORDS
            .iter()
            .map(|w| w.chars().collect())
            .collect()
    });
    // Every such letter and the first letter of every such word lie in
    // U+0627..U+06D5: the other characters (most of a mixed line) are passed
    // over with one comparison.
    (0..text.len()).any(|i| {
        ('\u{0627}'..='\u{06D5}').contains(&text[i])
            && (NOT_ARABIC_LETTERS.contains(&text[i])
                || words
                    .iter()
                    .any(|w| w[0] == text[i] && whole_word_at(text, i, w)))
    })
}

/// Signs of Arabic in text typed with Persian yeh/kaf: teh marbuta, hamza on
/// alef, or the article ال at a word's start before two more letters.
pub fn arabic_signs(text: &[char]) -> bool {
    (0..text.len()).any(|i| {
        ARABIC_SIGN_LETTERS.contains(&text[i])
            || (text[i] == '\u{0627}'
                && text.get(i + 1) == Some(&'\u{0644}')
                && (i == 0 || !is_word_letter(text[i - 1]))
                && text.get(i + 2).is_some_and(|&c| is_word_letter(c))
                && text.get(i + 3).is_some_and(|&c| is_word_letter(c)))
    })
}

/// Whether some language's yeh/kaf convention could change an Arabic-script run.
///
/// Arabic yeh/kaf with no sign of Persian or Urdu: Arabic, nothing to do.
/// Persian yeh/kaf and no Arabic yeh/kaf: Persian or Urdu (which share the
/// convention) unless the run shows signs of Arabic and none of Persian or
/// Urdu, so nothing to do.  Everything else is tagged.
pub fn may_need_conventions(piece: &[char]) -> bool {
    let (persian, arabic) = yeh_kaf(piece);
    if !(persian || arabic) {
        return false;
    }
    if persian && arabic {
        return true;
    }
    let evidence = not_only_arabic(piece);
    if arabic {
        return evidence;
    }
    !evidence && arabic_signs(piece)
}

/// The Arabic-script stretches of a line: from an Arabic character to the
/// next letter of another script.  They hold the same letters as the Arabic
/// script runs, and cost one pass to find.
fn arabic_stretches(line: &[char]) -> impl Iterator<Item = &[char]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        while i < line.len() && script_of(line[i]) != "Arab" {
            i += 1;
        }
        if i >= line.len() {
            return None;
        }
        let start = i;
        i += 1;
        while i < line.len()
            && (script_of(line[i]) == "Arab" || !general_category(line[i]).is_letter())
        {
            i += 1;
        }
        Some(&line[start..i])
    })
}

/// [`may_need_conventions`] for any Arabic-script run of `line`.
///
/// Two whole-line answers come first: only Arabic yeh/kaf and no sign of
/// Persian or Urdu anywhere, or only Persian yeh/kaf and no sign of Arabic
/// anywhere.  Only lines that mix them are looked at stretch by stretch.
pub fn line_may_need_conventions(line: &[char]) -> bool {
    let (persian, arabic) = yeh_kaf(line);
    if !(persian || arabic) {
        return false;
    }
    if arabic && !persian && !not_only_arabic(line) {
        return false;
    }
    if persian && !arabic && !arabic_signs(line) {
        return false;
    }
    arabic_stretches(line).any(may_need_conventions)
}

/// Ends of the lines of `text`, each with its break (CR LF as one).
fn lines(text: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= text.len() {
            return None;
        }
        let start = i;
        while i < text.len() && !is_line_break(text[i]) {
            i += 1;
        }
        if i < text.len() {
            i += if text[i] == '\r' && text.get(i + 1) == Some(&'\n') {
                2
            } else {
                1
            };
        }
        Some((start, i))
    })
}

/// `(start, end)` of the Arabic-script runs of `text` that the `letters` step
/// must tag: the script runs (cut line by line, each line with its break) of
/// the lines where a convention could change a letter, that could change one.
pub fn convention_pieces(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (start, end) in lines(text) {
        let line = &text[start..end];
        if !line_may_need_conventions(line) {
            continue;
        }
        for run in script_runs(line) {
            if run.script == "Arab" && may_need_conventions(&line[run.start..run.end]) {
                out.push((start + run.start, start + run.end));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    fn need(s: &str) -> bool {
        may_need_conventions(&chars(s))
    }

    #[test]
    fn yeh_and_kaf() {
        assert_eq!(yeh_kaf(&chars("کتاب")), (true, false));
        assert_eq!(yeh_kaf(&chars("كتاب")), (false, true));
        assert_eq!(yeh_kaf(&chars("على")), (false, true)); // alef maksura
        assert_eq!(yeh_kaf(&chars("علی كتاب")), (true, true));
        assert_eq!(yeh_kaf(&chars("باب")), (false, false));
    }

    #[test]
    fn arabic_keyboard_runs() {
        // Arabic yeh/kaf alone: Arabic unless Persian or Urdu shows.
        assert!(!need("كتاب في البيت"));
        assert!(need("اين كتاب"));
        assert!(need("كتاب ها را مي خواهم"));
        assert!(need("پدر علي")); // peh: not Arabic
                                  // A function word only counts as a whole word.
        assert!(!need("استفاده كتاب"));
        assert!(!need("مراكز"));
        // A digit or an underscore is no letter: را still stands alone.
        assert!(need("1را كتاب"));
        // A superscript two is a letter for this purpose (a word character, not a digit).
        assert!(!need("\u{00B2}را كتاب"));
    }

    #[test]
    fn every_sign_of_persian_lies_in_the_range_scanned() {
        let range = '\u{0627}'..='\u{06D5}';
        assert!(NOT_ARABIC_LETTERS.iter().all(|c| range.contains(c)));
        assert!(NOT_ARABIC_WORDS
            .iter()
            .all(|w| range.contains(&w.chars().next().unwrap())));
    }

    #[test]
    fn persian_keyboard_runs() {
        // Persian yeh/kaf alone: Persian or Urdu unless only Arabic signs show.
        assert!(!need("کتاب"));
        assert!(need("مدرسة علی")); // teh marbuta
        assert!(need("الکتاب")); // the article before two letters
        assert!(!need("الی")); // the article needs two letters after it
        assert!(!need("مدرسة علی است")); // a Persian word outweighs the signs
        assert!(!need("بالکتاب")); // ال inside a word
    }

    #[test]
    fn both_keyboards_and_neither() {
        assert!(need("علی كتاب"));
        assert!(!need("باب"));
        assert!(!need(""));
    }

    #[test]
    fn lines_are_read_by_stretches() {
        let need_line = |s: &str| line_may_need_conventions(&chars(s));
        assert!(!need_line("كتاب في البيت and more"));
        assert!(!need_line("plain English"));
        // Persian yeh in one stretch, Arabic kaf and a sign in another: the
        // Latin word between them cuts the stretches, and neither needs work.
        assert!(!need_line("کتاب word مدرسة كبيرة"));
        // Both in one stretch.
        assert!(need_line("علی كتاب"));
    }

    #[test]
    fn pieces_are_runs_of_the_lines_that_need_them() {
        let text = chars("Hello علی كتاب.\r\nكتاب في البيت\nok (اين كتاب)");
        let got: Vec<String> = convention_pieces(&text)
            .into_iter()
            .map(|(s, e)| text[s..e].iter().collect())
            .collect();
        assert_eq!(got, vec!["علی كتاب.".to_string(), "(اين كتاب)".to_string()]);
    }
}
