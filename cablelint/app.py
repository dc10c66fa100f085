"""The typer application: each command's arguments, options and help.

Each command hands its arguments, as given, to the function of the same name in cli.py, which
does the work; `cablelint.cli.main` runs this application (and `cablelint check PATHS` with
no options or only flags without typer, see cli.py).
"""

# No `from __future__ import annotations` here: typer reads the options' annotations at every
# start, and string annotations would each be compiled and evaluated first.
import sys
from typing import List, Optional

import typer
import typer.core

from cablelint import __version__, cli


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

SELECT_HELP = "Rule codes, prefixes or names to check (replaces the configured selection)."


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
        help="Processes checking files at once (default: one per CPU for 64 files or more, else 1; "
             "0 picks the same way)."),
) -> None:
    """Check cables and report findings."""
    cli.check(**locals())


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
    cli.baseline_write(**locals())


@app.command("rules", cls=Command)
def list_rules() -> None:
    """List every rule: code, name, default severity, fixable."""
    cli.list_rules()


@app.command(cls=Command)
def explain(code: str = typer.Argument(..., help="A rule code or name, e.g. PAR002.")) -> None:
    """Print a rule's documentation."""
    cli.explain(**locals())


@app.command(cls=Command)
def parse(
    paths: List[str] = typer.Argument(..., metavar="PATHS", help="Cables or directories; - for stdin."),
    output_format: str = typer.Option("json", "--format", metavar="FORMAT", help="Output format: json."),
    as_of: Optional[str] = typer.Option(None, "--as-of", metavar="DATE", help="Date of an unsent draft (YYYY-MM-DD)."),
) -> None:
    """Print the parsed model of each cable, one JSON object a line."""
    cli.parse(**locals())
