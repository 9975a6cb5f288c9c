"""Strict, safe YAML reading with the line of every value, so that errors point at the file line.

Refused: tags that construct objects (``!!python/object``), duplicate keys, bare ``yes``/``no``/
``on``/``off`` (YAML 1.1 booleans that surprise people), numbers with leading zeros (``010``),
which YAML 1.1 reads as octal, and merge keys (``<<: *anchor``), whose silent overriding of keys
is what the duplicate-key rule exists to prevent.
"""

from __future__ import annotations

import difflib
import re
import typing
from pathlib import Path
from typing import Any

import yaml

from ..errors import Problem

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_MERGE_TAG = "tag:yaml.org,2002:merge"
_LEADING_ZERO = re.compile(r"^[-+]?0[0-9_]+$")
MAX_NODES = 50_000  # values after alias expansion: a questionnaire has a few thousand


class _TooLarge(Exception):
    pass


class _Reader:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []
        self.lines: dict[tuple, int] = {}
        self._scalar = yaml.SafeLoader("")
        self.count = 0

    def where(self, node: yaml.Node) -> str:
        return f"{self.source} line {node.start_mark.line + 1}"

    def build(self, node: yaml.Node, path: tuple) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.lines[path] = node.start_mark.line + 1
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(Problem(self.where(node), f"tag {node.tag!r} is not allowed", "plain YAML values"))
            return None
        if isinstance(node, yaml.MappingNode):
            out: dict = {}
            for key_node, value_node in node.value:
                if key_node.tag == _MERGE_TAG:
                    self.problems.append(
                        Problem(self.where(key_node), "merge key '<<' is not supported", "the keys written out in full")
                    )
                    continue
                key = self.scalar(key_node)
                if isinstance(key_node, yaml.ScalarNode) and key_node.tag == "tag:yaml.org,2002:bool" and key_node.style is None:
                    self.problems.append(
                        Problem(self.where(key_node), f"key {key_node.value!r} reads as a boolean", f"quote it: '{key_node.value}'")
                    )
                if key in out:
                    self.problems.append(Problem(self.where(key_node), f"duplicate key {key!r}", "each key once"))
                    continue
                out[key] = self.build(value_node, path + (key,))
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (n,)) for n, child in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.problems.append(Problem(self.where(node), "a key must be a plain value"))
            return None
        if node.style is None:
            text = node.value
            if node.tag == "tag:yaml.org,2002:bool" and text.lower() not in ("true", "false"):
                self.problems.append(
                    Problem(self.where(node), f"{text!r} is ambiguous (YAML 1.1 reads it as a boolean)", f"true/false, or '{text}' quoted")
                )
            if node.tag == "tag:yaml.org,2002:int" and _LEADING_ZERO.match(text):
                self.problems.append(
                    Problem(self.where(node), f"{text!r} has a leading zero (YAML reads it as octal)", f"'{text}' quoted, or {int(text.replace('_', ''), 10)}")
                )
                return text
        return self._scalar.construct_object(node, deep=True)


def read_yaml(text: str, *, source: str = "<yaml>") -> tuple[Any, dict[tuple, int], list[Problem]]:
    """Parse YAML text strictly. Returns (value, line of each path, problems found)."""
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"{source} line {mark.line + 1}" if mark else source
        return None, {}, [Problem(where, f"not valid YAML: {getattr(exc, 'problem', exc)}")]
    if len(documents) != 1 or documents[0] is None:
        return None, {}, [Problem(source, f"expected one YAML document, found {len(documents)}")]
    reader = _Reader(source)
    try:
        value = reader.build(documents[0], ())
    except _TooLarge:
        return None, {}, [Problem(source, f"more than {MAX_NODES:,} values after expanding aliases (&anchor/*alias)", "a smaller file without nested aliases")]
    return value, reader.lines, reader.problems


def read_yaml_file(path: str | Path) -> tuple[Any, dict[tuple, int], list[Problem]]:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        return None, {}, [Problem(str(path), f"not UTF-8 text ({exc.reason} at byte {exc.start})", "a UTF-8 file")]
    return read_yaml(text, source=path.name)


def line_of(lines: dict[tuple, int], loc: tuple) -> int | None:
    """The line of the deepest known path prefix of ``loc``."""
    loc = tuple(loc)
    while loc:
        if loc in lines:
            return lines[loc]
        loc = loc[:-1]
    return lines.get(())


def validation_problems(exc, lines: dict[tuple, int], source: str, *, brackets: bool = True, model=None) -> list[Problem]:
    """The errors of a pydantic ``ValidationError``, each at its file line and field path.

    ``brackets``: list positions as ``items[2].scale`` (questionnaires) or ``values.2.stat`` (plans).
    ``model``: the model validated; an unknown field then names the closest known one.
    """
    out = []
    for err in exc.errors():
        loc = tuple(err["loc"])
        line = line_of(lines, loc)
        path = dotted(loc) if brackets else ".".join(str(x) for x in loc)
        where = f"{source}{f' line {line}' if line else ''} at {path}"
        kind = err.get("type")
        if kind == "extra_forbidden":
            what = "unknown field" + did_you_mean(str(loc[-1]), field_names(model, loc[:-1]))
        else:
            what = "required field is missing" if kind == "missing" else err.get("msg", "invalid value")
        out.append(Problem(where, what))
    return out


def did_you_mean(word: str, known) -> str:
    """`` (did you mean 'x'?)`` for the closest of ``known``, or nothing when none is close."""
    close = difflib.get_close_matches(word, [str(k) for k in known], n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def field_names(model, loc: tuple) -> list[str]:
    """The field names of the pydantic model found at ``loc`` inside ``model`` (list positions and
    mapping keys step into the element type); empty when the path leads to no model."""
    target = _model_in(model)
    for part in loc:
        if target is None:
            return []
        if isinstance(part, str) and part in target.model_fields:
            target = _model_in(target.model_fields[part].annotation)
        # a list index or a mapping key: the element model is already the target
    return [n for n, f in target.model_fields.items() if not f.exclude] if target is not None else []


def _model_in(annotation):
    """The pydantic model an annotation holds (itself, inside Optional/Union, list or dict values)."""
    from pydantic import BaseModel

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in reversed(typing.get_args(annotation)):  # dict[str, M] -> M is last
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def dotted(loc: tuple) -> str:
    """A field path as written in a file: ``items[2].scale``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top)"
