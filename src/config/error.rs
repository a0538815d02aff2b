//! Errors about hewal's own files: where they are, reading and writing them.

use std::path::PathBuf;

/// Why a location could not be found or one of hewal's own files (the
/// configuration, the calibration, the subscriptions) could not be read or
/// written.
///
/// Each message is whole: it names the path and includes the cause, and the
/// error has no `source()`, so `{}` and anyhow's `{:#}` both print it once.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    #[error("cannot find a home directory for hewal's configuration; set HEWAL_CONFIG_DIR")]
    NoConfigDir,
    #[error("cannot find a home directory for hewal's data; pass --data-dir DIR or set HEWAL_DATA_DIR")]
    NoDataDir,
    #[error("cannot read {path}: {error}")]
    Read { path: PathBuf, error: std::io::Error },
    /// The file is not what it should be; `what` says what it is not, and
    /// `problem` is the parser's message with the line and column.
    #[error("{path}: {what}: {problem}")]
    Parse { path: PathBuf, what: &'static str, problem: String },
    #[error("cannot write {path}: {error}")]
    Serialize { path: PathBuf, error: toml::ser::Error },
    #[error("cannot create {path}: {error}")]
    CreateDir { path: PathBuf, error: std::io::Error },
    /// Writing the temporary file that replaces the real one failed.
    #[error("cannot write {path}: {error}")]
    Write { path: PathBuf, error: std::io::Error },
    #[error("cannot replace {path}: {error}")]
    Replace { path: PathBuf, error: std::io::Error },
}
