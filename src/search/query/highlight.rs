//! Which words of a text are hits of a query, for highlighting in the list's
//! snippets and in the reader.
//!
//! A [`Matcher`] is filled by the builder as it turns each part of the input
//! into clauses: the stems and exact forms it searched for, and the
//! beginnings the word being typed may complete. A text is then analysed the
//! way the index analysed it, so a highlighted word is one the query really
//! matched (`وڵاتانی` for `وڵاتەکان`), not a string found by searching the
//! text.

use crate::search::analyzer::{any_reading, exact_analyzer, romanize};
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

    /// Whether a word (its exact, normalised form) is a hit: itself, a
    /// beginning, its Latin keys, or any of its stems.
    fn is_hit(&self, exact: &str) -> bool {
        self.exacts.contains(exact)
            || self.prefixes.iter().any(|p| exact.starts_with(p.as_str()))
            || self.is_latin_hit(exact)
            || (!self.stems.is_empty() && any_reading(exact, |s| self.stems.contains(s)))
    }

    /// Whether a word matched through its Latin keys.
    fn is_latin_hit(&self, exact: &str) -> bool {
        let Some(latin) = &self.latin else { return false };
        let keys = romanize::stem_keys(exact);
        keys.iter().any(|k| latin.keys.contains(k))
            || keys.iter().any(|k| latin.prefixes.iter().any(|p| k.starts_with(p.as_str())))
    }

    /// Call `f` with the byte range of every hit in `text`, in order, until
    /// it breaks. The text is analysed once, as the exact analyzer does;
    /// the stemmed analyzer's terms for each word are its stems, from the
    /// stemmer's memo (see [`Matcher::is_hit`]).
    fn for_each_hit(&self, text: &str, mut f: impl FnMut(Range<usize>) -> ControlFlow<()>) {
        if self.is_empty() {
            return;
        }
        let mut exact = exact_analyzer();
        let mut tokens = exact.token_stream(text);
        while let Some(e) = tokens.next() {
            if self.is_hit(&e.text) && f(e.offset_from..e.offset_to).is_break() {
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
    use crate::search::analyzer::stemmed_analyzer;
    use crate::search::query::build_plan;
    use crate::search::schema::{self, Fields};
    use proptest::prelude::*;

    /// The hits as the two analyzers find them, walked in step: what the
    /// index matches, against which the one-pass walk is checked.
    fn hits_by_both_analyzers(m: &Matcher, text: &str) -> Vec<Range<usize>> {
        let (mut stemmed, mut exact) = (stemmed_analyzer(), exact_analyzer());
        let (mut st, mut ex) = (stemmed.token_stream(text), exact.token_stream(text));
        let mut pending = st.next().cloned();
        let mut out = Vec::new();
        while let Some(e) = ex.next() {
            let mut hit = false;
            while let Some(s) = pending.take_if(|s| s.position <= e.position) {
                hit |= s.position == e.position && (m.stems.contains(&s.text) || m.is_hit_unstemmed(&e.text));
                pending = st.next().cloned();
            }
            if hit {
                out.push(e.offset_from..e.offset_to);
            }
        }
        out
    }

    impl Matcher {
        fn is_hit_unstemmed(&self, exact: &str) -> bool {
            Matcher { stems: HashSet::new(), ..self.clone() }.is_hit(exact)
        }
    }

    /// Words of many shapes: ambiguous endings (several readings), suffixed
    /// and bare forms, keyboard variants, Latin, digits, marks.
    const WORDS: &[&str] = &[
        "وڵاتەکان",
        "وڵاتانی",
        "وڵات",
        "ناتۆوە",
        "ناتۆ",
        "کردووە",
        "کردن",
        "شارەکەوە",
        "شار",
        "هەولێر",
        "هەولير",
        "پیاوێک",
        "كوردستان",
        "کوردستانی",
        "زانکۆوە",
        "لە",
        "و",
        "kilim",
        "Kilims",
        "Erbil",
        "2026",
        "٢٠٢٦",
        "،",
        "(هەواڵ)",
        "🙂",
        "ئەندامان",
        "ئەندام",
        "ئەندا",
        "دەریامان",
        "دەریا",
        "ئەوەش",
        "ئەو",
        "کوردستانمان",
    ];

    proptest! {
        /// One analysis of the text finds exactly the hits the stemmed and
        /// exact analyzers find together.
        #[test]
        fn one_pass_finds_what_both_analyzers_find(
            words in prop::collection::vec(prop::sample::select(WORDS), 0..40),
            query in prop::collection::vec(prop::sample::select(WORDS), 1..4),
            typing in any::<bool>(),
        ) {
            let fields = Fields::from_schema(&schema::build()).unwrap();
            let mut query = query.join(" ");
            if !typing {
                query.push(' '); // the last word finished: no beginning
            }
            let Some((_, m)) = build_plan(&fields, None, &query) else { return Ok(()) };
            let text = words.join(" ");
            let mut got = Vec::new();
            m.for_each_hit(&text, |r| {
                got.push(r);
                ControlFlow::Continue(())
            });
            prop_assert_eq!(got, hits_by_both_analyzers(&m, &text));
        }
    }

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
