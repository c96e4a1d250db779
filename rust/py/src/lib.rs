//! `mixscript._core`: the PyO3 bindings of `mixscript-core`.
//!
//! A thin layer: each function converts its arguments, calls the pure Rust
//! function of the same name and converts the result.  Python strings are
//! indexed by code point, as Rust `char` slices are, so indexes pass through
//! unchanged.  The rules themselves and their tests live in `rust/core`.

use mixscript_core::affixes;
use mixscript_core::bidi;
use mixscript_core::checks;
use mixscript_core::conventions::{self, Lang, Tag};
use mixscript_core::display;
use mixscript_core::letters;
use mixscript_core::visual;
use std::cell::Cell;

use pyo3::exceptions::PyValueError;
use pyo3::ffi;
use pyo3::prelude::*;
use pyo3::types::PyString;

fn chars(text: &str) -> Vec<char> {
    text.chars().collect()
}

/// The code points of a `str`, copied out of CPython's own buffer
/// (`PyUnicode_AsUCS4`): no UTF-8 encoding to read back, and a plain
/// widening copy of the one or two bytes a character CPython keeps for
/// Latin and Arabic text.  The buffer is the thread's spare one (see
/// [`Chars`]) when there is one.
fn ucs4(text: &Bound<'_, PyString>) -> PyResult<Vec<u32>> {
    let py = text.py();
    let mut units = SPARE.with(Cell::take);
    units.clear();
    // SAFETY: `text` is a live str; the buffer holds room for `len` code
    // points, as many as PyUnicode_AsUCS4 writes (no terminating NUL asked).
    unsafe {
        let len = ffi::PyUnicode_GetLength(text.as_ptr());
        if len < 0 {
            return Err(PyErr::fetch(py));
        }
        units.reserve(len as usize);
        if ffi::PyUnicode_AsUCS4(text.as_ptr(), units.as_mut_ptr(), len, 0).is_null() {
            return Err(PyErr::fetch(py));
        }
        units.set_len(len as usize);
        Ok(units)
    }
}

thread_local! {
    /// A buffer that served a [`Chars`] before, kept for the next one.
    static SPARE: Cell<Vec<u32>> = const { Cell::new(Vec::new()) };
}

/// The largest buffer kept as the spare one (in code points).
const SPARE_MAX: usize = 1 << 16;

/// The code points of a text as `char`s, in a buffer that becomes the
/// thread's spare one when dropped: the next text is read into it without
/// asking the allocator (a line's buffer is larger than the sizes it keeps
/// at hand).  A text read while another is held gets a buffer of its own.
struct Chars(Vec<char>);

impl std::ops::Deref for Chars {
    type Target = [char];

    fn deref(&self) -> &[char] {
        &self.0
    }
}

impl Drop for Chars {
    fn drop(&mut self) {
        let chars = std::mem::take(&mut self.0);
        if chars.capacity() <= SPARE_MAX {
            let mut chars = std::mem::ManuallyDrop::new(chars);
            // SAFETY: a `char` is a `u32` (same size and alignment): the
            // buffer is a valid `Vec<u32>` as it is.
            let units = unsafe {
                Vec::from_raw_parts(
                    chars.as_mut_ptr().cast::<u32>(),
                    chars.len(),
                    chars.capacity(),
                )
            };
            SPARE.with(|spare| spare.set(units));
        }
    }
}

/// `units` as `char`s, in place; the units back if one is no `char` (a
/// lone surrogate, which a `str` may hold).
fn scalar_values(units: Vec<u32>) -> Result<Chars, Vec<u32>> {
    // Sixteen units at a time, without branches (vectorised): a block whose
    // OR is below U+D800 (Latin, Arabic, most scripts) holds no surrogate
    // and nothing beyond U+10FFFF; only another is looked at unit by unit.
    let is_bad = |u: u32| ((u & !0x7FF) == 0xD800) | (u > 0x10FFFF);
    let bad = units.chunks(16).any(|block| {
        block.iter().fold(0, |or, &u| or | u) >= 0xD800 && block.iter().any(|&u| is_bad(u))
    });
    if bad {
        return Err(units);
    }
    let mut units = std::mem::ManuallyDrop::new(units);
    // SAFETY: every unit is a Unicode scalar value, and `char` has the size
    // and alignment of `u32`: the buffer is a valid `Vec<char>` as it is.
    Ok(Chars(unsafe {
        Vec::from_raw_parts(
            units.as_mut_ptr().cast::<char>(),
            units.len(),
            units.capacity(),
        )
    }))
}

/// The `char`s of a `str` argument; for a `str` with a lone surrogate, the
/// error its conversion to a Rust string raises (as a `&str` argument's).
fn str_chars(text: &Bound<'_, PyString>) -> PyResult<Chars> {
    match scalar_values(ucs4(text)?) {
        Ok(chars) => Ok(chars),
        Err(_) => Err(text
            .to_str()
            .err()
            .unwrap_or_else(|| PyValueError::new_err("lone surrogate in text"))),
    }
}

/// `text[start:end]` (code points; `start <= end <= len(text)`).
fn substring<'py>(
    text: &Bound<'py, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Bound<'py, PyString>> {
    let (Ok(start), Ok(end)) = (
        ffi::Py_ssize_t::try_from(start),
        ffi::Py_ssize_t::try_from(end),
    ) else {
        return Err(PyValueError::new_err("a slice beyond any text"));
    };
    // SAFETY: `text` is a live str for the call; PyUnicode_Substring
    // returns a new reference, or NULL with an exception set.
    unsafe {
        Bound::from_owned_ptr_or_err(
            text.py(),
            ffi::PyUnicode_Substring(text.as_ptr(), start, end),
        )
    }
    .and_then(|s| Ok(s.downcast_into::<PyString>()?))
}

/// A new `cls`, a frozen dataclass without `__post_init__`, whose fields
/// `names` hold `values`: what the dataclass's generated `__init__` does
/// (`object.__new__(cls)`, then `object.__setattr__` for each field in
/// turn, past the frozen class's own `__setattr__`), without running a
/// Python function for every instance.
fn frozen_instance<'py>(
    cls: &Bound<'py, pyo3::types::PyType>,
    names: &[&Bound<'py, PyString>],
    values: &[Bound<'py, PyAny>],
) -> PyResult<Bound<'py, PyAny>> {
    let py = cls.py();
    // SAFETY: `cls` is a live type object; PyType_GenericAlloc (what
    // `object.__new__` calls for a class without its own allocator) returns
    // a new reference, or NULL with an exception set.
    let made = unsafe {
        Bound::from_owned_ptr_or_err(py, ffi::PyType_GenericAlloc(cls.as_type_ptr(), 0))?
    };
    for (name, value) in names.iter().zip(values) {
        // SAFETY: the three pointers are live objects for the call.
        let set =
            unsafe { ffi::PyObject_GenericSetAttr(made.as_ptr(), name.as_ptr(), value.as_ptr()) };
        if set < 0 {
            return Err(PyErr::fetch(py));
        }
    }
    Ok(made)
}

/// The size of the `wchar_t` a wide-character function takes.
fn wide_char_size<T>(
    _: unsafe extern "C" fn(*const T, ffi::Py_ssize_t) -> *mut ffi::PyObject,
) -> usize {
    std::mem::size_of::<T>()
}

/// A new `str` of `chars`.  A text of Latin-1 (most lines of European
/// languages; every character below U+0100) is narrowed here to a byte a
/// character and handed to `PyUnicode_DecodeLatin1`, which copies it as
/// it is into the narrowest `str`.  A text of the BMP (Arabic script,
/// typographic quotes) is narrowed to UTF-16 code units, each one a
/// character (a `char` is never a surrogate), and decoded in the native
/// byte order, which reads them a machine word at a time;
/// `PyUnicode_FromWideChar` would look at each character twice, once for
/// the largest and once to copy it.  Others, where `wchar_t` is UTF-32
/// (not Windows), are handed over as they are; else decoded from UTF-32.
/// (The limited API offers no way to fill a `str` of two bytes a character
/// directly.)
fn new_str<'py>(py: Python<'py>, chars: &[char]) -> PyResult<Bound<'py, PyString>> {
    let len = chars.len() as ffi::Py_ssize_t;
    // One branch-free pass (vectorised): the OR of the code points is below
    // 0x100 (0x10000) exactly when every one of them is.
    let high = chars.iter().fold(0u32, |high, &c| high | c as u32);
    // The byte order of the UTF-16 and UTF-32 decoders: this machine's.
    let mut native: std::os::raw::c_int = if cfg!(target_endian = "little") {
        -1
    } else {
        1
    };
    // SAFETY: the pointers and lengths describe `bytes`, `units` or
    // `chars`, alive for the call (a `char` is a `u32` holding a scalar
    // value, as a 4-byte `wchar_t` of UTF-32); the callee copies them into
    // a new str.
    let obj = unsafe {
        if high < 0x100 {
            let bytes: Vec<u8> = chars.iter().map(|&c| c as u8).collect();
            ffi::PyUnicode_DecodeLatin1(bytes.as_ptr().cast(), len, std::ptr::null())
        } else if high < 0x10000 {
            let units: Vec<u16> = chars.iter().map(|&c| c as u16).collect();
            ffi::PyUnicode_DecodeUTF16(
                units.as_ptr().cast(),
                len * 2,
                std::ptr::null(),
                &mut native,
            )
        } else if wide_char_size(ffi::PyUnicode_FromWideChar) == 4 {
            ffi::PyUnicode_FromWideChar(chars.as_ptr().cast(), len)
        } else {
            ffi::PyUnicode_DecodeUTF32(
                chars.as_ptr().cast(),
                len * 4,
                std::ptr::null(),
                &mut native,
            )
        }
    };
    // SAFETY: a new reference to a str, or null with an exception set.
    Ok(unsafe { Bound::from_owned_ptr_or_err(py, obj)?.downcast_into_unchecked() })
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

// -- display order and shaping (`mixscript.bidi.display`) ----------------------------------------

fn check_base(base_level: Option<u8>) -> PyResult<()> {
    if base_level.is_some_and(|b| b > 1) {
        return Err(PyValueError::new_err("base level must be 0, 1 or None"));
    }
    Ok(())
}

/// Arabic letters to contextual presentation forms, harakat kept or deleted.
#[pyfunction]
#[pyo3(signature = (text, harakat=true))]
fn shape(text: &str, harakat: bool) -> String {
    display::shaping::shape(&chars(text), harakat)
}

/// Whether `text` holds a nonspacing mark of the Arabic blocks (no ALLAH ligature then).
#[pyfunction]
fn has_arabic_marks(text: &str) -> bool {
    text.chars().any(display::shaping::is_arabic_mark)
}

/// Lines of one paragraph in visual order (L1-L4, bidi controls dropped), one per span.
#[pyfunction]
fn render_lines(
    text: &str,
    levels: Vec<u8>,
    para: u8,
    spans: Vec<(usize, usize)>,
    marks_after_base: bool,
) -> PyResult<Vec<String>> {
    let text = chars(text);
    if levels.len() != text.len() {
        return Err(PyValueError::new_err("one level per character of the text"));
    }
    if spans.iter().any(|&(s, e)| s > e || e > text.len()) {
        return Err(PyValueError::new_err("spans must lie within the text"));
    }
    Ok(spans
        .into_iter()
        .map(|span| {
            let mut line = String::new();
            display::render_line(&text, &levels, para, span, marks_after_base, &mut line);
            line
        })
        .collect())
}

/// The whole text in display order, one line per paragraph, shaped or not.
#[pyfunction]
#[pyo3(signature = (text, base_level=None, shape=true, harakat=true, marks_after_base=false))]
fn to_visual(
    text: &str,
    base_level: Option<u8>,
    shape: bool,
    harakat: bool,
    marks_after_base: bool,
) -> PyResult<String> {
    check_base(base_level)?;
    let shaping = match (shape, harakat) {
        (false, _) => display::Shaping::None,
        (true, true) => display::Shaping::KeepHarakat,
        (true, false) => display::Shaping::DropHarakat,
    };
    Ok(display::to_visual(
        &chars(text),
        base_level,
        shaping,
        marks_after_base,
    ))
}

// -- script runs and the language evidence (rust/core/src/{props,runs,letters,conventions}) -----

/// (start, end, script, kind) of each script run of `text` (see `mixscript.text.runs`).
#[pyfunction]
fn script_runs<'py>(text: &Bound<'py, PyString>) -> PyResult<Vec<ScriptRun<'py>>> {
    let runs = mixscript_core::runs::script_runs(&str_chars(text)?);
    Ok(with_names(text.py(), runs, |run| run, |named, _| named))
}

/// `runs` as Python tuples: `tuple` is given each run as a [`ScriptRun`]
/// (the script and kind names shared) and the run itself; `run_of` finds
/// the script run in it.
fn with_names<'py, R, T>(
    py: Python<'py>,
    runs: Vec<R>,
    run_of: impl Fn(&R) -> &mixscript_core::runs::Run,
    tuple: impl Fn(ScriptRun<'py>, R) -> T,
) -> Vec<T> {
    let mut names = SHARED_NAMES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    runs.into_iter()
        .map(|r| {
            let run = run_of(&r);
            let named = (
                run.start,
                run.end,
                shared_name(py, &mut names, run.script),
                shared_name(py, &mut names, run.kind.name()),
            );
            tuple(named, r)
        })
        .collect()
}

/// (start, end, script, kind) of a script run.
type ScriptRun<'py> = (usize, usize, Bound<'py, PyString>, Bound<'py, PyString>);

/// (start, end, script, kind, sentences) of each script run of the parts of
/// `text` between `cuts`, with a text run's sentences when it has two or
/// more, else None (see `mixscript_core::sentences::tagged_runs`).
#[pyfunction]
fn tagged_runs<'py>(
    text: &Bound<'py, PyString>,
    cuts: Vec<(usize, usize)>,
) -> PyResult<Vec<TaggedRun<'py>>> {
    let runs = mixscript_core::sentences::tagged_runs(&str_chars(text)?, &cuts);
    Ok(with_names(
        text.py(),
        runs,
        |r| &r.run,
        |(start, end, script, kind), r| (start, end, script, kind, r.sentences),
    ))
}

/// (start, end, script, kind, sentences or None) of a run of `tagged_runs`.
type TaggedRun<'py> = (
    usize,
    usize,
    Bound<'py, PyString>,
    Bound<'py, PyString>,
    Option<Vec<(usize, usize)>>,
);

/// The sentence spans of `text[start:end]` (see `mixscript_core::sentences::sentences`).
#[pyfunction]
fn sentences(
    text: &Bound<'_, PyString>,
    start: usize,
    end: usize,
) -> PyResult<Vec<(usize, usize)>> {
    Ok(mixscript_core::sentences::sentences(
        &str_chars(text)?,
        start,
        end,
    ))
}

/// Python strings of the core's names (script codes, kinds of runs), each
/// made once: the runs of a text name a few of them many times.
static SHARED_NAMES: std::sync::Mutex<Vec<(&str, Py<PyString>)>> =
    std::sync::Mutex::new(Vec::new());

fn shared_name<'py>(
    py: Python<'py>,
    names: &mut Vec<(&'static str, Py<PyString>)>,
    name: &'static str,
) -> Bound<'py, PyString> {
    // The same name is mostly the same static string: its address is
    // compared first, its characters only when that fails.
    let same_str = |known: &&str| std::ptr::eq(*known, name);
    if let Some((_, shared)) = (names.iter().find(|(known, _)| same_str(known)))
        .or_else(|| names.iter().find(|(known, _)| *known == name))
    {
        return shared.bind(py).clone();
    }
    let shared = PyString::intern(py, name);
    names.push((name, shared.clone().unbind()));
    shared
}

/// (start, end) of the Arabic-script runs the `letters` step must tag (see `mixscript.lang.conventions`).
#[pyfunction]
fn convention_pieces(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize)>> {
    Ok(mixscript_core::conventions::convention_pieces(&str_chars(
        text,
    )?))
}

/// `f` of `text` read as letters: its presentation forms unshaped, as the
/// letter guess reads them (the core's scans take letters).
fn of_letters<R>(text: &str, f: impl FnOnce(&[char]) -> R) -> R {
    let text = chars(text);
    f(visual::unshape_if_shaped(&text).as_deref().unwrap_or(&text))
}

/// Letter and word evidence per language of `LETTER_LANGUAGES` (see `mixscript.lang.letters`).
#[pyfunction]
fn letter_scores(text: &str) -> Vec<f64> {
    of_letters(text, |t| letters::scores(t).to_vec())
}

/// Each language's prior, Pashto's with the cost of the words without its own letters.
#[pyfunction]
fn letter_priors(text: &str) -> Vec<f64> {
    of_letters(text, |t| letters::priors(t).to_vec())
}

/// Arabic-script letters (U+0600..U+06FF, Lo) in `text`.
#[pyfunction]
fn letter_count(text: &str) -> usize {
    of_letters(text, letters::letter_count)
}

/// Letters of Arabic script (any block) in `text`.
#[pyfunction]
fn arabic_script_letters(text: &str) -> usize {
    of_letters(text, letters::arabic_script_letters)
}

/// Letters of `text` that `lang` does not write, not even as a loan.
#[pyfunction]
fn foreign_letters(text: &str, lang: &str) -> usize {
    of_letters(text, |t| letters::foreign_letters(t, lang))
}

/// Whether `text` is one word, a function word of some language.
#[pyfunction]
fn lone_function_word(text: &str) -> bool {
    of_letters(text, letters::lone_function_word)
}

fn add_language_functions(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("LETTER_LANGUAGES", letters::LANGUAGES.to_vec())?;
    m.add("LETTER_PRIOR", letters::PRIOR.to_vec())?;
    m.add_function(wrap_pyfunction!(script_runs, m)?)?;
    m.add_function(wrap_pyfunction!(tagged_runs, m)?)?;
    m.add_function(wrap_pyfunction!(sentences, m)?)?;
    m.add_function(wrap_pyfunction!(convention_pieces, m)?)?;
    m.add(
        "CONVENTION_CHARS",
        conventions::CONVENTION_CHARS.iter().collect::<String>(),
    )?;
    m.add_function(wrap_pyfunction!(letters_edits, m)?)?;
    m.add_function(wrap_pyfunction!(convert_letters, m)?)?;
    m.add_function(wrap_pyfunction!(persian_affixes_edits, m)?)?;
    m.add_function(wrap_pyfunction!(affix_edits, m)?)?;
    m.add_function(wrap_pyfunction!(affix_candidate, m)?)?;
    m.add_function(wrap_pyfunction!(letter_scores, m)?)?;
    m.add_function(wrap_pyfunction!(letter_priors, m)?)?;
    m.add_function(wrap_pyfunction!(letter_count, m)?)?;
    m.add_function(wrap_pyfunction!(arabic_script_letters, m)?)?;
    m.add_function(wrap_pyfunction!(foreign_letters, m)?)?;
    m.add_function(wrap_pyfunction!(lone_function_word, m)?)?;
    Ok(())
}

/// An edit as Python takes it: `(start, end, replacement)`.
type TextEdit = (usize, usize, std::borrow::Cow<'static, str>);

fn text_edits(edits: Vec<mixscript_core::steps::Edit>) -> Vec<TextEdit> {
    edits
        .into_iter()
        .map(|e| (e.start, e.end, e.text))
        .collect()
}

/// A segment of the tagger's answer: `(start, end, script, lang, direction,
/// kind, confidence)`, as `mixscript.lang.tagger.tag_spans` gives it.
type PySpan<'py> = (
    usize,
    usize,
    Bound<'py, PyString>,
    Bound<'py, PyString>,
    Bound<'py, PyAny>,
    Bound<'py, PyString>,
    f64,
);

/// The closure the core's steps ask a run's tags of: `tag` (a Python
/// callable) called with the run's text.
fn run_tags<'a, 'py>(tag: &'a Bound<'py, PyAny>) -> impl FnMut(&[char]) -> PyResult<Vec<Tag>> + 'a {
    move |run| {
        let answer = tag.call1((new_str(tag.py(), run)?,))?;
        let mut out = Vec::new();
        for item in answer.try_iter()? {
            let (start, end, script, lang, _, kind, confidence): PySpan<'_> = item?.extract()?;
            out.push(Tag {
                start,
                end,
                arabic: script.to_str()? == "Arab",
                text: kind.to_str()? == "text",
                lang: Lang::from_code(lang.to_str()?),
                confidence,
            });
        }
        Ok(out)
    }
}

/// Edits of the `letters` step; `tag(run)` gives the tagger's segments of a run.
#[pyfunction]
fn letters_edits(text: &Bound<'_, PyString>, tag: &Bound<'_, PyAny>) -> PyResult<Vec<TextEdit>> {
    let chars = str_chars(text)?;
    if !chars
        .iter()
        .any(|c| conventions::CONVENTION_CHARS.contains(c))
    {
        return Ok(Vec::new());
    }
    Ok(text_edits(conventions::letters(
        &chars,
        &mut run_tags(tag),
    )?))
}

/// `(offset, letter)` that `lang`'s yeh/kaf convention rewrites in `text[start:end]`.
#[pyfunction]
fn convert_letters(
    text: &Bound<'_, PyString>,
    lang: &str,
    start: usize,
    end: usize,
) -> PyResult<Vec<(usize, char)>> {
    let chars = str_chars(text)?;
    let end = end.min(chars.len());
    Ok(conventions::convert_letters(
        &chars,
        Lang::from_code(lang),
        start.min(end),
        end,
    ))
}

/// Edits of the `persian_affixes` step; `tag(run)` gives the tagger's segments of a run.
#[pyfunction]
fn persian_affixes_edits(
    text: &Bound<'_, PyString>,
    tag: &Bound<'_, PyAny>,
) -> PyResult<Vec<TextEdit>> {
    let chars = str_chars(text)?;
    Ok(text_edits(affixes::persian_affixes(
        &chars,
        &mut run_tags(tag),
    )?))
}

/// Edits joining the spaced Persian affixes inside `spans` of `text`.
#[pyfunction]
fn affix_edits(text: &Bound<'_, PyString>, spans: Vec<(usize, usize)>) -> PyResult<Vec<TextEdit>> {
    let chars = str_chars(text)?;
    let n = chars.len();
    let spans: Vec<(usize, usize)> = spans
        .into_iter()
        .map(|(s, e)| (s.min(n), e.min(n)))
        .collect();
    Ok(text_edits(affixes::affix_edits(&chars, &spans)))
}

/// Whether `text` holds a Persian prefix or suffix beside a space.
#[pyfunction]
fn affix_candidate(text: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(affixes::affix_candidate(&str_chars(text)?))
}

// -- end of script runs and the language evidence -----------------------------------------------

// -- check's scans (rust/core/src/checks) ---------------------------------------------------------

/// The code points of a Python string.  `check` must accept text with lone
/// surrogates (they are MS504 findings), which no Rust string can hold; in
/// such a text ([`ucs4`]) each surrogate is read as U+FFFD, which every
/// scan treats as it treats a surrogate (a control, neither letter nor
/// word character), so positions stay those of the Python string.
fn code_points(text: &Bound<'_, PyString>) -> PyResult<Chars> {
    Ok(scalar_values(ucs4(text)?).unwrap_or_else(|units| {
        Chars(
            units
                .into_iter()
                .map(|u| char::from_u32(u).unwrap_or('\u{FFFD}'))
                .collect(),
        )
    }))
}

/// None when no rule of `check` can report anything in `text`, else
/// (unbalanced bidi controls, invisible candidates, controls, may hold mojibake).
#[pyfunction]
fn check_scan(text: &Bound<'_, PyString>, icu: bool) -> PyResult<Option<CharScanTuple>> {
    Ok(checks::scan(&code_points(text)?, icu)
        .map(|s| (s.unbalanced_bidi, s.invisible, s.controls, s.mojibake)))
}

type CharScanTuple = (Vec<usize>, Vec<usize>, Vec<usize>, bool);

/// Positions of bidi controls that override order or are left unbalanced in their line.
#[pyfunction]
fn unbalanced_bidi_controls(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(checks::unbalanced_bidi_controls(&code_points(text)?))
}

/// Positions of the control characters of the MS50x rules.
#[pyfunction]
fn control_chars(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(checks::control_chars(&code_points(text)?))
}

/// Positions of the invisible characters the MS2xx rules judge.
#[pyfunction]
fn invisible_candidates(text: &Bound<'_, PyString>) -> PyResult<Vec<usize>> {
    Ok(checks::invisible_candidates(&code_points(text)?))
}

/// Whether the ZWNJ or ZWJ at `i` does anything (the `zero_width` step's judgement).
#[pyfunction]
fn joiner_has_effect(text: &Bound<'_, PyString>, i: usize) -> PyResult<bool> {
    let text = code_points(text)?;
    if i >= text.len() || !matches!(text[i], '\u{200C}' | '\u{200D}') {
        return Err(PyValueError::new_err(format!("no ZWNJ or ZWJ at {i}")));
    }
    Ok(mixscript_core::steps::zero_width::joiner_has_effect(
        &text, i,
    ))
}

/// The rule (MS201, MS208, MS211) each ZWSP, ZWNJ or ZWJ at `positions` breaks, or None.
#[pyfunction]
fn invisible_rules(
    text: &Bound<'_, PyString>,
    positions: Vec<usize>,
) -> PyResult<Vec<Option<&'static str>>> {
    let text = code_points(text)?;
    positions
        .into_iter()
        .map(|i| {
            if i < text.len() {
                Ok(checks::invisible_rule(&text, i))
            } else {
                Err(PyValueError::new_err(format!(
                    "position {i} is beyond the text"
                )))
            }
        })
        .collect()
}

/// Whether a Windows-1252 lead character is followed by a continuation character.
#[pyfunction]
fn may_hold_mojibake(text: &Bound<'_, PyString>) -> PyResult<bool> {
    Ok(checks::may_hold_mojibake(&code_points(text)?))
}

/// The word rules' starting points, from one reading of the text:
/// ((start, end, latin_on_line) of the words to judge, (start, end) of the
/// runs of decimal digits that mix digit systems).
#[pyfunction]
fn word_scan(text: &Bound<'_, PyString>, icu: bool) -> PyResult<WordScanTuple> {
    let text = code_points(text)?;
    let words = checks::words_to_judge(&text, icu)
        .into_iter()
        .map(|(a, b, kind)| (a, b, kind == checks::WordKind::LatinOnLine))
        .collect();
    Ok((words, checks::mixed_digit_runs(&text)))
}

type WordScanTuple = (Vec<(usize, usize, bool)>, Vec<(usize, usize)>);

/// Whether the word rules have anything to look at ([`checks::words_to_look_at`])
/// in `text` with `edits` applied (sorted, not overlapping: the fixes
/// `check` chose), without the edited text coming back to Python.
#[pyfunction]
fn edited_words_to_look_at(
    text: &Bound<'_, PyString>,
    edits: Vec<(usize, usize, Bound<'_, PyString>)>,
    icu: bool,
) -> PyResult<bool> {
    let edits = edits
        .into_iter()
        .map(|(start, end, replacement)| Ok((start, end, code_points(&replacement)?.to_vec())))
        .collect::<PyResult<Vec<_>>>()?;
    let edited = checks::apply_edits(&code_points(text)?, &edits);
    Ok(checks::words_to_look_at(&edited, icu))
}

fn add_checks(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_scan, m)?)?;
    m.add_function(wrap_pyfunction!(unbalanced_bidi_controls, m)?)?;
    m.add_function(wrap_pyfunction!(control_chars, m)?)?;
    m.add_function(wrap_pyfunction!(invisible_candidates, m)?)?;
    m.add_function(wrap_pyfunction!(invisible_rules, m)?)?;
    m.add_function(wrap_pyfunction!(joiner_has_effect, m)?)?;
    m.add_function(wrap_pyfunction!(may_hold_mojibake, m)?)?;
    m.add_function(wrap_pyfunction!(word_scan, m)?)?;
    m.add_function(wrap_pyfunction!(edited_words_to_look_at, m)?)?;
    Ok(())
}

// ---- visual-order evidence (mixscript_core::visual)

/// (forward score, backward score) of one line.
#[pyfunction]
fn visual_score(line: &str) -> (u32, u32) {
    visual::str_score(line)
}

/// (forward, backward, words reading better forwards, words reading better backwards).
#[pyfunction]
fn visual_evidence(line: &str) -> (u32, u32, u32, u32) {
    let ev = visual::str_evidence(line).0;
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

/// `text` with every positional presentation form replaced by its letters;
/// `text` itself when it holds no presentation form.
#[pyfunction]
fn unshape<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
    match visual::unshape_if_shaped(&str_chars(text)?) {
        Some(letters) => new_str(text.py(), &letters),
        None => Ok(text.clone()),
    }
}

/// "initial", "medial", "final" or "isolated" for a positional presentation form, else "".
#[pyfunction]
fn presentation_form(ch: char) -> &'static str {
    visual::presentation_form(ch).map_or("", |form| form.name())
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

// ---- normalisation steps (mixscript_core::steps) ----
//
// Each returns the step's edits as (start, end, replacement) tuples, the
// `Edit` of `mixscript.text.edits`.

mod steps_bindings {
    use mixscript_core::steps::{
        bidi_controls as bc, digits as dg, forms, marks, nfc as nfc_core, spaces as sp,
        zero_width as zw, Edit,
    };
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;

    type PyEdit = (usize, usize, std::borrow::Cow<'static, str>);

    fn out(edits: Vec<Edit>) -> Vec<PyEdit> {
        edits
            .into_iter()
            .map(|e| (e.start, e.end, e.text))
            .collect()
    }

    fn chars(text: &str) -> Vec<char> {
        text.chars().collect()
    }

    /// The step's edits, or none without building the character vector when
    /// no character of `text` is one the step could touch (most lines, for
    /// most steps: the scan over the UTF-8 is much cheaper than the copy).
    fn run(
        text: &str,
        touches: fn(char) -> bool,
        step: impl FnOnce(&[char]) -> Vec<Edit>,
    ) -> Vec<PyEdit> {
        if text.chars().any(touches) {
            out(step(&chars(text)))
        } else {
            Vec::new()
        }
    }

    fn unsafe_for_nfc(ch: char) -> bool {
        !nfc_core::is_safe_starter(ch)
    }

    /// Text in Normalization Form C at the core's Unicode version.
    #[pyfunction]
    pub fn nfc(text: &str) -> String {
        nfc_core::nfc(&chars(text)).into_iter().collect()
    }

    /// Whether `nfc` leaves the text unchanged.
    #[pyfunction]
    pub fn is_nfc(text: &str) -> bool {
        !text.chars().any(unsafe_for_nfc) || nfc_core::is_nfc(&chars(text))
    }

    /// Edits of the `nfc` step (chunk by chunk if `precise`, else one).
    #[pyfunction]
    pub fn nfc_edits(text: &str, precise: bool) -> Vec<PyEdit> {
        run(text, unsafe_for_nfc, |t| nfc_core::nfc_step(t, precise))
    }

    /// Edits of the `presentation_forms` step.
    #[pyfunction]
    pub fn presentation_forms_edits(text: &str, precise: bool) -> Vec<PyEdit> {
        run(text, forms::is_presentation_form, |t| {
            forms::presentation_forms(t, precise)
        })
    }

    /// Edits of the `ligatures` step.
    #[pyfunction]
    pub fn ligatures_edits(text: &str) -> Vec<PyEdit> {
        run(text, forms::is_ligature, forms::ligatures)
    }

    /// Edits of the `zero_width` step for one option (keep, unused, hints, joiners).
    #[pyfunction]
    pub fn zero_width_edits(text: &str, option: &str) -> PyResult<Vec<PyEdit>> {
        let option = zw::ZeroWidth::from_name(option).ok_or_else(|| {
            PyValueError::new_err(format!("unknown zero_width option {option:?}"))
        })?;
        Ok(run(text, zw::is_zero_width, |t| zw::zero_width(t, option)))
    }

    /// Edits of the `tatweel` step.
    #[pyfunction]
    pub fn tatweel_edits(text: &str) -> Vec<PyEdit> {
        run(text, |c| c == '\u{0640}', marks::tatweel)
    }

    /// Edits of the `harakat` step.
    #[pyfunction]
    pub fn harakat_edits(text: &str) -> Vec<PyEdit> {
        run(text, marks::is_haraka, marks::harakat)
    }

    /// Edits of the `fold` step.
    #[pyfunction]
    pub fn fold_edits(text: &str, precise: bool) -> Vec<PyEdit> {
        run(text, marks::may_fold, |t| marks::fold(t, precise))
    }

    /// Edits of the `spaces` step (`all`: no-break spaces everywhere too).
    #[pyfunction]
    pub fn spaces_edits(text: &str, all: bool) -> Vec<PyEdit> {
        run(text, sp::is_unified_space, |t| sp::spaces(t, all))
    }

    /// Edits of the `digits` step for one option (keep, ascii, arabic,
    /// persian), given the text's Arabic-script runs as (start, end).
    #[pyfunction]
    pub fn digits_edits(
        text: &str,
        option: &str,
        arabic_runs: Vec<(usize, usize)>,
    ) -> PyResult<Vec<PyEdit>> {
        let target = dg::Digits::from_name(option)
            .ok_or_else(|| PyValueError::new_err(format!("unknown digits option {option:?}")))?;
        Ok(run(text, dg::is_digit, |t| {
            dg::digits(t, target, &arabic_runs)
        }))
    }

    /// Edits of the `bidi_controls` step for one option (keep, unbalanced, all).
    #[pyfunction]
    pub fn bidi_controls_edits(text: &str, option: &str) -> PyResult<Vec<PyEdit>> {
        let option = bc::BidiControls::from_name(option).ok_or_else(|| {
            PyValueError::new_err(format!("unknown bidi_controls option {option:?}"))
        })?;
        Ok(run(text, bc::is_bidi_control_or_mark, |t| {
            bc::bidi_controls(t, option)
        }))
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(nfc, m)?)?;
        m.add_function(wrap_pyfunction!(is_nfc, m)?)?;
        m.add_function(wrap_pyfunction!(nfc_edits, m)?)?;
        m.add_function(wrap_pyfunction!(presentation_forms_edits, m)?)?;
        m.add_function(wrap_pyfunction!(ligatures_edits, m)?)?;
        m.add_function(wrap_pyfunction!(zero_width_edits, m)?)?;
        m.add_function(wrap_pyfunction!(tatweel_edits, m)?)?;
        m.add_function(wrap_pyfunction!(harakat_edits, m)?)?;
        m.add_function(wrap_pyfunction!(fold_edits, m)?)?;
        m.add_function(wrap_pyfunction!(bidi_controls_edits, m)?)?;
        m.add_function(wrap_pyfunction!(spaces_edits, m)?)?;
        m.add_function(wrap_pyfunction!(digits_edits, m)?)?;
        Ok(())
    }
}
// ---- end of normalisation steps ----

// ---- per-line repairs of PDF extractors' damage (mixscript_core::repair) ----
//
// Each repair gives back the very string it was given when the line needs
// nothing (almost every line), so the caller's `fixed != line` test costs
// one comparison of identical objects.
mod repair_bindings {
    use mixscript_core::repair;
    use pyo3::prelude::*;
    use pyo3::types::PyString;

    type Repair = fn(&[char]) -> Option<Vec<char>>;

    /// `f(line)`, or `line` itself when `may` (a necessary condition of `f`) says no.
    fn apply<'py>(
        line: &Bound<'py, PyString>,
        may: fn(&[char]) -> bool,
        f: Repair,
    ) -> PyResult<Bound<'py, PyString>> {
        let text = super::str_chars(line)?;
        if !may(&text) {
            return Ok(line.clone());
        }
        match f(&text) {
            Some(fixed) => super::new_str(line.py(), &fixed),
            None => Ok(line.clone()),
        }
    }

    /// The line without pdftotext's RLE/LRE ... PDF wrappers, displaced spaces put back.
    #[pyfunction]
    fn unwrap_extractor_controls<'py>(
        line: &Bound<'py, PyString>,
    ) -> PyResult<Bound<'py, PyString>> {
        apply(line, repair::may_unwrap, repair::unwrap_extractor_controls)
    }

    /// A logical line's final stop moved back from its front (or from before a final number).
    #[pyfunction]
    fn move_final_stop<'py>(line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        apply(line, repair::may_move_stop, repair::move_final_stop)
    }

    /// A line whose runs came out left to right read back in reverse.
    #[pyfunction]
    fn runs_in_visual_order<'py>(line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        apply(line, repair::may_reorder_runs, repair::runs_in_visual_order)
    }

    /// Each ZWNJ displaced before a letter (and a space) put back after it.
    #[pyfunction]
    fn put_back_zwnj<'py>(line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        apply(line, repair::may_put_back_zwnj, repair::put_back_zwnj)
    }

    /// Whether the line's sentence-final stop stands at its front.
    #[pyfunction]
    fn final_stop_at_front(line: &Bound<'_, PyString>) -> PyResult<bool> {
        let line = super::str_chars(line)?;
        Ok(repair::may_move_stop(&line) && repair::final_stop_at_front(&line))
    }

    /// Where a stop sits between a space and the number ending the line, else -1.
    #[pyfunction]
    fn stop_before_number(line: &str) -> i64 {
        repair::stop_before_number(&line.chars().collect::<Vec<_>>())
            .and_then(|i| i64::try_from(i).ok())
            .unwrap_or(-1)
    }

    /// Whether a runs or final-stop repair may change the line (else neither does).
    #[pyfunction]
    fn may_tidy(line: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(repair::may_tidy(&super::str_chars(line)?))
    }

    /// (start, end, end including the break) of every line; CR LF is one break.
    #[pyfunction]
    fn line_spans(text: &Bound<'_, PyString>) -> PyResult<Vec<(usize, usize, usize)>> {
        Ok(repair::line_spans(&super::str_chars(text)?))
    }

    /// Whether the text holds an Arabic-script letter (Script=Arabic, L*).
    #[pyfunction]
    fn has_arabic_letter(text: &str) -> bool {
        text.chars().any(repair::is_arabic_letter)
    }

    /// (start, end) of each run of Arabic marks.
    #[pyfunction]
    fn arabic_mark_runs(line: &str) -> Vec<(usize, usize)> {
        repair::mark_runs(&line.chars().collect::<Vec<_>>())
    }

    /// One line's record: (start, end, end with its break, the line without
    /// pdftotext's wrappers, whether it had them, whether it holds an
    /// Arabic-script letter, forward, backward, words forward, words
    /// backward, whether it may need tidying).
    type Record<'py> = (
        usize,
        usize,
        usize,
        Bound<'py, PyString>,
        bool,
        bool,
        u32,
        u32,
        u32,
        u32,
        bool,
    );

    /// The record of every line of a text, in one call (see `repair::line_records`).
    ///
    /// A text of one line that needs no unwrapping is its own line: the
    /// very string comes back, so Python compares and hashes nothing new.
    #[pyfunction]
    fn line_records<'py>(text: &Bound<'py, PyString>) -> PyResult<Vec<Record<'py>>> {
        let py = text.py();
        let chars = super::str_chars(text)?;
        let records = repair::line_records(&chars);
        let whole = records.len() == 1;
        records
            .into_iter()
            .map(|r| {
                let unwrapped = r.unwrapped.is_some();
                let work = match r.unwrapped {
                    Some(u) => super::new_str(py, &u)?,
                    None if whole => text.clone(),
                    None => super::new_str(py, &chars[r.start..r.end])?,
                };
                let ev = r.evidence;
                Ok((
                    r.start,
                    r.end,
                    r.brk,
                    work,
                    unwrapped,
                    r.arabic,
                    ev.forward,
                    ev.backward,
                    ev.words_forward,
                    ev.words_backward,
                    r.tidy,
                ))
            })
            .collect()
    }

    /// One drawn line read back in logical order; `(cid:N)` placeholders
    /// move as one glyph.  The very string comes back when the line holds no
    /// right-to-left character.
    #[pyfunction]
    fn line_to_logical<'py>(line: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        let chars = super::str_chars(line)?;
        match repair::reorder::line_to_logical(&chars) {
            Some(read) => super::new_str(line.py(), &read),
            None => Ok(line.clone()),
        }
    }

    /// Every line of a text read back in logical order, line breaks kept.
    #[pyfunction]
    fn to_logical<'py>(text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyString>> {
        let chars = super::str_chars(text)?;
        match repair::reorder::to_logical(&chars) {
            Some(read) => super::new_str(text.py(), &read),
            None => Ok(text.clone()),
        }
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(line_records, m)?)?;
        m.add_function(wrap_pyfunction!(line_to_logical, m)?)?;
        m.add_function(wrap_pyfunction!(to_logical, m)?)?;
        m.add_function(wrap_pyfunction!(unwrap_extractor_controls, m)?)?;
        m.add_function(wrap_pyfunction!(move_final_stop, m)?)?;
        m.add_function(wrap_pyfunction!(runs_in_visual_order, m)?)?;
        m.add_function(wrap_pyfunction!(put_back_zwnj, m)?)?;
        m.add_function(wrap_pyfunction!(final_stop_at_front, m)?)?;
        m.add_function(wrap_pyfunction!(stop_before_number, m)?)?;
        m.add_function(wrap_pyfunction!(may_tidy, m)?)?;
        m.add_function(wrap_pyfunction!(line_spans, m)?)?;
        m.add_function(wrap_pyfunction!(has_arabic_letter, m)?)?;
        m.add_function(wrap_pyfunction!(arabic_mark_runs, m)?)?;
        Ok(())
    }
}
// ---- end of per-line repairs ----

// ---- chains of compiled normalisation steps (mixscript_core::pipeline) ----

mod pipeline_bindings {
    use mixscript_core::align::{self, Alignment, BadEdits};
    use mixscript_core::conventions::Tag;
    use mixscript_core::pipeline::{
        self, Chain, CharSet, OwnKind, OwnStep, Plan, Planned, Segment, Step,
    };
    use mixscript_core::segments;
    use mixscript_core::steps::nfc;
    use pyo3::exceptions::{PyIndexError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::types::{PyDict, PyList, PyString, PyTuple, PyType};

    /// (name, option as `str(option)`) of a step.
    type StepName = (String, String);
    /// (name, option, the `then` steps the profile runs, after `nfc`?).
    type StepSpec = (String, String, Vec<StepName>, bool);

    fn step(name: &str, option: &str) -> PyResult<Step> {
        Step::from_name(name, option)
            .ok_or_else(|| PyValueError::new_err(format!("no compiled step {name}={option}")))
    }

    /// A segment after the lead: `("chain", index, None, False)`, or a
    /// step of the profile's own, `(name, bit, then chain, after nfc?)`.
    type SegmentSpec = (String, usize, Option<usize>, bool);

    fn segment(spec: SegmentSpec, chains: usize, bits: usize) -> PyResult<Segment> {
        let (name, index, then, after_nfc) = spec;
        let kind = match name.as_str() {
            "chain" if index < chains => return Ok(Segment::Chain(index)),
            "chain" => return Err(PyValueError::new_err("no such chain")),
            "visual_order" => OwnKind::VisualOrder,
            "letters" => OwnKind::Letters,
            "persian_affixes" => OwnKind::PersianAffixes,
            _ => OwnKind::Other,
        };
        if index >= bits || then.is_some_and(|t| t >= chains) {
            return Err(PyValueError::new_err(format!(
                "step {name}: no such bit or chain"
            )));
        }
        Ok(Segment::Own(OwnStep {
            kind,
            bit: index as u32,
            then,
            after_nfc,
        }))
    }

    fn chain(specs: Vec<StepSpec>, final_nfc: bool) -> PyResult<Chain> {
        let mut steps = Vec::with_capacity(specs.len());
        for (name, option, then, after_nfc) in specs {
            steps.push(Planned {
                step: step(&name, &option)?,
                then: then
                    .iter()
                    .map(|(n, o)| step(n, o))
                    .collect::<PyResult<_>>()?,
                after_nfc,
            });
        }
        Ok(Chain { steps, final_nfc })
    }

    /// A profile's compiled steps, prepared once: the joined trigger of all
    /// its steps, whether it runs `nfc`, and its chains of consecutive
    /// compiled steps (`mixscript.normalization.profiles` runs the Python
    /// steps between them).  Texts pass as `str` and come back as the same
    /// object when nothing changed.
    /// A profile's compiled steps, prepared once: the joined trigger of all
    /// its steps, whether it runs `nfc`, its chains of consecutive compiled
    /// steps (`mixscript.normalization.profiles` runs the Python steps
    /// between them) and whether chain 0 is the profile's first step.
    /// Texts pass as `str` and come back as the same object when nothing
    /// changed.
    #[pyclass(frozen, module = "mixscript._core")]
    pub struct CompiledPlan {
        plan: Plan,
        /// What [`CompiledPlan::run_all`] is given after the text when no
        /// candidate languages are named, kept for [`CompiledPlan::normalize`].
        defaults: Option<Defaults>,
    }

    /// `run_all`'s arguments after the text: the plan of the profile
    /// without `visual_order`, the taggers of `letters` and
    /// `persian_affixes`, whether harakat go, the visual-order threshold.
    type DefaultsSpec = (
        Option<Py<CompiledPlan>>,
        Py<PyAny>,
        Option<Py<PyAny>>,
        bool,
        f64,
    );

    /// [`DefaultsSpec`] as kept by a plan.
    struct Defaults {
        rest: Option<Py<CompiledPlan>>,
        tags: Py<PyAny>,
        persian_tags: Option<Py<PyAny>>,
        strips_harakat: bool,
        min_confidence: f64,
    }

    impl CompiledPlan {
        /// The body of [`CompiledPlan::run_all`].
        #[allow(clippy::too_many_arguments)]
        fn run_all_of<'py>(
            &self,
            text: &Bound<'py, PyString>,
            rest: Option<&CompiledPlan>,
            tags: &Bound<'py, PyAny>,
            persian_tags: Option<&Bound<'py, PyAny>>,
            strips_harakat: bool,
            min_confidence: f64,
            align: bool,
        ) -> PyResult<Started<'py>> {
            let py = text.py();
            let chars = code_points(text)?;
            let (started, alignment) = self.plan.start_from(&chars, align);
            let current = started.text.as_deref().unwrap_or(&chars);
            let aligned = |alignment: Option<Alignment>| {
                alignment
                    .map(|inner| Bound::new(py, PyAlignment::of(inner)))
                    .transpose()
            };
            if !started.done {
                let mut tags = super::run_tags(tags);
                let mut persian = persian_tags.map(super::run_tags);
                let persian = persian
                    .as_mut()
                    .map(|p| p as &mut dyn FnMut(&[char]) -> PyResult<Vec<Tag>>);
                let answer = match (self.plan.judged_first(started.mask), rest) {
                    (true, Some(rest)) => pipeline::judged_line(
                        &self.plan,
                        &rest.plan,
                        current,
                        started.dirty,
                        alignment.as_ref(),
                        started.mask,
                        started.present,
                        strips_harakat,
                        min_confidence,
                        &mut tags,
                        persian,
                    )?,
                    (true, None) => None,
                    (false, _) => self.plan.finish(
                        std::borrow::Cow::Borrowed(current),
                        started.dirty,
                        started.mask,
                        started.present,
                        alignment.clone(),
                        &mut tags,
                        persian,
                    )?,
                };
                if let Some((out, done_alignment)) = answer {
                    let out = if out[..] == chars[..] {
                        text.clone()
                    } else {
                        new_str(py, &out)?
                    };
                    return Ok((out, aligned(done_alignment)?, false, true, None));
                }
            }
            let out = match &started.text {
                Some(out) => new_str(py, out)?,
                None => text.clone(),
            };
            let alignment = aligned(alignment)?;
            Ok((out, alignment, started.dirty, started.done, started.mask))
        }

        /// Bit `i` set when the trigger of the Python step `i` matches
        /// `chars`; None for a text beyond the BMP (the caller searches
        /// the triggers itself: the sets only list BMP characters).
        fn mask(&self, chars: &[char]) -> Option<u32> {
            self.plan.mask(chars)
        }

        fn run_chain<'py>(
            &self,
            index: usize,
            text: &Bound<'py, PyString>,
            chars: &[char],
            dirty: bool,
            alignment: Option<&Bound<'py, PyAlignment>>,
        ) -> PyResult<Ran<'py>> {
            let chain = self
                .plan
                .chains
                .get(index)
                .ok_or_else(|| PyIndexError::new_err("no such chain"))?;
            let mut dirty = dirty;
            let base = alignment.map(|a| &a.get().inner);
            let (out, aligned) = chain.run_aligned(chars, &mut dirty, base);
            let alignment = match aligned {
                Some(inner) => Some(Bound::new(text.py(), PyAlignment { inner })?),
                None => alignment.cloned(),
            };
            Ok(match out {
                None => (text.clone(), alignment, dirty, self.mask(chars)),
                Some(out) => (new_str(text.py(), &out)?, alignment, dirty, self.mask(&out)),
            })
        }
    }

    /// (text, its alignment if one is kept, dirty, done, mask) at the
    /// start of a profile's run.
    type Started<'py> = (
        Bound<'py, PyString>,
        Option<Bound<'py, PyAlignment>>,
        bool,
        bool,
        Option<u32>,
    );

    /// (text, its alignment if one is kept, dirty, mask of the Python
    /// steps' triggers) after a chain.
    type Ran<'py> = (
        Bound<'py, PyString>,
        Option<Bound<'py, PyAlignment>>,
        bool,
        Option<u32>,
    );

    /// The code points of a `str` ([`super::ucs4`]).  A lone surrogate is
    /// no `char`: ValueError, which the caller turns into the library's own
    /// error.
    fn code_points(text: &Bound<'_, PyString>) -> PyResult<super::Chars> {
        super::scalar_values(super::ucs4(text)?)
            .map_err(|_| PyValueError::new_err("lone surrogate in text"))
    }

    use super::new_str;
    #[pymethods]
    impl CompiledPlan {
        #[new]
        #[pyo3(signature = (guard, nfc, chains, leads, triggers, rest=Vec::new(), final_pass=None, defaults=None))]
        #[allow(clippy::too_many_arguments)]
        fn new(
            guard: Vec<(u32, u32)>,
            nfc: bool,
            chains: Vec<(Vec<StepSpec>, bool)>,
            leads: bool,
            triggers: Vec<Vec<(u32, u32)>>,
            rest: Vec<SegmentSpec>,
            final_pass: Option<usize>,
            defaults: Option<DefaultsSpec>,
        ) -> PyResult<Self> {
            if triggers.len() > 32 {
                return Err(PyValueError::new_err("at most 32 Python steps"));
            }
            let chains: Vec<Chain> = chains
                .into_iter()
                .map(|(specs, last)| chain(specs, last))
                .collect::<PyResult<_>>()?;
            if leads && chains.is_empty() {
                return Err(PyValueError::new_err("no chain 0 to lead with"));
            }
            let rest = rest
                .into_iter()
                .map(|spec| segment(spec, chains.len(), triggers.len()))
                .collect::<PyResult<Vec<_>>>()?;
            if final_pass.is_some_and(|i| i >= chains.len()) {
                return Err(PyValueError::new_err("no such final chain"));
            }
            Ok(CompiledPlan {
                plan: Plan {
                    guard: CharSet::new(&guard),
                    nfc,
                    chains,
                    leads,
                    triggers: triggers.iter().map(|r| CharSet::new(r)).collect(),
                    rest,
                    final_pass,
                },
                defaults: defaults.map(
                    |(rest, tags, persian_tags, strips_harakat, min_confidence)| Defaults {
                        rest,
                        tags,
                        persian_tags,
                        strips_harakat,
                        min_confidence,
                    },
                ),
            })
        }

        /// The start of a profile's run: (text, alignment, dirty, done,
        /// mask).  A text holding no character of the joined trigger is
        /// done (the text, in NFC if the profile runs `nfc`); otherwise
        /// chain 0 has run if it leads the profile, and `mask` tells which
        /// Python steps' triggers match the text (None: search them).
        /// With `align`, the alignment of the text with the input (the
        /// edits of every step run so far), else None.  Raises ValueError
        /// for a `str` with lone surrogates.
        #[pyo3(signature = (text, align=false))]
        fn start<'py>(&self, text: &Bound<'py, PyString>, align: bool) -> PyResult<Started<'py>> {
            let py = text.py();
            let chars = code_points(text)?;
            if !align {
                let started = self.plan.start(&chars);
                let out = match &started.text {
                    Some(out) => new_str(py, out)?,
                    None => text.clone(),
                };
                return Ok((out, None, started.dirty, started.done, started.mask));
            }
            let identity = || Bound::new(py, PyAlignment::of(Alignment::new(chars.len())));
            if self.plan.guard.any_of(&chars) {
                let alignment = Some(identity()?);
                return Ok(if self.plan.leads {
                    let (out, alignment, dirty, mask) =
                        self.run_chain(0, text, &chars, false, alignment.as_ref())?;
                    (out, alignment, dirty, false, mask)
                } else {
                    (text.clone(), alignment, false, false, self.mask(&chars))
                });
            }
            if !self.plan.nfc || chars.iter().all(|&c| nfc::is_safe_starter(c)) {
                return Ok((text.clone(), Some(identity()?), false, true, None));
            }
            let alignment = pipeline::nfc_alignment(&chars);
            let out = new_str(py, &nfc::nfc(&chars))?;
            let alignment = Bound::new(py, PyAlignment::of(alignment))?;
            Ok((out, Some(alignment), false, true, None))
        }

        /// The whole profile in this one call where the core can run it:
        /// the result comes back done.  That is a text no step of
        /// Python's own has work in (`letters` and `persian_affixes` run
        /// here, asking `tags` and `persian_tags`), and a one-line text
        /// that the profile's `visual_order` step would leave alone,
        /// finished by `rest`, the plan of the profile without that step
        /// (`pipeline::judged_line`; `rest` is None for a profile without
        /// it).  Otherwise the text as [`start`] leaves it, for the caller
        /// to go on step by step.  With `align`, the alignment with the
        /// input comes back as `start` gives it.
        #[pyo3(signature = (text, rest, tags, persian_tags, strips_harakat, min_confidence, align=false))]
        #[allow(clippy::too_many_arguments)]
        fn run_all<'py>(
            &self,
            text: &Bound<'py, PyString>,
            rest: Option<&CompiledPlan>,
            tags: &Bound<'py, PyAny>,
            persian_tags: Option<&Bound<'py, PyAny>>,
            strips_harakat: bool,
            min_confidence: f64,
            align: bool,
        ) -> PyResult<Started<'py>> {
            self.run_all_of(
                text,
                rest,
                tags,
                persian_tags,
                strips_harakat,
                min_confidence,
                align,
            )
        }

        /// [`CompiledPlan::run_all`] with the arguments the plan was given
        /// as its `defaults` (no alignment): the result `str` when the
        /// text is done, which is most calls, else `run_all`'s tuple for
        /// the caller to go on step by step.  `normalize` with a profile
        /// and no candidate languages makes this one call.  ValueError
        /// for a plan made without defaults, or a `str` with lone
        /// surrogates.
        fn normalize<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
            let py = text.py();
            let Some(d) = &self.defaults else {
                return Err(PyValueError::new_err("a plan made without defaults"));
            };
            let started = self.run_all_of(
                text,
                d.rest.as_ref().map(|rest| rest.get()),
                d.tags.bind(py),
                d.persian_tags.as_ref().map(|p| p.bind(py)),
                d.strips_harakat,
                d.min_confidence,
                false,
            )?;
            if started.3 {
                return Ok(started.0.into_any());
            }
            Ok(started.into_pyobject(py)?.into_any())
        }

        /// Runs chain `index` on `text`: (new text, alignment, dirty,
        /// mask), where `dirty` (in and out) says whether a step after
        /// `nfc` changed the text, and `mask` is as [`CompiledPlan::start`]'s.
        /// Given the alignment of `text`, the chain's steps compose their
        /// edits onto it (else None comes back).
        #[pyo3(signature = (index, text, dirty, alignment=None))]
        fn run<'py>(
            &self,
            index: usize,
            text: &Bound<'py, PyString>,
            dirty: bool,
            alignment: Option<&Bound<'py, PyAlignment>>,
        ) -> PyResult<Ran<'py>> {
            self.run_chain(index, text, &code_points(text)?, dirty, alignment)
        }
    }

    /// The alignment of a normalised text with its input
    /// (`mixscript_core::align`); `mixscript.text.edits.Alignment` wraps it
    /// for the library's users.  Immutable: `apply` makes a new one.
    #[pyclass(frozen, name = "Alignment", module = "mixscript._core")]
    pub struct PyAlignment {
        inner: Alignment,
    }

    impl PyAlignment {
        fn of(inner: Alignment) -> Self {
            PyAlignment { inner }
        }
    }

    fn refused(why: BadEdits) -> PyErr {
        PyValueError::new_err(match why {
            BadEdits::Unsorted => "edits must be sorted and must not overlap",
            BadEdits::OutOfRange => "an edit ends beyond the text",
            BadEdits::Length => "the text is not the alignment's output (or input)",
            BadEdits::TooManyRules => "too many rule names",
        })
    }

    /// One edit read from Python: (start, end, replacement, its own rule).
    type Read = (usize, usize, String, Option<String>);

    /// `(start, end, replacement)`, and the `rule` of a tuple subclass that
    /// names its own (`mixscript.text.edits.RuledEdit`).
    fn read_edit(item: &Bound<'_, PyAny>) -> PyResult<Read> {
        let (start, end, text): (usize, usize, String) = item.extract()?;
        let own = if item.is_exact_instance_of::<PyTuple>() {
            None
        } else {
            match item.getattr(pyo3::intern!(item.py(), "rule")) {
                Ok(rule) => Some(rule.extract()?),
                Err(_) => None,
            }
        };
        Ok((start, end, text, own))
    }

    #[pymethods]
    impl PyAlignment {
        #[new]
        fn new(length: usize) -> Self {
            PyAlignment::of(Alignment::new(length))
        }

        /// The length of the current text.
        #[getter]
        fn length(&self) -> usize {
            self.inner.len()
        }

        /// Input span that output `[i:j]` comes from; IndexError outside.
        fn source_span(&self, i: i64, j: i64) -> PyResult<(usize, usize)> {
            let span = match (usize::try_from(i), usize::try_from(j)) {
                (Ok(i), Ok(j)) => self.inner.source_span(i, j),
                _ => None,
            };
            span.ok_or_else(|| {
                PyIndexError::new_err(format!(
                    "span {i}:{j} outside output of length {}",
                    self.inner.len()
                ))
            })
        }

        /// The tagged segments of `out` (the current text) anchored on the
        /// input of `source_len` characters (`mixscript_core::segments`):
        /// `tagged` holds (start, end, script, lang, direction, kind,
        /// confidence) tuples covering `out` in order; each anchored one is
        /// a `segment` (start, end, text, script, lang, direction, kind,
        /// confidence), its text the slice of `out` it covers.  `segment`
        /// is a frozen dataclass with those fields (`mixscript.model.Segment`),
        /// made as its `__init__` makes one (`frozen_instance`) unless it has
        /// a `__post_init__`.
        fn anchored_segments<'py>(
            &self,
            source_len: usize,
            out: &Bound<'py, PyString>,
            tagged: &Bound<'py, PyList>,
            segment: &Bound<'py, PyType>,
        ) -> PyResult<Bound<'py, PyList>> {
            let py = out.py();
            let mut rows = Vec::with_capacity(tagged.len());
            let mut weights = Vec::with_capacity(tagged.len());
            let mut starts = Vec::with_capacity(tagged.len());
            for (k, item) in tagged.iter().enumerate() {
                let row = item.downcast_into::<PyTuple>()?;
                if row.len() != 7 {
                    return Err(PyValueError::new_err("a tagged segment is a 7-tuple"));
                }
                let start: usize = row.get_item(0)?.extract()?;
                let end: usize = row.get_item(1)?.extract()?;
                let kind = row.get_item(5)?;
                weights.push((
                    segments::kind_weight(kind.downcast::<PyString>()?.to_str()?),
                    end.saturating_sub(start),
                ));
                if k > 0 {
                    let found = self.inner.source_span(start, start).ok_or_else(|| {
                        PyIndexError::new_err(format!(
                            "position {start} outside output of length {}",
                            self.inner.len()
                        ))
                    })?;
                    starts.push(found.0);
                }
                rows.push((start, end, row));
            }
            let names = [
                pyo3::intern!(py, "start"),
                pyo3::intern!(py, "end"),
                pyo3::intern!(py, "text"),
                pyo3::intern!(py, "script"),
                pyo3::intern!(py, "lang"),
                pyo3::intern!(py, "direction"),
                pyo3::intern!(py, "kind"),
                pyo3::intern!(py, "confidence"),
            ];
            // A class whose __init__ does more than set the fields is called.
            let plain = !segment.hasattr(pyo3::intern!(py, "__post_init__"))?;
            let made = PyList::empty(py);
            for a in segments::anchor(source_len, &starts, &weights) {
                let best = &rows[a.best].2;
                let values = [
                    a.start.into_pyobject(py)?.into_any(),
                    a.end.into_pyobject(py)?.into_any(),
                    super::substring(out, rows[a.first].0, rows[a.last].1)?.into_any(),
                    best.get_item(2)?,
                    best.get_item(3)?,
                    best.get_item(4)?,
                    best.get_item(5)?,
                    best.get_item(6)?,
                ];
                if plain {
                    made.append(super::frozen_instance(segment, &names, &values)?)?;
                } else {
                    made.append(segment.call1(PyTuple::new(py, values)?)?)?;
                }
            }
            Ok(made)
        }

        /// The input position where each output position starts (the
        /// start of `source_span(i, i)`), in one call; IndexError outside.
        fn source_starts(&self, positions: Vec<usize>) -> PyResult<Vec<usize>> {
            positions
                .into_iter()
                .map(|i| {
                    self.inner
                        .source_span(i, i)
                        .map(|(start, _)| start)
                        .ok_or_else(|| {
                            PyIndexError::new_err(format!(
                                "position {i} outside output of length {}",
                                self.inner.len()
                            ))
                        })
                })
                .collect()
        }

        /// `text` (the current text) with sorted, non-overlapping `edits`
        /// applied, and the new alignment; the same objects for no edits.
        fn apply<'py>(
            slf: &Bound<'py, Self>,
            text: &Bound<'py, PyString>,
            edits: &Bound<'py, PyAny>,
            rule: &str,
        ) -> PyResult<(Bound<'py, PyString>, Bound<'py, PyAlignment>)> {
            let read: Vec<Read> = edits
                .try_iter()?
                .map(|item| read_edit(&item?))
                .collect::<PyResult<_>>()?;
            if read.is_empty() {
                return Ok((text.clone(), slf.clone()));
            }
            let chars = code_points(text)?;
            let steps = read.iter().map(|(start, end, text, own)| align::Step {
                start: *start,
                end: *end,
                len: text.chars().count(),
                rule: own.as_deref(),
            });
            let next = slf.get().inner.apply(chars.len(), rule, steps);
            let next = next.map_err(refused)?;
            let mut out = Vec::with_capacity(next.len());
            let mut pos = 0;
            for (start, end, text, _) in &read {
                out.extend_from_slice(&chars[pos..*start]);
                out.extend(text.chars());
                pos = *end;
            }
            out.extend_from_slice(&chars[pos..]);
            let py = text.py();
            Ok((new_str(py, &out)?, Bound::new(py, PyAlignment::of(next))?))
        }

        /// The rules of the steps applied since the identity, in order.
        fn steps(&self) -> Vec<String> {
            self.inner.steps().into_iter().map(str::to_string).collect()
        }

        /// This alignment after the steps of `later` (the alignment of
        /// steps run on the current text), applied one by one.
        fn replay(&self, later: &Bound<'_, PyAlignment>) -> PyResult<PyAlignment> {
            let next = self.inner.replay(&later.get().inner);
            Ok(PyAlignment::of(next.map_err(refused)?))
        }

        /// (start, end, out_start, out_end, rule) of each change, in input
        /// coordinates: input `[start:end]` became output `[out_start:out_end]`.
        fn changes(&self) -> Vec<(usize, usize, usize, usize, String)> {
            self.inner
                .changes()
                .into_iter()
                .map(|c| (c.start, c.end, c.out_start, c.out_end, c.rule))
                .collect()
        }

        /// (out_start, out_end, src_start, src_end, rules) of each block.
        fn blocks(&self) -> Vec<(usize, usize, usize, usize, Vec<String>)> {
            let inner = &self.inner;
            inner
                .blocks()
                .iter()
                .map(|b| {
                    let rules = b.rules().iter().map(|&r| inner.rule_name(r).to_string());
                    (
                        b.out_start,
                        b.out_end,
                        b.src_start,
                        b.src_end,
                        rules.collect(),
                    )
                })
                .collect()
        }
    }

    /// `normalize(text, name)` for a built-in profile named without
    /// candidates, whose plan `plans` keeps by name: the core's one call
    /// (`CompiledPlan.normalize`), and for a text it leaves to Python's
    /// steps, `go_on(started, name)` with what it started.  None when no
    /// plan is kept under `name`, or `text` is no `str` or holds a lone
    /// surrogate: the caller goes the long way, which raises the library's
    /// error.
    ///
    /// Why in the core: a line of mixed text costs the core about six
    /// microseconds, and the Python that found the plan and looked at the
    /// answer cost half a microsecond more; here that is a dictionary
    /// look-up and a type check.
    #[pyfunction]
    fn normalize_by_name<'py>(
        plans: &Bound<'py, PyDict>,
        go_on: &Bound<'py, PyAny>,
        text: &Bound<'py, PyAny>,
        name: &Bound<'py, PyAny>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let Some(plan) = plans.get_item(name)? else {
            return Ok(None);
        };
        let (Ok(plan), Ok(text)) = (plan.downcast::<CompiledPlan>(), text.downcast::<PyString>())
        else {
            return Ok(None);
        };
        let py = text.py();
        let out = match plan.get().normalize(text) {
            Ok(out) => out,
            // A lone surrogate (the long way says where).
            Err(e) if e.is_instance_of::<PyValueError>(py) => return Ok(None),
            Err(e) => return Err(e),
        };
        if out.is_instance_of::<PyString>() {
            return Ok(Some(out));
        }
        go_on.call1((out, name)).map(Some)
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(normalize_by_name, m)?)?;
        m.add_class::<CompiledPlan>()?;
        m.add_class::<PyAlignment>()
    }
}
// ---- end of chains of compiled normalisation steps ----

// ---- the Arabic-script letter guess (rust/core/src/letters.rs, mixscript.lang.letters) ----
mod guess_bindings {
    use mixscript_core::letters;
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;
    use pyo3::pybacked::PyBackedStr;
    use pyo3::sync::GILOnceCell;
    use pyo3::types::{PyDict, PyString};

    /// The names of `letters::LANGUAGES`, then "und", made into Python strings once.
    fn names(py: Python<'_>) -> &[Py<PyString>] {
        static NAMES: GILOnceCell<Vec<Py<PyString>>> = GILOnceCell::new();
        NAMES.get_or_init(py, || {
            letters::LANGUAGES
                .iter()
                .chain(std::iter::once(&"und"))
                .map(|name| PyString::new(py, name).unbind())
                .collect()
        })
    }

    type PyGuess<'py> = (
        Bound<'py, PyString>,
        f64,
        Bound<'py, PyDict>,
        Bound<'py, PyDict>,
        Option<String>,
    );

    /// (lang or "und", confidence, scores, probabilities, the text unshaped or None when it
    /// held no presentation forms) of the letter guess among `candidates`.
    #[pyfunction]
    fn letter_guess<'py>(
        py: Python<'py>,
        text: &str,
        candidates: Vec<PyBackedStr>,
    ) -> PyResult<PyGuess<'py>> {
        let wanted: Vec<usize> = candidates
            .iter()
            .filter_map(|c| letters::LANGUAGES.iter().position(|l| *l == &**c))
            .collect();
        let chars: Vec<char> = text.chars().collect();
        let g = letters::guess(&chars, &wanted);
        let names = names(py);
        let scores = PyDict::new(py);
        let probs = PyDict::new(py);
        for (i, &lang) in g.candidates.iter().enumerate().take(g.scores.len()) {
            scores.set_item(&names[lang], g.scores[i])?;
            probs.set_item(&names[lang], g.probs[i])?;
        }
        let lang = names[g.lang.unwrap_or(letters::LANGUAGES.len())]
            .bind(py)
            .clone();
        let plain = g.unshaped.map(|u| u.into_iter().collect());
        Ok((lang, g.confidence, scores, probs, plain))
    }

    /// The softmax of a dict of scores: a dict of probabilities with the same keys, in order.
    #[pyfunction]
    fn letter_softmax<'py>(scores: &Bound<'py, PyDict>) -> PyResult<Bound<'py, PyDict>> {
        let mut keys = Vec::with_capacity(scores.len());
        let mut values = Vec::with_capacity(scores.len());
        for (k, v) in scores.iter() {
            values.push(v.extract::<f64>()?);
            keys.push(k);
        }
        if values.is_empty() {
            return Err(PyValueError::new_err("softmax of no scores"));
        }
        let out = PyDict::new(scores.py());
        for (k, p) in keys.into_iter().zip(letters::softmax(&values)) {
            out.set_item(k, p)?;
        }
        Ok(out)
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(letter_guess, m)?)?;
        m.add_function(wrap_pyfunction!(letter_softmax, m)?)
    }
}
// ---- end of the Arabic-script letter guess ----
// ---- the tagger's guess for an Arabic-script text (rust/core/src/tagger.rs, mixscript.lang.tagger) ----
mod tagger_bindings {
    use mixscript_core::letters;
    use mixscript_core::tagger::{self, Backends, Say};
    use pyo3::prelude::*;
    use pyo3::pybacked::PyBackedStr;
    use pyo3::sync::GILOnceCell;
    use pyo3::types::{PyDict, PyString, PyTuple};

    /// The names of `letters::LANGUAGES`, made into Python strings once.
    fn names(py: Python<'_>) -> &[Py<PyString>] {
        static NAMES: GILOnceCell<Vec<Py<PyString>>> = GILOnceCell::new();
        NAMES.get_or_init(py, || {
            (letters::LANGUAGES.iter())
                .map(|name| PyString::new(py, name).unbind())
                .collect()
        })
    }

    /// The Python callables behind [`Backends`], each called with the text
    /// the letters read (the given `str` itself when it held no presentation
    /// forms) and a tuple of language codes.
    struct PyBackends<'a, 'py> {
        text: &'a Bound<'py, PyString>,
        plain: Option<Bound<'py, PyString>>,
        fasttext: &'a Bound<'py, PyAny>,
        lingua: &'a Bound<'py, PyAny>,
        words: &'a Bound<'py, PyAny>,
    }

    impl<'py> PyBackends<'_, 'py> {
        fn plain(&mut self, unshaped: Option<&[char]>) -> PyResult<Bound<'py, PyString>> {
            if self.plain.is_none() {
                self.plain = Some(match unshaped {
                    Some(chars) => super::new_str(self.text.py(), chars)?,
                    None => self.text.clone(),
                });
            }
            Ok(self.plain.clone().expect("made above"))
        }
    }

    /// A tuple of the codes of `langs` (indexes of `letters::LANGUAGES`).
    fn codes<'py>(py: Python<'py>, langs: &[usize]) -> PyResult<Bound<'py, PyTuple>> {
        let names = names(py);
        PyTuple::new(py, langs.iter().map(|&i| &names[i]))
    }

    /// A backend's dict as a [`Say`]: `None` when empty, else the value of
    /// each of `langs`, `missing` where the dict has none (None: a KeyError).
    fn say(found: &Bound<'_, PyAny>, langs: &[usize], missing: Option<f64>) -> PyResult<Say> {
        if !found.is_truthy()? {
            return Ok(None);
        }
        let names = names(found.py());
        let dict = found.downcast::<PyDict>()?;
        let mut out = Vec::with_capacity(langs.len());
        for &i in langs {
            out.push(match (dict.get_item(&names[i])?, missing) {
                (Some(v), _) => v.extract()?,
                (None, Some(v)) => v,
                (None, None) => {
                    return Err(pyo3::exceptions::PyKeyError::new_err(
                        names[i].clone_ref(found.py()),
                    ))
                }
            });
        }
        Ok(Some(out))
    }

    /// fastText's say (`fasttext(plain, members)`) on `members`.
    fn fasttext_say(
        fasttext: &Bound<'_, PyAny>,
        plain: &Bound<'_, PyString>,
        members: &[usize],
    ) -> PyResult<Say> {
        let found = fasttext.call1((plain, codes(plain.py(), members)?))?;
        say(&found, members, None)
    }

    /// lingua's (`lingua(plain, family)`) and the words' (`words(plain,
    /// family)`) say on `family`, asked in that order.
    fn family_say(
        lingua: &Bound<'_, PyAny>,
        words: &Bound<'_, PyAny>,
        plain: &Bound<'_, PyString>,
        family: &[usize],
    ) -> PyResult<(Say, Say)> {
        let codes = codes(plain.py(), family)?;
        let found = lingua.call1((plain, &codes))?;
        let lingua = say(&found, family, Some(0.0))?;
        let found = words.call1((plain, &codes))?;
        Ok((lingua, say(&found, family, Some(0.0))?))
    }

    impl Backends for PyBackends<'_, '_> {
        type Error = PyErr;

        fn fasttext(&mut self, unshaped: Option<&[char]>, members: &[usize]) -> PyResult<Say> {
            fasttext_say(self.fasttext, &self.plain(unshaped)?, members)
        }

        fn family(&mut self, unshaped: Option<&[char]>, family: &[usize]) -> PyResult<(Say, Say)> {
            family_say(self.lingua, self.words, &self.plain(unshaped)?, family)
        }
    }

    type PyArabicGuess<'py> = (
        Bound<'py, PyString>,
        f64,
        Bound<'py, PyDict>,
        Bound<'py, PyDict>,
    );

    /// The indexes of `candidates` in `letters::LANGUAGES`, in order; other codes left out.
    fn arabic_candidates(candidates: &[PyBackedStr]) -> Vec<usize> {
        (candidates.iter())
            .filter_map(|c| letters::LANGUAGES.iter().position(|l| *l == &**c))
            .collect()
    }

    /// The Arabic-script candidates of a candidate list as the core reads
    /// them (indexes of `letters::LANGUAGES`), made once per list: a caller
    /// tagging many texts with one list keeps it, rather than have every
    /// call turn the codes into strings of Rust's and look each one up.
    #[pyclass(frozen, module = "mixscript._core")]
    pub(crate) struct ArabicCandidates {
        indexes: Vec<usize>,
        question: tagger::Question,
    }

    #[pymethods]
    impl ArabicCandidates {
        /// The candidates among `codes` (language codes, in order) that the
        /// letters know; other codes are left out.  With `convention`, the
        /// runs' guesses answer the `letters` step's question, their spelling
        /// convention (`tagger::convention_guess`), rather than their language.
        #[new]
        #[pyo3(signature = (codes, convention=false))]
        fn new(codes: Vec<PyBackedStr>, convention: bool) -> Self {
            ArabicCandidates {
                indexes: arabic_candidates(&codes),
                question: if convention {
                    tagger::Question::Convention
                } else {
                    tagger::Question::Language
                },
            }
        }

        /// The codes kept, in order.
        #[getter]
        fn codes<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyTuple>> {
            codes(py, &self.indexes)
        }
    }

    /// (lang, confidence, probabilities, probabilities without the word
    /// frequencies) of an Arabic-script text among `candidates`, or None when
    /// the letters say `und`.  `fasttext(plain, members)`, `lingua(plain,
    /// family)` and `words(plain, family)` are the backends (see
    /// `tagger::Backends`).
    #[pyfunction]
    fn arabic_guess<'py>(
        text: &Bound<'py, PyString>,
        candidates: Vec<PyBackedStr>,
        fasttext: &Bound<'py, PyAny>,
        lingua: &Bound<'py, PyAny>,
        words: &Bound<'py, PyAny>,
    ) -> PyResult<Option<PyArabicGuess<'py>>> {
        let py = text.py();
        let wanted = arabic_candidates(&candidates);
        let chars = super::str_chars(text)?;
        let mut backends = PyBackends {
            text,
            plain: None,
            fasttext,
            lingua,
            words,
        };
        let Some(g) = tagger::arabic_guess(&chars, &wanted, &mut backends)? else {
            return Ok(None);
        };
        let names = names(py);
        let probs = PyDict::new(py);
        for (&lang, &p) in g.candidates.iter().zip(&g.probs) {
            probs.set_item(&names[lang], p)?;
        }
        let own = if g.own == g.probs {
            probs.clone()
        } else {
            let own = PyDict::new(py);
            for (&lang, &p) in g.candidates.iter().zip(&g.own) {
                own.set_item(&names[lang], p)?;
            }
            own
        };
        Ok(Some((
            names[g.lang].bind(py).clone(),
            g.confidence,
            probs,
            own,
        )))
    }

    /// The index of an Arabic-script language's code; KeyError for another.
    fn language(code: &str) -> PyResult<usize> {
        (letters::LANGUAGES.iter().position(|l| *l == code))
            .ok_or_else(|| pyo3::exceptions::PyKeyError::new_err(code.to_string()))
    }

    /// How much `own` (an Arabic-script piece's probabilities) favours `lang` over
    /// `other` (or the best rival), in nats, the priors of `text` left out.
    #[pyfunction]
    #[pyo3(signature = (text, own, lang, other=None))]
    fn arabic_margin(
        text: &Bound<'_, PyString>,
        own: &Bound<'_, PyDict>,
        lang: &str,
        other: Option<&str>,
    ) -> PyResult<f64> {
        let mut probs = Vec::with_capacity(own.len());
        for (k, v) in own.iter() {
            probs.push((language(k.downcast::<PyString>()?.to_str()?)?, v.extract()?));
        }
        let other = other.map(language).transpose()?;
        Ok(tagger::margin(
            &super::str_chars(text)?,
            &probs,
            language(lang)?,
            other,
        ))
    }

    /// The keys and the values of `words` (language: log-likelihood), in its order.
    fn sums<'py>(words: &Bound<'py, PyDict>) -> PyResult<(Vec<Bound<'py, PyAny>>, Vec<f64>)> {
        let mut keys = Vec::with_capacity(words.len());
        let mut values = Vec::with_capacity(words.len());
        for (k, v) in words.iter() {
            values.push(v.extract::<f64>()?);
            keys.push(k);
        }
        Ok((keys, values))
    }

    /// The language the words alone give a Latin `text` (`words`: each
    /// candidate's log-likelihood), or None when they leave it to lingua.
    #[pyfunction]
    fn words_lead<'py>(
        text: &Bound<'py, PyString>,
        words: &Bound<'py, PyDict>,
    ) -> PyResult<Option<Bound<'py, PyAny>>> {
        let (mut keys, values) = sums(words)?;
        let lead = tagger::words_lead(&super::str_chars(text)?, &values);
        Ok(lead.map(|k| keys.swap_remove(k)))
    }

    /// (lang, confidence, probabilities) of `words_decide`.
    type WordsGuess<'py> = (Bound<'py, PyAny>, f64, Bound<'py, PyDict>);

    /// (lang, confidence, probabilities) of a Latin `text` its words alone
    /// decide (`words`: each candidate's log-likelihood), or None.
    #[pyfunction]
    fn words_decide<'py>(
        text: &Bound<'py, PyString>,
        words: &Bound<'py, PyDict>,
    ) -> PyResult<Option<WordsGuess<'py>>> {
        let (keys, values) = sums(words)?;
        let Some((best, probs)) = tagger::words_decide(&super::str_chars(text)?, &values) else {
            return Ok(None);
        };
        let out = PyDict::new(text.py());
        for (k, &p) in keys.iter().zip(&probs) {
            out.set_item(k, p)?;
        }
        Ok(Some((keys[best].clone(), probs[best], out)))
    }

    /// The number of words of `text`, counting no further than `limit`.
    #[pyfunction]
    fn word_count(text: &Bound<'_, PyString>, limit: usize) -> PyResult<usize> {
        Ok(tagger::words_up_to(&super::str_chars(text)?, limit))
    }

    /// Whether `text` holds a letter of the Latin script.
    #[pyfunction]
    fn has_latin(text: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(tagger::has_latin(&super::str_chars(text)?))
    }

    /// Whether `text` has at most `tagger::SHORT_WORDS` words.
    #[pyfunction]
    fn short_text(text: &Bound<'_, PyString>) -> PyResult<bool> {
        Ok(tagger::short(&super::str_chars(text)?))
    }

    /// Language codes as the context step's indexes: an Arabic-script
    /// language's index of `letters::LANGUAGES` (KeyError for another code,
    /// as `arabic_margin`), or for Latin pieces each code in the order met.
    struct Codes<'py> {
        arabic: bool,
        seen: Vec<Bound<'py, PyString>>,
    }

    impl<'py> Codes<'py> {
        fn new(arabic: bool) -> Self {
            Codes {
                arabic,
                seen: Vec::new(),
            }
        }

        /// The index of `code`; None for `und`.
        fn id(&mut self, code: &Bound<'py, PyAny>) -> PyResult<Option<usize>> {
            let code = code.downcast::<PyString>()?;
            let text = code.to_str()?;
            if text == "und" {
                return Ok(None);
            }
            if self.arabic {
                return language(text).map(Some);
            }
            for (k, seen) in self.seen.iter().enumerate() {
                if seen.is(code) || seen.to_str()? == text {
                    return Ok(Some(k));
                }
            }
            self.seen.push(code.clone());
            Ok(Some(self.seen.len() - 1))
        }

        fn name(&self, py: Python<'py>, id: Option<usize>) -> Bound<'py, PyString> {
            match id {
                None => pyo3::intern!(py, "und").clone(),
                Some(k) if self.arabic => names(py)[k].bind(py).clone(),
                Some(k) => self.seen[k].clone(),
            }
        }
    }

    /// The tagger's pieces and callbacks, as `tagger::Neighbours`.
    struct PyNeighbours<'a, 'py> {
        pieces: &'a [Bound<'py, PyAny>],
        codes: Codes<'py>,
        guess: Option<&'a Bound<'py, PyAny>>,
        words: Option<&'a Bound<'py, PyAny>>,
    }

    /// (language, probability) pairs of a dict of probabilities; None for None.
    /// The word frequencies' say on `text` for `langs`, in their order:
    /// `words(text, codes)` answers a dict by language code, falsy when
    /// the words say nothing (None then); a code it leaves out is a KeyError.
    fn words_say<'py>(
        words: &Bound<'py, PyAny>,
        codes: &Codes<'py>,
        text: &[char],
        langs: &[usize],
    ) -> PyResult<Option<Vec<f64>>> {
        let py = words.py();
        let names = PyTuple::new(py, langs.iter().map(|&k| codes.name(py, Some(k))))?;
        let found = words.call1((super::new_str(py, text)?, &names))?;
        if !found.is_truthy()? {
            return Ok(None);
        }
        let found = found.downcast::<PyDict>()?;
        let mut out = Vec::with_capacity(langs.len());
        for code in names.iter() {
            match found.get_item(&code)? {
                Some(v) => out.push(v.extract()?),
                None => return Err(pyo3::exceptions::PyKeyError::new_err(code.unbind())),
            }
        }
        Ok(Some(out))
    }

    fn pairs<'py>(
        own: &Bound<'py, PyAny>,
        codes: &mut Codes<'py>,
    ) -> PyResult<Option<Vec<(usize, f64)>>> {
        if own.is_none() {
            return Ok(None);
        }
        let own = own.downcast::<PyDict>()?;
        let mut out = Vec::with_capacity(own.len());
        for (k, v) in own.iter() {
            let Some(id) = codes.id(&k)? else {
                return Err(pyo3::exceptions::PyKeyError::new_err("und"));
            };
            out.push((id, v.extract()?));
        }
        Ok(Some(out))
    }

    impl tagger::Neighbours for PyNeighbours<'_, '_> {
        type Error = PyErr;

        fn guess(&mut self, text: &[char]) -> PyResult<tagger::Said> {
            let Some(guess) = self.guess else {
                return Ok((None, 0.0));
            };
            let found = guess.call1((super::new_str(guess.py(), text)?,))?;
            let lang = found.get_item(0)?;
            let confidence: f64 = found.get_item(1)?.extract()?;
            Ok((self.codes.id(&lang)?, confidence))
        }

        fn own(&mut self, i: usize) -> PyResult<Option<Vec<(usize, f64)>>> {
            let own = self.pieces[i].getattr(pyo3::intern!(self.pieces[i].py(), "own"))?;
            pairs(&own, &mut self.codes)
        }

        fn words(&mut self, text: &[char], langs: &[usize]) -> PyResult<Option<Vec<f64>>> {
            let Some(words) = self.words else {
                return Ok(None);
            };
            words_say(words, &self.codes, text, langs)
        }
    }

    /// Runs the context step over `pieces` (the tagger's pieces of one
    /// paragraph and script, in order): `tagger::arabic_context` when
    /// `words` is None, else `tagger::latin_context`; and sets the language
    /// and confidence of those it changes.
    fn context<'py>(
        text: &Bound<'py, PyString>,
        pieces: &[Bound<'py, PyAny>],
        guess: &Bound<'py, PyAny>,
        words: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<()> {
        let py = text.py();
        let mut neighbours = PyNeighbours {
            pieces,
            codes: Codes::new(words.is_none()),
            guess: Some(guess),
            words,
        };
        let mut read = Vec::with_capacity(pieces.len());
        for p in pieces {
            read.push(tagger::Piece {
                start: p.getattr(pyo3::intern!(py, "start"))?.extract()?,
                end: p.getattr(pyo3::intern!(py, "end"))?.extract()?,
                lang: (neighbours.codes).id(&p.getattr(pyo3::intern!(py, "lang"))?)?,
                confidence: p.getattr(pyo3::intern!(py, "confidence"))?.extract()?,
                lone: words.is_none() && p.getattr(pyo3::intern!(py, "probs"))?.is_none(),
            });
        }
        let before = read.clone();
        let chars = super::str_chars(text)?;
        if read.iter().any(|p| p.start > p.end || p.end > chars.len()) {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "a piece out of the text",
            ));
        }
        if words.is_none() {
            tagger::arabic_context(&chars, &mut read, &mut neighbours)?;
        } else {
            tagger::latin_context(&chars, &mut read, &mut neighbours)?;
        }
        for ((p, now), was) in pieces.iter().zip(&read).zip(&before) {
            if now.lang != was.lang {
                let name = neighbours.codes.name(py, now.lang);
                p.setattr(pyo3::intern!(py, "lang"), name)?;
            }
            if now.confidence != was.confidence {
                p.setattr(pyo3::intern!(py, "confidence"), now.confidence)?;
            }
        }
        Ok(())
    }

    /// Arabic-script pieces (of one paragraph, in order) that barely prefer
    /// their own language take the context's (`tagger::arabic_context`);
    /// `guess(text)` is the tagger's (lang, confidence, ...) of a text.
    #[pyfunction]
    fn arabic_context<'py>(
        text: &Bound<'py, PyString>,
        pieces: Vec<Bound<'py, PyAny>>,
        guess: &Bound<'py, PyAny>,
    ) -> PyResult<()> {
        context(text, &pieces, guess, None)
    }

    /// Short or unsure Latin pieces (of one paragraph, in order) take the
    /// context's language unless lingua is sure of theirs
    /// (`tagger::latin_context`); `guess(text)` is the tagger's (lang,
    /// confidence, ...) of a text, `words(text, codes)` the words'
    /// log-likelihoods.
    #[pyfunction]
    fn latin_context<'py>(
        text: &Bound<'py, PyString>,
        pieces: Vec<Bound<'py, PyAny>>,
        guess: &Bound<'py, PyAny>,
        words: &Bound<'py, PyAny>,
    ) -> PyResult<()> {
        context(text, &pieces, guess, Some(words))
    }

    /// Whether a short Latin `text` shows a language of its own
    /// (`tagger::latin_evidence`), `own` being lingua's confidences and
    /// `words(text, codes)` the words' log-likelihoods.
    #[pyfunction]
    fn latin_evidence<'py>(
        text: &Bound<'py, PyString>,
        own: &Bound<'py, PyAny>,
        words: &Bound<'py, PyAny>,
    ) -> PyResult<bool> {
        let mut neighbours = PyNeighbours {
            pieces: &[],
            codes: Codes::new(false),
            guess: None,
            words: Some(words),
        };
        let own = pairs(own, &mut neighbours.codes)?;
        tagger::latin_evidence(&super::str_chars(text)?, own.as_deref(), &mut neighbours)
    }

    /// The callables `tag_spans` calls back, and what it passes them.
    struct PyTagging<'a, 'py> {
        text: &'a Bound<'py, PyString>,
        /// The candidates, passed to `guess` as they were given.
        languages: &'a Bound<'py, PyAny>,
        fasttext: Bound<'py, PyAny>,
        lingua: Bound<'py, PyAny>,
        words: Bound<'py, PyAny>,
        guess: Bound<'py, PyAny>,
        stretch: Bound<'py, PyAny>,
        /// The languages of runs of other scripts than Arabic.
        codes: Codes<'py>,
        /// What `stretch` last gave, handed back to `guess`.
        sums: Vec<Bound<'py, PyAny>>,
    }

    /// A guess `(lang, confidence, probs, own)` of Python's as the core's.
    fn guess_of<'py>(found: &Bound<'py, PyAny>, codes: &mut Codes<'py>) -> PyResult<tagger::Guess> {
        let found = found.downcast::<PyTuple>()?;
        let pairs_of = |item: Bound<'py, PyAny>, codes: &mut Codes<'py>| {
            Ok::<_, PyErr>(pairs(&item, codes)?.unwrap_or_default())
        };
        Ok(tagger::Guess {
            lang: codes.id(&found.get_item(0)?)?,
            confidence: found.get_item(1)?.extract()?,
            probs: pairs_of(found.get_item(2)?, codes)?,
            own: pairs_of(found.get_item(3)?, codes)?,
        })
    }

    impl tagger::Tagging for PyTagging<'_, '_> {
        type Error = PyErr;

        fn fasttext(&mut self, plain: &[char], members: &[usize]) -> PyResult<Say> {
            fasttext_say(
                &self.fasttext,
                &super::new_str(self.text.py(), plain)?,
                members,
            )
        }

        fn family(&mut self, plain: &[char], family: &[usize]) -> PyResult<(Say, Say)> {
            let plain = super::new_str(self.text.py(), plain)?;
            family_say(&self.lingua, &self.words, &plain, family)
        }

        fn guess(&mut self, text: &[char], sums: Option<usize>) -> PyResult<tagger::Guess> {
            let text = super::new_str(self.text.py(), text)?;
            let found = match sums {
                Some(k) => (self.guess).call1((text, self.languages, &self.sums[k]))?,
                None => (self.guess).call1((text, self.languages))?,
            };
            guess_of(&found, &mut self.codes)
        }

        fn sums(&mut self, sentences: &[(usize, usize)]) -> PyResult<Vec<Vec<(usize, f64)>>> {
            let found = (self.stretch).call1((self.text, sentences.to_vec(), self.languages))?;
            self.sums = found.try_iter()?.collect::<PyResult<_>>()?;
            let mut out = Vec::with_capacity(self.sums.len());
            for sums in &self.sums {
                out.push(pairs(sums, &mut self.codes)?.unwrap_or_default());
            }
            Ok(out)
        }

        fn words(&mut self, text: &[char], langs: &[usize]) -> PyResult<Option<Vec<f64>>> {
            words_say(&self.words, &self.codes, text, langs)
        }
    }

    /// One segment: start, end, script, lang, direction, kind, confidence.
    type Span<'py> = (
        usize,
        usize,
        Bound<'py, PyAny>,
        Bound<'py, PyAny>,
        Bound<'py, PyAny>,
        Bound<'py, PyAny>,
        f64,
    );

    /// A formula the caller sets apart: start, end, script, lang, kind.
    type Formula<'py> = super::formulas_bindings::Found<'py>;

    /// The tagger's segments of `text` (`tagger::tag`, then `tagger::settle`
    /// at `min_confidence`), with `formulas` (start, end, script, lang,
    /// kind) as segments of their own, confidence 1.  `formulas` may be the
    /// formula search's `FormulaScreen` instead: the core then finds them
    /// when the search needs nothing of Python's (no Latin search to make,
    /// which most texts need not), and otherwise answers None, the caller
    /// to find them and ask again.  `plan` is (the
    /// Arabic-script candidates, whether Latin runs have other than one
    /// candidate); `backends` is (fasttext,
    /// lingua, words, guess, stretch, direction): `fasttext(plain,
    /// members)`, `lingua(plain, family)` and `words(text, codes)` are the
    /// backends, `guess(text, languages[, sums])` a run of another script's
    /// guess (lang, confidence, probs, own), `stretch(text, sentences,
    /// languages)` the words' log-likelihoods of a run's sentences and of the
    /// whole run, `direction(script)` a script's direction.
    #[pyfunction]
    fn tag_spans<'py>(
        text: &Bound<'py, PyString>,
        formulas: &Bound<'py, PyAny>,
        languages: &Bound<'py, PyAny>,
        plan: (Bound<'py, ArabicCandidates>, bool),
        backends: [Bound<'py, PyAny>; 6],
        min_confidence: f64,
    ) -> PyResult<Option<Vec<Span<'py>>>> {
        let py = text.py();
        let chars = super::str_chars(text)?;
        let formulas: Vec<Formula<'py>> =
            match formulas.downcast::<super::formulas_bindings::FormulaScreen>() {
                Ok(screen) => match screen.try_borrow()?.arabic_only(py, &chars) {
                    Some(found) => found,
                    None => return Ok(None),
                },
                Err(_) => formulas.extract()?,
            };
        let (arabic, several_latin) = plan;
        let arabic = arabic.get();
        let [fasttext, lingua, words, guess, stretch, direction] = backends;
        let cuts: Vec<(usize, usize)> = formulas.iter().map(|f| (f.0, f.1)).collect();
        let candidates = tagger::Candidates {
            arabic: &arabic.indexes,
            several_latin,
            question: arabic.question,
        };
        let mut tagging = PyTagging {
            text,
            languages,
            fasttext,
            lingua,
            words,
            guess,
            stretch,
            codes: Codes::new(false),
            sums: Vec::new(),
        };
        let mut found = tagger::tag(&chars, &cuts, candidates, &mut tagging)?;
        tagger::settle(&mut found, min_confidence);
        let arabic_names = names(py);
        let und = pyo3::intern!(py, "und").clone().into_any();
        // Each script's direction is asked once; the lock on the shared names
        // is never held while Python runs.
        let mut directions: Vec<(&'static str, Bound<'py, PyAny>)> = Vec::new();
        let mut out = Vec::with_capacity(found.len() + formulas.len());
        let mut formulas = formulas.into_iter().peekable();
        for s in found {
            while let Some(f) = formulas.next_if(|f| f.0 <= s.start) {
                let way = direction.call1((&f.2,))?;
                out.push((f.0, f.1, f.2, f.3, way, f.4, 1.0));
            }
            let way = match directions.iter().find(|(script, _)| *script == s.script) {
                Some((_, way)) => way.clone(),
                None => {
                    let way = direction.call1((PyString::new(py, s.script),))?;
                    directions.push((s.script, way.clone()));
                    way
                }
            };
            let lang = match s.lang {
                None => und.clone(),
                Some(k) if s.script == "Arab" => arabic_names[k].bind(py).clone().into_any(),
                Some(k) => tagging.codes.name(py, Some(k)).into_any(),
            };
            let (script, kind) = {
                let mut shared = super::SHARED_NAMES
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner);
                (
                    super::shared_name(py, &mut shared, s.script),
                    super::shared_name(py, &mut shared, s.kind.name()),
                )
            };
            out.push((
                s.start,
                s.end,
                script.into_any(),
                lang,
                way,
                kind.into_any(),
                s.confidence,
            ));
        }
        for f in formulas {
            let way = direction.call1((&f.2,))?;
            out.push((f.0, f.1, f.2, f.3, way, f.4, 1.0));
        }
        Ok(Some(out))
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_function(wrap_pyfunction!(tag_spans, m)?)?;
        m.add_class::<ArabicCandidates>()?;
        m.add_function(wrap_pyfunction!(arabic_context, m)?)?;
        m.add_function(wrap_pyfunction!(latin_context, m)?)?;
        m.add_function(wrap_pyfunction!(latin_evidence, m)?)?;
        m.add("SHORT_WORDS", tagger::SHORT_WORDS)?;
        m.add("DECISIVE", tagger::DECISIVE)?;
        m.add_function(wrap_pyfunction!(arabic_guess, m)?)?;
        m.add_function(wrap_pyfunction!(arabic_margin, m)?)?;
        m.add_function(wrap_pyfunction!(words_lead, m)?)?;
        m.add_function(wrap_pyfunction!(words_decide, m)?)?;
        m.add_function(wrap_pyfunction!(word_count, m)?)?;
        m.add_function(wrap_pyfunction!(has_latin, m)?)?;
        m.add_function(wrap_pyfunction!(short_text, m)?)
    }
}
// ---- end of the tagger's guess ----
// ---- word-frequency lookups (mixscript_core::words, mixscript.lang.words) ----
mod words_bindings {
    use mixscript_core::words;
    use pyo3::exceptions::{PyKeyError, PyValueError};
    use pyo3::prelude::*;
    use pyo3::pybacked::PyBackedStr;

    /// (language index, word) pairs only wordfreq can give.
    type Missing = Vec<(usize, String)>;

    fn error(e: words::TableError) -> PyErr {
        match e {
            words::TableError::UnknownLanguage(code) => PyKeyError::new_err(code),
            words::TableError::TooManyTables => PyValueError::new_err("at most 255 plain tables"),
        }
    }

    fn split<T: Default>(found: words::Lookup<'_, T>) -> (T, Missing) {
        match found {
            words::Lookup::Found(values) => (values, Vec::new()),
            words::Lookup::Missing(missing) => (
                T::default(),
                missing
                    .into_iter()
                    .map(|(k, w)| (k, w.to_owned()))
                    .collect(),
            ),
        }
    }

    fn strs(items: &[PyBackedStr]) -> Vec<&str> {
        items.iter().map(|s| &**s).collect()
    }

    fn pairs(words: &[PyBackedStr], values: Vec<f64>) -> PyResult<Vec<(&str, f64)>> {
        if words.len() != values.len() {
            return Err(PyValueError::new_err("one value per word"));
        }
        Ok(words.iter().map(|w| &**w).zip(values).collect())
    }

    /// Each language's Zipf values: plain tables and learnt values (see `mixscript.lang.words`).
    #[pyclass(module = "mixscript._core", name = "WordTables")]
    pub struct WordTables(words::Tables);

    #[pymethods]
    impl WordTables {
        #[new]
        fn new(learned_limit: usize) -> Self {
            WordTables(words::Tables::new(learned_limit))
        }

        #[pyo3(signature = (code, dotless_i, words=None, values=None, remove_marks=false))]
        fn add_language(
            &mut self,
            code: &str,
            dotless_i: bool,
            words: Option<Vec<PyBackedStr>>,
            values: Option<Vec<f64>>,
            remove_marks: bool,
        ) -> PyResult<()> {
            let plain = match (&words, values) {
                (Some(words), Some(values)) => Some(pairs(words, values)?),
                (None, None) => None,
                _ => return Err(PyValueError::new_err("words and values, or neither")),
            };
            self.0
                .add_language(code, plain.as_deref(), dotless_i, remove_marks)
                .map_err(error)
        }

        fn learn(&mut self, code: &str, words: Vec<PyBackedStr>, values: Vec<f64>) -> PyResult<()> {
            self.0.learn(code, &pairs(&words, values)?).map_err(error)
        }

        fn rows(
            &self,
            words: Vec<PyBackedStr>,
            codes: Vec<PyBackedStr>,
        ) -> PyResult<(Vec<Vec<f64>>, Missing)> {
            let found = self.0.rows(&strs(&words), &strs(&codes)).map_err(error)?;
            Ok(split(found))
        }

        fn log_likelihoods(
            &self,
            text: &str,
            codes: Vec<PyBackedStr>,
        ) -> PyResult<(Vec<f64>, Missing)> {
            let found = self.0.log_likelihoods(text, &strs(&codes)).map_err(error)?;
            Ok(split(found))
        }

        fn stretch_log_likelihoods(
            &self,
            stretches: Vec<PyBackedStr>,
            codes: Vec<PyBackedStr>,
        ) -> PyResult<(Vec<Vec<f64>>, Missing)> {
            let found = self
                .0
                .stretch_log_likelihoods(&strs(&stretches), &strs(&codes))
                .map_err(error)?;
            Ok(split(found))
        }
    }

    /// The words of `text`, all of them, in order.
    #[pyfunction]
    fn find_words(text: &str) -> Vec<&str> {
        words::find_words(text).collect()
    }

    /// Whether `word` is plain: looked up by its case-folded form.
    #[pyfunction]
    fn plain_word(word: &str) -> bool {
        words::is_plain_word(word)
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add("MAX_WORDS", words::MAX_WORDS)?;
        m.add_class::<WordTables>()?;
        m.add_function(wrap_pyfunction!(find_words, m)?)?;
        m.add_function(wrap_pyfunction!(plain_word, m)?)
    }
}
// ---- end of word-frequency lookups ----

// ---- the screen of the formula search (mixscript_core::formulas, mixscript.lang.formulas) ----
mod formulas_bindings {
    use mixscript_core::formulas;
    use pyo3::exceptions::PyValueError;
    use pyo3::prelude::*;
    use pyo3::pybacked::PyBackedStr;
    use pyo3::types::{PyList, PyString};
    use pyo3::IntoPyObjectExt;

    fn error(e: formulas::DataError) -> PyErr {
        PyValueError::new_err(e.to_string())
    }

    fn strs(items: &[PyBackedStr]) -> Vec<&str> {
        items.iter().map(|s| &**s).collect()
    }

    /// `f` of the code points of a Python string, lone surrogates included
    /// (the screen reads any code point): CPython's own buffer copied once
    /// ([`super::ucs4`]) into the thread's spare buffer, which is handed
    /// back after.
    fn with_code_points<R>(text: &Bound<'_, PyString>, f: impl FnOnce(&[u32]) -> R) -> PyResult<R> {
        let units = super::ucs4(text)?;
        let result = f(&units);
        if units.capacity() <= super::SPARE_MAX {
            super::SPARE.with(|spare| spare.set(units));
        }
        Ok(result)
    }

    /// Whether a text may hold a formula: see `mixscript_core::formulas`.
    /// The screen, and the (lang, kind) of each formula by its index.
    #[pyclass(module = "mixscript._core", name = "FormulaScreen")]
    pub struct FormulaScreen(formulas::Screen, Vec<(Py<PyString>, Py<PyString>)>);

    #[pymethods]
    impl FormulaScreen {
        #[classattr]
        const BLOCK: usize = formulas::BLOCK;
        #[classattr]
        const ARABIC: u8 = formulas::ARABIC;
        #[classattr]
        const LATIN: u8 = formulas::LATIN;
        #[classattr]
        const SHAPED: u8 = formulas::SHAPED;
        #[classattr]
        const FILLER: u8 = formulas::FILLER;
        #[classattr]
        const WORD: u8 = formulas::WORD;
        #[classattr]
        const MARK: u8 = formulas::MARK;

        /// The screen of `chains` and `literals`; `forms` (formula index,
        /// folded words) are what `search` looks for in Arabic, `labels`
        /// the (lang, kind) of each formula by its index.
        #[new]
        #[pyo3(signature = (chains, literals, forms = Vec::new(), labels = Vec::new()))]
        fn new(
            chains: Vec<Vec<PyBackedStr>>,
            literals: Option<Vec<Vec<PyBackedStr>>>,
            forms: Vec<(usize, Vec<PyBackedStr>)>,
            labels: Vec<(Py<PyString>, Py<PyString>)>,
        ) -> PyResult<Self> {
            let chains: Vec<Vec<&str>> = chains.iter().map(|c| strs(c)).collect();
            let literals: Option<Vec<Vec<&str>>> = literals
                .as_ref()
                .map(|patterns| patterns.iter().map(|p| strs(p)).collect());
            let forms: Vec<(usize, Vec<&str>)> =
                forms.iter().map(|(k, words)| (*k, strs(words))).collect();
            formulas::Screen::new(&chains, literals.as_deref())
                .and_then(|screen| screen.with_forms(&forms))
                .map(|screen| FormulaScreen(screen, labels))
                .map_err(error)
        }

        /// Give the flags, Latin folds and Arabic folds (None: the
        /// character itself) of the code points of one block.
        fn add_block(
            &mut self,
            block: u32,
            flags: &[u8],
            folds: Vec<PyBackedStr>,
            arabic: Vec<Option<PyBackedStr>>,
        ) -> PyResult<()> {
            let arabic: Vec<Option<&str>> = arabic.iter().map(|a| a.as_deref()).collect();
            self.0
                .add_block(block, flags, &strs(&folds), &arabic)
                .map_err(error)
        }

        /// ([(start, end, formula index) of each Arabic form found], Latin
        /// search may find one), or the list of blocks to give first.
        fn search<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
            let py = text.py();
            match with_code_points(text, |text| self.0.search(text))? {
                formulas::Search::Known { arabic, latin } => {
                    let hits: Vec<(usize, usize, usize)> = arabic
                        .into_iter()
                        .map(|h| (h.start, h.end, h.formula))
                        .collect();
                    (hits, latin).into_bound_py_any(py)
                }
                formulas::Search::Missing(blocks) => PyList::new(py, blocks)?.into_bound_py_any(py),
            }
        }

        /// (Arabic search may find one, Latin search may find one), or the
        /// list of blocks to give first.
        fn screen<'py>(&self, text: &Bound<'py, PyString>) -> PyResult<Bound<'py, PyAny>> {
            let py = text.py();
            match with_code_points(text, |text| self.0.screen(text))? {
                formulas::Verdict::Known { arabic, latin } => (arabic, latin).into_bound_py_any(py),
                formulas::Verdict::Missing(blocks) => {
                    PyList::new(py, blocks)?.into_bound_py_any(py)
                }
            }
        }
    }

    /// A formula found: start, end, script, lang, kind.
    pub(crate) type Found<'py> = (
        usize,
        usize,
        Bound<'py, PyAny>,
        Bound<'py, PyAny>,
        Bound<'py, PyAny>,
    );

    impl FormulaScreen {
        /// The formulas in `text` when the search needs nothing of
        /// Python's: those of its Arabic forms that `formulas::kept` keeps,
        /// none when there are none.  None when the Latin search is to be
        /// made, the data of a block is missing, or a formula has no label.
        pub(crate) fn arabic_only<'py>(
            &self,
            py: Python<'py>,
            text: &[char],
        ) -> Option<Vec<Found<'py>>> {
            let units: Vec<u32> = text.iter().map(|&c| u32::from(c)).collect();
            let formulas::Search::Known {
                arabic,
                latin: false,
            } = self.0.search(&units)
            else {
                return None;
            };
            let spans: Vec<(usize, usize)> = arabic.iter().map(|h| (h.start, h.end)).collect();
            let script = pyo3::intern!(py, "Arab");
            let mut out = Vec::with_capacity(spans.len());
            for i in formulas::kept(&spans) {
                let hit = arabic[i];
                let (lang, kind) = self.1.get(hit.formula)?;
                out.push((
                    hit.start,
                    hit.end,
                    script.clone().into_any(),
                    lang.bind(py).clone().into_any(),
                    kind.bind(py).clone().into_any(),
                ));
            }
            Some(out)
        }
    }

    /// The indexes of the formulas found (`spans`: start, end) that are
    /// kept, in the text's order (`formulas::kept`).
    #[pyfunction]
    fn formulas_kept(spans: Vec<(usize, usize)>) -> Vec<usize> {
        formulas::kept(&spans)
    }

    pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
        m.add_class::<FormulaScreen>()?;
        m.add_function(wrap_pyfunction!(formulas_kept, m)?)
    }
}
// ---- end of the screen of the formula search ----

#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    steps_bindings::register(m)?;
    repair_bindings::register(m)?;
    pipeline_bindings::register(m)?;
    m.add("UNICODE_VERSION", bidi::UNICODE_VERSION)?;
    m.add_function(wrap_pyfunction!(bidi_class, m)?)?;
    m.add_function(wrap_pyfunction!(bidi_levels, m)?)?;
    m.add_function(wrap_pyfunction!(first_strong_level, m)?)?;
    m.add_function(wrap_pyfunction!(fill_removed, m)?)?;
    m.add_function(wrap_pyfunction!(line_levels, m)?)?;
    m.add_function(wrap_pyfunction!(reorder_line, m)?)?;
    m.add_function(wrap_pyfunction!(keep_marks_after_base, m)?)?;
    // display order and shaping
    m.add_function(wrap_pyfunction!(shape, m)?)?;
    m.add_function(wrap_pyfunction!(has_arabic_marks, m)?)?;
    m.add_function(wrap_pyfunction!(render_lines, m)?)?;
    m.add_function(wrap_pyfunction!(to_visual, m)?)?;
    // check's scans
    add_checks(m)?;
    // visual-order evidence
    m.add_function(wrap_pyfunction!(visual_score, m)?)?;
    m.add_function(wrap_pyfunction!(visual_evidence, m)?)?;
    m.add_function(wrap_pyfunction!(visual_word_scores, m)?)?;
    m.add_function(wrap_pyfunction!(arabic_words, m)?)?;
    m.add_function(wrap_pyfunction!(visual_confidence, m)?)?;
    m.add_function(wrap_pyfunction!(function_words, m)?)?;
    m.add_function(wrap_pyfunction!(unshape, m)?)?;
    m.add_function(wrap_pyfunction!(presentation_form, m)?)?;
    add_language_functions(m)?;
    // the Arabic-script letter guess
    guess_bindings::register(m)?;
    tagger_bindings::register(m)?;
    // word-frequency lookups
    words_bindings::register(m)?;
    // the screen of the formula search
    formulas_bindings::register(m)?;
    Ok(())
}
