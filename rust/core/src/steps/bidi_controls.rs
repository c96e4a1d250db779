//! The `bidi_controls` step: overrides and unbalanced controls, or every
//! bidi control.  It removes exactly what `check` reports as MS101/MS102:
//! both call [`crate::checks::unbalanced_bidi_controls`].

use super::Edit;
use crate::checks::unbalanced_bidi_controls;

/// What ends a line (Python's `str.splitlines`): the paragraph separators
/// (Bidi_Class B), VT, FF and U+2028.
pub fn is_line_break(ch: char) -> bool {
    matches!(
        ch,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{1C}'
            ..='\u{1E}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// The explicit formatting characters: embeddings, overrides, isolates and their ends.
pub fn is_bidi_control(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A bidi control or one of the marks LRM, RLM and ALM: what the step may remove.
pub fn is_bidi_control_or_mark(ch: char) -> bool {
    is_bidi_control(ch) || matches!(ch, '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// How much the `bidi_controls` step removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BidiControls {
    /// Nothing.
    Keep,
    /// Overrides and unbalanced embeddings and isolates.
    Unbalanced,
    /// Every bidi control, and LRM, RLM and ALM (search keys).
    All,
}

impl BidiControls {
    /// The option by its Python name (`keep`, `unbalanced`, `all`).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "keep" => BidiControls::Keep,
            "unbalanced" => BidiControls::Unbalanced,
            "all" => BidiControls::All,
            _ => return None,
        })
    }
}

/// The `bidi_controls` step: one deletion per control removed.
pub fn bidi_controls(text: &[char], option: BidiControls) -> Vec<Edit> {
    let positions = match option {
        BidiControls::Keep => Vec::new(),
        BidiControls::Unbalanced => unbalanced_bidi_controls(text),
        BidiControls::All => (0..text.len())
            .filter(|&i| is_bidi_control_or_mark(text[i]))
            .collect(),
    };
    positions
        .into_iter()
        .map(|i| Edit::new(i, i + 1, ""))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    #[test]
    fn step_options() {
        let text = chars("a\u{202E}b\u{202C} c\u{200F}");
        assert_eq!(
            bidi_controls(&text, BidiControls::Unbalanced),
            vec![Edit::new(1, 2, ""), Edit::new(3, 4, "")]
        );
        assert_eq!(bidi_controls(&text, BidiControls::All).len(), 3);
        assert!(bidi_controls(&text, BidiControls::Keep).is_empty());
    }
}
