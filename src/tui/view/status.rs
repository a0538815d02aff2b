//! The search bar (top) and the status line (bottom).

use super::theme;
use crate::text::{bidi, display_width, layout_paragraph, layout_single_line, BaseDirection, LayoutOptions, Order};
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
    let line = layout_single_line(&app.search.query, text_w, BaseDirection::Auto, app.render);
    buf.set_stringn(x, area.y, line.text(), text_w, theme::bar());
}

/// Where the terminal cursor goes while typing: beside the character
/// before it, on that character's reading side (right of an LTR char, left
/// of an RTL one), as a bidi-aware editor places its caret; at the start of
/// the paragraph (its right edge if RTL) when nothing precedes it. In
/// logical order the terminal reorders the row, so the caret is placed
/// logically.
pub fn search_cursor(app: &App, area: Rect) -> Option<Position> {
    if area.is_empty() {
        return None;
    }
    let text_w = (area.width as usize).saturating_sub(PROMPT.len() + 1);
    let q = &app.search.query;
    let x = |offset: usize| Some(Position { x: area.x + (PROMPT.len() + offset.min(text_w)) as u16, y: area.y });
    let total = display_width(q);
    if app.render.order == Order::Logical || total > text_w {
        // Logical order, or a query cut with an ellipsis: count cells from
        // the drawn text's logical start.
        let before = display_width(&q[..app.search.cursor]).min(text_w);
        let rtl = app.render.order == Order::Visual && bidi::paragraph_level(q, BaseDirection::Auto) == 1;
        return x(if rtl { total.min(text_w) - before } else { before });
    }
    let Some(prev) = q[..app.search.cursor].chars().next_back() else {
        let rtl = bidi::paragraph_level(q, BaseDirection::Auto) == 1;
        return x(if rtl { total } else { 0 });
    };
    let start = app.search.cursor - prev.len_utf8();
    // Find the cells of `prev` by highlighting it in a one-line layout.
    let hl = start..app.search.cursor;
    let opts = LayoutOptions { highlights: std::slice::from_ref(&hl), render: app.render, ..Default::default() };
    let line = layout_paragraph(q, total.max(1), &opts).into_iter().next()?;
    let mut cell = line.left_pad(total.max(1));
    let mut found = None;
    for seg in &line.segments {
        if seg.highlight {
            found = Some((cell, cell + seg.width));
            break;
        }
        cell += seg.width;
    }
    let (left, right) = found?;
    let level = bidi::resolve(q, BaseDirection::Auto).levels.get(q[..start].chars().count()).copied().unwrap_or(0);
    x(if level % 2 == 1 { left } else { right })
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
    // Messages are English sentences that may quote Sorani (a feed's name,
    // a title): laid out like any text.
    let right = match &app.message {
        Some(m) => {
            layout_single_line(m, w.saturating_sub(used + 3).max(1), BaseDirection::Ltr, app.render).text() + " "
        }
        None => "? help  q quit ".to_owned(),
    };
    let rw = display_width(&right);
    if used + 2 + rw <= w {
        let style = if app.message.is_some() { theme::bar().patch(theme::error()) } else { theme::bar() };
        buf.set_stringn(area.x + (w - rw) as u16, area.y, &right, rw, style);
    }
}
