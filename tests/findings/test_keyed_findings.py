"""Findings as keyed objects: the renderer, the catalogues, and the keys each migrated result emits.

Each result test pins which keys it states (with the values the sentence rests on) and the text
its templates render in both languages, ids named by the labels handed over at render time.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.findings import Finding, render, select
from survey.findings.catalogue import TOPICS, _module

PLANT = Path(__file__).resolve().parents[1] / "reference" / "differences" / "plantgrowth.csv"


def test_a_finding_names_its_topic_and_checks_its_level():
    f = Finding("groups.significant", {"dv": "x"}, ids=["x"])
    assert f.topic == "groups" and f.ids == ("x",) and f.level == "main"
    with pytest.raises(ValueError, match="level"):
        Finding("groups.significant", level="headline")
    with pytest.raises(ValueError, match="<topic>.<name>"):
        Finding("significant")
    with pytest.raises(TypeError):
        f.values["dv"] = "y"  # the values are read-only


def test_render_names_what_is_missing():
    with pytest.raises(KeyError, match="no 'en' template for 'groups.nothing'"):
        render(Finding("groups.nothing"), "en")
    with pytest.raises(KeyError, match="no findings catalogue for topic 'astrology'"):
        render(Finding("astrology.stars"), "en")
    with pytest.raises(KeyError, match="needs 'items'"):
        render(Finding("reliability.low_citc"), "zh")
    with pytest.raises(KeyError, match="no templates in 'fr'"):
        render(Finding("reliability.low_citc", {"items": ["a"]}), "fr")


def test_select_keeps_the_result_order_and_refuses_unknown_keys():
    found = [Finding("kano.attribute", {"n": 1}), Finding("kano.dropped", level="caution"), Finding("kano.attribute", {"n": 2})]
    assert [f.values.get("n") for f in select(found, "kano.attribute")] == [1, 2]
    assert select(found, level="caution") == [found[1]]
    with pytest.raises(KeyError, match="kano.atribute"):
        select(found, "kano.atribute")


@pytest.mark.parametrize("topic", TOPICS)
def test_every_language_of_a_topic_has_the_same_keys_and_words(topic):
    module = _module(topic)
    keys = {lang: set(block) for lang, block in module.TEMPLATES.items()}
    assert keys["zh"] == keys["en"] and all(k.startswith(f"{topic}.") for k in keys["en"])
    words = getattr(module, "WORDS", {})
    if words:
        used = {w for block in (*module.TEMPLATES.values(), *words.values()) for text in block.values() for w in _words_used(text)}
        for lang, block in words.items():
            missing = {w for w in used if w.startswith("=") and w[1:] not in block}
            assert not missing, (lang, missing)


def _words_used(text: str) -> set[str]:
    """Word keys written literally after ``each:`` (the others come from values)."""
    import string

    out = set()
    for _, field, spec, _ in string.Formatter().parse(text):
        if spec and spec.startswith("each:"):
            out.update("=" + w for w in spec.split(":")[1:])
    return out


# ---------------------------------------------------------------------------- reliability
def _items(seed: int = 3, n: int = 200) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    trait = rng.normal(size=n)
    cols = {f"q{i}": np.clip(np.round(3 + trait + rng.normal(scale=s, size=n)), 1, 5) for i, s in enumerate((0.6, 0.7, 0.8, 3.0), 1)}
    return pd.DataFrame(cols)


def test_alpha_states_its_findings_by_key_and_names_the_scale_at_render_time():
    res = sv.cronbach_alpha(_items(), name="grit")
    found = res.finding_objects()
    assert [f.key for f in found] == ["reliability.alpha", "reliability.low_citc", "reliability.alpha_if_deleted"]
    assert [f.level for f in found] == ["main", "caution", "detail"]
    assert found[0].ids == ("grit",) and found[0].values["alpha"] == res.alpha and found[1].ids == ("q4",)
    a3 = f"{res.alpha:.3f}"
    zh = render(found[0], "zh", "gb", labels={"grit": "坚毅"})
    assert zh.startswith(f"“坚毅”的Cronbach's α系数为{a3}（95%置信区间 [") and "% CI" not in zh
    assert render(found[1], "en", labels={"q4": "Q4 (noisy)"}) == "Items with corrected item–total r below .30: Q4 (noisy)."
    assert res.findings("en") == [render(f, "en") for f in found]  # the sentence API renders the same findings


def test_reliability_range_key_says_whether_every_construct_reached_70(tmp_path):
    from survey.stats.reliability import ReliabilityResult

    good = sv.cronbach_alpha(_items()[["q1", "q2", "q3"]], name="a")
    weak = sv.cronbach_alpha(_items(seed=5)[["q1", "q4"]], name="b")
    table = pd.DataFrame({"alpha": [good.alpha, weak.alpha]}, index=["a", "b"])
    res = ReliabilityResult(table=table, alphas={"a": good, "b": weak}, skipped={"c": "one item"}, names_zh={"a": "甲", "b": "乙"})
    keys = [f.key for f in res.finding_objects()]
    assert keys[0] == ("reliability.range_low" if weak.alpha < 0.7 else "reliability.range_acceptable") and keys[-1] == "reliability.skipped"
    assert res.findings("zh")[-1] == "c：one item"
    assert any(s.startswith("“甲”的") for s in res.findings("zh"))  # the questionnaire's Chinese name by default


# ---------------------------------------------------------------------------- groups
def test_group_comparison_keys_post_hoc_and_labels():
    plant = pd.read_csv(PLANT)
    res = sv.compare_groups(plant, dv="weight", by="group", test="anova", post_hoc="tukey")
    keys = [f.key for f in res.finding_objects()]
    assert keys == ["groups.significant", "groups.test_choice", "groups.post_hoc"]
    main = res.finding_objects()[0]
    assert main.ids == ("weight", "group") and main.values["p_value"] == res.p_value
    labels = {"weight": "dried weight", "group": "treatment"}
    en = render(main, "en", labels=labels)
    assert en.startswith("A one-way ANOVA showed a significant difference in dried weight across treatment groups, F(2, 27) = 4.85, p = .016")
    zh = render(main, "zh", labels={"weight": "干重", "group": "处理"})
    assert zh.startswith("由表可知，不同处理在干重上存在显著差异（F(2, 27) = 4.85，p = 0.016")
    assert render(res.finding_objects()[2], "en") == "Tukey HSD comparisons: trt2 > trt1 (p = .012); the other pairs did not differ significantly."


# ---------------------------------------------------------------------------- regression
def test_regression_keys_per_step_and_predictor():
    rng = np.random.default_rng(0)
    d = pd.DataFrame(rng.normal(size=(120, 3)), columns=["x1", "x2", "noise"])
    d["y"] = d["x1"] + 0.5 * d["x2"] + rng.normal(size=120)
    res = sv.regression(d, "y", blocks=[["x1"], ["x2", "noise"]])
    keys = [f.key for f in res.finding_objects()]
    assert keys == ["regression.model_significant", "regression.step_significant", "regression.predictor_significant",
                    "regression.predictor_significant", "regression.predictor_not_significant"]
    step = res.finding_objects()[1]
    assert step.ids == ("x2", "noise") and step.values["step"] == 2
    assert render(step, "zh", labels={"x2": "乙", "noise": "噪声"}).startswith("第2层加入乙、噪声后，R²增加了")
    assert render(step, "en", labels={"x2": "B", "noise": "N"}).startswith("Adding B, N in step 2 significantly increased the explained variance, ΔR² = ")


# ---------------------------------------------------------------------------- models
@pytest.fixture(scope="module")
def two_factor_study():
    return sv.simulate_two_factor(1500, seed=11)


def test_model_findings_name_attributes_through_labels(two_factor_study):
    s = two_factor_study
    attrs = list(s.truth.index)
    labels = {a: a.upper() for a in attrs} | {"overall": "OVERALL"}
    pr = sv.prca(s.data, "overall", attrs, roles=s.roles)
    kn = sv.kano(s.functional, s.dysfunctional)
    rw = sv.relative_weights(s.data, "overall", attrs)
    for res, keys in ((pr, {"prca.attribute", "prca.anomaly"}), (kn, {"kano.attribute", "kano.dropped"}), (rw, {"drivers.shares"})):
        found = res.finding_objects()
        assert {f.key for f in found} <= keys and found
        for f, text in zip(found, [render(f, "zh", labels=labels) for f in found]):
            for i in f.ids:
                assert labels.get(i, i) in text
            assert not any(a in text for a in attrs), text  # no id left in the sentence
    first = select(pr.finding_objects(), "prca.attribute")[0]
    assert first.values["class"] == pr.table.loc[first.ids[0], "class"] != "undefined"
    anomalies = [f.ids[0] for f in select(pr.finding_objects(), "prca.anomaly")]
    assert anomalies == list(pr.table.index[pr.table["class"] == "undefined"])
    assert render(rw.finding_objects()[0], "en", labels=labels).startswith("Relative weights (Johnson, 2000): the predictors explain ")


def test_two_factor_keys(two_factor_study):
    s = two_factor_study
    hygiene = [a for a, r in s.roles.items() if r == "hygiene"]
    motivator = [a for a, r in s.roles.items() if r == "motivator"]
    res = sv.two_factor(s.data, "overall", hygiene=hygiene, motivator=motivator)
    keys = [f.key for f in res.finding_objects()]
    assert keys == ["two_factor.composites", "two_factor.increment", "two_factor.increment", "two_factor.asymmetry", "two_factor.asymmetry"]
    text = render(res.finding_objects()[0], "zh", labels={"overall": "总体满意度"})
    assert text.startswith("以总体满意度为因变量的回归中，保健因素（β = ")


def test_code_frequencies_name_codes_by_the_codebook():
    from survey.interviews.counting import CodeFrequencyResult

    table = pd.DataFrame({"n_segments": [9, 4, 7, 1], "n_interviewees": [5, 5, 3, 1], "name": ["住房", "薪酬", "子女教育", "其他"]},
                         index=pd.Index(["housing", "pay", "school", "misc"], name="code"))
    res = CodeFrequencyResult(table=table, by_interviewee=pd.DataFrame(), by_theme=pd.DataFrame(), n_segments=21, n_interviewees=6)
    (found,) = res.finding_objects()
    assert found.key == "interviews.top_codes" and found.ids == ("housing", "pay", "school")
    assert res.findings("zh") == ["在6位受访者中，提及最多的编码为住房（5人，9处）、薪酬（5人，4处）、子女教育（3人，7处）。"]
    assert render(found, "en") == ("The codes raised most often were housing (5 of 6 interviewees, 9 segments), pay (5 of 6 interviewees, 4 segments), "
                                   "school (3 of 6 interviewees, 7 segments).")
