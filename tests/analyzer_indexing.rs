//! The index writer analyses each text once for its stemmed, exact, prefix,
//! and Latin-key fields (`analyzer::indexing_analyzers`). The tokens it indexes
//! must be exactly those of the plain analyzers: same text, offsets,
//! positions.
//! Compared here over the sample data, the bidi test data, a generated
//! corpus and edge cases.

#[path = "../examples/gen/mod.rs"]
#[allow(unused_imports)]
mod gen;

use hewal::search::analyzer::{
    exact_analyzer, indexing_analyzers, latin_analyzer, prefix_analyzer, replays_on_this_thread, stemmed_analyzer,
    SORANI_EXACT, SORANI_LATIN, SORANI_PREFIX, SORANI_STEMMED,
};
mod util;

use util::tokens::tokens;

/// Index `texts` as tantivy indexes a document with them (all stemmed
/// fields, then all exact fields, then all prefix fields, then the Latin
/// keys) and compare with the plain analyzers.
/// Returns how many fields were replayed.
fn check(texts: &[&str]) -> u64 {
    let manager = indexing_analyzers();
    let before = replays_on_this_thread();
    let pairs = [
        (SORANI_STEMMED, stemmed_analyzer()),
        (SORANI_EXACT, exact_analyzer()),
        (SORANI_PREFIX, prefix_analyzer()),
        (SORANI_LATIN, latin_analyzer()),
    ];
    for (name, mut plain) in pairs {
        let mut indexing = manager.get(name).unwrap();
        for t in texts {
            assert_eq!(tokens(&mut indexing, t), tokens(&mut plain, t), "{name} tokens of {t:?}");
        }
    }
    replays_on_this_thread() - before
}

fn jsonl_texts(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| (v["title"].as_str().unwrap_or("").to_owned(), v["body"].as_str().unwrap_or("").to_owned()))
        .collect()
}

fn check_articles(articles: &[(String, String)]) {
    assert!(!articles.is_empty());
    for (title, body) in articles {
        // Each document: title and body, as the writer sees them.
        assert_eq!(check(&[title, body]), 6, "every field after the stemmed ones replayed");
    }
}

#[test]
fn sample_data_tokens_are_identical() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    check_articles(&jsonl_texts(&std::fs::read_to_string(root.join("sample-data/articles.jsonl")).unwrap()));
    check_articles(&jsonl_texts(&std::fs::read_to_string(root.join("tests/data/bidi_mixed.jsonl")).unwrap()));
    for e in std::fs::read_dir(root.join("sample-data")).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let text = std::fs::read_to_string(&p).unwrap();
            assert_eq!(check(&[&text]), 3);
        }
    }
}

#[test]
fn generated_corpus_tokens_are_identical() {
    let mut out = Vec::new();
    let opts = gen::Options { count: 300, seed: 7, threads: 1 };
    gen::generate(&gen::Model::new(), &opts, &mut out).unwrap();
    check_articles(&jsonl_texts(std::str::from_utf8(&out).unwrap()));
}

#[test]
fn edge_cases_tokens_are_identical() {
    let long = "ب".repeat(200); // 400 bytes: dropped by the length filter
    let cases = [
        "",
        " ",
        "ـ ـ", // tatweel only: normalises to nothing
        "\u{064E} word",
        &format!("سەرەتا {long} کۆتایی"),
        "ده‌وڵه‌ت Weeklyی ٢٠٢٤دا COVID19 ١٤ی ئازار",
        "same text twice",
    ];
    for c in cases {
        assert_eq!(check(&[c]), 3, "{c:?}");
    }
    // The same text in both fields of one document, and texts analysed out
    // of order: still the same tokens.
    check(&["same text twice", "same text twice"]);
    let manager = indexing_analyzers();
    let mut exact_ix = manager.get(SORANI_EXACT).unwrap();
    assert_eq!(tokens(&mut exact_ix, "never recorded"), tokens(&mut exact_analyzer(), "never recorded"));
    let mut prefix_ix = manager.get(SORANI_PREFIX).unwrap();
    assert_eq!(tokens(&mut prefix_ix, "never recorded"), tokens(&mut prefix_analyzer(), "never recorded"));
}

#[test]
fn tokens_are_identical_when_the_writers_memory_of_words_starts_over() {
    // More distinct words than the writer's memory of words holds (65,536
    // a thread): it starts over on the way, and nothing changes.
    let letters: Vec<char> = "ابپتجچحخدرزسشعغفقکگل".chars().collect();
    let word = |mut n: usize| {
        let mut w = String::from("م");
        loop {
            w.push(letters[n % letters.len()]);
            n /= letters.len();
            if n == 0 {
                break w;
            }
        }
    };
    let texts: Vec<String> = (0..90)
        .map(|t| {
            let words: Vec<String> = (0..1_000).map(|i| word(t * 1_000 + i)).collect();
            format!("کوردستان {} کورد hewlêr {}", words.join(" "), word(t))
        })
        .collect();
    for pair in texts.chunks(2) {
        let pair: Vec<&str> = pair.iter().map(String::as_str).collect();
        assert_eq!(check(&pair), 6);
    }
}

/// Pieces of text that meet the rules with context or a changed length:
/// ه before and after other letters and a ZWNJ, marks and tatweel that
/// vanish, presentation forms and full-width letters that expand or shrink,
/// digits of three scripts, repeats, and tokens near the length limit.
const PIECES: &[&str] = &[
    " ", " ", ".", "،", "ه", "ە", "\u{200C}", "ـ", "\u{064E}", "\u{0654}", "ﻻ", "\u{FDF2}", "ك", "ي", "ی", "٢", "۴",
    "7", "Ａ", "A", "abc", "کورد", "ستان", "آ", "ڕ", "ێ", "ۆ", "و", "ان", "ەکان", "ی", "\u{202E}", "hewlêr",
];

proptest::proptest! {
    /// Any mix of the pieces, as title and body: the writer's tokens are the
    /// plain analyzers', and every field after the stemmed ones is replayed.
    #[test]
    fn tokens_are_identical_for_any_mix_of_tricky_pieces(
        title in proptest::collection::vec(proptest::sample::select(PIECES), 0..30),
        body in proptest::collection::vec(proptest::sample::select(PIECES), 0..120),
        long in 120usize..134,
    ) {
        // A word of `long` two-byte letters, either side of the length limit.
        let mut body = body.concat();
        body.push_str(&format!(" {} {}", "ب".repeat(long), body));
        proptest::prop_assert_eq!(check(&[&title.concat(), &body]), 6);
    }
}
