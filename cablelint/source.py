"""Read a cable: bytes in, decoded text with an exact line index out.

Decoding is explicit (UTF-8, UTF-8 with BOM, UTF-16 or UTF-32 with BOM, then cp1252) and never uses the
locale. Lines end at "\\n", "\\r\\n" and a carriage return alone (a file saved on classic Mac OS),
never at U+2028: real cables contain it inside lines.
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from bisect import bisect_right
from itertools import accumulate

from cablelint.records import field, maker, record


# A carriage return not followed by a line feed ends its line, as editors read it.
RE_LONE_CR = re.compile(r"\r(?!\n)")
_RE_LINE_END = re.compile(r"\r\n|\r|\n")


def has_lone_cr(text: str) -> bool:
    """Does `text` end a line with a carriage return alone? (Most texts have no "\r": one fast scan.)"""
    return "\r" in text and RE_LONE_CR.search(text) is not None


class ReadError(Exception):
    """The input cannot be read or is not text; the message is one line for the user."""


@record(frozen=True)
class Span:
    """A range of the original text: offsets, and 1-based line and column (in characters)."""

    start: int
    end: int
    line: int
    col: int
    end_line: int
    end_col: int


# Spans are made by the thousand: a plain function makes one without going through Span(...).
make_span = maker(Span)


@record
class Source:
    """The original text of one input and what was learned while decoding it."""

    path: str
    text: str
    encoding: str = "utf-8"
    bom: bytes = b""
    newline: str = "\n"
    fallback: bool = False  # decoded with cp1252 because the bytes are not UTF-8
    line_starts: list[int] = field(default_factory=list)
    stamp: tuple[int, int] | None = None  # (size, mtime in ns) of the file when it was read
    # The text split on "\n" while indexing it, kept for the first lines() call (the parser's,
    # made at once) so that the text is not split twice; dropped when taken.
    _split: list[str] | None = field(default=None, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not self.line_starts:
            if has_lone_cr(self.text):
                self.line_starts = [0] + [m.end() for m in _RE_LINE_END.finditer(self.text)]
                return
            parts = self.text.split("\n")
            self.line_starts = list(accumulate([len(p) + 1 for p in parts[:-1]], initial=0))
            self._split = parts

    def lines(self) -> list[str]:
        """All lines without their endings (split on \\n, \\r\\n and a lone \\r)."""
        out, self._split = self._split, None
        if out is None:
            if has_lone_cr(self.text):
                return _RE_LINE_END.split(self.text)
            out = self.text.split("\n")
        if "\r" not in self.text:
            return out
        return [s[:-1] if s.endswith("\r") else s for s in out]

    def span(self, line: int, col0: int, col1: int) -> Span:
        """Span of characters [col0, col1) of one line (0-based columns in, 1-based out)."""
        base = self.line_starts[line - 1]
        return make_span(base + col0, base + col1, line, col0 + 1, line, col1 + 1)

    def span_between(self, start: Span, end: Span) -> Span:
        return make_span(start.start, end.end, start.line, start.col, end.end_line, end.end_col)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of an offset."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1


# UTF-32 first: its little-endian byte-order mark begins with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode(data: bytes, path: str) -> Source:
    """Decode bytes explicitly; binary or undecodable input raises ReadError."""
    for mark, codec, label in _BOMS:
        if data.startswith(mark):
            try:
                text = data.decode(codec)  # reads and drops the byte-order mark
            except UnicodeDecodeError as exc:
                raise ReadError(f"{path}: not valid {label} text ({exc.reason} at byte {exc.start})") from None
            if "\x00" in text:
                raise ReadError(f"{path}: binary file (contains NUL characters), not checked")
            return _finish(path, text, codec, mark, False)
    bom = b""
    if data.startswith(codecs.BOM_UTF8):
        bom, data = codecs.BOM_UTF8, data[3:]
    encoding = "utf-8"
    if b"\x00" in data:
        if _looks_like_utf16(data):
            raise ReadError(f"{path}: looks like UTF-16 without a byte-order mark; "
                            "save it as UTF-8 (or UTF-16 with a BOM) to check it")
        raise ReadError(f"{path}: binary file (contains NUL bytes), not checked")
    try:
        text = data.decode("utf-8")
        fallback = False
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError as exc:
            raise ReadError(
                f"{path}: neither UTF-8 nor cp1252 text (byte 0x{data[exc.start]:02x} at offset {exc.start})"
            ) from None
        encoding, fallback = "cp1252", True
    return _finish(path, text, encoding, bom, fallback)


def _looks_like_utf16(data: bytes) -> bool:
    """ASCII text saved as UTF-16: a NUL in every other byte of the first few hundred."""
    head = data[:512]
    if len(head) < 4:
        return False
    for zeros, chars in ((head[1::2], head[0::2]), (head[0::2], head[1::2])):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) == 0:
            return True
    return False


def _finish(path: str, text: str, encoding: str, bom: bytes, fallback: bool) -> Source:
    head = text[:4096]
    # "\r" first: one character is found by a fast scan, a pair of them is not
    if "\r" not in head:
        newline = "\n"
    else:
        newline = "\r\n" if "\r\n" in head else "\r" if "\n" not in head else "\n"
    return Source(path=path, text=text, encoding=encoding, bom=bom, newline=newline, fallback=fallback)


# Larger than this is not a cable: refuse it rather than exhaust memory.
MAX_BYTES = 1 << 30


def read_path(path: str) -> Source:
    """Read a file (or standard input for "-") into a Source; errors are ReadError."""
    if path == "-":
        return decode(sys.stdin.buffer.read(), "-")
    try:
        st = os.stat(path)  # before opening: opening a named pipe would wait for a writer
        if stat.S_ISDIR(st.st_mode):
            raise ReadError(f"{path}: is a directory")
        if not stat.S_ISREG(st.st_mode):
            raise ReadError(f"{path}: not a regular file (a device, pipe or socket), not checked")
        if st.st_size > MAX_BYTES:
            raise ReadError(f"{path}: too large to be a cable ({st.st_size >> 20} MiB), not checked")
        data = _read_file(path, st.st_size)
        if len(data) > MAX_BYTES:
            raise ReadError(f"{path}: too large to be a cable, not checked")
    except FileNotFoundError:
        if os.path.islink(path):
            raise ReadError(f"{path}: broken symbolic link") from None
        raise ReadError(f"{path}: no such file or directory") from None
    except IsADirectoryError:
        raise ReadError(f"{path}: is a directory") from None
    except PermissionError:
        raise ReadError(f"{path}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{path}: cannot read ({exc.strerror or exc})") from None
    except ValueError as exc:  # e.g. a NUL character in the name
        raise ReadError(f"{path}: cannot read ({exc})") from None
    except MemoryError:
        raise ReadError(f"{path}: too large to read into memory, not checked") from None
    src = decode(data, path)
    src.stamp = (st.st_size, st.st_mtime_ns)
    return src


def _read_file(path: str, size: int) -> bytes:
    """The file's bytes; more than MAX_BYTES of them means too large (reading stops there).

    Read in one call sized from the file's stat: asking a buffered file for MAX_BYTES makes it
    allocate that much first, which costs more than reading a cable. A file that grows after
    the stat is still read to its end (up to the limit).
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    try:
        parts = []
        total = 0
        want = min(size, MAX_BYTES) + 1
        while total <= MAX_BYTES:
            chunk = os.read(fd, max(want - total, 1 << 16))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
        return b"".join(parts)
    finally:
        os.close(fd)


def encode(source: Source, text: str) -> bytes:
    """Bytes for new text written back in the source's own encoding and BOM."""
    if source.encoding in ("utf-16", "utf-32"):
        little = source.bom in (codecs.BOM_UTF16_LE, codecs.BOM_UTF32_LE)
        return source.bom + text.encode(f"{source.encoding}-{'le' if little else 'be'}")
    return source.bom + text.encode(source.encoding)
