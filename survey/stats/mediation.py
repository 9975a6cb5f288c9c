"""Simple mediation (seeded percentile-bootstrap CI of the indirect effect) and moderation
(interaction, simple slopes at the moderator's mean ± 1 SD, Johnson–Neyman interval).

Mediation is Hayes' PROCESS model 4 with one mediator, fitted by ``process.fit_process``: a
(M ~ X), b and c′ (Y ~ X + M), c (Y ~ X), indirect = a·b, bootstrap by resampling respondents with
``numpy.random.default_rng(seed)``: the same seed gives the same interval exactly. The Sobel z is reported beside it (first-order
delta-method se √(b²·se_a² + a²·se_b²)), for reference only.

Moderation follows PROCESS model 1: Y ~ X + W + X·W (X and W mean-centred by default, which
changes b_X and b_W but not the interaction). Simple slope of X at W = w: b_X + b_XW·w with
se √(V_XX + 2w·V_X,XW + w²·V_XW,XW). Johnson–Neyman points solve t(w)² = t_crit² and are reported
in the moderator's original units, with the regions of significance inside the observed range.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level, check_not_singular
from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_ci, fmt_num, fmt_p
from ._diffutil import label, lang_style, numeric
from .process import fit_process, johnson_neyman
from .regression import ols_fit

__all__ = ["MediationResult", "ModerationResult", "mediation", "moderation"]


def _vars(x, m, y, covariates, what):
    covs = [covariates] if isinstance(covariates, str) else list(covariates or [])
    allv = [x, m, y, *covs]
    dup = sorted({v for v in allv if allv.count(v) > 1})
    if dup:
        raise AnalysisError(f"{what}: the same column plays two roles: {dup}")
    return covs


@dataclass(frozen=True)
class MediationResult(Result):
    """``paths``: a, b, c (total), c′ (direct) with estimate, se, statistic, p_value, ci_low,
    ci_high; ``indirect`` = a·b with its bootstrap CI; Sobel z and p for reference."""

    x: str
    m: str
    y: str
    covariates: tuple[str, ...]
    paths: pd.DataFrame
    indirect: float
    indirect_ci_low: float
    indirect_ci_high: float
    indirect_boot_se: float
    sobel_z: float
    sobel_p_value: float
    proportion_mediated: float | None
    n_boot: int
    n_boot_failed: int
    seed: int
    n: int
    n_excluded: int
    ci_level: float
    labels: Mapping[str, str] | None = None

    @property
    def significant(self) -> bool:
        return bool(self.indirect_ci_low > 0 or self.indirect_ci_high < 0)

    def to_frame(self) -> pd.DataFrame:
        ind = pd.DataFrame(
            [{"path": "indirect (a*b)", "estimate": self.indirect, "se": self.indirect_boot_se, "ci_low": self.indirect_ci_low, "ci_high": self.indirect_ci_high}]
        )
        return pd.concat([self.paths.reset_index(), ind], ignore_index=True)

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        x, m, y = (label(self.labels, v) for v in (self.x, self.m, self.y))
        ci = fmt_ci(self.indirect_ci_low, self.indirect_ci_high, style=style, ci_level=self.ci_level, digits=3)
        ab = fmt_num(self.indirect, style=style, digits=3)
        direct = self.paths.loc["c'"]
        dp = fmt_p(direct["p_value"], style=style)
        boot = f"{self.n_boot} bootstrap resamples, seed {self.seed}"
        if lang == "en":
            if self.significant:
                s = f"The indirect effect of {x} on {y} through {m} was significant, ab = {ab}, {ci} ({boot})"
                s += f"; the direct effect was {'also significant' if direct['p_value'] < 0.05 else 'not significant'} (c′ = {fmt_num(direct['estimate'], style=style, digits=3)}, {dp})."
            else:
                s = f"The indirect effect of {x} on {y} through {m} was not significant, ab = {ab}, {ci} ({boot})."
            return [s]
        if self.significant:
            kind = "部分中介" if direct["p_value"] < 0.05 else "完全中介"
            return [f"Bootstrap检验（{self.n_boot}次重复抽样）表明，{m}在{x}与{y}之间的间接效应显著（ab = {ab}，{ci}，不包含0），直接效应{'显著' if direct['p_value'] < 0.05 else '不显著'}（{dp}），{m}起{kind}作用。"]
        return [f"Bootstrap检验（{self.n_boot}次重复抽样）表明，{m}在{x}与{y}之间的间接效应不显著（ab = {ab}，{ci}，包含0）。"]


def mediation(
    data: pd.DataFrame,
    *,
    x: str,
    m: str,
    y: str,
    covariates: Sequence[str] | None = None,
    n_boot: int = 5000,
    seed: int = 0,
    ci_level: float = 0.95,
    labels: Mapping[str, str] | None = None,
) -> MediationResult:
    """Simple mediation X → M → Y with a seeded percentile-bootstrap CI of the indirect effect.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> xx = rng.normal(size=200); mm = 0.5 * xx + rng.normal(size=200); yy = 0.4 * mm + rng.normal(size=200)
    >>> res = mediation(pd.DataFrame({"x": xx, "m": mm, "y": yy}), x="x", m="m", y="y", n_boot=500, seed=1)
    >>> res.significant
    True
    """
    what = f"mediation(x={x!r}, m={m!r}, y={y!r})"
    res = fit_process(
        data, what=what, model=4, x=x, m=[m], y=y, w=None, covariates=covariates, center=False, w_values="percentiles",
        n_boot=n_boot, seed=seed, ci_level=ci_level, sig_level=0.05, labels=labels,
    )  # fmt: skip
    cols = ["estimate", "se", "statistic", "p_value", "ci_low", "ci_high"]
    coef = res.coefficients[cols]
    paths = pd.DataFrame(
        [coef.loc[(m, x)], coef.loc[(y, m)], res.total.iloc[0][cols], coef.loc[(y, x)]],
        index=pd.Index(["a", "b", "c", "c'"], name="path"),
    ).astype(float)
    a, b = float(paths.loc["a", "estimate"]), float(paths.loc["b", "estimate"])
    sa, sb = float(paths.loc["a", "se"]), float(paths.loc["b", "se"])
    sobel_z = a * b / np.sqrt(b**2 * sa**2 + a**2 * sb**2)
    ind = res.indirect.iloc[0]
    total = float(paths.loc["c", "estimate"])
    return MediationResult(
        x=x,
        m=m,
        y=y,
        covariates=res.covariates,
        paths=paths,
        indirect=a * b,
        indirect_ci_low=float(ind["ci_low"]),
        indirect_ci_high=float(ind["ci_high"]),
        indirect_boot_se=float(ind["boot_se"]),
        sobel_z=float(sobel_z),
        sobel_p_value=float(2 * stats.norm.sf(abs(sobel_z))),
        proportion_mediated=(a * b / total) if abs(total) > 1e-12 else None,
        n_boot=n_boot,
        n_boot_failed=res.n_boot_failed,
        seed=int(seed),
        n=res.n,
        n_excluded=res.n_excluded,
        ci_level=res.ci_level,
        labels=labels,
    )


@dataclass(frozen=True)
class ModerationResult(Result):
    """``coefficients`` of Y ~ X + W + X·W (+ covariates); ``simple_slopes`` of X at W = mean − SD,
    mean, mean + SD (original units in ``w_value``); Johnson–Neyman points (original units) and
    ``jn_regions``: the intervals of W inside the observed range where the slope of X is significant."""

    x: str
    w: str
    y: str
    coefficients: pd.DataFrame
    interaction: pd.Series
    r2_change: float
    simple_slopes: pd.DataFrame
    jn_points: tuple[float, ...]
    jn_regions: tuple[tuple[float, float], ...]
    w_range: tuple[float, float]
    centered: bool
    n: int
    n_excluded: int
    ci_level: float
    sig_level: float
    labels: Mapping[str, str] | None = None

    def to_frame(self) -> pd.DataFrame:
        return self.coefficients.reset_index()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        x, w, y = (label(self.labels, v) for v in (self.x, self.w, self.y))
        it = self.interaction
        p = fmt_p(it["p_value"], style=style)
        b = fmt_num(it["estimate"], style=style, digits=3)
        sig = it["p_value"] < self.sig_level
        out = []
        dr2 = fmt_num(self.r2_change, bounded=True, style=style, digits=3)
        if lang == "en":
            if sig:
                out.append(f"{w} significantly moderated the effect of {x} on {y}, B = {b}, {p}, ΔR² = {dr2}.")
                parts = [f"at {row['level']} {w} B = {fmt_num(row['estimate'], style=style, digits=3)} ({fmt_p(row['p_value'], style=style)})" for _, row in self.simple_slopes.iterrows()]
                out.append("Simple slopes of " + x + ": " + "; ".join(parts) + ".")
                if self.jn_regions:
                    regs = ", ".join(f"[{fmt_num(a, style=style)}, {fmt_num(c, style=style)}]" for a, c in self.jn_regions)
                    out.append(f"Johnson–Neyman: the effect of {x} is significant for {w} in {regs} (observed range [{fmt_num(self.w_range[0], style=style)}, {fmt_num(self.w_range[1], style=style)}]).")
            else:
                out.append(f"The interaction of {x} and {w} on {y} was not significant, B = {b}, {p}: no evidence that {w} moderates the effect of {x}.")
            return out
        if sig:
            out.append(f"{x}与{w}的交互项对{y}的影响显著（B = {b}，{p}，ΔR² = {dr2}），说明{w}在{x}与{y}之间起调节作用。")
            parts = [f"{ {'low': '低', 'mean': '平均', 'high': '高'}[row['level']] }水平{w}下B = {fmt_num(row['estimate'], style=style, digits=3)}（{fmt_p(row['p_value'], style=style)}）" for _, row in self.simple_slopes.iterrows()]
            out.append("简单斜率分析表明：" + "；".join(parts) + "。")
        else:
            out.append(f"{x}与{w}的交互项对{y}的影响不显著（B = {b}，{p}），{w}的调节作用未得到支持。")
        return out


def moderation(
    data: pd.DataFrame,
    *,
    x: str,
    w: str,
    y: str,
    covariates: Sequence[str] | None = None,
    center: bool = True,
    ci_level: float = 0.95,
    sig_level: float = 0.05,
    labels: Mapping[str, str] | None = None,
) -> ModerationResult:
    """Moderation: interaction X·W, simple slopes at W mean ± 1 SD, Johnson–Neyman interval.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(2)
    >>> xx, ww = rng.normal(size=300), rng.normal(size=300)
    >>> yy = 0.3 * xx + 0.2 * ww + 0.4 * xx * ww + rng.normal(size=300)
    >>> res = moderation(pd.DataFrame({"x": xx, "w": ww, "y": yy}), x="x", w="w", y="y")
    >>> list(res.simple_slopes["level"])
    ['low', 'mean', 'high']
    """
    what = f"moderation(x={x!r}, w={w!r}, y={y!r})"
    ci_level = check_ci_level(ci_level)
    covs = _vars(x, w, y, covariates, what)
    frame, n_excluded = numeric(data, [x, w, y, *covs], what=what, min_rows=len(covs) + 6)
    n = len(frame)
    xv, wv = frame[x].to_numpy(), frame[w].to_numpy()
    wm, wsd = float(wv.mean()), float(wv.std(ddof=1))
    xc = xv - xv.mean() if center else xv
    wc = wv - wm if center else wv
    inter = f"{x}:{w}"
    design = np.column_stack([xc, wc, xc * wc, frame[covs].to_numpy()]) if covs else np.column_stack([xc, wc, xc * wc])
    names = [x, w, inter, *covs]
    check_not_singular(np.corrcoef(design, rowvar=False), names, what=f"{what}: predictors")
    yv = frame[y].to_numpy()
    full = ols_fit(yv, design, names, ci_level, what=what)
    reduced = ols_fit(yv, np.delete(design, 2, axis=1), [x, w, *covs], ci_level, what=what)
    coefs = full["coefficients"].drop(columns=["beta", "vif", "tolerance"])
    v = full["cov"]
    b1, b3 = coefs["estimate"].iloc[1], coefs["estimate"].iloc[3]
    v11, v13, v33 = v[1, 1], v[1, 3], v[3, 3]
    df = n - design.shape[1] - 1
    tq = stats.t.ppf(0.5 + ci_level / 2, df)
    rows = []
    shift = wm if center else 0.0
    for lev, wval in (("low", wm - wsd), ("mean", wm), ("high", wm + wsd)):
        wcv = wval - shift
        est = b1 + b3 * wcv
        se = np.sqrt(v11 + 2 * wcv * v13 + wcv**2 * v33)
        t = est / se
        rows.append({"level": lev, "w_value": wval, "estimate": est, "se": se, "statistic": t, "df": float(df), "p_value": float(2 * stats.t.sf(abs(t), df)), "ci_low": est - tq * se, "ci_high": est + tq * se})
    slopes = pd.DataFrame(rows)
    lo_w, hi_w = float(wv.min()), float(wv.max())
    points, merged = johnson_neyman(b1, b3, v11, v13, v33, df, sig_level=sig_level, shift=shift, w_range=(lo_w, hi_w))
    return ModerationResult(
        x=x,
        w=w,
        y=y,
        coefficients=coefs,
        interaction=coefs.loc[inter],
        r2_change=full["r2"] - reduced["r2"],
        simple_slopes=slopes,
        jn_points=points,
        jn_regions=tuple(merged),
        w_range=(lo_w, hi_w),
        centered=center,
        n=n,
        n_excluded=n_excluded,
        ci_level=ci_level,
        sig_level=sig_level,
        labels=labels,
    )
