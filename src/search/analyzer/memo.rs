//! One analysis of each text for both of its index fields.
//!
//! Every article text is indexed five ways: stemmed (`title`, `body`),
//! exact (`title_exact`, `body_exact`), as word beginnings (`title_prefix`,
//! `body_prefix`), as Latin keys (`title_latin`, `body_latin`) and as their
//! beginnings (`latin_prefix`). The analyzers begin with the same
//! tokenizer, normaliser and length filter, and that shared part is most of
//! their cost. tantivy indexes a document's fields in field order, stemmed
//! fields first. So, for the index writer only ([`indexing_analyzers`]), the
//! stemmed analyzer records on its thread the normalised tokens of each text
//! it analyses, before stemming them; the exact analyzer, given the same text
//! next, replays a copy of that record instead of tokenizing and normalising
//! again, as do the prefix and Latin-key analyzers, and the Latin-prefix
//! analyzer replays it last and uses it up. A text without a complete record (another order, another thread, a
//! stream not read to the end) is analysed as usual, so the tokens indexed are
//! the same either way; `tests/analyzer_indexing.rs` compares them.

use std::cell::RefCell;
use std::mem;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Records kept per thread: the title and the body of one document, with
/// room for one more pair.
const SLOTS: usize = 4;

/// A record longer than this (bytes of text) gives its buffers back after
/// use, so one huge article does not pin its size in every indexing thread.
const KEEP_CAPACITY: usize = 1 << 20;

/// One token of a record: its text is `arena[prev end..end]`.
#[derive(Clone, Copy)]
struct Tok {
    end: usize,
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
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
        self.complete = false;
    }
}

#[derive(Default)]
struct Memo {
    slots: [Record; SLOTS],
    next: usize,
    generation: u64,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Token filter that records the tokens passing through it (see the module
/// docs). Placed after the length filter of the stemmed analyzer.
#[derive(Clone, Copy, Debug, Default)]
pub struct RecordTokens;

impl TokenFilter for RecordTokens {
    type Tokenizer<T: Tokenizer> = RecordTokensFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> RecordTokensFilter<T> {
        RecordTokensFilter { tokenizer }
    }
}

/// The [`Tokenizer`] produced by [`RecordTokens`].
#[derive(Clone)]
pub struct RecordTokensFilter<T> {
    tokenizer: T,
}

impl<T: Tokenizer> Tokenizer for RecordTokensFilter<T> {
    type TokenStream<'a> = RecordTokensStream<T::TokenStream<'a>>;

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
        RecordTokensStream { tail: self.tokenizer.token_stream(text), slot, generation }
    }
}

/// The [`TokenStream`] of [`RecordTokensFilter`].
pub struct RecordTokensStream<T> {
    tail: T,
    slot: usize,
    generation: u64,
}

impl<T: TokenStream> TokenStream for RecordTokensStream<T> {
    fn advance(&mut self) -> bool {
        let more = self.tail.advance();
        let token = self.tail.token();
        MEMO.with_borrow_mut(|m| {
            let r = &mut m.slots[self.slot];
            if r.generation != self.generation || r.complete {
                return;
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
            } else {
                r.complete = true;
            }
        });
        more
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A tokenizer that replays this thread's record of `text` if there is a
/// complete one, and otherwise runs `T` (the analysis the record was made by).
#[derive(Clone)]
pub struct ReplayOr<T> {
    inner: T,
    token: Token,
    arena: String,
    tokens: Vec<Tok>,
    /// Whether the record is used up by this replay (the last field to use
    /// it) or copied and left for a later one.
    take: bool,
}

impl<T> ReplayOr<T> {
    /// Replays and uses up the record.
    pub fn new(inner: T) -> ReplayOr<T> {
        ReplayOr { inner, token: Token::default(), arena: String::new(), tokens: Vec::new(), take: true }
    }

    /// Replays a copy, leaving the record for a field indexed later.
    pub fn keeping(inner: T) -> ReplayOr<T> {
        ReplayOr { take: false, ..ReplayOr::new(inner) }
    }
}

/// The [`TokenStream`] of [`ReplayOr`].
pub struct ReplayStream<'a, S>(Stream<'a, S>);

enum Stream<'a, S> {
    Replay { token: &'a mut Token, arena: &'a str, tokens: &'a [Tok], next: usize },
    Live(S),
}

impl<T: Tokenizer> Tokenizer for ReplayOr<T> {
    type TokenStream<'a> = ReplayStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let take = self.take;
        let found = MEMO.with_borrow_mut(|m| {
            let r = m.slots.iter_mut().find(|r| r.complete && r.text == text)?;
            if take {
                // Swap buffers, no copy.
                mem::swap(&mut r.arena, &mut self.arena);
                mem::swap(&mut r.tokens, &mut self.tokens);
                r.clear();
            } else {
                self.arena.clone_from(&r.arena);
                self.tokens.clone_from(&r.tokens);
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
                    next: 0,
                })
            }
            None => ReplayStream(Stream::Live(self.inner.token_stream(text))),
        }
    }
}

impl<S: TokenStream> TokenStream for ReplayStream<'_, S> {
    fn advance(&mut self) -> bool {
        match &mut self.0 {
            Stream::Replay { token, arena, tokens, next } => {
                let Some(t) = tokens.get(*next) else { return false };
                let start = if *next == 0 { 0 } else { tokens[*next - 1].end };
                *next += 1;
                token.text.clear();
                token.text.push_str(&arena[start..t.end]);
                token.offset_from = t.offset_from;
                token.offset_to = t.offset_to;
                token.position = t.position;
                token.position_length = t.position_length;
                true
            }
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
