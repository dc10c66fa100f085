"""The command line: wires read, parse, rules, report and fix together, and nothing else."""

from __future__ import annotations

import os
import sys
from datetime import date
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from cablelint import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    help="Lint classification markings in diplomatic cables.",
)

DEFAULT_INCLUDE = ("*.txt", "*.cable", "*.tel")


class OutputFormat(str, Enum):
    full = "full"
    concise = "concise"
    json = "json"


class ParseFormat(str, Enum):
    json = "json"


class UsageError(Exception):
    """A mistake of the user's: one line on stderr, exit status 2."""


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


def discover(paths: list[str]) -> tuple[list[str], list[str]]:
    """Files to check, in a stable order; and one-line errors for paths that cannot be used."""
    import fnmatch

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
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in names:
                    if any(fnmatch.fnmatch(name, pat) for pat in DEFAULT_INCLUDE):
                        found.append(os.path.join(root, name))
            files.extend(sorted(found))
        elif path.exists() or path.is_symlink():
            files.append(p)
        else:
            errors.append(f"{p}: no such file or directory")
    return files, errors


def _parse_date(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        fail(f"{option} expects a date as YYYY-MM-DD, got {text!r}")


@app.command()
def check(
    paths: List[str] = typer.Argument(..., help="Cables or directories to check; - for stdin."),
    output_format: Optional[OutputFormat] = typer.Option(
        None, "--format", help="Output format (default: full on a terminal, else concise)."),
    fix: bool = typer.Option(False, "--fix", help="Apply safe fixes (numbering, typography)."),
    diff: bool = typer.Option(False, "--diff", help="Print the fixes as a unified diff; write nothing."),
    select: Optional[List[str]] = typer.Option(None, "--select", help="Rule codes, prefixes or names."),
    ignore: Optional[List[str]] = typer.Option(None, "--ignore", help="Rule codes, prefixes or names to skip."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date of an unsent draft (YYYY-MM-DD)."),
    show_text: bool = typer.Option(False, "--show-text", help="Include document text in json output."),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="Exit 0 even when there are findings."),
    stdin_filename: Optional[str] = typer.Option(None, "--stdin-filename", help="Name for text read from stdin."),
) -> None:
    """Check cables and report findings."""
    from cablelint import report
    from cablelint.engine import select_rules
    from cablelint.runner import Options, run

    when = _parse_date(as_of, "--as-of")
    try:
        rules = select_rules(_split(select), _split(ignore))
    except ValueError as exc:
        fail(str(exc))
    files, errors = discover(paths)
    status = 0
    for e in errors:
        sys.stderr.write(f"cablelint: error: {e}\n")
        status = 2
    fmt = output_format or (OutputFormat.full if sys.stdout.isatty() else OutputFormat.concise)
    opts = Options(rules=tuple(rules), as_of=when, fix=fix or diff, write=fix and not diff,
                   stdin_filename=stdin_filename)
    results = []
    diffs = []
    for result in run(files, opts):
        if result.read_error:
            sys.stderr.write(f"cablelint: error: {result.read_error}\n")
            status = 2
            results.append(result)  # its SRC002 finding goes to the report too
            continue
        if result.fixed_text is not None:
            if diff:
                diffs.append(_unified(result.source.path, result.original_text, result.fixed_text))
            elif result.source.path == "-" or (stdin_filename and result.source.path == stdin_filename):
                sys.stdout.write(result.fixed_text)
                continue
        for e in result.internal_errors:
            sys.stderr.write(f"cablelint: {e}\n")
            status = 2
        results.append(result)
    out = sys.stdout
    if diff:
        out.write("".join(diffs))
    elif fmt is OutputFormat.json:
        report.json_report(results, out, show_text=show_text)
    else:
        if fmt is OutputFormat.full:
            report.full(results, out, color=out.isatty() or None)
        else:
            report.concise(results, out)
        fixed = sum(r.fixes_applied for r in results) if fix else 0
        if fmt is OutputFormat.full or fixed:
            sys.stderr.write(report.summary_line(results, fixed) + "\n")
    findings = any(r.diagnostics for r in results)
    if status == 0 and findings and not exit_zero and not diff:
        status = 1
    raise typer.Exit(status)


def _split(values: Optional[List[str]]) -> list[str]:
    out: list[str] = []
    for v in values or ():
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


def _unified(path: str, old: str, new: str) -> str:
    import difflib

    return "".join(difflib.unified_diff(old.splitlines(True), new.splitlines(True),
                                        fromfile=f"a/{path}", tofile=f"b/{path}"))


@app.command("rules")
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


@app.command()
def explain(code: str = typer.Argument(..., help="A rule code or name, e.g. PAR002.")) -> None:
    """Print a rule's documentation."""
    from cablelint.engine import all_rules, suggest

    rules = all_rules()
    r = rules.get(code.upper()) or next((x for x in rules.values() if x.name == code.lower()), None)
    if r is None:
        fail(f"unknown rule {code!r}{suggest(code, rules)}")
    sys.stdout.write(f"{r.code} {r.name} ({r.severity.label}{', fixable' if r.fixable else ''})\n\n")
    sys.stdout.write(r.doc + "\n")


@app.command()
def parse(
    paths: List[str] = typer.Argument(..., help="Cables or directories; - for stdin."),
    output_format: ParseFormat = typer.Option(ParseFormat.json, "--format", help="Output format."),
    as_of: Optional[str] = typer.Option(None, "--as-of", help="Date of an unsent draft (YYYY-MM-DD)."),
) -> None:
    """Print the parsed model of each cable, one JSON object a line."""
    import json

    from cablelint.modeljson import cable_json
    from cablelint.parse import parse_source
    from cablelint.source import ReadError, read_path

    when = _parse_date(as_of, "--as-of")
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
