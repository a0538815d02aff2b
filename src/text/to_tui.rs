//! The only place in `text` that knows ratatui: display lines to `Line`s.

use super::DisplayLine;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Convert a display line to a ratatui `Line` for a pane `pane_width` cells
/// wide: alignment is applied as left padding, so the widget must not wrap or
/// align again.
pub fn to_line(
    line: &DisplayLine,
    pane_width: usize,
    base: Style,
    highlight: Style,
) -> Line<'static> {
    let mut spans = Vec::with_capacity(line.segments.len() + 1);
    let pad = line.left_pad(pane_width);
    if pad > 0 {
        spans.push(Span::styled(" ".repeat(pad), base));
    }
    for seg in &line.segments {
        let style = if seg.highlight {
            base.patch(highlight)
        } else {
            base
        };
        spans.push(Span::styled(seg.text.clone(), style));
    }
    Line::from(spans)
}
