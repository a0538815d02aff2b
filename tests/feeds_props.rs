//! Untrusted input never panics: mangled fixtures and random input through
//! `parse_feed`, `html::to_text`, `urls::parse` and `opml::parse`.

use hewal::feeds::{html, opml, parse_feed, urls};
use proptest::prelude::*;

const FIXTURES: &[&[u8]] = &[
    include_bytes!("data/feeds/ckb_rss2.xml"),
    include_bytes!("data/feeds/mixed_atom.xml"),
    include_bytes!("data/feeds/mixed_jsonfeed.json"),
    include_bytes!("data/feeds/windows1256.xml"),
    include_bytes!("data/feeds/iso8859_1.xml"),
    include_bytes!("data/feeds/malformed.xml"),
    include_bytes!("data/feeds/billion_laughs.xml"),
    include_bytes!("data/feeds/subscriptions.opml"),
];

/// A small deterministic generator (no dependency on a seed source).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

fn check_output(bytes: &[u8]) {
    if let Ok(f) = parse_feed(bytes, "https://fuzz.example/feed") {
        for e in &f.entries {
            assert!(!e.key.is_empty());
            for s in [&e.title, &e.body] {
                assert!(!s.chars().any(|c| c < ' ' && c != '\n' && c != '\t'), "C0 control left in {s:?}");
            }
        }
    }
    let text = String::from_utf8_lossy(bytes);
    let t = html::to_text(&text);
    assert!(!t.text.chars().any(|c| c < ' ' && c != '\n' && c != '\t'));
    assert!(!t.text.contains("\n\n\n"));
    let _ = urls::parse(&text);
    let _ = opml::parse(&text);
}

#[test]
fn mangled_fixtures_never_panic() {
    let mut rng = Lcg(0x5eed_feed);
    for fixture in FIXTURES {
        check_output(fixture);
        for round in 0..60 {
            let mut b = fixture.to_vec();
            match round % 5 {
                // truncate anywhere (inside multi-byte characters too)
                0 => b.truncate(rng.below(b.len() + 1)),
                // flip random bytes
                1 => {
                    for _ in 0..1 + rng.below(8) {
                        let i = rng.below(b.len());
                        b[i] ^= 1 << rng.below(8);
                    }
                }
                // delete a span
                2 => {
                    let i = rng.below(b.len());
                    let j = (i + rng.below(64)).min(b.len());
                    b.drain(i..j);
                }
                // duplicate a span
                3 => {
                    let i = rng.below(b.len());
                    let j = (i + rng.below(256)).min(b.len());
                    let span = b[i..j].to_vec();
                    let at = rng.below(b.len());
                    b.splice(at..at, span);
                }
                // insert hostile bytes
                _ => {
                    let bad: &[&[u8]] = &[
                        b"\0",
                        b"\x1b[31m",
                        b"<",
                        b"&",
                        b"]]>",
                        b"<![CDATA[",
                        b"\xff",
                        b"&#0;",
                        b"&#x110000;",
                        b"<!DOCTYPE x [<!ENTITY a \"&a;\">]>",
                        "\u{202E}".as_bytes(),
                    ];
                    let at = rng.below(b.len());
                    let ins = bad[rng.below(bad.len())];
                    b.splice(at..at, ins.iter().copied());
                }
            }
            check_output(&b);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn to_text_never_panics(s in "(<[a-z/!?]{0,6}( dir=\"?(rtl|ltr|auto)\"?| lang=[a-z-]{0,6}| href=\"[^\"]{0,10}\")?>|&[a-z#0-9]{0,6};?|[ \\n\\t]|[a-zA-Zئەکوردی٠-٩]{1,5}|\\PC){0,60}") {
        let t = html::to_text(&s);
        prop_assert!(!t.text.chars().any(|c| c < ' ' && c != '\n' && c != '\t'));
        prop_assert!(!t.text.contains("\n\n\n"));
        prop_assert!(!t.text.starts_with('\n') && !t.text.ends_with('\n'));
    }

    #[test]
    fn parse_feed_never_panics(body in "(<[a-z:/!?]{0,8}>|&[a-z#0-9]{0,6};?|[ \\n]|\\PC){0,40}",
                               wrap in 0usize..4) {
        let doc = match wrap {
            0 => format!("<rss version=\"2.0\"><channel><item><title>{body}</title><description>{body}</description></item></channel></rss>"),
            1 => format!("<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>{body}</title><content type=\"html\">{body}</content></entry></feed>"),
            2 => format!("{{\"version\":\"https://jsonfeed.org/version/1.1\",\"items\":[{{\"id\":\"{body}\",\"content_html\":\"{body}\"}}]}}"),
            _ => body.clone(),
        };
        check_output(doc.as_bytes());
    }

    #[test]
    fn arbitrary_bytes_never_panic(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        check_output(&b);
    }

    #[test]
    fn urls_render_parse_round_trip(
        entries in proptest::collection::vec(
            ("https://[a-z]{1,8}\\.example/[a-z0-9?=&]{0,10}",
             proptest::option::of("[^\\x00-\\x1f]{1,12}"),
             proptest::collection::vec("[^\\x00-\\x1f~]{1,8}", 0..3)),
            0..5)
    ) {
        let mut subs: Vec<hewal::feeds::Subscription> = Vec::new();
        for (url, title, tags) in entries {
            if subs.iter().any(|s| s.url == url) {
                continue;
            }
            let mut t2: Vec<String> = Vec::new();
            for t in tags {
                if !t.starts_with('~') && !t2.contains(&t) {
                    t2.push(t);
                }
            }
            let title = title.filter(|t| !t.trim().is_empty());
            subs.push(hewal::feeds::Subscription { url, title, tags: t2 });
        }
        let (back, problems) = urls::parse(&urls::render(&subs));
        prop_assert!(problems.is_empty(), "{:?}", problems);
        prop_assert_eq!(back, subs);
    }
}
