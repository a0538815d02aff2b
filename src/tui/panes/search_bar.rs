//! The search bar: the query, its editing, and the caret.
//!
//! The query is drawn in display order like any text (a Sorani query
//! reads from the right), so the caret is placed by bidi rules, not by
//! counting characters: beside the character before it, on that
//! character's reading side.

use crate::text::{bidi, display_width, layout_paragraph, layout_single_line, BaseDirection, LayoutOptions};
use crate::text::{Order, Render};
use crate::tui::action::Action;
use crate::tui::cells;
use crate::tui::mirror::Flow;
use crate::tui::{strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

const PROMPT: &str = " / ";

/// What an action did to the search bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Edit {
    /// Not a search bar action.
    Ignored,
    /// The caret moved; the query is the same.
    Moved,
    /// The query text changed.
    Changed,
    /// A character was not taken: the query is as long as a query is read.
    Full,
}

/// Text and a caret (a byte offset on a char boundary). The search bar, or
/// a prompt (a command to pipe to, a file to save to) with its own label.
#[derive(Debug, Default)]
pub struct SearchBar {
    query: String,
    cursor: usize,
    render: Render,
    /// The label before the text; none: the search bar's ` / `.
    label: Option<String>,
}

impl SearchBar {
    /// An empty line to type in after `label` (ASCII).
    pub fn prompt(label: String, render: Render) -> SearchBar {
        SearchBar { label: Some(label), render, ..SearchBar::default() }
    }

    fn label(&self) -> &str {
        self.label.as_deref().unwrap_or(PROMPT)
    }

    pub fn set_render(&mut self, render: Render) {
        self.render = render;
    }

    pub fn query(&self) -> &str {
        &self.query
    }

    /// The caret's byte offset in the query.
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Editing and caret keys.
    pub fn handle(&mut self, action: &Action) -> Edit {
        let (q, at) = (&mut self.query, &mut self.cursor);
        let before = q[..*at].chars().next_back().map(char::len_utf8);
        let after = q[*at..].chars().next().map(char::len_utf8);
        match *action {
            Action::Insert(_) if q.chars().count() >= crate::search::query::MAX_QUERY_CHARS => return Edit::Full,
            Action::Insert(c) => {
                q.insert(*at, c);
                *at += c.len_utf8();
            }
            Action::DeleteBack => {
                let Some(n) = before else { return Edit::Ignored };
                *at -= n;
                q.remove(*at);
            }
            Action::DeleteWord => {
                let head = q[..*at].trim_end();
                let start = head.rfind(char::is_whitespace).map_or(0, |i| i + 1);
                q.replace_range(start..*at, "");
                *at = start;
            }
            Action::ClearQuery => return self.clear(),
            Action::CursorLeft => *at -= before.unwrap_or(0),
            Action::CursorRight => *at += after.unwrap_or(0),
            Action::CursorHome => *at = 0,
            Action::CursorEnd => *at = q.len(),
            _ => return Edit::Ignored,
        }
        match action {
            Action::Insert(_) | Action::DeleteBack | Action::DeleteWord => Edit::Changed,
            _ => Edit::Moved,
        }
    }

    /// Empty the query. `Changed` even when it was empty: clearing always
    /// means "show the library".
    pub fn clear(&mut self) -> Edit {
        self.query.clear();
        self.cursor = 0;
        Edit::Changed
    }

    /// The widget; `editing` shows the query even when empty (and the
    /// placeholder otherwise).
    pub fn widget(&self, editing: bool) -> SearchBarWidget<'_> {
        SearchBarWidget { bar: self, editing, scope: None }
    }

    /// Where the terminal cursor goes while typing: beside the character
    /// before it, on that character's reading side (right of an LTR char,
    /// left of an RTL one), as a bidi-aware editor places its caret; at the
    /// start of the paragraph (its right edge if RTL) when nothing precedes
    /// it. In logical order the terminal reorders the row, so the caret is
    /// placed logically.
    pub fn cursor_position(&self, area: Rect) -> Option<Position> {
        if area.is_empty() {
            return None;
        }
        let (box_x, text_w) = self.text_box(area);
        let q = &self.query;
        let total = display_width(q);
        // Mirrored, the query sits against the prompt on the right.
        let shift = if Flow::of(self.render).mirrored { text_w - total.min(text_w) } else { 0 };
        let x = |offset: usize| Some(Position { x: box_x + (shift + offset.min(text_w)) as u16, y: area.y });
        if self.render.order == Order::Logical || total > text_w {
            // Logical order, or a query cut with an ellipsis: count cells
            // from the drawn text's logical start.
            let before = display_width(&q[..self.cursor]).min(text_w);
            let rtl = self.render.order == Order::Visual && bidi::paragraph_level(q, BaseDirection::Auto) == 1;
            return x(if rtl { total.min(text_w) - before } else { before });
        }
        let Some(prev) = q[..self.cursor].chars().next_back() else {
            let rtl = bidi::paragraph_level(q, BaseDirection::Auto) == 1;
            return x(if rtl { total } else { 0 });
        };
        let start = self.cursor - prev.len_utf8();
        let (left, right) = self.cells_of(start..self.cursor, total)?;
        let level = bidi::resolve(q, BaseDirection::Auto).levels.get(q[..start].chars().count()).copied().unwrap_or(0);
        x(if level % 2 == 1 { left } else { right })
    }

    /// Where the text goes in `area`: its first cell and its width. The
    /// label is at the reading-start edge (the right one when mirrored);
    /// one cell at the far end stays free for the caret.
    fn text_box(&self, area: Rect) -> (u16, usize) {
        let label = display_width(self.label()) as u16;
        let text_w = area.width.saturating_sub(label + 1);
        let x = if Flow::of(self.render).mirrored { area.x + 1 } else { area.x + label };
        (x.min(area.right()), text_w as usize)
    }

    /// The cells (left, right) that the byte range `range` of the query
    /// occupies once laid out in `total` cells: found by highlighting it.
    fn cells_of(&self, range: std::ops::Range<usize>, total: usize) -> Option<(usize, usize)> {
        let opts =
            LayoutOptions { highlights: std::slice::from_ref(&range), render: self.render, ..Default::default() };
        let line = layout_paragraph(&self.query, total.max(1), &opts).into_iter().next()?;
        let mut cell = line.left_pad(total.max(1));
        for seg in &line.segments {
            if seg.highlight {
                return Some((cell, cell + seg.width));
            }
            cell += seg.width;
        }
        None
    }
}

/// Draws a [`SearchBar`]: the prompt, then the query or a placeholder,
/// and at the right end where the search looks, if it is said.
pub struct SearchBarWidget<'a> {
    bar: &'a SearchBar,
    editing: bool,
    scope: Option<String>,
}

impl SearchBarWidget<'_> {
    /// Say where the search looks (`in unread · Rudaw`), right-aligned.
    pub fn scope(mut self, scope: Option<String>) -> Self {
        self.scope = scope;
        self
    }
}

impl Widget for SearchBarWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        buf.set_style(area, theme::bar());
        let render = self.bar.render;
        let flow = Flow::of(render);
        let w = area.width as usize;
        flow.put(buf, area, area.y, 0, self.bar.label(), w, render, theme::bar());
        // Its cells as typed: a label's spaces count even where the layout
        // lets them hang.
        let label = display_width(self.bar.label()) as u16;
        let (box_x, full_w) = self.bar.text_box(area);
        let mut text_w = full_w;
        // The scope takes the far end when the query leaves it room (so
        // the query is never cut for it, and the caret stays right); an
        // origin's name (a feed title) may be Sorani: laid out.
        if let Some(scope) = &self.scope {
            let line = flow.label(scope, text_w / 2, render);
            let sw = line.width;
            if sw > 0 && display_width(&self.bar.query) + sw + 3 < text_w {
                let style = theme::bar().patch(theme::dim());
                flow.put_line(buf, area, area.y, (w - sw - 1) as u16, &line, style);
                text_w -= sw + 2;
            }
        }
        if text_w == 0 {
            return;
        }
        if self.bar.query.is_empty() && !self.editing {
            flow.put(buf, area, area.y, label, &strings::search_placeholder(), text_w, render, theme::placeholder());
            return;
        }
        let line = layout_single_line(&self.bar.query, text_w, BaseDirection::Auto, render);
        // Mirrored, against the prompt on the right (as the caret expects).
        let x = match flow.mirrored {
            true => box_x + (full_w - line.width.min(full_w)) as u16,
            false => box_x,
        };
        cells::set_stringn(buf, x, area.y, &line.text(), text_w, theme::bar());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(s: &str) -> SearchBar {
        let mut bar = SearchBar::default();
        for c in s.chars() {
            assert_eq!(bar.handle(&Action::Insert(c)), Edit::Changed);
        }
        bar
    }

    #[test]
    fn editing_moves_by_characters_not_bytes() {
        let mut bar = typed("هەولێر city");
        assert_eq!(bar.handle(&Action::DeleteWord), Edit::Changed);
        assert_eq!(bar.query(), "هەولێر ");
        assert_eq!(bar.handle(&Action::CursorLeft), Edit::Moved);
        assert_eq!(bar.handle(&Action::CursorLeft), Edit::Moved);
        assert_eq!(bar.handle(&Action::DeleteBack), Edit::Changed);
        assert_eq!(bar.query(), "هەولر ");
        bar.handle(&Action::CursorHome);
        assert_eq!(bar.handle(&Action::DeleteBack), Edit::Ignored);
        bar.handle(&Action::CursorEnd);
        assert_eq!(bar.cursor(), bar.query().len());
        assert_eq!(bar.handle(&Action::Quit), Edit::Ignored);
        assert_eq!(bar.handle(&Action::ClearQuery), Edit::Changed);
        assert_eq!((bar.query(), bar.cursor()), ("", 0));
    }

    #[test]
    fn a_query_stops_growing_at_the_length_that_is_read() {
        let mut bar = typed(&"ک".repeat(crate::search::query::MAX_QUERY_CHARS));
        assert_eq!(bar.handle(&Action::Insert('x')), Edit::Full);
        assert_eq!(bar.query().chars().count(), crate::search::query::MAX_QUERY_CHARS);
    }
}
