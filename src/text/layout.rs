//! From a logical paragraph to display lines: sanitise, resolve levels for
//! the whole paragraph, wrap on the logical text, then reorder each line on
//! its own (L1, L2 over grapheme clusters, which gives L3, and L4).

use super::bidi::{apply_l1, mirror, removed_by_x9, resolve, Resolved};
use super::sanitize::{clean, dropped_when_shaped, is_hidden, Clean, TAB_WIDTH};
use super::wrap::{wrap, Grapheme};
use super::{Alignment, BaseDirection, DisplayLine, Order, Render, Segment};
use std::ops::Range;
use unicode_segmentation::GraphemeCursor;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Shown instead of a grapheme wider than the whole line (a wide CJK char
/// or emoji at width 1), so that no line ever overflows.
pub const TOO_WIDE: &str = "?";

/// Shown at the logical end of a truncated single line.
pub const ELLIPSIS: &str = "…";

/// A paragraph ready for wrapping: clean text, levels, graphemes.
pub struct Prepared {
    /// Length of the original paragraph in bytes.
    orig_len: usize,
    clean: Clean,
    res: Resolved,
    /// Clusters of the clean text, in logical order.
    pub gs: Vec<Grapheme>,
}

impl Prepared {
    /// Sanitise `text`, resolve its levels and find its clusters.
    pub fn new(text: &str, dir: BaseDirection) -> Prepared {
        let clean = clean(text);
        let res = resolve(&clean.text, dir);
        let gs = graphemes(&clean.text);
        Prepared { orig_len: text.len(), clean, res, gs }
    }

    /// Right for an RTL paragraph, left for an LTR one.
    pub fn alignment(&self) -> Alignment {
        if self.res.para_level == 1 {
            Alignment::Right
        } else {
            Alignment::Left
        }
    }

    /// Grapheme ranges of the lines at `width` (see [`wrap`]).
    pub fn wrap(&self, width: usize) -> Vec<Range<usize>> {
        wrap(&self.clean.text, &self.gs, width)
    }

    /// Original byte offset where grapheme `g` starts (the paragraph's end
    /// for `g == gs.len()`).
    pub fn orig_offset(&self, g: usize) -> usize {
        self.gs.get(g).map_or(self.orig_len, |g| self.clean.orig[g.char_idx])
    }

    /// Build the display line for graphemes `r` (trailing blanks are
    /// dropped), `logical` being the original byte range it stands for.
    /// In [`Order::Logical`] the clusters stay in logical order, unmirrored
    /// and unaligned: the terminal's own bidi does that part.
    pub fn line(
        &self,
        r: Range<usize>,
        width: usize,
        hl: &[Range<usize>],
        logical: Range<usize>,
        render: Render,
    ) -> DisplayLine {
        let gs = &self.gs[r.clone()];
        let n = gs.len() - gs.iter().rev().take_while(|g| g.blank).count();
        let gs = &gs[..n];
        let mut out = LineBuilder::default();
        if let (Some(first), Some(last)) = (gs.first(), gs.last()) {
            let chars = first.char_idx..last.char_idx + last.chars;
            let shaped = render.shape.then(|| self.shaped(first.start..last.end));
            let line = LineChars { base: chars.start, shaped: shaped.as_deref(), width, hl };
            match render.order {
                Order::Visual => {
                    let mut levels = self.res.levels[chars.clone()].to_vec();
                    apply_l1(&mut levels, &self.res.classes[chars.clone()], self.res.para_level);
                    let glevels: Vec<u8> = gs.iter().map(|g| self.grapheme_level(g, &levels, chars.start)).collect();
                    for gi in super::bidi::visual_order(&glevels) {
                        self.emit(&gs[gi], Some(&levels), &line, &mut out);
                    }
                }
                Order::Logical => gs.iter().for_each(|g| self.emit(g, None, &line, &mut out)),
            }
        }
        let alignment = if render.order == Order::Logical { Alignment::Left } else { self.alignment() };
        out.finish(alignment, logical)
    }

    /// The chars of the clean text's byte range `bytes` with Arabic letters
    /// in their contextual forms, decided on this line alone: a word split
    /// across lines does not join across the break.
    fn shaped(&self, bytes: Range<usize>) -> Vec<char> {
        let text: Vec<char> = self.clean.text[bytes].chars().collect();
        super::shape::shape(&text)
    }

    /// The level a cluster is reordered at: that of its first char that X9
    /// does not remove (marks follow their base, rule L3).
    fn grapheme_level(&self, g: &Grapheme, levels: &[u8], base: usize) -> u8 {
        (g.char_idx..g.char_idx + g.chars)
            .find(|&i| !removed_by_x9(self.res.classes[i]))
            .map_or(levels[g.char_idx - base], |i| levels[i - base])
    }

    /// Append one cluster: hidden chars dropped, tabs expanded, chars at
    /// odd `levels` mirrored (none are without levels: logical order),
    /// letters replaced by their shaped forms when the line has them.
    fn emit(&self, g: &Grapheme, levels: Option<&[u8]>, line: &LineChars, out: &mut LineBuilder) {
        let LineChars { base, shaped, width, hl } = *line;
        let chars = g.char_idx..g.char_idx + g.chars;
        let highlight = !hl.is_empty()
            && chars.clone().any(|ci| {
                let (o, len) = (self.clean.orig[ci], usize::from(self.clean.orig_len[ci]));
                hl.iter().any(|h| h.start < o + len && o < h.end)
            });
        if g.width > width {
            return out.push(TOO_WIDE, 1, highlight);
        }
        let text = out.open(highlight);
        for (ci, c) in chars.zip(self.clean.text[g.start..g.end].chars()) {
            match c {
                '\t' => text.extend(std::iter::repeat_n(' ', TAB_WIDTH)),
                c if is_hidden(c) => {}
                // Shaped display order: see the sanitize module.
                c if levels.is_some() && shaped.is_some() && dropped_when_shaped(c) => {}
                c => {
                    let odd = levels.is_some_and(|l| l[ci - base] % 2 == 1);
                    // Mirrored chars are brackets and the like, never letters.
                    let m = if odd { mirror(c) } else { None };
                    text.push(m.unwrap_or_else(|| shaped.map_or(c, |s| s[ci - base])));
                }
            }
        }
        out.close(g.width);
    }
}

/// What [`Prepared::emit`] needs to know about the line being built.
struct LineChars<'a> {
    /// Index in the clean text of the line's first char.
    base: usize,
    /// The line's chars, shaped, when shaping is on.
    shaped: Option<&'a [char]>,
    width: usize,
    hl: &'a [Range<usize>],
}

/// Grapheme clusters of the clean text with their widths.
fn graphemes(text: &str) -> Vec<Grapheme> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let (mut start, mut char_idx) = (0, 0);
    while start < text.len() {
        let (end, simple) = cluster_end(text, start);
        let g = &text[start..end];
        let mut it = g.chars();
        let (first, rest) = (it.next().expect("non-empty cluster"), it.next().is_some());
        let (chars, width, blank) = if simple {
            (1, 1, first == ' ' || first == '\u{A0}') // a plain char: one cell
        } else if rest {
            let blank = g.chars().all(|c| c.is_whitespace() || is_hidden(c));
            (g.chars().count(), cluster_width(g), blank)
        } else {
            (1, char_width(first), first.is_whitespace() || is_hidden(first))
        };
        out.push(Grapheme { start, end, char_idx, chars, width, blank });
        char_idx += chars;
        start = end;
    }
    out
}

/// The extended grapheme clusters of `text`, in order, each with whether
/// it is a single `plain` char (one cell wide, never a control char): the
/// layout's fast path, for whatever else walks clusters.
pub fn clusters(text: &str) -> impl Iterator<Item = (&str, bool)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        (start < text.len()).then(|| {
            let (end, plain) = cluster_end(text, start);
            let cluster = &text[start..end];
            start = end;
            (cluster, plain)
        })
    })
}

/// End of the extended grapheme cluster that starts at `start` (a cluster
/// boundary), and whether it is a single [`plain`] char. Between two plain
/// chars there is always a boundary (UAX #29 GB999), which covers most of
/// Sorani and English text cheaply; anything else asks `unicode-segmentation`.
fn cluster_end(text: &str, start: usize) -> (usize, bool) {
    let mut it = text[start..].chars();
    let c = it.next().expect("start < len");
    let next = start + c.len_utf8();
    match it.next() {
        None => return (next, plain(c)),
        Some(n) if plain(c) && plain(n) => return (next, true),
        Some(_) => {}
    }
    let end = GraphemeCursor::new(start, text.len(), true).next_boundary(text, 0).ok().flatten().unwrap_or(text.len());
    (end, false)
}

/// Chars of Grapheme_Cluster_Break "Other" that are not Prepend, regional
/// indicators or Hangul, in the scripts news text is mostly made of. All of
/// them are one cell wide and none is hidden (a unit test checks).
fn plain(c: char) -> bool {
    matches!(c,
        ' '..='~' | '\u{A0}'..='\u{AC}' | '\u{AE}'..='\u{2FF}'
        | '\u{05D0}'..='\u{05EA}' | '\u{060C}' | '\u{061B}' | '\u{061F}'
        | '\u{0621}'..='\u{064A}' | '\u{0660}'..='\u{066F}' | '\u{0671}'..='\u{06D5}'
        | '\u{06EE}'..='\u{06FF}' | '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205E}')
}

/// Cells of a one-char cluster (the common case, kept fast).
fn char_width(c: char) -> usize {
    match c {
        '\t' => TAB_WIDTH,
        c if is_hidden(c) => 0,
        c => c.width().unwrap_or(0),
    }
}

/// Cells of one cluster as shown: hidden chars take none, a tab
/// [`TAB_WIDTH`].
pub fn cluster_width(g: &str) -> usize {
    let mut it = g.chars();
    if let (Some(c), None) = (it.next(), it.next()) {
        return char_width(c);
    }
    if g.chars().any(is_hidden) {
        let shown: String = g.chars().filter(|&c| !is_hidden(c)).collect();
        return shown.width();
    }
    g.width()
}

/// Collects clusters into segments, merging neighbours of one style.
#[derive(Default)]
pub struct LineBuilder {
    segments: Vec<Segment>,
    width: usize,
}

impl LineBuilder {
    /// Append `text` (`width` cells) in the given style.
    pub fn push(&mut self, text: &str, width: usize, highlight: bool) {
        self.open(highlight).push_str(text);
        self.close(width);
    }

    /// The text of the segment to append to: the last one if it has this
    /// style, else a new one. Call [`LineBuilder::close`] after writing.
    fn open(&mut self, highlight: bool) -> &mut String {
        if self.segments.last().map(|s| s.highlight) != Some(highlight) {
            self.segments.push(Segment { text: String::new(), width: 0, highlight });
        }
        &mut self.segments.last_mut().expect("just pushed").text
    }

    /// Account `width` cells to the last segment; drop it if still empty.
    fn close(&mut self, width: usize) {
        self.width += width;
        let last = self.segments.last_mut().expect("opened");
        last.width += width;
        if last.text.is_empty() {
            self.segments.pop();
        }
    }

    /// The finished line.
    pub fn finish(self, alignment: Alignment, logical_range: Range<usize>) -> DisplayLine {
        DisplayLine { segments: self.segments, width: self.width, alignment, logical_range }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    #[test]
    fn fast_clusters_match_unicode_segmentation() {
        let samples = [
            "ئەمڕۆ بِسْمِ نو\u{200C}ێ «BBC» 12.5% ١٢٪ e\u{0301} 🇮🇶🇮🇶 👨\u{200D}👩 ☺\u{FE0F} 한국어 \u{0600}١ न्दी \r\n",
            "\u{0627}\u{0670}\u{06DD}\u{0661} ©\u{200D}😀 a\u{0300}\u{0301}b ",
        ];
        for s in samples {
            let ours: Vec<&str> = graphemes(s).iter().map(|g| &s[g.start..g.end]).collect();
            let theirs: Vec<&str> = s.graphemes(true).collect();
            assert_eq!(ours, theirs);
        }
    }

    #[test]
    fn plain_chars_are_one_visible_cell() {
        for c in (0..0x3000u32).filter_map(char::from_u32).filter(|&c| plain(c)) {
            assert_eq!(char_width(c), 1, "{c:?}");
            assert_eq!(c.width(), Some(1), "{c:?}");
            assert!(!is_hidden(c), "{c:?}");
            assert_eq!(c.is_whitespace(), c == ' ' || c == '\u{A0}', "{c:?}");
        }
    }

    /// Any char, or one from a set that exercises the fast path's edges.
    fn mixed_char() -> impl proptest::strategy::Strategy<Value = char> {
        let edges = vec!['a', 'ب', ' ', '«', '\u{064E}', '\u{0670}', '\u{200C}', '\u{200D}', '\u{0600}', '\u{06DD}'];
        let more =
            vec!['\u{1F1EE}', '😀', '\u{FE0F}', '\r', '\n', '\u{0915}', '\u{094D}', '\u{AD}', '\u{1100}', '\u{AC00}'];
        proptest::prop_oneof![
            proptest::prelude::any::<char>(),
            proptest::sample::select(edges),
            proptest::sample::select(more)
        ]
    }

    proptest::proptest! {
        #[test]
        fn fast_clusters_match_on_random_text(v in proptest::collection::vec(mixed_char(), 0..30)) {
            let s: String = v.into_iter().collect();
            let ours: Vec<&str> = graphemes(&s).iter().map(|g| &s[g.start..g.end]).collect();
            let theirs: Vec<&str> = s.graphemes(true).collect();
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
