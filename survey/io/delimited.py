"""Delimited text files (CSV, TSV, ``;`` or ``|`` separated).

The encoding is found safely (:mod:`survey.io.encoding`), the delimiter sniffed among ``,`` ``;``
tab and ``|``, and every record's field count is checked against the header before pandas parses
anything: a ragged row is an error naming its line, never a silently padded row. Columns are read
as text (``"00123"``, ``"NA"`` and ``"None"`` stay exactly as written); only columns the loader
asks for may be parsed as numbers by pandas' C parser (the fast path for item codes).

A large body is cut at record boundaries (found quote-aware by the scan) into one piece per
available core, and the pieces are parsed in threads: pandas' C tokenizer releases the GIL, which
is how ``pandas.read_csv`` itself reads a large file from a path. A smaller body (or one core) is
one ``pandas.read_csv`` call with the same options: that is the reference path, and
tests/io/test_io_pieces.py holds the two to identical results on generated exports.
"""

from __future__ import annotations

import csv
import io
import os
import warnings
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pandas as pd

from ..errors import Problem, ResponseDataError
from .assemble import _IDENTIFIER_DIGITS
from .encoding import decode_bytes
from .normalize import _NUMBER
from .table import RawTable

__all__ = ["DELIMITERS", "read_delimited", "sniff_delimiter"]

DELIMITERS = (",", ";", "\t", "|")
_HEAD_RECORDS = 5
_PIECE_BYTES = 4 * 2**20  # a body smaller than two pieces of this size is parsed in one go
_MAX_PIECES = 4


def sniff_delimiter(sample: str, *, truncated: bool = False) -> str:
    """The delimiter among ``, ; tab |`` that splits the sample's rows most consistently.

    >>> sniff_delimiter("a;b;c\\n1;2,5;3\\n")
    ';'
    >>> sniff_delimiter("a\\tb\\n1,2\\t3\\n")
    '\\t'
    """
    best, best_score = ",", None
    for delim in DELIMITERS:
        if delim not in sample and delim != ",":
            continue  # a sample without it cannot be split by it
        try:
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delim) if r]
        except csv.Error:
            continue
        if truncated and len(rows) > 1:
            rows = rows[:-1]
        if not rows:
            continue
        width = len(rows[0])
        consistent = sum(len(r) == width for r in rows) / len(rows)
        score = (width > 1, consistent, width)
        if best_score is None or score > best_score:
            best, best_score = delim, score
    return best


class _Scan:
    """Record boundaries of a UTF-8 byte string, found with numpy (no per-row Python).

    Field counts per record are only computed when needed: the total number of delimiters is
    compared with what the header implies, and pandas itself rejects any record with too many
    fields, so a short record cannot hide behind a long one.
    """

    def __init__(self, data: bytes, delimiter: str):
        self.data = data
        self.delimiter = delimiter
        buf = np.frombuffer(data, dtype=np.uint8)
        n = len(buf)
        self.quoted = b'"' in data
        is_nl = buf == 10
        self.all_newlines = np.flatnonzero(is_nl)
        if self.quoted:
            self.outside = np.bitwise_xor.accumulate((buf == 34).view(np.uint8)) == 0
            ends = np.flatnonzero(is_nl & self.outside)
        else:
            self.outside = None
            ends = self.all_newlines
        del is_nl
        if n and (len(ends) == 0 or ends[-1] != n - 1):
            ends = np.append(ends, n)
        starts = np.concatenate(([0], ends[:-1] + 1)).astype(np.int64)
        length = ends - starts
        first = buf[np.minimum(starts, max(n - 1, 0))] if n else np.zeros(0, np.uint8)
        blank = (length == 0) | ((length == 1) & (first == 13))
        self.starts, self.ends = starts, ends
        self.records = np.flatnonzero(~blank)  # indices of non-blank records

    def total_delimiters(self) -> int:
        buf = np.frombuffer(self.data, dtype=np.uint8)
        mask = buf == ord(self.delimiter)
        if self.outside is not None:
            mask &= self.outside
        return int(np.count_nonzero(mask))

    def field_counts(self) -> np.ndarray:
        """Fields per non-blank record (slow path, for error messages)."""
        buf = np.frombuffer(self.data, dtype=np.uint8)
        mask = buf == ord(self.delimiter)
        if self.outside is not None:
            mask &= self.outside
        counts = np.add.reduceat(mask, self.starts, dtype=np.int64) + 1
        return counts[self.records]

    def line_of(self, record: int) -> int:
        """1-based line number where non-blank record ``record`` starts."""
        start = self.starts[self.records[record]]
        return int(np.searchsorted(self.all_newlines, start)) + 1


def _identifier_starts(buf: np.ndarray) -> np.ndarray:
    """Where a digit string that the loader keeps as text may start: a zero before a digit
    that follows no digit or point (``007``, ``-013``), or a run of :data:`_IDENTIFIER_DIGITS`
    digits (a phone or resident ID number). Found on bytes; a few more than needed is harmless."""
    digit = (buf - np.uint8(48)) < 10  # wraps below "0"
    lead = buf == ord("0")
    lead[:-1] &= digit[1:]
    lead[-1] = False
    lead[1:] &= ~(digit[:-1] | (buf[:-1] == ord(".")))
    run, length = digit.copy(), 1  # run[p]: the `length` bytes ending at p are digits
    while length < _IDENTIFIER_DIGITS:
        step = min(length, _IDENTIFIER_DIGITS - length)
        run[step:] &= run[:-step]
        run[:step] = False
        length += step
    run[1:] &= ~run[:-1]  # only where each long run is first long enough
    return np.flatnonzero(lead | run)


def _exact_ragged(text: str, delimiter: str, width: int) -> list[Problem]:
    """Ragged records found by the csv module (slow, exact); used to confirm a fast finding."""
    problems = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for row in reader:
        if row and len(row) != width:
            problems.append(Problem(f"line {line}", f"{len(row)} fields", f"{width} fields, as in the header"))
        line = reader.line_num + 1
    return problems


class _Delimited:
    """State of one delimited file: decoded bytes, delimiter, record scan."""

    def __init__(self, raw: bytes, *, encoding: str | None, delimiter: str | None, where: str):
        self.raw, self.where, self.forced = raw, where, encoding
        self.n_header = 1
        self._decode(decode_bytes(raw, encoding=encoding, where=where, lazy=True), delimiter)

    def _decode(self, decoded, delimiter: str | None) -> None:
        self.decoded = decoded
        data = decoded.data
        if not data or (len(data) < 65536 and not data.strip()):
            raise ResponseDataError(f"{self.where}: the file is empty", [Problem(self.where, "no rows", "a header row and data rows")])
        if delimiter is None:
            sample = data[:65536].decode("utf-8", errors="ignore")
            delimiter = sniff_delimiter(sample, truncated=len(data) > 65536)
        elif len(delimiter) != 1:
            raise ResponseDataError(f"{self.where}: bad delimiter", [Problem(self.where, f"delimiter {delimiter!r}", "one character")])
        self.delimiter = delimiter
        self.scan = _Scan(data, delimiter)
        if len(self.scan.records) == 0:
            raise ResponseDataError(f"{self.where}: the file is empty", [Problem(self.where, "no rows", "a header row and data rows")])
        head_end = self.scan.ends[self.scan.records[min(_HEAD_RECORDS, len(self.scan.records)) - 1]]
        head_text = data[: head_end + 1].decode("utf-8", errors="strict")
        self.records = [r for r in csv.reader(io.StringIO(head_text, newline=""), delimiter=delimiter) if r][:_HEAD_RECORDS]
        self.width = len(self.records[0])
        expected = (self.width - 1) * len(self.scan.records)
        if self.scan.total_delimiters() != expected:
            self.raise_ragged()

    def raise_ragged(self) -> None:
        scan, width = self.scan, self.width
        if scan.quoted:
            problems = _exact_ragged(scan.data.decode("utf-8", errors="replace"), self.delimiter, width)
        else:
            counts = scan.field_counts()
            problems = [Problem(f"line {scan.line_of(int(r))}", f"{int(counts[r])} fields", f"{width} fields, as in the header") for r in np.flatnonzero(counts != width)]
        if not problems:
            problems = [Problem(self.where, "the rows could not be split consistently", "balanced double quotes around fields")]
        raise ResponseDataError(f"{self.where}: {len(problems)} row(s) do not have {width} fields like the header (delimiter {self.delimiter!r})", problems)

    def read_body(self, n_header: int, names: list[str], coded: frozenset[str], labelled: frozenset[str] = frozenset(), into=None) -> pd.DataFrame:
        self.n_header = n_header
        try:
            return self._read_body(n_header, names, coded, labelled, into)
        except UnicodeDecodeError:
            if self.decoded.verified:
                raise
            full = decode_bytes(self.raw, encoding=self.forced, where=self.where)  # not UTF-8 after all
            self._decode(full, self.delimiter)
            return self._read_body(n_header, names, coded, labelled, into)

    def _read_body(self, n_header: int, names: list[str], coded: frozenset[str], labelled: frozenset[str], into) -> pd.DataFrame:
        scan = self.scan
        if n_header >= len(scan.records):
            return pd.DataFrame({name: pd.Series([], dtype=object) for name in names})
        options = {
            "sep": self.delimiter,
            "header": None,
            "names": names,
            "dtype": {name: ("category" if name in labelled else object) for name in names if name not in coded or name in labelled},
            "keep_default_na": False,
            "na_values": {name: [""] for name in names if name in coded},
            "skip_blank_lines": True,
            "index_col": False,
            "encoding": "utf-8",
            "quotechar": '"',
        }
        pieces = self._pieces(n_header)
        n_rows = len(scan.records) - n_header
        try:
            with warnings.catch_warnings():
                # chunks of a coded column may parse differently (numbers, then labels): the coder
                # takes mixed columns, and every text column is read as text anyway
                warnings.simplefilter("ignore", pd.errors.DtypeWarning)
                if len(pieces) == 1:
                    frame = _parse(scan.data, pieces[0], options)
                else:
                    numeric = [name for name in names if name in coded and name not in labelled]
                    frame = self._read_pieces(pieces, n_header, options, numeric, into)
        except pd.errors.ParserError:
            self.raise_ragged()
        if len(frame) != n_rows:
            self.raise_ragged()
        return frame

    def _read_pieces(self, pieces: list[tuple[int, int]], n_header: int, options: dict, numeric: list[str], into) -> pd.DataFrame:
        """Parse the pieces in threads; each puts its numbers straight into full-length float arrays
        (those ``into`` offers, else new ones) at its rows, known from the record scan."""
        scan = self.scan
        n_rows = len(scan.records) - n_header
        record_starts = scan.starts[scan.records[n_header:]]
        first_rows = [int(np.searchsorted(record_starts, start)) for start, _ in pieces] + [n_rows]
        offered = into(n_rows) if into is not None else {}
        numbers = {name: offered[name] if name in offered else np.empty(n_rows) for name in numeric}

        def parse_piece(k: int) -> pd.DataFrame:
            part = _parse(scan.data, pieces[k], options)
            rows = slice(first_rows[k], first_rows[k + 1])
            if len(part) != rows.stop - rows.start:
                raise pd.errors.ParserError(f"piece {k} has {len(part)} rows, not {rows.stop - rows.start}")
            for name, target in numbers.items():  # numpy copies without the GIL
                column = part[name]
                if isinstance(column.dtype, np.dtype) and column.dtype.kind in "iuf":
                    target[rows] = column.to_numpy()
            return part

        with ThreadPoolExecutor(max_workers=len(pieces)) as pool:
            return _stack(list(pool.map(parse_piece, range(len(pieces)))), numbers)

    def _pieces(self, n_header: int) -> list[tuple[int, int]]:
        """Byte ranges of the body, cut at record starts into about equal pieces (one per core)."""
        scan = self.scan
        first = int(scan.starts[scan.records[n_header]])
        end = len(scan.data)
        k = min(_available_cores(), _MAX_PIECES, (end - first) // _PIECE_BYTES)
        if k < 2:
            return [(first, end)]
        record_starts = scan.starts[scan.records[n_header:]]
        targets = first + (end - first) * np.arange(1, k) // k
        nearest = np.minimum(np.searchsorted(record_starts, targets), len(record_starts) - 1)  # a record starting at or after each target
        cuts = np.unique(record_starts[nearest].astype(np.int64))
        bounds = [first, *(int(c) for c in cuts if first < c < end), end]
        return list(zip(bounds[:-1], bounds[1:]))

    def number_columns(self, n_header: int) -> np.ndarray:
        """Whether each column may be parsed as numbers: its first body cells are numbers or empty
        and none of its cells starts like an identifier (a leading zero, 11 digits or more, kept as
        text by the loader). A column with text further down still comes back as text from pandas."""
        sample = self.records[n_header:]
        numeric = np.array([bool(sample) and all(_plain_number(row[k]) for row in sample if k < len(row)) for k in range(self.width)], dtype=bool)
        if n_header >= len(self.scan.records) or not numeric.any():
            return numeric
        return numeric & ~self._identifier_columns(n_header)

    def _identifier_columns(self, n_header: int) -> np.ndarray:
        scan = self.scan
        out = np.zeros(self.width, dtype=bool)
        record_starts = scan.starts[scan.records[n_header:]]
        begin = int(record_starts[0])
        buf = np.frombuffer(scan.data, dtype=np.uint8)
        suspect = _identifier_starts(buf[begin:]) + begin
        if not len(suspect):
            return out
        is_delim = (buf == ord(self.delimiter)).view(np.uint8)
        if scan.outside is not None:
            is_delim &= scan.outside
        record = np.searchsorted(record_starts, suspect, side="right") - 1
        spans = np.column_stack((record_starts[record], suspect)).ravel()  # from its record's start to each suspect
        column = np.add.reduceat(is_delim, spans, dtype=np.int32)[::2]  # the delimiters before it: its column
        out[np.unique(column[column < self.width])] = True
        return out

    def locate(self, i: int) -> str:
        return f"line {self.scan.line_of(self.n_header + i)}"


def _available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _plain_number(cell: str) -> bool:
    text = cell.strip()
    return not text or _NUMBER.match(text) is not None


def _parse(data: bytes, piece: tuple[int, int], options: dict) -> pd.DataFrame:
    """One byte range of the body through pandas' C parser."""
    start, end = piece
    if end == len(data):
        buffer = io.BytesIO(data)  # shares the bytes; reading starts at the piece, no copy
        buffer.seek(start)
    else:
        buffer = io.BytesIO(memoryview(data)[start:end])
    return pd.read_csv(buffer, **options)


def _stack(parts: list[pd.DataFrame], numbers: dict[str, np.ndarray]) -> pd.DataFrame:
    """Pieces of one table, one after another.

    A column numeric in every piece is its float64 array in ``numbers`` (filled piece by piece as
    they were parsed); text columns are joined as arrays; label columns stay categorical; anything
    else (numbers in one piece, text in another) is joined by pandas.
    """
    columns: dict[str, object] = {}
    for name in parts[0].columns:
        pieces = [part[name] for part in parts]
        kinds = {p.dtype.kind if isinstance(p.dtype, np.dtype) else None for p in pieces}
        if kinds <= {"i", "u", "f"} and name in numbers:
            columns[name] = numbers[name]
        elif kinds == {"O"}:
            columns[name] = pd.Series(np.concatenate([p.to_numpy() for p in pieces]), dtype=object, copy=False)
        elif all(isinstance(p.dtype, pd.CategoricalDtype) for p in pieces) and len({p.cat.categories.dtype for p in pieces}) == 1:
            columns[name] = pd.Series(pd.api.types.union_categoricals(pieces), copy=False)
        else:  # e.g. a label column empty throughout one piece: its categories are not text
            columns[name] = pd.concat(pieces, ignore_index=True)
    return pd.DataFrame(columns, copy=False)


def read_delimited(raw: bytes, *, encoding: str | None = None, delimiter: str | None = None, where: str = "file") -> RawTable:
    """Read a delimited text file into a :class:`RawTable`; ragged rows raise ``ResponseDataError``.

    Examples
    --------
    >>> t = read_delimited("id;q1\\n00123;5\\n".encode("gbk"))
    >>> t.records, t.encoding
    ([['id', 'q1'], ['00123', '5']], 'utf-8')
    >>> t.read_body(1, ["id", "q1"], frozenset()).to_dict("records")
    [{'id': '00123', 'q1': '5'}]
    """
    state = _Delimited(raw, encoding=encoding, delimiter=delimiter, where=where)
    table = RawTable(records=state.records, read_body=state.read_body, locate=state.locate, encoding=state.decoded.encoding,
                     number_columns=state.number_columns)
    return _Tracked(table, state)


def _Tracked(table: RawTable, state: _Delimited) -> RawTable:
    """Keep ``table.encoding`` true when the body read had to switch encodings."""

    def read_body(n_header, names, coded, labelled=frozenset(), into=None):
        frame = state.read_body(n_header, names, coded, labelled, into)
        table.encoding = state.decoded.encoding
        return frame

    table.read_body = read_body
    return table
