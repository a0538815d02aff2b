//! The links popup: `[n] url`, a digit opens one.

use crate::text::Render;
use crate::tui::mirror::Flow;
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
        let inner = super::frame(area, &strings::links_title(), self.render, buf);
        let flow = Flow::of(self.render);
        for (row, (n, url)) in self.links.iter().enumerate().take(inner.height as usize) {
            let label = crate::tui::format::digits(&format!("[{n}]"));
            let y = inner.y + row as u16;
            let w = inner.width as usize;
            let at = flow.put(buf, inner, y, 0, &label, w, self.render, theme::title()) as u16 + 1;
            flow.put(buf, inner, y, at, url, w.saturating_sub(at as usize), self.render, theme::base());
        }
    }
}
