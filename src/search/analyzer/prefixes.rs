//! The beginnings of words, indexed for the word being typed.
//!
//! While a reader types, the last word matches every term it begins (see
//! `search::query`), from its first letter on. A beginning of one to four
//! letters has thousands of
//! completions at a million articles, and reading all of their posting lists
//! on every keystroke would be the slowest part of search
//! (docs/BENCHMARKS.md). So the fields `title_prefix` and `body_prefix`
//! index, for every exact (normalised, unstemmed) token, its first
//! [`INDEXED_PREFIX_CHARS`] characters: `کوردستان` gives `کو`, `کور` and
//! `کورد` (and `ک`); a token of two letters gives itself and its first. A
//! document holds a term beginning with `P` (of one to four characters)
//! exactly when it holds `P`
//! in the prefix field, so one posting list answers what thousands would,
//! with the same matches.

use rustc_hash::FxBuildHasher;
use std::collections::HashSet;
use std::ops::RangeInclusive;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Lengths, in characters, of the beginnings indexed.
pub const INDEXED_PREFIX_CHARS: RangeInclusive<usize> = 1..=4;

/// Token filter: each token becomes its beginnings of some lengths (those
/// it is long enough for), at its position and offsets: [`INDEXED_PREFIX_CHARS`]
/// for words ([`EdgePrefixes::WORDS`]).
#[derive(Clone, Copy, Debug)]
pub struct EdgePrefixes {
    shortest: usize,
    longest: usize,
}

impl EdgePrefixes {
    /// The beginnings of words that the prefix fields index.
    pub const WORDS: EdgePrefixes = EdgePrefixes::lengths(INDEXED_PREFIX_CHARS);

    /// Beginnings of `lengths` characters.
    pub const fn lengths(lengths: RangeInclusive<usize>) -> EdgePrefixes {
        EdgePrefixes { shortest: *lengths.start(), longest: *lengths.end() }
    }

    /// The byte ends in `word` of its beginnings, shortest first: those of
    /// these lengths that it is long enough for (the whole word is one when
    /// it is short).
    pub(super) fn ends(self, word: &str) -> impl Iterator<Item = usize> + '_ {
        // Byte ends of the first 1, 2, … characters, then the whole.
        let ends = word.char_indices().skip(1).map(|(i, _)| i).chain(std::iter::once(word.len()));
        (1..)
            .zip(ends)
            .take_while(move |&(n, _)| n <= self.longest)
            .filter(move |&(n, _)| n >= self.shortest)
            .map(|(_, end)| end)
    }
}

impl Default for EdgePrefixes {
    fn default() -> EdgePrefixes {
        EdgePrefixes::WORDS
    }
}

impl TokenFilter for EdgePrefixes {
    type Tokenizer<T: Tokenizer> = EdgePrefixesFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EdgePrefixesFilter<T> {
        EdgePrefixesFilter { tokenizer, lengths: self, given: Given::default() }
    }
}

/// The [`Tokenizer`] produced by [`EdgePrefixes`].
#[derive(Clone)]
pub struct EdgePrefixesFilter<T> {
    tokenizer: T,
    lengths: EdgePrefixes,
    given: Given,
}

/// The beginnings a text has given so far. Kept by the filter and cleared
/// for each text, so its room is allocated once per analyzer, not per text.
#[derive(Default)]
struct Given(HashSet<Beginning, FxBuildHasher>);

/// A beginning: up to four characters of up to four bytes, and its length.
type Beginning = ([u8; 16], u8);

impl Clone for Given {
    /// A copy starts empty: the set only ever holds one text's beginnings.
    fn clone(&self) -> Given {
        Given::default()
    }
}

impl Given {
    /// Whether `prefix` was given already; if not, it is now.
    fn repeat(&mut self, prefix: &[u8]) -> bool {
        let mut key = ([0; 16], prefix.len() as u8);
        match key.0.get_mut(..prefix.len()) {
            Some(room) => room.copy_from_slice(prefix),
            None => return false, // longer than four characters: never a repeat
        }
        !self.0.insert(key)
    }
}

impl<T: Tokenizer> Tokenizer for EdgePrefixesFilter<T> {
    type TokenStream<'a> = EdgePrefixesStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.given.0.clear();
        EdgePrefixesStream {
            lengths: self.lengths,
            tail: self.tokenizer.token_stream(text),
            token: Token::default(),
            ends: Vec::new(),
            given: &mut self.given,
        }
    }
}

/// The [`TokenStream`] of [`EdgePrefixesFilter`].
///
/// A text gives each beginning once: the prefix fields record only which
/// documents hold a term, so a repeat would add nothing but indexing work,
/// and words repeat a lot (`لە`, `کە`, `و`). A word whose longest beginning
/// was given already gives nothing, since its shorter beginnings were given
/// with it.
pub struct EdgePrefixesStream<'a, S> {
    lengths: EdgePrefixes,
    tail: S,
    token: Token,
    /// Byte ends, in the current source token, of the beginnings still to
    /// give, last first.
    ends: Vec<usize>,
    given: &'a mut Given,
}

impl<S: TokenStream> EdgePrefixesStream<'_, S> {
    /// Make the beginning of the source token that ends at byte `end` the
    /// current token.
    fn give(&mut self, end: usize) {
        let source = self.tail.token();
        self.token.text.clear();
        self.token.text.push_str(&source.text[..end]);
        self.token.offset_from = source.offset_from;
        self.token.offset_to = source.offset_to;
        self.token.position = source.position;
        self.token.position_length = source.position_length;
    }
}

impl<S: TokenStream> TokenStream for EdgePrefixesStream<'_, S> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(end) = self.ends.pop() {
                if self.given.repeat(&self.tail.token().text.as_bytes()[..end]) {
                    continue;
                }
                self.give(end);
                return true;
            }
            if !self.tail.advance() {
                return false;
            }
            let text = &self.tail.token().text;
            self.ends.extend(self.lengths.ends(text));
            // The longest first: when it is a repeat, so are the shorter
            // ones, given with it.
            let Some(longest) = self.ends.pop() else { continue };
            if self.given.repeat(&text.as_bytes()[..longest]) {
                self.ends.clear();
                continue;
            }
            self.ends.reverse();
            self.give(longest);
            return true;
        }
    }

    fn token(&self) -> &Token {
        &self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.token
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};

    fn prefixes(text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut a = TextAnalyzer::builder(WhitespaceTokenizer::default()).filter(EdgePrefixes::WORDS).build();
        let mut ts = a.token_stream(text);
        let mut out = Vec::new();
        while let Some(t) = ts.next() {
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    #[test]
    fn each_token_gives_its_beginnings_once_per_text() {
        let got = prefixes("کوردستان و لە ab abc abcde کورد");
        let want = [
            // The longest first, then the others.
            ("کورد", 0, 0, 16),
            ("ک", 0, 0, 16),
            ("کو", 0, 0, 16),
            ("کور", 0, 0, 16),
            // A one-letter token gives itself; a two-letter one itself and
            // its first letter.
            ("و", 1, 17, 19),
            ("لە", 2, 20, 24),
            ("ل", 2, 20, 24),
            ("ab", 3, 25, 27),
            ("a", 3, 25, 27),
            // Beginnings already given are not given again: a word whose
            // longest beginning was given gives nothing (the last `کورد`).
            ("abc", 4, 28, 31),
            ("abcd", 5, 32, 37),
        ];
        let want: Vec<_> = want.iter().map(|&(t, p, a, b)| (t.to_owned(), p, a, b)).collect();
        assert_eq!(got, want);
        assert!(prefixes("").is_empty());
    }

    proptest::proptest! {
        /// Every beginning of every word, each exactly once, whatever
        /// repeats and shares beginnings (a small alphabet makes many).
        #[test]
        fn every_beginning_once(words in proptest::collection::vec("[abکو]{1,6}", 0..40)) {
            let got: Vec<String> = prefixes(&words.join(" ")).into_iter().map(|t| t.0).collect();
            let mut want: Vec<String> = words
                .iter()
                .flat_map(|w| (1..=w.chars().count().min(4)).map(move |n| w.chars().take(n).collect()))
                .collect();
            want.sort();
            want.dedup();
            let mut sorted = got.clone();
            sorted.sort();
            proptest::prop_assert_eq!(sorted.len(), got.len(), "a beginning given twice: {:?}", got);
            proptest::prop_assert_eq!(sorted, want);
        }
    }
}
