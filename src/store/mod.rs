//! The store: an embedded SQLite database, the source of truth for articles
//! and reading state. The search index is derived from it.
//!
//! Every write that changes what the index must hold (a new or updated
//! article) stamps the row with a fresh `change_seq`. The index remembers the
//! highest sequence it has committed, so catching up after a crash, a kill or
//! an import by another process is "index every row with a higher sequence"
//! (see `search::SearchIndex::sync`). Reading state (read, starred, position)
//! does not touch the sequence: it is never indexed.

pub mod error;
pub mod import;
pub mod model;
pub mod retention;
pub mod sample;
mod schema;
pub mod views;

pub use error::{DirProblem, Result, StoreError, BUSY_TIMEOUT};
pub use model::{Article, ArticleKey, ArticleSummary, IndexRow, NewArticle};
pub use retention::{Changes, Purged};
pub use views::{Filter, Flag, OriginCounts, View};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use schema::SCHEMA_VERSION;
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};

/// Page cache sizes, in KiB: SQLite's default, and the importer's.
const DEFAULT_CACHE_KIB: i64 = 2000;
const BULK_CACHE_KIB: i64 = 16 * 1024;
/// WAL pages after which a commit copies the WAL into the database:
/// SQLite's default, and the importer's (64 MB of 4 kB pages). Each batch
/// dirties pages all over the indexes on random keys (ids, hashes, dates);
/// a page changed by several batches before a checkpoint is copied once.
const DEFAULT_CHECKPOINT_PAGES: i64 = 1000;
const BULK_CHECKPOINT_PAGES: i64 = 16 * 1024;

/// Insert one article; a row with the same id or content is left alone.
/// Its key is above every key the database has held, deleted ones too
/// (`key_floor`), so a key never names two articles: the search index, a
/// list's selection and an undo can trust it.
const INSERT_ARTICLE: &str = "INSERT INTO articles (key, id, source, url, title, body, lang, published, imported_at,
                                                  sort_time, content_hash, change_seq, origin)
                              VALUES (max(ifnull((SELECT max(key) FROM articles), 0),
                                          (SELECT value FROM meta WHERE name = 'key_floor')) + 1,
                                      ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ifnull(?12, ?2))
                              ON CONFLICT DO NOTHING";

/// Run [`INSERT_ARTICLE`] for `a`; 1 if a row was written, 0 if not.
fn insert_article(
    stmt: &mut rusqlite::CachedStatement,
    a: &NewArticle,
    hash: &str,
    now: i64,
    seq: i64,
) -> rusqlite::Result<usize> {
    stmt.execute(params![
        a.id,
        a.source,
        a.url,
        a.title,
        a.body,
        a.lang,
        a.published,
        now,
        a.published.unwrap_or(now),
        hash,
        seq,
        a.origin
    ])
}

const SUMMARY_COLS: &str = "key, title, source, published, read, starred";

/// What happened to each article of an import batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    pub inserted: usize,
    /// Already in the store (same id or same content): left untouched.
    pub duplicates: usize,
    /// Same id, new content (an updated feed entry): content replaced,
    /// reading state kept. Only [`Store::upsert_batch`] updates.
    pub updated: usize,
}

/// What one import batch committed, for the index (see
/// [`Store::insert_batch_rows`]).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Committed {
    /// The store's change sequence just before the batch. If the index is
    /// not at this sequence, rows written by someone else come first.
    pub base_seq: i64,
    /// The rows inserted, in change-sequence order (`base_seq + 1` onwards).
    pub rows: Vec<IndexRow>,
}

/// Fetch state of one feed, keyed by its URL.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedState {
    pub url: String,
    pub title: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Unix seconds of the last attempt.
    pub last_fetch: Option<i64>,
    /// The last attempt's error, `None` if it succeeded.
    pub last_error: Option<String>,
    /// Articles stored from this feed.
    pub item_count: i64,
}

/// A connection to the article database. Not `Sync`: each thread that needs
/// the store opens its own (SQLite in WAL mode lets readers run beside one
/// writer).
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Opened read-only, and why: every write fails with
    /// `StoreError::ReadOnly`.
    unwritable: Option<Unwritable>,
}

/// Why a library was opened only to read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unwritable {
    /// Read-only media, or a database or directory this user cannot write.
    ReadOnly,
    /// The disk holding it is full.
    DiskFull,
}

impl Store {
    /// Open (creating if needed) the database at `path`. A directory that
    /// cannot hold it is [`StoreError::DataDir`].
    pub fn open(path: &Path) -> Result<Store> {
        Self::create_and_open(path).map_err(|e| e.in_dir(path))
    }

    fn create_and_open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|error| StoreError::CreateDir { path: dir.to_owned(), error })?;
        }
        let conn = Connection::open(path).map_err(|error| StoreError::opening(path, error))?;
        Self::init(conn, path)
    }

    /// Open an existing database read-only (for worker threads that only
    /// read).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|error| StoreError::opening(path, error))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        Ok(Store { conn, path: path.to_owned(), unwritable: Some(Unwritable::ReadOnly) })
    }

    /// Open the library to read it and, where it can, to save reading
    /// state, never creating anything: `Ok(None)` when there is no database
    /// at `path`. A library that cannot be written (read-only media, a
    /// read-only file, a full disk) opens read-only (see [`Store::unwritable`]).
    pub fn open_existing(path: &Path) -> Result<Option<Store>> {
        if !path.exists() {
            // A data directory that is a file holds no library, and never will.
            return match path.parent().filter(|dir| dir.ancestors().any(Path::is_file)) {
                Some(dir) => {
                    Err(StoreError::DataDir { path: dir.to_owned(), problem: error::DirProblem::NotADirectory })
                }
                None => Ok(None),
            };
        }
        match Self::open(path) {
            Ok(store) => Ok(Some(store)),
            Err(StoreError::ReadOnly(_))
            | Err(StoreError::Open { .. })
            | Err(StoreError::CreateDir { .. })
            | Err(StoreError::DataDir { .. }) => Self::open_unwritable(path, Unwritable::ReadOnly).map(Some),
            Err(StoreError::DiskFull(_)) => Self::open_unwritable(path, Unwritable::DiskFull).map(Some),
            Err(e) => Err(e),
        }
    }

    /// A library that cannot be written. On read-only media or a full disk
    /// SQLite cannot make the shared-memory file WAL readers use, so the
    /// database is read as an immutable file (what the last writer
    /// checkpointed into it).
    fn open_unwritable(path: &Path, why: Unwritable) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX | OpenFlags::SQLITE_OPEN_URI;
        let read = |uri: &str| -> Result<Store> {
            let conn = Connection::open_with_flags(uri, flags).map_err(|error| StoreError::opening(path, error))?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            let store = Store { conn, path: path.to_owned(), unwritable: Some(why) };
            store.count()?; // reads a table: fails here, not later
            Ok(store)
        };
        let uri = url::Url::from_file_path(path).map_err(|()| StoreError::NotUtf8Path(path.to_owned()))?;
        read(uri.as_str()).or_else(|_| read(&format!("{uri}?immutable=1")))
    }

    /// Whether this connection cannot write (see [`Store::open_existing`]).
    pub fn is_read_only(&self) -> bool {
        self.unwritable.is_some()
    }

    /// Why this connection cannot write, if it cannot.
    pub fn unwritable(&self) -> Option<Unwritable> {
        self.unwritable
    }

    /// A store in memory, gone when dropped: a throwaway library for tests,
    /// benchmarks and the evaluation example.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    /// Make `conn` ready. A database already at this schema is only read:
    /// opening never writes, so it never waits for (or disturbs) another
    /// hewal that is writing. A new or older one is set up in one
    /// immediate transaction.
    fn init(conn: Connection, path: &Path) -> Result<Store> {
        let opening = |error| StoreError::opening(path, error);
        conn.busy_timeout(BUSY_TIMEOUT).map_err(opening)?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).map_err(opening)?;
        if version > SCHEMA_VERSION {
            return Err(StoreError::TooNew { found: version, known: SCHEMA_VERSION });
        }
        if version < SCHEMA_VERSION {
            Self::set_up(&conn).map_err(opening)?;
        }
        // Per connection, not stored: no write.
        conn.pragma_update(None, "synchronous", "NORMAL").map_err(opening)?;
        // Statement journals (every insert has one: the `origins` trigger)
        // and small sorts stay in memory: no temp file in /var/tmp, which
        // may be full or read-only, and a third less system time on import.
        conn.pragma_update(None, "temp_store", "MEMORY").map_err(opening)?;
        Ok(Store { conn, path: path.to_owned(), unwritable: None })
    }

    /// A page cache and a WAL for writing many articles (`on`), or SQLite's
    /// small defaults. An import touches every index's pages in random
    /// order; with 2 MB of cache they are written out and read back many
    /// times over in one batch, and with a 4 MB WAL copied into the
    /// database after nearly every batch.
    pub fn bulk_cache(&self, on: bool) -> Result<()> {
        let (kib, pages) =
            if on { (BULK_CACHE_KIB, BULK_CHECKPOINT_PAGES) } else { (DEFAULT_CACHE_KIB, DEFAULT_CHECKPOINT_PAGES) };
        self.conn.pragma_update(None, "cache_size", -kib)?;
        self.conn.pragma_update(None, "wal_autocheckpoint", pages)?;
        Ok(())
    }

    /// Create the tables (or add what an older schema lacks) and switch the
    /// file to WAL, once, whichever process gets there first.
    fn set_up(conn: &Connection) -> rusqlite::Result<()> {
        Self::switch_to_wal(conn)?;
        conn.execute_batch("BEGIN IMMEDIATE")?;
        let done = (|| {
            // Another process may have set it up while this one waited.
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version == SCHEMA_VERSION {
                return Ok(());
            }
            schema::upgrade(conn, version)?;
            conn.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('identity', ?1)", [new_identity()])?;
            conn.pragma_update(None, "user_version", SCHEMA_VERSION)
        })();
        match done {
            Ok(()) => conn.execute_batch("COMMIT"),
            Err(e) => {
                // The error says what went wrong; a failed rollback adds
                // nothing to it (SQLite rolls back when the connection ends).
                let _ = conn.execute_batch("ROLLBACK");
                Err(e)
            }
        }
    }

    /// Put the file in WAL mode, outside a transaction as SQLite requires; a
    /// no-op once it is. SQLite answers this pragma "locked" at once, without
    /// calling the busy handler, while another process holds a lock (two
    /// first runs at once), so it is retried here, up to [`BUSY_TIMEOUT`].
    fn switch_to_wal(conn: &Connection) -> rusqlite::Result<()> {
        let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
        loop {
            let switched = conn.query_row("PRAGMA journal_mode", [], |r| r.get::<_, String>(0)).and_then(|mode| {
                match mode.eq_ignore_ascii_case("wal") {
                    true => Ok(()),
                    false => conn.pragma_update(None, "journal_mode", "WAL"),
                }
            });
            match switched {
                Err(e) if is_busy(&e) && std::time::Instant::now() < deadline => {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                }
                other => return other,
            }
        }
    }

    /// A transaction that holds the write lock from its start. A deferred
    /// one would read first and then fail at once (SQLITE_BUSY_SNAPSHOT)
    /// when another process wrote in between; this one waits its turn
    /// behind the other writer, up to [`BUSY_TIMEOUT`].
    fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        Ok(self.conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?)
    }

    /// Where the database lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Insert a batch of articles in one transaction: either all of the new
    /// ones are stored or none is. Articles whose id or content is already
    /// stored are skipped (import is idempotent).
    pub fn insert_batch(&mut self, batch: &[NewArticle], now: i64) -> Result<BatchOutcome> {
        Ok(self.insert_batch_with(batch, now, &mut |_, _, _| {})?.0)
    }

    /// [`insert_batch`](Self::insert_batch) that also hands back what it
    /// committed, as the index needs it: the rows it inserted (moved out of
    /// `batch`, no copy) and the change sequence just before them. An import
    /// uses it to index each batch as soon as it is stored, without reading
    /// it back.
    pub fn insert_batch_rows(&mut self, batch: Vec<NewArticle>, now: i64) -> Result<(BatchOutcome, Committed)> {
        let mut written = Vec::new();
        let (out, base_seq) = self.insert_batch_with(&batch, now, &mut |i, key, seq| written.push((i, key, seq)))?;
        let mut batch: Vec<Option<NewArticle>> = batch.into_iter().map(Some).collect();
        let rows = written
            .into_iter()
            .filter_map(|(i, key, change_seq)| {
                let a = batch[i].take()?;
                Some(IndexRow {
                    key,
                    id: a.id,
                    source: a.source,
                    title: a.title,
                    body: a.body,
                    published: a.published,
                    change_seq,
                })
            })
            .collect();
        Ok((out, Committed { base_seq, rows }))
    }

    /// The insert of [`insert_batch`](Self::insert_batch); `inserted(i, key,
    /// seq)` is called for each article of `batch` that was written. Returns
    /// the outcome and the change sequence before the batch.
    fn insert_batch_with(
        &mut self,
        batch: &[NewArticle],
        now: i64,
        inserted: &mut dyn FnMut(usize, ArticleKey, i64),
    ) -> Result<(BatchOutcome, i64)> {
        let tx = self.write_transaction()?;
        let base_seq: i64 = tx.query_row("SELECT value FROM meta WHERE name = 'change_seq'", [], |r| r.get(0))?;
        let mut seq = base_seq;
        let mut out = BatchOutcome::default();
        {
            let mut stmt = tx.prepare_cached(INSERT_ARTICLE)?;
            for (i, a) in batch.iter().enumerate() {
                let n = insert_article(&mut stmt, a, &a.content_hash(), now, seq + 1)?;
                if n == 1 {
                    seq += 1;
                    out.inserted += 1;
                    inserted(i, tx.last_insert_rowid(), seq);
                } else {
                    out.duplicates += 1;
                }
            }
        }
        tx.execute("UPDATE meta SET value = ?1 WHERE name = 'change_seq'", [seq])?;
        tx.execute("UPDATE meta SET value = value + ?1 WHERE name = 'article_count'", [out.inserted as i64])?;
        tx.commit()?;
        Ok((out, base_seq))
    }

    /// Like [`insert_batch`](Self::insert_batch), but an article whose id is
    /// stored with other content is updated in place (title, body, url,
    /// date), keeping its reading state, and is indexed again. For feeds,
    /// whose entries change after they are first seen.
    pub fn upsert_batch(&mut self, batch: &[NewArticle], now: i64) -> Result<BatchOutcome> {
        let tx = self.write_transaction()?;
        let mut seq: i64 = tx.query_row("SELECT value FROM meta WHERE name = 'change_seq'", [], |r| r.get(0))?;
        let mut out = BatchOutcome::default();
        {
            let mut find = tx.prepare_cached("SELECT key, content_hash FROM articles WHERE id = ?1")?;
            let mut update = tx.prepare_cached(
                "UPDATE OR IGNORE articles SET source = ?2, url = ?3, title = ?4, body = ?5, lang = ?6,
                        published = ?7, sort_time = coalesce(?7, sort_time), content_hash = ?8, change_seq = ?9
                 WHERE key = ?1",
            )?;
            let mut insert = tx.prepare_cached(INSERT_ARTICLE)?;
            for a in batch {
                let hash = a.content_hash();
                let existing: Option<(i64, String)> =
                    find.query_row([&a.id], |r| Ok((r.get(0)?, r.get(1)?))).optional()?;
                let changed = match existing {
                    Some((_, ref old)) if *old == hash => 0,
                    Some((key, _)) => update.execute(params![
                        key,
                        a.source,
                        a.url,
                        a.title,
                        a.body,
                        a.lang,
                        a.published,
                        hash,
                        seq + 1
                    ])?,
                    None => insert_article(&mut insert, a, &hash, now, seq + 1)?,
                };
                // 0 rows: unchanged, or its new content is another article's.
                match (changed, existing.is_some()) {
                    (0, _) => out.duplicates += 1,
                    (_, true) => out.updated += 1,
                    (_, false) => out.inserted += 1,
                }
                if changed > 0 {
                    seq += 1;
                }
            }
        }
        tx.execute("UPDATE meta SET value = ?1 WHERE name = 'change_seq'", [seq])?;
        tx.execute("UPDATE meta SET value = value + ?1 WHERE name = 'article_count'", [out.inserted as i64])?;
        tx.commit()?;
        Ok(out)
    }

    /// The fetch state of every feed that has one.
    pub fn feed_states(&self) -> Result<Vec<FeedState>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT url, title, etag, last_modified, last_fetch, last_error, item_count FROM feeds ORDER BY url",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(FeedState {
                url: r.get(0)?,
                title: r.get(1)?,
                etag: r.get(2)?,
                last_modified: r.get(3)?,
                last_fetch: r.get(4)?,
                last_error: r.get(5)?,
                item_count: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Save a feed's fetch state.
    pub fn save_feed_state(&self, f: &FeedState) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO feeds (url, title, etag, last_modified, last_fetch, last_error, item_count)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT (url) DO UPDATE SET title = ?2, etag = ?3, last_modified = ?4, last_fetch = ?5,
                                             last_error = ?6, item_count = ?7",
            )?
            .execute(params![f.url, f.title, f.etag, f.last_modified, f.last_fetch, f.last_error, f.item_count])?;
        Ok(())
    }

    /// Number of articles. Kept in `meta` by every write: `count(*)` would
    /// scan a million rows.
    pub fn count(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row("SELECT value FROM meta WHERE name = 'article_count'", [], |r| r.get(0))?;
        Ok(n as u64)
    }

    /// Rows `offset..offset+limit` of the library, newest first. Only this
    /// window is read, so a list of a million articles costs what its visible
    /// rows cost. The time index is walked from whichever end is nearer, so
    /// the oldest rows are as quick to reach as the newest.
    pub fn window(&self, offset: u64, limit: usize) -> Result<Vec<ArticleSummary>> {
        self.window_of(&View::all(), offset, limit)
    }

    /// Up to `limit` summaries that follow (`after`) or precede the article
    /// `anchor` in list order (newest first), in list order. Keyset paging:
    /// an index range from the anchor, so reading the next window while
    /// scrolling costs the window, wherever it is in a million rows. Empty
    /// if the anchor is gone.
    pub fn window_next_to(&self, anchor: ArticleKey, after: bool, limit: usize) -> Result<Vec<ArticleSummary>> {
        self.window_next_to_in(&View::all(), anchor, after, limit)
    }

    /// The row of article `key` in list order (newest first), or `None` if
    /// it is gone. Counts the rows before it on the time index.
    pub fn rank(&self, key: ArticleKey) -> Result<Option<u64>> {
        self.rank_in(&View::all(), key)
    }

    /// Summaries for the given keys, in the given order (missing keys are
    /// left out).
    pub fn summaries(&self, keys: &[ArticleKey]) -> Result<Vec<ArticleSummary>> {
        let sql = format!("SELECT {SUMMARY_COLS} FROM articles WHERE key = ?1");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut out = Vec::with_capacity(keys.len());
        for k in keys {
            if let Some(s) = stmt.query_row([k], summary_from_row).optional()? {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// The beginnings of the bodies of `keys`, at most `max_bytes` of each
    /// (cut back to whole characters), given to `f` with the key's index
    /// until it breaks; a key whose article is gone is skipped. Reads no
    /// more of a long body than asked (SQLite's incremental I/O): what a
    /// snippet needs is its first few KB.
    pub fn body_prefixes(
        &self,
        keys: &[ArticleKey],
        max_bytes: usize,
        mut f: impl FnMut(usize, &str) -> ControlFlow<()>,
    ) -> Result<()> {
        let mut blob: Option<rusqlite::blob::Blob> = None;
        let mut buf = vec![0; max_bytes];
        for (i, &key) in keys.iter().enumerate() {
            // One handle moved from row to row; a failed move leaves it
            // unusable, and a new one is opened.
            if blob.as_mut().is_none_or(|b| b.reopen(key).is_err()) {
                blob = None;
                match self.conn.blob_open(rusqlite::MAIN_DB, "articles", "body", key, true) {
                    Ok(b) => blob = Some(b),
                    // "no such rowid": the article is gone.
                    Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::Unknown) => continue,
                    Err(e) => return Err(e.into()),
                }
            }
            let Some(b) = &blob else { continue };
            let n = b.read_at(&mut buf, 0)?;
            if f(i, &text_prefix(&buf[..n], n < b.len())).is_break() {
                break;
            }
        }
        Ok(())
    }

    /// The whole article.
    pub fn article(&self, key: ArticleKey) -> Result<Article> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, id, source, url, title, body, lang, published, imported_at, content_hash,
                    read, starred, position, origin FROM articles WHERE key = ?1",
        )?;
        stmt.query_row([key], |r| {
            Ok(Article {
                key: r.get(0)?,
                id: text(r, 1)?,
                source: text(r, 2)?,
                url: text_opt(r, 3)?,
                title: text(r, 4)?,
                body: text(r, 5)?,
                lang: text_opt(r, 6)?,
                published: r.get(7)?,
                imported_at: r.get(8)?,
                content_hash: text(r, 9)?,
                read: r.get(10)?,
                starred: r.get(11)?,
                position: r.get(12)?,
                origin: text(r, 13)?,
            })
        })
        .optional()?
        .ok_or(StoreError::NotFound(key))
    }

    /// Mark an article read or unread.
    pub fn set_read(&self, key: ArticleKey, read: bool) -> Result<()> {
        self.update_state("read", key, read as i64)
    }

    /// Star or unstar an article.
    pub fn set_starred(&self, key: ArticleKey, starred: bool) -> Result<()> {
        self.update_state("starred", key, starred as i64)
    }

    /// Remember where the reader stopped.
    pub fn set_position(&self, key: ArticleKey, position: i64) -> Result<()> {
        self.update_state("position", key, position)
    }

    fn update_state(&self, column: &'static str, key: ArticleKey, value: i64) -> Result<()> {
        let sql = format!("UPDATE articles SET {column} = ?1 WHERE key = ?2");
        let n = self.conn.prepare_cached(&sql)?.execute(params![value, key])?;
        if n == 0 {
            return Err(StoreError::NotFound(key));
        }
        Ok(())
    }

    /// A number that names this database, made when it was created: an
    /// index built from another database (or from this one's earlier life,
    /// restored over it) is recognised by it (see `search`).
    pub fn identity(&self) -> Result<i64> {
        let id: Option<i64> =
            self.conn.query_row("SELECT value FROM meta WHERE name = 'identity'", [], |r| r.get(0)).optional()?;
        // A read-only copy of a database from before identities: 0 names
        // it, as it names no database that has one.
        Ok(id.unwrap_or(0))
    }

    /// The highest change sequence number handed out so far.
    /// The article whose change sequence is `seq` (its key and id), if
    /// one is: none when the change was a deletion, or the row has changed
    /// again since.
    pub fn row_at_seq(&self, seq: i64) -> Result<Option<(ArticleKey, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT key, id FROM articles WHERE change_seq = ?1")?
            .query_row([seq], |r| Ok((r.get(0)?, text(r, 1)?)))
            .optional()?)
    }

    pub fn change_seq(&self) -> Result<i64> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE name = 'change_seq'", [], |r| r.get(0))?)
    }

    /// Up to `limit` rows changed after sequence `after`, in sequence order:
    /// what the index must (re)index to catch up.
    pub fn changed_since(&self, after: i64, limit: usize) -> Result<Vec<IndexRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT key, id, source, title, body, published, change_seq FROM articles
             WHERE change_seq > ?1 ORDER BY change_seq LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![after, limit as i64], |r| {
            Ok(IndexRow {
                key: r.get(0)?,
                id: text(r, 1)?,
                source: text(r, 2)?,
                title: text(r, 3)?,
                body: text(r, 4)?,
                published: r.get(5)?,
                change_seq: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Number of rows changed after sequence `after` (for progress).
    pub fn count_changed_since(&self, after: i64) -> Result<u64> {
        let n: i64 =
            self.conn.query_row("SELECT count(*) FROM articles WHERE change_seq > ?1", [after], |r| r.get(0))?;
        Ok(n as u64)
    }
}

/// A fresh database identity: never 0, unlikely ever to repeat (the time
/// in nanoseconds, the process and a counter, hashed).
fn new_identity() -> i64 {
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();
    let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let seed = format!("{}:{}:{n}", now.as_nanos(), std::process::id());
    let bytes: [u8; 8] = blake3::hash(seed.as_bytes()).as_bytes()[..8].try_into().expect("8 bytes");
    (i64::from_le_bytes(bytes) & i64::MAX).max(1)
}

/// Column `i` as text, whatever bytes it holds: SQLite does not check that
/// text is UTF-8, and a database written by another program (or damaged in
/// a way SQLite does not notice) may hold any. Invalid sequences become
/// U+FFFD, so one bad row never stops a list, a search or a reindex.
fn text(r: &rusqlite::Row, i: usize) -> rusqlite::Result<String> {
    use rusqlite::types::ValueRef;
    Ok(match r.get_ref(i)? {
        ValueRef::Text(b) | ValueRef::Blob(b) => String::from_utf8_lossy(b).into_owned(),
        ValueRef::Integer(n) => n.to_string(),
        ValueRef::Real(x) => x.to_string(),
        ValueRef::Null => String::new(),
    })
}

/// The beginning of a text column's bytes, as [`text`] reads a whole one;
/// when it was `cut` short, a character the cut split is left out.
fn text_prefix(bytes: &[u8], cut: bool) -> String {
    let mut out = String::with_capacity(bytes.len());
    let mut chunks = bytes.utf8_chunks().peekable();
    while let Some(chunk) = chunks.next() {
        out.push_str(chunk.valid());
        let split_by_the_cut = cut && chunks.peek().is_none();
        if !chunk.invalid().is_empty() && !split_by_the_cut {
            out.push(char::REPLACEMENT_CHARACTER);
        }
    }
    out
}

/// [`text`] for a column that may be NULL.
fn text_opt(r: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<String>> {
    match r.get_ref(i)? {
        rusqlite::types::ValueRef::Null => Ok(None),
        _ => text(r, i).map(Some),
    }
}

fn summary_from_row(r: &rusqlite::Row) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        key: r.get(0)?,
        title: text(r, 1)?,
        source: text(r, 2)?,
        published: r.get(3)?,
        read: r.get(4)?,
        starred: r.get(5)?,
    })
}

/// Whether `e` is SQLite's "busy" or "locked": another connection holds
/// the lock this one needs.
fn is_busy(e: &rusqlite::Error) -> bool {
    use rusqlite::ErrorCode::{DatabaseBusy, DatabaseLocked};
    matches!(e.sqlite_error_code(), Some(DatabaseBusy | DatabaseLocked))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(id: &str, title: &str, body: &str, published: Option<i64>) -> NewArticle {
        NewArticle { id: id.into(), title: title.into(), body: body.into(), published, ..Default::default() }
    }

    #[test]
    fn bulk_settings_are_taken_and_given_back() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(&dir.path().join("hewal.db")).unwrap();
        let read = |name: &str| s.conn.query_row(&format!("PRAGMA {name}"), [], |r| r.get::<_, i64>(0)).unwrap();
        s.bulk_cache(true).unwrap();
        assert_eq!((read("cache_size"), read("wal_autocheckpoint")), (-BULK_CACHE_KIB, BULK_CHECKPOINT_PAGES));
        s.bulk_cache(false).unwrap();
        assert_eq!((read("cache_size"), read("wal_autocheckpoint")), (-DEFAULT_CACHE_KIB, DEFAULT_CHECKPOINT_PAGES));
    }

    /// Beginnings of bodies: as the whole body reads, cut back to whole
    /// characters; missing articles skipped; broken bytes replaced as the
    /// whole article's are; the caller can stop.
    #[test]
    fn body_prefixes_read_what_the_article_reads_up_to_a_whole_character() {
        let mut s = Store::open_in_memory().unwrap();
        let long = format!("ab{}", "ه".repeat(3000));
        s.insert_batch(&[art("a", "T", &long, None), art("b", "T", "short", None), art("c", "T", "", None)], 0)
            .unwrap();
        s.conn.execute("UPDATE articles SET body = CAST(X'61FF62D9' AS TEXT) WHERE id = 'c'", []).unwrap();
        let key = |id: &str| s.conn.query_row("SELECT key FROM articles WHERE id = ?1", [id], |r| r.get(0)).unwrap();
        let (a, b, c): (ArticleKey, ArticleKey, ArticleKey) = (key("a"), key("b"), key("c"));
        let read = |keys: &[ArticleKey], max: usize, stop_after: usize| {
            let mut got = Vec::new();
            s.body_prefixes(keys, max, |i, text| {
                got.push((i, text.to_owned()));
                if got.len() == stop_after {
                    ControlFlow::Break(())
                } else {
                    ControlFlow::Continue(())
                }
            })
            .unwrap();
            got
        };
        // 7 bytes of "abهههه…" end inside the third ه: two are whole.
        let got = read(&[a, 999, b, c], 7, usize::MAX);
        let whole_c = s.article(c).unwrap().body;
        assert_eq!(whole_c, "a\u{FFFD}b\u{FFFD}");
        assert_eq!(got, [(0, "abهه".to_owned()), (2, "short".to_owned()), (3, whole_c)]);
        // A gone article between two others, read on one handle, and the
        // whole of a long body when asked for.
        assert_eq!(read(&[b, 999, 998, a], 10_000, usize::MAX), [(0, "short".to_owned()), (3, long.clone())]);
        // Cut after a broken byte: it is replaced, as in the whole body.
        assert_eq!(read(&[c], 3, usize::MAX), [(0, "a\u{FFFD}b".to_owned())]);
        assert_eq!(read(&[a, b, c], 100, 1).len(), 1);
    }

    #[test]
    fn insert_is_idempotent_by_id_and_content() {
        let mut s = Store::open_in_memory().unwrap();
        let out = s.insert_batch(&[art("a", "T", "B", None), art("b", "T2", "B2", None)], 100).unwrap();
        assert_eq!(out, BatchOutcome { inserted: 2, duplicates: 0, updated: 0 });
        // same id, other content; other id, same content
        let out = s.insert_batch(&[art("a", "X", "Y", None), art("c", "T2", "B2", None)], 101).unwrap();
        assert_eq!(out, BatchOutcome { inserted: 0, duplicates: 2, updated: 0 });
        assert_eq!(s.count().unwrap(), 2);
        assert_eq!(s.change_seq().unwrap(), 2);
    }

    #[test]
    fn insert_batch_rows_hands_back_what_was_stored() {
        let mut s = Store::open_in_memory().unwrap();
        s.insert_batch(&[art("a", "T", "B", None)], 100).unwrap();
        let batch = vec![art("b", "T2", "B2", Some(7)), art("a", "X", "Y", None), art("c", "T3", "B3", None)];
        let (out, committed) = s.insert_batch_rows(batch, 101).unwrap();
        assert_eq!(out, BatchOutcome { inserted: 2, duplicates: 1, updated: 0 });
        assert_eq!(committed.base_seq, 1);
        // Exactly the rows the index would read back from the store.
        assert_eq!(committed.rows, s.changed_since(1, 10).unwrap());
        assert_eq!(
            committed.rows.iter().map(|r| (r.id.as_str(), r.change_seq)).collect::<Vec<_>>(),
            [("b", 2), ("c", 3)]
        );
    }

    #[test]
    fn window_is_newest_first_and_paged() {
        let mut s = Store::open_in_memory().unwrap();
        let batch: Vec<_> =
            (0..10).map(|i| art(&format!("{i}"), &format!("t{i}"), &format!("b{i}"), Some(i))).collect();
        s.insert_batch(&batch, 1000).unwrap();
        let w = s.window(2, 3).unwrap();
        let titles: Vec<_> = w.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, ["t7", "t6", "t5"]);
        assert!(s.window(10, 5).unwrap().is_empty());
        // Near the end the index is walked backwards: same rows, same order.
        for off in 0..10 {
            for lim in 0..12 {
                let want: Vec<_> = (0..10).rev().skip(off).take(lim).map(|i| format!("t{i}")).collect();
                let got: Vec<_> = s.window(off as u64, lim).unwrap().into_iter().map(|a| a.title).collect();
                assert_eq!(got, want, "offset {off} limit {lim}");
            }
        }
        assert_eq!(s.count().unwrap(), 10);
    }

    #[test]
    fn reading_state_round_trips_without_touching_change_seq() {
        let mut s = Store::open_in_memory().unwrap();
        s.insert_batch(&[art("a", "T", "B", None)], 1).unwrap();
        let key = s.window(0, 1).unwrap()[0].key;
        s.set_read(key, true).unwrap();
        s.set_starred(key, true).unwrap();
        s.set_position(key, 42).unwrap();
        let a = s.article(key).unwrap();
        assert!(a.read && a.starred);
        assert_eq!(a.position, 42);
        assert_eq!(s.changed_since(0, 10).unwrap().len(), 1);
        assert_eq!(s.changed_since(1, 10).unwrap().len(), 0);
        assert!(matches!(s.set_read(999, true), Err(StoreError::NotFound(999))));
    }

    #[test]
    fn upsert_updates_content_and_keeps_reading_state() {
        let mut s = Store::open_in_memory().unwrap();
        s.upsert_batch(&[art("g1", "T", "old body", Some(10))], 1).unwrap();
        let key = s.window(0, 1).unwrap()[0].key;
        s.set_read(key, true).unwrap();
        s.set_starred(key, true).unwrap();
        let seq = s.change_seq().unwrap();
        let out = s.upsert_batch(&[art("g1", "T", "new body", Some(10)), art("g2", "U", "b", None)], 2).unwrap();
        assert_eq!(out, BatchOutcome { inserted: 1, duplicates: 0, updated: 1 });
        let a = s.article(key).unwrap();
        assert_eq!(a.body, "new body");
        assert!(a.read && a.starred, "reading state survives an update");
        assert_eq!(s.changed_since(seq, 10).unwrap().len(), 2, "the update is indexed again");
        // Unchanged: nothing happens, nothing to index.
        let out = s.upsert_batch(&[art("g1", "T", "new body", Some(10))], 3).unwrap();
        assert_eq!(out, BatchOutcome { inserted: 0, duplicates: 1, updated: 0 });
        // An update whose content is another article's is skipped, not an error.
        let out = s.upsert_batch(&[art("g1", "U", "b", None)], 4).unwrap();
        assert_eq!(out.duplicates, 1);
        assert_eq!(s.article(key).unwrap().body, "new body");
    }

    #[test]
    fn feed_state_round_trips() {
        let s = Store::open_in_memory().unwrap();
        let mut f = FeedState { url: "http://127.0.0.1/f".into(), etag: Some("\"x\"".into()), ..Default::default() };
        s.save_feed_state(&f).unwrap();
        f.last_error = Some("http status 404".into());
        f.item_count = 3;
        s.save_feed_state(&f).unwrap();
        assert_eq!(s.feed_states().unwrap(), vec![f]);
    }
}
