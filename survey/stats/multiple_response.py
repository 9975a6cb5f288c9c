"""Multiple-response (多选题) analysis: counts, response and case percentages, tests across options
and across groups, and the "other" texts.

A multiple-choice item arrives as one 0/1 column per option (``<item>_<code>``, as the loaders
write it; 1 = chosen). The *cases* are the respondents who chose at least one option (SPSS
``MULT RESPONSE``'s valid cases); a respondent whose option columns are all missing did not answer,
and one with every option 0 answered without choosing: both are counted, not used. In a row with a
choice, an empty option cell means "not chosen" (the loaders' convention for split exports).

- ``response_percent`` = count / all choices (sums to 100); ``case_percent`` = count / cases (sums
  to the mean number of choices × 100);
- Cochran's Q tests whether every option is chosen by the same share of the cases:
  Q = (k − 1)(k ΣC_j² − N²)/(k N − ΣR_i²), df = k − 1 (C_j option totals, R_i choices per case,
  N all choices);
- with a group, each option's chosen/not-chosen × group table gets Pearson's χ² without continuity
  correction (R ``chisq.test(correct = FALSE)``), Cramér's V, and a Holm adjustment across the
  options (R ``p.adjust(method = "holm")``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_num, fmt_p
from ._diffutil import lang_style
from .multiple import adjust_p

__all__ = ["MultipleResponseResult", "multiple_response"]


@dataclass(frozen=True, repr=False)
class MultipleResponseResult(Result):
    """Counts and percentages of one multiple-choice item, with its tests.

    ``table``: one row per option (index ``option``, the data column): ``n`` (times chosen),
    ``response_percent``, ``case_percent`` (0–100). ``by_group``: per option and group, ``n``,
    ``n_cases`` (cases in the group) and ``case_percent``; ``group_tests``: per option ``statistic``
    (χ²), ``df``, ``p_value``, ``p_adjusted``, ``cramers_v``, ``share_expected_below_5``; an option
    chosen by every case or by none has nothing to test (statistic and p values missing, left out
    of the adjustment).
    ``labels`` maps an option (and the item, and each group) to its label per language.
    """

    item: str
    table: pd.DataFrame
    n_cases: int
    n_responses: int
    n_no_choice: int
    n_missing: int
    cochran_q: float
    cochran_df: int
    cochran_p_value: float
    by: str | None = None
    by_group: pd.DataFrame | None = None
    group_tests: pd.DataFrame | None = None
    n_group_missing: int = 0
    adjust: str = "holm"
    other_texts: tuple[str, ...] = field(default_factory=tuple)
    labels: Mapping[str, Mapping[object, str]] = field(default_factory=dict)

    def label(self, key: object, lang: str = "en") -> str:
        """The label of an option, group or the item in ``lang`` (its id when none is known)."""
        return str(self.labels.get(lang, {}).get(key, key))

    def to_frame(self) -> pd.DataFrame:
        """The option table with a closing total row (as SPSS prints it)."""
        total = pd.DataFrame(
            {"n": [self.n_responses], "response_percent": [100.0], "case_percent": [100.0 * self.n_responses / self.n_cases]},
            index=pd.Index(["total"], name="option"),
        )
        return pd.concat([self.table, total])

    def crosstab_frame(self, lang: str = "en") -> pd.DataFrame:
        """Option × group case percentages with each option's χ² test (None without a group)."""
        if self.by_group is None or self.group_tests is None:
            return None
        wide = self.by_group.pivot(index="option", columns="group", values="case_percent").reindex(self.table.index)
        wide.columns = [self.label(g, lang) for g in wide.columns]
        return wide.join(self.group_tests[["statistic", "df", "p_value", "p_adjusted"]])

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        lang, style = lang_style(lang, style)
        item = self.label(self.item, lang)
        order = self.table.sort_values("n", ascending=False, kind="stable")
        top = [(self.label(o, lang), row) for o, row in order.head(3).iterrows()]
        mean_k = fmt_num(self.n_responses / self.n_cases, style=style)
        q = f"Q = {fmt_num(self.cochran_q, style=style)}"
        p = fmt_p(self.cochran_p_value, style=style)
        sig = self.cochran_p_value < 0.05
        out = []
        if lang == "zh":
            parts = [f"“{name}”（{int(r['n'])}次，占个案的{r['case_percent']:.1f}%）" for name, r in top]
            ranked = parts[0] + ("，其次是" + "、".join(parts[1:]) if len(parts) > 1 else "")
            out.append(f"“{item}”为多选题，有效个案{self.n_cases}人，共选择{self.n_responses}项（人均{mean_k}项）。选择最多的是{ranked}。")
            out.append(f"Cochran's Q检验表明，各选项被选择的比例{'存在' if sig else '不存在'}显著差异（{q}，df = {self.cochran_df}，{p}）。")
            if self.n_no_choice or self.n_missing:
                out.append(f"另有{self.n_missing}人未作答、{self.n_no_choice}人未选择任何选项，未计入个案。")
        else:
            ranked = "; ".join(f"{name} ({int(r['n'])}, {r['case_percent']:.1f}% of cases)" for name, r in top)
            out.append(f"{item} (multiple choice): {self.n_cases} cases chose {self.n_responses} options in all "
                       f"({mean_k} per case). Most chosen: {ranked}.")
            out.append(f"The options were {'not ' if not sig else ''}chosen by significantly different shares of cases "
                       f"(Cochran's {q}, df = {self.cochran_df}, {p}).")
            if self.n_no_choice or self.n_missing:
                out.append(f"{self.n_missing} respondents did not answer and {self.n_no_choice} chose no option; they are not cases.")
        if self.group_tests is not None:
            by = self.label(self.by, lang)
            hits = self.group_tests[self.group_tests["p_adjusted"] < 0.05]
            adj = "Holm" if self.adjust == "holm" else self.adjust
            if lang == "zh":
                if len(hits):
                    parts = "；".join(f"“{self.label(o, lang)}”（χ² = {fmt_num(r['statistic'], style=style)}，df = {int(r['df'])}，"
                                     f"{adj}校正后{fmt_p(r['p_adjusted'], style=style)}）" for o, r in hits.iterrows())
                    out.append(f"不同{by}的人选择以下选项的比例存在显著差异：{parts}。")
                else:
                    out.append(f"经{adj}校正后，不同{by}的人在各选项上的选择比例均无显著差异。")
            else:
                if len(hits):
                    parts = "; ".join(f"{self.label(o, lang)} (χ²({int(r['df'])}) = {fmt_num(r['statistic'], style=style)}, "
                                     f"{adj}-adjusted {fmt_p(r['p_adjusted'], style=style)})" for o, r in hits.iterrows())
                    out.append(f"The share choosing these options differed by {by}: {parts}.")
                else:
                    out.append(f"No option's share differed by {by} after {adj} adjustment.")
        return out

    def plot(self, ax=None, lang: str = "en"):
        from ..figures.multiple import plot_multiple_response

        return plot_multiple_response(self, ax=ax, lang=lang)


def _option_columns(data: pd.DataFrame, item: str | None, options: Sequence[str] | None) -> list[str]:
    if options is not None:
        cols = [str(c) for c in options]
    elif item is not None:
        prefix = f"{item}_"
        cols = [c for c in data.columns if isinstance(c, str) and c.startswith(prefix) and c[len(prefix):].isdigit()]
        cols.sort(key=lambda c: int(c[len(prefix):]))
    else:
        raise AnalysisError("multiple_response needs item= (the item id, columns '<item>_<code>') or options= (the 0/1 columns)")
    absent = [c for c in cols if c not in data.columns]
    if absent:
        raise AnalysisError(f"multiple_response: option columns not in the data: {absent}")
    if len(cols) < 2:
        raise AnalysisError(f"multiple_response({item!r}): a multiple-choice item needs at least 2 option columns, found {cols}")
    return cols


def _binary(frame: pd.DataFrame, what: str) -> pd.DataFrame:
    bad = {}
    for c in frame.columns:
        s = frame[c]
        if not (pd.api.types.is_numeric_dtype(s) or pd.api.types.is_bool_dtype(s)):
            bad[c] = s.dropna().unique()[:5].tolist()
            continue
        wrong = s.dropna()[~s.dropna().isin([0, 1])]
        if len(wrong):
            bad[c] = wrong.unique()[:5].tolist()
    if bad:
        raise AnalysisError(f"{what}: option columns must hold 0 (not chosen) or 1 (chosen); other values in {bad}")
    return frame.astype("float64")


def cochran_q(x: np.ndarray) -> tuple[float, int, float]:
    """Cochran's Q of an (n × k) 0/1 array: (Q, df, p)."""
    k = x.shape[1]
    col = x.sum(axis=0)
    row = x.sum(axis=1)
    total = x.sum()
    denominator = k * total - (row**2).sum()
    if denominator <= 0:
        raise AnalysisError("Cochran's Q is not defined: every case chose every option (or none)")
    q = (k - 1) * (k * (col**2).sum() - total**2) / denominator
    return float(q), k - 1, float(stats.chi2.sf(q, k - 1))


def _group_tests(chosen: pd.DataFrame, groups: pd.Series, levels: list, adjust: str, what: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    size = groups.value_counts().reindex(levels).to_numpy()
    rows, tests = [], []
    for option in chosen.columns:
        yes = chosen[option].groupby(groups).sum().reindex(levels).to_numpy()
        obs = np.vstack([yes, size - yes])
        for g, n_yes, n_g in zip(levels, yes, size):
            rows.append({"option": option, "group": g, "n": int(n_yes), "n_cases": int(n_g), "case_percent": 100.0 * n_yes / n_g})
        if (obs.sum(axis=1) == 0).any():  # chosen by every case or by none: no association to test
            tests.append({"option": option, "statistic": np.nan, "df": len(levels) - 1, "p_value": np.nan, "cramers_v": np.nan, "share_expected_below_5": np.nan})
            continue
        chi2, p, dof, exp = stats.chi2_contingency(obs, correction=False)
        n = obs.sum()
        tests.append({"option": option, "statistic": float(chi2), "df": int(dof), "p_value": float(p),
                      "cramers_v": float(np.sqrt(chi2 / n)), "share_expected_below_5": float((exp < 5).mean())})
    table = pd.DataFrame(tests).set_index("option")
    testable = table["p_value"].notna()
    table.insert(3, "p_adjusted", np.nan)
    if testable.any():
        table.loc[testable, "p_adjusted"] = adjust_p(table.loc[testable, "p_value"], method=adjust).to_numpy()
    return pd.DataFrame(rows), table


def multiple_response(
    data,
    *,
    item: str | None = None,
    options: Sequence[str] | None = None,
    by: str | None = None,
    other: str | None = None,
    adjust: str = "holm",
    labels: Mapping[str, Mapping[object, str]] | None = None,
) -> MultipleResponseResult:
    """Counts, response % and case % of a multiple-choice item, Cochran's Q and tests by group.

    Parameters
    ----------
    data : DataFrame or Responses
        0/1 option columns (1 = chosen), or loaded responses: then ``item`` names a ``multiple``
        item of the questionnaire, its options and labels come from its scale, and the labels of
        ``by`` from that item's scale.
    item : str
        The item id; its columns are ``<item>_<code>`` (as the loaders write them).
    options : sequence of str, optional
        The option columns, when they are not named ``<item>_<code>``.
    by : str, optional
        A grouping column: each option's share is compared across its groups (χ², ``adjust``).
    other : str, optional
        The column of "other, please specify" texts (default ``<item>_other`` when present).
    adjust : {"holm", "bonferroni", "hochberg", "fdr_bh", "fdr_by"}
        Correction of the per-option p values across the options.
    labels : mapping, optional
        ``{"zh": {column: label}, "en": {...}}`` for options, the item and groups.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"use_1": [1, 1, 0, 1], "use_2": [0, 1, 1, 1], "use_3": [0, 0, 0, 1]})
    >>> res = multiple_response(df, item="use")
    >>> res.table["n"].tolist(), res.n_cases, res.n_responses
    ([3.0, 3.0, 1.0], 4, 7)
    """
    names: dict[str, dict[object, str]] = {lang: dict(m) for lang, m in (labels or {}).items()}
    if not isinstance(data, pd.DataFrame):
        data, names = _from_responses(data, item, by, names)
    what = f"multiple_response({item!r})" if item else "multiple_response"
    cols = _option_columns(data, item, options)
    frame = _binary(data[cols], what)
    item = item or "item"
    answered = frame.notna().any(axis=1)
    chosen = frame.fillna(0.0)
    any_choice = answered & (chosen.sum(axis=1) > 0)
    n_missing = int((~answered).sum())
    n_no_choice = int((answered & ~any_choice).sum())
    cases = chosen.loc[any_choice]
    if cases.empty:
        raise AnalysisError(f"{what}: no respondent chose any option ({n_missing} did not answer, {n_no_choice} chose nothing)")
    if len(cases) < 2:
        raise AnalysisError(f"{what}: needs at least 2 cases (respondents with a choice), got {len(cases)}")
    counts = cases.sum()
    n_resp = int(counts.sum())
    table = pd.DataFrame({"n": counts, "response_percent": 100.0 * counts / n_resp, "case_percent": 100.0 * counts / len(cases)})
    table.index.name = "option"
    q, q_df, q_p = cochran_q(cases.to_numpy())
    by_group = tests = None
    n_group_missing = 0
    if by is not None:
        if by not in data.columns:
            raise AnalysisError(f"{what}: grouping column {by!r} is not in the data")
        groups = data.loc[cases.index, by]
        n_group_missing = int(groups.isna().sum())
        keep = groups.notna()
        levels = sorted(groups[keep].unique().tolist(), key=lambda v: (isinstance(v, str), v))
        if len(levels) < 2:
            raise AnalysisError(f"{what}: {by!r} needs at least 2 groups among the cases, found {levels}")
        by_group, tests = _group_tests(cases.loc[keep], groups[keep], levels, adjust, what)
    other = other or (f"{item}_other" if f"{item}_other" in data.columns else None)
    texts: tuple[str, ...] = ()
    if other is not None:
        if other not in data.columns:
            raise AnalysisError(f"{what}: the 'other' column {other!r} is not in the data")
        raw = data.loc[answered, other].dropna().astype(str).str.strip()
        texts = tuple(t for t in raw if t and t.lower() not in ("nan", "none"))
    return MultipleResponseResult(
        item=item, table=table, n_cases=len(cases), n_responses=n_resp, n_no_choice=n_no_choice, n_missing=n_missing,
        cochran_q=q, cochran_df=q_df, cochran_p_value=q_p, by=by, by_group=by_group, group_tests=tests,
        n_group_missing=n_group_missing, adjust=adjust, other_texts=texts, labels=names,
    )


def _from_responses(responses, item, by, names):
    """The data and labels of a multiple item of loaded responses."""
    q = responses.require_questionnaire("multiple_response")
    if item is None:
        raise AnalysisError("multiple_response on responses needs item= (the id of a multiple-choice item)")
    try:
        spec = q.item(item)
    except KeyError:
        raise AnalysisError(f"multiple_response: no item {item!r} in questionnaire {q.id!r}") from None
    if spec.type != "multiple":
        raise AnalysisError(f"multiple_response: item {item!r} is a {spec.type} item, not a multiple-choice item")
    scale = q.scales[spec.scale]
    for lang in ("zh", "en"):
        m = names.setdefault(lang, {})
        m.setdefault(item, (spec.short or spec.text).get(lang))
        for code, text in scale.labels.items():
            m.setdefault(f"{item}_{code}", text.get(lang))
        if by is not None:
            try:
                by_spec = q.item(by)
                m.setdefault(by, (by_spec.short or by_spec.text).get(lang))
                if by_spec.scale:
                    for code, text in q.scales[by_spec.scale].labels.items():
                        m.setdefault(float(code), text.get(lang))
            except KeyError:
                pass
    return responses.data, names
