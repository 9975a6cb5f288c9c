"""Is a set of items fit for factor analysis? Kaiser–Meyer–Olkin (KMO) and Bartlett's sphericity test.

Also holds the input checks shared by the psychometric modules (item frames, correlation matrices),
so that every one of them rejects bad input the same way: a named ``AnalysisError`` listing the
items, never a NaN in a table or a ``LinAlgError`` traceback.

Both statistics are closed-form and agree with R ``psych::KMO`` and ``psych::cortest.bartlett`` to
1e-10 (see ``tests/reference/psychometrics/factorability.R``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_not_singular, numeric_frame
from .._result import Result
from ..errors import AnalysisError, RowsNeededError
from ..findings import Finding, KeyedFindings
from ..findings.catalogue.factorability import KAISER

__all__ = ["KMOResult", "BartlettResult", "kmo", "bartlett", "kaiser_label"]

#: Kaiser's (1974) words for the measure of sampling adequacy, as (lower bound, word); the words in
#: each language are in the factorability findings catalogue.
KAISER_WORDS = (
    (0.90, "marvelous"),
    (0.80, "meritorious"),
    (0.70, "middling"),
    (0.60, "mediocre"),
    (0.50, "miserable"),
    (-np.inf, "unacceptable"),
)


def kaiser_label(value: float, lang: str = "en") -> str:
    """Kaiser's word for a KMO value: ``kaiser_label(0.93) == 'marvelous'``."""
    word = next(w for low, w in KAISER_WORDS if value >= low or low == -np.inf)
    return KAISER[lang if lang in KAISER else "en"][word]


# ----------------------------------------------------------------------------------------------
# shared input checks
# ----------------------------------------------------------------------------------------------


def item_frame(
    data: pd.DataFrame,
    *,
    what: str,
    nan_policy: str = "listwise",
    min_items: int = 2,
    need_n_ge_k: bool = True,
    check_duplicates: bool = True,
) -> pd.DataFrame:
    """Checked float64 copy of the item columns: numeric, not empty, not constant, no duplicates.

    Raises ``AnalysisError`` naming the items when a column is all missing, constant, duplicated
    (identical to another item), or when there are fewer respondents than items.
    """
    frame = numeric_frame(data, what=what, nan_policy=nan_policy, min_rows=3, min_columns=min_items)
    names = [str(c) for c in frame.columns]
    n_rows = len(frame) if nan_policy != "pairwise" else int(frame.notna().any(axis=1).sum())
    if need_n_ge_k and n_rows < frame.shape[1]:
        raise AnalysisError(
            f"{what}: fewer respondents ({n_rows}) than items ({frame.shape[1]}: {names}); "
            "the item covariance matrix cannot be estimated (need n >= k)"
        )
    if check_duplicates:
        values = frame.to_numpy()
        corr = frame.corr().to_numpy() if np.isnan(values).any() else np.corrcoef(values, rowvar=False)
        check_duplicates_corr(corr, list(frame.columns), what=what)
    return frame


def item_moments(data, *, what: str, nan_policy: str = "listwise", min_items: int = 2, need_n_ge_k: bool = True,
                 check_duplicates: bool = True):
    """The checks of :func:`item_frame` on a scanned table (``survey.scan``); returns its moments."""
    m = data.checked_moments(what=what, nan_policy=nan_policy, min_rows=3, min_columns=min_items)
    k = len(m.columns)
    if need_n_ge_k and m.n < k:
        raise AnalysisError(
            f"{what}: fewer respondents ({m.n}) than items ({k}: {list(m.columns)}); "
            "the item covariance matrix cannot be estimated (need n >= k)"
        )
    if check_duplicates:
        check_duplicates_corr(m.corr(), list(m.columns), what=what)
    return m


def check_duplicates_corr(corr: np.ndarray, columns: Sequence, *, what: str) -> None:
    """Raise ``AnalysisError`` naming every pair of perfectly correlated (duplicated) items."""
    k = corr.shape[0]
    iu = np.triu_indices(k, 1)
    hits = np.flatnonzero(np.abs(corr[iu]) > 1 - 1e-12)
    if hits.size:
        pairs = [f"{columns[iu[0][h]]} = {columns[iu[1][h]]}" for h in hits[:20]]
        raise AnalysisError(
            f"{what}: duplicated items (perfectly correlated, |r| = 1): {pairs}; drop one of each pair"
        )


def correlation(frame: pd.DataFrame, *, nan_policy: str = "listwise") -> np.ndarray:
    """Pearson correlation matrix (pairwise-complete when ``nan_policy='pairwise'``)."""
    if nan_policy == "pairwise" and frame.isna().any().any():
        corr = frame.corr(min_periods=3).to_numpy()
        if np.isnan(corr).any():
            i, j = np.argwhere(np.isnan(corr))[0]
            raise AnalysisError(
                f"items {frame.columns[i]!s} and {frame.columns[j]!s} have fewer than 3 respondents "
                "in common: their correlation cannot be estimated"
            )
        return corr
    return np.corrcoef(frame.to_numpy(), rowvar=False)


def checked_correlation(
    data: pd.DataFrame, *, what: str, nan_policy: str = "listwise", min_items: int = 2, cor: str = "pearson"
) -> tuple[pd.DataFrame, np.ndarray, int]:
    """Item frame, its correlation matrix (checked not singular) and the n used.

    A scanned table (``survey.scan``) gives an empty frame with the item columns (the rows stay
    where they are) and Pearson's matrix of its complete rows.

    ``cor="polychoric"`` gives the polychoric matrix (:func:`survey.stats.polychoric.polychoric`,
    psych's defaults; pairwise-complete when ``nan_policy="pairwise"``) instead of Pearson's.
    """
    from .polychoric import check_cor, polychoric

    check_cor(cor, what=what)
    if getattr(data, "is_lazy", False):  # a scanned table: Pearson's matrix from its moments
        if cor != "pearson":
            raise RowsNeededError(data.rows_needed(f"{what} with cor={cor!r}"))
        m = item_moments(data, what=what, nan_policy=nan_policy, min_items=min_items)
        corr = m.corr()
        check_not_singular(corr, list(m.columns), what=what)
        return pd.DataFrame(columns=list(m.columns), dtype=float), corr, m.n
    frame = item_frame(data, what=what, nan_policy=nan_policy, min_items=min_items)
    if cor == "polychoric":
        corr = polychoric(frame, nan_policy="pairwise" if nan_policy == "pairwise" else "listwise").matrix.to_numpy()
    else:
        corr = correlation(frame, nan_policy=nan_policy)
    names = [str(c) for c in frame.columns]
    check_not_singular(corr, names, what=what)
    n = len(frame) if nan_policy != "pairwise" else int(frame.notna().all(axis=1).sum())
    return frame, corr, n


# ----------------------------------------------------------------------------------------------
# KMO
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class KMOResult(KeyedFindings, Result):
    """Kaiser–Meyer–Olkin measure of sampling adequacy, overall and per item (MSA)."""

    overall: float
    per_item: pd.Series
    n: int
    label: str

    def to_frame(self) -> pd.DataFrame:
        table = pd.DataFrame({"msa": self.per_item})
        table["label"] = [kaiser_label(v) for v in self.per_item]
        overall = pd.DataFrame({"msa": [self.overall], "label": [self.label]}, index=["(overall)"])
        out = pd.concat([overall, table])
        out.index.name = "item"
        return out

    def finding_objects(self) -> list[Finding]:
        """``factorability.kmo_suitable`` (KMO ≥ .60) or ``factorability.kmo_doubtful`` (main), and
        ``factorability.low_msa`` (caution) for items with MSA below .50."""
        out = [Finding("factorability.kmo_suitable" if self.overall >= 0.6 else "factorability.kmo_doubtful", {"kmo": self.overall, "word": self.label},
                       ids=tuple(self.per_item.index))]
        low = self.per_item[self.per_item < 0.5]
        if len(low):
            out.append(Finding("factorability.low_msa", {"items": list(low.index)}, level="caution", ids=tuple(low.index)))
        return out


def _kmo_from_corr(corr: np.ndarray) -> tuple[float, np.ndarray]:
    inv = np.linalg.inv(corr)
    d = 1.0 / np.sqrt(np.diag(inv))
    partial = inv * d[:, None] * d[None, :]
    r2 = corr**2
    a2 = partial**2
    np.fill_diagonal(r2, 0.0)
    np.fill_diagonal(a2, 0.0)
    overall = r2.sum() / (r2.sum() + a2.sum())
    per_item = r2.sum(axis=0) / (r2.sum(axis=0) + a2.sum(axis=0))
    return float(overall), per_item


def kmo(data: pd.DataFrame, *, nan_policy: str = "listwise") -> KMOResult:
    """Kaiser–Meyer–Olkin measure of sampling adequacy (overall and per item).

    KMO = ΣΣ r²ᵢⱼ / (ΣΣ r²ᵢⱼ + ΣΣ a²ᵢⱼ) over i ≠ j, with a the anti-image (partial) correlations;
    per item MSA uses the item's row. Agrees with R ``psych::KMO``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> f = rng.normal(size=(300, 1))
    >>> df = pd.DataFrame(f + rng.normal(size=(300, 4)), columns=list("abcd"))
    >>> round(kmo(df).overall, 2)
    0.78
    """
    frame, corr, n = checked_correlation(data, what="kmo", nan_policy=nan_policy)
    overall, per_item = _kmo_from_corr(corr)
    series = pd.Series(per_item, index=pd.Index(frame.columns, name="item"), name="msa")
    return KMOResult(overall=overall, per_item=series, n=n, label=kaiser_label(overall))


# ----------------------------------------------------------------------------------------------
# Bartlett
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class BartlettResult(KeyedFindings, Result):
    """Bartlett's test that the correlation matrix is an identity matrix (sphericity)."""

    statistic: float
    df: int
    p_value: float
    n: int
    k: int

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {"statistic": [self.statistic], "df": [self.df], "p_value": [self.p_value], "n": [self.n], "k": [self.k]},
            index=pd.Index(["bartlett"], name="test"),
        )

    def finding_objects(self) -> list[Finding]:
        """``factorability.bartlett_significant`` or ``factorability.bartlett_not_significant`` (main), at .05."""
        key = "factorability.bartlett_significant" if self.p_value < 0.05 else "factorability.bartlett_not_significant"
        return [Finding(key, {"chi2": ("χ²", self.statistic, self.df), "p_value": self.p_value, "n": self.n, "k": self.k})]


def _bartlett_from_corr(corr: np.ndarray, n: int) -> tuple[float, int, float]:
    k = corr.shape[0]
    sign, logdet = np.linalg.slogdet(corr)
    if sign <= 0:  # pragma: no cover - check_not_singular ran before
        raise AnalysisError("bartlett: the correlation matrix is not positive definite")
    statistic = -((n - 1) - (2 * k + 5) / 6.0) * logdet
    df = k * (k - 1) // 2
    return float(statistic), int(df), float(stats.chi2.sf(statistic, df))


def bartlett(data: pd.DataFrame, *, nan_policy: str = "listwise") -> BartlettResult:
    """Bartlett's test of sphericity: χ² = −[(n − 1) − (2k + 5)/6]·ln|R|, df = k(k − 1)/2.

    Agrees with R ``psych::cortest.bartlett(R, n)``.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> f = rng.normal(size=(300, 1))
    >>> res = bartlett(pd.DataFrame(f + rng.normal(size=(300, 4)), columns=list("abcd")))
    >>> res.df, res.p_value < .001
    (6, True)
    """
    frame, corr, n = checked_correlation(data, what="bartlett", nan_policy=nan_policy)
    statistic, df, p = _bartlett_from_corr(corr, n)
    return BartlettResult(statistic=statistic, df=df, p_value=p, n=n, k=corr.shape[0])

