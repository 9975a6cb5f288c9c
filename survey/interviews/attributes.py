"""The interviewee attribute table: links each interviewee to survey demographics.

One row per interviewee (talent category, sector, years in the city, ...). Values are read as
strings so that ids such as "007" stay exact; convert numeric attributes yourself when needed.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..errors import Problem, ResponseDataError
from ._tables import read_table
from .transcripts import segments_frame

__all__ = ["load_attributes", "check_attributes"]

_ID_ALIASES = ("interviewee", "interviewee_id", "id", "受访者", "受访者编号", "编号")


def load_attributes(path: str | Path, *, id_column: str | None = None, sheet: str | int = 0) -> pd.DataFrame:
    """Read the interviewee attribute table (CSV or xlsx), indexed by interviewee id.

    ``id_column`` defaults to the first of ``interviewee, interviewee_id, id, 受访者, 受访者编号,
    编号`` present. Empty or duplicated ids are errors naming the file line.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "people.csv"
    >>> _ = p.write_text("interviewee,category,sector\\nT01,A类,高校\\nT02,C类,企业\\n", encoding="utf-8")
    >>> load_attributes(p).loc["T02", "sector"]
    '企业'
    """
    frame, name = read_table(path, what="attribute table", sheet=sheet)
    if id_column is None:
        id_column = next((c for c in _ID_ALIASES if c in frame.columns), None)
        if id_column is None:
            raise ResponseDataError(
                f"{name}: no interviewee id column", [Problem(f"{name} line 1", f"columns are {list(frame.columns)}", f"one of {list(_ID_ALIASES)} or id_column=")]
            )
    elif id_column not in frame.columns:
        raise ResponseDataError(f"{name}: id_column {id_column!r} not in the columns {list(frame.columns)}")
    ids = frame[id_column]
    problems = [Problem(f"{name} line {i + 2}", "empty interviewee id") for i in range(len(ids)) if ids.iloc[i] == ""]
    seen: dict[str, int] = {}
    for i, v in enumerate(ids):
        if v and v in seen:
            problems.append(Problem(f"{name} line {i + 2}", f"interviewee {v!r} already on line {seen[v] + 2}", "one row per interviewee"))
        seen.setdefault(v, i)
    if problems:
        raise ResponseDataError(f"{name}: the attribute table has bad interviewee ids", problems)
    out = frame.set_index(id_column)
    out.index.name = "interviewee"
    return out


def check_attributes(attributes: pd.DataFrame, segments) -> list[str]:
    """Raise when an interviewee in the transcripts has no row in the attribute table.

    Returns the attribute-table ids with no transcript (allowed: people surveyed but not
    interviewed).
    """
    seg = segments_frame(segments)
    people = sorted(set(seg["interviewee"]))
    missing = [p for p in people if p not in attributes.index]
    if missing:
        raise ResponseDataError(
            "interviewees in the transcripts have no row in the attribute table",
            [Problem(f"interviewee {p!r}", "not in the attribute table", f"one of {list(attributes.index)[:10]}") for p in missing],
        )
    return [i for i in attributes.index if i not in set(people)]
