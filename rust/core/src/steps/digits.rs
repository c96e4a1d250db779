//! The `digits` step: digits written in one set.

use super::Edit;

/// The digit set to write.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Digits {
    /// Leave digits alone.
    Keep,
    /// ASCII 0-9.
    Ascii,
    /// Arabic-Indic, U+0660..U+0669.
    Arabic,
    /// Extended Arabic-Indic (Persian, Urdu), U+06F0..U+06F9.
    Persian,
}

impl Digits {
    /// The option by its Python name (`keep`, `ascii`, `arabic`, `persian`).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "keep" => Digits::Keep,
            "ascii" => Digits::Ascii,
            "arabic" => Digits::Arabic,
            "persian" => Digits::Persian,
            _ => return None,
        })
    }

    fn zero(self) -> u32 {
        match self {
            Digits::Keep | Digits::Ascii => 0x30,
            Digits::Arabic => 0x660,
            Digits::Persian => 0x6F0,
        }
    }
}

/// The value of an ASCII, Arabic-Indic or Extended Arabic-Indic digit.
fn value(ch: char) -> Option<u32> {
    let cp = ch as u32;
    [0x30, 0x660, 0x6F0]
        .into_iter()
        .find(|&zero| (zero..zero + 10).contains(&cp))
        .map(|zero| cp - zero)
}

/// Whether `ch` is an ASCII, Arabic-Indic or Extended Arabic-Indic digit.
pub fn is_digit(ch: char) -> bool {
    value(ch).is_some()
}

fn is_arabic_digit(ch: char) -> bool {
    value(ch).is_some() && !ch.is_ascii_digit()
}

/// Edits converting every maximal run of `is_digit` characters within
/// `start..end` that the conversion changes.
fn convert(
    text: &[char],
    (start, end): (usize, usize),
    target: Digits,
    is_digit: fn(char) -> bool,
    edits: &mut Vec<Edit>,
) {
    let mut i = start;
    while i < end {
        if !is_digit(text[i]) {
            i += 1;
            continue;
        }
        let s = i;
        let mut out = String::new();
        while i < end && is_digit(text[i]) {
            let ch = text[i];
            out.push(
                value(ch)
                    .and_then(|v| char::from_u32(target.zero() + v))
                    .unwrap_or(ch),
            );
            i += 1;
        }
        if out.chars().ne(text[s..i].iter().copied()) {
            edits.push(Edit::new(s, i, out));
        }
    }
}

/// The `digits` step.
///
/// Arabic-Indic and Persian digits become ASCII anywhere (`Ascii`); the
/// other sets are written only inside `arabic_runs`, the Arabic-script runs
/// of the text (`start..end`, sorted), so that ASCII digits in a Latin
/// sentence (`Image2.jpg`) stay as they are.
pub fn digits(text: &[char], target: Digits, arabic_runs: &[(usize, usize)]) -> Vec<Edit> {
    let mut edits = Vec::new();
    match target {
        Digits::Keep => {}
        Digits::Ascii => convert(text, (0, text.len()), target, is_arabic_digit, &mut edits),
        Digits::Arabic | Digits::Persian => {
            for &(start, end) in arabic_runs {
                let end = end.min(text.len());
                convert(text, (start.min(end), end), target, is_digit, &mut edits);
            }
        }
    }
    edits
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    #[test]
    fn ascii_everywhere() {
        // ۱۴۰۰ and 2024: the Persian year becomes 1400, the ASCII one stays.
        assert_eq!(
            digits(&chars("۱۴۰۰ and 2024"), Digits::Ascii, &[]),
            vec![Edit::new(0, 4, "1400")]
        );
        // A run mixing Arabic-Indic and Persian digits is one edit.
        assert_eq!(
            digits(&chars("\u{663}\u{6F4}"), Digits::Ascii, &[]),
            vec![Edit::new(0, 2, "34")]
        );
    }

    #[test]
    fn other_sets_inside_arabic_runs_only() {
        // سال 1400 است, in 2024 with the Arabic run 0..12: only 1400 changes.
        let text = chars("سال 1400 است, in 2024");
        assert_eq!(
            digits(&text, Digits::Persian, &[(0, 12)]),
            vec![Edit::new(4, 8, "۱۴۰۰")]
        );
        // Digits already in the set give no edit.
        assert!(digits(&chars("۱۴"), Digits::Persian, &[(0, 2)]).is_empty());
        assert_eq!(
            digits(&chars("۱۴"), Digits::Arabic, &[(0, 2)]),
            vec![Edit::new(0, 2, "\u{661}\u{664}")]
        );
        assert!(digits(&text, Digits::Keep, &[(0, 12)]).is_empty());
    }
}
