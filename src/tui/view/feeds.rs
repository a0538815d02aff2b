//! The feeds overlay: every subscription with its last fetch, its last
//! error and how many articles it brought.

use super::{format_date, overlay, theme};
use crate::text::to_tui::to_line;
use crate::text::{layout_single_line, BaseDirection};
use crate::tui::app::App;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

pub fn render(app: &App, screen: Rect, buf: &mut Buffer) {
    let area = Rect {
        x: screen.x + screen.width / 20,
        y: screen.y + screen.height / 10,
        width: screen.width - screen.width / 10,
        height: screen.height - screen.height / 5,
    };
    if area.is_empty() {
        return;
    }
    let inner = overlay(area, " feeds (R fetches, any key closes) ", buf);
    let w = inner.width as usize;
    if app.subscriptions.is_empty() {
        let msg = "no feeds yet: hewal feed add URL (or hewal feed import FILE.opml)";
        buf.set_stringn(inner.x, inner.y, msg, w, theme::dim());
        return;
    }
    for (i, sub) in app.subscriptions.iter().enumerate().take(inner.height as usize / 2) {
        let y = inner.y + 2 * i as u16;
        let st = app.feed_states.iter().find(|s| s.url == sub.url);
        let (mark, style) = match st {
            None => ("·", theme::dim()),
            Some(s) if s.last_error.is_some() => ("✗", theme::error()),
            Some(_) => ("✓", theme::base()),
        };
        let name = sub.title.clone().or_else(|| st.and_then(|s| s.title.clone())).unwrap_or_else(|| sub.url.clone());
        let when = st.and_then(|s| s.last_fetch).and_then(format_date).unwrap_or_else(|| "never".into());
        let items = st.map_or(0, |s| s.item_count);
        let head = format!("{mark} {when}  {items:>5}  ");
        buf.set_stringn(inner.x, y, &head, w, style);
        let rest = w.saturating_sub(head.chars().count());
        let line = layout_single_line(&name, rest, BaseDirection::Auto, app.render);
        buf.set_line(
            inner.x + head.chars().count() as u16,
            y,
            &to_line(&line, rest, theme::title(), theme::title()),
            rest as u16,
        );
        let detail = match st.and_then(|s| s.last_error.clone()) {
            Some(e) => e,
            None => sub.url.clone(),
        };
        let line = layout_single_line(&detail, w.saturating_sub(2), BaseDirection::Ltr, app.render);
        let style = if st.is_some_and(|s| s.last_error.is_some()) { theme::error() } else { theme::dim() };
        buf.set_line(
            inner.x + 2,
            y + 1,
            &to_line(&line, w.saturating_sub(2), style, style),
            inner.width.saturating_sub(2),
        );
    }
}

/// The links overlay: `[n] url`, a digit opens one.
pub fn render_links(app: &App, screen: Rect, buf: &mut Buffer) {
    let links = app.article_links();
    let width = (links.iter().map(|(_, u)| u.chars().count()).max().unwrap_or(0) + 8).min(screen.width as usize) as u16;
    let height = (links.len() as u16 + 2).min(screen.height);
    let inner = super::overlay(super::centred(screen, width, height), " links: press a digit to open ", buf);
    for (row, (n, url)) in links.iter().enumerate().take(inner.height as usize) {
        let label = format!("[{n}] ");
        let y = inner.y + row as u16;
        buf.set_stringn(inner.x, y, &label, inner.width as usize, theme::title());
        let rest = (inner.width as usize).saturating_sub(label.len());
        let line = layout_single_line(url, rest, BaseDirection::Ltr, app.render);
        buf.set_line(inner.x + label.len() as u16, y, &to_line(&line, rest, theme::base(), theme::base()), rest as u16);
    }
}
