//! The letter and word evidence that tells Arabic-script languages apart, without a model.
//!
//! Arabic, Persian, Urdu, Pashto, Central Kurdish, Sindhi and Uyghur share
//! one script but not one alphabet, and so do Punjabi in Shahmukhi, Saraiki,
//! Malay in Jawi, South Azerbaijani and Kashmiri.  Each adds letters the
//! others lack and drops letters the others use, so every letter is scored
//! against every language's alphabet: 0 when the language uses it, a small
//! penalty when it appears there only through keyboard habits or loanwords,
//! a large one when the language does not write it at all.  Yeh and kaf (a
//! property of the keyboard, not of each word) are scored once per text, and
//! short, frequent words are evidence for the languages that use them.
//! [`guess`] turns the scores into a best language and a confidence; the
//! scans and the guess live here because every Arabic-script run the tagger
//! sees passes through them (`mixscript.lang.letters` is a thin caller).
//!
//! Scores are sums of small log-odds; each language's sum is built in a fixed
//! order (priors, letters in order of first occurrence, harakat, keyboard,
//! words, affixes), so that the same text always gives the same bits.
//! [`guess`] unshapes presentation forms itself, as
//! [`crate::visual::unshape_if_shaped`] does, when its reading of the text
//! met one; every other function takes its text with presentation forms
//! already unshaped (the Python bindings unshape it through that function
//! first).

use std::sync::OnceLock;

use crate::props::{general_category, script_is_arabic, Gc};
use crate::steps::forms::is_presentation_form;
use crate::visual::unshape;
#[cfg(test)]
use crate::visual::unshape_if_shaped;

/// Every language this module can name, in the order of every score array.
/// Malay (`ms`) means Malay in Jawi.
pub const LANGUAGES: [&str; 12] = [
    "ar", "fa", "ur", "ps", "ckb", "sd", "ug", "pnb", "skr", "ms", "azb", "ks",
];
/// What each language starts from.  Arabic, Persian and Urdu are by far the
/// most written; the other small languages almost never write a sentence
/// without one of their own letters, so without those letters they should not
/// win.  Punjabi shares Urdu's alphabet: its function words must outweigh its
/// prior.  For Pashto the cost of its own letters' absence depends on the
/// length of the text and is added by [`priors`]; the constant is only that
/// it is written far less than the big three.
pub const PRIOR: [f64; 12] = [
    0.0, -0.2, -0.5, -1.0, -2.5, -2.5, -2.5, -2.0, -3.0, -3.0, -3.0, -3.0,
];
/// Letters every language here writes.
const COMMON: &str = "ابتجخدرزسشغفقلمنو";
/// The letters each language writes beyond [`COMMON`].  Yeh and kaf are left
/// out on purpose: they are the keyboard's choice ([`keyboard_scores`]).
const ALPHABET: [&str; 12] = [
    "ءآأؤإئةثحذصضطظعهى",                  // ar
    "ءآأؤئثحذصضطظعهپچژگۀ",                // fa
    "ءآأؤئثحذصضطظعپچژگٹڈڑںہھےۃۂۓ",        // ur
    "ءآأؤئثحذصضطظعهةپچژګگېۍټډړږښځڅڼۀ",    // ps
    "ئحعپچژڤگڵڕھەۆێ",                     // ckb
    "ءآئثحذصضطظعهھپچژگٻڀٿٽڄڃڇڊڌڍڏڙڦڪڳڱڻ", // sd
    "ئەپچژگڭھۇۆۈۋېى",                     // ug
    "ءآأؤئثحذصضطظعپچژگٹڈڑںہھےۃۂۓݨ",       // pnb
    "ءآأؤئثحذصضطظعپچژگٹڈڑںہھےۃۂۓݨٻڄݙڳ",   // skr
    "ءآأؤإئةثحذصضطظعهىچڠڤڬڽۏݢ",           // ms
    "ءآأؤئثحذصضطظعهپچژگۆۇ",               // azb
    "ءآأؤئثحذصضطظعپچژگٹڈڑںہھےۃۂۓٲٳۄؠێ",   // ks
];
/// Letters a language has only through loanwords or a keyboard habit (older
/// Saraiki text borrows Sindhi letters for its implosives and ݨ).
const SOFT: [&str; 12] = [
    "",            // ar
    "إةى",         // fa
    "إةىهۀ",       // ur
    "ى",           // ps
    "هةى",         // ckb
    "ىةأؤإ",       // sd
    "",            // ug
    "إةىهۀڻ",      // pnb
    "إةىهۀڻڱڋڏڊڔ", // skr
    "گپ",          // ms
    "إةىۀ",        // azb
    "إةىه",        // ks
];
/// Function words, per language.  Yeh and kaf are unified before a word is
/// looked up (the keyboard chooses them); heh variants are not: Urdu ہ and
/// Kurdish ە are letters of their own.  A word listed for several languages
/// is evidence for each of them; words that several languages use as often
/// (و، ما، او، ان) are left out.  Pashto's list ends with the pronouns,
/// particles and postpositions that make up at least 0.5% of the words of the
/// Pashto Universal Declaration of Human Rights.  Punjabi lists postpositions,
/// copulas and pronouns Urdu does not use, and میں "I" and کہ "that", which
/// both use; Saraiki کوں، کنوں، ہک، ویسی and the -ݨ infinitive; Malay and
/// Azerbaijani only words that, yeh and kaf unified, are not also Persian or
/// Arabic words.
const FUNCTION_WORDS: [(usize, &str); 11] = [
    (0, "في على إلى الى عن أن التی الذی هذا هذه ذلک کان کانت التي الذي لم لن قد مع بین حیث بعد عند حتى أو ثم هو هی إن لا کل منذ خلال"), // ar
    (1, "است را این آن که از به با برای در هم نیز بود شد کرد شده می نمی های ها یک تا اما هر خود ای باید نه چه هستند بودند کند کنند داد دارد"), // fa
    (2, "ہے ہیں کے کی کا میں اور سے نے کو یہ وہ پر بھی تھا تھی تھے ایک لیے گیا کر ہو کہ جو نہیں"), // ur
    (3, "د په او چې دا له سره کې څخه یو وی ده دی ته هم شو کړی کړ دې ډېر که هر نه باید هغه دغه تر کښې څوک"), // ps
    (4, "لە بە کە ئەم ئەو بۆ لەگەڵ دەکات یە ئەوە بوو ھەیە نییە"), // ckb
    (5, "۾ جو جی کی سان تی آهی هو ته ۽ کان پر جڏهن"), // sd
    (6, "بىلەن ۋە بۇ ئۇ بىر دەپ ھەم ئۈچۈن ئىدى قىلىپ بولۇپ ئەمەس"), // ug
    (7, "میں کہ اوہ وی نوں وچ توں نال اے نیں ایہہ ایس اوس لئی تے دا ہن پئی اک کولوں ہووے جیہڑا جیہڑے جیہڑی ساڈا ساڈے ساڈی تہاڈا تہاڈے تہاڈی سانوں تہانوں مینوں تینوں اوہنوں اوہناں ایہناں نئیں اوہدا اوہدے اوہدی سکدا سکدے سکدی ہوندا ہوندی ہوندے جاندا جاندی جاندے دیندا کردا کردی کردے"), // pnb
    (8, "کوں کنوں ہک ہکو ویسی تھیا تھئے ونڄ اتے وچ تے دا ہن ایں اوں اوندا اوندے اوندی کیتے جیڑھا جیڑھے ݙے ݙیوݨ کرݨ تھیوݨ"), // skr
    (9, "يڠ دان كڤد ڤد اداله دالم اتاو بوليه تيدق اونتوق ستياڤ سباڬاي دڠن اوليه ترهادڤ مريك"), // ms
    (10, "بیر ایله اولان اوچون یوخ گؤره ائله کیمی داها هئچ اؤز اولوب ائدیب چوخ یاخشی منیم بیز سیز اولدو دئدی"), // azb
];

pub(crate) const AR: usize = 0;
pub(crate) const FA: usize = 1;
pub(crate) const UR: usize = 2;
const PS: usize = 3;
const CKB: usize = 4;
const SD: usize = 5;
const UG: usize = 6;
pub(crate) const PNB: usize = 7;
pub(crate) const SKR: usize = 8;
const MS: usize = 9;
pub(crate) const AZB: usize = 10;
pub(crate) const KS: usize = 11;

const IN: f64 = 0.0;
const SOFT_PENALTY: f64 = -1.0;
const ABSENT_PENALTY: f64 = -4.0;
const FUNCTION_WEIGHT: f64 = 2.5;

/// Letters Pashto writes and Arabic, Persian and Urdu do not.  In the Pashto
/// Universal Declaration of Human Rights (2,220 words) 22.6% of words hold
/// one, so each word without one is worth log(1 - 0.226) = -0.26 against
/// Pashto: a ten-word sentence without any ends below the other small
/// languages, a one-word quotation such as کور loses a quarter of a nat.
const PASHTO_OWN: &str = "ټځڅډړږښګڼۍې";

fn absent_own_per_word() -> f64 {
    (1.0_f64 - 0.226).ln()
}

/// Yeh and kaf: a keyboard's choice, never foreign.
const KEYBOARD_LETTERS: &str = "يیىكک";

/// Words both Urdu and Punjabi write, far more often in Punjabi (the genitive
/// دی and دے is Urdu's "gave" and "give"): weaker evidence than a function word.
const LEANING_WORDS: [(&str, usize, f64); 2] = [("دی", PNB, 1.0), ("دے", PNB, 1.0)];

/// [`LEANING_WORDS`] as characters, made once: every word of every text is
/// compared with them, and a slice comparison turns most away on its length.
fn leaning_words() -> &'static [(Vec<char>, usize, f64)] {
    static WORDS: OnceLock<Vec<(Vec<char>, usize, f64)>> = OnceLock::new();
    WORDS.get_or_init(|| {
        (LEANING_WORDS.iter())
            .map(|&(w, lang, v)| (w.chars().collect(), lang, v))
            .collect()
    })
}

fn to_farsi_yeh_kaf(ch: char) -> char {
    match ch {
        '\u{064A}' | '\u{0649}' => '\u{06CC}',
        '\u{0643}' => '\u{06A9}',
        _ => ch,
    }
}

fn is_letter(ch: char) -> bool {
    general_category(ch).is_letter()
}

/// Every letter the tables above name lies in U+0600..U+077F (Arabic and
/// Arabic Supplement), so what is known of a letter is read from one array.
/// The array starts at U+0000 all the same: the spaces, digits and
/// punctuation between the words of a run (ASCII, Latin-1) are then read
/// from it too, not through a property search each.  No code point below
/// U+0600 is of the Arabic script, a language's letter, a yeh, kaf or
/// haraka, or counted by [`letter_count`], so nothing but their
/// [`WORD_BIT`] and [`DROPPED_BIT`] is set there, as [`read`] would find
/// them beyond the table.
const TABLE_END: u32 = 0x0780;
const TABLE_LEN: usize = TABLE_END as usize;
/// Where the letters of the tables start.
#[cfg(test)]
const LETTERS_START: u32 = 0x0600;
/// Bits of a letter's flags ([`LetterTable::flags`]) beyond bit `i`
/// (`LANGUAGES[i]` writes the letter, in its alphabet or as a loan): a
/// letter of [`COMMON`], of [`KEYBOARD_LETTERS`], of [`PASHTO_OWN`]; a
/// letter of the Arabic script ([`is_arabic_script_letter`]), which
/// [`foreign`] counts.
const COMMON_BIT: u32 = 1 << 12;
const KEYBOARD_BIT: u32 = 1 << 13;
const PASHTO_BIT: u32 = 1 << 14;
const SCRIPT_LETTER_BIT: u32 = 1 << 15;
/// What one pass over a text ([`read`]) asks of each character, answered
/// once per code point of the table: whether it is part of a word
/// ([`in_word`]), dropped by [`bare`] (a nonspacing mark; outside the
/// table, ZWNJ too), a letter
/// [`letter_count`] counts ([`counted_letter`]), or one of the yeh, kaf and
/// harakat the pass looks at one by one.
const WORD_BIT: u32 = 1 << 16;
const DROPPED_BIT: u32 = 1 << 17;
const COUNTED_BIT: u32 = 1 << 18;
const SPECIAL_BIT: u32 = 1 << 19;
/// A letter (General_Category L*), as [`word_evidence`] asks of a word's letters.
const LETTER_BIT: u32 = 1 << 20;
/// The top byte of a letter's flags: its slot ([`LetterTable::slots`]),
/// 0 for a code point no score or count reads.
const SLOT_SHIFT: u32 = 24;
/// How many slots there are: the letters of the table that have a score
/// row or are of the Arabic script, and slot 0 for none.
const SLOTS: usize = 256;

/// The yeh, kaf and harakat [`read`] looks at one by one.
fn special(ch: char) -> bool {
    matches!(
        ch,
        '\u{064A}' | '\u{0643}' | '\u{06CC}' | '\u{06A9}' | '\u{0649}' | '\u{064B}'..='\u{0652}'
    )
}

/// What the tables say of each code point of U+0000..U+077F.
///
/// Only the letters that have a score row or are of the Arabic script are
/// counted one by one ([`Reading`]); each has a slot of its own, numbered
/// in the top byte of its flags, so that a reading counts in an array of
/// [`SLOTS`] rather than one of every code point of the table (an array
/// that is zeroed for every text read).
struct LetterTable {
    flags: [u32; TABLE_LEN],
    /// Per slot: the index in the table of its letter.
    slots: [u16; SLOTS],
    /// Per slot: the score of one occurrence of its letter, per language,
    /// for the letters of [`COMMON`] and of the alphabets.
    rows: [Option<[f64; 12]>; SLOTS],
}

/// The [`LetterTable`], built on first use.
fn letter_table() -> &'static LetterTable {
    static TABLE: OnceLock<LetterTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        let ch = |i: usize| char::from_u32(i as u32).expect("no surrogate here");
        let mut table = LetterTable {
            flags: std::array::from_fn(|i| letter_flags(ch(i))),
            slots: [0; SLOTS],
            rows: [None; SLOTS],
        };
        let mut next = 1;
        for i in 0..TABLE_LEN {
            let row = letter_row(ch(i));
            if row.is_some() || table.flags[i] & SCRIPT_LETTER_BIT != 0 {
                assert!(next < SLOTS, "more counted letters than slots");
                table.flags[i] |= (next as u32) << SLOT_SHIFT;
                table.slots[next] = i as u16;
                table.rows[next] = row;
                next += 1;
            }
        }
        table
    })
}

/// The flags of a code point of the table.
fn letter_flags(ch: char) -> u32 {
    let mut flags = 0;
    for lang in 0..LANGUAGES.len() {
        if ALPHABET[lang].contains(ch) || SOFT[lang].contains(ch) {
            flags |= 1 << lang;
        }
    }
    for (set, bit) in [
        (COMMON, COMMON_BIT),
        (KEYBOARD_LETTERS, KEYBOARD_BIT),
        (PASHTO_OWN, PASHTO_BIT),
    ] {
        if set.contains(ch) {
            flags |= bit;
        }
    }
    let gc = general_category(ch);
    for (holds, bit) in [
        (is_arabic_script_letter(ch), SCRIPT_LETTER_BIT),
        (in_word(ch), WORD_BIT),
        (gc == Gc::Mn, DROPPED_BIT),
        (counted_letter(ch, gc), COUNTED_BIT),
        (special(ch), SPECIAL_BIT),
        (gc.is_letter(), LETTER_BIT),
    ] {
        if holds {
            flags |= bit;
        }
    }
    flags
}

/// The score of one occurrence of a code point of the table, per language,
/// if it is a letter of [`COMMON`] or of an alphabet.
fn letter_row(ch: char) -> Option<[f64; 12]> {
    let scored = COMMON.contains(ch) || ALPHABET.iter().any(|a| a.contains(ch));
    scored.then(|| {
        std::array::from_fn(|lang| {
            if COMMON.contains(ch) || ALPHABET[lang].contains(ch) {
                IN
            } else if SOFT[lang].contains(ch) {
                SOFT_PENALTY
            } else {
                ABSENT_PENALTY
            }
        })
    })
}

/// The index of `ch` in the [`LetterTable`], if it lies there.
fn table_index(ch: char) -> Option<usize> {
    let i = ch as usize;
    (i < TABLE_LEN).then_some(i)
}

fn flags(ch: char) -> u32 {
    table_index(ch).map_or(0, |i| letter_table().flags[i])
}

/// The slot of a code point's flags ([`SLOT_SHIFT`]).
fn slot(flags: u32) -> usize {
    (flags >> SLOT_SHIFT) as usize
}

#[cfg(test)]
fn row(ch: char) -> Option<&'static [f64; 12]> {
    letter_table().rows[slot(flags(ch))].as_ref()
}

/// The tables [`word_evidence`] reads, fetched once per text rather than
/// once per word.
#[derive(Clone, Copy)]
struct Lookups {
    letters: &'static LetterTable,
    function: &'static FunctionWords,
    leaning: &'static [(Vec<char>, usize, f64)],
}

fn lookups() -> Lookups {
    Lookups {
        letters: letter_table(),
        function: function_words(),
        leaning: leaning_words(),
    }
}

impl Lookups {
    /// [`is_letter`], read from the table where it can be.
    fn letter(&self, ch: char) -> bool {
        match table_index(ch) {
            Some(i) => self.letters.flags[i] & LETTER_BIT != 0,
            None => is_letter(ch),
        }
    }
}

/// The longest function word, in characters: longer words are not looked up.
const LONGEST_FUNCTION_WORD: usize = 6;

/// One slot of [`FunctionWords`]: a word (yeh and kaf unified) inline,
/// its length (0: an empty slot), and where its languages are.
#[derive(Clone, Copy, Default)]
struct FunctionSlot {
    word: [char; LONGEST_FUNCTION_WORD],
    len: u8,
    langs: (u16, u16),
}

/// [`FUNCTION_WORDS`], yeh and kaf unified: each word with the languages
/// listing it, once per listing, in order.
///
/// Every word of every text is looked up, and most are no function word:
/// open addressing over words held inline, a word of a text hashed as it
/// is unified ([`word_hash`]) and compared with the slot it lands on (and
/// the few after it) in place, with no pointer to follow and no copy made.
struct FunctionWords {
    slots: Vec<FunctionSlot>,
    /// How far to shift a hash for its slot: the slots are a power of two.
    shift: u32,
    langs: Vec<usize>,
}

/// A multiply-rotate hash of a word's characters, yeh and kaf unified (the
/// words are the table's own, not an adversary's: no need of a keyed hash);
/// its high bits pick the slot.
fn word_hash(word: &[char]) -> u64 {
    word.iter().fold(0, |h: u64, &c| {
        (h.rotate_left(5) ^ u64::from(to_farsi_yeh_kaf(c) as u32))
            .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
    })
}

impl FunctionWords {
    fn new() -> Self {
        // The words in order of first listing, each with its languages.
        let mut listed: Vec<(Vec<char>, Vec<usize>)> = Vec::new();
        for (lang, words) in FUNCTION_WORDS {
            for word in words.split(' ') {
                let word: Vec<char> = word.chars().map(to_farsi_yeh_kaf).collect();
                assert!(word.len() <= LONGEST_FUNCTION_WORD, "{word:?}");
                match listed.iter_mut().find(|(w, _)| *w == word) {
                    Some((_, langs)) => langs.push(lang),
                    None => listed.push((word, vec![lang])),
                }
            }
        }
        // At most a quarter full: a word not listed meets an empty slot soon.
        let bits = (listed.len() * 4).next_power_of_two().trailing_zeros();
        let mut table = FunctionWords {
            slots: vec![FunctionSlot::default(); 1 << bits],
            shift: 64 - bits,
            langs: Vec::new(),
        };
        let mask = table.slots.len() - 1;
        for (word, langs) in listed {
            let mut i = (word_hash(&word) >> table.shift) as usize;
            while table.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            let slot = &mut table.slots[i];
            slot.word[..word.len()].copy_from_slice(&word);
            slot.len = word.len() as u8;
            let start = table.langs.len();
            table.langs.extend(langs);
            slot.langs = (start as u16, table.langs.len() as u16);
        }
        table
    }

    /// The languages listing `word` (yeh and kaf unified here).
    fn get(&self, word: &[char]) -> Option<&[usize]> {
        if word.len() > LONGEST_FUNCTION_WORD {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (word_hash(word) >> self.shift) as usize;
        loop {
            let slot = &self.slots[i];
            if slot.len == 0 {
                return None;
            }
            if usize::from(slot.len) == word.len()
                && (slot.word.iter().zip(word)).all(|(&a, &b)| a == to_farsi_yeh_kaf(b))
            {
                return Some(&self.langs[usize::from(slot.langs.0)..usize::from(slot.langs.1)]);
            }
            i = (i + 1) & mask;
        }
    }
}

/// The [`FunctionWords`], built on first use.
fn function_words() -> &'static FunctionWords {
    static TABLE: OnceLock<FunctionWords> = OnceLock::new();
    TABLE.get_or_init(FunctionWords::new)
}

/// A character of a word as the letter scores count them: a letter, a
/// mark, or ZWNJ.
fn in_word(c: char) -> bool {
    c == '\u{200C}' || {
        let gc = general_category(c);
        gc.is_letter() || gc.is_mark()
    }
}

/// The words of a text: maximal runs of letters, marks and ZWNJ ([`in_word`]).
fn words(text: &[char]) -> impl Iterator<Item = &[char]> {
    text.split(|&c| !in_word(c)).filter(|w| !w.is_empty())
}

/// Whether [`bare`] keeps a character: neither a nonspacing mark nor ZWNJ,
/// read from the table's [`DROPPED_BIT`] where it can be (ZWNJ lies beyond it).
fn kept(c: char) -> bool {
    match table_index(c) {
        Some(i) => letter_table().flags[i] & DROPPED_BIT == 0,
        None => c != '\u{200C}' && general_category(c) != Gc::Mn,
    }
}

/// A word without its nonspacing marks and ZWNJ, as function words are
/// listed (into `buffer` when it has some).
fn bare<'a>(word: &'a [char], buffer: &'a mut Vec<char>) -> &'a [char] {
    if word.iter().all(|&c| kept(c)) {
        word
    } else {
        buffer.clear();
        buffer.extend(word.iter().copied().filter(|&c| kept(c)));
        buffer
    }
}

/// Whether a word shows a letter only Pashto writes ([`PASHTO_OWN`]).
fn has_pashto_letter(word: &[char]) -> bool {
    word.iter().any(|&c| flags(c) & PASHTO_BIT != 0)
}

/// [`PRIOR`], plus for Pashto the cost of `without_own` words that show
/// none of its own letters.
fn priors_of(without_own: usize) -> [f64; 12] {
    let mut out = PRIOR;
    out[PS] += without_own as f64 * absent_own_per_word();
    out
}

/// What each language starts from before the letters of `text` are read:
/// [`PRIOR`], plus for Pashto the cost of every word that shows none of its
/// own letters.
pub fn priors(text: &[char]) -> [f64; 12] {
    priors_of(words(text).filter(|w| !has_pashto_letter(w)).count())
}

/// What the yeh and kaf of a text show of its keyboard ([`Keyboard::scores`]).
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Keyboard {
    /// How many Arabic yeh and kaf (ي ك), and Persian ones (ی ک).
    arabic: usize,
    farsi: usize,
    /// A letter, then ي not followed by a letter or mark.
    final_arabic_yeh: bool,
    keheh: bool,
    arabic_kaf: bool,
    /// ى followed by a letter.
    inner_maksura: bool,
}

impl Keyboard {
    /// Yeh and kaf: one piece of evidence per text, not per letter.
    fn scores(&self) -> [f64; 12] {
        let mut out = [0.0; 12];
        if self.final_arabic_yeh && self.keheh && !self.arabic_kaf {
            // A word-final ي beside keheh is no keyboard's accident: Pashto writes
            // final ي as a vowel letter of its own (کوي, ښوونځي, کلي) next to ک,
            // and Sindhi writes ي with ک for kh.  An Arabic or Uyghur keyboard
            // would give ك, and a Persian, Urdu or Kurdish one ی (Persian half
            // retyped on an Arabic keyboard keeps ي inside words, as in کشيدن).
            for lang in [AR, FA, UR, CKB, UG] {
                out[lang] -= 2.0;
            }
        } else if self.arabic > self.farsi {
            for lang in [FA, UR, CKB, PNB, SKR, AZB, KS] {
                out[lang] -= 2.0;
            }
            out[PS] -= 0.5; // Pashto writes ي as a letter of its own
        } else if self.farsi > self.arabic {
            for lang in [AR, UG, MS] {
                out[lang] -= 2.0;
            }
            out[SD] -= 1.0; // Sindhi writes ي, and ک only for kh
        }
        // Medial or initial alef maksura is Uyghur's vowel i; Arabic writes it only at a word's end.
        if self.inner_maksura {
            for (lang, v) in out.iter_mut().enumerate() {
                if lang != UG {
                    *v -= 3.0;
                }
            }
        }
        out
    }
}

/// Yeh and kaf: one piece of evidence per text, not per letter.
#[cfg(test)]
fn keyboard_scores(text: &[char]) -> [f64; 12] {
    read(text).keyboard.scores()
}

/// Whether a character is counted by [`letter_count`]: a letter (Lo) of
/// U+0600..U+06FF.
fn counted_letter(c: char, gc: Gc) -> bool {
    ('\u{0600}'..='\u{06FF}').contains(&c) && gc == Gc::Lo
}

/// Everything [`scores`] and [`guess`] read of a text (presentation forms
/// unshaped), found in one pass over it ([`read`]): a run's text is read
/// once rather than once per kind of evidence, each pass over all of it.
struct Reading {
    /// How often the letter of each slot of the [`LetterTable`] occurs,
    /// and the first `distinct` of `order` the slots of those that do, in
    /// order of first occurrence (slot 0, of no letter, is never counted).
    counts: [u32; SLOTS],
    order: [u8; SLOTS],
    distinct: usize,
    /// Letters of the Arabic script beyond the table: foreign to every language.
    beyond: usize,
    /// How many words ([`words`]), and how many show no Pashto letter.
    words: usize,
    without_own: usize,
    /// Whether the first word is a function word.
    first_is_function_word: bool,
    /// What each word adds ([`word_evidence`]), word after word.
    evidence: Vec<(usize, f64)>,
    /// Harakat (U+064B..U+0652).
    harakat: usize,
    keyboard: Keyboard,
    /// Whether a ZWNJ is there: every Persian affix ([`persian_zwnj_affixes`]) holds one.
    zwnj: bool,
    /// [`letter_count`].
    letter_count: usize,
    /// Whether a presentation form is there ([`is_presentation_form`]):
    /// [`guess`] then reads the text unshaped.
    shaped: bool,
    lookups: Lookups,
}

/// The [`Reading`] of `text`, in one pass.
fn read(text: &[char]) -> Reading {
    let lookups = lookups();
    let table = lookups.letters;
    let mut r = Reading {
        counts: [0; SLOTS],
        order: [0; SLOTS],
        distinct: 0,
        beyond: 0,
        words: 0,
        without_own: 0,
        first_is_function_word: false,
        // Room for the evidence of a word of three letters or so, few of
        // which bring any: it rarely grows, and a small block is quick to get.
        evidence: Vec::with_capacity(text.len() / 8 + 8),
        harakat: 0,
        keyboard: Keyboard::default(),
        zwnj: false,
        letter_count: 0,
        shaped: false,
        lookups,
    };
    // A word without what [`bare`] drops, when it holds some.
    let mut buffer = Vec::new();
    // The current word's start, and the flags of every character read since
    // the last word ended, or since the start: whether the word has shown a
    // Pashto letter, and whether it holds what [`bare`] drops, are one OR a
    // character rather than two tests.  Only a character of a word has
    // [`PASHTO_BIT`] or [`DROPPED_BIT`], so those between two words add
    // nothing that is asked.
    let mut word: Option<usize> = None;
    let mut seen = 0u32;
    for (i, &c) in text.iter().enumerate() {
        let flags = match table_index(c) {
            Some(index) => {
                let flags = table.flags[index];
                let slot = slot(flags);
                if slot != 0 {
                    let count = &mut r.counts[slot];
                    if *count == 0 {
                        r.order[r.distinct] = slot as u8;
                        r.distinct += 1;
                    }
                    *count += 1;
                }
                r.letter_count += usize::from(flags & COUNTED_BIT != 0);
                if flags & SPECIAL_BIT != 0 {
                    r.special(text, i);
                }
                flags
            }
            None if c == '\u{200C}' => {
                r.zwnj = true;
                WORD_BIT | DROPPED_BIT
            }
            None => {
                let gc = general_category(c);
                r.beyond += usize::from(gc.is_letter() && script_is_arabic(c));
                r.shaped |= is_presentation_form(c);
                let word = if gc.is_letter() || gc.is_mark() {
                    WORD_BIT
                } else {
                    0
                };
                word | if gc == Gc::Mn { DROPPED_BIT } else { 0 }
            }
        };
        seen |= flags;
        if flags & WORD_BIT != 0 {
            if word.is_none() {
                word = Some(i);
            }
        } else if let Some(start) = word.take() {
            r.end_word(&text[start..i], seen, &mut buffer);
            seen = 0;
        }
    }
    if let Some(start) = word {
        r.end_word(&text[start..], seen, &mut buffer);
    }
    r
}

impl Reading {
    /// What the yeh, kaf or haraka at `i` of `text` shows.
    fn special(&mut self, text: &[char], i: usize) {
        let letter_or_mark = |k: usize| {
            text.get(k).is_some_and(|&n| {
                let gc = general_category(n);
                gc.is_letter() || gc.is_mark()
            })
        };
        match text[i] {
            '\u{064A}' => {
                self.keyboard.arabic += 1;
                if i >= 1 && is_letter(text[i - 1]) && !letter_or_mark(i + 1) {
                    self.keyboard.final_arabic_yeh = true;
                }
            }
            '\u{0643}' => {
                self.keyboard.arabic += 1;
                self.keyboard.arabic_kaf = true;
            }
            '\u{06CC}' => self.keyboard.farsi += 1,
            '\u{06A9}' => {
                self.keyboard.farsi += 1;
                self.keyboard.keheh = true;
            }
            '\u{0649}' => {
                self.keyboard.inner_maksura |= text.get(i + 1).is_some_and(|&n| is_letter(n));
            }
            _ => self.harakat += 1,
        }
    }

    /// Counts a word and gathers its evidence; `seen`: the flags of its
    /// characters (and of none of another word's), which tell whether it
    /// shows a Pashto letter and whether it holds something [`bare`] drops
    /// (into `buffer`).
    fn end_word(&mut self, word: &[char], seen: u32, buffer: &mut Vec<char>) {
        self.words += 1;
        self.without_own += usize::from(seen & PASHTO_BIT == 0);
        let word = if seen & DROPPED_BIT != 0 {
            bare(word, buffer)
        } else {
            word
        };
        let function = word_evidence(word, &self.lookups, &mut self.evidence);
        if self.words == 1 {
            self.first_is_function_word = function;
        }
    }

    /// Whether the text is one word, and that word a function word.
    fn lone_function_word(&self) -> bool {
        self.words == 1 && self.first_is_function_word
    }

    /// The scores of `text`, read as `self` ([`scores`]).
    fn scores(&self, text: &[char]) -> [f64; 12] {
        let table = letter_table();
        let mut total = priors_of(self.without_own);
        // Letters in order of first occurrence, each with its count.
        for &slot in &self.order[..self.distinct] {
            let slot = usize::from(slot);
            if let Some(row) = &table.rows[slot] {
                let n = self.counts[slot];
                for (t, v) in total.iter_mut().zip(row) {
                    *t += v * f64::from(n);
                }
            }
        }
        if self.harakat > 0 {
            // Kurdish and Uyghur never write short vowels.
            for lang in [CKB, UG] {
                total[lang] -= self.harakat.min(3) as f64 * 1.5;
            }
            // Arabic is vowelled far more often than Persian or Urdu prose (one
            // sentence in fifteen against one in seventy in lingua's test data).
            total[AR] += self.harakat.min(8) as f64 * 0.25;
        }
        for (t, v) in total.iter_mut().zip(self.keyboard.scores()) {
            *t += v;
        }
        for &(lang, v) in &self.evidence {
            total[lang] += v;
        }
        let affixes = if self.zwnj {
            persian_zwnj_affixes(text)
        } else {
            0
        };
        total[FA] += 3.0 * affixes as f64;
        total
    }

    /// The Arabic-script letters, and how many of them have none of the
    /// bits `own` (a language's, and those of the letters every language writes).
    fn letters_and_foreign(&self, own: u32) -> (usize, usize) {
        let table = letter_table();
        let (mut letters, mut bad) = (self.beyond, self.beyond);
        for &slot in &self.order[..self.distinct] {
            let slot = usize::from(slot);
            let flags = table.flags[usize::from(table.slots[slot])];
            if flags & SCRIPT_LETTER_BIT != 0 {
                let n = self.counts[slot] as usize;
                letters += n;
                if flags & own == 0 {
                    bad += n;
                }
            }
        }
        (letters, bad)
    }

    /// Whether the text shows it is not in `lang` ([`foreign`]).
    fn foreign(&self, lang: usize) -> bool {
        let (letters, bad) = self.letters_and_foreign(COMMON_BIT | KEYBOARD_BIT | 1 << lang);
        bad >= FOREIGN_MIN && bad as f64 >= FOREIGN_SHARE * letters as f64
    }
}

/// What one word adds to each language, in order: as a function word (yeh and
/// kaf unified), as a leaning word, then by its shape.  The shapes are word
/// forms whose frequency differs between Arabic, Persian and Urdu prose: the
/// article ال (a quarter of Arabic words, under 1% of Persian or Urdu ones), a
/// final heh (Persian and Pashto; Urdu writes ہ), and ئی (Urdu, where Persian
/// writes ایی); their weights are rough log-ratios of those frequencies.
/// `word` is bare ([`bare`]).  Whether the word is a function word.
fn word_evidence(word: &[char], lookups: &Lookups, out: &mut Vec<(usize, f64)>) -> bool {
    let function = lookups.function.get(word);
    if let Some(langs) = function {
        let weight = FUNCTION_WEIGHT / langs.len() as f64;
        out.extend(langs.iter().map(|&lang| (lang, weight)));
    }
    // Compared in line: the words are a few letters, too short for memcmp.
    let written = |w: &[char]| w.len() == word.len() && w.iter().zip(word).all(|(a, b)| a == b);
    if let Some(&(_, lang, v)) = lookups.leaning.iter().find(|(w, _, _)| written(w)) {
        out.push((lang, v));
    }
    let letter = |c: char| lookups.letter(c);
    let n = word.len();
    if n >= 4 && word[0] == 'ا' && word[1] == 'ل' && letter(word[2]) && letter(word[3]) {
        out.push((AR, 1.5));
    }
    if n >= 3 && word[n - 1] == 'ه' && letter(word[n - 3]) && letter(word[n - 2]) {
        out.extend([(FA, 1.0), (PS, 1.0), (AZB, 1.0)]);
    }
    if word.windows(2).any(|w| w == ['ئ', 'ی']) {
        out.extend([(UR, 1.5), (PNB, 1.5), (SKR, 1.5), (KS, 1.5)]);
    }
    function.is_some()
}

fn starts_with(text: &[char], at: usize, word: &str) -> Option<usize> {
    let mut i = at;
    for c in word.chars() {
        if text.get(i) != Some(&c) {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// How many Persian-only affixes joined by ZWNJ `text` holds: the verbal
/// prefix (ن)می‌ at a word's start, and the plural and comparative ‌ها، ‌های،
/// ‌هایی، ‌تر، ‌ترین at a word's end, counted left to right without overlap.
fn persian_zwnj_affixes(text: &[char]) -> usize {
    // (ن)می and ZWNJ from `i`: the end of the prefix, if it is one.
    let prefix = |i: usize| {
        if text.get(i) == Some(&'ن') {
            if let Some(end) = starts_with(text, i + 1, "می\u{200C}") {
                return Some(end);
            }
        }
        starts_with(text, i, "می\u{200C}")
    };
    // Python's `\s` in the `regex` module is White_Space, which leaves out U+001C..U+001F.
    let is_white = |c: char| crate::props::is_space(c) && !('\x1c'..='\x1f').contains(&c);
    let mut count = 0;
    let mut i = 0;
    while i < text.len() {
        let mut end = None;
        if i == 0 {
            end = prefix(0);
        }
        // A prefix starts with ن or م: anything else after a space is not looked at.
        if end.is_none() && matches!(text.get(i + 1), Some('ن' | 'م')) && is_white(text[i]) {
            end = prefix(i + 1);
        }
        if end.is_none() && text[i] == '\u{200C}' {
            end = ["ها", "های", "هایی", "تر", "ترین"].iter().find_map(|s| {
                starts_with(text, i + 1, s).filter(|&e| text.get(e).is_none_or(|&c| !is_letter(c)))
            });
        }
        match end {
            Some(e) => {
                count += 1;
                i = e;
            }
            None => i += 1,
        }
    }
    count
}

/// Log-odds-like evidence for each language of [`LANGUAGES`] (higher is more likely).
pub fn scores(text: &[char]) -> [f64; 12] {
    read(text).scores(text)
}

/// Whether `text` is one word, and that word is a function word (Pashto د, Sindhi ۾).
pub fn lone_function_word(text: &[char]) -> bool {
    read(text).lone_function_word()
}

/// How many Arabic-script letters (U+0600..U+06FF, Lo) `text` holds: the amount of evidence.
pub fn letter_count(text: &[char]) -> usize {
    text.iter()
        .filter(|&&c| counted_letter(c, general_category(c)))
        .count()
}

fn is_arabic_script_letter(ch: char) -> bool {
    script_is_arabic(ch) && is_letter(ch)
}

/// How many letters of Arabic script `text` holds (any block).
pub fn arabic_script_letters(text: &[char]) -> usize {
    read(text).letters_and_foreign(0).0
}

/// How many letters of `text` `lang` does not write, not even as a loan (yeh and kaf never count).
pub fn foreign_letters(text: &[char], lang: &str) -> usize {
    let index = LANGUAGES.iter().position(|&l| l == lang);
    let own = COMMON_BIT | KEYBOARD_BIT | index.map_or(0, |i| 1 << i);
    read(text).letters_and_foreign(own).1
}

// Share of a text's letters that its best language does not write above which
// the text is in none of the candidates: Urdu's ہ and ے in a text whose only
// candidate is Persian, Jawi's ڠ and ڤ when Malay is not a candidate, or a
// letter no language here writes (Shina's ݜ).  Two letters at least, so that
// one borrowed name (پاکستان in Arabic) does not count.
const FOREIGN_SHARE: f64 = 0.1;
const FOREIGN_MIN: usize = 2;

/// Scores to probabilities that sum to 1, in the order of `scores`.
///
/// The arithmetic is fixed so that the same scores always give the same
/// bits: the largest score (the first of equals) is taken from each, each
/// difference goes through `exp`, the exponentials are summed left to right
/// from 0.0, and each is divided by the sum.  Empty scores give no
/// probabilities.
pub fn softmax(scores: &[f64]) -> Vec<f64> {
    let Some((&first, rest)) = scores.split_first() else {
        return Vec::new();
    };
    let top = rest.iter().fold(first, |m, &v| if v > m { v } else { m });
    let exps: Vec<f64> = scores.iter().map(|&v| (v - top).exp()).collect();
    let z = exps.iter().fold(0.0, |z, &e| z + e);
    exps.into_iter().map(|e| e / z).collect()
}

/// What [`guess`] makes of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Guess {
    /// The best language (an index of [`LANGUAGES`]), or `None` for `und`.
    pub lang: Option<usize>,
    /// The best language's probability among the candidates; 0 for `und`.
    pub confidence: f64,
    /// The candidates, indexes of [`LANGUAGES`] in the order given, each once.
    pub candidates: Vec<usize>,
    /// Each candidate's score ([`scores`]); empty when the text is too thin to score.
    pub scores: Vec<f64>,
    /// Each candidate's probability, the [`softmax`] of `scores`.
    pub probs: Vec<f64>,
    /// The text as it was read, presentation forms unshaped, when it held any.
    pub unshaped: Option<Vec<char>>,
}

/// Whether `plain` shows it is not in `lang`: too many letters `lang` never writes.
#[cfg(test)]
fn foreign(plain: &[char], lang: usize) -> bool {
    read(plain).foreign(lang)
}

/// The most likely language of `text` among `candidates` (indexes of
/// [`LANGUAGES`]; out-of-range ones are ignored, repeats count once, and
/// none at all means every language).
///
/// Presentation forms (raw PDF text) are read as the letters they show.  A
/// text with fewer than two letters is `und` without scores: a lone letter
/// says nothing about its language, unless it is a whole word that some
/// language writes as a function word (Pashto د "of", Sindhi ۾ "in"), which
/// is thin evidence and gets a guess with a low confidence.  The best
/// language is the candidate with the highest probability (the first of
/// equals); a text with too many letters it never writes is `und`, scores
/// and probabilities kept.
pub fn guess(text: &[char], candidates: &[usize]) -> Guess {
    let mut langs: Vec<usize> = Vec::with_capacity(LANGUAGES.len());
    for &c in candidates {
        if c < LANGUAGES.len() && !langs.contains(&c) {
            langs.push(c);
        }
    }
    if langs.is_empty() {
        langs.extend(0..LANGUAGES.len());
    }
    // The text is read as it is, and read again unshaped only when the
    // reading met a presentation form: the one pass looks for them as
    // [`unshape_if_shaped`] would, and most texts hold none.
    let mut reading = read(text);
    let unshaped = reading.shaped.then(|| unshape(text));
    if let Some(unshaped) = &unshaped {
        reading = read(unshaped);
    }
    let plain = unshaped.as_deref().unwrap_or(text);
    let mut out = Guess {
        lang: None,
        confidence: 0.0,
        candidates: langs,
        scores: Vec::new(),
        probs: Vec::new(),
        unshaped: None,
    };
    if reading.letter_count >= 2 || reading.lone_function_word() {
        let all = reading.scores(plain);
        out.scores = out.candidates.iter().map(|&i| all[i]).collect();
        out.probs = softmax(&out.scores);
        let best =
            (1..out.probs.len()).fold(0, |b, i| if out.probs[i] > out.probs[b] { i } else { b });
        if !reading.foreign(out.candidates[best]) {
            out.lang = Some(out.candidates[best]);
            out.confidence = out.probs[best];
        }
    }
    out.unshaped = unshaped;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    fn best(s: &str) -> &'static str {
        let sc = scores(&chars(s));
        let i = (0..12).fold(0, |b, i| if sc[i] > sc[b] { i } else { b });
        LANGUAGES[i]
    }

    #[test]
    fn foreign_counts_in_one_pass_what_the_two_counts_give() {
        let pieces = [
            "ہ", "ے", "ڠ", "ڤ", "ݜ", "ک", "ي", "ب", "پ", " ", "a", "\u{FE8F}", "ۇ", "\u{08A0}",
        ];
        for text in crate::generated_texts(&pieces, 7, 12, 2000) {
            let letters = arabic_script_letters(&text);
            assert_eq!(letters, plain::arabic_script_letters(&text), "{text:?}");
            for (lang, name) in LANGUAGES.iter().enumerate() {
                let bad = foreign_letters(&text, name);
                assert_eq!(bad, plain::foreign_letters(&text, name), "{text:?} {name}");
                let expected = bad >= FOREIGN_MIN && bad as f64 >= FOREIGN_SHARE * letters as f64;
                assert_eq!(foreign(&text, lang), expected, "{text:?} {lang}");
            }
        }
        // Two Urdu letters of three are too many for Persian, not for Urdu.
        assert!(foreign(&chars("ہےب"), FA));
        assert!(!foreign(&chars("ہےب"), UR));
    }

    #[test]
    fn priors_count_the_words_without_pashto_letters() {
        let c = absent_own_per_word();
        assert_eq!(priors(&chars("کور"))[PS], -1.0 + c);
        assert_eq!(priors(&chars("کور ته"))[PS], -1.0 + 2.0 * c);
        assert_eq!(priors(&chars("ښه ته"))[PS], -1.0 + c);
        assert_eq!(priors(&chars(""))[FA], -0.2);
    }

    #[test]
    fn letters_score_against_each_alphabet() {
        // پ: Persian writes it (0), Malay only as a loan (-1), Arabic never (-4).
        let s = scores(&chars("پ"));
        let p = priors(&chars("پ"));
        assert_eq!(s[FA] - p[FA], 0.0);
        assert_eq!(s[MS] - p[MS], -1.0);
        assert_eq!(s[AR] - p[AR], -4.0);
        // Counted per occurrence.
        assert_eq!(scores(&chars("پپپ"))[AR] - priors(&chars("پپپ"))[AR], -12.0);
    }

    #[test]
    fn the_keyboard_counts_once() {
        // ك and ي outnumber ی ک: the Persian-keyboard languages lose 2, Pashto 0.5.
        let k = keyboard_scores(&chars("كتاب علي"));
        assert_eq!((k[AR], k[FA], k[PS], k[UG]), (0.0, -2.0, -0.5, 0.0));
        let k = keyboard_scores(&chars("کتاب"));
        assert_eq!((k[AR], k[FA], k[SD], k[MS]), (-2.0, 0.0, -1.0, -2.0));
        // Word-final ي beside keheh: Pashto or Sindhi.
        let k = keyboard_scores(&chars("کوي"));
        assert_eq!((k[AR], k[FA], k[PS], k[SD]), (-2.0, -2.0, 0.0, 0.0));
        // Medial alef maksura: Uyghur.
        let k = keyboard_scores(&chars("بىلەن"));
        assert_eq!((k[AR], k[UG]), (-3.0, 0.0));
    }

    #[test]
    fn words_and_shapes() {
        let mut ev = Vec::new();
        let mut buffer = Vec::new();
        let mut word_evidence = |w: &[char], ev: &mut Vec<(usize, f64)>| {
            word_evidence(bare(w, &mut buffer), &lookups(), ev);
        };
        word_evidence(&chars("است"), &mut ev);
        assert_eq!(ev, vec![(FA, 2.5)]);
        ev.clear();
        // كه with Arabic kaf is که, which Persian and Pashto both list.
        word_evidence(&chars("كه"), &mut ev);
        assert_eq!(ev, vec![(FA, 1.25), (PS, 1.25)]);
        ev.clear();
        // يک with Arabic yeh is Persian یک.
        word_evidence(&chars("يک"), &mut ev);
        assert_eq!(ev, vec![(FA, 2.5)]);
        ev.clear();
        // هر: Persian and Pashto share it.
        word_evidence(&chars("هر"), &mut ev);
        assert_eq!(ev, vec![(FA, 1.25), (PS, 1.25)]);
        ev.clear();
        // The article, and harakat ignored for the lookup.
        word_evidence(&chars("الْكتاب"), &mut ev);
        assert_eq!(ev, vec![(AR, 1.5)]);
        ev.clear();
        word_evidence(&chars("دی"), &mut ev);
        assert_eq!(ev, vec![(PS, 2.5), (PNB, 1.0)]);
        ev.clear();
        word_evidence(&chars("خانه"), &mut ev);
        assert_eq!(ev, vec![(FA, 1.0), (PS, 1.0), (AZB, 1.0)]);
    }

    #[test]
    fn zwnj_affixes() {
        assert_eq!(persian_zwnj_affixes(&chars("می\u{200C}خواهم")), 1);
        assert_eq!(persian_zwnj_affixes(&chars("او نمی\u{200C}رود")), 1);
        assert_eq!(persian_zwnj_affixes(&chars("کتاب\u{200C}های من")), 1);
        assert_eq!(persian_zwnj_affixes(&chars("کتاب\u{200C}هاش")), 0); // a letter follows
        assert_eq!(persian_zwnj_affixes(&chars("بمی\u{200C}ها")), 1); // not a prefix: the plural
        assert_eq!(persian_zwnj_affixes(&chars("\u{1c}می\u{200C}")), 0); // U+001C is no White_Space
    }

    #[test]
    fn best_languages_of_plain_sentences() {
        assert_eq!(best("یہ کتاب ہے"), "ur");
        assert_eq!(best("اين كتاب را مي\u{200C}خواهم"), "fa");
        assert_eq!(best("ذهب الولد إلى المدرسة"), "ar");
        assert_eq!(best("زه په کور کې یم"), "ps");
    }

    #[test]
    fn softmax_by_hand() {
        assert_eq!(softmax(&[]), Vec::<f64>::new());
        assert_eq!(softmax(&[-7.5]), vec![1.0]);
        assert_eq!(softmax(&[3.0, 3.0, 3.0, 3.0]), vec![0.25; 4]);
        // exp(-inf) is 0: a language ruled out gets nothing.
        assert_eq!(softmax(&[0.0, f64::NEG_INFINITY]), vec![1.0, 0.0]);
        // Two scores 2 apart: 1 / (1 + e^-2) = 0.880797..., and the rest.
        let p = softmax(&[2.0, 0.0]);
        assert!((p[0] - 0.880_797_077_977_882_3).abs() < 1e-15);
        assert!((p[1] - 0.119_202_922_022_117_7).abs() < 1e-15);
        // Only differences count: shifted by a whole number, the same bits.
        assert_eq!(softmax(&[102.0, 100.0]), p);
        // The order of the scores is the order of the probabilities.
        assert_eq!(softmax(&[0.0, 2.0]), vec![p[1], p[0]]);
    }

    fn name(g: &Guess) -> &'static str {
        g.lang.map_or("und", |i| LANGUAGES[i])
    }

    #[test]
    fn guesses_by_hand() {
        let all: Vec<usize> = (0..12).collect();
        // Persian typed on an Arabic keyboard (ي ك): its function words decide.
        let g = guess(&chars("اين كتاب را مي\u{200C}خواهم"), &all);
        assert_eq!(name(&g), "fa");
        assert!(g.confidence > 0.9);
        assert_eq!(guess(&chars("یہ کتاب ہے"), &all).lang, Some(UR));
        assert_eq!(guess(&chars("ذهب الولد إلى المدرسة"), &all).lang, Some(AR));
        // A lone letter says nothing: und, not even scored.
        let g = guess(&chars("ب"), &all);
        assert_eq!((g.lang, g.confidence), (None, 0.0));
        assert!(g.scores.is_empty() && g.probs.is_empty());
        // Pashto د "of" is a word of its own: thin evidence.  Its scores are
        // the priors, Pashto's with one word without its own letters and
        // the function word's 2.5, so Pashto's probability is
        // 1 / (1 + sum of exp(prior - its score)) = 0.536 over the others.
        let g = guess(&chars("د"), &all);
        assert_eq!(name(&g), "ps");
        let ps = -1.0 + absent_own_per_word() + 2.5;
        assert_eq!(g.scores[PS], ps);
        let rest: f64 = (0..12)
            .filter(|&i| i != PS)
            .map(|i| (PRIOR[i] - ps).exp())
            .sum();
        assert!((g.confidence - 1.0 / (1.0 + rest)).abs() < 1e-12);
        assert!((g.confidence - 0.536).abs() < 0.001);
    }

    #[test]
    fn guesses_keep_to_the_candidates() {
        // Repeats count once, unknown indexes are dropped, none means all.
        let g = guess(&chars("یہ کتاب ہے"), &[FA, UR, FA, 99]);
        assert_eq!(g.candidates, vec![FA, UR]);
        assert_eq!((g.lang, g.scores.len(), g.probs.len()), (Some(UR), 2, 2));
        assert_eq!(guess(&chars("یہ کتاب ہے"), &[99]).candidates.len(), 12);
        // Urdu's ہ ہ ے are 3 of the 8 letters: not Persian, the only candidate.
        let g = guess(&chars("یہ کتاب ہے"), &[FA]);
        assert_eq!((g.lang, g.confidence), (None, 0.0));
        assert_eq!(g.probs, vec![1.0]);
        assert_eq!(g.scores, vec![scores(&chars("یہ کتاب ہے"))[FA]]);
        // The probabilities are the softmax of the candidates' scores.
        let g = guess(&chars("زه په کور کې یم"), &[AR, PS, FA]);
        assert_eq!(name(&g), "ps");
        assert_eq!(g.probs, softmax(&g.scores));
        assert_eq!(g.confidence, g.probs[1]);
    }

    #[test]
    fn guesses_read_presentation_forms_as_letters() {
        // ﻛ ﺘ ﺎ ﺏ: kaf initial, teh medial, alef final, beh isolated.
        let forms = chars("\u{FEDB}\u{FE98}\u{FE8E}\u{FE8F}");
        let all: Vec<usize> = (0..12).collect();
        let g = guess(&forms, &all);
        assert_eq!(g.unshaped, Some(chars("كتاب")));
        let plain = guess(&chars("كتاب"), &all);
        assert_eq!(plain.unshaped, None);
        assert_eq!(
            Guess {
                unshaped: None,
                ..g
            },
            plain
        );
        // Lam-alef is lam then alef.
        let g = guess(&chars("\u{FEFB}"), &all);
        assert_eq!(g.unshaped, Some(chars("لا")));
    }

    #[test]
    fn every_listed_letter_is_in_the_table() {
        let listed = [COMMON, KEYBOARD_LETTERS, PASHTO_OWN]
            .into_iter()
            .chain(ALPHABET)
            .chain(SOFT);
        for ch in listed.flat_map(str::chars) {
            assert!((LETTERS_START..TABLE_END).contains(&(ch as u32)), "{ch}");
        }
        // ڋ is a loan letter of Saraiki only: owned by it, scored by no alphabet.
        let owned = |ch: char| flags(ch) & 0xFFFF;
        assert_eq!(owned('ڋ'), 1 << SKR | SCRIPT_LETTER_BIT);
        assert!(row('ڋ').is_none());
        assert_eq!(owned('ب'), COMMON_BIT | SCRIPT_LETTER_BIT);
        assert_eq!(owned('ي'), KEYBOARD_BIT | SCRIPT_LETTER_BIT);
        assert_eq!(owned('a'), 0);
        // Shina's ݜ is a letter of the Arabic script no language here writes; a mark is no letter.
        assert_eq!(owned('ݜ'), SCRIPT_LETTER_BIT);
        assert_eq!(owned('\u{064E}'), 0);
        // The bits the pass reads answer their questions for every code point of the table.
        for cp in 0..TABLE_END {
            let ch = char::from_u32(cp).unwrap();
            let gc = general_category(ch);
            let f = flags(ch);
            assert_eq!(f & LETTER_BIT != 0, is_letter(ch), "{cp:X}");
            assert_eq!(lookups().letter(ch), is_letter(ch), "{cp:X}");
            // Below the letters, what a reading beyond the table would find:
            // whether the character is part of a word, or dropped, or a letter.
            if cp < LETTERS_START {
                assert_eq!(f & !(WORD_BIT | DROPPED_BIT | LETTER_BIT), 0, "{cp:X}");
                assert!(!(gc.is_letter() && script_is_arabic(ch)), "{cp:X}");
                assert!(!is_presentation_form(ch), "{cp:X}");
            }
            // A slot for every letter scored or of the Arabic script, and only for them.
            let slotted = row(ch).is_some() || f & SCRIPT_LETTER_BIT != 0;
            assert_eq!(slot(f) != 0, slotted, "{cp:X}");
            if slotted {
                assert_eq!(usize::from(letter_table().slots[slot(f)]), cp as usize);
            }
            assert_eq!(f & WORD_BIT != 0, in_word(ch), "{cp:X}");
            assert_eq!(f & DROPPED_BIT != 0, gc == Gc::Mn, "{cp:X}");
            assert_eq!(f & COUNTED_BIT != 0, counted_letter(ch, gc), "{cp:X}");
            assert_eq!(f & SPECIAL_BIT != 0, special(ch), "{cp:X}");
            // Only a word's characters have the bits a reading asks of a word.
            if f & (PASHTO_BIT | DROPPED_BIT) != 0 {
                assert!(f & WORD_BIT != 0, "{cp:X}");
            }
            assert_eq!(
                f & SCRIPT_LETTER_BIT != 0,
                is_arabic_script_letter(ch),
                "{cp:X}"
            );
        }
    }

    #[test]
    fn counts() {
        assert_eq!(letter_count(&chars("ab كتاب ١٢")), 4);
        assert!(lone_function_word(&chars("د")));
        assert!(!lone_function_word(&chars("ب")));
        assert!(!lone_function_word(&chars("د د")));
        assert_eq!(foreign_letters(&chars("یہ کتاب ہے"), "fa"), 3);
        assert_eq!(foreign_letters(&chars("یہ کتاب ہے"), "ur"), 0);
        assert_eq!(foreign_letters(&chars("ݜ"), "ps"), 1);
        assert_eq!(arabic_script_letters(&chars("ab یہ ١")), 2);
    }

    /// The scores and guess read pass by pass, each kind of evidence over
    /// the whole text, as they were before one pass ([`read`]) gathered
    /// them all: the oracle of the tests below.
    mod plain {
        use super::super::*;
        use std::borrow::Cow;

        fn words(text: &[char]) -> Vec<&[char]> {
            text.split(|&c| !in_word(c))
                .filter(|w| !w.is_empty())
                .collect()
        }

        fn bare(word: &[char]) -> Cow<'_, [char]> {
            let kept = |c: char| c != '\u{200C}' && general_category(c) != Gc::Mn;
            if word.iter().all(|&c| kept(c)) {
                Cow::Borrowed(word)
            } else {
                Cow::Owned(word.iter().copied().filter(|&c| kept(c)).collect())
            }
        }

        fn function_word(word: &[char]) -> Option<Vec<usize>> {
            // Every listing of the word, in order.
            let unify = |w: &mut dyn Iterator<Item = char>| -> Vec<char> {
                w.map(to_farsi_yeh_kaf).collect()
            };
            let word = unify(&mut word.iter().copied());
            let langs: Vec<usize> = (FUNCTION_WORDS.iter())
                .flat_map(|&(lang, listed)| listed.split(' ').map(move |w| (lang, w)))
                .filter(|(_, w)| unify(&mut w.chars()) == word)
                .map(|(lang, _)| lang)
                .collect();
            (!langs.is_empty()).then_some(langs)
        }

        fn keyboard_scores(text: &[char]) -> [f64; 12] {
            let count = |set: &[char]| text.iter().filter(|c| set.contains(c)).count();
            let arabic_yk = count(&['\u{064A}', '\u{0643}']);
            let farsi_yk = count(&['\u{06CC}', '\u{06A9}']);
            let mut out = [0.0; 12];
            let n = text.len();
            let final_arabic_yeh = (1..n).any(|i| {
                text[i] == '\u{064A}'
                    && is_letter(text[i - 1])
                    && text.get(i + 1).is_none_or(|&c| {
                        let gc = general_category(c);
                        !(gc.is_letter() || gc.is_mark())
                    })
            });
            if final_arabic_yeh && text.contains(&'\u{06A9}') && !text.contains(&'\u{0643}') {
                for lang in [AR, FA, UR, CKB, UG] {
                    out[lang] -= 2.0;
                }
            } else if arabic_yk > farsi_yk {
                for lang in [FA, UR, CKB, PNB, SKR, AZB, KS] {
                    out[lang] -= 2.0;
                }
                out[PS] -= 0.5;
            } else if farsi_yk > arabic_yk {
                for lang in [AR, UG, MS] {
                    out[lang] -= 2.0;
                }
                out[SD] -= 1.0;
            }
            let inner =
                |i: usize| text[i] == '\u{0649}' && text.get(i + 1).is_some_and(|&c| is_letter(c));
            if (0..n).any(inner) {
                for (lang, v) in out.iter_mut().enumerate() {
                    if lang != UG {
                        *v -= 3.0;
                    }
                }
            }
            out
        }

        fn word_evidence(raw: &[char], out: &mut Vec<(usize, f64)>) {
            let word = bare(raw);
            if let Some(langs) = function_word(&word) {
                let weight = FUNCTION_WEIGHT / langs.len() as f64;
                out.extend(langs.iter().map(|&lang| (lang, weight)));
            }
            let written = |w: &str| w.chars().eq(word.iter().copied());
            if let Some(&(_, lang, v)) = LEANING_WORDS.iter().find(|(w, _, _)| written(w)) {
                out.push((lang, v));
            }
            let n = word.len();
            if n >= 4
                && word[0] == 'ا'
                && word[1] == 'ل'
                && is_letter(word[2])
                && is_letter(word[3])
            {
                out.push((AR, 1.5));
            }
            if n >= 3 && word[n - 1] == 'ه' && is_letter(word[n - 3]) && is_letter(word[n - 2]) {
                out.extend([(FA, 1.0), (PS, 1.0), (AZB, 1.0)]);
            }
            if word.windows(2).any(|w| w == ['ئ', 'ی']) {
                out.extend([(UR, 1.5), (PNB, 1.5), (SKR, 1.5), (KS, 1.5)]);
            }
        }

        pub fn scores(text: &[char]) -> [f64; 12] {
            let words = words(text);
            let without_own = words
                .iter()
                .filter(|w| !w.iter().any(|&c| flags(c) & PASHTO_BIT != 0))
                .count();
            let mut total = PRIOR;
            total[PS] += without_own as f64 * absent_own_per_word();
            let mut seen: Vec<(&[f64; 12], u32)> = Vec::new();
            let mut slot = [u8::MAX; TABLE_LEN];
            for &c in text {
                if let Some(row) = row(c) {
                    let at = &mut slot[c as usize];
                    match seen.get_mut(usize::from(*at)) {
                        Some(e) => e.1 += 1,
                        None => {
                            *at = seen.len() as u8;
                            seen.push((row, 1));
                        }
                    }
                }
            }
            for (row, n) in seen {
                for (t, v) in total.iter_mut().zip(row) {
                    *t += v * f64::from(n);
                }
            }
            let harakat = text
                .iter()
                .filter(|&&c| ('\u{064B}'..='\u{0652}').contains(&c))
                .count();
            if harakat > 0 {
                for lang in [CKB, UG] {
                    total[lang] -= harakat.min(3) as f64 * 1.5;
                }
                total[AR] += harakat.min(8) as f64 * 0.25;
            }
            for (t, v) in total.iter_mut().zip(keyboard_scores(text)) {
                *t += v;
            }
            let mut evidence = Vec::new();
            for word in &words {
                evidence.clear();
                word_evidence(word, &mut evidence);
                for &(lang, v) in &evidence {
                    total[lang] += v;
                }
            }
            total[FA] += 3.0 * persian_zwnj_affixes(text) as f64;
            total
        }

        pub fn lone_function_word(text: &[char]) -> bool {
            match words(text).as_slice() {
                [word] => function_word(&bare(word)).is_some(),
                _ => false,
            }
        }

        pub fn letter_count(text: &[char]) -> usize {
            text.iter()
                .filter(|&&c| {
                    ('\u{0600}'..='\u{06FF}').contains(&c) && general_category(c) == Gc::Lo
                })
                .count()
        }

        pub fn arabic_script_letters(text: &[char]) -> usize {
            text.iter().filter(|&&c| is_arabic_script_letter(c)).count()
        }

        pub fn foreign_letters(text: &[char], lang: &str) -> usize {
            let index = LANGUAGES.iter().position(|&l| l == lang);
            let own = COMMON_BIT | KEYBOARD_BIT | index.map_or(0, |i| 1 << i);
            text.iter()
                .filter(|&&c| is_arabic_script_letter(c) && flags(c) & own == 0)
                .count()
        }

        pub fn priors(text: &[char]) -> [f64; 12] {
            let mut out = PRIOR;
            let without_own = words(text)
                .iter()
                .filter(|w| !w.iter().any(|&c| flags(c) & PASHTO_BIT != 0))
                .count();
            out[PS] += without_own as f64 * absent_own_per_word();
            out
        }
    }

    /// Texts of the letters, marks and words every kind of evidence reads,
    /// and of what cuts or ends a word.
    fn mixed_texts(count: usize) -> Vec<Vec<char>> {
        let pieces = [
            "ي",
            "ك",
            "ی",
            "ک",
            "ى",
            "ب",
            "ه",
            "ئی",
            "ال",
            "کتاب",
            "است",
            "كه",
            "دی",
            "می\u{200C}",
            "\u{200C}های",
            "\u{200C}",
            "\u{200D}",
            "ښ",
            "ہ",
            "ے",
            "ڠ",
            "ݜ",
            "\u{064E}",
            "\u{0651}",
            "\u{0670}",
            "\u{0640}",
            " ",
            "  ",
            "\n",
            "\u{1C}",
            "a",
            "Word",
            "1",
            "۱",
            "،",
            ".",
            "د",
            "۾",
            "التي",
            "\u{08A0}",
            "\u{FB50}",
            "\u{FEFB}",
            "ڋ",
            "\u{0653}",
            "\u{0300}",
            "\u{201C}",
            "«",
            "(",
            "é",
            "\u{00AD}",
            "\u{0600}",
            "\u{FE8F}",
        ];
        crate::generated_texts(&pieces, 0x2545_F491_4F6C_DD1D, 10, count)
    }

    #[test]
    fn one_pass_reads_what_the_passes_read() {
        let all: Vec<usize> = (0..12).collect();
        for text in mixed_texts(20_000) {
            let (got, want) = (scores(&text), plain::scores(&text));
            // The same bits: the sums are made in the same order.
            assert_eq!(got.map(f64::to_bits), want.map(f64::to_bits), "{text:?}");
            assert_eq!(priors(&text), plain::priors(&text), "{text:?}");
            assert_eq!(letter_count(&text), plain::letter_count(&text), "{text:?}");
            let r = read(&text);
            assert_eq!(r.letter_count, plain::letter_count(&text), "{text:?}");
            let lone = plain::lone_function_word(&text);
            assert_eq!(lone_function_word(&text), lone, "{text:?}");
            let letters = plain::arabic_script_letters(&text);
            for (lang, name) in LANGUAGES.iter().enumerate() {
                let bad = plain::foreign_letters(&text, name);
                let expected = bad >= FOREIGN_MIN && bad as f64 >= FOREIGN_SHARE * letters as f64;
                assert_eq!(r.foreign(lang), expected, "{text:?} {name}");
            }
            // The guess as it was made from the passes, of the text unshaped.
            let g = guess(&text, &all);
            assert_eq!(g.unshaped, unshape_if_shaped(&text), "{text:?}");
            let unshaped = unshape_if_shaped(&text).unwrap_or_else(|| text.clone());
            if plain::letter_count(&unshaped) >= 2 || plain::lone_function_word(&unshaped) {
                assert_eq!(g.scores, plain::scores(&unshaped).to_vec(), "{text:?}");
            } else {
                assert!(g.scores.is_empty() && g.lang.is_none(), "{text:?}");
            }
        }
    }
}
