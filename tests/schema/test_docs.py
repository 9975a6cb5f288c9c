"""docs/schema.md stays true: every field of every model is described in its section; examples parse."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from survey import questionnaire_from_dict
from survey.schema import model
from survey.schema.yaml_reader import read_yaml

DOC = Path(__file__).resolve().parents[2] / "docs" / "schema.md"
MODELS = [model.Text, model.Scale, model.Item, model.ColumnBinding, model.Construct, model.KanoPair, model.Importance, model.AttentionCheck, model.Questionnaire]


def _section(text: str, name: str) -> str:
    match = re.search(rf"^## `{name}`\n(.*?)(?=^## |\Z)", text, re.S | re.M)
    assert match, f"docs/schema.md has no section '## `{name}`'"
    return match.group(1)


@pytest.mark.parametrize("cls", MODELS, ids=lambda c: c.__name__)
def test_every_field_is_documented_in_its_section(cls):
    section = _section(DOC.read_text(encoding="utf-8"), cls.__name__)
    rows = set(re.findall(r"^\| `(\w+)` \|", section, re.M))
    assert rows == set(cls.model_fields), f"{cls.__name__}: documented {sorted(rows)}, model has {sorted(cls.model_fields)}"


def test_no_undocumented_model_class():
    from pydantic import BaseModel

    classes = {name for name, obj in vars(model).items() if isinstance(obj, type) and issubclass(obj, BaseModel)
               and obj.__module__ == model.__name__ and not name.startswith("_")}
    assert classes == {c.__name__ for c in MODELS}


def test_yaml_examples_parse_strictly():
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 8
    for block in blocks:
        value, _, problems = read_yaml(block)
        assert problems == [] and value, block


def test_complete_example_is_a_valid_questionnaire():
    blocks = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    (complete,) = [b for b in blocks if b.startswith("id: mini")]
    value, lines, _ = read_yaml(complete)
    q = questionnaire_from_dict(value, lines=lines)
    assert q.reverse_items == ["A2"] and q.attention_checks[0].expected == [4]
