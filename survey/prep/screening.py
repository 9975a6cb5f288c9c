"""Screening: exclude respondents by rules the user chose, and record every exclusion.

The counts always reconcile: ``n_input = n_used + Σ excluded(rule)``. A respondent caught by
several rules is counted under the first rule in the order given by ``order``.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..errors import SurveyError
from .ledger import LedgerEntry
from .quality import FLAG_COLUMNS, assess

RULE_ORDER = ("duplicate_id", "duplicate_answers", "invalid", "partial", "attention_failed", "speeder", "straightliner")


def screen(
    responses,
    *,
    duplicate_id: bool = True,
    duplicate_answers: bool = True,
    invalid: bool = True,
    partial: bool = True,
    attention_failed: bool = True,
    speeder: bool = True,
    straightliner: bool = True,
    speeder_fraction: float | None = None,
    speeder_seconds: float | None = None,
    partial_threshold: float | None = None,
    straightline_min_items: int | None = None,
    straightline_scope: str | None = None,
):
    """Return a new ``Responses`` without the respondents that the chosen rules flag.

    Each rule is on by default and can be turned off (``speeder=False``); thresholds are those of
    :func:`survey.prep.quality.assess` unless given. For duplicate ids and duplicate answers the
    first occurrence is kept. Every exclusion is one ledger entry naming the respondents.

    Examples
    --------
    >>> import pandas as pd
    >>> from survey.responses import Responses, Source
    >>> data = pd.DataFrame({"a": [1.0, 2.0, 2.0]}, index=pd.Index(["r1", "r2", "r3"], name="respondent"))
    >>> r = Responses(data, pd.DataFrame(index=data.index), None, Source("x.csv", "csv", "", 3))
    >>> clean = screen(r)
    >>> len(clean), [(e.rule, e.respondents) for e in clean.ledger if e.step == "exclude"]
    (2, [('duplicate_answers', ('r3',))])
    """
    options = {
        k: v
        for k, v in {
            "speeder_fraction": speeder_fraction,
            "speeder_seconds": speeder_seconds,
            "partial_threshold": partial_threshold,
            "straightline_min_items": straightline_min_items,
            "straightline_scope": straightline_scope,
        }.items()
        if v is not None
    }
    report = assess(responses, **options) if options else responses.quality
    chosen = {
        "duplicate_id": duplicate_id,
        "duplicate_answers": duplicate_answers,
        "invalid": invalid,
        "partial": partial,
        "attention_failed": attention_failed,
        "speeder": speeder,
        "straightliner": straightliner,
    }
    flags = report.flags
    index = responses.data.index
    # duplicate ids: keep the first occurrence, exclude the later ones by position
    later_dup = index.duplicated(keep="first")
    excluded = np.zeros(len(index), dtype=bool)
    entries = list(responses.ledger)
    n_input = len(index)
    for rule in RULE_ORDER:
        if not chosen[rule] or rule not in flags:
            continue
        mask = later_dup if rule == "duplicate_id" else flags[rule].to_numpy(dtype=bool)
        new = mask & ~excluded
        if new.any():
            who = tuple(index[new].tolist())
            entries.append(LedgerEntry("exclude", rule, report.rules.get(rule, rule), who, int(new.sum())))
            excluded |= new
    keep = ~excluded
    n_used = int(keep.sum())
    total = sum(e.n for e in entries[len(responses.ledger) :])
    if n_input != n_used + total:  # pragma: no cover - a bug, not a user error
        raise SurveyError(f"screening ledger does not balance: {n_input} ≠ {n_used} + {total}")
    entries.append(
        LedgerEntry(
            "screen",
            "summary",
            f"{n_input} in, {n_used} used, {total} excluded; rules on: "
            + ", ".join(r for r in RULE_ORDER if chosen[r])
            + "; off: "
            + (", ".join(r for r in RULE_ORDER if not chosen[r]) or "none"),
            (),
            0,
        )
    )
    return responses.replace(**responses.at_rows(keep), ledger=tuple(entries))


def exclusion_summary(responses) -> pd.DataFrame:
    """The exclusions in a ledger as a table: rule, n; with the input and used counts."""
    rows = [{"rule": e.rule, "n": e.n, "detail": e.detail} for e in responses.ledger if e.step == "exclude"]
    return pd.DataFrame(rows, columns=["rule", "n", "detail"])


__all__ = ["screen", "exclusion_summary", "RULE_ORDER", "FLAG_COLUMNS"]
