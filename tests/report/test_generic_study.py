"""The report runner on a small study that is not the flagship: a teaching-evaluation survey whose
constructs carry no two-factor role (no hygiene, no motivator)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from survey.report.runner import run_plan

QUESTIONNAIRE = """\
id: course_eval
title: {zh: 课程评价, en: Course evaluation}
scales:
  agree:
    labels: {1: 完全不同意, 2: 不同意, 3: 一般, 4: 同意, 5: 完全同意}
  sex:
    labels: {1: 男, 2: 女}
items:
  - {id: T1, text: {zh: 讲解清楚, en: Clear explanations}, scale: agree}
  - {id: T2, text: {zh: 节奏合适, en: Good pace}, scale: agree}
  - {id: T3, text: {zh: 答疑及时, en: Timely answers}, scale: agree}
  - {id: W1, text: {zh: 作业量合适, en: Fair workload}, scale: agree}
  - {id: W2, text: {zh: 作业有帮助, en: Useful homework}, scale: agree}
  - {id: sex, text: {zh: 性别, en: Sex}, scale: sex, role: demographic}
constructs:
  - {id: teaching, name: {zh: 教学, en: Teaching}, items: [T1, T2, T3]}
  - {id: workload, name: {zh: 作业, en: Workload}, items: [W1, W2]}
"""


def _study(folder: Path, *, lang: str = "en") -> Path:
    rng = np.random.default_rng(11)
    n = 60
    base = rng.integers(2, 5, size=n)
    data = pd.DataFrame({"id": [f"r{i:03d}" for i in range(n)]})
    for item, shift in (("T1", 0), ("T2", 0), ("T3", 1), ("W1", -1), ("W2", -1)):
        data[item] = np.clip(base + shift + rng.integers(-1, 2, size=n), 1, 5)
    data["sex"] = rng.integers(1, 3, size=n)
    folder.mkdir(parents=True, exist_ok=True)
    data.to_csv(folder / "data.csv", index=False)
    (folder / "course_eval.yaml").write_text(QUESTIONNAIRE, encoding="utf-8")
    (folder / "plan.yaml").write_text(
        f"title: t\nquestionnaire: course_eval.yaml\ndata: data.csv\nlanguage: {lang}\nstyle: apa\nseed: 3\n"
        "outputs: [md]\nanalyses:\n  descriptives: {}\n",
        encoding="utf-8",
    )
    return folder / "plan.yaml"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_descriptives_describe_every_multi_item_construct_without_two_factor_roles(tmp_path, lang):
    out = tmp_path / "study" / "out"  # beside the data, as docs/own_data.md runs it
    res = run_plan(_study(tmp_path / "study", lang=lang), out)
    assert res.skipped == ()
    frame = res.context.results["descriptives"].to_frame()
    assert frame["variable"].tolist() == ["teaching", "workload"]
    data = res.context.clean.data  # after the default screening (straight-liners)
    assert 0 < res.n_used <= res.n_input == 60
    expected = [data[["T1", "T2", "T3"]].mean(axis=1).mean(), data[["W1", "W2"]].mean(axis=1).mean()]
    assert frame["mean"].tolist() == pytest.approx(expected, abs=1e-12)
    md = (out / "report.md").read_text(encoding="utf-8")
    assert (out / "figures" / "likert.png").is_file()
    # the scale's own end labels (this scale has Chinese labels only), not a satisfaction scale
    assert ("(1 = 完全不同意, 5 = 完全同意)" if lang == "en" else "（1 = 完全不同意，5 = 完全同意）") in md
    assert "satisf" not in md and "满意" not in md


def test_a_two_language_run_repeated_into_its_folder_replaces_only_its_own_files(tmp_path):
    import warnings

    from survey.report.manifest import load_manifest, verify_manifest

    plan = _study(tmp_path / "study", lang="both")
    out = tmp_path / "out"
    first = run_plan(plan, out)
    (out / "my_notes.md").write_text("keep me", encoding="utf-8")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        second = run_plan(plan, out)
    assert [str(w.message) for w in caught if "did not write" in str(w.message)], "the user's file is reported"
    manifest = load_manifest(out)
    assert [f["path"] for f in manifest["kept"]] == ["my_notes.md"]
    assert sorted(f["path"] for f in manifest["files"]) == sorted(second.files) == sorted(first.files)
    assert {"report.zh.md", "report.en.md", "figures/zh/likert.png", "figures/en/likert.png"} <= set(second.files)
    assert verify_manifest(out) == [] and (out / "my_notes.md").read_text(encoding="utf-8") == "keep me"
