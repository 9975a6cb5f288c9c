"""The ledger: every change made to the data and every respondent excluded, with the rule that did it."""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd


@dataclass(frozen=True)
class LedgerEntry:
    """One recorded step: what was done, by which rule, to which respondents or cells."""

    step: str  # "load", "missing_codes", "exclude", "reverse", "recode", "set_missing", "weight"
    rule: str
    detail: str
    respondents: tuple = field(default=())
    n: int = 0

    def to_dict(self) -> dict:
        return {
            "step": self.step,
            "rule": self.rule,
            "detail": self.detail,
            "n": self.n,
            "respondents": [str(r) for r in self.respondents],
        }


def ledger_frame(entries: tuple[LedgerEntry, ...]) -> pd.DataFrame:
    """The ledger as a table (one row per entry)."""
    return pd.DataFrame(
        [{"step": e.step, "rule": e.rule, "n": e.n, "detail": e.detail} for e in entries],
        columns=["step", "rule", "n", "detail"],
    )
