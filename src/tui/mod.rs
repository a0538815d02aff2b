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
use crate::fidelity::calibration::{Calibration, Choice};
use crate::fidelity::{doctor::CANDIDATES, BidiMode, Environment, Plan, ShapeMode};
use crate::jobs::search::SearchWorker;
use crate::store::{sample, Store};
use action::Action;
use anyhow::{Context, Result};
use app::{App, Effect, Mode};
use crossterm::event::Event as TermEvent;
use event::Event;

/// What the TUI knows about the terminal before it starts (see `fidelity`).
pub struct Setup {
    pub env: Environment,
    pub plan: Plan,
    pub calibration: Calibration,
    /// Show the calibration screen first.
    pub calibrate: bool,
    /// `hewal calibrate`: quit once the pick is made.
    pub only_calibrate: bool,
}

/// Open the library (importing the bundled samples into an empty one) and
/// run the TUI until the user quits or a signal arrives.
pub fn run(paths: &Paths, setup: &Setup) -> Result<()> {
    let mut store = Store::open(&paths.db_path())
        .with_context(|| format!("cannot open the library in {}", paths.data_dir.display()))?;
    if store.count()? == 0 && !setup.only_calibrate {
        let report = sample::import_samples(&mut store).context("cannot import the sample articles")?;
        for issue in &report.issues {
            eprintln!("hewal: {issue}");
        }
    }
    let (event_tx, event_rx) = crossbeam_channel::unbounded();
    let (worker_tx, worker_rx) = crossbeam_channel::unbounded();
    let worker = SearchWorker::spawn(paths.db_path(), paths.index_dir(), worker_tx.clone());
    event::spawn_signals(event_tx.clone()).context("cannot install signal handlers")?;
    let mut app = App::new(store);
    app.subscriptions = load_subscriptions(paths);
    app.set_render(setup.plan.render());
    // The calibration screen is judged with the terminal's bidi switched
    // off, as app mode runs: a candidate that reads right there reads right
    // in use (see `calibrate`).
    let app_plan = crate::fidelity::resolve(BidiMode::App, ShapeMode::Off, &setup.env, &Calibration::default());
    let entered = if setup.calibrate { &app_plan } else { &setup.plan };
    if setup.calibrate {
        app.mode = Mode::Calibrate;
    }
    for note in &setup.plan.notes {
        app.message = Some(note.clone());
    }

    let mut guard =
        terminal::TerminalGuard::enter(&entered.enter, &entered.leave).context("cannot set up the terminal")?;
    let mut entered = entered.clone();
    let mut calibrated = None;
    let mut primed = None;
    event::spawn_input(event_tx);
    loop {
        let size = guard.terminal.size()?;
        let logical = app.render.order == crate::text::Order::Logical;
        if (logical || !entered.per_row.is_empty()) && primed != Some(size) {
            prime(&mut guard.terminal, size.height, &entered.per_row, logical)?;
            primed = Some(size);
        }
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
        for effect in app.take_effects() {
            match effect {
                Effect::Fetch => {
                    crate::jobs::fetch::spawn_refresh(paths.db_path(), paths.urls_path(), worker_tx.clone())
                }
                Effect::SyncIndex => {
                    worker.sync();
                    app.subscriptions = load_subscriptions(paths);
                }
                Effect::OpenUrl(url) => match open_url(&url) {
                    Ok(Opened::Browser) => app.message = Some(format!("opened {url}")),
                    Ok(Opened::Copied) => {
                        copy_osc52(guard.terminal.backend_mut(), &url);
                        app.message = Some(format!("no browser here (SSH): copied {url}"));
                    }
                    Err(e) => app.message = Some(format!("cannot open a browser: {e}; press y to copy the link")),
                },
                Effect::Copy(text) => copy_osc52(guard.terminal.backend_mut(), &text),
                Effect::Calibrated(pick) => {
                    let (plan, saved) = calibrate(paths, setup, pick);
                    // Switch the terminal to what the new plan wants.
                    if plan.enter != entered.enter {
                        // Rows made explicit one by one go back one by one.
                        let rows = guard.terminal.size()?.height;
                        let undo: String = if plan.per_row.is_empty() && !entered.per_row.is_empty() {
                            (1..=rows).map(|y| format!("\x1b[{y};1H{}", crate::fidelity::BDSM_IMPLICIT)).collect()
                        } else {
                            String::new()
                        };
                        let out = guard.terminal.backend_mut();
                        let seq = format!("{}{undo}{}", entered.leave, plan.enter);
                        let _ = std::io::Write::write_all(out, seq.as_bytes());
                        let _ = std::io::Write::flush(out);
                        terminal::set_leave(&plan.leave);
                    }
                    app.set_render(plan.render());
                    app.message = Some(saved.clone());
                    guard.terminal.clear()?;
                    primed = None;
                    calibrated = Some(saved);
                    entered = plan;
                    if setup.only_calibrate {
                        app.quit = true;
                    }
                }
            }
        }
        if app.quit {
            break;
        }
    }
    drop(guard);
    if let (true, Some(saved)) = (setup.only_calibrate, calibrated) {
        println!("hewal: {saved}");
    }
    Ok(())
}

/// Save the reader's pick (or the detected mode, when they pressed Esc on
/// the first-run screen) for this terminal, and return the plan it gives
/// and a message saying what was saved.
fn calibrate(paths: &Paths, setup: &Setup, pick: Option<usize>) -> (Plan, String) {
    let detected = crate::fidelity::resolve(BidiMode::Auto, ShapeMode::Auto, &setup.env, &Calibration::default());
    let choice = match pick.and_then(|i| CANDIDATES.get(i)) {
        Some(c) => Choice { bidi: c.bidi, shape: c.shape },
        None if setup.only_calibrate => return (setup.plan.clone(), "calibration unchanged".to_owned()),
        None => Choice { bidi: detected.bidi, shape: detected.shape },
    };
    let mut cal = setup.calibration.clone();
    cal.set(setup.env.identity(), choice);
    let what = format!(
        "bidi {}, shaping {}",
        if choice.bidi == BidiMode::Terminal { "by the terminal" } else { "by hewal" },
        if choice.shape { "on" } else { "off" }
    );
    let path = paths.calibration_path();
    let saved = match cal.save(&path) {
        Ok(()) => format!("saved for this terminal: {what} (hewal calibrate changes it)"),
        Err(e) => format!("using {what}, but {e:#}"),
    };
    // Settings given on the command line or in config.toml still win.
    let bidi =
        if setup.plan.bidi_source == crate::fidelity::Source::Setting { setup.plan.bidi } else { BidiMode::Auto };
    let shape = match setup.plan.shape_source {
        crate::fidelity::Source::Setting if setup.plan.shape => ShapeMode::On,
        crate::fidelity::Source::Setting => ShapeMode::Off,
        _ => ShapeMode::Auto,
    };
    (crate::fidelity::resolve(bidi, shape, &setup.env, &cal), saved)
}

/// Prepare a fresh (or resized, or cleared) screen: send `per_row` on every
/// row (the bidi switch, for terminals that keep it per row), and in
/// logical order write every cell once, as a no-break space. ratatui writes
/// only cells that differ from the previous frame, so blank cells would
/// never be written, and mlterm, seen in screenshots, then reorders the
/// words of a row as separate runs: word order left to right, short RTL
/// lines on the left. After this frame every blank cell of the next one is
/// a real space that differs, so it is written.
fn prime(t: &mut terminal::Terminal, rows: u16, per_row: &str, logical: bool) -> std::io::Result<()> {
    if !per_row.is_empty() {
        t.autoresize()?; // a resize clears the screen: do it before, not after
        let seq: String = (1..=rows).map(|y| format!("\x1b[{y};1H{per_row}")).collect();
        let out = t.backend_mut();
        std::io::Write::write_all(out, seq.as_bytes())?;
        std::io::Write::flush(out)?;
    }
    if logical {
        t.draw(|f| {
            for cell in f.buffer_mut().content.iter_mut() {
                cell.set_symbol("\u{a0}");
            }
        })?;
    }
    Ok(())
}

/// Route one event to the app.
pub fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Term(TermEvent::Key(key)) => {
            // Debug builds only: a key that panics, so the end-to-end tests
            // can check the terminal is restored on that path too.
            #[cfg(debug_assertions)]
            if key.code == crossterm::event::KeyCode::F(12) && std::env::var_os("HEWAL_TEST_PANIC_KEY").is_some() {
                panic!("test panic (HEWAL_TEST_PANIC_KEY)");
            }
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

enum Opened {
    Browser,
    /// Over SSH with no $BROWSER: the link was copied instead.
    Copied,
}

/// Open an http(s) URL: `$BROWSER` (its words, then the URL) or xdg-open,
/// detached, with no shell in between (the URL comes from a feed).
fn open_url(url: &str) -> std::io::Result<Opened> {
    let browser = std::env::var("BROWSER").ok().filter(|b| !b.trim().is_empty());
    let over_ssh = std::env::var_os("SSH_CONNECTION").is_some() || std::env::var_os("SSH_TTY").is_some();
    if browser.is_none() && over_ssh {
        return Ok(Opened::Copied);
    }
    let words: Vec<String> = match &browser {
        Some(b) => b.split_whitespace().map(str::to_owned).collect(),
        None => vec!["xdg-open".to_owned()],
    };
    let mut child = std::process::Command::new(&words[0])
        .args(&words[1..])
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // Reap it without blocking the loop.
    std::thread::spawn(move || child.wait());
    Ok(Opened::Browser)
}

/// Copy `text` to the clipboard of the terminal (local or at the other end of
/// SSH) with OSC 52. Inside tmux the sequence is also sent through tmux's
/// passthrough, for when `set-clipboard` does not forward it.
fn copy_osc52(out: &mut impl std::io::Write, text: &str) {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut seq = format!("\x1b]52;c;{b64}\x07");
    if std::env::var_os("TMUX").is_some() {
        seq.push_str(&format!("\x1bPtmux;\x1b\x1b]52;c;{b64}\x07\x1b\\"));
    }
    let _ = out.write_all(seq.as_bytes());
    let _ = out.flush();
}

/// The subscriptions for the feeds overlay (problems in the file are for
/// `hewal feed list` to report; the overlay shows what could be read).
fn load_subscriptions(paths: &Paths) -> Vec<crate::feeds::Subscription> {
    crate::jobs::fetch::load_subscriptions(&paths.urls_path()).map(|(subs, _)| subs).unwrap_or_default()
}
