//! One byte per code point: a General_Category group and a Script group.
//!
//! The word checks only ask "letter, mark, digit or other number?", "format
//! character?" and "Latin, Arabic, Cyrillic, Greek, neutral or another
//! script?", so one byte answers all of them.  The byte is derived from
//! [`crate::props`] (the core's one table of General_Category and Script):
//! once for the code points below [`DIRECT`], on demand above.

use std::sync::OnceLock;

use crate::props::{self, Gc};

/// General_Category groups (the low three bits).
pub(crate) const OTHER: u8 = 0;
pub(crate) const LETTER: u8 = 1;
pub(crate) const MARK: u8 = 2;
/// Nd, a decimal digit.
pub(crate) const DIGIT: u8 = 3;
/// Nl and No.
pub(crate) const NUMBER: u8 = 4;
/// Cf.
pub(crate) const FORMAT: u8 = 5;
const CATEGORY: u8 = 0b111;

/// Script groups (bits 3..5).
pub(crate) const OTHER_SCRIPT: u8 = 0 << 3;
pub(crate) const LATIN: u8 = 1 << 3;
pub(crate) const ARABIC: u8 = 2 << 3;
pub(crate) const CYRILLIC: u8 = 3 << 3;
pub(crate) const GREEK: u8 = 4 << 3;
/// Common, Inherited and Unknown: characters that belong to no one script.
pub(crate) const NEUTRAL: u8 = 5 << 3;
const SCRIPT: u8 = 0b111 << 3;

/// The class of unassigned code points.
const DEFAULT: u8 = OTHER | NEUTRAL;

/// The class byte of `c`, from its General_Category and Script.
fn derive(c: char) -> u8 {
    let gc = props::general_category(c);
    let group = match gc {
        Gc::Nd => DIGIT,
        Gc::Cf => FORMAT,
        _ if gc.is_letter() => LETTER,
        _ if gc.is_mark() => MARK,
        Gc::Nl | Gc::No => NUMBER,
        _ => OTHER,
    };
    let script = match props::script_of(c) {
        "Latn" => LATIN,
        "Arab" => ARABIC,
        "Cyrl" => CYRILLIC,
        "Grek" => GREEK,
        "Zyyy" | "Zinh" | "Zzzz" => NEUTRAL,
        _ => OTHER_SCRIPT,
    };
    group | script
}

/// Below this a direct table answers: Latin, Greek, Cyrillic, Hebrew and
/// Arabic, the characters of almost every line this library reads.
const DIRECT: usize = 0x800;

fn direct_table() -> &'static [u8; DIRECT] {
    static TABLE: OnceLock<[u8; DIRECT]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [0; DIRECT];
        for (cp, class) in table.iter_mut().enumerate() {
            // Below DIRECT every code point is a char (no surrogates).
            *class = char::from_u32(cp as u32).map_or(DEFAULT, derive);
        }
        table
    })
}

/// The class byte of `c`.
#[inline]
pub(crate) fn class_of(c: char) -> u8 {
    let cp = c as usize;
    if cp < DIRECT {
        direct_table()[cp]
    } else {
        derive(c)
    }
}

/// The General_Category group of a class byte.
#[inline]
pub(crate) fn category(class: u8) -> u8 {
    class & CATEGORY
}

/// The Script group of a class byte.
#[inline]
pub(crate) fn script(class: u8) -> u8 {
    class & SCRIPT
}

/// The zero of the decimal digit system of `c`, if `c` is a decimal digit.
pub(crate) use crate::props::digit_zero;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_of_characters_checked_by_hand() {
        // Values read from UnicodeData.txt and Scripts.txt (15.0).
        assert_eq!(class_of('a'), LETTER | LATIN);
        assert_eq!(class_of('7'), DIGIT | NEUTRAL);
        assert_eq!(class_of('_'), OTHER | NEUTRAL); // Pc, Common
        assert_eq!(class_of('\u{0628}'), LETTER | ARABIC); // BEH
        assert_eq!(class_of('\u{064E}'), MARK | NEUTRAL); // FATHA: Inherited
        assert_eq!(class_of('\u{0661}'), DIGIT | ARABIC); // ARABIC-INDIC ONE: Arabic script
        assert_eq!(class_of('\u{0430}'), LETTER | CYRILLIC);
        assert_eq!(class_of('\u{03B1}'), LETTER | GREEK);
        assert_eq!(class_of('\u{05D0}'), LETTER | OTHER_SCRIPT); // ALEF: Hebrew
        assert_eq!(class_of('\u{00B5}'), LETTER | NEUTRAL); // MICRO SIGN: Ll, Common
        assert_eq!(class_of('\u{00B2}'), NUMBER | NEUTRAL); // SUPERSCRIPT TWO: No
        assert_eq!(class_of('\u{200C}'), FORMAT | NEUTRAL); // ZWNJ: Cf, Inherited
        assert_eq!(class_of('\u{4E00}'), LETTER | OTHER_SCRIPT); // Han, past the direct table
        assert_eq!(class_of('\u{0378}'), OTHER | NEUTRAL); // unassigned
        assert_eq!(class_of('\u{E0100}'), MARK | NEUTRAL); // VS17: Mn, Inherited
        assert_eq!(class_of('\u{1D7CE}'), DIGIT | NEUTRAL); // MATHEMATICAL BOLD DIGIT ZERO
    }

    #[test]
    fn digit_zeros_checked_by_hand() {
        assert_eq!(digit_zero('7'), Some(0x30));
        assert_eq!(digit_zero('\u{0669}'), Some(0x0660)); // ARABIC-INDIC NINE
        assert_eq!(digit_zero('\u{06F5}'), Some(0x06F0)); // EXTENDED ARABIC-INDIC FIVE
        assert_eq!(digit_zero('\u{096F}'), Some(0x0966)); // DEVANAGARI NINE
        assert_eq!(digit_zero('\u{1D7D8}'), Some(0x1D7D8)); // MATHEMATICAL DOUBLE-STRUCK ZERO
        assert_eq!(digit_zero('\u{1D7D7}'), Some(0x1D7CE)); // MATHEMATICAL BOLD NINE
        assert_eq!(digit_zero('\u{00B2}'), None); // No, not Nd
        assert_eq!(digit_zero('x'), None);
    }
}
