"""Deriving a questionnaire from an SPSS ``.sav`` file's metadata (variable and value labels).

Only the metadata is read (``pyreadstat.read_sav(..., metadataonly=True, user_missing=True)``);
no response is loaded. What becomes what:

* **metadata, not items**: the respondent id (``ResponseId`` in a Qualtrics export, else the first
  variable without value labels named ``id``, ``respondent_id``, ``case_id``, ``序号`` …) becomes
  the questionnaire's ``id_column``; variables with a date, date-time or time format (``DATE``,
  ``DATETIME``, ``TIME`` …) and, in a Qualtrics export (a ``ResponseId`` and a ``StartDate``), its
  system variables (StartDate, EndDate, Status, IPAddress, Progress, Duration, Finished,
  RecordedDate, Recipient*, ExternalReference, Location*, DistributionChannel, UserLanguage) are
  left out. The loader keeps them in ``meta``, parsed, with IP address, location, names and
  e-mail marked personal.
* **items**: one per other variable, in file order. The id is the variable name made to fit the id
  pattern (a valid name is kept; in others, characters other than letters, digits and ``_``
  become ``_``, a leading digit gets a ``v``, a name with no usable character becomes
  ``v<position>``, and a clash gets ``_2``, ``_3``); :func:`sav_item_names` gives the original
  names. The item text is the variable label (or the name), the same text in ``zh`` and ``en``.
* **type**: a string variable is ``text``. A numeric variable with value labels on at least two
  answer codes is ``single`` (on an unordered scale) when its measure is ``nominal`` or when it
  has only two labelled answers (yes/no, male/female) and is not marked ``ordinal``; otherwise
  ``likert`` (SPSS marks numeric variables ``scale`` by default, so value labels are taken as the
  stronger evidence).
  Without such labels (or with non-integer labelled values) it is ``numeric``.
* **scales**: the value labels of each categorical variable. Identical label sets are shared:
  answer labels are compared after trimming and ignoring letter case, so "Strongly disagree" and
  "Strongly Disagree" make one scale (the first spelling is kept), and missing codes by code
  (a declared-missing code one variable leaves unlabelled takes the label another variable of
  the same scale gives it). Scales are named ``scale1``, ``scale2`` … in order of first use.
* **missing codes** (the heuristic): the values the file declares user-missing, always: discrete
  values, and for a range the labelled codes inside it plus, when the range spans at most 20
  integers, every integer in it. Labels such as "Not answered" are treated as missing only when
  asked (``missing_labels=True``): a label matching not answered, no answer, missing, refused,
  don't know, not applicable, N/A, 拒答, 拒绝回答, 未回答, 不适用, 不知道, 缺失 makes its code a
  missing code. A declared-missing code without a label is labelled "missing (declared in the
  file)".

Anything dropped on the way (labels of numeric or string variables, user-missing values of numeric
items, which carry no scale) is reported with a :class:`~survey.errors.SurveyWarning`.
"""

from __future__ import annotations

import re
import warnings
from pathlib import Path
from typing import Any

from ..errors import Problem, QuestionnaireError, SurveyWarning
from .model import _ID_PATTERN, Questionnaire
from .validate import questionnaire_from_dict

__all__ = ["QUALTRICS_SYSTEM_VARIABLES", "is_qualtrics_sav", "questionnaire_from_sav", "sav_item_names", "sav_time_format"]

MISSING_LABEL = re.compile(
    r"not\s+answered|no\s+answer|missing|refused|don'?t\s+know|not\s+applicable|^n/?a$|拒答|拒绝回答|未回答|不适用|不知道|缺失",
    re.IGNORECASE,
)
_ID = re.compile(_ID_PATTERN)
_RANGE_LIMIT = 20
_DECLARED = {"zh": "缺失（文件声明）", "en": "missing (declared in the file)"}
#: SPSS display formats of dates, date-times and times (``DATE11``, ``DATETIME20``, ``TIME8`` ...)
_TIME_FORMAT = re.compile(r"^(DATE|ADATE|EDATE|JDATE|SDATE|QYR|MOYR|WKYR|DATETIME|YMDHMS|TIME|DTIME|MTIME)\d", re.IGNORECASE)
#: names of respondent-id variables (compared case-folded, without ``_``)
_ID_NAMES = frozenset({"id", "respondentid", "responseid", "caseid", "participantid", "subjectid", "序号", "编号"})
#: the system variables a Qualtrics SPSS export puts before the questions
QUALTRICS_SYSTEM_VARIABLES = frozenset(
    {
        "StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration__in_seconds_", "Finished", "RecordedDate",
        "ResponseId", "ResponseID", "RecipientLastName", "RecipientFirstName", "RecipientEmail", "ExternalReference",
        "ExternalDataReference", "LocationLatitude", "LocationLongitude", "LocationAccuracy", "DistributionChannel", "UserLanguage",
    }
)


def is_qualtrics_sav(names) -> bool:
    """Whether SPSS variable names are those of a Qualtrics export (a ``ResponseId`` and a ``StartDate``)."""
    names = set(names)
    return bool({"ResponseId", "ResponseID"} & names) and "StartDate" in names


def sav_time_format(spss_format: str | None) -> bool:
    """Whether an SPSS display format shows a date, date-time or time of day.

    >>> [sav_time_format(f) for f in ("DATETIME20", "DATE11", "TIME8", "F8.2", "A20", None)]
    [True, True, True, False, False, False]
    """
    return bool(spss_format and _TIME_FORMAT.match(spss_format))


def _read_meta(path: Path, encoding: str | None):
    import pyreadstat

    if not path.exists():
        raise QuestionnaireError(f"no SPSS file at {path}", [Problem(str(path), "file not found", "an existing .sav file")])
    try:
        _, meta = pyreadstat.read_sav(str(path), metadataonly=True, user_missing=True, encoding=encoding)
    except Exception as exc:  # pyreadstat raises ReadstatError, PyreadstatError, UnicodeError ...
        hint = "a readable .sav file; for an older Chinese file try encoding='gbk'"
        raise QuestionnaireError(f"{path.name}: cannot read the SPSS metadata", [Problem(path.name, f"{type(exc).__name__}: {exc}", hint)]) from None
    return meta


def _sanitize(names: list[str]) -> dict[str, str]:
    """Original variable name -> item id (fits the id pattern, unique; valid names are kept as they are)."""
    out: dict[str, str] = {name: name for name in names if _ID.match(name)}
    used: set[str] = set(out)
    for position, name in enumerate(names, start=1):
        if name in out:
            continue
        base = re.sub(r"[^A-Za-z0-9_]+", "_", name).strip("_")
        if not re.search(r"[A-Za-z0-9]", base):
            base = f"v{position}"
        if base[0].isdigit():
            base = f"v{base}"
        candidate, n = base, 1
        while candidate in used:
            n += 1
            candidate = f"{base}_{n}"
        used.add(candidate)
        out[name] = candidate
    return {name: out[name] for name in names}


def sav_item_names(path: str | Path, *, encoding: str | None = None) -> dict[str, str]:
    """Item id -> original variable name, for the questionnaire :func:`questionnaire_from_sav` derives.

    Examples
    --------
    >>> from pathlib import Path
    >>> saq = Path(__file__).resolve().parents[2] / "tests" / "data" / "field_saq.sav"
    >>> sav_item_names(saq)["Question_01"] if saq.exists() else "Question_01"
    'Question_01'
    """
    meta = _read_meta(Path(path), encoding)
    return {item_id: name for name, item_id in _sanitize(_item_variables(meta)).items()}


def questionnaire_from_sav(
    path: str | Path,
    *,
    encoding: str | None = None,
    missing_labels: bool = False,
    questionnaire_id: str | None = None,
) -> Questionnaire:
    """Derive a questionnaire from an SPSS ``.sav`` file's variable labels, value labels and missing values.

    Parameters
    ----------
    path
        The ``.sav`` (or ``.zsav``) file; only its metadata is read.
    encoding
        Text encoding of the file when its header is wrong (older Chinese files: ``"gbk"``).
    missing_labels
        Also treat codes whose label reads like "not answered", "refused", "拒答", "不适用" … as
        missing codes (see the module documentation). Off by default: only the values the file
        declares user-missing are missing codes.
    questionnaire_id
        Id of the questionnaire; default: the file name made into an id.

    Returns
    -------
    Questionnaire
        Items in file order; :func:`sav_item_names` maps their ids back to variable names.

    Examples
    --------
    >>> from pathlib import Path
    >>> saq = Path(__file__).resolve().parents[2] / "tests" / "data" / "field_saq.sav"
    >>> if saq.exists():
    ...     q = questionnaire_from_sav(saq)
    ...     print(len(q.items), q.item("Question_01").text.en, q.scale_of("Question_01").codes)
    ... else:
    ...     print("23 Statistics makes me cry (1, 2, 3, 4, 5)")
    23 Statistics makes me cry (1, 2, 3, 4, 5)
    """
    path = Path(path)
    meta = _read_meta(path, encoding)
    names = _item_variables(meta)
    ids = _sanitize(names)
    labels_of: dict[str, Any] = meta.column_names_to_labels or {}
    value_labels: dict[str, dict] = meta.variable_value_labels or {}
    ranges: dict[str, list] = meta.missing_ranges or {}
    measures: dict[str, str] = meta.variable_measure or {}
    kinds: dict[str, str] = meta.readstat_variable_types or {}

    scales: dict[str, dict] = {}
    scale_keys: dict[tuple, str] = {}
    items: list[dict] = []
    dropped_labels: list[str] = []
    dropped_missing: list[str] = []
    for name in names:
        label = labels_of.get(name)
        text = str(label).strip() if label is not None and str(label).strip() else name
        item: dict[str, Any] = {"id": ids[name], "text": {"zh": text, "en": text}}
        vlabels = value_labels.get(name) or {}
        if kinds.get(name) == "string":
            item["type"] = "text"
            if vlabels:
                dropped_labels.append(name)
            items.append(item)
            continue
        codes = _integer_codes(vlabels)
        declared = _declared_missing(ranges.get(name) or [], codes or {})
        if codes is None:
            dropped_labels.append(name)
            codes = {}
        missing = {c: t for c, t in codes.items() if c in declared or (missing_labels and MISSING_LABEL.search(t))}
        for code in declared:
            missing.setdefault(code, None)
        valid = {c: t for c, t in codes.items() if c not in missing}
        if len(valid) < 2:
            item["type"] = "numeric"
            if valid:
                dropped_labels.append(name)
            if missing:
                dropped_missing.append(name)
            items.append(item)
            continue
        ordered = measures.get(name) == "ordinal" or (measures.get(name) != "nominal" and len(valid) > 2)
        item["type"] = "likert" if ordered else "single"
        key = (_key(valid), tuple(sorted(missing)), ordered)
        if key not in scale_keys:
            scale_keys[key] = f"scale{len(scale_keys) + 1}"
            scales[scale_keys[key]] = {"labels": {c: {"zh": t, "en": t} for c, t in sorted(valid.items())}, "missing": {}, "ordered": ordered}
        shared = scales[scale_keys[key]]["missing"]
        for code, label in sorted(missing.items()):
            if label and (code not in shared or shared[code] == _DECLARED):
                shared[code] = {"zh": label, "en": label}
            shared.setdefault(code, dict(_DECLARED))
        item["scale"] = scale_keys[key]
        items.append(item)

    if dropped_labels:
        warnings.warn(
            f"{path.name}: value labels of {_names(dropped_labels)} are not kept (string variables, non-integer codes, "
            "or fewer than two labelled answers: read as text or numeric items)",
            SurveyWarning,
            stacklevel=2,
        )
    if dropped_missing:
        warnings.warn(
            f"{path.name}: user-missing values of the numeric items {_names(dropped_missing)} are not in the schema "
            "(numeric items carry no scale); load the responses from the .sav so they become missing",
            SurveyWarning,
            stacklevel=2,
        )
    qid = questionnaire_id or _sanitize([path.stem])[path.stem]
    title = str(meta.file_label).strip() if meta.file_label else path.stem
    data = {"id": qid, "title": {"zh": title, "en": title}, "scales": scales, "items": items}
    id_column = _id_variable(meta)
    if id_column is not None:
        data["id_column"] = id_column
    if not items:
        raise QuestionnaireError(f"{path.name}: the file has no variables", [Problem(path.name, "no variables", "a .sav file with variables")])
    return questionnaire_from_dict(data, source=path.name)


def _id_variable(meta) -> str | None:
    """The respondent-id variable: ``ResponseId`` in a Qualtrics file, else the first variable named
    like an id (``id``, ``respondent_id``, ``case_id``, ``序号`` ...) that has no value labels and is
    not a date or time."""
    names = list(meta.column_names)
    if is_qualtrics_sav(names):
        return next(n for n in names if n in ("ResponseId", "ResponseID"))
    labelled = meta.variable_value_labels or {}
    formats = meta.original_variable_types or {}
    for name in names:
        if name.casefold().replace("_", "") in _ID_NAMES and not labelled.get(name) and not sav_time_format(formats.get(name)):
            return name
    return None


def _item_variables(meta) -> list[str]:
    """The variables that become items, in file order: all but the respondent id, dates and times,
    and the system variables of a Qualtrics export (the loader keeps those as metadata)."""
    names = list(meta.column_names)
    formats = meta.original_variable_types or {}
    qualtrics = is_qualtrics_sav(names)
    id_column = _id_variable(meta)
    return [
        name for name in names
        if name != id_column and not sav_time_format(formats.get(name)) and not (qualtrics and name in QUALTRICS_SYSTEM_VARIABLES)
    ]


def _integer_codes(vlabels: dict) -> dict[int, str] | None:
    """Labelled codes as integers, or None when a labelled value is not an integer."""
    out: dict[int, str] = {}
    for value, label in vlabels.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or float(value) != int(value):
            return None
        out[int(value)] = str(label).strip()
    return out


def _declared_missing(ranges: list[dict], codes: dict[int, str]) -> set[int]:
    out: set[int] = set()
    for entry in ranges:
        lo, hi = entry.get("lo"), entry.get("hi")
        if not isinstance(lo, (int, float)) or not isinstance(hi, (int, float)):
            continue
        if lo == hi and float(lo).is_integer():
            out.add(int(lo))
            continue
        out.update(c for c in codes if lo <= c <= hi)
        if float(lo).is_integer() and float(hi).is_integer() and hi - lo < _RANGE_LIMIT:
            out.update(range(int(lo), int(hi) + 1))
    return out


def _key(labels: dict[int, str]) -> tuple:
    return tuple(sorted((c, " ".join(t.split()).casefold()) for c, t in labels.items()))


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:10])
    return shown + (f" and {len(names) - 10} more" if len(names) > 10 else "")
