"""Findings as keyed objects, and the one renderer that turns them into sentences.

A result says *what* it found as :class:`Finding` objects: a key naming the kind of finding
(``"reliability.alpha"``), the raw values it rests on, a level (``"main"``, ``"detail"`` or
``"caution"``) and the item, construct or group ids it speaks of. The words live elsewhere: one
catalogue per topic (``survey/findings/catalogue/<topic>.py``) holds a template per key and
language. :func:`render` fills a template, formatting numbers with the ``fmt_*`` helpers in the
plan's style and resolving ids to labels through the function it is given, so no sentence is ever
edited after it is written.

Placeholders are ``str.format`` fields whose format spec says how to write the value:

=============  ==========================================================================
spec           writes
=============  ==========================================================================
(none)         the value as it is (counts, names already in words)
``n``/``n3``   a number, two (or the given) decimals (``fmt_num``)
``b``/``b3``   a number bounded by 1 (r, α, β): three decimals in the gb style, two in APA,
               unless digits are given
``p``          ``p = .012`` / ``p < .001`` (``fmt_p``)
``pv``         the p value without ``p =`` (``fmt_p(prefix=False)``)
``pc``         a percentage: one decimal in APA, two in the gb style
``g``          a threshold as written (0.3, 3)
``pct``        a confidence level as a percentage: 0.95 → ``95``
``id``         an id through the label function
``ids``        a list of ids through the label function, joined with 、 (zh) or ", " (en)
``w``          a word from the catalogue's ``words`` (the value is the word's key); a word may
               itself hold placeholders, filled from the same values
``stat``       a test statistic: the value is ``(name, value, df)`` (``fmt_stat``)
``each:W:S``   a list of mappings: word ``W`` filled from each (and the finding's values),
               joined with word ``S``
=============  ==========================================================================

Every template may also use ``{comma_}``: the style's comma between two statistics ("，" in the
gb style, ", " in APA).

>>> f = Finding("reliability.low_citc", {"items": ["q3", "q7"]}, level="caution", ids=("q3", "q7"))
>>> render(f, "en")
'Items with corrected item–total r below .30: q3, q7.'
>>> render(f, "zh", labels={"q3": "工作压力", "q7": "晋升机会"})
'校正的项总计相关性（CITC）低于0.3的题项：工作压力、晋升机会。'
"""

from __future__ import annotations

import string
from collections import ChainMap
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from .format import STYLES, fmt_num, fmt_p, fmt_stat

LEVELS = ("main", "detail", "caution")
LANGS = ("zh", "en")  # the languages every catalogue holds

Labels = Callable[[str], str] | Mapping[str, str] | None


@dataclass(frozen=True)
class Finding:
    """One thing a result found: its key, the values it rests on, its level and the ids it names."""

    key: str
    values: Mapping[str, Any] = field(default_factory=dict)
    level: str = "main"
    ids: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.level not in LEVELS:
            raise ValueError(f"Finding {self.key!r}: level must be one of {LEVELS}, got {self.level!r}")
        if "." not in self.key:
            raise ValueError(f"Finding key {self.key!r} must be '<topic>.<name>'")
        object.__setattr__(self, "values", MappingProxyType(dict(self.values)))
        object.__setattr__(self, "ids", tuple(str(i) for i in self.ids))

    @property
    def topic(self) -> str:
        return self.key.split(".", 1)[0]


def default_style(lang: str, style: str | None) -> str:
    """The style a language implies when none is given: gb for Chinese, APA otherwise."""
    return style or ("gb" if lang == "zh" else "apa")


def _label_function(labels: Labels) -> Callable[[str], str]:
    if labels is None:
        return str
    if callable(labels):
        return lambda i: str(labels(i))
    return lambda i: str(labels.get(i, i))


class _Formatter(string.Formatter):
    def __init__(self, lang: str, style: str, label: Callable[[str], str], words: Mapping[str, str], values: Mapping[str, Any]):
        super().__init__()
        self.lang, self.style, self.label, self.words, self.values = lang, style, label, words, values

    def fill(self, text: str, values: Mapping[str, Any]) -> str:
        outer, self.values = self.values, ChainMap(dict(values), {"comma_": "，" if self.style == "gb" else ", "})
        try:
            return self.vformat(text, (), self.values)
        finally:
            self.values = outer

    def format_field(self, value: Any, format_spec: str) -> str:
        if format_spec.startswith("each:"):
            _, word, sep = format_spec.split(":")
            return self.words[sep].join(self.fill(self.words[word], ChainMap(dict(v), self.values)) for v in value)
        spec, digits = format_spec.rstrip("0123456789"), format_spec[len(format_spec.rstrip("0123456789")):]
        d = int(digits) if digits else None
        if spec == "":
            return str(value)
        if spec == "n":
            return fmt_num(value, digits=2 if d is None else d, style=self.style)
        if spec == "b":
            return fmt_num(value, digits=(3 if self.style == "gb" else 2) if d is None else d, bounded=True, style=self.style)
        if spec == "p":
            return fmt_p(value, style=self.style)
        if spec == "pv":
            return fmt_p(value, style=self.style, prefix=False)
        if spec == "pc":
            return fmt_num(value, digits=2 if self.style == "gb" else 1, style=self.style)
        if spec == "g":
            return f"{value:g}"
        if spec == "pct":
            return f"{round(value * 100):g}"
        if spec == "id":
            return self.label(value)
        if spec == "ids":
            return ("、" if self.lang == "zh" else ", ").join(self.label(v) for v in value)
        if spec == "w":
            word = self.words[value]
            return self.fill(word, self.values) if "{" in word else word
        if spec == "stat":
            name, stat, df = value
            return fmt_stat(name, stat, df=df, style=self.style)
        raise ValueError(f"unknown placeholder format {format_spec!r}")


def render(finding: Finding, lang: str = "en", style: str | None = None, *, labels: Labels = None) -> str:
    """The sentence of one finding in ``lang``, numbers in ``style``, ids named by ``labels``
    (a function or a mapping from id to label; ids stand for themselves without one)."""
    from .catalogue import template, words

    style = default_style(lang, style)
    text = template(finding.key, lang)
    formatter = _Formatter(lang, style, _label_function(labels), words(finding.topic, lang), finding.values)
    try:
        return formatter.fill(text, finding.values)
    except KeyError as missing:
        raise KeyError(f"finding {finding.key!r}: its {lang!r} template needs {missing}, which the finding does not hold") from None


def render_all(findings: Iterable[Finding], lang: str = "en", style: str | None = None, *, labels: Labels = None) -> list[str]:
    """The sentences of several findings, in order."""
    return [render(f, lang, style, labels=labels) for f in findings]


def select(findings: Iterable[Finding], *keys: str, level: str | None = None) -> list[Finding]:
    """The findings with one of ``keys`` (all when none is given) and, if given, of ``level``, in
    the result's order. A key never emitted by any catalogue is an error, not an empty selection."""
    from .catalogue import known

    unknown = [k for k in keys if not known(k)]
    if unknown:
        raise KeyError(f"no finding key {unknown} in the catalogue")
    return [f for f in findings if (not keys or f.key in keys) and (level is None or f.level == level)]


class KeyedFindings:
    """Mixin for results that state their findings as :class:`Finding` objects.

    A subclass implements ``finding_objects()``; ``findings(lang, style)`` renders them, so callers
    of the sentence API keep working. ``default_labels(lang)`` names the ids when the caller gives no
    labels (a result that knows its constructs' names overrides it). List it before ``Result``:
    ``class AlphaResult(KeyedFindings, Result)``.
    """

    def finding_objects(self) -> list[Finding]:  # pragma: no cover - overridden
        raise NotImplementedError

    def default_labels(self, lang: str) -> Labels:
        """The names of the ids when the caller gives none: the result's own ``labels`` (the text
        ones), if it has any."""
        own = getattr(self, "labels", None) or {}
        return {k: v for k, v in own.items() if isinstance(v, str)}

    def findings(self, lang: str = "en", style: str | None = None, *, labels: Labels = None) -> list[str]:
        """The findings as sentences (``render`` of each of ``finding_objects()``)."""
        from ..errors import AnalysisError

        if lang not in LANGS:
            raise AnalysisError(f"lang must be one of {LANGS}, got {lang!r}")
        if style is not None and style not in STYLES:
            raise AnalysisError(f"style must be one of {STYLES}, got {style!r}")
        return render_all(self.finding_objects(), lang, style, labels=self.default_labels(lang) if labels is None else labels)
