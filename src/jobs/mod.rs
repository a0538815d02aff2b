//! Background work. The UI thread never waits on tantivy or on a slow disk:
//! workers own the heavy objects and tell the UI what happened with one
//! kind of message, [`Notification`], over one channel.
//!
//! - [`search`]: the search worker (owns the index; newest query wins;
//!   catches the index up with the store on request).
//! - [`fetch`]: refreshing every feed into the store.
//! - [`import`]: `hewal import` as a store → index pipeline.

pub mod fetch;
pub mod import;
pub mod search;

use crossbeam_channel::Sender;

/// What a background job tells the UI. Small and sent often; the UI drops
/// search answers whose generation is no longer current.
#[derive(Debug)]
pub enum Notification {
    /// The index is catching up with the store: `done` of `total` rows.
    Indexing { done: u64, total: u64 },
    /// The index is open and current; `note` says what happened to it
    /// (rebuilt, or why it could not catch up).
    Ready { docs: u64, note: Option<String> },
    /// The first screens of hits for a query (boxed, as the next: an
    /// answer is far larger than any other notification).
    Results(Box<search::SearchResponse>),
    /// The whole answer to a query whose first screens were sent as
    /// `Results`: the same hits first, then the rest, and the exact count.
    MoreResults(Box<search::SearchResponse>),
    /// The snippets of the current answer, after it.
    Snippets(search::Snippets),
    /// A search failed: for that generation, or (`None`) the index cannot
    /// be used at all.
    Error { generation: Option<u64>, message: String },
    /// A feed refresh has finished `done` of `total` feeds.
    FetchProgress { done: usize, total: usize },
    /// A feed refresh ended.
    FetchDone(Result<fetch::RefreshReport, fetch::RefreshError>),
}

/// The sending end every job gets.
pub type NotificationTx = Sender<Notification>;
