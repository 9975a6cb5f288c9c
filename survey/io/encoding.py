"""Finding a text file's encoding safely.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32), then BOM-less UTF-16 (by its zero bytes), then
strict UTF-8, then GB18030 (a superset of GBK and GB2312, what Chinese Windows saves). Never latin-1:
it decodes anything, so a wrong guess would go unnoticed. UTF-8 is tried first because GBK decoding
of UTF-8 bytes often *succeeds* and gives mojibake ("非常满意" -> "闈炲父婊℃剰").

A file that is not UTF-8 as a whole but has lines of UTF-8 Chinese text (two exports joined, a line
edited in another program) is in mixed encodings: GB18030 would turn those lines into mojibake
("很好" -> "寰堝ソ"), so it is refused, naming the first line in the other encoding. A line counts as
UTF-8 Chinese text only when it is valid UTF-8, holds CJK characters, and every non-ASCII character
is a common Chinese one (GB2312 ideographs and punctuation): GBK bytes that happen to be valid UTF-8
decode to rare ideographs or to Greek, Cyrillic and Arabic letters, so a file in GBK alone is not
mistaken for a mixed one.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import Problem, ResponseDataError

__all__ = ["Decoded", "decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


_PREFIX = 1 << 20  # bytes checked up front when the rest is checked later by the parser
_CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"  # CJK punctuation, ideographs, full-width forms
_NOT_CHINESE = re.compile(f"[^\\x00-\\x7f\u2000-\u206f{_CJK}]")  # general punctuation (—, …, “”) allowed
_HAS_CJK = re.compile(f"[{_CJK}]")
_ASCII_RUN = rb"[\x00-\x09\x0b-\x7f]*+"
# the rest of a line whose non-ASCII bytes are all 3-byte UTF-8 sequences that can be Chinese text
# (leads E2-E9, EF); starting at a line break, the search jumps from line to line
_UTF8_CJK_REST = _ASCII_RUN + rb"(?:[\xe2-\xe9\xef][\x80-\xbf]{2}" + _ASCII_RUN + rb")++(?=\n|\Z)"
_UTF8_CJK_LINE = re.compile(rb"\n" + _UTF8_CJK_REST)
_UTF8_CJK_FIRST_LINE = re.compile(_UTF8_CJK_REST)


@dataclass(frozen=True)
class Decoded:
    """A text file as UTF-8 bytes (BOM removed), and the encoding it was found to be in.

    ``verified`` is False when only the first MiB was checked (``lazy=True``): the caller's strict
    UTF-8 parser checks the rest and, on an invalid byte, must decode again with ``lazy=False``.
    """

    data: bytes
    encoding: str
    verified: bool = True


def _fail(where: str, what: str) -> ResponseDataError:
    return ResponseDataError(
        f"{where}: cannot decode the file",
        [Problem(where, what, "UTF-8 (with or without BOM), UTF-16 with BOM, or GB18030/GBK; or pass encoding=...")],
    )


def _utf16_without_bom(raw: bytes) -> str | None:
    """'utf-16-le' / 'utf-16-be' when the zero bytes say so (ASCII-heavy text), else None."""
    sample = raw[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_zero = sample[0::2].count(0) / (len(sample) / 2)
    odd_zero = sample[1::2].count(0) / (len(sample) / 2)
    if odd_zero > 0.3 and even_zero < 0.05:
        return "utf-16-le"
    if even_zero > 0.3 and odd_zero < 0.05:
        return "utf-16-be"
    return None


def _utf8_prefix_ok(raw: bytes) -> bool:
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(raw[:_PREFIX], final=False)
        return True
    except UnicodeDecodeError:
        return False


def _first_chinese_utf8_line(raw: bytes, start: int, end: int) -> int | None:
    """Number of the first line in ``raw[start:end]`` (``start`` at a line start) that is UTF-8
    Chinese text (see the module's note)."""
    first = _UTF8_CJK_FIRST_LINE.match(raw, start, end)
    candidates = [first] if first else []
    for match in (*candidates, *_UTF8_CJK_LINE.finditer(raw, start, end)):
        text = match.group().lstrip(b"\n").decode("utf-8")
        if _HAS_CJK.search(text) and _NOT_CHINESE.search(text) is None:
            try:
                text.encode("gb2312")
            except UnicodeEncodeError:
                continue
            return raw.count(b"\n", 0, match.start()) + (1 if match is first else 2)
    return None


def _refuse_mixed(raw: bytes, bad: int, where: str) -> None:
    """Raise when UTF-8 Chinese lines and lines that are not UTF-8 (the first at byte ``bad``) mix."""
    bad_line = raw.count(b"\n", 0, bad) + 1
    line_start = raw.rfind(b"\n", 0, bad) + 1
    line = _first_chinese_utf8_line(raw, 0, line_start)
    if line is not None:
        line, what = bad_line, f"bytes that are not UTF-8 (GBK/GB18030?) after UTF-8 Chinese text on line {line}"
    else:
        line = _first_chinese_utf8_line(raw, line_start, len(raw))
        if line is None:
            return
        what = f"UTF-8 Chinese text after GBK/GB18030 bytes on line {bad_line}"
    raise ResponseDataError(
        f"{where}: mixed encodings (line {line} differs from the lines before it)",
        [Problem(f"line {line}", what, "one encoding throughout: save the file again as UTF-8 (or pass encoding=... to decode every line with one)")],
    )


def decode_bytes(raw: bytes, *, encoding: str | None = None, where: str = "file", lazy: bool = False) -> Decoded:
    """Decode ``raw`` strictly and return it as UTF-8 bytes with the encoding found.

    Parameters
    ----------
    raw : bytes
        The file's content.
    encoding : str, optional
        Use this encoding (strictly) instead of sniffing.
    where : str
        Name of the file, for messages.
    lazy : bool
        Check only the first MiB for UTF-8 (see :class:`Decoded`); for large files read by a
        strict UTF-8 parser that will check the rest.

    Examples
    --------
    >>> decode_bytes("非常满意".encode("gbk")).encoding
    'gb18030'
    >>> decode_bytes("非常满意".encode("utf-8")).encoding
    'utf-8'
    >>> d = decode_bytes(codecs.BOM_UTF8 + "满意".encode("utf-8"))
    >>> (d.encoding, d.data.decode("utf-8"))
    ('utf-8-sig', '满意')
    """
    if encoding is not None:
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise _fail(where, f"unknown encoding {encoding!r}") from None
        try:
            text = raw.decode(encoding, errors="strict")
        except UnicodeDecodeError as exc:
            raise _fail(where, f"not valid {encoding} at byte {exc.start}") from None
        text = text.removeprefix("\ufeff")
        return Decoded(text.encode("utf-8"), encoding)
    for bom, name in _BOMS:
        if raw.startswith(bom):
            if name == "utf-8-sig" and lazy and len(raw) > _PREFIX and _utf8_prefix_ok(raw[len(bom):]):
                return Decoded(raw[len(bom):], name, verified=False)
            try:
                text = raw.decode(name, errors="strict")
            except UnicodeDecodeError as exc:
                raise _fail(where, f"starts with a {name} byte-order mark but is not valid {name} at byte {exc.start}") from None
            if name == "utf-8-sig":
                return Decoded(raw[len(bom):], name)
            return Decoded(text.removeprefix("\ufeff").encode("utf-8"), name)
    utf16 = _utf16_without_bom(raw)  # before UTF-8: ASCII in UTF-16 is valid UTF-8 (with NULs)
    if utf16 is not None:
        try:
            return Decoded(raw.decode(utf16, errors="strict").encode("utf-8"), utf16)
        except UnicodeDecodeError:
            pass
    if lazy and len(raw) > _PREFIX and _utf8_prefix_ok(raw):
        return Decoded(raw, "utf-8", verified=False)
    try:
        raw.decode("utf-8", errors="strict")  # (lazy: fails within the first MiB)
        return Decoded(raw, "utf-8")
    except UnicodeDecodeError as exc:
        bad = exc.start
    _refuse_mixed(raw, bad, where)
    try:
        text = raw.decode("gb18030", errors="strict")
    except UnicodeDecodeError as exc:
        raise _fail(where, f"neither UTF-8, UTF-16 nor GB18030 (invalid byte {raw[exc.start:exc.start + 1]!r} at offset {exc.start})") from None
    return Decoded(text.encode("utf-8"), "gb18030")
