"""Likert diverging stacked bars: the neutral category centred on zero, empty categories kept."""

from __future__ import annotations

import numpy as np
from matplotlib import colormaps

from .style import axes


def plot_likert(result, *, ax=None, lang: str = "en"):
    """Diverging stacked bars of a :class:`~survey.stats.LikertDistributionResult`.

    Negative categories extend to the left of zero, positive ones to the right; with an odd number
    of categories the middle one straddles zero. Rows keep the order of the items.

    Examples
    --------
    >>> import pandas as pd
    >>> from survey.stats import likert_distribution
    >>> dist = likert_distribution(pd.DataFrame({"a": [1, 2, 5, 5], "b": [3, 4, 4, 5]}), ["a", "b"])
    >>> ax = plot_likert(dist)
    >>> len(ax.patches)
    10
    """
    percent = result.percent.astype(float)
    codes = list(result.codes)
    k = len(codes)
    labels = result.labels or {}
    rows = [labels.get(i, str(i)) for i in percent.index]
    ax = axes(ax, figsize=(7.5, 0.35 * len(rows) + 1.6))
    colours = colormaps["RdBu"](np.linspace(0.12, 0.88, k))
    if k % 2:
        colours[k // 2] = (0.80, 0.80, 0.80, 1.0)  # the neutral middle in grey, visible on white paper
    values = percent[codes].to_numpy()
    middle = k // 2
    if k % 2:
        left = -(values[:, :middle].sum(axis=1) + values[:, middle] / 2)
    else:
        left = -values[:, :middle].sum(axis=1)
    y = np.arange(len(rows))[::-1]
    code_labels = result.code_labels or {}
    for j, code in enumerate(codes):
        ax.barh(y, values[:, j], left=left, color=colours[j], edgecolor="white", linewidth=0.5,
                label=str(code_labels.get(code, code)), height=0.7)
        left = left + values[:, j]
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(y, rows)
    ax.set_xlabel("百分比（%）" if lang == "zh" else "Percent of respondents")
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [f"{abs(t):g}" for t in ticks])
    ax.legend(ncol=k, loc="lower center", bbox_to_anchor=(0.5, 1.0), frameon=False, fontsize=8)
    ax.figure.tight_layout()
    return ax
