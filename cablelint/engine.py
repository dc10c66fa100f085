"""Rules, diagnostics and the run: the registry every rule module adds itself to.

A rule is a function decorated with `@rule(code, name, severity, fixable=...)`; its docstring
is its documentation (`cablelint explain CODE`) and holds a failing and a passing example that
the test suite runs. It receives the Cable and the Context and yields Diagnostics.
"""

from __future__ import annotations

import inspect
import re
from datetime import date
from enum import IntEnum
from typing import Callable, Iterable

from cablelint.dates import era_of
from cablelint.model import Cable
from cablelint.records import maker, record
from cablelint.source import Source, Span


class Severity(IntEnum):
    INFO = 1
    WARNING = 2
    ERROR = 3

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> "Severity":
        return cls[text.upper()]


@record(frozen=True)
class Edit:
    """Replace the text of `span` with `text`."""

    span: Span
    text: str


@record(frozen=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]


@record(frozen=True)
class Diagnostic:
    code: str
    name: str
    severity: Severity
    span: Span
    message: str
    path: str = ""
    fix: Fix | None = None
    token: str = ""  # the marking token or number concerned; never document prose


# Every finding is one: a plain function makes it without going through the class's call.
_make_diagnostic = maker(Diagnostic)


@record(frozen=True)
class Rule:
    code: str
    name: str
    severity: Severity
    fixable: bool
    check: Callable[[Cable, "Context"], Iterable[Diagnostic]]

    @property
    def family(self) -> str:
        return re.match(r"[A-Z]+", self.code).group(0)

    @property
    def doc(self) -> str:
        return inspect.cleandoc(self.check.__doc__ or "")

    @property
    def summary(self) -> str:
        return self.doc.split("\n\n", 1)[0].replace("\n", " ")


REGISTRY: dict[str, Rule] = {}


def rule(code: str, name: str, severity: str, fixable: bool = False):
    """Register a rule function under its catalog code and name."""

    def wrap(func):
        if code in REGISTRY:
            raise ValueError(f"rule code {code} registered twice")
        REGISTRY[code] = Rule(code, name, Severity.parse(severity), fixable, func)
        func.code = code
        return func

    return wrap


def all_rules() -> dict[str, Rule]:
    import cablelint.rules  # noqa: F401  (registers every family)

    return REGISTRY


@record
class Context:
    """What a rule needs besides the cable: its date and era, and the source for spans."""

    source: Source
    cable_date: date | None
    date_source: str  # "dtg", "reference id", "as-of", "today"
    rule: Rule | None = None

    @property
    def era(self) -> str | None:
        return era_of(self.cable_date)

    def report(self, span: Span, message: str, fix: Fix | None = None, token: str = "",
               severity: Severity | None = None) -> Diagnostic:
        r = self.rule
        return _make_diagnostic(r.code, r.name, severity or r.severity, span, message,
                                self.source.path, fix, token)


def cable_date(cable: Cable, as_of: date | None) -> tuple[date | None, str]:
    """The date rules use: the DTG, else the reference id's year, else --as-of, else today."""
    if cable.header and cable.header.dtg_date:
        return cable.header.dtg_date, "dtg"
    if cable.reference_id:
        yy = int(cable.reference_id[:2])
        year = 1900 + yy if yy >= 60 else 2000 + yy
        return date(year, 7, 1), "reference id"
    if as_of:
        return as_of, "as-of"
    return date.today(), "today"


def run_rules(cable: Cable, source: Source, rules: Iterable[Rule], as_of: date | None = None,
              ) -> tuple[list[Diagnostic], list[str]]:
    """All diagnostics of the selected rules, in order of position; and internal errors."""
    when, how = cable_date(cable, as_of)
    ctx = Context(source, when, how)
    out: list[Diagnostic] = []
    errors: list[str] = []
    for r in rules:
        ctx.rule = r
        try:
            out.extend(r.check(cable, ctx) or ())
        except Exception as exc:  # a bug in one rule must not stop the others
            line = _traceback_line(exc)
            errors.append(f"{source.path}: internal error in rule {r.code} ({r.name}) at "
                          f"{line}: {type(exc).__name__}: {exc}")
    out.sort(key=lambda d: (d.span.start, d.code))
    return out, errors


def _traceback_line(exc: Exception) -> str:
    tb = exc.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    if last is None:
        return "?"
    return f"{last.tb_frame.f_code.co_filename.rsplit('/', 1)[-1]}:{last.tb_lineno}"


def select_rules(select: Iterable[str] | None = None, ignore: Iterable[str] = ()) -> list[Rule]:
    """Rules chosen by code, family prefix or name; unknown selectors raise ValueError."""
    rules = all_rules()
    chosen = set(rules) if not select else set()
    for sel in select or ():
        chosen |= _match(sel, rules)
    for sel in ignore:
        chosen -= _match(sel, rules)
    return [rules[c] for c in sorted(chosen)]


def _match(selector: str, rules: dict[str, Rule]) -> set[str]:
    sel = selector.strip()
    if sel.upper() == "ALL":
        return set(rules)
    hits = {c for c, r in rules.items() if c.startswith(sel.upper()) or r.name == sel.lower()}
    if not hits:
        raise ValueError(f"unknown rule or prefix {selector!r}{suggest(sel, rules)}")
    return hits


def suggest(word: str, rules: dict[str, Rule]) -> str:
    import difflib

    pool = list(rules) + [r.name for r in rules.values()] + sorted({r.family for r in rules.values()})
    close = difflib.get_close_matches(word.upper() if word[:1].isupper() else word, pool, n=1)
    if not close:
        close = difflib.get_close_matches(word.lower(), pool, n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def examples(r: Rule) -> dict[str, list[str]]:
    """The docstring's examples: blocks after "Fails::" and "Passes::" lines."""
    out: dict[str, list[str]] = {"fails": [], "passes": [], "fixed": []}
    doc = r.doc
    for m in re.finditer(r"^(Fails|Passes|Fixed)::\n\n((?:(?:    .*)?\n)+)", doc + "\n", re.M):
        block = "\n".join(line[4:] for line in m.group(2).rstrip("\n").split("\n")) + "\n"
        out[m.group(1).lower()].append(block)
    return out
