//! The calibration screen: the same test lines in each candidate mode, one
//! candidate per block of rows. Blocks are stacked, not side by side: a
//! terminal that runs its own bidi reorders whole rows, and would mix two
//! candidates sharing a row.

use crate::fidelity::doctor::{CANDIDATES, TEST_LINES};
use crate::text::{layout_paragraph, to_tui::to_line, LayoutOptions};
use crate::tui::{strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

/// Draws the candidates over the whole area it is given.
pub struct Calibration;

impl Widget for Calibration {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        Clear.render(screen, buf);
        let width = screen.width.saturating_sub(4) as usize;
        let mut rows: Vec<(u16, Line<'static>)> = Vec::new();
        for h in strings::calibration_header() {
            rows.push((1, Line::styled(h, theme::title())));
        }
        for (i, c) in CANDIDATES.iter().enumerate() {
            rows.push((1, Line::raw("")));
            rows.push((1, Line::styled(format!("[{}] {}", i + 1, c.label), theme::title())));
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
}
