#!/bin/sh
# Compile LuceneEval.java against Debian's liblucene8-java and run it.
# Usage: tools/lucene-compare/eval.sh corpus.tsv queries.tsv > answers.tsv
# (examples/search-eval.rs --lucene runs it; see docs/SEARCH_EVAL.md)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cp="/usr/share/java/lucene-core-8.7.0.jar:/usr/share/java/lucene-analyzers-common-8.7.0.jar"
build="${TMPDIR:-/tmp}/hewal-lucene-compare"
mkdir -p "$build"
if [ ! -f "$build/LuceneEval.class" ] || [ "$here/LuceneEval.java" -nt "$build/LuceneEval.class" ]; then
    javac -encoding UTF-8 -cp "$cp" -d "$build" "$here/LuceneEval.java"
fi
exec java -Xmx1g -Dfile.encoding=UTF-8 -cp "$cp:$build" LuceneEval "$1" "$2"
