"""Policy documents (.txt, .docx, .pdf) split into numbered clauses with stable clause ids.

A policy text (办法, 意见, 条例, 实施细则) is numbered: articles 第一条 … 第十一条, sections 一、二、,
items （一）（二）, points 1. 2. and sub-points (1) (2) or ①②. Each numbered clause becomes one unit
of analysis. Its id is the document id and the path of numbers down to it, ``D03-第五条-（二）``,
so that a coding keyed on clause ids survives a re-import, and the nesting is kept (``parent``,
``level``). Offsets (``start``, ``end``) are character offsets into the document's ``text``.

Markers count only at the start of a line, and only in sequence: a line starting "第七条" right
after 第五条, or "2.5万元" as a wrapped line, is text, not a clause (the first is warned about). An
article number run on into its text ("第三条为……") counts when in sequence; out of sequence it is a
reference ("第五条规定的……" at the start of a wrapped line) and stays text without a warning.
Text before the first clause (title, issuing body, document number, preamble) is the document's
``preamble``; chapter and section headings (第一章 总则, 第一节) start no clause but are kept in
the ``chapter`` column. PDFs are read with poppler's ``pdftotext -layout``; page numbers ("- 3 -",
"第3页 共9页") and running headers or footers repeated on most pages are removed and listed in
``removed_lines``, so nothing disappears unseen.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._result import Result
from ..errors import NoTextLayerError, PdfToolMissingError, Problem, ResponseDataError, SurveyWarning
from ._tables import read_table
from .transcripts import _read_docx, normalise_text

__all__ = ["PolicyDocument", "DocumentSet", "load_documents", "split_clauses", "DOCUMENT_SUFFIXES"]

DOCUMENT_SUFFIXES = (".txt", ".md", ".docx", ".pdf")
_CN = "零〇一二三四五六七八九十百千两"
_CN_DIGIT = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_END = r"(?=[\s:：]|$)"
# (kind, rank, pattern): a marker of a higher rank nests under the nearest open marker of a lower one
_HEADING = re.compile(rf"^[ \t]*第[ \t]*([{_CN}\d]+)[ \t]*[章节编]{_END}")
_MARKERS: tuple[tuple[str, int, re.Pattern], ...] = (
    ("article", 0, re.compile(rf"^[ \t]*(第[ \t]*([{_CN}\d]+)[ \t]*条)(?P<separated>{_END})?")),
    ("section", 1, re.compile(r"^[ \t]*(([一二三四五六七八九十]+)、)")),
    ("item", 2, re.compile(r"^[ \t]*([（(][ \t]*([一二三四五六七八九十]+)[ \t]*[)）])")),
    ("point", 3, re.compile(r"^[ \t]*(([0-9０-９]{1,2})[.．、](?![0-9０-９]))")),
    ("subpoint", 4, re.compile(r"^[ \t]*([（(][ \t]*([0-9０-９]{1,2})[ \t]*[)）])")),
    ("circled", 5, re.compile(rf"^[ \t]*(([{_CIRCLED}]))")),
)
_HEADING_CHARS = 15  # a section line (一、…) this short, without punctuation, is a heading
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def cn_number(text: str) -> int:
    """The value of a numeral as clause markers write it: ``"十一"`` → 11, ``"二十"`` → 20,
    ``"一百零五"`` → 105, ``"12"``/``"１２"`` → 12, ``"⑤"`` → 5."""
    text = text.strip()
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if text.isdigit():
        return int(text)
    total = num = 0
    for ch in text:
        if ch in _CN_DIGIT:
            num = _CN_DIGIT[ch]
        else:
            unit = {"十": 10, "百": 100, "千": 1000}[ch]
            total += (num or 1) * unit
            num = 0
    return total + num


def _label(kind: str, marker: str, number: int) -> str:
    """The clause's part of an id: 第五条, 一, （二）, 1, (1), ①; brackets made uniform."""
    if kind == "article":
        return re.sub(r"[ \t]", "", marker)
    if kind == "item":
        return f"（{marker.strip('（()） ')}）".replace(" ", "")
    if kind == "subpoint":
        return f"({number})"
    if kind == "point":
        return str(number)
    return marker[:-1] if kind == "section" else marker


def join_lines(text: str, *, heading: bool = False) -> str:
    """A clause's lines as one line: joined directly where either side is Chinese, with one space between
    other text. ``heading``: the first line is a heading ("一、工作目标"), kept apart from the text under
    it by a space."""
    parts = [p.strip() for p in text.split("\n") if p.strip()]
    out = ""
    for k, part in enumerate(parts):
        if out and ((heading and k == 1) or not (_CJK.match(out[-1]) or _CJK.match(part[0]))):
            out += " "
        out += part
    return re.sub(r"[ \t]{2,}", " ", out)


@dataclass(frozen=True)
class PolicyDocument(Result):
    """One policy document: its text, its numbered clauses, and where it came from.

    ``clauses`` has one row per clause: ``clause_id, doc_id, label, kind, level, parent, chapter,
    start, end, block_end, line, text``. ``start``/``end`` delimit the clause's own text in
    ``text`` of the document (from its number to the next number or heading); ``block_end`` also
    takes in its sub-clauses; ``line`` is the 1-based line of its number; the ``text`` column is the
    clause's own text with its lines joined. ``removed_lines`` lists the page numbers and running
    headers taken out of a PDF's text as ``(page, line)``.
    """

    doc_id: str
    path: str
    file: str
    title: str
    issuer: str
    date: str
    text: str
    preamble: str
    clauses: pd.DataFrame
    source: str
    encoding: str
    sha256: str
    removed_lines: tuple[tuple[int, str], ...] = ()

    def to_frame(self) -> pd.DataFrame:
        return self.clauses.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        n = len(self.clauses)
        if lang == "zh":
            return [f"政策文件{self.doc_id}《{self.title}》共{n}个编号条款。"]
        return [f"Policy document {self.doc_id} ({self.title}) has {n} numbered clauses."]


@dataclass(frozen=True)
class DocumentSet(Result):
    """Several policy documents; ``clauses`` stacks their clauses (clause ids are unique).

    ``segments`` is the same table in the form the coding functions take (``segment_id`` = the
    clause id, ``interviewee`` = the document id), so :func:`propose_codes`, :func:`load_coding`
    and :func:`agreement` work on clauses as on interview segments.
    """

    documents: tuple[PolicyDocument, ...]
    clauses: pd.DataFrame

    def __len__(self) -> int:
        return len(self.documents)

    @property
    def segments(self) -> pd.DataFrame:
        out = self.clauses.rename(columns={"clause_id": "segment_id"})
        out.insert(1, "interviewee", out["doc_id"])
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per document: doc_id, file, title, issuer, date, source, n_clauses, n_chars."""
        return pd.DataFrame(
            [{"doc_id": d.doc_id, "file": d.file, "title": d.title, "issuer": d.issuer, "date": d.date, "source": d.source,
              "n_clauses": len(d.clauses), "n_chars": len(d.text)} for d in self.documents]
        )

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        n, k = len(self.documents), len(self.clauses)
        if lang == "zh":
            return [f"共收集政策文件{n}份，拆分为{k}个编号条款作为分析单元。"]
        return [f"{n} policy documents were collected and split into {k} numbered clauses, the units of analysis."]


# -- reading -------------------------------------------------------------------------------------


def _pdf_text(path: Path) -> str:
    exe = shutil.which("pdftotext")
    if exe is None:
        raise PdfToolMissingError(
            f"{path.name}: reading a PDF needs poppler's pdftotext, which is not installed "
            "(apt-get install poppler-utils, brew install poppler, or conda install poppler); or save the document as .docx or .txt")
    try:
        done = subprocess.run([exe, "-layout", "-enc", "UTF-8", str(path), "-"], capture_output=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        raise ResponseDataError(f"{path.name}: pdftotext did not finish within 120 s", [Problem(path.name, "pdftotext timed out", "a PDF with a text layer")]) from None
    if done.returncode != 0:
        why = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ResponseDataError(f"{path.name}: pdftotext cannot read the PDF ({why[-1] if why else f'exit code {done.returncode}'})",
                                [Problem(path.name, "not a readable PDF", "a PDF saved by Word, WPS or a PDF printer")])
    text = done.stdout.decode("utf-8", "replace")
    if not text.replace("\f", "").strip():
        raise NoTextLayerError(
            f"{path.name}: the PDF has no text layer (a scanned image)",
            [Problem(path.name, "pdftotext found no text on any page", "a PDF with selectable text; run OCR first or obtain the .docx/.txt version")])
    return text


_PAGE_NUMBER = re.compile(
    r"^(?:[-—–－~ ]*[0-9]{1,4}[-—–－~ ]*|第\s*[0-9]+\s*页(?:\s*[，,/／]?\s*共\s*[0-9]+\s*页)?|[0-9]+\s*[/／]\s*[0-9]+"
    r"|(?:page|p\.)\s*[0-9]+(?:\s*of\s*[0-9]+)?)$",
    re.IGNORECASE,
)


def strip_page_furniture(text: str, *, edge: int = 2) -> tuple[str, tuple[tuple[int, str], ...]]:
    """Remove page numbers and running headers/footers from pdftotext output (pages split by form feeds).

    Only the first and last ``edge`` non-empty lines of a page are candidates: a page number there
    ("- 3 -", "3", "第3页 共9页", "3/9"), or a line that (digits aside) recurs at the edge of at least
    half of the pages, and of two pages or more. Returns the text (pages joined by a line break)
    and the removed lines as ``(page, line)``.
    """
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages = pages[:-1]
    lines = [page.split("\n") for page in pages]

    def edges(page_lines: list[str]) -> list[int]:
        full = [i for i, s in enumerate(page_lines) if s.strip()]
        return sorted(set(full[:edge] + full[-edge:]))

    def shape(s: str) -> str:
        return re.sub(r"[0-9]+", "#", re.sub(r"\s+", "", s))

    seen: dict[str, set[int]] = {}
    for p, page_lines in enumerate(lines):
        for i in edges(page_lines):
            seen.setdefault(shape(page_lines[i]), set()).add(p)
    running = {s for s, ps in seen.items() if len(pages) >= 2 and len(ps) >= 2 and len(ps) >= len(pages) / 2}
    removed: list[tuple[int, str]] = []
    for p, page_lines in enumerate(lines):
        for i in edges(page_lines):
            s = page_lines[i].strip()
            if _PAGE_NUMBER.match(s) or shape(s) in running:
                removed.append((p + 1, s))
                page_lines[i] = ""
    return "\n".join("\n".join(page_lines) for page_lines in lines), tuple(removed)


def _read(path: Path, raw: bytes) -> tuple[str, str, str, tuple]:
    """(text, source kind, encoding, removed lines) of the file at ``path`` whose bytes are ``raw``."""
    from ..io.encoding import decode_bytes

    suffix = path.suffix.lower()
    if suffix == ".docx":
        return _read_docx(path), "docx", "docx", ()
    if suffix == ".pdf":
        text, removed = strip_page_furniture(_pdf_text(path))
        return text, "pdf", "utf-8", removed
    decoded = decode_bytes(raw, where=path.name)
    return decoded.data.decode("utf-8"), "txt", decoded.encoding, ()


# -- splitting -----------------------------------------------------------------------------------


def _markers(text: str) -> list[tuple[int, int, str, str, int, str]]:
    """(offset, line, kind, marker, number, heading) for each line that starts a clause or heading.

    An article number run on into its text ("第三条为……", the space lost in copying) is kind
    ``article_run_on``: a clause only when in sequence, else a reference such as "第五条规定的……"
    at the start of a wrapped line, which is text."""
    out = []
    pos = 0
    for n, line in enumerate(text.split("\n"), start=1):
        h = _HEADING.match(line)
        if h:
            out.append((pos + len(line) - len(line.lstrip()), n, "heading", line.strip(), 0, line.strip()))
        else:
            for kind, _, rx in _MARKERS:
                m = rx.match(line)
                if m:
                    run_on = kind == "article" and m.group("separated") is None
                    out.append((pos + m.start(1), n, "article_run_on" if run_on else kind, m.group(1), cn_number(m.group(2).replace(" ", "")), ""))
                    break
        pos += len(line) + 1
    return out


def split_clauses(text: str, doc_id: str, *, where: str | None = None) -> tuple[pd.DataFrame, str]:
    """Split a document's (normalised) text into numbered clauses; returns the clauses and the preamble.

    Examples
    --------
    >>> text = "某市人才引进办法\\n第一条　为引进人才，制定本办法。\\n第二条　支持方式如下：\\n（一）安家补贴；\\n（二）住房保障。"
    >>> clauses, preamble = split_clauses(text, "D01")
    >>> clauses[["clause_id", "level", "parent"]].to_numpy().tolist()
    [['D01-第一条', 1, ''], ['D01-第二条', 1, ''], ['D01-第二条-（一）', 2, 'D01-第二条'], ['D01-第二条-（二）', 2, 'D01-第二条']]
    >>> preamble
    '某市人才引进办法'
    """
    where = where or doc_id
    rank = {kind: r for kind, r, _ in _MARKERS}
    stack: list[tuple[int, str]] = []  # (rank, clause id) of the open clauses
    last: dict[tuple[str, str], int] = {}  # (parent id, kind) -> number of the last sibling
    rows: list[dict] = []
    chapter = ""
    for offset, line, kind, marker, number, heading in _markers(text):
        if kind == "heading":
            rows.append({"heading": True, "start": offset})
            chapter, stack = heading, []
            continue
        run_on = kind == "article_run_on"
        kind = "article" if run_on else kind
        r = rank[kind]
        open_ = [s for s in stack if s[0] < r]
        parent = open_[-1][1] if open_ else ""
        previous = last.get((parent, kind))
        if number != (previous or 0) + 1:
            if run_on:  # a reference to another article, not a clause
                continue
            expected = f"number {previous + 1}" if previous is not None else "number 1"
            warnings.warn(f"{where} line {line}: {marker.strip()!r} is out of sequence ({expected} expected); kept as text of the clause before it",
                          SurveyWarning, stacklevel=3)
            continue
        last[(parent, kind)] = number
        label = _label(kind, marker.strip(), number)
        clause_id = f"{parent or doc_id}-{label}"
        stack = open_ + [(r, clause_id)]
        rows.append({"heading": False, "clause_id": clause_id, "doc_id": doc_id, "label": label, "kind": kind, "level": len(stack),
                     "parent": parent, "chapter": chapter, "start": offset, "line": line})
    columns = ["clause_id", "doc_id", "label", "kind", "level", "parent", "chapter", "start", "end", "block_end", "line", "text"]
    first = rows[0]["start"] if rows else len(text)
    preamble = text[:first].strip()
    for i, row in enumerate(rows):
        if row["heading"]:
            continue
        stop = rows[i + 1]["start"] if i + 1 < len(rows) else len(text)
        body = text[row["start"]:stop].rstrip()
        row["end"] = row["start"] + len(body)
        first = body.split("\n", 1)[0].strip()
        row["text"] = join_lines(body, heading=row["kind"] == "section" and len(first) <= _HEADING_CHARS and not re.search(r"[。；;：:，,！？!?]", first))
        nxt = next((other for other in rows[i + 1:] if other["heading"] or other["level"] <= row["level"]), None)
        row["block_end"] = row["start"] + len(text[row["start"]:nxt["start"] if nxt else len(text)].rstrip())
    frame = pd.DataFrame([r for r in rows if not r["heading"]], columns=columns)
    for col in ("level", "start", "end", "block_end", "line"):
        frame[col] = frame[col].astype("int64")
    return frame, preamble


# -- metadata ------------------------------------------------------------------------------------

_META_ALIASES = {
    "file": ("file", "filename", "文件", "文件名"),
    "doc_id": ("doc_id", "id", "编号", "文件编号"),
    "title": ("title", "标题", "文件标题", "名称"),
    "issuer": ("issuer", "issuing_body", "发文机关", "发布机构", "发文单位"),
    "date": ("date", "issued", "发布日期", "发文日期", "日期"),
}
_DATE = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})(?:[-.年/]?)([01]?[0-9])(?:[-.月/]?)([0-3]?[0-9])日?(?![0-9])")
_DOC_ID = re.compile(r"^[A-Za-z][A-Za-z0-9_.]*$")


def _date(text: str) -> str:
    m = _DATE.search(text)
    return f"{m.group(1)}-{int(m.group(2)):02d}-{int(m.group(3)):02d}" if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31 else ""


def parse_file_name(stem: str) -> dict[str, str]:
    """What a file name says: ``D03_某市人才工作领导小组_2023-05-10_关于加强人才引进的若干措施`` →
    doc_id, issuer, date and title. Parts are separated by ``_``; an id (``D03``) and a date
    (2023-05-10, 20230510, 2023年5月10日) are recognised wherever they stand; of the rest, with two or
    more parts the first is the issuing body and the others the title, with one part it is the title.

    >>> parse_file_name("D03_某市人才办_20230510_人才新政十条")
    {'doc_id': 'D03', 'issuer': '某市人才办', 'date': '2023-05-10', 'title': '人才新政十条'}
    """
    out = {"doc_id": "", "issuer": "", "date": "", "title": ""}
    rest = []
    for part in stem.split("_"):
        if not out["doc_id"] and re.fullmatch(r"[A-Za-z]{1,4}[0-9]{1,4}", part):
            out["doc_id"] = part
        elif not out["date"] and _date(part) and _DATE.fullmatch(part.strip()):
            out["date"] = _date(part)
        elif part:
            rest.append(part)
    if len(rest) >= 2:
        out["issuer"], out["title"] = rest[0], "_".join(rest[1:])
    elif rest:
        out["title"] = rest[0]
    return out


def _metadata(source, files: list[Path]) -> dict[str, dict[str, str]]:
    """file name -> the metadata row (doc_id, title, issuer, date), from a CSV/xlsx or a DataFrame."""
    if isinstance(source, pd.DataFrame):
        frame, name = source.astype(str), "<metadata>"
    else:
        frame, name = read_table(source, what="document metadata")
    rename = {}
    for std, aliases in _META_ALIASES.items():
        hit = next((c for c in frame.columns if c.lower() in aliases), None)
        if hit is not None:
            rename[hit] = std
    frame = frame.rename(columns=rename)
    if "file" not in frame.columns:
        raise ResponseDataError(f"{name}: the metadata lack a 'file' column",
                                [Problem(f"{name} line 1", f"columns are {list(frame.columns)}", "file[, doc_id, title, issuer, date] (or 文件名, 编号, 标题, 发文机关, 发布日期)")])
    known = {f.name: f for f in files} | {f.stem: f for f in files}
    problems, out = [], {}
    for i, row in enumerate(frame.to_dict("records"), start=2):
        target = known.get(row["file"].strip())
        if target is None:
            problems.append(Problem(f"{name} line {i}", f"no document {row['file']!r} among the files read", f"one of {sorted(f.name for f in files)}"))
            continue
        out[target.name] = {k: row.get(k, "").strip() for k in ("doc_id", "title", "issuer", "date")}
    if problems:
        raise ResponseDataError(f"{name}: the metadata name documents that were not read", problems)
    return out


# -- loading -------------------------------------------------------------------------------------


def _files(paths) -> list[Path]:
    if isinstance(paths, (str, Path)) and Path(paths).is_dir():
        files = sorted(p for p in Path(paths).iterdir() if p.suffix.lower() in DOCUMENT_SUFFIXES and not p.name.startswith(("~$", ".")))
        if not files:
            raise ResponseDataError(f"{paths}: no policy documents ({', '.join(DOCUMENT_SUFFIXES)}) in this folder")
        return files
    files = [Path(paths)] if isinstance(paths, (str, Path)) else [Path(p) for p in paths]
    problems = [Problem(str(f), "no such file") for f in files if not f.is_file()]
    problems += [Problem(f.name, f"unsupported document type {f.suffix!r}", ", ".join(DOCUMENT_SUFFIXES)) for f in files if f.is_file() and f.suffix.lower() not in DOCUMENT_SUFFIXES]
    if problems:
        raise ResponseDataError("some policy documents cannot be read", problems)
    return files


def load_documents(
    paths: str | Path | Iterable[str | Path],
    *,
    metadata: str | Path | pd.DataFrame | None = None,
) -> DocumentSet:
    """Read policy documents and split each into numbered clauses.

    Parameters
    ----------
    paths
        A folder (every .txt/.md/.docx/.pdf in it, sorted by name) or a list of files. Text files
        are decoded strictly (UTF-8 with or without BOM, UTF-16, GB18030/GBK; never latin-1);
        .docx is read with python-docx; .pdf with poppler's ``pdftotext -layout``
        (:class:`~survey.errors.PdfToolMissingError` when it is not installed,
        :class:`~survey.errors.NoTextLayerError` for a scan without text).
    metadata
        A CSV/xlsx (or DataFrame) with a ``file`` column and any of ``doc_id, title, issuer, date``
        (Chinese headers 文件名, 编号, 标题, 发文机关, 发布日期 accepted). What it leaves out comes
        from the file name (:func:`parse_file_name`); a document without an id gets ``D01``,
        ``D02`` … in file order.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "D01_某市人才办_2024-03-01_人才安居办法.txt").write_text(
    ...     "第一条　为做好人才安居工作，制定本办法。\\n第二条　支持方式：\\n（一）租房补贴；\\n（二）购房补贴。", encoding="gbk")
    >>> docs = load_documents(folder)
    >>> docs.to_frame()[["doc_id", "issuer", "date", "n_clauses"]].to_numpy().tolist()
    [['D01', '某市人才办', '2024-03-01', 4]]
    >>> docs.clauses["clause_id"].tolist()[-1], docs.documents[0].encoding
    ('D01-第二条-（二）', 'gb18030')
    """
    files = _files(paths)
    meta = _metadata(metadata, files) if metadata is not None else {}
    docs = []
    for k, path in enumerate(files, start=1):
        named = parse_file_name(path.stem)
        given = meta.get(path.name, {})
        info = {key: given.get(key) or named[key] for key in ("doc_id", "title", "issuer", "date")}
        info["doc_id"] = info["doc_id"] or f"D{k:02d}"
        info["date"] = _date(info["date"]) or info["date"]
        if not _DOC_ID.match(info["doc_id"]):
            raise ResponseDataError(f"{path.name}: document id {info['doc_id']!r} is not usable in clause ids",
                                    [Problem(path.name, f"id {info['doc_id']!r}", "letters, digits, '_' or '.', starting with a letter (D01)")])
        raw = path.read_bytes()
        text, source, encoding, removed = _read(path, raw)
        text = normalise_text(text)
        if not text.strip():
            raise ResponseDataError(f"{path.name}: the document is empty", [Problem(path.name, "no text", "a policy text")])
        clauses, preamble = split_clauses(text, info["doc_id"], where=path.name)
        if clauses.empty:
            raise ResponseDataError(
                f"{path.name}: no numbered clauses found",
                [Problem(f"{path.name} line 1", "no line starts with a clause number", "第一条 …, 一、…, （一）…, 1. … or (1) … at the start of a line"
                         + (" (numbers made by Word's automatic numbering are not part of the text: convert them to text, or save as PDF)" if source == "docx" else ""))])
        title = info["title"] or (preamble.split("\n")[0].strip() if preamble else path.stem)
        docs.append(PolicyDocument(info["doc_id"], str(path), path.name, title, info["issuer"], info["date"], text, preamble, clauses,
                                   source, encoding, hashlib.sha256(raw).hexdigest(), removed))
    ids = [d.doc_id for d in docs]
    dupes = sorted({i for i in ids if ids.count(i) > 1})
    if dupes:
        raise ResponseDataError(f"documents share an id (clause ids would collide): {dupes}",
                                [Problem(d.file, f"id {d.doc_id!r}", "one id per document (set doc_id in the metadata)") for d in docs if d.doc_id in dupes])
    return DocumentSet(tuple(docs), pd.concat([d.clauses for d in docs], ignore_index=True))
