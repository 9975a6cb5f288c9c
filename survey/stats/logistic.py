"""Ordinal (proportional-odds) and binary logistic regression with odds ratios.

Ordinal: statsmodels ``OrderedModel`` (logit), whose parametrisation P(Y ≤ j) = F(τ_j − xβ) is that
of R's ``MASS::polr``. The outcome order is always explicit: ``levels=[...]`` (lowest first), or an
ordered Categorical, or numeric codes (numeric order). String labels without ``levels`` raise
``AnalysisError`` — OrderedModel would order them alphabetically (一般 < 不满意 < 满意), silently
wrong. Thresholds are reported on the τ scale with delta-method SEs (as polr reports them).

Proportional-odds check: the Brant (1990) Wald test, computed from the K − 1 cumulative binary
logits (Y > j) with their joint covariance, omnibus (df = p·(K − 2)) and per predictor
(df = K − 2), as in R's ``brant`` package; the per-cut binary-logit slopes are reported too.

Binary: statsmodels ``Logit``; Wald CIs (R ``confint.default``), McFadden, Cox–Snell and
Nagelkerke R², likelihood-ratio χ² against the intercept-only model.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level, check_not_singular
from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_ci, fmt_num, fmt_p
from ._diffutil import columns_present, label, lang_style, numeric

__all__ = ["OrdinalRegressionResult", "LogisticRegressionResult", "ordinal_regression", "logistic_regression", "ordered_logit_model"]


def _ordinal_codes(y: pd.Series, levels, what: str) -> tuple[np.ndarray, list]:
    """Map the outcome to 0..K−1 in the explicit order; NaN stays NaN."""
    if levels is None:
        if isinstance(y.dtype, pd.CategoricalDtype):
            if not y.cat.ordered:
                raise AnalysisError(
                    f"{what}: the outcome is an unordered Categorical; give levels=[lowest, ..., highest] "
                    f"(the order is never guessed, and never alphabetical)"
                )
            levels = list(y.cat.categories)
        elif pd.api.types.is_numeric_dtype(y) and not pd.api.types.is_bool_dtype(y):
            levels = sorted(y.dropna().unique().tolist())
        else:
            raise AnalysisError(
                f"{what}: the outcome {y.name!r} holds labels ({', '.join(map(str, y.dropna().unique()[:5]))} ...); "
                f"give levels=[lowest, ..., highest] (the order is never guessed, and never alphabetical)"
            )
    levels = list(levels)
    if len(set(levels)) != len(levels):
        raise AnalysisError(f"{what}: levels has duplicates: {levels}")
    present = y.dropna()
    unknown = sorted({str(v) for v in present.unique() if v not in levels})
    if unknown:
        raise AnalysisError(f"{what}: outcome values not in levels {levels}: {unknown}")
    pos = {v: i for i, v in enumerate(levels)}
    codes = y.map(lambda v: pos.get(v, np.nan) if pd.notna(v) else np.nan).astype("float64").to_numpy()
    return codes, levels


def _design(data, outcome, predictors, what):
    predictors = [predictors] if isinstance(predictors, str) else list(predictors)
    if not predictors:
        raise AnalysisError(f"{what}: give at least one predictor")
    dup = sorted({v for v in predictors if predictors.count(v) > 1})
    if dup:
        raise AnalysisError(f"{what}: predictors listed more than once: {dup}")
    if outcome in predictors:
        raise AnalysisError(f"{what}: the outcome {outcome!r} is also a predictor")
    columns_present(data, [outcome, *predictors], what=what)
    return predictors


def _brant(y: np.ndarray, x: np.ndarray, k: int, names: list[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Brant's Wald test of equal slopes across the K−1 cumulative logits."""
    from statsmodels.discrete.discrete_model import Logit

    n, p = x.shape
    xc = np.column_stack([np.ones(n), x])
    betas, pis = [], []
    for j in range(k - 1):
        yj = (y > j).astype(float)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fit = Logit(yj, xc).fit(disp=0, method="newton", maxiter=200)
        betas.append(fit.params)
        pis.append(fit.predict(xc))
    per_cut = pd.DataFrame([b[1:] for b in betas], columns=names, index=pd.Index([f"> {j}" for j in range(k - 1)], name="cut"))
    if k < 3:
        return pd.DataFrame(), per_cut
    inv = [np.linalg.inv(xc.T @ (xc * (pi * (1 - pi))[:, None])) for pi in pis]
    m = k - 1
    var = np.zeros((m * p, m * p))
    for j in range(m):
        for l in range(j, m):
            if j == l:
                v = inv[j]
            else:
                w = pis[l] - pis[j] * pis[l]
                v = inv[j] @ (xc.T @ (xc * w[:, None])) @ inv[l]
            blk = v[1:, 1:]
            var[j * p : (j + 1) * p, l * p : (l + 1) * p] = blk
            var[l * p : (l + 1) * p, j * p : (j + 1) * p] = blk.T
    bstar = np.concatenate([b[1:] for b in betas])

    def wald(cols: list[int]) -> tuple[float, int]:
        rows = []
        for j in range(1, m):
            for c in cols:
                d = np.zeros(m * p)
                d[c] = 1.0
                d[j * p + c] = -1.0
                rows.append(d)
        dm = np.array(rows)
        db = dm @ bstar
        stat = float(db @ np.linalg.solve(dm @ var @ dm.T, db))
        return stat, len(rows)

    out = []
    stat, df = wald(list(range(p)))
    out.append({"term": "omnibus", "statistic": stat, "df": df, "p_value": float(stats.chi2.sf(stat, df))})
    for i, nm in enumerate(names):
        stat, df = wald([i])
        out.append({"term": nm, "statistic": stat, "df": df, "p_value": float(stats.chi2.sf(stat, df))})
    return pd.DataFrame(out).set_index("term"), per_cut


def ordered_logit_model():
    """statsmodels' OrderedModel with the logistic cdf/pdf through ``scipy.special.expit``: the one
    ordinal-logit engine, used by ``ordinal_regression`` and the two-factor model.

    Same model and likelihood; ``scipy.stats.logistic.cdf`` costs most of the fitting time on
    large samples (hundreds of likelihood evaluations for numerical gradients)."""
    from scipy import special
    from statsmodels.miscmodels.ordinal_model import OrderedModel

    class _FastLogitOrderedModel(OrderedModel):
        def cdf(self, x):
            return special.expit(x)

        def pdf(self, x):
            e = special.expit(x)
            return e * (1 - e)

        def score(self, params):
            """Analytic gradient of the log-likelihood (statsmodels differentiates numerically)."""
            params = np.asarray(params, float)
            y = np.asarray(self.endog, int)
            xx = np.asarray(self.exog, float)
            p = xx.shape[1]
            k = len(params) - p + 1
            tau = self.transform_threshold_params(params)  # -inf, τ_1..τ_{K-1}, +inf
            xb = xx @ params[:p]
            up, lo = tau[y + 1] - xb, tau[y] - xb
            fu = np.where(np.isfinite(up), special.expit(up), 1.0)
            fl = np.where(np.isfinite(lo), special.expit(lo), 0.0)
            du = np.where(np.isfinite(up), fu * (1 - fu), 0.0)
            dl = np.where(np.isfinite(lo), fl * (1 - fl), 0.0)
            prob = np.clip(fu - fl, 1e-300, None)
            g_beta = -((du - dl) / prob) @ xx
            g_tau = np.bincount(y, weights=du / prob, minlength=k)[: k - 1] - np.bincount(y, weights=dl / prob, minlength=k)[1:k]
            jac = np.zeros((k - 1, k - 1))
            jac[:, 0] = 1.0
            a = params[p:]
            for j in range(1, k - 1):
                jac[j:, j] = np.exp(a[j])
            return np.r_[g_beta, jac.T @ g_tau]

        def hessian(self, params):
            """Central differences of the analytic gradient: 2k gradients instead of k² likelihoods."""
            from statsmodels.tools.numdiff import approx_fprime

            h = approx_fprime(np.asarray(params, float), self.score, centered=True)
            return (h + h.T) / 2

    return _FastLogitOrderedModel


@dataclass(frozen=True)
class OrdinalRegressionResult(Result):
    """``coefficients``: per predictor estimate, se, statistic (z), p_value, ci_low, ci_high,
    odds_ratio, or_ci_low, or_ci_high. ``thresholds``: τ_j between level j and j+1 (estimate, se).
    ``brant``: proportional-odds test (omnibus and per predictor); ``cut_slopes``: slopes of the
    separate cumulative logits Y > j."""

    outcome: str
    levels: tuple
    coefficients: pd.DataFrame
    thresholds: pd.DataFrame
    brant: pd.DataFrame
    cut_slopes: pd.DataFrame
    llf: float
    llnull: float
    mcfadden_r2: float
    lr_statistic: float
    lr_df: int
    lr_p_value: float
    n: int
    n_excluded: int
    ci_level: float
    labels: Mapping[object, str] | None = None

    def to_frame(self) -> pd.DataFrame:
        c = self.coefficients.reset_index().assign(kind="predictor")
        t = self.thresholds.reset_index().rename(columns={"threshold": "term"}).assign(kind="threshold")
        return pd.concat([c, t], ignore_index=True)

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        y = label(self.labels, self.outcome)
        r2 = fmt_num(self.mcfadden_r2, bounded=True, style=style, digits=3)
        lr = f"χ²({self.lr_df}) = {fmt_num(self.lr_statistic, style=style)}"
        p = fmt_p(self.lr_p_value, style=style)
        order = " < ".join(label(self.labels, v) for v in self.levels)
        out = []
        if lang == "en":
            out.append(f"An ordinal logistic regression (proportional odds; {order}) of {y}: likelihood-ratio {lr}, {p}, McFadden R² = {r2} (n = {self.n}).")
        else:
            out.append(f"以{y}为因变量（{order}）的有序Logistic回归模型似然比检验{lr}，{p}，McFadden R² = {r2}（n = {self.n}）。")
        for term, row in self.coefficients.iterrows():
            x = label(self.labels, term)
            orr = f"OR = {fmt_num(row['odds_ratio'], style=style)}, {fmt_ci(row['or_ci_low'], row['or_ci_high'], style=style, ci_level=self.ci_level)}"
            pp = fmt_p(row["p_value"], style=style)
            sig = row["p_value"] < 0.05
            if lang == "en":
                if sig:
                    d = "higher" if row["estimate"] > 0 else "lower"
                    out.append(f"Higher {x} was associated with significantly {d} {y} categories ({orr}, {pp}).")
                else:
                    out.append(f"{x} was not significantly associated with {y} ({orr}, {pp}).")
            else:
                orr_zh = f"OR = {fmt_num(row['odds_ratio'], style=style)}"
                if sig:
                    d = "正向" if row["estimate"] > 0 else "负向"
                    out.append(f"{x}对{y}具有显著的{d}影响（{orr_zh}，{pp}）。")
                else:
                    out.append(f"{x}对{y}的影响不显著（{orr_zh}，{pp}）。")
        if not self.brant.empty:
            om = self.brant.loc["omnibus"]
            bt = f"χ²({int(om['df'])}) = {fmt_num(om['statistic'], style=style)}, {fmt_p(om['p_value'], style=style)}"
            bad = [label(self.labels, t) for t, r in self.brant.drop(index="omnibus").iterrows() if r["p_value"] < 0.05]
            if lang == "en":
                if om["p_value"] < 0.05:
                    out.append(f"The Brant test rejected proportional odds ({bt}); violated for: {', '.join(bad) or 'no single predictor'}. Interpret the common odds ratios with caution.")
                else:
                    out.append(f"The Brant test did not reject the proportional-odds assumption ({bt}).")
            else:
                bt = bt.replace(", ", "，")
                if om["p_value"] < 0.05:
                    out.append(f"Brant检验拒绝了平行线假设（{bt}），{('、'.join(bad) + '不满足该假设') if bad else ''}，结果需谨慎解释。")
                else:
                    out.append(f"Brant检验表明模型满足平行线（比例优势）假设（{bt}）。")
        return out


def ordinal_regression(
    data: pd.DataFrame,
    outcome: str,
    predictors: Sequence[str],
    *,
    levels: Sequence[object] | None = None,
    ci_level: float = 0.95,
    labels: Mapping[object, str] | None = None,
) -> OrdinalRegressionResult:
    """Proportional-odds (ordinal logistic) regression with odds ratios, McFadden R² and Brant test.

    Parameters
    ----------
    outcome : str
        Ordinal outcome: numeric codes, an ordered Categorical, or labels with ``levels``.
    levels : sequence, optional
        The outcome's categories from lowest to highest (required for labels).

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"sat": ["低", "中", "高", "中", "高", "低", "中", "高", "低", "中"],
    ...                    "x": [1, 2, 3, 3, 5, 2, 1, 4, 1, 4]})
    >>> res = ordinal_regression(df, "sat", ["x"], levels=["低", "中", "高"])
    >>> res.levels, bool(res.coefficients.loc["x", "estimate"] > 0)
    (('低', '中', '高'), True)
    """
    what = f"ordinal_regression({outcome!r})"
    ci_level = check_ci_level(ci_level)
    predictors = _design(data, outcome, predictors, what)
    codes, levels = _ordinal_codes(data[outcome], levels, what)
    frame = data[predictors].assign(**{"__y__": codes})
    xf, n_excluded = numeric(frame, [*predictors, "__y__"], what=what, min_rows=len(predictors) + 3)
    y = xf.pop("__y__").to_numpy().astype(int)
    k = len(levels)
    counts = np.bincount(y, minlength=k)
    if k < 2 or (counts == 0).any():
        empty = [levels[i] for i in np.flatnonzero(counts == 0)]
        raise AnalysisError(f"{what}: every outcome level needs cases; empty: {empty} (drop them from levels)")
    x = xf.to_numpy()
    if len(predictors) > 1:
        check_not_singular(np.corrcoef(x, rowvar=False), predictors, what=f"{what}: predictors")
    model = ordered_logit_model()(y, x, distr="logit")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = model.fit(method="bfgs", disp=False, maxiter=5000, gtol=1e-8)
    if not fit.mle_retvals.get("converged", False):
        fit = model.fit(method="nm", start_params=fit.params, disp=False, maxiter=20000)
        if not fit.mle_retvals.get("converged", False):
            raise AnalysisError(f"{what}: the model did not converge (check for separation or sparse levels)")
    p = len(predictors)
    params = np.asarray(fit.params)
    cov = np.asarray(fit.cov_params())
    if not np.isfinite(cov).all() or (np.diag(cov) <= 0).any():
        raise AnalysisError(f"{what}: the information matrix is singular (separation or a level predicted perfectly)")
    z = stats.norm.ppf(0.5 + ci_level / 2)
    b = params[:p]
    se = np.sqrt(np.diag(cov)[:p])
    coefs = pd.DataFrame(
        {"estimate": b, "se": se, "statistic": b / se, "p_value": 2 * stats.norm.sf(np.abs(b / se)), "ci_low": b - z * se, "ci_high": b + z * se},
        index=pd.Index(predictors, name="term"),
    )
    coefs["odds_ratio"] = np.exp(coefs["estimate"])
    coefs["or_ci_low"] = np.exp(coefs["ci_low"])
    coefs["or_ci_high"] = np.exp(coefs["ci_high"])
    a = params[p:]
    tau = model.transform_threshold_params(params)[1:-1]
    jac = np.zeros((k - 1, k - 1))
    jac[:, 0] = 1.0
    for j in range(1, k - 1):
        jac[j:, j] = np.exp(a[j])
    tcov = jac @ cov[p:, p:] @ jac.T
    thresholds = pd.DataFrame(
        {"estimate": tau, "se": np.sqrt(np.diag(tcov))},
        index=pd.Index([f"{levels[j]}|{levels[j + 1]}" for j in range(k - 1)], name="threshold"),
    )
    n = len(y)
    llnull = float((counts * np.log(counts / n)).sum())
    llf = float(fit.llf)
    lr = 2 * (llf - llnull)
    brant, cut = _brant(y, x, k, predictors)
    return OrdinalRegressionResult(
        outcome=outcome,
        levels=tuple(levels),
        coefficients=coefs,
        thresholds=thresholds,
        brant=brant,
        cut_slopes=cut,
        llf=llf,
        llnull=llnull,
        mcfadden_r2=1 - llf / llnull,
        lr_statistic=lr,
        lr_df=p,
        lr_p_value=float(stats.chi2.sf(lr, p)),
        n=n,
        n_excluded=n_excluded,
        ci_level=ci_level,
        labels=labels,
    )


@dataclass(frozen=True)
class LogisticRegressionResult(Result):
    """``coefficients`` (with the intercept): estimate, se, statistic (z), p_value, ci_low,
    ci_high, odds_ratio, or_ci_low, or_ci_high; fit statistics as attributes."""

    outcome: str
    positive: object
    coefficients: pd.DataFrame
    llf: float
    llnull: float
    mcfadden_r2: float
    cox_snell_r2: float
    nagelkerke_r2: float
    lr_statistic: float
    lr_df: int
    lr_p_value: float
    aic: float
    accuracy: float
    n: int
    n_events: int
    n_excluded: int
    ci_level: float
    labels: Mapping[object, str] | None = None

    def to_frame(self) -> pd.DataFrame:
        return self.coefficients.reset_index()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        y = label(self.labels, self.outcome)
        lr = f"χ²({self.lr_df}) = {fmt_num(self.lr_statistic, style=style)}"
        p = fmt_p(self.lr_p_value, style=style)
        r2 = fmt_num(self.nagelkerke_r2, bounded=True, style=style, digits=3)
        out = []
        if lang == "en":
            out.append(f"A binary logistic regression of {y} (= {label(self.labels, self.positive)}): {lr}, {p}, Nagelkerke R² = {r2}, n = {self.n} ({self.n_events} events).")
        else:
            out.append(f"以{y}为因变量的二元Logistic回归模型：{lr}，{p}，Nagelkerke R² = {r2}（n = {self.n}）。")
        for term, row in self.coefficients.drop(index="(Intercept)").iterrows():
            x = label(self.labels, term)
            pp = fmt_p(row["p_value"], style=style)
            orr = f"OR = {fmt_num(row['odds_ratio'], style=style)}"
            sig = row["p_value"] < 0.05
            if lang == "en":
                ci = fmt_ci(row["or_ci_low"], row["or_ci_high"], style=style, ci_level=self.ci_level)
                if sig:
                    d = "increased" if row["estimate"] > 0 else "decreased"
                    out.append(f"Each one-unit increase in {x} significantly {d} the odds of {y} ({orr}, {ci}, {pp}).")
                else:
                    out.append(f"{x} was not a significant predictor of {y} ({orr}, {ci}, {pp}).")
            else:
                if sig:
                    d = "正向" if row["estimate"] > 0 else "负向"
                    out.append(f"{x}对{y}具有显著的{d}影响（{orr}，{pp}）。")
                else:
                    out.append(f"{x}对{y}的影响不显著（{orr}，{pp}）。")
        return out


def logistic_regression(
    data: pd.DataFrame,
    outcome: str,
    predictors: Sequence[str],
    *,
    positive: object | None = None,
    ci_level: float = 0.95,
    labels: Mapping[object, str] | None = None,
) -> LogisticRegressionResult:
    """Binary logistic regression (e.g. intention to leave) with odds ratios and pseudo-R².

    The outcome is 0/1 (or bool), or any two values with ``positive=`` naming the event.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"leave": [0, 0, 1, 0, 1, 1, 0, 1, 0, 1], "x": [1, 2, 3, 1, 2, 5, 4, 4, 1, 3]})
    >>> res = logistic_regression(df, "leave", ["x"])
    >>> res.n, res.n_events
    (10, 5)
    """
    from statsmodels.discrete.discrete_model import Logit

    what = f"logistic_regression({outcome!r})"
    ci_level = check_ci_level(ci_level)
    predictors = _design(data, outcome, predictors, what)
    yraw = data[outcome]
    values = list(pd.unique(yraw.dropna()))
    if positive is None:
        if pd.api.types.is_bool_dtype(yraw) or set(values) <= {0, 1}:
            positive = 1
        else:
            raise AnalysisError(f"{what}: the outcome has values {values[:5]}; give positive=<the event value> (outcome must be 0/1 otherwise)")
    if positive not in values:
        raise AnalysisError(f"{what}: positive={positive!r} does not occur in {outcome!r} (values {values[:5]})")
    if len(values) != 2:
        raise AnalysisError(f"{what}: the outcome must have exactly 2 values, found {len(values)}: {values[:6]}")
    yv = yraw.map(lambda v: np.nan if pd.isna(v) else float(v == positive)).astype("float64")
    frame = data[predictors].assign(__y__=yv)
    xf, n_excluded = numeric(frame, [*predictors, "__y__"], what=what, min_rows=len(predictors) + 3)
    y = xf.pop("__y__").to_numpy()
    x = xf.to_numpy()
    if len(predictors) > 1:
        check_not_singular(np.corrcoef(x, rowvar=False), predictors, what=f"{what}: predictors")
    xc = np.column_stack([np.ones(len(x)), x])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            fit = Logit(y, xc).fit(disp=0, method="newton", maxiter=100)
        except Exception as exc:  # statsmodels raises PerfectSeparationError / LinAlgError here
            raise AnalysisError(f"{what}: the model cannot be estimated ({type(exc).__name__}: {exc}); check for perfect separation") from exc
    prob = fit.predict(xc)
    if not fit.mle_retvals.get("converged", False) or (np.minimum(prob, 1 - prob) < 1e-10).mean() > 0.5:
        raise AnalysisError(f"{what}: perfect or quasi-complete separation (the predictors {predictors} classify the outcome (almost) perfectly); odds ratios would be infinite")
    z = stats.norm.ppf(0.5 + ci_level / 2)
    b, se = np.asarray(fit.params), np.asarray(fit.bse)
    coefs = pd.DataFrame(
        {"estimate": b, "se": se, "statistic": b / se, "p_value": 2 * stats.norm.sf(np.abs(b / se)), "ci_low": b - z * se, "ci_high": b + z * se},
        index=pd.Index(["(Intercept)", *predictors], name="term"),
    )
    coefs["odds_ratio"] = np.exp(coefs["estimate"])
    coefs["or_ci_low"] = np.exp(coefs["ci_low"])
    coefs["or_ci_high"] = np.exp(coefs["ci_high"])
    n = len(y)
    llf, llnull = float(fit.llf), float(fit.llnull)
    lr = 2 * (llf - llnull)
    cs = 1 - np.exp(2 * (llnull - llf) / n)
    nag = cs / (1 - np.exp(2 * llnull / n))
    return LogisticRegressionResult(
        outcome=outcome,
        positive=positive,
        coefficients=coefs,
        llf=llf,
        llnull=llnull,
        mcfadden_r2=1 - llf / llnull,
        cox_snell_r2=float(cs),
        nagelkerke_r2=float(nag),
        lr_statistic=lr,
        lr_df=len(predictors),
        lr_p_value=float(stats.chi2.sf(lr, len(predictors))),
        aic=float(-2 * llf + 2 * (len(predictors) + 1)),
        accuracy=float(((prob >= 0.5) == (y == 1)).mean()),
        n=n,
        n_events=int(y.sum()),
        n_excluded=n_excluded,
        ci_level=ci_level,
        labels=labels,
    )
