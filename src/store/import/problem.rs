//! What can be wrong with an input: a file that cannot be read, or a file
//! or line that holds no article hewal can store.

use super::{Format, MAX_BODY_BYTES};
use std::fmt;

/// A problem with one file or one line of it; the import went on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportIssue {
    /// The file, or the name given to embedded data.
    pub path: String,
    /// The 1-based line, for formats with an article per line.
    pub line: Option<u64>,
    pub problem: ImportProblem,
}

impl fmt::Display for ImportIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", self.path, l, self.problem),
            None => write!(f, "{}: {}", self.path, self.problem),
        }
    }
}

/// What is wrong with a file or a line. The message says what was skipped
/// and, where the user can do something, what.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportProblem {
    /// The path cannot be looked at (it may not exist); the I/O error's text.
    CannotRead(String),
    /// A directory whose entries cannot be listed.
    CannotReadDir(String),
    CannotOpen(String),
    /// Reading failed part way through.
    ReadError(String),
    /// A path given by name whose extension is not a format hewal reads.
    UnknownType,
    /// A whole-file article over the size limit of its format.
    FileTooLarge {
        format: Format,
    },
    /// A JSON Lines line of `len` bytes, over [`MAX_BODY_BYTES`].
    LineTooLong {
        len: usize,
    },
    /// The first invalid byte: of the file, on `line`, for whole-file
    /// formats; of the line for JSON Lines (whose issue has the line).
    InvalidUtf8 {
        line: Option<u64>,
        byte: usize,
    },
    /// Nothing but white space.
    Empty,
    /// HTML with no text once the markup is gone.
    NoText,
    /// A JSON Lines line that is not an article object; serde's message.
    NotAnArticle(String),
    NoTitleOrBody,
    /// A `published` value that is not an RFC 3339 time.
    BadPublished(String),
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportProblem::CannotRead(e) => write!(f, "cannot read: {e}"),
            ImportProblem::CannotReadDir(e) => write!(f, "cannot read directory: {e}"),
            ImportProblem::CannotOpen(e) => write!(f, "cannot open: {e}"),
            ImportProblem::ReadError(e) => write!(f, "read error: {e}"),
            ImportProblem::UnknownType => {
                f.write_str("unknown file type; hewal imports .txt, .jsonl and .html files (or directories of them)")
            }
            ImportProblem::FileTooLarge { format } => {
                let (limit, what) = match format {
                    Format::Html => (MAX_HTML_BYTES, "one HTML article"),
                    _ => (MAX_BODY_BYTES, "one article"),
                };
                write!(f, "file is over the {} limit for {what}; skipped", mib(limit))
            }
            ImportProblem::LineTooLong { len } => {
                write!(f, "line is {}, over the {} limit; skipped", mib(*len), mib(MAX_BODY_BYTES))
            }
            ImportProblem::InvalidUtf8 { line, byte } => {
                if let Some(l) = line {
                    write!(f, "line {l}: ")?;
                }
                write!(
                    f,
                    "invalid UTF-8 at byte {byte}; save the file as UTF-8 (e.g. `iconv -f WINDOWS-1256 -t UTF-8`)"
                )
            }
            ImportProblem::Empty => f.write_str("file is empty; nothing imported"),
            ImportProblem::NoText => f.write_str("no text in this HTML file; nothing imported"),
            ImportProblem::NotAnArticle(e) => write!(f, "not an article object: {e}"),
            ImportProblem::NoTitleOrBody => f.write_str("article has neither title nor body"),
            ImportProblem::BadPublished(p) => write!(f, "`published` is not an RFC 3339 time: {p:?}"),
        }
    }
}

impl std::error::Error for ImportProblem {}

/// Largest HTML file read, in bytes: markup and inline styles take room, so
/// four times the body limit.
pub(super) const MAX_HTML_BYTES: usize = MAX_BODY_BYTES * 4;

/// Human size for messages.
fn mib(n: usize) -> String {
    format!("{:.1} MB", n as f64 / (1 << 20) as f64)
}
