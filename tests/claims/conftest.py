"""Shared fixtures of the claims tests."""

from __future__ import annotations

import pandas as pd
import pytest

from ..stats_differences.diff_refdata import REF


@pytest.fixture(scope="session")
def mtcars() -> pd.DataFrame:
    return pd.read_csv(REF / "mtcars.csv")
