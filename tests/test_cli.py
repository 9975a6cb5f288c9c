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
