"""``load_responses``: any supported export -> one :class:`~survey.responses.Responses`."""

from __future__ import annotations

import hashlib
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import Problem, ResponseDataError, SurveyWarning
from ..prep.ledger import LedgerEntry
from ..responses import Responses, Source
from ..schema.model import Questionnaire
from .assemble import Assembly, ItemBlock, assemble_items, assemble_plain
from .detect import detect_layout
from .layout import FORMATS, PLATFORM_FORMATS, Layout
from .matching import bind_columns
from .messages import LoaderMessage, warn
from .metadata import PERSONAL_META, convert_meta, duration_between, looks_personal
from .table import RawTable

__all__ = ["ColumnMatchWarning", "load_responses", "read_export", "read_plain_body"]

_ON_INVALID = ("raise", "flag")


class ColumnMatchWarning(SurveyWarning):
    """Columns that match no item, or items with no column: what ``survey inspect`` restates in its report."""


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


def _column_names(layout: Layout, where: str) -> tuple[list[str], dict[str, list[int]]]:
    """Unique internal names, and {header: positions} of the headers several columns share.

    Empty headers get ``column_<k>``; every column under a repeated header is kept, named by its
    position (``满意度 (column 7)``), and a warning names them.
    """
    names = [name if name else f"column_{k + 1}" for k, name in enumerate(layout.names)]
    seen: dict[str, list[int]] = {}
    for k, name in enumerate(names):
        seen.setdefault(name, []).append(k + 1)
    repeated = {n: ks for n, ks in seen.items() if len(ks) > 1}
    for name, positions in repeated.items():
        for k in positions:
            names[k - 1] = f"{name} (column {k})"
    clashes = sorted({n for n in names if names.count(n) > 1})
    if clashes:
        raise ResponseDataError(
            f"{where}: column names {clashes} occur more than once",
            [Problem(f"{where} columns {[k + 1 for k, n in enumerate(names) if n == c]}", f"column name {c!r} occurs more than once", "unique column names") for c in clashes],
        )
    if repeated:
        headers = [(name, positions, [names[k - 1] for k in positions]) for name, positions in repeated.items()]
        name, positions = next(iter(repeated.items()))
        warn(LoaderMessage("repeated_headers", {"where": where, "n": len(repeated), "headers": headers, "name": name, "position": positions[1]}), stacklevel=4)
    return names, repeated


def _id_column(names: list[str], repeated: dict[str, list[int]], *, given: str | None, defaults: tuple, where: str) -> str | None:
    """The respondent id column: ``given``, else the first of ``defaults`` (the questionnaire's, the
    platform's) that names a column. A given name that names none, or an id header over several
    columns, is an error."""
    for wanted in (given, *defaults):
        if wanted is None:
            continue
        if wanted in repeated:
            positions = repeated[wanted]
            raise ResponseDataError(
                f"{where}: the respondent id column {wanted!r} occurs {len(positions)} times",
                [Problem(f"{where} columns {positions}", f"respondent id column {wanted!r} occurs {len(positions)} times",
                         f"one column of respondent ids; name the one to use, e.g. id_column={names[positions[0] - 1]!r}")],
            )
        if wanted in names:
            return wanted
        if wanted == given:
            raise ResponseDataError(f"{where}: no id column {given!r}", [Problem(where, f"column {given!r} not found", f"one of {names[:20]}")])
    return None


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


def _number_columns(table: RawTable, layout: Layout, names: list[str], *, exclude: set) -> frozenset[str]:
    """Columns the reader may parse as numbers straight away (no cell in them is text or an
    identifier, as the file's reader finds before parsing); every other column is read as text."""
    if table.number_columns is None:
        return frozenset()
    safe = table.number_columns(layout.n_header)
    return frozenset(name for name, ok in zip(names, safe) if ok and name not in exclude)


def _text_where_not_numbers(table: RawTable, layout: Layout, names: list[str], body: pd.DataFrame, numbers: frozenset[str]) -> pd.DataFrame:
    """``body`` with the columns of ``numbers`` that did not parse as numbers throughout (a stray
    token such as ``1e5e``) read again as text, exactly as in the file."""
    mixed = [name for name in names if name in numbers and not (isinstance(body[name].dtype, np.dtype) and body[name].dtype.kind in "iuf")]
    if not mixed:
        return body
    text = table.read_body(layout.n_header, names, frozenset())
    return body.assign(**{name: text[name] for name in mixed})


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
        ``"wjx_text"``, ``"wjx_numeric"``, ``"qualtrics"``, ``"qualtrics_legacy"``, ``"jinshuju"``,
        ``"tencent"``, ``"credamo"``, ``"surveymonkey"``, ``"google_forms"``, ``"limesurvey"`` or
        ``"kobo"`` (see docs/own_data.md for what each recognises).
    encoding : str, optional
        Text encoding of a CSV/TSV or SPSS file; by default found safely (UTF-8, UTF-8 with BOM,
        UTF-16, GB18030; never latin-1).
    sheet : str or int, optional
        Worksheet of an Excel file (default: the first).
    on_invalid : {"raise", "flag"}
        Cells that do not fit the questionnaire (codes outside the scale, unknown labels, numbers
        outside min/max): ``"raise"`` a ``ResponseDataError`` listing every one; ``"flag"`` sets them
        missing (no statistic ever sees them) and lists them all, with their values as read, in
        ``invalid``.
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
    if on_invalid not in _ON_INVALID:
        raise ResponseDataError(f"unknown on_invalid {on_invalid!r}", [Problem("on_invalid", repr(on_invalid), "'raise' or 'flag'")])
    table, layout, names, repeated, sha256 = _read_export(path, format, encoding=encoding, sheet=sheet)
    texts = layout.texts + [""] * (len(names) - len(layout.texts))
    text_of = dict(zip(names, texts))
    defaults = (questionnaire.id_column if questionnaire is not None else None, layout.id_column)
    id_col = _id_column(names, repeated, given=id_column, defaults=defaults, where=path.name)
    meta_cols = {c: s for c, s in layout.meta.items() if c != id_col and c not in repeated}
    assembly = Assembly(questionnaire, layout, on_invalid=on_invalid)
    candidates = [n for n in names if n != id_col]
    if questionnaire is not None:
        meta_cols = _match_items(assembly, questionnaire, layout, names, repeated, candidates, text_of, meta_cols, id_col)
    body, items = _read_body(table, layout, names, assembly, questionnaire, meta_cols, id_col)
    body, candidates = _drop_unnamed_empty_columns(body, layout, names, candidates, assembly, where=path.name)
    empty = _empty_mask(body)
    positions = np.flatnonzero(~empty)
    if empty.any():
        body = body.iloc[positions].reset_index(drop=True)
    index = _id_index(body[id_col]) if id_col is not None else pd.Index(positions + 1, name="respondent")
    locate = (lambda i: table.locate(int(positions[i])))

    if questionnaire is not None:
        _refuse_wrong_questionnaire(assembly, questionnaire, candidates, where=path.name)
        data = assemble_items(assembly, body, index, locate, table, where=path.name, items=items)
        unmatched = [c for c in candidates if c not in assembly.matched and c not in meta_cols]
    else:
        plain = [c for c in candidates if c not in meta_cols]
        data = assemble_plain(assembly, body[plain] if plain else body.iloc[:, :0], index, table)
        unmatched = []
    meta, personal, derived = _metadata(body, index, id_col, meta_cols, unmatched, text_of)
    personal.extend(c for c in assembly.personal_columns(text_of) if c in data.columns)
    if questionnaire is None:
        personal.extend(c for c in data.columns if looks_personal(c) or looks_personal(text_of.get(c, "")))
    _warn_about_matching(assembly, questionnaire, unmatched, where=path.name)
    del body

    source = Source(
        path=str(path),
        format=layout.format,
        sha256=sha256.result(),
        rows_read=len(data),
        encoding=table.encoding,
        sheet=table.sheet,
        unmatched_columns=tuple(unmatched),
        absent_items=tuple(assembly.absent),
    )
    detail = f"read {len(data)} rows and {len(names)} columns from {path.name} ({layout.format}"
    detail += f", {table.encoding})" if table.encoding else ")"
    if empty.any():
        detail += f"; {int(empty.sum())} empty row(s) skipped"
    if derived:
        detail += "; duration_s computed as submitted_at − started_at"
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
        missing_codes=assembly.missing_codes_frame(index),
    )


def _match_items(assembly: Assembly, questionnaire: Questionnaire, layout: Layout, names: list[str], repeated: dict[str, list[int]],
                 candidates: list[str], text_of: dict[str, str], meta_cols: dict[str, str], id_col: str | None) -> dict[str, str]:
    """Match the columns to the questionnaire's items; return the metadata columns no item took."""
    bound = bind_columns(questionnaire, layout.names, names, id_column=id_col)
    shared = frozenset(names[k - 1] for positions in repeated.values() for k in positions)
    assembly.match(candidates, [text_of[n] for n in candidates], meta_cols, generic=layout.format in ("csv", "tsv", "xlsx", "xls", "sav"),
                   bound=bound, repeated=shared)
    return {c: s for c, s in meta_cols.items() if c not in assembly.matched}


def _read_body(table: RawTable, layout: Layout, names: list[str], assembly: Assembly, questionnaire: Questionnaire | None,
               meta_cols: dict[str, str], id_col: str | None) -> tuple[pd.DataFrame, ItemBlock | None]:
    """Parse the body: item codes, labels and plain seconds as numbers (straight into the item
    block with a questionnaire), everything else as text."""
    labelled = assembly.labelled_columns(table.records, names, layout.n_header) if questionnaire is not None else []
    numeric_meta = frozenset(c for c, std in meta_cols.items() if std == "duration_s")  # plain seconds parse as numbers
    items = ItemBlock(assembly) if questionnaire is not None else None
    numbers = _number_columns(table, layout, names, exclude={id_col, *meta_cols}) if questionnaire is None else frozenset()
    body = table.read_body(layout.n_header, names, frozenset(assembly.coded_columns) | numeric_meta | numbers, frozenset(labelled),
                           into=items.destinations if items else None)
    return _text_where_not_numbers(table, layout, names, body, numbers), items


def _drop_unnamed_empty_columns(body: pd.DataFrame, layout: Layout, names: list[str], candidates: list[str], assembly: Assembly, *,
                                where: str) -> tuple[pd.DataFrame, list[str]]:
    """A column with no header and no value is dropped; one with no header but values is kept with a warning."""
    for k, name in enumerate(layout.names):
        if not name and names[k] in body and _empty_mask(body[[names[k]]]).all():
            body = body.drop(columns=names[k])
            candidates = [c for c in candidates if c != names[k]]
            assembly.forget(names[k])
        elif not name:
            warn(LoaderMessage("empty_header", {"where": where, "column": k + 1, "name": names[k]}), stacklevel=3)
    return body, candidates


def _refuse_wrong_questionnaire(assembly: Assembly, questionnaire: Questionnaire, candidates: list[str], *, where: str) -> None:
    if assembly.matched or not candidates:
        return
    raise ResponseDataError(
        f"{where}: no column matches an item of questionnaire {questionnaire.id!r}; is it the right questionnaire?",
        [Problem(where, f"columns {list(candidates)[:8]}{' …' if len(candidates) > 8 else ''}",
                 f"headers like item ids ({', '.join(questionnaire.item_ids[:3])} …), question numbers or question texts")],
    )


def _metadata(body: pd.DataFrame, index: pd.Index, id_col: str | None, meta_cols: dict[str, str], unmatched: list[str],
              text_of: dict[str, str]) -> tuple[pd.DataFrame, list[str], bool]:
    """The metadata frame (respondent id, platform columns converted, columns no item took), the
    columns holding personal data, and whether the duration was computed from the two times."""
    parts: dict[str, pd.Series] = {}
    personal: list[str] = []
    if id_col is not None:
        parts["respondent_id"] = pd.Series(index.to_numpy(), index=index, dtype="str")
    for column, std in meta_cols.items():
        for name, series in convert_meta(std, body[column].set_axis(index), column=column).items():
            key = name if name not in parts else column
            parts[key] = series
            if name in PERSONAL_META or looks_personal(column):
                personal.append(key)
    for column in unmatched:
        series = body[column]
        parts[column] = series.set_axis(index).astype("str") if series.dtype == object else series.set_axis(index)
        if looks_personal(column) or looks_personal(text_of.get(column, "")):
            personal.append(column)
    derived = None
    if "duration_s" not in parts and "started_at" in parts and "submitted_at" in parts:
        # a platform that gives both times but no duration (SurveyMonkey, KoboToolbox, Qualtrics legacy)
        derived = duration_between(parts["started_at"], parts["submitted_at"])
        if derived is not None:
            parts["duration_s"] = derived
    return pd.DataFrame(parts, index=index), personal, derived is not None


def _warn_about_matching(assembly: Assembly, questionnaire: Questionnaire | None, unmatched: list[str], *, where: str) -> None:
    """Columns no item took, items no column gave, and the assembly's own warnings, each keyed."""
    if unmatched:
        warn(LoaderMessage("columns_unmatched", {"where": where, "n": len(unmatched), "questionnaire": questionnaire.id,
                                                 "shown": unmatched[:20], "more": max(len(unmatched) - 20, 0)}), category=ColumnMatchWarning, stacklevel=3)
    if assembly.absent:
        absent = assembly.absent
        warn(LoaderMessage("items_absent", {"where": where, "n": len(absent), "questionnaire": questionnaire.id, "n_items": len(questionnaire.items),
                                            "shown": absent[:20], "more": max(len(absent) - 20, 0)}), category=ColumnMatchWarning, stacklevel=3)
    for message in assembly.warnings:
        warn(LoaderMessage(message.key, {"where": where, **message.values}), stacklevel=3)


def read_export(path: str | Path, format: str = "auto", *, encoding: str | None = None, sheet: str | int | None = None) -> tuple[RawTable, Layout, list[str]]:
    """An export as read, before any questionnaire: its table, its layout and its unique column names.

    What :func:`load_responses` starts from; the questionnaire drafter (``survey init``) reads
    headers, question texts, value labels and cells from it.
    """
    table, layout, names, _, _ = _read_export(Path(path), format, encoding=encoding, sheet=sheet)
    return table, layout, names


def read_plain_body(table: RawTable, layout: Layout, names: list[str], *, exclude=frozenset()) -> pd.DataFrame:
    """The body of an export read by :func:`read_export`, without a questionnaire: columns of plain
    numbers as numbers, every other column (and those in ``exclude``) as text exactly as in the file."""
    numbers = _number_columns(table, layout, names, exclude=set(exclude))
    return _text_where_not_numbers(table, layout, names, table.read_body(layout.n_header, names, numbers), numbers)


def _read_export(path: Path, format: str, *, encoding: str | None, sheet: str | int | None):
    """The first steps of every load: the table, its layout, the unique column names, the headers
    several columns share, and the file's sha256 (a future, computed while the file is parsed)."""
    if format not in FORMATS:
        raise ResponseDataError(f"unknown format {format!r}", [Problem("format", repr(format), f"one of {list(FORMATS)}")])
    if not path.is_file():
        raise ResponseDataError(f"no file at {path}", [Problem(str(path), "file not found", "the path of an export file")])
    raw = path.read_bytes()
    sha256 = _hash_alongside(raw)  # hashlib releases the GIL: the digest is computed while parsing
    file_format = _file_format(path, raw, format)
    table = _read_table(path, raw, file_format, encoding=encoding, sheet=sheet)
    del raw
    requested = format if format in PLATFORM_FORMATS else "auto"
    layout = detect_layout(table.records, file_format=file_format, requested=requested, formats=table.variable_formats)
    names, repeated = _column_names(layout, path.name)
    return table, layout, names, repeated, sha256
