"""One house style for every figure, with a real CJK font so Chinese labels render.

Plot functions call :func:`axes` to get their Axes; the library never calls ``show()`` and never
saves (the report layer saves PNG and SVG).
"""

from __future__ import annotations

import warnings
from functools import lru_cache

import matplotlib

matplotlib.use("Agg", force=False)
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

from ..errors import SurveyWarning  # noqa: E402

CJK_CANDIDATES = (
    "Noto Sans CJK SC",
    "Noto Serif CJK SC",
    "Source Han Sans SC",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)
PALETTE = ("#1f4e79", "#c0504d", "#9bbb59", "#8064a2", "#f79646", "#4bacc6", "#7f7f7f")
HYGIENE_COLOR = "#1f4e79"
MOTIVATOR_COLOR = "#c0504d"


@lru_cache(maxsize=1)
def cjk_font() -> str | None:
    """The name of an installed CJK font, or None (with a warning that says how to install one)."""
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_CANDIDATES:
        if name in names:
            return name
    font_manager.fontManager.__init__()  # the cache may predate a font installed since
    names = {f.name for f in font_manager.fontManager.ttflist}
    for name in CJK_CANDIDATES:
        if name in names:
            return name
    warnings.warn(
        "No CJK font found: Chinese text in figures will show as boxes. Install one, e.g. "
        "`apt-get install fonts-noto-cjk` (Debian/Ubuntu), then run again.",
        SurveyWarning,
        stacklevel=2,
    )
    return None


def apply_style() -> None:
    """Set the house rcParams (fonts with CJK fallback, editable text in PDF/SVG, clean axes)."""
    family = ["DejaVu Sans"]
    cjk = cjk_font()
    if cjk:
        family.append(cjk)
    family.append("sans-serif")
    matplotlib.rcParams.update(
        {
            "font.family": family,
            "axes.unicode_minus": False,
            "pdf.fonttype": 42,
            "svg.fonttype": "none",
            "svg.hashsalt": "survey",
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.prop_cycle": matplotlib.cycler(color=list(PALETTE)),
            "figure.dpi": 100,
            "savefig.dpi": 300,
            "font.size": 10,
        }
    )


def axes(ax=None, *, figsize=(6.4, 4.2)):
    """Return ``ax`` or a new Axes in the house style."""
    apply_style()
    if ax is not None:
        # an Axes made before the style was applied keeps its old tick-label font: give it ours
        family = matplotlib.rcParams["font.family"]
        ax.tick_params(labelfontfamily=family)
        for text in (ax.title, ax.xaxis.label, ax.yaxis.label):
            text.set_fontfamily(family)
        return ax
    _, new = plt.subplots(figsize=figsize)
    return new
