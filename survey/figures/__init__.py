"""Figures: ``plot_*`` functions taking ``ax=None`` and returning the Axes, in one house style."""

from .style import apply_style, axes, cjk_font

__all__ = ["apply_style", "axes", "cjk_font"]
