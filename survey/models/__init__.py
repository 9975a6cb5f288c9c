"""Two-factor (Herzberg) and satisfaction models: Kano, penalty–reward and impact-asymmetry,
importance–performance, driver importance, satisfaction index, PLS path models and CB-SEM."""

from .drivers import DominanceResult, RelativeWeightsResult, dominance, relative_weights
from .ipa import IPAResult, derived_importance, ipa
from .kano import KANO_TABLE, KanoResult, kano
from .prca import PRCAResult, prca

__all__ = [
    "KANO_TABLE",
    "DominanceResult",
    "IPAResult",
    "KanoResult",
    "PRCAResult",
    "RelativeWeightsResult",
    "derived_importance",
    "dominance",
    "ipa",
    "kano",
    "prca",
    "relative_weights",
]
