"""``load_responses``: any supported export -> one :class:`~survey.responses.Responses`."""

from __future__ import annotations

import hashlib
import warnings
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problem, ResponseDataError, SurveyWarning
from ..prep.ledger import LedgerEntry
from ..responses import Responses, Source
from ..schema.model import Questionnaire
from .assemble import Assembly, ItemBlock, assemble_items, assemble_plain
from .layout import FORMATS, Layout, detect_layout
from .metadata import PERSONAL_META, convert_meta, looks_personal
from .table import RawTable

__all__ = ["load_responses"]

_ON_INVALID = ("raise", "flag")


def _file_format(path: Path, raw: bytes, requested: str) -> str:
    if requested in ("csv", "tsv", "xlsx", "xls", "sav"):
        return requested
    if raw.startswith(b"PK\x03\x04"):
        return "xlsx"
    if raw.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return "xls"
    if raw[:4] in (b"$FL2", b"$FL3"):
        return "sav"
    head = raw[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml")):
        raise ResponseDataError(
            f"{path.name}: an HTML/XML page, not a data file",
            [Problem(path.name, "HTML or XML content (some old exports save a web table as .xls)", "open it in Excel/WPS and save as .xlsx or .csv")],
        )
    return "tsv" if path.suffix.lower() == ".tsv" else "csv"


def _read_table(path: Path, raw: bytes, file_format: str, *, encoding: str | None, sheet) -> RawTable:
    if file_format == "xlsx":
        from .excel import read_xlsx

        return read_xlsx(path, sheet=sheet)
    if file_format == "xls":
        from .excel import read_xls

        return read_xls(path, sheet=sheet)
    if file_format == "sav":
        from .spss import read_sav

        return read_sav(path, encoding=encoding)
    from .delimited import read_delimited

    return read_delimited(raw, encoding=encoding, delimiter="\t" if file_format == "tsv" and path.suffix.lower() == ".tsv" else None, where=path.name)


def _check_names(layout: Layout, where: str) -> list[str]:
    """Unique internal names; empty headers get ``column_<k>``; duplicates raise, naming them."""
    names = []
    for k, name in enumerate(layout.names):
        names.append(name if name else f"column_{k + 1}")
    seen: dict[str, list[int]] = {}
    for k, name in enumerate(names):
        seen.setdefault(name, []).append(k + 1)
    dups = {n: ks for n, ks in seen.items() if len(ks) > 1}
    if dups:
        raise ResponseDataError(
            f"{where}: {len(dups)} column name(s) occur more than once",
            [Problem(f"{where} columns {ks}", f"column name {n!r} occurs {len(ks)} times", "unique column names") for n, ks in dups.items()],
        )
    return names


def _empty_mask(frame: pd.DataFrame) -> np.ndarray:
    empty = np.ones(len(frame), dtype=bool)
    numeric_first = [c for c, t in frame.dtypes.items() if t != object] + [c for c, t in frame.dtypes.items() if t == object]
    for column in numeric_first:
        values = frame[column]
        if values.dtype == object:
            empty &= (values == "").to_numpy() | values.isna().to_numpy()
        else:
            empty &= values.isna().to_numpy()
        if not empty.any():
            break
    return empty


def _hash_alongside(raw: bytes) -> Future:
    """The file's sha256 (hex), computed in a thread of its own."""
    pool = ThreadPoolExecutor(max_workers=1)
    digest = pool.submit(lambda: hashlib.sha256(raw).hexdigest())
    pool.shutdown(wait=False)
    return digest


def _id_index(series: pd.Series) -> pd.Index:
    """Respondent ids as text, exactly as in the file (numbers from SPSS/Excel without ``.0``)."""
    if series.dtype == object:
        values = series.to_numpy(dtype=object)
        if pd.api.types.infer_dtype(values, skipna=False) != "string":  # not every cell is text
            values = np.array(["" if v is None or v != v else str(v) for v in values], dtype=object)
    else:
        values = np.array(["" if v != v else (str(int(v)) if float(v).is_integer() else str(v)) for v in series.to_numpy()], dtype=object)
    return pd.Index(values, dtype="str", name="respondent")


def load_responses(
    path: str | Path,
    questionnaire: Questionnaire | None = None,
    format: str = "auto",
    *,
    encoding: str | None = None,
    sheet: str | int | None = None,
    on_invalid: str = "raise",
    id_column: str | None = None,
) -> Responses:
    """Load a survey export (CSV/TSV, xlsx/xls, SPSS, Wenjuanxing, Qualtrics) as :class:`Responses`.

    Parameters
    ----------
    path : str or Path
        The export. It is only read, never modified; its sha256 is recorded in ``source``.
    questionnaire : Questionnaire, optional
        Columns are matched to its items (by id, question number and matrix row, or normalised
        text), labels become codes through its scales, declared missing codes become NaN and are
        counted. Without it, columns are kept as in the file.
    format : str
        ``"auto"`` (default), ``"csv"``, ``"tsv"``, ``"xlsx"``, ``"xls"``, ``"sav"``,
        ``"wjx_text"``, ``"wjx_numeric"``, ``"qualtrics"`` or ``"qualtrics_legacy"``.
    encoding : str, optional
        Text encoding of a CSV/TSV or SPSS file; by default found safely (UTF-8, UTF-8 with BOM,
        UTF-16, GB18030; never latin-1).
    sheet : str or int, optional
        Worksheet of an Excel file (default: the first).
    on_invalid : {"raise", "flag"}
        Cells that do not fit the questionnaire (codes outside the scale, unknown labels, numbers
        outside min/max): ``"raise"`` a ``ResponseDataError`` listing every one; ``"flag"`` keeps
        out-of-range codes, sets unknown labels missing, and lists them all in ``invalid``.
    id_column : str, optional
        Column that identifies respondents (default: the questionnaire's ``id_column``, else the
        platform's 序号 / ResponseId / ``id``, else data row numbers from 1).

    Returns
    -------
    Responses

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "export.csv").write_text("id,q1,phone\\n00123,5,13800000000\\n00124,3,13900000000\\n")
    >>> r = load_responses(folder / "export.csv")
    >>> r.data.index.tolist(), r.data["q1"].tolist(), r.personal
    (['00123', '00124'], [5.0, 3.0], ('phone',))
    """
    path = Path(path)
    if format not in FORMATS:
        raise ResponseDataError(f"unknown format {format!r}", [Problem("format", repr(format), f"one of {list(FORMATS)}")])
    if on_invalid not in _ON_INVALID:
        raise ResponseDataError(f"unknown on_invalid {on_invalid!r}", [Problem("on_invalid", repr(on_invalid), "'raise' or 'flag'")])
    if not path.is_file():
        raise ResponseDataError(f"no file at {path}", [Problem(str(path), "file not found", "the path of an export file")])
    raw = path.read_bytes()
    sha256 = _hash_alongside(raw)  # hashlib releases the GIL: the digest is computed while parsing
    file_format = _file_format(path, raw, format)
    table = _read_table(path, raw, file_format, encoding=encoding, sheet=sheet)
    del raw
    requested = format if format in ("wjx_text", "wjx_numeric", "qualtrics", "qualtrics_legacy") else "auto"
    layout = detect_layout(table.records, file_format=file_format, requested=requested)
    names = _check_names(layout, path.name)
    texts = layout.texts + [""] * (len(names) - len(layout.texts))
    text_of = dict(zip(names, texts))

    # ---- the respondent id column --------------------------------------------------------
    if id_column is not None:
        if id_column not in names:
            raise ResponseDataError(f"{path.name}: no id column {id_column!r}", [Problem(path.name, f"column {id_column!r} not found", f"one of {names[:20]}")])
        id_col = id_column
    elif questionnaire is not None and questionnaire.id_column in names:
        id_col = questionnaire.id_column
    else:
        id_col = layout.id_column
    meta_cols = {c: s for c, s in layout.meta.items() if c != id_col}

    # ---- columns -> items ----------------------------------------------------------------
    assembly = Assembly(questionnaire, layout, on_invalid=on_invalid)
    candidates = [n for n in names if n != id_col]
    if questionnaire is not None:
        assembly.match(candidates, [text_of[n] for n in candidates], meta_cols, generic=layout.format in ("csv", "tsv", "xlsx", "xls", "sav"))
        meta_cols = {c: s for c, s in meta_cols.items() if c not in assembly.matched}
    labelled = assembly.labelled_columns(table.records, names, layout.n_header) if questionnaire is not None else []
    numeric_meta = frozenset(c for c, std in meta_cols.items() if std == "duration_s")  # plain seconds parse as numbers
    items = ItemBlock(assembly) if questionnaire is not None else None
    body = table.read_body(layout.n_header, names, frozenset(assembly.coded_columns) | numeric_meta, frozenset(labelled), into=items.destinations if items else None)

    # ---- rows: drop all-empty rows and unnamed all-empty columns --------------------------
    for k, name in enumerate(layout.names):
        if not name and names[k] in body and _empty_mask(body[[names[k]]]).all():
            body = body.drop(columns=names[k])
            candidates = [c for c in candidates if c != names[k]]
            assembly.forget(names[k])
        elif not name:
            warnings.warn(f"{path.name}: column {k + 1} has no header; it is kept as {names[k]!r}", SurveyWarning, stacklevel=2)
    empty = _empty_mask(body)
    positions = np.flatnonzero(~empty)
    if empty.any():
        body = body.iloc[positions].reset_index(drop=True)
    n_empty = int(empty.sum())

    if id_col is not None:
        index = _id_index(body[id_col])
    else:
        index = pd.Index(positions + 1, name="respondent")
    locate = (lambda i: table.locate(int(positions[i])))

    # ---- item data -----------------------------------------------------------------------
    if questionnaire is not None:
        if not assembly.matched and candidates:
            raise ResponseDataError(
                f"{path.name}: no column matches an item of questionnaire {questionnaire.id!r}; is it the right questionnaire?",
                [Problem(path.name, f"columns {list(candidates)[:8]}{' …' if len(candidates) > 8 else ''}",
                         f"headers like item ids ({', '.join(questionnaire.item_ids[:3])} …), question numbers or question texts")],
            )
        data = assemble_items(assembly, body, index, locate, table, where=path.name, items=items)
        unmatched = [c for c in candidates if c not in assembly.matched and c not in meta_cols]
    else:
        plain = [c for c in candidates if c not in meta_cols]
        data = assemble_plain(assembly, body[plain] if plain else body.iloc[:, :0], index, table)
        unmatched = []

    # ---- metadata ------------------------------------------------------------------------
    meta_parts: dict[str, pd.Series] = {}
    personal: list[str] = []
    if id_col is not None:
        meta_parts["respondent_id"] = pd.Series(index.to_numpy(), index=index, dtype="str")
    for column, std in meta_cols.items():
        for name, series in convert_meta(std, body[column].set_axis(index), column=column).items():
            key = name if name not in meta_parts else column
            meta_parts[key] = series
            if name in PERSONAL_META or looks_personal(column):
                personal.append(key)
    for column in unmatched:
        series = body[column]
        meta_parts[column] = series.set_axis(index).astype("str") if series.dtype == object else series.set_axis(index)
        if looks_personal(column) or looks_personal(text_of.get(column, "")):
            personal.append(column)
    meta = pd.DataFrame(meta_parts, index=index)
    personal.extend(c for c in assembly.personal_columns(text_of) if c in data.columns)
    if questionnaire is None:
        personal.extend(c for c in data.columns if looks_personal(c) or looks_personal(text_of.get(c, "")))

    if unmatched:
        warnings.warn(
            f"{path.name}: {len(unmatched)} column(s) match no item of questionnaire {questionnaire.id!r} and are kept in meta: {unmatched[:20]}",
            SurveyWarning,
            stacklevel=2,
        )
    for message in assembly.warnings:
        warnings.warn(f"{path.name}: {message}", SurveyWarning, stacklevel=2)

    del body
    source = Source(
        path=str(path),
        format=layout.format,
        sha256=sha256.result(),
        rows_read=len(data),
        encoding=table.encoding,
        sheet=table.sheet,
        unmatched_columns=tuple(unmatched),
    )
    detail = f"read {len(data)} rows and {len(names)} columns from {path.name} ({layout.format}"
    detail += f", {table.encoding})" if table.encoding else ")"
    if n_empty:
        detail += f"; {n_empty} empty row(s) skipped"
    ledger = [LedgerEntry("load", layout.format, detail, (), len(data))] + assembly.ledger_entries()
    return Responses(
        data=data,
        meta=meta,
        questionnaire=questionnaire,
        source=source,
        ledger=tuple(ledger),
        personal=tuple(dict.fromkeys(personal)),
        invalid=assembly.invalid_frame(),
        declared_missing=assembly.missing_frame(),
    )


def read_export(path: str | Path, format: str = "auto", *, encoding: str | None = None, sheet: str | int | None = None) -> tuple[RawTable, Layout, list[str]]:
    """An export as read, before any questionnaire: its table, its layout and its unique column names.

    What :func:`load_responses` starts from; the questionnaire drafter (``survey init``) reads
    headers, question texts, value labels and cells from it.
    """
    path = Path(path)
    if format not in FORMATS:
        raise ResponseDataError(f"unknown format {format!r}", [Problem("format", repr(format), f"one of {list(FORMATS)}")])
    if not path.is_file():
        raise ResponseDataError(f"no file at {path}", [Problem(str(path), "file not found", "the path of an export file")])
    raw = path.read_bytes()
    file_format = _file_format(path, raw, format)
    table = _read_table(path, raw, file_format, encoding=encoding, sheet=sheet)
    requested = format if format in ("wjx_text", "wjx_numeric", "qualtrics", "qualtrics_legacy") else "auto"
    layout = detect_layout(table.records, file_format=file_format, requested=requested)
    return table, layout, _check_names(layout, path.name)
