"""A rule that raises is an internal error naming the rule, the file and the code line; every
other rule and file still runs, and the exit status is 2."""

import pytest
from typer.testing import CliRunner

from cablelint import engine
from cablelint.app import app
from cablelint.runner import Options, run

from conftest import SEED

SLIP = "UNCLAS STATE 000001\n1. (U) One.\n2. (U) Two.\n13. (U) Three.\n"


def broken_rule(cable, ctx):
    """Fails on every cable that has paragraphs."""
    if cable.paragraphs:
        return [1 / 0]
    return []


BROKEN_LINE = broken_rule.__code__.co_firstlineno + 3


@pytest.fixture
def broken():
    """Register a deliberately failing rule for one test, and remove it afterwards."""
    engine.all_rules()
    engine.rule("ZZZ901", "always-broken", "error")(broken_rule)
    try:
        yield engine.REGISTRY["ZZZ901"]
    finally:
        del engine.REGISTRY["ZZZ901"]


def message(path) -> str:
    return (f"{path}: internal error in rule ZZZ901 (always-broken) at "
            f"test_internal_errors.py:{BROKEN_LINE}: ZeroDivisionError: division by zero")


def test_cli_reports_the_rule_file_and_line_and_runs_the_rest(broken, tmp_path):
    a = tmp_path / "a.txt"
    a.write_text(SLIP, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    r = CliRunner().invoke(app, ["check", "--format", "concise", "--select", "PAR002,ZZZ",
                                 str(a), str(empty), str(SEED)])
    assert r.exit_code == 2
    assert r.exception is None or isinstance(r.exception, SystemExit)
    assert r.stderr.splitlines() == [f"cablelint: {message(a)}", f"cablelint: {message(SEED)}"]
    # the other rule still ran on both files that reached the broken rule
    assert [line.split(": ")[1].split()[0] for line in r.stdout.splitlines()] == ["PAR002", "PAR002"]
    assert r.stdout.splitlines()[0].startswith(f"{a}:4:1: PAR002")
    assert r.stdout.splitlines()[1].startswith(f"{SEED}:43:1: PAR002")


def test_every_other_rule_still_runs(broken):
    (with_broken,) = run([str(SEED)], Options(rules=tuple(engine.select_rules())))
    (without,) = run([str(SEED)], Options(rules=tuple(engine.select_rules(ignore=["ZZZ"]))))
    assert with_broken.internal_errors == [message(SEED)]
    assert with_broken.diagnostics == without.diagnostics
    assert len(without.diagnostics) >= 4


def test_internal_errors_come_back_from_workers(broken, tmp_path):
    paths = []
    for i in range(6):
        p = tmp_path / f"c{i}.txt"
        p.write_text(SLIP if i % 2 else "UNCLAS STATE 000001\nNo paragraphs.\n", encoding="utf-8")
        paths.append(str(p))
    rules = tuple(engine.select_rules(["PAR002", "ZZZ901"]))
    got = [(r.internal_errors, [d.code for d in r.diagnostics])
           for r in run(paths, Options(rules=rules, jobs=2))]
    assert got == [([], []) if i % 2 == 0 else ([message(paths[i])], ["PAR002"]) for i in range(6)]


def test_registration_is_undone():
    assert "ZZZ901" not in engine.all_rules()
