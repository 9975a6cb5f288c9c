"""Without a questionnaire, columns whose cells are all plain numbers are parsed as numbers straight
away; every other column is read as text and converted as before. Both ways must give one result:
the same numbers, identifiers (leading zeros, 11 digits or more) and stray tokens kept as text,
byte-exact, whether the body is parsed in one go or in pieces."""

from __future__ import annotations

import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import survey.io.delimited as delimited
from survey.errors import SurveyWarning
from survey.io import load_responses

CELLS = ["1", "5", "-3", "2.5", "", " 4", "4 ", "+2", ".5", "5.", "1e5", "1E+05", "0", "0.25", "-0.5",
         "007", "-013", "00.5", "13800138000", "10000000000.5", "1234567890", "-", ".", "1 5", "5e", "1e5e",
         "NA", "inf", "nan", "2024-01-05", "0x10", '"3"', '"1,5"', "非常满意", "  "]


def _as_text_only(monkeypatch):
    """The old reading: every column read as text, then converted."""
    monkeypatch.setattr(delimited._Delimited, "number_columns", lambda self, n_header: np.zeros(self.width, dtype=bool))


def _load(path):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)
        return load_responses(path)


def _write(folder: Path, columns: list[list[str]]) -> Path:
    path = folder / "plain.csv"
    rows = zip(*columns)
    header = ",".join(f"c{j}" for j in range(len(columns)))
    path.write_text(header + "\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(columns=st.lists(st.lists(st.sampled_from(CELLS), min_size=6, max_size=6), min_size=1, max_size=4))
def test_numbers_parsed_directly_equal_numbers_read_as_text(monkeypatch, columns):
    with tempfile.TemporaryDirectory() as folder:
        path = _write(Path(folder), [["1", "2", "3", "4", "5", "6"], *columns])  # a numeric first column: rows never all empty
        fast = _load(path)
        with monkeypatch.context() as m:
            _as_text_only(m)
            slow = _load(path)
    pd.testing.assert_frame_equal(fast.data, slow.data)
    pd.testing.assert_frame_equal(fast.meta, slow.meta)


@pytest.mark.parametrize("late", ["007", "13800138000", "-", "abc", "1e5e"])
def test_text_far_down_the_file_keeps_the_column_text_in_pieces(monkeypatch, tmp_path, late):
    monkeypatch.setattr(delimited, "_PIECE_BYTES", 2_000)
    monkeypatch.setattr(delimited, "_available_cores", lambda: 4)
    n = 3_000
    first = [str(k % 5 + 1) for k in range(n)]
    second = [str(k % 7) for k in range(n)]
    second[-2] = late  # the head looks numeric; the last piece holds the text
    path = _write(tmp_path, [first, second])
    fast = _load(path)
    assert fast.data["c1"].dtype != np.float64 and fast.data["c1"].iloc[-2] == late
    assert fast.data["c1"].iloc[0] == "0"  # the text as written, not "0.0"
    assert fast.data["c0"].dtype == np.float64 and fast.data["c0"].iloc[:3].tolist() == [1.0, 2.0, 3.0]
    _as_text_only(monkeypatch)
    pd.testing.assert_frame_equal(fast.data, _load(path).data)
