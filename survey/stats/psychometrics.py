"""Public names of the psychometrics modules (the lead star-imports this from ``survey.stats``)."""

from .factorability import BartlettResult, KMOResult, bartlett, kmo
from .cfa import CFAResult
from .factor_models import cfa  # one entry: first-order, second-order and multi-group models
from .efa import EFAResult, efa
from .item_analysis import ItemAnalysisResult, item_analysis
from .method_bias import CommonMethodBiasResult, common_method_bias
from .omega import OmegaResult, omega
from .parallel import ParallelResult, parallel_analysis
from .polychoric import PolychoricPairResult, PolychoricResult, polychoric, polychoric_pair, polyserial
from .reliability import AlphaResult, ReliabilityResult, cronbach_alpha, reliability
from .validity import ValidityResult, validity

__all__ = [
    "AlphaResult",
    "EFAResult",
    "OmegaResult",
    "ParallelResult",
    "PolychoricPairResult",
    "PolychoricResult",
    "BartlettResult",
    "CFAResult",
    "CommonMethodBiasResult",
    "ItemAnalysisResult",
    "KMOResult",
    "ReliabilityResult",
    "ValidityResult",
    "bartlett",
    "cfa",
    "common_method_bias",
    "cronbach_alpha",
    "efa",
    "omega",
    "parallel_analysis",
    "polychoric",
    "polychoric_pair",
    "polyserial",
    "item_analysis",
    "kmo",
    "reliability",
    "validity",
]
