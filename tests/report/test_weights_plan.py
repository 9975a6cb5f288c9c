"""The plan's ``weights:``: margins from a CSV (scale labels) or YAML file, the weighted
satisfaction index in the report, and the one sentence that states the weighting."""

from __future__ import annotations

from pathlib import Path

import pytest

import survey as sv
from survey.errors import AnalysisError, PlanError
from survey.report.runner import run_plan
from tests.report.test_generic_study import _study

PLAN = ("title: t\nquestionnaire: course_eval.yaml\ndata: data.csv\nlanguage: {lang}\nstyle: apa\nseed: 3\noutputs: [md]\n"
        "weights: {{rake: {margins}, suppress_below: 5}}\n"
        "analyses:\n  satisfaction_index: {{constructs: [teaching], by: [sex]}}\n")


def _weighted_study(folder: Path, margins_name: str, margins_text: str, *, lang: str = "en") -> Path:
    plan = _study(folder, lang=lang)
    (folder / margins_name).write_text(margins_text, encoding="utf-8")
    plan.write_text(PLAN.format(lang=lang, margins=margins_name), encoding="utf-8")
    return plan


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_report_states_the_weighting_and_weights_the_index(tmp_path, lang):
    plan = _weighted_study(tmp_path / "study", "margins.csv", "margin,category,count\nsex,男,300\nsex,女,700\n", lang=lang)
    res = run_plan(plan, tmp_path / "study" / "out")
    index = res.context.results["index"]
    clean = res.context.clean
    assert index.weighted and clean.weights is not None
    assert clean.weights.groupby(clean.data["sex"]).sum().to_dict() == pytest.approx({1.0: 300, 2.0: 700})
    items = [i for i in clean.questionnaire.construct("teaching").items]
    expected = sv.satisfaction_index(clean.data, items, weights=clean.weights)
    assert index.estimate == pytest.approx(expected.estimate, abs=1e-12)
    text = (tmp_path / "study" / "out" / "report.md").read_text(encoding="utf-8")
    neff = f"{clean.weighting.effective_n:.1f}"
    assert neff in text
    assert ("effective sample size" in text) if lang == "en" else ("有效样本量" in text)
    assert clean.ledger[-1].step == "weight"


def test_yaml_margins_with_codes(tmp_path):
    plan = _weighted_study(tmp_path / "study", "margins.yaml", "sex: {1: 500, 2: 500}\n")
    res = run_plan(plan, tmp_path / "study" / "out")
    w = res.context.clean.weights
    assert w.groupby(res.context.clean.data["sex"]).sum().to_dict() == pytest.approx({1.0: 500, 2.0: 500})


def test_bad_margins_stop_the_run(tmp_path):
    plan = _weighted_study(tmp_path / "study", "margins.csv", "margin,category,count\nsex,男,300\nsex,女,600\nsex,其他,100\n")
    with pytest.raises(AnalysisError, match=r"\['其他'\] are in the margins but not in the data"):
        run_plan(plan, tmp_path / "study" / "out")


def test_margins_file_checked(tmp_path):
    plan = _weighted_study(tmp_path / "study", "margins.csv", "margin,category,n\nsex,男,300\n")
    with pytest.raises(PlanError, match="lacks columns"):
        run_plan(plan, tmp_path / "study" / "out")
