//! One stream of events for the main loop: terminal input, job
//! notifications and signals, merged with a crossbeam `select`.

use crate::jobs::Notification;
use crossbeam_channel::{Receiver, Sender};
use crossterm::event::Event as TermEvent;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Everything the main loop reacts to.
#[derive(Debug)]
pub enum Event {
    Term(TermEvent),
    /// A background job's notification.
    Job(Notification),
    /// SIGTERM, SIGHUP, SIGINT or SIGQUIT: leave cleanly; SIGTSTP: suspend.
    Signal(i32),
    /// The input thread failed (the terminal is gone).
    InputClosed,
    /// A second passed: time to look whether another process changed the
    /// library.
    Tick,
    /// No key for [`KEYS_PAUSE`] after keys that moved the list.
    Pause,
}

/// A gap between keys longer than a held key's repeat (25–30 a second on
/// X11, Wayland and macOS), with room for a network's jitter: the keys
/// paused.
pub const KEYS_PAUSE: Duration = Duration::from_millis(75);

/// Asked of the input thread: stop reading the terminal (another program
/// has it).
static INPUT_PAUSED: AtomicBool = AtomicBool::new(false);
/// Told by the input thread: it is not reading the terminal.
static INPUT_IDLE: AtomicBool = AtomicBool::new(false);

/// Stop the input thread reading the terminal, so that a program run in it
/// (a terminal browser, a command piped to) gets every key; returns once it
/// has stopped (within a poll, 250 ms), or after a second at most.
pub fn pause_input() {
    INPUT_PAUSED.store(true, Ordering::SeqCst);
    let deadline = Instant::now() + Duration::from_secs(1);
    while !INPUT_IDLE.load(Ordering::SeqCst) && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Let the input thread read the terminal again.
pub fn resume_input() {
    INPUT_PAUSED.store(false, Ordering::SeqCst);
}

/// Start the input reader thread. It lives until the process ends (or the
/// loop stops listening and the next event fails to send).
pub fn spawn_input(tx: Sender<Event>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("hewal-input".into())
        .spawn(move || loop {
            if INPUT_PAUSED.load(Ordering::SeqCst) {
                INPUT_IDLE.store(true, Ordering::SeqCst);
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
            INPUT_IDLE.store(false, Ordering::SeqCst);
            match crossterm::event::poll(Duration::from_millis(250)) {
                Ok(true) => match crossterm::event::read() {
                    Ok(ev) => {
                        if tx.send(Event::Term(ev)).is_err() {
                            return;
                        }
                    }
                    Err(_) => {
                        // If the loop has stopped listening it is leaving anyway.
                        let _ = tx.send(Event::InputClosed);
                        return;
                    }
                },
                Ok(false) => {}
                Err(_) => {
                    // As above.
                    let _ = tx.send(Event::InputClosed);
                    return;
                }
            }
        })
        .map(drop)
}

/// Forward SIGTERM, SIGHUP, SIGINT, SIGQUIT (leave cleanly) and SIGTSTP
/// (suspend) to the loop.
pub fn spawn_signals(tx: Sender<Event>) -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT, SIGTSTP])?;
    std::thread::Builder::new().name("hewal-signals".into()).spawn(move || {
        for sig in signals.forever() {
            if tx.send(Event::Signal(sig)).is_err() {
                return;
            }
        }
    })?;
    Ok(())
}

/// How often the loop looks for changes made by other processes: new
/// articles appear within two of these.
pub const TICK: Duration = Duration::from_secs(1);

/// Wait for the next event from the channels or the clock; with `pause`,
/// [`Event::Pause`] when nothing came within it.
pub fn next(
    events: &Receiver<Event>,
    jobs: &Receiver<Notification>,
    ticks: &Receiver<Instant>,
    pause: Option<Duration>,
) -> Option<Event> {
    let paused = pause.map_or_else(crossbeam_channel::never, crossbeam_channel::after);
    crossbeam_channel::select! {
        recv(events) -> e => e.ok(),
        recv(jobs) -> n => n.ok().map(Event::Job),
        recv(ticks) -> _ => Some(Event::Tick),
        recv(paused) -> _ => Some(Event::Pause),
    }
}
