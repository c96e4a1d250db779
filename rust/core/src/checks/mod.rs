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
pub use words::{mixed_digit_runs, words_to_judge, words_to_look_at, WordKind};

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
    scan(text, icu).is_none()
}

/// `text` with `edits` (start, end, replacement) applied in order, as
/// Python's `EditedText` applies the fixes `check` chose (sorted, not
/// overlapping): the text before each edit's start (from where the last
/// edit ended), its replacement, and after the last edit the rest, every
/// slice cut to the text as Python cuts one.
pub fn apply_edits(text: &[char], edits: &[(usize, usize, Vec<char>)]) -> Vec<char> {
    let n = text.len();
    let slice = |a: usize, b: usize| {
        let a = a.min(n);
        &text[a..b.clamp(a, n)]
    };
    let mut out = Vec::with_capacity(text.len());
    let mut pos = 0;
    for (start, end, replacement) in edits {
        out.extend_from_slice(slice(pos, *start));
        out.extend_from_slice(replacement);
        pos = *end;
    }
    out.extend_from_slice(slice(pos, text.len()));
    out
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

/// Whether `c` is none of the characters the character rules look at
/// ([`chars::is_control`], [`chars::is_invisible_candidate`],
/// [`mark_or_bidi_control`]): printable ASCII, and the spans between those
/// characters that hold the letters of almost every line (Latin, Greek,
/// Cyrillic, Hebrew and Arabic up to ALM, the rest of Arabic up to the
/// Hangul filler, the presentation forms but their variation selectors and
/// the BOM).  A test holds it to the three predicates for every code point.
#[inline]
fn plain(c: char) -> bool {
    matches!(c, ' '..='~' | '\u{A0}'..='\u{061B}' | '\u{061D}'..='\u{115E}' | '\u{3165}'..='\u{FDFF}' | '\u{FE10}'..='\u{FEFE}')
}

/// A bidi control [`unbalanced_bidi_controls`] judges (not a mark: LRM, RLM, ALM).
fn bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// None when the text is [`quiet`], else the scans the character rules start
/// from: one call where the text would otherwise be read once per rule.
///
/// The characters are read once for the candidates, the controls and
/// whether any character makes the text loud; the bidi balance is only
/// worked out when the text holds a bidi control (without one it lists
/// nothing), and the word and number scans only for a text that is quiet so far.
pub fn scan(text: &[char], icu: bool) -> Option<CharScan> {
    let mut invisible = Vec::new();
    let mut controls = Vec::new();
    let mut any_bidi_control = false;
    let mut loud = false;
    for (i, &c) in text.iter().enumerate() {
        if plain(c) {
            continue;
        }
        if chars::is_control(c) {
            controls.push(i);
            loud = true;
            continue;
        }
        if mark_or_bidi_control(c) {
            loud = true;
            any_bidi_control |= bidi_control(c);
        }
        if chars::is_invisible_candidate(c) {
            invisible.push(i);
            loud = loud || !chars::joiner_between_arabic_letters(text, i);
        }
    }
    let mojibake = may_hold_mojibake(text);
    if !loud
        && !mojibake
        && mixed_digit_runs(text).is_empty()
        && words_to_judge(text, icu).is_empty()
    {
        return None;
    }
    Some(CharScan {
        unbalanced_bidi: if any_bidi_control {
            unbalanced_bidi_controls(text)
        } else {
            Vec::new()
        },
        invisible,
        controls,
        mojibake,
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

    /// The scan as it was first written, one pass per rule: the oracle of the one-pass [`scan`].
    fn scan_rule_by_rule(text: &[char], icu: bool) -> Option<CharScan> {
        let quiet = !text.iter().enumerate().any(|(i, &c)| {
            mark_or_bidi_control(c)
                || chars::is_control(c)
                || (chars::is_invisible_candidate(c)
                    && !chars::joiner_between_arabic_letters(text, i))
        }) && !may_hold_mojibake(text)
            && mixed_digit_runs(text).is_empty()
            && words_to_judge(text, icu).is_empty();
        (!quiet).then(|| CharScan {
            unbalanced_bidi: unbalanced_bidi_controls(text),
            invisible: invisible_candidates(text),
            controls: control_chars(text),
            mojibake: may_hold_mojibake(text),
        })
    }

    #[test]
    fn plain_characters_are_none_the_rules_look_at() {
        for cp in 0..0x11_0000 {
            let Some(c) = char::from_u32(cp) else {
                continue;
            };
            let looked_at =
                chars::is_control(c) || chars::is_invisible_candidate(c) || mark_or_bidi_control(c);
            assert!(!(plain(c) && looked_at), "U+{cp:04X}");
            assert_eq!(
                bidi_control(c),
                mark_or_bidi_control(c) && !matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}'),
                "U+{cp:04X}"
            );
        }
    }

    #[test]
    fn the_one_pass_scan_agrees_with_the_scan_rule_by_rule() {
        // Every character the rules look at, each between the neighbours that
        // change its judgement, plus generated texts from the same alphabet.
        let alphabet: Vec<char> = "ab pyx\u{0430}\u{03BF}\u{0628}\u{0647}\u{06CC}\u{064E}\u{0661}\u{06F2}1\n\r\t\u{0B}\u{85}\u{2029}\u{00C3}\u{00A9}\u{00D8}\u{00B3}\u{FE8D}\u{FEFF}\u{FE0F}\u{3164}\u{E0041}\u{FFFD}\u{07}\u{92}\u{061C}\u{202E}\u{202C}\u{2067}\u{2069}\u{200C}\u{200D}\u{200B}\u{200F}"
            .chars()
            .chain(
                // Every character a rule looks at but the tag block (U+E0000..U+E0FFF,
                // whose characters are judged alike), which is sampled, as are
                // the other characters outside the plain spans.
                (0..0x11_0000).filter_map(char::from_u32).filter(|&c| {
                    let looked_at = chars::is_control(c)
                        || chars::is_invisible_candidate(c)
                        || mark_or_bidi_control(c);
                    !plain(c)
                        && if looked_at && c < '\u{E0000}' {
                            true
                        } else {
                            c as u32 % 61 == 0
                        }
                }),
            )
            .collect();
        let check = |text: &[char]| {
            for icu in [false, true] {
                assert_eq!(scan(text, icu), scan_rule_by_rule(text, icu), "{text:?}");
            }
        };
        for &c in &alphabet {
            for (l, r) in [('a', 'b'), ('\u{0628}', '\u{0647}'), ('\u{2067}', '\n')] {
                check(&[l, c, r]);
                check(&[c]);
                check(&[l, c, c, r]);
            }
        }
        // A small linear congruential generator: the same texts on every run.
        let mut state: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            ((state >> 33) as usize) % n
        };
        let small: Vec<char> = alphabet.iter().copied().take(40).collect();
        for _ in 0..5_000 {
            let len = next(12);
            let text: Vec<char> = (0..len)
                .map(|_| {
                    if next(8) == 0 {
                        alphabet[next(alphabet.len())]
                    } else {
                        small[next(small.len())]
                    }
                })
                .collect();
            check(&text);
        }
    }

    #[test]
    fn edits_are_applied_as_python_slices_them() {
        let text = cps("ab\u{200B}cd\u{92}e");
        let edits = vec![(2, 3, vec![]), (5, 6, vec!['\u{2019}'])];
        assert_eq!(apply_edits(&text, &edits), cps("abcd\u{2019}e"));
        assert_eq!(apply_edits(&text, &[]), text);
        // An insertion; an edit past the end adds its replacement after the text.
        assert_eq!(apply_edits(&cps("ab"), &[(1, 1, cps("-"))]), cps("a-b"));
        assert_eq!(apply_edits(&cps("ab"), &[(5, 7, cps("x"))]), cps("abx"));
        // Out of order (never so in check): Python's text[3:1] is empty.
        assert_eq!(
            apply_edits(&cps("abcd"), &[(2, 3, cps("X")), (1, 2, vec![])]),
            cps("abXcd")
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
