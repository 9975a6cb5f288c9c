"""The JSON Schema of the questionnaire format (for editors, other tools and ``docs/questionnaire.schema.json``).

The schema is generated from the pydantic model, then made to accept the same shorthands the model
accepts: a plain string for a bilingual text (the same text in ``zh`` and ``en``), a single code for
an attention check's ``expected``, a number for ``version`` and for an item's ``number``, a position
or a header for an item's ``column``; and scale codes as integer keys. Cross-references (an item's scale exists, a construct's items exist …) are
beyond JSON Schema: :func:`survey.schema.cross_check` checks them.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from .model import Questionnaire

__all__ = ["SCHEMA_ID", "questionnaire_json_schema", "write_json_schema"]

SCHEMA_ID = "urn:survey-toolkit:questionnaire:1"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"


def questionnaire_json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a questionnaire file.

    Examples
    --------
    >>> schema = questionnaire_json_schema()
    >>> schema["$id"], schema["title"]
    ('urn:survey-toolkit:questionnaire:1', 'Questionnaire')
    >>> sorted(schema["$defs"])
    ['AttentionCheck', 'ColumnBinding', 'Construct', 'Importance', 'Item', 'KanoPair', 'Scale', 'Text']
    """
    schema = copy.deepcopy(Questionnaire.model_json_schema())
    defs = schema["$defs"]
    text = defs["Text"]
    text["description"] = (text.get("description", "") + " A plain string is accepted as the same text in both languages.").strip()
    defs["Text"] = {"anyOf": [{"type": "string", "minLength": 1}, {k: v for k, v in text.items() if k not in ("title", "description")}],
                    "title": "Text", "description": text["description"]}
    for key in ("labels", "missing", "names"):
        defs["Scale"]["properties"][key]["propertyNames"] = {"pattern": "^-?[0-9]+$"}
    binding = defs["ColumnBinding"]
    binding["oneOf"] = [{"required": ["position"], "not": {"required": ["occurrence"]}}, {"required": ["header"]}]
    defs["ColumnBinding"] = {
        "anyOf": [{"type": "integer", "minimum": 1}, {"type": "string", "minLength": 1}, {k: v for k, v in binding.items() if k not in ("title", "description")}],
        "title": "ColumnBinding",
        "description": binding.get("description", "").strip() + " A number is taken as position, a string as header.",
    }
    expected = defs["AttentionCheck"]["properties"]["expected"]
    defs["AttentionCheck"]["properties"]["expected"] = {
        "anyOf": [{"type": "integer"}, {k: v for k, v in expected.items() if k != "title"}],
        "title": expected.get("title", "Expected"),
        "description": "the passing answer code, or a list of them",
    }
    number = defs["Item"]["properties"]["number"]
    number["anyOf"].insert(1, {"type": "integer"})
    version = schema["properties"]["version"]
    schema["properties"]["version"] = {
        "anyOf": [{"type": "string"}, {"type": "number"}],
        "default": version.get("default", "1"),
        "title": version.get("title", "Version"),
    }
    out = {"$schema": _DRAFT, "$id": SCHEMA_ID, "title": "Questionnaire"}
    out.update({k: v for k, v in schema.items() if k != "title"})
    return out


def write_json_schema(path: str | Path) -> Path:
    """Write :func:`questionnaire_json_schema` as UTF-8 JSON (sorted keys, indented, final newline)."""
    path = Path(path)
    path.write_text(json_schema_text(), encoding="utf-8")
    return path


def json_schema_text() -> str:
    """The schema as the exact text of ``docs/questionnaire.schema.json``."""
    return json.dumps(questionnaire_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
