"""Numbers into words: formatting rules, keyed findings and their sentences (APA and Chinese thesis conventions)."""

from .finding import Finding, KeyedFindings, render, render_all, select
from .format import fmt_ci, fmt_num, fmt_p, fmt_stat, stars

__all__ = ["Finding", "KeyedFindings", "fmt_ci", "fmt_num", "fmt_p", "fmt_stat", "render", "render_all", "select", "stars"]
