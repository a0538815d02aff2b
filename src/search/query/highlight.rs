//! Which words of a text are hits of a query, for highlighting in the list's
//! snippets and in the reader.
//!
//! A [`Matcher`] is filled by the builder as it turns each part of the input
//! into clauses: the stems and exact forms it searched for, and the
//! beginnings the word being typed may complete. A text is then analysed the
//! way the index analysed it, so a highlighted word is one the query really
//! matched (`وڵاتانی` for `وڵاتەکان`), not a string found by searching the
//! text.

use crate::search::analyzer::{exact_analyzer, romanize, stemmed_analyzer};
use std::collections::HashSet;
use std::ops::{ControlFlow, Range};

/// Decides which words of a text are hits, for highlighting.
#[derive(Clone, Debug, Default)]
pub struct Matcher {
    /// Stems searched for (any reading of a word, and phrases' stems).
    pub(super) stems: HashSet<String>,
    /// Exact (normalised, unstemmed) forms searched for.
    pub(super) exacts: HashSet<String>,
    /// Normalised forms the word being typed may begin with.
    pub(super) prefixes: Vec<String>,
    /// What a query in Latin letters searched for through the Latin keys
    /// (boxed: most queries have none, and the matcher travels in every
    /// search answer).
    pub(super) latin: Option<Box<LatinTerms>>,
}

/// Latin keys searched for, whole and as beginnings.
#[derive(Clone, Debug, Default)]
pub(super) struct LatinTerms {
    pub(super) keys: HashSet<String>,
    pub(super) prefixes: Vec<String>,
}

impl Matcher {
    /// Whether there is anything to highlight.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty() && self.exacts.is_empty() && self.prefixes.is_empty() && self.latin.is_none()
    }

    /// The Latin terms, to add to.
    pub(super) fn latin_mut(&mut self) -> &mut LatinTerms {
        self.latin.get_or_insert_with(Box::default)
    }

    /// Whether an analysed token (stemmed and exact forms) is a hit.
    fn is_hit(&self, stem: &str, exact: &str) -> bool {
        self.stems.contains(stem)
            || self.exacts.contains(exact)
            || self.prefixes.iter().any(|p| exact.starts_with(p.as_str()))
            || self.is_latin_hit(exact)
    }

    /// Whether a word matched through its Latin keys.
    fn is_latin_hit(&self, exact: &str) -> bool {
        let Some(latin) = &self.latin else { return false };
        let keys = romanize::stem_keys(exact);
        keys.iter().any(|k| latin.keys.contains(k))
            || keys.iter().any(|k| latin.prefixes.iter().any(|p| k.starts_with(p.as_str())))
    }

    /// Call `f` with the byte range of every hit in `text`, in order, until
    /// it breaks. Both analyzers give the same tokens in the same order, so
    /// they are walked in step: one pass decides stemmed and exact matches.
    fn for_each_hit(&self, text: &str, mut f: impl FnMut(Range<usize>) -> ControlFlow<()>) {
        if self.is_empty() {
            return;
        }
        let (mut stemmed, mut exact) = (stemmed_analyzer(), exact_analyzer());
        let (mut st, mut ex) = (stemmed.token_stream(text), exact.token_stream(text));
        // The stemmed analyzer may give several readings of a word at its
        // position (one exact token each); any of them can be the hit.
        let mut pending = st.next().cloned();
        while let Some(e) = ex.next() {
            let mut hit = false;
            while let Some(s) = pending.take_if(|s| s.position <= e.position) {
                hit |= s.position == e.position && self.is_hit(&s.text, &e.text);
                pending = st.next().cloned();
            }
            if hit && f(e.offset_from..e.offset_to).is_break() {
                return;
            }
        }
    }

    /// The first hit in `text`, looking no further than `limit` bytes.
    /// Snippets need only this, so the walk stops there.
    pub fn first_hit(&self, text: &str, limit: usize) -> Option<Range<usize>> {
        let mut end = limit.min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        let mut first = None;
        self.for_each_hit(&text[..end], |r| {
            first = Some(r);
            ControlFlow::Break(())
        });
        first
    }

    /// Byte ranges of `text` that match the query, in order, touching ones merged.
    pub fn hit_ranges(&self, text: &str) -> Vec<Range<usize>> {
        let mut out: Vec<Range<usize>> = Vec::new();
        self.for_each_hit(text, |r| {
            match out.last_mut() {
                Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
                _ => out.push(r),
            }
            ControlFlow::Continue(())
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::query::build_plan;
    use crate::search::schema::{self, Fields};

    #[test]
    fn hit_ranges_and_first_hit_agree_on_stems_and_prefixes() {
        let fields = Fields::from_schema(&schema::build()).unwrap();
        let (_, m) = build_plan(&fields, None, "وڵاتەکان kil").unwrap();
        let text = "لە وڵاتانی ئەوروپا kilim و Kilims، نەک kettle.";
        let got: Vec<&str> = m.hit_ranges(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(got, ["وڵاتانی", "kilim", "Kilims"]);
        assert_eq!(m.first_hit(text, text.len()).map(|r| &text[r]), Some("وڵاتانی"));
        // Within a limit that ends inside the first hit, nothing is found whole.
        assert_eq!(m.first_hit(text, 6), None);
        assert!(Matcher::default().hit_ranges(text).is_empty());
    }
}
