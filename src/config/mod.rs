//! Where hewal keeps its data and configuration, what the optional
//! `config.toml` may say, and how hewal's own small files are read and
//! written ([`files`]).
//!
//! This module depends on nothing else in hewal. Settings are plain values
//! ([`BidiMode`], [`ShapeMode`]); `fidelity` decides what they mean on the
//! terminal at hand. So every module can read the configuration, and save a
//! file, without an import cycle.

mod error;
pub mod files;

pub use error::ConfigError;
pub use files::{load_toml, write_atomic};

use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

type Result<T, E = ConfigError> = std::result::Result<T, E>;

/// Resolved locations.
#[derive(Clone, Debug)]
pub struct Paths {
    pub data_dir: PathBuf,
    pub config_dir: PathBuf,
}

impl Paths {
    /// The data directory is, in order: `--data-dir`, `$HEWAL_DATA_DIR`
    /// (both arrive here through clap), `data_dir` in config.toml, or the
    /// platform's data directory (XDG on Linux: `~/.local/share/hewal`).
    pub fn resolve(data_dir: Option<PathBuf>) -> Result<(Paths, Config)> {
        let (paths, config, problem) = Paths::resolve_despite_config(data_dir)?;
        match problem {
            Some(e) => Err(e),
            None => Ok((paths, config)),
        }
    }

    /// Like [`resolve`](Self::resolve), but a config.toml that cannot be
    /// read or parsed is returned beside the defaults instead of stopping
    /// (for `hewal doctor` and `hewal config`, which report it).
    pub fn resolve_despite_config(data_dir: Option<PathBuf>) -> Result<(Paths, Config, Option<ConfigError>)> {
        let dirs = directories::ProjectDirs::from("", "", "hewal");
        let config_dir = std::env::var_os("HEWAL_CONFIG_DIR")
            .map(PathBuf::from)
            .or_else(|| dirs.as_ref().map(|d| d.config_dir().to_owned()))
            .ok_or(ConfigError::NoConfigDir)?;
        let (config, problem) = match Config::load(&config_dir.join("config.toml")) {
            Ok(c) => (c, None),
            Err(e) => (Config::default(), Some(e)),
        };
        let data_dir = data_dir
            .or_else(|| config.data_dir.clone())
            .or_else(|| dirs.as_ref().map(|d| d.data_dir().to_owned()))
            .ok_or(ConfigError::NoDataDir)?;
        Ok((Paths { data_dir, config_dir }, config, problem))
    }

    /// config.toml.
    pub fn config_path(&self) -> PathBuf {
        self.config_dir.join("config.toml")
    }

    /// The SQLite database.
    pub fn db_path(&self) -> PathBuf {
        self.data_dir.join("hewal.db")
    }

    /// The feed subscriptions (a newsboat-style `urls` file).
    pub fn urls_path(&self) -> PathBuf {
        self.config_dir.join("urls")
    }

    /// The reader's picks from the calibration screen.
    pub fn calibration_path(&self) -> PathBuf {
        self.config_dir.join("calibration.toml")
    }

    /// How the reader last shared the screen between list and article.
    pub fn layout_path(&self) -> PathBuf {
        self.config_dir.join("layout.toml")
    }

    /// The search index directory.
    pub fn index_dir(&self) -> PathBuf {
        self.data_dir.join("index")
    }
}

/// Settings from `config.toml`; every key is optional.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Data directory, if not the platform's.
    pub data_dir: Option<PathBuf>,
    /// The interface's language, `en` or `ckb`; `--lang` wins, and the
    /// locale variables count only without either.
    pub lang: Option<crate::i18n::Lang>,
    /// `auto`, `app` or `terminal` (see `hewal --help`); `--bidi` wins.
    pub bidi: Option<BidiMode>,
    /// `auto`, `on` or `off`; `--shape` wins.
    pub shape: Option<ShapeMode>,
    /// Minutes between background fetches while the reader is open (as
    /// newsboat's `reload-time`); none: only `R` fetches.
    pub reload_interval: Option<u64>,
    /// Fetch every feed when the reader opens.
    pub refresh_on_start: Option<bool>,
    /// The command `o` opens links with, the link added at the end (e.g.
    /// `"w3m"`, `"firefox --new-tab"`); else `$BROWSER`, else xdg-open.
    /// Terminal browsers (w3m, lynx, elinks…) get the terminal.
    pub browser: Option<String>,
    /// Articles kept per feed after each fetch, newest first; starred ones
    /// are always kept. 0 or none: all (as newsboat's `max-items`).
    pub max_articles: Option<u64>,
    /// Settings of one feed, by its address as subscribed:
    /// `[feed."https://example.org/rss"]`.
    #[serde(default)]
    pub feed: std::collections::BTreeMap<String, FeedSettings>,
    /// How the reader and the feeds pane write dates (the list keeps its
    /// compact numeric form).
    pub date_format: Option<DateFormat>,
    /// Which digits the interface writes numbers with.
    pub digits: Option<Digits>,
    /// Whether words in Latin letters also find Sorani written in Arabic
    /// script (`hewlêr`, `hewler` → هەولێر); default true.
    pub latin_search: Option<bool>,
    /// The list's share of the width, in percent (20–80), until `<`, `>`
    /// or `z` change it (their choice is remembered in layout.toml).
    pub list_width: Option<u16>,
    /// The colour theme: `default` (16 colours), `256`, `truecolor` or
    /// `mono` (checked by the TUI's theme).
    pub theme: Option<String>,
    /// `[colors]`: a role (dim, highlight, unread, bar, error,
    /// placeholder) and its style, e.g. `unread = "magenta bold"`.
    #[serde(default)]
    pub colors: std::collections::BTreeMap<String, String>,
    /// `[keys]`: a reader command's name and the keys bound to it (checked
    /// by the TUI's keymap, which knows the commands).
    #[serde(default)]
    pub keys: std::collections::BTreeMap<String, toml::Spanned<KeyList>>,
    /// The line of each `[keys]` entry in the file (for messages).
    #[serde(skip)]
    pub key_lines: std::collections::BTreeMap<String, usize>,
}

/// One key (`quit = "q"`) or several (`quit = ["q", "x"]`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<String> {
        match self {
            KeyList::One(k) => vec![k.clone()],
            KeyList::Many(ks) => ks.clone(),
        }
    }
}

/// `[feed."URL"]` in config.toml: what one feed does differently.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedSettings {
    /// This feed's `max_articles`, in place of the global one (0: all).
    pub max_articles: Option<u64>,
}

/// How many articles each feed keeps after a fetch: the global
/// `max_articles` and each feed's own.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Retention {
    pub max_articles: Option<u64>,
    pub per_feed: std::collections::BTreeMap<String, u64>,
}

impl Retention {
    /// The articles `url` keeps, newest first; `None`: all of them.
    pub fn max_for(&self, url: &str) -> Option<u64> {
        self.per_feed.get(url).copied().or(self.max_articles).filter(|&n| n > 0)
    }
}

/// `date_format` in config.toml.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateFormat {
    /// `2025-03-14`.
    #[default]
    Iso,
    /// `١٤ی ئازاری ٢٠٢٥`: Kurdish month names (CLDR's Central Kurdish).
    Kurdish,
}

/// `digits` in config.toml.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Digits {
    /// 0123456789.
    #[default]
    Western,
    /// ٠١٢٣٤٥٦٧٨٩, as Sorani is written.
    ArabicIndic,
}

/// Who reorders right-to-left text (`--bidi`, `HEWAL_BIDI`, `bidi` in
/// config.toml, and each pick in calibration.toml).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum BidiMode {
    /// From the saved calibration, else from the terminal detected.
    #[default]
    Auto,
    /// hewal reorders; the terminal's own bidi is switched off where it can be.
    App,
    /// The terminal reorders; hewal sends each line in logical order.
    Terminal,
}

/// Whether hewal shapes Arabic letters into their joining forms (`--shape`,
/// `HEWAL_SHAPE`, `shape` in config.toml).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Deserialize, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum ShapeMode {
    /// From the saved calibration, else on for terminals known not to shape.
    #[default]
    Auto,
    On,
    Off,
}

impl Config {
    /// Read `path`; a missing file is an empty config.
    pub fn load(path: &Path) -> Result<Config> {
        let Some(text) = files::read_optional(path)? else { return Ok(Config::default()) };
        let mut config: Config = files::parse_toml(path, &text, "invalid configuration")?;
        for (name, list) in &config.keys {
            let line = text.get(..list.span().start).map_or(0, |t| t.matches('\n').count() + 1);
            config.key_lines.insert(name.clone(), line);
        }
        Ok(config)
    }

    /// Values of the right type but out of range, as messages.
    pub fn out_of_range(&self) -> Vec<String> {
        let mut out = Vec::new();
        // The same bounds as the TUI's `layout::Split`.
        if let Some(w) = self.list_width.filter(|w| !(20..=80).contains(w)) {
            out.push(format!("list_width = {w}: must be between 20 and 80 (percent of the width)"));
        }
        out
    }

    /// `[keys]` as (command, keys) pairs, in the file's order of names.
    pub fn key_bindings(&self) -> Vec<(String, Vec<String>)> {
        self.keys.iter().map(|(name, list)| (name.clone(), list.get_ref().keys())).collect()
    }

    /// `max_articles`, global and per feed.
    pub fn retention(&self) -> Retention {
        Retention {
            max_articles: self.max_articles,
            per_feed: self.feed.iter().filter_map(|(url, f)| Some((url.clone(), f.max_articles?))).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_is_optional_and_strict() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("config.toml");
        assert!(Config::load(&p).unwrap().data_dir.is_none());
        std::fs::write(&p, "data_dir = \"/srv/news\"\n").unwrap();
        assert_eq!(Config::load(&p).unwrap().data_dir.unwrap(), PathBuf::from("/srv/news"));
        std::fs::write(&p, "bidi = \"terminal\"\nshape = \"off\"\n").unwrap();
        let c = Config::load(&p).unwrap();
        assert_eq!((c.bidi, c.shape), (Some(BidiMode::Terminal), Some(ShapeMode::Off)));
        std::fs::write(&p, "reload_interval = 15\nrefresh_on_start = true\nmax_articles = 500\n").unwrap();
        let c = Config::load(&p).unwrap();
        assert_eq!((c.reload_interval, c.refresh_on_start, c.max_articles), (Some(15), Some(true), Some(500)));
        let per_feed = "max_articles = 500\n[feed.\"https://a.example/rss\"]\nmax_articles = 20\n\
                        [feed.\"https://b.example/rss\"]\nmax_articles = 0\n[feed.\"https://c.example/rss\"]\n";
        std::fs::write(&p, per_feed).unwrap();
        let r = Config::load(&p).unwrap().retention();
        let got: Vec<_> =
            ["https://a.example/rss", "https://b.example/rss", "https://c.example/rss", "https://d.example/"]
                .map(|u| r.max_for(u))
                .into();
        assert_eq!(got, [Some(20), None, Some(500), Some(500)]);
        assert_eq!(Retention::default().max_for("https://a.example/rss"), None);
        std::fs::write(&p, "[feed.\"https://a.example/rss\"]\nmax_article = 3\n").unwrap();
        assert!(format!("{:#}", Config::load(&p).unwrap_err()).contains("max_article"));
        std::fs::write(&p, "bidi = \"sideways\"\n").unwrap();
        assert!(format!("{:#}", Config::load(&p).unwrap_err()).contains("sideways"));
        std::fs::write(&p, "data_dri = 1\n").unwrap();
        let err = format!("{:#}", Config::load(&p).unwrap_err());
        assert!(err.contains("config.toml: invalid configuration") && err.contains("data_dri"), "{err}");
    }
}
