"""Run the pipeline over many paths: one Result per file, in the order given.

Each file is read, linted (or fixed) and, with `write=True`, written back atomically. A file
that cannot be read yields a Result with `read_error` set and no cable.

With `jobs` above 1 the files are checked in worker processes, a chunk of paths at a time;
the results still come back in the order given and are identical to a serial run. Only a
bounded number of chunks is in flight, so memory does not grow with the number of files.
"""

from __future__ import annotations

import os
from collections import deque
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator

from cablelint.engine import Rule, _traceback_line
from cablelint.lint import Result, fix, lint, unreadable
from cablelint.records import record, replace
from cablelint.source import ReadError, Source, encode, read_path

# Below this many files a pool costs more than it saves: measured on 2 CPUs, starting two
# workers costs 15-20 ms, and 64 corpus cables take about 0.14 s serially or in parallel.
PARALLEL_MIN_FILES = 64
CHUNK_MAX = 16  # paths per task: large enough to amortise the round trip, small enough to balance
IN_FLIGHT_PER_JOB = 3  # chunks queued per worker; bounds the results held in memory


@record(frozen=True)
class Options:
    rules: tuple[Rule, ...]
    as_of: date | None = None
    fix: bool = False  # compute fixes (with `write` also write them back)
    write: bool = False
    stdin_filename: str | None = None
    jobs: int = 1  # worker processes (0: pick from the number of files); order is kept
    keep_cable: bool = False  # keep the parsed model in each Result (costly to hold and to ship)
    keep_text: bool = True  # keep the text in each Result's source (reports that quote lines need it)


def available_cpus() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def default_jobs(n_files: int) -> int:
    """Workers for a run over `n_files`: serial for a few files, one per CPU for many."""
    if n_files < PARALLEL_MIN_FILES:
        return 1
    return max(1, min(available_cpus(), n_files // (PARALLEL_MIN_FILES // 2)))


def lint_path(path: str, opts: Options) -> Result:
    """One file through read -> parse -> rules (-> fix -> atomic write)."""
    try:
        src = read_path(path)
    except ReadError as exc:
        return unreadable(path, str(exc), list(opts.rules))
    if path == "-" and opts.stdin_filename:
        src.path = opts.stdin_filename
    try:
        if not opts.fix:
            return lint(src, list(opts.rules), opts.as_of)
        result = fix(src, list(opts.rules), opts.as_of)
    except Exception as exc:  # a bug in the parser: report it, and go on with the other files
        return Result(source=src, cable=None, diagnostics=[], internal_errors=[
            f"{src.path}: internal error while parsing at {_traceback_line(exc)}: "
            f"{type(exc).__name__}: {exc}"])
    result.original_text = src.text
    if opts.write and result.fixed_text is not None and path != "-":
        try:
            write_atomic(path, src, result.fixed_text)
        except (OSError, UnicodeEncodeError) as exc:
            # the file keeps its findings: report those of the text on disk, not the fixed one
            result = lint(src, list(opts.rules), opts.as_of)
            result.read_error = f"{path}: cannot write the fixed file ({_reason(exc)}); left unchanged"
    return result


def _reason(exc: Exception) -> str:
    if isinstance(exc, UnicodeEncodeError):
        return f"{exc.object[exc.start:exc.end]!r} cannot be written in {exc.encoding}"
    return exc.strerror or str(exc)


def run(paths: Iterable[str], opts: Options) -> Iterator[Result]:
    """Results for `paths`, in the order given, serially or in `opts.jobs` worker processes."""
    paths = list(paths)
    jobs = opts.jobs if opts.jobs > 0 else default_jobs(len(paths))
    jobs = min(jobs, len(paths))
    # Standard input belongs to this process; a run that reads it stays serial. So does a
    # run that writes one file twice (named twice, or through a link): in order, the second
    # check sees the first one's fix instead of racing it.
    if jobs <= 1 or "-" in paths or (opts.write and _repeats_a_file(paths)):
        for p in paths:
            yield _finish(lint_path(p, opts), opts)
        return
    yield from _run_parallel(paths, opts, jobs)


def _repeats_a_file(paths: list[str]) -> bool:
    return len({os.path.realpath(p) for p in paths}) < len(paths)


def _finish(result: Result, opts: Options) -> Result:
    """Drop what the caller does not need before the result is held or sent between processes."""
    if not opts.keep_cable and result.cable is not None:
        result.cable = None
    if not opts.keep_text and result.source.text:
        result.source = Source(path=result.source.path, text="")
        result.original_text = None
    return result


# ---------------------------------------------------------------- worker processes

_WORKER_OPTS: Options | None = None


def _init_worker(opts: Options) -> None:
    """Runs once per worker: build the parsers here, not per file; leave Ctrl-C to the parent."""
    import signal

    from cablelint.grammars import parser

    global _WORKER_OPTS
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a write in progress finishes; the parent stops
    _WORKER_OPTS = opts
    parser("marking")
    parser("cable")


def _check_chunk(paths: list[str]) -> list[Result]:
    opts = _WORKER_OPTS
    return [_finish(lint_path(p, opts), opts) for p in paths]


# A made-up cable with one line of each kind the parser reads.
_WARM_UP_TEXT = """\
VZCZCXYZ0001
PP RUEHXX
DE RUEHXX #0001/01 0011200
ZNY SSSSS ZZH
P 011200Z JAN 09
FM AMEMBASSY EXAMPLE
TO RUEHC/SECSTATE WASHDC PRIORITY 0001
INFO RUEHYY/AMEMBASSY OTHER PRIORITY 0002
BT
S E C R E T SECTION 01 OF 02 EXAMPLE 000001

NOFORN
SIPDIS

E.O. 12958: DECL: 01/01/2019
TAGS: PREL PGOV [XX](#) OVIP (DOE, JOHN)
SUBJECT: (C) A SUBJECT LINE
REF: A. EXAMPLE 12 B. STATE 34

Classified By: A. Officer, Political Section; reasons 1.4 (b) and (d).

1. (S/NF) Summary: A paragraph, see para 2 and ref A. End Summary.
2. (C) Another paragraph.
EXAMPLE 00000001 002 OF 002
3. (SBU) Comment: a last one. End Comment.
"""


def _warm_up(opts: Options) -> None:
    """Check a small made-up cable, so that what is built on first use (the lexer's scanners,
    compiled patterns, cached marks) is built once before the workers are forked."""
    try:
        lint(Source(path="warm-up.txt", text=_WARM_UP_TEXT), list(opts.rules), opts.as_of)
    except Exception:
        pass  # a bug shows when the real files are checked, with its file named


def _chunks(paths: list[str], jobs: int) -> list[list[str]]:
    size = max(1, min(CHUNK_MAX, len(paths) // (jobs * 8)))
    return [paths[i:i + size] for i in range(0, len(paths), size)]


def _mp_context():
    """fork where it is safe (Linux, one thread): workers start at once, parsers inherited."""
    import multiprocessing
    import sys
    import threading

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


def _run_parallel(paths: list[str], opts: Options, jobs: int) -> Iterator[Result]:
    from concurrent.futures import ProcessPoolExecutor
    from concurrent.futures.process import BrokenProcessPool

    ctx = _mp_context()
    if ctx.get_start_method() == "fork":
        _warm_up(opts)  # done once here, inherited by every forked worker
    chunks = deque(_chunks(paths, jobs))
    pending: deque = deque()
    executor = ProcessPoolExecutor(max_workers=jobs, mp_context=ctx, initializer=_init_worker,
                                   initargs=(replace(opts, jobs=1),))
    try:
        while chunks or pending:
            try:
                while chunks and len(pending) < jobs * IN_FLIGHT_PER_JOB:
                    pending.append((chunks[0], executor.submit(_check_chunk, chunks[0])))
                    chunks.popleft()
                results = pending[0][1].result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory); the pool refuses all further work.
                # Check what has not been reported yet here, in order.
                executor.shutdown(wait=False, cancel_futures=True)
                rest = [p for c, _ in pending for p in c] + [p for c in chunks for p in c]
                pending.clear()
                chunks.clear()
                for p in rest:
                    yield _finish(lint_path(p, opts), opts)
                return
            pending.popleft()
            yield from results
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- writing fixes


class LinkedFileError(OSError):
    """The file has other hard links, which a replaced file would no longer share."""

    def __init__(self, links: int) -> None:
        super().__init__(f"{links} hard links")
        self.strerror = (f"it has {links} hard links, and replacing it would leave the old text "
                         f"under the other names")


class FileChangedError(OSError):
    """The file on disk is no longer the one that was read and fixed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.strerror = "changed since it was read"


def write_atomic(path: str, src: Source, text: str) -> None:
    """Write through a temporary file in the same directory, fsync, then rename.

    The target's permission bits (and, where allowed, owner) are kept; a symbolic link is
    followed so the link stays a link; a file changed by someone else since it was read is
    left alone, and so is a file with more than one hard link (the rename would give this name
    the fixed text and leave the old one under the others). On any failure the original file
    is untouched and the temporary file is removed.
    """
    import tempfile

    data = encode(src, text)
    target = Path(os.path.realpath(path))
    st = target.stat()
    if st.st_nlink > 1:
        raise LinkedFileError(st.st_nlink)
    fd, tmp = tempfile.mkstemp(dir=str(target.parent), prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if hasattr(os, "chown") and (st.st_uid, st.st_gid) != (os.getuid(), os.getgid()):
            try:
                os.chown(tmp, st.st_uid, st.st_gid)
            except PermissionError:
                pass  # only root (or the owner, for its groups) may; the bits are kept regardless
        os.chmod(tmp, st.st_mode & 0o7777)
        now = target.stat()  # as late as possible: the window for a concurrent edit is small
        if src.stamp is not None and src.stamp != (now.st_size, now.st_mtime_ns):
            raise FileChangedError(f"{path} changed since it was read")
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(directory: Path) -> None:
    """Make the rename itself durable; not every platform can open a directory."""
    try:
        fd = os.open(str(directory), os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
