//! `mixscript._core`: the PyO3 bindings of `mixscript-core`.
//!
//! A thin layer: each function converts its arguments, calls the pure Rust
//! function of the same name and converts the result.  Python strings are
//! indexed by code point, as Rust `char` slices are, so indexes pass through
//! unchanged.  The rules themselves and their tests live in `rust/core`.

use mixscript_core::bidi;
use mixscript_core::visual;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}

fn widen(levels: Vec<u8>) -> Vec<u32> {
    // A Vec<u8> would become `bytes`; the Python side works with lists of int.
    levels.into_iter().map(u32::from).collect()
}

/// Bidi_Class of one character at the core's Unicode version, as its short name.
#[pyfunction]
fn bidi_class(ch: char) -> &'static str {
    bidi::bidi_class(ch).name()
}

/// (level per character, paragraph level) of one paragraph, rules P2-I2.
#[pyfunction]
#[pyo3(signature = (text, base_level=None))]
fn bidi_levels(text: &str, base_level: Option<u8>) -> PyResult<(Vec<u32>, u8)> {
    if base_level.is_some_and(|b| b > bidi::MAX_DEPTH) {
        return Err(PyValueError::new_err(format!(
            "base level must be 0..={}",
            bidi::MAX_DEPTH
        )));
    }
    let (levels, para) = bidi::paragraph_levels(&chars(text), base_level);
    Ok((widen(levels), para))
}

/// P2-P3: 1 if the first strong character (outside isolates) is RTL, 0 if LTR, else None.
#[pyfunction]
fn first_strong_level(text: &str) -> Option<u8> {
    bidi::first_strong_level(&chars(text))
}

/// Levels of another engine with X9-removed characters given the level before them.
#[pyfunction]
fn fill_removed(text: &str, levels: Vec<u8>, para: u8) -> PyResult<Vec<u32>> {
    let classes: Vec<bidi::BidiClass> = text.chars().map(bidi::bidi_class).collect();
    if classes.len() != levels.len() {
        return Err(PyValueError::new_err("one level per character of the text"));
    }
    let mut levels = levels;
    bidi::fill_removed(&classes, &mut levels, para);
    Ok(widen(levels))
}

/// Rule L1: the levels of one line, given its characters and paragraph levels.
#[pyfunction]
fn line_levels(line: &str, levels: Vec<u8>, para: u8) -> PyResult<Vec<u32>> {
    let line = chars(line);
    if line.len() != levels.len() {
        return Err(PyValueError::new_err("one level per character of the line"));
    }
    Ok(widen(bidi::line_levels(&line, &levels, para)))
}

/// Rule L2: indexes of a line's characters in visual order.
#[pyfunction]
fn reorder_line(levels: Vec<u8>) -> Vec<usize> {
    bidi::reorder_line(&levels)
}

/// Rule L3: a visual order with combining marks put back after their base.
#[pyfunction]
fn keep_marks_after_base(line: &str, order: Vec<usize>, levels: Vec<u8>) -> PyResult<Vec<usize>> {
    let line = chars(line);
    let n = line.len();
    if levels.len() != n || order.len() != n || order.iter().any(|&i| i >= n) {
        return Err(PyValueError::new_err(
            "order and levels must each hold one entry per character of the line",
        ));
    }
    Ok(bidi::keep_marks_after_base(&line, &order, &levels))
}

// ---- visual-order evidence (mixscript_core::visual)

/// (forward score, backward score) of one line.
#[pyfunction]
fn visual_score(line: &str) -> (u32, u32) {
    visual::visual_score(&chars(line))
}

/// (forward, backward, words reading better forwards, words reading better backwards).
#[pyfunction]
fn visual_evidence(line: &str) -> (u32, u32, u32, u32) {
    let ev = visual::line_evidence(&chars(line));
    (ev.forward, ev.backward, ev.words_forward, ev.words_backward)
}

/// (forward, backward) scores of one word as stored (marks, tatweel and ZWJ dropped).
#[pyfunction]
fn visual_word_scores(word: &str) -> (u32, u32) {
    visual::word_scores(&chars(word))
}

/// (start, end) of each Arabic-script word of a line as stored.
#[pyfunction]
fn arabic_words(line: &str) -> Vec<(usize, usize)> {
    visual::words(&chars(line))
}

/// Confidence that a line scoring (forward, backward) is in visual order.
#[pyfunction]
fn visual_confidence(forward: u32, backward: u32) -> f64 {
    visual::confidence(forward, backward)
}

/// The function words that tell a direction, sorted.
#[pyfunction]
fn function_words() -> Vec<String> {
    let mut words: Vec<String> = visual::function_words()
        .iter()
        .map(|w| w.iter().collect())
        .collect();
    words.sort();
    words
}

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("UNICODE_VERSION", bidi::UNICODE_VERSION)?;
    m.add_function(wrap_pyfunction!(bidi_class, m)?)?;
    m.add_function(wrap_pyfunction!(bidi_levels, m)?)?;
    m.add_function(wrap_pyfunction!(first_strong_level, m)?)?;
    m.add_function(wrap_pyfunction!(fill_removed, m)?)?;
    m.add_function(wrap_pyfunction!(line_levels, m)?)?;
    m.add_function(wrap_pyfunction!(reorder_line, m)?)?;
    m.add_function(wrap_pyfunction!(keep_marks_after_base, m)?)?;
    // visual-order evidence
    m.add_function(wrap_pyfunction!(visual_score, m)?)?;
    m.add_function(wrap_pyfunction!(visual_evidence, m)?)?;
    m.add_function(wrap_pyfunction!(visual_word_scores, m)?)?;
    m.add_function(wrap_pyfunction!(arabic_words, m)?)?;
    m.add_function(wrap_pyfunction!(visual_confidence, m)?)?;
    m.add_function(wrap_pyfunction!(function_words, m)?)?;
    Ok(())
}
