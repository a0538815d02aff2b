//! Text layout: from a logical paragraph to display lines in visual order.
//!
//! Every piece of article text reaches the screen through this module, so it
//! is where bidi reordering and terminal safety are decided once:
//!
//! 1. [`sanitize`](mod@sanitize): terminal controls and escape sequences are
//!    dropped, line breaks become spaces, unassigned code points U+FFFD;
//!    original byte offsets are kept, so highlights and
//!    [`DisplayLine::logical_range`] refer to the caller's text.
//! 2. [`bidi`]: embedding levels for the whole paragraph (UAX #9; passes
//!    the Unicode conformance files).
//! 3. `wrap`: greedy wrapping of the *logical* text at UAX #14 break
//!    opportunities, by grapheme-cluster width.
//! 4. Each line is reordered on its own (L1, L2, L3 by reordering whole
//!    clusters, L4 mirroring), hidden chars are left out, and highlighted
//!    clusters become separate segments.
//!
//! The result needs no further wrapping or alignment: a TUI writes the
//! segments left to right after [`DisplayLine::left_pad`] cells of padding
//! (see [`to_tui`]), and `hewal layout` prints [`DisplayLine::to_plain`].
//!
//! The module depends on no other hewal module and on ratatui only in
//! `to_tui`.

pub mod bidi;
mod layout;
pub mod paragraphs;
pub mod sanitize;
pub mod shape;
mod tables;
pub mod to_tui;
mod uba;
mod wrap;

use std::ops::Range;

pub use layout::{clusters, ELLIPSIS, TOO_WIDE};
pub use sanitize::TAB_WIDTH;

/// Requested base direction of a paragraph.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum BaseDirection {
    /// From the paragraph's first strong character (UAX #9 P2/P3), LTR if none.
    #[default]
    Auto,
    /// Force right-to-left (e.g. a Kurdish article that opens with a Latin name).
    Rtl,
    /// Force left-to-right.
    Ltr,
}

/// Horizontal alignment of a display line within its pane: RTL paragraphs
/// hug the right edge, LTR ones the left.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Alignment {
    /// LTR paragraph: no padding.
    Left,
    /// RTL paragraph: padded on the left up to the pane width.
    Right,
}

/// A run of cells in visual order, all drawn in one style.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Sanitised text in visual order; safe to write to a terminal.
    pub text: String,
    /// Width in terminal cells.
    pub width: usize,
    /// Whether the run lies inside one of the highlight ranges.
    pub highlight: bool,
}

/// One screen line: segments in visual (left-to-right cell) order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DisplayLine {
    /// Runs of one style, leftmost first; their texts concatenated are what
    /// the terminal shows.
    pub segments: Vec<Segment>,
    /// Total width of the segments in cells (never more than the layout width).
    pub width: usize,
    /// Where the line sits in its pane.
    pub alignment: Alignment,
    /// Byte range of the logical paragraph text this line shows. The lines
    /// of a paragraph tile it: the first starts at 0, the last ends at its
    /// length, and whitespace hanging at a line end belongs to that line.
    pub logical_range: Range<usize>,
}

impl DisplayLine {
    /// The line's text in visual order, without padding.
    pub fn text(&self) -> String {
        self.segments.iter().map(|s| s.text.as_str()).collect()
    }

    /// Cells of padding to put on the left in a pane `pane_width` wide.
    pub fn left_pad(&self, pane_width: usize) -> usize {
        match self.alignment {
            Alignment::Left => 0,
            Alignment::Right => pane_width.saturating_sub(self.width),
        }
    }

    /// The line as `hewal layout` prints it: right-aligned lines padded with
    /// leading spaces to `pane_width`, never any trailing spaces.
    pub fn to_plain(&self, pane_width: usize) -> String {
        let mut s = " ".repeat(self.left_pad(pane_width));
        s.push_str(&self.text());
        s.truncate(s.trim_end_matches(' ').len());
        s
    }
}

/// The order in which a line's cells are sent to the terminal.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Order {
    /// Display order: hewal reorders (UAX #9 L1–L4) for terminals that draw
    /// cells strictly left to right, or whose own bidi is switched off.
    #[default]
    Visual,
    /// Logical order, unpadded, unmirrored: for terminals that run their own
    /// bidi on each row (they reorder, mirror and align RTL rows themselves).
    /// Wrapping and sanitising are still hewal's.
    Logical,
}

/// How text is drawn for one terminal: the output half of the terminal
/// modes (`fidelity` decides them).
/// Never changes what is stored, searched or copied.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Render {
    pub order: Order,
    /// Replace Arabic letters by their contextual presentation forms, for
    /// terminals that draw every letter isolated (see [`shape`]).
    pub shape: bool,
}

/// Options for [`layout_paragraph`].
#[derive(Clone, Debug, Default)]
pub struct LayoutOptions<'a> {
    /// Base direction; `Auto` follows the paragraph's first strong char.
    pub direction: BaseDirection,
    /// Byte ranges of the paragraph (logical order) to mark as highlighted.
    /// A cluster is highlighted when any of its bytes is; ranges may cross
    /// line breaks and direction changes, and may overlap.
    pub highlights: &'a [Range<usize>],
    /// Output order and shaping.
    pub render: Render,
}

/// Lay out one logical paragraph in `width` cells. Lines come first logical
/// line first; each is at most `width` cells wide (`width` 0 is taken as 1).
/// There is always at least one line (empty for an empty paragraph).
pub fn layout_paragraph(text: &str, width: usize, opts: &LayoutOptions) -> Vec<DisplayLine> {
    let mut lines = Vec::new();
    layout_paragraph_each(text, width, opts, &mut |l| lines.push(l));
    lines
}

/// Paragraphs longer than this are laid out a piece at a time (see
/// [`layout_paragraph_each`]).
pub const CHUNK_BYTES: usize = 64 * 1024;

/// [`layout_paragraph`], handing each line to `line` as it is made, in
/// memory bounded whatever the paragraph's length: a paragraph longer than
/// [`CHUNK_BYTES`] is laid out in pieces of about that size, cut at a space
/// where there is one, all at the paragraph's direction (found in its
/// first MiB). Levels are resolved per piece, so an embedding or isolate
/// left open at a cut ends there, and the last line of a piece may be
/// shorter than the width: both only in paragraphs of 64 KiB and more.
pub fn layout_paragraph_each(text: &str, width: usize, opts: &LayoutOptions, line: &mut dyn FnMut(DisplayLine)) {
    let width = width.max(1);
    if text.len() <= CHUNK_BYTES {
        return layout_piece(text, width, opts, 0, line);
    }
    let direction = match opts.direction {
        BaseDirection::Auto => match bidi::paragraph_level(&text[..floor_char_boundary(text, 1 << 20)], opts.direction)
        {
            1 => BaseDirection::Rtl,
            _ => BaseDirection::Ltr,
        },
        d => d,
    };
    let mut start = 0;
    while start < text.len() {
        let end = piece_end(text, start);
        let highlights: Vec<Range<usize>> = opts
            .highlights
            .iter()
            .filter(|h| h.start < end && h.end > start)
            .map(|h| h.start.max(start) - start..h.end.min(end) - start)
            .collect();
        let piece_opts = LayoutOptions { direction, highlights: &highlights, render: opts.render };
        layout_piece(&text[start..end], width, &piece_opts, start, line);
        start = end;
    }
}

/// Lay out `text` as one paragraph; logical ranges are shifted by `offset`
/// (where the piece starts in the caller's paragraph).
fn layout_piece(text: &str, width: usize, opts: &LayoutOptions, offset: usize, out: &mut dyn FnMut(DisplayLine)) {
    let p = layout::Prepared::new(text, opts.direction);
    let ranges = p.wrap(width);
    let last = ranges.len() - 1;
    for (i, r) in ranges.iter().enumerate() {
        let start = if i == 0 { 0 } else { p.orig_offset(r.start) };
        let end = if i == last { text.len() } else { p.orig_offset(r.end) };
        out(p.line(r.clone(), width, opts.highlights, offset + start..offset + end, opts.render));
    }
}

/// Where the piece that starts at `start` ends: after the last space in
/// its last 4 KiB, else at a char boundary near [`CHUNK_BYTES`].
fn piece_end(text: &str, start: usize) -> usize {
    if text.len() - start <= CHUNK_BYTES {
        return text.len();
    }
    let limit = floor_char_boundary(text, start + CHUNK_BYTES);
    let window = floor_char_boundary(text, limit.saturating_sub(4096)).max(start);
    match text[window..limit].rfind(' ') {
        Some(i) => window + i + 1,
        None => limit.max(start + text[start..].chars().next().map_or(1, char::len_utf8)),
    }
}

/// The largest char boundary of `s` at or below `i`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Lay out `text` as a single line of at most `width` cells, cut with an
/// ellipsis at the logical end when it does not fit (list rows, titles):
/// the ellipsis is on the right of an LTR line and on the left of an RTL
/// one. Levels are resolved on the whole text, then the kept part is
/// reordered as a line, so the cut never changes the order of what remains.
/// In [`Order::Logical`] the ellipsis is simply the last char.
pub fn layout_single_line(text: &str, width: usize, direction: BaseDirection, render: Render) -> DisplayLine {
    let width = width.max(1);
    let p = layout::Prepared::new(text, direction);
    let shown = p.gs.len() - p.gs.iter().rev().take_while(|g| g.blank).count();
    let total: usize = p.gs[..shown].iter().map(|g| g.width).sum();
    if total <= width {
        return p.line(0..p.gs.len(), width, &[], 0..text.len(), render);
    }
    let budget = width - 1;
    let (mut used, mut keep) = (0, 0);
    while keep < p.gs.len() && used + p.gs[keep].width <= budget {
        used += p.gs[keep].width;
        keep += 1;
    }
    let mut line = p.line(0..keep, width, &[], 0..p.orig_offset(keep), render);
    let ellipsis = Segment { text: ELLIPSIS.to_string(), width: 1, highlight: false };
    match (render.order, line.alignment) {
        (Order::Visual, Alignment::Right) => line.segments.insert(0, ellipsis),
        _ => line.segments.push(ellipsis),
    }
    line.width += 1;
    line
}

/// Width of `s` in terminal cells once sanitised, counted the way the
/// layout counts it (per grapheme cluster, tabs as [`TAB_WIDTH`]).
pub fn display_width(s: &str) -> usize {
    let clean = sanitize::clean(s);
    unicode_segmentation::UnicodeSegmentation::graphemes(clean.text.as_str(), true).map(layout::cluster_width).sum()
}

/// Terminal-safe text in logical order: no C0/C1 control, escape-sequence
/// introducer, bidi control or invisible format char; line breaks become
/// spaces, tabs [`TAB_WIDTH`] spaces, unassigned code points U+FFFD. For
/// text that is shown without layout (status lines, error messages).
pub fn sanitize(s: &str) -> String {
    sanitize::to_terminal(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_paragraph_is_laid_out_in_pieces_that_tile_it() {
        let words = ["هەولێر", "BBC", "(نوێ)", "١٢.٥٪", "کوردستان", "news"];
        let text: String = (0..60_000).map(|i| words[i % words.len()]).collect::<Vec<_>>().join(" ");
        assert!(text.len() > 4 * CHUNK_BYTES);
        let hl = std::ops::Range { start: CHUNK_BYTES - 10, end: CHUNK_BYTES + 10 };
        let opts = LayoutOptions { highlights: std::slice::from_ref(&hl), ..Default::default() };
        let lines = layout_paragraph(&text, 37, &opts);
        let mut at = 0;
        for l in &lines {
            assert_eq!(l.logical_range.start, at);
            assert!(l.width <= 37);
            // The paragraph is RTL (its first strong char): every piece too.
            assert_eq!(l.alignment, Alignment::Right);
            at = l.logical_range.end;
        }
        assert_eq!(at, text.len());
        assert!(lines.iter().any(|l| l.segments.iter().any(|s| s.highlight)));
        // Under the piece size the result is the whole paragraph's layout.
        let short = &text[..1000];
        let p = layout::Prepared::new(short, BaseDirection::Auto);
        assert_eq!(layout_paragraph(short, 37, &LayoutOptions::default()).len(), p.wrap(37).len());
    }

    #[test]
    fn pieces_end_at_char_boundaries_even_without_spaces() {
        let text = "ئ".repeat(CHUNK_BYTES);
        let mut start = 0;
        while start < text.len() {
            let end = piece_end(&text, start);
            assert!(end > start && text.is_char_boundary(end));
            start = end;
        }
    }
}
