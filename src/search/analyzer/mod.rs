//! Text analysis for the search index: a Sorani Kurdish (Arabic script)
//! analyzer that also handles the Latin text mixed into Kurdish news.
//!
//! Three analyzers are registered with tantivy:
//!
//! * [`SORANI_EXACT`]: [`SoraniTokenizer`] → [`SoraniNormalizer`] →
//!   `RemoveLongFilter`. Spelling variants from Kurdish, Arabic and Persian
//!   keyboards are folded onto one form and Latin text is lower-cased; no
//!   stemming. Used for exact-form ranking and for prefix matching of the
//!   word being typed (see [`prefix_variants`] for the one rule that is not
//!   prefix-stable).
//! * [`SORANI_STEMMED`]: the same, then [`SoraniStemmer`], which also folds
//!   `ێ` → `ی` and `ۆ` → `و` (old-orthography spellings; see [`fold_vowels`])
//!   and strips Sorani nominal and verbal suffixes and clitics so that
//!   `وڵات`, `وڵاتەکان` and `وڵاتانی` meet.
//! * [`SORANI_PREFIX`]: the exact analyzer's tokens cut to their first two,
//!   three and four characters ([`EdgePrefixes`]), so that a word being
//!   typed of that length is one posting list, not thousands of completions.
//!
//! Token offsets are byte offsets into the original text and token positions
//! count words, so both analyzers give the same positions and offsets for the
//! same text. Stopwords are *not* removed; see [`is_stopword`].
//!
//! The rules are documented in the submodules and in docs/SORANI_ANALYZER.md.

mod memo;
mod normalizer;
mod prefixes;
mod presentation_forms;
pub mod romanize;
mod stemmer;
mod stopwords;
mod tokenizer;

use tantivy::tokenizer::{RemoveLongFilter, TextAnalyzer, TokenFilter, Tokenizer, TokenizerManager};

pub use memo::{replays_on_this_thread, RecordWords, ReplayOr};
pub use normalizer::{normalize, SoraniNormalizer, SoraniNormalizerFilter, SoraniNormalizerTokenStream};
pub use prefixes::{EdgePrefixes, INDEXED_PREFIX_CHARS};
pub(crate) use stemmer::{any_reading, is_sorani_letter};
pub use stemmer::{
    fold_vowels, stem, stem_readings, SoraniStemmer, SoraniStemmerFilter, SoraniStemmerTokenStream, MAX_READINGS,
    MAX_STEPS, PROTECTED,
};
pub use stopwords::STOPWORDS;
pub use tokenizer::{SoraniTokenStream, SoraniTokenizer};

/// Stemmed analyzer: normalisation + stemming. Used for the main text fields.
pub const SORANI_STEMMED: &str = "hewal_sorani";
/// Normalised, unstemmed analyzer: used for exact-form and prefix matching.
pub const SORANI_EXACT: &str = "hewal_sorani_exact";
/// Beginnings of exact tokens (see [`EdgePrefixes`]): the word being typed,
/// when it is one to four letters long.
pub const SORANI_PREFIX: &str = "hewal_sorani_prefix";
/// Latin keys of the Sorani words (their stems' and their own; see
/// [`romanize`]): Sorani typed in Latin letters is looked up here.
pub const SORANI_LATIN: &str = "hewal_sorani_latin";
/// Bumped whenever an analyzer's output changes; an index built with an
/// older version is rebuilt from the store.
/// 3: one-letter beginnings are indexed too. 4: Latin keys.
pub const ANALYZER_VERSION: u32 = 4;

/// Tokens longer than this many bytes (after normalisation) are dropped, as
/// tantivy's default analyzer does at 40; Sorani letters take two bytes.
pub const MAX_TOKEN_BYTES: usize = 255;

/// The terms of `text`, grouped by position: the stemmed analyzer may give
/// several readings of one word (see the analyzer's rule A1), the first being
/// its primary stem.
pub fn token_groups(analyzer: &mut TextAnalyzer, text: &str) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    let mut last = None;
    let mut ts = analyzer.token_stream(text);
    while let Some(t) = ts.next() {
        match out.last_mut() {
            Some(g) if last == Some(t.position) => g.push(t.text.clone()),
            _ => out.push(vec![t.text.clone()]),
        }
        last = Some(t.position);
    }
    out
}

/// The terms `analyzer` gives for `text`, in order.
pub(crate) fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut ts = analyzer.token_stream(text);
    while let Some(t) = ts.next() {
        out.push(t.text.clone());
    }
    out
}

/// The part every analyzer shares: tokens, normalised, none too long.
fn normalised() -> impl Tokenizer {
    RemoveLongFilter::limit(MAX_TOKEN_BYTES).transform(SoraniNormalizer.transform(SoraniTokenizer::default()))
}

/// The stemmed analyzer.
pub fn stemmed_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(SoraniStemmer.transform(normalised()))
}

/// The exact (normalised, unstemmed) analyzer.
pub fn exact_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(normalised())
}

/// The prefix analyzer: the exact analyzer's tokens, each turned into its
/// beginnings.
pub fn prefix_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(EdgePrefixes::WORDS.transform(normalised()))
}

/// The Latin-key analyzer.
pub fn latin_analyzer() -> TextAnalyzer {
    TextAnalyzer::from(romanize::LatinKeys.transform(normalised()))
}

/// The analyzers the index *writer* uses: the same tokens as
/// [`stemmed_analyzer`], [`exact_analyzer`], [`prefix_analyzer`] and
/// [`latin_analyzer`], but a text indexed into all four kinds of field is
/// tokenized and normalised once, and each of its words looked up once
/// (see the `memo` module). Queries and snippets use the plain ones.
pub fn indexing_analyzers() -> TokenizerManager {
    let manager = TokenizerManager::default();
    manager.register(SORANI_STEMMED, TextAnalyzer::from(RecordWords::default()));
    manager.register(SORANI_EXACT, TextAnalyzer::from(ReplayOr::keeping(normalised())));
    manager
        .register(SORANI_PREFIX, TextAnalyzer::from(ReplayOr::beginnings(EdgePrefixes::WORDS.transform(normalised()))));
    manager.register(SORANI_LATIN, TextAnalyzer::from(ReplayOr::keys(romanize::LatinKeys.transform(normalised()))));
    manager
}

/// Register the analyzers; must run on every index create and open path.
pub fn register_analyzers(manager: &TokenizerManager) {
    manager.register(SORANI_STEMMED, stemmed_analyzer());
    manager.register(SORANI_EXACT, exact_analyzer());
    manager.register(SORANI_PREFIX, prefix_analyzer());
    manager.register(SORANI_LATIN, latin_analyzer());
}

/// Whether `term` (already analysed, by either analyzer) is a stopword.
pub fn is_stopword(term: &str) -> bool {
    stopwords::contains(term)
}

/// The exact-analyzer forms to use as *prefixes* for one half-typed word
/// (raw text as typed, a single word).
///
/// Normalisation is prefix-stable except where a bare `ه` is the last letter
/// typed: rules N6/N6b read `ه` as the vowel `ە` or the consonant h depending
/// on the letter *after* it. Typing `جیه` on the way to `جیهان` normalises to
/// `جیە` (word-final `ه` after a consonant is the vowel, as in `ناوچه`), which
/// is not a prefix of `جیهان`. When the typed word ends in a bare `ه` that
/// was read as `ە`, this returns both readings, vowel first: `["جیە",
/// "جیه"]`; the caller should OR the prefix queries. Otherwise it returns one
/// form (or none if the word normalises to nothing).
///
/// The exact analyzer produces one token per word, so for a single typed word
/// `prefix_variants(w)[0]` equals the exact analyzer's token for `w`.
pub fn prefix_variants(word: &str) -> Vec<String> {
    let n = normalize(word);
    if n.is_empty() {
        return Vec::new();
    }
    let last_raw =
        word.chars().rev().find(|&c| !(tokenizer::is_joiner(c) || tokenizer::is_combining_mark(c) || c == '\u{0640}'));
    let ends_bare_heh = last_raw == Some('\u{0647}') && !word.ends_with('\u{200C}');
    if ends_bare_heh && n.ends_with('\u{06D5}') {
        let mut alt = n.clone();
        alt.pop();
        alt.push('\u{0647}');
        vec![n, alt]
    } else {
        vec![n]
    }
}
