"""XLSForm: round trip against the YAML questionnaire, cell-located errors, zip-bomb and entity guards."""

from __future__ import annotations

import textwrap
import zipfile

import openpyxl
import pytest

from survey import QuestionnaireError, SurveyWarning, load_questionnaire, read_xlsform
from survey.schema.safezip import office_archive_problems

from .xlsform_helpers import write_xlsform


@pytest.fixture(scope="module")
def talent():
    return load_questionnaire("talent_service")


def _without_kano_names(q) -> dict:
    data = q.model_dump()
    for pair in data["kano"]:
        pair["name"] = None  # XLSForm carries no Kano attribute names
    return data


@pytest.mark.parametrize("codes_as_text", [False, True], ids=["int-codes", "text-codes"])
def test_round_trip_of_the_bundled_questionnaire(tmp_path, talent, codes_as_text):
    path = write_xlsform(talent, tmp_path / "talent_service.xlsx", codes_as_text=codes_as_text)
    q = load_questionnaire(path)  # dispatches to read_xlsform
    assert q.model_dump() == _without_kano_names(talent)


def _book(survey_rows, choices_rows=None, settings_rows=None):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "survey"
    for row in survey_rows:
        ws.append(row)
    if choices_rows is not None:
        ch = book.create_sheet("choices")
        for row in choices_rows:
            ch.append(row)
    if settings_rows is not None:
        st = book.create_sheet("settings")
        for row in settings_rows:
            st.append(row)
    return book


def test_small_form_equals_its_yaml_equivalent(tmp_path):
    """A hand-written XLSForm (plain and language labels, groups, matrix numbers) equals the YAML."""
    book = _book(
        [
            ["type", "name", "label", "label::中文 (zh)", "label::English (en)", "hint::zh", "hint::en", "construct",
             "construct_role", "factor", "reverse", "role", "number", "row::zh", "row::en", "attribute", "expected", "required"],
            ["note", "intro", "说明", None, None],
            ["select_one sex", "gender", None, "性别", "Gender", None, None, None, None, None, None, "demographic", 1],
            ["begin group", "g1", None, "住房", "housing", "住房补贴等", "subsidies", "housing", "hygiene", "salary", None, None, "2"],
            ["select_one sat", "H1", None, "补贴满意", "subsidy", None, None, None, None, None, None, None, None, "补贴", "subsidy"],
            ["select_one sat", "H2", None, "公寓满意", "flats", None, None, None, None, None, "yes", None, None, "公寓", "flats"],
            ["select_one sat", "CHK", None, "请选满意", "choose satisfied", None, None, None, None, None, None, "attention_check", None, None, None, None, "4", "no"],
            ["select_one sat", "H3", None, "兑现满意", "payment", None, None, None, None, None, None, None, None, "兑现", "payment"],
            ["end group"],
            ["select_one imp", "IM_H", None, "住房重要性", "importance of housing", None, None, None, None, None, None, "importance", 3, None, None, "housing"],
            ["integer", "years", None, "年限", "years"],
            ["select_multiple sat", "multi", "多选"],
            ["calculate", "calc"],
        ],
        [
            ["list_name", "name", "label::zh", "label::en", "missing", "ordered"],
            ["sex", 1, "男", "male"],
            ["sex", "2", "女", "female"],
            ["sat", "1", "不满意", "dissatisfied"],
            ["sat", "2", "一般", "neutral"],
            ["sat", "3.0", "满意", "satisfied"],
            ["sat", 4, "非常满意", "very satisfied"],
            ["sat", -2, "跳过", "skipped", "yes"],
            ["imp", 1, "不重要", "unimportant", None, "TRUE"],
            ["imp", 2, "重要", "important"],
        ],
        [["form_id", "form_title::zh", "form_title::en", "version", "id_column"], ["mini", "小问卷", "Mini", 2, "序号"]],
    )
    path = tmp_path / "mini.xlsx"
    book.save(path)
    yaml_path = tmp_path / "mini.yaml"
    yaml_path.write_text(
        textwrap.dedent(
            """\
            id: mini
            version: '2'
            title: {zh: 小问卷, en: Mini}
            id_column: 序号
            scales:
              sex:
                ordered: false
                labels: {1: {zh: 男, en: male}, 2: {zh: 女, en: female}}
              sat:
                labels: {1: {zh: 不满意, en: dissatisfied}, 2: {zh: 一般, en: neutral}, 3: {zh: 满意, en: satisfied}, 4: {zh: 非常满意, en: very satisfied}}
                missing: {-2: {zh: 跳过, en: skipped}}
              imp:
                labels: {1: {zh: 不重要, en: unimportant}, 2: {zh: 重要, en: important}}
            items:
              - {id: gender, type: single, scale: sex, role: demographic, number: '1', required: false, text: {zh: 性别, en: Gender}}
              - {id: H1, scale: sat, number: '2', required: false, row: {zh: 补贴, en: subsidy}, text: {zh: 补贴满意, en: subsidy}}
              - {id: H2, scale: sat, number: '2', required: false, reverse: true, row: {zh: 公寓, en: flats}, text: {zh: 公寓满意, en: flats}}
              - {id: CHK, scale: sat, number: '2', required: false, role: attention_check, text: {zh: 请选满意, en: choose satisfied}}
              - {id: H3, scale: sat, number: '2', required: false, row: {zh: 兑现, en: payment}, text: {zh: 兑现满意, en: payment}}
              - {id: IM_H, scale: imp, role: importance, number: '3', required: false, text: {zh: 住房重要性, en: importance of housing}}
              - {id: years, type: numeric, required: false, text: {zh: 年限, en: years}}
              - {id: multi, type: multiple, scale: sat, required: false, text: 多选}
            constructs:
              - {id: housing, name: {zh: 住房, en: housing}, role: hygiene, factor: salary, items: [H1, H2, H3],
                 description: {zh: 住房补贴等, en: subsidies}}
            importance:
              - {item: IM_H, attribute: housing}
            attention_checks:
              - {item: CHK, expected: [4]}
            """
        ),
        encoding="utf-8",
    )
    assert read_xlsform(path) == load_questionnaire(yaml_path)


def test_kano_pairs_from_attribute_column(tmp_path):
    book = _book(
        [
            ["type", "name", "label", "role", "attribute"],
            ["select_one kano", "KF", "有补贴", "kano_functional", "subsidy"],
            ["select_one kano", "KD", "无补贴", "kano_dysfunctional", "subsidy"],
        ],
        [["list_name", "name", "label"]] + [["kano", c, t] for c, t in enumerate(["喜欢", "理应", "无所谓", "忍受", "不喜欢"], 1)],
    )
    book.save(tmp_path / "k.xlsx")
    q = read_xlsform(tmp_path / "k.xlsx")
    assert [(k.attribute, k.functional, k.dysfunctional) for k in q.kano] == [("subsidy", "KF", "KD")]
    assert q.item("KF").type == "likert" and q.scales["kano"].ordered
    assert q.languages == ["zh", "en"] and q.item("KF").text.en == "有补贴"


def test_every_problem_is_reported_with_sheet_and_cell(tmp_path):
    book = _book(
        [
            ["type", "name", "label::zh", "label::en", "reverse", "role", "expected", "construct", "construct_role", "attribute"],
            ["select_one sat", "Q1", "甲", "A", "maybe"],  # row 2
            ["select_one nolist", "Q2", "乙", "B"],  # row 3
            ["select_one sat", "1bad", "丙", "C"],  # row 4
            ["select_one sat", "Q1", "丁", "D"],  # row 5
            ["select_one_from_file places.csv", "Q5", "戊", "E"],  # row 6
            ["select_one sat", "Q6", None, None, None, "attention_check", "x"],  # row 7
            ["select_one sex", "Q7", "己", "F", "yes", "demographic"],  # row 8
            ["select_one sat", "Q8", "庚", "G", None, "boss"],  # row 9
            ["select_one sat", "Q9", "辛", "H", None, None, None, "c1", "hygeine"],  # row 10
            ["select_one sat", "Q10", "壬", "I", None, "kano_functional"],  # row 11
            ["begin_group", "g"],  # row 12
        ],
        [
            ["list_name", "name", "label::zh", "label::en", "missing"],
            ["sat", "1", "满", "sat"],  # row 2
            ["sat", "two", "二", "two"],  # row 3
            ["sat", 1, "满", "sat"],  # row 4
            ["sat", -2, "跳过", "skipped", "yes"],
            ["sex", 1, "男", "male"],
            ["sex", 2, "女", "female"],
        ],
    )
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(QuestionnaireError) as info:
        read_xlsform(tmp_path / "bad.xlsx")
    found = {p.where: p for p in info.value.problems}
    expected = {
        "choices!B3": "not an integer code",
        "choices!B4": "appears twice",
        "survey!E2": "not yes or no",
        "survey!A3": "'nolist' is not on the choices sheet",
        "survey!B4": "not a valid id",
        "survey!B5": "used twice",
        "survey!A6": "not supported",
        "survey!C7": "has no label",
        "survey!G7": "not an integer code",
        "survey!B8 (Q7)": "reverse-keyed",
        "survey!F9": "role 'boss' is unknown",
        "survey!I10": "construct role 'hygeine' is unknown",
        "survey!J11": "needs an attribute",
        "survey!A12": "never closed",
    }
    for where, what in expected.items():
        assert where in found, (where, sorted(found))
        assert what in found[where].what, (where, found[where])
    assert "integer" in found["choices!B3"].expected  # says what is accepted
    assert len(info.value.problems) == len(expected)


def test_missing_sheet_and_columns(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "questions"
    book.save(tmp_path / "nosurvey.xlsx")
    with pytest.raises(QuestionnaireError, match="no 'survey' sheet"):
        read_xlsform(tmp_path / "nosurvey.xlsx")
    _book([["kind", "name"], ["text", "Q1"]]).save(tmp_path / "cols.xlsx")
    with pytest.raises(QuestionnaireError) as info, pytest.warns(SurveyWarning, match="column 'kind'"):
        read_xlsform(tmp_path / "cols.xlsx")
    assert {p.what for p in info.value.problems} == {"the survey sheet has no 'type' column", "the survey sheet has no label column"}


def test_unknown_survey_column_warns(tmp_path):
    _book([["type", "name", "label", "revese"], ["text", "Q1", "甲", "yes"]]).save(tmp_path / "typo.xlsx")
    with pytest.warns(SurveyWarning, match=r"survey!D1: column 'revese'"):
        q = read_xlsform(tmp_path / "typo.xlsx")
    assert q.items[0].reverse is False


def test_not_a_workbook(tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_text("type,name\n")
    with pytest.raises(QuestionnaireError, match="refused") as info:
        load_questionnaire(path)
    assert "not a readable .xlsx" in info.value.problems[0].what


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (3 * 1024 * 1024) + b"</a>")
    assert path.stat().st_size < 100_000
    with pytest.raises(QuestionnaireError, match="refused") as info:
        read_xlsform(path, max_bytes=1024 * 1024)
    assert "above the cap" in info.value.problems[0].what


def test_too_many_entries_is_refused(tmp_path):
    path = tmp_path / "many.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        for n in range(30):
            archive.writestr(f"x{n}.txt", "")
    assert "entries" in office_archive_problems(path, max_entries=20)[0].what


@pytest.mark.parametrize("codec", ["utf-8", "utf-16"])
def test_billion_laughs_is_refused(tmp_path, talent, codec):
    """A workbook whose sheet XML declares entities is refused, in UTF-8 or UTF-16."""
    good = write_xlsform(talent, tmp_path / "good.xlsx")
    lol = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        + "".join(f'<!ENTITY lol{n} "{("&lol" + (str(n - 1) if n > 1 else "") + ";") * 10}">' for n in range(1, 10))
        + ']>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        + "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"
    )
    bad = tmp_path / "lol.xlsx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = lol.encode(codec)
            dst.writestr(info, data)
    with pytest.raises(QuestionnaireError, match="refused") as info:
        read_xlsform(bad)
    assert info.value.problems[0].where == "lol.xlsx:xl/worksheets/sheet1.xml"
    assert "DTD" in info.value.problems[0].what


# ---- forms as ODK / KoboToolbox write them: text choice names, "label:English" ------------------------
from survey import load_responses  # noqa: E402

from .xlsform_odk import write_odk_export, write_odk_form  # noqa: E402


@pytest.mark.parametrize("single_colon", [False, True], ids=["label::English (en)", "label:English"])
def test_odk_form_with_text_choice_names(tmp_path, single_colon):
    path = write_odk_form(tmp_path / "household.xlsx", single_colon=single_colon)
    with pytest.warns(SurveyWarning) as caught:
        q = read_xlsform(path)
    assert q.id == "household_services" and q.title.en == "Household services" and q.version == "2024061801"
    assert q.item_ids == ["consent", "sex", "age", "status", "used", "sat_housing", "sat_schools", "comments", "visit_date", "gps"]
    assert q.item("consent").text.en == "Do you agree to take part?" and q.item("consent").text.zh == "您同意参加吗？"
    types = {i.id: i.type for i in q.items}
    assert types == {"consent": "single", "sex": "single", "age": "numeric", "status": "single", "used": "multiple",
                     "sat_housing": "single", "sat_schools": "single", "comments": "text", "visit_date": "text", "gps": "text"}
    assert q.personal_items == ["gps"]
    # text names are coded in list order; the names are kept beside the codes
    assert q.scales["yes_no"].codes == (1, 2) and q.scales["yes_no"].names == {1: "yes", 2: "no"}
    assert {c: t.en for c, t in q.scales["sex"].labels.items()} == {1: "Male", 2: "Female"}
    assert q.scales["status"].names == {1: "alive", 2: "dead"} and q.scales["status"].labels[2].zh == "已故"
    assert q.scales["services"].names == {1: "housing", 2: "schools", 3: "clinic"}
    assert q.scales["agree5"].codes == (1, 2, 3, 4, 5) and q.scales["agree5"].names == {}  # integer names are the codes
    shown = " ".join(str(w.message) for w in caught)
    assert "yes=1, no=2" in shown and "male=1, female=2" in shown and "housing=1, schools=2, clinic=3" in shown


@pytest.mark.parametrize("group_separator", [None, "-", "/"], ids=["plain", "ODK Central group-name", "Kobo group/name"])
def test_odk_export_with_text_names_loads_as_codes(tmp_path, group_separator):
    with pytest.warns(SurveyWarning):
        q = read_xlsform(write_odk_form(tmp_path / "household.xlsx"))
    with pytest.warns(SurveyWarning):  # the platform's own columns (_id, _uuid ...) match no item
        r = load_responses(write_odk_export(tmp_path / "household.csv", group_separator=group_separator), q, id_column="_uuid")
    assert not any(c.endswith(("consent", "sex", "used", "housing")) for c in r.source.unmatched_columns)
    assert r.data["visit_date"].tolist() == ["2024-06-20", "2024-06-20", "2024-06-21"]
    assert r.data.loc["uuid-101", "gps"] == "22.5431 114.0579 12 5" and "gps" in r.personal
    assert r.data.index.tolist() == ["uuid-101", "uuid-102", "uuid-103"]
    assert r.data["consent"].tolist() == [1.0, 1.0, 2.0]
    assert r.data["sex"].tolist()[:2] == [2.0, 1.0] and r.data["status"].tolist()[:2] == [1.0, 2.0]
    assert r.data["sat_housing"].tolist()[:2] == [4.0, 2.0]
    used = r.data[[c for c in r.data.columns if c.startswith("used_")]]
    assert used.iloc[0].tolist() == [1.0, 0.0, 1.0] and used.iloc[1].tolist() == [0.0, 1.0, 0.0]


def test_mixed_integer_and_text_names_in_one_list_are_refused(tmp_path):
    book = _book(
        [["type", "name", "label"], ["select_one l", "Q1", "Q one"]],
        [["list_name", "name", "label"], ["l", 1, "one"], ["l", "two", "two"], ["l", "three", "three"]],
    )
    book.save(tmp_path / "mixed.xlsx")
    with pytest.raises(QuestionnaireError) as info:
        read_xlsform(tmp_path / "mixed.xlsx")
    assert {p.where for p in info.value.problems} == {"choices!B3", "choices!B4"}
    assert "text names" in info.value.problems[0].expected


def test_attention_check_on_a_text_named_list_takes_names(tmp_path):
    book = _book(
        [["type", "name", "label:English", "role", "expected"],
         ["select_one yn", "check", "Choose no", "attention_check", "no"],
         ["select_one yn", "check2", "Choose yes", "attention_check", "maybe"]],
        [["list_name", "name", "label:English"], ["yn", "yes", "Yes"], ["yn", "no", "No"]],
    )
    book.save(tmp_path / "check.xlsx")
    with pytest.raises(QuestionnaireError) as info, pytest.warns(SurveyWarning, match="yes=1, no=2"):
        read_xlsform(tmp_path / "check.xlsx")
    (problem,) = info.value.problems
    assert problem.where == "survey!E3" and "'maybe'" in problem.what and "yes, no" in problem.expected
    book["survey"].delete_rows(3)
    book.save(tmp_path / "check.xlsx")
    with pytest.warns(SurveyWarning, match="yes=1, no=2"):
        q = read_xlsform(tmp_path / "check.xlsx")
    assert q.attention_checks[0].expected == [2] and q.item("check").text.en == "Choose no"
