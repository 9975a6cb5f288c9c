"""McDonald's omega: ω total from a one-factor model; ω hierarchical by Schmid–Leiman.

- ``omega_total`` = (Σλ)² / ((Σλ)² + Σψ) with λ the loadings of a one-factor minres solution on
  the correlation matrix and ψ = 1 − λ² (METHODS.md). Checked against a hand computation from
  R ``psych::fa(x, 1)`` loadings.
- ``omega_hierarchical`` and ``omega_total_sl`` follow R ``psych::omega`` (``psych::schmid``):
  a g-group-factor minres solution rotated by varimax then oblimin, a one-factor solution of the
  factor correlations for the general factor, ω_h = (Σg)²/Vt and ω_t = (Vt − Σu²)/Vt with Vt the
  sum of the correlation matrix. Like psych, items whose general-factor loading is negative are
  reversed for this computation — and, unlike psych, the result names them in ``issues``.
  Defined only with at least three group factors (two are not identified) and three items per
  group factor; otherwise ``omega_hierarchical`` is None and ``issues`` says why.
"""

from __future__ import annotations

import warnings
import dataclasses
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import SurveyWarning
from ..findings.format import fmt_num
from ._threads import single_thread
from .extraction import extract, signed_sorted
from .factorability import checked_correlation
from .rotation import gpf_oblique, varimax

__all__ = ["OmegaResult", "omega", "omega_from_corr"]


@dataclass(frozen=True, repr=False)
class OmegaResult(Result):
    """McDonald's omega of one scale."""

    omega_total: float
    omega_hierarchical: float | None
    omega_total_sl: float | None
    loadings: pd.Series
    n: int
    k: int
    n_group_factors: int | None
    schmid_leiman: pd.DataFrame | None = None
    issues: tuple[str, ...] = field(default_factory=tuple)
    name: str | None = None
    correlation: str = "pearson"

    def to_frame(self) -> pd.DataFrame:
        out = pd.DataFrame({"loading": self.loadings, "uniqueness": 1 - self.loadings**2})
        if self.schmid_leiman is not None:
            out = out.join(self.schmid_leiman.add_prefix("sl_"))
        return out

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        d = 3 if style == "gb" else 2
        wt = fmt_num(self.omega_total, digits=d, bounded=True, style=style)
        wh = None if self.omega_hierarchical is None else fmt_num(self.omega_hierarchical, digits=d, bounded=True, style=style)
        if lang == "zh":
            text = f"{self.name or '量表'}的{'有序' if self.correlation == 'polychoric' else ''}McDonald's ω系数为{wt}" + ("，大于0.7，信度良好。" if self.omega_total >= 0.7 else "，低于0.7。")
            out = [text]
            if wh is not None:
                out.append(f"Schmid–Leiman分解（{self.n_group_factors}个群因子）得到的ωh为{wh}，反映一般因子所解释的总分方差比例。")
            return out
        ordinal = "ordinal " if self.correlation == "polychoric" else ""
        basis = ", polychoric correlations" if self.correlation == "polychoric" else ""
        out = [f"{ordinal}McDonald's ω_total of {self.name or 'the scale'} was {wt} (one-factor model{basis}, k = {self.k}, n = {self.n})."]
        out[0] = out[0][0].upper() + out[0][1:]
        if wh is not None:
            out.append(
                f"A Schmid–Leiman solution with {self.n_group_factors} group factors gave ω_h = {wh}: "
                "the share of total-score variance due to a general factor."
            )
        return out


def _one_factor(corr: np.ndarray) -> np.ndarray:
    load, *_ = extract(corr, 1, "minres")
    load = load[:, 0]
    return -load if load.sum() < 0 else load


def _schmid(corr: np.ndarray, g: int):
    unrot, *_ = extract(corr, g, "minres")
    unrot, _ = signed_sorted(unrot, None)
    orth, _, _ = varimax(unrot)
    orth, _ = signed_sorted(orth, None)
    fload, _, phi, conv = gpf_oblique(orth)
    gl = _one_factor(phi)
    gitems = fload @ gl
    h2 = (orth**2).sum(axis=1)
    u2 = 1 - h2
    uniq2 = np.clip(fload**2 * (1 - gl[None, :] ** 2), 0, None)
    group = np.sign(fload) * np.sqrt(uniq2)
    return gitems, group, h2, u2, conv


def omega(
    data: pd.DataFrame,
    *,
    n_group_factors: int | None = 3,
    nan_policy: str = "listwise",
    name: str | None = None,
    cor: str = "pearson",
) -> OmegaResult:
    """McDonald's omega total (one factor) and, where defined, omega hierarchical (Schmid–Leiman).

    ``cor="polychoric"`` fits the factor model to the polychoric matrix: ordinal omega (Zumbo,
    Gadermann & Zeisser 2007), as ``psych::omega(psych::polychoric(x)$rho)``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(0)
    >>> f = rng.normal(size=(400, 1))
    >>> df = pd.DataFrame(f + rng.normal(size=(400, 5)), columns=list("abcde"))
    >>> res = omega(df, n_group_factors=None)
    >>> round(res.omega_total, 2), res.omega_hierarchical is None
    (0.82, True)
    """
    frame, corr, n = checked_correlation(data, what="omega", nan_policy=nan_policy, min_items=3, cor=cor)
    with single_thread():
        res = omega_from_corr(corr, [str(c) for c in frame.columns], n, n_group_factors=n_group_factors, name=name)
    return dataclasses.replace(res, correlation=cor)


def omega_from_corr(corr: np.ndarray, names: list[str], n: int, *, n_group_factors: int | None = 3, name: str | None = None) -> OmegaResult:
    """:func:`omega` on a checked correlation matrix (the sufficient statistic)."""
    k = len(names)
    lam = _one_factor(corr)
    s = lam.sum()
    omega_total = float(s**2 / (s**2 + (1 - lam**2).sum()))
    issues: list[str] = []
    neg = [names[i] for i in np.flatnonzero(lam < 0)]
    if neg:
        issues.append(f"items with negative loadings on the single factor (reverse-keyed?): {neg}")
    if np.any(lam**2 >= 1 - 0.005 - 1e-6):
        issues.append("Heywood case in the one-factor model: omega_total is not trustworthy")
    wh = wt_sl = None
    sl_table = None
    g = n_group_factors
    if g is not None:
        if g < 3:
            issues.append(f"omega_hierarchical needs at least 3 group factors (got {g}): not computed")
        elif k < 3 * g:
            issues.append(f"omega_hierarchical with {g} group factors needs at least {3 * g} items (got {k}): not computed")
        else:
            gitems, group, h2, u2, conv = _schmid(corr, g)
            key = np.where(gitems < 0, -1.0, 1.0)
            flipped = [names[i] for i in np.flatnonzero(key < 0)]
            if flipped:
                msg = f"for omega_hierarchical, items with negative general-factor loadings were reversed (as psych::omega does): {flipped}"
                issues.append(msg)
                warnings.warn(msg, SurveyWarning, stacklevel=2)
            m = corr * np.outer(key, key)
            vt = m.sum()
            gk = gitems * key
            wh = float(gk.sum() ** 2 / vt)
            wt_sl = float((vt - u2.sum()) / vt)
            if not conv:
                issues.append("the oblimin rotation of the Schmid–Leiman solution did not converge")
            cols = {"g": gk}
            for j in range(g):
                cols[f"F{j + 1}"] = group[:, j] * key
            cols["h2"] = h2
            cols["u2"] = u2
            sl_table = pd.DataFrame(cols, index=pd.Index(names, name="item"))
    return OmegaResult(
        omega_total=omega_total,
        omega_hierarchical=wh,
        omega_total_sl=wt_sl,
        loadings=pd.Series(lam, index=pd.Index(names, name="item"), name="loading"),
        n=n,
        k=k,
        n_group_factors=g,
        schmid_leiman=sl_table,
        issues=tuple(issues),
        name=name,
    )
