"""Fixtures for the group-difference, correlation and regression tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REF = Path(__file__).resolve().parents[1] / "reference" / "differences"


def load_expected(name: str) -> dict[tuple[str, str], str]:
    """Same as diff_refdata.load_expected (conftest cannot import a sibling module)."""
    frame = pd.read_csv(REF / name, dtype=str, keep_default_na=False)
    return {(c, q): v for c, q, v in frame[["case", "quantity", "value"]].itertuples(index=False)}


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
