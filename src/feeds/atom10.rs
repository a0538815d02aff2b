//! Atom 1.0 text constructs (`title`, `subtitle`, `summary`, `rights`)
//! whose `type` is neither `text`, `html` nor `xhtml`. feed-rs refuses the
//! whole document over one of them ("unsupported content type"), so a feed
//! with one odd entry would read as "not a feed". When it does, each such
//! construct is rewritten as plain text and the document read again:
//! content of a media type that is not text or XML is base64 (RFC 4287
//! §4.1.3.3, which feedparser follows too) and is decoded; any other keeps
//! its text.
//!
//! Parsed with [`super::xml::parse_untrusted`]: a document it refuses is
//! left to feed-rs as it is.

use super::xml::escape;
use base64::Engine;

const ATOM: &str = "http://www.w3.org/2005/Atom";
const TEXT_CONSTRUCTS: [&str; 4] = ["title", "subtitle", "summary", "rights"];

/// The document with every odd text construct made plain text, if it is
/// an Atom 1.0 document that has one.
pub(super) fn plain_text_constructs(text: &str) -> Option<String> {
    // Cheap test first: most feeds have no such element.
    if !text.contains(ATOM) || !text.contains("type=") {
        return None;
    }
    let doc = super::xml::parse_untrusted(text)?;
    let odd: Vec<roxmltree::Node> = doc
        .descendants()
        .filter(|n| n.is_element() && n.tag_name().namespace() == Some(ATOM))
        .filter(|n| TEXT_CONSTRUCTS.contains(&n.tag_name().name()))
        .filter(|n| n.attribute("type").is_some_and(|t| !matches!(t, "text" | "html" | "text/html" | "xhtml")))
        .collect();
    if odd.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for node in odd {
        let range = node.range();
        if range.start < from {
            continue; // inside one already rewritten
        }
        out.push_str(&text[from..range.start]);
        let qname = &text[range.start + 1..]
            [..text[range.start + 1..].find(|c: char| c.is_whitespace() || c == '>' || c == '/')?];
        let content = text_of(node);
        out.push_str(&format!("<{qname} type=\"text\">{}</{qname}>", escape(&content)));
        from = range.end;
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// What a construct of an unknown type says: base64 decoded when its media
/// type is neither text nor XML (and it decodes), else its text.
fn text_of(node: roxmltree::Node) -> String {
    let raw: String = node.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).collect();
    let ty = node.attribute("type").unwrap_or("").trim().to_ascii_lowercase();
    let textual = ty.is_empty() || ty.starts_with("text/") || ty.ends_with("/xml") || ty.ends_with("+xml");
    if !textual {
        let compact: String = raw.chars().filter(|c| !c.is_ascii_whitespace()).collect();
        if let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(compact) {
            return String::from_utf8_lossy(&bytes).into_owned();
        }
    }
    raw.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn feed(entry: &str) -> String {
        format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>f</title><entry>{entry}</entry></feed>")
    }

    #[test]
    fn base64_and_other_types_become_text() {
        let doc = feed(
            "<title type=\"application/octet-stream\">\n  RXhhbXBsZSA8Yj5BdG9tPC9iPg==\n</title>\
             <summary type=\"\">evil</summary><rights type=\"text/plain\">a &amp; b</rights>",
        );
        let out = plain_text_constructs(&doc).unwrap();
        assert!(out.contains("<title type=\"text\">Example &lt;b&gt;Atom&lt;/b&gt;</title>"), "{out}");
        assert!(out.contains("<summary type=\"text\">evil</summary>"), "{out}");
        assert!(out.contains("<rights type=\"text\">a &amp; b</rights>"), "{out}");
        assert!(out.contains("<title>f</title>"), "the plain feed title is left alone: {out}");
    }

    #[test]
    fn known_types_are_left_alone() {
        assert_eq!(plain_text_constructs(&feed("<title type=\"html\">&lt;b&gt;x</title>")), None);
        assert_eq!(plain_text_constructs(&feed("<content type=\"application/octet-stream\">QQ==</content>")), None);
    }
}
