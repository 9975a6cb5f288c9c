"""lavaan-style model syntax, read once for ``cfa``, ``sem`` and ``pls_path``.

A model is lines of ``lhs OP term + term + …`` (``;`` also ends a line, ``#`` starts a comment):
``F =~ a + b`` (measurement), ``Y ~ X + Z`` (regression), ``a ~~ b`` (covariance). A term is a
name, or, where the caller allows it, a fixed value or label before ``*`` (``0*x``, ``b1*x``).
Names may be Chinese. Each method then says which parts it accepts: a CFA has no regressions, a
PLS path model no covariances and no modifiers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..errors import AnalysisError

__all__ = ["ModelSyntax", "parse_syntax"]

NAME = r"[A-Za-z_\u4e00-\u9fff][\w.\u4e00-\u9fff]*"
_LINE = re.compile(rf"({NAME})\s*(=~|~~|~)\s*(.+)")
_TERM = re.compile(rf"(?:([^*\s]+)\s*\*\s*)?({NAME})")


@dataclass(frozen=True)
class ModelSyntax:
    """``measurement`` {latent: indicators}, ``regressions`` [(predictor, outcome)], ``covariances``
    [(a, b)], in the order written; ``modified`` the terms written with a fixed value or label."""

    measurement: dict[str, list[str]] = field(default_factory=dict)
    regressions: list[tuple[str, str]] = field(default_factory=list)
    covariances: list[tuple[str, str]] = field(default_factory=list)
    modified: list[str] = field(default_factory=list)

    @property
    def observed(self) -> list[str]:
        """Indicators, then the other variables regressions and covariances name, in order of appearance."""
        latent = set(self.measurement)
        names = [i for items in self.measurement.values() for i in items]
        names += [v for pair in (*self.regressions, *self.covariances) for v in pair]
        return [v for v in dict.fromkeys(names) if v not in latent]


def parse_syntax(model: str | dict, *, what: str, modifiers: bool = False) -> ModelSyntax:
    """Read ``model``: lavaan-style text, or ``{latent: [indicators]}`` for a measurement model.

    ``what`` names the method in errors; ``modifiers``: accept ``0*x`` and ``label*x`` terms.

    >>> s = parse_syntax("SAT =~ s1 + s2\\nLOY =~ l1 + l2\\nLOY ~ SAT", what="sem")
    >>> s.measurement, s.regressions
    ({'SAT': ['s1', 's2'], 'LOY': ['l1', 'l2']}, [('SAT', 'LOY')])
    """
    if isinstance(model, dict):
        return ModelSyntax(measurement={str(f): [str(i) for i in items] for f, items in model.items()})
    if not isinstance(model, str):
        raise AnalysisError(f"{what}: the model must be lavaan-style text or a dict, got {type(model).__name__}")
    measurement: dict[str, list[str]] = {}
    regressions: list[tuple[str, str]] = []
    covariances: list[tuple[str, str]] = []
    modified: list[str] = []
    for lineno, raw in enumerate(model.replace(";", "\n").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        m = _LINE.fullmatch(line)
        if not m:
            raise AnalysisError(f"{what}: model line {lineno}: cannot read {raw.strip()!r} "
                                "(expected 'F =~ a + b', 'Y ~ X + Z' or 'a ~~ b')")
        lhs, op, rhs = m.groups()
        terms = []
        for text in (t.strip() for t in rhs.split("+")):
            term = _TERM.fullmatch(text)
            if term is None or (term.group(1) is not None and not modifiers):
                raise AnalysisError(f"{what}: model line {lineno}: {text!r} is not a plain name "
                                    "(fixed values, labels and modifiers are not supported here)")
            if term.group(1) is not None:
                modified.append(term.group(2))
            terms.append(term.group(2))
        if op == "=~":
            measurement.setdefault(lhs, []).extend(terms)  # lavaan lets a latent's indicators span lines
        elif op == "~":
            regressions += [(t, lhs) for t in terms]
        else:
            covariances += [(lhs, t) for t in terms]
    return ModelSyntax(measurement, regressions, covariances, modified)
