#!/usr/bin/env python3
"""Write tests/data/sorani/klpt-latin.tsv: the Kurdish Latin spelling, by an
independent transliterator, of every word of the search evaluation's lexicon
sample (tests/data/sorani/klpt-lexicon-sample.tsv) and of every Arabic-script
word of the bundled sample data. The evaluation's kind "klpt" types these
spellings, so hewal's romaniser is graded by spellings it did not make.

The transliterator is KLPT 0.1.7 (Kurdish Language Processing Toolkit, by Sina
Ahmadi, CC BY-SA 4.0, https://github.com/sinaahmadi/klpt):

    python3 -m venv /tmp/klptenv && /tmp/klptenv/bin/pip install klpt==0.1.7
    /tmp/klptenv/bin/python tools/search-eval/klpt-latin.py > tests/data/sorani/klpt-latin.tsv

Words KLPT leaves partly in Arabic script, or fails on, are left out.
"""
import pathlib
import re
import sys

from klpt.transliterate import Transliterate

here = pathlib.Path(__file__).resolve().parent
root = here / "../.."
word = re.compile(r"[\u0621-\u064a\u0671-\u06d5\u200c]+")
words = []
for line in open(root / "tests/data/sorani/klpt-lexicon-sample.tsv", encoding="utf-8"):
    if not line.startswith("#") and line.strip():
        words.append(line.split("\t")[0])
for p in sorted((root / "sample-data").glob("*")):
    if p.suffix in (".txt", ".jsonl"):
        words.extend(word.findall(p.read_text(encoding="utf-8")))
t = Transliterate("Sorani", "Arabic", "Latin")
seen = set()
print("# Kurdish Latin spellings by KLPT 0.1.7 (c) 2020 Sina Ahmadi, CC BY-SA 4.0,")
print("# https://github.com/sinaahmadi/klpt ; made by tools/search-eval/klpt-latin.py")
print("# Arabic-script word<TAB>KLPT's Latin spelling")
for w in words:
    w = w.replace("\u200c", "")
    if len(w) < 3 or w in seen:
        continue
    seen.add(w)
    try:
        latin = t.transliterate(w)
    except Exception:  # KLPT 0.1.7 fails on a few words (a KeyError inside)
        continue
    if not latin or word.search(latin) or not re.fullmatch(r"[^\W\d_]+", latin):
        continue
    print(f"{w}\t{latin}")
