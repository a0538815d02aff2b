//! Search index errors.

use std::path::PathBuf;

/// Errors from the search index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SearchError {
    #[error("the search index at {path} is in use by another hewal (its writer lock is held); close the other hewal and try again")]
    Locked { path: PathBuf },
    #[error("cannot create the search index at {path}: {source}")]
    Create { path: PathBuf, source: tantivy::TantivyError },
    #[error("search index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// Reading the index panicked (its files are damaged in a way tantivy
    /// does not check).
    #[error("the search index could not be read ({0})")]
    Unreadable(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;
