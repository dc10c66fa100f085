"""The runner: parallel runs equal serial ones, workers build parsers once, writes are atomic."""

import os
import shutil
from pathlib import Path

import pytest

from cablelint import grammars, runner
from cablelint.engine import select_rules
from cablelint.runner import Options, default_jobs, lint_path, run, write_atomic
from cablelint.source import read_path

from conftest import CORPUS, SEED

CABLES = sorted(str(p) for p in CORPUS.glob("*.txt"))[:40]
SLIP = "UNCLAS STATE 000001\n1. (U) One.\n2. (U) Two.\n13. (U) Three.\n"


def outcome(r):
    """Everything a Result tells a user, for comparing runs."""
    return (r.source.path, r.source.text, r.source.encoding, r.read_error, r.internal_errors,
            r.diagnostics, r.fixed_text, r.fixes_applied, r.cable is None)


def test_jobs_two_gives_exactly_the_serial_results(tmp_path):
    missing = str(tmp_path / "missing.txt")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01")
    paths = CABLES[:17] + [missing] + CABLES[17:30] + [str(binary)] + CABLES[30:]
    rules = tuple(select_rules())
    serial = [outcome(r) for r in run(paths, Options(rules=rules, jobs=1))]
    parallel = [outcome(r) for r in run(paths, Options(rules=rules, jobs=2))]
    assert [o[0] for o in parallel] == paths  # in the order given
    assert parallel == serial
    assert serial[17][3] == f"{missing}: no such file or directory"
    assert serial[31][3] == f"{binary}: binary file (contains NUL bytes), not checked"
    assert sum(len(o[5]) for o in serial) > 20  # the cables do have findings to compare


def test_spawned_workers_give_the_serial_results(monkeypatch):
    """Where fork is not used (macOS, Windows, or threads running), everything is shipped by pickle."""
    import multiprocessing

    monkeypatch.setattr(runner, "_mp_context", lambda: multiprocessing.get_context("spawn"))
    rules = tuple(select_rules())
    paths = CABLES[:6]
    assert ([outcome(r) for r in run(paths, Options(rules=rules, jobs=2))]
            == [outcome(r) for r in run(paths, Options(rules=rules, jobs=1))])


def test_parallel_fix_writes_the_same_files_as_serial(tmp_path):
    rules = tuple(select_rules())
    trees = []
    for name, jobs in (("serial", 1), ("parallel", 2)):
        d = tmp_path / name
        d.mkdir()
        for p in CABLES[:24]:
            shutil.copy(p, d)
        shutil.copy(SEED, d)
        paths = sorted(str(p) for p in d.iterdir())
        results = list(run(paths, Options(rules=rules, fix=True, write=True, jobs=jobs)))
        assert sum(r.fixes_applied for r in results) >= 1
        trees.append({p.name: p.read_bytes() for p in d.iterdir()})
    assert trees[0] == trees[1]
    assert b"\n\xc2\xb66. (SBU)" in trees[1][SEED.name]


def test_a_file_named_twice_is_fixed_once_in_parallel_too(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text(SLIP, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(p)
    others = []
    for i in range(8):
        others.append(tmp_path / f"other{i}.txt")
        others[-1].write_text(SLIP.replace("13.", "3."), encoding="utf-8")
    paths = [str(p), str(tmp_path / "link.txt")] + [str(o) for o in others]  # side by side
    opts = Options(rules=tuple(select_rules(["PAR002"])), fix=True, write=True, jobs=2)
    results = list(run(paths, opts))
    assert [(r.read_error, r.fixes_applied) for r in results[:2]] == [(None, 1), (None, 0)]
    assert p.read_text(encoding="utf-8") == SLIP.replace("13.", "3.")


def test_cable_model_is_dropped_unless_asked_for():
    rules = tuple(select_rules(["PAR"]))
    assert [r.cable for r in run([str(SEED)], Options(rules=rules))] == [None]
    (kept,) = run([str(SEED)], Options(rules=rules, keep_cable=True))
    assert [p.written for p in kept.cable.paragraphs][-1] == "16"


def test_jobs_zero_picks_the_default(monkeypatch):
    seen = []
    monkeypatch.setattr(runner, "_run_parallel", lambda paths, opts, jobs: seen.append(jobs) or iter(()))
    monkeypatch.setattr(runner, "available_cpus", lambda: 4)
    rules = tuple(select_rules(["PAR"]))
    assert len(list(run(CABLES[:3], Options(rules=rules, jobs=0)))) == 3  # few files: serial
    assert seen == []
    list(run(CABLES * 4, Options(rules=rules, jobs=0)))  # 160 files
    assert seen == [4]


def test_default_jobs(monkeypatch):
    monkeypatch.setattr(runner, "available_cpus", lambda: 8)
    assert [default_jobs(n) for n in (0, 1, 10, 63)] == [1, 1, 1, 1]
    assert [default_jobs(n) for n in (64, 100, 255, 256, 100_000)] == [2, 3, 7, 8, 8]
    monkeypatch.setattr(runner, "available_cpus", lambda: 1)
    assert default_jobs(100_000) == 1


def test_stdin_keeps_a_run_serial(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(runner, "_run_parallel", lambda *a: pytest.fail("stdin went to a worker"))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SLIP.encode())))
    rules = tuple(select_rules(["PAR002"]))
    results = list(run(["-", str(SEED)], Options(rules=rules, jobs=2, stdin_filename="draft.txt")))
    assert [(r.source.path, [d.code for d in r.diagnostics]) for r in results] == [
        ("draft.txt", ["PAR002"]), (str(SEED), ["PAR002"])]


def test_workers_build_the_parsers_once_not_per_file(tmp_path, monkeypatch):
    log = tmp_path / "builds.log"

    def logged(kind, real):
        def make(name, *args):
            with open(log, "a") as fh:
                fh.write(f"{os.getpid()} {kind} {name}\n")
            return real(name, *args)
        return make

    # a parser comes from the stored tables or, when they are stale, from the grammar
    monkeypatch.setattr(grammars, "load_stored", logged("load", grammars.load_stored))
    monkeypatch.setattr(grammars, "build", logged("build", grammars.build))
    grammars.parser.cache_clear()
    try:
        results = list(run(CABLES, Options(rules=tuple(select_rules()), jobs=2)))
    finally:
        grammars.parser.cache_clear()
    assert len(results) == len(CABLES)
    made = log.read_text().splitlines()
    # each grammar made at most once in each process, however many files it checked
    assert sorted(made) == sorted(set(made))
    assert {line.split()[2] for line in made} == {"marking", "cable"}
    assert len({line.split()[0] for line in made}) <= 3


def test_a_dead_worker_does_not_lose_files(monkeypatch):
    parent = os.getpid()
    real = runner.lint_path
    victim = CABLES[5]

    def dying_lint_path(path, opts):
        if path == victim and os.getpid() != parent:
            os._exit(9)  # as if killed by the OOM killer
        return real(path, opts)

    monkeypatch.setattr(runner, "lint_path", dying_lint_path)
    rules = tuple(select_rules())
    got = [outcome(r) for r in run(CABLES, Options(rules=rules, jobs=2))]
    want = [outcome(r) for r in run(CABLES, Options(rules=rules, jobs=1))]
    assert got == want


def test_a_worker_dying_midway_loses_nothing(monkeypatch):
    """The worker answers its first chunk, then dies inside the next: what it had been given
    and not answered is checked by the parent."""
    parent = os.getpid()
    real = runner.lint_path
    checked = []

    def dying_lint_path(path, opts):
        if os.getpid() != parent:
            checked.append(path)
            if len(checked) == 10:  # the first chunk of 40 files has 6
                os._exit(9)
        return real(path, opts)

    monkeypatch.setattr(runner, "lint_path", dying_lint_path)
    rules = tuple(select_rules())
    assert [len(c) for c in runner._chunks(CABLES, 2)][:2] == [6, 5]
    got = [outcome(r) for r in run(CABLES, Options(rules=rules, jobs=2))]
    assert got == [outcome(r) for r in run(CABLES, Options(rules=rules, jobs=1))]


def test_a_worker_gone_before_it_takes_work_loses_nothing(monkeypatch):
    monkeypatch.setattr(runner, "_worker", lambda *args: os._exit(3))
    rules = tuple(select_rules())
    got = [outcome(r) for r in run(CABLES, Options(rules=rules, jobs=3))]
    assert got == [outcome(r) for r in run(CABLES, Options(rules=rules, jobs=1))]


def test_the_parent_checks_files_too_and_keeps_the_order(tmp_path, monkeypatch):
    """jobs 2 is this process and one worker, both checking."""
    log = tmp_path / "checked.log"
    real = runner.lint_path

    def logged(path, opts):
        with open(log, "a") as fh:
            fh.write(f"{os.getpid()} {path}\n")
        return real(path, opts)

    monkeypatch.setattr(runner, "lint_path", logged)
    results = list(run(CABLES, Options(rules=tuple(select_rules(["PAR"])), jobs=2)))
    assert [r.source.path for r in results] == CABLES
    by = {}
    for line in log.read_text().splitlines():
        pid, path = line.split(" ", 1)
        by.setdefault(int(pid), []).append(path)
    assert len(by) == 2 and os.getpid() in by
    assert sorted(p for paths in by.values() for p in paths) == sorted(CABLES)  # each file once


def test_chunks_shrink_towards_the_end_and_cover_every_path():
    paths = [f"{i}.txt" for i in range(1058)]
    chunks = runner._chunks(paths, 2)
    assert [p for c in chunks for p in c] == paths
    sizes = [len(c) for c in chunks]
    assert sizes[:3] == [runner.CHUNK_MAX] * 3 and sizes[-1] == 1
    assert sizes == sorted(sizes, reverse=True)
    assert runner._chunks([], 2) == [] and runner._chunks(["a"], 4) == [["a"]]


def test_parser_exception_is_an_internal_error_not_a_crash(monkeypatch, tmp_path):
    import cablelint.lint

    good = tmp_path / "good.txt"
    good.write_text(SLIP, encoding="utf-8")
    real = cablelint.lint.parse_source

    def parse_source(source):
        if source.path.endswith("bad.txt"):
            raise IndexError("list index out of range")
        return real(source)

    bad = tmp_path / "bad.txt"
    bad.write_text(SLIP, encoding="utf-8")
    monkeypatch.setattr(cablelint.lint, "parse_source", parse_source)
    results = list(run([str(bad), str(good)], Options(rules=tuple(select_rules(["PAR"])))))
    assert results[0].internal_errors == [
        f"{bad}: internal error while parsing at test_runner.py:{parse_source.__code__.co_firstlineno + 2}: "
        "IndexError: list index out of range"]
    assert [d.code for d in results[1].diagnostics] == ["PAR002"]


# ---------------------------------------------------------------- atomic writes


def fixed_run(path: Path):
    return lint_path(str(path), Options(rules=tuple(select_rules(["PAR002"])), fix=True, write=True))


def assert_not_written(result, path: Path, reason: str, content: str = SLIP) -> None:
    """The write was refused with `reason`: the file holds `content`, no temporary file is left."""
    assert result.read_error == f"{path}: cannot write the fixed file ({reason}); left unchanged"
    assert result.fixed_text is None and result.fixes_applied == 0
    assert path.read_text(encoding="utf-8") == content
    assert os.listdir(path.parent) == [path.name]


def test_fix_keeps_permission_bits(tmp_path):
    p = tmp_path / "c.txt"
    p.write_text(SLIP, encoding="utf-8")
    p.chmod(0o640)
    r = fixed_run(p)
    assert r.fixes_applied == 1 and r.read_error is None
    assert p.read_text(encoding="utf-8") == SLIP.replace("13.", "3.")
    assert p.stat().st_mode & 0o7777 == 0o640
    assert sorted(os.listdir(tmp_path)) == ["c.txt"]


def test_fix_through_a_symlink_keeps_the_link(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text(SLIP, encoding="utf-8")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    fixed_run(link)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == SLIP.replace("13.", "3.")


@pytest.mark.parametrize("failure", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_write_failing_midway_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch, failure):
    p = tmp_path / "c.txt"
    p.write_text(SLIP, encoding="utf-8")
    before = p.read_bytes()
    real_fdopen = os.fdopen

    class HalfWriter:
        """Writes half of the data to the temporary file, then fails."""

        def __init__(self, fh):
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.fh.close()

        def write(self, data):
            self.fh.write(data[:len(data) // 2])
            self.fh.flush()
            raise failure

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: HalfWriter(real_fdopen(fd, mode)))
    if isinstance(failure, KeyboardInterrupt):
        with pytest.raises(KeyboardInterrupt):
            fixed_run(p)
    else:
        r = fixed_run(p)
        assert_not_written(r, p, "No space left on device")
        assert [(d.code, d.span.line) for d in r.diagnostics] == [("PAR002", 4)]  # still on disk
    assert p.read_bytes() == before
    assert os.listdir(tmp_path) == ["c.txt"]


def test_write_failing_at_fsync(tmp_path, monkeypatch):
    p = tmp_path / "c.txt"
    p.write_text(SLIP, encoding="utf-8")

    def fsync(fd):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", fsync)
    assert_not_written(fixed_run(p), p, "Input/output error")


def test_text_the_encoding_cannot_hold_is_not_written(tmp_path):
    p = tmp_path / "c.txt"
    p.write_bytes(b"old")
    src = read_path(str(p))
    src.encoding = "ascii"
    with pytest.raises(UnicodeEncodeError):
        write_atomic(str(p), src, "¶1.")
    assert p.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["c.txt"]


def test_file_changed_since_it_was_read_is_left_alone(tmp_path, monkeypatch):
    p = tmp_path / "c.txt"
    p.write_text(SLIP, encoding="utf-8")
    edited = SLIP.replace("Two", "Two, edited meanwhile") + "5. (U) Five.\n"
    real_fix = runner.fix

    def fix_while_someone_edits(src, rules, as_of=None):
        result = real_fix(src, rules, as_of)
        p.write_text(edited, encoding="utf-8")
        return result

    monkeypatch.setattr(runner, "fix", fix_while_someone_edits)
    assert_not_written(fixed_run(p), p, "changed since it was read", content=edited)


def test_file_with_other_hard_links_is_left_alone(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    p = tmp_path / "a" / "c.txt"
    p.write_text(SLIP, encoding="utf-8")
    os.link(p, tmp_path / "b" / "c.txt")
    assert_not_written(fixed_run(p), p, "it has 2 hard links, and replacing it would leave the old "
                       "text under the other names")
    assert (tmp_path / "b" / "c.txt").read_text(encoding="utf-8") == SLIP
    os.unlink(tmp_path / "b" / "c.txt")
    assert fixed_run(p).fixes_applied == 1  # one name again: fixed
    assert p.read_text(encoding="utf-8") != SLIP


def test_cli_jobs_two_prints_what_jobs_one_prints(tmp_path):
    from typer.testing import CliRunner

    from cablelint.app import app

    d = tmp_path / "archive"
    d.mkdir()
    for p in sorted(CORPUS.glob("*.txt"))[:70]:
        (d / p.name).symlink_to(p)
    (d / "broken.txt").write_bytes(b"\x00")
    outputs = []
    for jobs in ("1", "2"):
        r = CliRunner().invoke(app, ["check", "--format", "concise", "--jobs", jobs, str(d)])
        outputs.append((r.exit_code, r.stdout, r.stderr))
    assert outputs[0] == outputs[1]
    assert outputs[0][0] == 2
    assert len(outputs[0][1].splitlines()) > 70


def test_results_without_text_carry_the_same_findings():
    """keep_text=False (reports that quote no line): the text is dropped in the worker, nothing else."""
    rules = tuple(select_rules())
    paths = CABLES[:20]
    full = list(run(paths, Options(rules=rules, jobs=1)))
    for jobs in (1, 2):
        bare = list(run(paths, Options(rules=rules, jobs=jobs, keep_text=False)))
        assert [r.source.path for r in bare] == paths
        assert all(r.source.text == "" for r in bare)
        assert [r.diagnostics for r in bare] == [r.diagnostics for r in full]
    assert all(r.source.text for r in full)


def test_warm_up_cable_reads_every_kind_of_line_cleanly():
    """The made-up cable checked before workers are forked reaches every line kind, and is clean."""
    from cablelint.lint import lint
    from cablelint.source import Source

    result = lint(Source(path="warm-up.txt", text=runner._WARM_UP_TEXT), list(select_rules()))
    c = result.cable
    assert (result.diagnostics, result.internal_errors, c.problems) == ([], [], ())
    assert (c.header.dtg, c.header.routing_id, c.header.security) == ("011200Z JAN 09", "RUEHXX", "ZNY SSSSS")
    assert (c.banner.level, c.banner.section, c.banner.controls) == ("S", (1, 2), ())
    assert [x.word for x in c.captions] == ["NOFORN", "SIPDIS"]
    assert (c.eo.kind, c.eo.instruction) == ("decl", "01/01/2019")
    assert [t.text for t in c.tags.items] == ["PREL", "PGOV", "XX", "OVIP", "(DOE, JOHN)"]
    assert c.subject.mark.raw == "(C)" and [r.label for r in c.refs] == ["A", "B"]
    assert c.authority.letters == ("b", "d")
    assert [(p.number, p.mark.raw) for p in c.paragraphs] == [(1, "(S/NF)"), (2, "(C)"), (3, "(SBU)")]
    assert [s.kind for s in c.sections] == ["banner", "page"]
