"""Figures for interview analysis: Herzberg's butterfly chart, code co-occurrence, code frequencies."""

from __future__ import annotations

import numpy as np

from .style import HYGIENE_COLOR, MOTIVATOR_COLOR, axes

__all__ = ["plot_herzberg_butterfly", "plot_cooccurrence", "plot_code_frequencies", "plot_word_frequencies"]

_TEXT = {
    "en": {"low": "Low sequences (dissatisfying)", "high": "High sequences (satisfying)", "pct": "% of sequences",
           "motivator": "Motivators", "hygiene": "Hygiene factors", "interviewees": "Interviewees raising the code"},
    "zh": {"low": "低点事件（不满意）", "high": "高点事件（满意）", "pct": "事件占比（%）",
           "motivator": "激励因素", "hygiene": "保健因素", "interviewees": "提及该编码的受访者人数"},
}


def _t(lang: str) -> dict[str, str]:
    return _TEXT["zh" if lang == "zh" else "en"]


def plot_herzberg_butterfly(result, *, ax=None, lang: str = "en"):
    """Herzberg's butterfly: % of low sequences to the left, % of high to the right, motivators above hygiene.

    ``result`` is a :class:`~survey.interviews.CriticalIncidentResult`. Bar labels use the names in
    the result's language; pass a result computed with ``lang="zh"`` for Chinese factor names.
    """
    t = _t(lang)
    table = result.table
    ax = axes(ax, figsize=(7.0, max(3.0, 0.32 * len(table) + 1.2)))
    order = list(table.index)  # motivators first (critical_incidents orders them so)
    y = np.arange(len(order))[::-1]
    colors = [MOTIVATOR_COLOR if table.at[f, "role"] == "motivator" else HYGIENE_COLOR for f in order]
    ax.barh(y, -table["pct_low"].to_numpy(dtype=float), color=colors, alpha=0.55, height=0.7)
    ax.barh(y, table["pct_high"].to_numpy(dtype=float), color=colors, alpha=0.95, height=0.7)
    ax.set_yticks(y, [str(table.at[f, "name"]) for f in order])
    ax.axvline(0, color="black", linewidth=0.8)
    n_mot = int((table["role"] == "motivator").sum())
    if 0 < n_mot < len(order):
        ax.axhline(y[n_mot - 1] - 0.5, color="grey", linewidth=0.6, linestyle="--")
    lim = max(10.0, float(np.nanmax(table[["pct_low", "pct_high"]].to_numpy(dtype=float))) if len(table) else 10.0) * 1.15
    ax.set_xlim(-lim, lim)
    ticks = ax.get_xticks()
    ax.set_xticks(ticks, [f"{abs(v):g}" for v in ticks])
    ax.set_xlim(-lim, lim)
    ax.set_xlabel(t["pct"])
    ax.text(0.25, 1.01, t["low"], transform=ax.transAxes, ha="center", va="bottom", fontsize=9)
    ax.text(0.75, 1.01, t["high"], transform=ax.transAxes, ha="center", va="bottom", fontsize=9)
    from matplotlib.patches import Patch

    ax.legend(handles=[Patch(color=MOTIVATOR_COLOR, label=t["motivator"]), Patch(color=HYGIENE_COLOR, label=t["hygiene"])],
              loc="lower right", fontsize=8, frameon=False)
    return ax


def plot_cooccurrence(result, *, ax=None, lang: str = "en", value: str = "counts", labels: dict[str, str] | None = None):
    """Heatmap of code co-occurrence (``value="counts"`` or ``"jaccard"``), annotated."""
    matrix = result.jaccard if value == "jaccard" else result.counts
    k = len(matrix)
    ax = axes(ax, figsize=(max(4.0, 0.5 * k + 2.5), max(3.5, 0.5 * k + 2.0)))
    data = matrix.to_numpy(dtype=float)
    im = ax.imshow(data, cmap="Blues", vmin=0)
    names = [labels.get(c, c) if labels else c for c in matrix.index]
    ax.set_xticks(range(k), names, rotation=45, ha="right")
    ax.set_yticks(range(k), names)
    top = data.max() if data.size else 0
    for i in range(k):
        for j in range(k):
            text = f"{data[i, j]:.2f}" if value == "jaccard" else f"{int(data[i, j])}"
            ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if data[i, j] > 0.6 * top else "black")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    ax.spines[:].set_visible(False)
    return ax


def plot_code_frequencies(result, *, ax=None, lang: str = "en"):
    """Horizontal bars: interviewees raising each code (most frequent on top)."""
    t = _t(lang)
    table = result.table.sort_values("n_interviewees")
    ax = axes(ax, figsize=(6.4, max(3.0, 0.3 * len(table) + 1.0)))
    names = table["name"] if "name" in table.columns else table.index.to_series()
    colors = [MOTIVATOR_COLOR if r == "motivator" else HYGIENE_COLOR for r in (table["role"] if "role" in table.columns else [""] * len(table))]
    ax.barh(range(len(table)), table["n_interviewees"].to_numpy(dtype=float), color=colors)
    ax.set_yticks(range(len(table)), [str(n) for n in names])
    ax.set_xlabel(t["interviewees"])
    return ax


def plot_word_frequencies(result, *, ax=None, lang: str = "en", top_n: int = 20):
    """Horizontal bars: the ``top_n`` most frequent words of a
    :class:`~survey.interviews.WordFrequencyResult` (most frequent on top), by occurrences."""
    table = result.table.head(top_n).iloc[::-1]
    ax = axes(ax, figsize=(6.4, max(3.0, 0.3 * len(table) + 1.0)))
    ax.barh(range(len(table)), table["n"].to_numpy(dtype=float), color=MOTIVATOR_COLOR)
    ax.set_yticks(range(len(table)), [str(w) for w in table["word"]])
    ax.set_xlabel("词频（次）" if lang == "zh" else "Occurrences")
    return ax
