//! Panics that hewal catches and reports as an error of one item (a feed
//! whose document a parser cannot take, a search over a damaged index),
//! instead of ending the run or a worker.
//!
//! [`catch_quietly`] runs the code and marks the thread while it does, so
//! that the panic hooks (the binary's, the TUI's) print nothing: the caller
//! reports the error in its own words.

use std::cell::Cell;

thread_local! {
    /// Whether this thread is inside [`catch_quietly`].
    static CATCHING: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`; a panic becomes `Err` with its message, and no hook prints it.
pub fn catch_quietly<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let outer = CATCHING.with(|c| c.replace(true));
    let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(outer));
    r.map_err(|panic| message(&*panic))
}

/// Whether a panic on this thread now will be caught and reported: a panic
/// hook prints nothing then.
pub fn catching() -> bool {
    CATCHING.with(Cell::get)
}

/// The message a panic was raised with.
pub fn message(panic: &(dyn std::any::Any + Send)) -> String {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(s), _) => (*s).to_owned(),
        (_, Some(s)) => s.clone(),
        _ => "a panic".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_caught_panic_is_its_message_and_the_mark_is_undone() {
        assert!(!catching());
        assert_eq!(catch_quietly(|| 7), Ok(7));
        let r: Result<(), String> = catch_quietly(|| {
            assert!(catching());
            panic!("bad {}", 1)
        });
        assert_eq!(r, Err("bad 1".to_owned()));
        assert!(!catching());
    }
}
