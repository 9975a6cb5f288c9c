"""Shared behaviour of result objects: every result is a frozen dataclass of labelled tables."""

from __future__ import annotations

import dataclasses

import pandas as pd


class Result:
    """Mixin for frozen result dataclasses.

    Subclasses are ``@dataclass(frozen=True)`` and implement ``to_frame()`` (a tidy DataFrame) and
    ``findings(lang="en")`` (a list of sentences). ``.plot(ax=None)`` exists where a figure helps.
    """

    def to_frame(self) -> pd.DataFrame:  # pragma: no cover - overridden
        raise NotImplementedError

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:  # pragma: no cover - overridden
        raise NotImplementedError

    def _repr_fields(self) -> str:
        parts = []
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if isinstance(value, (pd.DataFrame, pd.Series)):
                parts.append(f"{f.name}=<{type(value).__name__} {value.shape}>")
            elif isinstance(value, float):
                parts.append(f"{f.name}={value:.6g}")
            elif isinstance(value, (int, str, bool)) or value is None:
                parts.append(f"{f.name}={value!r}")
        return ", ".join(parts)

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._repr_fields()})"
