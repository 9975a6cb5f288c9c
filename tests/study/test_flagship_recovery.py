"""The flagship study end to end: `survey run` on the bundled export recovers the planted truth.

The truth is written by the seeded generator (analysis/talent_services/truth.yaml): every planted
data problem, every hygiene / motivator / performance class, the Kano categories and the IPA
priority quadrant. The report's tables and sentences must say what was planted.
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pytest
import yaml

from survey.report.manifest import sha256_file
from survey.report.runner import run_plan

pytestmark = pytest.mark.slow  # end to end; `python -m pytest -m "not slow"` leaves it out

REPO = Path(__file__).resolve().parents[2]
PLAN = REPO / "analysis" / "talent_services" / "plan.yaml"
TRUTH = yaml.safe_load((REPO / "analysis" / "talent_services" / "truth.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def run(tmp_path_factory):
    out = tmp_path_factory.mktemp("talent_services")
    return run_plan(PLAN, out)


def test_report_files_and_manifest(run):
    out = run.out_dir
    for name in ("report.md", "report.html", "report.docx", "report.tex", "tables/tables.xlsx", "manifest.json"):
        assert (out / name).is_file(), name
    assert len(list((out / "figures").glob("*.png"))) >= 5
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    listed = {f["path"]: f["sha256"] for f in manifest["files"]}
    on_disk = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and p.name != "manifest.json"}
    assert set(listed) == on_disk
    for rel, digest in listed.items():
        assert sha256_file(out / rel) == digest
    assert manifest["seed"] == 2026
    excluded = [r for e in manifest["ledger"] if e["step"] == "exclude" for r in e["respondents"]]
    assert sorted(map(int, excluded)) == TRUTH["excluded_respondents"]


def test_excluded_respondents_are_exactly_the_planted_ones(run):
    assert run.n_input == TRUTH["n_rows"] and run.n_used == TRUTH["n_clean"]
    excluded = [r for e in run.context.clean.ledger if e.step == "exclude" for r in e.respondents]
    assert sorted(int(r) for r in excluded) == TRUTH["excluded_respondents"]


def test_every_service_class_is_recovered(run):
    prca = run.context.results["prca"].to_frame().set_index("attribute")
    for construct, truth in TRUTH["constructs"].items():
        assert prca.loc[construct, "class"] == truth["planted_class"], construct


def test_kano_categories_are_recovered(run):
    kano = run.context.results["kano"].to_frame().set_index("attribute")
    for attribute, truth in TRUTH["kano"].items():
        assert kano.loc[attribute, "category"] == truth["category"], attribute


def test_ipa_priority_quadrant_is_recovered(run):
    ipa = run.context.results["ipa"].to_frame().set_index("attribute")
    assert sorted(ipa.index[ipa["quadrant"] == "concentrate"]) == sorted(TRUTH["ipa"]["concentrate_here"])
    for construct, quadrant in TRUTH["ipa"]["quadrants_data_centre"].items():
        assert ipa.loc[construct, "quadrant"] == quadrant, construct


def test_reliabilities_pass_the_threshold(run):
    rel = run.context.results["reliability"].to_frame()
    assert (rel["alpha"] > 0.70).all()
    for construct, truth in TRUTH["constructs"].items():
        assert rel.loc[construct, "alpha"] == pytest.approx(truth["sample_alpha"], abs=5e-5)


def test_the_report_says_what_was_planted(run):
    text = (run.out_dir / "report.md").read_text(encoding="utf-8")
    assert "有效问卷576份" in text
    for construct, truth in TRUTH["constructs"].items():
        name = run.context.construct_label(construct)
        expected = {"basic": "基本型", "excitement": "兴奋型", "performance": "绩效型"}[truth["planted_class"]]
        assert re.search(f"{re.escape(name)}属于{expected}", text), (name, expected)
    for construct in TRUTH["ipa"]["concentrate_here"]:
        assert f"“{run.context.construct_label(construct)}”重要性高而满意度低" in text


def test_the_report_shows_no_personal_data(run):
    ips = [str(v).split("(")[0] for v in run.context.raw.meta["ip"].dropna()]
    for name in ("report.md", "report.html", "report.tex"):
        text = (run.out_dir / name).read_text(encoding="utf-8")
        assert not any(ip in text for ip in ips[:50]), name


def test_same_plan_and_seed_give_identical_tables(run, tmp_path):
    again = run_plan(PLAN, tmp_path / "again")
    first = {p.relative_to(run.out_dir): p.read_bytes() for p in (run.out_dir / "tables").glob("*.csv")}
    second = {p.relative_to(again.out_dir): p.read_bytes() for p in (again.out_dir / "tables").glob("*.csv")}
    assert first.keys() == second.keys() and len(first) > 10
    assert [k for k in first if first[k] != second[k]] == []
    assert (run.out_dir / "report.md").read_bytes() == (again.out_dir / "report.md").read_bytes()


def test_english_plan_in_apa_style(tmp_path):
    res = run_plan(REPO / "analysis" / "talent_services" / "plan.en.yaml", tmp_path / "en")
    text = (res.out_dir / "report.md").read_text(encoding="utf-8")
    assert "**Table 1**" in text and "*Data quality checks*" in text
    reliability = text.split("### Reliability", 1)[1].split("### ", 1)[0]
    assert "p < .001" in text and re.search(r"\|\s+\.8\d\s+\|", reliability), "APA: alpha without a leading zero"
    assert "acts as a basic (dissatisfier) factor" in text
    assert not re.search(r"[\u4e00-\u9fff]{4,}", text.split("### Interview", 1)[0]), "Chinese text in the English report"


def test_planted_group_differences_survive_holm_and_nothing_else(run):
    import survey as sv

    keys = [k for k in run.context.results if k.startswith("groups:")]
    p = [run.context.results[k].to_frame().iloc[0]["p_value"] for k in keys]
    adjusted = sv.adjust_p(p, method="holm")
    kept = sorted(tuple(k.split(":")[1:]) for k, q in zip(keys, adjusted) if q < 0.05)
    planted = sorted((g["by"], g["construct"]) for g in TRUTH["group_differences"] if g["planted_d"] > 0)
    assert kept == planted


def test_interview_names_and_the_pseudonym_key_stay_out_of_every_output(run):
    folder = REPO / "survey" / "datasets" / "talent_services"
    lists = yaml.safe_load((folder / "redaction.yaml").read_text(encoding="utf-8"))
    key = (folder / "redaction.key").read_text(encoding="utf-8").strip()
    texts = {p.name: p.read_text(encoding="utf-8", errors="ignore") for p in run.out_dir.rglob("*") if p.suffix in (".md", ".html", ".tex", ".csv", ".json")}
    with zipfile.ZipFile(run.out_dir / "report.docx") as docx:
        texts["report.docx"] = docx.read("word/document.xml").decode("utf-8")
    assert "report.md" in texts and any(name.endswith(".csv") for name in texts)
    for name, text in texts.items():
        assert key not in text, name
        leaked = [person for person in lists["names"] if person in text]
        assert not leaked, (name, leaked)
