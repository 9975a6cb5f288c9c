"""A file whose lines are partly UTF-8 and partly GBK (two exports joined, a line edited in another
program) is refused, naming the first line in the other encoding; files in one encoding load as before."""

from __future__ import annotations

import pandas as pd
import pytest

import survey.io.delimited as delimited
from survey.errors import ResponseDataError
from survey.io import load_responses
from survey.io.encoding import decode_bytes
from survey.schema import questionnaire_from_dict

LABELS = {1: "非常不满意", 2: "不满意", 3: "一般", 4: "满意", 5: "非常满意"}
Q = questionnaire_from_dict(
    {
        "id": "mixed",
        "title": "mixed",
        "id_column": "id",
        "scales": {"sat": {"labels": LABELS}},
        "items": [{"id": "q1", "text": "满意度", "scale": "sat"}, {"id": "note", "type": "text", "text": "备注"}],
    }
)


def _file(tmp_path, parts: list[tuple[str, str]], name="mixed.csv"):
    """Lines, each in its own encoding."""
    path = tmp_path / name
    path.write_bytes(b"".join(text.encode(encoding) for text, encoding in parts))
    return path


@pytest.mark.parametrize("questionnaire", [None, Q], ids=["plain", "with a questionnaire"])
def test_utf8_lines_then_gbk_lines_name_the_first_gbk_line(tmp_path, questionnaire):
    path = _file(tmp_path, [("id,q1,note\n1,满意,很好\n2,一般,\n", "utf-8"), ("3,满意,很好\n4,一般,还行\n", "gbk")])
    with pytest.raises(ResponseDataError, match="mixed encodings") as info:
        load_responses(path, questionnaire)
    [problem] = info.value.problems
    assert problem.where == "line 4" and "GBK" in problem.what and "line 2" in problem.what


def test_gbk_lines_then_utf8_lines_name_the_first_utf8_line(tmp_path):
    path = _file(tmp_path, [("id,q1,note\n1,满意,很好\n", "gbk"), ("2,3,\n", "ascii"), ("3,满意,很好\n", "utf-8")])
    with pytest.raises(ResponseDataError, match="mixed encodings") as info:
        load_responses(path, Q)
    [problem] = info.value.problems
    assert problem.where == "line 4" and "UTF-8" in problem.what and "line 2" in problem.what


def test_files_in_one_encoding_still_load(tmp_path):
    text = "id,q1,note\n1,满意,很好\n2,一般,还行\n"
    for encoding, found in (("utf-8", "utf-8"), ("gbk", "gb18030")):
        r = load_responses(_file(tmp_path, [(text, encoding)], f"{encoding}.csv"), Q)
        assert r.source.encoding == found and r.data["note"].tolist() == ["很好", "还行"]


def test_no_gbk_text_is_taken_for_utf8():
    # every GB2312 character, alone and in runs of two to four, on lines of their own: a pure GBK file
    chars = [bytes([lead, trail]) for lead in range(0xA1, 0xF8) for trail in range(0xA1, 0xFF)]
    chars = [c for c in chars if _is_gb2312(c)]
    lines = [b"%d,%s\n" % (k, b"".join(chars[k : k + n])) for n in (1, 2, 3, 4) for k in range(len(chars))]
    decoded = decode_bytes(b"id,text\n" + b"".join(lines))
    assert decoded.encoding == "gb18030" and decoded.data.decode("utf-8").count("\n") == len(lines) + 1


def _is_gb2312(pair: bytes) -> bool:
    try:
        pair.decode("gb2312")
        return True
    except UnicodeDecodeError:
        return False


def test_an_explicit_encoding_is_used_as_asked(tmp_path):
    path = _file(tmp_path, [("id,note\n1,很好\n", "utf-8"), ("2,很好\n", "gbk")])
    r = load_responses(path, encoding="gb18030")
    assert r.data["note"].tolist() == ["寰堝ソ", "很好"]  # what the user asked for, recorded as such
    assert r.source.encoding == "gb18030"


def test_a_large_file_read_in_pieces_names_the_same_line(tmp_path, monkeypatch):
    # more than a MiB of UTF-8 Chinese text (checked up front), then a GBK line found by a parse thread
    body = "".join(f"{i:06d},满意,很好\n" for i in range(80_000))
    path = _file(tmp_path, [("id,q1,note\n" + body, "utf-8"), ("x1,满意,很好\n", "gbk"), ("x2,满意,很好\n", "utf-8")])
    with pytest.raises(ResponseDataError, match="mixed encodings") as whole:
        load_responses(path, Q)
    monkeypatch.setattr(delimited, "_PIECE_BYTES", 1 << 18)
    monkeypatch.setattr(delimited, "_available_cores", lambda: 4)
    with pytest.raises(ResponseDataError, match="mixed encodings") as pieces:
        load_responses(path, Q)
    assert pieces.value.problems == whole.value.problems
    assert [p.where for p in whole.value.problems] == ["line 80002"]


def test_a_large_pure_gbk_file_in_pieces_still_loads(tmp_path, monkeypatch):
    body = "".join(f"{i:06d},满意,很好\n" for i in range(80_000))
    path = _file(tmp_path, [("id,q1,note\n" + body, "gbk")])
    whole = load_responses(path, Q)
    monkeypatch.setattr(delimited, "_PIECE_BYTES", 1 << 18)
    monkeypatch.setattr(delimited, "_available_cores", lambda: 4)
    pieces = load_responses(path, Q)
    pd.testing.assert_frame_equal(pieces.data, whole.data)
    assert whole.source.encoding == "gb18030" and whole.data["q1"].iloc[-1] == 4.0
