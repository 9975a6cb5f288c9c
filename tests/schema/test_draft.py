"""`survey init`: a questionnaire drafted from an export validates and loads that export with every
column matched; scales follow known anchor sets, value labels or (marked) first appearance;
reverse-key candidates and unit text are reported, never applied."""

from __future__ import annotations

import warnings

import pytest

from survey import load_responses
from survey.schema import load_questionnaire
from survey.draft.anchors import fit_anchor
from survey.draft import draft_questionnaire

from .draft_fixtures import AGREE_EN, EDU, SAT, SERVICES, UNIT_ROWS, answers, write_qualtrics, write_sav, write_wjx_pair


def _round_trip(draft, export, tmp_path):
    """Write the draft's YAML, read it back strictly, load the export with it."""
    path = tmp_path / "q.yaml"
    path.write_text(draft.to_yaml(data=export.name), encoding="utf-8")
    q = load_questionnaire(path)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        r = load_responses(export, q, on_invalid="flag")
    return q, r, [str(w.message) for w in caught]


# ---------------------------------------------------------------------------- anchor order
@pytest.mark.parametrize(
    ("seen", "name", "expected"),
    [
        (["满意", "一般", "非常不满意", "非常满意", "不满意"], "satisfaction", SAT),
        (["同意", "非常不同意", "一般"], "agreement", ["非常不同意", "不同意", "一般", "同意", "非常同意"]),
        (["有时", "总是", "从不"], "frequency", ["从不", "很少", "有时", "经常", "总是"]),
        (["Agree", "Strongly disagree", "Strongly agree"], "agreement", ["strongly disagree", "disagree", "neither agree nor disagree", "agree", "strongly agree"]),
    ],
)
def test_known_anchor_sets_give_their_natural_order_whatever_the_order_seen(seen, name, expected):
    found, labels, left = fit_anchor({label: 3 for label in seen})
    assert found == name and left == []
    assert list(labels) == [1, 2, 3, 4, 5]
    lang = "en" if seen[0].isascii() else "zh"
    assert [labels[c].get(lang).casefold() for c in labels] == [e.casefold() for e in expected]


def test_points_labels_take_their_numbers_as_codes():
    found, labels, left = fit_anchor({"3分": 4, "1分": 2, "5分": 1})
    assert found == "points" and list(labels) == [1, 2, 3, 4, 5] and labels[3].zh == "3分" and left == []


def test_a_stray_label_is_left_out_of_the_anchor_set_and_named():
    found, labels, left = fit_anchor({"满意": 60, "一般": 30, "不满意": 9, "很满意": 1})
    assert found == "satisfaction" and left == ["很满意"]
    assert fit_anchor({"满意": 5, "很满意": 5}) is None  # not 95% covered: no anchor set is assumed


def test_unknown_labels_keep_their_first_appearance_order_marked_todo(tmp_path):
    numeric, text = write_wjx_pair(tmp_path)
    draft = draft_questionnaire(text)
    education = draft.scales[draft.item("education").scale]
    first_seen = list(dict.fromkeys(EDU[c - 1] for c in answers()["education"]))
    assert [education.labels[c].zh for c in education.codes] == first_seen
    assert "TODO check order" in draft.notes[("scale", "education")]
    assert any("education" in line and "order" in line for line in draft.todo)
    assert "# TODO check order" in draft.to_yaml()


# ---------------------------------------------------------------------------- end to end
def test_wenjuanxing_text_export_round_trip_with_zero_unmatched_columns(tmp_path):
    numeric, text = write_wjx_pair(tmp_path)
    draft = draft_questionnaire(text)
    q, r, caught = _round_trip(draft, text, tmp_path)
    assert r.source.unmatched_columns == ()
    assert not [w for w in caught if "match no item" in w or "have no column" in w]
    kinds = {i.id: (i.type, i.role) for i in q.items}
    assert kinds["gender"] == ("single", "demographic") and kinds["education"] == ("single", "demographic")
    assert kinds["age"] == ("numeric", None)  # a number, not categories: kept out of the sample profile
    assert [kinds[f"q4_{k}"][0] for k in range(1, 5)] == ["likert"] * 4
    assert kinds["q5"][0] == "multiple" and kinds["q6"][0] == "text"
    assert q.item("q7").personal and "q7" in r.personal
    assert q.scales[q.item("q4_1").scale].labels[5].zh == "非常满意"
    assert [q.item(f"q4_{k}").row.zh for k in range(1, 5)] == ["住房保障", "子女教育", "医疗服务", "考虑离开"]
    # the matrix is one candidate construct, named by the user
    assert [(c.items, c.role) for c in q.constructs] == [(["q4_1", "q4_2", "q4_3", "q4_4"], "other")]
    # codes agree with the answers: satisfaction in natural order, multiple choice split by option
    truth = answers()
    assert r.data["q4_1"].tolist() == truth["S1"].astype(float).tolist()
    services = draft.scales[draft.item("q5").scale]
    code_of = {t.zh: c for c, t in services.labels.items()}
    assert r.data[f"q5_{code_of['配偶就业']}"].tolist() == [float(3 in s) for s in truth["services"]]


def test_reverse_key_candidates_are_flagged_in_a_comment_never_applied(tmp_path):
    _, text = write_wjx_pair(tmp_path)
    draft = draft_questionnaire(text)
    assert draft.reverse_items == []
    flagged = [item for (kind, item), note in draft.notes.items() if kind == "item" and "reverse-key candidate" in note]
    assert flagged == ["q4_4"]
    line = next(line for line in draft.to_yaml().splitlines() if '"q4_4"' in line and line.lstrip().startswith("- {id"))
    assert "# reverse-key candidate: corrected item-total r = -" in line and "reverse: true" not in line
    assert any("q4_4" in t and "reverse" in t for t in draft.todo)


def test_unit_text_in_a_numeric_fill_in_is_reported_not_stripped(tmp_path):
    _, text = write_wjx_pair(tmp_path)
    draft = draft_questionnaire(text)
    assert draft.item("age").type == "numeric"
    assert "unit text in 3 answer(s): '岁' (3)" in draft.notes[("item", "age")]
    assert any("age" in t and "岁" in t for t in draft.todo)
    q, r, _ = _round_trip(draft, text, tmp_path)
    flagged = r.invalid[r.invalid["column"] == "age"]
    assert sorted(flagged["row"].astype(int)) == [k + 1 for k in UNIT_ROWS]
    assert set(flagged["value"]) == {f"{answers()['age'][k]}岁" for k in UNIT_ROWS}


def test_numeric_export_takes_its_labels_from_the_text_export(tmp_path):
    numeric, text = write_wjx_pair(tmp_path)
    draft = draft_questionnaire(numeric, labels=text)
    q, r, _ = _round_trip(draft, numeric, tmp_path)
    assert r.source.format == "wjx_numeric" and r.source.unmatched_columns == ()
    education = q.scales[q.item("education").scale]
    assert {c: t.zh for c, t in education.labels.items()} == {1: "本科", 2: "硕士研究生", 3: "博士研究生"}
    assert q.scale_of("q4_1").labels[1].zh == "非常不满意" and q.scale_of("q4_1").ordered
    assert [t.zh for t in q.scale_of("q5").labels.values()] == SERVICES
    assert r.data["education"].tolist() == answers()["education"].astype(float).tolist()
    # without the text export the codes stay, and their labels are a TODO
    bare = draft_questionnaire(numeric)
    assert "TODO labels" in bare.notes[("scale", "education")]


def test_spss_file_round_trip(tmp_path):
    sav = write_sav(tmp_path / "survey.sav")
    draft = draft_questionnaire(sav)
    q, r, _ = _round_trip(draft, sav, tmp_path)
    assert r.source.unmatched_columns == ()
    scale = q.scale_of("S1")
    assert {c: t.en for c, t in scale.labels.items()} == dict(enumerate(["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"], 1))
    assert list(scale.missing) == [9] and scale.ordered
    assert q.item("gender").role == "demographic" and q.item("gender").type == "single"
    assert q.item("age").type == "numeric"
    assert [c.items for c in q.constructs] == [["S1", "S2", "S3", "S4"]]
    assert [i for (kind, i), note in draft.notes.items() if kind == "item" and "reverse-key" in note] == ["S4"]
    assert r.declared_missing["count"].sum() == 1


def test_qualtrics_export_round_trip(tmp_path):
    path = write_qualtrics(tmp_path / "qualtrics.csv")
    draft = draft_questionnaire(path)
    q, r, _ = _round_trip(draft, path, tmp_path)
    assert r.source.format == "qualtrics" and r.source.unmatched_columns == ()
    assert q.id_column == "ResponseId"
    assert [c.items for c in q.constructs] == [["Q2_1", "Q2_2", "Q2_3", "Q2_4"]]
    assert q.item("Q2_4").row.en == "I think of leaving"
    assert [q.scale_of("Q2_1").labels[c].en for c in range(1, 6)] == AGREE_EN
    assert q.item("Q1").role == "demographic" and q.item("Q4").type == "text"
    assert "Q3_4_TEXT" not in q.item_ids  # the "other" text belongs to Q3
    assert r.data["Q2_1"].tolist() == answers()["S1"].astype(float).tolist()


def test_bundled_flagship_exports_draft_without_unmatched_columns(tmp_path):
    from survey.datasets import talent_services_files

    files = talent_services_files()
    draft = draft_questionnaire(files["text_export"])
    q, r, caught = _round_trip(draft, files["text_export"], tmp_path)
    assert r.source.unmatched_columns == () and len(r.data) == 600
    assert [(a.item, a.expected) for a in q.attention_checks] == [("q11_3", [4])]  # 11、(本题请选择“满意”)
    assert [i for (kind, i), note in draft.notes.items() if "reverse-key candidate" in note] == ["q17_3"]  # 考虑离开
    assert any("['很满意']" in line for line in draft.todo)
    assert r.invalid["value"].tolist() == ["很满意"]
    assert {q.item(f"q20_{k}").scale for k in range(1, 6)} == {"kano"} and not q.scales["kano"].ordered
    # the numeric download with the text download's labels: the same codes as the bundled questionnaire
    paired = draft_questionnaire(files["numeric_export"], labels=files["text_export"])
    _, rn, _ = _round_trip(paired, files["numeric_export"], tmp_path)
    bundled = load_responses(files["numeric_export"], load_questionnaire("talent_service"), on_invalid="flag")
    assert rn.source.unmatched_columns == ()
    assert rn.data["education"].tolist() == bundled.data["education"].tolist()
    assert rn.data["q17_3"].equals(bundled.data["ST3"].rename("q17_3"))


def test_a_column_named_like_an_id_keeps_it_and_a_made_up_id_never_takes_it(tmp_path):
    import pandas as pd
    import pyreadstat

    frame = pd.DataFrame({"性别": [1.0, 2.0, 1.0, 2.0], "gender": [2.0, 2.0, 1.0, 1.0]})
    sexes = {1.0: "男", 2.0: "女"}
    pyreadstat.write_sav(frame, str(tmp_path / "s.sav"), variable_value_labels={"性别": sexes, "gender": sexes})
    draft = draft_questionnaire(tmp_path / "s.sav")
    assert [i.id for i in draft.items] == ["gender_2", "gender"]  # 性别 would be "gender", but a column has that name
    q, r, _ = _round_trip(draft, tmp_path / "s.sav", tmp_path)
    assert r.source.unmatched_columns == ()
    assert r.data["gender"].tolist() == [2.0, 2.0, 1.0, 1.0] and r.data["gender_2"].tolist() == [1.0, 2.0, 1.0, 2.0]
