"""Header layouts of real exports: bracketed option labels, Qualtrics 2016–2017 headers, the 2016
问卷星 matrix layout. Fixtures are generated here with invented answers in the platforms' layouts."""

from __future__ import annotations

import csv
import io
import warnings

import pandas as pd
import pytest
from tests.io.wjx_fixtures import make_export, write_delimited, write_xlsx

from survey.errors import SurveyWarning
from survey.io import load_responses
from survey.schema import questionnaire_from_dict

BRACKETS = {
    "id": "brackets",
    "title": "选项带括号的问卷",
    "id_column": "序号",
    "scales": {
        "sat": {"labels": {1: "不满意", 2: "一般", 3: "满意"}},
        "news": {
            "ordered": False,
            "labels": {1: "ACG文化(动漫、游戏等)", 2: "体育（足球、篮球）", 3: "新闻", 4: "其他(请注明)"},
        },
    },
    "items": [
        {"id": "media", "number": "1", "type": "single", "scale": "news", "text": "您最常用的社交媒体(如微信、微博)"},
        {"id": "H1", "number": "2", "scale": "sat", "text": "您对以下服务的满意度", "row": "住房保障(含公寓)"},
        {"id": "H2", "number": "2", "scale": "sat", "text": "您对以下服务的满意度", "row": "子女教育"},
        {"id": "news", "number": "3", "type": "multiple", "scale": "news", "text": "您关注哪些内容"},
    ],
}


@pytest.fixture(scope="module")
def brackets():
    return questionnaire_from_dict(BRACKETS)


@pytest.mark.parametrize("kind", ["numeric", "text"])
def test_option_and_row_labels_with_nested_brackets(brackets, tmp_path, kind):
    cells, expected, _ = make_export(brackets, 30, seed=3, kind=kind)
    if kind == "numeric":
        assert "第3题(ACG文化(动漫、游戏等))" in cells.columns and "2、(住房保障(含公寓))" in cells.columns
    r = load_responses(write_xlsx(cells, tmp_path / f"{kind}.xlsx", numbers=True), brackets)
    pd.testing.assert_frame_equal(r.data[expected.columns], expected, check_dtype=False)
    assert r.source.unmatched_columns == ()


def test_full_width_brackets_and_a_shorter_option_label(brackets, tmp_path):
    """``第3题（其他（请注明））`` in full-width brackets; the label ``其他`` in the questionnaire matches
    ``其他(请注明)`` in the header when the whole label does not."""
    spec = {**BRACKETS, "scales": {**BRACKETS["scales"], "news": {"ordered": False, "labels": {1: "新闻", 2: "其他"}}}}
    q = questionnaire_from_dict({**spec, "items": [BRACKETS["items"][3]]})
    cells = pd.DataFrame({"序号": ["1", "2"], "提交答卷时间": ["2026/10/03 12:00:14"] * 2, "所用时间": ["100秒"] * 2,
                          "第3题（新闻）": ["1", "0"], "第3题（其他（请注明））": ["0", "1"]})
    r = load_responses(write_delimited(cells, tmp_path / "fw.csv"), q)
    assert r.data[["news_1", "news_2"]].to_numpy().tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_unknown_option_column_is_listed_not_taken_for_the_whole_item(brackets, tmp_path):
    cells, _, _ = make_export(brackets, 5, seed=3, kind="numeric")
    cells = cells.rename(columns={"第3题(新闻)": "第3题(财经新闻)"})
    with pytest.warns(SurveyWarning, match="财经新闻"):
        r = load_responses(write_delimited(cells, tmp_path / "n.csv"), brackets)
    assert r.source.unmatched_columns == ("第3题(财经新闻)",)
    assert r.meta["第3题(财经新闻)"].notna().all()  # kept in meta, as in the file


# ---- Qualtrics 2016–2017: the third header row in single quotes ------------------------------

QUALTRICS_2016 = [
    # (field id, question text, ImportId) as the 2016–2017 exports write them
    ("ResponseID", "ResponseID", "responseId"),
    ("ResponseSet", "ResponseSet", "responseSetId"),
    ("IPAddress", "IPAddress", "ipAddress"),
    ("StartDate", "StartDate", "startDate"),
    ("EndDate", "EndDate", "endDate"),
    ("RecipientLastName", "RecipientLastName", "panel-RecipientLastName"),
    ("RecipientFirstName", "RecipientFirstName", "panel-RecipientFirstName"),
    ("RecipientEmail", "RecipientEmail", "panel-RecipientEmail"),
    ("ExternalDataReference", "ExternalDataReference", "panel-ExternalDataReference"),
    ("Finished", "Finished", "finished"),
    ("Status", "Status", "status"),
    ("Q1", "How satisfied are you overall?", "QID1"),
    ("Q2_1", "Please rate each service - Housing", "QID2-1"),
    ("Q2_2", "Please rate each service - Schooling", "QID2-2"),
    ("LocationLatitude", "LocationLatitude", "Location-LocationLatitude"),
    ("LocationLongitude", "LocationLongitude", "Location-LocationLongitude"),
    ("LocationAccuracy", "LocationAccuracy", "Location-LocationAccuracy"),
]


def _qualtrics_2016_csv(path, rows):
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c[0] for c in QUALTRICS_2016])
    writer.writerow([c[1] for c in QUALTRICS_2016])
    writer.writerow([f"{{'ImportId': '{c[2]}'}}" for c in QUALTRICS_2016])
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


ANSWERS_2016 = [
    ["R_1a", "Default Response Set", "10.0.0.1", "2016-04-04 10:20:41", "2016-04-04 10:22:13", "", "", "", "", "1", "0", "4", "5", "3", "31.2", "121.5", "-1"],
    ["R_2b", "Default Response Set", "10.0.0.2", "2016-04-05 09:00:00", "2016-04-05 09:03:30", "", "", "", "", "1", "0", "2", "1", "2", "31.2", "121.5", "-1"],
]


def test_qualtrics_2016_single_quoted_import_ids_without_questionnaire(tmp_path):
    r = load_responses(_qualtrics_2016_csv(tmp_path / "q2016.csv", ANSWERS_2016))
    assert r.source.format == "qualtrics"
    assert r.data.index.tolist() == ["R_1a", "R_2b"]  # the header rows are not respondents
    assert r.data[["Q1", "Q2_1", "Q2_2"]].to_numpy().tolist() == [[4.0, 5.0, 3.0], [2.0, 1.0, 2.0]]
    assert "ResponseID" not in r.data.columns
    assert r.meta["submitted_at"].iloc[1] == pd.Timestamp("2016-04-05 09:03:30")
    assert "ip" in r.personal


def test_qualtrics_2016_with_questionnaire(tmp_path):
    q = questionnaire_from_dict({
        "id": "q2016", "title": "t",
        "scales": {"five": {"labels": {k: str(k) for k in range(1, 6)}}},
        "items": [{"id": "Q1", "scale": "five", "text": "How satisfied are you overall?"},
                  {"id": "H", "scale": "five", "text": "Please rate each service", "row": "Housing"},
                  {"id": "S", "scale": "five", "text": "Please rate each service", "row": "Schooling"}],
    })
    r = load_responses(_qualtrics_2016_csv(tmp_path / "q2016.csv", ANSWERS_2016), q)
    assert r.data.to_numpy().tolist() == [[4.0, 5.0, 3.0], [2.0, 1.0, 2.0]]
    assert r.data.index.tolist() == ["R_1a", "R_2b"]


# ---- 问卷星 2016: a matrix as "13、question—first row" followed by bare row columns -------------

ROWS_2016 = ["外观", "界面美观度", "操作便捷性", "运行速度", "功能完整性(含离线)"]
MATRIX_2016 = {
    "id": "wjx2016",
    "title": "2016 版问卷星矩阵",
    "id_column": "序号",
    "scales": {"sat": {"labels": {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}}},
    "items": [{"id": f"A{k + 1}", "number": "13", "scale": "sat", "text": "您对本应用的评价", "row": row} for k, row in enumerate(ROWS_2016)]
    + [{"id": "OS", "number": "14", "scale": "sat", "text": "总体满意度"},
       {"id": "REC", "number": "15", "scale": "sat", "text": "您会推荐给朋友吗"}],
}


def _wjx_2016_cells(n: int = 6) -> tuple[pd.DataFrame, list[list[float]]]:
    codes = [[(i + k) % 5 + 1 for k in range(len(ROWS_2016) + 1)] for i in range(n)]
    cells = {"序号": [str(i + 1) for i in range(n)], "提交答卷时间": ["2016/05/03 12:00:14"] * n, "所用时间": ["200秒"] * n,
             "来源": ["微信"] * n, "来源详情": ["N/A"] * n, "来自IP": ["10.0.0.1(北京-北京)"] * n}
    cells["13、您对本应用的评价—外观"] = [str(c[0]) for c in codes]
    for k, row in enumerate(ROWS_2016[1:], start=1):
        cells[row] = [str(c[k]) for c in codes]
    cells["14、总体满意度"] = [str(c[-1]) for c in codes]
    return pd.DataFrame(cells), [[float(v) for v in c] for c in codes]


def test_wjx_2016_matrix_rows_after_the_question_column(tmp_path):
    q = questionnaire_from_dict(MATRIX_2016)
    cells, codes = _wjx_2016_cells()
    with pytest.warns(SurveyWarning, match=r"have no column in the file.*\['REC'\]"):
        r = load_responses(write_delimited(cells, tmp_path / "wjx2016.csv", encoding="gbk"), q)
    assert r.source.unmatched_columns == ()
    assert r.data[[f"A{k + 1}" for k in range(len(ROWS_2016))] + ["OS"]].to_numpy().tolist() == codes
    assert r.source.absent_items == ("REC",)


def test_bare_columns_after_a_sub_field_question_are_not_forced_onto_it(tmp_path):
    """``2、地址—省份`` followed by a bare ``备注``: the bare column matches no row of question 2, so it is
    listed (not matched to the whole item, not an error)."""
    q = questionnaire_from_dict({"id": "sub", "title": "t", "id_column": "序号",
                                 "items": [{"id": "addr", "number": "2", "type": "text", "text": "地址"}]})
    cells = pd.DataFrame({"序号": ["1"], "提交答卷时间": ["2016/05/03 12:00:14"], "所用时间": ["20秒"],
                          "2、地址—省份": ["四川"], "备注": ["无"]})
    with pytest.warns(SurveyWarning, match="备注"):
        r = load_responses(write_delimited(cells, tmp_path / "sub.csv"), q)
    assert r.source.unmatched_columns == ("备注",)


def test_inspect_lists_the_items_the_export_lacks(tmp_path):
    from typer.testing import CliRunner

    from survey.cli import app

    cells, _ = _wjx_2016_cells()
    export = write_delimited(cells.drop(columns=["界面美观度"]), tmp_path / "wjx2016.csv")
    yaml_path = tmp_path / "q.yaml"
    import yaml

    yaml_path.write_text(yaml.safe_dump(MATRIX_2016, allow_unicode=True), encoding="utf-8")
    result = CliRunner().invoke(app, ["inspect", str(export), "-q", str(yaml_path)])
    assert result.exit_code == 0, result.output
    assert "items not found in the export (all missing): A2, REC" in " ".join(result.output.split())  # as wrapped to the terminal
