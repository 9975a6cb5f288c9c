"""How a table is laid out: header rows, column names, question texts, metadata columns, separators."""

from __future__ import annotations

from dataclasses import dataclass, field

from .metadata import GENERIC_META
from .normalize import clean

__all__ = ["Layout", "generic_layout", "FORMATS", "PLATFORM_FORMATS"]

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
