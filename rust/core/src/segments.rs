//! `segment()`'s last step (`mixscript.segments.map_back`): the tagger's
//! segments of the normalised text anchored on the input, covering it
//! exactly.
//!
//! Each segment starts where its first character comes from in the input
//! (the alignment's `source_span(i, i)`), never before the segment ahead of
//! it.  A segment left with no input of its own (its characters were made
//! by a step that rewrote a longer stretch as a whole, such as a repaired
//! visual-order line) merges into the next one: no offset inside such a
//! stretch means anything in the input.  Segments left at the very end
//! merge into the one before.  A merged segment takes the script, language
//! and kind of its heaviest member ([`kind_weight`], then length).

/// How much a kind of segment counts when segments merge: a formula
/// outweighs text, text a number, a number punctuation, punctuation space.
pub fn kind_weight(kind: &str) -> u8 {
    match kind {
        "basmala" | "formula" => 4,
        "text" => 3,
        "number" => 2,
        "punct" => 1,
        _ => 0,
    }
}

/// A segment anchored on the input: `start..end` of the input, made of the
/// tagged segments `first..=last`, whose script, language and kind are
/// those of segment `best`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchored {
    pub start: usize,
    pub end: usize,
    pub first: usize,
    pub last: usize,
    pub best: usize,
}

/// The tagged segments anchored on an input of `source_len` characters.
///
/// `starts` is where each segment but the first starts in the input (the
/// first starts at 0); `weights` is each segment's ([`kind_weight`],
/// length in the normalised text), in order.  The anchored segments cover
/// `0..source_len` in order; the heaviest member of a merged one is the
/// first of the largest (weight, length).
pub fn anchor(source_len: usize, starts: &[usize], weights: &[(u8, usize)]) -> Vec<Anchored> {
    let n = weights.len();
    // bounds[k]: where segment k starts in the input; bounds[n]: the end.
    let mut bounds = Vec::with_capacity(n + 1);
    bounds.push(0);
    for &start in starts.iter().take(n.saturating_sub(1)) {
        let previous = bounds[bounds.len() - 1];
        bounds.push(start.max(previous));
    }
    bounds.push(source_len);
    let mut out: Vec<Anchored> = Vec::with_capacity(n);
    for k in 0..n {
        match out.last_mut() {
            // The group ahead has no input yet: this segment joins it.
            Some(group) if bounds[group.first] == bounds[k] => group.last = k,
            _ => out.push(Anchored {
                start: bounds[k],
                end: 0,
                first: k,
                last: k,
                best: k,
            }),
        }
    }
    if out.len() > 1 && out[out.len() - 1].start == source_len {
        let tail = out.pop().expect("two or more");
        out.last_mut().expect("one or more").last = tail.last;
    }
    for group in &mut out {
        group.end = bounds[group.last + 1];
        group.best = (group.first..=group.last).fold(group.first, |best, k| {
            if weights[k] > weights[best] {
                k
            } else {
                best
            }
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchored(start: usize, end: usize, first: usize, last: usize, best: usize) -> Anchored {
        Anchored {
            start,
            end,
            first,
            last,
            best,
        }
    }

    #[test]
    fn segments_with_input_of_their_own_are_anchored_one_for_one() {
        // "ab cd" unchanged: text 0..2, space 2..3, text 3..5.
        let weights = [(3, 2), (0, 1), (3, 2)];
        assert_eq!(
            anchor(5, &[2, 3], &weights),
            vec![
                anchored(0, 2, 0, 0, 0),
                anchored(2, 3, 1, 1, 1),
                anchored(3, 5, 2, 2, 2)
            ]
        );
        assert_eq!(anchor(5, &[], &[(3, 5)]), vec![anchored(0, 5, 0, 0, 0)]);
    }

    #[test]
    fn a_segment_without_input_of_its_own_joins_the_next() {
        // A repaired stretch 0..6 of the input made three segments that all
        // start at 0; then a space 6..7 and text 7..9.
        let weights = [(3, 2), (0, 1), (3, 3), (0, 1), (3, 2)];
        assert_eq!(
            anchor(9, &[0, 0, 6, 7], &weights),
            vec![
                // The longer text wins among the merged.
                anchored(0, 6, 0, 2, 2),
                anchored(6, 7, 3, 3, 3),
                anchored(7, 9, 4, 4, 4)
            ]
        );
        // A start behind the one ahead counts as the one ahead: the text
        // said to start at 5 has no input of its own after the space at 6.
        assert_eq!(
            anchor(9, &[0, 0, 6, 5], &weights),
            vec![anchored(0, 6, 0, 2, 2), anchored(6, 9, 3, 4, 4)]
        );
    }

    #[test]
    fn segments_left_at_the_end_merge_into_the_one_before() {
        // Text 0..4, then a space and a formula both starting at the end.
        let weights = [(3, 4), (0, 1), (4, 1)];
        assert_eq!(
            anchor(4, &[4, 4], &weights),
            vec![anchored(0, 4, 0, 2, 2)] // the formula outweighs the text
        );
        // All of them at 0 of an empty-looking input: one segment.
        assert_eq!(
            anchor(0, &[0, 0], &[(0, 1), (1, 1), (0, 1)]),
            vec![anchored(0, 0, 0, 2, 1)]
        );
    }

    #[test]
    fn the_first_of_equals_is_the_heaviest() {
        assert_eq!(
            anchor(3, &[0, 0], &[(1, 2), (3, 2), (3, 2)]),
            vec![anchored(0, 3, 0, 2, 1)]
        );
        assert_eq!(kind_weight("basmala"), kind_weight("formula"));
        assert_eq!(kind_weight("space"), kind_weight("neutral"));
    }
}
