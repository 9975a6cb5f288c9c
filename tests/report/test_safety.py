"""Formula injection, atomic writes, output confinement (RELIABILITY.md)."""

from __future__ import annotations

import os
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from survey.errors import SurveyError
from survey.report import Document, write_document
from survey.report.atomic import atomic_path, atomic_write_bytes, check_output_dir, confine
from survey.report.csvsafe import neutralise, read_csv, read_csv_text, to_csv_text, write_csv
from survey.report.xlsx import build_xlsx_frames, read_xlsx

DANGEROUS = ["=1+1", "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "'=1", "''", "'", "",
             "00123", "NA", "None", "_x0041_", "a\r\nb", " lead", "trail ", "\x01ctl", "非常满意", "闈炲父", "\uffff"]

cells = st.one_of(st.text(), st.integers(min_value=-(2**53), max_value=2**53),
                  st.floats(min_value=-1e300, max_value=1e300), st.sampled_from(DANGEROUS))


def _frame(values):
    half = len(values) // 2
    return pd.DataFrame({"text": [str(v) for v in values], "mixed": values[half:] + values[:half]}, dtype=object)


def test_dangerous_strings_are_neutralised_in_csv():
    text = to_csv_text(pd.DataFrame({"x": ["=1+1", "+1", "-1", "@a", "\t1", "\r1", "ok", "'q"]}))
    fields = text.split("\r\n")[1:-1]
    assert fields[:6] == ['"\'=1+1"', '"\'+1"', '"\'-1"', '"\'@a"', '"\'\t1"', '"\'\r1"']
    assert fields[6:] == ['"ok"', '"\'\'q"']
    assert neutralise("-1") == "'-1"


def test_numbers_stay_numbers_in_csv(tmp_path):
    df = pd.DataFrame({"n": [1, -2, 3], "x": [0.1, -1e-300, 2.5e10]})
    path = write_csv(df, tmp_path / "t.csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"-2," in raw and b"'" not in raw
    back = read_csv(path)
    assert back["n"].tolist() == [1, -2, 3] and back["x"].tolist() == [0.1, -1e-300, 2.5e10]


@settings(max_examples=60, deadline=None)
@given(st.lists(cells, min_size=1, max_size=8))
def test_any_cell_round_trips_through_csv(values):
    df = _frame(values)
    back = read_csv_text(to_csv_text(df))
    assert back["text"].tolist() == df["text"].tolist()
    for a, b in zip(df["mixed"], back["mixed"]):
        assert type(a) is type(b) and a == b


def _same_xlsx(a, b):
    if isinstance(a, str):
        # An empty string is an empty cell in xlsx: it reads back as missing.
        return b == a or (a == "" and b is None)
    if not isinstance(b, (int, float)) or isinstance(b, bool):
        return False
    # openpyxl writes numbers with 16 significant digits ("%.16g"); Excel itself keeps 15.
    return b == a or abs(b - a) <= 1e-15 * abs(a)


@settings(max_examples=25, deadline=None)
@given(st.lists(cells, min_size=1, max_size=8))
def test_any_cell_round_trips_through_xlsx(values):
    df = _frame(values)
    back = read_xlsx(build_xlsx_frames({"t": df}))["t"]
    for a, b in zip(df["text"], back["text"]):
        assert _same_xlsx(a, b)
    for a, b in zip(df["mixed"], back["mixed"]):
        assert _same_xlsx(a, b)


def test_dangerous_strings_round_trip_through_xlsx_exactly():
    df = pd.DataFrame({"x": [s for s in DANGEROUS if s]}, dtype=object)
    assert read_xlsx(build_xlsx_frames({"t": df}))["t"]["x"].tolist() == df["x"].tolist()


def test_xlsx_formula_strings_are_stored_as_inline_strings():
    import zipfile, io

    data = build_xlsx_frames({"t": pd.DataFrame({"x": ["=1+1", "@SUM(1)"]})})
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in sheet and "<f " not in sheet
    assert 't="inlineStr"' in sheet and "=1+1" in sheet


def test_document_tables_survive_xlsx_and_csv(tmp_path):
    doc = Document(lang="en", style="apa")
    doc.add_table(pd.DataFrame({"item": ["=cmd|' /C calc'!A0", "-x"], "*M*": ["3.42", "=1"]}), "Injected", key="inj")
    res = write_document(doc, tmp_path / "out", formats=("xlsx", "csv"))
    sheets = read_xlsx(res.out_dir / "tables" / "tables.xlsx")
    assert list(sheets) == ["Contents", "Table 1"]
    assert sheets["Table 1"]["item"].tolist() == ["=cmd|' /C calc'!A0", "-x"]
    assert list(sheets["Table 1"].columns) == ["item", "M"]
    assert read_csv(res.out_dir / "tables" / "inj.csv")["*M*" if False else "M"].tolist() == ["3.42", "=1"]


# ----------------------------------------------------------------------------- atomic writes
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob("*") if p.name.startswith(".tmp-"))


def test_failed_write_leaves_no_half_written_file(tmp_path):
    target = tmp_path / "report.md"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with atomic_path(target) as tmp:
            tmp.write_text("half")
            raise RuntimeError("disk full")
    assert target.read_text() == "old" and _leftovers(tmp_path) == []
    new = tmp_path / "new.md"
    with pytest.raises(RuntimeError):
        with atomic_path(new) as tmp:
            tmp.write_text("half")
            raise RuntimeError("boom")
    assert not new.exists() and _leftovers(tmp_path) == []


def test_failed_rename_leaves_old_file(tmp_path, monkeypatch):
    target = atomic_write_bytes(tmp_path / "a.bin", b"old")

    def broken(src, dst):
        raise OSError("rename failed")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old" and _leftovers(tmp_path) == []


def test_failing_writer_leaves_no_partial_report(tmp_path, monkeypatch):
    import survey.report.docx as docx_writer

    def broken(layout, options=None):
        raise RuntimeError("writer failed")

    monkeypatch.setattr(docx_writer, "build_docx", broken)
    doc = Document()
    doc.add_paragraph("x")
    out = tmp_path / "out"
    with pytest.raises(RuntimeError):
        write_document(doc, out, formats=("md", "docx", "html"))
    # Everything is rendered before the folder is touched: no file, no temporary file, no manifest.
    assert not out.exists()
    first = write_document(doc, out, formats=("md",))
    with pytest.raises(RuntimeError):
        write_document(doc, out, formats=("md", "docx", "html"))
    # and the previous run's files are still there, unchanged
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "report.md"] and first.files == ("report.md",)


# ----------------------------------------------------------------------------- confinement
@pytest.mark.parametrize("name", ["../../x", "../x", "/etc/passwd", "C:\\x", "\\\\srv\\share\\x", "a/../../x", "", ".", "a\x00b"])
def test_names_outside_the_folder_are_rejected(tmp_path, name):
    with pytest.raises(SurveyError):
        confine(tmp_path, name)


def test_names_inside_are_accepted(tmp_path):
    assert confine(tmp_path, "tables/t.csv") == tmp_path.resolve() / "tables/t.csv"


def test_symlink_escape_is_rejected(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "link").symlink_to(outside)
    with pytest.raises(SurveyError, match="leaves"):
        confine(out, "link/x.csv")


def test_basename_cannot_escape(tmp_path):
    with pytest.raises(SurveyError):
        write_document(Document(), tmp_path / "out", basename="../../evil")


def test_output_folder_overlapping_inputs_is_refused(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    f = data / "responses.csv"
    f.write_text("a\n1\n")
    for bad in (data, tmp_path, data / "out"):
        with pytest.raises(SurveyError, match="overlaps"):
            check_output_dir(bad, [f, data])
    with pytest.raises(SurveyError, match="overlaps"):
        write_document(Document(), data, inputs=[f])
    with pytest.raises(SurveyError, match="existing file"):
        check_output_dir(f, [])
    assert check_output_dir(tmp_path / "report", [f, data]) == (tmp_path / "report").resolve()
    assert f.read_text() == "a\n1\n"


def test_outputs_follow_the_users_umask(tmp_path):
    """Report files get the permissions an ordinary new file gets (0644 under umask 022), not 0600."""
    import os
    import stat

    from survey.report.atomic import atomic_write_text

    old = os.umask(0o022)
    try:
        path = atomic_write_text(tmp_path / "report.md", "x")
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        os.umask(0o027)
        path = atomic_write_text(tmp_path / "other.md", "x")
        assert stat.S_IMODE(path.stat().st_mode) == 0o640
    finally:
        os.umask(old)
