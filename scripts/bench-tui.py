#!/usr/bin/env python3
"""Measure the real hewal binary in a pseudo-terminal, as a user feels it.

hewal runs in a pty of a fixed size; its output is fed to pyte (a VT100
emulator), and each measurement is the time from writing a key to the pty
until the emulated screen shows its effect. Each chunk of output is
timed when a process of its own reads it from the pty, before pyte parses
it (and hewal never waits on a pty buffer the parser has let fill; pyte
runs at nice 19): a measure is the time of the bytes that completed the
effect (for a whole frame, its last bytes: the status line is drawn
last).

  start     exec -> first frame (the status line shows the library's count)
  echo      a typed letter -> the search bar shows the query typed so far
  results   a typed letter -> the status line no longer says "searching…";
            the next letter follows at once, or --pace ms after the last
            (100: ten letters a second, a fast typist)
  scroll    j / k / PgDn / G -> the status line's position counter changes

It also reads hewal's peak resident set (VmHWM) from /proc before quitting,
and the time each of its threads spent on a CPU while the measured letters
were typed (from /proc/PID/task/*/schedstat), per letter: on a busy machine
the latencies spread, the work done much less.

  python3 scripts/bench-tui.py --hewal target/release/hewal --data-dir DIR \
      [--queries benches/data/queries.txt] [--starts 10] [--cols 100 --rows 30] \
      [--warm 1] [--rounds 2] [--pace 100]

Needs `pip install pyte`. Prints one table; --json prints the figures as JSON.
"""
import argparse, atexit, fcntl, json, os, pty, queue, signal, struct, sys, termios, threading, time

# The thread that takes the stamped chunks off the pipe gets the
# interpreter within 0.2 ms of them.
sys.setswitchinterval(0.0002)

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
        LIVE.add(pid)
        self.pending = []
        # When the last chunk fed to pyte was read.
        self.fed_at = self.t0
        self.chunks = queue.SimpleQueue()
        # A process of its own reads the pty as soon as hewal writes and
        # stamps each chunk (perf_counter is CLOCK_MONOTONIC, one clock for
        # every process): no thread of this interpreter, busy with pyte,
        # delays a stamp or leaves hewal waiting on a full pty buffer. It
        # passes the chunks on through a pipe as large as the system allows.
        r, w = os.pipe()
        try:
            fcntl.fcntl(w, 1031, 1 << 20)  # F_SETPIPE_SZ: 1 MiB
        except OSError:
            pass
        self.reader = os.fork()
        if self.reader == 0:
            os.close(r)
            stamp_chunks(fd, w)
        os.close(w)
        threading.Thread(target=self.read_all, args=(r,), daemon=True).start()
        # pyte, the emulator, gives way to hewal and to the stamping: on
        # the user's side a terminal parses on a machine of its own.
        os.setpriority(os.PRIO_PROCESS, 0, 19)

    def read_all(self, r):
        pipe = os.fdopen(r, "rb")
        while True:
            head = pipe.read(HEAD.size)
            at, n = HEAD.unpack(head) if len(head) == HEAD.size else (time.perf_counter(), 0)
            data = pipe.read(n) if n else b""
            self.chunks.put((at, data))
            if not data:
                return

    def pump(self, timeout):
        """Take what hewal wrote, waiting up to `timeout` for the first
        bytes; false if none came (or hewal has gone)."""
        try:
            chunk = self.chunks.get(timeout=timeout)
        except queue.Empty:
            return False
        got = False
        while chunk is not None:
            if not chunk[1]:
                self.chunks.put(chunk)  # the end, for every later call
                return got
            self.pending.append(chunk)
            got = True
            try:
                chunk = self.chunks.get_nowait()
            except queue.Empty:
                chunk = None
        return got

    def feed(self):
        at, data = self.pending.pop(0)
        self.stream.feed(data)
        self.fed_at = at
        return at

    def wait(self, cond, limit=10.0, since=None):
        """Feed the output to the emulator until cond(screen) holds; the
        time the bytes that made it hold were read, or None. If it holds
        already and the key was sent at `since`, the bytes fed last made
        it (one chunk may answer two waits, a letter's echo and its
        results: pyte's time parsing it is not the program's)."""
        end = time.perf_counter() + limit
        if cond(self.screen):
            return time.perf_counter() if since is None else max(self.fed_at, since)
        while True:
            while self.pending:
                at = self.feed()
                if cond(self.screen):
                    return at
            left = end - time.perf_counter()
            if left <= 0:
                return None
            self.pump(min(left, 0.05))

    def settle(self, quiet):
        """Feed everything hewal writes until it has been quiet for `quiet`
        seconds; the time its last bytes were read, or None if none came."""
        last = None
        while True:
            while self.pending:
                last = self.feed()
            if not self.pump(quiet):
                return last

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

    def cpu_ns_by_thread(self):
        """Time on a CPU so far, per thread name (threads that ended are
        not counted): less disturbed by a busy machine than latency."""
        out = {}
        task = f"/proc/{self.pid}/task"
        for tid in os.listdir(task):
            try:
                with open(f"{task}/{tid}/comm") as f:
                    name = f.read().strip()
                with open(f"{task}/{tid}/schedstat") as f:
                    ns = int(f.read().split()[0])
            except (OSError, ValueError):
                continue
            out[name] = out.get(name, 0) + ns
        return out

    def quit(self):
        os.write(self.fd, b"q")
        end = time.perf_counter() + 5
        while time.perf_counter() < end:
            self.pump(0.05)
            done, _ = os.waitpid(self.pid, os.WNOHANG)
            if done:
                break
        else:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        LIVE.discard(self.pid)
        # The reading process ends once the pty has no writer left.
        os.waitpid(self.reader, 0)


# The programs started and not yet quit: killed if the bench stops early
# (an error, ^C), so that none is left running.
LIVE = set()


@atexit.register
def kill_live():
    for pid in LIVE:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


# A chunk's header on the pipe from the reading process: when it was read,
# and its length (0: the end).
HEAD = struct.Struct("=dI")


def stamp_chunks(fd, w):
    """The reading process: every chunk of the pty, stamped, onto `w`."""
    while True:
        try:
            data = os.read(fd, 1 << 16)
        except OSError:
            data = b""
        out = HEAD.pack(time.perf_counter(), len(data)) + data
        while out:
            out = out[os.write(w, out):]
        if not data:
            os._exit(0)


def pct(xs, p):
    if not xs:
        return float("nan")
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hewal", required=True)
    ap.add_argument("--data-dir", required=True)
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--queries", default=os.path.join(here, "..", "benches", "data", "queries.txt"))
    ap.add_argument("--starts", type=int, default=10)
    ap.add_argument("--cols", type=int, default=100)
    ap.add_argument("--rows", type=int, default=30)
    ap.add_argument("--warm", type=int, default=0, help="unmeasured rounds of the queries first")
    ap.add_argument("--rounds", type=int, default=1, help="measured rounds of the queries")
    ap.add_argument("--pace", type=float, default=0,
                    help="ms from one letter to the next (0: the next follows the results at once)")
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
    # --warm: the queries typed once unmeasured first (the index's and the
    # store's pages read from disk); then each round is measured.
    rounds = [False] * a.warm + [True] * a.rounds
    cpu_from = None
    for measured, q in ((m, q) for m in rounds for q in queries):
        if measured and cpu_from is None:
            cpu_from = t.cpu_ns_by_thread()
        t.key("/")
        t.wait(lambda s: s.cursor.y == 0, 2)
        typed = ""
        for ch in q:
            typed += ch
            want = sorted(typed.replace(" ", ""))
            sent = t.key(ch)
            # A query in Latin letters shows its reading after "≈".
            bar = lambda s: s.display[0][3:].split("≈")[0]
            shown = t.wait(lambda s: sorted(bar(s).replace(" ", "")) == want, 5, sent)
            if shown is not None and measured:
                echo.append(shown - sent)
            if typed.strip():
                got = t.wait(lambda s: "searching" not in s.display[status], 5, sent)
                if got is not None and measured:
                    results.append(got - sent)
            if a.pace:
                # The rest of this letter's output (snippets, the full count)
                # is parsed before the next letter, as a terminal would.
                while (left := sent + a.pace / 1000 - time.perf_counter()) > 0:
                    t.pump(left)
                    t.settle(0)
        t.key("\x1b")
        t.wait(shows_library, 5)
        time.sleep(0.02)

    cpu_to = t.cpu_ns_by_thread()
    letters = max(len(results), 1)
    typing_cpu = {name: (ns - (cpu_from or {}).get(name, 0)) / letters / 1e6 for name, ns in cpu_to.items()}

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
    out["typing_cpu_ms_per_letter"] = typing_cpu
    if a.json:
        print(json.dumps(out))
        return
    print(f"{'measure':32} {'n':>5} {'p50 ms':>8} {'p99 ms':>8} {'max ms':>8}")
    for name, v in rows:
        o = out[name]
        print(f"{name:32} {o['n']:5d} {o['p50_ms']:8.2f} {o['p99_ms']:8.2f} {o['max_ms']:8.2f}")
    print(f"peak RSS: {out['peak_rss_mb']:.1f} MB")
    busy = sorted(typing_cpu.items(), key=lambda kv: -kv[1])
    print("CPU ms per letter typed, by thread: " + ", ".join(f"{n} {v:.2f}" for n, v in busy if v >= 0.005))


if __name__ == "__main__":
    main()
