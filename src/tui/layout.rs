//! Where each pane goes for a given screen size. Used both by `App::fit`
//! (to know how many rows to load and how wide to lay out) and by the views,
//! so the two always agree. Every size works, down to 1×1.

use ratatui::layout::Rect;

/// Width from which list and reader stand side by side.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 100;

/// How the main area is shared: the list's part of the width (side by
/// side) or of the height (stacked), in percent, and whether the reader is
/// zoomed to the whole area. `<`, `>` and `z` change it; it is remembered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct Split {
    pub list_percent: u16,
    pub zoom: bool,
}

impl Default for Split {
    /// At 120 columns the list gets 72: a headline 50 cells beside the
    /// compact date and source.
    fn default() -> Split {
        Split { list_percent: 60, zoom: false }
    }
}

impl Split {
    pub const MIN_PERCENT: u16 = 20;
    pub const MAX_PERCENT: u16 = 80;
    const STEP: u16 = 5;

    /// The list wider (`more`) or narrower by one step, within bounds.
    pub fn resized(self, more: bool) -> Split {
        let p = if more { self.list_percent + Self::STEP } else { self.list_percent.saturating_sub(Self::STEP) };
        Split { list_percent: p.clamp(Self::MIN_PERCENT, Self::MAX_PERCENT), zoom: false }
    }

    fn percent(self) -> u16 {
        self.list_percent.clamp(Self::MIN_PERCENT, Self::MAX_PERCENT)
    }
}

/// The panes' rectangles. Empty rectangles are not drawn.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Areas {
    pub search: Rect,
    pub list: Rect,
    /// Lines per list row (2 while search results with snippets are shown).
    pub row_lines: u16,
    /// Rows that fit in the list.
    pub list_rows: usize,
    /// A one-cell line between list and reader.
    pub separator: Rect,
    pub reader: Rect,
    pub status: Rect,
    /// Everything between the search bar and the status line: where the
    /// feeds pane goes.
    pub main: Rect,
}

/// Split `size` as `split` says. With search results the list rows take
/// two lines each. Without `side_by_side` the list is always above the
/// reader. A zoomed reader takes the whole area (when it has an article).
/// `mirrored` (a right-to-left interface) puts the list on the right.
pub fn areas(size: Rect, searching: bool, side_by_side: bool, split: Split, mirrored: bool) -> Areas {
    let mut a = Areas { row_lines: if searching { 2 } else { 1 }, ..Areas::default() };
    let mut main = size;
    if main.height >= 2 {
        a.search = Rect { height: 1, ..main };
        main.y += 1;
        main.height -= 1;
    }
    if main.height >= 2 {
        a.status = Rect { y: main.y + main.height - 1, height: 1, ..main };
        main.height -= 1;
    }
    a.main = main;
    let share = |n: u16| (u32::from(n) * u32::from(split.percent()) / 100) as u16;
    if split.zoom && main.height > 0 {
        a.reader = main;
        a.list_rows = 0;
        return a;
    }
    if side_by_side && main.width >= SIDE_BY_SIDE_MIN_WIDTH {
        let list_w = share(main.width).clamp(30, main.width - 30);
        let reader_w = main.width - list_w - 1;
        if mirrored {
            a.reader = Rect { width: reader_w, ..main };
            a.separator = Rect { x: main.x + reader_w, width: 1, ..main };
            a.list = Rect { x: main.x + reader_w + 1, width: list_w, ..main };
        } else {
            a.list = Rect { width: list_w, ..main };
            a.separator = Rect { x: main.x + list_w, width: 1, ..main };
            a.reader = Rect { x: main.x + list_w + 1, width: reader_w, ..main };
        }
    } else if main.height >= 8 {
        let list_h = share(main.height).clamp(3, main.height - 4);
        a.list = Rect { height: list_h, ..main };
        a.separator = Rect { y: main.y + list_h, height: 1, ..main };
        a.reader = Rect { y: main.y + list_h + 1, height: main.height - list_h - 1, ..main };
    } else {
        a.list = main;
    }
    let rows = a.list.height / a.row_lines;
    a.list_rows = if a.list.height > 0 { rows.max(1) as usize } else { 0 };
    if a.list_rows * a.row_lines as usize > a.list.height as usize {
        a.row_lines = 1; // too small for snippets
        a.list_rows = a.list.height as usize;
    }
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_size_fits_inside_the_screen() {
        for w in 0..130 {
            for h in 0..40 {
                let size = Rect::new(0, 0, w, h);
                let splits = [
                    Split::default(),
                    Split { list_percent: Split::MIN_PERCENT, zoom: false },
                    Split { list_percent: Split::MAX_PERCENT, zoom: false },
                    Split { list_percent: 0, zoom: true },
                ];
                for ((searching, side), split) in [(false, true), (true, true), (false, false), (true, false)]
                    .into_iter()
                    .zip(splits.into_iter().cycle())
                {
                    let a = areas(size, searching, side, split, w % 2 == 1);
                    for r in [a.search, a.list, a.separator, a.reader, a.status] {
                        assert!(
                            r.is_empty() || size.contains(r.as_position()) && r.right() <= w && r.bottom() <= h,
                            "{a:?}"
                        );
                    }
                    assert!(a.list_rows * a.row_lines as usize <= a.list.height as usize);
                }
            }
        }
    }

    #[test]
    fn wide_is_side_by_side_narrow_is_stacked() {
        let d = Split::default();
        let a = areas(Rect::new(0, 0, 120, 30), false, true, d, false);
        assert_eq!((a.list.width, a.reader.x, a.reader.height), (72, 73, 28));
        let a = areas(Rect::new(0, 0, 80, 24), false, true, d, false);
        assert_eq!((a.list.height, a.reader.width, a.list_rows), (13, 80, 13));
        // The terminal's own bidi reorders whole rows: never two panes on one.
        let a = areas(Rect::new(0, 0, 120, 30), false, false, d, false);
        assert_eq!((a.list.width, a.reader.width, a.reader.x), (120, 120, 0));
        // Narrower, wider, zoomed.
        let a = areas(Rect::new(0, 0, 120, 30), false, true, d.resized(false).resized(false), false);
        assert_eq!(a.list.width, 60);
        let a = areas(Rect::new(0, 0, 120, 30), false, true, Split { zoom: true, ..d }, false);
        assert_eq!((a.list, a.reader.width, a.list_rows), (Rect::default(), 120, 0));
        let a = areas(Rect::new(0, 0, 10, 3), true, true, d, false);
        assert_eq!((a.search.height, a.list.height, a.status.height, a.reader.height), (1, 1, 1, 0));
        // Mirrored: the same widths, the list on the right.
        let a = areas(Rect::new(0, 0, 120, 30), false, true, d, true);
        assert_eq!((a.reader.x, a.reader.width, a.separator.x, a.list.x, a.list.width), (0, 47, 47, 48, 72));
        let a = areas(Rect::new(0, 0, 80, 24), false, true, d, true);
        assert_eq!((a.list.x, a.list.height, a.reader.width), (0, 13, 80));
    }
}
