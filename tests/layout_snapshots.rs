//! Snapshots of `to_plain` output for the seed articles and a few mixed
//! paragraphs at widths 20, 40 and 80. Each line is padded to the pane width
//! and ends in a `|` margin marker, so alignment can be reviewed by eye
//! (in a bidi-unaware viewer: the text is in visual order already).

use hewal::text::paragraphs::paragraphs;
use hewal::text::{display_width, layout_paragraph, BaseDirection, LayoutOptions};

const SEED_000: &str = include_str!("../sample-data/000_e5af3db2102c7b3b.txt");
const SEED_002: &str = include_str!("../sample-data/002_748c303270226b28.txt");

const MIXED: &[&str] = &[
    "وەزیری دەرەوە (Fuad Hussein) وتی: «ئێمە ئامادەین بۆ گفتوگۆ» لە ڕێکەوتی 2024-03-15.",
    "ئەمڕۆ ١٢.٥٪ی نرخی نەوت بەرز بووەوە و گەیشتە 85.3$ بۆ هەر بەرمیلێک (بەپێی Reuters).",
    "بۆ زانیاری زیاتر سەردانی https://www.rudaw.net/sorani/kurdistan بکەن.",
    "Prime Minister Masrour Barzani met the «UN» envoy (کوردستان) in Erbil on 12/05/2023, 10:30 AM.",
    "کۆمپانیای Apple ئامێری iPhone 15 Pro ی بە نرخی $999 فرۆشت؛ ڕێژەی فرۆش -3.2% بوو.",
];

/// The paragraphs of `body` laid out at `width`, one screen line per text
/// line, padded to the width and closed by a margin marker; a blank marked
/// line between paragraphs.
fn render(body: &str, width: usize) -> String {
    let opts = LayoutOptions { direction: BaseDirection::Auto, highlights: &[], render: Default::default() };
    let mut out = Vec::new();
    for p in paragraphs(body) {
        if !out.is_empty() {
            out.push(format!("{}|", " ".repeat(width)));
        }
        for line in layout_paragraph(p, width, &opts) {
            let plain = line.to_plain(width);
            let w = display_width(&plain);
            assert!(w <= width, "line wider than {width}: {plain:?}");
            out.push(format!("{plain}{}|", " ".repeat(width - w)));
        }
    }
    out.join("\n")
}

#[test]
fn seed_000() {
    for w in [20, 40, 80] {
        insta::assert_snapshot!(format!("seed_000_w{w}"), render(SEED_000, w));
    }
}

#[test]
fn seed_002() {
    for w in [20, 40, 80] {
        insta::assert_snapshot!(format!("seed_002_w{w}"), render(SEED_002, w));
    }
}

#[test]
fn mixed_paragraphs() {
    let body = MIXED.join("\n\n");
    for w in [20, 40, 80] {
        insta::assert_snapshot!(format!("mixed_w{w}"), render(&body, w));
    }
}

/// The bundled mixed articles (Latin names and URLs; both digit systems;
/// quotes and brackets), title and body, as the reader lays them out.
#[test]
fn mixed_sample_articles() {
    const ARTICLES: &str = include_str!("../sample-data/articles.jsonl");
    for id in ["sample-mixed-tech", "sample-numbers-economy", "sample-quotes-brackets"] {
        let a: serde_json::Value = ARTICLES
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .find(|v: &serde_json::Value| v["id"] == id)
            .unwrap();
        let text = format!("{}\n\n{}", a["title"].as_str().unwrap(), a["body"].as_str().unwrap());
        for w in [20, 40, 80] {
            insta::assert_snapshot!(format!("{id}_w{w}"), render(&text, w));
        }
    }
}
