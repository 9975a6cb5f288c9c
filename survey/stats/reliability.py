"""Cronbach's alpha with Feldt and bootstrap CIs and item statistics; schema-level ``reliability``.

Everything here depends on the data only through the item covariance matrix (and, for the
bootstrap, per-row moments), so it stays fast on large surveys. Verified against R
``psych::alpha`` (``tests/reference/psychometrics/alpha.R``) and pingouin's reference data set.
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from .._result import Result
from ..engines.moments import Moments
from ..errors import AnalysisError, RowsNeededError, SurveyWarning
from ..findings import Finding, KeyedFindings
from .factorability import check_duplicates_corr, item_frame, item_moments

__all__ = ["AlphaResult", "ReliabilityResult", "cronbach_alpha", "reliability", "alpha_label"]

#: Conventional readings of alpha (lower bound, word): ≥ .70 acceptable, ≥ .80 good; the words in
#: each language are in the reliability findings catalogue.
ALPHA_WORDS = (
    (0.90, "excellent"),
    (0.80, "good"),
    (0.70, "acceptable"),
    (0.60, "questionable"),
    (0.50, "poor"),
    (-np.inf, "unacceptable"),
)
CITC_MIN = 0.30


def alpha_label(value: float, lang: str = "en") -> str:
    """The conventional word for an alpha value (``alpha_label(.82) == 'good'``)."""
    from ..findings.catalogue import words

    word = next(w for low, w in ALPHA_WORDS if value >= low or low == -np.inf)
    return words("reliability", lang)[word]


def _alpha_from_cov(cov: np.ndarray) -> float:
    k = cov.shape[0]
    return k / (k - 1) * (1.0 - np.trace(cov) / cov.sum())


def _std_alpha_from_cov(cov: np.ndarray) -> tuple[float, float]:
    k = cov.shape[0]
    sd = np.sqrt(np.diag(cov))
    corr = cov / np.outer(sd, sd)
    rbar = (corr.sum() - k) / (k * (k - 1))
    return k * rbar / (1 + (k - 1) * rbar), rbar


def feldt_ci(alpha: float, n: int, k: int, ci_level: float = 0.95) -> tuple[float, float]:
    """Feldt (1965) CI: 1 − (1 − α)·F quantiles with df (n − 1, (n − 1)(k − 1)); as ``psych::alpha.ci``."""
    a = 1 - ci_level
    df1, df2 = n - 1, (n - 1) * (k - 1)
    low = 1 - (1 - alpha) * stats.f.ppf(1 - a / 2, df1, df2)
    high = 1 - (1 - alpha) * stats.f.ppf(a / 2, df1, df2)
    return float(low), float(high)


def bootstrap_alpha(values: np.ndarray, n_boot: int, seed: int | None, *, chunk_cells: int = 4_000_000) -> np.ndarray:
    """Raw alpha in ``n_boot`` bootstrap resamples of the rows of a complete (n × k) array.

    Vectorised: each chunk of resamples is a matrix of row counts W (drawn as row indices, so the
    result is a pure function of ``seed``), and the item and total-score variances of every resample
    come from one matrix product W @ [X, X², t, t²].
    """
    rng = np.random.default_rng(seed)
    n, k = values.shape
    x = values - values.mean(axis=0)
    t = x.sum(axis=1)
    z = np.column_stack([x, x * x, t, t * t])
    chunk = max(1, min(n_boot, chunk_cells // max(n, 1)))
    out = np.empty(n_boot)
    done = 0
    while done < n_boot:
        b = min(chunk, n_boot - done)
        idx = rng.integers(0, n, size=(b, n))
        idx += (np.arange(b) * n)[:, None]
        w = np.bincount(idx.ravel(), minlength=b * n).reshape(b, n).astype(np.float64)
        m = w @ z  # b × (2k + 2): sums of x, x², t, t²
        item_var = (m[:, k : 2 * k] - m[:, :k] ** 2 / n) / (n - 1)
        tot_var = (m[:, 2 * k + 1] - m[:, 2 * k] ** 2 / n) / (n - 1)
        with np.errstate(divide="ignore", invalid="ignore"):
            out[done : done + b] = k / (k - 1) * (1 - item_var.sum(axis=1) / tot_var)
        done += b
    return out


@dataclass(frozen=True, repr=False)
class AlphaResult(KeyedFindings, Result):
    """Cronbach's alpha of one scale, its CI and per-item statistics."""

    alpha: float
    std_alpha: float
    ci_low: float
    ci_high: float
    n: int
    k: int
    item_stats: pd.DataFrame
    average_r: float
    ci_level: float = 0.95
    ci_method: str = "feldt"
    feldt_ci: tuple[float, float] = (math.nan, math.nan)
    bootstrap_ci: tuple[float, float] | None = None
    n_boot: int = 0
    seed: int | None = None
    nan_policy: str = "listwise"
    name: str | None = None
    issues: tuple[str, ...] = field(default_factory=tuple)
    correlation: str = "pearson"

    @property
    def label(self) -> str:
        return alpha_label(self.alpha)

    def to_frame(self) -> pd.DataFrame:
        """One row per item (the item statistics) with the scale's alpha and CI repeated."""
        out = self.item_stats.copy()
        out["scale_alpha"] = self.alpha
        out["scale_ci_low"] = self.ci_low
        out["scale_ci_high"] = self.ci_high
        return out

    def summary(self) -> pd.DataFrame:
        """One row: alpha, std_alpha, CI, n, k."""
        return pd.DataFrame(
            {
                "alpha": [self.alpha],
                "std_alpha": [self.std_alpha],
                "ci_low": [self.ci_low],
                "ci_high": [self.ci_high],
                "ci_method": [self.ci_method],
                "average_r": [self.average_r],
                "n": [self.n],
                "k": [self.k],
            },
            index=pd.Index([self.name or "scale"], name="scale"),
        )

    def finding_objects(self) -> list[Finding]:
        """``reliability.alpha`` (main), then ``reliability.low_citc`` (caution) and
        ``reliability.alpha_if_deleted`` (detail) when some item qualifies."""
        cut = next((c for c in ("0.9", "0.8", "0.7") if self.alpha >= float(c)), None)
        named = "named" if self.name else "unnamed"
        values = {
            "name": self.name, "alpha": self.alpha, "ci_low": self.ci_low, "ci_high": self.ci_high, "ci_level": self.ci_level,
            "n": self.n, "k": self.k, "kind": self.correlation, "word": self.label, "method": self.ci_method, "n_boot": self.n_boot,
            "subject": named, "cut": cut, "verdict": f"{'above' if cut else 'below'}_{named}",
        }
        ids = (self.name,) if self.name else ()
        out = [Finding("reliability.alpha", values, ids=ids)]
        weak = self.item_stats.index[self.item_stats["r_drop"] < CITC_MIN].tolist()
        better = self.item_stats.index[self.item_stats["alpha_if_deleted"] > self.alpha].tolist()
        if weak:
            out.append(Finding("reliability.low_citc", {"items": weak, "scale": self.name}, level="caution", ids=tuple(weak)))
        if better:
            out.append(Finding("reliability.alpha_if_deleted", {"items": better, "scale": self.name}, level="detail", ids=tuple(better)))
        return out


def _item_table(frame: pd.DataFrame, cov: np.ndarray) -> pd.DataFrame:
    if frame.isna().any().any():  # pairwise: as psych, r with each person's mean of answered items
        raw_r = frame.corrwith(frame.mean(axis=1)).to_numpy()
    else:
        raw_r = None
    return _item_stats(cov, [str(c) for c in frame.columns], n=frame.notna().sum().to_numpy(),
                       mean=frame.mean().to_numpy(), raw_r=raw_r)


def _item_stats(cov: np.ndarray, names: list[str], *, n: np.ndarray, mean: np.ndarray, raw_r: np.ndarray | None = None) -> pd.DataFrame:
    """Item statistics from the covariance matrix (``raw_r`` given only for pairwise data)."""
    k = cov.shape[0]
    var = np.diag(cov)
    total_var = cov.sum()
    row = cov.sum(axis=1)
    if raw_r is None:
        raw_r = row / np.sqrt(var * total_var)
    rest_var = total_var - 2 * row + var
    r_drop = (row - var) / np.sqrt(var * rest_var)
    alpha_del = np.empty(k)
    std_del = np.empty(k)
    for i in range(k):
        keep = np.arange(k) != i
        sub = cov[np.ix_(keep, keep)]
        if k > 2:
            alpha_del[i] = _alpha_from_cov(sub)
            std_del[i] = _std_alpha_from_cov(sub)[0]
        else:  # one item left: alpha is not defined (explained in the result's issues)
            alpha_del[i] = std_del[i] = math.nan
    table = pd.DataFrame(
        {
            "n": n,
            "mean": mean,
            "sd": np.sqrt(var),
            "raw_r": raw_r,
            "r_drop": r_drop,
            "alpha_if_deleted": alpha_del,
            "std_alpha_if_deleted": std_del,
        },
        index=pd.Index(names, name="item"),
    )
    return table


def cronbach_alpha(
    data: pd.DataFrame,
    *,
    ci_level: float = 0.95,
    nan_policy: str = "listwise",
    n_boot: int = 0,
    seed: int | None = None,
    name: str | None = None,
    cor: str = "pearson",
) -> AlphaResult:
    """Cronbach's alpha (raw and standardized) with a CI and per-item statistics.

    Parameters
    ----------
    data : DataFrame or LazyResponses
        One column per item (reverse-keyed items already reversed), one row per respondent; or a
        scanned table (``survey.scan``, docs/scale.md): complete rows only, Feldt CI.
    ci_level : float
        Confidence level of the interval (Feldt's analytic interval, or the bootstrap's).
    nan_policy : {"listwise", "pairwise", "raise"}
        ``"listwise"`` drops incomplete rows; ``"pairwise"`` uses pairwise-complete covariances
        (R ``psych::alpha``'s default; n reported is the number of rows); ``"raise"`` refuses
        missing values.
    n_boot : int
        When > 0, the CI is the percentile bootstrap over ``n_boot`` resamples of respondents
        (complete rows only); the Feldt CI stays available in ``feldt_ci``.
    seed : int, optional
        Seed of the bootstrap: the same seed gives the same interval, bit for bit.
    cor : {"pearson", "polychoric"}
        ``"polychoric"`` gives ordinal alpha (Zumbo, Gadermann & Zeisser 2007): alpha of the
        polychoric matrix, as ``psych::alpha(psych::polychoric(x)$rho)``; the item statistics
        (``raw_r``, ``r_drop``, alpha if deleted) come from that matrix too, ``mean`` and ``sd``
        from the answers; the Feldt CI uses n and k as usual. No bootstrap.

    Returns
    -------
    AlphaResult
        ``alpha``, ``std_alpha``, ``ci_low``, ``ci_high``, ``n``, ``k`` and ``item_stats``
        (index item; columns ``n, mean, sd, raw_r, r_drop, alpha_if_deleted, std_alpha_if_deleted``).

    Examples
    --------
    Agrees with R ``psych::alpha`` (raw_alpha, std.alpha, r.drop, alpha.drop, Feldt CI):

    >>> import pandas as pd
    >>> df = pd.DataFrame({"q1": [1, 2, 3, 4, 5, 3], "q2": [2, 2, 3, 5, 4, 3], "q3": [1, 3, 2, 4, 5, 4]})
    >>> res = cronbach_alpha(df)
    >>> round(res.alpha, 4), res.n, res.k
    (0.9182, 6, 3)
    """
    if not 0 < ci_level < 1:
        raise AnalysisError(f"ci_level must be between 0 and 1, got {ci_level}")
    if n_boot < 0:
        raise AnalysisError(f"n_boot must be >= 0, got {n_boot}")
    from .polychoric import check_cor

    check_cor(cor, what="cronbach_alpha")
    if cor == "polychoric" and n_boot:
        raise AnalysisError("cronbach_alpha: the bootstrap CI is not available for ordinal alpha (cor='polychoric'); use n_boot=0")
    if getattr(data, "is_lazy", False):  # a scanned table: from the moments of its complete rows
        if cor != "pearson" or n_boot:
            raise RowsNeededError(data.rows_needed("cronbach_alpha with cor='polychoric' or a bootstrap CI"))
        moments = item_moments(data, what="cronbach_alpha", nan_policy=nan_policy, check_duplicates=False)
        return _cronbach_moments(moments, ci_level=ci_level, nan_policy=nan_policy, name=name)[0]
    frame = item_frame(data, what="cronbach_alpha", nan_policy=nan_policy, check_duplicates=False)
    return _cronbach(frame, ci_level=ci_level, nan_policy=nan_policy, n_boot=n_boot, seed=seed, name=name, cor=cor)[0]


def _cronbach(frame: pd.DataFrame, *, ci_level: float, nan_policy: str, n_boot: int = 0, seed=None, name=None, cor: str = "pearson"):
    """Alpha of a checked item frame; also returns the covariance matrix (the sufficient statistic).

    With ``cor="polychoric"`` the "covariance" is the polychoric matrix (ordinal alpha).
    """
    if cor == "polychoric":
        from .polychoric import polychoric

        complete = frame.dropna().to_numpy()
        cov = polychoric(frame, nan_policy="pairwise" if nan_policy == "pairwise" else "listwise").matrix.to_numpy()
        if nan_policy == "pairwise":
            frame = frame.loc[frame.notna().any(axis=1)]
    elif nan_policy == "pairwise" and frame.isna().any().any():
        frame = frame.loc[frame.notna().any(axis=1)]
        cov = frame.cov(min_periods=3).to_numpy()
        if np.isnan(cov).any():
            i, j = np.argwhere(np.isnan(cov))[0]
            raise AnalysisError(
                f"cronbach_alpha: items {frame.columns[i]} and {frame.columns[j]} have fewer than 3 "
                "respondents in common"
            )
        complete = frame.dropna().to_numpy()
    else:  # complete rows: the same formula as a scanned table's, from the moments
        complete = frame.to_numpy()
        return _cronbach_moments(Moments.of(complete, [str(c) for c in frame.columns]), ci_level=ci_level, nan_policy=nan_policy,
                                 n_boot=n_boot, seed=seed, name=name, complete=complete)
    return _alpha_result(cov, frame, complete, ci_level=ci_level, nan_policy=nan_policy, n_boot=n_boot, seed=seed, name=name, cor=cor)


def _cronbach_moments(m, *, ci_level: float, nan_policy: str, n_boot: int = 0, seed=None, name=None, complete=None):
    """Alpha of the complete rows summarised by their moments (``complete``: the rows, for a bootstrap)."""
    items = _item_stats(m.cov(), list(m.columns), n=np.full(len(m.columns), m.n), mean=m.mean)
    return _alpha_result(m.cov(), items, complete, n=m.n, ci_level=ci_level, nan_policy=nan_policy, n_boot=n_boot, seed=seed, name=name)


def _alpha_result(cov, frame, complete, *, ci_level: float, nan_policy: str, n_boot: int = 0, seed=None, name=None,
                  cor: str = "pearson", n: int | None = None):
    """The result from the covariance matrix; ``frame`` is the item frame, or the item table already made."""
    k = cov.shape[0]
    sd = np.sqrt(np.diag(cov))
    premade = "r_drop" in frame.columns
    names = list(frame.index) if premade else list(frame.columns)
    check_duplicates_corr(cov / np.outer(sd, sd), names, what="cronbach_alpha")
    n = len(frame) if n is None else n
    total_var = cov.sum()
    if not total_var > 0:
        raise AnalysisError("cronbach_alpha: the total score has zero variance")
    alpha = float(_alpha_from_cov(cov))
    std_alpha, rbar = _std_alpha_from_cov(cov)
    feldt = feldt_ci(alpha, n, k, ci_level)
    items = frame if premade else _item_table(frame if cor == "pearson" else frame.dropna(), cov)
    if cor == "polychoric":
        items["n"] = frame.notna().sum().to_numpy()
        items["mean"] = frame.mean().to_numpy()
        items["sd"] = frame.std().to_numpy()
    boot_ci = None
    ci_method = "feldt"
    ci = feldt
    if n_boot:
        if len(complete) < 3:
            raise AnalysisError("cronbach_alpha: the bootstrap needs at least 3 complete rows")
        boots = bootstrap_alpha(complete, n_boot, seed)
        boots = boots[np.isfinite(boots)]
        a = 1 - ci_level
        lo, hi = np.quantile(boots, [a / 2, 1 - a / 2])
        boot_ci = (float(lo), float(hi))
        ci, ci_method = boot_ci, "bootstrap"
    issues = []
    negative = items.index[items["r_drop"] < 0].tolist()
    if negative:
        msg = (
            f"items correlate negatively with the rest of the scale{f' {name}' if name else ''}: {negative}; "
            "are they reverse-worded and not yet reversed (declare reverse keys in the questionnaire)?"
        )
        issues.append(msg)
        warnings.warn(msg, SurveyWarning, stacklevel=2)
    if k == 2:
        issues.append("two items: alpha if item deleted is not defined (a single item has no alpha)")
    result = AlphaResult(
        alpha=alpha,
        std_alpha=float(std_alpha),
        ci_low=ci[0],
        ci_high=ci[1],
        n=n,
        k=k,
        item_stats=items,
        average_r=float(rbar),
        ci_level=ci_level,
        ci_method=ci_method,
        feldt_ci=feldt,
        bootstrap_ci=boot_ci,
        n_boot=n_boot,
        seed=seed,
        nan_policy=nan_policy,
        name=name,
        issues=tuple(issues),
        correlation=cor,
    )
    return result, cov


# ----------------------------------------------------------------------------------------------
# schema level
# ----------------------------------------------------------------------------------------------


def _construct_name(construct, lang: str = "en") -> str:
    name = getattr(construct, "name", None)
    if name is None:
        return str(construct.id)
    if isinstance(name, str):
        return name
    text = getattr(name, lang, None) or getattr(name, "en", None) or getattr(name, "zh", None)
    return str(text) if text else str(construct.id)


@dataclass(frozen=True, repr=False)
class ReliabilityResult(KeyedFindings, Result):
    """Reliability of every construct of a questionnaire: one row per construct."""

    table: pd.DataFrame
    alphas: dict
    skipped: dict
    names_zh: dict = field(default_factory=dict)
    correlation: str = "pearson"

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def finding_objects(self) -> list[Finding]:
        """``reliability.range_acceptable`` or ``reliability.range_low`` (main), then each
        construct's alpha findings (detail; their ids are construct ids), then
        ``reliability.skipped`` (caution) per construct that has no alpha."""
        out = []
        t = self.table
        if len(t):
            low = float(t["alpha"].min())
            key = "reliability.range_acceptable" if low >= 0.7 else "reliability.range_low"
            out.append(Finding(key, {"low": low, "high": float(t["alpha"].max()), "n_constructs": len(t), "kind": self.correlation,
                                     "range_kind": f"range_{self.correlation}"}, ids=tuple(map(str, t.index))))
        for cid, res in self.alphas.items():
            for f in _rename(res, cid).finding_objects():
                out.append(f if f.key != "reliability.alpha" else Finding(f.key, f.values, level="detail", ids=f.ids))
        for cid, why in self.skipped.items():
            out.append(Finding("reliability.skipped", {"construct": cid, "reason": why}, level="caution", ids=(cid,)))
        return out

    def default_labels(self, lang: str) -> dict:
        """Each construct by its name (Chinese where the questionnaire gives one); skipped constructs by id."""
        names = {cid: res.name or cid for cid, res in self.alphas.items()}
        return names | ({cid: n for cid, n in self.names_zh.items() if cid in names and n} if lang == "zh" else {})


def _rename(res: AlphaResult, name: str | None) -> AlphaResult:
    import dataclasses

    return dataclasses.replace(res, name=name)


def reliability(
    responses,
    *,
    ci_level: float = 0.95,
    nan_policy: str = "listwise",
    omega: bool = True,
    constructs: list[str] | None = None,
    cor: str = "pearson",
) -> ReliabilityResult:
    """Cronbach's alpha (Feldt CI) and McDonald's omega for every construct of the questionnaire.

    ``responses`` is a ``Responses`` object: ``responses.questionnaire.constructs`` (each with
    ``.id``, ``.name`` (``.zh``/``.en``), ``.items``) and ``responses.construct_items(id)`` giving
    the construct's item columns with the schema's reverse keys applied. Single-item constructs
    are listed in ``skipped``, never silently dropped.

    The table has one row per construct: ``name, k, n, alpha, std_alpha, ci_low, ci_high,
    omega_total, min_r_drop, label``.

    ``cor="polychoric"`` reports ordinal alpha and ordinal omega (from each construct's polychoric
    matrix) in the same columns; ``correlation`` on the result says which was used.
    """
    from .._checks import check_not_singular
    from ._threads import single_thread
    from .omega import omega_from_corr
    from .polychoric import check_cor

    check_cor(cor, what="reliability")

    rows = []
    alphas: dict = {}
    skipped: dict = {}
    names_zh: dict = {}
    for construct in responses.questionnaire.constructs:
        cid = str(construct.id)
        if constructs is not None and cid not in constructs:
            continue
        items = list(getattr(construct, "items", []) or [])
        if len(items) < 2:
            skipped[cid] = "fewer than two items: reliability is not defined"
            continue
        frame = responses.construct_items(cid)
        name = _construct_name(construct, "en")
        names_zh[cid] = _construct_name(construct, "zh")
        try:
            checked = item_frame(frame, what=f"reliability of {cid}", nan_policy=nan_policy, check_duplicates=False)
            res, cov = _cronbach(checked, ci_level=ci_level, nan_policy=nan_policy, name=name, cor=cor)
        except AnalysisError as err:
            skipped[cid] = str(err)
            continue
        om = math.nan
        if omega and res.k >= 3:
            sd = np.sqrt(np.diag(cov))
            corr = cov / np.outer(sd, sd)
            try:
                check_not_singular(corr, list(res.item_stats.index), what=f"omega of {cid}")
                with single_thread():
                    om = omega_from_corr(corr, list(res.item_stats.index), res.n, n_group_factors=None).omega_total
            except AnalysisError:
                om = math.nan
        alphas[cid] = res
        rows.append(
            {
                "construct": cid,
                "name": name,
                "role": getattr(construct, "role", None),
                "k": res.k,
                "n": res.n,
                "alpha": res.alpha,
                "std_alpha": res.std_alpha,
                "ci_low": res.ci_low,
                "ci_high": res.ci_high,
                "omega_total": om,
                "min_r_drop": float(res.item_stats["r_drop"].min()),
                "label": res.label,
            }
        )
    table = pd.DataFrame(rows)
    if len(table):
        table = table.set_index("construct")
        if table["omega_total"].isna().all():
            table = table.drop(columns=["omega_total"])
    return ReliabilityResult(table=table, alphas=alphas, skipped=skipped, names_zh=names_zh, correlation=cor)
