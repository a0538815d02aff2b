//! Tests for the synthetic corpus generator (`examples/hewal-gen.rs`).

#[path = "../examples/gen/mod.rs"]
mod gen;

use std::collections::BTreeSet;
use std::sync::OnceLock;

const N: u64 = 200;

fn model() -> &'static gen::Model {
    static M: OnceLock<gen::Model> = OnceLock::new();
    M.get_or_init(gen::Model::new)
}

fn run(count: u64, seed: u64, threads: usize) -> Vec<u8> {
    let mut out = Vec::new();
    let opts = gen::Options { count, seed, threads };
    let sum = gen::generate(model(), &opts, &mut out).unwrap();
    assert_eq!(sum.articles, count);
    assert_eq!(sum.bytes, out.len() as u64);
    out
}

fn lines(bytes: &[u8]) -> Vec<serde_json::Value> {
    let text = std::str::from_utf8(bytes).expect("UTF-8 output");
    assert!(text.ends_with('\n'), "output ends with a newline");
    text.lines().map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("bad JSON line {l:?}: {e}"))).collect()
}

fn field<'a>(v: &'a serde_json::Value, name: &str) -> &'a str {
    v[name].as_str().unwrap_or_else(|| panic!("field {name} missing or not a string in {v}"))
}

#[test]
fn deterministic_and_thread_independent() {
    let a = run(N, 7, 1);
    let b = run(N, 7, 1);
    assert!(a == b, "two runs with the same seed differ");
    let c = run(N, 7, 3);
    assert!(a == c, "output depends on the thread count");
    // Article n does not depend on --count: a shorter run is a prefix.
    let short = run(N / 4, 7, 2);
    assert!(a.starts_with(&short));
    let other = run(N, 8, 1);
    assert!(a != other, "different seeds give the same output");
}

#[test]
fn exact_count_and_required_fields() {
    let seed = 42;
    let out = run(N, seed, 2);
    let arts = lines(&out);
    assert_eq!(arts.len() as u64, N);
    let sources: BTreeSet<&str> = model().sources().iter().map(|s| s.as_str()).collect();
    assert_eq!(sources.len(), 50, "50 distinct sources");
    let mut seen_sources = BTreeSet::new();
    for (n, a) in arts.iter().enumerate() {
        let obj = a.as_object().expect("an object");
        for k in ["id", "title", "body", "url", "published", "source", "lang"] {
            assert!(obj.contains_key(k), "line {n}: no {k}");
        }
        assert_eq!(obj.len(), 7);
        assert_eq!(field(a, "id"), format!("gen-{seed}-{n}"));
        assert_eq!(field(a, "url"), format!("https://example.org/gen/{n}"));
        assert_eq!(field(a, "lang"), "ckb");
        let source = field(a, "source");
        assert!(sources.contains(source), "unknown source {source}");
        seen_sources.insert(source);
    }
    assert!(seen_sources.len() >= 20, "sources are spread out");
}

#[test]
fn lengths_within_limits() {
    let arts = lines(&run(N, 3, 1));
    let mut body_lens = Vec::new();
    for a in &arts {
        let title = field(a, "title");
        let tw = title.split_whitespace().count();
        assert!((5..=15).contains(&tw), "title has {tw} words: {title}");
        assert!(!title.contains('\n'));
        let body = field(a, "body");
        let bw = body.split_whitespace().count();
        assert!((100..=2000).contains(&bw), "body has {bw} words");
        body_lens.push(bw);
        assert!(!body.contains("\n\n\n") && !body.starts_with('\n') && !body.ends_with('\n'));
        for para in body.split("\n\n") {
            assert!(!para.contains('\n'), "a single newline inside a paragraph");
            assert!(para.ends_with('.'), "paragraph does not end a sentence: {para}");
            for sentence in para.split(". ") {
                let words = sentence.split_whitespace().count();
                assert!((6..=25).contains(&words), "sentence of {words} words");
            }
        }
    }
    // Skewed: most bodies short, a few long.
    body_lens.sort_unstable();
    let median = body_lens[body_lens.len() / 2];
    let max = *body_lens.last().unwrap();
    assert!((150..=600).contains(&median), "median body length {median}");
    assert!(max >= 2 * median, "no long tail: max {max}, median {median}");
}

#[test]
fn published_is_rfc3339_in_range() {
    use time::format_description::well_known::Rfc3339;
    let arts = lines(&run(N, 5, 1));
    let mut years = BTreeSet::new();
    for a in &arts {
        let p = field(a, "published");
        let t =
            time::OffsetDateTime::parse(p, &Rfc3339).unwrap_or_else(|e| panic!("published {p:?} is not RFC 3339: {e}"));
        assert!((2019..=2026).contains(&t.year()), "{p}");
        years.insert(t.year());
    }
    assert!(years.len() >= 6, "dates spread over the years: {years:?}");
}

#[test]
fn mixed_scripts_and_numbers() {
    let arts = lines(&run(N, 11, 1));
    let texts: Vec<String> = arts.iter().map(|a| format!("{} {}", field(a, "title"), field(a, "body"))).collect();
    let latin = texts.iter().filter(|t| t.chars().any(|c| c.is_ascii_alphabetic())).count();
    let digits = texts.iter().filter(|t| t.chars().any(|c| c.is_ascii_digit())).count();
    let arabic_digits = texts.iter().filter(|t| t.chars().any(|c| ('٠'..='٩').contains(&c))).count();
    assert!(latin > 0 && digits > 0 && arabic_digits > 0);
    // Mostly Sorani: Arabic-script letters dominate.
    let all: String = texts.concat();
    let arabic = all.chars().filter(|c| ('\u{0600}'..='\u{06FF}').contains(c)).count();
    let ascii_alpha = all.chars().filter(|c| c.is_ascii_alphabetic()).count();
    assert!(arabic > 20 * ascii_alpha);
    // Quotes of both kinds survive JSON escaping.
    assert!(all.contains('«') && all.contains('»'));
    assert!(all.contains('"'));
}

#[test]
fn zipf_and_inflection() {
    let arts = lines(&run(N, 13, 1));
    let mut counts = std::collections::BTreeMap::<&str, u64>::new();
    for a in &arts {
        for w in field(a, "body").split_whitespace() {
            let w = w.trim_matches(|c: char| "،.«»\"()".contains(c));
            *counts.entry(w).or_default() += 1;
        }
    }
    let mut by_freq: Vec<(u64, &str)> = counts.iter().map(|(w, c)| (*c, *w)).collect();
    by_freq.sort_unstable_by(|a, b| b.cmp(a));
    let total: u64 = by_freq.iter().map(|x| x.0).sum();
    // The top words are the samples' top function words.
    let top: Vec<&str> = by_freq[..3].iter().map(|x| x.1).collect();
    assert!(top.contains(&"لە") && top.contains(&"و"), "top words {top:?}");
    let p1 = by_freq[0].0 as f64 / total as f64;
    assert!((0.03..0.12).contains(&p1), "top word share {p1}");
    // Roughly rank-frequency ~ 1/r: rank 10 is several times rarer than rank 1.
    let ratio = by_freq[0].0 as f64 / by_freq[9].0 as f64;
    assert!((2.0..15.0).contains(&ratio), "f(1)/f(10) = {ratio}");
    // Inflected forms the samples never had appear.
    let model = model();
    let vocab: BTreeSet<&str> = (0..model.vocabulary_len()).map(|r| model.word(r).0).collect();
    assert!(vocab.len() > 1500, "vocabulary of {}", vocab.len());
    let new_forms = counts
        .keys()
        .filter(|w| !vocab.contains(*w) && w.chars().all(|c| ('\u{0600}'..='\u{06FF}').contains(&c)))
        .count();
    assert!(new_forms > 500, "only {new_forms} new inflected forms");
    assert!(counts.keys().any(|w| w.ends_with("ەکان") && !vocab.contains(w)));
}
