"""The plan's `process:` analyses become a report section with the effects table and a figure."""

from __future__ import annotations

import re

from pathlib import Path

import pytest

from survey.errors import PlanError
from survey.report.plan import check_plan_ids, load_plan
from survey.report.runner import run_plan
from survey.schema import load_questionnaire

DATA = Path(__file__).resolve().parents[2] / "survey" / "datasets" / "talent_services" / "wjx_text.xlsx"


def _plan(tmp_path, analyses: str) -> Path:
    path = tmp_path / "plan.yaml"
    path.write_text(f"title: {{en: t, zh: 测试}}\nquestionnaire: talent_service\ndata: {DATA}\nlanguage: zh\noutputs: [md]\n"
                    f"analyses:\n{analyses}", encoding="utf-8")
    return path


def test_process_section_in_the_report(tmp_path):
    plan = _plan(tmp_path, "  process: {model: 7, x: career_growth, m: [overall_satisfaction], y: intention_stay, w: autonomy, n_boot: 200}\n")
    res = run_plan(plan, tmp_path / "out")
    assert res.skipped == ()
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert re.search(r"### \d+\.\d+ 中介与有调节的中介效应检验", text)
    assert "采用Hayes的PROCESS模型7检验" in text and "有调节的中介效应指数为" in text
    assert "PROCESS模型7的效应检验" in text and "条件间接效应" in text
    assert (tmp_path / "out" / "figures" / "process_1_effects.png").is_file()
    assert res.context.results["process_1"].n_boot == 200


def test_process_ids_are_checked_before_running(tmp_path):
    plan = load_plan(_plan(tmp_path, "  process: [{model: 4, x: career_growht, m: [autonomy], y: intention_stay}]\n"))
    with pytest.raises(PlanError) as info:
        check_plan_ids(plan, load_questionnaire("talent_service"))
    assert any("analyses.process[0].x: 'career_growht'" in str(p) and "career_growth" in str(p) for p in info.value.problems)


def test_process_plan_rejects_an_unknown_model(tmp_path):
    with pytest.raises(PlanError, match="not valid"):
        load_plan(_plan(tmp_path, "  process: {model: 5, x: career_growth, m: [autonomy], y: intention_stay}\n"))
