"""Wenjuanxing exports (generated from the documented layouts): text and code exports, every encoding."""

from __future__ import annotations

import hashlib

import numpy as np
import pandas as pd
import pytest
from tests.io.wjx_fixtures import make_export, small_questionnaire, write_delimited, write_xlsx

from survey.io import load_responses
from survey.schema import bundled_questionnaires, load_questionnaire

WRITERS = {
    "gbk_csv": lambda cells, folder: write_delimited(cells, folder / "gbk.csv", encoding="gbk"),
    "utf8_bom_csv": lambda cells, folder: write_delimited(cells, folder / "bom.csv", encoding="utf-8-sig"),
    "utf8_csv": lambda cells, folder: write_delimited(cells, folder / "plain.csv", encoding="utf-8"),
    "utf16_tsv": lambda cells, folder: write_delimited(cells, folder / "u16.tsv", encoding="utf-16", sep="\t"),
    "xlsx": lambda cells, folder: write_xlsx(cells, folder / "export.xlsx", numbers=True),
}
ENCODING = {"gbk_csv": "gb18030", "utf8_bom_csv": "utf-8-sig", "utf8_csv": "utf-8", "utf16_tsv": "utf-16", "xlsx": None}


@pytest.fixture(scope="module")
def q():
    return small_questionnaire()


def _comparable(expected: pd.DataFrame, kind: str) -> list[str]:
    # the code export has no "please specify" text (it sits in the text export's 〖〗)
    return [c for c in expected.columns if not (kind == "numeric" and c.endswith("_other"))]


@pytest.mark.parametrize("kind", ["text", "numeric"])
@pytest.mark.parametrize("writer", list(WRITERS))
def test_every_encoding_and_file_type_loads_the_same_data(q, tmp_path, kind, writer):
    cells, expected, missing = make_export(q, 30, seed=1, kind=kind)
    path = WRITERS[writer](cells, tmp_path)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    r = load_responses(path, q)
    cols = _comparable(expected, kind)
    pd.testing.assert_frame_equal(r.data[cols], expected[cols], check_dtype=False)
    assert r.data.index.name == "respondent"
    assert r.source.format == f"wjx_{kind}"
    assert r.source.encoding == ENCODING[writer]
    assert r.source.sha256 == before == hashlib.sha256(path.read_bytes()).hexdigest()
    counted = {(row.column, row.code): row.count for row in r.declared_missing.itertuples()}
    assert counted == missing and sum(missing.values()) > 0
    entry = [e for e in r.ledger if e.step == "missing_codes"]
    assert len(entry) == 1 and entry[0].n == sum(missing.values())


def test_text_and_code_exports_agree(q, tmp_path):
    text_cells, expected, _ = make_export(q, 40, seed=7, kind="text")
    code_cells, _, _ = make_export(q, 40, seed=7, kind="numeric")
    a = load_responses(write_delimited(text_cells, tmp_path / "text.csv", encoding="gbk"), q)
    b = load_responses(write_delimited(code_cells, tmp_path / "code.csv", encoding="gbk"), q)
    cols = _comparable(expected, "numeric")
    pd.testing.assert_frame_equal(a.data[cols], b.data[cols])
    assert list(b.data.columns) == cols  # questionnaire order, multiple/ranking items expanded per option


def test_metadata_columns(q, tmp_path):
    cells, _, _ = make_export(q, 5, kind="text")
    cells.loc[0, "所用时间"] = "379秒"
    cells.loc[1, "所用时间"] = "2分31秒"
    cells.loc[2, "来自IP"] = "117.2.6.14(四川-绵阳)"
    r = load_responses(write_delimited(cells, tmp_path / "m.csv", encoding="gbk"), q)
    meta = r.meta
    assert meta.loc["1", "duration_s"] == 379.0 and meta.loc["2", "duration_s"] == 151.0
    assert meta["submitted_at"].dtype.kind == "M"
    assert meta.loc["1", "submitted_at"] == pd.Timestamp("2026-10-03 12:00:14")
    assert meta.loc["3", "ip"] == "117.2.6.14" and meta.loc["3", "location"] == "四川-绵阳"
    assert meta.loc["1", "channel"] == "微信"
    assert {"ip", "location", "phone"} <= set(r.personal)
    assert "phone" not in r.public_data().columns and "ip" not in r.public_meta().columns
    assert r.data.loc["2", "comment"] == "None" and r.data.loc["1", "comment"] == "NA"


def test_other_specify_text_is_kept(q, tmp_path):
    cells, expected, _ = make_export(q, 20, seed=3, kind="text")
    r = load_responses(write_delimited(cells, tmp_path / "o.csv"), q)
    assert "services_other" in r.data
    pd.testing.assert_series_equal(r.data["services_other"], expected["services_other"], check_dtype=False)


def test_skip_labels_in_text_export_are_declared_missing(q, tmp_path):
    cells, _, _ = make_export(q, 10, kind="text", missing_share=0)
    cells.loc[[0, 1], "3、(住房保障)"] = "未显示"
    cells.loc[2, "3、(住房保障)"] = "(跳过)"
    r = load_responses(write_delimited(cells, tmp_path / "s.csv"), q)
    assert r.data["S1"].iloc[:3].isna().all()
    counted = {row.code: row.count for row in r.declared_missing.itertuples() if row.column == "S1"}
    assert counted == {-3: 2, -2: 1}


@pytest.mark.skipif("talent_service" not in bundled_questionnaires(), reason="bundled questionnaire not written yet")
@pytest.mark.parametrize("kind", ["text", "numeric"])
def test_bundled_questionnaire_round_trip(tmp_path, kind):
    q = load_questionnaire("talent_service")
    cells, expected, missing = make_export(q, 60, seed=11, kind=kind)
    r = load_responses(write_delimited(cells, tmp_path / "ts.csv", encoding="gbk"), q)
    cols = _comparable(expected, kind)
    pd.testing.assert_frame_equal(r.data[cols], expected[cols], check_dtype=False)
    assert r.source.unmatched_columns == ()
    assert int(r.declared_missing["count"].sum()) == sum(missing.values())
    assert np.isin(r.data[q.constructs[0].items].stack().dropna().unique(), [1, 2, 3, 4, 5]).all()
