"""Measurement invariance across groups: configural, metric, scalar and strict multi-group CFA.

Each level adds equality constraints to the one before (lavaan's ``group.equal``): metric holds the
loadings equal, scalar the loadings and the intercepts (the factor means are then free in every
group but the first), strict also the residual variances. The models are fitted by
:func:`survey.stats.multigroup.fit_multigroup`; each level is compared with the one before it by
the χ² difference test and by the change in CFI, RMSEA and SRMR.

Decision (Chen, 2007, the criteria of her abstract): a level is not supported when
ΔCFI ≤ −.010 together with ΔRMSEA ≥ .015 or ΔSRMR ≥ .030 (metric) or ≥ .010 (scalar, strict).
The configural level is supported when the configural model fits acceptably by the criteria
``cfa`` uses (CFI ≥ .90, TLI ≥ .90, RMSEA ≤ .08, SRMR ≤ .08). The χ² difference test is reported
beside the decision, not used for it: with a few hundred cases it rejects trivial differences.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_not_singular
from .._result import Result
from ..errors import AnalysisError, SurveyWarning
from ..findings.format import fmt_num, fmt_p, fmt_stat
from .factorability import item_frame
from .multigroup import MultiGroupFit, fit_multigroup

__all__ = ["CHEN_2007", "LEVELS", "InvarianceResult", "multigroup_cfa"]

LEVELS = {"configural": (), "metric": ("loadings",), "scalar": ("loadings", "intercepts"),
          "strict": ("loadings", "intercepts", "residuals")}
# level: (ΔCFI at or below, ΔRMSEA at or above, ΔSRMR at or above) -> not supported (Chen, 2007)
CHEN_2007 = {"metric": (-0.010, 0.015, 0.030), "scalar": (-0.010, 0.015, 0.010), "strict": (-0.010, 0.015, 0.010)}
LEVEL_NAMES = {"zh": {"configural": "形态", "metric": "度量（弱）", "scalar": "标量（强）", "strict": "严格"},
               "en": {"configural": "configural", "metric": "metric", "scalar": "scalar", "strict": "strict"}}


def _acceptable(fit: pd.Series) -> bool:
    return bool(fit["cfi"] >= 0.90 and fit["tli"] >= 0.90 and fit["rmsea"] <= 0.08 and fit["srmr"] <= 0.08)


@dataclass(frozen=True, repr=False)
class InvarianceResult(Result):
    """Multi-group CFA at each invariance level.

    ``table``: one row per level (index ``level``): ``chisq, df, p_value, cfi, tli, rmsea, srmr``,
    then against the level before ``delta_chisq, delta_df, delta_p_value, delta_cfi, delta_rmsea,
    delta_srmr`` and ``supported`` (Chen's 2007 criteria; for the configural level, acceptable fit;
    empty when any level's solution is inadmissible, ``issues`` saying why).
    ``models``: the fitted :class:`~survey.stats.multigroup.MultiGroupFit` of each level, with its
    estimates group by group. ``n``: complete cases per group.
    """

    table: pd.DataFrame
    models: dict[str, MultiGroupFit]
    group: str
    n: pd.Series
    model: str
    issues: tuple[str, ...] = field(default_factory=tuple)

    @property
    def admissible(self) -> bool:
        return not self.issues

    @property
    def holds(self) -> tuple[str, ...]:
        """The levels supported one after the other from the configural level on."""
        out = []
        for level, ok in self.table["supported"].items():
            if not ok:
                break
            out.append(level)
        return tuple(out)

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def loadings(self, level: str = "configural") -> pd.DataFrame:
        """Standardized loadings of one level, items by groups."""
        est = self.models[level].estimates
        ld = est[est["op"] == "=~"]
        out = ld.pivot_table(index=["lhs", "rhs"], columns="group", values="std_estimate", sort=False)
        out.index.names = ["factor", "item"]
        return out[list(self.n.index)]

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        names = LEVEL_NAMES["zh" if lang == "zh" else "en"]
        t = self.table

        def b(x):
            return fmt_num(x, digits=3, bounded=True, style=style)

        base = t.iloc[0]
        zh = lang == "zh"
        groups = ("，" if zh else "; ").join(f"{g}{'组' if zh else ', '}n = {k}" for g, k in self.n.items())
        sep = "，" if zh else ", "
        fit = sep.join([f"{fmt_stat('χ²', base['chisq'], df=int(base['df']), style=style)}", fmt_p(base["p_value"], style=style),
                        f"CFI = {b(base['cfi'])}", f"TLI = {b(base['tli'])}", f"RMSEA = {b(base['rmsea'])}", f"SRMR = {b(base['srmr'])}"])
        if not self.admissible:
            why = ("；" if zh else "; ").join(self.issues)
            return ([f"按{self.group}分组（{groups}）的多组验证性因子分析得到不可接受的解（{why}），故不对测量不变性作出判断。"] if zh else
                    [f"The multi-group CFA across {self.group} ({groups}) gave an inadmissible solution ({why}); "
                     "no judgement of measurement invariance is made."])
        steps, rest = [], []
        for level, row in t.iloc[1:].iterrows():
            if steps and not steps[-1][1]:
                rest.append(names[level])
                continue
            steps.append((level, bool(row["supported"]), f"ΔCFI = {b(row['delta_cfi'])}{sep}ΔRMSEA = {b(row['delta_rmsea'])}{sep}ΔSRMR = {b(row['delta_srmr'])}"))
        holds = self.holds
        if zh:
            out = [f"以{self.group}为分组变量（{groups}）进行多组验证性因子分析，形态模型{fit}，"
                   + ("拟合可以接受。" if base["supported"] else "拟合欠佳" + ("，以下各层次的比较需谨慎解释。" if steps else "。"))]
            if steps:
                parts = [f"{names[lv]}不变性{'成立' if ok else '不成立'}（{deltas}）" for lv, ok, deltas in steps]
                out.append("测量不变性检验表明：" + "；".join(parts)
                           + (f"；{'、'.join(rest)}不变性以前一层次成立为前提，不再解释" if rest else "")
                           + "（判断标准：ΔCFI ≤ −0.010且ΔRMSEA ≥ 0.015或ΔSRMR超过临界值时视为不成立，Chen, 2007）。")
            out.append(f"综上，测量模型在各组间具有{'、'.join(names[lv] for lv in holds)}不变性。" if holds
                       else "综上，形态模型拟合欠佳，形态不变性未得到支持，宜先修正测量模型再比较各组。")
            return out
        out = [f"A multi-group CFA across {self.group} ({groups}) gave a configural model with {fit}; "
               + ("its fit is acceptable." if base["supported"] else "its fit is poor" + (", so the comparisons below need care." if steps else "."))]
        if steps:
            parts = [f"{names[lv]} invariance {'held' if ok else 'did not hold'} ({deltas})" for lv, ok, deltas in steps]
            out.append("Testing measurement invariance, " + "; ".join(parts)
                       + (f"; {_and(rest)} invariance {'is' if len(rest) == 1 else 'are'} not interpreted, as each level presupposes the one before" if rest else "")
                       + " (non-invariance: ΔCFI ≤ −.010 with ΔRMSEA ≥ .015 or ΔSRMR above its cut-off; Chen, 2007).")
        out.append(f"The measurement model thus shows {_and([names[lv] for lv in holds])} invariance across the groups." if holds
                   else "The configural model fits poorly, so configural invariance is not supported; the measurement model needs revision "
                        "before the groups are compared.")
        return out


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def _compare(table: pd.DataFrame) -> pd.DataFrame:
    """Δχ² (df, p), ΔCFI, ΔRMSEA, ΔSRMR of each level against the one before, and the decision."""
    t = table.copy()
    for col in ("chisq", "df", "cfi", "rmsea", "srmr"):
        t[f"delta_{col}"] = t[col].diff()
    t["delta_p_value"] = [np.nan] + [float(stats.chi2.sf(c, k)) if k > 0 else np.nan
                                     for c, k in zip(t["delta_chisq"].iloc[1:], t["delta_df"].iloc[1:])]
    supported = []
    for level, row in t.iterrows():
        if level == "configural":
            supported.append(_acceptable(row))
            continue
        cfi_cut, rmsea_cut, srmr_cut = CHEN_2007[level]
        supported.append(not (row["delta_cfi"] <= cfi_cut and (row["delta_rmsea"] >= rmsea_cut or row["delta_srmr"] >= srmr_cut)))
    t["supported"] = supported
    order = ["delta_chisq", "delta_df", "delta_p_value", "delta_cfi", "delta_rmsea", "delta_srmr", "supported"]
    return t[[c for c in t.columns if c not in order] + order]


def _group_frames(data: pd.DataFrame, items: list[str], group: str, *, nan_policy: str,
                  free_per_group: int) -> tuple[list[pd.DataFrame], list[str]]:
    """The complete item rows of each group (groups in order of first appearance, as lavaan), checked."""
    if group not in data.columns:
        raise AnalysisError(f"cfa: the group column {group!r} is not in the data (columns: {[str(c) for c in data.columns]})")
    if group in items:
        raise AnalysisError(f"cfa: the group column {group!r} is also an indicator of the model")
    no_group = data.index[data[group].isna()]
    if len(no_group):
        raise AnalysisError(f"cfa: {len(no_group)} row(s) have no value in the group column {group!r} (rows "
                            f"{[str(r) for r in no_group[:10]]}); drop them or give them a group before a multi-group CFA")
    frame = item_frame(data[items], what="cfa", nan_policy=nan_policy if nan_policy != "pairwise" else "listwise")
    labels = data.loc[frame.index, group]
    groups = list(pd.unique(labels))
    if len(groups) < 2:
        raise AnalysisError(f"cfa: the group column {group!r} has {len(groups)} level(s) among the complete cases "
                            f"({[str(g) for g in groups]}); a multi-group CFA needs two or more groups")
    frames = []
    for g in groups:
        part = frame[labels == g]
        if len(part) < free_per_group:
            raise AnalysisError(f"cfa: group {g!r} of {group!r} has {len(part)} complete case(s), fewer than the "
                                f"{free_per_group} free parameters each group's configural model estimates")
        part = item_frame(part, what=f"cfa (group {g!r} of {group!r})", nan_policy="raise")
        check_not_singular(np.corrcoef(part.to_numpy(), rowvar=False), items, what=f"cfa (group {g!r} of {group!r})")
        frames.append(part)
    return frames, [str(g) for g in groups]


def multigroup_cfa(
    data: pd.DataFrame,
    model: str | dict,
    *,
    group: str,
    invariance: bool = False,
    levels: tuple[str, ...] | list[str] | None = None,
    nan_policy: str = "listwise",
) -> InvarianceResult:
    """Multi-group CFA across the levels of ``group``: the configural model only, or with
    ``invariance=True`` each level of ``levels`` (default configural, metric, scalar, strict)
    compared with the one before. ``sv.cfa(data, model, group=…, invariance=…)`` comes here."""
    from .higher_order import split_levels

    first, second, covs = split_levels(model)
    if second:
        raise AnalysisError(f"cfa: a multi-group model with second-order factors ({list(second)}) is not supported; "
                            "fit the first-order model across groups")
    factors = first
    items = list(dict.fromkeys(sum(factors.values(), [])))
    missing = [i for i in items if i not in data.columns]
    if missing:
        raise AnalysisError(f"cfa: model items not in the data: {missing}")
    if any(a in factors or b in factors for a, b in covs):
        raise AnalysisError("cfa: a multi-group model takes covariances between items only; factor covariances are free already")
    levels = tuple(levels) if levels is not None else tuple(LEVELS) if invariance else ("configural",)
    bad = [lv for lv in levels if lv not in LEVELS]
    if bad or not levels or levels[0] != "configural" or list(levels) != sorted(set(levels), key=list(LEVELS).index):
        raise AnalysisError(f"cfa: invariance levels must start with 'configural' and follow the order {list(LEVELS)}, got {list(levels)}")
    m = len(factors)
    free_per_group = (len(items) - m) + m * (m + 1) // 2 + 2 * len(items) + len(covs)
    frames, groups = _group_frames(data, items, group, nan_policy=nan_policy, free_per_group=free_per_group)
    models = {lv: fit_multigroup(frames, factors, groups=groups, covs=covs, equal=LEVELS[lv]) for lv in levels}
    table = pd.DataFrame({lv: fit[["chisq", "df", "p_value", "cfi", "tli", "rmsea", "srmr"]]
                          for lv, fit in ((lv, mod.fit) for lv, mod in models.items())}).T.astype(float)
    table.index.name = "level"
    issues = tuple(f"{lv}: {i}" for lv, mod in models.items() for i in mod.issues)
    if issues:
        warnings.warn("cfa: inadmissible multi-group solution: " + "; ".join(issues), SurveyWarning, stacklevel=3)
    syntax = "\n".join(f"{f} =~ {' + '.join(v)}" for f, v in factors.items()) + "".join(f"\n{a} ~~ {b}" for a, b in covs)
    table = _compare(table)
    if issues:  # no decision on an inadmissible solution
        table["supported"] = pd.Series([None] * len(table), index=table.index, dtype=object)
    return InvarianceResult(table=table, models=models, group=group,
                            n=pd.Series({g: len(f) for g, f in zip(groups, frames)}, name="n"), model=syntax, issues=issues)
