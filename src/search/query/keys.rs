//! The words whose Latin key begins with a key.
//!
//! A Latin word being typed matches the Sorani words whose Latin key
//! (`analyzer::romanize`) begins with its own. The index holds no key
//! beginnings. For the lengths a query uses (`romanize::LATIN_PREFIX_CHARS`),
//! [`KeyAutomaton`] reads the term dictionaries instead: an automaton over a
//! term's bytes that works its key out as it reads (character by character,
//! runs collapsed), so it only has to know how much of the key the term has
//! spelled so far. The words sought are
//! - those whose first one to four characters spell the key: a few
//!   beginnings of the prefix fields, which hold every word's first one to
//!   four characters, and their long posting lists;
//! - those that spell it only later, since ی, ئ and ع leave no trace
//!   (ئیسرائیل is `sral`; `isra` needs five characters): words of the exact
//!   fields, a walk of the dictionary that stops at the fourth character of
//!   all others.
//!
//! Terms are the tokenizer's words: Arabic-script letters are never mixed
//! with others in one, so a term with an ASCII character is passed over at
//! once, as one without a key.

use super::terms;
use super::union::TermUnion;
use crate::search::analyzer::{is_sorani_letter, romanize::key_letter, INDEXED_PREFIX_CHARS};
use crate::search::plan::{Count, Leaf};
use std::collections::BTreeMap;
use std::sync::Arc;
use tantivy::query::{AutomatonWeight, BooleanQuery, BoostQuery, ConstScoreQuery, EnableScoring, Query, Weight};
use tantivy::schema::Field;
use tantivy::{Score, Searcher, Term};
use tantivy_fst::Automaton;

/// Accepts the terms whose Latin key is a key (`late: None`), or begins
/// with it but only after their first `late` characters: those that no
/// beginning of the prefix fields spells it with.
#[derive(Clone, Debug)]
pub(super) struct KeyAutomaton {
    key: Vec<u8>,
    late: Option<usize>,
}

/// Where a term's reading stands: how many letters of the key it has
/// spelled (`None`: it has left the key), and the character being read.
#[derive(Clone, Debug)]
pub(super) struct KeyState {
    at: Option<usize>,
    /// A Sorani letter was read: a term without one has no key.
    seen: bool,
    /// The bits of a multi-byte character read so far, and how many of
    /// its bytes are still to come.
    code: u32,
    need: u8,
    /// Characters read (up to 255).
    chars: u8,
}

impl KeyAutomaton {
    /// The terms whose key is `key`; `None` for an empty key.
    pub(super) fn new(key: &str) -> Option<KeyAutomaton> {
        (!key.is_empty()).then(|| KeyAutomaton { key: key.as_bytes().to_vec(), late: None })
    }

    /// The terms whose key begins with `key` only after their first
    /// `chars` characters; `None` for an empty key.
    pub(super) fn late(key: &str, chars: usize) -> Option<KeyAutomaton> {
        KeyAutomaton::new(key).map(|a| KeyAutomaton { late: Some(chars), ..a })
    }

    /// Where the reading stands after a character of `c`'s key letter.
    fn read(&self, state: &KeyState, c: char) -> KeyState {
        let at = match (state.at, key_letter(c)) {
            (at, None) => at,
            (Some(p), Some(l)) => {
                let mut buf = [0; 4];
                let l = l.encode_utf8(&mut buf).as_bytes();
                match p {
                    // Spelled already: what follows is the rest of a longer key.
                    p if self.late.is_some() && p == self.key.len() => Some(p),
                    // A run of one key letter counts once.
                    p if p > 0 && self.key[..p].ends_with(l) => Some(p),
                    p if self.key[p..].starts_with(l) => Some(p + l.len()),
                    _ => None,
                }
            }
            (None, _) => None,
        };
        let chars = state.chars.saturating_add(1);
        // Spelled within the first characters: not a late one.
        let early = self.late.is_some_and(|n| usize::from(chars) <= n) && at == Some(self.key.len());
        KeyState { at: at.filter(|_| !early), seen: state.seen || is_sorani_letter(c), code: 0, need: 0, chars }
    }
}

impl Automaton for KeyAutomaton {
    type State = KeyState;

    fn start(&self) -> KeyState {
        KeyState { at: Some(0), seen: false, code: 0, need: 0, chars: 0 }
    }

    fn is_match(&self, state: &KeyState) -> bool {
        state.need == 0 && state.seen && state.at == Some(self.key.len())
    }

    fn can_match(&self, state: &KeyState) -> bool {
        state.at.is_some()
    }

    fn will_always_match(&self, state: &KeyState) -> bool {
        self.late.is_some() && self.is_match(state)
    }

    fn accept(&self, state: &KeyState, byte: u8) -> KeyState {
        let dead = KeyState { at: None, ..state.clone() };
        let (code, need) = match byte {
            // The tokenizer splits words where Arabic-script letters meet
            // others (`analyzer::tokenizer`): a term with an ASCII
            // character has no Sorani letter, and no key. Stopping here
            // spares the walk every Latin term of the dictionary.
            0x00..=0x7f => return dead,
            0x80..=0xbf if state.need > 0 => (state.code << 6 | u32::from(byte & 0x3f), state.need - 1),
            0xc0..=0xdf if state.need == 0 => (u32::from(byte & 0x1f), 1),
            0xe0..=0xef if state.need == 0 => (u32::from(byte & 0x0f), 2),
            0xf0..=0xf7 if state.need == 0 => (u32::from(byte & 0x07), 3),
            _ => return dead,
        };
        if need > 0 {
            return KeyState { code, need, ..state.clone() };
        }
        match char::from_u32(code) {
            Some(c) => self.read(state, c),
            None => dead,
        }
    }
}

/// The documents with a term of `field` that the automaton accepts, each
/// scoring 1 (times the boost): for a key that too many words have to be
/// looked up one by one.
#[derive(Clone, Debug)]
pub(super) struct KeyQuery {
    field: Field,
    automaton: Arc<KeyAutomaton>,
}

impl KeyQuery {
    pub(super) fn new(field: Field, automaton: KeyAutomaton) -> KeyQuery {
        KeyQuery { field, automaton: Arc::new(automaton) }
    }
}

impl Query for KeyQuery {
    fn weight(&self, _: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(AutomatonWeight::<KeyAutomaton>::new(self.field, Arc::clone(&self.automaton))))
    }
}

/// Most beginnings (or late words) of a key matched as one lazy union;
/// with more, the automaton's query builds a bitset of their documents.
const MAX_KEY_UNION: usize = 64;
/// The longest beginnings the prefix fields hold, in characters.
const LONGEST_BEGINNING: usize = *INDEXED_PREFIX_CHARS.end();

/// The documents with a word whose key begins with `key`, at the constant
/// `boost`: the beginnings of `prefixes` (the prefix fields) that spell the
/// key, and the words of `exacts` (the exact fields) that spell it only
/// after more than the prefix fields' four characters; as a lazy union of
/// their posting lists, or the automatons' queries when there are many (or
/// no `searcher` to list them from).
pub(in crate::search) fn key_beginnings(
    searcher: Option<&Searcher>,
    (prefixes, exacts): (&[Field], &[Field]),
    key: &str,
    boost: Score,
) -> Vec<Leaf> {
    let (Some(whole), Some(late)) = (KeyAutomaton::new(key), KeyAutomaton::late(key, LONGEST_BEGINNING)) else {
        return Vec::new();
    };
    let sought: Vec<(Field, &KeyAutomaton)> =
        prefixes.iter().map(|&f| (f, &whole)).chain(exacts.iter().map(|&f| (f, &late))).collect();
    let listed: Option<Vec<(Field, BTreeMap<String, u64>)>> = sought
        .iter()
        .map(|&(f, a)| searcher.and_then(|s| terms::listed(s, f, a, MAX_KEY_UNION)).map(|t| (f, t)))
        .collect();
    let Some(listed) = listed else {
        let query = |&(f, a): &(Field, &KeyAutomaton)| Box::new(KeyQuery::new(f, a.clone())) as Box<dyn Query>;
        // One constant however many fields match, as the union's.
        let any = BooleanQuery::union(sought.iter().map(query).collect());
        return vec![constant(Box::new(ConstScoreQuery::new(Box::new(any), 1.0)), boost, None)];
    };
    let count = listed.iter().flat_map(|(_, terms)| terms.values()).sum();
    let terms: Vec<Term> =
        listed.iter().flat_map(|(f, terms)| terms.keys().map(move |t| Term::from_field_text(*f, t))).collect();
    match terms.is_empty() {
        true => Vec::new(),
        false => vec![constant(Box::new(TermUnion::new(terms)), boost, Some(Count::Docs(count)))],
    }
}

fn constant(query: Box<dyn Query>, boost: Score, count: Option<Count>) -> Leaf {
    Leaf::constant(Box::new(BoostQuery::new(query, boost)), boost, count)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::analyzer::romanize::arabic_key;
    use proptest::prelude::*;

    fn accepts(a: &KeyAutomaton, term: &str) -> bool {
        let mut s = a.start();
        for &b in term.as_bytes() {
            s = a.accept(&s, b);
            if !a.can_match(&s) {
                return false;
            }
        }
        a.is_match(&s)
    }

    /// The characters of the tokenizer's Sorani words: letters (the
    /// vowels and those that leave no trace over-represented), a mark, a
    /// ZWNJ.
    fn term() -> impl Strategy<Value = String> {
        let chars: Vec<char> = "ابپتجچژحهخغدرڕزسشفڤقکگلڵمنەێوۆیئع\u{64e}\u{200c}".chars().collect();
        proptest::collection::vec(proptest::sample::select(chars), 0..9).prop_map(|v| v.into_iter().collect())
    }

    /// The key sought: `t`'s own, cut to `cut` letters when `cut` is some
    /// (a beginning of it, which other terms spell too), or, when `other`,
    /// another term's (matches are then rare), so that both answers are
    /// tried often.
    fn sought(t: &str, u: &str, other: bool, cut: Option<usize>) -> Option<String> {
        let key = arabic_key(if other { u } else { t })?;
        let key = match cut {
            Some(n) => key.chars().take(n.max(1)).collect(),
            None => key,
        };
        (!key.is_empty()).then_some(key)
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// The automaton accepts a term exactly when its key is the key.
        #[test]
        fn accepts_the_terms_with_the_key(t in term(), u in term(), other: bool, cut in proptest::option::of(0..6usize)) {
            if let Some(key) = sought(&t, &u, other, cut) {
                let a = KeyAutomaton::new(&key).unwrap();
                prop_assert_eq!(accepts(&a, &t), arabic_key(&t).as_deref() == Some(key.as_str()));
                // Its beginnings of the length the key was cut to.
                let begins = t.char_indices().map(|(i, _)| &t[..i]).chain([t.as_str()]);
                for b in begins {
                    prop_assert_eq!(accepts(&a, b), arabic_key(b).as_deref() == Some(key.as_str()));
                }
            }
        }

        /// Late, it accepts a term when its key begins with the key and its
        /// first `n` characters do not spell all of it.
        #[test]
        fn late_accepts_the_terms_that_spell_the_key_after_n_characters(
            t in term(), u in term(), other: bool, cut in 0..6usize, n in 0..6usize,
        ) {
            if let Some(key) = sought(&t, &u, other, Some(cut)) {
                let a = KeyAutomaton::late(&key, n).unwrap();
                let spells = |w: &str| arabic_key(w).is_some_and(|k| k.starts_with(&key));
                let first: String = t.chars().take(n).collect();
                prop_assert_eq!(accepts(&a, &t), spells(&t) && !spells(&first), "{:?} {}", t, n);
            }
        }
    }

    #[test]
    fn words_and_their_keys() {
        let whole = |k, t| accepts(&KeyAutomaton::new(k).unwrap(), t);
        assert!(whole("heuler", "هەولێر"));
        assert!(!whole("heuler", "هەولیر"));
        assert!(whole("kurdstan", "کوردستان"));
        assert!(!whole("kurd", "کوردستان"));
        assert!(whole("kurd", "کورد"));
        // ی, ئ and ع leave no trace; a run of one key letter counts once.
        assert!(whole("ran", "ئیران"));
        assert!(whole("kurd", "کوورد"));
        let late = |k, t| accepts(&KeyAutomaton::late(k, 4).unwrap(), t);
        assert!(late("sra", "ئیسرائیل"));
        assert!(!late("kur", "کوردستان"));
        assert!(!late("sra", "ئیسر"));
        // No key without a Sorani letter; and terms with ASCII characters
        // (Latin words, numbers) are never the tokenizer's Sorani words.
        assert!(!whole("2026", "2026"));
        assert!(!whole("kurd", "kurd"));
        assert!(KeyAutomaton::new("").is_none());
    }
}
