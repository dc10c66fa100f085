"""Regular expressions stored at build time (cablelint/precompiled.py, cablelint/_regex_tables.py)."""

import json
import re
import subprocess
import sys
from pathlib import Path
from re import _compiler

import lark
import pytest

from cablelint import precompiled
from cablelint._parse_tables import LARK_VERSION
from cablelint._regex_tables import ENGINE, PATTERNS

from conftest import script

ROOT = Path(__file__).resolve().parents[1]
this_engine = pytest.mark.skipif(ENGINE != precompiled.engine_key(),
                                 reason="the stored tables were written for another Python")


def entry(pattern: str, flags: int = 0) -> tuple:
    """A stored entry for `pattern`, made by the build script for this Python."""
    return script("build_tables").program(pattern, int(flags))


def fresh(pattern: str, flags: int = 0) -> re.Pattern:
    return _compiler.compile(pattern, flags)  # not through re's cache


@pytest.fixture
def empty_cache(monkeypatch):
    monkeypatch.setattr(re, "_cache", {})
    return re._cache


@this_engine
def test_every_stored_program_is_what_this_python_compiles():
    program = script("build_tables").program
    assert len(PATTERNS) > 100
    for stored in PATTERNS:
        assert program(stored[0], stored[1]) == stored, stored[0]


def _minor(version: str) -> list[str]:
    return version.split(".")[:2]


@this_engine
@pytest.mark.skipif(_minor(LARK_VERSION) != _minor(lark.__version__),
                    reason="the lexers' patterns were stored for another Lark release")
def test_checking_the_examples_compiles_no_pattern_that_is_not_stored():
    # When this fails, a pattern was added or changed: run `python scripts/build_tables.py`.
    code = ("import json, sys; sys.path.insert(0, 'scripts'); import build_tables as b; "
            "print(json.dumps(b.used_patterns(sorted(b.ROOT.glob('examples/*.txt')))))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    used = {tuple(key) for key in json.loads(out.stdout)}
    assert len(used) > 100
    assert used - {(stored[0], stored[1]) for stored in PATTERNS} == set()


@this_engine
def test_a_seeded_pattern_is_what_re_compile_returns_and_matches_as_a_compiled_one(empty_cache):
    pattern = r"^(?P<mark>\((?:U|C|S|TS)(?://?(?P<control>NF|REL TO [A-Z, ]+))?\))\s+\w"
    assert precompiled.seed(precompiled.engine_key(), [entry(pattern, re.I)]) == 1
    seeded = re.compile(pattern, re.I)
    assert seeded is empty_cache[str, pattern, int(re.I)]
    made = fresh(pattern, re.I)
    assert (seeded.pattern, seeded.flags, seeded.groups, dict(seeded.groupindex)) == \
        (made.pattern, made.flags, made.groups, dict(made.groupindex))
    for text in ("(S//NF) The", "(c) text", "(TS//REL TO USA, GBR) The", "(X) no", "(S//NF)x"):
        a, b = seeded.match(text), made.match(text)
        assert (a and (a.span(), a.groupdict())) == (b and (b.span(), b.groupdict())), text


@this_engine
def test_the_package_seeds_the_stored_patterns_at_import():
    code = ("import re, cablelint, json; from cablelint._regex_tables import PATTERNS; "
            "print(json.dumps(sum((str, p, f) in re._cache for p, f, *_ in PATTERNS)))")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert int(out.stdout) == len(PATTERNS)


def test_tables_for_another_engine_are_not_used(empty_cache):
    stored = entry(r"SECTION (\d+) OF (\d+)")
    other = ("cpython-399", *(precompiled.engine_key() or ("", 0))[1:])
    assert precompiled.seed(other, [stored]) == 0
    assert precompiled.seed(None, [stored]) == 0
    assert empty_cache == {}


def test_a_program_the_engine_refuses_is_left_to_re_compile(empty_cache):
    pattern, flags, compiled_flags, program, groups, groupindex = entry(r"SECTION (\d+) OF (\d+)")
    broken = (pattern, flags, compiled_flags, program[:5] + (999_999,) + program[6:], groups, groupindex)
    assert precompiled.seed(precompiled.engine_key(), [broken]) == 0
    assert empty_cache == {}
    assert re.compile(pattern).match("SECTION 01 OF 02").groups() == ("01", "02")
