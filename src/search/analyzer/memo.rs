//! One analysis of each text for all of its index fields.
//!
//! Every article text is indexed four ways: stemmed (`title`, `body`),
//! exact (`title_exact`, `body_exact`), as word beginnings (`title_prefix`,
//! `body_prefix`) and as Latin keys (`title_latin`, `body_latin`). The
//! analyzers begin with the same tokenizer, normaliser and length filter,
//! and that shared part is most of their cost. tantivy indexes a document's
//! fields in field order, stemmed fields first. So, for the index writer
//! only ([`indexing_analyzers`]), the stemmed analyzer ([`RecordWords`])
//! records on its thread the normalised tokens of each text it analyses,
//! each with its [`Word`]: everything the fields index for that token,
//! worked out once per thread for a token text seen again (its
//! normalisation, stems and Latin keys: one lookup a token). The exact
//! analyzer, given the same text next, replays a copy of that record
//! instead of tokenizing and normalising again; the prefix analyzer replays
//! each word's first token only (a repeat's beginnings were given with the
//! first); the Latin-key analyzer replays the keys recorded, last, and uses
//! the record up. A text without a complete record (another order, another
//! thread, a stream not read to the end) is analysed as usual, so the
//! tokens indexed are the same either way; `tests/analyzer_indexing.rs`
//! compares them.
//!
//! [`indexing_analyzers`]: super::indexing_analyzers

use std::cell::RefCell;
use std::mem;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::normalizer::normalize_into;
use super::romanize::stem_keys_from;
use super::tokenizer::{SoraniTokenStream, SoraniTokenizer};
use super::{stem_readings, MAX_TOKEN_BYTES};

/// Records kept per thread: the title and the body of one document, with
/// room for one more pair.
const SLOTS: usize = 4;

/// A record longer than this (bytes of text) gives its buffers back after
/// use, so one huge article does not pin its size in every indexing thread.
const KEEP_CAPACITY: usize = 1 << 20;

/// Most token texts whose [`Word`] a thread remembers (a few MB); past it
/// the memory starts over. Word frequencies in text follow Zipf's law, so
/// nearly every token is a word seen before.
const WORDS_KEPT: usize = 1 << 16;

/// Most bytes of token text the memory of words holds as keys: a text of
/// long, distinct tokens starts it over sooner rather than pinning them.
const WORD_BYTES_KEPT: usize = 4 << 20;

/// One token of a record: its text is `arena[prev end..end]`.
#[derive(Clone, Copy)]
struct Tok {
    end: usize,
    offset_from: usize,
    offset_to: usize,
    position: usize,
    position_length: usize,
    /// No earlier token of the text has the same word.
    first: bool,
}

/// What the fields index for one token text as the tokenizer cut it
/// (not yet normalised).
struct Word {
    /// Its normalisation (rules N1–N19); the token is dropped when this is
    /// empty or too long.
    normalized: Box<str>,
    /// The stemmer's terms: the stem, then the other readings (rule A1).
    /// None when `normalized` is ASCII, which the stemmer leaves as it is.
    readings: Box<[Box<str>]>,
    /// Its Latin keys ([`stem_keys`](super::romanize::stem_keys)); none
    /// without an Arabic letter.
    keys: Box<[Box<str>]>,
    /// The last recording (its generation) with a token of this word, so a
    /// later token of the same text knows it is a repeat. Only the thread
    /// whose memory holds the word writes it.
    seen: AtomicU64,
}

impl Word {
    fn of(raw: &str, chars: &mut Vec<char>) -> Word {
        let boxed = |v: Vec<String>| v.into_iter().map(String::into_boxed_str).collect();
        let mut normalized = String::new();
        normalize_into(raw, chars, &mut normalized);
        let (readings, keys) = match normalized.is_ascii() || normalized.len() >= MAX_TOKEN_BYTES {
            true => (Vec::new(), Vec::new()),
            false => {
                let readings = stem_readings(&normalized);
                let keys = stem_keys_from(&normalized, &readings);
                (readings, keys)
            }
        };
        Word { normalized: normalized.into(), readings: boxed(readings), keys: boxed(keys), seen: AtomicU64::new(0) }
    }

    /// Whether the recording `generation` has had a token of this word
    /// before; it has now.
    fn repeats_in(&self, generation: u64) -> bool {
        // One thread writes (see `seen`): a load and a store, no locked
        // instruction.
        let seen = self.seen.load(Relaxed) == generation;
        self.seen.store(generation, Relaxed);
        seen
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
    /// Each token's word; none for an ASCII one, which is only lower-cased
    /// and has no stem or Latin key. Shared with the replays' copies
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
    words: FxHashMap<Box<str>, Arc<Word>>,
    /// Bytes of the keys of `words`.
    word_bytes: usize,
    /// Scratch space for the normaliser.
    chars: Vec<char>,
}

impl Memo {
    /// The [`Word`] of a non-ASCII token text.
    fn word(&mut self, raw: &str) -> Arc<Word> {
        if let Some(w) = self.words.get(raw) {
            return w.clone();
        }
        let w = Arc::new(Word::of(raw, &mut self.chars));
        if self.words.len() >= WORDS_KEPT || self.word_bytes + raw.len() > WORD_BYTES_KEPT {
            self.words.clear();
            self.word_bytes = 0;
        }
        self.word_bytes += raw.len();
        self.words.insert(raw.into(), w.clone());
        w
    }
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// Recordings made so far, in every thread: each has its own generation,
/// which no [`Word::seen`] holds before the recording marks it.
static GENERATIONS: AtomicU64 = AtomicU64::new(0);

/// The stemmed analyzer of the index writer: it tokenizes, normalises,
/// drops tokens too long and stems as
/// [`stemmed_analyzer`](super::stemmed_analyzer) does, and records the
/// tokens with their words (see the module docs).
#[derive(Clone, Default)]
pub struct RecordWords {
    tokenizer: SoraniTokenizer,
}

impl Tokenizer for RecordWords {
    type TokenStream<'a> = RecordWordsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let generation = GENERATIONS.fetch_add(1, Relaxed) + 1;
        let slot = MEMO.with_borrow_mut(|m| {
            let slot = m.next;
            m.next = (m.next + 1) % SLOTS;
            let r = &mut m.slots[slot];
            r.clear();
            r.generation = generation;
            r.text.push_str(text);
            slot
        });
        RecordWordsStream { tail: self.tokenizer.token_stream(text), slot, generation, word: None, reading: 0 }
    }
}

/// The [`TokenStream`] of [`RecordWords`]. A word with an ambiguous ending
/// (rule A1) gives its stem and then its other readings, as further tokens
/// at the same position and offsets.
pub struct RecordWordsStream<'a> {
    tail: SoraniTokenStream<'a>,
    slot: usize,
    generation: u64,
    /// The current token's word, when it has readings, and its next
    /// reading to give.
    word: Option<Arc<Word>>,
    reading: usize,
}

impl RecordWordsStream<'_> {
    /// Normalise the tokenizer's current token in place, record it, and
    /// return its word; `None` when it is dropped (empty or too long).
    fn take_token(&mut self) -> Option<Option<Arc<Word>>> {
        let token = self.tail.token_mut();
        MEMO.with_borrow_mut(|m| {
            let word = match token.text.is_ascii() {
                true => {
                    token.text.make_ascii_lowercase();
                    None
                }
                false => {
                    let w = m.word(&token.text);
                    token.text.clear();
                    token.text.push_str(&w.normalized);
                    Some(w)
                }
            };
            if token.text.is_empty() || token.text.len() >= MAX_TOKEN_BYTES {
                return None;
            }
            let r = &mut m.slots[self.slot];
            if r.generation == self.generation && !r.complete {
                r.arena.push_str(&token.text);
                r.tokens.push(Tok {
                    end: r.arena.len(),
                    offset_from: token.offset_from,
                    offset_to: token.offset_to,
                    position: token.position,
                    position_length: token.position_length,
                    first: !word.as_ref().is_some_and(|w| w.repeats_in(self.generation)),
                });
                r.words.push(word.clone());
            }
            Some(word)
        })
    }
}

impl TokenStream for RecordWordsStream<'_> {
    fn advance(&mut self) -> bool {
        if let Some(r) = self.word.as_ref().and_then(|w| w.readings.get(self.reading)) {
            self.reading += 1;
            let text = &mut self.tail.token_mut().text;
            text.clear();
            text.push_str(r);
            return true;
        }
        self.reading = 0;
        loop {
            if !self.tail.advance() {
                self.word = None;
                MEMO.with_borrow_mut(|m| {
                    let r = &mut m.slots[self.slot];
                    if r.generation == self.generation {
                        r.complete = true;
                    }
                });
                return false;
            }
            let Some(word) = self.take_token() else { continue };
            self.word = word.filter(|w| !w.readings.is_empty());
            // The stem replaces the word; its other readings follow.
            return self.word.is_none() || self.advance();
        }
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
    /// Its normalised text, if no earlier token of the text has its word.
    FirstText,
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

    /// Replays the normalised text of each word's first token in the text,
    /// leaving the record for a field indexed later. For
    /// [`EdgePrefixes`](super::EdgePrefixes), which gives each beginning
    /// once a text: a word's later tokens give nothing there, and the
    /// replay spares the filter looking them up. `inner` is run as it is
    /// without a record.
    pub fn firsts(inner: T) -> ReplayOr<T> {
        ReplayOr { gives: Gives::FirstText, ..ReplayOr::keeping(inner) }
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
                    Gives::Text | Gives::FirstText => {
                        let start = if at.next == 0 { 0 } else { tokens[at.next - 1].end };
                        at.next += 1;
                        if at.gives == Gives::FirstText && !t.first {
                            continue;
                        }
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
