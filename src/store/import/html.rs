//! HTML files: one article per file, converted to text by `feeds::html`
//! (structure kept, links as numbered references, `dir`/`lang` as direction
//! hints). The title is the document's `<title>`, else its first `<h1>`,
//! else the text's first sentence.

use super::problem::MAX_HTML_BYTES;
use super::txt::{shorten, title_of, MAX_TITLE_CHARS};
use super::{Format, ImportProblem};
use crate::feeds::html::{inline_text, to_text};
use crate::store::NewArticle;
use std::io::{BufRead, Read};

/// Parse a whole HTML file. Bytes that are not UTF-8 are decoded by the
/// charset the document declares in its first kilobyte, else replaced.
pub(super) fn parse(reader: impl BufRead) -> Result<NewArticle, ImportProblem> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_HTML_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| ImportProblem::ReadError(e.to_string()))?;
    if bytes.len() > MAX_HTML_BYTES {
        return Err(ImportProblem::FileTooLarge { format: Format::Html });
    }
    let html = decode(&bytes);
    let text = to_text(&html).with_references();
    if text.trim().is_empty() {
        return Err(ImportProblem::NoText);
    }
    let title = title_element(&html).unwrap_or_else(|| title_of(&text));
    Ok(NewArticle { title, body: text, ..Default::default() })
}

fn decode(bytes: &[u8]) -> String {
    if let Ok(s) = std::str::from_utf8(bytes) {
        return s.to_owned();
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let label = head.split("charset=").nth(1).map(|r| {
        r.trim_start_matches(['"', '\''])
            .split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
            .next()
            .unwrap_or("")
    });
    let enc = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes())).unwrap_or(encoding_rs::UTF_8);
    enc.decode(bytes).0.into_owned()
}

fn title_element(html: &str) -> Option<String> {
    let doc = scraper::Html::parse_document(html);
    for sel in ["title", "h1"] {
        let sel = scraper::Selector::parse(sel).expect("a valid selector");
        if let Some(el) = doc.select(&sel).next() {
            let t = inline_text(&el.inner_html());
            if !t.trim().is_empty() {
                return Some(shorten(&t, MAX_TITLE_CHARS));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parser with its problem as the message the user reads.
    fn parse(input: &[u8]) -> Result<NewArticle, String> {
        super::parse(input).map_err(|p| p.to_string())
    }

    #[test]
    fn html_article_keeps_structure_title_and_links() {
        let html = r#"<html><head><title>هەواڵی &amp; ڕاپۆرت</title><script>evil()</script></head>
            <body dir="rtl"><h1>سەردێڕ</h1><p>پەرەگرافی <a href="https://example.org/x">یەکەم</a>.</p>
            <ul><li>یەک</li><li>دوو</li></ul><img src="https://t.example/pixel.gif" width="1"></body></html>"#;
        let a = parse(html.as_bytes()).unwrap();
        assert_eq!(a.title, "هەواڵی & ڕاپۆرت");
        assert!(a.body.contains("پەرەگرافی یەکەم"), "{:?}", a.body);
        assert!(a.body.contains("[1] https://example.org/x"), "{:?}", a.body);
        assert!(!a.body.contains("evil") && !a.body.contains("pixel"), "{:?}", a.body);
        assert!(a.body.contains('\u{200f}'), "dir=rtl becomes a direction hint: {:?}", a.body);
    }

    #[test]
    fn declared_charset_is_honoured_and_empty_html_is_reported() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode("<meta charset=\"windows-1256\"><p>سلام</p>");
        assert_eq!(parse(&bytes[..]).unwrap().body.trim_start_matches('\u{200f}'), "سلام");
        assert!(parse(&b"<html><body> </body></html>"[..]).unwrap_err().contains("no text"));
    }
}
