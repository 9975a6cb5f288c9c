"""Public names of the descriptives / group-difference / association modules (re-exported).

``survey/stats/__init__.py`` star-imports this module; each name lives in its own topic module.
"""

from __future__ import annotations

from .correlation import CorrelationResult, correlations
from .crosstabs import CrosstabResult, crosstab
from .descriptives import (
    DescriptivesResult,
    LikertDistributionResult,
    SampleProfileResult,
    descriptives,
    likert_distribution,
    sample_profile,
)
from .groups import GroupComparisonResult, anova, compare_groups, kruskal, mann_whitney, post_hoc, t_test, welch_anova, welch_t_test
from .logistic import LogisticRegressionResult, OrdinalRegressionResult, logistic_regression, ordinal_regression
from .multiple import adjust_p
from .multiple_response import MultipleResponseResult, multiple_response
from .mediation import MediationResult, ModerationResult, mediation, moderation
from .regression import RegressionResult, regression

__all__ = [
    "adjust_p",
    "CorrelationResult",
    "CrosstabResult",
    "DescriptivesResult",
    "GroupComparisonResult",
    "LikertDistributionResult",
    "LogisticRegressionResult",
    "MediationResult",
    "ModerationResult",
    "MultipleResponseResult",
    "OrdinalRegressionResult",
    "RegressionResult",
    "SampleProfileResult",
    "compare_groups",
    "t_test",
    "welch_t_test",
    "mann_whitney",
    "anova",
    "welch_anova",
    "kruskal",
    "post_hoc",
    "correlations",
    "crosstab",
    "descriptives",
    "likert_distribution",
    "logistic_regression",
    "mediation",
    "moderation",
    "multiple_response",
    "ordinal_regression",
    "regression",
    "sample_profile",
]
