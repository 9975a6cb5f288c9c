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
from ..errors import AnalysisError
from ..findings import Finding, KeyedFindings
from ._diffutil import columns_present, label, numeric
from .weights import check_weights, wald_test, weighted_ols

__all__ = ["RegressionResult", "regression", "ols_fit"]

INTERCEPT = "(Intercept)"


def ols_fit(y: np.ndarray, x: np.ndarray, names: Sequence[str], ci_level: float) -> dict:
    """Fit OLS with statsmodels; return the coefficient table (with β and VIF) and model fit."""
    from statsmodels.regression.linear_model import OLS

    n, k = x.shape
    model = OLS(y, np.column_stack([np.ones(n), x])).fit()
    ci = model.conf_int(alpha=1 - ci_level)
    sd_y = y.std(ddof=1)
    sd_x = x.std(axis=0, ddof=1)
    beta = np.r_[0.0, model.params[1:] * sd_x / sd_y]
    if k > 1:
        vif = np.diag(np.linalg.inv(np.corrcoef(x, rowvar=False)))
    else:
        vif = np.ones(1)
    coefs = pd.DataFrame(
        {
            "estimate": model.params,
            "se": model.bse,
            "beta": beta,
            "statistic": model.tvalues,
            "p_value": model.pvalues,
            "ci_low": ci[:, 0],
            "ci_high": ci[:, 1],
            "vif": np.r_[np.nan, vif],
            "tolerance": np.r_[np.nan, 1 / vif],
        },
        index=pd.Index([INTERCEPT, *names], name="term"),
    )
    return {
        "coefficients": coefs,
        "r2": float(model.rsquared),
        "adj_r2": float(model.rsquared_adj),
        "f": float(model.fvalue),
        "df1": float(k),
        "df2": float(n - k - 1),
        "p_value": float(model.f_pvalue),
        "sigma": float(np.sqrt(model.scale)),
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
    data : DataFrame
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
    steps, coefs = [], []
    prev_r2, prev_k = 0.0, 0
    used: list[str] = []
    for i, block in enumerate(blocks_t):
        used = used + [t for v in block for t in terms[v]]
        k = len(used)
        dk = k - prev_k
        df2 = n - k - 1
        if sampling is None:
            fit = ols_fit(y, frame[used].to_numpy(), used, ci_level)
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
