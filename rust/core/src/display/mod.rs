//! Text in display order for renderers that cannot do bidi: shaping, then
//! rules L1-L4 of UAX #9 line by line, with bidi controls dropped.
//!
//! `mixscript.to_visual` calls [`to_visual`] once for the whole text when it
//! does not wrap and resolves levels with the core engine; with wrapping or
//! another level engine it calls [`shaping::shape`] and [`render_line`] per
//! paragraph.  Either way every rule below has one implementation.

pub mod shaping;
mod tables;

use crate::bidi::{self, BidiClass};
use tables::MIRRORS;

/// Code points below this mirror through a direct table (Latin, Arabic, Hebrew...).
const DIRECT: usize = 0x800;

const fn direct_mirrors() -> [char; DIRECT] {
    let mut table = ['\0'; DIRECT];
    let mut i = 0;
    while i < DIRECT {
        table[i] = match char::from_u32(i as u32) {
            Some(c) => c,
            None => '\0',
        };
        i += 1;
    }
    let mut k = 0;
    while k < MIRRORS.len() {
        let (from, to) = MIRRORS[k];
        if (from as usize) < DIRECT {
            if let Some(c) = char::from_u32(to) {
                table[from as usize] = c;
            }
        }
        k += 1;
    }
    table
}

static DIRECT_MIRRORS: [char; DIRECT] = direct_mirrors();

/// The Arabic Presentation Forms-A block and the Arabic presentation forms of
/// Forms-B, which shaped text is made of, when no character there mirrors
/// (checked by the tests against the table).
const FORMS_WITHOUT_MIRRORS: (usize, usize) = (0xFB50, 0xFDFF);
const FORMS_B_WITHOUT_MIRRORS: (usize, usize) = (0xFE70, 0xFEFF);

/// The Bidi_Mirroring_Glyph of `ch`, or `ch` itself (rule L4).
pub fn mirror(ch: char) -> char {
    let cp = ch as usize;
    if cp < DIRECT {
        return DIRECT_MIRRORS[cp];
    }
    let in_range = |(lo, hi): (usize, usize)| lo <= cp && cp <= hi;
    if in_range(FORMS_WITHOUT_MIRRORS) || in_range(FORMS_B_WITHOUT_MIRRORS) {
        return ch; // shaped Arabic: presentation forms mirror to nothing
    }
    match MIRRORS.binary_search_by_key(&(cp as u32), |m| m.0) {
        Ok(i) => char::from_u32(MIRRORS[i].1).unwrap_or(ch),
        Err(_) => ch,
    }
}

/// Bidi controls have done their work once text is in display order: the
/// embeddings, overrides and isolates, and the marks LRM, RLM and ALM.
pub fn dropped_in_display(ch: char) -> bool {
    matches!(ch, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Append the line `text[start..end]` of a paragraph in visual order: its
/// levels (L1) from the paragraph's `levels`, runs reversed (L2), combining
/// marks kept after their base when `marks_after_base` (L3), characters at
/// odd levels mirrored (L4), bidi controls left out.
pub fn render_line(
    text: &[char],
    levels: &[u8],
    para: u8,
    (start, end): (usize, usize),
    marks_after_base: bool,
    out: &mut String,
) {
    let line = &text[start..end];
    let lev = bidi::line_levels(line, &levels[start..end], para);
    if lev.iter().all(|&l| l == 0) {
        // All left to right at level 0: nothing moves and nothing mirrors.
        out.extend(line.iter().filter(|&&c| !dropped_in_display(c)));
        return;
    }
    let mut order = bidi::reorder_line(&lev);
    if marks_after_base {
        order = bidi::keep_marks_after_base(line, &order, &lev);
    }
    for i in order {
        let ch = line[i];
        if !dropped_in_display(ch) {
            out.push(if lev[i] & 1 == 1 { mirror(ch) } else { ch });
        }
    }
}

/// Spans of the paragraphs of `text`, each with its separator (class B;
/// CRLF is one separator), and the separator's length.
pub fn paragraphs(text: &[char]) -> Vec<(usize, usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    let n = text.len();
    let mut i = 0;
    while i < n {
        if bidi::bidi_class(text[i]) == BidiClass::B {
            let sep = if text[i] == '\r' && text.get(i + 1) == Some(&'\n') {
                2
            } else {
                1
            };
            spans.push((start, i + sep, sep));
            start = i + sep;
            i = start;
        } else {
            i += 1;
        }
    }
    if start < n || spans.is_empty() {
        spans.push((start, n, 0));
    }
    spans
}

/// How [`to_visual`] shapes each paragraph before reordering it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shaping {
    /// Reorder only.
    None,
    /// Presentation forms, harakat kept.
    KeepHarakat,
    /// Presentation forms, harakat deleted.
    DropHarakat,
}

/// The whole of `text` in display order, one line per paragraph: each
/// paragraph shaped, its levels resolved with `base_level` (None: its first
/// strong character decides), rendered by [`render_line`] and followed by
/// its own separator.
pub fn to_visual(
    text: &[char],
    base_level: Option<u8>,
    shaping: Shaping,
    marks_after_base: bool,
) -> String {
    let mut out = String::with_capacity(text.len() * 3);
    let mut shaped: Vec<char> = Vec::new();
    for (start, end, sep) in paragraphs(text) {
        let body = &text[start..end - sep];
        let body = match shaping {
            Shaping::None => body,
            keep => {
                shaped.clear();
                shaping::shape_into(body, keep == Shaping::KeepHarakat, &mut shaped);
                &shaped[..]
            }
        };
        let (levels, para) = bidi::paragraph_levels(body, base_level);
        render_line(
            body,
            &levels,
            para,
            (0, body.len()),
            marks_after_base,
            &mut out,
        );
        out.extend(&text[end - sep..end]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vis(text: &str, shaping: Shaping) -> String {
        to_visual(&text.chars().collect::<Vec<_>>(), None, shaping, false)
    }

    #[test]
    fn no_mirrors_among_the_presentation_forms() {
        for &(cp, _) in MIRRORS {
            let cp = cp as usize;
            assert!(!(FORMS_WITHOUT_MIRRORS.0..=FORMS_WITHOUT_MIRRORS.1).contains(&cp));
            assert!(!(FORMS_B_WITHOUT_MIRRORS.0..=FORMS_B_WITHOUT_MIRRORS.1).contains(&cp));
        }
    }

    #[test]
    fn mirror_glyphs() {
        // BidiMirroring.txt: 0028; 0029 and 00AB; 00BB.
        assert_eq!(mirror('('), ')');
        assert_eq!(mirror('\u{AB}'), '\u{BB}');
        assert_eq!(mirror('a'), 'a');
    }

    #[test]
    fn hebrew_in_latin_with_brackets() {
        assert_eq!(
            vis("abc (\u{5D0}\u{5D1})", Shaping::None),
            "abc (\u{5D1}\u{5D0})"
        );
        assert_eq!(
            vis("\u{5D0} (\u{5D1})\r\nx", Shaping::None),
            "(\u{5D1}) \u{5D0}\r\nx"
        );
    }

    #[test]
    fn paragraphs_keep_crlf_together() {
        let t: Vec<char> = "ab\r\ncd\nef".chars().collect();
        assert_eq!(paragraphs(&t), vec![(0, 4, 2), (4, 7, 1), (7, 9, 0)]);
        assert_eq!(paragraphs(&[]), vec![(0, 0, 0)]);
    }

    #[test]
    fn controls_are_dropped_and_arabic_shaped() {
        // RLM dropped; beh-beh shaped then reversed: BEH FINAL, BEH INITIAL.
        assert_eq!(
            vis("\u{200F}\u{628}\u{628}", Shaping::KeepHarakat),
            "\u{FE90}\u{FE91}"
        );
    }
}
