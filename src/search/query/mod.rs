//! From what a reader types in the search box to a tantivy query, and from
//! hits back to highlight ranges.
//!
//! Semantics (the same for the TUI and `hewal search`):
//! - every complete word must match, through the stemmed analyzer, in the
//!   title or the body (BM25; title weighted above body; the unstemmed,
//!   normalised form adds a bonus, so an exact form ranks above a stemmed one);
//! - the word being typed (no trailing space yet, two letters or more) also
//!   matches as a prefix of normalised terms, so results appear while typing;
//! - a word in Latin letters may be Sorani typed in Latin: it also matches
//!   the Sorani words with its Latin key (`analyzer::romanize`), weighted
//!   below matches in the script typed; `latin_search = false` turns it off;
//! - `"quoted phrases"` match as phrases; `-word` excludes;
//! - stopwords are optional when the query has other words, required when it
//!   has nothing else, so a query of only stopwords still finds something;
//! - a query with nothing searchable (punctuation only) matches nothing and
//!   never errors. Ties break by recency.
//!
//! An input goes through the submodules in order: `parse` splits it into
//! its parts, `build` turns them into a query plan (`search::plan`) and a
//! [`Matcher`], `prepared` runs the plan against one searcher with the
//! collectors of `collect` (the first screens read the block recency kept
//! by `recency`), and `snippet` and the [`Matcher`] show the hits.

mod build;
mod collect;
mod highlight;
mod keys;
mod parse;
mod prepared;
mod recency;
mod snippet;
mod terms;
mod union;

#[cfg(test)]
pub(super) use build::build_plan;
#[cfg(test)]
pub(super) use build::build_plan_unlisted;
pub use build::{latin_reading, latin_search, set_latin_search};
pub use highlight::Matcher;
#[cfg(test)]
pub(in crate::search) use keys::key_beginnings;
pub use parse::{is_cut, ParsedQuery, MAX_QUERY_CHARS, MAX_QUERY_TERMS};
pub use prepared::{Hit, PreparedQuery, SearchResults};
pub(super) use recency::RecencyCache;
pub use snippet::{snippet, snippet_bytes};
