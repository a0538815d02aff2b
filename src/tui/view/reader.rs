//! The reader pane: the laid-out article, from the scroll position.

use super::{put_line, theme};
use crate::text::to_tui::to_line;
use crate::tui::app::App;
use crate::tui::reader::LineKind;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let reader = &app.reader;
    if reader.article().is_none() {
        buf.set_stringn(area.x + 1, area.y, "no article selected", area.width.saturating_sub(1) as usize, theme::dim());
        return;
    }
    let width = app.areas.reader_text_width();
    let x = area.x + (area.width as usize > width) as u16;
    for (n, l) in reader.lines().iter().skip(reader.scroll).take(area.height as usize).enumerate() {
        let Some(line) = &l.line else { continue };
        let style = match l.kind {
            LineKind::Title => theme::title(),
            LineKind::Meta => theme::dim(),
            LineKind::Body => theme::base(),
        };
        put_line(buf, x, area.y + n as u16, width as u16, &to_line(line, width, style, theme::highlight()));
    }
}
