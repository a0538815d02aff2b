//! The Sorani test sets under tests/data/sorani/ and the helpers both the
//! accuracy test and the Lucene comparison read them with.

use tantivy::tokenizer::{TextAnalyzer, TokenStream};

/// group, surface form, expected stem.
pub const STEMS: &str = include_str!("../data/sorani/stems.tsv");
/// Pairs of different words that must keep different stems.
pub const NO_CONFLATE: &str = include_str!("../data/sorani/no_conflate.tsv");
/// Held-out pairs from the sample articles, same format as `STEMS`.
pub const HELDOUT: &str = include_str!("../data/sorani/heldout.tsv");

/// The tab-separated fields of each data line (blank lines and `#` comments skipped).
pub fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}

/// The terms `a` gives for `word`, space-separated.
pub fn analyze(a: &mut TextAnalyzer, word: &str) -> String {
    let mut ts = a.token_stream(word);
    let mut out = Vec::new();
    while ts.advance() {
        out.push(ts.token().text.clone());
    }
    out.join(" ")
}
