//! A union of a few posting lists at a constant score, that seeks lazily.
//!
//! The completions of the word being typed, when the index has a few dozen
//! of them, are matched as one constant leaf (`build::Beginning`). The plan
//! asks such a leaf two things: walk its matches in order (when it is
//! essential), and, far more often, "does this candidate match?" for
//! documents found by the other leaves, far apart (`plan::Run::full_score`).
//! tantivy's union answers the second by filling a window of 4,096
//! documents from every posting list and scoring each hit in it, at every
//! seek past its window: at a million articles, typing a common word spent
//! most of its time there. [`TermUnion`] walks with such a window too, but
//! a seek past it only moves each list's head to the target, and fills a
//! window again only when the walk goes on from there.

use tantivy::postings::SegmentPostings;
use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, SegmentReader, Term, TERMINATED};

/// Documents a window covers.
const WINDOW: u32 = 4096;
const WORDS: usize = WINDOW as usize / 64;

/// The documents that hold any of some terms, each scoring 1 (times the
/// boost). Reads postings without frequencies.
#[derive(Clone, Debug)]
pub(super) struct TermUnion {
    terms: Vec<Term>,
}

impl TermUnion {
    pub(super) fn new(terms: Vec<Term>) -> TermUnion {
        TermUnion { terms }
    }
}

impl Query for TermUnion {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        for term in &self.terms {
            visitor(term, false);
        }
    }
}

impl Weight for TermUnion {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut lists = Vec::with_capacity(self.terms.len());
        for term in &self.terms {
            let inverted = reader.inverted_index(term.field())?;
            if let Some(postings) = inverted.read_postings(term, IndexRecordOption::Basic)? {
                lists.push(postings);
            }
        }
        Ok(Box::new(SeekUnion::new(lists, boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(tantivy::TantivyError::InvalidArgument(format!("Document #({doc}) does not match")));
        }
        Ok(Explanation::new("TermUnion, constant", scorer.score()))
    }
}

/// The scorer of [`TermUnion`]: a union of posting lists.
///
/// While walking, `window` holds which of the documents `start..start +
/// WINDOW` match, and every list's head is past them. After a seek beyond
/// the window there is no window: `doc` is the lowest head, and the next
/// step fills one from there.
pub(super) struct SeekUnion<P = SegmentPostings> {
    /// The lists not yet at their end.
    lists: Vec<P>,
    window: Option<Box<[u64; WORDS]>>,
    /// Room for a window, kept while there is none.
    spare: Option<Box<[u64; WORDS]>>,
    start: DocId,
    doc: DocId,
    score: Score,
}

impl<P: DocSet> SeekUnion<P> {
    pub(super) fn new(lists: Vec<P>, score: Score) -> SeekUnion<P> {
        let mut union = SeekUnion { lists, window: None, spare: Some(Box::new([0; WORDS])), start: 0, doc: 0, score };
        union.doc = union.move_heads(0);
        union
    }

    /// Move every list's head to `target` or past it, drop the lists that
    /// end there, and give the lowest head.
    fn move_heads(&mut self, target: DocId) -> DocId {
        for list in &mut self.lists {
            if list.doc() < target {
                list.seek(target);
            }
        }
        self.lists.retain(|l| l.doc() != TERMINATED);
        self.lists.iter().map(DocSet::doc).min().unwrap_or(TERMINATED)
    }

    /// The first document of the window at or after `from`, if any.
    fn next_in_window(&self, from: DocId) -> Option<DocId> {
        let window = self.window.as_ref()?;
        let offset = from.checked_sub(self.start)?;
        if offset >= WINDOW {
            return None;
        }
        let (mut word, bit) = ((offset / 64) as usize, offset % 64);
        let mut bits = window[word] & (u64::MAX << bit);
        loop {
            if bits != 0 {
                return Some(self.start + word as u32 * 64 + bits.trailing_zeros());
            }
            word += 1;
            bits = *window.get(word)?;
        }
    }

    /// Drop the window (if any), keeping its room.
    fn drop_window(&mut self) {
        if let Some(window) = self.window.take() {
            self.spare = Some(window);
        }
    }

    /// Fill a window with the matches from `from` on, from where the first
    /// of them is; its first match becomes the current document.
    fn fill(&mut self, from: DocId) -> DocId {
        self.drop_window();
        let start = self.move_heads(from);
        if start == TERMINATED {
            self.doc = TERMINATED;
            return TERMINATED;
        }
        let mut window = self.spare.take().unwrap_or_else(|| Box::new([0; WORDS]));
        window.fill(0);
        let end = start.saturating_add(WINDOW);
        for list in &mut self.lists {
            let mut doc = list.doc();
            while doc < end {
                let offset = doc - start;
                window[(offset / 64) as usize] |= 1 << (offset % 64);
                doc = list.advance();
            }
        }
        self.lists.retain(|l| l.doc() != TERMINATED);
        self.window = Some(window);
        self.start = start;
        self.doc = start;
        start
    }
}

impl<P: DocSet> DocSet for SeekUnion<P> {
    fn advance(&mut self) -> DocId {
        if self.doc == TERMINATED {
            return TERMINATED;
        }
        if self.window.is_some() {
            if let Some(doc) = self.next_in_window(self.doc + 1) {
                self.doc = doc;
                return doc;
            }
            return self.fill(self.start.saturating_add(WINDOW));
        }
        self.fill(self.doc + 1)
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        if self.window.is_some() && target < self.start.saturating_add(WINDOW) {
            if let Some(doc) = self.next_in_window(target) {
                self.doc = doc;
                return doc;
            }
            // Every head is past the window, and so past the target.
            return self.fill(target);
        }
        // Past the window: move the heads only.
        self.drop_window();
        self.doc = self.move_heads(target);
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.lists.iter().map(DocSet::size_hint).fold(0u32, u32::saturating_add)
    }

    fn cost(&self) -> u64 {
        self.lists.iter().map(DocSet::cost).sum()
    }
}

impl<P: DocSet + 'static> Scorer for SeekUnion<P> {
    fn score(&mut self) -> Score {
        self.score
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// A sorted list of documents (tantivy's own is for its tests only).
    struct Docs(Vec<DocId>, usize);

    impl DocSet for Docs {
        fn advance(&mut self) -> DocId {
            self.1 += 1;
            self.doc()
        }

        fn doc(&self) -> DocId {
            self.0.get(self.1).copied().unwrap_or(TERMINATED)
        }

        fn size_hint(&self) -> u32 {
            self.0.len() as u32
        }
    }

    /// Every document of the lists, in order, through a mix of advances
    /// and seeks (`steps`: 0 advances, n seeks n documents ahead).
    fn walk(lists: &[Vec<DocId>], steps: &[u32]) -> Vec<DocId> {
        let sets = lists.iter().map(|l| Docs(l.clone(), 0)).collect();
        let mut union = SeekUnion::new(sets, 1.0);
        let mut seen = Vec::new();
        let mut steps = steps.iter().cycle();
        while union.doc() != TERMINATED {
            seen.push(union.doc());
            match steps.next().copied().unwrap_or(0) {
                0 => union.advance(),
                n => union.seek(union.doc() + n),
            };
        }
        seen
    }

    /// What the same steps give over the plain sorted union.
    fn expected(lists: &[Vec<DocId>], steps: &[u32]) -> Vec<DocId> {
        let mut all: Vec<DocId> = lists.iter().flatten().copied().collect();
        all.sort_unstable();
        all.dedup();
        let mut seen = Vec::new();
        let mut steps = steps.iter().cycle();
        let mut i = 0;
        while let Some(&doc) = all.get(i) {
            seen.push(doc);
            let target = match steps.next().copied().unwrap_or(0) {
                0 => doc + 1,
                n => doc + n,
            };
            i = all.partition_point(|&d| d < target);
        }
        seen
    }

    fn sorted_lists() -> impl Strategy<Value = Vec<Vec<DocId>>> {
        // Gaps both inside and far past a window.
        let list = prop::collection::btree_set(0u32..30_000, 0..300).prop_map(|s| s.into_iter().collect());
        prop::collection::vec(list, 0..8)
    }

    proptest! {
        #[test]
        fn walks_and_seeks_like_the_sorted_union(
            lists in sorted_lists(),
            steps in prop::collection::vec(prop_oneof![Just(0u32), 1u32..10, 4000u32..9000], 1..20),
        ) {
            prop_assert_eq!(walk(&lists, &steps), expected(&lists, &steps));
        }
    }

    #[test]
    fn a_seek_past_the_window_then_a_walk() {
        let lists = vec![vec![1, 5000, 5001, 20_000], vec![2, 4999, 5001, 9000]];
        // Advance, seek far (no window), advance (fills from there).
        assert_eq!(walk(&lists, &[0, 4990, 0, 0, 0, 0]), vec![1, 2, 4999, 5000, 5001, 9000, 20_000]);
        let none: Vec<Vec<DocId>> = vec![vec![], vec![]];
        assert_eq!(walk(&none, &[0]), Vec::<DocId>::new());
    }
}
