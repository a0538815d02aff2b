//! `hewal list`, `hewal mark` and `hewal purge`: the library's views, marks
//! and retention from the command line, for scripts and cron.

use super::args::MarkArg;
use super::{feeds, messages, open_index, open_store, open_store_to_read, output, strings, Look};
use crate::config::Paths;
use crate::store::{Filter, Flag, Store, View};
use anyhow::{bail, Result};
use std::io::Write;

/// The filter `--unread` / `--starred` ask for.
pub fn filter(unread: bool, starred: bool) -> Filter {
    match (unread, starred) {
        (true, _) => Filter::Unread,
        (_, true) => Filter::Starred,
        _ => Filter::All,
    }
}

/// `hewal list`.
pub fn list(look: &Look, limit: Option<usize>, json: bool, filter: Filter, feed: Option<&str>) -> Result<()> {
    let paths = look.paths;
    let Some(store) = open_store_to_read(paths)? else { return Ok(()) };
    if store.count()? == 0 {
        messages::message(strings::library_empty());
        return Ok(());
    }
    let view = View { filter, origin: feed.map(|f| origin(paths, &store, f)).transpose()?, also: None };
    let out = std::io::stdout();
    let mut out = out.lock();
    let tty = if json { None } else { look.terminal() };
    let limit = limit.unwrap_or(usize::MAX);
    let mut last = None;
    let mut listed = 0usize;
    while listed < limit {
        let want = (limit - listed).min(1000);
        // Keyset pages: each costs the page, however deep in the list.
        let page = match last {
            None => store.window_of(&view, 0, want)?,
            Some(key) => store.window_next_to_in(&view, key, true, want)?,
        };
        let Some(tail) = page.last() else { break };
        last = Some(tail.key);
        for s in &page {
            if json {
                writeln!(out, "{}", output::summary_json(&store.article(s.key)?))?;
            } else {
                writeln!(out, "{}", output::row_plain(&s.title, &s.source, s.published, tty))?;
            }
        }
        listed += page.len();
    }
    Ok(())
}

/// `hewal mark`.
pub fn mark(paths: &Paths, mark: MarkArg, all: bool, feed: Option<&str>, ids: &[String]) -> Result<()> {
    let mut store = open_store(paths)?;
    let (flag, on) = match mark {
        MarkArg::Read => (Flag::Read, true),
        MarkArg::Unread => (Flag::Read, false),
        MarkArg::Star => (Flag::Starred, true),
        MarkArg::Unstar => (Flag::Starred, false),
    };
    let changed = if all || feed.is_some() {
        let view =
            View { filter: Filter::All, origin: feed.map(|f| origin(paths, &store, f)).transpose()?, also: None };
        store.mark_view(&view, flag, on)?.len()
    } else {
        let mut keys = Vec::with_capacity(ids.len());
        for id in ids {
            match store.key_of_id(id)? {
                Some(key) => keys.push(key),
                None => messages::error(strings::no_article_id(id)),
            }
        }
        store.set_flag_keys(&keys, flag, on)?.len()
    };
    messages::status(strings::marked(changed as u64, flag, on));
    Ok(())
}

/// `hewal purge`.
pub fn purge(paths: &Paths, older_than: Option<u64>, feed: Option<&str>) -> Result<()> {
    let mut store = open_store(paths)?;
    let origin = feed.map(|f| origin(paths, &store, f)).transpose()?;
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let cutoff = match older_than {
        Some(days) => now.saturating_sub(days.saturating_mul(86_400).min(i64::MAX as u64) as i64),
        None => i64::MAX,
    };
    let purged = store.purge_older_than(cutoff, origin.as_deref())?;
    messages::status(strings::purged(purged.deleted, purged.kept_starred));
    // The index follows now, so no search finds what was deleted.
    open_index(paths, &store, false)?;
    Ok(())
}

/// The origin that FEED names: a feed's URL or an import source's name as
/// stored, else the title of a subscription or of a fetched feed (in any
/// letter case).
fn origin(paths: &Paths, store: &Store, name: &str) -> Result<String> {
    let origins = store.origins()?;
    if origins.iter().any(|o| o.origin == name) {
        return Ok(name.to_owned());
    }
    let subs = feeds::load(paths)?;
    if subs.iter().any(|s| s.url == name) {
        return Ok(name.to_owned()); // subscribed, nothing fetched yet
    }
    let wanted = name.to_lowercase();
    let titled = |t: Option<&str>| t.is_some_and(|t| t.to_lowercase() == wanted);
    let mut found: Vec<String> = subs.iter().filter(|s| titled(s.title.as_deref())).map(|s| s.url.clone()).collect();
    found.extend(store.feed_states()?.into_iter().filter(|f| titled(f.title.as_deref())).map(|f| f.url));
    found.sort();
    found.dedup();
    match found.len() {
        1 => Ok(found.remove(0)),
        0 => {
            let sources: Vec<String> = origins
                .iter()
                .filter(|o| !subs.iter().any(|s| s.url == o.origin))
                .map(|o| format!("{:?}", o.origin))
                .take(10)
                .collect();
            bail!(strings::no_such_origin(name, &sources))
        }
        _ => bail!(strings::ambiguous_title(name, &found)),
    }
}
