//! Small per-character steps: `tatweel`, `harakat` and `fold`.

use super::forms::is_ligature;
use super::ucd::{general_category, in_arabic_blocks};
use super::{finish, Edit};

const TATWEEL: char = '\u{0640}';

/// Whether a tatweel beside `ch` stretches a word: an Arabic-block letter
/// other than tatweel itself, or a word ligature (U+FDFD...).
fn stretches(ch: Option<&char>) -> bool {
    ch.is_some_and(|&c| {
        c != TATWEEL && (in_arabic_blocks(c) && general_category(c).is_letter() || is_ligature(c))
    })
}

fn is_mark(ch: char) -> bool {
    general_category(ch).is_mark()
}

/// Edits deleting each maximal run of characters matching `is_target`
/// (which holds for no ASCII character: blocks of ASCII are passed over).
fn runs<'a>(
    text: &'a [char],
    is_target: impl Fn(char) -> bool + Copy + 'a,
) -> impl Iterator<Item = (usize, usize)> + 'a {
    let mut done = 0;
    super::hits_past_ascii(text, is_target).filter_map(move |start| {
        if start < done {
            return None; // inside the run before
        }
        done = start + 1;
        while done < text.len() && is_target(text[done]) {
            done += 1;
        }
        Some((start, done))
    })
}

/// The `tatweel` step: remove runs of tatweel (kashida) touching an
/// Arabic-script letter or word ligature; a lone placeholder stays.
///
/// A run is judged by the letters around it, looking through marks: the
/// base before it (the letter that the marks and tatweels before the run
/// extend) and the character after the marks that follow it.  Marks right after a run sit
/// on the tatweel itself: such a run is a carrier and goes only when a
/// letter before it can take its marks.  A carrier with no letter before it
/// (`ـَ`, how a lone haraka is written) stays; so does a run between a
/// carrier and nothing, so that removing one tatweel never exposes another
/// to a second pass (every profile is idempotent).
pub fn tatweel(text: &[char]) -> Vec<Edit> {
    runs(text, |c| c == TATWEEL)
        .filter(|&(s, e)| {
            let base = text[..s].iter().rposition(|&c| c != TATWEEL && !is_mark(c));
            let after = e + text[e..].iter().take_while(|&&c| is_mark(c)).count();
            let carries = after > e;
            stretches(base.and_then(|b| text.get(b))) || (!carries && stretches(text.get(after)))
        })
        .map(|(s, e)| Edit::new(s, e, ""))
        .collect()
}

/// The marks `harakat` removes: harakat, superscript alef, Quranic
/// annotation and honorific marks, Quranic small waw and yeh (U+06E5,
/// U+06E6).  Not madda and hamza above/below (U+0653..U+0655: NFC composes
/// them into letters) nor wavy hamza below (U+065F).
pub fn is_haraka(ch: char) -> bool {
    matches!(ch,
        '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{0652}' | '\u{0656}'..='\u{065E}' | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}' | '\u{06DF}'..='\u{06E8}' | '\u{06EA}'..='\u{06ED}'
        | '\u{0898}'..='\u{089F}' | '\u{08CA}'..='\u{08E1}' | '\u{08E3}'..='\u{08FF}')
}

/// The `harakat` step: one deletion per run of harakat.
pub fn harakat(text: &[char]) -> Vec<Edit> {
    runs(text, is_haraka)
        .map(|(s, e)| Edit::new(s, e, ""))
        .collect()
}

const ALEF: char = '\u{0627}';

/// The letter `ch` folds to, for the letters `fold` changes on their own.
fn folded(ch: char) -> Option<char> {
    Some(match ch {
        // Alef with hamza above, below, madda, wasla, wavy hamza above/below.
        '\u{0623}' | '\u{0625}' | '\u{0622}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => ALEF,
        '\u{0649}' | '\u{06CC}' => '\u{064A}', // alef maksura, Farsi yeh -> yeh
        '\u{06A9}' => '\u{0643}',              // keheh -> kaf
        '\u{0629}' => '\u{0647}',              // teh marbuta -> heh
        _ => return None,
    })
}

fn is_alef(ch: char) -> bool {
    ch == ALEF || matches!(folded(ch), Some(ALEF))
}

fn is_hamza_or_madda(ch: char) -> bool {
    ('\u{0653}'..='\u{0655}').contains(&ch)
}

/// Whether `fold` can change a text that holds `ch` (a text holding none
/// of these is left as it is).
pub fn may_fold(ch: char) -> bool {
    folded(ch).is_some() || is_hamza_or_madda(ch)
}

/// The `fold` step: alef variants to alef, every yeh to ي, keheh to ك,
/// teh marbuta to heh.  An alef followed by hamza or madda marks is one
/// unit that becomes a plain alef (folding only the letter would leave a
/// mark that NFC composes straight back).
pub fn fold(text: &[char], precise: bool) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let ch = text[i];
        if is_alef(ch) && text.get(i + 1).is_some_and(|&c| is_hamza_or_madda(c)) {
            let start = i;
            i += 1;
            while i < text.len() && is_hamza_or_madda(text[i]) {
                i += 1;
            }
            edits.push(Edit::new(start, i, ALEF.to_string()));
            continue;
        }
        if let Some(to) = folded(ch) {
            edits.push(Edit::new(i, i + 1, to.to_string()));
        }
        i += 1;
    }
    finish(text, edits, precise)
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    #[test]
    fn tatweel_inside_words_only() {
        // التاريـــخ: the three tatweels at 6..9 go.
        assert_eq!(tatweel(&chars("التاريـــخ")), vec![Edit::new(6, 9, "")]);
        // A lone placeholder between spaces stays; next to the basmala ligature it goes.
        assert!(tatweel(&chars("a \u{640} b")).is_empty());
        // A tatweel carrying a fatha with no letter before it writes a lone
        // haraka: it stays, alone or before a letter.
        assert!(tatweel(&chars("\u{640}\u{64E}")).is_empty());
        assert!(tatweel(&chars("\u{640}\u{64E}\u{628}")).is_empty());
        // After beh the carrier goes and beh takes the fatha; a bare run before beh goes.
        assert_eq!(
            tatweel(&chars("\u{628}\u{640}\u{64E}")),
            vec![Edit::new(1, 2, "")]
        );
        assert_eq!(tatweel(&chars("\u{640}\u{628}")), vec![Edit::new(0, 1, "")]);
        // Beh, kasra, tatweel, teh: the base before the run is beh, under its kasra.
        assert_eq!(
            tatweel(&chars("\u{628}\u{650}\u{640}\u{62A}")),
            vec![Edit::new(2, 3, "")]
        );
        // Tatweel, fatha, tatweel: neither run has a letter beside it.
        assert!(tatweel(&chars("\u{640}\u{64E}\u{640}")).is_empty());
        // Meem, tatweel, fatha, tatweel: both runs extend meem and go together.
        assert_eq!(
            tatweel(&chars("\u{645}\u{640}\u{64E}\u{640}")),
            vec![Edit::new(1, 2, ""), Edit::new(3, 4, "")]
        );
        assert_eq!(
            tatweel(&chars("\u{FDFD}\u{640}")),
            vec![Edit::new(1, 2, "")]
        );
    }

    #[test]
    fn harakat_runs() {
        // بِسْمِ: kasra, sukun, kasra.
        assert_eq!(
            harakat(&chars("بِسْمِ")),
            vec![
                Edit::new(1, 2, ""),
                Edit::new(3, 4, ""),
                Edit::new(5, 6, "")
            ]
        );
        // Shadda + fatha together are one run; hamza above (U+0654) stays.
        assert_eq!(
            harakat(&chars("\u{628}\u{651}\u{64E}")),
            vec![Edit::new(1, 3, "")]
        );
        assert!(harakat(&chars("\u{627}\u{654}")).is_empty());
    }

    #[test]
    fn fold_by_hand() {
        // إلى مدرسة: alef with hamza below, alef maksura, teh marbuta.
        assert_eq!(
            fold(&chars("إلى مدرسة"), true),
            vec![
                Edit::new(0, 1, "\u{627}"),
                Edit::new(2, 3, "\u{64A}"),
                Edit::new(8, 9, "\u{647}")
            ]
        );
        // Alef with hamza above + a hamza mark is one unit; so is plain alef + madda.
        assert_eq!(
            fold(&chars("\u{623}\u{654}"), true),
            vec![Edit::new(0, 2, "\u{627}")]
        );
        assert_eq!(
            fold(&chars("\u{627}\u{653}x"), true),
            vec![Edit::new(0, 2, "\u{627}")]
        );
        assert!(fold(&chars("\u{627}b"), true).is_empty());
        assert_eq!(
            fold(&chars("\u{6A9}\u{6CC}"), false),
            vec![Edit::new(0, 2, "\u{643}\u{64A}")]
        );
    }
}
