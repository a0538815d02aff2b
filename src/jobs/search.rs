//! The search worker: owns the index and its own store connection.
//!
//! On start it opens the index and catches it up with the store (reporting
//! progress). Then it answers queries. Every query carries the generation the
//! UI gave it; the worker skips to the newest query waiting in its channel,
//! and the UI drops any answer whose generation is no longer current, so a
//! stale result is never shown.
//!
//! An answer comes in up to three parts: the first screens of hits at once
//! (store keys, best first; the UI reads the rows of its visible window
//! itself), then the snippets, which need each body analysed, then, when
//! there are more matches than the first screens hold, every hit up to
//! [`RESULT_LIMIT`] with the exact count. The first part lets tantivy skip
//! documents that cannot reach the first screens; the last visits every
//! match. Snippets and the full count stop as soon as a newer query is
//! waiting, so typing never queues behind them.

use crate::search::query::snippet;
use crate::search::{Matcher, OpenState, PreparedQuery, SearchIndex};
use crate::store::{ArticleKey, Store};
use crossbeam_channel::{Receiver, Sender};
use std::collections::HashSet;
use std::ops::Range;
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Hits kept per query for the list (their keys only: rows are read for the
/// visible window).
pub const RESULT_LIMIT: usize = 10_000;
/// Hits in the first answer to a keystroke: a few screens.
pub const FIRST_HITS: usize = 100;
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 120;
/// Rows that get a snippet (the rest show the title only): about what a
/// tall terminal shows at two lines per row.
const SNIPPET_ROWS: usize = 24;

/// A query for the worker.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
}

/// The answer to one request: the hits, best first, as store keys.
#[derive(Clone, Debug)]
pub struct SearchResponse {
    pub generation: u64,
    pub query: String,
    pub hits: Vec<ArticleKey>,
    /// Matching articles: exact when `complete`, otherwise at least this many.
    pub total: usize,
    /// Whether this is the whole answer (every hit up to [`RESULT_LIMIT`]
    /// and the exact count); if not, the rest follows.
    pub complete: bool,
    pub elapsed: Duration,
    pub matcher: Matcher,
}

/// Snippets for some rows of an answer already sent.
#[derive(Clone, Debug)]
pub struct Snippets {
    pub generation: u64,
    /// (row index, snippet, hit ranges in the snippet).
    pub rows: Vec<(usize, String, Vec<Range<usize>>)>,
}

/// What the worker is asked to do.
#[derive(Clone, Debug)]
pub enum Request {
    Search(SearchRequest),
    /// Catch the index up with the store (after a fetch or an import).
    Sync,
}

/// What the worker tells the UI.
#[derive(Clone, Debug)]
pub enum WorkerEvent {
    Indexing {
        done: u64,
        total: u64,
    },
    /// The index is open and current; `note` says what happened to it.
    Ready {
        docs: u64,
        note: Option<String>,
    },
    Results(SearchResponse),
    /// The whole answer to a query whose first screens were sent as
    /// `Results`: the same hits first, then the rest, and the exact count.
    MoreResults(SearchResponse),
    /// The snippets of the current answer, after it.
    Snippets(Snippets),
    /// A feed refresh (jobs::fetch) has finished `done` of `total` feeds.
    FetchProgress {
        done: usize,
        total: usize,
    },
    /// A feed refresh ended; `summary` is for the status line.
    FetchDone {
        summary: String,
        errors: usize,
    },
    Error {
        generation: Option<u64>,
        message: String,
    },
}

/// Handle to the worker thread. Dropping it closes the request channel and
/// lets the thread end.
pub struct SearchWorker {
    request_tx: Sender<Request>,
    _handle: JoinHandle<()>,
}

impl SearchWorker {
    /// Start the worker for the library at `db_path` / `index_dir`.
    pub fn spawn(db_path: PathBuf, index_dir: PathBuf, event_tx: Sender<WorkerEvent>) -> SearchWorker {
        let (request_tx, request_rx) = crossbeam_channel::unbounded();
        let handle = std::thread::Builder::new()
            .name("hewal-search".into())
            .spawn(move || {
                if let Err(message) = work(&db_path, &index_dir, &request_rx, &event_tx) {
                    let _ = event_tx.send(WorkerEvent::Error { generation: None, message });
                }
            })
            .expect("spawn search thread");
        SearchWorker { request_tx, _handle: handle }
    }

    /// Queue a query; never blocks.
    pub fn request(&self, req: SearchRequest) {
        let _ = self.request_tx.send(Request::Search(req));
    }

    /// Ask for the index to catch up with the store; never blocks.
    pub fn sync(&self) {
        let _ = self.request_tx.send(Request::Sync);
    }
}

fn work(
    db_path: &std::path::Path,
    index_dir: &std::path::Path,
    request_rx: &Receiver<Request>,
    event_tx: &Sender<WorkerEvent>,
) -> Result<(), String> {
    let store = Store::open(db_path).map_err(|e| e.to_string())?;
    let (mut index, state) = SearchIndex::open(index_dir).map_err(|e| e.to_string())?;
    let note = match state {
        OpenState::Rebuilt(why) => Some(format!("search index was {why}; rebuilt")),
        _ => None,
    };
    sync(&mut index, &store, event_tx, note);

    while let Ok(first) = request_rx.recv() {
        // Newest query wins: skip everything already superseded; a sync
        // request anywhere in the queue is kept.
        let (mut req, mut want_sync) = (None, false);
        for r in std::iter::once(first).chain(request_rx.try_iter()) {
            match r {
                Request::Search(s) => req = Some(s),
                Request::Sync => want_sync = true,
            }
        }
        if want_sync {
            sync(&mut index, &store, event_tx, None);
        }
        let Some(req) = req else { continue };
        let (resp, rest) = match answer_first(&index, &req) {
            Ok(answered) => answered,
            Err(message) => {
                let _ = event_tx.send(WorkerEvent::Error { generation: Some(req.generation), message });
                continue;
            }
        };
        let (matcher, keys) = (resp.matcher.clone(), resp.hits.iter().take(SNIPPET_ROWS).copied().collect::<Vec<_>>());
        if event_tx.send(WorkerEvent::Results(resp)).is_err() {
            break;
        }
        let newer = || !request_rx.is_empty();
        let rows = snippets(&store, &matcher, &keys, &newer);
        if !rows.is_empty()
            && event_tx.send(WorkerEvent::Snippets(Snippets { generation: req.generation, rows })).is_err()
        {
            break;
        }
        let Some((prepared, first)) = rest else { continue };
        match answer_rest(&prepared, &first, &newer) {
            Ok(Some(full)) => {
                if event_tx.send(WorkerEvent::MoreResults(full)).is_err() {
                    break;
                }
            }
            Ok(None) => {} // a newer query is waiting
            Err(message) => {
                let _ = event_tx.send(WorkerEvent::Error { generation: Some(req.generation), message });
            }
        }
    }
    Ok(())
}

/// Catch the index up, reporting progress, then `Ready`.
fn sync(index: &mut SearchIndex, store: &Store, event_tx: &Sender<WorkerEvent>, mut note: Option<String>) {
    let mut last = Instant::now();
    let synced = index.sync(store, &mut |done, total| {
        if last.elapsed() > Duration::from_millis(100) || done == total {
            last = Instant::now();
            let _ = event_tx.send(WorkerEvent::Indexing { done, total });
        }
    });
    if let Err(e) = synced {
        note = Some(format!("{e}"));
    }
    let _ = event_tx.send(WorkerEvent::Ready { docs: index.num_docs(), note });
}

/// Run one request as far as the first screens of hits (rows and snippets
/// come later). See [`answer_first`] for the rest.
pub fn answer(index: &SearchIndex, req: &SearchRequest) -> Result<SearchResponse, String> {
    answer_first(index, req).map(|(resp, _)| resp)
}

/// What finishing an incomplete first answer needs: the prepared query and
/// that answer.
pub type Rest = (PreparedQuery, SearchResponse);

/// The first screens of hits for a request and, when there are more
/// matches than they hold, what [`answer_rest`] needs to finish.
pub fn answer_first(index: &SearchIndex, req: &SearchRequest) -> Result<(SearchResponse, Option<Rest>), String> {
    let start = Instant::now();
    let err = |e: crate::search::SearchError| e.to_string();
    let Some(prepared) = index.prepare_query(&req.query).map_err(err)? else {
        let resp = SearchResponse {
            generation: req.generation,
            query: req.query.clone(),
            hits: Vec::new(),
            total: 0,
            complete: true,
            elapsed: start.elapsed(),
            matcher: Matcher::default(),
        };
        return Ok((resp, None));
    };
    let results = prepared.first(FIRST_HITS).map_err(err)?;
    let resp = SearchResponse {
        generation: req.generation,
        query: req.query.clone(),
        hits: results.hits.iter().map(|h| h.key).collect(),
        total: results.total,
        complete: results.complete,
        elapsed: start.elapsed(),
        matcher: results.matcher,
    };
    let rest = (!resp.complete).then(|| (prepared, resp.clone()));
    Ok((resp, rest))
}

/// Finish an answer: every hit up to [`RESULT_LIMIT`], the hits of `first`
/// kept first and in their order (the list on screen does not move), and
/// the exact count. `None` when `stop()` said to give up.
pub fn answer_rest(
    prepared: &PreparedQuery,
    first: &SearchResponse,
    stop: &dyn Fn() -> bool,
) -> Result<Option<SearchResponse>, String> {
    let start = Instant::now();
    let Some(results) = prepared.all(RESULT_LIMIT, stop).map_err(|e| e.to_string())? else {
        return Ok(None);
    };
    let shown: HashSet<ArticleKey> = first.hits.iter().copied().collect();
    let mut hits = first.hits.clone();
    hits.extend(results.hits.iter().map(|h| h.key).filter(|k| !shown.contains(k)));
    hits.truncate(RESULT_LIMIT);
    Ok(Some(SearchResponse {
        generation: first.generation,
        query: first.query.clone(),
        hits,
        total: results.total,
        complete: true,
        elapsed: first.elapsed + start.elapsed(),
        matcher: results.matcher,
    }))
}

/// Snippets for the articles `keys` (rows 0.. of an answer), stopping early
/// when `stop()` says a newer query is waiting.
pub fn snippets(
    store: &Store,
    matcher: &Matcher,
    keys: &[ArticleKey],
    stop: &dyn Fn() -> bool,
) -> Vec<(usize, String, Vec<Range<usize>>)> {
    let mut out = Vec::with_capacity(keys.len());
    for (i, &key) in keys.iter().enumerate() {
        if stop() {
            break;
        }
        if let Ok(a) = store.article(key) {
            let (text, hits) = snippet(&a.body, matcher, SNIPPET_CHARS);
            out.push((i, text, hits));
        }
    }
    out
}
