"""Regression: nominal predictors are dummy-coded with a named reference; the figure caption says B."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from statsmodels.regression.linear_model import OLS

from survey.errors import AnalysisError
from survey.report.sections import regression as regression_section
from survey.stats import regression

from .helpers import context, figures, paragraphs, responses, tables


def test_sector_codes_are_not_one_slope(mtcars):
    # cyl (4, 6, 8) as a factor: R lm(mpg ~ wt + factor(cyl), data = mtcars) gives
    # (Intercept) 33.9908, wt −3.2056, factor(cyl)6 −4.2556, factor(cyl)8 −6.0709, R² = .8374
    res = regression(mtcars, "mpg", ["wt", "cyl"], categorical=["cyl"])
    c = res.coefficients
    assert c.index.tolist() == ["(Intercept)", "wt", "cyl[6]", "cyl[8]"]
    assert res.reference == {"cyl": 4}
    np.testing.assert_allclose(c["estimate"].to_numpy(), [33.9908, -3.2056, -4.2556, -6.0709], atol=5e-5)
    assert res.r2 == pytest.approx(0.8374, abs=5e-5)
    # the same computation as OLS on hand-made dummies, to the last digit
    x = np.column_stack([np.ones(32), mtcars["wt"], mtcars["cyl"] == 6, mtcars["cyl"] == 8]).astype(float)
    np.testing.assert_allclose(c["estimate"].to_numpy(), OLS(mtcars["mpg"].to_numpy(), x).fit().params, atol=1e-10)
    one_slope = regression(mtcars, "mpg", ["wt", "cyl"])                  # numeric codes: a different (ordinal) model
    assert "cyl" in one_slope.coefficients.index


def test_reference_level_and_unordered_categorical(mtcars):
    res = regression(mtcars, "mpg", ["wt", "cyl"], categorical={"cyl": 8})
    assert res.coefficients.index.tolist()[2:] == ["cyl[4]", "cyl[6]"]
    assert res.coefficients.loc["cyl[4]", "estimate"] == pytest.approx(6.0709, abs=5e-5)
    cat = mtcars.assign(cyl=pd.Categorical(mtcars["cyl"].map({4: "four", 6: "six", 8: "eight"}), categories=["four", "six", "eight"]))
    auto = regression(cat, "mpg", ["wt", "cyl"])
    assert auto.reference == {"cyl": "four"} and auto.coefficients.index.tolist()[2:] == ["cyl[six]", "cyl[eight]"]
    zh = auto.findings("zh")
    assert "名义变量采用虚拟变量编码，参照组为：cyl为four。" in zh
    assert any(s.startswith("cyl[eight]（相对于four）对mpg具有显著的负向影响") for s in zh)


def test_hierarchical_steps_count_the_dummies(mtcars):
    res = regression(mtcars, "mpg", blocks=[["wt"], ["cyl"]], categorical=["cyl"])
    assert res.steps.loc[2, "df1_change"] == 2.0 and res.blocks == (("wt",), ("cyl",))


@pytest.mark.parametrize("categorical, message", [
    ({"cyl": 5}, r"reference level 5 of 'cyl' is not among its levels"),
    (["gear_x"], r"categorical names \['gear_x'\], which are not predictors"),
])
def test_bad_categorical_named(mtcars, categorical, message):
    with pytest.raises(AnalysisError, match=message):
        regression(mtcars, "mpg", ["wt", "cyl"], categorical=categorical)


def test_report_dummy_codes_nominal_items_and_names_the_reference():
    ctx = context(responses(seed=9, sector_effect=(0, 0.9, 0.0)), {"regression": {"outcome": "Y", "blocks": [["sector"], ["H", "M"]]}})
    regression_section(ctx)
    res = ctx.results["regression"]
    assert res.reference == {"单位类型": "高校"}
    assert [t for t in res.coefficients.index if t.startswith("单位类型")] == ["单位类型[企业]", "单位类型[医院]"]
    table = tables(ctx)["regression"]
    assert "参照组：单位类型为高校" in table.note
    assert "名义变量采用虚拟变量编码，参照组为：单位类型为高校。" in paragraphs(ctx)


def test_coefficient_figure_caption_says_what_is_drawn():
    ctx = context(responses(seed=9), {"regression": {"outcome": "Y", "predictors": ["H", "M"]}})
    regression_section(ctx)
    fig = figures(ctx)["coefficients"]
    assert fig.caption == "非标准化回归系数（B）及其95%置信区间"
    ax = fig.figure.axes[0]
    drawn = sorted(ax.collections[-1].get_offsets()[:, 0])             # the points are B, not β
    res = ctx.results["regression"]
    np.testing.assert_allclose(drawn, sorted(res.coefficients.drop(index="(Intercept)")["estimate"]), atol=1e-12)
    assert not np.allclose(drawn, sorted(res.coefficients.drop(index="(Intercept)")["beta"]))
