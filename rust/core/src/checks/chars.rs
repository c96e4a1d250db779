//! Which single characters the character rules of `check` look at.
//!
//! These scans find candidates; whether a candidate is a finding (a C1
//! control gets its Windows-1252 character as a fix) is mostly decided in
//! Python.  The joiners' rules ([`invisible_rule`]) are decided here, by the
//! same judgement as the `zero_width` step of `normalize`, and the ZWSP's.

use crate::props::{general_category, is_arabic_letter_or_mark, script_of};
use crate::steps::zero_width::{joiner_has_effect, joining_neighbour, repeats_zwnj};

/// LRM, RLM, ALM and the nine bidi controls (LRE..RLO, LRI..PDI): the
/// characters the Trojan Source rules report in source files.
pub fn mark_or_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The invisible characters the MS2xx rules judge: ZWSP, ZWNJ, ZWJ, word
/// joiner and invisible operators (and the unassigned U+2065), BOM, the
/// Hangul fillers, Mongolian vowel separator, the Khmer inherent vowels,
/// variation selectors, the unassigned ignorables U+FFF0..U+FFF8, ALM and
/// the tag block U+E0000..U+E0FFF (tags and supplementary selectors).
pub fn is_invisible_candidate(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2065}'
            | '\u{FEFF}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{180E}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{061C}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// C0 controls other than tab, line feed, form feed and carriage return,
/// DEL and the C1 controls, and U+FFFD (a lone surrogate reaches Rust as
/// U+FFFD too: both are the MS50x rules' business).
pub fn is_control(c: char) -> bool {
    matches!(c, '\u{00}'..='\u{08}' | '\u{0B}' | '\u{0E}'..='\u{1F}' | '\u{7F}'..='\u{9F}' | '\u{FFFD}')
}

/// Whether `c` is a letter of the Arabic blocks (Arabic, Arabic Supplement,
/// Arabic Extended-B and -A, Presentation Forms-A and -B).
fn is_arabic_block_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && super::class::category(super::class::class_of(c)) == super::class::LETTER
}

/// Whether the character at `i` is a ZWNJ or ZWJ right between two letters
/// of the Arabic blocks (Persian `می` + ZWNJ + `خواهم`): there it keeps the
/// letters apart or joins them, which is what it is for, and no rule reports
/// it.  Only the plainest case is recognised; a joiner next to a mark, a
/// format character or another joiner is left to the MS208/MS211 rules.
pub fn joiner_between_arabic_letters(text: &[char], i: usize) -> bool {
    matches!(text[i], '\u{200C}' | '\u{200D}')
        && i > 0
        && i + 1 < text.len()
        && is_arabic_block_letter(text[i - 1])
        && is_arabic_block_letter(text[i + 1])
}

/// Positions of the invisible candidates ([`is_invisible_candidate`]).
pub fn invisible_candidates(text: &[char]) -> Vec<usize> {
    positions(text, is_invisible_candidate)
}

/// Positions of the control characters ([`is_control`]).
pub fn control_chars(text: &[char]) -> Vec<usize> {
    positions(text, is_control)
}

fn positions(text: &[char], pred: impl Fn(char) -> bool) -> Vec<usize> {
    text.iter()
        .enumerate()
        .filter(|&(_, &c)| pred(c))
        .map(|(i, _)| i)
        .collect()
}

/// A UTF-8 lead byte (0xC2..0xF4) as Windows-1252 or Latin-1 reads it.
fn is_lead(c: char) -> bool {
    ('\u{C2}'..='\u{F4}').contains(&c)
}

/// A UTF-8 continuation byte (0x80..0xBF) as Windows-1252 reads it, or as
/// Latin-1 reads it (the C1 controls, for the five bytes Windows-1252 leaves
/// undefined and for text decoded as Latin-1).
fn is_continuation(c: char) -> bool {
    matches!(
        c,
        '\u{80}'
            ..='\u{BF}'
            | '\u{20AC}' // 0x80 €
            | '\u{201A}' // 0x82
            | '\u{0192}' // 0x83 ƒ
            | '\u{201E}' // 0x84
            | '\u{2026}' // 0x85 …
            | '\u{2020}' // 0x86 †
            | '\u{2021}' // 0x87 ‡
            | '\u{02C6}' // 0x88 ˆ
            | '\u{2030}' // 0x89 ‰
            | '\u{0160}' // 0x8A Š
            | '\u{2039}' // 0x8B ‹
            | '\u{0152}' // 0x8C Œ
            | '\u{017D}' // 0x8E Ž
            | '\u{2018}' // 0x91
            | '\u{2019}' // 0x92
            | '\u{201C}' // 0x93
            | '\u{201D}' // 0x94
            | '\u{2022}' // 0x95 •
            | '\u{2013}' // 0x96 –
            | '\u{2014}' // 0x97 —
            | '\u{02DC}' // 0x98 ˜
            | '\u{2122}' // 0x99 ™
            | '\u{0161}' // 0x9A š
            | '\u{203A}' // 0x9B ›
            | '\u{0153}' // 0x9C œ
            | '\u{017E}' // 0x9E ž
            | '\u{0178}' // 0x9F Ÿ
    )
}

/// Whether `text` may hold UTF-8 read as Windows-1252 (MS505): somewhere a
/// lead character is followed, past any ZWNJ/ZWJ, by a continuation
/// character.  Every run the MS505 rule repairs starts so; most text with
/// Latin-1 letters (`Grüße`) does not.
pub fn may_hold_mojibake(text: &[char]) -> bool {
    let mut i = 0;
    while i < text.len() {
        if is_lead(text[i]) {
            let mut j = i + 1;
            while j < text.len() && matches!(text[j], '\u{200C}' | '\u{200D}') {
                j += 1;
            }
            if j < text.len() && is_continuation(text[j]) {
                return true;
            }
        }
        i += 1;
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn candidates_and_controls_by_position() {
        let text = cps("a\u{200B}b\u{200C}\u{7}\tc\u{FFFD}\u{9F}\u{E0020}");
        assert_eq!(invisible_candidates(&text), vec![1, 3, 9]);
        assert_eq!(control_chars(&text), vec![4, 7, 8]);
        // Tab, LF, FF and CR are not controls the rules report.
        assert!(control_chars(&cps("\t\n\u{0C}\r")).is_empty());
        assert_eq!(control_chars(&cps("\u{0B}")), vec![0]);
    }

    #[test]
    fn marks_and_bidi_controls() {
        for c in [
            '\u{200E}', '\u{200F}', '\u{061C}', '\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}',
        ] {
            assert!(mark_or_bidi_control(c), "{c:?}");
        }
        for c in ['\u{2029}', '\u{200D}', '\u{206A}', 'a'] {
            assert!(!mark_or_bidi_control(c), "{c:?}");
        }
    }

    #[test]
    fn mojibake_needs_a_lead_then_a_continuation() {
        // "سلام" as UTF-8 read as Windows-1252: D8 B3 D9 84 D8 A7 D9 85.
        assert!(may_hold_mojibake(&cps("Ø³Ù„Ø§Ù…")));
        // "ä" (C3 A4) read as Latin-1.
        assert!(may_hold_mojibake(&cps("Ã¤")));
        // ZWNJ between the two halves is looked through.
        assert!(may_hold_mojibake(&cps("Ã\u{200C}¤")));
        // "ş" (C5 9F) read as Windows-1252: 0x9F is Ÿ.
        assert!(may_hold_mojibake(&cps("ÅŸ")));
        assert!(!may_hold_mojibake(&cps("Grüße aus Köln, café")));
        assert!(!may_hold_mojibake(&cps("Ã")));
        assert!(!may_hold_mojibake(&cps("€uro")));
    }

    #[test]
    fn joiners_between_arabic_letters() {
        // می + ZWNJ + خواهم; ARABIC LETTER HEH + ZWJ + ARABIC LETTER ALEF.
        assert!(joiner_between_arabic_letters(&cps("می\u{200C}خواهم"), 2));
        assert!(joiner_between_arabic_letters(
            &cps("\u{0647}\u{200D}\u{0627}"),
            1
        ));
        // At the edge, next to Latin, next to a mark (FATHA) or another ZWNJ: not this case.
        for (s, i) in [
            ("\u{0628}\u{200C}", 1),
            ("a\u{200C}\u{0628}", 1),
            ("\u{0628}\u{064E}\u{200C}\u{0628}", 2),
            ("\u{0628}\u{200C}\u{200C}\u{0628}", 1),
            ("\u{0628}\u{200B}\u{0628}", 1),
        ] {
            assert!(!joiner_between_arabic_letters(&cps(s), i), "{s:?}");
        }
    }
}

/// A letter, mark or number, or the underscore: a character a word (or an
/// identifier) is made of.
fn wordish(c: char) -> bool {
    let gc = general_category(c);
    c == '_' || gc.is_letter() || gc.is_mark() || gc.is_number()
}

/// Scripts written without spaces between words, where a ZWSP marks where
/// one word ends.
const UNSPACED: [&str; 13] = [
    "Thai", "Laoo", "Khmr", "Mymr", "Tibt", "Hani", "Hira", "Kana", "Java", "Bali", "Tale", "Talu",
    "Lana",
];

/// The rule the ZWNJ, ZWJ or ZWSP at `text[i]` breaks, or None where it
/// does something (or `text[i]` is none of them).
///
/// MS201: a ZWSP but between two letters of scripts written without spaces
/// ([`UNSPACED`]; neighbours found as joining finds them), where it marks
/// a word break.
/// MS208: it does nothing ([`joiner_has_effect`] says no) and sits at the
/// edge of a word or next to a Latin, Cyrillic or Greek letter.  A joiner
/// between a Latin and an Arabic-script letter separates the two scripts
/// (`PDF` + ZWNJ + `ها`) and stays; so does one inside a word of a script
/// not judged here (Indic scripts use both joiners).  MS211: a ZWNJ right
/// after another one, which separates nothing the first does not.
pub fn invisible_rule(text: &[char], i: usize) -> Option<&'static str> {
    if text[i] == '\u{200B}' {
        return (!zwsp_separates_words(text, i)).then_some("MS201");
    }
    if !matches!(text[i], '\u{200C}' | '\u{200D}') {
        return None;
    }
    if joiner_is_noise(text, i) {
        Some("MS208")
    } else if repeats_zwnj(text, i) {
        Some("MS211")
    } else {
        None
    }
}

fn zwsp_separates_words(text: &[char], i: usize) -> bool {
    let unspaced = |c: Option<char>| c.is_some_and(|c| UNSPACED.contains(&script_of(c)));
    unspaced(joining_neighbour(text, i, -1)) && unspaced(joining_neighbour(text, i, 1))
}

fn joiner_is_noise(text: &[char], i: usize) -> bool {
    if joiner_has_effect(text, i) {
        return false;
    }
    let (Some(before), Some(after)) = (
        joining_neighbour(text, i, -1),
        joining_neighbour(text, i, 1),
    ) else {
        return true;
    };
    if !wordish(before) || !wordish(after) {
        return true;
    }
    let latin_like = |c: char| matches!(script_of(c), "Latn" | "Cyrl" | "Grek");
    let latin = latin_like(before) || latin_like(after);
    if latin && (is_arabic_letter_or_mark(before) || is_arabic_letter_or_mark(after)) {
        return false;
    }
    latin
}

#[cfg(test)]
mod joiner_tests {
    use super::invisible_rule;
    use crate::test_chars as chars;

    fn rule(text: &str, i: usize) -> Option<&'static str> {
        invisible_rule(&chars(text), i)
    }

    #[test]
    fn joiners_that_do_something_are_no_finding() {
        // Persian mi + ZWNJ + khaham; a ZWJ after heh before a full stop
        // (the hijri year's abbreviation); an emoji ZWJ sequence (woman, ZWJ, laptop).
        assert_eq!(
            rule(
                "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}",
                2
            ),
            None
        );
        assert_eq!(rule("\u{0647}\u{200D}.", 1), None);
        assert_eq!(rule("\u{1F469}\u{200D}\u{1F4BB}", 1), None);
        // Between a Latin and an Arabic letter (PDF + ZWNJ + ha): it separates the scripts.
        assert_eq!(rule("PDF\u{200C}\u{0647}\u{0627}", 3), None);
        // Inside a Devanagari word (a script not judged here).
        assert_eq!(rule("\u{0915}\u{094D}\u{200D}\u{0937}", 2), None);
        // Not a joiner at all.
        assert_eq!(rule("ab", 1), None);
    }

    #[test]
    fn zero_width_spaces() {
        // Between two Thai words it marks the word break; between Latin
        // words, or at the end, it only hides where words end.
        assert_eq!(rule("\u{0E01}\u{0E32}\u{200B}\u{0E19}", 2), None);
        assert_eq!(rule("pa\u{200B}y", 2), Some("MS201"));
        assert_eq!(rule("\u{0E01}\u{200B}", 1), Some("MS201"));
        assert_eq!(rule("\u{0E01}\u{200B}a", 1), Some("MS201"));
    }

    #[test]
    fn noise_and_repeats() {
        // Inside a Latin word, at a word's edge, at the ends of the text.
        assert_eq!(rule("wo\u{200D}rd", 2), Some("MS208"));
        assert_eq!(rule("word\u{200C} x", 4), Some("MS208"));
        assert_eq!(rule("\u{200C}a", 0), Some("MS208"));
        // Next to a Cyrillic letter and a digit.
        assert_eq!(rule("\u{0434}\u{200C}1", 1), Some("MS208"));
        // A second ZWNJ between Persian letters (kaf, ZWNJ, ZWNJ, sin): the first
        // separates the letters, the second repeats it.
        let doubled = "\u{06A9}\u{200C}\u{200C}\u{0633}";
        assert_eq!(rule(doubled, 1), None);
        assert_eq!(rule(doubled, 2), Some("MS211"));
        // A mark between the letter and the joiner is looked through (RLM too).
        assert_eq!(rule("\u{0645}\u{06CC}\u{200F}\u{200C}\u{0634}", 3), None);
    }
}
