"""Report sections that judge: no verdict on an inadmissible solution; group contrasts named."""

from __future__ import annotations

import warnings
from types import SimpleNamespace

import pandas as pd
import pytest

from survey.errors import SurveyWarning
from survey.report.context import Context
from survey.report.document import Document
from survey.report.plan import Validity
from survey.responses import Responses, Source
from survey.schema import questionnaire_from_dict
from tests.stats_psychometrics.conftest import heywood_likert

FIVE = {"labels": {k: str(k) for k in range(1, 6)}}


def _context(data: pd.DataFrame, spec: dict, analyses: SimpleNamespace, lang: str) -> Context:
    q = questionnaire_from_dict({"id": "t", "title": "t", **spec})
    r = Responses(data, pd.DataFrame(index=data.index), q, Source("memory", "test", "", len(data)))
    style = "gb" if lang == "zh" else "apa"
    return Context(plan=SimpleNamespace(analyses=analyses, seed=0), questionnaire=q, raw=r, clean=r, scores=r.scores(),
                   lang=lang, style=style, doc=Document(title="t", lang=lang, style=style))


def _text(ctx: Context) -> str:
    return " ".join(b.text for b in ctx.doc.blocks if type(b).__name__ == "Paragraph")


def _table(ctx: Context, key: str):
    return next(b for b in ctx.doc.blocks if getattr(b, "key", None) == key)


def _heywood_context(lang: str) -> Context:
    data = heywood_likert()
    spec = {
        "scales": {"five": FIVE},
        "items": [{"id": c, "text": c, "scale": "five"} for c in data.columns],
        "constructs": [
            {"id": "pay", "name": {"zh": "薪酬", "en": "Pay"}, "items": ["a1", "a2", "a3"], "role": "hygiene"},
            {"id": "growth", "name": {"zh": "发展", "en": "Growth"}, "items": ["b1", "b2", "b3"], "role": "motivator"},
        ],
    }
    return _context(data, spec, SimpleNamespace(validity=Validity(efa=False)), lang)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_inadmissible_cfa_is_marked_and_not_judged(lang):
    from survey.report.sections import validity

    ctx = _heywood_context(lang)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        validity(ctx)
    text = _text(ctx)
    table = _table(ctx, "validity")
    assert table.raw["admissible"].tolist() == [False, False]
    if lang == "zh":
        assert "不可接受" in text and "收敛效度良好" not in text and "区分效度良好" not in text and "拟合" in text
        assert table.data["解可接受"].tolist() == ["否", "否"] and "不可接受" in table.note
        assert any("不可接受" in s for _, s in ctx.summary)
    else:
        assert "inadmissible" in text and "validity holds" not in text
        assert table.data["Admissible"].tolist() == ["no", "no"] and "inadmissible" in table.note


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_group_table_names_the_contrast(lang):
    import numpy as np

    from survey.report.plan import GroupDifferences
    from survey.report.sections import group_differences

    rng = np.random.default_rng(2)
    gender = np.r_[2.0, rng.integers(1, 3, 79)]
    data = pd.DataFrame({f"p{i}": np.clip(np.round(3 + 0.8 * (gender == 1) + rng.normal(0, 0.7, 80)), 1, 5) for i in (1, 2, 3)})
    data["gender"] = gender
    spec = {
        "scales": {"five": FIVE, "gender": {"labels": {1: {"zh": "男", "en": "Male"}, 2: {"zh": "女", "en": "Female"}}, "ordered": False}},
        "items": [{"id": f"p{i}", "text": f"p{i}", "scale": "five"} for i in (1, 2, 3)]
        + [{"id": "gender", "text": {"zh": "性别", "en": "Gender"}, "scale": "gender", "role": "demographic"}],
        "constructs": [{"id": "pay", "name": {"zh": "薪酬", "en": "Pay"}, "items": ["p1", "p2", "p3"], "role": "hygiene"}],
    }
    ctx = _context(data, spec, SimpleNamespace(group_differences=GroupDifferences(by=["gender"], test="student")), lang)
    group_differences(ctx)
    table = _table(ctx, "differences")
    male, female = ("男", "女") if lang == "zh" else ("Male", "Female")
    assert table.raw["contrast"].tolist() == [f"{male} − {female}"]
    assert table.data[ctx.t("对比方向", "Contrast")].tolist() == [f"{male} − {female}"]
    assert table.raw["statistic"].iloc[0] > 0  # men (code 1) score higher: first − second is positive
    assert ctx.t(f"对比方向为{male} − {female}", f"contrast {male} − {female}") in _text(ctx)
