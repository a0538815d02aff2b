//! The database schema and its upgrades.
//!
//! Counts the views need (articles, unread and starred per origin) are kept
//! by triggers, so every writer — this process, a cron `hewal fetch`, an
//! older hewal's import — keeps them right, and reading one is one row, not
//! a scan of a million.

use rusqlite::Connection;

/// Schema version written to `PRAGMA user_version`.
pub(super) const SCHEMA_VERSION: i64 = 4;

/// Everything a current database holds; every statement may run again.
const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS articles (
    key          INTEGER PRIMARY KEY,
    id           TEXT NOT NULL UNIQUE,
    source       TEXT NOT NULL DEFAULT '',
    url          TEXT,
    title        TEXT NOT NULL,
    body         TEXT NOT NULL,
    lang         TEXT,
    published    INTEGER,
    imported_at  INTEGER NOT NULL,
    sort_time    INTEGER NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    read         INTEGER NOT NULL DEFAULT 0,
    starred      INTEGER NOT NULL DEFAULT 0,
    position     INTEGER NOT NULL DEFAULT 0,
    change_seq   INTEGER NOT NULL,
    origin       TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS articles_by_time ON articles (sort_time DESC, key DESC);
CREATE INDEX IF NOT EXISTS articles_by_change ON articles (change_seq);
CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS feeds (
    url           TEXT PRIMARY KEY,
    title         TEXT,
    etag          TEXT,
    last_modified TEXT,
    last_fetch    INTEGER,
    last_error    TEXT,
    item_count    INTEGER NOT NULL DEFAULT 0
);
INSERT OR IGNORE INTO meta (name, value) VALUES ('change_seq', 0);
INSERT OR IGNORE INTO meta (name, value) VALUES ('key_floor', 0);
";

/// Added in version 4: origins (the feed an article came from, or its
/// import source), their counts, the indexes the views walk, and the
/// deletions the search index has to follow.
const VIEWS: &str = "
CREATE INDEX IF NOT EXISTS articles_unread ON articles (sort_time DESC, key DESC) WHERE read = 0;
CREATE INDEX IF NOT EXISTS articles_starred ON articles (sort_time DESC, key DESC) WHERE starred = 1;
CREATE INDEX IF NOT EXISTS articles_by_origin ON articles (origin, sort_time DESC, key DESC);
CREATE TABLE IF NOT EXISTS origins (
    origin  TEXT PRIMARY KEY,
    total   INTEGER NOT NULL DEFAULT 0,
    unread  INTEGER NOT NULL DEFAULT 0,
    starred INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS deleted (change_seq INTEGER PRIMARY KEY, key INTEGER NOT NULL);
CREATE TRIGGER IF NOT EXISTS origins_insert AFTER INSERT ON articles BEGIN
    INSERT INTO origins (origin, total, unread, starred) VALUES (NEW.origin, 1, NEW.read = 0, NEW.starred = 1)
    ON CONFLICT (origin) DO UPDATE SET total = total + 1, unread = unread + (NEW.read = 0),
                                       starred = starred + (NEW.starred = 1);
END;
CREATE TRIGGER IF NOT EXISTS origins_delete AFTER DELETE ON articles BEGIN
    UPDATE origins SET total = total - 1, unread = unread - (OLD.read = 0), starred = starred - (OLD.starred = 1)
    WHERE origin = OLD.origin;
END;
CREATE TRIGGER IF NOT EXISTS origins_update AFTER UPDATE OF read, starred, origin ON articles
WHEN OLD.read IS NOT NEW.read OR OLD.starred IS NOT NEW.starred OR OLD.origin IS NOT NEW.origin BEGIN
    UPDATE origins SET total = total - 1, unread = unread - (OLD.read = 0), starred = starred - (OLD.starred = 1)
    WHERE origin = OLD.origin;
    INSERT INTO origins (origin, total, unread, starred) VALUES (NEW.origin, 1, NEW.read = 0, NEW.starred = 1)
    ON CONFLICT (origin) DO UPDATE SET total = total + 1, unread = unread + (NEW.read = 0),
                                       starred = starred + (NEW.starred = 1);
END;
";

/// Bring a database at `version` (0: new) to [`SCHEMA_VERSION`], inside the
/// caller's transaction.
pub(super) fn upgrade(conn: &Connection, version: i64) -> rusqlite::Result<()> {
    conn.execute_batch(SCHEMA)?;
    if version < 3 {
        // Databases from before the count was kept get it once.
        conn.execute("INSERT OR IGNORE INTO meta (name, value) SELECT 'article_count', count(*) FROM articles", [])?;
    }
    if version < 4 {
        let has_origin: bool =
            conn.query_row("SELECT count(*) > 0 FROM pragma_table_info('articles') WHERE name = 'origin'", [], |r| {
                r.get(0)
            })?;
        if !has_origin {
            conn.execute_batch("ALTER TABLE articles ADD COLUMN origin TEXT NOT NULL DEFAULT ''")?;
            // A fetched article's id is its feed's URL, '#', the entry key.
            conn.execute_batch(
                "UPDATE articles SET origin = source;
                 UPDATE articles SET origin = (SELECT url FROM feeds
                                               WHERE substr(articles.id, 1, length(url) + 1) = url || '#')
                 WHERE EXISTS (SELECT 1 FROM feeds WHERE substr(articles.id, 1, length(url) + 1) = url || '#');",
            )?;
        }
        conn.execute_batch(VIEWS)?;
        conn.execute_batch(
            "DELETE FROM origins;
             INSERT INTO origins (origin, total, unread, starred)
             SELECT origin, count(*), sum(read = 0), sum(starred = 1) FROM articles GROUP BY origin;",
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use crate::store::{Filter, Store, View};

    /// The schema of version 3, as hewal 0.1 wrote it.
    const V3: &str = "
        CREATE TABLE articles (key INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, source TEXT NOT NULL DEFAULT '',
            url TEXT, title TEXT NOT NULL, body TEXT NOT NULL, lang TEXT, published INTEGER,
            imported_at INTEGER NOT NULL, sort_time INTEGER NOT NULL, content_hash TEXT NOT NULL UNIQUE,
            read INTEGER NOT NULL DEFAULT 0, starred INTEGER NOT NULL DEFAULT 0,
            position INTEGER NOT NULL DEFAULT 0, change_seq INTEGER NOT NULL);
        CREATE INDEX articles_by_time ON articles (sort_time DESC, key DESC);
        CREATE INDEX articles_by_change ON articles (change_seq);
        CREATE TABLE meta (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE feeds (url TEXT PRIMARY KEY, title TEXT, etag TEXT, last_modified TEXT,
            last_fetch INTEGER, last_error TEXT, item_count INTEGER NOT NULL DEFAULT 0);
        INSERT INTO meta VALUES ('change_seq', 3), ('article_count', 3), ('identity', 42);
        INSERT INTO feeds (url, title) VALUES ('https://a.example/feed', 'A');
        INSERT INTO articles (id, source, title, body, imported_at, sort_time, content_hash, read, starred, change_seq)
        VALUES ('https://a.example/feed#1', 'A', 't1', 'b1', 1, 1, 'h1', 1, 0, 1),
               ('https://a.example/feed#2', 'A', 't2', 'b2', 1, 2, 'h2', 0, 1, 2),
               ('x1', 'imported', 't3', 'b3', 1, 3, 'h3', 0, 0, 3);
        PRAGMA user_version = 3;";

    #[test]
    fn a_version_3_library_gets_origins_and_counts() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("hewal.db");
        rusqlite::Connection::open(&path).unwrap().execute_batch(V3).unwrap();
        let store = Store::open(&path).unwrap();
        let feed = |filter| View { filter, origin: Some("https://a.example/feed".into()), also: None };
        assert_eq!(store.count_view(&feed(Filter::All)).unwrap(), 2);
        assert_eq!(store.count_view(&feed(Filter::Unread)).unwrap(), 1);
        assert_eq!(store.count_view(&feed(Filter::Starred)).unwrap(), 1);
        let imported = View { filter: Filter::All, origin: Some("imported".into()), also: None };
        assert_eq!(store.count_view(&imported).unwrap(), 1);
        assert_eq!(store.count_view(&View::all().with_filter(Filter::Unread)).unwrap(), 2);
        assert_eq!(store.identity().unwrap(), 42, "the upgrade keeps the database's identity");
        drop(store);
        // Opened again, nothing is redone.
        let store = Store::open(&path).unwrap();
        assert_eq!(store.origins().unwrap().len(), 2);
    }
}
