//! How the CLI prints: JSON Lines for machines, display-order rows for
//! people, a progress bar on stderr.

use crate::store::Article;
use crate::text::{layout_single_line, sanitize, BaseDirection, DisplayLine, Order, Render};
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
            indicatif::ProgressStyle::with_template(&format!(
                "{{msg}} {{pos}} {} {{per_sec}}",
                super::strings::progress_indexed()
            ))
            .expect("valid template"),
        );
        bar.set_message(what.to_owned());
        Progress(bar)
    }

    /// Update a [`counter`](Self::counter): `done` of the `stored` so far.
    pub fn count(&self, stored: u64, done: u64) {
        self.0.set_message(super::strings::progress_stored(stored));
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

/// How rows are laid out for a terminal: its width, and whether hewal or
/// the terminal reorders right-to-left text ([`Render`]).
#[derive(Clone, Copy, Debug)]
pub struct RowLayout {
    pub width: usize,
    pub render: Render,
}

/// `date  source  title`. To a pipe (`tty` is `None`) the fields are
/// sanitised, whole, in logical order. To a terminal each field is its own
/// paragraph, laid out on one line in the order `tty` says (display order,
/// or logical for a terminal that reorders): the source takes at most a
/// quarter of the width, the title the rest, cut to fit.
pub fn row_plain(title: &str, source: &str, published: Option<i64>, tty: Option<RowLayout>) -> String {
    let date = published.and_then(rfc3339).map(|d| d[..10].to_owned()).unwrap_or_else(|| "          ".into());
    let Some(tty) = tty else {
        return format!("{date}  {}  {}", sanitize(source), sanitize(title));
    };
    let source = field(source, (tty.width / 4).max(1), tty.render);
    let room = tty.width.saturating_sub(date.len() + 4 + source.width);
    let title = field(title, room, tty.render);
    format!("{date}  {}  {}", source.text(), title.text())
}

/// A search hit's snippet under its row, for a terminal: indented to where
/// the source starts, right-aligned there when right-to-left in display
/// order.
pub fn snippet_line(snippet: &str, tty: RowLayout) -> String {
    const INDENT: usize = 12; // "YYYY-MM-DD  "
    let room = tty.width.saturating_sub(INDENT).max(1);
    let line = field(snippet, room, tty.render);
    let text = match tty.render.order {
        Order::Visual => line.to_plain(room),
        Order::Logical => line.text(),
    };
    format!("{}{text}", " ".repeat(INDENT))
}

/// One field as a paragraph of its own on one line of at most `width` cells
/// (the layout's one entry point for single lines).
fn field(text: &str, width: usize, render: Render) -> DisplayLine {
    layout_single_line(text, width, BaseDirection::Auto, render)
}

#[cfg(test)]
mod tests {
    use super::*;

    const TITLE: &str = "هەواڵی ئەمڕۆ لە کوردستان و جیهان، بە درێژی و بە وردی";

    fn tty(width: usize, order: Order) -> Option<RowLayout> {
        Some(RowLayout { width, render: Render { order, shape: false } })
    }

    #[test]
    fn plain_rows_fit_the_terminal() {
        let row = row_plain(TITLE, "Rudaw", Some(1_700_000_000), tty(50, Order::Visual));
        assert_eq!(crate::text::display_width(&row), 50, "{row}");
        assert!(row.starts_with("2023-11-14  Rudaw  …"), "{row}");
        // Piped: whole and logical.
        assert_eq!(row_plain(TITLE, "Rudaw", Some(1_700_000_000), None), format!("2023-11-14  Rudaw  {TITLE}"));
    }

    #[test]
    fn a_sorani_source_is_reordered_on_its_own_in_display_order() {
        let row = row_plain("Oil prices", "کوردستان ٢٤", Some(1_700_000_000), tty(80, Order::Visual));
        // Display order: the Arabic-Indic digits stay left to right, on the left of the word.
        assert_eq!(row, "2023-11-14  ٢٤ ناتسدروک  Oil prices");
        let row = row_plain("Oil prices", "کوردستان ٢٤", Some(1_700_000_000), tty(80, Order::Logical));
        assert_eq!(row, "2023-11-14  کوردستان ٢٤  Oil prices");
    }

    #[test]
    fn in_terminal_mode_fields_stay_in_logical_order_and_fit() {
        let row = row_plain(TITLE, "ڕووداو", Some(1_700_000_000), tty(50, Order::Logical));
        assert_eq!(crate::text::display_width(&row), 50, "{row}");
        assert!(row.starts_with("2023-11-14  ڕووداو  هەواڵی ئەمڕۆ"), "{row}");
        assert!(row.ends_with('…'), "{row}");
        let visual = row_plain(TITLE, "ڕووداو", Some(1_700_000_000), tty(50, Order::Visual));
        assert!(visual.starts_with("2023-11-14  وادووڕ  …"), "{visual}");
    }

    #[test]
    fn snippets_are_indented_and_right_aligned_when_rtl() {
        let line = snippet_line("سڵاو", tty(30, Order::Visual).unwrap());
        assert_eq!(line, format!("{}واڵس", " ".repeat(12 + 14)));
        let line = snippet_line("سڵاو", tty(30, Order::Logical).unwrap());
        assert_eq!(line, format!("{}سڵاو", " ".repeat(12)));
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
