"""Codebooks for interview coding: bilingual codes with definitions, keywords and Herzberg roles.

A codebook is a YAML file read strictly (safe loading, no duplicate keys, no ``yes``/``on``
booleans, no octal-looking numbers, no unknown fields). Two are bundled: ``herzberg16`` (the 16
first-level factors of Herzberg, Mausner & Snyderman 1959, with their motivator/hygiene role) and
``talent_services`` (problems, causes and countermeasures found in studies of city talent services).
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ..errors import Problem, QuestionnaireError

__all__ = ["Codebook", "Code", "Theme", "load_codebook", "bundled_codebooks", "HERZBERG_FACTORS"]

_BUNDLED = Path(__file__).with_name("codebooks")

#: The 16 first-level factors of Herzberg et al. (1959) and their role.
HERZBERG_FACTORS: dict[str, str] = {
    "achievement": "motivator",
    "recognition": "motivator",
    "work_itself": "motivator",
    "responsibility": "motivator",
    "advancement": "motivator",
    "growth": "motivator",
    "salary": "hygiene",
    "relations_superior": "hygiene",
    "relations_subordinates": "hygiene",
    "relations_peers": "hygiene",
    "supervision_technical": "hygiene",
    "policy_administration": "hygiene",
    "working_conditions": "hygiene",
    "personal_life": "hygiene",
    "status": "hygiene",
    "job_security": "hygiene",
}

_ID = r"^[A-Za-z][A-Za-z0-9_.\-]*$"
_COLOR = r"^#(?:[0-9A-Fa-f]{3}){1,2}$"  # #RRGGBB or #RGB, as REFI-QDA codebooks write them


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Text(_Strict):
    """A text in Chinese and English (at least one)."""

    zh: str | None = None
    en: str | None = None

    @model_validator(mode="after")
    def _one(self) -> "Text":
        if not (self.zh or self.en):
            raise ValueError("give the text in zh, en or both")
        return self

    def get(self, lang: str) -> str:
        """The text in ``lang``, falling back to the other language."""
        return (self.zh or self.en or "") if lang == "zh" else (self.en or self.zh or "")


class Keywords(_Strict):
    zh: tuple[str, ...] = ()
    en: tuple[str, ...] = ()


class Theme(_Strict):
    id: str = Field(pattern=_ID)
    name: Text
    definition: Text | None = None
    parent: str | None = None
    color: str | None = Field(default=None, pattern=_COLOR)


class Code(_Strict):
    id: str = Field(pattern=_ID)
    name: Text
    definition: Text | None = None
    keywords: Keywords = Keywords()
    theme: str | None = None
    herzberg_factor: str | None = None
    role: Literal["hygiene", "motivator"] | None = None
    category: Literal["problem", "cause", "countermeasure"] | None = None
    related: tuple[str, ...] = ()
    constructs: tuple[str, ...] = ()
    color: str | None = Field(default=None, pattern=_COLOR)

    @model_validator(mode="after")
    def _herzberg(self) -> "Code":
        if self.herzberg_factor is not None:
            if self.herzberg_factor not in HERZBERG_FACTORS:
                raise ValueError(f"herzberg_factor {self.herzberg_factor!r} is not one of {sorted(HERZBERG_FACTORS)}")
            expected = HERZBERG_FACTORS[self.herzberg_factor]
            if self.role is not None and self.role != expected:
                raise ValueError(f"role {self.role!r} contradicts herzberg_factor {self.herzberg_factor!r} (a {expected} factor)")
        return self


class Codebook(_Strict):
    """A validated codebook. Codes keep the order of the file."""

    id: str = Field(pattern=_ID)
    name: Text
    version: str = "1"
    description: Text | None = None
    source: str | None = None
    themes: tuple[Theme, ...] = ()
    codes: tuple[Code, ...]

    @model_validator(mode="after")
    def _references(self) -> "Codebook":
        problems = []
        for kind, ids in (("code", [c.id for c in self.codes]), ("theme", [t.id for t in self.themes])):
            dupes = sorted({i for i in ids if ids.count(i) > 1})
            if dupes:
                problems.append(f"duplicated {kind} ids {dupes}")
        themes = {t.id for t in self.themes}
        clash = themes & {c.id for c in self.codes}
        if clash:
            problems.append(f"ids used for both a theme and a code: {sorted(clash)}")
        problems += [f"theme {t.id!r} has unknown parent {t.parent!r}" for t in self.themes if t.parent and t.parent not in themes]
        problems += [f"code {c.id!r} has unknown theme {c.theme!r}" for c in self.codes if c.theme and c.theme not in themes]
        codes = {c.id for c in self.codes}
        problems += [f"code {c.id!r} relates to unknown code {r!r}" for c in self.codes for r in c.related if r not in codes]
        parents = {t.id: t.parent for t in self.themes}
        for t in self.themes:
            seen, cur = set(), t.id
            while cur is not None:
                if cur in seen:
                    problems.append(f"theme {t.id!r} is its own ancestor")
                    break
                seen.add(cur)
                cur = parents.get(cur)
        if not self.codes:
            problems.append("the codebook has no codes")
        if problems:
            raise ValueError("; ".join(problems))
        return self

    # -- lookups -------------------------------------------------------------------------------
    @property
    def code_ids(self) -> list[str]:
        return [c.id for c in self.codes]

    def __contains__(self, code: object) -> bool:
        return code in self._by_id

    @cached_property
    def _by_id(self) -> dict[str, Code]:
        return {c.id: c for c in self.codes}

    def get(self, code: str) -> Code:
        """The code with this id (``KeyError`` naming the known ids when absent)."""
        try:
            return self._by_id[code]
        except KeyError:
            raise KeyError(f"code {code!r} is not in codebook {self.id!r}; known codes: {self.code_ids}") from None

    def label(self, code: str, lang: str = "en") -> str:
        """The display name of a code or theme in ``lang`` (the id itself when unknown)."""
        if code in self._by_id:
            return self._by_id[code].name.get(lang)
        for t in self.themes:
            if t.id == code:
                return t.name.get(lang)
        return code

    def theme_path(self, code: str) -> list[str]:
        """The themes of a code from the top level down (empty when it has none)."""
        parents = {t.id: t.parent for t in self.themes}
        cur = self.get(code).theme
        path: list[str] = []
        while cur is not None:
            path.insert(0, cur)
            cur = parents.get(cur)
        return path

    def to_frame(self, lang: str = "en") -> pd.DataFrame:
        """One row per code: id, names, theme (and top-level theme), Herzberg factor, role, category, keywords."""
        rows = []
        for c in self.codes:
            path = self.theme_path(c.id)
            rows.append(
                {
                    "code": c.id,
                    "name_zh": c.name.zh or "",
                    "name_en": c.name.en or "",
                    "theme": c.theme or "",
                    "top_theme": path[0] if path else "",
                    "herzberg_factor": c.herzberg_factor or "",
                    "role": c.role or (HERZBERG_FACTORS.get(c.herzberg_factor, "") if c.herzberg_factor else ""),
                    "category": c.category or "",
                    "keywords_zh": "；".join(c.keywords.zh),
                    "keywords_en": "; ".join(c.keywords.en),
                    "definition": c.definition.get(lang) if c.definition else "",
                }
            )
        return pd.DataFrame(rows).set_index("code")

    def role_of(self, code: str) -> str | None:
        """hygiene / motivator, from the code's role or its Herzberg factor."""
        c = self.get(code)
        return c.role or (HERZBERG_FACTORS[c.herzberg_factor] if c.herzberg_factor else None)


def bundled_codebooks() -> list[str]:
    """Names of the codebooks shipped with the package."""
    return sorted(p.stem for p in _BUNDLED.glob("*.yaml"))


def load_codebook(source: str | Path | dict) -> Codebook:
    """Load a codebook: a bundled name (``"herzberg16"``, ``"talent_services"``), a YAML path or a dict.

    Raises ``QuestionnaireError`` listing every problem with its file line.

    Examples
    --------
    >>> cb = load_codebook("herzberg16")
    >>> len(cb.codes), cb.role_of("achievement"), cb.label("salary", "zh")
    (16, 'motivator', '薪酬')
    """
    if isinstance(source, Codebook):
        return source
    return read_model(source, Codebook, bundled=_BUNDLED, what="codebook")


def read_model(source: str | Path | dict, model: type[BaseModel], *, bundled: Path, what: str):
    """Validate a YAML file (a path, or a bundled name in folder ``bundled``) or a dict against ``model``.

    Raises ``QuestionnaireError`` listing every problem with its file line.
    """
    from ..schema.yaml_reader import line_of, read_yaml_file

    lines: dict = {}
    where = "<dict>"
    if isinstance(source, dict):
        data = source
    else:
        path = Path(source)
        if not path.suffix and not path.exists() and (bundled / f"{source}.yaml").is_file():
            path = bundled / f"{source}.yaml"
        if not path.is_file():
            known = sorted(p.stem for p in bundled.glob("*.yaml"))
            raise QuestionnaireError(f"{what} not found: {source!r}", [Problem(str(source), f"no such file or bundled {what}", f"a YAML path or one of {known}")])
        data, lines, problems = read_yaml_file(path)
        where = path.name
        if problems:
            raise QuestionnaireError(f"{where}: the {what} cannot be read", problems)
        if not isinstance(data, dict):
            raise QuestionnaireError(f"{where}: a {what} must be a mapping")
    try:
        return model.model_validate(_freeze(data))
    except ValidationError as exc:
        problems = []
        for err in exc.errors():
            loc = tuple(err["loc"])
            line = line_of(lines, loc) if lines else None
            here = f"{where} line {line}" if line else where
            field = ".".join(str(p) for p in loc) or "(top level)"
            problems.append(Problem(here, f"{field}: {err['msg']}"))
        raise QuestionnaireError(f"{where}: the {what} is not valid", problems) from None


def _freeze(value):
    """Lists to tuples so that the strict model accepts YAML sequences for tuple fields."""
    if isinstance(value, dict):
        return {k: _freeze(v) for k, v in value.items()}
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value
