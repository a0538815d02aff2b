//! Plain text: one article per file.
//!
//! The body is kept byte-exact. The title is the first sentence of the first
//! paragraph (or its first line), shortened at a word boundary to fit a list
//! row.

use super::{Format, ImportProblem, MAX_BODY_BYTES};
use crate::store::NewArticle;
use crate::text::paragraphs::paragraphs;
use std::io::{BufRead, Read};

/// Longest title taken from a text file, in characters.
pub const MAX_TITLE_CHARS: usize = 90;

/// Parse a whole text file.
pub(super) fn parse(reader: impl BufRead) -> Result<NewArticle, ImportProblem> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_BODY_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportProblem::ReadError(e.to_string()))?;
    if bytes.len() > MAX_BODY_BYTES {
        return Err(ImportProblem::FileTooLarge { format: Format::Text });
    }
    // Checked once, and the bytes become the text without a copy.
    let mut body = String::from_utf8(bytes).map_err(|e| {
        let byte = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..byte].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        ImportProblem::InvalidUtf8 { line: Some(line), byte }
    })?;
    if body.starts_with('\u{feff}') {
        body.drain(..'\u{feff}'.len_utf8());
    }
    if body.trim().is_empty() {
        return Err(ImportProblem::Empty);
    }
    Ok(NewArticle { title: title_of(&body), body, ..Default::default() })
}

/// The title for a text: its first sentence, shortened at a word boundary.
pub fn title_of(body: &str) -> String {
    let first = paragraphs(body).next().unwrap_or("");
    let first = first.lines().next().unwrap_or("");
    let end = first
        .char_indices()
        .find(|&(i, c)| matches!(c, '.' | '!' | '?' | '؟' | '۔') && is_sentence_end(first, i + c.len_utf8()))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(first.len());
    shorten(first[..end].trim(), MAX_TITLE_CHARS)
}

/// A full stop ends a sentence only before whitespace or the end of text
/// (not in 12.5 or example.org).
fn is_sentence_end(s: &str, after: usize) -> bool {
    s[after..].chars().next().is_none_or(char::is_whitespace)
}

/// Cut `s` to at most `max` characters at a word boundary, with an ellipsis.
pub fn shorten(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        return s;
    }
    let cut = s.char_indices().nth(max - 1).map(|(i, _)| i).unwrap_or(s.len());
    let head = &s[..cut];
    let head = match head.rfind(' ') {
        Some(i) if i > cut / 2 => &head[..i],
        _ => head,
    };
    format!("{}…", head.trim_end_matches([' ', '،', ',']))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser with its problem as the message the user reads.
    fn parse(input: &[u8]) -> Result<NewArticle, String> {
        super::parse(input).map_err(|p| p.to_string())
    }

    #[test]
    fn title_is_first_sentence() {
        assert_eq!(title_of("سڵاو لە هەولێر. ئەمڕۆ باران بارى"), "سڵاو لە هەولێر.");
        assert_eq!(title_of("Headline here\nbody text. more"), "Headline here");
        assert_eq!(title_of("Growth was 12.5 percent. Then"), "Growth was 12.5 percent.");
    }

    #[test]
    fn long_title_is_cut_at_a_word() {
        let long = "وشە ".repeat(60);
        let t = title_of(&long);
        assert!(t.chars().count() <= MAX_TITLE_CHARS);
        assert!(t.ends_with("وشە…"), "{t}");
    }

    #[test]
    fn bad_files() {
        assert!(parse(&b""[..]).unwrap_err().contains("empty"));
        assert!(parse(&b"  \n\n"[..]).unwrap_err().contains("empty"));
        let e = parse(&b"ok\nbad \xd9 byte"[..]).unwrap_err();
        assert!(e.starts_with("line 2: invalid UTF-8 at byte 7"), "{e}");
        let big = vec![b'a'; MAX_BODY_BYTES + 10];
        assert!(parse(&big[..]).unwrap_err().contains("limit"));
    }

    #[test]
    fn body_is_byte_exact() {
        let src = "یەکەم   دووەم\r\n";
        assert_eq!(parse(src.as_bytes()).unwrap().body, src);
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_body() {
        let a = parse("\u{feff}سڵاو لە هەولێر.\nدووەم".as_bytes()).unwrap();
        assert_eq!(a.body, "سڵاو لە هەولێر.\nدووەم");
        assert_eq!(a.title, "سڵاو لە هەولێر.");
        assert!(parse("\u{feff} \n".as_bytes()).unwrap_err().contains("empty"));
    }
}
