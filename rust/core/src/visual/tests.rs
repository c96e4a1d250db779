//! Expected values worked out by hand from the rules in the module docs.

use super::*;

fn c(text: &str) -> Vec<char> {
    text.chars().collect()
}

#[test]
fn function_word_and_article_with_teh_marbuta() {
    // في is a function word (1); المدينة opens with the article (1) and ends
    // with teh marbuta (2); reversed, neither word shows anything.
    assert_eq!(visual_score(&c("في المدينة")), (4, 0));
    assert_eq!(visual_score(&c("ةنيدملا يف")), (0, 4));
}

#[test]
fn positional_presentation_forms() {
    // beh initial, yeh medial, teh final: initial first (2), final last (2).
    assert_eq!(visual_score(&c("\u{FE91}\u{FEF4}\u{FE96}")), (4, 0));
    assert_eq!(visual_score(&c("\u{FE96}\u{FEF4}\u{FE91}")), (0, 4));
    // feh initial + yeh final is في in forms: 2 + 2 + the function word 1.
    assert_eq!(visual_score(&c("\u{FED3}\u{FEF2}")), (5, 0));
    // One character is no order: the forms count only in words of two or more.
    assert_eq!(visual_score(&c("\u{FE91}")), (0, 0));
}

#[test]
fn word_final_letters_and_short_words() {
    // Teh marbuta ends مدرسة (2); the word is too short for the article.
    assert_eq!(visual_score(&c("مدرسة")), (2, 0));
    assert_eq!(visual_score(&c("ةسردم")), (0, 2));
    // A lone ة is one letter: no evidence.
    assert_eq!(visual_score(&c("ة")), (0, 0));
    // Urdu yeh barree ends کے, which is also a function word.
    assert_eq!(visual_score(&c("کے")), (3, 0));
    // The article needs four letters: الم has three, الله four.
    assert_eq!(visual_score(&c("الم")), (0, 0));
    assert_eq!(visual_score(&c("الله")), (1, 0));
    // After و, the article still opens the word (والبيت: 1).
    assert_eq!(visual_score(&c("والبيت")), (1, 0));
}

#[test]
fn words_whose_reversal_is_listed_say_nothing() {
    // نحن reads the same reversed; ایک and کیا are each other's reversal.
    assert_eq!(visual_score(&c("نحن")), (0, 0));
    assert_eq!(visual_score(&c("ایک")), (0, 0));
    assert_eq!(visual_score(&c("کیا")), (0, 0));
    assert!(!is_function_word(&c("نحن")));
    assert!(is_function_word(&c("از")));
}

#[test]
fn marks_tatweel_and_zwj_stay_inside_words_and_are_dropped() {
    assert_eq!(visual_score(&c("فِي")), (1, 0));
    assert_eq!(visual_score(&c("مـن")), (1, 0));
    assert_eq!(visual_score(&c("م\u{200D}ن")), (1, 0));
    // ZWNJ splits: می and شود are both function words.
    assert_eq!(visual_score(&c("می\u{200C}شود")), (2, 0));
}

#[test]
fn text_without_arabic_letters_scores_nothing() {
    assert_eq!(visual_score(&c("hello, world 123")), (0, 0));
    assert_eq!(visual_score(&c("")), (0, 0));
    // Tatweel and marks alone do not start a word.
    assert_eq!(words(&c("ـ\u{064E} x")), vec![]);
}

#[test]
fn word_spans() {
    // "ab " then كتاب (3..7), the Arabic comma, a space, ف kasra ي (9..12).
    assert_eq!(words(&c("ab كتاب، فِي")), vec![(3, 7), (9, 12)]);
    // Tatweel before a letter is not part of the word; after it, it is.
    assert_eq!(words(&c("ـبـ")), vec![(1, 3)]);
    // Latin letters and digits end a word.
    assert_eq!(words(&c("كa1ب")), vec![(0, 1), (3, 4)]);
}

#[test]
fn evidence_counts_words_each_way() {
    // ةسردملا reversed is المدرسة (2 + 1), يف reversed is في (1).
    let ev = line_evidence(&c("ةسردملا يف"));
    assert_eq!(
        ev,
        Evidence {
            forward: 0,
            backward: 4,
            words_forward: 0,
            words_backward: 2
        }
    );
    let ev = line_evidence(&c("في ةسردملا"));
    assert_eq!(
        (ev.forward, ev.backward, ev.words_forward, ev.words_backward),
        (1, 3, 1, 1)
    );
}

#[test]
fn confidence_formula() {
    assert_eq!(confidence(4, 0), 0.0);
    assert_eq!(confidence(2, 2), 0.0);
    assert_eq!(confidence(0, 4), 0.8);
    assert_eq!(confidence(1, 3), 0.4);
}

#[test]
fn unshaping_keeps_lam_before_alef() {
    assert_eq!(unshape(&c("\u{FEFB}")), c("\u{0644}\u{0627}"));
    // Lam-alef with madda: lam then alef with madda above, composed.
    assert_eq!(unshape(&c("\u{FEF5}")), c("\u{0644}\u{0622}"));
    assert_eq!(unshape(&c("\u{FE81}x")), c("\u{0622}x"));
    // The isolated fatha is a space and the mark.
    assert_eq!(unshape(&c("\u{FE76}")), c(" \u{064E}"));
    assert_eq!(presentation_form('\u{FE91}'), Some(Form::Initial));
    assert_eq!(presentation_form('\u{FEFB}'), Some(Form::Isolated));
    assert_eq!(presentation_form('\u{0628}'), None);
}

#[test]
fn nfc_composes_hamza_and_madda_and_orders_marks() {
    assert_eq!(nfc(&c("\u{0627}\u{0653}")), c("\u{0622}"));
    assert_eq!(nfc(&c("\u{064A}\u{0654}")), c("\u{0626}"));
    // Shadda (class 33) goes after fatha (30); hamza above (230) still reaches
    // the alef past the fatha, which has a lower class.
    assert_eq!(
        nfc(&c("\u{0628}\u{0651}\u{064E}")),
        c("\u{0628}\u{064E}\u{0651}")
    );
    assert_eq!(nfc(&c("\u{0627}\u{064E}\u{0654}")), c("\u{0623}\u{064E}"));
    // Hamza above then madda: same class, so madda is blocked once hamza composes.
    assert_eq!(nfc(&c("\u{0627}\u{0654}\u{0653}")), c("\u{0623}\u{0653}"));
    assert_eq!(nfc(&c("\u{0623}")), c("\u{0623}"));
}

#[test]
fn letters_are_stable_starters() {
    // What lets a word without presentation forms skip NFC: every
    // Arabic-script letter is a starter, NFC of it alone is itself, and no
    // composition takes a letter as its second character.
    let letters: Vec<char> = (0..=0x10FFFF)
        .filter_map(char::from_u32)
        .filter(|&ch| is_arabic_letter(ch))
        .collect();
    assert!(letters.len() > 1000);
    for &ch in &letters {
        assert_eq!(crate::steps::ucd::combining_class(ch), 0, "{ch:?}");
        assert_eq!(nfc(&[ch]), vec![ch], "{ch:?}");
        assert!(!crate::steps::nfc::is_second_of_a_composition(ch), "{ch:?}");
    }
    assert!(function_words()
        .iter()
        .all(|w| w.len() <= MAX_FUNCTION_WORD));
    // Packing keeps words apart: every listed word has its own key.
    let mut keys: Vec<u128> = function_words()
        .iter()
        .map(|w| packed(w.iter().copied()))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), function_words().len());
}

#[test]
fn presentation_forms_are_unshaped_before_the_word_rules() {
    // Teh marbuta final form (U+FE94) ends the word: 2 for the final form and
    // 2 for the word-final letter it shows.
    assert_eq!(visual_score(&c("مدرس\u{FE94}")), (4, 0));
    // Lam-alef (U+FEFB) after alef is ال: with two more letters, the article.
    assert_eq!(visual_score(&c("ا\u{FEFB}بن")), (1, 0));
}

#[test]
fn long_words_score_like_short_ones() {
    // Over 32 characters a word is stripped into a new buffer: the same rules.
    let long = format!("ال{}ة", "ب\u{064E}".repeat(20));
    assert_eq!(visual_score(&c(&long)), (3, 0));
    assert_eq!(word_scores(&c(&long)), (3, 0));
    // Flags of astral characters come from the range tables: U+1EE01 (Arabic
    // mathematical beh) is an Arabic-script letter.
    assert_eq!(words(&c("\u{1EE01}\u{1EE02} x")), vec![(0, 2)]);
}

#[test]
fn the_article_alone_and_after_its_four_prefixes() {
    for word in ["الكتاب", "والكتاب", "بالكتاب", "فالكتاب", "كالكتاب"]
    {
        assert!(has_article(&c(word)), "{word}");
    }
    // لا opening a word, a prefix without the article, other first letters.
    for word in ["لاعب", "وكتاب", "بلاد", "سالم", "مالك", "كلام"] {
        assert!(!has_article(&c(word)), "{word}");
    }
}

#[test]
fn every_listed_word_is_found_and_near_misses_are_not() {
    for w in function_words() {
        assert!(is_function_word(w));
        let mut longer = w.clone();
        longer.push('\u{0628}');
        assert!(!function_words().contains(&longer) || is_function_word(&longer));
    }
    // Hand-picked words off the list (and a one-letter word, never listed).
    for word in ["كتاب", "مدرسة", "و", "ب", "فيي", "ازز"] {
        assert!(!is_function_word(&c(word)), "{word}");
    }
}

#[test]
fn evidence_of_text_and_of_chars_agree_and_see_letters() {
    let line = "في المدينة ةنيدملا, abc \u{FED3}\u{FEF2} م\u{200D}ن";
    let (ev, any) = str_evidence(line);
    assert_eq!(ev, line_evidence(&c(line)));
    // في 1 + المدينة 3 + forms في 5 + من 1 forwards; ةنيدملا 3 backwards.
    assert_eq!((ev.forward, ev.backward), (10, 3));
    assert!(any);
    assert_eq!(
        str_evidence("abc, 123 \u{064E}"),
        (Evidence::default(), false)
    );
}

#[test]
fn both_directions_at_once_agree_with_scoring_each_direction() {
    // Words without presentation forms take the one-look path; every
    // function word, its reversal, and words with each kind of evidence.
    let mut words: Vec<Vec<char>> = function_words().to_vec();
    words.extend(
        function_words()
            .iter()
            .map(|w| w.iter().rev().copied().collect()),
    );
    for w in [
        "المدينة",
        "ةنيدملا",
        "والبيت",
        "تيبلاو",
        "کے",
        "ےک",
        "ة",
        "الم",
        "مدرسة",
    ] {
        words.push(c(w));
    }
    for w in words {
        let mut reversed = w.clone();
        reversed.reverse();
        let expected = (forward_score(&w), forward_score(&reversed));
        assert_eq!(
            letter_scores_of(&w),
            expected,
            "{}",
            w.iter().collect::<String>()
        );
    }
    // Hand values: المدينة forwards 3 (article, teh marbuta), backwards 0.
    assert_eq!(letter_scores_of(&c("المدينة")), (3, 0));
    assert_eq!(letter_scores_of(&c("يف")), (0, 1));
}

/// [`letter_scores`] of a word, the flags of its ends read from the table.
fn letter_scores_of(w: &[char]) -> (u32, u32) {
    let last = flags(w[w.len() - 1]);
    letter_scores(w, flags(w[0]), last, function_word_table())
}

/// A fixed-seed generator (xorshift) of picks among `n`.
fn picks(seed: u64) -> impl FnMut(usize) -> usize {
    let mut state = seed;
    move |n| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state % n as u64) as usize
    }
}

#[test]
fn the_word_table_answers_as_the_sorted_list() {
    // Words of two to six of the letters the listed words are made of:
    // listed ones, and many that share their first and last letters.
    let mut letters: Vec<char> = function_words().iter().flatten().copied().collect();
    letters.sort_unstable();
    letters.dedup();
    let mut pick = picks(0x9E37_79B9_7F4A_7C15);
    let mut found = 0;
    for _ in 0..200_000 {
        let len = 2 + pick(5);
        let word: Vec<char> = (0..len).map(|_| letters[pick(letters.len())]).collect();
        let listed = function_words().binary_search(&word).is_ok();
        assert_eq!(is_function_word(&word), listed, "{word:?}");
        found += usize::from(listed);
    }
    for w in function_words() {
        assert!(is_function_word(w));
    }
    assert!(found > 0);
}

#[test]
fn one_pass_over_a_line_scores_its_words_one_by_one() {
    // The scan reads words, strips them and scores them as it goes; the
    // same line cut into words first, each scored on its own, must agree.
    let pieces = [
        "في",
        "المدينة",
        "ةنيدملا",
        "کے",
        "من",
        "\u{FED3}\u{FEF2}",
        "\u{FEFB}",
        "\u{FE8E}",
        "\u{FC5E}",
        "\u{064E}",
        "\u{0651}",
        "\u{0640}",
        "\u{200D}",
        "\u{200C}",
        " ",
        "abc",
        "1",
        ".",
        "\u{0629}",
        "\u{06BA}",
        "\u{1EE00}",
    ];
    let mut pick = picks(0x2545_F491_4F6C_DD1D);
    for _ in 0..20_000 {
        let len = pick(10);
        let line: Vec<char> = (0..len)
            .flat_map(|_| pieces[pick(pieces.len())].chars())
            .collect();
        let mut expected = Evidence::default();
        for (s, e) in words(&line) {
            let (f, b) = word_scores(&line[s..e]);
            expected.forward += f;
            expected.backward += b;
            expected.words_forward += u32::from(f > b);
            expected.words_backward += u32::from(b > f);
        }
        assert_eq!(line_evidence(&line), expected, "{line:?}");
        let text: String = line.iter().collect();
        assert_eq!(
            str_evidence(&text),
            (expected, !words(&line).is_empty()),
            "{line:?}"
        );
    }
}

#[test]
fn lines_passed_over_in_chunks_score_as_read_one_by_one() {
    // Long lines whose Latin stretches span the chunks the scan passes
    // over, with words, marks (Arabic and Latin), joiners, forms and
    // characters at the edges of the ranges it skips: the evidence of the
    // line of `char`s (stretches passed over) against the scan of every
    // character of its UTF-8, and against its words scored one by one.
    let pieces = [
        "في",
        "المدينة",
        "ةنيدملا",
        "کے",
        "\u{FED3}\u{FEF2}",
        "\u{FEFB}",
        "\u{064E}",
        "\u{0301}",
        "\u{0640}",
        "\u{200D}",
        "\u{200C}",
        "\u{05FF}",
        "\u{0600}",
        "\u{061F}",
        "\u{1EE00}",
        " ",
        "\n",
        "é",
        "The quick brown fox ",
        "jumps over the lazy dog, 1.5 ",
        "abcdefghijklmnop",
        "x",
    ];
    let lines = crate::generated_texts(&pieces, 0x9E37_79B9_7F4A_7C15, 40, 30_000);
    let mut scored = 0;
    for line in &lines {
        let mut expected = Evidence::default();
        for (s, e) in words(line) {
            let (f, b) = word_scores(&line[s..e]);
            expected.forward += f;
            expected.backward += b;
            expected.words_forward += u32::from(f > b);
            expected.words_backward += u32::from(b > f);
        }
        let text: String = line.iter().collect();
        let any = !words(line).is_empty();
        assert_eq!(str_evidence(&text), (expected, any), "{text:?}");
        assert_eq!(evidence_and_letters(line), (expected, any), "{text:?}");
        scored += usize::from(expected.forward + expected.backward > 0);
    }
    assert!(scored > lines.len() / 2);
}

#[test]
fn next_at_least_finds_the_first_character_at_every_place() {
    for len in [0usize, 1, 15, 16, 17, 32, 33, 50] {
        for at in 0..=len {
            for from in [0, at / 2, at, len] {
                let mut line = vec!['a'; len];
                if at < len {
                    line[at] = '\u{0628}';
                }
                let expected = if at < len && from <= at { at } else { len };
                assert_eq!(
                    next_at_least(&line, from, FIRST_LETTER),
                    expected,
                    "{len} {at} {from}"
                );
            }
        }
    }
}

#[test]
fn no_letter_below_the_bound() {
    // The scans pass over characters below FIRST_LETTER looking for words.
    for cp in 0..FIRST_LETTER {
        let ch = char::from_u32(cp).unwrap();
        assert_eq!(flags(ch) & LETTER, 0, "{cp:X}");
    }
    assert!(is_arabic_letter('\u{0620}'));
}

#[test]
fn flags_of_forms_and_final_letters_are_those_of_their_lists() {
    // The scan reads presentation forms and word-final letters from the
    // flags; the slow paths read the lists.  Nothing below U+0300 has a
    // flag (`Flags::of` does not load the table for it).
    for cp in 0..0x11_0000u32 {
        let Some(ch) = char::from_u32(cp) else {
            continue;
        };
        let f = flags(ch);
        let letter = f & LETTER != 0;
        assert_eq!(f & FORM != 0, letter && positional(ch).is_some(), "{cp:X}");
        assert_eq!(f & FINAL != 0, WORD_FINAL_ONLY.contains(&ch), "{cp:X}");
        assert!(f & (FORM | FINAL) == 0 || letter, "{cp:X}");
        assert!(cp >= 0x0300 || f == 0, "{cp:X}");
        assert_eq!(f, flags_from_props(ch), "{cp:X}");
    }
    for ch in WORD_FINAL_ONLY {
        assert_ne!(flags(ch) & FINAL, 0);
    }
    assert_ne!(flags('\u{FEF2}') & FORM, 0);
}

/// The scan as it was before words were read from their flags alone: the
/// oracle of the one now in use.
mod before {
    use super::super::*;
    use crate::steps::forms::FORMS_START;

    struct Word {
        start: usize,
        end: usize,
        stripped: bool,
        forms: bool,
    }

    fn next_word(line: &[char], flags: Flags, from: usize) -> Option<Word> {
        let mut i = from;
        let start = loop {
            i = next_at_least(line, i, FIRST_LETTER);
            let &ch = line.get(i)?;
            i += 1;
            if flags.of(ch) & LETTER != 0 {
                break i - 1;
            }
        };
        let mut all = 0;
        let mut top = line[start] as u32;
        while let Some(&ch) = line.get(i) {
            let f = flags.of(ch);
            if f == 0 {
                break;
            }
            all |= f;
            top = top.max(ch as u32);
            i += 1;
        }
        Some(Word {
            start,
            end: i,
            stripped: !kept(all),
            forms: top >= FORMS_START,
        })
    }

    pub fn words(line: &[char]) -> Vec<(usize, usize)> {
        let mut spans = Vec::new();
        let mut from = 0;
        while let Some(word) = next_word(line, Flags::get(), from) {
            spans.push((word.start, word.end));
            from = word.end;
        }
        spans
    }

    fn listed(word: &[char]) -> bool {
        function_words().binary_search(&word.to_vec()).is_ok()
    }

    fn letter_scores(word: &[char]) -> (u32, u32) {
        let n = word.len();
        let (mut f, mut b) = (0, 0);
        if n >= 2 {
            f += 2 * u32::from(WORD_FINAL_ONLY.contains(&word[n - 1]));
            b += 2 * u32::from(WORD_FINAL_ONLY.contains(&word[0]));
        }
        if n >= 4 {
            f += u32::from(has_article(word));
            b += u32::from(has_article(&[word[n - 1], word[n - 2], word[n - 3]]));
        }
        let reversed: Vec<char> = word.iter().rev().copied().collect();
        f += u32::from(listed(word));
        b += u32::from(listed(&reversed));
        (f, b)
    }

    pub fn scan_line(line: &[char]) -> (Evidence, bool) {
        let flags = Flags::get();
        let mut ev = Evidence::default();
        let mut any = false;
        let mut buf: Vec<char> = Vec::new();
        let mut reversed: Vec<char> = Vec::new();
        let mut scratch: Vec<char> = Vec::new();
        let mut from = 0;
        while let Some(word) = next_word(line, flags, from) {
            any = true;
            from = word.end;
            let raw = &line[word.start..word.end];
            let letters = if word.stripped {
                buf.clear();
                buf.extend(raw.iter().copied().filter(|&c| kept(flags.of(c))));
                &buf[..]
            } else {
                raw
            };
            let (f, b) = if word.forms && letters.iter().any(|&c| positional(c).is_some()) {
                let f = score_in(letters, &mut scratch);
                reversed.clear();
                reversed.extend(letters.iter().rev());
                (f, score_in(&reversed, &mut scratch))
            } else {
                letter_scores(letters)
            };
            ev.forward += f;
            ev.backward += b;
            ev.words_forward += u32::from(f > b);
            ev.words_backward += u32::from(b > f);
        }
        (ev, any)
    }
}

#[test]
fn the_scan_answers_as_it_did_before() {
    // Generated lines of every kind of word and of what comes between
    // words: function words (each way round), articles, word-final
    // letters at either end, presentation forms, marks, tatweel, ZWJ and
    // ZWNJ, letters outside the Arabic block and the BMP, the edges of the
    // ranges the scan passes over, Latin words, digits, punctuation, line
    // breaks, long stretches of Latin text.
    let mut pieces: Vec<String> = function_words()
        .iter()
        .flat_map(|w| [w.iter().collect(), w.iter().rev().collect()])
        .collect();
    for piece in [
        "ال",
        "وال",
        "بال",
        "فال",
        "كال",
        "الم",
        "كتاب",
        "مدرسة",
        "ةسردم",
        "المدينة",
        "کے",
        "ےک",
        "ہیں",
        "ں",
        "ة",
        "ى",
        "ۃ",
        "ے",
        "ا",
        "ل",
        "و",
        "ب",
        "ف",
        "ك",
        "\u{0623}",
        "\u{0627}\u{0654}",
        "\u{FED3}\u{FEF2}",
        "\u{FEFB}",
        "\u{FE8E}",
        "\u{FC5E}",
        "\u{FDF2}",
        "\u{FE70}",
        "\u{FB50}",
        "\u{FB4F}",
        "\u{FEFF}",
        "\u{064E}",
        "\u{0651}",
        "\u{0670}",
        "\u{0301}",
        "\u{0640}",
        "\u{200D}",
        "\u{200C}",
        "\u{05FF}",
        "\u{0600}",
        "\u{06FF}",
        "\u{0700}",
        "\u{0750}",
        "\u{08A0}",
        "\u{1EE00}",
        "\u{1EE21}",
        "\u{10FFFF}",
        " ",
        "  ",
        "\t",
        "\n",
        "\r\n",
        "\u{2028}",
        "é",
        "x",
        "The quick brown fox ",
        "jumps over the lazy dog, ",
        "abcdefghijklmnop",
        "2019",
        "1.5",
        "\u{0661}\u{0662}",
        ".",
        "،",
        "؟",
        "!",
        "(",
        ")",
        "«",
        "\u{202B}",
        "\u{202C}",
    ] {
        pieces.push(piece.to_string());
    }
    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
    let mut lines = crate::generated_texts(&pieces, 0x2545_F491_4F6C_DD1D, 24, 60_000);
    lines.push(Vec::new());
    let mut scored = 0;
    for line in &lines {
        let expected = before::scan_line(line);
        assert_eq!(scan_line(line), expected, "{line:?}");
        assert_eq!(words(line), before::words(line), "{line:?}");
        scored += usize::from(expected.0.words_forward > 0 && expected.0.words_backward > 0);
    }
    assert!(scored > lines.len() / 30, "{scored}");
}
