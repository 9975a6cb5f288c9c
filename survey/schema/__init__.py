"""Questionnaire schemas: the model, strict readers, bundled instruments."""

from .codebook import codebook_tables, write_codebook
from .jsonschema import questionnaire_json_schema, write_json_schema
from .load import bundled_questionnaires, load_questionnaire
from .validate import questionnaire_from_dict
from .model import AttentionCheck, ColumnBinding, Construct, Importance, Item, KanoPair, Questionnaire, Scale, Text, cross_check
from .spss import questionnaire_from_sav, sav_item_names
from .xlsform import read_xlsform

__all__ = [
    "AttentionCheck",
    "ColumnBinding",
    "Construct",
    "Importance",
    "Item",
    "KanoPair",
    "Questionnaire",
    "Scale",
    "Text",
    "bundled_questionnaires",
    "codebook_tables",
    "cross_check",
    "load_questionnaire",
    "questionnaire_from_dict",
    "questionnaire_from_sav",
    "questionnaire_json_schema",
    "read_xlsform",
    "sav_item_names",
    "write_codebook",
    "write_json_schema",
]
