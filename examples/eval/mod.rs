//! The seven-kinds retrieval evaluation of issue 7 (the core of
//! `examples/search-eval.rs`, also compiled into `tests/search_eval.rs`).
//! See `docs/SEARCH_EVAL.md`.
//!
//! 1. [`corpus`]: the bundled samples plus `hewal-gen` articles, into which
//!    real Sorani nouns and names from the KLPT lexicon (and English words of
//!    the samples) are injected, so that the synthetic text has distinctive
//!    words with real spellings.
//! 2. [`build_queries`]: a seeded query set of the seven kinds, each with the
//!    article it should find, derived from the corpus by fixed rules that do
//!    not use hewal's analyzer (only a loose letter fold, [`fold`], to count
//!    document frequencies).
//! 3. [`run_hewal`]: the queries through the same path as the TUI and
//!    `hewal search` (store → `SearchIndex::sync` → `SearchIndex::search`).
//! 4. [`Table`]: top-5 success per kind.
//!
//! Needs `mod gen` (examples/gen/mod.rs) at the crate root.

// Shared by an example and a test, which each use a different subset.
#![allow(dead_code)]

use crate::gen;
use hewal::search::SearchIndex;
use hewal::store::{sample, NewArticle, Store};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

/// Real Sorani words (KLPT lexicon subset, CC BY-SA 4.0).
pub const LEXICON: &str = include_str!("../../tests/data/sorani/klpt-lexicon-sample.tsv");

/// How many results count: the wanted article must be among the first `TOP`.
pub const TOP: usize = 5;

/// The kinds, in order, with short names for tables. 8 and 9 are Sorani
/// typed in Latin letters (issue 19): a kind-1 word in Kurdish Latin (with
/// its diacritics or, half of the time, without) and in the ASCII
/// spelling, both made by hewal's own `romanize::hawar`/`ascii`, so they
/// test retrieval through the keys, not the rules themselves (an
/// independent transliterator, KLPT, checks those in `romanize`'s tests).
/// 10 is a kind-1 word as KLPT spells it (with its diacritics or, half of
/// the time, without), so the rules are graded by spellings they did not
/// make. 11 is a word typed as far as the inside of its suffix chain: the
/// beginning is in few articles, its lemma in many.
pub const KINDS: [&str; 11] =
    ["exact", "keyboard", "inflected", "prefix", "multiword", "english", "random", "latin", "ascii", "klpt", "chain"];

/// Kurdish Latin spellings by KLPT 0.1.7 (CC BY-SA 4.0) of the lexicon
/// sample's and the sample data's words: `tools/search-eval/klpt-latin.py`.
pub const KLPT_LATIN: &str = include_str!("../../tests/data/sorani/klpt-latin.tsv");

/// [`KLPT_LATIN`] as a map from the Arabic-script word to its spelling.
fn klpt_latin() -> HashMap<&'static str, &'static str> {
    KLPT_LATIN.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t')).collect()
}

/// The number of kinds.
const NKINDS: usize = KINDS.len();

/// One article of the evaluation corpus.
#[derive(Clone, Debug)]
pub struct Doc {
    pub id: String,
    pub title: String,
    pub body: String,
    pub published: Option<i64>,
    /// From the bundled samples (real or project-written text), not generated.
    pub sample: bool,
}

/// One query with the article it should find (`None` for kind 7: nothing).
#[derive(Clone, Debug)]
pub struct Query {
    /// 1..=11, see [`KINDS`].
    pub kind: usize,
    /// As typed, trailing space included when there is one.
    pub text: String,
    pub wanted: Option<String>,
    /// How it was made (source word, rules applied).
    pub note: String,
}

/// What one engine returned for one query.
#[derive(Clone, Debug, Default)]
pub struct Answer {
    pub total: usize,
    /// At most [`TOP`] ids, best first.
    pub ids: Vec<String>,
}

impl Query {
    pub fn succeeded(&self, a: &Answer) -> bool {
        match &self.wanted {
            None => a.total == 0,
            Some(w) => a.ids.iter().take(TOP).any(|i| i == w),
        }
    }
}

// ---------------------------------------------------------------------------
// Random numbers (the generator's xoshiro256**, seeded per purpose)

struct R(gen::Rng);

impl R {
    fn new(seed: u64, stream: u64) -> R {
        R(gen::Rng::for_article(seed, stream))
    }
    fn below(&mut self, n: usize) -> usize {
        ((u128::from(self.0.next_u64()) * n as u128) >> 64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        ((self.0.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------
// Words, independent of hewal's analyzer

const ZWNJ: char = '\u{200C}';

fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}' | '\u{0640}')
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Class {
    Arabic,
    Latin,
    Digit,
}

fn class(c: char) -> Option<Class> {
    if c.is_ascii_digit() || ('\u{0660}'..='\u{0669}').contains(&c) || ('\u{06F0}'..='\u{06F9}').contains(&c) {
        Some(Class::Digit)
    } else if ('\u{0600}'..='\u{06FF}').contains(&c) || ('\u{FB50}'..='\u{FEFF}').contains(&c) {
        (c.is_alphabetic() || is_mark(c)).then_some(Class::Arabic)
    } else if c == ZWNJ {
        Some(Class::Arabic)
    } else if c.is_alphabetic() {
        Some(Class::Latin)
    } else {
        None
    }
}

/// Words of `text`: maximal runs of letters of one script (Arabic letters
/// with their marks and ZWNJ, Latin letters) or of digits. ZWNJ at a word's
/// edge is dropped.
pub fn words(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<(usize, Class)> = None;
    for (i, c) in text.char_indices() {
        let k = class(c);
        if let Some((s, a)) = start {
            if k == Some(a) {
                continue;
            }
            push_word(&mut out, &text[s..i]);
        }
        start = k.map(|b| (i, b));
    }
    if let Some((s, _)) = start {
        push_word(&mut out, &text[s..]);
    }
    out
}

fn push_word<'t>(out: &mut Vec<&'t str>, w: &'t str) {
    let w = w.trim_matches(ZWNJ);
    if !w.is_empty() {
        out.push(w);
    }
}

/// A deliberately loose fold used only to count document frequencies and
/// check absence: keyboard variants, ڕ/ر, ڵ/ل, ێ/ی, ۆ/و, every ە/ه, marks,
/// ZWNJ and digit systems all meet; Latin is lower-cased. Looser than any
/// analyzer, so "rare under this fold" is rare under any of them.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let d = match c {
            'ي' | 'ى' | 'ێ' => 'ی',
            'ك' | 'ڪ' => 'ک',
            'ە' | 'ة' | 'ۀ' | 'ھ' | 'ہ' => 'ه',
            'ڕ' | 'ڒ' => 'ر',
            'ڵ' => 'ل',
            'ۆ' | 'ؤ' => 'و',
            'ڤ' => 'ف',
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
            '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
            c if c == ZWNJ || is_mark(c) => continue,
            c => c,
        };
        out.extend(d.to_lowercase());
    }
    out
}

fn is_arabic_word(w: &str) -> bool {
    w.chars().all(|c| class(c) == Some(Class::Arabic))
}

fn is_latin_word(w: &str) -> bool {
    w.chars().all(|c| class(c) == Some(Class::Latin))
}

fn is_number(w: &str) -> bool {
    w.chars().all(|c| class(c) == Some(Class::Digit))
}

/// The generator's suffix spelling rule: by the stem's last letter.
fn spell(suffix: &(&'static str, &'static str, &'static str, u32), stem: &str) -> &'static str {
    if stem.ends_with("وو") {
        return suffix.1;
    }
    match stem.chars().last() {
        Some('ا' | 'ۆ' | 'ێ' | 'ە') => suffix.1,
        Some('ی') => suffix.2,
        _ => suffix.0,
    }
}

/// The lemma itself and every form the generator's suffix table makes of it.
fn forms(lemma: &str) -> Vec<String> {
    let mut out = vec![lemma.to_owned()];
    for s in gen::SUFFIXES {
        out.push(format!("{lemma}{}", spell(s, lemma)));
    }
    out
}

/// `word` as a Sorani keyboard writes it, for finding its lemma: ي ى → ی,
/// ك → ک, ه+ZWNJ → ە, a final ه (after two letters or more) → ە, ZWNJ dropped.
fn canonical(word: &str) -> String {
    let w = word.replace("ه\u{200C}", "ە").replace(['ي', 'ى'], "ی").replace('ك', "ک").replace(ZWNJ, "");
    match w.strip_suffix('ه') {
        Some(stem) if stem.chars().count() >= 2 => format!("{stem}ە"),
        _ => w,
    }
}

/// `word` (in its [`canonical`] spelling) and what is left of it after one
/// or two suffixes of the generator's table that fit its spelling rule (at
/// least two letters left): every lemma the word may be a form of.
fn lemmas(word: &str) -> Vec<String> {
    let mut out = vec![canonical(word)];
    let mut from = 0;
    for _layer in 0..2 {
        let end = out.len();
        for i in from..end {
            let w = out[i].clone();
            for s in gen::SUFFIXES {
                for sp in [s.0, s.1, s.2] {
                    if let Some(l) = w.strip_suffix(sp) {
                        if l.chars().count() >= 2 && spell(s, l) == sp && !out.iter().any(|o| o == l) {
                            out.push(l.to_owned());
                        }
                    }
                }
            }
        }
        from = end;
    }
    out
}

// ---------------------------------------------------------------------------
// The corpus

fn lexicon() -> Vec<&'static str> {
    LEXICON.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split('\t').next()).collect()
}

/// The bundled samples, as hewal imports them.
pub fn samples() -> Vec<Doc> {
    let mut store = Store::open_in_memory().expect("store");
    sample::import_samples(&mut store).expect("samples");
    let rows = store.window(0, 1000).expect("window");
    let mut docs: Vec<Doc> = rows
        .iter()
        .map(|r| {
            let a = store.article(r.key).expect("article");
            Doc { id: a.id, title: a.title, body: a.body, published: a.published, sample: true }
        })
        .collect();
    docs.sort_by(|a, b| a.id.cmp(&b.id));
    docs
}

/// Latin words of four letters or more in the samples, in first-seen order.
fn sample_english(samples: &[Doc]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for d in samples {
        for w in words(&d.title).into_iter().chain(words(&d.body)) {
            if is_latin_word(w) && w.chars().count() >= 4 && seen.insert(w.to_lowercase()) {
                out.push(w.to_owned());
            }
        }
    }
    out
}

/// Insert `word` before a word of `text` chosen by `rng` (or at the end).
fn insert_word(text: &mut String, word: &str, rng: &mut R) {
    let spaces: Vec<usize> = text.match_indices(' ').map(|(i, _)| i).collect();
    if spaces.is_empty() {
        text.push(' ');
        text.push_str(word);
    } else {
        let at = spaces[rng.below(spaces.len())] + 1;
        text.insert_str(at, &format!("{word} "));
    }
}

/// A lexicon word in one of its forms: bare (40 %) or with a suffix of the
/// generator's table.
fn inflect(lemma: &str, rng: &mut R) -> String {
    if rng.chance(0.4) {
        lemma.to_owned()
    } else {
        let s = rng.pick(gen::SUFFIXES);
        format!("{lemma}{}", spell(s, lemma))
    }
}

/// The samples plus `gen_count` generated articles (`hewal-gen --seed
/// seed`), with injected words: generated article `n < 2·L` gets lexicon
/// word `(n·7919) mod L` (so each of the `L` words lands in exactly two
/// articles, in a random form, in the body and with probability ¼ also in the
/// title), and every fourth article gets an English word of the samples the
/// same way (each in two articles).
pub fn corpus(gen_count: u64, seed: u64) -> Vec<Doc> {
    let mut docs = samples();
    let english = sample_english(&docs);
    let lex = lexicon();
    let model = gen::Model::new();
    let mut out = Vec::new();
    let opts = gen::Options { count: gen_count, seed, threads: 1 };
    gen::generate(&model, &opts, &mut out).expect("generate");
    let text = String::from_utf8(out).expect("UTF-8");
    for (n, line) in text.lines().enumerate() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        let s = |k: &str| v[k].as_str().unwrap_or_default().to_owned();
        let published = time::OffsetDateTime::parse(&s("published"), &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|t| t.unix_timestamp());
        let mut doc = Doc { id: s("id"), title: s("title"), body: s("body"), published, sample: false };
        let mut rng = R::new(seed ^ 0x5ea7_c4e7, n as u64);
        if n < 2 * lex.len() {
            let lemma = lex[(n * 7919) % lex.len()];
            insert_word(&mut doc.body, &inflect(lemma, &mut rng), &mut rng);
            if rng.chance(0.25) {
                insert_word(&mut doc.title, &inflect(lemma, &mut rng), &mut rng);
            }
        }
        if n % 4 == 1 && n / 4 < 2 * english.len() {
            let w = &english[(n / 4 * 7919) % english.len()];
            insert_word(&mut doc.body, w, &mut rng);
        }
        docs.push(doc);
    }
    docs
}

// ---------------------------------------------------------------------------
// Document frequencies under the loose fold

struct Stats {
    /// fold → sorted document numbers.
    postings: BTreeMap<String, Vec<u32>>,
    /// Per document: its words (title then body).
    doc_words: Vec<Vec<String>>,
}

impl Stats {
    fn new(docs: &[Doc]) -> Stats {
        let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        let mut doc_words = Vec::with_capacity(docs.len());
        for (d, doc) in docs.iter().enumerate() {
            let ws: Vec<String> = words(&doc.title).into_iter().chain(words(&doc.body)).map(str::to_owned).collect();
            let mut seen = HashSet::new();
            for w in &ws {
                let f = fold(w);
                if seen.insert(f.clone()) {
                    postings.entry(f).or_default().push(d as u32);
                }
            }
            doc_words.push(ws);
        }
        Stats { postings, doc_words }
    }

    fn docs_of(&self, word: &str) -> &[u32] {
        self.postings.get(&fold(word)).map_or(&[], |v| v.as_slice())
    }

    fn df(&self, word: &str) -> usize {
        self.docs_of(word).len()
    }

    fn occurs(&self, word: &str) -> bool {
        self.postings.contains_key(&fold(word))
    }

    /// Documents with a word beginning with `prefix` (folded), stopping past `cap`.
    fn prefix_docs(&self, prefix: &str, cap: usize) -> BTreeSet<u32> {
        let p = fold(prefix);
        let mut out = BTreeSet::new();
        for (k, v) in self.postings.range(p.clone()..) {
            if !k.starts_with(&p) || out.len() > cap {
                break;
            }
            out.extend(v);
        }
        out
    }

    /// Documents with any form of `lemma`.
    fn family_docs(&self, lemma: &str) -> BTreeSet<u32> {
        forms(lemma).iter().flat_map(|f| self.docs_of(f).iter().copied()).collect()
    }

    /// Documents with `word` or any form of a lemma it may be a form of (by
    /// the generator's suffix table): what "this word" selects once
    /// inflection is ignored.
    fn word_family(&self, word: &str) -> BTreeSet<u32> {
        let mut out: BTreeSet<u32> = self.docs_of(word).iter().copied().collect();
        for l in lemmas(word) {
            out.extend(self.family_docs(&l));
        }
        out
    }
}

// ---------------------------------------------------------------------------
// The query set

/// Highest loose document frequency of a "distinctive" word (kinds 1, 2, 6).
pub const MAX_DF: usize = 3;
/// Highest number of documents a prefix (kind 4) or a word combination
/// (kind 5) may select, and a lemma's family (kind 3) may span.
pub const MAX_SELECTED: usize = 5;

const SORANI_LETTERS: &str = "ئابپتجچحخدرڕزژسشعغفڤقکگلڵمنهەوۆیێ";

/// Keyboard rules (kind 2): what an Arabic or Persian keyboard types instead.
fn keyboard_variant(word: &str, rng: &mut R) -> Option<(String, String)> {
    let has = |c: char| word.contains(c);
    if is_number(word) {
        let target = if word.chars().all(|c| c.is_ascii_digit()) {
            if rng.chance(0.5) {
                0x0660
            } else {
                0x06F0
            }
        } else if rng.chance(0.5) {
            0x06F0
        } else {
            0x30
        };
        let v: String = word
            .chars()
            .map(|c| {
                let d = fold(&c.to_string()).chars().next().map_or(0, |d| d as u32 - 0x30);
                char::from_u32(target + d).unwrap_or(c)
            })
            .collect();
        let name = match target {
            0x0660 => "D:arabic-indic",
            0x06F0 => "D:persian",
            _ => "D:ascii",
        };
        return (v != word).then(|| (v, name.to_owned()));
    }
    // (rule, applicable)
    let rules = [
        ("Y", has('ی')),
        ("K", has('ک')),
        ("E", has('ە')),
        ("R", has('ڕ')),
        ("L", has('ڵ')),
        ("O", has('ۆ')),
        ("EE", has('ێ')),
    ];
    let applicable: Vec<&str> = rules.iter().filter(|r| r.1).map(|r| r.0).collect();
    if applicable.is_empty() {
        return None;
    }
    let mut chosen: Vec<&str> = applicable.iter().copied().filter(|_| rng.chance(0.6)).collect();
    if chosen.is_empty() {
        chosen.push(*rng.pick(&applicable));
    }
    let final_alef_maqsura = rng.chance(0.3);
    let heh_zwnj = rng.chance(0.5);
    let mut names = Vec::new();
    let chars: Vec<char> = word.chars().collect();
    let mut out = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let last = i + 1 == chars.len();
        let on = |r: &str| chosen.contains(&r);
        match c {
            'ی' if on("Y") => out.push(if last && final_alef_maqsura { 'ى' } else { 'ي' }),
            'ک' if on("K") => out.push('ك'),
            'ە' if on("E") => {
                out.push('ه');
                if heh_zwnj && !last {
                    out.push(ZWNJ);
                }
            }
            'ڕ' if on("R") => out.push('ر'),
            'ڵ' if on("L") => out.push('ل'),
            'ۆ' if on("O") => out.push('و'),
            'ێ' if on("EE") => out.push(if on("Y") { 'ي' } else { 'ی' }),
            c => out.push(c),
        }
    }
    for r in &chosen {
        names.push(match *r {
            "Y" if final_alef_maqsura && word.ends_with('ی') => "Y:ى".to_owned(),
            "E" if heh_zwnj => "E:ه+zwnj".to_owned(),
            "E" => "E:ه".to_owned(),
            r => r.to_owned(),
        });
    }
    (out != word).then(|| (out, names.join(",")))
}

struct Builder<'a> {
    docs: &'a [Doc],
    stats: Stats,
    lexicon: HashSet<&'static str>,
    /// Kind 10's spellings ([`KLPT_LATIN`]).
    klpt: HashMap<&'static str, &'static str>,
    rng: R,
    /// Distinctiveness of kinds 1, 2 and 5 by the written form only.
    surface: bool,
}

impl Builder<'_> {
    fn space(&mut self) -> &'static str {
        if self.rng.chance(0.5) {
            " "
        } else {
            ""
        }
    }

    /// Words of document `d` (deduplicated by fold) passing `keep`, in order.
    fn candidates(&self, d: usize, keep: impl Fn(&str) -> bool) -> Vec<String> {
        let mut seen = HashSet::new();
        self.stats.doc_words[d].iter().filter(|w| keep(w) && seen.insert(fold(w))).cloned().collect()
    }

    /// Arabic-script words of document `d` that select at most [`MAX_DF`]
    /// documents: as written with `Rules::surface`, else with every form of
    /// their lemma (`Stats::word_family`).
    fn distinctive(&self, d: usize) -> Vec<String> {
        self.candidates(d, |w| {
            is_arabic_word(w)
                && fold(w).chars().count() >= 3
                && self.stats.df(w) <= MAX_DF
                && (self.surface || self.stats.word_family(w).len() <= MAX_DF)
        })
    }

    fn one(&mut self, kind: usize, d: usize) -> Option<(String, String)> {
        match kind {
            1 => {
                let c = self.distinctive(d);
                let w = self.rng.pick(nonempty(&c)?).clone();
                let sp = self.space();
                Some((format!("{w}{sp}"), format!("df {}", self.stats.df(&w))))
            }
            2 => {
                // A distinctive number a quarter of the time when there is one.
                let numbers = self.candidates(d, |w| is_number(w) && self.stats.df(w) <= MAX_DF);
                let c = if !numbers.is_empty() && self.rng.chance(0.25) { numbers } else { self.distinctive(d) };
                if c.is_empty() {
                    return None;
                }
                for _ in 0..8 {
                    let w = self.rng.pick(&c).clone();
                    if let Some((v, rules)) = keyboard_variant(&w, &mut self.rng) {
                        let sp = self.space();
                        return Some((format!("{v}{sp}"), format!("{w} [{rules}]")));
                    }
                }
                None
            }
            3 => {
                let ws = self.candidates(d, |w| is_arabic_word(w) && w.chars().count() >= 4);
                let mut options = Vec::new();
                for w in &ws {
                    for l in lemmas(w) {
                        // Dictionary lemmas only (the KLPT lexicon).
                        if !self.lexicon.contains(l.as_str()) {
                            continue;
                        }
                        let fam = self.stats.family_docs(&l);
                        if fam.len() > MAX_SELECTED || !fam.contains(&(d as u32)) {
                            continue;
                        }
                        for f in forms(&l) {
                            if !self.stats.occurs(&f) {
                                options.push((f, format!("{l} + suffix; article has {w}; family df {}", fam.len())));
                            }
                        }
                    }
                }
                if options.is_empty() {
                    return None;
                }
                let (q, note) = self.rng.pick(&options).clone();
                let sp = self.space();
                Some((format!("{q}{sp}"), note))
            }
            4 => {
                let ws = self.candidates(d, |w| (is_arabic_word(w) || is_latin_word(w)) && w.chars().count() >= 4);
                for _ in 0..30 {
                    let w = self.rng.pick(nonempty(&ws)?).clone();
                    let chars: Vec<char> = w.chars().collect();
                    let n = 2 + self.rng.below(4);
                    if n >= chars.len() {
                        continue;
                    }
                    let p: String = chars[..n].iter().collect();
                    if p.ends_with(ZWNJ) || p.chars().last().is_some_and(is_mark) {
                        continue;
                    }
                    let sel = self.stats.prefix_docs(&p, MAX_SELECTED);
                    if sel.len() <= MAX_SELECTED && sel.contains(&(d as u32)) {
                        return Some((p, format!("{w}; {} docs", sel.len())));
                    }
                }
                None
            }
            5 => {
                let n_docs = self.docs.len();
                let hi = (n_docs / 10).max(20);
                let ws = self.candidates(d, |w| {
                    is_arabic_word(w) && fold(w).chars().count() >= 3 && (4..=hi).contains(&self.stats.df(w))
                });
                if ws.len() < 2 {
                    return None;
                }
                for _ in 0..40 {
                    let k = (2 + self.rng.below(2)).min(ws.len());
                    let mut idx = BTreeSet::new();
                    while idx.len() < k {
                        idx.insert(self.rng.below(ws.len()));
                    }
                    let chosen: Vec<&String> = idx.iter().map(|&i| &ws[i]).collect();
                    let sel_of = |w: &str| -> BTreeSet<u32> {
                        if self.surface {
                            self.stats.docs_of(w).iter().copied().collect()
                        } else {
                            self.stats.word_family(w)
                        }
                    };
                    let mut sel = sel_of(chosen[0]);
                    for w in &chosen[1..] {
                        let other = sel_of(w);
                        sel = sel.intersection(&other).copied().collect();
                    }
                    if sel.len() <= MAX_SELECTED && sel.contains(&(d as u32)) {
                        let text = chosen.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(" ");
                        let sp = self.space();
                        return Some((format!("{text}{sp}"), format!("{} docs have all", sel.len())));
                    }
                }
                None
            }
            6 => {
                let arabic = self.stats.doc_words[d].iter().filter(|w| is_arabic_word(w)).count();
                if arabic < 20 {
                    return None;
                }
                let c = self.candidates(d, |w| is_latin_word(w) && w.len() >= 3 && self.stats.df(w) <= MAX_DF);
                let w = self.rng.pick(nonempty(&c)?).clone();
                let w = if self.rng.chance(0.3) { w.to_lowercase() } else { w };
                let sp = self.space();
                Some((format!("{w}{sp}"), format!("df {}", self.stats.df(&w))))
            }
            8 | 9 => {
                use hewal::search::analyzer::{normalize, romanize};
                let c = self.distinctive(d);
                let w = self.rng.pick(nonempty(&c)?).clone();
                let n = normalize(&w);
                let latin = match kind {
                    8 if self.rng.chance(0.5) => strip_diacritics(&romanize::hawar(&n)),
                    8 => romanize::hawar(&n),
                    _ => romanize::ascii(&n),
                };
                if latin.chars().count() < 3 {
                    return None;
                }
                let sp = self.space();
                Some((format!("{latin}{sp}"), format!("{w}; df {}", self.stats.df(&w))))
            }
            10 => {
                let c: Vec<String> =
                    self.distinctive(d).into_iter().filter(|w| self.klpt.contains_key(w.as_str())).collect();
                let w = self.rng.pick(nonempty(&c)?).clone();
                let spelled = self.klpt[w.as_str()];
                let latin = if self.rng.chance(0.5) { strip_diacritics(spelled) } else { spelled.to_owned() };
                let sp = self.space();
                Some((format!("{latin}{sp}"), format!("{w}; KLPT {spelled}; df {}", self.stats.df(&w))))
            }
            11 => self.chain(d),
            _ => None,
        }
    }

    /// Kind 11: a word of document `d` that is a lemma with suffixes of the
    /// generator's table, typed up to a letter inside the suffixes (at least
    /// one typed, at least one not), when words so begun are in at most
    /// [`MAX_SELECTED`] articles and the lemma's forms in more than
    /// `4 × MAX_SELECTED`.
    fn chain(&mut self, d: usize) -> Option<(String, String)> {
        let ws = self.candidates(d, |w| is_arabic_word(w) && w.chars().count() >= 5);
        let mut options = Vec::new();
        for w in &ws {
            let w = canonical(w);
            let chars: Vec<char> = w.chars().collect();
            for l in lemmas(&w) {
                let n = l.chars().count();
                if n < 3 || n + 2 > chars.len() || self.stats.family_docs(&l).len() <= 4 * MAX_SELECTED {
                    continue;
                }
                for cut in n + 1..chars.len() {
                    let p: String = chars[..cut].iter().collect();
                    if p.ends_with(ZWNJ) {
                        continue;
                    }
                    let sel = self.stats.prefix_docs(&p, MAX_SELECTED);
                    if sel.len() <= MAX_SELECTED && sel.contains(&(d as u32)) {
                        let fam = self.stats.family_docs(&l).len();
                        options.push((p, format!("{w}; lemma {l} in {fam} docs; {} docs begun so", sel.len())));
                    }
                }
            }
        }
        let got = self.rng.pick(nonempty(&options)?).clone();
        Some(got)
    }

    /// A random letter string that is no word of the corpus, no generator
    /// suffix on one, and (typed without a space) no prefix of one.
    fn random(&mut self) -> Option<(String, String)> {
        let letters: Vec<char> = SORANI_LETTERS.chars().collect();
        let len = 4 + self.rng.below(5);
        let s: String = (0..len).map(|_| *self.rng.pick(&letters)).collect();
        let sp = self.space();
        let f = fold(&s);
        if self.stats.occurs(&s) {
            return None;
        }
        for suf in gen::SUFFIXES {
            for v in [suf.0, suf.1, suf.2] {
                if let Some(stem) = f.strip_suffix(fold(v).as_str()) {
                    if stem.chars().count() >= 2 && self.stats.postings.contains_key(stem) {
                        return None;
                    }
                }
            }
        }
        if sp.is_empty() && !self.stats.prefix_docs(&s, 0).is_empty() {
            return None;
        }
        Some((format!("{s}{sp}"), String::new()))
    }
}

/// `per_kind` queries of each kind, deterministic for (`docs`, `seed`).
/// For each kind every sample article is tried once, then wanted articles
/// are drawn uniformly from the corpus; an article that offers no candidate
/// for a kind is skipped.
///
/// `surface`: judge distinctiveness (kinds 1, 2, 5) by the written form
/// alone, so that a rare inflection of a common word counts as distinctive
/// (a harder, diagnostic variant; the default judges by the whole family of
/// forms of the word's lemma under the generator's suffix table).
pub fn build_queries(docs: &[Doc], per_kind: usize, seed: u64, surface: bool) -> Vec<Query> {
    let lexicon: HashSet<&'static str> = lexicon().into_iter().collect();
    let mut b =
        Builder { docs, stats: Stats::new(docs), lexicon, klpt: klpt_latin(), rng: R::new(seed, 0x9e1), surface };
    let samples: Vec<usize> = (0..docs.len()).filter(|&d| docs[d].sample).collect();
    let mut out = Vec::new();
    for kind in 1..=NKINDS {
        b.rng = R::new(seed, 0x9e1 + kind as u64);
        let mut seen = HashSet::new();
        let mut made = 0;
        let mut tries = 0;
        while made < per_kind && tries < 400 * per_kind {
            tries += 1;
            let (d, got) = if kind == 7 {
                (usize::MAX, b.random())
            } else {
                // Every sample article is tried once first, so that some
                // queries come from real (or project-written) text.
                let d = match samples.get(tries - 1) {
                    Some(&d) => d,
                    None => b.rng.below(docs.len()),
                };
                (d, b.one(kind, d))
            };
            let Some((text, note)) = got else { continue };
            if !seen.insert(text.trim_end().to_owned()) {
                continue;
            }
            let wanted = docs.get(d).map(|doc| doc.id.clone());
            out.push(Query { kind, text, wanted, note });
            made += 1;
        }
    }
    out
}

// ---------------------------------------------------------------------------
// hewal

/// Index `docs` as hewal does and run every query (top [`TOP`]).
pub fn run_hewal(docs: &[Doc], queries: &[Query]) -> Vec<Answer> {
    let mut store = Store::open_in_memory().expect("store");
    let batch: Vec<NewArticle> = docs
        .iter()
        .map(|d| NewArticle {
            id: d.id.clone(),
            source: "eval".into(),
            title: d.title.clone(),
            body: d.body.clone(),
            published: d.published,
            ..Default::default()
        })
        .collect();
    for chunk in batch.chunks(1000) {
        store.insert_batch(chunk, 1).expect("insert");
    }
    let mut index = SearchIndex::in_memory().expect("index");
    index.sync(&store, &mut |_, _| {}).expect("sync");
    queries
        .iter()
        .map(|q| {
            let r = index.search(&q.text, TOP).expect("search");
            let ids = r.hits.iter().map(|h| store.article(h.key).expect("article").id).collect();
            Answer { total: r.total, ids }
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Files shared with the Lucene side

fn escape(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\t', "\\t").replace('\n', "\\n").replace('\r', "\\r")
}

/// id, title, body; one article per line, `\\ \t \n \r` escaped.
pub fn corpus_tsv(docs: &[Doc]) -> String {
    let mut out = String::new();
    for d in docs {
        let _ = writeln!(out, "{}\t{}\t{}", escape(&d.id), escape(&d.title), escape(&d.body));
    }
    out
}

/// kind, wanted id (or `-`), query as typed (escaped), note.
pub fn queries_tsv(queries: &[Query]) -> String {
    let mut out = String::new();
    for q in queries {
        let wanted = q.wanted.as_deref().unwrap_or("-");
        let _ = writeln!(out, "{}\t{}\t{}\t{}", q.kind, escape(wanted), escape(&q.text), escape(&q.note));
    }
    out
}

/// Read the Lucene side's output: per query, `number TAB total TAB ids…`.
pub fn parse_answers(text: &str, n: usize) -> Vec<Answer> {
    let mut out = vec![Answer::default(); n];
    for line in text.lines() {
        let mut f = line.split('\t');
        let (Some(i), Some(total)) = (f.next().and_then(|s| s.parse::<usize>().ok()), f.next()) else { continue };
        if let Some(a) = out.get_mut(i) {
            a.total = total.parse().unwrap_or(0);
            a.ids = f.next().unwrap_or("").split(' ').filter(|s| !s.is_empty()).map(str::to_owned).collect();
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Scores

/// Per kind: (queries, successes) for each engine.
pub struct Table {
    pub n: [usize; NKINDS],
    pub ok: Vec<[usize; NKINDS]>,
}

impl Table {
    pub fn new(queries: &[Query], engines: &[&[Answer]]) -> Table {
        let mut n = [0; NKINDS];
        let mut ok = vec![[0; NKINDS]; engines.len()];
        for (i, q) in queries.iter().enumerate() {
            n[q.kind - 1] += 1;
            for (e, answers) in engines.iter().enumerate() {
                if q.succeeded(&answers[i]) {
                    ok[e][q.kind - 1] += 1;
                }
            }
        }
        Table { n, ok }
    }

    /// Share of successes of engine `e` in kind `k` (0-based), or overall.
    pub fn pct(&self, e: usize, k: Option<usize>) -> f64 {
        let (ok, n) = match k {
            Some(k) => (self.ok[e][k], self.n[k]),
            None => (self.ok[e].iter().sum(), self.n.iter().sum()),
        };
        if n == 0 {
            100.0
        } else {
            100.0 * ok as f64 / n as f64
        }
    }

    /// A Markdown table, one column per engine name.
    pub fn render(&self, names: &[&str]) -> String {
        let mut s = String::from("| kind | n |");
        for n in names {
            let _ = write!(s, " {n} % |");
        }
        s.push_str("\n|---|---|");
        s.push_str(&"---|".repeat(names.len()));
        s.push('\n');
        for (k, kind) in KINDS.iter().enumerate() {
            let _ = write!(s, "| {} {kind} | {} |", k + 1, self.n[k]);
            for e in 0..names.len() {
                let _ = write!(s, " {:.1} ({}) |", self.pct(e, Some(k)), self.ok[e][k]);
            }
            s.push('\n');
        }
        let _ = write!(s, "| all | {} |", self.n.iter().sum::<usize>());
        for e in 0..names.len() {
            let _ = write!(s, " **{:.1}** ({}) |", self.pct(e, None), self.ok[e].iter().sum::<usize>());
        }
        s.push('\n');
        s
    }
}

/// Kurdish Latin as typed without its diacritics (`hewlêr` → `hewler`).
fn strip_diacritics(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'ê' => 'e',
            'î' => 'i',
            'û' => 'u',
            'ş' => 's',
            'ç' => 'c',
            'ḧ' => 'h',
            'ẍ' => 'x',
            'ř' => 'r',
            'ł' => 'l',
            'ë' => 'e',
            c => c,
        })
        .collect()
}

fn nonempty<T>(v: &[T]) -> Option<&[T]> {
    (!v.is_empty()).then_some(v)
}
