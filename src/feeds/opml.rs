//! OPML 1.0/2.0 subscription lists.
//!
//! Every `outline` with an `xmlUrl` is a subscription, at any depth. Its
//! title is `title`, else `text` (when that is not just the URL). Its tags
//! are the `text`/`title` of the enclosing folder outlines (outer first),
//! then the segments of its `category` attribute (comma-separated,
//! slash-delimited paths, as OPML 2.0 defines it), without duplicates.
//!
//! Parsed with roxmltree, which refuses DTDs (so no entity expansion) and
//! bounds the number of nodes. [`render`] writes a flat OPML 2.0 list with
//! tags in `category`; tags containing `,` or `/` do not survive a round
//! trip (they are split).

use super::{strip_c0, FeedError, Subscription};

/// Parses an OPML document into subscriptions (document order, repeated
/// URLs dropped).
pub fn parse(xml: &str) -> Result<Vec<Subscription>, FeedError> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 1_000_000, ..Default::default() };
    let doc =
        roxmltree::Document::parse_with_options(xml, opts).map_err(|e| FeedError::Opml { reason: e.to_string() })?;
    let root = doc.root_element();
    if !root.tag_name().name().eq_ignore_ascii_case("opml") {
        return Err(FeedError::Opml { reason: format!("root element is <{}>, not <opml>", root.tag_name().name()) });
    }
    let mut subs: Vec<Subscription> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for node in root.descendants() {
        if !is_outline(&node) {
            continue;
        }
        let Some(url) = attr(&node, "xmlUrl").or_else(|| attr(&node, "xmlurl")) else {
            continue;
        };
        let url = clean(&url);
        if url.is_empty() || !seen.insert(url.clone()) {
            continue;
        }
        let title = attr(&node, "title")
            .or_else(|| attr(&node, "text"))
            .map(|t| clean(&t))
            .filter(|t| !t.is_empty() && *t != url);
        let mut tags: Vec<String> = Vec::new();
        let mut folders: Vec<String> = node
            .ancestors()
            .skip(1)
            .take(64) // folder tags from the 64 nearest levels at most
            .filter(is_outline)
            .filter(|a| attr(a, "xmlUrl").is_none())
            .filter_map(|a| attr(&a, "text").or_else(|| attr(&a, "title")))
            .map(|t| clean(&t))
            .collect();
        folders.reverse();
        for t in folders {
            push_tag(&mut tags, t);
        }
        if let Some(cat) = attr(&node, "category") {
            for path in cat.split(',') {
                for seg in path.split('/') {
                    push_tag(&mut tags, clean(seg));
                }
            }
        }
        subs.push(Subscription { url, title, tags });
    }
    Ok(subs)
}

/// Writes an OPML 2.0 document: one `outline type="rss"` per subscription,
/// `text`/`title` from the title (else the URL), tags in `category`.
pub fn render(subs: &[Subscription]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n  <head>\n    <title>hewal subscriptions</title>\n  </head>\n  <body>\n",
    );
    for s in subs {
        let text = s.title.as_deref().unwrap_or(&s.url);
        out.push_str("    <outline type=\"rss\" text=\"");
        out.push_str(&escape(text));
        out.push('"');
        if let Some(t) = &s.title {
            out.push_str(" title=\"");
            out.push_str(&escape(t));
            out.push('"');
        }
        out.push_str(" xmlUrl=\"");
        out.push_str(&escape(&s.url));
        out.push('"');
        let tags: Vec<String> = s.tags.iter().map(|t| clean(t)).filter(|t| !t.is_empty()).collect();
        if !tags.is_empty() {
            out.push_str(" category=\"");
            out.push_str(&escape(&tags.join(",")));
            out.push('"');
        }
        out.push_str("/>\n");
    }
    out.push_str("  </body>\n</opml>\n");
    out
}

fn is_outline(n: &roxmltree::Node) -> bool {
    n.is_element() && n.tag_name().name().eq_ignore_ascii_case("outline")
}

fn attr(n: &roxmltree::Node, name: &str) -> Option<String> {
    n.attributes().find(|a| a.name() == name).map(|a| a.value().to_string())
}

fn clean(s: &str) -> String {
    strip_c0(s).split_whitespace().collect::<Vec<_>>().join(" ")
}

fn push_tag(tags: &mut Vec<String>, t: String) {
    if !t.is_empty() && !tags.contains(&t) {
        tags.push(t);
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in strip_c0(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}
