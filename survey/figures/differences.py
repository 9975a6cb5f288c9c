"""Figures for group differences and associations: group means with CIs, correlation heatmap,
regression coefficient plot. Each takes a result, ``ax=None`` and ``lang``, and returns the Axes.

>>> import pandas as pd
>>> from survey.stats.groups import compare_groups
>>> df = pd.DataFrame({"y": [1, 2, 3, 2, 4, 5, 4, 6], "g": ["a"] * 4 + ["b"] * 4})
>>> ax = plot_group_means(compare_groups(df, dv="y", by="g"))
>>> len(ax.patches) + len(ax.lines) > 0
True
"""

from __future__ import annotations

import matplotlib
import numpy as np

from ..findings.format import fmt_num, fmt_p, stars
from .style import PALETTE, axes

__all__ = ["plot_group_means", "plot_correlations", "plot_coefficients"]


def _fonts(ax):
    """Give every text of ``ax`` the house font list: an Axes made before the style was applied
    keeps its creation-time font (no CJK fallback) for labels and tick labels otherwise."""
    family = matplotlib.rcParams["font.family"]
    texts = [ax.title, ax.xaxis.label, ax.yaxis.label, *ax.get_xticklabels(), *ax.get_yticklabels(), *ax.texts]
    for t in texts:
        t.set_fontfamily(family)
    return ax


def _lab(labels, name) -> str:
    return str(labels[name]) if labels and name in labels else str(name)


def plot_group_means(result, *, ax=None, lang: str = "en"):
    """Bar chart of group means with their confidence intervals (from a GroupComparisonResult)."""
    ax = axes(ax)
    g = result.groups
    pos = np.arange(len(g))
    means = g["mean"].to_numpy()
    err = np.vstack([means - g["ci_low"].to_numpy(), g["ci_high"].to_numpy() - means])
    ax.bar(pos, means, color=PALETTE[0], alpha=0.85, width=0.6)
    ax.errorbar(pos, means, yerr=err, fmt="none", ecolor="black", capsize=4, linewidth=1)
    ax.set_xticks(pos)
    ax.set_xticklabels([f"{_lab(result.labels, lv)}\n(n = {int(n)})" for lv, n in zip(g.index, g["n"])])
    level = f"{round(result.ci_level * 100):g}%"
    dv, by = _lab(result.labels, result.dv), _lab(result.labels, result.by)
    ax.set_ylabel(f"{dv} (M ± {level} CI)" if lang == "en" else f"{dv}（均值 ± {level}置信区间）")
    ax.set_xlabel(by)
    style = "apa" if lang == "en" else "gb"
    ax.set_title(f"{result.test_name}, {fmt_p(result.p_value, style=style)}" if lang == "en" else fmt_p(result.p_value, style=style), fontsize=9)
    return _fonts(ax)


def plot_correlations(result, *, ax=None, lang: str = "en"):
    """Lower-triangle heatmap of a CorrelationResult with r and stars in the cells."""
    ax = axes(ax, figsize=(5.5, 4.8))
    r = result.r.to_numpy()
    k = r.shape[0]
    masked = np.ma.array(r, mask=np.triu(np.ones_like(r, dtype=bool), k=1))
    im = ax.imshow(masked, cmap="RdBu_r", vmin=-1, vmax=1)
    names = [_lab(result.labels, c) for c in result.r.columns]
    ax.set_xticks(range(k))
    ax.set_yticks(range(k))
    ax.set_xticklabels(names, rotation=45, ha="right")
    ax.set_yticklabels(names)
    style = "apa" if lang == "en" else "gb"
    for i in range(k):
        for j in range(i + 1):
            txt = "1" if i == j else fmt_num(r[i, j], bounded=True, style=style) + stars(result.p_value.iloc[i, j])
            ax.text(j, i, txt, ha="center", va="center", fontsize=8, color="white" if abs(r[i, j]) > 0.6 else "black")
    ax.figure.colorbar(im, ax=ax, shrink=0.8, label="r")
    ax.spines[:].set_visible(False)
    return _fonts(ax)


def coefficients_caption(result, *, lang: str = "en") -> str:
    """A caption saying exactly what :func:`plot_coefficients` draws: unstandardized B or odds ratios, with their CI level."""
    level = f"{round(result.ci_level * 100):g}%"
    if "odds_ratio" in result.coefficients.columns:
        return f"Odds ratios with {level} CIs" if lang == "en" else f"优势比（OR）及其{level}置信区间"
    return f"Unstandardized coefficients (B) with {level} CIs" if lang == "en" else f"非标准化回归系数（B）及其{level}置信区间"


def plot_coefficients(result, *, ax=None, lang: str = "en", standardized: bool | None = None):
    """Dot-and-whisker plot of regression coefficients with CIs (intercept omitted).

    For OLS (RegressionResult) B with CI is shown; for ordinal/binary logistic results, odds ratios
    on a log axis.
    """
    ax = axes(ax)
    c = result.coefficients
    c = c.drop(index=[t for t in c.index if t == "(Intercept)"])
    is_or = "odds_ratio" in c.columns
    if is_or:
        est, lo, hi, ref = c["odds_ratio"], c["or_ci_low"], c["or_ci_high"], 1.0
        xlabel = "Odds ratio" if lang == "en" else "优势比（OR）"
        ax.set_xscale("log")
        ax.xaxis.set_major_formatter(matplotlib.ticker.FuncFormatter(lambda v, _: f"{v:g}"))
        ax.xaxis.set_minor_formatter(matplotlib.ticker.NullFormatter())
    else:
        est, lo, hi, ref = c["estimate"], c["ci_low"], c["ci_high"], 0.0
        xlabel = "B" if lang == "en" else "回归系数B"
    level = f"{round(result.ci_level * 100):g}%"
    pos = np.arange(len(c))[::-1]
    sig = (c["p_value"] < 0.05).to_numpy()
    colors = [PALETTE[1] if s else PALETTE[6] for s in sig]
    ax.errorbar(est, pos, xerr=np.vstack([est - lo, hi - est]), fmt="none", ecolor="black", capsize=3, linewidth=1)
    ax.scatter(est, pos, color=colors, zorder=3)
    ax.axvline(ref, color="grey", linestyle="--", linewidth=0.8)
    ax.set_yticks(pos)
    ax.set_yticklabels([_lab(result.labels, t) for t in c.index])
    ax.set_xlabel(f"{xlabel} ({level} CI)" if lang == "en" else f"{xlabel}（{level}置信区间）")
    return _fonts(ax)
