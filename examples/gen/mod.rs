//! Deterministic synthetic Sorani news corpus (the core of `examples/hewal-gen.rs`,
//! also compiled into `tests/gen.rs`).
//!
//! Output: JSON Lines, one article per line, in the format `hewal import`
//! reads: `{"id","title","body","url","published","source","lang"}`.
//!
//! # Where the words come from
//!
//! At start-up [`Model::new`] tokenises the bundled sample articles (the two
//! real seed stories and the Sorani articles of `sample-data/articles.jsonl`;
//! the English article and the old-orthography article are skipped) by
//! splitting on whitespace and punctuation (`، . : ؛ « » ( ) " ?` …). Tokens
//! made only of Sorani letters form the vocabulary, ranked by frequency (ties
//! broken by the string, so the ranking is deterministic). While tokenising it
//! also records three "sentence pattern" lists and a bigram table:
//!
//! * openers: words that start a sentence or paragraph,
//! * finals: words directly before a full stop (mostly verbs: کرد, دەکات…),
//! * connectives: words directly after `،` (بەڵام, کە, لە…),
//! * successors: for every word, the words that follow it in the samples
//!   within a clause (with repetition, so sampling one uniformly is
//!   frequency-weighted). This keeps real collocations such as
//!   `سکرتێری گشتیی ناتۆ` or `وەزیری دەرەوەی`.
//!
//! # Distributions
//!
//! * Word choice: a word slot is a number (1.5 %), an English word (1.2 %), a
//!   corpus successor of the previous word (30 %, when it has one) or else a
//!   draw from a rank-based Zipf–Mandelbrot law over the whole vocabulary,
//!   `p(r) ∝ 1 / (r + 1 + Q)` with exponent 1.0 and `Q = 1.5` (the offset
//!   keeps the top word, `لە`, near 6 % instead of 12 %). The law is a
//!   cumulative table of 53-bit integer thresholds searched with
//!   `partition_point` (binary search). Titles draw from the same law over
//!   "content" words (the function-word stop list removed).
//! * Inflection: each vocabulary word gets a [`Kind`]. Nominal stems
//!   attested in the samples with a definite/indefinite suffix (وڵات, since
//!   وڵاتەکان occurs) take a suffix from [`SUFFIXES`] with probability 40 %;
//!   words that merely look like bare stems (no verb prefix دە- نا- نە- ب-,
//!   no verb or suffix ending) with probability 20 %; a short list of place
//!   names takes -ی/-یش/-ەوە/-دا (رووسیادا, هەولێرەوە) with probability 25 %;
//!   finite verbs take -ەوە with probability 10 % (دەکات → دەکاتەوە). Each
//!   suffix has a spelling after a consonant, after a vowel (ا ۆ ێ ە وو) and
//!   after ی, e.g. وڵات+ەکە = وڵاتەکە, ژمارە+کە = ژمارەکە,
//!   یاری+یەکە = یارییەکە. After a function word the next slot is a content
//!   word with probability 75 %, and an immediate repeat is redrawn once.
//! * Sentences: 6–25 words (sum of two uniforms, so mid lengths are
//!   commonest), ending in `.`; after a word in the middle a `،` starts a new
//!   clause with probability 7 %; 6 % of sentences quote a 2–6 word span in
//!   `« »` (one in six of those with ASCII `"`, to exercise JSON escaping).
//! * Paragraphs: 2–6 sentences (the last one may be shorter), joined by
//!   `\n\n`.
//! * Titles: 5–15 words (triangular, peak at 10), no final full stop.
//! * Bodies: 100–2,000 words, a truncated log-normal (median 300, σ = 0.8,
//!   rejection outside the range): most articles are short, a few are long.
//!   The normal variate is the Irwin–Hall sum of 12 uniforms and `exp` is
//!   computed with a fixed polynomial, so only IEEE basic operations are used.
//! * Dates: uniform over 2019-01-01 … 2026-12-31, whole minutes, UTC (`Z`).
//! * Sources: 50 fixed invented Kurdish outlet names (5 kinds × 10 names),
//!   drawn with the same Zipf–Mandelbrot law (a few outlets publish most).
//!
//! Word counts (the 5–15 and 100–2,000 limits) count whitespace-separated
//! tokens, exactly as `str::split_whitespace` does.
//!
//! # Determinism
//!
//! Each article has its own xoshiro256** generator seeded (via splitmix64)
//! from `(seed, n)`, so article `n` is the same whatever `--count` or the
//! number of threads, and output with `--count 100` is a prefix of output
//! with `--count 1000`. No `rand` crate, no hash-map iteration order, no
//! transcendental library functions.

// Shared by an example and a test, which each use a different subset.
#![allow(dead_code)]

use std::io::{self, Write};
use std::sync::mpsc;

const SEED_000: &str = include_str!("../../sample-data/000_e5af3db2102c7b3b.txt");
const SEED_002: &str = include_str!("../../sample-data/002_748c303270226b28.txt");
const SAMPLES_JSONL: &str = include_str!("../../sample-data/articles.jsonl");

/// Sample articles left out of the vocabulary: English text, and the old
/// Arabic-keyboard spelling (ك ي ى) that would pollute the word list.
const SKIPPED_SAMPLES: &[&str] = &["sample-old-orthography"];

// ---------------------------------------------------------------------------
// Random numbers

/// One splitmix64 step (used for seeding only).
fn splitmix64(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// xoshiro256** (Blackman & Vigna), seeded with splitmix64.
#[derive(Clone, Debug)]
pub struct Rng {
    s: [u64; 4],
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        let mut sm = seed;
        let s = [splitmix64(&mut sm), splitmix64(&mut sm), splitmix64(&mut sm), splitmix64(&mut sm)];
        Rng { s }
    }

    /// The generator for article `n` of a run with `seed`.
    pub fn for_article(seed: u64, n: u64) -> Self {
        let mut sm = seed;
        let base = splitmix64(&mut sm);
        Rng::new(base ^ n.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }

    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        let result = self.s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = self.s[1] << 17;
        self.s[2] ^= self.s[0];
        self.s[3] ^= self.s[1];
        self.s[1] ^= self.s[2];
        self.s[0] ^= self.s[3];
        self.s[2] ^= t;
        self.s[3] = self.s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (multiply-shift; the bias is below 2^-40 here).
    #[inline]
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `lo..=hi`.
    #[inline]
    fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below(hi - lo + 1)
    }

    /// Uniform in `[0, 1)` with 53 bits.
    #[inline]
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    #[inline]
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    #[inline]
    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }
}

/// `e^x` from IEEE basic operations only (range reduction by ln 2 and a
/// degree-13 Taylor polynomial), so results do not depend on the platform's
/// libm. Accurate to a few ulp for the |x| < 20 used here.
fn exp_det(x: f64) -> f64 {
    const LN2: f64 = std::f64::consts::LN_2;
    let k = (x / LN2 + if x < 0.0 { -0.5 } else { 0.5 }) as i64;
    let r = x - k as f64 * LN2;
    let mut term = 1.0;
    let mut sum = 1.0;
    for i in 1..=13 {
        term = term * r / i as f64;
        sum += term;
    }
    sum * f64::from_bits(((k + 1023) as u64) << 52)
}

/// A discrete distribution as cumulative 53-bit thresholds.
#[derive(Debug)]
struct Cumulative {
    cum: Vec<u64>,
}

impl Cumulative {
    const ONE: u64 = 1 << 53;

    fn from_weights(weights: &[f64]) -> Self {
        assert!(!weights.is_empty());
        let total: f64 = weights.iter().sum();
        let mut acc = 0.0;
        let mut cum: Vec<u64> = weights
            .iter()
            .map(|w| {
                acc += w;
                ((acc / total) * Self::ONE as f64) as u64
            })
            .collect();
        *cum.last_mut().unwrap() = Self::ONE;
        Cumulative { cum }
    }

    /// Rank-based Zipf–Mandelbrot law over `n` items: `p(r) ∝ 1/(r+1+q)`.
    fn zipf(n: usize, q: f64) -> Self {
        let w: Vec<f64> = (0..n).map(|r| 1.0 / (r as f64 + 1.0 + q)).collect();
        Self::from_weights(&w)
    }

    #[inline]
    fn sample(&self, rng: &mut Rng) -> usize {
        let x = rng.next_u64() >> 11;
        self.cum.partition_point(|&c| c <= x)
    }
}

/// Zipf–Mandelbrot offset (see the module docs).
const ZIPF_Q: f64 = 1.5;

// ---------------------------------------------------------------------------
// Morphology

/// How a suffix attaches: by the last letter of the stem.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// A consonant (or a single و used as w).
    Consonant,
    /// ا ۆ ێ ە or وو.
    Vowel,
    /// ی.
    Yeh,
}

fn ending_of(word: &str) -> Ending {
    if word.ends_with("وو") {
        return Ending::Vowel;
    }
    match word.chars().last() {
        Some('ا' | 'ۆ' | 'ێ' | 'ە') => Ending::Vowel,
        Some('ی') => Ending::Yeh,
        _ => Ending::Consonant,
    }
}

/// Nominal suffixes: (after a consonant, after a vowel, after ی, weight).
///
/// | suffix | meaning | example |
/// |---|---|---|
/// | ەکە / کە / یەکە | definite singular | وڵاتەکە, ژمارەکە, یارییەکە |
/// | ەکان | definite plural | وڵاتەکان |
/// | ێک / یەک | indefinite | وڵاتێک, ژمارەیەک |
/// | ان / یان | plural | وڵاتان |
/// | ی | ezafe / his-her | وڵاتی, ژمارەی, یاریی |
/// | یش / ش | "also" clitic | وڵاتیش, ئەمریکاش |
/// | ەوە / وە | "from" postposition | وڵاتەوە, رووسیاوە |
/// | دا | "in" postposition (لە … دا) | وڵاتدا |
/// | ەکەی, ەکانی, ێکی, انی | definite/indefinite + ezafe | وڵاتەکانی |
/// | ەکەش, ەکانیش | definite + "also" | |
/// | ەکەدا, ەکاندا, ەکانەوە | definite + postposition | |
/// | مان, تان, یان | our, your, their | وڵاتمان |
/// | ەکانمان, ەکانیان | definite plural + possessive | یاریزانەکانمان |
pub const SUFFIXES: &[(&str, &str, &str, u32)] = &[
    ("ەکە", "کە", "یەکە", 10),
    ("ەکان", "کان", "یەکان", 10),
    ("ێک", "یەک", "یەک", 6),
    ("ان", "یان", "یان", 5),
    ("ی", "ی", "ی", 12),
    ("یش", "ش", "یش", 3),
    ("ەوە", "وە", "یەوە", 4),
    ("دا", "دا", "دا", 4),
    ("ەکەی", "کەی", "یەکەی", 5),
    ("ەکانی", "کانی", "یەکانی", 6),
    ("ێکی", "یەکی", "یەکی", 4),
    ("انی", "یانی", "یانی", 3),
    ("ەکەش", "کەش", "یەکەش", 1),
    ("ەکانیش", "کانیش", "یەکانیش", 1),
    ("ەکەدا", "کەدا", "یەکەدا", 2),
    ("ەکاندا", "کاندا", "یەکاندا", 2),
    ("ەکانەوە", "کانەوە", "یەکانەوە", 1),
    ("مان", "مان", "مان", 1),
    ("تان", "تان", "تان", 1),
    ("یان", "یان", "یان", 2),
    ("ەکانمان", "کانمان", "یەکانمان", 1),
    ("ەکانیان", "کانیان", "یەکانیان", 1),
];

/// Verbal -ەوە: after a consonant or وو, after another vowel, after ی
/// (کرد → کردەوە, بوو → بووەوە, گەڕا → گەڕایەوە).
const VERB_EWE: (&str, &str, &str) = ("ەوە", "یەوە", "یەوە");

const P_NOUN_SUFFIX: f64 = 0.40;
const P_GUESS_SUFFIX: f64 = 0.20;
const P_NAME_SUFFIX: f64 = 0.25;
const P_VERB_EWE: f64 = 0.10;

/// Words that never take a suffix here (particles, prepositions, pronouns…).
const FUNCTION_WORDS: &[&str] = &[
    "لە",
    "و",
    "بە",
    "کە",
    "بۆ",
    "ئەو",
    "ئەم",
    "بەڵام",
    "هەر",
    "تا",
    "لەسەر",
    "دوای",
    "لەو",
    "لەگەڵ",
    "وەک",
    "ئەگەر",
    "یان",
    "هەموو",
    "نە",
    "زۆر",
    "پێش",
    "پاش",
    "بەو",
    "بەم",
    "ئێستا",
    "تەنها",
    "هەروەها",
    "هەندێک",
    "زیاتر",
    "لەبەر",
    "بەپێی",
    "نێوان",
    "ئەوە",
    "ئەوەی",
    "ئەمە",
    "هیچ",
    "چونکە",
    "دواتر",
    "کێ",
    "چی",
    "چۆن",
    "ئێمە",
    "ئەوان",
    "من",
    "تۆ",
    "خۆی",
    "خۆیان",
    "بەرەو",
    "لەلایەن",
    "لەناو",
    "بێ",
    "هەمان",
    "چەند",
    "دوو",
    "سێ",
    "یەک",
    "یەکەم",
    "کاتێک",
    "هەروا",
    "ئیتر",
    "هەتا",
    "لێ",
    "پێ",
    "تێ",
    "وا",
    "ئەوا",
    "جا",
    "بەلام",
    "هاوکات",
    "لەوێ",
    "هەرگیز",
    "ئەمڕۆ",
    "ئەمڕۆش",
    "دووبارە",
    "زۆرجار",
    "هێشتا",
    "هێشتاش",
];

/// Endings that mark a word as already inflected (not a bare stem).
const INFLECTED_ENDINGS: &[&str] = &["ەکە", "ەکان", "ێک", "ان", "ی", "یش", "ەوە", "وە", "دا", "مان", "تان", "یەک"];

/// Role of a vocabulary word for inflection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Particles, pronouns, short or already-inflected words: used as is.
    Plain,
    /// A nominal stem attested in the samples with a definite or indefinite
    /// suffix (وڵات because وڵاتەکان occurs): takes a [`SUFFIXES`] suffix
    /// with probability [`P_NOUN_SUFFIX`].
    Noun,
    /// A word that only looks like a bare nominal stem (no verb prefix or
    /// ending, no suffix): takes a suffix with probability
    /// [`P_GUESS_SUFFIX`].
    NounGuess,
    /// A place or organisation name from [`NAMES`]: takes one of
    /// [`NAME_SUFFIXES`] (رووسیادا, ناتۆی, هەولێرەوە).
    Name,
    /// A finite verb without -ەوە: may take -ەوە.
    Verb,
}

/// Names that take only the ezafe, -یش and postposition suffixes.
const NAMES: &[&str] = &[
    "رووسیا",
    "ئەمریکا",
    "ئۆکراینا",
    "ناتۆ",
    "کوردستان",
    "هەولێر",
    "سلێمانی",
    "مۆسکۆ",
    "بەریتانیا",
    "ئەوروپا",
    "عێراق",
    "بەغدا",
    "تورکیا",
    "ئێران",
    "دهۆک",
    "کەرکووک",
    "واشنتن",
    "جنێف",
    "برووکسل",
    "پووتین",
    "بایدن",
];

/// Suffixes for [`NAMES`], in the same layout as [`SUFFIXES`].
const NAME_SUFFIXES: &[(&str, &str, &str, u32)] =
    &[("ی", "ی", "ی", 4), ("یش", "ش", "یش", 1), ("ەوە", "وە", "یەوە", 2), ("دا", "دا", "دا", 3)];

/// Definite/indefinite endings whose presence in the samples shows the
/// rest of the word is a nominal stem: (after a consonant, after a vowel).
const EVIDENCE: &[(&str, &str)] = &[
    ("ەکە", "کە"),
    ("ەکان", "کان"),
    ("ێک", "یەک"),
    ("ەکەی", "کەی"),
    ("ەکانی", "کانی"),
    ("ێکی", "یەکی"),
    ("ەکەش", "کەش"),
    ("ەکانیش", "کانیش"),
    ("ەکەدا", "کەدا"),
    ("ەکاندا", "کاندا"),
    ("ەکەوە", "کەوە"),
    ("ەکانەوە", "کانەوە"),
];

/// Stems (in `vocab`) that occur in `vocab` with an [`EVIDENCE`] ending.
fn attested_stems<'a>(vocab: &std::collections::BTreeSet<&'a str>) -> std::collections::BTreeSet<&'a str> {
    let mut out = std::collections::BTreeSet::new();
    for w in vocab {
        for &(cons, vowel) in EVIDENCE {
            for (end, after_vowel) in [(cons, false), (vowel, true)] {
                let Some(stem) = w.strip_suffix(end) else { continue };
                if stem.chars().count() < 2 {
                    continue;
                }
                let ends_in_vowel = ending_of(stem) != Ending::Consonant;
                if ends_in_vowel == after_vowel {
                    if let Some(s) = vocab.get(stem) {
                        out.insert(*s);
                    }
                }
            }
        }
    }
    out
}

fn ends_with_any(word: &str, ends: &[&str]) -> bool {
    ends.iter().any(|e| word.ends_with(e))
}

fn is_function_word(word: &str) -> bool {
    word.chars().count() < 3 || FUNCTION_WORDS.contains(&word)
}

fn classify(word: &str, attested: &std::collections::BTreeSet<&str>) -> Kind {
    if is_function_word(word) {
        return Kind::Plain;
    }
    if NAMES.contains(&word) {
        return Kind::Name;
    }
    if attested.contains(word) {
        return Kind::Noun;
    }
    let present =
        (word.starts_with("دە") || word.starts_with("نا") || (word.starts_with('ب') && !word.starts_with("بە")))
            && ends_with_any(word, &["ات", "ێت", "ەن", "ین", "یت", "م", "ن"]);
    let past = ends_with_any(word, &["کرد", "اند", "گوت", "برد", "خست", "بوو"]);
    if present || past {
        return if word.ends_with("وە") { Kind::Plain } else { Kind::Verb };
    }
    // Verb-looking prefixes (دە- نا- نە- ب-) and endings (3pl -ن, past -ا
    // and -ایە as in هێنا, هێنایە, perfect -اوە/-ووە) are left alone.
    let verb_prefix = word.starts_with("دە")
        || word.starts_with("نا")
        || word.starts_with("نە")
        || (word.starts_with('ب') && !word.starts_with("بە"));
    if verb_prefix
        || ends_with_any(word, INFLECTED_ENDINGS)
        || ends_with_any(word, &["ن", "ا", "ایە", "اوە", "ووە", "یە", "انە", "ش"])
    {
        return Kind::Plain;
    }
    Kind::NounGuess
}

// ---------------------------------------------------------------------------
// Other word lists

/// English and other Latin-script tokens mixed into Sorani text (single
/// tokens, no spaces).
const ENGLISH: &[&str] = &[
    "Erbil",
    "Baghdad",
    "Sulaymaniyah",
    "Duhok",
    "Kirkuk",
    "Kurdistan",
    "NATO",
    "UN",
    "EU",
    "Python",
    "GitHub",
    "OpenStreetMap",
    "Linux",
    "Unicode",
    "RSS",
    "AI",
    "GPS",
    "percent",
    "Brussels",
    "Geneva",
    "Moscow",
    "Washington",
    "Ankara",
    "Tehran",
    "COVID-19",
    "online",
    "startup",
    "podcast",
];

const SOURCE_KINDS: &[&str] = &["ئاژانسی هەواڵی", "رۆژنامەی", "ماڵپەڕی", "کەناڵی", "گۆڤاری"];
const SOURCE_NAMES: &[&str] =
    &["هەتاو", "شنە", "کانی", "بەفر", "ئەستێرە", "هەنار", "گوڵاڵە", "دارستان", "پەپوولە", "بەرزایی"];

/// The 50 invented outlet names, in a fixed order.
pub fn source_names() -> Vec<String> {
    let (names, kinds) = (SOURCE_NAMES.len(), SOURCE_KINDS.len());
    (0..names * kinds)
        .map(|r| {
            // Consecutive ranks differ in the name; each name gets every kind once.
            let name = SOURCE_NAMES[r % names];
            let kind = SOURCE_KINDS[(r / names + r % names) % kinds];
            format!("{kind} {name}")
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Tokenising the samples

fn is_sorani_letter(c: char) -> bool {
    let u = c as u32;
    let arabic = (0x0621..=0x063A).contains(&u)
        || (0x0641..=0x064A).contains(&u)
        || (0x0671..=0x06D3).contains(&u)
        || u == 0x06D5;
    // Old-keyboard letters and Arabic-only forms are left out.
    arabic && !matches!(c, 'ك' | 'ي' | 'ى' | 'ة')
}

fn is_punct(c: char) -> bool {
    c.is_ascii_punctuation()
        || matches!(c, '،' | '؛' | '؟' | '«' | '»' | '‹' | '›' | '–' | '—' | '…' | '“' | '”' | '‘' | '’' | '۔')
}

#[derive(Clone, Copy, Debug)]
enum Tok<'a> {
    Word(&'a str),
    Punct(char),
    /// A paragraph break: a newline or two or more spaces.
    Break,
}

fn tokenize<'a>(text: &'a str, out: &mut Vec<Tok<'a>>) {
    let mut chars = text.char_indices().peekable();
    while let Some(&(i, c)) = chars.peek() {
        if c.is_whitespace() {
            let mut spaces = 0;
            let mut newline = false;
            while let Some(&(_, c)) = chars.peek() {
                if !c.is_whitespace() {
                    break;
                }
                newline |= c == '\n';
                spaces += 1;
                chars.next();
            }
            if newline || spaces >= 2 {
                out.push(Tok::Break);
            }
        } else if is_punct(c) {
            out.push(Tok::Punct(c));
            chars.next();
        } else {
            let mut end = i;
            while let Some(&(j, c)) = chars.peek() {
                if c.is_whitespace() || is_punct(c) {
                    break;
                }
                end = j + c.len_utf8();
                chars.next();
            }
            out.push(Tok::Word(&text[i..end]));
        }
    }
}

/// The sample texts the vocabulary is built from.
pub fn sample_texts() -> Vec<String> {
    let mut texts = vec![SEED_000.to_owned(), SEED_002.to_owned()];
    for line in SAMPLES_JSONL.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("articles.jsonl line");
        let id = v["id"].as_str().unwrap_or("");
        if v["lang"].as_str() != Some("ckb") || SKIPPED_SAMPLES.contains(&id) {
            continue;
        }
        for field in ["title", "body"] {
            if let Some(s) = v[field].as_str() {
                texts.push(s.to_owned());
            }
        }
    }
    texts
}

// ---------------------------------------------------------------------------
// The model

#[derive(Clone, Copy, Debug)]
struct Word {
    start: u32,
    len: u32,
    kind: Kind,
    ending: Ending,
    /// In [`FUNCTION_WORDS`] or shorter than 3 letters.
    function: bool,
}

/// Vocabulary, patterns and distributions, built once from the samples.
#[derive(Debug)]
pub struct Model {
    arena: String,
    /// By rank: most frequent first.
    words: Vec<Word>,
    counts: Vec<u32>,
    zipf: Cumulative,
    /// Ranks of non-function words, in rank order, and a Zipf law over them.
    content: Vec<u32>,
    content_zipf: Cumulative,
    openers: Vec<u32>,
    finals: Vec<u32>,
    connectives: Vec<u32>,
    succ_start: Vec<u32>,
    succ: Vec<u32>,
    suffix_dist: Cumulative,
    name_suffix_dist: Cumulative,
    sources: Vec<String>,
    source_zipf: Cumulative,
}

impl Default for Model {
    fn default() -> Self {
        Self::new()
    }
}

impl Model {
    pub fn new() -> Self {
        let texts = sample_texts();
        let mut toks = Vec::new();
        for t in &texts {
            tokenize(t, &mut toks);
            toks.push(Tok::Break);
        }

        // Pass 1: intern Sorani words in order of first appearance.
        let mut ids: std::collections::BTreeMap<&str, u32> = Default::default();
        let mut strings: Vec<&str> = Vec::new();
        let mut counts: Vec<u32> = Vec::new();
        // Per token: Some(id) for a vocabulary word.
        let mut seq: Vec<Option<u32>> = Vec::with_capacity(toks.len());
        for t in &toks {
            let id = match *t {
                Tok::Word(w) if w.chars().all(is_sorani_letter) && (w.chars().count() >= 2 || w == "و") => {
                    let id = *ids.entry(w).or_insert_with(|| {
                        strings.push(w);
                        counts.push(0);
                        (strings.len() - 1) as u32
                    });
                    counts[id as usize] += 1;
                    Some(id)
                }
                _ => None,
            };
            seq.push(id);
        }

        // Rank: count descending, then the string.
        let mut order: Vec<u32> = (0..strings.len() as u32).collect();
        order.sort_by(|&a, &b| {
            counts[b as usize].cmp(&counts[a as usize]).then_with(|| strings[a as usize].cmp(strings[b as usize]))
        });
        let mut rank_of = vec![0u32; strings.len()];
        for (rank, &id) in order.iter().enumerate() {
            rank_of[id as usize] = rank as u32;
        }

        let vocab: std::collections::BTreeSet<&str> = strings.iter().copied().collect();
        let attested = attested_stems(&vocab);
        let mut arena = String::new();
        let mut words = Vec::with_capacity(order.len());
        let mut ranked_counts = Vec::with_capacity(order.len());
        for &id in &order {
            let w = strings[id as usize];
            words.push(Word {
                start: arena.len() as u32,
                len: w.len() as u32,
                kind: classify(w, &attested),
                ending: ending_of(w),
                function: is_function_word(w),
            });
            arena.push_str(w);
            ranked_counts.push(counts[id as usize]);
        }

        // Pass 2: patterns and bigrams, over ranks.
        let mut openers = Vec::new();
        let mut finals = Vec::new();
        let mut connectives = Vec::new();
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        let mut prev: Option<u32> = None;
        let mut at_start = true;
        let mut after_comma = false;
        for (t, id) in toks.iter().zip(&seq) {
            match (*t, *id) {
                (Tok::Word(_), Some(id)) => {
                    let r = rank_of[id as usize];
                    if at_start {
                        openers.push(r);
                    }
                    if after_comma {
                        connectives.push(r);
                    }
                    if let Some(p) = prev {
                        pairs.push((p, r));
                    }
                    prev = Some(r);
                    at_start = false;
                    after_comma = false;
                }
                (Tok::Word(_), None) => {
                    prev = None;
                    at_start = false;
                    after_comma = false;
                }
                (Tok::Punct(c), _) => {
                    match c {
                        '.' | '?' | '!' | '؟' | '۔' => {
                            if let Some(p) = prev {
                                finals.push(p);
                            }
                            at_start = true;
                        }
                        '،' | ',' => after_comma = true,
                        _ => {}
                    }
                    prev = None;
                }
                (Tok::Break, _) => {
                    prev = None;
                    at_start = true;
                    after_comma = false;
                }
            }
        }
        pairs.sort_unstable();
        let mut succ_start = vec![0u32; words.len() + 1];
        for &(p, _) in &pairs {
            succ_start[p as usize + 1] += 1;
        }
        for i in 0..words.len() {
            succ_start[i + 1] += succ_start[i];
        }
        let succ: Vec<u32> = pairs.iter().map(|&(_, s)| s).collect();

        let content: Vec<u32> = (0..words.len() as u32).filter(|&r| !words[r as usize].function).collect();
        let suffix_weights: Vec<f64> = SUFFIXES.iter().map(|s| f64::from(s.3)).collect();
        let sources = source_names();

        Model {
            zipf: Cumulative::zipf(words.len(), ZIPF_Q),
            content_zipf: Cumulative::zipf(content.len(), ZIPF_Q),
            content,
            openers,
            finals,
            connectives,
            succ_start,
            succ,
            suffix_dist: Cumulative::from_weights(&suffix_weights),
            name_suffix_dist: Cumulative::from_weights(
                &NAME_SUFFIXES.iter().map(|s| f64::from(s.3)).collect::<Vec<_>>(),
            ),
            source_zipf: Cumulative::zipf(sources.len(), 2.0),
            sources,
            arena,
            words,
            counts: ranked_counts,
        }
    }

    /// Number of distinct vocabulary words.
    pub fn vocabulary_len(&self) -> usize {
        self.words.len()
    }

    /// Word of a given frequency rank (0 = most frequent) and its count in
    /// the samples.
    pub fn word(&self, rank: usize) -> (&str, u32) {
        let w = &self.words[rank];
        (&self.arena[w.start as usize..(w.start + w.len) as usize], self.counts[rank])
    }

    /// The 50 outlet names.
    pub fn sources(&self) -> &[String] {
        &self.sources
    }

    #[inline]
    fn text(&self, rank: u32) -> &[u8] {
        let w = &self.words[rank as usize];
        &self.arena.as_bytes()[w.start as usize..(w.start + w.len) as usize]
    }
}

// ---------------------------------------------------------------------------
// Writing

/// Appends decimal digits of `v`, Western (`0-9`) or Arabic-Indic (`٠-٩`).
fn push_uint(out: &mut Vec<u8>, mut v: u64, arabic: bool) {
    let mut digits = [0u8; 20];
    let mut n = 0;
    loop {
        digits[n] = (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    for &d in digits[..n].iter().rev() {
        if arabic {
            // U+0660 + d: 0xD9 0xA0+d
            out.extend_from_slice(&[0xD9, 0xA0 + d]);
        } else {
            out.push(b'0' + d);
        }
    }
}

/// Appends `v` with a thousands separator every three digits.
fn push_grouped(out: &mut Vec<u8>, v: u64, arabic: bool) {
    if v < 1000 {
        push_uint(out, v, arabic);
        return;
    }
    push_grouped(out, v / 1000, arabic);
    out.extend_from_slice(if arabic { "٬".as_bytes() } else { b"," });
    let rest = v % 1000;
    for d in [rest / 100, rest / 10 % 10, rest % 10] {
        push_uint(out, d, arabic);
    }
}

fn push_2(out: &mut Vec<u8>, v: u32) {
    out.push(b'0' + (v / 10) as u8);
    out.push(b'0' + (v % 10) as u8);
}

/// Days since 1970-01-01 to (year, month, day) (H. Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Appends Unix time `t` as RFC 3339 UTC, `2025-03-14T10:30:00Z`.
fn push_rfc3339(out: &mut Vec<u8>, t: i64) {
    let (y, m, d) = civil_from_days(t.div_euclid(86_400));
    let s = t.rem_euclid(86_400) as u32;
    push_uint(out, y as u64, false);
    out.push(b'-');
    push_2(out, m);
    out.push(b'-');
    push_2(out, d);
    out.push(b'T');
    push_2(out, s / 3600);
    out.push(b':');
    push_2(out, s / 60 % 60);
    out.push(b':');
    push_2(out, s % 60);
    out.push(b'Z');
}

/// Appends `s` as the inside of a JSON string.
fn push_json_str(out: &mut Vec<u8>, s: &str) {
    for &b in s.as_bytes() {
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            0..=0x1F => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[(b >> 4) as usize]);
                out.push(HEX[(b & 15) as usize]);
            }
            _ => out.push(b),
        }
    }
}

/// 2019-01-01T00:00:00Z and 2027-01-01T00:00:00Z.
const DATE_FROM: i64 = 1_546_300_800;
const DATE_TO: i64 = 1_798_761_600;

const P_NUMBER: f64 = 0.015;
const P_ENGLISH: f64 = 0.012;
const P_BIGRAM: f64 = 0.30;
const P_COMMA: f64 = 0.07;
const P_QUOTE: f64 = 0.06;
const P_CONTENT_AFTER_FUNCTION: f64 = 0.75;
const P_OPENER: f64 = 0.6;
const P_FINAL: f64 = 0.85;

/// Per-article generation state. Text goes straight into `out` already
/// JSON-escaped: vocabulary words, numbers and English words never contain
/// `"`, `\` or control characters, and the only ones written (paragraph
/// breaks and ASCII quotes) are written escaped.
struct Writer<'a> {
    m: &'a Model,
    rng: Rng,
    out: &'a mut Vec<u8>,
    /// Rank of the previous bare vocabulary word (for bigrams).
    prev: Option<u32>,
    /// Rank of the previous vocabulary word, suffixed or not (`u32::MAX`
    /// after anything else), to avoid immediate repeats.
    last: u32,
    /// The previous token was a function word (no `،` after it, and the
    /// next word leans to content words).
    last_function: bool,
}

impl Writer<'_> {
    fn push_word(&mut self, rank: u32, allow_suffix: bool) {
        let m = self.m;
        self.out.extend_from_slice(m.text(rank));
        let w = m.words[rank as usize];
        self.last = rank;
        self.last_function = w.function;
        let p = match w.kind {
            Kind::Noun => P_NOUN_SUFFIX,
            Kind::NounGuess => P_GUESS_SUFFIX,
            Kind::Name => P_NAME_SUFFIX,
            _ => 0.0,
        };
        let form = |s: (&'static str, &'static str, &'static str, u32)| match w.ending {
            Ending::Consonant => s.0,
            Ending::Vowel => s.1,
            Ending::Yeh => s.2,
        };
        let suffix = match w.kind {
            Kind::Noun | Kind::NounGuess if allow_suffix && self.rng.chance(p) => {
                Some(form(SUFFIXES[m.suffix_dist.sample(&mut self.rng)]))
            }
            Kind::Name if allow_suffix && self.rng.chance(p) => {
                Some(form(NAME_SUFFIXES[m.name_suffix_dist.sample(&mut self.rng)]))
            }
            Kind::Verb if allow_suffix && self.rng.chance(P_VERB_EWE) => Some(match w.ending {
                Ending::Consonant => VERB_EWE.0,
                Ending::Vowel if m.text(rank).ends_with("وو".as_bytes()) => VERB_EWE.0,
                Ending::Vowel => VERB_EWE.1,
                Ending::Yeh => VERB_EWE.2,
            }),
            _ => None,
        };
        match suffix {
            Some(s) => {
                self.out.extend_from_slice(s.as_bytes());
                self.prev = None;
            }
            None => self.prev = Some(rank),
        }
    }

    fn push_number(&mut self) {
        let rng = &mut self.rng;
        let arabic = rng.chance(0.4);
        match rng.below(6) {
            0 => {
                // A year, sometimes with -دا / -ی.
                push_uint(self.out, rng.range(2010, 2026), arabic);
                if rng.chance(0.3) {
                    self.out.extend_from_slice(if rng.chance(0.5) { "دا" } else { "ی" }.as_bytes());
                }
            }
            1 => {
                // A percentage with one decimal: 12.5% / ١٢٫٥٪.
                push_uint(self.out, rng.below(100), arabic);
                self.out.extend_from_slice(if arabic { "٫".as_bytes() } else { b"." });
                push_uint(self.out, rng.below(10), arabic);
                self.out.extend_from_slice(if arabic { "٪".as_bytes() } else { b"%" });
            }
            2 => {
                // A large grouped number: 3,400 / ١٤٦٬٧٥٠.
                push_grouped(self.out, rng.range(1000, 2_000_000), arabic);
            }
            3 => {
                // A whole percentage.
                push_uint(self.out, rng.range(1, 99), arabic);
                self.out.extend_from_slice(if arabic { "٪".as_bytes() } else { b"%" });
            }
            _ => push_uint(self.out, rng.range(2, 500), arabic),
        }
        self.prev = None;
        self.last = u32::MAX;
        self.last_function = false;
    }

    fn push_english(&mut self) {
        let w = self.rng.pick(ENGLISH);
        if self.rng.chance(0.1) {
            self.out.push(b'(');
            self.out.extend_from_slice(w.as_bytes());
            self.out.push(b')');
        } else {
            self.out.extend_from_slice(w.as_bytes());
            if self.rng.chance(0.15) {
                // A Kurdish suffix on a Latin word: GitHubی.
                self.out.extend_from_slice("ی".as_bytes());
            }
        }
        self.prev = None;
        self.last = u32::MAX;
        self.last_function = false;
    }

    /// One ordinary word slot (exactly one whitespace-separated token).
    /// `content`: draw from content words only (no function words).
    fn push_slot(&mut self, mut content: bool) {
        if self.rng.chance(P_NUMBER) {
            return self.push_number();
        }
        if self.rng.chance(P_ENGLISH) {
            return self.push_english();
        }
        let m = self.m;
        if let Some(p) = self.prev {
            let (a, b) = (m.succ_start[p as usize], m.succ_start[p as usize + 1]);
            if b > a && self.rng.chance(P_BIGRAM) {
                let next = m.succ[(a + self.rng.below(u64::from(b - a)) as u32) as usize];
                return self.push_word(next, true);
            }
        }
        // A preposition or particle is mostly followed by a content word.
        content |= self.last_function && self.rng.chance(P_CONTENT_AFTER_FUNCTION);
        let mut rank = self.draw(content);
        if rank == self.last {
            rank = self.draw(content); // one retry against "بە بە"
        }
        self.push_word(rank, true);
    }

    #[inline]
    fn draw(&mut self, content: bool) -> u32 {
        let m = self.m;
        if content {
            m.content[m.content_zipf.sample(&mut self.rng)]
        } else {
            m.zipf.sample(&mut self.rng) as u32
        }
    }

    /// Sum of two uniforms: a triangular length in `lo..=hi`.
    fn tri(&mut self, lo: u64, hi: u64) -> u64 {
        let span = hi - lo;
        let a = self.rng.range(0, span / 2);
        let b = self.rng.range(0, span - span / 2);
        lo + a + b
    }

    fn sentence(&mut self, len: u64) {
        debug_assert!((6..=25).contains(&len));
        let (q_start, q_end, ascii) = if self.rng.chance(P_QUOTE) {
            let start = self.rng.range(1, len - 3);
            let qlen = self.rng.range(2, 6.min(len - 1 - start));
            (start, start + qlen - 1, self.rng.chance(1.0 / 6.0))
        } else {
            (u64::MAX, u64::MAX, false)
        };
        let mut after_comma = false;
        self.prev = None;
        self.last = u32::MAX;
        self.last_function = false;
        for i in 0..len {
            if i > 0 {
                self.out.push(b' ');
            }
            if i == q_start {
                self.out.extend_from_slice(if ascii { b"\\\"" } else { "«".as_bytes() });
            }
            let m = self.m;
            if i == 0 && self.rng.chance(P_OPENER) {
                let w = self.rng.pick(&m.openers);
                self.push_word(w, false);
            } else if i == len - 1 && self.rng.chance(P_FINAL) {
                let w = self.rng.pick(&m.finals);
                self.push_word(w, true);
            } else if after_comma && self.rng.chance(0.5) {
                let w = self.rng.pick(&m.connectives);
                self.push_word(w, false);
            } else {
                // First and last words: content words (no sentence ends in و).
                self.push_slot(i == 0 || i == len - 1);
            }
            after_comma = false;
            if i == q_end {
                self.out.extend_from_slice(if ascii { b"\\\"" } else { "»".as_bytes() });
            }
            if i >= 2 && i + 3 <= len && !self.last_function && self.rng.chance(P_COMMA) {
                self.out.extend_from_slice("،".as_bytes());
                after_comma = true;
                self.prev = None;
            }
        }
        self.out.push(b'.');
    }

    /// Title: `len` words, no final full stop.
    fn title(&mut self) -> u64 {
        let len = self.tri(5, 15);
        self.prev = None;
        self.last = u32::MAX;
        self.last_function = false;
        for i in 0..len {
            if i > 0 {
                self.out.push(b' ');
            }
            if i == 0 {
                // A headline starts with a noun phrase, not a verb: redraw
                // verbs a few times.
                let mut rank = self.draw(true);
                for _ in 0..4 {
                    if self.m.words[rank as usize].kind != Kind::Verb {
                        break;
                    }
                    rank = self.draw(true);
                }
                self.push_word(rank, true);
            } else if i == len - 1 && self.rng.chance(0.6) {
                let w = self.rng.pick(&self.m.finals);
                self.push_word(w, true);
            } else {
                // Titles lean on content words.
                let content = i == 0 || self.rng.chance(0.7);
                self.push_slot(content);
            }
        }
        len
    }

    /// Body word target: truncated log-normal, median 300, σ 0.8.
    fn body_target(&mut self) -> u64 {
        const MU: f64 = 5.703_782_474_656_201; // ln 300
        const SIGMA: f64 = 0.8;
        loop {
            let mut z = -6.0;
            for _ in 0..12 {
                z += self.rng.unit();
            }
            let x = exp_det(MU + SIGMA * z) + 0.5;
            if (100.0..2001.0).contains(&x) {
                return x as u64;
            }
        }
    }

    /// Body: paragraphs of sentences, exactly `target` words.
    fn body(&mut self, target: u64) {
        let mut remaining = target;
        let mut first = true;
        while remaining > 0 {
            if !first {
                self.out.extend_from_slice(b"\\n\\n");
            }
            first = false;
            let sentences = self.rng.range(2, 6);
            for s in 0..sentences {
                if remaining == 0 {
                    break;
                }
                if s > 0 {
                    self.out.push(b' ');
                }
                // Sentence lengths stay within 6..=25 and sum to `target`.
                let len = if remaining <= 25 {
                    remaining
                } else {
                    let len = self.tri(6, 25);
                    len.min(remaining - 6)
                };
                self.sentence(len);
                remaining -= len;
            }
        }
    }
}

/// What one generated article looked like (for tests and statistics).
#[derive(Clone, Copy, Debug, Default)]
pub struct ArticleInfo {
    pub title_words: u64,
    pub body_words: u64,
}

impl Model {
    /// Appends article `n` of a run with `seed` to `out` as one JSON line
    /// (with its final `\n`).
    pub fn write_article(&self, seed: u64, n: u64, out: &mut Vec<u8>) -> ArticleInfo {
        let mut w =
            Writer { m: self, rng: Rng::for_article(seed, n), out, prev: None, last: u32::MAX, last_function: false };
        // Draw the metadata first so it does not depend on the text.
        let published = {
            let t = DATE_FROM + w.rng.below((DATE_TO - DATE_FROM) as u64) as i64;
            t - t.rem_euclid(60)
        };
        let source = &self.sources[self.source_zipf.sample(&mut w.rng)];
        let body_target = w.body_target();

        w.out.extend_from_slice(b"{\"id\":\"gen-");
        push_uint(w.out, seed, false);
        w.out.push(b'-');
        push_uint(w.out, n, false);
        w.out.extend_from_slice(b"\",\"title\":\"");
        let title_words = w.title();
        w.out.extend_from_slice(b"\",\"body\":\"");
        w.body(body_target);
        w.out.extend_from_slice(b"\",\"url\":\"https://example.org/gen/");
        push_uint(w.out, n, false);
        w.out.extend_from_slice(b"\",\"published\":\"");
        push_rfc3339(w.out, published);
        w.out.extend_from_slice(b"\",\"source\":\"");
        push_json_str(w.out, source);
        w.out.extend_from_slice(b"\",\"lang\":\"ckb\"}\n");
        ArticleInfo { title_words, body_words: body_target }
    }
}

// ---------------------------------------------------------------------------
// Whole runs

/// Run parameters.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    pub count: u64,
    pub seed: u64,
    /// Worker threads (1 = generate on the calling thread). The output does
    /// not depend on it.
    pub threads: usize,
}

/// Totals of a run.
#[derive(Clone, Copy, Debug, Default)]
pub struct Summary {
    pub articles: u64,
    pub bytes: u64,
    pub words: u64,
}

/// Articles per batch handed between threads.
const BATCH: u64 = 256;

fn write_batch(model: &Model, seed: u64, range: std::ops::Range<u64>, buf: &mut Vec<u8>) -> u64 {
    let mut words = 0;
    for n in range {
        let info = model.write_article(seed, n, buf);
        words += info.title_words + info.body_words;
    }
    words
}

/// Writes articles `0..count` to `out`.
pub fn generate(model: &Model, opts: &Options, out: &mut dyn Write) -> io::Result<Summary> {
    let mut sum = Summary::default();
    let batches = opts.count.div_ceil(BATCH);
    let batch_range = |b: u64| b * BATCH..((b + 1) * BATCH).min(opts.count);
    let threads = opts.threads.max(1) as u64;
    if threads == 1 || batches <= 1 {
        let mut buf = Vec::with_capacity(4 << 20);
        for b in 0..batches {
            buf.clear();
            sum.words += write_batch(model, opts.seed, batch_range(b), &mut buf);
            out.write_all(&buf)?;
            sum.bytes += buf.len() as u64;
        }
    } else {
        // Worker t makes batches t, t+T, t+2T… and sends them in order on
        // its own channel; buffers come back for reuse.
        std::thread::scope(|scope| -> io::Result<()> {
            let mut data_rx = Vec::new();
            let mut free_tx = Vec::new();
            for t in 0..threads {
                let (dtx, drx) = mpsc::sync_channel::<(Vec<u8>, u64)>(2);
                let (ftx, frx) = mpsc::channel::<Vec<u8>>();
                data_rx.push(drx);
                free_tx.push(ftx);
                let seed = opts.seed;
                scope.spawn(move || {
                    let mut b = t;
                    while b < batches {
                        let mut buf = frx.try_recv().unwrap_or_default();
                        buf.clear();
                        let words = write_batch(model, seed, batch_range(b), &mut buf);
                        if dtx.send((buf, words)).is_err() {
                            return; // the writer stopped (write error)
                        }
                        b += threads;
                    }
                });
            }
            for b in 0..batches {
                let t = (b % threads) as usize;
                let (buf, words) = data_rx[t].recv().expect("generator thread panicked");
                out.write_all(&buf)?;
                sum.bytes += buf.len() as u64;
                sum.words += words;
                let _ = free_tx[t].send(buf);
            }
            Ok(())
        })?;
    }
    sum.articles = opts.count;
    out.flush()?;
    Ok(sum)
}

#[cfg(test)]
mod unit {
    use super::*;

    #[test]
    fn exp_matches_std() {
        for i in -100..=100 {
            let x = i as f64 * 0.13;
            let (a, b) = (exp_det(x), x.exp());
            assert!(((a - b) / b).abs() < 1e-14, "{x}: {a} vs {b}");
        }
    }
}
