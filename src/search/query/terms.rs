//! Terms listed from the term dictionaries: the completions of the word
//! being typed, and the words of a Latin key (`keys`), each with its
//! document frequency summed over the segments.

use std::collections::BTreeMap;
use tantivy::schema::Field;
use tantivy::Searcher;
use tantivy_fst::Automaton;

/// The terms of `field` that `automaton` accepts, with their document
/// frequencies summed over the segments; `None` when there are more than
/// `most` (or a dictionary cannot be read: the query that stands for them
/// reads it again, and running the query reports the error).
pub(super) fn listed<A>(searcher: &Searcher, field: Field, automaton: &A, most: usize) -> Option<BTreeMap<String, u64>>
where
    A: Automaton,
    A::State: Clone,
{
    let mut out = BTreeMap::new();
    for seg in searcher.segment_readers() {
        let inverted = seg.inverted_index(field).ok()?;
        let mut terms = inverted.terms().search(automaton).into_stream().ok()?;
        while terms.advance() {
            let term = std::str::from_utf8(terms.key()).ok()?;
            let df = u64::from(terms.value().doc_freq);
            if let Some(sum) = out.get_mut(term) {
                *sum += df;
            } else if out.len() == most {
                return None;
            } else {
                out.insert(term.to_owned(), df);
            }
        }
    }
    Some(out)
}

/// Accepts the terms that begin with some bytes.
pub(super) struct Prefix<'a>(pub &'a [u8]);

impl Automaton for Prefix<'_> {
    /// How many bytes of the prefix were read (`None`: the term left it).
    type State = Option<usize>;

    fn start(&self) -> Option<usize> {
        Some(0)
    }

    fn is_match(&self, state: &Option<usize>) -> bool {
        *state == Some(self.0.len())
    }

    fn can_match(&self, state: &Option<usize>) -> bool {
        state.is_some()
    }

    fn will_always_match(&self, state: &Option<usize>) -> bool {
        self.is_match(state)
    }

    fn accept(&self, state: &Option<usize>, byte: u8) -> Option<usize> {
        match *state {
            Some(n) if n == self.0.len() => Some(n),
            Some(n) if self.0[n] == byte => Some(n + 1),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn accepts(a: &Prefix<'_>, term: &[u8]) -> bool {
        let mut s = a.start();
        for &b in term {
            s = a.accept(&s, b);
        }
        a.is_match(&s)
    }

    proptest! {
        /// It accepts a term exactly when the term begins with the prefix.
        #[test]
        fn prefix_accepts_what_begins_so(term in "[ab\u{6a9}\u{648}]{0,6}", cut in 0..8usize) {
            let prefix = &term.as_bytes()[..cut.min(term.len())];
            for other in [term.as_str(), "a", "\u{6a9}\u{648}ب", ""] {
                let a = Prefix(prefix);
                prop_assert_eq!(accepts(&a, other.as_bytes()), other.as_bytes().starts_with(prefix));
            }
        }
    }
}
