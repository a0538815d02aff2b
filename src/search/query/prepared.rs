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
use crate::search::plan::{PlanWeights, Recency};
use crate::search::schema::Fields;
use crate::search::Result;
use crate::store::ArticleKey;
use std::sync::Arc;
use tantivy::query::{EnableScoring, Weight};
use tantivy::{DocSet, Score, Searcher, TERMINATED};

/// How often (in documents) a full count asks whether to give up.
const STOP_CHECK_EVERY: u32 = 4096;

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
    pub fn first(&self, k: usize) -> Result<SearchResults> {
        let mut top = TopK::new(k);
        for (ord, seg) in self.searcher.segment_readers().iter().enumerate() {
            let published = seg.fast_fields().i64("published")?;
            let alive = seg.alive_bitset();
            let read = |doc| published_at(&published, doc);
            let newest = self.recency.newest(seg, &published);
            let recency = Recency { published: &read, newest: &newest };
            self.plan.for_each_pruning(&self.searcher, seg, &recency, top.state(), &mut |doc, score| {
                if !alive.is_some_and(|a| a.is_deleted(doc)) {
                    top.offer(score, ord as u32, doc, read);
                }
                top.state()
            })?;
        }
        let complete = !top.is_full();
        let hits = self.keys(top.into_sorted())?;
        Ok(SearchResults { total: hits.len(), hits, complete, matcher: self.matcher.clone() })
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
