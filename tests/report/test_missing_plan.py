"""The plan's ``missing:`` option and ``missing_data:`` section: the report says how each section
handled missing answers, pools over the imputations when asked, and imputes nothing otherwise."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import PlanError
from survey.report.plan import load_plan
from survey.report.runner import run_plan
from tests.report.test_generic_study import _study

ANALYSES = ("analyses:\n  missing_data: {{}}\n  reliability: {{missing: {rel}}}\n"
            "  group_differences: {{by: [sex], missing: {mi}}}\n  regression: {{outcome: teaching, predictors: [workload], missing: {mi}}}\n")


def _missing_study(folder: Path, *, rel: str = "{method: mi, m: 5, seed: 9}", mi: str = "{method: mi, m: 5, seed: 9}", lang: str = "en") -> Path:
    plan = _study(folder, lang=lang)
    data = pd.read_csv(folder / "data.csv")
    rng = np.random.default_rng(4)
    for item in ("T1", "T3", "W2"):
        data.loc[rng.random(len(data)) < 0.12, item] = np.nan
    data.to_csv(folder / "data.csv", index=False)
    text = plan.read_text(encoding="utf-8").split("analyses:")[0]
    plan.write_text(text + "screening: {straightliner: false, partial: false}\n" + ANALYSES.format(rel=rel, mi=mi), encoding="utf-8")
    return plan


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_mi_sections_pool_the_shared_imputations(tmp_path, lang):
    out = tmp_path / "study" / "out"
    res = run_plan(_missing_study(tmp_path / "study", lang=lang), out)
    assert res.skipped == ()
    ctx = res.context
    imp = ctx.results["imputation:5:9:5"]
    assert imp.m == 5 and imp.seed == 9
    # the regression section is the pooled regression of the completed scores
    expected = sv.pool([sv.regression(r.scores().rename(columns={"teaching": "Teaching", "workload": "Workload"}), "Teaching", ["Workload"])
                        for r in imp.datasets()])
    got = ctx.results["regression"]
    np.testing.assert_allclose(got.table["estimate"], expected.table["estimate"], rtol=1e-12)
    np.testing.assert_allclose(got.table["df"], expected.table["df"], rtol=1e-12)
    # reliability: α is the mean over the imputations
    alphas = [sv.reliability(r).table.loc["teaching", "alpha"] for r in imp.datasets()]
    assert ctx.results["reliability"].table.loc["teaching", "alpha"] == pytest.approx(np.mean(alphas), rel=1e-12)
    pooled_groups = ctx.results["groups_mi:sex:teaching"]
    assert pooled_groups.kind == "group_comparison" and pooled_groups.m == 5
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md.count("5 data sets by chained equations" if lang == "en" else "生成5个插补数据集") == 3
    assert ("Little's MCAR test" if lang == "en" else "Little的MCAR检验") in md
    assert (out / "figures" / "missing_patterns.png").is_file()
    # the data the run started from are not imputed, and the ledger of the screened data says nothing of imputation
    assert ctx.clean.data[["T1", "T3", "W2"]].isna().any().all()
    assert all(e.step != "impute" for e in ctx.clean.ledger)
    assert imp.complete(0).ledger[-1].step == "impute"


def test_listwise_by_default_and_said(tmp_path):
    out = tmp_path / "study" / "out"
    res = run_plan(_missing_study(tmp_path / "study", rel="pairwise", mi="listwise"), out)
    ctx = res.context
    assert not any(k.startswith("imputation:") for k in ctx.results)
    reg = ctx.results["regression"]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert f"listwise deletion: {reg.n} respondents with complete variables were analysed, {reg.n_excluded} with missing answers left out" in md
    assert "Missing answers were handled pairwise" in md
    expected = sv.reliability(ctx.clean, nan_policy="pairwise").table.loc["teaching", "alpha"]
    assert ctx.results["reliability"].table.loc["teaching", "alpha"] == pytest.approx(expected, rel=1e-12)


def test_pairwise_is_refused_where_it_is_not_defined(tmp_path):
    plan = _missing_study(tmp_path / "study", mi="pairwise")
    with pytest.raises(PlanError, match="pairwise deletion is not defined"):
        load_plan(plan)


def test_rank_test_under_mi_is_skipped_with_its_reason(tmp_path):
    plan = _missing_study(tmp_path / "study")
    plan.write_text(plan.read_text(encoding="utf-8").replace("by: [sex],", "by: [sex], test: mann_whitney,"), encoding="utf-8")
    res = run_plan(plan, tmp_path / "study" / "out")
    assert [name for name, _ in res.skipped] == ["group_differences"]
    assert "cannot be pooled by Rubin's rules" in res.skipped[0][1]


@pytest.mark.parametrize("analyses", ["{reliability: {missing: mi}}", "{validity: {missing: fiml}}", "{missing_data: {}}"])
def test_missing_data_sections_with_complete_cases_only_screening_are_refused(tmp_path, analyses):
    """By default screening keeps only respondents who answered every required item, so these
    sections would see no missing answer and report 0% missing: the plan is refused, naming the fix."""
    from survey.errors import PlanError
    from survey.report.plan import load_plan

    path = tmp_path / "plan.yaml"
    path.write_text(f"title: t\nquestionnaire: q.yaml\ndata: d.csv\nanalyses: {analyses}\n", encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert "partial: false" in str(info.value.problems)
    path.write_text(f"title: t\nquestionnaire: q.yaml\ndata: d.csv\nscreening: {{partial: false}}\nanalyses: {analyses}\n", encoding="utf-8")
    assert load_plan(path).screening.partial is False
