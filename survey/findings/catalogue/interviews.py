"""Interview coding: how often each code was raised."""

TEMPLATES = {
    "zh": {"interviews.top_codes": "在{n_interviewees}位受访者中，提及最多的编码为{codes:each:code:code_sep}。"},
    "en": {"interviews.top_codes": "The codes raised most often were {codes:each:code:code_sep}."},
}

WORDS = {
    "zh": {"code": "{code:id}（{people}人，{segments}处）", "code_sep": "、"},
    "en": {"code": "{code:id} ({people} of {n_interviewees} interviewees, {segments} segments)", "code_sep": ", "},
}
