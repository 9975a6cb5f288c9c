"""Kano analysis: the evaluation table, category counts, Better/Worse and continuous scores.

Each attribute is asked twice: functional ("if the service has X, how do you feel?") and
dysfunctional ("if it does not have X?"), answers 1 like, 2 must-be, 3 neutral, 4 live-with,
5 dislike. The evaluation table turns each answer pair into A (attractive), O (one-dimensional),
M (must-be), I (indifferent), R (reverse) or Q (questionable).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError, Problem, ResponseDataError, SurveyWarning
from ..findings import Finding, KeyedFindings
from ..findings.catalogue.kano import CATEGORIES as CATEGORY_NAMES

__all__ = ["KANO_TABLE", "KanoResult", "kano"]

CATEGORIES = ("A", "O", "M", "I", "R", "Q")
#: rows: functional answer 1..5; columns: dysfunctional answer 1..5 (METHODS.md).
KANO_TABLE = pd.DataFrame(
    [list("QAAAO"), list("RIIIM"), list("RIIIM"), list("RIIIM"), list("RRRRQ")],
    index=pd.Index([1, 2, 3, 4, 5], name="functional"),
    columns=pd.Index([1, 2, 3, 4, 5], name="dysfunctional"),
)
_LOOKUP = np.array(KANO_TABLE.to_numpy(), dtype=object)
PRIORITY = ("M", "O", "A", "I", "R", "Q")  # the M > O > A > I rule for close calls
FUNCTIONAL_SCORE = {1: 4.0, 2: 2.0, 3: 0.0, 4: -1.0, 5: -2.0}  # DuMouchel (1993)
DYSFUNCTIONAL_SCORE = {1: -2.0, 2: -1.0, 3: 0.0, 4: 2.0, 5: 4.0}
NAMES = CATEGORY_NAMES  # the categories' names in each language (the findings catalogue holds them)


@dataclass(frozen=True)
class KanoResult(KeyedFindings, Result):
    """Kano classification of each attribute.

    ``table`` has one row per attribute: counts ``A O M I R Q``, ``n``, shares ``pct_*``,
    ``category`` (final, after the close-call rule), ``modal`` (the plain mode), ``runner_up``,
    ``mixed`` (top two within ``close`` or not significantly different by Fong's test),
    ``fong_diff``, ``fong_critical``, ``fong_significant``, ``total_strength`` ((A+O+M)/n),
    ``better``, ``worse``, and the continuous (DuMouchel) ``functional_mean``,
    ``dysfunctional_mean``, ``functional_sd``, ``dysfunctional_sd``.
    ``n_dropped`` respondents were removed by the Q rule (``max_questionable``).
    """

    table: pd.DataFrame
    close: float
    fong_z: float
    max_questionable: int | None
    n_dropped: int

    @property
    def counts(self) -> pd.DataFrame:
        return self.table.loc[:, list(CATEGORIES)]

    @property
    def category(self) -> pd.Series:
        return self.table["category"]

    @property
    def better(self) -> pd.Series:
        return self.table["better"]

    @property
    def worse(self) -> pd.Series:
        return self.table["worse"]

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def finding_objects(self) -> list[Finding]:
        """``kano.attribute`` per attribute (main: category, Better, Worse, and whether the category
        is a mixed one) and ``kano.dropped`` (caution) when respondents were removed."""
        out = []
        for attr, row in self.table.iterrows():
            other = row["modal"] if row["category"] != row["modal"] else row["runner_up"]
            out.append(Finding("kano.attribute", {"attribute": attr, "category": row["category"], "better": row["better"], "worse": row["worse"],
                                                  "mixed": "mixed" if row["mixed"] else "none", "other": other}, ids=(attr,)))
        if self.n_dropped:
            out.append(Finding("kano.dropped", {"n_dropped": self.n_dropped}, level="caution"))
        return out

    def plot(self, ax=None, *, lang: str = "en"):
        from ..figures.models import plot_kano

        return plot_kano(self, ax=ax, lang=lang)


def _check_codes(functional: pd.DataFrame, dysfunctional: pd.DataFrame) -> None:
    for name, frame in (("functional", functional), ("dysfunctional", dysfunctional)):
        if not isinstance(frame, pd.DataFrame):
            raise ResponseDataError(f"kano: {name} answers must be a DataFrame, got {type(frame).__name__}")
    if list(functional.columns) != list(dysfunctional.columns):
        raise ResponseDataError(
            "kano: functional and dysfunctional answers must have the same attribute columns in the same order",
            [Problem("columns", f"functional {list(functional.columns)} vs dysfunctional {list(dysfunctional.columns)}")],
        )
    if not functional.index.equals(dysfunctional.index):
        raise ResponseDataError("kano: functional and dysfunctional answers must have the same respondents (index)")
    if functional.shape[1] == 0:
        raise ResponseDataError("kano: no attribute columns given")
    problems = []
    for name, frame in (("functional", functional), ("dysfunctional", dysfunctional)):
        for col in frame.columns:
            values = pd.to_numeric(frame[col], errors="coerce")
            bad = frame[col].notna() & ~values.isin([1, 2, 3, 4, 5])
            for row in frame.index[bad.to_numpy()]:
                problems.append(Problem(f"{name} row {row!r}, column {col!r}", f"value {frame.at[row, col]!r}", "a Kano code 1..5 or missing"))
    if problems:
        raise ResponseDataError(f"kano: {len(problems)} answers are not Kano codes 1..5", problems)


def kano(
    functional: pd.DataFrame,
    dysfunctional: pd.DataFrame,
    *,
    close: float = 0.06,
    fong_z: float = 1.65,
    max_questionable: int | None = None,
) -> KanoResult:
    """Classify attributes by the Kano evaluation table.

    Parameters
    ----------
    functional, dysfunctional : DataFrame
        One row per respondent, one column per attribute (same columns, same index), codes 1 like,
        2 must-be, 3 neutral, 4 live-with, 5 dislike. A pair with a missing answer is skipped.
    close : float
        When the top two categories are within this share of answers (default 6 percentage
        points), or Fong's test says they do not differ, the attribute is *mixed* and the
        M > O > A > I rule picks between them.
    fong_z : float
        Critical value of Fong's test, |a − b| < z·√((a+b)(2n−a−b)/(2n)) (1.65 by convention).
    max_questionable : int, optional
        Respondent-level cleaning: drop respondents with more than this many Q answers.

    Examples
    --------
    >>> import pandas as pd
    >>> f = pd.DataFrame({"housing": [1, 1, 2, 5], "school": [3, 3, 1, 3]})
    >>> d = pd.DataFrame({"housing": [5, 3, 5, 5], "school": [5, 5, 3, 3]})
    >>> res = kano(f, d)
    >>> res.counts.loc["housing"].tolist()
    [1, 1, 1, 0, 0, 1]
    >>> res.category["school"]
    'M'
    """
    _check_codes(functional, dysfunctional)
    fun = functional.apply(pd.to_numeric)
    dys = dysfunctional.apply(pd.to_numeric)
    fv = fun.to_numpy(dtype=float)
    dv = dys.to_numpy(dtype=float)
    ok = ~(np.isnan(fv) | np.isnan(dv))
    cats = np.full(fv.shape, "", dtype=object)
    cats[ok] = _LOOKUP[fv[ok].astype(int) - 1, dv[ok].astype(int) - 1]
    n_dropped = 0
    if max_questionable is not None:
        if int(max_questionable) != max_questionable or max_questionable < 0:
            raise AnalysisError(f"kano: max_questionable must be a whole number >= 0, got {max_questionable!r}")
        keep = (cats == "Q").sum(axis=1) <= max_questionable
        n_dropped = int((~keep).sum())
        cats, fv, dv, ok = cats[keep], fv[keep], dv[keep], ok[keep]
    rows = []
    attrs = list(functional.columns)
    for j, attr in enumerate(attrs):
        c = cats[ok[:, j], j]
        n = int(c.size)
        if n == 0:
            raise AnalysisError(f"kano: attribute {attr!r} has no complete functional/dysfunctional answer pair")
        counts = {k: int((c == k).sum()) for k in CATEGORIES}
        row: dict = dict(counts)
        row["n"] = n
        for k in CATEGORIES:
            row[f"pct_{k}"] = counts[k] / n
        row.update(_decide(counts, n, close=close, fong_z=fong_z))
        row["total_strength"] = (counts["A"] + counts["O"] + counts["M"]) / n
        aomi = counts["A"] + counts["O"] + counts["M"] + counts["I"]
        if aomi == 0:
            warnings.warn(f"kano: attribute {attr!r} has no A, O, M or I answers; Better and Worse set to 0", SurveyWarning, stacklevel=2)
            row["better"], row["worse"] = 0.0, 0.0
        else:
            row["better"] = (counts["A"] + counts["O"]) / aomi
            row["worse"] = -(counts["O"] + counts["M"]) / aomi
        fs = pd.Series(fv[ok[:, j], j]).map(FUNCTIONAL_SCORE)
        ds = pd.Series(dv[ok[:, j], j]).map(DYSFUNCTIONAL_SCORE)
        row["functional_mean"] = float(fs.mean())
        row["dysfunctional_mean"] = float(ds.mean())
        row["functional_sd"] = float(fs.std(ddof=1)) if n > 1 else 0.0
        row["dysfunctional_sd"] = float(ds.std(ddof=1)) if n > 1 else 0.0
        rows.append(row)
    table = pd.DataFrame(rows, index=pd.Index(attrs, name="attribute"))
    return KanoResult(table=table, close=close, fong_z=fong_z, max_questionable=max_questionable, n_dropped=n_dropped)


def fong_test(a: int, b: int, n: int, *, z: float = 1.65) -> tuple[float, float, bool]:
    """Fong's test of two category counts out of n: (|a − b|, critical value, significant)."""
    critical = z * math.sqrt((a + b) * (2 * n - a - b) / (2 * n))
    diff = abs(a - b)
    return float(diff), float(critical), bool(diff >= critical)


def _decide(counts: dict[str, int], n: int, *, close: float, fong_z: float) -> dict:
    # mode, ties broken by the priority order
    order = sorted(CATEGORIES, key=lambda k: (-counts[k], PRIORITY.index(k)))
    first, second = order[0], order[1]
    diff, critical, significant = fong_test(counts[first], counts[second], n, z=fong_z)
    within = (counts[first] - counts[second]) / n < close
    mixed = bool(within or not significant) and counts[second] > 0
    category = min((first, second), key=PRIORITY.index) if mixed else first
    return {
        "category": category,
        "modal": first,
        "runner_up": second,
        "mixed": mixed,
        "fong_diff": diff,
        "fong_critical": critical,
        "fong_significant": significant,
    }
