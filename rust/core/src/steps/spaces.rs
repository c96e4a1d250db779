//! The `spaces` step: space characters unified to U+0020.
//!
//! French typography puts a (narrow) no-break space before `; : ! ?`,
//! inside guillemets and between a number and its unit; English uses NBSP
//! in `p. 5`.  They say "do not break the line here", which a plain space
//! loses, so NBSP, figure space and narrow NBSP stay unless an Arabic-script
//! character is their nearest neighbour: Arabic-script text has no such
//! convention, and there they come from word processors and only break
//! search.  Every other space character becomes U+0020.

use super::bidi_controls::is_line_break;
use super::ucd::{general_category, is_arabic_script, is_space};
use super::{Edit, Gc};

/// The space characters the step unifies.
pub fn is_unified_space(ch: char) -> bool {
    // Comparisons without branches (see `super::hits`).
    let cp = ch as u32;
    (cp == 0xA0)
        | (cp == 0x1680)
        | (cp.wrapping_sub(0x2000) <= 0x0A)
        | (cp == 0x202F)
        | (cp == 0x205F)
        | (cp == 0x3000)
}

/// No-break spaces (Line_Break GL): NBSP, figure space, narrow NBSP.
pub fn is_no_break_space(ch: char) -> bool {
    matches!(ch, '\u{A0}' | '\u{2007}' | '\u{202F}')
}

/// Whether the space at `i` has no Arabic-script character as its nearest
/// neighbour on either side within its line.
///
/// Spaces, format characters, marks and digits are looked through: digits
/// change script under the `digits` step, and the answer must not change
/// when a later step (or a second run) rewrites them.
fn outside_arabic(text: &[char], i: usize) -> bool {
    !arabic_first(text[..i].iter().rev()) && !arabic_first(text[i + 1..].iter())
}

/// Whether the first character of `side` that is not looked through (before
/// a line break) belongs to the Arabic script.
fn arabic_first<'a>(side: impl Iterator<Item = &'a char>) -> bool {
    for &ch in side {
        if is_line_break(ch) {
            return false;
        }
        let see_through =
            is_space(ch) || matches!(general_category(ch), Gc::Cf | Gc::Mn | Gc::Me | Gc::Nd);
        if !see_through {
            return is_arabic_script(ch);
        }
    }
    false
}

/// The `spaces` step: one edit per space character unified; with `all`
/// (search keys) no-break spaces are unified everywhere too.
pub fn spaces(text: &[char], all: bool) -> Vec<Edit> {
    super::hits_past_ascii(text, is_unified_space)
        .filter(|&i| all || !is_no_break_space(text[i]) || !outside_arabic(text, i))
        .map(|i| Edit::new(i, i + 1, " "))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    #[test]
    fn unified_spaces_as_listed() {
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let listed = matches!(
                ch,
                '\u{A0}' | '\u{1680}' | '\u{2000}'
                    ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
            );
            assert_eq!(is_unified_space(ch), listed, "{ch:?}");
        }
    }

    #[test]
    fn no_break_spaces_stay_outside_arabic() {
        // "10 NNBSP %": French typography, kept; unified under all.
        assert!(spaces(&chars("10\u{202F}%"), false).is_empty());
        assert_eq!(
            spaces(&chars("10\u{202F}%"), true),
            vec![Edit::new(2, 3, " ")]
        );
        // After سلام (through nothing) the NBSP goes; the one after 10 stays.
        assert_eq!(
            spaces(
                &chars("10\u{202F}% \u{633}\u{644}\u{627}\u{645}\u{A0}!"),
                false
            ),
            vec![Edit::new(9, 10, " ")]
        );
        // A thin space always becomes U+0020.
        assert_eq!(
            spaces(&chars("a\u{2009}b"), false),
            vec![Edit::new(1, 2, " ")]
        );
    }

    #[test]
    fn neighbours_are_found_through_digits_and_marks_not_lines() {
        // ب + space + 3 (a digit, looked through) + NBSP + x: Arabic beside it.
        assert_eq!(
            spaces(&chars("\u{628} 3\u{A0}x"), false),
            vec![Edit::new(3, 4, " ")]
        );
        // A line feed ends the search: the Arabic letter on the previous line does not count.
        assert!(spaces(&chars("\u{628}\n\u{A0}x"), false).is_empty());
    }
}
