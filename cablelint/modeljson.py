"""The documented JSON form of a parsed Cable (`cablelint parse --format json`)."""

from __future__ import annotations

from datetime import date

from cablelint.dates import era_of, parse_decl_date
from cablelint.engine import cable_date
from cablelint.model import Cable, MarkToken


def _mark(m: MarkToken | None) -> dict | None:
    if m is None:
        return None
    k = m.marking
    return {
        "raw": m.raw,
        "level": k.level if k else None,
        "admin": sorted(k.admin) if k else [],
        "controls": sorted(k.controls) if k else [],
        "rel_to": list(k.rel_to) if k and k.rel_to is not None else None,
        "unknown": list(k.unknown) if k else [],
        "problem": m.problem or None,
    }


def cable_json(cable: Cable, as_of: date | None = None) -> dict:
    b = cable.banner
    h = cable.header
    eo = cable.eo
    decl = None
    if eo and eo.kind == "decl":
        parsed = parse_decl_date(eo.instruction)
        decl = parsed.value.isoformat() if parsed and parsed.value else eo.instruction
    when, how = cable_date(cable, as_of)
    return {
        "path": cable.path,
        "banner": None if b is None else {
            "level": b.level,
            "word": b.word,
            "controls": sorted(b.marking.controls | b.marking.admin) if b.marking else [],
            "rel_to": list(b.marking.rel_to) if b.marking and b.marking.rel_to else None,
            "post": b.post,
            "serial": b.serial,
            "section": list(b.section) if b.section else None,
            "invalid_word": b.invalid_word,
            "line": b.span.line if b.span else None,
        },
        "captions": [c.word for c in cable.captions],
        "eo": None if eo is None else {
            "order": eo.order, "kind": eo.kind, "decl": decl, "line": eo.span.line,
            "instructions": [
                {"kind": i.kind, "text": i.text,
                 "date": i.date.value.isoformat() if i.date and i.date.value else None,
                 "years": i.years, "code": i.code or None}
                for i in eo.items
            ],
        },
        "sections": [{"number": m.number, "of": m.total, "kind": m.kind, "line": m.span.line}
                     for m in cable.sections],
        "classified_by": None if cable.authority is None else {
            "by": cable.authority.by,
            "reason_section": cable.authority.section,
            "reasons": list(cable.authority.letters),
            "line": cable.authority.span.line,
        },
        "tags": None if cable.tags is None else [t.text for t in cable.tags.items],
        "subject": None if cable.subject is None else {
            "text": cable.subject.text, "mark": _mark(cable.subject.mark), "line": cable.subject.span.line,
        },
        "refs": [{"label": r.label, "text": r.text, "line": r.span.line} for r in cable.refs],
        "paragraphs": [
            {"number": p.written, "intended": p.intended, "style": p.style,
             "marking": _mark(p.mark), "line": p.number_span.line}
            for p in cable.paragraphs
        ],
        "items": [
            {"marking": _mark(i.mark), "line": i.mark.span.line,
             "paragraph": None if i.paragraph is None else cable.paragraphs[i.paragraph].intended}
            for i in cable.items
        ],
        "header": None if h is None else {
            "prosign": h.prosign,
            "routing_id": h.routing_id,
            "station_serial": h.station_serial,
            "station_section": h.station_section,
            "filed_at": h.filed_at,
            "security": h.security,
            "precedence": h.precedence,
            "dtg": h.dtg,
            "dtg_date": h.dtg_date.isoformat() if h.dtg_date else None,
            "from": h.origin,
        },
        "cable_date": when.isoformat() if when else None,
        "cable_date_source": how,
        "era": era_of(when),
    }
