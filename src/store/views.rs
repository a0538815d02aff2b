//! Views of the library: all articles, the unread or the starred ones, of
//! every origin or of one (a feed, an import source), newest first; their
//! counts; and the marks that apply to a whole view.
//!
//! A view is read a window at a time, like the whole library: by offset
//! from the nearer end, or next to a loaded row (keyset paging). Counts come
//! from the `origins` table the triggers keep (see `schema`), never from a
//! scan.

use super::{summary_from_row, ArticleKey, ArticleSummary, Result, Store, SUMMARY_COLS};
use rusqlite::types::Value;
use rusqlite::{params_from_iter, OptionalExtension};

/// Which articles of an origin a view shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Filter {
    #[default]
    All,
    Unread,
    Starred,
}

/// What a list shows: a filter, over one origin or all of them.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct View {
    pub filter: Filter,
    /// A feed's URL or an import source's name; `None`: every origin.
    pub origin: Option<String>,
    /// An article of the origin shown whatever the filter says, in its
    /// place: the one being read stays in the unread view when it is read.
    /// Counts, windows and ranks include it; marks of a whole view do not.
    pub also: Option<ArticleKey>,
}

impl View {
    /// The whole library.
    pub fn all() -> View {
        View::default()
    }

    /// `self` with another filter (and no article kept).
    pub fn with_filter(&self, filter: Filter) -> View {
        View { filter, origin: self.origin.clone(), also: None }
    }

    /// `self` without the article kept.
    fn base(&self) -> View {
        self.with_filter(self.filter)
    }

    /// The SQL condition (on `articles`) and its parameters.
    fn condition(&self) -> (String, Vec<Value>) {
        let mut parts = Vec::new();
        let mut values = Vec::new();
        match self.filter {
            Filter::All => {}
            // Written as the partial indexes are, so the planner uses them.
            Filter::Unread => parts.push("read = 0".to_owned()),
            Filter::Starred => parts.push("starred = 1".to_owned()),
        }
        if let Some(origin) = &self.origin {
            parts.push("origin = ?".to_owned());
            values.push(Value::Text(origin.clone()));
        }
        match parts.is_empty() {
            true => ("1".to_owned(), values),
            false => (parts.join(" AND "), values),
        }
    }
}

/// An origin and its counts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginCounts {
    pub origin: String,
    pub total: u64,
    pub unread: u64,
    pub starred: u64,
}

impl Store {
    /// The article `view` keeps beyond its filter ([`View::also`]), when
    /// it is of the view's origin and not shown anyway: its summary and its
    /// rank among the other rows.
    fn kept(&self, view: &View) -> Result<Option<(ArticleSummary, u64)>> {
        let Some(key) = view.also else { return Ok(None) };
        let base = view.base();
        if view.filter == Filter::All
            || !self.in_view(&base.with_filter(Filter::All), key)?
            || self.in_view(&base, key)?
        {
            return Ok(None);
        }
        let row = self.summaries(&[key])?.pop();
        let rank = self.rank_in(&base, key)?;
        Ok(row.zip(rank))
    }

    /// How many articles `view` shows.
    pub fn count_view(&self, view: &View) -> Result<u64> {
        let kept = self.kept(view)?.is_some() as u64;
        Ok(self.count_base(&view.base())? + kept)
    }

    fn count_base(&self, view: &View) -> Result<u64> {
        if *view == View::all() {
            return self.count();
        }
        let column = match view.filter {
            Filter::All => "total",
            Filter::Unread => "unread",
            Filter::Starred => "starred",
        };
        let n: Option<i64> = match &view.origin {
            Some(origin) => self
                .conn
                .prepare_cached(&format!("SELECT {column} FROM origins WHERE origin = ?1"))?
                .query_row([origin], |r| r.get(0))
                .optional()?,
            None => self.conn.query_row(&format!("SELECT sum({column}) FROM origins"), [], |r| r.get(0))?,
        };
        Ok(n.unwrap_or(0).max(0) as u64)
    }

    /// Rows `offset..offset+limit` of `view`, newest first, read from
    /// whichever end of the view is nearer.
    pub fn window_of(&self, view: &View, offset: u64, limit: usize) -> Result<Vec<ArticleSummary>> {
        let base = view.base();
        let Some((row, rank)) = self.kept(view)? else { return self.window_base(&base, offset, limit) };
        // Row `rank` is the kept one; the others shift down one after it.
        let from = if offset <= rank { offset } else { offset - 1 };
        let mut rows = self.window_base(&base, from, limit)?;
        if (offset..offset + limit as u64).contains(&rank) {
            rows.insert((rank - offset) as usize, row);
            rows.truncate(limit);
        }
        Ok(rows)
    }

    fn window_base(&self, view: &View, offset: u64, limit: usize) -> Result<Vec<ArticleSummary>> {
        let total = self.count_base(view)?;
        if offset >= total || limit == 0 {
            return Ok(Vec::new());
        }
        let limit = (limit as u64).min(total - offset);
        let from_end = total - offset - limit;
        let (order, skip) = if from_end < offset { ("ASC", from_end) } else { ("DESC", offset) };
        let (cond, mut values) = view.condition();
        let sql = format!(
            "SELECT {SUMMARY_COLS} FROM articles WHERE {cond}
             ORDER BY sort_time {order}, key {order} LIMIT ? OFFSET ?"
        );
        values.extend([Value::Integer(limit as i64), Value::Integer(skip as i64)]);
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows: Vec<ArticleSummary> =
            stmt.query_map(params_from_iter(values), summary_from_row)?.collect::<Result<_, _>>()?;
        if order == "ASC" {
            rows.reverse();
        }
        Ok(rows)
    }

    /// Up to `limit` rows of `view` that follow (`after`) or precede the
    /// article `anchor` in list order, in list order. The anchor itself
    /// need not be in the view (it may just have been marked read), but it
    /// must still be stored: empty if it is gone.
    pub fn window_next_to_in(
        &self,
        view: &View,
        anchor: ArticleKey,
        after: bool,
        limit: usize,
    ) -> Result<Vec<ArticleSummary>> {
        let base = view.base();
        let mut rows = self.next_to_base(&base, anchor, after, limit)?;
        let Some((row, rank)) = self.kept(view)? else { return Ok(rows) };
        if row.key == anchor || self.follows(row.key, anchor)? != after {
            return Ok(rows);
        }
        // Base ranks: `rank` rows of the base view precede the kept one,
        // `before` precede the anchor; the rows read are consecutive.
        let Some(before) = self.rank_in(&base, anchor)? else { return Ok(rows) };
        let first = match after {
            true => before + self.in_view(&base, anchor)? as u64,
            false => before - rows.len() as u64,
        };
        let Some(at) = rank.checked_sub(first).map(|i| i as usize).filter(|&i| i <= rows.len()) else {
            return Ok(rows);
        };
        rows.insert(at, row);
        match after {
            true => rows.truncate(limit),
            false => drop(rows.drain(..rows.len() - rows.len().min(limit))),
        }
        Ok(rows)
    }

    /// Whether article `a` comes after article `b` in list order (older).
    fn follows(&self, a: ArticleKey, b: ArticleKey) -> Result<bool> {
        let sql = "SELECT (x.sort_time, x.key) < (y.sort_time, y.key) FROM articles x, articles y
                   WHERE x.key = ?1 AND y.key = ?2";
        let r = self.conn.prepare_cached(sql)?.query_row([a, b], |r| r.get(0)).optional()?;
        Ok(r.unwrap_or(false))
    }

    fn next_to_base(&self, view: &View, anchor: ArticleKey, after: bool, limit: usize) -> Result<Vec<ArticleSummary>> {
        let (cmp, order) = if after { ("<", "DESC") } else { (">", "ASC") };
        let (cond, mut values) = view.condition();
        let sql = format!(
            "SELECT {SUMMARY_COLS} FROM articles
             WHERE (sort_time, key) {cmp} (SELECT sort_time, key FROM articles WHERE key = ?) AND {cond}
             ORDER BY sort_time {order}, key {order} LIMIT ?"
        );
        values.insert(0, Value::Integer(anchor));
        values.push(Value::Integer(limit as i64));
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows: Vec<ArticleSummary> =
            stmt.query_map(params_from_iter(values), summary_from_row)?.collect::<Result<_, _>>()?;
        if !after {
            rows.reverse();
        }
        Ok(rows)
    }

    /// The row article `key` has, or would have, in `view`: the number of
    /// the view's articles before it. `None` if the article is gone.
    pub fn rank_in(&self, view: &View, key: ArticleKey) -> Result<Option<u64>> {
        if view.also.is_none() {
            return self.rank_base(view, key);
        }
        let Some(rank) = self.rank_base(&view.base(), key)? else { return Ok(None) };
        let kept_before = match self.kept(view)? {
            Some((row, _)) => row.key != key && self.follows(key, row.key)?,
            None => false,
        };
        Ok(Some(rank + kept_before as u64))
    }

    fn rank_base(&self, view: &View, key: ArticleKey) -> Result<Option<u64>> {
        let (cond, mut values) = view.condition();
        let sql = format!(
            "SELECT (SELECT count(*) FROM articles WHERE (sort_time, key) > (a.sort_time, a.key) AND {cond})
             FROM articles AS a WHERE a.key = ?"
        );
        values.push(Value::Integer(key));
        let n: Option<i64> =
            self.conn.prepare_cached(&sql)?.query_row(params_from_iter(values), |r| r.get(0)).optional()?;
        Ok(n.map(|n| n as u64))
    }

    /// A number that changes when another connection (another process, or
    /// another thread's connection) commits a change to the database.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Which of `keys` are in `view`, in one statement.
    pub fn keys_in_view(&self, view: &View, keys: &[ArticleKey]) -> Result<std::collections::HashSet<ArticleKey>> {
        let (cond, mut values) = view.condition();
        values.insert(0, Value::Text(serde_json::to_string(keys).expect("integers serialise")));
        let sql = format!("SELECT key FROM articles WHERE key IN (SELECT value FROM json_each(?)) AND {cond}");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut found: std::collections::HashSet<ArticleKey> =
            stmt.query_map(params_from_iter(values), |r| r.get(0))?.collect::<Result<_, _>>()?;
        if let Some(also) = view.also.filter(|k| keys.contains(k) && !found.contains(k)) {
            if self.kept(view)?.is_some() {
                found.insert(also);
            }
        }
        Ok(found)
    }

    /// Whether article `key` is in `view`.
    pub fn in_view(&self, view: &View, key: ArticleKey) -> Result<bool> {
        Ok(self.keys_in_view(view, &[key])?.contains(&key))
    }

    /// The next unread article of `view` after (`forward`, older) or before
    /// the article `from` in list order; from the top when `from` is `None`.
    pub fn next_unread(&self, view: &View, from: Option<ArticleKey>, forward: bool) -> Result<Option<ArticleKey>> {
        let unread = view.with_filter(Filter::Unread);
        let row = match from {
            Some(key) => self.window_next_to_in(&unread, key, forward, 1)?.into_iter().next(),
            None => self.window_of(&unread, 0, 1)?.into_iter().next(),
        };
        Ok(row.map(|r| r.key))
    }

    /// Every origin with articles, and its counts, by origin.
    pub fn origins(&self) -> Result<Vec<OriginCounts>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT origin, total, unread, starred FROM origins WHERE total > 0 ORDER BY origin")?;
        let rows = stmt.query_map([], |r| {
            let n = |i| r.get::<_, i64>(i).map(|n| n.max(0) as u64);
            Ok(OriginCounts { origin: super::text(r, 0)?, total: n(1)?, unread: n(2)?, starred: n(3)? })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Set `flag` on (or off) for every article of `view`. Returns the keys
    /// that changed, for an undo ([`Store::set_flag_keys`]).
    pub fn mark_view(&mut self, view: &View, flag: Flag, on: bool) -> Result<Vec<ArticleKey>> {
        let (cond, values) = view.condition();
        let column = flag.column();
        let tx = self.write_transaction()?;
        let keys: Vec<ArticleKey> = {
            let sql = format!("UPDATE articles SET {column} = ? WHERE {column} = ? AND {cond} RETURNING key");
            let mut all = vec![Value::Integer(on.into()), Value::Integer((!on).into())];
            all.extend(values);
            let mut stmt = tx.prepare(&sql)?;
            let keys = stmt.query_map(params_from_iter(all), |r| r.get(0))?.collect::<Result<_, _>>()?;
            keys
        };
        tx.commit()?;
        Ok(keys)
    }

    /// Set `flag` on (or off) for the articles `keys` (those still
    /// stored), in one transaction. Returns the keys that changed.
    pub fn set_flag_keys(&mut self, keys: &[ArticleKey], flag: Flag, on: bool) -> Result<Vec<ArticleKey>> {
        let column = flag.column();
        let tx = self.write_transaction()?;
        let mut changed = Vec::new();
        {
            let sql = format!("UPDATE articles SET {column} = ?1 WHERE key = ?2 AND {column} != ?1");
            let mut stmt = tx.prepare_cached(&sql)?;
            for &key in keys {
                if stmt.execute(rusqlite::params![on, key])? > 0 {
                    changed.push(key);
                }
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// The key of the article with external id `id`.
    pub fn key_of_id(&self, id: &str) -> Result<Option<ArticleKey>> {
        Ok(self
            .conn
            .prepare_cached("SELECT key FROM articles WHERE id = ?1")?
            .query_row([id], |r| r.get(0))
            .optional()?)
    }
}

/// A state an article has or not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flag {
    Read,
    Starred,
}

impl Flag {
    fn column(self) -> &'static str {
        match self {
            Flag::Read => "read",
            Flag::Starred => "starred",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewArticle;
    use proptest::prelude::*;

    /// One article as the model sees it: (published, origin, read, starred).
    type Spec = (i64, u8, bool, bool);

    const ORIGINS: [&str; 3] = ["https://a.example/feed", "https://b.example/rss", "hewal sample"];

    /// A store holding `specs`, and every row's (key, spec) in list order.
    fn library(specs: &[Spec]) -> (Store, Vec<(ArticleKey, Spec)>) {
        let mut store = Store::open_in_memory().unwrap();
        let batch: Vec<NewArticle> = specs
            .iter()
            .enumerate()
            .map(|(i, &(published, origin, _, _))| {
                let origin = ORIGINS[origin as usize % 3];
                let feed = origin.starts_with("https").then(|| origin.to_owned());
                NewArticle {
                    id: format!("a{i}"),
                    source: if feed.is_some() { format!("feed {}", origin.len()) } else { origin.to_owned() },
                    title: format!("t{i}"),
                    body: format!("b{i}"),
                    published: Some(published),
                    origin: feed,
                    ..Default::default()
                }
            })
            .collect();
        let mut keys = vec![0; specs.len()];
        store.insert_batch_with(&batch, 1, &mut |i, key, _| keys[i] = key).unwrap();
        for (&key, &(_, _, read, starred)) in keys.iter().zip(specs) {
            store.set_read(key, read).unwrap();
            store.set_starred(key, starred).unwrap();
        }
        let mut rows: Vec<(ArticleKey, Spec)> = keys.into_iter().zip(specs.iter().copied()).collect();
        rows.sort_by_key(|&(key, (published, ..))| std::cmp::Reverse((published, key)));
        (store, rows)
    }

    fn views() -> Vec<View> {
        let mut out = Vec::new();
        for filter in [Filter::All, Filter::Unread, Filter::Starred] {
            out.push(View { filter, origin: None, also: None });
            for o in ORIGINS {
                out.push(View { filter, origin: Some(o.to_owned()), also: None });
            }
        }
        out
    }

    /// The keys `view` shows, by brute force over the model.
    fn model(rows: &[(ArticleKey, Spec)], view: &View) -> Vec<ArticleKey> {
        rows.iter()
            .filter(|(key, (_, o, read, starred))| {
                let in_filter = match view.filter {
                    Filter::All => true,
                    Filter::Unread => !read,
                    Filter::Starred => *starred,
                };
                let in_origin = view.origin.as_deref().is_none_or(|v| v == ORIGINS[*o as usize % 3]);
                (in_filter || view.also == Some(*key)) && in_origin
            })
            .map(|(k, _)| *k)
            .collect()
    }

    fn keys(rows: Vec<ArticleSummary>) -> Vec<ArticleKey> {
        rows.into_iter().map(|r| r.key).collect()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Every view's count, windows (from either end), keyset pages and
        /// ranks agree with a brute-force filter of the library.
        #[test]
        fn views_agree_with_a_brute_force_filter(
            specs in proptest::collection::vec((0i64..20, 0u8..3, any::<bool>(), any::<bool>()), 0..40),
            offset in 0u64..45,
            limit in 1usize..12,
            kept in any::<proptest::sample::Index>(),
        ) {
            let (store, rows) = library(&specs);
            // Each view, and each with an article kept beyond its filter.
            let also = (!rows.is_empty()).then(|| rows[kept.index(rows.len())].0);
            let views = views().into_iter().flat_map(|v| [v.clone(), View { also, ..v }]);
            for view in views {
                let want = model(&rows, &view);
                prop_assert_eq!(store.count_view(&view).unwrap(), want.len() as u64, "{:?}", view);
                let from = (offset as usize).min(want.len());
                let to = (from + limit).min(want.len());
                prop_assert_eq!(keys(store.window_of(&view, offset, limit).unwrap()), &want[from..to], "{:?}", view);
                for (i, &(key, _)) in rows.iter().enumerate() {
                    let rank = want.iter().position(|&k| k == key)
                        .unwrap_or_else(|| model(&rows[..i], &view).len());
                    prop_assert_eq!(store.rank_in(&view, key).unwrap(), Some(rank as u64), "{:?} {}", view, key);
                    let after: Vec<_> = want.iter().copied().filter(|&k| {
                        let pos = rows.iter().position(|r| r.0 == k).unwrap();
                        pos > i
                    }).take(limit).collect();
                    prop_assert_eq!(keys(store.window_next_to_in(&view, key, true, limit).unwrap()), after, "{:?}", view);
                    let before: Vec<_> = want.iter().copied().filter(|&k| {
                        let pos = rows.iter().position(|r| r.0 == k).unwrap();
                        pos < i
                    }).collect();
                    let before = &before[before.len().saturating_sub(limit)..];
                    prop_assert_eq!(keys(store.window_next_to_in(&view, key, false, limit).unwrap()), before, "{:?}", view);
                    prop_assert_eq!(store.in_view(&view, key).unwrap(), want.contains(&key), "{:?}", view);
                }
            }
        }
    }

    #[test]
    fn counts_follow_every_write_and_marks_undo() {
        let specs: Vec<Spec> = (0..30).map(|i| (i, (i % 3) as u8, i % 4 == 0, i % 5 == 0)).collect();
        let (mut store, rows) = library(&specs);
        let check = |store: &Store, rows: &[(ArticleKey, Spec)]| {
            for view in views() {
                assert_eq!(store.count_view(&view).unwrap(), model(rows, &view).len() as u64, "{view:?}");
            }
        };
        check(&store, &rows);
        // Mark one origin read, then undo it.
        let feed = View { filter: Filter::All, origin: Some(ORIGINS[0].to_owned()), also: None };
        let unread_before = store.count_view(&feed.with_filter(Filter::Unread)).unwrap();
        let changed = store.mark_view(&feed, Flag::Read, true).unwrap();
        assert_eq!(changed.len() as u64, unread_before);
        assert_eq!(store.count_view(&feed.with_filter(Filter::Unread)).unwrap(), 0);
        assert_eq!(store.set_flag_keys(&changed, Flag::Read, false).unwrap(), changed);
        check(&store, &rows);
        // Origins list every origin with its counts.
        let origins = store.origins().unwrap();
        assert_eq!(origins.len(), 3);
        assert_eq!(origins.iter().map(|o| o.total).sum::<u64>(), 30);
        // Deleting keeps the counts right.
        let gone = store.delete(&[rows[0].0, rows[1].0]).unwrap();
        assert_eq!(gone.len(), 2);
        check(&store, &rows[2..]);
        assert_eq!(store.count().unwrap(), 28);
    }

    #[test]
    fn next_unread_walks_the_view_both_ways() {
        let specs: Vec<Spec> = (0..10).map(|i| (i, 0, i % 3 != 0, false)).collect();
        let (store, rows) = library(&specs);
        let view = View::all();
        let unread = model(&rows, &view.with_filter(Filter::Unread));
        assert_eq!(store.next_unread(&view, None, true).unwrap(), unread.first().copied());
        let mut at = unread[0];
        for &want in &unread[1..] {
            at = store.next_unread(&view, Some(at), true).unwrap().unwrap();
            assert_eq!(at, want);
        }
        assert_eq!(store.next_unread(&view, Some(at), true).unwrap(), None, "none after the last");
        assert_eq!(store.next_unread(&view, Some(at), false).unwrap(), Some(unread[unread.len() - 2]));
    }
}
