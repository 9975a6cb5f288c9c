"""The common-method-bias and multiple-choice sections of a report, run from a plan."""

from __future__ import annotations

import re

from pathlib import Path

import pytest
import yaml

from survey.report.plan import load_plan
from survey.report.runner import run_plan
from tests.io.wjx_fixtures import SMALL, make_export, small_questionnaire, write_delimited

REPO = Path(__file__).resolve().parents[2]
FLAGSHIP = REPO / "survey" / "datasets" / "talent_services" / "wjx_text.xlsx"


def test_multiple_choice_section_from_a_wenjuanxing_export(tmp_path):
    cells, expected, _ = make_export(small_questionnaire(), 120, seed=3, kind="text")
    data = write_delimited(cells, tmp_path / "export.csv")
    (tmp_path / "small.yaml").write_text(yaml.safe_dump(SMALL, allow_unicode=True), encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        f"title: {{zh: 多选题, en: Multiple choice}}\nquestionnaire: small.yaml\ndata: {data.name}\nlanguage: both\n"
        "outputs: [md]\nscreening: {speeder: false, straightliner: false, partial: false}\n"
        "analyses:\n  multiple_response: {by: [gender]}\n", encoding="utf-8")
    run = run_plan(tmp_path / "plan.yaml", tmp_path / "out")
    assert not run.skipped
    zh = (tmp_path / "out" / "report.zh.md").read_text(encoding="utf-8")
    assert re.search(r"### \d+\.\d+ 多选题分析", zh) and "“您需要哪些服务”的选择情况" in zh
    assert "个案百分比(%)" in zh and "| 人才公寓" in zh and "合计" in zh
    assert "不同您的性别的“您需要哪些服务”选择比例" in zh
    res = run.context.results["multiple_response:services"]
    chosen = expected[[f"services_{c}" for c in (1, 2, 3, 4)]]
    assert res.table["n"].tolist() == chosen.sum().tolist()
    texts = [t for t in expected["services_other"].dropna()]
    assert sorted(res.other_texts) == sorted(texts) and f"选择“其他”并填写内容的共{len(texts)}条" in zh
    en = (tmp_path / "out" / "report.en.md").read_text(encoding="utf-8")
    assert "Multiple-choice items" in en and "% of cases" in en and "Cochran's Q" in en
    assert any(f.startswith("figures/zh/") and "mr_plot_services" in f for f in run.files)


def test_common_method_bias_section_with_a_marker(tmp_path):
    (tmp_path / "plan.yaml").write_text(
        f"title: {{zh: 共同方法偏差, en: CMB}}\nquestionnaire: talent_service\ndata: {FLAGSHIP}\nformat: wjx_text\n"
        "language: both\noutputs: [md]\nscreening: {speeder_fraction: 0.333}\n"
        "analyses:\n  common_method_bias: {constructs: [policy_admin, subsidy_housing, career_growth], marker: IM_PA}\n", encoding="utf-8")
    run = run_plan(tmp_path / "plan.yaml", tmp_path / "out")
    assert not run.skipped
    zh = (tmp_path / "out" / "report.zh.md").read_text(encoding="utf-8")
    res = run.context.results["common_method_bias"]
    share = f"{100 * res.first_share:.2f}%"
    assert f"第一个因子解释的变异量为{share}，低于40%的临界标准" in zh
    assert "Harman单因素检验" in zh and "单因子模型" in zh and "标记变量法校正后的相关系数" in zh
    assert "以“政策与行政服务”为标记变量" in zh
    assert res.ulmc_admissible and "加入方法因子前后的标准化载荷" in zh
    en = (tmp_path / "out" / "report.en.md").read_text(encoding="utf-8")
    assert f"the first explained {share} of the variance, below the 40% criterion and below the 50% criterion" in en


def test_plan_fields_are_checked(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text("title: t\nquestionnaire: talent_service\ndata: x.csv\nanalyses:\n"
                    "  common_method_bias: {threshold: 0.4, marker: IM_PA}\n  multiple_response: {by: [gender], p_adjust: fdr_bh}\n", encoding="utf-8")
    plan = load_plan(path)
    assert plan.analyses.common_method_bias.marker == "IM_PA" and plan.analyses.multiple_response.p_adjust == "fdr_bh"
    from survey.errors import PlanError
    from survey.report.plan import check_plan_ids
    from survey.schema import load_questionnaire

    bad = load_plan(path).model_copy(update={"analyses": load_plan(path).analyses.model_copy(
        update={"common_method_bias": plan.analyses.common_method_bias.model_copy(update={"marker": "IM_XX"})})})
    with pytest.raises(PlanError, match="IM_XX"):
        check_plan_ids(bad, load_questionnaire("talent_service"))
