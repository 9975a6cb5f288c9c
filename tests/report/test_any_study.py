"""The report on a study that is not the flagship: a small psychology questionnaire (optimism,
mastery, perceived stress, self-esteem, well-being) whose scales run 1–4, 1–5 and 1–7, whose
constructs carry no two-factor role (none, or ``other``), with a numeric demographic (age) and a
categorical one (gender). Nothing of the talent-service study may leak into its report."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from survey.report.runner import run_plan

QUESTIONNAIRE = """\
id: wellbeing_study
title: {zh: 心理健康问卷, en: Psychological well-being questionnaire}
scales:
  agree4:
    labels:
      1: {zh: 完全不同意, en: Strongly disagree}
      2: {zh: 不同意, en: Disagree}
      3: {zh: 同意, en: Agree}
      4: {zh: 完全同意, en: Strongly agree}
  agree5:
    labels:
      1: {zh: 非常不同意, en: Strongly disagree}
      2: {zh: 不同意, en: Disagree}
      3: {zh: 说不清, en: Neutral}
      4: {zh: 同意, en: Agree}
      5: {zh: 非常同意, en: Strongly agree}
  often5:
    labels:
      1: {zh: 从不, en: Never}
      2: {zh: 很少, en: Almost never}
      3: {zh: 有时, en: Sometimes}
      4: {zh: 经常, en: Fairly often}
      5: {zh: 总是, en: Very often}
  agree7:
    labels:
      1: {zh: 极不符合, en: Not at all true}
      2: {zh: 不符合, en: Untrue}
      3: {zh: 有点不符合, en: Slightly untrue}
      4: {zh: 不确定, en: Neither}
      5: {zh: 有点符合, en: Slightly true}
      6: {zh: 符合, en: "True"}
      7: {zh: 极为符合, en: Completely true}
  sex:
    labels: {1: {zh: 男, en: Male}, 2: {zh: 女, en: Female}}
items:
  - {id: op1, text: {zh: 我总是对未来充满希望, en: I am hopeful about my future}, scale: agree5}
  - {id: op2, text: {zh: 我相信好事会发生在我身上, en: I expect good things to happen to me}, scale: agree5}
  - {id: op3, text: {zh: 我通常期待最好的结果, en: I usually expect the best}, scale: agree5}
  - {id: op4, text: {zh: 我对前途很乐观, en: I am optimistic about what lies ahead}, scale: agree5}
  - {id: ma1, text: {zh: 我能解决遇到的大多数问题, en: I can solve most problems I have}, scale: agree4}
  - {id: ma2, text: {zh: 我能掌控自己的生活, en: I am in control of my life}, scale: agree4}
  - {id: ma3, text: {zh: 我能做到想做的事, en: I can do just about anything I set my mind to}, scale: agree4}
  - {id: ma4, text: {zh: 未来取决于我自己, en: What happens to me depends on me}, scale: agree4}
  - {id: st1, text: {zh: 感到紧张不安, en: Felt nervous and stressed}, scale: often5}
  - {id: st2, text: {zh: 感到事情无法掌控, en: Felt things were out of control}, scale: often5}
  - {id: st3, text: {zh: 感到困难堆积如山, en: Felt difficulties were piling up}, scale: often5}
  - {id: st4, text: {zh: 因意外之事而心烦, en: Been upset by something unexpected}, scale: often5}
  - {id: se1, text: {zh: 我觉得自己有许多优点, en: I have a number of good qualities}, scale: agree4}
  - {id: se2, text: {zh: 我对自己持肯定态度, en: I take a positive attitude toward myself}, scale: agree4}
  - {id: se3, text: {zh: 我觉得自己是有价值的人, en: I am a person of worth}, scale: agree4}
  - {id: wb1, text: {zh: 我的生活接近理想, en: My life is close to my ideal}, scale: agree7}
  - {id: wb2, text: {zh: 我的生活状况很好, en: The conditions of my life are excellent}, scale: agree7}
  - {id: wb3, text: {zh: 我已得到生活中重要的东西, en: I have the important things I want in life}, scale: agree7}
  - {id: gender, text: {zh: 性别, en: Gender}, type: single, scale: sex, role: demographic}
  - {id: age, text: {zh: 年龄, en: Age}, type: numeric, min: 18, max: 90, role: demographic}
constructs:
  - {id: optimism, name: {zh: 乐观, en: Optimism}, items: [op1, op2, op3, op4], role: other}
  - {id: mastery, name: {zh: 掌控感, en: Mastery}, items: [ma1, ma2, ma3, ma4]}
  - {id: stress, name: {zh: 知觉压力, en: Perceived stress}, items: [st1, st2, st3, st4], role: other}
  - {id: esteem, name: {zh: 自尊, en: Self-esteem}, items: [se1, se2, se3]}
  - {id: wellbeing, name: {zh: 幸福感, en: Well-being}, items: [wb1, wb2, wb3]}
"""

PLAN = """\
title: {{zh: 大学生心理健康调查, en: A student well-being survey}}
questionnaire: wellbeing_study.yaml
data: data.csv
language: {lang}
style: gb
seed: 7
outputs: {outputs}
analyses:
  sample_profile: {{}}
  reliability: {{}}
  validity: {{}}
  descriptives: {{}}
  group_differences: {{by: [gender]}}
  correlation: {{}}
  regression: {{outcome: wellbeing, predictors: [optimism, mastery, stress, esteem]}}
"""

SCALES = {"optimism": (5, ["op1", "op2", "op3", "op4"]), "mastery": (4, ["ma1", "ma2", "ma3", "ma4"]),
          "stress": (5, ["st1", "st2", "st3", "st4"]), "esteem": (4, ["se1", "se2", "se3"]), "wellbeing": (7, ["wb1", "wb2", "wb3"])}

SECTIONS_ZH = ["数据来源与样本筛选", "样本基本情况", "信度分析", "效度分析", "描述性统计", "差异分析", "相关分析", "回归分析", "研究发现"]
SECTIONS_EN = ["Data and screening", "Sample profile", "Reliability", "Validity", "Descriptive statistics", "Group differences",
               "Correlations", "Regression", "Summary of findings"]
TALENT_WORDS = ("满意", "人才", "对策", "talent", "satisf")


def _data(n: int = 160) -> pd.DataFrame:
    rng = np.random.default_rng(20260)
    general = rng.normal(size=n)  # one well-being factor behind the five scales, each with its own part
    data = pd.DataFrame({"id": [f"s{i:03d}" for i in range(n)]})
    for sign, (construct, (top, items)) in zip((1, 1, -1, 1, 1), SCALES.items()):
        own = 0.6 * sign * general + 0.8 * rng.normal(size=n)
        for item in items:
            raw = (top + 1) / 2 + (top / 4) * (own + 0.6 * rng.normal(size=n))
            data[item] = np.clip(np.rint(raw), 1, top).astype(int)
    data["gender"] = rng.integers(1, 3, size=n)
    data["age"] = rng.integers(18, 41, size=n)
    return data


def _study(folder: Path, *, lang: str, outputs: str = "[md]", plan: str = PLAN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    _data().to_csv(folder / "data.csv", index=False)
    (folder / "wellbeing_study.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (folder / "plan.yaml").write_text(plan.format(lang=lang, outputs=outputs), encoding="utf-8")
    return folder / "plan.yaml"


@pytest.fixture(scope="module", params=["zh", "en"])
def run(request, tmp_path_factory):
    folder = tmp_path_factory.mktemp(f"psy_{request.param}")
    res = run_plan(_study(folder, lang=request.param), folder / "out")
    return request.param, res, (folder / "out" / "report.md").read_text(encoding="utf-8")


def _headings(md: str) -> list[str]:
    """Section headings without their numbers (gb style numbers them 4.1, 4.1.1)."""
    return [re.sub(r"^\d+(\.\d+)*\s", "", line.lstrip("#").strip()) for line in md.splitlines() if line.startswith("##")]


def test_every_planned_section_runs_and_is_present(run):
    lang, res, md = run
    assert res.skipped == ()
    headings = _headings(md)
    for title in SECTIONS_ZH if lang == "zh" else SECTIONS_EN:
        assert any(h.startswith(title) for h in headings), (title, headings)


def test_no_wording_of_the_talent_study(run):
    lang, _, md = run
    found = {w: md.count(w) for w in TALENT_WORDS if w in md.lower()}
    assert not found, found
    if lang == "en":  # a Chinese-style (gb) report in English: no Chinese at all, yes/no cells included
        assert not re.findall(r"[\u4e00-\u9fff]+", md)


def test_every_construct_is_used_whatever_its_role(run):
    _, res, _ = run
    everything = list(SCALES)
    assert res.context.results["descriptives"].to_frame()["variable"].tolist() == everything
    assert res.context.results["reliability"].to_frame().index.tolist() == everything
    assert sorted({r.dv for k, r in res.context.results.items() if k.startswith("groups:")}) == sorted(
        res.context.label(c) for c in everything)
    correlated = set(res.context.results["correlations"].to_frame()[["x", "y"]].to_numpy().ravel())
    assert correlated == {res.context.label(c) for c in everything}


def test_scale_notes_are_each_scales_own_labels(run):
    lang, _, md = run
    if lang == "zh":
        expected = ["1 = 完全不同意，4 = 完全同意", "1 = 非常不同意，5 = 非常同意", "1 = 从不，5 = 总是", "1 = 极不符合，7 = 极为符合"]
    else:
        expected = ["1 = Strongly disagree, 4 = Strongly agree", "1 = Strongly disagree, 5 = Strongly agree",
                    "1 = Never, 5 = Very often", "1 = Not at all true, 7 = Completely true"]
    for note in expected:
        assert note in md, note


def test_means_are_ranked_only_within_one_scale_range(run):
    lang, res, md = run
    frame = res.context.results["descriptives"].to_frame().set_index("variable")
    # the 1–4 scales (mastery, self-esteem) are compared with each other, never with a 1–7 scale
    low, high = sorted(["mastery", "esteem"], key=lambda c: frame.loc[c, "mean"])
    names = {c: res.context.label(c) for c in SCALES}
    sentence = next(s for s in re.split(r"(?<=。)|(?<=\.)\s+", md) if names[low] in s and names[high] in s and ("最低" in s or "lowest" in s))
    assert names["wellbeing"] not in sentence and names["optimism"] not in sentence
    assert ("1–4" in sentence) and ("最高" in sentence or "highest" in sentence)


def test_one_likert_figure_per_response_scale_with_its_own_anchors(run):
    _, res, _ = run
    figures = sorted(p for p in res.files if p.startswith("figures/likert") and p.endswith(".png"))
    assert figures == ["figures/likert_agree4.png", "figures/likert_agree5.png", "figures/likert_agree7.png", "figures/likert_often5.png"]
    dists = {k: v for k, v in res.context.results.items() if k.startswith("likert:")}
    assert sorted(dists) == ["likert:agree4", "likert:agree5", "likert:agree7", "likert:often5"]
    assert dists["likert:agree4"].codes == (1.0, 2.0, 3.0, 4.0)
    assert list(dists["likert:agree4"].counts.index) == ["ma1", "ma2", "ma3", "ma4", "se1", "se2", "se3"]
    assert dists["likert:agree7"].codes == tuple(float(c) for c in range(1, 8))


def test_numeric_age_is_described_by_mean_sd_and_range(run):
    lang, res, md = run
    age = _data()["age"]  # the default screening drops nobody here: the check below needs the full sample
    assert res.n_used == res.n_input == 160
    numeric = res.context.results["sample_profile_numeric"].set_index("variable")
    row = numeric.loc[res.context.label("age")]
    assert row["n"] == 160
    assert row["mean"] == pytest.approx(age.mean(), abs=1e-12)
    assert row["sd"] == pytest.approx(age.std(ddof=1), abs=1e-12)
    assert (row["min"], row["max"]) == (age.min(), age.max())
    categorical = res.context.results["sample_profile"].to_frame()
    assert set(categorical["variable"]) == {res.context.label("gender")}
    assert f"{age.mean():.2f}" in md and f"{age.std(ddof=1):.2f}" in md


def test_validity_runs_per_instrument(run):
    _, res, md = run
    runs = {k: v for k, v in res.context.results.items() if k.startswith("efa:")}
    assert sorted(runs) == sorted(f"efa:{c}" for c in SCALES)
    for construct, (_, items) in SCALES.items():
        loadings = runs[f"efa:{construct}"].loadings
        assert list(loadings.index) == items and loadings.shape[1] == 1
        assert res.context.results[f"kmo:{construct}"].per_item.index.tolist() == items


def test_the_plan_can_pool_instruments_and_choose_constructs(tmp_path):
    plan = PLAN.replace("validity: {{}}", "validity: {{instruments: [[mastery, esteem], [optimism, stress]]}}").replace(
        "descriptives: {{}}", "descriptives: {{constructs: [mastery, esteem], pomp: true, by: [gender]}}").replace(
        "correlation: {{}}", "correlation: {{constructs: [optimism, stress]}}")
    res = run_plan(_study(tmp_path, lang="en", plan=plan), tmp_path / "out")
    assert res.skipped == ()
    efa = {k: v for k, v in res.context.results.items() if k.startswith("efa:")}
    assert sorted(efa) == ["efa:mastery+esteem", "efa:optimism+stress"]
    assert efa["efa:mastery+esteem"].loadings.shape == (7, 2)
    frame = res.context.results["descriptives_table"].set_index("variable")
    assert list(frame.index) == ["mastery", "esteem"]
    data = res.context.scores
    assert frame.loc["mastery", "pomp"] == pytest.approx(100 * (data["mastery"].mean() - 1) / 3, abs=1e-12)
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "POMP" in md and "Descriptive statistics by Gender" in md
    by = res.context.results["descriptives:gender"].to_frame().set_index(["gender", "variable"])
    men = res.context.clean.data["gender"] == 1
    assert by.loc[(1, "esteem"), "mean"] == pytest.approx(data.loc[men, "esteem"].mean(), abs=1e-12)


def test_a_demographic_that_cannot_be_described_skips_only_itself(tmp_path):
    folder = tmp_path / "s"
    plan = _study(folder, lang="en")
    data = pd.read_csv(folder / "data.csv")
    data["age"] = np.nan  # nobody answered: age cannot be described, gender can
    data.to_csv(folder / "data.csv", index=False)
    plan.write_text(plan.read_text(encoding="utf-8") + "screening: {partial: false}\n", encoding="utf-8")
    res = run_plan(plan, tmp_path / "out")
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "sample_profile" not in dict(res.skipped)
    assert set(res.context.results["sample_profile"].to_frame()["variable"]) == {"Gender"}
    assert "Age could not be described" in md


def test_the_study_type_sets_titles_and_the_closing_sentence(tmp_path):
    plan = "study_type: policy\n" + PLAN
    res = run_plan(_study(tmp_path, lang="zh", plan=plan), tmp_path / "out")
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert res.skipped == ()
    assert "现状分析" in _headings(md) and "描述性统计" not in _headings(md)
    assert "研究发现与问题归纳" in _headings(md)


def test_a_figure_that_cannot_be_drawn_is_named_with_its_reason(tmp_path):
    from survey.errors import AnalysisError

    plan = PLAN.replace("descriptives: {{}}", "descriptives: {{items: [age, ma1, ma2]}}")
    res = run_plan(_study(tmp_path, lang="en", plan=plan), tmp_path / "out")
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "Age is not on an ordered scale and is not drawn." in md
    assert list(res.context.results["likert:agree4"].counts.index) == ["ma1", "ma2"]

    def fails():
        raise AnalysisError("likert_distribution: items with no answers: ['ma1']")

    ctx = res.context
    n = len(ctx.doc.blocks)
    ctx.figure_or_note(fails, "Distribution of answers per item", key="x")
    assert len(ctx.doc.blocks) == n + 1
    assert "could not be drawn: likert_distribution: items with no answers" in ctx.doc.blocks[-1].text


def test_two_factor_and_satisfaction_sections_say_why_they_cannot_run(tmp_path):
    plan = PLAN + "  two_factor: {{}}\n  satisfaction_index: {{}}\n  drivers: {{}}\n"
    res = run_plan(_study(tmp_path, lang="en", plan=plan), tmp_path / "out")
    skipped = dict(res.skipped)
    assert skipped["two_factor"] == "the questionnaire needs both hygiene and motivator constructs"
    assert "satisfaction" in skipped
    md = (tmp_path / "out" / "report.md").read_text(encoding="utf-8")
    assert "the plan names no constructs for the index and the questionnaire has no hygiene or motivator constructs" in md


def test_the_index_puts_each_item_on_its_own_range(tmp_path):
    plan = PLAN + "  satisfaction_index: {{constructs: [mastery, wellbeing]}}\n"
    res = run_plan(_study(tmp_path, lang="en", plan=plan), tmp_path / "out")
    data = res.context.clean.data
    # the ACSI formula with equal weights: 100 (Σx − Σmin) / (Σmax − Σmin), min and max of each item's own scale
    raw = data[["ma1", "ma2", "ma3", "ma4", "wb1", "wb2", "wb3"]].sum(axis=1)
    expected = (100 * (raw - 7) / (4 * 4 + 3 * 7 - 7)).mean()
    assert res.context.results["index"].to_frame()["estimate"].iloc[0] == pytest.approx(expected, abs=1e-9)
