"""Byte-deterministic Wenjuanxing-style ``.xlsx`` exports (answer text and answer codes).

openpyxl stamps the save time into ``docProps/core.xml`` and every zip entry; both are replaced
by fixed values here so that the same data always gives the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pandas as pd

__all__ = ["wjx_headers", "write_wjx_xlsx", "FIXED_TIME", "BLANK"]

FIXED_TIME = "2026-10-15T00:00:00Z"
_ZIP_TIME = (2026, 10, 15, 0, 0, 0)
META_COLUMNS = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
#: how the text export shows a declared missing code
SKIP_TEXT = {-2: "(跳过)", -3: "(空)"}
#: the code of an unanswered question: an empty cell in both exports
BLANK = -99


def wjx_headers(q) -> dict[str, str]:
    """Item id -> Wenjuanxing column header: ``1、您的性别`` or, for a matrix row, ``9、(住房补贴)``."""
    out = {}
    for item in q.items:
        if item.row is not None:
            out[item.id] = f"{item.number}、({item.row.zh})"
        else:
            out[item.id] = f"{item.number}、{item.text.zh}"
    return out


def _text_value(q, item_id: str, code: int) -> str:
    scale = q.scale_of(item_id)
    if code in scale.labels:
        return scale.labels[code].zh
    if code in SKIP_TEXT:
        return SKIP_TEXT[code]
    if code == BLANK:
        return None
    return str(code)


def _cells(codes: pd.DataFrame, meta: pd.DataFrame, q, kind: str, text_overrides: dict) -> list[list]:
    headers = wjx_headers(q)
    items = [i for i in q.item_ids if i in codes.columns]
    rows: list[list] = [META_COLUMNS + [headers[i] for i in items]]
    values = codes[items].to_numpy(dtype="int64").tolist()
    labels = {item: {} for item in items}
    for rid, sub, dur, ch, chd, ip, answer in zip(codes.index.tolist(), meta["submitted"].tolist(), meta["duration_s"].tolist(),
                                                  meta["channel"].tolist(), meta["channel_detail"].tolist(), meta["ip"].tolist(), values):
        row: list = [int(rid), sub, f"{int(dur)}秒", ch, chd, ip]
        if kind == "numeric":
            row += [None if code == BLANK else code for code in answer]
        else:
            for item, code in zip(items, answer):
                if (rid, item) in text_overrides:
                    row.append(text_overrides[(rid, item)])
                    continue
                cache = labels[item]
                if code not in cache:
                    cache[code] = _text_value(q, item, code)
                row.append(cache[code])
        rows.append(row)
    return rows


def write_wjx_xlsx(codes: pd.DataFrame, meta: pd.DataFrame, q, path: str | Path, *, kind: str = "text",
                   text_overrides: dict | None = None) -> Path:
    """Write a Wenjuanxing export of ``codes`` (index 序号, one column per item id).

    ``kind="text"`` writes answer labels (按选项文本), ``"numeric"`` the codes (按选项序号).
    ``meta`` holds ``submitted`` (text), ``duration_s``, ``channel``, ``channel_detail``, ``ip``.
    ``text_overrides`` maps (序号, item) to a literal text (e.g. an unknown label planted in the text export).
    """
    from openpyxl import Workbook

    if kind not in ("text", "numeric"):
        raise ValueError(f"kind must be 'text' or 'numeric', got {kind!r}")
    wb = Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    for row in _cells(codes, meta, q, kind, text_overrides or {}):
        ws.append(row)
    wb.properties.creator = "survey.datasets (synthetic data)"
    wb.properties.title = q.title.zh
    buffer = io.BytesIO()
    wb.save(buffer)
    path = Path(path)
    path.write_bytes(_freeze_zip(buffer.getvalue()))
    return path


def _freeze_zip(raw: bytes) -> bytes:
    """Rewrite a zip with fixed entry times and fixed document timestamps."""
    src = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "docProps/core.xml":
                text = data.decode("utf-8")
                text = re.sub(r"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)", rf"\g<1>{FIXED_TIME}\g<3>", text)
                data = text.encode("utf-8")
            fixed = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            dst.writestr(fixed, data)
    return out.getvalue()
