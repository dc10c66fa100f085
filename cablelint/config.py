"""Configuration: `[tool.cablelint]` in pyproject.toml, or cablelint.toml / .cablelint.toml.

The file closest to each checked file wins; `extend = "path"` inherits from another file, and
options given on the command line win over both. Files are parsed with `tomllib` and nothing
named in them is ever imported or executed. Parsing happens only when a file exists.
"""

from __future__ import annotations

import fnmatch
import os
from datetime import date
from pathlib import Path
from typing import Iterable

from cablelint.engine import Diagnostic, Rule, Severity, all_rules, select_rules
from cablelint.records import field, record, replace

CONFIG_NAMES = ("cablelint.toml", ".cablelint.toml", "pyproject.toml")
DEFAULT_INCLUDE = ("*.txt", "*.cable", "*.tel")

# Every key a configuration file may hold, with its documentation (the README's reference
# table is checked against this by the test suite).
KEYS: dict[str, str] = {
    "select": "Rules to check: codes (`PAR002`), family prefixes (`PAR`), names (`pilcrow-slip`) "
              "or `ALL`. Replaces the selection inherited so far (default: every rule).",
    "extend-select": "Rules to check in addition to the selection.",
    "ignore": "Rules not to check.",
    "severity": "A table of rule (code, prefix or name) to `error`, `warning` or `info`, "
                "overriding the default severity.",
    "per-file-ignores": "A table of glob to a list of rules not to check in the files it matches.",
    "include": "Globs of the file names (or, with a slash, paths) taken as cables when a "
               "directory is walked (default `*.txt`, `*.cable`, `*.tel`).",
    "exclude": "Globs of files and directories skipped when a directory is walked.",
    "as-of": "The date of unsent drafts (`2026-11-27`), for cables without a date of their own.",
    "extend": "Another configuration file to inherit from; keys in this file win.",
}
SEVERITY_VALUES = ("error", "warning", "info")


class ConfigError(Exception):
    """A mistake in a configuration file or option: one line for the user."""


def did_you_mean(word: str, pool: Iterable[str]) -> str:
    import difflib

    close = difflib.get_close_matches(word, list(pool), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


@record(frozen=True)
class Selection:
    """One layer of rule selection: a file, or the command line."""

    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


@record(frozen=True)
class Config:
    """The settings for the files under one configuration file (or none)."""

    path: Path | None = None  # where it came from
    root: Path = field(default_factory=Path.cwd)  # globs are relative to this directory
    layers: tuple[Selection, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[Path, str, tuple[str, ...]], ...] = ()  # (root, glob, rules)
    include: tuple[str, ...] | None = None
    exclude: tuple[tuple[Path, str], ...] = ()
    as_of: date | None = None

    def merged(self, over: "Config") -> "Config":
        """This configuration with `over` (a child file or the command line) on top."""
        return Config(
            path=over.path or self.path,
            root=over.root if over.path else self.root,
            layers=self.layers + over.layers,
            severity=self.severity + over.severity,
            per_file_ignores=self.per_file_ignores + over.per_file_ignores,
            include=over.include if over.include is not None else self.include,
            exclude=self.exclude + over.exclude,
            as_of=over.as_of or self.as_of,
        )


@record(frozen=True)
class FileSettings:
    rules: tuple[Rule, ...]
    severity: tuple[tuple[str, Severity], ...]
    as_of: date | None


def _codes(selectors: Iterable[str]) -> set[str]:
    return {r.code for r in select_rules(list(selectors))} if selectors else set()


def _check_selectors(values, where: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ConfigError(f"{where}: expected a list of rule codes, prefixes or names")
    out = tuple(v.strip() for v in values if v.strip())
    for v in out:
        try:
            select_rules([v])
        except ValueError as exc:
            raise ConfigError(f"{where}: {exc}") from None
    return out


def _check_severity(table, where: str) -> tuple[tuple[str, str], ...]:
    if not isinstance(table, dict):
        raise ConfigError(f"{where}: expected a table of rule = \"error\" | \"warning\" | \"info\"")
    out = []
    for key, value in table.items():
        _check_selectors([key], where)
        if not isinstance(value, str) or value.lower() not in SEVERITY_VALUES:
            raise ConfigError(f"{where}: {key} = {value!r}: expected one of error, warning, info"
                              f"{did_you_mean(str(value).lower(), SEVERITY_VALUES)}")
        out.append((key, value.lower()))
    return tuple(out)


def _check_globs(values, where: str) -> tuple[str, ...]:
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        raise ConfigError(f"{where}: expected a list of globs")
    return tuple(values)


def parse_date(value, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ConfigError(f"{where} expects a date as YYYY-MM-DD, got {value!r}") from None


def from_table(table: dict, root: Path, where: str, path: Path | None = None) -> Config:
    """A Config from one table of options: a file's, or (with `where` "") the command line's,
    whose errors then name the option (`--select`)."""
    def label(key: str) -> str:
        return f"{where}: {key}" if where else f"--{key}"

    for key in table:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key {key!r}{did_you_mean(key, KEYS)}")
    pfi = table.get("per-file-ignores", {})
    if not isinstance(pfi, dict):
        raise ConfigError(f"{label('per-file-ignores')}: expected a table of glob = [rules]")
    layer = Selection(
        select=_check_selectors(table["select"], label("select")) if "select" in table else None,
        extend_select=_check_selectors(table.get("extend-select", []), label("extend-select")),
        ignore=_check_selectors(table.get("ignore", []), label("ignore")),
    )
    return Config(
        path=path,
        root=root,
        layers=(layer,),
        severity=_check_severity(table.get("severity", {}), label("severity")),
        per_file_ignores=tuple((root, glob, _check_selectors(codes, label("per-file-ignores")))
                               for glob, codes in pfi.items()),
        include=_check_globs(table["include"], label("include")) if "include" in table else None,
        exclude=tuple((root, g) for g in _check_globs(table.get("exclude", []), label("exclude"))),
        as_of=parse_date(table["as-of"], label("as-of")) if "as-of" in table else None,
    )


def _read_table(path: Path) -> dict | None:
    """The cablelint table of a file; None for a pyproject.toml without one."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    if path.name == "pyproject.toml" and "[tool.cablelint" not in text:
        return None
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    if path.name == "pyproject.toml":
        table = doc.get("tool", {}).get("cablelint")
        return table if isinstance(table, dict) else None
    return doc


def load(path: Path, _seen: tuple[Path, ...] = ()) -> Config | None:
    """The configuration of one file, with what it extends underneath."""
    path = path.resolve()
    if path in _seen:
        raise ConfigError(f"{path}: extend makes a cycle")
    table = _read_table(path)
    if table is None:
        return None
    where = f"{path}" + (" [tool.cablelint]" if path.name == "pyproject.toml" else "")
    own = from_table({k: v for k, v in table.items() if k != "extend"}, path.parent, where, path)
    if "extend" not in table:
        return own
    if not isinstance(table["extend"], str):
        raise ConfigError(f"{where}: extend: expected a path")
    parent_path = path.parent / os.path.expanduser(table["extend"])
    if not parent_path.is_file():
        raise ConfigError(f"{where}: extend: {table['extend']}: no such file")
    parent = load(parent_path, _seen + (path,))
    if parent is None:
        raise ConfigError(f"{where}: extend: {table['extend']}: no [tool.cablelint] table")
    return parent.merged(own)


class Resolver:
    """Finds the configuration of each file (closest file wins) and its settings."""

    def __init__(self, cli: Config, config_file: Path | None = None, isolated: bool = False):
        self.cli = cli
        self.isolated = isolated
        self.fixed: Config | None = None
        if config_file is not None:
            if not config_file.is_file():
                raise ConfigError(f"{config_file}: no such configuration file")
            self.fixed = load(config_file) or Config(path=config_file.resolve(),
                                                     root=config_file.resolve().parent)
        self._by_dir: dict[Path, Config] = {}
        self._settings: dict[tuple, FileSettings] = {}

    def config_for(self, path: str) -> Config:
        """The configuration for a path, command-line options on top."""
        if self.fixed is not None:
            base = self.fixed
        elif self.isolated:
            base = Config()
        else:
            base = self._closest(Path(os.path.abspath(path)).parent)
        return base.merged(self.cli)

    def _closest(self, directory: Path) -> Config:
        if directory in self._by_dir:
            return self._by_dir[directory]
        found = None
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                found = load(candidate)
                if found is not None:
                    break
        if found is None:
            found = Config() if directory.parent == directory else self._closest(directory.parent)
        self._by_dir[directory] = found
        return found

    def settings_for(self, path: str) -> FileSettings:
        """The rules, severity overrides and draft date for one file."""
        config = self.config_for(path)
        ignored = tuple(codes for root, glob, codes in config.per_file_ignores
                        if matches(path, root, glob))
        key = (config.layers, config.severity, ignored, config.as_of)
        if key not in self._settings:
            chosen = resolve_selection(config.layers)
            for codes in ignored:
                chosen -= _codes(codes)
            rules = all_rules()
            severity = []
            for selector, level in config.severity:
                severity.extend((code, Severity.parse(level)) for code in sorted(_codes([selector])))
            self._settings[key] = FileSettings(tuple(rules[c] for c in sorted(chosen)),
                                               tuple(severity), config.as_of)
        return self._settings[key]

    def is_cable(self, path: str) -> bool:
        """Whether a file met while walking a directory is checked (include / exclude)."""
        config = self.config_for(path)
        name = os.path.basename(path)
        include = config.include if config.include is not None else DEFAULT_INCLUDE
        if not any(fnmatch.fnmatch(name, pat) or ("/" in pat and matches(path, config.root, pat))
                   for pat in include):
            return False
        return not self.is_excluded(path, config)

    def is_excluded(self, path: str, config: Config | None = None) -> bool:
        config = config or self.config_for(os.path.join(path, "x"))
        return any(matches(path, root, glob) for root, glob in config.exclude)


def resolve_selection(layers: Iterable[Selection]) -> set[str]:
    """Apply the layers in order: a `select` starts afresh, then extend-select, then ignore."""
    chosen = set(all_rules())
    for layer in layers:
        if layer.select is not None:
            chosen = _codes(layer.select)
        chosen |= _codes(layer.extend_select)
        chosen -= _codes(layer.ignore)
    return chosen


def matches(path: str, root: Path, glob: str) -> bool:
    """A glob matches the path relative to `root`, or (without a slash) any of its parts."""
    absolute = Path(os.path.abspath(path))
    try:
        rel = absolute.relative_to(root).as_posix()
    except ValueError:
        rel = Path(path).as_posix()
    if fnmatch.fnmatch(rel, glob) or fnmatch.fnmatch(rel, glob.rstrip("/") + "/*"):
        return True
    if "/" not in glob.rstrip("/"):
        return any(fnmatch.fnmatch(part, glob.rstrip("/")) for part in Path(rel).parts)
    return False


def apply_severity(diags: list[Diagnostic], overrides: tuple[tuple[str, Severity], ...]) -> list[Diagnostic]:
    """Diagnostics with the configured severities (the later setting for a code wins)."""
    if not overrides:
        return diags
    table = dict(overrides)
    return [replace(d, severity=table[d.code]) if d.code in table and table[d.code] != d.severity else d
            for d in diags]
