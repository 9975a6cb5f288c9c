"""OLS regression with standardized β and VIF; hierarchical blocks with ΔR² and F-change.

Wraps ``statsmodels`` OLS; adds by hand what it lacks: β = B·SD(x)/SD(y) (equal to the slopes of
``lm(scale(y) ~ scale(x))``), VIF = diag(R_xx⁻¹), and for hierarchical blocks
ΔR² and F-change = (ΔR²/Δk) / ((1 − R²_full)/(n − k_full − 1)) (R's ``anova(m1, m2)``).
Every step is fitted on the same listwise-complete rows (all variables of all blocks), and n is
reported. Nominal predictors (``categorical=``, or an unordered pandas ``Categorical``) are
dummy-coded against a named reference level (R's treatment contrasts): terms are named
``variable[level]`` and ``reference`` records each variable's reference level; a nominal variable is
never given one slope across its codes. Checked against R's ``lm``/``summary.lm``/``anova``/``car::vif``.

>>> import pandas as pd
>>> df = pd.DataFrame({"y": [1, 3, 2, 5, 4, 6, 8, 7], "a": [1, 2, 2, 3, 4, 4, 5, 6], "b": [2, 1, 3, 3, 2, 5, 4, 4]})
>>> res = regression(df, outcome="y", predictors=["a", "b"])
>>> round(res.r2, 4), res.n
(0.8656, 8)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level, check_not_singular
from .._result import Result
from ..errors import AnalysisError, RowsNeededError
from ..findings import Finding, KeyedFindings
from ._diffutil import columns_present, label, numeric
from .ols import INTERCEPT, ols
from .weights import check_weights, wald_test, weighted_ols

__all__ = ["RegressionResult", "regression", "ols_fit"]


def ols_fit(y: np.ndarray, x: np.ndarray, names: Sequence[str], ci_level: float, *, what: str = "regression") -> dict:
    """Fit OLS (the package's one engine, :func:`survey.stats.ols.ols`); return the coefficient table
    (with β and VIF), model fit and the coefficient covariance."""
    n, k = x.shape
    fit = ols(x, y, names, what=what)
    sd_y = y.std(ddof=1)
    sd_x = x.std(axis=0, ddof=1)
    vif = np.diag(np.linalg.inv(np.corrcoef(x, rowvar=False))) if k > 1 else np.ones(1)
    coefs = fit.table(ci_level)
    coefs.insert(2, "beta", np.r_[0.0, fit.coef[1:] * sd_x / sd_y])
    coefs["vif"] = np.r_[np.nan, vif]
    coefs["tolerance"] = np.r_[np.nan, 1 / vif]
    return {
        "coefficients": coefs,
        "r2": fit.r2,
        "adj_r2": fit.adj_r2,
        "f": fit.f,
        "df1": float(k),
        "df2": float(fit.df_resid),
        "p_value": fit.f_p_value,
        "sigma": float(np.sqrt(fit.sigma2)),
        "cov": fit.cov,
    }


def ols_from_moments(m, outcome: str, names: Sequence[str], ci_level: float) -> dict:
    """What :func:`ols_fit` returns, from the moments of the complete rows of the outcome and the
    predictors (normal equations on centred cross-products; equal to the fit on the rows to 1e-9)."""
    names = list(names)
    m = m.select([outcome, *names])
    n, k = m.n, len(names)
    sxx, sxy, syy = m.m2[1:, 1:], m.m2[1:, 0], m.m2[0, 0]
    inv = np.linalg.inv(sxx)
    b = inv @ sxy
    xbar = m.mean[1:]
    b0 = m.mean[0] - xbar @ b
    df2 = n - k - 1
    sse = max(syy - b @ sxy, 0.0)
    s2 = sse / df2
    se = np.sqrt(s2 * np.r_[1 / n + xbar @ inv @ xbar, np.diag(inv)])
    est = np.r_[b0, b]
    with np.errstate(divide="ignore", invalid="ignore"):
        t = est / se
    tq = stats.t.ppf(0.5 + ci_level / 2, df2)
    r2 = 1 - sse / syy
    sd = np.sqrt(np.diag(m.m2) / (n - 1))
    vif = np.diag(np.linalg.inv(m.corr()[1:, 1:])) if k > 1 else np.ones(1)
    coefs = pd.DataFrame(
        {
            "estimate": est,
            "se": se,
            "beta": np.r_[0.0, b * sd[1:] / sd[0]],
            "statistic": t,
            "p_value": 2 * stats.t.sf(np.abs(t), df2),
            "ci_low": est - tq * se,
            "ci_high": est + tq * se,
            "vif": np.r_[np.nan, vif],
            "tolerance": np.r_[np.nan, 1 / vif],
        },
        index=pd.Index([INTERCEPT, *names], name="term"),
    )
    f = (r2 / k) / ((1 - r2) / df2) if r2 < 1 else float("inf")
    return {
        "coefficients": coefs,
        "r2": float(r2),
        "adj_r2": float(1 - (1 - r2) * (n - 1) / df2),
        "f": float(f),
        "df1": float(k),
        "df2": float(df2),
        "p_value": float(stats.f.sf(f, k, df2)),
        "sigma": float(np.sqrt(s2)),
    }


@dataclass(frozen=True)
class RegressionResult(KeyedFindings, Result):
    """OLS results.

    ``coefficients``: final model; per term estimate (B), se, beta (standardized; 0 for the
    intercept by definition), statistic (t), p_value, ci_low, ci_high, vif, tolerance (VIF and
    tolerance are undefined, NaN, for the intercept, as in SPSS and ``car::vif``).
    ``steps``: one row per block: r2, adj_r2, F, df1, df2, p_value, r2_change, f_change,
    df1_change, df2_change, p_change. ``step_coefficients``: the coefficient table of every step.
    ``weighted``: fitted with survey weights (WLS, design-based SEs; R² weighted, F and F-change
    Wald tests).
    """

    outcome: str
    blocks: tuple[tuple[str, ...], ...]
    coefficients: pd.DataFrame
    steps: pd.DataFrame
    step_coefficients: pd.DataFrame
    n: int
    n_excluded: int
    ci_level: float
    labels: Mapping[str, str] | None = None
    reference: Mapping[str, object] = field(default_factory=dict)
    weighted: bool = False

    @property
    def r2(self) -> float:
        return float(self.steps["r2"].iloc[-1])

    @property
    def adj_r2(self) -> float:
        return float(self.steps["adj_r2"].iloc[-1])

    @property
    def f(self) -> float:
        return float(self.steps["f"].iloc[-1])

    @property
    def f_p_value(self) -> float:
        return float(self.steps["p_value"].iloc[-1])

    def to_frame(self) -> pd.DataFrame:
        """Tidy coefficients of every step (column ``step``)."""
        return self.step_coefficients.reset_index()

    def finding_objects(self) -> list[Finding]:
        """``regression.model_(not_)significant`` (main), ``regression.weighted`` and
        ``regression.reference`` (detail), ``regression.step_(not_)significant`` per added block
        (main), ``regression.predictor_(not_)significant`` per term (detail) and
        ``regression.collinearity`` (caution) when a VIF reaches 5. Significance at .05."""
        last = self.steps.iloc[-1]
        y = self.outcome
        sig = "significant" if last["p_value"] < 0.05 else "not_significant"
        out = [Finding(f"regression.model_{sig}", {"outcome": y, "f_stat": ("F", last["f"], (last["df1"], last["df2"])), "p_value": last["p_value"],
                                                   "r2": last["r2"], "adj_r2": last["adj_r2"], "n": self.n}, ids=(y,))]
        if self.weighted:
            out.append(Finding("regression.weighted", level="detail"))
        if self.reference:
            refs = [{"variable": v, "reference": label(self.labels, r)} for v, r in self.reference.items()]
            out.append(Finding("regression.reference", {"references": refs}, level="detail", ids=tuple(self.reference)))
        for i in range(1, len(self.steps)):
            st = self.steps.iloc[i]
            sig = "significant" if st["p_change"] < 0.05 else "not_significant"
            out.append(Finding(f"regression.step_{sig}", {
                "step": i + 1, "added": list(self.blocks[i]), "r2_change": st["r2_change"], "f_change": st["f_change"], "p_value": st["p_change"],
                "f_change_stat": ("F-change", st["f_change"], (st["df1_change"], st["df2_change"]))}, ids=tuple(self.blocks[i])))
        coefs = self.coefficients.drop(index=INTERCEPT)
        for term, row in coefs.iterrows():
            variable = self._dummy_of(term)
            sig = "significant" if row["p_value"] < 0.05 else "not_significant"
            values = {"term": term, "outcome": y, "estimate": row["estimate"], "beta": row["beta"], "t_stat": ("t", row["statistic"], None),
                      "p_value": row["p_value"], "sign": "positive" if row["estimate"] > 0 else "negative",
                      "versus": "none" if variable is None else "versus",
                      "reference": None if variable is None else label(self.labels, self.reference[variable])}
            out.append(Finding(f"regression.predictor_{sig}", values, level="detail", ids=(term, y)))
        vmax = coefs["vif"].max()
        if vmax >= 5:
            worst = coefs["vif"].idxmax()
            out.append(Finding("regression.collinearity", {"term": worst, "vif": vmax}, level="caution", ids=(worst,)))
        return out

    def _dummy_of(self, term: str) -> str | None:
        """The nominal variable a dummy term belongs to, or None."""
        for variable in self.reference:
            if term.startswith(f"{variable}[") and term.endswith("]"):
                return variable
        return None

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.differences import plot_coefficients

        return plot_coefficients(self, ax=ax, lang=lang)


def regression(
    data: pd.DataFrame,
    outcome: str,
    predictors: Sequence[str] | None = None,
    *,
    blocks: Sequence[Sequence[str]] | None = None,
    categorical: Mapping[str, object] | Sequence[str] | None = None,
    ci_level: float = 0.95,
    labels: Mapping[str, str] | None = None,
    weights=None,
) -> RegressionResult:
    """OLS regression (B, SE, β, t, p, CI, VIF, R², adjusted R², F), or hierarchical with ``blocks``.

    Parameters
    ----------
    data : DataFrame or LazyResponses
        A scanned table (``survey.scan``) is fitted from the moments of its complete rows (numeric
        predictors, no weights; docs/scale.md).
    outcome : str
        Numeric outcome column.
    predictors : list of str, optional
        Numeric predictors (one block). Give either this or ``blocks``.
    blocks : list of lists of str, optional
        Hierarchical regression: block 1 first, each later block added to the earlier ones
        (e.g. ``[["age", "gender"], ["hygiene"], ["motivator"]]``). All steps use the same rows.
    categorical : mapping or list of str, optional
        Nominal predictors to dummy-code: ``{"sector": "university"}`` names the reference level,
        a list uses each variable's first level (sorted, or the order of a pandas ``Categorical``).
        Unordered ``Categorical`` columns are dummy-coded even when not listed. Each level present
        in the complete rows other than the reference gets a term ``variable[level]``.
    ci_level : float
    labels : mapping, optional
        Display labels for findings.
    weights : str, Series or array, optional
        Survey weights (a column of ``data`` or values aligned with its rows): weighted least
        squares with design-based (linearisation) SEs, as R's ``svyglm`` (raked weights from
        :func:`survey.prep.weighting.rake` give the SEs of the raked design). R² is then weighted,
        F and F-change are Wald tests (``regTermTest``); see :func:`survey.stats.weights.weighted_ols`.

    Raises
    ------
    AnalysisError
        Non-numeric or constant columns, too few rows, a predictor repeated, or perfectly
        collinear predictors (named).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"y": [1, 3, 2, 5, 4, 6, 8, 7], "a": [1, 2, 2, 3, 4, 4, 5, 6], "b": [2, 1, 3, 3, 2, 5, 4, 4]})
    >>> res = regression(df, "y", blocks=[["a"], ["b"]])
    >>> res.steps[["r2", "r2_change"]].round(4).values.tolist()
    [[0.8413, 0.8413], [0.8656, 0.0243]]
    >>> df["g"] = ["x", "y", "z", "x", "y", "z", "x", "y"]
    >>> regression(df, "y", ["a", "g"], categorical={"g": "x"}).coefficients.index.tolist()
    ['(Intercept)', 'a', 'g[y]', 'g[z]']
    """
    what = f"regression({outcome!r})"
    ci_level = check_ci_level(ci_level)
    if blocks is None and predictors is None:
        raise AnalysisError(f"{what}: give predictors=[...] or blocks=[[...], [...]]")
    if blocks is not None and predictors is not None and list(predictors) != [v for b in blocks for v in b]:
        raise AnalysisError(f"{what}: give either predictors or blocks, not both")
    if isinstance(predictors, str):
        predictors = [predictors]
    blocks_t = tuple(tuple([b] if isinstance(b, str) else b) for b in (blocks if blocks is not None else [predictors]))
    if any(len(b) == 0 for b in blocks_t):
        raise AnalysisError(f"{what}: empty block in {blocks_t}")
    allx = [v for b in blocks_t for v in b]
    dup = sorted({v for v in allx if allx.count(v) > 1})
    if dup:
        raise AnalysisError(f"{what}: predictors listed more than once: {dup}")
    if outcome in allx:
        raise AnalysisError(f"{what}: the outcome {outcome!r} is also a predictor")
    if getattr(data, "is_lazy", False):
        return _lazy_regression(data, outcome, blocks_t, categorical=categorical, weights=weights, ci_level=ci_level, labels=labels, what=what)
    nominal = _nominal(data, allx, categorical, what=what)
    coded = data.assign(**{v: _level_codes(data[v], levels) for v, (levels, _) in nominal.items()}) if nominal else data
    frame, n_excluded = numeric(coded, [outcome, *allx], what=what, min_rows=len(allx) + 2)
    frame, terms = _dummies(frame, nominal, what=what)
    design = [t for v in allx for t in terms[v]]
    if len(design) > 1:
        check_not_singular(np.corrcoef(frame[design].to_numpy(), rowvar=False), design, what=f"{what}: predictors")
    y = frame[outcome].to_numpy()
    n = len(frame)
    sampling = _sampling(data, weights, [outcome, *allx], what=what)
    if n < len(design) + 2:
        raise AnalysisError(f"{what}: {n} complete rows for {len(design)} terms (dummies included); at least {len(design) + 2} are needed")
    return _steps(lambda used: ols_fit(y, frame[used].to_numpy(), used, ci_level), outcome, blocks_t, terms, n=n,
                  n_excluded=n_excluded, ci_level=ci_level, labels=labels, nominal=nominal, sampling=sampling, frame=frame, y=y)


def _lazy_regression(data, outcome: str, blocks_t: tuple, *, categorical, weights, ci_level: float, labels, what: str) -> RegressionResult:
    """OLS of a scanned table from the moments of its complete rows (numeric predictors, no survey weights)."""
    if categorical or weights is not None:
        raise RowsNeededError(data.rows_needed(f"{what} with categorical= or weights="))
    allx = [v for b in blocks_t for v in b]
    m = data.checked_moments([outcome, *allx], what=what, min_rows=len(allx) + 2)
    if len(allx) > 1:
        check_not_singular(m.select(allx).corr(), allx, what=f"{what}: predictors")
    return _steps(lambda used: ols_from_moments(m, outcome, used, ci_level), outcome, blocks_t, {v: [v] for v in allx}, n=m.n,
                  n_excluded=len(data) - m.n, ci_level=ci_level, labels=labels, nominal={}, sampling=None)


def _steps(fit_ols, outcome: str, blocks_t: tuple, terms: dict, *, n: int, n_excluded: int, ci_level: float, labels, nominal: dict,
           sampling, frame=None, y=None) -> RegressionResult:
    """Fit each hierarchical step (``fit_ols(terms used)``) and collect R², ΔR² and F-change."""
    steps, coefs = [], []
    prev_r2, prev_k = 0.0, 0
    used: list[str] = []
    for i, block in enumerate(blocks_t):
        used = used + [t for v in block for t in terms[v]]
        k = len(used)
        dk = k - prev_k
        df2 = n - k - 1
        if sampling is None:
            fit = fit_ols(used)
            dr2 = fit["r2"] - prev_r2
            fchg = (dr2 / dk) / ((1 - fit["r2"]) / df2) if fit["r2"] < 1 else float("inf")
        else:
            fit = weighted_ols(y, frame[used].to_numpy(), used, ci_level, **sampling)
            dr2 = fit["r2"] - prev_r2
            fchg = wald_test(fit["coefficients"]["estimate"].to_numpy()[prev_k + 1 :], fit["covariance"][prev_k + 1 :, prev_k + 1 :], df2)[0]
        steps.append(
            {
                "step": i + 1,
                "added": ", ".join(block),
                "r2": fit["r2"],
                "adj_r2": fit["adj_r2"],
                "f": fit["f"],
                "df1": fit["df1"],
                "df2": fit["df2"],
                "p_value": fit["p_value"],
                "r2_change": dr2,
                "f_change": fchg,
                "df1_change": float(dk),
                "df2_change": float(df2),
                "p_change": float(stats.f.sf(fchg, dk, df2)),
                "n": n,
            }
        )
        c = fit["coefficients"].copy()
        c.insert(0, "step", i + 1)
        coefs.append(c)
        prev_r2, prev_k = fit["r2"], k
    step_coefs = pd.concat(coefs)
    final = coefs[-1].drop(columns="step")
    return RegressionResult(
        outcome=outcome,
        blocks=blocks_t,
        coefficients=final,
        steps=pd.DataFrame(steps).set_index("step"),
        step_coefficients=step_coefs,
        n=n,
        n_excluded=n_excluded,
        ci_level=ci_level,
        labels=labels,
        reference={v: reference for v, (_, reference) in nominal.items()},
        weighted=sampling is not None,
    )


def _sampling(data: pd.DataFrame, weights, columns: list[str], *, what: str) -> dict | None:
    """The weights of every row of ``data`` and the positions of the complete rows, or None."""
    if weights is None:
        return None
    if isinstance(weights, str):
        columns_present(data, [weights], what=what)
        weights = data[weights]
    w, raking = check_weights(weights, data.index, what=f"{what}: weights")
    complete = data[columns].notna().all(axis=1).to_numpy()
    return {"w": w, "rows": np.flatnonzero(complete), "raking": raking}


def _nominal(data: pd.DataFrame, variables: Sequence[str], categorical, *, what: str) -> dict[str, tuple[list, object]]:
    """Levels (reference first) and reference of each nominal predictor: listed, or an unordered Categorical."""
    asked = dict(categorical) if isinstance(categorical, Mapping) else {v: None for v in (categorical or [])}
    unknown = sorted(set(asked) - set(variables))
    if unknown:
        raise AnalysisError(f"{what}: categorical names {unknown}, which are not predictors ({list(variables)})")
    out = {}
    for v in variables:
        column = data[v] if v in data else None
        unordered = column is not None and isinstance(column.dtype, pd.CategoricalDtype) and not column.dtype.ordered
        if v not in asked and not unordered:
            continue
        if column is None:
            raise AnalysisError(f"{what}: column {v!r} not found")
        if isinstance(column.dtype, pd.CategoricalDtype):
            levels = list(column.cat.categories)
        else:
            levels = sorted(column.dropna().unique().tolist(), key=lambda x: (not isinstance(x, (int, float)), x if isinstance(x, (int, float)) else str(x)))
        reference = asked.get(v)
        if reference is None:
            if not levels:
                raise AnalysisError(f"{what}: nominal predictor {v!r} has no values")
            reference = levels[0]
        elif reference not in levels:
            raise AnalysisError(f"{what}: reference level {reference!r} of {v!r} is not among its levels {levels}")
        out[v] = ([reference, *[lv for lv in levels if lv != reference]], reference)
    return out


def _level_codes(column: pd.Series, levels: list) -> pd.Series:
    """0, 1, … for the levels (reference = 0), NaN for missing; listwise deletion then treats it like any column."""
    codes = pd.Categorical(column.astype(object).where(column.notna(), None), categories=levels).codes.astype(float)
    return pd.Series(np.where(codes < 0, np.nan, codes), index=column.index)


def _dummies(frame: pd.DataFrame, nominal: dict, *, what: str) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Replace each nominal column by 0/1 columns ``variable[level]`` of the levels present besides the reference."""
    terms = {v: [v] for v in frame.columns}
    for v, (levels, reference) in nominal.items():
        present = sorted(int(c) for c in frame[v].unique())
        if 0 not in present:
            raise AnalysisError(f"{what}: the reference level {reference!r} of {v!r} has no complete rows; name another reference")
        if len(present) < 2:
            raise AnalysisError(f"{what}: nominal predictor {v!r} has a single level ({reference!r}) in the complete rows")
        names = [f"{v}[{levels[c]}]" for c in present if c != 0]
        dummies = pd.DataFrame({f"{v}[{levels[c]}]": (frame[v] == c).astype(float) for c in present if c != 0}, index=frame.index)
        position = frame.columns.get_loc(v)
        frame = pd.concat([frame.iloc[:, :position], dummies, frame.iloc[:, position + 1 :]], axis=1)
        terms[v] = names
    return frame, terms
