//! Atom 0.3, the draft before Atom 1.0 (RFC 4287), which feed-rs does not
//! read but which old blogs and newsboat still do. A 0.3 document is
//! rewritten as Atom 1.0 before parsing:
//!
//! - the namespace `http://purl.org/atom/ns#` becomes Atom 1.0's;
//! - `issued` becomes `published`, `modified` (else `issued`, `created`)
//!   `updated`, `tagline` `subtitle`, `copyright` `rights`;
//! - a text construct's `mode` decides its content: `escaped` is text as it
//!   stands (HTML when its `type` says so), `base64` is decoded, `xml` (the
//!   default) is the markup inside it; `type="text/html"` is 1.0's `html`.
//!
//! Parsed with [`super::xml::parse_untrusted`]: a document it refuses is
//! left to feed-rs as it is.

use super::xml::escape;
use base64::Engine;
use std::fmt::Write;

const ATOM_03: &str = "http://purl.org/atom/ns#";

/// The document as Atom 1.0, if it is an Atom 0.3 feed.
pub(super) fn upgrade(text: &str) -> Option<String> {
    // Cheap test first: most feeds are not 0.3.
    if !text.contains(ATOM_03) {
        return None;
    }
    let doc = super::xml::parse_untrusted(text)?;
    let feed = doc.root_element();
    if feed.tag_name().name() != "feed" || feed.tag_name().namespace() != Some(ATOM_03) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"");
    if let Some(lang) = feed.attribute(("http://www.w3.org/XML/1998/namespace", "lang")) {
        let _ = write!(out, " xml:lang=\"{}\"", escape(lang));
    }
    out.push('>');
    write_children(&mut out, feed);
    for entry in children(feed, "entry") {
        out.push_str("<entry>");
        write_children(&mut out, entry);
        write_dates(&mut out, entry);
        out.push_str("</entry>");
    }
    out.push_str("</feed>");
    Some(out)
}

/// The children of `n` named `name` in the Atom 0.3 namespace.
fn children<'a>(n: roxmltree::Node<'a, 'a>, name: &'static str) -> impl Iterator<Item = roxmltree::Node<'a, 'a>> {
    n.children().filter(move |c| c.tag_name().name() == name && c.tag_name().namespace() == Some(ATOM_03))
}

/// The elements of a feed or entry that carry over, renamed as 1.0 names
/// them (entries and dates are written separately).
fn write_children(out: &mut String, parent: roxmltree::Node) {
    for c in parent.children().filter(|c| c.is_element() && c.tag_name().namespace() == Some(ATOM_03)) {
        match c.tag_name().name() {
            name @ ("title" | "summary" | "content") => write_text(out, name, c),
            "tagline" => write_text(out, "subtitle", c),
            "copyright" => write_text(out, "rights", c),
            "id" => {
                let _ = write!(out, "<id>{}</id>", escape(c.text().unwrap_or("").trim()));
            }
            "link" => {
                out.push_str("<link");
                for a in ["rel", "type", "href", "title"] {
                    if let Some(v) = c.attribute(a) {
                        let _ = write!(out, " {a}=\"{}\"", escape(v));
                    }
                }
                out.push_str("/>");
            }
            "author" => {
                let name = children(c, "name").next().and_then(|n| n.text()).unwrap_or("").trim();
                let _ = write!(out, "<author><name>{}</name></author>", escape(name));
            }
            _ => {}
        }
    }
}

/// `published` from `issued`, `updated` from `modified` (else `issued`,
/// else `created`), as Atom 1.0 requires an entry's `updated`.
fn write_dates(out: &mut String, entry: roxmltree::Node) {
    let date = |name| children(entry, name).next().and_then(|n| n.text()).map(str::trim);
    if let Some(issued) = date("issued") {
        let _ = write!(out, "<published>{}</published>", escape(issued));
    }
    if let Some(updated) = date("modified").or(date("issued")).or(date("created")) {
        let _ = write!(out, "<updated>{}</updated>", escape(updated));
    }
}

/// An Atom 0.3 text construct as a 1.0 one named `name`.
fn write_text(out: &mut String, name: &str, n: roxmltree::Node) {
    let ty = n.attribute("type").unwrap_or("text/plain");
    let html = ty.contains("html");
    let body = match n.attribute("mode").unwrap_or("xml") {
        "base64" => {
            let raw: String = n.text().unwrap_or("").split_whitespace().collect();
            let bytes = base64::engine::general_purpose::STANDARD.decode(raw.as_bytes()).unwrap_or_default();
            String::from_utf8_lossy(&bytes).into_owned()
        }
        "escaped" => n.text().unwrap_or("").to_owned(),
        // Inline markup (XHTML): its source, given as HTML.
        _ => inner_xml(n),
    };
    let is_markup = html || n.children().any(|c| c.is_element());
    let _ = write!(out, "<{name} type=\"{}\">{}</{name}>", if is_markup { "html" } else { "text" }, escape(&body));
}

/// The source text between `n`'s start and end tags.
fn inner_xml(n: roxmltree::Node) -> String {
    let (Some(first), Some(last)) = (n.first_child(), n.last_child()) else { return String::new() };
    let doc = n.document().input_text();
    doc.get(first.range().start..last.range().end).unwrap_or("").to_owned()
}
