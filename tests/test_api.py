"""The public API: every name in ``survey.__all__`` resolves, each subpackage's public names are either
top-level or listed here as internal, and ``import survey`` stays light."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

import survey as sv

# Helpers that the subpackages export to each other but that a user does not call.
INTERNAL = {
    "schema": {"cross_check", "sav_item_names"},
    "io": {"decode_bytes", "split_header", "parse_duration", "looks_personal"},
    "prep": {"ledger_frame"},
    "interviews": {"is_valid_resident_id"},
    "figures": {"apply_style", "axes", "cjk_font"},
}
SUBPACKAGES = ("schema", "io", "draft", "prep", "stats", "models", "interviews", "figures")


@pytest.mark.parametrize("name", sv.__all__)
def test_every_public_name_resolves(name):
    assert getattr(sv, name) is not None


@pytest.mark.parametrize("package", SUBPACKAGES)
def test_subpackage_exports_are_public_or_listed_as_internal(package):
    exported = set(importlib.import_module(f"survey.{package}").__all__)
    public = {n for n in sv.__all__ if sv._HOME[n] == f".{package}"}
    assert exported - INTERNAL.get(package, set()) == public
    assert not (INTERNAL.get(package, set()) & set(sv.__all__))


def test_internals_are_not_top_level():
    for names in INTERNAL.values():
        for name in names:
            assert not hasattr(sv, name), name
    assert not hasattr(sv, "annotations")


def test_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        sv.nonesuch  # noqa: B018


HEAVY = ("matplotlib", "scipy.stats", "statsmodels", "pandas", "semopy", "pingouin")


@pytest.mark.parametrize(
    "code",
    ["import survey", "import survey.cli"],
)
def test_import_loads_no_heavy_library(code):
    probe = f"{code}; import sys; print(' '.join(m for m in {HEAVY!r} if m in sys.modules))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""
