"""compare_groups against R (tests/reference/differences/groups.R)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from survey.errors import AnalysisError
from survey.stats.groups import compare_groups

CLOSED = 1e-8
# the d CI inverts the noncentral t with root finders in R and scipy; R's pnt() warns that
# "full precision may not have been achieved", so the bounds agree to ~1e-7, not 1e-8.
NCT = 1e-6

TWO = {
    "tg_supp": ("toothgrowth", "len", "supp"),
    "mtcars_am": ("mtcars", "mpg", "am"),
    "noties": ("noties", "y", "g"),
}
K = {
    "plant": ("plantgrowth", "weight", "group"),
    "iris_sw": ("iris", "Sepal.Width", "Species"),
    "tg_dose": ("toothgrowth", "len", "dose"),
}


def lv(x) -> str:
    """A group level as R prints it in row names (1 not 1.0)."""
    return f"{x:g}" if isinstance(x, float) else str(x)


def e(exp, case, q) -> float:
    return float(exp[(case, q)])


@pytest.mark.parametrize("case", list(TWO))
def test_two_groups_match_r(case, datasets, groups_expected):
    name, dv, by = TWO[case]
    df = datasets[name]
    r_levels = sorted(df[by].unique())  # groups.R takes levels(factor(g)): sorted, first − second
    st = compare_groups(df, dv=dv, by=by, test="student", levels=r_levels)
    assert st.statistic == pytest.approx(e(groups_expected, case, "student_t"), abs=CLOSED)
    assert st.df == pytest.approx(e(groups_expected, case, "student_df"), abs=CLOSED)
    assert st.p_value == pytest.approx(e(groups_expected, case, "student_p"), abs=CLOSED)
    assert st.effect_size == pytest.approx(e(groups_expected, case, "cohen_d"), abs=CLOSED)
    assert st.effects.loc["hedges_g", "estimate"] == pytest.approx(e(groups_expected, case, "hedges_g"), abs=CLOSED)
    assert st.effect_ci_low == pytest.approx(e(groups_expected, case, "d_ci_low"), abs=NCT)
    assert st.effect_ci_high == pytest.approx(e(groups_expected, case, "d_ci_high"), abs=NCT)
    lev = st.checks.set_index("check").loc["levene_median"]
    assert lev["statistic"] == pytest.approx(e(groups_expected, case, "levene_F"), abs=CLOSED)
    assert lev["statistic"] == pytest.approx(e(groups_expected, case, "levene_F_hand"), abs=CLOSED)
    assert lev["p_value"] == pytest.approx(e(groups_expected, case, "levene_p"), abs=CLOSED)
    sw = st.checks[st.checks["check"] == "shapiro_wilk"]["p_value"].to_numpy()
    # R's shapiro.test and scipy both use Royston's AS R94 algorithm (single precision constants)
    np.testing.assert_allclose(sw, [e(groups_expected, case, "shapiro_p_1"), e(groups_expected, case, "shapiro_p_2")], atol=1e-6)

    we = compare_groups(df, dv=dv, by=by, test="welch", levels=r_levels)
    assert we.statistic == pytest.approx(e(groups_expected, case, "welch_t"), abs=CLOSED)
    assert we.df == pytest.approx(e(groups_expected, case, "welch_df"), abs=CLOSED)
    assert we.p_value == pytest.approx(e(groups_expected, case, "welch_p"), abs=CLOSED)

    mw = compare_groups(df, dv=dv, by=by, test="mann_whitney", levels=r_levels)
    assert mw.statistic == pytest.approx(e(groups_expected, case, "wilcox_W"), abs=CLOSED)
    assert mw.p_value == pytest.approx(e(groups_expected, case, "wilcox_p"), abs=CLOSED)
    assert mw.effect_size == pytest.approx(e(groups_expected, case, "rank_biserial"), abs=CLOSED)
    assert mw.effect_ci_low == pytest.approx(e(groups_expected, case, "rb_ci_low"), abs=CLOSED)
    assert mw.effect_ci_high == pytest.approx(e(groups_expected, case, "rb_ci_high"), abs=CLOSED)


@pytest.mark.parametrize("case", list(K))
def test_k_groups_match_r(case, datasets, groups_expected):
    name, dv, by = K[case]
    df = datasets[name]
    ex = lambda q: e(groups_expected, case, q)  # noqa: E731
    a = compare_groups(df, dv=dv, by=by, test="anova", post_hoc="tukey")
    assert (a.statistic, a.df, a.df2) == pytest.approx((ex("anova_F"), ex("anova_df1"), ex("anova_df2")), abs=CLOSED)
    assert a.p_value == pytest.approx(ex("anova_p"), abs=CLOSED)
    assert a.effect_size == pytest.approx(ex("eta2"), abs=CLOSED)
    assert a.effects.loc["omega_squared", "estimate"] == pytest.approx(ex("omega2"), abs=CLOSED)
    assert a.effect_ci_low == pytest.approx(ex("eta2_ci_low"), abs=1e-7)  # root finding on both sides
    assert a.effect_ci_high == pytest.approx(ex("eta2_ci_high"), abs=1e-7)
    lev = a.checks.set_index("check").loc["levene_median"]
    assert (lev["statistic"], lev["p_value"]) == pytest.approx((ex("levene_F"), ex("levene_p")), abs=CLOSED)
    levels = list(a.groups.index)
    for _, row in a.post_hoc.iterrows():
        key = f"{lv(row['group_b'])}-{lv(row['group_a'])}"  # R: diff = later level minus earlier
        assert -row["estimate"] == pytest.approx(ex(f"tukey_diff:{key}"), abs=CLOSED)
        assert -row["ci_high"] == pytest.approx(ex(f"tukey_lwr:{key}"), abs=1e-7)  # qtukey is iterative
        assert -row["ci_low"] == pytest.approx(ex(f"tukey_upr:{key}"), abs=1e-7)
        assert row["p_value"] == pytest.approx(ex(f"tukey_p:{key}"), abs=1e-7)  # ptukey numerical integration
    assert len(a.post_hoc) == len(levels) * (len(levels) - 1) // 2

    w = compare_groups(df, dv=dv, by=by, test="welch_anova", post_hoc="games_howell")
    assert (w.statistic, w.df, w.df2, w.p_value) == pytest.approx((ex("welch_F"), ex("welch_df1"), ex("welch_df2"), ex("welch_p")), abs=CLOSED)
    for _, row in w.post_hoc.iterrows():
        key = f"{lv(row['group_b'])}-{lv(row['group_a'])}"
        assert -row["estimate"] == pytest.approx(ex(f"gh_diff:{key}"), abs=CLOSED)
        assert row["df"] == pytest.approx(ex(f"gh_df:{key}"), abs=CLOSED)
        assert row["p_value"] == pytest.approx(ex(f"gh_p:{key}"), abs=1e-7)
        assert -row["ci_high"] == pytest.approx(ex(f"gh_lwr:{key}"), abs=1e-7)
        assert -row["ci_low"] == pytest.approx(ex(f"gh_upr:{key}"), abs=1e-7)

    kw = compare_groups(df, dv=dv, by=by, test="kruskal", post_hoc="dunn")
    assert (kw.statistic, kw.df, kw.p_value) == pytest.approx((ex("kruskal_H"), ex("kruskal_df"), ex("kruskal_p")), abs=CLOSED)
    assert kw.effect_size == pytest.approx(ex("epsilon2"), abs=CLOSED)
    for _, row in kw.post_hoc.iterrows():
        key = f"{lv(row['group_a'])}|{lv(row['group_b'])}"
        assert row["statistic"] == pytest.approx(ex(f"dunn_z:{key}"), abs=CLOSED)
        assert row["p_value"] == pytest.approx(ex(f"dunn_p:{key}"), abs=CLOSED)


def test_auto_says_what_and_why(datasets):
    # ToothGrowth len ~ supp: OJ fails Shapiro (p = .024, n = 30 -> not < 30, so CLT), Levene ok
    r = compare_groups(datasets["toothgrowth"], dv="len", by="supp")
    assert r.test == "student" and "Levene" in r.reason
    r = compare_groups(datasets["toothgrowth"], dv="len", by="supp", large_n=31)
    assert r.test == "mann_whitney" and "Shapiro" in r.reason and "OJ" in r.reason
    # iris Sepal.Width ~ Species: normal-ish, equal spread -> ANOVA; post_hoc auto -> Tukey
    r = compare_groups(datasets["iris"], dv="Sepal.Width", by="Species", post_hoc="auto")
    assert r.test in ("anova", "welch_anova") and r.post_hoc_method in ("tukey", "games_howell")
    assert r.findings("en")[1].startswith("Test choice: auto")


def test_auto_picks_welch_for_unequal_spread():
    rng = np.random.default_rng(1)
    df = pd.DataFrame({"y": np.r_[rng.normal(0, 1, 60), rng.normal(0.5, 4, 60)], "g": ["a"] * 60 + ["b"] * 60})
    r = compare_groups(df, dv="y", by="g")
    assert r.test == "welch"
    assert "unequal variances" in r.reason or "rejected equal variances" in r.reason


def test_findings_claim_no_more_than_shown(datasets):
    r = compare_groups(datasets["toothgrowth"], dv="len", by="supp", test="welch", labels={"len": "tooth length", "supp": "supplement"},
                       levels=["OJ", "VC"])
    en = r.findings("en")[0]
    assert "no significant difference" in en and "t(55.31) = 1.92" in en and "p = .061" in en and "contrast OJ − VC" in en
    zh = r.findings("zh")[0]
    assert zh.startswith("由表可知，不同supplement在tooth length上不存在显著差异") and "p = 0.061，对比方向为OJ − VC）" in zh
    r = compare_groups(datasets["plantgrowth"], dv="weight", by="group", test="anova", post_hoc="tukey")
    en = r.findings("en")
    assert "significant difference" in en[0] and "F(2, 27) = 4.85" in en[0] and "η² = .26" in en[0]
    assert "trt2 > trt1 (p = .012)" in en[2] and "other pairs did not differ" in en[2]
    assert "存在显著差异（F(2, 27) = 4.85，p = 0.016）" in r.findings("zh")[0]
    frame = r.to_frame()
    assert list(frame.columns[:7]) == ["dv", "by", "test", "statistic", "df", "df2", "p_value"]


def test_listwise_missing_is_counted(datasets):
    df = datasets["plantgrowth"].copy()
    df.loc[[0, 5], "weight"] = np.nan
    df.loc[12, "group"] = None
    r = compare_groups(df, dv="weight", by="group", test="anova")
    assert r.n == 27 and r.n_excluded == 3
    r2 = compare_groups(datasets["plantgrowth"], dv="weight", by="group", levels=["trt1", "ctrl"], test="student")
    assert list(r2.groups.index) == ["trt1", "ctrl"] and r2.n_excluded == 10


@pytest.mark.parametrize(
    "frame, kwargs, message",
    [
        (pd.DataFrame({"y": [1.0, 2, 3, 4], "g": ["a", "a", "a", "b"]}), {}, "at least 2 cases"),
        (pd.DataFrame({"y": [1.0, 2, 3, 4], "g": ["a"] * 4}), {}, "at least 2 groups"),
        (pd.DataFrame({"y": [3.0] * 6, "g": ["a", "b"] * 3}), {}, "constant"),
        (pd.DataFrame({"y": ["x", "y", "z", "w"], "g": ["a", "b"] * 2}), {}, "not numeric"),
        (pd.DataFrame({"y": [1.0, 2, 3, 4, 5, 6], "g": ["a", "b", "c"] * 2}), {"test": "student"}, "exactly 2 groups"),
        (pd.DataFrame({"y": [1.0, 2, 3, 4], "g": ["a", "b"] * 2}), {"test": "bogus"}, "test must be one of"),
        (pd.DataFrame({"y": [1.0, 2, 3, 4], "h": ["a", "b"] * 2}), {}, "not in the data"),
        (pd.DataFrame({"y": [1.0, 1, 2, 3], "g": ["a", "a", "b", "b"]}), {"test": "welch"}, "variance in every group"),
        (pd.DataFrame({"y": [1.0, 2, 3, 4], "g": ["a", "b"] * 2}), {"levels": ["a", "b", "c"]}, "no complete cases"),
    ],
)
def test_bad_input_named_errors(frame, kwargs, message):
    with pytest.raises(AnalysisError, match=message):
        compare_groups(frame, dv="y", by="g", **kwargs)


GENDER = {"id": "t", "title": "t", "scales": {"gender": {"labels": {1: {"zh": "男", "en": "Male"}, 2: {"zh": "女", "en": "Female"}}, "ordered": False}},
          "items": [{"id": "gender", "text": "性别", "scale": "gender", "type": "single"}]}


def _gender_frames() -> tuple[pd.DataFrame, pd.DataFrame]:
    """The same answers coded 1/2 and written as labels; 女 (code 2) comes first in the data."""
    rng = np.random.default_rng(4)
    codes = np.r_[2, 1, rng.integers(1, 3, 58)]
    y = np.round(3 + 0.4 * (codes == 1) + rng.normal(0, 0.8, 60), 2)
    coded = pd.DataFrame({"pay": y, "gender": codes.astype(float)})
    return coded, coded.assign(gender=coded["gender"].map({1.0: "男", 2.0: "女"}))


@pytest.mark.parametrize("test", ["student", "welch", "mann_whitney"])
def test_codes_and_labels_give_the_same_signs_with_a_questionnaire(test):
    from survey.schema import questionnaire_from_dict

    q = questionnaire_from_dict(GENDER)
    coded, labelled = _gender_frames()
    a = compare_groups(coded, dv="pay", by="gender", test=test, questionnaire=q, labels={1.0: "男", 2.0: "女"})
    b = compare_groups(labelled, dv="pay", by="gender", test=test, questionnaire=q)
    assert a.group_order == b.group_order == "scale"
    assert list(a.groups.index) == [1.0, 2.0] and list(b.groups.index) == ["男", "女"]
    assert a.statistic == b.statistic and a.effect_size == b.effect_size and a.p_value == b.p_value
    assert a.effects["estimate"].tolist() == b.effects["estimate"].tolist()
    assert a.contrast == b.contrast == "男 − 女"
    assert a.to_frame()["contrast"].tolist() == b.to_frame()["contrast"].tolist() == ["男 − 女"]
    assert a.findings("zh")[0] == b.findings("zh")[0] and "对比方向为男 − 女" in a.findings("zh")[0]
    assert a.findings("en")[0] == b.findings("en")[0] and "contrast 男 − 女" in a.findings("en")[0]


def test_a_group_without_outcomes_is_not_a_scale_group():
    from survey.schema import questionnaire_from_dict

    q = questionnaire_from_dict({**GENDER, "scales": {"gender": {"labels": {1: "男", 2: "女", 3: "其他"}}}})
    _, labelled = _gender_frames()
    extra = pd.DataFrame({"pay": [np.nan], "gender": ["其他"]})
    r = compare_groups(pd.concat([labelled, extra], ignore_index=True), dv="pay", by="gender", test="student", questionnaire=q)
    assert list(r.groups.index) == ["男", "女"] and r.n_excluded == 1


def test_labels_without_a_questionnaire_keep_their_order_of_appearance_and_say_so():
    coded, labelled = _gender_frames()
    r = compare_groups(labelled, dv="pay", by="gender", test="student")
    assert r.group_order == "appearance" and list(r.groups.index) == ["女", "男"] and r.contrast == "女 − 男"
    assert "contrast 女 − 男 (groups in order of first appearance)" in r.findings("en")[0]
    assert "对比方向为女 − 男（组别按数据中首次出现的顺序）" in r.findings("zh")[0]
    c = compare_groups(coded, dv="pay", by="gender", test="student")
    assert c.group_order == "codes" and list(c.groups.index) == [1.0, 2.0]
    assert r.statistic == pytest.approx(-c.statistic, abs=1e-12)  # the order, named, is the only difference


def test_questionnaire_order_rejects_values_off_the_scale():
    from survey.schema import questionnaire_from_dict

    q = questionnaire_from_dict(GENDER)
    _, labelled = _gender_frames()
    labelled.loc[3, "gender"] = "其他"
    with pytest.raises(AnalysisError, match="neither codes nor labels.*其他"):
        compare_groups(labelled, dv="pay", by="gender", questionnaire=q)
    with pytest.raises(AnalysisError, match="not an item"):
        compare_groups(labelled.rename(columns={"gender": "sex"}), dv="pay", by="sex", questionnaire=q)
