//! Every sentence the TUI shows: status-line messages, labels, popup
//! titles. Views and the app take their words from here; the words
//! themselves are in the message catalogues (`locales/*.ftl`, see
//! [`crate::i18n`]), so they are reviewed and translated in one place.
//! Messages are lowercase, name the thing and say what to do, as the CLI's
//! do. Numbers are written in the digits chosen (`digits`).

use crate::i18n::{text, text_with};
use crate::jobs::fetch::{RefreshError, RefreshReport};
use fluent_bundle::FluentValue;

/// A number in the digits chosen (`digits` in config.toml).
fn n(x: impl std::fmt::Display) -> String {
    super::format::digits(&x.to_string())
}

/// A count as a message variable: shown in the digits chosen (`shown`),
/// and a number for the plural form (`n`).
fn count(x: u64) -> [(&'static str, FluentValue<'static>); 2] {
    [("n", FluentValue::from(x as f64)), ("shown", FluentValue::from(n(x)))]
}

fn shown(x: impl std::fmt::Display) -> [(&'static str, FluentValue<'static>); 1] {
    [("shown", FluentValue::from(n(x)))]
}

fn arg(name: &str, value: impl std::fmt::Display) -> (&str, FluentValue<'static>) {
    (name, FluentValue::from(value.to_string()))
}

/// A variable from outside hewal's words (a feed's name, a path, a URL,
/// an error), isolated (FSI … PDI) so that its direction neither takes
/// nor gives to the sentence around it: `2 unread` after a Sorani feed
/// name stays `2 unread`. The layout honours the isolate and draws no
/// control.
fn quoted(name: &str, value: impl std::fmt::Display) -> (&str, FluentValue<'static>) {
    (name, FluentValue::from(isolate(&value.to_string())))
}

/// `text` in a first-strong isolate.
pub fn isolate(text: &str) -> String {
    format!("\u{2068}{text}\u{2069}")
}

pub fn search_placeholder() -> String {
    text("search-placeholder")
}
pub fn no_matches() -> String {
    text("no-matches")
}
pub fn library_empty() -> String {
    text("library-empty")
}
/// What an empty view says: why it is empty and the key that fills it.
pub fn empty_view(view: &crate::store::View) -> String {
    text(match (view.filter, &view.origin) {
        (crate::store::Filter::Unread, _) => "empty-unread",
        (crate::store::Filter::Starred, _) => "empty-starred",
        (crate::store::Filter::All, Some(_)) => "empty-source",
        (crate::store::Filter::All, None) => "library-empty",
    })
}
pub fn no_article() -> String {
    text("no-article")
}
pub fn status_hint() -> String {
    text("status-hint")
}
pub fn help_title() -> String {
    text("help-title")
}
pub fn no_feeds() -> String {
    text("no-feeds")
}
pub fn all_articles() -> String {
    text("all-articles")
}
pub fn feeds_hint() -> String {
    text("feeds-hint")
}
pub fn feed_never_fetched() -> String {
    text("feed-never-fetched")
}
pub fn links_title() -> String {
    text("links-title")
}
/// The calibration's candidates, in `CANDIDATES`' order.
pub const CANDIDATE_IDS: [&str; 3] = ["candidate-app-shaped", "candidate-app", "candidate-terminal"];

pub fn calibration_candidate(i: usize) -> String {
    CANDIDATE_IDS.get(i).map(|id| text(id)).unwrap_or_default()
}

pub fn calibration_header() -> [String; 2] {
    [text("calibration-question"), text("calibration-keep")]
}
pub fn no_link() -> String {
    text("no-link")
}
pub fn no_links() -> String {
    text("no-links")
}
pub fn no_hits() -> String {
    text("no-hits")
}
pub fn already_fetching() -> String {
    text("already-fetching")
}

/// Where a search looks, for the search bar: everywhere, or the view
/// (its filter and origin).
pub fn search_scope(everywhere: bool, filter: crate::store::Filter, origin: Option<&str>) -> String {
    if everywhere {
        return text("scope-everywhere");
    }
    let filter = match filter {
        crate::store::Filter::All => String::new(),
        crate::store::Filter::Unread => text("filter-unread"),
        crate::store::Filter::Starred => text("filter-starred"),
    };
    let origin = origin.map(isolate).unwrap_or_default();
    let sep = if filter.is_empty() || origin.is_empty() { "" } else { " · " };
    text_with("scope-view", &[arg("view", format!("{filter}{sep}{origin}"))])
}

/// How the Latin words of a query are read in Arabic script, as they are
/// matched (`≈ هەولێر کوردستان`); `None` when it has none or Latin
/// matching is off. The words themselves are isolated from the sign.
pub fn latin_reading(query: &str) -> Option<String> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let typing = !query.ends_with(char::is_whitespace);
    let readings: Vec<String> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            crate::search::query::latin_reading(w, typing && i + 1 == words.len())
        })
        .collect();
    (!readings.is_empty()).then(|| format!("≈ {}", isolate(&readings.join(" "))))
}

pub fn pipe_label() -> String {
    text("pipe-label")
}
pub fn save_label() -> String {
    text("save-label")
}
pub fn undone() -> String {
    text("undone")
}

pub fn saved_to(path: &str) -> String {
    text_with("saved-to", &[quoted("path", path)])
}

pub fn cannot_save_to(path: &str, error: &dyn std::fmt::Display) -> String {
    text_with("cannot-save-to", &[quoted("path", path), quoted("error", error)])
}

pub fn command_failed(command: &str, error: &dyn std::fmt::Display) -> String {
    text_with("command-failed", &[quoted("command", command), quoted("error", error)])
}
pub fn nothing_to_undo() -> String {
    text("nothing-to-undo")
}
pub fn no_more_unread() -> String {
    text("no-more-unread")
}

pub fn marked(k: usize, flag: crate::store::Flag, on: bool) -> String {
    let id = match (flag, on) {
        (crate::store::Flag::Read, true) => "marked-read",
        (crate::store::Flag::Read, false) => "marked-unread",
        (crate::store::Flag::Starred, true) => "marked-starred",
        (crate::store::Flag::Starred, false) => "marked-unstarred",
    };
    text_with(id, &count(k as u64))
}

pub fn deleted(k: usize) -> String {
    text_with("deleted", &count(k as u64))
}

pub fn cannot_delete(error: &dyn std::fmt::Display) -> String {
    text_with("cannot-delete", &[quoted("error", error)])
}

/// What a library opened only to read says at the start (`why` it is).
pub fn read_only(why: crate::store::Unwritable) -> String {
    text(match why {
        crate::store::Unwritable::ReadOnly => "read-only",
        crate::store::Unwritable::DiskFull => "disk-full",
    })
}

pub fn no_link_numbered(k: u32) -> String {
    text_with("no-link-numbered", &shown(k))
}

pub fn not_a_web_link(url: &str) -> String {
    text_with("not-a-web-link", &[quoted("url", url)])
}

pub fn copied(url: &str) -> String {
    text_with("copied", &[quoted("url", url)])
}

pub fn opened(url: &str) -> String {
    text_with("opened", &[quoted("url", url)])
}

pub fn copied_over_ssh(url: &str) -> String {
    text_with("copied-over-ssh", &[quoted("url", url)])
}

/// `o` could not start `program`.
pub fn browser_failed(program: &str, error: &std::io::Error) -> String {
    let why = match error.kind() {
        std::io::ErrorKind::NotFound => text("browser-not-found"),
        std::io::ErrorKind::PermissionDenied => text("browser-not-executable"),
        _ => error.to_string(),
    };
    text_with("browser-failed", &[quoted("program", program), arg("why", why)])
}

pub fn cannot_read_library(error: &dyn std::fmt::Display) -> String {
    text_with("cannot-read-library", &[quoted("error", error)])
}

pub fn cannot_read_article(error: &dyn std::fmt::Display) -> String {
    text_with("cannot-read-article", &[quoted("error", error)])
}

pub fn cannot_read_feeds(error: &dyn std::fmt::Display) -> String {
    text_with("cannot-read-feeds", &[quoted("error", error)])
}

/// What a write that failed was to keep.
#[derive(Clone, Copy, Debug)]
pub enum Unsaved {
    ReadMark,
    Star,
    Position,
    Marks,
    Undo,
    Layout,
}

pub fn cannot_save(what: Unsaved, error: &dyn std::fmt::Display) -> String {
    let what = text(match what {
        Unsaved::ReadMark => "unsaved-read-mark",
        Unsaved::Star => "unsaved-star",
        Unsaved::Position => "unsaved-position",
        Unsaved::Marks => "unsaved-marks",
        Unsaved::Undo => "unsaved-undo",
        Unsaved::Layout => "unsaved-layout",
    });
    text_with("cannot-save", &[arg("what", what), quoted("error", error)])
}

pub fn query_full() -> String {
    text_with("query-full", &shown(crate::search::query::MAX_QUERY_CHARS))
}

pub fn worker_panicked(what: &str) -> String {
    text_with("worker-panicked", &[arg("what", what)])
}

pub fn search_unavailable(why: &str) -> String {
    text_with("search-unavailable", &[arg("why", why)])
}

/// One line for the status bar once a refresh has ended.
pub fn fetch_done(outcome: &Result<RefreshReport, RefreshError>) -> String {
    let report = match outcome {
        Ok(r) => r,
        Err(e @ RefreshError::NoFeeds(_)) => return e.to_string(),
        Err(e) => return text_with("fetch-failed", &[quoted("error", e)]),
    };
    let mut s = text_with(
        "fetched",
        &[
            ("n", FluentValue::from(report.feeds as f64)),
            arg("feeds", n(report.feeds)),
            arg("new", n(report.inserted)),
            arg("updated", n(report.updated)),
        ],
    );
    if report.trimmed > 0 {
        s.push_str(&text_with("fetched-trimmed", &shown(report.trimmed)));
    }
    if let Some((url, err)) = report.errors.first() {
        let args = [arg("shown", n(report.errors.len())), quoted("url", url), quoted("error", err)];
        s.push_str(&text_with("fetched-errors", &args));
    }
    s
}

/// What the calibration saved, for the status line.
pub fn calibrated(by_terminal: bool, shaping: bool, saved: Result<(), String>) -> String {
    let bidi = text(if by_terminal { "bidi-by-terminal" } else { "bidi-by-hewal" });
    let shaping = text(if shaping { "shaping-on" } else { "shaping-off" });
    let what = text_with("calibration-what", &[arg("bidi", bidi), arg("shaping", shaping)]);
    match saved {
        Ok(()) => text_with("calibration-saved", &[arg("what", what)]),
        Err(e) => text_with("calibration-not-saved", &[arg("what", what), quoted("error", e)]),
    }
}

pub fn calibration_unchanged() -> String {
    text("calibration-unchanged")
}

pub fn searching() -> String {
    text("searching")
}
pub fn index_opening() -> String {
    text("index-opening")
}
pub fn search_unavailable_short() -> String {
    text("search-unavailable-short")
}

pub fn articles(total: u64) -> String {
    text_with("articles", &count(total))
}

/// What the status line says of a view: its filter, its origin (`origin`,
/// already laid out for display), and the unread in it; the number of
/// articles too when no position (`n/total`) says it.
pub fn view_count(filter: crate::store::Filter, origin: Option<&str>, total: u64, unread: u64) -> String {
    let filter = text(match filter {
        crate::store::Filter::All => "filter-all",
        crate::store::Filter::Unread => "filter-unread",
        crate::store::Filter::Starred => "filter-starred",
    });
    let origin = origin.map(|o| format!(" · {}", isolate(o))).unwrap_or_default();
    match total {
        0 => format!("{filter}{origin} · {}", articles(0)),
        _ => format!("{filter}{origin} · {}", text_with("unread-count", &shown(unread))),
    }
}

/// The count of a search answer: `total` matches, `kept` of them listed,
/// `complete` once counted, found in `ms`.
pub fn matches(total: usize, kept: usize, complete: bool, ms: u128) -> String {
    let args = [arg("total", n(total)), arg("kept", n(kept)), arg("ms", n(ms))];
    if !complete {
        // Only the first screens are ranked yet; the count follows.
        text_with("matches-counting", &args)
    } else if total > kept {
        text_with("matches-best", &args)
    } else {
        text_with("matches", &args)
    }
}

pub fn indexing(percent: u64) -> String {
    text_with("indexing", &shown(percent))
}

pub fn fetching(done: usize, total: usize) -> String {
    if total > 0 {
        text_with("fetching-some", &[arg("done", n(done)), arg("total", n(total))])
    } else {
        text("fetching")
    }
}

#[cfg(test)]
mod browser_tests {
    #[test]
    fn a_browser_that_cannot_start_is_named_with_the_cause_and_the_fix() {
        let e = std::io::Error::from(std::io::ErrorKind::NotFound);
        let m = super::browser_failed("xdg-open", &e).replace(['\u{2068}', '\u{2069}'], "");
        assert!(m.contains("cannot start the browser xdg-open (not found)"), "{m}");
        assert!(m.contains("set browser in config.toml or $BROWSER") && m.contains("y copies the link"), "{m}");
    }
}
