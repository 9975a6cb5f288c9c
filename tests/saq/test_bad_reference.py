"""Bad reference files: a named error listing every problem, with the line, before any statistic."""

from __future__ import annotations

import pytest

from survey.report.plan import PlanError
from survey.report.sections_reference import load_reference

GOOD = """
title: t
sources: {book: {citation: "A book"}}
analysis: {n_components: 2}
values:
  - {stat: kmo, value: 0.9, digits: 2, source: book, status: transcribed}
"""


def _write(tmp_path, text):
    path = tmp_path / "ref.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_good_file_loads(tmp_path, saq_questionnaire):
    ref = load_reference(_write(tmp_path, GOOD), questionnaire=saq_questionnaire)
    assert ref.analysis.convergence == "spss" and ref.values[0].stat == "kmo"


def test_missing_file(tmp_path):
    with pytest.raises(PlanError, match="no reference file"):
        load_reference(tmp_path / "nope.yaml")


@pytest.mark.parametrize(
    "text, expected",
    [
        (GOOD.replace("digits: 2", "digits: 2, typo: 1"), "unknown field"),
        (GOOD.replace("stat: kmo", "stat: kappa"), "values.0.stat"),
        (GOOD.replace("n_components: 2", "n_components: 0"), "analysis.n_components"),
        (GOOD.replace("status: transcribed", "status: maybe"), "values.0.status"),
        (GOOD + "title: again\n", "not valid YAML"),                          # duplicate key
        ("!!python/object:os.system {}\n", "not valid YAML"),                   # unsafe tag
    ],
)
def test_schema_errors(tmp_path, text, expected):
    with pytest.raises(PlanError, match=expected):
        load_reference(_write(tmp_path, text))


def test_cross_reference_errors_are_collected(tmp_path, saq_questionnaire):
    text = GOOD + """
  - {stat: alpha, construct: anxiety, value: 0.8, digits: 2, source: book, status: transcribed}
  - {stat: loading, construct: maths, value: 0.8, digits: 2, source: nowhere, status: transcribed}
  - {stat: eigenvalue, value: 7.3, digits: 2, source: book, status: transcribed}
"""
    with pytest.raises(PlanError) as err:
        load_reference(_write(tmp_path, text), questionnaire=saq_questionnaire)
    message = str(err.value)
    assert "unknown construct 'anxiety'" in message
    assert "unknown source 'nowhere'" in message and "needs 'item'" in message and "needs 'component'" in message
    assert "line 8" in message
    assert len(err.value.problems) == 4


def test_unanalysable_data_is_an_analysis_error(saq_responses, saq_reference):
    from survey.errors import AnalysisError
    from survey.report.sections_reference import compare_published

    broken = saq_responses.replace(data=saq_responses.data.assign(Question_05=3.0))   # a constant item
    with pytest.raises(AnalysisError):
        compare_published(broken, saq_reference)
    too_many = saq_reference.model_copy(update={"analysis": saq_reference.analysis.model_copy(update={"n_components": 23})})
    with pytest.raises(AnalysisError, match="n_factors"):
        compare_published(saq_responses, too_many)
