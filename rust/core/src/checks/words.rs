//! The word scans of `check` (MS3xx, MS4xx): which words need a closer look.
//!
//! A *word* is a run of letters, marks, digits and underscores, with
//! invisible characters allowed between them (`pa` + ZWSP + `ypal` is one
//! word to a reader).  Almost every word is written in one script, and
//! almost every line in one script; neither can hold a mixed-script word.
//! [`words_to_judge`] reads each line once and hands back only the words the
//! Python rules must look at letter by letter, so their cost follows the
//! few suspicious words, not the size of the text.

use super::class::*;

/// Why a word is handed back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WordKind {
    /// Letters of more than one script, or a word wholly in Cyrillic or
    /// Greek on a line that may read as Latin (MS402): judge it letter by letter.
    Judge,
    /// The first word with a Latin letter on a line that holds Cyrillic or
    /// Greek: MS402 needs to know that the line has Latin words.
    LatinOnLine,
}

/// Characters an invisible one may stand between inside a word: Cf, the C0
/// and C1 controls other than the line-layout ones (TAB..CR) and the
/// variation selectors U+FE00..U+FE0F (which are marks anyway).
fn is_invisible(c: char, class: u8) -> bool {
    category(class) == FORMAT
        || matches!(c, '\u{00}'..='\u{08}' | '\u{0E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FE00}'..='\u{FE0F}')
}

fn is_word_char(c: char, class: u8) -> bool {
    c == '_' || matches!(category(class), LETTER | MARK | DIGIT | NUMBER)
}

/// The scripts a word may be wholly written in (Latin, Arabic, Cyrillic,
/// Greek): a word of neutral characters only (`42`) counts as Latin.  One
/// comparison of bits, asked of every letter of every word read.
#[inline]
fn one_of_the_scripts(sc: u8) -> bool {
    matches!(sc, LATIN | ARABIC | CYRILLIC | GREEK)
}

/// The script of a word whose characters (given by their classes) are all
/// in one of [`one_of_the_scripts`] (or neutral), else None.
fn one_script(word: &[u8]) -> Option<u8> {
    let mut seen: Option<u8> = None;
    for &class in word {
        let sc = script(class);
        if sc == NEUTRAL {
            continue;
        }
        if !one_of_the_scripts(sc) || seen.is_some_and(|s| s != sc) {
            return None;
        }
        seen = Some(sc);
    }
    Some(seen.unwrap_or(LATIN))
}

/// Whether a line can hold a word with letters of two scripts, or a
/// Cyrillic or Greek word among Latin ones: it has a letter of a script
/// other than that of its first letter, or its first letter is not Latin,
/// Arabic, Cyrillic or Greek.
fn line_to_read(classes: &[u8]) -> bool {
    let mut letters = classes
        .iter()
        .copied()
        .filter(|&class| category(class) == LETTER);
    let Some(first) = letters.next() else {
        return false;
    };
    let first = script(first);
    if !one_of_the_scripts(first) {
        return true;
    }
    letters.any(|class| script(class) != first)
}

/// The editor lines of `text` (between CR, LF or CR LF), as (start, end), empty ones left out.
fn editor_lines(text: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut start = 0;
    let mut pos = 0;
    std::iter::from_fn(move || {
        while pos <= text.len() {
            // The next break (or the end), found by a search of the slice.
            pos += text[pos..]
                .iter()
                .position(|&c| matches!(c, '\r' | '\n'))
                .unwrap_or(text.len() - pos);
            let span = (start, pos);
            pos += 1;
            start = pos;
            if span.1 > span.0 {
                return Some(span);
            }
        }
        None
    })
}

/// The words of a line, given its characters and their classes, as (start, end) within it.
fn words_in(line: &[char], classes: &[u8]) -> Vec<(usize, usize)> {
    let word = |k: usize| is_word_char(line[k], classes[k]);
    // An invisible character that may stand inside a word (and is no word character).
    let inside = |k: usize| !word(k) && is_invisible(line[k], classes[k]);
    let mut out = Vec::new();
    let mut i = 0;
    let n = line.len();
    while i < n {
        if !word(i) {
            i += 1;
            continue;
        }
        let first = i;
        let mut last = i + 1; // one past the last word character
        let mut j = last;
        loop {
            while j < n && inside(j) {
                j += 1;
            }
            if j < n && word(j) {
                j += 1;
                last = j;
            } else {
                break;
            }
        }
        out.push((first, last));
        i = last;
    }
    out
}

/// The words of `text` that the Python word rules must judge, in order, as (start, end, kind).
///
/// Only lines that [`line_to_read`] selects are read.  A word wholly in
/// Latin or Arabic (neutral characters allowed) is never handed back, except
/// the first Latin one on a line with Cyrillic or Greek characters
/// ([`WordKind::LatinOnLine`]); a word wholly in Cyrillic or Greek is
/// judged only on such a line.  Without ICU (`icu` false) no line is read
/// for MS402, which needs ICU's confusable data.
pub fn words_to_judge(text: &[char], icu: bool) -> Vec<(usize, usize, WordKind)> {
    let mut out = Vec::new();
    // Each character's class is looked up once; the passes below read bytes.
    let mut classes: Vec<u8> = Vec::new();
    for (start, end) in editor_lines(text) {
        let line = &text[start..end];
        classes.clear();
        classes.extend(line.iter().map(|&c| class_of(c)));
        if !line_to_read(&classes) {
            continue;
        }
        let confusable_line = icu
            && classes
                .iter()
                .any(|&class| matches!(script(class), CYRILLIC | GREEK));
        let mut latin_seen = false;
        for (a, b) in words_in(line, &classes) {
            let word = &classes[a..b];
            let (a, b) = (start + a, start + b);
            match one_script(word) {
                Some(LATIN) if confusable_line && !latin_seen => {
                    if word.iter().any(|&class| script(class) == LATIN) {
                        latin_seen = true;
                        out.push((a, b, WordKind::LatinOnLine));
                    }
                }
                Some(LATIN | ARABIC) => {}
                Some(_) if !confusable_line => {}
                _ => out.push((a, b, WordKind::Judge)),
            }
        }
    }
    out
}

/// Whether the word rules (MS3xx, MS4xx) have anything to look at in
/// `text`: a word [`words_to_judge`] hands back or a number in two digit
/// systems.  Without either, `check` finds no word or number in the text.
pub fn words_to_look_at(text: &[char], icu: bool) -> bool {
    !mixed_digit_runs(text).is_empty() || !words_to_judge(text, icu).is_empty()
}

/// Runs of decimal digits that mix digit systems (MS403), as (start, end).
///
/// A system is told by its digit zero: `١٢۳` mixes Arabic-Indic and
/// Extended Arabic-Indic digits, which look alike in many fonts.
pub fn mixed_digit_runs(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let Some(zero) = decimal_zero(text[i]) else {
            i += 1;
            continue;
        };
        let start = i;
        let mut mixed = false;
        i += 1;
        while i < text.len() {
            match decimal_zero(text[i]) {
                Some(z) => {
                    mixed |= z != zero;
                    i += 1;
                }
                None => break,
            }
        }
        if mixed {
            out.push((start, i));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::WordKind::*;
    use super::*;

    fn cps(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    fn judged(s: &str, icu: bool) -> Vec<(usize, usize, WordKind)> {
        words_to_judge(&cps(s), icu)
    }

    #[test]
    fn words_in_one_script_are_not_handed_back() {
        assert!(judged("The word كتاب means book, 42 times.", true).is_empty());
        assert!(judged("Привет, мир", true).is_empty());
        // A Cyrillic word on a Latin line, without ICU: nothing to judge.
        assert!(judged("say рау now", false).is_empty());
    }

    #[test]
    fn mixed_words_are_judged() {
        // "Errorکا": E..r Latin, then KEHEH ALEF.
        assert_eq!(judged("an Errorکا here", false), vec![(3, 10, Judge)]);
        // "pаypal" with a Cyrillic а; ZWSP inside a word keeps it one word.
        assert_eq!(judged("p\u{0430}y\u{200B}pal", false), vec![(0, 7, Judge)]);
        // A Hebrew word among Latin ones is another script.
        assert_eq!(judged("say שלום", false), vec![(4, 8, Judge)]);
    }

    #[test]
    fn cyrillic_words_on_a_latin_line_are_judged_with_icu() {
        // "рау" in Cyrillic among Latin words: the first Latin word marks the line.
        assert_eq!(
            judged("please рау now", true),
            vec![(0, 6, LatinOnLine), (7, 10, Judge)]
        );
        // Per line: the second line is Cyrillic only and not read.
        assert_eq!(
            judged("ok рау\nпривет мир", true),
            vec![(0, 2, LatinOnLine), (3, 6, Judge)]
        );
    }

    #[test]
    fn a_word_ends_at_its_last_word_character() {
        // Trailing ZWSP is not part of the word; a space ends it.
        let words = |s: &str| {
            let line = cps(s);
            let classes: Vec<u8> = line.iter().map(|&c| class_of(c)).collect();
            words_in(&line, &classes)
        };
        assert_eq!(words("ab\u{200B} c_d"), vec![(0, 2), (4, 7)]);
        // A line break is not an invisible character.
        assert_eq!(words("ab\u{0B}cd"), vec![(0, 2), (3, 5)]);
    }

    #[test]
    fn editor_lines_split_on_cr_lf_and_crlf() {
        let text = cps("a\r\nb\rc\n\nd");
        assert_eq!(
            editor_lines(&text).collect::<Vec<_>>(),
            vec![(0, 1), (3, 4), (5, 6), (8, 9)]
        );
    }

    #[test]
    fn digit_runs_in_two_systems() {
        // ١٢۳: ARABIC-INDIC ONE, TWO, EXTENDED ARABIC-INDIC THREE.
        assert_eq!(mixed_digit_runs(&cps("x ١٢۳ y")), vec![(2, 5)]);
        assert_eq!(mixed_digit_runs(&cps("12٣ and 45")), vec![(0, 3)]);
        assert!(mixed_digit_runs(&cps("١٢٣ 456 ۷۸۹")).is_empty());
    }
}
