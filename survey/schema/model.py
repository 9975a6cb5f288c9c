"""The questionnaire model: items, scales, constructs, roles, Kano pairs, importance, attention checks.

The model is declarative and strict (unknown fields are errors). Cross-references (an item naming a
scale that does not exist, a construct naming an unknown item) are checked by :func:`cross_check`,
which returns every problem at once.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ..errors import Problem

LANGS = ("zh", "en")
ITEM_TYPES = ("likert", "single", "multiple", "numeric", "text", "ranking")
CONSTRUCT_ROLES = ("hygiene", "motivator", "outcome", "importance", "kano", "demographic", "attention_check", "other")
ITEM_ROLES = (
    "demographic",
    "attention_check",
    "kano_functional",
    "kano_dysfunctional",
    "importance",
    "id",
    "personal",
    "other",
)

_ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class Text(_Strict):
    """A text in Chinese and English. A plain string is taken as the same text in both."""

    zh: str | None = None
    en: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_string(cls, value):
        if isinstance(value, str):
            return {"zh": value, "en": value}
        return value

    @model_validator(mode="after")
    def _not_empty(self):
        if not (self.zh or self.en):
            raise ValueError("a text needs at least one of zh, en")
        return self

    def get(self, lang: str = "zh") -> str:
        """The text in ``lang``, or in the other language when that one is missing."""
        first, second = (self.zh, self.en) if lang == "zh" else (self.en, self.zh)
        return first or second or ""


class Scale(_Strict):
    """A response scale: codes with labels, and declared missing codes (e.g. 9 "not answered")."""

    labels: dict[int, Text] = Field(description="code -> label, in order of the scale")
    missing: dict[int, Text] = Field(default_factory=dict, description="declared missing codes")
    ordered: bool = Field(True, description="whether the codes are ordered (Likert) or nominal")
    names: dict[int, str] = Field(
        default_factory=dict,
        description="code -> the name an export writes instead of the code (XLSForm choice names such as 'yes', 'male')",
    )

    @model_validator(mode="after")
    def _check(self):
        if not self.labels:
            raise ValueError("a scale needs at least one code in labels")
        both = sorted(set(self.labels) & set(self.missing))
        if both:
            raise ValueError(f"codes {both} are both valid answers and missing codes")
        unknown = sorted(set(self.names) - set(self.labels) - set(self.missing))
        if unknown:
            raise ValueError(f"names are given for codes {unknown} that are neither answers nor missing codes")
        if len(set(self.names.values())) != len(self.names):
            raise ValueError("two codes have the same name")
        return self

    @property
    def codes(self) -> tuple[int, ...]:
        return tuple(sorted(self.labels))

    @property
    def min(self) -> int:
        return min(self.labels)

    @property
    def max(self) -> int:
        return max(self.labels)

    @property
    def midpoint(self) -> float:
        return (self.min + self.max) / 2


class ColumnBinding(_Strict):
    """Which export column holds an item, when its header cannot say (a title two columns share).

    A number is taken as ``position``, a string as ``header``.
    """

    position: int | None = Field(None, ge=1, description="the column's position in the export, counting from 1 (column A)")
    header: str | None = Field(None, min_length=1, description="the column's header text")
    occurrence: int = Field(1, ge=1, description="with header: which of the columns with that header (1 = the first)")

    @model_validator(mode="before")
    @classmethod
    def _shorthand(cls, value):
        if isinstance(value, int) and not isinstance(value, bool):
            return {"position": value}
        if isinstance(value, str):
            return {"header": value}
        return value

    @model_validator(mode="after")
    def _one_way(self):
        if (self.position is None) == (self.header is None):
            raise ValueError("a column is bound by position or by header, one of the two")
        if self.position is not None and self.occurrence != 1:
            raise ValueError("occurrence goes with header, not with position")
        return self


class Item(_Strict):
    """One question (or one row of a matrix question)."""

    id: str = Field(pattern=_ID_PATTERN)
    text: Text
    type: Literal["likert", "single", "multiple", "numeric", "text", "ranking"] = "likert"
    scale: str | None = Field(None, description="id of the response scale (likert, single, multiple, ranking)")
    reverse: bool = Field(False, description="reverse-keyed: reversed for scoring because the schema says so")
    role: Literal[ITEM_ROLES] | None = None  # type: ignore[valid-type]
    number: str | None = Field(None, description="question number in platform exports, e.g. '5' for '5、…'")
    row: Text | None = Field(None, description="row label when the item is one row of a matrix question")
    short: Text | None = Field(None, description="short label for tables and figures, e.g. 性别 / Gender")
    required: bool = True
    personal: bool = Field(False, description="holds personal data: never shown in reports")
    min: float | None = Field(None, description="numeric items: smallest valid value")
    max: float | None = Field(None, description="numeric items: largest valid value")
    column: ColumnBinding | None = Field(None, description="the export column that holds the item, by position or by header and occurrence")
    missing: dict[int, Text] = Field(
        default_factory=dict, description="numeric items: declared missing codes (e.g. -2 'not applicable', 99 'refused'), never averaged in"
    )

    @field_validator("number", mode="before")
    @classmethod
    def _number_as_text(cls, value):
        return str(value) if isinstance(value, int) else value


class Construct(_Strict):
    """A construct (dimension) measured by several items, with its two-factor role."""

    id: str = Field(pattern=_ID_PATTERN)
    name: Text
    role: Literal[CONSTRUCT_ROLES] = "other"  # type: ignore[valid-type]
    items: list[str] = Field(min_length=1)
    factor: str | None = Field(None, description="Herzberg first-level factor, e.g. 'policy_administration'")
    description: Text | None = None


class KanoPair(_Strict):
    """The functional and dysfunctional questions about one attribute."""

    attribute: str = Field(pattern=_ID_PATTERN)
    name: Text | None = None
    functional: str
    dysfunctional: str


class Importance(_Strict):
    """A stated-importance item and the attribute (construct or item id) whose importance it rates."""

    item: str
    attribute: str


class AttentionCheck(_Strict):
    """An instructed-response item and the answer(s) that pass."""

    item: str
    expected: list[int] = Field(min_length=1)

    @field_validator("expected", mode="before")
    @classmethod
    def _one_or_many(cls, value):
        return [value] if isinstance(value, int) else value


class Questionnaire(_Strict):
    """A questionnaire described once: the single source of truth for loading, scoring and reports."""

    id: str = Field(pattern=_ID_PATTERN)
    version: str = "1"
    title: Text
    languages: list[Literal["zh", "en"]] = Field(default_factory=lambda: ["zh", "en"])
    scales: dict[str, Scale] = Field(default_factory=dict)
    items: list[Item] = Field(min_length=1)
    constructs: list[Construct] = Field(default_factory=list)
    kano: list[KanoPair] = Field(default_factory=list)
    importance: list[Importance] = Field(default_factory=list)
    attention_checks: list[AttentionCheck] = Field(default_factory=list)
    id_column: str | None = Field(None, description="column that identifies respondents in exports")

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value):
        return str(value) if isinstance(value, (int, float)) else value

    # ---- look-ups -------------------------------------------------------------------------
    def item(self, item_id: str) -> Item:
        for item in self.items:
            if item is not None and item.id == item_id:
                return item
        raise KeyError(f"no item {item_id!r} in questionnaire {self.id!r}")

    def construct(self, construct_id: str) -> Construct:
        for construct in self.constructs:
            if construct is not None and construct.id == construct_id:
                return construct
        raise KeyError(f"no construct {construct_id!r} in questionnaire {self.id!r}")

    def scale_of(self, item_id: str) -> Scale | None:
        name = self.item(item_id).scale
        return self.scales[name] if name else None

    @property
    def item_ids(self) -> list[str]:
        return [item.id for item in self.items]

    def constructs_with_role(self, *roles: str) -> list[Construct]:
        return [c for c in self.constructs if c.role in roles]

    def items_with_role(self, *roles: str) -> list[Item]:
        return [i for i in self.items if i.role in roles]

    @property
    def reverse_items(self) -> list[str]:
        return [i.id for i in self.items if i.reverse]

    @property
    def personal_items(self) -> list[str]:
        return [i.id for i in self.items if i.personal or i.role == "personal"]


def cross_check(q: Questionnaire, *, other_ids: frozenset[str] = frozenset()) -> list[Problem]:
    """Every broken cross-reference in a questionnaire, each with where it is.

    ``other_ids``: ids of entries that exist but failed their own validation (their problems are
    reported elsewhere); references to them are not "unknown".
    """
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, item in enumerate(q.items):
        if item is None:
            continue
        where = f"items[{n}] ({item.id})"
        if item.id in seen:
            problems.append(Problem(where, f"item id {item.id!r} is used twice", "unique item ids"))
        seen.setdefault(item.id, n)
        if item.type in ("likert", "single", "multiple", "ranking"):
            if item.scale is None:
                problems.append(Problem(where, f"a {item.type} item needs a scale", f"one of {sorted(q.scales)}"))
            elif item.scale not in q.scales:
                problems.append(Problem(where, f"unknown scale {item.scale!r}", f"one of {sorted(q.scales)}"))
        elif item.scale is not None:
            problems.append(Problem(where, f"a {item.type} item takes no scale", "no 'scale' field"))
        if item.reverse:
            scale = q.scales.get(item.scale or "")
            if item.type != "likert" or (scale is not None and not scale.ordered):
                problems.append(Problem(where, "only items on an ordered (likert) scale can be reverse-keyed", "reverse: false"))
        if item.min is not None and item.max is not None and item.min > item.max:
            problems.append(Problem(where, f"min {item.min} is above max {item.max}"))
        if item.missing and item.type != "numeric":
            problems.append(Problem(where, f"a {item.type} item takes its missing codes from its scale", "'missing' under the scale, or type: numeric"))
    item_ids = set(seen)
    construct_ids: set[str] = set()
    for n, c in enumerate(q.constructs):
        if c is None:
            continue
        where = f"constructs[{n}] ({c.id})"
        if c.id in construct_ids:
            problems.append(Problem(where, f"construct id {c.id!r} is used twice", "unique construct ids"))
        construct_ids.add(c.id)
        for item_id in c.items:
            if item_id not in item_ids | other_ids:
                problems.append(Problem(where, f"unknown item {item_id!r}", "an id from items"))
        if len(set(c.items)) != len(c.items):
            problems.append(Problem(where, "an item is listed twice"))
        scales = {q.item(i).scale for i in c.items if i in item_ids}
        if len(scales) > 1:
            problems.append(Problem(where, f"items on different scales {sorted(s or '-' for s in scales)}", "one scale per construct"))
    for n, pair in enumerate(q.kano):
        if pair is None:
            continue
        for side in ("functional", "dysfunctional"):
            ref = getattr(pair, side)
            if ref not in item_ids | other_ids:
                problems.append(Problem(f"kano[{n}] ({pair.attribute}).{side}", f"unknown item {ref!r}", "an id from items"))
    for n, imp in enumerate(q.importance):
        if imp is None:
            continue
        if imp.item not in item_ids | other_ids:
            problems.append(Problem(f"importance[{n}].item", f"unknown item {imp.item!r}", "an id from items"))
        if imp.attribute not in item_ids | construct_ids | other_ids | {k.attribute for k in q.kano if k is not None}:
            problems.append(Problem(f"importance[{n}].attribute", f"unknown attribute {imp.attribute!r}", "a construct, item or Kano attribute id"))
    for n, check in enumerate(q.attention_checks):
        if check is None:
            continue
        where = f"attention_checks[{n}]"
        if check.item not in item_ids | other_ids:
            problems.append(Problem(where, f"unknown item {check.item!r}", "an id from items"))
        if check.item not in item_ids:
            continue
        scale = q.scales.get(q.item(check.item).scale or "")
        if scale is not None:
            bad = [e for e in check.expected if e not in scale.labels]
            if bad:
                problems.append(Problem(where, f"expected answers {bad} are not codes of scale {q.item(check.item).scale!r}", f"codes {list(scale.codes)}"))
    return problems
