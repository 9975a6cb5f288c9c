"""Group differences: "significant" only by the p the table reports; post hoc pairs by default."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from survey.report.plan import GroupDifferences
from survey.report.sections import group_differences
from survey.stats import adjust_p, compare_groups

from .helpers import context, paragraphs, responses, tables

# seed 9: sector shifts H strongly (omnibus p < .001); team shifts it a little (raw p = .027,
# Holm-adjusted over the 6 tests p = .136); nothing else differs.
STUDY = dict(seed=9, sector_effect=(0, 0.9, 0.0), team_effect=(0, 0.45, 0))


@pytest.fixture(scope="module")
def section():
    ctx = context(responses(**STUDY), {"group_differences": {"by": ["sector", "team"]}})
    group_differences(ctx)
    return ctx


def test_the_numbers_behind_the_section():
    r = responses(**STUDY)
    s = r.scores()
    ps = [compare_groups(pd.concat([s[[c]], r.data[[by]]], axis=1), dv=c, by=by).p_value for by in ("sector", "team") for c in "HMY"]
    adjusted = adjust_p(ps, method="holm").tolist()
    assert ps[3] == pytest.approx(0.0272, abs=5e-5) and adjusted[3] == pytest.approx(0.136, abs=5e-4)
    assert ps[0] < 0.001 and adjusted[0] < 0.001


def test_raw_but_not_adjusted_significance_is_not_called_significant(section):
    text = "\n".join(paragraphs(section))
    assert "不同所在组在保健上存在显著差异" not in text
    assert "所在组在保健上（p = 0.027，校正后p = 0.136）的差异仅在未校正时p < 0.05，经Holm校正后不显著" in text


def test_adjusted_significance_is_stated_with_the_adjusted_p(section):
    text = "\n".join(paragraphs(section))
    assert "不同单位类型在保健上存在显著差异" in text
    line = next(p for p in paragraphs(section) if "不同单位类型在保健上存在显著差异" in p)
    assert "经Holm校正p < 0.001" in line


def test_post_hoc_follows_a_significant_omnibus_by_default(section):
    assert GroupDifferences(by=["sector"]).post_hoc == "auto"
    res = section.results["groups:sector:H"]
    assert res.post_hoc_method == "tukey"           # classic ANOVA here
    text = "\n".join(paragraphs(section))
    assert "进一步Tukey HSD事后检验表明" in text and "企业显著高于高校" in text
    ph = tables(section)["post_hoc"].data
    assert len(ph) == 3                              # only sector × H: the one test significant after correction
    assert set(ph.iloc[:, 3]) | set(ph.iloc[:, 4]) == {"高校", "企业", "医院"}


@pytest.mark.parametrize("test, method", [("anova", "tukey"), ("welch_anova", "games_howell"), ("kruskal", "dunn")])
def test_auto_post_hoc_matches_the_omnibus_test(test, method):
    r = responses(**STUDY)
    frame = pd.concat([r.scores()[["H"]], r.data[["sector"]]], axis=1)
    res = compare_groups(frame, dv="H", by="sector", test=test, post_hoc="auto")
    assert res.post_hoc_method == method
    assert (res.post_hoc["p_value"] >= res.post_hoc.get("p_unadjusted", res.post_hoc["p_value"])).all()


def test_findings_use_the_adjusted_p_when_one_is_given():
    r = responses(**STUDY)
    frame = pd.concat([r.scores()[["H"]], r.data[["team"]]], axis=1)
    res = compare_groups(frame, dv="H", by="team", post_hoc="auto")
    assert res.significant                                    # raw p = .027
    adjusted = replace(res, p_adjusted=0.136, p_adjust_method="holm")
    assert not adjusted.significant
    zh = adjusted.findings("zh")[0]
    assert "不存在显著差异" in zh and "p = 0.027，经Holm校正p = 0.136" in zh
    en = adjusted.findings("en")
    assert "no significant difference" in en[0] and "Holm-adjusted p = .136" in en[0]
    assert not any("Tukey" in s for s in en)                  # no post hoc after a non-significant test
