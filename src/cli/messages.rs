//! Every line the command line writes for a person to read, on stderr.
//! Standard output carries only results (rows, JSON Lines, OPML, reports).
//!
//! As in ripgrep (`crates/core/messages.rs`), there are three kinds:
//!
//! - A fatal error ends the run: [`fatal`] prints `hewal: ` and the whole
//!   anyhow chain on one line (`{:#}`), and the run exits 1.
//! - A non-fatal error concerns one item, a file or a feed: [`error`] prints
//!   it as `hewal: PATH: error` (the message names its item first), the run
//!   goes on, and the "errored" flag it sets makes the run exit 2 at the end
//!   ([`exit_code`]).
//! - Everything else the user should know is not an error and leaves the
//!   exit status alone: [`message`] (`hewal: …`), [`warning`]
//!   (`hewal: warning: …`), and [`status`], the unprefixed summary a command
//!   ends with (`imported 3 new article(s), …`).
//!
//! The words come from `cli::strings` (the message catalogue), in the
//! language in force; `hewal:` is the program's name and stays.

use std::fmt::Display;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};

/// Set by [`error`]: some item failed, so the run exits 2.
static ERRORED: AtomicBool = AtomicBool::new(false);

/// A non-fatal error about one item, which `msg` names first
/// (`path:line: what`, `url: what`). The run goes on and exits 2.
pub fn error(msg: impl Display) {
    ERRORED.store(true, Ordering::Relaxed);
    eprintln!("hewal: {}", safe(msg));
}

/// Something the user should know that is not an error.
pub fn message(msg: impl Display) {
    eprintln!("hewal: {}", safe(msg));
}

/// Something that worked, but not quite as it should have.
pub fn warning(msg: impl Display) {
    eprintln!("hewal: {}: {}", super::strings::warning_label(), safe(msg));
}

/// The summary line a command ends with; no prefix.
pub fn status(msg: impl Display) {
    eprintln!("{}", safe(msg));
}

/// A message as the terminal may show it: what the user typed, a path or a
/// URL from a feed may hold escape sequences and controls, and they go
/// through the same sanitiser as article text.
fn safe(msg: impl Display) -> String {
    crate::text::sanitize(&msg.to_string())
}

/// Whether an [`error`] was reported during this run.
pub fn errored() -> bool {
    ERRORED.load(Ordering::Relaxed)
}

/// The exit status of a run that finished: 2 if any item failed, else 0.
pub fn exit_code() -> ExitCode {
    if errored() {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}

/// Report the error a run ended with, and return its exit status: 1, or 0
/// when the error is only a closed pipe (`hewal list | head`), which is how
/// a reader says it has seen enough.
pub fn fatal(err: &anyhow::Error) -> ExitCode {
    if is_broken_pipe(err) {
        return ExitCode::SUCCESS;
    }
    eprintln!("hewal: {}", safe(format_args!("{err:#}")));
    ExitCode::FAILURE
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn a_closed_pipe_anywhere_in_the_chain_is_not_an_error() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let err = Err::<(), _>(pipe).context("cannot write the list").unwrap_err();
        assert!(is_broken_pipe(&err));
        assert!(!is_broken_pipe(&anyhow::anyhow!("cannot open the library")));
    }

    #[test]
    fn item_errors_set_the_exit_status() {
        message("the search index was rebuilt");
        warning("an entry was cut");
        status("done");
        assert!(!errored());
        error("a.txt: file is empty; nothing imported");
        assert!(errored());
    }
}
