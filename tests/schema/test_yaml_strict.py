"""Strict YAML: the RELIABILITY.md cases (object tags, duplicate keys, yes/on keys, 010, unknown keys)."""

from __future__ import annotations

import re
import textwrap

import pytest

from survey import QuestionnaireError, load_questionnaire

GOOD = """\
id: mini
title: {zh: 示例, en: Example}
scales:
  agree:
    labels: {1: 不同意, 2: 一般, 3: 同意}
items:
  - {id: A1, text: 甲, scale: agree}
  - {id: A2, text: 乙, scale: agree}
  - {id: A3, text: 丙, scale: agree}
constructs:
  - {id: c, name: 维度, items: [A1, A2, A3]}
"""


def _load(tmp_path, text: str, name: str = "q.yaml"):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return load_questionnaire(path)


def _problems(tmp_path, text: str) -> list[str]:
    with pytest.raises(QuestionnaireError) as info:
        _load(tmp_path, text)
    return [str(p) for p in info.value.problems]


def test_good_file_loads(tmp_path):
    q = _load(tmp_path, GOOD)
    assert q.id == "mini"
    assert q.construct("c").items == ["A1", "A2", "A3"]
    assert q.scales["agree"].labels[1].en == "不同意"


def test_python_object_tag_is_refused_and_not_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = GOOD + f'extra: !!python/object/apply:os.system ["touch {marker}"]\n'
    problems = _problems(tmp_path, text)
    assert any("tag:yaml.org,2002:python/object/apply:os.system" in p and "line 12" in p for p in problems)
    assert not marker.exists()


def test_duplicate_key_is_an_error_with_its_line(tmp_path):
    text = GOOD.replace("id: mini\n", "id: mini\nid: other\n")
    problems = _problems(tmp_path, text)
    assert any("line 2" in p and "duplicate key 'id'" in p for p in problems)


@pytest.mark.parametrize("key", ["yes", "on", "No", "OFF"])
def test_yaml11_boolean_keys_are_errors(tmp_path, key):
    text = GOOD.replace("labels: {1: 不同意, 2: 一般, 3: 同意}", f"labels: {{1: 不同意, 2: 一般, 3: 同意}}\n    {key}: 1")
    problems = _problems(tmp_path, text)
    assert any(f"key {key!r} reads as a boolean" in p and "line 6" in p for p in problems)


def test_leading_zero_number_is_an_error(tmp_path):
    problems = _problems(tmp_path, GOOD + "version: 010\n")
    assert any("'010' has a leading zero" in p and "line 12" in p for p in problems)


def test_unknown_key_is_an_error_naming_it(tmp_path):
    text = GOOD.replace("{id: A2, text: 乙, scale: agree}", "{id: A2, text: 乙, scale: agree, revers: true}")
    problems = _problems(tmp_path, text)
    assert problems == ["q.yaml line 8 at items[1].revers: unknown field (did you mean 'reverse'?)"]


def test_every_problem_is_reported_at_once_with_lines(tmp_path):
    text = """\
    id: mini
    title: 示例
    version: 010
    scales:
      agree:
        labels: {1: 不同意, 2: 一般, 3: 同意}
        on: 1
    items:
      - {id: A1, text: 甲, scale: agree}
      - {id: A1, text: 乙, scale: nosuch}
      - {id: A3, text: 丙, scale: agree, colour: red}
    constructs:
      - {id: c, name: 维度, items: [A1, A9]}
    attention_checks:
      - {item: A3, expected: 7}
    """
    problems = _problems(tmp_path, text)
    expected = [
        ("line 3", "leading zero"),
        ("line 7", "reads as a boolean"),
        ("line 11", "items[2].colour: unknown field"),
    ]
    for line, what in expected:
        assert any(line in p and what in p for p in problems), (line, what, problems)
    assert len(problems) >= 3
    # cross-references among the entries that are valid are reported in the same run
    joined = "\n".join(problems)
    for what in ("item id 'A1' is used twice", "unknown scale 'nosuch'", "unknown item 'A9'"):
        assert what in joined, (what, problems)
    assert "unknown item 'A3'" not in joined  # A3 exists; its own field error is reported instead
    # and with the structure fixed, every cross-reference problem, again all together
    fixed = textwrap.dedent(text).replace("version: 010\n", "").replace("    on: 1\n", "").replace(", colour: red", "")
    problems = _problems(tmp_path, fixed)
    joined = "\n".join(problems)
    for what in ("item id 'A1' is used twice", "unknown scale 'nosuch'", "unknown item 'A9'", "expected answers [7]"):
        assert what in joined
    assert all(re.search(r"line \d+", p) for p in problems), problems


def test_not_utf8_is_an_error(tmp_path):
    path = tmp_path / "gbk.yaml"
    path.write_bytes(GOOD.encode("gbk"))
    with pytest.raises(QuestionnaireError, match="not UTF-8"):
        load_questionnaire(path)


def test_unknown_file_type_and_missing_file(tmp_path):
    with pytest.raises(QuestionnaireError, match="unknown file type"):
        (tmp_path / "q.json").write_text("{}")
        load_questionnaire(tmp_path / "q.json")
    with pytest.raises(QuestionnaireError, match="bundled questionnaires"):
        load_questionnaire(tmp_path / "absent.yaml")


def test_billion_laughs_is_refused_quickly(tmp_path):
    from survey import QuestionnaireError, load_questionnaire

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    path = tmp_path / "laughs.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(QuestionnaireError, match="aliases"):
        load_questionnaire(path)


def test_merge_key_in_a_questionnaire_is_refused_with_its_line(tmp_path):
    text = GOOD.replace(
        "scales:\n  agree:\n    labels: {1: 不同意, 2: 一般, 3: 同意}\n",
        "scales:\n  agree: &agree\n    labels: {1: 不同意, 2: 一般, 3: 同意}\n  agree2:\n    <<: *agree\n",
    )
    problems = _problems(tmp_path, text)
    assert any(p.startswith("q.yaml line 7") and "merge key '<<' is not supported" in p for p in problems), problems


def test_merge_key_in_a_plan_is_refused_with_its_line(tmp_path):
    from survey.report.plan import PlanError, load_plan

    path = tmp_path / "plan.yaml"
    path.write_text(
        "title: t\nquestionnaire: talent_service\ndata: x.csv\nscreening: &s\n  speeder_fraction: 0.3\n"
        "analyses:\n  reliability:\n    <<: *s\n",
        encoding="utf-8",
    )
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert [str(p) for p in info.value.problems] == [
        "plan.yaml line 8: merge key '<<' is not supported (expected the keys written out in full)"
    ]
