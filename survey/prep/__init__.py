"""Preparation: quality checks, screening with a ledger, reverse-keying and construct scores."""

from .ledger import LedgerEntry, ledger_frame
from .quality import QualityReport, assess
from .scoring import construct_items, construct_scores, reverse_codes, reverse_keyed
from .screening import exclusion_summary, screen

__all__ = [
    "LedgerEntry",
    "QualityReport",
    "assess",
    "construct_items",
    "construct_scores",
    "exclusion_summary",
    "ledger_frame",
    "reverse_codes",
    "reverse_keyed",
    "screen",
]
