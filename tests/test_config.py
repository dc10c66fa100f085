"""Configuration files and their command-line twins, with exact outputs and exit statuses."""

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablelint.app import app
from cablelint.config import KEYS

from conftest import SEED

ROOT = Path(__file__).resolve().parents[1]


def run(*args, input=None):
    return CliRunner().invoke(app, list(args), input=input)


@pytest.fixture
def tree(tmp_path, monkeypatch):
    """A repository of cables: the seed at the top and in drafts/."""
    monkeypatch.chdir(tmp_path)
    text = SEED.read_text(encoding="utf-8")
    (tmp_path / "seed.txt").write_text(text, encoding="utf-8")
    (tmp_path / "drafts").mkdir()
    (tmp_path / "drafts" / "seed.txt").write_text(text, encoding="utf-8")
    return tmp_path


def codes(stdout: str) -> list[tuple[str, str]]:
    return [(line.split(":", 1)[0], line.split(": ", 1)[1].split()[0]) for line in stdout.splitlines()]


def test_pyproject_select_and_ignore(tree):
    (tree / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.cablelint]\n'
                                         'select = ["PAR"]\nignore = ["self-reference"]\n')
    r = run("check", "--format", "concise", "seed.txt")
    assert codes(r.stdout) == [("seed.txt", "PAR008"), ("seed.txt", "PAR002")]


def test_closest_file_wins_and_extend_inherits(tree):
    (tree / "cablelint.toml").write_text('select = ["PAR"]\n')
    (tree / "drafts" / ".cablelint.toml").write_text('extend = "../cablelint.toml"\nignore = ["PAR008"]\n')
    r = run("check", "--format", "concise", "seed.txt", "drafts")
    assert codes(r.stdout) == [("seed.txt", "PAR008"), ("seed.txt", "PAR007"), ("seed.txt", "PAR002"),
                               ("drafts/seed.txt", "PAR007"), ("drafts/seed.txt", "PAR002")]


def test_command_line_select_wins_over_file(tree):
    (tree / "cablelint.toml").write_text('select = ["PAR"]\nignore = ["PAR002"]\n')
    r = run("check", "--format", "concise", "--select", "PAR002,POR", "seed.txt")
    assert codes(r.stdout) == [("seed.txt", "POR005"), ("seed.txt", "PAR002")]
    r = run("check", "--format", "concise", "--extend-select", "POR005", "seed.txt")
    assert codes(r.stdout) == [("seed.txt", "POR005"), ("seed.txt", "PAR008"), ("seed.txt", "PAR007")]


def test_severity_override_changes_output_and_exit(tree):
    (tree / "cablelint.toml").write_text('select = ["PAR"]\n[severity]\nPAR002 = "warning"\n')
    r = run("check", "--format", "json", "seed.txt")
    assert r.exit_code == 0  # the only error is now a warning
    import json

    sev = {d["code"]: d["severity"] for d in json.loads(r.stdout)["files"][0]["diagnostics"]}
    assert sev == {"PAR008": "warning", "PAR007": "warning", "PAR002": "warning"}
    r = run("check", "--format", "concise", "--severity", "PAR007=error", "seed.txt")
    assert r.exit_code == 1
    r = run("check", "--format", "concise", "--fail-on", "warning", "seed.txt")
    assert r.exit_code == 1


def test_per_file_ignores(tree):
    (tree / "cablelint.toml").write_text('select = ["PAR"]\n[per-file-ignores]\n"drafts/*" = ["PAR0"]\n')
    r = run("check", "--format", "concise", ".")
    assert codes(r.stdout) == [("seed.txt", "PAR008"), ("seed.txt", "PAR007"), ("seed.txt", "PAR002")]
    r = run("check", "--format", "concise", "--per-file-ignores", "seed.txt=PAR007,PAR008", "seed.txt")
    assert codes(r.stdout) == [("seed.txt", "PAR002")]


def test_per_file_ignores_apply_to_stdin_filename(tree):
    (tree / "cablelint.toml").write_text('select = ["PAR"]\n[per-file-ignores]\n"drafts/*" = ["PAR002"]\n')
    text = SEED.read_text(encoding="utf-8")
    r = run("check", "--format", "concise", "--stdin-filename", "drafts/new.txt", "-", input=text)
    assert codes(r.stdout) == [("drafts/new.txt", "PAR008"), ("drafts/new.txt", "PAR007")]
    r = run("check", "--format", "concise", "--stdin-filename", "new.txt", "-", input=text)
    assert codes(r.stdout)[-1] == ("new.txt", "PAR002")


def test_include_and_exclude_when_walking(tree):
    (tree / "drafts" / "b.cable").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    (tree / "notes.md").write_text("not a cable\n")
    (tree / "cablelint.toml").write_text('select = ["PAR002"]\nexclude = ["drafts/seed.txt"]\n')
    r = run("check", "--format", "concise", ".")
    assert codes(r.stdout) == [("drafts/b.cable", "PAR002"), ("seed.txt", "PAR002")]
    (tree / "cablelint.toml").write_text('select = ["PAR002"]\ninclude = ["*.cable"]\n')
    assert codes(run("check", "--format", "concise", ".").stdout) == [("drafts/b.cable", "PAR002")]
    (tree / "cablelint.toml").write_text('select = ["PAR002"]\nexclude = ["drafts"]\n')
    assert codes(run("check", "--format", "concise", ".").stdout) == [("seed.txt", "PAR002")]
    # a file named on the command line is checked unless --force-exclude
    assert codes(run("check", "--format", "concise", "drafts/seed.txt").stdout) == [("drafts/seed.txt", "PAR002")]
    assert run("check", "--format", "concise", "--force-exclude", "drafts/seed.txt").stdout == ""


def test_as_of_from_config(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cablelint.toml").write_text("as-of = 2009-11-05\n")
    (tmp_path / "draft.txt").write_text("UNCLAS STATE 000001\n\nSUBJECT: (U) Test\n\n(U) Text.\n")
    r = run("parse", "draft.txt")  # parse takes --as-of from the command line only
    assert '"cable_date_source": "today"' in r.stdout
    from cablelint.cli import _resolver

    assert str(_resolver(None, None, None).settings_for("draft.txt").as_of) == "2009-11-05"
    assert str(_resolver(None, None, None, as_of="2010-01-02").settings_for("draft.txt").as_of) == "2010-01-02"


@pytest.mark.parametrize("content, message", [
    ('selct = ["PAR"]\n', "unknown key 'selct' (did you mean 'select'?)"),
    ('select = ["PAR0002"]\n', "select: unknown rule or prefix 'PAR0002' (did you mean 'PAR002'?)"),
    ('[severity]\nPAR004 = "fatal"\n', "severity: PAR004 = 'fatal': expected one of error, warning, info"),
    ('[severity]\nPAR04 = "error"\n', "severity: unknown rule or prefix 'PAR04' (did you mean 'PAR004'?)"),
    ('as-of = "tomorrow"\n', "as-of expects a date as YYYY-MM-DD, got 'tomorrow'"),
    ('select = [\n', "not valid TOML"),
    ('extend = "missing.toml"\n', "extend: missing.toml: no such file"),
])
def test_config_errors_are_one_line_exit_2(tmp_path, monkeypatch, content, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cablelint.toml").write_text(content)
    (tmp_path / "a.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("check", "--format", "concise", "a.txt")
    assert r.exit_code == 2
    lines = r.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"cablelint: error: {tmp_path / 'cablelint.toml'}: ")
    assert message in lines[0]
    assert r.stdout == ""


def test_pyproject_unknown_key_names_the_table(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.cablelint]\nignor = ["PAR"]\n')
    (tmp_path / "a.txt").write_text("x\n")
    r = run("check", "a.txt")
    assert r.stderr == (f"cablelint: error: {tmp_path / 'pyproject.toml'} [tool.cablelint]: unknown key "
                        "'ignor' (did you mean 'ignore'?)\n")


def test_extend_cycle(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "cablelint.toml").write_text('extend = "other.toml"\n')
    (tmp_path / "other.toml").write_text('extend = "cablelint.toml"\n')
    (tmp_path / "a.txt").write_text("x\n")
    r = run("check", "a.txt")
    assert r.exit_code == 2 and r.stderr.endswith("extend makes a cycle\n")


def test_isolated_and_explicit_config(tree):
    (tree / "cablelint.toml").write_text('select = ["PAR002"]\n')
    (tree / "other.toml").write_text('select = ["PAR007"]\n')
    assert codes(run("check", "--format", "concise", "seed.txt").stdout) == [("seed.txt", "PAR002")]
    assert codes(run("check", "--format", "concise", "--config", "other.toml", "seed.txt").stdout) == [
        ("seed.txt", "PAR007")]
    assert len(codes(run("check", "--format", "concise", "--isolated", "seed.txt").stdout)) == 4


def test_readme_configuration_reference_matches_the_code():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Configuration reference", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| `([a-z-]+)` \| (.+) \|$", section, re.M)
    assert dict(rows) == KEYS


def test_include_glob_with_a_slash_matches_paths(tree):
    (tree / "notes.txt").mkdir()
    (tree / "notes.txt" / "readme.md").write_text("not a cable\n")
    (tree / "cablelint.toml").write_text('select = ["PAR002"]\ninclude = ["drafts/*.txt"]\n')
    assert codes(run("check", "--format", "concise", ".").stdout) == [("drafts/seed.txt", "PAR002")]
    (tree / "cablelint.toml").write_text('select = ["PAR002"]\n')
    assert codes(run("check", "--format", "concise", ".").stdout) == [
        ("drafts/seed.txt", "PAR002"), ("seed.txt", "PAR002")]


def test_severity_later_entry_wins_and_command_line_last(tree):
    import json

    (tree / "cablelint.toml").write_text('select = ["PAR"]\n[severity]\nPAR = "info"\nPAR002 = "warning"\n')

    def severities(*extra):
        r = run("check", "--format", "json", *extra, "seed.txt")
        return r.exit_code, [(d["code"], d["severity"]) for d in json.loads(r.stdout)["files"][0]["diagnostics"]]

    assert severities() == (0, [("PAR008", "info"), ("PAR007", "info"), ("PAR002", "warning")])
    assert severities("--severity", "self-reference=error") == (
        1, [("PAR008", "info"), ("PAR007", "error"), ("PAR002", "warning")])
    r = run("check", "--severity", "PAR002=loud", "seed.txt")
    assert (r.exit_code, r.stderr) == (2, "cablelint: error: --severity: PAR002 = 'loud': expected one of "
                                          "error, warning, info\n")
