//! The stemmed analyzer remembers stems per thread: what it gives must be
//! exactly `stem()` of each normalised word, the first time and from memory.

use hewal::search::analyzer::{exact_analyzer, stem, stemmed_analyzer};

fn tokens(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut ts = analyzer.token_stream(text);
    while let Some(t) = ts.next() {
        out.push(t.text.clone());
    }
    out
}

#[test]
fn remembered_stems_are_the_stemmers_own() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data");
    let mut text = String::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            text.push_str(&std::fs::read_to_string(p).unwrap());
            text.push('\n');
        }
    }
    let exact = tokens(&mut exact_analyzer(), &text);
    let want: Vec<String> = exact.iter().map(|w| if w.is_ascii() { w.clone() } else { stem(w) }).collect();
    assert!(want.len() > 500, "{}", want.len());
    let mut analyzer = stemmed_analyzer();
    // The first pass fills the memo, the second reads from it.
    for _ in 0..2 {
        assert_eq!(tokens(&mut analyzer, &text), want);
    }
}
