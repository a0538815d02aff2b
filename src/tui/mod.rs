//! The terminal UI: ratatui + crossterm.
//!
//! The Elm architecture: `App` is the model, `Action` the message,
//! `App::update` the only place state changes, `view::render` draws from
//! `&App`. The main loop waits on one select over input, worker and signal
//! events, applies every pending event, then draws once.

pub mod action;
pub mod app;
pub mod event;
pub mod keymap;
pub mod layout;
pub mod reader;
pub mod terminal;
pub mod theme;
pub mod view;

use crate::config::Paths;
use crate::jobs::search::SearchWorker;
use crate::store::{sample, Store};
use action::Action;
use anyhow::{Context, Result};
use app::{App, Mode};
use crossterm::event::Event as TermEvent;
use event::Event;

/// Open the library (importing the bundled samples into an empty one) and
/// run the TUI until the user quits or a signal arrives.
pub fn run(paths: &Paths) -> Result<()> {
    let mut store = Store::open(&paths.db_path())
        .with_context(|| format!("cannot open the library in {}", paths.data_dir.display()))?;
    if store.count()? == 0 {
        let report = sample::import_samples(&mut store).context("cannot import the sample articles")?;
        for issue in &report.issues {
            eprintln!("hewal: {issue}");
        }
    }
    let (event_tx, event_rx) = crossbeam_channel::unbounded();
    let (worker_tx, worker_rx) = crossbeam_channel::unbounded();
    let worker = SearchWorker::spawn(paths.db_path(), paths.index_dir(), worker_tx);
    event::spawn_signals(event_tx.clone()).context("cannot install signal handlers")?;
    let mut app = App::new(store);

    let mut guard = terminal::TerminalGuard::enter().context("cannot set up the terminal")?;
    event::spawn_input(event_tx);
    loop {
        let size = guard.terminal.size()?;
        app.prepare(size.into());
        guard.terminal.draw(|f| view::render(&app, f))?;
        let Some(first) = event::next(&event_rx, &worker_rx) else {
            break;
        };
        handle(&mut app, first);
        // Apply everything already waiting before drawing again.
        while let Ok(ev) = event_rx.try_recv().or_else(|_| worker_rx.try_recv().map(Event::Worker)) {
            handle(&mut app, ev);
        }
        for req in app.take_requests() {
            worker.request(req);
        }
        if app.quit {
            break;
        }
    }
    drop(guard);
    Ok(())
}

/// Route one event to the app.
pub fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Term(TermEvent::Key(key)) => {
            if app.message.is_some() {
                app.message = None;
            }
            if let Some(action) = keymap::action_for(key, app.mode, app.focus) {
                app.update(action);
            }
        }
        Event::Term(TermEvent::Paste(text)) if app.mode == Mode::Search => {
            for c in text.chars().filter(|c| !c.is_control()) {
                app.update(Action::Insert(c));
            }
        }
        Event::Term(_) => {} // resize: the next draw adapts
        Event::Worker(w) => app.on_worker(w),
        Event::Signal(_) | Event::InputClosed => app.update(Action::Quit),
    }
}
