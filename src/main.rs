#![forbid(unsafe_code)]

//! The `hewal` binary: parse arguments, run, turn the outcome into an exit
//! code (0 success, 1 error, 2 finished with per-item errors).

use std::process::ExitCode;

fn main() -> ExitCode {
    // A panic that hewal catches and reports as an item's error (a parser
    // meeting a document it cannot take) prints nothing of its own.
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !hewal::panics::catching() {
            default(info);
        }
    }));
    match hewal::cli::run() {
        Ok(code) => code,
        Err(err) => hewal::cli::messages::fatal(&err),
    }
}
