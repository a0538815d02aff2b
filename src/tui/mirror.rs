//! The interface's direction. A right-to-left language (Sorani) mirrors
//! the layout: the list on the right, the status line and the search
//! prompt from the right edge, popups right-aligned. Mirroring places
//! things; it never reverses a string: every label is laid out by
//! [`crate::text::layout_single_line`] with the language's base direction,
//! so a Sorani label with English words and numbers in it reads right.
//!
//! Only hewal's own reordering is mirrored. When the terminal reorders
//! (terminal bidi mode) it turns each right-to-left row around itself, so
//! hewal writes rows in logical order and places nothing from the right.

use super::cells;
use crate::text::{layout_single_line, to_tui::to_line, Alignment, BaseDirection, DisplayLine, Order, Render};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

/// Which way the interface runs for a given rendering.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flow {
    /// Lay out from the right edge.
    pub mirrored: bool,
    /// The base direction of the interface's labels.
    pub base: BaseDirection,
}

impl Flow {
    /// The flow of the language in force, as hewal draws with `render`.
    pub fn of(render: Render) -> Flow {
        Flow::for_lang(crate::i18n::lang(), render)
    }

    pub fn for_lang(lang: crate::i18n::Lang, render: Render) -> Flow {
        let rtl = lang.is_rtl();
        Flow {
            mirrored: rtl && render.order == Order::Visual,
            base: if rtl { BaseDirection::Rtl } else { BaseDirection::Ltr },
        }
    }

    /// The x of something `width` wide whose reading-start edge is `offset`
    /// cells in from `area`'s reading-start edge (its left, or its right
    /// when mirrored). Clamped to the area.
    pub fn x(self, area: Rect, offset: u16, width: u16) -> u16 {
        if self.mirrored {
            area.right().saturating_sub(offset.saturating_add(width)).max(area.x)
        } else {
            area.x.saturating_add(offset).min(area.right())
        }
    }

    /// Lay out an interface label in at most `width` cells.
    pub fn label(self, text: &str, width: usize, render: Render) -> DisplayLine {
        layout_single_line(text, width, self.base, render)
    }

    /// `line` as a mirrored screen places text in a box: against the
    /// right edge (an LTR line too, as a right-to-left interface aligns
    /// everything); unchanged otherwise.
    pub fn align(self, mut line: DisplayLine) -> DisplayLine {
        if self.mirrored {
            line.alignment = Alignment::Right;
        }
        line
    }

    /// Draw `text` as a label on row `y` of `area`, `offset` cells in from
    /// the reading-start edge, in at most `width` cells; returns the cells
    /// it took.
    #[allow(clippy::too_many_arguments)]
    pub fn put(
        self,
        buf: &mut Buffer,
        area: Rect,
        y: u16,
        offset: u16,
        text: &str,
        width: usize,
        render: Render,
        style: Style,
    ) -> usize {
        let room = (area.width.saturating_sub(offset) as usize).min(width);
        if room == 0 {
            return 0;
        }
        self.put_line(buf, area, y, offset, &self.label(text, room, render), style)
    }

    /// Draw a label already laid out (by [`Flow::label`]), as [`Flow::put`]
    /// does; returns the cells it took.
    pub fn put_line(
        self,
        buf: &mut Buffer,
        area: Rect,
        y: u16,
        offset: u16,
        line: &DisplayLine,
        style: Style,
    ) -> usize {
        let room = area.width.saturating_sub(offset) as usize;
        if room == 0 || y < area.y || y >= area.bottom() {
            return 0;
        }
        let w = line.width.min(room);
        // Placed by the flow, not by the line's own alignment: laid out in
        // its own width, it has no padding.
        cells::set_line(buf, self.x(area, offset, w as u16), y, &to_line(line, w, style, style), w as u16);
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    fn app_mode() -> Render {
        Render { order: Order::Visual, shape: false }
    }

    #[test]
    fn sorani_mirrors_only_where_hewal_reorders() {
        assert!(Flow::for_lang(Lang::Ckb, app_mode()).mirrored);
        assert!(!Flow::for_lang(Lang::En, app_mode()).mirrored);
        let terminal = Render { order: Order::Logical, shape: false };
        let f = Flow::for_lang(Lang::Ckb, terminal);
        assert!(!f.mirrored);
        assert_eq!(f.base, BaseDirection::Rtl);
    }

    #[test]
    fn places_from_the_reading_start_edge() {
        let area = Rect::new(10, 0, 20, 1);
        let ltr = Flow::for_lang(Lang::En, app_mode());
        let rtl = Flow::for_lang(Lang::Ckb, app_mode());
        assert_eq!(ltr.x(area, 2, 5), 12);
        assert_eq!(rtl.x(area, 2, 5), 23);
        assert_eq!(rtl.x(area, 0, 20), 10);
        assert_eq!(rtl.x(area, 5, 40), 10);
    }

    #[test]
    fn a_sorani_label_with_a_key_name_reads_right_from_the_right_edge() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 20, 1));
        let rtl = Flow::for_lang(Lang::Ckb, app_mode());
        let area = buf.area;
        let w = rtl.put(&mut buf, area, 0, 1, "? یارمەتی", 20, app_mode(), Style::default());
        assert_eq!(w, 9);
        let row: String = (0..20).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        // Visual order, ending one cell in from the right: the `?` that
        // begins the logical label is at its right end.
        let word: String = "یارمەتی".chars().rev().collect();
        assert_eq!(row, format!("          {word} ? "));
    }

    #[test]
    fn an_isolated_name_keeps_its_number_apart_and_no_control_is_drawn() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 30, 1));
        let ltr = Flow::for_lang(Lang::En, app_mode());
        let area = buf.area;
        let label = format!("all · {} · 2 unread", crate::tui::strings::isolate("کوردستان"));
        ltr.put(&mut buf, area, 0, 0, &label, 30, app_mode(), Style::default());
        let row: String = (0..30).map(|x| buf[(x, 0)].symbol().to_owned()).collect();
        let name: String = "کوردستان".chars().rev().collect();
        assert_eq!(row.trim_end(), format!("all · {name} · 2 unread"));
        assert!(!row.contains(['\u{2068}', '\u{2069}']));
    }
}
