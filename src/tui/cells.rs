//! Writing text into ratatui's buffer exactly as `Buffer::set_line` and
//! `Buffer::set_stringn` do, only faster: most of a frame's time went to
//! their splitting every line into grapheme clusters and looking up each
//! cluster's width, for text the layout had already split. Here clusters
//! come from the layout's fast path ([`crate::text::clusters`]: between two
//! plain chars there is always a boundary, and a plain char is one cell),
//! and only the rest are measured by ratatui's own rule (`CellWidth`). A
//! property test checks that every cell comes out as ratatui writes it.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::style::Style;
use ratatui::text::Line;

/// [`Buffer::set_stringn`]: `text` at (`x`, `y`) in `style`, at most
/// `max_width` cells and never past the buffer's right edge; a cluster
/// with a control char, or of no width, is left out, and the cells a wide
/// cluster covers are reset. Returns where the next text would go.
pub fn set_stringn(buf: &mut Buffer, mut x: u16, y: u16, text: &str, max_width: usize, style: Style) -> (u16, u16) {
    let max_width = u16::try_from(max_width).unwrap_or(u16::MAX);
    let mut remaining = buf.area.right().saturating_sub(x).min(max_width);
    for (cluster, plain) in crate::text::clusters(text) {
        let width = if plain {
            1
        } else if cluster.contains(char::is_control) {
            continue;
        } else {
            cluster.cell_width()
        };
        if width == 0 {
            continue;
        }
        let Some(left) = remaining.checked_sub(width) else { break };
        remaining = left;
        buf[(x, y)].set_symbol(cluster).set_style(style);
        let next = x + width;
        x += 1;
        while x < next {
            buf[(x, y)].reset();
            x += 1;
        }
    }
    (x, y)
}

/// [`Buffer::set_line`]: the spans of `line` one after another from (`x`,
/// `y`), each in the line's style patched with its own, at most
/// `max_width` cells in all.
pub fn set_line(buf: &mut Buffer, mut x: u16, y: u16, line: &Line<'_>, max_width: u16) -> (u16, u16) {
    let mut remaining = max_width;
    for span in line {
        if remaining == 0 {
            break;
        }
        let end = set_stringn(buf, x, y, &span.content, usize::from(remaining), line.style.patch(span.style));
        remaining = remaining.saturating_sub(end.0.saturating_sub(x));
        x = end.0;
    }
    (x, y)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use ratatui::layout::Rect;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;

    /// Pieces of text of every kind a cluster can be made of: plain ASCII
    /// and Arabic-script letters, combining marks, joiners, controls,
    /// wide and emoji clusters, halfwidth sound marks, Hangul, flags.
    const PIECES: &[&str] = &[
        "a",
        "Z",
        " ",
        "~",
        "ه",
        "ێ",
        "ڵ",
        "٣",
        "،",
        "\u{64E}",
        "\u{670}",
        "\u{200C}",
        "\u{200D}",
        "\u{200F}",
        "\u{2067}",
        "\t",
        "\u{1b}",
        "\u{7f}",
        "\u{85}",
        "\u{2028}",
        "漢",
        "ｶ",
        "\u{FF9E}",
        "🙂",
        "👍\u{1F3FD}",
        "❤\u{FE0F}",
        "\u{1F1EE}",
        "\u{1F1F6}",
        "\u{1100}",
        "\u{1161}",
        "e\u{301}",
        "\u{A0}",
        "—",
        "…",
        "\u{300}",
        "\u{E0001}",
    ];

    fn style(n: u8) -> Style {
        match n % 4 {
            0 => Style::new(),
            1 => Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
            2 => Style::new().bg(Color::Blue).remove_modifier(Modifier::BOLD),
            _ => Style::new().add_modifier(Modifier::REVERSED),
        }
    }

    proptest! {
        /// Every cell of the buffer comes out as ratatui's `set_line`
        /// writes it, whatever the text, the room left and what the cells
        /// held before; and the end position is the same.
        #[test]
        fn lines_are_written_as_ratatui_writes_them(
            spans in prop::collection::vec((prop::collection::vec(prop::sample::select(PIECES), 0..12), any::<u8>()), 0..4),
            line_style in any::<u8>(),
            (width, x, max_width) in (1u16..24).prop_flat_map(|w| (Just(w), 0..w, 0u16..30)),
            under in any::<u8>(),
        ) {
            let line = Line::from(
                spans.iter().map(|(t, s)| Span::styled(t.concat(), style(*s))).collect::<Vec<_>>(),
            )
            .style(style(line_style));
            let area = Rect::new(3, 2, width, 2);
            let mut theirs = Buffer::empty(area);
            theirs.set_string(3, 3, "x".repeat(usize::from(width)), style(under));
            theirs.set_style(area, style(under.wrapping_add(1)));
            let mut ours = theirs.clone();
            let (at, y) = (area.x + x, area.y + 1);
            let want = theirs.set_line(at, y, &line, max_width);
            let got = set_line(&mut ours, at, y, &line, max_width);
            prop_assert_eq!(got, want);
            prop_assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn a_plain_char_is_what_ratatui_measures_as_one_cell() {
        for c in (0..0x3000u32).filter_map(char::from_u32) {
            let s = c.to_string();
            if let [(cluster, true)] = crate::text::clusters(&s).collect::<Vec<_>>()[..] {
                assert!(!c.is_control() && cluster.cell_width() == 1, "{c:?}");
            }
        }
    }
}
