//! (mode, key) → action. Actions never name keys; this is the only place
//! that does (besides the help text, which is built from [`BINDINGS`]).

use super::action::Action;
use super::mode::{Focus, Mode, PromptKind};
use crate::store::Filter;
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

/// The help overlay's rows: (keys, what they do).
pub const BINDINGS: &[(&str, &str)] = &[
    ("j k ↓ ↑", "next / previous; scroll the reader"),
    ("Space PgDn, PgUp", "page down / up"),
    ("g Home, G End", "first / last"),
    ("Enter", "open the article"),
    ("Tab", "list ⇄ reader"),
    ("/", "search as you type"),
    ("Enter (search)", "keep the results"),
    ("Tab (search)", "in the view / everywhere"),
    ("Esc", "clear the search / back"),
    ("n / N", "next / previous hit; else unread"),
    ("p", "previous unread"),
    ("u", "unread only / all"),
    ("S", "starred only / all"),
    ("A", "mark all shown read"),
    ("C", "mark the library read"),
    ("D", "delete the article"),
    ("U", "undo mark-all or delete"),
    ("< / >", "narrower / wider list"),
    ("z", "reader full screen / shared"),
    ("|", "pipe the article to a command"),
    ("w", "save the article as text"),
    ("R", "fetch all feeds"),
    ("F", "feeds and sources"),
    ("o", "open the link in a browser"),
    ("y", "copy the link (OSC 52)"),
    ("L, then 0-9", "the article's links"),
    ("s", "star / unstar"),
    ("m", "mark read / unread"),
    ("?", "this help"),
    ("Ctrl-Z", "suspend (fg resumes)"),
    ("q, Ctrl-C", "quit"),
];

/// The action for a key in the given mode, if any.
pub fn action_for(key: KeyEvent, mode: Mode, focus: Focus) -> Option<Action> {
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
        Mode::Feeds => feeds_key(key, ctrl),
        Mode::Prompt(_) => search_key(key, ctrl),
        Mode::Links => Some(match key.code {
            KeyCode::Char(c) if c.is_ascii_digit() => Action::OpenLinkNumber(c as u32 - '0' as u32),
            _ => Action::ShowLinks,
        }),
        Mode::Normal => normal_key(key, ctrl, focus),
        Mode::Calibrate => match key.code {
            KeyCode::Char(c @ '1'..='9') => Some(Action::Calibrate(Some(c as usize - '1' as usize))),
            KeyCode::Esc | KeyCode::Enter => Some(Action::Calibrate(None)),
            KeyCode::Char('q') => Some(Action::Quit),
            _ => None,
        },
    }
}

fn feeds_key(key: KeyEvent, ctrl: bool) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('j') | KeyCode::Down => Action::Move(1),
        KeyCode::Char('k') | KeyCode::Up => Action::Move(-1),
        KeyCode::Char('d') | KeyCode::Char('f') if ctrl => Action::Page(1),
        KeyCode::Char('u') | KeyCode::Char('b') if ctrl => Action::Page(-1),
        KeyCode::PageDown | KeyCode::Char(' ') => Action::Page(1),
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::Char('g') | KeyCode::Home => Action::Jump { end: false },
        KeyCode::Char('G') | KeyCode::End => Action::Jump { end: true },
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right => Action::Open,
        KeyCode::Char('A') => Action::MarkViewRead,
        KeyCode::Char('C') => Action::MarkAllRead,
        KeyCode::Char('U') => Action::Undo,
        KeyCode::Char('R') => Action::Refresh,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Esc | KeyCode::Char('F') | KeyCode::Char('h') | KeyCode::Left => Action::ToggleFeeds,
        _ => return None,
    })
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

fn normal_key(key: KeyEvent, ctrl: bool, focus: Focus) -> Option<Action> {
    Some(match key.code {
        KeyCode::Char('q') => Action::Quit,
        KeyCode::Char('j') | KeyCode::Down => Action::Move(1),
        KeyCode::Char('k') | KeyCode::Up => Action::Move(-1),
        KeyCode::Char('d') if ctrl => Action::Page(1),
        KeyCode::Char('u') if ctrl => Action::Page(-1),
        KeyCode::Char('f') if ctrl => Action::Page(1),
        KeyCode::Char('b') if ctrl => Action::Page(-1),
        KeyCode::PageDown | KeyCode::Char(' ') => Action::Page(1),
        KeyCode::PageUp => Action::Page(-1),
        KeyCode::Char('g') | KeyCode::Home => Action::Jump { end: false },
        KeyCode::Char('G') | KeyCode::End => Action::Jump { end: true },
        KeyCode::Enter | KeyCode::Char('l') | KeyCode::Right if focus == Focus::List => Action::Open,
        KeyCode::Char('h') | KeyCode::Left if focus == Focus::Reader => Action::Back,
        KeyCode::Tab | KeyCode::BackTab => Action::SwitchFocus,
        KeyCode::Char('/') => Action::FocusSearch,
        KeyCode::Esc => Action::Back,
        KeyCode::Char('?') => Action::ToggleHelp,
        KeyCode::Char('s') => Action::ToggleStar,
        KeyCode::Char('R') => Action::Refresh,
        KeyCode::Char('F') => Action::ToggleFeeds,
        KeyCode::Char('L') => Action::ShowLinks,
        KeyCode::Char('o') => Action::OpenLink,
        KeyCode::Char('y') => Action::CopyLink,
        KeyCode::Char('m') => Action::ToggleRead,
        KeyCode::Char('n') => Action::NextHit(true),
        KeyCode::Char('N') => Action::NextHit(false),
        KeyCode::Char('p') => Action::NextUnread(false),
        KeyCode::Char('u') => Action::ToggleFilter(Filter::Unread),
        KeyCode::Char('S') => Action::ToggleFilter(Filter::Starred),
        KeyCode::Char('A') => Action::MarkViewRead,
        KeyCode::Char('C') => Action::MarkAllRead,
        KeyCode::Char('D') => Action::Delete,
        KeyCode::Char('U') => Action::Undo,
        KeyCode::Char('<') => Action::ResizeList(false),
        KeyCode::Char('>') => Action::ResizeList(true),
        KeyCode::Char('z') => Action::Zoom,
        KeyCode::Char('|') => Action::Prompt(PromptKind::Pipe),
        KeyCode::Char('w') => Action::Prompt(PromptKind::Save),
        _ => return None,
    })
}
