//! `hewal config path|default|check`. `hewal config default` writes
//! config.toml, which is English throughout (its comments and the command
//! descriptions, `i18n::english`); what `path` and `check` say on stderr
//! follows `--lang`.

use super::args::ConfigCommand;
use super::{messages, strings};
use crate::config::{Config, ConfigError, Paths};
use crate::tui::keymap::{Key, COMMANDS};
use crate::tui::theme::{Palette, ROLES, THEMES};
use anyhow::Result;
use std::process::ExitCode;

/// `hewal config …`; `problem` is why config.toml could not be read, if it
/// could not.
pub fn run(cmd: &ConfigCommand, paths: &Paths, config: &Config, problem: Option<ConfigError>) -> Result<ExitCode> {
    match cmd {
        ConfigCommand::Path => path(paths),
        ConfigCommand::Default => print!("{}", default_text()),
        ConfigCommand::Check => return check(paths, config, problem),
    }
    Ok(ExitCode::SUCCESS)
}

/// `hewal config path`: where config.toml is (or would be).
fn path(paths: &Paths) {
    println!("{}", paths.config_path().display());
    if !paths.config_path().exists() {
        messages::status(strings::config_not_there_yet());
    }
}

/// `hewal config check`: every problem of config.toml, each with its line;
/// exit 1 if there is one.
fn check(paths: &Paths, config: &Config, problem: Option<ConfigError>) -> Result<ExitCode> {
    let file = paths.config_path();
    if let Some(e) = problem {
        // A file that does not parse: the parser names the first problem.
        messages::message(e);
        return Ok(ExitCode::from(1));
    }
    let problems = problems(paths, config);
    if problems.is_empty() {
        messages::status(strings::config_fine(&file, file.exists()));
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        messages::message(format_args!("{}: {p}", file.display()));
    }
    Ok(ExitCode::from(1))
}

/// What is wrong with a config.toml that parses: keys, colours, feeds
/// that are not subscribed.
pub fn problems(paths: &Paths, config: &Config) -> Vec<String> {
    let mut out = config.out_of_range();
    if let Err(e) = crate::tui::keymap::Keymap::from_config(config) {
        out.extend(e);
    }
    if let Err(e) = Palette::from_config(config.theme.as_deref(), &config.colors) {
        out.extend(e);
    }
    let subscribed = crate::feeds::urls::load_subscriptions(&paths.urls_path()).map(|(s, _)| s).unwrap_or_default();
    for url in config.feed.keys() {
        if !subscribed.iter().any(|s| &s.url == url) {
            out.push(strings::config_unknown_feed(url));
        }
    }
    out
}

/// `hewal config default`: a complete config.toml with every setting at its
/// default, commented; it parses, and changes nothing until edited.
pub fn default_text() -> String {
    let mut s = String::from(DEFAULT_HEAD);
    s.push_str("\n# Colours: a theme, then any role set to a style: modifiers (bold dim\n");
    s.push_str("# italic underline reverse blink strike), a colour, `on` and a colour.\n");
    s.push_str("# Colours: names (red, lightblue, darkgray…), 0-255, or #rrggbb.\n");
    s.push_str(&format!("# Themes: {}. NO_COLOR in the environment wins.\n", THEMES.join(", ")));
    s.push_str("theme = \"default\"\n\n[colors]\n");
    for role in ROLES {
        s.push_str(&format!("# {role} = \"…\"\n"));
    }
    s.push_str("\n# Keys: each reader command and its keys (one, or a list). A key is one\n");
    s.push_str("# character (q, G, /, ق), C-x for Ctrl, M-x for Alt, or a name: Enter Esc\n");
    s.push_str("# Tab BackTab Space Backspace Delete Insert Up Down Left Right Home End\n");
    s.push_str("# PageUp PageDown F1-F12. Ctrl-C (quit) and Ctrl-Z (suspend) are fixed.\n[keys]\n");
    for c in COMMANDS {
        let keys: Vec<String> =
            c.keys.iter().map(|k| format!("{:?}", Key::parse(k).map(|k| k.name()).unwrap_or_default())).collect();
        s.push_str(&format!("{} = [{}]  # {}\n", c.name, keys.join(", "), crate::i18n::english(&c.help_id())));
    }
    s.push_str("\n# One feed's settings, by its address as subscribed:\n");
    s.push_str("# [feed.\"https://example.org/rss\"]\n# max_articles = 50\n");
    s
}

const DEFAULT_HEAD: &str = r#"# hewal's configuration (config.toml), with every setting at its default.
# `hewal config path` says where it goes; `hewal config check` checks it.
# Unknown settings are errors.

# Where the library (database and search index) lives; --data-dir and
# HEWAL_DATA_DIR win. Default: the platform's data directory
# (~/.local/share/hewal on Linux).
# data_dir = "/srv/news/hewal"

# The interface's language: "en", or "ckb" (Sorani, the layout mirrored).
# Default: from LC_ALL, LC_MESSAGES, LANGUAGE or LANG (ckb_IQ.UTF-8 …),
# else English. --lang wins.
# lang = "ckb"

# Who reorders right-to-left text: "auto" (your calibration, else the
# terminal detected), "app" (hewal) or "terminal". --bidi wins.
bidi = "auto"

# Whether hewal joins Arabic letters itself: "auto", "on" or "off". --shape wins.
shape = "auto"

# Minutes between background fetches while the reader is open; 0: only R.
reload_interval = 0

# Fetch every feed when the reader opens.
refresh_on_start = false

# Articles each feed keeps after a fetch, newest first; starred ones always
# stay; 0 keeps all.
max_articles = 0

# How the reader and the feeds pane write dates: "iso" (2026-12-04) or
# "kurdish" (4ی کانونی یەکەمی 2026, CLDR's Central Kurdish month names).
# Default: "kurdish" when the interface is Sorani, else "iso".
# date_format = "iso"

# The digits of dates and counts: "western" (0-9) or "arabic-indic" (٠-٩).
digits = "western"

# Whether words in Latin letters also find Sorani written in Arabic script
# (hewlêr, hewler, kurdistan find هەولێر, کوردستان). The search bar shows
# how a Latin word is read.
latin_search = true

# The list's share of the width, in percent (20-80), until <, > or z change
# it (hewal remembers that choice in layout.toml).
list_width = 60

# The command `o` opens links with, the link added at the end; default:
# $BROWSER, else xdg-open. Terminal browsers (w3m, lynx…) get the terminal.
# browser = "w3m"
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_parses_and_binds_every_command_to_its_default_keys() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config.toml");
        std::fs::write(&file, default_text()).unwrap();
        let config = Config::load(&file).unwrap();
        assert_eq!(config.keys.len(), COMMANDS.len());
        let map = crate::tui::keymap::Keymap::from_config(&config).unwrap();
        assert_eq!(map.help_rows(), crate::tui::keymap::Keymap::default().help_rows());
        assert_eq!(config.theme.as_deref(), Some("default"));
        assert_eq!(config.retention().max_for("https://a.example/"), None);
        let paths = Paths { data_dir: dir.path().into(), config_dir: dir.path().into() };
        assert_eq!(problems(&paths, &config), Vec::<String>::new());
    }
}
