"""kmo and bartlett against R psych::KMO / psych::cortest.bartlett (factorability.R) and Field's book."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey.stats.psychometrics as sv
from survey.errors import AnalysisError

from .conftest import BFI_SCALES


def _data(case, bfi_cc, saq):
    return {"bfi_cc": bfi_cc, "bfi_cc_A": bfi_cc[BFI_SCALES["A"]], "saq": saq}[case]


@pytest.mark.parametrize("case", ["bfi_cc", "bfi_cc_A", "saq"])
def test_matches_psych(case, ref, bfi_cc, saq):
    r = ref("factorability")[case]
    x = _data(case, bfi_cc, saq)
    k = sv.kmo(x)
    b = sv.bartlett(x)
    assert k.overall == pytest.approx(r["kmo_overall"], abs=1e-10)
    np.testing.assert_allclose(k.per_item.to_numpy(), r["kmo_per_item"], atol=1e-10)
    assert list(k.per_item.index) == r["items"]
    assert b.statistic == pytest.approx(r["bartlett_chisq"], rel=1e-10)
    assert b.df == r["bartlett_df"] and b.n == r["n"]
    assert b.p_value == pytest.approx(r["bartlett_p"], abs=1e-12)


def test_field_saq_book_values(saq, ref):
    """Field (ch. 17): KMO = .930 ("marvelous"), Bartlett χ²(253) = 19334.492, p < .001."""
    book = ref("field_saq_textbook")
    k, b = sv.kmo(saq), sv.bartlett(saq)
    assert round(k.overall, 3) == book["kmo"] and k.label == "marvelous"
    assert round(b.statistic, 3) == book["bartlett_chisq"] and b.df == book["bartlett_df"] and b.p_value < 0.001
    assert "KMO = .93 (marvelous" in k.findings()[0]
    assert "χ²(253) = 19334.49" in b.findings()[0]
    assert "KMO值为0.930" in k.findings(lang="zh")[0] and "极好" in k.findings(lang="zh")[0]
    assert "Bartlett球形检验显著" in b.findings(lang="zh")[0]
    assert k.to_frame().loc["(overall)", "msa"] == k.overall


def test_singular_matrix_names_items():
    rng = np.random.default_rng(0)
    x = pd.DataFrame(rng.normal(size=(50, 3)), columns=["a", "b", "c"])
    x["d"] = x["a"] + x["b"]
    for fn in (sv.kmo, sv.bartlett):
        with pytest.raises(AnalysisError, match=r"singular.*'a'.*'b'.*'d'"):
            fn(x)


def test_n_less_than_k():
    rng = np.random.default_rng(0)
    x = pd.DataFrame(rng.normal(size=(4, 6)), columns=list("abcdef"))
    with pytest.raises(AnalysisError, match="fewer respondents"):
        sv.kmo(x)
