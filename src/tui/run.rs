//! The main loop: wires the app to the terminal, the background jobs and
//! the signals, and carries out the app's effects.
//!
//! One iteration: fit the app to the screen, draw once, carry out the
//! effects the fit queued, then wait on one select over input, jobs and
//! signals, apply every event already waiting, send the search requests
//! and carry out the effects. The app never sees the terminal or a thread.

use super::app::{App, Options};
use super::effect::{perform_local, Effect, Outcome};
use super::event::{self, Event};
use super::{strings, terminal};
use crate::config::Paths;
use crate::fidelity::calibration::{Calibration, Choice};
use crate::fidelity::{doctor::CANDIDATES, BidiMode, Environment, Plan, ShapeMode, Source};
use crate::jobs::search::SearchWorker;
use crate::jobs::NotificationTx;
use crate::store::{sample, Store, StoreError};
use crossterm::event::Event as TermEvent;
use ratatui::layout::Size;
use std::io;
use std::path::PathBuf;

/// What the TUI knows about the terminal before it starts (see `fidelity`).
pub struct Setup {
    pub env: Environment,
    pub plan: Plan,
    pub calibration: Calibration,
    /// Show the calibration screen first.
    pub calibrate: bool,
    /// `hewal calibrate`: quit once the pick is made.
    pub only_calibrate: bool,
    /// Fetch in the background this often (`reload_interval`).
    pub reload_every: Option<std::time::Duration>,
    /// Fetch once when the reader opens (`refresh_on_start`).
    pub refresh_on_start: bool,
    /// Articles kept per feed after a fetch (`max_articles`).
    pub retention: crate::config::Retention,
    /// The reader's keys.
    pub keymap: super::keymap::Keymap,
    /// The command `o` opens links with (`browser` in config.toml).
    pub browser: Option<String>,
    /// The colours of each role (`theme` and `[colors]`).
    pub palette: super::theme::Palette,
    /// The list's share of the width when layout.toml has none (`list_width`).
    pub list_width: Option<u16>,
    /// How dates and numbers are written (`date_format`, `digits`).
    pub dates: (crate::config::DateFormat, crate::config::Digits),
}

/// What the caller should tell the user once the terminal is back.
#[derive(Debug, Default)]
pub struct Ended {
    /// Problems met on the way (a sample article that did not import).
    pub warnings: Vec<String>,
    /// `hewal calibrate`: what was saved.
    pub calibrated: Option<String>,
    /// The signal that ended the TUI, if one did (the exit status is then
    /// 128 + its number, as a shell reports a process killed by it).
    pub signal: Option<i32>,
}

/// Why the TUI could not run.
#[derive(Debug, thiserror::Error)]
pub enum TuiError {
    #[error("cannot open the library in {}", .dir.display())]
    Library {
        dir: PathBuf,
        #[source]
        source: StoreError,
    },
    #[error("cannot import the sample articles")]
    Samples(#[source] StoreError),
    #[error("cannot install signal handlers")]
    Signals(#[source] io::Error),
    #[error("cannot start the search thread")]
    Worker(#[source] io::Error),
    #[error("cannot set up the terminal")]
    Terminal(#[source] io::Error),
    #[error("cannot draw on the terminal")]
    Draw(#[source] io::Error),
    /// TERM names a terminal that cannot move its cursor (`dumb`, an
    /// editor's shell buffer).
    #[error(
        "this terminal (TERM={term}) cannot show the reader: it cannot move the cursor; \
         `hewal list` and `hewal search` work here, or set TERM to your terminal's name (e.g. xterm-256color)"
    )]
    Unusable { term: String },
}

/// What the app starts with: the setup, and the split as last left.
fn options(paths: &Paths, setup: &Setup, unwritable: Option<crate::store::Unwritable>) -> Options {
    let note = match unwritable {
        Some(why) => Some(strings::read_only(why)),
        None => setup.plan.notes.last().map(|n| n.short.clone()),
    };
    let start = super::layout::Split {
        list_percent: setup.list_width.unwrap_or(super::layout::Split::default().list_percent),
        zoom: false,
    };
    // A layout file that cannot be read is replaced at the next change.
    let split = match paths.layout_path().exists() {
        true => crate::config::load_toml(&paths.layout_path(), "invalid layout").unwrap_or(start),
        false => start,
    };
    Options { render: setup.plan.render(), calibrate: setup.calibrate, note, split, keymap: setup.keymap.clone() }
}

/// A terminal a full-screen program can use: not `dumb`, and one that can
/// move its cursor if the system's terminfo knows it.
fn check_terminal(env: &crate::fidelity::Environment) -> Result<(), TuiError> {
    let addressable = env.terminfo.is_none_or(|t| t.addressable);
    match env.term != "dumb" && addressable {
        true => Ok(()),
        false => Err(TuiError::Unusable { term: env.term.clone() }),
    }
}

/// Open the library (importing the bundled samples into an empty one) and
/// run the TUI until the user quits or a signal arrives.
pub fn run(paths: &Paths, setup: &Setup) -> Result<Ended, TuiError> {
    check_terminal(&setup.env)?;
    let library = |source| TuiError::Library { dir: paths.data_dir.clone(), source };
    let mut store = match Store::open_existing(&paths.db_path()).map_err(library)? {
        Some(store) => store,
        None => Store::open(&paths.db_path()).map_err(library)?,
    };
    // The notes in full, for when the terminal is back: the status line
    // has room for a few words only, until the next key.
    let mut ended = Ended { warnings: setup.plan.notes.iter().map(|n| n.full.clone()).collect(), ..Ended::default() };
    if store.count().map_err(library)? == 0 && !setup.only_calibrate && !store.is_read_only() {
        let report = sample::import_samples(&mut store).map_err(TuiError::Samples)?;
        ended.warnings.extend(report.issues.iter().map(ToString::to_string));
    }
    let (event_tx, event_rx) = crossbeam_channel::unbounded();
    let (job_tx, job_rx) = crossbeam_channel::unbounded();
    let worker = SearchWorker::spawn(paths.db_path(), paths.index_dir(), job_tx.clone()).map_err(TuiError::Worker)?;
    event::spawn_signals(event_tx.clone()).map_err(TuiError::Signals)?;
    let options = options(paths, setup, store.unwritable());
    let mut app = App::with_options(store, options);
    let mut session = Session::enter(paths, setup, worker, job_tx)?;
    event::spawn_input(event_tx).map_err(TuiError::Terminal)?;
    let ticks = crossbeam_channel::tick(event::TICK);
    let mut changed = true;
    let mut last_fetch = std::time::Instant::now();
    if setup.refresh_on_start && !setup.only_calibrate {
        app.update(super::action::Action::Refresh);
    }
    loop {
        // A tick that found nothing new draws nothing: not a byte is sent.
        if changed {
            session.draw(&mut app)?;
        }
        session.perform(&mut app)?;
        if app.should_quit() {
            break;
        }
        // Search results went to the screen ahead of the reader: it follows
        // in a frame of its own, unless more input already waits.
        if app.follows_later() && event_rx.is_empty() && job_rx.is_empty() {
            changed = app.follow_now();
            continue;
        }
        let pause = app.is_moving().then_some(event::KEYS_PAUSE);
        let Some(first) = event::next(&event_rx, &job_rx, &ticks, pause) else { break };
        let mut next = Some(first);
        changed = false;
        // Apply everything already waiting before drawing again.
        while let Some(ev) = next {
            if let Event::Signal(sig) = ev {
                if sig != signal_hook::consts::SIGTSTP {
                    ended.signal = Some(sig);
                }
            }
            if matches!(ev, Event::Tick) && setup.reload_every.is_some_and(|every| last_fetch.elapsed() >= every) {
                // Background fetches, as newsboat's reload-time: quietly
                // skipped while one is running.
                last_fetch = std::time::Instant::now();
                if !app.is_fetching() {
                    app.update(super::action::Action::Refresh);
                    changed = true;
                }
            }
            changed |= handle(&mut app, ev);
            next = event_rx.try_recv().or_else(|_| job_rx.try_recv().map(Event::Job)).ok();
        }
        session.pass_on(&mut app);
        session.perform(&mut app)?;
        if app.should_quit() {
            break;
        }
    }
    ended.calibrated = session.calibrated.take();
    Ok(ended)
}

/// Route one event to the app. False when the screen cannot have changed
/// (a tick that found nothing new).
pub fn handle(app: &mut App, ev: Event) -> bool {
    match ev {
        Event::Tick => return app.follow_library(),
        Event::Pause => return app.settle(),
        Event::Term(TermEvent::Key(key)) => {
            // Debug builds only: a key that panics, so the end-to-end tests
            // can check the terminal is restored on that path too.
            #[cfg(debug_assertions)]
            if key.code == crossterm::event::KeyCode::F(12) && std::env::var_os("HEWAL_TEST_PANIC_KEY").is_some() {
                panic!("test panic (HEWAL_TEST_PANIC_KEY)");
            }
            app.handle_key(key);
        }
        Event::Term(TermEvent::Paste(text)) => app.handle_paste(&text),
        Event::Term(_) => {} // resize: the next draw adapts
        Event::Job(n) => app.notify(n),
        Event::Signal(signal_hook::consts::SIGTSTP) => app.update(super::action::Action::Suspend),
        Event::Signal(_) | Event::InputClosed => app.update(super::action::Action::Quit),
    }
    true
}

/// The terminal as the TUI holds it, and what carries out effects.
struct Session<'a> {
    paths: &'a Paths,
    setup: &'a Setup,
    guard: terminal::TerminalGuard,
    /// The plan whose modes the terminal is in now.
    entered: Plan,
    /// The screen size the rows were last primed for (see [`prime`]).
    primed: Option<Size>,
    /// What the calibration saved, for `hewal calibrate` to print.
    calibrated: Option<String>,
    /// The reader's article, first line and area when last drawn: a scroll
    /// since is drawn as one (see `backend::Shift`).
    reader_drawn: super::view::ReaderDrawn,
    worker: SearchWorker,
    job_tx: NotificationTx,
}

impl<'a> Session<'a> {
    fn enter(
        paths: &'a Paths,
        setup: &'a Setup,
        worker: SearchWorker,
        job_tx: NotificationTx,
    ) -> Result<Self, TuiError> {
        // The calibration screen is judged with the terminal's bidi
        // switched off, as app mode runs: a candidate that reads right
        // there reads right in use.
        let entered = if setup.calibrate {
            crate::fidelity::resolve(BidiMode::App, ShapeMode::Off, &setup.env, &Calibration::default())
        } else {
            setup.plan.clone()
        };
        let depth = super::backend::Depth::for_terminal(&setup.env);
        super::format::set_style(setup.dates.0, setup.dates.1);
        match depth {
            super::backend::Depth::None => super::theme::set_monochrome(true),
            _ => super::theme::set_palette(setup.palette.clone()),
        }
        let guard =
            terminal::TerminalGuard::enter(&entered.enter, &entered.leave, depth).map_err(TuiError::Terminal)?;
        let mut session = Session {
            paths,
            setup,
            guard,
            entered,
            primed: None,
            calibrated: None,
            reader_drawn: None,
            worker,
            job_tx,
        };
        session.set_regions();
        Ok(session)
    }

    /// Let the backend scroll regions and erase blanks where the terminal
    /// and its mode allow it.
    fn set_regions(&mut self) {
        let env = &self.setup.env;
        let regions = super::backend::Regions::for_terminal(env, self.entered.render().order);
        let backend = self.guard.terminal.backend_mut();
        backend.set_regions(regions);
        backend.set_erase(env.terminfo.is_some_and(|t| t.erases));
    }

    fn draw(&mut self, app: &mut App) -> Result<(), TuiError> {
        let size = self.guard.terminal.size().map_err(TuiError::Draw)?;
        let logical = app.render().order == crate::text::Order::Logical;
        if (logical || !self.entered.per_row.is_empty()) && self.primed != Some(size) {
            prime(&mut self.guard.terminal, size.height, &self.entered.per_row, logical).map_err(TuiError::Draw)?;
            self.primed = Some(size);
        }
        app.fit(size.into());
        if let Some(shift) = super::view::reader_shift(app, &mut self.reader_drawn) {
            self.guard.terminal.backend_mut().expect_shift(shift);
        }
        self.guard.terminal.draw(|f| super::view::render(app, f)).map_err(TuiError::Draw)?;
        // Rows that came into view want their snippets.
        self.send_requests(app);
        Ok(())
    }

    /// Pass the app's requests on to the search worker.
    fn send_requests(&mut self, app: &mut App) {
        for req in app.take_requests() {
            self.worker.send(req);
        }
    }

    /// After a batch of events: a thread that panicked did not write over
    /// the screen, so the app says it; the queries typed go to the worker.
    fn pass_on(&mut self, app: &mut App) {
        if let Some(panic) = terminal::take_worker_panic() {
            app.on_outcome(Outcome::Note(strings::worker_panicked(&panic)));
        }
        self.send_requests(app);
    }

    /// Carry out every effect the app queued; outcomes go back to it, and
    /// the effects they queue are carried out too.
    fn perform(&mut self, app: &mut App) -> Result<(), TuiError> {
        loop {
            let effects = app.take_effects();
            if effects.is_empty() {
                return Ok(());
            }
            self.perform_each(app, effects)?;
        }
    }

    fn perform_each(&mut self, app: &mut App, effects: Vec<Effect>) -> Result<(), TuiError> {
        for effect in effects {
            let outcomes = match perform_local(effect, app.store_mut(), &self.paths.urls_path()) {
                Ok(outcome) => outcome.into_iter().collect(),
                Err(effect) => self.perform_outside(effect)?,
            };
            for outcome in outcomes {
                app.on_outcome(outcome);
            }
        }
        Ok(())
    }

    fn perform_outside(&mut self, effect: Effect) -> Result<Vec<Outcome>, TuiError> {
        Ok(match effect {
            Effect::Fetch => {
                let opts = crate::feeds::FetchOptions { retention: self.setup.retention.clone(), ..Default::default() };
                crate::jobs::fetch::spawn_refresh(
                    self.paths.db_path(),
                    self.paths.urls_path(),
                    opts,
                    self.job_tx.clone(),
                );
                vec![]
            }
            Effect::SyncIndex => {
                self.worker.sync();
                vec![]
            }
            Effect::Pipe { command, text } => {
                let ran = self.in_terminal(|| pipe_to(&command, &text))?;
                ran.err().map(|e| Outcome::Note(strings::command_failed(&command, &e))).into_iter().collect()
            }
            Effect::SaveText { path, text } => vec![Outcome::Note(match std::fs::write(expand_home(&path), text) {
                Ok(()) => strings::saved_to(&path),
                Err(e) => strings::cannot_save_to(&path, &e),
            })],
            Effect::OpenUrl(url) => vec![Outcome::Note(match browser(self.setup.browser.as_deref()) {
                Browser::InTerminal(words) => {
                    let mut cmd = std::process::Command::new(&words[0]);
                    cmd.args(&words[1..]).arg(&url);
                    match self.in_terminal(|| cmd.status())? {
                        Ok(_) => strings::opened(&url),
                        Err(e) => strings::browser_failed(&words[0], &e),
                    }
                }
                Browser::Detached(words) => match open_detached(&words, &url) {
                    Ok(()) => strings::opened(&url),
                    Err(e) => strings::browser_failed(&words[0], &e),
                },
                Browser::None => {
                    copy_osc52(self.guard.terminal.backend_mut(), &url);
                    strings::copied_over_ssh(&url)
                }
            })],
            Effect::Copy(text) => {
                copy_osc52(self.guard.terminal.backend_mut(), &text);
                vec![]
            }
            Effect::Calibrated(pick) => {
                let (plan, saved) = calibrate(self.paths, self.setup, pick);
                self.switch_modes(plan).map_err(TuiError::Draw)?;
                self.calibrated = Some(saved.clone());
                let mut outcomes = vec![Outcome::Render(self.entered.render()), Outcome::Note(saved)];
                if self.setup.only_calibrate {
                    outcomes.push(Outcome::Quit);
                }
                outcomes
            }
            Effect::SaveSplit(split) => {
                let text = toml::to_string(&split).expect("a Split serialises");
                match crate::config::write_atomic(&self.paths.layout_path(), text.as_bytes()) {
                    Ok(()) => vec![],
                    Err(e) => vec![Outcome::Note(strings::cannot_save(strings::Unsaved::Layout, &e))],
                }
            }
            Effect::Suspend => {
                self.guard.suspend(&self.entered.enter).map_err(TuiError::Terminal)?;
                self.primed = None;
                vec![]
            }
            Effect::Save(_) | Effect::LoadFeeds | Effect::MarkView { .. } | Effect::Delete(_) | Effect::Undo(_) => {
                unreachable!("carried out by perform_local")
            }
        })
    }

    /// Run `f` with the terminal handed to it (restored, and not read by
    /// the input thread), then take the terminal back.
    fn in_terminal<R>(&mut self, f: impl FnOnce() -> R) -> Result<R, TuiError> {
        event::pause_input();
        let r = self.guard.hand_over(&self.entered.enter, f);
        event::resume_input();
        self.primed = None;
        r.map_err(TuiError::Terminal)
    }

    /// Put the terminal in the modes `plan` wants, and redraw everything.
    fn switch_modes(&mut self, plan: Plan) -> io::Result<()> {
        if plan.enter != self.entered.enter {
            // Rows made explicit one by one go back one by one.
            let rows = self.guard.terminal.size()?.height;
            let undo: String = if plan.per_row.is_empty() && !self.entered.per_row.is_empty() {
                (1..=rows).map(|y| format!("\x1b[{y};1H{}", crate::fidelity::BDSM_IMPLICIT)).collect()
            } else {
                String::new()
            };
            let out = self.guard.terminal.backend_mut();
            let seq = format!("{}{undo}{}", self.entered.leave, plan.enter);
            io::Write::write_all(out, seq.as_bytes())?;
            io::Write::flush(out)?;
            terminal::set_leave(&plan.leave);
        }
        self.guard.terminal.clear()?;
        self.primed = None;
        self.entered = plan;
        self.set_regions();
        Ok(())
    }
}

/// Save the reader's pick (or the detected mode, when they pressed Esc on
/// the first-run screen) for this terminal, and return the plan it gives
/// and a message saying what was saved.
fn calibrate(paths: &Paths, setup: &Setup, pick: Option<usize>) -> (Plan, String) {
    let detected = crate::fidelity::resolve(BidiMode::Auto, ShapeMode::Auto, &setup.env, &Calibration::default());
    let choice = match pick.and_then(|i| CANDIDATES.get(i)) {
        Some(c) => Choice { bidi: c.bidi, shape: c.shape },
        None if setup.only_calibrate => return (setup.plan.clone(), strings::calibration_unchanged()),
        None => Choice { bidi: detected.bidi, shape: detected.shape },
    };
    let mut cal = setup.calibration.clone();
    cal.set(setup.env.identity(), choice);
    let saved = cal.save(&paths.calibration_path()).map_err(|e| format!("{e:#}"));
    let saved = strings::calibrated(choice.bidi == BidiMode::Terminal, choice.shape, saved);
    // Settings given on the command line or in config.toml still win.
    let bidi = if setup.plan.bidi_source == Source::Setting { setup.plan.bidi } else { BidiMode::Auto };
    let shape = match setup.plan.shape_source {
        Source::Setting if setup.plan.shape => ShapeMode::On,
        Source::Setting => ShapeMode::Off,
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
fn prime(t: &mut terminal::Terminal, rows: u16, per_row: &str, logical: bool) -> io::Result<()> {
    if !per_row.is_empty() {
        t.autoresize()?; // a resize clears the screen: do it before, not after
        let seq: String = (1..=rows).map(|y| format!("\x1b[{y};1H{per_row}")).collect();
        let out = t.backend_mut();
        io::Write::write_all(out, seq.as_bytes())?;
        io::Write::flush(out)?;
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

/// `sh -c command` with `text` on its standard input and the terminal for
/// its output; then a key to come back (its output stays readable).
fn pipe_to(command: &str, text: &str) -> io::Result<()> {
    let mut child =
        std::process::Command::new("sh").arg("-c").arg(command).stdin(std::process::Stdio::piped()).spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that does not read it all (head) closes the pipe early.
        let _ = io::Write::write_all(&mut stdin, text.as_bytes());
    }
    let status = child.wait()?;
    let mut out = io::stdout();
    let said = match status.code() {
        Some(0) => String::new(),
        Some(n) => format!(" (it exited with status {n})"),
        None => " (it was stopped by a signal)".to_owned(),
    };
    let _ = io::Write::write_fmt(&mut out, format_args!("\r\n[hewal{said}: press Enter to go back] "));
    let _ = io::Write::flush(&mut out);
    let mut line = String::new();
    io::stdin().read_line(&mut line)?;
    Ok(())
}

/// A path typed by the user, with `~/` at its start meaning $HOME.
fn expand_home(path: &str) -> PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) => PathBuf::from(home).join(rest),
        _ => PathBuf::from(path),
    }
}

/// How links are opened.
enum Browser {
    /// `$BROWSER` names one that runs in the terminal (w3m, lynx…): it
    /// runs in the foreground, with the terminal handed over.
    InTerminal(Vec<String>),
    /// `$BROWSER`'s words, or xdg-open: started detached.
    Detached(Vec<String>),
    /// Over SSH with no `$BROWSER`: the link is copied instead.
    None,
}

/// The browser `browser` in config.toml names, else `$BROWSER`, else
/// xdg-open (but not over SSH).
fn browser(configured: Option<&str>) -> Browser {
    const TERMINAL_BROWSERS: &[&str] =
        &["w3m", "lynx", "elinks", "links", "links2", "browsh", "carbonyl", "www-browser", "chawan", "cha"];
    let line = configured.map(str::to_owned).or_else(|| std::env::var("BROWSER").ok()).unwrap_or_default();
    let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
    let Some(first) = words.first() else {
        let over_ssh = std::env::var_os("SSH_CONNECTION").is_some() || std::env::var_os("SSH_TTY").is_some();
        return if over_ssh { Browser::None } else { Browser::Detached(vec!["xdg-open".to_owned()]) };
    };
    let name = std::path::Path::new(first).file_name().and_then(|n| n.to_str()).unwrap_or("");
    if TERMINAL_BROWSERS.contains(&name) {
        Browser::InTerminal(words)
    } else {
        Browser::Detached(words)
    }
}

/// Start `words` then the URL, detached, with no shell in between (the URL
/// comes from a feed).
fn open_detached(words: &[String], url: &str) -> io::Result<()> {
    let mut child = std::process::Command::new(&words[0])
        .args(&words[1..])
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()?;
    // Reap it without blocking the loop.
    std::thread::spawn(move || child.wait());
    Ok(())
}

/// Copy `text` to the clipboard of the terminal (local or at the other end of
/// SSH) with OSC 52. Inside tmux the sequence is also sent through tmux's
/// passthrough, for when `set-clipboard` does not forward it.
fn copy_osc52(out: &mut impl io::Write, text: &str) {
    use base64::Engine;
    let b64 = base64::engine::general_purpose::STANDARD.encode(text.as_bytes());
    let mut seq = format!("\x1b]52;c;{b64}\x07");
    if std::env::var_os("TMUX").is_some() {
        seq.push_str(&format!("\x1bPtmux;\x1b\x1b]52;c;{b64}\x07\x1b\\"));
    }
    // Best effort: a terminal without OSC 52 ignores it, and a failed
    // write here shows up as a failed draw next.
    let _ = out.write_all(seq.as_bytes()).and_then(|()| out.flush());
}
