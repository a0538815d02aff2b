//! Command-line arguments.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// hewal — a terminal news browser for Sorani Kurdish and mixed Kurdish/English news.
///
/// With no command, opens the reader. On first run with an empty library it
/// imports the bundled sample articles.
#[derive(Debug, Parser)]
#[command(name = "hewal", version, about, long_about = None)]
pub struct Cli {
    /// Data directory (database and search index); default: the platform's data dir
    /// (~/.local/share/hewal on Linux).
    #[arg(long, global = true, env = "HEWAL_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,

    /// Who reorders right-to-left text: hewal (`app`, asking the terminal to stand back) or the
    /// terminal (`terminal`); `auto` uses your calibration, else the terminal detected.
    #[arg(long, env = "HEWAL_BIDI", value_enum, value_name = "MODE")]
    pub bidi: Option<crate::config::BidiMode>,

    /// Whether hewal draws Arabic letters joined (for terminals that draw them isolated).
    #[arg(long, env = "HEWAL_SHAPE", value_enum, value_name = "MODE")]
    pub shape: Option<crate::config::ShapeMode>,

    /// The interface's language: `en` or `ckb` (Sorani, laid out right to left); default:
    /// `lang` in config.toml, else LC_ALL, LC_MESSAGES, LANGUAGE, LANG.
    #[arg(long, global = true, env = "HEWAL_LANG", value_enum, value_name = "LANG")]
    pub lang: Option<crate::i18n::Lang>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// `--bidi` and `--shape` after a command that draws text for a terminal
/// (`calibrate`, `doctor`, `layout`, `list`, `search`). Before the command
/// they are the reader's, which also reads HEWAL_BIDI and HEWAL_SHAPE; a
/// value given here wins over both.
#[derive(Clone, Copy, Debug, Default, clap::Args)]
pub struct DrawArgs {
    /// Who reorders right-to-left text: hewal (`app`, asking the terminal to stand back) or the
    /// terminal (`terminal`); `auto` uses your calibration, else the terminal detected [env:
    /// HEWAL_BIDI]
    #[arg(long, value_enum, value_name = "MODE")]
    pub bidi: Option<crate::config::BidiMode>,

    /// Whether hewal draws Arabic letters joined (for terminals that draw them isolated) [env:
    /// HEWAL_SHAPE]
    #[arg(long, value_enum, value_name = "MODE")]
    pub shape: Option<crate::config::ShapeMode>,
}

impl Cli {
    /// The display settings given on the command line or in the
    /// environment: after the command, else before it or in HEWAL_BIDI and
    /// HEWAL_SHAPE.
    pub fn draw_args(&self) -> DrawArgs {
        let after = self.command.as_ref().and_then(Command::draw_args).unwrap_or_default();
        DrawArgs { bidi: after.bidi.or(self.bidi), shape: after.shape.or(self.shape) }
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the terminal reader (the default).
    Tui {
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// Import .txt, .html and .jsonl files, or directories of them.
    Import {
        /// Files or directories.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Search the library, best match first.
    Search {
        /// Print JSON Lines (id, title, score, snippet, published, source, url).
        #[arg(long)]
        json: bool,
        /// Maximum number of results.
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// The query: words, "phrases", -excluded; a last word without a trailing space also
        /// matches as a prefix. Words may start with `-` (exclusions), so put options first.
        #[arg(required = true, num_args = 1.., value_name = "QUERY", allow_hyphen_values = true)]
        query: Vec<String>,
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// List the library, newest first.
    List {
        /// Print JSON Lines (each row with its `read` and `starred` state).
        #[arg(long)]
        json: bool,
        /// Maximum number of articles (default: all).
        #[arg(long)]
        limit: Option<usize>,
        /// Only unread articles.
        #[arg(long, conflicts_with = "starred")]
        unread: bool,
        /// Only starred articles.
        #[arg(long)]
        starred: bool,
        /// Only the articles of one feed (its URL or title) or import source (its name).
        #[arg(long, value_name = "FEED")]
        feed: Option<String>,
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// Mark articles read or unread, star or unstar them.
    Mark {
        #[arg(value_enum)]
        mark: MarkArg,
        /// Every article in the library.
        #[arg(long, conflicts_with_all = ["feed", "ids"])]
        all: bool,
        /// Every article of one feed (its URL or title) or import source (its name).
        #[arg(long, value_name = "FEED", conflicts_with = "ids")]
        feed: Option<String>,
        /// Article ids, as `hewal list --json` prints them.
        #[arg(value_name = "ID", required_unless_present_any = ["all", "feed"])]
        ids: Vec<String>,
    },
    /// Delete old articles (starred ones are always kept) and drop them from the index.
    Purge {
        /// Articles older than this many days; with --feed alone, all of that feed's.
        #[arg(long, value_name = "DAYS", required_unless_present = "feed")]
        older_than: Option<u64>,
        /// Only one feed (its URL or title) or import source (its name, e.g. "hewal sample").
        #[arg(long, value_name = "FEED")]
        feed: Option<String>,
    },
    /// Lay out text for the terminal: each input line is a paragraph, printed as display-order
    /// lines (RTL paragraphs right-aligned). A bidi-aware `cat`.
    Layout {
        /// Width in cells, 1 to 65535 (default: the terminal's, or 80).
        #[arg(long, short, value_parser = clap::value_parser!(u16).range(1..))]
        width: Option<u16>,
        /// Base direction of every paragraph.
        #[arg(long, value_enum, default_value_t = DirArg::Auto)]
        dir: DirArg,
        /// Input file; `-` or none reads standard input.
        file: Option<PathBuf>,
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// Rebuild the search index from the database.
    Reindex,
    /// Show what hewal detected about this terminal (bidi, shaping, fonts, tmux) and test lines
    /// drawn in each mode.
    Doctor {
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// Print a completion script for a shell (e.g. `hewal completions bash > ~/.local/share/bash-completion/completions/hewal`).
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `hewal man | man -l -`.
    Man,
    /// Pick how Kurdish text is drawn on this terminal, on a screen that shows each mode; the
    /// pick is saved for this terminal.
    Calibrate {
        #[command(flatten)]
        draw: DrawArgs,
    },
    /// Fetch every subscribed feed and store new and updated entries.
    Fetch,
    /// Manage feed subscriptions (kept in the `urls` file in the config directory).
    #[command(subcommand)]
    Feed(FeedCommand),
    /// Show, write or check the configuration file (config.toml).
    #[command(subcommand)]
    Config(ConfigCommand),
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print where config.toml is (or would be).
    Path,
    /// Print a complete, commented config.toml with every setting at its default.
    Default,
    /// Check config.toml: every problem, with its line; exit status 1 if there is one.
    Check,
}

#[derive(Debug, Subcommand)]
pub enum FeedCommand {
    /// Subscribe to a feed (RSS, Atom or JSON Feed).
    Add {
        url: String,
        /// Name to show for it (default: the feed's own title).
        #[arg(long)]
        title: Option<String>,
        /// Tags (repeatable).
        #[arg(long = "tag")]
        tags: Vec<String>,
    },
    /// List subscriptions with their last fetch and error.
    List {
        /// Print JSON Lines.
        #[arg(long)]
        json: bool,
    },
    /// Unsubscribe (the feed's articles stay).
    Remove { url: String },
    /// Subscribe to every feed in an OPML file or a newsboat `urls` file.
    Import { file: PathBuf },
    /// Print the subscriptions as OPML.
    Export,
}

/// What `hewal mark` does.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MarkArg {
    Read,
    Unread,
    Star,
    Unstar,
}

impl Command {
    /// `--bidi` and `--shape` given after the command, for the commands that take them.
    pub fn draw_args(&self) -> Option<DrawArgs> {
        match self {
            Command::Tui { draw }
            | Command::Search { draw, .. }
            | Command::List { draw, .. }
            | Command::Layout { draw, .. }
            | Command::Doctor { draw }
            | Command::Calibrate { draw } => Some(*draw),
            _ => None,
        }
    }
}

/// Paragraph direction on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DirArg {
    Auto,
    Rtl,
    Ltr,
}

impl From<DirArg> for crate::text::BaseDirection {
    fn from(d: DirArg) -> Self {
        match d {
            DirArg::Auto => Self::Auto,
            DirArg::Rtl => Self::Rtl,
            DirArg::Ltr => Self::Ltr,
        }
    }
}
