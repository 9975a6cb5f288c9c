"""Statistics: psychometrics (item analysis, reliability, validity) and group differences,
correlation and regression."""

from .differences import *  # noqa: F401,F403
from .differences import __all__ as _differences
from .psychometrics import *  # noqa: F401,F403
from .psychometrics import __all__ as _psychometrics
from ..errors import ImputationWarning
from .imputation import ImputationResult, impute
from .missing import LittleMCARResult, MissingPatternsResult, little_mcar, missing_patterns
from .pooling import PooledResult, pool
from .process import ProcessResult, process
from .higher_order import HigherOrderCFAResult
from .invariance import InvarianceResult
from .sample_size import PowerResult, cohen_h, power
from .weights import (
    WeightedMeanResult,
    WeightingResult,
    design_effect,
    effective_n,
    rake,
    weighted_mean,
    weighted_proportions,
    weighting,
)

__all__ = [
    *_psychometrics, *_differences, "PowerResult", "cohen_h", "power",
    "WeightedMeanResult", "WeightingResult", "design_effect", "effective_n", "rake", "weighted_mean",
    "weighted_proportions", "weighting", "ProcessResult", "process",
    "HigherOrderCFAResult", "InvarianceResult",
    "ImputationResult", "ImputationWarning", "LittleMCARResult", "MissingPatternsResult", "PooledResult", "impute",
    "little_mcar", "missing_patterns", "pool",
]
