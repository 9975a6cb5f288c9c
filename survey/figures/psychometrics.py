"""Psychometric figures: scree plot with the parallel-analysis curve, loadings heatmap."""

from __future__ import annotations

import matplotlib
import numpy as np

from .style import PALETTE, axes

__all__ = ["plot_scree", "plot_loadings"]

_TEXT = {
    "en": {"observed": "Observed", "simulated": "Parallel analysis (simulated)", "number": "Factor number",
           "eigen": "Eigenvalue", "kaiser": "Eigenvalue = 1", "title": "Scree plot", "loading": "Loading",
           "item": "Item", "factor": "Factor"},
    "zh": {"observed": "实际数据", "simulated": "平行分析（模拟数据）", "number": "因子序号", "eigen": "特征值",
           "kaiser": "特征值 = 1", "title": "碎石图", "loading": "载荷", "item": "题项", "factor": "因子"},
}


def _font() -> dict:
    # Text objects of an Axes made before the house style was applied keep their old font family
    return {"fontfamily": matplotlib.rcParams["font.family"]}


def plot_scree(result, *, ax=None, lang: str = "en"):
    """Scree plot of an ``EFAResult`` or ``ParallelResult``, with the parallel-analysis curve if known."""
    t = _TEXT["zh" if lang == "zh" else "en"]
    ax = axes(ax)
    parallel = result if hasattr(result, "n_suggested") else getattr(result, "parallel", None)
    if parallel is not None:
        obs = parallel.table["observed"].to_numpy()
        sim = parallel.table["simulated"].to_numpy()
    else:
        obs, sim = result.eigenvalues.to_numpy(), None
    x = np.arange(1, len(obs) + 1)
    ax.plot(x, obs, "o-", color=PALETTE[0], label=t["observed"])
    if sim is not None:
        ax.plot(x, sim, "s--", color=PALETTE[1], markersize=4, label=t["simulated"])
        n = parallel.n_suggested
        if n:
            ax.axvline(n, color="0.6", linewidth=0.8, linestyle=":")
    if parallel is None or parallel.kind == "pc":
        ax.axhline(1.0, color="0.6", linewidth=0.8, linestyle="-.", label=t["kaiser"])
    ax.set_xlabel(t["number"], **_font())
    ax.set_ylabel(t["eigen"], **_font())
    ax.set_title(t["title"], **_font())
    ax.set_xticks(x[:: max(1, len(x) // 12 + 1)])
    ax.legend(frameon=False)
    return ax


def plot_loadings(result, *, ax=None, lang: str = "en", annotate: bool = True, min_show: float = 0.0):
    """Heatmap of the (pattern) loadings of an ``EFAResult``, or standardized loadings of a ``CFAResult``."""
    t = _TEXT["zh" if lang == "zh" else "en"]
    if hasattr(result, "std_loadings"):
        table = result.std_loadings.pivot(index="item", columns="factor", values="estimate")
        table = table.reindex(index=result.std_loadings["item"].unique(), columns=result.std_loadings["factor"].unique()).fillna(0.0)
    else:
        table = result.loadings
    values = table.to_numpy()
    rows, cols = values.shape
    ax = axes(ax, figsize=(1.2 + 0.9 * cols, 1.0 + 0.32 * rows))
    im = ax.imshow(values, cmap="RdBu_r", vmin=-1, vmax=1, aspect="auto")
    ax.set_xticks(range(cols), [str(c) for c in table.columns], **_font())
    ax.set_yticks(range(rows), [str(i) for i in table.index], **_font())
    ax.set_xlabel(t["factor"], **_font())
    ax.set_ylabel(t["item"], **_font())
    for side in ("top", "right", "left", "bottom"):
        ax.spines[side].set_visible(False)
    if annotate:
        for i in range(rows):
            for j in range(cols):
                v = values[i, j]
                if abs(v) >= min_show:
                    ax.text(j, i, f"{v:.2f}".replace("0.", ".", 1), ha="center", va="center", fontsize=7,
                            color="white" if abs(v) > 0.6 else "black")
    ax.figure.colorbar(im, ax=ax, label=t["loading"], fraction=0.05)
    return ax
