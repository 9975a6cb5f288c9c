"""REFI-QDA exchange: ``.qdpx`` projects and ``.qdc`` codebooks (QualCoder, NVivo, ATLAS.ti, MAXQDA).

A ``.qdpx`` file is a zip archive holding ``project.qde`` (XML in the namespace
``urn:QDA-XML:project:1.0``) and a ``sources/`` folder. We read and write what interview coding needs:

==================================  =========================================================
REFI-QDA                            here
==================================  =========================================================
``TextSource`` (its plain text)     a :class:`Transcript`, split into speaker turns
``Code`` tree (name, colour,        a :class:`Codebook`: a code with sub-codes becomes a theme,
description, ``isCodable``)         a leaf a code; colours and descriptions are kept
``User``                            a coder
``PlainTextSelection`` +            coding rows ``segment_id, coder, code`` plus the selection's
``Coding``/``CodeRef``              characters ``start, end, text`` and its ``memo`` (its
                                    ``Description`` and any ``Note`` it links by ``NoteRef``)
==================================  =========================================================

Positions
    ``startPosition``/``endPosition`` count Unicode characters (code points, as Python slices
    strings; a Chinese character is one) of the source's plain text as stored, its byte-order mark
    not counted. Line ends are normalised to ``\\n`` afterwards and every position is carried over,
    so a selection keeps its characters. ATLAS.ti counts a Windows line end ``\\r\\n`` as one
    character: its projects (``origin`` naming ATLAS.ti) are read so, others on request
    (``crlf_as_one=True``). A selection becomes one coding row per speaker turn it overlaps (turns
    are the units of agreement); its exact characters stay in ``start``/``end``/``text``, and
    writing the coding back out uses them.

Safety
    The archive is checked like ``.docx``/``.xlsx`` (zip bomb caps, no ``<!DOCTYPE``/``<!ENTITY``
    in any XML part, ``project.qde`` included) before any parser sees it; members are read by name,
    never extracted to disk. Sources outside the archive (``relative://``, ``absolute://``) are
    refused by name.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import uuid
import warnings
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape, quoteattr

import pandas as pd

from .._result import Result
from ..errors import Problem, ResponseDataError, SurveyWarning
from ..schema.safezip import MAX_UNCOMPRESSED_BYTES, declares_dtd, office_archive_problems
from .codebook import _COLOR, Codebook, load_codebook
from .transcripts import INTERVIEWER_LABELS, SUFFIXES, Transcript, TranscriptSet, _decode, normalise_text, transcript_from_text

__all__ = ["QdpxProject", "read_qdpx", "write_qdpx", "read_qdc", "write_qdc", "PROJECT_NS", "CODEBOOK_NS"]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
_GUIDS = uuid.UUID("6f1c0b8e-3a55-4c1e-9d0e-5b2f7a1e4c21")  # names our deterministic GUIDs (uuid5)
_LINE = r"^(?P<speaker>)(?=[^\s])"  # every non-empty line a segment: for sources without speaker labels
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # fixed, so the same project gives the same bytes
UNKNOWN_CODER = "unknown"  # a selection naming no user (a user GUID not in <Users> is kept as the GUID)
SIDECAR = "survey/project.json"  # our ids (codebook, interviewees); other tools ignore it
CODING_COLUMNS = ["segment_id", "coder", "code", "source", "start", "end", "text", "memo", "selection"]


@dataclass(frozen=True)
class QdpxProject(Result):
    """A REFI-QDA project as read: ``transcripts``, ``codebook`` (``None`` when the project has no
    codes), ``coding`` (one row per selection, code and speaker turn: ``segment_id, coder, code,
    source, start, end, text, memo, selection``), ``coders`` and the ``origin`` (writing software).

    Unpacks as ``transcripts, codebook, coding = read_qdpx(path)``.
    """

    transcripts: TranscriptSet
    codebook: Codebook | None
    coding: pd.DataFrame
    coders: tuple[str, ...]
    origin: str
    name: str

    def __iter__(self) -> Iterator:
        return iter((self.transcripts, self.codebook, self.coding))

    @property
    def codings(self) -> pd.DataFrame:
        return self.coding

    def to_frame(self) -> pd.DataFrame:
        return self.coding.copy()

    def findings(self, lang: str = "en") -> list[str]:
        n_sel = self.coding["selection"].nunique()
        n_codes = len(self.codebook.codes) if self.codebook is not None else 0
        origin = self.origin or ("未注明的软件" if lang == "zh" else "unnamed software")
        if lang == "zh":
            return [f"从{origin}导出的项目读入访谈记录{len(self.transcripts)}份、编码{n_codes}个、{len(self.coders)}位编码员的编码片段{n_sel}个。"]
        return [f"The project written by {origin} holds {len(self.transcripts)} transcripts, {n_codes} codes and {n_sel} coded selections by {len(self.coders)} coders."]


# -- reading ------------------------------------------------------------------------------------


def _guid(kind: str, *parts: str) -> str:
    return str(uuid.uuid5(_GUIDS, "\x1f".join((kind, *parts)))).upper()


def _parse_xml(data: bytes, where: str) -> ET.Element:
    """Parse XML that was checked to declare no DTD/entities (so expat expands nothing)."""
    if declares_dtd(data):
        raise ResponseDataError(f"{where}: the XML declares a DTD or entities (refused: entity expansion)", [Problem(where, "<!DOCTYPE or <!ENTITY", "REFI-QDA XML without a DTD")])
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise ResponseDataError(f"{where}: not well-formed XML ({exc})", [Problem(where, str(exc), "a project.qde written by a REFI-QDA tool")]) from None


def _namespace(root: ET.Element, kind: str, where: str) -> str:
    m = re.match(r"\{(urn:QDA-XML:(?:project|codebook):[^}]+)\}(\w+)$", root.tag)
    if not m or m.group(2) != kind:
        raise ResponseDataError(f"{where}: not a REFI-QDA {kind} (root element {root.tag!r})", [Problem(where, f"root {root.tag!r}", f"<{kind} xmlns=\"{PROJECT_NS if kind == 'Project' else CODEBOOK_NS}\">")])
    return m.group(1)


@dataclass(frozen=True)
class _Node:
    guid: str
    name: str
    color: str | None
    codable: bool
    description: str
    parent: str | None
    children: int


def _code_nodes(codes: ET.Element | None, ns: str) -> list[_Node]:
    nodes: list[_Node] = []

    def walk(el: ET.Element, parent: str | None) -> None:
        guid = _norm_guid(el.get("guid"))
        desc = el.find(f"{{{ns}}}Description")
        kids = el.findall(f"{{{ns}}}Code")
        nodes.append(_Node(guid, el.get("name") or guid, el.get("color"), el.get("isCodable", "true").lower() != "false",
                           (desc.text or "").strip() if desc is not None else "", parent, len(kids)))
        for kid in kids:
            walk(kid, guid)

    for el in codes.findall(f"{{{ns}}}Code") if codes is not None else ():
        walk(el, None)
    return nodes


def _slug(name: str, guid: str, taken: set[str], *, fallback: str | None = None) -> str:
    """An id from a name (ASCII letters, digits, ``_.-``); else ``code_<GUID start>``; unique in ``taken``."""
    base = re.sub(r"[^A-Za-z0-9_.\-]+", "_", name).strip("_.-")
    if not base or not base[0].isalpha():
        base = fallback or f"code_{guid.replace('-', '')[:8].lower()}"
    out, k = base, 2
    while out in taken:
        out, k = f"{base}_{k}", k + 1
    taken.add(out)
    return out


def _text(value: str) -> dict:
    return {"zh": value} if _CJK.search(value) else {"en": value}


def _codebook_from_nodes(nodes: list[_Node], *, cid: str, name: str) -> tuple[Codebook | None, dict[str, str]]:
    """A codebook from the REFI code tree; returns it and GUID → code id. A code with sub-codes is a
    theme; when it is codable (MAXQDA's parents are) it is also a code ``<theme>.self``, so the same
    tree always gives the same codebook."""
    taken: set[str] = set()
    theme_of: dict[str, str] = {}
    themes, codes, by_guid = [], [], {}
    odd = [f"{n.name!r} ({n.color})" for n in nodes if n.color and not re.fullmatch(_COLOR, n.color)]
    if odd:
        warnings.warn(f"colours that are not #RRGGBB or #RGB are left out: {', '.join(odd[:10])}", SurveyWarning, stacklevel=3)
    for n in nodes:  # parents come before their children (depth first)
        parent = theme_of.get(n.parent) if n.parent else None
        color = {"color": n.color} if n.color and re.fullmatch(_COLOR, n.color) else {}
        definition = {"definition": _text(n.description)} if n.description else {}
        if n.children:
            tid = _slug(n.name, n.guid, taken)
            theme_of[n.guid] = tid
            themes.append({"id": tid, "name": _text(n.name), "parent": parent, **definition, **color})
            if n.codable:
                code_id = _slug(f"{tid}.self", n.guid, taken)
                codes.append({"id": code_id, "name": _text(n.name), "theme": tid, **definition, **color})
                by_guid[n.guid] = code_id
        elif n.codable:
            code_id = _slug(n.name, n.guid, taken)
            codes.append({"id": code_id, "name": _text(n.name), "theme": parent, **definition, **color})
            by_guid[n.guid] = code_id
    if not codes:
        return None, by_guid
    return load_codebook({"id": cid, "name": _text(name), "themes": themes, "codes": codes}), by_guid


def _match_codebook(nodes: list[_Node], codebook: Codebook, coded: set[str], where: str) -> dict[str, str]:
    """GUID → code id of ``codebook``: by our own GUID of the code, else by id or name (any language)."""
    names: dict[str, str] = {}
    for c in codebook.codes:
        for key in (c.id, c.name.zh, c.name.en):
            if key:
                names.setdefault(key.casefold(), c.id)
    ours = {_guid("code", codebook.id, c.id): c.id for c in codebook.codes}
    out, problems = {}, []
    for n in nodes:
        hit = ours.get(n.guid) or names.get(n.name.casefold())
        if hit:
            out[n.guid] = hit
        elif n.guid in coded:
            problems.append(Problem(f"{where}: code {n.name!r}", "no code of the codebook has this name", f"a code of codebook {codebook.id!r}"))
    if problems:
        raise ResponseDataError(f"{where}: {len(problems)} coded code(s) are not in codebook {codebook.id!r}", problems)
    return out


def _position_map(raw: str) -> list[int]:
    """For every offset into ``raw`` (0..len), the offset into ``normalise_text(raw)``."""
    out, n = [], 0
    for i, ch in enumerate(raw):
        out.append(n)
        if ch == "\ufeff" or (ch == "\r" and raw[i + 1 : i + 2] == "\n"):
            continue
        n += 1
    out.append(n)
    return out


def _member(archive: zipfile.ZipFile, target: str) -> str | None:
    """The archive member for ``internal://<file>``: in sources/ or Sources/ (tools differ), or top level."""
    names = {n.casefold(): n for n in archive.namelist()}
    for candidate in (f"sources/{target}", target):
        if candidate.casefold() in names:
            return names[candidate.casefold()]
    return None


def _source_text(el: ET.Element, ns: str, archive: zipfile.ZipFile, where: str) -> tuple[str, str, str]:
    """(raw text, encoding, sha256 of its bytes) of a TextSource: inline content or its plain-text file."""
    inline = el.find(f"{{{ns}}}PlainTextContent")
    if inline is not None:
        raw = (inline.text or "").encode("utf-8")
        return inline.text or "", "utf-8 (inline)", hashlib.sha256(raw).hexdigest()
    ref = el.get("plainTextPath") or ""
    if not ref.startswith("internal://"):
        what = f"plainTextPath {ref!r} points outside the archive" if ref else "no plainTextPath and no PlainTextContent"
        raise ResponseDataError(f"{where}: {what}", [Problem(where, what, "a source whose text is inside the .qdpx (internal://...)")])
    member = _member(archive, ref[len("internal://"):])
    if member is None:
        raise ResponseDataError(f"{where}: its text file {ref!r} is missing from the archive", [Problem(where, f"its text file {ref} is missing from the archive", "sources/<file> inside the .qdpx")])
    data = archive.read(member)
    text, encoding = _decode(data, f"{where} ({member})")
    return text.removeprefix("\ufeff"), encoding, hashlib.sha256(data).hexdigest()


def _source_transcript(name: str, path: str, raw: str, encoding: str, sha: str, speaker_pattern, interviewer_labels, interviewees: dict) -> Transcript:
    file = name if name.lower().endswith(SUFFIXES) else f"{name}.txt"
    who = interviewees.get(Path(file).stem)
    try:
        return transcript_from_text(raw, name=file, path=path, encoding=encoding, sha256=sha, interviewee=who, speaker_pattern=speaker_pattern, interviewer_labels=interviewer_labels)
    except ResponseDataError as exc:
        if "no speaker turns" not in str(exc):
            raise
    warnings.warn(f"{name}: no speaker labels; each non-empty line is one segment", SurveyWarning, stacklevel=3)
    return transcript_from_text(raw, name=file, path=path, encoding=encoding, sha256=sha, interviewee=who, speaker_pattern=_LINE, interviewer_labels=())


def _sidecar(archive: zipfile.ZipFile, where: str) -> dict:
    """What :func:`write_qdpx` keeps beside project.qde (our code ids, interviewee ids); {} if absent."""
    if SIDECAR not in archive.namelist():
        return {}
    try:
        extra = json.loads(archive.read(SIDECAR).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ResponseDataError(f"{where}:{SIDECAR}: not valid JSON ({exc})") from None
    return extra if isinstance(extra, dict) else {}


def _own_codebook(extra: dict, nodes: list[_Node], coded: set[str], where: str) -> tuple[Codebook | None, dict[str, str]]:
    """The codebook :func:`write_qdpx` stored, when every coded code of the project is one of its codes
    (a code added in another program since means the code tree is read instead)."""
    if not isinstance(extra.get("codebook"), dict):
        return None, {}
    cb = load_codebook(extra["codebook"])
    try:
        return cb, _match_codebook(nodes, cb, coded, where)
    except ResponseDataError:
        return None, {}


def read_qdpx(
    path: str | Path,
    *,
    codebook: Codebook | str | Path | None = None,
    speaker_pattern: str | Sequence[str] | None = None,
    interviewer_labels: Iterable[str] = INTERVIEWER_LABELS,
    crlf_as_one: bool | None = None,
    max_bytes: int = MAX_UNCOMPRESSED_BYTES,
) -> QdpxProject:
    """Read a REFI-QDA project (``.qdpx``): its text sources, code tree and text codings.

    Parameters
    ----------
    path
        The ``.qdpx`` archive.
    codebook
        Map the project's codes onto this codebook (by the GUIDs :func:`write_qdpx` gives its codes,
        else by name or id); a coded code it lacks is an error. Default: a codebook built from the
        project's code tree (ids from the names).
    speaker_pattern, interviewer_labels
        How turns are found, as in :func:`load_transcript`. A source without speaker labels is
        split into lines (with a warning).
    crlf_as_one
        Positions count ``\\r\\n`` as one character, as ATLAS.ti counts them. Default: so when the
        project's ``origin`` names ATLAS.ti, else as stored (two characters).
    max_bytes
        Cap on the archive's uncompressed size.

    Returns
    -------
    QdpxProject, which unpacks as ``transcripts, codebook, coding``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from survey.interviews import load_transcripts
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "T01.txt").write_text("访谈者：满意吗？\\n受访者：住房补贴申请太慢。", encoding="utf-8")
    >>> coding = pd.DataFrame({"segment_id": ["T01#t2@13-22"], "coder": ["A"], "code": ["salary"]})
    >>> path = write_qdpx(folder / "p.qdpx", load_transcripts(folder), coding=coding, codebook="herzberg16")
    >>> transcripts, codebook, back = read_qdpx(path)
    >>> back[["segment_id", "coder", "code", "start", "end", "text"]].to_numpy().tolist()
    [['T01#t2@13-22', 'A', 'salary', 13, 22, '住房补贴申请太慢。']]
    """
    path = Path(path)
    root, ns, where, texts, notes, extra = _open_project(path, max_bytes)
    if crlf_as_one is None:
        crlf_as_one = "atlas.ti" in (root.get("origin") or "").casefold()
    q = lambda tag: f"{{{ns}}}{tag}"  # noqa: E731
    users = {_norm_guid(u.get("guid")): u.get("name") or u.get("guid") for u in root.iter(q("User"))}
    nodes = _code_nodes(root.find(f"{q('CodeBook')}/{q('Codes')}"), ns)
    coded = {_norm_guid(ref.get("targetGUID")) for el in texts for ref in el.iter(q("CodeRef"))}
    if codebook is not None:
        cb = load_codebook(codebook)
        code_of = _match_codebook(nodes, cb, coded, where)
    else:
        cb, code_of = _own_codebook(extra, nodes, coded, where)
    if cb is None:
        cb, code_of = _codebook_from_nodes(nodes, cid=_slug(root.get("name") or "", "", set(), fallback="refi_qda"), name=root.get("name") or path.stem)
    transcripts, rows, problems = [], [], []
    for el, (raw, encoding, sha) in texts.items():
        name = el.get("name") or el.get("guid") or "source"
        counted = raw.replace("\r\n", "\n") if crlf_as_one else raw
        t = _source_transcript(name, f"{path.name}:{name}", counted, encoding, sha, speaker_pattern, interviewer_labels, extra.get("interviewees", {}))
        transcripts.append(t)
        rows += _selection_rows(el, q, t, counted, users, code_of, notes, f"{where}: source {name!r}", problems)
    if problems:
        raise ResponseDataError(f"{where}: {len(problems)} selection(s) cannot be placed", problems)
    stems = [Path(t.file).stem for t in transcripts]
    dupes = sorted({s for s in stems if stems.count(s) > 1})
    if dupes:
        raise ResponseDataError(f"{where}: sources share a name (segment ids would collide): {dupes}")
    coding = pd.DataFrame(rows, columns=CODING_COLUMNS)
    coding[["start", "end"]] = coding[["start", "end"]].astype("int64")
    unknown = int((coding["coder"] == UNKNOWN_CODER).sum())
    if unknown:
        warnings.warn(f"{where}: {unknown} coding row(s) name no user; their coder is {UNKNOWN_CODER!r}", SurveyWarning, stacklevel=2)
    segments = pd.concat([t.segments for t in transcripts], ignore_index=True) if transcripts else pd.DataFrame()
    coders = tuple(dict.fromkeys(list(users.values()) + list(coding["coder"])))
    return QdpxProject(TranscriptSet(tuple(transcripts), segments), cb, coding, coders, root.get("origin") or "", root.get("name") or path.stem)


def _open_project(path: Path, max_bytes: int) -> tuple[ET.Element, str, str, dict, dict, dict]:
    """Check the archive, parse its .qde and read every text source and note: (root, namespace,
    where, {TextSource element: (text, encoding, sha256)}, {note GUID: text}, side file)."""
    if not path.is_file():
        raise ResponseDataError(f"REFI-QDA project not found: {path}")
    if not zipfile.is_zipfile(path):
        raise ResponseDataError(f"{path.name}: not a .qdpx file (not a zip archive)", [Problem(path.name, "not a zip archive", "a .qdpx exported by a QDA program")])
    problems = office_archive_problems(path, max_bytes=max_bytes)
    if problems:
        raise ResponseDataError(f"{path.name}: the project is refused ({problems[0].what})", problems)
    with zipfile.ZipFile(path) as archive:
        qde = [n for n in archive.namelist() if n.lower().endswith(".qde") and "/" not in n.strip("/")]
        if not qde:
            raise ResponseDataError(f"{path.name}: no project.qde in the archive", [Problem(path.name, "no .qde file at the top level", "project.qde beside a sources/ folder")])
        member = "project.qde" if "project.qde" in qde else qde[0]
        where = f"{path.name}:{member}"
        root = _parse_xml(archive.read(member), where)
        ns = _namespace(root, "Project", where)
        skipped = sum(1 for tag in ("PDFSource", "PictureSource", "AudioSource", "VideoSource") for _ in root.iter(f"{{{ns}}}{tag}"))
        if skipped:
            warnings.warn(f"{path.name}: {skipped} non-text source(s) (PDF, picture, audio, video) are not read", SurveyWarning, stacklevel=3)
        texts, problems = {}, []
        for el in root.iter(f"{{{ns}}}TextSource"):
            try:
                texts[el] = _source_text(el, ns, archive, f"{where}: source {el.get('name')!r}")
            except ResponseDataError as exc:
                problems += exc.problems or [Problem(where, str(exc))]
        if problems:
            raise ResponseDataError(f"{where}: {len(problems)} source(s) cannot be read ({problems[0].where}: {problems[0].what})", problems)
        notes = {}
        for note in root.iter(f"{{{ns}}}Note"):  # memos NVivo links to selections by NoteRef
            try:
                notes[_norm_guid(note.get("guid"))] = normalise_text(_source_text(note, ns, archive, f"{where}: note {note.get('name')!r}")[0]).strip()
            except ResponseDataError as exc:
                warnings.warn(f"{exc} (the note is left out)", SurveyWarning, stacklevel=3)
        return root, ns, where, texts, notes, _sidecar(archive, path.name)


def _norm_guid(value: str | None) -> str:
    """GUIDs compare upper-case without braces (MAXQDA writes upper case, QualCoder lower, some {...})."""
    return (value or "").strip().strip("{}").upper()


def _selection_rows(el, q, t: Transcript, counted: str, users: dict, code_of: dict, notes: dict, where: str, problems: list) -> list[dict]:
    positions = _position_map(counted)
    seg = t.segments
    rows = []
    for sel in el.findall(q("PlainTextSelection")):
        sid = _norm_guid(sel.get("guid"))
        try:
            s, e = int(sel.get("startPosition")), int(sel.get("endPosition"))
        except (TypeError, ValueError):
            problems.append(Problem(f"{where}, selection {sid}", f"positions {sel.get('startPosition')!r}-{sel.get('endPosition')!r} are not integers", "startPosition/endPosition as character offsets"))
            continue
        if not 0 <= s <= e <= len(counted):
            problems.append(Problem(f"{where}, selection {sid}", f"characters {s}-{e} outside the text of {len(counted)} characters",
                                    "positions within the source (if the project counts \\r\\n as one character, crlf_as_one=True)"))
            continue
        a, b = positions[s], positions[e]
        desc = sel.find(q("Description"))
        linked = [notes.get(_norm_guid(ref.get("targetGUID")), "") for ref in sel.iter(q("NoteRef"))]
        memo = "\n".join(m for m in [(desc.text or "") if desc is not None else "", *linked] if m)
        hit = seg.loc[(seg["start"] < b) & (seg["end"] > a) | ((a == b) & (seg["start"] <= a) & (seg["end"] >= a)), "segment_id"].tolist()
        if not hit:
            warnings.warn(f"{where}: selection {sid} (characters {s}-{e}) lies outside every speaker turn; its segment id is a character range", SurveyWarning, stacklevel=4)
            hit = [f"{Path(t.file).stem}@{a}-{b}"]
        for coding in sel.findall(q("Coding")):
            ref = coding.find(q("CodeRef"))
            guid = _norm_guid(ref.get("targetGUID") if ref is not None else None)
            if guid not in code_of:
                problems.append(Problem(f"{where}, selection {sid}", f"CodeRef {guid!r} names no code of the codebook", "a Code of the project's CodeBook"))
                continue
            user = _norm_guid(coding.get("creatingUser") or sel.get("creatingUser") or sel.get("modifyingUser"))
            coder = users.get(user, user) or UNKNOWN_CODER
            rows += [{"segment_id": h, "coder": coder, "code": code_of[guid], "source": Path(t.file).stem, "start": a, "end": b,
                      "text": t.text[a:b], "memo": memo, "selection": sid} for h in hit]
    return rows


# -- writing ------------------------------------------------------------------------------------


def _code_xml(codebook: Codebook, lang: str) -> str:
    """The Code tree: themes as non-codable codes holding their sub-themes and codes."""
    kids: dict[str | None, list[str]] = {}
    for t in codebook.themes:
        kids.setdefault(t.parent, []).append(f"theme:{t.id}")
    for c in codebook.codes:
        kids.setdefault(c.theme, []).append(f"code:{c.id}")
    themes = {t.id: t for t in codebook.themes}
    codes = {c.id: c for c in codebook.codes}

    def node(key: str) -> str:
        kind, ident = key.split(":", 1)
        item = themes[ident] if kind == "theme" else codes[ident]
        attrs = f'guid="{_guid(kind, codebook.id, ident)}" name={quoteattr(item.name.get(lang))} isCodable="{"false" if kind == "theme" else "true"}"'
        if item.color:
            attrs += f' color="{item.color}"'
        inner = f"<Description>{escape(item.definition.get(lang))}</Description>" if item.definition else ""
        inner += "".join(node(k) for k in kids.get(ident, ()) if kind == "theme")
        return f"<Code {attrs}>{inner}</Code>" if inner else f"<Code {attrs}/>"

    return "".join(node(k) for k in kids.get(None, []))


def _selections(coding: pd.DataFrame, transcripts: TranscriptSet) -> dict[str, list[tuple[int, int, str, str, list[str]]]]:
    """Per transcript stem: (start, end, coder, memo, codes), from a coding table's character ranges
    (``start``/``end`` columns when present, else the segment's own offsets)."""
    seg = transcripts.segments.set_index("segment_id")
    stems = {Path(t.file).stem: t for t in transcripts.transcripts}
    problems, grouped = [], {}
    for i, row in enumerate(coding.to_dict("records")):
        sid = str(row["segment_id"])
        ranged = re.fullmatch(r"(.+)@(\d+)-(\d+)", sid)
        if sid in seg.index:
            stem, s, e = str(seg.at[sid, "file"]), int(seg.at[sid, "start"]), int(seg.at[sid, "end"])
        elif ranged and "#" not in sid:
            stem, s, e = ranged.group(1), int(ranged.group(2)), int(ranged.group(3))
        else:
            problems.append(Problem(f"coding row {i + 1}", f"segment {sid!r} is not a segment of these transcripts", "segment ids of the transcripts being written"))
            continue
        if _given(row.get("start")) and _given(row.get("end")):  # the selection's own characters
            s, e = int(row["start"]), int(row["end"])
        if _given(row.get("source")):
            stem = str(row["source"])
        if stem not in stems or not 0 <= s <= e <= len(stems[stem].text):
            problems.append(Problem(f"coding row {i + 1}", f"characters {s}-{e} of {stem!r} are not in the transcripts", "a range inside one transcript"))
            continue
        memo = str(row["memo"]) if _given(row.get("memo")) else ""
        codes = grouped.setdefault(stem, {}).setdefault((s, e, str(row["coder"]), memo), [])
        if str(row["code"]) not in codes:
            codes.append(str(row["code"]))
    if problems:
        raise ResponseDataError(f"the coding cannot be written as REFI-QDA selections ({len(problems)} rows)", problems)
    return {stem: [(*k, v) for k, v in sorted(sel.items())] for stem, sel in grouped.items()}


def _given(value) -> bool:
    return value is not None and not (isinstance(value, float) and pd.isna(value)) and str(value) != ""


def write_qdpx(
    path: str | Path,
    transcripts: Transcript | TranscriptSet,
    *,
    coding: pd.DataFrame | None = None,
    codebook: Codebook | str | Path | None = None,
    lang: str = "en",
    name: str | None = None,
) -> Path:
    """Write transcripts, a codebook and coding as a REFI-QDA project (``.qdpx``).

    Every transcript becomes a ``TextSource`` (UTF-8 plain text in ``sources/``); every coding row a
    ``PlainTextSelection`` over its segment's characters (or the row's own ``start``/``end``),
    coded by its coder (a ``User``); rows of one coder over the same characters share one
    selection, and a ``memo`` column becomes its description. Codes carry the name and definition
    in ``lang`` and their colour; themes become codes that are not codable, holding their codes.
    GUIDs are derived from the ids, so the same input gives the same file, and :func:`read_qdpx`
    with the same ``codebook`` maps the codes back to their ids.
    """
    path = Path(path)
    ts = transcripts if isinstance(transcripts, TranscriptSet) else TranscriptSet((transcripts,), transcripts.segments)
    coding = pd.DataFrame(columns=["segment_id", "coder", "code"]) if coding is None else coding
    missing = [c for c in ("segment_id", "coder", "code") if c not in coding.columns]
    if missing:
        raise ResponseDataError(f"the coding table lacks columns {missing}")
    if codebook is not None:
        cb = load_codebook(codebook)
        unknown = sorted(set(coding["code"].astype(str)) - set(cb.code_ids))
        if unknown:
            raise ResponseDataError(f"codes {unknown} of the coding are not in codebook {cb.id!r}")
    elif len(coding):
        codes = list(dict.fromkeys(coding["code"].astype(str)))
        cb = load_codebook({"id": "coding", "name": {"en": "Codes of the coding table"}, "codes": [{"id": c, "name": _text(c)} for c in codes]})
    else:
        cb = None
    selections = _selections(coding, ts)
    coders = sorted(set(coding["coder"].astype(str)))
    project = name or (cb.name.get(lang) if cb is not None else path.stem)
    out = [f'<?xml version="1.0" encoding="utf-8"?>\n<Project xmlns="{PROJECT_NS}" name={quoteattr(project)} origin="survey">']
    if coders:
        out.append("<Users>" + "".join(f'<User guid="{_guid("user", c)}" name={quoteattr(c)}/>' for c in coders) + "</Users>")
    if cb is not None:
        out.append(f"<CodeBook><Codes>{_code_xml(cb, lang)}</Codes></CodeBook>")
    files = {}
    out.append("<Sources>")
    for t in ts.transcripts:
        stem = Path(t.file).stem
        guid = _guid("source", stem)
        files[f"sources/{guid}.txt"] = t.text.encode("utf-8")
        out.append(f'<TextSource guid="{guid}" name={quoteattr(t.file)} plainTextPath="internal://{guid}.txt">')
        for s, e, coder, memo, codes in selections.get(stem, ()):
            sel = _guid("selection", stem, str(s), str(e), coder, memo)
            body = f"<Description>{escape(memo)}</Description>" if memo else ""
            body += "".join(f'<Coding guid="{_guid("coding", sel, c)}" creatingUser="{_guid("user", coder)}"><CodeRef targetGUID="{_guid("code", cb.id, c)}"/></Coding>' for c in codes)
            out.append(f'<PlainTextSelection guid="{sel}" startPosition="{s}" endPosition="{e}" creatingUser="{_guid("user", coder)}">{body}</PlainTextSelection>')
        out.append("</TextSource>")
    out.append("</Sources></Project>\n")
    extra = {"codebook": cb.model_dump(mode="json") if cb is not None else None,
             "interviewees": {Path(t.file).stem: t.interviewee for t in ts.transcripts}}
    files = {"project.qde": "\n".join(out).encode("utf-8"), **files, SIDECAR: json.dumps(extra, ensure_ascii=False, sort_keys=True).encode("utf-8")}
    return _write_zip(path, files)


def _write_zip(path: Path, files: dict[str, bytes]) -> Path:
    """A zip with fixed timestamps (the same files give the same bytes), written atomically."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in files.items():
            archive.writestr(zipfile.ZipInfo(member, _ZIP_TIME), data, zipfile.ZIP_DEFLATED)
    return _write_atomic(path, buffer.getvalue())


def _write_atomic(path: Path, data: bytes) -> Path:
    """Write to a temporary name and rename, so a failure leaves no half-written file."""
    tmp = path.with_name(path.name + ".part")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        if tmp.exists():
            tmp.unlink()
    return path


# -- codebooks (.qdc) ---------------------------------------------------------------------------


def read_qdc(path: str | Path, *, max_bytes: int = 20 * 1024 * 1024) -> Codebook:
    """Read a REFI-QDA codebook (``.qdc``): the code tree with colours and descriptions, mapped as
    by :func:`read_qdpx` (a code with sub-codes becomes a theme, a codable one also a code)."""
    path = Path(path)
    if not path.is_file():
        raise ResponseDataError(f"REFI-QDA codebook not found: {path}")
    if path.stat().st_size > max_bytes:
        raise ResponseDataError(f"{path.name}: {path.stat().st_size:,} bytes, above the cap of {max_bytes:,}")
    root = _parse_xml(path.read_bytes(), path.name)
    ns = _namespace(root, "CodeBook", path.name)
    nodes = _code_nodes(root.find(f"{{{ns}}}Codes"), ns)
    cb, _ = _codebook_from_nodes(nodes, cid=_slug(root.get("name") or path.stem, "", set(), fallback="refi_qda"), name=root.get("name") or path.stem)
    if cb is None:
        raise ResponseDataError(f"{path.name}: the codebook holds no codable code", [Problem(path.name, "no <Code> with isCodable='true'", "a REFI-QDA codebook")])
    return cb


def write_qdc(path: str | Path, codebook: Codebook | str | Path, *, lang: str = "en") -> Path:
    """Write a codebook as a REFI-QDA codebook (``.qdc``), with the GUIDs :func:`write_qdpx` uses."""
    cb = load_codebook(codebook)
    xml = f'<?xml version="1.0" encoding="utf-8"?>\n<CodeBook xmlns="{CODEBOOK_NS}" origin="survey"><Codes>{_code_xml(cb, lang)}</Codes></CodeBook>\n'
    return _write_atomic(Path(path), xml.encode("utf-8"))
