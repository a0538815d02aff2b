//! Splitting an article body into paragraphs.
//!
//! Bodies are stored byte-exact. Paragraphs are found at display and index
//! time: a blank line (a line holding only whitespace) ends a paragraph, and so
//! does a run of three or more spaces, which is how the bundled seed articles
//! (and much copy-pasted Kurdish news) mark paragraph breaks. Single newlines
//! inside a paragraph are soft: they are kept in the paragraph text and the
//! layout treats them as spaces.

use std::ops::Range;

/// Byte ranges of the paragraphs of `body`, trimmed of surrounding whitespace,
/// in order, skipping empty ones. Slicing `body` with each range gives the
/// paragraph text, so highlight offsets in the body map to paragraph offsets
/// by subtracting `range.start`.
pub fn paragraph_ranges(body: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let bytes = body.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let (is_break, end) = break_at(bytes, i);
        if is_break {
            push_trimmed(body, start..i, &mut out);
            start = end;
            i = end;
        } else {
            i += 1;
        }
    }
    push_trimmed(body, start..bytes.len(), &mut out);
    out
}

/// The paragraphs of `body` as string slices.
pub fn paragraphs(body: &str) -> impl Iterator<Item = &str> {
    paragraph_ranges(body).into_iter().map(move |r| &body[r])
}

/// Is there a paragraph break starting at byte `i`? Returns where it ends.
/// A break is a run of ASCII whitespace that holds either two or more line
/// feeds or three or more consecutive spaces.
fn break_at(bytes: &[u8], i: usize) -> (bool, usize) {
    if !matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        return (false, i + 1);
    }
    let mut j = i;
    let (mut newlines, mut spaces, mut max_spaces) = (0, 0, 0);
    while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
        match bytes[j] {
            b'\n' => {
                newlines += 1;
                spaces = 0;
            }
            b' ' => {
                spaces += 1;
                max_spaces = max_spaces.max(spaces);
            }
            _ => spaces = 0,
        }
        j += 1;
    }
    (newlines >= 2 || max_spaces >= 3, j)
}

fn push_trimmed(body: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &body[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paras(s: &str) -> Vec<&str> {
        paragraphs(s).collect()
    }

    #[test]
    fn blank_lines_and_space_runs_split() {
        assert_eq!(paras("a b\n\nc"), ["a b", "c"]);
        assert_eq!(paras("a b   c d"), ["a b", "c d"]);
        assert_eq!(paras("a\n  \n b\n c"), ["a", "b\n c"]);
        assert_eq!(paras("  \n\n "), Vec::<&str>::new());
        assert_eq!(paras("سڵاو  لە   هەولێر"), ["سڵاو  لە", "هەولێر"]);
    }

    #[test]
    fn ranges_slice_the_body() {
        let body = "یەک\r\n\r\nدوو   سێ";
        let r = paragraph_ranges(body);
        assert_eq!(r.len(), 3);
        assert_eq!(&body[r[0].clone()], "یەک");
        assert_eq!(&body[r[2].clone()], "سێ");
    }
}
