"""Full-information maximum likelihood (casewise ML with a mean structure) for ``cfa`` and ``sem``.

What lavaan does with ``missing = "fiml"``: every row with at least one observed model variable
contributes the normal log-likelihood of the values it has, under the model-implied means μ(θ) and
covariances Σ(θ) restricted to those variables. Rows are grouped by their pattern of observed
variables, and each pattern enters through its count, mean vector and covariance matrix, so the
likelihood and its analytic gradient cost one small Cholesky per pattern, not one per row.

- The model is written in RAM form (McArdle & McDonald, 1984): observed then latent variables,
  paths ``A`` (loadings and regressions), variances and covariances ``S``, intercepts ``m`` of the
  observed variables (latent means fixed at 0); Σ = F(I − A)⁻¹S(I − A)⁻ᵀFᵀ, μ = F(I − A)⁻¹m.
  Defaults are lavaan's for ``cfa``/``sem``: the first indicator of each factor has loading 1;
  every variance is free; exogenous latent variables covary, as do observed variables that only
  predict; endogenous residual covariances are free only when written (``a ~~ b``).
- Estimates minimise −2 log L by BFGS with the analytic gradient, then one Newton step on the
  numerical Hessian of the gradient. Standard errors come from the observed information (that
  Hessian), lavaan's default with missing data.
- The saturated (H1) model is estimated by EM (its log-likelihood is the χ² reference); the
  baseline (independence) model has free means and variances only, so its FIML estimates are the
  per-variable mean and variance of the values observed, in closed form.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import optimize, stats

from .._checks import check_not_singular
from ..errors import AnalysisError
from ..findings.format import fmt_num
from .fit import fiml_fit_measures
from .model_syntax import ModelSyntax

__all__ = ["MissingPatterns", "RamModel", "FIMLFit", "missing_patterns", "ram_model", "saturated_moments", "fit_fiml", "fiml_sentence"]

_LOG2PI = np.log(2 * np.pi)
EM_MAX_ITER = 10000


@dataclass(frozen=True)
class MissingPatterns:
    """Rows grouped by which variables are observed: per pattern its mask, count, mean and
    covariance (divided by the count). ``n`` rows used, ``n_dropped`` rows with nothing observed."""

    masks: tuple[np.ndarray, ...]
    counts: np.ndarray
    means: tuple[np.ndarray, ...]
    covs: tuple[np.ndarray, ...]
    n: int
    n_dropped: int
    missing_share: float
    blocks: tuple[PatternBlock, ...] = ()

    @property
    def n_variables(self) -> int:
        return len(self.masks[0])


@dataclass(frozen=True)
class PatternBlock:
    """The patterns with the same number ``k`` of observed variables, stacked for batched algebra:
    ``index`` (patterns × k) the observed variables, ``missing`` (patterns × (p − k)) the others,
    ``counts``, ``means`` (patterns × k) and ``covs`` (patterns × k × k)."""

    index: np.ndarray
    missing: np.ndarray
    counts: np.ndarray
    means: np.ndarray
    covs: np.ndarray


def _blocks(masks, counts, means, covs) -> tuple[PatternBlock, ...]:
    sizes = np.array([m.sum() for m in masks])
    out = []
    for k in np.unique(sizes):
        pick = np.flatnonzero(sizes == k)
        out.append(PatternBlock(np.array([np.flatnonzero(masks[g]) for g in pick]),
                                np.array([np.flatnonzero(~masks[g]) for g in pick]).reshape(len(pick), -1),
                                np.asarray(counts)[pick].astype(float),
                                np.array([means[g] for g in pick]), np.array([covs[g] for g in pick])))
    return tuple(out)


def _scatter(p: int, rows: np.ndarray, values: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
    """Σ of ``values`` (patterns × len × [len]) into a p-vector at ``rows``, or a p × p matrix at
    (``rows``, ``cols``): one bincount, not a Python loop over patterns."""
    if cols is None:
        return np.bincount(rows.ravel(), weights=values.ravel(), minlength=p)
    flat = rows[:, :, None] * p + cols[:, None, :]
    return np.bincount(flat.ravel(), weights=values.ravel(), minlength=p * p).reshape(p, p)


def missing_patterns(values: np.ndarray, names: list[str], *, what: str) -> MissingPatterns:
    """Group the rows of ``values`` (rows × variables, NaN = missing) by missing-data pattern.

    Rows with no observed value are dropped and counted. Raises ``AnalysisError`` naming a variable
    with no observed value, or two variables never observed together (their covariance, and with it
    the saturated model, cannot be estimated).
    """
    observed = ~np.isnan(values)
    empty = [names[j] for j in np.flatnonzero(~observed.any(axis=0))]
    if empty:
        raise AnalysisError(f"{what}: variables with no observed value: {empty}")
    keep = observed.any(axis=1)
    together = observed[keep].T.astype(np.int64) @ observed[keep].astype(np.int64)
    never = [f"{names[i]}–{names[j]}" for i in range(len(names)) for j in range(i) if together[i, j] == 0]
    if never:
        raise AnalysisError(f"{what}: variables never observed in the same row, so their covariance cannot be "
                            f"estimated and the model is not identified: {never}")
    used, obs = values[keep], observed[keep]
    keys, inverse = np.unique(obs, axis=0, return_inverse=True)
    masks, counts, means, covs = [], [], [], []
    for k, mask in enumerate(keys):
        rows = used[inverse.ravel() == k][:, mask]
        mean = rows.mean(axis=0)
        centred = rows - mean
        masks.append(mask)
        counts.append(len(rows))
        means.append(mean)
        covs.append(centred.T @ centred / len(rows))
    return MissingPatterns(tuple(masks), np.array(counts), tuple(means), tuple(covs), n=int(keep.sum()),
                           n_dropped=int((~keep).sum()), missing_share=float((~observed).mean()),
                           blocks=_blocks(masks, counts, means, covs))


def _minus2_loglik(patterns: MissingPatterns, sigma: np.ndarray, mu: np.ndarray, *, gradient: bool = False):
    """Σ over patterns of n·(log|Σ_oo| + tr(Σ_oo⁻¹W)), W = S + (ȳ − μ_o)(ȳ − μ_o)ᵀ: −2 log L without the
    constant, batched over patterns of the same size; with ``gradient`` also its derivatives with
    respect to Σ (p × p) and μ. None when some pattern's Σ_oo is not positive definite."""
    value, p = 0.0, len(mu)
    g_sigma, g_mu = np.zeros_like(sigma), np.zeros_like(mu)
    for block in patterns.blocks:
        try:
            chol = np.linalg.cholesky(sigma[block.index[:, :, None], block.index[:, None, :]])
        except np.linalg.LinAlgError:
            return None
        inv_chol = np.linalg.inv(chol)
        inv = np.swapaxes(inv_chol, 1, 2) @ inv_chol
        d = block.means - mu[block.index]
        inv_w = inv @ (block.covs + d[:, :, None] * d[:, None, :])
        n = block.counts
        logdet = 2 * np.log(np.diagonal(chol, axis1=1, axis2=2)).sum(axis=1)
        value += float(n @ (logdet + np.trace(inv_w, axis1=1, axis2=2)))
        if gradient:
            g_sigma += _scatter(p, block.index, n[:, None, None] * (inv - inv_w @ inv), block.index)
            g_mu += _scatter(p, block.index, -2 * n[:, None] * np.einsum("gij,gj->gi", inv, d))
    return (value, g_sigma, g_mu) if gradient else value


def pattern_loglik(patterns: MissingPatterns, sigma: np.ndarray, mu: np.ndarray) -> float:
    """The FIML log-likelihood of ``sigma``, ``mu``; −inf when a pattern's Σ is not positive definite."""
    value = _minus2_loglik(patterns, sigma, mu)
    if value is None:
        return -np.inf
    cells = sum(b.counts.sum() * b.index.shape[1] for b in patterns.blocks)
    return -(value + cells * _LOG2PI) / 2


def saturated_moments(patterns: MissingPatterns, *, tol: float = 1e-12, max_iter: int = 10000) -> tuple[np.ndarray, np.ndarray, int]:
    """The unrestricted (H1) means and covariances by EM (Dempster, Laird & Rubin, 1977), as lavaan's
    ``sampstat.h1``; returns (covariances, means, iterations)."""
    p, n = patterns.n_variables, patterns.n
    sums = np.zeros(p)
    counts = np.zeros(p)
    for mask, c, ybar in zip(patterns.masks, patterns.counts, patterns.means):
        sums[mask] += c * ybar
        counts[mask] += c
    mu = sums / counts
    var = np.zeros(p)
    for mask, c, ybar, s in zip(patterns.masks, patterns.counts, patterns.means, patterns.covs):
        dev = ybar - mu[mask]
        var[mask] += c * (np.diag(s) + dev**2)
    sigma = np.diag(var / counts)
    for it in range(1, max_iter + 1):
        t1, t2 = _em_sums(patterns, sigma, mu)
        new_mu = t1 / n
        new_sigma = t2 / n - np.outer(new_mu, new_mu)
        change = max(np.abs(new_mu - mu).max(), np.abs(new_sigma - sigma).max())
        mu, sigma = new_mu, new_sigma
        if change < tol:
            return sigma, mu, it
    return sigma, mu, max_iter


def _em_sums(patterns: MissingPatterns, sigma: np.ndarray, mu: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """E-step: Σ E[x] and Σ E[xxᵀ] over the rows given the observed values, batched per block."""
    p = len(mu)
    t1, t2 = np.zeros(p), np.zeros((p, p))
    for b in patterns.blocks:
        o, m, c = b.index, b.missing, b.counts
        cy = c[:, None] * b.means  # Σ x_o
        moo = c[:, None, None] * (b.covs + b.means[:, :, None] * b.means[:, None, :])  # Σ x_o x_oᵀ
        t1 += _scatter(p, o, cy)
        t2 += _scatter(p, o, moo, o)
        if not m.shape[1]:
            continue
        s_om = sigma[o[:, :, None], m[:, None, :]]
        coef = np.swapaxes(np.linalg.solve(sigma[o[:, :, None], o[:, None, :]], s_om), 1, 2)  # regression of x_m on x_o
        const = mu[m] - np.einsum("gmk,gk->gm", coef, mu[o])
        coef_cy = np.einsum("gmk,gk->gm", coef, cy)
        t1 += _scatter(p, m, c[:, None] * const + coef_cy)
        cross = const[:, :, None] * cy[:, None, :] + coef @ moo  # Σ E[x_m] x_oᵀ
        t2 += _scatter(p, m, cross, o) + _scatter(p, o, np.swapaxes(cross, 1, 2), m)
        outer = const[:, :, None] * coef_cy[:, None, :]
        mm = (c[:, None, None] * const[:, :, None] * const[:, None, :] + outer + np.swapaxes(outer, 1, 2)
              + coef @ moo @ np.swapaxes(coef, 1, 2) + c[:, None, None] * (sigma[m[:, :, None], m[:, None, :]] - coef @ s_om))
        t2 += _scatter(p, m, mm, m)
    return t1, t2


@dataclass(frozen=True)
class RamModel:
    """A model in RAM form: ``variables`` (observed first, ``n_observed`` of them), the free
    parameters as (matrix, row, column) with ``matrix`` in ``"A"``, ``"S"``, ``"m"``, their lavaan
    labels (lhs, op, rhs), and the fixed part of ``A`` (marker loadings of 1)."""

    variables: tuple[str, ...]
    n_observed: int
    free: tuple[tuple[str, int, int], ...]
    labels: tuple[tuple[str, str, str], ...]
    a_fixed: np.ndarray
    markers: tuple[tuple[str, str], ...]

    @property
    def observed(self) -> list[str]:
        return list(self.variables[: self.n_observed])

    @property
    def latent(self) -> list[str]:
        return list(self.variables[self.n_observed:])

    def matrices(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(A, S, m) at the parameter vector ``theta``."""
        size = len(self.variables)
        a, s, m = self.a_fixed.copy(), np.zeros((size, size)), np.zeros(size)
        for value, (kind, i, j) in zip(theta, self.free):
            if kind == "A":
                a[i, j] = value
            elif kind == "S":
                s[i, j] = s[j, i] = value
            else:
                m[i] = value
        return a, s, m

    def implied(self, theta: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(Σ of the observed variables, their means μ, the covariance matrix of all variables)."""
        a, s, m = self.matrices(theta)
        b = np.linalg.inv(np.eye(len(self.variables)) - a)
        full = b @ s @ b.T
        p = self.n_observed
        return full[:p, :p], (b @ m)[:p], full


def ram_model(spec: ModelSyntax, *, what: str) -> RamModel:
    """The RAM form of a model read by :func:`survey.stats.model_syntax.parse_syntax`, with lavaan's
    default free parameters. Fixed values and labels (``0*x``) are not supported here."""
    if spec.modified:
        raise AnalysisError(f"{what}: fixed values and labels ({spec.modified}) are not supported with nan_policy='fiml'")
    latent = list(spec.measurement)
    observed = spec.observed
    variables = observed + latent
    index = {v: i for i, v in enumerate(variables)}
    size = len(variables)
    a_fixed = np.zeros((size, size))
    free: list[tuple[str, int, int]] = []
    labels: list[tuple[str, str, str]] = []
    markers = []
    for f, items in spec.measurement.items():
        a_fixed[index[items[0]], index[f]] = 1.0
        markers.append((f, items[0]))
        for item in items[1:]:
            free.append(("A", index[item], index[f]))
            labels.append((f, "=~", item))
    for x, y in spec.regressions:
        free.append(("A", index[y], index[x]))
        labels.append((y, "~", x))
    declared = []
    for a, b in spec.covariances:
        if a != b:
            declared.append(tuple(sorted((index[a], index[b]), reverse=True)))
            free.append(("S", *declared[-1]))
            labels.append((a, "~~", b))
    for v in variables:
        free.append(("S", index[v], index[v]))
        labels.append((v, "~~", v))
    outcomes = {y for _, y in spec.regressions} | {i for items in spec.measurement.values() for i in items}
    exogenous_latent = [f for f in latent if f not in outcomes]
    exogenous_observed = [v for v in observed if v not in outcomes]
    for group in (exogenous_latent, exogenous_observed):
        for k, a in enumerate(group):
            for b in group[k + 1:]:
                pair = (index[b], index[a])
                if pair not in declared:
                    free.append(("S", *pair))
                    labels.append((a, "~~", b))
    for v in observed:
        free.append(("m", index[v], 0))
        labels.append((v, "~1", ""))
    return RamModel(tuple(variables), len(observed), tuple(free), tuple(labels), a_fixed, tuple(markers))


def _objective(theta: np.ndarray, model: RamModel, patterns: MissingPatterns) -> tuple[float, np.ndarray]:
    """−2 log L / N (without the constant) and its analytic gradient."""
    a, s, m = model.matrices(theta)
    size, p = len(model.variables), model.n_observed
    b = np.linalg.inv(np.eye(size) - a)
    full = b @ s @ b.T
    out = _minus2_loglik(patterns, full[:p, :p], (b @ m)[:p], gradient=True)
    if out is None:
        return np.inf, np.zeros_like(theta)
    value, g_obs, g_obs_mu = out
    g_sigma, g_mu = np.zeros((size, size)), np.zeros(size)
    g_sigma[:p, :p], g_mu[:p] = g_obs / patterns.n, g_obs_mu / patterns.n
    bt_g_b = b.T @ g_sigma @ b
    grad_a = 2 * bt_g_b @ s @ b.T + np.outer(b.T @ g_mu, b @ m)
    grad_m = b.T @ g_mu
    grad = np.empty_like(theta)
    for k, (kind, i, j) in enumerate(model.free):
        if kind == "A":
            grad[k] = grad_a[i, j]
        elif kind == "S":
            grad[k] = bt_g_b[i, i] if i == j else 2 * bt_g_b[i, j]
        else:
            grad[k] = grad_m[i]
    return value / patterns.n, grad


def _start(model: RamModel, sigma: np.ndarray, mu: np.ndarray) -> np.ndarray:
    """Starting values from the saturated moments: intercepts at the means, residual variances at
    half the variances, a factor's variance at half its marker's, loadings by covariance with the
    marker, regressions and latent covariances 0, observed predictors' covariances as observed."""
    p = model.n_observed
    marker = {model.variables.index(f): model.variables.index(i) for f, i in model.markers}
    latent_var = {f: 0.5 * sigma[i, i] if i < p else 1.0 for f, i in marker.items()}
    theta = np.zeros(len(model.free))
    for k, (kind, i, j) in enumerate(model.free):
        if kind == "m":
            theta[k] = mu[i]
        elif kind == "S" and i == j:
            theta[k] = 0.5 * sigma[i, i] if i < p else latent_var.get(i, 1.0)
        elif kind == "S" and i < p and j < p:
            theta[k] = sigma[i, j]
        elif kind == "A" and j in marker and i < p and marker[j] < p:
            theta[k] = sigma[i, marker[j]] / latent_var[j]
    return theta


def _hessian(theta: np.ndarray, model: RamModel, patterns: MissingPatterns) -> np.ndarray:
    """Hessian of −2 log L / N by central differences of the analytic gradient."""
    k = len(theta)
    h = np.empty((k, k))
    for j in range(k):
        step = 1e-5 * max(1.0, abs(theta[j]))
        e = np.zeros(k)
        e[j] = step
        h[:, j] = (_objective(theta + e, model, patterns)[1] - _objective(theta - e, model, patterns)[1]) / (2 * step)
    return (h + h.T) / 2


@dataclass(frozen=True)
class FIMLFit:
    """A FIML solution: ``estimates`` (``lhs, op, rhs, estimate, se, statistic, p_value,
    std_estimate, fixed``, lavaan's notation, ``~1`` for intercepts), ``fit``
    (:func:`survey.stats.fit.fiml_fit_measures`), the implied covariances of all variables,
    the saturated (H1) covariances and means, the patterns and whether the optimiser converged."""

    estimates: pd.DataFrame
    fit: pd.Series
    implied_all: pd.DataFrame
    h1_cov: pd.DataFrame
    h1_mean: pd.Series
    patterns: MissingPatterns
    converged: bool


def fit_fiml(data: pd.DataFrame, spec: ModelSyntax, *, what: str) -> FIMLFit:
    """Fit ``spec`` to the observed variables of ``data`` (NaN = missing) by FIML."""
    model = ram_model(spec, what=what)
    names = model.observed
    patterns = missing_patterns(data[names].to_numpy(dtype=float), names, what=what)
    h1_sigma, h1_mu, em_iterations = saturated_moments(patterns, max_iter=EM_MAX_ITER)
    h1_sd = np.sqrt(np.diag(h1_sigma))
    check_not_singular(h1_sigma / np.outer(h1_sd, h1_sd), names, what=what)
    theta0 = _start(model, h1_sigma, h1_mu)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        res = optimize.minimize(_objective, theta0, args=(model, patterns), jac=True, method="BFGS",
                                options={"gtol": 1e-10, "maxiter": 20000})
    theta = res.x
    hess = _hessian(theta, model, patterns)
    eig = np.linalg.eigvalsh(hess)
    if np.abs(eig).min() <= 1e-10 * max(np.abs(eig).max(), 1.0):
        raise AnalysisError(f"{what}: the model is not identified with these data (the information matrix is singular); "
                            "check that every factor has enough indicators observed together")
    if eig.min() > 0:  # one Newton step from the BFGS end point, kept when it does not raise the objective
        step = theta - np.linalg.solve(hess, _objective(theta, model, patterns)[1])
        if _objective(step, model, patterns)[0] <= _objective(theta, model, patterns)[0] + 1e-12:
            theta = step  # the Hessian moves by the step's size (~1e-7): the standard errors keep it
    grad = _objective(theta, model, patterns)[1]
    # the χ² needs the saturated model too: an EM that did not settle is a non-convergence
    converged = bool(np.isfinite(grad).all() and np.abs(grad).max() < 1e-6 and eig.min() > 0 and em_iterations < EM_MAX_ITER)
    n = patterns.n
    variances = np.diag(np.linalg.inv(hess * n / 2))  # inverse observed information of log L
    se = np.sqrt(np.where(variances > 0, variances, np.nan)) if converged else np.full(len(theta), np.nan)
    sigma, mu, full = model.implied(theta)
    loglik = pattern_loglik(patterns, sigma, mu)
    h1_loglik = pattern_loglik(patterns, h1_sigma, h1_mu)
    fit = fiml_fit_measures(patterns, sigma=sigma, mu=mu, h1_sigma=h1_sigma, h1_mu=h1_mu, loglik=loglik,
                            h1_loglik=h1_loglik, n_free=len(theta))
    estimates = _estimate_table(model, theta, se, full)
    return FIMLFit(
        estimates=estimates, fit=fit,
        implied_all=pd.DataFrame(full, index=list(model.variables), columns=list(model.variables)),
        h1_cov=pd.DataFrame(h1_sigma, index=names, columns=names), h1_mean=pd.Series(h1_mu, index=names),
        patterns=patterns, converged=converged,
    )


def _estimate_table(model: RamModel, theta: np.ndarray, se: np.ndarray, full: np.ndarray) -> pd.DataFrame:
    """lavaan's parameter table with ``std.all``: marker loadings first in each factor's block."""
    sd = np.sqrt(np.clip(np.diag(full), 0, None))
    a, s, _ = model.matrices(theta)
    index = {v: i for i, v in enumerate(model.variables)}
    rows = []
    for f, item in model.markers:
        rows.append(dict(lhs=f, op="=~", rhs=item, estimate=1.0, se=0.0, fixed=True))
    for value, err, (lhs, op, rhs) in zip(theta, se, model.labels):
        rows.append(dict(lhs=lhs, op=op, rhs=rhs, estimate=float(value), se=float(err), fixed=False))
    table = pd.DataFrame(rows)
    order = {f: k for k, (f, _) in enumerate(model.markers)}
    loads = table[table.op == "=~"].copy()
    loads["_f"] = loads.lhs.map(order)
    loads = loads.sort_values("_f", kind="stable").drop(columns="_f")
    table = pd.concat([loads, table[table.op != "=~"]], ignore_index=True)
    std = []
    for lhs, op, rhs, value in zip(table.lhs, table.op, table.rhs, table.estimate):
        if op == "=~":
            std.append(value * sd[index[lhs]] / sd[index[rhs]])
        elif op == "~":
            std.append(value * sd[index[rhs]] / sd[index[lhs]])
        elif op == "~1":
            std.append(value / sd[index[lhs]])
        elif lhs == rhs:
            std.append(value / full[index[lhs], index[lhs]])
        else:
            i, j = index[lhs], index[rhs]
            std.append(value / np.sqrt(s[i, i] * s[j, j]))
    table["std_estimate"] = std
    with np.errstate(divide="ignore", invalid="ignore"):
        table["statistic"] = np.where(table.fixed, np.nan, table.estimate / table.se)
    table["p_value"] = np.where(table.fixed, np.nan, 2 * stats.norm.sf(np.abs(table.statistic)))
    return table[["lhs", "op", "rhs", "estimate", "se", "statistic", "p_value", "std_estimate", "fixed"]]


def fiml_sentence(n: int, n_excluded: int, missing_share: float, *, what: str, lang: str = "en", style: str | None = None) -> str:
    """The sentence saying missing values were handled by FIML: the share of cells missing, the rows
    used and those excluded because every ``what`` (``"item"``, ``"variable"``) was missing."""
    style = style or ("gb" if lang == "zh" else "apa")
    share = fmt_num(100 * missing_share, digits=1, style=style)
    if lang == "zh":
        noun = "条目" if what == "item" else "变量"
        return (f"缺失值（占{noun}数据的{share}%）采用全信息最大似然法（FIML）处理，纳入至少回答一个{noun}的{n}名被试"
                + (f"，{n_excluded}名全部{noun}缺失的被试未纳入。" if n_excluded else "。"))
    return (f"Missing values ({share}% of the {what} cells) were handled by full-information maximum likelihood (FIML), "
            f"using all {n} respondents with at least one {what} answered"
            + (f"; {n_excluded} with every {what} missing were excluded." if n_excluded else "."))
