//! Bidi controls that reorder text or stay open: the Trojan Source judgement.
//!
//! `normalize` (its `bidi_controls` step) removes exactly what `check`
//! reports as MS101/MS102, so both use [`unbalanced_bidi_controls`].

const LRE: char = '\u{202A}';
const RLE: char = '\u{202B}';
const PDF: char = '\u{202C}';
const LRO: char = '\u{202D}';
const RLO: char = '\u{202E}';
const LRI: char = '\u{2066}';
const RLI: char = '\u{2067}';
const FSI: char = '\u{2068}';
const PDI: char = '\u{2069}';

#[derive(Clone, Copy, PartialEq, Eq)]
enum Open {
    Override,
    Embedding,
    Isolate,
}

/// The line breaks that end every embedding (UAX #9 ends them at a
/// paragraph end; VT, FF, NEL, LS and PS count as well, as everywhere in
/// the library): LF, VT, FF, CR, FS, GS, RS, NEL, LS, PS.
fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\u{0B}' | '\u{0C}' | '\r' | '\u{1C}'
            ..='\u{1E}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Positions of bidi controls that override order or are not balanced within their line, sorted.
///
/// LRO/RLO are always listed, with the PDF that closes them (they reorder
/// characters: the Trojan Source attack).  Embeddings and isolates are
/// listed when a line ends with them still open, and a PDF/PDI that closes
/// nothing is listed too.  A PDI closes the nearest open isolate and every
/// embedding or override opened inside it; those are listed.
pub fn unbalanced_bidi_controls(text: &[char]) -> Vec<usize> {
    let mut bad: Vec<usize> = Vec::new();
    let mut stack: Vec<(usize, Open)> = Vec::new();
    for (i, &c) in text.iter().enumerate() {
        match c {
            _ if is_line_break(c) => {
                bad.extend(stack.drain(..).map(|(pos, _)| pos));
            }
            LRO | RLO => {
                bad.push(i);
                stack.push((i, Open::Override));
            }
            LRE | RLE => stack.push((i, Open::Embedding)),
            LRI | RLI | FSI => stack.push((i, Open::Isolate)),
            PDF => match stack.last() {
                Some(&(_, kind)) if kind != Open::Isolate => {
                    stack.pop();
                    if kind == Open::Override {
                        bad.push(i); // goes with the override it closes
                    }
                }
                _ => bad.push(i),
            },
            PDI => {
                if stack.iter().any(|&(_, kind)| kind == Open::Isolate) {
                    while let Some(&(pos, kind)) = stack.last() {
                        stack.pop();
                        if kind == Open::Isolate {
                            break;
                        }
                        bad.push(pos);
                    }
                } else {
                    bad.push(i);
                }
            }
            _ => {}
        }
    }
    bad.extend(stack.iter().map(|&(pos, _)| pos));
    bad.sort_unstable();
    bad.dedup();
    bad
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bad(s: &str) -> Vec<usize> {
        unbalanced_bidi_controls(&s.chars().collect::<Vec<_>>())
    }

    #[test]
    fn balanced_isolates_pass_and_an_open_embedding_is_listed() {
        // a RLI b PDI space c LRE d: the isolate is closed, the embedding is not.
        assert_eq!(bad("a\u{2067}b\u{2069} c\u{202A}d"), vec![6]);
    }

    #[test]
    fn an_override_is_listed_with_the_pdf_that_closes_it() {
        assert_eq!(bad("x\u{202E}ab\u{202C}"), vec![1, 4]);
        // An embedding closed by its PDF is fine.
        assert!(bad("x\u{202B}ab\u{202C}y").is_empty());
    }

    #[test]
    fn a_line_break_ends_what_is_open() {
        // RLI opened on line one, PDI on line two closes nothing.
        assert_eq!(bad("a\u{2067}b\nc\u{2069}"), vec![1, 5]);
        for br in [
            '\r', '\u{0B}', '\u{0C}', '\u{1C}', '\u{85}', '\u{2028}', '\u{2029}',
        ] {
            let s = format!("\u{2066}{br}\u{2069}");
            assert_eq!(bad(&s), vec![0, 2], "{br:?}");
        }
    }

    #[test]
    fn a_pdi_closes_the_embeddings_inside_its_isolate() {
        // LRI RLE PDI: the PDI closes the isolate and the embedding opened in it.
        assert_eq!(bad("\u{2066}\u{202B}x\u{2069}"), vec![1]);
        // A PDF cannot close an isolate.
        assert_eq!(bad("\u{2066}\u{202C}\u{2069}"), vec![1]);
        // A PDI with no isolate open closes nothing, and leaves the embedding open.
        assert_eq!(bad("\u{202A}\u{2069}"), vec![0, 1]);
    }
}
