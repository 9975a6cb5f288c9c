"""How a table is laid out: header rows, column names, question texts, metadata columns, separators."""

from __future__ import annotations

from dataclasses import dataclass, field

from .metadata import GENERIC_META
from .normalize import clean

__all__ = ["Layout", "detect_layout", "FORMATS", "PLATFORM_FORMATS"]

#: formats that name a platform's layout (forced with ``format=``, else recognised from the headers)
PLATFORM_FORMATS = (
    "wjx_text", "wjx_numeric", "qualtrics", "qualtrics_legacy",
    "jinshuju", "tencent", "credamo", "surveymonkey", "google_forms", "limesurvey", "kobo",
)
FORMATS = ("auto", "csv", "tsv", "xlsx", "xls", "sav") + PLATFORM_FORMATS


@dataclass
class Layout:
    """``names``: column names; ``texts``: question texts (a second header row, or the names);
    ``meta``: {column: standard metadata name}; ``id_column``: the platform's respondent id column."""

    format: str
    n_header: int
    names: list[str]
    texts: list[str]
    meta: dict[str, str] = field(default_factory=dict)
    id_column: str | None = None
    multi_separators: tuple[str, ...] = ("┋", ",", "，", ";", "|")
    rank_separators: tuple[str, ...] = ("→", ">")


def generic_layout(records: list[list[str]], fmt: str, *, n_header: int = 1, texts: list[str] | None = None) -> Layout:
    names = [clean(n) for n in records[0]]
    meta = {}
    for name in names:
        std = GENERIC_META.get(name.casefold())
        if std and std not in meta.values():
            meta[name] = std
    id_column = next((c for c, s in meta.items() if s == "respondent_id"), None)
    return Layout(fmt, n_header, names, texts if texts is not None else list(names), meta, id_column)


def detect_layout(records: list[list[str]], *, file_format: str, requested: str) -> Layout:
    """The layout of a table from its first rows; ``requested`` forces a platform format."""
    from . import platforms, qualtrics, wenjuanxing

    if file_format == "sav":
        return generic_layout(records, "sav", n_header=0, texts=[clean(t) for t in records[1]])
    if requested in ("qualtrics", "qualtrics_legacy"):
        return qualtrics.layout(records, legacy=requested == "qualtrics_legacy")
    if requested in ("wjx_text", "wjx_numeric"):
        return wenjuanxing.layout(records, requested)
    if requested in platforms.PLATFORM_FORMATS:
        return platforms.layout(records, requested)
    if requested == "auto":
        if qualtrics.is_current(records):
            return qualtrics.layout(records, legacy=False)
        if qualtrics.is_legacy(records):
            return qualtrics.layout(records, legacy=True)
        if wenjuanxing.is_wenjuanxing(records):
            return wenjuanxing.layout(records, None)
        platform = platforms.detect(records)
        if platform is not None:
            return platforms.layout(records, platform)
    return generic_layout(records, file_format)
