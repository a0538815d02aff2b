//! Feeds: subscriptions (`urls` file, OPML), fetching over HTTP(S) and
//! turning RSS 0.9x/1.0/2.0, Atom and JSON Feed documents into plain-text
//! entries.
//!
//! This module depends on nothing else in hewal but [`crate::panics`]: it hands out plain data
//! ([`ParsedFeed`], [`Entry`], [`Subscription`]) that the store converts.
//!
//! Everything that comes from the network is untrusted. Nothing here panics
//! on any input; sizes are capped while reading (see [`FetchOptions`]) and
//! per entry (see [`MAX_ENTRY_TEXT_BYTES`]).
//!
//! Text conventions of the output (what hewal's `text` module expects):
//! paragraphs are separated by `"\n\n"`; a paragraph whose HTML block carried
//! `dir="rtl"`/`dir="ltr"` (or, as a fallback, an RTL/LTR `lang`) starts with
//! U+200F RIGHT-TO-LEFT MARK or U+200E LEFT-TO-RIGHT MARK; NUL and the other
//! C0 controls except `\n` and `\t` are removed; everything else (escape
//! sequence bodies, bidi overrides, C1 controls) is left for the sanitiser.

use std::time::Duration;

pub mod html;
pub mod opml;
pub mod urls;

mod atom03;
mod atom10;
mod fetch;
mod parse;
mod rdf;
mod xml;

pub use fetch::{fetch, fetch_all, fetch_each};
pub use parse::{parse_feed, parse_feed_with_charset, MAX_ENTRY_TEXT_BYTES};
pub use urls::load_subscriptions;

/// One subscribed feed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Subscription {
    pub url: String,
    /// Title given by the user (`~Title` in a `urls` file, `title`/`text` in OPML).
    pub title: Option<String>,
    pub tags: Vec<String>,
}

/// Plain text made from HTML, see [`html::to_text`].
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct HtmlText {
    /// Paragraphs separated by `"\n\n"`. Links appear as their text followed
    /// by `[n]`, where `n` is the 1-based index into `links`.
    pub text: String,
    /// Link targets in order of first appearance, without duplicates.
    pub links: Vec<String>,
}

/// HTTP cache validators of a feed, sent back on the next fetch.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// The default `User-Agent`: hewal and where to read about it, so a feed's
/// operator can tell who is fetching.
pub const DEFAULT_USER_AGENT: &str = "hewal/0.1 (+https://example.org/hewal)";

/// How feeds are fetched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FetchOptions {
    /// Overall time limit of one fetch: connecting, redirects, headers and
    /// the whole body. A server that trickles bytes forever hits it.
    pub timeout: Duration,
    /// Time limit for DNS resolution plus the TCP (and TLS) connect.
    pub connect_timeout: Duration,
    /// Largest response body accepted, counted after decompression, enforced
    /// while reading (default 20 MB).
    pub max_bytes: u64,
    /// Redirects followed before giving up (default 5).
    pub max_redirects: u32,
    /// Fetches running at once in [`fetch_each`] (default 6; at least 1).
    pub concurrency: usize,
    pub user_agent: String,
    /// Articles kept per feed after each fetch, newest first (starred
    /// ones always): `max_articles` in config.toml, global and per feed.
    pub retention: crate::config::Retention,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(30),
            connect_timeout: Duration::from_secs(10),
            max_bytes: 20 * 1024 * 1024,
            max_redirects: 5,
            concurrency: 6,
            user_agent: DEFAULT_USER_AGENT.to_string(),
            retention: crate::config::Retention::default(),
        }
    }
}

/// Result of fetching one feed.
#[derive(Clone, Debug, PartialEq)]
pub enum FetchOutcome {
    /// The server answered 304 Not Modified to the conditional request.
    NotModified,
    /// The feed, and the validators to send next time.
    Fetched(ParsedFeed, Validators),
    Failed(FeedError),
}

/// A parsed feed.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ParsedFeed {
    pub title: Option<String>,
    /// Entries in document order, deduplicated by [`Entry::key`] (the first wins).
    pub entries: Vec<Entry>,
    /// Non-fatal problems (truncated entries, dropped duplicates, unknown
    /// encodings), lowercase, naming the feed URL.
    pub warnings: Vec<String>,
}

/// One feed entry as plain text.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Entry {
    /// Dedupe key: `guid:<guid>` (RSS guid, Atom id, JSON Feed id), else
    /// `link:<url>`, else `hash:<32 hex digits>` of blake3(title, 0, body),
    /// the same hash as `store::model::NewArticle::content_hash`.
    pub key: String,
    /// Plain text, HTML and entities removed, whitespace collapsed; may be
    /// empty when the feed gives no title.
    pub title: String,
    /// Plain text, paragraphs separated by `"\n\n"`; when the HTML had links
    /// a numbered reference list follows, one `[n] url` paragraph each.
    pub body: String,
    pub url: Option<String>,
    /// Unix seconds: published, else updated.
    pub published: Option<i64>,
    /// Language of the entry, else of the feed, as the feed gives it.
    pub lang: Option<String>,
    pub links: Vec<String>,
}

/// Why a feed could not be fetched or parsed. Messages are lowercase, name
/// the URL (and status), and say what to do.
#[derive(thiserror::Error, Clone, Debug, PartialEq, Eq)]
pub enum FeedError {
    #[error("{url}: not a valid http(s) URL ({reason}); fix it in your urls file")]
    InvalidUrl { url: String, reason: String },
    #[error("{url}: host not found; check the address and your network connection")]
    Dns { url: String },
    #[error("{url}: could not connect ({reason}); the server may be down, try again later")]
    Connect { url: String, reason: String },
    #[error("{url}: TLS error ({reason}); the server's certificate or TLS setup is broken, try http:// only if you trust the network")]
    Tls { url: String, reason: String },
    #[error("{url}: no complete answer within {ms} ms: the server is slow or unreachable; try again later")]
    Timeout { url: String, ms: u64 },
    #[error("{url}: server answered HTTP {status}{hint}")]
    Http {
        url: String,
        status: u16,
        /// "; check the address…" or "; try again later"
        hint: String,
    },
    #[error(
        "{url}: too many redirects (limit {max}); the feed may have moved in a loop, check the address in a browser"
    )]
    TooManyRedirects { url: String, max: u32 },
    #[error("{url}: response is over the size limit of {limit} bytes; the feed is not fetched")]
    TooLarge { url: String, limit: u64 },
    #[error("{url}: response was cut off ({reason}); try again later")]
    Truncated { url: String, reason: String },
    #[error("{url}: network error ({reason}); try again later")]
    Network { url: String, reason: String },
    #[error("{url}: not a valid RSS, Atom or JSON feed ({reason}); check that the address points at the feed itself, not a web page")]
    Parse { url: String, reason: String },
    #[error("invalid OPML ({reason}); export the file again or fix it by hand")]
    Opml { reason: String },
}

impl FeedError {
    /// The URL the error is about, if any.
    pub fn url(&self) -> Option<&str> {
        match self {
            FeedError::InvalidUrl { url, .. }
            | FeedError::Dns { url }
            | FeedError::Connect { url, .. }
            | FeedError::Tls { url, .. }
            | FeedError::Timeout { url, .. }
            | FeedError::Http { url, .. }
            | FeedError::TooManyRedirects { url, .. }
            | FeedError::TooLarge { url, .. }
            | FeedError::Truncated { url, .. }
            | FeedError::Network { url, .. }
            | FeedError::Parse { url, .. } => Some(url),
            FeedError::Opml { .. } => None,
        }
    }
}

/// Removes NUL and every other C0 control except `\n` and `\t`.
pub(crate) fn strip_c0(s: &str) -> String {
    s.chars().filter(|&c| !(c < ' ' && c != '\n' && c != '\t')).collect()
}
