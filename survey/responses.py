"""``Responses``: one table of answers, tied to its questionnaire, its source and its ledger.

It sits below the loaders (they build it) and above nothing but the schema. Every method returns a
new object; the data it holds is never changed in place.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .errors import AnalysisError, Problem, ResponseDataError, SurveyError
from .prep.ledger import LedgerEntry, ledger_frame

if TYPE_CHECKING:
    from .prep.quality import QualityReport
    from .schema.model import Questionnaire
    from .prep.weighting import WeightingResult


@dataclass(frozen=True)
class Source:
    """Where the data came from."""

    path: str
    format: str
    sha256: str
    rows_read: int
    encoding: str | None = None
    sheet: str | None = None
    unmatched_columns: tuple[str, ...] = ()
    absent_items: tuple[str, ...] = ()  # questionnaire items with no column in the file (all missing)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


@dataclass(frozen=True, eq=False, repr=False)
class Responses:
    """Answers of respondents (rows) to items (columns), with everything known about them.

    Attributes
    ----------
    data : DataFrame
        One row per respondent (index ``respondent``), one column per item id, numeric codes
        (float64; missing is NaN) or text for open questions.
    meta : DataFrame
        Same index: platform metadata such as ``submitted_at``, ``duration_s``, ``channel``, ``ip``.
    questionnaire : Questionnaire or None
    source : Source
    ledger : tuple of LedgerEntry
        Every change made since the file was read (declared missing codes, exclusions, recodes).
    personal : tuple of str
        Columns of ``data`` or ``meta`` that hold personal data; reports never show them.
    invalid : DataFrame
        Cells that did not fit the questionnaire when loaded (row, column, value as read,
        problem), kept so that ``quality`` and ``screen`` can report and act on them. In ``data``
        these cells are missing: no statistic, score or reverse key ever sees them.
    reversed_items : tuple of str
        Items whose codes in ``data`` are already reversed (by :meth:`reverse_keyed`).
    declared_missing : DataFrame
        How often each declared missing code (e.g. 9 "not answered", -2 "skipped") was found per
        column before it became missing (column, code, count).
    missing_codes : DataFrame
        Where those codes were: the rows of ``data``, one column per data column that held any,
        the declared missing code of each such cell (NaN elsewhere). A cell that held one was
        answered, for completeness, though it is missing in ``data``.
    weights : Series or None
        Survey weights, one per respondent (same index), set by :meth:`weight`; raked weights carry
        their margins (``weights.attrs["raking"]``). Statistics take them as ``weights=``.
    weighting : WeightingResult or None
        How the weights were made (design weights, raking, trimming, effective n, design effect).
    """

    data: pd.DataFrame
    meta: pd.DataFrame
    questionnaire: Questionnaire | None
    source: Source
    ledger: tuple[LedgerEntry, ...] = ()
    personal: tuple[str, ...] = ()
    invalid: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["row", "column", "value", "problem"]))
    reversed_items: tuple[str, ...] = ()
    declared_missing: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=["column", "code", "count"]))
    missing_codes: pd.DataFrame = field(default_factory=pd.DataFrame)
    weights: pd.Series | None = None
    weighting: WeightingResult | None = None

    def __post_init__(self) -> None:
        _check_invalid_cells_missing(self.data, self.invalid)
        if len(self.missing_codes.columns) and not self.missing_codes.index.equals(self.data.index):
            raise SurveyError("missing_codes must have the rows of data (same index, same order)")
        if self.weights is not None and not self.weights.index.equals(self.data.index):
            raise SurveyError("weights must have the rows of data (same index, same order)")

    def __repr__(self) -> str:
        q = self.questionnaire.id if self.questionnaire is not None else None
        return f"Responses(n={len(self.data)}, items={self.data.shape[1]}, questionnaire={q!r}, source={self.source.format!r})"

    def __len__(self) -> int:
        return len(self.data)

    # ---- what was found ---------------------------------------------------------------------
    @cached_property
    def quality(self) -> QualityReport:
        """Everything found wrong or suspicious in the data (computed once, on first use)."""
        from .prep.quality import assess

        return assess(self)

    @property
    def ledger_table(self) -> pd.DataFrame:
        return ledger_frame(self.ledger)

    def replace(self, **changes) -> Responses:
        """A new Responses with some fields replaced (the quality report is recomputed).

        New ``data`` with other rows takes the matching rows of ``missing_codes`` (by respondent
        id) unless ``missing_codes`` is given too.
        """
        if "data" in changes and "missing_codes" not in changes:
            changes["missing_codes"] = _rows_of(self.missing_codes, changes["data"].index)
        if "data" in changes and "weights" not in changes and self.weights is not None:
            changes["weights"] = _weights_of(self.weights, changes["data"].index)
        return dataclasses.replace(self, **changes)

    def at_rows(self, keep: np.ndarray) -> dict:
        """``data``, ``meta`` and ``missing_codes`` at the rows where the boolean ``keep`` is true
        (by position: right with duplicated ids too), as fields for :meth:`replace`."""
        codes = self.missing_codes.iloc[keep] if len(self.missing_codes.columns) else self.missing_codes
        rows = {"data": self.data.iloc[keep], "meta": self.meta.iloc[keep], "missing_codes": codes}
        if self.weights is not None:
            rows["weights"] = self.weights.iloc[keep]
        return rows

    # ---- screening and scoring --------------------------------------------------------------
    def screen(self, **rules) -> Responses:
        """Exclude respondents by explicit rules; see :func:`survey.prep.screening.screen`."""
        from .prep.screening import screen

        return screen(self, **rules)

    def scores(self, **options) -> pd.DataFrame:
        """Construct scores with the schema's reverse keys; see :func:`survey.prep.scoring.construct_scores`."""
        from .prep.scoring import construct_scores

        return construct_scores(self, **options)

    def reverse_keyed(self) -> Responses:
        """A new Responses whose reverse-keyed items (by the schema) are reversed, with a ledger entry."""
        from .prep.scoring import reverse_keyed

        return reverse_keyed(self)

    def construct_items(self, construct_id: str, *, reverse: bool = True) -> pd.DataFrame:
        """The item columns of one construct, reverse keys applied when the schema says so."""
        from .prep.scoring import construct_items

        return construct_items(self, construct_id, reverse=reverse)

    def exclude(self, respondents, *, reason: str) -> Responses:
        """Exclude the given respondents by hand, recorded in the ledger with ``reason``."""
        ids = [r for r in respondents]
        unknown = [r for r in ids if r not in self.data.index]
        if unknown:
            raise SurveyError(f"cannot exclude unknown respondents {unknown[:10]}")
        keep = ~self.data.index.isin(ids)
        entry = LedgerEntry("exclude", "manual", reason, tuple(ids), len(ids))
        return self.replace(**self.at_rows(keep), ledger=self.ledger + (entry,))

    def set_missing(self, cells: pd.DataFrame | None = None, *, reason: str = "invalid codes set to missing") -> Responses:
        """Set cells (``row``, ``column``; default: every invalid cell found on loading) to missing,
        recorded in the ledger. Invalid cells are already missing in ``data``; passing them here
        accepts them as missing answers, so they no longer flag their respondents ``invalid``."""
        cells = self.invalid if cells is None else cells
        data = self.data.copy()
        touched = []
        for row, column in zip(cells["row"], cells["column"]):
            if row in data.index and column in data.columns:
                data.loc[row, column] = np.nan
                touched.append(row)
        entry = LedgerEntry("set_missing", "manual", f"{reason}: {len(cells)} cell(s)", tuple(dict.fromkeys(touched)), len(cells))
        remaining = self.invalid.drop(cells.index, errors="ignore") if cells is not self.invalid else self.invalid.iloc[0:0]
        return self.replace(data=data, invalid=remaining, ledger=self.ledger + (entry,))

    def weight(self, *, design=None, rake=None, trim: float | None = None, max_iter: int = 100, tol: float = 1e-10) -> Responses:
        """A new Responses carrying survey weights, with a ledger entry saying how they were made.

        ``design``: design weights, a column of ``data`` or ``meta`` (or values aligned with the
        respondents); ``rake``: population margins ``{variable: {category: count}}`` over columns
        of ``data`` or ``meta`` (categories as the column holds them: codes for coded items);
        ``trim``: cap at this multiple of the mean weight. See :func:`survey.prep.weighting.weighting`;
        bad margins, non-positive design weights and non-convergence raise ``AnalysisError``.
        Statistics use the weights when given them: ``descriptives(r.data, ..., weights=r.weights)``.
        """
        from .prep.weighting import weighting

        names = ([design] if isinstance(design, str) else []) + list(rake or {})
        frame = pd.DataFrame(index=self.data.index)
        for name in names:
            source = self.data if name in self.data.columns else self.meta
            if name not in source.columns:
                raise AnalysisError(f"weight: {name!r} is neither an item nor a metadata column of the responses")
            frame[name] = source[name].to_numpy()
        result = weighting(frame, design=design, rake=rake, trim=trim, max_iter=max_iter, tol=tol)
        entry = LedgerEntry("weight", "raking" if rake else "design", result.describe(), (), len(self.data))
        return self.replace(weights=result.weights, weighting=result, ledger=self.ledger + (entry,))

    # ---- views ------------------------------------------------------------------------------
    def public_meta(self) -> pd.DataFrame:
        """Metadata without the personal columns: what a report may show."""
        return self.meta.drop(columns=[c for c in self.personal if c in self.meta.columns])

    def public_data(self) -> pd.DataFrame:
        """Item data without the personal columns."""
        return self.data.drop(columns=[c for c in self.personal if c in self.data.columns])

    def require_questionnaire(self, what: str) -> Questionnaire:
        if self.questionnaire is None:
            raise AnalysisError(f"{what} needs a questionnaire: load the responses with one (load_responses(path, q))")
        return self.questionnaire


def _check_invalid_cells_missing(data: pd.DataFrame, invalid: pd.DataFrame) -> None:
    """Refuse a table in which a cell listed as invalid still holds a value."""
    if not len(invalid):
        return
    problems = []
    for column, rows in invalid.groupby("column", sort=False)["row"]:
        if column not in data.columns:
            continue
        held = data.index.isin(rows) & data[column].notna().to_numpy()
        problems.extend(
            Problem(f"respondent {row!r}, column {column!r}", f"value {value!r} is listed as invalid but is still in the data", "a missing value")
            for row, value in zip(data.index[held], data[column].to_numpy()[held])
        )
    if problems:
        raise ResponseDataError(f"{len(problems)} invalid cell(s) still hold a value: they would reach the statistics", problems)


def _weights_of(weights: pd.Series, index: pd.Index) -> pd.Series:
    """The weights of the respondents of ``index`` (by id); an error for a respondent without one."""
    if weights.index.equals(index):
        return weights
    if not weights.index.is_unique or not index.isin(weights.index).all():
        raise SurveyError("the new data has respondents without a weight: pass weights with the new data (see Responses.at_rows)")
    return weights.reindex(index)


def _rows_of(codes: pd.DataFrame, index: pd.Index) -> pd.DataFrame:
    """``codes`` at the respondents of ``index`` (rows it does not know hold no code)."""
    if not len(codes.columns) or codes.index.equals(index):
        return codes
    if not codes.index.is_unique:
        raise SurveyError("respondent ids repeat: pass missing_codes with the new data (see Responses.at_rows)")
    return codes.reindex(index)
