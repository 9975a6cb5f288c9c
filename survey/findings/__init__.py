"""Numbers into words: formatting rules and sentences (APA and Chinese thesis conventions)."""

from .format import fmt_ci, fmt_num, fmt_p, fmt_stat, stars

__all__ = ["fmt_ci", "fmt_num", "fmt_p", "fmt_stat", "stars"]
