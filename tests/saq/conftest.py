"""Fixtures for the SAQ textbook study (analysis/saq_textbook): the real data set, loaded once."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

REPO = Path(__file__).resolve().parents[2]
STUDY = REPO / "analysis" / "saq_textbook"
R_JSON = REPO / "tests" / "reference" / "saq" / "saq_r.json"


@pytest.fixture(scope="session")
def saq_sav(real_data) -> Path:
    path = real_data / "field_saq.sav"
    if not path.is_file():
        pytest.fail("tests/data/field_saq.sav is missing from the checkout")
    return path


@pytest.fixture(scope="session")
def saq_questionnaire():
    import survey as sv

    return sv.load_questionnaire(STUDY / "saq.yaml")


@pytest.fixture(scope="session")
def saq_responses(saq_sav, saq_questionnaire):
    import survey as sv

    return sv.load_responses(saq_sav, saq_questionnaire).screen()


@pytest.fixture(scope="session")
def saq_reference(saq_questionnaire):
    from survey.report.sections_reference import load_reference

    return load_reference(STUDY / "published.yaml", questionnaire=saq_questionnaire)


@pytest.fixture(scope="session")
def saq_comparison(saq_responses, saq_reference):
    from survey.report.sections_reference import compare_published

    return compare_published(saq_responses, saq_reference)


@pytest.fixture(scope="session")
def r_ref() -> dict:
    return json.loads(R_JSON.read_text(encoding="utf-8"))


def stand_in_plan(reference: str | None = "published.yaml", base: Path = STUDY):
    """What the section reads from a plan, until the runner's Plan has the option."""
    options = None if reference is None else SimpleNamespace(reference=reference)
    return SimpleNamespace(analyses=SimpleNamespace(published_comparison=options), path=lambda v: base / v)
