"""One reader of lavaan-style syntax for cfa, sem and pls_path."""

from __future__ import annotations

import pytest

from survey.errors import AnalysisError
from survey.models.pls import parse_pls_model
from survey.stats.cfa import parse_measurement_model
from survey.stats.model_syntax import parse_syntax


def test_parts_in_order_with_comments_semicolons_and_chinese_names():
    spec = parse_syntax("满意 =~ s1 + s2 # 满意度\n忠诚 =~ l1 + l2; 忠诚 ~ 满意 + x1\ns1 ~~ s2", what="sem")
    assert spec.measurement == {"满意": ["s1", "s2"], "忠诚": ["l1", "l2"]}
    assert spec.regressions == [("满意", "忠诚"), ("x1", "忠诚")]
    assert spec.covariances == [("s1", "s2")]
    assert spec.observed == ["s1", "s2", "l1", "l2", "x1"]


def test_a_latent_may_span_lines_as_in_lavaan():
    assert parse_syntax("F =~ a + b\nF =~ c", what="cfa").measurement == {"F": ["a", "b", "c"]}


def test_modifiers_only_where_allowed():
    spec = parse_syntax("F =~ a + b + c\na ~~ 0*a", what="sem", modifiers=True)
    assert spec.covariances == [("a", "a")] and spec.modified == ["a"]
    with pytest.raises(AnalysisError, match=r"cfa: model line 2: '0\*a' is not a plain name"):
        parse_measurement_model("F =~ a + b + c\na ~~ 0*a")
    with pytest.raises(AnalysisError, match="pls_path: model line 1"):
        parse_pls_model("F =~ 1*a + b")


def test_errors_name_the_method_and_line():
    with pytest.raises(AnalysisError, match="sem: model line 3: cannot read 'F = a'"):
        parse_syntax("G =~ x + y\n\nF = a", what="sem")
    with pytest.raises(AnalysisError, match="cfa: cannot read a regression"):
        parse_measurement_model("F =~ a + b\nF ~ G")
    with pytest.raises(AnalysisError, match="covariances"):
        parse_pls_model("F =~ a + b\na ~~ b")


def test_cfa_and_pls_read_the_same_measurement_model():
    text = "A =~ a1 + a2 + a3\nB =~ b1 + b2"
    assert parse_measurement_model(text)[0] == parse_pls_model(text)[0]


def test_a_model_that_is_not_text_is_a_named_error():
    with pytest.raises(AnalysisError, match="lavaan-style text or a dict, got NoneType"):
        parse_syntax(None, what="sem")
