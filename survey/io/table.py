"""``RawTable``: what every file reader hands to the loader (header rows, a body reader, locations)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

__all__ = ["RawTable"]


@dataclass
class RawTable:
    """A file read as a table, before columns are matched to a questionnaire.

    Attributes
    ----------
    records : list of list of str
        The first few rows of the file (header rows and a little data), as text.
    read_body : callable
        ``read_body(n_header, names, coded, labelled, into=None)`` returns the data rows after
        ``n_header`` header rows as a DataFrame with columns ``names``. Columns in ``coded`` may
        come back numeric (empty cells NaN), those in ``labelled`` categorical (labels expected);
        every other column holds the cells' text exactly as in the file ("" if empty). ``into(n)``,
        if given, offers float arrays of the body's length by column name: a reader may put a
        numeric column's values there (as float64) instead of in a new array.
    locate : callable
        ``locate(i)`` says where body row ``i`` (0-based) is in the file, e.g. ``"line 7"``.
    encoding, sheet : str or None
        The text encoding found (or used), the worksheet read.
    number_columns : callable or None
        ``number_columns(n_header)``: whether each column's body cells are all plain numbers (or
        empty) that are not identifiers, so that ``read_body`` may parse them as numbers (delimited
        files; None for the others).
    variable_labels, value_labels, file_missing, variable_formats : dict
        From SPSS files: variable labels, value labels, the user-missing values the file
        declares ({column: [(lo, hi), ...]}) and display formats ({column: "DATETIME20"}).
    """

    records: list[list[str]]
    read_body: Callable[..., pd.DataFrame]
    locate: Callable[[int], str]
    encoding: str | None = None
    sheet: str | None = None
    number_columns: Callable[[int], object] | None = None
    variable_labels: dict = field(default_factory=dict)
    value_labels: dict = field(default_factory=dict)
    file_missing: dict = field(default_factory=dict)
    variable_formats: dict = field(default_factory=dict)
