//! The search box's syntax: an input split into complete words, the word
//! being typed, quoted phrases and exclusions.
//!
//! Parsing knows nothing of analyzers or the index: it only decides which
//! part of the input is which, so that the builder can give each part its
//! meaning (see the parent module for the semantics). It never fails, since
//! the input is read on every keystroke: a quote left open while typing runs
//! to the end of the input, and a lone `-` is an ordinary word.

/// A search box input, split into its parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Complete words (followed by a space or another token).
    pub words: Vec<String>,
    /// The last word when no space follows it yet.
    pub partial: Option<String>,
    /// Quoted phrases, without their quotes.
    pub phrases: Vec<String>,
    /// Words after a `-`, without it.
    pub excluded: Vec<String>,
}

impl ParsedQuery {
    /// Split the input. Quotes may be left open while typing.
    pub fn parse(input: &str) -> ParsedQuery {
        let mut q = ParsedQuery::default();
        let mut rest = input;
        let mut last_word: Option<String> = None;
        loop {
            rest = rest.trim_start();
            if rest.is_empty() {
                break;
            }
            if let Some(after) = rest.strip_prefix('"') {
                let end = after.find('"').unwrap_or(after.len());
                q.words.extend(last_word.take());
                q.phrases.push(after[..end].to_owned());
                rest = after.get(end + 1..).unwrap_or("");
                continue;
            }
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let word = &rest[..end];
            rest = &rest[end..];
            q.words.extend(last_word.take());
            if let Some(ex) = word.strip_prefix('-').filter(|w| !w.is_empty()) {
                q.excluded.push(ex.to_owned());
            } else {
                last_word = Some(word.to_owned());
            }
        }
        if let Some(w) = last_word {
            if input.ends_with(char::is_whitespace) {
                q.words.push(w);
            } else {
                q.partial = Some(w);
            }
        }
        q
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_splits_words_partial_phrases_and_exclusions() {
        let q = ParsedQuery::parse("وڵات \"سەرۆکی ھەرێم\" -نەوت hew");
        assert_eq!(q.words, ["وڵات"]);
        assert_eq!(q.phrases, ["سەرۆکی ھەرێم"]);
        assert_eq!(q.excluded, ["نەوت"]);
        assert_eq!(q.partial.as_deref(), Some("hew"));
        let q = ParsedQuery::parse("a b ");
        assert_eq!((q.words.len(), q.partial), (2, None));
        let q = ParsedQuery::parse("\"open phr");
        assert_eq!(q.phrases, ["open phr"]);
        assert_eq!(ParsedQuery::parse("  "), ParsedQuery::default());
        assert_eq!(ParsedQuery::parse("-").partial.as_deref(), Some("-"));
    }
}
