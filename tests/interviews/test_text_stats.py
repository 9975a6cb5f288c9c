"""Word statistics: tokens (Chinese with jieba, English words), frequencies, stop words, KWIC, co-occurrence."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pandas as pd
import pytest

from survey.errors import ResponseDataError
from survey.interviews.text_stats import STOP_WORDS, kwic, load_stop_words, tokenize, word_cooccurrence, word_frequencies

TEXTS = pd.Series(
    {
        "R1": "人才公寓的租金太高了，希望降低租金",
        "R2": "子女入学手续太复杂",
        "R3": "The housing subsidy is paid too late; I don't know why.",
        "R4": "租金补贴发放太慢",
    }
)


def test_tokenize_keeps_user_words_whole_and_english_words_lower_case():
    assert tokenize("人才公寓租金", user_dict=["人才公寓"]) == ["人才公寓", "租金"]
    assert tokenize("人才公寓租金") == ["人才", "公寓", "租金"]
    assert tokenize("I DON'T like e-mail, 2024!") == ["i", "don't", "like", "e-mail"]


def test_word_frequencies_counts_occurrences_and_documents_without_stop_words():
    r = word_frequencies(TEXTS, user_dict=["人才公寓"])
    top = r.table.set_index("word")
    assert top.loc["租金", "n"] == 3 and top.loc["租金", "n_documents"] == 2
    assert top.loc["租金", "share_documents"] == pytest.approx(2 / 4)
    assert r.table.iloc[0]["word"] == "租金"
    assert "人才公寓" in top.index and "的" not in top.index and "the" not in top.index and "don't" not in top.index
    assert r.n_total_documents == 4
    assert r.n_tokens - r.stop_words_removed == int(r.table["n"].sum())
    # the stop words are extendable and replaceable
    more = word_frequencies(TEXTS, extra_stop_words=["租金"])
    assert "租金" not in set(more.table["word"])
    none = word_frequencies(TEXTS, stop_words=())
    assert none.table.set_index("word").loc["的", "n"] == 1 and none.stop_words_removed == 0
    assert {"的", "the", "and"} <= STOP_WORDS


def test_user_dictionary_and_stop_words_from_files(tmp_path):
    d = tmp_path / "dict.txt"
    d.write_text("人才公寓 10 n\n子女入学\n", encoding="utf-8")
    s = tmp_path / "stop.txt"
    s.write_text("# words of the question\n希望 太高\n", encoding="utf-8")
    stop = load_stop_words(s)
    assert stop == {"希望", "太高"}
    r = word_frequencies(TEXTS, user_dict=d, extra_stop_words=stop)
    words = set(r.table["word"])
    assert {"人才公寓", "子女入学"} <= words and "希望" not in words
    with pytest.raises(ResponseDataError, match="not found"):
        word_frequencies(TEXTS, user_dict=tmp_path / "missing.txt")


def test_kwic_windows_and_whole_english_words():
    r = kwic(TEXTS, "租金", window=2)
    assert r.table[["document", "left", "term", "right"]].to_numpy().tolist() == [
        ["R1", "寓的", "租金", "太高"],
        ["R1", "降低", "租金", ""],
        ["R4", "", "租金", "补贴"],
    ]
    assert r.table["start"].tolist() == [5, 15, 0]
    en = kwic(TEXTS, "Subsidy", window=8)
    assert en.table[["document", "left", "term", "right"]].to_numpy().tolist() == [["R3", "housing ", "subsidy", " is paid"]]
    assert kwic(["subsidyless"], "subsidy").table.empty
    assert kwic(TEXTS, "租金").findings("zh") == ["“租金”共出现3次，见于2条文本。"]


def test_word_cooccurrence_counts_documents_holding_both():
    r = word_cooccurrence(TEXTS, words=["租金", "补贴", "入学"], user_dict=["子女入学"])
    assert r.counts.loc["租金", "补贴"] == 1 and r.counts.loc["租金", "租金"] == 2
    assert r.counts.loc["租金", "入学"] == 0  # 子女入学 is one word with the user dictionary
    pairs = r.to_frame()
    assert pairs.to_numpy().tolist() == [["租金", "补贴", 1]]


def test_bad_input_gets_named_errors():
    with pytest.raises(ResponseDataError, match="not one string"):
        word_frequencies("租金太高")
    with pytest.raises(ResponseDataError, match="must be strings"):
        word_frequencies(pd.Series({"R1": "租金", "R2": None}))
    with pytest.raises(ResponseDataError, match="window"):
        kwic(TEXTS, "租金", window=-1)
    with pytest.raises(ResponseDataError, match="non-empty term"):
        kwic(TEXTS, " ")


def test_findings_and_figure():
    r = word_frequencies(TEXTS)
    assert r.findings("zh")[0].startswith("4条文本中出现最多的词语为“租金”（2条）")
    assert r.findings("en")[0].startswith("The most frequent words in the 4 texts were “租金” (2 texts)")
    ax = r.plot(top_n=3)
    assert [t.get_text() for t in ax.get_yticklabels()][-1] == "租金"
    assert len(ax.patches) == 3
    empty = word_frequencies(["的了"])
    assert empty.table.empty and "no words" in empty.findings("en")[0]
