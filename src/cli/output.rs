//! How the CLI prints: JSON Lines for machines, display-order rows for
//! people, a progress bar on stderr.

use crate::store::Article;
use crate::text::{layout_single_line, sanitize, BaseDirection};
use serde_json::json;

/// A progress bar on stderr, hidden when stderr is not a terminal.
pub struct Progress(indicatif::ProgressBar);

impl Progress {
    pub fn new(what: &str) -> Progress {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} {wide_bar} {pos}/{len} {per_sec} eta {eta}")
                .expect("valid template"),
        );
        bar.set_message(what.to_owned());
        Progress(bar)
    }

    /// A counter for work of unknown size: `hewal import` reading a stream.
    pub fn counter(what: &str) -> Progress {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg} {pos} indexed, {per_sec}").expect("valid template"),
        );
        bar.set_message(what.to_owned());
        Progress(bar)
    }

    /// Update a [`counter`](Self::counter): `done` of the `stored` so far.
    pub fn count(&self, stored: u64, done: u64) {
        self.0.set_message(format!("{stored} stored,"));
        self.0.set_position(done);
    }

    pub fn update(&self, done: u64, total: u64) {
        self.0.set_length(total);
        self.0.set_position(done);
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// RFC 3339 for a Unix time; `None` for a time out of `time`'s range (a
/// broken feed date), which is then shown as no date.
pub fn rfc3339(t: i64) -> Option<String> {
    time::OffsetDateTime::from_unix_timestamp(t)
        .ok()
        .and_then(|t| t.format(&time::format_description::well_known::Rfc3339).ok())
}

/// serde_json escapes C0 controls but writes C1 controls and bidi controls
/// as they are; a terminal showing the JSON could act on them. Escape those
/// too: the JSON stays equivalent.
pub fn json_safe(s: String) -> String {
    if !s.chars().any(needs_escape) {
        return s;
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if needs_escape(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn needs_escape(c: char) -> bool {
    matches!(c, '\u{7f}'..='\u{9f}') || crate::text::bidi::is_bidi_control(c)
}

pub fn search_json(a: &Article, score: f32, snippet: &str) -> String {
    json_safe(
        json!({
            "id": a.id, "key": a.key, "title": a.title, "score": score, "snippet": snippet,
            "published": a.published.and_then(rfc3339), "source": a.source, "url": a.url,
        })
        .to_string(),
    )
}

pub fn summary_json(a: &Article) -> String {
    json_safe(
        json!({
            "id": a.id, "key": a.key, "title": a.title, "published": a.published.and_then(rfc3339),
            "source": a.source, "origin": a.origin, "url": a.url, "lang": a.lang, "read": a.read,
            "starred": a.starred,
        })
        .to_string(),
    )
}

/// `date  source  title`. To a terminal `tty` cells wide the title is in
/// display order, cut to fit the line (at least 20 cells); to a pipe it
/// stays whole in logical order. Sanitised either way.
pub fn row_plain(title: &str, source: &str, published: Option<i64>, tty: Option<usize>) -> String {
    let date = published.and_then(rfc3339).map(|d| d[..10].to_owned()).unwrap_or_else(|| "          ".into());
    let source = sanitize(source);
    let title = match tty {
        Some(w) => {
            let room = w.saturating_sub(date.len() + 4 + crate::text::display_width(&source)).max(20);
            layout_single_line(title, room, BaseDirection::Auto, Default::default()).text()
        }
        None => sanitize(title).to_string(),
    };
    format!("{date}  {source}  {title}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_rows_fit_the_terminal() {
        let title = "هەواڵی ئەمڕۆ لە کوردستان و جیهان، بە درێژی و بە وردی";
        let row = row_plain(title, "Rudaw", Some(1_700_000_000), Some(50));
        assert_eq!(crate::text::display_width(&row), 50, "{row}");
        assert!(row.starts_with("2023-11-14  Rudaw  …"), "{row}");
        // Piped: whole and logical.
        assert!(row_plain(title, "Rudaw", None, None).ends_with(title));
    }

    #[test]
    fn json_safe_escapes_c1_and_bidi_controls() {
        let s = json!({"t": "a\u{9b}31m\u{202e}b\u{1b}"}).to_string();
        let safe = json_safe(s);
        assert_eq!(safe, r#"{"t":"a\u009b31m\u202eb\u001b"}"#);
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["t"], "a\u{9b}31m\u{202e}b\u{1b}");
    }
}
