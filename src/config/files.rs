//! Reading and writing hewal's own small files (`config.toml`,
//! `calibration.toml`, the `urls` file): TOML that may be missing, and
//! replacing a file without ever leaving half of it.

use super::ConfigError;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Read a TOML file of hewal's: a missing file is the default value; a file
/// that does not parse is a [`ConfigError::Parse`] saying `what` it is not
/// (e.g. "invalid configuration"), naming the file, the line and the column.
pub fn load_toml<T: serde::de::DeserializeOwned + Default>(path: &Path, what: &'static str) -> Result<T, ConfigError> {
    match read_optional(path)? {
        Some(text) => parse_toml(path, &text, what),
        None => Ok(T::default()),
    }
}

/// The text of the file at `path`; `None` if there is no such file.
pub fn read_optional(path: &Path) -> Result<Option<String>, ConfigError> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(ConfigError::Read { path: path.to_owned(), error }),
    }
}

/// `text`, read from `path`, as TOML; an error as [`load_toml`] gives it.
pub fn parse_toml<T: serde::de::DeserializeOwned>(
    path: &Path,
    text: &str,
    what: &'static str,
) -> Result<T, ConfigError> {
    toml::from_str(text).map_err(|e| ConfigError::Parse {
        path: path.to_owned(),
        what,
        problem: toml_problem(text, &e),
    })
}

/// The parser's message on one line, with where it applies. (toml's own
/// `Display` draws the line with a caret under it over several lines, which
/// breaks a one-line error message.)
fn toml_problem(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim_end();
    let Some(before) = e.span().and_then(|span| text.get(..span.start)) else {
        return message.to_owned();
    };
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    // The setting the value belongs to, when the line is `key = value`.
    let key =
        text.lines().nth(line - 1).and_then(|l| l.split_once('=')).map(|(k, _)| k.trim()).filter(|k| !k.is_empty());
    match key {
        Some(key) if !message.contains(key) => format!("{key}: {message} (line {line}, column {column})"),
        _ => format!("{message} (line {line}, column {column})"),
    }
}

/// Replace the file at `path` with `contents` so that a reader, or a crash,
/// sees the old file or the new one and never a mix: write a temporary file
/// in the same directory, flush it to disk, rename it over `path`. Creates
/// the directory when it is missing.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<(), ConfigError> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|error| ConfigError::CreateDir { path: dir.to_owned(), error })?;
    // The process id keeps two hewals saving at once from writing into the
    // same temporary file; the last rename wins, whole.
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".{}.tmp", std::process::id()));
    let tmp = PathBuf::from(tmp);
    let written = std::fs::File::create(&tmp).and_then(|mut f| {
        f.write_all(contents)?;
        f.sync_all()
    });
    let renamed = match written {
        Ok(()) => std::fs::rename(&tmp, path).map_err(|error| ConfigError::Replace { path: path.to_owned(), error }),
        Err(error) => Err(ConfigError::Write { path: tmp.clone(), error }),
    };
    if renamed.is_err() {
        // Best effort: the error above is what the user needs to hear; a
        // temporary file that cannot be removed either changes nothing.
        let _ = std::fs::remove_file(&tmp);
        return renamed;
    }
    // Make the rename itself durable. Best effort: not every platform can
    // open a directory, and the new file is in place either way.
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_atomic_replaces_whole_files_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/urls");
        write_atomic(&p, b"one\n").unwrap();
        write_atomic(&p, b"two\n").unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "two\n");
        let names: Vec<_> =
            std::fs::read_dir(dir.path().join("sub")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["urls"]);
        // A directory in the way: the error names what could not be replaced.
        let blocked = dir.path().join("blocked");
        std::fs::create_dir_all(blocked.join("x")).unwrap();
        let err = write_atomic(&blocked, b"x").unwrap_err().to_string();
        assert!(err.starts_with(&format!("cannot replace {}: ", blocked.display())), "{err}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2, "no temporary file left");
    }

    #[test]
    fn toml_problems_are_one_line_with_the_position() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.toml");
        std::fs::write(&p, "a = 1\nb = = 2\n").unwrap();
        let err = load_toml::<toml::Table>(&p, "not a test file").unwrap_err().to_string();
        assert!(err.starts_with(&format!("{}: not a test file: ", p.display())), "{err}");
        assert!(err.ends_with("(line 2, column 5)") && !err.contains('\n'), "{err}");
    }
}
