//! The stemmed analyzer remembers stems per thread: what it gives must be
//! exactly `stem()` of each normalised word, the first time and from memory.

use hewal::search::analyzer::{exact_analyzer, stem, stemmed_analyzer};

/// Token texts, grouped by position (a word may have several readings).
fn groups(analyzer: &mut tantivy::tokenizer::TextAnalyzer, text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut last = None;
    let mut ts = analyzer.token_stream(text);
    while let Some(t) = ts.next() {
        match out.last_mut() {
            Some(g) if last == Some(t.position) => g.push(t.text.clone()),
            _ => out.push(vec![t.text.clone()]),
        }
        last = Some(t.position);
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
    let exact: Vec<String> = groups(&mut exact_analyzer(), &text).into_iter().flatten().collect();
    let primary: Vec<String> = exact.iter().map(|w| if w.is_ascii() { w.clone() } else { stem(w) }).collect();
    assert!(primary.len() > 500, "{}", primary.len());
    let mut analyzer = stemmed_analyzer();
    // The first pass fills the memo, the second reads from it: the same
    // readings in the same order, the first of each being `stem()`'s.
    let first = groups(&mut analyzer, &text);
    let again = groups(&mut analyzer, &text);
    assert_eq!(first, again);
    let got: Vec<String> = first.iter().map(|g| g[0].clone()).collect();
    assert_eq!(got, primary);
    assert!(first.iter().any(|g| g.len() > 1), "some word in the samples has a second reading");
}
