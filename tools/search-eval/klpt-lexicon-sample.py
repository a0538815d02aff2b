#!/usr/bin/env python3
"""Write tests/data/sorani/klpt-lexicon-sample.tsv: a small, fixed subset of the
Sorani (ckb-Arab) hunspell lexicon of KLPT, the Kurdish Language Processing
Toolkit (PyPI package `klpt` 0.1.7, file klpt/data/ckb-Arab.dic), by Sina Ahmadi,
CC BY-SA 4.0 (https://github.com/sinaahmadi/klpt).

    pip download --no-deps klpt==0.1.7 && unzip klpt-0.1.7-py3-none-any.whl 'klpt/data/*'
    tools/search-eval/klpt-lexicon-sample.py klpt/data/ckb-Arab.dic > tests/data/sorani/klpt-lexicon-sample.tsv

Rule: entries tagged po:noun or po:propn whose word is 4-12 Arabic-script
letters (no space, hyphen or ZWNJ) and does not occur anywhere in the bundled
sample data; of those, every k-th in file order so that at most N of each tag
are kept. The search evaluation injects these real words into generated
articles so that the synthetic corpus has distinctive lemmas.
"""
import pathlib
import re
import sys

N = 600
here = pathlib.Path(__file__).resolve().parent
samples = "".join(p.read_text(encoding="utf-8") for p in (here / "../../sample-data").glob("*") if p.suffix in (".txt", ".jsonl"))
letters = re.compile(r"^[\u0621-\u064a\u0671-\u06d5]{4,12}$")
by_tag = {"noun": [], "propn": []}
for line in open(sys.argv[1], encoding="utf-8"):
    parts = line.split()
    if len(parts) < 2:
        continue
    word = parts[0].split("/")[0]
    tag = next((p[3:] for p in parts[1:] if p.startswith("po:")), None)
    if tag in by_tag and letters.match(word) and word not in samples:
        by_tag[tag].append(word)
print("# Subset of the KLPT Sorani lexicon (klpt 0.1.7, klpt/data/ckb-Arab.dic),")
print("# (c) 2020 Sina Ahmadi, CC BY-SA 4.0 https://creativecommons.org/licenses/by-sa/4.0/")
print("# https://github.com/sinaahmadi/klpt ; made by tools/search-eval/klpt-lexicon-sample.py")
print("# word<TAB>part of speech (noun / propn)")
for tag, words in by_tag.items():
    step = max(1, len(words) // N)
    for w in words[::step][:N]:
        print(f"{w}\t{tag}")
