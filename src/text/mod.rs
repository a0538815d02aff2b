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

pub use layout::{ELLIPSIS, TOO_WIDE};
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

/// Options for [`layout_paragraph`].
#[derive(Clone, Debug, Default)]
pub struct LayoutOptions<'a> {
    /// Base direction; `Auto` follows the paragraph's first strong char.
    pub direction: BaseDirection,
    /// Byte ranges of the paragraph (logical order) to mark as highlighted.
    /// A cluster is highlighted when any of its bytes is; ranges may cross
    /// line breaks and direction changes, and may overlap.
    pub highlights: &'a [Range<usize>],
}

/// Lay out one logical paragraph in `width` cells. Lines come first logical
/// line first; each is at most `width` cells wide (`width` 0 is taken as 1).
/// There is always at least one line (empty for an empty paragraph).
pub fn layout_paragraph(text: &str, width: usize, opts: &LayoutOptions) -> Vec<DisplayLine> {
    let width = width.max(1);
    let p = layout::Prepared::new(text, opts.direction);
    let ranges = p.wrap(width);
    let last = ranges.len() - 1;
    ranges
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let start = if i == 0 { 0 } else { p.orig_offset(r.start) };
            let end = if i == last { text.len() } else { p.orig_offset(r.end) };
            p.line(r.clone(), width, opts.highlights, start..end)
        })
        .collect()
}

/// Lay out `text` as a single line of at most `width` cells, cut with an
/// ellipsis at the logical end when it does not fit (list rows, titles):
/// the ellipsis is on the right of an LTR line and on the left of an RTL
/// one. Levels are resolved on the whole text, then the kept part is
/// reordered as a line, so the cut never changes the order of what remains.
pub fn layout_single_line(text: &str, width: usize, direction: BaseDirection) -> DisplayLine {
    let width = width.max(1);
    let p = layout::Prepared::new(text, direction);
    let shown = p.gs.len() - p.gs.iter().rev().take_while(|g| g.blank).count();
    let total: usize = p.gs[..shown].iter().map(|g| g.width).sum();
    if total <= width {
        return p.line(0..p.gs.len(), width, &[], 0..text.len());
    }
    let budget = width - 1;
    let (mut used, mut keep) = (0, 0);
    while keep < p.gs.len() && used + p.gs[keep].width <= budget {
        used += p.gs[keep].width;
        keep += 1;
    }
    let mut line = p.line(0..keep, width, &[], 0..p.orig_offset(keep));
    let ellipsis = Segment { text: ELLIPSIS.to_string(), width: 1, highlight: false };
    match line.alignment {
        Alignment::Right => line.segments.insert(0, ellipsis),
        Alignment::Left => line.segments.push(ellipsis),
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
