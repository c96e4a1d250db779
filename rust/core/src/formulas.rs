//! The screen of `mixscript.lang.formulas`: whether a text may hold a formula.
//!
//! Formulas (the basmala and the like) are searched for on folded copies of
//! a text, by patterns in Python: one search over the Arabic-script fold,
//! one over the Latin fold.  Every line the tagger reads is searched, and few
//! hold a formula, so each search is preceded by a screen that rules most
//! texts out, in one pass here:
//!
//! * **Arabic**: the text has a character of the Arabic blocks, and either a
//!   character that folds to letters of its own (a presentation form, a
//!   formula ligature: *shaped*), or one of the *chains*: a folded word of a
//!   formula written letter by letter, each letter one of a class of
//!   characters (the letter and the variants that fold to it), with only
//!   *filler* characters between two letters.  The chains are followed
//!   from every start at once as the text is read, a letter reached staying
//!   open across filler, so the screen holds exactly the texts in which the
//!   regular expression `letter (filler* letter)*` of some chain is found.
//!   That search is worked out once, when the chains are given, as an
//!   automaton whose states are the sets of chains begun ([`Automaton`]):
//!   reading a character is then one look-up in its table, where following
//!   each chain begun took a loop over them for most letters of an Arabic
//!   text (the chains' letters are the commonest ones).
//! * **Latin**: the text has a Latin letter, and its Latin fold holds every
//!   one of the *literals* of at least one pattern (the stretches of plain
//!   letters every match of that pattern holds).
//!
//! A text the screen lets through in Arabic is then searched here
//! ([`Screen::search`]): folded character by character, forwards and
//! reversed (visual order), and each Arabic form of each formula looked for
//! in the fold, as its words with any spaces between them, neither after
//! nor before a word character.
//!
//! Nothing here knows a Unicode property or a formula.  Python computes
//! from the formula registry and its fold rules the chains and literals
//! ([`Screen::new`]), the folded words of each form ([`Screen::with_forms`])
//! and, per block of [`BLOCK`] code points, each code point's flags, Latin
//! fold and Arabic fold ([`Screen::add_block`]).  Blocks are handed
//! over when a text first needs them: [`Screen::screen`] names those it
//! lacks, so a program pays for the few blocks its texts use instead of
//! all of Unicode.  Texts are code points (`u32`), so that a string with
//! lone surrogates is screened as Python sees it.

use std::fmt;

/// Code points per block of per-character data.
pub const BLOCK: usize = 256;
const BLOCKS: usize = 0x11_0000 / BLOCK;

/// Flag: the character is in the Arabic blocks (a text without one is not searched in Arabic).
pub const ARABIC: u8 = 1;
/// Flag: the character is a Latin letter (a text without one is not searched in Latin).
pub const LATIN: u8 = 2;
/// Flag: the character folds to letters of its own (a text with one is searched in Arabic).
pub const SHAPED: u8 = 4;
/// Flag: the character may stand between two letters of a chain.
pub const FILLER: u8 = 8;
/// Flag: a word character (`\w`): an Arabic form neither starts right
/// after one in the fold nor ends right before one.
pub const WORD: u8 = 16;
/// Flag: a mark that belongs to the letter before it (a nonspacing mark, a
/// harakat presentation form): a match takes those that follow its last letter.
pub const MARK: u8 = 32;

/// Why data handed to a [`Screen`] was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataError {
    /// A chain without letters, or a letter class without characters.
    EmptyChain,
    /// More distinct letter classes than [`MAX_CLASSES`].
    TooManyClasses,
    /// A block number past the last code point.
    NoSuchBlock(u32),
    /// Block data that is not one entry per code point of a block.
    BlockLength,
    /// A Latin fold of a character longer than 255 bytes.
    LongFold,
    /// Chains whose automaton would have more than [`MAX_TABLE`] entries.
    TooManyStates,
}

impl fmt::Display for DataError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DataError::EmptyChain => write!(f, "a chain and each of its letters need characters"),
            DataError::TooManyClasses => write!(f, "at most {MAX_CLASSES} distinct letter classes"),
            DataError::NoSuchBlock(b) => write!(f, "no block {b} (blocks are 0..{BLOCKS})"),
            DataError::BlockLength => write!(f, "block data needs {BLOCK} entries of each kind"),
            DataError::LongFold => write!(f, "a character's fold must be at most 255 bytes"),
            DataError::TooManyStates => {
                write!(
                    f,
                    "the chains' automaton needs more than {MAX_TABLE} entries"
                )
            }
        }
    }
}

impl std::error::Error for DataError {}

/// The most distinct letter classes the chains may use (one bit each).
pub const MAX_CLASSES: usize = 128;

/// The most entries (states times symbols) of the chains' automaton.
///
/// Chains whose letter classes do not overlap (the formulas' own: a letter
/// and the variants that fold to it) have at most one state per node of
/// their trie, as the automaton of a set of words has; overlapping classes
/// can need more, and the bound keeps that from taking all memory.
pub const MAX_TABLE: usize = 1 << 18;

/// What [`Screen::search`] finds in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Search {
    /// The Arabic forms found (start, end in the text's code points, the
    /// formula's index), and whether the Latin search may find one.
    Known { arabic: Vec<Hit>, latin: bool },
    /// The text or its fold has characters of these blocks, whose data is not there yet.
    Missing(Vec<u32>),
}

/// An Arabic form of a formula found in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    /// The formula's index, as [`Screen::with_forms`] was given it.
    pub formula: usize,
}

/// An Arabic form of a formula: its folded words.
#[derive(Debug, Clone)]
struct Form {
    formula: usize,
    words: Vec<Vec<u32>>,
}

/// What the screen says of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// Whether the Arabic and the Latin search may find a formula.
    Known { arabic: bool, latin: bool },
    /// The text has characters of these blocks, whose data is not there yet.
    Missing(Vec<u32>),
}

/// One code point's data.
#[derive(Debug, Clone, Copy, Default)]
struct Entry {
    flags: u8,
    /// The length of its Latin fold.
    len: u8,
    /// Its symbol in the chains' automaton: an index in `Screen::symbols`.
    symbol: u32,
    /// A fold of one byte is that byte; a longer one is kept in `Screen::folds` from here.
    fold: u32,
    /// The Arabic fold: the character itself, or `arabic_len` code points
    /// kept in `Screen::arabic_folds` from `arabic`.
    same: bool,
    arabic_len: u8,
    arabic: u32,
}

/// A node of the trie of chains: the letter classes that may follow, and
/// whether a chain ends here.
#[derive(Debug, Default)]
struct Node {
    children: Vec<(u32, usize)>,
    /// The classes of `children`, one bit each: a quick test before the list.
    classes: u128,
    end: bool,
}

/// The chains open after one more character, read with the chains `open`
/// (trie nodes, never the root, reached by a letter and any filler after
/// it), or None when a chain ends at it.
///
/// A chain may start at any character; the nodes reached stay open across
/// filler, and a letter that is in a class that follows an open node (or
/// the root) leads on to that child; any other character closes them.
/// This is the search of each chain as the pattern `letter (filler*
/// letter)*`, for all starts at once.  `classes` are those of the
/// character, one bit each.  The nodes come sorted, without repeats: one
/// set of chains begun is one list.
fn step(nodes: &[Node], open: &[usize], classes: u128, filler: bool) -> Option<Vec<usize>> {
    let mut next = Vec::new();
    if classes != 0 {
        for &node in std::iter::once(&0).chain(open) {
            let node = &nodes[node];
            if classes & node.classes == 0 {
                continue;
            }
            for &(class, child) in &node.children {
                if (classes >> class) & 1 == 1 {
                    if nodes[child].end {
                        return None;
                    }
                    next.push(child);
                }
            }
        }
    }
    if filler {
        next.extend_from_slice(open);
    }
    next.sort_unstable();
    next.dedup();
    Some(next)
}

/// The chains' search as a deterministic automaton: a state is a set of
/// chains begun ([`step`]'s `open`), a symbol what [`step`] asks of a
/// character (its set of letter classes and whether it is filler).
///
/// The states are those reachable from none begun, found by following
/// every symbol from each; a chain's end leads to a state of its own that
/// no symbol leaves.  A state is kept as the offset of its row in the
/// table, so that reading a character is `table[state + symbol]`.
///
/// The symbols are only those the characters given so far have: a letter
/// that is also filler can keep any chain begun open, and the automaton
/// of every such symbol, which no character may have, can be far larger.
#[derive(Debug)]
struct Automaton {
    table: Vec<u32>,
    /// The state after a chain has ended.
    found: u32,
}

impl Automaton {
    /// No chain begun.
    const START: u32 = 0;

    /// The automaton of the trie `nodes` over `symbols`: for each, its set
    /// of letter classes (an index in `masks`) and whether it is filler.
    fn new(nodes: &[Node], masks: &[u128], symbols: &[(u16, bool)]) -> Result<Self, DataError> {
        let width = symbols.len();
        // The states' sets of chains begun, by row; row 1 is the chains'
        // end, whose set is never looked at.
        let mut sets: Vec<Vec<usize>> = vec![Vec::new(), Vec::new()];
        let mut rows: std::collections::HashMap<Vec<usize>, u32> =
            std::collections::HashMap::from([(Vec::new(), 0)]);
        let found = width as u32;
        let mut table: Vec<u32> = Vec::new();
        let mut row = 0;
        while row < sets.len() {
            if row == 1 {
                table.extend(std::iter::repeat_n(found, width));
                row += 1;
                continue;
            }
            for &(mask, filler) in symbols {
                let next = match step(nodes, &sets[row], masks[usize::from(mask)], filler) {
                    None => found,
                    Some(next) => match rows.get(&next) {
                        Some(&state) => state,
                        None => {
                            if (sets.len() + 1) * width > MAX_TABLE {
                                return Err(DataError::TooManyStates);
                            }
                            let state = (sets.len() * width) as u32;
                            rows.insert(next.clone(), state);
                            sets.push(next);
                            state
                        }
                    },
                };
                table.push(next);
            }
            row += 1;
        }
        Ok(Automaton { table, found })
    }
}

/// The screen: see the module documentation.
#[derive(Debug)]
pub struct Screen {
    /// The characters of the letter classes, sorted, with the index in
    /// `masks` of the classes each is in.
    letters: Vec<(u32, u16)>,
    /// Sets of letter classes, one bit per class; the first is empty.
    masks: Vec<u128>,
    /// The trie of chains; the root is node 0.
    nodes: Vec<Node>,
    /// The symbols of the characters given so far (the first: no letter,
    /// no filler), and the search of the chains over them.
    symbols: Vec<(u16, bool)>,
    chains: Automaton,
    /// Per Latin pattern, the literals its every match holds; None: every text is searched.
    literals: Option<Vec<Vec<Vec<u8>>>>,
    blocks: Vec<Option<Box<[Entry; BLOCK]>>>,
    folds: Vec<u8>,
    /// The Arabic forms, in the order they are tried at each position.
    forms: Vec<Form>,
    /// Each form's first letter with its index in `forms`, sorted by the
    /// letter (and by the index for one letter): a position is tried only
    /// where one is, and only with the forms that start with its letter.
    by_first: Vec<(u32, usize)>,
    /// The first letters, one bit each (bit `cp % 64` of word `cp / 64`):
    /// most word starts of a text start no form, and are turned away by
    /// one look-up instead of a search through the forms.
    first_bits: Vec<u64>,
    arabic_folds: Vec<u32>,
}

impl Screen {
    /// A screen for the `chains` (each a word, each letter of it the
    /// characters of its class) and the Latin `literals` (per pattern, the
    /// literals every match holds; None when some pattern has none), with no
    /// block data yet.
    pub fn new(chains: &[Vec<&str>], literals: Option<&[Vec<&str>]>) -> Result<Self, DataError> {
        let mut classes: Vec<Vec<u32>> = Vec::new();
        let mut nodes = vec![Node::default()];
        for chain in chains {
            if chain.is_empty() {
                return Err(DataError::EmptyChain);
            }
            let mut node = 0;
            for letter in chain {
                let mut class: Vec<u32> = letter.chars().map(u32::from).collect();
                class.sort_unstable();
                class.dedup();
                if class.is_empty() {
                    return Err(DataError::EmptyChain);
                }
                let id = match classes.iter().position(|c| *c == class) {
                    Some(id) => id,
                    None if classes.len() < MAX_CLASSES => {
                        classes.push(class);
                        classes.len() - 1
                    }
                    None => return Err(DataError::TooManyClasses),
                } as u32;
                let found = nodes[node].children.iter().find(|&&(c, _)| c == id);
                node = match found {
                    Some(&(_, child)) => child,
                    None => {
                        nodes.push(Node::default());
                        let child = nodes.len() - 1;
                        nodes[node].children.push((id, child));
                        nodes[node].classes |= 1 << id;
                        child
                    }
                };
            }
            nodes[node].end = true;
        }
        let mut bits: Vec<(u32, u128)> = Vec::new();
        for (id, class) in classes.iter().enumerate() {
            for &cp in class {
                match bits.iter_mut().find(|(c, _)| *c == cp) {
                    Some((_, b)) => *b |= 1 << id,
                    None => bits.push((cp, 1 << id)),
                }
            }
        }
        bits.sort_unstable();
        let mut masks = vec![0u128];
        let mut letters = Vec::with_capacity(bits.len());
        for (cp, mask) in bits {
            let index = masks.iter().position(|&m| m == mask).unwrap_or_else(|| {
                masks.push(mask);
                masks.len() - 1
            });
            // Distinct sets of classes: at most one per character of the classes.
            let index = u16::try_from(index).map_err(|_| DataError::TooManyClasses)?;
            letters.push((cp, index));
        }
        let symbols = vec![(0, false)];
        let chains = Automaton::new(&nodes, &masks, &symbols)?;
        let literals: Option<Vec<Vec<Vec<u8>>>> = literals.map(|patterns| {
            patterns
                .iter()
                .map(|lits| lits.iter().map(|lit| lit.as_bytes().to_vec()).collect())
                .collect()
        });
        Ok(Screen {
            letters,
            masks,
            nodes,
            symbols,
            chains,
            literals,
            blocks: vec![None; BLOCKS],
            folds: Vec::new(),
            forms: Vec::new(),
            by_first: Vec::new(),
            first_bits: Vec::new(),
            arabic_folds: Vec::new(),
        })
    }

    /// The screen with the Arabic forms [`Screen::search`] looks for: per
    /// form, the index of its formula and its folded words, in the order
    /// they are tried at each position of a text.  A form without words is
    /// refused.
    pub fn with_forms(mut self, forms: &[(usize, Vec<&str>)]) -> Result<Self, DataError> {
        self.forms = forms
            .iter()
            .map(|(formula, words)| {
                let words: Vec<Vec<u32>> = (words.iter())
                    .map(|w| w.chars().map(u32::from).collect::<Vec<u32>>())
                    .filter(|w| !w.is_empty())
                    .collect();
                if words.is_empty() {
                    return Err(DataError::EmptyChain);
                }
                Ok(Form {
                    formula: *formula,
                    words,
                })
            })
            .collect::<Result<_, _>>()?;
        self.by_first = (self.forms.iter().enumerate())
            .map(|(k, form)| (form.words[0][0], k))
            .collect();
        self.by_first.sort_unstable();
        self.first_bits = Vec::new();
        for &(first, _) in &self.by_first {
            let word = first as usize / 64;
            if word >= self.first_bits.len() {
                self.first_bits.resize(word + 1, 0);
            }
            self.first_bits[word] |= 1 << (first % 64);
        }
        Ok(self)
    }

    /// Give the data of the code points `block * BLOCK ..`: each one's flags
    /// ([`ARABIC`], [`LATIN`], [`SHAPED`], [`FILLER`], [`WORD`], [`MARK`]),
    /// Latin fold and Arabic fold (`None`: the character itself).
    /// Giving a block again replaces it.  A block whose characters are
    /// symbols of the chains' automaton it does not have yet extends it
    /// ([`DataError::TooManyStates`] if that makes it too large).
    pub fn add_block(
        &mut self,
        block: u32,
        flags: &[u8],
        folds: &[&str],
        arabic: &[Option<&str>],
    ) -> Result<(), DataError> {
        if block as usize >= BLOCKS {
            return Err(DataError::NoSuchBlock(block));
        }
        if flags.len() != BLOCK || folds.len() != BLOCK || arabic.len() != BLOCK {
            return Err(DataError::BlockLength);
        }
        let mut entries = Box::new([Entry::default(); BLOCK]);
        let mut symbols = self.symbols.clone();
        let first = block * BLOCK as u32;
        for (k, (entry, ((&flags, fold), arabic))) in
            (entries.iter_mut().zip(flags.iter().zip(folds).zip(arabic))).enumerate()
        {
            let len = u8::try_from(fold.len()).map_err(|_| DataError::LongFold)?;
            let fold = match fold.as_bytes() {
                [byte] => u32::from(*byte),
                bytes => self.keep_fold(bytes),
            };
            let cp = first + k as u32;
            let letter = match self.letters.binary_search_by_key(&cp, |&(c, _)| c) {
                Ok(i) => self.letters[i].1,
                Err(_) => 0,
            };
            let key = (letter, flags & FILLER != 0);
            let symbol = match symbols.iter().position(|&s| s == key) {
                Some(symbol) => symbol,
                None => {
                    symbols.push(key);
                    symbols.len() - 1
                }
            } as u32;
            let (same, arabic_len, arabic) = match arabic {
                None => (true, 0, 0),
                Some(s) => {
                    let at = self.arabic_folds.len() as u32;
                    self.arabic_folds.extend(s.chars().map(u32::from));
                    let n = self.arabic_folds.len() - at as usize;
                    (false, u8::try_from(n).map_err(|_| DataError::LongFold)?, at)
                }
            };
            *entry = Entry {
                flags,
                len,
                symbol,
                fold,
                same,
                arabic_len,
                arabic,
            };
        }
        if symbols.len() > self.symbols.len() {
            self.chains = Automaton::new(&self.nodes, &self.masks, &symbols)?;
            self.symbols = symbols;
        }
        self.blocks[block as usize] = Some(entries);
        Ok(())
    }

    /// Where a fold of other than one byte is kept.
    fn keep_fold(&mut self, fold: &[u8]) -> u32 {
        let at = self.folds.len();
        self.folds.extend_from_slice(fold);
        // Each code point adds at most 255 bytes: far from the bound.
        at as u32
    }

    fn entry(&self, cp: u32) -> Option<&Entry> {
        let block = self.blocks.get(cp as usize / BLOCK)?.as_ref()?;
        Some(&block[cp as usize % BLOCK])
    }

    /// Whether each search may find a formula in `text` (its code points),
    /// or the blocks whose data it needs first.
    ///
    /// One pass gathers each character's flags and follows the chains, a
    /// table look-up per character; a text with a Latin letter is then
    /// folded in a second pass for the Latin literals, which a text without
    /// one (most Arabic runs) never needs.
    pub fn screen(&self, text: &[u32]) -> Verdict {
        let mut flags = 0u8;
        let mut state = Automaton::START;
        let table = &self.chains.table;
        for &cp in text {
            let Some(e) = self.entry(cp) else {
                return Verdict::Missing(self.missing(text));
            };
            flags |= e.flags;
            state = table[(state + e.symbol) as usize];
        }
        let arabic = flags & ARABIC != 0 && (flags & SHAPED != 0 || state == self.chains.found);
        let latin = flags & LATIN != 0 && self.has_literals(text);
        Verdict::Known { arabic, latin }
    }

    /// The Arabic forms found in `text` (its code points) and whether the
    /// Latin search may find one, or the blocks whose data the text or its
    /// Arabic fold needs first.
    ///
    /// A text the screen turns away in Arabic is not searched.  One that it
    /// lets through is searched in its fold, then in the fold of the text
    /// reversed character by character (which puts a line in visual order
    /// back in reading order); the hits of each search are in order, those
    /// of the reversed text given in the text's own offsets.
    pub fn search(&self, text: &[u32]) -> Search {
        let (arabic, latin) = match self.screen(text) {
            Verdict::Missing(blocks) => return Search::Missing(blocks),
            Verdict::Known { arabic, latin } => (arabic, latin),
        };
        let mut hits = Vec::new();
        if arabic {
            let n = text.len();
            let mut folded = Vec::with_capacity(n);
            if let Err(blocks) = self.hits(n, |k| text[k], &mut folded, &mut hits) {
                return Search::Missing(blocks);
            }
            // The reversed text is read in place, from its end.
            let mut backward = Vec::new();
            if let Err(blocks) = self.hits(n, |k| text[n - 1 - k], &mut folded, &mut backward) {
                return Search::Missing(blocks);
            }
            hits.extend(backward.into_iter().map(|h| Hit {
                start: n - h.end,
                end: n - h.start,
                formula: h.formula,
            }));
        }
        Search::Known {
            arabic: hits,
            latin,
        }
    }

    /// Where a match ending before `stop` ends once the marks that follow
    /// its last letter are taken in: `stop` moved past them, in a text of
    /// `n` characters, the `k`th being `char_at(k)`.
    fn past_marks(&self, mut stop: usize, n: usize, char_at: impl Fn(usize) -> u32) -> usize {
        while stop < n
            && self
                .entry(char_at(stop))
                .is_some_and(|e| e.flags & MARK != 0)
        {
            stop += 1;
        }
        stop
    }

    /// The Arabic forms in the fold of a text of `n` characters, the `k`th
    /// being `char_at(k)`, leftmost first, without overlaps: at each
    /// position the forms are tried in order, and the first that matches is
    /// taken; the next search starts after it.  Offsets are of the text; a
    /// match ends after the marks that follow its last letter.  The hits go
    /// to `found`; `folded` is room for the fold, whatever it holds.
    fn hits(
        &self,
        n: usize,
        char_at: impl Fn(usize) -> u32,
        folded: &mut Vec<Folded>,
        found: &mut Vec<Hit>,
    ) -> Result<(), Vec<u32>> {
        folded.clear();
        let mut missing: Vec<u32> = Vec::new();
        for k in 0..n {
            let cp = char_at(k);
            let Some(e) = self.entry(cp) else {
                // The screen has read every character: not reached.
                missing.push(cp / BLOCK as u32);
                continue;
            };
            if e.same {
                folded.push(Folded {
                    cp,
                    source: k,
                    word: e.flags & WORD != 0,
                });
                continue;
            }
            let from = e.arabic as usize;
            for &cp in &self.arabic_folds[from..from + usize::from(e.arabic_len)] {
                let word = match self.entry(cp) {
                    Some(e) => e.flags & WORD != 0,
                    None => {
                        let block = cp / BLOCK as u32;
                        if !missing.contains(&block) {
                            missing.push(block);
                        }
                        false
                    }
                };
                folded.push(Folded {
                    cp,
                    source: k,
                    word,
                });
            }
        }
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut i = 0;
        while i < folded.len() {
            if i > 0 && folded[i - 1].word {
                i += 1;
                continue;
            }
            // A form is tried where its first letter is.
            let first = folded[i].cp;
            if !self.starts_a_form(first) {
                i += 1;
                continue;
            }
            // The forms that start with it, in their order.
            let from = self.by_first.partition_point(|&(f, _)| f < first);
            let matched = (self.by_first[from..].iter())
                .take_while(|&&(f, _)| f == first)
                .find_map(|&(_, k)| {
                    let form = &self.forms[k];
                    let end = form_at(folded, i, &form.words)?;
                    (end == folded.len() || !folded[end].word).then_some((end, form.formula))
                });
            match matched {
                Some((end, formula)) => {
                    let stop = self.past_marks(folded[end - 1].source + 1, n, &char_at);
                    found.push(Hit {
                        start: folded[i].source,
                        end: stop,
                        formula,
                    });
                    i = end;
                }
                None => i += 1,
            }
        }
        Ok(())
    }

    /// Whether some form starts with `cp` ([`Screen::first_bits`]).
    fn starts_a_form(&self, cp: u32) -> bool {
        (self.first_bits.get(cp as usize / 64)).is_some_and(|&bits| (bits >> (cp % 64)) & 1 == 1)
    }

    /// The blocks of `text`'s characters that have no data yet, each once,
    /// in the order they come.  Apart from the screen's loop, which then
    /// keeps its state in registers.
    #[cold]
    fn missing(&self, text: &[u32]) -> Vec<u32> {
        let mut missing: Vec<u32> = Vec::new();
        for &cp in text {
            let block = cp / BLOCK as u32;
            if self.entry(cp).is_none() && !missing.contains(&block) {
                missing.push(block);
            }
        }
        missing
    }

    /// Whether the Latin fold of `text` (every character of which has its
    /// block's data) holds every literal of some pattern.
    fn has_literals(&self, text: &[u32]) -> bool {
        let Some(patterns) = &self.literals else {
            return true;
        };
        // A fold of at most one byte (nearly every one) is written without a
        // branch on its length: its byte goes in at the end, which its length
        // (0 or 1) then moves on.  The buffer keeps a byte of room for each
        // character still to come, and one more.
        let mut folded = vec![0u8; text.len() + 1];
        let mut end = 0;
        for (k, e) in text.iter().filter_map(|&cp| self.entry(cp)).enumerate() {
            if e.len <= 1 {
                folded[end] = e.fold as u8;
                end += usize::from(e.len);
            } else {
                folded.truncate(end);
                folded.extend_from_slice(&self.folds[e.fold as usize..][..usize::from(e.len)]);
                end = folded.len();
                folded.resize(end + text.len() - k, 0);
            }
        }
        folded.truncate(end);
        (patterns.iter()).any(|lits| lits.iter().all(|lit| contains(&folded, lit)))
    }
}

/// Which of the formulas found in a text (`spans`: start, end) are kept,
/// as indexes of `spans` in the text's order: the spans are taken by their
/// start, the longer first where two start together (and in the order
/// given where they are as long), and one that starts before the end of the
/// last kept is dropped.  Forms found in both directions of a text, and
/// transliterations, overlap; the longest leftmost wins.
pub fn kept(spans: &[(usize, usize)]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    // A stable sort: equal keys keep the order given.
    order.sort_by_key(|&i| {
        let (start, end) = spans[i];
        (start, std::cmp::Reverse(end.saturating_sub(start)))
    });
    let mut out: Vec<usize> = Vec::with_capacity(order.len());
    for i in order {
        if out.last().is_some_and(|&last| spans[i].0 < spans[last].1) {
            continue;
        }
        out.push(i);
    }
    out
}

/// A character of a text's Arabic fold: its code point, the character of
/// the text it comes from, and whether it is a word character.
#[derive(Debug, Clone, Copy)]
struct Folded {
    cp: u32,
    source: usize,
    word: bool,
}

/// The end of `words` in `folded` from `at`, with any spaces between two
/// words, or None when they are not there.
fn form_at(folded: &[Folded], at: usize, words: &[Vec<u32>]) -> Option<usize> {
    let mut pos = at;
    for (k, word) in words.iter().enumerate() {
        if k > 0 {
            while folded.get(pos).is_some_and(|f| f.cp == u32::from(' ')) {
                pos += 1;
            }
        }
        // Compared in line: a word is a few letters, too short for memcmp.
        let there = folded.get(pos..pos + word.len())?;
        if there.iter().zip(word).any(|(a, b)| a.cp != *b) {
            return None;
        }
        pos += word.len();
    }
    Some(pos)
}

/// Whether `needle` occurs in `haystack` (the empty needle everywhere).
///
/// The starts are tried 32 at a time: first whether any of them has the
/// needle's first and last byte in place (a loop the compiler turns into
/// vector instructions), and only then one by one.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    const LANES: usize = 32;
    let (Some(&first), Some(&last)) = (needle.first(), needle.last()) else {
        return true;
    };
    let Some(starts) = (haystack.len() + 1).checked_sub(needle.len()) else {
        return false;
    };
    let heads = &haystack[..starts];
    let tails = &haystack[needle.len() - 1..];
    // Whether the needle starts at `i`: its first and last bytes, then the
    // ones between, compared here (a needle is a few letters, too short to
    // be worth a call to memcmp).
    let middle = &needle[1..needle.len().max(2) - 1];
    let at = |i: usize| {
        haystack[i] == first
            && haystack[i + needle.len() - 1] == last
            && (haystack[i + 1..].iter().zip(middle)).all(|(a, b)| a == b)
    };
    let mut chunks = heads.chunks_exact(LANES).zip(tails.chunks_exact(LANES));
    let mut base = 0;
    for (h, t) in &mut chunks {
        let hit = h
            .iter()
            .zip(t)
            .fold(false, |acc, (&a, &b)| acc | ((a == first) & (b == last)));
        if hit && (base..base + LANES).any(at) {
            return true;
        }
        base += LANES;
    }
    (base..starts).any(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cps(s: &str) -> Vec<u32> {
        crate::test_chars(s).into_iter().map(u32::from).collect()
    }

    /// A screen over ASCII alone, its data written by hand: upper-case
    /// letters stand for "Arabic" letters, '~' and '.' are filler, '@' is
    /// shaped, lower-case letters are Latin and fold to themselves except
    /// 'z', which folds to "s", '-' and ' ' fold to nothing, the digits fold
    /// to the first two letters of their English names and everything else
    /// to '#'.
    fn ascii_screen(chains: &[Vec<&str>], literals: Option<&[Vec<&str>]>) -> Screen {
        let mut screen = Screen::new(chains, literals).unwrap();
        let names = ["ze", "on", "tw", "th", "fo", "fi", "si", "se", "ei", "ni"];
        let mut flags = [0u8; BLOCK];
        let mut folds: Vec<String> = Vec::new();
        for (cp, flag) in flags.iter_mut().enumerate() {
            let ch = char::from_u32(cp as u32).unwrap();
            let fold = match ch {
                'A'..='Z' => {
                    *flag = ARABIC;
                    "#".to_string()
                }
                '~' | '.' => {
                    *flag = FILLER;
                    "#".to_string()
                }
                '@' => {
                    *flag = ARABIC | SHAPED;
                    "#".to_string()
                }
                'z' => {
                    *flag = LATIN;
                    "s".to_string()
                }
                'a'..='y' => {
                    *flag = LATIN;
                    ch.to_string()
                }
                '-' | ' ' => String::new(),
                '0'..='9' => names[cp - '0' as usize].to_string(),
                _ => "#".to_string(),
            };
            folds.push(fold);
        }
        let folds: Vec<&str> = folds.iter().map(String::as_str).collect();
        screen.add_block(0, &flags, &folds, &[None; BLOCK]).unwrap();
        screen
    }

    fn verdict(screen: &Screen, text: &str) -> (bool, bool) {
        match screen.screen(&cps(text)) {
            Verdict::Known { arabic, latin } => (arabic, latin),
            Verdict::Missing(blocks) => panic!("blocks {blocks:?} missing for {text:?}"),
        }
    }

    #[test]
    fn chains_with_filler_between_letters_only() {
        let s = ascii_screen(&[vec!["A", "BX", "C"], vec!["A", "B"]], None);
        let arabic = |t: &str| verdict(&s, t).0;
        // "AB" is a chain of its own; "AXC" is the other (X in the class of its B),
        // but "AX" is not the first, whose B is a class of its own.
        assert!(arabic("AB"));
        assert!(arabic("QAXCQ"));
        assert!(!arabic("QAXQ"));
        assert!(arabic("A~.~B"));
        // Filler before the first letter does not count, and a non-filler breaks the chain.
        assert!(!arabic("A B"));
        assert!(!arabic("AQB"));
        assert!(!arabic("A"));
        assert!(!arabic("BA"));
        assert!(!arabic(""));
    }

    #[test]
    fn a_chain_that_ends_inside_another_and_backtracking() {
        // The class {A, D} and the class {D}: "AD" must try D as the second letter of
        // "AD" and "D" after A... with overlapping classes every branch is tried.
        let s = ascii_screen(&[vec!["AD", "D", "E"], vec!["AD", "AD", "F"]], None);
        let arabic = |t: &str| verdict(&s, t).0;
        assert!(arabic("ADE"));
        assert!(arabic("DDE"));
        assert!(arabic("AAF"));
        assert!(arabic("ADF")); // D as a member of {A, D} in the second chain
        assert!(arabic("A~D~F"));
        assert!(!arabic("ADG"));
        assert!(!arabic("EDA"));
    }

    #[test]
    fn a_filler_letter_may_end_the_filler_or_be_skipped() {
        // '.' is filler and also the second letter: ". ." (with filler between) and
        // "A..B" (where the first '.' may be filler or letter) both pass.
        let s = ascii_screen(&[vec!["A", ".", "B"]], None);
        let arabic = |t: &str| verdict(&s, t).0;
        assert!(arabic("A.B"));
        assert!(arabic("A~.~B"));
        assert!(arabic("A..B"));
        assert!(!arabic("AB")); // the '.' letter is required
        assert!(!arabic("A~~B"));
    }

    #[test]
    fn the_arabic_search_needs_an_arabic_character() {
        // '.' alone would spell the chain, but no character of the text is "Arabic".
        let s = ascii_screen(&[vec!["."]], None);
        assert_eq!(verdict(&s, "x.x"), (false, true));
        assert_eq!(verdict(&s, "Q.x"), (true, true));
        // A shaped character always sends the text to the Arabic search.
        let s = ascii_screen(&[vec!["Z", "Z"]], None);
        assert_eq!(verdict(&s, "Q@"), (true, false));
        assert_eq!(verdict(&s, "Q Z"), (false, false));
    }

    #[test]
    fn latin_literals_on_the_fold() {
        let s = ascii_screen(&[vec!["Z"]], Some(&[vec!["bis", "lah"], vec!["inon"]]));
        let latin = |t: &str| verdict(&s, t).1;
        assert!(latin("bis mil-lah"));
        assert!(latin("xxlahbisxx"));
        assert!(!latin("bis mil"));
        assert!(!latin("bi+s lah")); // '+' folds to '#'
                                     // The fold is searched, not the text: "biz" folds to "bis", "in1" to "inon".
        assert!(latin("biz lah"));
        assert!(latin("in1"));
        assert!(!latin("bi lah"));
        assert!(!latin("INON")); // upper-case letters here fold to '#'
                                 // Without a Latin letter there is no Latin search, whatever the fold.
        let s = ascii_screen(&[vec!["Z"]], Some(&[vec!["on"]]));
        assert_eq!(verdict(&s, "1"), (false, false));
        assert_eq!(verdict(&s, "1x"), (false, true));
    }

    #[test]
    fn no_literals_means_every_text_with_a_latin_letter() {
        let s = ascii_screen(&[vec!["Z"]], None);
        assert_eq!(verdict(&s, "x"), (false, true));
        assert_eq!(verdict(&s, "1 2"), (false, false));
        let s = ascii_screen(&[vec!["Z"]], Some(&[vec![]]));
        assert_eq!(verdict(&s, "x"), (false, true));
    }

    #[test]
    fn missing_blocks_are_named_once() {
        let s = ascii_screen(&[vec!["A"]], None);
        assert_eq!(
            s.screen(&cps("a\u{0628}\u{0629}b\u{10FFFF}")),
            Verdict::Missing(vec![6, 0x10FF])
        );
        // A lone surrogate is a code point like any other.
        assert_eq!(s.screen(&[0x61, 0xD800]), Verdict::Missing(vec![0xD8]));
    }

    #[test]
    fn blocks_beyond_ascii() {
        let mut s = Screen::new(&[vec!["\u{0627}\u{0623}", "\u{0644}"]], None).unwrap();
        let mut flags = [ARABIC; BLOCK];
        flags[0x40] |= FILLER; // tatweel
        let folds = vec!["#"; BLOCK];
        s.add_block(6, &flags, &folds, &[None; BLOCK]).unwrap();
        s.add_block(0, &[0; BLOCK], &[""; BLOCK], &[None; BLOCK])
            .unwrap();
        let arabic = |t: &str| matches!(s.screen(&cps(t)), Verdict::Known { arabic: true, .. });
        assert!(arabic("\u{0623}\u{0640}\u{0644}"));
        assert!(arabic("x \u{0627}\u{0644}"));
        assert!(!arabic("\u{0644}\u{0627}"));
        assert_eq!(
            s.add_block(BLOCKS as u32, &flags, &folds, &[None; BLOCK]),
            Err(DataError::NoSuchBlock(BLOCKS as u32))
        );
        assert_eq!(
            s.add_block(1, &flags[1..], &folds, &[None; BLOCK]),
            Err(DataError::BlockLength)
        );
    }

    #[test]
    fn refused_data() {
        assert_eq!(
            Screen::new(&[vec![]], None).unwrap_err(),
            DataError::EmptyChain
        );
        assert_eq!(
            Screen::new(&[vec!["a", ""]], None).unwrap_err(),
            DataError::EmptyChain
        );
        let many: Vec<String> = (0..=MAX_CLASSES as u32)
            .map(|k| char::from_u32(0x4E00 + k).unwrap().to_string())
            .collect();
        let chain: Vec<&str> = many.iter().map(String::as_str).collect();
        assert_eq!(
            Screen::new(&[chain[..MAX_CLASSES].to_vec()], None).map(|_| ()),
            Ok(())
        );
        assert_eq!(
            Screen::new(&[chain], None).unwrap_err(),
            DataError::TooManyClasses
        );
    }

    #[test]
    fn an_automaton_too_large_is_refused_and_the_block_not_taken() {
        // "a" then 17 characters of {a, b}: the automaton must remember where
        // each of the last 17 a's was, one state per set of them.
        let mut chain = vec!["a"];
        chain.extend(["ab"; 17]);
        let mut s = Screen::new(&[chain], None).unwrap();
        let flags = [LATIN; BLOCK];
        let folds = [""; BLOCK];
        assert_eq!(
            s.add_block(0, &flags, &folds, &[None; BLOCK]),
            Err(DataError::TooManyStates)
        );
        assert_eq!(s.screen(&cps("ab")), Verdict::Missing(vec![0]));
        // Without the b's as letters of their own the automaton is small.
        let mut s = Screen::new(&[vec!["a"; 18]], None).unwrap();
        s.add_block(0, &flags, &folds, &[None; BLOCK]).unwrap();
        assert!(s.chains.table.len() <= 20 * s.symbols.len());
        assert_eq!(
            s.screen(&cps(&"a".repeat(18))),
            Verdict::Known {
                arabic: false,
                latin: true
            }
        );
    }

    /// The screen as it was, one pass following the chains' trie from each
    /// start at once, with the Latin fold made on the way: the oracle of
    /// the automaton.  It reads the letters' classes from the characters of
    /// the chains, not from the symbols of the blocks.
    fn walked_verdict(s: &Screen, text: &[u32]) -> Verdict {
        let mut flags = 0u8;
        let mut missing: Vec<u32> = Vec::new();
        let mut folded: Vec<u8> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut found = false;
        for &cp in text {
            let Some(e) = s.entry(cp) else {
                if !missing.contains(&(cp / BLOCK as u32)) {
                    missing.push(cp / BLOCK as u32);
                }
                continue;
            };
            flags |= e.flags;
            match e.len {
                0 => {}
                1 => folded.push(e.fold as u8),
                n => folded.extend_from_slice(&s.folds[e.fold as usize..][..usize::from(n)]),
            }
            let classes = match s.letters.binary_search_by_key(&cp, |&(c, _)| c) {
                Ok(i) => s.masks[usize::from(s.letters[i].1)],
                Err(_) => 0,
            };
            let filler = e.flags & FILLER != 0;
            if found || (classes == 0 && open.is_empty()) {
                continue;
            }
            if classes == 0 {
                if !filler {
                    open.clear();
                }
                continue;
            }
            let mut next: Vec<usize> = Vec::new();
            for &node in std::iter::once(&0).chain(&open) {
                for &(class, child) in &s.nodes[node].children {
                    if (classes >> class) & 1 == 1 {
                        found |= s.nodes[child].end;
                        if !next.contains(&child) {
                            next.push(child);
                        }
                    }
                }
            }
            if filler {
                for &node in &open {
                    if !next.contains(&node) {
                        next.push(node);
                    }
                }
            }
            open = next;
        }
        if !missing.is_empty() {
            return Verdict::Missing(missing);
        }
        let latin = flags & LATIN != 0
            && s.literals.as_ref().is_none_or(|patterns| {
                (patterns.iter()).any(|lits| lits.iter().all(|lit| contains(&folded, lit)))
            });
        Verdict::Known {
            arabic: flags & ARABIC != 0 && (flags & SHAPED != 0 || found),
            latin,
        }
    }

    #[test]
    fn the_automaton_says_what_walking_the_chains_says() {
        // Chains over two blocks: block 1 (from U+0100) is given after block 0
        // and brings symbols of its own (a letter that is filler, U+0110; a
        // letter in two classes, U+0101), which extend the automaton.
        let chain_sets: [&[Vec<&str>]; 5] = [
            &[vec!["A", "BX", "C"], vec!["A", "B"]],
            &[vec!["AD", "D", "E"], vec!["AD", "AD", "F"]],
            &[vec!["A", ".", "B"], vec!["B", ".", "A"]],
            &[
                vec!["A\u{100}", "\u{101}", "\u{110}", "B"],
                vec!["B", "\u{101}C", "A"],
                vec!["\u{110}", "\u{110}", "C"],
            ],
            &[
                vec!["A", "B", "A", "B", "C"],
                vec!["B", "A", "B"],
                vec!["A", "A"],
            ],
        ];
        let literals: [Option<&[Vec<&str>]>; 2] = [None, Some(&[vec!["bis", "lah"], vec!["on"]])];
        let pieces = [
            "A", "B", "C", "D", "E", "F", "X", "Q", "~", ".", "@", " ", "-", "1", "b", "i", "s",
            "l", "a", "h", "z", "o", "n", "\u{100}", "\u{101}", "\u{110}", "\u{111}", "\u{112}",
            "\u{0628}",
        ];
        let texts = crate::generated_texts(&pieces, 0x5EED_F0A1, 24, 4000);
        let mut passed = [0usize; 2];
        for chains in chain_sets {
            for lits in literals {
                let mut s = ascii_screen(chains, lits);
                let mut flags = [0u8; BLOCK];
                flags[0x00..=0x0F].fill(ARABIC | WORD);
                flags[0x10] = FILLER;
                flags[0x11] = FILLER | MARK;
                s.add_block(1, &flags, &["#"; BLOCK], &[None; BLOCK])
                    .unwrap();
                for text in &texts {
                    let text: Vec<u32> = text.iter().map(|&c| u32::from(c)).collect();
                    let verdict = s.screen(&text);
                    assert_eq!(verdict, walked_verdict(&s, &text), "{chains:?} {text:x?}");
                    if let Verdict::Known { arabic, latin } = verdict {
                        passed[0] += usize::from(arabic);
                        passed[1] += usize::from(latin);
                    }
                }
            }
        }
        // Both answers, in both searches, are among those compared.
        let total = texts.len() * chain_sets.len() * literals.len();
        assert!(
            passed
                .iter()
                .all(|&n| n > total / 20 && n < total * 19 / 20),
            "{passed:?} of {total}"
        );
    }

    /// A screen over ASCII for the search: upper-case letters stand for
    /// Arabic letters (word characters), 'v' is a variant of 'B' (it folds to
    /// it), '~' is filler folded to nothing, '^' a mark folded to nothing,
    /// tab and newline fold to a space, '@' is a ligature of the whole first
    /// form and '#' folds to a character of block 6; the forms are
    /// "BSM ALLH" (formula 0) and "ALLH" (formula 1).
    fn search_screen() -> Screen {
        let chains = [vec!["Bv", "S", "M"], vec!["M", "S", "Bv"]];
        screen_over_ascii(&chains, &[(0, vec!["BSM", "ALLH"]), (1, vec!["ALLH"])])
    }

    /// A screen of `chains` and `forms` over ASCII, its characters as
    /// [`search_screen`] describes them.
    fn screen_over_ascii(chains: &[Vec<&str>], forms: &[(usize, Vec<&str>)]) -> Screen {
        let mut screen = Screen::new(chains, None)
            .unwrap()
            .with_forms(forms)
            .unwrap();
        let mut flags = [0u8; BLOCK];
        let mut arabic: Vec<Option<&str>> = vec![None; BLOCK];
        for (cp, flag) in flags.iter_mut().enumerate() {
            let ch = char::from_u32(cp as u32).unwrap();
            (*flag, arabic[cp]) = match ch {
                'A'..='Z' => (ARABIC | WORD, None),
                'v' => (ARABIC | WORD, Some("B")),
                'a'..='z' | '0'..='9' | '_' => (LATIN | WORD, None),
                '~' => (FILLER, Some("")),
                '^' => (FILLER | MARK, Some("")),
                '\t' | '\n' => (0, Some(" ")),
                '@' => (ARABIC | SHAPED, Some("BSM ALLH")),
                '#' => (ARABIC | SHAPED, Some("\u{0628}")),
                _ => (0, None),
            };
        }
        screen.add_block(0, &flags, &["#"; BLOCK], &arabic).unwrap();
        screen
    }

    fn hits(screen: &Screen, text: &str) -> Vec<(usize, usize, usize)> {
        match screen.search(&cps(text)) {
            Search::Known { arabic, .. } => arabic
                .into_iter()
                .map(|h| (h.start, h.end, h.formula))
                .collect(),
            Search::Missing(blocks) => panic!("blocks {blocks:?} missing for {text:?}"),
        }
    }

    impl Screen {
        /// [`Screen::search`] as it was before the forms were looked up by
        /// their first letter: every position where a form's first letter
        /// is, the forms tried through in order.  The oracle of the test below.
        fn plain_search(&self, text: &[u32]) -> Search {
            let (arabic, latin) = match self.screen(text) {
                Verdict::Missing(blocks) => return Search::Missing(blocks),
                Verdict::Known { arabic, latin } => (arabic, latin),
            };
            let firsts: Vec<u32> = self.forms.iter().map(|form| form.words[0][0]).collect();
            let n = text.len();
            let mut out = Vec::new();
            if arabic {
                for backward in [false, true] {
                    let char_at = |k: usize| if backward { text[n - 1 - k] } else { text[k] };
                    let mut folded = Vec::new();
                    for k in 0..n {
                        let e = self.entry(char_at(k)).unwrap();
                        if e.same {
                            let word = e.flags & WORD != 0;
                            folded.push(Folded {
                                cp: char_at(k),
                                source: k,
                                word,
                            });
                            continue;
                        }
                        let from = e.arabic as usize;
                        for &cp in &self.arabic_folds[from..from + usize::from(e.arabic_len)] {
                            let Some(e) = self.entry(cp) else {
                                return Search::Missing(vec![cp / BLOCK as u32]);
                            };
                            let word = e.flags & WORD != 0;
                            folded.push(Folded {
                                cp,
                                source: k,
                                word,
                            });
                        }
                    }
                    let mut i = 0;
                    while i < folded.len() {
                        let first = folded[i].cp;
                        if (i > 0 && folded[i - 1].word) || !firsts.contains(&first) {
                            i += 1;
                            continue;
                        }
                        let matched = (self.forms.iter().zip(&firsts))
                            .filter(|&(_, &f)| f == first)
                            .find_map(|(form, _)| {
                                let end = form_at(&folded, i, &form.words)?;
                                (end == folded.len() || !folded[end].word)
                                    .then_some((end, form.formula))
                            });
                        let Some((end, formula)) = matched else {
                            i += 1;
                            continue;
                        };
                        let stop = self.past_marks(folded[end - 1].source + 1, n, char_at);
                        let (start, end_at) = (folded[i].source, stop);
                        out.push(if backward {
                            Hit {
                                start: n - end_at,
                                end: n - start,
                                formula,
                            }
                        } else {
                            Hit {
                                start,
                                end: end_at,
                                formula,
                            }
                        });
                        i = end;
                    }
                }
            }
            Search::Known { arabic: out, latin }
        }
    }

    #[test]
    fn forms_looked_up_by_first_letter_are_found_as_tried_in_order() {
        // Forms that share first letters, listed out of the letters' order,
        // and one that is the start of another: the order they are given in
        // decides at one position.
        let chains = [vec!["Bv", "S", "M"], vec!["M", "S", "Bv"], vec!["A", "L"]];
        let forms = [
            (0, vec!["BSM", "ALLH"]),
            (1, vec!["ALLH"]),
            (2, vec!["BS"]),
            (3, vec!["AL"]),
            (4, vec!["BSM"]),
            (5, vec!["ZZ"]),
            (6, vec!["AL", "BS"]),
        ];
        let screen = screen_over_ascii(&chains, &forms);
        let pieces = [
            "B", "S", "M", "A", "L", "H", "Z", "v", "~", "^", "@", " ", "  ", ".", "x", "BSM",
            "ALLH", "AL", "BS",
        ];
        let mut found = 0;
        for text in crate::generated_texts(&pieces, 0xF1E5_7A11, 16, 6000) {
            let text: Vec<u32> = text.iter().map(|&c| u32::from(c)).collect();
            let got = screen.search(&text);
            assert_eq!(got, screen.plain_search(&text), "{text:x?}");
            if let Search::Known { arabic, .. } = got {
                found += arabic.len();
            }
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn forms_with_any_spaces_between_their_words() {
        let s = search_screen();
        assert_eq!(hits(&s, "x BSM ALLH."), vec![(2, 10, 0)]);
        assert_eq!(hits(&s, "BSMALLH"), vec![(0, 7, 0)]);
        assert_eq!(hits(&s, "BSM   ALLH"), vec![(0, 10, 0)]);
        assert_eq!(hits(&s, "BSM\t\nALLH"), vec![(0, 9, 0)]);
        assert_eq!(hits(&s, "vSM ALLH"), vec![(0, 8, 0)]);
        assert_eq!(hits(&s, "BSM . ALLH"), vec![(6, 10, 1)]);
        // What the screen turns away is not searched.
        assert_eq!(hits(&s, "ALLH"), vec![]);
    }

    #[test]
    fn forms_start_and_end_on_word_boundaries_of_the_fold() {
        let s = search_screen();
        // After a word character the first form cannot start; the second
        // one, tried at each later position, is found after the space.
        assert_eq!(hits(&s, "xBSM ALLH"), vec![(5, 9, 1)]);
        assert_eq!(hits(&s, "BSM ALLHx"), vec![]);
        assert_eq!(hits(&s, "BSM ALLH_"), vec![]);
        // Filler folds to nothing: no boundary inside a word, none at its edge.
        assert_eq!(hits(&s, "B~SM AL~LH"), vec![(0, 10, 0)]);
        assert_eq!(hits(&s, "x~BSM ALLH"), vec![(6, 10, 1)]);
    }

    #[test]
    fn matches_take_the_marks_after_them_and_do_not_overlap() {
        let s = search_screen();
        assert_eq!(hits(&s, "BSM ALLH^^ z"), vec![(0, 10, 0)]);
        assert_eq!(hits(&s, "BSM ALLH~^"), vec![(0, 8, 0)]);
        // Leftmost first; at one position the forms in order.
        assert_eq!(hits(&s, "ALLH BSM ALLH"), vec![(0, 4, 1), (5, 13, 0)]);
        assert_eq!(hits(&s, "BSM ALLH ALLH"), vec![(0, 8, 0), (9, 13, 1)]);
    }

    #[test]
    fn ligatures_and_reversed_text() {
        let s = search_screen();
        // A ligature folds to the whole form in either order: found twice.
        assert_eq!(hits(&s, "@"), vec![(0, 1, 0), (0, 1, 0)]);
        assert_eq!(hits(&s, "a @ b"), vec![(2, 3, 0), (2, 3, 0)]);
        // Visual order: found in the text reversed, given in the text's offsets.
        assert_eq!(hits(&s, "HLLA MSB"), vec![(0, 8, 0)]);
        assert_eq!(hits(&s, "x HLLA MSB"), vec![(2, 10, 0)]);
        // A mark after a letter in reading order is before it in the text.
        assert_eq!(hits(&s, "^HLLA MSB"), vec![(0, 9, 0)]);
        // Both orders on one line: the forward hits first.
        assert_eq!(hits(&s, "HLLA MSB BSM ALLH"), vec![(9, 17, 0), (0, 8, 0)]);
    }

    #[test]
    fn the_fold_asks_for_the_blocks_of_its_characters() {
        let s = search_screen();
        assert_eq!(s.search(&cps("# BSM")), Search::Missing(vec![6]));
        assert_eq!(
            s.search(&cps("x y")),
            Search::Known {
                arabic: vec![],
                latin: true
            }
        );
        assert_eq!(
            Screen::new(&[], None)
                .unwrap()
                .with_forms(&[(0, vec!["", ""])])
                .unwrap_err(),
            DataError::EmptyChain
        );
    }

    #[test]
    fn the_longest_leftmost_formula_is_kept() {
        assert_eq!(kept(&[]), Vec::<usize>::new());
        // Sorted by start: (0, 4) then (5, 9).
        assert_eq!(kept(&[(5, 9), (0, 4)]), vec![1, 0]);
        // Two at 0: the longer (0, 8) first; (2, 6) starts inside it.
        assert_eq!(kept(&[(0, 4), (2, 6), (0, 8)]), vec![2]);
        // As long and at the same start: the first given.
        assert_eq!(kept(&[(3, 7), (3, 7)]), vec![0]);
        // One that starts where the last kept ends does not overlap it.
        assert_eq!(kept(&[(0, 4), (4, 6), (5, 9)]), vec![0, 1]);
        // An empty span inside a kept one is dropped, one after it is kept.
        assert_eq!(kept(&[(0, 4), (2, 2), (4, 4)]), vec![0, 2]);
    }

    #[test]
    fn contains_finds_substrings() {
        // Around and across the chunks of 32 starts.
        let mut hay = vec![b'x'; 100];
        for at in [0, 1, 30, 31, 32, 33, 63, 64, 95, 96, 97] {
            for needle in [&b"a"[..], b"ab", b"abc", b"aab"] {
                if at + needle.len() > hay.len() {
                    continue;
                }
                hay[at..at + needle.len()].copy_from_slice(needle);
                assert!(contains(&hay, needle), "{at} {needle:?}");
                assert!(!contains(&hay[..at + needle.len() - 1], needle));
                assert!(!contains(&hay[at + 1..], needle));
                hay.fill(b'x');
            }
        }
        // First and last byte in place, the middle not.
        assert!(!contains(b"axbaxxb", b"ayb"));
        assert!(contains(b"axbaxxbayb", b"ayb"));
        assert!(contains(b"abcabd", b"abd"));
        assert!(contains(b"abc", b""));
        assert!(!contains(b"ab", b"abc"));
        assert!(!contains(b"", b"a"));
        assert!(contains(b"aab", b"ab"));
    }
}
