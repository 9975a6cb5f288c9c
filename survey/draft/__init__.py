"""Drafting a questionnaire from an export (``survey init``): the loaders read the export, and the
drafter proposes items, scales, blocks and roles for a person to confirm. It sits above the loaders
(it reads with them) and below the statistics.
"""

from .questionnaire import DraftQuestionnaire, draft_questionnaire

__all__ = ["DraftQuestionnaire", "draft_questionnaire"]
