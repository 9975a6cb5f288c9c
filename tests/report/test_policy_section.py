"""The plan's policy_documents: section: documents, agreement per dimension, the matrix, heatmap and findings."""

from __future__ import annotations

import json

import pytest
import yaml

from survey.datasets import talent_services_dir
from survey.errors import SurveyError
from survey.report.runner import run_plan


def _plan(tmp_path, policy: dict, language: str = "zh") -> object:
    base = talent_services_dir()
    plan = yaml.safe_load((base / "plan.yaml").read_text(encoding="utf-8"))
    plan["data"] = str(base / plan["data"])
    plan.pop("interviews")
    plan["language"] = language
    plan["outputs"] = ["md"]
    plan["analyses"] = {"sample_profile": {}}
    plan["policy_documents"] = policy
    path = tmp_path / "plan.yaml"
    path.write_text(yaml.safe_dump(plan, allow_unicode=True), encoding="utf-8")
    return path


def _bundled() -> dict:
    folder = talent_services_dir() / "policy"
    return {"documents": str(folder / "documents"), "coding": [str(folder / "coding.csv")], "framework": "talent_policy"}


def test_policy_section_in_the_flagship_report(tmp_path):
    result = run_plan(_plan(tmp_path, _bundled()), tmp_path / "out")
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "政策文本分析" in text and "对5份政策文件的60个条款进行内容分析" in text
    assert "环境型政策工具使用最多（占48.8%），需求型最少（14.6%）；从人才工作环节看，服务保障最多（占31.7%），引进、培养、激励最少（12.2%）。" in text
    assert "| 供给型     | 1（2.4%）  | 3（7.3%）  | 1（2.4%）  | 0（0.0%）  | 1（2.4%）  | 9（22.0%）  | 15（36.6%）  |" in text
    assert "人才工作环节维度：2位编码员对42个单元编码的Krippendorff's α为0.870" in text
    assert "从具体工具看，供给型以资金投入、公共服务为主（各占该类的40.0%），环境型以策略性措施为主（占该类的50.0%），需求型以服务外包、交流合作为主（各占该类的33.3%）。" in text
    assert "一致性低于0.60的编码：金融支持" in text  # one coder alone used it: flagged, not hidden
    matrix = result.context.results["policy_matrix"]
    assert matrix.counts.loc["total", "total"] == 41 and matrix.coder == "A"
    assert (tmp_path / "out" / "figures" / "policy_heatmap.png").is_file()
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    names = json.dumps(manifest, ensure_ascii=False)
    assert "coding.csv" in names and "某市人才安居保障办法" in names  # the documents and coding are hashed as inputs
    assert "policy_documents" not in [name for name, _ in result.skipped]


def test_policy_section_without_coding_reports_the_documents_only(tmp_path):
    policy = _bundled()
    policy.pop("coding")
    run_plan(_plan(tmp_path, policy, language="en"), tmp_path / "out")
    text = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "applied to 5 policy documents, with their 60 numbered clauses" in text
    assert "With no human coding yet, only the documents are reported." in text


def test_output_inside_the_documents_folder_is_refused(tmp_path):
    import shutil

    folder = tmp_path / "docs"
    shutil.copytree(talent_services_dir() / "policy" / "documents", folder)
    with pytest.raises(SurveyError):
        run_plan(_plan(tmp_path, {"documents": str(folder)}), folder / "out")
