//! The search bar (top) and the status line (bottom).

use super::theme;
use crate::text::{display_width, layout_single_line, sanitize, BaseDirection};
use crate::tui::app::{App, IndexState, ListSource, Mode};
use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};

const PROMPT: &str = " / ";

pub fn render_search_bar(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    buf.set_style(area, theme::bar());
    let w = area.width as usize;
    buf.set_stringn(area.x, area.y, PROMPT, w, theme::bar());
    let text_w = w.saturating_sub(PROMPT.len() + 1);
    if text_w == 0 {
        return;
    }
    let x = area.x + PROMPT.len() as u16;
    if app.search.query.is_empty() && app.mode != Mode::Search {
        buf.set_stringn(x, area.y, "search (press /)", text_w, theme::placeholder());
        return;
    }
    // The query in display order, like any text; the cursor is placed
    // logically (see `search_cursor`).
    let line = layout_single_line(&app.search.query, text_w, BaseDirection::Auto);
    buf.set_stringn(x, area.y, line.text(), text_w, theme::bar());
}

/// Where the terminal cursor goes while typing: after the logical text
/// before the cursor. For an all-RTL query the logical end is at the left of
/// the drawn text. (Exact cursor placement inside mixed-direction queries is
/// the terminal-fidelity issue's.)
pub fn search_cursor(app: &App, area: Rect) -> Option<Position> {
    if area.is_empty() {
        return None;
    }
    let text_w = (area.width as usize).saturating_sub(PROMPT.len() + 1);
    let q = &app.search.query;
    let before = display_width(&q[..app.search.cursor]).min(text_w);
    let total = display_width(q).min(text_w);
    // The same P2/P3 rule that aligned the query when it was drawn.
    let rtl = crate::text::bidi::paragraph_level(q, BaseDirection::Auto) == 1;
    let offset = if rtl { total - before } else { before };
    Some(Position { x: area.x + (PROMPT.len() + offset) as u16, y: area.y })
}

pub fn render_status(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    buf.set_style(area, theme::bar());
    let count = match &app.list.source {
        ListSource::Library { total } => format!("{total} articles"),
        ListSource::Search(r) => {
            let (total, kept) = (r.response.total, r.response.hits.len());
            let ms = r.response.elapsed.as_millis();
            if !r.response.complete {
                // Only the first screens are ranked yet; the count follows.
                format!("≥ {total} matches · counting… · {ms} ms")
            } else if total > kept {
                format!("{total} matches (best {kept}) · {ms} ms")
            } else {
                format!("{total} matches · {ms} ms")
            }
        }
    };
    let searching = if app.is_searching() { " · searching…" } else { "" };
    let index = match &app.index {
        IndexState::Opening => " · opening index".to_owned(),
        IndexState::Indexing { done, total } => {
            format!(" · indexing {}%", done * 100 / (*total).max(1))
        }
        IndexState::Ready { .. } => String::new(),
        IndexState::Failed(_) => " · search unavailable".to_owned(),
    };
    let fetching = match app.fetching {
        Some((done, total)) if total > 0 => format!(" · fetching {done}/{total}"),
        Some(_) => " · fetching".to_owned(),
        None => String::new(),
    };
    let index = format!("{index}{fetching}");
    let pos =
        if app.list.is_empty() { String::new() } else { format!("{}/{} · ", app.list.selected + 1, app.list.len()) };
    let left = format!(" {pos}{count}{searching}{index}");
    let w = area.width as usize;
    buf.set_stringn(area.x, area.y, &left, w, theme::bar());
    let used = display_width(&left);
    let right = match &app.message {
        Some(m) => sanitize(m).to_string(),
        None => "? help  q quit ".to_owned(),
    };
    let rw = display_width(&right);
    if used + 2 + rw <= w {
        let style = if app.message.is_some() { theme::bar().patch(theme::error()) } else { theme::bar() };
        buf.set_stringn(area.x + (w - rw) as u16, area.y, &right, rw, style);
    }
}
