//! What the app asks of the world, and what the world answers.
//!
//! `App::update` never touches the disk, the network or the terminal
//! beyond reading its store: it queues an [`Effect`], the main loop carries
//! it out, and anything the app must learn from it comes back as an
//! [`Outcome`] through `App::on_outcome`. Effects on the library alone
//! (store writes, reading the feeds) are carried out by [`perform_local`],
//! which tests call too; the rest (threads, browser, clipboard, the
//! terminal's modes) belong to the main loop.

use super::strings;
use crate::feeds::Subscription;
use crate::store::{Article, ArticleKey, FeedState, Flag, OriginCounts, Store, View};
use std::path::Path;

/// Something the main loop must do outside the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Start a background refresh of every feed.
    Fetch,
    /// Ask the search worker to catch the index up with the store.
    SyncIndex,
    /// Open this http(s) URL in a browser.
    OpenUrl(String),
    /// Put this text on the clipboard (OSC 52).
    Copy(String),
    /// Save the calibration pick (candidate index, or none: keep the
    /// detected mode) and draw accordingly.
    Calibrated(Option<usize>),
    /// Read the subscriptions, their fetch state and every origin's counts
    /// (the feeds pane).
    LoadFeeds,
    /// Write reading state to the store.
    Save(Write),
    /// Set a flag on every article of a view (mark a feed read, or all).
    MarkView { view: View, flag: Flag, on: bool },
    /// Delete these articles.
    Delete(Vec<ArticleKey>),
    /// Revert the last bulk change.
    Undo(Undo),
    /// Run `command` through the shell with `text` on its standard input,
    /// the terminal handed to it meanwhile.
    Pipe { command: String, text: String },
    /// Write `text` to the file at `path` (`~/` is the home directory).
    SaveText { path: String, text: String },
    /// Remember how list and reader share the screen.
    SaveSplit(crate::tui::layout::Split),
    /// Stop the process until the shell continues it, the terminal
    /// restored meanwhile.
    Suspend,
}

/// A change of an article's reading state.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Write {
    Read {
        key: ArticleKey,
        read: bool,
    },
    Starred {
        key: ArticleKey,
        starred: bool,
    },
    /// The first visible line of the reader, when the article is left.
    Position {
        key: ArticleKey,
        line: usize,
    },
}

/// How to revert a bulk change.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Undo {
    /// Set `flag` back to `!on` on these articles.
    Flags { keys: Vec<ArticleKey>, flag: Flag, on: bool },
    /// Put these deleted articles back.
    Deleted(Vec<Article>),
}

/// What an effect came to, for the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A line for the status bar.
    Note(String),
    /// The feeds pane's data.
    Feeds { subscriptions: Vec<Subscription>, states: Vec<FeedState>, origins: Vec<OriginCounts> },
    /// A write failed: the app undoes what it showed.
    WriteFailed { write: Write, error: String },
    /// The library changed (a bulk mark, a delete, an undo): the lists
    /// are read again; `undo` reverts the change, if it can be.
    Changed { note: String, undo: Option<Undo> },
    /// The terminal now draws this way (after calibration).
    Render(crate::text::Render),
    /// Leave the TUI (the calibration-only run is done).
    Quit,
}

/// Carry out `effect` if it touches only the library (`store`, and the
/// subscriptions at `urls_path`). Any other effect is handed back.
pub fn perform_local(effect: Effect, store: &mut Store, urls_path: &Path) -> Result<Option<Outcome>, Effect> {
    match effect {
        Effect::Save(write) => Ok(save(store, write).err()),
        Effect::LoadFeeds => Ok(Some(load_feeds(store, urls_path))),
        Effect::MarkView { view, flag, on } => Ok(Some(match store.mark_view(&view, flag, on) {
            Ok(keys) => Outcome::Changed {
                note: strings::marked(keys.len(), flag, on),
                undo: Some(Undo::Flags { keys, flag, on }),
            },
            Err(e) => Outcome::Note(strings::cannot_save(strings::Unsaved::Marks, &e)),
        })),
        Effect::Delete(keys) => Ok(Some(match store.delete(&keys) {
            Ok(gone) => Outcome::Changed { note: strings::deleted(gone.len()), undo: Some(Undo::Deleted(gone)) },
            Err(e) => Outcome::Note(strings::cannot_delete(&e)),
        })),
        Effect::Undo(undo) => Ok(Some(undo_change(store, undo))),
        other => Err(other),
    }
}

fn undo_change(store: &mut Store, undo: Undo) -> Outcome {
    let done = match undo {
        Undo::Flags { keys, flag, on } => store.set_flag_keys(&keys, flag, !on).map(|_| ()),
        Undo::Deleted(articles) => {
            let now = time::OffsetDateTime::now_utc().unix_timestamp();
            store.restore(&articles, now).map(|_| ())
        }
    };
    match done {
        Ok(()) => Outcome::Changed { note: strings::undone(), undo: None },
        Err(e) => Outcome::Note(strings::cannot_save(strings::Unsaved::Undo, &e)),
    }
}

fn save(store: &Store, write: Write) -> Result<(), Outcome> {
    let done = match write {
        Write::Read { key, read } => store.set_read(key, read),
        Write::Starred { key, starred } => store.set_starred(key, starred),
        Write::Position { key, line } => store.set_position(key, line as i64),
    };
    done.map_err(|e| Outcome::WriteFailed { write, error: e.to_string() })
}

/// The feeds pane shows what could be read: problems in the urls file are
/// for `hewal feed list` to report line by line; an unreadable file or
/// store is said in the status line.
fn load_feeds(store: &Store, urls_path: &Path) -> Outcome {
    let subscriptions = match crate::feeds::load_subscriptions(urls_path) {
        Ok((subs, _problems)) => subs,
        Err(e) => return Outcome::Note(strings::cannot_read_feeds(&format!("{}: {e}", urls_path.display()))),
    };
    match store.feed_states().and_then(|states| Ok((states, store.origins()?))) {
        Ok((states, origins)) => Outcome::Feeds { subscriptions, states, origins },
        Err(e) => Outcome::Note(strings::cannot_read_feeds(&e)),
    }
}
