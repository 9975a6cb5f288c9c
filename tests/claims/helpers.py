"""A small study built in memory: two service constructs, an outcome and two nominal groupings."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd

from survey.errors import SurveyWarning
from survey.report.context import Context
from survey.report.document import Document
from survey.report.plan import Plan
from survey.responses import Responses, Source
from survey.schema import questionnaire_from_dict

SCALE5 = {i: {"zh": z, "en": e} for i, z, e in zip(range(1, 6), ["很差", "差", "一般", "好", "很好"], ["very poor", "poor", "fair", "good", "very good"])}
SECTORS = {1: {"zh": "高校", "en": "university"}, 2: {"zh": "企业", "en": "enterprise"}, 3: {"zh": "医院", "en": "hospital"}}
TEAMS = {1: {"zh": "甲组", "en": "team A"}, 2: {"zh": "乙组", "en": "team B"}, 3: {"zh": "丙组", "en": "team C"}}


def questionnaire():
    items = [{"id": f"{c}{i}", "text": f"{c}{i}", "scale": "s5", "number": c, "row": f"{c}{i}"} for c in ("H", "M", "Y") for i in (1, 2, 3)]
    items += [
        {"id": "sector", "text": {"zh": "单位类型", "en": "Sector"}, "short": {"zh": "单位类型", "en": "Sector"}, "scale": "sector", "role": "demographic", "type": "single"},
        {"id": "team", "text": {"zh": "所在组", "en": "Team"}, "short": {"zh": "所在组", "en": "Team"}, "scale": "team", "role": "demographic", "type": "single"},
    ]
    return questionnaire_from_dict(
        {
            "id": "claims",
            "title": {"zh": "小研究", "en": "Small study"},
            "scales": {"s5": {"labels": SCALE5}, "sector": {"labels": SECTORS, "ordered": False}, "team": {"labels": TEAMS, "ordered": False}},
            "items": items,
            "constructs": [
                {"id": "H", "name": {"zh": "保健", "en": "Hygiene"}, "items": ["H1", "H2", "H3"], "role": "hygiene"},
                {"id": "M", "name": {"zh": "激励", "en": "Motivator"}, "items": ["M1", "M2", "M3"], "role": "motivator"},
                {"id": "Y", "name": {"zh": "总体满意度", "en": "Overall satisfaction"}, "items": ["Y1", "Y2", "Y3"], "role": "outcome"},
            ],
        }
    )


def responses(n: int = 90, seed: int = 3, *, sector_effect=(0.0, 0.0, 0.0), team_effect=(0.0, 0.0, 0.0)) -> Responses:
    """Likert answers; ``sector_effect``/``team_effect`` shift every item of H (by level 1, 2, 3)."""
    rng = np.random.default_rng(seed)
    sector = np.tile([1.0, 2.0, 3.0], n // 3)
    team = np.repeat([1.0, 2.0, 3.0], n // 3)
    shift = np.asarray(sector_effect)[sector.astype(int) - 1] + np.asarray(team_effect)[team.astype(int) - 1]
    trait = rng.normal(size=(n, 2))
    cols = {}
    for i in (1, 2, 3):
        cols[f"H{i}"] = np.clip(np.round(3 + trait[:, 0] + shift + rng.normal(scale=0.7, size=n)), 1, 5)
        cols[f"M{i}"] = np.clip(np.round(3 + trait[:, 1] + rng.normal(scale=0.7, size=n)), 1, 5)
        cols[f"Y{i}"] = np.clip(np.round(3 + 0.5 * trait[:, 0] + 0.5 * trait[:, 1] + rng.normal(scale=0.7, size=n)), 1, 5)
    cols["sector"], cols["team"] = sector, team
    index = pd.Index([f"r{i:03d}" for i in range(1, n + 1)], name="respondent")
    return Responses(pd.DataFrame(cols, index=index), pd.DataFrame(index=index), questionnaire(), Source("memory", "test", "", n))


def context(resp: Responses, analyses: dict, *, lang: str = "zh", style: str = "gb") -> Context:
    plan = Plan.model_validate({"title": {"zh": "小研究", "en": "Small study"}, "questionnaire": "claims", "data": "none.csv", "analyses": analyses})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        scores = resp.scores()
    return Context(plan=plan, questionnaire=resp.questionnaire, raw=resp, clean=resp, scores=scores, lang=lang, style=style,
                   doc=Document(title="t", lang=lang, style=style))


def paragraphs(ctx: Context) -> list[str]:
    return [b.text for b in ctx.doc.blocks if type(b).__name__ == "Paragraph"]


def tables(ctx: Context) -> dict:
    return {b.key: b for b in ctx.doc.blocks if type(b).__name__ == "Table"}


def figures(ctx: Context) -> dict:
    return {b.key: b for b in ctx.doc.blocks if type(b).__name__ == "Figure"}
