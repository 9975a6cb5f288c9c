"""The one ordinary-least-squares engine (not public).

Least squares through a QR decomposition, with a collinearity check that names the columns
involved before any coefficient is computed, the statistics every caller needs (coefficients, their
covariance, R², F) and the coefficient table in the package's one vocabulary: terms named as R names
them (``(Intercept)``), columns ``estimate, se, statistic, p_value, ci_low, ci_high``. Regression,
moderation, PROCESS, the two-factor models and PRCA all fit through :func:`ols`. Standardized helpers
work from a correlation matrix.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..errors import AnalysisError

INTERCEPT = "(Intercept)"


@dataclass(frozen=True)
class OLSFit:
    """Coefficients (intercept first when fitted with one), their covariance and fit statistics."""

    names: tuple[str, ...]
    coef: np.ndarray
    cov: np.ndarray
    se: np.ndarray
    r2: float
    df_resid: int
    sigma2: float
    n: int
    rss: float

    @property
    def df_model(self) -> int:
        """Numerator degrees of freedom of the overall F test (slopes, without the intercept)."""
        return len(self.names) - 1 if self.names and self.names[0] == INTERCEPT else len(self.names)

    @property
    def adj_r2(self) -> float:
        return 1.0 - (1.0 - self.r2) * (self.n - 1) / self.df_resid

    @property
    def f(self) -> float:
        """Overall F of the slopes (R's ``summary.lm``); NaN for a model with no slope."""
        k = self.df_model
        return float((self.r2 / k) / ((1.0 - self.r2) / self.df_resid)) if k else float("nan")

    @property
    def f_p_value(self) -> float:
        from scipy import stats

        return float(stats.f.sf(self.f, self.df_model, self.df_resid)) if self.df_model else float("nan")

    def table(self, ci_level: float) -> pd.DataFrame:
        """Coefficients with t tests and confidence intervals, indexed by term (R's ``summary.lm`` + ``confint``)."""
        from scipy import stats

        t = self.coef / self.se
        q = stats.t.ppf(0.5 + ci_level / 2, self.df_resid)
        return pd.DataFrame(
            {
                "estimate": self.coef,
                "se": self.se,
                "statistic": t,
                "p_value": 2 * stats.t.sf(np.abs(t), self.df_resid),
                "ci_low": self.coef - q * self.se,
                "ci_high": self.coef + q * self.se,
            },
            index=pd.Index(list(self.names), name="term"),
        )


def check_full_rank(x: np.ndarray, names: Sequence[str], *, what: str, tol: float = 1e-10) -> None:
    """Raise ``AnalysisError`` when the columns of ``x`` are linearly dependent, naming them."""
    if x.shape[0] < x.shape[1]:
        raise AnalysisError(f"{what}: {x.shape[1]} coefficients but only {x.shape[0]} complete cases")
    scale = np.sqrt((x**2).sum(axis=0))
    scale[scale == 0] = 1.0
    xs = x / scale
    _, s, vt = np.linalg.svd(xs, full_matrices=False)
    if s.size and s[-1] > tol * max(1.0, s[0]):
        return
    v = vt[-1]
    involved = [str(names[i]) for i in np.flatnonzero(np.abs(v) > 0.05)]
    raise AnalysisError(
        f"{what}: predictors are perfectly collinear (an exact linear combination of each other, "
        f"or a band/dummy that is constant): {involved}. Drop or combine one of them."
    )


def ols(x: np.ndarray, y: np.ndarray, names: Sequence[str], *, what: str = "regression", intercept: bool = True) -> OLSFit:
    """Fit y on x by least squares; ``names`` label the columns of ``x`` (intercept added first)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    if x.ndim == 1:
        x = x[:, None]
    names = list(names)
    if intercept:
        x = np.column_stack([np.ones(len(x)), x])
        names = [INTERCEPT, *names]
    check_full_rank(x, names, what=what)
    n, k = x.shape
    q, r = np.linalg.qr(x)
    coef = np.linalg.solve(r, q.T @ y)
    resid = y - x @ coef
    rss = float(resid @ resid)
    df_resid = n - k
    if df_resid <= 0:
        raise AnalysisError(f"{what}: no residual degrees of freedom ({n} cases, {k} coefficients)")
    sigma2 = rss / df_resid
    rinv = np.linalg.inv(r)
    cov = sigma2 * (rinv @ rinv.T)
    yc = y - y.mean()
    tss = float(yc @ yc)
    r2 = 1.0 - rss / tss if intercept else 1.0 - rss / float(y @ y)
    return OLSFit(tuple(names), coef, cov, np.sqrt(np.diag(cov)), r2, df_resid, sigma2, n, rss)


def std_betas(corr_xx: np.ndarray, r_xy: np.ndarray) -> np.ndarray:
    """Standardized regression coefficients from the predictor correlations and r with y."""
    return np.linalg.solve(corr_xx, r_xy)


def r2_from_corr(corr_xx: np.ndarray, r_xy: np.ndarray) -> float:
    """R² of y on the predictors from correlations only."""
    if r_xy.size == 0:
        return 0.0
    return float(r_xy @ np.linalg.solve(corr_xx, r_xy))


def vif(corr_xx: np.ndarray) -> np.ndarray:
    """Variance inflation factors: the diagonal of the inverse correlation matrix."""
    return np.diag(np.linalg.inv(corr_xx)).copy()
