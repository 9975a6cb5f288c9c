"""Result frames into report tables: pick columns, name them in the report's language, format numbers.

Formatting goes through :mod:`survey.findings.format` only. Column kinds are found by name:
p values, counts, values bounded by 1 (r, α, β, loadings, fit indices), and everything else.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .._checks import numeric_frame
from ..errors import AnalysisError
from ..findings.format import fmt_num, fmt_p
from ..stats._diffutil import label
from ..stats.correlation import correlations

P_COLUMNS = {"p", "p_value", "p_welch", "p_levene", "p_adj", "pvalue", "p_fong", "wald_p", "f_change_p", "p_change"}
INT_COLUMNS = {"n", "k", "count", "df", "n_items", "items", "n_high", "n_low", "n_used", "n_excluded", "rank", "df1", "df2", "df_num", "df_den", "segments", "interviewees"}
BOUNDED_COLUMNS = {
    "alpha", "std_alpha", "omega", "omega_total", "omega_hierarchical", "r", "r_drop", "citc", "beta", "std_beta",
    "loading", "std_loading", "communality", "h2", "proportion", "cumulative", "cfi", "tli", "rmsea", "srmr", "gfi",
    "cr", "ave", "kmo", "msa", "r2", "adj_r2", "delta_r2", "r2_change", "ia", "better", "worse", "kappa", "effect_size",
    "alpha_if_deleted", "min_r_drop", "share", "eta2", "omega2", "cramers_v", "rank_biserial", "htmt", "rmsea_low", "rmsea_high",
    "mcfadden_r2", "weight", "rescaled", "raw_weight", "general_dominance", "percent_share", "agreement",
}

HEADERS = {
    "zh": {
        "construct": "维度", "name": "维度", "item": "题项", "role": "因素类型", "k": "题项数", "n": "样本量", "alpha": "Cronbach's *α*",
        "std_alpha": "标准化*α*", "ci_low": "95% CI下限", "ci_high": "95% CI上限", "omega_total": "McDonald's *ω*", "min_r_drop": "最小CITC",
        "label": "评价", "mean": "均值", "sd": "标准差", "median": "中位数", "min": "最小值", "max": "最大值", "skew": "偏度", "kurtosis": "峰度",
        "statistic": "统计量", "df": "自由度", "p_value": "*p*", "effect_size": "效应量", "test": "检验方法", "estimate": "估计值", "se": "标准误",
        "beta": "*β*", "t": "*t*", "vif": "VIF", "variable": "变量", "category": "类别", "percent": "百分比(%)", "valid_percent": "有效百分比(%)",
        "cumulative_percent": "累计百分比(%)", "attribute": "属性", "penalty": "惩罚系数", "reward": "奖励系数", "riocs": "RIOCS", "ia": "IA指数",
        "class": "类型", "apriori": "理论归属", "agreement": "一致性", "check": "检查项", "rule": "规则", "share": "比例", "detail": "说明",
        "performance": "满意度(表现)", "importance": "重要性", "gap": "差距", "quadrant": "象限", "better": "Better系数", "worse": "Worse系数",
        "code": "编码", "frequency": "频次", "high": "高峰事件(%)", "low": "低谷事件(%)", "index": "满意度指数",
        "raw_weight": "原始权重", "rescaled": "相对权重(%)", "r2": "*R*²", "group": "组别",
        "factor": "因子", "ss_loadings": "旋转载荷平方和", "proportion": "方差解释率", "cumulative": "累计方差解释率", "cr": "组合信度CR",
        "ave": "平均方差抽取量AVE", "sqrt_ave": "AVE平方根", "max_r": "最大相关系数", "max_htmt": "最大HTMT",
        "citc": "CITC", "alpha_if_deleted": "删除该项后的*α*",
    },
    "en": {
        "construct": "Construct", "name": "Construct", "item": "Item", "role": "Role", "k": "Items", "n": "*n*", "alpha": "*α*",
        "std_alpha": "Std. *α*", "ci_low": "95% CI LL", "ci_high": "95% CI UL", "omega_total": "*ω*", "min_r_drop": "Min. CITC",
        "label": "Evaluation", "mean": "*M*", "sd": "*SD*", "median": "*Mdn*", "min": "Min", "max": "Max", "skew": "Skew", "kurtosis": "Kurtosis",
        "statistic": "Statistic", "df": "*df*", "p_value": "*p*", "effect_size": "Effect size", "test": "Test", "estimate": "*B*", "se": "*SE*",
        "beta": "*β*", "t": "*t*", "vif": "VIF", "variable": "Variable", "category": "Category", "percent": "%", "valid_percent": "Valid %",
        "cumulative_percent": "Cumulative %", "attribute": "Attribute", "penalty": "Penalty", "reward": "Reward", "riocs": "RIOCS", "ia": "IA",
        "class": "Class", "apriori": "A priori", "agreement": "Agreement", "check": "Check", "rule": "Rule", "share": "Share", "detail": "Detail",
        "performance": "Performance", "importance": "Importance", "gap": "Gap", "quadrant": "Quadrant", "better": "Better", "worse": "Worse",
        "code": "Code", "frequency": "Frequency", "high": "High (%)", "low": "Low (%)", "index": "Index",
        "raw_weight": "Raw weight", "rescaled": "Rescaled (%)", "r2": "*R*²", "group": "Group",
        "factor": "Factor", "ss_loadings": "SS loadings", "proportion": "Proportion", "cumulative": "Cumulative", "cr": "CR",
        "ave": "AVE", "sqrt_ave": "√AVE", "max_r": "Max. *r*", "max_htmt": "Max. HTMT",
        "citc": "CITC", "alpha_if_deleted": "*α* if deleted",
    },
}


def column_kind(name: str) -> str:
    key = str(name).lower()
    if key in P_COLUMNS or key.startswith("p_") or key.endswith("_p"):
        return "p"
    if key in INT_COLUMNS or key.startswith("n_"):
        return "int"
    if key in BOUNDED_COLUMNS:
        return "bounded"
    return "number"


def format_cell(value, kind: str, *, style: str, digits: int, lang: str | None = None) -> str:
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return "—"
    if isinstance(value, (bool, np.bool_)):  # in the report's language (by style when none is given)
        return ("是" if value else "否") if (lang or ("zh" if style == "gb" else "en")) == "zh" else ("yes" if value else "no")
    if isinstance(value, str):
        return value
    if not isinstance(value, (int, float, np.integer, np.floating)):
        return str(value)
    value = float(value)
    if kind == "p":
        return fmt_p(value, style=style, prefix=False)
    if kind == "int":
        return str(int(value)) if value.is_integer() else fmt_num(value, digits=2, style=style)
    return fmt_num(value, digits=digits, bounded=(kind == "bounded" and abs(value) <= 1), style=style)


def format_frame(
    frame: pd.DataFrame,
    *,
    style: str,
    lang: str,
    columns: Sequence[str] | None = None,
    headers: Mapping[str, str] | None = None,
    digits: int | None = None,
    kinds: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """Select ``columns`` (default: all), format every cell as text and name the columns.

    ``digits``: decimals (default 3 for ``gb``, 2 for ``apa``). ``kinds`` overrides the kind found
    from a column's name (``"p"``, ``"int"``, ``"bounded"``, ``"number"``, ``"text"``).
    """
    digits = digits if digits is not None else (3 if style == "gb" else 2)
    frame = frame if columns is None else frame.loc[:, [c for c in columns if c in frame.columns]]
    names = {**HEADERS.get(lang, {}), **(headers or {})}
    kinds = dict(kinds or {})
    cells = []
    for col in frame.columns:
        kind = kinds.get(col, column_kind(col))
        cells.append([v if kind == "text" else format_cell(v, kind, style=style, digits=digits, lang=lang) for v in frame[col].tolist()])
    result = pd.DataFrame(dict(enumerate(cells)), index=frame.index)
    result.columns = [names.get(col, str(col)) for col in frame.columns]
    if frame.index.name is not None:
        result.index = [str(i) for i in frame.index]
        result.index.name = names.get(frame.index.name, frame.index.name)
    return result


def correlation_table(
    data: pd.DataFrame,
    columns: Sequence[str] | None = None,
    *,
    alphas: Mapping[str, float] | None = None,
    method: str = "pearson",
    style: str = "apa",
    digits: int = 2,
    labels: Mapping[str, str] | None = None,
) -> pd.DataFrame:
    """The APA "means, standard deviations and correlations" table, α on the diagonal.

    Rows are numbered variables; columns ``M``, ``SD``, then ``1`` … ``k``: lower-triangle r with
    stars (* p < .05, ** p < .01, *** p < .001), the diagonal holds the reliability in
    parentheses from ``alphas`` (a dict ``{column: α}``, e.g. from ``cronbach_alpha``) or "—".
    Cells are formatted text; the numbers come from :func:`survey.correlations` (listwise, so the
    table's N is that result's ``n``).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 6], "b": [2, 1, 4, 3, 6, 5]})
    >>> correlation_table(df, alphas={"a": 0.812}).iloc[:, 2:].values.tolist()
    [['(.81)', ''], ['.83*', '—']]
    """
    res = correlations(data, columns, method=method)
    cols = list(res.r.columns)
    alphas = dict(alphas or {})
    unknown = [c for c in alphas if c not in cols]
    if unknown:
        raise AnalysisError(f"correlation_table: alphas given for columns not in the table: {unknown}")
    frame = numeric_frame(data, cols, what="correlation_table", nan_policy="listwise", min_rows=3, min_columns=2)
    star = res.starred(style=style, digits=digits)
    rows = []
    for i, c in enumerate(cols):
        row = {
            "variable": f"{i + 1}. {label(labels, c)}",
            "M": fmt_num(frame[c].mean(), digits=digits, style=style),
            "SD": fmt_num(frame[c].std(ddof=1), digits=digits, style=style),
        }
        for j, d in enumerate(cols):
            if j < i:
                row[str(j + 1)] = star.loc[c, d]
            elif j == i:
                row[str(j + 1)] = f"({fmt_num(alphas[c], digits=digits, bounded=True, style=style)})" if c in alphas else "—"
            else:
                row[str(j + 1)] = ""
        rows.append(row)
    return pd.DataFrame(rows).set_index("variable")
