//! Terminal setup and restore.
//!
//! The terminal must come back on every exit path: a normal quit, an error,
//! a panic of the UI thread (the hook restores before the message is
//! printed, so the message is readable), and SIGTERM/SIGHUP (handled by the
//! event loop, which then returns normally). Restoring twice is harmless.
//! A panic of a worker thread leaves the terminal alone: the worker's owner
//! reports it and the TUI goes on.
//!
//! The switch of the terminal's own bidi (e.g. `CSI 8 l` and mlterm's
//! `use_ctl=false`) is sent on entering and its undoing on every one of
//! those paths, from the same [`restore`].

use crossterm::{cursor, event, execute, terminal};
use std::io::Write;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, OnceLock};

/// Whether the terminal is currently in hewal's mode.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Sent on restore, after leaving the alternate screen: undoes what was
/// sent on entering (the terminal's own bidi back on).
static LEAVE: Mutex<String> = Mutex::new(String::new());

pub type Backend = super::backend::HewalBackend<Stdout>;
pub type Terminal = ratatui::Terminal<Backend>;

/// Owns the terminal mode; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal,
}

impl TerminalGuard {
    /// Enter raw mode and the alternate screen, send `enter` (raw bytes,
    /// e.g. the bidi switch), and install the panic hook; `leave` is sent
    /// whenever the terminal is restored. Colours are written for `depth`.
    pub fn enter(enter: &str, leave: &str, depth: super::backend::Depth) -> io::Result<TerminalGuard> {
        install_panic_hook();
        set_leave(leave);
        take_over(enter)?;
        let mut terminal = Terminal::new(super::backend::HewalBackend::new(io::stdout(), depth))?;
        // From a cleared screen the backend knows what the terminal shows.
        terminal.clear()?;
        Ok(TerminalGuard { terminal })
    }

    /// Stop the process as Ctrl-Z does in a shell (job control), with the
    /// terminal restored while it is stopped, and take the terminal back
    /// with `enter` when the shell continues it (`fg`). The next draw
    /// repaints every cell.
    pub fn suspend(&mut self, enter: &str) -> io::Result<()> {
        restore();
        // SIGSTOP, not SIGTSTP: hewal handles SIGTSTP itself (that is how
        // a `kill -TSTP` reaches this point), and SIGSTOP cannot be caught.
        signal_hook::low_level::raise(signal_hook::consts::SIGSTOP)?;
        take_over(enter)?;
        self.terminal.clear()
    }
}

impl TerminalGuard {
    /// Hand the terminal, restored, to `run` (a program in the foreground),
    /// then take it back with `enter`; the next draw repaints every cell.
    pub fn hand_over<R>(&mut self, enter: &str, run: impl FnOnce() -> R) -> io::Result<R> {
        restore();
        let r = run();
        take_over(enter)?;
        self.terminal.clear()?;
        Ok(r)
    }
}

/// Raw mode, the alternate screen, bracketed paste, no cursor, then
/// `enter`; undone by [`restore`].
fn take_over(enter: &str) -> io::Result<()> {
    terminal::enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let mut out = io::stdout();
    let sent = execute!(out, terminal::EnterAlternateScreen, event::EnableBracketedPaste, cursor::Hide)
        .and_then(|()| out.write_all(enter.as_bytes()))
        .and_then(|()| out.flush());
    if let Err(e) = sent {
        restore();
        return Err(e);
    }
    Ok(())
}

impl Drop for TerminalGuard {
    fn drop(&mut self) {
        restore();
    }
}

/// Leave raw mode and the alternate screen, show the cursor. Errors are
/// ignored: after SIGHUP there may be no terminal left to write to.
pub fn restore() {
    if ACTIVE.swap(false, Ordering::SeqCst) {
        let mut out = io::stdout();
        let _ = execute!(out, event::DisableBracketedPaste, terminal::LeaveAlternateScreen, cursor::Show);
        let leave = LEAVE.lock().map(|l| l.clone()).unwrap_or_default();
        let _ = out.write_all(leave.as_bytes()).and_then(|()| out.flush());
        let _ = terminal::disable_raw_mode();
    }
}

/// Change what [`restore`] sends (after the reader picked another mode on
/// the calibration screen).
pub fn set_leave(leave: &str) {
    if let Ok(mut l) = LEAVE.lock() {
        leave.clone_into(&mut l);
    }
}

/// The thread that owns the terminal: a panic there ends the TUI.
static UI_THREAD: OnceLock<std::thread::ThreadId> = OnceLock::new();

/// A panic on the UI thread restores the terminal before its message is
/// printed. A panic on another thread while the TUI runs must not touch
/// the terminal: that thread's owner catches it and tells the UI, which
/// keeps running (its message would be written over the screen, so it is
/// kept for [`take_worker_panic`] instead).
fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    // The first guard is made on the UI thread; later ones are too.
    let _ = UI_THREAD.set(std::thread::current().id());
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if crate::panics::catching() {
            return; // caught, and reported by the code that caught it
        }
        let on_ui = UI_THREAD.get() == Some(&std::thread::current().id());
        if on_ui || !ACTIVE.load(Ordering::SeqCst) {
            restore();
            previous(info);
        } else if let Ok(mut last) = WORKER_PANIC.lock() {
            let name = std::thread::current().name().unwrap_or("a worker").to_owned();
            *last = Some(format!("{name}: {info}"));
        }
    }));
}

/// The last panic of a thread other than the UI's while the TUI ran.
static WORKER_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Where and why a worker thread last panicked while the TUI ran (its
/// message, which was not printed over the screen), if one did.
pub fn take_worker_panic() -> Option<String> {
    WORKER_PANIC.lock().ok().and_then(|mut p| p.take())
}
