//! Feeds in every encoding a feed may arrive in: decoded before the XML
//! parser sees them, never a panic, never "not a feed".

use hewal::feeds::parse_feed;

const RSS: &str = r#"<?xml version="1.0" encoding="ENC"?>
<rss version="2.0"><channel><title>هەواڵی کوردستان</title><link>https://example.org/</link>
<item><title>هەولێر: ڕاپۆرتی نوێ</title><link>https://example.org/1</link>
<description>دەقی هەواڵەکە لە هەولێرەوە.</description><guid>1</guid></item>
</channel></rss>"#;

fn utf16(text: &str, be: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let units = (if bom { Some(0xFEFF) } else { None }).into_iter().chain(text.encode_utf16());
    for u in units {
        out.extend(if be { u.to_be_bytes() } else { u.to_le_bytes() });
    }
    out
}

fn utf32(text: &str, be: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    let chars = (if bom { Some(0xFEFF) } else { None }).into_iter().chain(text.chars().map(u32::from));
    for c in chars {
        out.extend(if be { c.to_be_bytes() } else { c.to_le_bytes() });
    }
    out
}

#[track_caller]
fn assert_read(bytes: &[u8], what: &str) {
    let feed = parse_feed(bytes, "https://example.org/feed.xml").unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(feed.title.as_deref(), Some("هەواڵی کوردستان"), "{what}");
    assert_eq!(feed.entries.len(), 1, "{what}");
    assert_eq!(feed.entries[0].title, "هەولێر: ڕاپۆرتی نوێ", "{what}");
    assert!(feed.entries[0].body.contains("هەولێرەوە"), "{what}: {:?}", feed.entries[0].body);
}

#[test]
fn utf16_and_utf32_with_and_without_a_byte_order_mark_are_read() {
    for label in ["UTF-16", "UCS-2", "ISO-10646-UCS-2", "csUnicode", "UTF-32"] {
        let text = RSS.replace("ENC", label);
        for be in [true, false] {
            for bom in [true, false] {
                let order = if be { "BE" } else { "LE" };
                assert_read(&utf16(&text, be, bom), &format!("{label} as UTF-16{order}, BOM {bom}"));
                assert_read(&utf32(&text, be, bom), &format!("{label} as UTF-32{order}, BOM {bom}"));
            }
        }
    }
}

#[test]
fn a_declared_encoding_that_is_not_the_documents_is_not_fatal() {
    // Says UTF-16 but is plain UTF-8, as some servers send it.
    assert_read(RSS.replace("ENC", "UTF-16").as_bytes(), "UTF-8 labelled UTF-16");
    assert_read(RSS.replace("ENC", "UTF-8").as_bytes(), "UTF-8");
    // Truncated in the middle of a UTF-16 code unit: an error or a feed,
    // never a panic.
    let bytes = utf16(&RSS.replace("ENC", "UTF-16"), true, false);
    for cut in [1, 2, 3, 7, bytes.len() / 2, bytes.len() - 1] {
        let _ = parse_feed(&bytes[..cut], "https://example.org/feed.xml");
    }
}

/// Found by the fuzzer (scripts/fuzz.sh feed): a mangled XML declaration
/// that still names an encoding made the XML parser switch decoders in the
/// middle of the document and panic. Each must be a feed or an error of
/// its own, never "the feed parser failed".
#[test]
fn a_mangled_declaration_naming_an_encoding_is_never_a_parser_failure() {
    let names = [
        "mangled-declaration-1.xml",
        "mangled-declaration-2.xml",
        "mangled-declaration-3.xml",
        "declaration-after-junk-1.xml",
        "declaration-after-junk-2.xml",
    ];
    for name in names {
        let bytes = std::fs::read(format!("{}/tests/data/feeds/fuzz/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let caught = hewal::panics::catch_quietly(|| parse_feed(&bytes, "https://example.org/feed.xml"));
        let outcome = caught.unwrap_or_else(|panic| panic!("{name}: the parser panicked: {panic}"));
        if let Err(e) = outcome {
            assert!(!e.to_string().contains("the feed parser failed"), "{name}: {e}");
        }
    }
}
