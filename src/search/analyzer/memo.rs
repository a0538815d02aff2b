//! One analysis of each text for all of its index fields.
//!
//! Every article text is indexed four ways: stemmed (`title`, `body`),
//! exact (`title_exact`, `body_exact`), as word beginnings (`title_prefix`,
//! `body_prefix`) and as Latin keys (`title_latin`, `body_latin`). The
//! analyzers begin with the same tokenizer, normaliser and length filter,
//! and that shared part is most of their cost. tantivy indexes a document's
//! fields in field order, stemmed fields first. So, for the index writer
//! only ([`indexing_analyzers`]), the stemmed analyzer records on its thread
//! the normalised tokens of each text it analyses ([`RecordWords`]), each
//! with what is derived from its word (its stems and Latin keys, worked out
//! once per thread for a word seen again: one lookup a token for every
//! field); the exact analyzer, given the same text next, replays a copy of
//! that record instead of tokenizing and normalising again, as does the
//! prefix analyzer; the Latin-key analyzer replays the keys recorded, last,
//! and uses the record up. A text without a complete record (another order,
//! another thread, a stream not read to the end) is analysed as usual, so
//! the tokens indexed are the same either way; `tests/analyzer_indexing.rs`
//! compares them.
//!
//! [`indexing_analyzers`]: super::indexing_analyzers

use std::cell::RefCell;
use std::mem;
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::romanize::stem_keys_from;
use super::stem_readings;

/// Records kept per thread: the title and the body of one document, with
/// room for one more pair.
const SLOTS: usize = 4;

/// A record longer than this (bytes of text) gives its buffers back after
/// use, so one huge article does not pin its size in every indexing thread.
const KEEP_CAPACITY: usize = 1 << 20;

/// Most words whose [`Word`] a thread remembers (a few MB); past it the
/// memory starts over. Word frequencies in text follow Zipf's law, so nearly
/// every token is a word seen before.
const WORDS_KEPT: usize = 1 << 16;

/// One token of a record: its text is `arena[prev end..end]`.
#[derive(Clone, Copy)]
struct Tok {
    end: usize,
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
}

/// What the stemmed and Latin-key fields index for one normalised word.
struct Word {
    /// The stemmer's terms: the stem, then the other readings (rule A1).
    readings: Box<[Box<str>]>,
    /// Its Latin keys ([`stem_keys`](super::romanize::stem_keys)); none
    /// without an Arabic letter.
    keys: Box<[Box<str>]>,
}

impl Word {
    fn of(normalized: &str) -> Word {
        let boxed = |v: Vec<String>| v.into_iter().map(String::into_boxed_str).collect();
        let readings = stem_readings(normalized);
        let keys = stem_keys_from(normalized, &readings);
        Word { readings: boxed(readings), keys: boxed(keys) }
    }
}

#[derive(Default)]
struct Record {
    /// Which recording this is, so a stream whose slot was reused stops writing.
    generation: u64,
    /// The analysed text, to recognise it.
    text: String,
    /// The normalised token texts, back to back.
    arena: String,
    tokens: Vec<Tok>,
    /// Each token's word; none for an ASCII one, which the stemmer leaves as
    /// it is and which has no Latin key. Shared with the replays' copies
    /// (`Arc`, as tantivy's tokenizers are `Send`).
    words: Vec<Option<Arc<Word>>>,
    /// The stream was read to its end: `tokens` are all of them.
    complete: bool,
}

impl Record {
    fn clear(&mut self) {
        if self.text.capacity() > KEEP_CAPACITY {
            *self = Record { generation: self.generation, ..Record::default() };
        }
        self.text.clear();
        self.arena.clear();
        self.tokens.clear();
        self.words.clear();
        self.complete = false;
    }
}

#[derive(Default)]
struct Memo {
    slots: [Record; SLOTS],
    next: usize,
    generation: u64,
    words: FxHashMap<Box<str>, Arc<Word>>,
}

impl Memo {
    /// The [`Word`] of a normalised, non-ASCII token.
    fn word(&mut self, normalized: &str) -> Arc<Word> {
        if let Some(w) = self.words.get(normalized) {
            return w.clone();
        }
        let w = Arc::new(Word::of(normalized));
        if self.words.len() >= WORDS_KEPT {
            self.words.clear();
        }
        self.words.insert(normalized.into(), w.clone());
        w
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Token filter over normalised tokens that stems them, as
/// [`SoraniStemmer`](super::SoraniStemmer) does, and records them with
/// their words (see the module docs). The stemmed analyzer of the index
/// writer.
#[derive(Clone, Copy, Debug, Default)]
pub struct RecordWords;

impl TokenFilter for RecordWords {
    type Tokenizer<T: Tokenizer> = RecordWordsFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RecordWordsFilter<T> {
        RecordWordsFilter { tokenizer }
    }
}

/// The [`Tokenizer`] produced by [`RecordWords`].
#[derive(Clone)]
pub struct RecordWordsFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for RecordWordsFilter<T> {
    type TokenStream<'a> = RecordWordsStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let (slot, generation) = MEMO.with_borrow_mut(|m| {
            let slot = m.next;
            m.next = (m.next + 1) % SLOTS;
            m.generation += 1;
            let r = &mut m.slots[slot];
            r.clear();
            r.generation = m.generation;
            r.text.push_str(text);
            (slot, m.generation)
        });
        RecordWordsStream { tail: self.tokenizer.token_stream(text), slot, generation, word: None, reading: 0 }
    }
}

/// The [`TokenStream`] of [`RecordWordsFilter`]. A word with an ambiguous
/// ending (rule A1) gives its stem and then its other readings, as further
/// tokens at the same position and offsets.
pub struct RecordWordsStream<T> {
    tail: T,
    slot: usize,
    generation: u64,
    /// The current token's word, and its next reading to give.
    word: Option<Arc<Word>>,
    reading: usize,
}

impl<T: TokenStream> TokenStream for RecordWordsStream<T> {
    fn advance(&mut self) -> bool {
        if let Some(r) = self.word.as_ref().and_then(|w| w.readings.get(self.reading)) {
            self.reading += 1;
            let text = &mut self.tail.token_mut().text;
            text.clear();
            text.push_str(r);
            return true;
        }
        let more = self.tail.advance();
        let token = self.tail.token();
        self.word = MEMO.with_borrow_mut(|m| {
            let word = (more && !token.text.is_ascii()).then(|| m.word(&token.text));
            let r = &mut m.slots[self.slot];
            if r.generation != self.generation || r.complete {
                return word;
            }
            if more {
                r.arena.push_str(&token.text);
                r.tokens.push(Tok {
                    end: r.arena.len(),
                    offset_from: token.offset_from,
                    offset_to: token.offset_to,
                    position: token.position,
                    position_length: token.position_length,
                });
                r.words.push(word.clone());
            } else {
                r.complete = true;
            }
            word
        });
        self.reading = 0;
        // The stem replaces the word; its other readings follow.
        more && (self.word.is_none() || self.advance())
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// What a replay gives of each recorded token.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Gives {
    /// Its normalised text.
    Text,
    /// Its word's Latin keys, each a token at its position and offsets.
    Keys,
}

/// A tokenizer that replays this thread's record of `text` if there is a
/// complete one, and otherwise runs `T` (the analysis the record stands
/// for: the normalised tokens, or their Latin keys).
#[derive(Clone)]
pub struct ReplayOr<T> {
    inner: T,
    token: Token,
    arena: String,
    tokens: Vec<Tok>,
    words: Vec<Option<Arc<Word>>>,
    /// Whether the record is used up by this replay (the last field to use
    /// it) or copied and left for a later one.
    take: bool,
    gives: Gives,
}

impl<T> ReplayOr<T> {
    /// Replays the normalised tokens, leaving the record for a field
    /// indexed later.
    pub fn keeping(inner: T) -> ReplayOr<T> {
        ReplayOr {
            inner,
            token: Token::default(),
            arena: String::new(),
            tokens: Vec::new(),
            words: Vec::new(),
            take: false,
            gives: Gives::Text,
        }
    }

    /// Replays the Latin keys of the tokens (`inner` is
    /// [`LatinKeys`](super::romanize::LatinKeys) over the normalised
    /// tokens) and uses the record up.
    pub fn keys(inner: T) -> ReplayOr<T> {
        ReplayOr { take: true, gives: Gives::Keys, ..ReplayOr::keeping(inner) }
    }
}

/// The [`TokenStream`] of [`ReplayOr`].
pub struct ReplayStream<'a, S>(Stream<'a, S>);

enum Stream<'a, S> {
    Replay { token: &'a mut Token, arena: &'a str, tokens: &'a [Tok], words: &'a [Option<Arc<Word>>], at: Cursor },
    Live(S),
}

/// Where a replay is: the next token, and the next of its keys.
#[derive(Clone, Copy)]
struct Cursor {
    gives: Gives,
    next: usize,
    key: usize,
}

impl<T: Tokenizer> Tokenizer for ReplayOr<T> {
    type TokenStream<'a> = ReplayStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let (take, keys) = (self.take, self.gives == Gives::Keys);
        let found = MEMO.with_borrow_mut(|m| {
            let r = m.slots.iter_mut().find(|r| r.complete && r.text == text)?;
            if take {
                // Swap buffers, no copy.
                mem::swap(&mut r.arena, &mut self.arena);
                mem::swap(&mut r.tokens, &mut self.tokens);
                mem::swap(&mut r.words, &mut self.words);
                r.clear();
            } else {
                self.tokens.clone_from(&r.tokens);
                // Keys need the words, not the texts.
                match keys {
                    true => self.words.clone_from(&r.words),
                    false => self.arena.clone_from(&r.arena),
                }
            }
            Some(())
        });
        match found {
            Some(()) => {
                REPLAYS.set(REPLAYS.get() + 1);
                self.token.reset();
                ReplayStream(Stream::Replay {
                    token: &mut self.token,
                    arena: &self.arena,
                    tokens: &self.tokens,
                    words: &self.words,
                    at: Cursor { gives: self.gives, next: 0, key: 0 },
                })
            }
            None => ReplayStream(Stream::Live(self.inner.token_stream(text))),
        }
    }
}

impl<S: TokenStream> TokenStream for ReplayStream<'_, S> {
    fn advance(&mut self) -> bool {
        match &mut self.0 {
            Stream::Replay { token, arena, tokens, words, at } => loop {
                let Some(t) = tokens.get(at.next) else { return false };
                let text = match at.gives {
                    Gives::Text => {
                        let start = if at.next == 0 { 0 } else { tokens[at.next - 1].end };
                        at.next += 1;
                        &arena[start..t.end]
                    }
                    Gives::Keys => match words[at.next].as_ref().and_then(|w| w.keys.get(at.key)) {
                        Some(key) => {
                            at.key += 1;
                            key
                        }
                        None => {
                            at.next += 1;
                            at.key = 0;
                            continue;
                        }
                    },
                };
                token.text.clear();
                token.text.push_str(text);
                token.offset_from = t.offset_from;
                token.offset_to = t.offset_to;
                token.position = t.position;
                token.position_length = t.position_length;
                return true;
            },
            Stream::Live(s) => s.advance(),
        }
    }

    fn token(&self) -> &Token {
        match &self.0 {
            Stream::Replay { token, .. } => token,
            Stream::Live(s) => s.token(),
        }
    }

    fn token_mut(&mut self) -> &mut Token {
        match &mut self.0 {
            Stream::Replay { token, .. } => token,
            Stream::Live(s) => s.token_mut(),
        }
    }
}

/// Texts replayed from a record on this thread so far (tests check that the
/// shared analysis is really used). Public only for
/// `tests/analyzer_indexing.rs`, hence hidden from the documentation.
#[doc(hidden)]
pub fn replays_on_this_thread() -> u64 {
    REPLAYS.get()
}

thread_local! {
    static REPLAYS: std::cell::Cell<u64> = const { std::cell::Cell::new(0) };
}
