//! The alignment between a normalised text and the input it came from.
//!
//! `explain` must say, for any span of its output, which span of the input
//! it comes from, and list the changes in input coordinates, however many
//! steps changed lengths on the way.  Each step reports its edits in the
//! coordinates of the text *it* saw; [`Alignment::apply`] composes them, one
//! step after the other, onto what the earlier steps did.
//!
//! The alignment is a list of [`Block`]s, in order in both texts.  A block
//! without rules is an untouched copy and maps character for character; a
//! block with rules was produced by an edit (or several, composed) and maps
//! as a whole: either character of `لأ`, unshaped from `ﻷ`, maps to the one
//! input character.  Keeping the blocks in order in both texts is what makes
//! [`Alignment::source_span`] monotone.
//!
//! Deletions are empty blocks (`out_start == out_end`).  An input span
//! deleted right before an output position belongs to what follows it; an
//! insertion at the place of a deletion takes the deletion in (the two
//! become one change, as the edit that re-inserts a character a step had
//! removed should).
//!
//! `mixscript.text.edits.Alignment` is this type seen from Python; the
//! chains of [`crate::pipeline`] compose their steps' edits here directly.

use std::sync::Arc;

/// A rule's index in its alignment's table of names ([`Alignment::rule_name`]).
pub type RuleId = u16;

/// One piece of the output and the input span it comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub out_start: usize,
    pub out_end: usize,
    pub src_start: usize,
    pub src_end: usize,
    /// The rules of the edits that made the block, in the order they were
    /// composed (a rule may repeat); None for an untouched copy.  Shared:
    /// every later step copies the block.
    rules: Option<Arc<[RuleId]>>,
}

impl Block {
    /// An untouched copy, which maps character for character.
    pub fn exact(&self) -> bool {
        self.rules.is_none()
    }

    /// The rules of the edits that made the block (none for a copy).
    pub fn rules(&self) -> &[RuleId] {
        self.rules.as_deref().unwrap_or(&[])
    }
}

/// An edit as the alignment sees it: the span it replaces in the current
/// text, the length of its replacement (in characters), and its own rule
/// if it names one (else its step's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Step<'a> {
    pub start: usize,
    pub end: usize,
    pub len: usize,
    pub rule: Option<&'a str>,
}

/// One step applied to an alignment, kept so that it can be applied again
/// to another ([`Alignment::replay`]); a list from the last step back.
#[derive(Debug, PartialEq, Eq)]
struct Logged {
    /// The length of the text the step saw.
    len: usize,
    /// The step's rule.
    rule: RuleId,
    /// (start, end, replacement length, rule) of each edit.
    edits: Vec<(usize, usize, usize, RuleId)>,
    before: Option<Arc<Logged>>,
}

/// One change of [`Alignment::changes`]: input `start..end` became output
/// `out_start..out_end`, by `rule` (the rules of its blocks joined by `+`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub start: usize,
    pub end: usize,
    pub out_start: usize,
    pub out_end: usize,
    pub rule: String,
}

/// Why [`Alignment::apply`] refused a list of edits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BadEdits {
    /// An edit starts before the end of the one before it, or ends before it starts.
    Unsorted,
    /// An edit ends beyond the text.
    OutOfRange,
    /// The text is not as long as the alignment's output.
    Length,
    /// More distinct rule names than a [`RuleId`] can count.
    TooManyRules,
}

/// Maps positions of the current text back to the original input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Alignment {
    /// The length of the current text (the output so far).
    length: usize,
    blocks: Vec<Block>,
    /// Rule names by [`RuleId`]: a handful (the steps' names, the
    /// repairs'), shared by the alignments of one text's steps.
    names: Arc<Vec<String>>,
    /// The length of the input.
    source: usize,
    /// The steps applied since the identity, the last first.
    log: Option<Arc<Logged>>,
}

impl Alignment {
    /// The identity alignment of a text of `length` characters.
    pub fn new(length: usize) -> Self {
        Alignment {
            length,
            blocks: vec![Block {
                out_start: 0,
                out_end: length,
                src_start: 0,
                src_end: length,
                rules: None,
            }],
            names: Arc::default(),
            source: length,
            log: None,
        }
    }

    /// The length of the current text.
    pub fn len(&self) -> usize {
        self.length
    }

    /// Whether the current text is empty.
    pub fn is_empty(&self) -> bool {
        self.length == 0
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The name of a rule of [`Block::rules`].
    pub fn rule_name(&self, id: RuleId) -> &str {
        &self.names[usize::from(id)]
    }

    /// The id of rule `name`, added to the table if it is new.
    fn rule(&mut self, name: &str) -> Result<RuleId, BadEdits> {
        if let Some(i) = self.names.iter().position(|n| n == name) {
            return Ok(i as RuleId);
        }
        let id = RuleId::try_from(self.names.len()).map_err(|_| BadEdits::TooManyRules)?;
        Arc::make_mut(&mut self.names).push(name.to_string());
        Ok(id)
    }

    /// Index of the first block starting at `i` or later (Python's `bisect_left`).
    fn first_at(&self, i: usize) -> usize {
        self.blocks.partition_point(|b| b.out_start < i)
    }

    /// Index of the first block starting after `i` (Python's `bisect_right`).
    fn first_after(&self, i: usize) -> usize {
        self.blocks.partition_point(|b| b.out_start <= i)
    }

    /// Input position where output position `i` starts.  Input deleted
    /// right before `i` counts as belonging to what follows.
    fn lower(&self, i: usize) -> usize {
        let blocks = &self.blocks;
        let k = self.first_at(i);
        if k > 0 && blocks[k - 1].out_end > i {
            let b = &blocks[k - 1]; // i lies strictly inside this block
            return if b.exact() {
                b.src_start + (i - b.out_start)
            } else {
                b.src_start
            };
        }
        match blocks.get(k) {
            Some(b) => b.src_start,
            None => blocks.last().map_or(0, |b| b.src_end),
        }
    }

    /// Input position where output position `i` ends (the text's end takes all).
    fn upper(&self, i: usize) -> usize {
        let blocks = &self.blocks;
        let Some(last) = blocks.last() else {
            return 0;
        };
        if i >= self.length {
            return last.src_end;
        }
        let k = self.first_at(i);
        if k == 0 {
            return blocks[0].src_start;
        }
        let b = &blocks[k - 1];
        if i >= b.out_end {
            b.src_end
        } else if b.exact() {
            b.src_start + (i - b.out_start)
        } else {
            b.src_end
        }
    }

    /// Like [`Alignment::upper`] for an empty span at `i`, taking the input
    /// deleted at `i` too.
    fn absorbing(&self, i: usize) -> usize {
        let mut end = self.lower(i);
        for b in &self.blocks[self.first_at(i)..] {
            if b.out_start != i || b.out_end != i {
                break;
            }
            end = b.src_end;
        }
        end
    }

    /// Input span `(start, end)` that output `i..j` comes from; None for a
    /// span outside the output.
    ///
    /// An output position inside a block made by an edit widens to the
    /// whole block, so the span always covers everything the output slice
    /// came from.  The result is monotone in `i` and `j` and lies inside
    /// the input.
    pub fn source_span(&self, i: usize, j: usize) -> Option<(usize, usize)> {
        if i > j || j > self.length {
            return None;
        }
        let lo = self.lower(i);
        Some(if i == j {
            (lo, lo)
        } else {
            (lo, self.upper(j))
        })
    }

    /// The rules of earlier steps that touched output `start..end`, each once.
    fn rules_over(&self, start: usize, end: usize, found: &mut Vec<RuleId>) {
        let mut k = self.first_after(start).saturating_sub(1);
        while let Some(b) = self.blocks.get(k) {
            if b.out_start > end || (b.out_start == end && end > start) {
                break;
            }
            let empty_inside =
                b.out_start == b.out_end && start <= b.out_start && b.out_start <= end;
            if b.out_end > start || empty_inside {
                for &r in b.rules() {
                    if !found.contains(&r) {
                        found.push(r);
                    }
                }
            }
            k += 1;
        }
    }

    /// Appends the blocks of the unchanged stretch `start..end` of the
    /// current text, from output position `out`; returns the position after.
    /// Deletions at `start` are copied; those at `end` are left to the edit
    /// that follows, unless `end` is the end of the text.  `absorbed` is the
    /// position of an insertion just made, which took the deletions there.
    fn copy(
        &self,
        start: usize,
        end: usize,
        mut out: usize,
        blocks: &mut Vec<Block>,
        absorbed: Option<usize>,
    ) -> usize {
        let k = self.first_at(start).saturating_sub(1);
        for b in &self.blocks[k..] {
            if b.out_start > end || (b.out_start == end && end < self.length) {
                break;
            }
            if b.out_start == b.out_end {
                if b.out_start >= start && Some(b.out_start) != absorbed {
                    blocks.push(Block {
                        out_start: out,
                        out_end: out,
                        ..b.clone()
                    });
                }
                continue;
            }
            let (lo, hi) = (b.out_start.max(start), b.out_end.min(end));
            if hi <= lo {
                continue;
            }
            let (src_start, src_end) = if b.exact() {
                let s = b.src_start + (lo - b.out_start);
                (s, s + hi - lo)
            } else {
                (b.src_start, b.src_end)
            };
            blocks.push(Block {
                out_start: out,
                out_end: out + hi - lo,
                src_start,
                src_end,
                rules: b.rules.clone(),
            });
            out += hi - lo;
        }
        out
    }

    /// The alignment after sorted, non-overlapping `edits` of the current
    /// text, whose length is `text_len`, made by step `rule`: each edit
    /// becomes one block over the input it comes from, with the rules of
    /// what it replaced and its own.  No edits: the alignment as it is.
    pub fn apply<'a>(
        &self,
        text_len: usize,
        rule: &str,
        edits: impl IntoIterator<Item = Step<'a>>,
    ) -> Result<Alignment, BadEdits> {
        if text_len != self.length {
            return Err(BadEdits::Length);
        }
        let mut edits = edits.into_iter().peekable();
        if edits.peek().is_none() {
            return Ok(self.clone());
        }
        let mut next = Alignment {
            length: 0,
            blocks: Vec::new(),
            names: self.names.clone(),
            source: self.source,
            log: None,
        };
        let step_rule = next.rule(rule)?;
        let mut logged = Vec::new();
        let mut blocks = Vec::with_capacity(self.blocks.len() + 4);
        let (mut pos, mut out) = (0, 0);
        let mut absorbed = None;
        for edit in edits {
            if edit.start < pos || edit.end < edit.start {
                return Err(BadEdits::Unsorted);
            }
            if edit.end > text_len {
                return Err(BadEdits::OutOfRange);
            }
            if edit.start > pos {
                out = self.copy(pos, edit.start, out, &mut blocks, absorbed);
            }
            let src_start = self.lower(edit.start);
            let src_end = if edit.end > edit.start {
                self.upper(edit.end)
            } else {
                self.absorbing(edit.start)
            };
            let mut rules = Vec::new();
            self.rules_over(edit.start, edit.end, &mut rules);
            let own = match edit.rule {
                Some(name) => next.rule(name)?,
                None => step_rule,
            };
            rules.push(own);
            logged.push((edit.start, edit.end, edit.len, own));
            blocks.push(Block {
                out_start: out,
                out_end: out + edit.len,
                src_start,
                src_end,
                rules: Some(rules.into()),
            });
            out += edit.len;
            pos = edit.end;
            absorbed = (edit.end == edit.start).then_some(edit.start);
        }
        if pos < text_len || (pos == text_len && absorbed != Some(pos)) {
            out = self.copy(pos, text_len, out, &mut blocks, absorbed);
        }
        next.length = out;
        next.blocks = blocks;
        next.log = Some(Arc::new(Logged {
            len: text_len,
            rule: step_rule,
            edits: logged,
            before: self.log.clone(),
        }));
        Ok(next)
    }

    /// The length of the input.
    pub fn source_len(&self) -> usize {
        self.source
    }

    /// The rules of the steps applied since the identity, in order (a step
    /// that made no edits is not there).
    pub fn steps(&self) -> Vec<&str> {
        let mut rules = Vec::new();
        let mut node = self.log.as_deref();
        while let Some(step) = node {
            rules.push(self.rule_name(step.rule));
            node = step.before.as_deref();
        }
        rules.reverse();
        rules
    }

    /// This alignment after the steps of `later`, applied one by one as
    /// they were to `later`: what running those steps on the current text
    /// would have made, when `later` is their alignment with the current
    /// text (its input is as long as the current text; else
    /// [`BadEdits::Length`]).
    pub fn replay(&self, later: &Alignment) -> Result<Alignment, BadEdits> {
        if later.source != self.length {
            return Err(BadEdits::Length);
        }
        if self.log.is_none() {
            // The identity (no step since): replaying onto it builds
            // `later` again, the same rules interned in the same order.
            return Ok(later.clone());
        }
        self.replay_steps(later)
    }

    /// [`Alignment::replay`], step by step.
    fn replay_steps(&self, later: &Alignment) -> Result<Alignment, BadEdits> {
        let mut steps = Vec::new();
        let mut node = later.log.as_deref();
        while let Some(step) = node {
            steps.push(step);
            node = step.before.as_deref();
        }
        let mut now = self.clone();
        for step in steps.into_iter().rev() {
            let edits = step.edits.iter().map(|&(start, end, len, rule)| Step {
                start,
                end,
                len,
                rule: Some(later.rule_name(rule)),
            });
            now = now.apply(step.len, later.rule_name(step.rule), edits)?;
        }
        Ok(now)
    }

    /// The edits that turn the input into the current text, in input
    /// coordinates.  Neighbouring blocks made by edits that share input
    /// characters are merged, so the changes never overlap and replaying
    /// them on the input gives the output exactly.
    pub fn changes(&self) -> Vec<Change> {
        let mut result = Vec::new();
        let mut group: Vec<&Block> = Vec::new();
        let flush = |group: &mut Vec<&Block>, result: &mut Vec<Change>| {
            let (Some(first), Some(last)) = (group.first(), group.last()) else {
                return;
            };
            let mut rules: Vec<RuleId> = Vec::new();
            for r in group.iter().flat_map(|b| b.rules()) {
                if !rules.contains(r) {
                    rules.push(*r);
                }
            }
            let names: Vec<&str> = rules.iter().map(|&r| self.rule_name(r)).collect();
            result.push(Change {
                start: first.src_start,
                end: last.src_end,
                out_start: first.out_start,
                out_end: last.out_end,
                rule: names.join("+"),
            });
            group.clear();
        };
        for b in &self.blocks {
            if b.exact() {
                flush(&mut group, &mut result);
            } else if group.last().is_some_and(|g| b.src_start < g.src_end) {
                group.push(b);
            } else {
                flush(&mut group, &mut result);
                group.push(b);
            }
        }
        flush(&mut group, &mut result);
        result
    }
}

/// An alignment's changes as (start, end, out_start, out_end, rule): what
/// the tests of the alignment and of the chains compare.
#[cfg(test)]
pub(crate) fn change_tuples(a: &Alignment) -> Vec<(usize, usize, usize, usize, String)> {
    a.changes()
        .into_iter()
        .map(|c| (c.start, c.end, c.out_start, c.out_end, c.rule))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(start: usize, end: usize, len: usize) -> Step<'static> {
        Step {
            start,
            end,
            len,
            rule: None,
        }
    }

    fn ruled(start: usize, end: usize, len: usize, rule: &'static str) -> Step<'static> {
        Step {
            rule: Some(rule),
            ..step(start, end, len)
        }
    }

    /// The changes as (start, end, out_start, out_end, rule).
    use super::change_tuples as changes;

    fn rules(a: &Alignment) -> Vec<Vec<&str>> {
        a.blocks()
            .iter()
            .map(|b| b.rules().iter().map(|&r| a.rule_name(r)).collect())
            .collect()
    }

    #[test]
    fn identity() {
        let a = Alignment::new(5);
        assert_eq!(a.source_span(1, 3), Some((1, 3)));
        assert_eq!(a.source_span(2, 2), Some((2, 2)));
        assert_eq!(a.source_span(3, 6), None);
        assert_eq!(a.source_span(3, 2), None);
        assert!(a.changes().is_empty());
        assert_eq!(a.apply(5, "x", []).unwrap(), a);
    }

    #[test]
    fn deletion_then_insertion_at_its_place() {
        // "ab_cd": the first step deletes "_" (2..3).
        let a = Alignment::new(5).apply(5, "del", [step(2, 3, 0)]).unwrap();
        assert_eq!(changes(&a), vec![(2, 3, 2, 2, "del".to_string())]);
        // An empty span right after "ab" takes the deleted "_" as part of
        // what follows; "b" is still 1..2.
        assert_eq!(a.source_span(2, 2), Some((2, 2)));
        assert_eq!(a.source_span(1, 2), Some((1, 2)));
        assert_eq!(a.source_span(2, 3), Some((2, 4)));
        // The second step puts "-" where it was (2..2 of "abcd"): the
        // insertion takes the deletion in, one change 2..3 -> "-".  Only
        // the blocks the edit overlaps give it their rules, and an empty
        // span at 2 starts at the block after the deletion: "ins" alone.
        let b = a.apply(4, "ins", [step(2, 2, 1)]).unwrap();
        assert_eq!(b.len(), 5);
        assert_eq!(changes(&b), vec![(2, 3, 2, 3, "ins".to_string())]);
        assert_eq!(rules(&b), vec![vec![], vec!["ins"], vec![]]);
        assert_eq!(b.source_span(3, 4), Some((3, 4)));
    }

    #[test]
    fn expansion_maps_as_a_whole() {
        // One character (1..2) becomes three, then the middle one of them
        // is replaced: both output characters map to the one input character.
        let a = Alignment::new(3)
            .apply(3, "forms", [step(1, 2, 3)])
            .unwrap();
        assert_eq!(a.source_span(2, 3), Some((1, 2)));
        let b = a.apply(5, "fold", [step(2, 3, 1)]).unwrap();
        assert_eq!(changes(&b), vec![(1, 2, 1, 4, "forms+fold".to_string())]);
        // The untouched character after keeps its own place.
        assert_eq!(b.source_span(4, 5), Some((2, 3)));
        assert_eq!(b.source_span(0, 1), Some((0, 1)));
    }

    #[test]
    fn refuses_bad_edits() {
        let a = Alignment::new(4);
        assert_eq!(
            a.apply(4, "x", [step(2, 3, 0), step(1, 2, 0)]),
            Err(BadEdits::Unsorted)
        );
        assert_eq!(a.apply(4, "x", [step(3, 5, 0)]), Err(BadEdits::OutOfRange));
        assert_eq!(a.apply(3, "x", [step(0, 1, 0)]), Err(BadEdits::Length));
    }

    #[test]
    fn edits_sharing_input_merge_into_one_change() {
        // "\u{FEFB}x": the ligature (0..1) unshaped to lam, alef; then the
        // alef (1..2) deleted and "y" put after it (2..2).  The deletion
        // comes from the ligature's input, so it merges with the lam's
        // piece; the insertion comes from no input before "x" (1..1).
        let a = Alignment::new(2)
            .apply(2, "forms", [step(0, 1, 2)])
            .unwrap();
        let b = a
            .apply(3, "del", [step(1, 2, 0), ruled(2, 2, 1, "ins")])
            .unwrap();
        assert_eq!(
            changes(&b),
            vec![
                (0, 1, 0, 1, "forms+del".to_string()),
                (1, 1, 1, 2, "ins".to_string())
            ]
        );
        assert_eq!(b.source_span(0, 1), Some((0, 1)));
        assert_eq!(b.source_span(2, 3), Some((1, 2)));
    }

    #[test]
    fn replay_applies_the_steps_of_a_later_alignment() {
        // "xy": step "p" deletes "x"; then, run on "y" on its own, step "q"
        // appends "z".  Replayed, "q" lands after the "y" of the input:
        // changes x -> "" (0..1) and an insertion at the input's end (2..2).
        let a = Alignment::new(2).apply(2, "p", [step(0, 1, 0)]).unwrap();
        let later = Alignment::new(1).apply(1, "q", [step(1, 1, 1)]).unwrap();
        assert_eq!(later.steps(), vec!["q"]);
        let both = a.replay(&later).unwrap();
        assert_eq!(
            changes(&both),
            vec![(0, 1, 0, 0, "p".to_string()), (2, 2, 1, 2, "q".to_string())]
        );
        assert_eq!(both.steps(), vec!["p", "q"]);
        assert_eq!(both.source_len(), 2);
        assert_eq!(both, a.apply(1, "q", [step(1, 1, 1)]).unwrap());
        // An identity replays as nothing; a later alignment of another
        // length is refused.
        assert_eq!(a.replay(&Alignment::new(1)).unwrap(), a);
        assert_eq!(a.replay(&Alignment::new(2)), Err(BadEdits::Length));
        // Onto an identity, a replay is the later alignment itself, as
        // applying its steps one by one builds it (rules of their own too).
        let own = Step {
            start: 1,
            end: 2,
            len: 3,
            rule: Some("r"),
        };
        let later = Alignment::new(4)
            .apply(4, "p", [step(0, 1, 0), own])
            .unwrap()
            .apply(5, "q", [step(3, 4, 2), step(5, 5, 1)])
            .unwrap();
        let identity = Alignment::new(4);
        assert_eq!(identity.replay_steps(&later).unwrap(), later);
        assert_eq!(identity.replay(&later).unwrap(), later);
        assert_eq!(later.steps(), vec!["p", "q"]);
    }
}
