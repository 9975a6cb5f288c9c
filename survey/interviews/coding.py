"""Human coding (import/export) and keyword-assisted code proposals.

A coding table has one row per (segment, coder, code): ``segment_id, coder, code``. It is what
NVivo/QualCoder exports look like once flattened, and what two coders fill in for agreement.

Keyword proposals are suggestions for a human to confirm. They carry ``status = "proposed"`` and
``coder = "proposal:keywords"``; :func:`load_coding` refuses rows still marked proposed, so a
proposal can never pass for a final code by accident.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._result import Result
from ..errors import Problem, ResponseDataError, SurveyWarning
from ._tables import read_table, write_table
from .codebook import Codebook, load_codebook
from .text_stats import jieba_tokenizer
from .transcripts import segments_frame

__all__ = ["load_coding", "save_coding", "propose_codes", "Proposals", "PROPOSAL_CODER"]

PROPOSAL_CODER = "proposal:keywords"
_ALIASES = {
    "segment_id": ("segment_id", "segment", "segment id", "段落", "段落编号", "片段"),
    "coder": ("coder", "rater", "编码员", "编码者"),
    "code": ("code", "code_id", "代码", "编码"),
}
_FINAL_STATUS = {"", "confirmed", "final", "accepted", "确认", "已确认"}


def load_coding(
    path: str | Path | pd.DataFrame,
    *,
    codebook: Codebook | str | Path | None = None,
    segments=None,
    sheet: str | int = 0,
) -> pd.DataFrame:
    """Import human coding from CSV/xlsx (or a DataFrame) and check it.

    Parameters
    ----------
    path
        A file with columns ``segment_id, coder, code`` (Chinese headers 段落编号/编码员/代码 also
        accepted); extra columns (memo, status) are kept.
    codebook
        When given, every code must be in it.
    segments
        Transcripts or their segments table; when given, every segment id must exist (an id that
        no longer exists usually means the transcript was edited after coding).

    Returns
    -------
    DataFrame with ``segment_id, coder, code`` first. Exact duplicate rows are dropped with a
    warning naming their lines. Rows marked ``status = proposed`` are refused.

    Examples
    --------
    >>> df = pd.DataFrame({"segment_id": ["T01#t2@19-30"], "coder": ["A"], "code": ["salary"]})
    >>> load_coding(df, codebook="herzberg16")["code"].tolist()
    ['salary']
    """
    if isinstance(path, pd.DataFrame):
        frame, name = path.astype(str).copy(), "<coding table>"
    else:
        frame, name = read_table(path, what="coding file", sheet=sheet)
    rename = {}
    for std, aliases in _ALIASES.items():
        hit = next((c for c in frame.columns if c.lower() in aliases), None)
        if hit is None:
            raise ResponseDataError(
                f"{name}: the coding file lacks a {std!r} column",
                [Problem(f"{name} line 1", f"columns are {list(frame.columns)}", f"columns segment_id, coder, code (or {list(aliases)})")],
            )
        rename[hit] = std
    frame = frame.rename(columns=rename)
    frame = frame[["segment_id", "coder", "code"] + [c for c in frame.columns if c not in ("segment_id", "coder", "code")]]
    line = pd.Series(range(2, len(frame) + 2), index=frame.index)
    problems: list[Problem] = []
    for col in ("segment_id", "coder", "code"):
        for i in frame.index[frame[col].str.strip() == ""]:
            problems.append(Problem(f"{name} line {line[i]}", f"empty {col}", "leave out rows of segments without a code"))
    if "status" in frame.columns:
        for i in frame.index[~frame["status"].str.strip().str.lower().isin(_FINAL_STATUS)]:
            problems.append(
                Problem(f"{name} line {line[i]}", f"status {frame.at[i, 'status']!r}: a keyword proposal not yet confirmed", "status 'confirmed' after a human checked it")
            )
    if codebook is not None:
        cb = load_codebook(codebook)
        for i in frame.index[~frame["code"].isin(cb.code_ids) & (frame["code"] != "")]:
            problems.append(Problem(f"{name} line {line[i]}", f"unknown code {frame.at[i, 'code']!r}", f"a code of codebook {cb.id!r}"))
    if segments is not None:
        seg = segments_frame(segments)
        known = set(seg["segment_id"])
        by_turn = {sid.split("@")[0]: sid for sid in known}
        for i in frame.index[~frame["segment_id"].isin(known) & (frame["segment_id"] != "")]:
            sid = frame.at[i, "segment_id"]
            hint = by_turn.get(sid.split("@")[0])
            why = f"; that turn is now {hint!r} (the transcript changed since coding)" if hint else ""
            problems.append(Problem(f"{name} line {line[i]}", f"segment {sid!r} does not exist{why}", "a segment id of the loaded transcripts"))
    if problems:
        raise ResponseDataError(f"{name}: the coding cannot be used", problems)
    dup = frame.duplicated(["segment_id", "coder", "code"])
    if dup.any():
        warnings.warn(
            f"{name}: dropped {int(dup.sum())} duplicate coding rows (lines {line[dup].tolist()[:20]})", SurveyWarning, stacklevel=2
        )
        frame = frame.loc[~dup]
    return frame.reset_index(drop=True)


def save_coding(coding: pd.DataFrame, path: str | Path) -> Path:
    """Export a coding table to .csv or .xlsx (text kept exact, no formula injection)."""
    missing = [c for c in ("segment_id", "coder", "code") if c not in coding.columns]
    if missing:
        raise ResponseDataError(f"the coding table lacks columns {missing}")
    return write_table(coding, path)


# -- keyword-assisted proposals ----------------------------------------------------------------


@dataclass(frozen=True)
class Proposals(Result):
    """Codes proposed from keywords. Proposals, not codes: a human confirms each one.

    ``table``: ``segment_id, interviewee, code, hits, matched, status`` with ``status`` always
    ``"proposed"``.
    """

    table: pd.DataFrame
    codebook_id: str
    n_segments: int

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def template(self, coder: str) -> pd.DataFrame:
        """A coding sheet for ``coder`` to confirm: status stays 'proposed' until they change it."""
        out = self.table[["segment_id", "code", "matched"]].copy()
        out.insert(1, "coder", coder)
        out["status"] = "proposed"
        return out

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        n = len(self.table)
        k = self.table["segment_id"].nunique()
        if lang == "zh":
            return [f"根据编码本{self.codebook_id}的关键词，为{self.n_segments}个片段中的{k}个提出了{n}条候选编码（仅供人工确认，非最终编码）。"]
        return [
            f"Keyword matching against codebook {self.codebook_id} proposed {n} codes for {k} of {self.n_segments} segments "
            "(proposals for a human coder to confirm, not final codes)."
        ]


def propose_codes(
    segments,
    codebook: Codebook | str | Path = "herzberg16",
    *,
    role: str | None = "interviewee",
    min_hits: int = 1,
) -> Proposals:
    """Propose codes for segments from the codebook's keywords (proposals for a human to confirm).

    Chinese text is segmented with jieba, the codebook's Chinese keywords added to its dictionary
    so that they are kept whole; a keyword counts when it is a whole token. English keywords match
    whole words or phrases, case-insensitively.

    Parameters
    ----------
    segments
        Transcripts or their segments table.
    codebook
        A codebook or a bundled name.
    role
        Only segments spoken by this role (``None``: all).
    min_hits
        Minimum number of keyword hits for a proposal.

    Examples
    --------
    >>> seg = pd.DataFrame({"segment_id": ["a#t1@0-9"], "interviewee": ["a"], "role": ["interviewee"],
    ...                     "text": ["人才公寓的租金补贴太低了"]})
    >>> propose_codes(seg, "herzberg16").table[["code", "matched", "status"]].to_numpy().tolist()
    [['salary', '补贴', 'proposed'], ['personal_life', '人才公寓', 'proposed']]
    """
    cb = load_codebook(codebook)
    seg = segments_frame(segments)
    if role is not None and "role" in seg.columns:
        seg = seg.loc[seg["role"] == role]
    if min_hits < 1:
        raise ResponseDataError(f"min_hits must be at least 1, got {min_hits}")
    zh_map: dict[str, list[str]] = {}
    en_map: dict[str, list[str]] = {}
    for c in cb.codes:
        for w in c.keywords.zh:
            zh_map.setdefault(w, []).append(c.id)
        for w in c.keywords.en:
            en_map.setdefault(w.lower(), []).append(c.id)
    tk = jieba_tokenizer(tuple(sorted(zh_map))) if zh_map else None
    en_rx = re.compile(r"(?<![A-Za-z0-9])(" + "|".join(re.escape(w) for w in sorted(en_map, key=len, reverse=True)) + r")(?![A-Za-z0-9])", re.IGNORECASE) if en_map else None
    # only clauses holding a keyword candidate are segmented; jieba always cuts at punctuation,
    # so segmenting clause by clause gives the same tokens as segmenting the whole text
    candidate = re.compile("|".join(re.escape(w) for w in sorted(zh_map, key=len, reverse=True))) if zh_map else None
    clause = re.compile(r"[^。！？；，、,;!?\n]+[。！？；，、,;!?\n]*")
    order = {c: i for i, c in enumerate(cb.code_ids)}
    rows = []
    for sid, who, text in zip(seg["segment_id"], seg["interviewee"], seg["text"]):
        found: dict[str, list[str]] = {}
        if candidate is not None and candidate.search(text):
            parts = [p for p in clause.findall(text) if candidate.search(p)]
            for tok in tk.lcut("\n".join(parts), HMM=False):
                for code in zh_map.get(tok, ()):
                    found.setdefault(code, []).append(tok)
        if en_rx is not None:
            for m in en_rx.finditer(text):
                for code in en_map[m.group(1).lower()]:
                    found.setdefault(code, []).append(m.group(1))
        for code in sorted(found, key=order.__getitem__):
            hits = found[code]
            if len(hits) >= min_hits:
                rows.append({"segment_id": sid, "interviewee": who, "code": code, "hits": len(hits), "matched": "; ".join(dict.fromkeys(hits)), "status": "proposed"})
    table = pd.DataFrame(rows, columns=["segment_id", "interviewee", "code", "hits", "matched", "status"])
    table["hits"] = table["hits"].astype("int64")
    return Proposals(table, cb.id, len(seg))
