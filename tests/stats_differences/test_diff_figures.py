"""Figures for group means, correlations and coefficients: they draw what the result holds."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from survey.figures.differences import plot_coefficients, plot_correlations, plot_group_means
from survey.stats.correlation import correlations
from survey.stats.groups import compare_groups
from survey.stats.logistic import ordinal_regression
from survey.stats.regression import regression

from .diff_refdata import REF


@pytest.fixture(scope="module")
def likert():
    return pd.read_csv(REF / "likert.csv")


def test_group_means_bars_and_cis(likert):
    res = compare_groups(likert, dv="hygiene", by="education", labels={"hygiene": "保健因素", "education": "学历"})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing CJK glyph would warn
        ax = res.plot(lang="zh")
        ax.figure.canvas.draw()
    heights = [p.get_height() for p in ax.patches]
    np.testing.assert_allclose(heights, res.groups["mean"].to_numpy())
    assert "置信区间" in ax.get_ylabel() and ax.get_xlabel() == "学历"


def test_correlation_heatmap_and_coefficients(likert):
    cor = correlations(likert, ["hygiene", "motivator", "os"])
    ax = plot_correlations(cor)
    texts = [t.get_text() for t in ax.texts]
    assert len(texts) == 6 and any(t.endswith("***") for t in texts)
    reg = regression(likert, "os", ["gender", "hygiene", "motivator"])
    ax = plot_coefficients(reg)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["gender", "hygiene", "motivator"]
    ordm = ordinal_regression(likert, "os", ["hygiene", "motivator"])
    ax = plot_coefficients(ordm, lang="zh")
    assert ax.get_xscale() == "log" and "优势比" in ax.get_xlabel()
