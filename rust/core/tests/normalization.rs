//! NFC and unshaping against the Unicode Consortium's NormalizationTest.txt.
//!
//! Every line of the file (it ships compressed, NormalizationTest.txt.bz2,
//! in Debian's `unicode-data`; `bzip2 -dc` reads it) checks NFC:
//! c2 == NFC(c1) == NFC(c2) == NFC(c3) and c4 == NFC(c4) == NFC(c5).  The
//! file's NFKC column (c4 of part 1, one line per character with a
//! decomposition) gives the expected unshaping of every positional
//! presentation form.  Without the file the tests say so and pass, unless
//! `MIXSCRIPT_REQUIRE_ALL=1` (as in CI).

use std::path::PathBuf;
use std::process::Command;

use mixscript_core::steps::forms::unshape;
use mixscript_core::steps::nfc::{is_nfc, nfc};
use mixscript_core::UNICODE_VERSION;

fn normalization_test() -> Option<String> {
    let dir = std::env::var("MIXSCRIPT_UCD_DIR").unwrap_or_else(|_| "/usr/share/unicode".into());
    let path = PathBuf::from(dir).join("NormalizationTest.txt.bz2");
    let result = Command::new("bzip2").arg("-dc").arg(&path).output();
    match result {
        Ok(out) if out.status.success() => Some(String::from_utf8(out.stdout).expect("UTF-8")),
        other => {
            let message = format!("{}: cannot read it ({other:?})", path.display());
            if std::env::var("MIXSCRIPT_REQUIRE_ALL").as_deref() == Ok("1") {
                panic!("{message}");
            }
            eprintln!("SKIPPED: {message}");
            None
        }
    }
}

fn field(f: &str) -> Vec<char> {
    f.split_whitespace()
        .map(|h| char::from_u32(u32::from_str_radix(h, 16).expect("hex")).expect("char"))
        .collect()
}

/// (part, [c1..c5]) of every test line.
fn cases(data: &str) -> Vec<(String, Vec<Vec<char>>)> {
    let mut part = String::new();
    let mut out = Vec::new();
    for line in data.lines() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('@') {
            part = name.to_string();
            continue;
        }
        let cols: Vec<Vec<char>> = line.split(';').take(5).map(field).collect();
        out.push((part.clone(), cols));
    }
    out
}

#[test]
fn every_line_of_normalization_test_nfc() {
    let Some(data) = normalization_test() else {
        return;
    };
    assert!(
        data.lines().next().unwrap_or("").contains(UNICODE_VERSION),
        "NormalizationTest.txt is not at Unicode {UNICODE_VERSION}"
    );
    let all = cases(&data);
    let mut failed = Vec::new();
    for (_, c) in &all {
        let ok = nfc(&c[0]) == c[1]
            && nfc(&c[1]) == c[1]
            && nfc(&c[2]) == c[1]
            && nfc(&c[3]) == c[3]
            && nfc(&c[4]) == c[3]
            && is_nfc(&c[1])
            && is_nfc(&c[3])
            && (c[0] == c[1]) == is_nfc(&c[0]);
        if !ok {
            failed.push(c[0].iter().collect::<String>());
        }
    }
    assert!(all.len() > 19_000, "NormalizationTest.txt looks truncated");
    assert!(
        failed.is_empty(),
        "{} failures, first {:?}",
        failed.len(),
        &failed[..failed.len().min(3)]
    );
}

#[test]
fn positional_forms_unshape_to_their_nfkc() {
    let Some(data) = normalization_test() else {
        return;
    };
    let mut checked = 0;
    for (part, c) in cases(&data) {
        if part != "Part1" || c[0].len() != 1 {
            continue;
        }
        let ch = c[0][0];
        let forms =
            ('\u{FB50}'..='\u{FDEF}').contains(&ch) || ('\u{FE70}'..='\u{FEFE}').contains(&ch);
        let Some(letters) = unshape(ch).filter(|_| forms) else {
            continue;
        };
        // NFKC of a spacing haraka is space + mark; unshaping keeps the mark.
        let nfkc: String = c[3].iter().collect();
        let expected = match nfkc.trim_start_matches(' ') {
            "" => nfkc.as_str(),
            rest => rest,
        };
        assert_eq!(letters, expected, "U+{:04X}", ch as u32);
        checked += 1;
    }
    // Forms-A and -B hold over 700 positional forms.
    assert!(checked > 700, "only {checked} forms checked");
}
