//! The calibration screen: the same test lines in each candidate mode, one
//! candidate per block of rows. Blocks are stacked, not side by side: a
//! terminal that runs its own bidi reorders whole rows, and would mix two
//! candidates sharing a row.

use super::theme;
use crate::fidelity::doctor::{CANDIDATES, TEST_LINES};
use crate::text::{layout_paragraph, to_tui::to_line, LayoutOptions};
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub const HEADER: [&str; 2] = [
    "Which block reads right: Kurdish from the right edge, letters joined?",
    "Press 1, 2 or 3 to keep it for this terminal (Esc: keep the detected mode).",
];

pub fn render(_app: &App, screen: Rect, buf: &mut Buffer) {
    use ratatui::widgets::{Clear, Widget};
    Clear.render(screen, buf);
    let width = screen.width.saturating_sub(4) as usize;
    let mut rows: Vec<(u16, ratatui::text::Line<'static>)> = Vec::new();
    for h in HEADER {
        rows.push((1, ratatui::text::Line::styled(h, theme::title())));
    }
    for (i, c) in CANDIDATES.iter().enumerate() {
        rows.push((1, ratatui::text::Line::raw("")));
        rows.push((1, ratatui::text::Line::styled(format!("[{}] {}", i + 1, c.label), theme::title())));
        let opts = LayoutOptions { render: c.render(), ..Default::default() };
        for t in TEST_LINES {
            for l in layout_paragraph(t, width.max(1), &opts) {
                rows.push((3, to_line(&l, width, theme::base(), theme::base())));
            }
        }
    }
    for (y, (indent, line)) in (screen.y..screen.bottom()).zip(rows) {
        let x = screen.x + indent.min(screen.width);
        buf.set_line(x, y, &line, screen.right().saturating_sub(x));
    }
}
