"""What is wrong or suspicious in a set of responses. Finds; never changes anything.

The report lists invalid cells, missing data by item and respondent, duplicate ids and duplicate
submissions, speeders, straight-liners, failed attention checks and partial completes. Screening
(:mod:`survey.prep.screening`) acts on these findings only when the user asks.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._result import Result

DEFAULT_SPEEDER_FRACTION = 1 / 3
DEFAULT_PARTIAL_THRESHOLD = 1.0
DEFAULT_STRAIGHTLINE_MIN_ITEMS = 3


@dataclass(frozen=True, repr=False)
class QualityReport(Result):
    """Findings about a data set (one row per respondent in ``flags``).

    Attributes
    ----------
    n : int
        Respondents in the data.
    invalid : DataFrame
        Cells that did not fit the questionnaire (row, column, value, problem).
    declared_missing : DataFrame
        Declared missing codes found (column, code, count).
    missing_by_item, missing_by_respondent : Series
        Count of missing answers (required items only for respondents).
    duplicate_ids : DataFrame
        Respondent ids that occur more than once (respondent, count).
    flags : DataFrame
        Boolean columns per respondent: ``invalid``, ``duplicate_id``, ``duplicate_answers``,
        ``speeder``, ``straightliner``, ``attention_failed``, ``partial``; plus ``duration_s`` and
        ``answered_share`` where known.
    rules : dict
        The thresholds used, so that a report can state them.
    """

    n: int
    invalid: pd.DataFrame
    declared_missing: pd.DataFrame
    missing_by_item: pd.Series
    missing_by_respondent: pd.Series
    duplicate_ids: pd.DataFrame
    flags: pd.DataFrame
    rules: dict
    rules_zh: dict

    def rule(self, check: str, lang: str = "en") -> str:
        """The rule behind a check, in English or Chinese."""
        return (self.rules_zh if lang == "zh" else self.rules).get(check, "")

    def counts(self) -> pd.Series:
        """How many respondents each check flags."""
        cols = [c for c in FLAG_COLUMNS if c in self.flags]
        return self.flags[cols].sum().astype(int).rename("n")

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        counts = self.counts()
        return pd.DataFrame(
            {
                "check": counts.index,
                "n": counts.to_numpy(),
                "share": counts.to_numpy() / self.n if self.n else np.zeros(len(counts)),
                "rule": [self.rule(c, lang) for c in counts.index],
            }
        )

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        from ..findings.format import fmt_num

        style = style or ("gb" if lang == "zh" else "apa")

        out = []
        counts = self.counts()
        names = CHECK_NAMES[lang]
        if lang == "zh":
            out.append(f"共读取{self.n}份问卷。")
            for check, n in counts.items():
                if n:
                    out.append(f"{names[check]}：{n}份（{fmt_num(100 * n / self.n, digits=1, style=style)}%；规则：{self.rule(check, 'zh')}）。")
            if not counts.any():
                out.append("未发现数据质量问题。")
        else:
            out.append(f"{self.n} responses were read.")
            for check, n in counts.items():
                if n:
                    out.append(f"{names[check]}: {n} ({fmt_num(100 * n / self.n, digits=1, style=style)}%; rule: {self.rules.get(check, '')}).")
            if not counts.any():
                out.append("No data quality problems were found.")
        return out


FLAG_COLUMNS = ("invalid", "duplicate_id", "duplicate_answers", "speeder", "straightliner", "attention_failed", "partial")
CHECK_NAMES = {
    "en": {
        "invalid": "Respondents with invalid codes",
        "duplicate_id": "Respondents whose id occurs more than once",
        "duplicate_answers": "Duplicate submissions (identical answers to every item)",
        "speeder": "Speeders",
        "straightliner": "Straight-liners",
        "attention_failed": "Failed attention checks",
        "partial": "Partial completes",
    },
    "zh": {
        "invalid": "含无效编码的问卷",
        "duplicate_id": "编号重复的问卷",
        "duplicate_answers": "重复提交（全部题目答案相同）",
        "speeder": "答题时间过短",
        "straightliner": "连续相同作答（直线作答）",
        "attention_failed": "未通过注意力检测题",
        "partial": "未完整作答",
    },
}


def assess(
    responses,
    *,
    speeder_fraction: float = DEFAULT_SPEEDER_FRACTION,
    speeder_seconds: float | None = None,
    partial_threshold: float = DEFAULT_PARTIAL_THRESHOLD,
    straightline_min_items: int = DEFAULT_STRAIGHTLINE_MIN_ITEMS,
    straightline_scope: str = "all",
) -> QualityReport:
    """Run every check on ``responses`` (a :class:`~survey.responses.Responses`).

    Parameters
    ----------
    speeder_fraction : float
        A respondent is a speeder when their duration is below this fraction of the median
        duration (default 1/3), unless ``speeder_seconds`` gives a fixed cut-off.
    partial_threshold : float
        Share of required items that must be answered (default 1.0: all).
    straightline_min_items : int
        Only blocks (constructs or matrix questions) with at least this many items count.
    straightline_scope : {"all", "any"}
        ``"all"``: identical answers within every block answered (default); ``"any"``: within any
        one block.
    """
    data, meta, q = responses.data, responses.meta, responses.questionnaire
    index = data.index
    matrix = _Numeric(data)
    flags = pd.DataFrame(index=index)
    rules: dict[str, str] = {}
    zh: dict[str, str] = {}

    def record(name: str, rule: tuple) -> None:
        flags[name], rules[name], zh[name] = rule

    invalid = responses.invalid
    record("invalid", (index.isin(invalid["row"]) if len(invalid) else False,
                       "any code outside the scale or an unknown label", "存在量表范围外的编码或无法识别的选项文本"))
    rule, duplicate_ids = _duplicate_id_rule(index)
    record("duplicate_id", rule)
    record("duplicate_answers", _duplicate_answers_rule(responses, matrix))
    rule, duration = _speeder_rule(meta, speeder_fraction, speeder_seconds)
    record("speeder", rule)
    if duration is not None:
        flags["duration_s"] = duration
    record("straightliner", _straightliner_rule(q, data, matrix, straightline_min_items, straightline_scope))
    record("attention_failed", _attention_rule(q, data))
    required = _required_columns(responses)
    rule, share = _partial_rule(responses, matrix, required, partial_threshold)
    if share is not None:
        flags["answered_share"] = share
    record("partial", rule)

    missing = matrix.missing(list(data.columns))
    missing_by_item = pd.Series([np.count_nonzero(missing[:, j]) for j in range(missing.shape[1])] if missing.any() else 0, index=data.columns, name="missing", dtype="int64")
    by_respondent = matrix.missing_count(required if required else list(data.columns))
    missing_by_respondent = pd.Series(by_respondent, index=index, name="missing")
    return QualityReport(
        n=len(data),
        invalid=invalid,
        declared_missing=responses.declared_missing,
        missing_by_item=missing_by_item,
        missing_by_respondent=missing_by_respondent,
        duplicate_ids=duplicate_ids,
        flags=flags,
        rules=rules,
        rules_zh=zh,
    )


# Each rule returns (flag per respondent, the rule in English, the rule in Chinese).


def _duplicate_id_rule(index: pd.Index) -> tuple[tuple, pd.DataFrame]:
    if index.has_duplicates:
        id_counts = pd.Series(index, index=index).value_counts()
        dup_ids = id_counts[id_counts > 1]
    else:
        dup_ids = pd.Series([], dtype="int64")
    rule = (index.isin(dup_ids.index), "respondent id occurs more than once", "答卷编号出现不止一次")
    return rule, pd.DataFrame({"respondent": dup_ids.index, "count": dup_ids.to_numpy()})


def _duplicate_answers_rule(responses, matrix: "_Numeric") -> tuple:
    data = responses.data
    answer_cols = _answer_columns(responses)
    answers = data[answer_cols] if answer_cols else data
    answered_any = ~matrix.all_missing(list(answers.columns))
    return (_duplicated_rows(answers, matrix) & answered_any,
            "identical answers to every item as an earlier respondent (the first is kept)",
            "全部题目答案与此前某份问卷完全相同（保留第一份）")


def _speeder_rule(meta: pd.DataFrame, fraction: float, seconds: float | None) -> tuple[tuple, np.ndarray | None]:
    """Below a fixed number of seconds, or below ``fraction`` of the median duration."""
    duration = pd.to_numeric(meta["duration_s"], errors="coerce") if "duration_s" in meta else None
    if duration is None or not duration.notna().any():
        return (False, "no durations in the data", "数据中没有答题时间"), None
    if seconds is not None:
        cut = float(seconds)
        en, zh = f"duration < {cut:g} s", f"答题时间少于{cut:g}秒"
    else:
        median = float(duration.median())
        cut = fraction * median
        en = f"duration < {fraction:.3g} × median ({median:g} s) = {cut:.1f} s"
        zh = f"答题时间少于中位数（{median:g}秒）的{fraction:.3g}倍，即{cut:.1f}秒"
    return ((duration < cut).to_numpy(), en, zh), duration.to_numpy()


def _straightliner_rule(q, data: pd.DataFrame, matrix: "_Numeric", min_items: int, scope: str) -> tuple:
    """Identical answers within every answered block (``"all"``) or within any block (``"any"``)."""
    blocks = _likert_blocks(q, data, min_items)
    if not blocks:
        return False, "no Likert blocks in the questionnaire", "问卷中没有量表维度"
    same = np.zeros((len(data), len(blocks)), dtype=bool, order="F")  # column-major: a column per block
    answered = np.zeros((len(data), len(blocks)), dtype=bool, order="F")
    for j, cols in enumerate(blocks.values()):
        matrix.all_equal(cols, out=same[:, j])  # never where an item of the block is unanswered
        np.equal(matrix.missing_count(cols), 0, out=answered[:, j])
    if scope == "any":
        return (_row_count(same) > 0, f"identical answers within any block of ≥ {min_items} items",
                f"任一含{min_items}个及以上题项的量表维度内答案完全相同")
    n_answered = _row_count(answered)
    return ((_row_count(same) == n_answered) & (n_answered >= 2),
            f"identical answers within every answered block of ≥ {min_items} items ({len(blocks)} blocks)",
            f"所作答的每个量表维度（共{len(blocks)}个，每个不少于{min_items}题）内答案均完全相同")


def _attention_rule(q, data: pd.DataFrame) -> tuple:
    failed = pd.Series(False, index=data.index)
    if q is None or not q.attention_checks:
        return failed.to_numpy(), "no attention checks in the questionnaire", "问卷中没有注意力检测题"
    for check in q.attention_checks:
        if check.item in data:
            failed |= ~data[check.item].isin(check.expected)
    return (failed.to_numpy(), "; ".join(f"{c.item} ≠ {c.expected}" for c in q.attention_checks),
            "；".join(f"注意力检测题{c.item}的答案不是{'或'.join(str(e) for e in c.expected)}" for c in q.attention_checks))


def _partial_rule(responses, matrix: "_Numeric", required: list[str], threshold: float) -> tuple[tuple, pd.Series | None]:
    """Too few required items answered (declared missing codes count as answers), or not finished."""
    index, meta = responses.data.index, responses.meta
    share = None
    if required:
        share = 1 - _blank_count(responses, matrix, required) / len(required)
        partial = share < threshold
        en = f"answered < {threshold:.0%} of {len(required)} required items (declared missing codes count as answers)"
        zh = f"作答的必答题少于{len(required)}题的{threshold:.0%}（声明的缺失编码视为已作答）"
    else:
        partial = pd.Series(False, index=index)
        en, zh = "no required items", "没有必答题"
    if "finished" in meta:
        finished = meta["finished"].astype(str).str.strip().str.lower().isin(["1", "true", "yes", "1.0"])
        partial = partial | ~finished.to_numpy()
        en += "; or not finished (platform flag)"
        zh += "；或平台标记为未完成"
    return (np.asarray(partial, dtype=bool), en, zh), share


class _Numeric:
    """The numeric columns of a frame as arrays (views, no copy of the table) and their missingness.

    Columns that are not numeric (open text) are looked up through pandas, so every helper accepts
    any column.
    """

    def __init__(self, data: pd.DataFrame):
        self.data = data
        numeric = [c for c, t in data.dtypes.items() if pd.api.types.is_float_dtype(t) or pd.api.types.is_integer_dtype(t)]
        self.position = {c: j for j, c in enumerate(numeric)}
        if len(numeric) == data.shape[1] and all(t == np.float64 for t in data.dtypes):
            table = data.to_numpy()  # a table of codes is one float block: a view, no copy
            self.arrays = [table[:, j] for j in range(table.shape[1])]
            self.nan = np.isnan(table, order="F")  # column-major: one column per item
        else:
            self.arrays = [data[c].to_numpy(dtype="float64") for c in numeric]
            self.nan = np.empty((len(data), len(numeric)), dtype=bool, order="F")
            for j, a in enumerate(self.arrays):
                np.isnan(a, out=self.nan[:, j])
        self.has_nan = self.nan.any(axis=0)
        self._counts: dict[tuple, np.ndarray] = {}

    def columns(self, cols: list) -> np.ndarray:
        if all(c in self.position for c in cols):
            return np.column_stack([self.arrays[self.position[c]] for c in cols])
        return self.data[cols].to_numpy(dtype="float64")

    def all_equal(self, cols: list, out: np.ndarray) -> np.ndarray:
        """Whether each row has one value throughout ``cols`` (False where any is missing)."""
        arrays = [self.arrays[self.position[c]] for c in cols] if all(c in self.position for c in cols) else list(self.columns(cols).T)
        np.equal(arrays[0], arrays[0], out=out)  # False where the first is NaN
        for a in arrays[1:]:
            out &= arrays[0] == a
        return out

    def missing(self, cols: list) -> np.ndarray:
        """Whether each cell of ``cols`` is missing, one column per entry of ``cols``, in their order."""
        known = [self.position.get(c) for c in cols]
        if known == list(range(len(self.arrays))):
            return self.nan
        if None not in known:
            return self.nan[:, known]
        out = np.empty((len(self.data), len(cols)), dtype=bool, order="F")
        for j, (c, k) in enumerate(zip(cols, known)):
            out[:, j] = self.nan[:, k] if k is not None else self.data[c].isna().to_numpy()
        return out

    def missing_count(self, cols: list) -> np.ndarray:
        """Missing values per row over ``cols`` (kept: the checks ask for the same columns again)."""
        key = tuple(cols)
        if key not in self._counts:
            complete = all(c in self.position and not self.has_nan[self.position[c]] for c in cols)
            self._counts[key] = np.zeros(len(self.data), dtype=np.int32) if complete else _row_count(self.missing(cols))
        return self._counts[key]

    def all_missing(self, cols: list) -> np.ndarray:
        return self.missing_count(cols) == len(cols)


def _blank_count(responses, matrix: _Numeric, cols: list) -> np.ndarray:
    """Cells of ``cols`` per row left blank in the export: missing in ``data`` without a declared
    missing code (a "no opinion", a skip) or an invalid value behind them."""
    codes, invalid = responses.missing_codes, responses.invalid
    held_code = [c for c in cols if c in codes.columns]
    held_invalid = invalid[invalid["column"].isin(cols)] if len(invalid) else invalid.iloc[0:0]
    if not held_code and not len(held_invalid):
        return matrix.missing_count(cols)
    blank = matrix.missing(cols).copy(order="F")
    position = {c: j for j, c in enumerate(cols)}
    for c in held_code:
        blank[:, position[c]] &= np.isnan(codes[c].to_numpy())
    for c, rows in held_invalid.groupby("column", sort=False)["row"]:
        blank[:, position[c]] &= ~responses.data.index.isin(rows)
    return _row_count(blank)


def _row_count(mask: np.ndarray) -> np.ndarray:
    """True values per row of a column-major boolean matrix (summed as bytes into a narrow counter:
    the fastest reduction numpy has for it)."""
    narrow = np.uint16 if mask.shape[1] < 2**16 else np.int64
    return np.add.reduce(mask.view(np.uint8), axis=1, dtype=narrow).astype(np.int32)


def _duplicated_rows(frame: pd.DataFrame, matrix: _Numeric) -> np.ndarray:
    """Rows equal to an earlier row, narrowed down in stages: a hash over a spread of at most 16
    answer columns for every row, a hash over all of them for the rows whose first hash repeats,
    and a full comparison for the rows whose second hash repeats too.

    Numeric columns are hashed by a weighted sum with fixed random weights (missing as a sentinel);
    text columns through pandas. Equal rows always hash equal; a collision only costs a check.
    """
    cols = list(frame.columns)
    numeric = [c for c in cols if c in matrix.position]
    text = [c for c in cols if c not in matrix.position]
    text_hash = pd.util.hash_pandas_object(frame[text], index=False).to_numpy() if text else None
    spread = numeric[:: -(-len(numeric) // _HASHED_FIRST)] if numeric else []
    rows = np.arange(len(frame))
    for columns in ([spread, numeric] if len(spread) < len(numeric) else [numeric]):
        hashes = _row_hashes(matrix, columns, rows)
        keys = pd.Series(hashes) if text_hash is None else pd.DataFrame({"h": hashes, "t": text_hash[rows]})
        rows = rows[np.asarray(keys.duplicated(keep=False))]
        if not len(rows):
            break
    out = np.zeros(len(frame), dtype=bool)
    if len(rows):
        out[rows] = frame.iloc[rows].duplicated(keep="first").to_numpy()
    return out


_HASHED_FIRST = 16


def _row_hashes(matrix: _Numeric, columns: list, rows: np.ndarray) -> np.ndarray:
    """A weighted sum for each of ``rows``, the same operations in the same order for every row."""
    every = len(rows) == len(matrix.data)  # all rows: work on the columns without gathering them
    hashes = np.zeros(len(rows))
    term = np.empty(len(rows))
    weights = np.random.default_rng(20260101).uniform(1.0, 2.0, size=len(columns))
    for w, c in zip(weights, columns):
        j = matrix.position[c]
        np.multiply(matrix.arrays[j] if every else matrix.arrays[j][rows], w, out=term)
        if matrix.has_nan[j]:
            term[matrix.nan[:, j] if every else matrix.nan[rows, j]] = -1.2345e7 * w
        hashes += term
    return hashes


def _answer_columns(responses) -> list[str]:
    """Every column of ``data`` that holds an answer: codes, open text and "please specify" text,
    personal answers (a phone number) included; only items with the ``id`` role are left out (the
    respondent id and platform metadata such as the submit time live outside ``data``)."""
    q = responses.questionnaire
    ids = {i.id for i in q.items_with_role("id")} if q is not None else set()
    return [c for c in responses.data.columns if c not in ids]


def _required_columns(responses) -> list[str]:
    q = responses.questionnaire
    if q is None:
        return []
    cols = []
    for item in q.items:
        if item.required and item.type != "text" and item.id in responses.data:
            cols.append(item.id)
    return cols


def _likert_blocks(q, data: pd.DataFrame, min_items: int) -> dict[str, list[str]]:
    """Constructs (or, without constructs, matrix questions) of Likert items with ≥ min_items columns."""
    if q is None:
        return {}
    blocks: dict[str, list[str]] = {}
    for c in q.constructs:
        cols = [i for i in c.items if i in data and q.item(i).type == "likert"]
        if len(cols) >= min_items:
            blocks[c.id] = cols
    if not blocks:
        by_number: dict[str, list[str]] = {}
        for item in q.items:
            if item.type == "likert" and item.number and item.id in data:
                by_number.setdefault(item.number, []).append(item.id)
        blocks = {k: v for k, v in by_number.items() if len(v) >= min_items}
    return blocks
