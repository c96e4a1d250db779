//! Expected values worked out by hand: a logical line drawn by UAX #9
//! (levels by rules W1-W7, N1-N2 and I1-I2, then L2, L3 and L4), and the
//! tie-breaks counted on the text as written here.

use super::*;
use crate::test_chars as c;

fn s(chars: &[char]) -> String {
    chars.iter().collect()
}

fn read(line: &str) -> Option<String> {
    line_to_logical(&c(line)).map(|l| s(&l))
}

const HEBREW: &str = "abc \u{05D0}\u{05D1} 12"; // Latin, a space, alef bet, a space, a number

#[test]
fn levels_and_redrawing_follow_uax9() {
    // The Hebrew letters and the space after them are R at level 1; the
    // number after R stays EN (W7) and goes to level 2 (I1).
    let line = c(HEBREW);
    assert_eq!(levels_at(&line, 0), vec![0, 0, 0, 0, 1, 1, 1, 2, 2]);
    // L2: reverse the level-2 run, then the run of levels 1 and above.
    assert_eq!(s(&redraw(&line, 0, false)), "abc 12 \u{05D1}\u{05D0}");
    // Read in its own order, a line resolves as it is.
    let identity: Vec<usize> = (0..9).collect();
    assert_eq!(levels_through(&line, &identity, 0), levels_at(&line, 0));
    // Read reversed ("21 בא cba") at base 1, each level goes back to its
    // character: the Latin and the number at 2, the rest at 1.
    let reversed: Vec<usize> = (0..9).rev().collect();
    assert_eq!(
        levels_through(&line, &reversed, 1),
        vec![2, 2, 2, 1, 1, 1, 1, 2, 2]
    );
    // L3: a Hebrew letter and its mark (patah) at level 1 drawn mark last.
    assert_eq!(
        s(&redraw(&c("\u{05D0}\u{05B7}"), 1, true)),
        "\u{05D0}\u{05B7}"
    );
    assert_eq!(
        s(&redraw(&c("\u{05D0}\u{05B7}"), 1, false)),
        "\u{05B7}\u{05D0}"
    );
}

#[test]
fn a_line_without_right_to_left_characters_is_its_own_order() {
    assert_eq!(read("abc 12 (x)."), None);
    assert_eq!(read(""), None);
    // Arabic-Indic digits are AN, no R or AL: nothing to turn round.
    assert_eq!(read("\u{0661}\u{0662} abc"), None);
}

#[test]
fn words_and_runs_come_back() {
    assert_eq!(read("مالسلا").as_deref(), Some("السلام"));
    assert_eq!(read("مكيلع مالسلا").as_deref(), Some("السلام عليكم"));
    // "سنة 2021 م" at base 1: the number is EN at level 2 and keeps its
    // order when the line is reversed.
    assert_eq!(read("م 2021 ةنس").as_deref(), Some("سنة 2021 م"));
    // The stop at the end of "السلام." is drawn at the left end.
    assert_eq!(read(".مالسلا").as_deref(), Some("السلام."));
    // Persian digits after an Arabic word stand left of the Latin word that
    // follows them (a run of their own when read as an Arabic number).
    let drawn = "م 2021 ةنس Vienna ۱۴۰۰ يف";
    assert_eq!(read(drawn).as_deref(), Some("في ۱۴۰۰ Vienna سنة 2021 م"));
    // "Vienna م ۵" at base 0 (the strong characters are mostly Latin):
    // the digit is EN after R (W7), at level 2 beside the word's 1, so
    // drawn "Vienna ۵ م".  Read with the digit as EN after "Vienna" it
    // would join the Latin word (W7 finds L) and come back as drawn, a
    // number swapped with the word beside it; read as an Arabic number
    // (AN) it stays with the Arabic word.
    assert_eq!(read("Vienna ۵ م").as_deref(), Some("Vienna م ۵"));
}

#[test]
fn brackets_mirrored_back_only_when_that_pairs_them() {
    // "السلام (عليكم)" at base 1: the brackets take R (N0), the whole line
    // is reversed and mirrored (L4).
    assert_eq!(read("(مكيلع) مالسلا").as_deref(), Some("السلام (عليكم)"));
    // A producer that skips L4 leaves them facing the other way.
    assert_eq!(read(")مكيلع( مالسلا").as_deref(), Some("السلام (عليكم)"));
}

#[test]
fn harakat_either_side_of_their_letter() {
    // كَتَبَ drawn right to left: each fatha before its letter (no L3) or
    // after it (L3).
    assert_eq!(read("\u{064E}ب\u{064E}ت\u{064E}ك").as_deref(), Some("كَتَبَ"));
    assert_eq!(read("ب\u{064E}ت\u{064E}ك\u{064E}").as_deref(), Some("كَتَبَ"));
}

#[test]
fn presentation_forms_unshaped_after_reversing() {
    // Isolated meem, lam-alef, medial seen, initial lam, isolated alef: the
    // ligature comes out lam first only when unshaped after reversing.
    let drawn = "\u{FEE1}\u{FEFC}\u{FEB4}\u{FEDF}\u{FE8D}";
    assert_eq!(read(drawn).as_deref(), Some("السلام"));
}

#[test]
fn a_number_beside_a_latin_word_keeps_its_drawn_order() {
    // "الساعة PM 06:41" and "الساعة 06:41 PM" are both drawn
    // "PM 06:41 ةعاسلا": ASCII digits keep their drawn place beside the
    // Latin word.
    assert_eq!(read("PM 06:41 ةعاسلا").as_deref(), Some("الساعة PM 06:41"));
}

#[test]
fn placeholders_move_as_one_glyph() {
    // One right-to-left glyph at the left end is the line's last.
    assert_eq!(read("(cid:12)مالسلا").as_deref(), Some("السلام(cid:12)"));
    // Two placeholders alone: a right-to-left line of two glyphs.
    assert_eq!(read("(cid:12)(cid:3)").as_deref(), Some("(cid:3)(cid:12)"));
    // A placeholder beside Latin only: at base 0 nothing moves.
    assert_eq!(read("(cid:3) abc").as_deref(), Some("(cid:3) abc"));
    // Any script's decimal digits, as `\d`.
    assert_eq!(read("(cid:١٢)ب").as_deref(), Some("ب(cid:١٢)"));
    // Not placeholders: no digits, or no closing bracket.
    assert_eq!(cid_spans(&c("(cid:)(cid:1 (cid:x)")), vec![]);
    assert_eq!(cid_spans(&c("a(cid:(cid:7)")), vec![(6, 13)]);
}

#[test]
fn sentence_ends() {
    assert_eq!(ends_sentence(&c(" abc. ")), 1);
    assert_eq!(ends_sentence(&c("\u{2026}abc")), -1);
    assert_eq!(ends_sentence(&c(".")), 0); // first and last at once
    assert_eq!(ends_sentence(&c("؟abc۔")), 0);
    assert_eq!(ends_sentence(&c(" \t")), 0);
}

#[test]
fn bracket_errors_counted() {
    assert_eq!(bracket_errors(&c("(a)")), 0);
    assert_eq!(bracket_errors(&c("a (b) c")), 0);
    // Unclosed opener glued to the end of a word... and followed by one.
    assert_eq!(bracket_errors(&c("a(b")), 1);
    // Opener at the end of a word with nothing after: unclosed and facing
    // the wrong way.
    assert_eq!(bracket_errors(&c("a( b")), 2);
    // A closer without an opener; an opener never closed.
    assert_eq!(bracket_errors(&c(") x (")), 2);
    // "1)" alone is fine (a closer after a word); "(1" alone is an
    // unclosed opener only; ")1" faces the wrong way too.
    assert_eq!(bracket_errors(&c("1) x")), 1);
    assert_eq!(bracket_errors(&c(" )1")), 2);
    assert_eq!(bracket_errors(&c("«ب» [x]")), 0);
    assert_eq!(bracket_errors(&c("(]")), 2);
}

fn swaps(line: &[char], order: &[usize]) -> usize {
    split_number_latin(&number_latin_kinds(line), order)
}

/// [`split_number_latin`] as it was: every letter and digit looks at the
/// next character but spaces.
fn split_number_latin_from_each(line_kinds: &[u8], order: &[usize]) -> usize {
    let kinds: Vec<u8> = order.iter().map(|&i| line_kinds[i]).collect();
    let is_digit = |k: u8| k == b'D' || k == b'd';
    let mut swaps = 0;
    for k in 0..kinds.len() {
        let a = kinds[k];
        if !is_digit(a) && a != b'L' {
            continue;
        }
        let mut j = k + 1;
        while j < kinds.len() && kinds[j] == b' ' {
            j += 1;
        }
        let Some(&b) = kinds.get(j) else { continue };
        if !((is_digit(a) && b == b'L') || (a == b'L' && is_digit(b))) {
            continue;
        }
        let ascii_digit = a == b'D' || b == b'D';
        if (order[k] > order[j]) == ascii_digit {
            swaps += 1;
        }
    }
    swaps
}

#[test]
fn swaps_found_from_the_digits_are_the_swaps_found_from_each_character() {
    // Numbers of every kind beside words, spaces between or not, read in
    // the orders the readings try (drawn at both levels, reversed) and in
    // scrambled ones.
    let pieces = [
        "ab",
        "x",
        " ",
        "  ",
        "12",
        "7",
        "\u{0661}\u{0662}",
        "\u{06F3}",
        "\u{00B2}",
        "\u{0628}\u{0633}",
        ".",
        "-",
        "\u{05D0}",
        "é",
    ];
    let mut checked = 0;
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    for line in crate::generated_texts(&pieces, 0x5DEE_CE66_D1CE_4E5B, 20, 8000) {
        let kinds = number_latin_kinds(&line);
        let n = line.len();
        let mut orders = vec![(0..n).collect::<Vec<usize>>(), (0..n).rev().collect()];
        for base in [0, 1] {
            orders.push(crate::bidi::reorder_line(&levels_at(&line, base)));
        }
        let mut scrambled: Vec<usize> = (0..n).collect();
        for k in (1..n).rev() {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            scrambled.swap(k, (state % (k as u64 + 1)) as usize);
        }
        orders.push(scrambled);
        for order in &orders {
            let expected = split_number_latin_from_each(&kinds, order);
            assert_eq!(
                split_number_latin(&kinds, order),
                expected,
                "{line:?} {order:?}"
            );
            checked += usize::from(expected > 0);
        }
    }
    assert!(checked > 1000, "{checked}");
}

#[test]
fn number_latin_swaps() {
    let line = c("ab 12");
    // Read as drawn: "b" then "1", in drawn order, nothing swapped.
    assert_eq!(swaps(&line, &[0, 1, 2, 3, 4]), 0);
    // Reversed: logical "21 ba" puts "1" before "b", drawn after it.
    assert_eq!(swaps(&line, &[4, 3, 2, 1, 0]), 1);
    // Arabic-Indic digits the other way round: kept as drawn is a swap.
    let line = c("ab \u{0661}\u{0662}");
    assert_eq!(swaps(&line, &[0, 1, 2, 3, 4]), 1);
    assert_eq!(swaps(&line, &[4, 3, 2, 1, 0]), 0);
    // Something other than a space between: no pair.
    assert_eq!(swaps(&c("ab.12"), &[4, 3, 2, 1, 0]), 0);
    // Arabic letters (AL) count for nothing.
    assert_eq!(swaps(&c("بب 12"), &[4, 3, 2, 1, 0]), 0);
    // Superscript two is a digit (Numeric_Type=Digit, EN) but not ASCII:
    // kept in drawn order beside "x" it is a swap, reversed it is not.
    assert_eq!(swaps(&c("x\u{00B2}"), &[0, 1]), 1);
    assert_eq!(swaps(&c("x\u{00B2}"), &[1, 0]), 0);
}

/// [`number_latin_kind`] as its definition states it: alphanumeric and of
/// class L, EN or AN, then by digit and ASCII.
fn number_latin_kind_by_definition(ch: char) -> u8 {
    if is_alnum(ch) && matches!(bidi_class(ch), BidiClass::L | BidiClass::EN | BidiClass::AN) {
        match (is_digit_char(ch), ch.is_ascii()) {
            (true, true) => b'D',
            (true, false) => b'd',
            (false, _) => b'L',
        }
    } else if ch == ' ' {
        b' '
    } else {
        b'x'
    }
}

#[test]
fn number_latin_kind_of_every_character_follows_its_definition() {
    // The shortcuts (ASCII by itself, the class before the category) on
    // every code point, the ASCII range and the Arabic blocks included.
    let mut kinds = [0usize; 4];
    for ch in (0..=0x10FFFF).filter_map(char::from_u32) {
        let kind = number_latin_kind(ch);
        assert_eq!(kind, number_latin_kind_by_definition(ch), "{ch:?}");
        kinds[match kind {
            b'D' => 0,
            b'd' => 1,
            b'L' => 2,
            _ => 3,
        }] += 1;
    }
    // Every kind is met (the comparison is not vacuous).
    assert!(kinds.iter().all(|&k| k > 0), "{kinds:?}");
}

#[test]
fn marks_placed_by_spelling() {
    // Fatha left of beh (no L3): on beh it is fine, on nothing it is not.
    assert!(!marks_follow_base(&c("\u{064E}ب")));
    // Fatha right of beh (L3).
    assert!(marks_follow_base(&c("ب\u{064E}")));
    // A shadda right of a lone letter: the letter is word-initial either
    // way, one misplacement each side: a tie, no L3.
    assert!(!marks_follow_base(&c("ب\u{0651}")));
    // No marks at all: no L3.
    assert!(!marks_follow_base(&c("بب")));
}

#[test]
fn folding_makes_mirrored_pairs_one() {
    assert_eq!(fold('('), '(');
    assert_eq!(fold(')'), '(');
    assert_eq!(fold('»'), '«');
    assert_eq!(fold('a'), 'a');
}

#[test]
fn every_line_of_a_text() {
    let text = c("abc\r\nمالسلا\n\nب");
    assert_eq!(
        to_logical(&text).map(|t| s(&t)).as_deref(),
        Some("abc\r\nالسلام\n\nب")
    );
    assert_eq!(to_logical(&c("abc\nب")), None);
}
