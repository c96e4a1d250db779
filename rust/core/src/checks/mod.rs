//! The per-character and per-word scans of `check`, as plain data.
//!
//! Python's `mixscript.checks` builds the findings (codes, messages, fixes)
//! and applies the rules that need context this crate does not have (ICU's
//! confusable data, source-code spans).  What is here is the part that
//! reads every character of every line: which characters any rule could
//! flag, the bidi controls left unbalanced, the words that need a closer
//! look and the numbers written in two digit systems.  Most text has none
//! of these, and [`quiet`] says so in one pass.
//!
//! Text is a slice of code points, as Python indexes strings; every
//! position returned is an index into that slice.

pub mod bidi_controls;
pub mod chars;
mod class;
pub mod words;

pub use bidi_controls::unbalanced_bidi_controls;
pub use chars::{
    control_chars, invisible_candidates, invisible_rule, mark_or_bidi_control, may_hold_mojibake,
};
pub use words::{mixed_digit_runs, words_to_judge, WordKind};

/// Whether no rule of `check` can report anything in `text`.
///
/// True when the text holds no bidi control or mark, no control character,
/// no invisible character other than a joiner between Arabic letters
/// ([`chars::joiner_between_arabic_letters`]), no Windows-1252 lead character followed by a
/// continuation character (the start of UTF-8 read as Windows-1252), no word
/// [`words_to_judge`] would hand back (`icu` as for that function) and no
/// number in two digit systems.  Every finding needs one of those, so a
/// quiet text has none, whatever its file kind.
pub fn quiet(text: &[char], icu: bool) -> bool {
    !text.iter().enumerate().any(|(i, &c)| {
        mark_or_bidi_control(c)
            || chars::is_control(c)
            || (chars::is_invisible_candidate(c) && !chars::joiner_between_arabic_letters(text, i))
    }) && !may_hold_mojibake(text)
        && mixed_digit_runs(text).is_empty()
        && words_to_judge(text, icu).is_empty()
}

/// What the character rules of `check` start from, for a text that is not [`quiet`].
#[derive(Debug, PartialEq, Eq)]
pub struct CharScan {
    /// [`unbalanced_bidi_controls`].
    pub unbalanced_bidi: Vec<usize>,
    /// [`invisible_candidates`].
    pub invisible: Vec<usize>,
    /// [`control_chars`].
    pub controls: Vec<usize>,
    /// [`may_hold_mojibake`].
    pub mojibake: bool,
}

/// None when the text is [`quiet`], else the scans the character rules start
/// from: one call where the text would otherwise be read once per rule.
pub fn scan(text: &[char], icu: bool) -> Option<CharScan> {
    if quiet(text, icu) {
        return None;
    }
    Some(CharScan {
        unbalanced_bidi: unbalanced_bidi_controls(text),
        invisible: invisible_candidates(text),
        controls: control_chars(text),
        mojibake: may_hold_mojibake(text),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn plain_text_in_one_script_per_line_is_quiet() {
        assert!(quiet(&cps("Hello, world. 42 apples\nسلام عليكم ١٢٣"), true));
        assert!(quiet(&cps(""), true));
        // Latin and Arabic words on one line, each word in one script.
        assert!(quiet(&cps("The word كتاب means book."), true));
        // German, with Latin-1 letters that are not followed by a continuation byte.
        assert!(quiet(&cps("Grüße aus Köln"), true));
        // Persian with ZWNJ between letters.
        assert!(quiet(&cps("من می\u{200C}خواهم"), true));
    }

    #[test]
    fn a_scan_lists_what_the_character_rules_start_from() {
        assert_eq!(scan(&cps("plain text"), true), None);
        // x RLO a ZWSP b BEL, then "Ã¤" (ä as UTF-8 read as Latin-1).
        assert_eq!(
            scan(&cps("x\u{202E}a\u{200B}b\u{07} Ã¤"), true),
            Some(CharScan {
                unbalanced_bidi: vec![1],
                invisible: vec![3],
                controls: vec![5],
                mojibake: true,
            })
        );
        // Not quiet for a mixed word alone: the lists are empty.
        assert_eq!(
            scan(&cps("Errorکا"), false),
            Some(CharScan {
                unbalanced_bidi: vec![],
                invisible: vec![],
                controls: vec![],
                mojibake: false,
            })
        );
    }

    #[test]
    fn anything_a_rule_could_flag_is_not_quiet() {
        for s in [
            "pa\u{200B}ypal",                   // ZWSP
            "a\u{202E}b",                       // RLO
            "a\u{200F}b",                       // RLM (a finding in source files)
            "a\u{061C}b",                       // ALM
            "bell\u{07}",                       // C0 control
            "x\u{85}y",                         // C1 control
            "lost \u{FFFD}",                    // replacement character
            "Ø³Ù„Ø§Ù…",                         // UTF-8 read as Windows-1252
            "Errorکا",                          // Arabic and Latin letters in one word
            "p\u{0430}ypal",                    // Cyrillic a in a Latin word
            "١٢۳",                              // two digit systems
            "\u{FE0F}",                         // variation selector
            "\u{E0041}",                        // tag character
            "word\u{200C} ",                    // ZWNJ at the edge of a Latin word
            "\u{06A9}\u{200C}\u{200C}\u{0633}", // a doubled ZWNJ
        ] {
            assert!(!quiet(&cps(s), true), "{s:?}");
        }
    }
}
