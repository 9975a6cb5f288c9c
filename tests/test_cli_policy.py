"""`survey policy`: clauses, keyword proposals, the matrix; clear messages and exit codes."""

from __future__ import annotations

import pandas as pd
from typer.testing import CliRunner

from survey.cli import EXIT_INPUT, app
from survey.datasets import talent_services_dir

runner = CliRunner()
FOLDER = talent_services_dir() / "policy"


def test_policy_clauses_and_proposals(tmp_path):
    out = tmp_path / "clauses.csv"
    result = runner.invoke(app, ["policy", "clauses", str(FOLDER / "documents"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "5 policy documents were collected and split into 60 numbered clauses" in result.output
    table = pd.read_csv(out, encoding="utf-8-sig")
    assert table["clause_id"].tolist()[:3] == ["D01-第一条", "D01-第二条", "D01-第三条"]
    proposals = tmp_path / "proposals.csv"
    result = runner.invoke(app, ["policy", "propose", str(FOLDER / "documents"), "-o", str(proposals), "--coder", "B"])
    assert result.exit_code == 0, result.output
    sheet = pd.read_csv(proposals, encoding="utf-8-sig")
    assert set(sheet["status"]) == {"proposed"} and set(sheet["coder"]) == {"B"}


def test_policy_matrix_in_chinese():
    result = runner.invoke(app, ["policy", "matrix", str(FOLDER / "documents"), "--coding", str(FOLDER / "coding.csv"), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "环境型政策工具使用最多（占48.8%）" in result.output
    assert "人才工作环节: 2位编码员对42个单元编码的Krippendorff's α为0.870" in result.output


def test_policy_matrix_names_an_unknown_code(tmp_path):
    bad = tmp_path / "coding.csv"
    bad.write_text("segment_id,coder,code\nD01-第一条,A,salary\n", encoding="utf-8")
    result = runner.invoke(app, ["policy", "matrix", str(FOLDER / "documents"), "--coding", str(bad)])
    assert result.exit_code == EXIT_INPUT
    assert "unknown code 'salary'" in result.output and "Traceback" not in result.output
