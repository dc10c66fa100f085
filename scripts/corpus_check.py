"""Measure cablelint against a corpus with an index.tsv of true classifications.

    python scripts/corpus_check.py [../shared/corpus] [--show CODE] [--misses]

Prints: parse exceptions, banner-level agreement on non-partial cables, how often the E.O.
line, TAGS and SUBJECT were found where the text has them, and cables flagged per rule.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from pathlib import Path

from cablelint.engine import select_rules
from cablelint.lint import lint
from cablelint.source import read_path

LEVEL = {"UNCLASSIFIED": "U", "CONFIDENTIAL": "C", "SECRET": "S", "TOP SECRET": "TS"}
HAS = {
    "eo": re.compile(r"^\s*E\.? ?O\.? ?\d{4,5}", re.I | re.M),
    "tags": re.compile(r"^\s*TAGS\b", re.I | re.M),
    "subject": re.compile(r"^\s*SUBJ(ECT)?\s*:", re.I | re.M),
}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "corpus"))
    ap.add_argument("--show", action="append", default=[], help="print findings of these codes")
    ap.add_argument("--misses", action="store_true", help="list banner-level disagreements")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    index = {}
    with open(corpus / "index.tsv", encoding="utf-8") as fh:
        head = fh.readline().rstrip("\n").split("\t")
        for line in fh:
            row = dict(zip(head, line.rstrip("\n").split("\t")))
            index[row["id"]] = row
    rules = select_rules()
    flagged: Counter = Counter()
    findings: Counter = Counter()
    agree = total = 0
    misses = []
    found = Counter()
    present = Counter()
    crashes = []
    t0 = time.perf_counter()
    for cid, row in sorted(index.items()):
        path = corpus / f"{cid}.txt"
        try:
            src = read_path(str(path))
            res = lint(src, rules)
        except Exception as exc:  # the measurement must see every crash
            crashes.append(f"{cid}: {type(exc).__name__}: {exc}")
            continue
        for e in res.internal_errors:
            crashes.append(e)
        codes = {d.code for d in res.diagnostics}
        for c in codes:
            flagged[c] += 1
        for d in res.diagnostics:
            findings[d.code] += 1
            if d.code in args.show:
                print(f"{cid}:{d.span.line}:{d.span.col}: {d.code} {d.message}")
        cable = res.cable
        for key, rx in HAS.items():
            if rx.search(src.text):
                present[key] += 1
                if getattr(cable, {"eo": "eo", "tags": "tags", "subject": "subject"}[key]) is not None:
                    found[key] += 1
        if row["partial"] == "0":
            total += 1
            truth = LEVEL.get(row["classification"].split("//")[0])
            got = cable.banner.level if cable.banner else None
            if got == truth:
                agree += 1
            else:
                misses.append(f"{cid}: index {truth}, parsed {got}")
    elapsed = time.perf_counter() - t0
    print(f"cables: {len(index)}  exceptions: {len(crashes)}  time: {elapsed:.2f}s "
          f"({len(index) / elapsed:.0f} cables/s, one process)")
    for c in crashes[:20]:
        print("  CRASH", c)
    print(f"banner level = index on non-partial cables: {agree}/{total} = {100 * agree / max(total, 1):.2f}%")
    if args.misses:
        for m in misses:
            print("  ", m)
    for key in HAS:
        print(f"{key}: found in {found[key]} of {present[key]} cables whose text has one")
    print("cables flagged per rule (findings):")
    for code in sorted(set(flagged) | set(r.code for r in rules)):
        print(f"  {code} {flagged[code]:5d} ({findings[code]})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
