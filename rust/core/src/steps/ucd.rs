//! Character properties the steps ask about, from the generated tables.

use super::tables::{
    Gc, ARABIC_SCRIPT_RANGES, CATEGORY_RANGES, COMBINING_RANGES, DECOMPOSITIONS, FORM_MAPPINGS,
};

fn find_range<T: Copy>(table: &[(u32, u32, T)], cp: u32) -> Option<T> {
    let i = table.partition_point(|&(first, _, _)| first <= cp);
    match i {
        0 => None,
        _ => {
            let (_, last, value) = table[i - 1];
            (cp <= last).then_some(value)
        }
    }
}

/// General_Category at the tables' Unicode version (Cn if unassigned).
pub fn general_category(ch: char) -> Gc {
    let cp = ch as u32;
    if cp < 0x80 {
        // ASCII is most of most texts: skip the search for letters and digits.
        if ch.is_ascii_lowercase() {
            return Gc::Ll;
        }
        if ch.is_ascii_uppercase() {
            return Gc::Lu;
        }
        if ch.is_ascii_digit() {
            return Gc::Nd;
        }
    }
    find_range(CATEGORY_RANGES, cp).unwrap_or(Gc::Cn)
}

impl Gc {
    /// L: Lu, Ll, Lt, Lm or Lo.
    pub fn is_letter(self) -> bool {
        matches!(self, Gc::Lu | Gc::Ll | Gc::Lt | Gc::Lm | Gc::Lo)
    }

    /// M: Mn, Mc or Me.
    pub fn is_mark(self) -> bool {
        matches!(self, Gc::Mn | Gc::Mc | Gc::Me)
    }

    /// Mn, Me or Cf: what joining looks through (marks and format characters).
    pub fn is_transparent(self) -> bool {
        matches!(self, Gc::Mn | Gc::Me | Gc::Cf)
    }
}

/// Canonical_Combining_Class (0 for starters).
pub fn combining_class(ch: char) -> u8 {
    let cp = ch as u32;
    if cp < 0x300 {
        return 0;
    }
    find_range(COMBINING_RANGES, cp).unwrap_or(0)
}

/// One level of canonical decomposition (Hangul syllables are not listed).
pub(crate) fn canonical_decomposition(ch: char) -> Option<&'static [u32]> {
    let cp = ch as u32;
    if cp < 0xC0 {
        return None;
    }
    DECOMPOSITIONS
        .binary_search_by_key(&cp, |&(c, _)| c)
        .ok()
        .map(|i| DECOMPOSITIONS[i].1)
}

/// (positional?, full compatibility decomposition) of a presentation form.
pub(crate) fn form_mapping(ch: char) -> Option<(bool, &'static [u32])> {
    let cp = ch as u32;
    FORM_MAPPINGS
        .binary_search_by_key(&cp, |&(c, _, _)| c)
        .ok()
        .map(|i| (FORM_MAPPINGS[i].1, FORM_MAPPINGS[i].2))
}

/// The Arabic blocks: Arabic, Arabic Supplement, Arabic Extended-B and -A,
/// and the two presentation-form blocks (as `mixscript.unicode.chars`).
pub const ARABIC_BLOCKS: [(u32, u32); 5] = [
    (0x0600, 0x06FF),
    (0x0750, 0x077F),
    (0x0870, 0x08FF),
    (0xFB50, 0xFDFF),
    (0xFE70, 0xFEFF),
];

/// Whether `ch` lies in one of the Arabic blocks.
pub fn in_arabic_blocks(ch: char) -> bool {
    let cp = ch as u32;
    ARABIC_BLOCKS.iter().any(|&(lo, hi)| lo <= cp && cp <= hi)
}

/// Letters and marks of the Arabic blocks, which ZWNJ/ZWJ may sit between.
pub fn is_arabic_letter_or_mark(ch: char) -> bool {
    in_arabic_blocks(ch) && {
        let gc = general_category(ch);
        gc.is_letter() || gc.is_mark()
    }
}

/// Whether `ch` belongs to the Arabic script: its Script is Arabic or its
/// Script_Extensions include Arab (the Arabic comma, the tatweel...).
pub fn is_arabic_script(ch: char) -> bool {
    let cp = ch as u32;
    if cp < 0x600 {
        return false;
    }
    let i = ARABIC_SCRIPT_RANGES.partition_point(|&(first, _)| first <= cp);
    i > 0 && cp <= ARABIC_SCRIPT_RANGES[i - 1].1
}

/// Python's `str.isspace`: Bidi_Class WS, B or S, or Zs.
///
/// Listed rather than derived: the set is small and has not changed since
/// Unicode 6.3 (U+180E left it then).
pub fn is_space(ch: char) -> bool {
    matches!(
        ch,
        '\t'..='\r'
            | '\u{1C}'..='\u{20}'
            | '\u{85}'
            | '\u{A0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200A}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202F}'
            | '\u{205F}'
            | '\u{3000}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn categories_from_unicode_data() {
        // UnicodeData.txt: 0628 Lo, 064E Mn, 200C Cf, 0660 Nd, 0378 unassigned.
        assert_eq!(general_category('\u{0628}'), Gc::Lo);
        assert_eq!(general_category('\u{064E}'), Gc::Mn);
        assert_eq!(general_category('\u{200C}'), Gc::Cf);
        assert_eq!(general_category('\u{0660}'), Gc::Nd);
        assert_eq!(general_category('\u{0378}'), Gc::Cn);
        assert_eq!(general_category('a'), Gc::Ll);
        // New in 15.0: ARABIC SMALL LOW WORD SAKTA, a mark.
        assert_eq!(general_category('\u{10EFD}'), Gc::Mn);
    }

    #[test]
    fn combining_classes() {
        // fatha 30, kasra 32, shadda 33, acute 230, sakta (15.0) 220.
        assert_eq!(combining_class('\u{064E}'), 30);
        assert_eq!(combining_class('\u{0650}'), 32);
        assert_eq!(combining_class('\u{0651}'), 33);
        assert_eq!(combining_class('\u{0301}'), 230);
        assert_eq!(combining_class('\u{10EFD}'), 220);
        assert_eq!(combining_class('b'), 0);
    }

    #[test]
    fn arabic_letters_and_marks() {
        assert!(is_arabic_letter_or_mark('\u{06CC}'));
        assert!(is_arabic_letter_or_mark('\u{064E}'));
        assert!(is_arabic_letter_or_mark('\u{FEFB}'));
        assert!(!is_arabic_letter_or_mark('\u{060C}')); // comma, Po
        assert!(!is_arabic_letter_or_mark('\u{0660}')); // digit
        assert!(!is_arabic_letter_or_mark('a'));
    }

    #[test]
    fn arabic_script_with_extensions() {
        // Scripts.txt: 0628 Arabic; ScriptExtensions.txt: 060C (comma) and 0640 (tatweel) list Arab.
        assert!(is_arabic_script('\u{0628}'));
        assert!(is_arabic_script('\u{060C}'));
        assert!(is_arabic_script('\u{0640}'));
        assert!(is_arabic_script('\u{1EE00}'));
        // 0605 is Common with no Arab extension; Hebrew and Latin are not Arabic.
        assert!(!is_arabic_script('\u{0605}'));
        assert!(!is_arabic_script('\u{05D0}'));
        assert!(!is_arabic_script('a'));
    }

    #[test]
    fn spaces_as_python_sees_them() {
        for ch in [' ', '\n', '\u{A0}', '\u{2009}', '\u{3000}', '\u{1F}'] {
            assert!(is_space(ch), "{ch:?}");
        }
        for ch in ['a', '\u{200B}', '\u{180E}', '\u{FEFF}'] {
            assert!(!is_space(ch), "{ch:?}");
        }
    }
}
