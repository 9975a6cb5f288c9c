"""Figures for the two-factor and satisfaction models: IPA quadrant, Kano Better–Worse, penalty/reward
butterfly, impact-asymmetry, relative-weight bars and a PLS path diagram.

Every function is ``plot_x(result, *, ax=None, lang="en") -> Axes``; nothing is shown or saved.
"""

from __future__ import annotations

import numpy as np

from ..findings.format import fmt_num
from .style import HYGIENE_COLOR, MOTIVATOR_COLOR, PALETTE, axes

__all__ = ["plot_ipa", "plot_kano", "plot_prca", "plot_ia", "plot_relative_weights", "plot_path"]

_T = {
    "en": {"perf": "Performance", "imp": "Importance", "better": "Better (satisfaction increase)",
           "worse": "|Worse| (dissatisfaction decrease)", "penalty": "Penalty", "reward": "Reward",
           "effect": "Effect on overall satisfaction", "ia": "Impact asymmetry (IA)", "rw": "Share of R² (%)",
           "basic": "basic", "excitement": "excitement", "performance": "performance"},
    "zh": {"perf": "表现", "imp": "重要性", "better": "Better（满意度提升系数）", "worse": "|Worse|（不满意度消除系数）",
           "penalty": "惩罚", "reward": "奖励", "effect": "对总体满意度的影响", "ia": "影响不对称指数（IA）",
           "rw": "占R²的比例（%）", "basic": "基本型", "excitement": "兴奋型", "performance": "绩效型"},
}
_KANO_ZH = {"A": "魅力", "O": "期望", "M": "必备", "I": "无差异"}
_KANO_EN = {"A": "attractive", "O": "one-dimensional", "M": "must-be", "I": "indifferent"}


_OFFSETS = ((5, 4, "left", "bottom"), (5, -4, "left", "top"), (-5, 4, "right", "bottom"), (-5, -4, "right", "top"),
            (0, 9, "center", "bottom"), (0, -9, "center", "top"), (12, 14, "left", "bottom"), (12, -14, "left", "top"))


def _label_points(ax, xs, ys, labels, *, fontsize: int = 9) -> None:
    """Label points so that labels do not overlap each other: each takes the first free position around its point."""
    renderer = ax.figure.canvas.get_renderer()
    placed = []
    for x, y, text in zip(xs, ys, labels):
        best = None
        for dx, dy, ha, va in _OFFSETS:
            label = ax.annotate(str(text), (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize, ha=ha, va=va)
            box = label.get_window_extent(renderer).expanded(1.05, 1.1)
            if not any(box.overlaps(other) for other in placed):
                best = (label, box)
                break
            label.remove()
        if best is None:  # crowded: keep the first position
            dx, dy, ha, va = _OFFSETS[0]
            label = ax.annotate(str(text), (x, y), xytext=(dx, dy), textcoords="offset points", fontsize=fontsize, ha=ha, va=va)
            best = (label, label.get_window_extent(renderer))
        placed.append(best[1])


def plot_ipa(result, *, ax=None, lang: str = "en"):
    """Importance–performance quadrant chart with crosshairs and quadrant labels."""
    ax = axes(ax)
    t = result.table
    ax.scatter(t["performance"], t["importance"], color=PALETTE[0], zorder=3)
    ax.axvline(result.performance_cross, color="grey", lw=0.8, ls="--")
    ax.axhline(result.importance_cross, color="grey", lw=0.8, ls="--")
    ax.margins(x=0.18, y=0.14)  # room for labels and the quadrant names in the corners
    x0, x1 = ax.get_xlim()
    y0, y1 = ax.get_ylim()
    _label_points(ax, t["performance"], t["importance"], t.index)
    corners = {"concentrate": (x0, y1, "left", "top"), "keep_up": (x1, y1, "right", "top"),
               "low_priority": (x0, y0, "left", "bottom"), "overkill": (x1, y0, "right", "bottom")}
    for key, (x, y, ha, va) in corners.items():
        ax.text(x, y, result.quadrant_names[key][lang], ha=ha, va=va, fontsize=8, color="grey")
    ax.set_xlabel(_T[lang]["perf"])
    imp = _T[lang]["imp"] + ("" if result.importance_source == "stated" else f" ({result.importance_source})")
    ax.set_ylabel(imp)
    return ax


def plot_kano(result, *, ax=None, lang: str = "en"):
    """Better–Worse plot: |Worse| on x, Better on y, quadrants split at 0.5."""
    ax = axes(ax)
    t = result.table
    x, y = t["worse"].abs(), t["better"]
    ax.scatter(x, y, color=PALETTE[0], zorder=3)
    ax.axvline(0.5, color="grey", lw=0.8, ls="--")
    ax.axhline(0.5, color="grey", lw=0.8, ls="--")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    _label_points(ax, x, y, t.index)
    names = _KANO_ZH if lang == "zh" else _KANO_EN
    for key, (px, py, ha, va) in {"A": (0.02, 0.98, "left", "top"), "O": (0.98, 0.98, "right", "top"),
                                  "I": (0.02, 0.02, "left", "bottom"), "M": (0.98, 0.02, "right", "bottom")}.items():
        ax.text(px, py, names[key], ha=ha, va=va, fontsize=8, color="grey", transform=ax.transAxes)
    ax.set_xlabel(_T[lang]["worse"])
    ax.set_ylabel(_T[lang]["better"])
    return ax


def plot_prca(result, *, ax=None, lang: str = "en"):
    """Penalty/reward butterfly: penalties to the left, rewards to the right, one row per attribute."""
    ax = axes(ax)
    t = result.table.iloc[::-1]
    ypos = np.arange(len(t))
    ax.barh(ypos, t["penalty"], color=HYGIENE_COLOR, label=_T[lang]["penalty"])
    ax.barh(ypos, t["reward"], color=MOTIVATOR_COLOR, label=_T[lang]["reward"])
    if "penalty_ci_low" in t:
        ax.errorbar(t["penalty"], ypos, xerr=[t["penalty"] - t["penalty_ci_low"], t["penalty_ci_high"] - t["penalty"]],
                    fmt="none", ecolor="black", lw=0.8)
        ax.errorbar(t["reward"], ypos, xerr=[t["reward"] - t["reward_ci_low"], t["reward_ci_high"] - t["reward"]],
                    fmt="none", ecolor="black", lw=0.8)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(ypos, [str(a) for a in t.index])
    ax.set_xlabel(_T[lang]["effect"])
    ax.legend(frameon=False, loc="lower right")
    return ax


def plot_ia(result, *, ax=None, lang: str = "en"):
    """Impact-asymmetry index per attribute, with the class bands shaded."""
    ax = axes(ax)
    t = result.table.sort_values("ia")
    ypos = np.arange(len(t))
    colors = [HYGIENE_COLOR if c == "basic" else MOTIVATOR_COLOR if c == "excitement" else PALETTE[6] for c in t["class"]]
    ax.barh(ypos, t["ia"], color=colors)
    lo, hi = result.bands
    ax.axvspan(lo, hi, color="grey", alpha=0.15, lw=0)
    ax.axvline(0, color="black", lw=0.8)
    ax.set_yticks(ypos, [str(a) for a in t.index])
    ax.set_xlabel(_T[lang]["ia"])
    return ax


def plot_relative_weights(result, *, ax=None, lang: str = "en"):
    """Relative weights as % of R², with bootstrap CIs when present."""
    ax = axes(ax)
    t = result.table.sort_values("rescaled")
    ypos = np.arange(len(t))
    ax.barh(ypos, 100 * t["rescaled"], color=PALETTE[0])
    if "rescaled_ci_low" in t:
        ax.errorbar(100 * t["rescaled"], ypos, xerr=[100 * (t["rescaled"] - t["rescaled_ci_low"]),
                                                     100 * (t["rescaled_ci_high"] - t["rescaled"])],
                    fmt="none", ecolor="black", lw=0.8)
    ax.set_yticks(ypos, [str(a) for a in t.index])
    ax.set_xlabel(_T[lang]["rw"])
    return ax


def plot_path(result, *, ax=None, lang: str = "en"):
    """Path diagram of a PLS model: latent variables placed by causal order, arrows labelled with β."""
    ax = axes(ax, figsize=(8, 4.5))
    style = "gb" if lang == "zh" else "apa"
    lvs = list(result.quality.index)
    level = {lv: 0 for lv in lvs}
    for _ in lvs:  # longest path from an exogenous variable
        for _, p in result.paths.iterrows():
            level[p["to"]] = max(level[p["to"]], level[p["from"]] + 1)
    cols: dict[int, list[str]] = {}
    for lv in lvs:
        cols.setdefault(level[lv], []).append(lv)
    pos = {}
    for lev, members in cols.items():
        for i, lv in enumerate(members):
            pos[lv] = (lev, (i + 1) / (len(members) + 1))
    for _, p in result.paths.iterrows():
        (x0, y0), (x1, y1) = pos[p["from"]], pos[p["to"]]
        ax.annotate("", xy=(x1, y1), xytext=(x0, y0),
                    arrowprops=dict(arrowstyle="-|>", color="grey", shrinkA=22, shrinkB=22, lw=1))
        ax.text((x0 + x1) / 2, (y0 + y1) / 2, fmt_num(p["estimate"], digits=2, bounded=True, style=style),
                fontsize=8, ha="center", va="bottom")
    for lv, (x, y) in pos.items():
        r2 = result.quality.loc[lv, "r2"]
        r2_txt = fmt_num(r2, digits=2, bounded=True, style=style)
        label = lv if result.quality.loc[lv, "type"] == "exogenous" else f"{lv}\nR² = {r2_txt}"
        ax.text(x, y, label, ha="center", va="center", fontsize=9,
                bbox=dict(boxstyle="ellipse", fc="white", ec=PALETTE[0]))
    ax.set_xlim(-0.5, max(level.values()) + 0.5)
    ax.set_ylim(0, 1)
    ax.axis("off")
    return ax
