//! Snippets: a short extract of an article's body around its first hit,
//! for the list of results.
//!
//! Only the first [`SNIPPET_SCAN_BYTES`] of a body are searched for a hit:
//! snippets are made for the first rows of every answer, while the reader
//! types, and bodies can be long. A hit further in (or one only in the
//! title) gives the body's beginning. The extract starts at a word boundary
//! about a quarter of its length before the hit, its whitespace is
//! collapsed to single spaces, and its hits are found again in the extract
//! itself, so their ranges index the text shown.

use super::highlight::Matcher;
use std::ops::Range;

/// How far into a body a snippet looks for its first hit; past it (a match
/// only in the title, say) the snippet shows the beginning.
const SNIPPET_SCAN_BYTES: usize = 4096;

/// A short extract of `body` around its first hit (or its start), with the
/// hit ranges inside the extract. At most about `max_chars` characters.
pub fn snippet(body: &str, matcher: &Matcher, max_chars: usize) -> (String, Vec<Range<usize>>) {
    let centre = matcher.first_hit(body, SNIPPET_SCAN_BYTES).map_or(0, |r| r.start);
    let before = max_chars / 4;
    let mut start = centre;
    for (n, (i, _)) in body[..centre].char_indices().rev().enumerate() {
        start = i;
        if n >= before {
            break;
        }
    }
    if start > 0 {
        start = body[start..centre].find(char::is_whitespace).map_or(start, |i| start + i);
    }
    let end = body[start..].char_indices().nth(max_chars).map_or(body.len(), |(i, _)| start + i);
    let text: String = body[start..end].split_whitespace().collect::<Vec<_>>().join(" ");
    let mut text = if start > 0 { format!("…{text}") } else { text };
    if end < body.len() {
        text.push('…');
    }
    let ranges = matcher.hit_ranges(&text);
    (text, ranges)
}
