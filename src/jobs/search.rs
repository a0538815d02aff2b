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
//! itself) with the snippets of the rows the list shows (the request says
//! how many; each needs its body analysed) that were made within
//! [`SNIPPETS_WAIT`], then the snippets of the rows left, then, when there
//! are more matches than the first screens hold, every hit up to
//! [`RESULT_LIMIT`] with the exact count. The first part lets tantivy skip
//! documents that cannot reach the first screens; the last visits every
//! match. As the list scrolls, the UI asks for the snippets of the rows
//! that come into view ([`SnippetRequest`]), and the worker answers them in
//! the order asked.
//! Snippets and the full count stop as soon as a newer query is waiting, so
//! typing never queues behind them; a request for snippets or a sync waits
//! its turn instead, so no row the UI asked for is left without an answer.

use super::{Notification, NotificationTx};
use crate::search::query::{snippet, snippet_bytes};
use crate::search::{Matcher, OpenState, PreparedQuery, SearchError, SearchIndex};
use crate::store::{ArticleKey, Store, View};
use crossbeam_channel::{Receiver, Sender};
use std::collections::HashSet;
use std::ops::{ControlFlow, Range};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// Hits kept per query for the list (their keys only: rows are read for the
/// visible window).
pub const RESULT_LIMIT: usize = 10_000;
/// Hits in the first answer to a keystroke, unless the request says
/// otherwise: a few screens.
pub const FIRST_HITS: usize = 100;
/// How long the rest of an answer (every hit up to [`RESULT_LIMIT`], the
/// exact count) waits for the next query after the first screens are out.
/// While letters come faster than this, only their first screens are
/// sought: the rest of a query about to be replaced would take the cores
/// the next letter's answer, the UI and the terminal need.
pub const REST_AFTER: Duration = Duration::from_millis(150);
/// Snippet length in characters.
const SNIPPET_CHARS: usize = 120;
/// How long the first answer to a query waits for the snippets of the rows
/// the list shows: those made by then go out with it, and the screen
/// changes once for the keystroke, not once for the rows and again for
/// their snippets (which wrote every snippet line twice, blanked and then
/// filled). A quarter of a frame at 60 Hz, so a keystroke at 1M articles
/// still reaches the screen within the frame; the rows not made by then
/// follow as [`Snippets`].
pub const SNIPPETS_WAIT: Duration = Duration::from_millis(4);

/// A row's snippet: (row index, snippet, hit ranges in the snippet).
pub type SnippetRow = (usize, String, Vec<Range<usize>>);

/// A query for the worker.
#[derive(Clone, Debug)]
pub struct SearchRequest {
    pub generation: u64,
    pub query: String,
    /// Where to search: the hits outside this view are left out.
    pub view: View,
    /// Hits in the first answer (the rest follow): what the list needs
    /// before the rest can arrive. The fewer, the sooner the best of them
    /// are known: a hit scored below the k-th best is dropped unread.
    pub first_hits: usize,
    /// Rows 0.. whose snippets are made straight after the first answer:
    /// those the list shows.
    pub snippet_rows: usize,
}

impl Default for SearchRequest {
    fn default() -> SearchRequest {
        SearchRequest {
            generation: 0,
            query: String::new(),
            view: View::default(),
            first_hits: FIRST_HITS,
            snippet_rows: 0,
        }
    }
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
    /// Rows 0.. whose snippets come with this answer or follow it (the
    /// request's `snippet_rows`, or fewer when there are fewer hits): the
    /// UI need not ask for them.
    pub snippet_rows: usize,
    /// The snippets of those rows made within [`SNIPPETS_WAIT`] (the first
    /// of them, usually all); the others follow as [`Snippets`].
    pub snippets: Vec<SnippetRow>,
}

/// Snippets wanted for rows of an answer already sent (rows that came into
/// view).
#[derive(Clone, Debug)]
pub struct SnippetRequest {
    /// The answer's generation; the worker answers only for the last query
    /// it answered.
    pub generation: u64,
    /// (row index, the article on that row).
    pub rows: Vec<(usize, ArticleKey)>,
}

/// Snippets for some rows of an answer already sent.
#[derive(Clone, Debug)]
pub struct Snippets {
    pub generation: u64,
    pub rows: Vec<SnippetRow>,
}

/// What the worker is asked to do.
#[derive(Clone, Debug)]
pub enum Request {
    Search(SearchRequest),
    Snippets(SnippetRequest),
    /// No search is shown any more (the query was emptied, or the library
    /// is shown): what is left of the last answer is not wanted. Like a
    /// query, it stops the work in hand.
    Forget,
    /// Catch the index up with the store (after a fetch or an import).
    Sync,
}

impl Request {
    /// Whether this request makes the worker give up the work in hand.
    fn replaces(&self) -> bool {
        matches!(self, Request::Search(_) | Request::Forget)
    }
}

/// Handle to the worker thread. Dropping it closes the request channel and
/// lets the thread end.
pub struct SearchWorker {
    request_tx: Sender<Request>,
    /// Queries (and `Forget`s) sent so far: the worker compares it with
    /// those it has taken from the channel to see whether a newer one
    /// waits (the channel cannot be looked into, and only these make the
    /// worker give up what it is doing).
    searches: Arc<AtomicU64>,
    _handle: JoinHandle<()>,
}

impl SearchWorker {
    /// Start the worker for the library at `db_path` / `index_dir`.
    pub fn spawn(db_path: PathBuf, index_dir: PathBuf, tx: NotificationTx) -> std::io::Result<SearchWorker> {
        let (request_tx, request_rx) = crossbeam_channel::unbounded();
        let searches = Arc::new(AtomicU64::new(0));
        let sent = Arc::clone(&searches);
        let handle = std::thread::Builder::new().name("hewal-search".into()).spawn(move || {
            // A panic the job does not catch itself (it catches those of a
            // search) ends the worker, never silently: the UI is told that
            // search stopped, and everything else goes on.
            if let Err(panic) = crate::panics::catch_quietly(|| serve(&db_path, &index_dir, &request_rx, &sent, &tx)) {
                let message = format!("search stopped after an internal error ({panic}); please report it");
                let _ = tx.send(Notification::Error { generation: None, message });
            }
        })?;
        Ok(SearchWorker { request_tx, searches, _handle: handle })
    }

    /// Queue a request; never blocks.
    pub fn send(&self, req: Request) {
        if req.replaces() {
            // Counted before it is sent, so the worker never takes a query
            // it has not been told of.
            self.searches.fetch_add(1, Ordering::SeqCst);
        }
        // Fails only once the worker has stopped, which it reported.
        let _ = self.request_tx.send(req);
    }

    /// Ask for the index to catch up with the store; never blocks.
    pub fn sync(&self) {
        self.send(Request::Sync);
    }
}

/// The worker thread: open the library, catch the index up, start the
/// checksum check beside it, then answer requests until the UI goes.
fn serve(db_path: &Path, index_dir: &Path, request_rx: &Receiver<Request>, sent: &AtomicU64, tx: &NotificationTx) {
    // After each message the worker yields its core: the scheduler tends to
    // wake the UI on the core of the thread that woke it, and the worker
    // goes straight on to the snippets. Without the yield the UI waited
    // there for the next scheduler tick (up to 5 ms at 1M articles, at
    // p99; 0.1 ms with it).
    let mut notify = |n| {
        let sent = tx.send(n).is_ok();
        std::thread::yield_now();
        sent
    };
    let mut job = match SearchJob::open(db_path, index_dir) {
        Ok((job, note)) => job.with_note(note),
        Err(e) => {
            notify(Notification::Error { generation: None, message: e.to_string() });
            return;
        }
    };
    job.sync(&mut notify);
    // The whole index is checked against its checksums beside the worker,
    // which answers meanwhile; damage found is mended here. If no thread
    // can be had for it, search goes on unchecked (the sender is dropped
    // with the closure, and the check never comes).
    let (check_tx, check_rx) = crossbeam_channel::bounded(1);
    let check = job.index.checksum_check();
    let _ = std::thread::Builder::new().name("hewal-check".into()).spawn(move || {
        // The worker may have stopped; then nobody needs the answer.
        let _ = check_tx.send(check());
    });
    let never = crossbeam_channel::never();
    let mut check_rx = Some(check_rx);
    // Queries (and `Forget`s) taken from the channel so far (see
    // `SearchWorker::searches`): a newer one waits while fewer were taken
    // than sent.
    let taken = std::cell::Cell::new(0);
    let newer = || sent.load(Ordering::SeqCst) > taken.get();
    loop {
        // Behind another process's writer: look again in a second.
        let retry = if job.behind { crossbeam_channel::after(RETRY_SYNC) } else { crossbeam_channel::never() };
        let rest = job.rest_due().map_or_else(crossbeam_channel::never, crossbeam_channel::at);
        crossbeam_channel::select! {
            recv(retry) -> _ => {
                if !job.sync(&mut notify) {
                    break;
                }
            }
            recv(rest) -> _ => {
                if !job.finish(&newer, &mut notify) {
                    break;
                }
            }
            recv(request_rx) -> first => {
                let Ok(first) = first else { break };
                let batch: Vec<Request> = std::iter::once(first).chain(request_rx.try_iter()).collect();
                taken.set(taken.get() + batch.iter().filter(|r| r.replaces()).count() as u64);
                if !job.step(batch, &newer, &mut notify) {
                    break;
                }
            }
            recv(check_rx.as_ref().unwrap_or(&never)) -> checked => {
                check_rx = None; // one answer, or none ever
                if !job.checked(checked.ok(), &mut notify) {
                    break;
                }
            }
        }
    }
}

/// How soon the worker syncs again when another process held the index's
/// writer.
const RETRY_SYNC: Duration = Duration::from_secs(1);

/// Debug builds only, for the end-to-end tests: with HEWAL_TEST_PANIC_KEY
/// set, the query `hewal-test-panic-WHERE` panics at `place` ("search":
/// inside a search, which the job catches; "worker": outside it).
fn test_panic(query: &str, place: &str) {
    #[cfg(debug_assertions)]
    if std::env::var_os("HEWAL_TEST_PANIC_KEY").is_some() && query.strip_prefix("hewal-test-panic-") == Some(place) {
        // Once each: the rebuilt index is asked the same query again.
        use std::sync::atomic::{AtomicBool, Ordering};
        static FIRED: [AtomicBool; 2] = [AtomicBool::new(false), AtomicBool::new(false)];
        if !FIRED[usize::from(place == "worker")].swap(true, Ordering::SeqCst) {
            panic!("test panic in the {place} (HEWAL_TEST_PANIC_KEY)");
        }
    }
    let _ = (query, place);
}

/// Why the worker could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    #[error(transparent)]
    Index(#[from] SearchError),
}

/// The worker's state and its protocol, without the thread: what the
/// worker does with each batch of requests it finds waiting. The thread
/// (`SearchWorker`) and the tests drive the same [`SearchJob::step`].
pub struct SearchJob {
    index: SearchIndex,
    store: Store,
    /// What opening the index did, told with the first `Ready`.
    note: Option<String>,
    /// Where the index lives (none in memory), to make it anew.
    dir: Option<PathBuf>,
    /// Whether the index was made anew since it was opened: then a checksum
    /// check of the files it was opened from is out of date.
    remade: bool,
    /// The last sync found the index's writer held by another process: the
    /// worker syncs again shortly.
    behind: bool,
    /// The last query answered (its generation) and what its hits are, for
    /// the snippets asked for later.
    answered: Option<(u64, Matcher)>,
    /// The rest of the last answer, until it is due ([`REST_AFTER`]).
    pending: Option<Pending>,
    /// How long an answer waits for its rows' snippets ([`SNIPPETS_WAIT`]).
    snippets_wait: Duration,
}

/// The rest of an answer, waiting for the keys to pause.
struct Pending {
    /// [`REST_AFTER`] after its first screens went out.
    due: Instant,
    view: View,
    rest: Rest,
}

impl SearchJob {
    /// A job over an open index and its own store connection.
    pub fn new(index: SearchIndex, store: Store) -> SearchJob {
        SearchJob {
            index,
            store,
            note: None,
            dir: None,
            remade: false,
            behind: false,
            answered: None,
            pending: None,
            snippets_wait: SNIPPETS_WAIT,
        }
    }

    /// Let answers wait `wait` for their rows' snippets instead of
    /// [`SNIPPETS_WAIT`] (tests: none, or as long as the snippets take).
    pub fn set_snippets_wait(&mut self, wait: Duration) {
        self.snippets_wait = wait;
    }

    /// Open the library's store and index (rebuilding a damaged or
    /// outdated index); the note says what happened to the index.
    pub fn open(db_path: &Path, index_dir: &Path) -> Result<(SearchJob, Option<String>), StartError> {
        // The UI has created the library by now, or found it read-only.
        let store = match Store::open_existing(db_path)? {
            Some(store) => store,
            None => Store::open(db_path)?,
        };
        let (index, state) = SearchIndex::open(index_dir)?;
        let note = match state {
            OpenState::Rebuilt(why) => Some(format!("search index was {why}; rebuilt")),
            _ => None,
        };
        Ok((SearchJob { dir: Some(index_dir.to_owned()), ..SearchJob::new(index, store) }, note))
    }

    /// The index this job answers from.
    pub fn index(&self) -> &SearchIndex {
        &self.index
    }

    fn with_note(mut self, note: Option<String>) -> SearchJob {
        self.note = note;
        self
    }

    /// Handle one batch of requests, in the worker's protocol: newest query
    /// wins (every older one in the batch is skipped, and a `Forget` drops
    /// the queries before it and what waits for the last answer), a sync
    /// anywhere in the batch runs first; then the answer goes out as
    /// `Results` (first screens, and the snippets of the rows the request
    /// named that were made within the wait) and `Snippets` of the rows
    /// left. When there are more hits, the rest waits
    /// ([`SearchJob::rest_due`], [`SearchJob::finish`]), unless the first
    /// screens left rows of the list empty (their hits outside the view):
    /// then it follows at once. Then the snippets asked for the last
    /// answer, in the order asked, a `Snippets` each (requests for an older
    /// answer are dropped). Everything after `Results` stops as soon as
    /// `newer()` says another query waits. False once `notify` says nobody
    /// listens any more.
    ///
    /// An index that cannot be read (a read error or a panic while
    /// searching: damaged files) is rebuilt from the store, and the UI is
    /// told; the query is answered again once the index is `Ready`.
    pub fn step(
        &mut self,
        batch: Vec<Request>,
        newer: &dyn Fn() -> bool,
        notify: &mut dyn FnMut(Notification) -> bool,
    ) -> bool {
        let (mut req, mut want_sync, mut wanted) = (None, false, Vec::new());
        for r in batch {
            match r {
                Request::Search(s) => req = Some(s),
                Request::Forget => {
                    req = None;
                    self.pending = None;
                    self.answered = None;
                }
                Request::Snippets(s) => wanted.push(s),
                Request::Sync => want_sync = true,
            }
        }
        if want_sync && !self.sync(notify) {
            return false;
        }
        if let Some(req) = req {
            if !self.answer(&req, newer, notify) {
                return false;
            }
        }
        wanted.iter().all(|s| self.send_snippets(s.generation, &s.rows, newer, notify))
    }

    /// Make and send the snippets of `rows` ((row, article) pairs) of the
    /// answer `generation`, unless that is no longer the last query
    /// answered. False once nobody listens.
    fn send_snippets(
        &self,
        generation: u64,
        rows: &[(usize, ArticleKey)],
        newer: &dyn Fn() -> bool,
        notify: &mut dyn FnMut(Notification) -> bool,
    ) -> bool {
        let Some((_, matcher)) = self.answered.as_ref().filter(|(g, _)| *g == generation) else {
            return true; // asked for an answer since replaced
        };
        let keys: Vec<ArticleKey> = rows.iter().map(|&(_, k)| k).collect();
        let mut made = snippets(&self.store, matcher, &keys, newer);
        for row in &mut made {
            row.0 = rows[row.0].0;
        }
        made.is_empty() || notify(Notification::Snippets(Snippets { generation, rows: made }))
    }

    /// Answer one query, recovering from an index that cannot be read.
    /// False once nobody listens.
    fn answer(
        &mut self,
        req: &SearchRequest,
        newer: &dyn Fn() -> bool,
        notify: &mut dyn FnMut(Notification) -> bool,
    ) -> bool {
        test_panic(&req.query, "worker");
        self.guarded(req.generation, notify, |job, notify| {
            test_panic(&req.query, "search");
            job.search(req, newer, notify)
        })
    }

    /// When the rest of the last answer is due: [`REST_AFTER`] after its
    /// first screens went out. None when no rest waits (the answer was
    /// whole, or a newer query replaced it).
    pub fn rest_due(&self) -> Option<Instant> {
        self.pending.as_ref().map(|p| p.due)
    }

    /// Send the rest of the last answer now, as `MoreResults`: every hit
    /// up to [`RESULT_LIMIT`], the first screens' hits first and in their
    /// order, and the exact count. Given up as soon as `newer()` says a
    /// query waits. False once nobody listens.
    pub fn finish(&mut self, newer: &dyn Fn() -> bool, notify: &mut dyn FnMut(Notification) -> bool) -> bool {
        let Some(pending) = self.pending.take() else { return true };
        self.guarded(pending.rest.1.generation, notify, |job, notify| job.send_rest(pending, newer, notify))
    }

    /// [`SearchJob::finish`], unguarded.
    fn send_rest(
        &self,
        Pending { view, rest: (prepared, first), .. }: Pending,
        newer: &dyn Fn() -> bool,
        notify: &mut dyn FnMut(Notification) -> bool,
    ) -> Result<bool, SearchError> {
        Ok(match answer_rest(&prepared, &first, newer)? {
            Some(mut full) => {
                self.keep_in_view(&view, &mut full)?;
                notify(Notification::MoreResults(Box::new(full)))
            }
            None => true, // a newer query is waiting
        })
    }

    /// Run `f` (work for the answer `generation`), recovering from an
    /// index that cannot be read: a read error or a panic. False once
    /// nobody listens.
    fn guarded(
        &mut self,
        generation: u64,
        notify: &mut dyn FnMut(Notification) -> bool,
        f: impl FnOnce(&mut SearchJob, &mut dyn FnMut(Notification) -> bool) -> Result<bool, SearchError>,
    ) -> bool {
        match crate::panics::catch_quietly(|| f(self, notify)) {
            Ok(Ok(listening)) => listening,
            Ok(Err(e @ (SearchError::Tantivy(_) | SearchError::Unreadable(_)))) => self.recover(&e.to_string(), notify),
            Ok(Err(e)) => notify(Notification::Error { generation: Some(generation), message: e.to_string() }),
            Err(panic) => self.recover(&panic, notify),
        }
    }

    /// Answer one request; `Ok(false)` once nobody listens.
    fn search(
        &mut self,
        req: &SearchRequest,
        newer: &dyn Fn() -> bool,
        notify: &mut dyn FnMut(Notification) -> bool,
    ) -> Result<bool, SearchError> {
        self.pending = None;
        let (mut resp, rest) = answer_first(&self.index, req)?;
        self.keep_in_view(&req.view, &mut resp)?;
        // Most of the first hits outside the view: the list's rows wait for
        // the rest, which then does not wait for the keys to pause.
        let short = resp.hits.len() < req.snippet_rows;
        resp.snippet_rows = req.snippet_rows.min(resp.hits.len());
        let shown: Vec<(usize, ArticleKey)> = resp.hits[..resp.snippet_rows].iter().copied().enumerate().collect();
        // A wait too long for an Instant never ends.
        let until = Instant::now().checked_add(self.snippets_wait);
        let late = || newer() || until.is_some_and(|t| Instant::now() >= t);
        resp.snippets = snippets(&self.store, &resp.matcher, &resp.hits[..resp.snippet_rows], &late);
        // Made in row order, a row whose article is gone skipped: the rows
        // after the last one made are those left to follow.
        let left = &shown[resp.snippets.last().map_or(0, |r| r.0 + 1)..];
        self.answered = Some((req.generation, resp.matcher.clone()));
        if !notify(Notification::Results(Box::new(resp))) || !self.send_snippets(req.generation, left, newer, notify) {
            return Ok(false);
        }
        let Some(rest) = rest else { return Ok(true) };
        let pending = Pending { due: Instant::now() + REST_AFTER, view: req.view.clone(), rest };
        if short {
            return self.send_rest(pending, newer, notify);
        }
        self.pending = Some(pending);
        Ok(true)
    }

    /// Leave out the hits that are not in `view` (the store knows which
    /// are read, starred, from which feed; the index does not). The count
    /// becomes the hits kept: exact for a complete answer, a lower bound
    /// for a first one.
    fn keep_in_view(&self, view: &View, resp: &mut SearchResponse) -> Result<(), SearchError> {
        if *view == View::all() {
            return Ok(());
        }
        let keep = self.store.keys_in_view(view, &resp.hits)?;
        resp.hits.retain(|k| keep.contains(k));
        resp.total = resp.hits.len();
        Ok(())
    }

    /// What the checksum check found: damaged files mean a rebuild. A
    /// check that could not run says nothing, and neither does one of files
    /// already replaced by a rebuild. False once nobody listens.
    pub fn checked(
        &mut self,
        found: Option<crate::search::Result<Vec<String>>>,
        notify: &mut dyn FnMut(Notification) -> bool,
    ) -> bool {
        match found {
            Some(Ok(bad)) if !bad.is_empty() && !self.remade => {
                self.recover(&format!("damaged files: {}", bad.join(", ")), notify)
            }
            _ => true,
        }
    }

    /// The index could not be read: make a new one and fill it from the
    /// store. If even that fails, search stops and the UI says so.
    fn recover(&mut self, why: &str, notify: &mut dyn FnMut(Notification) -> bool) -> bool {
        let remade = match &self.dir {
            Some(dir) => SearchIndex::recreate(dir),
            None => SearchIndex::in_memory(),
        };
        match remade {
            Ok(index) => {
                self.index = index;
                self.pending = None;
                self.remade = true;
                self.note = Some(format!("the search index could not be read ({why}); rebuilt it from the library"));
                self.sync(notify)
            }
            Err(e) => notify(Notification::Error {
                generation: None,
                message: format!("the search index could not be read ({why}) nor rebuilt ({e}); run `hewal reindex`"),
            }),
        }
    }

    /// Catch the index up, reporting progress, then `Ready`. False once
    /// nobody listens.
    pub fn sync(&mut self, notify: &mut dyn FnMut(Notification) -> bool) -> bool {
        if self.store.is_read_only() {
            // Nothing can be written: search the index as it is.
            let note = self.note.take();
            return notify(Notification::Ready { docs: self.index.num_docs(), note });
        }
        let mut last = Instant::now();
        let mut listening = true;
        let synced = self.index.sync(&self.store, &mut |done, total| {
            if last.elapsed() > Duration::from_millis(100) || done == total {
                last = Instant::now();
                listening &= notify(Notification::Indexing { done, total });
            }
        });
        let mut note = self.note.take();
        self.behind = false;
        match synced {
            Ok(_) => {}
            // Another hewal (an import) is writing the index: what it
            // commits is read now, and the rest is caught up on a retry
            // (`SearchJob::behind`), so nothing needs saying.
            Err(SearchError::Locked { .. }) => {
                self.behind = true;
                if let Err(e) = self.index.reload() {
                    note = Some(e.to_string());
                }
            }
            Err(e) => note = Some(e.to_string()),
        }
        listening && notify(Notification::Ready { docs: self.index.num_docs(), note })
    }
}

/// Run one request as far as the first screens of hits (rows and snippets
/// come later). See [`answer_first`] for the rest.
pub fn answer(index: &SearchIndex, req: &SearchRequest) -> Result<SearchResponse, SearchError> {
    answer_first(index, req).map(|(resp, _)| resp)
}

/// What finishing an incomplete first answer needs: the prepared query and
/// that answer.
pub type Rest = (PreparedQuery, SearchResponse);

/// The first screens of hits for a request and, when there are more
/// matches than they hold, what [`answer_rest`] needs to finish.
pub fn answer_first(index: &SearchIndex, req: &SearchRequest) -> Result<(SearchResponse, Option<Rest>), SearchError> {
    let start = Instant::now();
    let Some(prepared) = index.prepare_query(&req.query)? else {
        let resp = SearchResponse {
            generation: req.generation,
            query: req.query.clone(),
            hits: Vec::new(),
            total: 0,
            complete: true,
            elapsed: start.elapsed(),
            matcher: Matcher::default(),
            snippet_rows: 0,
            snippets: Vec::new(),
        };
        return Ok((resp, None));
    };
    let results = prepared.first(req.first_hits)?;
    let resp = SearchResponse {
        generation: req.generation,
        query: req.query.clone(),
        hits: results.hits.iter().map(|h| h.key).collect(),
        total: results.total,
        complete: results.complete,
        elapsed: start.elapsed(),
        matcher: results.matcher,
        snippet_rows: 0,
        snippets: Vec::new(),
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
) -> Result<Option<SearchResponse>, SearchError> {
    let start = Instant::now();
    let Some(results) = prepared.all(RESULT_LIMIT, stop)? else {
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
        snippet_rows: first.snippet_rows,
        snippets: Vec::new(),
    }))
}

/// Snippets for the articles `keys` (as rows 0..), in order, stopping
/// early when `stop()` says so (a newer query waits, or the answer's wait
/// for them ran out).
pub fn snippets(store: &Store, matcher: &Matcher, keys: &[ArticleKey], stop: &dyn Fn() -> bool) -> Vec<SnippetRow> {
    let mut out = Vec::with_capacity(keys.len());
    // An article deleted since the search was answered gets no snippet (its
    // row says it is gone when the list reads it), and neither does one the
    // store cannot read now: the rows made so far are still shown.
    let _ = store.body_prefixes(keys, snippet_bytes(SNIPPET_CHARS), |i, body| {
        if stop() {
            return ControlFlow::Break(());
        }
        let (text, hits) = snippet(body, matcher, SNIPPET_CHARS);
        out.push((i, text, hits));
        ControlFlow::Continue(())
    });
    out
}
