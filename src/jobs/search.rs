//! The search worker: owns the index and its own store connection.
//!
//! On start it opens the index and catches it up with the store (reporting
//! progress). Then it answers queries. Every query carries the generation the
//! UI gave it; the worker skips to the newest query waiting in its channel,
//! and the UI drops any answer whose generation is no longer current, so a
//! stale result is never shown.
//!
//! An answer comes in two parts: the hits at once (store keys, best first;
//! the UI reads the rows of its visible window itself), then the snippets,
//! which need each body analysed, in a second message. Snippet work stops as soon as a
//! newer query is waiting, so typing never queues behind it.

use crate::search::query::snippet;
use crate::search::{Matcher, OpenState, SearchIndex};
use crate::store::{ArticleKey, Store};
use crossbeam_channel::{Receiver, Sender};
use std::ops::Range;
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Hits kept per query for the list (their keys only: rows are read for the
/// visible window). The count shown is always the total.
pub const RESULT_LIMIT: usize = 10_000;
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
    pub total: usize,
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
        let resp = match answer(&index, &req) {
            Ok(resp) => resp,
            Err(message) => {
                let _ = event_tx.send(WorkerEvent::Error { generation: Some(req.generation), message });
                continue;
            }
        };
        let (matcher, keys) = (resp.matcher.clone(), resp.hits.iter().take(SNIPPET_ROWS).copied().collect::<Vec<_>>());
        if event_tx.send(WorkerEvent::Results(resp)).is_err() {
            break;
        }
        let rows = snippets(&store, &matcher, &keys, &|| !request_rx.is_empty());
        if !rows.is_empty()
            && event_tx.send(WorkerEvent::Snippets(Snippets { generation: req.generation, rows })).is_err()
        {
            break;
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

/// Run one request: the search alone (rows and snippets come later).
pub fn answer(index: &SearchIndex, req: &SearchRequest) -> Result<SearchResponse, String> {
    let start = Instant::now();
    let results = index.search(&req.query, RESULT_LIMIT).map_err(|e| e.to_string())?;
    Ok(SearchResponse {
        generation: req.generation,
        query: req.query.clone(),
        hits: results.hits.iter().map(|h| h.key).collect(),
        total: results.total,
        elapsed: start.elapsed(),
        matcher: results.matcher,
    })
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
