"""Baselines: recorded findings are hidden, survive inserted lines, hold no text."""

import json
from pathlib import Path

from typer.testing import CliRunner

from cablelint.app import app

from conftest import SEED


def run(*args):
    return CliRunner().invoke(app, list(args))


def setup(tmp_path, monkeypatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cables").mkdir()
    p = tmp_path / "cables" / "09TASHKENT1571.txt"
    p.write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return p


def test_write_records_fingerprints_without_text(tmp_path, monkeypatch):
    setup(tmp_path, monkeypatch)
    r = run("baseline", "write", "base.json", "cables")
    assert r.exit_code == 0
    assert r.stderr == "cablelint: recorded 4 findings in 1 file to base.json\n"
    doc = json.loads((tmp_path / "base.json").read_text())
    assert doc["version"] == 1
    assert sorted((f["path"], f["code"], f["occurrence"]) for f in doc["findings"]) == [
        ("cables/09TASHKENT1571.txt", c, 0) for c in ("PAR002", "PAR007", "PAR008", "POR005")]
    assert all(len(f["hash"]) == 24 for f in doc["findings"])
    raw = (tmp_path / "base.json").read_text()
    for text in ("16.", "para 5", "Comment:", "Umarov"):
        assert text not in raw


def test_baseline_hides_recorded_findings_after_an_inserted_line(tmp_path, monkeypatch):
    p = setup(tmp_path, monkeypatch)
    run("baseline", "write", "base.json", "cables")
    p.write_text("DRAFT\n" + p.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("check", "--format", "concise", "--baseline", "base.json", "cables")
    assert r.exit_code == 0
    assert r.stdout == "" and r.stderr == ""


def test_new_finding_shows_and_stale_entry_is_reported(tmp_path, monkeypatch):
    p = setup(tmp_path, monkeypatch)
    run("baseline", "write", "base.json", "cables")
    text = p.read_text(encoding="utf-8").replace("(para 5)", "(as noted)")  # PAR007 fixed
    text = text.replace("¶4. (C)", "¶4. (C) Note: see para 4.")  # a new PAR007, a new PAR008
    p.write_text(text, encoding="utf-8")
    r = run("check", "--format", "concise", "--baseline", "base.json", "cables")
    assert [line.split(": ", 1)[1].split()[0] for line in r.stdout.splitlines()] == ["PAR008", "PAR007"]
    assert r.stderr == ("cablelint: base.json: stale entry cables/09TASHKENT1571.txt: PAR007 "
                        "(no longer found; write the baseline again to drop it)\n")
    assert r.exit_code == 0  # only warnings are new


def test_occurrence_tells_identical_findings_apart(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    one = "UNCLAS STATE 000001\n\n1. (U) Comment: a.\n\n2. (U) Text.\n"
    (tmp_path / "a.txt").write_text(one)
    run("baseline", "write", "base.json", "a.txt")
    (tmp_path / "a.txt").write_text(one.replace("2. (U) Text.", "2. (U) Comment: b."))
    r = run("check", "--format", "concise", "--select", "PAR008", "--baseline", "base.json", "a.txt")
    assert r.stdout == 'a.txt:5:8: PAR008 "Comment:" without "End Comment."\n'


def test_bad_baseline_is_one_line(tmp_path, monkeypatch):
    setup(tmp_path, monkeypatch)
    (tmp_path / "base.json").write_text("{not json")
    r = run("check", "--baseline", "base.json", "cables")
    assert r.exit_code == 2
    assert r.stderr.startswith("cablelint: error: base.json: not a cablelint baseline (")
    r = run("check", "--baseline", "missing.json", "cables")
    assert r.stderr == "cablelint: error: missing.json: no such baseline file\n"
