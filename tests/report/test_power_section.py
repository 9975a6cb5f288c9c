"""The plan's power: section: the n each design needs, set against the respondents analysed."""

from __future__ import annotations

import yaml

from survey.datasets import talent_services_dir
from survey.report.runner import run_plan


def test_power_section_in_the_flagship_report(tmp_path):
    plan = yaml.safe_load((talent_services_dir() / "plan.yaml").read_text(encoding="utf-8"))
    base = talent_services_dir()
    plan["data"] = str(base / plan["data"])
    plan.pop("interviews")
    plan["language"] = "en"
    plan["style"] = "apa"
    plan["analyses"] = {"sample_profile": {}, "power": [
        {"test": "t_two", "effect_size": 0.5},                      # Cohen: 64 per group
        {"test": "regression", "effect_size": 0.15, "u": 8},
        {"test": "correlation", "effect_size": 0.1, "n": 200},      # achieved power only
    ]}
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    result = run_plan(path, tmp_path / "out")
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "Sample size and power" in text
    assert "64 respondents per group (128 in all)" in text
    assert "The 576 respondents analysed meet the largest of these requirements" in text
    powers = result.context.results["power"]
    assert [r.solved_for for r in powers] == ["n", "n", "power"]
