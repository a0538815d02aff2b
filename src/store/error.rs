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
    /// The directory meant to hold the database cannot: the path names a
    /// file, or it cannot be written.
    #[error("{}: {problem}", path.display())]
    DataDir { path: PathBuf, problem: DirProblem },
}

/// Space below which a disk counts as full: SQLite needs 32 KiB for the
/// shared-memory file of a WAL reader, and more for any write.
const FULL_BELOW: u64 = 1 << 20;

/// Whether the disk holding `dir` has (nearly) no space left for this user.
pub(crate) fn disk_is_full(dir: &std::path::Path) -> bool {
    fs4::available_space(dir).is_ok_and(|free| free < FULL_BELOW)
}

/// Why a directory cannot hold the library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DirProblem {
    /// The path (or a parent of it) is a file.
    NotADirectory,
    /// It cannot be written by this user.
    PermissionDenied,
    /// It is on a file system mounted read-only.
    ReadOnlyFileSystem,
}

impl std::fmt::Display for DirProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            DirProblem::NotADirectory => "not a directory",
            DirProblem::PermissionDenied => "permission denied",
            DirProblem::ReadOnlyFileSystem => "read-only file system",
        })
    }
}

impl DirProblem {
    /// What `dir` has against holding a database, if that is what an error
    /// creating or opening one in it came from: it is a file, or a file
    /// cannot be created in it. `None` when a file can be made there (the
    /// trouble is elsewhere).
    pub(crate) fn of_dir(dir: &std::path::Path) -> Option<DirProblem> {
        match std::fs::metadata(dir) {
            Ok(m) if !m.is_dir() => return Some(DirProblem::NotADirectory),
            Ok(_) => {}
            Err(e) => return Self::of_io(&e),
        }
        let probe = dir.join(format!(".hewal-write-test-{}", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&probe) {
            Ok(_) => {
                let _ = std::fs::remove_file(&probe);
                None
            }
            Err(e) => Self::of_io(&e),
        }
    }

    fn of_io(e: &std::io::Error) -> Option<DirProblem> {
        match e.kind() {
            std::io::ErrorKind::NotADirectory => Some(DirProblem::NotADirectory),
            std::io::ErrorKind::PermissionDenied => Some(DirProblem::PermissionDenied),
            std::io::ErrorKind::ReadOnlyFilesystem => Some(DirProblem::ReadOnlyFileSystem),
            _ => None,
        }
    }
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
            // Opening a WAL database makes its shared-memory file: on a
            // full disk that fails as plain "disk I/O error".
            Some(SystemIoFailure) if path.parent().is_some_and(disk_is_full) => StoreError::DiskFull(error),
            _ => StoreError::from(error),
        }
    }
}

impl StoreError {
    /// An error creating or opening the database at `path` as the directory
    /// holding it explains it, when it does ([`DirProblem::of_dir`]).
    pub(crate) fn in_dir(self, path: &std::path::Path) -> StoreError {
        let dir = match (&self, path.parent()) {
            (StoreError::Open { .. } | StoreError::CreateDir { .. }, Some(dir)) => dir,
            _ => return self,
        };
        // The directory, or the first of its parents that exists.
        let found = dir.ancestors().find(|d| d.exists()).unwrap_or(dir);
        match DirProblem::of_dir(found) {
            Some(problem) => StoreError::DataDir { path: dir.to_owned(), problem },
            None => self,
        }
    }
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;
