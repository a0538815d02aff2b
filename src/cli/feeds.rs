//! `hewal feed …` and `hewal fetch`: subscriptions live in a newsboat-style
//! `urls` file in the config directory; fetch state lives in the store.

use super::{messages, open_index, open_store, output, strings};
use crate::config::{write_atomic, Paths};
use crate::feeds::{opml, urls, FetchOptions, Subscription};
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;

/// The subscriptions, with a message on stderr for each line skipped.
pub fn load(paths: &Paths) -> Result<Vec<Subscription>> {
    let path = paths.urls_path();
    let (subs, problems) = crate::feeds::load_subscriptions(&path).with_context(|| strings::cannot_read(&path))?;
    for p in problems {
        messages::message(p);
    }
    Ok(subs)
}

/// Write the subscriptions, replacing the file whole: a crash never leaves
/// half of it.
fn save(paths: &Paths, subs: &[Subscription]) -> Result<()> {
    Ok(write_atomic(&paths.urls_path(), urls::render(subs).as_bytes())?)
}

/// `hewal feed add`.
pub fn add(paths: &Paths, url: &str, title: Option<String>, tags: Vec<String>) -> Result<()> {
    if !urls::is_web_url(url) {
        bail!(strings::not_a_web_url(url));
    }
    let mut subs = load(paths)?;
    if subs.iter().any(|s| s.url == url) {
        bail!(strings::already_subscribed(url));
    }
    subs.push(Subscription { url: url.to_owned(), title, tags });
    save(paths, &subs)?;
    messages::status(strings::subscribed(url));
    Ok(())
}

/// `hewal feed remove`.
pub fn remove(paths: &Paths, url: &str) -> Result<()> {
    let mut subs = load(paths)?;
    let before = subs.len();
    subs.retain(|s| s.url != url);
    if subs.len() == before {
        bail!(strings::not_subscribed(url));
    }
    save(paths, &subs)?;
    messages::status(strings::unsubscribed(url));
    Ok(())
}

/// `hewal feed list`. Its rows are results on stdout, for scripts as much
/// as people, and stay English.
pub fn list(paths: &Paths, json: bool) -> Result<()> {
    let subs = load(paths)?;
    let store = open_store(paths)?;
    let states = store.feed_states()?;
    let out = std::io::stdout();
    let mut out = out.lock();
    for s in &subs {
        let st = states.iter().find(|st| st.url == s.url);
        let last = st.and_then(|st| st.last_fetch).and_then(output::rfc3339);
        let error = st.and_then(|st| st.last_error.clone());
        let items = st.map_or(0, |st| st.item_count);
        if json {
            let v = serde_json::json!({
                "url": s.url, "title": s.title.clone().or_else(|| st.and_then(|st| st.title.clone())),
                "tags": s.tags, "last_fetch": last, "last_error": error, "items": items,
            });
            writeln!(out, "{}", output::json_safe(v.to_string()))?;
        } else {
            let status = match (&last, &error) {
                (None, _) => "never fetched".to_owned(),
                // The error names its feed first; the row has named it already.
                (Some(_), Some(e)) => {
                    let e = e.strip_prefix(s.url.as_str()).and_then(|e| e.strip_prefix(": ")).unwrap_or(e);
                    format!("error: {}", crate::text::sanitize(e))
                }
                (Some(t), None) => format!("ok {t}"),
            };
            writeln!(out, "{}  {items} items  {status}", crate::text::sanitize(&s.url))?;
        }
    }
    Ok(())
}

/// Subscribe to everything in an OPML file or a newsboat `urls` file. Lines
/// of a `urls` file that are skipped are reported; they do not fail the run.
pub fn import(paths: &Paths, file: &Path) -> Result<()> {
    let text = std::fs::read_to_string(file).with_context(|| strings::cannot_read(file))?;
    let new = if text.trim_start().starts_with('<') {
        opml::parse(&text).with_context(|| strings::not_opml(file))?
    } else {
        let (subs, problems) = urls::parse(&text);
        for (line, msg) in problems {
            messages::message(format_args!("{}:{line}: {msg}", file.display()));
        }
        subs
    };
    let mut subs = load(paths)?;
    let mut added = 0;
    for s in new {
        if !subs.iter().any(|o| o.url == s.url) {
            subs.push(s);
            added += 1;
        }
    }
    save(paths, &subs)?;
    messages::status(strings::feeds_subscribed(added));
    Ok(())
}

/// `hewal feed export`.
pub fn export(paths: &Paths) -> Result<()> {
    let subs = load(paths)?;
    std::io::stdout().write_all(opml::render(&subs).as_bytes())?;
    Ok(())
}

/// Fetch every subscription, store new and updated entries, index them.
/// A feed that fails is an item error; the others are stored.
pub fn fetch(paths: &Paths, retention: crate::config::Retention) -> Result<()> {
    let subs = load(paths)?;
    if subs.is_empty() {
        messages::status(strings::no_subscriptions());
        return Ok(());
    }
    let mut store = open_store(paths)?;
    let progress = output::Progress::new(&strings::progress_fetching());
    progress.update(0, subs.len() as u64);
    let now = time::OffsetDateTime::now_utc().unix_timestamp();
    let opts = FetchOptions { retention, ..FetchOptions::default() };
    let report = crate::jobs::fetch::refresh(&mut store, &subs, &opts, now, &|done, total| {
        progress.update(done as u64, total as u64)
    })?;
    progress.finish();
    // Each error and warning names its feed already; their text comes from
    // the network, so it is sanitised before it reaches the terminal.
    for (_, err) in &report.errors {
        messages::error(crate::text::sanitize(err));
    }
    for (_, warning) in &report.warnings {
        messages::warning(crate::text::sanitize(warning));
    }
    messages::status(strings::fetched(&report));
    open_index(paths, &store, false)?;
    Ok(())
}
