#!/usr/bin/env python3
"""Bytes hewal writes to its terminal, and how long a key takes to land.

Runs each binary in a pty (120x35, TERM=xterm-256color, app mode, no
shaping) on a library, waits for the first frame, then counts what it
writes:

  held j     30 presses of j in the list, 30 ms apart, and what follows
             within 0.5 s (all the bytes)
  scroll     Tab into the reader, then j 20 times 60 ms apart: the median
             bytes of one step, and keystroke -> last byte (no byte for
             30 ms after it) p50/p99
  zoomed     the same with the reader zoomed to the full width (z)
  search     / and 8 queries typed letter by letter, 200 ms apart: the
             median and mean bytes of one letter (results, preview, bar)

  python3 scripts/bench-bytes.py --data-dir DIR BINARY [BINARY...]
  python3 scripts/bench-bytes.py --make-library DIR --gen hewal-gen --hewal BIN

--make-library writes a library of 1,000 generated articles (seed 1) in
which every tenth article, the newest among them, is eight times as long,
in paragraphs: the reader then has something to scroll, as with real news.

--letters prints the bytes of each letter of each query typed (the query
so far:bytes), to see which letters rewrite the list.

--xterm sets XTERM_VERSION, as xterm itself does: hewal then knows the
terminal has left/right margins (DECSLRM) and scrolls the reader beside the
list with them. Without it the pty is a terminal hewal knows nothing of (as
over SSH), where only whole rows are scrolled (DECSTBM).

Prints one line per binary. Standard library only.
"""
import argparse, fcntl, json, os, pty, select, shutil, statistics, struct, subprocess, tempfile, termios, time

QUERIES = ["ناتۆ", "هەولێر", "کوردستان", "سلێمانی", "hewlêr", "وەزیری دەرەوە", "ئۆکراینا", "پووتین"]


class Session:
    def __init__(self, binary, data_dir, extra_env, cols=120, rows=35):
        # A configuration of its own: no layout saved by another session
        # (a zoom) or calibration changes what is drawn.
        config = tempfile.mkdtemp(prefix="bench-bytes-")
        # A copy of the library: reading positions saved by one session
        # would move where the next one's reader opens.
        data_dir = shutil.copytree(data_dir, os.path.join(config, "data"))
        pid, fd = pty.fork()
        if pid == 0:
            os.environ.update(TERM="xterm-256color", HEWAL_BIDI="app", HEWAL_SHAPE="off", HEWAL_CONFIG_DIR=config)
            os.environ.update(extra_env)
            os.execv(binary, [binary, "--data-dir", data_dir])
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd
        self.drain(2.0)

    def read(self, timeout):
        """Bytes that arrive within `timeout`, or None."""
        ready, _, _ = select.select([self.fd], [], [], timeout)
        if not ready:
            return None
        try:
            data = os.read(self.fd, 65536)
        except OSError:
            return b""
        return data

    def drain(self, seconds):
        n, end = 0, time.time() + seconds
        while (left := end - time.time()) > 0:
            data = self.read(left)
            if data:
                n += len(data)
            elif data == b"":
                break
        return n

    def key(self, k, gap):
        """Send k; (bytes written within gap, seconds to the last byte)."""
        t0 = time.perf_counter()
        os.write(self.fd, k)
        n, last, end = 0, t0, t0 + gap
        while (left := end - time.perf_counter()) > 0:
            data = self.read(left)
            if data:
                n += len(data)
                last = time.perf_counter()
            elif data == b"":
                break
        return n, last - t0

    def quit(self):
        os.write(self.fd, b"\x1b")
        self.drain(0.2)
        os.write(self.fd, b"q")
        self.drain(0.5)
        os.waitpid(self.pid, 0)


def held_j(binary, data_dir, env):
    s = Session(binary, data_dir, env)
    total = sum(s.key(b"j", 0.03)[0] for _ in range(30)) + s.drain(0.5)
    s.quit()
    return total


def scroll(binary, data_dir, env, zoom):
    s = Session(binary, data_dir, env)
    for k in [b"z"] if zoom else [b"\t"]:  # z zooms the reader and focuses it
        s.key(k, 0.3)
    steps = [s.key(b"j", 0.06) for _ in range(20)]
    s.quit()
    sizes = [n for n, _ in steps]
    lat = sorted(t * 1000 for n, t in steps if n)
    p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))] if lat else 0
    return statistics.median(sizes), statistics.median(lat) if lat else 0, p99


def search(binary, data_dir, env, letters=False):
    s = Session(binary, data_dir, env)
    per_letter = []
    for q in QUERIES:
        s.key(b"/", 0.2)
        typed = []
        for i, ch in enumerate(q):
            per_letter.append(s.key(ch.encode(), 0.2)[0])
            typed.append(f"{q[:i + 1]}:{per_letter[-1]}")
        if letters:
            print("  " + " ".join(typed), flush=True)
        s.key(b"\x1b", 0.2)  # leaves the bar; a second Esc clears the query
        s.key(b"\x1b", 0.3)
    s.quit()
    return statistics.median(per_letter), statistics.mean(per_letter)


def make_library(out, gen, hewal):
    corpus = os.path.join(out, "corpus.jsonl")
    os.makedirs(out, exist_ok=True)
    rows = [json.loads(l) for l in subprocess.run([gen, "--count", "1000"], capture_output=True, check=True).stdout.splitlines()]
    for i in range(0, len(rows), 10):
        paragraphs = [rows[(i + j) % len(rows)]["body"] for j in range(8)]
        rows[i]["body"] = "\n\n".join(paragraphs)
    newest = max(r["published"] for r in rows)
    rows[0]["published"] = newest.replace("T", "T23:59:59 ")[:11] + "23:59:59Z"
    with open(corpus, "w") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    env = dict(os.environ, HEWAL_CONFIG_DIR=tempfile.mkdtemp(prefix="bench-bytes-"))
    subprocess.run([hewal, "--data-dir", out, "import", corpus], check=True, env=env)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir")
    ap.add_argument("--make-library")
    ap.add_argument("--gen")
    ap.add_argument("--hewal")
    ap.add_argument("--xterm", action="store_true")
    ap.add_argument("--letters", action="store_true", help="print the bytes of each search letter")
    ap.add_argument("binaries", nargs="*")
    args = ap.parse_args()
    if args.make_library:
        return make_library(args.make_library, args.gen, args.hewal)
    d, q = args.data_dir, {"XTERM_VERSION": "XTerm(379)"} if args.xterm else {}
    for b in args.binaries:
        held = held_j(b, d, q)
        side = scroll(b, d, q, zoom=False)
        zoomed = scroll(b, d, q, zoom=True)
        letter = search(b, d, q, args.letters)
        print(
            f"{b}: held j {held} B; scroll {side[0]:.0f} B p50, last byte p50/p99 {side[1]:.1f}/{side[2]:.1f} ms; "
            f"zoomed scroll {zoomed[0]:.0f} B, {zoomed[1]:.1f}/{zoomed[2]:.1f} ms; search letter {letter[0]:.0f} B p50, {letter[1]:.0f} B mean",
            flush=True,
        )


if __name__ == "__main__":
    main()
