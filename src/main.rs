// One call into the C library (`keep_big_blocks_out_of_the_heap`); the
// library crate forbids unsafe code outright.
#![deny(unsafe_code)]

//! The `hewal` binary: parse arguments, run, turn the outcome into an exit
//! code (0 success, 1 error, 2 finished with per-item errors).

use std::process::ExitCode;

fn main() -> ExitCode {
    keep_big_blocks_out_of_the_heap();
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

/// Blocks of at least this many bytes get their own mapping.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
const MMAP_THRESHOLD: libc::c_int = 1 << 20;

/// glibc's malloc gives each big block (128 KiB and up) a mapping of its
/// own, returned to the system when freed, but once such a block is freed it
/// raises that threshold to the block's size, up to 32 MiB. From then on an
/// import's big buffers (the index's merge reads, the writer's arenas) come
/// from the heaps, where freed space stays resident and fragments. A fixed
/// threshold keeps them mapped.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[allow(unsafe_code)]
fn keep_big_blocks_out_of_the_heap() {
    // SAFETY: mallopt only sets a parameter of malloc; it is called before
    // any other thread exists. On failure (0) malloc keeps its default.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
    }
}

/// Elsewhere malloc is left as it is.
#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn keep_big_blocks_out_of_the_heap() {}
