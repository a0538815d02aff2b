//! The calibration screen: the same test lines in each candidate mode, one
//! candidate per block of rows. Blocks are stacked, not side by side: a
//! terminal that runs its own bidi reorders whole rows, and would mix two
//! candidates sharing a row.

use crate::fidelity::doctor::{CANDIDATES, TEST_LINES};
use crate::text::{layout_paragraph, to_tui::to_line, LayoutOptions};
use crate::tui::cells;
use crate::tui::{strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

/// Draws the candidates over the whole area it is given; its own words
/// as `render` (the mode in force) lays out labels.
pub struct Calibration {
    pub render: crate::text::Render,
}

impl Widget for Calibration {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        Clear.render(screen, buf);
        let width = screen.width.saturating_sub(4) as usize;
        let mut rows: Vec<(u16, Line<'static>)> = Vec::new();
        // Its own words are labels of the interface (Sorani from the
        // right); the test lines below are each candidate's, as they are.
        let flow = crate::tui::mirror::Flow::of(self.render);
        // Mirrored, a label ends where the test lines do (padded on the
        // left by `to_line`, as a right-aligned line is).
        let label = |text: &str| {
            let line = flow.align(flow.label(text, width.max(1), self.render));
            to_line(&line, width, theme::title(), theme::title())
        };
        let at = if flow.mirrored { 3 } else { 1 };
        for h in strings::calibration_header() {
            rows.push((at, label(&h)));
        }
        for (i, c) in CANDIDATES.iter().enumerate() {
            debug_assert_eq!(c.label, crate::i18n::english(strings::CANDIDATE_IDS[i]));
            rows.push((1, Line::raw("")));
            rows.push((at, label(&format!("[{}] {}", i + 1, strings::calibration_candidate(i)))));
            let opts = LayoutOptions { render: c.render(), ..Default::default() };
            for t in TEST_LINES {
                for l in layout_paragraph(t, width.max(1), &opts) {
                    rows.push((3, to_line(&l, width, theme::base(), theme::base())));
                }
            }
        }
        for (y, (indent, line)) in (screen.y..screen.bottom()).zip(rows) {
            let x = screen.x + indent.min(screen.width);
            cells::set_line(buf, x, y, &line, screen.right().saturating_sub(x));
        }
    }
}
