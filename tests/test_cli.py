"""The command line: formats, exit statuses, errors as one line."""

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cablelint.app import app

from conftest import SEED

runner = CliRunner()


def run(*args, input=None):
    return runner.invoke(app, list(args), input=input)


def test_concise_on_seed():
    r = run("check", "--format", "concise", str(SEED))
    assert r.exit_code == 1
    lines = r.stdout.strip().splitlines()
    assert [l.split(": ", 1)[1].split(" ", 1)[0] for l in lines] == ["POR005", "PAR008", "PAR007", "PAR002"]
    assert lines[-1] == (f"{SEED}:43:1: PAR002 [*] paragraph numbered 16 where ¶6 is expected: "
                         "the ¶ sign was typed as 1")


def test_clean_file_exits_zero(tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("UNCLAS STATE 000001\n\nSUBJECT: (U) Test\n\n(U) One paragraph only.\n")
    r = run("check", "--format", "concise", "--select", "PAR", str(p))
    assert r.exit_code == 0, r.stdout
    assert r.stdout == ""


def test_json_format_is_versioned_and_has_no_text():
    r = run("check", "--format", "json", str(SEED))
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    assert doc["schema_version"] == 1
    diags = doc["files"][0]["diagnostics"]
    par002 = [d for d in diags if d["code"] == "PAR002"][0]
    assert par002["location"] == {"line": 43, "column": 1}
    assert par002["end_location"] == {"line": 43, "column": 4}
    assert par002["fix"]["edits"][0]["content"] == "¶6."
    assert "text" not in par002
    assert "Umarov" not in r.stdout  # no document prose in machine output


def test_json_show_text():
    r = run("check", "--format", "json", "--show-text", "--select", "PAR002", str(SEED))
    assert json.loads(r.stdout)["files"][0]["diagnostics"][0]["text"] == "16."


def test_diff_writes_nothing(tmp_path):
    p = tmp_path / "c.txt"
    shutil.copy(SEED, p)
    before = p.read_bytes()
    r = run("check", "--diff", str(p))
    assert r.exit_code == 1  # like ruff: a diff means there is something to fix
    assert "-16. (SBU) Recommended" in r.stdout and "+¶6. (SBU) Recommended" in r.stdout
    assert p.read_bytes() == before


def test_fix_writes_only_the_fixed_bytes(tmp_path):
    p = tmp_path / "c.txt"
    shutil.copy(SEED, p)
    before = p.read_bytes()
    r = run("check", "--fix", "--format", "concise", str(p))
    assert r.exit_code == 0  # PAR007, PAR008 (warnings) and POR005 (info) remain, no error
    assert p.read_bytes() == before.replace(b"\n16. (SBU)", "\n¶6. (SBU)".encode())
    assert "PAR002" not in r.stdout


def test_missing_path_is_one_line_and_status_2(tmp_path):
    r = run("check", str(tmp_path / "nope.txt"))
    assert r.exit_code == 2
    assert r.stderr.strip().splitlines() == [f"cablelint: error: {tmp_path / 'nope.txt'}: no such file or directory"]


def test_missing_path_does_not_stop_other_files(tmp_path):
    r = run("check", "--format", "concise", str(tmp_path / "nope.txt"), str(SEED))
    assert r.exit_code == 2
    assert "PAR002" in r.stdout


def test_unknown_rule_code_suggests():
    r = run("check", "--select", "PAR0002", str(SEED))
    assert r.exit_code == 2
    assert r.stderr.strip() == "cablelint: error: --select: unknown rule or prefix 'PAR0002' (did you mean 'PAR002'?)"


def test_bad_as_of():
    r = run("check", "--as-of", "yesterday", str(SEED))
    assert r.exit_code == 2
    assert "YYYY-MM-DD" in r.stderr


def test_stdin_with_filename():
    r = run("check", "--format", "concise", "--select", "PAR002", "--stdin-filename", "x.txt", "-",
            input=SEED.read_text(encoding="utf-8"))
    assert r.exit_code == 1
    assert r.stdout.startswith("x.txt:43:1: PAR002")


def test_rules_lists_every_rule():
    r = run("rules")
    assert r.exit_code == 0
    assert "PAR002   pilcrow-slip" in r.stdout


def test_explain():
    r = run("explain", "PAR002")
    assert r.exit_code == 0
    assert r.stdout.startswith("PAR002 pilcrow-slip (error, fixable)")
    assert "Fails::" in r.stdout
    r = run("explain", "PAR999")
    assert r.exit_code == 2


def test_parse_json_model():
    r = run("parse", str(SEED), "--format", "json")
    assert r.exit_code == 0
    doc = json.loads(r.stdout)
    assert doc["banner"] == {"level": "C", "word": "C O N F I D E N T I A L", "controls": [],
                             "rel_to": None, "post": "TASHKENT", "serial": "001571", "section": None,
                             "invalid_word": None, "line": 14}
    assert doc["captions"] == ["SIPDIS"]
    assert doc["eo"] == {"order": "12958", "kind": "decl", "decl": "2019-11-05", "line": 23,
                         "instructions": [{"kind": "date", "text": "2019/11/05", "date": "2019-11-05",
                                           "years": None, "code": None}]}
    assert doc["sections"] == []
    assert doc["classified_by"]["reasons"] == ["b", "d"]
    assert doc["classified_by"]["reason_section"] == "1.4"
    assert doc["tags"] == ["PREL", "PHUM", "UZ"]
    assert doc["subject"]["text"] == "Uzbekistan Amnesties Sanjar Umarov"
    assert [(p["number"], p["intended"]) for p in doc["paragraphs"]][-1] == ("16", 6)
    assert doc["header"]["dtg_date"] == "2009-11-05"
    assert doc["header"]["security"] == "ZNY CCCCC"
    assert doc["cable_date"] == "2009-11-05" and doc["era"] == "E2"


def test_real_entry_point_runs():
    p = subprocess.run([sys.executable, "-m", "cablelint", "check", "--format", "concise", str(SEED)],
                       capture_output=True, text=True)
    assert p.returncode == 1
    assert "PAR002" in p.stdout
    assert p.stderr == ""


def test_fail_on_exit_zero_and_max_warnings():
    args = ("check", "--format", "concise", "--select", "PAR007,PAR008,POR005", str(SEED))
    assert run(*args).exit_code == 0  # two warnings and an info: below the default "error"
    assert run(*args, "--fail-on", "warning").exit_code == 1
    assert run(*args, "--fail-on", "info", "--select", "POR005").exit_code == 1
    assert run(*args, "--max-warnings", "2").exit_code == 0
    assert run(*args, "--max-warnings", "1").exit_code == 1
    assert run("check", "--format", "concise", "--exit-zero", str(SEED)).exit_code == 0
    r = run(*args, "--max-warnings", "many")
    assert (r.exit_code, r.stderr) == (2, "cablelint: error: --max-warnings expects a whole number of "
                                          "at least 0, got 'many'\n")
    r = run(*args, "--fail-on", "errors")
    assert r.stderr == ("cablelint: error: --fail-on expects one of error, warning, info, got 'errors' "
                        "(did you mean 'error'?)\n")


def _fix_round_trip(tmp_path, data: bytes) -> bytes:
    p = tmp_path / "c.txt"
    p.write_bytes(data)
    r = run("check", "--fix", "--format", "concise", "--select", "PAR002", str(p))
    assert r.exit_code == 0, r.stdout + r.stderr
    assert r.stderr == "All checks passed (1 file). Fixed 1.\n"
    return p.read_bytes()


def test_fix_keeps_crlf(tmp_path):
    seed = SEED.read_bytes()
    crlf = seed.replace(b"\n", b"\r\n")
    assert _fix_round_trip(tmp_path, crlf) == crlf.replace(b"\r\n16. (SBU)", "\r\n¶6. (SBU)".encode())


def test_fix_keeps_bom_and_encoding(tmp_path):
    seed = SEED.read_bytes()
    bom = b"\xef\xbb\xbf" + seed
    assert _fix_round_trip(tmp_path, bom) == b"\xef\xbb\xbf" + seed.replace(b"\n16. (SBU)", "\n¶6. (SBU)".encode())
    utf16 = SEED.read_text(encoding="utf-8").encode("utf-16")  # with its BOM
    fixed = _fix_round_trip(tmp_path, utf16)
    assert fixed == SEED.read_text(encoding="utf-8").replace("\n16. (SBU)", "\n¶6. (SBU)").encode("utf-16")


def test_fix_repeats_until_nothing_changes(tmp_path):
    p = tmp_path / "c.txt"
    p.write_bytes(SEED.read_bytes())
    run("check", "--fix", "--format", "concise", str(p))
    again = run("check", "--fix", "--format", "concise", "--select", "PAR002", str(p))
    assert again.stdout == "" and again.stderr == ""  # nothing left to fix, nothing written
    assert run("check", "--diff", str(p)).stdout == ""


def test_stdin_fix_prints_fixed_text_and_findings_on_stderr():
    text = SEED.read_text(encoding="utf-8")
    r = run("check", "--fix", "--select", "PAR002,PAR007", "--stdin-filename", "x.txt", "-", input=text)
    assert r.stdout == text.replace("\n16. (SBU)", "\n¶6. (SBU)")
    assert r.stderr.splitlines()[0] == "x.txt:41:1170: PAR007 paragraph 5 refers to itself"
    assert r.exit_code == 0
    r = run("check", "--fix", "--select", "PAR007", "-", input=text)
    assert r.stdout == text  # nothing to fix: the text comes back unchanged


def test_start_up_imports_only_what_a_concise_run_needs():
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "cablelint", "check", "--format",
                        "concise", str(SEED)], capture_output=True, text=True, cwd=SEED.parents[1])
    assert p.returncode == 1
    imported = {line.rsplit("|", 1)[1].strip() for line in p.stderr.splitlines() if "|" in line}
    for heavy in ("pydantic", "rich.console", "json", "tomllib", "xml.etree.ElementTree",
                  "cablelint.reporters.sarif", "cablelint.baseline"):
        assert heavy not in imported, heavy


def test_a_plain_check_imports_neither_typer_nor_pydantic():
    p = subprocess.run([sys.executable, "-X", "importtime", "-m", "cablelint", "check", str(SEED)],
                       capture_output=True, text=True, cwd=SEED.parents[1])
    assert p.returncode == 1
    imported = {line.rsplit("|", 1)[1].strip() for line in p.stderr.splitlines() if "|" in line}
    assert "cablelint.rules" in imported
    assert {"typer", "click", "cablelint.app", "pydantic"} & imported == set()


@pytest.mark.parametrize("args, expected", [
    (["check", "a.txt"], {"paths": ["a.txt"]}),
    (["check", "--fix", "a.txt", "dir", "--force-exclude"],
     {"paths": ["a.txt", "dir"], "fix": True, "force_exclude": True}),
    (["check", "a.txt", "--statistics", "--exit-zero", "--isolated", "--show-text", "--diff"],
     {"paths": ["a.txt"], "statistics": True, "exit_zero": True, "isolated": True, "show_text": True,
      "diff": True}),
    (["check"], None),                                   # typer says PATHS is missing
    (["check", "--fix"], None),
    (["check", "-"], None),                              # stdin
    (["check", "--", "-a.txt"], None),
    (["check", "--format", "json", "a.txt"], None),      # an option with a value
    (["check", "--format=json", "a.txt"], None),
    (["check", "-j2", "a.txt"], None),
    (["check", "--fi", "a.txt"], None),                  # typer suggests --fix
    (["check", "--help"], None),
    (["check", "a.txt", "--version"], None),
    (["rules"], None),
    (["explain", "PAR002"], None),
    ([], None),
])
def test_which_command_lines_are_checked_without_typer(args, expected):
    from cablelint.cli import plain_check

    assert plain_check(args) == expected


def _typer_params(command) -> dict:
    import typer.main

    from cablelint.app import app

    group = typer.main.get_command(app)
    for name in command.split():
        group = group.commands[name]
    return {p.name: p for p in group.params}


@pytest.mark.parametrize("command, function", [
    ("check", "check"), ("baseline write", "baseline_write"), ("rules", "list_rules"),
    ("explain", "explain"), ("parse", "parse"),
])
def test_each_command_does_its_work_with_typers_defaults(command, function):
    import inspect

    from cablelint import cli

    declared = _typer_params(command)
    signature = inspect.signature(getattr(cli, function)).parameters
    assert list(signature) == list(declared)
    for name, p in declared.items():
        default = signature[name].default
        if p.required:
            assert default is inspect.Parameter.empty, name
        else:
            assert default == (p.default if p.default != () else None), name


def test_the_flags_read_without_typer_are_typers_flags():
    from cablelint.cli import CHECK_FLAGS

    flags = {opt: p.name for p in _typer_params("check").values() if getattr(p, "is_flag", False)
             for opt in p.opts}
    assert CHECK_FLAGS == flags


@pytest.mark.parametrize("args", [
    ["SEED"], ["SEED", "--statistics"], ["--exit-zero", "SEED"], ["SEED", "CLEAN"], ["SEED", "NOPE"],
    ["--fix", "COPY"], ["--diff", "SEED"], ["--show-text", "--isolated", "CLEAN"],
])
def test_a_plain_check_prints_and_exits_as_through_typer(args, tmp_path, monkeypatch, capsys):
    from cablelint import cli

    clean = tmp_path / "clean.txt"
    clean.write_text(SEED.read_text(encoding="utf-8").replace("\n16. (SBU)", "\n¶6. (SBU)"), encoding="utf-8")

    def command_line(copy):
        copy.write_bytes(SEED.read_bytes())
        names = {"SEED": SEED, "CLEAN": clean, "NOPE": tmp_path / "nope.txt", "COPY": copy}
        return ["check", *(str(names.get(a, a)) for a in args)]

    argv = command_line(tmp_path / "plain.txt")
    assert cli.plain_check(argv) is not None
    monkeypatch.setattr(sys, "argv", ["cablelint", *argv])
    with pytest.raises(SystemExit) as exit:
        cli.main()
    out = capsys.readouterr()
    plain = (exit.value.code, out.out, out.err, (tmp_path / "plain.txt").read_bytes())

    r = run(*command_line(tmp_path / "typer.txt"))
    through_typer = (r.exit_code, r.stdout, r.stderr, (tmp_path / "typer.txt").read_bytes())
    assert plain[0] in (0, 1, 2) and plain[1] + plain[2]
    assert tuple(x.replace("plain.txt", "typer.txt") if isinstance(x, str) else x for x in plain) == through_typer
