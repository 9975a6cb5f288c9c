"""Paths and loaders for the stored R reference values of tests/reference/differences/."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

REF = Path(__file__).resolve().parents[1] / "reference" / "differences"


def load_expected(name: str) -> dict[tuple[str, str], str]:
    """{(case, quantity): value as text} from a case,quantity,value CSV written by an R script."""
    frame = pd.read_csv(REF / name, dtype=str, keep_default_na=False)
    return {(c, q): v for c, q, v in frame[["case", "quantity", "value"]].itertuples(index=False)}
