r"""A small neutral document model: what a report says, before any file format.

A :class:`Document` is an ordered list of blocks: :class:`Heading`, :class:`Paragraph`,
:class:`Table` and :class:`Figure`. Text may carry one piece of inline markup, ``*italic*`` (for
statistic symbols: ``*M*``, ``*p* < .05``); ``\*`` is a literal star, and a star next to a digit or
another star (``0.45**``) is always literal. ``{@key}`` in any text is replaced by the label of the
table or figure with that key (``表4-1``, ``Table 1``), so sentences can cite tables before their
numbers are known. Numbers must already be text (formatted by :mod:`survey.findings.format`).

:meth:`Document.layout` numbers the captions for a house style: ``"gb"`` numbers by chapter
(``表4-1`` above tables, ``图4-1`` below figures; a level-1 heading starts a chapter, its number
taken from ``chapter=`` or from text like ``第4章`` / ``Chapter 4`` / ``4 …``), ``"apa"`` numbers
through the document (``Table 1`` above, ``Figure 1`` above).

>>> import pandas as pd
>>> doc = Document(title="示例", lang="zh", style="gb")
>>> _ = doc.add_heading("第4章 实证分析")
>>> _ = doc.add_paragraph("由{@alpha}可知，量表的Cronbach's *α*系数为0.870。")
>>> _ = doc.add_table(pd.DataFrame({"维度": ["保健因素"], "*α*": ["0.870"]}), "信度分析", key="alpha")
>>> lay = doc.layout()
>>> [p.label for p in lay.items if p.kind == "table"], lay.items[1].text
(['表4-1'], "由表4-1可知，量表的Cronbach's *α*系数为0.870。")
>>> doc.layout(style="apa", lang="en").items[2].label
'Table 1'
>>> runs("*p* < .05, r = .32**")
[('p', True), (' < .05, r = .32**', False)]
"""

from __future__ import annotations

import math
import numbers
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Union

import numpy as np
import pandas as pd

from ..errors import SurveyError

__all__ = [
    "STYLES",
    "LANGS",
    "Heading",
    "Paragraph",
    "Table",
    "Figure",
    "Block",
    "Document",
    "Placed",
    "Layout",
    "FigureAsset",
    "runs",
    "plain",
    "escape_markup",
    "significance_note",
]

STYLES = ("gb", "apa")
LANGS = ("zh", "en")
ALIGNS = ("left", "center", "right")
_KEY = re.compile(r"[^\W_][\w.-]{0,99}")
_REF = re.compile(r"\{@([^{}\s]+)\}")
_ASCII_ALNUM = re.compile(r"[0-9A-Za-z]")


# --------------------------------------------------------------------------- inline markup
def runs(text: str) -> list[tuple[str, bool]]:
    """Split markup into ``(text, italic)`` runs; ``\\*`` and ``\\\\`` are literal."""
    toks: list[tuple[str, bool]] = []  # (character, is_star_marker)
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text) and text[i + 1] in "*\\":
            toks.append((text[i + 1], False))
            i += 2
        else:
            toks.append((c, c == "*"))
            i += 1

    def opening(k: int) -> bool:
        nxt = toks[k + 1] if k + 1 < len(toks) else None
        prev = toks[k - 1] if k > 0 else None
        if nxt is None or nxt[1] or nxt[0].isspace():
            return False
        return prev is None or (not prev[1] and not _ASCII_ALNUM.match(prev[0]))

    def closing(k: int) -> bool:
        prev, nxt = toks[k - 1], (toks[k + 1] if k + 1 < len(toks) else None)
        return not prev[1] and not prev[0].isspace() and (nxt is None or not nxt[1])

    out: list[tuple[str, bool]] = []
    buf: list[str] = []
    i = 0
    while i < len(toks):
        ch, marker = toks[i]
        if marker and opening(i):
            j = next((m for m in range(i + 1, len(toks)) if toks[m][1]), None)
            if j is not None and closing(j):
                if buf:
                    out.append(("".join(buf), False))
                    buf = []
                out.append(("".join(t for t, _ in toks[i + 1 : j]), True))
                i = j + 1
                continue
        buf.append(ch)
        i += 1
    if buf:
        out.append(("".join(buf), False))
    return out


def plain(text: str) -> str:
    """The text without markup (italics dropped, escapes resolved)."""
    return "".join(t for t, _ in runs(text))


def escape_markup(text: str) -> str:
    """Escape ``\\`` and ``*`` so that ``plain(escape_markup(s)) == s`` for any string ``s``."""
    return text.replace("\\", "\\\\").replace("*", "\\*")


def significance_note(*, style: str = "gb", lang: str = "zh", levels: tuple[float, ...] = (0.05, 0.01, 0.001)) -> str:
    """The stars line under a table: ``*p < .05. **p < .01.`` (APA) or ``*表示p < 0.05，…`` (gb).

    >>> plain(significance_note(style="apa", lang="en"))
    '*p < .05. **p < .01. ***p < .001.'
    >>> plain(significance_note(style="gb", lang="zh"))
    '*表示p < 0.05，**表示p < 0.01，***表示p < 0.001。'
    """
    from ..findings.format import fmt_num

    _check(style, lang)
    parts = []
    for n, level in enumerate(levels, start=1):
        digits = max(2, -math.floor(math.log10(level) + 1e-12))
        value = fmt_num(level, digits=digits, bounded=True, style=style)
        stars = "\\*" * n
        parts.append(f"{stars}表示*p* < {value}" if lang == "zh" else f"{stars}*p* < {value}")
    if lang == "zh":
        return "，".join(parts) + "。"
    return (". " if style == "apa" else ", ").join(parts) + "."


def _check(style: str, lang: str) -> None:
    if style not in STYLES:
        raise SurveyError(f"report style {style!r} is not known (expected one of {STYLES})")
    if lang not in LANGS:
        raise SurveyError(f"report language {lang!r} is not known (expected one of {LANGS})")


# --------------------------------------------------------------------------- blocks
@dataclass(frozen=True)
class Heading:
    """A heading; ``level`` 1 starts a chapter (numbered from ``chapter`` or from its text)."""

    text: str
    level: int = 1
    chapter: int | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.level, int) or not 1 <= self.level <= 6:
            raise SurveyError(f"heading {self.text!r}: level {self.level!r} is not allowed (expected 1 to 6)")


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of text with ``*italic*`` markup and ``{@key}`` references."""

    text: str


def _cell(value: object, where: str) -> str:
    if isinstance(value, np.generic):
        value = value.item()
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, numbers.Integral):
        return str(int(value))
    if isinstance(value, numbers.Real):
        if math.isnan(value):
            return ""
        if float(value).is_integer() and abs(value) < 1e15:
            return str(int(value))
        raise SurveyError(
            f"{where} holds the unformatted number {value!r} (expected text: format numbers with "
            "survey.findings.fmt_num / fmt_p before building the table)"
        )
    return str(value)


def _label(col: object) -> str:
    if isinstance(col, tuple):
        return " ".join(str(c) for c in col if str(c) != "" and not str(c).startswith("Unnamed:"))
    return "" if col is None else str(col)


def _check_key(key: str, what: str) -> str:
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise SurveyError(
            f"{what}: key {key!r} is not allowed (expected 1-100 letters, digits, '_', '-' or '.', "
            "starting with a letter or digit; it becomes a file name)"
        )
    return key


@dataclass(frozen=True, eq=False)
class Table:
    """A table of text cells with a title, an optional note, and a key (its file name).

    ``data``: cells already formatted as text (integers are accepted and printed as such; other
    numbers raise). The index becomes the first (stub) column when ``stub`` is true, or when it is
    ``None`` and the index is named or not a default range. Column labels may carry markup
    (``*M*``). ``raw``: the unformatted numbers behind the table, exported beside it as CSV.
    ``align``: one of ``left/center/right`` per column (default: first left, the rest centred).
    ``number``: overrides the automatic number (``"4-3"``, ``"2"``).
    """

    data: pd.DataFrame
    title: str
    note: str = ""
    key: str | None = None
    number: str | None = None
    raw: pd.DataFrame | None = None
    stub: bool | None = None
    align: tuple[str, ...] | None = None
    header: tuple[str, ...] = field(init=False, repr=False)
    body: tuple[tuple[str, ...], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        where = f"table {self.title!r}"
        if not isinstance(self.data, pd.DataFrame):
            raise SurveyError(f"{where}: data is a {type(self.data).__name__} (expected a pandas DataFrame)")
        if self.key is not None:
            _check_key(self.key, where)
        if self.raw is not None and not isinstance(self.raw, pd.DataFrame):
            raise SurveyError(f"{where}: raw is a {type(self.raw).__name__} (expected a pandas DataFrame or None)")
        df = self.data
        show_index = self.stub
        if show_index is None:
            idx = df.index
            show_index = any(n is not None for n in idx.names) or not (
                isinstance(idx, pd.RangeIndex) and idx.start == 0 and idx.step == 1
            )
        if show_index:
            names = [n if n is not None else "" for n in df.index.names]
            index_cols = [df.index.get_level_values(k).tolist() for k in range(df.index.nlevels)]
        else:
            names, index_cols = [], []
        header = tuple(_label(n) for n in names) + tuple(_label(c) for c in df.columns)
        cols = index_cols + [df.iloc[:, j].tolist() for j in range(df.shape[1])]
        labels = list(header)
        body = tuple(
            tuple(_cell(col[i], f"{where}, row {i + 1}, column {labels[j]!r}") for j, col in enumerate(cols))
            for i in range(df.shape[0])
        )
        align = self.align or (("left",) + ("center",) * (len(header) - 1) if header else ())
        align = tuple(align)
        if len(align) != len(header) or any(a not in ALIGNS for a in align):
            raise SurveyError(f"{where}: align {align!r} does not fit {len(header)} columns (expected one of {ALIGNS} per column)")
        object.__setattr__(self, "align", align)
        object.__setattr__(self, "header", header)
        object.__setattr__(self, "body", body)

    def frame(self) -> pd.DataFrame:
        """The table as displayed: text cells, the stub as the first column, markup kept."""
        return pd.DataFrame([list(r) for r in self.body], columns=list(self.header), dtype=object)

    def plain_frame(self) -> pd.DataFrame:
        """As :meth:`frame` with the markup removed (for CSV and xlsx)."""
        return pd.DataFrame(
            [[plain(c) for c in r] for r in self.body], columns=[plain(h) for h in self.header], dtype=object
        )


@dataclass(frozen=True, eq=False)
class Figure:
    """A figure: a matplotlib Figure (saved as PNG 300 dpi and SVG) or the path of a PNG file.

    ``width_cm``: printed width in Word (default: 14 cm, or less when the image is small).
    """

    figure: Any
    caption: str
    note: str = ""
    key: str | None = None
    number: str | None = None
    width_cm: float | None = None

    def __post_init__(self) -> None:
        where = f"figure {self.caption!r}"
        if self.key is not None:
            _check_key(self.key, where)
        if isinstance(self.figure, (str, os.PathLike)):
            path = Path(self.figure)
            if path.suffix.lower() != ".png" or not path.is_file():
                raise SurveyError(f"{where}: {str(path)!r} is not an existing .png file (expected a PNG path or a matplotlib Figure)")
        elif not hasattr(self.figure, "savefig"):
            raise SurveyError(f"{where}: got a {type(self.figure).__name__} (expected a matplotlib Figure or a PNG path)")
        if self.width_cm is not None and not (isinstance(self.width_cm, (int, float)) and 1 <= self.width_cm <= 30):
            raise SurveyError(f"{where}: width_cm {self.width_cm!r} is not allowed (expected 1 to 30)")


Block = Union[Heading, Paragraph, Table, Figure]


# --------------------------------------------------------------------------- layout
@dataclass(frozen=True)
class FigureAsset:
    """A saved figure: its PNG bytes and the file paths relative to the output folder."""

    png: bytes
    png_path: str
    svg_path: str | None = None


@dataclass(frozen=True)
class Placed:
    """A block placed in a numbered layout. ``text``/``note`` have ``{@key}`` references resolved."""

    kind: str  # "heading" | "paragraph" | "table" | "figure"
    block: Block
    text: str = ""
    note: str = ""
    label: str = ""
    number: str = ""
    key: str = ""
    level: int = 0


@dataclass(frozen=True)
class Layout:
    """A document numbered for one style and language; what every writer renders."""

    title: str
    lang: str
    style: str
    items: tuple[Placed, ...]
    assets: dict[str, FigureAsset] = field(default_factory=dict)

    @property
    def tables(self) -> list[Placed]:
        return [p for p in self.items if p.kind == "table"]

    @property
    def figures(self) -> list[Placed]:
        return [p for p in self.items if p.kind == "figure"]

    @property
    def figure_caption_above(self) -> bool:
        """APA puts the figure number and title above the image; gb puts the caption below."""
        return self.style == "apa"

    def note_prefix(self) -> str:
        """``*Note.* `` (APA, English), ``注：`` (Chinese) or ``Note: `` (gb, English)."""
        if self.lang == "zh":
            return "注："
        return "*Note.* " if self.style == "apa" else "Note: "

    def caption(self, p: Placed) -> str:
        """One-line caption ``表4-1 信度分析`` (gb style)."""
        return f"{p.label} {p.text}" if p.text else p.label


_NUMBERED = re.compile(r"\d+(\.\d+)*\s")  # a heading that starts with its own section number

_CN_DIGITS = {"零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


def _cn_number(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    if "十" in s:
        a, _, b = s.partition("十")
        tens = _CN_DIGITS.get(a, None) if a else 1
        ones = _CN_DIGITS.get(b, None) if b else 0
        return None if tens is None or ones is None else tens * 10 + ones
    return _CN_DIGITS.get(s) if len(s) == 1 else None


def _chapter_of(text: str) -> int | None:
    m = re.match(r"\s*第\s*([0-9一二两三四五六七八九十]+)\s*章", text)
    if m:
        return _cn_number(m.group(1))
    m = re.match(r"\s*(?:chapter\s+)?(\d+)(?:[\s.、:：]|$)", text, flags=re.IGNORECASE)
    return int(m.group(1)) if m else None


@dataclass
class Document:
    """An ordered list of blocks with a title, a language (``zh``/``en``) and a style (``gb``/``apa``)."""

    title: str = ""
    lang: str = "zh"
    style: str = "gb"
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        _check(self.style, self.lang)

    def add(self, *blocks: Block) -> None:
        """Append blocks."""
        for b in blocks:
            if not isinstance(b, (Heading, Paragraph, Table, Figure)):
                raise SurveyError(f"cannot add a {type(b).__name__} to a Document (expected Heading, Paragraph, Table or Figure)")
            self.blocks.append(b)

    def add_heading(self, text: str, level: int = 1, *, chapter: int | None = None) -> Heading:
        block = Heading(text, level, chapter)
        self.add(block)
        return block

    def add_paragraph(self, text: str) -> Paragraph:
        block = Paragraph(text)
        self.add(block)
        return block

    def add_table(self, data: pd.DataFrame, title: str, **options: Any) -> Table:
        """Append a :class:`Table` (options: ``note, key, number, raw, stub, align``)."""
        block = Table(data, title, **options)
        self.add(block)
        return block

    def add_figure(self, figure: Any, caption: str, **options: Any) -> Figure:
        """Append a :class:`Figure` (options: ``note, key, number, width_cm``)."""
        block = Figure(figure, caption, **options)
        self.add(block)
        return block

    def layout(self, *, style: str | None = None, lang: str | None = None) -> Layout:
        """Number tables and figures for ``style`` (default: the document's) and resolve ``{@key}``."""
        style = style or self.style
        lang = lang or self.lang
        _check(style, lang)
        word = {"table": "表" if lang == "zh" else "Table ", "figure": "图" if lang == "zh" else "Figure "}
        chapter: int | None = None
        counts = {"table": 0, "figure": 0}
        numbered: list[tuple[str, Block, str, str]] = []  # kind, block, number, key
        labels: dict[str, str] = {}
        sections: list[int] = []  # the running section number below the chapter (4.1, 4.1.1)
        for block in self.blocks:
            if isinstance(block, Heading):
                if block.level == 1:
                    chapter = block.chapter or _chapter_of(block.text) or (chapter or 0) + 1
                    sections = []
                    if style == "gb":
                        counts = {"table": 0, "figure": 0}
                    numbered.append(("heading", block, "", ""))
                    continue
                depth = block.level - 1
                sections = (sections + [0] * depth)[:depth]
                sections[-1] += 1
                # gb theses number their sections (4.1, 4.1.1); a heading that brings its own number keeps it
                number = ".".join(map(str, [chapter, *sections])) if style == "gb" and chapter is not None and not _NUMBERED.match(block.text) else ""
                numbered.append(("heading", block, number, ""))
            elif isinstance(block, (Table, Figure)):
                kind = "table" if isinstance(block, Table) else "figure"
                counts[kind] += 1
                auto = f"{chapter}-{counts[kind]}" if style == "gb" and chapter is not None else str(counts[kind])
                number = block.number or auto
                key = block.key or f"{kind}-{number}"
                _check_key(key, f"{kind} {number}")
                if key in labels:
                    raise SurveyError(f"{kind} {number}: key {key!r} is used twice (expected one key per table and figure)")
                labels[key] = word[kind] + number
                numbered.append((kind, block, number, key))
            else:
                numbered.append(("paragraph", block, "", ""))

        def resolve(text: str, where: str) -> str:
            def sub(m: re.Match[str]) -> str:
                if m.group(1) not in labels:
                    raise SurveyError(f"{where}: reference {{@{m.group(1)}}} names no table or figure (known keys: {sorted(labels)})")
                return labels[m.group(1)]

            return _REF.sub(sub, text)

        items = []
        for kind, block, number, key in numbered:
            if kind == "heading":
                text = resolve(block.text, "heading")
                items.append(Placed(kind, block, text=f"{number} {text}" if number else text, level=block.level))
            elif kind == "paragraph":
                items.append(Placed(kind, block, text=resolve(block.text, f"paragraph {block.text[:30]!r}")))
            else:
                title = block.title if kind == "table" else block.caption
                items.append(
                    Placed(kind, block, text=resolve(title, f"{kind} {number}"), note=resolve(block.note, f"{kind} {number} note"),
                           label=labels[key], number=number, key=key)
                )
        return Layout(title=self.title, lang=lang, style=style, items=tuple(items))
