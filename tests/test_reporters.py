"""Each output format, exactly: snapshots on the seed cable, SARIF against its schema, the
GitHub annotation limit, JUnit, statistics, and no document text in machine formats."""

import json
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from typer.testing import CliRunner

from cablelint.app import app

from conftest import SEED

HERE = Path(__file__).resolve().parent
SEED_REL = "examples/09TASHKENT1571.txt"


@pytest.fixture
def in_root(monkeypatch):
    """Run from the checkout so that paths print relative, as a user sees them."""
    monkeypatch.chdir(HERE.parent)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run(*args, env=None):
    return CliRunner().invoke(app, list(args), env=env)


def many_findings(tmp_path) -> Path:
    """25 numbering gaps (errors) and one dangling reference (a warning)."""
    paras = "\n".join(f"{n}. (U) Paragraph text." for n in range(1, 52, 2))
    p = tmp_path / "many.txt"
    p.write_text("UNCLAS STATE 000001\n\nSUBJECT: (U) Test\n\n" + paras + "\n(see para 99)\n")
    return p


def test_concise_snapshot(in_root):
    r = run("check", "--format", "concise", SEED_REL)
    assert r.stdout == (
        f"{SEED_REL}:25:1: POR005 the SUBJECT line has no portion mark, e.g. SUBJECT: (U) ...\n"
        f"{SEED_REL}:39:9: PAR008 \"Comment:\" without \"End Comment.\"\n"
        f"{SEED_REL}:41:1170: PAR007 paragraph 5 refers to itself\n"
        f"{SEED_REL}:43:1: PAR002 [*] paragraph numbered 16 where ¶6 is expected: the ¶ sign was typed as 1\n"
    )
    assert r.stderr == ""
    assert r.exit_code == 1


def test_full_snapshot(in_root):
    r = run("check", "--format", "full", "--select", "PAR008", SEED_REL)
    assert r.stdout == (
        f"{SEED_REL}:39:9: PAR008 \"Comment:\" without \"End Comment.\"\n"
        " 38 | \n"
        " 39 | ¶5. (C) Comment: Umarov's release is an example of quiet, behind-the-scenes diplomacy "
        "with the Uzbeks on sensitive human …\n"
        "    |         ^^^^^^^^ warning: unbalanced-summary-comment\n"
        "\n"
    )
    assert r.stderr == "Found 1 finding (0 errors, 1 warning, 0 info) in 1 file.\n"


def test_full_frame_of_a_long_line_is_a_window_around_the_finding(in_root):
    r = run("check", "--format", "full", "--select", "PAR007", SEED_REL)
    assert r.stdout == (
        f"{SEED_REL}:41:1170: PAR007 paragraph 5 refers to itself\n"
        " 40 | \n"
        " 41 | … s release. The Embassy has drafted if-asked press guidance (para 5) for any inquiries "
        "(we expect there will be some) and …\n"
        "    |                                                               ^^^^^^ warning: self-reference\n"
        "\n"
    )
    assert r.exit_code == 0  # a warning does not fail by default


def test_full_snapshot_with_fix(in_root):
    r = run("check", "--format", "full", "--select", "PAR002", SEED_REL)
    lines = r.stdout.splitlines()
    assert lines[0] == f"{SEED_REL}:43:1: PAR002 [*] paragraph numbered 16 where ¶6 is expected: the ¶ sign was typed as 1"
    assert lines[1] == " 42 | "
    assert lines[2].startswith(" 43 | 16. (SBU) Recommended State Department press guidance")
    assert lines[3:] == ["    | ^^^ error: pilcrow-slip", "    = fix: renumber as ¶6.", ""]
    assert r.stderr == "Found 1 finding (1 error, 0 warnings, 0 info) in 1 file. 1 fixable with --fix.\n"


def test_sarif_is_valid_and_complete(in_root):
    import jsonschema

    r = run("check", "--format", "sarif", SEED_REL)
    assert r.exit_code == 1
    doc = json.loads(r.stdout)
    schema = json.loads((HERE / "sarif-2.1.0.json").read_text(encoding="utf-8"))
    jsonschema.Draft7Validator(schema).validate(doc)
    run0 = doc["runs"][0]
    rules = run0["tool"]["driver"]["rules"]
    assert [x["id"] for x in rules] == ["PAR002", "PAR007", "PAR008", "POR005"]
    par002 = rules[0]
    assert par002["name"] == "pilcrow-slip"
    assert par002["defaultConfiguration"] == {"level": "error"}
    assert par002["help"]["text"].startswith("A paragraph numbered as the expected number with a leading 1")
    assert "Fails::" in par002["help"]["text"]
    res = run0["results"]
    assert [(x["ruleId"], x["level"]) for x in res] == [
        ("POR005", "note"), ("PAR008", "warning"), ("PAR007", "warning"), ("PAR002", "error")]
    last = res[3]
    assert last["ruleIndex"] == 0
    loc = last["locations"][0]["physicalLocation"]
    assert loc["artifactLocation"] == {"uri": SEED_REL, "uriBaseId": "%SRCROOT%"}
    assert loc["region"] == {"startLine": 43, "startColumn": 1, "endLine": 43, "endColumn": 4,
                             "charOffset": 4331, "charLength": 3}
    assert last["fixes"][0]["artifactChanges"][0]["replacements"] == [{
        "deletedRegion": {"startLine": 43, "startColumn": 1, "endLine": 43, "endColumn": 4,
                          "charOffset": 4331, "charLength": 3},
        "insertedContent": {"text": "¶6."}}]
    fps = [x["partialFingerprints"]["cablelint/v1"] for x in res]
    assert len(set(fps)) == 4 and all(fp.endswith(":0") for fp in fps)
    assert "snippet" not in json.dumps(doc)
    assert "Umarov" not in r.stdout and "Recommended" not in r.stdout


def test_sarif_show_text_adds_snippets(in_root):
    r = run("check", "--format", "sarif", "--show-text", "--select", "PAR002", SEED_REL)
    region = json.loads(r.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]
    assert region["snippet"] == {"text": "16."}


def test_sarif_fingerprints_survive_line_shift(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    text = SEED.read_text(encoding="utf-8")
    Path("a.txt").write_text(text, encoding="utf-8")
    Path("b.txt").write_text("\n\n" + text, encoding="utf-8")
    fps = []
    for name in ("a.txt", "b.txt"):
        doc = json.loads(run("check", "--format", "sarif", name).stdout)
        fps.append([x["partialFingerprints"] for x in doc["runs"][0]["results"]])
    assert fps[0] == fps[1]


def test_github_annotations_on_seed(in_root):
    r = run("check", "--format", "github", SEED_REL)
    assert r.stdout.splitlines() == [
        f"::error file={SEED_REL},line=43,col=1,endLine=43,endColumn=4,title=PAR002::"
        "paragraph numbered 16 where ¶6 is expected: the ¶ sign was typed as 1",
        f"::warning file={SEED_REL},line=39,col=9,endLine=39,endColumn=17,title=PAR008::"
        "\"Comment:\" without \"End Comment.\"",
        f"::warning file={SEED_REL},line=41,col=1170,endLine=41,endColumn=1176,title=PAR007::"
        "paragraph 5 refers to itself",
        f"::notice file={SEED_REL},line=25,col=1,endLine=25,endColumn=44,title=POR005::"
        "the SUBJECT line has no portion mark, e.g. SUBJECT: (U) ...",
    ]


def test_github_chosen_in_actions(in_root):
    r = run("check", "--select", "PAR002", SEED_REL, env={"GITHUB_ACTIONS": "true"})
    assert r.stdout.startswith("::error file=")


def test_github_limit_with_25_errors(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    many_findings(tmp_path)
    r = run("check", "--format", "github", "--select", "PAR", "many.txt")
    assert r.exit_code == 1
    lines = r.stdout.splitlines()
    assert len(lines) == 10 + 1 + 15 + 1
    assert all(line.startswith("::error file=many.txt,line=") for line in lines[:10])
    assert lines[0] == ("::error file=many.txt,line=6,col=1,endLine=6,endColumn=3,title=PAR001::"
                        "paragraph 2 is missing: paragraph numbered 3 where 2 is expected")
    assert lines[10] == ("::warning file=many.txt,line=31,col=6,endLine=31,endColumn=13,title=PAR006::"
                         "reference to paragraph 99, which this cable does not have (last is 51)")
    assert lines[11] == "many.txt:16:1: PAR001 paragraph 22 is missing: paragraph numbered 23 where 22 is expected"
    assert lines[25].startswith("many.txt:30:1: PAR001")
    assert lines[26] == ("cablelint: 15 errors not annotated (GitHub shows 10 of each kind per step); "
                         "listed above")


def test_github_escapes_properties(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a,b:c.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("check", "--format", "github", "--select", "PAR002", "a,b:c.txt")
    assert r.stdout.startswith("::error file=a%2Cb%3Ac.txt,line=43,")


def test_junit(in_root):
    r = run("check", "--format", "junit", "--select", "PAR002,PAR007", SEED_REL)
    root = ET.fromstring(r.stdout)
    assert (root.tag, root.get("tests"), root.get("failures")) == ("testsuites", "2", "2")
    cases = root.findall("testsuite/testcase")
    assert [(c.get("name"), c.get("classname")) for c in cases] == [
        ("cablelint.PAR007", f"{SEED_REL}:41:1170"), ("cablelint.PAR002", f"{SEED_REL}:43:1")]
    failure = cases[1].find("failure")
    assert failure.get("type") == "error"
    assert failure.text == ("line 43, col 1: PAR002 pilcrow-slip: paragraph numbered 16 where ¶6 is "
                            "expected: the ¶ sign was typed as 1")


def test_junit_clean_file_passes(tmp_path):
    p = tmp_path / "clean.txt"
    p.write_text("UNCLAS STATE 000001\n\nSUBJECT: (U) Test\n\n(U) One paragraph only.\n")
    root = ET.fromstring(run("check", "--format", "junit", "--select", "PAR", str(p)).stdout)
    assert (root.get("tests"), root.get("failures")) == ("1", "0")
    assert root.find("testsuite/testcase/failure") is None


@pytest.mark.parametrize("fmt", ["json", "sarif", "github", "junit"])
def test_machine_formats_carry_no_document_text(fmt, in_root):
    r = run("check", "--format", fmt, SEED_REL)
    for prose in ("Umarov", "Recommended", "Comment: Umarov", "Uzbekistan Amnesties", "(SBU)"):
        assert prose not in r.stdout, (fmt, prose)


def test_statistics(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    many_findings(tmp_path)
    r = run("check", "--statistics", "--select", "PAR", "many.txt")
    assert r.stdout == "25\tPAR001\t    paragraph-sequence\n 1\tPAR006\t    dangling-paragraph-reference\n"
    r = run("check", "--statistics", "--format", "json", "--select", "PAR", "many.txt")
    assert json.loads(r.stdout) == [
        {"code": "PAR001", "name": "paragraph-sequence", "count": 25, "fixable": 0},
        {"code": "PAR006", "name": "dangling-paragraph-reference", "count": 1, "fixable": 0}]


def test_output_file(tmp_path, in_root):
    out = tmp_path / "report.sarif"
    r = run("check", "--format", "sarif", "--output-file", str(out), SEED_REL)
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_unknown_format_is_one_line():
    r = run("check", "--format", "sarf", str(SEED))
    assert r.exit_code == 2
    assert r.stderr == ("cablelint: error: --format expects one of full, concise, json, sarif, github, "
                        "junit, got 'sarf' (did you mean 'sarif'?)\n")
