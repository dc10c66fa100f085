"""The benchmark script's own pieces (its numbers are read by a person, not asserted)."""

from conftest import SEED, script


def test_reference_grammar_reads_one_token_per_line():
    import lark

    bench = script("benchmark")
    parser = lark.Lark(bench.LINE_GRAMMAR, parser="lalr", lexer="contextual")
    tree = parser.parse("C O N F I D E N T I A L TASHKENT 001571\n\n\u00b61. (C) Text.\n12. (S) More.\n")
    kinds = [line.children[0].type for line in tree.children]
    assert kinds == ["TEXT", "BLANK", "NUMBERED", "NUMBERED"]


def test_throughput_and_reference_measurements_cover_every_cable(tmp_path):
    bench = script("benchmark")
    for name in ("09TASHKENT1571.txt", "draft-unsent.txt"):
        (tmp_path / name).write_bytes((SEED.parent / name).read_bytes())
    (tmp_path / "no-final-newline.txt").write_text("UNCLAS STATE 000001\n1. (U) Text.", encoding="utf-8")
    one = bench._measure_throughput(str(tmp_path), 1)
    assert one["files"] == 3 and one["errors"] == 0 and one["findings"] > 0
    assert one["seconds"] > 0 and one["cpu_seconds"] > 0
    ref = one["reference"]
    assert ref["line_grammar_ms"] > 0 and ref["line_grammar_cpu_ms"] > 0 and ref["read_split_ms"] > 0
    two = bench._measure_throughput(str(tmp_path), 2)
    assert (two["files"], two["findings"], two["errors"]) == (3, one["findings"], 0)
    assert "reference" not in two


def test_shapes_script_checks_every_shape_in_every_place(capsys):
    shapes = script("shapes")
    assert shapes.main(["--size", "300", "--limit", "1000"]) == 0  # no shape can be reported at that limit
    out = capsys.readouterr().out.splitlines()
    assert out == [f"{len(shapes.PIECES) * len(shapes.PLACES)} shapes checked; 0 grow faster than their length"]
    assert len(shapes.PLACES) == 5 and "\\" in shapes.PIECES and "S E C R E T " in shapes.PIECES
