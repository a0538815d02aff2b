#!/usr/bin/env python3
"""Read Python feedparser's test fixtures with hewal and with feedparser.

Downloads the feedparser sdist from PyPI (its tests/ hold 2,242 feed
fixtures), parses each with feedparser and with hewal's parser (the
feed-probe example), and prints how many fixtures feedparser reads cleanly
with entries that hewal reads as no entries or an error, by kind, and any
hewal panic. Run from the repository root:

  python3 scripts/feedparser-fixtures.py [--list]

Needs `pip install feedparser` (and the network to PyPI for the sdist).
"""
import collections, json, os, subprocess, sys, tarfile, tempfile

work = tempfile.mkdtemp(prefix="feedparser-fixtures-")
subprocess.run([sys.executable, "-m", "pip", "download", "-q", "feedparser", "--no-binary", ":all:",
                "--no-deps", "-d", work], check=True)
sdist = next(f for f in os.listdir(work) if f.endswith(".tar.gz"))
with tarfile.open(os.path.join(work, sdist)) as t:
    t.extractall(work, filter="data")
tests = os.path.join(work, sdist[:-len(".tar.gz")], "tests")

import feedparser  # noqa: E402  (after the download: the message above says to install it)

expected = {}
for d, _, files in os.walk(tests):
    for f in files:
        if f.endswith(".xml"):
            p = os.path.join(d, f)
            r = feedparser.parse(p)
            expected[os.path.relpath(p, tests)] = (len(r.entries), bool(r.bozo), r.get("version", ""))

out = subprocess.run(["cargo", "run", "-q", "--release", "--example", "feed-probe", "--", tests],
                     check=True, capture_output=True, text=True).stdout
hewal = dict(line.split("\t", 1) for line in out.splitlines())
clean = [k for k, (n, bozo, _) in expected.items() if n > 0 and not bozo]
missed = [k for k in clean if not hewal.get(k, "").isdigit() or int(hewal[k]) == 0]
panics = [k for k, v in hewal.items() if v.startswith("PANIC")]
print(f"fixtures: {len(expected)}; feedparser reads {len(clean)} cleanly with entries")
print(f"hewal: {len(missed)} of those give no entries or an error; {len(panics)} panics")
for kind, n in collections.Counter(expected[k][2] or "(none)" for k in missed).most_common():
    print(f"  {kind:10} {n}")
if "--list" in sys.argv:
    for k in missed:
        print(k, hewal.get(k, "")[:120])
