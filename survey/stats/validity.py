"""Schema-level validity: KMO/Bartlett on all scale items and one CFA of every construct at once.

``validity(responses)`` works on any object with ``responses.questionnaire.constructs`` (each with
``.id``, ``.name`` (``.zh``/``.en``), ``.items``, ``.role``) and
``responses.construct_items(construct_id)`` (the construct's items, reverse keys applied).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from .._result import Result
from ..errors import AnalysisError
from .factorability import BartlettResult, KMOResult, bartlett, kmo

__all__ = ["ValidityResult", "validity"]

SKIP_ROLES = {"demographic", "attention_check", "kano_functional", "kano_dysfunctional", "importance"}


@dataclass(frozen=True, repr=False)
class ValidityResult(Result):
    """KMO, Bartlett and the CFA-based convergent/discriminant validity of all constructs."""

    kmo: KMOResult | None
    bartlett: BartlettResult | None
    cfa: object | None  # CFAResult, or None when it could not be estimated
    table: pd.DataFrame
    skipped: dict = field(default_factory=dict)
    issues: tuple[str, ...] = field(default_factory=tuple)

    @property
    def admissible(self) -> bool:
        return self.cfa is not None and self.cfa.admissible

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        out: list[str] = []
        if self.kmo is not None:
            out.extend(self.kmo.findings(lang=lang, style=style))
        if self.bartlett is not None:
            out.extend(self.bartlett.findings(lang=lang, style=style))
        if self.cfa is not None:
            out.extend(self.cfa.findings(lang=lang, style=style))
        for issue in self.issues:
            out.append(("注意：" if lang == "zh" else "Note: ") + issue)
        for cid, why in self.skipped.items():
            out.append(f"{cid}：{why}" if lang == "zh" else f"{cid}: {why}")
        return out


def validity(responses, *, htmt_kind: str = "arithmetic", constructs: list[str] | None = None,
             nan_policy: str = "listwise", estimator: str = "ml") -> ValidityResult:
    """KMO and Bartlett on all construct items, and a CFA with every construct as a factor.

    Returns a :class:`ValidityResult` whose ``table`` has one row per construct: ``k, cr, ave,
    sqrt_ave, max_r, max_htmt``, the checks ``cr_ok`` (≥ .70), ``ave_ok`` (≥ .50),
    ``fornell_larcker_ok`` (√AVE above every correlation with another factor) and ``htmt_ok``
    (< .85), and ``admissible``: False on every row when the CFA solution is inadmissible (its
    values are not to be interpreted) or could not be estimated (only that column). Constructs with fewer than two items or non-scale roles are listed in ``skipped``.
    ``nan_policy`` (``"listwise"`` or ``"fiml"``) and ``estimator`` (``"ml"``, or ``"dwls"`` for
    ordinal items) are the CFA's, see :func:`survey.stats.cfa.cfa`.
    """
    from .cfa import cfa

    frames = []
    model: dict[str, list[str]] = {}
    skipped: dict[str, str] = {}
    for construct in responses.questionnaire.constructs:
        cid = str(construct.id)
        if constructs is not None and cid not in constructs:
            continue
        role = getattr(construct, "role", None)
        if role in SKIP_ROLES:
            skipped[cid] = f"role {role!r} is not a multi-item scale"
            continue
        items = [str(i) for i in (getattr(construct, "items", []) or [])]
        if len(items) < 2:
            skipped[cid] = "fewer than two items: not a factor"
            continue
        frame = responses.construct_items(cid)
        frame = frame.rename(columns=str)
        model[cid] = list(frame.columns)
        frames.append(frame)
    if not frames:
        raise AnalysisError("validity: no construct with two or more items to analyse")
    data = pd.concat(frames, axis=1)
    data = data.loc[:, ~data.columns.duplicated()]
    issues: list[str] = []
    k_res = b_res = None
    try:
        k_res, b_res = kmo(data), bartlett(data)
    except AnalysisError as err:
        issues.append(f"KMO/Bartlett not computed: {err}")
    cfa_res = None
    try:
        cfa_res = cfa(data, model, htmt_kind=htmt_kind, nan_policy=nan_policy, estimator=estimator)
    except AnalysisError as err:
        issues.append(f"CFA not estimated: {err}")
    if cfa_res is not None:
        table = cfa_res.validity_table()  # an inadmissible solution says so in its own findings and table
    else:
        table = pd.DataFrame({"admissible": False}, index=pd.Index(list(model), name="factor"))
    return ValidityResult(kmo=k_res, bartlett=b_res, cfa=cfa_res, table=table, skipped=skipped, issues=tuple(issues))
