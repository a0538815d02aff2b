//! Terminal setup and restore.
//!
//! The terminal must come back on every exit path: a normal quit, an error,
//! a panic (the hook restores before the message is printed, so the message
//! is readable), and SIGTERM/SIGHUP (handled by the event loop, which then
//! returns normally). Restoring twice is harmless.

use crossterm::{cursor, event, execute, terminal};
use std::io::{self, Stdout};
use std::sync::atomic::{AtomicBool, Ordering};

/// Whether the terminal is currently in hewal's mode.
static ACTIVE: AtomicBool = AtomicBool::new(false);

pub type Backend = ratatui::backend::CrosstermBackend<Stdout>;
pub type Terminal = ratatui::Terminal<Backend>;

/// Owns the terminal mode; restores it when dropped.
pub struct TerminalGuard {
    pub terminal: Terminal,
}

impl TerminalGuard {
    /// Enter raw mode and the alternate screen, and install the panic hook.
    pub fn enter() -> io::Result<TerminalGuard> {
        install_panic_hook();
        terminal::enable_raw_mode()?;
        ACTIVE.store(true, Ordering::SeqCst);
        let mut out = io::stdout();
        if let Err(e) = execute!(out, terminal::EnterAlternateScreen, event::EnableBracketedPaste, cursor::Hide) {
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
        let _ = execute!(io::stdout(), event::DisableBracketedPaste, terminal::LeaveAlternateScreen, cursor::Show);
        let _ = terminal::disable_raw_mode();
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
