//! Feed documents (bytes) to [`ParsedFeed`].

use std::borrow::Cow;
use std::collections::HashSet;

use super::urls::is_web_url;
use super::{html, strip_c0, Entry, FeedError, ParsedFeed};

/// Largest body text of one entry, in bytes of UTF-8 (8 MiB). A longer body
/// is truncated at the last paragraph break (or character boundary) before
/// the limit, `[…]` is appended, and a warning is added to
/// [`ParsedFeed::warnings`]. (Whole responses are capped separately by
/// `FetchOptions::max_bytes`.)
pub const MAX_ENTRY_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// Parses an RSS 0.9x/1.0/2.0, Atom (1.0, and 0.3 rewritten as 1.0) or
/// JSON Feed document.
///
/// `feed_url` names the feed in messages and is the base for relative links
/// when it is an absolute http(s) URL. Encodings other than UTF-8 declared
/// in the XML prolog (windows-1256, iso-8859-1, …) or by a UTF-16 byte order
/// mark are decoded with encoding_rs first; invalid UTF-8 is replaced with
/// U+FFFD. Internal DTD entities are not expanded (they stay as `&name;`
/// text), so entity bombs cost nothing.
pub fn parse_feed(bytes: &[u8], feed_url: &str) -> Result<ParsedFeed, FeedError> {
    parse_feed_with_charset(bytes, feed_url, None)
}

/// Like [`parse_feed`], with the `charset` of an HTTP `Content-Type`: it
/// is used when the document has neither a byte order mark nor an
/// `encoding` in its XML declaration (which win, as most feeds that
/// declare both mean the declaration).
pub fn parse_feed_with_charset(bytes: &[u8], feed_url: &str, charset: Option<&str>) -> Result<ParsedFeed, FeedError> {
    let mut warnings = Vec::new();
    let text = decode(bytes, feed_url, charset, &mut warnings);

    let is_http = is_web_url(feed_url);
    let text = super::atom03::upgrade(&text).map_or(text, Cow::Owned);
    let text = repair_rss_root(&text).map_or(text, Cow::Owned);
    let text = super::rdf::link_items(&text).map_or(text, Cow::Owned);
    let feed = match read_feed(&text, feed_url, is_http) {
        Ok(feed) => feed,
        // feed-rs refuses a whole Atom document over one text construct of
        // a type it does not know: only then is it rewritten and read again
        // (the other documents are not parsed twice).
        Err(e) => match super::atom10::plain_text_constructs(&text) {
            Some(fixed) => read_feed(&fixed, feed_url, is_http)?,
            None => return Err(e),
        },
    };

    let feed_lang = feed.language.as_deref().map(clean_lang).filter(|l| !l.is_empty());
    let title = feed.title.as_ref().map(|t| html::inline_text(&t.content)).filter(|t| !t.is_empty());

    let mut entries = Vec::with_capacity(feed.entries.len());
    let mut seen = HashSet::new();
    let mut dupes = 0usize;
    for e in feed.entries {
        let url = pick_link(&e.links).map(|u| strip_c0(u.trim()));
        let title = e.title.as_ref().map(|t| html::inline_text(&t.content)).unwrap_or_default();
        let (raw, ty) = match (&e.content, &e.summary) {
            (Some(c), _) if c.body.as_deref().is_some_and(|b| !b.trim().is_empty()) => {
                (c.body.clone().unwrap_or_default(), c.content_type.to_string())
            }
            (_, Some(s)) => (s.content.clone(), s.content_type.to_string()),
            _ => (String::new(), String::new()),
        };
        let base = url.as_deref().or(if is_http { Some(feed_url) } else { None });
        let (mut body, links) = if ty.starts_with("text/plain") && !raw.contains(['<', '&']) {
            (html::plain_text(&raw), Vec::new())
        } else {
            let t = html::to_text_with_base(&raw, base);
            (t.text, t.links)
        };
        if body.len() > MAX_ENTRY_TEXT_BYTES {
            let n = body.len();
            truncate(&mut body, MAX_ENTRY_TEXT_BYTES);
            warnings.push(format!(
                "{feed_url}: entry \"{}\" has {n} bytes of text, over the limit of {MAX_ENTRY_TEXT_BYTES}; truncated",
                title.chars().take(60).collect::<String>()
            ));
        }
        let body = crate::feeds::HtmlText { text: std::mem::take(&mut body), links: links.clone() }.with_references();
        let guid = strip_c0(e.id.trim());
        let key = if !guid.is_empty() {
            format!("guid:{guid}")
        } else if let Some(u) = url.as_deref().filter(|u| !u.is_empty()) {
            format!("link:{u}")
        } else {
            format!("hash:{}", content_hash(&title, &body))
        };
        if !seen.insert(key.clone()) {
            dupes += 1;
            continue;
        }
        let published = e.published.or(e.updated).map(|t| t.timestamp());
        let lang = e.language.as_deref().map(clean_lang).filter(|l| !l.is_empty()).or_else(|| feed_lang.clone());
        entries.push(Entry { key, title, body, url, published, lang, links });
    }
    if dupes > 0 {
        warnings.push(format!(
            "{feed_url}: {dupes} duplicate entr{} (same guid, link or content) skipped",
            if dupes == 1 { "y" } else { "ies" }
        ));
    }
    Ok(ParsedFeed { title, entries, warnings })
}

/// The feed-rs model of `text`; relative links are resolved against
/// `feed_url` when it is a web URL (`is_http`).
fn read_feed(text: &str, feed_url: &str, is_http: bool) -> Result<feed_rs::model::Feed, FeedError> {
    // The parsers beneath feed-rs have panicked on odd documents: a panic
    // is this feed's error, never the whole fetch's end.
    crate::panics::catch_quietly(|| read_feed_unguarded(text, feed_url, is_http)).unwrap_or_else(|_| {
        Err(FeedError::Parse {
            url: feed_url.to_string(),
            reason: "the feed parser failed on this document (an internal error: please report it)".into(),
        })
    })
}

fn read_feed_unguarded(text: &str, feed_url: &str, is_http: bool) -> Result<feed_rs::model::Feed, FeedError> {
    let parse_with = |base: Option<&str>| {
        feed_rs::parser::Builder::new()
            .base_uri(base)
            .sanitize_content(false)
            .id_generator(|_, _, _| String::new())
            .build()
            .parse(text.as_bytes())
    };
    let parsed = match parse_with(if is_http { Some(feed_url) } else { None }) {
        Ok(f) => Ok(f),
        // Retried without the base (feed-rs refuses a base it cannot parse):
        // a feed with relative links beats no feed. If the retry fails too,
        // its error is the one reported.
        Err(_) if is_http => parse_with(None),
        Err(e) => Err(e),
    };
    parsed.map_err(|e| FeedError::Parse {
        url: feed_url.to_string(),
        reason: strip_c0(&e.to_string()).chars().take(300).collect(),
    })
}

/// An `<rss>` document as feed-rs reads it: with a `version` (feed-rs
/// knows RSS by it; feeds in the wild omit it) and its items inside a
/// `<channel>` (some put them straight under `<rss>`). `None` when the
/// document needs neither, or is not RSS.
fn repair_rss_root(text: &str) -> Option<String> {
    let start = root_start(text)?;
    let rest = &text[start..];
    if !(rest.starts_with("<rss") && rest[4..].starts_with(|c: char| c.is_whitespace() || c == '>')) {
        return None;
    }
    let tag_end = start + rest.find('>')?;
    let tag = &text[start..tag_end];
    // feed-rs knows 0.91, 0.92 and 2.0 only; 0.93 and 0.94 (2.0's drafts)
    // and stray spellings are read as 2.0, as newsboat reads them.
    let version = rss_version(tag);
    let known = version.as_ref().is_some_and(|(v, _)| matches!(*v, "2.0" | "0.91" | "0.92"));
    let add_channel = !text[tag_end..].contains("<channel");
    if known && !add_channel {
        return None;
    }
    let mut out = String::with_capacity(text.len() + 32);
    match version {
        Some((_, range)) if !known => {
            out.push_str(&text[..start + range.start]);
            out.push_str("2.0");
            out.push_str(&text[start + range.end..tag_end]);
        }
        Some(_) => out.push_str(&text[..tag_end]),
        None => {
            out.push_str(&text[..tag_end]);
            out.push_str(" version=\"2.0\"");
        }
    }
    out.push('>');
    let body = &text[tag_end + 1..];
    match (add_channel, body.rfind("</rss>")) {
        (true, Some(end)) => {
            out.push_str("<channel>");
            out.push_str(&body[..end]);
            out.push_str("</channel>");
            out.push_str(&body[end..]);
        }
        _ => out.push_str(body),
    }
    Some(out)
}

/// The value of the `version` attribute of a start tag, and its byte range
/// in `tag`.
fn rss_version(tag: &str) -> Option<(&str, std::ops::Range<usize>)> {
    let at = tag.find("version")? + "version".len();
    let rest = tag[at..].trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next().filter(|&c| c == '"' || c == '\'')?;
    let from = tag.len() - rest.len() + 1;
    let len = tag[from..].find(quote)?;
    Some((&tag[from..from + len], from..from + len))
}

/// Where the root element's start tag begins: after the XML declaration,
/// comments, processing instructions and a doctype, if any.
fn root_start(text: &str) -> Option<usize> {
    let mut at = 0;
    loop {
        let rest = &text[at..];
        let lt = rest.find('<')?;
        let tag = &rest[lt..];
        let skip = if tag.starts_with("<?") {
            tag.find("?>")? + 2
        } else if tag.starts_with("<!--") {
            tag.find("-->")? + 3
        } else if tag.starts_with("<!") {
            tag.find('>')? + 1
        } else {
            return Some(at + lt);
        };
        at += lt + skip;
    }
}

/// blake3(title.trim(), 0, body.trim()), first 32 hex digits: the same as
/// `store::model::NewArticle::content_hash`.
pub(crate) fn content_hash(title: &str, body: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(title.trim().as_bytes());
    h.update(&[0]);
    h.update(body.trim().as_bytes());
    h.finalize().to_hex()[..32].to_string()
}

fn clean_lang(l: &str) -> String {
    strip_c0(l.trim()).chars().take(35).collect()
}

fn pick_link(links: &[feed_rs::model::Link]) -> Option<&str> {
    links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or(links.first())
        .map(|l| l.href.as_str())
        .filter(|h| !h.trim().is_empty())
}

/// Cuts `s` to at most `max` bytes, at a paragraph break if one is in the
/// last quarter, else at a character boundary, and appends "[…]".
fn truncate(s: &mut String, max: usize) {
    let mut cut = max.min(s.len());
    while !s.is_char_boundary(cut) {
        cut -= 1;
    }
    if let Some(p) = s[..cut].rfind("\n\n") {
        if p >= max / 4 * 3 {
            cut = p;
        }
    }
    s.truncate(cut);
    s.push_str("\n\n[…]");
}

/// Bytes to UTF-8 text with a UTF-8 prolog.
fn decode<'a>(bytes: &'a [u8], feed_url: &str, charset: Option<&str>, warnings: &mut Vec<String>) -> Cow<'a, str> {
    let text = decode_any(bytes, feed_url, charset, warnings);
    // Whatever the route, the text the parser gets is UTF-8 and must not
    // say otherwise anywhere: the XML parser takes any `<?xml …?>` as a
    // declaration, and one naming another encoding makes it switch
    // decoders in the middle of the document.
    if declarations(&text).any(|(start, end)| names_other_encoding(&text[start..end])) {
        Cow::Owned(relabel_prolog(&text))
    } else {
        text
    }
}

/// The byte ranges of every `<?xml …?>` in `text`, each up to the first
/// `?>` after it (as the XML parser reads a declaration).
fn declarations(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut from = 0;
    std::iter::from_fn(move || {
        while let Some(i) = text[from..].find("<?xml") {
            let start = from + i;
            from = start + 5;
            if text[from..].starts_with(|c: char| c.is_whitespace() || c == '?') {
                let end = from + text[from..].find("?>")? + 2;
                from = end;
                return Some((start, end));
            }
        }
        None
    })
}

fn names_other_encoding(declaration: &str) -> bool {
    declaration.contains("encoding") && declaration != UTF8_DECLARATION
}

const UTF8_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

fn decode_any<'a>(bytes: &'a [u8], feed_url: &str, charset: Option<&str>, warnings: &mut Vec<String>) -> Cow<'a, str> {
    // UTF-16 without a byte order mark and UTF-32 (which encoding_rs does
    // not know) are told by their first bytes, as XML 1.0 Appendix F says.
    if let Some(text) = decode_wide(bytes) {
        return Cow::Owned(relabel_prolog(&text));
    }
    // A byte order mark wins (UTF-8, UTF-16LE/BE).
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return Cow::Owned(relabel_prolog(&text));
    }
    let label = prolog_encoding(bytes)
        .or_else(|| charset.map(|c| c.trim().trim_matches(['"', '\'']).to_string()).filter(|c| !c.is_empty()));
    if let Some(label) = label {
        match encoding_rs::Encoding::for_label(label.trim().as_bytes()) {
            Some(enc) if enc != encoding_rs::UTF_8 => {
                // UTF-16 labels without a BOM are really ASCII-compatible
                // bytes here (we read the prolog as ASCII); encoding_rs maps
                // "utf-16" to UTF-16LE, so fall back to UTF-8 for those.
                if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                    return Cow::Owned(relabel_prolog(&utf8_lossy(bytes)));
                }
                let (text, _) = enc.decode_without_bom_handling(bytes);
                return Cow::Owned(relabel_prolog(&text));
            }
            Some(_) => {}
            None => warnings.push(format!(
                "{feed_url}: unknown encoding \"{}\"; read as UTF-8",
                strip_c0(&label).chars().take(40).collect::<String>()
            )),
        }
        return match utf8_lossy(bytes) {
            Cow::Borrowed(s) => {
                if label.eq_ignore_ascii_case("utf-8") || label.eq_ignore_ascii_case("utf8") {
                    Cow::Borrowed(s)
                } else {
                    Cow::Owned(relabel_prolog(s))
                }
            }
            Cow::Owned(s) => Cow::Owned(relabel_prolog(&s)),
        };
    }
    utf8_lossy(bytes)
}

/// A document in UTF-32 (with or without a byte order mark) or in UTF-16
/// without one, decoded; `None` for anything else. Told from the first
/// code units: a document starts with ASCII markup (`<`, whitespace), so
/// every other byte (UTF-16) or three bytes in four (UTF-32) are zero.
fn decode_wide(bytes: &[u8]) -> Option<String> {
    let unit = |n: usize, be: bool| -> Vec<u32> {
        bytes
            .chunks_exact(n)
            .map(|c| {
                c.iter().enumerate().fold(0u32, |v, (i, &b)| v | u32::from(b) << (8 * if be { n - 1 - i } else { i }))
            })
            .collect()
    };
    let ascii_start =
        |units: &[u32]| units.len() >= 2 && units.iter().take(4).all(|&u| u == 0xFEFF || (0x09..0x7F).contains(&u));
    for be in [true, false] {
        let units = unit(4, be);
        if bytes.len().is_multiple_of(4) && ascii_start(&units) {
            let chars = units.iter().skip_while(|&&u| u == 0xFEFF).map(|&u| char::from_u32(u).unwrap_or('\u{FFFD}'));
            return Some(chars.collect());
        }
    }
    if bytes.starts_with(&[0xFE, 0xFF]) || bytes.starts_with(&[0xFF, 0xFE]) {
        return None; // UTF-16 with a byte order mark: encoding_rs decodes it
    }
    for (be, enc) in [(true, encoding_rs::UTF_16BE), (false, encoding_rs::UTF_16LE)] {
        if ascii_start(&unit(2, be)) {
            return Some(enc.decode_without_bom_handling(bytes).0.into_owned());
        }
    }
    None
}

fn utf8_lossy(bytes: &[u8]) -> Cow<'_, str> {
    String::from_utf8_lossy(bytes)
}

/// The `encoding` pseudo-attribute of an XML declaration at the start.
fn prolog_encoding(bytes: &[u8]) -> Option<String> {
    let (start, end) = prolog_span(bytes)?;
    let decl = std::str::from_utf8(&bytes[start..end]).ok()?;
    let i = decl.find("encoding")?;
    let rest = decl[i + "encoding".len()..].trim_start();
    let rest = rest.strip_prefix('=')?.trim_start();
    let q = rest.chars().next()?;
    if q != '"' && q != '\'' {
        return None;
    }
    let rest = &rest[1..];
    let j = rest.find(q)?;
    Some(rest[..j].to_string())
}

/// Byte range of `<?xml … ?>` when the document starts with one (after
/// whitespace), up to the first `?>` after it: the declaration
/// [`declarations`] finds first, read before the text is decoded.
fn prolog_span(bytes: &[u8]) -> Option<(usize, usize)> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace())?;
    let after = bytes[start..].strip_prefix(b"<?xml")?;
    if !after.first().is_some_and(|&b| b.is_ascii_whitespace() || b == b'?') {
        return None;
    }
    let end = memchr::memmem::find(after, b"?>")? + start + 5 + 2;
    Some((start, end))
}

/// Replaces every XML declaration that names an encoding by one that says
/// UTF-8 (the text now is). A declaration runs to the first `?>` after it,
/// as the XML parser reads it.
fn relabel_prolog(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end) in declarations(text) {
        if names_other_encoding(&text[start..end]) {
            out.push_str(&text[at..start]);
            out.push_str(UTF8_DECLARATION);
            at = end;
        }
    }
    out.push_str(&text[at..]);
    out
}
