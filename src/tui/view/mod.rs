//! Drawing. Views read the app and write cells; they change nothing.
//!
//! All article text reaches the buffer through `text` (sanitised, wrapped
//! and in visual order); nothing here wraps or aligns text again.

mod calibrate;
mod feeds;
mod help;
mod list;
mod reader;
mod status;

use super::app::{App, Mode};
use super::theme;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::Frame;

/// Draw the whole screen.
pub fn render(app: &App, frame: &mut Frame) {
    let a = app.areas;
    let buf = frame.buffer_mut();
    status::render_search_bar(app, a.search, buf);
    list::render(app, a.list, buf);
    render_separator(a.separator, buf);
    reader::render(app, a.reader, buf);
    status::render_status(app, a.status, buf);
    if app.mode == Mode::Help {
        help::render(frame.area(), frame.buffer_mut());
    }
    if app.mode == Mode::Feeds {
        feeds::render(app, frame.area(), frame.buffer_mut());
    }
    if app.mode == Mode::Links {
        feeds::render_links(app, frame.area(), frame.buffer_mut());
    }
    if app.mode == Mode::Calibrate {
        calibrate::render(app, frame.area(), frame.buffer_mut());
    }
    if app.mode == Mode::Search {
        if let Some(pos) = status::search_cursor(app, a.search) {
            frame.set_cursor_position(pos);
        }
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

/// `2025-03-14` for a Unix time.
pub fn format_date(t: i64) -> Option<String> {
    let d = time::OffsetDateTime::from_unix_timestamp(t).ok()?;
    Some(format!("{:04}-{:02}-{:02}", d.year(), d.month() as u8, d.day()))
}

/// Write a display line at `area`'s row `y`, padded for its alignment.
fn put_line(buf: &mut Buffer, x: u16, y: u16, width: u16, line: &ratatui::text::Line) {
    buf.set_line(x, y, line, width);
}

/// A `width`×`height` rectangle in the middle of `screen` (both already at
/// most the screen's size).
fn centred(screen: Rect, width: u16, height: u16) -> Rect {
    Rect { x: screen.x + (screen.width - width) / 2, y: screen.y + (screen.height - height) / 2, width, height }
}

/// Draw an overlay frame: clear `area`, border it with `title`, and return
/// the inside to draw in.
fn overlay(area: Rect, title: &str, buf: &mut Buffer) -> Rect {
    use ratatui::widgets::{Block, Clear, Widget};
    Clear.render(area, buf);
    let block = Block::bordered().title(title);
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}
