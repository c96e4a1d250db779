//! Presentation forms and word ligatures: the `presentation_forms` and
//! `ligatures` steps.
//!
//! Both read the compatibility mappings of the presentation-form blocks
//! (`FORM_MAPPINGS`, generated from UnicodeData.txt): unshaping a form is
//! NFKC of that one character, which is NFC of its full decomposition.
//! [`positional`] is the one table of those letters, for every positional
//! form: whole-text unshaping ([`crate::visual::unshape`], for text known to
//! be drawn forms) reads it as it is; the `presentation_forms` step
//! ([`unshape`]) leaves out what it keeps.

use std::sync::OnceLock;

use super::nfc::nfc;
use super::ucd::{form_mapping, general_category, is_arabic_letter_or_mark, Form};
use super::{finish, Edit};

/// Whether `ch` is in Arabic Presentation Forms-A.
fn in_forms_a(ch: char) -> bool {
    ('\u{FB50}'..='\u{FDFF}').contains(&ch)
}

/// Whether `ch` is in Arabic Presentation Forms-B, U+FEFF (the byte order
/// mark, no form) left out.
fn in_forms_b(ch: char) -> bool {
    ('\u{FE70}'..='\u{FEFE}').contains(&ch)
}

/// Whether `ch` is a presentation form (either block).
pub fn is_presentation_form(ch: char) -> bool {
    in_forms_a(ch) || in_forms_b(ch)
}

/// Word ligatures (U+FDF0..U+FDFF) are deliberate characters, which the
/// `ligatures` step expands instead.
fn is_word_ligature(ch: char) -> bool {
    ('\u{FDF0}'..='\u{FDFF}').contains(&ch)
}

/// NFKC of one character given its full compatibility decomposition.
fn nfkc_of(parts: &[u32]) -> Vec<char> {
    let decomposed: Vec<char> = parts.iter().filter_map(|&p| char::from_u32(p)).collect();
    nfc(&decomposed)
}

/// First code point of the presentation-form blocks.
pub const FORMS_START: u32 = 0xFB50;
/// Last code point of the presentation-form blocks (U+FEFF, no form, included).
const FORMS_END: u32 = 0xFEFF;

/// A positional form's class and letters.
type Positional = (Form, Vec<char>);

/// The [`Positional`] of every positional presentation form of
/// U+FB50..U+FEFF, built once from the form mappings.
fn positional_table() -> &'static [Option<Positional>] {
    static TABLE: OnceLock<Vec<Option<Positional>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (FORMS_START..=FORMS_END)
            .map(|cp| {
                let (form, parts) = form_mapping(char::from_u32(cp)?)?;
                Some((form?, nfkc_of(parts)))
            })
            .collect()
    })
}

/// The positional class of `ch` and the letters it shows (its NFKC), if it
/// is a presentation form whose decomposition is `<initial>`, `<medial>`,
/// `<final>` or `<isolated>`: lam-alef ligatures give lam first, word
/// ligatures (U+FDF2 ALLAH) their words, the spacing harakat a space and the
/// mark.
#[inline]
pub fn positional(ch: char) -> Option<(Form, &'static [char])> {
    let cp = ch as u32;
    if !(FORMS_START..=FORMS_END).contains(&cp) {
        return None;
    }
    positional_table()[(cp - FORMS_START) as usize]
        .as_ref()
        .map(|(form, letters)| (*form, letters.as_slice()))
}

/// The letters behind one presentation form, or `None` if it has none.
///
/// The letters of [`positional`], except that word ligatures
/// (U+FDF0..U+FDFF) are left to the `ligatures` step and the spacing forms
/// of harakat (U+FE70...), a space and the mark, keep only the mark.
fn compute_unshape(ch: char) -> Option<String> {
    if is_word_ligature(ch) {
        return None;
    }
    let (_, letters) = positional(ch)?;
    let letters: String = letters.iter().collect();
    let trimmed = letters.trim_start_matches(' ');
    let out = if trimmed.is_empty() {
        letters.as_str()
    } else {
        trimmed
    };
    (out.chars().ne(std::iter::once(ch))).then(|| out.to_string())
}

/// The unshaped letters of every presentation form, built on first use.
fn unshape_table() -> &'static [Option<String>] {
    static TABLE: OnceLock<Vec<Option<String>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0xFB50u32..=0xFEFE)
            .map(|cp| char::from_u32(cp).and_then(compute_unshape))
            .collect()
    })
}

/// The letters one presentation form shows, or `None` if it stays itself.
pub fn unshape(ch: char) -> Option<&'static str> {
    if !is_presentation_form(ch) {
        return None;
    }
    unshape_table()[(ch as u32 - 0xFB50) as usize].as_deref()
}

/// Arabic base letters whose presence in a word says it was typed, not
/// shaped (the word may then hold Forms-A code points of a Quranic font).
fn is_base_letter(ch: char) -> bool {
    matches!(ch,
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{06D3}'
        | '\u{06D5}' | '\u{06EE}' | '\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}'
        | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08C9}')
        && general_category(ch).is_letter()
}

/// Edits unshaping the presentation forms of one word, `text[start..end]`.
///
/// Forms-B are always unshaped; Forms-A too when the word holds no base
/// letter (it is all forms) or holds a Forms-B form (it came out of a
/// shaper: pypdf reads Chromium's PDFs as `ا` + `ﯾ` + `ﻦ`).  Quranic fonts
/// reuse Forms-A code points beside plain letters without any Forms-B form;
/// those stay.
fn unshape_word(text: &[char], start: usize, end: usize, edits: &mut Vec<Edit>) {
    let word = &text[start..end];
    let all = !word.iter().any(|&c| is_base_letter(c)) || word.iter().any(|&c| in_forms_b(c));
    let mut i = start;
    while i < end {
        if !is_presentation_form(text[i]) {
            i += 1;
            continue;
        }
        let run_start = i;
        let mut out = String::new();
        let mut changed = false;
        while i < end && is_presentation_form(text[i]) {
            let ch = text[i];
            match unshape(ch).filter(|_| all || in_forms_b(ch)) {
                Some(letters) => {
                    out.push_str(letters);
                    changed = true;
                }
                None => out.push(ch),
            }
            i += 1;
        }
        if changed {
            edits.push(Edit::new(run_start, i, out));
        }
    }
}

/// The `presentation_forms` step: Arabic presentation forms back to letters.
///
/// A word is a maximal run of Arabic letters and marks; only words holding
/// a presentation form are looked at (see [`unshape_word`] for which forms
/// change).  Lam-alef ligatures give lam plus the alef they show, hamza and
/// madda included.  `precise`: one edit per run of forms; else one edit
/// over the whole text.
pub fn presentation_forms(text: &[char], precise: bool) -> Vec<Edit> {
    // The words are found from their forms: a word around each form not
    // inside the word before (most of a text holds no form, and its
    // blocks of ASCII are passed over unread).
    let mut edits = Vec::new();
    let mut done = 0; // where the last word looked at ends
    for i in super::hits_past_ascii(text, is_presentation_form) {
        if i < done || !is_arabic_letter_or_mark(text[i]) {
            continue; // in that word, or in none
        }
        // The word before ends at `done` or earlier (on a character of no
        // word): this one starts after it.
        let start = text[..i]
            .iter()
            .rposition(|&c| !is_arabic_letter_or_mark(c))
            .map_or(0, |k| k + 1);
        done = text[i..]
            .iter()
            .position(|&c| !is_arabic_letter_or_mark(c))
            .map_or(text.len(), |k| i + k);
        unshape_word(text, start, done, &mut edits);
    }
    finish(text, edits, precise)
}

/// Word ligatures without a Unicode decomposition, spelled out from their
/// character names (NFKC leaves them alone, hiding the words from search).
pub const LIGATURE_WORDS: [(char, &str); 20] = [
    ('\u{FD40}', "رحمه الله"),
    ('\u{FD41}', "رضي الله عنه"),
    ('\u{FD42}', "رضي الله عنها"),
    ('\u{FD43}', "رضي الله عنهم"),
    ('\u{FD44}', "رضي الله عنهما"),
    ('\u{FD45}', "رضي الله عنهن"),
    ('\u{FD46}', "صلى الله عليه وآله"),
    ('\u{FD47}', "عليه السلام"),
    ('\u{FD48}', "عليهم السلام"),
    ('\u{FD49}', "عليهما السلام"),
    ('\u{FD4A}', "عليه الصلاة والسلام"),
    ('\u{FD4B}', "قدس سره"),
    ('\u{FD4C}', "صلى الله عليه وآله وسلم"),
    ('\u{FD4D}', "عليها السلام"),
    ('\u{FD4E}', "تبارك وتعالى"),
    ('\u{FD4F}', "رحمهم الله"),
    ('\u{FDCF}', "سلامه علينا"),
    ('\u{FDFD}', "بسم الله الرحمن الرحيم"),
    ('\u{FDFE}', "سبحانه وتعالى"),
    ('\u{FDFF}', "عز وجل"),
];

/// Whether `ch` is a word ligature the `ligatures` step looks at.
pub fn is_ligature(ch: char) -> bool {
    matches!(ch, '\u{FDCF}' | '\u{FD40}'..='\u{FD4F}' | '\u{FDF0}'..='\u{FDFF}')
}

/// The words a ligature stands for, or `None` if it has none.
fn expand_ligature(ch: char) -> Option<String> {
    if let Ok(i) = LIGATURE_WORDS.binary_search_by_key(&ch, |&(c, _)| c) {
        return Some(LIGATURE_WORDS[i].1.to_string());
    }
    let (_, parts) = form_mapping(ch)?;
    let out: String = nfkc_of(parts).into_iter().collect();
    (out.chars().ne(std::iter::once(ch))).then_some(out)
}

/// The `ligatures` step: spell out word ligatures (U+FDFD the basmala,
/// U+FDFA, U+FD40..U+FD4F and the rest), one edit each.
pub fn ligatures(text: &[char]) -> Vec<Edit> {
    super::hits_past_ascii(text, is_ligature)
        .filter_map(|i| expand_ligature(text[i]).map(|words| Edit::new(i, i + 1, words)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    #[test]
    fn unshapes_by_hand() {
        // FEF7 LAM WITH ALEF WITH HAMZA ABOVE ISOLATED: lam + alef with hamza above.
        assert_eq!(unshape('\u{FEF7}'), Some("\u{644}\u{623}"));
        // FE91 BEH INITIAL FORM; FE76 FATHA ISOLATED (space + fatha): the mark only.
        assert_eq!(unshape('\u{FE91}'), Some("\u{628}"));
        assert_eq!(unshape('\u{FE76}'), Some("\u{64E}"));
        // FBDD U WITH HAMZA ABOVE ISOLATED: 0677 is <compat> 06C7 0674.
        assert_eq!(unshape('\u{FBDD}'), Some("\u{6C7}\u{674}"));
        // FE73 TAIL FRAGMENT has no mapping; FDFA is a word ligature; 0628 is no form.
        assert_eq!(unshape('\u{FE73}'), None);
        assert_eq!(unshape('\u{FDFA}'), None);
        assert_eq!(unshape('\u{628}'), None);
    }

    #[test]
    fn a_shaped_word_becomes_letters() {
        // ﻷﻧﻪ (lam-alef-hamza, noon medial, heh final) is لأنه.
        let text = chars("\u{FEF7}\u{FEE7}\u{FEEA}");
        assert_eq!(
            presentation_forms(&text, true),
            vec![Edit::new(0, 3, "\u{644}\u{623}\u{646}\u{647}")]
        );
    }

    #[test]
    fn forms_a_beside_plain_letters_stay_unless_forms_b_is_there() {
        // Plain beh + Forms-A FB58 (peh initial): a Quranic-font word, kept.
        assert!(presentation_forms(&chars("\u{628}\u{FB58}"), true).is_empty());
        // Forms-A alone: unshaped (FB58 is peh, 067E).
        assert_eq!(
            presentation_forms(&chars("\u{FB58} x"), true),
            vec![Edit::new(0, 1, "\u{67E}")]
        );
        // alef + FBFE (farsi yeh initial) + FEE6 (noon final): from a shaper, all unshaped.
        assert_eq!(
            presentation_forms(&chars("\u{627}\u{FBFE}\u{FEE6}"), true),
            vec![Edit::new(1, 3, "\u{6CC}\u{646}")]
        );
        // The fast form gives the same text as one edit.
        assert_eq!(
            presentation_forms(&chars("a \u{627}\u{FBFE}\u{FEE6}"), false),
            vec![Edit::new(0, 5, "a \u{627}\u{6CC}\u{646}")]
        );
    }

    #[test]
    fn ligatures_by_hand() {
        assert_eq!(
            ligatures(&chars("\u{FDFD}")),
            vec![Edit::new(0, 1, "بسم الله الرحمن الرحيم")]
        );
        // FDF2 ALLAH ISOLATED FORM: <isolated> 0627 0644 0644 0647.
        assert_eq!(
            ligatures(&chars("x\u{FDF2}")),
            vec![Edit::new(1, 2, "\u{627}\u{644}\u{644}\u{647}")]
        );
        assert!(ligatures(&chars("\u{FE91}")).is_empty());
        assert!(LIGATURE_WORDS.windows(2).all(|w| w[0].0 < w[1].0));
    }

    /// [`presentation_forms`] as it was, reading every character: the
    /// oracle of the one that finds the words from their forms.
    fn presentation_forms_by_words(text: &[char], precise: bool) -> Vec<Edit> {
        let mut edits = Vec::new();
        if !text.iter().any(|&c| is_presentation_form(c)) {
            return edits;
        }
        let mut i = 0;
        while i < text.len() {
            if !is_arabic_letter_or_mark(text[i]) {
                i += 1;
                continue;
            }
            let start = i;
            let mut has_form = false;
            while i < text.len() && is_arabic_letter_or_mark(text[i]) {
                has_form |= is_presentation_form(text[i]);
                i += 1;
            }
            if has_form {
                unshape_word(text, start, i, &mut edits);
            }
        }
        finish(text, edits, precise)
    }

    /// [`ligatures`] as it was, reading every character.
    fn ligatures_by_characters(text: &[char]) -> Vec<Edit> {
        text.iter()
            .enumerate()
            .filter(|&(_, &c)| is_ligature(c))
            .filter_map(|(i, &c)| expand_ligature(c).map(|words| Edit::new(i, i + 1, words)))
            .collect()
    }

    #[test]
    fn forms_and_ligatures_found_from_their_hits_as_by_every_character() {
        // Words of forms, of letters and forms, forms of no word (spacing
        // harakat, U+FEFF, the rial sign), word ligatures, marks, ASCII
        // runs longer than a block, at every place in a block.
        let pieces = [
            "a",
            " ",
            "an ASCII run that fills two blocks, and more",
            "\u{627}",
            "\u{628}\u{64E}",
            "\u{FEF7}",
            "\u{FEE7}\u{FEEA}",
            "\u{FB58}",
            "\u{FBFE}",
            "\u{FE76}",
            "\u{FE73}",
            "\u{FEFF}",
            "\u{FDFC}",
            "\u{FDFD}",
            "\u{FDF2}",
            "\u{FD40}",
            "\u{FDCF}",
            "\u{FDFA}",
            "\u{640}",
            "\u{200C}",
            "\u{2019}",
            "\n",
        ];
        for text in crate::generated_texts(&pieces, 0x9E37_79B9_7F4A_7C15, 14, 3000) {
            for start in 0..text.len().min(3) {
                let part = &text[start..];
                for precise in [true, false] {
                    assert_eq!(
                        presentation_forms(part, precise),
                        presentation_forms_by_words(part, precise),
                        "{part:?}"
                    );
                }
                assert_eq!(ligatures(part), ligatures_by_characters(part), "{part:?}");
            }
        }
    }
}
