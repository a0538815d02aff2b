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
    #[arg(long, global = true, env = "HEWAL_BIDI", value_enum, value_name = "MODE")]
    pub bidi: Option<crate::config::BidiMode>,

    /// Whether hewal draws Arabic letters joined (for terminals that draw them isolated).
    #[arg(long, global = true, env = "HEWAL_SHAPE", value_enum, value_name = "MODE")]
    pub shape: Option<crate::config::ShapeMode>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the terminal reader (the default).
    Tui,
    /// Import .txt and .jsonl files, or directories of them.
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
        /// Width in cells (default: the terminal's, or 80).
        #[arg(long, short)]
        width: Option<usize>,
        /// Base direction of every paragraph.
        #[arg(long, value_enum, default_value_t = DirArg::Auto)]
        dir: DirArg,
        /// Input file; `-` or none reads standard input.
        file: Option<PathBuf>,
    },
    /// Rebuild the search index from the database.
    Reindex,
    /// Show what hewal detected about this terminal (bidi, shaping, fonts, tmux) and test lines
    /// drawn in each mode.
    Doctor,
    /// Pick how Kurdish text is drawn on this terminal, on a screen that shows each mode; the
    /// pick is saved for this terminal.
    Calibrate,
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
