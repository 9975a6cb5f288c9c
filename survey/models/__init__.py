"""Two-factor (Herzberg) and satisfaction models: Kano, penalty–reward and impact-asymmetry,
importance–performance, driver importance, satisfaction index, PLS path models and CB-SEM."""

from .drivers import DominanceResult, RelativeWeightsResult, dominance, relative_weights
from .index import SatisfactionIndexResult, satisfaction_index
from .ipa import IPAResult, derived_importance, ipa
from .kano import KANO_TABLE, KanoResult, kano
from .pls import PLSResult, pls_path
from .prca import PRCAResult, prca
from .sem import SEMResult, sem
from .simulate import SimulatedStudy, simulate_two_factor
from .triangulation import TriangulationResult, triangulate
from .two_factor import TwoFactorResult, two_factor

__all__ = [
    "KANO_TABLE",
    "DominanceResult",
    "IPAResult",
    "KanoResult",
    "PRCAResult",
    "PLSResult",
    "RelativeWeightsResult",
    "SEMResult",
    "SatisfactionIndexResult",
    "SimulatedStudy",
    "TriangulationResult",
    "TwoFactorResult",
    "derived_importance",
    "dominance",
    "ipa",
    "kano",
    "pls_path",
    "prca",
    "relative_weights",
    "satisfaction_index",
    "sem",
    "simulate_two_factor",
    "triangulate",
    "two_factor",
]
