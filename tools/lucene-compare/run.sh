#!/bin/sh
# Compile LuceneSorani.java against Debian's liblucene8-java and run it.
# Usage: tools/lucene-compare/run.sh < words.txt > lucene.tsv
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cp="/usr/share/java/lucene-core-8.7.0.jar:/usr/share/java/lucene-analyzers-common-8.7.0.jar"
build="${TMPDIR:-/tmp}/hewal-lucene-compare"
mkdir -p "$build"
if [ ! -f "$build/LuceneSorani.class" ] || [ "$here/LuceneSorani.java" -nt "$build/LuceneSorani.class" ]; then
    javac -encoding UTF-8 -cp "$cp" -d "$build" "$here/LuceneSorani.java"
fi
exec java -Dfile.encoding=UTF-8 -cp "$cp:$build" LuceneSorani
