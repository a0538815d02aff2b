//! Search index errors.
//!
//! Each message is whole, and no error has a `source()`: `{}` and anyhow's
//! `{:#}` both print tantivy's text once.

use std::io::ErrorKind;
use std::path::PathBuf;
use tantivy::directory::error::{OpenDirectoryError, OpenReadError, OpenWriteError};
use tantivy::TantivyError;

/// Errors from the search index.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SearchError {
    #[error("the search index at {path} is in use by another hewal (its writer lock is held); close the other hewal and try again")]
    Locked { path: PathBuf },
    #[error("cannot create the search index at {path}: {error}")]
    Create { path: PathBuf, error: TantivyError },
    /// Writing the index failed for a reason outside hewal: the disk, its
    /// permissions, the directory gone.
    #[error("{}", problem.message(path))]
    Write { path: PathBuf, problem: WriteProblem },
    #[error("search index error: {0}")]
    Tantivy(TantivyError),
    /// Reading the index panicked (its files are damaged in a way tantivy
    /// does not check).
    #[error("the search index could not be read ({0})")]
    Unreadable(String),
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

impl From<TantivyError> for SearchError {
    fn from(e: TantivyError) -> Self {
        SearchError::Tantivy(e)
    }
}

impl SearchError {
    /// An error of writing the index at `path`: named for what the disk
    /// said, when it said something a user can act on.
    pub(crate) fn writing(path: &std::path::Path, e: SearchError) -> SearchError {
        let problem = match &e {
            SearchError::Tantivy(t) | SearchError::Create { error: t, .. } => WriteProblem::of(t),
            _ => None,
        };
        match problem {
            Some(problem) => SearchError::Write { path: path.to_owned(), problem },
            None => e,
        }
    }
}

/// Why the index could not be written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WriteProblem {
    /// No space left on its disk, or the user's quota used up.
    DiskFull,
    /// Its directory is on a read-only file system, or not this user's to
    /// write.
    NotWritable(ErrorKind),
    /// Its directory or a file in it was removed while hewal wrote it.
    Removed,
}

impl WriteProblem {
    /// What a tantivy error says of the disk, when it is an I/O error of a
    /// kind this names (others are no more use to a user than tantivy's
    /// own words).
    pub fn of(e: &TantivyError) -> Option<WriteProblem> {
        let kind = match e {
            TantivyError::IoError(io)
            | TantivyError::OpenWriteError(OpenWriteError::IoError { io_error: io, .. })
            | TantivyError::OpenReadError(OpenReadError::IoError { io_error: io, .. })
            | TantivyError::OpenDirectoryError(OpenDirectoryError::IoError { io_error: io, .. }) => io.kind(),
            // Some of tantivy's writers pass an I/O error on as text only.
            TantivyError::InternalError(text) | TantivyError::ErrorInThread(text) => os_error_in(text)?.kind(),
            _ => return None,
        };
        match kind {
            ErrorKind::StorageFull | ErrorKind::QuotaExceeded => Some(WriteProblem::DiskFull),
            k @ (ErrorKind::ReadOnlyFilesystem | ErrorKind::PermissionDenied) => Some(WriteProblem::NotWritable(k)),
            ErrorKind::NotFound => Some(WriteProblem::Removed),
            _ => None,
        }
    }

    fn message(&self, path: &std::path::Path) -> String {
        let path = path.display();
        // The index is derived from the library: whatever stopped it, the
        // articles are in the database, and the next run catches up.
        let kept = "the library itself is intact, and the index catches up with it on the next run";
        match self {
            WriteProblem::DiskFull => {
                format!("the disk holding the search index at {path} is full: {kept}; free some space and run the command again")
            }
            WriteProblem::NotWritable(kind) => format!(
                "the search index at {path} cannot be written ({}): {kept}; make it writable and run the command again",
                if *kind == ErrorKind::ReadOnlyFilesystem { "read-only file system" } else { "permission denied" }
            ),
            WriteProblem::Removed => format!(
                "the search index at {path} was removed while hewal was writing it: {kept}; run the command again to rebuild it"
            ),
        }
    }
}

/// The operating system's error that `text` ends with, as `io::Error`
/// writes one: "No space left on device (os error 28)".
fn os_error_in(text: &str) -> Option<std::io::Error> {
    let (_, code) = text.rsplit_once("(os error ")?;
    let code = code.split_once(')')?.0.parse().ok()?;
    Some(std::io::Error::from_raw_os_error(code))
}

pub type Result<T, E = SearchError> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_io_error_passed_on_as_text_is_read_back() {
        let text = |s: &str| TantivyError::InternalError(s.into());
        let full = text("No space left on device (os error 28)");
        assert_eq!(WriteProblem::of(&full), Some(WriteProblem::DiskFull));
        let gone = TantivyError::ErrorInThread("open: No such file or directory (os error 2)".into());
        assert_eq!(WriteProblem::of(&gone), Some(WriteProblem::Removed));
        for other in ["a bug (os error", "no number (os error x)", "Data corrupted", "(os error 5)"] {
            assert_eq!(WriteProblem::of(&text(other)), None, "{other}");
        }
    }
}
