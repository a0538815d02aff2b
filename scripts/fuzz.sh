#!/usr/bin/env bash
# Coverage-guided fuzzing with afl.rs on stable Rust.
#
#   scripts/fuzz.sh TARGET [MINUTES]     TARGET: layout analyzer query import feed
#
# Needs `cargo install cargo-afl` once (it builds AFL++ on first use).
# Seeds come from sample-data/, tests/data/feeds/ and the bench queries;
# findings land in fuzz/target/fuzz-out/TARGET/default/crashes/, and the
# last lines print the run's executions and crashes (for docs/RELIABILITY.md).
set -euo pipefail
target=${1:?usage: scripts/fuzz.sh TARGET [MINUTES]}
minutes=${2:-30}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root/fuzz"
cargo afl build --release --bin "$target"
seeds="target/fuzz-seeds/$target"
rm -rf "$seeds" && mkdir -p "$seeds"
n=0
seed() { n=$((n + 1)); head -c 4096 > "$seeds/$n"; }
case "$target" in
  layout)
    for f in "$root"/sample-data/*.txt; do { printf 'P'; cat "$f"; } | seed; done
    head -n 20 "$root/tests/data/bidi_mixed.jsonl" | while IFS= read -r l; do printf '(%s' "$l" | seed; done ;;
  analyzer)
    for f in "$root"/sample-data/*.txt; do seed < "$f"; done ;;
  query)
    head -n 60 "$root/benches/data/queries.txt" | while IFS= read -r q; do printf '%s' "$q" | seed; done ;;
  import)
    head -n 5 "$root/sample-data/articles.jsonl" | while IFS= read -r l; do { printf '\0'; echo "$l"; } | seed; done
    for f in "$root"/sample-data/*.txt; do { printf '\1'; cat "$f"; } | seed; done
    printf '\2<html><body><h1>هەواڵ</h1><p>دەق <a href="x">بەستەر</a></p></body></html>' | seed ;;
  feed)
    for f in "$root"/tests/data/feeds/*.xml "$root"/tests/data/feeds/*.json; do seed < "$f"; done ;;
  *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
esac
out="target/fuzz-out/$target"
mkdir -p target/fuzz-out
AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
  cargo afl fuzz -i "$seeds" -o "$out" -V $((minutes * 60)) "target/release/$target" > "$out.log" 2>&1 || true
stats="$out/default/fuzzer_stats"
if [ -f "$stats" ]; then
  grep -E '^(run_time|execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|stability)' "$stats"
else
  echo "fuzz: no stats; see $out.log" >&2
  tail -20 "$out.log" >&2
  exit 1
fi
