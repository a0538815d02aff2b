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
pub use list::{ListPane, ListSource, SearchList};
pub use reader::ReaderPane;
pub use search_bar::{Edit, SearchBar};
