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
    #[error("the library is busy: another hewal process kept writing it for over {} s; try again when it has finished", BUSY_TIMEOUT.as_secs())]
    Busy(rusqlite::Error),
    #[error(
        "the library cannot be changed: its database or directory is read-only; reading works, changes are not saved"
    )]
    ReadOnly(rusqlite::Error),
    #[error("the disk holding the library is full: nothing written so far is lost; free some space and run the command again")]
    DiskFull(rusqlite::Error),
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("no article with key {0}")]
    NotFound(i64),
    #[error("cannot open {}: its path cannot be written as a file: URI", .0.display())]
    NotUtf8Path(PathBuf),
}

/// How long a writer waits for another process's write to finish before
/// giving up with [`StoreError::Busy`]. Every write transaction of hewal is
/// short (a batch of an import, a feed, a mark), so this is only reached
/// when something is stuck.
pub const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(30);

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode::*;
        match e.sqlite_error_code() {
            Some(DatabaseBusy | DatabaseLocked) => StoreError::Busy(e),
            Some(ReadOnly) => StoreError::ReadOnly(e),
            Some(DiskFull) => StoreError::DiskFull(e),
            _ => StoreError::Sqlite(e),
        }
    }
}

impl StoreError {
    /// An error met while opening the database at `path`: "damaged" only
    /// when SQLite says the file is not a database or is corrupt.
    pub(crate) fn opening(path: &std::path::Path, error: rusqlite::Error) -> StoreError {
        use rusqlite::ErrorCode::*;
        match error.sqlite_error_code() {
            Some(NotADatabase | DatabaseCorrupt) => StoreError::Damaged { path: path.to_owned(), error },
            Some(CannotOpen) => StoreError::Open { path: path.to_owned(), error },
            _ => StoreError::from(error),
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
