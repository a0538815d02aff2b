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
//! normalisation, stems, Latin keys and beginnings: one lookup a token).
//! The exact analyzer, given the same text next, replays a copy of that
//! record instead of tokenizing and normalising again; the prefix analyzer
//! replays the beginnings of each word's first token, each beginning once a
//! text, as `EdgePrefixes` gives them; the Latin-key analyzer replays the
//! keys recorded, last, and uses the record up. A text without a usable
//! record (another order, another thread, a stream not read to the end) is
//! analysed as usual, so the tokens indexed are the same either way;
//! `tests/analyzer_indexing.rs` compares them.
//!
//! [`indexing_analyzers`]: super::indexing_analyzers

use std::cell::RefCell;
use std::mem;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};
use std::sync::{Arc, Mutex};

use rustc_hash::FxHashMap;
use tantivy::tokenizer::{Token, TokenStream, Tokenizer};

use super::romanize::stem_keys_from;
use super::tokenizer::{SoraniTokenStream, SoraniTokenizer};
use super::{normalize, stem_readings, EdgePrefixes, MAX_TOKEN_BYTES};

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
    /// No earlier token of the text has the same word (as far as the
    /// memory of words tells: a word it had no room for is always first).
    first: bool,
}

/// Which recording or replay (its generation) last met a word or a
/// beginning, so that a later meeting in the same one knows it is a repeat.
/// Only the thread whose memory holds the word or beginning writes it.
#[derive(Default)]
struct Mark(AtomicU64);

impl Mark {
    /// Whether `generation` met this before; it has now.
    fn repeats_in(&self, generation: u64) -> bool {
        // One thread writes (see above): a load and a store, no locked
        // instruction.
        let seen = self.0.load(Relaxed) == generation;
        self.0.store(generation, Relaxed);
        seen
    }
}

/// A word beginning the prefix fields index, shared by every word of the
/// thread's memory that begins with it.
struct Beginning {
    text: Box<str>,
    given: Mark,
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
    /// Its beginnings ([`EdgePrefixes::WORDS`]), shortest first; none when
    /// the token is dropped.
    beginnings: Box<[Arc<Beginning>]>,
    /// The recording that last had a token of this word.
    seen: Mark,
}

impl Word {
    fn of(raw: &str) -> Word {
        let boxed = |v: Vec<String>| v.into_iter().map(String::into_boxed_str).collect();
        let normalized = normalize(raw);
        let (readings, keys) = match normalized.is_ascii() || normalized.len() >= MAX_TOKEN_BYTES {
            true => (Vec::new(), Vec::new()),
            false => {
                let readings = stem_readings(&normalized);
                let keys = stem_keys_from(&normalized, &readings);
                (readings, keys)
            }
        };
        Word {
            normalized: normalized.into(),
            readings: boxed(readings),
            keys: boxed(keys),
            beginnings: Box::default(),
            seen: Mark::default(),
        }
    }

    /// Whether its tokens are indexed: the length filter and the
    /// normaliser drop the others (too long, or nothing left).
    fn kept(&self) -> bool {
        !self.normalized.is_empty() && self.normalized.len() < MAX_TOKEN_BYTES
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
    /// Each token's word. Shared with the replays' copies (`Arc`, as
    /// tantivy's tokenizers are `Send`).
    words: Vec<Arc<Word>>,
    /// The stream was read to its end: `tokens` are all of them.
    complete: bool,
    /// Every token's word holds its beginnings: the memory of words had
    /// room for each (see [`Memo::word`]). Else the prefix fields analyse
    /// the text as usual.
    beginnings: bool,
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
        self.beginnings = true;
    }
}

#[derive(Default)]
struct Memo {
    slots: [Record; SLOTS],
    next: usize,
    words: FxHashMap<Box<str>, Arc<Word>>,
    /// Bytes of the keys of `words`.
    word_bytes: usize,
    /// The beginnings of the words, each once.
    beginnings: FxHashMap<Box<str>, Arc<Beginning>>,
}

impl Memo {
    /// Start the memory of words over if a text of `bytes` might fill it.
    /// Only between texts: the words of one text share one copy of each
    /// beginning, which the prefix replay relies on. A text has at most
    /// half as many words as bytes, and at most as many bytes of them.
    fn make_room(&mut self, bytes: usize) {
        if self.words.len() + bytes / 2 > WORDS_KEPT || self.word_bytes + bytes > WORD_BYTES_KEPT {
            self.words.clear();
            self.beginnings.clear();
            self.word_bytes = 0;
        }
    }

    /// The [`Word`] of a token text. A kept token's word (not empty, not
    /// too long) holds its beginnings, except when the memory is full: one
    /// text of more distinct words than it keeps (it starts over only
    /// between texts) gets the rest of its words uncached and without
    /// beginnings, so what is held stays bounded however long the text.
    fn word(&mut self, raw: &str) -> Arc<Word> {
        if let Some(w) = self.words.get(raw) {
            return w.clone();
        }
        let mut w = Word::of(raw);
        if self.words.len() >= WORDS_KEPT || self.word_bytes + raw.len() > WORD_BYTES_KEPT {
            return Arc::new(w);
        }
        if w.kept() {
            w.beginnings = self.beginnings_of(&w.normalized);
        }
        let w = Arc::new(w);
        self.word_bytes += raw.len();
        self.words.insert(raw.into(), w.clone());
        w
    }

    /// The beginnings of a normalised word, shortest first, as
    /// [`EdgePrefixes`](super::EdgePrefixes) cuts them.
    fn beginnings_of(&mut self, word: &str) -> Box<[Arc<Beginning>]> {
        EdgePrefixes::WORDS
            .ends(word)
            .map(|end| {
                let text = &word[..end];
                match self.beginnings.get(text) {
                    Some(b) => b.clone(),
                    None => {
                        let b = Arc::new(Beginning { text: text.into(), given: Mark::default() });
                        self.beginnings.insert(text.into(), b.clone());
                        b
                    }
                }
            })
            .collect()
    }
}

/// Most memories of words kept from indexing threads that ended.
const LEFT_KEPT: usize = 4;

/// Memories of words of indexing threads that ended. tantivy starts new
/// indexing threads at every commit (an import commits every 20,000
/// articles); each new one takes a memory over from here rather than
/// building its own again, which cost the work of finding every word again
/// and left the old memory's blocks to the allocator, scattered over its
/// per-thread arenas (the import's memory grew all through a 1M run).
static LEFT: Left = Left(Mutex::new(Vec::new()));

/// Memories of words left for threads to come.
struct Left(Mutex<Vec<Memo>>);

impl Left {
    /// Keep `memo` for a thread to come, if fewer than [`LEFT_KEPT`] are.
    fn put(&self, mut memo: Memo) {
        // Its records are of the last thread's texts: none is replayed.
        memo.slots.iter_mut().for_each(Record::clear);
        // A panic while the lock was held left a plain list: use it.
        let mut left = self.0.lock().unwrap_or_else(|p| p.into_inner());
        if left.len() < LEFT_KEPT {
            left.push(memo);
        }
    }

    /// A memory left by a thread that ended, or a new one.
    fn take(&self) -> Memo {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).pop().unwrap_or_default()
    }
}

/// A thread's memory of words, left for the threads to come when it ends.
struct Local(RefCell<Memo>);

impl Drop for Local {
    fn drop(&mut self) {
        LEFT.put(mem::take(self.0.get_mut()));
    }
}

thread_local! {
    static MEMO: Local = Local(RefCell::new(LEFT.take()));
}

/// Run `f` on this thread's memory of words.
fn with_memo<R>(f: impl FnOnce(&mut Memo) -> R) -> R {
    MEMO.with(|local| f(&mut local.0.borrow_mut()))
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
        let slot = with_memo(|m| {
            m.make_room(text.len());
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
    /// The current token's word, when it has readings after its stem, and
    /// its next reading to give.
    word: Option<Arc<Word>>,
    reading: usize,
}

impl RecordWordsStream<'_> {
    /// Normalise the tokenizer's current token, record it, and make it its
    /// stem. `None` when it is dropped (empty or too long); else its word
    /// if it has more readings to give.
    fn take_token(&mut self) -> Option<Option<Arc<Word>>> {
        let token = self.tail.token_mut();
        with_memo(|m| {
            let word = m.word(&token.text);
            if !word.kept() {
                return None;
            }
            let normalized = &*word.normalized;
            token.text.clear();
            token.text.push_str(word.readings.first().map_or(normalized, |stem| stem));
            let more = (word.readings.len() > 1).then(|| word.clone());
            let r = &mut m.slots[self.slot];
            if r.generation == self.generation && !r.complete {
                r.arena.push_str(normalized);
                r.tokens.push(Tok {
                    end: r.arena.len(),
                    offset_from: token.offset_from,
                    offset_to: token.offset_to,
                    position: token.position,
                    position_length: token.position_length,
                    first: !word.seen.repeats_in(self.generation),
                });
                // A kept token's word lacks beginnings only when uncached.
                r.beginnings &= !word.beginnings.is_empty();
                r.words.push(word);
            }
            Some(more)
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
        self.word = None;
        loop {
            if !self.tail.advance() {
                with_memo(|m| {
                    let r = &mut m.slots[self.slot];
                    if r.generation == self.generation {
                        r.complete = true;
                    }
                });
                return false;
            }
            // The stem replaces the word; its other readings follow.
            let Some(more) = self.take_token() else { continue };
            (self.word, self.reading) = (more, 1);
            return true;
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
    /// Its word's beginnings that the text has not given yet, as
    /// [`EdgePrefixes`](super::EdgePrefixes) gives them.
    Beginnings,
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
    words: Vec<Arc<Word>>,
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

    /// Replays the tokens' beginnings (`inner` is
    /// [`EdgePrefixes`](super::EdgePrefixes) over the normalised tokens),
    /// leaving the record for a field indexed later. Each beginning is
    /// given once a text, where the filter would give it; a word's later
    /// tokens are not looked at.
    pub fn beginnings(inner: T) -> ReplayOr<T> {
        ReplayOr { gives: Gives::Beginnings, ..ReplayOr::keeping(inner) }
    }
}

/// The [`TokenStream`] of [`ReplayOr`].
pub struct ReplayStream<'a, S>(Stream<'a, S>);

enum Stream<'a, S> {
    Replay { token: &'a mut Token, arena: &'a str, tokens: &'a [Tok], words: &'a [Arc<Word>], at: Cursor },
    Live(S),
}

/// Where a replay is: the next token, and the next of its keys or
/// beginnings.
#[derive(Clone, Copy)]
struct Cursor {
    gives: Gives,
    next: usize,
    key: usize,
    /// The replay's own generation, for the beginnings' marks.
    generation: u64,
}

impl<T: Tokenizer> Tokenizer for ReplayOr<T> {
    type TokenStream<'a> = ReplayStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        let (take, gives) = (self.take, self.gives);
        let found = with_memo(|m| {
            let usable = |r: &Record| r.complete && (gives != Gives::Beginnings || r.beginnings);
            let r = m.slots.iter_mut().find(|r| usable(r) && r.text == text)?;
            if take {
                // Swap buffers, no copy.
                mem::swap(&mut r.arena, &mut self.arena);
                mem::swap(&mut r.tokens, &mut self.tokens);
                mem::swap(&mut r.words, &mut self.words);
                r.clear();
            } else if gives == Gives::Beginnings {
                // Each word's first token, with its word, not the texts.
                self.tokens.clear();
                self.words.clear();
                for (t, w) in r.tokens.iter().zip(&r.words).filter(|(t, _)| t.first) {
                    self.tokens.push(*t);
                    self.words.push(w.clone());
                }
            } else {
                self.tokens.clone_from(&r.tokens);
                // Keys need the words, not the texts.
                match gives {
                    Gives::Keys => self.words.clone_from(&r.words),
                    _ => self.arena.clone_from(&r.arena),
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
                    at: Cursor { gives, next: 0, key: 0, generation: GENERATIONS.fetch_add(1, Relaxed) + 1 },
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
                    Gives::Beginnings => match next_beginning(&words[at.next].beginnings, at) {
                        Some(b) => &b.text,
                        None => continue,
                    },
                    Gives::Keys => match words[at.next].keys.get(at.key) {
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

/// The next beginning of a word to give, moving `at` on; `None` when this
/// one is not given (`at` moved on to the next beginning or word). As in
/// `EdgePrefixes`: the longest first, and if the text gave it already, none
/// of the word's (the shorter ones were given with it); then the others,
/// shortest first, each unless given already.
fn next_beginning<'w>(beginnings: &'w [Arc<Beginning>], at: &mut Cursor) -> Option<&'w Beginning> {
    let (index, last) = match at.key {
        0 => (beginnings.len().checked_sub(1), true),
        k => (Some(k - 1).filter(|&i| i + 1 < beginnings.len()), false),
    };
    let Some(b) = index.map(|i| &beginnings[i]) else {
        at.next += 1;
        at.key = 0;
        return None;
    };
    let repeat = b.given.repeats_in(at.generation);
    if last && repeat {
        at.next += 1;
        return None;
    }
    at.key += 1;
    (!repeat).then_some(&**b)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzer::{indexing_analyzers, prefix_analyzer, tokens, SORANI_PREFIX, SORANI_STEMMED};

    #[test]
    fn one_text_of_more_words_than_the_memory_keeps_leaves_it_bounded() {
        // Distinct words of two to five letters, more than the memory keeps.
        let letters: Vec<char> = "ابپتجچحخدرزسشعغفقکگلمنوهی".chars().collect();
        let word = |mut n: usize| {
            let mut w = String::new();
            loop {
                w.push(letters[n % letters.len()]);
                n /= letters.len();
                if n == 0 {
                    break format!("ن{w}");
                }
            }
        };
        let text: String = (0..WORDS_KEPT + 5_000).map(|i| word(i) + " ").collect();
        let manager = indexing_analyzers();
        let (mut stemmed, mut prefix) = (manager.get(SORANI_STEMMED).unwrap(), manager.get(SORANI_PREFIX).unwrap());
        tokens(&mut stemmed, &text);
        with_memo(|m| {
            assert_eq!(m.words.len(), WORDS_KEPT);
            assert!(m.beginnings.len() <= 4 * WORDS_KEPT);
            assert!(m.slots.iter().any(|r| r.complete && r.text == text && !r.beginnings));
        });
        // The prefix field analyses it as usual: the same tokens.
        let before = REPLAYS.get();
        assert_eq!(tokens(&mut prefix, &text), tokens(&mut prefix_analyzer(), &text));
        assert_eq!(REPLAYS.get(), before, "not replayed");
        // The next text starts the memory over and is replayed again.
        tokens(&mut stemmed, "کوردستان و کورد");
        with_memo(|m| assert!(m.words.len() < 10));
        assert_eq!(tokens(&mut prefix, "کوردستان و کورد"), ["کورد", "ک", "کو", "کور", "و"]);
        assert_eq!(REPLAYS.get(), before + 1);
    }

    #[test]
    fn a_memory_left_by_a_thread_that_ended_is_taken_over_without_its_records() {
        let left = Left(Mutex::new(Vec::new()));
        let mut memo = Memo::default();
        memo.word("کوردستان");
        memo.slots[0].text.push_str("کوردستان");
        memo.slots[0].complete = true;
        left.put(memo);
        let memo = left.take();
        assert!(memo.words.contains_key("کوردستان"), "the words are kept");
        assert!(memo.slots.iter().all(|r| r.text.is_empty() && !r.complete), "the records are not");
        assert!(left.take().words.is_empty(), "then a new memory");
        // No more than LEFT_KEPT are kept.
        (0..LEFT_KEPT + 3).for_each(|_| left.put(Memo::default()));
        assert_eq!(left.0.lock().unwrap().len(), LEFT_KEPT);
    }
}
