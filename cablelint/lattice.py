"""Classification levels and controls: their order, their spellings, and roll-up.

One module used by the model builder and by the rules alike, so that `(S/NF)` and `(S//NF)`,
`(SBU-N)` and `(SBU/NF)` mean the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

LEVELS = ("U", "C", "S", "TS")
RANK = {level: i for i, level in enumerate(LEVELS)}
LEVEL_NAMES = {"U": "UNCLASSIFIED", "C": "CONFIDENTIAL", "S": "SECRET", "TS": "TOP SECRET"}

# Words accepted as the level of a portion mark.
PORTION_LEVELS = {"U": "U", "C": "C", "S": "S", "TS": "TS"}
# Administrative controls that stand in the level position of a portion mark: (SBU) (FOUO).
ADMIN_HEADS = {"SBU": "SBU", "FOUO": "FOUO", "LOU": "LOU"}
# Spelled-out levels in a portion mark: a malformed mark, `(CONFIDENTIAL)` meant `(C)`.
SPELLED_LEVELS = {
    "UNCLASSIFIED": "U", "UNCLAS": "U", "CONFIDENTIAL": "C", "SECRET": "S", "TOPSECRET": "TS",
}

# Dissemination and handling controls, by every spelling seen in either style.
CONTROLS = {
    "NF": "NOFORN", "NOFORN": "NOFORN", "N": "NOFORN",
    "OC": "ORCON", "ORCON": "ORCON",
    "ND": "NODIS", "NODIS": "NODIS",
    "XD": "EXDIS", "EXDIS": "EXDIS",
    "LIMDIS": "LIMDIS", "STADIS": "STADIS", "SIPDIS": "SIPDIS",
    "FGI": "FGI", "PR": "PROPIN", "PROPIN": "PROPIN", "IMC": "IMCON", "IMCON": "IMCON",
    "RELIDO": "RELIDO", "FISA": "FISA",
    "SBU": "SBU", "FOUO": "FOUO", "LES": "LES",
}
ADMIN_CONTROLS = frozenset({"SBU", "FOUO", "LOU", "LES"})
CAPTIONS = ("NOFORN", "SIPDIS", "SENSITIVE", "NODIS", "EXDIS", "LIMDIS", "STADIS")


@dataclass(frozen=True, slots=True)
class Marking:
    """A parsed portion mark or banner: a level plus controls.

    `level` is one of U C S TS (None when the mark names no level at all); `admin` holds SBU,
    FOUO, LOU; `controls` the dissemination controls; `rel_to` the release list when there is
    one; `unknown` the words that are neither; `spelled` is True for `(CONFIDENTIAL)`.
    """

    level: str | None
    admin: frozenset[str] = frozenset()
    controls: frozenset[str] = frozenset()
    rel_to: tuple[str, ...] | None = None
    unknown: tuple[str, ...] = ()
    style: str = "plain"  # "cable" for `/`, "capco" for `//`, "plain" for neither
    spelled: bool = False

    @property
    def noforn(self) -> bool:
        return "NOFORN" in self.controls

    @property
    def classified(self) -> bool:
        return self.level in ("C", "S", "TS")

    def token(self) -> str:
        """The canonical short form, e.g. `S/NF` or `SBU`."""
        head = "SBU" if self.level == "U" and "SBU" in self.admin else (self.level or "?")
        parts = [head]
        short = {"NOFORN": "NF", "ORCON": "OC", "NODIS": "ND", "EXDIS": "XD"}
        parts += sorted(short.get(c, c) for c in self.controls)
        if self.rel_to is not None:
            parts.append("REL TO " + ", ".join(self.rel_to))
        return "/".join(parts)


def rank(level: str | None) -> int:
    return RANK.get(level or "", -1)


def higher(a: str | None, b: str | None) -> str | None:
    return a if rank(a) >= rank(b) else b


def roll_up(markings: list[Marking]) -> Marking | None:
    """The banner a set of portions requires: the highest level and every NOFORN/ORCON."""
    if not markings:
        return None
    level = None
    controls: set[str] = set()
    rel_lists = []
    for m in markings:
        level = higher(level, m.level)
        controls |= m.controls & {"NOFORN", "ORCON", "NODIS", "EXDIS"}
        if m.rel_to is not None:
            rel_lists.append(set(m.rel_to))
    rel = None
    if rel_lists and "NOFORN" not in controls:
        common = set.intersection(*rel_lists)
        rel = tuple(order_countries(common)) if common else None
    return Marking(level=level, controls=frozenset(controls), rel_to=rel)


def order_countries(codes) -> list[str]:
    """USA first, then trigraphs alphabetically, then longer codes alphabetically (CAPCO)."""
    codes = set(codes)
    head = ["USA"] if "USA" in codes else []
    rest = sorted(codes - {"USA"}, key=lambda c: (len(c) > 3, c))
    return head + rest
