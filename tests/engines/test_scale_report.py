"""`survey run` with engine: duckdb on a Parquet rating log writes the satisfaction report; the
sections that need rows are listed by name with the reason."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.datasets import write_rating_log
from survey.report.runner import run_plan

ITEMS = [f"q{i}" for i in range(1, 9)]

QUESTIONNAIRE = """\
id: service_ratings
title: {zh: 政务服务评价, en: Public service ratings}
scales:
  sat5:
    labels: {1: {zh: 很不满意, en: Very dissatisfied}, 2: {zh: 不满意, en: Dissatisfied}, 3: {zh: 一般, en: Neutral},
             4: {zh: 满意, en: Satisfied}, 5: {zh: 很满意, en: Very satisfied}}
items:
""" + "".join(f"  - {{id: q{i}, text: {{zh: 评价{i}, en: Rating {i}}}, scale: sat5{', reverse: true' if i == 8 else ''}}}\n" for i in range(1, 9)) + """\
constructs:
  - {id: process, name: {zh: 办事流程, en: Process}, items: [q1, q2, q3, q4], role: outcome}
  - {id: staff, name: {zh: 工作人员, en: Staff}, items: [q5, q6, q7, q8], role: outcome}
"""

PLAN = """\
title: {{zh: 政务服务满意度, en: Public service satisfaction}}
questionnaire: service.yaml
data: log
engine: {engine}
language: en
style: apa
outputs: [md]
analyses:
  reliability: {{}}
  satisfaction_index: {{by: [region]}}
  group_differences: {{by: [region]}}
"""


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    folder = tmp_path_factory.mktemp("scale")
    write_rating_log(folder / "log", 100_000, n_items=8, n_factors=2, seed=3, n_files=2, chunk_rows=20_000)
    for part in sorted((folder / "log").glob("*.parquet")):  # q8 worded the other way round
        frame = pd.read_parquet(part)
        frame["q8"] = 6 - frame["q8"]
        frame.to_parquet(part)
    (folder / "service.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    return folder


@pytest.mark.parametrize("engine", ["duckdb", "dask"])
def test_run_writes_the_satisfaction_report(study, engine):
    (study / f"plan_{engine}.yaml").write_text(PLAN.format(engine=engine), encoding="utf-8")
    res = run_plan(study / f"plan_{engine}.yaml", study / f"out_{engine}")
    text = (study / f"out_{engine}" / "report.md").read_text(encoding="utf-8")
    assert res.n_input == 100_000
    assert "The satisfaction index is" in text and "By region:" in text
    assert "Cronbach" in text
    assert res.skipped == (("group_differences", "group_differences needs the respondents' rows and was not run at scale "
                                                 "(run it on a seeded sample, .sample(n, seed))"),)
    assert "group\\_differences needs the respondents' rows" in text  # markdown escapes the underscore
    # the index in the report is the in-memory index of the same rows (q8 reverse-keyed)
    frame = pd.read_parquet(study / "log")
    frame["q8"] = 6 - frame["q8"]  # its reverse key
    ref = sv.satisfaction_index(frame, ITEMS, scale=(1, 5))
    table = pd.read_csv(next((study / f"out_{engine}" / "tables").glob("satisfaction_index_values.csv")))
    np.testing.assert_allclose(table["estimate"].iloc[0], ref.estimate, rtol=1e-9)
