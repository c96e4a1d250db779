//! Contextual shaping: Arabic letters to their presentation forms, in logical order.
//!
//! Renderers without a shaping engine (Pillow without libraqm, matplotlib,
//! reportlab, LED signs) draw each code point as its own glyph, so joined
//! Arabic only appears when the text already holds the positional
//! presentation forms (U+FB50..U+FDFF, U+FE70..U+FEFF).  [`shape`] picks
//! them from the letters' joining types and the forms that exist, and
//! makes the lam-alef ligatures and (unless harakat are kept and present)
//! the ALLAH ligature.
//!
//! The rules are those of arabic-reshaper (its `Arabic` letter set, harakat
//! list, ZWJ support and these five ligatures), which the Python test suite
//! uses as an independent oracle; the letters and their forms come from the
//! Unicode data (`tables.rs`), which gives exactly arabic-reshaper's letter
//! set plus the three tatweels with a mark (U+0883..U+0885, Joining_Type C),
//! which join like tatweel here and stop the word there.
//!
//! The Arabic letters Unicode gives no presentation form at all (U+0620
//! KASHMIRI YEH, U+06C2 HEH GOAL WITH HAMZA ABOVE, most of Arabic
//! Supplement and Extended-A) join by their Joining_Type (ArabicShaping.txt),
//! as a shaping renderer joins them: their neighbours take their joining
//! forms, and the letter, having no form, is written as itself.
//! arabic-reshaper does not know them and breaks the word there, drawing
//! the letters beside them isolated or final as if a space stood between.
//! A letter that has forms joins only where it has the form to show it
//! (U+06BA NOON GHUNNA, isolated and final forms only, does not join the
//! letter after it), as in arabic-reshaper: its one-sided join is drawn
//! whole, where joining both sides would leave the letter itself, unjoined,
//! between two joining neighbours.  One more deliberate
//! difference: arabic-reshaper
//! removes a ZWJ from its letter list but not from the text it matches
//! ligatures in, and files harakat by list position, so after a ZWJ a
//! ligature lands on the wrong letters (or raises IndexError) and a haraka on
//! the next letter.  Here a ZWJ keeps its place while shaping and is dropped
//! only when the result is written, so what follows it is shaped as if it
//! were not there, and a haraka after a ZWJ stays after the letter before it.

use super::tables::{ALLAH, ALLAH_LETTERS, LAM_ALEF, LETTERS};
use crate::props::{general_category, in_arabic_blocks, Gc};

const LAM: char = '\u{0644}';
const ZWJ: char = '\u{200D}';
const NO_LETTER: u16 = u16::MAX;

/// The marks kept in place (or deleted) and skipped when letters join: the
/// harakat list of arabic-reshaper, Quranic annotation marks and small
/// letters included.  Wider than Joining_Type T inside the Arabic block
/// (U+06E5, U+06E6 are small letters) and narrower outside it (no Latin
/// combining marks, no bidi controls: those stop a join, as they do there).
const HARAKAT: &[(u32, u32)] = &[
    (0x0610, 0x061A),
    (0x064B, 0x065F),
    (0x0670, 0x0670),
    (0x06D6, 0x06DC),
    (0x06DF, 0x06E8),
    (0x06EA, 0x06ED),
    (0x08D4, 0x08FF),
];

/// True for the marks [`shape`] keeps after their letter or deletes.
pub fn is_harakah(ch: char) -> bool {
    kind(ch) == HARAKAH
}

/// True for a nonspacing mark of the Arabic blocks: with harakat kept, one
/// of these anywhere in the text turns the ALLAH ligature off, because the
/// one-glyph ligature has no place for the shadda and kasra written on the
/// word; they would be drawn after it, on the wrong glyph.
pub fn is_arabic_mark(ch: char) -> bool {
    in_arabic_blocks(ch) && general_category(ch) == Gc::Mn
}

/// What a character of U+0600..U+08FF is to [`shape`]: an index into
/// [`LETTERS`], [`HARAKAH`] or [`NO_LETTER`], in one direct table.
const BLOCK: std::ops::Range<u32> = 0x600..0x900;
const HARAKAH: u16 = u16::MAX - 1;
const BLOCK_LEN: usize = (BLOCK.end - BLOCK.start) as usize;

const fn block_kinds() -> [u16; BLOCK_LEN] {
    let mut table = [NO_LETTER; BLOCK_LEN];
    let mut i = 0;
    while i < LETTERS.len() {
        let cp = LETTERS[i].0;
        if cp >= BLOCK.start && cp < BLOCK.end {
            table[(cp - BLOCK.start) as usize] = i as u16;
        }
        i += 1;
    }
    let mut r = 0;
    while r < HARAKAT.len() {
        let mut cp = HARAKAT[r].0;
        while cp <= HARAKAT[r].1 {
            table[(cp - BLOCK.start) as usize] = HARAKAH;
            cp += 1;
        }
        r += 1;
    }
    table
}

static BLOCK_KINDS: [u16; BLOCK_LEN] = block_kinds();

/// [`HARAKAH`], the index of a letter in [`LETTERS`], or [`NO_LETTER`].
fn kind(ch: char) -> u16 {
    let cp = ch as u32;
    if BLOCK.contains(&cp) {
        return BLOCK_KINDS[(cp - BLOCK.start) as usize];
    }
    if cp < BLOCK.end {
        return NO_LETTER;
    }
    match LETTERS.binary_search_by_key(&cp, |l| l.0) {
        Ok(i) => i as u16,
        Err(_) => NO_LETTER,
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Form {
    Isolated = 0,
    Initial = 1,
    Medial = 2,
    Final = 3,
    /// Written as it is: not a joining letter, or already a ligature.
    Plain,
}

#[derive(Clone, Copy)]
struct Slot {
    ch: char,
    letter: u16,
    form: Form,
    /// Part of a ligature written at an earlier slot.
    gone: bool,
}

/// Joins the letter before it (Joining_Type D, R or C, and a final form if it has forms).
fn joins_before(letter: u16) -> bool {
    LETTERS[letter as usize].2
}

/// Joins the letter after it (Joining_Type D or C, and an initial form if it has forms).
fn joins_after(letter: u16) -> bool {
    LETTERS[letter as usize].3
}

/// `text` with Arabic letters in their contextual presentation forms.
///
/// `keep_harakat` keeps the harakat (after the letter they follow, which is
/// where a renderer without shaping draws them once the line is reversed);
/// otherwise they are deleted.  Everything that is not a joining Arabic
/// letter, a haraka, tatweel or ZWJ is copied and stops joining; a letter
/// with no presentation form for its position is written as itself.
pub fn shape(text: &[char], keep_harakat: bool) -> String {
    let mut out = Vec::with_capacity(text.len());
    shape_into(text, keep_harakat, &mut out);
    out.into_iter().collect()
}

/// [`shape`], appending to `out`.
pub fn shape_into(text: &[char], keep_harakat: bool, out: &mut Vec<char>) {
    // Fast path: nothing to shape (Latin, digits, Hebrew...).
    if !text
        .iter()
        .any(|&c| (0x0610..=0x08FF).contains(&(c as u32)) || c == ZWJ)
    {
        out.extend_from_slice(text);
        return;
    }
    // Whether ALLAH may be used is only asked when its letters are there.
    let allah = || !(keep_harakat && text.iter().any(|&c| is_arabic_mark(c)));
    let mut slots: Vec<Slot> = Vec::with_capacity(text.len());
    // (slot the mark follows + 1, mark); 0 is "before every slot".
    let mut marks: Vec<(usize, char)> = Vec::new();
    for &ch in text {
        let letter = kind(ch);
        if letter == HARAKAH {
            if keep_harakat {
                marks.push((slots.len(), ch));
            }
            continue;
        }
        if letter == NO_LETTER {
            slots.push(Slot {
                ch,
                letter,
                form: Form::Plain,
                gone: false,
            });
            continue;
        }
        let mut form = Form::Isolated;
        if let Some(prev) = slots.last_mut() {
            // A final letter that joins after is dual-joining: it becomes medial.
            let joins =
                prev.form != Form::Plain && joins_before(letter) && joins_after(prev.letter);
            if joins {
                prev.form = if prev.form == Form::Isolated {
                    Form::Initial
                } else {
                    Form::Medial
                };
                form = Form::Final;
            }
        }
        slots.push(Slot {
            ch,
            letter,
            form,
            gone: false,
        });
    }
    ligatures(&mut slots, allah);
    let mut next_mark = 0;
    let mut emit_marks = |upto: usize, out: &mut Vec<char>| {
        while next_mark < marks.len() && marks[next_mark].0 <= upto {
            out.push(marks[next_mark].1);
            next_mark += 1;
        }
    };
    emit_marks(0, out);
    for (i, slot) in slots.iter().enumerate() {
        if !slot.gone && slot.ch != ZWJ {
            match slot.form {
                Form::Plain => out.push(slot.ch),
                form => {
                    let cp = LETTERS[slot.letter as usize].1[form as usize];
                    // A letter without presentation forms (U+0620): itself,
                    // which is all there is.
                    out.push(char::from_u32(cp).filter(|_| cp != 0).unwrap_or(slot.ch));
                }
            }
        }
        emit_marks(i + 1, out);
    }
}

/// Lam-alef and ALLAH, left to right, never overlapping; ALLAH first where
/// both could start (they cannot: one starts with alef, the other with lam).
/// A match whose ligature has no form for its position (ALLAH inside a
/// word) is left as letters and skipped whole.
fn ligatures(slots: &mut [Slot], allah: impl Fn() -> bool) {
    let mut allah_allowed: Option<bool> = None;
    let n = slots.len();
    let mut i = 0;
    while i < n {
        let (end, isolated, final_) = if i + 4 <= n
            && slots[i..i + 4]
                .iter()
                .zip(ALLAH_LETTERS)
                .all(|(s, c)| s.ch == c)
            && *allah_allowed.get_or_insert_with(&allah)
        {
            (i + 4, ALLAH, 0)
        } else if slots[i].ch == LAM && i + 1 < n {
            match LAM_ALEF.iter().find(|l| l.0 == slots[i + 1].ch as u32) {
                Some(&(_, isolated, final_)) => (i + 2, isolated, final_),
                None => {
                    i += 1;
                    continue;
                }
            }
        } else {
            i += 1;
            continue;
        };
        let starts_word = matches!(slots[i].form, Form::Isolated | Form::Initial);
        let ends_word = matches!(slots[end - 1].form, Form::Isolated | Form::Final);
        // A ligature that joins on its left (initial, medial) is never in the table.
        let cp = match (starts_word, ends_word) {
            (true, true) => isolated,
            (false, true) => final_,
            _ => 0,
        };
        if let Some(lig) = char::from_u32(cp).filter(|_| cp != 0) {
            slots[i].ch = lig;
            slots[i].form = Form::Plain;
            for slot in &mut slots[i + 1..end] {
                slot.gone = true;
            }
        }
        i = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arabic_marks_are_the_nonspacing_marks_of_the_arabic_blocks() {
        // DerivedGeneralCategory.txt: 064E FATHA, 0670 superscript alef,
        // 08FF and 0898 (Arabic Extended-B/A) are Mn; 06DD (end of ayah) is
        // Cf, 0903 (Devanagari visarga) Mc outside the blocks, 0300 Mn
        // outside them, FE76 a spacing form (Lo).
        for ch in ['\u{064E}', '\u{0670}', '\u{08FF}', '\u{0898}', '\u{0610}'] {
            assert!(is_arabic_mark(ch), "{ch:?}");
        }
        for ch in [
            '\u{06DD}', '\u{0903}', '\u{0300}', '\u{FE76}', '\u{0628}', 'a',
        ] {
            assert!(!is_arabic_mark(ch), "{ch:?}");
        }
    }

    fn sh(text: &str, keep: bool) -> String {
        shape(&text.chars().collect::<Vec<_>>(), keep)
    }

    #[test]
    fn harakat_and_letters_in_the_direct_table() {
        assert!(is_harakah('\u{64E}') && is_harakah('\u{8FF}') && is_harakah('\u{6E5}'));
        assert!(!is_harakah('\u{628}') && !is_harakah('\u{301}') && !is_harakah('\u{6DD}'));
        assert_eq!(LETTERS[kind('\u{628}') as usize].0, 0x628);
        assert_eq!(LETTERS[kind('\u{200D}') as usize].0, 0x200D);
        assert_eq!(kind('a'), NO_LETTER);
        assert!(LETTERS.len() < HARAKAH as usize);
    }

    #[test]
    fn every_form_a_letter_with_forms_can_be_given_exists() {
        for &(cp, forms, before, after) in LETTERS {
            if forms == [0; 4] {
                continue; // no forms at all: written as itself wherever it is
            }
            assert_ne!(forms[0], 0, "{cp:04X} isolated");
            if before {
                assert_ne!(forms[3], 0, "{cp:04X} final");
            }
            if after {
                assert_ne!(forms[1], 0, "{cp:04X} initial");
            }
            if before && after {
                assert_ne!(forms[2], 0, "{cp:04X} medial");
            }
        }
    }

    #[test]
    fn joining_types_of_letters_without_forms() {
        // ArabicShaping.txt: 0620 D, 063B D, 066E D, 06C2 D, 0750 D,
        // 0759 R, 076B R, 08A0 D, 08AA R; 0621 (hamza) U.
        let joins = |c: char| {
            let k = kind(c);
            (joins_before(k), joins_after(k))
        };
        for c in [
            '\u{620}', '\u{63B}', '\u{66E}', '\u{6C2}', '\u{750}', '\u{8A0}',
        ] {
            assert_eq!(joins(c), (true, true), "{c:?}");
        }
        for c in ['\u{759}', '\u{76B}', '\u{8AA}'] {
            assert_eq!(joins(c), (true, false), "{c:?}");
        }
        assert_eq!(joins('\u{621}'), (false, false));
        // Not Arabic script, though D in ArabicShaping.txt: Syriac OLAPH is R,
        // NKo A is D; they join their own script only and stay out.
        assert_eq!(kind('\u{0710}'), NO_LETTER);
        assert_eq!(kind('\u{07CA}'), NO_LETTER);
    }

    #[test]
    fn neighbours_join_a_letter_without_forms_which_is_written_as_itself() {
        // Dual-joining KASHMIRI YEH between two behs: BEH INITIAL FORM,
        // the yeh (no medial form exists), BEH FINAL FORM.
        assert_eq!(sh("\u{628}\u{620}\u{628}", true), "\u{FE91}\u{620}\u{FE90}");
        // Alone, first or last it is itself too; the beh before it is
        // initial (FE91), after it final (FE90).
        assert_eq!(sh("\u{620}", true), "\u{620}");
        assert_eq!(sh("\u{620}\u{628}", true), "\u{620}\u{FE90}");
        assert_eq!(sh("\u{628}\u{620}", true), "\u{FE91}\u{620}");
        // HEH GOAL WITH HAMZA ABOVE after HEH GOAL: HEH GOAL INITIAL FORM.
        assert_eq!(sh("\u{6C1}\u{6C2}", true), "\u{FBA8}\u{6C2}");
        // LAM INITIAL FORM before U+0750; MEEM FINAL FORM after U+08A0.
        assert_eq!(sh("\u{644}\u{750}", true), "\u{FEDF}\u{750}");
        assert_eq!(sh("\u{8A0}\u{645}", true), "\u{8A0}\u{FEE2}");
        // Right-joining U+0759 (dal with dots and tah): joined from the
        // right only, so the beh after it is BEH ISOLATED FORM (FE8F).
        assert_eq!(sh("\u{628}\u{759}\u{628}", true), "\u{FE91}\u{759}\u{FE8F}");
        // Harakat stay transparent, ZWNJ still stops the join.
        assert_eq!(sh("\u{628}\u{64E}\u{620}", true), "\u{FE91}\u{64E}\u{620}");
        assert_eq!(
            sh("\u{628}\u{200C}\u{620}", true),
            "\u{FE8F}\u{200C}\u{620}"
        );
    }

    #[test]
    fn letters_with_some_forms_join_only_where_they_have_one() {
        // NOON GHUNNA (D) has only ISOLATED (FB9E) and FINAL (FB9F) forms:
        // it joins a beh before it (BEH INITIAL FE91), not one after it
        // (BEH ISOLATED FE8F).  U+0677 (R) has only an isolated form (FBDD):
        // the beh before it stays isolated.
        assert_eq!(sh("\u{628}\u{6BA}", true), "\u{FE91}\u{FB9F}");
        assert_eq!(sh("\u{6BA}\u{628}", true), "\u{FB9E}\u{FE8F}");
        assert_eq!(sh("\u{628}\u{677}", true), "\u{FE8F}\u{FBDD}");
    }

    #[test]
    fn beh_beh_is_initial_final() {
        // U+FE91 BEH INITIAL FORM, U+FE90 BEH FINAL FORM (UnicodeData.txt).
        assert_eq!(sh("\u{628}\u{628}", true), "\u{FE91}\u{FE90}");
        assert_eq!(
            sh("\u{628}\u{628}\u{628}", true),
            "\u{FE91}\u{FE92}\u{FE90}"
        );
    }

    #[test]
    fn right_joining_letters_break_the_word() {
        // dal joins only the letter before it: beh-dal-beh is BEH INITIAL, DAL FINAL, BEH ISOLATED.
        assert_eq!(
            sh("\u{628}\u{62F}\u{628}", true),
            "\u{FE91}\u{FEAA}\u{FE8F}"
        );
    }

    #[test]
    fn harakat_are_transparent_kept_or_deleted() {
        // kaf-fatha-teh: the fatha does not stop the join.
        assert_eq!(sh("\u{643}\u{64E}\u{62A}", true), "\u{FEDB}\u{64E}\u{FE96}");
        assert_eq!(sh("\u{643}\u{64E}\u{62A}", false), "\u{FEDB}\u{FE96}");
    }

    #[test]
    fn lam_alef_ligatures() {
        assert_eq!(sh("\u{644}\u{627}", true), "\u{FEFB}");
        // after beh: the final form.
        assert_eq!(sh("\u{628}\u{644}\u{627}", true), "\u{FE91}\u{FEFC}");
        assert_eq!(sh("\u{644}\u{622}", true), "\u{FEF5}");
    }

    #[test]
    fn allah_only_alone_and_without_harakat() {
        let allah = "\u{627}\u{644}\u{644}\u{647}";
        assert_eq!(sh(allah, true), "\u{FDF2}");
        // with a shadda kept, the letters are shaped one by one (alef, lam, lam, heh).
        let marked = "\u{627}\u{644}\u{644}\u{651}\u{647}";
        assert_eq!(sh(marked, true), "\u{FE8D}\u{FEDF}\u{FEE0}\u{651}\u{FEEA}");
        assert_eq!(sh(marked, false), "\u{FDF2}");
        // after beh the alef is final: no ligature.
        assert_eq!(
            sh(&format!("\u{628}{allah}"), true),
            "\u{FE91}\u{FE8E}\u{FEDF}\u{FEE0}\u{FEEA}"
        );
    }

    #[test]
    fn zwj_forces_joining_and_is_dropped_zwnj_stops_it() {
        assert_eq!(sh("\u{628}\u{200D}", true), "\u{FE91}");
        assert_eq!(
            sh("\u{628}\u{200C}\u{628}", true),
            "\u{FE8F}\u{200C}\u{FE8F}"
        );
        // A haraka after a ZWJ stays after the letter before it.
        assert_eq!(
            sh("\u{628}\u{200D}\u{64E}\u{62A}", true),
            "\u{FE91}\u{64E}\u{FE96}"
        );
        // lam-alef after a ZWJ (arabic-reshaper raises IndexError here).
        assert_eq!(
            sh("\u{628}\u{200D}\u{644}\u{627}", true),
            "\u{FE91}\u{FEFC}"
        );
    }

    #[test]
    fn tatweel_joins_both_ways() {
        assert_eq!(sh("\u{628}\u{640}\u{628}", true), "\u{FE91}\u{640}\u{FE90}");
    }

    #[test]
    fn latin_is_copied() {
        assert_eq!(sh("abc (1)", true), "abc (1)");
        assert_eq!(sh("", true), "");
    }
}
