"""Fixtures for the models tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

REF = Path(__file__).resolve().parents[1] / "reference" / "models"

# The ECSI model of the plspm book (Sanchez 2013), fitted by pls_path and sem
ECSI_MODEL = """
IMAG =~ imag1 + imag2 + imag3 + imag4 + imag5
EXPE =~ expe1 + expe2 + expe3 + expe4 + expe5
QUAL =~ qual1 + qual2 + qual3 + qual4 + qual5
VAL =~ val1 + val2 + val3 + val4
SAT =~ sat1 + sat2 + sat3 + sat4
LOY =~ loy1 + loy2 + loy3 + loy4
EXPE ~ IMAG
QUAL ~ EXPE
VAL ~ EXPE + QUAL
SAT ~ IMAG + EXPE + QUAL + VAL
LOY ~ IMAG + SAT
"""


@pytest.fixture(scope="session")
def ref() -> Path:
    return REF


@pytest.fixture(scope="session")
def prca_data() -> pd.DataFrame:
    return pd.read_csv(REF / "prca_synthetic.csv")


@pytest.fixture(scope="session")
def mtcars() -> pd.DataFrame:
    return pd.read_csv(REF / "mtcars.csv", index_col=0)


@pytest.fixture(scope="session")
def ecsi(real_data) -> pd.DataFrame:
    """The ECSI satisfaction data (plspm's ``satisfaction``, n = 250; tests/data)."""
    return pd.read_csv(real_data / "ecsi_satisfaction.csv", index_col=0)
