//! The `zero_width` step: invisible characters that do nothing.
//!
//! ZWNJ and ZWJ carry meaning between two Arabic-script letters (Persian
//! `می‌خواهم`) and ZWJ inside an emoji sequence; next to a space, at a word's
//! edge or inside a Latin word they are noise that breaks search.  The other
//! invisible characters are hints (ZWSP, word joiner, soft hyphen, invisible
//! operators) and the byte order mark.

use super::ucd::{general_category, is_arabic_letter_or_mark, is_space};
use super::Edit;

pub const ZWNJ: char = '\u{200C}';
pub const ZWJ: char = '\u{200D}';

/// How much the step removes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ZeroWidth {
    /// Nothing.
    Keep,
    /// Joiners that join or separate nothing, doubled ZWNJ, an inner BOM,
    /// ZWSP and word joiner next to a space.
    Unused,
    /// Also every hint (ZWSP, word joiner, soft hyphen, invisible operators).
    Hints,
    /// Also every ZWNJ and ZWJ outside emoji sequences (search keys).
    Joiners,
}

impl ZeroWidth {
    /// The option by its Python name (`keep`, `unused`, `hints`, `joiners`).
    pub fn from_name(name: &str) -> Option<Self> {
        Some(match name {
            "keep" => ZeroWidth::Keep,
            "unused" => ZeroWidth::Unused,
            "hints" => ZeroWidth::Hints,
            "joiners" => ZeroWidth::Joiners,
            _ => return None,
        })
    }
}

/// The characters the step looks at.
pub fn is_zero_width(ch: char) -> bool {
    // ZWSP ZWNJ ZWJ, WJ and the invisible operators, SHY, BOM: comparisons
    // without branches (see `super::hits`).
    let cp = ch as u32;
    (cp.wrapping_sub(0x200B) <= 2) | (cp.wrapping_sub(0x2060) <= 4) | (cp == 0xAD) | (cp == 0xFEFF)
}

fn is_joiner(ch: char) -> bool {
    ch == ZWNJ || ch == ZWJ
}

fn is_emoji_part(ch: char) -> bool {
    let cp = ch as u32;
    (0x1F000..=0x1FAFF).contains(&cp)
        || (0x2600..=0x27BF).contains(&cp)
        || matches!(
            cp,
            0xFE0F | 0x2640 | 0x2642 | 0x2695 | 0x2696 | 0x2708 | 0x2764
        )
}

/// Format characters that are not transparent to joining (Joining_Type U):
/// the prepended concatenation marks.  Every other Cf character is T.
fn is_joining_format(ch: char) -> bool {
    matches!(
        ch,
        '\u{0600}'..='\u{0605}' | '\u{06DD}' | '\u{0890}' | '\u{0891}' | '\u{08E2}'
    )
}

/// The character `text[i]` would join with on side `step` (-1 or 1),
/// looking through marks, ZWNJ/ZWJ and the format characters transparent to
/// joining (RLM, ALM, a soft hyphen: Joining_Type T); `check` tells a
/// joiner at a word's edge from one inside a word by the same neighbours.
pub fn joining_neighbour(text: &[char], i: usize, step: isize) -> Option<char> {
    neighbour(text, i, step, false)
}

/// [`joining_neighbour`]; with `stop_at_joiner` another ZWNJ/ZWJ ends the
/// search (it blocks the joining).
fn neighbour(text: &[char], i: usize, step: isize, stop_at_joiner: bool) -> Option<char> {
    let mut j = i as isize + step;
    while j >= 0 && (j as usize) < text.len() {
        let ch = text[j as usize];
        if (stop_at_joiner && is_joiner(ch))
            || !general_category(ch).is_transparent()
            || is_joining_format(ch)
        {
            return Some(ch);
        }
        j += step;
    }
    None
}

fn arabic(ch: Option<char>) -> bool {
    ch.is_some_and(is_arabic_letter_or_mark)
}

/// Whether the ZWNJ or ZWJ at `text[i]` does anything: between two
/// Arabic-script letters (harakat in between skipped), for ZWJ right after
/// an Arabic letter (it gives the letter its joining form) or inside an
/// emoji sequence.
pub fn joiner_has_effect(text: &[char], i: usize) -> bool {
    if text[i] == ZWJ && arabic(neighbour(text, i, -1, true)) {
        return true;
    }
    let (Some(before), Some(after)) = (neighbour(text, i, -1, false), neighbour(text, i, 1, false))
    else {
        return false;
    };
    if is_arabic_letter_or_mark(before) && is_arabic_letter_or_mark(after) {
        return true;
    }
    text[i] == ZWJ && is_emoji_part(before) && is_emoji_part(after)
}

/// Whether `text[i]` is a ZWNJ right after another one (marks and format
/// characters between): it separates nothing the first does not.
pub fn repeats_zwnj(text: &[char], i: usize) -> bool {
    text[i] == ZWNJ && neighbour(text, i, -1, true) == Some(ZWNJ)
}

/// The nearest character beside `text[i]` that is not zero-width; a space
/// at the edges of the text.
fn visible_neighbour(text: &[char], i: usize, step: isize) -> char {
    let mut j = i as isize + step;
    while j >= 0 && (j as usize) < text.len() && is_zero_width(text[j as usize]) {
        j += step;
    }
    if j >= 0 && (j as usize) < text.len() {
        text[j as usize]
    } else {
        ' '
    }
}

/// An Arabic-script letter that is neither a mark nor a format character:
/// right beside a joiner, it is the neighbour the joining search would find.
fn is_plain_letter(ch: char) -> bool {
    is_arabic_letter_or_mark(ch) && !general_category(ch).is_transparent()
}

fn keeps(text: &[char], i: usize, option: ZeroWidth, shortcut: bool) -> bool {
    let ch = text[i];
    if shortcut
        && option != ZeroWidth::Joiners
        && is_joiner(ch)
        && i > 0
        && i + 1 < text.len()
        && is_plain_letter(text[i - 1])
        && is_plain_letter(text[i + 1])
    {
        return true; // between two letters (Persian می‌خواهم): the common case
    }
    if is_joiner(ch) {
        let keep = joiner_has_effect(text, i) && !repeats_zwnj(text, i);
        return match (option, ch) {
            (ZeroWidth::Joiners, ZWNJ) => false,
            // Only the ZWJ of an emoji sequence survives a search key.
            (ZeroWidth::Joiners, _) => {
                keep && !is_arabic_letter_or_mark(visible_neighbour(text, i, -1))
            }
            _ => keep,
        };
    }
    if ch == '\u{FEFF}' || matches!(option, ZeroWidth::Hints | ZeroWidth::Joiners) {
        return false;
    }
    ch == '\u{AD}'
        || !(is_space(visible_neighbour(text, i, -1)) || is_space(visible_neighbour(text, i, 1)))
}

fn edits(text: &[char], option: ZeroWidth, shortcut: bool) -> Vec<Edit> {
    if option == ZeroWidth::Keep {
        return Vec::new();
    }
    super::hits_past_ascii(text, is_zero_width)
        .filter(|&i| !keeps(text, i, option, shortcut))
        .map(|i| Edit::new(i, i + 1, ""))
        .collect()
}

/// The `zero_width` step: one deletion per invisible character removed.
pub fn zero_width(text: &[char], option: ZeroWidth) -> Vec<Edit> {
    edits(text, option, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    #[test]
    fn persian_zwnj_stays_noise_goes() {
        // می‌خواهم keeps its ZWNJ; the one before "x" after a space goes.
        let text = chars("می\u{200C}خواهم \u{200C}x");
        assert_eq!(
            zero_width(&text, ZeroWidth::Unused),
            vec![Edit::new(9, 10, "")]
        );
        assert_eq!(
            zero_width(&text, ZeroWidth::Joiners),
            vec![Edit::new(2, 3, ""), Edit::new(9, 10, "")]
        );
        assert!(zero_width(&text, ZeroWidth::Keep).is_empty());
    }

    #[test]
    fn doubled_zwnj_bom_and_hints() {
        // کاروان + ZWNJ + ZWNJ + سرا: the second ZWNJ goes.
        let text = chars("ن\u{200C}\u{200C}س");
        assert_eq!(
            zero_width(&text, ZeroWidth::Unused),
            vec![Edit::new(2, 3, "")]
        );
        // A BOM inside the text always goes; ZWSP between words stays under unused.
        let text = chars("a\u{FEFF}b\u{200B}c d\u{200B} e");
        assert_eq!(
            zero_width(&text, ZeroWidth::Unused),
            vec![Edit::new(1, 2, ""), Edit::new(7, 8, "")]
        );
        assert_eq!(zero_width(&text, ZeroWidth::Hints).len(), 3);
        // The soft hyphen stays under unused even next to a space.
        assert!(zero_width(&chars("a\u{AD} b"), ZeroWidth::Unused).is_empty());
    }

    #[test]
    fn zwj_after_arabic_letter_and_in_emoji() {
        // Heh + ZWJ + full stop (the hijri abbreviation): kept.
        assert!(zero_width(&chars("\u{647}\u{200D}."), ZeroWidth::Unused).is_empty());
        // Man + ZWJ + laptop: kept even for search keys.
        let emoji = chars("\u{1F468}\u{200D}\u{1F4BB}");
        assert!(zero_width(&emoji, ZeroWidth::Joiners).is_empty());
        // Inside a Latin word: noise.
        assert_eq!(
            zero_width(&chars("wo\u{200D}rd"), ZeroWidth::Unused),
            vec![Edit::new(2, 3, "")]
        );
    }

    #[test]
    fn zero_width_characters_as_listed() {
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let listed = matches!(
                ch,
                ZWNJ | ZWJ | '\u{200B}' | '\u{2060}' | '\u{AD}' | '\u{2061}'
                    ..='\u{2064}' | '\u{FEFF}'
            );
            assert_eq!(is_zero_width(ch), listed, "{ch:?}");
        }
    }

    #[test]
    fn shortcut_keeps_what_the_full_rule_keeps() {
        // Every text of up to four pieces: the shortcut for a joiner between
        // two plain letters never changes the answer.
        let pieces = [
            "می", "\u{200C}", "\u{200D}", "\u{64E}", "\u{651}", "a", " ", "\u{200F}", "\u{AD}",
            "ب", "ـ",
        ];
        let n = pieces.len();
        for code in 0..n.pow(4) {
            let mut text = String::new();
            let mut c = code;
            for _ in 0..4 {
                text.push_str(pieces[c % n]);
                c /= n;
            }
            let text = chars(&text);
            for option in [ZeroWidth::Unused, ZeroWidth::Hints, ZeroWidth::Joiners] {
                assert_eq!(edits(&text, option, true), edits(&text, option, false));
            }
        }
    }
}
