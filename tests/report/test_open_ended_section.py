"""The open-ended answers section of a report, run from a plan: word statistics alone, then with coding."""

from __future__ import annotations

import re

import pandas as pd
import pytest
import yaml

from survey.errors import PlanError
from survey.report.plan import load_plan
from survey.report.runner import run_plan

QUESTIONNAIRE = {
    "id": "oe", "title": "t", "id_column": "id",
    "scales": {"cat": {"ordered": False, "labels": {1: {"zh": "A类人才", "en": "Category A"}, 2: {"zh": "B类人才", "en": "Category B"}}},
               "sat": {"labels": {1: "很不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "很满意"}}},
    "items": [
        {"id": "category", "text": {"zh": "人才类别", "en": "Talent category"}, "type": "single", "scale": "cat", "role": "demographic"},
        {"id": "S1", "text": {"zh": "总体满意度", "en": "Overall satisfaction"}, "scale": "sat"},
        {"id": "suggest", "text": {"zh": "您对人才服务的建议", "en": "Your suggestions"}, "type": "text", "required": False},
    ],
}
# answers from templates: (category, answer, code of coder A, code of coder B)
TEMPLATES = [
    (1, "人才公寓租金补贴太低，希望提高住房补贴", "salary", "salary"),
    (1, "子女入学手续复杂，希望简化", "personal_life", "personal_life"),
    (2, "希望增加职称晋升机会", "advancement", "advancement"),
    (2, "住房补贴发放太慢，请联系13812345678", "salary", "policy_administration"),
    (1, "无", None, None),
    (2, "", None, None),
]


def _study(tmp_path, n=24):
    rows, coding = ["id,category,S1,suggest"], []
    for i in range(n):
        cat, text, a, b = TEMPLATES[i % len(TEMPLATES)]
        rid = f"R{i + 1:03d}"
        rows.append(f"{rid},{cat},{1 + i % 5},{text}")
        if a:
            coding += [(rid, "A", a), (rid, "B", b)]
    (tmp_path / "data.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (tmp_path / "oe.yaml").write_text(yaml.safe_dump(QUESTIONNAIRE, allow_unicode=True), encoding="utf-8")
    pd.DataFrame(coding, columns=["segment_id", "coder", "code"]).to_csv(tmp_path / "coding.csv", index=False)


def _plan(tmp_path, open_ended: str) -> None:
    (tmp_path / "plan.yaml").write_text(
        "title: {zh: 开放题, en: Open-ended}\nquestionnaire: oe.yaml\ndata: data.csv\nlanguage: both\noutputs: [md]\n"
        "screening: {speeder: false, straightliner: false, partial: false}\n"
        f"analyses:\n  open_ended: {open_ended}\n", encoding="utf-8")


def test_word_statistics_only_without_coding(tmp_path):
    _study(tmp_path)
    _plan(tmp_path, "{items: [suggest], top_n: 5, user_dict: [人才公寓], stop_words: [希望]}")
    run = run_plan(tmp_path / "plan.yaml", tmp_path / "out")
    assert not run.skipped
    res = run.context.results["open_ended:suggest"]
    assert (res.n_respondents, res.n_answers, res.n_non_answers, res.n_empty) == (24, 16, 4, 4)
    words = run.context.results["open_ended_words:suggest"].table.set_index("word")
    assert words.loc["住房补贴", "n"] == 8 and words.loc["住房补贴", "n_documents"] == 8 and "希望" not in words.index
    assert "人才公寓" in words.index
    zh = (tmp_path / "out" / "report.zh.md").read_text(encoding="utf-8")
    assert re.search(r"### \d+\.\d+ 开放题分析", zh)
    assert "24名受访者中，16人回答了开放题“您对人才服务的建议”，4人的回答无实质内容（如“无”），4人未作答。" in zh
    assert "“住房补贴”（8条）" in zh and "该题尚无人工编码，本节仅报告词频统计。" in zh
    assert "| 住房补贴 |" in zh
    en = (tmp_path / "out" / "report.en.md").read_text(encoding="utf-8")
    assert "Open-ended answers" in en and "only word statistics are reported" in en
    assert any("figures/zh/" in f for f in run.files)


def test_coding_agreement_groups_and_redacted_answers(tmp_path):
    _study(tmp_path)
    _plan(tmp_path, "{by: [category], codebook: herzberg16, coding: {suggest: coding.csv}, quotes_per_code: 1}")
    run = run_plan(tmp_path / "plan.yaml", tmp_path / "out")
    assert not run.skipped
    codes = run.context.results["open_ended_codes:suggest"].table
    assert codes.loc["salary", "n_interviewees"] == 8 and codes.loc["salary", "pct_interviewees"] == pytest.approx(50.0)
    groups = run.context.results["open_ended_by:suggest:category"]
    assert list(groups.group_sizes.index) == ["Category A", "Category B"] and groups.group_sizes.tolist() == [8, 8]
    assert groups.counts.loc["salary"].tolist() == [4, 4] and groups.counts.loc["advancement"].tolist() == [0, 4]
    agree = run.context.results["open_ended_agreement:suggest"]
    assert agree.table.loc["salary", "n_units"] == 16
    zh = (tmp_path / "out" / "report.zh.md").read_text(encoding="utf-8")
    assert "开放题“您对人才服务的建议”的典型回答" in zh and "A类人才（n = 8）" in zh
    assert "13812345678" not in zh and "13812345678" not in (tmp_path / "out" / "report.en.md").read_text(encoding="utf-8")
    for f in (tmp_path / "out" / "tables").rglob("*.csv"):
        assert "13812345678" not in f.read_text(encoding="utf-8-sig")


def test_a_coding_file_needs_a_codebook(tmp_path):
    _study(tmp_path)
    _plan(tmp_path, "{coding: {suggest: coding.csv}}")
    with pytest.raises(PlanError, match="needs a codebook"):
        load_plan(tmp_path / "plan.yaml")


def test_text_item_and_other_specify_column_of_a_wenjuanxing_export(tmp_path):
    from tests.io.wjx_fixtures import SMALL, make_export, small_questionnaire, write_delimited

    cells, expected, _ = make_export(small_questionnaire(), 40, seed=3, kind="text")
    data = write_delimited(cells, tmp_path / "export.csv")
    (tmp_path / "small.yaml").write_text(yaml.safe_dump(SMALL, allow_unicode=True), encoding="utf-8")
    (tmp_path / "plan.yaml").write_text(
        f"title: {{zh: 开放题, en: Open-ended}}\nquestionnaire: small.yaml\ndata: {data.name}\nlanguage: zh\noutputs: [md]\n"
        "screening: {speeder: false, straightliner: false, partial: false}\n"
        "analyses:\n  open_ended: {items: [comment, services_other]}\n", encoding="utf-8")
    run = run_plan(tmp_path / "plan.yaml", tmp_path / "out")
    assert not run.skipped
    other = run.context.results["open_ended:services_other"]
    texts = sorted(t for t in expected["services_other"].dropna())
    assert sorted(other.texts) == texts and other.n_empty == 40 - len(texts)
    comment = run.context.results["open_ended:comment"]
    # "NA", "None" and "null" are kept byte-exact by the loader and counted here as non-answers
    assert sorted(set(comment.excluded.loc[comment.excluded["reason"] == "non-answer", "answer"])) == ["NA", "None", "null"]
    assert comment.n_respondents == comment.n_answers + comment.n_non_answers + comment.n_empty == 40
    zh = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "您需要哪些服务（其他，请注明）" in zh
