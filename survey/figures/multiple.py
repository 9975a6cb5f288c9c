"""Multiple-response figure: the share of cases choosing each option, most chosen on top."""

from __future__ import annotations

import numpy as np

from .style import PALETTE, axes

__all__ = ["plot_multiple_response"]


def plot_multiple_response(result, *, ax=None, lang: str = "en"):
    """Horizontal bars of the case percentages of a
    :class:`~survey.stats.MultipleResponseResult`, each bar labelled with its count.

    Examples
    --------
    >>> import pandas as pd
    >>> from survey.stats import multiple_response
    >>> res = multiple_response(pd.DataFrame({"u_1": [1, 1, 0], "u_2": [0, 1, 1]}), item="u")
    >>> len(plot_multiple_response(res).patches)
    2
    """
    table = result.table.sort_values("n", kind="stable")
    names = [result.label(o, lang) for o in table.index]
    ax = axes(ax, figsize=(7.0, 0.4 * len(names) + 1.4))
    y = np.arange(len(names))
    ax.barh(y, table["case_percent"].to_numpy(), color=PALETTE[0], height=0.65)
    for yi, pct, n in zip(y, table["case_percent"], table["n"]):
        ax.text(pct, yi, f" {int(n)} ({pct:.1f}%)", va="center", fontsize=8)
    ax.set_yticks(y, names)
    ax.set_xlim(0, min(100.0, float(table["case_percent"].max()) * 1.25 + 5))
    ax.set_xlabel("占个案百分比（%）" if lang == "zh" else "Percent of cases")
    ax.set_title(f"{result.label(result.item, lang)}（n = {result.n_cases}）" if lang == "zh"
                 else f"{result.label(result.item, lang)} (n = {result.n_cases})")
    ax.figure.tight_layout()
    return ax
