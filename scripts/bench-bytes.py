#!/usr/bin/env python3
"""Bytes hewal writes to its terminal for a held key and a reader scroll.

Runs each binary in a pty (120x35, TERM=xterm-256color, app mode, no
shaping) on a library, waits for the first frame, then counts what it
writes:

  held j   30 presses of j, 30 ms apart, and what follows within 0.5 s
  scroll   Tab into the reader (the first article), then j 20 times 50 ms
           apart: the median bytes of one step (an article shorter than
           the pane scrolls no further, and costs a few bytes)

  python3 scripts/bench-bytes.py --data-dir DIR BINARY [BINARY...]

Prints one line per binary. Standard library only.
"""
import argparse, fcntl, os, pty, select, statistics, struct, tempfile, termios, time

# A configuration of its own: no saved layout or calibration changes what is drawn.
CONFIG = tempfile.mkdtemp(prefix="bench-bytes-")


def run(binary, data_dir, keys, gap, cols=120, rows=35):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", HEWAL_BIDI="app", HEWAL_SHAPE="off", HEWAL_CONFIG_DIR=CONFIG)
        os.execv(binary, [binary, "--data-dir", data_dir])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))

    def drain(seconds):
        n, end = 0, time.time() + seconds
        while (left := end - time.time()) > 0:
            ready, _, _ = select.select([fd], [], [], left)
            if ready:
                try:
                    n += len(os.read(fd, 65536))
                except OSError:
                    break
        return n

    drain(2.0)
    per_key = []
    for k in keys:
        os.write(fd, k)
        per_key.append(drain(gap))
    tail = drain(0.5)
    os.write(fd, b"q")
    drain(0.5)
    os.waitpid(pid, 0)
    return sum(per_key) + tail, per_key


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("binaries", nargs="+")
    args = ap.parse_args()
    for b in args.binaries:
        held, _ = run(b, args.data_dir, [b"j"] * 30, 0.03)
        _, steps = run(b, args.data_dir, [b"\t"] + [b"j"] * 20, 0.05)
        print(f"{b}: held j {held} bytes; reader one-line scroll p50 {statistics.median(steps[1:]):.0f} bytes")


if __name__ == "__main__":
    main()
