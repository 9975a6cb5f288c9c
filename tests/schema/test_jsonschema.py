"""The JSON Schema export: the committed docs/questionnaire.schema.json is up to date and describes the files we accept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from survey import QuestionnaireError, questionnaire_from_dict, questionnaire_json_schema
from survey.schema.jsonschema import SCHEMA_ID, json_schema_text
from survey.schema.yaml_reader import read_yaml_file

REPO = Path(__file__).resolve().parents[2]
COMMITTED = REPO / "docs" / "questionnaire.schema.json"


def test_committed_schema_is_up_to_date():
    assert COMMITTED.read_text(encoding="utf-8") == json_schema_text(), (
        "docs/questionnaire.schema.json is stale: regenerate it with "
        "python -c \"from survey.schema.jsonschema import write_json_schema; write_json_schema('docs/questionnaire.schema.json')\""
    )


def test_schema_identity():
    schema = questionnaire_json_schema()
    assert schema["$id"] == SCHEMA_ID
    assert schema["title"] == "Questionnaire"
    assert schema["additionalProperties"] is False
    assert json.loads(json_schema_text()) == schema


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = questionnaire_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def _bundled() -> dict:
    data, _, problems = read_yaml_file(REPO / "questionnaires" / "talent_service.yaml")
    assert problems == []
    return json.loads(json.dumps(data))  # integer keys become strings, as in a JSON file


def test_bundled_questionnaire_validates(validator):
    assert list(validator.iter_errors(_bundled())) == []


def test_shorthands_the_model_accepts_are_valid(validator):
    data = {
        "id": "mini", "version": 2, "title": "plain text",
        "scales": {"s": {"labels": {"1": "a", "-2": {"zh": "跳过"}}}},
        "items": [{"id": "A1", "text": "甲", "scale": "s", "number": 5}],
        "attention_checks": [{"item": "A1", "expected": 1}],
    }
    assert list(validator.iter_errors(data)) == []


@pytest.mark.parametrize("column", [3, "满意度", {"position": 3}, {"header": "满意度", "occurrence": 2}])
def test_column_bindings_and_choice_names_are_valid(validator, column):
    data = {
        "id": "mini", "title": "t", "scales": {"yn": {"labels": {"1": "Yes", "2": "No"}, "names": {"1": "yes", "2": "no"}}},
        "items": [{"id": "A1", "text": "甲", "scale": "yn", "column": column}],
    }
    assert list(validator.iter_errors(data)) == []
    questionnaire_from_dict(data)  # the model accepts the same


@pytest.mark.parametrize("column", [0, "", {"position": 3, "header": "满意度"}, {"position": 3, "occurrence": 2}, {"occurrence": 2}])
def test_bad_column_bindings_are_rejected_by_both(validator, column):
    data = {"id": "mini", "title": "t", "items": [{"id": "A1", "text": "甲", "type": "text", "column": column}]}
    assert list(validator.iter_errors(data))
    with pytest.raises(QuestionnaireError):
        questionnaire_from_dict(data)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(colour="red"),
        lambda d: d["items"][0].update(revers=True),
        lambda d: d["items"][0].update(type="essay"),
        lambda d: d["items"][0].update(id="1bad"),
        lambda d: d["scales"]["satisfaction"]["labels"].update(one="x"),
        lambda d: d["constructs"][0].update(role="hygeine"),
    ],
    ids=["unknown-top", "unknown-item-field", "bad-type", "bad-id", "non-integer-code", "bad-role"],
)
def test_invalid_files_are_rejected(validator, change):
    data = _bundled()
    change(data)
    assert list(validator.iter_errors(data))
