#!/bin/sh
# Regenerate tests/data/sorani/lucene-8.7.tsv: Lucene 8.7's Sorani analysis of
# every word in stems.tsv, heldout.tsv and no_conflate.tsv. The Rust test
# tests/analyzer_lucene_compare.rs reads that file, so the comparison runs
# without Java:
#   tools/lucene-compare/compare.sh
#   cargo test --test analyzer_lucene_compare -- --nocapture
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data="$here/../../tests/data/sorani"
{
    grep -v '^#' "$data/stems.tsv" | cut -f2,3 | tr '\t' '\n'
    grep -v '^#' "$data/heldout.tsv" | cut -f2,3 | tr '\t' '\n'
    grep -v '^#' "$data/no_conflate.tsv" | cut -f1,2 | tr '\t' '\n'
} | grep -v '^$' | sort -u | "$here/run.sh" > "$data/lucene-8.7.tsv"
wc -l "$data/lucene-8.7.tsv"
