"""The `survey` command: clear messages and exit codes."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from survey.cli import EXIT_INPUT, app

runner = CliRunner()


def test_validate_bundled_questionnaire():
    result = runner.invoke(app, ["validate", "talent_service"])
    assert result.exit_code == 0, result.output
    assert "ok talent_service" in result.output
    assert "reverse-keyed: ST3" in result.output


def test_validate_reports_every_problem_with_its_line(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: x\ntitle: t\nitems:\n  - id: A1\n    text: a\n    scale: nope\n    colour: red\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(bad)])
    assert result.exit_code == EXIT_INPUT
    assert "line 7" in result.output and "unknown field" in result.output
    assert "Traceback" not in result.output


def test_inspect_bundled_sample_is_a_true_quality_report():
    result = runner.invoke(app, ["inspect"])
    assert result.exit_code == 0, result.output
    for expected in ("600 respondents", "speeder", "straightliner", "LC3", "很满意", "personal data"):
        assert expected in result.output, expected


def test_inspect_in_chinese():
    result = runner.invoke(app, ["inspect", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    assert "答题时间过短" in result.output


def test_inspect_qualtrics_export(real_data):
    result = runner.invoke(app, ["inspect", str(real_data / "qualtrics_export_sample.csv")])
    assert result.exit_code == 0, result.output
    assert "qualtrics" in result.output and "1 respondents" in result.output


def test_inspect_missing_file_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["inspect", str(tmp_path / "nope.csv")])
    assert result.exit_code == EXIT_INPUT
    assert "nope.csv" in result.output and "Traceback" not in result.output


def test_interviews_summary_and_proposals(tmp_path):
    from survey.datasets import talent_services_dir

    folder = talent_services_dir()
    result = runner.invoke(app, ["interviews", "summary", str(folder / "interviews"), "--coding", str(folder / "coding_talent_services.csv"),
                                 "--codebook", "talent_services"])
    assert result.exit_code == 0, result.output
    assert "Krippendorff" in result.output and "Children's schooling" in result.output
    out = tmp_path / "proposals.csv"
    result = runner.invoke(app, ["interviews", "propose", str(folder / "interviews"), "--out", str(out)])
    assert result.exit_code != 0 and "--codebook" in result.output, "no study's codebook is assumed"
    result = runner.invoke(app, ["interviews", "propose", str(folder / "interviews"), "--out", str(out), "--codebook", "talent_services"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8-sig")
    assert "proposed" in text and "confirmed" not in text.split("\n", 1)[1]


def test_interviews_import_and_agreement(tmp_path):
    from survey.datasets import talent_services_dir

    folder = talent_services_dir()
    out = tmp_path / "coding.csv"
    result = runner.invoke(app, ["interviews", "import", str(folder / "coding_talent_services.csv"), "--transcripts", str(folder / "interviews"), "--out", str(out),
                                 "--codebook", "talent_services"])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "2 coder(s)" in result.output
    result = runner.invoke(app, ["interviews", "agreement", str(folder / "interviews"), "--coding", str(out), "--codebook", "talent_services"])
    assert result.exit_code == 0, result.output
    assert "Krippendorff" in result.output and "s_housing" in result.output


def test_interviews_import_names_unknown_codes(tmp_path):
    from survey.datasets import talent_services_dir

    folder = talent_services_dir()
    bad = tmp_path / "bad.csv"
    bad.write_text("segment_id,coder,code\nT01#t4@238-347,A,no_such_code\n", encoding="utf-8")
    result = runner.invoke(app, ["interviews", "import", str(bad), "--transcripts", str(folder / "interviews"), "--out", str(tmp_path / "o.csv"),
                                 "--codebook", "talent_services"])
    assert result.exit_code == EXIT_INPUT
    assert "no_such_code" in result.output and "Traceback" not in result.output


def _other_study(tmp_path):
    """An export of another study: 22 of talent_service's 63 item ids, and 25 columns of its own."""
    from survey.schema import load_questionnaire

    ids = load_questionnaire("talent_service").item_ids[:22]
    columns = ids + [f"x{k}" for k in range(25)]
    rows = [",".join(["序号", *columns])] + [",".join([str(i + 1)] + [str((i + j) % 5 + 1) for j in range(len(columns))]) for i in range(30)]
    path = tmp_path / "other.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def wide(monkeypatch):
    """A console wide enough that no line of the report wraps."""
    import survey.cli as cli

    monkeypatch.setattr(cli.console, "width", 1000)
    monkeypatch.setattr(cli.err_console, "width", 1000)


def _lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.strip()]


def test_inspect_says_when_the_export_belongs_to_another_questionnaire(tmp_path, wide):
    result = runner.invoke(app, ["inspect", str(_other_study(tmp_path)), "-q", "talent_service"])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "41 of 63 items have no column: is this the right questionnaire?" in out
    assert "Quality checks" not in out and "Invalid cells" not in out  # no list of symptoms of the mismatch
    assert "kept in meta (25): " + ", ".join(f"x{k}" for k in range(25)) in out  # every unmatched column, where the report says
    assert "KD_TRAIN" in out and "warning:" not in out  # the missing items listed once, by the report
    assert _lines(out)[-1].startswith("verdict: the export does not fit this questionnaire")


def test_inspect_ends_with_a_verdict(wide):
    result = runner.invoke(app, ["inspect"])
    assert result.exit_code == 0, result.output
    assert _lines(result.output)[-1] == ("verdict: 1 cell(s) do not fit questionnaire talent_service (listed above, set missing); "
                                         "24 of 600 respondents flagged by a check; screening excludes only by the plan's rules.")


def test_inspect_in_chinese_throughout_with_the_reports_numbers(wide):
    from survey.datasets import sample_export, talent_services_dir
    from survey.io import load_responses
    from survey.prep.quality import assess
    from survey.report.plan import load_plan
    from survey.schema import load_questionnaire

    result = runner.invoke(app, ["inspect", "--lang", "zh"])
    assert result.exit_code == 0, result.output
    out = result.output
    for english in ("check", "share", "rule", "Quality checks", "Invalid cells", "rows read", "unknown label", "most missing", "verdict", "personal data"):
        assert english not in out, english
    for chinese in ("检查项", "答题时间过短", "无效单元格", "无法识别的选项文本", "缺失最多的题项", "结论："):
        assert chinese in out, chinese
    # the speeder rule as the report states it: the bundled plan's threshold (0.333), not the default 1/3
    export, name = sample_export()
    screening = load_plan(talent_services_dir() / "plan.yaml").screening
    raw = load_responses(export, load_questionnaire(name), on_invalid="flag")
    rule = assess(raw, speeder_fraction=screening.speeder_fraction).rule("speeder", "zh")
    assert rule.endswith("即137.9秒") and rule in out


def test_inspect_without_a_questionnaire_ends_with_what_to_do_next(tmp_path, wide):
    path = tmp_path / "export.csv"
    path.write_text("id,q1,q2,phone\n00123,5,3,13800138000\n00124,4,2,13900139000\n", encoding="utf-8")
    result = runner.invoke(app, ["inspect", str(path)])
    assert result.exit_code == 0, result.output
    assert _lines(result.output)[-1] == "verdict: 2 respondents × 3 columns read; no questionnaire given: draft one with `survey init`."
    assert "personal data (kept out of reports): phone" in result.output


def _first_look(tmp_path):
    """An xlsx export with what a first look meets: a repeated and an empty header, a column matched by
    question number whose text differs, a date and a duration that are none, an 18-digit id stored as
    a number, a column that matches no item and items without a column."""
    import openpyxl

    q = tmp_path / "q.yaml"
    q.write_text(
        "id: firstlook\ntitle: first look\nscales:\n  sat: {labels: {1: 不满意, 2: 一般, 3: 满意}}\nitems:\n"
        "  - {id: q1, number: 1, text: 您对住房服务满意吗, scale: sat}\n"
        "  - {id: q2, text: 您对子女教育服务满意吗, scale: sat}\n"
        "  - {id: q3, text: 您对医疗服务满意吗, scale: sat}\n",
        encoding="utf-8",
    )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", "submitted_at", "duration_s", "1、您的年龄", "q2", "q2", None, "idcard"])
    ws.append([1, "2026/10/03 12:02:14", "379秒", 1, 2, 3, "x", 110105198503150000.0])
    ws.append([2, "yesterday", "a while", 3, 2, 1, "y", 110105198503150001.0])
    path = tmp_path / "first_look.xlsx"
    wb.save(path)
    return path, q


FIRST_LOOK_EN = (
    "first_look.xlsx: sheet 'Sheet' stores whole numbers of more than 15 digits as numbers (first in H2)",
    "first_look.xlsx: 1 header(s) head more than one column; every column is kept, named by its position: "
    "'q2' (columns 5 and 6) as 'q2 (column 5)', 'q2 (column 6)'",
    "first_look.xlsx: column 7 has no header; it is kept as 'column_7'",
    "1 value(s) of 'submitted_at' are not dates/times; they are left missing in meta",
    "1 distinct value(s) of 'duration_s' are not durations; they are left missing in meta",
    "first_look.xlsx: column '1、您的年龄' matched item 'q1' by question number 1, but its text differs from the questionnaire's",
)


def test_inspect_says_the_loaders_warnings_in_english(tmp_path, wide):
    export, q = _first_look(tmp_path)
    result = runner.invoke(app, ["inspect", str(export), "-q", str(q)])
    assert result.exit_code == 0, result.output
    for english in FIRST_LOOK_EN:
        assert "warning: " + english in result.output, english


def test_inspect_says_the_loaders_warnings_in_chinese(tmp_path, wide):
    export, q = _first_look(tmp_path)
    result = runner.invoke(app, ["inspect", str(export), "-q", str(q), "--lang", "zh"])
    assert result.exit_code == 0, result.output
    out = result.output
    for english in (*FIRST_LOOK_EN, "warning", "head more than", "no header", "not dates", "digits", "matched item"):
        assert english not in out, english
    for chinese in (
        "警告: first_look.xlsx：工作表 'Sheet' 把超过 15 位的整数存成了数字（首见于 H2）",
        "警告: first_look.xlsx：1 个表头各对应不止一列；每一列都保留，按位置命名：'q2'（第 5、6 列）记为 'q2 (column 5)'、'q2 (column 6)'",
        "警告: first_look.xlsx：第 7 列没有表头，保留为 'column_7'",
        "警告: 'submitted_at' 中有 1 个值不是日期/时间，在元数据（meta）中记为缺失",
        "警告: 'duration_s' 中有 1 种取值不是时长，在元数据（meta）中记为缺失",
        "警告: first_look.xlsx：列 '1、您的年龄' 按题号 1 匹配到题目 'q1'，但其文字与问卷不同",
    ):
        assert chinese in out, chinese
