"""PLS path modelling (Wold/Lohmöller; the plspm algorithm), mode A, with bootstrap standard errors.

The model is written in lavaan-style syntax: ``LV =~ item1 + item2`` for measurement blocks and
``LV ~ LV1 + LV2`` for structural paths. Every step depends on the data only through the
covariance matrix of the manifest variables, which keeps the fit and each bootstrap resample cheap.
No maintained Python PLS-PM library covers mode A with the three inner schemes, bootstrap and the
quality criteria together (plspm-python has no bootstrap), so the algorithm is implemented here
and checked against R plspm's published results and an independent R implementation.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._bootstrap import percentile_ci, report_failures
from .._checks import check_ci_level, check_n_boot, numeric_frame
from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_num
from ..stats.cfa import htmt
from ..stats.model_syntax import parse_syntax

__all__ = ["PLSResult", "parse_pls_model", "pls_path"]

SCHEMES = ("centroid", "factorial", "path")


def parse_pls_model(model: str) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """Measurement blocks and structural paths ``(from, to)`` of a PLS path model (lavaan-style
    syntax, read by :func:`survey.stats.model_syntax.parse_syntax`).

    >>> parse_pls_model("SAT =~ s1 + s2\\nLOY =~ l1 + l2\\nLOY ~ SAT")
    ({'SAT': ['s1', 's2'], 'LOY': ['l1', 'l2']}, [('SAT', 'LOY')])
    """
    spec = parse_syntax(model, what="pls_path")
    if spec.covariances:
        raise AnalysisError("pls_path: '~~' (covariances) has no meaning in PLS path modelling")
    blocks, paths = spec.measurement, spec.regressions
    if not blocks:
        raise AnalysisError("pls_path: no measurement block ('LV =~ item + item')")
    items = [i for b in blocks.values() for i in b]
    dup = sorted({i for i in items if items.count(i) > 1})
    if dup:
        raise AnalysisError(f"pls_path: items used in more than one block: {dup}")
    unknown = sorted({v for p in paths for v in p if v not in blocks})
    if unknown:
        raise AnalysisError(f"pls_path: structural paths name variables without a measurement block: {unknown}")
    if len(set(paths)) != len(paths):
        raise AnalysisError("pls_path: a structural path is listed twice")
    lvs = list(blocks)
    adj = np.zeros((len(lvs), len(lvs)), dtype=bool)
    for f, t in paths:
        adj[lvs.index(t), lvs.index(f)] = True
    if _has_cycle(adj):
        raise AnalysisError("pls_path: the structural model has a cycle (PLS path models must be recursive)")
    return blocks, paths


def _has_cycle(adj: np.ndarray) -> bool:
    remaining = set(range(len(adj)))
    while remaining:
        free = [k for k in remaining if not any(adj[k, j] for j in remaining)]
        if not free:
            return True
        remaining -= set(free)
    return False


@dataclass(frozen=True)
class _Spec:
    lvs: list[str]
    items: list[str]
    block_of: np.ndarray  # block index of each item
    pred: np.ndarray  # pred[i, j] = LV j -> LV i


def _spec(blocks, paths) -> _Spec:
    lvs = list(blocks)
    items = [i for b in blocks.values() for i in b]
    block_of = np.array([lvs.index(lv) for lv, b in blocks.items() for _ in b])
    pred = np.zeros((len(lvs), len(lvs)), dtype=bool)
    for f, t in paths:
        pred[lvs.index(t), lvs.index(f)] = True
    return _Spec(lvs, items, block_of, pred)


def _standardize(w: np.ndarray, s: np.ndarray) -> np.ndarray:
    var = np.einsum("ij,ik,kj->j", w, s, w)
    if np.any(var <= 0):
        raise AnalysisError("pls_path: a latent variable has zero variance (a block of constant or cancelling items)")
    return w / np.sqrt(var)


def _inner(spec: _Spec, r: np.ndarray, scheme: str) -> np.ndarray:
    adj = spec.pred | spec.pred.T
    if scheme == "centroid":
        return np.sign(r) * adj
    if scheme == "factorial":
        return r * adj
    e = np.zeros_like(r)
    for k in range(len(spec.lvs)):
        p = np.flatnonzero(spec.pred[k])
        if p.size:
            e[p, k] = np.linalg.solve(r[np.ix_(p, p)], r[p, k])
        f = np.flatnonzero(spec.pred[:, k])
        if f.size:
            e[f, k] = r[k, f]
    return e


def _fit_cov(s: np.ndarray, spec: _Spec, scheme: str, tol: float, max_iter: int):
    """Outer weights (LV variance 1 under s) and the number of iterations; s is the MV covariance."""
    p, m = len(spec.items), len(spec.lvs)
    mask = np.zeros((p, m))
    mask[np.arange(p), spec.block_of] = 1.0
    w = _standardize(mask.copy(), s)
    for it in range(1, max_iter + 1):
        r = w.T @ s @ w
        e = _inner(spec, r, scheme)
        new = _standardize((s @ w @ e) * mask, s)  # mode A: cov(x, inner estimate)
        # keep each block's orientation stable (PLS weights are sign-indeterminate)
        flip = np.sign(np.sum(new * w, axis=0))
        flip[flip == 0] = 1.0
        new = new * flip
        if np.max(np.abs(new - w)) < tol:
            return new, it, True
        w = new
    return w, max_iter, False


def _orient(w: np.ndarray, s: np.ndarray, spec: _Spec) -> np.ndarray:
    """Flip each block so that its loadings sum to a positive number."""
    load = s @ w
    signs = np.ones(w.shape[1])
    for j in range(w.shape[1]):
        idx = spec.block_of == j
        if load[idx, j].sum() < 0:
            signs[j] = -1.0
    return w * signs


def _estimates(s: np.ndarray, w: np.ndarray, spec: _Spec):
    r = w.T @ s @ w  # LV correlations
    sd = np.sqrt(np.diag(s))
    xload = (s @ w) / sd[:, None]  # cor(item, LV)
    m = len(spec.lvs)
    paths = np.zeros((m, m))
    r2 = np.zeros(m)
    for k in range(m):
        p = np.flatnonzero(spec.pred[k])
        if p.size:
            b = np.linalg.solve(r[np.ix_(p, p)], r[p, k])
            paths[k, p] = b
            r2[k] = float(b @ r[p, k])
    loadings = xload[np.arange(len(spec.items)), spec.block_of]
    weights = w[np.arange(len(spec.items)), spec.block_of]
    return paths, r2, loadings, weights, xload, r


@dataclass(frozen=True)
class PLSResult(Result):
    """A fitted PLS path model.

    ``outer``: lv, item, ``weight`` (for the treated data: centred, or standardized when
    ``scaled``), ``loading``, ``communality`` and, with a bootstrap, ``weight_se``,
    ``loading_se``, ``loading_ci_low``, ``loading_ci_high``. ``paths``: ``from``, ``to``,
    ``estimate`` and, with a bootstrap, ``se``, ``statistic`` (estimate/se), ``ci_low``,
    ``ci_high``. ``quality`` (per LV): ``type``, ``r2``, ``ave``, ``cr`` (Dillon–Goldstein ρ),
    ``n_items``. ``effects``: direct, indirect and total effects. ``htmt``, ``inner_vif``,
    ``crossloadings``, ``scores`` (standardized LV scores), ``gof``.
    """

    outer: pd.DataFrame
    paths: pd.DataFrame
    quality: pd.DataFrame
    effects: pd.DataFrame
    htmt: pd.DataFrame
    inner_vif: pd.DataFrame
    crossloadings: pd.DataFrame
    scores: pd.DataFrame
    gof: float
    r2: pd.Series
    scheme: str
    scaled: bool
    iterations: int
    n: int
    n_boot: int
    n_boot_failed: int
    seed: int | None
    ci_level: float
    item_sd: pd.Series

    @property
    def path_matrix(self) -> pd.DataFrame:
        lvs = list(self.quality.index)
        out = pd.DataFrame(0.0, index=lvs, columns=lvs)
        for _, row in self.paths.iterrows():
            out.loc[row["to"], row["from"]] = row["estimate"]
        return out

    def index_weights(self, lv: str) -> pd.Series:
        """Unstandardized outer weights of one block, normalized to sum to 1 (ACSI index weights)."""
        o = self.outer[self.outer["lv"] == lv]
        if o.empty:
            raise AnalysisError(f"pls_path: no block named {lv!r}")
        w = o.set_index("item")["weight"]
        if self.scaled:
            w = w / self.item_sd.loc[w.index]
        return w / w.sum()

    def to_frame(self) -> pd.DataFrame:
        return self.paths.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        out = []
        q = self.quality
        gof = fmt_num(self.gof, digits=3, bounded=True, style=style)
        weak = list(q.index[(q["ave"] < 0.5) & (q["n_items"] > 1)])
        if lang == "zh":
            out.append(f"PLS路径模型（模式A，{self.scheme}权重方案）的拟合优度GoF = {gof}。")
        else:
            out.append(f"The PLS path model (mode A, {self.scheme} scheme) has GoF = {gof}.")
        for lv, row in q[q["type"] == "endogenous"].iterrows():
            r2 = fmt_num(row["r2"], digits=3, bounded=True, style=style)
            ins = self.paths[self.paths["to"] == lv]
            parts = []
            for _, p in ins.iterrows():
                txt = f"{p['from']} β = {fmt_num(p['estimate'], digits=3, bounded=True, style=style)}"
                if self.n_boot:
                    txt += f" (SE = {fmt_num(p['se'], digits=3, bounded=True, style=style)})"
                parts.append(txt)
            out.append(f"{lv}的R² = {r2}，路径系数：{'，'.join(parts)}。" if lang == "zh"
                       else f"{lv}: R² = {r2}; paths {', '.join(parts)}.")
        if weak:
            out.append(f"{'、'.join(weak)}的AVE低于0.50，收敛效度不足。" if lang == "zh"
                       else f"AVE is below .50 for {', '.join(weak)}: convergent validity is weak.")
        return out

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.models import plot_path

        return plot_path(self, ax=ax, lang=lang)


def pls_path(
    df: pd.DataFrame,
    model: str,
    *,
    scheme: str = "centroid",
    scaled: bool = True,
    n_boot: int = 0,
    seed: int | None = None,
    ci_level: float = 0.95,
    tol: float = 1e-10,
    max_iter: int = 300,
) -> PLSResult:
    """Fit a PLS path model (mode A) given in lavaan-style syntax.

    Parameters
    ----------
    df : DataFrame
        Manifest variables (rows with a missing value are dropped listwise).
    model : str
        ``LV =~ item + item`` lines (reflective blocks) and ``LV ~ LV + LV`` lines (paths).
    scheme : ``"centroid"``, ``"factorial"`` or ``"path"``
        Inner weighting scheme.
    scaled : bool
        Standardize the items (default, as plspm's ``scaled=TRUE``); ``False`` only centres them
        (plspm's ``scaled=FALSE``, used in its ECSI example and for ACSI index weights).
    n_boot, seed, ci_level :
        Seeded bootstrap of weights, loadings, paths and R²; SE is the SD of the resamples, CIs
        are percentile intervals.
    tol, max_iter :
        Convergence: the largest change of an outer weight is below ``tol``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(200, 1)); g = 0.6 * f + 0.8 * rng.normal(size=(200, 1))
    >>> d = pd.DataFrame(np.hstack([f + rng.normal(0, .5, (200, 3)), g + rng.normal(0, .5, (200, 3))]),
    ...                  columns=["a1", "a2", "a3", "b1", "b2", "b3"])
    >>> res = pls_path(d, "A =~ a1 + a2 + a3\\nB =~ b1 + b2 + b3\\nB ~ A")
    >>> round(float(res.paths["estimate"].iloc[0]), 2)
    0.45
    """
    if scheme not in SCHEMES:
        raise AnalysisError(f"pls_path: scheme must be one of {SCHEMES}, got {scheme!r}")
    check_ci_level(ci_level)
    n_boot = check_n_boot(n_boot)
    blocks, paths = parse_pls_model(model)
    if not paths:
        raise AnalysisError("pls_path: the model has no structural paths ('LV ~ LV')")
    spec = _spec(blocks, paths)
    frame = numeric_frame(df, spec.items, what="PLS path model", min_rows=len(spec.lvs) + 3)
    x = frame.to_numpy()
    n = len(x)
    item_sd = pd.Series(x.std(axis=0, ddof=1), index=spec.items)
    s = _cov(x, scaled)
    w, iters, ok = _fit_cov(s, spec, scheme, tol, max_iter)
    if not ok:
        raise AnalysisError(f"pls_path: the outer weights did not converge in {max_iter} iterations (tol {tol:g})")
    w = _orient(w, s, spec)
    pth, r2, loadings, weights, xload, lvcor = _estimates(s, w, spec)
    m = len(spec.lvs)
    edges = [(spec.lvs.index(f), spec.lvs.index(t)) for f, t in paths]
    outer = pd.DataFrame({"lv": [spec.lvs[b] for b in spec.block_of], "item": spec.items, "weight": weights,
                          "loading": loadings, "communality": loadings**2})
    path_df = pd.DataFrame({"from": [spec.lvs[f] for f, _ in edges], "to": [spec.lvs[t] for _, t in edges],
                            "estimate": [pth[t, f] for f, t in edges]})
    failed = 0
    if n_boot:
        bw, bl, bp, br, failed = _bootstrap(x, spec, scheme, scaled, tol, max_iter, n_boot, seed, edges)
        report_failures(failed, n_boot, what="pls_path", why="a constant item or no convergence in the resample")
        outer["weight_se"] = np.nanstd(bw, axis=0, ddof=1)
        outer["loading_se"] = np.nanstd(bl, axis=0, ddof=1)
        outer["loading_ci_low"], outer["loading_ci_high"] = percentile_ci(bl, ci_level)
        path_df["se"] = np.nanstd(bp, axis=0, ddof=1)
        path_df["statistic"] = path_df["estimate"] / path_df["se"]
        path_df["ci_low"], path_df["ci_high"] = percentile_ci(bp, ci_level)
    endo = spec.pred.any(axis=1)
    ave, cr, nit = np.zeros(m), np.zeros(m), np.zeros(m, dtype=int)
    for j in range(m):
        lam = loadings[spec.block_of == j]
        nit[j] = lam.size
        ave[j] = float(np.mean(lam**2))
        cr[j] = float(lam.sum() ** 2 / (lam.sum() ** 2 + np.sum(1 - lam**2)))
    quality = pd.DataFrame({"type": np.where(endo, "endogenous", "exogenous"), "r2": r2, "ave": ave, "cr": cr, "n_items": nit},
                           index=pd.Index(spec.lvs, name="lv"))
    multi = nit[spec.block_of] > 1
    gof = float(np.sqrt(np.mean((loadings**2)[multi]) * np.mean(r2[endo]))) if multi.any() else float("nan")
    if not np.isfinite(gof):
        raise AnalysisError("pls_path: GoF needs at least one block with two or more items")
    scores = pd.DataFrame(_treat(x, scaled) @ w, index=frame.index, columns=spec.lvs)
    return PLSResult(
        outer=outer, paths=path_df, quality=quality, effects=_effects(pth, spec),
        htmt=htmt(pd.DataFrame(np.corrcoef(x, rowvar=False), index=spec.items, columns=spec.items), blocks),
        inner_vif=_inner_vif(lvcor, spec), crossloadings=pd.DataFrame(xload, index=pd.Index(spec.items, name="item"), columns=spec.lvs),
        scores=scores, gof=gof, r2=pd.Series(r2[endo], index=[lv for lv, e in zip(spec.lvs, endo) if e], name="r2"),
        scheme=scheme, scaled=scaled, iterations=iters, n=n, n_boot=n_boot, n_boot_failed=failed, seed=seed,
        ci_level=ci_level, item_sd=item_sd,
    )


def _treat(x: np.ndarray, scaled: bool) -> np.ndarray:
    xc = x - x.mean(axis=0)
    return xc / xc.std(axis=0) if scaled else xc


def _cov(x: np.ndarray, scaled: bool) -> np.ndarray:
    xt = _treat(x, scaled)
    return xt.T @ xt / len(xt)


def _bootstrap(x, spec, scheme, scaled, tol, max_iter, n_boot, seed, edges):
    rng = np.random.default_rng(seed)
    n, p = x.shape
    bw, bl = np.full((n_boot, p), np.nan), np.full((n_boot, p), np.nan)
    bp, br = np.full((n_boot, len(edges)), np.nan), np.full((n_boot, len(spec.lvs)), np.nan)
    failed = 0
    for b in range(n_boot):
        xb = x[rng.integers(0, n, n)]
        if np.any(xb.std(axis=0) == 0):
            failed += 1
            continue
        s = _cov(xb, scaled)
        try:
            w, _, ok = _fit_cov(s, spec, scheme, tol, max_iter)
        except (AnalysisError, np.linalg.LinAlgError):
            ok = False
        if not ok:
            failed += 1
            continue
        w = _orient(w, s, spec)
        pth, r2, load, wt, _, _ = _estimates(s, w, spec)
        bw[b], bl[b], br[b] = wt, load, r2
        bp[b] = [pth[t, f] for f, t in edges]
    return bw, bl, bp, br, failed


def _effects(pth: np.ndarray, spec: _Spec) -> pd.DataFrame:
    m = len(spec.lvs)
    total = np.linalg.inv(np.eye(m) - pth) - np.eye(m)
    rows = []
    for t in range(m):
        for f in range(m):
            if total[t, f] != 0 or pth[t, f] != 0:
                rows.append(dict(**{"from": spec.lvs[f], "to": spec.lvs[t]}, direct=pth[t, f],
                                 indirect=total[t, f] - pth[t, f], total=total[t, f]))
    return pd.DataFrame(rows, columns=["from", "to", "direct", "indirect", "total"])


def _inner_vif(r: np.ndarray, spec: _Spec) -> pd.DataFrame:
    rows = []
    for k, lv in enumerate(spec.lvs):
        p = np.flatnonzero(spec.pred[k])
        if p.size == 0:
            continue
        v = np.diag(np.linalg.inv(r[np.ix_(p, p)])) if p.size > 1 else np.ones(1)
        rows += [dict(to=lv, **{"from": spec.lvs[j]}, vif=float(vv)) for j, vv in zip(p, v)]
    return pd.DataFrame(rows, columns=["from", "to", "vif"])
