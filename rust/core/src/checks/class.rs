//! One byte per code point: a General_Category group and a Script group.
//!
//! The word checks only ask "letter, mark, digit or other number?", "format
//! character?" and "Latin, Arabic, Cyrillic, Greek, neutral or another
//! script?", so one byte answers all of them.  The byte is derived from
//! [`crate::props`]'s tables (the core's one table of General_Category and
//! Script): at compile time for the code points below [`DIRECT`] and the
//! presentation forms ([`FORMS`]), on demand
//! above.

use crate::props::tables::{CATEGORY_RANGES, SCRIPT_RANGES};
use crate::props::Gc;

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

/// The General_Category group of a category.
const fn category_group(gc: Gc) -> u8 {
    match gc {
        Gc::Nd => DIGIT,
        Gc::Cf => FORMAT,
        Gc::Lu | Gc::Ll | Gc::Lt | Gc::Lm | Gc::Lo => LETTER,
        Gc::Mn | Gc::Mc | Gc::Me => MARK,
        Gc::Nl | Gc::No => NUMBER,
        _ => OTHER,
    }
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

/// The Script group of an ISO 15924 code.
const fn script_group(code: &str) -> u8 {
    if same(code, "Latn") {
        LATIN
    } else if same(code, "Arab") {
        ARABIC
    } else if same(code, "Cyrl") {
        CYRILLIC
    } else if same(code, "Grek") {
        GREEK
    } else if same(code, "Zyyy") || same(code, "Zinh") || same(code, "Zzzz") {
        NEUTRAL
    } else {
        OTHER_SCRIPT
    }
}

/// Index of the row of `rows` (sorted, disjoint ranges) that holds `cp`.
const fn row_of<T: Copy>(rows: &[(u32, u32, T)], cp: u32) -> Option<usize> {
    let (mut lo, mut hi) = (0, rows.len());
    while lo < hi {
        let mid = (lo + hi) / 2;
        if cp < rows[mid].0 {
            hi = mid;
        } else if cp > rows[mid].1 {
            lo = mid + 1;
        } else {
            return Some(mid);
        }
    }
    None
}

/// The class byte of code point `cp`, from props' General_Category and Script tables.
const fn derive(cp: u32) -> u8 {
    let group = match row_of(CATEGORY_RANGES, cp) {
        Some(i) => category_group(CATEGORY_RANGES[i].2),
        None => OTHER,
    };
    let script = match row_of(SCRIPT_RANGES, cp) {
        Some(i) => script_group(SCRIPT_RANGES[i].2),
        None => NEUTRAL,
    };
    group | script
}

/// Below this a direct table answers: Latin, Greek, Cyrillic, Hebrew,
/// Arabic and General Punctuation (the bidi controls, zero-width characters
/// and quotation marks the checks look for), the characters of almost every
/// line this library reads.
const DIRECT: usize = 0x2070;

const fn direct_table() -> [u8; DIRECT] {
    let mut table = [DEFAULT; DIRECT];
    let mut cp = 0;
    while cp < DIRECT {
        table[cp] = derive(cp as u32);
        cp += 1;
    }
    table
}

/// Computed at compile time from the props tables.
static DIRECT_TABLE: [u8; DIRECT] = direct_table();

/// The Alphabetic and Arabic Presentation Forms (U+FB00..U+FEFF) have a
/// direct table too: Arabic text from PDFs and older tools is full of them,
/// and a range search per character would cost more than the rest of the scan.
const FORMS: usize = 0xFB00;
const FORMS_END: usize = 0xFF00;

const fn forms_table() -> [u8; FORMS_END - FORMS] {
    let mut table = [DEFAULT; FORMS_END - FORMS];
    let mut k = 0;
    while k < FORMS_END - FORMS {
        table[k] = derive((FORMS + k) as u32);
        k += 1;
    }
    table
}

/// Computed at compile time from the props tables.
static FORMS_TABLE: [u8; FORMS_END - FORMS] = forms_table();

/// The class byte of `c`: inlined into the scans for the table lookups,
/// the range search ([`derive_beyond_the_tables`]) kept out of line.
#[inline(always)]
pub(crate) fn class_of(c: char) -> u8 {
    let cp = c as usize;
    if cp < DIRECT {
        DIRECT_TABLE[cp]
    } else if (FORMS..FORMS_END).contains(&cp) {
        FORMS_TABLE[cp - FORMS]
    } else {
        derive_beyond_the_tables(cp as u32)
    }
}

/// [`derive`] for a code point no direct table holds.
#[inline(never)]
fn derive_beyond_the_tables(cp: u32) -> u8 {
    derive(cp)
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

/// [`digit_zero`], with the direct tables answering "not a decimal digit"
/// for the characters they hold: the class byte's DIGIT is General_Category
/// Nd, derived from the same table as `digit_zero`'s, so only the digits
/// (and characters beyond the tables) look their zero up.
#[inline]
pub(crate) fn decimal_zero(c: char) -> Option<u32> {
    let cp = c as usize;
    let class = if cp < DIRECT {
        DIRECT_TABLE[cp]
    } else if (FORMS..FORMS_END).contains(&cp) {
        FORMS_TABLE[cp - FORMS]
    } else {
        return digit_zero(c);
    };
    if category(class) == DIGIT {
        digit_zero(c)
    } else {
        None
    }
}

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
    fn the_direct_tables_hold_what_the_range_search_finds() {
        for cp in (0..0x1_0000).chain(0x1_0000..0x1_1000) {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(class_of(c), derive(cp), "U+{cp:04X}");
            }
        }
        for cp in 0..0x11_0000 {
            if let Some(c) = char::from_u32(cp) {
                assert_eq!(decimal_zero(c), digit_zero(c), "U+{cp:04X}");
            }
        }
        // Checked by hand: ARABIC LETTER ALEF ISOLATED FORM, ORNATE LEFT PARENTHESIS, the BOM.
        assert_eq!(class_of('\u{FE8D}'), LETTER | ARABIC);
        assert_eq!(class_of('\u{FD3E}'), OTHER | NEUTRAL);
        assert_eq!(class_of('\u{FEFF}'), FORMAT | NEUTRAL);
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
