//! Reading a drawn line back in logical order (`mixscript.to_logical`, and
//! every line `mixscript.bidi.repair.plan_repairs` turns round).
//!
//! A line stored as it was drawn, left to right, is read back by trying
//! several readings and keeping the one that fits best.  Each reading is a
//! set of levels (UAX #9) for the drawn characters, turned into a logical
//! order by rule L2 (and L3 when the producer kept harakat after their
//! letter).  The levels are resolved at both paragraph levels, the likelier
//! one first ([`super::strong_base`]); for a right-to-left paragraph also on
//! the line read right to left, which is close to logical order, so rules
//! that look backwards (W2: digits after an Arabic letter are an Arabic
//! number) see what they saw when the line was drawn; Persian digits read
//! as Arabic numbers give one more start.  Each start is refined once: the
//! levels resolved again on the logical guess and given back to the drawn
//! characters, which corrects runs the first pass split or merged.
//!
//! The best reading is consistent (drawing it again gives the line back, up
//! to mirrored brackets), ends a sentence where a sentence ends, places its
//! brackets well, keeps a number beside a Latin word as the algorithm drew
//! it, uses the likelier paragraph level, and comes early, in that order.
//!
//! Text conventions follow the Python originals: whitespace is `str.strip`'s
//! ([`is_space`]), "alphanumeric" is `str.isalnum` and "digit" `str.isdigit`,
//! both at the core's Unicode version.

use super::{mark_runs, strip_span, strong_base};
use crate::bidi::{self, bidi_class, BidiClass};
use crate::display::mirror;
use crate::props::{general_category, is_arabic_letter_or_mark, is_digit_char, is_word_letter, Gc};
use crate::visual::unshape_if_shaped;

/// Punctuation that ends a sentence: `. ! ? ؟ ۔ …`.
const SENTENCE_END: [char; 6] = ['.', '!', '?', '\u{061F}', '\u{06D4}', '\u{2026}'];
/// Each opening bracket with its closer.
const BRACKETS: [(char, char); 5] = [('(', ')'), ('[', ']'), ('{', '}'), ('«', '»'), ('<', '>')];
const SHADDA: char = '\u{0651}';
/// Persian digits, which rule W2 never turns into an Arabic number.
const PERSIAN_DIGITS: std::ops::RangeInclusive<char> = '\u{06F0}'..='\u{06F9}';
const ARABIC_INDIC_ZERO: char = '\u{0660}';
/// Stand-ins for pdfminer's `(cid:N)` placeholders while a line is read
/// back: one character each, of bidi class R like the Arabic letter the
/// glyph drew (Old South Arabian, U+10A60..U+10A7F).
const STAND_IN: u32 = 0x10A60;
const STAND_INS: usize = 32;

/// `str.isalnum`: a letter (L*) or a character with a Numeric_Type.
fn is_alnum(ch: char) -> bool {
    is_word_letter(ch) || general_category(ch) == Gc::Nd
}

// ---------------------------------------------------------------- levels and drawing

/// Levels of `line` read as a paragraph at `base` (0 or 1): rules P2-I2,
/// then L1 for the line as a whole.
pub fn levels_at(line: &[char], base: u8) -> Vec<u8> {
    bidi::line_levels_at(line, base)
}

/// The visual order (L2) of a line with levels `levels`; with `marks_after`,
/// harakat kept after their letter (L3).
fn visual_order(line: &[char], levels: &[u8], marks_after: bool) -> Vec<usize> {
    let order = bidi::reorder_line(levels);
    if marks_after {
        bidi::keep_marks_after_base(line, &order, levels)
    } else {
        order
    }
}

/// A logical line drawn at `base` (0 or 1): its characters in visual order
/// (L2), marks kept after their base (L3) when `marks_after`.
pub fn redraw(line: &[char], base: u8, marks_after: bool) -> Vec<char> {
    let levels = levels_at(line, base);
    pick(line, &visual_order(line, &levels, marks_after))
}

/// The levels of `line` read through a guess at its logical order: the
/// characters taken in `order` (a permutation of the line's indexes),
/// resolved at `base`, and each level given back to the index its
/// character came from.
pub fn levels_through(line: &[char], order: &[usize], base: u8) -> Vec<u8> {
    given_back(order, levels_at(&pick(line, order), base))
}

/// The levels of a text taken in `order` from a line, each given back to
/// the index of the line its character came from.
fn given_back(order: &[usize], levels: Vec<u8>) -> Vec<u8> {
    let mut back = vec![0; order.len()];
    for (&i, level) in order.iter().zip(levels) {
        back[i] = level;
    }
    back
}

/// The characters of `text` at the indexes `order`.
fn pick(text: &[char], order: &[usize]) -> Vec<char> {
    order.iter().map(|&i| text[i]).collect()
}

// ---------------------------------------------------------------- the tie-breaks

/// Whether the producer kept harakat after their letter (UAX #9 L3).
///
/// Without L3 a mark stands left of its letter in the drawn line, with L3
/// right of it.  Each mark is tried on both neighbours, and the reading
/// that puts fewer marks where Arabic spelling cannot have them wins (a
/// word starting with a mark, a shadda on a word's first letter); on a
/// tie, no L3, as python-bidi and most producers leave it.
pub fn marks_follow_base(line: &[char]) -> bool {
    let letter_at = |i: usize| {
        line.get(i)
            .copied()
            .filter(|&c| is_arabic_letter_or_mark(c))
    };
    let mut votes = 0i64;
    for (i, j) in mark_runs(line) {
        let left = i.checked_sub(1).and_then(letter_at);
        let right = letter_at(j);
        // Drawn right to left, a word's logical first letter is its rightmost.
        let left_initial = right.is_none();
        let right_initial = letter_at(j + 1).is_none();
        for &mark in &line[i..j] {
            votes += i64::from(misplaced_mark(mark, right, right_initial));
            votes -= i64::from(misplaced_mark(mark, left, left_initial));
        }
    }
    votes > 0
}

/// Whether Arabic spelling rules out `mark` written on `base` (None: no
/// Arabic letter or mark there).  A mark needs a letter, and a shadda never
/// doubles a word's first letter.  (Vowel marks on alef are fine: Urdu and
/// Persian write `اُ` `اِ`.)
fn misplaced_mark(mark: char, base: Option<char>, word_initial: bool) -> bool {
    base.is_none() || (mark == SHADDA && word_initial)
}

/// +1 if a logical candidate ends with sentence-final punctuation, -1 if it
/// starts with it (both or neither: 0).
pub fn ends_sentence(text: &[char]) -> i32 {
    let (start, end) = strip_span(text);
    if start == end {
        return 0;
    }
    i32::from(SENTENCE_END.contains(&text[end - 1]))
        - i32::from(SENTENCE_END.contains(&text[start]))
}

/// How badly the brackets of a logical candidate are placed.
///
/// Counts closers without an opener, openers never closed, and brackets
/// that face the wrong way for where they stand (an opener glued to the end
/// of a word, a closer glued to the start of one), so that a lone `1)`
/// still tells which way round it belongs.
pub fn bracket_errors(text: &[char]) -> usize {
    let mut stack: Vec<char> = Vec::new();
    let mut errors = 0;
    for (i, &ch) in text.iter().enumerate() {
        if !matches!(
            ch,
            '(' | ')' | '[' | ']' | '{' | '}' | '<' | '>' | '«' | '»'
        ) {
            continue;
        }
        let opener = BRACKETS.iter().find(|b| b.0 == ch).map(|b| b.1);
        let closer = BRACKETS.iter().any(|b| b.1 == ch);
        if opener.is_none() && !closer {
            continue;
        }
        if let Some(close) = opener {
            stack.push(close);
        } else if stack.last() == Some(&ch) {
            stack.pop();
        } else {
            errors += 1;
        }
        let before = i > 0 && is_alnum(text[i - 1]);
        let after = text.get(i + 1).is_some_and(|&c| is_alnum(c));
        if (before && !after && opener.is_some()) || (after && !before && closer) {
            errors += 1;
        }
    }
    errors + stack.len()
}

/// What [`split_number_latin`] sees in a character: `D` an ASCII digit,
/// `d` another digit, `L` another letter or number (each alphanumeric and
/// of bidi class L, EN or AN), a space for U+0020 and `x` for anything else.
fn number_latin_kind(ch: char) -> u8 {
    // ASCII answered by itself: its letters are L and its digits EN, and
    // nothing else in it is alphanumeric.
    if ch.is_ascii() {
        return match ch {
            '0'..='9' => b'D',
            'a'..='z' | 'A'..='Z' => b'L',
            ' ' => b' ',
            _ => b'x',
        };
    }
    // The class first: an Arabic letter (AL) is answered without its category.
    if matches!(bidi_class(ch), BidiClass::L | BidiClass::EN | BidiClass::AN) && is_alnum(ch) {
        match (is_digit_char(ch), ch.is_ascii()) {
            (true, true) => b'D',
            (true, false) => b'd',
            (false, _) => b'L',
        }
    } else if ch == ' ' {
        b' '
    } else {
        b'x'
    }
}

/// [`number_latin_kind`] of each character of a line: every reading of the
/// line shares them.
pub fn number_latin_kinds(line: &[char]) -> Vec<u8> {
    line.iter().map(|&c| number_latin_kind(c)).collect()
}

/// Places where a reading (`order`, logical position -> drawn index) swaps
/// a number and the Latin word next to it; `line_kinds` are the
/// [`number_latin_kinds`] of the drawn line.
///
/// `Windows 10` and `06:41 PM` inside Arabic are drawn as `Windows 10` and
/// `PM 06:41`, so the drawn line cannot tell the two apart; the tie-break
/// keeps ASCII digits drawn next to a Latin word in their drawn order, as
/// the algorithm itself does for a number after a Latin word (rule W7), and
/// reads other digits as part of the Arabic text.
pub fn split_number_latin(line_kinds: &[u8], order: &[usize]) -> usize {
    // Every pair counted holds a digit: each is found from its digit, the
    // next character but spaces after a digit, or the one before a digit
    // when that one is the Latin word (the digit is then the next character
    // but spaces after it).  Lines hold few digits.
    let kind = |k: usize| line_kinds[order[k]];
    let is_digit = |k: u8| k == b'D' || k == b'd';
    let n = order.len();
    let mut swaps = 0;
    for d in 0..n {
        let digit = kind(d);
        if !is_digit(digit) {
            continue;
        }
        let mut j = d + 1;
        while j < n && kind(j) == b' ' {
            j += 1;
        }
        if j < n && kind(j) == b'L' && (order[d] > order[j]) == (digit == b'D') {
            swaps += 1;
        }
        let mut k = d;
        while k > 0 && kind(k - 1) == b' ' {
            k -= 1;
        }
        if k > 0 && kind(k - 1) == b'L' && (order[k - 1] > order[d]) == (digit == b'D') {
            swaps += 1;
        }
    }
    swaps
}

/// `ch` and its mirror glyph made one (the smaller of the two), to compare
/// texts up to mirroring.
fn fold(ch: char) -> char {
    ch.min(mirror(ch))
}

/// (bracket errors, text, whether the text is the plain one) for one
/// reading, mirrored back or not, whichever places the brackets better;
/// mirrored on a tie.  Producers that skip L4 (python-bidi's default)
/// leave brackets unmirrored.
///
/// `mirrors` says whether any character of the line has a mirror glyph.
fn logical_text(
    line: &[char],
    order: &[usize],
    levels: &[u8],
    mirrors: bool,
) -> (usize, Vec<char>, bool) {
    let plain = pick(line, order);
    let plain_errors = bracket_errors(&plain);
    if !mirrors {
        // Nothing mirrors: both readings are the same text.
        return (plain_errors, plain, true);
    }
    let mirrored: Vec<char> = order
        .iter()
        .map(|&i| {
            if levels[i] & 1 == 1 {
                mirror(line[i])
            } else {
                line[i]
            }
        })
        .collect();
    let mirrored_errors = bracket_errors(&mirrored);
    if plain_errors < mirrored_errors {
        (plain_errors, plain, true)
    } else {
        let same = mirrored == plain;
        (mirrored_errors, mirrored, same)
    }
}

// ---------------------------------------------------------------- the readings

/// How a reading ranks, best last: consistent, ending a sentence, fewer
/// bracket errors, fewer swapped numbers, the likelier paragraph level, and
/// earlier (rank counts from 0 within each paragraph level).
type Key = (bool, i32, i64, i64, bool, i64);

/// What weighing a reading found.
enum Weighed {
    /// The reading is the best any can be: no later reading can win.
    Final,
    /// Go on; with the levels of the reading's text when they were resolved
    /// on the very characters a refinement of its order reads.
    Next(Option<Vec<u8>>),
}

/// The readings of one line tried so far, and the best of them.
struct Readings<'a> {
    line: &'a [char],
    folded: Vec<char>,
    marks_after: bool,
    guess: u8,
    /// Whether the line holds sentence-final punctuation (so a reading can
    /// end a sentence).
    can_end: i32,
    /// Whether a character of the line has a mirror glyph.
    mirrors: bool,
    /// The line's [`number_latin_kinds`].
    kinds: Vec<u8>,
    best: Option<(Key, Vec<char>)>,
    /// Readings met at the current paragraph level: (order, level parities).
    seen: Vec<(Vec<usize>, Vec<u8>)>,
    /// Orders already refined at the current paragraph level.
    refined: Vec<Vec<usize>>,
    rank: i64,
}

impl Readings<'_> {
    /// Weigh one reading at `base`.
    ///
    /// A reading met before at the same level scores the same and ranks
    /// later: it cannot win.  Nor can one whose key, were it consistent,
    /// would not beat a consistent best: the costly consistency check (the
    /// text drawn again) is skipped for it.  A reading consistent, ending a
    /// sentence (if the line holds such punctuation at all), without bracket
    /// errors or swapped numbers is final: any later one ranks lower, or
    /// has the less likely base.
    fn weigh(&mut self, base: u8, order: &[usize], levels: &[u8]) -> Weighed {
        let rank = self.rank;
        self.rank += 1;
        let parities: Vec<u8> = levels.iter().map(|l| l & 1).collect();
        if self.seen.iter().any(|(o, p)| o == order && *p == parities) {
            return Weighed::Next(None);
        }
        self.seen.push((order.to_vec(), parities));
        let line = self.line;
        let (errors, text, plain) = logical_text(line, order, levels, self.mirrors);
        let ends = ends_sentence(&text);
        let swaps = split_number_latin(&self.kinds, order);
        let rest = (
            ends,
            -(errors as i64),
            -(swaps as i64),
            base == self.guess,
            -rank,
        );
        let hopeful = (true, rest.0, rest.1, rest.2, rest.3, rest.4);
        if let Some((best, _)) = &self.best {
            if best.0 && hopeful <= *best {
                return Weighed::Next(None);
            }
        }
        // A reading is consistent when drawing it again gives the line back.
        let text_levels = levels_at(&text, base);
        let redrawn = pick(&text, &visual_order(&text, &text_levels, self.marks_after));
        let consistent = redrawn
            .iter()
            .map(|&c| fold(c))
            .eq(self.folded.iter().copied());
        let key = (consistent, rest.0, rest.1, rest.2, rest.3, rest.4);
        if consistent && ends == self.can_end && errors == 0 && swaps == 0 {
            self.best = Some((key, text));
            return Weighed::Final;
        }
        if self.best.as_ref().is_none_or(|(best, _)| key > *best) {
            self.best = Some((key, text));
        }
        Weighed::Next(plain.then_some(text_levels))
    }

    /// Try the readings at `base`, each start then its refinement; true when
    /// one was final.
    fn try_base(&mut self, base: u8) -> bool {
        let line = self.line;
        self.seen.clear();
        self.refined.clear();
        self.rank = 0;
        let persian = line.iter().any(|c| PERSIAN_DIGITS.contains(c));
        for start in 0..3 {
            let levels = match start {
                0 if base == 1 => {
                    let reversed: Vec<char> = line.iter().rev().copied().collect();
                    let mut levels = levels_at(&reversed, 1);
                    levels.reverse();
                    levels
                }
                1 => levels_at(line, base),
                // Persian digits are EN, so drawn next to a Latin word they
                // join it (W7); read as Arabic numbers they stay with the
                // Arabic text.
                2 if persian => {
                    let as_arabic: Vec<char> = line
                        .iter()
                        .map(|&c| {
                            if PERSIAN_DIGITS.contains(&c) {
                                ARABIC_INDIC_ZERO
                            } else {
                                c
                            }
                        })
                        .collect();
                    levels_at(&as_arabic, base)
                }
                _ => continue,
            };
            let first = visual_order(line, &levels, self.marks_after);
            let Weighed::Next(resolved) = self.weigh(base, &first, &levels) else {
                return true;
            };
            if self.refined.contains(&first) {
                // Its refinement was met before: the same reading, which
                // cannot win.
                self.rank += 1;
                continue;
            }
            // The levels of the logical guess (the line taken in `first`),
            // each given back to the index its character came from: those
            // the consistency check resolved, when it read that very text.
            let refined = match resolved {
                Some(levels) => given_back(&first, levels),
                None => levels_through(line, &first, base),
            };
            let second = visual_order(line, &refined, self.marks_after);
            self.refined.push(first);
            if let Weighed::Final = self.weigh(base, &second, &refined) {
                return true;
            }
        }
        false
    }
}

/// One drawn line read back in logical order, presentation forms unshaped
/// after reversing; None when the line holds no right-to-left character
/// (it is then its own logical order).
fn reorder(line: &[char]) -> Option<Vec<char>> {
    if !line
        .iter()
        .any(|&c| matches!(bidi_class(c), BidiClass::R | BidiClass::AL))
    {
        return None;
    }
    let guess = strong_base(line);
    let mut readings = Readings {
        line,
        folded: line.iter().map(|&c| fold(c)).collect(),
        marks_after: marks_follow_base(line),
        guess,
        can_end: i32::from(line.iter().any(|c| SENTENCE_END.contains(c))),
        mirrors: line.iter().any(|&c| mirror(c) != c),
        kinds: number_latin_kinds(line),
        best: None,
        seen: Vec::new(),
        refined: Vec::new(),
        rank: 0,
    };
    if !readings.try_base(guess) {
        readings.try_base(1 - guess);
    }
    // A line with a right-to-left character has at least one reading.
    let (_, text) = readings.best.expect("every base has a reading");
    Some(unshape_if_shaped(&text).unwrap_or(text))
}

/// Spans of pdfminer's `(cid:N)` placeholders (N: decimal digits, any
/// script's, as `re`'s `\d`), left to right, not overlapping.
fn cid_spans(line: &[char]) -> Vec<(usize, usize)> {
    const OPEN: [char; 5] = ['(', 'c', 'i', 'd', ':'];
    let mut spans = Vec::new();
    let mut i = 0;
    while i + OPEN.len() < line.len() {
        if line[i] == OPEN[0] && line[i..i + OPEN.len()] == OPEN {
            let digits = i + OPEN.len();
            let mut j = digits;
            while j < line.len() && general_category(line[j]) == Gc::Nd {
                j += 1;
            }
            if j > digits && line.get(j) == Some(&')') {
                spans.push((i, j + 1));
                i = j + 1;
                continue;
            }
        }
        i += 1;
    }
    spans
}

/// One drawn line in logical order (see the module's doc), or None when it
/// is its own logical order.  pdfminer's `(cid:N)` placeholders move as one
/// glyph each: a placeholder stands for one glyph of the line, so it is
/// reordered as one right-to-left character and written back unchanged
/// (`(cid:142)`, never `(142:cid)`).
pub fn line_to_logical(line: &[char]) -> Option<Vec<char>> {
    let cids = cid_spans(line);
    let is_stand_in = |c: &char| (STAND_IN..STAND_IN + STAND_INS as u32).contains(&(*c as u32));
    if cids.is_empty() || cids.len() > STAND_INS || line.iter().any(is_stand_in) {
        return reorder(line);
    }
    let mut marked = Vec::with_capacity(line.len());
    let mut pos = 0;
    for (k, &(start, end)) in cids.iter().enumerate() {
        marked.extend_from_slice(&line[pos..start]);
        marked.push(char::from_u32(STAND_IN + k as u32).expect("a stand-in is a character"));
        pos = end;
    }
    marked.extend_from_slice(&line[pos..]);
    let read = reorder(&marked).unwrap_or(marked);
    let mut out = Vec::with_capacity(line.len());
    for c in read {
        if is_stand_in(&c) {
            let (start, end) = cids[(c as u32 - STAND_IN) as usize];
            out.extend_from_slice(&line[start..end]);
        } else {
            out.push(c);
        }
    }
    Some(out)
}

/// Every line of `text` read back in logical order ([`line_to_logical`]),
/// line breaks kept where they are; None when no line changes.
pub fn to_logical(text: &[char]) -> Option<Vec<char>> {
    let mut out: Vec<char> = Vec::new();
    let mut changed = false;
    for (start, end, brk) in super::line_spans(text) {
        match line_to_logical(&text[start..end]) {
            Some(line) => {
                changed |= line[..] != text[start..end];
                out.extend(line);
            }
            None => out.extend_from_slice(&text[start..end]),
        }
        out.extend_from_slice(&text[end..brk]);
    }
    changed.then_some(out)
}

#[cfg(test)]
mod tests;
