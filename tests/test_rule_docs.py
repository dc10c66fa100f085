"""Every rule's docstring examples run: the failing one fires, the passing one does not, the
fixed one is what --fix produces. So the documentation cannot rot."""

from datetime import date

import pytest

from cablelint.engine import all_rules, examples

from conftest import diagnostics, fixed

RULES = all_rules()
AS_OF = date(2009, 11, 5)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_has_documented_examples(code):
    r = RULES[code]
    ex = examples(r)
    assert ex["fails"], f"{code} has no failing example"
    assert ex["passes"], f"{code} has no passing example"
    assert r.summary and len(r.summary) < 200
    if r.fixable:
        assert ex["fixed"], f"{code} is fixable but shows no fixed example"


@pytest.mark.parametrize("code", sorted(RULES))
def test_failing_examples_fire(code):
    for text in examples(RULES[code])["fails"]:
        codes = [d.code for d in diagnostics(text, [code], AS_OF)]
        assert code in codes, f"{code} did not fire on its failing example:\n{text}"


@pytest.mark.parametrize("code", sorted(RULES))
def test_passing_examples_stay_quiet(code):
    for text in examples(RULES[code])["passes"]:
        codes = [d.code for d in diagnostics(text, [code], AS_OF)]
        assert code not in codes, f"{code} fired on its passing example:\n{text}"


@pytest.mark.parametrize("code", sorted(c for c, r in RULES.items() if r.fixable))
def test_fixed_examples_are_what_fix_produces(code):
    ex = examples(RULES[code])
    for before, after in zip(ex["fails"], ex["fixed"]):
        assert fixed(before, [code], AS_OF) == after
        assert code not in [d.code for d in diagnostics(after, [code], AS_OF)]
