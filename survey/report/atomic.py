"""Safe output files: atomic writes, names confined to the output folder, no overlap with inputs.

Every output is first written to a temporary file in the same folder and then moved into place with
:func:`os.replace`, so a reader (or a crash) never sees a half-written file; on failure the
temporary file is removed and the previous file, if any, is left untouched.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> p = atomic_write_text(confine(out, "tables/t1.csv"), "a,b\\n")
>>> p.read_text()
'a,b\\n'
>>> confine(out, "../x")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
survey.errors.SurveyError: output name '../x' leaves the output folder ... (expected a relative path inside it, without '..')
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path, PurePosixPath, PureWindowsPath

from ..errors import SurveyError

__all__ = ["atomic_path", "atomic_write_bytes", "atomic_write_text", "check_output_dir", "confine", "is_leftover"]

_TMP_PREFIX = ".tmp-"
_TMP_NAME = re.compile(r"\.tmp-[a-z0-9_]{8}(?:\.[A-Za-z0-9]+)?")  # what tempfile.mkstemp makes with our prefix


def _umask() -> int:
    """The process's file-creation mask (read by setting it, then putting it back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def is_leftover(name: str) -> bool:
    """Whether a file name is a temporary file of :func:`atomic_path` left by a crashed run."""
    return _TMP_NAME.fullmatch(name) is not None


def confine(out_dir: str | os.PathLike[str], name: str | os.PathLike[str]) -> Path:
    """Return ``out_dir / name``, refusing any name that would land outside ``out_dir``.

    Rejected: absolute paths (``/x``, ``C:\\x``, ``\\\\server\\share``), any ``..`` component, empty
    names, and names that resolve outside the folder through a symbolic link.
    """
    text = os.fspath(name)
    base = Path(out_dir).resolve()
    problem = None
    if not text or text.strip() in {"", "."}:
        problem = "is empty"
    elif "\x00" in text:
        problem = "contains a NUL character"
    else:
        posix, win = PurePosixPath(text), PureWindowsPath(text)
        if posix.is_absolute() or win.is_absolute() or win.drive or text.startswith(("/", "\\")):
            problem = "is an absolute path"
        elif ".." in posix.parts or ".." in win.parts:
            problem = f"leaves the output folder {str(base)!r}"
    if problem is None:
        target = (base / text).resolve()
        if target != base and base not in target.parents:
            problem = f"leaves the output folder {str(base)!r}"
        elif target == base:
            problem = "names the output folder itself"
    if problem is not None:
        raise SurveyError(f"output name {text!r} {problem} (expected a relative path inside it, without '..')")
    return base / text


def check_output_dir(out_dir: str | os.PathLike[str], inputs: Iterable[str | os.PathLike[str]] = ()) -> Path:
    """Check that ``out_dir`` can hold a report without touching any input; return it resolved.

    Refused: an output folder that is an existing file, that is an input, lies inside an input
    folder, or contains an input file or folder (a rerun would then overwrite or hash inputs). An
    input folder is one passed in ``inputs`` (the folder of an input file is not one: a report may
    sit beside its data).
    """
    out = Path(out_dir).resolve()
    if out.exists() and not out.is_dir():
        raise SurveyError(f"output folder {str(out)!r} is an existing file (expected a folder, new or existing)")
    clashes = []
    for item in inputs:
        src = Path(item).resolve()
        if src == out:
            clashes.append(f"it is the input {'folder' if src.is_dir() else 'file'} {str(src)!r}")
        elif out in src.parents:
            clashes.append(f"{str(src)!r} lies inside it")
        elif src.is_dir() and src in out.parents:
            clashes.append(f"it lies inside the input folder {str(src)!r}")
    if clashes:
        raise SurveyError(
            f"output folder {str(out)!r} overlaps the inputs: " + "; ".join(clashes)
            + " (expected a folder apart from every input)"
        )
    return out


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path beside ``path``; on success move it onto ``path``, on failure delete it.

    For libraries that write to a path themselves (``Document.save``, ``Workbook.save``).
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=_TMP_PREFIX, suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_umask())  # as an ordinary file would be, not mkstemp's private 0600
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (temporary file in the same folder, fsync, rename)."""
    target = Path(path)
    with atomic_path(target) as tmp:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
    return target


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` atomically with ``\\n`` line endings (the same bytes on every platform)."""
    return atomic_write_bytes(path, text.encode(encoding))
