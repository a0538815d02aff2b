//! Terminal setup and restore.
//!
//! The terminal must come back on every exit path: a normal quit, an error,
//! a panic (the hook restores before the message is printed, so the message
//! is readable), and SIGTERM/SIGHUP (handled by the event loop, which then
//! returns normally). Restoring twice is harmless.
//!
//! The switch of the terminal's own bidi (e.g. `CSI 8 l` and mlterm's
//! `use_ctl=false`) is sent on entering and its undoing on every one of
//! those paths, from the same [`restore`].

use crossterm::{cursor, event, execute, terminal};
use std::io::Write;
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

/// Whether the terminal is currently in hewal's mode.
static ACTIVE: AtomicBool = AtomicBool::new(false);

/// Sent on restore, after leaving the alternate screen: undoes what was
/// sent on entering (the terminal's own bidi back on).
static LEAVE: Mutex<String> = Mutex::new(String::new());

pub type Backend = ratatui::backend::CrosstermBackend<Stdout>;
pub type Terminal = ratatui::Terminal<Backend>;

/// Owns the terminal mode; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal,
}

impl TerminalGuard {
    /// Enter raw mode and the alternate screen, send `enter` (raw bytes,
    /// e.g. the bidi switch), and install the panic hook; `leave` is sent
    /// whenever the terminal is restored.
    pub fn enter(enter: &str, leave: &str) -> io::Result<TerminalGuard> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        set_leave(leave);
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        let sent = execute!(out, terminal::EnterAlternateScreen, event::EnableBracketedPaste, cursor::Hide)
            .and_then(|()| out.write_all(enter.as_bytes()))
            .and_then(|()| out.flush());
        if let Err(e) = sent {
            restore();
            return Err(e);
        }
        let terminal = Terminal::new(ratatui::backend::CrosstermBackend::new(out))?;
        Ok(TerminalGuard { terminal })
    }
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

fn install_panic_hook() {
    static INSTALLED: AtomicBool = AtomicBool::new(false);
    if INSTALLED.swap(true, Ordering::SeqCst) {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore();
        previous(info);
    }));
}
