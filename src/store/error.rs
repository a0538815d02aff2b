//! Store errors.

use std::path::PathBuf;

/// Errors from opening, reading or writing the store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot open the database at {path}: {source}")]
    Open { path: PathBuf, source: rusqlite::Error },
    #[error("the database at {path} is not a hewal database or is damaged ({source}); move it away and run `hewal import` again")]
    Damaged { path: PathBuf, source: rusqlite::Error },
    #[error("the database was written by a newer hewal (schema {found}, this build knows {known}); upgrade hewal")]
    TooNew { found: i64, known: i64 },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("no article with key {0}")]
    NotFound(i64),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
