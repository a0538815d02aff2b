//! Styles, in one place.
//!
//! The default colours are the sixteen ANSI ones, chosen to read on dark
//! and on light backgrounds (no white or black text on the terminal's own
//! background). With no colour at all (NO_COLOR, or a terminal without
//! any), every style that colour carried keeps a visible form: hits are
//! bold and underlined, the status bar and the selection reversed, dim text
//! is SGR dim, unread is bold, errors bold.
//!
//! The choice is per thread (the UI thread draws), so tests on other
//! threads each see the colours they ask for.

use ratatui::style::{Color, Modifier, Style};
use std::cell::Cell;

thread_local! {
    static MONOCHROME: Cell<bool> = const { Cell::new(false) };
}

/// Draw without colour on this thread from now on (`true`), or with.
pub fn set_monochrome(on: bool) {
    MONOCHROME.with(|m| m.set(on));
}

fn mono() -> bool {
    MONOCHROME.with(Cell::get)
}

/// `coloured`, or `plain` when there is no colour.
fn pick(coloured: Style, plain: Style) -> Style {
    if mono() {
        plain
    } else {
        coloured
    }
}

pub fn base() -> Style {
    Style::default()
}
pub fn dim() -> Style {
    pick(Style::default().fg(Color::DarkGray), Style::default().add_modifier(Modifier::DIM))
}
pub fn title() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
/// A search hit in a title or the reader.
pub fn highlight() -> Style {
    pick(
        Style::default().fg(Color::Black).bg(Color::Yellow),
        Style::default().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
    )
}
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
pub fn unread() -> Style {
    pick(Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD), Style::default().add_modifier(Modifier::BOLD))
}
/// The search bar and the status line.
pub fn bar() -> Style {
    pick(Style::default().fg(Color::White).bg(Color::DarkGray), Style::default().add_modifier(Modifier::REVERSED))
}
pub fn error() -> Style {
    pick(Style::default().fg(Color::LightRed), Style::default().add_modifier(Modifier::BOLD))
}
pub fn placeholder() -> Style {
    pick(bar().fg(Color::Gray), bar())
}
