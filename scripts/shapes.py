"""Find input shapes that cablelint checks in more than linear time.

    python scripts/shapes.py [--size 40000] [--limit 2.8]

A line made of one character or word repeated ("\\" a hundred thousand times, "S E C R E T "
over 40 KB, a run of pilcrows) is where a pattern that reads ahead or backtracks shows its
cost. Each shape is placed in a body line, at a body line's end, on a line of its own, in the
front matter and in the routing header, and the cable is checked at two lengths, `--size`
characters and twice that. A shape whose time grows more than `--limit` times (linear is 2)
and takes longer than 0.05 s is printed; the exit status is 1 if there is one. Timings, as
the benchmark's, are the machine's: a suspect is confirmed by running it at larger sizes.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

HEAD = "C O N F I D E N T I A L STATE 000001\nE.O. 12958: DECL: 11/05/2019\nTAGS: PREL\nSUBJECT: (U) X\n\n"
PIECES = (
    " ", "\t", "-", ".", "=", "*", "7", "(C) ", "5. ", "\u00b6", '"', ":", "/", "a", "A", "end ", "ref ",
    "ref A ", "para ", "note ", "Comment -- ", "E.O. ", "TAGS ", "SUBJ ", "CLASSIFIED ", "SECRET ",
    "S E C R E T ", " OF ", "&para;", "[C] ", "<", "- ", "DECL: ", "SIPDIS ", "reasons 1.4 ", "11/05/",
    "Z ", "\\", "\u00a0", "\u2014", "(", ")", "1.4 (b) ", "End Summary. ", "Summary: ",
)
PLACES = {
    "in a body line": lambda piece, n: HEAD + "1. (C) x " + piece * n + " y\n2. (C) z.\n",
    "at a body line's end": lambda piece, n: HEAD + "1. (C) x " + piece * n + "\n",
    "on a line of its own": lambda piece, n: HEAD + "1. (C) x\n" + piece * n + "\n2. (C) z.\n",
    "in the front matter": lambda piece, n: ("C O N F I D E N T I A L STATE 000001\n" + piece * n
                                             + "\nSUBJECT: (U) X\n\n1. (C) x\n"),
    "in the routing header": lambda piece, n: ("P 050806Z NOV 09\nFM AMEMBASSY X\n" + piece * n
                                               + "\nC O N F I D E N T I A L STATE 000001\n1. (C) x\n"),
}


def seconds(text: str, rules) -> float:
    from cablelint.lint import lint
    from cablelint.source import Source

    start = time.perf_counter()
    lint(Source(path="shape.txt", text=text), rules)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--size", type=int, default=40000, help="characters of the shorter run")
    ap.add_argument("--limit", type=float, default=2.8, help="time ratio at twice the length to report")
    args = ap.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from cablelint.engine import select_rules

    rules = select_rules()
    suspects = 0
    for place, make in PLACES.items():
        for piece in PIECES:
            n = max(1, args.size // len(piece))
            short, long = seconds(make(piece, n), rules), seconds(make(piece, 2 * n), rules)
            if long > 0.05 and long / max(short, 1e-4) > args.limit:
                suspects += 1
                print(f"{piece!r} repeated {place}: {short:.3f} s, {long:.3f} s at twice the length "
                      f"({long / max(short, 1e-4):.1f}x)")
    print(f"{len(PLACES) * len(PIECES)} shapes checked; {suspects} grow faster than their length")
    return 1 if suspects else 0


if __name__ == "__main__":
    sys.exit(main())
