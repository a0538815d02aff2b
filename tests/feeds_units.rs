//! Unit tests of the feeds module without a network: `urls` files, OPML,
//! HTML to text, and feed parsing of the fixtures in `data/feeds/`.

use hewal::feeds::html::{self, LRM, RLM};
use hewal::feeds::{opml, parse_feed, urls, FeedError, Subscription, MAX_ENTRY_TEXT_BYTES};

const RSS: &[u8] = include_bytes!("data/feeds/ckb_rss2.xml");
const ATOM: &[u8] = include_bytes!("data/feeds/mixed_atom.xml");
const JSON: &[u8] = include_bytes!("data/feeds/mixed_jsonfeed.json");
const W1256: &[u8] = include_bytes!("data/feeds/windows1256.xml");
const LATIN1: &[u8] = include_bytes!("data/feeds/iso8859_1.xml");
const MALFORMED: &[u8] = include_bytes!("data/feeds/malformed.xml");
const LAUGHS: &[u8] = include_bytes!("data/feeds/billion_laughs.xml");
const OPML: &str = include_str!("data/feeds/subscriptions.opml");
const URLS: &str = include_str!("data/feeds/urls.txt");

const FEED_URL: &str = "https://news.example.org/ckb/rss.xml";

fn sub(url: &str, title: Option<&str>, tags: &[&str]) -> Subscription {
    Subscription { url: url.into(), title: title.map(Into::into), tags: tags.iter().map(|t| t.to_string()).collect() }
}

// ---------------------------------------------------------------- urls

#[test]
fn urls_file_in_newsboat_format() {
    let (subs, problems) = urls::parse(URLS);
    assert_eq!(
        subs,
        vec![
            sub("https://news.example.org/ckb/rss.xml", Some("هەواڵی نموونە"), &["kurdish"]),
            sub("https://ktw.example.org/atom.xml", Some("KTW"), &["tech", "Kurdish tech"]),
            sub("https://world.example.com/feed?x=1&y=2", Some("Rudaw English"), &["english"]),
            sub("https://tagless.example.net/feed", None, &[]),
            sub("https://two-titles.example.net/feed", Some("First"), &[]),
        ]
    );
    assert_eq!(
        problems,
        vec![
            (
                6,
                "newsboat query feeds are not supported; skipped \"query:Unread Articles:unread = \"yes\"\""
                    .to_string()
            ),
            (7, "newsboat exec feeds are not supported; skipped \"exec:~/bin/scraper.sh\"".to_string()),
            (8, "\"ftp://old.example.org/feed.xml\" is not an http:// or https:// URL; skipped".to_string()),
            (9, "https://news.example.org/ckb/rss.xml is already on line 2; skipped".to_string()),
            (11, "second title \"~Second\" ignored; a feed has one title".to_string()),
        ]
    );
}

#[test]
fn urls_edge_cases() {
    let (subs, problems) = urls::parse("");
    assert!(subs.is_empty() && problems.is_empty());
    let (subs, problems) = urls::parse("\u{feff}   \n# only a comment\r\nhttps://a.example/x\r\n");
    assert_eq!(subs, vec![sub("https://a.example/x", None, &[])]);
    assert!(problems.is_empty());
    let (subs, problems) = urls::parse("https://a.example/x \"open tag");
    assert_eq!(subs, vec![sub("https://a.example/x", None, &["open tag"])]);
    assert_eq!(problems[0].0, 1);
    assert!(problems[0].1.starts_with("unterminated quote"));
    let (subs, _) = urls::parse("https://a.example/x \"say \\\"hi\\\"\" tag#1 #comment tag");
    assert_eq!(subs, vec![sub("https://a.example/x", None, &["say \"hi\"", "tag#1"])]);
    let (subs, problems) = urls::parse("http:// x\nnot-a-url");
    assert!(subs.is_empty());
    assert_eq!(problems.len(), 2);
}

#[test]
fn urls_render_round_trips() {
    let subs = vec![
        sub("https://news.example.org/ckb/rss.xml", Some("هەواڵی نموونە"), &["kurdish", "هەواڵ"]),
        sub("https://a.example/feed", None, &["with space", "quote\"d", "back\\slash", "#hash"]),
        sub("https://b.example/feed", Some("Rudaw English"), &[]),
    ];
    let text = urls::render(&subs);
    assert!(text.starts_with("https://news.example.org/ckb/rss.xml kurdish هەواڵ \"~هەواڵی نموونە\"\n"), "{text}");
    let (back, problems) = urls::parse(&text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(back, subs);
    let (again, _) = urls::parse(URLS);
    assert_eq!(urls::parse(&urls::render(&again)).0, again);
}

// ---------------------------------------------------------------- OPML

#[test]
fn opml_nested_outlines_titles_and_categories() {
    let subs = opml::parse(OPML).unwrap();
    assert_eq!(
        subs,
        vec![
            sub("https://news.example.org/ckb/rss.xml", Some("Sample Sorani News"), &["Kurdish", "هەواڵ"]),
            sub("https://ktw.example.org/atom.xml", None, &["Kurdish", "tech", "Kurdistan", "weekly"]),
            sub("https://world.example.com/feed?x=1&y=2", Some("English & World"), &[]),
        ]
    );
}

#[test]
fn opml_round_trip() {
    let subs = vec![
        sub("https://news.example.org/ckb/rss.xml", Some("هەواڵی <نموونە> & \"quotes\""), &["kurdish", "هەواڵ"]),
        sub("https://world.example.com/feed?x=1&y=2", None, &[]),
        sub("https://b.example/feed", Some("B"), &["one tag", "two"]),
    ];
    let xml = opml::render(&subs);
    assert_eq!(opml::parse(&xml).unwrap(), subs);
    let from_file = opml::parse(OPML).unwrap();
    assert_eq!(opml::parse(&opml::render(&from_file)).unwrap(), from_file);
    // And through the urls format too.
    assert_eq!(urls::parse(&urls::render(&from_file)).0, from_file);
}

#[test]
fn opml_errors() {
    let e = opml::parse("<opml><body><outline").unwrap_err();
    assert!(matches!(e, FeedError::Opml { .. }));
    assert!(e.to_string().starts_with("invalid OPML ("), "{e}");
    assert!(e.to_string().ends_with("; export the file again or fix it by hand"));
    let e = opml::parse("<rss version=\"2.0\"/>").unwrap_err();
    assert_eq!(
        e.to_string(),
        "invalid OPML (root element is <rss>, not <opml>); export the file again or fix it by hand"
    );
    // DTDs (and so entity bombs) are refused.
    let bomb = "<?xml version=\"1.0\"?><!DOCTYPE opml [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]><opml><body><outline text=\"&b;\" xmlUrl=\"https://x.example/\"/></body></opml>";
    assert!(opml::parse(bomb).is_err());
    assert_eq!(opml::parse("<opml/>").unwrap(), vec![]);
}

// ---------------------------------------------------------------- HTML

#[test]
fn html_paragraphs_headings_lists_quotes() {
    let t = html::to_text(
        "<h1>سەردێڕ</h1><p>یەکەم   پەرەگراف\n  لێرەدایە.</p>line one<br>line two<div>div text</div>\
         <ul><li>a</li><li><p>b</p></li></ul><ol start=\"3\"><li>three</li><li>four</li></ol>\
         <blockquote><p>quoted</p></blockquote><pre>  code  block\n\tindented    far</pre>",
    );
    assert_eq!(
        t.text,
        "سەردێڕ\n\nیەکەم پەرەگراف لێرەدایە.\n\nline one\n\nline two\n\ndiv text\n\n• a\n\n• b\n\n3. three\n\n4. four\n\n│ quoted\n\n  code  block\n indented  far"
    );
    assert!(t.links.is_empty());
    let nested = html::to_text("<ul><li>outer<ul><li>inner</li></ul></li></ul>");
    assert_eq!(nested.text, "• outer\n\n◦ inner");
}

#[test]
fn html_links_become_numbered_references() {
    let t = html::to_text(
        "<p>see <a href=\"https://a.example/1\">one</a>, <a href='https://b.example/2'>two</a> and \
         <a href=\"https://a.example/1\">one again</a>; <a href=\"javascript:alert(1)\">js</a> <a name=x>anchor</a></p>",
    );
    assert_eq!(t.text, "see one [1], two [2] and one again [1]; js anchor");
    assert_eq!(t.links, vec!["https://a.example/1", "https://b.example/2"]);
    let t = html::to_text_with_base("<a href=\"/x?a=1&amp;b=2\">rel</a>", Some("https://site.example/feed/"));
    assert_eq!(t.text, "rel [1]");
    assert_eq!(t.links, vec!["https://site.example/x?a=1&b=2"]);
}

#[test]
fn html_drops_scripts_styles_comments_iframes_forms_images() {
    let t = html::to_text(
        "<p>keep</p><script>var x = '<p>no</p>';</script><style>p { color: red }</style><!-- hidden -->\
         <iframe src=\"https://ads.example\">frame text</iframe><form><input value=q><button>go</button>label</form>\
         <img src=\"https://t.example/pixel.gif\" width=1 height=1 alt=\"pixel\"><noscript>ns</noscript><p>end</p>",
    );
    assert_eq!(t.text, "keep\n\nend");
    assert!(t.links.is_empty());
}

#[test]
fn html_entities_and_whitespace() {
    let t = html::to_text(
        "<p>&amp; &lt;b&gt; &quot;q&quot; &nbsp;&#1749;&#x6D5; caf&eacute; &unknown; &mdash;</p>\n\n\n<p>  </p>",
    );
    // A no-break space is whitespace to Rust, so it is collapsed too.
    assert_eq!(t.text, "& <b> \"q\" ەە café &unknown; —");
}

#[test]
fn html_direction_marks() {
    let t = html::to_text(
        "<div dir=\"rtl\"><p>کوردی</p><p dir=\"ltr\">English</p><p>دووبارە <span dir=\"ltr\">inline</span></p></div>\
         <p lang=\"ckb\">بە زمانی کوردی</p><p lang=\"en\">lang en</p><p lang=\"ar\" dir=\"ltr\">dir beats lang</p>\
         <p>no hint</p><section dir=\"rtl\"><p dir=\"auto\">auto</p></section><p lang=\"ku\">ku</p><p lang=\"ku-Arab\">کوردی</p>",
    );
    let paras: Vec<&str> = t.text.split("\n\n").collect();
    assert_eq!(
        paras,
        vec![
            "\u{200F}کوردی",
            "\u{200E}English",
            "\u{200F}دووبارە inline",
            "\u{200F}بە زمانی کوردی",
            "\u{200E}lang en",
            "\u{200E}dir beats lang",
            "no hint",
            "auto",
            "ku",
            "\u{200F}کوردی",
        ]
    );
    assert_eq!(RLM, '\u{200F}');
    assert_eq!(LRM, '\u{200E}');
    // A list item in an RTL block: the mark comes before the bullet.
    assert_eq!(html::to_text("<ul dir=\"rtl\"><li>یەک</li></ul>").text, "\u{200F}• یەک");
}

#[test]
fn html_controls_are_stripped_but_escapes_and_bidi_controls_stay() {
    let t = html::to_text("<p>a\u{0}b\u{1b}[31mred\u{7}\u{202E}evil\u{202C}\tend\u{9b}c</p>");
    assert_eq!(t.text, "ab[31mred\u{202E}evil\u{202C} end\u{9b}c");
    assert_eq!(html::inline_text("<b>x</b>\u{1b}]0;title\u{7}"), "x]0;title");
}

#[test]
fn html_deep_nesting_and_garbage_do_not_panic() {
    // html5ever is quadratic in nesting depth; tags deeper than MAX_NESTING are cut first.
    let t = std::time::Instant::now();
    let deep = "<div>".repeat(100_000) + "deep" + &"</div>".repeat(100_000);
    assert_eq!(html::to_text(&deep).text, "deep");
    let deep = "<blockquote dir=rtl>".repeat(5_000) + "قووڵ" + &"</blockquote>".repeat(5_000);
    assert!(html::to_text(&deep).text.ends_with("قووڵ"));
    assert!(t.elapsed() < std::time::Duration::from_secs(10), "{:?}", t.elapsed());
    let spans = "<span dir=rtl><a href=x>".repeat(20_000) + "x";
    let _ = html::to_text(&spans);
    for s in ["", "<", "&", "<<<>>>", "</p></p>", "<a href>", "<ol start=-99999999999999999999><li>x", "\u{0}\u{0}"] {
        let _ = html::to_text(s);
    }
    assert_eq!(html::to_text("<ol start=\"-2\"><li>x</li></ol>").text, "-2. x");
}

#[test]
fn plain_and_inline_text() {
    assert_eq!(html::plain_text("a  b\r\nc\n\n\n  d\u{0}e  "), "a b c\n\nde");
    assert_eq!(html::inline_text("  <p>one</p><p>two &amp; <i>three</i></p>\n"), "one two & three");
    assert_eq!(html::inline_text("a < b && c"), "a < b && c");
}

// ---------------------------------------------------------------- feeds

#[test]
fn rss2_feed_keys_dedupe_html_and_titles() {
    let f = parse_feed(RSS, FEED_URL).unwrap();
    assert_eq!(f.title.as_deref(), Some("هەواڵی & نموونە — Sample Sorani News"));
    let keys: Vec<&str> = f.entries.iter().map(|e| e.key.as_str()).collect();
    assert_eq!(
        keys,
        vec![
            "guid:ckb-nato-1",
            "link:https://news.example.org/ckb/osm?id=42&lang=ckb",
            "hash:609500e2a61009feb2f552ac1ff53acf",
            "guid:https://news.example.org/en/bidi",
        ],
        "the second item repeats the first guid and is dropped"
    );
    assert_eq!(f.warnings, vec![format!("{FEED_URL}: 1 duplicate entry (same guid, link or content) skipped")]);
    let e = &f.entries[0];
    assert_eq!(e.title, "ناتۆ پێشوازی لە دانوستاندن دەکات & رووسیا");
    assert_eq!(e.url.as_deref(), Some("https://news.example.org/ckb/nato-1"));
    assert_eq!(e.published, Some(1638873000));
    assert_eq!(e.lang.as_deref(), Some("ckb"));
    assert_eq!(
        e.body,
        "\u{200F}دوای کۆبووەنەوەی ئۆنلاینی وەزیرانی دەرەوەی وڵاتانی ئەندام لە هاوپەیمانیی ناتۆ، یانس ستۆڵتنبێرگ پێشوازی لە ئامادەیی رووسیا کرد.\n\n\
         \u{200F}بۆ زانیاری زیاتر ڕاپۆرتی تەواو [1] ببینە.\n\n\
         \u{200F}• ئەنتۆنی بلینکن\n\n\u{200F}• یانس ستۆڵتنبێرگ\n\n\u{200F}1. یەکەم\n\n\u{200F}2. دووەم\n\n\
         [1] https://news.example.org/ckb/nato-full"
    );
    assert!(!e.body.contains("alert") && !e.body.contains("pixel") && !e.body.contains("comment"));
    assert_eq!(e.links, vec!["https://news.example.org/ckb/nato-full"]);
    // content:encoded wins over description; relative links resolve against the feed URL.
    let e = &f.entries[1];
    assert!(e.body.starts_with("\u{200F}گرووپێک"));
    assert!(e.body.contains("\n\n\u{200E}│ Maps are not neutral;"));
    assert!(e.body.contains("\n\n\u{200E}Code is on GitHub [2] — written in Python & SQL."));
    assert!(e.body.ends_with("\n\n[1] https://www.openstreetmap.org/\n\n[2] https://github.com/example/osm-ckb"));
    assert_eq!(e.published, Some(1741928400));
    // No guid, no link: a content hash, the same as NewArticle::content_hash would give.
    let e = &f.entries[2];
    assert_eq!(e.title, "");
    assert_eq!(e.url, None);
    let mut h = blake3::Hasher::new();
    h.update(e.title.trim().as_bytes());
    h.update(&[0]);
    h.update(e.body.trim().as_bytes());
    assert_eq!(e.key, format!("hash:{}", &h.finalize().to_hex()[..32]));
    // U+202E stays in the title for hewal's sanitiser.
    assert_eq!(f.entries[3].title, "Title with bidi override \u{202E}txet desrever\u{202C} here");
    assert_eq!(f.entries[3].body, "Plain & simple.");
}

#[test]
fn atom_feed_mixed_languages() {
    let f = parse_feed(ATOM, "https://ktw.example.org/atom.xml").unwrap();
    assert_eq!(f.title.as_deref(), Some("Kurdistan Tech Weekly — هەفتانەی تەکنەلۆژیا"));
    assert_eq!(f.entries.len(), 2);
    let e = &f.entries[0];
    assert_eq!(e.key, "guid:urn:example:ktw:prices");
    assert_eq!(e.title, "نرخی کاڵا ١٢٫٥٪ بەرزبووەتەوە");
    assert_eq!(
        e.body,
        "ڕاپۆرتی دەستەی ئامار\n\n\u{200F}تێکڕای نرخی کاڵا خۆراکییە سەرەکییەکان لە بازاڕەکانی هەولێر ١٢٫٥٪ بەرزبووەتەوە.\n\n\u{200E}The report is dated 14/03/2025."
    );
    assert_eq!(e.published, Some(1741943700), "updated when there is no published");
    let e = &f.entries[1];
    assert_eq!(e.published, Some(1741586400), "published wins over updated");
    assert_eq!(
        e.body,
        "A cooperative of around forty women in a small mountain town east of Sulaymaniyah is reviving kilim patterns."
    );
}

#[test]
fn json_feed_with_escape_sequence_and_override_in_title() {
    let f = parse_feed(JSON, "https://json.example.org/feed.json").unwrap();
    let e = &f.entries[0];
    assert_eq!(e.key, "guid:json-1");
    // ESC and NUL are removed (C0); the rest of the sequence and U+202E stay for the sanitiser.
    assert_eq!(e.title, "[31mسوور[0m red \u{202E}evil\u{202C} title");
    assert!(!e.title.contains('\u{1b}') && !e.title.contains('\0'));
    assert_eq!(
        e.body,
        "\u{200F}یانەی ئاسۆ بە ئەنجامی ٣–٢ یانەی چیای بردەوە.\n\nScore: 3–2 details [1]\n\n[1] https://json.example.org/match/7"
    );
    assert_eq!(e.published, Some(1741535100));
    let e = &f.entries[1];
    assert_eq!(e.body, "First paragraph.\n\nSecond paragraph with a soft break.");
    assert_eq!(e.published, Some(1741392000));
}

#[test]
fn windows_1256_and_iso_8859_1_are_decoded() {
    let f = parse_feed(W1256, "https://w.example/feed").unwrap();
    assert_eq!(f.title.as_deref(), Some("فید ویندۆز ١٢٥٦"));
    assert_eq!(f.entries[0].title, "هەواڵی کۆبوونەوەی ناتۆ");
    assert_eq!(
        f.entries[0].body,
        "\u{200F}وەزیرانی دەرەوەی وڵاتانی ئەندام لە هاوپەیمانیی ناتۆ کۆبوونەوە. گفتگو با روسیه ادامه دارد."
    );
    let f = parse_feed(LATIN1, "https://l.example/feed").unwrap();
    assert_eq!(f.title.as_deref(), Some("Café naïve"));
    assert_eq!(f.entries[0].title, "Résumé § 1");
    assert_eq!(f.entries[0].body, "Grüße aus Köln");
    assert_eq!(f.entries[0].key, "link:https://latin1.example.org/1");
    // UTF-16 with a byte order mark.
    let text = std::str::from_utf8(ATOM).unwrap().replace("encoding=\"utf-8\"", "encoding=\"UTF-16\"");
    let mut utf16 = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        utf16.extend_from_slice(&u.to_le_bytes());
    }
    let f = parse_feed(&utf16, "https://ktw.example.org/atom.xml").unwrap();
    assert_eq!(f.entries.len(), 2);
    // An unknown encoding label is read as UTF-8 with a warning.
    let odd = std::str::from_utf8(ATOM).unwrap().replace("encoding=\"utf-8\"", "encoding=\"x-klingon\"");
    let f = parse_feed(odd.as_bytes(), "https://k.example/").unwrap();
    assert_eq!(f.entries.len(), 2);
    assert_eq!(f.warnings, vec!["https://k.example/: unknown encoding \"x-klingon\"; read as UTF-8"]);
}

#[test]
fn http_charset_is_used_only_without_a_declaration() {
    let bytes = W1256;
    let decl = b" encoding=\"windows-1256\"";
    let at = bytes.windows(decl.len()).position(|w| w == decl).unwrap();
    let mut raw = bytes[..at].to_vec();
    raw.extend_from_slice(&bytes[at + decl.len()..]);
    let f = hewal::feeds::parse_feed_with_charset(&raw, "https://w.example/", Some("windows-1256")).unwrap();
    assert_eq!(f.entries[0].title, "هەواڵی کۆبوونەوەی ناتۆ");
    // Without the charset the bytes are not UTF-8: replacement characters, no panic.
    let f = parse_feed(&raw, "https://w.example/").unwrap();
    assert!(f.entries[0].title.contains('\u{FFFD}'));
    // The declaration wins over a wrong charset.
    let f = hewal::feeds::parse_feed_with_charset(W1256, "https://w.example/", Some("utf-8")).unwrap();
    assert_eq!(f.entries[0].title, "هەواڵی کۆبوونەوەی ناتۆ");
}

#[test]
fn escape_character_reference_in_xml() {
    // &#27; is not allowed in XML 1.0; whatever the parser does, no ESC reaches the output.
    let xml = "<rss version=\"2.0\"><channel><title>t</title><item><guid>e</guid><title>&#27;[31mred &#x202E;x</title><description>d</description></item></channel></rss>";
    match parse_feed(xml.as_bytes(), FEED_URL) {
        Ok(f) => assert_eq!(f.entries[0].title, "[31mred \u{202E}x"),
        Err(e) => {
            println!("message: {e}");
            assert!(matches!(e, FeedError::Parse { .. }))
        }
    }
}

#[test]
fn malformed_and_non_feeds_are_errors() {
    let e = parse_feed(MALFORMED, FEED_URL).unwrap_err();
    println!("message: {e}");
    assert!(matches!(e, FeedError::Parse { .. }));
    assert!(
        e.to_string().starts_with(&format!("{FEED_URL}: not a valid RSS, Atom or JSON feed (unable to parse XML:")),
        "{e}"
    );
    for bad in
        [&b""[..], b"   ", b"hello", b"<html><body>page</body></html>", b"{\"not\": \"a feed\"}", b"\xff\xfe\x00"]
    {
        assert!(matches!(parse_feed(bad, FEED_URL), Err(FeedError::Parse { .. })), "{bad:?}");
    }
}

#[test]
fn billion_laughs_is_not_expanded() {
    let t = std::time::Instant::now();
    let f = parse_feed(LAUGHS, FEED_URL).unwrap();
    assert!(t.elapsed() < std::time::Duration::from_secs(2));
    assert_eq!(f.title.as_deref(), Some("&lol9;"));
    assert_eq!(f.entries[0].title, "laughs &lol9;");
    assert_eq!(f.entries[0].body, "&lol9;&lol9;");
}

#[test]
fn huge_entry_is_truncated_with_a_warning() {
    let para = "<p>".to_string() + &"ووشە word ".repeat(100) + "</p>";
    let n = MAX_ENTRY_TEXT_BYTES / (para.len() - 7) + 50;
    let body = para.repeat(n);
    let xml = format!(
        "<rss version=\"2.0\"><channel><title>big</title><item><title>گەورە</title><guid>big-1</guid><description><![CDATA[{body}]]></description></item><item><title>small</title><guid>s</guid><description>ok</description></item></channel></rss>"
    );
    let f = parse_feed(xml.as_bytes(), FEED_URL).unwrap();
    assert_eq!(f.entries.len(), 2);
    let b = &f.entries[0].body;
    assert!(b.len() <= MAX_ENTRY_TEXT_BYTES + 10, "{}", b.len());
    assert!(b.ends_with("\n\n[…]"));
    assert_eq!(f.entries[1].body, "ok");
    assert_eq!(f.warnings.len(), 1);
    assert!(f.warnings[0].starts_with(&format!("{FEED_URL}: entry \"گەورە\" has ")), "{}", f.warnings[0]);
    assert!(f.warnings[0].ends_with(&format!("bytes of text, over the limit of {MAX_ENTRY_TEXT_BYTES}; truncated")));
}

#[test]
fn rss_0_91_and_1_0_parse() {
    let rss091 = "<rss version=\"0.91\"><channel><title>old</title><item><title>x</title><link>https://o.example/x</link><description>d</description></item></channel></rss>";
    let f = parse_feed(rss091.as_bytes(), FEED_URL).unwrap();
    assert_eq!(f.entries[0].key, "link:https://o.example/x");
    let rdf = "<?xml version=\"1.0\"?><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\">\
        <channel rdf:about=\"https://r.example/\"><title>rdf</title><link>https://r.example/</link><description>d</description></channel>\
        <item rdf:about=\"https://r.example/1\"><title>one</title><link>https://r.example/1</link><description>&lt;p&gt;یەک&lt;/p&gt;</description></item></rdf:RDF>";
    let f = parse_feed(rdf.as_bytes(), FEED_URL).unwrap();
    assert_eq!(f.entries.len(), 1);
    assert_eq!(f.entries[0].body, "یەک");
}

/// Atom 0.3 (the draft before 1.0) is read as newsboat reads it: titles,
/// links, dates, and content in each of its modes.
#[test]
fn atom_0_3_is_read() {
    let f = parse_feed(include_bytes!("data/feeds/atom-0.3.xml"), "https://example.org/atom.xml").unwrap();
    assert_eq!(f.title.as_deref(), Some("هەواڵی کوردستان"));
    let titles: Vec<&str> = f.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["هەولێر: ڕاپۆرتی نوێ", "Base64 content", "Inline XHTML"]);
    let e = &f.entries[0];
    assert_eq!(e.url.as_deref(), Some("https://example.org/1"));
    assert!(e.body.contains("دەقی هەواڵەکە لە هەولێرەوە."), "{:?}", e.body);
    assert_eq!(e.published, Some(1_102_940_969));
    assert!(f.entries[1].body.contains("دەقی بنکەوتوو"), "{:?}", f.entries[1].body);
    assert!(f.entries[1].published.is_some());
    assert!(f.entries[2].body.contains("Erbil & Slemani"), "{:?}", f.entries[2].body);
}

/// RSS as found in the wild: no `version` on `<rss>`, or items straight
/// under it with no `<channel>`, is still a feed.
#[test]
fn rss_without_a_version_or_a_channel_is_a_feed() {
    let no_version = r#"<?xml version="1.0"?>
<!-- a comment first -->
<rss xmlns:itunes="http://www.itunes.com/DTDs/Podcast-1.0.dtd"><channel><title>هەواڵ</title>
<item><title>یەکەم</title><link>https://example.org/1</link></item></channel></rss>"#;
    let f = parse_feed(no_version.as_bytes(), "https://example.org/feed").unwrap();
    assert_eq!(f.entries.len(), 1);
    assert_eq!(f.entries[0].title, "یەکەم");
    let no_channel = r#"<rss><item><title>دووەم</title><description><![CDATA[<img alt="&#169;" /> دەق]]></description></item></rss>"#;
    let f = parse_feed(no_channel.as_bytes(), "https://example.org/feed").unwrap();
    assert_eq!(f.entries.len(), 1);
    assert_eq!(f.entries[0].title, "دووەم");
    // Neither touches a feed that has both, nor one that is not RSS.
    assert!(parse_feed(b"<html><body>not a feed</body></html>", "https://example.org/").is_err());
    // RSS 0.93 and 0.94 (2.0's drafts) and stray spellings read as 2.0.
    for version in ["0.93", "0.94", " 2.0 ", "2.00"] {
        let doc = format!(
            "<rss version='{version}'><channel><title>t</title>\
             <item><title>سێیەم</title><link>https://example.org/3</link></item></channel></rss>"
        );
        let f = parse_feed(doc.as_bytes(), "https://example.org/feed").unwrap_or_else(|e| panic!("{version}: {e}"));
        assert_eq!(f.entries.len(), 1, "{version}");
    }
}

/// RSS 1.0 items named only by `rdf:about` (no `<link>`) are read, with
/// that URI as their link, as newsboat and feedparser read them.
#[test]
fn rss_1_0_items_named_by_rdf_about_are_read() {
    let f = parse_feed(include_bytes!("data/feeds/rss-1.0-about.rdf"), "https://example.org/ckb/index.rdf").unwrap();
    let got: Vec<(&str, Option<&str>)> = f.entries.iter().map(|e| (e.title.as_str(), e.url.as_deref())).collect();
    assert_eq!(
        got,
        [
            ("کۆبوونەوەی پەرلەمان لە هەولێر", Some("https://example.org/ckb/1")),
            ("", Some("https://example.org/ckb/2")),
            ("With its own link", Some("https://example.org/ckb/three")),
        ]
    );
    assert_eq!(f.entries[0].published, Some(1_740_819_600));
    assert!(f.entries[1].body.contains("Only a description"));
}

/// An Atom entry whose title is of a media type feed-rs does not know
/// (base64, as RFC 4287 says) does not make the whole feed "not a feed".
#[test]
fn atom_text_of_another_media_type_is_read_as_text() {
    let doc = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>هەواڵ</title><id>urn:f</id>
<entry><id>urn:1</id><title type="application/octet-stream">2YfbldmI2YTbjtix</title>
<link href="https://example.org/1"/><summary type="text/plain">دەق &amp; وێنە</summary></entry>
<entry><id>urn:2</id><title>ئاسایی</title><link href="https://example.org/2"/></entry></feed>"#;
    let f = parse_feed(doc.as_bytes(), "https://example.org/atom").unwrap();
    let titles: Vec<&str> = f.entries.iter().map(|e| e.title.as_str()).collect();
    assert_eq!(titles, ["هەولێر", "ئاسایی"]);
    assert_eq!(f.entries[0].body, "دەق & وێنە");
}
