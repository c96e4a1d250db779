//! The bidi engine against the Unicode Consortium's conformance files.
//!
//! `BidiCharacterTest.txt` gives paragraphs of characters with their
//! direction, resolved paragraph level, levels and visual order;
//! `BidiTest.txt` gives sequences of bidi classes with the levels and order
//! expected for each paragraph direction.  Every line of both is run here,
//! rules L1 and L2 included.  `UnicodeData.txt` gives the compatibility
//! decomposition of every presentation form, which unshaping must follow.
//! The files come from Debian's `unicode-data`
//! package (`/usr/share/unicode`, or the directory in `MIXSCRIPT_UCD_DIR`);
//! without them the tests say so and pass, unless `MIXSCRIPT_REQUIRE_ALL=1`
//! (as in CI), where a missing file is a failure.

use std::collections::HashMap;
use std::fs;
use std::path::PathBuf;

use mixscript_core::bidi::{
    bidi_class, line_levels, line_levels_at, paragraph_levels, reorder_line, BidiClass,
    UNICODE_VERSION,
};
use mixscript_core::steps::forms;
use mixscript_core::visual::{presentation_form, unshape};

fn ucd_file(name: &str) -> Option<String> {
    let dir = std::env::var("MIXSCRIPT_UCD_DIR").unwrap_or_else(|_| "/usr/share/unicode".into());
    let path = PathBuf::from(dir).join(name);
    match fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            let message = format!("{}: {e} (install Debian's unicode-data)", path.display());
            if std::env::var("MIXSCRIPT_REQUIRE_ALL").as_deref() == Ok("1") {
                panic!("{message}");
            }
            eprintln!("SKIPPED: {message}");
            None
        }
    }
}

/// The visual order of the characters X9 keeps, after L1 and L2.
///
/// At a given paragraph level, `line_levels_at` (one class lookup per
/// character for both steps) must give the levels of the two steps.
fn visual_order(text: &[char], base: Option<u8>) -> (Vec<u8>, u8, Vec<usize>) {
    let (levels, para) = paragraph_levels(text, base);
    let line = line_levels(text, &levels, para);
    if let Some(base) = base {
        assert_eq!(line_levels_at(text, base), line, "{text:?} at {base}");
    }
    let order = reorder_line(&line)
        .into_iter()
        .filter(|&i| !bidi_class(text[i]).removed_by_x9())
        .collect();
    (line, para, order)
}

#[test]
fn every_line_of_bidi_character_test() {
    let Some(data) = ucd_file("BidiCharacterTest.txt") else {
        return;
    };
    assert!(
        data.lines().next().unwrap_or("").contains(UNICODE_VERSION),
        "BidiCharacterTest.txt is not at Unicode {UNICODE_VERSION}"
    );
    let (mut total, mut failed) = (0, Vec::new());
    for (number, line) in data.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        let text: Vec<char> = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        let base = match fields[1] {
            "0" => Some(0),
            "1" => Some(1),
            _ => None,
        };
        let para: u8 = fields[2].parse().unwrap();
        let levels: Vec<Option<u8>> = fields[3]
            .split_whitespace()
            .map(|l| l.parse().ok())
            .collect();
        let order: Vec<usize> = fields[4]
            .split_whitespace()
            .map(|o| o.parse().unwrap())
            .collect();
        total += 1;
        let (got_levels, got_para, got_order) = visual_order(&text, base);
        let levels_ok = levels
            .iter()
            .zip(&got_levels)
            .all(|(want, got)| want.is_none_or(|w| w == *got));
        if got_para != para || got_order != order || !levels_ok {
            failed.push(number + 1);
        }
    }
    assert!(total > 90_000, "BidiCharacterTest.txt looks truncated");
    assert!(
        failed.is_empty(),
        "{} of {total} lines failed, first at lines {:?}",
        failed.len(),
        &failed[..failed.len().min(5)]
    );
}

/// One character of each class stands in for it (none is a bracket).
fn sample(class: &str) -> char {
    let ch = match class {
        "L" => 'a',
        "R" => '\u{5d0}',
        "AL" => '\u{627}',
        "EN" => '1',
        "ES" => '+',
        "ET" => '$',
        "AN" => '\u{660}',
        "CS" => ',',
        "NSM" => '\u{300}',
        "BN" => '\u{ad}',
        "B" => '\u{2029}',
        "S" => '\t',
        "WS" => ' ',
        "ON" => '!',
        "LRE" => '\u{202a}',
        "RLE" => '\u{202b}',
        "PDF" => '\u{202c}',
        "LRO" => '\u{202d}',
        "RLO" => '\u{202e}',
        "LRI" => '\u{2066}',
        "RLI" => '\u{2067}',
        "FSI" => '\u{2068}',
        "PDI" => '\u{2069}',
        other => panic!("unknown class {other}"),
    };
    assert_eq!(Some(bidi_class(ch)), BidiClass::from_name(class));
    ch
}

#[test]
fn every_case_of_bidi_test() {
    let Some(data) = ucd_file("BidiTest.txt") else {
        return;
    };
    let (mut levels_expected, mut order_expected) = (Vec::new(), Vec::new());
    let (mut passed, mut failed) = (0usize, Vec::new());
    for line in data.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@Levels:") {
            levels_expected = rest.split_whitespace().map(str::to_owned).collect();
            continue;
        }
        if let Some(rest) = line.strip_prefix("@Reorder:") {
            order_expected = rest
                .split_whitespace()
                .map(|o| o.parse().unwrap())
                .collect();
            continue;
        }
        let (classes, bitset) = line.split_once(';').unwrap();
        let bitset: u8 = bitset.trim().parse().unwrap();
        let text: Vec<char> = classes.split_whitespace().map(sample).collect();
        for (bit, base) in [(1, None), (2, Some(0)), (4, Some(1))] {
            if bitset & bit == 0 {
                continue;
            }
            let (got_levels, _, got_order) = visual_order(&text, base);
            let shown: Vec<String> = text
                .iter()
                .zip(&got_levels)
                .map(|(&c, lv)| {
                    if bidi_class(c).removed_by_x9() {
                        "x".to_owned()
                    } else {
                        lv.to_string()
                    }
                })
                .collect();
            if shown == levels_expected && got_order == order_expected {
                passed += 1;
            } else {
                failed.push(format!("{classes} base {base:?}"));
            }
        }
    }
    assert!(
        passed > 700_000,
        "only {passed} cases: BidiTest.txt looks truncated"
    );
    assert!(
        failed.is_empty(),
        "{passed} passed, {} failed, e.g. {:?}",
        failed.len(),
        &failed[..failed.len().min(3)]
    );
}

/// UnicodeData.txt's decomposition field of every character that has one:
/// (tag, such as `<isolated>`, or None for a canonical one; the code points).
fn decompositions(data: &str) -> HashMap<u32, (Option<&str>, Vec<u32>)> {
    let hex = |h: &str| u32::from_str_radix(h, 16).expect("hex");
    data.lines()
        .filter_map(|line| {
            let fields: Vec<&str> = line.split(';').collect();
            let mut parts = fields.get(5)?.split_whitespace().peekable();
            let tag = parts.next_if(|p| p.starts_with('<'));
            let points: Vec<u32> = parts.map(hex).collect();
            (!points.is_empty()).then(|| (hex(fields[0]), (tag, points)))
        })
        .collect()
}

/// `cp` with every compatibility (tagged) decomposition expanded, down to
/// characters with none or a canonical one: NFKC for the presentation
/// forms, whose canonical pieces (U+0622 and the like) NFC composes back.
fn expand_compat(cp: u32, table: &HashMap<u32, (Option<&str>, Vec<u32>)>, out: &mut Vec<char>) {
    match table.get(&cp) {
        Some((Some(_), parts)) => parts.iter().for_each(|&p| expand_compat(p, table, out)),
        _ => out.push(char::from_u32(cp).expect("scalar value")),
    }
}

#[test]
fn every_presentation_form_unshapes_to_its_compatibility_decomposition() {
    let Some(data) = ucd_file("UnicodeData.txt") else {
        return;
    };
    let table = decompositions(&data);
    let (mut positional, mut all_forms, mut all_letters) = (0, Vec::new(), Vec::new());
    for cp in (0xFB50..=0xFDFF).chain(0xFE70..=0xFEFF) {
        let ch = char::from_u32(cp).expect("scalar value");
        let tag = match table.get(&cp) {
            Some((Some(tag), _)) => ["<initial>", "<medial>", "<final>", "<isolated>"]
                .contains(tag)
                .then(|| tag.trim_matches(['<', '>'])),
            _ => None,
        };
        let mut letters = Vec::new();
        if tag.is_some() {
            expand_compat(cp, &table, &mut letters);
            positional += 1;
        } else {
            letters.push(ch);
        }
        let at = format!("U+{cp:04X}");
        assert_eq!(unshape(&[ch]), letters, "{at}");
        assert_eq!(presentation_form(ch).map(|f| f.name()), tag, "{at}");
        // The `presentation_forms` step's own rule: word ligatures
        // (U+FDF0..U+FDFF) are left to the `ligatures` step, and a spacing
        // haraka (a space and the mark) keeps its mark alone.
        let spaces = letters.iter().take_while(|&&c| c == ' ').count();
        let spaces = if spaces == letters.len() { 0 } else { spaces };
        let step: String = letters[spaces..].iter().collect();
        let step = (tag.is_some() && !(0xFDF0..=0xFDFF).contains(&cp)).then_some(step);
        assert_eq!(forms::unshape(ch), step.as_deref(), "{at}");
        all_forms.push(ch);
        all_letters.extend(letters);
    }
    // A whole text is unshaped form by form, in order.
    assert_eq!(unshape(&all_forms), all_letters);
    // Forms-A and -B hold over 700 positional forms.
    assert!(positional > 700, "only {positional} positional forms");
}
