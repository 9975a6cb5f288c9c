"""SPSS files in the layouts real exports have, written with pyreadstat (no real respondents).

``generic_sav``: a numeric respondent id ``id``, a two-label variable without a measure, Likert
items with a declared missing code, a date, a datetime, a time of day and a string variable.
``qualtrics_sav``: the system variables of a Qualtrics SPSS export (dates as DATETIME, ``Status``
and ``Finished`` with value labels, ``IPAddress``, ``ResponseId`` and location as strings) before
the questions.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyreadstat

AGREE = {1.0: "Strongly disagree", 2.0: "Disagree", 3.0: "Neither", 4.0: "Agree", 5.0: "Strongly agree", 9.0: "Not answered"}
ANSWERS = [[1, 2, 3], [2, 3, 4], [3, 4, 5], [4, 5, 1], [5, 1, 2], [1, 3, 5]]


def generic_sav(path: Path) -> Path:
    n = len(ANSWERS)
    frame = pd.DataFrame(
        {
            "id": [float(101 + k) for k in range(n)],
            "sex": [1.0, 2.0, 1.0, 2.0, 2.0, 1.0],
            "q1": [float(a[0]) for a in ANSWERS],
            "q2": [float(a[1]) for a in ANSWERS],
            "q3": [float(a[2]) for a in ANSWERS],
            "dob": [dt.date(1990 + k, 1 + k, 2) for k in range(n)],
            "interviewed": pd.to_datetime([f"2024-03-0{1 + k} 09:1{k}:00" for k in range(n)]),
            "start_time": [dt.time(9, 10 + k) for k in range(n)],
            "comment": ["good", "", "too long", "ok", "", "fine"],
        }
    )
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={"id": "Respondent", "sex": "Sex", "q1": "I like it", "q2": "I use it", "q3": "I recommend it",
                       "dob": "Date of birth", "interviewed": "Interview", "start_time": "Start time", "comment": "Comments"},
        variable_value_labels={"sex": {1.0: "male", 2.0: "female"}, "q1": AGREE, "q2": AGREE, "q3": AGREE},
        missing_ranges={"q1": [9.0], "q2": [9.0], "q3": [9.0]},
    )
    return path


def qualtrics_sav(path: Path) -> Path:
    n = len(ANSWERS)
    starts = pd.to_datetime([f"2024-05-0{1 + k} 10:00:00" for k in range(n)])
    frame = pd.DataFrame(
        {
            "StartDate": starts,
            "EndDate": starts + pd.to_timedelta([300, 240, 180, 600, 420, 30], unit="s"),
            "Status": [0.0] * n,
            "IPAddress": [f"192.0.2.{10 + k}" for k in range(n)],
            "Progress": [100.0] * (n - 1) + [40.0],
            "Duration__in_seconds_": [300.0, 240.0, 180.0, 600.0, 420.0, 30.0],
            "Finished": [1.0] * (n - 1) + [0.0],
            "RecordedDate": starts + pd.to_timedelta([301, 241, 181, 601, 421, 31], unit="s"),
            "ResponseId": [f"R_{c}xYz" for c in "abcdef"],
            "LocationLatitude": ["47.1151", "48.2082", "46.9480", "47.3769", "46.2044", "47.5596"],
            "LocationLongitude": ["7.2316", "16.3738", "7.4474", "8.5417", "6.1432", "7.5886"],
            "DistributionChannel": ["anonymous"] * n,
            "UserLanguage": ["EN"] * n,
            "Q1": [float(a[0]) for a in ANSWERS],
            "Q2": [1.0, 0.0, 1.0, 1.0, 0.0, 1.0],
            "Q3": ["more parking", "", "", "longer hours", "", ""],
        }
    )
    pyreadstat.write_sav(
        frame,
        str(path),
        column_labels={"StartDate": "Start Date", "EndDate": "End Date", "Status": "Response Type", "IPAddress": "IP Address",
                       "Progress": "Progress", "Duration__in_seconds_": "Duration (in seconds)", "Finished": "Finished",
                       "RecordedDate": "Recorded Date", "ResponseId": "Response ID", "LocationLatitude": "Location Latitude",
                       "LocationLongitude": "Location Longitude", "DistributionChannel": "Distribution Channel",
                       "UserLanguage": "User Language", "Q1": "How satisfied are you?", "Q2": "Would you come again?",
                       "Q3": "What should change?"},
        variable_value_labels={
            "Status": {0.0: "IP Address", 1.0: "Survey Preview", 2.0: "Survey Test", 4.0: "Imported", 8.0: "Spam"},
            "Finished": {0.0: "False", 1.0: "True"},
            "Q1": {1.0: "Very dissatisfied", 2.0: "Dissatisfied", 3.0: "Neutral", 4.0: "Satisfied", 5.0: "Very satisfied"},
            "Q2": {0.0: "No", 1.0: "Yes"},
        },
        variable_measure={"Q1": "ordinal", "Q2": "scale"},
    )
    return path
