//! From a parsed input to a [`QueryPlan`]: which terms to look up in which
//! fields, with what weight, and how they combine.
//!
//! Every word becomes one clause per token of it (required, or optional for
//! a stopword among other words): a union of its stems (all readings the
//! stemmer gives) and its exact form, in title and body, whose BM25 scores
//! add up. The word being typed adds its beginnings
//! to its last clause, so results appear while typing: at a constant
//! score, or, when a few rare words begin so, those words scored as words
//! (at every length typed). Its own reading as a word is left out while
//! the index has it only inside longer words ([`Builder::unwritten`]).
//! Phrases match their primary stems in order; exclusions remove documents
//! with any stem of the word. The [`Matcher`] for highlighting is filled
//! along the way from the very terms searched for.
//!
//! A beginning is looked up in one of three ways, which match the same
//! documents: the prefix field (one posting list) for the lengths it
//! indexes, the listed completions when the term dictionaries hold few, and
//! otherwise an automaton over the term dictionary. Which one is used
//! changes the cost of a keystroke, never its answer (both are checked
//! against the automaton in `search::tests`).

use super::highlight::Matcher;
use super::keys;
use super::parse::ParsedQuery;
use super::terms::{self, Prefix};
use super::union::TermUnion;
use crate::search::analyzer::{
    exact_analyzer, fold_vowels, is_stopword, normalize, prefix_variants, romanize, stem, stemmed_analyzer,
    token_groups, tokens, INDEXED_PREFIX_CHARS,
};
use crate::search::plan::{Clause, Count, Leaf, QueryPlan};
use crate::search::schema::Fields;
use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap};
use tantivy::query::{BoostQuery, ConstScoreQuery, FuzzyTermQuery, PhraseQuery, Query, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Score, Searcher, Term};

/// Weight of a title match relative to a body match.
const TITLE_BOOST: Score = 2.5;
/// Extra weight of the unstemmed (exact) form: a match of the form as typed
/// counts more than a stem match, so an article with the exact words ranks
/// above the many that share only their stems, even those that repeat them
/// (the value is measured in docs/SEARCH_EVAL.md: 2 left a rare form of a
/// common word below them).
const EXACT_BOOST: Score = 4.0;
/// Shortest word being typed that is matched as a prefix, in characters:
/// from the first letter typed, results follow (its posting list in the
/// prefix field is one list, however many words it begins).
const MIN_PREFIX_CHARS: usize = 1;
/// Whether Latin words also match Sorani through the Latin keys: on unless
/// `latin_search = false` in config.toml. One setting a process, set once
/// at start ([`set_latin_search`]), as the interface's language is.
static LATIN_SEARCH: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Turn matching Sorani through Latin keys on or off for this process.
pub fn set_latin_search(on: bool) {
    LATIN_SEARCH.store(on, std::sync::atomic::Ordering::Relaxed);
}

/// Whether Latin words also match Sorani (see [`set_latin_search`]).
pub fn latin_search() -> bool {
    LATIN_SEARCH.load(std::sync::atomic::Ordering::Relaxed)
}

/// Weight of a match through the Latin keys (Sorani typed in Latin
/// letters) relative to a stem match: the keys merge letters the spellings
/// confuse, so such a match is less certain than one in the script typed,
/// and an English word that is also some Sorani word's key ranks its
/// English matches first.
const LATIN_BOOST: Score = 0.6;
/// Shortest Latin key a whole word is looked up by (`jin`, ژن, is `jn`):
/// one letter is a key of too many words.
const MIN_LATIN_KEY: usize = 2;
/// Shortest Latin key matched as the beginning of Sorani words while a
/// Latin word is typed: one or two letters begin too many keys, and an
/// English word being typed would drown in them (`dia`, key `da`).
const MIN_LATIN_PREFIX: usize = *romanize::LATIN_PREFIX_CHARS.start();
/// Weight of a Latin-key beginning relative to a beginning in the script
/// typed: below an English beginning in the body even when it matches title
/// and body (`(2.5 + 1) × 0.25 < 1`, times [`BEGINNING_BOOST`]), so the
/// word being typed finds its own script first.
const LATIN_PREFIX_BOOST: Score = 0.25;
/// Score of a document with a word that begins as the word being typed (in
/// the body; in the title times [`TITLE_BOOST`]), a constant (weighting it
/// by how rare the beginning is was measured, and not kept:
/// docs/SEARCH_EVAL.md).
const BEGINNING_BOOST: Score = 0.5;
/// Most completions of the word being typed scored as words (each a term
/// looked up in every segment); with more, they score a constant.
const MAX_SCORED_COMPLETIONS: usize = 16;
/// Completions are scored as words only when they are in at most one
/// document in this many (see [`Builder::scored`]),
const SCORED_SHARE: u64 = 100;
/// or in at most this many documents (walked in no time).
const SCORED_DOCS: u64 = 64;
/// Weight of a completion scored as a word, relative to a beginning's
/// weight ([`BEGINNING_BOOST`], times [`TITLE_BOOST`] in the title): as much
/// as the exact form, as if the reader had typed it whole.
const COMPLETION_BOOST: Score = EXACT_BOOST / BEGINNING_BOOST;
/// Most completions of the word being typed matched term by term; with more,
/// one pass over their posting lists builds a bitset of the matches.
const MAX_LISTED_COMPLETIONS: usize = 64;

/// Turns the parts of a parsed input into clauses, and fills the matcher
/// with what they search for.
struct Builder<'a> {
    fields: &'a Fields,
    /// Latin words also match Sorani through the Latin keys.
    latin: bool,
    /// Shortest Latin key matched: [`MIN_LATIN_KEY`], or
    /// [`MIN_LATIN_PREFIX`] for the word being typed.
    latin_min: usize,
    /// The index the query is for, when known: short lists of completions
    /// of the word being typed are then read from its term dictionaries.
    searcher: Option<&'a Searcher>,
    /// Whether a short list of completions is searched term by term (else
    /// by the automaton, which matches the same documents: tests compare).
    list_completions: bool,
    /// A reading of the word being typed not to look up (see
    /// [`Builder::unwritten`]).
    skip_reading: Option<String>,
    /// The completions listed so far, by field and beginning: the word
    /// being typed is looked up as a word and as a beginning, both of
    /// which read its completions.
    listed: RefCell<HashMap<(Field, String), Option<Completions>>>,
    stemmed: TextAnalyzer,
    exact: TextAnalyzer,
    matcher: Matcher,
}

impl Builder<'_> {
    fn term(&self, field: Field, text: &str, boost: Score) -> Leaf {
        Leaf::term(Term::from_field_text(field, text), boost)
    }

    /// A word matches in title or body, stemmed (any of its readings) or
    /// exact: one clause per token of it.
    fn word(&mut self, word: &str) -> Vec<Clause> {
        let stems = token_groups(&mut self.stemmed, word);
        let exacts = tokens(&mut self.exact, word);
        let mut out = Vec::new();
        for (i, readings) in stems.iter().enumerate() {
            let f = self.fields;
            let mut any = Vec::new();
            let last = i + 1 == stems.len();
            for stem in readings.iter().filter(|s| !(last && self.skip_reading.as_ref() == Some(s))) {
                any.push(self.term(f.title, stem, TITLE_BOOST));
                any.push(self.term(f.body, stem, 1.0));
                self.matcher.stems.insert(stem.clone());
            }
            if let Some(ex) = exacts.get(i) {
                any.push(self.term(f.title_exact, ex, TITLE_BOOST * EXACT_BOOST));
                any.push(self.term(f.body_exact, ex, EXACT_BOOST));
                self.matcher.exacts.insert(ex.clone());
            }
            if stems.len() == 1 {
                any.extend(self.latin(word));
            }
            out.push(Clause(any));
        }
        out
    }

    /// A word in Latin letters may be Sorani typed in Latin: it also
    /// matches the Sorani words whose Latin key is its own, or the key of
    /// one of its stems (the word read in Arabic script and stemmed, so
    /// `hewlêrda` finds هەولێر).
    fn latin(&mut self, word: &str) -> Vec<Leaf> {
        let Some((reading, keys)) = latin_keys(word, self.latin_min).filter(|_| self.latin) else {
            return Vec::new();
        };
        let f = self.fields;
        let mut out = Vec::new();
        for k in keys {
            out.push(self.term(f.title_latin, &k, TITLE_BOOST * LATIN_BOOST));
            out.push(self.term(f.body_latin, &k, LATIN_BOOST));
            self.matcher.latin_mut().keys.insert(k);
        }
        // The reading itself, as a written word: an article that has the
        // word the Latin spells outranks those whose words only share its
        // key (ی leaves no trace in a key: یشەوە and شەوە meet there).
        out.push(self.term(f.title_exact, &reading, TITLE_BOOST * LATIN_BOOST));
        out.push(self.term(f.body_exact, &reading, LATIN_BOOST));
        out
    }
}

/// How a word is looked up through the Latin keys: its reading in Arabic
/// script (normalised) and the keys of at least `min` letters (its
/// reading's stems', its own, and the old orthography's); `None` when it is
/// not (not in Latin letters, a Sorani stopword, no key long enough).
fn latin_keys(word: &str, min: usize) -> Option<(String, Vec<String>)> {
    if !romanize::is_latin(word) {
        return None;
    }
    let reading = normalize(&romanize::arabic_reading(word));
    // A Sorani stopword typed in Latin (`da`, `le`) would match most
    // articles through the keys, and English words that spell it too.
    if is_stopword(&stem(&reading)) {
        return None;
    }
    let mut keys = romanize::stem_keys(&reading);
    if let Some(k) = romanize::latin_key(word).filter(|k| !keys.contains(k)) {
        keys.push(k);
    }
    // Old-orthography text writes ێ as ی and ۆ as و (the stemmed field
    // folds them the same way): `hewlêr` also finds هەولیر.
    for k in romanize::stem_keys(&fold_vowels(&reading)) {
        if !keys.contains(&k) {
            keys.push(k);
        }
    }
    keys.retain(|k| k.chars().count() >= min);
    (!keys.is_empty()).then_some((reading, keys))
}

/// What the search bar shows of a word: its Arabic-script reading, when a
/// query looks it up through the Latin keys (`typing`: it is the word
/// being typed, whose keys count from `MIN_LATIN_PREFIX` letters).
pub fn latin_reading(word: &str, typing: bool) -> Option<String> {
    let min = if typing { MIN_LATIN_PREFIX } else { MIN_LATIN_KEY };
    latin_search().then(|| latin_keys(word, min)).flatten().map(|_| romanize::arabic_reading(word))
}

impl Builder<'_> {
    /// The beginnings of Latin keys that a Latin word being typed may
    /// complete, at a constant score.
    fn latin_beginning(&mut self, word: &str) -> Vec<Leaf> {
        let Some(key) = romanize::latin_key(word).filter(|_| self.latin && romanize::is_latin(word)) else {
            return Vec::new();
        };
        // As for whole words, the old orthography's ی for ێ and و for ۆ.
        let folded = romanize::arabic_key(&fold_vowels(&normalize(&romanize::arabic_reading(word))));
        let mut out = Vec::new();
        let long_enough = |k: &String| k.chars().count() >= MIN_LATIN_PREFIX;
        for key in std::iter::once(key).chain(folded).filter(long_enough) {
            if self.matcher.latin.as_ref().is_some_and(|l| l.prefixes.contains(&key)) {
                continue;
            }
            let f = self.fields;
            let boost = BEGINNING_BOOST * LATIN_PREFIX_BOOST;
            if romanize::LATIN_PREFIX_CHARS.contains(&key.chars().count()) {
                // The word beginnings that spell the key (a few posting
                // lists of the prefix fields), and the words that spell it
                // later: one constant for title and body.
                let fields = ([f.title_prefix, f.body_prefix], [f.title_exact, f.body_exact]);
                let listed = self.searcher.filter(|_| self.list_completions);
                out.extend(keys::key_beginnings(listed, (&fields.0, &fields.1), &key, boost));
            } else {
                // The keys it begins (listed, or by the automaton: the key
                // fields have no prefix field), a few scored as keys.
                for (field, boost) in [(f.title_latin, TITLE_BOOST * boost), (f.body_latin, boost)] {
                    out.extend(self.beginning_leaves((field, None), &key, boost, |_| false));
                }
            }
            self.matcher.latin_mut().prefixes.push(key);
        }
        out
    }

    /// The word being typed: its completed forms, or any term it begins.
    /// All tokens but the last are required as words; the last matches as
    /// a word or as the beginning of a term.
    fn partial(&mut self, word: &str) -> Vec<Clause> {
        // The word being typed is still short on its way to a long one:
        // its Latin keys count from the length its beginnings do.
        self.latin_min = MIN_LATIN_PREFIX;
        self.skip_reading = self.unwritten(word);
        let mut clauses = self.word(word);
        self.skip_reading = None;
        self.latin_min = MIN_LATIN_KEY;
        let (count, last_raw) = {
            let mut ts = self.exact.token_stream(word);
            let (mut n, mut last) = (0, None);
            while let Some(t) = ts.next() {
                n += 1;
                last = Some(word[t.offset_from..t.offset_to].to_owned());
            }
            match last {
                Some(last) => (n, last),
                None => return Vec::new(),
            }
        };
        // A multi-token word (e.g. "covid-1"): all but the last must match.
        let fixed = count - 1;
        let mut last: Vec<Leaf> = clauses.split_off(fixed.min(clauses.len())).into_iter().flat_map(|c| c.0).collect();
        for prefix in prefix_variants(&last_raw) {
            if prefix.chars().count() < MIN_PREFIX_CHARS {
                continue;
            }
            let f = self.fields;
            for (fields, boost) in [
                ((f.title_exact, Some(f.title_prefix)), TITLE_BOOST * BEGINNING_BOOST),
                ((f.body_exact, Some(f.body_prefix)), BEGINNING_BOOST),
            ] {
                // A completion that is the word as typed is looked up already.
                let typed = |w: &str| self.matcher.exacts.contains(w);
                last.extend(self.beginning_leaves(fields, &prefix, boost, typed));
            }
            self.matcher.prefixes.push(prefix);
        }
        last.extend(self.latin_beginning(&last_raw));
        if last.is_empty() {
            return Vec::new();
        }
        clauses.push(Clause(last));
        clauses
    }

    /// The reading of the word being typed that is the word itself (its
    /// stem, with nothing stripped), when the index has words that begin
    /// as typed but none that is this word or an inflection of it (none
    /// whose stem it is): it is not yet a word there. That reading would
    /// rank the articles by a term the stemmer made of those longer words
    /// (`کوردست`, rule A1's other reading of every `کوردستان`), an order
    /// the next letter undoes; their beginnings match them already. A word
    /// that begins nothing keeps it (an old spelling may match by it
    /// alone), and so does one with more completions than are listed.
    fn unwritten(&mut self, word: &str) -> Option<String> {
        let searcher = self.searcher?;
        let typed = tokens(&mut self.exact, word).pop()?;
        let reading = fold_vowels(&typed);
        let f = self.fields;
        let mut begins = false;
        for field in [f.title_exact, f.body_exact] {
            let written = self.completions(searcher, field, &typed)?;
            if written.keys().any(|w| stem(w) == reading) {
                return None;
            }
            begins |= !written.is_empty();
        }
        begins.then_some(reading)
    }

    /// The leaves of a beginning ([`Builder::beginning`]) weighted `boost`:
    /// its constant (every shape scores `boost` for every match), or each
    /// of its few completions as a word, but those `skip` says are looked
    /// up already.
    fn beginning_leaves(
        &self,
        fields: (Field, Option<Field>),
        prefix: &str,
        boost: Score,
        skip: impl Fn(&str) -> bool,
    ) -> Vec<Leaf> {
        match self.beginning(fields, prefix) {
            None => Vec::new(),
            Some(Beginning::Constant { query, count }) => {
                vec![Leaf::constant(Box::new(BoostQuery::new(query, boost)), boost, count)]
            }
            Some(Beginning::Words(words)) => {
                words.iter().filter(|w| !skip(w)).map(|w| self.term(fields.0, w, boost * COMPLETION_BOOST)).collect()
            }
        }
    }

    /// The documents with a term of `exact` (the field) that begins with
    /// `prefix`; `None` when the index has no such term. A few completions
    /// ([`MAX_SCORED_COMPLETIONS`]) are given as words, to be scored as
    /// words, whatever the beginning's length; otherwise every match
    /// scores 1, in one of three shapes with one answer: the prefix field's
    /// one posting list (`indexed`, when `exact` has one), for the lengths
    /// it holds; the completions, when the index has few; or an automaton
    /// over the term dictionary.
    fn beginning(&self, (exact, indexed): (Field, Option<Field>), prefix: &str) -> Option<Beginning> {
        let listed = self.searcher.and_then(|s| self.completions(s, exact, prefix));
        match listed {
            Some(terms) if terms.is_empty() => return None,
            Some(terms) if self.scored(&terms) => return Some(Beginning::Words(terms.into_keys().collect())),
            _ => {}
        }
        if let Some(indexed) = indexed.filter(|_| INDEXED_PREFIX_CHARS.contains(&prefix.chars().count())) {
            let term = Term::from_field_text(indexed, prefix);
            let query = TermQuery::new(term.clone(), IndexRecordOption::Basic);
            let count = Some(Count::Term(term));
            return Some(Beginning::Constant { query: Box::new(ConstScoreQuery::new(Box::new(query), 1.0)), count });
        }
        let count = listed.as_ref().map(|l| Count::Docs(l.values().sum()));
        let query: Box<dyn Query> = match listed.filter(|_| self.list_completions) {
            // Read lazily: an intersection with a rarer word then seeks in
            // these few posting lists instead of first collecting every
            // match into a bitset.
            Some(terms) => Box::new(TermUnion::new(terms.keys().map(|t| Term::from_field_text(exact, t)).collect())),
            None => Box::new(FuzzyTermQuery::new_prefix(Term::from_field_text(exact, prefix), 0, false)),
        };
        Some(Beginning::Constant { query, count })
    }

    /// Whether completions are few and rare enough to be scored as words:
    /// at most [`MAX_SCORED_COMPLETIONS`], in at most one document in
    /// [`SCORED_SHARE`] of the index (or [`SCORED_DOCS`], in a small one). A
    /// common beginning singles out no article (its words' scores would add
    /// little), and scoring it would have every keystroke walk the long
    /// posting lists of its words.
    fn scored(&self, completions: &Completions) -> bool {
        let most = (self.searcher.map_or(0, Searcher::num_docs) / SCORED_SHARE).max(SCORED_DOCS);
        completions.len() <= MAX_SCORED_COMPLETIONS && completions.values().sum::<u64>() <= most
    }

    /// The terms of `field` that begin with `prefix`, with their document
    /// frequencies summed over the segments, when there are at most
    /// [`MAX_LISTED_COMPLETIONS`] of them (see [`terms::listed`]).
    fn completions(&self, searcher: &Searcher, field: Field, prefix: &str) -> Option<Completions> {
        let key = (field, prefix.to_owned());
        let mut listed = self.listed.borrow_mut();
        let found = listed
            .entry(key)
            .or_insert_with(|| terms::listed(searcher, field, &Prefix(prefix.as_bytes()), MAX_LISTED_COMPLETIONS));
        found.clone()
    }

    fn phrase(&mut self, phrase: &str) -> Option<Clause> {
        // One term per position: the primary stem of each word.
        let stems: Vec<String> =
            token_groups(&mut self.stemmed, phrase).into_iter().filter_map(|g| g.into_iter().next()).collect();
        match stems.len() {
            0 => None,
            1 => self.word(phrase).pop(),
            _ => {
                let f = self.fields;
                let mk = |field| -> Box<dyn Query> {
                    Box::new(PhraseQuery::new(stems.iter().map(|s| Term::from_field_text(field, s)).collect()))
                };
                self.matcher.stems.extend(stems.iter().cloned());
                Some(Clause(vec![
                    Leaf::unbounded(Box::new(BoostQuery::new(mk(f.title), TITLE_BOOST))),
                    Leaf::unbounded(mk(f.body)),
                ]))
            }
        }
    }
}

/// Words that begin as typed, with the number of documents each is in.
type Completions = BTreeMap<String, u64>;

/// A beginning of the word being typed, as the index holds it.
enum Beginning {
    /// A few words begin so: each is matched and scored as a word, so that
    /// a rare one, which singles out the articles the reader is typing
    /// towards, outweighs the many matches of a common stem.
    Words(Vec<String>),
    /// Many: a query whose every match scores 1, and how many documents it
    /// matches at most.
    Constant { query: Box<dyn Query>, count: Option<Count> },
}

/// The plan and the highlight matcher for `input`; `None` when nothing in
/// it is searchable. Given a `searcher`, short lists of completions of the
/// word being typed are read from its term dictionaries; without one an
/// automaton stands for them, which matches the same documents.
pub(in crate::search) fn build_plan(
    fields: &Fields,
    searcher: Option<&Searcher>,
    input: &str,
) -> Option<(QueryPlan, Matcher)> {
    plan_with(fields, searcher, true, input)
}

/// [`build_plan`], with the automaton for every beginning longer than the
/// prefix field's (`list_completions` false), to check that both shapes
/// give the same answer.
#[cfg(test)]
pub(in crate::search) fn build_plan_unlisted(
    fields: &Fields,
    searcher: &Searcher,
    input: &str,
) -> Option<(QueryPlan, Matcher)> {
    plan_with(fields, Some(searcher), false, input)
}

fn plan_with(
    fields: &Fields,
    searcher: Option<&Searcher>,
    list_completions: bool,
    input: &str,
) -> Option<(QueryPlan, Matcher)> {
    let parsed = ParsedQuery::parse(input);
    let mut b = Builder {
        fields,
        latin: latin_search(),
        latin_min: MIN_LATIN_KEY,
        searcher,
        list_completions,
        skip_reading: None,
        listed: RefCell::default(),
        stemmed: stemmed_analyzer(),
        exact: exact_analyzer(),
        matcher: Matcher::default(),
    };
    let mut plan = QueryPlan::default();
    let all_stop = parsed.partial.is_none()
        && parsed.phrases.is_empty()
        && parsed.words.iter().all(|w| tokens(&mut b.stemmed, w).iter().all(|t| is_stopword(t)));
    for w in &parsed.words {
        let stop = tokens(&mut b.stemmed, w).iter().all(|t| is_stopword(t));
        let qs = b.word(w);
        if stop && !all_stop {
            plan.optional.extend(qs);
        } else {
            plan.required.extend(qs);
        }
    }
    if let Some(p) = parsed.partial.as_deref() {
        plan.required.extend(b.partial(p));
    }
    for p in &parsed.phrases {
        plan.required.extend(b.phrase(p));
    }
    if plan.required.is_empty() {
        return None;
    }
    let matcher = std::mem::take(&mut b.matcher);
    for ex in &parsed.excluded {
        for stem in tokens(&mut b.stemmed, ex) {
            for field in [fields.title, fields.body] {
                plan.excluded.push(b.term(field, &stem, 1.0).query);
            }
        }
    }
    Some((plan, matcher))
}
