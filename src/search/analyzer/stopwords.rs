//! Sorani stopwords: function words that carry little meaning for search.
//!
//! The analyzers never drop them (a query made only of stopwords must still
//! find something, and phrase queries need their positions); the ranking code
//! asks [`is_stopword`](super::is_stopword) to down-weight or skip them when
//! other terms are present.
//!
//! The list is written in ordinary spelling and normalised at first use; a
//! term matches if it equals the normalised form of an entry or the stem of
//! one, so both the exact and the stemmed analyzers' terms can be checked.
//! It holds prepositions and postpositions, conjunctions, demonstratives and
//! personal pronouns, a few particles and the copula. It leaves out content
//! verbs such as `کرد` (did) and the numbers. English stopwords are not
//! included: mixed text is mostly names, and `the` or `of` are harmless.

use std::collections::HashSet;
use std::sync::OnceLock;

use super::normalizer::normalize;
use super::stemmer::stem;

/// The stopword list, in ordinary Sorani spelling.
pub const STOPWORDS: &[&str] = &[
    // prepositions, postpositions and their fused forms
    "لە",
    "بە",
    "بۆ",
    "لەگەڵ",
    "لەسەر",
    "لەبەر",
    "لەناو",
    "لەنێو",
    "لەلایەن",
    "لەژێر",
    "بەبێ",
    "بێ",
    "تا",
    "هەتا",
    "وەک",
    "وەکو",
    "دوای",
    "پاش",
    "لای",
    "لێ",
    "پێ",
    "تێ",
    "لەو",
    "بەو",
    "لەم",
    "بەم",
    "بەسەر",
    "لەگەڵیان",
    // conjunctions and particles
    "و",
    "یان",
    "بەڵام",
    "کە",
    "ئەگەر",
    "ئەوا",
    "چونکە",
    "بۆیە",
    "هەروەها",
    "هەروەک",
    "هەم",
    "نە",
    "نا",
    "جا",
    "ئیتر",
    "ئایا",
    "کەوا",
    "تەنها",
    "تەنیا",
    "هەر",
    "هیچ",
    "هەموو",
    "هەندێک",
    "زۆر",
    "چ",
    "چی",
    "کێ",
    "کوا",
    "کام",
    "چۆن",
    "بۆچی",
    "ئێستا",
    // demonstratives and pronouns
    "ئەو",
    "ئەم",
    "ئەوە",
    "ئەمە",
    "ئەوەی",
    "ئەوان",
    "ئەمانە",
    "ئەوانە",
    "من",
    "تۆ",
    "ئەمان",
    "ئێمە",
    "ئێوە",
    "خۆی",
    "خۆیان",
    "خۆ",
    // copula and auxiliaries
    "بوو",
    "بوون",
    "هەیە",
    "نییە",
    "ە",
    "یە",
    "دەبێت",
    "بێت",
];

fn set() -> &'static HashSet<String> {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut s = HashSet::new();
        for w in STOPWORDS {
            let n = normalize(w);
            s.insert(stem(&n));
            s.insert(n);
        }
        s
    })
}

pub(crate) fn contains(term: &str) -> bool {
    set().contains(term)
}
