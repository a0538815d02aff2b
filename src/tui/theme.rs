//! Styles, in one place.

use ratatui::style::{Color, Modifier, Style};

pub fn base() -> Style {
    Style::default()
}
pub fn dim() -> Style {
    Style::default().fg(Color::DarkGray)
}
pub fn title() -> Style {
    Style::default().add_modifier(Modifier::BOLD)
}
pub fn highlight() -> Style {
    Style::default().fg(Color::Black).bg(Color::Yellow)
}
pub fn selected() -> Style {
    Style::default().add_modifier(Modifier::REVERSED)
}
pub fn unread() -> Style {
    Style::default().fg(Color::Cyan).add_modifier(Modifier::BOLD)
}
pub fn bar() -> Style {
    Style::default().fg(Color::White).bg(Color::DarkGray)
}
pub fn error() -> Style {
    Style::default().fg(Color::LightRed)
}
pub fn placeholder() -> Style {
    bar().fg(Color::Gray)
}
