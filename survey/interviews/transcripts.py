"""Interview transcripts (.txt, .md, .docx) split into speaker turns with stable segment ids.

A transcript is a sequence of speaker turns ("访谈者：……", "受访者A：……", "Q: ...", "A: ...").
Each turn becomes one segment. Its id is ``<file stem>#t<turn>@<start>-<end>``: the file, the
turn number (1-based) and the character offsets of the turn's text in the decoded transcript, so
codes keyed on segment ids survive a re-import of the same file, and a stale id (the file was
edited since it was coded) is detected instead of silently re-attached to other text.

Text before the first speaker label (title, date, place) is kept as ``preamble`` and is not a
segment. Lines without a label continue the current turn.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .._result import Result
from ..errors import ResponseDataError, Problem

__all__ = ["Transcript", "TranscriptSet", "load_transcript", "load_transcripts", "DEFAULT_SPEAKER_PATTERN", "INTERVIEWER_LABELS"]

INTERVIEWER_LABELS: tuple[str, ...] = (
    "访谈者", "采访者", "访问者", "主持人", "研究者", "访谈人", "问", "Q", "I", "Interviewer", "Researcher",
)
_SPEAKER_WORDS = (
    r"访谈者|采访者|访问者|主持人|研究者|访谈人|受访者|被访者|受访人|被访人|访谈对象|问|答"
    r"|Interviewer|Interviewee|Researcher|Respondent|Participant|Q|A|I|R|P"
)
#: The default speaker-label pattern: a known label, optionally followed by a short tag (A, 1, 甲,
#: "A1"), optionally in Markdown bold, then a colon (ASCII or full-width) at the start of a line.
DEFAULT_SPEAKER_PATTERN = (
    r"^[ \t]*(?:[-*][ \t]+)?(?:\*\*)?(?P<speaker>(?:" + _SPEAKER_WORDS + r")"
    r"(?:[ \t]?(?:[0-9]{1,3}|[A-Z][0-9]{0,2}|[一二三四五六七八九十甲乙丙丁]{1,2}))?)(?:\*\*)?[ \t]*[:：](?:\*\*)?[ \t]*"
)
SUFFIXES = (".txt", ".md", ".markdown", ".docx")


@dataclass(frozen=True)
class Transcript(Result):
    """One transcript: its decoded text, its turns as segments, and where it came from.

    ``segments`` has one row per turn: ``segment_id, file, interviewee, turn, speaker, role,
    start, end, line, text`` (``start``/``end`` are character offsets into ``text`` of the whole
    transcript; ``line`` is the 1-based line where the turn starts).
    """

    path: str
    file: str
    interviewee: str
    text: str
    preamble: str
    segments: pd.DataFrame
    encoding: str
    sha256: str

    def to_frame(self) -> pd.DataFrame:
        return self.segments.copy()

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        n = len(self.segments)
        k = int((self.segments["role"] == "interviewee").sum())
        if lang == "zh":
            return [f"访谈记录{self.file}共{n}个话轮，其中受访者话轮{k}个。"]
        return [f"Transcript {self.file} has {n} speaker turns, {k} of them by the interviewee."]


@dataclass(frozen=True)
class TranscriptSet(Result):
    """Several transcripts; ``segments`` stacks their segments (segment ids are unique)."""

    transcripts: tuple[Transcript, ...]
    segments: pd.DataFrame

    def to_frame(self) -> pd.DataFrame:
        return self.segments.copy()

    def __len__(self) -> int:
        return len(self.transcripts)

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        n = len(self.transcripts)
        people = self.segments["interviewee"].nunique()
        chars = int(self.segments.loc[self.segments["role"] == "interviewee", "text"].str.len().sum())
        if lang == "zh":
            return [f"共整理访谈记录{n}份（受访者{people}人），受访者话语共{chars}字。"]
        return [f"{n} transcripts ({people} interviewees) were analysed, with {chars} characters of interviewee speech."]


def _decode(raw: bytes, where: str) -> tuple[str, str]:
    """Strict UTF-8 (with or without BOM), UTF-16 with BOM, then GB18030; never latin-1."""
    if raw.startswith(b"\xef\xbb\xbf"):
        candidates = ("utf-8-sig",)
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        candidates = ("utf-16",)
    else:
        candidates = ("utf-8", "gb18030")
    for enc in candidates:
        try:
            return raw.decode(enc), enc
        except UnicodeDecodeError:
            continue
    detail = "invalid bytes"
    try:
        raw.decode(candidates[0])
    except UnicodeDecodeError as exc:
        detail = f"invalid byte at offset {exc.start}"
    raise ResponseDataError(
        f"{where}: cannot decode the transcript ({detail}); tried {', '.join(candidates)}",
        [Problem(where, "not text in UTF-8, UTF-16 (with BOM) or GB18030", "a UTF-8 text file (save as UTF-8)")],
    )


def _read_docx(path: Path) -> str:
    try:
        import docx  # python-docx
    except ImportError as exc:  # pragma: no cover - dependency of the interviews extra
        raise ResponseDataError(f"{path.name}: reading .docx needs python-docx (pip install python-docx)") from exc
    import zipfile

    from ..schema.safezip import office_archive_problems

    if not zipfile.is_zipfile(path):
        raise ResponseDataError(f"{path.name}: not a valid .docx file (not a zip archive)", [Problem(path.name, "not a zip archive", "a .docx saved by Word or WPS")])
    problems = office_archive_problems(path)  # zip bombs, and DTD/entity declarations in any XML part
    if problems:
        raise ResponseDataError(f"{path.name}: the .docx is refused ({problems[0].what})", problems)
    from docx.opc.exceptions import PackageNotFoundError
    from lxml.etree import XMLSyntaxError

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError, XMLSyntaxError) as exc:
        raise ResponseDataError(f"{path.name}: not a valid .docx file ({exc})", [Problem(path.name, str(exc), "a .docx saved by Word or WPS")]) from exc
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:  # some transcripts are two-column tables: speaker | text
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells]
            if len(cells) >= 2 and cells[0] and not re.search(r"[:：]\s*$", cells[0]):
                lines.append(f"{cells[0]}：{' '.join(cells[1:])}")
            else:
                lines.append(" ".join(cells))
    return "\n".join(lines)


def load_transcript(
    path: str | Path,
    *,
    interviewee: str | None = None,
    speaker_pattern: str | Sequence[str] | None = None,
    interviewer_labels: Iterable[str] = INTERVIEWER_LABELS,
) -> Transcript:
    """Read one transcript and split it into speaker turns.

    Parameters
    ----------
    path
        A ``.txt``, ``.md`` or ``.docx`` file. Text files are read as strict UTF-8 (with or without
        BOM), UTF-16 with BOM, or GB18030.
    interviewee
        The interviewee id that links the transcript to the attribute table; default: the file stem.
    speaker_pattern
        A regular expression (or several) that matches a speaker label at the start of a line and
        captures it in a group named ``speaker``; default :data:`DEFAULT_SPEAKER_PATTERN`.
    interviewer_labels
        Labels (after stripping a trailing tag such as "A" or "1") spoken by the interviewer;
        every other speaker is the interviewee.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "T01.txt"
    >>> _ = p.write_text("访谈者：您对住房补贴满意吗？\\n受访者：还可以，但是申请太慢。", encoding="utf-8")
    >>> t = load_transcript(p)
    >>> t.segments[["segment_id", "role", "text"]].to_numpy().tolist()[1]
    ['T01#t2@19-30', 'interviewee', '还可以，但是申请太慢。']
    """
    path = Path(path)
    if not path.is_file():
        raise ResponseDataError(f"transcript not found: {path}")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ResponseDataError(f"{path.name}: unsupported transcript type {suffix!r}", [Problem(path.name, "unsupported file type", ", ".join(SUFFIXES))])
    raw = path.read_bytes()
    sha = hashlib.sha256(raw).hexdigest()
    if suffix == ".docx":
        text, encoding = _read_docx(path), "docx"
    else:
        text, encoding = _decode(raw, path.name)
    return transcript_from_text(
        text, name=path.name, path=str(path), encoding=encoding, sha256=sha, interviewee=interviewee,
        speaker_pattern=speaker_pattern, interviewer_labels=interviewer_labels,
    )


def normalise_text(text: str) -> str:
    """The text as segment offsets count it: line ends as ``\\n``, ideographic spaces as spaces, no BOM."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\ufeff", "")


def transcript_from_text(
    text: str,
    *,
    name: str,
    path: str,
    encoding: str,
    sha256: str,
    interviewee: str | None = None,
    speaker_pattern: str | Sequence[str] | None = None,
    interviewer_labels: Iterable[str] = INTERVIEWER_LABELS,
) -> Transcript:
    """Split decoded text into speaker turns (the step :func:`load_transcript` takes after reading a
    file); ``name`` is the file name whose stem starts every segment id."""
    text = normalise_text(text)
    if not text.strip():
        raise ResponseDataError(f"{name}: the transcript is empty", [Problem(name, "no text", "speaker turns such as '受访者：……'")])
    patterns = [DEFAULT_SPEAKER_PATTERN] if speaker_pattern is None else ([speaker_pattern] if isinstance(speaker_pattern, str) else list(speaker_pattern))
    try:
        regexes = [re.compile(p, re.MULTILINE) for p in patterns]
    except re.error as exc:
        raise ResponseDataError(f"speaker_pattern is not a valid regular expression: {exc}") from exc
    for rx in regexes:
        if "speaker" not in rx.groupindex:
            raise ResponseDataError(f"speaker_pattern {rx.pattern!r} needs a named group (?P<speaker>...)")
    stem = Path(name).stem
    who = interviewee if interviewee is not None else stem
    segments, preamble = _split_turns(text, regexes, stem, who, {s.casefold() for s in interviewer_labels})
    if segments.empty:
        raise ResponseDataError(
            f"{name}: no speaker turns found",
            [Problem(f"{name} line 1", "no line starts with a speaker label", "labels such as '访谈者：', '受访者A：', 'Q:', 'A:' (or pass speaker_pattern=)")],
        )
    return Transcript(path, name, str(who), text, preamble, segments, encoding, sha256)


def _base_label(label: str) -> str:
    return re.sub(r"[ \t]?(?:[0-9]{1,3}|[A-Z][0-9]{0,2}|[一二三四五六七八九十甲乙丙丁]{1,2})$", "", label) if len(label) > 1 else label


def _split_turns(text: str, regexes, stem: str, who: str, interviewer: set[str]) -> tuple[pd.DataFrame, str]:
    starts: list[tuple[int, int, str]] = []  # (label start, content start, speaker)
    pos = 0
    for line in text.split("\n"):
        for rx in regexes:
            m = rx.match(line)
            if m:
                starts.append((pos, pos + m.end(), m.group("speaker").strip()))
                break
        pos += len(line) + 1
    rows = []
    for i, (label_at, begin, speaker) in enumerate(starts):
        stop = starts[i + 1][0] if i + 1 < len(starts) else len(text)
        chunk = text[begin:stop]
        lead = len(chunk) - len(chunk.lstrip())
        content = chunk.strip()
        s = begin + lead
        e = s + len(content)
        base = _base_label(speaker)
        role = "interviewer" if speaker.casefold() in interviewer or base.casefold() in interviewer else "interviewee"
        turn = i + 1
        rows.append(
            {
                "segment_id": f"{stem}#t{turn}@{s}-{e}",
                "file": stem,
                "interviewee": who,
                "turn": turn,
                "speaker": speaker,
                "role": role,
                "start": s,
                "end": e,
                "line": text.count("\n", 0, label_at) + 1,
                "text": content,
            }
        )
    frame = pd.DataFrame(rows, columns=["segment_id", "file", "interviewee", "turn", "speaker", "role", "start", "end", "line", "text"])
    preamble = text[: starts[0][0]].strip() if starts else text.strip()
    return frame, preamble


def load_transcripts(
    paths: str | Path | Iterable[str | Path],
    *,
    interviewees: dict[str, str] | None = None,
    speaker_pattern: str | Sequence[str] | None = None,
    interviewer_labels: Iterable[str] = INTERVIEWER_LABELS,
) -> TranscriptSet:
    """Read several transcripts: a folder (every .txt/.md/.docx in it, sorted) or a list of files.

    ``interviewees`` maps a file stem to an interviewee id (default: the stem). Two files with the
    same stem are refused, since segment ids would collide.
    """
    if isinstance(paths, (str, Path)) and Path(paths).is_dir():
        files = sorted(p for p in Path(paths).iterdir() if p.suffix.lower() in SUFFIXES and not p.name.startswith(("~$", ".")))
        if not files:
            raise ResponseDataError(f"{paths}: no transcripts (.txt, .md, .docx) in this folder")
    elif isinstance(paths, (str, Path)):
        files = [Path(paths)]
    else:
        files = [Path(p) for p in paths]
    stems = [f.stem for f in files]
    dupes = sorted({s for s in stems if stems.count(s) > 1})
    if dupes:
        raise ResponseDataError(f"transcripts share a file name stem (segment ids would collide): {dupes}")
    interviewees = interviewees or {}
    loaded = tuple(
        load_transcript(f, interviewee=interviewees.get(f.stem), speaker_pattern=speaker_pattern, interviewer_labels=interviewer_labels)
        for f in files
    )
    segments = pd.concat([t.segments for t in loaded], ignore_index=True)
    return TranscriptSet(loaded, segments)


def segments_frame(segments) -> pd.DataFrame:
    """Accept a Transcript, a TranscriptSet, open-ended answers (an ``OpenEndedResult``),
    policy documents (a ``DocumentSet``: their clauses) or a segments DataFrame; return the DataFrame."""
    if isinstance(segments, (Transcript, TranscriptSet)):
        return segments.segments
    if not isinstance(segments, pd.DataFrame) and isinstance(getattr(segments, "segments", None), pd.DataFrame):
        segments = segments.segments
    if isinstance(segments, pd.DataFrame):
        missing = [c for c in ("segment_id", "interviewee", "text") if c not in segments.columns]
        if missing:
            raise ResponseDataError(f"the segments table lacks columns {missing} (load it with load_transcripts)")
        return segments
    raise ResponseDataError(f"expected transcripts or a segments DataFrame, got {type(segments).__name__}")
