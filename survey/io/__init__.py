"""Loaders: CSV/TSV, Excel, SPSS, Wenjuanxing (问卷星) and Qualtrics exports -> one ``Responses``."""

from .encoding import decode_bytes
from .load import load_responses
from .metadata import looks_personal, parse_duration
from .normalize import split_header

__all__ = ["decode_bytes", "load_responses", "looks_personal", "parse_duration", "split_header"]
