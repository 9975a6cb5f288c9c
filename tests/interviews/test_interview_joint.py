from __future__ import annotations

import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError

KEY = "joint-test-key-123456"


def test_joint_display(transcript_dir):
    ts = sv.load_transcripts(transcript_dir)
    seg = ts.segments
    ids = seg.loc[seg["role"] == "interviewee", "segment_id"].tolist()
    coding = pd.DataFrame(
        {
            "segment_id": [ids[0], ids[0], ids[1], ids[3], ids[4]],
            "coder": ["A", "B", "A", "A", "A"],
            "code": ["p_poor_implementation", "p_poor_implementation", "s_recognition", "p_weak_attraction", "s_research_platform"],
        }
    )
    survey = pd.DataFrame(
        {"mean": [2.8, 3.9, 3.1, 3.6], "ipa_quadrant": ["concentrate here", "keep up", "concentrate here", "keep up"]},
        index=pd.Index(["implementation", "recognition", "attraction", "platform_support"], name="construct"),
    )
    links = {"implementation": ["p_poor_implementation"], "recognition": ["s_recognition"], "attraction": ["p_weak_attraction"], "platform_support": ["p_platform_level"]}
    red = sv.Redactor(key=KEY, names=["张伟"])
    r = sv.joint_display(survey, coding, ts, links=links, codebook="talent_services", merge="union", redactor=red)
    t = r.table
    assert r.threshold == pytest.approx(3.35)
    assert t.loc["implementation", "verdict"] == "convergent"  # weak in both
    assert t.loc["recognition", "verdict"] == "unclear"  # raised, but no problem code and no incidents
    assert t.loc["platform_support", "verdict"] == "silent"
    assert t.loc["implementation", "n_interviewees"] == 1
    assert ids[0] in t.loc["implementation", "quotes"] and "跑了好几趟" in t.loc["implementation", "quotes"]
    assert t["ipa_quadrant"].iloc[0] == "concentrate here"
    assert "implementation" in r.findings()[0]
    with pytest.raises(AnalysisError, match="not in the survey table"):
        sv.joint_display(survey, coding, ts, links={"nope": ["x"]}, merge="union", redactor=red)


def test_joint_with_incidents_divergent(transcript_dir):
    ts = sv.load_transcripts(transcript_dir)
    ids = ts.segments.loc[ts.segments["role"] == "interviewee", "segment_id"].tolist()
    coding = pd.DataFrame({"segment_id": [ids[1]], "coder": ["A"], "code": ["salary"]})
    seq = pd.DataFrame({"sequence_id": [1, 2, 3], "valence": ["high", "low", "low"], "factor": ["achievement", "salary", "salary"]})
    inc = sv.critical_incidents(seq)
    survey = pd.DataFrame({"mean": [4.2, 3.0]}, index=["pay", "achievement"])
    r = sv.joint_display(survey, coding, ts, links={"pay": ["salary"], "achievement": ["achievement"]}, incidents=inc, redactor=sv.Redactor(key=KEY))
    assert r.table.loc["pay", "verdict"] == "divergent"  # survey strong, interviews weak (low sequences)
    assert r.table.loc["achievement", "interview_signal"] == "strong"
    assert r.table.loc["achievement", "verdict"] == "divergent"
    assert len(r.findings("zh")) == 3
