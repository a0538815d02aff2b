//! A query built against one view of the index, run in two steps: the first
//! screens of hits, then every match.
//!
//! A keystroke needs only the first screens, and needs them at once: they
//! come from the plan's pruning walk (`search::plan`), which skips what
//! cannot enter the best `k` and reports a lower bound for the total. The
//! exact count and the rest of the hits come after, from the whole query
//! scoring every match, and can be given up as soon as a newer keystroke
//! waits. Both steps run against the same searcher, so the rest agrees with
//! the first screens, and both rank alike (score, then recency, then
//! address; see the collectors).

use super::build::build_plan;
use super::collect::{BufferedTopK, Ranked, TopK};
use super::highlight::Matcher;
use super::recency::{published_at, RecencyCache};
use crate::search::plan::{Floor, PlanWeights, Recency};
use crate::search::schema::Fields;
use crate::search::Result;
use crate::store::ArticleKey;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;
use tantivy::query::{EnableScoring, Weight};
use tantivy::{DocSet, Score, Searcher, SegmentReader, TERMINATED};

/// How often (in documents) a full count asks whether to give up.
const STOP_CHECK_EVERY: u32 = 4096;
/// Documents from which the first screens are sought on two threads: below
/// it a walk takes a fraction of a millisecond, less than a thread costs.
const PARALLEL_DOCS: u64 = 100_000;

/// The segments (indices) in two groups of about as many documents each,
/// largest first; `None` for fewer than two segments.
fn split(segments: &[SegmentReader]) -> Option<(Vec<usize>, Vec<usize>)> {
    if segments.len() < 2 {
        return None;
    }
    let mut order: Vec<usize> = (0..segments.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(segments[i].max_doc()));
    let (mut a, mut b) = (Vec::new(), Vec::new());
    let (mut na, mut nb) = (0u64, 0u64);
    for i in order {
        let n = u64::from(segments[i].max_doc());
        if na <= nb {
            a.push(i);
            na += n;
        } else {
            b.push(i);
            nb += n;
        }
    }
    Some((a, b))
}

/// The highest pruning threshold either walk of [`PreparedQuery::first`]
/// has reached: a document that cannot score above one walk's k-th best
/// cannot enter the merged best `k` either.
#[derive(Default)]
struct SharedFloor(AtomicU32);

impl SharedFloor {
    /// `own` (a walk's floor), raised to the other walk's threshold when
    /// that is higher, and offered to the other walk. Thresholds of full
    /// collectors are positive, and positive floats order as their bits.
    fn raise(&self, own: Floor) -> Floor {
        if own.theta > 0.0 {
            self.0.fetch_max(own.theta.to_bits(), Ordering::Relaxed);
        }
        let other = f32::from_bits(self.0.load(Ordering::Relaxed));
        if other > own.theta {
            // Ties with the other walk's k-th best are still offered, and
            // which is newer is not known here: no walk for ties.
            Floor { theta: other, tie: None }
        } else {
            own
        }
    }
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// The article, in the store.
    pub key: ArticleKey,
    /// Its score: the sum of its matching leaves' scores, higher first.
    pub score: Score,
}

/// The answer to a query.
#[derive(Clone, Debug, Default)]
pub struct SearchResults {
    /// Best first.
    pub hits: Vec<Hit>,
    /// Matching documents (may exceed `hits.len()`): exact when `complete`,
    /// otherwise at least this many.
    pub total: usize,
    /// Whether `total` is exact and `hits` holds the best of all matches up
    /// to the limit asked.
    pub complete: bool,
    /// What to highlight in the texts of the hits.
    pub matcher: Matcher,
}

/// A query built against one searcher (one consistent view of the index),
/// ready to be run once for the first screens and again for the rest.
pub struct PreparedQuery {
    searcher: Searcher,
    recency: Arc<RecencyCache>,
    /// The whole query: every match, for the full answer.
    weight: Box<dyn Weight>,
    /// Its parts and their bounds, for the first screens.
    plan: PlanWeights,
    matcher: Matcher,
}

impl PreparedQuery {
    /// Build the query for `input` against `searcher`. `None` when nothing in
    /// it is searchable.
    pub(in crate::search) fn new(
        searcher: Searcher,
        recency: Arc<RecencyCache>,
        fields: &Fields,
        input: &str,
    ) -> Result<Option<PreparedQuery>> {
        let Some((plan, matcher)) = build_plan(fields, Some(&searcher), input) else {
            return Ok(None);
        };
        let Some(query) = plan.query() else { return Ok(None) };
        let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let plan = plan.weights(&searcher)?;
        Ok(Some(PreparedQuery { searcher, recency, weight, plan, matcher }))
    }

    /// What to highlight in the texts of the hits.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The best `k` hits, skipping what cannot enter them (MaxScore over the
    /// query's clauses, block-max WAND inside them; see `search::plan`). The total
    /// is exact only when fewer than `k` match (`complete`); otherwise it is
    /// `k`, a lower bound.
    ///
    /// A large index is searched on two threads, each walking half of the
    /// segments (by documents) with its own best `k`; each walk also skips
    /// what cannot beat the other's k-th best so far, and the two are merged
    /// in the collectors' total order, so the answer is the one a single
    /// walk gives.
    pub fn first(&self, k: usize) -> Result<SearchResults> {
        let docs: u64 = self.searcher.segment_readers().iter().map(|s| u64::from(s.max_doc())).sum();
        self.first_with(k, docs >= PARALLEL_DOCS)
    }

    /// [`PreparedQuery::first`], on two threads (when there are two
    /// segments or more) or on one, whatever the size of the index: the
    /// answer is the same, which tests check.
    #[doc(hidden)]
    pub fn first_with(&self, k: usize, two_threads: bool) -> Result<SearchResults> {
        let segments = self.searcher.segment_readers();
        let shared = SharedFloor::default();
        let ranked = match split(segments).filter(|_| two_threads) {
            Some((a, b)) => {
                let (a, b) = std::thread::scope(|scope| {
                    let other = scope.spawn(|| self.walk(&b, k, &shared));
                    let mine = self.walk(&a, k, &shared);
                    // A panic in the other walk is the search's own panic.
                    (mine, other.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                });
                let mut all = a?;
                all.extend(b?);
                all.sort_unstable_by(|x, y| y.rank(x));
                all.truncate(k.max(1));
                all
            }
            _ => self.walk(&(0..segments.len()).collect::<Vec<_>>(), k, &shared)?,
        };
        let complete = ranked.len() < k.max(1);
        let hits = self.keys(ranked)?;
        Ok(SearchResults { total: hits.len(), hits, complete, matcher: self.matcher.clone() })
    }

    /// The best `k` of the segments `ords` (indices into the searcher's),
    /// best first, offering the shared floor what it finds.
    fn walk(&self, ords: &[usize], k: usize, shared: &SharedFloor) -> Result<Vec<Ranked>> {
        let mut top = TopK::new(k);
        for &ord in ords {
            let seg = &self.searcher.segment_readers()[ord];
            let published = seg.fast_fields().i64("published")?;
            let alive = seg.alive_bitset();
            let read = |doc| published_at(&published, doc);
            let newest = self.recency.newest(seg, &published);
            let recency = Recency { published: &read, newest: &newest };
            let floor = shared.raise(top.state());
            self.plan.for_each_pruning(&self.searcher, seg, &recency, floor, &mut |doc, score| {
                if !alive.is_some_and(|a| a.is_deleted(doc)) {
                    top.offer(score, ord as u32, doc, read);
                }
                shared.raise(top.state())
            })?;
        }
        Ok(top.into_sorted())
    }
    /// Every match counted and the best `limit` of them kept. Gives up
    /// (`None`) as soon as `stop()` says so; it is asked every few thousand
    /// documents.
    pub fn all(&self, limit: usize, stop: &dyn Fn() -> bool) -> Result<Option<SearchResults>> {
        let mut top = BufferedTopK::new(limit);
        let mut total = 0usize;
        for (ord, seg) in self.searcher.segment_readers().iter().enumerate() {
            if stop() {
                return Ok(None);
            }
            let published = seg.fast_fields().i64("published")?;
            let read = |doc| published_at(&published, doc);
            let alive = seg.alive_bitset();
            let mut scorer = self.weight.scorer(seg, 1.0)?;
            let mut doc = scorer.doc();
            let mut seen = 0u32;
            while doc != TERMINATED {
                if !alive.is_some_and(|a| a.is_deleted(doc)) {
                    total += 1;
                    top.offer(scorer.score(), ord as u32, doc, read);
                }
                seen = seen.wrapping_add(1);
                if seen.is_multiple_of(STOP_CHECK_EVERY) && stop() {
                    return Ok(None);
                }
                doc = scorer.advance();
            }
        }
        let hits = self.keys(top.into_sorted())?;
        Ok(Some(SearchResults { hits, total, complete: true, matcher: self.matcher.clone() }))
    }

    /// Store keys of ranked documents (every document has one). One column
    /// reader per segment, not per hit: opening one costs more than reading
    /// thousands of values.
    fn keys(&self, ranked: Vec<Ranked>) -> Result<Vec<Hit>> {
        let keys = self
            .searcher
            .segment_readers()
            .iter()
            .map(|seg| seg.fast_fields().i64("key"))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(ranked
            .into_iter()
            .filter_map(|r| keys[r.seg as usize].first(r.doc).map(|key| Hit { key, score: r.score }))
            .collect())
    }
}
