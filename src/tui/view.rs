//! Drawing the whole screen: each pane's widget in its area, then the open
//! popup. Views read state and write cells; they change nothing.
//!
//! All article text reaches the buffer through `text` (sanitised, wrapped
//! and in visual order); nothing here wraps or aligns text again.

use super::app::App;
use super::mode::{Focus, Mode};
use super::popups::{calibrate::Calibration, help::Help, links::Links};
use super::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;
use ratatui::Frame;

/// Draw the whole screen (after `App::fit`).
pub fn render(app: &App, frame: &mut Frame) {
    let a = app.areas();
    let screen = frame.area();
    let editing = app.mode() == Mode::Search;
    let buf = frame.buffer_mut();
    match app.mode() {
        Mode::Prompt(_) => app.prompt().widget(true).render(a.search, buf),
        _ => app.search_bar().widget(editing).scope(app.search_bar_note()).render(a.search, buf),
    }
    app.list().widget(app.focus() == Focus::List).render(a.list, buf);
    render_separator(a.separator, buf);
    app.reader().render(a.reader, buf);
    app.status_line().render(a.status, buf);
    match app.mode() {
        Mode::Help => Help { rows: &app.keymap().help_rows(), render: app.render() }.render(screen, buf),
        Mode::Feeds => app.feeds().widget(app.render()).render(a.main, buf),
        Mode::Links => Links { links: app.reader().links(), render: app.render() }.render(screen, buf),
        Mode::Calibrate => Calibration { render: app.render() }.render(screen, buf),
        Mode::Normal => {}
        Mode::Search => {
            if let Some(pos) = app.search_bar().cursor_position(a.search) {
                frame.set_cursor_position(pos);
            }
        }
        Mode::Prompt(_) => {
            if let Some(pos) = app.prompt().cursor_position(a.search) {
                frame.set_cursor_position(pos);
            }
        }
    }
}

/// The reader's article, first line and area as drawn.
pub type ReaderDrawn = Option<(crate::store::ArticleKey, usize, Rect)>;

/// How the reader's text moved since it was drawn as `drawn` (which becomes
/// what it is now): the same article in the same area, scrolled. Called
/// after `App::fit`, before drawing.
pub fn reader_shift(app: &App, drawn: &mut ReaderDrawn) -> Option<super::backend::Shift> {
    let now = app.reader().key().map(|key| (key, app.reader().scroll(), app.areas().reader));
    let before = std::mem::replace(drawn, now);
    match (before, now) {
        (Some((was, from, area)), Some((key, to, same))) if was == key && area == same && from != to => {
            Some(super::backend::Shift { area, lines: to as i32 - from as i32 })
        }
        _ => None,
    }
}

fn render_separator(area: Rect, buf: &mut Buffer) {
    let symbol = if area.width == 1 { "│" } else { "─" };
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            buf[(x, y)].set_symbol(symbol).set_style(theme::dim());
        }
    }
}
