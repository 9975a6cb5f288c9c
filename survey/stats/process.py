"""Conditional process models in Hayes' PROCESS numbering: 4 (parallel mediators), 6 (serial
mediators), 7, 8, 14, 58 and 59 (moderated mediation by one moderator W).

Every equation is an OLS regression (one per mediator, one for Y; covariates enter all of them),
so the point estimates equal the maximum-likelihood estimates of the same path model in lavaan.
Indirect effects are products of paths; under moderation they are conditional on W:

========  ==========================================  ======================================
model     moderated paths                             conditional indirect effect via M_i
========  ==========================================  ======================================
4, 6      none                                        a_i·b_i (model 6: every serial chain)
7         X → M                                       (a1_i + a3_i·w)·b_i
8         X → M and X → Y                             (a1_i + a3_i·w)·b_i
14        M → Y                                       a_i·(b1_i + b3_i·w)
58        X → M and M → Y                             (a1_i + a3_i·w)·(b1_i + b3_i·w)
59        X → M, M → Y and X → Y                      (a1_i + a3_i·w)·(b1_i + b3_i·w)
========  ==========================================  ======================================

The index of moderated mediation (Hayes 2015) is the slope of a conditional indirect effect that
is linear in W: a3·b (models 7 and 8) or a·b3 (model 14). In models 58 and 59 the indirect effect
is quadratic in W and there is no single index; the conditional effects at the probe values and
their pairwise contrasts (with bootstrap CIs) are reported instead.

Uncertainty of the indirect effects is a percentile bootstrap: respondents are resampled once per
replicate (``numpy.random.default_rng(seed)``) and every equation is solved on that resample, all
replicates at once through the draw counts; the same seed gives the same intervals exactly.
Conditional direct effects and the moderated paths have t-based standard errors and
Johnson–Neyman regions of significance (in the moderator's original units).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import pandas as pd
from scipy import stats

from .._bootstrap import percentile_ci, report_failures
from .._checks import check_ci_level, check_not_singular
from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_ci, fmt_num, fmt_p
from .ols import INTERCEPT, ols
from ._diffutil import label, lang_style, numeric

__all__ = ["MODELS", "ProcessResult", "johnson_neyman", "process"]

MODELS = (4, 6, 7, 8, 14, 58, 59)
_FIRST_STAGE = {7, 8, 58, 59}  # W moderates X → M
_SECOND_STAGE = {14, 58, 59}  # W moderates M → Y
_DIRECT = {8, 59}  # W moderates X → Y
_LINEAR_INDEX = {7: "a3*b", 8: "a3*b", 14: "a*b3"}
_COLUMNS = ["estimate", "se", "statistic", "p_value", "ci_low", "ci_high"]
ARROW = " → "


def _product(a: str, b: str) -> str:
    return f"{a}:{b}"


def equations(model: int, x: str, m: Sequence[str], w: str | None, covariates: Sequence[str]) -> dict[str, list[str]]:
    """The predictors of each outcome (mediators first, Y last) in PROCESS's order."""
    eqs: dict[str, list[str]] = {}
    for i, mi in enumerate(m):
        terms = [x]
        if model == 6:
            terms += list(m[:i])
        if model in _FIRST_STAGE:
            terms += [w, _product(x, w)]
        eqs[mi] = [*terms, *covariates]
    terms = [x, *m]
    if model in _DIRECT | _SECOND_STAGE:
        terms.append(w)
    if model in _DIRECT:
        terms.append(_product(x, w))
    if model in _SECOND_STAGE:
        terms += [_product(mi, w) for mi in m]
    eqs["__y__"] = [*terms, *covariates]
    return eqs


def johnson_neyman(b1: float, b3: float, v11: float, v13: float, v33: float, df: float, *, sig_level: float, shift: float, w_range: tuple[float, float]):
    """Johnson–Neyman points and regions of the conditional effect b1 + b3·(w − shift).

    Solves (b1 + b3·u)² = t²·(v11 + 2u·v13 + u²·v33) for u; returns the points (original units)
    and the intervals of the observed range ``w_range`` where the effect is significant."""
    tc = stats.t.ppf(1 - sig_level / 2, df)
    qa, qb, qc = b3**2 - tc**2 * v33, 2 * (b1 * b3 - tc**2 * v13), b1**2 - tc**2 * v11
    disc = qb**2 - 4 * qa * qc
    points: tuple[float, ...] = ()
    if abs(qa) > 1e-15 and disc >= 0:
        r = sorted(((-qb - np.sqrt(disc)) / (2 * qa), (-qb + np.sqrt(disc)) / (2 * qa)))
        points = tuple(float(p + shift) for p in r)
    lo_w, hi_w = w_range
    cuts = sorted({lo_w, hi_w, *[p for p in points if lo_w < p < hi_w]})
    regions: list[tuple[float, float]] = []
    for a_, c_ in zip(cuts[:-1], cuts[1:]):
        mid = (a_ + c_) / 2 - shift
        se = np.sqrt(v11 + 2 * mid * v13 + mid**2 * v33)
        if abs((b1 + b3 * mid) / se) > tc:
            if regions and abs(regions[-1][1] - a_) < 1e-12:
                regions[-1] = (regions[-1][0], float(c_))
            else:
                regions.append((float(a_), float(c_)))
    return points, tuple(regions)


@dataclass(frozen=True)
class _Fit:
    coef: pd.DataFrame  # (outcome, term) → estimate … ci_high
    cov: dict[str, pd.DataFrame]
    df: dict[str, float]
    summary: pd.DataFrame


def _ols_equations(frame: pd.DataFrame, eqs: Mapping[str, list[str]], y: str, ci_level: float) -> _Fit:
    rows, cov, dfs, summ = [], {}, {}, []
    for out, terms in eqs.items():
        target = y if out == "__y__" else out
        fit = ols(frame[terms].to_numpy(), frame[target].to_numpy(), terms, what=f"process: the equation of {target}")
        table = fit.table(ci_level)
        rows.append(table.reset_index().assign(outcome=target))
        cov[target] = pd.DataFrame(fit.cov, index=list(fit.names), columns=list(fit.names))
        dfs[target] = float(fit.df_resid)
        summ.append({"outcome": target, "r2": fit.r2, "f": fit.f, "df1": float(fit.df_model), "df2": float(fit.df_resid), "p_value": fit.f_p_value, "n": fit.n})
    coef = pd.concat(rows, ignore_index=True).set_index(["outcome", "term"])
    return _Fit(coef, cov, dfs, pd.DataFrame(summ).set_index("outcome"))


def _boot_coefficients(z: np.ndarray, cols: Sequence[str], eqs: Mapping[str, list[str]], outcomes: Mapping[str, str], n_boot: int, seed: int) -> tuple[np.ndarray, list[tuple[str, str]]]:
    """Coefficients of every equation on each bootstrap resample (n_boot × all coefficients).

    Resample b draws ``rng.integers(0, n, n)`` rows; its cross-products are the draw counts times
    the rows' products, so one matrix product gives every replicate's normal equations. A resample
    in which a predictor is constant (or an equation is singular) gives NaN."""
    n, q = z.shape
    pos = {c: i for i, c in enumerate(cols)}
    iu, ju = np.triu_indices(q)
    products = z[:, iu] * z[:, ju]
    rng = np.random.default_rng(int(seed))
    idx = rng.integers(0, n, size=(n_boot, n))
    names = [(outcomes[o], t) for o, terms in eqs.items() for t in [INTERCEPT, *terms]]
    out = np.empty((n_boot, len(names)))
    chunk = max(1, int(4e6 // max(n, q * q)))
    for s in range(0, n_boot, chunk):
        b = min(chunk, n_boot - s)
        counts = np.bincount((idx[s : s + b] + (np.arange(b) * n)[:, None]).ravel(), minlength=b * n).reshape(b, n).astype(float)
        sums = counts @ products
        cross = np.empty((b, q, q))
        cross[:, iu, ju] = sums
        cross[:, ju, iu] = sums
        mean = cross[:, 0, :] / n
        var = np.diagonal(cross, axis1=1, axis2=2) / n - mean**2
        scale = np.maximum(1.0, np.abs(z).max(axis=0)) ** 2
        degenerate = (var[:, 1:] <= 1e-10 * scale[1:]).any(axis=1)
        col = 0
        for o, terms in eqs.items():
            xi = [0, *(pos[t] for t in terms)]
            xtx = cross[:, xi][:, :, xi]
            xty = cross[:, xi, pos[outcomes[o]]]
            k = len(xi)
            with np.errstate(all="ignore"):
                try:
                    beta = np.linalg.solve(xtx, xty[..., None])[..., 0]
                except np.linalg.LinAlgError:
                    beta = np.full((b, k), np.nan)
                    for r in range(b):
                        try:
                            beta[r] = np.linalg.solve(xtx[r], xty[r])
                        except np.linalg.LinAlgError:
                            pass
            beta[degenerate] = np.nan
            out[s : s + b, col : col + k] = beta
            col += k
    return out, names


@dataclass(frozen=True)
class ProcessResult(Result):
    """A PROCESS model.

    ``coefficients``: every equation's paths, indexed by (outcome, term), with estimate, se,
    statistic (t), p_value, ci_low, ci_high; ``equations``: R², F, df and p of each equation.
    ``direct``: the direct effect of X on Y (one row, or one per probe value ``w_value`` in models 8
    and 59) with t-based se and CI; ``total``: the total effect (models 4 and 6), else None.
    ``indirect``: each indirect path (``path``, ``mediators``; ``w_value`` for conditional ones)
    with estimate, boot_se, ci_low, ci_high (percentile bootstrap); models 4 and 6 add the total
    indirect effect. ``index``: the index of moderated mediation per mediator with its bootstrap CI
    (models 7, 8 and 14), else None; ``contrasts``: differences between the conditional indirect
    effects at the probe values (moderated models). ``conditional_paths``: the moderated paths at
    the probe values (t-based); ``jn_points`` and ``jn_regions``: Johnson–Neyman points and the
    intervals of W (original units, within the observed range) where each moderated path is
    significant. ``boot``: the bootstrap coefficient draws (one row per resample, NaN where a
    resample was degenerate), kept for plots of effects across W.
    """

    model: int
    x: str
    m: tuple[str, ...]
    y: str
    w: str | None
    covariates: tuple[str, ...]
    centered: bool
    w_probe: str
    coefficients: pd.DataFrame
    equations: pd.DataFrame
    direct: pd.DataFrame
    total: pd.DataFrame | None
    indirect: pd.DataFrame
    index: pd.DataFrame | None
    contrasts: pd.DataFrame | None
    conditional_paths: pd.DataFrame | None
    jn_points: pd.DataFrame | None
    jn_regions: pd.DataFrame | None
    boot: pd.DataFrame
    w_mean: float | None
    w_range: tuple[float, float] | None
    n_boot: int
    n_boot_failed: int
    seed: int
    n: int
    n_excluded: int
    ci_level: float
    sig_level: float
    labels: Mapping[str, str] | None = None

    def to_frame(self) -> pd.DataFrame:
        """All effects in one long table: paths, direct, total, indirect and index rows."""
        parts = [self.coefficients.reset_index().assign(effect="path")]
        parts.append(self.direct.assign(effect="direct"))
        if self.total is not None:
            parts.append(self.total.assign(effect="total"))
        parts.append(self.indirect.rename(columns={"boot_se": "se"}).assign(effect="indirect"))
        if self.index is not None:
            parts.append(self.index.rename(columns={"boot_se": "se"}).assign(effect="index"))
        if self.contrasts is not None:
            parts.append(self.contrasts.rename(columns={"boot_se": "se"}).assign(effect="contrast"))
        frame = pd.concat(parts, ignore_index=True)
        first = ["effect", "outcome", "term", "path", "mediators", "w_value"]
        return frame[[c for c in first if c in frame.columns] + [c for c in frame.columns if c not in first]]

    def _significant(self, row) -> bool:
        return bool(row["ci_low"] > 0 or row["ci_high"] < 0)

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        lab = lambda v: label(self.labels, v)  # noqa: E731
        x, y, w = lab(self.x), lab(self.y), (lab(self.w) if self.w else "")

        def num(v):
            return fmt_num(v, style=style, digits=3)

        def ci(row):
            if lang == "en":
                return fmt_ci(row["ci_low"], row["ci_high"], style=style, ci_level=self.ci_level, digits=3)
            return f"{round(self.ci_level * 100):g}%置信区间[{num(row['ci_low'])}, {num(row['ci_high'])}]"

        def via(row):
            return ("→" if lang == "zh" else " and then ").join(lab(v) for v in row["mediators"].split(ARROW))

        boot = f"{self.n_boot} bootstrap resamples, seed {self.seed}" if lang == "en" else f"Bootstrap {self.n_boot}次重复抽样，种子{self.seed}"
        out = [f"PROCESS model {self.model} ({boot})." if lang == "en" else f"采用PROCESS模型{self.model}进行检验（{boot}）。"]
        if self.w is None:
            for _, row in self.indirect.iterrows():
                sig = self._significant(row)
                if row["path"] == "total":
                    out.append(
                        f"The total indirect effect was {'significant' if sig else 'not significant'}, Σab = {num(row['estimate'])}, {ci(row)}."
                        if lang == "en"
                        else f"总间接效应{'显著' if sig else '不显著'}，效应值为{num(row['estimate'])}，{ci(row)}{'不包含0' if sig else '包含0'}。"
                    )
                    continue
                out.append(
                    f"The indirect effect of {x} on {y} through {via(row)} was {'significant' if sig else 'not significant'}, ab = {num(row['estimate'])}, {ci(row)}."
                    if lang == "en"
                    else f"{via(row)}在{x}与{y}之间的{'链式' if ARROW in row['mediators'] else ''}中介效应{'显著' if sig else '不显著'}，间接效应为{num(row['estimate'])}，{ci(row)}{'不包含0' if sig else '包含0'}。"
                )
        else:
            if self.index is not None:
                for mi, row in self.index.iterrows():
                    sig = self._significant(row)
                    out.append(
                        f"The index of moderated mediation through {lab(mi)} was {num(row['estimate'])}, {ci(row)}: {w} {'moderated' if sig else 'did not significantly moderate'} the indirect effect."
                        if lang == "en"
                        else f"经由{lab(mi)}的有调节的中介效应指数为{num(row['estimate'])}，{ci(row)}{'不包含0，' + w + '调节了该中介效应' if sig else '包含0，' + w + '的调节作用不显著'}。"
                    )
            for mi in self.m:
                rows = self.indirect[self.indirect["mediators"] == mi]
                parts = []
                for _, row in rows.iterrows():
                    sig = self._significant(row)
                    if lang == "en":
                        parts.append(f"at {w} = {num(row['w_value'])}: {num(row['estimate'])}, {ci(row)}{'' if sig else ' (n.s.)'}")
                    else:
                        parts.append(f"{w} = {num(row['w_value'])}时间接效应为{num(row['estimate'])}，{ci(row)}{'不包含0' if sig else '包含0'}")
                out.append(
                    f"Conditional indirect effects of {x} on {y} through {lab(mi)}: " + "; ".join(parts) + "."
                    if lang == "en"
                    else f"{lab(mi)}的条件间接效应：" + "；".join(parts) + "。"
                )
        d = self.direct
        if len(d) > 1:
            if lang == "en":
                parts = [f"at {w} = {num(r['w_value'])}: {num(r['estimate'])}, {fmt_p(r['p_value'], style=style)}" for _, r in d.iterrows()]
                out.append(f"Conditional direct effects of {x} on {y}: " + "; ".join(parts) + ".")
            else:
                parts = [f"{w} = {num(r['w_value'])}时为{num(r['estimate'])}（{fmt_p(r['p_value'], style=style)}）" for _, r in d.iterrows()]
                out.append(f"{x}对{y}的条件直接效应：" + "；".join(parts) + "。")
        else:
            row = d.iloc[0]
            sig = row["p_value"] < self.sig_level
            out.append(
                f"The direct effect of {x} on {y} was {'significant' if sig else 'not significant'}, c′ = {num(row['estimate'])}, {fmt_p(row['p_value'], style=style)}."
                if lang == "en"
                else f"{x}对{y}的直接效应{'显著' if sig else '不显著'}（c′ = {num(row['estimate'])}，{fmt_p(row['p_value'], style=style)}）。"
            )
        return out

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.process import plot_conditional_indirect

        return plot_conditional_indirect(self, ax=ax, lang=lang)

    def conditional_indirect(self, w_values: Sequence[float]) -> pd.DataFrame:
        """Conditional indirect effect of each mediator at arbitrary W values (original units), with
        the percentile CI from the stored bootstrap draws."""
        if self.w is None:
            raise AnalysisError(f"PROCESS model {self.model} has no moderator: its indirect effects are not conditional")
        est = self.coefficients["estimate"]
        values = np.asarray(list(w_values), dtype=float)
        u = values - (self.w_mean if self.centered else 0.0)
        rows = []
        for mi in self.m:
            point = _indirect_at(self.model, est.to_dict(), self.x, mi, self.y, self.w, u)
            draws = _indirect_at(self.model, {k: self.boot[k].to_numpy()[:, None] for k in self.boot.columns}, self.x, mi, self.y, self.w, u)
            lo, hi, se = _percentile(draws, self.ci_level)
            rows += [{"mediators": mi, "w_value": v, "estimate": p, "boot_se": s, "ci_low": a, "ci_high": c} for v, p, s, a, c in zip(values, point, se, lo, hi)]
        return pd.DataFrame(rows)


def _path(coef, outcome: str, term: str, u=None, w: str | None = None):
    """A path's estimate; with ``u`` and ``w``: its conditional value at W = u (centred metric)."""
    base = coef[(outcome, term)]
    if u is None or (outcome, _product(term, w)) not in coef:
        return base
    return base + coef[(outcome, _product(term, w))] * u


def _indirect_at(model: int, coef, x: str, mi: str, y: str, w: str, u):
    a = _path(coef, mi, x, u if model in _FIRST_STAGE else None, w)
    b = _path(coef, y, mi, u if model in _SECOND_STAGE else None, w)
    return a * b


def _percentile(draws: np.ndarray, ci_level: float):
    """Percentile interval and bootstrap se over axis 0, ignoring degenerate (NaN) resamples."""
    lo, hi = percentile_ci(draws, ci_level)
    return lo, hi, np.nanstd(draws, axis=0, ddof=1)


def _serial_chains(m: Sequence[str]) -> list[tuple[str, ...]]:
    return [c for k in range(1, len(m) + 1) for c in combinations(m, k)]


def _chain_effect(coef, x: str, chain: Sequence[str], y: str):
    eff = coef[(chain[0], x)]
    for a, b in zip(chain[:-1], chain[1:]):
        eff = eff * coef[(b, a)]
    return eff * coef[(y, chain[-1])]


def _probe_values(wv: np.ndarray, w_values) -> tuple[np.ndarray, str]:
    distinct = np.unique(wv)
    if isinstance(w_values, str):
        if w_values == "percentiles":
            if len(distinct) == 2:
                return distinct, "the two values of a dichotomous moderator"
            return np.percentile(wv, [16, 50, 84]), "16th, 50th and 84th percentiles"
        if w_values == "mean_sd":
            mu, sd = wv.mean(), wv.std(ddof=1)
            return np.array([mu - sd, mu, mu + sd]), "mean − 1 SD, mean, mean + 1 SD"
        raise AnalysisError(f"w_values must be 'percentiles', 'mean_sd' or a list of numbers, got {w_values!r}")
    try:
        vals = np.asarray(list(w_values), dtype=float)
    except (TypeError, ValueError):
        raise AnalysisError(f"w_values must be 'percentiles', 'mean_sd' or a list of numbers, got {w_values!r}") from None
    if vals.size == 0 or not np.isfinite(vals).all():
        raise AnalysisError(f"w_values must be finite numbers, got {w_values!r}")
    return vals, "chosen values"


def _check_roles(model, x, m, y, w, covariates, what):
    if model not in MODELS:
        raise AnalysisError(f"{what}: unknown PROCESS model {model!r}; supported models are {list(MODELS)}")
    ms = [m] if isinstance(m, str) else list(m or [])
    if not ms:
        raise AnalysisError(f"{what}: at least one mediator m is needed")
    if model == 6 and not 2 <= len(ms) <= 4:
        raise AnalysisError(f"{what}: model 6 (serial mediation) takes 2 to 4 mediators in causal order, got {len(ms)} (one mediator: use model 4)")
    needs_w = model in _FIRST_STAGE | _SECOND_STAGE | _DIRECT
    if needs_w and w is None:
        raise AnalysisError(f"{what}: model {model} is moderated mediation and needs a moderator w")
    if not needs_w and w is not None:
        raise AnalysisError(f"{what}: model {model} has no moderator; drop w={w!r} or choose a moderated model (7, 8, 14, 58, 59)")
    covs = [covariates] if isinstance(covariates, str) else list(covariates or [])
    roles = [x, *ms, y, *([w] if w is not None else []), *covs]
    dup = sorted({str(v) for v in roles if roles.count(v) > 1})
    if dup:
        raise AnalysisError(f"{what}: the same column plays two roles: {dup}")
    return ms, covs


def process(
    data: pd.DataFrame,
    *,
    model: int,
    x: str,
    m: Sequence[str] | str,
    y: str,
    w: str | None = None,
    covariates: Sequence[str] | None = None,
    center: bool = False,
    w_values: str | Sequence[float] = "percentiles",
    n_boot: int = 5000,
    seed: int = 0,
    ci_level: float = 0.95,
    sig_level: float = 0.05,
    labels: Mapping[str, str] | None = None,
) -> ProcessResult:
    """Fit a PROCESS model (4, 6, 7, 8, 14, 58, 59) with a seeded percentile bootstrap.

    Parameters
    ----------
    model : PROCESS model number.
    x, m, y, w : focal predictor, mediators (in causal order for model 6), outcome, moderator.
    covariates : entered in every equation.
    center : mean-centre the variables that form products (X, W, and the mediators in models 14,
        58, 59) before fitting, as PROCESS's ``center=1``; conditional effects do not change.
    w_values : probe values of W: ``"percentiles"`` (16th, 50th, 84th; a dichotomous W's two
        values), ``"mean_sd"`` (mean ± 1 SD) or a list, in W's original units.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(3)
    >>> n = 300
    >>> d = pd.DataFrame({"x": rng.normal(size=n), "w": rng.normal(size=n)})
    >>> d["m"] = 0.5 * d.x + 0.5 * d.x * d.w + rng.normal(size=n)
    >>> d["y"] = 0.4 * d.m + 0.1 * d.x + rng.normal(size=n)
    >>> res = process(d, model=7, x="x", m=["m"], y="y", w="w", n_boot=1000, seed=1)
    >>> list(res.indirect["w_value"].round(2)) == list(np.percentile(d.w, [16, 50, 84]).round(2))
    True
    >>> bool(res.index.loc["m", "ci_low"] > 0)
    True
    """
    return fit_process(
        data, what=f"process(model={model!r})", model=model, x=x, m=m, y=y, w=w, covariates=covariates, center=center,
        w_values=w_values, n_boot=n_boot, seed=seed, ci_level=ci_level, sig_level=sig_level, labels=labels,
    )  # fmt: skip


def fit_process(data: pd.DataFrame, *, what: str, model: int, x, m, y, w, covariates, center, w_values, n_boot, seed, ci_level, sig_level, labels) -> ProcessResult:
    """The body of :func:`process`; ``what`` names the calling function in error messages."""
    ms, covs = _check_roles(model, x, m, y, w, covariates, what)
    ci_level = check_ci_level(ci_level)
    if not 0 < float(sig_level) < 1:
        raise AnalysisError(f"{what}: sig_level must be strictly between 0 and 1, got {sig_level!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, (int, np.integer)) or n_boot < 100:
        raise AnalysisError(f"{what}: n_boot must be an integer ≥ 100 (5000 recommended), got {n_boot!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise AnalysisError(f"{what}: seed must be an integer, got {seed!r}")
    eqs = equations(model, x, ms, w, covs)
    n_coef = max(len(t) for t in eqs.values()) + 1
    raw = [x, *ms, y, *([w] if w else []), *covs]
    frame, n_excluded = numeric(data, raw, what=what, min_rows=n_coef + 2)
    wv = frame[w].to_numpy(copy=True) if w else None  # original units, before any centring
    centred = [x, w, *(ms if model in _SECOND_STAGE else [])] if center and w else []
    means = frame[centred].mean()
    frame = frame.assign(**{c: frame[c] - means[c] for c in centred})
    products = sorted({t for terms in eqs.values() for t in terms if ":" in t})
    for t in products:
        a, b = t.split(":")
        frame[t] = frame[a] * frame[b]
    for out, terms in eqs.items():
        check_not_singular(np.corrcoef(frame[terms].to_numpy(), rowvar=False).reshape(len(terms), len(terms)), terms, what=f"{what}: predictors of {y if out == '__y__' else out}")
    fit = _ols_equations(frame, eqs, y, ci_level)
    outcomes = {o: (y if o == "__y__" else o) for o in eqs}
    cols = [INTERCEPT, *raw, *products]
    z = np.column_stack([np.ones(len(frame)), frame[cols[1:]].to_numpy()])
    draws, names = _boot_coefficients(z, cols, eqs, outcomes, int(n_boot), int(seed))
    failed = int(np.isnan(draws).any(axis=1).sum())
    report_failures(failed, int(n_boot), what=what, why="a variable constant in the resample: too few distinct cases")
    boot = pd.DataFrame(draws, columns=pd.MultiIndex.from_tuples(names, names=["outcome", "term"]))
    est = fit.coef["estimate"].to_dict()
    bd = {k: boot[k].to_numpy() for k in boot.columns}
    probe, probe_name = _probe_values(wv, w_values) if w else (None, "")
    shift = float(means[w]) if (w and center) else 0.0
    u = probe - shift if w else None

    def effect_row(point, draw, **keys):
        lo, hi, se = _percentile(draw[:, None], ci_level)
        return {**keys, "estimate": float(point), "boot_se": float(se[0]), "ci_low": float(lo[0]), "ci_high": float(hi[0])}

    ind_rows, index_rows, contrast_rows = [], [], []
    if w is None:
        chains = _serial_chains(ms) if model == 6 else [(mi,) for mi in ms]
        tot_p, tot_d = 0.0, 0.0
        for ch in chains:
            p, d = _chain_effect(est, x, ch, y), _chain_effect(bd, x, ch, y)
            tot_p, tot_d = tot_p + p, tot_d + d
            ind_rows.append(effect_row(p, d, path=ARROW.join([x, *ch, y]), mediators=ARROW.join(ch)))
        if len(chains) > 1:
            ind_rows.append(effect_row(tot_p, tot_d, path="total", mediators=ARROW.join(ms)))
    else:
        for mi in ms:
            p = _indirect_at(model, est, x, mi, y, w, u)
            d = _indirect_at(model, {k: v[:, None] for k, v in bd.items()}, x, mi, y, w, u[None, :])
            for j, v in enumerate(probe):
                ind_rows.append(effect_row(p[j], d[:, j], path=ARROW.join([x, mi, y]), mediators=mi, w_value=float(v)))
            for i, j in combinations(range(len(probe)), 2):
                contrast_rows.append(effect_row(p[j] - p[i], d[:, j] - d[:, i], mediators=mi, w_value=float(probe[j]), w_reference=float(probe[i])))
            if model in _LINEAR_INDEX:
                if model == 14:
                    ip, idr = est[(mi, x)] * est[(y, _product(mi, w))], bd[(mi, x)] * bd[(y, _product(mi, w))]
                else:
                    ip, idr = est[(mi, _product(x, w))] * est[(y, mi)], bd[(mi, _product(x, w))] * bd[(y, mi)]
                index_rows.append(effect_row(ip, idr, mediators=mi))
    indirect = pd.DataFrame(ind_rows)
    index = pd.DataFrame(index_rows).set_index("mediators") if index_rows else None
    contrasts = pd.DataFrame(contrast_rows) if contrast_rows else None

    # direct (possibly conditional) and total effects, t-based
    c = fit.coef
    if model in _DIRECT:
        direct = _conditional_path(fit, y, x, w, probe, u, ci_level)
    else:
        direct = c.loc[[(y, x)], _COLUMNS].reset_index()
    total = None
    if w is None:
        tfit = _ols_equations(frame, {"__y__": [x, *covs]}, y, ci_level)
        total = tfit.coef.loc[[(y, x)], _COLUMNS].reset_index()

    cond, jn_p, jn_r = None, None, None
    if w:
        moderated = [(mi, x) for mi in ms if model in _FIRST_STAGE] + [(y, mi) for mi in ms if model in _SECOND_STAGE] + ([(y, x)] if model in _DIRECT else [])
        cond = pd.concat([_conditional_path(fit, o, f, w, probe, u, ci_level) for o, f in moderated], ignore_index=True)
        pts, regs = [], []
        w_range = (float(wv.min()), float(wv.max()))
        for o, f in moderated:
            v = fit.cov[o]
            fw = _product(f, w)
            points, regions = johnson_neyman(est[(o, f)], est[(o, fw)], v.loc[f, f], v.loc[f, fw], v.loc[fw, fw], fit.df[o], sig_level=sig_level, shift=shift, w_range=w_range)
            pts += [{"outcome": o, "term": f, "w_value": p, "in_range": bool(w_range[0] <= p <= w_range[1])} for p in points]
            regs += [{"outcome": o, "term": f, "w_low": a, "w_high": b} for a, b in regions]
        jn_p = pd.DataFrame(pts, columns=["outcome", "term", "w_value", "in_range"])
        jn_r = pd.DataFrame(regs, columns=["outcome", "term", "w_low", "w_high"])
    return ProcessResult(
        model=int(model), x=x, m=tuple(ms), y=y, w=w, covariates=tuple(covs), centered=bool(center and w), w_probe=probe_name,
        coefficients=fit.coef, equations=fit.summary, direct=direct, total=total, indirect=indirect, index=index,
        contrasts=contrasts, conditional_paths=cond, jn_points=jn_p, jn_regions=jn_r, boot=boot,
        w_mean=float(wv.mean()) if w else None, w_range=(float(wv.min()), float(wv.max())) if w else None, n_boot=int(n_boot), n_boot_failed=failed, seed=int(seed),
        n=len(frame), n_excluded=n_excluded, ci_level=ci_level, sig_level=float(sig_level), labels=labels,
    )  # fmt: skip


def _conditional_path(fit: _Fit, outcome: str, focal: str, w: str, probe: np.ndarray, u: np.ndarray, ci_level: float) -> pd.DataFrame:
    """The effect of ``focal`` on ``outcome`` at each probe value of W, with t-based se and CI."""
    fw = _product(focal, w)
    b1, b3 = fit.coef.loc[(outcome, focal), "estimate"], fit.coef.loc[(outcome, fw), "estimate"]
    v = fit.cov[outcome]
    est = b1 + b3 * u
    se = np.sqrt(v.loc[focal, focal] + 2 * u * v.loc[focal, fw] + u**2 * v.loc[fw, fw])
    df = fit.df[outcome]
    t = est / se
    tq = stats.t.ppf(0.5 + ci_level / 2, df)
    return pd.DataFrame(
        {"outcome": outcome, "term": focal, "w_value": probe, "estimate": est, "se": se, "statistic": t, "p_value": 2 * stats.t.sf(np.abs(t), df), "ci_low": est - tq * se, "ci_high": est + tq * se}
    )
