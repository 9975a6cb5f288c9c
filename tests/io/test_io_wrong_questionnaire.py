"""Loading an export against a questionnaire that matches none of its columns is an error, not empty data."""

from __future__ import annotations

import pytest

import survey as sv


def test_export_with_the_wrong_questionnaire_is_an_error(real_data):
    q = sv.load_questionnaire("talent_service")
    with pytest.raises(sv.ResponseDataError, match="no column matches an item of questionnaire 'talent_service'"):
        sv.load_responses(real_data / "qualtrics_export_sample.csv", q)
