//! HTML to plain text, for entry bodies and titles.
//!
//! The HTML is parsed by html5ever (through `scraper`) as a fragment and the
//! tree is walked iteratively (no recursion, so deep nesting cannot overflow
//! the stack). Output rules:
//!
//! - block elements (`p`, `div`, headings, `li`, `blockquote`, `pre`, table
//!   rows, …) and `br` end a paragraph; paragraphs are joined by `"\n\n"`
//!   (hewal treats a single `\n` as a soft break, so `br` is a paragraph
//!   break too);
//! - list items start with `"• "` (nested: `"◦ "`) or `"1. "` (`ol`, honouring
//!   `start`); block quotes prefix their paragraphs with `"│ "`;
//! - `pre` keeps its lines (joined by `\n`), with tabs as a space and runs of
//!   spaces capped at two (three spaces are a paragraph break in hewal);
//! - links keep their text followed by `[n]`; targets are listed in
//!   [`HtmlText::links`], numbered from 1, without duplicates; `javascript:`
//!   and `data:` links are dropped;
//! - `script`, `style`, comments, `iframe`, `form` (and its controls), `img`,
//!   `svg`, media and `head` content are dropped;
//! - entities are decoded, whitespace is collapsed to single spaces;
//! - `dir="rtl"`/`dir="ltr"` on a non-inline element (the innermost wins)
//!   prefixes each paragraph in it with U+200F / U+200E; without any `dir`,
//!   `lang` is the fallback: ckb/ar/fa/he/ur/ps/sd/yi/dv/ug and `*-Arab`/
//!   `*-Hebr` give RTL, `ku`/`und`/`mul`/`zxx` give no hint, others LTR;
//!   `dir="auto"` gives no hint;
//! - NUL and other C0 controls except `\n`/`\t` are removed; escape sequence
//!   bodies and bidi controls stay as characters for hewal's sanitiser;
//! - before parsing, tags nested deeper than [`MAX_NESTING`] are cut (a
//!   byte-level pre-scan that only counts tags; html5ever is quadratic in
//!   nesting depth, 100 000 nested `div`s took minutes).

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::{strip_c0, HtmlText};

/// RIGHT-TO-LEFT MARK, prefixed to RTL paragraphs.
pub const RLM: char = '\u{200F}';
/// LEFT-TO-RIGHT MARK, prefixed to LTR paragraphs.
pub const LRM: char = '\u{200E}';

impl HtmlText {
    /// The text with its links listed after it as numbered references
    /// (`[1] https://…`), each its own paragraph: what hewal stores.
    pub fn with_references(self) -> String {
        let mut body = self.text;
        for (i, l) in self.links.iter().enumerate() {
            body.push_str(if body.is_empty() { "" } else { "\n\n" });
            body.push_str(&format!("[{}] {}", i + 1, l));
        }
        body
    }
}

/// Converts an HTML fragment (or document) to plain text. Relative link
/// targets are kept as they are; see [`to_text_with_base`].
pub fn to_text(html: &str) -> HtmlText {
    to_text_with_base(html, None)
}

/// Like [`to_text`], resolving relative link targets against `base` (the
/// entry or feed URL) when it is an absolute URL.
pub fn to_text_with_base(html: &str, base: Option<&str>) -> HtmlText {
    convert(html, base, true)
}

/// One line of plain text from an HTML title: tags removed, entities
/// decoded, whitespace collapsed, no direction marks, no link references.
pub fn inline_text(html: &str) -> String {
    if !html.contains(['<', '&']) {
        return collapse(&strip_c0(html));
    }
    let t = convert(html, None, false);
    collapse(&t.text)
}

/// Plain text (not HTML) made to follow the same conventions: controls
/// removed, whitespace collapsed within paragraphs, paragraphs (blank-line
/// separated) joined by `"\n\n"`.
pub fn plain_text(text: &str) -> String {
    let clean = strip_c0(&text.replace("\r\n", "\n").replace('\r', "\n"));
    let mut paras = Vec::new();
    let mut cur = String::new();
    for line in clean.split('\n') {
        if line.trim().is_empty() {
            if !cur.trim().is_empty() {
                paras.push(collapse(&cur));
            }
            cur.clear();
        } else {
            cur.push(' ');
            cur.push_str(line);
        }
    }
    if !cur.trim().is_empty() {
        paras.push(collapse(&cur));
    }
    paras.join("\n\n")
}

/// Collapses every run of whitespace to one space and trims.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Rtl,
    Ltr,
}

/// Elements whose content is dropped entirely.
fn is_dropped(name: &str) -> bool {
    matches!(
        name,
        "script"
            | "style"
            | "noscript"
            | "template"
            | "head"
            | "title"
            | "iframe"
            | "frame"
            | "frameset"
            | "object"
            | "embed"
            | "applet"
            | "form"
            | "input"
            | "button"
            | "select"
            | "textarea"
            | "option"
            | "img"
            | "picture"
            | "svg"
            | "math"
            | "canvas"
            | "video"
            | "audio"
            | "source"
            | "track"
            | "map"
            | "link"
            | "meta"
            | "base"
    )
}

/// Elements that start and end a paragraph.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "main"
            | "aside"
            | "nav"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "ul"
            | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "pre"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "figure"
            | "figcaption"
            | "hr"
            | "address"
            | "details"
            | "summary"
            | "center"
            | "fieldset"
            | "legend"
            | "body"
            | "html"
    )
}

/// Inline elements: their `dir`/`lang` does not set a paragraph direction.
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "bdi"
            | "bdo"
            | "cite"
            | "code"
            | "data"
            | "dfn"
            | "em"
            | "font"
            | "i"
            | "kbd"
            | "mark"
            | "q"
            | "s"
            | "samp"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
            | "u"
            | "var"
            | "del"
            | "ins"
            | "label"
    )
}

fn dir_of(v: &str) -> Option<Option<Dir>> {
    match v.trim().to_ascii_lowercase().as_str() {
        "rtl" => Some(Some(Dir::Rtl)),
        "ltr" => Some(Some(Dir::Ltr)),
        "auto" => Some(None),
        _ => None,
    }
}

fn lang_dir(lang: &str) -> Option<Dir> {
    let l = lang.trim().to_ascii_lowercase().replace('_', "-");
    if l.is_empty() {
        return None;
    }
    let mut parts = l.split('-');
    let primary = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    if rest.iter().any(|p| *p == "arab" || *p == "hebr" || *p == "thaa") {
        return Some(Dir::Rtl);
    }
    if rest.iter().any(|p| *p == "latn" || *p == "cyrl") {
        return Some(Dir::Ltr);
    }
    match primary {
        "ckb" | "ar" | "fa" | "he" | "iw" | "ur" | "ps" | "sd" | "yi" | "dv" | "ug" | "arz" | "sdh" | "lrc" | "mzn"
        | "glk" | "azb" | "prs" | "syr" => Some(Dir::Rtl),
        "ku" | "und" | "mul" | "zxx" | "mis" => None,
        _ => Some(Dir::Ltr),
    }
}

struct ListState {
    ordered: bool,
    next: i64,
}

struct Walker {
    base: Option<url::Url>,
    marks: bool,
    paras: Vec<String>,
    cur: String,
    /// A space is due before the next visible character.
    space: bool,
    /// Prefix due at the start of the next paragraph ("• ", "1. ").
    prefix: Option<String>,
    /// Direction of the current paragraph, fixed when its first character is written.
    cur_dir: Option<Dir>,
    skip: usize,
    pre: usize,
    quote: usize,
    lists: Vec<ListState>,
    /// (depth in element stack, explicit dir or None for auto)
    dirs: Vec<(usize, Option<Dir>)>,
    langs: Vec<(usize, Option<Dir>)>,
    depth: usize,
    links: Vec<String>,
    link_index: std::collections::HashMap<String, usize>,
    /// Open anchors: index into `links` (None: no usable href).
    anchors: Vec<Option<usize>>,
}

impl Walker {
    fn current_dir(&self) -> Option<Dir> {
        if let Some((_, d)) = self.dirs.last() {
            return *d;
        }
        self.langs.last().and_then(|(_, d)| *d)
    }

    fn flush(&mut self) {
        let text = if self.pre > 0 {
            let lines: Vec<&str> = self.cur.split('\n').map(|l| l.trim_end()).collect();
            let mut t = lines.join("\n");
            while t.starts_with('\n') {
                t.remove(0);
            }
            t.trim_end().to_string()
        } else {
            self.cur.trim().to_string()
        };
        if !text.is_empty() {
            let mut p = String::with_capacity(text.len() + 3);
            if self.marks {
                match self.cur_dir {
                    Some(Dir::Rtl) => p.push(RLM),
                    Some(Dir::Ltr) => p.push(LRM),
                    None => {}
                }
            }
            p.push_str(&text);
            self.paras.push(p);
            self.prefix = None;
        }
        self.cur.clear();
        self.space = false;
        self.cur_dir = None;
    }

    /// Starts the paragraph if it is empty: direction and prefixes.
    fn begin(&mut self) {
        if self.cur.is_empty() {
            self.cur_dir = self.current_dir();
            for _ in 0..self.quote.min(8) {
                self.cur.push_str("│ ");
            }
            if let Some(p) = self.prefix.take() {
                self.cur.push_str(&p);
            }
            self.space = false;
        }
    }

    fn text(&mut self, t: &str) {
        if self.skip > 0 {
            return;
        }
        if self.pre > 0 {
            let t = t.replace("\r\n", "\n").replace(['\r', '\t'], " ");
            let t = strip_c0(&t);
            for c in t.chars() {
                if c == '\n' {
                    if !self.cur.is_empty() {
                        self.cur.push('\n');
                    }
                    continue;
                }
                if self.cur.is_empty() {
                    self.begin();
                }
                if c == ' ' && self.cur.ends_with("  ") {
                    continue;
                }
                self.cur.push(c);
            }
            return;
        }
        for c in t.chars() {
            if c.is_whitespace() {
                if !self.cur.is_empty() {
                    self.space = true;
                }
                continue;
            }
            if c < ' ' {
                continue; // C0 controls (whitespace ones were handled above)
            }
            if self.cur.is_empty() {
                self.begin();
            } else if self.space && !self.cur.ends_with(' ') {
                self.cur.push(' ');
            }
            self.space = false;
            self.cur.push(c);
        }
    }

    fn link_target(&self, href: &str) -> Option<String> {
        let href = strip_c0(href.trim());
        if href.is_empty() || href.starts_with('#') {
            return None;
        }
        let lower = href.to_ascii_lowercase();
        if lower.starts_with("javascript:") || lower.starts_with("data:") {
            return None;
        }
        // A target that does not resolve against the base is kept as written.
        if let Some(base) = &self.base {
            if let Ok(u) = base.join(&href) {
                return Some(u.to_string());
            }
        }
        Some(href)
    }

    fn open(&mut self, name: &str, el: &scraper::node::Element) {
        if self.skip > 0 || is_dropped(name) {
            if is_dropped(name) {
                self.skip += 1;
            }
            return;
        }
        self.depth += 1;
        if !is_inline(name) {
            if let Some(d) = el.attr("dir").and_then(dir_of) {
                self.dirs.push((self.depth, d));
            }
            if let Some(l) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                self.langs.push((self.depth, lang_dir(l)));
            }
        }
        match name {
            "br" | "hr" | "wbr" => {
                if name != "wbr" {
                    self.flush();
                }
                return;
            }
            "a" => {
                let idx = el.attr("href").and_then(|h| self.link_target(h)).map(|t| match self.link_index.get(&t) {
                    Some(&i) => i,
                    None => {
                        self.link_index.insert(t.clone(), self.links.len());
                        self.links.push(t);
                        self.links.len() - 1
                    }
                });
                self.anchors.push(idx);
            }
            "td" | "th" => self.space = !self.cur.is_empty(),
            _ => {}
        }
        if is_block(name) {
            self.flush();
        }
        match name {
            "ul" | "ol" => {
                let start = el.attr("start").and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or(1);
                self.lists.push(ListState { ordered: name == "ol", next: start });
            }
            "li" => {
                let depth = self.lists.len();
                let p = match self.lists.last_mut() {
                    Some(l) if l.ordered => {
                        let n = l.next;
                        l.next = l.next.saturating_add(1);
                        format!("{n}. ")
                    }
                    _ if depth > 1 => "◦ ".to_string(),
                    _ => "• ".to_string(),
                };
                self.prefix = Some(p);
            }
            "blockquote" => self.quote += 1,
            "pre" => self.pre += 1,
            _ => {}
        }
    }

    fn close(&mut self, name: &str) {
        if is_dropped(name) {
            self.skip = self.skip.saturating_sub(1);
            return;
        }
        if self.skip > 0 {
            return;
        }
        match name {
            "br" | "hr" | "wbr" => {}
            "a" => {
                if let Some(Some(i)) = self.anchors.pop().filter(|_| self.marks) {
                    if !self.cur.is_empty() {
                        if self.pre == 0 && !self.cur.ends_with(' ') {
                            self.cur.push(' ');
                        }
                        self.cur.push_str(&format!("[{}]", i + 1));
                    } else {
                        // A link with no text: show the reference alone.
                        self.begin();
                        self.cur.push_str(&format!("[{}]", i + 1));
                    }
                }
            }
            "td" | "th" => self.space = !self.cur.is_empty(),
            _ => {}
        }
        if is_block(name) {
            self.flush();
        }
        match name {
            "ul" | "ol" => {
                self.lists.pop();
                self.prefix = None;
            }
            "blockquote" => self.quote = self.quote.saturating_sub(1),
            "pre" => self.pre = self.pre.saturating_sub(1),
            _ => {}
        }
        while self.dirs.last().is_some_and(|(d, _)| *d >= self.depth) {
            self.dirs.pop();
        }
        while self.langs.last().is_some_and(|(d, _)| *d >= self.depth) {
            self.langs.pop();
        }
        self.depth = self.depth.saturating_sub(1);
    }
}

/// Deepest element nesting handed to html5ever. Its tree builder does work
/// proportional to the depth of the open-element stack for each tag, so a
/// hostile document of 100 000 nested `<div>`s takes minutes; tags nested
/// deeper than this are removed (their text is kept) before parsing.
pub const MAX_NESTING: usize = 512;

/// What the depth pre-scan sees at `<`: (end of the token, kind).
enum Tok {
    Start { counted: bool, raw_text: Option<&'static str> },
    End,
    Other,
}

/// The token that starts at `b[i] == b'<'`, or `None` when that `<` is text.
fn scan_tag(b: &[u8], i: usize) -> Option<(usize, Tok)> {
    let next = *b.get(i + 1)?;
    if next == b'!' {
        if b[i..].starts_with(b"<!--") {
            let end = b[i + 4..].windows(3).position(|w| w == b"-->").map(|p| i + 4 + p + 3).unwrap_or(b.len());
            return Some((end, Tok::Other));
        }
        return Some((find_gt(b, i + 2).unwrap_or(b.len()), Tok::Other));
    }
    if next == b'/' && b.get(i + 2).is_some_and(|c| c.is_ascii_alphabetic()) {
        return Some((find_gt(b, i + 2).unwrap_or(b.len()), Tok::End));
    }
    if !next.is_ascii_alphabetic() {
        return None;
    }
    let end = find_gt(b, i + 1).unwrap_or(b.len());
    let name_end = (i + 1..end).find(|&j| !b[j].is_ascii_alphanumeric()).unwrap_or(end);
    // ASCII letters and digits only, so always UTF-8.
    let name = std::str::from_utf8(&b[i + 1..name_end]).unwrap_or("").to_ascii_lowercase();
    let self_closing = end >= 2 && b[end - 2] == b'/';
    let counted = !is_uncounted(&name) && !self_closing;
    Some((end, Tok::Start { counted, raw_text: raw_text_end(&name) }))
}

/// The index after the `>` that ends the tag whose attributes start at
/// `from` (a `>` inside a quoted attribute value does not end it).
fn find_gt(b: &[u8], from: usize) -> Option<usize> {
    let mut q: Option<u8> = None;
    for (j, &c) in b.iter().enumerate().skip(from) {
        match q {
            Some(qc) if c == qc => q = None,
            Some(_) => {}
            None if c == b'"' || c == b'\'' => q = Some(c),
            None if c == b'>' => return Some(j + 1),
            None => {}
        }
    }
    None
}

/// Elements that do not deepen the nesting as the pre-scan counts it: void
/// elements, and elements whose end tag may be left out.
fn is_uncounted(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
    )
}

/// For elements whose content is raw text (no tags inside), the end tag
/// that closes them.
fn raw_text_end(name: &str) -> Option<&'static str> {
    match name {
        "script" => Some("</script"),
        "style" => Some("</style"),
        "textarea" => Some("</textarea"),
        "title" => Some("</title"),
        "xmp" => Some("</xmp"),
        "plaintext" => Some("</plaintext"),
        _ => None,
    }
}

/// Removes tags nested deeper than `max` (by a conservative estimate that
/// does not count void elements or ones whose end tag is optional); returns
/// the input unchanged when it is shallow enough, which is the usual case.
fn limit_nesting(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let walk = |out: Option<&mut Vec<u8>>| -> usize {
        let mut out = out;
        let (mut i, mut depth, mut deepest) = (0usize, 0usize, 0usize);
        let mut text_from = 0usize;
        while i < b.len() {
            if b[i] != b'<' {
                i += 1;
                continue;
            }
            let Some((end, tok)) = scan_tag(b, i) else {
                i += 1;
                continue;
            };
            let keep = match tok {
                Tok::Start { counted, raw_text } => {
                    let mut end = end;
                    if let Some(close) = raw_text {
                        // Skip raw text to its end tag (case-insensitive).
                        let lower_close = close.as_bytes();
                        end = (end..b.len())
                            .find(|&j| {
                                b.len() - j >= lower_close.len()
                                    && b[j..j + lower_close.len()].eq_ignore_ascii_case(lower_close)
                            })
                            .unwrap_or(b.len());
                    }
                    if counted {
                        depth += 1;
                        deepest = deepest.max(depth);
                    }
                    let keep = depth <= max;
                    if let Some(o) = out.as_deref_mut() {
                        o.extend_from_slice(&b[text_from..i]);
                        if keep {
                            o.extend_from_slice(&b[i..end]);
                        }
                    }
                    text_from = end;
                    i = end;
                    continue;
                }
                Tok::End => {
                    let keep = depth <= max;
                    depth = depth.saturating_sub(1);
                    keep
                }
                Tok::Other => true,
            };
            if let Some(o) = out.as_deref_mut() {
                o.extend_from_slice(&b[text_from..i]);
                if keep {
                    o.extend_from_slice(&b[i..end]);
                }
            }
            text_from = end;
            i = end;
        }
        if let Some(o) = out {
            o.extend_from_slice(&b[text_from.min(b.len())..]);
        }
        deepest
    };
    if walk(None) <= max {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = Vec::with_capacity(b.len());
    walk(Some(&mut out));
    // Tags are cut at ASCII bytes only, so the result is valid UTF-8.
    std::borrow::Cow::Owned(String::from_utf8_lossy(&out).into_owned())
}

fn convert(html: &str, base: Option<&str>, marks: bool) -> HtmlText {
    let html = limit_nesting(html, MAX_NESTING);
    // A whole document parses as one, so that `dir`/`lang` on <html> and
    // <body> survive (fragment parsing drops those elements).
    let head = html.as_bytes()[..html.len().min(2048)].to_ascii_lowercase();
    let has = |tag: &[u8]| head.windows(tag.len()).any(|w| w == tag);
    let doc = if has(b"<html") || has(b"<body") || has(b"<!doctype") {
        Html::parse_document(&html)
    } else {
        Html::parse_fragment(&html)
    };
    let mut w = Walker {
        // No usable base: relative links stay relative (see `to_text_with_base`).
        base: base.and_then(|b| url::Url::parse(b).ok()).filter(|u| !u.cannot_be_a_base()),
        marks,
        paras: Vec::new(),
        cur: String::new(),
        space: false,
        prefix: None,
        cur_dir: None,
        skip: 0,
        pre: 0,
        quote: 0,
        lists: Vec::new(),
        dirs: Vec::new(),
        langs: Vec::new(),
        depth: 0,
        links: Vec::new(),
        link_index: std::collections::HashMap::new(),
        anchors: Vec::new(),
    };
    for edge in doc.tree.root().traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(el) => {
                    let name = el.name().to_ascii_lowercase();
                    w.open(&name, el);
                }
                Node::Text(t) => w.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    let name = el.name().to_ascii_lowercase();
                    w.close(&name);
                }
            }
        }
    }
    w.flush();
    HtmlText { text: w.paras.join("\n\n"), links: w.links }
}
