"""Bad input through the real command line: one clear line on stderr, status 2, no traceback,
and every other path still checked."""

import codecs
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cablelint.app import app

from conftest import SEED

ROOT = Path(__file__).resolve().parents[1]
SLIP = "UNCLAS STATE 000001\n1. (U) One.\n2. (U) Two.\n13. (U) Three.\n"  # PAR002 at 4:1


def check(*args, input=None):
    """Run `cablelint check --format concise --select PAR ...`; assert no traceback escaped."""
    r = CliRunner().invoke(app, ["check", "--format", "concise", "--select", "PAR", *map(str, args)],
                           input=input)
    assert r.exception is None or isinstance(r.exception, SystemExit), repr(r.exception)
    assert "Traceback" not in r.stderr
    return r


def errors(r) -> list[str]:
    return r.stderr.splitlines()


@pytest.fixture
def good(tmp_path) -> Path:
    p = tmp_path / "good.txt"
    p.write_text(SLIP, encoding="utf-8")
    return p


GOOD_LINE = "good.txt:4:1: PAR002 [*] paragraph numbered 13 where ¶3 is expected: the ¶ sign was typed as 1"


def test_missing_path_other_paths_still_checked(tmp_path, good):
    r = check(tmp_path / "nope.txt", good)
    assert r.exit_code == 2
    assert errors(r) == [f"cablelint: error: {tmp_path / 'nope.txt'}: no such file or directory"]
    assert r.stdout == f"{tmp_path}/{GOOD_LINE}\n"


def test_directory_is_recursed_for_cable_files_only(tmp_path):
    d = tmp_path / "archive"
    for rel in ("a.txt", "b.cable", "c.tel", "notes.md", "d.TXT.bak", "sub/e.txt", ".hidden/f.txt"):
        (d / rel).parent.mkdir(parents=True, exist_ok=True)
        (d / rel).write_text(SLIP, encoding="utf-8")
    r = check(d)
    assert r.exit_code == 1
    assert r.stderr == ""
    assert [line.split(":", 1)[0] for line in r.stdout.splitlines()] == [
        f"{d}/a.txt", f"{d}/b.cable", f"{d}/c.tel", f"{d}/sub/e.txt"]


def test_empty_file_is_checked_quietly(tmp_path, good):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    r = check(empty, good)
    assert r.exit_code == 1  # the finding in good.txt; nothing about the empty file
    assert r.stderr == ""
    assert r.stdout == f"{tmp_path}/{GOOD_LINE}\n"


def refused(r, path, reason: str, tmp_path) -> None:
    """One line naming the path on stderr, status 2, and good.txt still checked."""
    assert r.exit_code == 2
    assert errors(r) == [f"cablelint: error: {path}: {reason}"]
    assert r.stdout == f"{tmp_path}/{GOOD_LINE}\n"


@pytest.mark.parametrize("data, reason", [
    (b"UNCLAS STATE 000001\n\x00\x01\x02\xff\n", "binary file (contains NUL bytes), not checked"),
    (b"\xff\xfeU\x00N\x00C", "not valid UTF-16 text (truncated data at byte 6)"),
    (b"\xff\xfe" + "UNCLAS\x00".encode("utf-16-le"), "binary file (contains NUL characters), not checked"),
    (b"UNCLAS \x81\x8d\n", "neither UTF-8 nor cp1252 text (byte 0x81 at offset 7)"),
    (SLIP.encode("utf-16-le"), "looks like UTF-16 without a byte-order mark; "
                               "save it as UTF-8 (or UTF-16 with a BOM) to check it"),
])
def test_undecodable_bytes_are_one_line_and_the_rest_is_checked(tmp_path, good, data, reason):
    p = tmp_path / "bad.txt"
    p.write_bytes(data)
    refused(check(p, good), p, reason, tmp_path)


def test_cp1252_is_linted_with_exact_columns(tmp_path):
    p = tmp_path / "w.txt"
    text = "UNCLAS STATE 000001\n1. (U) One.\n2. (U) Caf\xe9 \u201csee para 2\u201d.\n4. (U) Four.\n"
    p.write_bytes(text.encode("cp1252"))
    r = check(p)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        f"{p}:3:18: PAR007 paragraph 2 refers to itself",
        f"{p}:4:1: PAR001 paragraph 3 is missing: paragraph numbered 4 where 3 is expected",
    ]
    # column 18 counts characters: "2. (U) Café “" is 13 characters, "see " 4 more
    assert text.splitlines()[2].index("para 2") + 1 == 18


def test_cp1252_fix_keeps_the_encoding(tmp_path):
    p = tmp_path / "w.txt"
    text = "UNCLAS STATE 000001\n\xb61. (U) Caf\xe9.\n\xb62. (U) Two.\n13. (U) Three.\n"
    p.write_bytes(text.encode("cp1252"))
    r = CliRunner().invoke(app, ["check", "--fix", "--format", "concise", "--select", "PAR002", str(p)])
    assert r.exit_code == 0, r.stdout + r.stderr
    assert p.read_bytes() == text.replace("13.", "\xb63.").encode("cp1252")


@pytest.mark.parametrize("codec, bom", [
    ("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
    ("utf-32-le", b"\xff\xfe\x00\x00"), ("utf-32-be", b"\x00\x00\xfe\xff"),  # not taken for UTF-16
])
def test_utf16_and_utf32_with_bom_are_decoded_and_fixed_in_place(tmp_path, codec, bom):
    p = tmp_path / "u.txt"
    p.write_bytes(bom + SLIP.encode(codec))
    r = check(p)
    assert r.exit_code == 1
    assert r.stdout == f"{tmp_path}/{GOOD_LINE.replace('good.txt', 'u.txt')}\n"
    r = CliRunner().invoke(app, ["check", "--fix", "--select", "PAR002", str(p)])
    assert r.exit_code == 0, r.stdout + r.stderr
    assert p.read_bytes() == bom + SLIP.replace("13.", "3.").encode(codec)


def test_file_over_the_size_limit_is_refused(tmp_path, good, monkeypatch):
    import cablelint.source

    monkeypatch.setattr(cablelint.source, "MAX_BYTES", 1 << 20)
    p = tmp_path / "huge.txt"
    p.write_bytes(b"UNCLAS STATE 000001\n" + b"x" * (3 << 20))
    r = check(p, good)
    refused(r, p, "too large to be a cable (3 MiB), not checked", tmp_path)


def test_file_read_to_its_end_or_past_the_limit(tmp_path, monkeypatch):
    """The read is sized from the stat, but a file that grew since is still read to its end, and
    a file over the limit gives more than the limit (so the caller refuses it)."""
    import cablelint.source

    p = tmp_path / "grown.txt"
    data = bytes(range(256)) * 1000  # 256 kB: more than one read of 64 kB
    p.write_bytes(data)
    assert cablelint.source._read_file(str(p), 10) == data
    assert cablelint.source._read_file(str(p), len(data)) == data
    monkeypatch.setattr(cablelint.source, "MAX_BYTES", 100_000)
    assert len(cablelint.source._read_file(str(p), 10)) > 100_000


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0,
                    reason="root reads a file whatever its permission bits; "
                           "test_unreadable_file_simulated covers the same path")
def test_unreadable_file(tmp_path, good):
    p = tmp_path / "secret.txt"
    p.write_text(SLIP, encoding="utf-8")
    p.chmod(0)
    try:
        r = check(p, good)
    finally:
        p.chmod(0o600)
    refused(r, p, "permission denied", tmp_path)


def test_unreadable_file_simulated(tmp_path, good, monkeypatch):
    import cablelint.source

    p = tmp_path / "secret.txt"
    p.write_text(SLIP, encoding="utf-8")

    real_open = os.open

    def guarded_open(file, *args, **kwargs):  # root may read anything: refuse as a mode 000 file would
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(cablelint.source.os, "open", guarded_open)
    r = check(p, good)
    refused(r, p, "permission denied", tmp_path)


def test_broken_symlink(tmp_path, good):
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "deleted.txt")
    r = check(link, good)
    refused(r, link, "broken symbolic link", tmp_path)


def test_broken_symlink_inside_a_directory(tmp_path):
    d = tmp_path / "d"
    d.mkdir()
    (d / "a.txt").write_text(SLIP, encoding="utf-8")
    (d / "b.txt").symlink_to(d / "missing.txt")
    r = check(d)
    assert r.exit_code == 2
    assert errors(r) == [f"cablelint: error: {d / 'b.txt'}: broken symbolic link"]
    assert r.stdout.splitlines()[0].startswith(f"{d / 'a.txt'}:4:1: PAR002")


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_unknown_rule_code(good, option):
    r = CliRunner().invoke(app, ["check", option, "XYZ123", str(good)])
    assert r.exit_code == 2
    assert r.stdout == ""
    assert errors(r) == [f"cablelint: error: {option}: unknown rule or prefix 'XYZ123'"]


def test_crlf_and_line_separator_keep_positions_exact(tmp_path):
    p = tmp_path / "crlf.txt"
    text = ("UNCLAS STATE 000001\r\n"
            "1. (U) One\u2028 continued\u2028 here.\r\n"
            "2. (U) Text\u2028more, see para 2 here.\r\n"
            "4. (U) Four.\r\n")
    p.write_bytes(text.encode("utf-8"))
    r = check(p)
    assert r.exit_code == 1
    # U+2028 is inside a line, not a line break: the reference is on line 3, column 23
    assert text.split("\r\n")[2].index("para 2") + 1 == 23
    assert r.stdout.splitlines() == [
        f"{p}:3:23: PAR007 paragraph 2 refers to itself",
        f"{p}:4:1: PAR001 paragraph 3 is missing: paragraph numbered 4 where 3 is expected",
    ]


def test_crlf_fix_keeps_line_endings(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes(SLIP.replace("\n", "\r\n").encode())
    r = CliRunner().invoke(app, ["check", "--fix", "--format", "concise", "--select", "PAR002", str(p)])
    assert r.exit_code == 0, r.stdout + r.stderr
    assert p.read_bytes() == SLIP.replace("\n", "\r\n").replace("13.", "3.").encode()


def test_carriage_returns_alone_end_lines_and_a_fix_keeps_them(tmp_path):
    """A file saved on classic Mac OS ends each line with a carriage return alone: read as line
    ends (before, the whole file was one line: BAN001 at column 575 of the example cable)."""
    p = tmp_path / "cr.txt"
    text = SLIP.replace("\n", "\r") + "4. (U) Four, see para 4.\r\n5. (U) Five.\r"
    p.write_bytes(text.encode())
    r = check(p)
    assert r.exit_code == 1
    assert r.stdout.splitlines() == [
        f"{p}:4:1: PAR002 [*] paragraph numbered 13 where ¶3 is expected: the ¶ sign was typed as 1",
        f"{p}:5:18: PAR007 paragraph 4 refers to itself",
    ]
    r = CliRunner().invoke(app, ["check", "--diff", "--select", "PAR002", str(p)])
    assert "\n-13. (U) Three.\n+3. (U) Three.\n" in r.stdout
    r = CliRunner().invoke(app, ["check", "--fix", "--format", "concise", "--select", "PAR002", str(p)])
    assert r.exit_code == 0, r.stdout + r.stderr
    assert p.read_bytes() == text.replace("13.", "3.").encode()


def test_no_break_and_thin_spaces_read_as_spaces_positions_and_text_kept(tmp_path):
    """10BOGOTA243 has "TAG:\u00a0 PTER" and a no-break space before "¶2."; a word processor
    puts them anywhere. They read as blanks; columns are the original's; a fix changes only
    its own span, the other no-break spaces stay."""
    from conftest import fixed, lint_text

    text = ("C O N F I D E N T I A L STATE 000001\n\nE.O.\u00a012958:\u00a0DECL:\u00a011/05/2019\n"
            "TAGS:\u00a0 PREL,\u2009PGOV\nSUBJECT:\u00a0(U) Talks\n\n\u00a01.\u00a0(C) One.\n"
            "2.\u202f(C) Two, see para\u00a02.\n13.\u00a0(C) Three.\n")
    plain = text
    for blank in "\u00a0\u2009\u202f":
        plain = plain.replace(blank, " ")
    r, p = lint_text(text), lint_text(plain)
    assert [t.text for t in r.cable.tags.items] == ["PREL", "PGOV"]
    assert r.cable.eo.items[0].date.value.isoformat() == "2019-11-05"
    assert [(d.code, d.span.line, d.span.col, d.message) for d in r.diagnostics] == \
        [(d.code, d.span.line, d.span.col, d.message) for d in p.diagnostics]
    assert [(d.code, d.span.line, d.span.col) for d in lint_text(text, ["PAR"]).diagnostics] == [
        ("PAR007", 8, 17), ("PAR002", 9, 1)]
    assert fixed(text, ["PAR002"]) == text.replace("13.\u00a0(C)", "3.\u00a0(C)")


def test_a_second_byte_order_mark_and_zero_width_spaces_read_as_blanks(tmp_path):
    """A file with two byte-order marks keeps one at the start of its text once decoded; before,
    the classification line behind it was not found (BAN001, and no level for the rules)."""
    text = ("C O N F I D E N T I A L STATE 000001\n\nE.O. 12958: DECL: 11/05/2019\n"
            "TAGS: PREL,\u200bPGOV\nSUBJECT: (U) Talks\n\n1. (C) One.\n2. (S) Two.\n")
    p = tmp_path / "bom.txt"
    p.write_bytes(codecs.BOM_UTF8 * 2 + text.encode())
    r = CliRunner().invoke(app, ["check", "--format", "concise", "--select", "BAN,TAG", str(p)])
    assert r.stdout.splitlines() == [
        f"{p}:8:4: BAN002 paragraph 2 is marked (S) but the banner is CONFIDENTIAL: the cable is at least "
        "SECRET, or the mark is too high"]


@pytest.mark.parametrize("end", [" \\", "\\", "\\ \\"])
def test_an_export_backslash_at_every_line_end_changes_no_finding(end):
    """07BERN158's export ends lines with "\"; a cable with only such a copy read its DTG
    ("O 161128Z FEB 07 \") as no DTG (HDR001), its banner's controls with the backslash
    (POR003), and a Classified By line continued below as giving no reason (CAB002)."""
    from conftest import lint_text

    text = SEED.read_text(encoding="utf-8").replace("C O N F I D E N T I A L TASHKENT 001571",
                                                    "CONFIDENTIAL//NOFORN TASHKENT 001571")
    text = text.replace("Nicholas Berliner, Pol-Econ", "Nicholas Berliner,\nPol-Econ", 1)
    plain = [(d.code, d.span.line, d.span.col, d.message) for d in lint_text(text).diagnostics]
    ended = lint_text(text.replace("\n", end + "\n"))
    assert [(d.code, d.span.line, d.span.col, d.message) for d in ended.diagnostics] == plain
    assert ended.cable.header.dtg == "050806Z NOV 09" and ended.cable.banner.controls == ("NOFORN",)
    assert ended.cable.authority.letters == ("b", "d")


def test_dashes_a_word_processor_makes_read_as_hyphens():
    """Typed in a word processor, "-------" under a heading becomes "———————", a hyphen before
    an item "—", and "paras 2-4" "paras 2–4": read as the hyphens they stand for."""
    from conftest import lint_text

    plain = ("C O N F I D E N T I A L STATE 000001\n\nSUBJECT: (U) Talks\n\n1. (C) One, see paras 2-4.\n\n"
             "2. (C) B:\n- (S) an item.\n\n-------\nComment: A Call for Nuance\n-------\nWe think so.\n\n"
             "3. (C) C.\n")
    typed = plain.replace("-------", "\u2014" * 7).replace("- (S)", "\u2014 (S)").replace("2-4", "2\u20134")
    seen = [(d.code, d.span.line, d.span.col, d.message) for d in lint_text(plain).diagnostics]
    assert [(d.code, d.span.line, d.span.col, d.message) for d in lint_text(typed).diagnostics] == seen
    assert [x[:3] for x in seen if x[0].startswith(("PAR", "BAN002"))] == [("PAR006", 5, 17), ("BAN002", 8, 3)]


def test_curly_quotes_read_as_straight_ones():
    # 01VATICAN5693 begins '","C O N F I D E N T I A L SECTION 01 OF 02 VATICAN 005693' (a CSV
    # record run onto the cable); a word processor makes the quotes curly
    from conftest import lint_text

    plain = ('","C O N F I D E N T I A L SECTION 01 OF 02 VATICAN 005693\n\nE.O. 12958: DECL: 10/23/2011\n'
             "TAGS: PREL\nSUBJECT: (U) Talks\n\n1. (C) The \"new\" line. He said: 'no.' 2. (S) B.\n")
    typed = (plain.replace('","', "\u201d,\u201c").replace('"new"', "\u201cnew\u201d")
             .replace("'no.'", "\u2018no.\u2019"))
    seen = [(d.code, d.span.line, d.span.col, d.message) for d in lint_text(typed).diagnostics]
    assert seen == [(d.code, d.span.line, d.span.col, d.message) for d in lint_text(plain).diagnostics]
    assert lint_text(typed).cable.banner.level == "C"
    assert ("BAN002", 7, 42) in [x[:3] for x in seen]  # paragraph 2 run on after a closing quote


def test_diff_line_numbers_count_only_real_line_breaks(tmp_path):
    p = tmp_path / "ls.txt"
    p.write_text("UNCLAS STATE 000001\n1. (U) One\u2028 two.\n2. (U) Two.\n13. (U) Three.\n", encoding="utf-8")
    r = CliRunner().invoke(app, ["check", "--diff", "--select", "PAR002", str(p)])
    assert r.stdout.splitlines()[2] == "@@ -1,4 +1,4 @@"


def big_cable(megabytes: int) -> str:
    """A cable of about `megabytes` MB: 300 long paragraphs, the 42nd left out."""
    head = "UNCLAS STATE 000001\n\nSUBJECT: (U) A very long cable\n\n"
    line = "The embassy met officials on the matter and will report further. " * 15 + "\n"
    per = max(1, (megabytes * 1_000_000 - len(head)) // (len(line) * 299))
    body = line * per
    return head + "".join(f"{n}. (U) {body}\n" for n in range(1, 301) if n != 42)


def test_fifty_megabyte_cable_is_checked(tmp_path):
    p = tmp_path / "huge.txt"
    text = big_cable(50)
    p.write_text(text, encoding="utf-8")
    assert p.stat().st_size >= 49_000_000
    line = text[:text.index("\n43. (U)")].count("\n") + 2
    r = check(p)
    assert r.exit_code == 1
    assert r.stderr == ""
    assert r.stdout.splitlines() == [
        f"{p}:{line}:1: PAR001 paragraph 42 is missing: paragraph numbered 43 where 42 is expected"]


def test_parsing_a_large_cable_needs_memory_near_its_size():
    import tracemalloc

    from cablelint.parse import parse_source
    from cablelint.source import Source

    text = big_cable(5).replace("1. (U)", "¶1. (U)", 1)
    src = Source(path="big.txt", text=text)
    tracemalloc.start()
    try:
        parse_source(src)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 6 * len(text), f"peak {peak / 1e6:.0f} MB for a {len(text) / 1e6:.0f} MB cable"


def test_no_traceback_from_the_real_entry_point(tmp_path):
    binary = tmp_path / "b.txt"
    binary.write_bytes(b"\x00" * 10)
    p = subprocess.run([sys.executable, "-m", "cablelint", "check", "--format", "concise",
                        str(binary), str(tmp_path / "missing.txt"), str(SEED)],
                       capture_output=True, text=True, cwd=ROOT)
    assert p.returncode == 2
    assert p.stderr.splitlines() == [
        f"cablelint: error: {tmp_path / 'missing.txt'}: no such file or directory",
        f"cablelint: error: {binary}: binary file (contains NUL bytes), not checked",
    ]
    assert "PAR002" in p.stdout
