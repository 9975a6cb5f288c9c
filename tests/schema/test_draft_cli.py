"""`survey init` → `survey plan` → `survey run` on an export, with no hand edits."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from survey.cli import EXIT_INPUT, app
from survey.report.plan import load_plan
from survey.report.plan_draft import draft_plan
from survey.schema import load_questionnaire

from .draft_fixtures import write_sav, write_wjx_pair

runner = CliRunner()


@pytest.fixture()
def drafted(tmp_path):
    """An export in one folder; the questionnaire and plan drafted into another, as a user would."""
    _, text = write_wjx_pair(tmp_path)
    work = tmp_path / "study"
    work.mkdir()
    init = runner.invoke(app, ["init", str(text), "-o", str(work / "q.yaml")])
    assert init.exit_code == 0, init.output
    plan = runner.invoke(app, ["plan", str(work / "q.yaml"), "-o", str(work / "plan.yaml")])
    assert plan.exit_code == 0, plan.output
    return work, init.output


def test_init_reports_zero_unmatched_columns_and_what_to_decide(drafted):
    work, output = drafted
    assert "0 unmatched columns" in output and "3 cells flagged" in output
    assert "TODO construct names" in output and "q4_4" in output
    text = (work / "q.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Drafted by `survey init`") and "# data: ../wjx_text.xlsx" in text
    assert runner.invoke(app, ["validate", str(work / "q.yaml")]).exit_code == 0


def test_drafted_plan_writes_every_section_out_for_this_questionnaire(drafted):
    work, _ = drafted
    plan = load_plan(work / "plan.yaml")
    assert plan.path(plan.data).resolve() == (work.parent / "wjx_text.xlsx").resolve()
    assert plan.path(plan.questionnaire).resolve() == (work / "q.yaml").resolve()
    a = plan.analyses
    assert a.sample_profile is not None and a.reliability is not None and a.validity is not None and a.descriptives is not None
    assert a.group_differences.by == ["gender", "education"] and a.group_differences.constructs == ["block_q4"]
    assert a.validity.cfa is False  # one construct: no CFA
    assert a.correlation is None and a.regression is None  # one construct, no outcome marked
    assert "# regression:" in (work / "plan.yaml").read_text(encoding="utf-8")


def test_a_marked_outcome_gets_its_regression():
    q = load_questionnaire("talent_service")
    text = draft_plan(q, questionnaire_path="talent_service", data="export.xlsx")
    assert '  regression:\n    outcome: "overall_satisfaction"' in text
    assert "two_factor" not in text or "# two_factor" in text


def test_init_never_overwrites_without_force(drafted):
    work, _ = drafted
    result = runner.invoke(app, ["init", str(work.parent / "wjx_text.xlsx"), "-o", str(work / "q.yaml")])
    assert result.exit_code == EXIT_INPUT and "--force" in result.output


def test_plan_needs_to_know_the_export(tmp_path):
    q = tmp_path / "q.yaml"
    q.write_text("id: x\ntitle: t\nitems:\n  - {id: a, type: text, text: t}\n", encoding="utf-8")
    result = runner.invoke(app, ["plan", str(q), "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == EXIT_INPUT and "--data" in result.output


def test_spss_file_init_and_plan(tmp_path):
    sav = write_sav(tmp_path / "survey.sav")
    assert runner.invoke(app, ["init", str(sav), "-o", str(tmp_path / "q.yaml")]).exit_code == 0
    assert runner.invoke(app, ["plan", str(tmp_path / "q.yaml"), "-o", str(tmp_path / "plan.yaml")]).exit_code == 0
    plan = load_plan(tmp_path / "plan.yaml")
    assert plan.language == "en" and plan.style == "apa" and plan.analyses.group_differences.by == ["gender"]


def test_the_drafted_plan_runs_to_a_report(drafted):
    from survey.report.runner import run_plan

    work, _ = drafted
    result = run_plan(work / "plan.yaml", work / "out")
    assert (work / "out" / "report.md").is_file() and (work / "out" / "manifest.json").is_file()
    assert result.n_input == 40
    report = (work / "out" / "report.md").read_text(encoding="utf-8")
    assert "信度分析" in report and "差异分析" in report


def test_plan_for_a_bundled_questionnaire_names_it_and_needs_the_data(tmp_path):
    result = runner.invoke(app, ["plan", "talent_service", "-o", str(tmp_path / "plan.yaml")])
    assert result.exit_code == EXIT_INPUT and "--data" in result.output
    export = tmp_path / "export.xlsx"
    export.write_bytes(b"")
    result = runner.invoke(app, ["plan", "talent_service", "-o", str(tmp_path / "plan.yaml"), "--data", str(export)])
    assert result.exit_code == 0, result.output
    plan = load_plan(tmp_path / "plan.yaml")
    assert plan.questionnaire == "talent_service" and plan.data == "export.xlsx"
    assert plan.analyses.regression.outcome == "overall_satisfaction"
