"""Which layout a table has: a platform's (问卷星, Qualtrics, 金数据, …, SPSS) or the generic one.

The dispatch lives apart from :mod:`survey.io.layout`, which every platform module builds on, so
that no module imports one that imports it back.
"""

from __future__ import annotations

from . import platforms, qualtrics, spss, wenjuanxing
from .layout import Layout, generic_layout

__all__ = ["detect_layout"]


def detect_layout(records: list[list[str]], *, file_format: str, requested: str, formats: dict[str, str] | None = None) -> Layout:
    """The layout of a table from its first rows; ``requested`` forces a platform format;
    ``formats``: an SPSS file's display formats."""
    if file_format == "sav":
        return spss.layout(records, formats or {})
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
