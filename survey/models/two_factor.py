"""The two-factor (Herzberg) regression test.

Hygiene and motivator composites (item means) predict overall satisfaction (and, where measured,
dissatisfaction or intention to leave): standardized β, VIF, hierarchical ΔR² in both orders, an
ordinal-logit version with an explicit level order, and a piecewise regression around the scale
midpoint c, OS = β₀ + Σ[β⁻ⱼ·min(Xⱼ − c, 0) + β⁺ⱼ·max(Xⱼ − c, 0)], with the Wald test of β⁻ = β⁺.
Hygiene pattern: |β⁻| > β⁺ ≈ 0; motivator pattern: β⁺ > |β⁻|.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level, numeric_frame
from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings import Finding, KeyedFindings
from ..stats.ols import ols, vif

__all__ = ["TwoFactorResult", "two_factor"]

FACTORS = ("hygiene", "motivator")


@dataclass(frozen=True)
class TwoFactorResult(KeyedFindings, Result):
    """Results of the two-factor test, one block of rows per outcome.

    ``composites``: per respondent hygiene and motivator scores. ``coefficients``: outcome, term,
    ``b``, ``se``, ``beta``, ``statistic``, ``p_value``, ``ci_low``, ``ci_high``, ``vif``.
    ``fit``: outcome, ``r2``, ``adj_r2``, ``n``. ``hierarchical``: outcome, ``order``, ``step``,
    ``added``, ``r2``, ``delta_r2``, ``f_change``, ``df1``, ``df2``, ``p_value``. ``ordinal``:
    outcome, term (coefficients then thresholds), ``estimate``, ``se``, ``statistic``,
    ``p_value`` (empty when ``ordinal=False``). ``levels``: the level order used per outcome.
    ``asymmetry``: outcome, factor, ``beta_neg``, ``beta_pos`` (+ ``se``), ``difference``,
    ``statistic`` (Wald F, 1 df), ``df``, ``p_value``, ``pattern``.
    """

    composites: pd.DataFrame
    coefficients: pd.DataFrame
    fit: pd.DataFrame
    hierarchical: pd.DataFrame
    ordinal: pd.DataFrame
    asymmetry: pd.DataFrame
    levels: dict
    midpoint: float
    ci_level: float

    def to_frame(self) -> pd.DataFrame:
        return self.coefficients.copy()

    def finding_objects(self) -> list[Finding]:
        """Per outcome: ``two_factor.composites`` (main: both βs and R²), ``two_factor.increment``
        per composite added last (detail) and ``two_factor.asymmetry`` per composite (main: the
        piecewise slopes below and above the midpoint and the pattern they show)."""
        out = []
        for outcome, coefs in self.coefficients.groupby("outcome", sort=False):
            fit = self.fit.set_index("outcome").loc[outcome]
            c = coefs.set_index("term")
            values = {"outcome": outcome, "r2": fit["r2"], "r2_percent": 100 * fit["r2"]}
            for f in FACTORS:
                values |= {f"{f}_beta": c.loc[f, "beta"], f"{f}_p": c.loc[f, "p_value"]}
            out.append(Finding("two_factor.composites", values, ids=(outcome,)))
            h = self.hierarchical[(self.hierarchical["outcome"] == outcome) & (self.hierarchical["step"] == 2)]
            for _, row in h.iterrows():
                out.append(Finding("two_factor.increment", {"outcome": outcome, "added": row["added"], "r2_change": row["delta_r2"],
                                                            "f_stat": ("F", row["f_change"], (row["df1"], row["df2"])), "p_value": row["p_value"]},
                                   level="detail", ids=(outcome,)))
            a = self.asymmetry[self.asymmetry["outcome"] == outcome]
            for _, row in a.iterrows():
                out.append(Finding("two_factor.asymmetry", {"outcome": outcome, "factor": row["factor"], "beta_below": row["beta_neg"],
                                                            "beta_above": row["beta_pos"], "f_stat": ("F", row["statistic"], (1, row["df"])),
                                                            "p_value": row["p_value"], "pattern": f"pattern_{row['pattern']}"}, ids=(outcome,)))
        return out


def _composite(frame: pd.DataFrame, items: Sequence[str]) -> pd.Series:
    return frame.loc[:, list(items)].mean(axis=1)


def _hierarchical(z: pd.DataFrame, y: np.ndarray, outcome: str) -> list[dict]:
    rows = []
    n = len(y)
    full = ols(z[list(FACTORS)].to_numpy(), y, list(FACTORS), what=f"two-factor regression of {outcome}")
    for first, second in (FACTORS, FACTORS[::-1]):
        one = ols(z[[first]].to_numpy(), y, [first], what=f"two-factor regression of {outcome}")
        f1 = (one.r2 / 1) / ((1 - one.r2) / (n - 2))
        rows.append(dict(outcome=outcome, order=f"{first} first", step=1, added=first, r2=one.r2, delta_r2=one.r2,
                         f_change=f1, df1=1, df2=n - 2, p_value=float(stats.f.sf(f1, 1, n - 2))))
        d = full.r2 - one.r2
        f2 = d / ((1 - full.r2) / (n - 3))
        rows.append(dict(outcome=outcome, order=f"{first} first", step=2, added=second, r2=full.r2, delta_r2=d,
                         f_change=f2, df1=1, df2=n - 3, p_value=float(stats.f.sf(f2, 1, n - 3))))
    return rows


def _ordinal(z: pd.DataFrame, y: pd.Series, outcome: str, levels) -> tuple[list[dict], list]:
    from ..stats.logistic import ordered_logit_model

    if pd.api.types.is_float_dtype(y) and np.all(np.mod(y.to_numpy(), 1) == 0):
        y = y.astype(int)  # whole-number codes: label levels 1, 2, ... not 1.0, 2.0
    if levels is None:
        levels = sorted(pd.unique(y))
    else:
        levels = list(levels)
        unknown = sorted(set(pd.unique(y)) - set(levels), key=str)
        if unknown:
            raise AnalysisError(f"two_factor: {outcome!r} has values {unknown} not in outcome_levels {levels}")
    if len(levels) < 2:
        raise AnalysisError(f"two_factor: {outcome!r} has a single level; the ordinal model needs at least two")
    cat = pd.Series(pd.Categorical(y, categories=levels, ordered=True), index=z.index)
    present = [lv for lv in levels if (cat == lv).any()]
    if len(present) < len(levels):
        cat = cat.cat.remove_unused_categories()
    model = ordered_logit_model()(cat, z[list(FACTORS)], distr="logit")  # same likelihood, analytic gradient
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        start = model.fit(method="bfgs", disp=False, maxiter=2000, gtol=1e-8)
        res = model.fit(start_params=start.params.to_numpy(), method="newton", disp=False, maxiter=200)
    grad = float(np.abs(model.score(res.params.to_numpy())).max())
    if not np.isfinite(grad) or grad > 1e-4 * max(len(y), 1):
        raise AnalysisError(f"two_factor: the ordinal model of {outcome!r} did not converge")
    rows = [dict(outcome=outcome, term=f, estimate=float(res.params.iloc[i]), se=float(res.bse.iloc[i]),
                 statistic=float(res.tvalues.iloc[i]), p_value=float(res.pvalues.iloc[i])) for i, f in enumerate(FACTORS)]
    params = res.params.to_numpy()
    cuts = model.transform_threshold_params(params)[1:-1]
    # delta method: cut_j = t_1 + Σ_{i=2..j} exp(t_i)
    k = len(FACTORS)
    raw_t = params[k:]
    jac = np.zeros((len(raw_t), len(raw_t)))
    for j in range(len(raw_t)):
        jac[j, 0] = 1.0
        jac[j, 1 : j + 1] = np.exp(raw_t[1 : j + 1])
    cov = np.asarray(res.cov_params())[k:, k:]
    ses = np.sqrt(np.diag(jac @ cov @ jac.T))
    labels = list(cat.cat.categories)
    for j, (cut, se) in enumerate(zip(cuts, ses)):
        rows.append(dict(outcome=outcome, term=f"{labels[j]}|{labels[j + 1]}", estimate=float(cut), se=float(se),
                         statistic=float(cut / se), p_value=float(2 * stats.norm.sf(abs(cut / se)))))
    return rows, labels


def _piecewise(raw: pd.DataFrame, y: np.ndarray, outcome: str, midpoint: float, alpha: float = 0.05) -> list[dict]:
    cols, names = [], []
    for f in FACTORS:
        x = raw[f].to_numpy() - midpoint
        below, above = int((x < 0).sum()), int((x > 0).sum())
        if below == 0 or above == 0:
            side = "below" if below == 0 else "above"
            raise AnalysisError(f"two_factor: no respondent's {f} composite lies {side} the midpoint {midpoint:g}; "
                                "the piecewise asymmetry test needs both sides (check midpoint=)")
        cols += [np.minimum(x, 0), np.maximum(x, 0)]
        names += [f"{f}_neg", f"{f}_pos"]
    fit = ols(np.column_stack(cols), y, names, what=f"piecewise two-factor regression of {outcome}")
    rows = []
    for i, f in enumerate(FACTORS):
        a, b = 1 + 2 * i, 2 + 2 * i
        diff = fit.coef[a] - fit.coef[b]
        var = fit.cov[a, a] + fit.cov[b, b] - 2 * fit.cov[a, b]
        wald = diff**2 / var
        p = float(stats.f.sf(wald, 1, fit.df_resid))
        bn, bp = fit.coef[a], fit.coef[b]
        if p < alpha and abs(bn) > bp:
            pattern = "hygiene"
        elif p < alpha and bp > abs(bn):
            pattern = "motivator"
        else:
            pattern = "symmetric"
        rows.append(dict(outcome=outcome, factor=f, beta_neg=bn, se_neg=fit.se[a], beta_pos=bp, se_pos=fit.se[b],
                         difference=diff, statistic=wald, df=fit.df_resid, p_value=p, pattern=pattern))
    return rows


def two_factor(
    df: pd.DataFrame,
    outcome: str | Sequence[str],
    *,
    hygiene: Sequence[str],
    motivator: Sequence[str],
    midpoint: float = 3,
    ordinal: bool = True,
    outcome_levels: Sequence | None = None,
    ci_level: float = 0.95,
) -> TwoFactorResult:
    """Test Herzberg's two-factor structure with hygiene and motivator composites.

    Parameters
    ----------
    df : DataFrame
        One row per respondent; rows with a missing value in the columns used are dropped.
    outcome : str or list of str
        Overall satisfaction, and optionally dissatisfaction or intention to leave (each is
        modelled separately).
    hygiene, motivator : sequence of str
        Items of each composite (the schema's roles); a composite is the item mean.
    midpoint : float
        Scale midpoint c for the piecewise asymmetry test.
    ordinal : bool
        Also fit an ordinal logit (statsmodels ``OrderedModel``) of each outcome.
    outcome_levels : sequence, optional
        Level order for the ordinal model, lowest first (default: sorted numeric codes). Never
        alphabetical labels: pass the order explicitly when the outcome holds text.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(2)
    >>> d = pd.DataFrame(rng.integers(1, 6, size=(200, 4)), columns=["pay", "home", "growth", "praise"])
    >>> d["os"] = np.clip(np.round((d.pay + d.growth) / 2 + rng.normal(0, .7, 200)), 1, 5)
    >>> res = two_factor(d, "os", hygiene=["pay", "home"], motivator=["growth", "praise"])
    >>> res.coefficients["term"].tolist()
    ['hygiene', 'motivator']
    """
    outcomes = [outcome] if isinstance(outcome, str) else list(outcome)
    hygiene, motivator = list(hygiene), list(motivator)
    if not hygiene or not motivator:
        raise AnalysisError("two_factor: give at least one hygiene item and one motivator item")
    overlap = (set(hygiene) & set(motivator)) | (set(outcomes) & set(hygiene + motivator))
    if overlap:
        raise AnalysisError(f"two_factor: columns used in more than one role: {sorted(overlap)}")
    check_ci_level(ci_level)
    what = "two-factor test"
    text_outcomes = [o for o in outcomes if o in df.columns and not pd.api.types.is_numeric_dtype(df[o])]
    if text_outcomes and outcome_levels is None:
        raise AnalysisError(f"two_factor: outcome {text_outcomes} holds text; pass outcome_levels= (lowest first) "
                            "so the level order is explicit, never alphabetical")
    numeric_cols = hygiene + motivator + [o for o in outcomes if o not in text_outcomes]
    checked = numeric_frame(df.dropna(subset=[c for c in outcomes + hygiene + motivator if c in df.columns]),
                            numeric_cols, what=what, min_rows=5)
    raw = pd.DataFrame({"hygiene": _composite(checked, hygiene), "motivator": _composite(checked, motivator)}, index=checked.index)
    numeric_frame(raw, list(FACTORS), what=f"{what} (composites)")
    corr = np.corrcoef(raw.to_numpy(), rowvar=False)
    if abs(corr[0, 1]) > 1 - 1e-10:
        raise AnalysisError("two_factor: the hygiene and motivator composites are perfectly collinear (r = "
                            f"{corr[0, 1]:.6f}); the two factors cannot be separated")
    vifs = vif(corr)
    if vifs.max() > 10:
        warnings.warn(f"two_factor: VIF = {vifs.max():.1f} for the composites; hygiene and motivator overlap strongly",
                      SurveyWarning, stacklevel=2)
    tcrit = stats.t.ppf(0.5 + ci_level / 2, len(raw) - 3)
    coef_rows, fit_rows, hier_rows, ord_rows, asym_rows, levels = [], [], [], [], [], {}
    for o in outcomes:
        y_series = df.loc[raw.index, o]
        if o in text_outcomes:
            y_num = y_series.map({lv: i for i, lv in enumerate(outcome_levels)}).astype(float)
        else:
            y_num = checked[o]
        y = y_num.to_numpy(dtype=float)
        fit = ols(raw.to_numpy(), y, list(FACTORS), what=f"two-factor regression of {o}")
        sd_y = y.std(ddof=1)
        for i, f in enumerate(FACTORS):
            b, se = fit.coef[i + 1], fit.se[i + 1]
            coef_rows.append(dict(outcome=o, term=f, b=b, se=se, beta=b * raw[f].std(ddof=1) / sd_y, statistic=b / se,
                                  p_value=float(2 * stats.t.sf(abs(b / se), fit.df_resid)),
                                  ci_low=b - tcrit * se, ci_high=b + tcrit * se, vif=vifs[i]))
        fit_rows.append(dict(outcome=o, r2=fit.r2, adj_r2=1 - (1 - fit.r2) * (fit.n - 1) / fit.df_resid, n=fit.n))
        hier_rows += _hierarchical(raw, y, o)
        if ordinal:
            rows, lv = _ordinal(raw, y_series if o in text_outcomes else y_num, o,
                                outcome_levels if o in text_outcomes or outcome_levels is not None else None)
            ord_rows += rows
            levels[o] = lv
        asym_rows += _piecewise(raw, y, o, float(midpoint))
    ord_cols = ["outcome", "term", "estimate", "se", "statistic", "p_value"]
    return TwoFactorResult(
        composites=raw,
        coefficients=pd.DataFrame(coef_rows),
        fit=pd.DataFrame(fit_rows),
        hierarchical=pd.DataFrame(hier_rows),
        ordinal=pd.DataFrame(ord_rows, columns=ord_cols),
        asymmetry=pd.DataFrame(asym_rows),
        levels=levels,
        midpoint=float(midpoint),
        ci_level=ci_level,
    )
