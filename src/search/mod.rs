//! Search: a tantivy index derived from the store.
//!
//! The index is never the source of truth. It records in its commit payload
//! the store's change sequence it has caught up to, plus the analyzer and
//! schema versions it was built with. Opening it therefore has three outcomes:
//! - it is current: use it;
//! - it is behind (a crash, a kill, an import by another process): index the
//!   changed rows ([`SearchIndex::sync`]); re-indexing a row deletes its old
//!   document by key first, so doing it twice is harmless;
//! - it is missing, damaged, or built by another analyzer/schema version:
//!   wipe it and rebuild from the store.
//!
//! The payload also names the database the index was built from (its
//! [`identity`](crate::store::Store::identity)). An index built from another
//! database, or ahead of this one (a database restored from a backup: its
//! rows would be found under keys that now name other articles), is
//! rebuilt by [`SearchIndex::sync`] in one commit: until it commits,
//! searches see the old documents, never a half-built index.
//!
//! Creating or wiping the index directory happens under a file lock beside
//! it (`index.lock`), so two processes never wipe each other's work.

pub mod analyzer;
mod check;
pub mod directory;
mod document;
pub mod error;
mod plan;
pub mod query;
pub mod schema;

pub use error::{Result, SearchError};
pub use query::{Hit, Matcher, PreparedQuery, SearchResults};

use crate::store::{Committed, IndexRow, Store};
use directory::ReadDirectory;
use document::{InFlight, RowDoc};
use schema::Fields;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, Term};

/// Memory budget of the index writer (tantivy splits it across threads).
const WRITER_BUDGET: usize = 64 << 20;
/// Rows read from the store per step while catching up.
const SYNC_STEP: usize = 1000;
/// Rows indexed between commits while catching up: a kill loses at most this.
const SYNC_COMMIT_EVERY: usize = 20_000;

/// What the index remembers about itself, in its commit payload.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
struct Payload {
    /// Store change sequence covered by this commit.
    seq: i64,
    analyzer: u32,
    schema: u32,
    /// The identity of the database it was built from (0 in indexes from
    /// before identities: they are rebuilt once).
    #[serde(default)]
    store: i64,
    /// The last row indexed: its change sequence, key and id. A database
    /// restored from a backup and written again can reach the same
    /// sequence with other rows; then the row at this sequence differs.
    #[serde(default)]
    mark: Option<Mark>,
}

/// One indexed row, as the store numbered it: (change sequence, key, id).
type Mark = (i64, crate::store::ArticleKey, String);

impl Payload {
    fn current(seq: i64, store: i64, mark: Option<Mark>) -> Payload {
        Payload { seq, analyzer: analyzer::ANALYZER_VERSION, schema: schema::SCHEMA_VERSION, store, mark }
    }

    fn is_current_version(&self) -> bool {
        self.analyzer == analyzer::ANALYZER_VERSION && self.schema == schema::SCHEMA_VERSION
    }
}

/// How an index came to be open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenState {
    /// Opened as it was.
    Existing,
    /// There was none: created empty.
    Created,
    /// The old one was damaged or outdated (reason given): rebuilt empty.
    Rebuilt(String),
}

/// The search index.
pub struct SearchIndex {
    index: Index,
    reader: IndexReader,
    fields: Fields,
    /// Per segment, when its blocks of documents were published (for the
    /// first screens' tie-break by recency).
    recency: Arc<query::RecencyCache>,
    path: Option<PathBuf>,
    /// The directory's reads, for their cache (`None` in memory).
    reads: Option<ReadDirectory>,
}

impl SearchIndex {
    /// Open the index in `dir`, creating or rebuilding it as needed. It may
    /// still be behind the store: call [`sync`](Self::sync).
    pub fn open(dir: &Path) -> Result<(SearchIndex, OpenState)> {
        // Damaged files can make tantivy panic as it opens them: that is
        // one more way of being damaged.
        let probe = || {
            crate::panics::catch_quietly(|| Self::open_if_current(dir))
                .unwrap_or_else(|panic| Err(SearchError::Unreadable(panic)))
        };
        if let Ok(Some(idx)) = probe() {
            return Ok((idx, OpenState::Existing));
        }
        // Missing, damaged or outdated: decide again under the lock, as
        // another process may be creating or rebuilding it right now.
        let _lock = lock_beside(dir)?;
        let why = match probe() {
            Ok(Some(idx)) => return Ok((idx, OpenState::Existing)),
            Ok(None) if !dir.join("meta.json").exists() => None,
            Ok(None) => Some(
                crate::panics::catch_quietly(|| Self::open_existing(dir).map(|idx| idx.outdated_reason()))
                    .ok()
                    .and_then(Result::ok)
                    .unwrap_or_default(),
            ),
            Err(e) => Some(format!("damaged: {e}")),
        };
        let idx = Self::create_fresh(dir)?;
        Ok((idx, why.map_or(OpenState::Created, OpenState::Rebuilt)))
    }

    /// Wipe the index in `dir` and make a new, empty one (the old could not
    /// be read); [`sync`](Self::sync) fills it.
    pub fn recreate(dir: &Path) -> Result<SearchIndex> {
        let _lock = lock_beside(dir)?;
        Self::create_fresh(dir)
    }

    /// The index in `dir` if there is one this hewal can use as it is:
    /// `Ok(None)` if there is none or it was built by another version.
    /// An index that was created but never committed is empty, and usable.
    fn open_if_current(dir: &Path) -> Result<Option<SearchIndex>> {
        if !dir.join("meta.json").exists() {
            return Ok(None);
        }
        let idx = Self::open_existing(dir)?;
        let current = match idx.index.load_metas()?.payload {
            None => true,
            Some(p) => serde_json::from_str::<Payload>(&p).is_ok_and(|p| p.is_current_version()),
        };
        Ok(current.then_some(idx))
    }

    /// Why an index that opens is not used as it is.
    fn outdated_reason(&self) -> String {
        let p = self.payload().unwrap_or_default();
        format!(
            "built by another version (analyzer {}, schema {}; this hewal uses {} and {})",
            p.analyzer,
            p.schema,
            analyzer::ANALYZER_VERSION,
            schema::SCHEMA_VERSION
        )
    }

    fn open_existing(dir: &Path) -> Result<SearchIndex> {
        let directory = ReadDirectory::open(dir).map_err(tantivy::TantivyError::from)?;
        let index = Index::open(directory.clone())?;
        Self::from_index(index, Some((dir.to_owned(), directory)))
    }

    fn create_fresh(dir: &Path) -> Result<SearchIndex> {
        let create = |error| SearchError::writing(dir, SearchError::Create { path: dir.to_owned(), error });
        empty(dir).map_err(|e| create(e.into()))?;
        std::fs::create_dir_all(dir).map_err(|e| create(e.into()))?;
        let directory = ReadDirectory::open(dir).map_err(|e| create(tantivy::TantivyError::from(e)))?;
        let index = Index::create(directory.clone(), schema::build(), Default::default()).map_err(create)?;
        Self::from_index(index, Some((dir.to_owned(), directory)))
    }

    /// An index in memory, gone when dropped: public because the integration
    /// tests and the search-eval example build throwaway indexes with it.
    pub fn in_memory() -> Result<SearchIndex> {
        Self::from_index(Index::create_in_ram(schema::build()), None)
    }

    fn from_index(index: Index, on_disk: Option<(PathBuf, ReadDirectory)>) -> Result<SearchIndex> {
        let (path, reads) = on_disk.unzip();
        // The schema records only analyzer names; an index opened from disk
        // starts with tantivy's default tokenizers, so register on every path.
        analyzer::register_analyzers(index.tokenizers());
        let fields = Fields::from_schema(&index.schema())?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let idx = SearchIndex { index, reader, fields, recency: Default::default(), path, reads };
        idx.recency.warm(&idx.reader.searcher())?;
        Ok(idx)
    }

    /// For a process that writes articles and searches none (`hewal
    /// import`, `hewal fetch`, `hewal purge`): the index's reads, its
    /// merges', are not kept in the read cache, which would only hold them
    /// until they are pushed out.
    pub fn without_read_cache(&self) {
        if let Some(reads) = &self.reads {
            reads.set_cache_budget(0);
        }
    }

    /// The payload of the last commit; `None` for an index never committed
    /// (it has caught up to nothing). One that cannot be read reads as
    /// version 0, so that `open` rebuilds the index rather than trust it.
    fn payload(&self) -> Option<Payload> {
        // Metas that cannot be read now were read when the index opened:
        // the next open finds out what happened to them.
        let metas = self.index.load_metas().ok()?;
        Some(metas.payload.and_then(|p| serde_json::from_str(&p).ok()).unwrap_or_default())
    }

    /// The store change sequence this index has caught up to.
    pub fn synced_seq(&self) -> i64 {
        self.payload().map_or(0, |p| p.seq)
    }

    /// Whether this index was built from another database than `store`, or
    /// from a later state of it (the database was restored from a backup):
    /// then none of its documents can be trusted. An index never committed
    /// is empty, and belongs to any store.
    fn is_foreign_to(&self, store: &Store) -> Result<bool> {
        let Some(p) = self.payload() else { return Ok(false) };
        if p.store != store.identity()? || p.seq > store.change_seq()? {
            return Ok(true);
        }
        // The row last indexed, if the store still has it at that sequence
        // (a later change moves a row on; then nothing can be told).
        Ok(match &p.mark {
            Some((seq, key, id)) => store.row_at_seq(*seq)?.is_some_and(|(k, i)| k != *key || i != *id),
            None => false,
        })
    }

    /// Number of indexed documents (as of the last reload).
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn writer(&self) -> Result<IndexWriter<RowDoc>> {
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, 2);
        // The writer works on a handle with the indexing analyzers (one
        // analysis per text for all its fields); readers keep the plain ones.
        let mut index = self.index.clone();
        index.set_tokenizers(analyzer::indexing_analyzers());
        index.writer_with_num_threads(threads, WRITER_BUDGET).map_err(|e| match e {
            // An index in memory has no path to name.
            tantivy::TantivyError::LockFailure(..) => {
                SearchError::Locked { path: self.path.clone().unwrap_or_default() }
            }
            e => e.into(),
        })
    }

    /// An open writer, at the sequence the index has reached (or at 0 for a
    /// rebuild `from_scratch`).
    fn pending(&self, store: &Store, from_scratch: bool) -> Result<Pending> {
        let writer = self.writer()?;
        // Files a run that stopped left behind (a merge that was still
        // writing when the disk filled) go now, not at the first commit.
        let _ = writer.garbage_collect_files().wait();
        // The writer's lock keeps other processes from committing now: the
        // last commit, read here, is what it starts from.
        self.reload()?;
        let top_key = self.top_key()?;
        let (seq, mark) = match from_scratch {
            true => (0, None),
            false => (self.synced_seq(), self.payload().and_then(|p| p.mark)),
        };
        Ok(Pending::new(writer, seq, store.identity()?, mark, top_key))
    }

    /// The highest key any document of the index has (0 if none), deleted
    /// ones included.
    fn top_key(&self) -> Result<i64> {
        let mut top = 0;
        for seg in self.reader.searcher().segment_readers() {
            top = top.max(seg.fast_fields().i64("key")?.max_value());
        }
        Ok(top)
    }

    /// Index every store row changed since the last sync. `progress(done,
    /// total)` is called after each step. Returns the number of rows indexed.
    pub fn sync(&mut self, store: &Store, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        self.writing(|idx| idx.sync_steps(store, progress))
    }

    fn sync_steps(&mut self, store: &Store, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        if self.is_foreign_to(store)? {
            return self.rebuild_steps(store, progress);
        }
        if store.change_seq()? <= self.synced_seq() {
            // Another process's commit brought the index up to date: the
            // searcher must see it too (the reader reloads on its own only
            // after a delay).
            self.reload()?;
            return Ok(0);
        }
        let total = store.count_changed_since(self.synced_seq())?;
        let mut w = self.pending(store, false)?;
        self.catch_up(&mut w, store, i64::MAX, &mut |done| progress(done, total))?;
        self.finish(w)
    }

    /// Index the whole store again, replacing every document in one commit:
    /// searches see the old index until the new one is complete, and a kill
    /// or an error leaves the old one as it was.
    pub fn rebuild(&mut self, store: &Store, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        self.writing(|idx| idx.rebuild_steps(store, progress))
    }

    fn rebuild_steps(&mut self, store: &Store, progress: &mut dyn FnMut(u64, u64)) -> Result<u64> {
        let total = store.count_changed_since(0)?;
        let mut w = self.pending(store, true)?;
        w.writer.delete_all_documents()?;
        w.whole = true;
        self.catch_up(&mut w, store, i64::MAX, &mut |done| progress(done, total))?;
        self.finish(w)
    }

    /// Index import batches as they are committed to the store (see
    /// `jobs::import`), then whatever else the store has that the index
    /// lacks. Rows that come before a batch but are not indexed (written by
    /// another process in between, or an index that was behind to begin
    /// with) are read from `store` first, so the sequence the index commits
    /// always covers every row up to it. `progress(indexed)` is called after
    /// each batch. Returns the number of rows indexed.
    pub fn index_batches(
        &mut self,
        store: &Store,
        batches: impl IntoIterator<Item = Committed>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64> {
        self.writing(|idx| idx.batch_steps(store, batches, progress))
    }

    fn batch_steps(
        &mut self,
        store: &Store,
        batches: impl IntoIterator<Item = Committed>,
        progress: &mut dyn FnMut(u64),
    ) -> Result<u64> {
        if self.is_foreign_to(store)? {
            self.rebuild_steps(store, &mut |_, _| {})?;
        }
        let mut w = self.pending(store, false)?;
        for batch in batches {
            if batch.base_seq > w.seq {
                self.catch_up(&mut w, store, batch.base_seq, &mut |_| {})?;
            }
            self.add_rows(&mut w, &batch.rows)?;
            progress(w.done);
        }
        self.catch_up(&mut w, store, i64::MAX, progress)?;
        self.finish(w)
    }

    /// Follow the store's changes after `w.seq` up to sequence `upto`:
    /// index changed rows, remove deleted articles.
    fn catch_up(&self, w: &mut Pending, store: &Store, upto: i64, progress: &mut dyn FnMut(u64)) -> Result<()> {
        while w.seq < upto {
            let from = w.seq;
            let mut changes = store.changes_since(from, SYNC_STEP)?;
            let full = changes.rows.len() == SYNC_STEP;
            changes.rows.retain(|r| r.change_seq <= upto);
            // A key is deleted once and never comes back (see
            // `store::retention`), so removing before adding is safe.
            for key in &changes.deleted {
                w.writer.delete_term(Term::from_field_i64(self.fields.key, *key));
            }
            self.add_rows(w, &changes.rows)?;
            // Everything up to here is in hand now, deletions included.
            let reached = changes.upto.min(upto);
            w.seq = w.seq.max(reached);
            progress(w.done);
            if !full || w.seq <= from {
                break;
            }
        }
        Ok(())
    }

    /// Index `rows` (in change-sequence order; those at or below `w.seq` are
    /// already indexed and skipped), committing every [`SYNC_COMMIT_EVERY`].
    fn add_rows(&self, w: &mut Pending, rows: &[IndexRow]) -> Result<()> {
        let from = w.seq;
        for row in rows.iter().filter(|r| r.change_seq > from) {
            // A key above every key indexed has no document to replace. An
            // import's are all new (store keys are never reused), and each
            // delete is held in the writer's queue until every segment has
            // seen it: at 100k rows, 21 MB.
            if row.key > w.top_key {
                w.top_key = row.key;
            } else {
                w.writer.delete_term(Term::from_field_i64(self.fields.key, row.key));
            }
            if let Err(e) = w.writer.add_document(RowDoc::new(self.fields, row, &w.in_flight)) {
                return Err(stopped(&mut w.writer, e).into());
            }
            w.seq = row.change_seq;
            w.mark = Some((row.change_seq, row.key, row.id.clone()));
            w.done += 1;
            w.since_commit += 1;
        }
        if w.since_commit >= SYNC_COMMIT_EVERY && !w.whole {
            commit_with(&mut w.writer, w.seq, w.store, w.mark.clone())?;
            w.since_commit = 0;
        }
        Ok(())
    }

    fn finish(&mut self, mut w: Pending) -> Result<u64> {
        commit_with(&mut w.writer, w.seq, w.store, w.mark.clone())?;
        w.writer.wait_merging_threads()?;
        self.reload()?;
        Ok(w.done)
    }

    /// Run a search-box query; see [`query`] for its semantics.
    pub fn search(&self, input: &str, limit: usize) -> Result<SearchResults> {
        match self.prepare_query(input)? {
            // Never told to stop, so `all` always answers.
            Some(query) => Ok(query.all(limit, &|| false)?.unwrap_or_default()),
            None => Ok(SearchResults { complete: true, ..Default::default() }),
        }
    }

    /// Build a search-box query to run in steps (the first screens, then
    /// the rest and the count). `None` when nothing in it is searchable.
    pub fn prepare_query(&self, input: &str) -> Result<Option<PreparedQuery>> {
        PreparedQuery::new(self.reader.searcher(), self.recency.clone(), &self.fields, input)
    }

    /// A check of every file of the index against its checksum, to run on
    /// another thread (it reads the whole index): the files that do not
    /// match, by name. Damage that tantivy would not notice otherwise
    /// (garbled postings give wrong answers, not errors) is found this way.
    pub fn checksum_check(&self) -> impl FnOnce() -> Result<Vec<String>> + Send + 'static {
        let (index, dir) = (self.index.clone(), self.path.clone());
        move || match dir {
            Some(dir) => check::damaged_files(&index, &dir),
            None => Ok(Vec::new()), // in memory: nothing on disk to damage
        }
    }

    /// Pick up commits made by another process.
    pub fn reload(&self) -> Result<()> {
        self.reader.reload()?;
        self.recency.warm(&self.reader.searcher())
    }

    /// Run the writing `steps`, naming a failure of the disk under the
    /// index for what it is (see [`SearchError::Write`]).
    fn writing<T>(&mut self, steps: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        let path = self.path.clone();
        steps(self).map_err(|e| match &path {
            Some(path) => SearchError::writing(path, e),
            None => e,
        })
    }
}

/// An open writer and how far it has got.
struct Pending {
    writer: IndexWriter<RowDoc>,
    /// The store change sequence covered once the writer commits.
    seq: i64,
    /// Rows indexed.
    done: u64,
    since_commit: usize,
    /// The identity of the store the rows come from.
    store: i64,
    /// A rebuild of the whole index: committed once, at the end.
    whole: bool,
    /// The last row indexed (kept from the last commit until another is).
    mark: Option<Mark>,
    /// The text queued in the writer, not yet indexed.
    in_flight: Arc<InFlight>,
    /// No document of the index, committed or added since, has a key above
    /// this.
    top_key: i64,
}

impl Pending {
    fn new(writer: IndexWriter<RowDoc>, seq: i64, store: i64, mark: Option<Mark>, top_key: i64) -> Pending {
        let in_flight = Default::default();
        Pending { writer, seq, done: 0, since_commit: 0, store, whole: false, mark, in_flight, top_key }
    }
}

/// Remove what `dir` holds, keeping the directory itself: it may be a
/// symlink or a mount point, made to keep the index on another disk.
fn empty(dir: &Path) -> std::io::Result<()> {
    if !dir.is_dir() {
        return match std::fs::remove_file(dir) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            done => done,
        };
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        match entry.file_type()?.is_dir() {
            true => std::fs::remove_dir_all(entry.path())?,
            false => std::fs::remove_file(entry.path())?,
        }
    }
    Ok(())
}

/// Hold the file lock beside `dir` (`index.lock` for `index/`) while the
/// directory is created or wiped. Waits for another process holding it.
fn lock_beside(dir: &Path) -> Result<std::fs::File> {
    let path = dir.with_extension("lock");
    let failed =
        |e: std::io::Error| SearchError::writing(dir, SearchError::Create { path: dir.to_owned(), error: e.into() });
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    let file = std::fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(failed)?;
    file.lock().map_err(failed)?;
    Ok(file)
}

/// What stopped `writer`, which is rolled back to the last commit, and the
/// files of the segments it was writing removed: on a full disk they are
/// what keeps it full (the last commit's are kept). When a worker thread
/// failed, tantivy says only that one did; joining the workers, as a commit
/// does, gives the worker's own error. That join stops at the failed
/// worker, and tantivy lets another run on: a segment it finishes after
/// this is collected by the next writer (see `SearchIndex::pending`).
fn stopped<D: tantivy::Document>(writer: &mut IndexWriter<D>, e: tantivy::TantivyError) -> tantivy::TantivyError {
    let cause = match e {
        tantivy::TantivyError::ErrorInThread(_) => writer.prepare_commit().err().unwrap_or(e),
        e => e,
    };
    if writer.rollback().is_ok() {
        let _ = writer.garbage_collect_files().wait();
    }
    cause
}

fn commit_with(writer: &mut IndexWriter<RowDoc>, seq: i64, store: i64, mark: Option<Mark>) -> Result<()> {
    let payload = serde_json::to_string(&Payload::current(seq, store, mark)).expect("payload serialises");
    let committed = writer.prepare_commit().and_then(|mut prepared| {
        prepared.set_payload(&payload);
        prepared.commit()
    });
    committed.map(drop).map_err(|e| stopped(writer, e).into())
}

#[cfg(test)]
mod full_disk_tests;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewArticle;

    fn art(id: &str, title: &str, body: &str) -> NewArticle {
        NewArticle { id: id.into(), title: title.into(), body: body.into(), ..Default::default() }
    }

    fn keys(idx: &SearchIndex, q: &str) -> Vec<i64> {
        idx.search(q, 10).unwrap().hits.iter().map(|h| h.key).collect()
    }

    #[test]
    fn sync_catches_up_and_is_idempotent() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[art("a", "Erbil news", "rain in Erbil")], 1).unwrap();
        let (mut idx, state) = SearchIndex::open(&dir.path().join("index")).unwrap();
        assert_eq!(state, OpenState::Created);
        assert_eq!(idx.sync(&store, &mut |_, _| {}).unwrap(), 1);
        assert_eq!(idx.sync(&store, &mut |_, _| {}).unwrap(), 0);
        store.insert_batch(&[art("b", "Duhok news", "sun in Duhok and Erbil")], 2).unwrap();
        drop(idx);
        // Reopened (as after a restart): it knows where it stopped.
        let (mut idx, state) = SearchIndex::open(&dir.path().join("index")).unwrap();
        assert_eq!(state, OpenState::Existing);
        assert_eq!(idx.synced_seq(), 1);
        assert_eq!(idx.sync(&store, &mut |_, _| {}).unwrap(), 1);
        assert_eq!(keys(&idx, "erbil").len(), 2);
        assert_eq!(idx.num_docs(), 2);
    }

    #[test]
    fn reindexing_a_row_twice_leaves_one_document() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[art("a", "Erbil", "x")], 1).unwrap();
        let (mut idx, _) = SearchIndex::open(&dir.path().join("index")).unwrap();
        idx.sync(&store, &mut |_, _| {}).unwrap();
        // Forget the sync (as a kill between the index commit and anything
        // else could): the row is indexed again, not duplicated.
        let mut w = idx.writer().unwrap();
        commit_with(&mut w, 0, store.identity().unwrap(), None).unwrap();
        drop(w);
        idx.reader.reload().unwrap();
        assert_eq!(idx.sync(&store, &mut |_, _| {}).unwrap(), 1);
        assert_eq!(idx.num_docs(), 1);
        assert_eq!(keys(&idx, "erbil").len(), 1);
    }

    #[test]
    fn a_new_row_changed_before_it_is_indexed_leaves_one_document() {
        let mut store = Store::open_in_memory().unwrap();
        let mut idx = SearchIndex::in_memory().unwrap();
        store.insert_batch(&[art("a", "Erbil", "x")], 1).unwrap();
        idx.sync(&store, &mut |_, _| {}).unwrap();
        // Added without a delete (its key is above every key indexed), then
        // changed in the store before the same writer catches up with it.
        let (_, batch) = store.insert_batch_rows(vec![art("b", "Duhok", "y")], 2).unwrap();
        store.upsert_batch(&[art("b", "Duhok Erbil", "y")], 3).unwrap();
        assert_eq!(idx.index_batches(&store, [batch], &mut |_| {}).unwrap(), 2);
        assert_eq!(idx.num_docs(), 2);
        assert_eq!(keys(&idx, "duhok"), [2]);
        assert_eq!(keys(&idx, "erbil").len(), 2);
    }

    #[test]
    fn an_index_from_another_analyzer_version_is_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let (idx, _) = SearchIndex::open(&dir.path().join("index")).unwrap();
        let mut w = idx.writer().unwrap();
        let old = Payload {
            seq: 5,
            analyzer: analyzer::ANALYZER_VERSION + 1,
            schema: schema::SCHEMA_VERSION,
            store: 1,
            mark: None,
        };
        let mut prepared = w.prepare_commit().unwrap();
        prepared.set_payload(&serde_json::to_string(&old).unwrap());
        prepared.commit().unwrap();
        drop((w, idx));
        let (idx, state) = SearchIndex::open(&dir.path().join("index")).unwrap();
        assert!(matches!(state, OpenState::Rebuilt(ref why) if why.contains("another version")), "{state:?}");
        assert_eq!(idx.synced_seq(), 0);
    }

    #[test]
    fn ties_break_by_recency() {
        let mut store = Store::open_in_memory().unwrap();
        let mut a = art("old", "Erbil", "same words here");
        a.published = Some(100);
        let mut b = art("new", "Erbil", "here same words");
        b.published = Some(200);
        store.insert_batch(&[a, b], 1).unwrap();
        let mut idx = SearchIndex::in_memory().unwrap();
        idx.sync(&store, &mut |_, _| {}).unwrap();
        let hits = idx.search("erbil", 10).unwrap().hits;
        assert_eq!(hits.len(), 2);
        assert_eq!(hits[0].score, hits[1].score);
        assert_eq!(hits[0].key, 2, "the newer article first");
    }

    #[test]
    fn the_first_screens_head_the_whole_answer_and_listed_completions_match_the_automaton() {
        use tantivy::collector::TopDocs;
        let mut store = Store::open_in_memory().unwrap();
        // Many equal scores, publication times out of insertion order.
        let arts: Vec<_> = (0..300)
            .map(|i| {
                let title = if i % 3 == 0 { "Erbil news" } else { "Duhok" };
                let body = format!("erbilite {} words {} n{i}", ["rain", "sun", "snow"][i % 3], "erbil ".repeat(i % 4));
                let mut a = art(&format!("a{i}"), title, &body);
                a.published = Some((i * 7919 % 300) as i64);
                a
            })
            .collect();
        // Three segments (a sync commits once), so thresholds carry across
        // segments, and a re-indexed row leaves a deleted document behind.
        let mut idx = SearchIndex::in_memory().unwrap();
        for (i, part) in arts.chunks(100).enumerate() {
            store.insert_batch(part, i as i64 + 1).unwrap();
            idx.sync(&store, &mut |_, _| {}).unwrap();
        }
        let mut changed = arts[0].clone();
        changed.body.push_str(" erbil erbil");
        store.upsert_batch(&[changed], 9).unwrap();
        idx.sync(&store, &mut |_, _| {}).unwrap();
        let searcher = idx.reader.searcher();
        assert!(searcher.segment_readers().len() >= 3, "{}", searcher.segment_readers().len());
        assert_eq!(searcher.num_docs(), 300);
        for q in [
            "erbil",
            "erbil ",
            "erb",
            "er",
            "rain erb",
            "erbil -snow",
            "words ",
            "zz",
            "duhok words er",
            "the erbil news ",
            "\"erbilite rain\" wor",
            "rain-erb",
        ] {
            let all = idx.search(q, 1000).unwrap();
            assert!(all.complete);
            // A small limit (the buffer of the best is cut many times) keeps
            // the head of the same order, and the same count.
            let few = idx.search(q, 7).unwrap();
            assert_eq!(few.hits, all.hits[..few.hits.len()], "{q}");
            assert_eq!((few.hits.len(), few.total), (all.hits.len().min(7), all.total), "{q}");
            let p = idx.prepare_query(q).unwrap().unwrap();
            for (k, two) in [(1, false), (20, false), (500, false), (1, true), (20, true), (500, true)] {
                let first = p.first_with(k, two).unwrap();
                // Same documents in the same order; block-max WAND sums the
                // term scores in another order, so the last bit may differ.
                let keys = |h: &[Hit]| h.iter().map(|h| h.key).collect::<Vec<_>>();
                assert_eq!(keys(&first.hits), keys(&all.hits[..first.hits.len()]), "{q} / {k} / {two}");
                for (a, b) in first.hits.iter().zip(&all.hits) {
                    assert!((a.score - b.score).abs() <= 1e-5 * b.score.abs(), "{q} / {k}: {a:?} {b:?}");
                }
                assert_eq!(first.complete, all.total < k, "{q} / {k}");
            }
            let docs = |listed: bool| {
                let (plan, _) = match listed {
                    true => query::build_plan(&idx.fields, Some(&searcher), q),
                    false => query::build_plan_unlisted(&idx.fields, &searcher, q),
                }
                .unwrap();
                let query = plan.query().unwrap();
                let mut d = searcher_docs(&idx, &*query);
                d.sort_by_key(|&(addr, _)| addr);
                d
            };
            assert_eq!(docs(false), docs(true), "{q}");
        }

        fn searcher_docs(idx: &SearchIndex, query: &dyn tantivy::query::Query) -> Vec<(tantivy::DocAddress, u32)> {
            let top = TopDocs::with_limit(1000).order_by_score();
            let found = idx.reader.searcher().search(query, &top).unwrap();
            found.into_iter().map(|(score, addr)| (addr, score.to_bits())).collect()
        }
    }

    #[test]
    fn indexed_beginnings_match_exactly_the_documents_with_a_term_so_begun() {
        use std::collections::BTreeSet;
        use tantivy::collector::DocSetCollector;
        use tantivy::query::{FuzzyTermQuery, TermQuery};
        use tantivy::schema::IndexRecordOption;
        let mut store = Store::open_in_memory().unwrap();
        crate::store::sample::import_samples(&mut store).unwrap();
        let mixed: Vec<NewArticle> = include_str!("../../tests/data/bidi_mixed.jsonl")
            .lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let v: serde_json::Value = serde_json::from_str(l).ok()?;
                let text = |k: &str| v[k].as_str().unwrap_or("").to_owned();
                Some(art(&format!("m{i}"), &text("title"), &text("body")))
            })
            .collect();
        store.insert_batch(&mixed, 2).unwrap();
        let mut idx = SearchIndex::in_memory().unwrap();
        idx.sync(&store, &mut |_, _| {}).unwrap();
        let searcher = idx.reader.searcher();
        let f = idx.fields;
        let docs = |q: &dyn tantivy::query::Query| searcher.search(q, &DocSetCollector).unwrap();
        let mut checked = 0;
        for (exact, prefix) in [(f.title_exact, f.title_prefix), (f.body_exact, f.body_prefix)] {
            // Every beginning of every term, at the indexed lengths.
            let mut beginnings = BTreeSet::new();
            for seg in searcher.segment_readers() {
                let inverted = seg.inverted_index(exact).unwrap();
                let mut terms = inverted.terms().stream().unwrap();
                while terms.advance() {
                    let t = std::str::from_utf8(terms.key()).unwrap();
                    for n in analyzer::INDEXED_PREFIX_CHARS {
                        if let Some((i, _)) = t.char_indices().nth(n) {
                            beginnings.insert(t[..i].to_owned());
                        } else if t.chars().count() == n {
                            beginnings.insert(t.to_owned());
                        }
                    }
                }
            }
            assert!(beginnings.len() > 500, "{}", beginnings.len());
            for b in &beginnings {
                let automaton = FuzzyTermQuery::new_prefix(Term::from_field_text(exact, b), 0, false);
                let indexed = TermQuery::new(Term::from_field_text(prefix, b), IndexRecordOption::Basic);
                let want = docs(&automaton);
                assert!(!want.is_empty(), "{b}");
                assert_eq!(docs(&indexed), want, "{b}");
                checked += 1;
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn latin_key_beginnings_find_the_words_whose_key_begins_so() {
        use std::collections::{BTreeMap, BTreeSet};
        use tantivy::collector::{DocSetCollector, TopDocs};
        use tantivy::query::TermQuery;
        use tantivy::schema::IndexRecordOption;
        let mut store = Store::open_in_memory().unwrap();
        crate::store::sample::import_samples(&mut store).unwrap();
        let mut idx = SearchIndex::in_memory().unwrap();
        idx.sync(&store, &mut |_, _| {}).unwrap();
        let searcher = idx.reader.searcher();
        let f = idx.fields;
        let docs = |q: &dyn tantivy::query::Query| -> BTreeSet<_> {
            searcher.search(q, &DocSetCollector).unwrap().into_iter().collect()
        };
        // Every word of title and body, under each beginning of its key of
        // the lengths a query looks up (worked out by the analyzer's own
        // function, not by the automaton).
        let mut by_key: BTreeMap<String, Vec<Term>> = BTreeMap::new();
        for field in [f.title_exact, f.body_exact] {
            for seg in searcher.segment_readers() {
                let inverted = seg.inverted_index(field).unwrap();
                let mut terms = inverted.terms().stream().unwrap();
                while terms.advance() {
                    let w = std::str::from_utf8(terms.key()).unwrap();
                    let Some(key) = analyzer::romanize::arabic_key(w) else { continue };
                    for n in analyzer::romanize::LATIN_PREFIX_CHARS.filter(|&n| n <= key.len()) {
                        by_key.entry(key[..n].to_owned()).or_default().push(Term::from_field_text(field, w));
                    }
                }
            }
        }
        let fields = ([f.title_prefix, f.body_prefix], [f.title_exact, f.body_exact]);
        let (mut checked, mut late) = (0, 0);
        for (key, words) in &by_key {
            let mut want = BTreeSet::new();
            for w in words {
                want.extend(docs(&TermQuery::new(w.clone(), IndexRecordOption::Basic)));
            }
            for listed in [Some(&searcher), None] {
                let leaves = query::key_beginnings(listed, (&fields.0, &fields.1), key, 1.0);
                assert_eq!(leaves.len(), 1, "{key}");
                assert_eq!(docs(&*leaves[0].query), want, "{key}, listed: {}", listed.is_some());
                // Every match scores the one constant, in title and body alike.
                let top = searcher.search(&*leaves[0].query, &TopDocs::with_limit(10_000).order_by_score()).unwrap();
                assert!(top.iter().all(|(score, _)| *score == 1.0), "{key}, listed: {}", listed.is_some());
            }
            let beginnings_only = query::key_beginnings(Some(&searcher), (&fields.0, &[]), key, 1.0);
            if beginnings_only.first().is_none_or(|l| docs(&*l.query) != want) {
                late += 1;
            }
            checked += 1;
        }
        // Keys some words spell only after four characters are among them.
        assert!(checked > 500 && late > 10, "{checked} keys, {late} with late words");
        // A key no word spells matches nothing.
        assert!(query::key_beginnings(Some(&searcher), (&fields.0, &fields.1), "qqq", 1.0).is_empty());
    }

    #[test]
    fn the_first_screens_head_the_whole_answer_over_many_blocks_of_ties() {
        // Enough documents for many blocks of `plan::RECENCY_BLOCK`, few
        // words and few dates, so that the k-th best ties with thousands and
        // the walk for ties steps over old blocks, then changes course.
        const WORDS: &[&str] =
            &["کورد", "کوردستان", "کوردی", "هەواڵ", "هەواڵی", "وڵات", "erbil", "erbilite", "news", "لە"];
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            (rng % n) as usize
        };
        let mut store = Store::open_in_memory().unwrap();
        let mut idx = SearchIndex::in_memory().unwrap();
        for part in 0..3 {
            let batch: Vec<NewArticle> = (0..1500)
                .map(|i| {
                    let mut words =
                        |n: usize| (0..n).map(|_| WORDS[next(WORDS.len() as u64)]).collect::<Vec<_>>().join(" ");
                    let title = words(1 + i % 3);
                    let body = format!("{} n{part}x{i}", words(i % 7));
                    let mut a = art(&format!("{part}-{i}"), &title, &body);
                    a.published = Some(next(40) as i64);
                    a
                })
                .collect();
            store.insert_batch(&batch, part + 1).unwrap();
            idx.sync(&store, &mut |_, _| {}).unwrap();
        }
        let keys = |h: &[Hit]| h.iter().map(|h| h.key).collect::<Vec<_>>();
        for q in
            ["کو", "کورد", "هە", "هەواڵ", "er", "erbil", "کوردی هە", "وڵات کو", "news er", "لە کورد", "erbil -news کو"]
        {
            let all = idx.search(q, 10_000).unwrap();
            let p = idx.prepare_query(q).unwrap().unwrap();
            for (k, two) in [1, 10, 100, 1000].into_iter().flat_map(|k| [(k, false), (k, true)]) {
                let first = p.first_with(k, two).unwrap();
                assert_eq!(keys(&first.hits), keys(&all.hits[..first.hits.len()]), "{q} / {k} / {two}");
                assert_eq!(first.hits.len(), all.hits.len().min(k), "{q} / {k}");
            }
        }
    }
}
