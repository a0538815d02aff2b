//! The shape of a search-box query, and its first screens without scoring
//! every match.
//!
//! A query built by [`super::query`] is always a conjunction of *clauses*
//! (one per word: every one must match), optional clauses (stopwords among
//! other words: they only add score) and exclusions. A clause is a union of
//! *leaves* whose scores add up: the word's stem and exact form in title and
//! body (BM25 term queries) and, for the word being typed, its completions
//! at a constant score. [`QueryPlan::query`] turns that into the tantivy query
//! that counts and ranks every match; [`PlanWeights::for_each_pruning`]
//! finds the best few without visiting most of them.
//!
//! Tantivy prunes with block-max WAND only when a query is a flat union of
//! term queries. A typed word is not one (its completions score as a
//! constant), nor is a query of two words (an intersection of unions), so
//! tantivy would score every match, 900,000 of a million articles for a
//! common word. Here the shape is known, so MaxScore applies (Turtle &
//! Flood 1995) over all leaves at once: every leaf has an upper bound (BM25's
//! maximum for its term, or its constant). Once the k-th best score θ is
//! known, the weakest leaves whose bounds together do not exceed θ are
//! *non-essential*: a document only they match cannot enter. Candidates come
//! from the essential leaves; when those are all term queries, tantivy's own
//! block-max WAND drives them, with the threshold lowered by what the
//! non-essential leaves could add. Each candidate is then scored in full
//! (see below), checked against every required clause and the
//! exclusions, and offered. When a required clause matches fewer documents
//! than the essential leaves (a rare word beside a common one, where the k
//! best may never fill up), candidates come from that clause instead. When θ
//! rises far enough to change which leaves are essential, the walk starts
//! again with the smaller set, from where it stopped.
//!
//! Ties. The completions of the word being typed all score one constant, so
//! hundreds of thousands of documents can tie with the k-th best, and ties
//! break by recency, which the doc order does not follow. Leaves that can
//! bring a document only up to the k-th best's score (not above it) are
//! therefore walked for recent documents only: each segment keeps, per
//! block of [`RECENCY_BLOCK`] documents, its newest publication time
//! ([`Recency`]), and the walk steps over blocks, and documents, older than
//! the k-th best. Otherwise every tied document would be visited and its
//! date read (docs/BENCHMARKS.md has what that cost).
//!
//! Scoring a candidate seeks its leaves one by one, cheap terms first, and
//! gives up as soon as what is left cannot bring it above the threshold, so
//! most candidates never touch the costly leaves (a union of completions).
//!
//! The scores are the same sums as the full query's (in another order, so
//! the last bit may differ): the first screens are the head of the whole
//! answer (tested in `search::tests` and, on random corpora and queries, in
//! `tests/search_pruning.rs`).

use super::Result;
use tantivy::query::{Bm25Weight, BooleanQuery, BoostQuery, EnableScoring, Occur, Query, Scorer, TermQuery, Weight};
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

/// How a leaf's score is bounded.
#[derive(Clone, Debug)]
pub(super) enum Bound {
    /// A BM25 term query with this boost: at most its term's maximum.
    Term(Term, Score),
    /// A constant score.
    Const(Score),
    /// Not known (phrases): such a leaf is always essential.
    Unbounded,
}

/// One scored part of a clause.
pub(super) struct Leaf {
    pub query: Box<dyn Query>,
    pub bound: Bound,
    /// How many documents the leaf matches, at most, when known better than
    /// "the whole segment".
    pub count: Option<Count>,
}

/// An upper bound on how many documents a constant leaf matches.
#[derive(Clone, Debug)]
pub(super) enum Count {
    /// Those of this term (a beginning's posting list in the prefix field).
    Term(Term),
    /// This many in the whole index (the sum of a few completions' document
    /// frequencies), taken pro rata in a segment.
    Docs(u64),
}

impl Leaf {
    /// A BM25 term query on `term`, weighted by `boost`.
    pub fn term(term: Term, boost: Score) -> Leaf {
        let q = TermQuery::new(term.clone(), IndexRecordOption::WithFreqs);
        Leaf { query: Box::new(BoostQuery::new(Box::new(q), boost)), bound: Bound::Term(term, boost), count: None }
    }

    /// `query`, whose every match scores `score`, matching at most `count`.
    pub fn constant(query: Box<dyn Query>, score: Score, count: Option<Count>) -> Leaf {
        Leaf { query, bound: Bound::Const(score), count }
    }

    /// A leaf with no known bound (a phrase).
    pub fn unbounded(query: Box<dyn Query>) -> Leaf {
        Leaf { query, bound: Bound::Unbounded, count: None }
    }
}

/// Leaves of which at least one must match; their scores add up.
#[derive(Default)]
pub(super) struct Clause(pub Vec<Leaf>);

impl Clause {
    fn query(&self) -> Option<Box<dyn Query>> {
        match self.0.as_slice() {
            [] => None,
            [one] => Some(one.query.box_clone()),
            many => {
                Some(Box::new(BooleanQuery::new(many.iter().map(|l| (Occur::Should, l.query.box_clone())).collect())))
            }
        }
    }
}

/// A whole query.
#[derive(Default)]
pub(super) struct QueryPlan {
    pub required: Vec<Clause>,
    pub optional: Vec<Clause>,
    pub excluded: Vec<Box<dyn Query>>,
}

impl QueryPlan {
    /// The tantivy query: every match, scored as the sum of its leaves.
    /// `None` when nothing is required.
    pub fn query(&self) -> Option<Box<dyn Query>> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        clauses.extend(self.required.iter().filter_map(Clause::query).map(|q| (Occur::Must, q)));
        if clauses.is_empty() {
            return None;
        }
        clauses.extend(self.optional.iter().filter_map(Clause::query).map(|q| (Occur::Should, q)));
        clauses.extend(self.excluded.iter().map(|q| (Occur::MustNot, q.box_clone())));
        // A lone required clause is the query itself: one level less for the
        // scorer to go through.
        if let [(Occur::Must, _)] = clauses.as_slice() {
            return clauses.pop().map(|(_, q)| q);
        }
        Some(Box::new(BooleanQuery::new(clauses)))
    }

    /// Weights and bounds for pruning, against `searcher`'s statistics.
    pub fn weights(&self, searcher: &Searcher) -> Result<PlanWeights> {
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        let required = self.required.iter().enumerate().map(|(i, c)| (Some(i), c));
        let optional = self.optional.iter().map(|c| (None, c));
        let mut leaves = Vec::new();
        for (clause, c) in required.chain(optional) {
            for l in &c.0 {
                let bound = match &l.bound {
                    Bound::Term(term, boost) => {
                        Bm25Weight::for_terms(searcher, std::slice::from_ref(term))?.boost_by(*boost).max_score()
                    }
                    Bound::Const(s) => *s,
                    Bound::Unbounded => Score::INFINITY,
                };
                let term = match &l.bound {
                    Bound::Term(term, _) => Some(term.clone()),
                    _ => None,
                };
                leaves.push(LeafWeight {
                    weight: l.query.weight(scoring)?,
                    query: l.query.box_clone(),
                    bound,
                    exact: matches!(l.bound, Bound::Const(_)),
                    term,
                    count: l.count.clone(),
                    clause,
                });
            }
        }
        leaves.sort_by(|a, b| a.bound.total_cmp(&b.bound));
        let excluded = self.excluded.iter().map(|q| q.weight(scoring)).collect::<tantivy::Result<Vec<_>>>()?;
        // Slack for float sums taken in different orders.
        let total: Score = leaves.iter().map(|l| l.bound).sum();
        let margin = if total.is_finite() { total * 1e-4 + 1e-6 } else { 0.0 };
        let checks = Check::order(&leaves);
        Ok(PlanWeights { leaves, checks, required: self.required.len(), excluded, margin })
    }
}

/// What the top-k collector says after each offer.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Floor {
    /// A document is offered only when it scores above this.
    pub theta: Score,
    /// Once the top-k is full: the k-th best's score and publication time.
    /// Ties break by recency, so a document that can at most tie with it can
    /// place only if it is at least as recent.
    pub tie: Option<(Score, i64)>,
}

impl Floor {
    /// Nothing collected yet: everything is offered.
    pub const OPEN: Floor = Floor { theta: Score::MIN, tie: None };
}

/// Documents per block of [`Recency::newest`].
pub(super) const RECENCY_BLOCK: usize = 64;

/// When a segment's documents were published: per document, and the newest
/// of each block of [`RECENCY_BLOCK`] documents, so that a walk for ties can
/// step over blocks where every document is older than the k-th best.
pub(super) struct Recency<'a> {
    pub published: &'a dyn Fn(DocId) -> i64,
    pub newest: &'a [i64],
}

impl Recency<'_> {
    /// The first document at or after `doc` whose block has one published
    /// at or after `since`, looking no further than `limit` (returned when
    /// there is none before it).
    fn next_block(&self, doc: DocId, since: i64, limit: DocId) -> DocId {
        let first = doc as usize / RECENCY_BLOCK;
        let last = (limit as usize).saturating_sub(1) / RECENCY_BLOCK;
        let blocks = self.newest.get(first..=last.min(self.newest.len().saturating_sub(1))).unwrap_or(&[]);
        match blocks.iter().position(|&t| t >= since) {
            Some(0) => doc,
            Some(n) => (((first + n) * RECENCY_BLOCK) as DocId).min(limit),
            None => limit,
        }
    }
}

/// One step of scoring a candidate in full.
struct Check {
    /// The leaf to seek (an index into the plan's leaves).
    leaf: usize,
    /// The bounds of this leaf and of every leaf checked after it.
    rest: Score,
    /// The required clause none of whose leaves come later, if any.
    closes: Option<usize>,
}

impl Check {
    /// The order leaves are sought in when a candidate is scored: phrases
    /// first (unbounded, so nothing can be decided before them), then terms,
    /// most weight first (cheap seeks that settle most of the score), then
    /// constant leaves (the completions of the word being typed, which may be
    /// a union of many posting lists).
    fn order(leaves: &[LeafWeight]) -> Vec<Check> {
        let class = |l: &LeafWeight| match (l.bound.is_finite(), l.exact) {
            (false, _) => 0,
            (true, false) => 1,
            (true, true) => 2,
        };
        let mut order: Vec<usize> = (0..leaves.len()).collect();
        order.sort_by(|&a, &b| {
            let (a, b) = (&leaves[a], &leaves[b]);
            class(a).cmp(&class(b)).then(b.bound.total_cmp(&a.bound))
        });
        let mut rest = 0.0;
        let mut checks: Vec<Check> = order
            .iter()
            .rev()
            .map(|&leaf| {
                rest += leaves[leaf].bound;
                Check { leaf, rest, closes: None }
            })
            .collect();
        checks.reverse();
        // A clause closes at its last leaf in this order.
        let mut seen = std::collections::HashSet::new();
        for check in checks.iter_mut().rev() {
            if let Some(c) = leaves[check.leaf].clause {
                if seen.insert(c) {
                    check.closes = Some(c);
                }
            }
        }
        checks
    }
}

struct LeafWeight {
    weight: Box<dyn Weight>,
    query: Box<dyn Query>,
    bound: Score,
    /// Whether every match scores exactly `bound` (a constant leaf).
    exact: bool,
    /// The term of a BM25 term leaf (driven by block-max WAND when essential).
    term: Option<Term>,
    /// See [`Leaf::count`].
    count: Option<Count>,
    /// The required clause it belongs to, or `None` for an optional one.
    clause: Option<usize>,
}

/// A [`QueryPlan`] ready to run on the segments of one searcher.
pub struct PlanWeights {
    /// Every scored leaf of every clause, weakest bound first.
    leaves: Vec<LeafWeight>,
    /// How a candidate is scored in full.
    checks: Vec<Check>,
    required: usize,
    excluded: Vec<Box<dyn Weight>>,
    /// Slack for float sums taken in different orders.
    margin: Score,
}

impl PlanWeights {
    /// How many of the weakest leaves are not essential at threshold
    /// `theta` (a document must score above it): their bounds together do
    /// not exceed it, so a document they alone match cannot enter. `None`
    /// when that holds for every leaf: no document can enter.
    ///
    /// The slack for float sums is needed only once a term's bound is in the
    /// sum: a constant leaf scores exactly its bound, and a document's score
    /// is summed in the same order (rounding is monotone), so a document
    /// that only constant leaves match scores at most their sum, exactly. At
    /// a strict threshold equal to that sum (documents tied with the k-th
    /// best that lose on recency) those leaves are then not essential.
    fn partition(&self, theta: Score) -> Option<usize> {
        let mut sum = 0.0;
        let mut slack = 0.0;
        for (i, leaf) in self.leaves.iter().enumerate() {
            sum += leaf.bound;
            if !leaf.exact {
                slack = self.margin;
            }
            if sum + slack > theta {
                return Some(i);
            }
        }
        None
    }

    /// The leaves that drive a walk at `floor`: `(first, tied)`, where
    /// leaves before `first` cannot bring a document above the threshold,
    /// those from `first` to `tied` can only bring one up to a tie with the
    /// k-th best (which it then wins only by being at least as recent), and
    /// the rest can bring one above it. `None` when nothing can enter.
    fn tiers(&self, floor: &Floor) -> Option<(usize, usize)> {
        let first = self.partition(floor.theta)?;
        let tied = match floor.tie {
            Some((score, _)) => self.partition(score).unwrap_or(self.leaves.len()).max(first),
            None => first,
        };
        Some((first, tied))
    }

    /// Call `callback` with documents of `segment` that match and may score
    /// above `floor.theta`, in doc order, with their full scores; it returns
    /// the new floor. Like tantivy's `Weight::for_each_pruning`, with one
    /// more thing known: the k-th best's score and date, so that documents
    /// that could only tie with it are sought among recent ones only
    /// (`recency`).
    pub fn for_each_pruning(
        &self,
        searcher: &Searcher,
        segment: &SegmentReader,
        recency: &Recency,
        floor: Floor,
        callback: &mut dyn FnMut(DocId, Score) -> Floor,
    ) -> Result<()> {
        let mut run = Run {
            leaves: self.leaves.iter().map(|l| l.weight.scorer(segment, 1.0)).collect::<tantivy::Result<_>>()?,
            matched: vec![false; self.required],
            scores: vec![0.0; self.leaves.len()],
            excluded: self.excluded.iter().map(|w| w.scorer(segment, 1.0)).collect::<tantivy::Result<_>>()?,
            floor,
            from: 0,
            restart: false,
            tiers: (0, 0),
            lowered_by: 0.0,
            recency,
            callback,
        };
        let scoring = EnableScoring::enabled_from_searcher(searcher);
        // What each leaf costs to walk here, and each required clause.
        let docs = searcher.num_docs();
        let costs = self.leaves.iter().map(|l| l.cost(docs, segment)).collect::<Result<Vec<u64>>>()?;
        let clause_cost = |c: usize| -> u64 {
            self.leaves.iter().zip(&costs).filter(|(l, _)| l.clause == Some(c)).map(|(_, n)| n).sum()
        };
        loop {
            let Some((first, tied)) = self.tiers(&run.floor) else { return Ok(()) };
            run.tiers = (first, tied);
            run.restart = false;
            // Candidates come from the leaves that can bring a document
            // above the threshold (and, among recent documents, from those
            // that can bring one to a tie) or, when a required clause
            // matches fewer documents (few matches in all, so the k best may
            // not even be found yet), from that clause's leaves.
            let rarest = (0..self.required).map(|c| (clause_cost(c), c)).min();
            let drive_cost: u64 = costs[tied..].iter().sum();
            // What a candidate can score beyond its essential leaves.
            let weaker = self.leaves[..first].iter().map(|l| l.bound).sum::<Score>() + self.margin;
            let essential = &self.leaves[first..];
            if let Some((_, c)) = rarest.filter(|&(n, _)| n < drive_cost) {
                run.lowered_by = Score::INFINITY;
                let leaves: Vec<usize> = (0..self.leaves.len()).filter(|&i| self.leaves[i].clause == Some(c)).collect();
                run.walk(self, &leaves, &[]);
            } else if tied == first && essential.iter().all(|l| l.term.is_some()) {
                // Block-max WAND over the essential terms, with the
                // threshold lowered by what the other leaves could add.
                run.lowered_by = weaker;
                let union = BooleanQuery::new(essential.iter().map(|l| (Occur::Should, l.query.box_clone())).collect());
                let start = run.driver_threshold();
                union.weight(scoring)?.for_each_pruning(start, segment, &mut |doc, _| run.candidate(self, doc))?;
            } else {
                run.lowered_by = weaker;
                let drive: Vec<usize> = (tied..self.leaves.len()).collect();
                let tie: Vec<usize> = (first..tied).collect();
                run.walk(self, &drive, &tie);
            }
            if !run.restart {
                return Ok(());
            }
        }
    }
}

impl LeafWeight {
    /// About how many documents of `segment` the leaf matches: a term's
    /// document frequency, its [`Count`] (of the index's `docs`), or the
    /// whole segment.
    fn cost(&self, docs: u64, segment: &SegmentReader) -> Result<u64> {
        let doc_freq = |term: &Term| -> Result<u64> {
            let inverted = segment.inverted_index(term.field())?;
            Ok(u64::from(inverted.doc_freq(term).map_err(tantivy::TantivyError::from)?))
        };
        let max_doc = u64::from(segment.max_doc());
        match (&self.term, &self.count) {
            (Some(term), _) | (None, Some(Count::Term(term))) => doc_freq(term),
            (None, Some(Count::Docs(n))) => {
                let share = (*n as f64 * max_doc as f64 / docs.max(1) as f64).ceil() as u64;
                Ok(share.min(max_doc))
            }
            (None, None) => Ok(max_doc),
        }
    }
}

/// The state of one segment's walk.
struct Run<'a> {
    /// A scorer per leaf (in the plan's order), used to score candidates:
    /// sought forward only, as candidates come in doc order.
    leaves: Vec<Box<dyn Scorer>>,
    /// Per required clause, whether the candidate matched it.
    matched: Vec<bool>,
    /// Per leaf, what it scored for the candidate.
    scores: Vec<Score>,
    excluded: Vec<Box<dyn Scorer>>,
    /// What the collector last said: a document enters when it scores
    /// above `floor.theta`.
    floor: Floor,
    /// Documents before this one are done.
    from: DocId,
    /// The tiers the current walk was set up for.
    tiers: (usize, usize),
    /// Set when θ has risen enough to change the partition.
    restart: bool,
    /// What a candidate can add beyond its essential leaves (plus slack).
    lowered_by: Score,
    recency: &'a Recency<'a>,
    callback: &'a mut dyn FnMut(DocId, Score) -> Floor,
}

/// Whether `scorer` matches `doc`, seeking it forward.
fn at(scorer: &mut Box<dyn Scorer>, doc: DocId) -> bool {
    if scorer.doc() < doc {
        scorer.seek(doc);
    }
    scorer.doc() == doc
}

impl Run<'_> {
    /// Offer every document matched by the `drive` leaves, and every one
    /// matched by the `tie` leaves that is recent enough to win a tie with
    /// the k-th best (indices into the plan's leaves), from `self.from` on,
    /// until done or until the tiers change. The leaves' own scorers are
    /// walked (a union by hand), so nothing is read twice.
    fn walk(&mut self, plan: &PlanWeights, drive: &[usize], tie: &[usize]) {
        loop {
            let mut next = TERMINATED;
            for &i in drive {
                let s = &mut self.leaves[i];
                if s.doc() < self.from {
                    s.seek(self.from);
                }
                next = next.min(s.doc());
            }
            for &i in tie {
                next = self.next_recent(i, next);
            }
            if next == TERMINATED {
                return;
            }
            self.candidate(plan, next);
            if self.restart {
                return;
            }
            // `candidate` moved `from` past `next`.
        }
    }

    /// The first document of leaf `i` from `self.from` on that is recent
    /// enough to win a tie with the k-th best, or `limit` if there is none
    /// before it.
    ///
    /// The scorer steps over documents of its own (old ones), and a stepped-
    /// over document is then scored as if the leaf missed it. That is never
    /// seen: the scorer never moves past `limit`, the next document of the
    /// leaves that drive, so none of theirs is stepped over; another leaf for
    /// ties stops only at recent documents, which this one stops at too; and
    /// a stepped-over document matches only leaves that bring it at most to
    /// the k-th best's score while older than it, so it cannot place now or
    /// after any later walk (the k-th best only gets better).
    fn next_recent(&mut self, i: usize, limit: DocId) -> DocId {
        let s = &mut self.leaves[i];
        if s.doc() < self.from {
            s.seek(self.from);
        }
        let Some((_, since)) = self.floor.tie else { return s.doc().min(limit) };
        loop {
            let doc = s.doc();
            if doc >= limit {
                return limit;
            }
            let block = self.recency.next_block(doc, since, limit);
            if block > doc {
                s.seek(block);
            } else if (self.recency.published)(doc) >= since {
                return doc;
            } else {
                s.advance();
            }
        }
    }

    /// The threshold for the essential leaves.
    fn driver_threshold(&self) -> Score {
        if self.restart {
            // Stop the walk: nothing passes.
            return Score::MAX;
        }
        self.floor.theta - self.lowered_by
    }

    /// A document from the essential leaves: score it in full, offer it,
    /// and return the new threshold for the essential leaves.
    fn candidate(&mut self, plan: &PlanWeights, doc: DocId) -> Score {
        if doc < self.from || self.restart {
            return self.driver_threshold();
        }
        self.from = doc + 1;
        if let Some(score) = self.full_score(plan, doc) {
            if score > self.floor.theta {
                self.floor = (self.callback)(doc, score);
                if plan.tiers(&self.floor) != Some(self.tiers) {
                    self.restart = true;
                }
            }
        }
        self.driver_threshold()
    }

    /// The document's score, or `None` when it misses a required clause or
    /// hits an exclusion.
    ///
    /// Leaves are sought in [`PlanWeights::checks`] order, and the walk gives
    /// up on the document as soon as what it has plus what the leaves not yet
    /// sought could add cannot exceed θ, or a required clause is left
    /// unmatched: most candidates are rejected before the costly leaves (a
    /// union of completions) are sought at all. The score is then summed in
    /// the plan's order, as the partition's bounds are.
    fn full_score(&mut self, plan: &PlanWeights, doc: DocId) -> Option<Score> {
        self.matched.fill(false);
        self.scores.fill(0.0);
        let mut partial = 0.0;
        for check in &plan.checks {
            if partial + check.rest + plan.margin <= self.floor.theta {
                return None;
            }
            let scorer = &mut self.leaves[check.leaf];
            if at(scorer, doc) {
                let s = scorer.score();
                self.scores[check.leaf] = s;
                partial += s;
                if let Some(c) = plan.leaves[check.leaf].clause {
                    self.matched[c] = true;
                }
            }
            if check.closes.is_some_and(|c| !self.matched[c]) {
                return None;
            }
        }
        if self.excluded.iter_mut().any(|s| at(s, doc)) {
            return None;
        }
        Some(self.scores.iter().sum())
    }
}
