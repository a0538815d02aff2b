//! Command dispatch. Holds no business logic: each command opens what it
//! needs and calls into the library.

pub mod args;
mod config;
mod feeds;
mod library;
pub mod messages;
mod output;
mod strings;
mod suggest;

use crate::config::{BidiMode, Paths, ShapeMode};
use crate::search::{OpenState, SearchError, SearchIndex};
use crate::store::Store;
use anyhow::{Context, Result};
use args::{Cli, Command, FeedCommand};
use std::io::{BufRead, IsTerminal, Write};
use std::process::ExitCode;

/// Parse the process arguments and run. The exit status of a run that
/// finished is 2 if some item failed on the way ([`messages::error`]), else 0.
pub fn run() -> Result<ExitCode> {
    let cli = parse();
    let draw = cli.draw_args();
    // Doctor and config report a broken config.toml instead of stopping on it.
    let (paths, config, problem) = Paths::resolve_despite_config(cli.data_dir.clone())?;
    crate::i18n::init(crate::i18n::detect(cli.lang.or(config.lang), |v| std::env::var(v).ok()));
    crate::search::query::set_latin_search(config.latin_search.unwrap_or(true));
    match (&cli.command, problem) {
        (Some(Command::Config(cmd)), problem) => return config::run(cmd, &paths, &config, problem),
        (Some(Command::Doctor { .. }), Some(problem)) => {
            messages::message(strings::config_defaults_shown(problem));
        }
        // They describe hewal itself, not this configuration.
        (Some(Command::Completions { .. } | Command::Man), Some(_)) => {}
        (_, Some(problem)) => return Err(problem.into()),
        (_, None) => {}
    }
    let bidi = draw.bidi.or(config.bidi).unwrap_or_default();
    let shape = draw.shape.or(config.shape).unwrap_or_default();
    let look = Look { paths: &paths, bidi, shape };
    match cli.command.unwrap_or(Command::Tui { draw }) {
        Command::Tui { .. } => return tui(&paths, &reader_setup(&paths, &config, bidi, shape, false)?),
        Command::Calibrate { .. } => return tui(&paths, &reader_setup(&paths, &config, bidi, shape, true)?),
        Command::Doctor { .. } => doctor(&paths, bidi, shape),
        Command::Completions { shell } => completions(shell),
        Command::Man => man()?,
        Command::Import { paths: inputs } => import(&paths, &inputs)?,
        Command::Search { json, limit, query, .. } => search(&look, &query.join(" "), limit, json)?,
        Command::List { json, limit, unread, starred, feed, .. } => {
            library::list(&look, limit, json, library::filter(unread, starred), feed.as_deref())?
        }
        Command::Mark { mark, all, feed, ids } => library::mark(&paths, mark, all, feed.as_deref(), &ids)?,
        Command::Purge { older_than, feed } => library::purge(&paths, older_than, feed.as_deref())?,
        Command::Layout { width, dir, file, .. } => {
            layout(width.map(usize::from), dir.into(), file.as_deref(), layout_render(bidi, shape))?
        }
        Command::Reindex => reindex(&paths)?,
        Command::Fetch => feeds::fetch(&paths, config.retention())?,
        Command::Feed(cmd) => match cmd {
            FeedCommand::Add { url, title, tags } => feeds::add(&paths, &url, title, tags)?,
            FeedCommand::List { json } => feeds::list(&paths, json)?,
            FeedCommand::Remove { url } => feeds::remove(&paths, &url)?,
            FeedCommand::Import { file } => feeds::import(&paths, &file)?,
            FeedCommand::Export => feeds::export(&paths)?,
        },
        Command::Config(_) => unreachable!("handled above"),
    }
    Ok(messages::exit_code())
}

/// What `hewal list` and `hewal search` need to print rows for people: the
/// library, and how the terminal is to get right-to-left text.
pub(crate) struct Look<'a> {
    pub paths: &'a Paths,
    pub bidi: BidiMode,
    pub shape: ShapeMode,
}

impl Look<'_> {
    /// How rows are laid out: for the terminal on stdout (its width, and the
    /// bidi and shaping modes in force there), `None` for a pipe.
    fn terminal(&self) -> Option<output::RowLayout> {
        let width = terminal_width()?;
        let env = crate::fidelity::Environment::detect();
        let calibration =
            crate::fidelity::calibration::Calibration::load(&self.paths.calibration_path()).unwrap_or_default();
        let render = crate::fidelity::resolve(self.bidi, self.shape, &env, &calibration).render();
        Some(output::RowLayout { width, render })
    }
}

/// The arguments, or clap's error (usage, help, version) and exit.
fn parse() -> Cli {
    use clap::{CommandFactory, FromArgMatches};
    let matches = Cli::command().try_get_matches().unwrap_or_else(|e| suggest::filter(e).exit());
    Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit())
}

/// `hewal completions SHELL`: the script on stdout.
fn completions(shell: clap_complete::Shell) {
    use clap::CommandFactory;
    clap_complete::generate(shell, &mut Cli::command(), "hewal", &mut std::io::stdout());
}

/// `hewal man`: the manual page, roff, on stdout.
fn man() -> Result<()> {
    use clap::CommandFactory;
    let out = std::io::stdout();
    let mut out = out.lock();
    clap_mangen::Man::new(Cli::command()).render(&mut out)?;
    out.flush()?;
    Ok(())
}

/// The TUI, then what it has to tell once the terminal is back.
fn tui(paths: &Paths, setup: &crate::tui::Setup) -> Result<ExitCode> {
    needs_terminal(setup.only_calibrate)?;
    let ended = crate::tui::run(paths, setup)?;
    for warning in &ended.warnings {
        messages::message(warning);
    }
    if let Some(saved) = ended.calibrated {
        messages::message(saved);
    }
    // Ended by a signal: 128 + its number, as shells report it.
    Ok(match ended.signal {
        Some(sig) => ExitCode::from(128u8.saturating_add(sig as u8)),
        None => messages::exit_code(),
    })
}

/// The reader (or the calibration screen) draws on the terminal and reads
/// keys from it: standard output and standard input must both be one.
fn needs_terminal(calibration: bool) -> Result<()> {
    let stdout = match (std::io::stdout().is_terminal(), std::io::stdin().is_terminal()) {
        (false, _) => true,
        (_, false) => false,
        _ => return Ok(()),
    };
    anyhow::bail!(strings::needs_terminal(calibration, stdout))
}

/// What the TUI needs: the terminal's setup and the settings it follows.
fn reader_setup(
    paths: &Paths,
    config: &crate::config::Config,
    bidi: BidiMode,
    shape: ShapeMode,
    calibrate: bool,
) -> Result<crate::tui::Setup> {
    Ok(crate::tui::Setup {
        reload_every: config.reload_interval.filter(|&m| m > 0).map(|m| std::time::Duration::from_secs(m * 60)),
        refresh_on_start: config.refresh_on_start.unwrap_or(false),
        retention: config.retention(),
        keymap: usable(paths, true, crate::tui::keymap::Keymap::from_config(config))?,
        browser: config.browser.clone(),
        palette: usable(
            paths,
            false,
            crate::tui::theme::Palette::from_config(config.theme.as_deref(), &config.colors),
        )?,
        dates: (
            // Sorani readers get Kurdish month names unless they ask otherwise.
            config.date_format.unwrap_or(match crate::i18n::lang() {
                crate::i18n::Lang::Ckb => crate::config::DateFormat::Kurdish,
                crate::i18n::Lang::En => crate::config::DateFormat::Iso,
            }),
            config.digits.unwrap_or_default(),
        ),
        list_width: match config.out_of_range().first() {
            Some(problem) => anyhow::bail!("{}: {problem}", paths.config_path().display()),
            None => config.list_width,
        },
        ..terminal_setup(paths, bidi, shape, calibrate)
    })
}

/// What a part of config.toml (`[keys]` if `keys`, else the colours)
/// built, or every problem with it, naming the file.
fn usable<T>(paths: &Paths, keys: bool, built: Result<T, Vec<String>>) -> Result<T> {
    built.map_err(|problems| {
        anyhow::anyhow!("{}\n  {}", strings::config_invalid(&paths.config_path(), keys), problems.join("\n  "))
    })
}

/// What the TUI needs to know about the terminal. A damaged calibration
/// file is reported and ignored (detection decides instead).
fn terminal_setup(paths: &Paths, bidi: BidiMode, shape: ShapeMode, calibrate: bool) -> crate::tui::Setup {
    let env = crate::fidelity::Environment::detect();
    let calibration = crate::fidelity::calibration::Calibration::load(&paths.calibration_path()).unwrap_or_else(|e| {
        messages::message(strings::calibration_ignored(e));
        Default::default()
    });
    let plan = crate::fidelity::resolve(bidi, shape, &env, &calibration);
    crate::tui::Setup {
        calibrate: calibrate || plan.wants_calibration(),
        only_calibrate: calibrate,
        env,
        plan,
        calibration,
        reload_every: None,
        refresh_on_start: false,
        retention: Default::default(),
        keymap: Default::default(),
        browser: None,
        palette: Default::default(),
        list_width: None,
        dates: Default::default(),
    }
}

/// `hewal doctor`. Its report stays English: it is a diagnostic, pasted
/// into bug reports (the messages around it on stderr follow `--lang`).
fn doctor(paths: &Paths, bidi: BidiMode, shape: ShapeMode) {
    use crate::fidelity::doctor;
    let setup = terminal_setup(paths, bidi, shape, false);
    let report = doctor::report(&setup.env, &setup.plan, terminal_size(), &doctor::check_fonts());
    print!("{report}");
}

/// The terminal's size when stdout is one. A terminal that does not say
/// its size is treated as a pipe: output is then not fitted to a width.
fn terminal_size() -> Option<(u16, u16)> {
    std::io::stdout().is_terminal().then(|| crossterm::terminal::size().ok()).flatten()
}

/// The terminal's width when stdout is one (plain output is laid out for it).
fn terminal_width() -> Option<usize> {
    terminal_size().map(|(w, _)| w as usize)
}

/// `hewal layout` follows explicit settings only: `auto` is display order
/// without shaping, so its output does not depend on the terminal it runs in.
fn layout_render(bidi: BidiMode, shape: ShapeMode) -> crate::text::Render {
    let order = if bidi == BidiMode::Terminal { crate::text::Order::Logical } else { crate::text::Order::Visual };
    crate::text::Render { order, shape: shape == ShapeMode::On }
}

fn open_store(paths: &Paths) -> Result<Store> {
    Store::open(&paths.db_path()).map_err(|e| library_error(paths, e))
}

/// A store error as the command line tells it: a data directory that
/// cannot be one names itself, its problem and the fix; anything else is
/// said to be about the library in the data directory.
fn library_error(paths: &Paths, e: crate::store::StoreError) -> anyhow::Error {
    use crate::store::{DirProblem, StoreError};
    let not_a_directory = match &e {
        StoreError::DataDir { problem: DirProblem::NotADirectory, .. } => true,
        StoreError::DataDir { .. } => false,
        _ => return anyhow::Error::new(e).context(strings::cannot_open_library(&paths.data_dir)),
    };
    anyhow::anyhow!(strings::data_dir_problem(e, not_a_directory))
}

/// The library, for a command that only reads it: nothing is created
/// (`None`, said once, when there is no library yet), and a library that
/// cannot be written is read as it is.
fn open_store_to_read(paths: &Paths) -> Result<Option<Store>> {
    let store = Store::open_existing(&paths.db_path()).map_err(|e| library_error(paths, e))?;
    if store.is_none() {
        messages::message(strings::no_library(&paths.data_dir));
    }
    Ok(store)
}

/// Open the index and bring it up to date with the store, reporting on stderr.
/// A locked index (another hewal is writing it) is used as it is. Unless
/// the command then `searches`, the index's reads (those of its merges) skip
/// the read cache, as at import: nothing would read them again.
fn open_index(paths: &Paths, store: &Store, searches: bool) -> Result<SearchIndex> {
    let (mut index, state) = SearchIndex::open(&paths.index_dir())?;
    if !searches {
        index.without_read_cache();
    }
    if let OpenState::Rebuilt(why) = &state {
        messages::message(strings::index_rebuilt(why, false));
    }
    if let Some(why) = store.unwritable() {
        messages::message(strings::index_read_only(why));
        return Ok(index);
    }
    let progress = output::Progress::new(&strings::progress_indexing());
    match index.sync(store, &mut |done, total| progress.update(done, total)) {
        Ok(_) => {}
        Err(e @ SearchError::Locked { .. }) => messages::message(strings::index_locked(e, false)),
        Err(e) => return Err(e.into()),
    }
    progress.finish();
    Ok(index)
}

/// `hewal import`: each problem with a file or a line is an item error.
fn import(paths: &Paths, inputs: &[std::path::PathBuf]) -> Result<()> {
    let mut store = open_store(paths)?;
    let progress = output::Progress::counter(&strings::progress_importing());
    let outcome = crate::jobs::import::import(&mut store, &paths.index_dir(), inputs, &|stored, indexed| {
        progress.count(stored, indexed)
    })?;
    progress.finish();
    let report = &outcome.report;
    if let OpenState::Rebuilt(why) = &outcome.index_state {
        messages::message(strings::index_rebuilt(why, true));
    }
    for issue in &report.issues {
        messages::error(issue);
    }
    messages::status(strings::imported(report.inserted as u64, report.duplicates as u64, report.issues.len() as u64));
    match outcome.indexed {
        Ok(_) => Ok(()),
        Err(e @ SearchError::Locked { .. }) => {
            messages::message(strings::index_locked(e, true));
            Ok(())
        }
        Err(e) => Err(e.into()),
    }
}

/// `hewal search`: no more than `limit` hits (none for 0).
fn search(look: &Look, query: &str, limit: usize, json: bool) -> Result<()> {
    let paths = look.paths;
    if crate::search::query::is_cut(query) {
        messages::warning(strings::query_cut());
    }
    let Some(store) = open_store_to_read(paths)? else { return Ok(()) };
    if store.count()? == 0 {
        messages::message(strings::library_empty());
        return Ok(());
    }
    let mut index = open_index(paths, &store, true)?;
    // A damaged index can fail a search or panic in it: it is rebuilt from
    // the library and asked again, once.
    let mut results = match crate::panics::catch_quietly(|| index.search(query, limit)) {
        Ok(Ok(results)) => results,
        Ok(Err(e @ (SearchError::Tantivy(_) | SearchError::Unreadable(_)))) => {
            research(paths, &store, &mut index, &e.to_string(), query, limit)?
        }
        Ok(Err(e)) => return Err(e.into()),
        Err(panic) => research(paths, &store, &mut index, &panic, query, limit)?,
    };
    results.hits.truncate(limit);
    let out = std::io::stdout();
    let mut out = out.lock();
    let tty = if json { None } else { look.terminal() };
    for hit in &results.hits {
        let a = store.article(hit.key)?;
        let (snippet, _) = crate::search::query::snippet(&a.body, &results.matcher, 160);
        if json {
            writeln!(out, "{}", output::search_json(&a, hit.score, &snippet))?;
        } else {
            writeln!(out, "{}", output::row_plain(&a.title, &a.source, a.published, tty))?;
            if let Some(tty) = tty.filter(|_| !snippet.trim().is_empty()) {
                writeln!(out, "{}", output::snippet_line(&snippet, tty))?;
            }
        }
    }
    if !json {
        messages::status(strings::search_matches(results.hits.len(), results.total));
    }
    Ok(())
}

/// Rebuild an index that could not be read (`why`) and search it again.
fn research(
    paths: &Paths,
    store: &Store,
    index: &mut SearchIndex,
    why: &str,
    query: &str,
    limit: usize,
) -> Result<crate::search::SearchResults> {
    messages::message(strings::index_unreadable(why));
    *index = SearchIndex::recreate(&paths.index_dir())?;
    let progress = output::Progress::new(&strings::progress_indexing());
    index.sync(store, &mut |done, total| progress.update(done, total))?;
    progress.finish();
    Ok(index.search(query, limit)?)
}

fn layout(
    width: Option<usize>,
    dir: crate::text::BaseDirection,
    file: Option<&std::path::Path>,
    render: crate::text::Render,
) -> Result<()> {
    let width = width.or_else(terminal_width).unwrap_or(80).max(1);
    let input: Box<dyn BufRead> = match file {
        None => Box::new(std::io::stdin().lock()),
        Some(p) if p.as_os_str() == "-" => Box::new(std::io::stdin().lock()),
        Some(p) => Box::new(std::io::BufReader::new(std::fs::File::open(p).with_context(|| strings::cannot_open(p))?)),
    };
    let out = std::io::stdout();
    let mut out = std::io::BufWriter::new(out.lock());
    let opts = crate::text::LayoutOptions { direction: dir, highlights: &[], render };
    let mut buf = Vec::new();
    let mut input = input;
    loop {
        buf.clear();
        if input.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        let line = String::from_utf8_lossy(&buf);
        let line = line.trim_end_matches(['\n', '\r']);
        if line.trim().is_empty() {
            writeln!(out)?;
            continue;
        }
        // Line by line as they are made: a line of many megabytes is laid
        // out in bounded memory.
        let mut written = Ok(());
        crate::text::layout_paragraph_each(line, width, &opts, &mut |l| {
            if written.is_ok() {
                written = writeln!(out, "{}", l.to_plain(width));
            }
        });
        written?;
    }
    out.flush()?;
    Ok(())
}

/// Index the whole library again. The new index replaces the old one in
/// one commit: until then (and if anything fails) searches use the old.
fn reindex(paths: &Paths) -> Result<()> {
    let store = open_store(paths)?;
    let (mut index, state) = SearchIndex::open(&paths.index_dir())?;
    if let OpenState::Rebuilt(why) = &state {
        messages::message(strings::index_rebuilt(why, false));
    }
    let progress = output::Progress::new(&strings::progress_indexing());
    index.rebuild(&store, &mut |done, total| progress.update(done, total))?;
    progress.finish();
    messages::status(strings::indexed(index.num_docs()));
    Ok(())
}
