#![forbid(unsafe_code)]

//! The `hewal` binary: parse arguments, run, turn the outcome into an exit
//! code (0 success, 1 error, 2 finished with per-item errors).

use std::process::ExitCode;

fn main() -> ExitCode {
    match hewal::cli::run() {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`hewal list | head`) is not an error.
            if err
                .chain()
                .any(|c| c.downcast_ref::<std::io::Error>().is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe))
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("hewal: {err:#}");
            ExitCode::FAILURE
        }
    }
}
