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

/// How much of a body [`snippet`] reads for extracts of `max_chars`: the
/// extract of a body's first `snippet_bytes(max_chars)` bytes (cut back to
/// whole characters) is the extract of the whole body. The first hit is
/// sought in the first `SNIPPET_SCAN_BYTES`, and the extract ends at most
/// `max_chars` characters of 4 bytes after it; one byte more shows there is
/// more after the extract, and 3 more allow for a character the cut splits.
pub fn snippet_bytes(max_chars: usize) -> usize {
    SNIPPET_SCAN_BYTES + 4 * max_chars
}

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::build_plan;
    use crate::search::schema::{self, Fields};
    use proptest::prelude::*;

    /// Words of a few shapes: Sorani with and without suffixes, Latin,
    /// digits, punctuation, line breaks, 4-byte characters.
    const WORDS: &[&str] = &[
        "هەولێر",
        "لە",
        "وڵاتەکان",
        "وڵاتانی",
        "کوردستان",
        "هەواڵ",
        "ڕاپۆرتێک",
        "ئەوروپا",
        "kilim",
        "Erbil",
        "news",
        "2026",
        "،",
        ".",
        "\n\n",
        "  ",
        "ناتۆ",
        "ناتۆوە",
        "🙂",
    ];
    /// Words none of the test queries matches, to put the first hit deep
    /// into a body (near the end of the scanned bytes).
    const FILLER: &[&str] = &["بەرد", "ئاو", "stone", "🙂🙂", "𝔸𝔹", "؛", "\n"];

    fn matcher(query: &str) -> Matcher {
        let fields = Fields::from_schema(&schema::build()).unwrap();
        build_plan(&fields, None, query).unwrap().1
    }

    proptest! {
        /// The extract of a body's first `snippet_bytes` bytes is the
        /// extract of the whole body, wherever the hit is (or none is), for
        /// any length of extract; the cut falls inside characters too.
        #[test]
        fn the_first_snippet_bytes_give_the_whole_bodys_snippet(
            filler in prop::collection::vec(prop::sample::select(FILLER), 0..1500),
            words in prop::collection::vec(prop::sample::select(WORDS), 0..300),
            query in prop::sample::select(&["وڵاتەکان", "kil", "هەولێر news", "ناتۆ", "zzz"][..]),
            max_chars in 1..200usize,
        ) {
            let body = format!("{} {}", filler.join(" "), words.join(" "));
            let m = matcher(query);
            let mut end = snippet_bytes(max_chars).min(body.len());
            while !body.is_char_boundary(end) {
                end -= 1;
            }
            prop_assert_eq!(snippet(&body[..end], &m, max_chars), snippet(&body, &m, max_chars));
        }
    }

    #[test]
    fn a_snippet_centres_on_the_first_hit_and_marks_what_is_left_out() {
        let m = matcher("kilim");
        let body = format!("{} a kilim from Erbil {}", "word ".repeat(100), "more ".repeat(100));
        let (text, hits) = snippet(&body, &m, 40);
        assert!(text.starts_with('…') && text.ends_with('…'), "{text}");
        assert_eq!(hits.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>(), ["kilim"]);
        // A hit past the scanned bytes: the body's beginning, whole words.
        let late = format!("{}kilim", "word ".repeat(1000));
        let (text, hits) = snippet(&late, &m, 20);
        assert!(text.starts_with("word word") && hits.is_empty(), "{text}");
    }
}
