//! Refreshing feeds: fetch every subscription (bounded concurrency, in
//! `feeds::fetch_all`), turn entries into articles, upsert them, save each
//! feed's state. Shared by `hewal fetch` and the TUI's refresh.
//!
//! Nothing from the network is trusted and nothing stored is lost: a feed
//! that fails keeps its articles and records its error; the others update.

use crate::feeds::{self, Entry, FetchOptions, FetchOutcome, Subscription, Validators};
use crate::store::{FeedState, NewArticle, Store, StoreError};
use std::path::PathBuf;

/// What a refresh did, per feed and in total.
#[derive(Clone, Debug, Default)]
pub struct RefreshReport {
    pub feeds: usize,
    pub inserted: usize,
    pub updated: usize,
    pub not_modified: usize,
    /// (url, message) for every feed that failed.
    pub errors: Vec<(String, String)>,
    /// (url, message) for what was fetched but not quite right (an entry cut
    /// at the size limit, a charset guessed…).
    pub warnings: Vec<(String, String)>,
    /// Articles deleted to keep each feed to `max_articles`.
    pub trimmed: u64,
}

/// The store id of a feed entry: unique per feed and entry key (guid, link
/// or content hash), so re-fetching finds the same row.
pub fn entry_id(feed_url: &str, entry: &Entry) -> String {
    format!("{feed_url}#{}", entry.key)
}

/// An entry as an article.
pub fn entry_to_article(feed_url: &str, source: &str, e: &Entry) -> NewArticle {
    NewArticle {
        id: entry_id(feed_url, e),
        source: source.to_owned(),
        url: e.url.clone(),
        title: e.title.clone(),
        body: e.body.clone(),
        lang: e.lang.clone(),
        published: e.published,
        origin: Some(feed_url.to_owned()),
    }
}

/// The name shown for a feed: its title in the urls file, else the feed's
/// own title, else its host.
pub fn source_name(sub: &Subscription, feed_title: Option<&str>) -> String {
    sub.title
        .clone()
        .or_else(|| feed_title.map(str::to_owned).filter(|t| !t.trim().is_empty()))
        .unwrap_or_else(|| host_of(&sub.url).to_owned())
}

fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#']).next().unwrap_or(rest)
}

/// Fetch all `subs` and store what they bring. `on_feed(done, total)` is
/// called as each feed finishes.
pub fn refresh(
    store: &mut Store,
    subs: &[Subscription],
    opts: &FetchOptions,
    now: i64,
    on_feed: &(dyn Fn(usize, usize) + Sync),
) -> crate::store::Result<RefreshReport> {
    let states = store.feed_states()?;
    let state_of = |url: &str| states.iter().find(|s| s.url == url).cloned();
    let jobs: Vec<(String, Validators)> = subs
        .iter()
        .map(|s| {
            let st = state_of(&s.url).unwrap_or_default();
            (s.url.clone(), Validators { etag: st.etag, last_modified: st.last_modified })
        })
        .collect();
    let total = jobs.len();
    let mut report = RefreshReport { feeds: subs.len(), ..Default::default() };
    // Each feed is stored as soon as it arrives (the fetches run on a scoped
    // thread; this thread owns the store connection), so a kill mid-refresh
    // keeps every feed already done. Per feed, the articles are written
    // before the state that holds its ETag: a kill between the two means a
    // full refetch next time, never a 304 over entries that were not stored.
    std::thread::scope(|scope| -> crate::store::Result<()> {
        // Bounded: when storing falls behind, the fetch threads wait, so a
        // refresh holds a few feeds in memory, not all of them.
        let (tx, rx) = crossbeam_channel::bounded(2);
        let jobs = &jobs;
        scope.spawn(move || {
            feeds::fetch_each(jobs, opts, &|i, outcome| {
                // Fails only when storing stopped on an error, which is
                // what the refresh reports; the rest is not wanted.
                let _ = tx.send((i, outcome));
            })
        });
        for (done, (i, outcome)) in rx.iter().enumerate() {
            store_outcome(store, &subs[i], outcome, now, state_of(&subs[i].url), &mut report)?;
            if let Some(max) = opts.retention.max_for(&subs[i].url) {
                report.trimmed += store.trim_origin(&subs[i].url, max)?.deleted;
            }
            on_feed(done + 1, total);
        }
        Ok(())
    })?;
    Ok(report)
}

fn store_outcome(
    store: &mut Store,
    sub: &Subscription,
    outcome: FetchOutcome,
    now: i64,
    state: Option<FeedState>,
    report: &mut RefreshReport,
) -> crate::store::Result<()> {
    let mut st = state.unwrap_or_else(|| FeedState { url: sub.url.clone(), ..Default::default() });
    st.last_fetch = Some(now);
    match outcome {
        FetchOutcome::NotModified => {
            st.last_error = None;
            report.not_modified += 1;
        }
        FetchOutcome::Fetched(parsed, validators) => {
            report.warnings.extend(parsed.warnings.iter().map(|w| (sub.url.clone(), w.clone())));
            let source = source_name(sub, parsed.title.as_deref());
            let articles: Vec<NewArticle> =
                parsed.entries.iter().map(|e| entry_to_article(&sub.url, &source, e)).collect();
            let out = store.upsert_batch(&articles, now)?;
            report.inserted += out.inserted;
            report.updated += out.updated;
            st.title = parsed.title.clone();
            st.etag = validators.etag;
            st.last_modified = validators.last_modified;
            st.last_error = None;
            let origin = crate::store::View { origin: Some(sub.url.clone()), ..Default::default() };
            st.item_count = store.count_view(&origin)? as i64;
        }
        FetchOutcome::Failed(e) => {
            let msg = e.to_string();
            report.errors.push((sub.url.clone(), msg.clone()));
            st.last_error = Some(msg);
        }
    }
    store.save_feed_state(&st)
}

/// Why a refresh could not run at all (a feed that fails is not this: it
/// is recorded in the report and the others go on).
#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error("no feeds: add one with `hewal feed add URL` ({})", .0.display())]
    NoFeeds(PathBuf),
    #[error("cannot read the feed list {}: {source}", path.display())]
    Subscriptions { path: PathBuf, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot start the fetch thread: {0}")]
    Thread(std::io::Error),
    #[error("internal error while fetching (please report it): {0}")]
    Panicked(String),
}

/// Refresh all feeds on a thread of its own, reporting progress and then
/// the outcome through `tx`. The store connection is its own; the caller
/// asks the search worker to sync afterwards.
pub fn spawn_refresh(db_path: PathBuf, urls_path: PathBuf, opts: FetchOptions, tx: super::NotificationTx) {
    use super::Notification;
    let progress_tx = tx.clone();
    let run = move || -> Result<RefreshReport, RefreshError> {
        let (subs, _problems) = crate::feeds::load_subscriptions(&urls_path)
            .map_err(|source| RefreshError::Subscriptions { path: urls_path.clone(), source })?;
        if subs.is_empty() {
            return Err(RefreshError::NoFeeds(urls_path));
        }
        let mut store = Store::open(&db_path)?;
        let now = time::OffsetDateTime::now_utc().unix_timestamp();
        Ok(refresh(&mut store, &subs, &opts, now, &move |done, total| {
            // The UI may have quit while feeds were still arriving.
            let _ = progress_tx.send(Notification::FetchProgress { done, total });
        })?)
    };
    let done_tx = tx.clone();
    let spawned = std::thread::Builder::new().name("hewal-fetch".into()).spawn(move || {
        // A panic (a bug, or a parser meeting input it cannot take) ends
        // this refresh with an error the UI shows, never a dead thread.
        let outcome = crate::panics::catch_quietly(run).unwrap_or_else(|panic| Err(RefreshError::Panicked(panic)));
        // As above: nobody may be listening any more.
        let _ = done_tx.send(Notification::FetchDone(outcome));
    });
    if let Err(e) = spawned {
        // The caller holds the receiver; if it is gone, so is the UI.
        let _ = tx.send(Notification::FetchDone(Err(RefreshError::Thread(e))));
    }
}
