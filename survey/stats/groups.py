"""Group comparisons: t tests, Mann–Whitney, one-way and Welch ANOVA, Kruskal–Wallis, post hoc.

``compare_groups(df, dv=..., by=...)`` runs one test of ``dv`` across the groups of ``by`` and says
which test ran and why. With ``test="auto"`` the choice follows two declared checks:

1. Normality: Shapiro–Wilk per group (3 ≤ n ≤ 5000). A group with n < ``large_n`` (default 30)
   whose test rejects at ``sig_level`` makes the comparison rank-based (Mann–Whitney or
   Kruskal–Wallis); groups with n ≥ ``large_n`` rely on the central limit theorem.
2. Homogeneity: Levene's test centred at the median (Brown–Forsythe; what ``car::leveneTest`` does
   by default). Rejection at ``sig_level`` selects Welch's t or Welch's ANOVA; otherwise Student's t
   or the classic one-way ANOVA.

Every statistic here is checked against R (``t.test``, ``wilcox.test``, ``aov``, ``oneway.test``,
``kruskal.test``, ``TukeyHSD``, ``car::leveneTest``) and hand formulas, tests/reference/differences/.

>>> import pandas as pd
>>> df = pd.DataFrame({"y": [3, 4, 5, 4, 5, 2, 3, 2, 3, 2], "g": ["a"] * 5 + ["b"] * 5})
>>> res = compare_groups(df, dv="y", by="g", test="student")
>>> round(res.statistic, 4), res.df, round(res.p_value, 4)
(4.0249, 8.0, 0.0038)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level
from .._result import Result
from ..errors import AnalysisError, RowsNeededError
from ..findings import Finding, KeyedFindings
from ..findings.format import fmt_p
from . import effect_sizes as es
from ._diffutil import columns_present, dv_and_groups, label, scale_levels
from .multiple import P_ADJUST_NAMES

__all__ = ["GroupComparisonResult", "compare_groups", "t_test", "welch_t_test", "mann_whitney", "anova", "welch_anova",
           "kruskal", "post_hoc", "TESTS", "POST_HOCS"]

TESTS = ("auto", "student", "welch", "mann_whitney", "anova", "welch_anova", "kruskal")
POST_HOCS = (None, "auto", "tukey", "games_howell", "dunn")
TEST_NAMES = {
    "student": ("Student's independent-samples t test", "独立样本t检验"),
    "welch": ("Welch's t test", "Welch t检验"),
    "mann_whitney": ("Mann–Whitney U test", "Mann–Whitney U检验"),
    "anova": ("one-way ANOVA", "单因素方差分析"),
    "welch_anova": ("Welch's ANOVA", "Welch方差分析"),
    "kruskal": ("Kruskal–Wallis H test", "Kruskal–Wallis H检验"),
}
STAT_SYMBOL = {"student": "t", "welch": "t", "mann_whitney": "U", "anova": "F", "welch_anova": "F", "kruskal": "H"}
POST_HOC_NAMES = {"tukey": "Tukey HSD", "games_howell": "Games–Howell", "dunn": "Dunn (Holm-adjusted)"}
ES_SYMBOL = {"cohen_d": "d", "hedges_g": "g", "rank_biserial": "r_rb", "eta_squared": "η²", "omega_squared": "ω²", "epsilon_squared": "ε²"}


@dataclass(frozen=True)
class GroupComparisonResult(KeyedFindings, Result):
    """One comparison of ``dv`` across the groups of ``by``.

    ``groups``: n, mean, sd, se, ci_low, ci_high, median, min, max per group (index = level).
    ``checks``: the normality and homogeneity checks (always computed, used when ``test="auto"``).
    ``effects``: every effect size computed, with CI where one is defined.
    ``post_hoc``: pairwise table or None.
    ``group_order``: how the groups were ordered (``"levels"``, ``"scale"``, ``"categories"``,
    ``"codes"``, ``"appearance"``); with two groups, t, d, g, U and r_rb are first − second
    (``contrast``).
    """

    dv: str
    by: str
    test: str
    reason: str
    reason_zh: str
    statistic: float
    df: float | None
    df2: float | None
    p_value: float
    effect_size_name: str
    effect_size: float
    effect_ci_low: float | None
    effect_ci_high: float | None
    groups: pd.DataFrame
    checks: pd.DataFrame
    effects: pd.DataFrame
    post_hoc: pd.DataFrame | None
    post_hoc_method: str | None
    n: int
    n_excluded: int
    ci_level: float
    sig_level: float
    labels: Mapping[object, str] | None = None
    group_order: str = "levels"
    p_adjusted: float | None = None
    p_adjust_method: str | None = None
    z: float | None = None  # Mann–Whitney's normal approximation (reported beside U)

    @property
    def contrast(self) -> str | None:
        """With two groups, the direction of t, d, g, U and r_rb: "first − second" (display labels)."""
        if len(self.groups) != 2:
            return None
        first, second = self.groups.index
        return f"{label(self.labels, first)} − {label(self.labels, second)}"

    @property
    def test_name(self) -> str:
        return TEST_NAMES[self.test][0]

    @property
    def significant(self) -> bool:
        """Judged by the p value the table reports: the family-adjusted one when there is one."""
        p = self.p_value if self.p_adjusted is None else self.p_adjusted
        return bool(p < self.sig_level)

    def to_frame(self) -> pd.DataFrame:
        """One row: dv, by, test, statistic, df, df2, p_value, effect size with CI, n, and the contrast."""
        return pd.DataFrame(
            [
                {
                    "dv": self.dv,
                    "by": self.by,
                    "test": self.test,
                    "statistic": self.statistic,
                    "df": self.df,
                    "df2": self.df2,
                    "p_value": self.p_value,
                    "effect_size_name": self.effect_size_name,
                    "effect_size": self.effect_size,
                    "ci_low": self.effect_ci_low,
                    "ci_high": self.effect_ci_high,
                    "n": self.n,
                    "n_excluded": self.n_excluded,
                    "reason": self.reason,
                    "contrast": self.contrast,
                }
            ]
        )

    def finding_objects(self) -> list[Finding]:
        """``groups.significant`` or ``groups.not_significant`` (main; judged by the adjusted p
        when there is one), ``groups.test_choice`` (detail), and after a significant test of more
        than two groups ``groups.post_hoc`` or ``groups.post_hoc_none`` (main). ``dv`` and ``by``
        are ids (named at render time); groups are named by the result's ``labels``."""
        g = self.groups
        bounded = self.effect_size_name not in ("cohen_d", "hedges_g")
        with_ci = self.effect_ci_low is not None and self.effect_ci_high is not None
        values = {
            "dv": self.dv, "by": self.by, "test": self.test, "statistic": self.statistic, "z": self.z,
            "stat": "U" if self.test == "mann_whitney" else "t",
            "stat_value": ("H" if self.test == "kruskal" else STAT_SYMBOL[self.test], self.statistic,
                           (self.df, self.df2) if self.df2 is not None and self.test != "kruskal" else self.df),
            "p_value": self.p_value, "p_adjusted": self.p_adjusted, "p_text": "raw" if self.p_adjusted is None else "adjusted",
            "adjust_method": P_ADJUST_NAMES.get(self.p_adjust_method, self.p_adjust_method),
            "es_symbol": ES_SYMBOL[self.effect_size_name], "effect_size": self.effect_size, "es_ci_low": self.effect_ci_low,
            "es_ci_high": self.effect_ci_high, "ci_level": self.ci_level,
            "es": "es" + "_bounded" * bounded + "_ci" * with_ci,
            "contrast": self.contrast, "direction": "none" if self.contrast is None else "contrast" + "_seen" * (self.group_order == "appearance"),
            "higher": "none", "reason": self.reason, "reason_zh": self.reason_zh,
        }
        if self.significant and len(g) == 2:
            hi, lo = (g.index[0], g.index[1]) if g["mean"].iloc[0] > g["mean"].iloc[1] else (g.index[1], g.index[0])
            values |= {"higher": "higher", "high": label(self.labels, hi), "low": label(self.labels, lo), "high_mean": g.loc[hi, "mean"],
                       "high_sd": g.loc[hi, "sd"], "low_mean": g.loc[lo, "mean"], "low_sd": g.loc[lo, "sd"]}
        ids = (self.dv, self.by)
        out = [Finding("groups.significant" if self.significant else "groups.not_significant", values, ids=ids),
               Finding("groups.test_choice", values, level="detail", ids=ids)]
        if self.post_hoc is not None and len(g) > 2 and self.significant:
            out.append(self._post_hoc_finding(ids))
        return out

    def _post_hoc_finding(self, ids: tuple[str, str]) -> Finding:
        ph = self.post_hoc
        sig = ph[ph["p_value"] < self.sig_level]
        pairs = []
        for _, row in sig.iterrows():
            a, b = label(self.labels, row["group_a"]), label(self.labels, row["group_b"])
            hi, lo = (a, b) if row["estimate"] > 0 else (b, a)
            pairs.append({"high": hi, "low": lo, "p_value": row["p_value"]})
        values = {"method": POST_HOC_NAMES[self.post_hoc_method], "pairs": pairs, "rest": "rest" if len(sig) < len(ph) else "none"}
        return Finding("groups.post_hoc" if pairs else "groups.post_hoc_none", values, ids=ids)

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.differences import plot_group_means

        return plot_group_means(self, ax=ax, lang=lang)


def _describe_groups(samples: dict, ci_level: float) -> pd.DataFrame:
    rows = {}
    for lev, x in samples.items():
        n = len(x)
        m = float(x.mean())
        sd = float(x.std(ddof=1))
        se = sd / math.sqrt(n)
        tq = stats.t.ppf(0.5 + ci_level / 2, n - 1)
        rows[lev] = {
            "n": n,
            "mean": m,
            "sd": sd,
            "se": se,
            "ci_low": m - tq * se,
            "ci_high": m + tq * se,
            "median": float(np.median(x)),
            "min": float(x.min()),
            "max": float(x.max()),
        }
    out = pd.DataFrame.from_dict(rows, orient="index")
    out.index.name = "group"
    return out


def _checks(samples: dict, sig_level: float, large_n: int) -> tuple[pd.DataFrame, bool, list, float]:
    rows = []
    nonnormal_small = []
    for lev, x in samples.items():
        n = len(x)
        if 3 <= n <= 5000 and np.ptp(x) > 0:
            w, p = stats.shapiro(x)
            rows.append({"check": "shapiro_wilk", "group": str(lev), "statistic": float(w), "df": None, "df2": None, "p_value": float(p), "n": n})
            if p < sig_level and n < large_n:
                nonnormal_small.append(lev)
        else:
            why = "n outside 3..5000" if np.ptp(x) > 0 else "constant within group"
            rows.append({"check": f"shapiro_wilk (not run: {why})", "group": str(lev), "statistic": None, "df": None, "df2": None, "p_value": None, "n": n})
            if np.ptp(x) == 0 and n < large_n:
                nonnormal_small.append(lev)
    xs = list(samples.values())
    lev_f, lev_p = stats.levene(*xs, center="median")
    k = len(xs)
    n = sum(len(x) for x in xs)
    if not np.isfinite(lev_f):  # every group constant: spread is equal (zero) by construction
        lev_f, lev_p = 0.0, 1.0
    rows.append({"check": "levene_median", "group": "all", "statistic": float(lev_f), "df": float(k - 1), "df2": float(n - k), "p_value": float(lev_p), "n": n})
    return pd.DataFrame(rows), bool(lev_p < sig_level), nonnormal_small, float(lev_p)


def _choose(k: int, nonnormal: list, unequal: bool, lev_p: float, sig_level: float, large_n: int, labels) -> tuple[str, str, str]:
    names = ", ".join(label(labels, g) for g in nonnormal)
    if nonnormal:
        test = "mann_whitney" if k == 2 else "kruskal"
        why = (
            f"auto: Shapiro–Wilk rejected normality (p < {sig_level:g}) in group(s) with n < {large_n}: {names}; "
            f"a rank-based test was used."
        )
        names_zh = "、".join(label(labels, g) for g in nonnormal)
        why_zh = f"经Shapiro–Wilk检验，{names_zh}组样本量小于{large_n}且不服从正态分布（p < {sig_level:g}），故采用非参数检验。"
    elif unequal:
        test = "welch" if k == 2 else "welch_anova"
        why = f"auto: normality acceptable, but Levene's test (median-centred) rejected equal variances ({fmt_p(lev_p)}); Welch's correction was used."
        why_zh = f"经Levene方差齐性检验（以中位数为中心），各组方差不齐（{fmt_p(lev_p, style='gb')}），故采用Welch校正。"
    else:
        test = "student" if k == 2 else "anova"
        why = f"auto: normality acceptable and Levene's test (median-centred) did not reject equal variances ({fmt_p(lev_p)})."
        why_zh = f"经检验数据近似正态，且Levene方差齐性检验不显著（{fmt_p(lev_p, style='gb')}），满足方差齐性假设。"
    return test, why, why_zh


def _welch_anova(n: np.ndarray, m: np.ndarray, v: np.ndarray) -> tuple[float, float, float]:
    """Welch's F and its degrees of freedom from the groups' sizes, means and variances."""
    k = len(n)
    w = n / v
    sw = w.sum()
    mw = (w * m).sum() / sw
    a = (w * (m - mw) ** 2).sum() / (k - 1)
    tmp = ((1 - w / sw) ** 2 / (n - 1)).sum()
    b = 1 + 2 * (k - 2) / (k**2 - 1) * tmp
    return float(a / b), float(k - 1), float((k**2 - 1) / (3 * tmp))


def _summaries(xs: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sizes, means and variances (n − 1) of the groups: all the parametric tests read."""
    return (np.array([len(x) for x in xs], float), np.array([x.mean() for x in xs]), np.array([x.var(ddof=1) for x in xs]))


def _post_hoc(method: str, samples: dict, ci_level: float) -> pd.DataFrame:
    levs = list(samples)
    xs = [samples[lv] for lv in levs]
    k = len(xs)
    n_all = sum(len(x) for x in xs)
    rows = []
    if method == "dunn":
        from statsmodels.stats.multitest import multipletests

        allx = np.concatenate(xs)
        ranks = stats.rankdata(allx)
        _, counts = np.unique(allx, return_counts=True)
        ties = float((counts**3 - counts).sum())
        var = n_all * (n_all + 1) / 12 - ties / (12 * (n_all - 1))
        start = np.cumsum([0] + [len(x) for x in xs])
        mean_rank = [ranks[start[i] : start[i + 1]].mean() for i in range(k)]
        for i, j in itertools.combinations(range(k), 2):
            diff = mean_rank[i] - mean_rank[j]
            se = math.sqrt(var * (1 / len(xs[i]) + 1 / len(xs[j])))
            z = diff / se
            rows.append({"group_a": levs[i], "group_b": levs[j], "estimate": diff, "se": se, "statistic": z, "df": None, "p_unadjusted": float(2 * stats.norm.sf(abs(z)))})
        out = pd.DataFrame(rows)
        out["p_value"] = multipletests(out["p_unadjusted"].to_numpy(), method="holm")[1]
        out["p_adjust"] = "holm"
        return out
    sse = sum(((x - x.mean()) ** 2).sum() for x in xs)
    mse = sse / (n_all - k)
    for i, j in itertools.combinations(range(k), 2):
        xi, xj = xs[i], xs[j]
        ni, nj = len(xi), len(xj)
        diff = float(xi.mean() - xj.mean())
        if method == "tukey":
            se = math.sqrt(mse * (1 / ni + 1 / nj))
            df = float(n_all - k)
        else:  # games_howell
            vi, vj = xi.var(ddof=1) / ni, xj.var(ddof=1) / nj
            se = math.sqrt(vi + vj)
            df = float((vi + vj) ** 2 / (vi**2 / (ni - 1) + vj**2 / (nj - 1)))
        t = diff / se
        p = float(stats.studentized_range.sf(abs(t) * math.sqrt(2), k, df))
        if method != "tukey" or i + j == 1:  # Tukey's pairs share one df, hence one critical value (a slow quantile)
            crit = float(stats.studentized_range.ppf(ci_level, k, df)) / math.sqrt(2)
        rows.append(
            {
                "group_a": levs[i],
                "group_b": levs[j],
                "estimate": diff,
                "se": se,
                "statistic": t,
                "df": df,
                "p_value": min(p, 1.0),
                "ci_low": diff - crit * se,
                "ci_high": diff + crit * se,
                "hedges_g": es.cohen_d(xi, xj) * es.hedges_j(ni + nj - 2),
            }
        )
    out = pd.DataFrame(rows)
    out["p_adjust"] = "tukey" if method == "tukey" else "games_howell"
    return out


@dataclass(frozen=True)
class _Outcome:
    """What one test gives: statistic, df, p, the effect sizes (name, estimate, ci_low, ci_high),
    the headline effect size, Mann–Whitney's z, and a note for the reason text."""

    statistic: float
    df: float | None
    df2: float | None
    p_value: float
    effects: list
    es_name: str
    z: float | None = None
    note: str = ""


def _t_outcome(xs: list[np.ndarray], test: str, ci_level: float) -> _Outcome:
    return _t_summary(*_summaries(xs), test, ci_level)


def _t_summary(n: np.ndarray, m: np.ndarray, v: np.ndarray, test: str, ci_level: float) -> _Outcome:
    """Student's or Welch's t with Cohen's d and Hedges' g (R: ``t.test(var.equal = ...)``), from
    the two groups' sizes, means and variances."""
    (n1, n2), diff = n, m[0] - m[1]
    pooled = ((n1 - 1) * v[0] + (n2 - 1) * v[1]) / (n1 + n2 - 2)
    if test == "student":
        se, df = math.sqrt(pooled * (1 / n1 + 1 / n2)), n1 + n2 - 2
    else:
        a, b = v[0] / n1, v[1] / n2
        se, df = math.sqrt(a + b), (a + b) ** 2 / (a**2 / (n1 - 1) + b**2 / (n2 - 1))
    t = diff / se
    d = float(diff / math.sqrt(pooled))
    lo, hi = es.d_ci(d, int(n1), int(n2), ci_level)
    j = es.hedges_j(n1 + n2 - 2)
    return _Outcome(float(t), float(df), None, float(2 * stats.t.sf(abs(t), df)),
                    [("cohen_d", d, lo, hi), ("hedges_g", d * j, lo * j, hi * j)], "cohen_d")


def _mann_whitney_outcome(xs: list[np.ndarray], test: str, ci_level: float) -> _Outcome:
    """U of the first group, exact p for small samples without ties, else the continuity-corrected
    normal approximation (R: ``wilcox.test(correct = TRUE)``); rank-biserial r with its CI."""
    x1, x2 = xs
    n = len(x1) + len(x2)
    ties = len(np.unique(np.concatenate(xs))) < n
    method = "exact" if (len(x1) < 50 and len(x2) < 50 and not ties) else "asymptotic"
    res = stats.mannwhitneyu(x1, x2, use_continuity=True, alternative="two-sided", method=method)
    statistic, p_value = float(res.statistic), float(res.pvalue)
    r = es.rank_biserial(statistic, len(x1), len(x2))
    lo, hi = es.rank_biserial_ci(r, len(x1), len(x2), ci_level)
    z = float(stats.norm.isf(p_value / 2) * np.sign(statistic - len(x1) * len(x2) / 2)) if p_value > 0 else float("inf")
    note = f" (U of the first group; {method} p value" + (", continuity-corrected normal approximation" if method == "asymptotic" else "") + ")"
    return _Outcome(statistic, None, None, p_value, [("rank_biserial", r, lo, hi)], "rank_biserial", z=z, note=note)


def _anova_outcome(xs: list[np.ndarray], test: str, ci_level: float) -> _Outcome:
    return _anova_summary(*_summaries(xs), test, ci_level)


def _anova_summary(n: np.ndarray, m: np.ndarray, v: np.ndarray, test: str, ci_level: float) -> _Outcome:
    """The classic one-way ANOVA (R: ``aov``) or Welch's (R: ``oneway.test``), with η² (CI from the
    classic F) and ω², from the groups' sizes, means and variances."""
    k, total = len(n), n.sum()
    grand = (n * m).sum() / total
    ssb = float((n * (m - grand) ** 2).sum())
    ssw = float(((n - 1) * v).sum())
    sst = ssb + ssw
    msw = ssw / (total - k)
    f_classic = float((ssb / (k - 1)) / msw)
    statistic, df, df2 = (f_classic, float(k - 1), float(total - k)) if test == "anova" else _welch_anova(n, m, v)
    lo, hi = es.eta_squared_ci(f_classic, k - 1, int(total - k), ci_level)
    omega2 = (ssb - (k - 1) * msw) / (sst + msw)
    return _Outcome(statistic, df, df2, float(stats.f.sf(statistic, df, df2)),
                    [("eta_squared", ssb / sst, lo, hi), ("omega_squared", omega2, None, None)], "eta_squared")


def _kruskal_outcome(xs: list[np.ndarray], test: str, ci_level: float) -> _Outcome:
    """Kruskal–Wallis H with ε² = H/(n − 1) (R: ``kruskal.test``)."""
    n = sum(len(x) for x in xs)
    res = stats.kruskal(*xs)
    return _Outcome(float(res.statistic), float(len(xs) - 1), None, float(res.pvalue),
                    [("epsilon_squared", float(res.statistic) / (n - 1), None, None)], "epsilon_squared")


_OUTCOMES = {"student": _t_outcome, "welch": _t_outcome, "mann_whitney": _mann_whitney_outcome,
             "anova": _anova_outcome, "welch_anova": _anova_outcome, "kruskal": _kruskal_outcome}


def _samples(data, dv: str, by: str, *, levels, questionnaire, what: str) -> tuple[dict, int, str]:
    """{group level: outcome values} in the groups' order, rows excluded (other groups), how ordered."""
    scaled = questionnaire is not None and levels is None
    if scaled:
        columns_present(data, [dv, by], what=what)
        levels = scale_levels(data.loc[data[dv].notna(), by], questionnaire, by, what=what)
    y, g, levs, n_excluded, order = dv_and_groups(data, dv, by, levels=levels, what=what)
    samples = {lv: y[g == lv].to_numpy() for lv in levs}
    empty = [lv for lv, x in samples.items() if len(x) == 0]
    if empty:
        raise AnalysisError(f"{what}: groups with no complete cases: {empty}")
    if len(samples) < 2:
        raise AnalysisError(f"{what}: needs at least 2 groups, found {len(samples)} ({levs})")
    small = {str(lv): len(x) for lv, x in samples.items() if len(x) < 2}
    if small:
        raise AnalysisError(f"{what}: every group needs at least 2 cases; too small: {small} (merge or drop these groups via levels=)")
    if y.nunique() < 2:
        raise AnalysisError(f"{what}: outcome {dv!r} is constant ({y.iloc[0]:g}) in the complete cases")
    return samples, n_excluded, "scale" if scaled else order


def _check_for_test(samples: dict, test: str, *, dv: str, what: str) -> None:
    """What the chosen test needs of the groups: two of them, or variance within them."""
    k = len(samples)
    if test in ("student", "welch", "mann_whitney") and k != 2:
        raise AnalysisError(f"{what}: test={test!r} needs exactly 2 groups, found {k}: {list(samples)}; use 'anova', 'welch_anova' or 'kruskal'")
    if test in ("student", "anova", "welch", "welch_anova") and all(np.ptp(x) == 0 for x in samples.values()):
        raise AnalysisError(f"{what}: every group is constant in {dv!r}: no within-group variance")
    if test in ("welch", "welch_anova"):
        const = [str(lv) for lv, x in samples.items() if np.ptp(x) == 0]
        if const:
            raise AnalysisError(f"{what}: Welch's test needs variance in every group; constant groups: {const}")


def _post_hoc_method(post_hoc: str, test: str) -> str:
    """``"auto"`` matches the omnibus test: Tukey after Student/ANOVA, Games–Howell after Welch, Dunn after rank tests."""
    if post_hoc != "auto":
        return post_hoc
    return {"student": "tukey", "anova": "tukey", "welch": "games_howell", "welch_anova": "games_howell"}.get(test, "dunn")


def _checked_post_hoc(method: str, samples: dict, ci_level: float, *, what: str) -> pd.DataFrame:
    if method == "games_howell":
        const = [str(lv) for lv, x in samples.items() if np.ptp(x) == 0]
        if const:
            raise AnalysisError(f"{what}: Games–Howell needs variance in every group; constant groups: {const}")
    return _post_hoc(method, samples, ci_level)


def compare_groups(
    data: pd.DataFrame,
    *,
    dv: str,
    by: str,
    test: str = "auto",
    post_hoc: str | None = None,
    levels: Sequence[object] | None = None,
    ci_level: float = 0.95,
    sig_level: float = 0.05,
    large_n: int = 30,
    labels: Mapping[object, str] | None = None,
    questionnaire=None,
) -> GroupComparisonResult:
    """Compare ``dv`` across the groups of ``by`` (t, Welch, Mann–Whitney, ANOVA, Welch ANOVA, Kruskal).

    Parameters
    ----------
    data : DataFrame or LazyResponses
        A scanned table (``survey.scan``) allows the parametric tests only, from each group's n,
        mean and variance; ``"auto"`` is then Welch's test (docs/scale.md).
    dv : str
        Numeric outcome column.
    by : str
        Grouping column (codes or labels).
    test : {"auto", "student", "welch", "mann_whitney", "anova", "welch_anova", "kruskal"}
        ``"auto"`` chooses from Shapiro–Wilk and median-centred Levene checks (module docstring).
    post_hoc : {None, "auto", "tukey", "games_howell", "dunn"}
        Pairwise comparisons. ``"auto"`` matches the test: Tukey after ANOVA/Student, Games–Howell
        after Welch, Dunn (Holm) after rank tests.
    levels : sequence, optional
        Group order (and subset); rows in other groups are excluded and counted. Without it the
        groups follow the scale's codes when ``questionnaire`` is given, else the categories of a
        Categorical, numeric codes in ascending order, or text in order of first appearance
        (``result.group_order`` says which). With two groups, t, d and the other signed
        statistics are first group − second (``result.contrast``).
    ci_level, sig_level : float
        Confidence level of every interval; significance level of the checks and findings.
    large_n : int
        Groups at least this large are not sent to rank tests for non-normality.
    labels : mapping, optional
        Display labels for the column ids and group levels used in findings.
    questionnaire : Questionnaire, optional
        When ``by`` is one of its items, the groups (codes or labels of the item's scale) are
        ordered by the scale's codes, so codes and labels give the same signs; a value that is
        neither a code nor a label of the scale is an ``AnalysisError``.

    Returns
    -------
    GroupComparisonResult

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1, 2, 3, 2, 4, 5, 4, 6, 7, 8, 7, 9], "g": [1] * 4 + [2] * 4 + [3] * 4})
    >>> r = compare_groups(df, dv="y", by="g", test="anova", post_hoc="tukey")
    >>> r.test, round(r.statistic, 3), r.df, r.df2
    ('anova', 39.7, 2.0, 9.0)
    """
    what = f"compare_groups(dv={dv!r}, by={by!r})"
    if test not in TESTS:
        raise AnalysisError(f"{what}: test must be one of {TESTS}, got {test!r}")
    if post_hoc not in POST_HOCS:
        raise AnalysisError(f"{what}: post_hoc must be one of {POST_HOCS}, got {post_hoc!r}")
    ci_level = check_ci_level(ci_level)
    if getattr(data, "is_lazy", False):
        return _lazy_compare(data, dv=dv, by=by, test=test, post_hoc=post_hoc, levels=levels, ci_level=ci_level,
                             sig_level=sig_level, labels=labels, what=what)
    samples, n_excluded, order = _samples(data, dv, by, levels=levels, questionnaire=questionnaire, what=what)
    _check_for_test(samples, test, dv=dv, what=what)
    k = len(samples)
    checks, unequal, nonnormal, lev_p = _checks(samples, sig_level, large_n)
    if test == "auto":
        test, reason, reason_zh = _choose(k, nonnormal, unequal, lev_p, sig_level, large_n, labels)
    else:
        reason = f"requested by the caller (test={test!r}); Levene (median-centred) {fmt_p(lev_p)}."
        reason_zh = f"该检验由分析者指定；Levene方差齐性检验{fmt_p(lev_p, style='gb')}。"

    outcome = _OUTCOMES[test](list(samples.values()), test, ci_level)
    effects = pd.DataFrame(outcome.effects, columns=["effect_size_name", "estimate", "ci_low", "ci_high"]).set_index("effect_size_name")
    ph_method = None if post_hoc is None else _post_hoc_method(post_hoc, test)
    ph = None if ph_method is None else _checked_post_hoc(ph_method, samples, ci_level, what=what)
    first = effects.iloc[0]
    return GroupComparisonResult(
        dv=dv,
        by=by,
        test=test,
        reason=reason + outcome.note,
        reason_zh=reason_zh,
        statistic=outcome.statistic,
        df=outcome.df,
        df2=outcome.df2,
        p_value=outcome.p_value,
        effect_size_name=outcome.es_name,
        effect_size=float(first["estimate"]),
        effect_ci_low=None if pd.isna(first["ci_low"]) else float(first["ci_low"]),
        effect_ci_high=None if pd.isna(first["ci_high"]) else float(first["ci_high"]),
        groups=_describe_groups(samples, ci_level),
        checks=checks,
        effects=effects,
        post_hoc=ph,
        post_hoc_method=ph_method,
        n=int(sum(len(x) for x in samples.values())),
        n_excluded=n_excluded,
        ci_level=ci_level,
        sig_level=sig_level,
        labels=labels,
        group_order=order,
        z=outcome.z,
    )


def _lazy_compare(data, *, dv: str, by: str, test: str, post_hoc, levels, ci_level: float, sig_level: float, labels,
                  what: str) -> GroupComparisonResult:
    """A parametric comparison of a scanned table from each group's n, mean and variance.

    The rank tests, the post hoc tests and the checks (Shapiro–Wilk, Levene) need the rows; with
    ``test="auto"`` Welch's t or Welch's ANOVA is used, which does not assume equal variances.
    """
    if test in ("mann_whitney", "kruskal") or post_hoc is not None:
        raise RowsNeededError(data.rows_needed(f"{what} with test={test!r}, post_hoc={post_hoc!r}"))
    if dv == by:
        raise AnalysisError(f"{what}: the outcome and the grouping variable are the same column {dv!r}")
    found = dict(data.checked_moments([dv], what=what, by=by, min_rows=2))  # a copy: the scan keeps its moments
    found.pop(None, None)
    if levels is None:
        numeric = by in data.engine.numeric_columns()
        levels = sorted(found) if numeric else [v for v in data.engine.first_seen(by) if v in found]
        order = "codes" if numeric else "appearance"
    else:
        levels, order = list(levels), "levels"
        if len(set(levels)) != len(levels):
            raise AnalysisError(f"{what}: levels has duplicates: {levels}")
    groups = {lv: found.get(lv) for lv in levels}
    empty = [lv for lv, m in groups.items() if m is None or m.n == 0]
    if empty:
        raise AnalysisError(f"{what}: groups with no complete cases: {empty}")
    if len(groups) < 2:
        raise AnalysisError(f"{what}: needs at least 2 groups, found {len(groups)} ({levels})")
    small = {str(lv): m.n for lv, m in groups.items() if m.n < 2}
    if small:
        raise AnalysisError(f"{what}: every group needs at least 2 cases; too small: {small} (merge or drop these groups via levels=)")
    n = np.array([m.n for m in groups.values()], float)
    mean = np.array([m.mean[0] for m in groups.values()])
    var = np.array([m.cov()[0, 0] for m in groups.values()])
    k = len(groups)
    if test == "auto":
        test = "welch" if k == 2 else "welch_anova"
        reason = "at scale: Welch's test, which does not assume equal variances (the normality and Levene checks need the rows)."
        reason_zh = "数据量大，未逐行检验正态性与方差齐性，采用不假定方差相等的Welch检验。"
    else:
        reason = f"requested by the caller (test={test!r}); the Levene check needs the rows and was not run."
        reason_zh = "该检验由分析者指定；方差齐性检验需要逐行数据，未进行。"
    if test in ("student", "welch") and k != 2:
        raise AnalysisError(f"{what}: test={test!r} needs exactly 2 groups, found {k}: {levels}; use 'anova' or 'welch_anova'")
    if not (var > 0).any() or (test in ("welch", "welch_anova") and not (var > 0).all()):
        raise AnalysisError(f"{what}: {'every' if not (var > 0).any() else 'some'} group is constant in {dv!r}: {[str(lv) for lv, v in zip(levels, var) if not v > 0]}")
    outcome = (_t_summary if k == 2 and test in ("student", "welch") else _anova_summary)(n, mean, var, test, ci_level)
    effects = pd.DataFrame(outcome.effects, columns=["effect_size_name", "estimate", "ci_low", "ci_high"]).set_index("effect_size_name")
    first = effects.iloc[0]
    se = np.sqrt(var / n)
    tq = stats.t.ppf(0.5 + ci_level / 2, n - 1)
    table = pd.DataFrame({"n": n.astype(int), "mean": mean, "sd": np.sqrt(var), "se": se, "ci_low": mean - tq * se,
                          "ci_high": mean + tq * se, "min": [m.minimum[0] for m in groups.values()],
                          "max": [m.maximum[0] for m in groups.values()]}, index=pd.Index(levels, name="group"))
    checks = pd.DataFrame([{"check": "shapiro_wilk, levene_median (not run: they need the rows)", "group": "all", "statistic": None,
                            "df": None, "df2": None, "p_value": None, "n": int(n.sum())}])
    return GroupComparisonResult(
        dv=dv, by=by, test=test, reason=reason, reason_zh=reason_zh, statistic=outcome.statistic, df=outcome.df, df2=outcome.df2,
        p_value=outcome.p_value, effect_size_name=outcome.es_name, effect_size=float(first["estimate"]),
        effect_ci_low=None if pd.isna(first["ci_low"]) else float(first["ci_low"]),
        effect_ci_high=None if pd.isna(first["ci_high"]) else float(first["ci_high"]),
        groups=table, checks=checks, effects=effects, post_hoc=None, post_hoc_method=None, n=int(n.sum()),
        n_excluded=len(data) - int(n.sum()), ci_level=ci_level, sig_level=sig_level, labels=labels, group_order=order, z=None,
    )


# -- one function per test: compare_groups with the test fixed ------------------------------------


def t_test(data: pd.DataFrame, *, dv: str, by: str, **options) -> GroupComparisonResult:
    """Student's independent-samples t test with Cohen's d and Hedges' g (CIs).

    R: ``t.test(dv ~ by, var.equal = TRUE)``. ``options`` as :func:`compare_groups` (``levels``,
    ``ci_level``, ``labels``, ``questionnaire`` …); t and d are first group − second.
    """
    return compare_groups(data, dv=dv, by=by, test="student", **options)


def welch_t_test(data: pd.DataFrame, *, dv: str, by: str, **options) -> GroupComparisonResult:
    """Welch's t test (unequal variances) with Cohen's d and Hedges' g. R: ``t.test(dv ~ by)``."""
    return compare_groups(data, dv=dv, by=by, test="welch", **options)


def mann_whitney(data: pd.DataFrame, *, dv: str, by: str, **options) -> GroupComparisonResult:
    """Mann–Whitney U test (U of the first group) with the rank-biserial r.

    R: ``wilcox.test(dv ~ by, correct = TRUE)`` (exact for small samples without ties).
    """
    return compare_groups(data, dv=dv, by=by, test="mann_whitney", **options)


def anova(data: pd.DataFrame, *, dv: str, by: str, **options) -> GroupComparisonResult:
    """One-way ANOVA with η² (CI) and ω²; ``post_hoc="tukey"`` adds Tukey's HSD. R: ``aov``, ``TukeyHSD``."""
    return compare_groups(data, dv=dv, by=by, test="anova", **options)


def welch_anova(data: pd.DataFrame, *, dv: str, by: str, **options) -> GroupComparisonResult:
    """Welch's one-way ANOVA; ``post_hoc="games_howell"`` adds Games–Howell. R: ``oneway.test``."""
    return compare_groups(data, dv=dv, by=by, test="welch_anova", **options)


def kruskal(data: pd.DataFrame, *, dv: str, by: str, **options) -> GroupComparisonResult:
    """Kruskal–Wallis H test with ε²; ``post_hoc="dunn"`` adds Dunn's tests (Holm). R: ``kruskal.test``."""
    return compare_groups(data, dv=dv, by=by, test="kruskal", **options)


def post_hoc(data: pd.DataFrame, *, dv: str, by: str, method: str = "tukey", ci_level: float = 0.95,
             levels: Sequence[object] | None = None, questionnaire=None) -> pd.DataFrame:
    """Pairwise comparisons of ``dv`` between the groups of ``by``, without an omnibus test.

    ``method``: ``"tukey"`` (R ``TukeyHSD``), ``"games_howell"``, ``"dunn"`` (Holm-adjusted). Each
    row: ``group_a``, ``group_b``, ``estimate`` (mean(a) − mean(b), or the mean-rank difference for
    Dunn), ``se``, ``statistic``, ``df``, ``p_value`` and, except for Dunn, the CI.
    """
    what = f"post_hoc(dv={dv!r}, by={by!r})"
    if method not in POST_HOCS or method in (None, "auto"):
        raise AnalysisError(f"{what}: method must be one of 'tukey', 'games_howell', 'dunn', got {method!r}")
    ci_level = check_ci_level(ci_level)
    samples, _, _ = _samples(data, dv, by, levels=levels, questionnaire=questionnaire, what=what)
    return _checked_post_hoc(method, samples, ci_level, what=what)
