"""Checks an Office Open XML file (``.xlsx``, ``.docx``) before any XML parser sees it.

Two attacks are refused, within a memory cap:

* **zip bombs**: the archive's declared uncompressed size and entry count are summed from the
  central directory before anything is decompressed. Python's :mod:`zipfile` never returns more
  bytes for an entry than its declared size (a lying header ends in a CRC error, not in more
  data), so the declared sizes bound what is read.
* **entity expansion ("billion laughs") and external entities**: every XML part is scanned, in
  chunks and within the same cap, for ``<!DOCTYPE`` / ``<!ENTITY`` (in UTF-8 and UTF-16). Office
  files never carry a DTD, so any is refused. This holds whether or not ``defusedxml`` is
  installed (openpyxl uses it when it is; without it openpyxl parses with lxml,
  ``resolve_entities=False``, or the standard library's expat, which limits entity amplification
  since expat 2.4).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ..errors import Problem

__all__ = ["MAX_ENTRIES", "MAX_UNCOMPRESSED_BYTES", "declares_dtd", "office_archive_problems", "scan_part"]

MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024
MAX_ENTRIES = 10_000
_CHUNK = 1024 * 1024
_MARKERS = tuple(
    marker.encode(codec) for marker in ("<!DOCTYPE", "<!ENTITY") for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_XML_SUFFIXES = (".xml", ".rels", ".vml")


def office_archive_problems(
    path: str | Path,
    *,
    max_bytes: int = MAX_UNCOMPRESSED_BYTES,
    max_entries: int = MAX_ENTRIES,
) -> list[Problem]:
    """Problems that make ``path`` unsafe or impossible to open as an Office file (empty if fine).

    Parameters
    ----------
    path
        The ``.xlsx``/``.docx`` file.
    max_bytes
        Cap on the total uncompressed size of all entries.
    max_entries
        Cap on the number of entries in the archive.

    Examples
    --------
    >>> import io, zipfile, tempfile, os
    >>> tmp = os.path.join(tempfile.mkdtemp(), "bomb.xlsx")
    >>> with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as z:
    ...     z.writestr("xl/big.xml", b"0" * 2_000_000)
    >>> office_archive_problems(tmp, max_bytes=1_000_000)[0].what
    'the archive unpacks to 2,000,000 bytes, above the cap of 1,000,000'
    """
    path = Path(path)
    name = path.name
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        return [Problem(name, f"not a readable .xlsx file ({exc})", "an Excel .xlsx workbook (a zip archive)")]
    with archive:
        infos = archive.infolist()
        if len(infos) > max_entries:
            return [Problem(name, f"the archive has {len(infos):,} entries, above the cap of {max_entries:,}", "an ordinary workbook")]
        total = sum(info.file_size for info in infos)
        if total > max_bytes:
            return [Problem(name, f"the archive unpacks to {total:,} bytes, above the cap of {max_bytes:,}", "a smaller file")]
        problems = []
        for info in infos:
            if info.filename.lower().endswith(_XML_SUFFIXES):
                reason = scan_part(archive, info)
                if reason:
                    problems.append(Problem(f"{name}:{info.filename}", reason, "Office XML without <!DOCTYPE>/<!ENTITY>"))
        return problems


def declares_dtd(data: bytes) -> bool:
    """Whether XML bytes (UTF-8 or UTF-16) declare a DTD or entities."""
    return any(marker in data for marker in _MARKERS)


def scan_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> str | None:
    """Why one XML part is refused (a DTD or entities anywhere in it, or it cannot be unpacked), else None."""
    keep = max(len(m) for m in _MARKERS) - 1
    tail = b""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                window = tail + chunk
                if declares_dtd(window):
                    return "the XML part declares a DTD or entities (refused: entity expansion)"
                tail = window[-keep:]
    except (zipfile.BadZipFile, OSError, NotImplementedError, RuntimeError) as exc:
        return f"the part cannot be unpacked ({exc})"
    return None
