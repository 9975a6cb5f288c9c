"""Error messages show the user's own column names and plain values: ``respondent 2``, ``outside
[0, 10]``, never ``np.int64(2)`` or ``10.0`` for a bound written as 10."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from survey._checks import numeric_frame
from survey.errors import AnalysisError, ResponseDataError
from survey.io import load_responses
from survey.schema import questionnaire_from_dict

Q = questionnaire_from_dict(
    {
        "id": "msg",
        "title": "messages",
        "scales": {"sat": {"labels": {1: "不满意", 2: "一般", 3: "满意"}}},
        "items": [{"id": "q1", "text": "满意度", "scale": "sat"}, {"id": "income", "type": "numeric", "min": 0, "max": 10, "text": "收入"}],
    }
)


def _no_numpy(message: str) -> None:
    assert "np." not in message and "numpy" not in message, message


def test_cells_that_do_not_fit_name_row_column_and_value_plainly(tmp_path):
    path = tmp_path / "export.csv"
    path.write_text("满意度,收入\n1,3\n7,11\n2,x\n", encoding="utf-8")  # no id column: respondents are row numbers
    with pytest.raises(ResponseDataError) as info:
        load_responses(path, Q)
    message = str(info.value)
    _no_numpy(message)
    assert "line 3 (respondent 2), column '满意度': value '7': code not in the scale" in message
    assert "column '收入': value '11': outside [0, 10]" in message


def test_numeric_cells_from_excel_are_shown_as_written(tmp_path):
    path = tmp_path / "export.xlsx"
    pd.DataFrame({"满意度": np.array([1, 7], dtype=np.int64), "收入": np.array([3.0, 11.5])}).to_excel(path, index=False)
    with pytest.raises(ResponseDataError) as info:
        load_responses(path, Q)
    message = str(info.value)
    _no_numpy(message)
    assert "(respondent 2), column '满意度': value '7'" in message and "value '11.5': outside [0, 10]" in message


def test_non_numeric_columns_with_numpy_names_are_listed_plainly():
    frame = pd.DataFrame({np.int64(1): [1.0, 2.0, 3.0], np.int64(2): ["a", "b", "c"]})
    with pytest.raises(AnalysisError) as info:
        numeric_frame(frame, what="alpha")
    _no_numpy(str(info.value))
    assert "columns are not numeric: [2]" in str(info.value)
