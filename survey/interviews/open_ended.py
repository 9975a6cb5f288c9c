"""Open-ended survey answers as documents for the interview machinery.

:func:`open_ended` turns one text item of a questionnaire (or an "other, please specify" column)
into a segments table of the shape transcripts have: one segment per non-empty answer, its id the
respondent id, the respondent as the "interviewee", the respondent's group columns as the
attribute table. So :func:`~survey.interviews.propose_codes`, :func:`~survey.interviews.load_coding`,
:func:`~survey.interviews.agreement`, :func:`~survey.interviews.code_frequencies`,
:func:`~survey.interviews.code_by_attribute` and :func:`~survey.interviews.representative_quotes`
take the result as they take transcripts, and the word statistics of
:mod:`~survey.interviews.text_stats` run on its answers.

Empty cells and non-answers ("无", "没有", "/", "n/a" …) are not documents; they are counted and
listed in ``excluded`` with their reason, never dropped without a trace.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._result import Result
from ..errors import AnalysisError, Problem, ResponseDataError
from .codebook import Codebook
from .coding import Proposals, propose_codes
from .joint import representative_quotes
from .redaction import Redactor
from .text_stats import KwicResult, WordCooccurrenceResult, WordFrequencyResult, kwic, word_cooccurrence, word_frequencies

__all__ = ["NON_ANSWERS", "OpenEndedResult", "open_ended"]

#: Answers that say nothing (compared after stripping spaces and end punctuation, case-insensitively).
NON_ANSWERS: frozenset[str] = frozenset(
    {
        "无", "没有", "暂无", "没", "无意见", "没有意见", "暂无意见", "无建议", "没有建议", "暂无建议", "不知道", "不清楚",
        "说不清", "无所谓", "否", "略", "同上", "/", "//", "-", "--", "—", "——", ".", "..", "...", "。", "…", "……", "？", "?", "0",
        "n/a", "na", "none", "no", "nothing", "nil", "null", "no comment", "no comments", "don't know", "not sure", "-/-",
    }
)
_TRIM = re.compile(r"^[\s\u3000]+|[\s\u3000。．.!！，,;；]+$")


def _normalise(answer: str) -> str:
    return _TRIM.sub("", answer).casefold()


@dataclass(frozen=True)
class OpenEndedResult(Result):
    """One open-ended item's answers as documents.

    ``segments``: ``segment_id, interviewee, role, text`` (one row per answer; ``segment_id`` and
    ``interviewee`` are the respondent id; ``role`` is ``"interviewee"``, so the interview functions'
    defaults count every answer). ``attributes``: the
    answering respondents' group columns (index: respondent id). ``excluded``: ``respondent,
    answer, reason`` with reason ``"empty"`` or ``"non-answer"``. ``n_respondents`` =
    ``len(segments) + len(excluded)``.
    """

    item: str
    segments: pd.DataFrame
    attributes: pd.DataFrame
    excluded: pd.DataFrame
    n_respondents: int

    @property
    def texts(self) -> pd.Series:
        """The answers, indexed by respondent id."""
        return pd.Series(self.segments["text"].to_numpy(dtype=object), index=pd.Index(self.segments["segment_id"], name="respondent"), name=self.item)

    @property
    def n_answers(self) -> int:
        return len(self.segments)

    @property
    def n_empty(self) -> int:
        return int((self.excluded["reason"] == "empty").sum())

    @property
    def n_non_answers(self) -> int:
        return int((self.excluded["reason"] == "non-answer").sum())

    def to_frame(self) -> pd.DataFrame:
        return self.segments.copy()

    def counts(self) -> pd.DataFrame:
        """``status, n``: answers, non-answers and empty cells (they add up to ``n_respondents``)."""
        return pd.DataFrame(
            {"status": ["answer", "non-answer", "empty"], "n": [self.n_answers, self.n_non_answers, self.n_empty]}
        ).astype({"n": "int64"})

    def findings(self, lang: str = "en", style: str | None = None, label: str | None = None) -> list[str]:
        """``label``: how to name the question (default: its item id)."""
        name = label or self.item
        if lang == "zh":
            return [
                f"{self.n_respondents}名受访者中，{self.n_answers}人回答了开放题“{name}”，"
                f"{self.n_non_answers}人的回答无实质内容（如“无”），{self.n_empty}人未作答。"
            ]
        return [
            f"Of {self.n_respondents} respondents, {self.n_answers} answered the open question “{name}”; "
            f"{self.n_non_answers} gave a non-answer (such as “none”) and {self.n_empty} left it empty."
        ]

    def word_frequencies(self, **options) -> WordFrequencyResult:
        """:func:`~survey.interviews.word_frequencies` of the answers (options passed on)."""
        return word_frequencies(self.texts, **options)

    def kwic(self, term: str, *, window: int = 10, redactor: Redactor | None = None) -> KwicResult:
        """Keyword in context over the answers; each context redacted (``redactor``, or a
        session-keyed one) so that no personal data shows beside the term."""
        red = redactor if redactor is not None else Redactor()
        found = kwic(self.texts, term, window=window)
        table = found.table.assign(left=[red.redact(t) for t in found.table["left"]], right=[red.redact(t) for t in found.table["right"]])
        return KwicResult(table, found.term, found.window)

    def word_cooccurrence(self, **options) -> WordCooccurrenceResult:
        """:func:`~survey.interviews.word_cooccurrence` of the answers (options passed on)."""
        return word_cooccurrence(self.texts, **options)

    def propose_codes(self, codebook: Codebook | str | Path = "herzberg16", *, min_hits: int = 1) -> Proposals:
        """Keyword proposals for the answers (for a person to confirm), as for transcripts."""
        return propose_codes(self, codebook, role=None, min_hits=min_hits)

    def representative_answers(
        self, coding: pd.DataFrame, codes: Sequence[str] | None = None, *, n: int = 2, redactor: Redactor | None = None
    ) -> pd.DataFrame:
        """``code, quote``: up to ``n`` redacted answers per code, chosen once per code (the
        answers most coders agree on, from different respondents)."""
        wanted = list(dict.fromkeys(coding["code"])) if codes is None else list(codes)
        red = redactor if redactor is not None else Redactor()
        rows = [{"code": c, "quote": q} for c in wanted for q in representative_quotes(coding, self, [c], n=n, redactor=red)]
        return pd.DataFrame(rows, columns=["code", "quote"])


def _frame_and_ids(data, id_column: str | None) -> pd.DataFrame:
    from ..responses import Responses

    if isinstance(data, Responses):
        meta = data.public_meta()
        frame = pd.concat([data.data, meta.drop(columns=[c for c in meta.columns if c in data.data.columns])], axis=1)
        if id_column is not None:
            raise ResponseDataError("id_column goes with a DataFrame; a Responses object is indexed by respondent already")
        return frame
    if not isinstance(data, pd.DataFrame):
        raise ResponseDataError(f"open_ended takes Responses or a DataFrame, got {type(data).__name__}")
    if id_column is None:
        return data
    if id_column not in data.columns:
        raise ResponseDataError(f"id column {id_column!r} is not in the data", [Problem(id_column, "no such column", f"one of {list(data.columns)[:20]}")])
    return data.set_index(id_column)


def open_ended(
    data,
    *,
    item: str,
    id_column: str | None = None,
    by: str | Sequence[str] | None = None,
    non_answers: Iterable[str] = NON_ANSWERS,
) -> OpenEndedResult:
    """One open-ended item's answers as documents for coding and word statistics.

    Parameters
    ----------
    data
        :class:`~survey.Responses` (indexed by respondent; ``by`` may name item or metadata
        columns) or a DataFrame (ids in ``id_column``, or its index).
    item
        The text column: a ``text`` item, or an ``<item>_other`` "please specify" column.
    by
        Group columns carried as the attribute table, for :func:`code_by_attribute`.
    non_answers
        Answers that say nothing, compared after stripping spaces and end punctuation,
        case-insensitively; default :data:`NON_ANSWERS`; pass ``()`` to keep every non-empty answer.

    Examples
    --------
    >>> df = pd.DataFrame({"id": ["r1", "r2", "r3"], "q20": ["住房补贴太少", "无", None], "sex": ["女", "男", "女"]})
    >>> r = open_ended(df, item="q20", id_column="id", by="sex")
    >>> r.texts.to_dict(), r.excluded["reason"].tolist()
    ({'r1': '住房补贴太少'}, ['non-answer', 'empty'])
    """
    frame = _frame_and_ids(data, id_column)
    groups = [by] if isinstance(by, str) else list(by or [])
    absent = [c for c in [item, *groups] if c not in frame.columns]
    if absent:
        raise ResponseDataError(f"columns {absent} are not in the data", [Problem(c, "no such column", f"one of {list(frame.columns)[:20]}") for c in absent])
    if frame.index.has_duplicates:
        dupes = sorted(map(str, frame.index[frame.index.duplicated()].unique()))
        raise ResponseDataError(f"respondent ids repeat: {dupes[:10]}", [Problem(str(d), "duplicated respondent id", "one row per respondent") for d in dupes[:10]])
    ids = frame.index.astype(str)
    raw = frame[item]
    numeric = [str(i) for i, v in zip(ids, raw) if not (isinstance(v, str) or pd.isna(v))]
    if numeric:
        raise ResponseDataError(f"column {item!r} holds values that are not text (respondents {numeric[:10]}); is it an open-ended item?")
    skip = frozenset(_normalise(str(w)) for w in non_answers)
    seg_rows, excluded = [], []
    for rid, value in zip(ids, raw):
        if not isinstance(value, str) or not value.strip():
            excluded.append({"respondent": rid, "answer": "" if not isinstance(value, str) else value, "reason": "empty"})
        elif _normalise(value) in skip:
            excluded.append({"respondent": rid, "answer": value, "reason": "non-answer"})
        else:
            seg_rows.append({"segment_id": rid, "interviewee": rid, "role": "interviewee", "text": value.strip()})
    segments = pd.DataFrame(seg_rows, columns=["segment_id", "interviewee", "role", "text"])
    attributes = frame[groups].copy()
    attributes.index = pd.Index(ids, name="respondent")
    attributes = attributes.loc[segments["segment_id"]] if groups else pd.DataFrame(index=pd.Index(segments["segment_id"], name="respondent"))
    missing_group = [str(c) for c in groups if attributes[c].isna().any()]
    if missing_group:
        raise AnalysisError(f"answering respondents without a value in group column(s) {missing_group}: give them a level or leave the column out of by")
    return OpenEndedResult(item, segments, attributes, pd.DataFrame(excluded, columns=["respondent", "answer", "reason"]), len(frame))
