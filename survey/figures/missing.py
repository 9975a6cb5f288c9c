"""Missing-data patterns: one row per pattern, observed and missing cells in two colours named by a legend."""

from __future__ import annotations

import numpy as np
from matplotlib.colors import ListedColormap
from matplotlib.patches import Patch

from .style import PALETTE, axes

__all__ = ["plot_missing_patterns"]


def plot_missing_patterns(result, *, ax=None, lang: str = "en"):
    """Draw a :class:`~survey.stats.missing.MissingPatternsResult` as ``mice::md.pattern`` does:
    patterns (rows) × variables (columns), the respondents of each pattern on the right and the
    missing count of each variable along the top.

    Examples
    --------
    >>> import numpy as np, pandas as pd
    >>> from survey.stats.missing import missing_patterns
    >>> res = missing_patterns(pd.DataFrame({"a": [1, np.nan, 3], "b": [1, 2, np.nan]}))
    >>> ax = plot_missing_patterns(res)
    >>> ax.get_images()[0].get_array().shape
    (3, 2)
    """
    columns = result.columns
    grid = result.patterns[columns].to_numpy(dtype=float)
    rows, k = grid.shape
    label_room = 0.11 * max((len(str(c)) for c in columns), default=0)  # the rotated item labels along the top
    ax = axes(ax, figsize=(min(12.0, 1.6 + 0.45 * k), min(12.0, 1.4 + 0.3 * rows + label_room)))
    missing_colour, observed_colour = PALETTE[1], PALETTE[0]
    ax.imshow(grid, cmap=ListedColormap([missing_colour, observed_colour]), vmin=0, vmax=1, aspect="auto", interpolation="nearest")
    ax.set_xticks(np.arange(k), [f"{c}\n({int(result.missing.loc[c, 'n_missing'])})" for c in columns], rotation=90, fontsize=8)
    ax.xaxis.tick_top()
    ax.set_yticks(np.arange(rows), [str(int(n)) for n in result.patterns["n"]], fontsize=8)
    ax.set_ylabel("受访者人数" if lang == "zh" else "Respondents")
    names = ("有效值", "缺失值") if lang == "zh" else ("observed", "missing")
    ax.legend(handles=[Patch(color=observed_colour, label=names[0]), Patch(color=missing_colour, label=names[1])],
              loc="upper center", bbox_to_anchor=(0.5, -0.01), ncol=2, frameon=False, fontsize=8)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.figure.tight_layout()
    return ax
