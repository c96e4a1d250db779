//! Expected values worked out by hand from the extractors' damage described
//! in each function's doc comment (and the docstring examples of
//! `mixscript.bidi.repair`); scripts and categories read from the UCD files.

use super::*;
use crate::test_chars as c;

fn s(chars: Vec<char>) -> String {
    chars.into_iter().collect()
}

fn fixed(f: fn(&[char]) -> Option<Vec<char>>, line: &str) -> Option<String> {
    f(&c(line)).map(s)
}

#[test]
fn regex_space_leaves_out_the_information_separators() {
    assert!(is_regex_space(' ') && is_regex_space('\u{A0}') && is_regex_space('\u{2029}'));
    assert!(!is_regex_space('\u{1C}') && !is_regex_space('\u{1F}'));
    assert!(!is_regex_space('\u{200B}')); // ZWSP is Cf, not a space
}

#[test]
fn arabic_letters() {
    assert!(has_arabic_letter(&c("abc ب")));
    // ARABIC COMMA is Script=Common, the tatweel Lm but Common, FATHA a mark.
    assert!(!has_arabic_letter(&c("abc \u{060C}\u{0640}\u{064E} ١٢")));
    // Presentation forms are Script=Arabic letters.
    assert!(has_arabic_letter(&c("\u{FEB3}")));
}

#[test]
fn mark_runs_of_each_kind() {
    // 064B..0655 and 0670 are Script=Inherited, 0656..065F and 06D6 Arabic (Scripts.txt).
    assert_eq!(mark_runs(&c("بَّ")), vec![(1, 3)]);
    assert_eq!(mark_runs(&c("\u{06D6}\u{064B}")), vec![(0, 1), (1, 2)]);
    assert_eq!(mark_runs(&c("\u{064B}\u{0656}")), vec![(0, 2)]);
    assert_eq!(
        mark_runs(&c("\u{0656}\u{064B}x\u{0670}")),
        vec![(0, 1), (1, 2), (3, 4)]
    );
    // A Latin combining mark is neither.
    assert_eq!(mark_runs(&c("e\u{0301}")), vec![]);
}

#[test]
fn mark_runs_pass_over_what_lies_below_the_arabic_block() {
    // The shortcut of `mark_runs`: no character below U+0600 is either kind
    // of mark.
    let marks: Vec<char> = ('\0'..'\u{0600}')
        .filter(|&c| is_arabic_nonspacing(c) || is_harakah(c))
        .collect();
    assert!(marks.is_empty(), "{marks:?}");
    // And `mark_runs` against the runs as defined, on lines mixing Latin,
    // combining marks, Arabic letters, harakat and Quranic marks.
    let by_definition = |line: &[char]| {
        let mut runs = Vec::new();
        let mut i = 0;
        while i < line.len() {
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
    };
    let pieces = [
        'a',
        ' ',
        '\u{0301}',
        '\u{05FF}',
        '\u{0600}',
        '\u{0610}',
        'ب',
        '\u{064B}',
        '\u{0651}',
        '\u{0656}',
        '\u{0670}',
        '\u{06D6}',
        '\u{200C}',
        '\u{FE70}',
        '\u{10EFD}',
        '\n',
    ];
    let mut seed = 12345u64;
    let mut found = 0;
    for _ in 0..5000 {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        let len = (seed >> 59) as usize;
        let line: Vec<char> = (0..len)
            .map(|k| pieces[((seed >> (k * 4 % 56)) & 15) as usize])
            .collect();
        let runs = mark_runs(&line);
        assert_eq!(runs, by_definition(&line), "{line:?}");
        found += runs.len();
    }
    assert!(found > 1000, "the lines hold marks ({found} runs)");
}

#[test]
fn strong_base_from_the_ends_and_the_majority() {
    assert_eq!(strong_base(&c("abc")), 0);
    assert_eq!(strong_base(&c("سلام")), 1);
    assert_eq!(strong_base(&c("123 .")), 0); // nothing strong
    assert_eq!(strong_base(&c("abc سلام")), 1); // ends disagree: 4 of 7 right to left
    assert_eq!(strong_base(&c("سل abc")), 0); // 2 of 5
    assert_eq!(strong_base(&c("سلام abc")), 1); // 4 of 7
    assert_eq!(strong_base(&c("abc سل")), 0); // 2 of 5
}

#[test]
fn unwraps_pdftotext_lines() {
    let f = unwrap_extractor_controls;
    // The final stop inside the number's wrapper goes to the run's end.
    assert_eq!(
        fixed(f, "\u{202B}عام \u{202A}.2019\u{202C}\u{202C}").as_deref(),
        Some("عام 2019.")
    );
    // The space after a Latin word, drawn inside its wrapper, goes after it.
    assert_eq!(
        fixed(f, "\u{202B}الأستاذ \u{202A} Martin\u{202C}المدينة\u{202C}").as_deref(),
        Some("الأستاذ Martin المدينة")
    );
    // Indent kept; a run followed by a space keeps its own spacing.
    assert_eq!(
        fixed(f, " \t\u{202B}زار \u{202A} Martin\u{202C} هنا\u{202C}").as_deref(),
        Some(" \tزار  Martin هنا")
    );
    // No LRE run at all: only the wrapper goes.
    assert_eq!(fixed(f, "\u{202B}سلام\u{202C}").as_deref(), Some("سلام"));
    // A final line feed goes with the wrapper (the pattern's `$`).
    assert_eq!(fixed(f, "\u{202B}سلام\u{202C}\n").as_deref(), Some("سلام"));
}

#[test]
fn leaves_other_embeddings_alone() {
    let f = unwrap_extractor_controls;
    for line in [
        "سلام",
        "\u{202B}سلام",                               // never closed
        "\u{202B}سلام\u{202C} بعد",                   // text after the wrapper
        "x\u{202B}سلام\u{202C}",                      // text before it
        "\u{202B}سلام \u{202A}مرحبا\u{202C}\u{202C}", // a right-to-left letter in a run
        "\u{202B}سلام \u{202A}abc\u{202C}",           // the run's PDF closes nothing else
        "\u{202B}سلام \u{202E}abc\u{202C}",           // an override inside
        "\u{202B}سلام\u{202C}\n\n",
    ] {
        assert_eq!(fixed(f, line), None, "{line:?}");
    }
}

#[test]
fn moves_a_final_stop_from_the_front() {
    let f = move_final_stop;
    assert_eq!(fixed(f, ".ذهب الولد").as_deref(), Some("ذهب الولد."));
    assert_eq!(
        fixed(f, "  ؟ذهب الولد \t").as_deref(),
        Some("  ذهب الولد؟ \t")
    );
    // Before a number ending a right-to-left line (pypdfium2).
    assert_eq!(fixed(f, "عام .2019").as_deref(), Some("عام 2019."));
    assert_eq!(fixed(f, "عام .٢٠١٩ ").as_deref(), Some("عام ٢٠١٩. "));
    for line in [
        "ذهب الولد.",
        "..ذهب الولد", // an ellipsis: not a letter after the stop
        ".ذهب الولد.", // a stop at the end already
        ".hello world",
        ".ذهب\nالولد", // a line feed inside
        "year .2019",  // a left-to-right line
        "عام.2019",    // no space before the stop
        "\u{1C}.ذهب",  // str.strip sees a space there, `\s` does not
        "",
        "   ",
    ] {
        assert_eq!(fixed(f, line), None, "{line:?}");
    }
    assert!(final_stop_at_front(&c(" .ذهب الولد ")));
    assert!(!final_stop_at_front(&c("ذهب الولد.")));
}

#[test]
fn reads_runs_back_in_reverse() {
    let f = runs_in_visual_order;
    assert_eq!(
        fixed(f, ".2019  المدينة عامMartin زار الأستاذ").as_deref(),
        Some("زار الأستاذ Martin المدينة عام 2019.")
    );
    // The only stop glued between the first run and a Latin word.
    assert_eq!(
        fixed(f, " ہیں۔John ہمارے استاد").as_deref(),
        Some(" ہمارے استاد John ہیں۔")
    );
    // Latin words keep `. , : / -` between their letters and digits.
    assert_eq!(
        fixed(f, ".10:30 الساعةwww.site.com موقع").as_deref(),
        Some("موقع www.site.com الساعة 10:30.")
    );
}

#[test]
fn runs_without_the_marks_of_the_damage_stay() {
    let f = runs_in_visual_order;
    for line in [
        "زار الأستاذ Martin المدينة عام 2019.",
        "زار الأستاذ  Martin المدينة", // a double space, nothing glued
        ".2019 عامMartin",            // one Arabic-script word
        "جملة.John قال.",             // the line keeps its own final stop
        "جملة.John قال. ثم",          // two stops
        "عامMartin  المدينة زار",     // glued and a double space, but no stop telling the order
        "",
    ] {
        assert_eq!(fixed(f, line), None, "{line:?}");
    }
}

#[test]
fn puts_back_a_displaced_zwnj() {
    let f = put_back_zwnj;
    // م ‌یروم -> می‌روم
    assert_eq!(
        fixed(f, "\u{645} \u{200C}\u{6CC}\u{631}\u{648}\u{645}").as_deref(),
        Some("\u{645}\u{6CC}\u{200C}\u{631}\u{648}\u{645}")
    );
    // Marks on either letter travel with it; two in a line.
    assert_eq!(
        fixed(f, "بَ \u{200C}تُ \u{200C}ث").as_deref(),
        Some("بَتُ\u{200C}ث\u{200C}")
    );
    for line in [
        "a \u{200C}\u{6CC}",        // after a Latin letter
        "\u{645}  \u{200C}\u{6CC}", // after two spaces
        "\u{645} \u{200C}x",        // before a Latin letter
        "\u{645}\u{200C}\u{6CC}",   // in its place already
        " \u{200C}\u{6CC}",         // nothing before the space
    ] {
        assert_eq!(fixed(f, line), None, "{line:?}");
    }
}

/// Every line of up to four of `pieces`, each at most `max_chars` characters
/// long, once each and sorted.
fn every_line_of(pieces: &[&str], max_chars: usize) -> Vec<String> {
    let mut lines = vec![String::new()];
    for _ in 0..4 {
        let longer: Vec<String> = lines
            .iter()
            .flat_map(|l| pieces.iter().map(move |p| format!("{l}{p}")))
            .collect();
        lines.extend(
            longer
                .into_iter()
                .filter(|l| l.chars().count() <= max_chars),
        );
        lines.sort();
        lines.dedup();
    }
    lines
}

type Repair = fn(&[char]) -> Option<Vec<char>>;
type Condition = fn(&[char]) -> bool;

/// Each cheap condition is necessary: whenever it says no, the repair changes nothing.
#[test]
fn cheap_conditions_are_necessary() {
    let pieces = [
        "ب", "ذهب", "ة", "\u{064E}", " ", "  ", ".", "؟", "۔", "…", "a", "Jo", "2019", "٢٠",
        "\u{202A}", "\u{202B}", "\u{202C}", "\u{200C}", "\t", "\u{1C}", "\u{A0}", ":", "-",
    ];
    // Every line of up to four pieces (23^4 + ... lines).
    let lines = every_line_of(&pieces, 9);
    let checks: [(Condition, Repair); 6] = [
        (may_unwrap, unwrap_extractor_controls),
        (may_move_stop, move_final_stop),
        (may_reorder_runs, runs_in_visual_order),
        (may_put_back_zwnj, put_back_zwnj),
        (may_tidy, move_final_stop),
        (may_tidy, runs_in_visual_order),
    ];
    let mut changed = [0; 6];
    for line in &lines {
        for (k, (may, f)) in checks.iter().enumerate() {
            if f(&c(line)).is_some() {
                changed[k] += 1;
                assert!(may(&c(line)), "{k}: {line:?}");
            }
        }
    }
    for line in lines.iter().filter(|l| final_stop_at_front(&c(l))) {
        assert!(may_move_stop(&c(line)), "{line:?}");
    }
    // The lines exercise every repair.
    assert!(changed.iter().all(|&n| n > 0), "{changed:?}");
}

/// The conditions as first written, on the UTF-8 of the line, for
/// `conditions_read_from_chars_answer_as_from_utf8`.
mod on_utf8 {
    use super::super::{is_arabic_letter, is_end_digit, is_mark, is_space, is_stop};

    pub type Condition = fn(&str) -> bool;

    pub fn may_unwrap(line: &str) -> bool {
        line.contains('\u{202B}')
    }

    pub fn may_move_stop(line: &str) -> bool {
        let body = line.trim_matches(is_space);
        body.starts_with(is_stop) || body.ends_with(is_end_digit)
    }

    pub fn may_tidy(line: &str) -> bool {
        may_move_stop(line) || may_reorder_runs(line)
    }

    pub fn may_put_back_zwnj(line: &str) -> bool {
        line.contains(" \u{200C}")
    }

    pub fn may_reorder_runs(line: &str) -> bool {
        let bytes = line.as_bytes();
        let stop_end = |b: u8| matches!(b, b'.' | b'!' | b'?' | 0x9F | 0x94);
        if bytes.windows(2).enumerate().any(|(k, w)| {
            w[1].is_ascii_alphanumeric() && stop_end(w[0]) && glued_after_stop(line, k + 1)
        }) {
            return true;
        }
        if !(line.contains("  ") || line.trim_start_matches(is_space).starts_with(is_stop)) {
            return false;
        }
        let arabic = |c: Option<char>| c.is_some_and(is_arabic_letter);
        bytes.windows(2).enumerate().any(|(k, w)| {
            (w[0] >= 0x80 && w[1].is_ascii_alphanumeric() && arabic(line[..=k].chars().next_back()))
                || (w[0].is_ascii_alphanumeric()
                    && w[1] >= 0x80
                    && arabic(line[k + 1..].chars().next()))
        })
    }

    fn glued_after_stop(line: &str, i: usize) -> bool {
        let mut back = line[..i].chars().rev();
        let mut stops = 0;
        let base = back.find(|&c| {
            stops += usize::from(is_stop(c));
            !is_stop(c) && !is_mark(c)
        });
        stops > 0 && base.is_some_and(is_arabic_letter)
    }
}

#[test]
fn conditions_read_from_chars_answer_as_from_utf8() {
    // Every line of up to four pieces: stops, marks (U+065F and U+0654
    // end in the last bytes of ؟ and ۔), letters, digits, spaces, controls.
    let pieces = [
        "ب", "ة", "\u{064E}", "\u{065F}", "\u{0654}", " ", ".", "!", "؟", "۔", "a", "J", "7", "٢",
        "\u{202B}", "\u{200C}", "\t", "\u{A0}", "\u{1C}",
    ];
    let lines = every_line_of(&pieces, usize::MAX);
    let checks: [(Condition, on_utf8::Condition); 5] = [
        (may_unwrap, on_utf8::may_unwrap),
        (may_move_stop, on_utf8::may_move_stop),
        (may_tidy, on_utf8::may_tidy),
        (may_put_back_zwnj, on_utf8::may_put_back_zwnj),
        (may_reorder_runs, on_utf8::may_reorder_runs),
    ];
    let mut held = [0; 5];
    for line in &lines {
        for (k, (on_chars, on_bytes)) in checks.iter().enumerate() {
            let expected = on_bytes(line);
            assert_eq!(on_chars(&c(line)), expected, "{k}: {line:?}");
            held[k] += usize::from(expected);
        }
    }
    // Each condition held on some lines and not on others.
    assert!(held.iter().all(|&n| n > 0 && n < lines.len()), "{held:?}");
    // A mark ending in 0x9F after an Arabic letter and a stop glues a
    // Latin letter as the stop itself does.
    assert!(may_reorder_runs(&c("ب؟\u{065F}a")) && may_reorder_runs(&c("ب؟a")));
}

/// Texts and the (start, end, break end) of each of their lines, as Python's
/// `str.splitlines` cuts them: what `line_spans` and `line_records` give.
type Spans = &'static [(usize, usize, usize)];

const LINE_CASES: &[(&str, Spans)] = &[
    ("", &[(0, 0, 0)]),
    ("سلام", &[(0, 4, 4)]),
    ("a\r\nb\nc", &[(0, 1, 3), (3, 4, 5), (5, 6, 6)]),
    ("a\n", &[(0, 1, 2), (2, 2, 2)]),
    ("\r\r\n", &[(0, 0, 1), (1, 1, 3), (3, 3, 3)]),
    // VT, FF, FS..RS, NEL, LS, PS break; a no-break space (C2 A0) and a
    // right single quote (E2 80 99) share their first bytes but do not.
    (
        "a\x0bb\x0cc\x1cd\u{85}é\u{2028}ب\u{2029}",
        &[
            (0, 1, 2),
            (2, 3, 4),
            (4, 5, 6),
            (6, 7, 8),
            (8, 9, 10),
            (10, 11, 12),
            (12, 12, 12),
        ],
    ),
    ("a\u{A0}b\u{2019}c", &[(0, 5, 5)]),
    ("x\u{1F}y", &[(0, 3, 3)]), // US is no line break
];

#[test]
fn line_spans_break_where_splitlines_does() {
    for &(text, expected) in LINE_CASES {
        assert_eq!(line_spans(&c(text)), expected, "{text:?}");
    }
}

/// The conditions turn most lines away before a repair is tried.
#[test]
fn cheap_conditions_turn_away_ordinary_lines() {
    for line in [
        "ذهب الولد إلى المدرسة.",
        "café au lait, e.g. www.site.com 2019",
        "زار Martin المدينة عام 2019.",
        "آپ ۵۷۶ کرناٹک اردو اکادمی بنگلور میں",
    ] {
        assert!(
            !may_unwrap(&c(line)) && !may_put_back_zwnj(&c(line)),
            "{line:?}"
        );
        assert!(!may_reorder_runs(&c(line)), "{line:?}");
    }
    assert!(!may_move_stop(&c("ذهب الولد إلى المدرسة.")));
    // Glued, but no stop at the front, no double space, no stop before it.
    assert!(!may_reorder_runs(&c("عامMartin زار")));
    assert!(may_reorder_runs(&c(".عامMartin زار")));
    assert!(may_reorder_runs(&c("عامMartin  زار")));
    assert!(may_reorder_runs(&c("زار عام.Martin")));
    assert!(may_reorder_runs(&c("ہیں۔John ہمارے")));
}

#[test]
fn line_records_break_where_splitlines_does_and_read_each_line() {
    let spans = |text: &str| -> Vec<(usize, usize, usize)> {
        line_records(&c(text))
            .iter()
            .map(|r| (r.start, r.end, r.brk))
            .collect()
    };
    for &(text, expected) in LINE_CASES {
        assert_eq!(spans(text), expected, "{text:?}");
    }

    // Line 0: Latin only.  Line 1 (after CR LF): ةنيدملا يف reversed, in
    // pdftotext's wrapper; line 2 (after LS): في at the front of a double
    // space and a Latin word glued to an Arabic letter, so it may need tidying.
    let text = "abc\r\n\u{202B}ةنيدملا يف\u{202C}\u{2028}.في  xبa";
    let chars = c(text);
    let records = line_records(&chars);
    assert_eq!(records.len(), 3);
    let (latin, wrapped, tidy) = (&records[0], &records[1], &records[2]);
    assert!(!latin.arabic && latin.unwrapped.is_none() && !latin.tidy);
    assert_eq!((latin.start, latin.end, latin.brk), (0, 3, 5));
    assert_eq!((wrapped.start, wrapped.end, wrapped.brk), (5, 17, 18));
    assert_eq!(
        wrapped.unwrapped.clone().map(s),
        Some("ةنيدملا يف".to_string())
    );
    assert!(wrapped.arabic && !wrapped.tidy);
    // ةنيدملا: teh marbuta and article backwards (3); يف: في backwards (1).
    assert_eq!(
        wrapped.evidence,
        crate::visual::Evidence {
            forward: 0,
            backward: 4,
            words_forward: 0,
            words_backward: 2
        }
    );
    assert_eq!(s(chars[tidy.start..tidy.end].to_vec()), ".في  xبa");
    assert!(tidy.arabic && tidy.tidy && tidy.unwrapped.is_none());
    assert_eq!((tidy.evidence.forward, tidy.evidence.backward), (1, 0));
}

#[test]
fn a_glued_stop_inside_a_long_latin_line() {
    let mut line: Vec<char> = "x".repeat(70).chars().collect();
    assert!(!may_reorder_runs(&line));
    line.splice(40..40, "ب.".chars());
    assert!(may_reorder_runs(&line));
}

#[test]
fn glued_shapes_are_found_at_every_place_of_a_long_line() {
    // A glued stop (ب. before a Latin letter) and a glued run (بx after a
    // stop at the front) at every position of Latin lines long enough to
    // span several blocks of pairs: found as the conditions read from the
    // UTF-8 find them.
    for len in [0usize, 1, 15, 16, 17, 31, 32, 33, 47, 48, 49, 100] {
        for at in 0..=len {
            for insert in ["ب.", "ب.x", "ب\u{064E}..7", "\u{0301}ب?", "ب", "x ب"] {
                for filler in ['x', ' ', '.', 'é'] {
                    let mut line: Vec<char> = vec![filler; len];
                    line.splice(at..at, insert.chars());
                    let text: String = line.iter().collect();
                    assert_eq!(
                        may_reorder_runs(&line),
                        on_utf8::may_reorder_runs(&text),
                        "{text:?}"
                    );
                    let fronted = format!(".{text}");
                    assert_eq!(
                        may_reorder_runs(&c(&fronted)),
                        on_utf8::may_reorder_runs(&fronted),
                        "{fronted:?}"
                    );
                }
            }
        }
    }
}

#[test]
fn conditions_on_long_generated_lines_answer_as_from_utf8() {
    // Long lines mixing Latin stretches (longer than a chunk) with the
    // characters the conditions look for: the fast scans over `char`s
    // against the plain ones over the UTF-8.
    let pieces = [
        "ب",
        "ذهب",
        "ة",
        "\u{064E}",
        "\u{065F}",
        "\u{0654}",
        "\u{0301}",
        " ",
        "  ",
        ".",
        "!",
        "؟",
        "۔",
        "a",
        "Jo",
        "2019",
        "٢٠",
        "\u{202B}",
        "\u{200C}",
        "\u{200D}",
        "\u{0640}",
        "\t",
        "\u{A0}",
        "é",
        "\u{FEFB}",
        "\u{FE91}",
        "\u{1EE00}",
        "\u{5FF}",
        "\u{600}",
        "The quick brown fox, ",
        "jumps over the lazy dog ",
        "e.g. 1.5 www.x.com ",
    ];
    let checks: [(Condition, on_utf8::Condition); 3] = [
        (may_move_stop, on_utf8::may_move_stop),
        (may_tidy, on_utf8::may_tidy),
        (may_reorder_runs, on_utf8::may_reorder_runs),
    ];
    let mut held = [0usize; 3];
    let lines = crate::generated_texts(&pieces, 0x5DEE_CE66_D1CE_4E5B, 40, 40_000);
    for line in &lines {
        let text: String = line.iter().collect();
        for (k, (on_chars, on_bytes)) in checks.iter().enumerate() {
            let expected = on_bytes(&text);
            assert_eq!(on_chars(line), expected, "{k}: {text:?}");
            held[k] += usize::from(expected);
        }
    }
    assert!(held.iter().all(|&n| n > 0 && n < lines.len()), "{held:?}");
}

/// `may_reorder_runs` as it read every pair of characters in a row, for
/// `reorder_runs_condition_answers_as_the_pair_scan`.
fn may_reorder_runs_by_pairs(line: &[char]) -> bool {
    let stop_end = |c: char| {
        let c = c as u32;
        matches!(c, 0x2E | 0x21 | 0x3F) || (c >= 0x80 && matches!(c & 0x3F, 0x1F | 0x14))
    };
    if (1..line.len())
        .any(|k| stop_end(line[k - 1]) && is_ascii_alnum(line[k]) && glued_after_stop(line, k))
    {
        return true;
    }
    let (start, _) = strip_span(line);
    let double_space = line.windows(2).any(|w| w == [' ', ' ']);
    (double_space || line.get(start).is_some_and(|&c| is_stop(c))) && has_glued_runs(line)
}

#[test]
fn reorder_runs_condition_answers_as_the_pair_scan() {
    // Long lines of Latin stretches, Arabic-script words, stops of both
    // kinds in runs, marks of every kind below and above the Arabic block
    // (Mn, Mc, Me; U+065F and U+0654 end in the last bytes of ؟ and ۔),
    // digits, spaces, presentation forms, joiners and controls: the scan
    // over stretches' edges against every pair.
    let pieces = [
        "ب",
        "ذهب",
        "الكتاب",
        "ة",
        "\u{064E}",
        "\u{065F}",
        "\u{0654}",
        "\u{0301}",
        "\u{05B0}",
        "\u{0488}",
        "\u{0903}",
        "\u{20DD}",
        " ",
        "  ",
        ".",
        "..",
        "!",
        "?",
        "؟",
        "۔",
        "…",
        "a",
        "Jo",
        "2019",
        "٢٠",
        "۵",
        "\u{202B}",
        "\u{200C}",
        "\u{200D}",
        "\u{0640}",
        "\t",
        "\n",
        "\u{A0}",
        "é",
        "\u{FEFB}",
        "\u{FE91}",
        "\u{FDF2}",
        "\u{1EE00}",
        "\u{5FF}",
        "\u{600}",
        "\u{6FF}",
        "\u{700}",
        "\u{10A60}",
        "The quick brown fox, ",
        "e.g. 1.5 www.x.com ",
    ];
    let mut held = 0usize;
    let mut lines = crate::generated_texts(&pieces, 0x2545_F491_4F6C_DD1D, 60, 60_000);
    // Arabic-dense lines: words and the shapes, few Latin stretches.
    let dense = [
        "ذهب ",
        "الولد ",
        "إلى",
        "ب.",
        "ب\u{064E}.",
        "ةx",
        "xب",
        "  ",
        ".",
        "؟a",
        "7",
        " ",
        "\u{0654}",
        "ہیں۔John",
    ];
    lines.extend(crate::generated_texts(
        &dense,
        0x9E37_79B9_7F4A_7C15,
        80,
        40_000,
    ));
    for line in &lines {
        let expected = may_reorder_runs_by_pairs(line);
        assert_eq!(
            may_reorder_runs(line),
            expected,
            "{:?}",
            line.iter().collect::<String>()
        );
        held += usize::from(expected);
    }
    assert!(held > 1000 && held < lines.len() - 1000, "{held}");
}

#[test]
fn one_line_record_is_the_record_of_a_text_without_breaks() {
    // Texts mixing the characters the one pass may stop at (controls, tab,
    // the breaks, NEL, U+2028..U+202B, U+202C) with letters and the shapes
    // of a record: as the break test and the line's record give it.
    let pieces = [
        "ب",
        "ذهب",
        "ةنيدملا يف",
        "a",
        "Jo ",
        " ",
        "  ",
        ".",
        "\t",
        "\n",
        "\r",
        "\r\n",
        "\x0b",
        "\x0c",
        "\x1c",
        "\x1f",
        "\x1e",
        "\x00",
        "\u{85}",
        "\u{84}",
        "\u{86}",
        "\u{2027}",
        "\u{2028}",
        "\u{2029}",
        "\u{202A}",
        "\u{202B}",
        "\u{202C}",
        "\u{202F}",
        "\u{A0}",
        "é",
        "\u{FEFB}",
        "The quick brown fox, ",
    ];
    let mut texts = crate::generated_texts(&pieces, 0xD1B5_4A32_D192_ED03, 30, 30_000);
    // Lines in pdftotext's wrappers, which the record unwraps.
    let wrapped = [
        "\u{202B}",
        "ةنيدملا يف",
        " ",
        "\u{202A}.2019\u{202C}",
        "\u{202C}",
        "\t",
    ];
    texts.extend(crate::generated_texts(
        &wrapped,
        0xA076_1D64_78BD_642F,
        8,
        20_000,
    ));
    let (mut one, mut records) = (0, 0);
    for text in &texts {
        let expected = (!crate::runs::has_line_break(text))
            .then(|| line_record(text, 0, text.len(), text.len()));
        one += usize::from(expected.is_some());
        records += usize::from(expected.as_ref().is_some_and(|r| r.unwrapped.is_some()));
        assert_eq!(
            one_line_record(text),
            expected,
            "{:?}",
            text.iter().collect::<String>()
        );
    }
    assert!(
        one > 1000 && one < texts.len() - 1000 && records > 10,
        "{one} {records}"
    );
}
