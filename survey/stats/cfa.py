"""Confirmatory factor analysis: semopy estimates; fit, SRMR, CR, AVE, Fornell–Larcker, HTMT here.

semopy (ML, Wishart objective) estimates the parameters. Everything else is computed from the
estimates and the sample covariance matrix, with lavaan's conventions, and verified against R
``lavaan::cfa`` + ``fitMeasures`` + ``standardizedSolution`` (``tests/reference/psychometrics/cfa.R``):

- the fit measures of :mod:`survey.stats.fit`, shared with ``sem``: χ², CFI, TLI, RMSEA with its
  90% CI, SRMR, GFI, log-likelihood, AIC and BIC as lavaan's ``fitMeasures``;
- standardized loadings and factor correlations as lavaan's ``std.all``;
- CR = (Σλ)²/((Σλ)² + Σ(1 − λ²)), AVE = mean λ² (standardized loadings);
- HTMT (Henseler, Ringle & Sarstedt, 2015): mean heterotrait correlation over the geometric mean
  of the two mean monotrait correlations ("arithmetic" item means, the original), or HTMT2
  (geometric means, Roemer et al., 2021) when asked.

Inadmissible solutions (non-convergence, negative residual variances or ones at semopy's bound 0,
|standardized loading| ≥ 1, a non-positive-definite factor correlation matrix) set
``admissible=False`` and list ``issues``; their findings give the fit as numbers only, with no
verdict on fit or validity, and ``validity_table()`` marks every row ``admissible=False``.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from .._checks import check_not_singular
from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings.format import fmt_num, fmt_p, fmt_stat
from .factorability import item_frame
from .dwls import fit_dwls
from .fiml import fiml_sentence, fit_fiml
from .fit import ml_fit_measures
from .model_syntax import ModelSyntax, parse_syntax

__all__ = ["CFAResult", "cfa", "parse_measurement_model", "htmt"]

CFA_NAN_POLICIES = ("listwise", "pairwise", "raise", "fiml")



def parse_measurement_model(model: str | dict) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Parse lavaan-style ``F =~ a + b + c`` lines (and ``a ~~ b`` covariances), or a dict."""
    spec = parse_syntax(model, what="cfa")
    if spec.regressions:
        raise AnalysisError("cfa: cannot read a regression ('~') in a measurement model; structural paths belong in sv.sem")
    factors, covs = spec.measurement, spec.covariances
    if not factors:
        raise AnalysisError("cfa: the model defines no factor ('F =~ a + b + c')")
    for f, items in factors.items():
        if len(items) < 2:
            raise AnalysisError(f"cfa: factor {f} has fewer than two indicators: {items}")
        if f in sum(factors.values(), []):
            raise AnalysisError(f"cfa: {f} is both a factor and an indicator (higher-order models belong in sv.sem)")
    return factors, covs


def semopy_model(syntax: str):
    """A ``semopy.Model`` of ``syntax`` whose free parameters come in the same order in every run.

    semopy adds the covariances between exogenous latent variables by iterating over a set, so
    their order in the parameter vector, and with it the last bits of every estimate, followed
    Python's string hashing (``PYTHONHASHSEED``). Declaring those covariances in sorted order
    before semopy sees the model fixes the order; the model itself is unchanged.
    """
    import semopy
    from semopy.parser import parse_desc

    probe = semopy.Model(syntax)
    declared = parse_desc(syntax)[0]["~~"]
    exogenous = sorted(probe.vars["exogenous"] & probe.vars["latent"])
    pairs = [(a, b) for a, b in combinations(exogenous, 2) if b not in declared.get(a, {}) and a not in declared.get(b, {})]
    if not pairs:
        return probe
    return semopy.Model(syntax + "".join(f"\n{a} ~~ {b}" for a, b in pairs))


def htmt(corr: pd.DataFrame, factors: dict[str, list[str]], *, kind: str = "arithmetic") -> pd.DataFrame:
    """Heterotrait–monotrait ratio of correlations between every pair of factors (Henseler, Ringle &
    Sarstedt 2015), on absolute correlations as they define it and as semTools' ``htmt(absolute =
    TRUE)`` computes it, so a negatively related scale is not let through by its sign. ``kind``:
    ``"arithmetic"`` item-correlation means (the original), ``"geometric"`` (HTMT2, Roemer et al.
    2021). A one-item factor's monotrait mean is 1. One implementation for ``cfa`` and ``pls_path``."""
    names = list(factors)
    out = pd.DataFrame(np.eye(len(names)), index=names, columns=names)
    absolute = corr.abs()

    def mean(values: np.ndarray) -> float:
        if kind == "geometric":
            return float(np.exp(np.log(values).mean()))
        return float(values.mean())

    mono = {}
    for f, items in factors.items():
        r = absolute.loc[items, items].to_numpy()
        mono[f] = mean(r[np.triu_indices(len(items), 1)]) if len(items) > 1 else 1.0
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            value = mean(absolute.loc[factors[a], factors[b]].to_numpy().ravel()) / np.sqrt(mono[a] * mono[b])
            out.loc[a, b] = out.loc[b, a] = value
    return out


@dataclass(frozen=True, repr=False)
class CFAResult(Result):
    """A fitted measurement model with fit indices and convergent/discriminant validity tables."""

    fit: pd.Series
    std_loadings: pd.DataFrame  # rows: factor, item, estimate, unstd, se, p_value
    factor_correlations: pd.DataFrame
    cr: pd.Series
    ave: pd.Series
    fornell_larcker: pd.DataFrame
    htmt: pd.DataFrame
    n: int
    model: str
    admissible: bool
    issues: tuple[str, ...] = field(default_factory=tuple)
    htmt_kind: str = "arithmetic"
    nan_policy: str = "listwise"
    n_excluded: int = 0
    missing_share: float = 0.0
    estimator: str = "ml"

    def to_frame(self) -> pd.DataFrame:
        return self.std_loadings.copy()

    def validity_table(self) -> pd.DataFrame:
        """Per factor: k, CR, AVE, √AVE, the largest |r| with another factor, and the checks.

        ``admissible`` repeats the solution's admissibility on every row: when it is False the
        values and the checks describe an unusable solution and are not to be interpreted.
        """
        fc = self.factor_correlations.abs().to_numpy().copy()
        np.fill_diagonal(fc, np.nan)
        maxr = np.nanmax(fc, axis=1) if fc.shape[0] > 1 else np.array([np.nan])
        h = self.htmt.to_numpy().copy()
        np.fill_diagonal(h, np.nan)
        maxh = np.nanmax(h, axis=1) if h.shape[0] > 1 else np.array([np.nan])
        t = pd.DataFrame(
            {
                "k": self.std_loadings.groupby("factor", sort=False).size().reindex(self.cr.index).to_numpy(),
                "cr": self.cr,
                "ave": self.ave,
                "sqrt_ave": np.sqrt(self.ave),
                "max_r": maxr,
                "max_htmt": maxh,
            }
        )
        t["cr_ok"] = t["cr"] >= 0.7
        t["ave_ok"] = t["ave"] >= 0.5
        t["fornell_larcker_ok"] = t["sqrt_ave"] > t["max_r"]
        t["htmt_ok"] = t["max_htmt"] < 0.85
        t["admissible"] = self.admissible
        t.index.name = "factor"
        return t

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        return self._fit_findings(lang, style) + self._missing_findings(lang, style) + self._estimator_findings(lang, style)

    def _estimator_findings(self, lang: str, style: str | None) -> list[str]:
        """Which estimator an ordinal CFA used, and its robust χ²."""
        if self.estimator != "dwls":
            return []
        style = style or ("gb" if lang == "zh" else "apa")
        f = self.fit
        robust = fmt_stat("χ²", f["chisq_scaled"], df=int(f["df_scaled"]), style=style) + ("，" if lang == "zh" else ", ") + fmt_p(f["p_value_scaled"], style=style)
        if lang == "zh":
            return [f"题项视为有序变量：基于多分格（polychoric）相关矩阵，采用对角加权最小二乘法（DWLS，与lavaan的WLSMV点估计相同）估计，"
                    f"上述χ²为DWLS统计量，均值方差校正（scaled-shifted）的稳健χ²为{robust}；CFI、TLI与RMSEA基于未校正的χ²。"]
        return [f"The items were treated as ordinal: diagonally weighted least squares (DWLS, the point estimates of lavaan's WLSMV) "
                f"on polychoric correlations; the χ² above is the DWLS statistic, the robust (scaled-shifted) χ² is {robust}; "
                "CFI, TLI and RMSEA rest on the unscaled χ²."]

    def _missing_findings(self, lang: str, style: str | None) -> list[str]:
        """How missing values were handled, when they were handled by FIML."""
        if self.nan_policy != "fiml":
            return []
        return [fiml_sentence(self.n, self.n_excluded, self.missing_share, what="item", lang=lang, style=style)]

    def _fit_findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        f = self.fit
        d = 3 if style == "gb" else 2
        chi = fmt_stat("χ²", f["chisq"], df=int(f["df"]), style=style)
        p = fmt_p(f["p_value"], style=style)

        def b(x):
            return fmt_num(x, digits=d, bounded=True, style=style)

        ci = f"[{b(f['rmsea_ci_low'])}, {b(f['rmsea_ci_high'])}]"
        if not self.admissible:
            return self._inadmissible_findings(lang, chi, p, b, ci)
        good = f["cfi"] >= 0.95 and f["tli"] >= 0.95 and f["rmsea"] <= 0.06 and f["srmr"] <= 0.08
        ok = f["cfi"] >= 0.90 and f["tli"] >= 0.90 and f["rmsea"] <= 0.08 and f["srmr"] <= 0.08
        v = self.validity_table()
        if lang == "zh":
            verdict = "拟合良好" if good else "拟合可以接受" if ok else "拟合欠佳"
            out = [
                f"验证性因子分析结果显示，{chi}，{p}，χ²/df = {fmt_num(f['chisq_df'], digits=d, style=style)}，"
                f"CFI = {b(f['cfi'])}，TLI = {b(f['tli'])}，RMSEA = {b(f['rmsea'])}（90%置信区间{ci}），"
                f"SRMR = {b(f['srmr'])}，模型{verdict}。"
            ]
            out.append(
                f"各潜变量的组合信度（CR）介于{b(v['cr'].min())}与{b(v['cr'].max())}之间，"
                f"平均方差抽取量（AVE）介于{b(v['ave'].min())}与{b(v['ave'].max())}之间"
                + ("，收敛效度良好。" if v["cr_ok"].all() and v["ave_ok"].all() else "，部分维度的收敛效度未达标准（CR ≥ 0.7，AVE ≥ 0.5）。")
            )
            if len(v) > 1:
                out.append(
                    "各维度AVE的平方根均大于其与其他维度的相关系数，且HTMT均小于0.85，区分效度良好。"
                    if v["fornell_larcker_ok"].all() and v["htmt_ok"].all()
                    else "部分维度的区分效度未达标准（Fornell–Larcker或HTMT < 0.85）："
                    + "、".join(v.index[~(v["fornell_larcker_ok"] & v["htmt_ok"])].astype(str))
                    + "。"
                )
            return out
        verdict = "good" if good else "acceptable" if ok else "poor"
        out = [
            f"The measurement model fit was {verdict} (Hu & Bentler, 1999): {chi}, {p}, CFI = {b(f['cfi'])}, "
            f"TLI = {b(f['tli'])}, RMSEA = {b(f['rmsea'])}, 90% CI {ci}, SRMR = {b(f['srmr'])}."
        ]
        out.append(
            f"Composite reliability ranged from {b(v['cr'].min())} to {b(v['cr'].max())} and AVE from "
            f"{b(v['ave'].min())} to {b(v['ave'].max())}"
            + ("; convergent validity holds (CR ≥ .70, AVE ≥ .50)." if v["cr_ok"].all() and v["ave_ok"].all() else "; convergent validity is not met for every factor (CR ≥ .70, AVE ≥ .50).")
        )
        if len(v) > 1:
            bad = v.index[~(v["fornell_larcker_ok"] & v["htmt_ok"])].astype(str).tolist()
            out.append(
                "Discriminant validity holds: every √AVE exceeds the factor's correlations and every HTMT is below .85."
                if not bad
                else "Discriminant validity is doubtful for: " + ", ".join(bad) + " (Fornell–Larcker or HTMT < .85)."
            )
        return out

    def _inadmissible_findings(self, lang: str, chi: str, p: str, b, ci: str) -> list[str]:
        """The fit as numbers only, and why no verdict on fit or validity is given."""
        f = self.fit
        if lang == "zh":
            return [
                f"验证性因子分析结果：{chi}，{p}，CFI = {b(f['cfi'])}，TLI = {b(f['tli'])}，RMSEA = {b(f['rmsea'])}（90%置信区间{ci}），"
                f"SRMR = {b(f['srmr'])}。",
                "注意：该解不可接受（" + "；".join(self.issues) + "），其拟合指标、组合信度与AVE均不应解释，"
                "故不对模型拟合、收敛效度与区分效度作出判断。",
            ]
        return [
            f"The measurement model gave {chi}, {p}, CFI = {b(f['cfi'])}, TLI = {b(f['tli'])}, RMSEA = {b(f['rmsea'])}, "
            f"90% CI {ci}, SRMR = {b(f['srmr'])}.",
            "The solution is inadmissible (" + "; ".join(self.issues) + "): its fit, composite reliability and AVE "
            "should not be interpreted, and no judgement of fit, convergent or discriminant validity is made.",
        ]

    def plot(self, ax=None, lang: str = "en"):
        from ..figures.psychometrics import plot_loadings

        return plot_loadings(self, ax=ax, lang=lang)


def heywood_residuals(items, theta: np.ndarray, s_diag: np.ndarray) -> tuple[list[str], list[str]]:
    """The Heywood messages for residual variances (negative, or at the bound 0) and the items at the
    bound. semopy bounds variances at 0: there a Heywood case is a residual variance stuck at the
    bound, and whether its standardized loading then reads 1 − ε or 1 + ε is rounding."""
    negative = [items[i] for i in np.flatnonzero(theta < 0)]
    at_bound = [items[i] for i in np.flatnonzero((theta >= 0) & (theta <= 1e-6 * s_diag))]
    issues = []
    if negative:
        issues.append(f"negative residual variances (Heywood case): {negative}")
    if at_bound:
        issues.append(f"residual variances at the lower bound 0 (Heywood case): {at_bound}")
    return issues, at_bound


def _not_positive_definite(fcor: pd.DataFrame) -> str:
    """Why a factor correlation matrix is not positive definite: a correlation of 1 or more (named),
    or, with every correlation below 1, a combination of factors that is linearly dependent."""
    names = list(fcor.index)
    high = [f"{names[i]}–{names[j]} ({fcor.iat[i, j]:.3f})" for i in range(len(names)) for j in range(i)
            if abs(fcor.iat[i, j]) >= 1]
    if high:
        return "the factor correlation matrix is not positive definite: factor correlations of 1 or more: " + ", ".join(high)
    return ("the factor correlation matrix is not positive definite although every factor correlation is below 1 "
            "(some factors are a linear combination of others)")


def cfa(
    data: pd.DataFrame,
    model: str | dict,
    *,
    htmt_kind: str = "arithmetic",
    nan_policy: str = "listwise",
    estimator: str = "ml",
) -> CFAResult:
    """Confirmatory factor analysis of a measurement model (ML, marker-variable identification).

    Parameters
    ----------
    data : DataFrame
        The item columns (others are ignored).
    model : str or dict
        lavaan-style syntax (``"A =~ a1 + a2 + a3\\nB =~ b1 + b2 + b3"``, optional ``a1 ~~ a2``)
        or ``{"A": ["a1", "a2", "a3"], ...}``.
    nan_policy : {"listwise", "raise", "fiml"}
        Missing values: ``"listwise"`` (the default) fits the rows with every item observed;
        ``"raise"`` refuses missing values; ``"fiml"`` fits every row with at least one item
        observed by full-information ML with a mean structure (:mod:`survey.stats.fiml`, lavaan's
        ``missing = "fiml"``): χ² against the saturated model estimated by EM, SRMR and HTMT from
        the EM moments, rows with every item missing dropped and counted in ``n_excluded``.
        ``"pairwise"`` is read as ``"listwise"``.
    estimator : {"ml", "dwls"}
        ``"ml"`` (the default) treats the items as continuous; ``"dwls"`` treats them as ordinal:
        thresholds and polychoric correlations, diagonally weighted least squares with the
        asymptotic covariance of the polychorics, as lavaan ``cfa(ordered = TRUE, estimator =
        "WLSMV")`` (:mod:`survey.stats.dwls`): its point estimates, standard errors, χ² and
        scaled-shifted χ² (``chisq_scaled``); complete rows only (listwise), HTMT from the
        polychoric correlations.

    Returns
    -------
    CFAResult
        ``fit`` (Series: ``chisq, df, p_value, chisq_df, cfi, tli, rmsea, rmsea_ci_low,
        rmsea_ci_high, srmr``), ``std_loadings``, ``factor_correlations``, ``cr``, ``ave``,
        ``fornell_larcker``, ``htmt``, ``admissible``, ``issues``, ``nan_policy`` (the one used),
        ``n`` (rows used), ``n_excluded`` (rows given but not used), ``missing_share`` (the share
        of the items' cells missing in the rows given).
    """
    try:
        import semopy
    except ImportError as err:  # pragma: no cover
        raise AnalysisError("cfa needs the semopy package (pip install semopy)") from err
    if htmt_kind not in ("arithmetic", "geometric"):
        raise AnalysisError(f"htmt_kind must be 'arithmetic' or 'geometric', got {htmt_kind!r}")
    factors, covs = parse_measurement_model(model)
    items = list(dict.fromkeys(sum(factors.values(), [])))
    missing = [i for i in items if i not in data.columns]
    if missing:
        raise AnalysisError(f"cfa: model items not in the data: {missing}")
    if nan_policy not in CFA_NAN_POLICIES:
        raise AnalysisError(f"cfa: nan_policy must be one of {CFA_NAN_POLICIES}, got {nan_policy!r}")
    if estimator not in ("ml", "dwls"):
        raise AnalysisError(f"cfa: estimator must be 'ml' or 'dwls', got {estimator!r}")
    if estimator == "dwls" and nan_policy == "fiml":
        raise AnalysisError("cfa: the ordinal estimator (DWLS) uses complete rows; nan_policy='fiml' needs estimator='ml'")
    frame = item_frame(data[items], what="cfa", nan_policy={"pairwise": "listwise", "fiml": "pairwise"}.get(nan_policy, nan_policy))
    syntax = "\n".join(f"{f} =~ {' + '.join(v)}" for f, v in factors.items())
    if covs:
        syntax += "\n" + "\n".join(f"{a} ~~ {b}" for a, b in covs)
    if nan_policy == "fiml":
        fiml = fit_fiml(frame, ModelSyntax(measurement=factors, covariances=covs), what="cfa")
        est, converged, n, s_n = semopy_layout(fiml.estimates), fiml.converged, fiml.patterns.n, fiml.h1_cov.to_numpy()
    elif estimator == "dwls":
        dwls = fit_dwls(frame, factors, covs, what="cfa")
        est, converged, n, s_n = semopy_layout(dwls.estimates), dwls.converged, dwls.moments.n, dwls.moments.correlations.to_numpy()
    else:
        n, s_n = len(frame), np.cov(frame.to_numpy(), rowvar=False, ddof=0)
        check_not_singular(np.corrcoef(frame.to_numpy(), rowvar=False), items, what="cfa")
        est, converged = _semopy_estimates(frame, syntax)
    issues: list[str] = []
    if not converged:
        issues.append("the estimation did not converge")
    fnames = list(factors)
    lam = pd.DataFrame(0.0, index=items, columns=fnames)
    psi = pd.DataFrame(0.0, index=fnames, columns=fnames)
    theta = pd.DataFrame(0.0, index=items, columns=items)
    load_rows = []
    for row in est.itertuples(index=False):
        lval, op, rval, value = row[0], row[1], row[2], float(row[3])
        if op == "~" and rval in fnames:
            lam.loc[lval, rval] = value
            se = pd.to_numeric(row[4], errors="coerce")
            pv = pd.to_numeric(row[6], errors="coerce")
            load_rows.append((rval, lval, value, se, pv))
        elif op == "~~":
            target = psi if lval in fnames else theta
            target.loc[lval, rval] = target.loc[rval, lval] = value
    L, P, T = lam.to_numpy(), psi.to_numpy(), theta.to_numpy()
    sigma = L @ P @ L.T + T
    # fit (lavaan conventions; F_ML is scale-free, so semopy's N − 1 covariance does not matter)
    n_free = int((est["Std. Err"].astype(str) != "-").sum())
    fit = fiml.fit if nan_policy == "fiml" else dwls.fit if estimator == "dwls" else ml_fit_measures(s_n, sigma, n=n, n_free=n_free, what="cfa")
    if fit["df"] <= 0:
        issues.append(f"the model has {int(fit['df'])} degrees of freedom: it is not testable (saturated or not identified)")
    # standardized solution (std.all)
    fsd = np.sqrt(np.clip(np.diag(P), 0, None))
    isd = np.sqrt(np.clip(np.diag(sigma), 1e-300, None))
    std = pd.DataFrame(
        [
            {
                "factor": f, "item": i, "estimate": v * fsd[fnames.index(f)] / isd[items.index(i)],
                "unstd": v, "se": se, "p_value": pv,
            }
            for f, i, v, se, pv in load_rows
        ]
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        fcor = P / np.outer(fsd, fsd)
    fcor_df = pd.DataFrame(fcor, index=fnames, columns=fnames)
    # admissibility
    residual_issues, at_bound = heywood_residuals(items, np.diag(T), np.diag(s_n))
    issues += residual_issues
    neg_psi = [fnames[j] for j in np.flatnonzero(np.diag(P) < 0)]
    if neg_psi:
        issues.append(f"negative factor variances: {neg_psi}")
    over = [i for i in std.loc[std["estimate"].abs() >= 1, "item"] if i not in at_bound]
    if over:
        issues.append(f"standardized loadings of 1 or more: {over}")
    if not neg_psi and np.linalg.eigvalsh(fcor).min() <= 0:
        issues.append(_not_positive_definite(fcor_df))
    admissible = len([i for i in issues if "not testable" not in i]) == 0
    if not admissible:
        warnings.warn("cfa: inadmissible solution: " + "; ".join(issues), SurveyWarning, stacklevel=2)
    lam_std = {f: std.loc[std["factor"] == f, "estimate"].to_numpy() for f in fnames}
    cr = pd.Series({f: v.sum() ** 2 / (v.sum() ** 2 + (1 - v**2).sum()) for f, v in lam_std.items()}, name="cr")
    ave = pd.Series({f: float(np.mean(v**2)) for f, v in lam_std.items()}, name="ave")
    fl = fcor_df.copy()
    for f in fnames:
        fl.loc[f, f] = np.sqrt(ave[f]) if ave[f] >= 0 else np.nan
    corr = pd.DataFrame(s_n / np.sqrt(np.outer(np.diag(s_n), np.diag(s_n))), index=items, columns=items)
    return CFAResult(
        fit=fit,
        std_loadings=std,
        factor_correlations=fcor_df,
        cr=cr,
        ave=ave,
        fornell_larcker=fl,
        htmt=htmt(corr, factors, kind=htmt_kind),
        n=n,
        model=syntax,
        admissible=admissible,
        issues=tuple(issues),
        htmt_kind=htmt_kind,
        nan_policy=nan_policy,
        n_excluded=len(data) - n,
        missing_share=float(data[items].isna().to_numpy().mean()),
        estimator=estimator,
    )


def _semopy_estimates(frame: pd.DataFrame, syntax: str) -> tuple[pd.DataFrame, bool]:
    """semopy's ML estimates of ``syntax`` on complete rows (its parameter table) and convergence."""
    sem = semopy_model(syntax)
    from ._threads import single_thread

    with warnings.catch_warnings(), single_thread():
        warnings.simplefilter("ignore")
        # semopy's default SLSQP tolerance leaves estimates ~1e-3 from lavaan; tightened as in sem()
        res = sem.fit(frame, options={"ftol": 1e-12, "maxiter": 10000})
        return sem.inspect(), bool(getattr(res, "success", True))


def semopy_layout(estimates: pd.DataFrame) -> pd.DataFrame:
    """A parameter table in lavaan's notation (FIML, DWLS) in semopy's layout (``item ~ factor`` for a loading,
    ``-`` as the standard error of a fixed parameter), so one reader serves both estimators."""
    rows = estimates[estimates["op"] != "~1"]
    loading = rows["op"] == "=~"
    return pd.DataFrame({
        "lval": np.where(loading, rows["rhs"], rows["lhs"]), "op": np.where(loading, "~", rows["op"]),
        "rval": np.where(loading, rows["lhs"], rows["rhs"]), "Estimate": rows["estimate"].to_numpy(),
        "Std. Err": np.where(rows["fixed"], "-", rows["se"].astype(object)),
        "z-value": np.where(rows["fixed"], "-", rows["statistic"].astype(object)),
        "p-value": np.where(rows["fixed"], "-", rows["p_value"].astype(object)),
    })
