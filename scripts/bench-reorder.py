#!/usr/bin/env python3
"""How much the result list moves while a query is typed, letter by letter.

Types each query through `hewal search --json` one letter at a time (the
last word matched as a prefix, as in the search bar) and counts, from one
letter to the next, the rows of the first N results whose article changed
(compared row by row, as the terminal's diff sees them). A letter that only
narrows the list, or changes nothing, moves few rows; one that reorders it
moves them all, and the TUI then rewrites every row and the preview.

  python3 scripts/bench-reorder.py --hewal BIN --data-dir DIR [--rows 30] [QUERY...]

Without queries it types bench-bytes.py's eight. Prints each query with the
rows moved at each letter, then the mean. Standard library only.
"""
import argparse, importlib.util, json, os, subprocess


def bench_bytes_queries():
    """bench-bytes.py's queries, so that both benches type the same."""
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "bench-bytes.py")
    spec = importlib.util.spec_from_file_location("bench_bytes", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.QUERIES


def ids(hewal, data_dir, rows, typed):
    out = subprocess.run(
        [hewal, "--data-dir", data_dir, "search", "--json", "--limit", str(rows), typed],
        capture_output=True, text=True, check=True,
    )
    return [json.loads(line)["id"] for line in out.stdout.splitlines() if line.strip()]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hewal", required=True)
    ap.add_argument("--data-dir", required=True)
    ap.add_argument("--rows", type=int, default=30)
    ap.add_argument("queries", nargs="*")
    args = ap.parse_args()
    moved, letters = 0, 0
    for q in args.queries or bench_bytes_queries():
        before, steps = None, []
        for i in range(1, len(q) + 1):
            typed = q[:i]
            now = ids(args.hewal, args.data_dir, args.rows, typed)
            if before is not None:
                n = sum(1 for k in range(args.rows) if k < max(len(now), len(before))
                        and (now[k] if k < len(now) else None) != (before[k] if k < len(before) else None))
                steps.append(f"{typed}:{n}")
                moved, letters = moved + n, letters + 1
            before = now
        print(q, " ".join(steps))
    print(f"rows moved a letter, mean: {moved / max(letters, 1):.2f} ({letters} letters)")


if __name__ == "__main__":
    main()
