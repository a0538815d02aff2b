//! Where each pane goes for a given screen size. Used both by `App::fit`
//! (to know how many rows to load and how wide to lay out) and by the views,
//! so the two always agree. Every size works, down to 1×1.

use ratatui::layout::Rect;

/// Width from which list and reader stand side by side.
pub const SIDE_BY_SIDE_MIN_WIDTH: u16 = 100;

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

/// Split `size`. With search results the list rows take two lines each.
/// Without `side_by_side` the list is always above the reader.
pub fn areas(size: Rect, searching: bool, side_by_side: bool) -> Areas {
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
    if side_by_side && main.width >= SIDE_BY_SIDE_MIN_WIDTH {
        let list_w = (main.width * 2 / 5).max(30);
        a.list = Rect { width: list_w, ..main };
        a.separator = Rect { x: main.x + list_w, width: 1, ..main };
        a.reader = Rect { x: main.x + list_w + 1, width: main.width - list_w - 1, ..main };
    } else if main.height >= 8 {
        let list_h = (main.height * 2 / 5).max(3);
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
                for (searching, side) in [(false, true), (true, true), (false, false), (true, false)] {
                    let a = areas(size, searching, side);
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
        let a = areas(Rect::new(0, 0, 120, 30), false, true);
        assert_eq!((a.list.width, a.reader.x, a.reader.height), (48, 49, 28));
        let a = areas(Rect::new(0, 0, 80, 24), false, true);
        assert_eq!((a.list.height, a.reader.width, a.list_rows), (8, 80, 8));
        // The terminal's own bidi reorders whole rows: never two panes on one.
        let a = areas(Rect::new(0, 0, 120, 30), false, false);
        assert_eq!((a.list.width, a.reader.width, a.reader.x), (120, 120, 0));
        let a = areas(Rect::new(0, 0, 10, 3), true, true);
        assert_eq!((a.search.height, a.list.height, a.status.height, a.reader.height), (1, 1, 1, 0));
    }
}
