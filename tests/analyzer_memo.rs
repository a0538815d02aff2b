//! The stemmed analyzer remembers stems per thread: what it gives must be
//! exactly `stem()` of each normalised word, the first time and from memory.

use hewal::search::analyzer::{exact_analyzer, stem, stemmed_analyzer, token_groups};

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
    let exact: Vec<String> = token_groups(&mut exact_analyzer(), &text).into_iter().flatten().collect();
    let primary: Vec<String> = exact.iter().map(|w| if w.is_ascii() { w.clone() } else { stem(w) }).collect();
    assert!(primary.len() > 500, "{}", primary.len());
    let mut analyzer = stemmed_analyzer();
    // The first pass fills the memo, the second reads from it: the same
    // readings in the same order, the first of each being `stem()`'s.
    let first = token_groups(&mut analyzer, &text);
    let again = token_groups(&mut analyzer, &text);
    assert_eq!(first, again);
    let got: Vec<String> = first.iter().map(|g| g[0].clone()).collect();
    assert_eq!(got, primary);
    assert!(first.iter().any(|g| g.len() > 1), "some word in the samples has a second reading");
}
