//! The status line: where the selection is, how many rows the list has,
//! what the background work is doing, and the last message (or the key
//! hint).

use crate::text::{layout_single_line, BaseDirection, Order, Render};
use crate::tui::mirror::Flow;
use crate::tui::panes::{ListPane, ListSource};
use crate::tui::{strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// State of the search index, as the worker reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum IndexState {
    Opening,
    Indexing { done: u64, total: u64 },
    Ready { docs: u64 },
    Failed(String),
}

/// Cells at most for the name of the view's origin.
const ORIGIN_W: usize = 24;

/// Draws the status line from the app's state.
pub struct StatusLine<'a> {
    pub list: &'a ListPane,
    /// A query was typed and its answer has not arrived.
    pub searching: bool,
    /// The name of the view's origin (a feed's title), if it has one.
    pub origin_name: Option<&'a str>,
    /// Unread articles in the view's origin.
    pub unread: u64,
    pub index: &'a IndexState,
    /// Feeds done / total while a refresh runs.
    pub fetching: Option<(usize, usize)>,
    pub message: Option<&'a str>,
    pub render: Render,
}

impl StatusLine<'_> {
    /// Everything left of the message: position, count, background work.
    fn left(&self) -> String {
        let list = self.list;
        let count = match list.source() {
            ListSource::Library { view, total } => {
                // A feed's or source's name may be Sorani: cut here in
                // logical order, laid out with the whole line.
                let name = view.origin.as_deref().map(|o| self.origin_name.unwrap_or(o));
                let logical = Render { order: Order::Logical, shape: false };
                let origin = name.map(|o| layout_single_line(o, ORIGIN_W, BaseDirection::Auto, logical).text());
                strings::view_count(view.filter, origin.as_deref(), *total, self.unread)
            }
            ListSource::Search(r) => {
                let resp = &r.response;
                strings::matches(resp.total, resp.hits.len(), resp.complete, resp.elapsed.as_millis())
            }
        };
        let pos = match list.is_empty() {
            true => String::new(),
            false => crate::tui::format::digits(&format!("{}/{} · ", list.selected() + 1, list.len())),
        };
        let searching = if self.searching { strings::searching() } else { String::new() };
        let index = match self.index {
            IndexState::Opening => strings::index_opening(),
            IndexState::Indexing { done, total } => strings::indexing(done * 100 / (*total).max(1)),
            IndexState::Ready { .. } => String::new(),
            IndexState::Failed(_) => strings::search_unavailable_short(),
        };
        let fetching = self.fetching.map(|(done, total)| strings::fetching(done, total)).unwrap_or_default();
        format!(" {pos}{count}{searching}{index}{fetching}")
    }
}

impl Widget for StatusLine<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        buf.set_style(area, theme::bar());
        // From the reading-start edge (the right one in Sorani): where the
        // list is and what runs; at the far end the message or the key
        // hint. Every part is laid out as a label: messages quote feed
        // names and titles, which may be in either script.
        let flow = Flow::of(self.render);
        let w = area.width as usize;
        let used = flow.put(buf, area, area.y, 0, &self.left(), w, self.render, theme::bar());
        let (right, style) = match self.message {
            Some(m) => (m.to_owned(), theme::bar().patch(theme::error())),
            None => (strings::status_hint(), theme::bar()),
        };
        let room = w.saturating_sub(used + 3).max(1);
        let line = flow.label(&right, room, self.render);
        if used + 3 + line.width <= w {
            flow.put_line(buf, area, area.y, (w - line.width - 1) as u16, &line, style);
        }
    }
}
