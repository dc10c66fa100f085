"""SRC: the input itself, before any marking is read.

Decoding is explicit (UTF-8, UTF-8 or UTF-16 with a BOM, then cp1252) and never guessed from
the locale, so every offset in every report is exact; these rules say when the input was not
what a cable should be.
"""

from __future__ import annotations

from cablelint.engine import rule


def first_invalid_utf8(source) -> int | None:
    """Offset of the first character whose byte is not valid UTF-8, in a cp1252 fallback.

    cp1252 maps each byte to one character, so the byte offset is the character offset.
    """
    try:
        data = source.text.encode("cp1252")
        data.decode("utf-8")
    except UnicodeEncodeError:
        return None
    except UnicodeDecodeError as exc:
        return exc.start
    return None


@rule("SRC001", "not-utf8", "warning")
def not_utf8(cable, ctx):
    """The file is not valid UTF-8; it was read as cp1252, and offsets are exact for that.

    A cable saved by an old Windows editor carries cp1252 bytes (curly quotes, é). The text
    is still checked, but an editor that assumes UTF-8 will show those characters wrongly,
    and a tool that writes the file back must keep the encoding. (`\\x93` in an example below
    stands for the byte 0x93.)

    Fails::

        UNCLAS STATE 000001
        SUBJECT: \\x93Caf\\xe9\\x94 talks

    Passes::

        UNCLAS STATE 000001
        SUBJECT: “Café” talks
    """
    src = ctx.source
    if not src.fallback:
        return
    at = first_invalid_utf8(src)
    if at is None:
        yield ctx.report(src.span(1, 0, 0), "the file is not valid UTF-8; it was read as cp1252")
        return
    line, col = src.position(at)
    char = src.text[at]
    byte = char.encode("cp1252")[0]
    yield ctx.report(src.span(line, col - 1, col),
                     f"the file is not valid UTF-8 (first here, byte 0x{byte:02X}); it was read as "
                     f"cp1252, which makes that byte {char!r}, and positions are exact for that")


@rule("SRC002", "unreadable", "error")
def unreadable(cable, ctx):
    """The file cannot be read, or is binary (it has NUL bytes); nothing else is checked in it.

    Reported by the reader, at line 1, column 1, with the reason (no such file, permission
    denied, binary, not text in any encoding tried); the other files are still checked, and
    the run ends with exit status 2. A file that could be read has nothing to report here.
    (`\\x00` in an example below stands for a NUL byte.)

    Fails::

        UNCLAS STATE 000001\\x00\\x00

    Passes::

        UNCLAS STATE 000001
    """
    return ()


@rule("SRC003", "unrecognized-line", "warning")
def unrecognized_line(cable, ctx):
    """A line that starts like a structural line but does not parse; says what was expected.

    A line that begins like the E.O. line, TAGS, SUBJECT, Classified By, the classification
    line or a routing header line but cannot be read as one is not checked by the rules for
    that line: whatever it should have said goes unverified. A misspelled level word in the
    classification line (`C O N F I D E N T A I L`) or a misspelled caption (`NOFRON`) is named
    with the word it most likely means; the classification line is then read with that level,
    so that the portions are still compared with it.

    Fails::

        C O N F I D E N T I A L TASHKENT 001571
        E.O. 12958: N/A AGS: PREL

    Passes::

        C O N F I D E N T I A L TASHKENT 001571
        E.O. 12958: DECL: 11/05/2019
    """
    for p in cable.problems:
        detail = f" ({p.detail})" if p.detail else ""
        yield ctx.report(p.span, f"this line does not parse: expected {p.expected}{detail}")
