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

# Below this many files a run stays serial. Measured on 2 CPUs in a warm process, corpus
# cables took 0.011 s serially and 0.016 s with jobs 2 for 16 files, 0.027 and 0.021 s for 32,
# 0.060 and 0.032 s for 64; a command's own start-up (about 0.1 s) is larger than the gain.
PARALLEL_MIN_FILES = 64
CHUNK_MAX = 64  # paths per chunk at most: enough to amortise a round trip
CHUNK_SHARE = 3  # a chunk is at most 1/(jobs * CHUNK_SHARE) of the paths not yet given out
IN_FLIGHT_PER_JOB = 3  # chunks sent ahead to each worker, so that it never waits for the next
HELD_PER_JOB = 8  # chunks out or waiting to be yielded, per process; bounds the memory held


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


def _chunks(paths: list[str], jobs: int) -> list[list[str]]:
    """Chunks that shrink as the run goes: few round trips while much is left, and little to
    wait for at the end (each is a share of what remains, at most CHUNK_MAX paths)."""
    chunks = []
    i = 0
    while i < len(paths):
        size = max(1, min(CHUNK_MAX, (len(paths) - i) // (jobs * CHUNK_SHARE)))
        chunks.append(paths[i:i + size])
        i += size
    return chunks


def _check_here(paths: list[str], opts: Options) -> list[Result]:
    return [_finish(lint_path(p, opts), opts) for p in paths]


def _worker(conn, chunks: list[list[str]], opts: Options) -> None:
    """A worker process: check the chunks whose numbers arrive on `conn`, send back the results.

    Builds the parsers once (inherited when forked); leaves Ctrl-C to the parent, so that a
    write in progress finishes. Stops at None, or when the parent's end of the pipe closes."""
    import signal

    from cablelint.grammars import parser

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parser("marking")
    parser("cable")
    while True:
        try:
            index = conn.recv()
        except (EOFError, OSError):
            return
        if index is None:
            return
        try:
            conn.send((index, _check_here(chunks[index], opts)))
        except Exception:  # the parent has stopped (Ctrl-C), or these results cannot be sent:
            return  # the parent checks what this worker has not answered itself


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


def _mp_context():
    """fork where it is safe (Linux, one thread): workers start at once, parsers inherited."""
    import multiprocessing
    import sys
    import threading

    methods = multiprocessing.get_all_start_methods()
    if sys.platform.startswith("linux") and "fork" in methods and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


@record
class _Worker:
    process: object
    conn: object
    given: deque  # numbers of the chunks sent to it and not yet answered, oldest first


def _run_parallel(paths: list[str], opts: Options, jobs: int) -> Iterator[Result]:
    """Check `paths` in `jobs` processes, `jobs - 1` workers and this one, a chunk at a time.

    Each worker is sent the numbers of IN_FLIGHT_PER_JOB chunks ahead (it has the chunks
    themselves from the start); whenever no answer is waiting, this process checks the next
    chunk itself, so its own results need no pickling. Results are yielded in the order
    given; at most HELD_PER_JOB * jobs chunks are out or held. A worker that dies (killed, out
    of memory) has its unanswered chunks checked here."""
    from multiprocessing.connection import wait

    ctx = _mp_context()
    if ctx.get_start_method() == "fork":
        _warm_up(opts)  # done once here, inherited by every forked worker
    chunks = _chunks(paths, jobs)
    workers: list[_Worker] = []
    for _ in range(jobs - 1):
        here, there = ctx.Pipe()
        process = ctx.Process(target=_worker, args=(there, chunks, replace(opts, jobs=1)), daemon=True)
        process.start()
        there.close()
        workers.append(_Worker(process, here, deque()))
    done: dict[int, list[Result]] = {}  # results not yet yielded, by chunk number
    sent = 0  # chunks given out so far, to a worker or to this process
    held = HELD_PER_JOB * jobs
    try:
        for head in range(len(chunks)):
            while head not in done:
                for w in workers:  # keep each worker IN_FLIGHT_PER_JOB chunks ahead
                    while w.conn is not None and len(w.given) < IN_FLIGHT_PER_JOB \
                            and sent < len(chunks) and sent - head < held:
                        _give(w, sent, chunks, done, opts)
                        sent += 1
                workers = [w for w in workers if w.conn is not None]
                busy = {w.conn: w for w in workers if w.given}
                ready = wait(list(busy), timeout=0) if busy else []
                if not ready and sent < len(chunks) and sent - head < held:
                    done[sent] = _check_here(chunks[sent], opts)  # nothing to collect: work here
                    sent += 1
                    continue
                if not busy:  # not reached (the head chunk is done, or a worker's, or checked above):
                    done[head] = _check_here(chunks[head], opts)  # but never wait on no worker at all
                    continue
                for conn in ready or wait(list(busy)):
                    _collect(busy[conn], chunks, done, opts)
            yield from done.pop(head)
    finally:
        for w in workers:
            _stop(w)


def _give(w: _Worker, index: int, chunks: list[list[str]], done: dict, opts: Options) -> None:
    """Send chunk `index` to `w`; if it has died, its chunks, this one too, are checked here."""
    w.given.append(index)
    try:
        w.conn.send(index)
    except OSError:
        _lost(w, chunks, done, opts)


def _collect(w: _Worker, chunks: list[list[str]], done: dict, opts: Options) -> None:
    """Take one answer from `w` (a worker answers in the order it was given chunks)."""
    try:
        index, results = w.conn.recv()
    except (EOFError, OSError):
        _lost(w, chunks, done, opts)
        return
    w.given.popleft()
    done[index] = results


def _lost(w: _Worker, chunks: list[list[str]], done: dict, opts: Options) -> None:
    """A worker died: check the chunks it had not answered here."""
    for index in w.given:
        done[index] = _check_here(chunks[index], opts)
    w.given.clear()
    _stop(w)


def _stop(w: _Worker) -> None:
    """Tell a worker to stop once its chunk is done, and wait for it."""
    if w.conn is None:
        return
    try:
        w.conn.send(None)
    except OSError:
        pass
    w.conn.close()
    w.conn = None
    w.process.join()


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
