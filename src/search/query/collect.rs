//! The two top-k collectors, and the order they rank candidates in.
//!
//! Both keep the best `k` candidates by [`Ranked::rank`]: highest score,
//! then newest, then lowest address. They differ in what they are fed.
//! [`TopK`] serves the walk for the first screens, which asks after every
//! offer how high a document must now score ([`TopK::state`]), so it keeps
//! a heap whose top is that floor. [`BufferedTopK`] serves the pass that
//! visits every match, where no floor is asked for and where, with many
//! equal scores, nearly every newer document places: it appends and cuts
//! back now and then, which costs less than sifting a heap each time.

use crate::search::plan::Floor;
use std::cmp::Ordering;
use std::collections::BinaryHeap;
use tantivy::{DocId, Score};

/// A candidate hit. Best first: highest score, then newest, then lowest
/// address, a total order, so every run ranks the same documents the same.
#[derive(Clone, Copy, Debug)]
pub(super) struct Ranked {
    pub(super) score: Score,
    published: i64,
    pub(super) seg: u32,
    pub(super) doc: DocId,
}

impl Ranked {
    pub(super) fn rank(&self, other: &Ranked) -> Ordering {
        self.score
            .total_cmp(&other.score)
            .then(self.published.cmp(&other.published))
            .then((other.seg, other.doc).cmp(&(self.seg, self.doc)))
    }
}

/// Heap order: the worst candidate on top.
struct Worst(Ranked);

impl PartialEq for Worst {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Worst {}
impl PartialOrd for Worst {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Worst {
    fn cmp(&self, other: &Self) -> Ordering {
        other.0.rank(&self.0)
    }
}

/// The best `k` candidates seen so far.
pub(super) struct TopK {
    k: usize,
    heap: BinaryHeap<Worst>,
}

impl TopK {
    pub(super) fn new(k: usize) -> TopK {
        TopK { k: k.max(1), heap: BinaryHeap::with_capacity(k.clamp(1, 1 << 16) + 1) }
    }

    /// Whether `k` candidates are held: from then on a candidate must beat
    /// the worst of them.
    pub(super) fn is_full(&self) -> bool {
        self.heap.len() >= self.k
    }

    /// The lowest score that can still enter, once full.
    fn floor(&self) -> Option<Score> {
        if !self.is_full() {
            return None;
        }
        self.heap.peek().map(|w| w.0.score)
    }

    /// What the walk needs to know of the top-k: the threshold, and once
    /// full, the score and date a tie must beat.
    pub(super) fn state(&self) -> Floor {
        match self.heap.peek() {
            Some(w) if self.is_full() => Floor { theta: self.threshold(), tie: Some((w.0.score, w.0.published)) },
            _ => Floor::OPEN,
        }
    }

    /// A pruning threshold for tantivy (it passes on only scores above it):
    /// just below the floor, so a tie with the floor still gets its recency
    /// compared.
    fn threshold(&self) -> Score {
        match self.floor() {
            Some(s) if s > 0.0 && s.is_finite() => f32::from_bits(s.to_bits() - 1),
            _ => Score::MIN,
        }
    }

    /// Consider a document; its publication time is read only when its
    /// score can place it.
    pub(super) fn offer(&mut self, score: Score, seg: u32, doc: DocId, published: impl FnOnce(DocId) -> i64) {
        if self.floor().is_some_and(|f| score < f) {
            return;
        }
        let r = Ranked { score, published: published(doc), seg, doc };
        if !self.is_full() {
            self.heap.push(Worst(r));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if r.rank(&worst.0) == Ordering::Greater {
                *worst = Worst(r);
            }
        }
    }

    pub(super) fn into_sorted(self) -> Vec<Ranked> {
        let mut v: Vec<Ranked> = self.heap.into_iter().map(|w| w.0).collect();
        v.sort_unstable_by(|a, b| b.rank(a));
        v
    }
}

/// The best `k` candidates, for a pass that visits every match: candidates
/// that can still place are appended, and every `k` appends the buffer is
/// cut back to the best `k` (a selection, not a heap: with many equal
/// scores nearly every newer document places, and a heap would sift for
/// each).
pub(super) struct BufferedTopK {
    k: usize,
    buf: Vec<Ranked>,
    /// The worst of the best `k` at the last cut.
    floor: Option<Ranked>,
}

impl BufferedTopK {
    pub(super) fn new(k: usize) -> BufferedTopK {
        let k = k.max(1);
        BufferedTopK { k, buf: Vec::with_capacity(2 * k.min(1 << 16)), floor: None }
    }

    pub(super) fn offer(&mut self, score: Score, seg: u32, doc: DocId, published: impl FnOnce(DocId) -> i64) {
        if self.floor.is_some_and(|f| score < f.score) {
            return;
        }
        let r = Ranked { score, published: published(doc), seg, doc };
        if self.floor.is_some_and(|f| r.rank(&f) != Ordering::Greater) {
            return;
        }
        self.buf.push(r);
        if self.buf.len() >= 2 * self.k {
            self.cut();
        }
    }

    fn cut(&mut self) {
        if self.buf.len() > self.k {
            self.buf.select_nth_unstable_by(self.k - 1, |a, b| b.rank(a));
            self.buf.truncate(self.k);
            self.floor = self.buf.iter().min_by(|a, b| a.rank(b)).copied();
        }
    }

    pub(super) fn into_sorted(mut self) -> Vec<Ranked> {
        self.cut();
        self.buf.sort_unstable_by(|a, b| b.rank(a));
        self.buf
    }
}
