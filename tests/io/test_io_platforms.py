"""Exports of 金数据, 腾讯问卷, 见数, SurveyMonkey, Google Forms, LimeSurvey and KoboToolbox.

Each fixture is built here, with invented answers, in the header layout the platform writes (see
docs/own_data.md for which layouts were seen in real files and which only in documentation).
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from tests.io.wjx_fixtures import write_xlsx

from survey.io import load_responses
from survey.schema import questionnaire_from_dict

# the fixtures without a multiple-choice column leave item svc absent, which the loader says
pytestmark = pytest.mark.filterwarnings("ignore:.*1 item.s. of questionnaire 'platform_demo' have no column in the file:survey.errors.SurveyWarning")

SAT_ZH = ["非常不满意", "不满意", "一般", "满意", "非常满意"]
SAT_EN = ["Very dissatisfied", "Dissatisfied", "Neutral", "Satisfied", "Very satisfied"]
N = 6
CODES = [[(i + k) % 5 + 1 for k in range(2)] for i in range(N)]  # two Likert items
GENDER = [1 + i % 2 for i in range(N)]
SECONDS = [95, 312, 40, 400, 365, 420]


def _q(zh: bool):
    labels = SAT_ZH if zh else SAT_EN
    sex = ["男", "女"] if zh else ["Male", "Female"]
    return questionnaire_from_dict({
        "id": "platform_demo", "title": "t",
        "scales": {"sat": {"labels": {k + 1: v for k, v in enumerate(labels)}},
                   "sex": {"ordered": False, "labels": {1: sex[0], 2: sex[1]}},
                   "svc": {"ordered": False, "labels": {1: "Housing" if not zh else "住房", 2: "Schooling" if not zh else "子女入学"}}},
        "items": [
            {"id": "gender", "number": "1", "type": "single", "scale": "sex", "text": "您的性别" if zh else "What is your gender?"},
            {"id": "H1", "number": "2", "scale": "sat", "text": "您对以下服务的满意度" if zh else "How satisfied are you with these services?", "row": "住房补贴" if zh else "Housing"},
            {"id": "H2", "number": "2", "scale": "sat", "text": "您对以下服务的满意度" if zh else "How satisfied are you with these services?", "row": "子女入学" if zh else "Schooling"},
            {"id": "svc", "type": "multiple", "scale": "svc", "required": False, "text": "您使用过哪些服务" if zh else "Which services have you used?"},
        ],
    })


def _csv(path, rows, *, sep=",", encoding="utf-8"):
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=sep, lineterminator="\r\n").writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def _expected_items() -> list[list[float]]:
    return [[float(g), float(a), float(b)] for g, (a, b) in zip(GENDER, CODES)]


def _speeder_rule(r) -> str:
    return r.quality.rules["speeder"]


# ---- Chinese platforms -----------------------------------------------------------------------

def test_jinshuju_xlsx(tmp_path):
    import pandas as pd

    q = _q(zh=True)
    cells = pd.DataFrame({
        "序号": [str(i + 1) for i in range(N)],
        "您的性别": [["男", "女"][g - 1] for g in GENDER],
        "您对以下服务的满意度—住房补贴": [SAT_ZH[a - 1] for a, _ in CODES],
        "您对以下服务的满意度—子女入学": [SAT_ZH[b - 1] for _, b in CODES],
        "提交人": ["匿名用户"] * N,
        "提交时间": [f"2026-10-03 12:{i:02d}:14" for i in range(N)],
        "修改时间": [f"2026-10-03 12:{i:02d}:14" for i in range(N)],
        "填写设备": ["手机"] * N,
        "操作系统": ["iOS"] * N,
        "浏览器": ["微信"] * N,
        "填写地区": ["四川省成都市"] * N,
        "IP": [f"10.0.0.{i}" for i in range(N)],
        "测评时长": [f"{s // 60}分{s % 60}秒" for s in SECONDS],
    })
    path = write_xlsx(cells, tmp_path / "jinshuju.xlsx")
    bare = load_responses(path)
    assert bare.source.format == "jinshuju"
    assert bare.meta["duration_s"].tolist() == [float(s) for s in SECONDS]
    assert "no durations" not in _speeder_rule(bare) and bare.quality.flags["speeder"].sum() == 2
    assert {"ip", "respondent_name", "location"} <= set(bare.personal)
    r = load_responses(path, q)
    assert r.data[["gender", "H1", "H2"]].to_numpy().tolist() == _expected_items()
    assert r.data.index.tolist() == [str(i + 1) for i in range(N)]


def test_tencent_csv(tmp_path):
    rows = [["编号", "开始答题时间", "结束答题时间", "答题时长", "地理位置国家和地区", "地理位置省", "地理位置市", "IP", "用户类型", "用户标识", "昵称",
             "1.您的性别", "2.您对以下服务的满意度—住房补贴", "2.您对以下服务的满意度—子女入学"]]
    for i in range(N):
        s = SECONDS[i]
        rows.append([str(1000 + i), "2026-10-03 12:00:00", f"2026-10-03 12:{s // 60:02d}:{s % 60:02d}", f"00:{s // 60:02d}:{s % 60:02d}", "中国", "四川", "成都",
                     f"10.0.0.{i}", "微信", f"oAbC{i:04d}", f"用户{i}", ["男", "女"][GENDER[i] - 1], SAT_ZH[CODES[i][0] - 1], SAT_ZH[CODES[i][1] - 1]])
    path = _csv(tmp_path / "tencent.csv", rows, encoding="utf-8-sig")
    r = load_responses(path, _q(zh=True))
    assert r.source.format == "tencent"
    assert r.data.index.tolist() == [str(1000 + i) for i in range(N)]
    assert r.data[["gender", "H1", "H2"]].to_numpy().tolist() == _expected_items()
    assert r.meta["duration_s"].tolist() == [float(s) for s in SECONDS]
    assert {"ip", "wechat_openid", "wechat_nickname", "province", "city"} <= set(r.personal)


def test_credamo_csv(tmp_path):
    rows = [["作答ID", "开始作答时间", "提交时间", "作答时长(秒)", "IP", "1、您的性别", "2、(住房补贴)", "2、(子女入学)"]]
    for i in range(N):
        rows.append([f"C{i:05d}", "2026-10-03 12:00:00", "2026-10-03 12:30:00", str(SECONDS[i]), f"10.0.0.{i}",
                     ["男", "女"][GENDER[i] - 1], str(CODES[i][0]), str(CODES[i][1])])
    r = load_responses(_csv(tmp_path / "credamo.csv", rows, encoding="gb18030"), _q(zh=True))
    assert r.source.format == "credamo"
    assert r.data.index.tolist() == [f"C{i:05d}" for i in range(N)]
    assert r.data[["gender", "H1", "H2"]].to_numpy().tolist() == _expected_items()
    assert r.meta["duration_s"].tolist() == [float(s) for s in SECONDS]


# ---- SurveyMonkey: two header rows ----------------------------------------------------------

def _surveymonkey_rows():
    meta = ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1"]
    row1 = meta + ["What is your gender?", "How satisfied are you with these services?", "", "Which services have you used?", "", ""]
    row2 = [""] * len(meta) + ["Response", "Housing", "Schooling", "Housing", "Schooling", "Other (please specify)"]
    rows = [row1, row2]
    for i in range(N):
        s = SECONDS[i]
        chosen = [["Housing", ""], ["", "Schooling"], ["Housing", "Schooling"]][i % 3]
        rows.append([str(11400000000 + i), "4000001", "12/01/2026 10:00:00 AM", f"12/01/2026 10:{s // 60:02d}:{s % 60:02d} AM", f"10.0.0.{i}", "", "", "", "",
                     ["Male", "Female"][GENDER[i] - 1], SAT_EN[CODES[i][0] - 1], SAT_EN[CODES[i][1] - 1], *chosen, "a library card" if i == 0 else ""])
    return rows


def test_surveymonkey_two_header_rows(tmp_path):
    path = _csv(tmp_path / "sm.csv", _surveymonkey_rows())
    bare = load_responses(path)
    assert bare.source.format == "surveymonkey"
    assert len(bare) == N  # the second header row is not a respondent
    assert "How satisfied are you with these services? - Schooling" in bare.data.columns
    r = load_responses(path, _q(zh=False))
    assert r.data.index.tolist() == [str(11400000000 + i) for i in range(N)]  # long ids kept as text
    assert r.data[["gender", "H1", "H2"]].to_numpy().tolist() == _expected_items()
    assert r.data[["svc_1", "svc_2"]].to_numpy().tolist() == [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]] * 2
    assert r.data["svc_other"].iloc[0] == "a library card"
    assert r.meta["duration_s"].tolist() == [float(s) for s in SECONDS]  # End Date − Start Date
    assert any("duration_s computed" in e.detail for e in r.ledger)
    assert "ip" in r.personal


# ---- Google Forms ------------------------------------------------------------------------------

def test_google_forms(tmp_path):
    rows = [["Timestamp", "Email Address", "What is your gender?", "How satisfied are you with these services? [Housing]",
             "How satisfied are you with these services? [Schooling]", "Which services have you used?"]]
    for i in range(N):
        rows.append([f"10/{3 + i}/2026 10:00:05", f"person{i}@example.org", ["Male", "Female"][GENDER[i] - 1],
                     SAT_EN[CODES[i][0] - 1], SAT_EN[CODES[i][1] - 1], ["Housing", "Schooling", "Housing, Schooling"][i % 3]])
    r = load_responses(_csv(tmp_path / "forms.csv", rows), _q(zh=False))
    assert r.source.format == "google_forms"
    assert r.data[["gender", "H1", "H2"]].to_numpy().tolist() == _expected_items()
    assert r.data[["svc_1", "svc_2"]].to_numpy().tolist() == [[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]] * 2
    assert r.meta["submitted_at"].iloc[1].day == 4
    assert "email" in r.personal
    assert _speeder_rule(r) == "no durations in the data"  # Google Forms records only the submission time


# ---- LimeSurvey: code headings and full-text headings ---------------------------------------------

def test_limesurvey_code_headings(tmp_path):
    q = questionnaire_from_dict({
        "id": "ls", "title": "t",
        "scales": {"sat": {"labels": {k + 1: v for k, v in enumerate(SAT_EN)}}, "sex": {"ordered": False, "labels": {1: "Male", 2: "Female"}}},
        "items": [{"id": "G01Q01", "type": "single", "scale": "sex", "text": "What is your gender?"},
                  {"id": "G01Q02_SQ001", "scale": "sat", "text": "How satisfied are you with these services?", "row": "Housing"},
                  {"id": "G01Q02_SQ002", "scale": "sat", "text": "How satisfied are you with these services?", "row": "Schooling"}],
    })
    rows = [["id", "submitdate", "lastpage", "startlanguage", "seed", "startdate", "datestamp", "ipaddr", "refurl",
             "G01Q01", "G01Q02[SQ001]", "G01Q02[SQ002]", "interviewtime"]]
    for i in range(N):
        rows.append([str(i + 1), "2026-10-03 12:30:00", "2", "zh-Hans", str(12345 + i), "2026-10-03 12:00:00", "2026-10-03 12:30:00",
                     f"10.0.0.{i}", "", ["Male", "Female"][GENDER[i] - 1], SAT_EN[CODES[i][0] - 1], SAT_EN[CODES[i][1] - 1], f"{SECONDS[i]}.25"])
    r = load_responses(_csv(tmp_path / "ls.csv", rows), q)
    assert r.source.format == "limesurvey"
    assert r.data.to_numpy().tolist() == _expected_items()
    assert r.meta["duration_s"].tolist() == [s + 0.25 for s in SECONDS]
    assert "ip" in r.personal


def test_limesurvey_text_headings(tmp_path):
    rows = [["Response ID", "Date submitted", "Last page", "Start language", "Seed", "Date started", "Date last action", "IP address",
             "Referrer URL", "What is your gender?", "How satisfied are you with these services? [Housing]",
             "How satisfied are you with these services? [Schooling]", "Total time"]]
    for i in range(N):
        rows.append([str(i + 1), "2026-10-03 12:30:00", "2", "en", "1", "2026-10-03 12:00:00", "2026-10-03 12:30:00", f"10.0.0.{i}", "",
                     ["Male", "Female"][GENDER[i] - 1], SAT_EN[CODES[i][0] - 1], SAT_EN[CODES[i][1] - 1], str(SECONDS[i])])
    r = load_responses(_csv(tmp_path / "ls_text.csv", rows), _q(zh=False))
    assert r.source.format == "limesurvey"
    assert r.data[["gender", "H1", "H2"]].to_numpy().tolist() == _expected_items()
    assert r.meta["duration_s"].tolist() == [float(s) for s in SECONDS]


# ---- KoboToolbox -------------------------------------------------------------------------------

def test_kobotoolbox_semicolon_csv_with_group_paths(tmp_path):
    q = questionnaire_from_dict({
        "id": "kobo", "title": "t",
        "scales": {"sat": {"labels": {k + 1: v for k, v in enumerate(SAT_EN)}}, "sex": {"ordered": False, "labels": {1: "Male", 2: "Female"}}},
        "items": [{"id": "gender", "type": "single", "scale": "sex", "text": "Gender"},
                  {"id": "housing", "scale": "sat", "text": "Housing"},
                  {"id": "schooling", "scale": "sat", "text": "Schooling"}],
    })
    rows = [["start", "end", "today", "deviceid", "demographics/gender", "satisfaction/housing", "satisfaction/schooling",
             "meta/instanceID", "_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status", "_submitted_by", "__version__", "_tags", "_index"]]
    for i in range(N):
        s = SECONDS[i]
        uuid = f"0000000{i}-aaaa-bbbb-cccc-dddddddddddd"
        rows.append(["2026-10-03T10:00:00.000+08:00", f"2026-10-03T10:{s // 60:02d}:{s % 60:02d}.000+08:00", "2026-10-03", f"collect:dev{i}",
                     ["Male", "Female"][GENDER[i] - 1], SAT_EN[CODES[i][0] - 1], SAT_EN[CODES[i][1] - 1],
                     f"uuid:{uuid}", str(100 + i), uuid, "2026-10-04T08:00:00", "", "", "submitted_via_web", "", "vAbC", "", str(i + 1)])
    r = load_responses(_csv(tmp_path / "kobo.csv", rows, sep=";"), q)
    assert r.source.format == "kobo"
    assert r.data.index.tolist()[0] == "00000000-aaaa-bbbb-cccc-dddddddddddd"
    assert r.data.to_numpy().tolist() == _expected_items()
    np.testing.assert_allclose(r.meta["duration_s"].to_numpy(), SECONDS)  # end − start
    assert {"device_id"} <= set(r.personal)


@pytest.mark.parametrize("fmt", ["jinshuju", "surveymonkey", "kobo"])
def test_a_platform_format_can_be_forced(tmp_path, fmt):
    rows = _surveymonkey_rows() if fmt == "surveymonkey" else [["_uuid", "_submission_time", "q1"], ["u1", "2026-10-04T08:00:00", "3"]]
    if fmt == "jinshuju":
        rows = [["序号", "提交时间", "q1"], ["1", "2026-10-03 12:00:00", "3"]]
    r = load_responses(_csv(tmp_path / "x.csv", rows), format=fmt)
    assert r.source.format == fmt


def test_a_timestamp_column_elsewhere_does_not_make_a_google_form(tmp_path):
    r = load_responses(_csv(tmp_path / "plain.csv", [["id", "Timestamp", "q1"], ["007", "2026-10-03 10:00:00", "3"]]))
    assert r.source.format == "csv"
    assert r.data.index.tolist() == ["007"]
