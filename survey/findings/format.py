"""The one place where numbers become text.

Two styles: ``"apa"`` (APA 7: no leading zero for values that cannot exceed 1, ``p < .001``) and
``"gb"`` (Chinese theses: leading zero kept, ``p < 0.001``). Computations never round; only this
module does.

>>> fmt_num(0.8712, bounded=True)
'.87'
>>> fmt_num(0.8712, bounded=True, style="gb", digits=3)
'0.871'
>>> fmt_p(0.0004)
'p < .001'
>>> fmt_p(0.0312, style="gb")
'p = 0.031'
>>> fmt_num(-0.5, bounded=True)
'−.50'
"""

from __future__ import annotations

import math

STYLES = ("apa", "gb")
MINUS = "\u2212"


def _check_style(style: str) -> None:
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, got {style!r}")


def fmt_num(x: float, *, digits: int = 2, bounded: bool = False, style: str = "apa") -> str:
    """Format a number. ``bounded``: the value cannot exceed 1 in absolute value (r, α, β, p)."""
    _check_style(style)
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "—"
    if isinstance(x, float) and math.isinf(x):
        return "∞" if x > 0 else f"{MINUS}∞"
    text = f"{abs(x):.{digits}f}"
    if bounded and style == "apa" and text.startswith("0."):
        text = text[1:]
    negative = x < 0 and float(text.lstrip(".") or 0) != 0
    return (MINUS if negative else "") + text


def fmt_p(p: float, *, style: str = "apa", digits: int = 3, prefix: bool = True) -> str:
    """Format a p value: ``p = .012``, ``p < .001`` (APA) or ``p = 0.012``, ``p < 0.001`` (gb)."""
    _check_style(style)
    lead = "p " if prefix else ""
    floor = 10 ** (-digits)
    if p < floor:
        return f"{lead}< {fmt_num(floor, digits=digits, bounded=True, style=style)}"
    return f"{lead}= {fmt_num(p, digits=digits, bounded=True, style=style)}" if prefix else fmt_num(p, digits=digits, bounded=True, style=style)


def fmt_ci(low: float, high: float, *, digits: int = 2, bounded: bool = False, style: str = "apa", ci_level: float = 0.95) -> str:
    """Format a confidence interval: ``95% CI [.71, .84]``."""
    lo = fmt_num(low, digits=digits, bounded=bounded, style=style)
    hi = fmt_num(high, digits=digits, bounded=bounded, style=style)
    return f"{round(ci_level * 100):g}% CI [{lo}, {hi}]"


def fmt_stat(name: str, value: float, *, df: float | tuple[float, float] | None = None, digits: int = 2, style: str = "apa") -> str:
    """Format a test statistic with its degrees of freedom: ``t(48.3) = 2.31``, ``F(2, 97) = 4.10``."""
    if df is None:
        dof = ""
    elif isinstance(df, tuple):
        dof = "(" + ", ".join(_fmt_df(d) for d in df) + ")"
    else:
        dof = f"({_fmt_df(df)})"
    return f"{name}{dof} = {fmt_num(value, digits=digits, style=style)}"


def _fmt_df(d: float) -> str:
    return f"{int(d)}" if float(d).is_integer() else f"{d:.2f}"


def stars(p: float) -> str:
    """Significance stars: * p < .05, ** p < .01, *** p < .001."""
    if p < 0.001:
        return "***"
    if p < 0.01:
        return "**"
    if p < 0.05:
        return "*"
    return ""
