//! What the document rewrites before feed-rs (`atom03`, `atom10`, `rdf`)
//! share: parsing an untrusted document, and escaping text put back in.

/// `text` parsed with roxmltree, which refuses DTDs (so no entity
/// expansion) and stops at 4 million nodes; `None` if it refuses it (the
/// document then goes to feed-rs as it is).
pub(super) fn parse_untrusted(text: &str) -> Option<roxmltree::Document<'_>> {
    let opts = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: 4_000_000, ..Default::default() };
    roxmltree::Document::parse_with_options(text, opts).ok()
}

/// `s` as XML text or an attribute value.
pub(super) fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}
