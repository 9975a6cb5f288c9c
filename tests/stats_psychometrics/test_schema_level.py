"""reliability(responses) and validity(responses) on Responses built over Field's SAQ data."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey.stats.psychometrics as sv
from survey.errors import AnalysisError, SurveyWarning
from survey.responses import Responses, Source
from survey.schema import questionnaire_from_dict

from .conftest import SAQ_SCALES, heywood_likert


def responses(data: pd.DataFrame, constructs: list[dict], reverse: tuple[str, ...] = ()) -> Responses:
    """A real Responses over ``data``: every column a 1–5 item, ``reverse`` reverse-keyed by the schema."""
    items = [{"id": c, "text": c, "scale": "five", "reverse": c in reverse} for c in data.columns]
    q = questionnaire_from_dict(
        {"id": "t", "title": "t", "scales": {"five": {"labels": {k: str(k) for k in range(1, 6)}}}, "items": items, "constructs": constructs}
    )
    return Responses(data, pd.DataFrame(index=data.index), q, Source("memory", "test", "", len(data)))


def construct(cid: str, names: tuple[str, str], items: list[str], role: str | None = None) -> dict:
    return {"id": cid, "name": {"en": names[0], "zh": names[1]}, "items": items, **({"role": role} if role else {})}


NAMES = {"computers": ("Fear of computers", "电脑焦虑"), "statistics": ("Fear of statistics", "统计焦虑"),
         "maths": ("Fear of mathematics", "数学焦虑"), "peers": ("Peer evaluation", "同伴评价")}


@pytest.fixture(scope="module")
def saq_responses(saq):
    cons = [construct(k, NAMES[k], v) for k, v in SAQ_SCALES.items()]
    cons.append(construct("age", ("Age", "年龄"), ["Question_01"], role="demographic"))
    cons.append(construct("single", ("One item", "单题"), ["Question_02"]))
    return responses(saq, cons, reverse=("Question_03",))  # 1–5: reversed as 6 − x


def test_reliability_all_constructs(saq_responses, saq):
    res = sv.reliability(saq_responses)
    t = res.table
    assert list(t.index) == list(SAQ_SCALES)
    assert np.round(t["alpha"], 3).tolist() == [0.823, 0.821, 0.819, 0.570]  # Field's four subscales
    for cid, items in SAQ_SCALES.items():
        direct = sv.cronbach_alpha(saq_responses.construct_items(cid))
        assert t.loc[cid, "alpha"] == direct.alpha and t.loc[cid, "ci_low"] == direct.ci_low
        assert t.loc[cid, "omega_total"] == pytest.approx(sv.omega(saq_responses.construct_items(cid), n_group_factors=None).omega_total)
    assert "single" in res.skipped and "age" in res.skipped
    zh = " ".join(res.findings(lang="zh"))
    assert "“电脑焦虑”的Cronbach's α系数为0.823" in zh
    assert "Fear of computers" in " ".join(res.findings())


def test_validity_all_constructs(saq_responses):
    # two constructs keep the semopy fit short; the full 4-factor CFA runs in the benchmark/lead's test
    res = sv.validity(saq_responses, constructs=["maths", "peers", "single"])
    items = SAQ_SCALES["maths"] + SAQ_SCALES["peers"]
    assert res.kmo.overall == pytest.approx(sv.kmo(saq_responses.data[items]).overall, abs=1e-12)
    assert res.bartlett.df == 28
    assert list(res.table.index) == ["maths", "peers"]
    assert res.cfa.fit["df"] == 8 * 9 // 2 - (8 - 2 + 8 + 2 + 1)
    assert {"cr", "ave", "fornell_larcker_ok", "htmt_ok"} <= set(res.table.columns)
    assert res.findings(lang="zh") and res.findings()
    assert "single" in res.skipped


def test_inadmissible_validity_is_marked_and_not_judged():
    data = heywood_likert()
    r = responses(data, [construct("A", ("Pay", "薪酬"), ["a1", "a2", "a3"]), construct("B", ("Housing", "住房"), ["b1", "b2", "b3"])])
    with pytest.warns(SurveyWarning, match="inadmissible"):
        res = sv.validity(r)
    assert not res.admissible and res.table["admissible"].tolist() == [False, False]
    zh, en = " ".join(res.findings(lang="zh")), " ".join(res.findings())
    assert "不可接受" in zh and "收敛效度良好" not in zh and "区分效度良好" not in zh
    assert "inadmissible" in en and "validity holds" not in en


def test_no_usable_construct():
    r = responses(pd.DataFrame({"a": [1.0, 2, 3]}), [construct("x", ("X", "X"), ["a"])])
    with pytest.raises(AnalysisError, match="no construct"):
        sv.validity(r)
    assert sv.reliability(r).table.empty
