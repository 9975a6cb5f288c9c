"""Personal data planted in the interviews never reaches a report: quotes, the joint display, the
tables built from the attribute file, every format (md, html, tex, docx, xlsx, csv, manifest)."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from survey.datasets import talent_services_dir
from survey.errors import QuestionnaireError, SurveyError
from survey.interviews import Redactor, load_redaction_lists
from survey.report.runner import run_plan

LINKS = """\
  links:
    policy_admin: [p_unclear_responsibilities, p_weak_staffing, p_poor_implementation, p_platform_level]
    subsidy_housing: [s_subsidies, s_housing]
    innovation_platform: [s_research_platform]
"""
# same-length replacements keep the coded segments' character offsets valid
PLANTS = {
    "T08.txt": ("我们这里的补贴力度不够，比不上人家", "ｚｗ＠ｅｘａｍｐｌｅ．ｃｏｍ张 伟"),  # quoted in the joint display
    "T12.txt": ("最后只能自己托关系找学校，", "139.7801.1387"),
    "T07.txt": ("样机第一次测试就成功了，", "0816 2345678"),
}


def _study(tmp_path: Path, *, redaction: str | None = None) -> Path:
    bundled = talent_services_dir()
    folder = tmp_path / "study"
    shutil.copytree(bundled / "interviews", folder / "interviews")
    for name, (old, new) in PLANTS.items():
        path = folder / "interviews" / name
        text = path.read_text(encoding="utf-8")
        assert old in text and len(old) == len(new)
        path.write_text(text.replace(old, new), encoding="utf-8")
    # an attribute table whose first grouping column holds the interviewees' employers (listed for redaction)
    rows = ["interviewee,employer,gender"] + [
        f"T{i:02d},{'绵州理工大学' if i % 2 else '市中心医院'},{'男' if i % 3 else '女'}" for i in range(1, 15)
    ]
    (folder / "people.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    if redaction is not None:
        (folder / "redaction.yaml").write_text(redaction, encoding="utf-8")
    red = folder / "redaction.yaml" if redaction is not None else bundled / "redaction.yaml"
    (folder / "plan.yaml").write_text(
        f"title: t\nquestionnaire: talent_service\ndata: {bundled / 'wjx_text.xlsx'}\nformat: wjx_text\non_invalid: flag\n"
        f"language: zh\nseed: 1\ninterviews:\n  transcripts: interviews\n  codebook: talent_services\n  coding: {bundled / 'coding_talent_services.csv'}\n"
        f"  attributes: people.csv\n  redaction: {red}\n  key_file: {bundled / 'redaction.key'}\n{LINKS}"
        "analyses:\n  interviews: {quotes_per_code: 1}\n",
        encoding="utf-8",
    )
    return folder / "plan.yaml"


def _texts(out: Path) -> dict[str, str]:
    texts = {}
    for p in out.rglob("*"):
        if p.suffix in (".md", ".html", ".tex", ".csv", ".json"):
            texts[p.relative_to(out).as_posix()] = p.read_text(encoding="utf-8", errors="ignore")
        elif p.suffix in (".docx", ".xlsx"):
            with zipfile.ZipFile(p) as z:
                texts[p.name] = "".join(z.read(n).decode("utf-8", errors="ignore") for n in z.namelist() if n.endswith(".xml"))
    return texts


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("privacy")
    return run_plan(_study(tmp), tmp / "out")


def test_planted_personal_data_reaches_no_output(report):
    texts = _texts(report.out_dir)
    assert {"report.md", "report.html", "report.tex", "report.docx", "tables.xlsx", "tables/joint.csv", "tables/quotes.csv"} <= set(texts)
    secrets = ["ｚｗ＠ｅｘａｍｐｌｅ", "zw@example", "张 伟", "139.7801.1387", "0816 2345678", "绵州理工大学", "市中心医院"]
    for name, text in texts.items():
        leaked = [s for s in secrets if s in text]
        assert not leaked, (name, leaked)


def test_planted_data_was_quoted_as_pseudonyms(report):
    bundled = talent_services_dir()
    lists = load_redaction_lists(bundled / "redaction.yaml")
    red = Redactor(key=(bundled / "redaction.key").read_bytes().strip(), names=lists.names, employers=lists.employers)
    md = (report.out_dir / "report.md").read_text(encoding="utf-8").replace("\\[", "[").replace("\\]", "]")
    for pseudonym in (red.pseudonym("EMAIL", "zw@example.com"), red.pseudonym("PERSON", "张伟"), red.pseudonym("EMPLOYER", "绵州理工大学")):
        assert pseudonym in md, pseudonym
    joint = (report.out_dir / "tables" / "joint.csv").read_text(encoding="utf-8-sig")
    assert red.pseudonym("EMAIL", "zw@example.com") in joint


@pytest.mark.parametrize(
    "lists, problem",
    [
        ("names: [张伟]\nnames: [何永刚]\n", "line 2: duplicate key 'names'"),
        ("name: [张伟]\nemployers: [绵州理工大学]\n", "line 1 at name: unknown field"),
        ("names: 张伟\n", "line 1 at names: Value error, expected a list of names"),
    ],
)
def test_a_lenient_redaction_list_stops_the_run(tmp_path, lists, problem):
    with pytest.raises(QuestionnaireError) as info:
        run_plan(_study(tmp_path, redaction=lists), tmp_path / "out")
    assert any(problem in str(p) for p in info.value.problems), info.value.problems
    assert not (tmp_path / "out").exists()


def test_output_folder_inside_the_transcripts_folder_is_refused(tmp_path):
    plan = _study(tmp_path)
    for out, why in ((plan.parent / "interviews" / "report", "lies inside the input folder"), (plan.parent / "interviews", "is the input folder")):
        with pytest.raises(SurveyError, match=f"overlaps the inputs.*{why}"):
            run_plan(plan, out)
        assert not out.exists() or sorted(p.name for p in out.iterdir()) == sorted(f"T{i:02d}.txt" for i in range(1, 15))


def test_output_folder_holding_an_input_folder_or_file_is_refused(tmp_path):
    plan = _study(tmp_path)
    with pytest.raises(SurveyError, match="overlaps the inputs"):
        run_plan(plan, plan.parent)  # holds the transcripts folder, the plan and the attribute table
    key_inside = tmp_path / "out"
    key_inside.mkdir()
    key = key_inside / "redaction.key"
    shutil.copy(talent_services_dir() / "redaction.key", key)
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace(f"key_file: {talent_services_dir() / 'redaction.key'}", f"key_file: {key}"), encoding="utf-8")
    with pytest.raises(SurveyError, match="redaction.key.*lies inside it"):
        run_plan(plan, key_inside)
