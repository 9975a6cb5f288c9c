"""Covariance-based SEM through semopy, with inadmissible solutions flagged.

semopy fits the model (ML, its ``MLW`` objective) but says nothing when a solution is
inadmissible, and replaces a singular covariance matrix silently. Here the data are checked first
(a singular covariance matrix is an ``AnalysisError``), and the solution is marked inadmissible
when the optimizer did not converge, a variance is negative (Heywood case), or a standardized
loading exceeds 1 in absolute value; standardized paths beyond ±1 are noted and warned about. Estimates use lavaan's notation (``=~`` for loadings).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._checks import check_not_singular, numeric_frame
from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings.format import fmt_num, fmt_p, fmt_stat
from ..stats.cfa import semopy_model
from ..stats.fiml import fiml_sentence, fit_fiml
from ..stats.fit import ml_fit_measures
from ..stats.model_syntax import parse_syntax

__all__ = ["SEMResult", "sem"]


@dataclass(frozen=True)
class SEMResult(Result):
    """``estimates``: ``lhs``, ``op`` (``=~``, ``~``, ``~~``), ``rhs``, ``estimate``, ``se``,
    ``statistic``, ``p_value``, ``std_estimate`` (completely standardized), ``fixed`` (as in lavaan,
    a fixed parameter has se 0 and no statistic or p value). ``fit``: the same measures as
    ``cfa`` (:func:`survey.stats.fit.ml_fit_measures`, lavaan's definitions): ``chisq``, ``df``,
    ``p_value``, ``chisq_df``, ``cfi``, ``tli``, ``rmsea`` with ``rmsea_ci_low``/``rmsea_ci_high``,
    ``srmr``, ``gfi``, ``loglik``, ``aic``, ``bic``. ``admissible`` is
    False when ``issues`` lists anything (non-convergence, negative variances, standardized
    loadings beyond ±1); ``notes`` lists standardized paths beyond ±1 (a sign of nearly collinear
    predictors, not by itself inadmissible)."""

    estimates: pd.DataFrame
    fit: pd.Series
    admissible: bool
    converged: bool
    issues: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = field(default_factory=tuple)
    n: int = 0
    nan_policy: str = "listwise"
    n_excluded: int = 0
    missing_share: float = 0.0

    def to_frame(self) -> pd.DataFrame:
        return self.estimates.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        f = self.fit
        chi = fmt_stat("χ²", f["chisq"], df=int(f["df"]), style=style)
        parts = (chi, fmt_p(f["p_value"], style=style), fmt_num(f["cfi"], digits=3, bounded=True, style=style),
                 fmt_num(f["tli"], digits=3, bounded=True, style=style), fmt_num(f["rmsea"], digits=3, bounded=True, style=style))
        if lang == "zh":
            out = [f"结构方程模型拟合指标：{parts[0]}，{parts[1]}，CFI = {parts[2]}，TLI = {parts[3]}，RMSEA = {parts[4]}（n = {self.n}）。"]
            if not self.admissible:
                out.append("该解不可接受（" + "；".join(self.issues) + "），不应解释其参数估计。")
        else:
            out = [f"The structural equation model gives {parts[0]}, {parts[1]}, CFI = {parts[2]}, TLI = {parts[3]}, "
                   f"RMSEA = {parts[4]} (n = {self.n})."]
            if not self.admissible:
                out.append("The solution is inadmissible (" + "; ".join(self.issues) + ") and its estimates should not be interpreted.")
        if self.nan_policy == "fiml":
            out.append(fiml_sentence(self.n, self.n_excluded, self.missing_share, what="variable", lang=lang, style=style))
        return out


def _num(v) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        return float("nan")


def sem(df: pd.DataFrame, model: str, *, tol_std: float = 1.0, nan_policy: str = "listwise") -> SEMResult:
    """Fit a covariance-based structural equation model (maximum likelihood, semopy).

    Parameters
    ----------
    df : DataFrame
        Observed variables.
    model : str
        lavaan-style syntax: ``=~`` measurement, ``~`` regressions (``~~`` covariances allowed).
    tol_std : float
        A standardized loading beyond this (in absolute value) marks the solution inadmissible;
        a standardized path beyond it is noted.
    nan_policy : {"listwise", "fiml"}
        ``"listwise"`` (the default) fits the rows with every model variable observed (semopy, ML);
        ``"fiml"`` fits every row with at least one observed by full-information ML with a mean
        structure (:mod:`survey.stats.fiml`, lavaan's ``missing = "fiml"``; observed predictors are
        random variables with their own means and variances, as lavaan's ``fixed.x = FALSE``),
        intercepts listed as ``~1`` rows. The
        result records ``nan_policy``, ``n`` (rows used), ``n_excluded`` and ``missing_share``.
    """
    try:
        import semopy
    except ImportError as exc:  # pragma: no cover - optional dependency
        raise AnalysisError("sem() needs semopy: pip install 'survey-toolkit[sem]'") from exc
    spec = parse_syntax(model, what="sem", modifiers=True)
    blocks = spec.measurement
    latents = set(blocks)
    observed = spec.observed
    if nan_policy not in ("listwise", "fiml"):
        raise AnalysisError(f"sem: nan_policy must be 'listwise' or 'fiml', got {nan_policy!r}")
    frame = numeric_frame(df, observed, what="SEM", min_rows=len(observed) + 2,
                          nan_policy="pairwise" if nan_policy == "fiml" else "listwise")
    if nan_policy == "fiml":
        fiml = fit_fiml(frame, spec, what="SEM")
        est, converged, fit, n = fiml.estimates, fiml.converged, fiml.fit, fiml.patterns.n
    else:
        check_not_singular(np.corrcoef(frame.to_numpy(), rowvar=False), observed, what="SEM")
        est, converged, fit = _semopy_fit(frame, model, [*blocks, *observed], latents)
        n = len(frame)
    problems = []
    if not converged:
        problems.append("the optimizer did not converge")
    var = est[(est.op == "~~") & (est.lhs == est.rhs)]
    neg = var[var.estimate < 0]
    if len(neg):
        problems.append("negative variances (Heywood case): " + ", ".join(neg.lhs))
    # semopy bounds variances at 0: a Heywood case shows up as a variance stuck at the bound
    scale = float(np.nanmax(np.abs(var.estimate))) if len(var) else 1.0
    stuck = var[(~var.fixed) & (var.estimate >= 0) & (var.estimate <= 1e-6 * max(scale, 1e-12))]
    if len(stuck):
        problems.append("variances at the lower bound 0 (Heywood case): " + ", ".join(stuck.lhs))
    big = est[(est.op == "=~") & (est.std_estimate.abs() > tol_std)]
    if len(big):
        problems.append(f"standardized loadings beyond ±{tol_std:g}: "
                        + ", ".join(f"{a} =~ {b} ({v:.3f})" for a, b, v in zip(big.lhs, big.rhs, big.std_estimate)))
    steep = est[(est.op == "~") & (est.std_estimate.abs() > tol_std)]
    notes = []
    if len(steep):
        notes.append(f"standardized paths beyond ±{tol_std:g} (predictors nearly collinear; interpret with care): "
                     + ", ".join(f"{a} ~ {b} ({v:.3f})" for a, b, v in zip(steep.lhs, steep.rhs, steep.std_estimate)))
        warnings.warn("sem: " + notes[0], SurveyWarning, stacklevel=2)
    if problems:
        warnings.warn("sem: inadmissible solution: " + "; ".join(problems), SurveyWarning, stacklevel=2)
    return SEMResult(estimates=est, fit=fit, admissible=not problems, converged=converged, issues=tuple(problems),
                     notes=tuple(notes), n=n, nan_policy=nan_policy, n_excluded=len(df) - n,
                     missing_share=float(df[observed].isna().to_numpy().mean()))


def _semopy_fit(frame: pd.DataFrame, model: str, order: list[str], latents: set[str]) -> tuple[pd.DataFrame, bool, pd.Series]:
    """semopy's ML fit on complete rows: the estimates in lavaan's notation, convergence, fit measures."""
    m = semopy_model(model)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # semopy's default SLSQP tolerance leaves estimates ~1e-3 from lavaan; tighten it
        res = m.fit(frame, options={"ftol": 1e-12, "maxiter": 10000})
        ins = m.inspect(std_est=True)
    converged = bool(getattr(res, "success", True))
    order = {v: i for i, v in enumerate(order)}
    rows = []
    for _, r in ins.iterrows():
        lval, op, rval = r["lval"], r["op"], r["rval"]
        if op == "~" and rval in latents and lval not in latents:
            lhs, op2, rhs = rval, "=~", lval
        else:
            lhs, op2, rhs = lval, op, rval
        if op2 == "~~" and lhs != rhs and order.get(lhs, 1e9) > order.get(rhs, 1e9):
            lhs, rhs = rhs, lhs  # covariances in model order, as lavaan prints them
        fixed = not np.isfinite(_num(r["Std. Err"]))
        rows.append(dict(lhs=lhs, op=op2, rhs=rhs, fixed=fixed, estimate=_num(r["Estimate"]), se=0.0 if fixed else _num(r["Std. Err"]),
                         statistic=_num(r["z-value"]), p_value=_num(r["p-value"]), std_estimate=_num(r["Est. Std"])))
    observed_order = list(m.vars["observed"])
    s_n = np.cov(frame[observed_order].to_numpy(), rowvar=False, ddof=0)
    fit = ml_fit_measures(s_n, m.calc_sigma()[0], n=len(frame), n_free=len(m.param_vals), what="SEM")
    return pd.DataFrame(rows), converged, fit
