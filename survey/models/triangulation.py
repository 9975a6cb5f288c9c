"""Triangulation: one table of attributes × methods, with agreement marked, and priority problems.

Each method's class is mapped onto one Herzberg reading: *hygiene-like* (PRCA/IA basic, Kano
must-be, stated-vs-derived basic), *motivator-like* (IA excitement, Kano attractive, grid
excitement), *symmetric* (IA performance, Kano one-dimensional, grid performance) or *none*
(Kano indifferent / reverse / questionable, grid low impact).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .._result import Result
from ..errors import AnalysisError
from ..findings import Finding, KeyedFindings
from ..findings.format import fmt_num
from .ipa import IPAResult
from .kano import KanoResult
from .prca import PRCAResult

__all__ = ["TriangulationResult", "triangulate"]

READING = {
    "prca": {"basic": "hygiene", "excitement": "motivator", "performance": "symmetric", "undefined": "none"},
    "kano": {"M": "hygiene", "A": "motivator", "O": "symmetric", "I": "none", "R": "none", "Q": "none"},
    "grid": {"basic": "hygiene", "excitement": "motivator", "performance": "symmetric", "low_impact": "none"},
}
READING_ZH = {"hygiene": "保健型", "motivator": "激励型", "symmetric": "对称型", "none": "无影响"}


@dataclass(frozen=True)
class TriangulationResult(KeyedFindings, Result):
    """``table`` (one row per attribute): ``role`` (a priori), ``ia_class``, ``kano_category``,
    ``grid_class``, ``ipa_quadrant`` and the Herzberg reading of each (``*_reading``),
    ``n_methods``, ``consensus`` (the reading most methods give), ``agreement`` (``all agree``,
    ``majority``, ``disagree``, ``single method``) and ``matches_role``. ``priorities`` lists the
    priority problems: attributes in the IPA *concentrate here* quadrant and hygiene-like
    attributes with a significant penalty, most urgent first."""

    table: pd.DataFrame
    priorities: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def finding_objects(self) -> list[Finding]:
        """``triangulation.agree`` (main) and ``triangulation.disagree`` (caution) naming the
        attributes all methods agree or disagree on, then ``triangulation.priority`` (main) per
        priority problem, most urgent first."""
        t = self.table
        out = []
        for key, which, level in (("agree", "all agree", "main"), ("disagree", "disagree", "caution")):
            attrs = list(t.index[t["agreement"] == which])
            if attrs:
                out.append(Finding(f"triangulation.{key}", {"attributes": attrs}, level=level, ids=tuple(attrs)))
        for a, row in self.priorities.iterrows():
            out.append(Finding("triangulation.priority", {"attribute": a, "reason_en": row["reason_en"], "reason_zh": row["reason_zh"]}, ids=(a,)))
        return out


def triangulate(
    *,
    prca: PRCAResult | None = None,
    kano: KanoResult | None = None,
    ipa: IPAResult | None = None,
    roles: Mapping[str, str] | None = None,
    alpha: float = 0.05,
) -> TriangulationResult:
    """Put the classes from PRCA/IA, Kano and the IPA stated-vs-derived grid side by side.

    Examples
    --------
    >>> import survey as sv
    >>> s = sv.simulate_two_factor(2000, seed=11)
    >>> attrs = list(s.truth.index)
    >>> t = triangulate(prca=sv.prca(s.data, "overall", attrs), kano=sv.kano(s.functional, s.dysfunctional),
    ...                 roles=s.roles)
    >>> t.table.loc["subsidy", "consensus"]
    'hygiene'
    """
    if prca is None and kano is None and ipa is None:
        raise AnalysisError("triangulate: give at least one of prca=, kano=, ipa=")
    attrs: list = []
    for res in (prca, kano, ipa):
        if res is not None:
            attrs += [a for a in res.table.index if a not in attrs]
    if roles is None and prca is not None and "role" in prca.table:
        roles = prca.table["role"].to_dict()
    rows = []
    for a in attrs:
        row: dict = {"role": (roles or {}).get(a, "none")}
        readings = []
        if prca is not None and a in prca.table.index:
            row["ia_class"] = prca.table.loc[a, "class"]
            row["prca_reading"] = READING["prca"][row["ia_class"]]
            readings.append(row["prca_reading"])
        if kano is not None and a in kano.table.index:
            row["kano_category"] = kano.table.loc[a, "category"]
            row["kano_reading"] = READING["kano"][row["kano_category"]]
            readings.append(row["kano_reading"])
        if ipa is not None and a in ipa.table.index:
            row["ipa_quadrant"] = ipa.table.loc[a, "quadrant"]
            if "grid_class" in ipa.table:
                row["grid_class"] = ipa.table.loc[a, "grid_class"]
                row["grid_reading"] = READING["grid"][row["grid_class"]]
                readings.append(row["grid_reading"])
        row["n_methods"] = len(readings)
        if readings:
            counts = pd.Series(readings).value_counts()
            top = counts.index[0]
            tie = len(counts) > 1 and counts.iloc[1] == counts.iloc[0]
            row["consensus"] = "unclear" if tie else top
            if len(readings) == 1:
                row["agreement"] = "single method"
            elif counts.iloc[0] == len(readings):
                row["agreement"] = "all agree"
            elif counts.iloc[0] > len(readings) / 2:
                row["agreement"] = "majority"
            else:
                row["agreement"] = "disagree"
        else:
            row["consensus"], row["agreement"] = "unclear", "no method"
        r = row["role"]
        row["matches_role"] = ("no role" if r not in ("hygiene", "motivator") else
                               "yes" if row["consensus"] == r else "no")
        rows.append(row)
    table = pd.DataFrame(rows, index=pd.Index(attrs, name="attribute"))
    return TriangulationResult(table=table, priorities=_priorities(prca, ipa, alpha))


def _priorities(prca, ipa, alpha) -> pd.DataFrame:
    rows = {}
    if ipa is not None:
        for a, r in ipa.table[ipa.table["quadrant"] == "concentrate"].iterrows():
            rows[a] = {"urgency": float(r["importance"] - r["performance"]) if ipa.importance_source == "stated" else 1.0,
                       "reason_en": "high importance, low performance", "reason_zh": "重要性高而表现低"}
    if prca is not None:
        t = prca.table
        for a, r in t[(t["class"] == "basic") & (t["penalty"] < 0) & (t["penalty_p"] < alpha)].iterrows():
            pen = fmt_num(abs(r["penalty"]), digits=2)
            en = f"hygiene penalty: a low rating lowers overall satisfaction by {pen}"
            zh = f"保健因素惩罚效应：评价低时总体满意度降低{fmt_num(abs(r['penalty']), digits=2, style='gb')}分"
            if a in rows:
                rows[a]["reason_en"] += "; " + en
                rows[a]["reason_zh"] += "；" + zh
                rows[a]["urgency"] += abs(r["penalty"])
            else:
                rows[a] = {"urgency": abs(r["penalty"]), "reason_en": en, "reason_zh": zh}
    out = pd.DataFrame.from_dict(rows, orient="index", columns=["urgency", "reason_en", "reason_zh"])
    out.index.name = "attribute"
    return out.sort_values("urgency", ascending=False)
