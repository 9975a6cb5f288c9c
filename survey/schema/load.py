"""Reading questionnaires: YAML (strict), XLSForm ``.xlsx``, SPSS ``.sav`` labels; bundled ones by name."""

from __future__ import annotations

from pathlib import Path
from ..errors import Problem, QuestionnaireError
from .model import Questionnaire
from .validate import questionnaire_from_dict
from .yaml_reader import read_yaml_file

PACKAGE_DIR = Path(__file__).resolve().parents[1]


def bundled_questionnaires_dir() -> Path:
    """Where the bundled questionnaires are: inside the wheel, or ``questionnaires/`` of a checkout."""
    inside = PACKAGE_DIR / "_questionnaires"
    return inside if inside.is_dir() else PACKAGE_DIR.parent / "questionnaires"


def bundled_questionnaires() -> list[str]:
    """Names of the questionnaires that ship with the package."""
    return sorted(p.stem for p in bundled_questionnaires_dir().glob("*.yaml"))


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
