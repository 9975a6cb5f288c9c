"""Multiple imputation by chained equations (MICE) with predictive mean matching, done only when asked.

``impute(data, m=20, seed=...)`` follows R's ``mice`` with its default for numeric columns,
predictive mean matching (``mice.impute.pmm``; van Buuren 2018, §3.4):

1. every missing cell starts as a random draw from the observed values of its column;
2. each iteration visits the incomplete columns from left to right; for column *y* it regresses the
   observed *y* on every other column (as currently completed, with an intercept) and draws the
   coefficients from their posterior (``.norm.draw``: ridge 1e-5, σ² scaled by a χ² draw with
   n_obs − p degrees of freedom, β* = β̂ + σ*·chol(V)·z);
3. the predicted means of the observed rows (from β̂) and of the missing rows (from β*) are
   matched (type-1 matching): each missing cell takes the observed value of one of its five
   nearest donors, chosen at random;
4. after ``maxit`` iterations the chain's completed data set is one imputation; ``m`` chains run,
   each from its own seed spawned from ``seed`` (numpy ``SeedSequence``), so a seed reproduces
   every value.

Imputed values are always values observed in the same column, so a Likert item stays on its scale.
The result keeps the incomplete data and, per column, the ``m`` × n_missing imputed values; a
completed data set is built when asked (:meth:`ImputationResult.complete`). Convergence is read
from the chains' means of the imputed values: the potential scale reduction factor (R̂; Gelman &
Rubin 1992) over the second half of the iterations. With mice's few iterations R̂ is noisy (with
20 chains of 3 draws, chains that mix perfectly give R̂ > 1.1 about one time in seven), so a column
is flagged, with an ``ImputationWarning``, only when its R̂ exceeds both 1.1 and the value that
chains of independent draws exceed with probability 0.001 divided by the number of columns
(B/W follows F(m − 1, m(k − 1)) then; ``rhat_bound``).
"""

from __future__ import annotations

import math
import warnings
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError, ImputationWarning
from ..prep.ledger import LedgerEntry
from ._threads import single_thread
from .missing import numeric_columns

__all__ = ["ImputationResult", "impute", "IMPUTATION_METHODS", "RHAT_MAX"]

IMPUTATION_METHODS = ("pmm",)
RHAT_MAX = 1.1  # the conventional bound of Gelman & Rubin's R̂ for chains that have mixed
RHAT_ALPHA = 0.001  # family-wise chance that mixing chains are flagged (Bonferroni across the columns)
RIDGE = 1e-5  # mice's .norm.draw penalty: ridge × diag(X'X) added before inverting


@dataclass(frozen=True, repr=False)
class ImputationResult(Result):
    """``m`` completed data sets, kept compactly as the incomplete data and the imputed cells.

    ``imputed[column]`` is an ``m`` × n_missing array (rows of the column's missing cells in data
    order). ``chain_mean`` and ``chain_var`` hold the mean and variance of each column's imputed
    values after every iteration of every chain (index imputation, iteration), ``rhat`` the
    potential scale reduction per column, ``ledger_entry`` the record of what was done.
    """

    data: pd.DataFrame
    columns: tuple[str, ...]
    imputed: dict
    m: int
    maxit: int
    donors: int
    method: str
    seed: int | None
    chain_mean: pd.DataFrame
    chain_var: pd.DataFrame
    rhat: pd.Series
    rhat_bound: float
    ledger_entry: LedgerEntry
    responses: object = None
    issues: tuple[str, ...] = field(default_factory=tuple)

    @property
    def converged(self) -> bool:
        return bool((self.rhat <= self.rhat_bound).all())

    @property
    def n_missing(self) -> pd.Series:
        """Missing cells per imputed column."""
        return pd.Series({c: self.imputed[c].shape[1] for c in self.columns}, name="n_missing", dtype=int)

    def complete(self, i: int):
        """The ``i``-th completed data set (0-based): a DataFrame, or a ``Responses`` (with the
        imputation in its ledger) when a ``Responses`` was imputed."""
        if not 0 <= i < self.m:
            raise AnalysisError(f"complete({i}): there are {self.m} imputations (0 to {self.m - 1})")
        data = self.data.copy()
        for column in self.columns:
            values = self.imputed[column][i]
            if len(values):
                block = data[column].to_numpy(dtype=float, copy=True)
                block[np.isnan(block)] = values
                data[column] = block
        if self.responses is None:
            return data
        full = self.responses.data.copy()
        full[list(data.columns)] = data
        invalid = self.responses.invalid
        if len(invalid):  # a cell invalid when loaded and now imputed holds an imputed value, never the invalid one
            filled = invalid["column"].isin(self.columns)
            invalid = invalid.loc[~filled].reset_index(drop=True)
        return self.responses.replace(data=full, invalid=invalid, ledger=self.responses.ledger + (self.ledger_entry,))

    def datasets(self) -> Iterator:
        """Every completed data set in turn (built one at a time)."""
        return (self.complete(i) for i in range(self.m))

    def pool(self, fn: Callable, **options):
        """Run ``fn`` on every completed data set and pool the results by Rubin's rules
        (see :func:`survey.stats.pooling.pool`)."""
        from .pooling import pool

        results = []
        for i, data in enumerate(self.datasets()):
            try:
                results.append(fn(data))
            except AnalysisError as err:
                raise AnalysisError(f"imputation {i + 1} of {self.m}: {err}") from err
        return pool(results, **options)

    def to_frame(self) -> pd.DataFrame:
        """One row per imputed column: missing cells, R̂, and the mean of the imputed values."""
        return pd.DataFrame(
            {
                "n_missing": self.n_missing,
                "rhat": self.rhat,
                "mean_imputed": pd.Series({c: float(np.mean(self.imputed[c])) if self.imputed[c].size else math.nan for c in self.columns}),
            }
        ).rename_axis("column")

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        cells = int(self.n_missing.sum())
        if lang == "zh":
            out = [f"采用多重插补（链式方程，预测均值匹配，{self.donors}个候选值）对{len(self.columns)}个变量的{cells}个缺失值进行插补，"
                   f"生成{self.m}个完整数据集（每条链迭代{self.maxit}次，随机种子{self.seed}）。"]
            if not self.converged:
                out.append(f"部分变量的插补链未收敛（R̂ > {self.rhat_bound:.3f}）：" + "、".join(self.rhat.index[self.rhat > self.rhat_bound]) + "。")
            return out
        out = [f"{cells} missing values in {len(self.columns)} variables were multiply imputed by chained equations "
               f"(predictive mean matching, {self.donors} donors; {self.m} imputations, {self.maxit} iterations, seed {self.seed})."]
        if not self.converged:
            out.append(f"The chains of these variables did not mix (R̂ > {self.rhat_bound:.3f}): " + ", ".join(self.rhat.index[self.rhat > self.rhat_bound]) + ".")
        return out


def _columns(data: pd.DataFrame, columns: Sequence[str] | None, personal: Sequence[str], what: str) -> list[str]:
    """The columns to impute (and use as predictors), refusing text, identifiers and empty columns."""
    chosen = numeric_columns(data, columns, what)
    refused = [c for c in chosen if c in personal or _looks_like_id(data[c])]
    if refused:
        raise AnalysisError(f"{what}: identifier or personal-data columns are never imputed: {refused}; leave them out of columns=[...]")
    empty = [c for c in chosen if data[c].notna().sum() == 0]
    if empty:
        raise AnalysisError(f"{what}: every value is missing in {empty}; there is nothing to impute from (drop these columns)")
    constant = [c for c in chosen if data[c].nunique() < 2 and data[c].isna().any()]
    if constant:
        raise AnalysisError(f"{what}: columns with a single observed value cannot be imputed: {constant}")
    if len(chosen) < 2:
        raise AnalysisError(f"{what}: chained equations need at least two columns, got {chosen}")
    return chosen


def _looks_like_id(column: pd.Series) -> bool:
    """Whole numbers, every one different, in at least 20 rows: a respondent number, not an answer."""
    values = column.dropna().to_numpy(dtype=float)
    return len(values) >= 20 and bool(np.all(values == np.round(values))) and len(np.unique(values)) == len(values)


def _match(yhat_obs: np.ndarray, yhat_mis: np.ndarray, donors: int, rng: np.random.Generator) -> np.ndarray:
    """For each missing row, the index (into the observed rows) of one of its ``donors`` nearest
    observed predicted means, chosen at random; ties are broken at random (mice's ``matchindex``)."""
    n = len(yhat_obs)
    d = min(donors, n)
    shuffle = rng.permutation(n)
    order = shuffle[np.argsort(yhat_obs[shuffle], kind="stable")]
    ranked = yhat_obs[order]
    pos = np.searchsorted(ranked, yhat_mis)
    window = pos[:, None] + np.arange(-d, d)[None, :]
    inside = (window >= 0) & (window < n)
    window = np.clip(window, 0, n - 1)
    distance = np.where(inside, np.abs(ranked[window] - yhat_mis[:, None]), np.inf)
    nearest = np.argpartition(distance, d - 1, axis=1)[:, :d] if d < window.shape[1] else np.argsort(distance, axis=1)[:, :d]
    pick = nearest[np.arange(len(yhat_mis)), rng.integers(0, d, size=len(yhat_mis))]
    return order[window[np.arange(len(yhat_mis)), pick]]


def _chain(values: np.ndarray, missing: np.ndarray, visit: list[int], maxit: int, donors: int, rng: np.random.Generator):
    """One chain: the imputed values per visited column and their mean and variance per iteration.

    The cross-products of the observed rows of y are the full cross-products less those of its
    missing rows; the full ones are refreshed for a column as soon as it is imputed. Columns are
    centred at their observed means so that the subtraction keeps its precision; imputed values
    are always taken from ``values`` itself.
    """
    n, p = values.shape
    centre = np.nanmean(values, axis=0)
    varies = np.nanstd(values, axis=0) > 0  # a constant column predicts nothing (mice drops it too)
    z = np.column_stack([np.ones(n), values - centre])
    rows = {j: np.flatnonzero(missing[:, j]) for j in visit}
    observed = {j: np.flatnonzero(~missing[:, j]) for j in visit}
    for j in visit:
        z[rows[j], j + 1] = rng.choice(values[observed[j], j], size=len(rows[j])) - centre[j]
    gram = z.T @ z
    means = np.empty((maxit, len(visit)))
    variances = np.empty((maxit, len(visit)))
    out = {}
    for it in range(maxit):
        for v, j in enumerate(visit):
            mis, obs = rows[j], observed[j]
            keep = np.r_[0, [c + 1 for c in range(p) if c != j and varies[c]]].astype(int)
            zm = z[mis]
            g = gram - zm.T @ zm
            xtx = g[np.ix_(keep, keep)]
            xtx = xtx + np.diag(RIDGE * np.diag(xtx))
            cov = np.linalg.inv(xtx)
            cov = (cov + cov.T) / 2
            coef = cov @ g[keep, j + 1]
            yhat_obs = z[np.ix_(obs, keep)] @ coef
            residual = z[obs, j + 1] - yhat_obs
            sigma = math.sqrt(float(residual @ residual) / rng.chisquare(max(len(obs) - len(keep), 1)))
            beta = coef + np.linalg.cholesky(cov) @ rng.standard_normal(len(keep)) * sigma
            drawn = values[obs[_match(yhat_obs, zm[:, keep] @ beta, donors, rng)], j]
            out[j] = drawn
            z[mis, j + 1] = drawn - centre[j]
            cross = z.T @ z[:, j + 1]
            gram[:, j + 1] = cross
            gram[j + 1, :] = cross
            means[it, v] = drawn.mean()
            variances[it, v] = drawn.var(ddof=1) if len(drawn) > 1 else 0.0
    return out, means, variances


def _rhat(chains: np.ndarray) -> float:
    """Gelman & Rubin's potential scale reduction of chains (rows) of draws (columns); 1 when no
    chain moves at all (every imputed mean identical)."""
    m, k = chains.shape
    if k < 2:
        return 1.0
    w = chains.var(axis=1, ddof=1).mean()
    b = k * chains.mean(axis=1).var(ddof=1)
    if w == 0:
        return 1.0 if b == 0 else math.inf
    return math.sqrt(((k - 1) / k * w + b / k) / w)


def _rhat_bound(m: int, k: int, columns: int) -> float:
    """The R̂ that ``m`` chains of ``k`` independent draws exceed with probability RHAT_ALPHA / columns,
    or RHAT_MAX when that is larger: R̂² = (k − 1)/k + F/k with F = B/W ~ F(m − 1, m(k − 1))."""
    if m < 2 or k < 2:
        return math.inf
    from scipy import stats

    f = stats.f.isf(RHAT_ALPHA / max(columns, 1), m - 1, m * (k - 1))
    return max(RHAT_MAX, math.sqrt((k - 1) / k + f / k))


def _nominal_items(responses, columns: Sequence[str]) -> list[str]:
    """The columns that are items on an unordered (nominal) scale of the responses' questionnaire."""
    q = getattr(responses, "questionnaire", None)
    if q is None:
        return []
    ids = set(q.item_ids)
    return [c for c in columns if c in ids and (scale := q.scale_of(c)) is not None and not scale.ordered]


def impute(
    data,
    *,
    m: int = 20,
    seed: int | None = None,
    method: str = "pmm",
    maxit: int = 5,
    donors: int = 5,
    columns: Sequence[str] | None = None,
) -> ImputationResult:
    """Multiple imputation by chained equations with predictive mean matching (R's ``mice`` default).

    Parameters
    ----------
    data : DataFrame or Responses
        A DataFrame: every column (or those in ``columns``) takes part, each a predictor of the
        others, and its missing cells are imputed. A ``Responses``: its numeric items (not text
        items, not personal data) unless ``columns`` names others; :meth:`ImputationResult.complete`
        then returns a ``Responses`` whose ledger records the imputation.
    m : int
        Number of imputations (chains).
    seed : int, optional
        The same seed gives the same imputations, value for value.
    method : {"pmm"}
        Predictive mean matching; imputed values are values observed in the same column, so Likert
        items stay on their scale.
    maxit : int
        Iterations of each chain.
    donors : int
        Candidate donors per missing cell.
    columns : list of str, optional
        The columns to impute and to predict from.

    Raises
    ------
    AnalysisError
        Text, identifier or personal-data columns named for imputation, a column with no
        observed value (or a single one), fewer than two columns, bad ``m``/``maxit``/``donors``.

    Warns
    -----
    ImputationWarning
        R̂ of some column's chain means above ``result.rhat_bound`` (``result.converged`` is then
        False); or items on a nominal scale imputed (PMM predicts their codes as numbers).

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> df = pd.DataFrame({"a": [1, 2, 3, 4, 5, 4, 3, 2], "b": [2, np.nan, 3, 5, 4, np.nan, 3, 2]})
    >>> imp = impute(df, m=3, seed=1)
    >>> imp.imputed["b"].shape, set(np.unique(imp.imputed["b"])) <= {2.0, 3.0, 4.0, 5.0}
    ((3, 2), True)
    """
    what = "impute"
    if method not in IMPUTATION_METHODS:
        raise AnalysisError(f"{what}: method must be one of {IMPUTATION_METHODS}, got {method!r}")
    for name, value, low in (("m", m, 1), ("maxit", maxit, 1), ("donors", donors, 1)):
        if not isinstance(value, (int, np.integer)) or isinstance(value, bool) or value < low:
            raise AnalysisError(f"{what}: {name} must be a whole number >= {low}, got {value!r}")
    responses = None
    frame = data
    personal: Sequence[str] = ()
    if not isinstance(data, pd.DataFrame):
        responses, frame, personal = data, data.data, data.personal
        if columns is None:
            columns = _item_columns(data)
    chosen = _columns(frame, columns, personal, what)
    values = frame[chosen].to_numpy(dtype=float)
    missing = np.isnan(values)
    visit = [j for j in range(len(chosen)) if missing[:, j].any()]
    seeds = np.random.SeedSequence(seed).spawn(m)
    draws = {chosen[j]: np.empty((m, int(missing[:, j].sum()))) for j in range(len(chosen))}
    index = pd.MultiIndex.from_product([range(m), range(1, maxit + 1)], names=["imputation", "iteration"])
    means = np.full((m * maxit, len(visit)), np.nan)
    variances = np.full((m * maxit, len(visit)), np.nan)
    if visit:
        with single_thread():
            for i, s in enumerate(seeds):
                out, mu, var = _chain(values, missing, visit, maxit, donors, np.random.default_rng(s))
                for j in visit:
                    draws[chosen[j]][i] = out[j]
                means[i * maxit : (i + 1) * maxit] = mu
                variances[i * maxit : (i + 1) * maxit] = var
    names = [chosen[j] for j in visit]
    chain_mean = pd.DataFrame(means, index=index, columns=names)
    chain_var = pd.DataFrame(variances, index=index, columns=names)
    half = maxit // 2
    rhat = pd.Series({c: _rhat(chain_mean[c].to_numpy().reshape(m, maxit)[:, half:]) if m > 1 else 1.0 for c in names},
                     name="rhat", dtype=float)
    bound = _rhat_bound(m, maxit - half, len(names))
    issues = ()
    if len(rhat) and not (rhat <= bound).all():
        bad = rhat.index[rhat > bound].tolist()
        message = (f"{what}: the chains of {bad} did not mix (R̂ = {', '.join(f'{rhat[c]:.3f}' for c in bad)} > {bound:.3f}); "
                   f"run more iterations (maxit > {maxit}) before using these imputations")
        issues = (message,)
        warnings.warn(ImputationWarning(message, key="imputation_not_converged", values={"columns": bad}), stacklevel=2)
    nominal = _nominal_items(responses, names)
    if nominal:
        message = (f"{what}: {nominal} are nominal (their scale's codes are unordered), and predictive mean matching "
                   "predicts their codes as numbers (mice would use polytomous regression): every imputed value is an "
                   "observed code, but the model that chooses it treats the codes as a scale; leave them out of "
                   "columns= or read their imputations with care")
        issues = (*issues, message)
        warnings.warn(ImputationWarning(message, key="imputation_nominal_as_numeric", values={"columns": nominal}), stacklevel=2)
    cells = int(missing.sum())
    rows_touched = frame.index[missing.any(axis=1)]
    invalid = 0 if responses is None else int(responses.invalid["column"].isin(chosen).sum())
    entry = LedgerEntry(
        "impute",
        f"mice_{method}",
        f"{m} imputations by chained equations ({method}, {donors} donors, {maxit} iterations, seed {seed}) "
        f"of {cells} missing cells in {', '.join(names) or 'no column'}"
        + (f" ({invalid} of them invalid when loaded, now imputed; their values as read stay in the source's invalid table)" if invalid else "")
        + "; the incomplete data are kept",
        tuple(rows_touched),
        len(rows_touched),
    )
    return ImputationResult(
        data=frame[chosen].copy(), columns=tuple(chosen), imputed=draws, m=m, maxit=maxit, donors=donors,
        method=method, seed=seed, chain_mean=chain_mean, chain_var=chain_var, rhat=rhat, rhat_bound=bound, ledger_entry=entry,
        responses=responses, issues=issues,
    )


def _item_columns(responses) -> list[str]:
    """The numeric items of a Responses (every numeric column without a questionnaire)."""
    q = responses.questionnaire
    data = responses.data
    if q is None:
        return [c for c in data.columns if pd.api.types.is_numeric_dtype(data[c]) and c not in responses.personal]
    return [i.id for i in q.items if i.id in data and i.type != "text" and pd.api.types.is_numeric_dtype(data[i.id])
            and i.id not in responses.personal]
