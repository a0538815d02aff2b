//! The feeds pane: the whole library, every subscribed feed and every
//! import source, each with its unread and total articles, its last fetch
//! and its last error; Enter shows that one's articles. newsboat's feed
//! list is the model.

use crate::feeds::Subscription;
use crate::store::{FeedState, OriginCounts};
use crate::text::Render;
use crate::tui::action::Action;
use crate::tui::cells;
use crate::tui::mirror::Flow;
use crate::tui::{format, strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// One row: the library, a feed or an import source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedRow {
    /// What the row shows: `None` for the whole library, else a feed's URL
    /// or an import source's name.
    pub origin: Option<String>,
    pub name: String,
    pub unread: u64,
    pub total: u64,
    /// For a subscribed feed: its URL, last fetch (Unix seconds) and error.
    pub feed: Option<FeedStatus>,
}

/// A subscription's fetch state.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeedStatus {
    pub url: String,
    pub last_fetch: Option<i64>,
    pub last_error: Option<String>,
}

/// The feeds pane's state.
#[derive(Debug, Default)]
pub struct FeedsPane {
    rows: Vec<FeedRow>,
    selected: usize,
    offset: usize,
    /// Visible rows at the last draw.
    height: usize,
}

impl FeedsPane {
    /// Rows for the library, the subscriptions (in the order of the urls
    /// file) and then the import sources (by name). The selection stays on
    /// the same origin.
    pub fn load(&mut self, subscriptions: &[Subscription], states: &[FeedState], origins: &[OriginCounts]) {
        let counts = |origin: &str| origins.iter().find(|o| o.origin == origin);
        let mut rows = vec![FeedRow {
            origin: None,
            name: strings::all_articles(),
            unread: origins.iter().map(|o| o.unread).sum(),
            total: origins.iter().map(|o| o.total).sum(),
            feed: None,
        }];
        for sub in subscriptions {
            let state = states.iter().find(|s| s.url == sub.url);
            let c = counts(&sub.url);
            rows.push(FeedRow {
                origin: Some(sub.url.clone()),
                name: sub
                    .title
                    .clone()
                    .or_else(|| state.and_then(|s| s.title.clone()))
                    .unwrap_or_else(|| sub.url.clone()),
                unread: c.map_or(0, |c| c.unread),
                total: c.map_or(0, |c| c.total),
                feed: Some(FeedStatus {
                    url: sub.url.clone(),
                    last_fetch: state.and_then(|s| s.last_fetch),
                    last_error: state.and_then(|s| s.last_error.clone()),
                }),
            });
        }
        // Import sources, and feeds no longer subscribed whose articles stay.
        for o in origins.iter().filter(|o| !subscriptions.iter().any(|s| s.url == o.origin)) {
            let title = states.iter().find(|s| s.url == o.origin).and_then(|s| s.title.clone());
            rows.push(FeedRow {
                origin: Some(o.origin.clone()),
                name: title.unwrap_or_else(|| o.origin.clone()),
                unread: o.unread,
                total: o.total,
                feed: None,
            });
        }
        let keep = self.selected_row().map(|r| r.origin.clone());
        self.rows = rows;
        self.selected = keep.and_then(|o| self.rows.iter().position(|r| r.origin == o)).unwrap_or(0);
    }

    pub fn rows(&self) -> &[FeedRow] {
        &self.rows
    }

    pub fn selected_row(&self) -> Option<&FeedRow> {
        self.rows.get(self.selected)
    }

    /// Put the selection on `origin`'s row, if it has one.
    pub fn select_origin(&mut self, origin: Option<&str>) {
        if let Some(i) = self.rows.iter().position(|r| r.origin.as_deref() == origin) {
            self.selected = i;
        }
    }

    /// Movement keys. False for any other action.
    pub fn handle(&mut self, action: &Action) -> bool {
        let Some(to) = super::moved_to(action, self.selected as i64, self.height) else { return false };
        let last = self.rows.len().saturating_sub(1) as i64;
        self.selected = to.clamp(0, last.max(0)) as usize;
        true
    }

    /// Fit to `rows` visible rows, scrolling to the selection.
    pub fn fit(&mut self, rows: usize) {
        self.height = rows;
        self.offset = super::scrolled(self.offset as u64, self.selected as u64, rows) as usize;
    }

    pub fn widget(&self, render: Render) -> FeedsWidget<'_> {
        FeedsWidget { pane: self, render }
    }
}

/// Draws a [`FeedsPane`]: a row per origin, and at the bottom the selected
/// feed's address or its last error.
pub struct FeedsWidget<'a> {
    pane: &'a FeedsPane,
    render: Render,
}

/// Lines under the rows: a rule, then the selected feed's detail.
const FOOTER: u16 = 2;

impl Widget for FeedsWidget<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if area.is_empty() {
            return;
        }
        ratatui::widgets::Clear.render(area, buf);
        let footer = if area.height > FOOTER + 1 { FOOTER } else { 0 };
        let rows = (area.height - footer) as usize;
        let pane = self.pane;
        for (i, row) in pane.rows.iter().enumerate().skip(pane.offset).take(rows) {
            let y = area.y + (i - pane.offset) as u16;
            self.render_row(row, i == pane.selected, Rect { y, height: 1, ..area }, buf);
        }
        if footer == 0 {
            return;
        }
        let y = area.bottom() - footer;
        cells::set_stringn(buf, area.x, y, &"─".repeat(area.width as usize), area.width as usize, theme::dim());
        let Some(status) = pane.selected_row().and_then(|r| r.feed.as_ref()) else {
            let subscribed = pane.rows.iter().any(|r| r.feed.is_some());
            let hint = if subscribed { strings::feeds_hint() } else { strings::no_feeds() };
            Flow::of(self.render).put(buf, area, y + 1, 0, &hint, area.width as usize, self.render, theme::dim());
            return;
        };
        let (text, style) = match &status.last_error {
            Some(e) => (e.as_str(), theme::error()),
            None => (status.url.as_str(), theme::dim()),
        };
        Flow::of(self.render).put(buf, area, y + 1, 0, text, area.width as usize, self.render, style);
    }
}

impl FeedsWidget<'_> {
    fn render_row(&self, row: &FeedRow, selected: bool, area: Rect, buf: &mut Buffer) {
        let w = area.width as usize;
        let (mark, mut style) = match &row.feed {
            None => (" ", theme::base()),
            Some(FeedStatus { last_fetch: None, .. }) => ("·", theme::dim()),
            Some(FeedStatus { last_error: Some(_), .. }) => ("✗", theme::error()),
            Some(_) => ("✓", theme::base()),
        };
        if row.unread > 0 {
            style = style.patch(theme::unread());
        }
        if selected {
            style = style.patch(theme::selected());
        }
        let when = match &row.feed {
            Some(f) => f.last_fetch.and_then(format::recent_short_date).unwrap_or_else(strings::feed_never_fetched),
            None => String::new(),
        };
        // Columns from the reading-start edge (the right one in Sorani):
        // state, unread/total, last fetch, name.
        let flow = Flow::of(self.render);
        // Numbers run left to right in Sorani too: `4/10` either way, the
        // slash in the same column.
        let counts = crate::tui::format::digits(&format!("{:>6}/{:<6}", row.unread, row.total));
        buf.set_style(area, style);
        let mut at = 0u16;
        for (text, width) in [(mark, 1), (counts.as_str(), 13), (when.as_str(), 9)] {
            flow.put(buf, area, area.y, at, text, width, self.render, style);
            at += width as u16 + 1;
        }
        at += 1;
        flow.put(buf, area, area.y, at, &row.name, w.saturating_sub(at as usize), self.render, style);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_the_library_the_feeds_then_the_sources() {
        let subs = vec![Subscription { url: "https://a.example/".into(), title: None, tags: vec![] }];
        let states =
            vec![FeedState { url: "https://a.example/".into(), title: Some("A".into()), ..Default::default() }];
        let origins = vec![
            OriginCounts { origin: "hewal sample".into(), total: 10, unread: 4, starred: 0 },
            OriginCounts { origin: "https://a.example/".into(), total: 3, unread: 1, starred: 0 },
        ];
        let mut pane = FeedsPane::default();
        pane.load(&subs, &states, &origins);
        let names: Vec<(&str, u64, u64)> = pane.rows().iter().map(|r| (r.name.as_str(), r.unread, r.total)).collect();
        assert_eq!(names, [(strings::all_articles().as_str(), 5, 13), ("A", 1, 3), ("hewal sample", 4, 10)]);
        pane.handle(&Action::Jump { end: true });
        pane.load(&subs, &states, &origins);
        assert_eq!(pane.selected_row().unwrap().name, "hewal sample", "a reload keeps the selection");
    }
}
