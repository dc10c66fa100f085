"""`junit`: JUnit XML, one test suite a file and one failing test case a finding."""

from __future__ import annotations

from typing import IO, Iterable
from xml.etree import ElementTree as ET

from cablelint.reporters import ReportContext


def report(results: Iterable, out: IO[str], ctx: ReportContext = ReportContext()) -> None:
    results = list(results)
    root = ET.Element("testsuites", name="cablelint")
    total = failures = 0
    for r in results:
        suite = ET.SubElement(root, "testsuite", name=r.source.path)
        n = len(r.diagnostics)
        if not n:
            ET.SubElement(suite, "testcase", name="cablelint", classname=r.source.path)
        for d in r.diagnostics:
            case = ET.SubElement(suite, "testcase", name=f"cablelint.{d.code}",
                                 classname=f"{r.source.path}:{d.span.line}:{d.span.col}")
            body = f"line {d.span.line}, col {d.span.col}: {d.code} {d.name}: {d.message}"
            if ctx.show_text:
                body += "\n" + r.source.text[d.span.start:d.span.end]
            failure = ET.SubElement(case, "failure", message=d.message, type=d.severity.label)
            failure.text = body
        tests = max(n, 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(n))
        total += tests
        failures += n
    root.set("tests", str(total))
    root.set("failures", str(failures))
    ET.indent(root)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(ET.tostring(root, encoding="unicode"))
    out.write("\n")
