"""Figures: scree with the parallel-analysis curve and the loadings heatmap draw what they should."""

from __future__ import annotations

import numpy as np

import survey.stats.psychometrics as sv
from survey.figures.psychometrics import plot_loadings, plot_scree


def test_scree_with_parallel(saq):
    res = sv.efa(saq, method="pc", seed=0)
    ax = plot_scree(res, lang="zh")
    lines = ax.get_lines()
    np.testing.assert_allclose(lines[0].get_ydata(), res.parallel.table["observed"])
    np.testing.assert_allclose(lines[1].get_ydata(), res.parallel.table["simulated"])
    assert ax.get_ylabel() == "特征值"
    assert plot_scree(res.parallel).get_xlabel() == "Factor number"


def test_loadings_heatmap(bfi_cc):
    res = sv.efa(bfi_cc, n_factors=5, rotation="oblimin")
    ax = res.plot()
    img = ax.get_images()[0]
    np.testing.assert_allclose(img.get_array(), res.loadings.to_numpy())
    assert [t.get_text() for t in ax.get_yticklabels()] == list(res.loadings.index)
