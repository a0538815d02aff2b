//! newsboat-style `urls` file.
//!
//! One feed per line: the URL, then optional tags separated by whitespace.
//! A tag may be double-quoted to hold spaces (`"Kurdish news"`, with `\"`
//! and `\\` escapes). A tag starting with `~` is the feed's title
//! (`"~Rudaw English"`). A `#` at the start of a token starts a comment that
//! runs to the end of the line; blank lines are ignored.
//!
//! newsboat's `"query:…"`, `"exec:…"` and `"filter:…"` lines are skipped
//! with a message, as are URLs that are not http(s) and repeated URLs.

use super::{strip_c0, Subscription};

/// The subscriptions in the `urls` file at `path` (none if it does not
/// exist), with a `path:line: message` for every line that was skipped.
pub fn load_subscriptions(path: &std::path::Path) -> std::io::Result<(Vec<Subscription>, Vec<String>)> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((Vec::new(), Vec::new())),
        Err(e) => return Err(e),
    };
    let (subs, problems) = parse(&text);
    let problems = problems.into_iter().map(|(line, msg)| format!("{}:{line}: {msg}", path.display())).collect();
    Ok((subs, problems))
}

/// Whether `s` is an absolute web address: `http://` or `https://` (the
/// scheme in any case) followed by a URL the `url` crate accepts, host
/// included. Meant for trimmed text: a leading space makes it no URL.
///
/// The one check behind every "is this a web link" question in hewal:
/// subscribing, fetching, resolving relative links and opening links.
pub fn is_web_url(s: &str) -> bool {
    let has_prefix = |p: &str| s.get(..p.len()).is_some_and(|h| h.eq_ignore_ascii_case(p));
    // The `//` is required: `url` would also read `http:example.org` as a
    // web address, which no feed or browser writes.
    (has_prefix("http://") || has_prefix("https://")) && url::Url::parse(s).is_ok_and(|u| u.has_host())
}

/// Parses a `urls` file. Problems are `(line number, message)`, 1-based,
/// and the line is skipped (or, for a stray tag problem, kept).
pub fn parse(text: &str) -> (Vec<Subscription>, Vec<(usize, String)>) {
    let mut subs: Vec<Subscription> = Vec::new();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut problems = Vec::new();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (i, raw) in text.lines().enumerate() {
        let line_no = i + 1;
        let line = strip_c0(raw.trim_end_matches('\r'));
        let (tokens, unterminated) = tokenize(&line);
        if unterminated {
            problems.push((line_no, "unterminated quote; the rest of the line is read as one tag".to_string()));
        }
        let Some((url, tags)) = tokens.split_first() else {
            continue;
        };
        let lower = url.to_ascii_lowercase();
        if let Some(kind) = ["query:", "exec:", "filter:"].iter().find(|k| lower.starts_with(**k)) {
            problems.push((
                line_no,
                format!(
                    "newsboat {} feeds are not supported; skipped \"{}\"",
                    kind.trim_end_matches(':'),
                    shorten(url)
                ),
            ));
            continue;
        }
        if !is_web_url(url) {
            problems.push((line_no, format!("\"{}\" is not an http:// or https:// URL; skipped", shorten(url))));
            continue;
        }
        if let Some(first) = seen.get(url) {
            problems.push((line_no, format!("{} is already on line {first}; skipped", shorten(url))));
            continue;
        }
        let mut sub = Subscription { url: url.clone(), title: None, tags: Vec::new() };
        for t in tags {
            if let Some(title) = t.strip_prefix('~') {
                if title.trim().is_empty() {
                    continue;
                }
                if sub.title.is_some() {
                    problems.push((line_no, format!("second title \"~{title}\" ignored; a feed has one title")));
                } else {
                    sub.title = Some(title.to_string());
                }
            } else if !t.is_empty() && !sub.tags.contains(t) {
                sub.tags.push(t.clone());
            }
        }
        seen.insert(url.clone(), line_no);
        subs.push(sub);
    }
    (subs, problems)
}

/// Writes subscriptions in the same format; [`parse`] reads it back to
/// the same list (for URLs without whitespace, which valid URLs never have).
pub fn render(subs: &[Subscription]) -> String {
    let mut out = String::new();
    for s in subs {
        out.push_str(&strip_c0(&s.url).replace(char::is_whitespace, "%20"));
        for t in &s.tags {
            if t.is_empty() {
                continue;
            }
            out.push(' ');
            out.push_str(&quote(t));
        }
        if let Some(t) = s.title.as_deref().filter(|t| !t.trim().is_empty()) {
            out.push(' ');
            out.push_str(&quote(&format!("~{t}")));
        }
        out.push('\n');
    }
    out
}

fn shorten(s: &str) -> String {
    if s.chars().count() > 80 {
        let mut t: String = s.chars().take(80).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

/// Quotes a token when it needs it.
fn quote(t: &str) -> String {
    let t = strip_c0(t).replace(['\n', '\t'], " ");
    let needs = t.is_empty()
        || t.contains(|c: char| c.is_whitespace() || c == '"' || c == '\\')
        || t.starts_with('#')
        || t.starts_with('~');
    if !needs {
        return t;
    }
    let mut q = String::with_capacity(t.len() + 2);
    q.push('"');
    for c in t.chars() {
        if c == '"' || c == '\\' {
            q.push('\\');
        }
        q.push(c);
    }
    q.push('"');
    q
}

/// Splits a line into tokens: whitespace separated, double quotes group,
/// backslash escapes inside quotes, `#` at a token start ends the line.
/// Returns whether a quote was left open.
fn tokenize(line: &str) -> (Vec<String>, bool) {
    let mut tokens = Vec::new();
    let mut chars = line.chars().peekable();
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        let Some(&c) = chars.peek() else { break };
        if c == '#' {
            break;
        }
        let mut tok = String::new();
        if c == '"' {
            chars.next();
            let mut closed = false;
            while let Some(c) = chars.next() {
                match c {
                    '\\' => {
                        if let Some(n) = chars.next() {
                            tok.push(n);
                        }
                    }
                    '"' => {
                        closed = true;
                        break;
                    }
                    _ => tok.push(c),
                }
            }
            tokens.push(tok);
            if !closed {
                return (tokens, true);
            }
        } else {
            while let Some(&c) = chars.peek() {
                if c.is_whitespace() {
                    break;
                }
                tok.push(c);
                chars.next();
            }
            tokens.push(tok);
        }
    }
    (tokens, false)
}

#[cfg(test)]
mod tests {
    use super::is_web_url;

    #[test]
    fn web_urls_are_http_or_https_with_a_host() {
        for yes in ["http://a.example", "https://a.example/x?y=1#z", "HTTPS://A.example/", "Http://127.0.0.1:8080/f"] {
            assert!(is_web_url(yes), "{yes}");
        }
        for no in [
            "",
            "http://",
            "https://",
            "http:a.example",
            "ftp://a.example/f",
            "file:///etc/passwd",
            "javascript:alert(1)",
            " https://a.example/",
            "https://exa<mple.org/",
            "a.example/feed",
        ] {
            assert!(!is_web_url(no), "{no}");
        }
    }
}
