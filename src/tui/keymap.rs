//! (mode, key) → action. Actions never name keys; this is the only place
//! that does. The reader's commands have stable names, and `[keys]` in
//! config.toml binds them to other keys ([`Keymap::new`]); the help overlay
//! shows the keys in force. Typing in the search bar and the prompts, the
//! calibration screen, Ctrl-C (quit) and Ctrl-Z (suspend) are fixed.

use super::action::Action;
use super::mode::{Focus, Mode, PromptKind};
use crate::store::Filter;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};
use std::collections::HashMap;

/// A command of the reader that a key can be bound to.
pub struct Command {
    /// Its name in `[keys]`.
    pub name: &'static str,
    /// Its keys unless config.toml says otherwise.
    pub keys: &'static [&'static str],
    action: Action,
    /// Only with this pane focused (`None`: either).
    focus: Option<Focus>,
}

const fn cmd(name: &'static str, keys: &'static [&'static str], action: Action) -> Command {
    Command { name, keys, action, focus: None }
}

impl Command {
    /// What it does, for the help overlay: `key-NAME` in the catalogue.
    pub fn help(&self) -> String {
        crate::i18n::text(&self.help_id())
    }

    /// The id of its help text.
    pub fn help_id(&self) -> String {
        format!("key-{}", self.name)
    }
}

/// Every command, in the help overlay's order.
pub const COMMANDS: &[Command] = &[
    cmd("down", &["j", "Down"], Action::Move(1)),
    cmd("up", &["k", "Up"], Action::Move(-1)),
    cmd("page_down", &["Space", "PageDown", "C-d", "C-f"], Action::Page(1)),
    cmd("page_up", &["PageUp", "C-u", "C-b"], Action::Page(-1)),
    cmd("top", &["g", "Home"], Action::Jump { end: false }),
    cmd("bottom", &["G", "End"], Action::Jump { end: true }),
    Command { focus: Some(Focus::List), ..cmd("open", &["Enter", "l", "Right"], Action::Open) },
    Command { focus: Some(Focus::Reader), ..cmd("close_reader", &["h", "Left"], Action::Back) },
    cmd("switch_focus", &["Tab", "BackTab"], Action::SwitchFocus),
    cmd("search", &["/"], Action::FocusSearch),
    cmd("back", &["Esc"], Action::Back),
    cmd("next", &["n"], Action::NextHit(true)),
    cmd("previous", &["N"], Action::NextHit(false)),
    cmd("previous_unread", &["p"], Action::NextUnread(false)),
    cmd("unread_only", &["u"], Action::ToggleFilter(Filter::Unread)),
    cmd("starred_only", &["S"], Action::ToggleFilter(Filter::Starred)),
    cmd("toggle_read", &["m"], Action::ToggleRead),
    cmd("star", &["s"], Action::ToggleStar),
    cmd("mark_view_read", &["A"], Action::MarkViewRead),
    cmd("mark_all_read", &["C"], Action::MarkAllRead),
    cmd("delete", &["D"], Action::Delete),
    cmd("undo", &["U"], Action::Undo),
    cmd("narrower", &["<"], Action::ResizeList(false)),
    cmd("wider", &[">"], Action::ResizeList(true)),
    cmd("zoom", &["z"], Action::Zoom),
    cmd("pipe", &["|"], Action::Prompt(PromptKind::Pipe)),
    cmd("save", &["w"], Action::Prompt(PromptKind::Save)),
    cmd("refresh", &["R"], Action::Refresh),
    cmd("feeds", &["F"], Action::ToggleFeeds),
    cmd("open_link", &["o"], Action::OpenLink),
    cmd("copy_link", &["y"], Action::CopyLink),
    cmd("links", &["L"], Action::ShowLinks),
    cmd("help", &["?"], Action::ToggleHelp),
    cmd("quit", &["q"], Action::Quit),
];

/// Keys that are not commands' and cannot be rebound, for the help
/// overlay: the key, and the id of what it does.
pub const FIXED: &[(&str, &str)] = &[
    ("Enter", "fixed-search-enter"),
    ("Tab", "fixed-search-tab"),
    ("Ctrl-Z", "fixed-suspend"),
    ("Ctrl-C", "fixed-quit"),
];

/// A key as bindings name it: a code, with Ctrl and Alt. Shift is in the
/// character itself (`G`), or part of the name (`BackTab`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    code: KeyCode,
    ctrl: bool,
    alt: bool,
}

impl Key {
    fn of(event: &KeyEvent) -> Key {
        let code = match event.code {
            // Terminals differ on whether Ctrl-D arrives as `d` or `D`.
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// Parse a key as config.toml writes it: one character (`q`, `G`, `/`,
    /// or any letter, e.g. `ق`), a name (`Enter`, `Esc`, `Tab`, `BackTab`,
    /// `Space`, `Backspace`, `Delete`, `Insert`, `Up`, `Down`, `Left`,
    /// `Right`, `Home`, `End`, `PageUp`, `PageDown`, `F1`…`F12`; any case),
    /// after `C-` (Ctrl) and/or `M-` (Alt).
    pub fn parse(text: &str) -> Option<Key> {
        let mut rest = text;
        let (mut ctrl, mut alt) = (false, false);
        loop {
            if let Some(r) = rest.strip_prefix("C-").filter(|r| !r.is_empty()) {
                (ctrl, rest) = (true, r);
            } else if let Some(r) = rest.strip_prefix("M-").filter(|r| !r.is_empty()) {
                (alt, rest) = (true, r);
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (Some(c), None) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            (Some(c), None) if !c.is_control() => KeyCode::Char(c),
            _ => named(&rest.to_ascii_lowercase())?,
        };
        Some(Key { code, ctrl, alt })
    }

    /// The key as config.toml and the help overlay write it.
    pub fn name(&self) -> String {
        let code = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::F(n) => format!("F{n}"),
            code => NAMES.iter().find(|(_, c)| *c == code).map_or_else(|| format!("{code:?}"), |(n, _)| n.to_string()),
        };
        format!("{}{}{code}", if self.ctrl { "C-" } else { "" }, if self.alt { "M-" } else { "" })
    }
}

const NAMES: &[(&str, KeyCode)] = &[
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("BackTab", KeyCode::BackTab),
    ("Space", KeyCode::Char(' ')),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Insert", KeyCode::Insert),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
];

fn named(lower: &str) -> Option<KeyCode> {
    if let Some(n) = lower.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()).filter(|n| (1..=12).contains(n)) {
        return Some(KeyCode::F(n));
    }
    let alias = match lower {
        "escape" => "esc",
        "return" => "enter",
        "pgup" => "pageup",
        "pgdn" => "pagedown",
        "del" => "delete",
        other => other,
    };
    NAMES.iter().find(|(n, _)| n.eq_ignore_ascii_case(alias)).map(|(_, c)| *c)
}

/// Why `[keys]` in config.toml cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("[keys] {name}: no such command; the commands are {}", command_names())]
    UnknownCommand { name: String },
    #[error("[keys] {name}: \"{key}\" is not a key; write one character (q, G, /), C-x for Ctrl, M-x for Alt, or a name: Enter Esc Tab BackTab Space Backspace Delete Insert Up Down Left Right Home End PageUp PageDown F1-F12")]
    BadKey { name: String, key: String },
    #[error("[keys]: {key} is bound to both {first} and {second}; give one of them another key")]
    Conflict { key: String, first: String, second: String },
    #[error("[keys] {name}: no keys given; leave it out to keep its default ({default})")]
    Empty { name: String, default: String },
}

fn command_names() -> String {
    COMMANDS.iter().map(|c| c.name).collect::<Vec<_>>().join(", ")
}

/// The reader's keys: the defaults, with config.toml's `[keys]` over them.
#[derive(Clone, Debug)]
pub struct Keymap {
    /// Key → index in [`COMMANDS`]; several when their focus differs.
    bound: HashMap<Key, Vec<usize>>,
    /// Each command's keys, in [`COMMANDS`]' order.
    keys: Vec<Vec<Key>>,
}

impl Default for Keymap {
    fn default() -> Self {
        Keymap::new(&[]).expect("the default keys are valid")
    }
}

impl Keymap {
    /// The defaults, each command named in `config` bound to its keys
    /// instead. Every problem is reported, not only the first.
    pub fn new(config: &[(String, Vec<String>)]) -> Result<Keymap, Vec<KeyError>> {
        Keymap::with_defaults(config, false)
    }

    /// [`Keymap::new`], with the default keys of a mirrored interface
    /// when `mirrored`: the reader is then on the left of the list, so
    /// ← and h open an article and → and l go back (keys follow the
    /// screen). Keys given in config.toml are taken as written.
    pub fn with_defaults(config: &[(String, Vec<String>)], mirrored: bool) -> Result<Keymap, Vec<KeyError>> {
        let mut errors = Vec::new();
        let mut keys: Vec<Vec<Key>> = COMMANDS
            .iter()
            .map(|c| c.keys.iter().map(|k| Key::parse(mirror_key(k, mirrored)).expect("default keys parse")).collect())
            .collect();
        for (name, given) in config {
            let Some(i) = COMMANDS.iter().position(|c| c.name == name) else {
                errors.push(KeyError::UnknownCommand { name: name.clone() });
                continue;
            };
            if given.is_empty() {
                errors.push(KeyError::Empty { name: name.clone(), default: COMMANDS[i].keys.join(" ") });
                continue;
            }
            let parsed: Vec<Option<Key>> = given.iter().map(|k| Key::parse(k)).collect();
            for (k, p) in given.iter().zip(&parsed) {
                if p.is_none() {
                    errors.push(KeyError::BadKey { name: name.clone(), key: k.clone() });
                }
            }
            keys[i] = parsed.into_iter().flatten().collect();
        }
        let mut bound: HashMap<Key, Vec<usize>> = HashMap::new();
        for (i, ks) in keys.iter().enumerate() {
            for k in ks {
                let on = bound.entry(*k).or_default();
                // Two commands may share a key only when each has its own pane.
                let clash = on.iter().find(|&&j| j != i && !apart(&COMMANDS[i], &COMMANDS[j]));
                if let Some(&j) = clash {
                    let (first, second) = (COMMANDS[j].name.to_owned(), COMMANDS[i].name.to_owned());
                    errors.push(KeyError::Conflict { key: k.name(), first, second });
                } else if !on.contains(&i) {
                    on.push(i);
                }
            }
        }
        match errors.is_empty() {
            true => Ok(Keymap { bound, keys }),
            false => Err(errors),
        }
    }

    /// The keymap config.toml asks for, or every problem with its `[keys]`,
    /// each with the line it is on.
    pub fn from_config(config: &crate::config::Config) -> Result<Keymap, Vec<String>> {
        let mirrored = crate::i18n::lang().is_rtl();
        Keymap::with_defaults(&config.key_bindings(), mirrored).map_err(|errors| {
            let line = |name: &str| config.key_lines.get(name).map(|l| format!("line {l}: ")).unwrap_or_default();
            errors
                .iter()
                .map(|e| match e {
                    KeyError::UnknownCommand { name }
                    | KeyError::BadKey { name, .. }
                    | KeyError::Empty { name, .. } => {
                        format!("{}{e}", line(name))
                    }
                    KeyError::Conflict { first, second, .. } => {
                        let at = if config.key_lines.contains_key(second) { second } else { first };
                        format!("{}{e}", line(at))
                    }
                })
                .collect()
        })
    }

    /// The reader's action for `key` with `focus`.
    fn command(&self, key: &KeyEvent, focus: Focus) -> Option<&'static Command> {
        let on = self.bound.get(&Key::of(key))?;
        on.iter().map(|&i| &COMMANDS[i]).find(|c| c.focus.is_none_or(|f| f == focus))
    }

    /// The help overlay's rows: each command's keys in force, then the
    /// fixed ones.
    pub fn help_rows(&self) -> Vec<(String, String)> {
        let mut rows: Vec<(String, String)> = COMMANDS
            .iter()
            .zip(&self.keys)
            .map(|(c, ks)| (ks.iter().map(Key::name).collect::<Vec<_>>().join(" "), c.help()))
            .collect();
        rows.extend(FIXED.iter().map(|&(k, id)| (k.to_owned(), crate::i18n::text(id))));
        rows
    }
}

/// A default key as a mirrored interface has it: the horizontal ones
/// swapped.
fn mirror_key(key: &str, mirrored: bool) -> &str {
    match (mirrored, key) {
        (true, "Left") => "Right",
        (true, "Right") => "Left",
        (true, "h") => "l",
        (true, "l") => "h",
        (_, k) => k,
    }
}

/// Whether two commands never apply at once (each needs another pane).
fn apart(a: &Command, b: &Command) -> bool {
    matches!((a.focus, b.focus), (Some(x), Some(y)) if x != y)
}

/// The action for a key in the given mode, if any.
pub fn action_for(keymap: &Keymap, key: KeyEvent, mode: Mode, focus: Focus) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    if ctrl && key.code == KeyCode::Char('c') {
        return Some(Action::Quit);
    }
    if ctrl && key.code == KeyCode::Char('z') {
        return Some(Action::Suspend);
    }
    match mode {
        Mode::Search => search_key(key, ctrl),
        Mode::Help => Some(Action::ToggleHelp),
        Mode::Feeds => feeds_key(keymap, key),
        Mode::Prompt(_) => search_key(key, ctrl),
        Mode::Links => Some(match key.code {
            KeyCode::Char(c) if c.is_ascii_digit() => Action::OpenLinkNumber(c as u32 - '0' as u32),
            _ => Action::ShowLinks,
        }),
        Mode::Normal => keymap.command(&key, focus).map(|c| c.action.clone()),
        Mode::Calibrate => match key.code {
            KeyCode::Char(c @ '1'..='9') => Some(Action::Calibrate(Some(c as usize - '1' as usize))),
            KeyCode::Esc | KeyCode::Enter => Some(Action::Calibrate(None)),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
    }
}

/// The feeds pane: the reader's commands that mean something there (by
/// the same keys), and its own way back.
fn feeds_key(keymap: &Keymap, key: KeyEvent) -> Option<Action> {
    if matches!(key.code, KeyCode::Esc | KeyCode::Left) {
        return Some(Action::ToggleFeeds);
    }
    let c = keymap.command(&key, Focus::List).or_else(|| keymap.command(&key, Focus::Reader))?;
    match &c.action {
        Action::Move(_) | Action::Page(_) | Action::Jump { .. } | Action::Open => Some(c.action.clone()),
        Action::MarkViewRead | Action::MarkAllRead | Action::Undo | Action::Refresh => Some(c.action.clone()),
        Action::ToggleHelp | Action::Quit | Action::ToggleFeeds => Some(c.action.clone()),
        // `h` (back to the list in the reader) leaves the pane.
        Action::Back => Some(Action::ToggleFeeds),
        _ => None,
    }
}

fn search_key(key: KeyEvent, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Esc => Action::Back,
        KeyCode::Enter => Action::SubmitSearch,
        KeyCode::Tab => Action::WidenSearch,
        KeyCode::Backspace if ctrl || key.modifiers.contains(KeyModifiers::ALT) => Action::DeleteWord,
        KeyCode::Backspace => Action::DeleteBack,
        KeyCode::Char('w') | KeyCode::Char('h') if ctrl => {
            if key.code == KeyCode::Char('w') {
                Action::DeleteWord
            } else {
                Action::DeleteBack
            }
        }
        KeyCode::Char('u') if ctrl => Action::ClearQuery,
        KeyCode::Char('a') if ctrl => Action::CursorHome,
        KeyCode::Char('e') if ctrl => Action::CursorEnd,
        KeyCode::Left => Action::CursorLeft,
        KeyCode::Right => Action::CursorRight,
        KeyCode::Home => Action::CursorHome,
        KeyCode::End => Action::CursorEnd,
        KeyCode::Down => Action::Move(1),
        KeyCode::Up => Action::Move(-1),
        KeyCode::PageDown => Action::Page(1),
        KeyCode::PageUp => Action::Page(-1),
        // Alt+key is not text (and Esc typed fast before a key arrives as Alt+key).
        KeyCode::Char(c) if !ctrl && !key.modifiers.contains(KeyModifiers::ALT) => Action::Insert(c),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    fn bind(pairs: &[(&str, &[&str])]) -> Result<Keymap, Vec<KeyError>> {
        let config: Vec<(String, Vec<String>)> =
            pairs.iter().map(|(n, ks)| (n.to_string(), ks.iter().map(|k| k.to_string()).collect())).collect();
        Keymap::new(&config)
    }

    #[test]
    fn keys_parse_as_config_toml_writes_them_and_name_themselves_back() {
        for text in [
            "q", "G", "/", "ق", "C-d", "M-x", "C-M-x", "Enter", "Esc", "Tab", "BackTab", "Space", "PageDown", "F5",
            "Left",
        ] {
            let k = Key::parse(text).unwrap_or_else(|| panic!("{text} does not parse"));
            assert_eq!(k.name(), text);
        }
        assert_eq!(Key::parse("pagedown"), Key::parse("PageDown"));
        assert_eq!(Key::parse("escape"), Key::parse("Esc"));
        assert_eq!(Key::parse("C-D"), Key::parse("C-d"));
        for bad in ["", "Ctlr-d", "F13", "C-", "qq", "\u{7}"] {
            assert_eq!(Key::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn events_find_their_commands_by_focus_and_case() {
        let map = Keymap::default();
        let act = |k, m, f| action_for(&map, key(k, m), Mode::Normal, f);
        assert_eq!(act(KeyCode::Char('G'), KeyModifiers::SHIFT, Focus::List), Some(Action::Jump { end: true }));
        assert_eq!(act(KeyCode::Char('g'), KeyModifiers::NONE, Focus::List), Some(Action::Jump { end: false }));
        assert_eq!(act(KeyCode::Char('d'), KeyModifiers::CONTROL, Focus::List), Some(Action::Page(1)));
        assert_eq!(
            act(KeyCode::Char('D'), KeyModifiers::CONTROL | KeyModifiers::SHIFT, Focus::List),
            Some(Action::Page(1))
        );
        assert_eq!(act(KeyCode::Char('D'), KeyModifiers::SHIFT, Focus::List), Some(Action::Delete));
        assert_eq!(act(KeyCode::Enter, KeyModifiers::NONE, Focus::List), Some(Action::Open));
        assert_eq!(act(KeyCode::Enter, KeyModifiers::NONE, Focus::Reader), None);
        assert_eq!(act(KeyCode::Char('h'), KeyModifiers::NONE, Focus::Reader), Some(Action::Back));
        assert_eq!(act(KeyCode::Char('h'), KeyModifiers::NONE, Focus::List), None);
        assert_eq!(act(KeyCode::BackTab, KeyModifiers::SHIFT, Focus::List), Some(Action::SwitchFocus));
        assert_eq!(act(KeyCode::Char('c'), KeyModifiers::CONTROL, Focus::List), Some(Action::Quit));
    }

    #[test]
    fn config_rebinds_replace_the_defaults() {
        let map = bind(&[("quit", &["x", "C-q"]), ("down", &["ج"])]).unwrap();
        let act = |k, m| action_for(&map, key(k, m), Mode::Normal, Focus::List);
        assert_eq!(act(KeyCode::Char('x'), KeyModifiers::NONE), Some(Action::Quit));
        assert_eq!(act(KeyCode::Char('q'), KeyModifiers::CONTROL), Some(Action::Quit));
        assert_eq!(act(KeyCode::Char('q'), KeyModifiers::NONE), None, "q is no longer quit");
        assert_eq!(act(KeyCode::Char('ج'), KeyModifiers::NONE), Some(Action::Move(1)));
        assert_eq!(act(KeyCode::Char('j'), KeyModifiers::NONE), None);
        let help = map.help_rows();
        assert!(help.contains(&("x C-q".to_owned(), "quit".to_owned())), "{help:?}");
        // The feeds pane follows the same keys.
        assert_eq!(
            action_for(&map, key(KeyCode::Char('ج'), KeyModifiers::NONE), Mode::Feeds, Focus::List),
            Some(Action::Move(1))
        );
        assert_eq!(
            action_for(&map, key(KeyCode::Char('x'), KeyModifiers::NONE), Mode::Feeds, Focus::List),
            Some(Action::Quit)
        );
        assert_eq!(
            action_for(&map, key(KeyCode::Char('h'), KeyModifiers::NONE), Mode::Feeds, Focus::List),
            Some(Action::ToggleFeeds)
        );
    }

    #[test]
    fn every_problem_is_named() {
        let errors = bind(&[("qiut", &["x"]), ("quit", &["Ctlr-x"]), ("star", &["j"]), ("zoom", &[])]).unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(text[0].contains("qiut: no such command") && text[0].contains("down, up, page_down"), "{text:?}");
        assert!(text[1].contains("\"Ctlr-x\" is not a key"), "{text:?}");
        assert!(text.iter().any(|t| t.contains("j is bound to both down and star")), "{text:?}");
        assert!(text.iter().any(|t| t.contains("zoom: no keys given") && t.contains("(z)")), "{text:?}");
        // Commands of different panes may share a key; rebinding one onto
        // another's default is a conflict unless the other moves too.
        assert!(bind(&[("open", &["h", "Enter"])]).is_ok(), "open (list) and close_reader (reader) share h");
        assert!(bind(&[("quit", &["s"])]).is_err());
        assert!(bind(&[("quit", &["s"]), ("star", &["x"])]).is_ok());
    }
}

#[cfg(test)]
mod mirrored_keys {
    use super::*;

    #[test]
    fn in_a_mirrored_interface_the_arrows_follow_the_screen() {
        let map = Keymap::with_defaults(&[], true).unwrap();
        let key = |code| KeyEvent::new(code, KeyModifiers::NONE);
        let act = |code, focus| action_for(&map, key(code), Mode::Normal, focus);
        assert_eq!(act(KeyCode::Left, Focus::List), Some(Action::Open));
        assert_eq!(act(KeyCode::Char('h'), Focus::List), Some(Action::Open));
        assert_eq!(act(KeyCode::Right, Focus::Reader), Some(Action::Back));
        assert_eq!(act(KeyCode::Right, Focus::List), None);
        let plain = Keymap::with_defaults(&[], false).unwrap();
        assert_eq!(action_for(&plain, key(KeyCode::Right), Mode::Normal, Focus::List), Some(Action::Open));
        // What config.toml says is taken as written.
        let given = Keymap::with_defaults(&[("open".into(), vec!["Right".into()])], true).unwrap();
        assert_eq!(action_for(&given, key(KeyCode::Right), Mode::Normal, Focus::List), Some(Action::Open));
    }
}

#[cfg(test)]
mod help_width {
    use crate::i18n::{Catalog, Lang};

    /// The help overlay fits two columns in 100 cells: every description
    /// in 24 or fewer, in every language.
    #[test]
    fn help_texts_are_short() {
        for lang in [Lang::En, Lang::Ckb] {
            let catalog = Catalog::new(lang);
            let ids =
                super::COMMANDS.iter().map(|c| c.help_id()).chain(super::FIXED.iter().map(|(_, id)| id.to_string()));
            for id in ids {
                let h = catalog.get(&id, None).unwrap_or_else(|| panic!("{lang:?} lacks {id}"));
                assert!(crate::text::display_width(&h) <= 24, "{lang:?} {id}: {h:?}");
            }
        }
    }
}
