from __future__ import annotations

import pytest

import survey as sv
from survey.errors import QuestionnaireError
from survey.interviews.codebook import HERZBERG_FACTORS


def test_bundled_herzberg16():
    cb = sv.load_codebook("herzberg16")
    assert sv.bundled_codebooks() == ["herzberg16", "talent_services"]
    assert len(cb.codes) == 16
    roles = [cb.role_of(c) for c in cb.code_ids]
    assert roles.count("motivator") == 6 and roles.count("hygiene") == 10
    assert set(cb.code_ids) == set(HERZBERG_FACTORS)
    for c in cb.codes:
        assert c.name.zh and c.name.en and c.definition and c.keywords.zh and c.keywords.en
    assert cb.label("achievement", "zh") == "成就"
    assert cb.theme_path("salary") == ["hygiene"]


def test_bundled_talent_services():
    cb = sv.load_codebook("talent_services")
    frame = cb.to_frame()
    problems = frame.loc[frame["category"] == "problem"]
    assert len(problems) == 7
    assert "权责划分不清" in problems["name_zh"].tolist()
    assert (frame["category"] == "cause").sum() == 7 and (frame["category"] == "countermeasure").sum() == 7
    assert cb.theme_path("p_weak_sharing") == ["problems", "platforms"]
    assert frame.loc["p_weak_attraction", "role"] == "hygiene"
    for c in cb.codes:
        assert all(r in cb for r in c.related)


BASE = """id: mini
name: {zh: 小编码本, en: Mini}
themes:
  - id: t
    name: {en: T}
codes:
  - id: a
    name: {en: A}
    theme: t
"""


@pytest.mark.parametrize(
    "extra, message",
    [
        ("    colour: red\n", "cb.yaml line 10: codes.0.colour"),  # unknown field, with its line
        ("    theme: t\n", "duplicate key"),
        ("    herzberg_factor: salary\n    role: motivator\n", "contradicts"),
        ("    herzberg_factor: money\n", "not one of"),
        ("  - id: a\n    name: {en: again}\n", "duplicated code ids"),
        ("  - id: b\n    name: {en: B}\n    theme: nowhere\n", "unknown theme"),
        ("  - id: c\n    name: {en: C}\n    category: solution\n", "category"),
        ("    keywords: {zh: [工资], fr: [salaire]}\n", "fr"),
    ],
)
def test_strict_codebook_errors(tmp_path, extra, message):
    p = tmp_path / "cb.yaml"
    p.write_text(BASE + extra, encoding="utf-8")
    with pytest.raises(QuestionnaireError, match=message):
        sv.load_codebook(p)


def test_yaml_traps(tmp_path):
    p = tmp_path / "cb.yaml"
    p.write_text(BASE.replace("id: mini", "id: !!python/object:os.system mini"), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="not allowed"):
        sv.load_codebook(p)
    p.write_text(BASE.replace("name: {en: A}", "name: {en: A}\n    on: x"), encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="boolean"):
        sv.load_codebook(p)
    p.write_text(BASE + "version: 010\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="leading zero"):
        sv.load_codebook(p)
    with pytest.raises(QuestionnaireError, match="not found"):
        sv.load_codebook("no_such_codebook")


def test_colours_are_hex_rgb():
    base = {"id": "c", "name": {"en": "C"}, "codes": [{"id": "a", "name": {"en": "A"}, "color": "#3B82F6"}]}
    assert sv.load_codebook(base).get("a").color == "#3B82F6"
    bad = {**base, "codes": [{"id": "a", "name": {"en": "A"}, "color": "blue"}]}
    with pytest.raises(QuestionnaireError, match="the codebook is not valid"):
        sv.load_codebook(bad)
