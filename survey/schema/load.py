"""Reading questionnaires: YAML (strict), XLSForm ``.xlsx``, SPSS ``.sav`` labels; bundled ones by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import ValidationError

from ..errors import Problem, QuestionnaireError
from .model import Questionnaire, cross_check
from .yaml_reader import line_of, read_yaml_file, validation_problems

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def bundled_questionnaires_dir() -> Path:
    """Where the bundled questionnaires are: inside the wheel, or ``questionnaires/`` of a checkout."""
    inside = PACKAGE_DIR / "_questionnaires"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "questionnaires"


def bundled_questionnaires() -> list[str]:
    """Names of the questionnaires that ship with the package."""
    return sorted(p.stem for p in bundled_questionnaires_dir().glob("*.yaml"))


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


def load_questionnaire(path: str | Path) -> Questionnaire:
    """Read a questionnaire from YAML, XLSForm ``.xlsx`` or SPSS ``.sav``, or a bundled one by name.

    >>> q = load_questionnaire("talent_service")
    >>> q.id
    'talent_service'
    """
    path = Path(path)
    if not path.exists() and path.suffix == "" and (bundled_questionnaires_dir() / f"{path}.yaml").exists():
        path = bundled_questionnaires_dir() / f"{path}.yaml"
    if not path.exists():
        hint = f"a file path, or one of the bundled questionnaires {bundled_questionnaires()}"
        raise QuestionnaireError(f"no questionnaire at {path}", [Problem(str(path), "file not found", hint)])
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        data, lines, problems = read_yaml_file(path)
        if problems:
            if isinstance(data, dict):  # report the model's problems too, all at once
                try:
                    questionnaire_from_dict(data, source=path.name, lines=lines)
                except QuestionnaireError as exc:
                    problems = problems + list(exc.problems)
            raise QuestionnaireError(f"{path.name}: the questionnaire is not valid ({len(problems)} problem(s))", problems)
        return questionnaire_from_dict(data, source=path.name, lines=lines)
    if suffix in (".xlsx", ".xlsm"):
        from .xlsform import read_xlsform

        return read_xlsform(path)
    if suffix in (".sav", ".zsav"):
        from .spss import questionnaire_from_sav

        return questionnaire_from_sav(path)
    raise QuestionnaireError(
        f"cannot read a questionnaire from {path.name}", [Problem(str(path), f"unknown file type {suffix!r}", ".yaml, .yml, .xlsx or .sav")]
    )


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
