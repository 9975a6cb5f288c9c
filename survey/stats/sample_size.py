"""Sample size and statistical power for the methods section: the a priori n a design needs, or the
power a sample achieves.

The formulas are those of R's ``pwr`` package (Champely; Cohen 1988), and for structural equation
models MacCallum, Browne & Sugawara (1996) as in semTools' ``findRMSEApower``; the values are
checked against both in ``tests/reference/power``.

==============  ===================  =========================================  ==============
``test``        effect size          ``n`` means                                R
==============  ===================  =========================================  ==============
t_two           Cohen's d            per group (two equal groups)               pwr.t.test
t_paired        d of the differences pairs                                      pwr.t.test(type = "paired")
t_one           d                    respondents                                pwr.t.test(type = "one.sample")
anova           Cohen's f, ``k``     per group (``k`` equal groups)             pwr.anova.test
correlation     r                    respondents                                pwr.r.test
regression      f², ``u`` predictors respondents (N = u + v + 1)                pwr.f2.test
proportions     Cohen's h            per group                                  pwr.2p.test
sem             RMSEA₀, RMSEAₐ, df   respondents                                findRMSEApower
==============  ===================  =========================================  ==============
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_num

__all__ = ["PowerResult", "power", "cohen_h", "TESTS"]

TESTS = ("t_two", "t_paired", "t_one", "anova", "correlation", "regression", "proportions", "sem")
_ALTERNATIVES = ("two-sided", "greater", "less")
# Cohen's (1988) small / medium / large, for the sentence
_BENCHMARKS = {"d": (0.2, 0.5, 0.8), "f": (0.1, 0.25, 0.4), "r": (0.1, 0.3, 0.5), "f2": (0.02, 0.15, 0.35), "h": (0.2, 0.5, 0.8)}
_EFFECT = {"t_two": "d", "t_paired": "d", "t_one": "d", "anova": "f", "correlation": "r", "regression": "f2", "proportions": "h"}
_NAMES = {
    "t_two": ("独立样本t检验", "an independent-samples t test"),
    "t_paired": ("配对样本t检验", "a paired-samples t test"),
    "t_one": ("单样本t检验", "a one-sample t test"),
    "anova": ("单因素方差分析", "a one-way ANOVA"),
    "correlation": ("相关分析", "a test of a correlation"),
    "regression": ("多元回归的F检验", "the F test of a multiple regression"),
    "proportions": ("两比例比较", "a comparison of two proportions"),
    "sem": ("结构方程模型的RMSEA检验", "the RMSEA test of a structural equation model"),
}


@dataclass(frozen=True)
class PowerResult(Result):
    """``n`` the sample size in the test's unit (per group for t_two, anova and proportions; the
    exact, fractional solution when it was solved for), ``n_required`` its ceiling (what to recruit),
    ``n_total`` respondents over all groups, ``power`` the power at ``n``; the design as given."""

    test: str
    effect_size: float
    effect_name: str
    level: float
    alternative: str
    n: float
    n_required: int
    n_total: int
    power: float
    solved_for: str  # "n" or "power"
    k: int | None = None
    u: int | None = None
    df: int | None = None
    rmsea0: float | None = None
    rmsea_a: float | None = None

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"test": self.test, "effect_name": self.effect_name, "effect_size": self.effect_size, "level": self.level,
              "alternative": self.alternative, "n": self.n, "n_required": self.n_required, "n_total": self.n_total,
              "power": self.power, "solved_for": self.solved_for}]
        )

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        zh_test, en_test = _NAMES[self.test]
        lvl = fmt_num(self.level, digits=2, bounded=True, style=style)
        pw = fmt_num(self.power, digits=2, bounded=True, style=style)
        if self.test == "sem":
            effect_en = (f"RMSEA₀ = {fmt_num(self.rmsea0, digits=2, bounded=True, style=style)} against "
                         f"RMSEAₐ = {fmt_num(self.rmsea_a, digits=2, bounded=True, style=style)}, df = {self.df}")
            effect_zh = effect_en.replace("against", "对").replace(", df", "，df")
        else:
            size = fmt_num(self.effect_size, digits=2, style=style)
            effect_en = f"{self.effect_name} = {size}" + (f" ({self._magnitude('en')})" if self._magnitude("en") else "")
            effect_zh = f"{self.effect_name} = {size}" + (f"（{self._magnitude('zh')}效应）" if self._magnitude("zh") else "")
            if self.test == "anova":
                effect_en += f", {self.k} groups"
                effect_zh += f"，{self.k}组"
            if self.test == "regression":
                effect_en += f", {self.u} predictors"
                effect_zh += f"，{self.u}个预测变量"
        sided_en = {"two-sided": "two-sided", "greater": "one-sided", "less": "one-sided"}[self.alternative]
        sided_zh = "双侧" if self.alternative == "two-sided" else "单侧"
        per_group = self.test in ("t_two", "anova", "proportions")
        if self.solved_for == "n":
            if per_group:
                need_en = f"{self.n_required} respondents per group ({self.n_total} in all)"
                need_zh = f"每组至少需要{self.n_required}名被试（共{self.n_total}名）"
            else:
                need_en = f"{self.n_required} {'pairs' if self.test == 't_paired' else 'respondents'}"
                need_zh = f"至少需要{self.n_required}{'对' if self.test == 't_paired' else '名'}被试"
            return [
                f"An a priori power analysis ({sided_en} α = {lvl}, power = {pw}) shows that {en_test} detecting "
                f"{effect_en} needs {need_en}.",
            ] if lang != "zh" else [
                f"先验功效分析表明：在{sided_zh}α = {lvl}、统计检验力为{pw}的条件下，{zh_test}检测{effect_zh}{need_zh}。"
            ]
        n_en = f"{self.n_required} per group" if per_group else f"n = {self.n_required}"
        n_zh = f"每组{self.n_required}名" if per_group else f"{self.n_required}名"
        if lang == "zh":
            return [f"在{sided_zh}α = {lvl}的条件下，{n_zh}被试的{zh_test}检测{effect_zh}的统计检验力为{pw}。"]
        return [f"With {n_en} and {sided_en} α = {lvl}, {en_test} detects {effect_en} with power {pw}."]

    def _magnitude(self, lang: str) -> str:
        cuts = _BENCHMARKS.get(self.effect_name)
        if cuts is None:
            return ""
        size = abs(self.effect_size)
        words = (("小", "中等", "大"), ("small", "medium", "large"))[lang != "zh"]
        if size < cuts[0]:
            return ""
        return words[0] if size < cuts[1] else words[1] if size < cuts[2] else words[2]


def cohen_h(p1: float, p2: float) -> float:
    """Cohen's h between two proportions: 2·asin(√p1) − 2·asin(√p2) (pwr's ``ES.h``)."""
    for p in (p1, p2):
        if not 0 <= p <= 1:
            raise AnalysisError(f"cohen_h: proportions lie in [0, 1], got {p}")
    return 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2))


def _t_power(d: float, n: float, level: float, alternative: str, kind: str) -> float:
    if kind == "t_two":
        df, ncp = 2 * n - 2, math.sqrt(n / 2) * d
    else:
        df, ncp = n - 1, math.sqrt(n) * d
    if alternative == "two-sided":
        crit = stats.t.isf(level / 2, df)
        return float(stats.nct.sf(crit, df, ncp) + stats.nct.cdf(-crit, df, ncp))
    crit = stats.t.isf(level, df)
    return float(stats.nct.sf(crit, df, ncp) if alternative == "greater" else stats.nct.cdf(-crit, df, ncp))


def _anova_power(f: float, n: float, level: float, k: int) -> float:
    df1, df2 = k - 1, (n - 1) * k
    return float(stats.ncf.sf(stats.f.isf(level, df1, df2), df1, df2, k * n * f**2))


def _r_power(r: float, n: float, level: float, alternative: str) -> float:
    if alternative == "two-sided":
        t = stats.t.isf(level / 2, n - 2)
        rc = math.sqrt(t**2 / (t**2 + n - 2))
        zr, zrc = math.atanh(r) + r / (2 * (n - 1)), math.atanh(rc)
        return float(stats.norm.cdf((zr - zrc) * math.sqrt(n - 3)) + stats.norm.cdf((-zr - zrc) * math.sqrt(n - 3)))
    t = stats.t.isf(level, n - 2)
    rc = math.sqrt(t**2 / (t**2 + n - 2))
    sign = 1 if alternative == "greater" else -1
    zr, zrc = math.atanh(sign * r) + sign * r / (2 * (n - 1)), math.atanh(rc)
    return float(stats.norm.cdf((zr - zrc) * math.sqrt(n - 3)))


def _f2_power(f2: float, v: float, level: float, u: int) -> float:
    return float(stats.ncf.sf(stats.f.isf(level, u, v), u, v, f2 * (u + v + 1)))


def _p2_power(h: float, n: float, level: float, alternative: str) -> float:
    shift = h * math.sqrt(n / 2)
    if alternative == "two-sided":
        z = stats.norm.isf(level / 2)
        return float(stats.norm.sf(z - shift) + stats.norm.cdf(-z - shift))
    z = stats.norm.isf(level)
    return float(stats.norm.sf(z - shift) if alternative == "greater" else stats.norm.cdf(-z - shift))


def _sem_power(n: float, level: float, df: int, rmsea0: float, rmsea_a: float) -> float:
    ncp0, ncpa = (n - 1) * df * rmsea0**2, (n - 1) * df * rmsea_a**2
    if rmsea_a > rmsea0:  # test of close fit: reject when χ² is large
        return float(stats.ncx2.sf(stats.ncx2.isf(level, df, ncp0), df, ncpa))
    return float(stats.ncx2.cdf(stats.ncx2.ppf(level, df, ncp0), df, ncpa))  # test of not-close fit


def power(
    *,
    test: str,
    effect_size: float | None = None,
    n: float | None = None,
    power: float | None = None,
    level: float = 0.05,
    alternative: str = "two-sided",
    k: int | None = None,
    u: int | None = None,
    df: int | None = None,
    rmsea0: float = 0.05,
    rmsea_a: float = 0.08,
) -> PowerResult:
    """The sample size a design needs (give ``power``, leave ``n`` out) or the power it has (give ``n``).

    Parameters
    ----------
    test : {"t_two", "t_paired", "t_one", "anova", "correlation", "regression", "proportions", "sem"}
    effect_size : float
        Cohen's d (t tests), f (anova), r (correlation), f² (regression) or h (proportions; see
        :func:`cohen_h`); not used for ``sem``, which takes ``rmsea0``, ``rmsea_a`` and ``df``.
    n : float, optional
        Per group for ``t_two``, ``anova`` and ``proportions``; pairs for ``t_paired``; otherwise
        respondents (for ``regression`` the total N, so v = N − u − 1).
    power : float, optional
        The power wanted, e.g. 0.80.
    level : float
        The significance level α.
    alternative : {"two-sided", "greater", "less"}
        Not for ``anova``, ``regression`` and ``sem`` (F and χ² tests are one-tailed by nature).
    k, u, df : int
        Groups (``anova``), predictors (``regression``), model degrees of freedom (``sem``).

    Examples
    --------
    >>> power(test="t_two", effect_size=0.5, power=0.80).n_required   # R: pwr.t.test(d = .5, power = .8)
    64
    """
    if test not in TESTS:
        raise AnalysisError(f"power: test must be one of {', '.join(TESTS)}; got {test!r}")
    if (n is None) == (power is None):
        raise AnalysisError("power: give exactly one of n (to get the power) and power (to get the sample size)")
    if not 0 < level < 1:
        raise AnalysisError(f"power: level (α) must lie between 0 and 1, got {level}")
    if power is not None and not level < power < 1:
        raise AnalysisError(f"power: the power wanted must lie between α = {level} and 1, got {power}")
    if alternative not in _ALTERNATIVES:
        raise AnalysisError(f"power: alternative must be one of {', '.join(_ALTERNATIVES)}; got {alternative!r}")
    if test in ("anova", "regression", "sem") and alternative != "two-sided":
        raise AnalysisError(f"power: {test} is an F or χ² test; alternative does not apply")
    fn, n_min = _power_function(test, effect_size, level, alternative, k, u, df, rmsea0, rmsea_a)
    if n is not None:
        if not np.isfinite(n) or n < n_min:
            raise AnalysisError(f"power: {test} needs a finite n ≥ {n_min:g}, got {n}")
        achieved, solved = fn(float(n)), "power"
    else:
        n, solved = _solve_n(fn, power, n_min, test), "n"
        achieved = fn(n)
    n_required = math.ceil(n - 1e-9) if solved == "n" else int(math.ceil(n))
    groups = {"t_two": 2, "proportions": 2, "anova": k or 1}.get(test, 1)
    return PowerResult(
        test=test, effect_size=float(effect_size) if effect_size is not None else float("nan"),
        effect_name=_EFFECT.get(test, "RMSEA"), level=level, alternative=alternative, n=float(n),
        n_required=n_required, n_total=n_required * groups, power=achieved, solved_for=solved,
        k=k, u=u, df=df, rmsea0=rmsea0 if test == "sem" else None, rmsea_a=rmsea_a if test == "sem" else None,
    )


def _power_function(test, es, level, alternative, k, u, df, rmsea0, rmsea_a):
    """power(n) for the design, and the smallest n the test is defined for."""
    if test == "sem":
        if df is None or df < 1:
            raise AnalysisError("power: test='sem' needs the model's degrees of freedom df ≥ 1")
        if rmsea0 < 0 or rmsea_a < 0 or rmsea0 == rmsea_a:
            raise AnalysisError(f"power: rmsea0 and rmsea_a must differ and be ≥ 0, got {rmsea0} and {rmsea_a}")
        return (lambda n: _sem_power(n, level, df, rmsea0, rmsea_a)), 2.0
    if es is None or not np.isfinite(es) or es == 0:
        raise AnalysisError(f"power: {test} needs a non-zero effect_size ({_EFFECT[test]})")
    if test in ("t_two", "t_paired", "t_one"):
        return (lambda n: _t_power(es, n, level, alternative, test)), 2.0
    if test == "anova":
        if k is None or k < 2:
            raise AnalysisError("power: test='anova' needs the number of groups k ≥ 2")
        if es < 0:
            raise AnalysisError(f"power: Cohen's f is ≥ 0, got {es}")
        return (lambda n: _anova_power(es, n, level, k)), 2.0
    if test == "correlation":
        if not -1 < es < 1:
            raise AnalysisError(f"power: r must lie strictly between −1 and 1, got {es}")
        return (lambda n: _r_power(es, n, level, alternative)), 4.0
    if test == "regression":
        if u is None or u < 1:
            raise AnalysisError("power: test='regression' needs the number of predictors u ≥ 1")
        if es < 0:
            raise AnalysisError(f"power: f² is ≥ 0, got {es}")
        return (lambda n: _f2_power(es, n - u - 1, level, u)), float(u + 2)
    return (lambda n: _p2_power(es, n, level, alternative)), 1.0  # proportions


def _solve_n(fn, target: float, n_min: float, test: str) -> float:
    lo = n_min + 1e-10
    if fn(lo) >= target:
        return lo
    hi = max(10.0, 2 * lo)
    while fn(hi) < target:
        hi *= 2
        if hi > 1e9:
            raise AnalysisError(f"power: {test} cannot reach power {target} with fewer than 10⁹ respondents; is the effect size right?")
    return float(optimize.brentq(lambda x: fn(x) - target, lo, hi, xtol=1e-10, rtol=1e-14))
