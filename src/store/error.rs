//! Store errors.

use std::path::PathBuf;

/// Errors from opening, reading or writing the store.
///
/// Each message is whole: it includes SQLite's own message, and the error
/// has no `source()`, so `{}` and anyhow's `{:#}` both print it once.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot create {path}: {error}")]
    CreateDir { path: PathBuf, error: std::io::Error },
    #[error("cannot open the database at {path}: {error}")]
    Open { path: PathBuf, error: rusqlite::Error },
    #[error("the database at {path} is not a hewal database or is damaged ({error}); move it away and run `hewal import` again")]
    Damaged { path: PathBuf, error: rusqlite::Error },
    #[error("the database was written by a newer hewal (schema {found}, this build knows {known}); upgrade hewal")]
    TooNew { found: i64, known: i64 },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("no article with key {0}")]
    NotFound(i64),
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        StoreError::Sqlite(e)
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
