"""A large delimited body is parsed in pieces (threads); the pieces must give what one pass gives.

The piece size is lowered here so that small files are cut into many pieces, at every kind of
record: quoted fields with line breaks, blank lines, label and number cells, invalid cells.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import survey.io.delimited as delimited
from survey.errors import ResponseDataError
from survey.io import load_responses
from survey.schema import questionnaire_from_dict

LABELS = {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}
Q = questionnaire_from_dict(
    {
        "id": "pieces",
        "title": "pieces",
        "id_column": "id",
        "scales": {"sat": {"labels": LABELS, "missing": {9: "未回答"}}},
        "items": [
            {"id": "q1", "text": "满意度一", "scale": "sat"},
            {"id": "q2", "text": "满意度二", "scale": "sat"},
            {"id": "q3", "text": "满意度三", "scale": "sat"},
            {"id": "age", "type": "numeric", "min": 18, "max": 80, "text": "年龄"},
            {"id": "note", "type": "text", "text": "备注"},
        ],
    }
)


def _rows(n: int, seed: int = 3) -> str:
    rng = np.random.default_rng(seed)
    lines = []
    for i in range(n):
        q1 = LABELS[int(rng.integers(1, 6))]  # labels throughout: a categorical column in every piece
        q2 = str(int(rng.integers(1, 6))) if i < n // 2 else LABELS[int(rng.integers(1, 6))]  # numbers, then labels
        q3 = "9" if i % 17 == 0 else str(int(rng.integers(1, 6)))  # a declared missing code now and then
        age = "" if i % 11 == 0 else str(int(rng.integers(18, 81)))
        note = '"two\nlines, with a comma"' if i % 7 == 0 else ("NA" if i % 5 == 0 else f"n{i}")
        lines.append(f"{i:06d},{q1},{q2},{q3},{age},{note}\n")
        if i % 13 == 0:
            lines.append("\n")  # blank lines are skipped
    return "id,q1,q2,q3,age,note\n" + "".join(lines)


@pytest.fixture
def in_pieces(monkeypatch):
    monkeypatch.setattr(delimited, "_PIECE_BYTES", 97)
    monkeypatch.setattr(delimited, "_MAX_PIECES", 7)
    monkeypatch.setattr(delimited, "_available_cores", lambda: 8)


def _load_both(path, monkeypatch, **kw):
    whole = load_responses(path, Q, **kw)
    monkeypatch.setattr(delimited, "_PIECE_BYTES", 97)
    monkeypatch.setattr(delimited, "_MAX_PIECES", 7)
    monkeypatch.setattr(delimited, "_available_cores", lambda: 8)
    return whole, load_responses(path, Q, **kw)


def test_the_body_is_cut_at_record_starts(tmp_path, in_pieces):
    raw = _rows(300).encode("utf-8")
    state = delimited._Delimited(raw, encoding=None, delimiter=None, where="f")
    pieces = state._pieces(1)
    assert len(pieces) == 7
    assert pieces[0][0] == raw.index(b"\n") + 1 and pieces[-1][1] == len(raw)
    assert all(a[1] == b[0] for a, b in zip(pieces, pieces[1:]))
    record_starts = set(state.scan.starts[state.scan.records].tolist())
    assert all(start in record_starts for start, _ in pieces)  # never inside a quoted line break


@pytest.mark.parametrize("encoding", ["utf-8", "gbk"])
def test_pieces_load_what_one_pass_loads(tmp_path, monkeypatch, encoding):
    path = tmp_path / "export.csv"
    path.write_bytes(_rows(400).encode(encoding))
    whole, pieces = _load_both(path, monkeypatch)
    pd.testing.assert_frame_equal(pieces.data, whole.data)
    pd.testing.assert_frame_equal(pieces.meta, whole.meta)
    pd.testing.assert_frame_equal(pieces.declared_missing, whole.declared_missing)
    assert pieces.source == whole.source
    assert whole.data.index[:2].tolist() == ["000000", "000001"]
    assert pieces.data["note"].iloc[0] == "two\nlines, with a comma" and pieces.data["note"].iloc[5] == "NA"
    assert pieces.data["q2"].notna().all() and int(whole.declared_missing["count"].sum()) == 24


def _with_cell(text: str, respondent: str, field: int, value: str) -> str:
    lines = text.splitlines(keepends=True)
    k = next(k for k, line in enumerate(lines) if line.startswith(respondent + ","))
    fields = lines[k].split(",")
    fields[field] = value
    lines[k] = ",".join(fields)
    return "".join(lines)


def test_invalid_cells_are_found_at_the_same_lines(tmp_path, monkeypatch):
    text = _with_cell(_with_cell(_rows(200), "000180", 1, "七"), "000033", 3, "0")  # an unknown label, a code outside the scale
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8")
    whole, pieces = _load_both(path, monkeypatch, on_invalid="flag")
    pd.testing.assert_frame_equal(pieces.invalid, whole.invalid)
    assert sorted(whole.invalid["row"]) == ["000033", "000180"]
    with pytest.raises(ResponseDataError) as info:
        load_responses(path, Q)  # still in pieces
    assert sorted(p.what for p in info.value.problems) == ["value '0': code not in the scale", "value '七': unknown label"]


def test_a_ragged_row_in_a_late_piece_names_its_line(tmp_path, in_pieces):
    lines = _rows(300).splitlines(keepends=True)
    target = next(k for k, line in enumerate(lines) if line.startswith("000290,"))
    lines[target] = "000290,满意,3\n"
    path = tmp_path / "ragged.csv"
    path.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(ResponseDataError, match="fields") as info:
        load_responses(path, Q)
    physical = "".join(lines[:target]).count("\n") + 1
    assert [p.where for p in info.value.problems] == [f"line {physical}"]


def test_a_last_record_longer_than_the_rest_of_the_file(tmp_path, monkeypatch):
    # the cut targets fall inside the last record; a label column is empty throughout one piece
    long_note = "x" * 5000
    text = "id,q1,q2,q3,age,note\n" + "".join(f"{i:06d},,3,4,30,n\n" for i in range(5)) + f"000999,满意,3,4,30,{long_note}\n"
    path = tmp_path / "long.csv"
    path.write_text(text, encoding="utf-8")
    whole, pieces = _load_both(path, monkeypatch)
    pd.testing.assert_frame_equal(pieces.data, whole.data)
    assert pieces.data["note"].iloc[-1] == long_note
    assert pieces.data["q1"].iloc[:5].isna().all() and pieces.data["q1"].iloc[-1] == 4.0


def test_late_gbk_bytes_found_by_a_parse_thread_fall_back_to_gb18030(tmp_path, monkeypatch):
    # more than a MiB of ASCII, then GBK text: the UTF-8 guess fails inside the last piece's thread
    rows = "".join(f"{i:06d},4,3,4,30,ok\n" for i in range(60_000))
    path = tmp_path / "late.csv"
    path.write_bytes(("id,q1,q2,q3,age,note\n" + rows + "x1,满意,4,4,33,很好\n").encode("gbk"))
    whole, pieces = _load_both(path, monkeypatch)
    assert pieces.source.encoding == whole.source.encoding == "gb18030"
    assert pieces.data.loc["x1", "note"] == "很好" and pieces.data.loc["x1", "q1"] == 4.0
    pd.testing.assert_frame_equal(pieces.data, whole.data)


_CELLS = {
    "q": st.one_of(st.sampled_from(list(LABELS.values())), st.sampled_from(["1", "2", "3", "4", "5", "9", ""])),
    "age": st.one_of(st.integers(18, 80).map(str), st.just("")),
    "note": st.one_of(
        st.text(alphabet="ab满意,\n\" ", max_size=12).map(lambda s: '"' + s.replace('"', '""') + '"'),
        st.sampled_from(["NA", "None", "", "n1", "很好"]),
    ),
}
_ROW = st.tuples(_CELLS["q"], _CELLS["q"], _CELLS["q"], _CELLS["age"], _CELLS["note"])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(_ROW, min_size=1, max_size=60), encoding=st.sampled_from(["utf-8", "gbk"]),
       blank_every=st.sampled_from([0, 3, 7]), piece=st.integers(min_value=16, max_value=400))
def test_any_export_loads_the_same_in_pieces_as_in_one_read_csv(tmp_path, monkeypatch, rows, encoding, blank_every, piece):
    """The threaded path against the reference path (one ``pandas.read_csv`` call) on generated
    exports: quoted cells with commas, quotes and line breaks, blank lines, GBK, labels and codes
    mixed in a column, declared missing codes, empty cells."""
    lines = ["id,q1,q2,q3,age,note\n"]
    for i, row in enumerate(rows):
        lines.append(f"{i:05d}," + ",".join(row) + "\n")
        if blank_every and i % blank_every == 0:
            lines.append("\n")
    path = tmp_path / f"export_{encoding}.csv"
    path.write_bytes("".join(lines).encode(encoding))
    monkeypatch.setattr(delimited, "_PIECE_BYTES", 2**40)
    whole = load_responses(path, Q)
    monkeypatch.setattr(delimited, "_PIECE_BYTES", piece)
    monkeypatch.setattr(delimited, "_MAX_PIECES", 7)
    monkeypatch.setattr(delimited, "_available_cores", lambda: 8)
    pieces = load_responses(path, Q)
    pd.testing.assert_frame_equal(pieces.data, whole.data)
    pd.testing.assert_frame_equal(pieces.meta, whole.meta)
    pd.testing.assert_frame_equal(pieces.declared_missing, whole.declared_missing)
    assert len(whole.data) == len(rows)
