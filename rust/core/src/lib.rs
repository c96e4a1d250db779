//! The algorithms of mixscript's compiled core, as plain Rust.
//!
//! Nothing here knows about Python: the PyO3 bindings (`rust/py`) convert
//! arguments and results and call these functions, so every rule can be
//! tested with `cargo test` alone.  All Unicode data is generated from the
//! same UCD files as the Python tables, at one version ([`UNICODE_VERSION`]).

pub mod bidi;

pub use bidi::UNICODE_VERSION;

// -- display order and shaping (`mixscript.bidi.display`) ----------------------------------------
pub mod display;
// -- check's scans (rust/core/src/checks) ---------------------------------------------------------
pub mod checks;
// ---- visual-order evidence (mixscript.bidi.repair's scoring)
pub mod visual;

// ---- normalisation steps (rust/core/src/steps/) ----
pub mod steps;

// -- script runs and the language evidence (rust/core/src/{props,runs,letters,conventions}) -----
pub mod affixes;
pub mod conventions;
pub mod letters;
pub mod props;
pub mod runs;
pub mod sentences;

// ---- per-line repairs of PDF extractors' damage (rust/core/src/repair/, mixscript.bidi.repair) ----
pub mod repair;
// ---- end of per-line repairs ----

/// The characters of a string, the form every rule takes its text in: the
/// unit tests of each module build their inputs with it.
#[cfg(test)]
pub(crate) fn test_chars(s: &str) -> Vec<char> {
    s.chars().collect()
}

/// `count` texts of up to `max_pieces - 1` of `pieces` each, drawn by a
/// fixed-seed xorshift generator: inputs for the tests that compare a fast
/// scan with the plain one it replaces.
#[cfg(test)]
pub(crate) fn generated_texts(
    pieces: &[&str],
    seed: u64,
    max_pieces: u64,
    count: usize,
) -> Vec<Vec<char>> {
    let mut state = seed;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..count)
        .map(|_| {
            let len = (next() % max_pieces) as usize;
            (0..len)
                .flat_map(|_| pieces[(next() % pieces.len() as u64) as usize].chars())
                .collect()
        })
        .collect()
}

// ---- chains of compiled normalisation steps (rust/core/src/pipeline.rs) ----
pub mod pipeline;

// ---- the alignment of a normalised text with its input (rust/core/src/align.rs) ----
pub mod align;
// ---- end of the alignment ----

// ---- word-frequency lookups (rust/core/src/words.rs, mixscript.lang.words) ----
pub mod words;

// ---- the screen of the formula search (rust/core/src/formulas.rs, mixscript.lang.formulas) ----
pub mod formulas;

// ---- the tagger's guess for an Arabic-script text (rust/core/src/tagger.rs, mixscript.lang.tagger) ----
pub mod tagger;

pub mod segments;
