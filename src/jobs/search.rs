//! The search worker: owns the index and its own store connection.
//!
//! On start it opens the index and catches it up with the store (reporting
//! progress). Then it answers queries. Every query carries the generation the
//! UI gave it; the worker skips to the newest query waiting in its channel,
//! and the UI drops any answer whose generation is no longer current, so a
//! stale result is never shown.

use crate::search::query::snippet;
use crate::search::{Matcher, OpenState, SearchIndex};
use crate::store::{ArticleSummary, Store};
use crossbeam_channel::{Receiver, Sender};
use std::ops::Range;
use std::path::PathBuf;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Results kept per query for the list. The count shown is always the total.
pub const RESULT_LIMIT: usize = 500;
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 120;
/// Rows that get a snippet (the rest show the title only).
/// (Lazy snippets for the visible window are the scale issue's to add.)
const SNIPPET_ROWS: usize = 60;

/// A query for the worker.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
}

/// One result row, ready for the list.
#[derive(Clone, Debug)]
pub struct ResultRow {
    pub summary: ArticleSummary,
    pub snippet: String,
    /// Byte ranges of hits inside `snippet`.
    pub snippet_hits: Vec<Range<usize>>,
}

/// The answer to one request.
#[derive(Clone, Debug)]
pub struct SearchResponse {
    pub generation: u64,
    pub query: String,
    pub rows: Vec<ResultRow>,
    pub total: usize,
    pub elapsed: Duration,
    pub matcher: Matcher,
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
    Error {
        generation: Option<u64>,
        message: String,
    },
}

/// Handle to the worker thread. Dropping it closes the request channel and
/// lets the thread end.
pub struct SearchWorker {
    request_tx: Sender<SearchRequest>,
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
        let _ = self.request_tx.send(req);
    }
}

fn work(
    db_path: &std::path::Path,
    index_dir: &std::path::Path,
    request_rx: &Receiver<SearchRequest>,
    event_tx: &Sender<WorkerEvent>,
) -> Result<(), String> {
    let store = Store::open(db_path).map_err(|e| e.to_string())?;
    let (mut index, state) = SearchIndex::open(index_dir).map_err(|e| e.to_string())?;
    let mut note = match state {
        OpenState::Rebuilt(why) => Some(format!("search index was {why}; rebuilt")),
        _ => None,
    };
    let mut last = Instant::now();
    let synced = index.sync(&store, &mut |done, total| {
        if last.elapsed() > Duration::from_millis(100) || done == total {
            last = Instant::now();
            let _ = event_tx.send(WorkerEvent::Indexing { done, total });
        }
    });
    if let Err(e) = synced {
        note = Some(format!("{e}"));
    }
    let _ = event_tx.send(WorkerEvent::Ready { docs: index.num_docs(), note });

    while let Ok(mut req) = request_rx.recv() {
        // Newest query wins: skip everything already superseded.
        while let Ok(newer) = request_rx.try_recv() {
            req = newer;
        }
        let event = match answer(&index, &store, &req) {
            Ok(resp) => WorkerEvent::Results(resp),
            Err(message) => WorkerEvent::Error { generation: Some(req.generation), message },
        };
        if event_tx.send(event).is_err() {
            break;
        }
    }
    Ok(())
}

/// Run one request: search, then fetch rows and snippets for the hits.
pub fn answer(index: &SearchIndex, store: &Store, req: &SearchRequest) -> Result<SearchResponse, String> {
    let start = Instant::now();
    let results = index.search(&req.query, RESULT_LIMIT).map_err(|e| e.to_string())?;
    let keys: Vec<_> = results.hits.iter().map(|h| h.key).collect();
    let summaries = store.summaries(&keys).map_err(|e| e.to_string())?;
    let mut rows = Vec::with_capacity(summaries.len());
    for (i, summary) in summaries.into_iter().enumerate() {
        // Snippets need the body: only for the rows a reader will see first.
        let (snippet, snippet_hits) = match (i < SNIPPET_ROWS).then(|| store.article(summary.key)) {
            Some(Ok(a)) => snippet(&a.body, &results.matcher, SNIPPET_CHARS),
            _ => (String::new(), Vec::new()),
        };
        rows.push(ResultRow { summary, snippet, snippet_hits });
    }
    Ok(SearchResponse {
        generation: req.generation,
        query: req.query.clone(),
        rows,
        total: results.total,
        elapsed: start.elapsed(),
        matcher: results.matcher,
    })
}
