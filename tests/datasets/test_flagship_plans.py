"""The plan `survey demo` runs (shipped in the package) and the worked study's plan in analysis/
are one plan: they differ only in where their files are."""

from __future__ import annotations

from pathlib import Path

from survey.datasets import talent_services_dir
from survey.report.plan import load_plan

REPO = Path(__file__).resolve().parents[2]


def test_demo_plan_and_worked_study_plan_agree():
    shipped = load_plan(talent_services_dir() / "plan.yaml")
    worked = load_plan(REPO / "analysis" / "talent_services" / "plan.yaml")
    assert shipped.analyses == worked.analyses
    assert shipped.screening == worked.screening
    for field in ("title", "questionnaire", "language", "style", "chapter", "seed", "study_type", "outputs", "on_invalid"):
        assert getattr(shipped, field) == getattr(worked, field), field
    assert shipped.path(shipped.data).resolve() == worked.path(worked.data).resolve()
    a, b = shipped.interviews, worked.interviews
    for field in ("transcripts", "coding", "attributes", "incidents", "redaction", "key_file"):
        assert shipped.path(getattr(a, field)).resolve() == worked.path(getattr(b, field)).resolve(), field
    c, d = shipped.policy_documents, worked.policy_documents
    assert c.framework == d.framework
    assert shipped.path(c.documents).resolve() == worked.path(d.documents).resolve()
    assert [shipped.path(f).resolve() for f in c.coding_files()] == [worked.path(f).resolve() for f in d.coding_files()]
