"""The `survey` command: clear messages and exit codes."""

from __future__ import annotations

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
