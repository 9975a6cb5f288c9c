"""The flagship report claims only what its tables support (the defects found in its text)."""

from __future__ import annotations

import re

import pytest

from survey.datasets import talent_services_dir
from survey.report.plan import load_plan
from survey.report.runner import run_plan


@pytest.fixture(scope="module")
def text(tmp_path_factory):
    plan = load_plan(talent_services_dir() / "plan.yaml")
    out = tmp_path_factory.mktemp("demo")
    run_plan(plan.model_copy(update={"outputs": ["md"]}), out)
    return (out / "report.md").read_text(encoding="utf-8")


def test_no_significance_on_raw_p_when_the_table_adjusts(text):
    assert "不同人才类别在政策与行政管理上存在显著差异" not in text          # raw p = .010, Holm p = .296
    assert "不同人才类别在成就与认可上存在显著差异" not in text              # raw p = .036, Holm p = 1.000
    assert "人才类别在政策与行政管理上（p = 0.010，校正后p = 0.296）" in text
    assert "不同人才类别在薪酬补贴与住房上存在显著差异（F(4, 571) = 5.68，p < 0.001，经Holm校正p = 0.006）" in text


def test_significant_anovas_are_followed_by_post_hoc_tests(text):
    assert text.count("进一步Tukey HSD事后检验表明") == 2
    assert "事后多重比较" in text


def test_incidents_use_fisher_for_small_expected_counts(text):
    assert "工作本身（p = 0.034）" not in text and "个人生活（p = 0.021）" not in text
    assert "成长的可能性（Fisher精确检验，p = 0.010）" in text


def test_ia_interval_outside_its_range_is_not_reported(text):
    assert "[−1.49, −0.06]" not in text.replace("\\[", "[").replace("\\]", "]")
    assert re.search(r"政策与行政管理属于基本型.*置信区间不报告：\d+\.\d%的自助样本奖励系数为负", text)


def test_agreement_is_not_called_good_beside_weak_codes(text):
    interviews, policy = text.split("政策文本分析\n", 1)
    assert "编码信度良好" not in interviews
    # the policy coding: good on the stage dimension (no weak code), not on instruments (金融支持 is weak)
    assert "人才工作环节维度：2位编码员对42个单元编码的Krippendorff's α为0.870" in policy and "编码信度良好" in policy
    assert "政策工具维度：2位编码员对42个单元编码的Krippendorff's α为0.935，95% CI [0.846, 1.000]，但有1个编码的一致性低于0.60" in policy.replace("\\[", "[").replace("\\]", "]")
    assert "建立协同共享机制（α = −0.006，κ = −0.012）" in text
    # the closing summary does not lean on a flagged code without saying so
    assert "访谈中4位受访者提到“政策供给不足且针对性不强”（该编码的编码员一致性低于0.60，此结论不宜采信）。" in text


def test_caption_says_b_and_nominal_predictors_are_dummies(text):
    assert "标准化回归系数" not in text.replace("非标准化回归系数", "")
    # figures 4-2 and 4-3: the answers on each response scale (satisfaction, agreement), each with its own labels
    assert "图4-4 非标准化回归系数（B）及其95%置信区间" in text
    assert "参照组为：性别为男" in text
