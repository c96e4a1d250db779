//! Character properties the steps ask about.
//!
//! General_Category, the Arabic script and blocks and `str.isspace` come
//! from [`crate::props`], the one home of per-code-point properties; the
//! NFC and presentation-form data are the steps' own.

pub use crate::props::{
    general_category, in_arabic_blocks, is_arabic_letter_or_mark, is_arabic_script, is_space,
};

use super::tables::{COMBINING_RANGES, DECOMPOSITIONS, FORM_MAPPINGS};
use crate::props::lookup;

/// Canonical_Combining_Class (0 for starters).
pub fn combining_class(ch: char) -> u8 {
    let cp = ch as u32;
    if cp < 0x300 {
        return 0;
    }
    lookup(COMBINING_RANGES, cp).unwrap_or(0)
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

/// The positional class of an Arabic presentation form (its decomposition tag).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    Initial,
    Medial,
    Final,
    Isolated,
}

impl Form {
    /// The decomposition tag's name, without its angle brackets: `initial`, ...
    pub fn name(self) -> &'static str {
        match self {
            Form::Initial => "initial",
            Form::Medial => "medial",
            Form::Final => "final",
            Form::Isolated => "isolated",
        }
    }
}

/// (positional class, full compatibility decomposition) of a presentation
/// form; the class is None for a form whose tag is not positional.
pub(crate) fn form_mapping(ch: char) -> Option<(Option<Form>, &'static [u32])> {
    let cp = ch as u32;
    FORM_MAPPINGS
        .binary_search_by_key(&cp, |&(c, _, _)| c)
        .ok()
        .map(|i| (FORM_MAPPINGS[i].1, FORM_MAPPINGS[i].2))
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
