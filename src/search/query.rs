//! From what a reader types in the search box to a tantivy query, and from
//! hits back to highlight ranges.
//!
//! Semantics (the same for the TUI and `hewal search`):
//! - every complete word must match, through the stemmed analyzer, in the
//!   title or the body (BM25; title weighted above body; the unstemmed,
//!   normalised form adds a bonus, so an exact form ranks above a stemmed one);
//! - the word being typed (no trailing space yet, two letters or more) also
//!   matches as a prefix of normalised terms, so results appear while typing;
//! - `"quoted phrases"` match as phrases; `-word` excludes;
//! - stopwords are optional when the query has other words, required when it
//!   has nothing else, so a query of only stopwords still finds something;
//! - a query with nothing searchable (punctuation only) matches nothing and
//!   never errors. Ties break by recency.

use super::analyzer::{
    exact_analyzer, is_stopword, prefix_variants, stemmed_analyzer, token_groups, INDEXED_PREFIX_CHARS,
};
use super::plan::{Bound, Clause, Floor, Leaf, Plan, PlanWeights, Recency, RECENCY_BLOCK};
use super::schema::Fields;
use super::Result;
use crate::store::ArticleKey;
use std::cmp::Ordering;
use std::collections::{BTreeSet, BinaryHeap, HashMap, HashSet};
use std::ops::{ControlFlow, Range};
use std::sync::{Arc, Mutex};
use tantivy::columnar::Column;
use tantivy::index::SegmentId;
use tantivy::query::{
    BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, FuzzyTermQuery, Occur, PhraseQuery, Query, TermQuery,
    Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, Term, TERMINATED};

/// Weight of a title match relative to a body match.
const TITLE_BOOST: Score = 2.5;
/// Extra weight of the unstemmed (exact) form: a match of the form as typed
/// counts more than a stem match, so an article with the exact words ranks
/// above hundreds that share only their stems (docs/SEARCH_EVAL.md: 0.6
/// before; on the held-out seed 3 set 96.4% → 96.7%, multiword 96.7% →
/// 98.3%, no kind lower).
const EXACT_BOOST: Score = 2.0;
/// How far into a body a snippet looks for its first hit; past it (a match
/// only in the title, say) the snippet shows the beginning.
const SNIPPET_SCAN_BYTES: usize = 4096;
/// Shortest word being typed that is matched as a prefix, in characters.
const MIN_PREFIX_CHARS: usize = 2;
/// Most completions of the word being typed matched term by term; with more,
/// one pass over their posting lists builds a bitset of the matches.
const MAX_LISTED_COMPLETIONS: usize = 64;
/// How often (in documents) a full count asks whether to give up.
const STOP_CHECK_EVERY: u32 = 4096;

/// A search box input, split into its parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Complete words (followed by a space or another token).
    pub words: Vec<String>,
    /// The last word when no space follows it yet.
    pub partial: Option<String>,
    pub phrases: Vec<String>,
    pub excluded: Vec<String>,
}

/// Split the input. Quotes may be left open while typing.
pub fn parse(input: &str) -> ParsedQuery {
    let mut q = ParsedQuery::default();
    let mut rest = input;
    let mut last_word: Option<String> = None;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        if let Some(after) = rest.strip_prefix('"') {
            let end = after.find('"').unwrap_or(after.len());
            q.words.extend(last_word.take());
            q.phrases.push(after[..end].to_owned());
            rest = after.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..end];
        rest = &rest[end..];
        q.words.extend(last_word.take());
        if let Some(ex) = word.strip_prefix('-').filter(|w| !w.is_empty()) {
            q.excluded.push(ex.to_owned());
        } else {
            last_word = Some(word.to_owned());
        }
    }
    if let Some(w) = last_word {
        if input.ends_with(char::is_whitespace) {
            q.words.push(w);
        } else {
            q.partial = Some(w);
        }
    }
    q
}

/// One result.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    pub key: ArticleKey,
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

/// Decides which words of a text are hits, for highlighting.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    stems: HashSet<String>,
    exacts: HashSet<String>,
    /// Normalised forms the word being typed may begin with.
    prefixes: Vec<String>,
}

impl Matcher {
    /// Whether there is anything to highlight.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.exacts.is_empty() && self.prefixes.is_empty()
    }

    /// Whether an analysed token (stemmed and exact forms) is a hit.
    fn is_hit(&self, stem: &str, exact: &str) -> bool {
        self.stems.contains(stem)
            || self.exacts.contains(exact)
            || self.prefixes.iter().any(|p| exact.starts_with(p.as_str()))
    }

    /// Call `f` with the byte range of every hit in `text`, in order, until
    /// it breaks. Both analyzers give the same tokens in the same order, so
    /// they are walked in step: one pass decides stemmed and exact matches.
    fn for_each_hit(&self, text: &str, mut f: impl FnMut(Range<usize>) -> ControlFlow<()>) {
        if self.is_empty() {
            return;
        }
        let (mut stemmed, mut exact) = (stemmed_analyzer(), exact_analyzer());
        let (mut st, mut ex) = (stemmed.token_stream(text), exact.token_stream(text));
        // The stemmed analyzer may give several readings of a word at its
        // position (one exact token each); any of them can be the hit.
        let mut pending = st.next().cloned();
        while let Some(e) = ex.next() {
            let mut hit = false;
            while let Some(s) = pending.take_if(|s| s.position <= e.position) {
                hit |= s.position == e.position && self.is_hit(&s.text, &e.text);
                pending = st.next().cloned();
            }
            if hit && f(e.offset_from..e.offset_to).is_break() {
                return;
            }
        }
    }

    /// The first hit in `text`, looking no further than `limit` bytes.
    /// Snippets need only this, so the walk stops there.
    pub fn first_hit(&self, text: &str, limit: usize) -> Option<Range<usize>> {
        let mut end = limit.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut first = None;
        self.for_each_hit(&text[..end], |r| {
            first = Some(r);
            ControlFlow::Break(())
        });
        first
    }

    /// Byte ranges of `text` that match the query, in order, touching ones merged.
    pub fn hit_ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        self.for_each_hit(text, |r| {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
            ControlFlow::Continue(())
        });
        out
    }
}

fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut ts = analyzer.token_stream(text);
    while let Some(t) = ts.next() {
        out.push(t.text.clone());
    }
    out
}

struct Builder<'a> {
    fields: &'a Fields,
    /// The index the query is for, when known: short lists of completions
    /// of the word being typed are then read from its term dictionaries.
    searcher: Option<&'a Searcher>,
    stemmed: TextAnalyzer,
    exact: TextAnalyzer,
    matcher: Matcher,
}

impl Builder<'_> {
    fn term(&self, field: Field, text: &str, boost: Score) -> Leaf {
        Leaf::term(Term::from_field_text(field, text), boost)
    }

    /// A word matches in title or body, stemmed (any of its readings) or
    /// exact: one clause per token of it.
    fn word(&mut self, word: &str) -> Vec<Clause> {
        let stems = token_groups(&mut self.stemmed, word);
        let exacts = tokens(&mut self.exact, word);
        let mut out = Vec::new();
        for (i, readings) in stems.iter().enumerate() {
            let f = self.fields;
            let mut any = Vec::new();
            for stem in readings {
                any.push(self.term(f.title, stem, TITLE_BOOST));
                any.push(self.term(f.body, stem, 1.0));
                self.matcher.stems.insert(stem.clone());
            }
            if let Some(ex) = exacts.get(i) {
                any.push(self.term(f.title_exact, ex, TITLE_BOOST * EXACT_BOOST));
                any.push(self.term(f.body_exact, ex, EXACT_BOOST));
                self.matcher.exacts.insert(ex.clone());
            }
            out.push(Clause(any));
        }
        out
    }

    /// The word being typed: its completed forms, or any term it begins.
    /// All tokens but the last are required as words; the last matches as
    /// a word or as the beginning of a term.
    fn partial(&mut self, word: &str) -> Vec<Clause> {
        let mut clauses = self.word(word);
        let (count, last_raw) = {
            let mut ts = self.exact.token_stream(word);
            let (mut n, mut last) = (0, None);
            while let Some(t) = ts.next() {
                n += 1;
                last = Some(word[t.offset_from..t.offset_to].to_owned());
            }
            match last {
                Some(last) => (n, last),
                None => return Vec::new(),
            }
        };
        // A multi-token word (e.g. "covid-1"): all but the last must match.
        let fixed = count - 1;
        let mut last: Vec<Leaf> = clauses.split_off(fixed.min(clauses.len())).into_iter().flat_map(|c| c.0).collect();
        for prefix in prefix_variants(&last_raw) {
            if prefix.chars().count() < MIN_PREFIX_CHARS {
                continue;
            }
            let f = self.fields;
            for (fields, boost) in
                [((f.title_exact, f.title_prefix), TITLE_BOOST * 0.5), ((f.body_exact, f.body_prefix), 0.5)]
            {
                let Some(q) = self.beginning(fields, &prefix) else { continue };
                // Every shape scores `boost` for every match.
                last.push(Leaf { query: Box::new(BoostQuery::new(q, boost)), bound: Bound::Const(boost) });
            }
            self.matcher.prefixes.push(prefix);
        }
        if last.is_empty() {
            return Vec::new();
        }
        clauses.push(Clause(last));
        clauses
    }

    /// The documents with a term of `exact` (the field) that begins with
    /// `prefix`, each scoring 1; `None` when the index has no such term.
    /// Three shapes, one answer: the prefix field's one posting list, for
    /// the lengths it holds; the completions, when the index has few; or an
    /// automaton over the term dictionary.
    fn beginning(&self, (exact, indexed): (Field, Field), prefix: &str) -> Option<Box<dyn Query>> {
        if INDEXED_PREFIX_CHARS.contains(&prefix.chars().count()) {
            let term = TermQuery::new(Term::from_field_text(indexed, prefix), IndexRecordOption::Basic);
            return Some(Box::new(ConstScoreQuery::new(Box::new(term), 1.0)));
        }
        match self.searcher.and_then(|s| completions(s, exact, prefix)) {
            // Read lazily: an intersection with a rarer word then seeks in
            // these few posting lists instead of first collecting every
            // match into a bitset.
            Some(terms) if terms.is_empty() => None,
            Some(terms) => {
                let any = terms
                    .iter()
                    .map(|t| {
                        let q = TermQuery::new(Term::from_field_text(exact, t), IndexRecordOption::Basic);
                        (Occur::Should, Box::new(q) as Box<dyn Query>)
                    })
                    .collect();
                Some(Box::new(ConstScoreQuery::new(Box::new(BooleanQuery::new(any)), 1.0)))
            }
            None => Some(Box::new(FuzzyTermQuery::new_prefix(Term::from_field_text(exact, prefix), 0, false))),
        }
    }

    fn phrase(&mut self, phrase: &str) -> Option<Clause> {
        // One term per position: the primary stem of each word.
        let stems: Vec<String> =
            token_groups(&mut self.stemmed, phrase).into_iter().filter_map(|g| g.into_iter().next()).collect();
        match stems.len() {
            0 => None,
            1 => self.word(phrase).pop(),
            _ => {
                let f = self.fields;
                let mk = |field| -> Box<dyn Query> {
                    Box::new(PhraseQuery::new(stems.iter().map(|s| Term::from_field_text(field, s)).collect()))
                };
                self.matcher.stems.extend(stems.iter().cloned());
                Some(Clause(vec![
                    Leaf { query: Box::new(BoostQuery::new(mk(f.title), TITLE_BOOST)), bound: Bound::Unbounded },
                    Leaf { query: mk(f.body), bound: Bound::Unbounded },
                ]))
            }
        }
    }
}

/// The terms of `field` that begin with `prefix`, in any segment, when there
/// are at most [`MAX_LISTED_COMPLETIONS`] of them.
fn completions(searcher: &Searcher, field: Field, prefix: &str) -> Option<BTreeSet<String>> {
    let mut out = BTreeSet::new();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(field).ok()?;
        let mut terms = inverted.terms().range().ge(prefix.as_bytes()).into_stream().ok()?;
        while terms.advance() {
            let Some(term) = std::str::from_utf8(terms.key()).ok().filter(|t| t.starts_with(prefix)) else {
                break;
            };
            if !out.contains(term) {
                if out.len() == MAX_LISTED_COMPLETIONS {
                    return None;
                }
                out.insert(term.to_owned());
            }
        }
    }
    Some(out)
}

/// Build the query for `input`. `None` when nothing in it is searchable.
pub fn build(fields: &Fields, input: &str) -> Option<(Box<dyn Query>, Matcher)> {
    let (plan, matcher) = build_for(fields, None, input)?;
    Some((plan.query()?, matcher))
}

/// [`build`], reading completions of the word being typed from `searcher`.
pub(super) fn build_for(fields: &Fields, searcher: Option<&Searcher>, input: &str) -> Option<(Plan, Matcher)> {
    let parsed = parse(input);
    let mut b =
        Builder { fields, searcher, stemmed: stemmed_analyzer(), exact: exact_analyzer(), matcher: Matcher::default() };
    let mut plan = Plan::default();
    let all_stop = parsed.partial.is_none()
        && parsed.phrases.is_empty()
        && parsed.words.iter().all(|w| tokens(&mut b.stemmed, w).iter().all(|t| is_stopword(t)));
    for w in &parsed.words {
        let stop = tokens(&mut b.stemmed, w).iter().all(|t| is_stopword(t));
        let qs = b.word(w);
        if stop && !all_stop {
            plan.optional.extend(qs);
        } else {
            plan.required.extend(qs);
        }
    }
    if let Some(p) = parsed.partial.as_deref() {
        plan.required.extend(b.partial(p));
    }
    for p in &parsed.phrases {
        plan.required.extend(b.phrase(p));
    }
    if plan.required.is_empty() {
        return None;
    }
    let matcher = std::mem::take(&mut b.matcher);
    for ex in &parsed.excluded {
        for stem in tokens(&mut b.stemmed, ex) {
            for field in [fields.title, fields.body] {
                plan.excluded.push(b.term(field, &stem, 1.0).query);
            }
        }
    }
    Some((plan, matcher))
}

/// The newest publication time in each block of [`RECENCY_BLOCK`] documents
/// of each segment (see `plan::Recency`), computed once per segment: a
/// segment's documents never change, and reading its column costs a few
/// milliseconds at a million documents.
#[derive(Default)]
pub struct RecencyCache(Mutex<HashMap<SegmentId, Arc<[i64]>>>);

impl RecencyCache {
    /// Segments kept; more and the cache starts again (merged-away segments
    /// are not worth tracking one by one).
    const MAX_SEGMENTS: usize = 256;

    /// Compute what `searcher`'s segments lack, so that no keystroke pays
    /// for it (called whenever the index is opened or reloaded).
    pub(super) fn warm(&self, searcher: &Searcher) -> Result<()> {
        for seg in searcher.segment_readers() {
            self.newest(seg, &seg.fast_fields().i64("published")?);
        }
        Ok(())
    }

    fn newest(&self, seg: &SegmentReader, published: &Column<i64>) -> Arc<[i64]> {
        let id = seg.segment_id();
        if let Some(v) = self.0.lock().unwrap_or_else(|e| e.into_inner()).get(&id) {
            return v.clone();
        }
        let n = seg.max_doc();
        let v: Arc<[i64]> = (0..n.div_ceil(RECENCY_BLOCK as u32))
            .map(|b| {
                let start = b * RECENCY_BLOCK as u32;
                (start..(start + RECENCY_BLOCK as u32).min(n))
                    .map(|doc| published.first(doc).unwrap_or(0))
                    .max()
                    .unwrap_or(i64::MIN)
            })
            .collect();
        let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= Self::MAX_SEGMENTS {
            map.clear();
        }
        map.insert(id, v.clone());
        v
    }
}

/// A query built against one searcher (one consistent view of the index),
/// ready to be run once for the first screens and again for the rest.
pub struct Prepared {
    searcher: Searcher,
    recency: Arc<RecencyCache>,
    /// The whole query: every match, for the full answer.
    weight: Box<dyn Weight>,
    /// Its parts and their bounds, for the first screens.
    plan: PlanWeights,
    matcher: Matcher,
}

/// A candidate hit. Best first: highest score, then newest, then lowest
/// address, a total order, so every run ranks the same documents the same.
#[derive(Clone, Copy, Debug)]
struct Ranked {
    score: Score,
    published: i64,
    seg: u32,
    doc: DocId,
}

impl Ranked {
    fn rank(&self, other: &Ranked) -> Ordering {
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
struct TopK {
    k: usize,
    heap: BinaryHeap<Worst>,
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK { k: k.max(1), heap: BinaryHeap::with_capacity(k.clamp(1, 1 << 16) + 1) }
    }

    /// The lowest score that can still enter, once full.
    fn floor(&self) -> Option<Score> {
        if self.heap.len() < self.k {
            return None;
        }
        self.heap.peek().map(|w| w.0.score)
    }

    /// What the walk needs to know of the top-k: the threshold, and once
    /// full, the score and date a tie must beat.
    fn state(&self) -> Floor {
        match self.heap.peek() {
            Some(w) if self.heap.len() >= self.k => {
                Floor { theta: self.threshold(), tie: Some((w.0.score, w.0.published)) }
            }
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
    fn offer(&mut self, score: Score, seg: u32, doc: DocId, published: impl FnOnce(DocId) -> i64) {
        if self.floor().is_some_and(|f| score < f) {
            return;
        }
        let r = Ranked { score, published: published(doc), seg, doc };
        if self.heap.len() < self.k {
            self.heap.push(Worst(r));
        } else if let Some(mut worst) = self.heap.peek_mut() {
            if r.rank(&worst.0) == Ordering::Greater {
                *worst = Worst(r);
            }
        }
    }

    fn into_sorted(self) -> Vec<Ranked> {
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
struct BufferedTopK {
    k: usize,
    buf: Vec<Ranked>,
    /// The worst of the best `k` at the last cut.
    floor: Option<Ranked>,
}

impl BufferedTopK {
    fn new(k: usize) -> BufferedTopK {
        let k = k.max(1);
        BufferedTopK { k, buf: Vec::with_capacity(2 * k.min(1 << 16)), floor: None }
    }

    fn offer(&mut self, score: Score, seg: u32, doc: DocId, published: impl FnOnce(DocId) -> i64) {
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

    fn into_sorted(mut self) -> Vec<Ranked> {
        self.cut();
        self.buf.sort_unstable_by(|a, b| b.rank(a));
        self.buf
    }
}

impl Prepared {
    /// Build the query for `input` against `searcher`. `None` when nothing in
    /// it is searchable.
    pub fn new(
        searcher: Searcher,
        recency: Arc<RecencyCache>,
        fields: &Fields,
        input: &str,
    ) -> Result<Option<Prepared>> {
        let Some((plan, matcher)) = build_for(fields, Some(&searcher), input) else {
            return Ok(None);
        };
        let Some(query) = plan.query() else { return Ok(None) };
        let weight = query.weight(EnableScoring::enabled_from_searcher(&searcher))?;
        let plan = plan.weights(&searcher)?;
        Ok(Some(Prepared { searcher, recency, weight, plan, matcher }))
    }

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
            let read = |doc| published.first(doc).unwrap_or(0);
            let newest = self.recency.newest(seg, &published);
            let recency = Recency { published: &read, newest: &newest };
            self.plan.for_each_pruning(&self.searcher, seg, &recency, top.state(), &mut |doc, score| {
                if !alive.is_some_and(|a| a.is_deleted(doc)) {
                    top.offer(score, ord as u32, doc, read);
                }
                top.state()
            })?;
        }
        let complete = top.heap.len() < top.k;
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
            let read = |doc| published.first(doc).unwrap_or(0);
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

    /// Store keys of ranked documents. One column reader per segment, not
    /// per hit: opening one costs more than reading thousands of values.
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

/// Run `input` against the index: the best `limit` hits and the exact total.
pub(super) fn run(
    searcher: Searcher,
    recency: Arc<RecencyCache>,
    fields: &Fields,
    input: &str,
    limit: usize,
) -> Result<SearchResults> {
    match Prepared::new(searcher, recency, fields, input)? {
        Some(p) => Ok(p.all(limit, &|| false)?.unwrap_or_default()),
        None => Ok(SearchResults { complete: true, ..Default::default() }),
    }
}

/// A short extract of `body` around its first hit (or its start), with the
/// hit ranges inside the extract. At most about `max_chars` characters.
pub fn snippet(body: &str, matcher: &Matcher, max_chars: usize) -> (String, Vec<Range<usize>>) {
    let centre = matcher.first_hit(body, SNIPPET_SCAN_BYTES).map_or(0, |r| r.start);
    let before = max_chars / 4;
    let mut start = centre;
    for (n, (i, _)) in body[..centre].char_indices().rev().enumerate() {
        start = i;
        if n >= before {
            break;
        }
    }
    if start > 0 {
        start = body[start..centre].find(char::is_whitespace).map_or(start, |i| start + i);
    }
    let end = body[start..].char_indices().nth(max_chars).map_or(body.len(), |(i, _)| start + i);
    let text: String = body[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = if start > 0 { format!("…{text}") } else { text };
    if end < body.len() {
        text.push('…');
    }
    let ranges = matcher.hit_ranges(&text);
    (text, ranges)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_splits_words_partial_phrases_and_exclusions() {
        let q = parse("وڵات \"سەرۆکی ھەرێم\" -نەوت hew");
        assert_eq!(q.words, ["وڵات"]);
        assert_eq!(q.phrases, ["سەرۆکی ھەرێم"]);
        assert_eq!(q.excluded, ["نەوت"]);
        assert_eq!(q.partial.as_deref(), Some("hew"));
        let q = parse("a b ");
        assert_eq!((q.words.len(), q.partial), (2, None));
        let q = parse("\"open phr");
        assert_eq!(q.phrases, ["open phr"]);
        assert_eq!(parse("  "), ParsedQuery::default());
        assert_eq!(parse("-").partial.as_deref(), Some("-"));
    }

    #[test]
    fn hit_ranges_and_first_hit_agree_on_stems_and_prefixes() {
        let fields = Fields::from_schema(&super::super::schema::build()).unwrap();
        let (_, m) = build(&fields, "وڵاتەکان kil").unwrap();
        let text = "لە وڵاتانی ئەوروپا kilim و Kilims، نەک kettle.";
        let got: Vec<&str> = m.hit_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["وڵاتانی", "kilim", "Kilims"]);
        assert_eq!(m.first_hit(text, text.len()).map(|r| &text[r]), Some("وڵاتانی"));
        // Within a limit that ends inside the first hit, nothing is found whole.
        assert_eq!(m.first_hit(text, 6), None);
        assert!(Matcher::default().hit_ranges(text).is_empty());
    }
}
