//! The help popup: every key in force, from the keymap; in as many
//! columns as the screen's height needs.

use crate::tui::{strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Draws the key table (keys, what they do) in the middle of the area it
/// is given.
pub struct Help<'a> {
    pub rows: &'a [(String, &'static str)],
}

impl Widget for Help<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let rows_in = self.rows;
        let keys_w = rows_in.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
        let text_w = rows_in.iter().map(|(_, d)| d.chars().count()).max().unwrap_or(0);
        let rows = (screen.height.saturating_sub(2) as usize).clamp(1, rows_in.len().max(1));
        let columns = rows_in.len().div_ceil(rows);
        let rows = rows_in.len().div_ceil(columns.max(1));
        // Each column as wide as its longest line, or its share of the screen.
        let column_w = (keys_w + text_w + 3).min(screen.width.saturating_sub(2) as usize / columns.max(1));
        let area = super::centred(screen, (column_w * columns + 2) as u16, rows as u16 + 2);
        let inner = super::frame(area, strings::HELP_TITLE, buf);
        for (i, (keys, what)) in rows_in.iter().enumerate() {
            let (column, row) = (i / rows, i % rows);
            if row >= inner.height as usize {
                continue;
            }
            let (x, y) = (inner.x + (column * column_w) as u16, inner.y + row as u16);
            if x >= inner.right() {
                continue;
            }
            let room = (inner.right() - x) as usize;
            buf.set_stringn(x + 1, y, keys, room.saturating_sub(1).min(keys_w), theme::title());
            let at = x + 2 + keys_w as u16;
            if at < inner.right() {
                let room = (inner.right() - at) as usize;
                let w = room.min(column_w.saturating_sub(keys_w + 3));
                buf.set_stringn(at, y, what, w, theme::base());
            }
        }
    }
}
