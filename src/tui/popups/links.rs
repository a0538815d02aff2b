//! The links popup: `[n] url`, a digit opens one.

use crate::text::to_tui::to_line;
use crate::text::{layout_single_line, BaseDirection, Render};
use crate::tui::{strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Draws an article's links, numbered as the keys that open them.
pub struct Links<'a> {
    pub links: &'a [(u32, String)],
    pub render: Render,
}

impl Widget for Links<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let width = self.links.iter().map(|(_, u)| u.chars().count()).max().unwrap_or(0) + 8;
        let area = super::centred(screen, width.min(u16::MAX as usize) as u16, self.links.len() as u16 + 2);
        let inner = super::frame(area, &strings::links_title(), buf);
        for (row, (n, url)) in self.links.iter().enumerate().take(inner.height as usize) {
            let label = format!("[{n}] ");
            let y = inner.y + row as u16;
            buf.set_stringn(inner.x, y, &label, inner.width as usize, theme::title());
            let rest = (inner.width as usize).saturating_sub(label.len());
            let line = layout_single_line(url, rest, BaseDirection::Ltr, self.render);
            let x = inner.x + label.len() as u16;
            buf.set_line(x, y, &to_line(&line, rest, theme::base(), theme::base()), rest as u16);
        }
    }
}
