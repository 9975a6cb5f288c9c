"""Plan mistakes are caught before anything runs, with the closest known name."""

from __future__ import annotations

import re

import pytest

from survey.errors import PlanError
from survey.report.plan import check_plan_ids, load_plan
from survey.schema import load_questionnaire

BASE = "title: {en: t}\nquestionnaire: talent_service\ndata: x.csv\n"


def _problems(tmp_path, text):
    path = tmp_path / "plan.yaml"
    path.write_text(BASE + text, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    return [str(p) for p in info.value.problems]


def test_misspelt_keys_get_did_you_mean(tmp_path):
    assert any("at analysis: unknown field (did you mean 'analyses'?)" in p for p in _problems(tmp_path, "analysis: {}\n"))
    found = _problems(tmp_path, "analyses:\n  group_differences: {by: [gender], tset: welch}\n")
    assert any("analyses.group_differences.tset: unknown field (did you mean 'test'?)" in p for p in found)


def test_far_from_any_key_gets_no_guess(tmp_path):
    (problem,) = _problems(tmp_path, "zzzzqqq: 1\n")
    assert problem.endswith("at zzzzqqq: unknown field")


def test_unknown_ids_are_plan_errors_before_running(tmp_path):
    path = tmp_path / "plan.yaml"
    path.write_text(BASE + "analyses:\n  group_differences: {by: [gendr, gender], constructs: [subsidy_housng]}\n"
                    "  regression: {outcome: overall_satisfaction, predictors: [subsidy_housing, career_growht]}\n", encoding="utf-8")
    plan = load_plan(path)
    with pytest.raises(PlanError) as info:
        check_plan_ids(plan, load_questionnaire("talent_service"))
    problems = [str(p) for p in info.value.problems]
    assert len(problems) == 3
    assert any("group_differences.by[0]: 'gendr'" in p and "(did you mean 'gender'?)" in p for p in problems)
    assert any("group_differences.constructs[0]: 'subsidy_housng'" in p and "(did you mean 'subsidy_housing'?)" in p for p in problems)
    assert any("regression.predictors[1]: 'career_growht'" in p for p in problems)


def test_run_stops_on_an_unknown_id_with_no_output(tmp_path):
    from survey.datasets import sample_export
    from survey.report.runner import run_plan

    path = tmp_path / "plan.yaml"
    path.write_text(BASE.replace("x.csv", str(sample_export()[0])) + "analyses:\n  group_differences: {by: [gendr]}\n", encoding="utf-8")
    with pytest.raises(PlanError, match="does not have"):
        run_plan(path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_screening_that_excludes_everyone_is_a_named_error(tmp_path):
    """Not a KeyError deep inside a section: the run stops and says which rules removed whom."""
    from survey.datasets import sample_export
    from survey.errors import AnalysisError
    from survey.report.runner import run_plan

    path = tmp_path / "plan.yaml"
    path.write_text(BASE.replace("x.csv", str(sample_export()[0])) + "screening: {speeder_seconds: 100000000}\n"
                    "analyses:\n  reliability: {}\n", encoding="utf-8")
    with pytest.raises(AnalysisError, match=r"screening excluded all 600 respondents \(.*speeder: \d+"):
        run_plan(path, tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_one_name_per_abbreviation_cr_is_composite_reliability(tmp_path):
    """决断值 (the item analysis' critical ratio) is never called CR, which names 组合信度 in the validity table."""
    from survey.datasets import talent_services_dir
    from survey.report.runner import run_plan

    path = tmp_path / "plan.yaml"
    data = talent_services_dir() / "wjx_text.xlsx"
    path.write_text(BASE.replace("x.csv", str(data)) + "analyses:\n  reliability: {}\n  validity: {efa: false}\n", encoding="utf-8")
    run_plan(path, tmp_path / "out")
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "决断值" in text and "组合信度" in text
    assert not re.search(r"决断值\s*[（(]?CR|CR值|CR ≥ 3|各题项的CR", text)
