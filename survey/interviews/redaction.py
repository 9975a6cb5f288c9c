"""Redaction of personal data in transcripts, with keyed (HMAC) pseudonyms.

What is found and replaced
    * names given in ``names`` (a list, or a mapping person → aliases, so that "张伟", "张老师" and
      "Zhang Wei" become one pseudonym), also written with spaces inside ("张 伟", "Zhang  Wei"),
      and common forms of address: surname + title ("王主任", "李老师", "刘总"), 小/老 + a common
      surname ("小王", "老李"), "Mr./Ms./Dr./Prof. Name";
    * Chinese mobile numbers, also with +86/0086, up to two spaces, hyphens, dots or slashes
      between digits ("139.7801.1387", "139/7801/1387"), or full-width digits; landline numbers
      with an area code ("0816-2345678", "0816 2345678", "(0816)2345678");
    * e-mail addresses, also written in full-width characters ("ｚｗ＠ｅｘａｍｐｌｅ．ｃｏｍ");
    * Chinese resident ID numbers: 18 characters (17 digits and a digit or X), whole or grouped
      6-8-4, 6-4-4-4 or 3-3-4-4-4, also right after letters ("IDNo110105…"). A valid MOD 11-2
      check digit gives ``[IDNUM:…]``; an 18-digit number whose check digit fails is redacted too
      (conservatively: it may be a mistyped ID), labelled ``[IDNUM-UNCHECKED:…]``;
    * addresses and employers given in ``addresses``/``employers``, and street addresses of the
      form "…路/街/巷/弄 12号 (3栋 402室)".

    * without any list (each detector can be switched off with ``skip=``; see :mod:`.detection`):
      person names (jieba's ``nr`` tags, surname + given name before a title, after a lead word;
      English names), addresses from province to room, WeChat ids, QQ numbers, licence plates and
      Luhn-valid bank card numbers.

    Ordinary numbers are left alone: a number is only taken for a phone or ID number when it is not
    part of a longer number or a decimal, so years, scores ("4.5"), counts and dates stay.

Pseudonyms
    ``[KIND:xxxxxxxx]`` where ``xxxxxxxx`` is the start of HMAC-SHA256(key, kind + normalised
    value): the same person (or number) gets the same pseudonym in every file redacted with the same
    key, and nobody without the key can recompute it from a guessed name. The key is never written
    into the text, the map, a repr or any output. Without a key, a random key for this Python
    session is used (pseudonyms then differ between sessions; a warning says so).

Redaction is idempotent: pseudonyms are never matched again.

Lists of names, employers and addresses kept in a YAML file (``redaction.yaml``) are read with
:func:`load_redaction_lists`: the strict YAML reader and a strict model, so a second ``names:`` key
or a misspelt ``name:`` is an error rather than a list silently dropped.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import warnings
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import Problem, QuestionnaireError, SurveyError, SurveyWarning
from .detection import DETECTORS, detect_addresses, detect_cards, detect_labelled, detect_names

__all__ = [
    "redact", "Redactor", "RedactedText", "RedactionLists", "load_redaction_lists", "scan_for_identifiers", "id_check_digit",
    "is_valid_resident_id",
]

_SESSION_KEY: bytes | None = None
_TOKEN = re.compile(r"\[(?:PERSON|PHONE|EMAIL|IDNUM|IDNUM-UNCHECKED|ADDRESS|EMPLOYER|CARD|PLATE|QQ|WECHAT):[0-9a-f]{8}\]")
# full-width ASCII (ＡＢＣ１２３＠．（）) and the ideographic space read as their ASCII forms; dashes as "-"
_FULLWIDTH = {**{0xFF01 + i: 0x21 + i for i in range(94)}, 0x3000: ord(" "), **{c: ord("-") for c in (0x2010, 0x2011, 0x2012, 0x2013, 0x2014)}}
_SEP = r"(?:[ \-./\u00a0]{1,2})?"  # between digit groups: up to two spaces, hyphens, dots or slashes
_NO_DIGIT_BEFORE = r"(?<![0-9])(?<![0-9]\.)"  # not inside a longer number or a decimal
_NO_DIGIT_AFTER = r"(?![0-9])(?!\.[0-9])"
_PHONE = re.compile(_NO_DIGIT_BEFORE + r"(?:(?:\+|00)?86" + _SEP + r")?1" + _SEP + r"[3-9](?:" + _SEP + r"[0-9]){9}" + _NO_DIGIT_AFTER)
_LANDLINE = re.compile(
    _NO_DIGIT_BEFORE + r"(?:\(0[1-9][0-9]{1,2}\) {0,2}|0[1-9][0-9]{1,2}(?:[ \-./\u00a0]{1,2}))[0-9]{3,4}[ \-]?[0-9]{4}" + _NO_DIGIT_AFTER
)
# 18 characters, written whole or in the groups people use: 6-8-4, 6-4-4-4, 3-3-4-4-4; letters may
# touch it ("IDNo110105…"), digits may not
_IDNUM = re.compile(
    r"(?<![0-9])(?<![0-9][ .\-/])[0-9]{3}" + _SEP + r"[0-9]{3}" + _SEP + r"[0-9]{4}" + _SEP + r"[0-9]{4}" + _SEP + r"[0-9]{3}[0-9Xx](?![0-9])"
)
_EMAIL = re.compile(r"[A-Za-z0-9][A-Za-z0-9!#$%&'*+/=?^_`{|}~.\-]*@(?:[A-Za-z0-9](?:[A-Za-z0-9\-]*[A-Za-z0-9])?\.)+[A-Za-z0-9\-]*[A-Za-z]+[A-Za-z0-9\-]*")
_STREET = re.compile(r"(?:(?![在住于到的是从和与往去来搬])[\u4e00-\u9fff]){1,12}(?:路|街|大道|巷|弄|胡同)[0-9０-９]+号(?:[0-9０-９]+(?:栋|幢|号楼|楼|单元|室|层))*")
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙胡朱郭何罗梁宋郑谢韩唐冯董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范石姚谭廖邹熊陆郝孔"
    "白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
)
# 小/老 + surname only for surnames that do not start ordinary words (小时, 老方法, 小康, 老龙 …)
_SHORT_SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱郭罗梁宋郑谢韩唐冯董曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶潘杜戴夏钟汪田谭廖邹陆郝孔崔邱秦顾侯邵孟段雷尹黎贺赖龚"
TITLES = (
    "老师", "教授", "博士", "主任", "经理", "总监", "局长", "处长", "科长", "书记", "院长", "校长", "部长", "主管", "厂长", "董事长", "总经理",
    "医生", "大夫", "律师", "先生", "女士", "小姐", "同志", "师傅",
)
_TITLE_SURNAMES = SURNAMES.replace("何", "").replace("余", "")  # 任何老师, 其余老师
_ADDRESS_FORM = re.compile(
    "[" + _TITLE_SURNAMES + "](?:" + "|".join(sorted(TITLES, key=len, reverse=True)) + "|总(?![结体量数之共额部公书裁监统计算]))"
)
_XIAO_LAO = re.compile("[小老][" + _SHORT_SURNAMES + "](?![子车末客醋历同打孩])")
_EN_TITLE = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Prof)\.?\s+[A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+)?")

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"


def id_check_digit(first17: str) -> str:
    """The MOD 11-2 check character (GB 11643-1999) of the first 17 digits of a resident ID.

    >>> id_check_digit("11010519491231002")
    'X'
    """
    if len(first17) != 17 or not first17.isdigit():
        raise SurveyError(f"need the first 17 digits of a resident ID, got {len(first17)} characters")
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS)) % 11]


def is_valid_resident_id(number: str) -> bool:
    """Whether an 18-character resident ID number has a valid check digit (spaces/hyphens ignored)."""
    s = re.sub(r"[ \-]", "", number.translate(_FULLWIDTH)).upper()
    return len(s) == 18 and s[:17].isdigit() and (s[17].isdigit() or s[17] == "X") and id_check_digit(s[:17]) == s[17]


class RedactedText(str):
    """The redacted text (a ``str``), with the pseudonym map kept apart in ``.mapping``.

    ``.mapping`` is a DataFrame ``kind, original, pseudonym, count`` for this text. It holds the
    original identifiers: keep it away from outputs (store it, if at all, encrypted and apart).
    """

    mapping: pd.DataFrame

    def __new__(cls, text: str, mapping: pd.DataFrame):
        obj = super().__new__(cls, text)
        obj.mapping = mapping
        return obj

    def __reduce__(self):  # pickling keeps only the text
        return (str, (str(self),))


@dataclass
class Redactor:
    """Redacts many texts with one key, so that pseudonyms are stable across files.

    ``Redactor(key=b"...")``; ``.redact(text, names=...)`` returns a :class:`RedactedText`;
    ``.mapping`` accumulates every replacement made (original → pseudonym). ``repr`` never shows
    the key.

    Examples
    --------
    >>> r = Redactor(key="study-secret", names=["张伟"])
    >>> a = r.redact("张伟说：电话13812345678。")
    >>> b = r.redact("第二次访谈，张伟补充……")
    >>> a.split("说")[0] == b.split("补充")[0].split("，")[1]
    True
    """

    key: bytes | str | None = field(default=None, repr=False)
    names: Sequence[str] | Mapping[str, Sequence[str]] = ()
    addresses: Sequence[str] = ()
    employers: Sequence[str] = ()
    forms_of_address: bool = True
    street_addresses: bool = True
    skip: Collection[str] = ()
    _records: dict = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self.skip = _skip(self.skip)
        if not self.street_addresses:
            self.skip |= {"addresses"}
        self._key = _resolve_key(self.key)
        self.key = None  # do not keep the caller's key object in a visible field

    def pseudonym(self, kind: str, value: str) -> str:
        """The pseudonym of ``value`` (normalised: spaces, hyphens and full-width forms removed for numbers)."""
        digest = hmac.new(self._key, f"{kind}\x1f{_normalise(kind, value)}".encode(), hashlib.sha256).hexdigest()
        return f"[{kind}:{digest[:8]}]"

    @property
    def mapping(self) -> pd.DataFrame:
        rows = [{"kind": k, "original": o, "pseudonym": p, "count": n} for (k, o), (p, n) in self._records.items()]
        return pd.DataFrame(rows, columns=["kind", "original", "pseudonym", "count"])

    def find(self, text: str, *, names: Sequence[str] | Mapping[str, Sequence[str]] | None = None) -> list[tuple[int, int, str, str]]:
        """What :meth:`redact` replaces in ``text``: ``(start, end, kind, value)`` in text order, where
        ``value`` is what the pseudonym is computed from (the canonical person for a listed alias)."""
        if not isinstance(text, str):
            raise SurveyError(f"redact needs text (str), got {type(text).__name__}")
        people = _people(self.names) | _people(names or ())
        shadow = text.translate(_FULLWIDTH)
        taken = [m.span() for m in _TOKEN.finditer(text)]
        found: list[tuple[int, int, str, str]] = []  # start, end, kind, canonical value

        def add(start: int, end: int, kind: str, value: str) -> None:
            if any(start < e and s < end for s, e in taken):
                return
            taken.append((start, end))
            found.append((start, end, kind, value))

        if "bank_cards" not in self.skip:
            for start, end, kind, value in detect_cards(shadow):  # an 18-digit card that is also a valid resident ID is an ID
                add(start, end, "IDNUM" if len(value) == 18 and is_valid_resident_id(value) else kind, value)
        for m in _IDNUM.finditer(shadow):
            add(*m.span(), "IDNUM" if is_valid_resident_id(m.group()) else "IDNUM-UNCHECKED", m.group())
        for m in _EMAIL.finditer(shadow):
            add(*m.span(), "EMAIL", m.group())
        for hit in detect_labelled(shadow, skip=self.skip):
            add(*hit)
        for m in _PHONE.finditer(shadow):
            add(*m.span(), "PHONE", m.group())
        for m in _LANDLINE.finditer(shadow):
            add(*m.span(), "PHONE", m.group())
        literal = [(alias, "PERSON", person) for alias, person in people.items()]
        literal += [(a, "ADDRESS", a) for a in self.addresses] + [(e, "EMPLOYER", e) for e in self.employers]
        for alias, kind, canon in sorted(literal, key=lambda t: len(t[0]), reverse=True):
            if not alias.strip():
                continue
            for m in _literal_pattern(alias).finditer(text):
                add(*m.span(), kind, canon)
        if "addresses" not in self.skip:
            for hit in detect_addresses(text):
                add(*hit)
            for m in _STREET.finditer(text):
                add(*m.span(), "ADDRESS", m.group())
        if "names" not in self.skip:
            for start, end, kind, value in detect_names(text):
                add(start, end, kind, people.get(value, value))
        if self.forms_of_address:
            for rx in (_ADDRESS_FORM, _XIAO_LAO, _EN_TITLE):
                for m in rx.finditer(text):
                    add(*m.span(), "PERSON", m.group())
        return sorted(found)

    def redact(self, text: str, *, names: Sequence[str] | Mapping[str, Sequence[str]] | None = None) -> RedactedText:
        """Redact one text (names given here add to the Redactor's names)."""
        found = self.find(text, names=names)
        out, pos, local = [], 0, {}
        for start, end, kind, value in found:
            token = self.pseudonym(kind, value)
            out.append(text[pos:start])
            out.append(token)
            pos = end
            original = text[start:end]
            key = (kind, original)
            p, n = self._records.get(key, (token, 0))
            self._records[key] = (token, n + 1)
            lp, ln = local.get(key, (token, 0))
            local[key] = (token, ln + 1)
        out.append(text[pos:])
        mapping = pd.DataFrame([{"kind": k, "original": o, "pseudonym": p, "count": n} for (k, o), (p, n) in local.items()], columns=["kind", "original", "pseudonym", "count"])
        return RedactedText("".join(out), mapping)

    def redact_segments(self, segments: pd.DataFrame, *, column: str = "text") -> pd.DataFrame:
        """A copy of a segments table with ``column`` redacted (offsets refer to the original text)."""
        out = segments.copy()
        out[column] = [str(self.redact(t)) for t in segments[column]]
        return out


_SPACE = "[ \u3000\u00a0]"


def _literal_pattern(alias: str) -> re.Pattern:
    """A listed name (or employer, address) as written in speech: spaces inside are optional between
    Chinese characters ("张 伟" for "张伟") and any run of white space between Latin words ("Zhang
    Wei"); Latin words only whole, case ignored."""
    words = alias.split()
    if not alias.isascii():
        return re.compile(f"{_SPACE}{{0,2}}".join(re.escape(ch) for ch in "".join(words)), re.IGNORECASE)
    return re.compile(r"(?<![A-Za-z0-9])" + r"[\s\u3000]+".join(re.escape(w) for w in words) + r"(?![A-Za-z0-9])", re.IGNORECASE)


def _resolve_key(key: bytes | str | None) -> bytes:
    global _SESSION_KEY
    if key is None:
        if _SESSION_KEY is None:
            _SESSION_KEY = secrets.token_bytes(32)
        warnings.warn(
            "redact: no key given, so a random key for this session is used; pseudonyms will differ in another session. "
            "Pass key=... (kept secret, never written to outputs) for stable pseudonyms.",
            SurveyWarning,
            stacklevel=4,
        )
        return _SESSION_KEY
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not isinstance(key, bytes) or len(key) < 8:
        raise SurveyError("the pseudonym key must be bytes or text of at least 8 characters")
    return key


def _normalise(kind: str, value: str) -> str:
    if kind == "PLATE":
        return re.sub(r"[ ·•\-.]", "", value.translate(_FULLWIDTH)).upper()
    if kind in ("PHONE", "IDNUM", "IDNUM-UNCHECKED", "CARD", "QQ"):
        digits = re.sub(r"[^0-9Xx]", "", value.translate(_FULLWIDTH)).upper()
        if kind == "PHONE" and len(digits) > 11 and digits.startswith("86"):
            digits = digits[-11:]
        return digits
    if kind == "EMAIL":
        return value.translate(_FULLWIDTH).lower()
    return " ".join(value.split()).casefold()


def _skip(skip: Collection[str]) -> set[str]:
    """The detectors to switch off, checked against :data:`DETECTORS`."""
    if isinstance(skip, str):
        skip = (skip,)
    unknown = sorted(set(skip) - set(DETECTORS))
    if unknown:
        raise SurveyError(f"redact: no detector called {', '.join(map(repr, unknown))}; the detectors are {', '.join(DETECTORS)}")
    return set(skip)


def _people(names) -> dict[str, str]:
    """alias → canonical person."""
    if isinstance(names, str):
        raise SurveyError("names must be a list of names (or a mapping person → aliases), not one string")
    if isinstance(names, Mapping):
        out = {}
        for person, aliases in names.items():
            out[person] = person
            for a in [aliases] if isinstance(aliases, str) else aliases:
                out[a] = person
        return out
    return {n: n for n in names}


def redact(
    text: str,
    *,
    names: Sequence[str] | Mapping[str, Sequence[str]] = (),
    key: bytes | str | None = None,
    addresses: Sequence[str] = (),
    employers: Sequence[str] = (),
    forms_of_address: bool = True,
    skip: Collection[str] = (),
) -> RedactedText:
    """Redact personal data in a text; returns the redacted text with the pseudonym map apart.

    The result is a ``str``; ``result.mapping`` (original → pseudonym) is attached, never inside
    the text. For several files use one :class:`Redactor` (or the same ``key``) so the same person
    gets the same pseudonym everywhere.

    Examples
    --------
    >>> out = redact("我是张伟，手机138 1234 5678，邮箱zw@example.com。", names=["张伟"], key="k" * 16)
    >>> out
    '我是[PERSON:762a36ad]，手机[PHONE:32d7e119]，邮箱[EMAIL:2da383aa]。'
    >>> out.mapping["kind"].tolist()
    ['PERSON', 'PHONE', 'EMAIL']
    >>> redact(out, key="k" * 16) == out
    True
    """
    return Redactor(key=key, names=names, addresses=addresses, employers=employers, forms_of_address=forms_of_address, skip=skip).redact(text)


_Text = Annotated[str, Field(min_length=1)]


class RedactionLists(BaseModel):
    """What a redaction file lists: ``names`` (a list, or a mapping person → aliases), ``employers``
    and ``addresses``. Unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=True)

    names: tuple[_Text, ...] | dict[_Text, _Text | tuple[_Text, ...]] = ()
    employers: tuple[_Text, ...] = ()
    addresses: tuple[_Text, ...] = ()

    @field_validator("names", mode="before")
    @classmethod
    def _names_shape(cls, value):
        texts = list(value) if isinstance(value, tuple) else None
        if isinstance(value, dict):
            texts = [*value] + [a for v in value.values() for a in ((v,) if isinstance(v, str) else v if isinstance(v, tuple) else (v,))]
        if texts is None:
            raise ValueError("expected a list of names, or a mapping person → aliases")
        bad = [t for t in texts if not isinstance(t, str) or not t.strip()]
        if bad:
            raise ValueError(f"{bad[0]!r} is not a name (expected text)")
        return value


def load_redaction_lists(path: str | Path) -> RedactionLists:
    """Read a redaction file (YAML with ``names``, ``employers``, ``addresses``) strictly.

    Raises ``QuestionnaireError`` listing every problem with its file line: duplicate keys, unknown
    keys (``name:`` for ``names:``), values that are not lists of text.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "redaction.yaml"
    >>> _ = path.write_text("names: [张伟]\\nname: [李娜]\\n", encoding="utf-8")
    >>> load_redaction_lists(path)
    Traceback (most recent call last):
    ...
    survey.errors.QuestionnaireError: redaction.yaml: the redaction lists are not valid (1 problem(s))
      - redaction.yaml line 2 at name: unknown field
    """
    from ..schema.yaml_reader import read_yaml_file, validation_problems
    from .codebook import _freeze  # YAML lists as tuples, for the strict model

    path = Path(path)
    if not path.is_file():
        raise QuestionnaireError(f"no redaction file at {path}", [Problem(str(path), "file not found", "a YAML file with names, employers, addresses")])
    data, lines, problems = read_yaml_file(path)
    if problems:
        raise QuestionnaireError(f"{path.name}: the redaction lists cannot be read", problems)
    if not isinstance(data, dict):
        raise QuestionnaireError(f"{path.name}: the redaction lists are not valid", [Problem(path.name, f"found {type(data).__name__}", "a mapping with names, employers, addresses")])
    try:
        return RedactionLists.model_validate(_freeze(data))
    except ValidationError as exc:
        out = validation_problems(exc, lines, path.name)
        raise QuestionnaireError(f"{path.name}: the redaction lists are not valid ({len(out)} problem(s))", out) from None


def scan_for_identifiers(paths: str | Path | Iterable[str | Path], identifiers: Iterable[str]) -> pd.DataFrame:
    """Search files (or every file under a folder) for identifiers; returns the hits (none is good).

    Text files are searched as UTF-8/GB18030 text; .docx/.xlsx/.pptx/.zip are unpacked and their
    XML searched. Columns: ``file, identifier, where``.
    """
    import zipfile

    if isinstance(paths, (str, Path)):
        p = Path(paths)
        files = sorted(f for f in p.rglob("*") if f.is_file()) if p.is_dir() else [p]
    else:
        files = [Path(f) for f in paths]
    needles = [i for i in dict.fromkeys(identifiers) if i]
    hits = []
    for f in files:
        blobs: list[tuple[str, bytes]] = []
        if zipfile.is_zipfile(f):
            with zipfile.ZipFile(f) as zf:
                blobs = [(n, zf.read(n)) for n in zf.namelist() if zf.getinfo(n).file_size < 50 * 2**20]
        else:
            blobs = [("", f.read_bytes())]
        for where, raw in blobs:
            for needle in needles:
                encodings = {needle.encode("utf-8"), needle.encode("gb18030", errors="ignore"), needle.encode("utf-16-le")}
                if any(e and e in raw for e in encodings):
                    hits.append({"file": str(f), "identifier": needle, "where": where})
    return pd.DataFrame(hits, columns=["file", "identifier", "where"])
