//! The article list: one row per article (two with a search snippet).

use super::{format_date, put_line, theme};
use crate::text::to_tui::to_line;
use crate::text::{layout_paragraph, layout_single_line, BaseDirection, LayoutOptions};
use crate::tui::app::{App, Focus, ListSource};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Columns of the date.
const DATE_W: usize = 10;
/// Columns of the source, when there is room.
const SOURCE_W: usize = 14;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    if area.is_empty() {
        return;
    }
    let list = &app.list;
    if list.is_empty() {
        let msg = match &list.source {
            ListSource::Search(_) => "no matches",
            ListSource::Library { .. } => "the library is empty: hewal import PATH",
        };
        buf.set_stringn(area.x + 1, area.y, msg, area.width.saturating_sub(1) as usize, theme::dim());
        return;
    }
    let row_lines = app.areas.row_lines;
    for (n, i) in (list.offset..list.len()).take(app.areas.list_rows).enumerate() {
        let y = area.y + n as u16 * row_lines;
        let Some(row) = list.row(i) else { continue };
        let selected = i == list.selected;
        let style = if selected && app.focus == Focus::List {
            theme::selected()
        } else if selected {
            theme::title()
        } else {
            theme::base()
        };
        let w = area.width as usize;
        let mut spans = vec![
            Span::styled(if row.read { " " } else { "●" }, if selected { style } else { theme::unread() }),
            Span::styled(if row.starred { "★" } else { " " }, style),
        ];
        let mut used = 2;
        if w >= used + DATE_W + 12 {
            let date = row.published.and_then(format_date).unwrap_or_else(|| " ".repeat(DATE_W));
            spans.push(Span::styled(format!("{date} "), if selected { style } else { theme::dim() }));
            used += DATE_W + 1;
        }
        if w >= used + SOURCE_W + 20 {
            let src = layout_single_line(&row.source, SOURCE_W, BaseDirection::Auto, app.render);
            spans.extend(to_line(&src, SOURCE_W, if selected { style } else { theme::dim() }, style).spans);
            spans.push(Span::styled(" ", style));
            used += SOURCE_W + 1;
        }
        let title_w = w.saturating_sub(used);
        if title_w > 0 {
            let title = layout_single_line(&row.title, title_w, BaseDirection::Auto, app.render);
            spans.extend(to_line(&title, title_w, style, theme::highlight()).spans);
        }
        let line = Line::from(spans);
        buf.set_style(Rect { y, height: 1, ..area }, style);
        put_line(buf, area.x, y, area.width, &line);
        if row_lines == 2 {
            if let Some((snippet, hits)) = list.snippet(i).filter(|(s, _)| !s.is_empty()) {
                let sw = w.saturating_sub(3).max(1);
                let opts = LayoutOptions { direction: BaseDirection::Auto, highlights: hits, render: app.render };
                if let Some(first) = layout_paragraph(snippet, sw, &opts).first() {
                    let l = to_line(first, sw, theme::dim(), theme::highlight());
                    put_line(buf, area.x + 3, y + 1, area.width.saturating_sub(3), &l);
                }
            }
        }
    }
}
