"""Counting codes: frequencies by segment and interviewee, theme roll-ups, co-occurrence, code × attribute.

A code is counted once per segment (a segment either carries it or not) and once per interviewee
(they raised it or not). With several coders, choose one (``coder="A"``) or a merge rule
(``merge="union"``, ``"majority"``, ``"all"``); counting never mixes coders silently.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError
from ..findings import Finding, KeyedFindings
from ..findings.format import fmt_num
from .codebook import Codebook, load_codebook
from .transcripts import segments_frame

__all__ = ["code_frequencies", "cooccurrence", "code_by_attribute", "CodeFrequencyResult", "CooccurrenceResult", "CodeAttributeResult"]

MERGES = ("union", "majority", "all")


def resolve_coding(coding: pd.DataFrame, *, coder: str | None = None, merge: str | None = None) -> pd.DataFrame:
    """One (segment_id, code) row per applied code, from one coder or merged over coders."""
    missing = [c for c in ("segment_id", "coder", "code") if c not in coding.columns]
    if missing:
        raise AnalysisError(f"the coding table lacks columns {missing} (load it with load_coding)")
    if coding.empty:
        raise AnalysisError("the coding table is empty")
    coders = sorted(coding["coder"].unique())
    if coder is not None:
        if coder not in coders:
            raise AnalysisError(f"coder {coder!r} is not in the coding table; coders: {coders}")
        sub = coding.loc[coding["coder"] == coder]
        return sub[["segment_id", "code"]].drop_duplicates().reset_index(drop=True)
    if merge is None:
        if len(coders) > 1:
            raise AnalysisError(f"the coding has {len(coders)} coders {coders}: pass coder=<one of them> or merge='union'/'majority'/'all'")
        return coding[["segment_id", "code"]].drop_duplicates().reset_index(drop=True)
    if merge not in MERGES:
        raise AnalysisError(f"merge must be one of {MERGES}, got {merge!r}")
    votes = coding.drop_duplicates(["segment_id", "coder", "code"]).groupby(["segment_id", "code"], sort=False).size()
    need = {"union": 1, "majority": len(coders) / 2 + 1e-9, "all": len(coders)}[merge]
    kept = votes[votes >= need]
    return kept.index.to_frame(index=False)


def _with_people(applied: pd.DataFrame, segments) -> pd.DataFrame:
    if segments is None:
        raise AnalysisError("counting by interviewee needs the segments (pass segments=transcripts)")
    seg = segments_frame(segments)
    out = applied.merge(seg[["segment_id", "interviewee"]], on="segment_id", how="left")
    lost = out.loc[out["interviewee"].isna(), "segment_id"].unique().tolist()
    if lost:
        raise AnalysisError(f"coded segments not in the transcripts: {lost[:10]} (load the coding with segments= to check ids)")
    return out


def _code_order(codes, cb: Codebook | None) -> list[str]:
    if cb is None:
        return sorted(set(codes))
    order = [c for c in cb.code_ids if c in set(codes)]
    return order + sorted(set(codes) - set(order))


@dataclass(frozen=True)
class CodeFrequencyResult(KeyedFindings, Result):
    """Code frequencies.

    ``table`` (index ``code``): ``n_segments, pct_segments, n_interviewees, pct_interviewees``
    and, with a codebook, ``name, theme, role, category``. Percentages are of the interviewee
    segments and of the interviewees in the transcripts (0–100).
    ``by_interviewee``: interviewee × code counts of segments. ``by_theme``: the same counts rolled
    up to themes (a segment counts once per theme however many of its codes it carries).
    """

    table: pd.DataFrame
    by_interviewee: pd.DataFrame
    by_theme: pd.DataFrame
    n_segments: int
    n_interviewees: int

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def finding_objects(self) -> list[Finding]:
        """``interviews.top_codes`` (main): the three codes most interviewees raised."""
        top = self.table.sort_values(["n_interviewees", "n_segments"], ascending=False).head(3)
        codes = [{"code": c, "people": int(top.at[c, "n_interviewees"]), "segments": int(top.at[c, "n_segments"])} for c in top.index]
        return [Finding("interviews.top_codes", {"codes": codes, "n_interviewees": self.n_interviewees}, ids=tuple(map(str, top.index)))]

    def default_labels(self, lang: str) -> dict:
        """Each code by its codebook name (in the language the counts were made in)."""
        return {str(c): str(n) for c, n in self.table["name"].items()} if "name" in self.table.columns else {}

    def plot(self, ax=None, lang: str = "en"):
        from ..figures.interviews import plot_code_frequencies

        return plot_code_frequencies(self, ax=ax, lang=lang)


def code_frequencies(
    coding: pd.DataFrame,
    segments,
    *,
    codebook: Codebook | str | None = None,
    coder: str | None = None,
    merge: str | None = None,
    role: str | None = "interviewee",
    lang: str = "en",
) -> CodeFrequencyResult:
    """Count codes by segment and by interviewee, with theme roll-ups.

    Examples
    --------
    >>> seg = pd.DataFrame({"segment_id": ["a1", "a2", "b1"], "interviewee": ["a", "a", "b"],
    ...                     "role": "interviewee", "text": ["x", "y", "z"]})
    >>> coding = pd.DataFrame({"segment_id": ["a1", "a2", "b1"], "coder": "A", "code": ["salary", "salary", "growth"]})
    >>> code_frequencies(coding, seg).table[["n_segments", "n_interviewees"]].to_dict("index")
    {'growth': {'n_segments': 1, 'n_interviewees': 1}, 'salary': {'n_segments': 2, 'n_interviewees': 1}}
    """
    cb = load_codebook(codebook) if codebook is not None else None
    seg = segments_frame(segments)
    base = seg.loc[seg["role"] == role] if role is not None and "role" in seg.columns else seg
    applied = _with_people(resolve_coding(coding, coder=coder, merge=merge), seg)
    codes = _code_order(applied["code"], cb)
    n_seg = len(base)
    people = sorted(set(base["interviewee"]) | set(applied["interviewee"]))
    n_people = len(people)
    by_person = pd.crosstab(applied["interviewee"], applied["code"]).reindex(index=people, columns=codes, fill_value=0)
    by_person.index.name, by_person.columns.name = "interviewee", "code"
    table = pd.DataFrame(
        {
            "n_segments": applied.groupby("code")["segment_id"].nunique().reindex(codes).astype("int64"),
            "n_interviewees": (by_person > 0).sum().reindex(codes).astype("int64"),
        }
    )
    table.insert(1, "pct_segments", 100.0 * table["n_segments"] / max(n_seg, 1))
    table["pct_interviewees"] = 100.0 * table["n_interviewees"] / max(n_people, 1)
    table.index.name = "code"
    rows = []
    if cb is not None:
        table["name"] = [cb.label(c, lang) if c in cb else c for c in codes]
        table["theme"] = [(cb.get(c).theme or "") if c in cb else "" for c in codes]
        table["role"] = [(cb.role_of(c) or "") if c in cb else "" for c in codes]
        table["category"] = [(cb.get(c).category or "") if c in cb else "" for c in codes]
        pairs = [(t, c) for c in codes if c in cb for t in cb.theme_path(c)]
        themes = list(dict.fromkeys(t for t, _ in pairs))
        for t in themes:
            members = {c for tt, c in pairs if tt == t}
            sub = applied.loc[applied["code"].isin(members)]
            rows.append(
                {
                    "theme": t,
                    "name": cb.label(t, lang),
                    "n_codes": len(members),
                    "n_segments": int(sub["segment_id"].nunique()),
                    "n_interviewees": int(sub["interviewee"].nunique()),
                    "pct_interviewees": 100.0 * sub["interviewee"].nunique() / max(n_people, 1),
                }
            )
    by_theme = pd.DataFrame(rows, columns=["theme", "name", "n_codes", "n_segments", "n_interviewees", "pct_interviewees"]).set_index("theme")
    return CodeFrequencyResult(table, by_person, by_theme, n_seg, n_people)


@dataclass(frozen=True)
class CooccurrenceResult(Result):
    """Code co-occurrence: ``counts`` (code × code; the diagonal is each code's frequency) and
    ``jaccard`` (|A∩B| / |A∪B|, 1 on the diagonal), counted over ``unit`` (segment or interviewee)."""

    counts: pd.DataFrame
    jaccard: pd.DataFrame
    unit: str
    n_units: int

    def to_frame(self) -> pd.DataFrame:
        c = self.counts.rename_axis(index="code_a", columns="code_b").stack().rename("n")
        j = self.jaccard.rename_axis(index="code_a", columns="code_b").stack().rename("jaccard")
        out = pd.concat([c, j], axis=1).reset_index()
        pos = {k: i for i, k in enumerate(self.counts.index)}
        return out.loc[out["code_a"].map(pos) < out["code_b"].map(pos)].reset_index(drop=True)

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        pairs = self.to_frame().sort_values(["n", "jaccard"], ascending=False)
        pairs = pairs.loc[pairs["n"] > 0]
        if pairs.empty:
            return ["没有编码共同出现。"] if lang == "zh" else ["No two codes occurred together."]
        a, b, n, j = pairs.iloc[0][["code_a", "code_b", "n", "jaccard"]]
        unit_zh = "个片段" if self.unit == "segment" else "位受访者"
        if lang == "zh":
            return [f"共现最多的编码组合为“{a}”与“{b}”（{int(n)}{unit_zh}，Jaccard系数为{fmt_num(j, digits=2, style='gb')}）。"]
        return [f"The codes co-occurring most often were {a} and {b} ({int(n)} {self.unit}s, Jaccard = {fmt_num(j, bounded=True, style=style)})."]

    def plot(self, ax=None, lang: str = "en"):
        from ..figures.interviews import plot_cooccurrence

        return plot_cooccurrence(self, ax=ax, lang=lang)


def cooccurrence(
    coding: pd.DataFrame,
    segments=None,
    *,
    unit: str = "segment",
    codebook: Codebook | str | None = None,
    coder: str | None = None,
    merge: str | None = None,
) -> CooccurrenceResult:
    """Co-occurrence of codes within segments (``unit="segment"``) or interviewees.

    Examples
    --------
    >>> coding = pd.DataFrame({"segment_id": ["s1", "s1", "s2"], "coder": "A", "code": ["x", "y", "x"]})
    >>> cooccurrence(coding).counts.loc["x", "y"], cooccurrence(coding).counts.loc["x", "x"]
    (np.int64(1), np.int64(2))
    """
    if unit not in ("segment", "interviewee"):
        raise AnalysisError(f"unit must be 'segment' or 'interviewee', got {unit!r}")
    cb = load_codebook(codebook) if codebook is not None else None
    applied = resolve_coding(coding, coder=coder, merge=merge)
    key = "segment_id"
    if unit == "interviewee":
        applied = _with_people(applied, segments)[["interviewee", "code"]].drop_duplicates()
        key = "interviewee"
    codes = _code_order(applied["code"], cb)
    incidence = pd.crosstab(applied[key], applied["code"]).reindex(columns=codes, fill_value=0).clip(upper=1)
    m = incidence.to_numpy(dtype=np.int64)
    counts = m.T @ m
    freq = np.diag(counts)
    union = freq[:, None] + freq[None, :] - counts
    jac = np.divide(counts, union, out=np.zeros(counts.shape, dtype=float), where=union > 0)
    c = pd.DataFrame(counts, index=pd.Index(codes, name="code"), columns=pd.Index(codes, name="code"))
    j = pd.DataFrame(jac, index=c.index, columns=c.columns)
    return CooccurrenceResult(c, j, unit, int(len(incidence)))


@dataclass(frozen=True)
class CodeAttributeResult(Result):
    """Code × attribute matrix: ``counts`` (interviewees or segments per code and attribute level),
    ``pct`` (share of the level's interviewees who raised the code, 0–100; interviewee counts only),
    ``group_sizes`` (interviewees per level)."""

    counts: pd.DataFrame
    pct: pd.DataFrame
    group_sizes: pd.Series
    attribute: str
    count: str

    def to_frame(self) -> pd.DataFrame:
        out = self.counts.stack().rename("n").reset_index()
        if not self.pct.empty:
            out["pct"] = self.pct.stack().to_numpy()
        return out

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        if lang == "zh":
            return [f"按{self.attribute}分组统计各编码的提及情况（见表）。"]
        return [f"Codes are broken down by {self.attribute} in the table."]


def code_by_attribute(
    coding: pd.DataFrame,
    segments,
    attributes: pd.DataFrame,
    attribute: str,
    *,
    count: str = "interviewees",
    codebook: Codebook | str | None = None,
    coder: str | None = None,
    merge: str | None = None,
) -> CodeAttributeResult:
    """Cross codes with an interviewee attribute (talent category, sector, years in the city)."""
    if attribute not in attributes.columns:
        raise AnalysisError(f"attribute {attribute!r} is not a column of the attribute table: {list(attributes.columns)}")
    if count not in ("interviewees", "segments"):
        raise AnalysisError(f"count must be 'interviewees' or 'segments', got {count!r}")
    cb = load_codebook(codebook) if codebook is not None else None
    seg = segments_frame(segments)
    applied = _with_people(resolve_coding(coding, coder=coder, merge=merge), seg)
    people = sorted(set(seg["interviewee"]))
    absent = [p for p in people if p not in attributes.index]
    if absent:
        raise AnalysisError(f"interviewees without a row in the attribute table: {absent}")
    level = attributes.loc[people, attribute]
    applied["level"] = applied["interviewee"].map(level)
    levels = list(dict.fromkeys(sorted(level.astype(str))))
    applied["level"] = applied["level"].astype(str)
    codes = _code_order(applied["code"], cb)
    if count == "interviewees":
        applied = applied.drop_duplicates(["interviewee", "code"])
    counts = pd.crosstab(applied["code"], applied["level"]).reindex(index=codes, columns=levels, fill_value=0)
    counts.index.name, counts.columns.name = "code", attribute
    sizes = level.astype(str).value_counts().reindex(levels).astype("int64")
    sizes.index.name = attribute
    pct = 100.0 * counts / sizes if count == "interviewees" else pd.DataFrame()
    return CodeAttributeResult(counts, pct, sizes, attribute, count)
