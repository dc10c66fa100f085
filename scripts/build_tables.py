"""Write cablelint/_parse_tables.py: the LALR tables of the grammars in grammar/.

    python scripts/build_tables.py

Run it after editing a grammar; tests/test_grammar.py fails while the stored tables are out of
date (cablelint still works then, building the tables at start-up).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from cablelint.grammars import GRAMMARS, build, grammar_hash, grammar_text, tables  # noqa: E402


def render() -> str:
    import lark

    out = [
        '"""Parse tables of grammar/*.lark, written by scripts/build_tables.py; do not edit."""',
        "",
        f"LARK_VERSION = {lark.__version__!r}",
        "",
        "TABLES = {",
    ]
    for name in GRAMMARS:
        entry = {"sha256": grammar_hash(grammar_text(name)), **tables(build(name))}
        out.append(f"    {name!r}: {entry!r},")
    out.append("}")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    (ROOT / "cablelint" / "_parse_tables.py").write_text(render(), encoding="utf-8")
