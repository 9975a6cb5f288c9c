"""What every report section shares: the plan, the data, the language and style, the document."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from .document import Document
from .tables import format_frame


class SkipSection(Exception):
    """A section cannot run on these inputs; the message says why (it is printed in the report)."""


@dataclass
class Context:
    plan: Any
    questionnaire: Any
    raw: Any  # Responses as loaded
    clean: Any  # Responses after screening
    scores: pd.DataFrame
    lang: str
    style: str
    doc: Document
    results: dict = field(default_factory=dict)
    summary: list = field(default_factory=list)  # (priority, sentence) for the closing section
    interviews: Any = None

    # ---- language -------------------------------------------------------------------------
    def t(self, zh: str, en: str) -> str:
        return zh if self.lang == "zh" else en

    def item_label(self, item_id: str) -> str:
        q = self.questionnaire
        try:
            item = q.item(item_id)
        except KeyError:
            return item_id
        text = item.short or item.row or item.text
        return text.get(self.lang)

    def construct_label(self, construct_id: str) -> str:
        try:
            return self.questionnaire.construct(construct_id).name.get(self.lang)
        except KeyError:
            for pair in self.questionnaire.kano:
                if pair.attribute == construct_id and pair.name is not None:
                    return pair.name.get(self.lang)
            return self.item_label(construct_id)

    def label(self, key: str) -> str:
        ids = {c.id for c in self.questionnaire.constructs}
        return self.construct_label(key) if key in ids or key in {k.attribute for k in self.questionnaire.kano} else self.item_label(key)

    def labels(self, keys) -> dict[str, str]:
        return {k: self.label(k) for k in keys}

    def category_labels(self, item_id: str) -> dict:
        scale = self.questionnaire.scale_of(item_id)
        return {} if scale is None else {float(code): text.get(self.lang) for code, text in scale.labels.items()}

    def constructs(self, *roles: str) -> list[str]:
        return [c.id for c in self.questionnaire.constructs_with_role(*roles) if c.id in self.scores.columns]

    def measured_constructs(self, chosen=None) -> list[str]:
        """The plan's constructs, or else every construct measured by several items (whatever its
        role, none or ``other`` included; not demographics, checks, Kano or importance)."""
        if chosen:
            return list(chosen)
        skip = ("demographic", "attention_check", "kano", "importance")
        return [c.id for c in self.questionnaire.constructs if c.role not in skip and c.id in self.scores and len(c.items) >= 2]

    def construct_scale(self, construct_id: str):
        """The response scale shared by a construct's items, or None when they differ."""
        scales = {self.questionnaire.item(i).scale for i in self.questionnaire.construct(construct_id).items}
        return self.questionnaire.scales[scales.pop()] if len(scales) == 1 and None not in scales else None

    def study_title(self, general: tuple[str, str], policy: tuple[str, str]) -> str:
        """A heading or sentence worded for the plan's study type."""
        return self.t(*(policy if getattr(self.plan, "study_type", "general") == "policy" else general))

    # ---- blocks ---------------------------------------------------------------------------
    def heading(self, text: str, level: int = 2) -> None:
        self.doc.add_heading(text, level)

    def para(self, text: str) -> None:
        if text:
            self.doc.add_paragraph(text)

    def paras(self, sentences) -> None:
        for s in sentences:
            self.para(s)

    def findings(self, result, *keys: str, level: str | None = None) -> list[str]:
        """The sentences of a result's findings with one of ``keys`` (and of ``level``, if given), in
        the result's order, in the report's language and style, every id named by its label."""
        from ..findings import render_all, select

        own = result.default_labels(self.lang) or {}

        def name(i: str) -> str:  # the questionnaire's label; for ids it does not know (codes, groups), the result's own
            label = self.label(i)
            return own.get(i, label) if label == i else label

        return render_all(select(result.finding_objects(), *keys, level=level), self.lang, self.style, labels=name)

    def table(self, frame: pd.DataFrame, title: str, *, key: str, note: str = "", raw: pd.DataFrame | None = None, **fmt) -> None:
        shown = format_frame(frame, style=self.style, lang=self.lang, **fmt)
        text = {k for k, v in (fmt.get("kinds") or {}).items() if v == "text"}
        names = list(frame.columns if fmt.get("columns") is None else [c for c in fmt["columns"] if c in frame.columns])
        stub = 1 if shown.index.name is not None else 0
        align = ("left",) * stub + tuple("left" if (j == 0 and not stub) or c in text else "center" for j, c in enumerate(names))
        self.doc.add_table(shown, title, key=key, note=note, raw=frame if raw is None else raw, align=align)

    def figure(self, ax_or_fig, caption: str, *, key: str) -> None:
        fig = getattr(ax_or_fig, "figure", ax_or_fig)
        self.doc.add_figure(fig, caption, key=key)

    def figure_or_note(self, draw, caption: str, *, key: str) -> None:
        """Draw a figure with ``draw()``; one that cannot be drawn is named in the text with the reason."""
        from ..errors import AnalysisError

        try:
            ax = draw()
        except AnalysisError as why:
            self.para(self.t(f"（“{caption}”未能绘制：{why}。）", f"(The figure “{caption}” could not be drawn: {why}.)"))
            return
        self.figure(ax, caption, key=key)
