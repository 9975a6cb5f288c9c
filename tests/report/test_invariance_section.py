"""The measurement-invariance section (测量不变性检验) of a report, run from a small plan on the flagship data."""

from __future__ import annotations

from pathlib import Path

import pytest

from survey.errors import PlanError
from survey.report.plan import load_plan
from survey.report.runner import run_plan

REPO = Path(__file__).resolve().parents[2]
FLAGSHIP = REPO / "survey" / "datasets" / "talent_services" / "wjx_text.xlsx"


def _plan(tmp_path, invariance: str, language: str = "both") -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(
        f"title: {{zh: 测量不变性, en: Invariance}}\nquestionnaire: talent_service\ndata: {FLAGSHIP}\nformat: wjx_text\n"
        f"language: {language}\noutputs: [md]\nscreening: {{speeder_fraction: 0.333}}\n"
        f"analyses:\n  invariance: {invariance}\n", encoding="utf-8")
    return path


def test_invariance_section_across_gender(tmp_path):
    run = run_plan(_plan(tmp_path, "{group: gender, constructs: [policy_admin, subsidy_housing, career_growth]}"), tmp_path / "out")
    assert not run.skipped
    res = run.context.results["invariance"]
    assert list(res.table.index) == ["configural", "metric", "scalar", "strict"]
    assert res.group == "Gender"  # the group column carries the item's label in the report's language (the last run: en)
    assert res.n.sum() == run.n_used - int(run.context.clean.data["gender"].isna().sum())
    zh = (tmp_path / "out" / "report.zh.md").read_text(encoding="utf-8")
    assert "测量不变性检验" in zh and "测量不变性检验结果" in zh and "形态模型中各组的标准化因子载荷" in zh
    assert "Chen, 2007" in zh and "ΔCFI" in zh and "是否成立" in zh
    assert f"形态模型χ²({int(res.table.loc['configural', 'df'])})" in zh
    en = (tmp_path / "out" / "report.en.md").read_text(encoding="utf-8")
    assert "Measurement invariance" in en and "Standardized loadings of the configural model by group" in en
    # the simulated study has one measurement model for men and women: every level holds
    assert res.holds == ("configural", "metric", "scalar", "strict")
    assert "configural, metric, scalar and strict invariance" in en


def test_levels_and_ids_are_checked(tmp_path):
    plan = load_plan(_plan(tmp_path, "{group: gender, levels: [configural, metric]}"))
    assert plan.analyses.invariance.levels == ["configural", "metric"]
    with pytest.raises(PlanError, match=r"invariance\.levels\.1: Input should be 'configural'"):
        load_plan(_plan(tmp_path, "{group: gender, levels: [configural, weak]}"))
    with pytest.raises(PlanError, match="gendr"):
        run_plan(_plan(tmp_path, "{group: gendr}"), tmp_path / "out")


def test_a_model_in_the_plan_and_two_levels(tmp_path):
    model = "'A =~ PA1 + PA2 + PA3 + PA4; B =~ CG1 + CG2 + CG3 + CG4'"
    run = run_plan(_plan(tmp_path, f"{{group: gender, model: {model}, levels: [configural, metric]}}", language="en"), tmp_path / "out")
    assert not run.skipped
    res = run.context.results["invariance"]
    assert list(res.table.index) == ["configural", "metric"] and res.table.loc["metric", "delta_df"] == 6
