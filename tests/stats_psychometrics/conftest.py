"""Data and R reference values for the psychometrics tests (R is not needed to run them)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

REF = Path(__file__).resolve().parents[1] / "reference" / "psychometrics"
BFI_ITEMS = [f"{s}{i}" for s in "ACENO" for i in range(1, 6)]
BFI_REVERSE = ["A1", "C4", "C5", "E1", "E2", "O2", "O5"]  # psych's bfi.keys; 1..6 scale -> 7 - x
BFI_SCALES = {s: [f"{s}{i}" for i in range(1, 6)] for s in "ACENO"}
SAQ_SCALES = {
    "computers": [f"Question_{i:02d}" for i in (6, 7, 10, 13, 14, 15, 18)],
    "statistics": [f"Question_{i:02d}" for i in (1, 3, 4, 5, 12, 16, 20, 21)],
    "maths": [f"Question_{i:02d}" for i in (8, 11, 17)],
    "peers": [f"Question_{i:02d}" for i in (2, 9, 19, 22, 23)],
}


def keyed(df: pd.DataFrame, reverse=BFI_REVERSE, top: int = 7) -> pd.DataFrame:
    out = df.copy()
    for c in reverse:
        if c in out.columns:
            out[c] = top - out[c]
    return out


@pytest.fixture(scope="session")
def ref():
    cache = {}

    def load(name: str) -> dict:
        if name not in cache:
            cache[name] = json.loads((REF / f"{name}.json").read_text())
        return cache[name]

    return load


@pytest.fixture(scope="session")
def bfi_raw() -> pd.DataFrame:
    return pd.read_csv(REF / "bfi.csv")


@pytest.fixture(scope="session")
def bfi_cc(bfi_raw) -> pd.DataFrame:
    return bfi_raw[BFI_ITEMS].dropna().astype(float)


@pytest.fixture(scope="session")
def saq(real_data) -> pd.DataFrame:
    pyreadstat = pytest.importorskip("pyreadstat")
    df, _ = pyreadstat.read_sav(str(real_data / "field_saq.sav"))
    return df


@pytest.fixture(scope="session")
def saq_keyed(saq) -> pd.DataFrame:
    return keyed(saq, ["Question_03"], top=6)


def heywood_likert(n: int = 400, seed: int = 1) -> pd.DataFrame:
    """Two 3-item factors answered on 1–5; a1's correlations (.85, .85 beside a2–a3's .50) ask for
    a squared loading of 1.45, so the CFA puts a1's residual variance at its bound 0 (Heywood)."""
    import numpy as np

    corr = np.full((6, 6), 0.3)
    corr[:3, :3] = [[1, 0.85, 0.85], [0.85, 1, 0.5], [0.85, 0.5, 1]]
    corr[3:, 3:] = [[1, 0.6, 0.6], [0.6, 1, 0.6], [0.6, 0.6, 1]]
    z = np.random.default_rng(seed).multivariate_normal(np.zeros(6), corr, size=n)
    return pd.DataFrame(np.digitize(z, [-1.3, -0.4, 0.4, 1.3]) + 1.0, columns=["a1", "a2", "a3", "b1", "b2", "b3"])
