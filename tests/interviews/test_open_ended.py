"""Open-ended survey answers through the interview machinery: documents, non-answers, coding by group."""

from __future__ import annotations

import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError, ResponseDataError

ANSWERS = {
    "R01": ("A", "人才公寓的租金补贴太低了，希望提高"),
    "R02": ("A", "住房补贴申请太慢"),
    "R03": ("A", "无"),
    "R04": ("A", None),
    "R05": ("B", "希望增加职称晋升的机会，联系电话13812345678"),
    "R06": ("B", "  没有。 "),
    "R07": ("B", "子女入学手续复杂"),
    "R08": ("B", "N/A"),
    "R09": ("B", "The housing subsidy is paid too late"),
    "R10": ("A", "/"),
}


@pytest.fixture
def responses(tmp_path):
    q = sv.questionnaire_from_dict(
        {
            "id": "oe", "title": "t", "id_column": "id",
            "scales": {"cat": {"ordered": False, "labels": {1: "A类", 2: "B类"}}},
            "items": [
                {"id": "category", "text": "人才类别", "type": "single", "scale": "cat", "role": "demographic"},
                {"id": "suggest", "text": "您对人才服务还有什么建议？", "type": "text", "required": False},
            ],
        }
    )
    rows = ["id,category,suggest"] + [f"{k},{1 if g == 'A' else 2},{'' if t is None else t}" for k, (g, t) in ANSWERS.items()]
    path = tmp_path / "oe.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return sv.load_responses(path, q)


def test_answers_become_documents_and_non_answers_are_counted(responses):
    r = sv.open_ended(responses, item="suggest", by="category")
    assert r.texts.index.tolist() == ["R01", "R02", "R05", "R07", "R09"]
    assert r.texts["R07"] == "子女入学手续复杂"
    assert r.excluded.to_numpy().tolist() == [
        ["R03", "无", "non-answer"], ["R04", "", "empty"], ["R06", "  没有。 ", "non-answer"],
        ["R08", "N/A", "non-answer"], ["R10", "/", "non-answer"],
    ]
    assert (r.n_respondents, r.n_answers, r.n_non_answers, r.n_empty) == (10, 5, 4, 1)
    assert r.counts()["n"].sum() == r.n_respondents
    assert r.attributes["category"].to_dict() == {"R01": 1.0, "R02": 1.0, "R05": 2.0, "R07": 2.0, "R09": 2.0}
    assert r.findings("zh") == ["10名受访者中，5人回答了开放题“suggest”，4人的回答无实质内容（如“无”），1人未作答。"]
    # the non-answer list is configurable: with none, "无" is an answer
    keep = sv.open_ended(responses, item="suggest", non_answers=())
    assert keep.n_answers == 9 and keep.n_empty == 1


def test_a_dataframe_with_an_id_column(responses):
    df = pd.DataFrame({"rid": list(ANSWERS), "text": [t for _, t in ANSWERS.values()], "g": [g for g, _ in ANSWERS.values()]})
    r = sv.open_ended(df, item="text", id_column="rid", by=["g"])
    assert r.texts.index.tolist() == ["R01", "R02", "R05", "R07", "R09"]
    assert r.attributes["g"].tolist() == ["A", "A", "B", "B", "B"]
    with pytest.raises(ResponseDataError, match="not in the data"):
        sv.open_ended(df, item="nope", id_column="rid")
    with pytest.raises(ResponseDataError, match="not text"):
        sv.open_ended(df.assign(n=1.0), item="n", id_column="rid")
    with pytest.raises(ResponseDataError, match="repeat"):
        sv.open_ended(df.assign(rid="R01"), item="text", id_column="rid")
    with pytest.raises(AnalysisError, match="without a value in group"):
        sv.open_ended(df.assign(g=[None] + ["A"] * 9), item="text", id_column="rid", by="g")


def test_coding_path_as_for_interviews(responses, tmp_path):
    r = sv.open_ended(responses, item="suggest", by="category")
    proposals = r.propose_codes("herzberg16")
    assert set(proposals.table["status"]) == {"proposed"}
    assert proposals.table.loc[proposals.table["segment_id"] == "R01", "code"].tolist() == ["salary", "personal_life"]
    # two coders confirm; the coding file has the interviews' format and is checked against the answers
    coding = pd.DataFrame(
        {
            "segment_id": ["R01", "R01", "R02", "R05", "R07", "R09", "R01", "R02", "R05", "R07", "R09"],
            "coder": ["A"] * 6 + ["B"] * 5,
            "code": ["salary", "personal_life", "salary", "advancement", "personal_life", "salary",
                     "salary", "salary", "advancement", "personal_life", "policy_administration"],
        }
    )
    path = sv.save_coding(coding, tmp_path / "coding.csv")
    loaded = sv.load_coding(path, codebook="herzberg16", segments=r)
    with pytest.raises(ResponseDataError, match="does not exist"):
        sv.load_coding(coding.assign(segment_id="R03"), segments=r)  # a non-answer is not a document
    agree = sv.agreement(loaded, r, n_boot=0)
    assert agree.table.loc["salary", "n_units"] == 5
    freq = sv.code_frequencies(loaded, r, coder="A")
    assert freq.table.loc["salary", "n_interviewees"] == 3 and freq.n_segments == 5
    assert freq.table.loc["salary", "pct_interviewees"] == pytest.approx(60.0)
    groups = sv.code_by_attribute(loaded, r, r.attributes, "category", coder="A")
    assert groups.counts.loc["salary"].tolist() == [2, 1]
    assert groups.group_sizes.tolist() == [2, 3]
    assert groups.pct.loc["advancement"].tolist() == pytest.approx([0.0, 100 / 3])
    quotes = r.representative_answers(loaded.loc[loaded["coder"] == "A"], ["advancement", "salary"], n=1, redactor=sv.Redactor(key="open-ended-test"))
    assert quotes["code"].tolist() == ["advancement", "salary"]
    assert "13812345678" not in quotes.at[0, "quote"] and quotes.at[0, "quote"].endswith("(R05)")


def test_word_statistics_on_answers_and_redacted_contexts(responses):
    r = sv.open_ended(responses, item="suggest")
    freq = r.word_frequencies(user_dict=["人才公寓"])
    top = freq.table.set_index("word")
    assert top.loc["补贴", "n_documents"] == 1 and top.loc["住房补贴", "n"] == 1 and top.loc["subsidy", "n"] == 1
    assert "人才公寓" in top.index and "的" not in top.index
    assert freq.n_total_documents == 5  # non-answers are not texts
    ctx = r.kwic("希望", window=20, redactor=sv.Redactor(key="open-ended-test"))
    assert ctx.table["document"].tolist() == ["R01", "R05"]
    assert "13812345678" not in ctx.table.at[1, "right"]
    assert r.word_cooccurrence(words=["补贴", "租金"]).counts.at["补贴", "租金"] == 1
