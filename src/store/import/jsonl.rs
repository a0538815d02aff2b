//! JSON Lines: one article object per line.
//!
//! `{"id","title","body","url","published","source","lang"}`; only `title`
//! and `body` are required, `published` is RFC 3339. A given `id` is kept.

use super::{read_line_capped, ImportProblem, MAX_BODY_BYTES};
use crate::store::{NewArticle, Result};
use serde::Deserialize;
use std::io::BufRead;

#[derive(Deserialize)]
struct Line {
    id: Option<serde_json::Value>,
    title: String,
    body: String,
    url: Option<String>,
    published: Option<String>,
    source: Option<String>,
    lang: Option<String>,
}

/// Parse `reader`, calling `emit(line_number, article or message)` for each
/// non-blank line. A read error is reported for its line and ends the file.
pub(super) fn parse(
    mut reader: impl BufRead,
    emit: &mut dyn FnMut(u64, Result<NewArticle, ImportProblem>) -> Result<()>,
) -> Result<()> {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    let mut seen_any = false;
    loop {
        line_no += 1;
        let line = match read_line_capped(&mut reader, &mut buf, MAX_BODY_BYTES + (64 << 10)) {
            Ok(None) => break,
            Ok(Some(Ok(()))) => &buf[..],
            Ok(Some(Err(len))) => {
                seen_any = true;
                emit(line_no, Err(ImportProblem::LineTooLong { len }))?;
                continue;
            }
            Err(e) => return emit(line_no, Err(ImportProblem::ReadError(e.to_string()))),
        };
        // A byte order mark (editors on Windows write one) is not part of
        // the first object.
        let line = if line_no == 1 { line.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(line) } else { line };
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        seen_any = true;
        let item = parse_line(line);
        emit(line_no, item)?;
    }
    if !seen_any {
        emit(line_no.saturating_sub(1).max(1), Err(ImportProblem::Empty))?;
    }
    Ok(())
}

fn parse_line(line: &[u8]) -> Result<NewArticle, ImportProblem> {
    // Checked once here: `from_str` trusts it, where `from_slice` would
    // check every string again.
    let line =
        std::str::from_utf8(line).map_err(|e| ImportProblem::InvalidUtf8 { line: None, byte: e.valid_up_to() })?;
    let l: Line = serde_json::from_str(line).map_err(|e| ImportProblem::NotAnArticle(e.to_string()))?;
    if l.title.trim().is_empty() && l.body.trim().is_empty() {
        return Err(ImportProblem::NoTitleOrBody);
    }
    let published = match l.published.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(p) => Some(parse_time(p).ok_or_else(|| ImportProblem::BadPublished(p.to_owned()))?),
    };
    let id = match l.id {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s,
        Some(v) => v.to_string(),
    };
    Ok(NewArticle {
        id,
        source: l.source.unwrap_or_default(),
        url: l.url.filter(|u| !u.is_empty()),
        title: l.title,
        body: l.body,
        lang: l.lang.filter(|s| !s.is_empty()),
        published,
        origin: None,
    })
}

/// RFC 3339 to Unix seconds.
fn parse_time(s: &str) -> Option<i64> {
    time::OffsetDateTime::parse(s, &time::format_description::well_known::Rfc3339).ok().map(|t| t.unix_timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(input: &[u8]) -> Vec<(u64, Result<NewArticle, String>)> {
        let mut out = Vec::new();
        parse(input, &mut |l, a| {
            out.push((l, a.map_err(|p| p.to_string())));
            Ok(())
        })
        .unwrap();
        out
    }

    #[test]
    fn good_and_bad_lines() {
        let input = "{\"title\":\"سەرەتا\",\"body\":\"دەق\",\"id\":7,\"published\":\"2025-03-14T10:30:00+03:00\"}\n\
                     not json\n\n{\"title\":\"x\"}\n{\"title\":\"t\",\"body\":\"b\",\"published\":\"yesterday\"}\n";
        let out = run(input.as_bytes());
        assert_eq!(out.len(), 4);
        let a = out[0].1.as_ref().unwrap();
        assert_eq!((a.id.as_str(), a.title.as_str(), a.published), ("7", "سەرەتا", Some(1741937400)));
        assert_eq!(out[1].0, 2);
        assert!(out[1].1.as_ref().unwrap_err().contains("not an article object"));
        assert_eq!(out[2].0, 4);
        assert!(out[2].1.as_ref().unwrap_err().contains("body"));
        assert!(out[3].1.as_ref().unwrap_err().contains("RFC 3339"));
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let out = run(b"{\"title\":\"a\xff\",\"body\":\"b\"}\n");
        assert!(out[0].1.as_ref().unwrap_err().contains("invalid UTF-8 at byte 11"));
    }

    #[test]
    fn empty_file_is_reported() {
        let out = run(b"\n \n");
        assert_eq!(out.len(), 1);
        assert!(out[0].1.as_ref().unwrap_err().contains("empty"));
    }
}
