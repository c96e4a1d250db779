//! The `letters` step: each language's yeh/kaf convention, applied where the
//! language tagger names that language, and where the step must look: the
//! Arabic-script runs whose yeh and kaf some language's convention could change.
//!
//! The tagger stays in Python; the step asks it for a run's segments through
//! a closure ([`RunTags`]), so that the rest of the per-line work (which runs
//! to ask about, converting letters, tagging again until the line settles)
//! costs no round trips.
//!
//! Tagging a run's language costs far more than reading its letters, and most
//! lines need none: plain Arabic (Arabic yeh/kaf, no sign of Persian or Urdu)
//! and plain Persian or Urdu (Persian yeh/kaf, no sign of Arabic) are left as
//! they are, and only the rest is tagged.  A wrong "nothing to do" only leaves
//! a letter as it was typed; it never writes a wrong one.  Every line of
//! every text passes through these scans, which is why they are compiled.

use std::sync::OnceLock;

use crate::props::{general_category, is_arabic_letter_or_mark, is_word_letter, script_is_arabic};
use crate::runs::{arabic_runs, is_line_break, last_hit};
use crate::steps::ucd::combining_class;
use crate::steps::{hits, Edit};

const PERSIAN_YEH: char = '\u{06CC}';
const KEHEH: char = '\u{06A9}';
const ARABIC_YEH: char = '\u{064A}';
const ALEF_MAKSURA: char = '\u{0649}';
const ARABIC_KAF: char = '\u{0643}';

/// Letters Arabic does not write (Persian and Urdu پ چ ژ گ ٹ ڈ ڑ ں ے ہ ھ ۀ, Kurdish ە).
const NOT_ARABIC_LETTERS: &[char] = &[
    '\u{067E}', '\u{0686}', '\u{0698}', '\u{06AF}', '\u{0679}', '\u{0688}', '\u{0691}', '\u{06BA}',
    '\u{06D2}', '\u{06C1}', '\u{06BE}', '\u{06C0}', '\u{06D5}',
];

/// Persian and Urdu function words, as typed on either keyboard: است، را،
/// این، می، که، های، برای (with Arabic or Persian yeh and kaf).
const NOT_ARABIC_WORDS: &[&str] = &[
    "است", "را", "اين", "این", "مي", "می", "كه", "که", "هاي", "های", "براي", "برای",
];

/// Signs of Arabic in text typed with Persian yeh/kaf: teh marbuta and hamza on alef.
const ARABIC_SIGN_LETTERS: [char; 3] = ['\u{0629}', '\u{0623}', '\u{0625}'];

/// Whether `text` holds Persian yeh/kaf (ی ک), and whether Arabic ones (ي ى ك).
pub fn yeh_kaf(text: &[char]) -> (bool, bool) {
    // One pass without branches (vectorised) instead of two searches.
    let (mut persian, mut arabic) = (0u32, 0u32);
    for &c in text {
        persian |= u32::from((c == PERSIAN_YEH) | (c == KEHEH));
        arabic |= u32::from((c == ARABIC_YEH) | (c == ARABIC_KAF) | (c == ALEF_MAKSURA));
    }
    (persian != 0, arabic != 0)
}

/// Whether `word` stands at `i` as a whole word: no letter just before or
/// after it (the scans ask [`word_ends_at`] at a word's start; this is
/// what the tests state them by).
///
/// A letter here is a word character that is neither a digit nor `_` (the
/// `re` class `[^\W\d_]`), so `است` inside `استفاده` does not count.
#[cfg(test)]
fn whole_word_at(text: &[char], i: usize, word: &[char]) -> bool {
    let end = i + word.len();
    end <= text.len()
        && text[i..end] == *word
        && (i == 0 || !is_word_letter(text[i - 1]))
        && (end == text.len() || !is_word_letter(text[end]))
}

/// [`is_word_letter`], answered for ASCII without a look-up: an ASCII
/// character is a letter or no word letter at all (its only numbers are
/// the decimal digits, which `[^\W\d_]` leaves out).  The character
/// before a word of Arabic script is mostly a space.
#[inline]
fn word_letter(ch: char) -> bool {
    if ch.is_ascii() {
        ch.is_ascii_alphabetic()
    } else {
        is_word_letter(ch)
    }
}

/// Every letter of [`NOT_ARABIC_LETTERS`] and the first letter of every word
/// of [`NOT_ARABIC_WORDS`] lie in `SIGNS_FIRST..=SIGNS_LAST`.
const SIGNS_FIRST: char = '\u{0627}';
const SIGNS_LAST: char = '\u{06D5}';
/// [`Signs::flags`]: a letter of [`NOT_ARABIC_LETTERS`].
const NOT_ARABIC_LETTER: u8 = 1;
/// [`Signs::flags`]: the first letter of a word of [`NOT_ARABIC_WORDS`].
const WORD_FIRST: u8 = 2;

/// [`Signs::flags`]: the words of [`NOT_ARABIC_WORDS`] beginning with
/// the character are `Signs::by_first[flags >> FIRST_SHIFT]`.
const FIRST_SHIFT: u32 = 2;

/// [`NOT_ARABIC_LETTERS`] and [`NOT_ARABIC_WORDS`] as [`not_only_arabic`]
/// reads them: a flag byte per character of `SIGNS_FIRST..=SIGNS_LAST`,
/// so that a character costs one look-up, and the words as characters,
/// grouped by their first letter (a word's first letter, found at a word's
/// start, is compared with the one to three words it begins, not all twelve).
struct Signs {
    flags: Vec<u8>,
    by_first: Vec<Vec<Vec<char>>>,
}

fn signs() -> &'static Signs {
    static SIGNS: OnceLock<Signs> = OnceLock::new();
    SIGNS.get_or_init(|| {
        let words: Vec<Vec<char>> = NOT_ARABIC_WORDS
            .iter()
            .map(|w| w.chars().collect())
            .collect();
        let mut flags = vec![0u8; (SIGNS_LAST as usize) - (SIGNS_FIRST as usize) + 1];
        for &c in NOT_ARABIC_LETTERS {
            flags[c as usize - SIGNS_FIRST as usize] |= NOT_ARABIC_LETTER;
        }
        // Group 0 stays empty: a character without WORD_FIRST has none.
        let mut by_first: Vec<Vec<Vec<char>>> = vec![Vec::new()];
        for w in words {
            let slot = &mut flags[w[0] as usize - SIGNS_FIRST as usize];
            if *slot & WORD_FIRST == 0 {
                *slot |= WORD_FIRST | (by_first.len() as u8) << FIRST_SHIFT;
                by_first.push(Vec::new());
            }
            by_first[usize::from(*slot >> FIRST_SHIFT)].push(w);
        }
        Signs { flags, by_first }
    })
}

/// Whether `ch` lies in the Arabic block (U+0600..U+06FF): every letter
/// the conventions rewrite, and every letter of their signs of Persian,
/// Urdu and Arabic, does.
fn in_arabic_block(ch: char) -> bool {
    (ch as u32).wrapping_sub(0x600) < 0x100
}

/// `(start, end)` of `text` from its first character of the Arabic block
/// to just past its last; None when it holds none.
///
/// The scans of this step and of `persian_affixes` only ever start at a
/// letter of the block (reading the characters around it as context), so
/// on a line of Latin text quoting Arabic they need only look here: the
/// rest is passed over once, many characters at a time.
pub(crate) fn arabic_block_span(text: &[char]) -> Option<(usize, usize)> {
    let first = hits(text, in_arabic_block).next()?;
    let last = last_hit(text, in_arabic_block, |_| true)?;
    Some((first, last + 1))
}

/// Evidence that text with Arabic yeh/kaf may not be Arabic: a letter Arabic
/// does not write, or a Persian or Urdu function word typed on an Arabic keyboard.
pub fn not_only_arabic(text: &[char]) -> bool {
    arabic_block_span(text).is_some_and(|(lo, hi)| not_only_arabic_in(text, lo, hi))
}

/// [`not_only_arabic`] of `text`, whose characters of the Arabic block lie in `lo..hi`.
fn not_only_arabic_in(text: &[char], lo: usize, hi: usize) -> bool {
    let signs = signs();
    // The other characters (most of a mixed line) are passed over with one
    // comparison, the letters of the range with one look-up.
    (lo..hi).any(|i| {
        let c = text[i];
        let Some(&flags) = signs
            .flags
            .get((c as usize).wrapping_sub(SIGNS_FIRST as usize))
        else {
            return false;
        };
        // A word's first letter is mostly inside another word: the letter
        // before it is looked at before the words are.
        flags & NOT_ARABIC_LETTER != 0
            || (flags & WORD_FIRST != 0
                && (i == 0 || !word_letter(text[i - 1]))
                && signs.by_first[usize::from(flags >> FIRST_SHIFT)]
                    .iter()
                    .any(|w| word_ends_at(text, i, w)))
    })
}

/// Whether `word` stands at `i` and no letter follows it: [`whole_word_at`]
/// where the character before `i` is known to be no letter.  Compared one
/// character at a time: the words are two to four letters long, and most
/// differ from the text at their second.
#[inline]
fn word_ends_at(text: &[char], i: usize, word: &[char]) -> bool {
    let end = i + word.len();
    end <= text.len()
        && text[i..end].iter().zip(word).all(|(a, b)| a == b)
        && (end == text.len() || !word_letter(text[end]))
}

/// Signs of Arabic in text typed with Persian yeh/kaf: teh marbuta, hamza on
/// alef, or the article ال at a word's start before two more letters.
pub fn arabic_signs(text: &[char]) -> bool {
    arabic_block_span(text).is_some_and(|(lo, hi)| arabic_signs_in(text, lo, hi))
}

/// [`arabic_signs`] of `text`, whose characters of the Arabic block lie in `lo..hi`.
fn arabic_signs_in(text: &[char], lo: usize, hi: usize) -> bool {
    // The letters first, in one pass without branches (vectorised); then
    // the article, whose alef and lam are next to each other.
    let [teh_marbuta, hamza_above, hamza_below] = ARABIC_SIGN_LETTERS;
    let mut letter = 0u32;
    for &c in &text[lo..hi] {
        letter |= u32::from((c == teh_marbuta) | (c == hamza_above) | (c == hamza_below));
    }
    if letter != 0 {
        return true;
    }
    // The article: a lam after an alef, looked for sixteen characters at a
    // time without a branch; only a block holding a lam is read one by one
    // (the Latin text between Arabic quotes holds none).
    let article_at = |k: usize| {
        text[k] == '\u{0644}'
            && text[k - 1] == '\u{0627}'
            && (k == 1 || !word_letter(text[k - 2]))
            && text.get(k + 1).is_some_and(|&c| word_letter(c))
            && text.get(k + 2).is_some_and(|&c| word_letter(c))
    };
    const BLOCK: usize = 16;
    let from = lo.max(1).min(hi);
    let mut blocks = text[from..hi].chunks_exact(BLOCK);
    let mut base = from;
    for block in &mut blocks {
        let mut any = false;
        for &c in block {
            any |= c == '\u{0644}';
        }
        if any && (base..base + BLOCK).any(article_at) {
            return true;
        }
        base += BLOCK;
    }
    (base..hi).any(article_at)
}

/// Whether some language's yeh/kaf convention could change an Arabic-script run.
///
/// Arabic yeh/kaf with no sign of Persian or Urdu: Arabic, nothing to do.
/// Persian yeh/kaf and no Arabic yeh/kaf: Persian or Urdu (which share the
/// convention) unless the run shows signs of Arabic and none of Persian or
/// Urdu, so nothing to do.  Everything else is tagged.
pub fn may_need_conventions(piece: &[char]) -> bool {
    let Some((lo, hi)) = arabic_block_span(piece) else {
        return false;
    };
    let (persian, arabic) = yeh_kaf(&piece[lo..hi]);
    if !(persian || arabic) {
        return false;
    }
    if persian && arabic {
        return true;
    }
    let evidence = not_only_arabic_in(piece, lo, hi);
    if arabic {
        return evidence;
    }
    !evidence && arabic_signs_in(piece, lo, hi)
}

/// The Arabic-script stretches of a line: from an Arabic character to the
/// next letter of another script.  They hold the same letters as the Arabic
/// script runs, and cost one pass to find.
fn arabic_stretches(line: &[char]) -> impl Iterator<Item = &[char]> {
    let mut i = 0;
    std::iter::from_fn(move || {
        // No character below U+0600 is Arabic: the Latin text before a
        // stretch is passed over many characters at a time.
        let start = hits(&line[i..], |c| c >= '\u{0600}')
            .map(|k| i + k)
            .find(|&k| script_is_arabic(line[k]));
        let Some(start) = start else {
            i = line.len();
            return None;
        };
        i = start + 1;
        let goes_on = stretch_table();
        while i < line.len() && goes_on_with(goes_on, line[i]) {
            i += 1;
        }
        Some(&line[start..i])
    })
}

/// Whether an Arabic-script stretch goes on through `ch`: an Arabic
/// character, or no letter.
fn goes_on(ch: char) -> bool {
    script_is_arabic(ch) || !general_category(ch).is_letter()
}

/// [`goes_on`] of every BMP code point, a bit each: a stretch (most of a
/// line of Arabic script) is read one look-up a character, where the two
/// questions cost a table each.
fn stretch_table() -> &'static [u64; 1024] {
    static TABLE: OnceLock<Box<[u64; 1024]>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Box::new([0u64; 1024]);
        for ch in (0..0x10000u32).filter_map(char::from_u32) {
            if goes_on(ch) {
                table[ch as usize / 64] |= 1 << (ch as u32 % 64);
            }
        }
        table
    })
}

/// [`goes_on`] by `table` ([`stretch_table`]) in the BMP.
#[inline]
fn goes_on_with(table: &[u64; 1024], ch: char) -> bool {
    let cp = ch as u32;
    match table.get(cp as usize / 64) {
        Some(&bits) => bits >> (cp % 64) & 1 != 0,
        None => goes_on(ch),
    }
}

/// [`may_need_conventions`] for any Arabic-script run of `line`.
///
/// Two whole-line answers come first: only Arabic yeh/kaf and no sign of
/// Persian or Urdu anywhere, or only Persian yeh/kaf and no sign of Arabic
/// anywhere.  Only lines that mix them are looked at stretch by stretch.
/// Every letter these answers look for lies in the Arabic block, so they
/// read only from its first character on the line to its last.
pub fn line_may_need_conventions(line: &[char]) -> bool {
    arabic_block_span(line).is_some_and(|(lo, hi)| line_needs_in(line, lo, hi))
}

/// [`line_may_need_conventions`] of `line`, whose characters of the Arabic
/// block lie in `lo..hi`.
fn line_needs_in(line: &[char], lo: usize, hi: usize) -> bool {
    let (persian, arabic) = yeh_kaf(&line[lo..hi]);
    if !(persian || arabic) {
        return false;
    }
    if arabic && !persian && !not_only_arabic_in(line, lo, hi) {
        return false;
    }
    if persian && !arabic && !arabic_signs_in(line, lo, hi) {
        return false;
    }
    arabic_stretches(line).any(may_need_conventions)
}

/// Ends of the lines of `text`, each with its break (CR LF as one).
pub(crate) fn lines(text: &[char]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        if i >= text.len() {
            return None;
        }
        let start = i;
        i = match next_break(text, start) {
            Some(b) if text[b] == '\r' && text.get(b + 1) == Some(&'\n') => b + 2,
            Some(b) => b + 1,
            None => text.len(),
        };
        Some((start, i))
    })
}

/// The first line break of `text` at or after `from`.
///
/// Most texts are one line, or one line and its break: the text is read
/// sixteen characters at a time, and only a block holding a control
/// character below U+001F, NEL or a line or paragraph separator (which
/// three comparisons without a branch tell) is looked into.
fn next_break(text: &[char], from: usize) -> Option<usize> {
    const BLOCK: usize = 16;
    let rest = &text[from..];
    let mut blocks = rest.chunks_exact(BLOCK);
    let mut base = from;
    for block in &mut blocks {
        let mut any = false;
        for &c in block {
            // No character is above 0x10FFFF: a signed comparison serves.
            let cp = c as i32;
            any |= (cp < 0x1F) | (cp == 0x85) | (cp | 1 == 0x2029);
        }
        if any {
            if let Some(k) = block.iter().position(|&c| is_line_break(c)) {
                return Some(base + k);
            }
        }
        base += BLOCK;
    }
    let tail = blocks.remainder();
    tail.iter()
        .position(|&c| is_line_break(c))
        .map(|k| base + k)
}

/// A line of a text that holds a character of the Arabic block: its body
/// `start..end` (the line without its break, as `str.splitlines` gives it),
/// and `lo..hi`, from its first character of the block to just past its
/// last; offsets in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ArabicLine {
    pub start: usize,
    pub end: usize,
    pub lo: usize,
    pub hi: usize,
}

/// [`arabic_lines`] of a text known to hold no line break: the text
/// itself when it holds a character of the Arabic block, its first and
/// last found from its two ends (most of a line of Arabic script is never
/// read, and a line of Latin text quoting Arabic is read many characters
/// at a time).
pub(crate) fn arabic_line_of(line: &[char]) -> Option<ArabicLine> {
    debug_assert!(next_break(line, 0).is_none());
    arabic_block_span(line).map(|(lo, hi)| ArabicLine {
        start: 0,
        end: line.len(),
        lo,
        hi,
    })
}

/// The lines of `text` that the line-by-line steps (`letters`,
/// `persian_affixes`) have to judge: those holding a character of the
/// Arabic block, where every letter their rules start at lies.
///
/// One pass finds the lines and, in each, the first and last character of
/// the block: sixteen characters at a time, each block first asked, without
/// a branch, whether it holds a control character, NEL or a separator, and
/// whether a character of the block.  Only a block with a control is cut
/// into two masks, of its breaks and of its characters of the block.  Any
/// other block goes on with the line, and one holding Arabic is only noted:
/// a line's first character of the block is searched for in the first such
/// block, its last in the last one, once the line ends (most lines of Arabic
/// script hold the block's characters in nearly every block).  A CR LF is
/// two breaks with an empty line between them, which holds nothing.
pub(crate) fn arabic_lines(text: &[char]) -> impl Iterator<Item = ArabicLine> + '_ {
    const BLOCK: usize = 16;
    let mut next = 0; // where the next block starts
    let mut base = 0; // where the block of `breaks` and `arabic` starts
    let (mut breaks, mut arabic) = (0u32, 0u32); // its masks not yet taken
    let mut start = 0; // where the body of the current line starts
    let mut first: Option<usize> = None; // the current line's first of the block
    let mut last = 0; // and its last, unless it is
    let mut last_in: Option<usize> = None; // in the block starting here
    let hi = move |last: usize, last_in: Option<usize>| {
        let in_block = |b: usize| text[b..b + BLOCK].iter().rposition(|&c| in_arabic_block(c));
        last_in.map_or(last, |b| b + in_block(b).unwrap_or(0)) + 1
    };
    let mut ended = false;
    std::iter::from_fn(move || loop {
        while breaks != 0 {
            let b = breaks.trailing_zeros();
            let before = arabic & ((1u32 << b) - 1);
            if before != 0 {
                first.get_or_insert(base + before.trailing_zeros() as usize);
                last = base + 31 - before.leading_zeros() as usize;
                last_in = None;
            }
            arabic &= !((2u32 << b) - 1);
            breaks &= breaks - 1;
            let end = base + b as usize;
            let line = first.take().map(|lo| ArabicLine {
                start,
                end,
                lo,
                hi: hi(last, last_in),
            });
            start = end + 1;
            if line.is_some() {
                return line;
            }
        }
        if arabic != 0 {
            first.get_or_insert(base + arabic.trailing_zeros() as usize);
            last = base + 31 - arabic.leading_zeros() as usize;
            last_in = None;
            arabic = 0;
        }
        if next >= text.len() {
            if ended {
                return None;
            }
            ended = true;
            return first.take().map(|lo| ArabicLine {
                start,
                end: text.len(),
                lo,
                hi: hi(last, last_in),
            });
        }
        let block = &text[next..text.len().min(next + BLOCK)];
        base = next;
        next += block.len();
        if let Ok(block) = <&[char; BLOCK]>::try_from(block) {
            let (mut control, mut any_arabic) = (false, false);
            for &c in block {
                // No character is above 0x10FFFF: a signed comparison serves.
                let cp = c as i32;
                control |= (cp < 0x1F) | (cp == 0x85) | (cp | 1 == 0x2029);
                any_arabic |= in_arabic_block(c);
            }
            if !control {
                if any_arabic {
                    if first.is_none() {
                        first = block
                            .iter()
                            .position(|&c| in_arabic_block(c))
                            .map(|k| base + k);
                    }
                    last_in = Some(base);
                }
                continue;
            }
        }
        // The breaks are among the controls below U+001F, NEL and the
        // separators (what a tab or an escape adds is taken out after).
        let mut controls = 0u32;
        for (k, &c) in block.iter().enumerate() {
            let cp = c as i32;
            controls |= u32::from((cp < 0x1F) | (cp == 0x85) | (cp | 1 == 0x2029)) << k;
            arabic |= u32::from(in_arabic_block(c)) << k;
        }
        let mut rest = controls;
        while rest != 0 {
            let k = rest.trailing_zeros();
            rest &= rest - 1;
            if !is_line_break(block[k as usize]) {
                controls &= !(1 << k);
            }
        }
        breaks = controls;
    })
}

/// The languages whose segments the `letters` and `persian_affixes` steps act on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    Fa,
    Ur,
    Ar,
    Pnb,
    Skr,
    Azb,
    /// Any other language (or none).
    Other,
}

impl Lang {
    /// The language of a BCP 47 primary subtag (`Other` for the rest).
    pub fn from_code(code: &str) -> Lang {
        match code {
            "fa" => Lang::Fa,
            "ur" => Lang::Ur,
            "ar" => Lang::Ar,
            "pnb" => Lang::Pnb,
            "skr" => Lang::Skr,
            "azb" => Lang::Azb,
            _ => Lang::Other,
        }
    }

    /// Whether the language has a yeh/kaf convention: Urdu keeps its own
    /// letters (heh goal, heh doachashmee, yeh barree are never touched);
    /// Sindhi, Pashto, Kurdish and Uyghur are left alone, their kaf and yeh
    /// letters carrying distinctions of their own.  Shahmukhi and Saraiki are
    /// typed on Urdu keyboards, South Azerbaijani on Persian ones.
    pub fn has_convention(self) -> bool {
        self != Lang::Other
    }

    /// Whether the language writes Persian's ی and ک (every convention but
    /// Arabic's): the language tagger, asked the convention, counts these
    /// languages as one.
    pub fn writes_persian_letters(self) -> bool {
        self.has_convention() && self != Lang::Ar
    }
}

/// One segment of the language tagger's answer for a run, in the run's offsets.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Tag {
    pub start: usize,
    pub end: usize,
    /// Script `Arab`.
    pub arabic: bool,
    /// Kind `text` (not a formula such as the basmala, not space or punctuation).
    pub text: bool,
    pub lang: Lang,
    pub confidence: f64,
}

/// The tagger's segments of one Arabic-script run (the characters given), or
/// the caller's error; the same run is asked about again after a change, so
/// the caller may keep the answers.
pub trait RunTags<E>: FnMut(&[char]) -> Result<Vec<Tag>, E> {}

impl<E, F: FnMut(&[char]) -> Result<Vec<Tag>, E>> RunTags<E> for F {}

/// The letters the conventions rewrite: Arabic yeh, alef maksura, Arabic kaf,
/// Persian yeh and keheh (the `letters` step's trigger).
pub const CONVENTION_CHARS: [char; 5] = [ARABIC_YEH, ALEF_MAKSURA, ARABIC_KAF, PERSIAN_YEH, KEHEH];

/// Spelling conventions are applied only where the language is this clear: a
/// wrong guess on thin evidence would rewrite letters, and could flip back on
/// the next run (the profile must be idempotent).
pub const CONVENTION_CONFIDENCE: f64 = 0.9;

/// `(offset, letter)` for every letter of `text[start..end]` that `lang`'s
/// convention writes otherwise.
///
/// Persian, Urdu, Shahmukhi, Saraiki and South Azerbaijani write ی and ک;
/// Arabic writes ك, and for Persian yeh alef maksura at the end of a word
/// (where both are dotless: the next character after any combining marks is
/// no Arabic letter or mark) and Arabic yeh elsewhere.
pub fn convert_letters(text: &[char], lang: Lang, start: usize, end: usize) -> Vec<(usize, char)> {
    let mut out = Vec::new();
    if !lang.has_convention() {
        return out;
    }
    for (k, &ch) in text.iter().enumerate().take(end).skip(start) {
        let new = match (lang, ch) {
            (Lang::Ar, KEHEH) => ARABIC_KAF,
            (Lang::Ar, PERSIAN_YEH) => {
                let mut next = k + 1;
                while next < text.len() && combining_class(text[next]) != 0 {
                    next += 1;
                }
                if next >= text.len() || !is_arabic_letter_or_mark(text[next]) {
                    ALEF_MAKSURA
                } else {
                    ARABIC_YEH
                }
            }
            (Lang::Ar, _) => continue,
            (_, ARABIC_YEH | ALEF_MAKSURA) => PERSIAN_YEH,
            (_, ARABIC_KAF) => KEHEH,
            _ => continue,
        };
        if new != ch {
            out.push((k, new));
        }
    }
    out
}

/// `(start, end, lang)` of the segments of `line` (one line) whose language
/// has a convention, named clearly enough: the tagger's answers for the
/// runs of [`convention_pieces`], formulas left out so they keep their spelling.
pub fn language_spans<E>(
    line: &[char],
    tags: &mut impl RunTags<E>,
) -> Result<Vec<(usize, usize, Lang)>, E> {
    spans_of(line, convention_pieces(line), tags)
}

/// [`language_spans`] of the `pieces` of `line`.
fn spans_of<E>(
    line: &[char],
    pieces: Vec<(usize, usize)>,
    tags: &mut impl RunTags<E>,
) -> Result<Vec<(usize, usize, Lang)>, E> {
    let mut spans = Vec::new();
    for (base, end) in pieces {
        for t in tags(&line[base..end])? {
            if t.arabic
                && t.text
                && t.lang.has_convention()
                && t.confidence >= CONVENTION_CONFIDENCE
            {
                spans.push((base + t.start, base + t.end, t.lang));
            }
        }
    }
    Ok(spans)
}

/// A line's letters after the conventions, and whether each offset was
/// rewritten by some round.
type Settled = (Vec<char>, Vec<bool>);

/// `line` with the conventions applied until nothing changes (at most
/// `rounds` times), and whether each offset was rewritten by some round;
/// None when the first round finds nothing to change (most lines: nothing
/// is copied for them).
///
/// The letters themselves are evidence of the language, so a changed line
/// is tagged again.  Every convention replaces one letter by one letter, so
/// offsets stay those of `line` from round to round.  A line that does not
/// settle comes back as it was: None as well.
fn settle<E>(
    line: &[char],
    tags: &mut impl RunTags<E>,
    rounds: usize,
) -> Result<Option<Settled>, E> {
    let mut settled: Option<Settled> = None;
    for round in 0..rounds {
        let current = settled.as_ref().map_or(line, |(c, _)| c.as_slice());
        // The caller found that the line may need conventions: its pieces
        // are its runs that may (later rounds look at the line again).
        let pieces = if round == 0 {
            line_pieces(current)
        } else {
            convention_pieces(current)
        };
        let mut edits = Vec::new();
        for (start, end, lang) in spans_of(current, pieces, tags)? {
            edits.extend(convert_letters(current, lang, start, end));
        }
        if edits.is_empty() {
            return Ok(settled);
        }
        let (current, touched) =
            settled.get_or_insert_with(|| (line.to_vec(), vec![false; line.len()]));
        for (k, new) in edits {
            current[k] = new;
            touched[k] = true;
        }
    }
    Ok(None)
}

/// Edits of the `letters` step: each line's letters as [`settle`] leaves
/// them (within three rounds), where they differ from the line's.  [`settle`]
/// is given only lines that may need conventions.
pub fn letters<E>(text: &[char], tags: &mut impl RunTags<E>) -> Result<Vec<Edit>, E> {
    letters_in(text, arabic_lines(text), tags)
}

/// [`letters`] given the [`arabic_lines`] of `text` (a profile's run finds
/// them once for this step and `persian_affixes`: its edits replace a
/// letter of the Arabic block by another, which leaves every line and
/// every line's first and last character of the block where they were).
pub(crate) fn letters_in<E>(
    text: &[char],
    lines: impl IntoIterator<Item = ArabicLine>,
    tags: &mut impl RunTags<E>,
) -> Result<Vec<Edit>, E> {
    let mut edits = Vec::new();
    for ArabicLine { start, end, lo, hi } in lines {
        let (base, line) = (start, &text[start..end]);
        if !line_needs_in(line, lo - base, hi - base) {
            continue; // no run to tag: settled as it is
        }
        let Some((settled, touched)) = settle(line, tags, 3)? else {
            continue;
        };
        // Only the letters a round rewrote can differ; one may have been
        // written back by a later round.
        for k in 0..line.len() {
            if touched[k] && settled[k] != line[k] {
                edits.push(Edit::new(base + k, base + k + 1, settled[k].to_string()));
            }
        }
    }
    Ok(edits)
}

/// `(start, end)` of the Arabic-script runs of `text` that the `letters` step
/// must tag: the script runs (cut line by line, each line with its break) of
/// the lines where a convention could change a letter, that could change one.
pub fn convention_pieces(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (start, end) in lines(text) {
        let line = &text[start..end];
        if line_may_need_conventions(line) {
            out.extend(
                line_pieces(line)
                    .into_iter()
                    .map(|(s, e)| (start + s, start + e)),
            );
        }
    }
    out
}

/// The Arabic-script runs of one line that a convention could change.
fn line_pieces(line: &[char]) -> Vec<(usize, usize)> {
    arabic_runs(line)
        .into_iter()
        .filter(|&(start, end)| may_need_conventions(&line[start..end]))
        .collect()
}

/// A tagger for tests: each run one tag, surely of the language that
/// `langs` names at the run's length modulo their number (so that runs of
/// generated texts fall to every language in turn).
#[cfg(test)]
pub(crate) fn tags_by_length(
    langs: &[Lang],
) -> impl FnMut(&[char]) -> Result<Vec<Tag>, ()> + Copy + '_ {
    move |run: &[char]| {
        Ok(vec![Tag {
            start: 0,
            end: run.len(),
            arabic: true,
            text: true,
            lang: langs[run.len() % langs.len()],
            confidence: 1.0,
        }])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    fn need(s: &str) -> bool {
        may_need_conventions(&chars(s))
    }

    #[test]
    fn yeh_kaf_finds_the_convention_characters() {
        // The profile's run asks yeh_kaf whether the letters step has work:
        // a character counts exactly when it is one of the five.
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let (persian, arabic) = yeh_kaf(&[ch]);
            assert_eq!(persian || arabic, CONVENTION_CHARS.contains(&ch), "{ch:?}");
        }
    }

    #[test]
    fn yeh_and_kaf() {
        assert_eq!(yeh_kaf(&chars("کتاب")), (true, false));
        assert_eq!(yeh_kaf(&chars("كتاب")), (false, true));
        assert_eq!(yeh_kaf(&chars("على")), (false, true)); // alef maksura
        assert_eq!(yeh_kaf(&chars("علی كتاب")), (true, true));
        assert_eq!(yeh_kaf(&chars("باب")), (false, false));
    }

    #[test]
    fn arabic_keyboard_runs() {
        // Arabic yeh/kaf alone: Arabic unless Persian or Urdu shows.
        assert!(!need("كتاب في البيت"));
        assert!(need("اين كتاب"));
        assert!(need("كتاب ها را مي خواهم"));
        assert!(need("پدر علي")); // peh: not Arabic
                                  // A function word only counts as a whole word.
        assert!(!need("استفاده كتاب"));
        assert!(!need("مراكز"));
        // A digit or an underscore is no letter: را still stands alone.
        assert!(need("1را كتاب"));
        // A superscript two is a letter for this purpose (a word character, not a digit).
        assert!(!need("\u{00B2}را كتاب"));
    }

    #[test]
    fn every_sign_of_persian_lies_in_the_range_scanned() {
        let range = SIGNS_FIRST..=SIGNS_LAST;
        assert!(NOT_ARABIC_LETTERS.iter().all(|c| range.contains(c)));
        assert!(NOT_ARABIC_WORDS
            .iter()
            .all(|w| range.contains(&w.chars().next().unwrap())));
    }

    /// Texts of the lists' letters and words, yeh/kaf, other Arabic letters,
    /// Latin, digits and spaces, from a fixed-seed generator (xorshift).
    fn generated_texts(count: usize) -> Vec<Vec<char>> {
        let pieces = [
            "است", "را", "اين", "می", "كه", "های", "براي", "ی", "ک", "ي", "ك", "ى", "پ", "ە", "ۀ",
            "ب", "ا", "ل", "ة", "أ", " ", " ", "x", "1", "_", "\u{00B2}", "\u{200C}", "\u{064E}",
            "\u{06D6}", ".",
        ];
        crate::generated_texts(&pieces, 0x2545_F491_4F6C_DD1D, 12, count)
    }

    #[test]
    fn the_scans_read_the_lists_as_written() {
        // The scans as the lists state them, one search per character.
        let yeh_kaf_by_search = |text: &[char]| {
            (
                text.iter().any(|&c| c == PERSIAN_YEH || c == KEHEH),
                text.iter()
                    .any(|&c| c == ARABIC_YEH || c == ARABIC_KAF || c == ALEF_MAKSURA),
            )
        };
        let (mut not_only, mut signs) = (0, 0);
        for text in generated_texts(20_000) {
            assert_eq!(yeh_kaf(&text), yeh_kaf_by_search(&text), "{text:?}");
            let expected = not_only_arabic_everywhere(&text);
            assert_eq!(not_only_arabic(&text), expected, "{text:?}");
            not_only += usize::from(expected);
            let expected = arabic_signs_everywhere(&text);
            assert_eq!(arabic_signs(&text), expected, "{text:?}");
            signs += usize::from(expected);
        }
        // Both answers were met often.
        assert!(not_only > 2_000 && not_only < 18_000, "{not_only}");
        assert!(signs > 2_000 && signs < 18_000, "{signs}");
    }

    #[test]
    fn persian_keyboard_runs() {
        // Persian yeh/kaf alone: Persian or Urdu unless only Arabic signs show.
        assert!(!need("کتاب"));
        assert!(need("مدرسة علی")); // teh marbuta
        assert!(need("الکتاب")); // the article before two letters
        assert!(!need("الی")); // the article needs two letters after it
        assert!(!need("مدرسة علی است")); // a Persian word outweighs the signs
        assert!(!need("بالکتاب")); // ال inside a word
    }

    #[test]
    fn both_keyboards_and_neither() {
        assert!(need("علی كتاب"));
        assert!(!need("باب"));
        assert!(!need(""));
    }

    #[test]
    fn lines_are_read_by_stretches() {
        let need_line = |s: &str| line_may_need_conventions(&chars(s));
        assert!(!need_line("كتاب في البيت and more"));
        assert!(!need_line("plain English"));
        // Persian yeh in one stretch, Arabic kaf and a sign in another: the
        // Latin word between them cuts the stretches, and neither needs work.
        assert!(!need_line("کتاب word مدرسة كبيرة"));
        // Both in one stretch.
        assert!(need_line("علی كتاب"));
    }

    #[test]
    fn letters_are_converted_by_language() {
        let convert = |s: &str, lang: Lang| {
            let t = chars(s);
            convert_letters(&t, lang, 0, t.len())
        };
        // Written by hand: Arabic kaf and yeh become keheh and Persian yeh.
        assert_eq!(
            convert("كتاب علي", Lang::Fa),
            vec![(0, '\u{06A9}'), (7, '\u{06CC}')]
        );
        assert_eq!(convert("على", Lang::Ur), vec![(2, '\u{06CC}')]);
        // Arabic: alef maksura at the end of a word, Arabic yeh inside one.
        assert_eq!(
            convert("فی کتاب علی", Lang::Ar),
            vec![(1, '\u{0649}'), (3, '\u{0643}'), (10, '\u{0649}')]
        );
        assert_eq!(convert("فیها", Lang::Ar), vec![(1, '\u{064A}')]);
        // A mark after the yeh is looked through, to the end of the text.
        assert_eq!(convert("علیَ", Lang::Ar), vec![(2, '\u{0649}')]);
        assert_eq!(convert("علیَه", Lang::Ar), vec![(2, '\u{064A}')]);
        // Yeh barree and heh goal are Urdu's own; no convention for others.
        assert_eq!(convert("ہے", Lang::Ur), vec![]);
        assert_eq!(convert("كتاب", Lang::Other), vec![]);
        // Only inside start..end, but the next letter may lie beyond it.
        let t = chars("فی کتاب");
        assert_eq!(convert_letters(&t, Lang::Ar, 0, 2), vec![(1, '\u{0649}')]);
        assert_eq!(convert_letters(&t, Lang::Ar, 2, 7), vec![(3, '\u{0643}')]);
        let t = chars("فیها");
        assert_eq!(convert_letters(&t, Lang::Ar, 0, 2), vec![(1, '\u{064A}')]);
    }

    #[test]
    fn arabic_lines_are_the_lines_without_their_breaks() {
        // Counted by hand: ا0 ب1 CR2 LF3 ج4 د5 LF6 LF7 س8 LS9 e10 CR11
        // CR12 ف13 FS14; the line `e` holds no Arabic.
        let t = chars("اب\r\nجد\n\nس\u{2028}e\r\rف\u{1C}");
        let got: Vec<(usize, usize, usize, usize)> = arabic_lines(&t)
            .map(|l| (l.start, l.end, l.lo, l.hi))
            .collect();
        assert_eq!(
            got,
            vec![(0, 2, 0, 2), (4, 6, 4, 6), (8, 9, 8, 9), (13, 14, 13, 14)]
        );
        // The first and last of the block, Latin around them: s0 o1 SP2
        // س3 ل4 ا5 م6 SP7 a8 n9 d10 SP11 ب12 ع13 د14 .15
        let t = chars("so سلام and بعد.");
        let got: Vec<(usize, usize, usize, usize)> = arabic_lines(&t)
            .map(|l| (l.start, l.end, l.lo, l.hi))
            .collect();
        assert_eq!(got, vec![(0, 16, 3, 15)]);
        assert_eq!(arabic_lines(&chars("")).count(), 0);
        assert_eq!(arabic_lines(&chars("\n\n")).count(), 0);
        assert_eq!(arabic_lines(&chars("plain\nEnglish")).count(), 0);
    }

    /// `letters` with a tagger naming the first `cover` characters of every
    /// run (all of it for None) `lang(run)` at `confidence` (`text` false: a formula).
    fn letters_with(
        s: &str,
        mut lang: impl FnMut(&[char]) -> Lang,
        cover: Option<usize>,
        confidence: f64,
        text: bool,
    ) -> Vec<(usize, usize, String)> {
        let mut tags = |run: &[char]| -> Result<Vec<Tag>, ()> {
            Ok(vec![Tag {
                start: 0,
                end: cover.unwrap_or(run.len()),
                arabic: true,
                text,
                lang: lang(run),
                confidence,
            }])
        };
        letters(&chars(s), &mut tags)
            .unwrap()
            .into_iter()
            .map(|e| (e.start, e.end, e.text.into_owned()))
            .collect()
    }

    fn edit(start: usize, letter: char) -> (usize, usize, String) {
        (start, start + 1, letter.to_string())
    }

    #[test]
    fn letters_follow_clear_tags_only() {
        let fa = |_: &[char]| Lang::Fa;
        // Counted by hand: the first line is 11 characters, the second
        // starts at 12.  Line one mixes Arabic kaf with Persian yeh and is
        // tagged; `علي` alone is plain Arabic, not tagged.
        let text = "كتاب علی ها\nعلي";
        assert_eq!(
            letters_with(text, fa, None, 0.9, true),
            vec![edit(0, KEHEH)]
        );
        assert_eq!(letters_with(text, fa, None, 0.89, true), vec![]);
        assert_eq!(letters_with(text, fa, None, 0.95, false), vec![]);
        // اين is Persian typed on an Arabic keyboard: that line is tagged too.
        assert_eq!(
            letters_with("كتاب علی ها\nاين علي", fa, None, 0.95, true),
            vec![edit(0, KEHEH), edit(13, PERSIAN_YEH), edit(18, PERSIAN_YEH)]
        );
    }

    #[test]
    fn a_line_is_tagged_again_until_it_settles() {
        // `كی` (Arabic kaf, Persian yeh) keeps the line in need of tagging;
        // the tagger names only the first word, `بي`, one language per call.
        let named = |order: &'static [Lang]| {
            let mut calls = 0;
            move |_: &[char]| {
                calls += 1;
                order[(calls - 1).min(order.len() - 1)]
            }
        };
        let line = "بي كی";
        // Persian in every round: the second round changes nothing.
        assert_eq!(
            letters_with(line, named(&[Lang::Fa]), Some(2), 0.95, true),
            vec![edit(1, PERSIAN_YEH)]
        );
        // Persian, then Arabic (the yeh ends the word: alef maksura) twice:
        // settled in the third round.
        assert_eq!(
            letters_with(
                line,
                named(&[Lang::Fa, Lang::Ar, Lang::Ar]),
                Some(2),
                0.95,
                true
            ),
            vec![edit(1, ALEF_MAKSURA)]
        );
        // Back to the letter it was: rewritten, but no edit.
        assert_eq!(
            letters_with(
                "بی كی",
                named(&[Lang::Ar, Lang::Fa, Lang::Fa]),
                Some(2),
                0.95,
                true
            ),
            vec![]
        );
        // Persian, Arabic, Persian: three rounds of changes do not settle.
        assert_eq!(
            letters_with(
                line,
                named(&[Lang::Fa, Lang::Ar, Lang::Fa, Lang::Fa]),
                Some(2),
                0.95,
                true
            ),
            vec![]
        );
    }

    #[test]
    fn pieces_are_runs_of_the_lines_that_need_them() {
        let text = chars("Hello علی كتاب.\r\nكتاب في البيت\nok (اين كتاب)");
        let got: Vec<String> = convention_pieces(&text)
            .into_iter()
            .map(|(s, e)| text[s..e].iter().collect())
            .collect();
        assert_eq!(got, vec!["علی كتاب.".to_string(), "(اين كتاب)".to_string()]);
    }

    /// Lines of Latin text (long enough to fill the blocks the scans skip)
    /// with Arabic in them: the lists' letters and words, yeh/kaf of both
    /// keyboards, the article, marks, ZWNJ, digits, punctuation, other
    /// Arabic blocks and presentation forms, and line breaks of every kind.
    fn generated_lines(count: usize) -> Vec<Vec<char>> {
        let pieces = [
            "The committee said ",
            "word ",
            "é",
            "’",
            "x",
            "است",
            "را",
            "اين",
            "می",
            "كه",
            "های",
            "ی",
            "ک",
            "ي",
            "ك",
            "ى",
            "پ",
            "ە",
            "ة",
            "أ",
            "ال",
            "الكتاب",
            "کتاب",
            "ب",
            " ",
            "1",
            "٣",
            "_",
            "\u{00B2}",
            "\u{200C}",
            "\u{064E}",
            "\u{0750}",
            "\u{FEF3}",
            "،",
            ".",
            "(",
            "\n",
            "\r\n",
            "\r",
            "\u{2028}",
            "\u{85}",
            "\u{1C}",
            "\t",
        ];
        crate::generated_texts(&pieces, 0x3C6E_F372_FE94_F82B, 40, count)
    }

    #[test]
    fn lines_found_by_blocks_are_the_lines_found_one_by_one() {
        // The plain search the block search replaced, as the oracle.
        fn lines_one_by_one(text: &[char]) -> Vec<(usize, usize)> {
            let (mut out, mut i) = (Vec::new(), 0);
            while i < text.len() {
                let start = i;
                while i < text.len() && !is_line_break(text[i]) {
                    i += 1;
                }
                if i < text.len() {
                    i += if text[i] == '\r' && text.get(i + 1) == Some(&'\n') {
                        2
                    } else {
                        1
                    };
                }
                out.push((start, i));
            }
            out
        }
        let mut several = 0;
        for text in generated_lines(20_000) {
            let expected = lines_one_by_one(&text);
            several += usize::from(expected.len() > 1);
            assert_eq!(lines(&text).collect::<Vec<_>>(), expected, "{text:?}");
        }
        assert!(several > 5_000, "{several}");
        // Every length and place of a break around the blocks of sixteen.
        for n in 0..50 {
            for at in 0..n {
                let mut text = vec!['a'; n];
                text[at] = '\u{2029}';
                assert_eq!(lines(&text).collect::<Vec<_>>(), lines_one_by_one(&text));
            }
        }
    }

    /// [`not_only_arabic`] as the lists state it, at every character.
    fn not_only_arabic_everywhere(text: &[char]) -> bool {
        let words: Vec<Vec<char>> = NOT_ARABIC_WORDS.iter().map(|w| chars(w)).collect();
        (0..text.len()).any(|i| {
            NOT_ARABIC_LETTERS.contains(&text[i]) || words.iter().any(|w| whole_word_at(text, i, w))
        })
    }

    /// [`arabic_signs`] as stated, at every character.
    fn arabic_signs_everywhere(text: &[char]) -> bool {
        (0..text.len()).any(|i| {
            ARABIC_SIGN_LETTERS.contains(&text[i])
                || (text[i] == '\u{0627}'
                    && text.get(i + 1) == Some(&'\u{0644}')
                    && (i == 0 || !is_word_letter(text[i - 1]))
                    && text.get(i + 2).is_some_and(|&c| is_word_letter(c))
                    && text.get(i + 3).is_some_and(|&c| is_word_letter(c)))
        })
    }

    /// [`may_need_conventions`] with every scan over the whole piece.
    fn need_everywhere(piece: &[char]) -> bool {
        match yeh_kaf(piece) {
            (false, false) => false,
            (true, true) => true,
            (false, true) => not_only_arabic_everywhere(piece),
            (true, false) => !not_only_arabic_everywhere(piece) && arabic_signs_everywhere(piece),
        }
    }

    /// [`line_may_need_conventions`] as it was before its scans were kept to
    /// the Arabic block: every scan over the whole line, the stretches
    /// found character by character.
    fn line_needs_everywhere(line: &[char]) -> bool {
        let settled = match yeh_kaf(line) {
            (false, false) => true,
            (false, true) => !not_only_arabic_everywhere(line),
            (true, false) => !arabic_signs_everywhere(line),
            (true, true) => false,
        };
        if settled {
            return false;
        }
        let mut i = 0;
        while i < line.len() {
            while i < line.len() && !script_is_arabic(line[i]) {
                i += 1;
            }
            if i >= line.len() {
                break;
            }
            let start = i;
            i += 1;
            while i < line.len()
                && (script_is_arabic(line[i]) || !general_category(line[i]).is_letter())
            {
                i += 1;
            }
            if need_everywhere(&line[start..i]) {
                return true;
            }
        }
        false
    }

    /// `(start, end)` of the lines of `text` without their breaks, found
    /// one character at a time (CR LF as one break), the empty ones left out.
    fn bodies_one_by_one(text: &[char]) -> Vec<(usize, usize)> {
        let (mut out, mut i) = (Vec::new(), 0);
        while i < text.len() {
            let start = i;
            while i < text.len() && !is_line_break(text[i]) {
                i += 1;
            }
            if i > start {
                out.push((start, i));
            }
            if i < text.len() {
                i += if text[i] == '\r' && text.get(i + 1) == Some(&'\n') {
                    2
                } else {
                    1
                };
            }
        }
        out
    }

    #[test]
    fn arabic_lines_found_by_blocks_are_those_found_one_by_one() {
        let mut found = 0;
        let mut check = |text: &[char]| {
            let expected: Vec<ArabicLine> = bodies_one_by_one(text)
                .into_iter()
                .filter_map(|(start, end)| {
                    let line = &text[start..end];
                    let lo = line
                        .iter()
                        .position(|&c| ('\u{0600}'..='\u{06FF}').contains(&c))?;
                    let hi = line
                        .iter()
                        .rposition(|&c| ('\u{0600}'..='\u{06FF}').contains(&c))?;
                    Some(ArabicLine {
                        start,
                        end,
                        lo: start + lo,
                        hi: start + hi + 1,
                    })
                })
                .collect();
            found += expected.len();
            assert_eq!(arabic_lines(text).collect::<Vec<_>>(), expected, "{text:?}");
            if text.iter().all(|&c| !is_line_break(c)) {
                assert_eq!(
                    arabic_line_of(text).into_iter().collect::<Vec<_>>(),
                    expected
                );
            }
        };
        for text in generated_lines(20_000) {
            check(&text);
        }
        // Every length, an Arabic letter and a break at every place around
        // the blocks of sixteen, CR LF split between two blocks.
        for n in 0..40 {
            for at in 0..n {
                for brk in 0..n {
                    let mut text = vec!['a'; n];
                    text[at] = 'ب';
                    text[brk] = '\n';
                    check(&text);
                    if brk > 0 {
                        text[brk - 1] = '\r';
                        check(&text);
                    }
                }
            }
        }
        assert!(found > 20_000, "{found}");
    }

    #[test]
    fn lines_read_from_their_arabic_are_the_lines_read_whole() {
        let (mut needed, mut pieces_needed) = (0, 0);
        for text in generated_lines(20_000) {
            for (start, end) in bodies_one_by_one(&text) {
                let line = &text[start..end];
                let expected = line_needs_everywhere(line);
                needed += usize::from(expected);
                assert_eq!(line_may_need_conventions(line), expected, "{line:?}");
                let expected = need_everywhere(line);
                pieces_needed += usize::from(expected);
                assert_eq!(may_need_conventions(line), expected, "{line:?}");
                let expected = not_only_arabic_everywhere(line);
                assert_eq!(not_only_arabic(line), expected, "{line:?}");
                let expected = arabic_signs_everywhere(line);
                assert_eq!(arabic_signs(line), expected, "{line:?}");
            }
        }
        // Both answers were met often.
        assert!(needed > 2_000 && needed < 30_000, "{needed}");
        assert!(pieces_needed > needed, "{pieces_needed}");
    }

    #[test]
    fn the_letters_step_leaves_the_arabic_lines_where_they_were() {
        // What a profile's run relies on to find the lines once for
        // `letters` and `persian_affixes`: the lines of the text the step
        // leaves are those of the text it was given.
        let mut changed = 0;
        for text in generated_lines(20_000) {
            let mut tags = tags_by_length(&[Lang::Fa, Lang::Ar, Lang::Ur, Lang::Other]);
            let lines: Vec<ArabicLine> = arabic_lines(&text).collect();
            let edits = letters_in(&text, lines.iter().copied(), &mut tags).unwrap();
            assert_eq!(edits, letters(&text, &mut tags).unwrap(), "{text:?}");
            if edits.is_empty() {
                continue;
            }
            changed += 1;
            let after = crate::steps::apply(&text, &edits);
            assert_eq!(arabic_lines(&after).collect::<Vec<_>>(), lines, "{text:?}");
        }
        assert!(changed > 2_000, "{changed}");
    }

    #[test]
    fn the_stretch_table_answers_as_the_properties() {
        let table = stretch_table();
        let (mut on, mut off) = (0, 0);
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            let expected = script_is_arabic(ch) || !general_category(ch).is_letter();
            assert_eq!(goes_on_with(table, ch), expected, "{ch:?}");
            on += usize::from(expected);
            off += usize::from(!expected);
        }
        assert!(on > 1_000 && off > 1_000, "{on} {off}");
    }

    /// [`not_only_arabic_in`] as it was before the words were grouped by
    /// their first letter: every word tried at every word's start.
    fn not_only_arabic_in_every_word(text: &[char], lo: usize, hi: usize) -> bool {
        let signs = signs();
        let words: Vec<Vec<char>> = NOT_ARABIC_WORDS.iter().map(|w| chars(w)).collect();
        (lo..hi).any(|i| {
            let c = text[i];
            let Some(&flags) = signs
                .flags
                .get((c as usize).wrapping_sub(SIGNS_FIRST as usize))
            else {
                return false;
            };
            flags & NOT_ARABIC_LETTER != 0
                || (flags & WORD_FIRST != 0
                    && (i == 0 || !is_word_letter(text[i - 1]))
                    && words.iter().any(|w| w[0] == c && whole_word_at(text, i, w)))
        })
    }

    #[test]
    fn each_word_is_found_among_those_of_its_first_letter() {
        let signs = signs();
        for w in NOT_ARABIC_WORDS.iter().map(|w| chars(w)) {
            let flags = signs.flags[w[0] as usize - SIGNS_FIRST as usize];
            assert!(flags & WORD_FIRST != 0, "{w:?}");
            assert!(signs.by_first[usize::from(flags >> FIRST_SHIFT)].contains(&w));
        }
        // And each group holds only words of its letter, every word once.
        let grouped: usize = signs.by_first.iter().map(Vec::len).sum();
        assert_eq!(grouped, NOT_ARABIC_WORDS.len());
        assert!(signs.by_first[0].is_empty());
        for (k, &flags) in signs.flags.iter().enumerate() {
            let c = char::from_u32(SIGNS_FIRST as u32 + k as u32).unwrap();
            let group = &signs.by_first[usize::from(flags >> FIRST_SHIFT)];
            assert!(group.iter().all(|w| w[0] == c), "{c:?}");
        }
    }

    /// Checks that `fast` answers as `oracle` on generated texts and lines,
    /// each asked of the whole text, its block span and ranges cut inside
    /// it (the stretches of a line start and end anywhere), and that both
    /// answers were met often.
    fn agrees_on_cut_ranges(
        fast: fn(&[char], usize, usize) -> bool,
        oracle: fn(&[char], usize, usize) -> bool,
    ) {
        let (mut yes, mut ranges) = (0, 0);
        let texts = generated_texts(6_000)
            .into_iter()
            .chain(generated_lines(3_000));
        for text in texts {
            let n = text.len();
            let mut cuts = vec![(0, n)];
            cuts.extend(arabic_block_span(&text));
            cuts.extend((0..n.min(6)).map(|k| (k, (k + 7).min(n))));
            cuts.extend((1..n.min(6)).map(|k| (n / 2 - n / (2 * k), n - k)));
            for (lo, hi) in cuts.into_iter().filter(|&(lo, hi)| lo <= hi) {
                let expected = oracle(&text, lo, hi);
                assert_eq!(fast(&text, lo, hi), expected, "{text:?} {lo} {hi}");
                yes += usize::from(expected);
                ranges += 1;
            }
        }
        assert!(yes > ranges / 10 && yes < ranges * 9 / 10, "{yes} {ranges}");
    }

    #[test]
    fn the_grouped_words_answer_as_every_word() {
        agrees_on_cut_ranges(not_only_arabic_in, not_only_arabic_in_every_word);
    }

    #[test]
    fn word_letter_is_is_word_letter() {
        for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(word_letter(ch), is_word_letter(ch), "{ch:?}");
        }
    }

    /// [`arabic_signs_in`] as it was before its article was looked for by
    /// blocks: at every character.
    fn arabic_signs_in_one_by_one(text: &[char], lo: usize, hi: usize) -> bool {
        text[lo..hi].iter().any(|c| ARABIC_SIGN_LETTERS.contains(c))
            || (lo.max(1)..hi).any(|k| {
                text[k] == '\u{0644}'
                    && text[k - 1] == '\u{0627}'
                    && (k == 1 || !is_word_letter(text[k - 2]))
                    && text.get(k + 1).is_some_and(|&c| is_word_letter(c))
                    && text.get(k + 2).is_some_and(|&c| is_word_letter(c))
            })
    }

    #[test]
    fn the_article_found_by_blocks_is_the_article_found_one_by_one() {
        agrees_on_cut_ranges(arabic_signs_in, arabic_signs_in_one_by_one);
    }
}
