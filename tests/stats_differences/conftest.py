"""Fixtures for the group-difference, correlation and regression tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from .diff_refdata import REF, load_expected


@pytest.fixture(scope="session")
def likert() -> pd.DataFrame:
    return pd.read_csv(REF / "likert.csv")


@pytest.fixture(scope="session")
def mtcars() -> pd.DataFrame:
    return pd.read_csv(REF / "mtcars.csv")


@pytest.fixture(scope="session")
def ref() -> Path:
    return REF


@pytest.fixture(scope="session")
def groups_expected() -> dict:
    return load_expected("groups_expected.csv")


@pytest.fixture(scope="session")
def datasets() -> dict[str, pd.DataFrame]:
    return {
        "toothgrowth": pd.read_csv(REF / "toothgrowth.csv"),
        "plantgrowth": pd.read_csv(REF / "plantgrowth.csv"),
        "iris": pd.read_csv(REF / "iris.csv"),
        "mtcars": pd.read_csv(REF / "mtcars.csv"),
        "noties": pd.read_csv(REF / "noties.csv"),
    }
