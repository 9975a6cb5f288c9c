"""The joint display: each survey construct beside its interview evidence, marked convergent or divergent.

For each construct (or attribute) the survey side brings its result (mean, IA class, IPA quadrant,
whatever columns the survey table has); the interview side brings how many interviewees raised the
linked codes, in how many segments, in how many high and low critical-incident sequences, and one
or two pseudonymised quotes with their segment references.

The reading (a rule, stated so it can be argued with):
    * survey signal: ``weak`` when the construct's mean is below ``threshold`` (default: the mean of
      the construct means, i.e. relative weakness as in IPA with data-mean crosshairs), else
      ``strong``; a ``survey_signal`` column in the survey table overrides it;
    * interview signal: with critical incidents, ``weak`` when the linked factors appear in more low
      than high sequences, ``strong`` when in more high; without them, ``weak`` when linked codes of
      category ``problem`` were raised; ``none`` when nobody raised the linked codes, else ``unclear``;
    * ``convergent`` when the two signals agree, ``divergent`` when they differ, ``silent`` when the
      interviews say nothing, ``unclear`` otherwise.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_num
from .codebook import Codebook, load_codebook
from .counting import resolve_coding
from .incidents import CriticalIncidentResult
from .redaction import Redactor
from .transcripts import segments_frame

__all__ = ["joint_display", "representative_quotes", "JointDisplayResult"]


def representative_quotes(
    coding: pd.DataFrame,
    segments,
    codes: Sequence[str],
    *,
    n: int = 2,
    redactor: Redactor | None = None,
    ideal_length: int = 80,
) -> list[str]:
    """Up to ``n`` pseudonymised quotes for ``codes``: segments most coders agree on, of about
    ``ideal_length`` characters, from different interviewees where possible; each ends with its
    segment reference. Without a ``redactor``, a session-keyed one is used (with a warning)."""
    seg = segments_frame(segments).set_index("segment_id")
    sub = coding.loc[coding["code"].isin(list(codes))]
    if sub.empty:
        return []
    votes = sub.groupby("segment_id")["coder"].nunique().rename("n_coders").reset_index()
    votes = votes.loc[votes["segment_id"].isin(seg.index)]
    votes["text"] = votes["segment_id"].map(seg["text"])
    votes["interviewee"] = votes["segment_id"].map(seg["interviewee"])
    votes["distance"] = (votes["text"].str.len() - ideal_length).abs()
    votes = votes.sort_values(["n_coders", "distance", "segment_id"], ascending=[False, True, True])
    picked, people = [], set()
    for rec in votes.itertuples():
        if rec.interviewee in people and len(set(votes["interviewee"])) > len(people):
            continue
        picked.append(rec)
        people.add(rec.interviewee)
        if len(picked) == n:
            break
    red = redactor if redactor is not None else Redactor()
    return [f"“{red.redact(r.text)}” ({r.segment_id})" for r in picked]


@dataclass(frozen=True)
class JointDisplayResult(Result):
    """One row per construct: the survey columns, then ``codes, n_interviewees, n_segments,
    n_high, n_low, quotes, survey_signal, interview_signal, verdict``."""

    table: pd.DataFrame
    threshold: float | None

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        style = style or ("gb" if lang == "zh" else "apa")
        conv = [c for c in self.table.index if self.table.at[c, "verdict"] == "convergent"]
        div = [c for c in self.table.index if self.table.at[c, "verdict"] == "divergent"]
        if lang == "zh":
            out = [f"问卷与访谈结果相互印证的维度：{'、'.join(conv) or '无'}；结果不一致的维度：{'、'.join(div) or '无'}。"]
        else:
            out = [f"Survey and interviews converge on {', '.join(conv) or 'no construct'} and diverge on {', '.join(div) or 'no construct'}."]
        for c in div:
            mean = self.table.at[c, "mean"] if "mean" in self.table.columns else None
            m = f"{fmt_num(mean, digits=2, style='gb' if lang == 'zh' else style)}" if mean is not None else ""
            if lang == "zh":
                out.append(f"{c}：问卷均值{m}（{self.table.at[c, 'survey_signal']}），访谈信号为{self.table.at[c, 'interview_signal']}，需在讨论中解释。")
            else:
                out.append(f"{c}: survey mean {m} ({self.table.at[c, 'survey_signal']}) but interview signal {self.table.at[c, 'interview_signal']}; explain this in the discussion.")
        return out


def joint_display(
    survey: pd.DataFrame,
    coding: pd.DataFrame,
    segments,
    *,
    links: Mapping[str, Sequence[str]],
    codebook: Codebook | str | None = None,
    incidents: CriticalIncidentResult | None = None,
    coder: str | None = None,
    merge: str | None = None,
    quotes: int = 2,
    redactor: Redactor | None = None,
    threshold: float | None = None,
) -> JointDisplayResult:
    """Put each survey construct beside its interview evidence (see the module notes for the rule).

    Parameters
    ----------
    survey
        One row per construct or attribute (index = its id), with a ``mean`` column and any others
        to show (``ia_class``, ``ipa_quadrant``, ``survey_signal``).
    links
        construct id → the codes (or Herzberg factors) that are its interview evidence.
    """
    if "mean" not in survey.columns and "survey_signal" not in survey.columns:
        raise AnalysisError("the survey table needs a 'mean' (or 'survey_signal') column, one row per construct")
    unknown = [c for c in links if c not in survey.index]
    if unknown:
        raise AnalysisError(f"links name constructs not in the survey table: {unknown}; the table has {list(survey.index)}")
    cb = load_codebook(codebook) if codebook is not None else None
    if cb is not None:
        bad = sorted({c for codes in links.values() for c in codes if c not in cb})
        if bad:
            raise AnalysisError(f"links name codes not in codebook {cb.id!r}: {bad}")
    seg = segments_frame(segments)
    applied = resolve_coding(coding, coder=coder, merge=merge).merge(seg[["segment_id", "interviewee"]], on="segment_id", how="inner")
    used = coding if coder is None else coding.loc[coding["coder"] == coder]
    if threshold is None and "mean" in survey.columns:
        threshold = float(survey["mean"].astype(float).mean())
    rows = []
    for construct in survey.index:
        codes = list(links.get(construct, ()))
        hit = applied.loc[applied["code"].isin(codes)]
        row = {"codes": ", ".join(codes), "n_interviewees": int(hit["interviewee"].nunique()), "n_segments": int(hit["segment_id"].nunique())}
        n_high = n_low = 0
        if incidents is not None:
            t = incidents.table
            inc = t.loc[t.index.isin(codes)]
            n_high, n_low = int(inc["n_high"].sum()), int(inc["n_low"].sum())
        row["n_high"], row["n_low"] = n_high, n_low
        row["quotes"] = " ".join(representative_quotes(used, seg, codes, n=quotes, redactor=redactor)) if quotes and codes else ""
        if "survey_signal" in survey.columns:
            s_sig = str(survey.at[construct, "survey_signal"])
        else:
            s_sig = "weak" if float(survey.at[construct, "mean"]) < threshold else "strong"
        if row["n_interviewees"] == 0 and n_high + n_low == 0:
            i_sig = "none"
        elif incidents is not None and n_high != n_low:
            i_sig = "weak" if n_low > n_high else "strong"
        elif cb is not None and any(cb.get(c).category == "problem" for c in hit["code"].unique() if c in cb):
            i_sig = "weak"
        else:
            i_sig = "unclear"
        verdict = "silent" if i_sig == "none" else ("unclear" if i_sig == "unclear" else ("convergent" if i_sig == s_sig else "divergent"))
        row.update({"survey_signal": s_sig, "interview_signal": i_sig, "verdict": verdict})
        rows.append(row)
    evidence = pd.DataFrame(rows, index=survey.index)
    table = pd.concat([survey.drop(columns=[c for c in ("survey_signal",) if c in survey.columns]), evidence], axis=1)
    table.index.name = survey.index.name or "construct"
    return JointDisplayResult(table, threshold)
