"""Classification levels and controls: their order, their spellings, and roll-up.

One module used by the model builder and by the rules alike, so that `(S/NF)` and `(S//NF)`,
`(SBU-N)` and `(SBU/NF)`, `(C/REL NATO)` and `(C//REL TO NATO)` mean the same thing everywhere.
The grammar keeps markings as words; this module gives the words their meaning.
"""

from __future__ import annotations

import re

from cablelint.records import record

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
    "TOP SECRET": "TS",
}

# Dissemination and handling controls, by every spelling seen in either style.
CONTROLS = {
    "NF": "NOFORN", "NOFORN": "NOFORN", "N": "NOFORN",
    "NOT RELEASABLE TO FOREIGN NATIONALS": "NOFORN",
    "OC": "ORCON", "ORCON": "ORCON", "ORIGINATOR CONTROLLED": "ORCON",
    "ND": "NODIS", "NODIS": "NODIS",
    "XD": "EXDIS", "EXDIS": "EXDIS",
    "LIMDIS": "LIMDIS", "STADIS": "STADIS", "SIPDIS": "SIPDIS",
    "FGI": "FGI", "PR": "PROPIN", "PROPIN": "PROPIN", "IMC": "IMCON", "IMCON": "IMCON",
    "RELIDO": "RELIDO", "FISA": "FISA", "RSEN": "RSEN",
    "DISPLAY ONLY": "DISPLAY ONLY", "EYES ONLY": "EYES ONLY",
    # SCI control systems and atomic energy markings: real, if rare in a State cable.
    "SI": "SI", "TK": "TK", "HCS": "HCS", "KDK": "KDK", "RSV": "RSV",
    "RD": "RD", "FRD": "FRD", "CNWDI": "CNWDI", "UCNI": "UCNI",
    # Administrative (unclassified) controls.
    "SBU": "SBU", "SENSITIVE BUT UNCLASSIFIED": "SBU",
    "FOUO": "FOUO", "FOR OFFICIAL USE ONLY": "FOUO",
    "LOU": "LOU", "LIMITED OFFICIAL USE": "LOU",
    "LES": "LES", "LAW ENFORCEMENT SENSITIVE": "LES", "SSI": "SSI",
}
ADMIN_CONTROLS = frozenset({"SBU", "FOUO", "LOU", "LES", "SSI"})
# Controls a banner must carry when any portion carries them (CAPCO roll-up).
ROLLED_UP = frozenset({"NOFORN", "ORCON", "NODIS", "EXDIS"})
CAPTIONS = ("NOFORN", "SIPDIS", "SENSITIVE", "NODIS", "EXDIS", "LIMDIS", "STADIS")
SHORT = {"NOFORN": "NF", "ORCON": "OC", "NODIS": "ND", "EXDIS": "XD"}

_REL_SPLIT = re.compile(r"[\s,/]+")
_REL_CONNECTORS = frozenset({"AND", "TO", "&"})


@record(frozen=True)
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

    @property
    def meaning(self) -> tuple:
        """What the marking says, whatever its style: equal for `(S/NF)` and `(S//NF)`."""
        rel = None if self.rel_to is None else frozenset(self.rel_to)
        return (self.level, self.admin, self.controls, rel, frozenset(self.unknown))

    def same_as(self, other: "Marking") -> bool:
        return self.meaning == other.meaning

    def token(self) -> str:
        """The canonical short form, e.g. `S/NF` or `SBU`."""
        head = "SBU" if self.level == "U" and "SBU" in self.admin else (self.level or "?")
        parts = [head]
        parts += sorted(SHORT.get(c, c) for c in self.controls)
        parts += sorted(a for a in self.admin if not (head == "SBU" and a == "SBU"))
        if self.rel_to is not None:
            parts.append("REL TO " + ", ".join(self.rel_to))
        return "/".join(parts)


def rank(level: str | None) -> int:
    return RANK.get(level or "", -1)


def higher(a: str | None, b: str | None) -> str | None:
    return a if rank(a) >= rank(b) else b


def level_name(level: str | None) -> str:
    return LEVEL_NAMES.get(level or "", "no level")


def control_values(word: str) -> frozenset[str] | None:
    """The controls one written word stands for (`SBU NOFORN` is two); None if unknown."""
    key = " ".join(word.upper().split())
    if key in CONTROLS:
        return frozenset({CONTROLS[key]})
    pieces = [p for p in re.split(r"[\s\-]+", key) if p]
    if len(pieces) > 1 and all(p in CONTROLS for p in pieces):
        return frozenset(CONTROLS[p] for p in pieces)
    return None


def rel_codes(groups) -> list[str]:
    """Country and organisation codes of a REL TO list: `USA, GBR`, `NATO and AUS`."""
    out: list[str] = []
    for group in groups:
        for w in _REL_SPLIT.split(group.upper()):
            if w and w not in _REL_CONNECTORS:
                out.append(w)
    return out


def _split_admin(values: set[str]) -> tuple[frozenset[str], frozenset[str]]:
    admin = frozenset(values & ADMIN_CONTROLS)
    return admin, frozenset(values - admin)


def portion_marking(head: str, items) -> Marking:
    """The meaning of a portion mark's words.

    `items` are (separator, kind, words) after the head: kind "control" with its words, or
    "rel" with the groups of a REL TO list. A word that names nothing goes to `unknown`.
    """
    up = head.upper()
    spelled = False
    level: str | None
    values: set[str] = set()
    if up in PORTION_LEVELS:
        level = up
    elif up in ADMIN_HEADS:
        level, values = "U", {ADMIN_HEADS[up]}
    elif up in SPELLED_LEVELS:
        level, spelled = SPELLED_LEVELS[up], True
    else:
        level = None
    unknown: list[str] = [] if level is not None else [up]
    rel: list[str] | None = None
    styles = set()
    for sep, kind, words in items:
        styles.add("capco" if sep == "//" else "cable")
        if kind == "rel":
            rel = (rel or []) + rel_codes(words)
            continue
        word = " ".join(words)
        found = control_values(word)
        if rel is not None and sep == "/" and found is None:
            rel += rel_codes([word])  # (S/REL TO NATO/AUS): the slash continues the list
        elif found is not None:
            values |= found
        else:
            unknown.append(" ".join(word.upper().split()))
    admin, controls = _split_admin(values)
    style = "capco" if "capco" in styles else ("cable" if styles else "plain")
    return Marking(level=level, admin=admin, controls=controls,
                   rel_to=tuple(rel) if rel is not None else None, unknown=tuple(unknown),
                   style=style, spelled=spelled)


def banner_marking(level: str, blocks) -> Marking:
    """The meaning of a classification line: its level and the CAPCO blocks after `//`.

    Within a block, `/` separates values of one category: `SECRET//ORCON/NOFORN`.
    """
    values: set[str] = set()
    unknown: list[str] = []
    rel: list[str] | None = None
    for block in blocks:
        text = " ".join(block.upper().split())
        m = re.match(r"REL(?:\s+TO)?\s+(.*)$", text)
        if m:
            rel = (rel or []) + rel_codes([m.group(1)])
            continue
        found = control_values(text)
        if found is not None:
            values |= found
            continue
        for part in text.split("/"):
            part = part.strip()
            found = control_values(part) if part else frozenset()
            if found is None:
                unknown.append(part)
            else:
                values |= found
    admin, controls = _split_admin(values)
    return Marking(level=level, admin=admin, controls=controls,
                   rel_to=tuple(rel) if rel is not None else None, unknown=tuple(unknown),
                   style="capco" if blocks else "plain")


def roll_up(markings: list[Marking]) -> Marking | None:
    """The banner a set of portions requires.

    The highest level; every NOFORN, ORCON, NODIS, EXDIS; a REL TO list only when every
    classified portion has one and none is NOFORN (the intersection, USA first); SBU and
    the other administrative controls only in an unclassified result.
    """
    if not markings:
        return None
    level = None
    controls: set[str] = set()
    admin: set[str] = set()
    rel_lists = []
    every_classified_released = True
    for m in markings:
        level = higher(level, m.level)
        controls |= m.controls & ROLLED_UP
        admin |= m.admin
        if m.rel_to is not None:
            rel_lists.append(set(m.rel_to) - {"USA"})
        elif m.classified:
            every_classified_released = False
    rel = None
    if rel_lists and every_classified_released and "NOFORN" not in controls:
        common = set.intersection(*rel_lists)
        rel = tuple(order_countries(common | {"USA"})) if common else None
    return Marking(level=level, admin=frozenset(admin) if level == "U" else frozenset(),
                   controls=frozenset(controls), rel_to=rel)


def order_countries(codes) -> list[str]:
    """USA first, then trigraphs alphabetically, then longer codes alphabetically (CAPCO)."""
    codes = set(codes)
    head = ["USA"] if "USA" in codes else []
    rest = sorted(codes - {"USA"}, key=lambda c: (len(c) > 3, c))
    return head + rest


def rel_order_problem(codes: tuple[str, ...]) -> str | None:
    """Why a CAPCO REL TO list is out of order, or None: USA first, then codes in order."""
    if "USA" not in codes:
        return None  # a State-style list (`REL NATO`) does not follow the CAPCO order
    want = order_countries(codes)
    if list(codes) == want:
        return None
    if codes[0] != "USA":
        return f"USA must come first: REL TO {', '.join(want)}"
    return f"codes must follow USA in order (trigraphs, then longer codes): REL TO {', '.join(want)}"
