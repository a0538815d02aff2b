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

/// Characters of a query that are read; the rest is left out (a query is
/// typed, not pasted from a book, and each word costs index reads).
pub const MAX_QUERY_CHARS: usize = 500;
/// Words, phrases and exclusions of a query that are searched for.
pub const MAX_QUERY_TERMS: usize = 32;

/// Whether `input` is more than a query is searched for (see
/// [`MAX_QUERY_CHARS`] and [`MAX_QUERY_TERMS`]): the search uses its
/// beginning only.
pub fn is_cut(input: &str) -> bool {
    let q = ParsedQuery::parse_all(input);
    input.chars().count() > MAX_QUERY_CHARS
        || q.words.len() + q.phrases.len() + q.excluded.len() + usize::from(q.partial.is_some()) > MAX_QUERY_TERMS
}

impl ParsedQuery {
    /// Split the input, keeping its first [`MAX_QUERY_CHARS`] characters
    /// and [`MAX_QUERY_TERMS`] terms. Quotes may be left open while typing.
    pub fn parse(input: &str) -> ParsedQuery {
        let cut = input.char_indices().nth(MAX_QUERY_CHARS).map_or(input, |(i, _)| &input[..i]);
        let mut q = ParsedQuery::parse_all(cut);
        let mut room = MAX_QUERY_TERMS - usize::from(q.partial.is_some());
        for part in [&mut q.words, &mut q.phrases, &mut q.excluded] {
            part.truncate(room);
            room -= part.len();
        }
        q
    }

    fn parse_all(input: &str) -> ParsedQuery {
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
