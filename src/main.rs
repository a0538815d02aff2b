#![forbid(unsafe_code)]

//! The `hewal` binary: parse arguments, run, turn the outcome into an exit
//! code (0 success, 1 error, 2 finished with per-item errors).

use std::process::ExitCode;

fn main() -> ExitCode {
    match hewal::cli::run() {
        Ok(code) => code,
        Err(err) => hewal::cli::messages::fatal(&err),
    }
}
