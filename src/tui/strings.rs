//! Every sentence the TUI shows: status-line messages, labels, popup
//! titles. Views and the app take their words from here, so wording is
//! reviewed (and later translated) in one place. Messages are lowercase,
//! name the thing and say what to do, as the CLI's do.

use crate::jobs::fetch::{RefreshError, RefreshReport};

pub const SEARCH_PLACEHOLDER: &str = "search (press /)";
pub const NO_MATCHES: &str = "no matches";
pub const LIBRARY_EMPTY: &str = "the library is empty: hewal import PATH";
/// What an empty view says: why it is empty and the key that fills it.
pub fn empty_view(view: &crate::store::View) -> &'static str {
    match (view.filter, &view.origin) {
        (crate::store::Filter::Unread, _) => "no unread articles here · u shows all",
        (crate::store::Filter::Starred, _) => "no starred articles here · s stars one · S shows all",
        (crate::store::Filter::All, Some(_)) => "nothing from this source yet · R fetches",
        (crate::store::Filter::All, None) => LIBRARY_EMPTY,
    }
}
pub const NO_ARTICLE: &str = "no article selected";
pub const STATUS_HINT: &str = "? help  q quit";
pub const HELP_TITLE: &str = " keys (any key closes) ";
pub const NO_FEEDS: &str = "no feeds yet: hewal feed add URL (or hewal feed import FILE.opml)";
pub const ALL_ARTICLES: &str = "all articles";
pub const FEEDS_HINT: &str = "Enter shows its articles · A marks them read · R fetches · Esc back";
pub const FEED_NEVER_FETCHED: &str = "never";
pub const LINKS_TITLE: &str = " links: press a digit to open ";
pub const CALIBRATION_HEADER: [&str; 2] = [
    "Which block reads right: Kurdish from the right edge, letters joined?",
    "Press 1, 2 or 3 to keep it for this terminal (Esc: keep the detected mode).",
];

pub const NO_LINK: &str = "this article has no link";
pub const NO_LINKS: &str = "this article has no links";
pub const NO_HITS: &str = "no search hits in this article";
pub const ALREADY_FETCHING: &str = "already fetching";
/// Where a search looks, for the search bar: everywhere, or the view
/// (its filter and origin).
pub fn search_scope(everywhere: bool, filter: crate::store::Filter, origin: Option<&str>) -> String {
    if everywhere {
        return "everywhere (Tab: in the view)".to_owned();
    }
    let filter = match filter {
        crate::store::Filter::All => "",
        crate::store::Filter::Unread => "unread",
        crate::store::Filter::Starred => "starred",
    };
    let origin = origin.unwrap_or("");
    let sep = if filter.is_empty() || origin.is_empty() { "" } else { " · " };
    format!("in {filter}{sep}{origin} (Tab: everywhere)")
}

pub const PIPE_LABEL: &str = " | command: ";
pub const SAVE_LABEL: &str = " save to file: ";
pub const UNDONE: &str = "undone";

pub fn saved_to(path: &str) -> String {
    format!("saved to {path}")
}

pub fn cannot_save_to(path: &str, error: &dyn std::fmt::Display) -> String {
    format!("cannot save to {path}: {error}")
}

pub fn command_failed(command: &str, error: &dyn std::fmt::Display) -> String {
    format!("{command}: {error}")
}
pub const NOTHING_TO_UNDO: &str = "nothing to undo";
pub const NO_MORE_UNREAD: &str = "no more unread articles here";

pub fn marked(n: usize, flag: crate::store::Flag, on: bool) -> String {
    let what = match (flag, on) {
        (crate::store::Flag::Read, true) => "marked read",
        (crate::store::Flag::Read, false) => "marked unread",
        (crate::store::Flag::Starred, true) => "starred",
        (crate::store::Flag::Starred, false) => "unstarred",
    };
    format!("{what}: {n} article(s); U undoes")
}

pub fn deleted(n: usize) -> String {
    format!("deleted {n} article(s); U undoes")
}

pub fn cannot_delete(error: &dyn std::fmt::Display) -> String {
    format!("cannot delete: {error}")
}

pub const READ_ONLY: &str = "the library cannot be changed (read-only): reading works, marks are not saved";

pub fn no_link_numbered(n: u32) -> String {
    format!("no link [{n}]")
}

pub fn not_a_web_link(url: &str) -> String {
    format!("not opening a non-web link: {url}")
}

pub fn copied(url: &str) -> String {
    format!("copied {url}")
}

pub fn opened(url: &str) -> String {
    format!("opened {url}")
}

pub fn copied_over_ssh(url: &str) -> String {
    format!("no browser here (SSH): copied {url}")
}

/// `o` could not start `program`.
pub fn browser_failed(program: &str, error: &std::io::Error) -> String {
    let why = match error.kind() {
        std::io::ErrorKind::NotFound => "not found".to_owned(),
        std::io::ErrorKind::PermissionDenied => "not executable".to_owned(),
        _ => error.to_string(),
    };
    format!("cannot start the browser {program} ({why}): set browser in config.toml or $BROWSER; y copies the link")
}

pub fn cannot_read_library(error: &dyn std::fmt::Display) -> String {
    format!("cannot read the library: {error}")
}

pub fn cannot_read_article(error: &dyn std::fmt::Display) -> String {
    format!("cannot read the article: {error}")
}

pub fn cannot_read_feeds(error: &dyn std::fmt::Display) -> String {
    format!("cannot read feed states: {error}")
}

pub fn cannot_save(what: &str, error: &dyn std::fmt::Display) -> String {
    format!("cannot save {what}: {error}")
}

pub fn query_full() -> String {
    format!("a query is read up to {} characters", crate::search::query::MAX_QUERY_CHARS)
}

pub fn worker_panicked(what: &str) -> String {
    format!("internal error in {what} (please report it); hewal goes on")
}

pub fn search_unavailable(why: &str) -> String {
    format!("search is unavailable: {why}")
}

/// One line for the status bar once a refresh has ended.
pub fn fetch_done(outcome: &Result<RefreshReport, RefreshError>) -> String {
    let report = match outcome {
        Ok(r) => r,
        Err(e @ RefreshError::NoFeeds(_)) => return e.to_string(),
        Err(e) => return format!("fetch failed: {e}"),
    };
    let mut s = format!("fetched {} feed(s): {} new, {} updated", report.feeds, report.inserted, report.updated);
    if report.trimmed > 0 {
        s.push_str(&format!(", {} old deleted (max_articles)", report.trimmed));
    }
    if let Some((url, err)) = report.errors.first() {
        s.push_str(&format!("; {} failed ({url}: {err})", report.errors.len()));
    }
    s
}

/// What the calibration saved, for the status line.
pub fn calibrated(by_terminal: bool, shaping: bool, saved: Result<(), String>) -> String {
    let what = format!(
        "bidi {}, shaping {}",
        if by_terminal { "by the terminal" } else { "by hewal" },
        if shaping { "on" } else { "off" }
    );
    match saved {
        Ok(()) => format!("saved for this terminal: {what} (hewal calibrate changes it)"),
        Err(e) => format!("using {what}, but {e}"),
    }
}

pub const CALIBRATION_UNCHANGED: &str = "calibration unchanged";

pub const SEARCHING: &str = " · searching…";
pub const INDEX_OPENING: &str = " · opening index";
pub const SEARCH_UNAVAILABLE: &str = " · search unavailable";

pub fn articles(total: u64) -> String {
    format!("{} articles", n(total))
}

/// A number in the digits chosen (`digits` in config.toml).
fn n(x: impl std::fmt::Display) -> String {
    super::format::digits(&x.to_string())
}

/// What the status line says of a view: its filter, its origin (`origin`,
/// already laid out for display), and the unread in it; the number of
/// articles too when no position (`n/total`) says it.
pub fn view_count(filter: crate::store::Filter, origin: Option<&str>, total: u64, unread: u64) -> String {
    let filter = match filter {
        crate::store::Filter::All => "all",
        crate::store::Filter::Unread => "unread",
        crate::store::Filter::Starred => "starred",
    };
    let origin = origin.map(|o| format!(" · {o}")).unwrap_or_default();
    match total {
        0 => format!("{filter}{origin} · {}", articles(0)),
        _ => format!("{filter}{origin} · {} unread", n(unread)),
    }
}

/// The count of a search answer: `total` matches, `kept` of them listed,
/// `complete` once counted, found in `ms`.
pub fn matches(total: usize, kept: usize, complete: bool, ms: u128) -> String {
    if !complete {
        // Only the first screens are ranked yet; the count follows.
        format!("≥ {} matches · counting… · {} ms", n(total), n(ms))
    } else if total > kept {
        format!("{} matches (best {}) · {} ms", n(total), n(kept), n(ms))
    } else {
        format!("{} matches · {} ms", n(total), n(ms))
    }
}

pub fn indexing(percent: u64) -> String {
    format!(" · indexing {}%", n(percent))
}

pub fn fetching(done: usize, total: usize) -> String {
    if total > 0 {
        format!(" · fetching {}/{}", n(done), n(total))
    } else {
        " · fetching".to_owned()
    }
}

#[cfg(test)]
mod browser_tests {
    #[test]
    fn a_browser_that_cannot_start_is_named_with_the_cause_and_the_fix() {
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        let m = super::browser_failed("xdg-open", &e);
        assert!(m.contains("cannot start the browser xdg-open (not found)"), "{m}");
        assert!(m.contains("set browser in config.toml or $BROWSER") && m.contains("y copies the link"), "{m}");
    }
}
