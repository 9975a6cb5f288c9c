"""Save matplotlib figures as PNG (300 dpi) and SVG, byte-identical from run to run.

PNG and SVG metadata carry no date or software version, SVG element ids come from a fixed
``svg.hashsalt``, and text stays editable (``svg.fonttype = "none"``, ``pdf.fonttype = 42``).

>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots(figsize=(2, 2)); _ = ax.plot([0, 1], [0, 1])
>>> png = figure_bytes(fig, "png"); svg = figure_bytes(fig, "svg")
>>> png[:4] == b"\\x89PNG", figure_bytes(fig, "png") == png, figure_bytes(fig, "svg") == svg
(True, True, True)
>>> plt.close(fig)
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import matplotlib

from ..errors import SurveyError
from .atomic import atomic_write_bytes

__all__ = ["FIGURE_FORMATS", "figure_bytes", "save_figure"]

FIGURE_FORMATS = ("png", "svg", "pdf")
DPI = 300
SALT = "survey"

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def figure_bytes(fig, fmt: str = "png", *, dpi: int = DPI) -> bytes:
    """The bytes of ``fig`` saved as ``fmt`` (``png``, ``svg`` or ``pdf``), with fixed metadata."""
    if fmt not in FIGURE_FORMATS:
        raise SurveyError(f"figure format {fmt!r} is not supported (expected one of {FIGURE_FORMATS})")
    buf = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": SALT, "svg.fonttype": "none", "pdf.fonttype": 42}):
        fig.savefig(buf, format=fmt, dpi=dpi, bbox_inches="tight", metadata=_METADATA[fmt])
    return buf.getvalue()


def save_figure(
    fig,
    stem: str | os.PathLike[str],
    *,
    formats: tuple[str, ...] = ("png", "svg"),
    dpi: int = DPI,
) -> list[Path]:
    """Save ``fig`` as ``stem.png``, ``stem.svg`` (…) atomically; return the paths written.

    ``stem`` is a path without suffix (``out/figures/figure-4-1``); the caller confines it to the
    output folder (:func:`survey.report.atomic.confine`).
    """
    base = Path(stem)
    written = []
    for fmt in formats:
        written.append(atomic_write_bytes(base.with_name(base.name + "." + fmt), figure_bytes(fig, fmt, dpi=dpi)))
    return written
