"""The bundled flagship data set: reproducible to the byte, loadable, and true to its truth file."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from survey.datasets import sample_export, simulate_talent_responses, talent_services_dir, talent_services_files
from survey.datasets.build import generate, write_talent_services
from survey.datasets._xlsx import BLANK
from survey.datasets.talent import CONSTRUCT_ITEMS, OUTCOME_ITEMS

REPO = Path(__file__).resolve().parents[2]
TRUTH_PATH = REPO / "analysis" / "talent_services" / "truth.yaml"


@pytest.fixture(scope="module")
def truth() -> dict:
    return yaml.safe_load(TRUTH_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def study():
    return generate()


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_regenerated_files_are_byte_identical(tmp_path):
    hashes = write_talent_services(tmp_path / "data", truth_path=tmp_path / "truth.yaml")
    # every generated file is shipped, byte for byte (other files, e.g. a bundled plan, may sit beside them)
    shipped = {name: _sha(talent_services_dir() / name) for name in hashes if (talent_services_dir() / name).is_file()}
    assert hashes == shipped
    assert _sha(tmp_path / "truth.yaml") == _sha(TRUTH_PATH)


def test_same_seed_same_data_other_seed_other_data():
    a = simulate_talent_responses(300, seed=7)
    pd.testing.assert_frame_equal(a, simulate_talent_responses(300, seed=7))
    assert not a.equals(simulate_talent_responses(300, seed=8))


def test_simulate_rejects_bad_n():
    with pytest.raises(ValueError, match="positive integer"):
        simulate_talent_responses(0)


def test_sample_export_and_files_exist():
    path, q = sample_export()
    assert path.is_file() and q == "talent_service"
    assert sample_export("numeric")[0].is_file()
    with pytest.raises(ValueError):
        sample_export("csv")
    files = talent_services_files()
    assert all(p.exists() for p in files.values())
    assert len(list(files["interviews"].glob("T*.txt"))) == 14


def _planted(truth: dict) -> dict[str, list[int]]:
    p = truth["problems"]
    return {
        "speeder": p["speeder"],
        "straightliner": p["straightliner"],
        "attention_failed": p["attention_failed"],
        "duplicate_answers": [p["duplicate_answers"]["respondent"]],
        "invalid": [p["invalid"]["respondent"]],
        "partial": p["partial"]["respondents"],
    }


def test_planted_problems_are_the_truth_file_ids(study, truth):
    roles = study.meta["role"]
    planted = _planted(truth)
    for rule, ids in planted.items():
        assert sorted(int(i) for i in roles.index[roles == rule]) == sorted(ids), rule
    # every problem respondent is planted once; together they are the excluded list
    all_ids = [i for ids in planted.values() for i in ids]
    assert len(all_ids) == len(set(all_ids)) == truth["n_excluded"]
    assert sorted(all_ids) == truth["excluded_respondents"]
    codes = study.codes
    dup, orig = truth["problems"]["duplicate_answers"]["respondent"], truth["problems"]["duplicate_answers"]["duplicate_of"]
    assert orig < dup and codes.loc[dup].equals(codes.loc[orig])
    assert study.meta.loc[dup, "ip"] == study.meta.loc[orig, "ip"]
    inv = truth["problems"]["invalid"]
    assert codes.loc[inv["respondent"], inv["item"]] == inv["numeric_export"] == 6
    assert study.text_overrides == {(inv["respondent"], inv["item"]): inv["text_export"]}
    cells = truth["problems"]["partial"]["blank_cells"]
    assert sorted(zip(*np.nonzero(codes.to_numpy() == BLANK))) == sorted(
        (codes.index.get_loc(c["respondent"]), codes.columns.get_loc(c["item"])) for c in cells)
    # the rules as survey.prep.quality states them, recomputed here by hand
    duration = study.meta["duration_s"]
    assert sorted(duration.index[duration < duration.median() / 3]) == sorted(planted["speeder"])
    assert sorted(codes.index[codes["ATTN"] != 4]) == sorted(planted["attention_failed"])
    assert sorted(codes.index[codes.duplicated()]) == planted["duplicate_answers"]


def test_construct_alphas_above_70(study, truth):
    clean = study.codes.loc[study.meta["role"].isin(["ok", "duplicate_original"])].astype(float)
    clean["ST3"] = 6 - clean["ST3"]
    for name, items in {**CONSTRUCT_ITEMS, **OUTCOME_ITEMS}.items():
        x = clean[items].to_numpy()
        k = x.shape[1]
        cov = np.cov(x, rowvar=False)
        alpha = k / (k - 1) * (1 - np.trace(cov) / cov.sum())
        assert alpha > 0.70, name
        recorded = truth["constructs"][name]["sample_alpha"] if name in truth["constructs"] else truth["outcomes"][name]["sample_alpha"]
        assert alpha == pytest.approx(recorded, abs=5e-5)


def test_st3_is_answered_reversed(study):
    clean = study.codes.loc[study.meta["role"] == "ok"]
    assert np.corrcoef(clean["ST1"], clean["ST3"])[0, 1] < -0.4
    assert np.corrcoef(clean["ST1"], clean["ST2"])[0, 1] > 0.4


@pytest.fixture(scope="module")
def loaded() -> dict:
    sv = pytest.importorskip("survey")
    if not hasattr(sv, "load_responses"):
        pytest.skip("survey.io has no load_responses yet")
    q = sv.load_questionnaire("talent_service")
    return {kind: sv.load_responses(sample_export(kind)[0], q, on_invalid="flag") for kind in ("text", "numeric")}


@pytest.mark.parametrize("kind", ["text", "numeric"])
def test_export_loads_and_quality_flags_match_truth(kind, truth, loaded):
    r = loaded[kind]
    assert len(r.data) == truth["n_rows"]
    assert not r.source.unmatched_columns
    assert "ip" in r.personal
    flags = r.quality.flags
    for rule, ids in truth["expected_flags"][f"{kind}_export"].items():
        assert sorted(flags.index[flags[rule]].astype(str)) == sorted(str(i) for i in ids), rule
    clean = r.screen()
    assert len(clean) == truth["n_clean"]
    assert sorted(set(r.data.index) - set(clean.data.index)) == sorted(str(i) for i in truth["excluded_respondents"])


def test_text_and_numeric_exports_agree(loaded):
    text, numeric = loaded["text"], loaded["numeric"]
    diff = (text.data != numeric.data) & ~(text.data.isna() & numeric.data.isna())
    assert int(diff.to_numpy().sum()) == 0
    # the planted cell is missing in both; what was read differs (an unknown label, a 6)
    assert text.invalid[["row", "column", "value"]].values.tolist() == [["42", "LC3", "很满意"]]
    assert numeric.invalid[["row", "column", "value"]].values.tolist() == [["42", "LC3", "6"]]
    # the blank cells are not declared missing codes
    assert numeric.declared_missing.empty and text.declared_missing.empty
