"""Validating a questionnaire given as plain data: the model's problems and the cross-references
among the valid entries, all at once, each at its file line. Every reader (YAML, SPSS labels) ends here."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from ..errors import Problem, QuestionnaireError
from .model import Questionnaire, cross_check
from .yaml_reader import line_of, validation_problems

__all__ = ["questionnaire_from_dict"]


def questionnaire_from_dict(data: Any, *, source: str = "<dict>", lines: dict | None = None) -> Questionnaire:
    """Validate a plain dict as a questionnaire; every problem is reported at once."""
    lines = lines or {}
    if not isinstance(data, dict):
        raise QuestionnaireError(f"{source}: a questionnaire must be a mapping", [Problem(source, f"found {type(data).__name__}")])
    try:
        q = Questionnaire.model_validate(data)
    except ValidationError as exc:
        problems = validation_problems(exc, lines, source, model=Questionnaire)
        partial, invalid_ids = _lenient(data)  # cross-references among the valid entries, in the same report
        problems += [Problem(f"{source}{_line_for(p.where, data, lines)} at {p.where}", p.what, p.expected) for p in cross_check(partial, other_ids=invalid_ids)]
        raise QuestionnaireError(f"{source}: the questionnaire is not valid ({len(problems)} problem(s))", problems) from None
    problems = cross_check(q)
    if problems:
        located = [Problem(f"{source}{_line_for(p.where, data, lines)} at {p.where}", p.what, p.expected) for p in problems]
        raise QuestionnaireError(f"{source}: the questionnaire is not valid ({len(problems)} problem(s))", located)
    return q


def _lenient(data: dict) -> tuple[Questionnaire, frozenset[str]]:
    """The questionnaire with every entry that fails field validation replaced by None (positions kept).

    Lets :func:`cross_check` report broken references in the same run as field errors; entries that
    are themselves invalid are left to the field errors.
    """
    from .model import AttentionCheck, Construct, Importance, Item, KanoPair, Scale

    invalid: set[str] = set()

    def each(model, values):
        out = []
        for value in values if isinstance(values, list) else []:
            try:
                out.append(model.model_validate(value))
            except ValidationError:
                out.append(None)
                if isinstance(value, dict) and isinstance(value.get("id"), str):
                    invalid.add(value["id"])
        return out

    scales = {}
    for key, value in (data.get("scales") or {}).items() if isinstance(data.get("scales"), dict) else []:
        try:
            scales[str(key)] = Scale.model_validate(value)
        except ValidationError:
            scales[str(key)] = None  # known name: references to it are not "unknown"
    partial = Questionnaire.model_construct(
        id=str(data.get("id", "")),
        scales=scales,
        items=each(Item, data.get("items")),
        constructs=each(Construct, data.get("constructs") or []),
        kano=each(KanoPair, data.get("kano") or []),
        importance=each(Importance, data.get("importance") or []),
        attention_checks=each(AttentionCheck, data.get("attention_checks") or []),
    )
    return partial, frozenset(invalid)



def _line_for(where: str, data: dict, lines: dict) -> str:
    """Turn 'items[3] (X)' into a line suffix using the recorded YAML lines."""
    head = where.split(" ")[0]
    loc: list = []
    for part in head.replace("]", "").split("["):
        for piece in part.split("."):
            if piece:
                loc.append(int(piece) if piece.isdigit() else piece)
    line = line_of(lines, tuple(loc)) if lines else None
    return f" line {line}" if line else ""
