//! What an analyzer gives for a text, collected for assertions.

use tantivy::tokenizer::{TextAnalyzer, Token};

/// Every token `analyzer` gives for `text`: text, byte offsets, position.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    analyzer.token_stream(text).process(&mut |t: &Token| out.push(t.clone()));
    out
}

/// The texts of the tokens `analyzer` gives for `text`.
pub fn texts(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    tokens(analyzer, text).into_iter().map(|t| t.text).collect()
}

/// The terms `analyzer` gives for `word`, space-separated.
pub fn terms(analyzer: &mut TextAnalyzer, word: &str) -> String {
    texts(analyzer, word).join(" ")
}

/// Whether two words' terms (space-separated readings of one word each, as
/// [`terms`] gives them) share one: then a search for either finds the other.
pub fn meet(x: &str, y: &str) -> bool {
    x.split(' ').any(|t| y.split(' ').any(|u| u == t))
}
