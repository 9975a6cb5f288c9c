"""The document model: markup, caption numbering, references, validation."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.errors import SurveyError
from survey.report import Document, Figure, Heading, Paragraph, Table, escape_markup, significance_note
from survey.report.document import plain, runs


def _t(title="t", **kw):
    return Table(pd.DataFrame({"a": ["x"], "b": ["1.00"]}), title, **kw)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("*M* = 3.42", [("M", True), (" = 3.42", False)]),
        ("0.45**", [("0.45**", False)]),
        ("0.45*, 0.12*", [("0.45*, 0.12*", False)]),
        ("注：*表示p<0.05，**表示p<0.01", [("注：*表示p<0.05，**表示p<0.01", False)]),
        ("\\**p* < .05", [("*", False), ("p", True), (" < .05", False)]),
        ("a * b * c", [("a * b * c", False)]),
        ("系数*α*为", [("系数", False), ("α", True), ("为", False)]),
        ("back\\\\slash", [("back\\slash", False)]),
    ],
)
def test_markup_runs(text, expected):
    assert runs(text) == expected


@given(st.text())
def test_escape_markup_round_trips_any_string(s):
    assert plain(escape_markup(s)) == s
    assert all(not italic for _, italic in runs(escape_markup(s)))


def test_significance_notes_render_stars_and_italic_p():
    assert plain(significance_note(style="apa", lang="en")) == "*p < .05. **p < .01. ***p < .001."
    assert plain(significance_note(style="gb", lang="en")) == "*p < 0.05, **p < 0.01, ***p < 0.001."
    assert [t for t, it in runs(significance_note(style="gb", lang="zh")) if it] == ["p", "p", "p"]


def _doc(style="gb", lang="zh"):
    doc = Document(lang=lang, style=style)
    doc.add_paragraph("前言见{@t0}")
    doc.add_table(pd.DataFrame({"a": ["x"]}), "序", key="t0")
    doc.add_heading("第四章 实证分析")
    doc.add_table(pd.DataFrame({"a": ["x"]}), "一", key="t1")
    doc.add_heading("4.1 小节", 2)
    doc.add_table(pd.DataFrame({"a": ["x"]}), "二", key="t2")
    doc.add_paragraph("由{@t2}和{@f1}可知")
    doc.add_heading("Chapter 5 Discussion")
    doc.add_table(pd.DataFrame({"a": ["x"]}), "三", key="t3", number="5-9")
    doc.add_heading("结论")  # no number in the text: the next chapter
    doc.add_table(pd.DataFrame({"a": ["x"]}), "四", key="t4")
    return doc


def test_gb_numbers_by_chapter_and_resolves_references(tmp_path):
    import matplotlib.pyplot as plt

    doc = _doc()
    fig, _ = plt.subplots()
    doc.blocks.insert(5, Figure(fig, "图", key="f1"))
    lay = doc.layout()
    labels = {p.key: p.label for p in lay.items if p.key}
    assert labels == {"t0": "表1", "t1": "表4-1", "f1": "图4-1", "t2": "表4-2", "t3": "表5-9", "t4": "表6-1"}
    texts = [p.text for p in lay.items if p.kind == "paragraph"]
    assert texts == ["前言见表1", "由表4-2和图4-1可知"]
    apa = {p.key: p.label for p in doc.layout(style="apa", lang="en").items if p.key}
    assert apa == {"t0": "Table 1", "t1": "Table 2", "f1": "Figure 1", "t2": "Table 3", "t3": "Table 5-9", "t4": "Table 5"}


def test_explicit_chapter_on_heading():
    doc = Document()
    doc.add_heading("实证分析", chapter=3)
    doc.add_table(pd.DataFrame({"a": ["x"]}), "t")
    assert doc.layout().tables[0].label == "表3-1"
    assert doc.layout().tables[0].key == "table-3-1"


def test_bad_input_is_named():
    doc = Document()
    doc.add_paragraph("见{@nope}")
    with pytest.raises(SurveyError, match="nope"):
        doc.layout()
    doc = Document()
    doc.add(_t(key="k"), _t(key="k"))
    with pytest.raises(SurveyError, match="used twice"):
        doc.layout()
    with pytest.raises(SurveyError, match="unformatted number 0.8712"):
        Table(pd.DataFrame({"a": [0.8712]}), "alpha")
    with pytest.raises(SurveyError, match="key"):
        _t(key="../x")
    with pytest.raises(SurveyError, match="style"):
        Document(style="mla")
    with pytest.raises(SurveyError, match="Heading, Paragraph"):
        Document().add("text")
    with pytest.raises(SurveyError, match="png"):
        Figure("missing.png", "c")
    with pytest.raises(SurveyError, match="align"):
        _t(align=("left",))


def test_table_cells_and_stub():
    df = pd.DataFrame({"*M*": ["3.42", None], "n": [np.int64(250), 12.0]}, index=pd.Index(["A", "B"], name="维度"))
    t = Table(df, "x")
    assert t.header == ("维度", "*M*", "n")
    assert t.body == (("A", "3.42", "250"), ("B", "", "12"))
    assert t.align == ("left", "center", "center")
    assert list(t.plain_frame().columns) == ["维度", "M", "n"]
    plain_index = Table(pd.DataFrame({"a": ["x"]}), "y")
    assert plain_index.header == ("a",)
    multi = Table(pd.DataFrame([["1", "2"]], columns=pd.MultiIndex.from_tuples([("F1", "est"), ("F1", "se")])), "z")
    assert multi.header == ("F1 est", "F1 se")


def test_blocks_are_plain_dataclasses():
    assert Heading("a").level == 1 and Paragraph("b").text == "b"
    with pytest.raises(SurveyError):
        Heading("a", 7)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["h1", "h2", "t", "p"]), max_size=12))
def test_numbering_is_consecutive_within_chapters(ops):
    doc = Document()
    for k, op in enumerate(ops):
        if op == "h1":
            doc.add_heading(f"第{k + 1}章")
        elif op == "h2":
            doc.add_heading("x", 2)
        elif op == "t":
            doc.add_table(pd.DataFrame({"a": ["x"]}), "t")
        else:
            doc.add_paragraph("p")
    by_chapter: dict[str, list[int]] = {}
    for p in doc.layout().tables:
        chapter, _, n = p.number.rpartition("-")
        by_chapter.setdefault(chapter, []).append(int(n))
    for numbers in by_chapter.values():
        assert numbers == list(range(1, len(numbers) + 1))


def test_gb_numbers_sections_below_the_chapter_and_apa_does_not():
    """Chinese theses number their sections (4.1, 4.1.1); a heading with its own number keeps it."""
    from survey.report import Document

    def headings(style):
        doc = Document(title="t", lang="zh", style=style)
        doc.add_heading("第4章 实证分析", 1, chapter=4)
        doc.add_heading("信度分析", 2)
        doc.add_heading("各维度信度", 3)
        doc.add_heading("项目分析", 3)
        doc.add_heading("4.9 已编号", 2)
        doc.add_heading("效度分析", 2)
        doc.add_heading("第5章 讨论", 1, chapter=5)
        doc.add_heading("主要发现", 2)
        return [p.text for p in doc.layout().items if p.kind == "heading"]

    assert headings("gb") == ["第4章 实证分析", "4.1 信度分析", "4.1.1 各维度信度", "4.1.2 项目分析", "4.9 已编号",
                              "4.3 效度分析", "第5章 讨论", "5.1 主要发现"]
    assert headings("apa")[1:4] == ["信度分析", "各维度信度", "项目分析"]
