"""Finding a text file's encoding safely.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32), then BOM-less UTF-16 (by its zero bytes), then
strict UTF-8, then GB18030 (a superset of GBK and GB2312, what Chinese Windows saves). Never latin-1:
it decodes anything, so a wrong guess would go unnoticed. UTF-8 is tried first because GBK decoding
of UTF-8 bytes often *succeeds* and gives mojibake ("非常满意" -> "闈炲父婊℃剰").
"""

from __future__ import annotations

import codecs
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
    if lazy and len(raw) > _PREFIX:
        if _utf8_prefix_ok(raw):
            return Decoded(raw, "utf-8", verified=False)
    else:
        try:
            raw.decode("utf-8", errors="strict")
            return Decoded(raw, "utf-8")
        except UnicodeDecodeError:
            pass
    try:
        text = raw.decode("gb18030", errors="strict")
    except UnicodeDecodeError as exc:
        raise _fail(where, f"neither UTF-8, UTF-16 nor GB18030 (invalid byte {raw[exc.start:exc.start + 1]!r} at offset {exc.start})") from None
    return Decoded(text.encode("utf-8"), "gb18030")
