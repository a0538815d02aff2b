//! The help popup: every key in force, from the keymap; in as many
//! columns as the screen's height needs.

use crate::text::{display_width, Render};
use crate::tui::mirror::Flow;
use crate::tui::{strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// Draws the key table (keys, what they do) in the middle of the area it
/// is given.
pub struct Help<'a> {
    pub rows: &'a [(String, String)],
    pub render: Render,
}

impl Widget for Help<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let all = self.rows;
        let rows = (screen.height.saturating_sub(2) as usize).clamp(1, all.len().max(1));
        let columns = all.len().div_ceil(rows).max(1);
        let rows = all.len().div_ceil(columns).max(1);
        let widths = column_widths(all, rows, screen.width.saturating_sub(2) as usize);
        let area =
            super::centred(screen, (widths.iter().map(|(k, t)| k + t + 3).sum::<usize>() + 2) as u16, rows as u16 + 2);
        let inner = super::frame(area, &strings::help_title(), self.render, buf);
        // Columns from the reading-start edge (the right one in Sorani);
        // in each, the keys, then what they do.
        let flow = Flow::of(self.render);
        let mut x = 0u16;
        for (column, &(keys_w, text_w)) in widths.iter().enumerate() {
            for (row, (keys, what)) in all.iter().skip(column * rows).take(rows).enumerate() {
                if row >= inner.height as usize || x >= inner.width {
                    break;
                }
                let y = inner.y + row as u16;
                flow.put(buf, inner, y, x + 1, keys, keys_w, self.render, theme::title());
                flow.put(buf, inner, y, x + 2 + keys_w as u16, what, text_w, self.render, theme::base());
            }
            x = x.saturating_add((keys_w + text_w + 3) as u16);
        }
    }
}

/// Each column's (keys, text) width: as wide as its own longest entries;
/// when they do not fit in `room`, the texts give up cells in proportion.
fn column_widths(all: &[(String, String)], rows: usize, room: usize) -> Vec<(usize, usize)> {
    let natural: Vec<(usize, usize)> = all
        .chunks(rows)
        .map(|c| {
            let w = |f: &dyn Fn(&(String, String)) -> usize| c.iter().map(f).max().unwrap_or(0);
            (w(&|(k, _)| display_width(k)), w(&|(_, t)| display_width(t)))
        })
        .collect();
    let total: usize = natural.iter().map(|(k, t)| k + t + 3).sum();
    let texts: usize = natural.iter().map(|(_, t)| t).sum::<usize>().max(1);
    let over = total.saturating_sub(room);
    // The `+ 1` takes up what rounding down leaves over.
    natural.iter().map(|&(k, t)| if over == 0 { (k, t) } else { (k, t.saturating_sub(over * t / texts + 1)) }).collect()
}
