"""Measure cablelint's speed and memory; prints a table and how each number compares to its target.

    python scripts/benchmark.py [CORPUS_DIR] [--runs 7] [--rounds 5] [--no-large] [--json]

CORPUS_DIR defaults to ../shared/corpus beside the repository when present, else tests/corpus,
else 1,000 cables generated into a temporary directory. Every measurement runs in a fresh
process (so imports, parser builds and memory are counted as a user would see them) using
this checkout's code:

- throughput: cables/s and MB/s checking the corpus with all rules, jobs 1 and jobs 2
  (in-process `runner.run`, results drained as they stream, after one check of the example
  has built the parsers), best of --rounds alternating rounds, and the ratio of the two;
- references for how this machine compares with the one the targets were set on: a
  line-oriented LALR Lark grammar over the same cables (about 0.9 ms a cable there; in the
  jobs-1 process, each cable parsed right after it is checked, compared in CPU time),
  reading, decoding and splitting them (about 0.06 ms), and `import lark, rich, typer`
  (about 0.09 s);
- the command line over the whole corpus (`cablelint check DIR`, workers as it picks them,
  and with `--jobs 1`), wall time and peak memory, also with the corpus given four times
  (memory must not grow with the number of files);
- start-up: `cablelint check examples/09TASHKENT1571.txt`, median wall time of --runs runs;
- linearity: seconds per MB on a generated 5 MB and 50 MB cable;
- peak memory (maximum resident set size of the measuring process and its workers).

Timings depend on the machine and on what else runs on it; compare numbers taken together.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "09TASHKENT1571.txt"
INCLUDE = (".txt", ".cable", ".tel")

TARGETS = {
    "cables_per_s_per_core": 1000.0,
    "jobs2_speedup": 1.8,
    "startup_s": 0.12,
    "peak_mb": 150.0,
}


# ---------------------------------------------------------------- measurements (child side)


def _peak_mb() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    scale = 1 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB elsewhere
    return max(own, kids) * scale / 1e6


def _cpu_seconds() -> float:
    import resource

    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _measure_throughput(directory: str, jobs: int) -> dict:
    from cablelint.engine import select_rules
    from cablelint.runner import Options, run

    files = cable_files(Path(directory))
    size = sum(os.path.getsize(f) for f in files)
    opts = Options(rules=tuple(select_rules()), jobs=jobs, keep_text=False)  # as `check --format concise`
    # Built once before timing, as the reference grammar is: the parsers, the lexers' scanners
    # (about 12 ms; start-up below counts them).
    from cablelint.lint import lint
    from cablelint.source import decode

    lint(decode(SEED.read_bytes(), SEED.name), list(opts.rules))
    findings = errors = 0

    def tally(result) -> None:
        nonlocal findings, errors
        findings += len(result.diagnostics)
        errors += bool(result.read_error) + len(result.internal_errors)

    results = run(files, opts)  # drained as it streams; nothing is kept
    reference = None
    if jobs == 1:
        elapsed, cpu, reference = _beside_the_grammar(files, results, tally)
    else:
        start, cpu_start = time.perf_counter(), _cpu_seconds()
        for result in results:  # drained to its end: the workers are waited for, their CPU counted
            tally(result)
        elapsed, cpu = time.perf_counter() - start, _cpu_seconds() - cpu_start
    import cablelint

    out = {"files": len(files), "bytes": size, "seconds": elapsed, "cpu_seconds": cpu, "findings": findings,
           "errors": errors, "peak_mb": _peak_mb(), "code": os.path.dirname(cablelint.__file__)}
    if reference is not None:
        out["reference"] = reference
    return out


def _beside_the_grammar(files: list[str], results, tally) -> tuple[float, float, dict]:
    """Time the check of each cable, then the reference grammar's parse of the same cable, in
    this process and in CPU time: whatever else the machine is doing weighs on both alike.
    (check wall seconds, check CPU seconds, the reference's numbers)."""
    grammar = _reference_parser()
    elapsed = cpu = grammar_wall = grammar_cpu = 0.0
    for path in files:
        start, used = time.perf_counter(), time.process_time()
        tally(next(results))
        elapsed += time.perf_counter() - start
        cpu += time.process_time() - used
        text = _reference_text(path)
        start, used = time.perf_counter(), time.process_time()
        grammar.parse(text)
        grammar_wall += time.perf_counter() - start
        grammar_cpu += time.process_time() - used
    if next(results, None) is not None:
        raise SystemExit("benchmark: more results than files")
    return elapsed, cpu, {"line_grammar_ms": grammar_wall / len(files) * 1000,
                          "line_grammar_cpu_ms": grammar_cpu / len(files) * 1000,
                          "read_split_ms": _measure_read_split(files)}


# The reference points, measured on the machine its targets were set on: a
# line-oriented LALR Lark grammar parses one of these cables in about 0.9 ms, and reading,
# decoding and splitting one costs about 0.06 ms. The same two things measured here say how
# this machine compares for this kind of work. The grammar is the simplest of that kind: one
# token per line, of three kinds.
REFERENCE_MS = {"line_grammar": 0.9, "read_split": 0.06}
REFERENCE_IMPORTS_S = 0.09  # `import lark, rich, typer` there
LINE_GRAMMAR = r"""
start: line*
line: BLANK | NUMBERED | TEXT
BLANK.3: /[ \t]*\n/
NUMBERED.2: /[ \t]*\u00b6?\d{1,3}\.[^\n]*\n/
TEXT: /[^\n]*\n/
"""


def _reference_parser():
    import lark

    parser = lark.Lark(LINE_GRAMMAR, parser="lalr", lexer="contextual")
    parser.parse("1. (C) Text.\n")
    return parser


def _reference_text(path: str) -> str:
    with open(path, "rb") as fh:
        text = fh.read().decode("utf-8", "replace")
    return text if text.endswith("\n") else text + "\n"


def _measure_read_split(files: list[str]) -> float:
    """Reading, decoding and splitting `files`: milliseconds a cable."""
    start = time.perf_counter()
    for f in files:
        with open(f, "rb") as fh:
            fh.read().decode("utf-8", "replace").split("\n")
    return (time.perf_counter() - start) / len(files) * 1000


def _measure_large(megabytes: int) -> dict:
    from cablelint.engine import select_rules
    from cablelint.lint import lint
    from cablelint.source import decode

    rules = select_rules()
    lint(decode(SEED.read_bytes(), SEED.name), rules)  # parsers built before timing
    data = generated_cable(megabytes).encode("utf-8")
    start = time.perf_counter()
    result = lint(decode(data, "large.txt"), rules)
    elapsed = time.perf_counter() - start
    return {"bytes": len(data), "seconds": elapsed, "findings": len(result.diagnostics),
            "peak_mb": _peak_mb()}


def _child_env() -> dict:
    """Bytecode is cached as in an installed copy (pip compiles it), whatever this shell says."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _measure_command(args: list[str]) -> dict:
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "cablelint", *args], cwd=ROOT, env=_child_env(),
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    elapsed = time.perf_counter() - start
    return {"seconds": elapsed, "status": proc.returncode, "stderr": proc.stderr[-400:],
            "peak_mb": _peak_mb()}


def _measure_imports(modules: list[str]) -> dict:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", f"import {', '.join(modules)}"], env=_child_env(), check=True)
    return {"seconds": time.perf_counter() - start}


def _child_main(kind: str, args: list[str]) -> None:
    sys.path.insert(0, str(ROOT))
    if kind == "imports":
        out = _measure_imports(args)
    elif kind == "throughput":
        out = _measure_throughput(args[0], int(args[1]))
    elif kind == "large":
        out = _measure_large(int(args[0]))
    else:
        out = _measure_command(args)
    sys.stdout.write(json.dumps(out) + "\n")


def measure(kind: str, *args: str) -> dict:
    """One measurement in a fresh process, so that its memory and imports are its own."""
    proc = subprocess.run([sys.executable, __file__, "--child", kind, *args], cwd=ROOT,
                          capture_output=True, text=True, env=_child_env())
    if proc.returncode != 0:
        raise SystemExit(f"benchmark: {kind} {' '.join(args)} failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------- inputs


def cable_files(directory: Path) -> list[str]:
    return sorted(str(p) for p in directory.rglob("*") if p.suffix in INCLUDE and p.is_file())


def generated_cable(megabytes: int) -> str:
    """A cable of about `megabytes` MB: a real front matter, then numbered marked paragraphs
    of ordinary 70-character lines (the 42nd paragraph left out, so there is a finding)."""
    text = SEED.read_text(encoding="utf-8")
    head = text[:text.index("\n¶1.") + 1]
    line = "The embassy met officials on the matter and will report further on it.\n"
    count = 400
    per = max(1, (megabytes * 1_000_000 - len(head)) // (len(line) * count))
    body = line * per
    return head + "".join(f"¶{n}. (C) {body}\n" for n in range(1, count + 1) if n != 42)


def default_corpus(tmp: Path) -> Path:
    for candidate in (ROOT.parent / "shared" / "corpus", ROOT / "tests" / "corpus"):
        if candidate.is_dir() and cable_files(candidate):
            return candidate
    out = tmp / "generated"
    out.mkdir()
    seed = SEED.read_text(encoding="utf-8")
    for i in range(1000):
        (out / f"09STATE{i:05d}.txt").write_text(seed.replace("001571", f"{i:06d}"), encoding="utf-8")
    return out


# ---------------------------------------------------------------- report


def verdict(ok: bool) -> str:
    return "ok" if ok else "OVER BUDGET"


def main() -> int:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        _child_main(sys.argv[2], sys.argv[3:])
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", nargs="?", help="directory of cables (default: see above)")
    ap.add_argument("--runs", type=int, default=7, help="start-up runs to take the median of")
    ap.add_argument("--rounds", type=int, default=5, help="throughput rounds to take the best of")
    ap.add_argument("--no-large", action="store_true", help="skip the 5 MB and 50 MB cables")
    ap.add_argument("--json", action="store_true", help="print the numbers as JSON as well")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="cablelint-bench-") as tmp:
        corpus = Path(args.corpus) if args.corpus else default_corpus(Path(tmp))
        files = cable_files(corpus)
        if not files:
            sys.stderr.write(f"benchmark: no cable files under {corpus}\n")
            return 2
        size_mb = sum(os.path.getsize(f) for f in files) / 1e6
        print(f"code: {ROOT}; corpus: {corpus} ({len(files)} cables, {size_mb:.1f} MB); python {sys.version.split()[0]}; "
              f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.2f}")
        numbers: dict = {"corpus": str(corpus), "files": len(files), "mb": size_mb}

        # Rounds alternate the two, and the best of each is kept: on a shared machine the
        # slowest runs measure the neighbours more than the code.
        rounds = [(measure("throughput", str(corpus), "1"), measure("throughput", str(corpus), "2"))
                  for _ in range(args.rounds)]
        t1 = min((r[0] for r in rounds), key=lambda t: t["seconds"])
        t2 = min((r[1] for r in rounds), key=lambda t: t["seconds"])
        ref = {k: statistics.median(r[0]["reference"][k] for r in rounds)
               for k in ("line_grammar_ms", "line_grammar_cpu_ms", "read_split_ms")}
        secs = [", ".join(f"{r[k]['seconds']:.2f}" for r in rounds) for k in (0, 1)]
        print(f"throughput: best of {args.rounds} rounds (jobs 1: {secs[0]} s; jobs 2: {secs[1]} s)")
        for jobs, t in ((1, t1), (2, t2)):
            rate = t["files"] / t["seconds"]
            print(f"jobs {jobs}: {t['seconds']:.2f} s, {rate:,.0f} cables/s, "
                  f"{t['bytes'] / 1e6 / t['seconds']:.2f} MB/s, {t['files'] / t['cpu_seconds']:,.0f} cables "
                  f"per CPU-second, peak {t['peak_mb']:.0f} MB, "
                  f"{t['findings']} findings, {t['errors']} errors")
            numbers[f"jobs{jobs}"] = t
        per_core = t1["files"] / t1["seconds"]
        speedup = t1["seconds"] / t2["seconds"]
        print(f"  per core: {per_core:,.0f} cables/s (target >= {TARGETS['cables_per_s_per_core']:,.0f}: "
              f"{verdict(per_core >= TARGETS['cables_per_s_per_core'])})")
        # Each round's jobs-1 rate times that round's slowness against the reference machine:
        # the reference grammar parses each cable right after the check has checked it, in the
        # same process, both timed in CPU time; a neighbour that takes the CPU for a while
        # weighs on both alike.
        factor = ref["line_grammar_ms"] / REFERENCE_MS["line_grammar"]
        scaled = [r[0]["files"] / r[0]["cpu_seconds"] * r[0]["reference"]["line_grammar_cpu_ms"]
                  / REFERENCE_MS["line_grammar"] for r in rounds]
        print(f"reference, same cables (median of the rounds): a line-oriented LALR Lark grammar (one token "
              f"a line) parses one in {ref['line_grammar_ms']:.2f} ms here ({REFERENCE_MS['line_grammar']} ms "
              f"on the reference machine: this one is {factor:.2f}x as slow); reading, decoding and "
              f"splitting one takes {ref['read_split_ms']:.3f} ms ({REFERENCE_MS['read_split']} ms there)")
        cpu_ms = [r[0]["cpu_seconds"] / r[0]["files"] * 1000 for r in rounds]
        ratio = statistics.median(ms / r[0]["reference"]["line_grammar_cpu_ms"] for ms, r in zip(cpu_ms, rounds))
        print(f"  the check takes {statistics.median(cpu_ms):.3f} ms of CPU a cable, {ratio:.2f}x the "
              f"grammar's {ref['line_grammar_cpu_ms']:.3f} ms in the same process (medians of the rounds)")
        print(f"  per core scaled to the reference machine (CPU time), round by round: "
              f"{', '.join(f'{x:,.0f}' for x in scaled)} cables/s; median {statistics.median(scaled):,.0f} "
              f"(target >= {TARGETS['cables_per_s_per_core']:,.0f}: "
              f"{verdict(statistics.median(scaled) >= TARGETS['cables_per_s_per_core'])})")
        numbers["reference"] = {**ref, "factor": factor, "per_core_scaled": scaled, "check_to_grammar_cpu": ratio}
        print(f"  jobs 2 / jobs 1: {speedup:.2f}x (target >= {TARGETS['jobs2_speedup']}: "
              f"{verdict(speedup >= TARGETS['jobs2_speedup'])})")
        if t1["code"] != str(ROOT / "cablelint"):
            print(f"  WARNING: measured the cablelint in {t1['code']}, not this checkout's")
        if t1["findings"] != t2["findings"]:
            print("  WARNING: jobs 1 and jobs 2 found different numbers of findings")

        cli = measure("command", "check", "--format", "concise", "--exit-zero", str(corpus))
        quad = measure("command", "check", "--format", "concise", "--exit-zero", *[str(corpus)] * 4)
        # the command's own choice of workers (one per CPU for this many files), then serial
        cli1 = measure("command", "check", "--format", "concise", "--exit-zero", "--jobs", "1", str(corpus))
        print(f"cli, whole corpus (workers as the command picks them): {cli['seconds']:.2f} s, peak "
              f"{cli['peak_mb']:.0f} MB; --jobs 1: {cli1['seconds']:.2f} s, peak {cli1['peak_mb']:.0f} MB"
              if cli1["status"] == 0 else
              f"cli, whole corpus: {cli['seconds']:.2f} s, peak {cli['peak_mb']:.0f} MB; (no --jobs option)")
        print(f"cli, corpus given 4 times: {quad['seconds']:.2f} s, peak {quad['peak_mb']:.0f} MB")
        numbers["cli"] = {"once": cli, "jobs1": cli1, "four_times": quad}

        # The reference machine imports lark, rich and typer in about 0.09 s: the same
        # imports here say how this machine compares (the targets are that machine's). They are
        # taken in turn with the start-up runs, so that both see the same load.
        measure("imports", "lark", "rich", "typer")  # bytecode written, files cached
        measure("command", "check", str(SEED))
        pairs = [(measure("imports", "lark", "rich", "typer")["seconds"],
                  measure("command", "check", str(SEED))["seconds"]) for _ in range(args.runs)]
        imports = statistics.median(i for i, _ in pairs)
        print(f"reference: `import lark, rich, typer` median {imports:.3f} s here "
              f"({REFERENCE_IMPORTS_S} s on the reference machine: this one is "
              f"{imports / REFERENCE_IMPORTS_S:.1f}x as slow)")
        numbers["import_lark_rich_typer_s"] = imports
        wall = statistics.median(s for _, s in pairs)
        print(f"start-up, one draft: median {wall:.3f} s of {args.runs} runs "
              f"(min {min(s for _, s in pairs):.3f}; target < {TARGETS['startup_s']}: "
              f"{verdict(wall < TARGETS['startup_s'])})")
        scaled = statistics.median(s / i * REFERENCE_IMPORTS_S for i, s in pairs)
        print(f"start-up scaled by the imports, run by run: median {scaled:.3f} s on the reference "
              f"machine (target < {TARGETS['startup_s']}: {verdict(scaled < TARGETS['startup_s'])})")
        numbers["startup_s"] = wall
        numbers["startup_scaled_s"] = scaled

        peaks = [t1["peak_mb"], t2["peak_mb"], cli["peak_mb"], cli1["peak_mb"], quad["peak_mb"]]
        if not args.no_large:
            large = {mb: measure("large", str(mb)) for mb in (5, 50)}
            per_mb = {mb: r["seconds"] / (r["bytes"] / 1e6) for mb, r in large.items()}
            print(f"large cable: 5 MB {large[5]['seconds']:.2f} s ({per_mb[5]:.3f} s/MB), "
                  f"50 MB {large[50]['seconds']:.2f} s ({per_mb[50]:.3f} s/MB); "
                  f"ratio {per_mb[50] / per_mb[5]:.2f} (1.00 is linear); "
                  f"peak {large[50]['peak_mb']:.0f} MB for 50 MB")
            numbers["large"] = large
        peak = max(peaks)
        print(f"peak memory over the corpus runs: {peak:.0f} MB (target < {TARGETS['peak_mb']:.0f}: "
              f"{verdict(peak < TARGETS['peak_mb'])})")
        numbers["peak_mb"] = peak
        if args.json:
            print(json.dumps(numbers, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
