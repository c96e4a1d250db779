//! The language tagger's guess for an Arabic-script text (`mixscript.lang.tagger`).
//!
//! The letters ([`letters::guess`]) give every candidate a probability.  When
//! they leave languages that share an alphabet close, the optional backends
//! have their say: fastText inside the groups that share one (Urdu, Punjabi,
//! Saraiki; Persian, South Azerbaijani), lingua and the word frequencies among
//! Arabic, Persian and Urdu.  The backends live in Python; they are asked
//! through [`Backends`], only when the letters are unsure, and what they say
//! is weighed here.
//!
//! Every guess of every Arabic-script run goes through [`arabic_guess`], so
//! its arithmetic is fixed: sums are taken left to right from 0.0 in the
//! order of the candidates, the largest value is the first of equals, and
//! the softmax is [`letters::softmax`].  The same inputs give the same bits
//! the tagger has always given.

use crate::conventions::Lang;
use crate::letters::{self, softmax, AR, AZB, FA, KS, PNB, SKR, UR};
use crate::props;
use crate::runs::{Kind, Run};
use crate::sentences;

/// Below this, the letters are not sure enough and the backends are asked.
pub const LETTERS_SURE: f64 = 0.995;
/// fastText's log-probability is added to the letter scores with this
/// weight: on four-word UDHR pieces 0.5 and 1.0 do as well for Punjabi (63%,
/// 60%) but 1.0 costs Urdu more (96%, 93%).
const FASTTEXT_WEIGHT: f64 = 0.5;
/// The groups inside which fastText has a say.  Only there: on the other
/// languages fastText is weaker than the letters (it calls short Pashto
/// without Pashto letters Persian).
const FASTTEXT_GROUPS: [&[usize]; 2] = [&[UR, PNB, SKR], &[FA, AZB]];
/// fastText is asked about a group only when it holds a likely language.
const GROUP_MIN: f64 = 0.05;
/// fastText has a say only on texts of this many words or more: on one or
/// two Urdu words it says Punjabi often enough to cost Urdu 2 points on word
/// pairs and 4 on single words of lingua's test data.
pub const FASTTEXT_MIN_WORDS: usize = 3;
/// The languages lingua and the word frequencies weigh against each other.
/// Neither knows Pashto, Kurdish, Sindhi or Uyghur, so they have no say on
/// them.
const LINGUA_FAMILY: [usize; 3] = [AR, FA, UR];
/// Punjabi, Saraiki and Kashmiri share Urdu's letters and would read as Urdu
/// to lingua: Urdu stands for them.  lingua decides how much the group gets
/// against Arabic and Persian, the letters (and fastText) how it splits.
const URDU_RELATIVES: [usize; 3] = [PNB, SKR, KS];
/// lingua's log-confidence is added to the letter scores with this weight.
const LINGUA_WEIGHT: f64 = 1.0;
/// The least confidence of lingua's that counts (a language it rules out
/// is not ruled out for the letters).
const LINGUA_MIN: f64 = 1e-4;
/// The least mass of a group whose log is taken.
const MASS_MIN: f64 = 1e-300;
/// Word frequencies count half: a unigram model treats words as
/// independent and is overconfident.
const WORDS_WEIGHT: f64 = 0.5;

/// What a backend says of the languages it is asked about: one value per
/// language, in the order asked, or `None` when it says nothing (it is not
/// installed, knows none of the languages, or finds no words).
pub type Say = Option<Vec<f64>>;

/// The optional backends, asked only when the letters leave languages close.
///
/// `unshaped` is the text as the letters read it, its presentation forms
/// unshaped, when it held any (`None`: the text as given): what every
/// backend reads.  Languages are indexes of [`letters::LANGUAGES`].
pub trait Backends {
    /// What a failing backend reports; handed back unchanged.
    type Error;

    /// fastText's natural-log probability of each of `members` (two or three
    /// languages of one group of [`FASTTEXT_GROUPS`]); `None` when it has no
    /// say (not installed).  Never asked about a text of fewer than
    /// [`FASTTEXT_MIN_WORDS`] words.
    fn fasttext(
        &mut self,
        unshaped: Option<&[char]>,
        members: &[usize],
    ) -> Result<Say, Self::Error>;

    /// lingua's confidence (0..1) and the words' natural-log likelihood of
    /// each of `family` (some of Arabic, Persian and Urdu): a language either
    /// leaves out counts as 0.
    fn family(
        &mut self,
        unshaped: Option<&[char]>,
        family: &[usize],
    ) -> Result<(Say, Say), Self::Error>;
}

/// What [`arabic_guess`] makes of a text.
#[derive(Debug, Clone, PartialEq)]
pub struct ArabicGuess {
    /// The best language (an index of [`letters::LANGUAGES`]).
    pub lang: usize,
    /// Its probability.
    pub confidence: f64,
    /// The candidates, in the order of [`letters::Guess::candidates`].
    pub candidates: Vec<usize>,
    /// Each candidate's probability.
    pub probs: Vec<f64>,
    /// Each candidate's probability without the word frequencies: how common
    /// the words are in each language is a prior, and the context of a short
    /// run is better evidence than that prior (`بعد` is more frequent in
    /// Arabic, but in a Persian sentence it is Persian).
    pub own: Vec<f64>,
}

/// The first of the largest of `values` (its index); 0 when empty.
fn first_max(values: &[f64]) -> usize {
    (1..values.len()).fold(0, |b, i| if values[i] > values[b] { i } else { b })
}

/// The sum of `values`, left to right from 0.0.
fn sum(values: impl IntoIterator<Item = f64>) -> f64 {
    values.into_iter().fold(0.0, |s, v| s + v)
}

/// The larger of `a` and `b`; `a` when they are equal.
fn larger(a: f64, b: f64) -> f64 {
    if b > a {
        b
    } else {
        a
    }
}

/// The language of an Arabic-script text among `candidates`: the letters,
/// then fastText, lingua and the word frequencies when the letters are
/// unsure.  `None` when the letters say `und` (see [`letters::guess`]).
///
/// fastText is asked, on a text of [`FASTTEXT_MIN_WORDS`] words or more,
/// inside a group ([`FASTTEXT_GROUPS`]) that holds at least two candidates and one with probability [`GROUP_MIN`] or more; the
/// group's share is then split by the softmax of the letter scores plus
/// [`FASTTEXT_WEIGHT`] times fastText's log-probabilities.  lingua and the
/// words are asked when the best language is one of Arabic, Persian and
/// Urdu (Urdu with its relatives), at least two of them are candidates, and
/// none of them holds [`LETTERS_SURE`] of their joint mass; their share is
/// then split by the softmax of each group's log-mass plus lingua's
/// log-confidence (and, for `probs` but not `own`, half the words'
/// log-likelihood), each group's part split among its members as before.
pub fn arabic_guess<B: Backends>(
    text: &[char],
    candidates: &[usize],
    backends: &mut B,
) -> Result<Option<ArabicGuess>, B::Error> {
    answer(text, candidates, Question::Language, backends)
}

/// What a guess is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Question {
    /// Which language: every candidate's own probability.
    Language,
    /// Which spelling convention (the `letters` step's question): the
    /// languages that write Persian's yeh and kaf ([`writes_persian_letters`]) count
    /// as one, their joint probability given to the likeliest of them.
    Convention,
}

/// Whether `lang` (an index of [`letters::LANGUAGES`]) writes Persian's ی
/// and ک, as the `letters` step's conventions have it
/// ([`Lang::writes_persian_letters`]): the step treats those languages
/// alike, so which of them a text is in does not change its edits.
pub fn writes_persian_letters(lang: usize) -> bool {
    Lang::from_code(letters::LANGUAGES[lang]).writes_persian_letters()
}

/// The convention of an Arabic-script text among `candidates`, as an
/// [`ArabicGuess`] whose languages that write alike ([`writes_persian_letters`])
/// have given their joint probability to the likeliest of them; `None`
/// when the letters say `und`.
///
/// The backends are asked only about what the letters leave unsure of the
/// convention.  fastText never is: it splits probability only inside
/// groups of languages that write alike ([`FASTTEXT_GROUPS`]), which leaves
/// every convention's probability as it was.  lingua and the words are
/// asked as [`arabic_guess`] asks them, but only when Arabic is a
/// candidate of the family and neither Arabic nor the rest of the family
/// holds [`LETTERS_SURE`] of the family's mass (where the letters leave
/// Persian and Urdu close but Arabic far behind, the convention is known).
/// Kashmiri, which writes neither way, goes with Urdu's group as lingua
/// reads it.
pub fn convention_guess<B: Backends>(
    text: &[char],
    candidates: &[usize],
    backends: &mut B,
) -> Result<Option<ArabicGuess>, B::Error> {
    answer(text, candidates, Question::Convention, backends)
}

/// [`arabic_guess`] or [`convention_guess`], as `question` asks.
fn answer<B: Backends>(
    text: &[char],
    candidates: &[usize],
    question: Question,
    backends: &mut B,
) -> Result<Option<ArabicGuess>, B::Error> {
    let g = letters::guess(text, candidates);
    if g.lang.is_none() {
        return Ok(None);
    }
    let unshaped = g.unshaped.as_deref();
    let cands = g.candidates;
    let position = |lang: usize| cands.iter().position(|&c| c == lang);
    let mut probs = g.probs;
    if question == Question::Language
        && g.confidence < LETTERS_SURE
        && words_up_to(text, FASTTEXT_MIN_WORDS) >= FASTTEXT_MIN_WORDS
    {
        for group in FASTTEXT_GROUPS {
            let mut members = Few::new();
            for &c in group {
                if let Some(i) = position(c) {
                    members.push(i);
                }
            }
            let members = members.as_slice();
            if members.len() < 2
                || members
                    .iter()
                    .fold(f64::NEG_INFINITY, |m, &i| larger(m, probs[i]))
                    < GROUP_MIN
            {
                continue;
            }
            let mut langs = Few::new();
            for &i in members {
                langs.push(cands[i]);
            }
            if let Some(found) = backends.fasttext(unshaped, langs.as_slice())? {
                let scores: Vec<f64> = (members.iter().zip(&found))
                    .map(|(&i, &f)| g.scores[i] + FASTTEXT_WEIGHT * f)
                    .collect();
                probs = reweigh(&probs, members, &scores);
            }
        }
    }
    let mut own = probs.clone();
    let (found_groups, count) = family_groups(&cands, question);
    let groups = &found_groups[..count];
    let mut mass = [0.0; LINGUA_FAMILY.len()];
    for (m, group) in mass.iter_mut().zip(groups.iter()) {
        *m = sum(group.as_slice().iter().map(|&i| probs[i]));
    }
    let mass = &mass[..count];
    let total = sum(mass.iter().copied());
    let best = first_max(&probs);
    let in_groups = groups.iter().any(|m| m.as_slice().contains(&best));
    // Asked only with two groups or more: `mass` is empty without any.
    let unsure = || match question {
        Question::Language => mass[first_max(mass)] < LETTERS_SURE * total,
        Question::Convention => groups
            .iter()
            .position(|m| cands[m.as_slice()[0]] == AR)
            .is_some_and(|a| larger(mass[a], total - mass[a]) < LETTERS_SURE * total),
    };
    if in_groups && groups.len() >= 2 && unsure() {
        let groups: Vec<Vec<usize>> = groups.iter().map(|m| m.as_slice().to_vec()).collect();
        let family: Vec<usize> = groups.iter().map(|m| cands[m[0]]).collect();
        let (lingua, words) = backends.family(unshaped, &family)?;
        if lingua.is_some() || words.is_some() {
            let own_scores: Vec<f64> = (0..family.len())
                .map(|k| {
                    let base = larger(mass[k], MASS_MIN).ln();
                    base + lingua
                        .as_ref()
                        .map_or(0.0, |l| LINGUA_WEIGHT * larger(l[k], LINGUA_MIN).ln())
                })
                .collect();
            let with_words: Vec<f64> = (0..family.len())
                .map(|k| own_scores[k] + WORDS_WEIGHT * words.as_ref().map_or(0.0, |w| w[k]))
                .collect();
            own = reweigh_groups(&probs, &own_scores, &groups);
            probs = reweigh_groups(&probs, &with_words, &groups);
        }
    }
    if question == Question::Convention {
        (probs, own) = by_convention(&cands, &probs, &own);
    }
    let best = first_max(&probs);
    Ok(Some(ArabicGuess {
        lang: cands[best],
        confidence: probs[best],
        candidates: cands,
        probs,
        own,
    }))
}

/// `probs` and `own` (of `cands`) with the probability of the languages
/// that write alike ([`writes_persian_letters`]) given, in each, to the likeliest of
/// them by `probs` (the first of equals), the others left at 0.
fn by_convention(cands: &[usize], probs: &[f64], own: &[f64]) -> (Vec<f64>, Vec<f64>) {
    let alike: Vec<usize> = (0..cands.len())
        .filter(|&i| writes_persian_letters(cands[i]))
        .collect();
    let Some(&first) = alike.first() else {
        return (probs.to_vec(), own.to_vec());
    };
    let likeliest =
        (alike.iter().copied()).fold(first, |b, i| if probs[i] > probs[b] { i } else { b });
    let gather = |values: &[f64]| {
        let mut out = values.to_vec();
        let mass = sum(alike.iter().map(|&i| values[i]));
        for &i in &alike {
            out[i] = 0.0;
        }
        out[likeliest] = mass;
        out
    };
    (gather(probs), gather(own))
}

/// A few indexes (a group of candidates) kept in place rather than in an
/// allocation: every Arabic-script run's guess gathers some.
#[derive(Clone, Copy)]
struct Few {
    at: [usize; FEW],
    len: usize,
}

/// The most [`Few`] holds: a group of [`FASTTEXT_GROUPS`], or Urdu and its
/// relatives ([`URDU_RELATIVES`]).
const FEW: usize = 1 + URDU_RELATIVES.len();

const _: () = {
    let mut k = 0;
    while k < FASTTEXT_GROUPS.len() {
        assert!(FASTTEXT_GROUPS[k].len() <= FEW);
        k += 1;
    }
};

impl Few {
    fn new() -> Few {
        Few {
            at: [0; FEW],
            len: 0,
        }
    }

    fn push(&mut self, i: usize) {
        self.at[self.len] = i;
        self.len += 1;
    }

    fn as_slice(&self) -> &[usize] {
        &self.at[..self.len]
    }
}

/// The groups lingua weighs of `cands` (candidates, each once): Arabic,
/// Persian and Urdu with its relatives, in the order of the candidates, as
/// indexes of `cands`; and how many there are.  Asked the convention,
/// Persian's group holds South Azerbaijani too ([`PERSIAN_RELATIVES`]).
fn family_groups(cands: &[usize], question: Question) -> ([Few; LINGUA_FAMILY.len()], usize) {
    let position = |lang: usize| cands.iter().position(|&c| c == lang);
    let mut groups = [Few::new(); LINGUA_FAMILY.len()];
    let mut count = 0;
    for (i, c) in cands.iter().enumerate() {
        if LINGUA_FAMILY.contains(c) {
            groups[count].push(i);
            count += 1;
        }
    }
    if let Some(urdu) = groups[..count]
        .iter_mut()
        .find(|m| cands[m.as_slice()[0]] == UR)
    {
        for &c in &URDU_RELATIVES {
            if let Some(i) = position(c) {
                urdu.push(i);
            }
        }
    }
    if question == Question::Convention {
        if let Some(persian) = groups[..count]
            .iter_mut()
            .find(|m| cands[m.as_slice()[0]] == FA)
        {
            for &c in &PERSIAN_RELATIVES {
                if let Some(i) = position(c) {
                    persian.push(i);
                }
            }
        }
    }
    (groups, count)
}

/// South Azerbaijani shares Persian's letters and its convention.  Asked
/// the language, it stays out of lingua's family: fastText has moved
/// probability between it and Persian, and lingua's say on Persian is not
/// one on it.  Asked the convention, fastText is not heard, and lingua's say
/// against Arabic holds for both: Persian stands for it.
const PERSIAN_RELATIVES: [usize; 1] = [AZB];

/// How much a piece's own evidence favours `lang` over `other` (or over
/// its best rival when `None`), in nats: the difference of the log
/// probabilities (each at least 10^-12) of `probs` (language, probability
/// pairs), each language's prior for `text` ([`letters::priors`], the text
/// unshaped) taken out.  The priors say which language is more common and
/// how often it goes without its own letters over this many words, not
/// what the piece shows, and the context it is weighed against is better
/// evidence than a prior.  Infinite when there is no rival in `probs`.
pub fn margin(text: &[char], probs: &[(usize, f64)], lang: usize, other: Option<usize>) -> f64 {
    let unshaped = crate::visual::unshape_if_shaped(text);
    let prior = letters::priors(unshaped.as_deref().unwrap_or(text));
    let of = |k: usize| {
        probs
            .iter()
            .find(|&&(c, _)| c == k)
            .map_or(0.0, |&(_, p)| p)
    };
    let evidence = |k: usize| larger(of(k), EVIDENCE_MIN).ln() - prior[k];
    let rival = (probs.iter())
        .filter(|&&(k, _)| k != lang && other.is_none_or(|o| k == o))
        .map(|&(k, _)| evidence(k))
        .reduce(larger);
    rival.map_or(f64::INFINITY, |r| evidence(lang) - r)
}

/// The least probability of a language whose log [`margin`] takes.
const EVIDENCE_MIN: f64 = 1e-12;

/// `probs` with the share of `members` (indexes into `probs`) split among
/// them by the softmax of `scores` (one per member).
pub fn reweigh(probs: &[f64], members: &[usize], scores: &[f64]) -> Vec<f64> {
    let mut out = probs.to_vec();
    let mass = sum(members.iter().map(|&i| probs[i]));
    for (&i, p) in members.iter().zip(softmax(scores)) {
        out[i] = p * mass;
    }
    out
}

/// `probs` with the share of `groups` (lists of indexes into `probs`) split
/// among them by the softmax of `scores` (one per group), each group's part
/// split among its members as `probs` splits it (evenly when it holds none).
pub fn reweigh_groups(probs: &[f64], scores: &[f64], groups: &[Vec<usize>]) -> Vec<f64> {
    let mut out = probs.to_vec();
    let mass = sum(groups.iter().flatten().map(|&i| probs[i]));
    for (members, q) in groups.iter().zip(softmax(scores)) {
        let inside = sum(members.iter().map(|&i| probs[i]));
        for &i in members {
            let part = if inside > 0.0 {
                probs[i] / inside
            } else {
                1.0 / members.len() as f64
            };
            out[i] = mass * q * part;
        }
    }
    out
}

// ---- Latin runs: what their words say ----

/// Runs of at most this many words are short: their n-grams are what lingua
/// has, the word frequencies never decide them alone, and they may take the
/// language of their paragraph.
pub const SHORT_WORDS: usize = 3;
/// Word evidence alone decides a Latin run when its words' summed Zipf
/// values favour one language over every other by this much.  Half of it in
/// nats (0.5 * ln 10 * 12.5 = 14.4) outweighs the most lingua can say
/// against a language (its confidence is floored at 10^-6, 13.8 nats), so no
/// answer of lingua's overturns the words, and a rival stays at least 1.78
/// times less likely.  15 (17.3 nats) kept rivals 30 times less likely and
/// asked lingua a sixth more often on English-dominant text, with the same
/// accuracy.
pub const DECISIVE: f64 = 12.5;

/// A character of a word as the tagger counts them: a letter, a mark, or a
/// zero-width (non-)joiner (`می‌خواهم` is one word).
fn in_word(ch: char) -> bool {
    matches!(ch, '\u{200C}' | '\u{200D}') || {
        let gc = props::general_category(ch);
        gc.is_letter() || gc.is_mark()
    }
}

/// The number of words of `text` (runs of [`in_word`] characters), counting
/// no further than `limit`: whether a text is short needs no more.
pub fn words_up_to(text: &[char], limit: usize) -> usize {
    let mut count = 0;
    let mut inside = false;
    for &ch in text {
        let now = in_word(ch);
        if now && !inside {
            if count == limit {
                break;
            }
            count += 1;
        }
        inside = now;
    }
    count
}

/// Whether `text` has at most [`SHORT_WORDS`] words.
pub fn short(text: &[char]) -> bool {
    words_up_to(text, SHORT_WORDS + 1) <= SHORT_WORDS
}

/// Whether `text` holds a letter of the Latin script.
pub fn has_latin(text: &[char]) -> bool {
    text.iter().any(|&ch| props::script_of(ch) == "Latn")
}

/// The language (an index of `sums`) that the words alone give a Latin run,
/// or `None` when they leave it to lingua.  `sums` is each candidate's
/// natural-log likelihood of the run's words (`words::log_likelihood`).
///
/// The lead must be [`DECISIVE`] Zipf units (log10) over every rival; a
/// text without a Latin letter, with fewer than two candidates, or
/// [`short`], has none.  The lead is the first of the largest sums, and so
/// also the most probable language of [`words_decide`].
pub fn words_lead(text: &[char], sums: &[f64]) -> Option<usize> {
    if sums.len() < 2 || !has_latin(text) {
        return None;
    }
    let best = first_max(sums);
    let rival = (sums.iter().enumerate())
        .filter(|&(k, _)| k != best)
        .map(|(_, &v)| v)
        .fold(f64::NEG_INFINITY, larger);
    if sums[best] - rival < DECISIVE * 10f64.ln() || short(text) {
        return None;
    }
    Some(best)
}

/// The language of a Latin run whose words alone settle it ([`words_lead`]),
/// and every candidate's probability: the softmax of the sums at
/// [`WORDS_WEIGHT`], lingua not asked (no answer of its could change the
/// result).  `None` when the words leave the run to lingua.
pub fn words_decide(text: &[char], sums: &[f64]) -> Option<(usize, Vec<f64>)> {
    words_lead(text, sums)?;
    let scores: Vec<f64> = sums.iter().map(|&w| WORDS_WEIGHT * w).collect();
    let probs = softmax(&scores);
    Some((first_max(&probs), probs))
}

// ---- context: a weak piece takes the language around it ----

/// Context: this many pieces of the same script on each side of a piece.
pub const WINDOW: usize = 4;
/// The context must be at least this sure of its language to lend it.
pub const CONTEXT_SURE: f64 = 0.6;
/// The most confidence a language lent by the context gives a piece: the
/// context is evidence about the piece, not the piece's own.
pub const LENT: f64 = 0.75;
/// The most confidence the context lends a lone Arabic-script piece (a
/// letter, a piece without a guess of its own): the context is all it has.
pub const LENT_TO_LONE: f64 = 0.5;
/// Margin (nats, priors left out, see [`margin`]) by which an Arabic-script
/// piece must prefer its own language to keep it against its context (one
/// absent letter is 4).
pub const KEEP_MARGIN: f64 = 3.0;
/// A Latin piece longer than [`SHORT_WORDS`] below this confidence may take
/// its context's language too.
pub const UNSURE: f64 = 0.6;
/// Own evidence (lingua's confidence) at least this strong keeps a short
/// Latin piece's own language, when the context's has next to none
/// ([`RULED_OUT`]).
pub const STRONG: f64 = 0.95;
/// Below this own confidence the context's language is as good as ruled out.
pub const RULED_OUT: f64 = 0.01;
/// A short Latin piece has evidence of its own when its words are this much
/// more frequent (in Zipf units, log10) in its best language than in any
/// other, or when lingua alone is [`LINGUA_EVIDENCE`] sure.  "annex"
/// (English only) has it; "Microsoft" and "Google" (every language writes
/// them, lingua 0.57 and 0.46) have not, nor "Vienna" (English 3.98, Italian
/// 4.28).  On 900 word pairs of lingua's en/fr/de test data, 96% have
/// evidence and all but one of those are right (the rest: "culture office",
/// "jules verne").
pub const WORD_MARGIN: f64 = 1.0;
/// See [`WORD_MARGIN`].
pub const LINGUA_EVIDENCE: f64 = 0.8;

/// A piece of text as the context step weighs it.  Languages are the
/// caller's indexes (for Arabic-script pieces, of [`letters::LANGUAGES`]);
/// `None` is `und`.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    /// Where the piece starts and ends in the text (characters).
    pub start: usize,
    pub end: usize,
    pub lang: Option<usize>,
    pub confidence: f64,
    /// Whether the piece has no guess of its own (no probabilities).
    pub lone: bool,
}

/// What a neighbourhood's guess says: its language (`None`: `und`) and confidence.
pub type Said = (Option<usize>, f64);

/// The neighbourhoods guessed so far: (first, end, piece left out) and what each says.
type Guessed = Vec<((usize, usize, usize), Said)>;

/// What the context step asks of the caller: the backends stay there.
pub trait Neighbours {
    /// What a failing callback reports; handed back unchanged.
    type Error;

    /// The language (`None`: `und`) and confidence of `text`, the pieces of a
    /// neighbourhood joined by spaces, as the tagger guesses a run.
    fn guess(&mut self, text: &[char]) -> Result<Said, Self::Error>;

    /// Piece `i`'s own probabilities, without word frequencies: (language,
    /// probability) pairs in the caller's order; `None` when it has none.
    fn own(&mut self, i: usize) -> Result<Option<Vec<(usize, f64)>>, Self::Error>;

    /// The words' natural-log likelihood of `text` in each of `langs`, in
    /// order; `None` when they have no say.
    fn words(&mut self, text: &[char], langs: &[usize]) -> Result<Option<Vec<f64>>, Self::Error>;
}

/// The text of `pieces[k]` for each of `which`, joined by spaces.
fn joined(text: &[char], pieces: &[Piece], which: impl Iterator<Item = usize>) -> Vec<char> {
    let mut out = Vec::new();
    for (n, k) in which.enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.extend_from_slice(&text[pieces[k].start..pieces[k].end]);
    }
    out
}

/// What the neighbourhood `key` says, each neighbourhood guessed once:
/// `text` makes its text ([`joined`]) the first time; an empty one is `und`.
fn said<N: Neighbours>(
    cache: &mut Guessed,
    key: (usize, usize, usize),
    neighbours: &mut N,
    text: impl FnOnce() -> Vec<char>,
) -> Result<Said, N::Error> {
    if let Some(&(_, found)) = cache.iter().find(|(k, _)| *k == key) {
        return Ok(found);
    }
    let text = text();
    let found = if text.is_empty() {
        (None, 0.0)
    } else {
        neighbours.guess(&text)?
    };
    cache.push((key, found));
    Ok(found)
}

/// The probability of `lang` in `probs`, 0 when absent.
fn probability(probs: &[(usize, f64)], lang: Option<usize>) -> f64 {
    (probs.iter())
        .find(|&&(k, _)| Some(k) == lang)
        .map_or(0.0, |&(_, p)| p)
}

/// Arabic-script pieces (of one paragraph, in order) that barely prefer
/// their own language take the context's: the pieces around them, at most
/// [`WINDOW`] on each side, the piece itself among them.
///
/// The margin ([`margin`]) between a piece's own language and the context's
/// says how much the piece disagrees: a Pashto sentence cut in two by an
/// English word pair leaves a half such as `که باران` that looks Persian by
/// a hair, while an Arabic quotation in a Persian paragraph disagrees by
/// whole letters and function words.  A piece at least [`KEEP_MARGIN`]
/// ahead of every rival is not weighed at all; a weak piece its sure context
/// agrees with is as sure as the context lends (a lone word such as `فیات`
/// in a Persian sentence); a lone piece without letters is left alone.
pub fn arabic_context<N: Neighbours>(
    text: &[char],
    pieces: &mut [Piece],
    neighbours: &mut N,
) -> Result<(), N::Error> {
    if pieces.len() < 2 {
        return Ok(());
    }
    let mut cache = Vec::new();
    for i in 0..pieces.len() {
        let piece = &text[pieces[i].start..pieces[i].end];
        let lone = pieces[i].lone;
        if lone && letters::letter_count(piece) == 0 {
            continue;
        }
        let own = neighbours.own(i)?;
        let own_lang = pieces[i].lang;
        let keeps = |other: Option<usize>| match (&own, own_lang) {
            (Some(own), Some(lang)) => margin(piece, own, lang, other) >= KEEP_MARGIN,
            _ => false,
        };
        if keeps(None) {
            continue;
        }
        let (lo, hi) = (i.saturating_sub(WINDOW), (i + WINDOW + 1).min(pieces.len()));
        let (lang, confidence) = said(&mut cache, (lo, hi, usize::MAX), neighbours, || {
            joined(text, pieces, lo..hi)
        })?;
        let p = &mut pieces[i];
        if lang == p.lang && confidence >= CONTEXT_SURE {
            p.confidence = larger(p.confidence, confidence.min(LENT));
            continue;
        }
        if lang.is_none() || lang == p.lang || confidence < CONTEXT_SURE {
            continue;
        }
        if lone {
            (p.lang, p.confidence) = (lang, confidence.min(LENT_TO_LONE));
        } else if own.is_some() && !keeps(lang) {
            (p.lang, p.confidence) = (lang, confidence.min(LENT));
        }
    }
    Ok(())
}

/// How many letters `text` holds.
fn letters_in(text: &[char]) -> usize {
    (text.iter())
        .filter(|&&c| props::general_category(c).is_letter())
        .count()
}

/// Whether a short Latin `text` shows a language of its own, `own` being
/// lingua's confidences (see [`WORD_MARGIN`]).  A lone letter never does.
/// A name is about as frequent in every language's text (word frequencies)
/// and lingua's n-grams spread over several languages.
pub fn latin_evidence<N: Neighbours>(
    text: &[char],
    own: Option<&[(usize, f64)]>,
    neighbours: &mut N,
) -> Result<bool, N::Error> {
    let Some(own) = own.filter(|own| own.len() >= 2) else {
        return Ok(false);
    };
    if letters_in(text) < 2 {
        return Ok(false);
    }
    if own.iter().any(|&(_, p)| p >= LINGUA_EVIDENCE) {
        return Ok(true);
    }
    let langs: Vec<usize> = own.iter().map(|&(k, _)| k).collect();
    let Some(sums) = neighbours.words(text, &langs)?.filter(|s| s.len() >= 2) else {
        return Ok(false);
    };
    let best = first_max(&sums);
    let rival = (sums.iter().enumerate())
        .filter(|&(k, _)| k != best)
        .map(|(_, &v)| v)
        .fold(f64::NEG_INFINITY, larger);
    Ok((sums[best] - rival) / 10f64.ln() >= WORD_MARGIN)
}

/// Short or unsure Latin pieces (of one paragraph, in order) take the
/// context's language unless lingua is sure of their own.
///
/// Only pieces with evidence of their own ([`latin_evidence`]; a piece that
/// is not [`short`] has it) make the context: "Microsoft" and "Google" in an
/// Urdu paragraph do not make each other German.  A piece's context is the
/// evidenced pieces around it, at most [`WINDOW`] on each side, itself left
/// out.  A short piece without evidence and without a sure context is
/// `und`; one with evidence keeps its language when lingua gives it
/// [`STRONG`] and the context's next to nothing.
pub fn latin_context<N: Neighbours>(
    text: &[char],
    pieces: &mut [Piece],
    neighbours: &mut N,
) -> Result<(), N::Error> {
    let shorts: Vec<bool> = (pieces.iter())
        .map(|p| short(&text[p.start..p.end]))
        .collect();
    let mut owns: Vec<Option<Vec<(usize, f64)>>> = vec![None; pieces.len()];
    let mut evidence = vec![true; pieces.len()];
    for i in (0..pieces.len()).filter(|&i| shorts[i]) {
        owns[i] = neighbours.own(i)?;
        let piece = &text[pieces[i].start..pieces[i].end];
        evidence[i] = latin_evidence(piece, owns[i].as_deref(), neighbours)?;
    }
    let evidenced: Vec<usize> = (0..pieces.len()).filter(|&i| evidence[i]).collect();
    let mut cache = Vec::new();
    for i in 0..pieces.len() {
        if !shorts[i] && pieces[i].confidence >= UNSURE {
            continue;
        }
        // Where the piece is among the evidenced ones (itself, if it is one).
        let k = evidenced.partition_point(|&e| e < i);
        let skip = if evidence[i] { k } else { usize::MAX };
        let lo = k.saturating_sub(WINDOW);
        let hi = (k + WINDOW + usize::from(evidence[i])).min(evidenced.len());
        let (lang, confidence) = said(&mut cache, (lo, hi, skip), neighbours, || {
            let around = (lo..hi).filter(|&e| e != skip).map(|e| evidenced[e]);
            joined(text, pieces, around)
        })?;
        let p = &mut pieces[i];
        if !evidence[i] && (lang.is_none() || confidence < CONTEXT_SURE) {
            (p.lang, p.confidence) = (None, 0.0);
            continue;
        }
        if lang == p.lang && confidence >= CONTEXT_SURE {
            p.confidence = larger(p.confidence, confidence.min(LENT));
            continue;
        }
        if lang.is_none() || lang == p.lang || confidence < CONTEXT_SURE {
            continue;
        }
        if evidence[i] {
            if !shorts[i] {
                owns[i] = neighbours.own(i)?;
            }
            let own = owns[i].as_deref().unwrap_or_default();
            if probability(own, p.lang) >= STRONG && probability(own, lang) < RULED_OUT {
                continue;
            }
        }
        (p.lang, p.confidence) = (lang, confidence.min(LENT));
    }
    Ok(())
}

// ---- a whole text: its runs, their sentences, their guesses, the context ----

/// A run is cut between two sentences when each favours its own language
/// over the other's by at least this ratio of probabilities.
pub const SPLIT_RATIO: f64 = 8.0;

/// A guess of a run or a sentence.  Languages are indexes of
/// [`letters::LANGUAGES`] for Arabic-script runs, the caller's for others;
/// `None` is `und`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Guess {
    pub lang: Option<usize>,
    pub confidence: f64,
    /// Each candidate's probability, in the guesser's order (empty: none).
    pub probs: Vec<(usize, f64)>,
    /// The same without the word frequencies: what the context is weighed
    /// against (see [`ArabicGuess::own`]).
    pub own: Vec<(usize, f64)>,
}

impl Guess {
    fn of_arabic(found: Option<ArabicGuess>) -> Guess {
        let Some(g) = found else {
            return Guess::default();
        };
        let pairs = |values: &[f64]| -> Vec<(usize, f64)> {
            g.candidates
                .iter()
                .copied()
                .zip(values.iter().copied())
                .collect()
        };
        Guess {
            lang: Some(g.lang),
            confidence: g.confidence,
            probs: pairs(&g.probs),
            own: pairs(&g.own),
        }
    }
}

/// What tagging a text asks of the caller: the backends, and the guess of
/// a run of another script than Arabic, stay there.
pub trait Tagging {
    /// What a failing callback reports; handed back unchanged.
    type Error;

    /// fastText's natural-log probability of each of `members` for `plain`
    /// (see [`Backends::fasttext`]).
    fn fasttext(&mut self, plain: &[char], members: &[usize]) -> Result<Say, Self::Error>;

    /// lingua's confidences and the words' log-likelihoods of `family` for
    /// `plain` (see [`Backends::family`]).
    fn family(&mut self, plain: &[char], family: &[usize]) -> Result<(Say, Say), Self::Error>;

    /// The guess of `text`, a run (or sentence, or neighbourhood) of another
    /// script than Arabic; `sums` is the index, in what [`Tagging::sums`]
    /// last gave, of the words' log-likelihoods of `text` when the caller
    /// has them.
    fn guess(&mut self, text: &[char], sums: Option<usize>) -> Result<Guess, Self::Error>;

    /// The words' natural-log likelihoods of each of `sentences` (of one
    /// run), then of the whole run: (language, value) pairs, in order.
    fn sums(&mut self, sentences: &[(usize, usize)])
        -> Result<Vec<Vec<(usize, f64)>>, Self::Error>;

    /// The words' natural-log likelihood of `text` in each of `langs`
    /// (see [`Neighbours::words`]).
    fn words(&mut self, text: &[char], langs: &[usize]) -> Result<Option<Vec<f64>>, Self::Error>;
}

/// The candidates of a text's runs.
#[derive(Debug, Clone, Copy)]
pub struct Candidates<'a> {
    /// Those of Arabic-script runs (indexes of [`letters::LANGUAGES`]).
    pub arabic: &'a [usize],
    /// Whether Latin runs have other than one candidate.  With a single one
    /// it is every Latin run's answer: the words are not looked up for a
    /// run's sentences, and the context has nothing to weigh.
    pub several_latin: bool,
    /// What Arabic-script runs' guesses answer: their language, or (for the
    /// `letters` step) their spelling convention ([`convention_guess`]).
    pub question: Question,
}

/// A segment of [`tag`]: a script run, or a part of one (a sentence, or the
/// space between two), with its language (`None`: `und`) and confidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Tagged {
    pub start: usize,
    pub end: usize,
    pub script: &'static str,
    pub kind: Kind,
    pub lang: Option<usize>,
    pub confidence: f64,
}

/// A segment of text while it is tagged: its guess's own probabilities, and
/// whether it has probabilities at all (the context step asks).
struct Work {
    span: Tagged,
    lone: bool,
    own: Option<Vec<(usize, f64)>>,
}

impl Work {
    fn new(start: usize, end: usize, script: &'static str, kind: Kind, g: Guess) -> Work {
        Work {
            span: Tagged {
                start,
                end,
                script,
                kind,
                lang: g.lang,
                confidence: g.confidence,
            },
            lone: g.probs.is_empty(),
            own: Some(g.own).filter(|own| !own.is_empty()),
        }
    }
}

/// A [`Tagging`]'s backends as [`arabic_guess`] asks them about `text`.
struct Plain<'a, T> {
    tagging: &'a mut T,
    text: &'a [char],
}

impl<T: Tagging> Backends for Plain<'_, T> {
    type Error = T::Error;

    fn fasttext(&mut self, unshaped: Option<&[char]>, members: &[usize]) -> Result<Say, T::Error> {
        (self.tagging).fasttext(unshaped.unwrap_or(self.text), members)
    }

    fn family(
        &mut self,
        unshaped: Option<&[char]>,
        family: &[usize],
    ) -> Result<(Say, Say), T::Error> {
        (self.tagging).family(unshaped.unwrap_or(self.text), family)
    }
}

/// The guess of `text`: [`arabic_guess`] when `arabic`, else the caller's.
fn guess_of<T: Tagging>(
    text: &[char],
    arabic: bool,
    candidates: Candidates<'_>,
    sums: Option<usize>,
    tagging: &mut T,
) -> Result<Guess, T::Error> {
    if !arabic {
        return tagging.guess(text, sums);
    }
    let mut backends = Plain { tagging, text };
    let found = answer(text, candidates.arabic, candidates.question, &mut backends)?;
    Ok(Guess::of_arabic(found))
}

/// The language the words alone give `text` ([`words_lead`]), `sums` its
/// words' log-likelihoods.
fn lead(text: &[char], sums: &[(usize, f64)]) -> Option<usize> {
    let values: Vec<f64> = sums.iter().map(|&(_, v)| v).collect();
    words_lead(text, &values).map(|k| sums[k].0)
}

/// Whether the words alone give every one of `sentences` the same language
/// ([`words_lead`]): then they are not cut ([`clear_cut`] wants two), and
/// their guesses need not be made.  Stops at the first sentence that has no
/// lead or another one.
fn one_lead(text: &[char], sentences: &[(usize, usize)], sums: &[Vec<(usize, f64)>]) -> bool {
    let mut first = None;
    for (&(s, e), sums) in sentences.iter().zip(sums) {
        let found = lead(&text[s..e], sums);
        if found.is_none() || (first.is_some() && found != first) {
            return false;
        }
        first = found;
    }
    true
}

/// Whether sentences with these guesses should become segments of their
/// own: each must favour its own language over its neighbours' by
/// [`SPLIT_RATIO`].  An Arabic verse followed by its Persian translation is
/// cut, a Persian paragraph with one sentence that looks Arabic by a hair is
/// not.
pub fn clear_cut(guesses: &[Guess]) -> bool {
    if guesses.iter().any(|g| g.lang.is_none()) || guesses.iter().all(|g| g.lang == guesses[0].lang)
    {
        return false;
    }
    for (i, g) in guesses.iter().enumerate() {
        let neighbours = [i.checked_sub(1), Some(i + 1)];
        for j in neighbours.into_iter().flatten() {
            let Some(other) = guesses.get(j).filter(|o| o.lang != g.lang) else {
                continue;
            };
            if g.confidence < SPLIT_RATIO * probability(&g.probs, other.lang) {
                return false;
            }
        }
    }
    true
}

/// Tags a run of text, cut between sentences of clearly different languages.
fn tag_run<T: Tagging>(
    text: &[char],
    run: &Run,
    sentences: Option<&[(usize, usize)]>,
    candidates: Candidates<'_>,
    tagging: &mut T,
    out: &mut Vec<Work>,
) -> Result<(), T::Error> {
    let arabic = run.script == "Arab";
    let mut whole = None;
    if let Some(sentences) = sentences {
        // A Latin run's words are looked up once, for every sentence and
        // the whole run: a word never spans two sentences.
        let sums = if !arabic && candidates.several_latin {
            Some(tagging.sums(sentences)?)
        } else {
            None
        };
        let one = sums
            .as_ref()
            .is_some_and(|sums| one_lead(text, sentences, sums));
        let mut guesses = Vec::new();
        if !one {
            for (k, &(s, e)) in sentences.iter().enumerate() {
                let found = sums.as_ref().map(|_| k);
                guesses.push(guess_of(&text[s..e], arabic, candidates, found, tagging)?);
            }
        }
        if !guesses.is_empty() && clear_cut(&guesses) {
            let first = out.len();
            for (&(s, e), g) in sentences.iter().zip(guesses) {
                if out.len() > first {
                    let prev = out.last_mut().expect("one was pushed");
                    if prev.span.lang == g.lang {
                        prev.span.end = e;
                        prev.span.confidence = larger(prev.span.confidence, g.confidence);
                        continue;
                    }
                    if prev.span.end < s {
                        let between =
                            Work::new(prev.span.end, s, "Zyyy", Kind::Space, Guess::default());
                        out.push(between);
                    }
                }
                out.push(Work::new(s, e, run.script, Kind::Text, g));
            }
            return Ok(());
        }
        whole = sums.map(|sums| sums.len() - 1);
    }
    let g = guess_of(
        &text[run.start..run.end],
        arabic,
        candidates,
        whole,
        tagging,
    )?;
    out.push(Work::new(run.start, run.end, run.script, run.kind, g));
    Ok(())
}

/// Where a paragraph ends: two line feeds (or CR LF pairs) with only other
/// white space between them, or a paragraph separator.  The end of the
/// break, when one starts at `at`.
fn paragraph_break(text: &[char], at: usize) -> Option<usize> {
    let pair = |nl: &[char]| {
        let n = nl.len();
        if !text[at..].starts_with(nl) {
            return None;
        }
        let mut k = at + n;
        while k < text.len() && text[k].is_whitespace() && !nl.contains(&text[k]) {
            k += 1;
        }
        text[k..].starts_with(nl).then_some(k + n)
    };
    match text[at] {
        '\u{2029}' => Some(at + 1),
        '\n' => pair(&['\n']),
        '\r' => pair(&['\r', '\n']),
        _ => None,
    }
}

/// The paragraphs of `text`, cut after each break ([`paragraph_break`]).
pub fn paragraphs(text: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut start, mut at) = (0, 0);
    while at < text.len() {
        match paragraph_break(text, at) {
            Some(end) => {
                out.push((start, end));
                (start, at) = (end, end);
            }
            None => at += 1,
        }
    }
    out.push((start, text.len()));
    out
}

/// The context step's view of a [`Tagging`] and the pieces being weighed.
struct Around<'a, T> {
    tagging: &'a mut T,
    candidates: Candidates<'a>,
    arabic: bool,
    owns: Vec<Option<Vec<(usize, f64)>>>,
}

impl<T: Tagging> Neighbours for Around<'_, T> {
    type Error = T::Error;

    fn guess(&mut self, text: &[char]) -> Result<Said, T::Error> {
        let g = guess_of(text, self.arabic, self.candidates, None, self.tagging)?;
        Ok((g.lang, g.confidence))
    }

    fn own(&mut self, i: usize) -> Result<Option<Vec<(usize, f64)>>, T::Error> {
        Ok(self.owns[i].clone())
    }

    fn words(&mut self, text: &[char], langs: &[usize]) -> Result<Option<Vec<f64>>, T::Error> {
        self.tagging.words(text, langs)
    }
}

/// Runs [`arabic_context`] (when `arabic`) or [`latin_context`] over the
/// pieces `members` of `work`, and keeps what it changes.
fn weigh<T: Tagging>(
    text: &[char],
    work: &mut [Work],
    members: &[usize],
    arabic: bool,
    candidates: Candidates<'_>,
    tagging: &mut T,
) -> Result<(), T::Error> {
    let mut pieces: Vec<Piece> = (members.iter())
        .map(|&k| Piece {
            start: work[k].span.start,
            end: work[k].span.end,
            lang: work[k].span.lang,
            confidence: work[k].span.confidence,
            lone: arabic && work[k].lone,
        })
        .collect();
    let mut around = Around {
        tagging,
        candidates,
        arabic,
        owns: members.iter().map(|&k| work[k].own.clone()).collect(),
    };
    if arabic {
        arabic_context(text, &mut pieces, &mut around)?;
    } else {
        latin_context(text, &mut pieces, &mut around)?;
    }
    for (&k, p) in members.iter().zip(pieces) {
        (work[k].span.lang, work[k].span.confidence) = (p.lang, p.confidence);
    }
    Ok(())
}

/// The context step over every paragraph (text between blank lines): within
/// one, short runs with weak evidence take the language of the runs of their
/// script around them ([`arabic_context`], [`latin_context`]).  Only a text
/// with two Arabic-script pieces or one Latin piece has anything to weigh.
fn context<T: Tagging>(
    text: &[char],
    work: &mut [Work],
    candidates: Candidates<'_>,
    tagging: &mut T,
) -> Result<(), T::Error> {
    let of = |w: &Work, script: &str| w.span.kind == Kind::Text && w.span.script == script;
    let arabic = work.iter().filter(|w| of(w, "Arab")).count();
    if arabic < 2 && !work.iter().any(|w| of(w, "Latn")) {
        return Ok(());
    }
    let mut k = 0;
    for (p_start, p_end) in paragraphs(text) {
        let (mut arabic, mut latin) = (Vec::new(), Vec::new());
        while k < work.len() && work[k].span.start < p_end {
            if work[k].span.start >= p_start {
                if of(&work[k], "Arab") {
                    arabic.push(k);
                } else if of(&work[k], "Latn") {
                    latin.push(k);
                }
            }
            k += 1;
        }
        weigh(text, work, &arabic, true, candidates, tagging)?;
        if candidates.several_latin && !latin.is_empty() {
            weigh(text, work, &latin, false, candidates, tagging)?;
        }
    }
    Ok(())
}

/// The language of each script run of `text` (cut as [`sentences::tagged_runs`]
/// cuts it around `cuts`, the formulas the caller sets apart): Arabic-script
/// runs by [`arabic_guess`], others by the caller's guess; a run holding
/// sentences in clearly different languages cut between them
/// ([`clear_cut`]); then the context step ([`context`]).  Runs of space,
/// punctuation and numbers are `und` with confidence 0.
pub fn tag<T: Tagging>(
    text: &[char],
    cuts: &[(usize, usize)],
    candidates: Candidates<'_>,
    tagging: &mut T,
) -> Result<Vec<Tagged>, T::Error> {
    let mut work = Vec::new();
    for r in sentences::tagged_runs(text, cuts) {
        if r.run.kind == Kind::Text {
            tag_run(
                text,
                &r.run,
                r.sentences.as_deref(),
                candidates,
                tagging,
                &mut work,
            )?;
        } else {
            let run = r.run;
            work.push(Work::new(
                run.start,
                run.end,
                run.script,
                run.kind,
                Guess::default(),
            ));
        }
    }
    context(text, &mut work, candidates, tagging)?;
    Ok(work.into_iter().map(|w| w.span).collect())
}

/// `x` rounded to four decimals as Python's `round(x, 4)` rounds it: the
/// decimal nearest the exact binary value, ties to even.
///
/// Every segment's confidence is rounded.  Most are told without printing
/// the decimal.  Below 2^20 every k + 1/2 is a float and rounding is
/// monotonic, so the float product `x * 10^4` lies on the same side of each
/// half as the exact product, or on the half itself: off a half, the
/// integer nearest it is the one nearest the exact value, and that integer
/// divided by 10^4 (one correctly rounded division) is the float nearest
/// the decimal, as reading the printed decimal back gives.  On a half (a
/// tie, or a product rounded onto one) the decimal is printed and read
/// back: Rust's fixed-precision formatting rounds the exact value, ties to
/// even.
pub fn round4(x: f64) -> f64 {
    let scaled = x * 10_000.0;
    let on_half = (scaled - scaled.trunc()).abs() == 0.5;
    if scaled.abs() < (1u64 << 20) as f64 && !on_half {
        return scaled.round() / 10_000.0;
    }
    printed_round4(x)
}

/// [`round4`] by printing the decimal and reading it back.
fn printed_round4(x: f64) -> f64 {
    format!("{x:.4}").parse().unwrap_or(x)
}

/// Settles the segments of [`tag`]: a text segment below `min_confidence`
/// is `und` with confidence 0; every other confidence is rounded to four
/// decimals ([`round4`]).
pub fn settle(segments: &mut [Tagged], min_confidence: f64) {
    for s in segments {
        if s.kind == Kind::Text && s.confidence < min_confidence {
            (s.lang, s.confidence) = (None, 0.0);
        } else {
            s.confidence = round4(s.confidence);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::test_chars as chars;

    /// Backends that answer from fixed values and record what they were asked.
    #[derive(Default)]
    struct Fixed {
        fasttext: Say,
        lingua: Say,
        words: Say,
        asked_fasttext: Vec<Vec<usize>>,
        asked_family: Vec<Vec<usize>>,
    }

    impl Backends for Fixed {
        type Error = ();

        fn fasttext(&mut self, _: Option<&[char]>, members: &[usize]) -> Result<Say, ()> {
            self.asked_fasttext.push(members.to_vec());
            Ok(self.fasttext.clone().map(|v| v[..members.len()].to_vec()))
        }

        fn family(&mut self, _: Option<&[char]>, family: &[usize]) -> Result<(Say, Say), ()> {
            self.asked_family.push(family.to_vec());
            Ok((self.lingua.clone(), self.words.clone()))
        }
    }

    /// Backends whose lingua says `values` and nothing else.
    fn lingua_saying(values: &[f64]) -> Fixed {
        Fixed {
            lingua: Some(values.to_vec()),
            ..Fixed::default()
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    /// The groups lingua weighs as they were gathered before [`Few`] kept
    /// them in place: the oracle of the test below.
    fn plain_family_groups(cands: &[usize]) -> Vec<Vec<usize>> {
        let position = |lang: usize| cands.iter().position(|&c| c == lang);
        let mut groups: Vec<Vec<usize>> = (0..cands.len())
            .filter(|&i| LINGUA_FAMILY.contains(&cands[i]))
            .map(|i| vec![i])
            .collect();
        if let Some(urdu) = groups.iter_mut().find(|m| cands[m[0]] == UR) {
            urdu.extend(URDU_RELATIVES.iter().filter_map(|&c| position(c)));
        }
        groups
    }

    #[test]
    fn family_groups_in_place_are_those_gathered_in_vectors() {
        // Candidate lists of every length, in many orders: each language once.
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut urdu_full = 0;
        for _ in 0..5000 {
            let mut all: Vec<usize> = (0..letters::LANGUAGES.len()).collect();
            for k in (1..all.len()).rev() {
                all.swap(k, (next() % (k as u64 + 1)) as usize);
            }
            let cands = &all[..(next() % 13) as usize];
            let (groups, count) = family_groups(cands, Question::Language);
            let got: Vec<Vec<usize>> = groups[..count]
                .iter()
                .map(|m| m.as_slice().to_vec())
                .collect();
            let want = plain_family_groups(cands);
            assert_eq!(got, want, "{cands:?}");
            urdu_full += usize::from(want.iter().any(|m| m.len() == FEW));
        }
        assert!(urdu_full > 100, "{urdu_full}");
    }

    #[test]
    fn reweigh_groups_splits_the_groups_share_by_the_softmax() {
        // Equal scores: each of two groups gets half of their joint 0.8;
        // the second group's half splits 3:1 as its members did.
        let out = reweigh_groups(&[0.6, 0.15, 0.05, 0.2], &[0.0, 0.0], &[vec![0], vec![1, 2]]);
        assert!(close(out[0], 0.4));
        assert!(close(out[1], 0.3));
        assert!(close(out[2], 0.1));
        assert_eq!(out[3], 0.2); // outside every group: untouched
                                 // A score ln 3 higher takes three quarters of the share.
        let out = reweigh_groups(&[0.5, 0.5], &[3f64.ln(), 0.0], &[vec![0], vec![1]]);
        assert!(close(out[0], 0.75) && close(out[1], 0.25));
        // A group with no mass inside splits its part evenly.
        let out = reweigh_groups(&[1.0, 0.0, 0.0], &[0.0, 0.0], &[vec![0], vec![1, 2]]);
        assert!(close(out[0], 0.5) && close(out[1], 0.25) && close(out[2], 0.25));
    }

    #[test]
    fn reweigh_splits_the_members_share_by_the_softmax() {
        // Members 0 and 2 hold 0.4; scores ln 3 apart give them 0.3 and 0.1.
        let out = reweigh(&[0.1, 0.6, 0.3], &[0, 2], &[3f64.ln(), 0.0]);
        assert!(close(out[0], 0.3) && close(out[2], 0.1));
        assert_eq!(out[1], 0.6);
    }

    #[test]
    fn a_sure_text_asks_no_backend() {
        // Urdu's own letters (ے ں ٹ) and function words: the letters are sure.
        let mut b = Fixed::default();
        let g = arabic_guess(
            &chars("یہ ایک بہت اچھی کتاب ہے اور میں نے اسے پڑھا ہے"),
            &[],
            &mut b,
        )
        .unwrap()
        .unwrap();
        assert_eq!(letters::LANGUAGES[g.lang], "ur");
        assert!(b.asked_fasttext.is_empty() && b.asked_family.is_empty());
        assert_eq!(g.probs, g.own);
        assert_eq!(g.confidence, g.probs[first_max(&g.probs)]);
    }

    #[test]
    fn no_letters_is_no_guess() {
        let mut b = Fixed::default();
        assert_eq!(arabic_guess(&chars("ب"), &[], &mut b), Ok(None));
        assert_eq!(arabic_guess(&chars("123"), &[], &mut b), Ok(None));
    }

    #[test]
    fn lingua_and_words_split_arabic_persian_and_urdu() {
        // One word both Arabic and Persian write, candidates ar and fa only:
        // the letters leave them close, so lingua and the words are asked.
        let text = chars("كتاب");
        let mut b = Fixed {
            lingua: Some(vec![0.1, 0.9]),
            words: Some(vec![0.0, 2.0 * 3f64.ln()]),
            ..Fixed::default()
        };
        let letters_only = letters::guess(&text, &[AR, FA]);
        let g = arabic_guess(&text, &[AR, FA], &mut b).unwrap().unwrap();
        assert_eq!(b.asked_family, vec![vec![AR, FA]]);
        // No group of fastText's has two candidates.
        assert!(b.asked_fasttext.is_empty());
        // own: the letters' odds times lingua's (1:9).
        let (pa, pf) = (letters_only.probs[0], letters_only.probs[1]);
        let own_fa = 9.0 * pf / (pa + 9.0 * pf);
        assert!(close(g.own[1], own_fa) && close(g.own[0], 1.0 - own_fa));
        // probs: times the words' odds as well, at half weight (e^(ln 3) = 3).
        let fa = 27.0 * pf / (pa + 27.0 * pf);
        assert!(close(g.probs[1], fa) && close(g.probs[0], 1.0 - fa));
        assert_eq!(g.lang, FA);
        assert_eq!(g.confidence, g.probs[1]);
    }

    #[test]
    fn lingua_alone_or_words_alone_count_and_silence_changes_nothing() {
        let text = chars("كتاب");
        let letters_only = letters::guess(&text, &[AR, FA]);
        let mut silent = Fixed::default();
        let g = arabic_guess(&text, &[AR, FA], &mut silent)
            .unwrap()
            .unwrap();
        assert_eq!(silent.asked_family.len(), 1);
        assert_eq!(g.probs, letters_only.probs);
        assert_eq!(g.own, letters_only.probs);
        // Words only: own keeps the letters' split (lingua counts 0).
        let mut words = Fixed {
            words: Some(vec![2.0 * 3f64.ln(), 0.0]),
            ..Fixed::default()
        };
        let g = arabic_guess(&text, &[AR, FA], &mut words).unwrap().unwrap();
        let (pa, pf) = (letters_only.probs[0], letters_only.probs[1]);
        assert!(close(g.own[0], pa) && close(g.own[1], pf));
        assert!(close(g.probs[0], 3.0 * pa / (3.0 * pa + pf)));
        // lingua ruling a language out counts as 10^-4, not 0.
        let mut lingua = lingua_saying(&[0.0, 1.0]);
        let g = arabic_guess(&text, &[AR, FA], &mut lingua)
            .unwrap()
            .unwrap();
        let ar = 1e-4 * pa / (1e-4 * pa + pf);
        assert!(close(g.probs[0], ar) && g.probs[0] > 0.0);
    }

    #[test]
    fn fasttext_splits_urdu_and_punjabi() {
        // A short text Urdu and Punjabi both write, candidates ur and pnb:
        // fastText's log-probabilities are added at half weight inside the group.
        let text = chars("کتاب اور قلم");
        let letters_only = letters::guess(&text, &[UR, PNB]);
        assert!(letters_only.confidence < LETTERS_SURE);
        let mut b = Fixed {
            fasttext: Some(vec![0.0, 2.0 * 2f64.ln()]),
            ..Fixed::default()
        };
        let g = arabic_guess(&text, &[UR, PNB], &mut b).unwrap().unwrap();
        assert_eq!(b.asked_fasttext, vec![vec![UR, PNB]]);
        // Urdu with Punjabi is one group of lingua's: nothing to weigh it against.
        assert!(b.asked_family.is_empty());
        let (s_ur, s_pnb) = (letters_only.scores[0], letters_only.scores[1]);
        // softmax of (s_ur, s_pnb + ln 2): Punjabi's odds doubled.
        let e_ur = s_ur.exp();
        let e_pnb = 2.0 * s_pnb.exp();
        assert!(close(g.probs[1], e_pnb / (e_ur + e_pnb)));
        assert_eq!(g.own, g.probs); // fastText is evidence of the text's own
    }

    #[test]
    fn urdu_stands_for_its_relatives_against_persian() {
        // Candidates fa, ur, pnb: lingua is asked about fa and ur, and the
        // share it gives ur is split between ur and pnb as the letters split it.
        let text = chars("کتاب");
        let letters_only = letters::guess(&text, &[FA, UR, PNB]);
        let mut b = lingua_saying(&[0.5, 0.5]);
        let g = arabic_guess(&text, &[FA, UR, PNB], &mut b)
            .unwrap()
            .unwrap();
        assert_eq!(b.asked_family, vec![vec![FA, UR]]);
        let p = &letters_only.probs;
        let urdu = p[1] + p[2];
        // lingua even: each group keeps its letter mass.
        assert!(close(g.probs[0], p[0]));
        assert!(close(g.probs[1] / g.probs[2], p[1] / p[2]));
        assert!(close(g.probs[1] + g.probs[2], urdu));
    }

    #[test]
    fn the_convention_gathers_the_languages_that_write_alike() {
        // By hand: Persian, Urdu and South Azerbaijani write alike and give
        // their 0.2 + 0.4 + 0.05 to Urdu, the likeliest; Arabic and Kashmiri
        // keep theirs.  `own` gathers to the same language.
        let cands = [AR, FA, UR, KS, AZB];
        let probs = [0.25, 0.2, 0.4, 0.1, 0.05];
        let own = [0.5, 0.1, 0.1, 0.2, 0.1];
        let (p, o) = by_convention(&cands, &probs, &own);
        assert_eq!((p[0], p[1], p[3], p[4]), (0.25, 0.0, 0.1, 0.0));
        assert!(close(p[2], 0.65));
        assert!(close(o[2], 0.3) && o[1] == 0.0 && o[4] == 0.0);
        assert_eq!((o[0], o[3]), (0.5, 0.2));
        // Without a language that writes like Persian, nothing moves.
        assert_eq!(
            by_convention(&[AR, KS], &[0.5, 0.5], &[0.5, 0.5]).0,
            vec![0.5, 0.5]
        );
    }

    #[test]
    fn the_convention_never_asks_fasttext() {
        // The text fastText is asked about when the question is the language
        // (see fasttext_splits_urdu_and_punjabi): asked the convention, Urdu
        // and Punjabi write alike, and their joint share is Urdu's.
        let text = chars("کتاب اور قلم");
        let letters_only = letters::guess(&text, &[UR, PNB]);
        let mut b = Fixed {
            fasttext: Some(vec![0.0, 2.0 * 2f64.ln()]),
            ..Fixed::default()
        };
        let g = convention_guess(&text, &[UR, PNB], &mut b)
            .unwrap()
            .unwrap();
        assert!(b.asked_fasttext.is_empty() && b.asked_family.is_empty());
        let both = letters_only.probs[0] + letters_only.probs[1];
        assert!(close(g.probs[0], both) && g.probs[1] == 0.0);
        assert_eq!(g.lang, UR);
        assert!(close(g.confidence, both));
    }

    #[test]
    fn the_convention_asks_lingua_only_when_arabic_is_in_doubt() {
        // Persian and Urdu close, no Arabic candidate: the convention is
        // known, lingua is not asked (asked the language, it is).
        let text = chars("کتاب");
        let mut b = lingua_saying(&[0.5, 0.5]);
        arabic_guess(&text, &[FA, UR], &mut b).unwrap().unwrap();
        assert_eq!(b.asked_family, vec![vec![FA, UR]]);
        let mut b = lingua_saying(&[0.5, 0.5]);
        let g = convention_guess(&text, &[FA, UR], &mut b).unwrap().unwrap();
        assert!(b.asked_family.is_empty());
        assert!(close(g.probs[0] + g.probs[1], 1.0));
        // No language of lingua's family among the candidates: nothing to ask.
        let mut b = Fixed::default();
        let g = convention_guess(&text, &[KS], &mut b).unwrap().unwrap();
        assert!(b.asked_family.is_empty() && g.lang == KS && g.confidence == 1.0);
        // Arabic and Persian close: lingua is asked, and South Azerbaijani
        // goes with Persian.  lingua 1:9 for Persian: the Persian group's
        // odds against Arabic nine times the letters'.
        let text = chars("كتاب");
        let letters_only = letters::guess(&text, &[AR, FA, AZB]);
        let mut b = lingua_saying(&[0.1, 0.9]);
        let g = convention_guess(&text, &[AR, FA, AZB], &mut b)
            .unwrap()
            .unwrap();
        assert_eq!(b.asked_family, vec![vec![AR, FA]]);
        let p = &letters_only.probs;
        let persian = 9.0 * (p[1] + p[2]) / (p[0] + 9.0 * (p[1] + p[2]));
        assert!(close(g.probs[0], 1.0 - persian));
        let likeliest = if p[2] > p[1] { 2 } else { 1 };
        assert!(close(g.probs[likeliest], persian));
        assert_eq!(g.probs[3 - likeliest], 0.0);
    }

    #[test]
    fn margins_leave_the_priors_out() {
        // One letter, so that the priors are PRIOR's (Pashto's with the cost
        // of one word without its own letters).
        let text = chars("ب");
        let p = letters::priors(&text);
        assert_eq!(p[AR], 0.0);
        assert_eq!(p[FA], -0.2);
        let probs = [(AR, 0.5), (FA, 0.25), (UR, 0.25)];
        // ln(0.5) - 0 against the best rival: Urdu's ln(0.25) + 0.5 beats
        // Persian's ln(0.25) + 0.2 (a lower prior, the same probability).
        let expected = 0.5f64.ln() - (0.25f64.ln() + 0.5);
        assert!(close(margin(&text, &probs, AR, None), expected));
        // Against Persian only.
        let expected = 0.5f64.ln() - (0.25f64.ln() + 0.2);
        assert!(close(margin(&text, &probs, AR, Some(FA)), expected));
        // No rival: infinite; a language without probability counts 10^-12.
        assert_eq!(margin(&text, &[(AR, 1.0)], AR, None), f64::INFINITY);
        assert_eq!(margin(&text, &probs, AR, Some(KS)), f64::INFINITY);
        let expected = 1e-12f64.ln() - (0.5f64.ln() - 0.0);
        assert!(close(margin(&text, &probs, KS, Some(AR)), expected - p[KS]));
        // Presentation forms are read as the letters they show.
        let shaped = chars("\u{FE8F}"); // beh, isolated form
        assert_eq!(
            margin(&shaped, &probs, AR, None),
            margin(&text, &probs, AR, None)
        );
    }

    #[test]
    fn backends_errors_are_handed_back() {
        struct Failing;
        impl Backends for Failing {
            type Error = &'static str;
            fn fasttext(&mut self, _: Option<&[char]>, _: &[usize]) -> Result<Say, &'static str> {
                Err("fasttext")
            }
            fn family(
                &mut self,
                _: Option<&[char]>,
                _: &[usize],
            ) -> Result<(Say, Say), &'static str> {
                Err("family")
            }
        }
        assert_eq!(
            arabic_guess(&chars("كتاب"), &[AR, FA], &mut Failing),
            Err("family")
        );
        assert_eq!(
            arabic_guess(&chars("کتاب اور قلم"), &[UR, PNB], &mut Failing),
            Err("fasttext")
        );
    }

    #[test]
    fn words_are_counted_as_far_as_asked() {
        assert_eq!(words_up_to(&chars("the cat, the hat"), 10), 4);
        assert_eq!(words_up_to(&chars("the cat, the hat"), 2), 2);
        // Joiners and marks are inside a word; digits and apostrophes are not.
        assert_eq!(words_up_to(&chars("می\u{200C}خواهم 42 it's"), 10), 3);
        assert_eq!(words_up_to(&chars("e\u{301}te\u{301}"), 10), 1);
        assert_eq!(words_up_to(&chars(" ... "), 10), 0);
        assert!(short(&chars("Microsoft Office 365")));
        assert!(short(&chars("one two three.")));
        assert!(!short(&chars("one two three four")));
        assert!(short(&chars("")));
    }

    #[test]
    fn latin_letters_are_of_the_latin_script() {
        assert!(has_latin(&chars("123 é")));
        assert!(!has_latin(&chars("кот 123")));
        assert!(!has_latin(&chars("کتاب")));
    }

    #[test]
    fn the_words_lead_by_the_decisive_margin_only() {
        let lead = DECISIVE * 10f64.ln();
        let long = chars("the words of a sentence");
        // Ahead of the best rival by exactly the margin: the lead.
        assert_eq!(words_lead(&long, &[10.0, 10.0 + lead, 1.0]), Some(1));
        // A hair less: lingua is asked.
        assert_eq!(words_lead(&long, &[10.0, 10.0 + lead - 1e-9, 1.0]), None);
        // Short runs, one candidate, no Latin letter: never.
        assert_eq!(words_lead(&chars("the words"), &[lead + 1.0, 0.0]), None);
        assert_eq!(words_lead(&long, &[lead]), None);
        assert_eq!(
            words_lead(&chars("слова и ещё слова"), &[lead + 1.0, 0.0]),
            None
        );
    }

    #[test]
    fn a_decided_run_takes_the_softmax_of_half_its_sums() {
        let long = chars("the words of a sentence");
        let sums = [0.0, 40.0, 40.0 - 2.0 * 3f64.ln() - 30.0];
        assert_eq!(words_decide(&long, &[0.0, 1.0]), None);
        let (best, probs) = words_decide(&long, &sums).unwrap();
        assert_eq!(best, 1);
        // Half of each sum: e^20 : e^0 : e^(20 - ln 3 - 15).
        let z = 20f64.exp() + 1.0 + (5.0 - 3f64.ln()).exp();
        assert!(close(probs[1], 20f64.exp() / z));
        assert!(close(probs[0], 1.0 / z));
        assert!(close(probs[2], (5.0 - 3f64.ln()).exp() / z));
    }

    /// Neighbours that answer from fixed values and record what they were asked.
    #[derive(Default)]
    struct Around {
        guesses: Vec<(String, Said)>,
        owns: Vec<Option<Vec<(usize, f64)>>>,
        words: Option<Vec<f64>>,
        asked: Vec<String>,
        asked_words: Vec<String>,
    }

    impl Neighbours for Around {
        type Error = ();

        fn guess(&mut self, text: &[char]) -> Result<Said, ()> {
            let text: String = text.iter().collect();
            self.asked.push(text.clone());
            Ok((self.guesses.iter())
                .find(|(t, _)| *t == text)
                .map_or((None, 0.0), |&(_, g)| g))
        }

        fn own(&mut self, i: usize) -> Result<Option<Vec<(usize, f64)>>, ()> {
            Ok(self.owns.get(i).cloned().flatten())
        }

        fn words(&mut self, text: &[char], langs: &[usize]) -> Result<Option<Vec<f64>>, ()> {
            self.asked_words.push(text.iter().collect());
            Ok(self.words.clone().map(|w| w[..langs.len()].to_vec()))
        }
    }

    /// The pieces of `parts` joined by `sep`, each with its language and
    /// confidence, and the text they are cut from.
    fn cut(parts: &[(&str, Option<usize>, f64)], sep: &str) -> (Vec<char>, Vec<Piece>) {
        let mut text = Vec::new();
        let mut pieces = Vec::new();
        for &(part, lang, confidence) in parts {
            if !text.is_empty() {
                text.extend(sep.chars());
            }
            let start = text.len();
            text.extend(part.chars());
            let lone = lang.is_none();
            let end = text.len();
            pieces.push(Piece {
                start,
                end,
                lang,
                confidence,
                lone,
            });
        }
        (text, pieces)
    }

    const EN: usize = 20;
    const DE: usize = 21;

    #[test]
    fn a_short_latin_piece_without_evidence_takes_its_sure_context() {
        let (text, mut pieces) = cut(
            &[
                ("Das ist ein langer Satz", Some(DE), 0.9),
                ("Microsoft", Some(EN), 0.57),
                ("und noch ein Satz dazu", Some(DE), 0.95),
            ],
            ", ",
        );
        let mut n = Around {
            guesses: vec![(
                "Das ist ein langer Satz und noch ein Satz dazu".into(),
                (Some(DE), 0.9),
            )],
            owns: vec![None, Some(vec![(EN, 0.57), (DE, 0.43)])],
            ..Around::default()
        };
        latin_context(&text, &mut pieces, &mut n).unwrap();
        // No evidence: lingua below 0.8, and the words have no say.
        assert_eq!(n.asked_words, vec!["Microsoft".to_string()]);
        // The two long pieces make the context, the short one left out.
        assert_eq!(n.asked.len(), 1);
        assert_eq!((pieces[1].lang, pieces[1].confidence), (Some(DE), LENT));
        // The long, sure pieces are not weighed.
        assert_eq!((pieces[0].lang, pieces[0].confidence), (Some(DE), 0.9));
        assert_eq!((pieces[2].lang, pieces[2].confidence), (Some(DE), 0.95));
    }

    #[test]
    fn a_short_latin_piece_without_evidence_or_a_sure_context_is_und() {
        let (text, mut pieces) = cut(
            &[("Google", Some(EN), 0.46), ("Microsoft", Some(DE), 0.57)],
            " / ",
        );
        let mut n = Around {
            owns: vec![
                Some(vec![(EN, 0.46), (DE, 0.44)]),
                Some(vec![(DE, 0.57), (EN, 0.43)]),
            ],
            ..Around::default()
        };
        latin_context(&text, &mut pieces, &mut n).unwrap();
        // Neither has evidence, so neither is the other's context: nothing is guessed.
        assert!(n.asked.is_empty());
        assert_eq!((pieces[0].lang, pieces[0].confidence), (None, 0.0));
        assert_eq!((pieces[1].lang, pieces[1].confidence), (None, 0.0));
    }

    #[test]
    fn a_short_latin_piece_lingua_is_sure_of_keeps_its_language() {
        let parts = [
            ("Das ist ein langer Satz", Some(DE), 0.9),
            ("the annex", Some(EN), 0.97),
        ];
        let (text, mut pieces) = cut(&parts, ". ");
        let mut n = Around {
            guesses: vec![("Das ist ein langer Satz".into(), (Some(DE), 0.9))],
            owns: vec![None, Some(vec![(EN, 0.97), (DE, 0.005)])],
            ..Around::default()
        };
        latin_context(&text, &mut pieces, &mut n).unwrap();
        assert_eq!(n.asked, vec!["Das ist ein langer Satz".to_string()]);
        assert!(n.asked_words.is_empty()); // lingua's 0.97 is evidence enough
        assert_eq!((pieces[1].lang, pieces[1].confidence), (Some(EN), 0.97));
        // Had lingua left German 1%, the context would win.
        let (text, mut pieces) = cut(&parts, ". ");
        n.owns[1] = Some(vec![(EN, 0.97), (DE, 0.01)]);
        latin_context(&text, &mut pieces, &mut n).unwrap();
        assert_eq!((pieces[1].lang, pieces[1].confidence), (Some(DE), LENT));
    }

    #[test]
    fn a_latin_context_reaches_four_evidenced_pieces_each_way() {
        let parts: Vec<(String, Option<usize>, f64)> = (0..10)
            .map(|k| {
                if k == 5 {
                    ("a b".to_string(), Some(EN), 0.3)
                } else {
                    (format!("p{k} q r s"), Some(DE), 0.9)
                }
            })
            .collect();
        let borrowed: Vec<(&str, Option<usize>, f64)> =
            parts.iter().map(|(t, l, c)| (t.as_str(), *l, *c)).collect();
        let (text, mut pieces) = cut(&borrowed, " ");
        let mut n = Around::default();
        latin_context(&text, &mut pieces, &mut n).unwrap();
        // "a b" has no evidence (one letter a word, no own probabilities):
        // its context is pieces 1 to 4 and 6 to 9.
        assert_eq!(
            n.asked,
            vec!["p1 q r s p2 q r s p3 q r s p4 q r s p6 q r s p7 q r s p8 q r s p9 q r s"]
        );
        assert_eq!((pieces[5].lang, pieces[5].confidence), (None, 0.0));
    }

    #[test]
    fn latin_evidence_is_lingua_sure_or_the_words_a_zipf_unit_apart() {
        let mut n = Around::default();
        let text = chars("annex");
        let own = [(EN, 0.6), (DE, 0.4)];
        let ln10 = 10f64.ln();
        n.words = Some(vec![3.5 * ln10, 2.0 * ln10]);
        assert_eq!(latin_evidence(&text, Some(&own), &mut n), Ok(true));
        n.words = Some(vec![2.0 * ln10, 2.5 * ln10]);
        assert_eq!(latin_evidence(&text, Some(&own), &mut n), Ok(false));
        n.words = None;
        assert_eq!(latin_evidence(&text, Some(&own), &mut n), Ok(false));
        assert_eq!(
            latin_evidence(&text, Some(&[(EN, 0.8), (DE, 0.2)]), &mut n),
            Ok(true)
        );
        // A lone letter, a single language or none: never.
        assert_eq!(
            latin_evidence(&chars("a"), Some(&[(EN, 0.9), (DE, 0.1)]), &mut n),
            Ok(false)
        );
        assert_eq!(latin_evidence(&text, Some(&[(EN, 1.0)]), &mut n), Ok(false));
        assert_eq!(latin_evidence(&text, None, &mut n), Ok(false));
        assert_eq!(n.asked_words.len(), 3);
    }

    #[test]
    fn a_lone_arabic_letter_takes_its_sure_context_at_half() {
        let (text, mut pieces) = cut(
            &[
                ("این کتاب را دیروز خریدم", Some(FA), 0.99),
                ("ب", None, 0.0),
            ],
            " ",
        );
        let mut n = Around {
            guesses: vec![("این کتاب را دیروز خریدم ب".into(), (Some(FA), 0.9))],
            // Persian by far: the letters say so.
            owns: vec![Some(vec![(FA, 0.999_999), (AR, 1e-6)])],
            ..Around::default()
        };
        arabic_context(&text, &mut pieces, &mut n).unwrap();
        assert_eq!(n.asked.len(), 1); // the sentence keeps its language unasked
        assert_eq!((pieces[0].lang, pieces[0].confidence), (Some(FA), 0.99));
        assert_eq!(
            (pieces[1].lang, pieces[1].confidence),
            (Some(FA), LENT_TO_LONE)
        );
    }

    #[test]
    fn an_arabic_piece_close_to_its_context_takes_it_and_one_far_keeps_its_own() {
        let parts = [
            ("کتاب", Some(AR), 0.55),
            ("این کتاب را دیروز خریدم", Some(FA), 0.99),
        ];
        let (text, mut pieces) = cut(&parts, " ");
        let close_own = vec![(AR, 0.55), (FA, 0.45)];
        assert!(margin(&chars("کتاب"), &close_own, AR, None) < KEEP_MARGIN);
        let mut n = Around {
            guesses: vec![("کتاب این کتاب را دیروز خریدم".into(), (Some(FA), 0.9))],
            owns: vec![Some(close_own), Some(vec![(FA, 0.999_999), (AR, 1e-6)])],
            ..Around::default()
        };
        arabic_context(&text, &mut pieces, &mut n).unwrap();
        assert_eq!((pieces[0].lang, pieces[0].confidence), (Some(FA), LENT));
        // Arabic by whole letters (e^-20 against it): kept whatever the context.
        let (text, mut pieces) = cut(&parts, " ");
        let far_own = vec![(AR, 1.0 - 2e-9), (FA, 2e-9)];
        assert!(margin(&chars("کتاب"), &far_own, AR, Some(FA)) >= KEEP_MARGIN);
        n.owns[0] = Some(far_own);
        n.asked.clear();
        arabic_context(&text, &mut pieces, &mut n).unwrap();
        assert!(n.asked.is_empty());
        assert_eq!((pieces[0].lang, pieces[0].confidence), (Some(AR), 0.55));
    }

    #[test]
    fn a_weak_arabic_piece_its_context_agrees_with_borrows_its_confidence() {
        let (text, mut pieces) = cut(
            &[
                ("فیات", Some(FA), 0.5),
                ("این کتاب را دیروز خریدم", Some(FA), 0.99),
            ],
            " ",
        );
        let mut n = Around {
            guesses: vec![("فیات این کتاب را دیروز خریدم".into(), (Some(FA), 0.95))],
            owns: vec![
                Some(vec![(FA, 0.5), (AR, 0.5)]),
                Some(vec![(FA, 0.999_999), (AR, 1e-6)]),
            ],
            ..Around::default()
        };
        arabic_context(&text, &mut pieces, &mut n).unwrap();
        assert_eq!((pieces[0].lang, pieces[0].confidence), (Some(FA), LENT));
        // One piece alone has no context.
        let mut one = pieces[..1].to_vec();
        n.asked.clear();
        arabic_context(&text, &mut one, &mut n).unwrap();
        assert!(n.asked.is_empty());
    }

    fn guess(lang: Option<usize>, confidence: f64, probs: &[(usize, f64)]) -> Guess {
        Guess {
            lang,
            confidence,
            probs: probs.to_vec(),
            own: probs.to_vec(),
        }
    }

    #[test]
    fn sentences_are_cut_when_each_favours_its_own_language_eightfold() {
        // 0.9 against 0.1 (9 times) either way: cut.
        let ar = guess(Some(AR), 0.9, &[(AR, 0.9), (FA, 0.1)]);
        let fa = guess(Some(FA), 0.9, &[(FA, 0.9), (AR, 0.1)]);
        assert!(clear_cut(&[ar.clone(), fa.clone()]));
        // 0.85 against 0.15 (5.7 times): not cut.
        let weak = guess(Some(FA), 0.85, &[(FA, 0.85), (AR, 0.15)]);
        assert!(!clear_cut(&[ar.clone(), weak]));
        // One language, or an und among them: never cut.
        assert!(!clear_cut(&[ar.clone(), ar.clone()]));
        assert!(!clear_cut(&[ar, fa, Guess::default()]));
    }

    #[test]
    fn paragraphs_end_after_blank_lines_and_separators() {
        // "a\n\nb": the break is both line feeds.
        assert_eq!(paragraphs(&chars("a\n\nb")), vec![(0, 3), (3, 4)]);
        // White space between the line feeds belongs to the break; one line feed is none.
        assert_eq!(paragraphs(&chars("a\n \t\nb\nc")), vec![(0, 5), (5, 8)]);
        assert_eq!(paragraphs(&chars("a\r\n \r\nb")), vec![(0, 6), (6, 7)]);
        assert_eq!(paragraphs(&chars("a\u{2029}b")), vec![(0, 2), (2, 3)]);
        // Three line feeds: a break of two, then a lone one.
        assert_eq!(paragraphs(&chars("a\n\n\nb")), vec![(0, 3), (3, 5)]);
        assert_eq!(paragraphs(&chars("")), vec![(0, 0)]);
    }

    #[test]
    fn confidences_round_as_python_rounds_them() {
        // Exact binary ties go to the even digit: round(0.03125, 4) is 0.0312
        // in Python, round(0.09375, 4) 0.0938.
        assert_eq!(round4(0.03125), 0.0312);
        assert_eq!(round4(0.09375), 0.0938);
        assert_eq!(round4(0.99995), 1.0);
        assert_eq!(round4(0.123_449_9), 0.1234);
        assert_eq!(round4(-0.0).to_bits(), (-0.0_f64).to_bits());
        assert!(round4(f64::NAN).is_nan());
        assert_eq!(round4(f64::INFINITY), f64::INFINITY);
    }

    #[test]
    fn confidences_round_without_printing_as_printed() {
        // Every value the fast way takes is checked against the decimal
        // printed and read back: values spread over 0..1 and beyond, each
        // 4-decimal value and its neighbours, the halves between them and
        // theirs.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut values = Vec::new();
        for _ in 0..200_000 {
            let unit = (next() >> 11) as f64 / (1u64 << 53) as f64;
            values.extend([unit, unit * 200.0, unit * 1e-3]);
        }
        values.extend([0.0, 1.0]);
        for k in 1..=20_000u32 {
            for centre in [f64::from(k) / 10_000.0, (f64::from(k) + 0.5) / 10_000.0] {
                let (mut below, mut above) = (centre, centre);
                for _ in 0..3 {
                    values.extend([below, above]);
                    below = f64::from_bits(below.to_bits() - 1);
                    above = f64::from_bits(above.to_bits() + 1);
                }
            }
        }
        for x in values {
            assert_eq!(round4(x).to_bits(), printed_round4(x).to_bits(), "{x:e}");
        }
    }

    #[test]
    fn fasttext_has_no_say_on_two_words() {
        // The text of fasttext_splits_urdu_and_punjabi without its third word.
        let mut b = Fixed {
            fasttext: Some(vec![0.0, 0.0]),
            ..Fixed::default()
        };
        arabic_guess(&chars("کتاب اور"), &[UR, PNB], &mut b).unwrap();
        assert!(b.asked_fasttext.is_empty());
    }

    /// A [`Tagging`] whose Latin guess is English at 0.9 and which records
    /// what it is asked.
    #[derive(Default)]
    struct Stub {
        asked: Vec<String>,
    }

    impl Tagging for Stub {
        type Error = ();

        fn fasttext(&mut self, _: &[char], _: &[usize]) -> Result<Say, ()> {
            Ok(None)
        }

        fn family(&mut self, _: &[char], _: &[usize]) -> Result<(Say, Say), ()> {
            Ok((None, None))
        }

        fn guess(&mut self, text: &[char], _: Option<usize>) -> Result<Guess, ()> {
            self.asked.push(text.iter().collect());
            Ok(guess(Some(0), 0.9, &[(0, 0.9), (1, 0.1)]))
        }

        fn sums(&mut self, _: &[(usize, usize)]) -> Result<Vec<Vec<(usize, f64)>>, ()> {
            Ok(Vec::new())
        }

        fn words(&mut self, _: &[char], _: &[usize]) -> Result<Option<Vec<f64>>, ()> {
            Ok(None)
        }
    }

    #[test]
    fn a_text_is_tagged_run_by_run() {
        let text = chars("یہ ایک بہت اچھی کتاب ہے اور میں نے اسے پڑھا ہے, hello there");
        let candidates = Candidates {
            arabic: &[],
            several_latin: false,
            question: Question::Language,
        };
        let mut stub = Stub::default();
        let found = tag(&text, &[], candidates, &mut stub).unwrap();
        let langs: Vec<(Kind, Option<usize>)> = found.iter().map(|t| (t.kind, t.lang)).collect();
        assert_eq!(
            langs,
            vec![
                (Kind::Text, Some(UR)),
                (Kind::Space, None), // ", " (script_runs' neutral run)
                (Kind::Text, Some(0)),
            ]
        );
        // The Latin run goes to the caller's guess, the Arabic-script one does not;
        // with one Latin candidate the context has nothing to weigh.
        assert_eq!(stub.asked, vec!["hello there".to_string()]);
        let mut settled = found.clone();
        settle(&mut settled, 0.95);
        assert_eq!(settled[2].lang, None); // 0.9 is below 0.95
        assert_eq!(settled[0].lang, Some(UR));
    }
}
