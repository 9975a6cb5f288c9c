"""Planted truth recovered at n = 2,000; triangulation table and priority list."""

from __future__ import annotations

import warnings

import numpy as np
import pytest

import survey as sv
from survey.errors import SurveyWarning


@pytest.fixture(scope="module")
def study():
    return sv.simulate_two_factor(2000, seed=11)


@pytest.fixture(scope="module")
def attrs(study):
    return list(study.truth.index)


def test_prca_classes_recovered(study, attrs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        res = sv.prca(study.data, "overall", attrs, roles=study.roles, n_boot=100, seed=1)
    assert res.table["class"].tolist() == study.truth["prca_class"].tolist()
    assert res.table.loc[["subsidy", "housing", "schooling", "platform", "growth"], "match"].eq("confirmed").all()
    assert res.table.loc["recognition", "match"] == "mixed"


def test_kano_categories_recovered(study):
    res = sv.kano(study.functional, study.dysfunctional)
    assert res.table["category"].tolist() == study.truth["kano_category"].tolist()
    assert not res.table["mixed"].any()
    for c in "AOMIRQ":  # shares close to the planted distribution
        np.testing.assert_allclose(res.table[f"pct_{c}"], study.truth[f"kano_p_{c}"], atol=0.04)


def test_relative_weights_recovered(study, attrs):
    res = sv.relative_weights(study.data, "loyalty", attrs)
    # population weights w_j^2 / (sum w^2 + 0.25) for independent standardized attributes
    np.testing.assert_allclose(res.raw.to_numpy(), study.truth["relative_weight"].to_numpy(), atol=0.03)
    assert list(res.raw.sort_values(ascending=False).index[:3]) == ["subsidy", "housing", "schooling"]


def test_triangulation(study, attrs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        pr = sv.prca(study.data, "overall", attrs, roles=study.roles)
    ka = sv.kano(study.functional, study.dysfunctional)
    ip = sv.ipa(study.data, importance=study.importance, outcome="overall", attributes=attrs, derived="correlation")
    tri = sv.triangulate(prca=pr, kano=ka, ipa=ip)
    t = tri.table
    assert list(t.index) == attrs
    assert t.loc["subsidy", "prca_reading"] == "hygiene" and t.loc["subsidy", "kano_reading"] == "hygiene"
    assert t.loc["platform", "consensus"] == "motivator"
    assert set(t["agreement"]) <= {"all agree", "majority", "disagree", "single method"}
    assert t.loc["subsidy", "matches_role"] == "yes"
    # hygiene penalties are priority problems
    assert {"subsidy", "housing", "schooling"} <= set(tri.priorities.index)
    assert tri.priorities["urgency"].is_monotonic_decreasing
    assert any("Priority problem" in f for f in tri.findings()) and any("优先问题" in f for f in tri.findings("zh"))


def test_figures_draw(study, attrs, real_data):
    import pandas as pd

    from survey.figures.models import plot_ia, plot_ipa, plot_kano, plot_path, plot_prca, plot_relative_weights

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        pr = sv.prca(study.data, "overall", attrs, n_boot=20, seed=1)
    for lang in ("en", "zh"):
        ax = plot_prca(pr, lang=lang)
        assert len(ax.patches) == 2 * len(attrs)
        assert len(plot_ia(pr, lang=lang).patches) == len(attrs) + 1  # bars + the shaded band
        k = sv.kano(study.functional, study.dysfunctional)
        assert len(plot_kano(k, lang=lang).collections[0].get_offsets()) == len(attrs)
        ip = sv.ipa(study.data, importance="relative_weights", outcome="overall", attributes=attrs)
        ax = plot_ipa(ip, lang=lang)
        assert any(t.get_text() in ("重点改进", "concentrate here") for t in ax.texts)
        rw = sv.relative_weights(study.data, "loyalty", attrs, n_boot=20, seed=1)
        assert len(plot_relative_weights(rw, lang=lang).patches) == len(attrs)
    ecsi = pd.read_csv(real_data / "ecsi_satisfaction.csv", index_col=0)
    model = ("IMAG =~ imag1 + imag2 + imag3\nSAT =~ sat1 + sat2 + sat3\nLOY =~ loy1 + loy2 + loy3\n"
             "SAT ~ IMAG\nLOY ~ SAT + IMAG")
    ax = sv.pls_path(ecsi, model).plot()
    assert sum("R² = " in t.get_text() for t in ax.texts) == 2
