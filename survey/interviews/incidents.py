"""Herzberg's critical-incident analysis: high and low sequences and their first-level factors.

Each sequence (one story an interviewee tells about a time they felt exceptionally good — high —
or bad — low) is coded high or low, optionally long- or short-range, with one or more first-level
factors. The table gives, per factor, the % of high and the % of low sequences that mention it
(columns need not sum to 100), and a two-proportion test of the difference (Pearson χ² without
continuity correction, as R ``prop.test(correct = FALSE)``, with the unpooled Wald interval of the
difference). When an expected count of the factor's 2 × 2 table (mentioned or not × high or low)
is below 5, the χ² approximation is not trusted and Fisher's exact test (two-sided, R
``fisher.test``) gives the p value instead; the ``test`` column says which ran. The motivator/hygiene shares count factor mentions: Herzberg (1968) reports, over 12
studies, that 81% of the factors in satisfying events were motivators and 69% of those in
dissatisfying events were hygiene factors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._result import Result
from ..errors import AnalysisError, Problem, ResponseDataError
from ..findings.format import fmt_num, fmt_p
from .codebook import Codebook, load_codebook

__all__ = ["critical_incidents", "CriticalIncidentResult", "two_proportion_test", "incident_test"]

MIN_EXPECTED = 5.0

_HIGH = {"high", "h", "高", "高点", "satisfying", "satisfied", "满意", "+", "positive", "正面"}
_LOW = {"low", "l", "低", "低点", "dissatisfying", "dissatisfied", "不满意", "-", "negative", "负面"}
_LONG = {"long", "long-range", "long_range", "长", "长期", "长程"}
_SHORT = {"short", "short-range", "short_range", "短", "短期", "短程"}
_SPLIT = re.compile(r"\s*[;；,，、|]\s*")


def two_proportion_test(x1: int, n1: int, x2: int, n2: int, *, ci_level: float = 0.95) -> dict[str, float]:
    """Pearson χ² test of p1 = p2 (no continuity correction) and the Wald CI of p1 − p2.

    Agrees with R ``prop.test(c(x1, x2), c(n1, n2), correct = FALSE)``.

    >>> r = two_proportion_test(30, 50, 15, 50)
    >>> round(r["statistic"], 4), round(r["p_value"], 5)
    (9.0909, 0.00257)
    """
    if min(n1, n2) <= 0 or not (0 <= x1 <= n1 and 0 <= x2 <= n2):
        raise AnalysisError(f"two_proportion_test needs 0 ≤ x ≤ n and n > 0, got x1={x1}, n1={n1}, x2={x2}, n2={n2}")
    p1, p2 = x1 / n1, x2 / n2
    pooled = (x1 + x2) / (n1 + n2)
    if pooled in (0.0, 1.0):
        raise AnalysisError("two_proportion_test is undefined when every or no case has the property in both groups")
    chi2 = (p1 - p2) ** 2 / (pooled * (1 - pooled) * (1 / n1 + 1 / n2))
    z = stats.norm.ppf(1 - (1 - ci_level) / 2)
    half = z * np.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2)
    return {
        "estimate": p1 - p2,
        "ci_low": max(p1 - p2 - half, -1.0),
        "ci_high": min(p1 - p2 + half, 1.0),
        "statistic": float(chi2),
        "df": 1.0,
        "p_value": float(stats.chi2.sf(chi2, 1)),
    }


def incident_test(x1: int, n1: int, x2: int, n2: int, *, ci_level: float = 0.95, min_expected: float = MIN_EXPECTED) -> dict:
    """:func:`two_proportion_test`, or Fisher's exact test when an expected count is below ``min_expected``.

    Returns the two-proportion result with ``test`` (``"chi2"`` or ``"fisher"``) and
    ``min_expected``; for Fisher the χ² statistic and df are not reported (NaN) and ``p_value`` is
    the two-sided exact p of R ``fisher.test`` (scipy's ``fisher_exact`` computes the same for 2 × 2).

    >>> r = incident_test(4, 27, 0, 28)
    >>> r["test"], round(r["p_value"], 4)
    ('fisher', 0.0515)
    """
    out = two_proportion_test(x1, n1, x2, n2, ci_level=ci_level)
    table = np.array([[x1, n1 - x1], [x2, n2 - x2]], dtype=float)
    expected = table.sum(axis=1, keepdims=True) * table.sum(axis=0, keepdims=True) / table.sum()
    out["min_expected"] = float(expected.min())
    out["test"] = "chi2"
    if out["min_expected"] < min_expected:
        out.update(test="fisher", statistic=float("nan"), df=float("nan"), p_value=float(stats.fisher_exact(table.astype(int)).pvalue))
    return out


TEST_NAMES = {"zh": {"chi2": "χ²检验", "fisher": "Fisher精确检验"}, "en": {"chi2": "χ² test", "fisher": "Fisher's exact test"}}


@dataclass(frozen=True)
class CriticalIncidentResult(Result):
    """Critical-incident table.

    ``table`` (index ``factor``, codebook order, motivators first): ``name, role, n_high, pct_high,
    n_low, pct_low, estimate`` (p_high − p_low), ``ci_low, ci_high, statistic`` (χ², df = 1; NaN
    when Fisher's test ran), ``df, p_value, min_expected, test`` (``chi2`` or ``fisher``) (and
    ``p_adjusted`` when asked; sentences then judge significance by it). ``shares`` (index high/low):
    ``n_sequences, n_mentions, n_motivator, n_hygiene, pct_motivator, pct_hygiene``.
    ``by_range``: % of sequences per factor within high/low × long/short (when ranges are given).
    ``untestable``: factors mentioned in no sequence (or in all), left out of ``table``.
    """

    table: pd.DataFrame
    shares: pd.DataFrame
    by_range: pd.DataFrame
    n_high: int
    n_low: int
    untestable: tuple[str, ...]
    ci_level: float
    lang: str = "en"

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        st = "gb" if lang == "zh" else style
        hm = self.shares.at["high", "pct_motivator"] if "high" in self.shares.index else float("nan")
        lh = self.shares.at["low", "pct_hygiene"] if "low" in self.shares.index else float("nan")
        p_col = "p_adjusted" if "p_adjusted" in self.table else "p_value"
        sig = self.table.loc[self.table[p_col] < 0.05]
        high_side = [n for n in sig.index if sig.at[n, "estimate"] > 0]
        low_side = [n for n in sig.index if sig.at[n, "estimate"] < 0]
        name = self.table["name"]

        def p_text(f: str, lang: str) -> str:
            p = fmt_p(self.table.at[f, p_col], style=st)
            test = TEST_NAMES[lang][self.table.at[f, "test"]]
            adjusted = ("校正后" if lang == "zh" else "adjusted ") if p_col == "p_adjusted" else ""
            return f"{test}，{adjusted}{p}" if lang == "zh" else f"{test}, {adjusted}{p}"

        if lang == "zh":
            out = [
                f"共分析关键事件{self.n_high + self.n_low}个（高点事件{self.n_high}个，低点事件{self.n_low}个）。高点事件所涉因素中激励因素占"
                f"{fmt_num(hm, digits=1, style='gb')}%，低点事件所涉因素中保健因素占{fmt_num(lh, digits=1, style='gb')}%"
                "（赫茨伯格1968年汇总12项研究的结果分别为81%和69%）。"
            ]
            if high_side:
                out.append("在高点事件中出现比例显著高于低点事件的因素有：" + "、".join(f"{name[f]}（{p_text(f, 'zh')}）" for f in high_side) + "。")
            if low_side:
                out.append("在低点事件中出现比例显著更高的因素有：" + "、".join(f"{name[f]}（{p_text(f, 'zh')}）" for f in low_side) + "。")
            return out
        out = [
            f"Of the factors in the {self.n_high} high sequences, {fmt_num(hm, digits=1, style=st)}% were motivators; of those in the "
            f"{self.n_low} low sequences, {fmt_num(lh, digits=1, style=st)}% were hygiene factors (Herzberg's 1968 summary of 12 studies: 81% and 69%)."
        ]
        if high_side:
            out.append("Mentioned significantly more often in high than in low sequences: " + ", ".join(f"{name[f]} ({p_text(f, 'en')})" for f in high_side) + ".")
        if low_side:
            out.append("Mentioned significantly more often in low sequences: " + ", ".join(f"{name[f]} ({p_text(f, 'en')})" for f in low_side) + ".")
        return out

    def plot(self, ax=None, lang: str = "en"):
        from ..figures.interviews import plot_herzberg_butterfly

        return plot_herzberg_butterfly(self, ax=ax, lang=lang)


def _norm(value: str, table: dict[str, set[str]], what: str, where: str, problems: list[Problem]) -> str | None:
    v = str(value).strip().lower()
    for key, accepted in table.items():
        if v in accepted:
            return key
    problems.append(Problem(where, f"{what} {value!r} not recognised", " / ".join(sorted(a for s in table.values() for a in s if a.isascii())[:8])))
    return None


def critical_incidents(
    sequences: pd.DataFrame,
    *,
    codebook: Codebook | str = "herzberg16",
    sequence: str = "sequence_id",
    valence: str = "valence",
    factor: str = "factor",
    range_column: str | None = "range",
    ci_level: float = 0.95,
    p_adjust: str | None = None,
    lang: str = "en",
) -> CriticalIncidentResult:
    """Tabulate critical incidents: % of high and % of low sequences per factor, with tests.

    ``sequences`` is long (one row per sequence and factor) or wide (one row per sequence, the
    factors in one cell separated by ``;`` ``,`` ``、``). Valence: high/low (also 高/低,
    satisfying/dissatisfying, 满意/不满意). Factors: codebook ids or names in either language.
    ``p_adjust``: a ``statsmodels`` multiple-testing method (``"holm"``, ``"fdr_bh"``) for
    ``p_adjusted``.

    Examples
    --------
    >>> seq = pd.DataFrame({"sequence_id": [1, 2, 3, 4], "valence": ["high", "high", "low", "low"],
    ...                     "factor": ["achievement;recognition", "achievement", "salary", "policy_administration;achievement"]})
    >>> r = critical_incidents(seq)
    >>> r.table.loc["achievement", ["pct_high", "pct_low"]].tolist()
    [100.0, 50.0]
    """
    cb = load_codebook(codebook)
    if not isinstance(sequences, pd.DataFrame) or sequences.empty:
        raise ResponseDataError("critical_incidents needs a non-empty DataFrame of sequences")
    missing = [c for c in (sequence, valence, factor) if c not in sequences.columns]
    if missing:
        raise ResponseDataError(f"the sequence table lacks columns {missing}; it has {list(sequences.columns)}")
    lookup: dict[str, str] = {}
    for c in cb.codes:
        for label in (c.id, c.name.zh, c.name.en):
            if label:
                lookup[label.strip().lower()] = c.id
    problems: list[Problem] = []
    rows = []
    has_range = range_column is not None and range_column in sequences.columns
    for i in range(len(sequences)):
        rec = dict(zip(sequences.columns, sequences.iloc[i]))
        where = f"row {i + 1} (sequence {rec[sequence]!r})"
        val = _norm(rec[valence], {"high": _HIGH, "low": _LOW}, "valence", where, problems)
        rng = None
        if has_range and str(rec[range_column]).strip() not in ("", "nan", "None"):
            rng = _norm(rec[range_column], {"long": _LONG, "short": _SHORT}, "range", where, problems)
        cell = rec[factor]
        labels = [] if cell is None or (isinstance(cell, float) and np.isnan(cell)) else [s for s in _SPLIT.split(str(cell).strip()) if s]
        for lab in labels:
            fid = lookup.get(lab.lower())
            if fid is None:
                problems.append(Problem(where, f"factor {lab!r} is not in codebook {cb.id!r}", "a code id or its zh/en name"))
            rows.append((str(rec[sequence]), val, rng, fid))
        if not labels:
            rows.append((str(rec[sequence]), val, rng, None))
    if problems:
        raise ResponseDataError("the critical-incident table has problems", problems)
    long = pd.DataFrame(rows, columns=["sequence", "valence", "range", "factor"])
    conflict = long.groupby("sequence")["valence"].nunique()
    if (conflict > 1).any():
        raise ResponseDataError(f"sequences coded both high and low: {conflict[conflict > 1].index.tolist()[:10]}")
    seqs = long.drop_duplicates("sequence").set_index("sequence")
    n_high = int((seqs["valence"] == "high").sum())
    n_low = int((seqs["valence"] == "low").sum())
    if n_high == 0 or n_low == 0:
        raise AnalysisError(f"critical_incidents needs both high and low sequences; got {n_high} high and {n_low} low")
    mentions = long.dropna(subset=["factor"]).drop_duplicates(["sequence", "factor"])
    counts = mentions.groupby(["factor", "valence"]).size().unstack(fill_value=0).reindex(columns=["high", "low"], fill_value=0)
    order = sorted(cb.code_ids, key=lambda c: (0 if cb.role_of(c) == "motivator" else 1, cb.code_ids.index(c)))
    out_rows, untestable = [], []
    for f in order:
        xh = int(counts.at[f, "high"]) if f in counts.index else 0
        xl = int(counts.at[f, "low"]) if f in counts.index else 0
        if (xh + xl == 0) or (xh == n_high and xl == n_low):
            untestable.append(f)
            continue
        test = incident_test(xh, n_high, xl, n_low, ci_level=ci_level)
        out_rows.append({"factor": f, "name": cb.label(f, lang), "role": cb.role_of(f) or "", "n_high": xh, "pct_high": 100.0 * xh / n_high,
                         "n_low": xl, "pct_low": 100.0 * xl / n_low, **test})
    table = pd.DataFrame(out_rows).set_index("factor") if out_rows else pd.DataFrame(columns=["name", "role", "n_high", "pct_high", "n_low", "pct_low", "estimate", "ci_low", "ci_high", "statistic", "df", "p_value", "min_expected", "test"])
    if p_adjust and len(table):
        from statsmodels.stats.multitest import multipletests

        table["p_adjusted"] = multipletests(table["p_value"].to_numpy(), method=p_adjust)[1]
    mentions = mentions.assign(role=mentions["factor"].map(lambda f: cb.role_of(f) or ""))
    share_rows = []
    for v, n_seq in (("high", n_high), ("low", n_low)):
        sub = mentions.loc[mentions["valence"] == v]
        k = len(sub)
        nm, nh = int((sub["role"] == "motivator").sum()), int((sub["role"] == "hygiene").sum())
        share_rows.append({"valence": v, "n_sequences": n_seq, "n_mentions": k, "n_motivator": nm, "n_hygiene": nh,
                           "pct_motivator": 100.0 * nm / k if k else 0.0, "pct_hygiene": 100.0 * nh / k if k else 0.0})
    shares = pd.DataFrame(share_rows).set_index("valence")
    by_range = pd.DataFrame()
    if has_range and seqs["range"].notna().any():
        groups = seqs.dropna(subset=["range"]).groupby(["valence", "range"]).size()
        m = mentions.dropna(subset=["range"]).groupby(["factor", "valence", "range"]).size()
        by_range = (m / groups.reindex(m.index.droplevel(0)).to_numpy() * 100.0).unstack(["valence", "range"], fill_value=0.0)
        by_range = by_range.reindex([f for f in order if f in by_range.index])
    return CriticalIncidentResult(table, shares, by_range, n_high, n_low, tuple(untestable), ci_level, lang)
