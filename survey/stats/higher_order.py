"""Second-order confirmatory factor analysis: factors measured by other factors (``g =~ F1 + F2 + F3``).

semopy estimates the model (ML, the first loading of every factor fixed to 1 at both levels, as
lavaan's default), checked against ``lavaan::cfa`` (``tests/reference/invariance/invariance.R``).
From the estimates:

- the latent covariance matrix Cov(η) = (I − B)⁻¹ Ψ (I − B)⁻ᵀ, with B the second-order loadings and
  Ψ the disturbance variances of the first-order factors and the variance of the second-order one;
- standardized loadings as lavaan's ``std.all`` at both levels (a first-order factor standardized
  by its total variance, not its disturbance);
- the first-order factor correlations implied by the model, and the fit measures, CR, AVE,
  Fornell–Larcker and HTMT of the first-order factors as in ``cfa``;
- CR and AVE of each second-order factor from its standardized second-order loadings.

With three first-order factors a second-order factor is just-identified: the model's fit equals
that of the first-order model with correlated factors (the findings say so).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._checks import check_not_singular
from ..errors import AnalysisError, SurveyWarning
from ..findings.format import fmt_num
from .cfa import CFAResult, _not_positive_definite, heywood_residuals, htmt, semopy_model
from .factorability import item_frame
from .fit import ml_fit_measures
from .model_syntax import parse_syntax

__all__ = ["HigherOrderCFAResult", "higher_order_cfa", "split_levels"]


def split_levels(model: str | dict) -> tuple[dict[str, list[str]], dict[str, list[str]], list[tuple[str, str]]]:
    """First-order factors {factor: items}, second-order factors {factor: first-order factors} and
    the covariances of a model; no second-order factor gives an empty second dict."""
    spec = parse_syntax(model, what="cfa")
    if spec.regressions:
        raise AnalysisError("cfa: cannot read a regression ('~') in a measurement model; structural paths belong in sv.sem")
    factors = spec.measurement
    second = {f: v for f, v in factors.items() if any(i in factors for i in v)}
    for f, v in second.items():
        mixed = [i for i in v if i not in factors]
        if mixed:
            raise AnalysisError(f"cfa: factor {f} is measured by factors and by items ({mixed}); a second-order factor "
                                "takes first-order factors only")
        higher = [i for i in v if i in second]
        if higher:
            raise AnalysisError(f"cfa: factor {f} is measured by the second-order factors {higher}; models above the "
                                "second order belong in sv.sem")
        if len(v) < 3:
            raise AnalysisError(f"cfa: second-order factor {f} has {len(v)} first-order factors ({v}); it needs three or more "
                                "to be identified without constraints")
    first = {f: v for f, v in factors.items() if f not in second}
    for f, items in first.items():
        if len(items) < 2:
            raise AnalysisError(f"cfa: factor {f} has fewer than two indicators: {items}")
    return first, second, spec.covariances


@dataclass(frozen=True, repr=False)
class HigherOrderCFAResult(CFAResult):
    """A second-order CFA: the first-order results of :class:`CFAResult` (``std_loadings``,
    ``factor_correlations`` implied by the model, ``cr``, ``ave``, ``fornell_larcker``, ``htmt``)
    and ``second_order_loadings`` (factor, item = first-order factor, estimate, unstd, se,
    p_value), ``second_order_cr``, ``second_order_ave``."""

    second_order_loadings: pd.DataFrame | None = None
    second_order_cr: pd.Series | None = None
    second_order_ave: pd.Series | None = None

    def to_frame(self) -> pd.DataFrame:
        """Standardized loadings of both levels, with ``level`` 1 or 2."""
        return pd.concat([self.std_loadings.assign(level=1), self.second_order_loadings.assign(level=2)], ignore_index=True)

    def second_order_table(self) -> pd.DataFrame:
        """Per second-order factor: k (its first-order factors), CR, AVE, √AVE and the checks
        (``validity_table()`` keeps the first-order factors, as for any CFA)."""
        ld = self.second_order_loadings
        t = pd.DataFrame({
            "k": ld.groupby("factor", sort=False).size().reindex(self.second_order_cr.index).to_numpy(),
            "cr": self.second_order_cr, "ave": self.second_order_ave, "sqrt_ave": np.sqrt(self.second_order_ave),
        })
        t["cr_ok"] = t["cr"] >= 0.7
        t["ave_ok"] = t["ave"] >= 0.5
        t["admissible"] = self.admissible
        t.index.name = "factor"
        return t

    def just_identified(self) -> list[str]:
        """Second-order factors with exactly three first-order factors (their part of the model has no df)."""
        sizes = self.second_order_loadings.groupby("factor", sort=False).size()
        return [str(f) for f, k in sizes.items() if k == 3]

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        out = super().findings(lang, style)
        if not self.admissible:
            return out

        def b(x):
            return fmt_num(x, digits=3 if style == "gb" else 2, bounded=True, style=style)

        ld = self.second_order_loadings
        for f in self.second_order_cr.index:
            lam = ld.loc[ld["factor"] == f, "estimate"]
            names = ld.loc[ld["factor"] == f, "item"].tolist()
            cr, ave = self.second_order_cr[f], self.second_order_ave[f]
            if lang == "zh":
                out.append(f"二阶因子{f}在一阶因子{'、'.join(names)}上的标准化载荷介于{b(lam.min())}与{b(lam.max())}之间，"
                           f"CR = {b(cr)}，AVE = {b(ave)}" + ("，二阶因子的收敛效度良好。" if cr >= 0.7 and ave >= 0.5 else "，二阶因子的收敛效度未达标准（CR ≥ 0.7，AVE ≥ 0.5）。"))
            else:
                out.append(f"The second-order factor {f} loaded on {', '.join(names)} with standardized loadings from {b(lam.min())} "
                           f"to {b(lam.max())}; CR = {b(cr)}, AVE = {b(ave)}"
                           + ("; its convergent validity holds." if cr >= 0.7 and ave >= 0.5 else "; its convergent validity is not met (CR ≥ .70, AVE ≥ .50)."))
        just = self.just_identified()
        if just:
            out.append(f"由于{'、'.join(just)}只有三个一阶因子，二阶部分恰好识别，模型拟合与一阶因子相关模型相同，拟合指标不能检验二阶结构。"
                       if lang == "zh" else
                       f"With three first-order factors, the second-order part for {', '.join(just)} is just-identified: the fit equals "
                       "that of the first-order model with correlated factors and does not test the second-order structure.")
        return out


def _latent_cov(beta: pd.DataFrame, psi: pd.DataFrame) -> pd.DataFrame:
    """Cov(η) = (I − B)⁻¹ Ψ (I − B)⁻ᵀ."""
    inv = np.linalg.inv(np.eye(len(beta)) - beta.to_numpy())
    return pd.DataFrame(inv @ psi.to_numpy() @ inv.T, index=beta.index, columns=beta.columns)


def higher_order_cfa(data: pd.DataFrame, model: str | dict, *, htmt_kind: str = "arithmetic",
                     nan_policy: str = "listwise") -> HigherOrderCFAResult:
    """Second-order CFA; ``sv.cfa`` comes here when a factor is measured by other factors."""
    if htmt_kind not in ("arithmetic", "geometric"):
        raise AnalysisError(f"htmt_kind must be 'arithmetic' or 'geometric', got {htmt_kind!r}")
    first, second, covs = split_levels(model)
    items = list(dict.fromkeys(sum(first.values(), [])))
    missing = [i for i in items if i not in data.columns]
    if missing:
        raise AnalysisError(f"cfa: model items not in the data: {missing}")
    frame = item_frame(data[items], what="cfa", nan_policy=nan_policy if nan_policy != "pairwise" else "listwise")
    n = len(frame)
    s_n = np.cov(frame.to_numpy(), rowvar=False, ddof=0)
    check_not_singular(np.corrcoef(frame.to_numpy(), rowvar=False), items, what="cfa")
    syntax = "\n".join(f"{f} =~ {' + '.join(v)}" for f, v in {**first, **second}.items())
    syntax += "".join(f"\n{a} ~~ {b}" for a, b in covs)
    sem = semopy_model(syntax)
    from ._threads import single_thread

    with warnings.catch_warnings(), single_thread():
        warnings.simplefilter("ignore")
        res = sem.fit(frame, options={"ftol": 1e-12, "maxiter": 10000})
        est = sem.inspect()
    f1, f2 = list(first), list(second)
    latents = f1 + f2
    lam = pd.DataFrame(0.0, index=items, columns=f1)
    beta = pd.DataFrame(0.0, index=latents, columns=latents)
    psi = pd.DataFrame(0.0, index=latents, columns=latents)
    theta = pd.DataFrame(0.0, index=items, columns=items)
    rows1, rows2 = [], []
    for row in est.itertuples(index=False):
        lval, op, rval, value = row[0], row[1], row[2], float(row[3])
        se, pv = pd.to_numeric(row[4], errors="coerce"), pd.to_numeric(row[6], errors="coerce")
        if op == "~" and rval in first:
            lam.loc[lval, rval] = value
            rows1.append((rval, lval, value, se, pv))
        elif op == "~" and rval in second:
            beta.loc[lval, rval] = value
            rows2.append((rval, lval, value, se, pv))
        elif op == "~~":
            target = psi if lval in latents else theta
            target.loc[lval, rval] = target.loc[rval, lval] = value
    cov_eta = _latent_cov(beta, psi)
    phi1 = cov_eta.loc[f1, f1].to_numpy()
    L, T = lam.to_numpy(), theta.to_numpy()
    sigma = L @ phi1 @ L.T + T
    n_free = int((est["Std. Err"].astype(str) != "-").sum())
    fit = ml_fit_measures(s_n, sigma, n=n, n_free=n_free, what="cfa")
    eta_sd = np.sqrt(np.clip(np.diag(cov_eta.to_numpy()), 0, None))
    sd = dict(zip(latents, eta_sd)) | dict(zip(items, np.sqrt(np.clip(np.diag(sigma), 1e-300, None))))

    def table(rows):
        return pd.DataFrame([{"factor": f, "item": i, "estimate": v * sd[f] / sd[i], "unstd": v, "se": s, "p_value": p}
                             for f, i, v, s, p in rows], columns=["factor", "item", "estimate", "unstd", "se", "p_value"])

    std1, std2 = table(rows1), table(rows2)
    with np.errstate(invalid="ignore", divide="ignore"):
        fcor = pd.DataFrame(phi1 / np.outer(eta_sd[: len(f1)], eta_sd[: len(f1)]), index=f1, columns=f1)
    issues = _issues(res, s_n, T, psi, items, std1, std2, fit, fcor)
    admissible = not [i for i in issues if "not testable" not in i]
    if not admissible:
        warnings.warn("cfa: inadmissible solution: " + "; ".join(issues), SurveyWarning, stacklevel=3)
    cr, ave = _cr_ave(std1, f1)
    cr2, ave2 = _cr_ave(std2, f2)
    fl = fcor.copy()
    for f in f1:
        fl.loc[f, f] = np.sqrt(ave[f]) if ave[f] >= 0 else np.nan
    corr = pd.DataFrame(np.corrcoef(frame.to_numpy(), rowvar=False), index=items, columns=items)
    return HigherOrderCFAResult(
        fit=fit, std_loadings=std1, factor_correlations=fcor, cr=cr, ave=ave, fornell_larcker=fl,
        htmt=htmt(corr, first, kind=htmt_kind), n=n, model=syntax, admissible=admissible, issues=tuple(issues),
        htmt_kind=htmt_kind, second_order_loadings=std2, second_order_cr=cr2, second_order_ave=ave2,
    )


def _cr_ave(std: pd.DataFrame, factors: list[str]) -> tuple[pd.Series, pd.Series]:
    """CR = (Σλ)²/((Σλ)² + Σ(1 − λ²)) and AVE = mean λ² from standardized loadings."""
    lam = {f: std.loc[std["factor"] == f, "estimate"].to_numpy() for f in factors}
    cr = pd.Series({f: v.sum() ** 2 / (v.sum() ** 2 + (1 - v**2).sum()) for f, v in lam.items()}, name="cr", dtype=float)
    ave = pd.Series({f: float(np.mean(v**2)) for f, v in lam.items()}, name="ave", dtype=float)
    return cr, ave


def _issues(res, s_n, T, psi: pd.DataFrame, items, std1, std2, fit, fcor) -> list[str]:
    """Non-convergence, Heywood cases at either level (negative or at semopy's bound 0), standardized
    loadings of 1 or more, an untestable model, a first-order correlation matrix not positive definite."""
    issues = []
    if not getattr(res, "success", True):
        issues.append("the estimation did not converge")
    if fit["df"] <= 0:
        issues.append(f"the model has {int(fit['df'])} degrees of freedom: it is not testable (saturated or not identified)")
    residual_issues, at_bound = heywood_residuals(items, np.diag(T), np.diag(s_n))
    issues += residual_issues
    var = pd.Series(np.diag(psi.to_numpy()), index=psi.index)
    scale = float(np.max(np.abs(var))) if len(var) else 1.0
    neg_psi = var.index[var < 0].tolist()
    psi_bound = var.index[(var >= 0) & (var <= 1e-6 * max(scale, 1e-12))].tolist()
    if neg_psi:
        issues.append(f"negative factor or disturbance variances: {neg_psi}")
    if psi_bound:
        issues.append(f"factor or disturbance variances at the lower bound 0 (Heywood case): {psi_bound}")
    over = [i for i in std1.loc[std1["estimate"].abs() >= 1, "item"] if i not in at_bound]
    over += [f for f in std2.loc[std2["estimate"].abs() >= 1, "item"] if f not in psi_bound]
    if over:
        issues.append(f"standardized loadings of 1 or more: {over}")
    if not neg_psi and np.linalg.eigvalsh(fcor.to_numpy()).min() <= 0:
        issues.append(_not_positive_definite(fcor))
    return issues
