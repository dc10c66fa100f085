"""The command line: wires read, parse, rules, report and fix together, and nothing else.

The commands' arguments and help are declared in app.py (typer); each command does its work in
the function of the same name here. `main` runs the typer application, except for the most
common call, `cablelint check PATHS` with no option but flags: that one is recognised here and
checked without importing typer, which costs more than checking a draft.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FORMATS = ("full", "concise", "json", "sarif", "github", "junit")
SEVERITIES = ("error", "warning", "info")


def fail(message: str) -> None:
    sys.stderr.write(f"cablelint: error: {message}\n")
    sys.exit(2)


def discover(paths: list[str], resolver=None, force_exclude: bool = False) -> tuple[list[str], list[str]]:
    """Files to check, in a stable order; and one-line errors for paths that cannot be used.

    Walking a directory takes the files the configuration includes (`*.txt`, `*.cable`, `*.tel`
    by default) and skips hidden and excluded directories; a file named on the command line is
    always checked, unless `force_exclude` (for hooks, which name every changed file)."""
    if resolver is None:
        from cablelint.config import Config, Resolver

        resolver = Resolver(Config())
    files: list[str] = []
    errors: list[str] = []
    for p in paths:
        if p == "-":
            files.append(p)
            continue
        path = Path(p)
        if path.is_dir():
            found = []
            for root, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and not resolver.is_excluded(os.path.join(root, d)))
                found.extend(f for f in (os.path.normpath(os.path.join(root, n)) for n in names)
                             if resolver.is_cable(f))
            files.extend(sorted(found))
        elif path.exists() or path.is_symlink():
            if not (force_exclude and resolver.is_excluded(p)):
                files.append(p)
        else:
            errors.append(f"{p}: no such file or directory")
    return files, errors


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _pairs(values: list[str] | None, option: str, sep: str = ",") -> dict[str, str]:
    """`KEY=VALUE` options (`--severity PAR004=error`)."""
    out: dict[str, str] = {}
    for v in values or ():
        for item in (v.split(sep) if sep else [v]):
            key, eq, value = item.partition("=")
            if not eq or not key.strip() or not value.strip():
                fail(f"{option} expects KEY=VALUE, got {item!r}")
            out[key.strip()] = value.strip()
    return out


def _int(text: str | None, option: str, minimum: int = 0) -> int | None:
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        fail(f"{option} expects a whole number of at least {minimum}, got {text!r}")
    return value


def _choice(text: str | None, option: str, choices: tuple[str, ...]) -> str | None:
    if text is None or text.lower() in choices:
        return text and text.lower()
    from cablelint.config import did_you_mean

    fail(f"{option} expects one of {', '.join(choices)}, got {text!r}{did_you_mean(text.lower(), choices)}")


def _resolver(select, extend_select, ignore, severity=None, per_file_ignores=None, include=None,
              exclude=None, as_of=None, config_file=None, isolated=False):
    """Command-line options as the top configuration layer, over the files'."""
    from cablelint.config import ConfigError, Resolver, from_table

    table: dict = {}
    if select:
        table["select"] = _split(select)
    if extend_select:
        table["extend-select"] = _split(extend_select)
    if ignore:
        table["ignore"] = _split(ignore)
    if severity:
        table["severity"] = _pairs(severity, "--severity")
    if per_file_ignores:
        table["per-file-ignores"] = {g: c.split(",") for g, c in
                                     _pairs(per_file_ignores, "--per-file-ignores", sep="").items()}
    if include:
        table["include"] = _split(include)
    if exclude:
        table["exclude"] = _split(exclude)
    if as_of:
        table["as-of"] = as_of
    try:
        return Resolver(from_table(table, Path.cwd(), ""), Path(config_file) if config_file else None,
                        isolated)
    except ConfigError as exc:
        fail(str(exc))


def lint_files(files: list[str], resolver, fix: bool = False, write: bool = False,
               stdin_filename: str | None = None, jobs: int = 1,
               keep_text: bool = True) -> tuple[list, int]:
    """Results in the order of `files` (each linted with its own configuration), with the
    configured severities; and the exit status so far (2 after a read or internal error)."""
    from cablelint.config import ConfigError, apply_severity
    from cablelint.runner import Options, run

    settings = []
    try:
        for f in files:
            settings.append(resolver.settings_for(stdin_filename if f == "-" and stdin_filename else f))
    except ConfigError as exc:
        fail(str(exc))
    groups: dict = {}
    for i, s in enumerate(settings):
        groups.setdefault(s, []).append(i)
    results: list = [None] * len(files)
    for s, indexes in groups.items():
        opts = Options(rules=s.rules, as_of=s.as_of, fix=fix, write=write,
                       stdin_filename=stdin_filename, jobs=jobs, keep_text=keep_text)
        for i, result in zip(indexes, run([files[i] for i in indexes], opts)):
            result.diagnostics = apply_severity(result.diagnostics, s.severity)
            results[i] = result
    status = 0
    for result in results:
        if result.read_error:
            sys.stderr.write(f"cablelint: error: {result.read_error}\n")
            status = 2
        for e in result.internal_errors:
            sys.stderr.write(f"cablelint: {e}\n")
            status = 2
    return results, status


def check(paths: list[str], output_format: str | None = None, output_file: str | None = None,
          fix: bool = False, diff: bool = False, select: list[str] | None = None,
          extend_select: list[str] | None = None, ignore: list[str] | None = None,
          severity: list[str] | None = None, per_file_ignores: list[str] | None = None,
          include: list[str] | None = None, exclude: list[str] | None = None,
          force_exclude: bool = False, config_file: str | None = None, isolated: bool = False,
          as_of: str | None = None, show_text: bool = False, statistics: bool = False,
          fail_on: str | None = None, exit_zero: bool = False, max_warnings: str | None = None,
          baseline: str | None = None, stdin_filename: str | None = None,
          jobs: str | None = None) -> None:
    """Check cables and report findings."""
    fmt = _choice(output_format, "--format", FORMATS)
    fail_level = _choice(fail_on, "--fail-on", SEVERITIES) or "error"
    warnings_allowed = _int(max_warnings, "--max-warnings")
    workers = _int(jobs, "--jobs", minimum=0) or 0  # 0: the runner picks from the number of files
    resolver = _resolver(select, extend_select, ignore, severity, per_file_ignores, include, exclude,
                         as_of, config_file, isolated)
    recorded = None
    if baseline:
        from cablelint.baseline import Baseline
        from cablelint.config import ConfigError

        try:
            recorded = Baseline(Path(baseline))
        except ConfigError as exc:
            fail(str(exc))
    files, errors = discover(paths, resolver, force_exclude)
    for e in errors:
        sys.stderr.write(f"cablelint: error: {e}\n")
    if fmt is None:
        if os.environ.get("GITHUB_ACTIONS") == "true":
            fmt = "github"
        elif not (fix and "-" in files):
            fmt = "full" if sys.stdout.isatty() and not output_file else "concise"
    # Only a code frame, --show-text, a baseline or a fix needs a file's text after its rules
    # ran; otherwise it is dropped as each result arrives, so memory stays flat however many
    # files a run checks.
    keep_text = fmt == "full" or show_text or recorded is not None or fix or diff
    results, status = lint_files(files, resolver, fix=fix or diff, write=fix and not diff,
                                 stdin_filename=stdin_filename, jobs=workers, keep_text=keep_text)
    status = 2 if errors else status
    out = sys.stdout
    if diff:
        diffs = [_unified(r.source.path, r.original_text, r.fixed_text)
                 for r in results if r.fixed_text is not None]
        out.write("".join(diffs))
        sys.exit(status or (1 if diffs else 0))

    reported = []
    for name, result in zip(files, results):
        if name == "-" and fix:  # the fixed text goes to stdout, the findings to stderr
            out.write(result.fixed_text if result.fixed_text is not None else result.source.text)
            out = sys.stderr
            fmt = fmt or "concise"
        if recorded is not None:
            recorded.filter(result)
        if result.read_error and not result.diagnostics:
            continue
        reported.append(result)
    if recorded is not None:
        stale = recorded.stale()
        for e in stale:
            sys.stderr.write(f"cablelint: {baseline}: stale entry {e.path}: {e.code} "
                             f"(no longer found; write the baseline again to drop it)\n")

    if fmt is None:
        fmt = "full" if out.isatty() and not output_file else "concise"
    _write_report(reported, fmt, out, output_file, show_text, statistics)
    fixed = sum(r.fixes_applied for r in results) if fix else 0
    if fmt in ("full", "concise") and not statistics and (fmt == "full" or fixed):
        from cablelint.reporters.text import summary_line

        sys.stderr.write(summary_line(reported, fixed) + "\n")
    if status or exit_zero:
        sys.exit(status)
    sys.exit(_findings_status(reported, fail_level, warnings_allowed))


def _findings_status(results: list, fail_level: str, max_warnings: int | None) -> int:
    from cablelint.engine import Severity

    threshold = Severity.parse(fail_level)
    diags = [d for r in results for d in r.diagnostics]
    if any(d.severity >= threshold for d in diags):
        return 1
    if max_warnings is not None and sum(d.severity == Severity.WARNING for d in diags) > max_warnings:
        return 1
    return 0


def _write_report(results: list, fmt: str, out, output_file: str | None, show_text: bool,
                  statistics: bool) -> None:
    from cablelint.reporters import ReportContext, reporter

    handle = None
    if output_file:
        try:
            handle = out = open(output_file, "w", encoding="utf-8", newline="\n")
        except OSError as exc:
            fail(f"{output_file}: cannot write ({exc.strerror or exc})")
    try:
        if statistics:
            from cablelint.reporters.text import statistics_report

            statistics_report(results, out, as_json=fmt == "json")
            return
        rules = ()
        if fmt == "sarif":
            from cablelint.engine import all_rules

            codes = {d.code for r in results for d in r.diagnostics}
            rules = tuple(r for c, r in sorted(all_rules().items()) if c in codes)
        color = None if fmt != "full" or handle is None else False
        reporter(fmt)(results, out, ReportContext(show_text=show_text, color=color, rules=rules))
    finally:
        if handle is not None:
            handle.close()


def _lines(text: str) -> list[str]:
    """Lines with their endings, split at "\n" and not at U+2028 (where str.splitlines would); a
    carriage return alone ends a line too, shown as "\n" (a diff of one line would say nothing)."""
    from cablelint.source import RE_LONE_CR

    out = RE_LONE_CR.sub("\n", text).split("\n")
    return [line + "\n" for line in out[:-1]] + ([out[-1]] if out[-1] else [])


def _unified(path: str, old: str, new: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(_lines(old), _lines(new),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


def baseline_write(file: str, paths: list[str] | None = None, select: list[str] | None = None,
                   extend_select: list[str] | None = None, ignore: list[str] | None = None,
                   config_file: str | None = None, isolated: bool = False,
                   as_of: str | None = None) -> None:
    """Record the current findings of PATHS in FILE: by fingerprint, no document text."""
    from cablelint import baseline

    resolver = _resolver(select, extend_select, ignore, as_of=as_of, config_file=config_file,
                         isolated=isolated)
    files, errors = discover(list(paths or ["."]), resolver)
    for e in errors:
        sys.stderr.write(f"cablelint: error: {e}\n")
    results, status = lint_files(files, resolver)
    try:
        count = baseline.write(Path(file), results)
    except OSError as exc:
        fail(f"{file}: cannot write ({exc.strerror or exc})")
    sys.stderr.write(f"cablelint: recorded {count} finding{'s' if count != 1 else ''} "
                     f"in {len(results)} file{'s' if len(results) != 1 else ''} to {file}\n")
    sys.exit(2 if errors else status)


def list_rules() -> None:
    """List every rule: code, name, default severity, fixable."""
    from cablelint.engine import all_rules

    rules = all_rules()
    width = max(len(r.name) for r in rules.values())
    sys.stdout.write(f"{'code':<8} {'name':<{width}} {'severity':<8} fix  summary\n")
    for code in sorted(rules):
        r = rules[code]
        sys.stdout.write(f"{code:<8} {r.name:<{width}} {r.severity.label:<8} "
                         f"{'yes' if r.fixable else '-':<4} {r.summary}\n")


def explain(code: str) -> None:
    """Print a rule's documentation."""
    from cablelint.engine import all_rules, suggest

    rules = all_rules()
    r = rules.get(code.upper()) or next((x for x in rules.values() if x.name == code.lower()), None)
    if r is None:
        fail(f"unknown rule {code!r}{suggest(code, rules)}")
    sys.stdout.write(f"{r.code} {r.name} ({r.severity.label}{', fixable' if r.fixable else ''})\n\n")
    sys.stdout.write(r.doc + "\n")


def parse(paths: list[str], output_format: str = "json", as_of: str | None = None) -> None:
    """Print the parsed model of each cable, one JSON object a line."""
    import json

    from cablelint.modeljson import cable_json
    from cablelint.parse import parse_source
    from cablelint.source import ReadError, read_path

    _choice(output_format, "--format", ("json",))
    when = _resolver(None, None, None, as_of=as_of).cli.as_of
    files, errors = discover(paths)
    status = 0
    for e in errors:
        sys.stderr.write(f"cablelint: error: {e}\n")
        status = 2
    for f in files:
        try:
            src = read_path(f)
        except ReadError as exc:
            sys.stderr.write(f"cablelint: error: {exc}\n")
            status = 2
            continue
        sys.stdout.write(json.dumps(cable_json(parse_source(src), when), ensure_ascii=False) + "\n")
    sys.exit(status)


# The flags of `check` (options without a value), by the parameter each one sets.
CHECK_FLAGS = {
    "--fix": "fix", "--diff": "diff", "--force-exclude": "force_exclude", "--isolated": "isolated",
    "--show-text": "show_text", "--statistics": "statistics", "--exit-zero": "exit_zero",
}


def plain_check(args: list[str]) -> dict | None:
    """The arguments of `check` when `args` is `check`, then paths and flags only; else None.

    Typer would read such a command line the same way. Anything else (an option with a value,
    `-` for stdin, `--`, `--help`, another command) is left to typer, and so is Windows, where
    click expands wildcards in the arguments."""
    if len(args) < 2 or args[0] != "check" or os.name == "nt":
        return None
    kwargs: dict = {"paths": []}
    for arg in args[1:]:
        if arg.startswith("-"):
            if arg not in CHECK_FLAGS:
                return None
            kwargs[CHECK_FLAGS[arg]] = True
        else:
            kwargs["paths"].append(arg)
    return kwargs if kwargs["paths"] else None


def main() -> None:
    try:
        kwargs = plain_check(sys.argv[1:])
        if kwargs is not None:
            check(**kwargs)  # exits with the run's status
        from cablelint.app import app

        app()
    except KeyboardInterrupt:
        sys.stderr.write("cablelint: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
