"""The benchmark script's own pieces (its numbers are read by a person, not asserted)."""

from conftest import SEED, script


def test_reference_grammar_reads_one_token_per_line():
    import lark

    bench = script("benchmark")
    parser = lark.Lark(bench.LINE_GRAMMAR, parser="lalr", lexer="contextual")
    tree = parser.parse("C O N F I D E N T I A L TASHKENT 001571\n\n\u00b61. (C) Text.\n12. (S) More.\n")
    kinds = [line.children[0].type for line in tree.children]
    assert kinds == ["TEXT", "BLANK", "NUMBERED", "NUMBERED"]


def test_reference_measurement_covers_every_cable(tmp_path):
    bench = script("benchmark")
    for name in ("09TASHKENT1571.txt", "draft-unsent.txt"):
        (tmp_path / name).write_bytes((SEED.parent / name).read_bytes())
    (tmp_path / "no-final-newline.txt").write_text("UNCLAS STATE 000001\n1. (U) Text.", encoding="utf-8")
    out = bench._measure_reference(bench.cable_files(tmp_path))
    assert out["files"] == 3
    assert out["line_grammar_ms"] > 0 and out["line_grammar_cpu_ms"] > 0 and out["read_split_ms"] > 0
