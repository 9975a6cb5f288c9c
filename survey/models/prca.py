"""Penalty–reward contrast analysis (Brandt 1987) and the impact-asymmetry index (Mikulić & Prebežac 2008).

For each attribute two dummies mark a low rating (``low`` band) and a high rating (``high`` band);
overall satisfaction is regressed on all dummies at once (middle ratings are the reference).
The low dummy's coefficient is the *penalty* p, the high dummy's the *reward* r;
RIOCS = r + |p|, IA = (r − |p|) / RIOCS. IA above the upper band marks an excitement factor
(satisfier, motivator-like), below the lower band a basic factor (dissatisfier, hygiene-like),
otherwise a performance factor.

IA is an index on [−1, 1] only while the reward is not negative; a negative reward (a high rating
that lowers satisfaction) gives values outside that range, which are not an asymmetry but an
anomaly: such an attribute gets the class ``undefined``, and a bootstrap interval reaching beyond
[−1, 1] is not reported as the index's interval (``ia_out_of_range`` gives the share of resamples
outside the range).
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from .._bootstrap import percentile_ci, report_failures
from .._checks import check_ci_level, check_n_boot, numeric_frame
from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings import Finding, KeyedFindings
from ..findings.catalogue.prca import CLASSES, ROLES
from ..stats.ols import ols
from ._resample import distinct_rows

__all__ = ["PRCAResult", "prca", "ia_class", "role_match"]

CLASS_NAMES = CLASSES  # the classes' names in each language (the findings catalogue holds them)
ROLE_NAMES = ROLES
ROLES = ("hygiene", "motivator")


def ia_in_range(ia) -> np.ndarray | bool:
    """Whether IA lies in its defined range [−1, 1] (it leaves it only when the reward is negative)."""
    return np.abs(ia) <= 1 + 1e-12


def ia_class(ia: float, bands: tuple[float, float] = (-0.2, 0.2)) -> str:
    """The class of an impact-asymmetry value: ``basic`` below the lower band, ``excitement`` above
    the upper, ``undefined`` outside [−1, 1] (an anomaly, not an asymmetry)."""
    if not ia_in_range(ia):
        return "undefined"
    if ia > bands[1]:
        return "excitement"
    if ia < bands[0]:
        return "basic"
    return "performance"


def role_match(role: str | None, cls: str) -> str:
    """Compare an a-priori role with an empirical class: ``confirmed``, ``reversed`` or ``mixed``."""
    if role not in ROLES:
        return "no role"
    if cls == "undefined":
        return "undetermined"
    if cls == "performance":
        return "mixed"
    expected = "basic" if role == "hygiene" else "excitement"
    return "confirmed" if cls == expected else "reversed"


@dataclass(frozen=True)
class PRCAResult(KeyedFindings, Result):
    """Penalty, reward, RIOCS, IA and class of each attribute.

    ``table`` (one row per attribute): ``n_low``, ``n_high``, ``penalty``, ``penalty_se``,
    ``penalty_p``, ``reward``, ``reward_se``, ``reward_p``, ``riocs``, ``ia``, ``class``; with a
    bootstrap also ``*_ci_low``/``*_ci_high`` for penalty, reward and ia, ``class_stability``
    (share of resamples giving the same class) and ``ia_out_of_range`` (share of resamples whose IA
    falls outside [−1, 1]; an interval reaching beyond the range is not the index's interval, see
    :meth:`ia_ci_reportable`); with ``roles`` also ``role`` and ``match``.
    ``coefficients`` is the full regression table; ``r2`` and ``n`` describe the fit.
    """

    table: pd.DataFrame
    coefficients: pd.DataFrame
    r2: float
    n: int
    outcome: str
    low: tuple[float, float]
    high: tuple[float, float]
    bands: tuple[float, float]
    n_boot: int
    n_boot_failed: int
    seed: int | None
    ci_level: float

    @property
    def classes(self) -> pd.Series:
        return self.table["class"]

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def ia_ci_reportable(self) -> pd.Series:
        """Per attribute: whether the bootstrap interval of IA lies within [−1, 1] (False without a bootstrap)."""
        if not self.n_boot:
            return pd.Series(False, index=self.table.index)
        return (self.table["ia_ci_low"] >= -1) & (self.table["ia_ci_high"] <= 1)

    def finding_objects(self) -> list[Finding]:
        """Per attribute, ``prca.attribute`` (main: its class, penalty, reward, IA with its interval
        or why none is given, and whether it matches its a-priori role) or, when IA falls outside
        [−1, 1], ``prca.anomaly`` (caution)."""
        out = []
        reportable = self.ia_ci_reportable()
        for attr, row in self.table.iterrows():
            values = {"attribute": attr, "penalty": row["penalty"], "reward": row["reward"], "ia": row["ia"]}
            if row["class"] == "undefined":
                out.append(Finding("prca.anomaly", values, level="caution", ids=(attr,)))
                continue
            match = row["match"] if "match" in row and row["match"] != "no role" else "none"
            values |= {
                "penalty": abs(row["penalty"]), "reward": abs(row["reward"]), "class": row["class"],
                "article": "an" if row["class"] == "excitement" else "a",
                "low_effect": "lowers" if row["penalty"] <= 0 else "raises", "high_effect": "raises" if row["reward"] >= 0 else "lowers",
                "interval": "none" if not self.n_boot else "interval" if reportable[attr] else "no_interval",
                "ia_ci_low": row.get("ia_ci_low"), "ia_ci_high": row.get("ia_ci_high"), "ci_level": self.ci_level,
                "out_of_range": 100 * row["ia_out_of_range"] if "ia_out_of_range" in row else None,
                "match": match, "role": row.get("role"),
            }
            out.append(Finding("prca.attribute", values, ids=(attr,)))
        return out

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.models import plot_prca

        return plot_prca(self, ax=ax, lang=lang)


def _band(values: tuple[float, float], name: str) -> tuple[float, float]:
    try:
        lo, hi = (float(values[0]), float(values[1]))
    except (TypeError, ValueError, IndexError):
        raise AnalysisError(f"prca: {name} must be a (lowest, highest) pair of scale codes, got {values!r}") from None
    if lo > hi:
        raise AnalysisError(f"prca: {name} band {values!r} has its lowest code above its highest")
    return lo, hi


def _design(frame: pd.DataFrame, attributes: Sequence[str], low, high, min_cases: int):
    cols, names, n_low, n_high = [], [], [], []
    n = len(frame)
    for a in attributes:
        x = frame[a].to_numpy()
        dl = ((x >= low[0]) & (x <= low[1])).astype(float)
        dh = ((x >= high[0]) & (x <= high[1])).astype(float)
        for band, d, rng in (("low", dl, low), ("high", dh, high)):
            k = int(d.sum())
            if k == 0:
                raise AnalysisError(
                    f"prca: attribute {a!r} has no respondents in the {band} band {rng[0]:g}–{rng[1]:g}; "
                    f"widen the band (low=/high=) or leave the attribute out"
                )
            if k < min_cases:
                warnings.warn(f"prca: attribute {a!r} has only {k} respondents in the {band} band (fewer than {min_cases}); "
                              "its coefficient is unstable", SurveyWarning, stacklevel=3)
        if int((dl + dh).sum()) == n:
            raise AnalysisError(f"prca: attribute {a!r} has no respondents between the low and high bands (the reference "
                                "group is empty); narrow the bands")
        cols += [dl, dh]
        names += [f"{a}:low", f"{a}:high"]
        n_low.append(int(dl.sum()))
        n_high.append(int(dh.sum()))
    return np.column_stack(cols), names, n_low, n_high


def _ia(p: np.ndarray, r: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    riocs = r + np.abs(p)
    with np.errstate(invalid="ignore", divide="ignore"):
        ia = np.where(riocs != 0, (r - np.abs(p)) / np.where(riocs != 0, riocs, 1.0), 0.0)
    return riocs, ia


def prca(
    df: pd.DataFrame,
    outcome: str,
    attributes: Sequence[str],
    *,
    low: tuple[float, float] = (1, 2),
    high: tuple[float, float] = (5, 5),
    bands: tuple[float, float] = (-0.2, 0.2),
    roles: Mapping[str, str] | None = None,
    n_boot: int = 0,
    seed: int | None = None,
    ci_level: float = 0.95,
    min_cases: int = 10,
) -> PRCAResult:
    """Penalty–reward contrast analysis with the impact-asymmetry index.

    Parameters
    ----------
    df : DataFrame
        One row per respondent (incomplete rows are dropped listwise).
    outcome : str
        Overall satisfaction column.
    attributes : sequence of str
        Attribute performance ratings.
    low, high : (lowest, highest)
        Inclusive code ranges of the low and high bands (default 1–2 and 5 on a 1–5 scale).
    bands : (lower, upper)
        IA cut-points: IA < lower is basic, IA > upper is excitement (default ±.2).
    roles : mapping, optional
        A-priori role of each attribute, ``"hygiene"`` or ``"motivator"``; adds ``role`` and
        ``match`` (``confirmed``/``reversed``/``mixed``) columns.
    n_boot, seed, ci_level :
        Seeded percentile bootstrap of penalty, reward and IA (0 = none).
    min_cases : int
        Warn when a band holds fewer respondents than this.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> rng = np.random.default_rng(1)
    >>> x = pd.DataFrame(rng.integers(1, 6, size=(300, 2)), columns=["pay", "growth"])
    >>> x["overall"] = 3 - 1.0 * (x.pay <= 2) + 1.0 * (x.growth == 5) + rng.normal(0, .5, 300)
    >>> res = prca(x, "overall", ["pay", "growth"], roles={"pay": "hygiene", "growth": "motivator"})
    >>> res.table[["class", "match"]].values.tolist()
    [['basic', 'confirmed'], ['excitement', 'confirmed']]
    """
    what = "penalty–reward contrast analysis"
    attributes = list(attributes)
    if not attributes:
        raise AnalysisError("prca: no attributes given")
    if outcome in attributes:
        raise AnalysisError(f"prca: the outcome {outcome!r} is also listed as an attribute")
    low, high = _band(low, "low"), _band(high, "high")
    if not low[1] < high[0]:
        raise AnalysisError(f"prca: the low band {low} and the high band {high} overlap")
    if not bands[0] <= bands[1]:
        raise AnalysisError(f"prca: bands must be (lower, upper) with lower <= upper, got {bands!r}")
    check_ci_level(ci_level)
    n_boot = check_n_boot(n_boot)
    frame = numeric_frame(df, [outcome, *attributes], what=what, min_rows=3)
    x, names, n_low, n_high = _design(frame, attributes, low, high, min_cases)
    y = frame[outcome].to_numpy()
    fit = ols(x, y, names, what=what)
    k = len(attributes)
    p = fit.coef[1::2][:k]
    r = fit.coef[2::2][:k]
    riocs, ia = _ia(p, r)
    tvals = fit.coef / fit.se
    pvals = 2 * stats.t.sf(np.abs(tvals), fit.df_resid)
    table = pd.DataFrame(
        {
            "n_low": n_low,
            "n_high": n_high,
            "penalty": p,
            "penalty_se": fit.se[1::2][:k],
            "penalty_p": pvals[1::2][:k],
            "reward": r,
            "reward_se": fit.se[2::2][:k],
            "reward_p": pvals[2::2][:k],
            "riocs": riocs,
            "ia": ia,
        },
        index=pd.Index(attributes, name="attribute"),
    )
    table["class"] = [ia_class(v, bands) for v in ia]
    wrong = [a for a, pp, rr, ppv, rpv in zip(attributes, p, r, table["penalty_p"], table["reward_p"])
             if (pp > 0 and ppv < 0.05) or (rr < 0 and rpv < 0.05)]
    if wrong:
        warnings.warn(f"prca: significant penalty above 0 or reward below 0 (unexpected sign) for {wrong}; "
                      "IA = (r − |p|)/(r + |p|) is hard to read for them",
                      SurveyWarning, stacklevel=2)
    n_failed = 0
    if n_boot:
        draws, n_failed = _bootstrap(x, y, n_boot=n_boot, seed=seed)
        report_failures(n_failed, n_boot, what="prca", why="a band empty in the resample")
        bp, br = draws[:, 0::2], draws[:, 1::2]
        _, bia = _ia(bp, br)
        bia[np.isnan(bp)] = np.nan
        for name, d in (("penalty", bp), ("reward", br), ("ia", bia)):
            lo_, hi_ = percentile_ci(d, ci_level)
            table[f"{name}_ci_low"], table[f"{name}_ci_high"] = lo_, hi_
        ok = ~np.isnan(bia[:, 0])
        table["ia_out_of_range"] = (~ia_in_range(bia[ok])).mean(axis=0)
        lower, upper = bands
        cls_draw = np.where(~ia_in_range(bia[ok]), "undefined",
                            np.where(bia[ok] > upper, "excitement", np.where(bia[ok] < lower, "basic", "performance")))
        table["class_stability"] = (cls_draw == table["class"].to_numpy()[None, :]).mean(axis=0)
    if roles is not None:
        unknown = {a: v for a, v in roles.items() if v not in ROLES}
        if unknown:
            raise AnalysisError(f"prca: roles must be 'hygiene' or 'motivator', got {unknown}")
        table["role"] = [roles.get(a, "none") for a in attributes]
        table["match"] = [role_match(roles.get(a), c) for a, c in zip(attributes, table["class"])]
    coefs = fit.table(ci_level)
    return PRCAResult(table=table, coefficients=coefs, r2=fit.r2, n=fit.n, outcome=outcome, low=low, high=high,
                      bands=tuple(bands), n_boot=n_boot, n_boot_failed=n_failed, seed=seed, ci_level=ci_level)


def _bootstrap(x: np.ndarray, y: np.ndarray, *, n_boot: int, seed: int | None, chunk: int = 100) -> tuple[np.ndarray, int]:
    """Resample respondents; refit through weighted normal equations (weights = resample counts).

    The cross-products of every resample come from one matrix product: with z the row-wise
    products of the design's columns (upper triangle), X′WX = wᵀz for each resample's count vector w.
    """
    rng = np.random.default_rng(seed)
    n = len(y)
    # respondents with the same bands and outcome are interchangeable: count resample draws per
    # distinct row (the draws, and so the resamples, are the same as without this step)
    xy, inverse = distinct_rows(np.column_stack([np.ones(n), x, y]))
    rows = len(xy)
    q = xy.shape[1]
    iu, ju = np.triu_indices(q)
    rows_per_block = max(1, int(4e6 // len(iu)))
    out = np.full((n_boot, x.shape[1]), np.nan)
    failed = 0
    for start in range(0, n_boot, chunk):
        b = min(chunk, n_boot - start)
        w = np.empty((b, rows))
        for j in range(b):
            w[j] = np.bincount(inverse[rng.integers(0, n, n)], minlength=rows)
        m = np.zeros((b, len(iu)))
        for r0 in range(0, rows, rows_per_block):
            part = xy[r0 : r0 + rows_per_block]
            m += w[:, r0 : r0 + rows_per_block] @ (part[:, iu] * part[:, ju])
        full = np.zeros((b, q, q))
        full[:, iu, ju] = m
        full[:, ju, iu] = m
        a, v = full[:, :-1, :-1], full[:, :-1, -1]
        col = a[:, 0, 1:]  # weighted band counts
        ok = ~(np.any(col == 0, axis=1) | np.any(col[:, 0::2] + col[:, 1::2] >= a[:, 0, :1], axis=1))
        idx = np.flatnonzero(ok)
        for i in idx:
            try:
                out[start + i] = np.linalg.solve(a[i], v[i])[1:]
            except np.linalg.LinAlgError:
                failed += 1
        failed += int((~ok).sum())
    return out, failed
