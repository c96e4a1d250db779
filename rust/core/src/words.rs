//! Word-frequency lookups of `mixscript.lang.words`.
//!
//! The tagger weighs a run by how often its words are written in each
//! candidate language: wordfreq's Zipf value of each word, per language.
//! wordfreq itself lives in Python, and so does the arithmetic that turns its
//! frequency list into Zipf values (Python's decimal `round`); what is done
//! here is everything done per word:
//!
//! * finding the words of a text ([`find_words`], the pattern
//!   `\p{L}[\p{L}\p{M}]*(?:['’\u200c\u200d]\p{L}[\p{L}\p{M}]*)*`);
//! * telling a *plain* word ([`is_plain_word`]: Latin-1 letters only, or
//!   plain Arabic-script letters only), which is one token to wordfreq whose
//!   form in the list is the word case-folded ([`fold_plain`]), from any
//!   other word, which only wordfreq's tokeniser can look up;
//! * reading each language's value of each word ([`Tables::rows`]): a plain
//!   word from the language's table of plain words (given once by Python,
//!   [`Tables::add_language`]; the tables of all languages are held as one,
//!   so that a word is found once for all of them), any other from the
//!   values Python has learnt from wordfreq and handed over
//!   ([`Tables::learn`]); a word in neither is reported missing, for Python
//!   to ask wordfreq once and hand over;
//! * summing a stretch of the values into a log-likelihood ([`log_likelihood`]).

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::ops::Range;

use crate::props::general_category;

/// The most words of a stretch that count: a long run is judged by its
/// first words (the sum settles long before, and the cost stays bounded).
pub const MAX_WORDS: usize = 40;

/// The value of a word a list does not hold: wordfreq's floor, Zipf 0.
pub const ABSENT: f64 = 0.0;

/// Characters that may join two letters inside one word: the apostrophes
/// (`l'homme`, `it’s`) and the zero-width (non-)joiners (`می‌شود`).
pub fn is_joiner(ch: char) -> bool {
    matches!(ch, '\'' | '\u{2019}' | '\u{200C}' | '\u{200D}')
}

fn is_letter(ch: char) -> bool {
    general_category(ch).is_letter()
}

fn is_letter_or_mark(ch: char) -> bool {
    let gc = general_category(ch);
    gc.is_letter() || gc.is_mark()
}

/// The words of a text, in order: see [`find_words`].
pub struct Words<'a> {
    rest: &'a str,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let mut chars = self.rest.char_indices();
        let start = loop {
            match chars.next() {
                None => {
                    self.rest = "";
                    return None;
                }
                Some((i, ch)) if is_letter(ch) => break i,
                Some(_) => {}
            }
        };
        // After the first letter: letters and marks, or a joiner with a letter after it.
        let mut end = chars.as_str();
        loop {
            let mut ahead = end.chars();
            let extended = match ahead.next() {
                Some(ch) if is_letter_or_mark(ch) => true,
                Some(ch) if is_joiner(ch) => ahead.next().is_some_and(is_letter),
                _ => false,
            };
            if !extended {
                break;
            }
            end = ahead.as_str();
        }
        let stop = self.rest.len() - end.len();
        let word = &self.rest[start..stop];
        self.rest = end;
        Some(word)
    }
}

/// The words of `text`: a letter, then letters and marks, and any number of
/// joiners ([`is_joiner`]) each followed by a letter and more letters and
/// marks; leftmost and longest, as a regular-expression search finds them.
///
/// A word is kept whole, joiners included, because wordfreq stores it so:
/// `می‌شود` is one Persian word, and `l'homme` one French token.
pub fn find_words(text: &str) -> Words<'_> {
    Words { rest: text }
}

/// A letter of a plain Latin word: ASCII and Latin-1 letters, and the
/// dotless ı (U+0131), which every case-folding leaves as it is.
fn is_plain_latin(ch: char) -> bool {
    matches!(ch, 'A'..='Z' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}' | '\u{F8}'..='\u{FF}' | 'ı')
}

/// A letter of a plain Arabic-script word: the letters of the Arabic block
/// that NFC and NFKC leave alone (U+0675..U+0678, which NFKC splits, are
/// left out), with no mark, tatweel, digit or punctuation.
fn is_plain_arabic(ch: char) -> bool {
    matches!(
        ch,
        '\u{0620}'..='\u{063F}'
            | '\u{0641}'..='\u{064A}'
            | '\u{066E}'
            | '\u{066F}'
            | '\u{0671}'..='\u{0674}'
            | '\u{0679}'..='\u{06D3}'
            | '\u{06D5}'
            | '\u{06EE}'
            | '\u{06EF}'
            | '\u{06FA}'..='\u{06FC}'
            | '\u{06FF}'
    )
}

/// Whether `word` is plain: one or more letters, all plain Latin
/// ([`is_plain_latin`]) or all plain Arabic ([`is_plain_arabic`]); a Latin
/// word may also hold apostrophes between its letters ([`plain_apostrophes`]).
///
/// Such a word is one token to wordfreq (no word break falls between two
/// letters of one script, nor at an apostrophe between two letters), NFC
/// and NFKC already, and its token is the word case-folded ([`fold_plain`]),
/// so its value can be read from a table of the list's plain tokens without
/// wordfreq's tokeniser.
pub fn is_plain_word(word: &str) -> bool {
    let mut chars = word.chars();
    match chars.next() {
        Some(ch) if is_plain_latin(ch) => {
            if chars.all(is_plain_latin) {
                true
            } else {
                plain_apostrophes(word)
            }
        }
        Some(ch) if is_plain_arabic(ch) => chars.all(is_plain_arabic),
        _ => false,
    }
}

/// Where wordfreq cuts a French elision (`l'homme`, `qu'il`) in two: one
/// or two letters, an ASCII apostrophe, then one of these (its tokeniser's
/// `INITIAL_VOWEL_EXPR`, vowels and h).
const ELISION_NEXT: &str = "AEHIOUYÁÉÍÓÚÀÈÌÒÙÂÊÎÔÛÅÏÖŒaehiouyáéíóúàèìòùâêîôûåïöœ";

/// Whether a Latin word with apostrophes is still one token to wordfreq,
/// its apostrophes kept (`it's`, `o'clock`, `rock'n'roll`; `it’s` as
/// `it's`): plain Latin letters with single apostrophes (ASCII or U+2019)
/// between them, not an elision wordfreq cuts ([`ELISION_NEXT`]; only
/// after an ASCII apostrophe: it leaves `l’homme` whole), and no ß (which
/// Turkish folds to `ss` before it looks for an elision, and the other
/// languages after).
fn plain_apostrophes(word: &str) -> bool {
    let mut previous_letter = false;
    let mut first_apostrophe = None;
    for (i, ch) in word.chars().enumerate() {
        if is_plain_latin(ch) && ch != 'ß' {
            previous_letter = true;
        } else if (ch == '\'' || ch == '\u{2019}') && previous_letter {
            previous_letter = false;
            first_apostrophe.get_or_insert((i, ch));
        } else {
            return false;
        }
    }
    let Some((at, apostrophe)) = first_apostrophe else {
        return false;
    };
    if !previous_letter {
        return false; // ends with an apostrophe
    }
    let elided = apostrophe == '\''
        && (at == 1 || at == 2)
        && word
            .chars()
            .nth(at + 1)
            .is_some_and(|ch| ELISION_NEXT.contains(ch));
    !elided
}

/// Whether Python's `str.casefold` changes this letter of a plain word.
fn folds(ch: char) -> bool {
    matches!(ch, 'A'..='Z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{DE}' | 'ß')
}

/// wordfreq's token of a plain word ([`is_plain_word`]): Python's
/// `str.casefold` (the capitals A-Z and U+00C0..U+00DE (but ×) one lower,
/// U+0020 further on, ß as "ss", every other plain letter as it is), and a
/// right single quotation mark as the ASCII apostrophe (its tokeniser
/// uncurls quotes).  Borrowed when nothing changes.
pub fn fold_plain(word: &str) -> Cow<'_, str> {
    if !word.chars().any(|ch| folds(ch) || ch == '\u{2019}') {
        return Cow::Borrowed(word);
    }
    let mut folded = String::with_capacity(word.len() + 1);
    for ch in word.chars() {
        match ch {
            'ß' => folded.push_str("ss"),
            '\u{2019}' => folded.push('\''),
            // Every capital that folds lies below U+0100, 0x20 below its small letter.
            _ if folds(ch) => folded.push(char::from(ch as u8 + 0x20)),
            _ => folded.push(ch),
        }
    }
    Cow::Owned(folded)
}

/// wordfreq's token of a plain word with a capital I in a language that
/// folds it to a dotless ı (Turkish): [`fold_plain`] but I as ı.  None for
/// a word with an apostrophe as well: there the ı (not one of
/// [`ELISION_NEXT`], where i is) can decide whether an elision is cut, and
/// such words are left to wordfreq.
pub fn fold_dotless(word: &str) -> Option<String> {
    if word.contains(['\'', '\u{2019}']) {
        return None;
    }
    let folded: String = word
        .chars()
        .map(|ch| if ch == 'I' { 'ı' } else { ch })
        .collect();
    Some(fold_plain(&folded).into_owned())
}

/// A mark that wordfreq's Arabic-script languages delete (Mn) and that NFC
/// and NFKC leave beside any plain Arabic letter: the Arabic block's marks
/// but U+0653..U+0655 (madda and hamza above and below, which compose with
/// alef, waw, yeh and heh into letters of their own).
fn is_removable_mark(ch: char) -> bool {
    matches!(
        ch,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{0652}'
            | '\u{0656}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'
            | '\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
    )
}

/// wordfreq's token of an Arabic-script word with harakat or tatweel in a
/// language that deletes them (`remove_marks`): the word without them, when
/// that is a plain word ([`is_plain_arabic`] letters only, at least one),
/// its marks all removable ([`is_removable_mark`]), and it had some to
/// delete.  None otherwise: such a word is left to wordfreq.
pub fn unmarked_arabic(word: &str) -> Option<String> {
    let mut out = String::with_capacity(word.len());
    let mut deleted = false;
    for ch in word.chars() {
        if is_plain_arabic(ch) {
            out.push(ch);
        } else if ch == '\u{0640}' || is_removable_mark(ch) {
            deleted = true;
        } else {
            return None;
        }
    }
    (deleted && !out.is_empty()).then_some(out)
}

/// wordfreq's two tokens of a French elision ([`ELISION_NEXT`]: one or two
/// letters, an ASCII apostrophe, a vowel or h), each case-folded: `l'Homme`
/// is `l` and `homme`.  Both parts must be plain Latin ([`is_plain_word`];
/// the second is then one token whatever apostrophes it holds) without ß.
/// None for any other word.
pub fn elision_parts(word: &str) -> Option<(Cow<'_, str>, Cow<'_, str>)> {
    let (article, rest) = word.split_once('\'')?;
    let letters = article.chars().count();
    if !(1..=2).contains(&letters)
        || !article.chars().all(is_plain_latin)
        || !rest
            .chars()
            .next()
            .is_some_and(|ch| ELISION_NEXT.contains(ch))
        || !is_plain_word(rest)
        || word.contains('ß')
    {
        return None;
    }
    Some((fold_plain(article), fold_plain(rest)))
}

/// Python's `round(x, digits)` of a float: the decimal with `digits`
/// places nearest to `x`'s exact value (ties to even), read back as the
/// nearest float.  Rust's fixed-precision formatting rounds the exact
/// value the same way, and its parsing is correctly rounded, as
/// CPython's dtoa is both ways.
fn python_round(x: f64, digits: usize) -> f64 {
    format!("{x:.digits$}")
        .parse()
        .expect("a formatted float parses back")
}

/// Python's `math.log(x, 10)`: the natural logarithms divided, not
/// `log10` (which can differ in the last bit).
fn python_log10(x: f64) -> f64 {
    x.ln() / std::hint::black_box(10.0_f64).ln()
}

/// wordfreq's floor, `zipf_to_freq(0)`: the frequency Zipf 0 stands for.
const FLOOR: f64 = 1e-9;

/// A token's frequency from its Zipf value in a plain table: wordfreq keeps
/// its lists as buckets of one centibel, a token of bucket `n` having
/// frequency 10^(-n/100), and the Zipf value of a listed one-token word
/// (rounded to two places) is 9 - n/100: a test reads every token of
/// several lists back so from its table value and compares with wordfreq's
/// frequency, and the elision tests compare the combined values.
fn token_frequency(zipf: f64) -> f64 {
    let bucket = ((9.0 - zipf) * 100.0).round();
    10.0_f64.powf(-bucket / 100.0)
}

/// wordfreq's `zipf_frequency` of a word it cuts into two tokens, given each
/// token's Zipf value in the language's plain table (None: not listed), step
/// by step as its `_word_frequency` goes: a token not listed makes the word
/// the floor; otherwise the harmonic combination 1/f = 1/f1 + 1/f2, raised to
/// the floor, rounded to three significant digits; then its Zipf value
/// rounded to two places.
fn two_token_zipf(first: Option<f64>, second: Option<f64>) -> f64 {
    let frequency = match (first, second) {
        (Some(a), Some(b)) => {
            let one_over = 0.0 + 1.0 / token_frequency(a) + 1.0 / token_frequency(b);
            let unrounded = (1.0 / one_over).max(FLOOR);
            let leading_zeroes = (-python_log10(unrounded)).floor();
            // At least 0: a frequency is at most 1.
            python_round(unrounded, leading_zeroes as usize + 3)
        }
        _ => FLOOR,
    };
    python_round(python_log10(frequency) + 9.0, 2)
}

/// `read` of each of `words` whose key in the plain table is there
/// (`plain`) or not (`!plain`), when `asked`; None for the others: a
/// second reading of some words (a Turkish capital I, marks, an elision).
fn read_again<'a, T>(
    words: &[&'a str],
    keys: &[Option<(&str, u64)>],
    asked: bool,
    plain: bool,
    read: impl Fn(&'a str) -> Option<T>,
) -> Vec<Option<T>> {
    words
        .iter()
        .zip(keys)
        .map(|(&w, key)| (asked && key.is_some() == plain).then(|| read(w)).flatten())
        .collect()
}

/// FNV-1a, finished with MurmurHash3's mixer so that the low bits (the
/// slot) and the high bits (the fingerprint) are both well spread: the
/// tables are looked up with short words many times per line, where the
/// standard SipHash costs more than the lookup itself, and nothing here is
/// keyed by input chosen to collide (a collision costs a probe, not a value).
fn hash(bytes: &[u8]) -> u64 {
    let mut hasher = WordHasher::default();
    hasher.write(bytes);
    hasher.finish()
}

/// [`hash`] as a [`Hasher`], for the maps of learnt values too.
struct WordHasher(u64);

impl Default for WordHasher {
    fn default() -> Self {
        WordHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
        h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
        h ^ (h >> 33)
    }
}

type WordMap = HashMap<Box<str>, f64, BuildHasherDefault<WordHasher>>;

/// One word's record in a [`PlainTable`], read in place.
#[derive(Clone, Copy)]
struct Record<'a> {
    key: &'a [u8],
    languages: &'a [u8],
    values: &'a [u8],
    /// Where the next record starts.
    end: usize,
}

impl<'a> Record<'a> {
    /// The record at `offset` of `records`: the key's length (u16 LE), the
    /// key, the number n of languages, their indexes (one byte each), and
    /// their n values (f64 LE).
    fn at(records: &'a [u8], offset: usize) -> Self {
        let key_len = usize::from(u16::from_le_bytes([records[offset], records[offset + 1]]));
        let key_start = offset + 2;
        let n = usize::from(records[key_start + key_len]);
        let languages_start = key_start + key_len + 1;
        let values_start = languages_start + n;
        let end = values_start + 8 * n;
        Record {
            key: &records[key_start..key_start + key_len],
            languages: &records[languages_start..values_start],
            values: &records[values_start..end],
            end,
        }
    }

    /// The value of language index `language`, if its list holds the word.
    fn value(&self, language: u8) -> Option<f64> {
        let i = self.languages.iter().position(|&l| l == language)?;
        Some(self.value_at(i))
    }

    fn entries(&self) -> impl Iterator<Item = (u8, f64)> + '_ {
        self.languages
            .iter()
            .enumerate()
            .map(|(i, &l)| (l, self.value_at(i)))
    }

    fn value_at(&self, i: usize) -> f64 {
        let mut bytes = [0; 8];
        bytes.copy_from_slice(&self.values[8 * i..8 * i + 8]);
        f64::from_le_bytes(bytes)
    }
}

/// The plain tables of all languages in one: each case-folded word once,
/// with its value in every language whose list holds it, so that a word is
/// found once for all the candidates of a run (one or two cache lines),
/// rather than once per language in as many tables of thousands of words.
///
/// Open addressing with linear probing over one byte buffer of records
/// ([`Record::at`]); a slot holds a fingerprint of the word's hash (most
/// words not in the table are told apart without reading a record) and
/// the record's offset plus one (0: empty).  About 30 bytes a word, against
/// a hundred or so for a map of boxed strings.
#[derive(Default)]
struct PlainTable {
    records: Vec<u8>,
    slots: Vec<(u32, u32)>,
    /// Words held.
    len: usize,
    /// Bytes of `records` no slot points to (records replaced by longer ones).
    garbage: usize,
}

impl PlainTable {
    /// The slot holding `key`, or the empty slot where it would go.
    fn find(&self, key: &[u8], h: u64) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        // Truncations meant: the low bits pick the slot, the high ones are the fingerprint.
        let fingerprint = (h >> 32) as u32;
        let mut i = h as usize & mask;
        loop {
            let (f, offset) = self.slots[i];
            if offset == 0 {
                return Err(i);
            }
            if f == fingerprint && Record::at(&self.records, offset as usize - 1).key == key {
                return Ok(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// The record of each of `keys` (None for no key, or a key not held).
    ///
    /// In two passes: first the slot of every key, and the record it points
    /// to when the fingerprint matches, are read and nothing else is done
    /// with them; then the lookups proper.  A run's words are scattered over
    /// a table of megabytes, so most of the reads miss the processor's
    /// caches; reads that do not depend on one another wait for memory
    /// together rather than one after the other, and the lookups then
    /// find their slots and records cached.
    fn get_all(&self, keys: &[Option<(&str, u64)>]) -> Vec<Option<Record<'_>>> {
        if self.slots.is_empty() {
            return vec![None; keys.len()];
        }
        let mask = self.slots.len() - 1;
        let mut touched = 0u8;
        for &(_, h) in keys.iter().flatten() {
            let (fingerprint, offset) = self.slots[h as usize & mask];
            if offset != 0 && fingerprint == (h >> 32) as u32 {
                touched ^= self.records[offset as usize - 1];
            }
        }
        std::hint::black_box(touched);
        keys.iter()
            .map(|key| {
                let (key, h) = (*key)?;
                let slot = self.find(key.as_bytes(), h).ok()?;
                Some(Record::at(&self.records, self.slots[slot].1 as usize - 1))
            })
            .collect()
    }

    /// [`get_all`](Self::get_all) of keys still to be hashed (None: no
    /// key); nothing is read when there is none, the common case of the
    /// second readings (a capital I, marks, an elision).
    fn get_folded<S: AsRef<str>>(&self, keys: &[Option<S>]) -> Vec<Option<Record<'_>>> {
        if keys.iter().all(Option::is_none) {
            return vec![None; keys.len()];
        }
        let hashed: Vec<Option<(&str, u64)>> = keys
            .iter()
            .map(|k| {
                k.as_ref()
                    .map(|k| (k.as_ref(), hash(k.as_ref().as_bytes())))
            })
            .collect();
        self.get_all(&hashed)
    }

    /// Room for `words` words with the slots at most three quarters full.
    fn reserve(&mut self, words: usize) {
        if words * 4 < self.slots.len() * 3 {
            return;
        }
        let size = (words * 4 / 3 + 1).next_power_of_two().max(16);
        let old = std::mem::replace(&mut self.slots, vec![(0, 0); size]);
        for (fingerprint, offset) in old.into_iter().filter(|s| s.1 != 0) {
            let key = Record::at(&self.records, offset as usize - 1).key;
            let Err(slot) = self.find(key, hash(key)) else {
                unreachable!("a word is held once");
            };
            self.slots[slot] = (fingerprint, offset);
        }
    }

    /// Appends a record; its offset plus one, as a slot holds it.
    fn push(&mut self, key: &[u8], entries: &[(u8, f64)]) -> u32 {
        let offset = self.records.len();
        let key_len = u16::try_from(key.len()).expect("words are shorter than 64 KiB");
        self.records.extend_from_slice(&key_len.to_le_bytes());
        self.records.extend_from_slice(key);
        self.records
            .push(u8::try_from(entries.len()).expect("at most 255 languages"));
        self.records.extend(entries.iter().map(|e| e.0));
        for (_, value) in entries {
            self.records.extend_from_slice(&value.to_le_bytes());
        }
        u32::try_from(offset + 1).expect("records fit in 4 GiB")
    }

    /// Gives `language`'s value of each of `words` (case-folded plain words).
    fn insert(&mut self, language: u8, words: &[(&str, f64)]) {
        self.reserve(self.len + words.len());
        for &(word, value) in words {
            let key = word.as_bytes();
            let h = hash(key);
            match self.find(key, h) {
                Ok(slot) => {
                    let old = Record::at(&self.records, self.slots[slot].1 as usize - 1);
                    let mut entries: Vec<(u8, f64)> =
                        old.entries().filter(|e| e.0 != language).collect();
                    entries.push((language, value));
                    self.garbage += old.end - (self.slots[slot].1 as usize - 1);
                    self.slots[slot].1 = self.push(key, &entries);
                }
                Err(slot) => {
                    self.slots[slot] = ((h >> 32) as u32, self.push(key, &[(language, value)]));
                    self.len += 1;
                }
            }
        }
        if self.garbage > 0 {
            self.compact();
        }
    }

    /// Drops the replaced records, and the spare capacity of the buffer.
    fn compact(&mut self) {
        let mut records = Vec::with_capacity(self.records.len() - self.garbage);
        for slot in self.slots.iter_mut().filter(|s| s.1 != 0) {
            let start = slot.1 as usize - 1;
            let end = Record::at(&self.records, start).end;
            slot.1 = u32::try_from(records.len() + 1).expect("records fit in 4 GiB");
            records.extend_from_slice(&self.records[start..end]);
        }
        self.records = records;
        self.garbage = 0;
    }
}

/// One language: the index of its values in the [`PlainTable`], if
/// wordfreq does nothing to a plain word of the language but case-fold it,
/// and the values learnt for the other words.
struct Language {
    plain: Option<u8>,
    /// wordfreq folds a capital I to dotless ı (Turkish): a word with one
    /// is not looked up by its `casefold`.
    dotless_i: bool,
    /// wordfreq deletes marks and tatweel (the Arabic-script languages): a
    /// word with some is read by [`unmarked_arabic`].
    remove_marks: bool,
    learned: WordMap,
}

/// A word ready to be looked up in any language: its record in the plain
/// table if it is plain (None inside when no list holds it), whether it
/// holds a capital I, and then its record as the languages that fold that
/// to a dotless ı read it ([`fold_dotless`]; None outside when it cannot
/// be read so), and unmarked.
struct Prepared<'a, 't> {
    word: &'a str,
    plain: Option<Option<Record<'t>>>,
    capital_i: bool,
    dotless: Option<Option<Record<'t>>>,
    /// The record of an Arabic-script word with marks or tatweel, read
    /// without them ([`unmarked_arabic`]), for the languages that delete them.
    unmarked: Option<Option<Record<'t>>>,
    /// The records of a French elision's two tokens ([`elision_parts`]).
    elided: Option<(Option<Record<'t>>, Option<Record<'t>>)>,
}

impl Language {
    /// The value of `word`, or None when only wordfreq knows it.
    fn value(&self, word: &Prepared<'_, '_>) -> Option<f64> {
        if let Some(index) = self.plain {
            if let Some((first, second)) = &word.elided {
                // A capital I is ı to Turkish, and ı is no vowel: whether
                // the word is cut can differ; left to wordfreq there.
                if !(self.dotless_i && word.word.contains('I')) {
                    return Some(two_token_zipf(
                        first.as_ref().and_then(|r| r.value(index)),
                        second.as_ref().and_then(|r| r.value(index)),
                    ));
                }
                return self.learned.get(word.word).copied();
            }
            let record = if word.unmarked.is_some() {
                if self.remove_marks {
                    &word.unmarked
                } else {
                    &None
                }
            } else if word.capital_i && self.dotless_i {
                &word.dotless
            } else {
                &word.plain
            };
            if let Some(record) = record {
                return Some(
                    record
                        .as_ref()
                        .and_then(|r| r.value(index))
                        .unwrap_or(ABSENT),
                );
            }
        }
        self.learned.get(word.word).copied()
    }
}

/// Why the tables could not answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TableError {
    /// A language code no table was given for.
    UnknownLanguage(String),
    /// More than 255 plain tables given.
    TooManyTables,
}

/// The result of a lookup: the values, or the (language index, word) pairs
/// only wordfreq can give, each once.
#[derive(Debug, Clone, PartialEq)]
pub enum Lookup<'a, T> {
    Found(T),
    Missing(Vec<(usize, &'a str)>),
}

/// The values of every language given so far.
pub struct Tables {
    plain: PlainTable,
    /// Plain tables given (the next one's index).
    plain_tables: u8,
    languages: HashMap<String, Language>,
    learned_limit: usize,
}

impl Tables {
    /// Empty tables whose learnt values are forgotten, per language, when
    /// they would grow past `learned_limit` words: the frequent words come
    /// straight back.
    pub fn new(learned_limit: usize) -> Self {
        Tables {
            plain: PlainTable::default(),
            plain_tables: 0,
            languages: HashMap::new(),
            learned_limit,
        }
    }

    /// Whether `code` was given ([`Tables::add_language`]).
    pub fn has_language(&self, code: &str) -> bool {
        self.languages.contains_key(code)
    }

    /// Gives `code`'s table of plain words (each case-folded token of its
    /// list with its Zipf value), or None when wordfreq does more to a plain
    /// word of `code` than fold it (transliteration, another tokeniser): then
    /// every word of `code` is learnt.  `dotless_i`: wordfreq folds a capital
    /// I to ı in `code`; `remove_marks`: it deletes the marks and tatweel of
    /// an Arabic-script word.  A code given again starts afresh (its earlier
    /// values stay in the table, unused).
    pub fn add_language(
        &mut self,
        code: &str,
        plain: Option<&[(&str, f64)]>,
        dotless_i: bool,
        remove_marks: bool,
    ) -> Result<(), TableError> {
        let plain = match plain {
            Some(words) => {
                let index = self.plain_tables;
                self.plain_tables = index.checked_add(1).ok_or(TableError::TooManyTables)?;
                self.plain.insert(index, words);
                Some(index)
            }
            None => None,
        };
        self.languages.insert(
            code.to_owned(),
            Language {
                plain,
                dotless_i,
                remove_marks,
                learned: WordMap::default(),
            },
        );
        Ok(())
    }

    /// Remembers wordfreq's values of `words` in `code`; the earlier ones
    /// are forgotten first if all would not fit in the limit.  All of
    /// `words` are held afterwards, however many.
    pub fn learn(&mut self, code: &str, words: &[(&str, f64)]) -> Result<(), TableError> {
        let limit = self.learned_limit;
        let language = self
            .languages
            .get_mut(code)
            .ok_or_else(|| TableError::UnknownLanguage(code.to_owned()))?;
        if language.learned.len() + words.len() > limit {
            language.learned.clear();
        }
        for &(word, value) in words {
            language.learned.insert(Box::from(word), value);
        }
        Ok(())
    }

    /// Each language's value of each of `words`, a row per code of `codes`
    /// in that order, or the pairs missing.
    pub fn rows<'a>(
        &self,
        words: &[&'a str],
        codes: &[&str],
    ) -> Result<Lookup<'a, Vec<Vec<f64>>>, TableError> {
        let languages = codes
            .iter()
            .map(|&code| {
                self.languages
                    .get(code)
                    .ok_or_else(|| TableError::UnknownLanguage(code.to_owned()))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let mut rows = vec![Vec::with_capacity(words.len()); languages.len()];
        let mut missing = Vec::new();
        let mut reported = HashSet::new();
        let folded: Vec<Option<Cow<'a, str>>> = words
            .iter()
            .map(|&w| is_plain_word(w).then(|| fold_plain(w)))
            .collect();
        let keys: Vec<Option<(&str, u64)>> = folded
            .iter()
            .map(|f| f.as_deref().map(|f| (f, hash(f.as_bytes()))))
            .collect();
        let records = self.plain.get_all(&keys);
        // The words with a capital I again, folded to ı, when a language
        // asked reads them so.
        let dotless_asked = languages.iter().any(|l| l.dotless_i && l.plain.is_some());
        let dotless_folded = read_again(words, &keys, dotless_asked, true, |w| {
            w.contains('I').then(|| fold_dotless(w)).flatten()
        });
        let dotless_records = self.plain.get_folded(&dotless_folded);
        // The Arabic-script words with marks or tatweel, without them, when
        // a language asked deletes them.
        let unmarking = languages
            .iter()
            .any(|l| l.remove_marks && l.plain.is_some());
        let unmarked_words = read_again(words, &keys, unmarking, false, unmarked_arabic);
        let unmarked_records = self.plain.get_folded(&unmarked_words);
        // French elisions, as their two tokens.
        let any_plain = languages.iter().any(|l| l.plain.is_some());
        let parts = read_again(words, &keys, any_plain, false, elision_parts);
        let (firsts, seconds): (Vec<_>, Vec<_>) = parts
            .iter()
            .map(|p| p.as_ref().map(|(a, b)| (a.as_ref(), b.as_ref())).unzip())
            .unzip();
        let elided: Vec<_> = parts
            .iter()
            .zip(self.plain.get_folded(&firsts))
            .zip(self.plain.get_folded(&seconds))
            .map(|((p, first), second)| p.as_ref().map(|_| (first, second)))
            .collect();
        for (
            ((((&word, key), record), (dotless_key, dotless_record)), (unmarked_key, unmarked)),
            elided,
        ) in words
            .iter()
            .zip(&keys)
            .zip(records)
            .zip(dotless_folded.iter().zip(dotless_records))
            .zip(unmarked_words.iter().zip(unmarked_records))
            .zip(elided)
        {
            let prepared = Prepared {
                word,
                plain: key.is_some().then_some(record),
                capital_i: key.is_some() && word.contains('I'),
                dotless: dotless_key.is_some().then_some(dotless_record),
                unmarked: unmarked_key.is_some().then_some(unmarked),
                elided,
            };
            for (k, (language, row)) in languages.iter().zip(&mut rows).enumerate() {
                match language.value(&prepared) {
                    Some(value) => row.push(value),
                    None => {
                        if reported.insert((k, word)) {
                            missing.push((k, word));
                        }
                    }
                }
            }
        }
        if missing.is_empty() {
            return Ok(Lookup::Found(rows));
        }
        missing.sort_by_key(|m| m.0);
        Ok(Lookup::Missing(missing))
    }

    /// [`log_likelihood`] of the first [`MAX_WORDS`] words of `text` in each
    /// of `codes`, in order; empty when `text` has no words.
    pub fn log_likelihoods<'a>(
        &self,
        text: &'a str,
        codes: &[&str],
    ) -> Result<Lookup<'a, Vec<f64>>, TableError> {
        let words: Vec<&'a str> = find_words(text).take(MAX_WORDS).collect();
        if words.is_empty() {
            return Ok(Lookup::Found(Vec::new()));
        }
        Ok(match self.rows(&words, codes)? {
            Lookup::Found(rows) => {
                Lookup::Found(rows.iter().map(|row| log_likelihood(row)).collect())
            }
            Lookup::Missing(missing) => Lookup::Missing(missing),
        })
    }
}

impl Tables {
    /// [`log_likelihood`] of each of `stretches` (the first [`MAX_WORDS`]
    /// words of each) and, last, of all their words one after the other (the
    /// first [`MAX_WORDS`] of them), in each of `codes`; an empty entry for a
    /// stretch without words.  The words are found and looked up once: the
    /// sentences of a run and the run itself, as the tagger weighs them.
    pub fn stretch_log_likelihoods<'a>(
        &self,
        stretches: &[&'a str],
        codes: &[&str],
    ) -> Result<Lookup<'a, Vec<Vec<f64>>>, TableError> {
        let mut words: Vec<&'a str> = Vec::new();
        let mut bounds = Vec::with_capacity(stretches.len() + 1);
        for &text in stretches {
            let first = words.len();
            words.extend(find_words(text));
            bounds.push((first, words.len()));
        }
        bounds.push((0, words.len()));
        if words.is_empty() {
            return Ok(Lookup::Found(vec![Vec::new(); bounds.len()]));
        }
        let rows = match self.rows(&words, codes)? {
            Lookup::Found(rows) => rows,
            Lookup::Missing(missing) => return Ok(Lookup::Missing(missing)),
        };
        Ok(Lookup::Found(
            bounds
                .iter()
                .map(|&(start, stop)| match stretch(start, stop) {
                    Some(range) => rows
                        .iter()
                        .map(|row| log_likelihood(&row[range.clone()]))
                        .collect(),
                    None => Vec::new(),
                })
                .collect(),
        ))
    }
}

/// The words `start` to `stop` of a row that count ([`MAX_WORDS`] at most),
/// or None when the stretch has none.  A row shorter than `stop` is the
/// caller's to clamp to.
pub fn stretch(start: usize, stop: usize) -> Option<Range<usize>> {
    let stop = stop.min(start.saturating_add(MAX_WORDS));
    (stop > start).then_some(start..stop)
}

/// Natural-log likelihood of words of these Zipf `values`: ln 10 times
/// their sum, added from left to right (the order, and so the rounding, of
/// Python 3.11's `sum`, which the values were summed with before).  Only
/// differences between languages mean anything: a Zipf value is a log
/// frequency shifted by a constant.
pub fn log_likelihood(values: &[f64]) -> f64 {
    std::f64::consts::LN_10 * values.iter().fold(0.0, |sum, &v| sum + v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        find_words(text).collect()
    }

    #[test]
    fn words_of_letters_marks_and_joiners() {
        assert_eq!(words("The cat, sat!"), ["The", "cat", "sat"]);
        assert_eq!(words("l'homme it’s"), ["l'homme", "it’s"]);
        // e + COMBINING ACUTE ACCENT: a mark continues a word, never starts one.
        assert_eq!(
            words("e\u{301}te\u{301} \u{301}a"),
            ["e\u{301}te\u{301}", "a"]
        );
        // A joiner must have a letter after it: "rock'" and "'n'" lose theirs.
        assert_eq!(words("rock' 'n' roll''"), ["rock", "n", "roll"]);
        assert_eq!(words("a'\u{301}b"), ["a", "b"]);
        // Persian "mi-shavad" with a ZWNJ is one word; a ZWNJ at the end is not in it.
        assert_eq!(words("می\u{200C}شود ما\u{200C}"), ["می\u{200C}شود", "ما"]);
        // Digits and underscores cut a word; the tatweel (Lm) is a letter.
        assert_eq!(words("ab12cd_e"), ["ab", "cd", "e"]);
        assert_eq!(words("\u{0640}ب"), ["\u{0640}ب"]);
        // FATHA (Mn) after a letter belongs to the word.
        assert_eq!(words("كَتب"), ["كَتب"]);
        assert_eq!(words(""), Vec::<&str>::new());
        assert_eq!(words("12 ... ''"), Vec::<&str>::new());
        // Letters beyond the BMP (MATHEMATICAL BOLD CAPITAL A, Lu).
        assert_eq!(words("x\u{1D400}y z"), ["x\u{1D400}y", "z"]);
    }

    #[test]
    fn words_stop_where_asked() {
        let text = "one two three";
        assert_eq!(find_words(text).take(2).collect::<Vec<_>>(), ["one", "two"]);
    }

    #[test]
    fn plain_latin_words() {
        for word in ["abc", "ABC", "Straße", "çà", "ÀÖØöøÿ", "Istanbul", "ılık"] {
            assert!(is_plain_word(word), "{word}");
        }
        // × and ÷ sit among the Latin-1 letters but are not letters; µ, ª
        // and º are letters outside the plain range; ı and İ are beyond it.
        for word in [
            "a×b",
            "a÷b",
            "µ",
            "ª",
            "º",
            "İstanbul",
            "",
            "a b",
            "l'a",
            "a1",
        ] {
            assert!(!is_plain_word(word), "{word:?}");
        }
    }

    #[test]
    fn plain_words_with_apostrophes() {
        // One token to wordfreq, apostrophes kept (its lossy_tokenize gives
        // ["can't"], ["o'clock"], ["rock'n'roll"], ["ab'cd"], ["i'm"] in
        // English, ["it's"] for it’s, ["l'homme"] for l’homme).
        for word in [
            "can't",
            "o'clock",
            "rock'n'roll",
            "Ab'cd",
            "I'm",
            "it\u{2019}s",
            "l\u{2019}homme",
            "Türkiye'nin",
        ] {
            assert!(is_plain_word(word), "{word}");
        }
        // Cut in two by wordfreq (l'homme: ["l", "homme"], O'Hara, y'all,
        // qu'il, l'Été), or holding ß (ß'a: ["ss", "a"]), or apostrophes
        // not between letters.
        for word in [
            "l'homme",
            "O'Hara",
            "y'all",
            "qu'il",
            "l'Été",
            "ab'ß",
            "ß'a",
            "Straße's",
            "a'",
            "'a",
            "a''b",
            "a'1",
        ] {
            assert!(!is_plain_word(word), "{word:?}");
        }
        assert_eq!(fold_plain("It\u{2019}S"), "it's");
        assert_eq!(fold_plain("can't"), Cow::Borrowed("can't"));
    }

    #[test]
    fn plain_arabic_words() {
        // BEH, YEH, PEH (U+067E), KEHEH (U+06A9), FARSI YEH (U+06CC), HEH GOAL (U+06C1).
        for word in [
            "بی",
            "\u{067E}\u{06A9}\u{06CC}\u{06C1}",
            "\u{0620}\u{063F}",
            "\u{06FF}",
        ] {
            assert!(is_plain_word(word), "{word}");
        }
        // TATWEEL U+0640, FATHA U+064E, HIGH HAMZA ALEF U+0675 (NFKC splits it),
        // AE U+06D4 (full stop), Arabic-Indic digit U+0661, ZWNJ, a presentation
        // form (U+FEFB), and Arabic mixed with Latin.
        for word in [
            "ب\u{0640}ب",
            "ب\u{064E}",
            "\u{0675}",
            "ب\u{06D4}",
            "ب\u{0661}",
            "ب\u{200C}ب",
            "\u{FEFB}",
            "بa",
            "aب",
        ] {
            assert!(!is_plain_word(word), "{word:?}");
        }
    }

    #[test]
    fn arabic_words_without_their_harakat_and_tatweel() {
        // KAF KASRA TEH FATHA ALEF BEH: the letters left; tatweel deleted too.
        assert_eq!(
            unmarked_arabic("\u{0643}\u{0650}\u{062A}\u{064E}\u{0627}\u{0628}").as_deref(),
            Some("\u{0643}\u{062A}\u{0627}\u{0628}")
        );
        assert_eq!(
            unmarked_arabic("\u{0643}\u{062A}\u{0640}\u{0640}\u{0627}\u{0628}").as_deref(),
            Some("\u{0643}\u{062A}\u{0627}\u{0628}")
        );
        // Superscript alef (U+0670) and a Quranic small high mark (U+06D6).
        assert_eq!(
            unmarked_arabic("\u{0647}\u{0670}\u{0630}\u{0627}\u{06D6}").as_deref(),
            Some("\u{0647}\u{0630}\u{0627}")
        );
        // Nothing to delete (a plain word), nothing left, hamza above
        // (NFC makes alef + U+0654 one letter), ZWNJ, a Latin letter.
        for word in [
            "\u{0643}\u{062A}\u{0627}\u{0628}",
            "\u{0640}",
            "\u{0627}\u{0654}\u{064E}",
            "\u{0645}\u{06CC}\u{200C}\u{0634}\u{0648}\u{064E}",
            "\u{0628}\u{064E}a",
        ] {
            assert_eq!(unmarked_arabic(word), None, "{word:?}");
        }
        // Read without them by a language that deletes them, only.
        let mut tables = Tables::new(3);
        let ar = [("\u{0643}\u{062A}\u{0627}\u{0628}", 5.5)];
        tables.add_language("ar", Some(&ar), false, true).unwrap();
        tables.add_language("en", Some(&ar), false, false).unwrap();
        let word = "\u{0643}\u{0650}\u{062A}\u{064E}\u{0627}\u{0628}";
        assert_eq!(
            tables.rows(&[word], &["ar"]),
            Ok(Lookup::Found(vec![vec![5.5]]))
        );
        assert_eq!(
            tables.rows(&[word], &["ar", "en"]),
            Ok(Lookup::Missing(vec![(1, word)]))
        );
    }

    #[test]
    fn elisions_are_two_tokens() {
        assert_eq!(
            elision_parts("L'Homme"),
            Some((Cow::Owned("l".into()), Cow::Owned("homme".into())))
        );
        assert!(matches!(elision_parts("qu'il"), Some((a, b)) if a == "qu" && b == "il"));
        assert!(matches!(
            elision_parts("l'aujourd'hui"),
            Some((a, b)) if a == "l" && b == "aujourd'hui"
        ));
        // Not cut: three letters, no vowel next, a curly apostrophe, ß, a
        // second elision right after (wordfreq cuts that one too).
        for word in [
            "can't",
            "l'x",
            "l\u{2019}homme",
            "l'aß",
            "d'l'a",
            "l'",
            "'a",
        ] {
            assert_eq!(elision_parts(word), None, "{word:?}");
        }
        // Python's float rounding: ties to even on the exact binary value.
        assert_eq!(python_round(0.125, 2), 0.12);
        assert_eq!(python_round(0.375, 2), 0.38);
        assert_eq!(python_round(2.675, 2), 2.67);
        // A token's frequency from its Zipf value: bucket 300 is 10^-3.
        assert_eq!(token_frequency(6.0), 0.001);
        // Not listed: the floor, Zipf 0.
        assert_eq!(two_token_zipf(Some(6.0), None), 0.0);
        // 1/f = 1000 + 1000: f = 0.0005, Zipf log10(0.0005) + 9 = 5.69897 -> 5.7.
        assert_eq!(two_token_zipf(Some(6.0), Some(6.0)), 5.7);
        // Read from the table in a language with one; Turkish leaves a capital I to wordfreq.
        let mut tables = Tables::new(3);
        let fr = [("l", 7.0), ("homme", 6.0)];
        tables.add_language("fr", Some(&fr), false, false).unwrap();
        tables.add_language("tr", Some(&fr), true, false).unwrap();
        // f = 1 / (10^2 + 10^3) = 1/1100 = 0.000909..., 3 significant digits
        // 0.000909, Zipf 9 + log10(0.000909) = 5.9586 -> 5.96.
        assert_eq!(
            tables.rows(&["l'homme", "L'Homme", "l'x"], &["fr"]),
            Ok(Lookup::Found(vec![vec![5.96, 5.96, 0.0]]))
        );
        assert_eq!(
            tables.rows(&["l'Inde", "l'homme"], &["tr"]),
            Ok(Lookup::Missing(vec![(0, "l'Inde")]))
        );
    }

    #[test]
    fn folding_is_pythons_casefold_of_plain_letters() {
        // Expected values from the Unicode case folding (CaseFolding.txt, C and F).
        assert_eq!(fold_plain("HeLLo"), "hello");
        assert_eq!(fold_plain("ÀÉÎÕÜ"), "àéîõü");
        assert_eq!(fold_plain("ÆÐØÞ"), "æðøþ");
        assert_eq!(fold_plain("Straße"), "strasse");
        assert_eq!(fold_plain("ẞ"), "ẞ"); // not a plain letter: untouched here
        assert_eq!(fold_plain("ÿ"), "ÿ"); // ÿ folds to itself (Ÿ is U+0178)
        assert_eq!(fold_plain("İ"), "İ");
        assert_eq!(fold_plain("کتاب"), "کتاب");
        assert!(matches!(fold_plain("lower"), Cow::Borrowed(_)));
        // Every capital of the range, one by one.
        for cp in (0x41..=0x5A).chain(0xC0..=0xD6).chain(0xD8..=0xDE) {
            let upper = char::from_u32(cp).unwrap().to_string();
            let lower = char::from_u32(cp + 0x20).unwrap().to_string();
            assert_eq!(fold_plain(&upper), lower, "U+{cp:04X}");
        }
    }

    fn tables() -> Tables {
        let mut tables = Tables::new(3);
        let en = [("the", 7.73), ("strasse", 1.5)];
        tables.add_language("en", Some(&en), false, false).unwrap();
        let tr = [("istanbul", 5.0), ("ılık", 3.0), ("the", 2.5)];
        tables.add_language("tr", Some(&tr), true, false).unwrap();
        tables.add_language("az", None, false, false).unwrap();
        tables
    }

    #[test]
    fn plain_words_read_from_the_table() {
        let tables = tables();
        let found = tables.rows(&["The", "THE", "zzz", "Straße"], &["en", "tr"]);
        let en = vec![7.73, 7.73, 0.0, 1.5];
        let tr = vec![2.5, 2.5, 0.0, 0.0];
        assert_eq!(found, Ok(Lookup::Found(vec![en, tr])));
        // Turkish folds a capital I to ı (ISTANBUL is ıstanbul, not in its
        // list), English to i (Ilık is ilık, not in its list).
        let found = tables.rows(&["istanbul", "ISTANBUL", "Ilık"], &["tr", "en"]);
        let tr = vec![5.0, 0.0, 3.0];
        let en = vec![0.0, 0.0, 0.0];
        assert_eq!(found, Ok(Lookup::Found(vec![tr, en])));
        // With an apostrophe as well, Turkish leaves the word to wordfreq
        // (English reads i'm from its table: not in it).
        let found = tables.rows(&["I'm", "the"], &["tr", "en"]);
        assert_eq!(found, Ok(Lookup::Missing(vec![(0, "I'm")])));
        assert_eq!(fold_dotless("ISTANBUL").as_deref(), Some("ıstanbul"));
        assert_eq!(fold_dotless("Iİ"), Some("ıİ".to_owned()));
        assert_eq!(fold_dotless("I'm"), None);
    }

    #[test]
    fn other_words_are_missing_until_learnt() {
        let mut tables = tables();
        // An accent written as a combining mark is not plain.
        let marked = "e\u{0301}te\u{0301}";
        let words = [marked, "the", marked, "word"];
        let missing = tables.rows(&words, &["az", "en"]).unwrap();
        // Each (language, word) once; "the" is plain in English only.
        assert_eq!(
            missing,
            Lookup::Missing(vec![(0, marked), (0, "the"), (0, "word"), (1, marked)])
        );
        let az = [(marked, 1.0), ("the", 2.0), ("word", 3.0)];
        tables.learn("az", &az).unwrap();
        tables.learn("en", &[(marked, 4.0)]).unwrap();
        let found = tables.rows(&words, &["en", "az"]).unwrap();
        assert_eq!(
            found,
            Lookup::Found(vec![vec![4.0, 7.73, 4.0, 0.0], vec![1.0, 2.0, 1.0, 3.0]])
        );
        assert_eq!(
            tables.rows(&["x"], &["fr"]),
            Err(TableError::UnknownLanguage("fr".into()))
        );
        assert!(tables.learn("fr", &[]).is_err());
        assert!(tables.has_language("az") && !tables.has_language("fr"));
    }

    /// A made-up word of the table test: distinct for each `i`.
    fn made_up(i: usize) -> String {
        let mut word = String::from("w");
        let mut n = i;
        loop {
            word.push(char::from(b'a' + (n % 26) as u8));
            n /= 26;
            if n == 0 {
                break;
            }
        }
        word + &"é".repeat(i % 5)
    }

    #[test]
    fn a_large_shared_table_holds_every_value() {
        // Thousands of words in three lists that overlap (the table grows,
        // records move when a word is given again, and are compacted), and
        // a list given again replacing the first.
        let mut tables = Tables::new(10);
        let lists: Vec<Vec<(String, f64)>> = (0..3)
            .map(|l| {
                (l * 3000..l * 3000 + 5000)
                    .map(|i| (made_up(i), (i % 700) as f64 / 100.0 + l as f64))
                    .collect()
            })
            .collect();
        let codes = ["l0", "l1", "l2"];
        for (code, list) in codes.iter().zip(&lists) {
            let words: Vec<(&str, f64)> = list.iter().map(|(w, v)| (w.as_str(), *v)).collect();
            tables
                .add_language(code, Some(&words), false, false)
                .unwrap();
        }
        let ups: Vec<String> = (0..12_000).map(|i| made_up(i).to_uppercase()).collect();
        let words: Vec<&str> = ups.iter().map(String::as_str).collect();
        let Ok(Lookup::Found(rows)) = tables.rows(&words, &codes) else {
            panic!("every word is plain");
        };
        for (l, row) in rows.iter().enumerate() {
            for (i, &value) in row.iter().enumerate() {
                let held = (l * 3000..l * 3000 + 5000).contains(&i);
                let expected = if held {
                    (i % 700) as f64 / 100.0 + l as f64
                } else {
                    ABSENT
                };
                assert_eq!(value, expected, "{} in l{l}", words[i]);
            }
        }
        assert_eq!(tables.plain.len, 11_000);
        assert_eq!(tables.plain.garbage, 0);
        // Given again: the new values, the old ones unused.
        let (w3000, w3001) = (made_up(3000), made_up(3001));
        let again = [(w3000.as_str(), 9.0)];
        tables
            .add_language("l1", Some(&again), false, false)
            .unwrap();
        let found = tables.rows(&[&w3000, &w3001], &["l0", "l1"]);
        // 3000 % 700 = 200, 3001 % 700 = 201: l0's values 2.0 and 2.01.
        let expected = vec![vec![2.0, 2.01], vec![9.0, ABSENT]];
        assert_eq!(found, Ok(Lookup::Found(expected)));
    }

    #[test]
    fn learnt_values_are_forgotten_past_the_limit() {
        let mut tables = tables();
        tables.learn("az", &[("a", 1.0), ("b", 2.0)]).unwrap();
        tables.learn("az", &[("c", 3.0)]).unwrap();
        assert!(matches!(
            tables.rows(&["a", "c"], &["az"]),
            Ok(Lookup::Found(_))
        ));
        // A fourth word would pass the limit of three: the first three go.
        tables.learn("az", &[("d", 4.0)]).unwrap();
        assert_eq!(
            tables.rows(&["a", "d"], &["az"]),
            Ok(Lookup::Missing(vec![(0, "a")]))
        );
        // A batch larger than the limit is held whole.
        let batch = [("p", 1.0), ("q", 1.0), ("r", 1.0), ("s", 1.0), ("t", 1.0)];
        tables.learn("az", &batch).unwrap();
        assert!(matches!(
            tables.rows(&["p", "q", "r", "s", "t"], &["az"]),
            Ok(Lookup::Found(_))
        ));
    }

    #[test]
    fn stretches_count_forty_words_at_most() {
        assert_eq!(stretch(0, 3), Some(0..3));
        assert_eq!(stretch(5, 100), Some(5..45));
        assert_eq!(stretch(3, 3), None);
        assert_eq!(stretch(4, 2), None);
        assert_eq!(stretch(usize::MAX, usize::MAX), None);
    }

    #[test]
    #[allow(clippy::approx_constant)] // the digits of ln 10, written out to check the constant
    fn log_likelihood_sums_from_the_left() {
        assert_eq!(log_likelihood(&[]), 0.0);
        // ln 10 to double precision (2.302585092994045684...).
        assert_eq!(log_likelihood(&[1.0]), 2.302_585_092_994_046);
        // Left to right: (1e16 + 1) + 1 rounds to 1e16 twice; a compensated
        // or reordered sum would give 1e16 + 2.
        let left = log_likelihood(&[1e16, 1.0, 1.0]);
        assert_eq!(left, std::f64::consts::LN_10 * 1e16);
        assert_ne!(left, std::f64::consts::LN_10 * (1e16 + 2.0));
    }

    #[test]
    fn log_likelihoods_of_a_text() {
        let tables = tables();
        let ln10 = std::f64::consts::LN_10;
        assert_eq!(
            tables.log_likelihoods("The the, zzz!", &["en"]),
            Ok(Lookup::Found(vec![ln10 * (7.73 + 7.73)]))
        );
        assert_eq!(
            tables.log_likelihoods("... 12", &["en"]),
            Ok(Lookup::Found(vec![]))
        );
        // Only the first forty words count.
        let text = format!("{} {}", "zzz ".repeat(MAX_WORDS), "the");
        assert_eq!(
            tables.log_likelihoods(&text, &["en"]),
            Ok(Lookup::Found(vec![0.0]))
        );
    }

    #[test]
    fn stretches_and_their_whole_in_one_lookup() {
        let tables = tables();
        let ln10 = std::f64::consts::LN_10;
        // Two sentences, a stretch without words, then the whole: the first
        // forty of all the words (38 of "zzz" after "The the" and "the").
        let many = "zzz ".repeat(38);
        let found =
            tables.stretch_log_likelihoods(&["The the.", "...", &many, "the"], &["en", "tr"]);
        assert_eq!(
            found,
            Ok(Lookup::Found(vec![
                vec![ln10 * (7.73 + 7.73), ln10 * (2.5 + 2.5)],
                vec![],
                vec![0.0, 0.0],
                vec![ln10 * 7.73, ln10 * 2.5],
                vec![ln10 * (7.73 + 7.73), ln10 * (2.5 + 2.5)],
            ]))
        );
        assert_eq!(
            tables.stretch_log_likelihoods(&["..", ""], &["en"]),
            Ok(Lookup::Found(vec![vec![], vec![], vec![]]))
        );
        // A word only wordfreq can give is reported once, with its language.
        assert_eq!(
            tables.stretch_log_likelihoods(&["the", "the zzz"], &["en", "az"]),
            Ok(Lookup::Missing(vec![(1, "the"), (1, "zzz")]))
        );
    }
}
