"""Identifiers (resident ID numbers, phone numbers, codes with leading zeros) stay text, byte-exact,
in every file format and on every reading path; numbers stay numbers."""

from __future__ import annotations

import warnings

import numpy as np
import openpyxl
import pandas as pd
import pytest

import survey.io.delimited as delimited
from survey.errors import SurveyWarning
from survey.io import load_responses
from survey.io.excel import cell_text
from survey.schema import questionnaire_from_dict

IDS = ["110105198503150027", "44030419900101001X", "110105198503150035"]
PHONES = ["13800138000", "13900139000", "15000150000"]
Q = questionnaire_from_dict(
    {
        "id": "ids",
        "title": "identifiers",
        "id_column": "id",
        "scales": {"sat": {"labels": {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}}},
        "items": [
            {"id": "q1", "text": "满意度", "scale": "sat"},
            {"id": "idcard", "type": "text", "text": "身份证号"},
        ],
    }
)


def _csv(tmp_path, rows: list[tuple[str, ...]], header=("id", "q1", "idcard", "phone", "tel", "score")):
    path = tmp_path / "ids.csv"
    path.write_text(",".join(header) + "\n" + "".join(",".join(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _rows(ids=IDS):
    return [(str(k + 1), str(k % 5 + 1), idno, PHONES[k], "+86" + PHONES[k], f"{k + 0.5}") for k, idno in enumerate(ids)]


def _load(path, questionnaire=None):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SurveyWarning)  # columns outside the questionnaire: kept in meta
        return load_responses(path, questionnaire)


@pytest.mark.parametrize("ids", [IDS, [IDS[0], IDS[2], IDS[0]]], ids=["with an X check digit", "digits only"])
def test_long_digit_strings_stay_text_without_a_questionnaire(tmp_path, ids):
    r = _load(_csv(tmp_path, _rows(ids)))
    assert r.data["idcard"].tolist() == ids  # not 1.1010519850315003e+17
    assert r.data["phone"].tolist() == PHONES and r.data["tel"].tolist() == ["+86" + p for p in PHONES]
    assert r.data["q1"].dtype == np.float64 and r.data["score"].tolist() == [0.5, 1.5, 2.5]  # numbers stay numbers


def test_long_digit_strings_stay_text_with_a_questionnaire(tmp_path):
    ids = [IDS[0], IDS[2], IDS[0]]
    r = _load(_csv(tmp_path, _rows(ids)), Q)
    assert r.data["idcard"].tolist() == ids and r.meta["phone"].tolist() == PHONES
    assert r.data["q1"].tolist() == [1.0, 2.0, 3.0]


@pytest.mark.parametrize(
    ("cells", "kind"),
    [
        (["13800138000", "5"], "text"),  # 11 digits
        (["0012", "5"], "text"),  # a leading zero
        (["-013", "5"], "text"),
        (["10000000000.5", "5"], "number"),  # a decimal point: a measurement, not an identifier
        (["1234567890", "5"], "number"),  # ten digits
        (["1e12", "5"], "number"),
    ],
)
def test_which_columns_look_like_identifiers(tmp_path, cells, kind):
    path = tmp_path / "c.csv"
    path.write_text("x\n" + "\n".join(cells) + "\n", encoding="utf-8")
    column = load_responses(path).data["x"]
    if kind == "text":
        assert column.tolist() == cells
    else:
        assert column.dtype == np.float64 and column.tolist() == [float(c) for c in cells]


def test_long_digit_strings_stay_text_when_read_in_pieces(tmp_path, monkeypatch):
    rows = [(f"{k + 1}", str(k % 5 + 1), f"1101051985031{k:05d}", f"138{k:08d}", "", "2") for k in range(3000)]
    path = _csv(tmp_path, rows)
    whole = load_responses(path)
    monkeypatch.setattr(delimited, "_PIECE_BYTES", 4096)
    monkeypatch.setattr(delimited, "_available_cores", lambda: 4)
    pieces = load_responses(path)
    pd.testing.assert_frame_equal(pieces.data, whole.data)
    assert pieces.data["idcard"].iloc[-1] == "110105198503102999" and pieces.data["phone"].iloc[7] == "13800000007"
    assert pieces.data["q1"].dtype == np.float64


def _xlsx(tmp_path, rows, *, as_text: bool):
    """A workbook whose phone cells are numbers (as pandas, or a user typing them, writes them) or text."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "q1", "idcard", "phone", "score"])
    for k, (idno, phone) in enumerate(rows):
        ws.append([k + 1, k % 5 + 1, idno, phone if as_text else int(phone), k + 0.5])
    path = tmp_path / f"ids_{as_text}.xlsx"
    wb.save(path)
    return path


@pytest.mark.parametrize("as_text", [True, False], ids=["text cells", "number cells"])
@pytest.mark.parametrize("with_questionnaire", [False, True])
def test_xlsx_identifiers_stay_text(tmp_path, as_text, with_questionnaire):
    ids = [IDS[0], IDS[2], IDS[0]]
    path = _xlsx(tmp_path, list(zip(ids, PHONES)), as_text=as_text)
    r = _load(path, Q if with_questionnaire else None)
    assert r.data["idcard"].tolist() == ids
    phones = r.meta["phone"] if with_questionnaire else r.data["phone"]
    assert phones.tolist() == PHONES
    assert r.data["q1"].tolist() == [1.0, 2.0, 3.0]
    if not with_questionnaire:
        assert r.data["score"].tolist() == [0.5, 1.5, 2.5]


def test_xlsx_identifiers_that_lost_digits_in_the_workbook_are_warned_about(tmp_path):
    # Excel keeps 15 significant digits of a number: an 18-digit ID typed as a number is stored as
    # 1.10105198503150E+17, its last digits gone before any reader sees the file
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "idcard", "phone"])
    ws.append([1, 110105198503150000.0, 13800138000])
    ws.append([2, IDS[1], 13900139000])
    path = tmp_path / "lost.xlsx"
    wb.save(path)
    with pytest.warns(SurveyWarning, match=r"first in B2\).*15 significant digits"):
        r = load_responses(path)
    assert r.data["phone"].tolist() == PHONES[:2]
    assert r.data["idcard"].tolist() == ["1.1010519850315e+17", IDS[1]]  # the cell as stored, not invented digits


def test_excel_numbers_read_as_a_person_sees_them():
    # xlrd gives every .xls number as a float; openpyxl gives ints for whole numbers
    assert [cell_text(v) for v in (13800138000.0, 13800138000, 110105198503150027, 2.5)] == ["13800138000", "13800138000", "110105198503150027", "2.5"]
