"""Policy-text analysis on a two-dimensional framework: policy instruments × the stages of talent work.

A framework is a YAML file with two (or more) dimensions, each a small codebook of its own: the
X dimension of Rothwell & Zegveld (1985), supply-side, environmental and demand-side instruments
(供给型, 环境型, 需求型) as themes with sub-instruments (资金投入, 人才培养, 税收优惠, 政府采购 …)
as codes, and a Y dimension such as the stages of talent work (引进, 培养, 使用, 评价, 激励,
服务保障). Code and theme ids are unique across dimensions, so an ordinary coding table
(``segment_id, coder, code``, the clause id as ``segment_id``) says by its codes which dimension each
row belongs to: :func:`load_coding`, :func:`propose_codes` and :func:`agreement` work unchanged,
given ``framework.combined`` as the codebook.

Counting (:func:`policy_matrix`): a clause counts once for each category it carries on a dimension
(a sub-instrument rolled up to its instrument type when the dimension's ``level`` is ``theme``).
Shares are of all codings on a dimension. A matrix cell counts the clauses carrying both categories;
a clause coded on one dimension only is counted in an "uncoded" row or column, never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import pandas as pd
from pydantic import Field, model_validator

from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_num
from .agreement import AgreementResult, agreement
from .codebook import _ID, Code, Codebook, Text, Theme, _Strict, read_model
from .counting import resolve_coding
from .transcripts import segments_frame

__all__ = ["PolicyFramework", "Dimension", "PolicyMatrixResult", "load_policy_framework", "bundled_frameworks", "policy_matrix",
           "policy_agreement", "UNCODED"]

_BUNDLED = Path(__file__).with_name("frameworks")
UNCODED = "_uncoded"


class Dimension(_Strict):
    """One dimension of a framework: its categories as a small codebook (themes and codes)."""

    id: str = Field(pattern=_ID)
    name: Text
    definition: Text | None = None
    level: Literal["theme", "code"] = "code"
    themes: tuple[Theme, ...] = ()
    codes: tuple[Code, ...]

    @model_validator(mode="after")
    def _check(self) -> "Dimension":
        if self.level == "theme":
            loose = [c.id for c in self.codes if c.theme is None]
            if not self.themes or loose:
                raise ValueError(f"level 'theme' counts codes by their theme; codes without a theme: {loose or 'no themes given'}")
        self.codebook  # noqa: B018 - validates themes and codes as a codebook
        return self

    @cached_property
    def codebook(self) -> Codebook:
        return Codebook(id=self.id, name=self.name, themes=self.themes, codes=self.codes)

    @property
    def categories(self) -> list[str]:
        """The categories counted: top-level themes (``level: theme``) or codes, in file order."""
        if self.level == "code":
            return self.codebook.code_ids
        return [t.id for t in self.themes if t.parent is None]

    def category_of(self, code: str) -> str:
        return self.codebook.theme_path(code)[0] if self.level == "theme" else code


class PolicyFramework(_Strict):
    """A validated framework of two or more coding dimensions (see the module notes)."""

    id: str = Field(pattern=_ID)
    name: Text
    version: str = "1"
    description: Text | None = None
    source: str | None = None
    dimensions: tuple[Dimension, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _unique(self) -> "PolicyFramework":
        ids = [d.id for d in self.dimensions] + [x.id for d in self.dimensions for x in (*d.themes, *d.codes)]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"ids must be unique across dimensions, themes and codes: {dupes} used twice")
        return self

    @cached_property
    def combined(self) -> Codebook:
        """Every dimension's codes and themes in one codebook, for load_coding and propose_codes."""
        return Codebook(id=self.id, name=self.name, themes=tuple(t for d in self.dimensions for t in d.themes),
                        codes=tuple(c for d in self.dimensions for c in d.codes))

    def dimension(self, key: str) -> Dimension:
        for d in self.dimensions:
            if d.id == key:
                return d
        raise AnalysisError(f"framework {self.id!r} has no dimension {key!r}; dimensions: {[d.id for d in self.dimensions]}")

    def dimension_of(self, code: str) -> Dimension | None:
        return next((d for d in self.dimensions if code in d.codebook), None)

    def label(self, key: str, lang: str = "en") -> str:
        """Name of a dimension, theme or code in ``lang`` (the id when unknown)."""
        for d in self.dimensions:
            if d.id == key:
                return d.name.get(lang)
        return self.combined.label(key, lang)


def bundled_frameworks() -> list[str]:
    """Names of the frameworks shipped with the package."""
    return sorted(p.stem for p in _BUNDLED.glob("*.yaml"))


def load_policy_framework(source: str | Path | dict | PolicyFramework) -> PolicyFramework:
    """Load a framework: a bundled name (``"talent_policy"``), a YAML path or a dict.

    Examples
    --------
    >>> fw = load_policy_framework("talent_policy")
    >>> [d.id for d in fw.dimensions], fw.dimension("instrument").categories
    (['instrument', 'stage'], ['supply', 'environment', 'demand'])
    >>> fw.label("funding", "zh"), fw.dimension("instrument").category_of("funding")
    ('资金投入', 'supply')
    """
    if isinstance(source, PolicyFramework):
        return source
    return read_model(source, PolicyFramework, bundled=_BUNDLED, what="policy framework")


# -- counting ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PolicyMatrixResult(Result):
    """The instrument × stage matrix.

    ``counts`` (rows: the row dimension's categories, columns: the column dimension's, each with a
    ``total``; an ``_uncoded`` row or column only when some clause is coded on one dimension only):
    clauses carrying both categories. ``percent``: the same as % of the grand total (0–100).
    ``shares``: one row per (dimension, category): ``n`` codings and ``pct`` of the dimension's
    codings. ``code_shares``: one row per code: ``dimension, category, n, pct_of_category, pct``.
    ``n_multi``: clauses carrying more than one category on a dimension.
    """

    counts: pd.DataFrame
    percent: pd.DataFrame
    shares: pd.DataFrame
    code_shares: pd.DataFrame
    rows: str
    columns: str
    names: dict = field(repr=False)
    n_clauses: int
    n_clauses_total: int | None
    n_multi: dict
    coder: str

    def to_frame(self) -> pd.DataFrame:
        """Long form: one row per cell with ``n`` and ``pct``."""
        body = self.counts.drop(index="total", columns="total")
        out = body.stack().rename("n").to_frame()
        out["pct"] = self.percent.drop(index="total", columns="total").stack()
        out.index.names = [self.rows, self.columns]
        return out.reset_index()

    def name(self, key: str, lang: str) -> str:
        if key == UNCODED:
            return "未编码" if lang == "zh" else "not coded"
        if key == "total":
            return "合计" if lang == "zh" else "Total"
        return self.names.get(lang, {}).get(key, key)

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        zh = lang == "zh"
        pct = (lambda v: f"{fmt_num(v, digits=1, style=style)}%")
        n_ = (lambda k: self.name(k, lang))
        out = []
        parts = []
        for k, dim in enumerate((self.rows, self.columns)):
            s = self.shares.loc[self.shares["dimension"] == dim].set_index("category")["pct"]
            top = [c for c in s.index if s[c] == s.max()]
            low = [c for c in s.index if s[c] == s.min()]
            dname = n_(dim)
            if zh:
                top_names = "、".join(n_(c) + ("" if n_(c).endswith(dname) or k else dname) for c in top)
                lead = "" if k == 0 else f"从{dname}看，"
                parts.append(f"{lead}{top_names}{'使用最多' if k == 0 else '最多'}（占{pct(s.max())}），{'、'.join(n_(c) for c in low)}最少（{pct(s.min())}）")
            else:
                verb = "used" if k == 0 else "addressed"
                parts.append(f"by {dname.lower()}, {_and([n_(c) for c in top])} {'were' if len(top) > 1 else 'was'} {verb} most "
                             f"({pct(s.max())} of codings), {_and([n_(c) for c in low])} least ({pct(s.min())})")
        out.append(("；".join(parts) + "。") if zh else ("B" + "; ".join(parts)[1:] + "."))
        subs = []
        cs = self.code_shares.loc[self.code_shares["dimension"] == self.rows]
        if cs["category"].ne(cs["code"]).any():
            for cat, group in cs.groupby("category", sort=False):
                if group["n"].sum() == 0:
                    continue
                best = group.loc[group["n"] == group["n"].max()]
                share = pct(best["pct_of_category"].iloc[0])
                if zh:
                    subs.append(f"{n_(cat)}以{'、'.join(n_(c) for c in best['code'])}为主（{'各' if len(best) > 1 else ''}占该类的{share}）")
                else:
                    subs.append(f"{_and([n_(c) for c in best['code']])} led the {n_(cat)} instruments ({share} of them{' each' if len(best) > 1 else ''})")
            if subs:
                out.append(("从具体工具看，" + "，".join(subs) + "。") if zh else ("Within the types, " + "; ".join(subs) + "."))
        body = self.counts.drop(index="total", columns="total")
        body = body.loc[[r for r in body.index if r != UNCODED], [c for c in body.columns if c != UNCODED]]
        grand = float(self.counts.loc["total", "total"])
        if body.size and grand:
            n = int(body.to_numpy().max())
            top = [(a, b) for a in body.index for b in body.columns if body.loc[a, b] == n]
            empty = [(a, b) for a in body.index for b in body.columns if body.loc[a, b] == 0]
            if zh:
                text = f"二者交叉来看，{'、'.join(f'“{n_(a)}×{n_(b)}”' for a, b in top)}组合最多（{'各' if len(top) > 1 else ''}{n}条，占{pct(100 * n / grand)}）"
                text += (f"；{'、'.join(f'“{n_(a)}×{n_(b)}”' for a, b in empty[:6])}{'等' if len(empty) > 6 else ''}{len(empty)}个组合没有条款，存在政策空白。" if empty
                         else "；各组合均有条款涉及。")
            else:
                pairs = _and([f"{n_(a)} × {n_(b)}" for a, b in top])
                text = (f"Across both dimensions, {pairs} {'were the most frequent combinations' if len(top) > 1 else 'was the most frequent combination'} "
                        f"({n} clauses{' each' if len(top) > 1 else ''}, {pct(100 * n / grand)})")
                text += (f"; {len(empty)} combination(s) had no clause ({', '.join(f'{n_(a)} × {n_(b)}' for a, b in empty[:6])}{', …' if len(empty) > 6 else ''}), "
                         "gaps in the policy mix." if empty else "; every combination was addressed by some clause.")
            out.append(text)
        multi = {d: k for d, k in self.n_multi.items() if k}
        if multi:
            out.append("；".join(f"{k}个条款在{n_(d)}维度上有多个编码，按每个编码各计一次" for d, k in multi.items()) + "。" if zh
                       else "; ".join(f"{k} clause(s) carry several codes on {n_(d).lower()}, each counted once" for d, k in multi.items()) + ".")
        if UNCODED in self.counts.index or UNCODED in self.counts.columns:
            k = int(self.counts.loc[UNCODED, "total"] if UNCODED in self.counts.index else 0) + int(self.counts.loc["total", UNCODED] if UNCODED in self.counts.columns else 0)
            out.append(f"另有{k}个条款只在一个维度上编码，列入“未编码”行或列。" if zh else f"{k} clause(s) are coded on one dimension only and appear under 'not coded'.")
        return out

    def plot(self, ax=None, lang: str = "en"):
        from ..figures.policy import plot_policy_matrix

        return plot_policy_matrix(self, ax=ax, lang=lang)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _applied(coding: pd.DataFrame, fw: PolicyFramework, coder: str | None, merge: str | None) -> tuple[pd.DataFrame, str]:
    coders = sorted(coding["coder"].unique()) if "coder" in coding.columns else []
    used = coder or (merge and f"merge:{merge}") or (coders[0] if len(coders) == 1 else "")
    applied = resolve_coding(coding, coder=coder, merge=merge)
    unknown = sorted(set(applied["code"]) - set(fw.combined.code_ids))
    if unknown:
        raise AnalysisError(f"codes {unknown} are in no dimension of framework {fw.id!r} (load the coding with load_coding(..., codebook=framework.combined))")
    return applied, used


def policy_matrix(
    coding: pd.DataFrame,
    framework: PolicyFramework | str | Path = "talent_policy",
    documents=None,
    *,
    rows: str | None = None,
    columns: str | None = None,
    coder: str | None = None,
    merge: str | None = None,
) -> PolicyMatrixResult:
    """Cross the codings of two dimensions into a matrix of clause counts and percentages.

    Parameters
    ----------
    coding
        A coding table (``segment_id, coder, code``; clause ids as segment ids).
    framework
        A framework or a bundled name.
    documents
        The documents (their clauses); when given, every coded clause must be one of them.
    rows, columns
        Dimension ids (default: the framework's first and second).
    coder, merge
        One coder's codes, or a merge rule over coders (``"union"``, ``"majority"``, ``"all"``).

    Examples
    --------
    >>> coding = pd.DataFrame({"segment_id": ["D1-第一条", "D1-第一条", "D1-第二条", "D1-第二条", "D1-第三条", "D1-第三条"],
    ...                        "coder": "A", "code": ["funding", "attraction", "tax", "attraction", "training", "development"]})
    >>> m = policy_matrix(coding, "talent_policy")
    >>> m.counts.loc[["supply", "environment", "total"], ["attraction", "development", "total"]].to_numpy().tolist()
    [[1, 1, 2], [1, 0, 1], [2, 1, 3]]
    """
    fw = load_policy_framework(framework)
    row_dim = fw.dimension(rows or fw.dimensions[0].id)
    col_dim = fw.dimension(columns or fw.dimensions[1].id)
    if row_dim.id == col_dim.id:
        raise AnalysisError(f"rows and columns must be two different dimensions, got {row_dim.id!r} twice")
    applied, used = _applied(coding, fw, coder, merge)
    n_total = None
    if documents is not None:
        known = set(segments_frame(documents)["segment_id"])
        lost = sorted(set(applied["segment_id"]) - known)
        if lost:
            raise AnalysisError(f"coded clauses that are not in the documents: {lost[:10]} (load the coding with segments=documents to check ids)")
        n_total = len(known)
    per_dim, shares, code_rows, n_multi = {}, [], [], {}
    for dim in fw.dimensions:
        sub = applied.loc[applied["code"].isin(dim.codebook.code_ids)].copy()
        sub["category"] = [dim.category_of(c) for c in sub["code"]]
        cats = sub[["segment_id", "category"]].drop_duplicates()
        per_dim[dim.id] = cats
        n_multi[dim.id] = int((cats.groupby("segment_id").size() > 1).sum())
        counts = cats["category"].value_counts().reindex(dim.categories, fill_value=0)
        total = counts.sum()
        for cat, n in counts.items():
            shares.append({"dimension": dim.id, "category": cat, "n": int(n), "pct": 100.0 * n / total if total else float("nan")})
        by_code = sub.drop_duplicates(["segment_id", "code"])["code"].value_counts()
        for code in dim.codebook.code_ids:
            cat = dim.category_of(code)
            n, in_cat = int(by_code.get(code, 0)), int(by_code[[c for c in dim.codebook.code_ids if dim.category_of(c) == cat and c in by_code]].sum())
            code_rows.append({"dimension": dim.id, "category": cat, "code": code, "n": n,
                              "pct_of_category": 100.0 * n / in_cat if in_cat else float("nan"),
                              "pct": 100.0 * n / by_code.sum() if by_code.sum() else float("nan")})
    r, c = per_dim[row_dim.id], per_dim[col_dim.id]
    if r.empty or c.empty:
        empty = row_dim.id if r.empty else col_dim.id
        raise AnalysisError(f"no clause is coded on dimension {empty!r}: the matrix needs codes on both dimensions")
    pairs = r.merge(c, on="segment_id", how="outer", suffixes=("_row", "_col")).fillna(UNCODED)
    row_order = row_dim.categories + ([UNCODED] if (pairs["category_row"] == UNCODED).any() else [])
    col_order = col_dim.categories + ([UNCODED] if (pairs["category_col"] == UNCODED).any() else [])
    counts = pd.crosstab(pairs["category_row"], pairs["category_col"]).reindex(index=row_order, columns=col_order, fill_value=0).astype("int64")
    counts.index.name, counts.columns.name = row_dim.id, col_dim.id
    counts["total"] = counts.sum(axis=1)
    counts.loc["total"] = counts.sum(axis=0)
    grand = counts.loc["total", "total"]
    percent = 100.0 * counts / grand
    names = {lang: {k: fw.label(k, lang) for k in (row_dim.id, col_dim.id, *fw.combined.code_ids, *(t.id for t in fw.combined.themes))} for lang in ("zh", "en")}
    return PolicyMatrixResult(counts, percent, pd.DataFrame(shares), pd.DataFrame(code_rows), row_dim.id, col_dim.id, names,
                              int(pairs["segment_id"].nunique()), n_total, n_multi, used)


def policy_agreement(
    coding: pd.DataFrame,
    framework: PolicyFramework | str | Path = "talent_policy",
    documents=None,
    *,
    coders: list[str] | None = None,
    uncoded: str = "exclude",
    n_boot: int = 1000,
    seed: int | None = 0,
    ci_level: float = 0.95,
) -> dict[str, AgreementResult]:
    """Inter-coder agreement per dimension (:func:`agreement` on each dimension's codes).

    Each dimension is judged on its own: units are the clauses that at least one coder coded on
    that dimension (``uncoded="include"``: every clause of ``documents``).
    """
    fw = load_policy_framework(framework)
    out = {}
    for dim in fw.dimensions:
        sub = coding.loc[coding["code"].isin(dim.codebook.code_ids)]
        if sub.empty:
            raise AnalysisError(f"no coder coded dimension {dim.id!r}: agreement cannot be computed")
        out[dim.id] = agreement(sub, documents, coders=coders, codes=[c for c in dim.codebook.code_ids if c in set(sub["code"])],
                                uncoded=uncoded, role=None, n_boot=n_boot, seed=seed, ci_level=ci_level)
    return out
