#!/usr/bin/env python3
"""Measure the real hewal binary in a pseudo-terminal, as a user feels it.

hewal runs in a pty of a fixed size; its output is fed to pyte (a VT100
emulator), and each measurement is the time from writing a key to the pty
until the emulated screen shows its effect. Each chunk of output is
timed when it is read from the pty, before pyte parses it: a measure is
the time of the bytes that completed the effect (for a whole frame, its
last bytes: the status line is drawn last).

  start     exec -> first frame (the status line shows the library's count)
  echo      a typed letter -> the search bar shows the query typed so far
  results   a typed letter -> the status line no longer says "searching…"
  scroll    j / k / PgDn / G -> the status line's position counter changes

It also reads hewal's peak resident set (VmHWM) from /proc before quitting.

  python3 scripts/bench-tui.py --hewal target/release/hewal --data-dir DIR \
      [--queries benches/data/queries.txt] [--starts 10] [--cols 100 --rows 30]

Needs `pip install pyte`. Prints one table; --json prints the figures as JSON.
"""
import argparse, fcntl, json, os, pty, select, signal, statistics, struct, sys, termios, time

try:
    import pyte
except ImportError:
    sys.exit("bench-tui: needs pyte (pip install pyte)")


class Tui:
    def __init__(self, argv, cols, rows):
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)
        self.t0 = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["TERM"] = "xterm-256color"
            # A fixed terminal mode: no first-run calibration screen, and the
            # cells hold the letters as stored (no shaping).
            os.environ.setdefault("HEWAL_BIDI", "app")
            os.environ.setdefault("HEWAL_SHAPE", "off")
            os.execv(argv[0], argv)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd
        self.pending = []

    def pump(self, timeout):
        """Read what hewal wrote, waiting up to `timeout` for the first
        bytes; each chunk is stamped when it is read, before any parsing, so
        pyte's own time is not counted."""
        r, _, _ = select.select([self.fd], [], [], timeout)
        got = False
        while r:
            try:
                data = os.read(self.fd, 1 << 16)
            except OSError:
                break
            if not data:
                break
            self.pending.append((time.perf_counter(), data))
            got = True
            r, _, _ = select.select([self.fd], [], [], 0)
        return got

    def wait(self, cond, limit=10.0):
        """Feed the output to the emulator until cond(screen) holds; the
        time the bytes that made it hold were read, or None."""
        end = time.perf_counter() + limit
        if cond(self.screen):
            return time.perf_counter()
        while True:
            while self.pending:
                at, data = self.pending.pop(0)
                self.stream.feed(data)
                if cond(self.screen):
                    return at
            left = end - time.perf_counter()
            if left <= 0:
                return None
            self.pump(min(left, 0.05))

    def key(self, s):
        t = time.perf_counter()
        os.write(self.fd, s.encode())
        return t

    def line(self, y):
        return self.screen.display[y]

    def peak_rss_kb(self):
        with open(f"/proc/{self.pid}/status") as f:
            for l in f:
                if l.startswith("VmHWM:"):
                    return int(l.split()[1])
        return 0

    def quit(self):
        os.write(self.fd, b"q")
        end = time.perf_counter() + 5
        while time.perf_counter() < end:
            self.pump(0.05)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                return
        os.kill(self.pid, signal.SIGKILL)
        os.waitpid(self.pid, 0)


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hewal", required=True)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--queries", default="benches/data/queries.txt")
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--rows", type=int, default=30)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    argv = [os.path.abspath(a.hewal), "--data-dir", a.data_dir]
    status = a.rows - 1
    # The library's status line: "N articles", or, with a row selected,
    # "n/N · all · M unread".
    shows_library = lambda s: any(w in s.display[status] for w in ("articles", "unread"))

    # Start-up: one warm-up run, then --starts measured runs.
    starts = []
    for i in range(a.starts + 1):
        t = Tui(argv, a.cols, a.rows)
        done = t.wait(shows_library, 30)
        if done is None:
            sys.exit("bench-tui: no first frame within 30 s:\n" + "\n".join(t.screen.display))
        if i:
            starts.append(done - t.t0)
        t.quit()

    t = Tui(argv, a.cols, a.rows)
    t.wait(shows_library, 30)
    time.sleep(0.5)  # let the search worker open the index
    queries = [q.strip() for q in open(a.queries, encoding="utf-8") if q.strip()]
    echo, results = [], []
    for q in queries:
        t.key("/")
        t.wait(lambda s: s.cursor.y == 0, 2)
        typed = ""
        for ch in q:
            typed += ch
            want = sorted(typed.replace(" ", ""))
            sent = t.key(ch)
            # A query in Latin letters shows its reading after "≈".
            bar = lambda s: s.display[0][3:].split("≈")[0]
            shown = t.wait(lambda s: sorted(bar(s).replace(" ", "")) == want, 5)
            if shown is not None:
                echo.append(shown - sent)
            if typed.strip():
                got = t.wait(lambda s: "searching" not in s.display[status], 5)
                if got is not None:
                    results.append(got - sent)
        t.key("\x1b")
        t.wait(shows_library, 5)
        time.sleep(0.02)

    # Scrolling the library.
    scroll = []
    def counter(s):
        return s.display[status].split("·")[0].strip()
    for key, n in (("j", 200), ("k", 50), ("\x1b[6~", 50), ("G", 1), ("g", 1), ("G", 1)):
        for _ in range(n):
            before = counter(t.screen)
            sent = t.key(key)
            done = t.wait(lambda s: counter(s) != before, 1)
            if done is None:
                break  # at an end of the list: nothing to move
            scroll.append(done - sent)
    rss = t.peak_rss_kb()
    t.quit()

    ms = lambda x: x * 1000
    rows = [
        ("start (exec -> first frame)", starts),
        ("keystroke -> frame (typing)", echo),
        ("keystroke -> results", results),
        ("keystroke -> frame (scroll)", scroll),
    ]
    out = {name: {"n": len(v), "p50_ms": ms(pct(v, 50)), "p99_ms": ms(pct(v, 99)), "max_ms": ms(max(v) if v else float("nan"))} for name, v in rows}
    out["peak_rss_mb"] = rss / 1024
    if a.json:
        print(json.dumps(out))
        return
    print(f"{'measure':32} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, v in rows:
        o = out[name]
        print(f"{name:32} {o['n']:5d} {o['p50_ms']:8.2f} {o['p99_ms']:8.2f} {o['max_ms']:8.2f}")
    print(f"peak RSS: {out['peak_rss_mb']:.1f} MB")


if __name__ == "__main__":
    main()
