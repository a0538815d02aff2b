//! Deleting articles: by key (with an undo), by age, and beyond a number
//! kept per origin. Starred articles are never deleted by age or number.
//!
//! A deletion is a change the search index must follow: each deleted key is
//! written to `deleted` with a fresh change sequence number, and the index
//! removes it when it catches up ([`Store::changes_since`]). Keys are never
//! handed out again (`key_floor`), so a deleted key cannot come back as
//! another article.

use super::{Article, ArticleKey, IndexRow, NewArticle, Result, Store};
use rusqlite::params;

/// What the index must do to catch up: rows to (re)index and keys to
/// remove, complete up to sequence `upto`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    pub rows: Vec<IndexRow>,
    pub deleted: Vec<ArticleKey>,
    pub upto: i64,
}

/// What a purge or trim removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub deleted: u64,
    /// Old enough (or beyond the number kept) but starred: kept.
    pub kept_starred: u64,
}

impl Store {
    /// Delete the articles `keys` (those still stored) and return them
    /// whole, reading state included, for [`Store::restore`].
    pub fn delete(&mut self, keys: &[ArticleKey]) -> Result<Vec<Article>> {
        let mut gone = Vec::with_capacity(keys.len());
        for &key in keys {
            match self.article(key) {
                Ok(a) => gone.push(a),
                Err(super::StoreError::NotFound(_)) => {}
                Err(e) => return Err(e),
            }
        }
        let tx = self.write_transaction()?;
        delete_where(&tx, "key IN (SELECT value FROM json_each(?1))", params![json_keys(keys)])?;
        tx.commit()?;
        Ok(gone)
    }

    /// Put deleted articles back (an undo), with their reading state. They
    /// get new keys; returned in the order given. An article whose id or
    /// content is stored again meanwhile is not duplicated.
    pub fn restore(&mut self, articles: &[Article], now: i64) -> Result<Vec<ArticleKey>> {
        let batch: Vec<NewArticle> = articles
            .iter()
            .map(|a| NewArticle {
                id: a.id.clone(),
                source: a.source.clone(),
                url: a.url.clone(),
                title: a.title.clone(),
                body: a.body.clone(),
                lang: a.lang.clone(),
                published: a.published,
                origin: (a.origin != a.source).then(|| a.origin.clone()),
            })
            .collect();
        let mut keys = vec![None; articles.len()];
        self.insert_batch_with(&batch, now, &mut |i, key, _| keys[i] = Some(key))?;
        let tx = self.write_transaction()?;
        {
            let mut stmt =
                tx.prepare_cached("UPDATE articles SET read = ?2, starred = ?3, position = ?4 WHERE key = ?1")?;
            for (a, key) in articles.iter().zip(&keys) {
                if let Some(key) = key {
                    stmt.execute(params![key, a.read, a.starred, a.position])?;
                }
            }
        }
        tx.commit()?;
        Ok(keys.into_iter().flatten().collect())
    }

    /// Delete the articles older than `cutoff` (Unix seconds, by the date
    /// the list sorts on), of one origin or all; starred ones are kept.
    pub fn purge_older_than(&mut self, cutoff: i64, origin: Option<&str>) -> Result<Purged> {
        let tx = self.write_transaction()?;
        let scope = "sort_time < ?1 AND (?2 IS NULL OR origin = ?2)";
        let kept_starred: i64 = tx.query_row(
            &format!("SELECT count(*) FROM articles WHERE {scope} AND starred = 1"),
            params![cutoff, origin],
            |r| r.get(0),
        )?;
        let deleted = delete_where(&tx, &format!("{scope} AND starred = 0"), params![cutoff, origin])?;
        tx.commit()?;
        Ok(Purged { deleted, kept_starred: kept_starred as u64 })
    }

    /// Keep the newest `max` articles of `origin` (starred ones beyond it
    /// too); delete the rest.
    pub fn trim_origin(&mut self, origin: &str, max: u64) -> Result<Purged> {
        let tx = self.write_transaction()?;
        let beyond = "key IN (SELECT key FROM articles WHERE origin = ?1
                              ORDER BY sort_time DESC, key DESC LIMIT -1 OFFSET ?2)";
        let kept_starred: i64 = tx.query_row(
            &format!("SELECT count(*) FROM articles WHERE {beyond} AND starred = 1"),
            params![origin, max as i64],
            |r| r.get(0),
        )?;
        let deleted = delete_where(&tx, &format!("{beyond} AND starred = 0"), params![origin, max as i64])?;
        tx.commit()?;
        Ok(Purged { deleted, kept_starred: kept_starred as u64 })
    }

    /// What the index lacks after sequence `after`: up to `limit` changed
    /// rows, and the keys deleted up to the last of them (all of them when
    /// fewer than `limit` rows changed). Read in one snapshot, so nothing
    /// written meanwhile falls between the two.
    pub fn changes_since(&self, after: i64, limit: usize) -> Result<Changes> {
        let tx = self.conn.unchecked_transaction()?;
        let rows = self.changed_since(after, limit)?;
        let upto = match rows.last() {
            Some(last) if rows.len() == limit => last.change_seq,
            _ => self.change_seq()?,
        };
        let deleted = {
            let mut stmt = tx.prepare_cached(
                "SELECT key FROM deleted WHERE change_seq > ?1 AND change_seq <= ?2 ORDER BY change_seq",
            )?;
            let keys = stmt.query_map(params![after, upto], |r| r.get(0))?.collect::<Result<_, _>>()?;
            keys
        };
        tx.commit()?;
        Ok(Changes { rows, deleted, upto })
    }
}

/// Delete the articles matching `condition`, recording each key with a new
/// change sequence for the index and raising `key_floor` past them.
/// Returns how many were deleted.
fn delete_where(tx: &rusqlite::Transaction, condition: &str, values: impl rusqlite::Params) -> Result<u64> {
    let mut stmt = tx.prepare(&format!("DELETE FROM articles WHERE {condition} RETURNING key"))?;
    let mut keys: Vec<ArticleKey> = stmt.query_map(values, |r| r.get(0))?.collect::<Result<_, _>>()?;
    if keys.is_empty() {
        return Ok(0);
    }
    keys.sort_unstable();
    let seq: i64 = tx.query_row("SELECT value FROM meta WHERE name = 'change_seq'", [], |r| r.get(0))?;
    {
        let mut record = tx.prepare_cached("INSERT INTO deleted (change_seq, key) VALUES (?1, ?2)")?;
        for (i, key) in keys.iter().enumerate() {
            record.execute(params![seq + 1 + i as i64, key])?;
        }
    }
    let n = keys.len() as i64;
    tx.execute("UPDATE meta SET value = ?1 WHERE name = 'change_seq'", [seq + n])?;
    tx.execute("UPDATE meta SET value = value - ?1 WHERE name = 'article_count'", [n])?;
    tx.execute("UPDATE meta SET value = max(value, ?1) WHERE name = 'key_floor'", [keys[keys.len() - 1]])?;
    Ok(n as u64)
}

/// `keys` as a JSON array, for `json_each`: one statement for any number.
fn json_keys(keys: &[ArticleKey]) -> String {
    serde_json::to_string(keys).expect("integers serialise")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Filter, View};

    fn art(i: i64, published: i64, origin: Option<&str>) -> NewArticle {
        NewArticle {
            id: format!("a{i}"),
            source: "src".into(),
            title: format!("t{i}"),
            body: format!("b{i}"),
            published: Some(published),
            origin: origin.map(str::to_owned),
            ..Default::default()
        }
    }

    fn keys_of(store: &Store) -> Vec<ArticleKey> {
        store.window(0, 1000).unwrap().into_iter().map(|r| r.key).collect()
    }

    #[test]
    fn a_deleted_key_is_never_given_again() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[art(1, 10, None), art(2, 20, None)], 1).unwrap();
        let top = *keys_of(&store).iter().max().unwrap();
        store.delete(&[top]).unwrap();
        store.insert_batch(&[art(3, 30, None)], 1).unwrap();
        assert!(keys_of(&store).iter().all(|&k| k != top), "key {top} came back");
        assert!(*keys_of(&store).iter().max().unwrap() > top);
    }

    #[test]
    fn deletions_reach_the_index_in_one_snapshot_with_the_rows() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[art(1, 10, None), art(2, 20, None), art(3, 30, None)], 1).unwrap();
        let seq = store.change_seq().unwrap();
        let gone = keys_of(&store)[0];
        store.delete(&[gone]).unwrap();
        store.insert_batch(&[art(4, 40, None)], 1).unwrap();
        let changes = store.changes_since(seq, 100).unwrap();
        assert_eq!(changes.deleted, vec![gone]);
        assert_eq!(changes.rows.len(), 1);
        assert_eq!(changes.upto, store.change_seq().unwrap());
        // With a full page of rows, deletions after the last of them wait.
        let changes = store.changes_since(0, 2).unwrap();
        assert_eq!((changes.rows.len(), changes.upto), (2, changes.rows[1].change_seq));
        assert!(changes.deleted.is_empty());
    }

    #[test]
    fn purge_and_trim_keep_starred_articles() {
        let mut store = Store::open_in_memory().unwrap();
        let feed = "https://x.example/feed";
        let batch: Vec<NewArticle> = (0..10).map(|i| art(i, i * 100, Some(feed))).collect();
        store.insert_batch(&batch, 1).unwrap();
        let oldest = *keys_of(&store).last().unwrap();
        store.set_starred(oldest, true).unwrap();
        let purged = store.purge_older_than(300, None).unwrap();
        assert_eq!(purged, Purged { deleted: 2, kept_starred: 1 });
        assert_eq!(store.count().unwrap(), 8);
        assert!(keys_of(&store).contains(&oldest));
        let trimmed = store.trim_origin(feed, 5).unwrap();
        assert_eq!(trimmed, Purged { deleted: 2, kept_starred: 1 });
        assert_eq!(store.count().unwrap(), 6);
        let other = store.purge_older_than(i64::MAX, Some("https://other.example/")).unwrap();
        assert_eq!(other.deleted, 0, "another origin's purge touches nothing here");
        let view = View { filter: Filter::All, origin: Some(feed.into()), also: None };
        assert_eq!(store.count_view(&view).unwrap(), 6);
    }

    #[test]
    fn a_restored_article_keeps_its_state_and_origin() {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_batch(&[art(1, 10, Some("https://f.example/")), art(2, 20, None)], 1).unwrap();
        let all = keys_of(&store);
        store.set_starred(all[0], true).unwrap();
        store.set_read(all[1], true).unwrap();
        let gone = store.delete(&all).unwrap();
        assert_eq!(store.count().unwrap(), 0);
        let back = store.restore(&gone, 2).unwrap();
        assert_eq!(back.len(), 2);
        for (old, key) in gone.iter().zip(&back) {
            let new = store.article(*key).unwrap();
            assert_eq!((new.id.as_str(), new.read, new.starred), (old.id.as_str(), old.read, old.starred));
            assert_eq!(new.origin, old.origin);
        }
        assert_eq!(store.origins().unwrap().iter().map(|o| o.total).sum::<u64>(), 2);
    }
}
