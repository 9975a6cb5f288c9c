"""Metadata columns: standard names, parsing (times, durations, flags) and personal-data detection."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from .messages import LoaderMessage, warn
from .normalize import clean

__all__ = [
    "GENERIC_META",
    "PERSONAL_META",
    "convert_meta",
    "duration_between",
    "looks_personal",
    "parse_datetime",
    "parse_duration",
]

#: standard metadata names that hold personal data
PERSONAL_META = frozenset(
    {
        "ip",
        "location",
        "location_latitude",
        "location_longitude",
        "location_accuracy",
        "province",
        "city",
        "respondent_name",
        "wechat_nickname",
        "email",
        "phone",
        "recipient_first_name",
        "recipient_last_name",
        "external_reference",
        "wechat_openid",
        "device_id",
        "sim_serial",
        "enumerator",
        "custom_data",
        "referrer",
    }
)

#: headers recognised in any file (NFKC, case-folded) -> standard name
GENERIC_META = {
    "respondent_id": "respondent_id",
    "id": "respondent_id",
    "序号": "respondent_id",
    "submitted_at": "submitted_at",
    "started_at": "started_at",
    "duration_s": "duration_s",
    "ip": "ip",
    "ip地址": "ip",
    "ip_address": "ip",
    "ipaddress": "ip",
    "location": "location",
    "channel": "channel",
    "channel_detail": "channel_detail",
    "progress": "progress",
    "finished": "finished",
    "language": "language",
}

_PERSONAL_HEADER = re.compile(
    r"姓名|名字|手机|电话|邮箱|微信|昵称|身份证|住址|家庭地址|e-?mail|phone|mobile|wechat|nickname|first\s*name|last\s*name|full\s*name|\bname\b|(?<![a-z])ip(?![a-z])|address",
    re.I,
)


def looks_personal(header: str) -> bool:
    """Whether a column header says the column holds personal data (name, phone, e-mail, WeChat, IP…).

    >>> [looks_personal(h) for h in ("请输入您的姓名", "手机号码", "E-mail", "Name", "来自IP", "Q1", "满意度")]
    [True, True, True, True, True, False, False]
    """
    return bool(_PERSONAL_HEADER.search(clean(header)))


def parse_datetime(series: pd.Series, *, column: str = "") -> pd.Series:
    """Text timestamps (``2026/10/03 12:02:14``, ISO, Excel) -> datetime64; unparsable ones warned about."""
    if pd.api.types.is_datetime64_any_dtype(series):
        return series
    text = series.astype(object).map(lambda v: clean(v) if isinstance(v, str) else v).replace("", None)
    out = None
    for fmt in ("%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M:%S", "ISO8601"):
        parsed = pd.to_datetime(text, format=fmt, errors="coerce")
        if parsed.notna().sum() == text.notna().sum():
            out = parsed
            break
    if out is None:
        out = pd.to_datetime(text, format="mixed", errors="coerce")
        bad = int((out.isna() & text.notna()).sum())
        if bad:
            warn(LoaderMessage("not_dates", {"n": bad, "column": column}), stacklevel=4)
    return out


_DURATION = re.compile(r"^(?:(\d+(?:\.\d+)?)\s*(?:小时|时|h))?\s*(?:(\d+(?:\.\d+)?)\s*(?:分钟|分|min|m))?\s*(?:(\d+(?:\.\d+)?)\s*(?:秒钟|秒|s))?$", re.I)
_CLOCK = re.compile(r"^(\d+):([0-5]\d):([0-5]\d(?:\.\d+)?)$")  # 00:05:12


def parse_duration(series: pd.Series, *, column: str = "") -> pd.Series:
    """Durations ``"379秒"``, ``"2分31秒"``, ``"1小时2分"``, ``"00:05:12"`` or plain seconds -> float seconds.

    >>> parse_duration(pd.Series(["379秒", "2分31秒", "1小时0分5秒", "38", "", "01:00:05"])).tolist()
    [379.0, 151.0, 3605.0, 38.0, nan, 3605.0]
    """
    if pd.api.types.is_numeric_dtype(series):
        return pd.Series(series.to_numpy(dtype=np.float64), index=series.index)
    values = series.to_numpy(dtype=object)
    lut = {}
    bad = 0
    for raw in pd.unique(values):  # each distinct text once, then one vectorised look-up
        u = clean(raw) if isinstance(raw, str) else ("" if raw is None or raw != raw else str(raw))
        if u == "":
            lut[raw] = np.nan
            continue
        try:
            lut[raw] = float(u)
            continue
        except ValueError:
            pass
        m = _DURATION.match(u) or _CLOCK.match(u)
        if m and any(m.groups()):
            h, mi, s = (float(g) if g else 0.0 for g in m.groups())
            lut[raw] = h * 3600 + mi * 60 + s
        else:
            lut[raw] = np.nan
            bad += 1
    if bad:
        warn(LoaderMessage("not_durations", {"n": bad, "column": column}), stacklevel=4)
    return pd.Series(pd.Series(values).map(lut).to_numpy(dtype=np.float64), index=series.index)


def duration_between(started: pd.Series, submitted: pd.Series) -> pd.Series | None:
    """Seconds from ``started_at`` to ``submitted_at`` (for exports that give both times but no
    duration); None when the two are not comparable times (text, or one with a time zone and one without).

    >>> t0 = pd.Series(pd.to_datetime(["2026-10-03 12:00:00", None]))
    >>> duration_between(t0, pd.Series(pd.to_datetime(["2026-10-03 12:05:30", "2026-10-03 12:00:00"]))).tolist()
    [330.0, nan]
    """
    kinds = [pd.api.types.is_datetime64_any_dtype(t) and getattr(t.dtype, "tz", None) for t in (started, submitted)]
    if not all(pd.api.types.is_datetime64_any_dtype(t) for t in (started, submitted)) or kinds[0] != kinds[1]:
        return None
    return (submitted - started).dt.total_seconds().astype(np.float64)


def _parse_bool(series: pd.Series) -> pd.Series:
    truth = {"1": True, "true": True, "yes": True, "是": True, "0": False, "false": False, "no": False, "否": False, "1.0": True, "0.0": False}
    text = series.astype(object).map(lambda v: clean(str(v)).casefold() if v is not None and v == v else "")
    return text.map(truth).astype("boolean")


def _parse_float(series: pd.Series) -> pd.Series:
    return pd.to_numeric(series.astype(object).map(lambda v: clean(v) if isinstance(v, str) else v).replace("", None), errors="coerce").astype(np.float64)


def _text(series: pd.Series) -> pd.Series:
    return series.astype(object).where(series.astype(object) != "", None).astype("str")


_CONVERTERS = {
    "respondent_id": lambda s, column: s.astype(object).astype("str"),
    "submitted_at": parse_datetime,
    "started_at": parse_datetime,
    "recorded_at": parse_datetime,
    "duration_s": parse_duration,
    "progress": lambda s, column: _parse_float(s),
    "finished": lambda s, column: _parse_bool(s),
    "location_latitude": lambda s, column: _parse_float(s),
    "location_longitude": lambda s, column: _parse_float(s),
    "location_accuracy": lambda s, column: _parse_float(s),
    "total_score": lambda s, column: _parse_float(s),
}


def convert_meta(name: str, series: pd.Series, *, column: str) -> dict[str, pd.Series]:
    """One source metadata column -> {standard name: parsed series} (an IP column with a location
    in brackets, as Wenjuanxing writes ``117.2.6.14(四川-绵阳)``, gives ``ip`` and ``location``)."""
    if name == "ip":
        text = series.astype(object).map(lambda v: clean(v) if isinstance(v, str) else ("" if v is None or v != v else str(v)))
        parts = text.str.extract(r"^([^()]*?)\s*(?:\((.*)\))?$")
        ip = parts[0].where(parts[0] != "", None).astype("str")
        out = {"ip": ip}
        if parts[1].notna().any():
            out["location"] = parts[1].astype("str")
        return out
    converter = _CONVERTERS.get(name)
    if converter is None and pd.api.types.is_datetime64_any_dtype(series):
        converter = parse_datetime  # an SPSS date-time variable: already datetime64
    return {name: converter(series, column=column) if converter else _text(series)}
