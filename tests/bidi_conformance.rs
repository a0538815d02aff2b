//! UAX #9 conformance: every case of BidiTest.txt and BidiCharacterTest.txt
//! (Unicode 15.0, vendored gzip-compressed from Debian's unicode-data) run
//! through hewal's own line-level API: `bidi::resolve` for the paragraph,
//! then `bidi::apply_l1` and `bidi::visual_order` on the line (the whole
//! paragraph is one line here). Failures are collected, not stopped at.

use flate2::read::GzDecoder;
use hewal::text::bidi::{apply_l1, removed_by_x9, resolve, visual_order};
use hewal::text::BaseDirection;
use std::io::Read;

fn gunzip(bytes: &[u8]) -> String {
    let mut s = String::new();
    GzDecoder::new(bytes).read_to_string(&mut s).expect("valid gzip");
    s
}

/// What hewal computes for `text`: paragraph level, levels after L1 (None
/// for X9-removed chars) and the visual order of the remaining chars.
fn run(text: &str, dir: BaseDirection) -> (u8, Vec<Option<u8>>, Vec<usize>) {
    let r = resolve(text, dir);
    let mut levels = r.levels.clone();
    apply_l1(&mut levels, &r.classes, r.para_level);
    let kept: Vec<usize> = (0..levels.len()).filter(|&i| !removed_by_x9(r.classes[i])).collect();
    let kept_levels: Vec<u8> = kept.iter().map(|&i| levels[i]).collect();
    let order = visual_order(&kept_levels).into_iter().map(|k| kept[k]).collect();
    let shown = (0..levels.len()).map(|i| (!removed_by_x9(r.classes[i])).then_some(levels[i])).collect();
    (r.para_level, shown, order)
}

fn parse_levels(s: &str) -> Vec<Option<u8>> {
    s.split_whitespace().map(|t| t.parse().ok()).collect()
}

fn parse_order(s: &str) -> Vec<usize> {
    s.split_whitespace().map(|t| t.parse().unwrap()).collect()
}

/// A representative char for each bidi class named in BidiTest.txt.
fn class_char(name: &str) -> char {
    match name {
        "L" => 'a',
        "R" => '\u{05D0}',
        "AL" => '\u{0627}',
        "EN" => '1',
        "ES" => '+',
        "ET" => '$',
        "AN" => '\u{0660}',
        "CS" => ',',
        "NSM" => '\u{0300}',
        "BN" => '\u{200B}',
        "B" => '\u{2029}',
        "S" => '\t',
        "WS" => ' ',
        "ON" => '!',
        "LRE" => '\u{202A}',
        "RLE" => '\u{202B}',
        "PDF" => '\u{202C}',
        "LRO" => '\u{202D}',
        "RLO" => '\u{202E}',
        "LRI" => '\u{2066}',
        "RLI" => '\u{2067}',
        "FSI" => '\u{2068}',
        "PDI" => '\u{2069}',
        other => panic!("unknown class {other}"),
    }
}

struct Failures {
    name: &'static str,
    passed: usize,
    failed: Vec<String>,
}

impl Failures {
    fn new(name: &'static str) -> Self {
        Failures { name, passed: 0, failed: Vec::new() }
    }

    fn check(&mut self, ok: bool, what: impl FnOnce() -> String) {
        if ok {
            self.passed += 1;
        } else {
            self.failed.push(what());
        }
    }

    fn finish(self) {
        let n = self.failed.len();
        println!("{}: {} passed, {} failed", self.name, self.passed, n);
        if n > 0 {
            panic!(
                "{}: {n} of {} cases failed\nfirst: {}\nlast: {}",
                self.name,
                n + self.passed,
                self.failed[0],
                self.failed[n - 1]
            );
        }
        assert!(self.passed > 0, "no cases read");
    }
}

#[test]
fn bidi_character_test() {
    let data = gunzip(include_bytes!("data/unicode/BidiCharacterTest.txt.gz"));
    assert!(data.starts_with("# BidiCharacterTest-15.") || data.starts_with("# BidiCharacterTest-16."));
    let mut f = Failures::new("BidiCharacterTest.txt");
    for (n, line) in data.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split(';').collect();
        let text: String = fields[0]
            .split_whitespace()
            .map(|h| char::from_u32(u32::from_str_radix(h, 16).unwrap()).unwrap())
            .collect();
        let dir = match fields[1] {
            "0" => BaseDirection::Ltr,
            "1" => BaseDirection::Rtl,
            _ => BaseDirection::Auto,
        };
        let want_para: u8 = fields[2].parse().unwrap();
        let want_levels = parse_levels(fields[3]);
        let want_order = parse_order(fields[4]);
        let (para, levels, order) = run(&text, dir);
        let ok = para == want_para && levels == want_levels && order == want_order;
        f.check(ok, || format!("line {}: {line}\n  got para {para} levels {levels:?} order {order:?}", n + 1));
    }
    f.finish();
}

#[test]
fn bidi_test() {
    let data = gunzip(include_bytes!("data/unicode/BidiTest.txt.gz"));
    assert!(data.starts_with("# BidiTest-15.") || data.starts_with("# BidiTest-16."));
    let mut f = Failures::new("BidiTest.txt");
    let (mut want_levels, mut want_order) = (Vec::new(), Vec::new());
    for (n, line) in data.lines().enumerate() {
        if let Some(rest) = line.strip_prefix("@Levels:") {
            want_levels = parse_levels(rest);
            continue;
        }
        if let Some(rest) = line.strip_prefix("@Reorder:") {
            want_order = parse_order(rest);
            continue;
        }
        if line.starts_with('#') || line.starts_with('@') || line.trim().is_empty() {
            continue;
        }
        let (classes, bits) = line.split_once(';').unwrap();
        let text: String = classes.split_whitespace().map(class_char).collect();
        let bits: u8 = bits.trim().parse().unwrap();
        let dirs = [(1, BaseDirection::Auto), (2, BaseDirection::Ltr), (4, BaseDirection::Rtl)];
        for (bit, dir) in dirs {
            if bits & bit == 0 {
                continue;
            }
            let (_, levels, order) = run(&text, dir);
            let ok = levels == want_levels && order == want_order;
            f.check(ok, || {
                format!(
                    "line {} ({dir:?}): {line}\n  want {want_levels:?} {want_order:?}\n  got  {levels:?} {order:?}",
                    n + 1
                )
            });
        }
    }
    f.finish();
}
