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
}

impl Default for EdgePrefixes {
    fn default() -> EdgePrefixes {
        EdgePrefixes::WORDS
    }
}

impl TokenFilter for EdgePrefixes {
    type Tokenizer<T: Tokenizer> = EdgePrefixesFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EdgePrefixesFilter<T> {
        EdgePrefixesFilter { tokenizer, lengths: self }
    }
}

/// The [`Tokenizer`] produced by [`EdgePrefixes`].
#[derive(Clone)]
pub struct EdgePrefixesFilter<T> {
    tokenizer: T,
    lengths: EdgePrefixes,
}

impl<T: Tokenizer> Tokenizer for EdgePrefixesFilter<T> {
    type TokenStream<'a> = EdgePrefixesStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EdgePrefixesStream {
            lengths: self.lengths,
            tail: self.tokenizer.token_stream(text),
            token: Token::default(),
            ends: Vec::new(),
            given: Box::new([[0; SLOT]; SLOTS]),
        }
    }
}

/// Slots of the table of beginnings already given, and their size: a
/// length byte and up to four characters of four bytes.
const SLOTS: usize = 512;
const SLOT: usize = 17;

/// The [`TokenStream`] of [`EdgePrefixesFilter`].
///
/// A text gives each beginning once, mostly: the prefix fields record only
/// which documents hold a term, so a repeat adds nothing but indexing work,
/// and short words repeat a lot (`لە`, `کە`, `و`). A table of the beginnings
/// given so far, one per slot by hash, drops a repeat when its slot holds it;
/// a collision only lets a repeat through.
pub struct EdgePrefixesStream<S> {
    lengths: EdgePrefixes,
    tail: S,
    token: Token,
    /// Byte ends, in the current source token, of the beginnings still to
    /// give, last first.
    ends: Vec<usize>,
    given: Box<[[u8; SLOT]; SLOTS]>,
}

/// Whether `prefix` was given already (its slot in `given` holds it); if not,
/// it takes the slot.
fn repeat(given: &mut [[u8; SLOT]; SLOTS], prefix: &[u8]) -> bool {
    if prefix.len() >= SLOT {
        return false;
    }
    // FNV-1a.
    let hash = prefix.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3));
    let slot = &mut given[(hash as usize) % SLOTS];
    if usize::from(slot[0]) == prefix.len() && &slot[1..=prefix.len()] == prefix {
        return true;
    }
    slot[0] = prefix.len() as u8;
    slot[1..=prefix.len()].copy_from_slice(prefix);
    false
}

impl<S: TokenStream> TokenStream for EdgePrefixesStream<S> {
    fn advance(&mut self) -> bool {
        loop {
            if let Some(end) = self.ends.pop() {
                let source = self.tail.token();
                if repeat(&mut self.given, &source.text.as_bytes()[..end]) {
                    continue;
                }
                self.token.text.clear();
                self.token.text.push_str(&source.text[..end]);
                self.token.offset_from = source.offset_from;
                self.token.offset_to = source.offset_to;
                self.token.position = source.position;
                self.token.position_length = source.position_length;
                return true;
            }
            if !self.tail.advance() {
                return false;
            }
            let text = &self.tail.token().text;
            // Byte ends of the first 1, 2, … characters, then the whole.
            let ends = text.char_indices().skip(1).map(|(i, _)| i).chain(std::iter::once(text.len()));
            for (n, end) in (1..).zip(ends) {
                if n > self.lengths.longest {
                    break;
                }
                if n >= self.lengths.shortest {
                    self.ends.push(end);
                }
            }
            self.ends.reverse();
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
            ("ک", 0, 0, 16),
            ("کو", 0, 0, 16),
            ("کور", 0, 0, 16),
            ("کورد", 0, 0, 16),
            // A one-letter token gives itself; a two-letter one its first
            // letter and itself.
            ("و", 1, 17, 19),
            ("ل", 2, 20, 24),
            ("لە", 2, 20, 24),
            ("a", 3, 25, 27),
            ("ab", 3, 25, 27),
            // Beginnings already given are not given again.
            ("abc", 4, 28, 31),
            ("abcd", 5, 32, 37),
        ];
        let want: Vec<_> = want.iter().map(|&(t, p, a, b)| (t.to_owned(), p, a, b)).collect();
        assert_eq!(got, want);
        assert!(prefixes("").is_empty());
    }
}
