//! RSS 1.0 (RDF) items that name themselves only by `rdf:about`. feed-rs
//! drops an item with no `<link>`, but in RSS 1.0 the `rdf:about` of an
//! item is its URI, which the spec says should be its link; newsboat and
//! feedparser read such items. Each one gets the `<link>` it implies.
//!
//! Parsed with [`super::xml::parse_untrusted`]: a document it refuses is
//! left to feed-rs as it is.

use super::xml::escape;

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RSS_10: &str = "http://purl.org/rss/1.0/";
const RSS_090: &str = "http://my.netscape.com/rdf/simple/0.9/";

/// The document with a `<link>` in every item that has an `rdf:about` and
/// no link, if it is an RSS 1.0 or 0.90 document with such an item.
pub(super) fn link_items(text: &str) -> Option<String> {
    // Cheap test first: most feeds are not RDF.
    if !text.contains(RDF) {
        return None;
    }
    let doc = super::xml::parse_untrusted(text)?;
    let rss = |n: &roxmltree::Node| matches!(n.tag_name().namespace(), Some(RSS_10 | RSS_090));
    let mut inserts: Vec<(usize, &str)> = doc
        .descendants()
        .filter(|n| n.is_element() && rss(n) && n.tag_name().name() == "item")
        .filter(|item| !item.children().any(|c| c.is_element() && rss(&c) && c.tag_name().name() == "link"))
        .filter_map(|item| {
            let about = item.attribute((RDF, "about")).filter(|a| !a.trim().is_empty())?;
            Some((start_tag_end(text, item.range().start)?, about))
        })
        .collect();
    if inserts.is_empty() {
        return None;
    }
    inserts.sort_by_key(|&(at, _)| at);
    let prefix = doc
        .root_element()
        .namespaces()
        .find(|ns| matches!(ns.uri(), RSS_10 | RSS_090))
        .and_then(|ns| ns.name())
        .map_or(String::new(), |p| format!("{p}:"));
    let mut out = String::with_capacity(text.len() + inserts.len() * 64);
    let mut from = 0;
    for (at, about) in inserts {
        out.push_str(&text[from..at]);
        out.push_str(&format!("<{prefix}link>{}</{prefix}link>", escape(about)));
        from = at;
    }
    out.push_str(&text[from..]);
    Some(out)
}

/// The byte just after the `>` of the start tag at `start` (a `>` inside a
/// quoted attribute value does not end it). `None` for a self-closed tag,
/// which has no content to add a link to.
fn start_tag_end(text: &str, start: usize) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text[start..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => {
                return (!text[..start + i].ends_with('/')).then_some(start + i + 1);
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str =
        r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">"#;

    #[test]
    fn an_item_named_by_rdf_about_gets_its_link() {
        let doc = format!(
            "{HEAD}<channel rdf:about=\"http://e.example/\"><title>t</title></channel>\
             <item rdf:about=\"http://e.example/1?a=1&amp;b=2\"><title>One</title></item>\
             <item rdf:about=\"http://e.example/2\"><title>Two</title><link>http://e.example/two</link></item>\
             </rdf:RDF>"
        );
        let out = link_items(&doc).unwrap();
        assert!(out.contains("<item rdf:about=\"http://e.example/1?a=1&amp;b=2\"><link>http://e.example/1?a=1&amp;b=2</link><title>One</title>"), "{out}");
        assert_eq!(out.matches("<link>").count(), 2, "an item with a link is left alone: {out}");
    }

    #[test]
    fn a_prefixed_namespace_keeps_its_prefix() {
        let doc = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:r="http://purl.org/rss/1.0/"><r:item rdf:about="u"><r:title>x</r:title></r:item></rdf:RDF>"#;
        assert!(link_items(doc).unwrap().contains("<r:item rdf:about=\"u\"><r:link>u</r:link>"));
    }

    #[test]
    fn other_documents_are_left_alone() {
        assert_eq!(link_items("<rss version=\"2.0\"><channel/></rss>"), None);
        assert_eq!(link_items(&format!("{HEAD}<item><title>no about</title></item></rdf:RDF>")), None);
        assert_eq!(link_items(&format!("{HEAD}<item rdf:about=\"u\"/></rdf:RDF>")), None);
    }
}
