"""Policy framework (instrument × stage), the matrix, its findings and figure, agreement per dimension."""

from __future__ import annotations

import pandas as pd
import pytest

from survey.errors import AnalysisError, QuestionnaireError
from survey.interviews import agreement, load_coding, load_policy_framework, policy_agreement, policy_matrix

# 8 clauses, coder A. Instruments: supply 4 (funding 2, training 1, public_services 1), environment 3
# (tax 1, strategic 2), demand 1 (exchange). Stages: attraction 3, development 2, evaluation 2, support 1.
A = [
    ("D1-第一条", "funding"), ("D1-第一条", "attraction"),
    ("D1-第二条", "funding"), ("D1-第二条", "attraction"),
    ("D1-第三条", "training"), ("D1-第三条", "development"),
    ("D1-第四条", "public_services"), ("D1-第四条", "support"),
    ("D2-一", "tax"), ("D2-一", "attraction"),
    ("D2-二", "strategic"), ("D2-二", "evaluation"),
    ("D2-三", "strategic"), ("D2-三", "evaluation"),
    ("D2-四", "exchange"), ("D2-四", "development"),
]


def _coding(rows, coder="A"):
    return pd.DataFrame([{"segment_id": s, "coder": coder, "code": c} for s, c in rows])


def test_matrix_counts_percentages_and_totals():
    m = policy_matrix(_coding(A), "talent_policy")
    c = m.counts
    assert list(c.index) == ["supply", "environment", "demand", "total"]
    assert list(c.columns) == ["attraction", "development", "deployment", "evaluation", "incentive", "support", "total"]
    assert c.loc["supply"].tolist() == [2, 1, 0, 0, 0, 1, 4]
    assert c.loc["environment"].tolist() == [1, 0, 0, 2, 0, 0, 3]
    assert c.loc["demand"].tolist() == [0, 1, 0, 0, 0, 0, 1]
    assert c.loc["total"].tolist() == [3, 2, 0, 2, 0, 1, 8]
    assert m.percent.loc["supply", "total"] == 50.0 and m.percent.loc["environment", "evaluation"] == 25.0
    shares = m.shares.set_index(["dimension", "category"])["pct"]
    assert shares[("instrument", "environment")] == 37.5 and shares[("stage", "attraction")] == 37.5
    subs = m.code_shares.set_index("code")
    assert subs.loc["funding", ["n", "pct_of_category", "pct"]].tolist() == [2, 50.0, 25.0]
    assert subs.loc["strategic", "pct_of_category"] == pytest.approx(200 / 3, abs=1e-12)
    assert subs.loc["procurement", ["n", "pct_of_category"]].tolist() == [0, 0.0]
    assert (m.n_clauses, m.n_multi, m.coder) == (8, {"instrument": 0, "stage": 0}, "A")
    long = m.to_frame()
    assert long.shape == (18, 4) and long.loc[(long["instrument"] == "supply") & (long["stage"] == "attraction"), "n"].item() == 2


def test_findings_in_the_wording_of_policy_text_analyses():
    m = policy_matrix(_coding(A), "talent_policy")
    zh = m.findings("zh")
    assert zh[0] == "供给型政策工具使用最多（占50.0%），需求型最少（12.5%）；从人才工作环节看，引进最多（占37.5%），使用、激励最少（0.0%）。"
    assert zh[1] == "从具体工具看，供给型以资金投入为主（占该类的50.0%），环境型以策略性措施为主（占该类的66.7%），需求型以交流合作为主（占该类的100.0%）。"
    assert zh[2].startswith("二者交叉来看，“供给型×引进”、“环境型×评价”组合最多（各2条，占25.0%）；")  # a tie names both
    assert zh[2].endswith("等12个组合没有条款，存在政策空白。")
    en = m.findings("en")
    assert en[0] == ("By policy instrument, Supply-side was used most (50.0% of codings), Demand-side least (12.5%); by stage of "
                     "talent work, Attraction was addressed most (37.5% of codings), Deployment and Incentive least (0.0%).")


def test_multi_coded_and_one_dimension_only_clauses_are_counted_not_dropped():
    rows = A + [("D1-第一条", "support"), ("D2-五", "planning")]  # a second stage; an instrument with no stage
    m = policy_matrix(_coding(rows), "talent_policy")
    assert m.counts.loc["supply", "support"] == 2 and m.n_multi == {"instrument": 0, "stage": 1}
    assert m.counts.loc["environment", "_uncoded"] == 1 and m.counts.loc["total", "total"] == 10
    text = " ".join(m.findings("zh"))
    assert "1个条款在人才工作环节维度上有多个编码" in text and "另有1个条款只在一个维度上编码" in text


def test_coders_are_never_mixed_and_unknown_codes_are_named():
    both = pd.concat([_coding(A), _coding(A, "B")])
    with pytest.raises(AnalysisError, match="coder="):
        policy_matrix(both, "talent_policy")
    assert policy_matrix(both, "talent_policy", coder="B").counts.loc["total", "total"] == 8
    with pytest.raises(AnalysisError, match=r"codes \['salary'\] are in no dimension"):
        policy_matrix(_coding(A + [("D1-第一条", "salary")]), "talent_policy")
    with pytest.raises(AnalysisError, match="no clause is coded on dimension 'stage'"):
        policy_matrix(_coding([("D1-第一条", "funding")]), "talent_policy")


def test_framework_validation_names_the_problem(tmp_path):
    bad = tmp_path / "fw.yaml"
    bad.write_text(
        "id: f\nname: {zh: 框架}\ndimensions:\n"
        "  - id: instrument\n    name: {zh: 工具}\n    level: theme\n    themes: [{id: supply, name: {zh: 供给型}}]\n"
        "    codes: [{id: funding, name: {zh: 资金}}]\n"
        "  - id: stage\n    name: {zh: 环节}\n    codes: [{id: funding, name: {zh: 引进}}]\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError) as err:
        load_policy_framework(bad)
    text = str(err.value)
    assert "codes without a theme: ['funding']" in text and "fw.yaml line 4" in text


def test_agreement_per_dimension_equals_agreement_on_that_dimension_alone():
    b = [(s, {"attraction": "development"}.get(c, c) if s == "D2-一" else c) for s, c in A]  # B disagrees on one stage
    b = [(s, "finance" if (s, c) == ("D2-二", "strategic") else c) for s, c in b]  # and on one instrument
    coding = pd.concat([_coding(A), _coding(b, "B")], ignore_index=True)
    fw = load_policy_framework("talent_policy")
    coding = load_coding(coding, codebook=fw.combined)
    res = policy_agreement(coding, fw, n_boot=0)
    assert set(res) == {"instrument", "stage"}
    stage_only = coding[coding["code"].isin(fw.dimension("stage").codebook.code_ids)]
    direct = agreement(stage_only, n_boot=0, role=None)
    assert res["stage"].table.loc["overall", "alpha"] == direct.table.loc["overall", "alpha"]
    # 8 clauses × 4 stage codes used; B moved one clause from attraction to development: 2 of 32 decisions differ
    assert res["stage"].table.loc["overall", "pct_agreement"] == pytest.approx(100 * 30 / 32)
    assert res["instrument"].table.loc["overall", "n_units"] == 8 * 7  # 7 instrument codes used by either coder (finance by B)


def test_plot_policy_matrix_draws_every_cell():
    import matplotlib

    matplotlib.use("Agg")
    from survey.figures import plot_policy_matrix

    m = policy_matrix(_coding(A), "talent_policy")
    ax = plot_policy_matrix(m, lang="zh")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["供给型", "环境型", "需求型"]
    assert len(ax.texts) == 18 and ax.texts[0].get_text() == "2\n25.0%"
    assert ax.get_xlabel() == "人才工作环节"
    import matplotlib.pyplot as plt

    plt.close(ax.figure)


def test_bundled_example_workflow_proposals_coding_agreement():
    from survey.datasets import talent_services_dir
    from survey.errors import ResponseDataError
    from survey.interviews import load_documents, propose_codes

    folder = talent_services_dir() / "policy"
    docs = load_documents(folder / "documents")
    assert len(docs) == 5 and len(docs.clauses) == 60 and docs.documents[4].encoding == "gb18030"
    fw = load_policy_framework("talent_policy")
    proposals = propose_codes(docs, fw.combined, role=None)
    found = proposals.table.set_index(["segment_id", "code"])["matched"]
    assert found[("D01-第四条", "funding")] == "启动经费" and found[("D03-第五条", "finance")] == "贷款; 贴息"
    assert found[("D04-三-（一）", "procurement")] == "政府采购"
    with pytest.raises(ResponseDataError, match="not yet confirmed"):
        load_coding(proposals.template("A"), codebook=fw.combined, segments=docs)
    coding = load_coding(folder / "coding.csv", codebook=fw.combined, segments=docs)
    coded = policy_agreement(coding, fw, docs, n_boot=0)
    every = policy_agreement(coding, fw, docs, uncoded="include", n_boot=0)
    assert {k: v.n_units for k, v in coded.items()} == {"instrument": 42, "stage": 42}
    assert {k: v.n_units for k, v in every.items()} == {"instrument": 60, "stage": 60}  # uncoded clauses as agreed absence
    # stage, by hand: 42 clauses × 6 codes = 252 binary decisions, 504 values; 41 + 42 codes applied;
    # 9 decisions differ (4 clauses moved to another stage, 1 clause coded by B alone), each d_u = 2
    assert coded["stage"].table.loc["overall", "pct_agreement"] == pytest.approx(100 * 243 / 252, abs=1e-12)
    assert coded["stage"].table.loc["overall", "alpha"] == pytest.approx(1 - 503 * 18 / (504**2 - 421**2 - 83**2), abs=1e-12)
    # with every clause a unit: 60 × 6 = 360 decisions, 720 values, the same 83 codes and 9 disagreements
    assert every["stage"].table.loc["overall", "alpha"] == pytest.approx(1 - 719 * 18 / (720**2 - 637**2 - 83**2), abs=1e-12)
    assert coded["instrument"].flagged == ("finance",)
