"""Questionnaire schemas: the model, strict readers, bundled instruments."""

from .load import bundled_questionnaires, load_questionnaire, questionnaire_from_dict
from .model import AttentionCheck, Construct, Importance, Item, KanoPair, Questionnaire, Scale, Text, cross_check

__all__ = [
    "AttentionCheck",
    "Construct",
    "Importance",
    "Item",
    "KanoPair",
    "Questionnaire",
    "Scale",
    "Text",
    "bundled_questionnaires",
    "cross_check",
    "load_questionnaire",
    "questionnaire_from_dict",
]
