"""docs/plan.md stays true to survey/report/plan.py: every field of every plan model is documented,
and every YAML example on the page is a valid plan (or plan fragment) — except the one that shows
the error report, which must fail with the problems the page prints."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from pydantic import BaseModel

from survey.report import plan as plan_module
from survey.report.plan import Analyses, Plan, PlanError, load_plan

DOC = Path(__file__).resolve().parents[1] / "docs" / "plan.md"


def _models() -> list[type[BaseModel]]:
    return [
        obj
        for name, obj in vars(plan_module).items()
        if isinstance(obj, type) and issubclass(obj, BaseModel) and obj.__module__ == plan_module.__name__ and not name.startswith("_")
    ]


def _yaml_blocks(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


@pytest.fixture(scope="module")
def doc() -> str:
    return DOC.read_text(encoding="utf-8")


def test_models_found():
    names = {m.__name__ for m in _models()}
    assert {"Plan", "Screening", "Analyses", "Interviews", "TwoFactor"} <= names


@pytest.mark.parametrize("model", _models(), ids=lambda m: m.__name__)
def test_every_field_is_documented(doc, model):
    assert f"`{model.__name__}`" in doc, f"docs/plan.md has no section for {model.__name__}"
    missing = [name for name in model.model_fields if f"`{name}`" not in doc]
    assert not missing, f"docs/plan.md does not document {model.__name__} fields {missing}"


def test_examples_are_valid_plans(doc, tmp_path):
    base = {"title": "t", "questionnaire": "talent_service", "data": "x.xlsx"}
    blocks = _yaml_blocks(doc)
    assert len(blocks) >= 8
    checked = 0
    for block in blocks:
        if "reliabilty" in block:  # the deliberate error example
            continue
        data = yaml.safe_load(block)
        assert isinstance(data, dict), block
        if set(data) <= set(Plan.model_fields):
            Plan.model_validate({**base, **data})
        elif set(data) <= set(Analyses.model_fields):
            Plan.model_validate({**base, "analyses": data})
        else:
            raise AssertionError(f"example is neither a plan nor a set of analyses:\n{block}")
        checked += 1
    assert checked == len(blocks) - 1


def test_error_example_reports_what_the_page_says(doc, tmp_path):
    block = next(b for b in _yaml_blocks(doc) if "reliabilty" in b)
    path = tmp_path / "bad.yaml"
    path.write_text(block, encoding="utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert len(info.value.problems) == 3
    for problem in info.value.problems:
        assert f"  - {problem}" in doc, f"docs/plan.md does not show the problem line {problem}"
