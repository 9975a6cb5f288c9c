"""Drafting an analysis plan from a questionnaire (``survey plan``): the standard empirical chapter,
every option written out with a comment, so that the user edits instead of writes.

What goes in: the sample profile (demographic items), reliability and validity (the constructs),
construct descriptives, group differences by each categorical demographic, correlations, and a
regression of the construct marked ``role: outcome`` on the others (commented out when none is
marked). Sections that cannot run on this questionnaire are written commented out, with the reason.
"""

from __future__ import annotations

import json
import re

from ..prep.quality import DEFAULT_PARTIAL_THRESHOLD, DEFAULT_SPEEDER_FRACTION, DEFAULT_STRAIGHTLINE_MIN_ITEMS
from ..schema.model import Questionnaire

__all__ = ["draft_plan"]

_MEASURED_SKIP = ("demographic", "attention_check", "kano", "importance")
_CJK = re.compile(r"[\u4e00-\u9fff]")


def _q(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)


def _ids(values) -> str:
    return "[" + ", ".join(_q(v) for v in values) + "]"


def _language(q: Questionnaire) -> str:
    texts = [q.title.get("zh")] + [i.text.get("zh") for i in q.items]
    return "zh" if any(_CJK.search(t or "") for t in texts) else "en"


def draft_plan(questionnaire: Questionnaire, *, questionnaire_path: str, data: str, format: str = "auto") -> str:
    """The YAML text of a plan for ``questionnaire`` (paths as the plan file should see them).

    Examples
    --------
    >>> from survey.schema import load_questionnaire
    >>> text = draft_plan(load_questionnaire("talent_service"), questionnaire_path="talent_service", data="export.xlsx")
    >>> "group_differences:" in text and "regression:" in text
    True
    """
    q = questionnaire
    lang = _language(q)
    out = [
        f"# Drafted by `survey plan` from {questionnaire_path}: the standard empirical chapter. Edit, then `survey run` it.",
        "# Every option is written out with its choices; docs/plan.md is the reference.",
        f"title: {{zh: {_q(q.title.get('zh'))}, en: {_q(q.title.get('en'))}}}",
        "study_type: general         # general: neutral wording (描述性统计); policy: a 现状–问题–对策 study (现状分析)",
        f"questionnaire: {_q(questionnaire_path)}",
        f"data: {_q(data)}                 # the export, relative to this plan; `survey run --data` overrides it",
        f"format: {format}              # auto, csv, tsv, xlsx, xls, sav, wjx_text, wjx_numeric, qualtrics, qualtrics_legacy",
        "on_invalid: flag            # flag: cells that do not fit are listed and the respondent is excluded by the rule `invalid`; raise: stop",
        f"language: {lang}                # zh, en or both",
        f"style: {'gb' if lang == 'zh' else 'apa'}                   # gb (Chinese thesis: 0.xxx, three-line tables) or apa",
        "chapter: 4                  # chapter number of the headings",
        "seed: 2026                  # every random step (bootstraps, parallel analysis) uses it",
        "outputs: [md, html, docx, tex, xlsx]",
        "screening:                  # each rule is on unless set false; the ledger counts every exclusion",
        "  duplicate_id: true",
        "  duplicate_answers: true",
        "  invalid: true",
        "  partial: true",
        "  attention_failed: true",
        "  speeder: true",
        "  straightliner: true",
        f"  speeder_fraction: {DEFAULT_SPEEDER_FRACTION!r}    # a speeder answers faster than this share of the median time",
        "  speeder_seconds: null       # or a fixed number of seconds instead",
        f"  partial_threshold: {DEFAULT_PARTIAL_THRESHOLD!r}      # share of the required items a complete response answers",
        f"  straightline_min_items: {DEFAULT_STRAIGHTLINE_MIN_ITEMS!r}   # smallest block of Likert items checked for identical answers",
        "  straightline_scope: all     # all: identical in every answered block; any: in one block",
    ]
    analyses = _analyses(q)
    active = any(not line.lstrip().startswith("#") for line in analyses)
    lines = out + ["analyses:" if active else "analyses: {}  # nothing yet: see below"] + analyses
    return "\n".join(_aligned(line) for line in lines) + "\n"


def _aligned(line: str, width: int = 30) -> str:
    """A line with its trailing comment moved to one column."""
    code, sep, comment = line.partition("  # ")
    if not sep or not code.strip() or code.lstrip().startswith("#"):
        return line
    return f"{code.rstrip():<{width}} # {comment}"


def _analyses(q: Questionnaire) -> list[str]:
    """The ``analyses:`` entries, active or commented out with the reason."""
    constructs = [c.id for c in q.constructs if c.role not in _MEASURED_SKIP and len(c.items) >= 2]
    outcomes = [c for c in constructs if q.construct(c).role == "outcome"]
    demographics = [i.id for i in q.items_with_role("demographic")]
    groups = [i.id for i in q.items_with_role("demographic") if i.type == "single"]
    out: list[str] = []
    if demographics:
        out += [f"  sample_profile:            # demographics: {', '.join(demographics)}", "    suppress_below: null      # hide cells with fewer respondents (e.g. 5)"]
    else:
        out.append("  # sample_profile: {}       # no item has role: demographic")
    if constructs:
        out += [
            f"  reliability:               # Cronbach's alpha and omega of {', '.join(constructs)}",
            "    ci_level: 0.95",
            "    item_analysis: true      # critical ratio and corrected item-total r of every item",
            "  validity:                  # KMO, Bartlett, EFA with parallel analysis; CFA with CR, AVE, HTMT",
            "    efa: true",
            f"    cfa: {'true' if len(constructs) >= 2 else 'false'}                 # needs two or more constructs",
            "    rotation: varimax        # varimax, promax, oblimin, quartimax or none",
            "    method: minres           # minres, pa, ml or pc",
            "    instruments: null        # groups of constructs factor-analysed together, e.g. [[a, b], [c]]; default: each scale alone, hygiene + motivator together",
            "  descriptives:              # construct scores, and the answers on each response scale",
            "    pomp: false              # true: also the means on 0-100 (POMP), to compare scales of different ranges",
        ]
        if groups:
            out += [
                "  group_differences:",
                f"    by: {_ids(groups)}",
                f"    constructs: {_ids(constructs)}",
                "    test: auto               # auto (by normality and equal variances), student, welch, mann_whitney, anova, welch_anova, kruskal",
                "    post_hoc: null           # tukey, games_howell or dunn",
                "    p_adjust: holm           # holm, bonferroni, hochberg, fdr_bh, fdr_by",
            ]
        else:
            out.append("  # group_differences: {by: [...]}   # no single-choice demographic item to group by")
        if len(constructs) >= 2:
            out += ["  correlation:", "    method: pearson          # pearson or spearman", f"    constructs: {_ids(constructs)}"]
        else:
            out.append("  # correlation: {}          # needs two or more constructs")
        if outcomes:
            predictors = [c for c in constructs if c not in outcomes]
            out += ["  regression:", f"    outcome: {_q(outcomes[0])}", f"    predictors: {_ids(predictors)}",
                    "    blocks: null             # or steps, e.g. [[gender, age], [construct_a, construct_b]]"]
        else:
            out.append(f"  # regression: {{outcome: ..., predictors: {_ids(constructs)}}}   # mark a construct role: outcome in the questionnaire")
    else:
        out.append("  # reliability, validity, descriptives, group_differences, correlation: the questionnaire has no multi-item construct")
    return out
