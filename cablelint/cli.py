"""The command line: wires read, parse, rules, report and fix together, and nothing else."""

# No `from __future__ import annotations` here: typer reads the options' annotations at every
# start, and string annotations would each be compiled and evaluated first.
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer
import typer.core

from cablelint import __version__


class _PassThrough:
    """Coerces an option to itself: a string, a list of strings, or a flag's bool."""

    def coerce(self, value, param, ctx):
        if param.multiple or param.nargs == -1:
            return list(value or ())
        return value


def _plain(params: list) -> list:
    """Recent typers build a pydantic TypeAdapter for each parameter on first use, and importing
    pydantic costs more than checking a cable. Every option here is a string, a list of strings
    or a flag, which the commands validate themselves, so a pass-through does the same work;
    typers without this machinery are left as they are."""
    for param in params:
        desc = getattr(param, "type_descriptor", None)
        if getattr(param, "_runtime_param", False) is None and desc is not None and \
                desc.annotation in (str, bool, List[str], list[str]):
            param._runtime_param = _PassThrough()
    return params


class Command(typer.core.TyperCommand):
    def get_params(self, ctx):
        return _plain(super().get_params(ctx))


class Group(typer.core.TyperGroup):
    def get_params(self, ctx):
        return _plain(super().get_params(ctx))


app = typer.Typer(
    cls=Group,
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Lint classification markings in diplomatic cables.",
)

FORMATS = ("full", "concise", "json", "sarif", "github", "junit")
SEVERITIES = ("error", "warning", "info")


def fail(message: str) -> None:
    sys.stderr.write(f"cablelint: error: {message}\n")
    raise typer.Exit(2)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cablelint {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Show the version and exit."),
) -> None:
    """Lint classification markings in diplomatic cables."""


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


def _split(values: Optional[List[str]]) -> list[str]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _pairs(values: Optional[List[str]], option: str, sep: str = ",") -> dict[str, str]:
    """`KEY=VALUE` options (`--severity PAR004=error`)."""
    out: dict[str, str] = {}
    for v in values or ():
        for item in (v.split(sep) if sep else [v]):
            key, eq, value = item.partition("=")
            if not eq or not key.strip() or not value.strip():
                fail(f"{option} expects KEY=VALUE, got {item!r}")
            out[key.strip()] = value.strip()
    return out


def _int(text: Optional[str], option: str, minimum: int = 0) -> Optional[int]:
    if text is None:
        return None
    try:
        value = int(text)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        fail(f"{option} expects a whole number of at least {minimum}, got {text!r}")
    return value


def _choice(text: Optional[str], option: str, choices: tuple[str, ...]) -> Optional[str]:
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
               stdin_filename: Optional[str] = None, jobs: int = 1,
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


SELECT_HELP = "Rule codes, prefixes or names to check (replaces the configured selection)."


@app.command(cls=Command)
def check(
    paths: List[str] = typer.Argument(..., metavar="PATHS", help="Cables or directories to check; - for stdin."),
    output_format: Optional[str] = typer.Option(
        None, "--format", metavar="FORMAT",
        help="full, concise, json, sarif, github or junit (default: github when GITHUB_ACTIONS is "
             "set, full on a terminal, else concise)."),
    output_file: Optional[str] = typer.Option(None, "--output-file", "-o", metavar="FILE", help="Write the report to this file."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes (numbering, typography)."),
    diff: bool = typer.Option(False, "--diff", help="Print the fixes as a unified diff; write nothing."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="RULES", help=SELECT_HELP),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", metavar="RULES", help="Rules to check as well."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULES", help="Rule codes, prefixes or names to skip."),
    severity: Optional[List[str]] = typer.Option(None, "--severity", metavar="RULE=LEVEL",
                                                 help="Override a rule's severity: PAR004=error."),
    per_file_ignores: Optional[List[str]] = typer.Option(None, "--per-file-ignores", metavar="GLOB=RULES",
                                                         help="Rules to skip in matching files."),
    include: Optional[List[str]] = typer.Option(None, "--include", metavar="GLOBS", help="Globs of cable file names."),
    exclude: Optional[List[str]] = typer.Option(None, "--exclude", metavar="GLOBS", help="Globs of paths to skip."),
    force_exclude: bool = typer.Option(False, "--force-exclude",
                                       help="Apply exclude to files named on the command line too."),
    config_file: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Use this configuration file for every path."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore configuration files."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="DATE", help="Date of an unsent draft (YYYY-MM-DD)."),
    show_text: bool = typer.Option(False, "--show-text", help="Include document text in machine formats."),
    statistics: bool = typer.Option(False, "--statistics", help="Count findings per rule instead of listing them."),
    fail_on: Optional[str] = typer.Option(None, "--fail-on", metavar="LEVEL",
                                          help="Exit 1 on findings at or above: error (default), warning, info."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    max_warnings: Optional[str] = typer.Option(None, "--max-warnings", metavar="N",
                                               help="Exit 1 when there are more than N warnings."),
    baseline: Optional[str] = typer.Option(None, "--baseline", metavar="FILE", help="Hide the findings recorded in this file."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", metavar="NAME", help="Name for text read from stdin."),
    jobs: Optional[str] = typer.Option(
        None, "--jobs", "-j", metavar="N",
        help="Worker processes (default: one per CPU for 64 files or more, else 1; 0 picks the same way)."),
) -> None:
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
        raise typer.Exit(status or (1 if diffs else 0))

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
        raise typer.Exit(status)
    raise typer.Exit(_findings_status(reported, fail_level, warnings_allowed))


def _findings_status(results: list, fail_level: str, max_warnings: Optional[int]) -> int:
    from cablelint.engine import Severity

    threshold = Severity.parse(fail_level)
    diags = [d for r in results for d in r.diagnostics]
    if any(d.severity >= threshold for d in diags):
        return 1
    if max_warnings is not None and sum(d.severity == Severity.WARNING for d in diags) > max_warnings:
        return 1
    return 0


def _write_report(results: list, fmt: str, out, output_file: Optional[str], show_text: bool,
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
    """Lines with their endings, split on "\n" only (str.splitlines also breaks at U+2028)."""
    out = text.split("\n")
    return [line + "\n" for line in out[:-1]] + ([out[-1]] if out[-1] else [])


def _unified(path: str, old: str, new: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(_lines(old), _lines(new),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


baseline_app = typer.Typer(cls=Group, no_args_is_help=True, help="Record findings to hide them on later runs.")
app.add_typer(baseline_app, name="baseline")


@baseline_app.command("write", cls=Command)
def baseline_write(
    file: str = typer.Argument(..., metavar="FILE", help="The baseline file to write (JSON)."),
    paths: Optional[List[str]] = typer.Argument(None, metavar="PATHS", help="Cables or directories (default: .)."),
    select: Optional[List[str]] = typer.Option(None, "--select", metavar="RULES", help=SELECT_HELP),
    extend_select: Optional[List[str]] = typer.Option(None, "--extend-select", metavar="RULES", help="Rules to check as well."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", metavar="RULES", help="Rule codes, prefixes or names to skip."),
    config_file: Optional[str] = typer.Option(None, "--config", metavar="FILE", help="Use this configuration file for every path."),
    isolated: bool = typer.Option(False, "--isolated", help="Ignore configuration files."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="DATE", help="Date of an unsent draft (YYYY-MM-DD)."),
) -> None:
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
    raise typer.Exit(2 if errors else status)


@app.command("rules", cls=Command)
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


@app.command(cls=Command)
def explain(code: str = typer.Argument(..., help="A rule code or name, e.g. PAR002.")) -> None:
    """Print a rule's documentation."""
    from cablelint.engine import all_rules, suggest

    rules = all_rules()
    r = rules.get(code.upper()) or next((x for x in rules.values() if x.name == code.lower()), None)
    if r is None:
        fail(f"unknown rule {code!r}{suggest(code, rules)}")
    sys.stdout.write(f"{r.code} {r.name} ({r.severity.label}{', fixable' if r.fixable else ''})\n\n")
    sys.stdout.write(r.doc + "\n")


@app.command(cls=Command)
def parse(
    paths: List[str] = typer.Argument(..., metavar="PATHS", help="Cables or directories; - for stdin."),
    output_format: str = typer.Option("json", "--format", metavar="FORMAT", help="Output format: json."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="DATE", help="Date of an unsent draft (YYYY-MM-DD)."),
) -> None:
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
    raise typer.Exit(status)


def main() -> None:
    try:
        app()
    except KeyboardInterrupt:
        sys.stderr.write("cablelint: interrupted\n")
        sys.exit(130)
    except BrokenPipeError:
        sys.exit(1)
