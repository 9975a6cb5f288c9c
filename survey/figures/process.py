"""Figure for moderated mediation: the conditional indirect effect across the moderator.

>>> import numpy as np, pandas as pd
>>> from survey.stats.process import process
>>> rng = np.random.default_rng(3)
>>> d = pd.DataFrame({"x": rng.normal(size=200), "w": rng.normal(size=200)})
>>> d["m"] = 0.5 * d.x + 0.3 * d.x * d.w + rng.normal(size=200)
>>> d["y"] = 0.4 * d.m + rng.normal(size=200)
>>> ax = plot_conditional_indirect(process(d, model=7, x="x", m="m", y="y", w="w", n_boot=200, seed=1))
>>> len(ax.lines) > 0
True
"""

from __future__ import annotations

import numpy as np

from .differences import _fonts, _lab
from .style import PALETTE, axes

__all__ = ["plot_conditional_indirect"]


def plot_conditional_indirect(result, *, ax=None, lang: str = "en", points: int = 60):
    """Each mediator's conditional indirect effect over the observed range of W, with its
    percentile-bootstrap band (from a ProcessResult of a moderated model); the probe values are
    marked. For models without a moderator, the indirect effects with their CIs as a dot plot."""
    ax = axes(ax)
    level = f"{round(result.ci_level * 100):g}%"
    if result.w is None:
        ind = result.indirect
        pos = np.arange(len(ind))[::-1]
        est = ind["estimate"].to_numpy()
        ax.errorbar(est, pos, xerr=np.vstack([est - ind["ci_low"], ind["ci_high"] - est]), fmt="o", color=PALETTE[1], ecolor="black", capsize=3)
        ax.axvline(0, color="grey", linestyle="--", linewidth=0.8)
        ax.set_yticks(pos)
        ax.set_yticklabels([" → ".join(_lab(result.labels, v) for v in p.split(" → ")) if p != "total" else ("total" if lang == "en" else "总间接效应") for p in ind["path"]])
        ax.set_xlabel(f"Indirect effect ({level} bootstrap CI)" if lang == "en" else f"间接效应（{level} Bootstrap置信区间）")
        return _fonts(ax)
    grid = np.linspace(*result.w_range, points)
    curves = result.conditional_indirect(grid)
    for k, mi in enumerate(result.m):
        c = curves[curves["mediators"] == mi]
        colour = PALETTE[k % len(PALETTE)]
        ax.plot(c["w_value"], c["estimate"], color=colour, label=_lab(result.labels, mi))
        ax.fill_between(c["w_value"], c["ci_low"], c["ci_high"], color=colour, alpha=0.2, linewidth=0)
        probe = result.indirect[result.indirect["mediators"] == mi]
        ax.scatter(probe["w_value"], probe["estimate"], color=colour, zorder=3, s=18)
    ax.axhline(0, color="grey", linestyle="--", linewidth=0.8)
    ax.set_xlabel(_lab(result.labels, result.w))
    ax.set_ylabel(f"Conditional indirect effect ({level} CI)" if lang == "en" else f"条件间接效应（{level}置信区间）")
    if len(result.m) > 1:
        ax.legend(frameon=False, fontsize=8)
    return _fonts(ax)
