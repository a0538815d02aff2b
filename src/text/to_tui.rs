//! The only place in `text` that knows ratatui: display lines to `Line`s.

use super::DisplayLine;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Convert a display line to a ratatui `Line` for a pane `pane_width` cells
/// wide: alignment is applied as left padding, so the widget must not wrap or
/// align again.
pub fn to_line(line: &DisplayLine, pane_width: usize, base: Style, highlight: Style) -> Line<'static> {
    let mut spans = Vec::with_capacity(line.segments.len() + 1);
    let pad = line.left_pad(pane_width);
    if pad > 0 {
        spans.push(Span::styled(" ".repeat(pad), base));
    }
    for seg in &line.segments {
        let style = if seg.highlight { base.patch(highlight) } else { base };
        spans.push(Span::styled(seg.text.clone(), style));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{layout_paragraph, LayoutOptions};
    use ratatui::style::Modifier;

    #[test]
    fn rtl_line_is_padded_and_highlight_patched() {
        let text = "ئەو BBC";
        let hl = [text.find('B').unwrap()..text.len(), 0..1];
        let opts = LayoutOptions { highlights: &hl, ..Default::default() };
        let line = &layout_paragraph(text, 10, &opts)[0];
        let hi = Style::new().add_modifier(Modifier::REVERSED);
        let l = to_line(line, 10, Style::new(), hi);
        let texts: Vec<&str> = l.spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(texts, vec!["   ", "BBC", " وە", "ئ"]);
        assert_eq!(l.spans[1].style, hi);
        assert_eq!(l.spans[2].style, Style::new());
        assert_eq!(l.width(), 10);
    }
}
