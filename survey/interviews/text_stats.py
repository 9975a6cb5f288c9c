"""Word statistics over short texts: tokens, word frequencies, keyword in context, word co-occurrence.

Chinese runs are segmented with jieba (an own ``jieba.Tokenizer``, so a user dictionary never
changes the global one); other runs give words of letters (``don't``, ``e-mail`` kept whole),
lower-cased. Numbers, punctuation and whitespace are not words. Stop words come from a bundled
Chinese + English list (:data:`STOP_WORDS`), which a caller extends or replaces.

Texts are a sequence of strings or a ``pd.Series`` whose index names the documents (respondent
ids, segment ids, file names).
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError, ResponseDataError

__all__ = [
    "STOP_WORDS",
    "load_stop_words",
    "tokenize",
    "word_frequencies",
    "kwic",
    "word_cooccurrence",
    "WordFrequencyResult",
    "KwicResult",
    "WordCooccurrenceResult",
]

_ZH_STOP = (
    "的 了 和 是 在 也 就 都 而 及 与 着 或 一个 没有 我们 你们 他们 她们 它们 我 你 他 她 它 这 那 这个 那个 这些 那些 "
    "之 以 于 为 对 从 被 把 让 给 向 由 将 并 但 但是 而且 因为 所以 如果 虽然 还是 还 又 再 很 太 比较 非常 更 最 "
    "有 有些 一些 一下 一点 一样 可以 能 会 要 想 觉得 认为 希望 就是 只是 其实 然后 这样 那样 这么 那么 什么 怎么 "
    "吧 呢 吗 啊 呀 嘛 哦 哈 么 得 地 个 上 下 中 里 来 去 过 到 说 做 等 等等 方面 问题 情况 目前 现在 自己 大家 "
    "其他 其它 以及 对于 关于 进行 一定 已经 不是 不 没 很多 多 少 好 些 各 每 该 此 其 之后 之前 时候 能够 应该 需要 请"
)
_EN_STOP = (
    "a an the and or but if then else of to in on at by for with from as into about over under than "
    "is are was were be been being am do does did done have has had having will would shall should can could may might must "
    "i me my we our us you your he him his she her it its they them their this that these those there here "
    "what which who whom whose when where why how all any both each few more most other some such no nor not only own same so too very "
    "just also up down out off again further once s t don't doesn't didn't isn't aren't wasn't weren't won't can't "
    "please n/a na none"
)
#: The bundled stop words: Chinese function words and fillers, English function words.
STOP_WORDS: frozenset[str] = frozenset(_ZH_STOP.split()) | frozenset(_EN_STOP.split())

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORD = re.compile(r"[A-Za-z]+(?:['’\-][A-Za-z]+)*")


def load_stop_words(path: str | Path) -> frozenset[str]:
    """Read stop words from a UTF-8 text file: one word a line (or several separated by spaces);
    lines starting with ``#`` are comments."""
    path = Path(path)
    if not path.is_file():
        raise ResponseDataError(f"stop-word list not found: {path}")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ResponseDataError(f"{path.name}: the stop-word list is not UTF-8 text (invalid byte at offset {exc.start})") from exc
    return frozenset(w.lower() for line in text.splitlines() if not line.lstrip().startswith("#") for w in line.split())


def _user_words(user_dict: str | Path | Iterable[str] | None) -> tuple[str, ...]:
    """The user dictionary's words: a list of words, or a jieba dictionary file (word [freq [tag]] a line)."""
    if user_dict is None:
        return ()
    if isinstance(user_dict, (str, Path)):
        path = Path(user_dict)
        if not path.is_file():
            raise ResponseDataError(f"user dictionary not found: {path}")
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError as exc:
            raise ResponseDataError(f"{path.name}: the user dictionary is not UTF-8 text (invalid byte at offset {exc.start})") from exc
        return tuple(sorted({line.split()[0] for line in lines if line.strip() and not line.lstrip().startswith("#")}))
    return tuple(sorted({str(w).strip() for w in user_dict if str(w).strip()}))


@lru_cache(maxsize=8)
def jieba_tokenizer(words: tuple[str, ...]):
    """A jieba tokenizer of its own with ``words`` added to its dictionary (cached by the words)."""
    import jieba

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    for w in words:
        tk.add_word(w)
    return tk


def _tokens(text: str, tk) -> list[str]:
    out: list[str] = []
    pos = 0
    for m in _HAN.finditer(text):
        out.extend(w.lower() for w in _WORD.findall(text[pos : m.start()]))
        out.extend(tk.lcut(m.group(0), HMM=True))
        pos = m.end()
    out.extend(w.lower() for w in _WORD.findall(text[pos:]))
    return out


def tokenize(text: str, *, user_dict: str | Path | Iterable[str] | None = None) -> list[str]:
    """The words of ``text`` in order (no stop-word removal).

    Examples
    --------
    >>> tokenize("人才公寓的租金太高 rent is too high", user_dict=["人才公寓"])
    ['人才公寓', '的', '租金', '太高', 'rent', 'is', 'too', 'high']
    """
    words = _user_words(user_dict)
    return _tokens(str(text), jieba_tokenizer(words))


def _documents(texts) -> pd.Series:
    if isinstance(texts, str):
        raise ResponseDataError("texts must be a sequence of strings or a Series, not one string (wrap it in a list)")
    series = texts.copy() if isinstance(texts, pd.Series) else pd.Series(list(texts), dtype=object)
    if series.index.has_duplicates:
        raise ResponseDataError(f"document ids repeat: {sorted(map(str, series.index[series.index.duplicated()].unique()))[:10]}")
    bad = [str(i) for i, v in series.items() if not isinstance(v, str)]
    if bad:
        raise ResponseDataError(f"texts must be strings; documents {bad[:10]} are not (drop or fill missing answers first)")
    return series


def _stop_set(stop_words: Iterable[str] | None, extra: Iterable[str]) -> frozenset[str]:
    base = STOP_WORDS if stop_words is None else frozenset(str(w).lower() for w in stop_words)
    return base | frozenset(str(w).lower() for w in extra)


def _document_tokens(docs: pd.Series, stop: frozenset[str], user_dict, min_length: int) -> list[list[str]]:
    words = _user_words(user_dict)
    tk = jieba_tokenizer(words)
    return [[w for w in _tokens(t, tk) if w not in stop and len(w) >= min_length] for t in docs]


@dataclass(frozen=True)
class WordFrequencyResult(Result):
    """Word counts over documents: ``table`` has one row per word, ``word, n, n_documents,
    share_documents``, the most frequent first (ties by word); ``n_documents`` of ``n_total_documents``."""

    table: pd.DataFrame
    n_total_documents: int
    n_tokens: int
    stop_words_removed: int

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def top(self, n: int = 20) -> pd.DataFrame:
        return self.table.head(n).copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        if self.table.empty:
            if lang == "zh":
                return [f"{self.n_total_documents}条文本去除停用词后没有可统计的词语。"]
            return [f"The {self.n_total_documents} texts hold no words once stop words are removed."]
        head = self.table.head(5)
        if lang == "zh":
            words = "、".join(f"“{w}”（{k}条）" for w, k in zip(head["word"], head["n_documents"]))
            return [f"{self.n_total_documents}条文本中出现最多的词语为{words}。"]
        words = ", ".join(f"“{w}” ({k} texts)" for w, k in zip(head["word"], head["n_documents"]))
        return [f"The most frequent words in the {self.n_total_documents} texts were {words}."]

    def plot(self, ax=None, lang: str = "en", top_n: int = 20):
        from ..figures.interviews import plot_word_frequencies

        return plot_word_frequencies(self, ax=ax, lang=lang, top_n=top_n)


def word_frequencies(
    texts,
    *,
    stop_words: Iterable[str] | None = None,
    extra_stop_words: Iterable[str] = (),
    user_dict: str | Path | Iterable[str] | None = None,
    min_length: int = 1,
) -> WordFrequencyResult:
    """Count words over texts.

    Parameters
    ----------
    texts
        Strings, or a Series whose index names the documents.
    stop_words
        Words not counted; ``None``: the bundled :data:`STOP_WORDS`; ``()``: none.
    extra_stop_words
        Added to ``stop_words`` (e.g. the question's own words).
    user_dict
        Words jieba keeps whole (a list, or a jieba dictionary file: word [freq [tag]] a line).
    min_length
        Shortest word counted, in characters.

    Examples
    --------
    >>> r = word_frequencies(["补贴太少了", "补贴申请太慢", "The subsidy is late"])
    >>> r.table.head(2)[["word", "n", "n_documents"]].to_numpy().tolist()
    [['补贴', 2, 2], ['late', 1, 1]]
    """
    if min_length < 1:
        raise ResponseDataError(f"min_length must be at least 1, got {min_length}")
    docs = _documents(texts)
    words = _user_words(user_dict)
    tk = jieba_tokenizer(words)
    stop = _stop_set(stop_words, extra_stop_words)
    raw = [_tokens(t, tk) for t in docs]
    kept = [[w for w in d if w not in stop and len(w) >= min_length] for d in raw]
    counts = Counter(w for d in kept for w in d)
    in_docs = Counter(w for d in kept for w in set(d))
    table = pd.DataFrame(
        {"word": list(counts), "n": [counts[w] for w in counts], "n_documents": [in_docs[w] for w in counts]},
        columns=["word", "n", "n_documents"],
    )
    table = table.astype({"n": "int64", "n_documents": "int64"})
    table["share_documents"] = table["n_documents"] / len(docs) if len(docs) else np.nan
    table = table.sort_values(["n", "n_documents", "word"], ascending=[False, False, True], kind="mergesort").reset_index(drop=True)
    n_tokens = sum(len(d) for d in raw)
    return WordFrequencyResult(table, len(docs), n_tokens, n_tokens - sum(len(d) for d in kept))


@dataclass(frozen=True)
class KwicResult(Result):
    """Keyword in context: ``table`` has one row per occurrence, ``document, start, left, term, right``
    (``start`` is the character offset of the term in its text)."""

    table: pd.DataFrame
    term: str
    window: int

    def to_frame(self) -> pd.DataFrame:
        return self.table.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        n, k = len(self.table), self.table["document"].nunique()
        if lang == "zh":
            return [f"“{self.term}”共出现{n}次，见于{k}条文本。"]
        return [f"“{self.term}” occurs {n} times in {k} texts."]


def kwic(texts, term: str, *, window: int = 10) -> KwicResult:
    """Every occurrence of ``term`` with ``window`` characters either side.

    Chinese terms match anywhere; a term of letters matches whole words, case-insensitively.

    Examples
    --------
    >>> kwic(["希望住房补贴早点发放", "没有意见"], "补贴", window=2).table[["document", "left", "term", "right"]].to_numpy().tolist()
    [[0, '住房', '补贴', '早点']]
    """
    if not isinstance(term, str) or not term.strip():
        raise ResponseDataError("kwic needs a non-empty term")
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 0:
        raise ResponseDataError(f"window must be a whole number of characters ≥ 0, got {window!r}")
    docs = _documents(texts)
    term = term.strip()
    if _HAN.search(term):
        rx = re.compile(re.escape(term))
    else:
        rx = re.compile(r"(?<![A-Za-z0-9])" + re.escape(term) + r"(?![A-Za-z0-9])", re.IGNORECASE)
    rows = [
        {"document": doc, "start": m.start(), "left": text[max(0, m.start() - window) : m.start()], "term": m.group(0), "right": text[m.end() : m.end() + window]}
        for doc, text in docs.items()
        for m in rx.finditer(text)
    ]
    table = pd.DataFrame(rows, columns=["document", "start", "left", "term", "right"])
    table["start"] = table["start"].astype("int64")
    return KwicResult(table, term, int(window))


@dataclass(frozen=True)
class WordCooccurrenceResult(Result):
    """Documents in which two words both occur: ``counts`` is a symmetric words × words table (the
    diagonal: documents holding the word); ``to_frame()`` lists the pairs, most frequent first."""

    counts: pd.DataFrame
    n_total_documents: int

    def to_frame(self) -> pd.DataFrame:
        words = list(self.counts.index)
        rows = [
            {"word_a": a, "word_b": b, "n_documents": int(self.counts.at[a, b])}
            for i, a in enumerate(words)
            for b in words[i + 1 :]
            if self.counts.at[a, b] > 0
        ]
        out = pd.DataFrame(rows, columns=["word_a", "word_b", "n_documents"])
        return out.sort_values(["n_documents", "word_a", "word_b"], ascending=[False, True, True], kind="mergesort").reset_index(drop=True)

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        pairs = self.to_frame().head(3)
        if pairs.empty:
            return ["高频词之间没有在同一条文本中共同出现的情况。"] if lang == "zh" else ["No two frequent words occur in the same text."]
        if lang == "zh":
            text = "、".join(f"“{a}”与“{b}”（{k}条）" for a, b, k in pairs.itertuples(index=False))
            return [f"同一条文本中最常共同出现的词语为{text}。"]
        text = ", ".join(f"“{a}” and “{b}” ({k} texts)" for a, b, k in pairs.itertuples(index=False))
        return [f"The words most often found in the same text were {text}."]


def word_cooccurrence(
    texts,
    *,
    words: Sequence[str] | None = None,
    top_n: int = 20,
    stop_words: Iterable[str] | None = None,
    extra_stop_words: Iterable[str] = (),
    user_dict: str | Path | Iterable[str] | None = None,
) -> WordCooccurrenceResult:
    """How many texts hold both of two words, for ``words`` (default: the ``top_n`` most frequent).

    Examples
    --------
    >>> r = word_cooccurrence(["住房 补贴", "补贴 申请", "住房 补贴 申请"], words=["住房", "补贴", "申请"])
    >>> int(r.counts.at["住房", "补贴"]), int(r.counts.at["住房", "申请"])
    (2, 1)
    """
    docs = _documents(texts)
    stop = _stop_set(stop_words, extra_stop_words)
    if words is None:
        if top_n < 1:
            raise ResponseDataError(f"top_n must be at least 1, got {top_n}")
        freq = word_frequencies(docs, stop_words=stop, user_dict=user_dict)
        words = list(freq.table["word"].head(top_n))
    else:
        words = list(dict.fromkeys(str(w).lower() if not _HAN.search(str(w)) else str(w) for w in words))
    if not words:
        raise AnalysisError("no words to count co-occurrences of (the texts hold no words once stop words are removed)")
    user = tuple(sorted(set(_user_words(user_dict)) | {w for w in words if _HAN.search(w)}))
    present = _document_tokens(docs, frozenset(), user, 1)
    index = {w: i for i, w in enumerate(words)}
    hits = np.zeros((len(docs), len(words)), dtype=np.int64)
    for r, toks in enumerate(present):
        for w in set(toks):
            if w in index:
                hits[r, index[w]] = 1
    counts = pd.DataFrame(hits.T @ hits, index=pd.Index(words, name="word"), columns=pd.Index(words, name="word"))
    return WordCooccurrenceResult(counts, len(docs))
