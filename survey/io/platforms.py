"""Exports of other platforms, recognised by their metadata headers: 金数据 (Jinshuju), 腾讯问卷
(Tencent Survey), 见数 (Credamo), SurveyMonkey, Google Forms, LimeSurvey and KoboToolbox.

Each platform's metadata columns become standard metadata (``duration_s`` feeds the speeder rule;
IP, device ids, WeChat ids and e-mails are personal data); question columns are matched like any
other export. SurveyMonkey writes two header rows: question texts (once per question), then
``Response`` / ``Open-Ended Response`` or the option or row label of each column; a column is named
``question - label`` when it holds one label of a question. KoboToolbox heads columns
``group/name``; LimeSurvey codes sub-questions ``Q2[SQ001]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from .layout import Layout
from .metadata import GENERIC_META
from .normalize import clean

__all__ = ["PLATFORM_FORMATS", "detect", "layout"]


@dataclass(frozen=True)
class Platform:
    """``meta``: header (NFKC, case-folded) -> standard name; ``markers``: header sets, any one of
    which (all its headers present) says the file is this platform's; ``anchored``: a marker must
    also head the first column."""

    format: str
    meta: dict[str, str]
    markers: tuple[frozenset[str], ...]
    n_header: int = 1
    anchored: bool = False
    multi_separators: tuple[str, ...] = ("┋", ",", "，", ";", "|")


_CN_COMMON = {
    "序号": "respondent_id",
    "编号": "respondent_id",
    "提交时间": "submitted_at",
    "开始时间": "started_at",
    "结束时间": "submitted_at",
    "ip": "ip",
    "ip地址": "ip",
    "ip属地": "location",
    "微信昵称": "wechat_nickname",
    "昵称": "wechat_nickname",
    "openid": "wechat_openid",
    "微信openid": "wechat_openid",
}

JINSHUJU = Platform(
    "jinshuju",
    {
        **_CN_COMMON,
        "提交人": "respondent_name",
        "修改时间": "updated_at",
        "填写时长": "duration_s",
        "测评时长": "duration_s",
        "填写设备": "device",
        "操作系统": "os",
        "浏览器": "browser",
        "填写地区": "location",
        "来源渠道": "channel",
        "渠道": "channel",
    },
    tuple(frozenset({"提交时间", m}) for m in ("填写设备", "填写时长", "测评时长", "提交人", "修改时间", "填写地区")),
)

TENCENT = Platform(
    "tencent",
    {
        **_CN_COMMON,
        "答卷编号": "respondent_id",
        "开始答题时间": "started_at",
        "结束答题时间": "submitted_at",
        "答题时长": "duration_s",
        "地理位置国家和地区": "country",
        "地理位置省": "province",
        "地理位置市": "city",
        "用户标识": "wechat_openid",
        "用户类型": "user_type",
    },
    (frozenset({"开始答题时间", "结束答题时间"}), frozenset({"开始答题时间", "答题时长"})),
)

CREDAMO = Platform(
    "credamo",
    {
        **_CN_COMMON,
        "答卷id": "respondent_id",
        "作答id": "respondent_id",
        "开始作答时间": "started_at",
        "作答时长": "duration_s",
        "作答时长(秒)": "duration_s",
        "设备类型": "device",
    },
    (frozenset({"作答时长"}), frozenset({"作答时长(秒)"}), frozenset({"开始作答时间"})),
)

SURVEYMONKEY = Platform(
    "surveymonkey",
    {
        "respondent id": "respondent_id",
        "collector id": "collector_id",
        "start date": "started_at",
        "end date": "submitted_at",
        "ip address": "ip",
        "email address": "email",
        "first name": "recipient_first_name",
        "last name": "recipient_last_name",
        "custom data 1": "custom_data",
        "custom data": "custom_data",
    },
    (frozenset({"respondent id", "collector id"}),),
    n_header=2,
)

GOOGLE_FORMS = Platform(
    "google_forms",
    {
        "timestamp": "submitted_at",
        "时间戳记": "submitted_at",
        "時間戳記": "submitted_at",
        "email address": "email",
        "电子邮件地址": "email",
        "電子郵件地址": "email",
        "score": "total_score",
        "分数": "total_score",
        "分數": "total_score",
    },
    (frozenset({"timestamp"}), frozenset({"时间戳记"}), frozenset({"時間戳記"})),
    anchored=True,
    multi_separators=(", ", "，"),
)

LIMESURVEY = Platform(
    "limesurvey",
    {
        # the code export ("question code" headings)
        "id": "respondent_id",
        "submitdate": "submitted_at",
        "lastpage": "last_page",
        "startlanguage": "language",
        "seed": "seed",
        "startdate": "started_at",
        "datestamp": "recorded_at",
        "ipaddr": "ip",
        "refurl": "referrer",
        "interviewtime": "duration_s",
        # the text export ("full question text" headings)
        "response id": "respondent_id",
        "date submitted": "submitted_at",
        "last page": "last_page",
        "start language": "language",
        "date started": "started_at",
        "date last action": "recorded_at",
        "ip address": "ip",
        "referrer url": "referrer",
        "total time": "duration_s",
    },
    (frozenset({"submitdate", "lastpage", "startlanguage"}), frozenset({"date submitted", "last page", "start language"})),
)

KOBO = Platform(
    "kobo",
    {
        "start": "started_at",
        "end": "submitted_at",
        "today": "date",
        "deviceid": "device_id",
        "subscriberid": "device_id",
        "simserial": "sim_serial",
        "phonenumber": "phone",
        "username": "enumerator",
        "audit": "audit",
        "meta/instanceid": "instance_id",
        "_id": "submission_number",
        "_uuid": "respondent_id",
        "_submission_time": "recorded_at",
        "_validation_status": "validation_status",
        "_notes": "notes",
        "_status": "submission_status",
        "_submitted_by": "enumerator",
        "__version__": "form_version",
        "_version_": "form_version",
        "_tags": "tags",
        "_index": "row_index",
    },
    (frozenset({"_uuid", "_submission_time"}),),
    multi_separators=(" ",),
)

PLATFORMS = (SURVEYMONKEY, KOBO, LIMESURVEY, GOOGLE_FORMS, TENCENT, JINSHUJU, CREDAMO)
PLATFORM_FORMATS = tuple(p.format for p in PLATFORMS)

_PLAIN_SUBS = {"", "response", "open-ended response", "回复", "回答", "开放式回复", "开放式回答"}


def _key(header: str) -> str:
    return clean(header).casefold()


def _two_row_names(records: list[list[str]]) -> tuple[list[str], list[str]]:
    """SurveyMonkey: names ``question`` or ``question - label`` from the two header rows, and the
    question texts (each column's question)."""
    row1 = [clean(c) for c in records[0]]
    row2 = [clean(c) for c in records[1]] if len(records) > 1 else []
    row2 += [""] * (len(row1) - len(row2))
    names, texts, question = [], [], ""
    for head, sub in zip(row1, row2):
        if head:
            question = head
            names.append(head if sub.casefold() in _PLAIN_SUBS else f"{head} - {sub}")
        else:
            names.append(f"{question} - {sub}" if question and sub.casefold() not in _PLAIN_SUBS else "")
        texts.append(question)
    return names, texts


def layout(records: list[list[str]], fmt: str) -> Layout:
    """The layout of an export of platform ``fmt`` (one of :data:`PLATFORM_FORMATS`)."""
    platform = next(p for p in PLATFORMS if p.format == fmt)
    if platform.n_header == 2:
        names, texts = _two_row_names(records)
    else:
        names = [clean(c) for c in records[0]]
        texts = list(names)
    meta: dict[str, str] = {}
    for name in names:
        std = platform.meta.get(_key(name)) or GENERIC_META.get(_key(name))
        if std and (std not in meta.values() or std != "respondent_id"):
            meta[name] = std
    id_column = next((c for c, s in meta.items() if s == "respondent_id"), None)
    return Layout(fmt, platform.n_header, names, texts, meta, id_column, multi_separators=platform.multi_separators)


def detect(records: list[list[str]]) -> str | None:
    """The platform whose metadata headers the first row carries, or None."""
    if not records:
        return None
    headers = {_key(c) for c in records[0]}
    first = _key(records[0][0]) if records[0] else ""
    for platform in PLATFORMS:
        found = [marker for marker in platform.markers if marker <= headers]
        if found and (not platform.anchored or any(first in marker for marker in found)):
            return platform.format
    return None
