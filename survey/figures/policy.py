"""Figure for policy-text analysis: the instrument × stage heatmap."""

from __future__ import annotations

from .style import axes

__all__ = ["plot_policy_matrix"]


def plot_policy_matrix(result, *, ax=None, lang: str = "en", value: str = "counts"):
    """Heatmap of a :class:`~survey.interviews.PolicyMatrixResult`, cells annotated with the count and
    the % of all clauses (``value="counts"``) or the % alone (``value="percent"``); totals left out.

    Returns the Axes.
    """
    counts = result.counts.drop(index="total", columns="total")
    percent = result.percent.drop(index="total", columns="total")
    data = (percent if value == "percent" else counts).to_numpy(dtype=float)
    k_rows, k_cols = data.shape
    ax = axes(ax, figsize=(max(4.5, 0.95 * k_cols + 2.5), max(3.0, 0.7 * k_rows + 1.8)))
    im = ax.imshow(data, cmap="Blues", vmin=0, aspect="auto")
    ax.set_xticks(range(k_cols), [result.name(c, lang) for c in counts.columns], rotation=30 if k_cols > 5 else 0, ha="right" if k_cols > 5 else "center")
    ax.set_yticks(range(k_rows), [result.name(r, lang) for r in counts.index])
    ax.set_xlabel(result.name(result.columns, lang))
    ax.set_ylabel(result.name(result.rows, lang))
    top = data.max() if data.size else 0
    for i in range(k_rows):
        for j in range(k_cols):
            n, p = int(counts.iat[i, j]), float(percent.iat[i, j])
            text = f"{p:.1f}%" if value == "percent" else f"{n}\n{p:.1f}%"
            ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if data[i, j] > 0.6 * top else "black")
    ax.figure.colorbar(im, ax=ax, fraction=0.046, pad=0.04)
    ax.spines[:].set_visible(False)
    return ax
