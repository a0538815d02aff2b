//! The help popup: every key, from the keymap's own table.

use crate::tui::keymap::BINDINGS;
use crate::tui::{strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Draws the key table in the middle of the area it is given.
pub struct Help;

impl Widget for Help {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let keys_w = BINDINGS.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
        let text_w = BINDINGS.iter().map(|(_, d)| d.chars().count()).max().unwrap_or(0);
        let area = super::centred(screen, (keys_w + text_w + 6) as u16, BINDINGS.len() as u16 + 2);
        let inner = super::frame(area, strings::HELP_TITLE, buf);
        for (i, (keys, what)) in BINDINGS.iter().enumerate().take(inner.height as usize) {
            let y = inner.y + i as u16;
            buf.set_stringn(inner.x + 1, y, keys, inner.width.saturating_sub(1) as usize, theme::title());
            let x = inner.x + 2 + keys_w as u16;
            if x < inner.right() {
                buf.set_stringn(x, y, what, (inner.right() - x) as usize, theme::base());
            }
        }
    }
}
