//! Every sentence the command line says to a person, on stderr: summaries,
//! messages, warnings and the errors the CLI itself raises. The words are
//! in the message catalogues (`locales/*/cli.ftl`, see [`crate::i18n`]);
//! [`super::messages`] writes them. As in the TUI's `strings.rs`, a count
//! goes in as `$shown` (its digits) and `$n` (a number, for plural choice).
//!
//! Counts are written in Western digits whatever `digits` says in
//! config.toml: scripts read these lines. What stays English is listed in
//! `locales/en/cli.ftl`'s header: the library's own errors (store, search,
//! config, feeds), `hewal doctor`'s report, `hewal config default`, the
//! rows `hewal feed list` prints, and clap's `--help` and usage errors.

use crate::i18n::{text, text_with};
use fluent_bundle::FluentValue;
use std::fmt::Display;

/// A count as message variables: the number (`n`) and its digits (`shown`).
fn count(x: u64) -> [(&'static str, FluentValue<'static>); 2] {
    [("n", FluentValue::from(x as f64)), ("shown", FluentValue::from(x.to_string()))]
}

fn arg(name: &str, value: impl Display) -> (&str, FluentValue<'static>) {
    (name, FluentValue::from(value.to_string()))
}

/// The word of `hewal: warning: …`.
pub fn warning_label() -> String {
    text("warning-label")
}

// The library and its index.

/// What `hewal list` and `hewal search` say of a library with no article.
pub fn library_empty() -> String {
    text("cli-library-empty")
}

pub fn no_library(dir: &std::path::Path) -> String {
    text_with("no-library", &[arg("path", dir.display())])
}

pub fn cannot_open_library(dir: &std::path::Path) -> String {
    text_with("cannot-open-library", &[arg("path", dir.display())])
}

/// A data directory that cannot be one: `error` (the store's, English),
/// then the fix; `not_a_directory` picks which.
pub fn data_dir_problem(error: impl Display, not_a_directory: bool) -> String {
    let fix = text(if not_a_directory { "fix-not-a-directory" } else { "fix-data-dir-permissions" });
    text_with("data-dir-problem", &[arg("error", error), arg("fix", fix)])
}

/// The index was rebuilt when opened (`why`: the search module's reason);
/// `done`: by an import, which has already filled it again.
pub fn index_rebuilt(why: &str, done: bool) -> String {
    text_with(if done { "index-rebuilt" } else { "index-rebuilding" }, &[arg("why", why)])
}

pub fn index_unreadable(why: &str) -> String {
    text_with("index-unreadable", &[arg("why", why)])
}

pub fn index_read_only(why: crate::store::Unwritable) -> String {
    text(match why {
        crate::store::Unwritable::ReadOnly => "index-read-only",
        crate::store::Unwritable::DiskFull => "index-disk-full",
    })
}

/// The index is locked by another hewal (`error` says so).
pub fn index_locked(error: impl Display, importing: bool) -> String {
    text_with(if importing { "index-catches-up" } else { "index-as-it-is" }, &[arg("error", error)])
}

// Summaries.

pub fn imported(new: u64, old: u64, problems: u64) -> String {
    text_with("imported", &[arg("new", new), arg("old", old), arg("problems", problems)])
}

pub fn search_matches(shown: usize, total: usize) -> String {
    text_with("search-matches", &[arg("shown", shown), arg("total", total)])
}

pub fn indexed(k: u64) -> String {
    text_with("indexed", &count(k))
}

pub fn query_cut() -> String {
    let chars = crate::search::query::MAX_QUERY_CHARS;
    text_with("query-cut", &[arg("chars", chars), arg("words", crate::search::query::MAX_QUERY_TERMS)])
}

pub fn marked(k: u64, flag: crate::store::Flag, on: bool) -> String {
    let id = match (flag, on) {
        (crate::store::Flag::Read, true) => "cli-marked-read",
        (crate::store::Flag::Read, false) => "cli-marked-unread",
        (crate::store::Flag::Starred, true) => "cli-marked-starred",
        (crate::store::Flag::Starred, false) => "cli-marked-unstarred",
    };
    text_with(id, &count(k))
}

/// `hewal purge`'s summary: `deleted`, and the starred ones `kept`.
pub fn purged(deleted: u64, kept: u64) -> String {
    let mut s = text_with("purged", &count(deleted));
    if kept > 0 {
        s.push_str(&text_with("purge-kept-starred", &count(kept)));
    }
    s
}

pub fn no_article_id(id: &str) -> String {
    text_with("no-article-id", &[arg("id", format!("{id:?}"))])
}

/// No feed or import source is called `name`; `sources` are some import
/// sources, already quoted.
pub fn no_such_origin(name: &str, sources: &[String]) -> String {
    let sources = match sources.is_empty() {
        true => String::new(),
        false => text_with("import-sources", &[arg("list", sources.join(", "))]),
    };
    text_with("no-such-origin", &[arg("name", format!("{name:?}")), arg("sources", sources)])
}

pub fn ambiguous_title(name: &str, urls: &[String]) -> String {
    text_with("ambiguous-title", &[arg("name", format!("{name:?}")), arg("list", urls.join(", "))])
}

// Feeds.

pub fn no_subscriptions() -> String {
    text("no-subscriptions")
}

pub fn not_a_web_url(url: &str) -> String {
    text_with("not-a-web-url", &[arg("url", format!("{url:?}"))])
}

pub fn already_subscribed(url: &str) -> String {
    text_with("already-subscribed", &[arg("url", url)])
}

pub fn subscribed(url: &str) -> String {
    text_with("subscribed", &[arg("url", url)])
}

pub fn not_subscribed(url: &str) -> String {
    text_with("not-subscribed", &[arg("url", url)])
}

pub fn unsubscribed(url: &str) -> String {
    text_with("unsubscribed", &[arg("url", url)])
}

pub fn feeds_subscribed(k: u64) -> String {
    text_with("feeds-subscribed", &count(k))
}

pub fn not_opml(file: &std::path::Path) -> String {
    text_with("not-opml", &[arg("path", file.display())])
}

/// `hewal fetch`'s summary.
pub fn fetched(report: &crate::jobs::fetch::RefreshReport) -> String {
    let mut s = text_with(
        "cli-fetched",
        &[
            arg("feeds", report.feeds),
            arg("new", report.inserted),
            arg("updated", report.updated),
            arg("unchanged", report.not_modified),
            arg("errors", report.errors.len()),
        ],
    );
    if report.trimmed > 0 {
        s.push_str(&text_with("cli-fetched-trimmed", &count(report.trimmed)));
    }
    s
}

// Files, the terminal, config.toml.

pub fn cannot_read(file: &std::path::Path) -> String {
    text_with("cannot-read", &[arg("path", file.display())])
}

pub fn cannot_open(file: &std::path::Path) -> String {
    text_with("cannot-open", &[arg("path", file.display())])
}

/// The reader (or only the calibration screen) cannot run: standard output
/// (or else standard input) is not a terminal.
pub fn needs_terminal(calibration: bool, stdout: bool) -> String {
    let what = text(if calibration { "the-calibration-screen" } else { "the-reader" });
    let why = text(if stdout { "standard-output" } else { "standard-input" });
    text_with("needs-terminal", &[arg("what", what), arg("why", why)])
}

pub fn calibration_ignored(error: impl Display) -> String {
    text_with("calibration-ignored", &[arg("error", error)])
}

/// config.toml could not be read, so `hewal doctor` shows the defaults.
pub fn config_defaults_shown(problem: impl Display) -> String {
    text_with("config-defaults-shown", &[arg("error", problem)])
}

/// A part of config.toml (`[keys]`, else the colours) is invalid; the
/// problems follow, one a line.
pub fn config_invalid(file: &std::path::Path, keys: bool) -> String {
    let what = if keys { "[keys]".to_owned() } else { text("config-colours") };
    text_with("config-invalid", &[arg("path", file.display()), arg("what", what)])
}

pub fn config_not_there_yet() -> String {
    text("config-not-there-yet")
}

/// `hewal config check` found nothing wrong with `file` (or no file).
pub fn config_fine(file: &std::path::Path, exists: bool) -> String {
    text_with(if exists { "config-no-problems" } else { "config-absent" }, &[arg("path", file.display())])
}

pub fn config_unknown_feed(url: &str) -> String {
    text_with("config-unknown-feed", &[arg("url", url)])
}

// Progress bars (shown only when stderr is a terminal).

pub fn progress_indexing() -> String {
    text("progress-indexing")
}

pub fn progress_importing() -> String {
    text("progress-importing")
}

pub fn progress_fetching() -> String {
    text("progress-fetching")
}

pub fn progress_stored(k: u64) -> String {
    text_with("progress-stored", &count(k))
}

/// The counter's word after the number indexed.
pub fn progress_indexed() -> String {
    text("progress-indexed")
}
