"""Qualtrics CSV exports.

Current layout: three header rows — field ids (``StartDate … ResponseId … Q1, Q2_1``), question
texts in the survey's language, and ``{"ImportId":"QID2_1"}`` JSON (how it is recognised); exports
of 2016–2017 write that row in single quotes, ``{'ImportId': 'QID2-1'}``, and name the id ``ResponseID``.
Legacy layout: UTF-8 with BOM, two header rows, the system columns named ``V1…V10`` in the first
row and ``ResponseID, ResponseSet, Name, …`` in the second. Multiple answers in one cell are
comma-separated. IP address, location, names and e-mails are personal data.
"""

from __future__ import annotations

import re

from .layout import Layout
from .normalize import clean

__all__ = ["QUALTRICS_META", "is_current", "is_legacy", "layout"]

#: Qualtrics field ids (both layouts) -> standard metadata names
QUALTRICS_META = {
    "StartDate": "started_at",
    "EndDate": "submitted_at",
    "RecordedDate": "recorded_at",
    "Status": "status",
    "IPAddress": "ip",
    "Progress": "progress",
    "Duration (in seconds)": "duration_s",
    "Finished": "finished",
    "ResponseId": "respondent_id",
    "ResponseID": "respondent_id",
    "ResponseSet": "response_set",
    "Name": "respondent_name",
    "RecipientLastName": "recipient_last_name",
    "RecipientFirstName": "recipient_first_name",
    "RecipientEmail": "email",
    "EmailAddress": "email",
    "ExternalReference": "external_reference",
    "ExternalDataReference": "external_reference",
    "LocationLatitude": "location_latitude",
    "LocationLongitude": "location_longitude",
    "LocationAccuracy": "location_accuracy",
    "DistributionChannel": "channel",
    "UserLanguage": "language",
}


_IMPORT_ID = re.compile(r"""^\{\s*["']ImportId["']\s*:""")


def is_current(records: list[list[str]]) -> bool:
    """Three header rows, the third of ImportId objects (``{"ImportId":"QID1"}`` or ``{'ImportId': 'QID1'}``)."""
    return len(records) >= 3 and any(_IMPORT_ID.match(clean(c)) for c in records[2])


def is_legacy(records: list[list[str]]) -> bool:
    """First row ``V1, V2, …``, second row ``ResponseID, …``."""
    if len(records) < 2 or len(records[0]) < 2:
        return False
    first = [clean(c) for c in records[0][:2]]
    return first == ["V1", "V2"] and clean(records[1][0]) in ("ResponseID", "ResponseId")


def layout(records: list[list[str]], *, legacy: bool) -> Layout:
    row1 = [clean(c) for c in records[0]]
    row2 = [clean(c) for c in records[1]] if len(records) > 1 else list(row1)
    row2 += [""] * (len(row1) - len(row2))
    if legacy:
        names = [row2[k] if n.startswith("V") and n[1:].isdigit() and row2[k] else n for k, n in enumerate(row1)]
        n_header = 2
    else:
        names = list(row1)
        n_header = 3
    meta = {name: QUALTRICS_META[name] for name in names if name in QUALTRICS_META}
    id_column = next((c for c, s in meta.items() if s == "respondent_id"), None)
    return Layout(
        format="qualtrics_legacy" if legacy else "qualtrics",
        n_header=n_header,
        names=names,
        texts=row2,
        meta=meta,
        id_column=id_column,
        multi_separators=(",",),
        rank_separators=(",",),
    )
