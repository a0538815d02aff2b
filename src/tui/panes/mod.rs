//! The panes of the main screen. Each owns its state and its behaviour
//! (`handle` for the actions it understands) and draws itself (its own
//! widget); the app routes actions to them and keeps only what spans
//! several panes.
//!
//! - [`list`]: the article list (selection, the window of rows, paging).
//! - [`search_bar`]: the query, its editing, the bidi caret.
//! - [`reader`]: the article laid out (cached), its links, scrolling.
//! - [`status`]: the status line.
//! - [`feeds`]: the feeds and import sources, in place of list and reader.

pub mod feeds;
pub mod list;
pub mod reader;
pub mod search_bar;
pub mod status;

pub use feeds::{FeedRow, FeedsPane};

use crate::tui::action::Action;

/// The row a movement action sends the selection to (clamped by the
/// pane), from row `selected` with `height` rows visible; `None` for an
/// action that is not a movement.
fn moved_to(action: &Action, selected: i64, height: usize) -> Option<i64> {
    Some(match *action {
        Action::Move(n) => selected + n,
        Action::Page(n) => selected + n * height.saturating_sub(1).max(1) as i64,
        Action::Jump { end: true } => i64::MAX,
        Action::Jump { end: false } => 0,
        _ => return None,
    })
}

/// The first visible row, from `offset`, that keeps row `selected` in
/// view when `height` rows show.
fn scrolled(offset: u64, selected: u64, height: usize) -> u64 {
    let h = height.max(1) as u64;
    if selected < offset {
        selected
    } else if selected >= offset + h {
        selected + 1 - h
    } else {
        offset
    }
}
pub use list::{ListPane, ListSource, SearchList};
pub use reader::ReaderPane;
pub use search_bar::{Edit, SearchBar};
