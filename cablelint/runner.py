"""Run the pipeline over many paths: one Result per file, in the order given.

Each file is read, linted (or fixed) and, with `write=True`, written back atomically. A file
that cannot be read yields a Result with `read_error` set and no cable.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from cablelint.engine import Rule
from cablelint.lint import Result, fix, lint, unreadable
from cablelint.source import ReadError, Source, encode, read_path


@dataclass(frozen=True, slots=True)
class Options:
    rules: tuple[Rule, ...]
    as_of: date | None = None
    fix: bool = False  # compute fixes (with `write` also write them back)
    write: bool = False
    stdin_filename: str | None = None
    jobs: int = 1  # worker processes; results still come back in the order given


def lint_path(path: str, opts: Options) -> Result:
    """One file through read -> parse -> rules (-> fix -> atomic write)."""
    try:
        src = read_path(path)
    except ReadError as exc:
        return unreadable(path, str(exc), list(opts.rules))
    if path == "-" and opts.stdin_filename:
        src.path = opts.stdin_filename
    if not opts.fix:
        return lint(src, list(opts.rules), opts.as_of)
    result = fix(src, list(opts.rules), opts.as_of)
    result.original_text = src.text
    if opts.write and result.fixed_text is not None and path != "-":
        write_atomic(path, src, result.fixed_text)
    return result


def run(paths: Iterable[str], opts: Options) -> Iterator[Result]:
    """Results for `paths`, in order (serial for now; `opts.jobs` is reserved for workers)."""
    for p in paths:
        yield lint_path(p, opts)


def write_atomic(path: str, src: Source, text: str) -> None:
    """Write through a temporary file in the same directory, fsync, then rename."""
    import tempfile

    data = encode(src, text)
    target = Path(path)
    mode = target.stat().st_mode & 0o7777
    fd, tmp = tempfile.mkstemp(dir=str(target.parent), prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
