//! Greedy line breaking on the logical text.
//!
//! Break opportunities come from UAX #14 (`unicode-linebreak`); widths are
//! those of whole grapheme clusters, so a line never ends inside a cluster
//! (combining marks, ZWNJ and ZWJ stay with their base). Whitespace at the
//! end of a line "hangs": it is not counted against the width and not shown.
//! A word wider than the line starts a new line and is cut at grapheme
//! boundaries. Wrapping happens before reordering, as UAX #9 requires.

use std::ops::Range;
use unicode_linebreak::linebreaks;

/// One grapheme cluster of the internal logical text.
#[derive(Clone, Copy, Debug)]
pub struct Grapheme {
    /// Byte offset in the internal text where it starts.
    pub start: usize,
    /// Byte offset in the internal text where it ends.
    pub end: usize,
    /// Index of its first char in the internal text.
    pub char_idx: usize,
    /// Number of chars in it.
    pub chars: usize,
    /// Cells it takes when shown (hidden chars excluded, tab expanded).
    pub width: usize,
    /// Only whitespace and hidden chars: may hang at a line end.
    pub blank: bool,
}

/// Split graphemes `gs` of `text` into lines of at most `width` cells
/// (trailing blanks not counted). Returns grapheme index ranges that tile
/// `0..gs.len()`; there is at least one (possibly empty) range.
///
/// UAX #14 is tailored the way URLs need: an opportunity after whitespace,
/// ZWSP, a soft hyphen or a hyphen/dash is *primary* and delimits words;
/// any other (after `/` in a URL, between ideographs) is used only to split
/// a word that is wider than the whole line. So a URL moves to the next line
/// whole when it fits there, and CJK runs still break where UAX #14 allows.
pub fn wrap(text: &str, gs: &[Grapheme], width: usize) -> Vec<Range<usize>> {
    let mut w = Wrapper { gs, width, lines: Vec::new(), start: 0, visible: 0, pending: 0 };
    let (mut word_start, mut next, mut secondary) = (0, 0, Vec::new());
    for (pos, _) in linebreaks(text) {
        // advance to the grapheme boundary at `pos`; skip breaks inside clusters
        while next < gs.len() && gs[next].start < pos {
            next += 1;
        }
        if next == word_start || (next < gs.len() && gs[next].start != pos) {
            continue;
        }
        let before = text[..pos].chars().next_back();
        if next < gs.len() && !before.is_some_and(is_primary_break_after) {
            secondary.push(next);
            continue;
        }
        w.word(word_start..next, &secondary);
        secondary.clear();
        word_start = next;
    }
    if word_start < gs.len() {
        w.word(word_start..gs.len(), &secondary);
    }
    w.lines.push(w.start..gs.len());
    w.lines
}

/// Whether a UAX #14 opportunity after `c` delimits words (see [`wrap`]).
fn is_primary_break_after(c: char) -> bool {
    c.is_whitespace() || matches!(c, '\u{200B}' | '\u{00AD}' | '-' | '\u{2010}' | '\u{2013}' | '\u{2014}')
}

struct Wrapper<'a> {
    gs: &'a [Grapheme],
    width: usize,
    lines: Vec<Range<usize>>,
    /// First grapheme of the current line.
    start: usize,
    /// Cells of the current line up to the end of its last non-blank.
    visible: usize,
    /// Cells of blanks after that, shown only if another word follows.
    pending: usize,
}

impl Wrapper<'_> {
    fn word(&mut self, r: Range<usize>, secondary: &[usize]) {
        let gs = &self.gs[r.clone()];
        let content_len = gs.len() - gs.iter().rev().take_while(|g| g.blank).count();
        let vw: usize = gs[..content_len].iter().map(|g| g.width).sum();
        let tw: usize = gs[content_len..].iter().map(|g| g.width).sum();
        let empty = self.start == r.start;
        if !empty && self.visible + self.pending + vw <= self.width {
            self.visible += self.pending + vw;
            self.pending = tw;
            return;
        }
        if !empty {
            self.lines.push(self.start..r.start);
            self.start = r.start;
        }
        self.visible = 0;
        if vw > self.width {
            self.cut(r.start..r.start + content_len, secondary);
        } else {
            self.visible = vw;
        }
        self.pending = tw;
    }

    /// Place an over-long word (the current line is empty) piece by piece,
    /// the pieces delimited by its `secondary` opportunities; a piece wider
    /// than the line is cut at grapheme boundaries. The last piece stays as
    /// the current line.
    fn cut(&mut self, r: Range<usize>, secondary: &[usize]) {
        let mut bounds: Vec<usize> = secondary.iter().copied().filter(|&b| b > r.start && b < r.end).collect();
        bounds.push(r.end);
        let mut from = r.start;
        for to in bounds {
            let pw: usize = self.gs[from..to].iter().map(|g| g.width).sum();
            if self.visible > 0 && self.visible + pw > self.width {
                self.break_at(from);
            }
            if pw > self.width {
                self.cut_graphemes(from..to);
            } else {
                self.visible += pw;
            }
            from = to;
        }
    }

    fn cut_graphemes(&mut self, r: Range<usize>) {
        for i in r {
            let gw = self.gs[i].width;
            if self.visible > 0 && self.visible + gw > self.width {
                self.break_at(i);
            }
            self.visible += gw;
        }
    }

    fn break_at(&mut self, i: usize) {
        self.lines.push(self.start..i);
        self.start = i;
        self.visible = 0;
    }
}
