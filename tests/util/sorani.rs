//! The Sorani test sets under tests/data/sorani/, read by the accuracy test
//! and the Lucene comparison.

/// group, surface form, expected stem.
pub const STEMS: &str = include_str!("../data/sorani/stems.tsv");
/// Pairs of different words that must keep different stems.
pub const NO_CONFLATE: &str = include_str!("../data/sorani/no_conflate.tsv");
/// Held-out pairs from the sample articles, same format as `STEMS`.
pub const HELDOUT: &str = include_str!("../data/sorani/heldout.tsv");

/// The tab-separated fields of each data line (blank lines and `#` comments skipped).
pub fn rows(data: &str) -> impl Iterator<Item = Vec<&str>> {
    data.lines().filter(|l| !l.trim().is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect())
}
