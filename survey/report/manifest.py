"""``manifest.json``: what went into a report folder and every file that came out, with hashes.

Written last, it lists every file in the folder (itself excepted) with its sha256 and size: under
``files`` those survey wrote, under ``kept`` any other file found there (the user's, left alone);
then the inputs' hashes, the plan's hash, the seed, the package versions and the exclusion ledger.
It holds no date, so the same inputs, plan and seed give the same manifest. ``files`` is also the
record of what a later run may replace or remove: nothing else in the folder is ever touched.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> _ = (out / "report.md").write_text("# A\\n")
>>> m = write_manifest(out, plan={"seed": 1}, seed=1, ledger=[{"id": "r7", "reason": "speeder"}])
>>> [f["path"] for f in load_manifest(out)["files"]], verify_manifest(out)
(['report.md'], [])
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import platform
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import Problem, SurveyError
from .atomic import atomic_write_text

__all__ = [
    "MANIFEST_NAME", "sha256_file", "package_versions", "build_manifest", "write_manifest", "load_manifest", "verify_manifest", "folder_files",
    "recorded_files",
]

MANIFEST_NAME = "manifest.json"
FORMAT = "survey-manifest/2"
PACKAGES = (
    "numpy", "pandas", "scipy", "statsmodels", "pingouin", "matplotlib", "pydantic", "PyYAML", "openpyxl",
    "xlrd", "pyreadstat", "python-docx", "tabulate", "semopy", "jieba", "krippendorff",
)


def sha256_file(path: str | os.PathLike[str]) -> str:
    """The sha256 of a file, read in chunks."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def package_versions() -> dict[str, str]:
    """Python and the installed versions of the packages results depend on (absent ones left out)."""
    out = {"python": platform.python_version()}
    try:
        from .. import __version__ as ours  # type: ignore[attr-defined]

        out["survey"] = ours
    except ImportError:  # pragma: no cover - during partial imports
        pass
    for name in PACKAGES:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return out


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        items = [_jsonable(v) for v in value]
        return sorted(items, key=repr) if isinstance(value, (set, frozenset)) else items
    if isinstance(value, np.generic):
        return _jsonable(value.item())
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, (os.PathLike,)):
        return os.fspath(value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _input_entry(item: Any) -> dict[str, Any]:
    if isinstance(item, Mapping):
        entry = _jsonable(item)
        if "sha256" not in entry:
            raise SurveyError(f"manifest input {item!r} has no 'sha256' (expected a path or a mapping with 'sha256')")
        return entry
    path = Path(item)
    if not path.is_file():
        raise SurveyError(f"manifest input {str(path)!r} is not an existing file (expected the path of an input file)")
    return {"path": os.fspath(item), "name": path.name, "sha256": sha256_file(path), "bytes": path.stat().st_size}


def _plan_entry(plan: Any) -> dict[str, Any] | None:
    if plan is None:
        return None
    if isinstance(plan, (bytes, bytearray)):
        return {"sha256": hashlib.sha256(bytes(plan)).hexdigest()}
    if isinstance(plan, str):
        return {"sha256": hashlib.sha256(plan.encode("utf-8")).hexdigest()}
    if isinstance(plan, os.PathLike):
        return {"path": os.fspath(plan), "sha256": sha256_file(plan)}
    if isinstance(plan, Mapping):
        canonical = json.dumps(_jsonable(plan), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return {"sha256": hashlib.sha256(canonical.encode("utf-8")).hexdigest(), "canonical": "json-sorted-keys"}
    if hasattr(plan, "model_dump"):  # a pydantic plan
        return _plan_entry(plan.model_dump(mode="json"))
    raise SurveyError(f"manifest plan of type {type(plan).__name__} cannot be hashed (expected a path, bytes, text or a mapping)")


def folder_files(out_dir: str | os.PathLike[str]) -> list[str]:
    """Every file under ``out_dir`` (relative POSIX paths, sorted), the manifest excepted."""
    base = Path(out_dir)
    files = []
    for root, dirs, names in os.walk(base):
        dirs.sort()
        for name in names:
            rel = (Path(root) / name).relative_to(base).as_posix()
            if rel != MANIFEST_NAME:
                files.append(rel)
    return sorted(files)


def recorded_files(out_dir: str | os.PathLike[str]) -> set[str]:
    """The files of ``out_dir`` that its manifest records as written by survey and that are still as
    written (same sha256): the only files a run may replace or remove. Empty without a manifest of
    this format."""
    base = Path(out_dir)
    try:
        manifest = load_manifest(base)
    except (SurveyError, ValueError):
        return set()
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), list):
        return set()
    present = set(folder_files(base)) if base.is_dir() else set()
    return {
        entry["path"] for entry in manifest["files"]
        if isinstance(entry, dict) and entry.get("path") in present and sha256_file(base / entry["path"]) == entry.get("sha256")
    }


def build_manifest(
    out_dir: str | os.PathLike[str],
    *,
    written: Iterable[str] | None = None,
    inputs: Iterable[Any] = (),
    plan: Any = None,
    seed: int | None = None,
    ledger: Iterable[Mapping[str, Any]] = (),
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The manifest of ``out_dir`` as it is now (see :func:`write_manifest`).

    ``written``: the files (relative paths) survey wrote; every other file in the folder is listed
    under ``kept``. ``None``: every file in the folder counts as written.
    """
    base = Path(out_dir)
    present = folder_files(base)
    ours = set(present if written is None else written)

    def entry(rel: str) -> dict[str, Any]:
        return {"path": rel, "sha256": sha256_file(base / rel), "bytes": (base / rel).stat().st_size}

    files = [entry(rel) for rel in present if rel in ours]
    kept = [entry(rel) for rel in present if rel not in ours]
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "seed": _jsonable(seed),
        "plan": _plan_entry(plan),
        "inputs": [_input_entry(i) for i in inputs],
        "packages": package_versions(),
        "ledger": [_jsonable(dict(e)) for e in ledger],
        "files": files,
        "kept": kept,
    }
    for key, value in (extra or {}).items():
        if key in manifest:
            raise SurveyError(f"manifest extra key {key!r} clashes with a standard field (expected a new name)")
        manifest[key] = _jsonable(value)
    return manifest


def write_manifest(out_dir: str | os.PathLike[str], **fields: Any) -> Path:
    """Write ``out_dir/manifest.json`` atomically, listing every file now in ``out_dir``.

    Call it last. ``fields``: ``written`` (the files survey wrote; the others are listed as
    ``kept``), ``inputs`` (paths, or mappings with a ``sha256``), ``plan`` (path, bytes, text,
    mapping or pydantic model), ``seed``, ``ledger`` (a list of dicts: one per exclusion), ``extra``
    (more top-level fields).
    """
    manifest = build_manifest(out_dir, **fields)
    text = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    return atomic_write_text(Path(out_dir) / MANIFEST_NAME, text)


def load_manifest(out_dir: str | os.PathLike[str]) -> dict[str, Any]:
    """Read ``out_dir/manifest.json``."""
    path = Path(out_dir) / MANIFEST_NAME
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SurveyError(f"{str(path)!r} does not exist (expected a report folder written by survey)") from None


def verify_manifest(out_dir: str | os.PathLike[str]) -> list[Problem]:
    """Compare the manifest with the folder: missing, extra and changed files (empty list: all agree)."""
    base = Path(out_dir)
    manifest = load_manifest(base)
    listed = {f["path"]: f for f in manifest["files"] + manifest.get("kept", [])}
    present = set(folder_files(base))
    problems = [Problem(where=p, what="listed in the manifest but missing") for p in sorted(set(listed) - present)]
    problems += [Problem(where=p, what="in the folder but not in the manifest") for p in sorted(present - set(listed))]
    for p in sorted(present & set(listed)):
        if sha256_file(base / p) != listed[p]["sha256"]:
            problems.append(Problem(where=p, what="content differs from the manifest's sha256"))
    return problems
