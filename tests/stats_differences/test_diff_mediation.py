"""mediation and moderation against R (mediation.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from survey.errors import AnalysisError
from survey.stats.mediation import mediation, moderation

from .diff_refdata import REF, load_expected

CLOSED = 1e-8
EXP = load_expected("mediation_expected.csv")


def x(case, q) -> float:
    return float(EXP[(case, q)])


@pytest.mark.parametrize(
    "case, data, kw",
    [
        ("lk_med", "likert", dict(x="hygiene", m="motivator", y="os")),
        ("lk_med_cov", "likert", dict(x="hygiene", m="motivator", y="os", covariates=["gender"])),
        ("mt_med", "mtcars", dict(x="wt", m="hp", y="mpg")),
    ],
)
def test_mediation_paths_match_lm(case, data, kw, likert, mtcars):
    df = {"likert": likert, "mtcars": mtcars}[data]
    res = mediation(df, n_boot=1000, seed=7, **kw)
    for p, row in res.paths.iterrows():
        assert row["estimate"] == pytest.approx(x(case, f"est:{p}"), abs=CLOSED)
        assert row["se"] == pytest.approx(x(case, f"se:{p}"), abs=CLOSED)
        assert row["p_value"] == pytest.approx(x(case, f"p:{p}"), abs=CLOSED)
    assert res.sobel_z == pytest.approx(x(case, "sobel_z"), abs=CLOSED)
    # c = c' + a*b holds exactly for OLS without covariates differences in the sample
    assert res.paths.loc["c", "estimate"] == pytest.approx(res.paths.loc["c'", "estimate"] + res.indirect, abs=1e-10)
    assert res.indirect_ci_low < res.indirect < res.indirect_ci_high


def test_bootstrap_is_seeded_and_exactly_reproducible(likert):
    a = mediation(likert, x="hygiene", m="motivator", y="os", n_boot=2000, seed=123)
    b = mediation(likert, x="hygiene", m="motivator", y="os", n_boot=2000, seed=123)
    c = mediation(likert, x="hygiene", m="motivator", y="os", n_boot=2000, seed=124)
    assert (a.indirect_ci_low, a.indirect_ci_high) == (b.indirect_ci_low, b.indirect_ci_high)
    assert (a.indirect_ci_low, a.indirect_ci_high) != (c.indirect_ci_low, c.indirect_ci_high)
    # the bootstrap se agrees with the delta-method (Sobel) se to within Monte Carlo error
    assert a.indirect_boot_se == pytest.approx(a.indirect / a.sobel_z, rel=0.15)
    assert "seed 123" in a.findings("en")[0]
    assert "部分中介" in a.findings("zh")[0]


@pytest.mark.parametrize("case, data, xv, wv, yv", [("mt_mod", "mtcars", "hp", "wt", "mpg"), ("lk_mod", "likert", "hygiene", "motivator", "os")])
def test_moderation_matches_pick_a_point(case, data, xv, wv, yv, likert, mtcars):
    df = {"likert": likert, "mtcars": mtcars}[data]
    res = moderation(df, x=xv, w=wv, y=yv)
    assert res.coefficients.loc[xv, "estimate"] == pytest.approx(x(case, "b_x"), abs=CLOSED)
    assert res.coefficients.loc[wv, "estimate"] == pytest.approx(x(case, "b_w"), abs=CLOSED)
    assert res.interaction["estimate"] == pytest.approx(x(case, "b_xw"), abs=CLOSED)
    assert res.interaction["se"] == pytest.approx(x(case, "se_xw"), abs=CLOSED)
    assert res.interaction["p_value"] == pytest.approx(x(case, "p_xw"), abs=CLOSED)
    assert res.r2_change == pytest.approx(x(case, "r2_change"), abs=CLOSED)
    for _, row in res.simple_slopes.iterrows():
        lv = row["level"]
        assert row["estimate"] == pytest.approx(x(case, f"slope:{lv}"), abs=CLOSED)
        assert row["se"] == pytest.approx(x(case, f"slope_se:{lv}"), abs=CLOSED)
        assert row["p_value"] == pytest.approx(x(case, f"slope_p:{lv}"), abs=CLOSED)
    r_points = [x(case, f"jn:{k}") for k in range(1, int(x(case, "jn_count")) + 1)]
    for rp in r_points:
        assert min(abs(p - rp) for p in res.jn_points) < 1e-8


def test_moderation_regions_and_findings(mtcars):
    res = moderation(mtcars, x="hp", w="wt", y="mpg", labels={"hp": "horsepower", "wt": "weight", "mpg": "mileage"})
    # hp matters (negative) for light cars only: significant below the JN point 3.69 within [1.513, 5.424]
    assert res.jn_regions == ((pytest.approx(1.513), pytest.approx(x("mt_mod", "jn:1"), abs=1e-8)),)
    en = res.findings("en")
    assert en[0].startswith("weight significantly moderated the effect of horsepower on mileage")
    assert "Johnson–Neyman" in en[2]
    assert "起调节作用" in res.findings("zh")[0]


def test_mediation_moderation_bad_input(likert):
    with pytest.raises(AnalysisError, match="two roles"):
        mediation(likert, x="hygiene", m="hygiene", y="os")
    with pytest.raises(AnalysisError, match="n_boot"):
        mediation(likert, x="hygiene", m="motivator", y="os", n_boot=10)
    with pytest.raises(AnalysisError, match="not numeric"):
        moderation(likert, x="hygiene", w="education", y="os")
    with pytest.raises(AnalysisError, match="constant"):
        mediation(likert.assign(k=1.0), x="hygiene", m="k", y="os")
    with pytest.raises(AnalysisError, match="singular"):
        mediation(likert.assign(h2x=likert["hygiene"] * 2), x="hygiene", m="h2x", y="os")
    missing = likert.copy()
    missing.loc[:4, "os"] = np.nan
    assert mediation(missing, x="hygiene", m="motivator", y="os", n_boot=200).n_excluded == 5
