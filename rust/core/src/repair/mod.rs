//! The per-line repairs of what PDF extractors do to right-to-left lines
//! (`mixscript.bidi.repair.plan_repairs`).
//!
//! Each function takes one line and returns it repaired, or unchanged when
//! the line does not carry the marks of the damage it undoes: the visual
//! order judgement asks every line of every normalised text, and almost all
//! of them need nothing, so each rule first checks the cheap necessary
//! conditions and only then builds a new line.  The Python layer decides
//! *whether* a repair is wanted (scores, blocks, the rest of the profile);
//! these functions are the repairs themselves.
//!
//! Whitespace follows the Python originals exactly: [`is_space`] is
//! `str.strip`'s set, [`is_regex_space`] the `\s` of the `regex` module
//! (the same set without U+001C..U+001F).  An "Arabic-script letter" is
//! Script=Arabic and General_Category L* ([`is_arabic_letter`]), at the
//! core's Unicode version.

use crate::bidi::{bidi_class, BidiClass};
use crate::props::{general_category, is_space, script_is_arabic, Gc};
pub use crate::visual::is_arabic_letter;

pub mod reorder;

#[cfg(test)]
mod tests;

/// Punctuation that ends a sentence: `. ! ? ؟ ۔`.
const STOPS: [char; 5] = ['.', '!', '?', '\u{061F}', '\u{06D4}'];
const RLE: char = '\u{202B}';
const LRE: char = '\u{202A}';
const PDF: char = '\u{202C}';
const ZWNJ: char = '\u{200C}';

fn is_stop(ch: char) -> bool {
    STOPS.contains(&ch)
}

/// The `\s` of the `regex` module: `str.isspace` without the four
/// information separators U+001C..U+001F (which `\s` leaves out).
pub fn is_regex_space(ch: char) -> bool {
    is_space(ch) && !('\u{1C}'..='\u{1F}').contains(&ch)
}

fn is_mark(ch: char) -> bool {
    general_category(ch).is_mark()
}

fn is_ascii_alnum(ch: char) -> bool {
    ch.is_ascii_alphanumeric()
}

/// `str.strip()`: the (start, end) of `line` without leading and trailing whitespace.
fn strip_span(line: &[char]) -> (usize, usize) {
    let start = line
        .iter()
        .position(|&c| !is_space(c))
        .unwrap_or(line.len());
    (start, rstrip_end(line).max(start))
}

/// `len(line.rstrip())`.
fn rstrip_end(line: &[char]) -> usize {
    line.iter()
        .rposition(|&c| !is_space(c))
        .map_or(0, |i| i + 1)
}

/// Whether `text` holds an Arabic-script letter.
pub fn has_arabic_letter(text: &[char]) -> bool {
    text.iter().any(|&c| is_arabic_letter(c))
}

/// A nonspacing mark of the Arabic script.
fn is_arabic_nonspacing(ch: char) -> bool {
    general_category(ch) == Gc::Mn && script_is_arabic(ch)
}

/// The harakat U+064B..U+065F and U+0670: written on Arabic letters, though
/// most are Script=Inherited.
fn is_harakah(ch: char) -> bool {
    matches!(ch, '\u{064B}'..='\u{065F}' | '\u{0670}')
}

/// (start, end) of each run of Arabic marks in `line`, left to right.
///
/// A run is a longest run of nonspacing marks of the Arabic script or,
/// starting where none is, a longest run of harakat (U+064B..U+065F,
/// U+0670, most of them Script=Inherited); so a mark of each kind in a row
/// can make two runs.  These are the marks whose place tells whether a
/// producer kept marks after their letter, and that a harakat-stripping
/// profile removes.
pub fn mark_runs(line: &[char]) -> Vec<(usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < line.len() {
        // Below U+0600 no character is of the Arabic script, nor a harakah:
        // Latin text is passed over without a category lookup.
        if line[i] < '\u{0600}' {
            i += 1;
            continue;
        }
        let kind: fn(char) -> bool = if is_arabic_nonspacing(line[i]) {
            is_arabic_nonspacing
        } else if is_harakah(line[i]) {
            is_harakah
        } else {
            i += 1;
            continue;
        };
        let start = i;
        while i < line.len() && kind(line[i]) {
            i += 1;
        }
        runs.push((start, i));
    }
    runs
}

/// The paragraph level suggested by where the strong characters sit (1 = right to left).
///
/// The first logical character of an RTL paragraph is drawn at the right
/// end, so a right-to-left letter there (and none of Latin at the left)
/// means RTL, and the reverse means LTR; when the ends disagree, the
/// majority of strong characters decides.
pub fn strong_base(line: &[char]) -> u8 {
    let mut first = None;
    let mut last = None;
    let (mut strong, mut ltr) = (0usize, 0usize);
    for &c in line {
        let class = bidi_class(c);
        if !matches!(class, BidiClass::L | BidiClass::R | BidiClass::AL) {
            continue;
        }
        let is_l = class == BidiClass::L;
        first.get_or_insert(is_l);
        last = Some(is_l);
        strong += 1;
        ltr += usize::from(is_l);
    }
    let (Some(first_l), Some(last_l)) = (first, last) else {
        return 0;
    };
    let rtl_right = !last_l;
    let ltr_left = first_l;
    if rtl_right != ltr_left {
        return u8::from(rtl_right);
    }
    u8::from(2 * (strong - ltr) >= strong)
}

// ---------------------------------------------------------------- lines

/// (start, end, end including the line break) of every line of `text`; CR
/// LF is one break.  The breaks are `str.splitlines`'s
/// ([`crate::runs::is_line_break`]); after a final break comes an empty line.
pub fn line_spans(text: &[char]) -> Vec<(usize, usize, usize)> {
    // Most texts given line by line hold no break, which one pass without
    // branches tells.
    if !crate::runs::has_line_break(text) {
        return vec![(0, text.len(), text.len())];
    }
    let mut spans = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        if !crate::runs::is_line_break(c) {
            i += 1;
            continue;
        }
        let end = if c == '\r' && text.get(i + 1) == Some(&'\n') {
            i + 2
        } else {
            i + 1
        };
        spans.push((start, i, end));
        start = end;
        i = end;
    }
    spans.push((start, text.len(), text.len()));
    spans
}

/// What `plan_repairs` first needs to know about one line, found in one pass
/// over the text: the visual-order judgement asks it of every line of every
/// normalised text, and almost every line needs nothing more.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineRecord {
    /// Offsets of the line and of the end of its break.
    pub start: usize,
    pub end: usize,
    pub brk: usize,
    /// The line without pdftotext's wrappers ([`unwrap_extractor_controls`]),
    /// when it had them.
    pub unwrapped: Option<Vec<char>>,
    /// Whether the line (unwrapped) holds an Arabic-script letter.
    pub arabic: bool,
    /// The line's visual-order evidence ([`crate::visual::evidence_and_letters`]).
    pub evidence: crate::visual::Evidence,
    /// [`may_tidy`] of the line, for a line holding an Arabic-script letter
    /// (false for the others, which are never tidied on their own).
    pub tidy: bool,
}

/// The [`LineRecord`] of every line of `text` ([`line_spans`]'s lines).
pub fn line_records(text: &[char]) -> Vec<LineRecord> {
    line_spans(text)
        .into_iter()
        .map(|(start, end, brk)| line_record(text, start, end, brk))
        .collect()
}

/// The [`LineRecord`] of the line `text[start..end]` (its break ending at
/// `brk`): for a text known to be one line, [`line_records`] without
/// looking for breaks again.
pub fn line_record(text: &[char], start: usize, end: usize, brk: usize) -> LineRecord {
    let raw = &text[start..end];
    let unwrapped = if may_unwrap(raw) {
        unwrap_extractor_controls(raw)
    } else {
        None
    };
    let work = unwrapped.as_deref().unwrap_or(raw);
    let (evidence, arabic) = crate::visual::evidence_and_letters(work);
    let tidy = arabic && may_tidy(work);
    LineRecord {
        start,
        end,
        brk,
        unwrapped,
        arabic,
        evidence,
        tidy,
    }
}

/// The [`LineRecord`] of `text` when it is one line (no line break in it),
/// else `None`: [`line_record`] of the whole text, the breaks and the RLE
/// that [`may_unwrap`] looks for asked in one pass.
///
/// The visual-order judgement asks it of every one-line text: one pass
/// without branches tells that a text holds no control character below
/// U+0020, no NEL and nothing in U+2028..U+202B (the separators, LRE and
/// RLE), which a line break and an RLE all are; only a text holding one
/// (a tab will do) is asked again exactly.
pub fn one_line_record(text: &[char]) -> Option<LineRecord> {
    let mut found = 0u32;
    for &c in text {
        let c = c as u32;
        found |= u32::from((c < 0x20) | (c == 0x85) | (c | 3 == 0x202B));
    }
    if found == 0 {
        let (evidence, arabic) = crate::visual::evidence_and_letters(text);
        return Some(LineRecord {
            start: 0,
            end: text.len(),
            brk: text.len(),
            unwrapped: None,
            arabic,
            evidence,
            tidy: arabic && may_tidy(text),
        });
    }
    (!crate::runs::has_line_break(text)).then(|| line_record(text, 0, text.len(), text.len()))
}

// ---------------------------------------------------------------- cheap necessary conditions
//
// Almost no line needs a repair: the bindings ask these first, and only
// build a new line when one holds.  Each is a necessary condition of its
// repair (the repair returns `None` whenever it is false).

/// Whether [`unwrap_extractor_controls`] may change `line`: it holds an RLE.
pub fn may_unwrap(line: &[char]) -> bool {
    // One pass without branches (vectorised), as most lines hold none.
    let mut found = 0u32;
    for &c in line {
        found |= u32::from(c == RLE);
    }
    found != 0
}

/// Whether [`move_final_stop`] may change `line` (or [`final_stop_at_front`]
/// hold): its first character after whitespace is a stop, or its last
/// before whitespace a digit.
pub fn may_move_stop(line: &[char]) -> bool {
    let (start, end) = strip_span(line);
    let body = &line[start..end];
    body.first().is_some_and(|&c| is_stop(c)) || body.last().is_some_and(|&c| is_end_digit(c))
}

/// Whether [`runs_in_visual_order`] or [`move_final_stop`] may change
/// `line`: when not, tidying a logical line (runs, then the stop) leaves it.
pub fn may_tidy(line: &[char]) -> bool {
    may_move_stop(line) || may_reorder_runs(line)
}

/// Whether [`put_back_zwnj`] may change `line`: a space before a ZWNJ.
pub fn may_put_back_zwnj(line: &[char]) -> bool {
    line.windows(2).any(|w| w == [' ', ZWNJ])
}

/// Whether [`runs_in_visual_order`] may change `line`: a stop at the front
/// (after whitespace) or a double space, and a Latin letter or ASCII digit
/// next to an Arabic-script letter; or an Arabic-script letter, marks and
/// stops right before a Latin letter or ASCII digit (see [`glued_stop`]).
pub fn may_reorder_runs(line: &[char]) -> bool {
    // Both shapes end in an ASCII letter or digit with an Arabic-script
    // letter right before or after it, or before it across stops and
    // marks.  Stretches without a character at or above `FIRST_LETTER`
    // (no such letter) are passed over many characters at a time; from
    // the first such character on, the line is read in blocks, each first
    // asked in one pass without branches whether it (or the character
    // after it) holds one in the range of the ASCII letters and digits:
    // only then is it read one character at a time.  Most of a Latin line
    // is passed over, most blocks of an Arabic line hold no Latin letter.
    //
    // A glued stop is looked for after a character whose UTF-8 ends in the
    // last byte of a stop (`. ! ?`; ؟ and ۔ end in 0x9F and 0x94): the
    // stops, and the marks that end in those bytes too (the condition was
    // first read from the UTF-8, and answers as it did).
    let stop_end = |c: char| {
        let c = c as u32;
        let low = c & 0x3F;
        (c == 0x2E) | (c == 0x21) | (c == 0x3F) | ((c >= 0x80) & ((low == 0x1F) | (low == 0x14)))
    };
    let letter_at = |k: usize| line.get(k).is_some_and(|&c| is_arabic_letter(c));
    // '0' to 'z': the ASCII letters and digits among others.
    let latin_range = |c: u32| c.wrapping_sub(0x30) < 0x4B;
    // Whether glued runs were met (they count only with a stop at the
    // front or a double space, asked once, when they are first met).
    let mut glued_runs = false;
    let mut start = 0;
    while start < line.len() {
        let first = crate::visual::next_at_least(line, start, crate::visual::FIRST_LETTER);
        if first >= line.len() {
            break;
        }
        // The block begins right before the first such character (whose
        // neighbour there may be a Latin letter), or where the last ended.
        if first > start {
            start = first - 1;
        }
        let end = (start + BLOCK).min(line.len());
        // Each shape is read at its ASCII letter or digit `k`: from here to
        // the character after the block (an Arabic letter at the block's
        // end may be glued to it; one at its start to the character before,
        // read with the block before, or the one here).
        let after = line.get(end).is_some_and(|&c| latin_range(c as u32));
        if after || any_in_block(&line[start..end], latin_range) {
            for k in start..=end.min(line.len() - 1) {
                if !is_ascii_alnum(line[k]) {
                    continue;
                }
                if k > 0 && stop_end(line[k - 1]) && glued_after_stop(line, k) {
                    return true;
                }
                if !glued_runs && (k > 0 && letter_at(k - 1) || letter_at(k + 1)) {
                    if has_runs_mark(line) {
                        return true;
                    }
                    glued_runs = true;
                }
            }
        }
        // Stops and marks going on past the block: a letter of the block
        // may be glued, across them, to what follows them.  They hold no
        // letter, so the next block may begin after them.
        let mut k = end;
        while line
            .get(k)
            .is_some_and(|&c| is_stop(c) || c as u32 >= 0x0300 && is_mark(c))
        {
            k += 1;
        }
        if k > end
            && line.get(k).is_some_and(|&c| is_ascii_alnum(c))
            && stop_end(line[k - 1])
            && glued_after_stop(line, k)
        {
            return true;
        }
        start = k;
    }
    false
}

/// Characters looked at together by [`may_reorder_runs`].
const BLOCK: usize = 16;

/// Whether a character of `block` (as a code point) passes `test`: one pass
/// without branches, over a whole block as an array (which the compiler
/// vectorises without a tail loop) when it is one.
#[inline]
fn any_in_block(block: &[char], test: impl Fn(u32) -> bool) -> bool {
    let mut found = 0u32;
    if let Ok(whole) = <&[char; BLOCK]>::try_from(block) {
        for &c in whole {
            found |= u32::from(test(c as u32));
        }
    } else {
        for &c in block {
            found |= u32::from(test(c as u32));
        }
    }
    found != 0
}

/// Whether `line` has a stop at the front (after whitespace) or a double
/// space: what makes an Arabic-script letter glued to a Latin one a mark of
/// runs drawn left to right.
fn has_runs_mark(line: &[char]) -> bool {
    let (start, _) = strip_span(line);
    line.get(start).is_some_and(|&c| is_stop(c)) || line.windows(2).any(|w| w == [' ', ' '])
}

/// Whether the ASCII letter or digit at `i` follows stops that follow an
/// Arabic-script letter and its marks.
fn glued_after_stop(line: &[char], i: usize) -> bool {
    let mut back = line[..i].iter().rev();
    let mut stops = 0;
    let base = back.find(|&&c| {
        stops += usize::from(is_stop(c));
        !is_stop(c) && !is_mark(c)
    });
    stops > 0 && base.is_some_and(|&c| is_arabic_letter(c))
}

// ---------------------------------------------------------------- pdftotext's wrappers

fn is_embedding_control(ch: char) -> bool {
    ('\u{202A}'..='\u{202E}').contains(&ch)
}

/// `line` without pdftotext's embedding wrappers, the spaces they displaced put back.
///
/// pdftotext writes every line of a right-to-left paragraph as RLE ... PDF
/// and every left-to-right run inside as LRE ... PDF, taking the run's
/// visual neighbours with it: the space after a Latin word ends up inside
/// the wrapper before it, and the sentence's final stop, drawn at the left
/// end next to a number, inside the number's wrapper (`LRE.2019PDF`).  Only
/// a line of exactly that shape is touched (spaces or tabs, RLE, text and
/// LRE ... PDF runs without right-to-left letters, PDF, the end; a line
/// feed after the last PDF is dropped with the wrapper, as the pattern this
/// replaced did), so an author's own embeddings stay.
pub fn unwrap_extractor_controls(line: &[char]) -> Option<Vec<char>> {
    let indent = line.iter().position(|&c| c != ' ' && c != '\t')?;
    if line[indent] != RLE {
        return None;
    }
    // The wrapped body: plain characters and (start, end) of each run's text.
    let body_start = indent + 1;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = body_start;
    let body_end = loop {
        let &c = line.get(i)?;
        if c == LRE {
            let start = i + 1;
            let len = line[start..]
                .iter()
                .position(|&c| is_embedding_control(c))?;
            if line[start + len] != PDF {
                return None;
            }
            runs.push((start, start + len));
            i = start + len + 1;
        } else if c == PDF {
            break i;
        } else if is_embedding_control(c) {
            return None;
        } else {
            i += 1;
        }
    };
    match &line[body_end + 1..] {
        [] | ['\n'] => {}
        _ => return None,
    }
    let rtl = |c: char| matches!(bidi_class(c), BidiClass::R | BidiClass::AL);
    if runs
        .iter()
        .any(|&(s, e)| line[s..e].iter().any(|&c| rtl(c)))
    {
        return None;
    }
    let mut out: Vec<char> = line[..indent].to_vec();
    let mut pos = body_start;
    for &(s, e) in &runs {
        let (open, close) = (s - 1, e + 1);
        out.extend_from_slice(&line[pos..open]);
        let mut run: Vec<char> = line[s..e].to_vec();
        let after = &line[close..body_end];
        let last = after.iter().all(|&c| is_space(c));
        if last && run.len() > 1 && is_stop(run[0]) && !is_stop(run[1]) {
            // The final stop sat at the left end, in front of the run.
            let stops = run.iter().take_while(|&&c| is_stop(c)).count();
            run.rotate_left(stops);
        }
        let next = after.first().copied();
        if run.first() == Some(&' ') && run.last() != Some(&' ') && next.is_some_and(|c| c != ' ') {
            // The space after the run was drawn left of it, inside the wrapper.
            run.rotate_left(1);
        }
        out.extend(run);
        pos = close;
    }
    out.extend_from_slice(&line[pos..body_end]);
    Some(out)
}

// ---------------------------------------------------------------- a moved final stop

/// Where the stop sits in a line whose sentence-final stop came out at its
/// front (PyMuPDF, pypdf): (index of the stop, end of the body).
///
/// The shape: leading `\s`, one stop, an Arabic-script letter, the rest up
/// to trailing `\s`, ending in neither whitespace nor a stop, and no line
/// feed inside (an ellipsis opening a line is the author's).
fn front_stop(line: &[char]) -> Option<(usize, usize)> {
    let stop = line.iter().position(|&c| !is_regex_space(c))?;
    if !is_stop(line[stop]) || !line.get(stop + 1).is_some_and(|&c| is_arabic_letter(c)) {
        return None;
    }
    let end = line.iter().rposition(|&c| !is_regex_space(c))? + 1;
    // `end > stop + 1`: the letter after the stop is not whitespace.
    if is_stop(line[end - 1]) || line[stop + 1..end].contains(&'\n') {
        return None;
    }
    Some((stop, end))
}

/// Whether `line`'s sentence-final stop stands at its front, where
/// [`move_final_stop`] moves it from.
pub fn final_stop_at_front(line: &[char]) -> bool {
    front_stop(line).is_some()
}

/// The digits of a number at the end of a line: ASCII, Arabic-Indic, Persian.
fn is_end_digit(ch: char) -> bool {
    ch.is_ascii_digit() || matches!(ch, '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}')
}

/// Where a stop sits between a space and the number ending `line` (pypdfium2).
///
/// Read from the end: trailing whitespace, the digits, the stop, a space; a
/// pattern anchored at the end would be tried at every position of the line.
pub fn stop_before_number(line: &[char]) -> Option<usize> {
    let end = rstrip_end(line);
    let mut j = end;
    while j > 0 && is_end_digit(line[j - 1]) {
        j -= 1;
    }
    if j == end || j < 2 || !is_stop(line[j - 1]) || line[j - 2] != ' ' {
        return None;
    }
    Some(j - 1)
}

/// A logical line's final full stop put back at its end.
///
/// Some extractors hand back the letters of a right-to-left line in logical
/// order but the final stop where it was drawn, at the left end, which they
/// read as the start: `.ذهب الولد` for `ذهب الولد.`, `عام .2019` for
/// `عام 2019.` (the second only in a right-to-left paragraph, see
/// [`strong_base`]).  Only meant for lines known to be logical.
pub fn move_final_stop(line: &[char]) -> Option<Vec<char>> {
    let (start, _) = strip_span(line);
    if line.get(start).is_some_and(|&c| is_stop(c)) {
        let (stop, end) = front_stop(line)?;
        let mut out = line[..stop].to_vec();
        out.extend_from_slice(&line[stop + 1..end]);
        out.push(line[stop]);
        out.extend_from_slice(&line[end..]);
        return Some(out);
    }
    let stop = stop_before_number(line)?;
    if strong_base(line) != 1 {
        return None;
    }
    let end = rstrip_end(line);
    let mut out = line[..stop].to_vec();
    out.extend_from_slice(&line[stop + 1..end]);
    out.push(line[stop]);
    out.extend_from_slice(&line[end..]);
    Some(out)
}

// ---------------------------------------------------------------- runs written left to right

/// Index and length of the stops of the first Arabic-script letter, marks,
/// stops and Latin letter or ASCII digit in a row: the end of a
/// right-to-left sentence glued to the run drawn left of it.
fn glued_stop(body: &[char]) -> Option<usize> {
    for (i, &c) in body.iter().enumerate() {
        if !is_arabic_letter(c) {
            continue;
        }
        let mut j = i + 1;
        while j < body.len() && is_mark(body[j]) {
            j += 1;
        }
        let k = j;
        while j < body.len() && is_stop(body[j]) {
            j += 1;
        }
        if j > k && body.get(j).is_some_and(|&c| is_ascii_alnum(c)) {
            return Some(j - k);
        }
    }
    None
}

/// Whether the only stop of `body` ends its first word run and is glued to a Latin run.
///
/// pypdf and PyMuPDF on Chromium's and fpdf2's PDFs: ` ہیں۔John ہمارے
/// استاد` for `ہمارے استاد John ہیں۔`.  A logical line with a missing
/// space after a stop (`جملة.John قال`) keeps its own final stop, or has
/// another stop, so it is not taken for this.
fn glued_final_stop(body: &[char]) -> bool {
    let Some(glued) = glued_stop(body) else {
        return false;
    };
    if body.last().is_some_and(|&c| is_stop(c)) {
        return false;
    }
    body.iter().filter(|&&c| is_stop(c)).count() == glued
}

/// An Arabic-script letter next to a Latin letter or ASCII digit, either way round.
fn has_glued_runs(body: &[char]) -> bool {
    body.windows(2).any(|w| {
        (is_arabic_letter(w[0]) && is_ascii_alnum(w[1]))
            || (is_ascii_alnum(w[0]) && is_arabic_letter(w[1]))
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Token {
    Arabic,
    Latin,
    Other,
}

/// The next token of `body` from `i`: (kind, start, end), whitespace skipped.
///
/// An Arabic-script word (letters, then letters, marks, tatweel, ZWNJ,
/// ZWJ), a Latin word or number (ASCII letters and digits, with `. , : / -`
/// between two of them), or any other non-space character alone.
fn next_token(body: &[char], mut i: usize) -> Option<(Token, usize, usize)> {
    while i < body.len() && is_regex_space(body[i]) {
        i += 1;
    }
    let &c = body.get(i)?;
    let start = i;
    i += 1;
    if is_arabic_letter(c) {
        while i < body.len() && {
            let d = body[i];
            is_arabic_letter(d) || is_mark(d) || matches!(d, '\u{0640}' | '\u{200C}' | '\u{200D}')
        } {
            i += 1;
        }
        return Some((Token::Arabic, start, i));
    }
    if is_ascii_alnum(c) {
        loop {
            match body.get(i) {
                Some(&d) if is_ascii_alnum(d) => i += 1,
                Some(&('.' | ',' | ':' | '/' | '-'))
                    if body.get(i + 1).is_some_and(|&d| is_ascii_alnum(d)) =>
                {
                    i += 1;
                }
                _ => break,
            }
        }
        return Some((Token::Latin, start, i));
    }
    Some((Token::Other, start, i))
}

/// Words of `body` in runs of one kind (Arabic-script, Latin and digits),
/// punctuation kept on the word before it.
fn run_groups(body: &[char]) -> Vec<Vec<Vec<char>>> {
    let mut groups: Vec<Vec<Vec<char>>> = Vec::new();
    let mut kind = None;
    let mut i = 0;
    while let Some((k, s, e)) = next_token(body, i) {
        i = e;
        let token = &body[s..e];
        if k == Token::Other {
            if let Some(word) = groups.last_mut().and_then(|g| g.last_mut()) {
                word.extend_from_slice(token);
                continue;
            }
        }
        if kind != Some(k) || groups.is_empty() {
            groups.push(Vec::new());
            kind = Some(k);
        }
        if let Some(group) = groups.last_mut() {
            group.push(token.to_vec());
        }
    }
    groups
}

/// A line whose runs came out left to right, each run itself in logical order, put right.
///
/// PyMuPDF and pypdf write a right-to-left line holding a Latin word or a
/// number run by run as drawn, left to right: `.2019  المدينة عامMartin
/// زار الأستاذ` for `زار الأستاذ Martin المدينة عام 2019.`.  The runs are
/// read back in reverse, one space between words, punctuation kept with the
/// word before it and a stop found at the front moved to the end.  Only a
/// line carrying the marks of that damage is touched: an Arabic-script
/// letter glued to a Latin letter or digit, and a stop at the front or a
/// double space; or the line's only stop glued between its first run and a
/// Latin word or number, and no stop at its end (see [`glued_final_stop`]).
pub fn runs_in_visual_order(line: &[char]) -> Option<Vec<char>> {
    let (start, end) = strip_span(line);
    let mut body = &line[start..end];
    let starts_with_stop = body.first().is_some_and(|&c| is_stop(c));
    let glued = glued_final_stop(body);
    if !(starts_with_stop || glued || body.windows(2).any(|w| w == [' ', ' '])) {
        return None;
    }
    if !glued && !has_glued_runs(body) {
        return None;
    }
    // One Arabic-script word has no order to get wrong.
    if crate::visual::words(body).len() < 2 {
        return None;
    }
    let mut last_stop = Vec::new();
    while let Some(&c) = body.first().filter(|&&c| is_stop(c)) {
        last_stop.push(c);
        let rest = &body[1..];
        body = &rest[rest
            .iter()
            .position(|&c| !is_space(c))
            .unwrap_or(rest.len())..];
    }
    let groups = run_groups(body);
    let first = groups.first()?;
    // Drawn right to left, the sentence's end is at the left: a stop at the
    // front of the line or closing its first run says the runs came out
    // left to right.  Without it nothing is touched (pypdf on LibreOffice's
    // PDFs keeps the runs in order and only moves spaces: not told apart
    // from an author's spacing).
    let first_run_ends_sentence = first
        .last()
        .and_then(|w| w.last())
        .is_some_and(|&c| is_stop(c));
    if last_stop.is_empty() && !(first_run_ends_sentence && groups.len() > 1) {
        return None;
    }
    let mut out = line[..start].to_vec();
    for (n, word) in groups.iter().rev().flatten().enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.extend_from_slice(word);
    }
    out.extend(last_stop);
    out.extend_from_slice(&line[end..]);
    Some(out)
}

// ---------------------------------------------------------------- a displaced ZWNJ

/// A line turned round from visual order, each ZWNJ put back after the letter it follows.
///
/// pdfplumber (on HarfBuzz-shaped PDFs) sorts a zero-width non-joiner
/// before the letter drawn at the same place and reads the gap that letter
/// leaves as a space: reversed, `می‌روم` comes out `م ‌یروم`, letter (and
/// its marks), space, ZWNJ, letter.  A ZWNJ after a space separates nothing,
/// so that shape is never meant; the letter and its marks go back before
/// the ZWNJ and the space goes.
pub fn put_back_zwnj(line: &[char]) -> Option<Vec<char>> {
    let mut out: Vec<char> = Vec::new();
    let mut pos = 0; // line[..pos] is settled (copied into `out` or consumed)
    let mut i = 0;
    let mut changed = false;
    while i + 2 < line.len() {
        if line[i] != ' ' || line[i + 1] != ZWNJ || !is_arabic_letter(line[i + 2]) {
            i += 1;
            continue;
        }
        // After a letter and its marks (the text as given, not as repaired so far).
        let base = line[..i].iter().rposition(|&c| !is_mark(c));
        if !base.is_some_and(|b| is_arabic_letter(line[b])) {
            i += 1;
            continue;
        }
        let mut end = i + 3;
        while end < line.len() && is_mark(line[end]) {
            end += 1;
        }
        out.extend_from_slice(&line[pos..i]);
        out.extend_from_slice(&line[i + 2..end]);
        out.push(ZWNJ);
        pos = end;
        i = end;
        changed = true;
    }
    if !changed {
        return None;
    }
    out.extend_from_slice(&line[pos..]);
    Some(out)
}
