"""Baselines: findings recorded by fingerprint, hidden on later runs.

A fingerprint is (path, code, a hash of the normalized offending text, occurrence index), so
moving lines does not invalidate it, and the file holds no document text in the clear.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from cablelint.config import ConfigError
from cablelint.records import record

BASELINE_VERSION = 1


def text_hash(code: str, text: str) -> str:
    """A hash of the offending text with its whitespace collapsed, salted with the code."""
    normalized = " ".join(text.split())
    return hashlib.sha256(f"{code}\x1f{normalized}".encode("utf-8")).hexdigest()[:24]


def fingerprints(diagnostics, text: str) -> list[tuple[str, str, int]]:
    """(code, text hash, occurrence) of each diagnostic, in order: the n-th finding of the
    same code on the same text in one file has occurrence n."""
    seen: dict[tuple[str, str], int] = {}
    out = []
    for d in diagnostics:
        key = (d.code, text_hash(d.code, text[d.span.start:d.span.end]))
        n = seen.get(key, 0)
        seen[key] = n + 1
        out.append((key[0], key[1], n))
    return out


def _relative(path: str, base: Path) -> str:
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return absolute.as_posix()


@record(frozen=True)
class Entry:
    path: str
    code: str
    hash: str
    occurrence: int


def entries(results, base: Path) -> list[Entry]:
    out = []
    for r in results:
        rel = _relative(r.source.path, base)
        for code, h, n in fingerprints(r.diagnostics, r.source.text):
            out.append(Entry(rel, code, h, n))
    return out


def write(path: Path, results) -> int:
    """Record every finding of `results`; returns how many. Written atomically."""
    import tempfile

    base = Path(os.path.abspath(path)).parent
    rows = sorted(entries(results, base), key=lambda e: (e.path, e.code, e.hash, e.occurrence))
    doc = {"version": BASELINE_VERSION, "tool": "cablelint",
           "findings": [{"path": e.path, "code": e.code, "hash": e.hash, "occurrence": e.occurrence}
                        for e in rows]}
    fd, tmp = tempfile.mkstemp(dir=str(base), prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, indent=1)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return len(rows)


class Baseline:
    """Recorded fingerprints; `filter` hides them, `stale` lists those no longer found."""

    def __init__(self, path: Path):
        self.path = path
        self.base = Path(os.path.abspath(path)).parent
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            rows = doc["findings"]
            if doc.get("version") != BASELINE_VERSION:
                raise ConfigError(f"{path}: baseline version {doc.get('version')!r} is not "
                                  f"{BASELINE_VERSION}; write it again with `cablelint baseline write`")
            self.entries = {Entry(r["path"], r["code"], r["hash"], int(r["occurrence"])) for r in rows}
        except FileNotFoundError:
            raise ConfigError(f"{path}: no such baseline file") from None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}: not a cablelint baseline ({type(exc).__name__}: {exc})") from None
        self.matched: set[Entry] = set()
        self.checked: set[str] = set()

    def filter(self, result) -> int:
        """Drop the recorded findings from `result.diagnostics`; returns how many."""
        rel = _relative(result.source.path, self.base)
        self.checked.add(rel)
        kept = []
        for d, (code, h, n) in zip(result.diagnostics, fingerprints(result.diagnostics, result.source.text)):
            entry = Entry(rel, code, h, n)
            if entry in self.entries:
                self.matched.add(entry)
            else:
                kept.append(d)
        hidden = len(result.diagnostics) - len(kept)
        result.diagnostics = kept
        return hidden

    def stale(self) -> list[Entry]:
        """Entries for files checked in this run that no finding matched any more."""
        return sorted((e for e in self.entries - self.matched if e.path in self.checked),
                      key=lambda e: (e.path, e.code, e.occurrence))
