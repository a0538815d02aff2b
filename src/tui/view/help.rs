//! The help overlay: every key, from the keymap's own table.

use super::theme;
use crate::tui::keymap::BINDINGS;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn render(screen: Rect, buf: &mut Buffer) {
    let keys_w = BINDINGS.iter().map(|(k, _)| k.chars().count()).max().unwrap_or(0);
    let text_w = BINDINGS.iter().map(|(_, d)| d.chars().count()).max().unwrap_or(0);
    let width = ((keys_w + text_w + 6) as u16).min(screen.width);
    let height = (BINDINGS.len() as u16 + 2).min(screen.height);
    let inner = super::overlay(super::centred(screen, width, height), " keys (any key closes) ", buf);
    for (i, (keys, what)) in BINDINGS.iter().enumerate().take(inner.height as usize) {
        let y = inner.y + i as u16;
        buf.set_stringn(inner.x + 1, y, keys, inner.width.saturating_sub(1) as usize, theme::title());
        let x = inner.x + 2 + keys_w as u16;
        if x < inner.right() {
            buf.set_stringn(x, y, what, (inner.right() - x) as usize, theme::base());
        }
    }
}
