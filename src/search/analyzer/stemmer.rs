//! `SoraniStemmer`: a light, rule-based suffix stripper for Sorani nouns,
//! adjectives and (partly) verbs. It runs after `SoraniNormalizer`, so it
//! sees normalised text (ڕ→ر, ڵ→ل, final ه→ە, ...), and first applies F1:
//! `ێ` → `ی`, `ۆ` → `و` (old-orthography spellings; the exact analyzer keeps
//! `ێ` and `ۆ`). All suffixes below are therefore written with ل ر ی و.
//!
//! Sorani inflection stacks small suffixes: `وڵات` + `ەکان` + `ی` + `ش` +
//! `دا`. Rather than list every stack (as Lucene's `SoraniStemmer` does, and
//! fails on stacks it does not list), the stemmer strips one *minimal*
//! suffix at a time, outermost first, and repeats until no rule applies
//! (at most [`MAX_STEPS`] times). Multi-morpheme suffixes are decomposed so
//! that every inflected form passes through its base form on the way down:
//! `-ەکان` is stripped as `-کان` (after a vowel) and then `-ە`, the clitic
//! `-تان` after a vowel as `-ان` + `-ت`, `-یشیان` as `-ان`, `-ی`, `-ش`,
//! `-ی`. Because of that, a word and all its inflections reach the same
//! stem, and a word on the protected list stops the descent wherever it is
//! reached.
//!
//! Rule table (first matching rule wins at each step; "stem ≥ n" is the
//! minimum number of chars that must remain; vowel letters are ا ە ی و):
//!
//! | rule | suffix | condition                                   | stem ≥ | what it is |
//! |------|--------|---------------------------------------------|--------|------------|
//! | S0   | وە     | after `ۆ`, decided before F1                | 2 | `-ەوە` after `ۆ` (`ناتۆوە`, `زانکۆوە`) |
//! | F1   | ێ→ی, ۆ→و | whole word                                | – | vowel fold (old orthography) |
//! | S1   | ترین   |                                             | 2 | superlative (`گەورەترین`) |
//! | S2a  | وە     | after `کە` that follows a vowel             | 3 | `-ەوە` after the definite `-ەکە` (`شارەکەوە`) |
//! | S2   | ەوە    |                                             | 2 | postposition / verbal particle (`وڵاتەوە`, `کۆکردنەوە`) |
//! | S2b  | وە     | after `یا`, `کا`, `پا`, `نا`, `ی`            | 3 | `-ەوە` after a vowel-final name (`ڕووسیاوە`, `کوێوە`) |
//! | S3   | کان    | after a vowel                               | 2 | definite plural (`-ەکان` = `-کان` then S14) |
//! | S4   | یەک    | after a vowel                               | 2 | indefinite after a vowel (`ناوچەیەک`) |
//! | S5   | دا     |                                             | 3 | postposition `لە ... دا` (`کاتێکدا`) |
//! | S6   | کە     | after a vowel                               | 2 | definite singular (`-ەکە` = `-کە` then S14) |
//! | S7   | یک     | not after ا ە; determiner                   | 2 | indefinite `-ێک` (`وڵاتێک`; after a vowel it is `-یەک`) |
//! | S8   | تر     |                                             | 3 | comparative (`باشتر`) |
//! | S8b  | مان, تان | after a consonant (`تان`: not in `ستان`)  | 3 | clitics `-مان -تان` after a consonant (`ڕۆژمان`) |
//! | S9   | ان     | word does not end in `ستان`                 | 2 | plural, and the `-ان` of clitics `-مان -تان -یان` |
//! | S10  | ش      | after a vowel                               | 3 | additive `-یش/-ش` (`-یش` = `-ش` then S13) |
//! | S11  | م, ت   | after `کە`, `کان`, `ەک`, `یک`, `د` or `ت`    | 3 | singular clitics `-م -ت` and the `م/ت` left by S9 from `-مان -تان` |
//! | S12  | ن      | after `رد ند ست شت خت فت وت ات رت وو`       | 2 | infinitive / verbal noun (`کردن` → `کرد`, `بوون` → `بوو`) |
//! | S13  | ی      |                                             | 2 | ezafe, 3sg clitic, `-یی`, and stem-final `-ی` (`سیاسی`) |
//! | S14  | ە      |                                             | 2 | demonstrative/copula `-ە`, and stem-final `-ە` (`ناوچە`) |
//!
//! S3, S4, S6 and S7 are determiners: at most one of them is stripped per
//! word (`سەرۆکەکان` → `سەرۆکە` → `سەرۆک`, never on to `سەرۆ`). Once S14
//! has stripped an `-ە`, S10 no longer applies (`هەڕەشە` → `هەرەش`, not
//! `هەر`; `هەمیشە` → `هەمیش`, not `هەم`).
//!
//! G1: a nominal rule (S1, S3, S4, S6, S7, S8, S9, S12, S14) never leaves a
//! function word (the stopword list) from a word that is not one: `بۆکان`
//! (a town) is not `بۆ` + `-ان`. Clitics and postpositions may (`ئەوەش` →
//! `ئەوە`, `لەگەڵمان` → `لەگەڵ`), since prepositions and pronouns take them.
//!
//! A1: an ambiguous ending (`-مان`/`-تان`: clitic or م/ت + plural `-ان`;
//! `-ستان`: place suffix or ست + `-ان`; `-ش` after a vowel: additive or stem
//! letter) is followed both ways: the rules above give the primary stem,
//! and the other reading's stem is emitted as a further token at the same
//! position (see [`stem_readings`]; at most [`MAX_READINGS`] terms a word).
//!
//! Guards: tokens that are not entirely Arabic-script letters (Latin words,
//! numbers, mixed tokens) are returned unchanged; words of one or two chars
//! are unchanged; before each step, a word on the protected list
//! ([`PROTECTED`]) stops the descent; and if any applicable rule would leave
//! a protected word, that rule is taken and the descent stops (`پیاوە` →
//! `پیاو`, `سەرۆکە` → `سەرۆک` rather than S6's `سەرۆ`).
//!
//! Deliberate non-goals: verb prefixes (`دە-`, `نا-`, `ب-`, `نە-`) and
//! present-tense person endings are not touched (without a lexicon they
//! over-stem badly: `دەرەوە`, `ناتۆ`, `بەڵام`, `وڵات`, `ئێران` all look
//! prefixed or suffixed); derivational suffixes (`-کار`, `-ایەتی`, `-ستان`)
//! are kept. Stems are index terms, not dictionary words: `ناوچە` → `ناوچ`,
//! `سیاسی` → `سیاس`.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::mem;
use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

use super::normalizer::normalize;
use super::stopwords::STOPWORDS;

/// Upper bound on the number of suffixes stripped from one word.
pub const MAX_STEPS: usize = 8;

/// Words (in ordinary spelling; they are normalised before use) at which the
/// stemmer stops: names and common words that a rule would truncate or
/// conflate with an unrelated word. Any inflection that reduces to one of
/// them keeps it whole (`ئێرانییەکان` → `ئێران`).
pub const PROTECTED: &[&str] = &[
    // places and names ending in -ان, -دا, -ی, -ە
    "ئێران",
    "ئیران",
    "تاران",
    "ئازەربایجان",
    "لوبنان",
    "سودان",
    "سوودان",
    "یۆنان",
    "عومان",
    "سلێمانی",
    "بەغدا",
    "هەڵەبجە",
    // common words ending in -ان that are not plurals
    "نێوان",
    "جیهان",
    "ژیان",
    "زیان",
    "باران",
    "گیان",
    "میدان",
    "مەیدان",
    "زمان",
    "پەرلەمان",
    "هاوپەیمان",
    "پەیمان",
    "دەرمان",
    "ئاسمان",
    "گومان",
    "فەرمان",
    "سازمان",
    "قارەمان",
    "سەرەتان",
    "تاوان",
    "ئاسان",
    "گران",
    "جوان",
    "ئیمان",
    "کاروان",
    "بەیان",
    "دووکان",
    "دوکان",
    // months ending in -ان
    "نیسان",
    "حوزەیران",
    "ڕەمەزان",
    "ئابان",
    // words ending in -دا that are not the postposition
    "خودا",
    "پەیدا",
    "سەودا",
    // -ە words whose truncation is another common word
    "هەفتە",
    "پارە",
    "کێشە",
    "دیکە",
    "یانە",
    // other words a rule would truncate into a different word
    "ئاسایش",
    "یەکەم",
    "یەکەمین",
    "ڕوون",
    "پیاو",
    "بیانی",
    "نەخۆش",
    "ناخۆش",
    "پلان",
    "پیشە",
    "پیشان",
    "گەڕەک",
    "نوێ",
    "دایک",
    "یاری",
    "میوە",
    "نیشتمان",
    "ئەڵمان",
    "فڕۆکە",
    "ئاساییش",
    // stems ending in vowel + ک, which S3/S6 would read as -کان/-کە
    "سەرۆک",
    "چەک",
    "نزیک",
    "خاک",
    "پاک",
    "بچووک",
    "کۆمەک",
    "دهۆک",
    "پلاستیک",
    "ترسناک",
];

/// The protected words, normalised and folded. Looked up several times per
/// word while indexing, hence the cheap hash (the keys are fixed).
fn protected() -> &'static rustc_hash::FxHashSet<String> {
    static SET: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| PROTECTED.iter().map(|w| fold_vowels(&normalize(w))).collect())
}

/// The function words of the stopword list ([`STOPWORDS`]), normalised and
/// folded like the stemmer's input. Built without the stemmer (the stopword
/// module's own set is built *with* it, so the stemmer must not use that one:
/// its `OnceLock` would be re-entered while initialising).
fn function_words() -> &'static rustc_hash::FxHashSet<String> {
    static SET: OnceLock<rustc_hash::FxHashSet<String>> = OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().map(|w| fold_vowels(&normalize(w))).collect())
}

/// Rule F1 of the stemmed analyzer: `ێ` → `ی` and `ۆ` → `و`, the letters
/// Arabic and Persian keyboards lack (old-orthography text writes ي for ێ
/// and و for ۆ). Applied to normalised text before stemming, so a word and
/// its old-orthography spelling reach the same stem. The exact analyzer does
/// not apply it.
pub fn fold_vowels(normalized: &str) -> String {
    let mut s = normalized.to_string();
    fold_vowels_in_place(&mut s);
    s
}

fn fold_vowels_in_place(s: &mut String) {
    if s.contains(['ێ', 'ۆ']) {
        *s = s
            .chars()
            .map(|c| match c {
                'ێ' => 'ی',
                'ۆ' => 'و',
                c => c,
            })
            .collect();
    }
}

/// Token filter applying [`stem`] to each token.
#[derive(Clone, Copy, Debug, Default)]
pub struct SoraniStemmer;

impl TokenFilter for SoraniStemmer {
    type Tokenizer<T: Tokenizer> = SoraniStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> Self::Tokenizer<T> {
        SoraniStemmerFilter { tokenizer, buffer: String::new(), others: Vec::new() }
    }
}

/// The [`Tokenizer`] produced by [`SoraniStemmer`].
#[derive(Clone)]
pub struct SoraniStemmerFilter<T> {
    tokenizer: T,
    buffer: String,
    others: Vec<String>,
}

impl<T: Tokenizer> Tokenizer for SoraniStemmerFilter<T> {
    type TokenStream<'a> = SoraniStemmerTokenStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        self.buffer.clear();
        self.others.clear();
        SoraniStemmerTokenStream {
            tail: self.tokenizer.token_stream(text),
            buffer: &mut self.buffer,
            others: &mut self.others,
        }
    }
}

/// The [`TokenStream`] of [`SoraniStemmerFilter`]. A word with an ambiguous
/// ending (rule A1) gives its stem and then its other readings, as further
/// tokens at the same position and offsets.
pub struct SoraniStemmerTokenStream<'a, T> {
    buffer: &'a mut String,
    /// Readings of the current word still to be given, last first.
    others: &'a mut Vec<String>,
    tail: T,
}

impl<T: TokenStream> TokenStream for SoraniStemmerTokenStream<'_, T> {
    fn advance(&mut self) -> bool {
        if let Some(other) = self.others.pop() {
            self.tail.token_mut().text = other;
            return true;
        }
        if !self.tail.advance() {
            return false;
        }
        let token = self.tail.token_mut();
        if !token.text.is_ascii() {
            stem_cached(&mut token.text, self.buffer, self.others);
        }
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// A word → its readings, the stem first.
type StemMemo = FxHashMap<Box<str>, Box<[Box<str>]>>;

/// Most words remembered per thread (a few MB); past it the memo starts over.
const STEM_MEMO_MAX: usize = 1 << 16;

thread_local! {
    /// Readings (the stem first, then any others, rule A1) of words this
    /// thread has stemmed. Word frequencies in text follow Zipf's law, so
    /// nearly every token is a word seen before, and without the memo the
    /// stemmer is the costliest single function of analysis (the profile is
    /// in docs/BENCHMARKS.md, "Import CPU"). The index writer keeps its own
    /// (the `memo` module's words, with their Latin keys).
    static STEM_MEMO: RefCell<StemMemo> = RefCell::new(FxHashMap::default());
}

/// [`stem_readings_in_place`] through the thread's memo: `word` becomes its
/// stem and `others` (empty on entry) its other readings, last first, as the
/// stream gives them. `scratch` is reused.
fn stem_cached(word: &mut String, scratch: &mut String, others: &mut Vec<String>) {
    mem::swap(word, scratch);
    with_readings(scratch, |readings| {
        word.clear();
        word.push_str(&readings[0]);
        others.extend(readings[1..].iter().rev().map(|r| r.to_string()));
    });
}

/// Whether any of the stemmed analyzer's terms for one *normalised* word
/// (as [`stem_readings`] gives them; an ASCII word is its own) is one
/// `wanted` accepts. Through the thread's memo.
pub(crate) fn any_reading(normalized_word: &str, mut wanted: impl FnMut(&str) -> bool) -> bool {
    if normalized_word.is_ascii() {
        return wanted(normalized_word);
    }
    with_readings(normalized_word, |readings| readings.iter().any(|r| wanted(r)))
}

/// `f` of the readings of `word` (the stem first), from the thread's memo,
/// which learns the word if it is new.
fn with_readings<R>(word: &str, f: impl FnOnce(&[Box<str>]) -> R) -> R {
    STEM_MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if let Some(readings) = memo.get(word) {
            return f(readings);
        }
        let (mut stem, mut others) = (word.to_owned(), Vec::new());
        stem_readings_in_place(&mut stem, Some(&mut others));
        let readings: Box<[Box<str>]> = std::iter::once(stem).chain(others).map(Box::from).collect();
        let out = f(&readings);
        if memo.len() >= STEM_MEMO_MAX {
            memo.clear();
        }
        memo.insert(word.into(), readings);
        out
    })
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Cond {
    Always,
    AfterVowel,
    /// After a country-name ending (`-یا -کا -پا -نا`) or `ی` (from `ێ`).
    AfterPlaceVowel,
    /// After the definite `-کە` that follows a vowel (`شارەکە|وە`).
    AfterDefiniteKe,
    /// After a letter other than `ا` and `ە` (`و` and `ی` are often the
    /// consonants w and y: `پیاو|ێک`).
    NotAfterAlefAe,
    /// After a consonant letter (not ا ە ی و: `هەرێم|ان` is not `هەرێ|مان`).
    AfterConsonant,
    /// As `AfterConsonant`, and the word does not end in `ستان`.
    AfterConsonantNotStan,
    NotStan,
    AfterDefiniteOrPast,
    AfterPastStem,
}

struct Rule {
    suffix: &'static str,
    cond: Cond,
    min_stem: usize,
    /// Determiners (definite/indefinite) fill one slot: at most one of them
    /// is stripped from a word.
    determiner: bool,
    /// Nominal inflection (plural, determiners, comparison, `-ن`, `-ە`),
    /// which function words do not take; see rule G1.
    nominal: bool,
}

const fn rule(suffix: &'static str, cond: Cond, min_stem: usize) -> Rule {
    Rule { suffix, cond, min_stem, determiner: false, nominal: false }
}

const fn nom(suffix: &'static str, cond: Cond, min_stem: usize) -> Rule {
    Rule { suffix, cond, min_stem, determiner: false, nominal: true }
}

const fn det(suffix: &'static str, cond: Cond, min_stem: usize) -> Rule {
    Rule { suffix, cond, min_stem, determiner: true, nominal: true }
}

// Suffixes are written in normalised form (ل for ڵ, ر for ڕ).
static RULES: &[Rule] = &[
    nom("ترین", Cond::Always, 2),                // S1
    rule("وە", Cond::AfterDefiniteKe, 3),        // S2a
    rule("ەوە", Cond::Always, 2),                // S2
    rule("وە", Cond::AfterPlaceVowel, 3),        // S2b
    det("کان", Cond::AfterVowel, 2),             // S3
    det("یەک", Cond::AfterVowel, 2),             // S4
    rule("دا", Cond::Always, 3),                 // S5
    det("کە", Cond::AfterVowel, 2),              // S6
    det("یک", Cond::NotAfterAlefAe, 2),          // S7
    nom("تر", Cond::Always, 3),                  // S8
    rule("مان", Cond::AfterConsonant, 3),        // S8b
    rule("تان", Cond::AfterConsonantNotStan, 3), // S8b
    nom("ان", Cond::NotStan, 2),                 // S9
    rule("ش", Cond::AfterVowel, 3),              // S10
    rule("م", Cond::AfterDefiniteOrPast, 3),     // S11
    rule("ت", Cond::AfterDefiniteOrPast, 3),     // S11
    nom("ن", Cond::AfterPastStem, 2),            // S12
    rule("ی", Cond::Always, 2),                  // S13
    nom("ە", Cond::Always, 2),                   // S14
];

fn is_vowel(c: char) -> bool {
    matches!(c, 'ا' | 'ە' | 'ی' | 'و')
}

/// Arabic-script letters only (no digits, no Latin): the words we stem.
fn is_arabic_word(word: &str) -> bool {
    word.chars().all(is_sorani_letter)
}

/// A letter of normalised Sorani text (Arabic script, not a digit or a
/// mark).
pub(crate) fn is_sorani_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{064A}' | '\u{0671}'..='\u{06D5}')
}

fn applies(word: &str, r: &Rule) -> Option<usize> {
    // Most rules fail on the last byte; look at it before comparing the
    // whole suffix (this runs for every rule at every step of every word).
    if word.as_bytes().last() != r.suffix.as_bytes().last() {
        return None;
    }
    let rest = word.strip_suffix(r.suffix)?;
    // At least `min_stem` chars left (without counting them all).
    if r.min_stem > 0 && rest.chars().nth(r.min_stem - 1).is_none() {
        return None;
    }
    let ok = match r.cond {
        Cond::Always => true,
        Cond::AfterVowel => rest.chars().next_back().is_some_and(is_vowel),
        Cond::NotStan => !word.ends_with("ستان"),
        Cond::AfterPlaceVowel => ["یا", "کا", "پا", "نا", "ی"].iter().any(|e| rest.ends_with(e)),
        Cond::AfterDefiniteKe => rest.strip_suffix("کە").and_then(|r| r.chars().next_back()).is_some_and(is_vowel),
        Cond::NotAfterAlefAe => rest.chars().next_back().is_some_and(|c| !matches!(c, 'ا' | 'ە')),
        Cond::AfterConsonant => rest.chars().next_back().is_some_and(|c| !is_vowel(c)),
        Cond::AfterConsonantNotStan => {
            !word.ends_with("ستان") && rest.chars().next_back().is_some_and(|c| !is_vowel(c))
        }
        Cond::AfterDefiniteOrPast => ["کە", "کان", "ەک", "یک", "د", "ت"].iter().any(|e| rest.ends_with(e)),
        Cond::AfterPastStem => {
            ["رد", "ند", "ست", "شت", "خت", "فت", "وت", "ات", "رت", "وو"].iter().any(|e| rest.ends_with(e))
        }
    };
    ok.then_some(rest.len())
}

/// Most terms the stemmed analyzer gives for one word: its stem and at most
/// `MAX_READINGS - 1` other readings of ambiguous endings (rule A1).
pub const MAX_READINGS: usize = 3;

/// Stem `word` in place (see the module docs for the rules): the primary
/// reading only.
pub(crate) fn stem_in_place(word: &mut String) {
    stem_readings_in_place(word, None);
}

/// Stem `word` in place (its primary reading) and, when `others` is given,
/// push the other readings of its ambiguous endings (rule A1) that differ
/// from it, at most `MAX_READINGS - 1`, no duplicates.
pub(crate) fn stem_readings_in_place(word: &mut String, mut others: Option<&mut Vec<String>>) {
    if let Some(o) = others.as_deref_mut() {
        o.clear();
    }
    if !is_arabic_word(word) {
        return;
    }
    // S0: `-وە` after `ۆ` (`ناتۆوە`, `زانکۆوە`), decided before F1 erases
    // the difference between `ۆ` + `وە` and `وو` + `ە` (`کردووە`).
    if let Some(rest) = word.strip_suffix("ۆوە") {
        if rest.chars().nth(1).is_some() {
            word.truncate(rest.len() + 'ۆ'.len_utf8());
        }
    }
    fold_vowels_in_place(word);
    if word.chars().nth(2).is_none() {
        return;
    }
    descend(
        word,
        State { determiner_done: false, clitic_done: false, ae_done: false, steps_left: MAX_STEPS },
        others.as_deref_mut(),
    );
    if let Some(o) = others {
        // A reading that is a function word would match nearly every
        // article (`هەرێمان` read as `هەرێ` + `-مان` ends at `هەر`).
        let fw = function_words();
        o.retain(|r| r != word && !fw.contains(r));
        let mut seen = Vec::with_capacity(o.len());
        o.retain(|r| {
            let new = !seen.contains(r);
            if new {
                seen.push(r.clone());
            }
            new
        });
        o.truncate(MAX_READINGS - 1);
    }
}

#[derive(Clone, Copy)]
struct State {
    determiner_done: bool,
    /// A clitic `-مان`/`-تان` was stripped: the postpositions `-دا`, `-ەوە`
    /// come after clitics (`وڵاتەکانمانەوە`), so none is left inside it.
    clitic_done: bool,
    ae_done: bool,
    steps_left: usize,
}

/// Whether `r` may be stripped in state `st`: one determiner per word; and no
/// additive -ش inside a stripped -ە (`هەڕەشە` → `هەرەش`, not on to `هەرە`
/// and `هەر`).
fn allowed(r: &Rule, st: State) -> bool {
    !(r.determiner && st.determiner_done
        || st.ae_done && r.suffix == "ش"
        || st.clitic_done && matches!(r.suffix, "دا" | "ەوە" | "وە"))
}

/// The other reading of an ambiguous ending at this step (rule A1), as the
/// length of the word it leaves, or `usize::MAX` for "stop here".
///
/// * `-مان`/`-تان`: the clitic (`our`/`your`, strip three letters) or a
///   م/ت-final stem + the plural `-ان` (strip two): `دەریامان` is `دەریا` +
///   `-مان`, `ئەندامان` is `ئەندام` + `-ان`, and nothing in the spelling tells
///   them apart.
/// * `-ستان`: the place suffix, kept (`کوردستان`), or a ست-final stem + `-ان`
///   (`دەستان`, hands).
/// * `-ش` after a vowel: the additive clitic (`ئەمریکاش`) or the stem's own
///   letter (`خامۆش`, `پاژنەکێش`, `دابەش`): the other reading is to stop.
///   Not after a function word (`ئەوەش`, `ئەویش`), which has no stem-final
///   `ش`.
fn other_reading(word: &str, step: Option<(usize, &Rule)>) -> Option<usize> {
    let chars_left = |len: usize| word[..len].chars().count();
    if word.ends_with("ستان") {
        let len = word.len() - "ان".len();
        return (chars_left(len) >= 3).then_some(len);
    }
    if word.ends_with("مان") || word.ends_with("تان") {
        let (clitic, plural) = (word.len() - "مان".len(), word.len() - "ان".len());
        return match step {
            Some((len, _)) if len == clitic => (chars_left(plural) >= 2).then_some(plural),
            Some((len, _)) if len == plural => (chars_left(clitic) >= 3).then_some(clitic),
            _ => None,
        };
    }
    // Not after a function word: `ئەوەش`, `ئەویش` are `ئەوە`, `ئەو` + `-ش`.
    match step {
        Some((len, r)) if r.suffix == "ش" => {
            let rest = &word[..len];
            let fw = function_words();
            (!fw.contains(rest) && !rest.strip_suffix('ی').is_some_and(|r| fw.contains(r))).then_some(usize::MAX)
        }
        _ => None,
    }
}

fn descend(word: &mut String, mut st: State, mut others: Option<&mut Vec<String>>) {
    let protected = protected();
    let fw = function_words();
    // G1 (see below) for a step that leaves `len` bytes.
    let blocked = |word: &str, len: usize, nominal: bool| nominal && fw.contains(&word[..len]) && !fw.contains(word);
    while st.steps_left > 0 {
        st.steps_left -= 1;
        if protected.contains(word.as_str()) {
            return;
        }
        // If some applicable rule leaves a protected word, take it and stop:
        // the protected list doubles as a small lexicon of stems
        // (`سەرۆکە` → `سەرۆک` by S14, not `سەرۆ` by S6).
        // The rules that apply, in rule order (each is tested once).
        let mut applicable = [(0usize, &RULES[0]); RULES.len()];
        let mut n = 0;
        for r in RULES.iter().filter(|r| allowed(r, st)) {
            if let Some(len) = applies(word, r) {
                applicable[n] = (len, r);
                n += 1;
            }
        }
        let applicable = &applicable[..n];
        let anchored = applicable.iter().map(|&(len, _)| len).find(|&len| protected.contains(&word[..len]));
        if let Some(len) = anchored {
            word.truncate(len);
            return;
        }
        // G1: nominal inflection never turns a content word into a function
        // word. `بۆکان` (the town) is not `بۆ` ("for") + `-ان`; such a stem
        // would match nearly every article. Clitics and postpositions may
        // (`ئەوەش` → `ئەوە`, `لەگەڵمان` → `لەگەڵ`: prepositions and pronouns
        // take them), and a function word may reach a shorter one (`ئەوان` →
        // `ئەو`).
        let step = applicable.first().copied().filter(|&(len, r)| !blocked(word, len, r.nominal));
        // A1: the other reading of an ambiguous ending, followed to its own
        // stem (the plural reading `-ان` is nominal, so G1 applies to it).
        if let Some(o) = others.as_deref_mut() {
            if o.len() < MAX_READINGS - 1 {
                match other_reading(word, step) {
                    Some(usize::MAX) => o.push(word.clone()),
                    Some(len) if !blocked(word, len, len == word.len() - "ان".len()) => {
                        let mut alt = word[..len].to_string();
                        // The alternative may branch again, within the budget.
                        let mut sub = Vec::new();
                        let clitic = len == word.len() - "مان".len() && !word.ends_with("ستان");
                        descend(&mut alt, State { clitic_done: st.clitic_done || clitic, ..st }, Some(&mut sub));
                        o.push(alt);
                        o.extend(sub);
                    }
                    _ => {}
                }
            }
        }
        match step {
            Some((len, r)) => {
                word.truncate(len);
                st.determiner_done |= r.determiner;
                st.ae_done |= r.suffix == "ە";
                st.clitic_done |= matches!(r.suffix, "مان" | "تان");
            }
            None => return,
        }
    }
}

/// All the stemmed analyzer's terms for one *normalised* word: [`stem`]
/// first, then the other readings of an ambiguous ending (rule A1), at most
/// [`MAX_READINGS`] in all.
pub fn stem_readings(normalized_word: &str) -> Vec<String> {
    let mut s = normalized_word.to_string();
    let mut others = Vec::new();
    stem_readings_in_place(&mut s, Some(&mut others));
    let mut out = vec![s];
    out.extend(others);
    out
}

/// Stem one *normalised* word (the output of [`normalize`]): rule F1
/// ([`fold_vowels`]) and then the suffix rules. This is the stemmed
/// analyzer's term for the word.
pub fn stem(normalized_word: &str) -> String {
    let mut s = normalized_word.to_string();
    stem_in_place(&mut s);
    s
}
