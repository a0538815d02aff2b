//! The feeds popup: every subscription with its last fetch, its last
//! error and how many articles it brought.

use crate::feeds::Subscription;
use crate::store::FeedState;
use crate::text::to_tui::to_line;
use crate::text::{layout_single_line, BaseDirection, Render};
use crate::tui::{format, strings, theme};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

/// What the popup shows: read when it opens.
#[derive(Debug, Default)]
pub struct FeedList {
    pub subscriptions: Vec<Subscription>,
    pub states: Vec<FeedState>,
}

/// Draws a [`FeedList`], two rows a feed.
pub struct Feeds<'a> {
    pub feeds: &'a FeedList,
    pub render: Render,
}

impl Widget for Feeds<'_> {
    fn render(self, screen: Rect, buf: &mut Buffer) {
        let area = Rect {
            x: screen.x + screen.width / 20,
            y: screen.y + screen.height / 10,
            width: screen.width - screen.width / 10,
            height: screen.height - screen.height / 5,
        };
        if area.is_empty() {
            return;
        }
        let inner = super::frame(area, strings::FEEDS_TITLE, buf);
        if self.feeds.subscriptions.is_empty() {
            buf.set_stringn(inner.x, inner.y, strings::NO_FEEDS, inner.width as usize, theme::dim());
            return;
        }
        for (i, sub) in self.feeds.subscriptions.iter().enumerate().take(inner.height as usize / 2) {
            let state = self.feeds.states.iter().find(|s| s.url == sub.url);
            self.render_feed(sub, state, Rect { y: inner.y + 2 * i as u16, height: 2, ..inner }, buf);
        }
    }
}

impl Feeds<'_> {
    fn render_feed(&self, sub: &Subscription, st: Option<&FeedState>, area: Rect, buf: &mut Buffer) {
        let w = area.width as usize;
        let failed = st.and_then(|s| s.last_error.as_deref());
        let (mark, style) = match (st, failed) {
            (None, _) => ("·", theme::dim()),
            (Some(_), Some(_)) => ("✗", theme::error()),
            (Some(_), None) => ("✓", theme::base()),
        };
        let name = sub.title.clone().or_else(|| st.and_then(|s| s.title.clone())).unwrap_or_else(|| sub.url.clone());
        let when = st.and_then(|s| s.last_fetch).and_then(format::date);
        let when = when.unwrap_or_else(|| strings::FEED_NEVER_FETCHED.into());
        let head = format!("{mark} {when}  {:>5}  ", st.map_or(0, |s| s.item_count));
        buf.set_stringn(area.x, area.y, &head, w, style);
        let head_w = head.chars().count();
        let rest = w.saturating_sub(head_w);
        let line = layout_single_line(&name, rest, BaseDirection::Auto, self.render);
        let title = to_line(&line, rest, theme::title(), theme::title());
        buf.set_line(area.x + head_w as u16, area.y, &title, rest as u16);
        if area.height < 2 {
            return;
        }
        let detail = failed.unwrap_or(&sub.url);
        let line = layout_single_line(detail, w.saturating_sub(2), BaseDirection::Ltr, self.render);
        let style = if failed.is_some() { theme::error() } else { theme::dim() };
        let detail = to_line(&line, w.saturating_sub(2), style, style);
        buf.set_line(area.x + 2, area.y + 1, &detail, area.width.saturating_sub(2));
    }
}
