"""Fixtures for the models tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REF = Path(__file__).resolve().parents[1] / "reference" / "models"


@pytest.fixture(scope="session")
def ref() -> Path:
    return REF


@pytest.fixture(scope="session")
def prca_data() -> pd.DataFrame:
    return pd.read_csv(REF / "prca_synthetic.csv")


@pytest.fixture(scope="session")
def mtcars() -> pd.DataFrame:
    return pd.read_csv(REF / "mtcars.csv", index_col=0)
