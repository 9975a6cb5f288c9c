"""Fit measures of a maximum-likelihood covariance structure model, as lavaan computes them.

One implementation for ``cfa`` and ``sem``: both hand over the sample covariance matrix (divided by
N), the model-implied one and the number of free parameters. The baseline (independence) model is
solved in closed form, so CFI and TLI never depend on a second fit that could fail.

- χ² = N·F_ML, F_ML = log|Σ| − log|S| + tr(SΣ⁻¹) − p; df = p(p + 1)/2 − free parameters;
- CFI, TLI against the independence model (χ²_b = N·(Σ log s_ii − log|S|), df_b = p(p − 1)/2);
- RMSEA = √(max(χ² − df, 0)/(df·N)) with its 90% CI from the noncentral χ² (lavaan uses N, not N − 1);
- SRMR (Bentler): root mean square of (s_ij − σ_ij)/√(s_ii·s_jj) over the lower triangle with the diagonal;
- GFI = 1 − tr((Σ⁻¹S − I)²)/tr((Σ⁻¹S)²);
- log-likelihood of the model (means saturated), AIC = −2 logL + 2k and BIC = −2 logL + k·log N,
  with k the free parameters (lavaan's ``logl``, ``aic``, ``bic``).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import optimize, stats

from ..errors import AnalysisError

__all__ = ["ml_fit_measures", "ml_multigroup_fit_measures", "fiml_fit_measures", "fit_series", "rmsea_ci"]


def rmsea_ci(chisq: float, df: int, n: int, level: float = 0.90) -> tuple[float, float]:
    """The RMSEA's confidence interval from the noncentral χ² distribution (lavaan's, with N)."""
    upper_q, lower_q = (1 + level) / 2, (1 - level) / 2

    def lam(target: float) -> float:
        if stats.chi2.cdf(chisq, df) < target:  # even λ = 0 is too large
            return 0.0
        f = lambda x: stats.ncx2.cdf(chisq, df, x) - target if x > 0 else stats.chi2.cdf(chisq, df) - target  # noqa: E731
        hi = max(chisq, 1.0)
        while f(hi) > 0:
            hi *= 2
        return optimize.brentq(f, 0.0, hi, xtol=1e-12)

    return float(np.sqrt(lam(upper_q) / (n * df))), float(np.sqrt(lam(lower_q) / (n * df)))


def ml_fit_measures(s_n: np.ndarray, sigma: np.ndarray, *, n: int, n_free: int, what: str) -> pd.Series:
    """χ², df, p, CFI, TLI, RMSEA (+ 90% CI), SRMR, GFI, logL, AIC and BIC of an ML solution.

    ``s_n`` is the sample covariance matrix divided by N, ``sigma`` the model-implied matrix in the
    same variable order, ``n_free`` the number of free parameters (means excluded).
    """
    p = s_n.shape[0]
    sign, logdet_sigma = np.linalg.slogdet(sigma)
    if sign <= 0:
        raise AnalysisError(f"{what}: the model-implied covariance matrix is not positive definite; the solution is unusable")
    _, logdet_s = np.linalg.slogdet(s_n)
    sigma_inv_s = np.linalg.solve(sigma, s_n)
    fml = logdet_sigma - logdet_s + np.trace(sigma_inv_s) - p
    chisq = n * fml
    df = p * (p + 1) // 2 - n_free
    chisq_b = n * (np.log(np.diag(s_n)).sum() - logdet_s)
    sd = np.sqrt(np.diag(s_n))
    resid = (s_n - sigma) / np.outer(sd, sd)
    srmr = float(np.sqrt(np.mean(resid[np.tril_indices(p)] ** 2)))
    off = sigma_inv_s - np.eye(p)
    gfi = 1 - np.trace(off @ off) / np.trace(sigma_inv_s @ sigma_inv_s)
    loglik = -n / 2 * (p * np.log(2 * np.pi) + logdet_sigma + np.trace(sigma_inv_s))
    return fit_series(chisq, df, chisq_b, p * (p - 1) // 2, n=n, srmr=srmr, gfi=gfi, loglik=loglik, n_free=n_free)


def fit_series(chisq: float, df: int, chisq_b: float, df_b: int, *, n: int, srmr: float, gfi: float,
               loglik: float, n_free: int, n_rmsea: int | None = None) -> pd.Series:
    """The fit Series from χ² and the baseline χ²: CFI, TLI, RMSEA (+ 90% CI; with ``n_rmsea``,
    N by default), AIC and BIC added."""
    denominator = max(chisq_b - df_b, chisq - df, 0)
    cfi = 1 - max(chisq - df, 0) / denominator if denominator > 0 else 1.0
    tli = ((chisq_b / df_b) - (chisq / df)) / ((chisq_b / df_b) - 1) if df > 0 else np.nan
    n_rmsea = n if n_rmsea is None else n_rmsea
    rmsea = np.sqrt(max(chisq - df, 0) / (df * n_rmsea)) if df > 0 else 0.0
    lo, hi = rmsea_ci(chisq, df, n_rmsea) if df > 0 else (0.0, 0.0)
    return pd.Series(
        {
            "chisq": chisq, "df": df, "p_value": float(stats.chi2.sf(chisq, df)) if df > 0 else np.nan,
            "chisq_df": chisq / df if df > 0 else np.nan, "cfi": cfi, "tli": tli, "rmsea": rmsea,
            "rmsea_ci_low": lo, "rmsea_ci_high": hi, "srmr": srmr, "gfi": gfi,
            "loglik": loglik, "aic": -2 * loglik + 2 * n_free, "bic": -2 * loglik + n_free * np.log(n),
            "chisq_baseline": chisq_b, "df_baseline": df_b, "n": n, "n_parameters": n_free,
        },
        name="fit",
    )


def ml_multigroup_fit_measures(moments: list[tuple[np.ndarray, np.ndarray]], implied: list[tuple[np.ndarray, np.ndarray]], *,
                               n: np.ndarray, n_free: int, what: str) -> pd.Series:
    """The fit measures of a multi-group ML solution with a mean structure, as lavaan computes them.

    ``moments`` holds each group's covariance matrix (divided by n_g) and means, ``implied`` the
    model's Σ_g and μ_g. χ² = Σ_g n_g·F_g (lavaan's ``likelihood = "normal"``); the baseline is the
    independence model with free means in every group (χ²_b = Σ_g n_g·(Σ log s_ii − log|S_g|),
    df_b = G·p(p − 1)/2); RMSEA = √(max(χ² − df, 0)/(df·N))·√G, its CI likewise (Steiger, 1998, as
    lavaan); SRMR is the n_g-weighted mean of each group's SRMR over the covariances and the means.
    """
    n = np.asarray(n)
    total, groups, p = int(n.sum()), len(moments), moments[0][0].shape[0]
    chisq = chisq_b = loglik = weighted_srmr = 0.0
    for (s, ybar), (sigma, mu), n_g in zip(moments, implied, n):
        sign, logdet_sigma = np.linalg.slogdet(sigma)
        if sign <= 0:
            raise AnalysisError(f"{what}: a group's model-implied covariance matrix is not positive definite; the solution is unusable")
        _, logdet_s = np.linalg.slogdet(s)
        d = ybar - mu
        inv_c = np.linalg.solve(sigma, s + np.outer(d, d))
        chisq += n_g * (logdet_sigma - logdet_s + np.trace(inv_c) - p)
        chisq_b += n_g * (np.log(np.diag(s)).sum() - logdet_s)
        loglik += -n_g / 2 * (p * np.log(2 * np.pi) + logdet_sigma + np.trace(inv_c))
        sd = np.sqrt(np.diag(s))
        resid = ((s - sigma) / np.outer(sd, sd))[np.tril_indices(p)]
        weighted_srmr += n_g * np.sqrt((np.sum(resid**2) + np.sum((d / sd) ** 2)) / (len(resid) + p))
    df = groups * (p * (p + 1) // 2 + p) - n_free
    df_b = groups * p * (p - 1) // 2
    denominator = max(chisq_b - df_b, chisq - df, 0)
    cfi = 1 - max(chisq - df, 0) / denominator if denominator > 0 else 1.0
    tli = ((chisq_b / df_b) - (chisq / df)) / ((chisq_b / df_b) - 1) if df > 0 else np.nan
    rmsea = np.sqrt(max(chisq - df, 0) / (df * total)) * np.sqrt(groups) if df > 0 else 0.0
    lo, hi = (np.sqrt(groups) * np.array(rmsea_ci(chisq, df, total))) if df > 0 else (0.0, 0.0)
    return pd.Series(
        {
            "chisq": chisq, "df": df, "p_value": float(stats.chi2.sf(chisq, df)) if df > 0 else np.nan,
            "chisq_df": chisq / df if df > 0 else np.nan, "cfi": cfi, "tli": tli, "rmsea": rmsea,
            "rmsea_ci_low": float(lo), "rmsea_ci_high": float(hi), "srmr": weighted_srmr / total,
            "loglik": loglik, "aic": -2 * loglik + 2 * n_free, "bic": -2 * loglik + n_free * np.log(total),
            "chisq_baseline": chisq_b, "df_baseline": df_b, "n": total, "n_parameters": n_free,
        },
        name="fit",
    )


def fiml_fit_measures(patterns, *, sigma: np.ndarray, mu: np.ndarray, h1_sigma: np.ndarray, h1_mu: np.ndarray,
                      loglik: float, h1_loglik: float, n_free: int) -> pd.Series:
    """The fit measures of a FIML solution, as lavaan's ``fitMeasures`` with ``missing = "fiml"``.

    χ² = 2(log L_H1 − log L_H0) against the saturated model estimated by EM; df = p(p + 3)/2 − free
    parameters (means included); the baseline model (free means and variances) in closed form
    from each variable's observed values; RMSEA with N the rows used; SRMR (Bentler, with the
    mean structure) from the residuals against the H1 moments, each standardized by the H1
    standard deviations. GFI is not defined here (NaN).
    """
    p, n = len(mu), patterns.n
    count, first, second = np.zeros(p), np.zeros(p), np.zeros(p)
    for mask, c, ybar, s in zip(patterns.masks, patterns.counts, patterns.means, patterns.covs):
        count[mask] += c
        first[mask] += c * ybar
        second[mask] += c * (np.diag(s) + ybar**2)
    var = second / count - (first / count) ** 2
    loglik_b = float(np.sum(-count / 2 * (np.log(2 * np.pi) + np.log(var) + 1)))
    chisq = 2 * (h1_loglik - loglik)
    chisq_b = 2 * (h1_loglik - loglik_b)
    sd = np.sqrt(np.diag(h1_sigma))
    resid_cov = ((h1_sigma - sigma) / np.outer(sd, sd))[np.tril_indices(p)]
    resid_mean = (h1_mu - mu) / sd
    srmr = float(np.sqrt((np.sum(resid_cov**2) + np.sum(resid_mean**2)) / (resid_cov.size + p)))
    fit = fit_series(chisq, p * (p + 3) // 2 - n_free, chisq_b, p * (p - 1) // 2, n=n, srmr=srmr, gfi=np.nan,
                      loglik=loglik, n_free=n_free)
    return pd.concat([fit, pd.Series({"loglik_h1": h1_loglik, "n_dropped": patterns.n_dropped,
                                      "missing_share": patterns.missing_share, "n_patterns": len(patterns.counts)})]).rename("fit")
