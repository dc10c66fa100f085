"""The seed cable shows exactly what RULES.md says it must, and --fix mends only `16.`."""

from cablelint.engine import select_rules
from cablelint.lint import fix, lint
from cablelint.source import read_path

from conftest import SEED


def test_seed_findings_are_exactly_the_catalogued_ones():
    res = lint(read_path(str(SEED)), select_rules())
    got = [(d.code, d.span.line, d.span.col, d.severity.label) for d in res.diagnostics]
    assert got == [
        ("POR005", 25, 1, "info"),       # SUBJECT: without a portion mark
        ("PAR008", 39, 9, "warning"),    # "Comment:" in ¶5, no "End Comment."
        ("PAR007", 41, 1170, "warning"),  # "(para 5)" inside ¶5
        ("PAR002", 43, 1, "error"),      # 16. where ¶6. is expected
    ]
    assert not res.internal_errors


def test_seed_paragraph_model():
    res = lint(read_path(str(SEED)), select_rules(["PAR"]))
    paras = res.cable.paragraphs
    assert [(p.written, p.intended, p.style) for p in paras] == [
        ("1", 1, "pilcrow"), ("2", 2, "pilcrow"), ("3", 3, "pilcrow"), ("4", 4, "pilcrow"),
        ("5", 5, "pilcrow"), ("16", 6, "plain"),
    ]
    # the blank line inside ¶5 continues ¶5
    assert (paras[4].span.line, paras[4].span.end_line) == (39, 41)
    assert [m.marking.token() for m in (p.mark for p in paras)] == ["C"] * 5 + ["SBU"]


def test_seed_fix_changes_only_the_slipped_number():
    src = read_path(str(SEED))
    res = fix(src, select_rules())
    assert res.fixed_text == src.text.replace("\n16. (SBU)", "\n¶6. (SBU)")
    assert res.fixes_applied == 1
    assert [d.code for d in res.diagnostics] == ["POR005", "PAR008", "PAR007"]
