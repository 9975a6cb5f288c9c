"""Figures: ``plot_*`` functions taking ``ax=None`` and returning the Axes, in one house style."""

from .differences import plot_coefficients, plot_correlations, plot_group_means
from .interviews import plot_code_frequencies, plot_cooccurrence, plot_herzberg_butterfly, plot_word_frequencies
from .likert import plot_likert
from .missing import plot_missing_patterns
from .models import plot_ia, plot_ipa, plot_kano, plot_path, plot_prca, plot_relative_weights
from .multiple import plot_multiple_response
from .policy import plot_policy_matrix
from .process import plot_conditional_indirect
from .psychometrics import plot_loadings, plot_scree
from .style import apply_style, axes, cjk_font

__all__ = [
    "apply_style",
    "axes",
    "cjk_font",
    "plot_code_frequencies",
    "plot_conditional_indirect",
    "plot_coefficients",
    "plot_cooccurrence",
    "plot_correlations",
    "plot_group_means",
    "plot_herzberg_butterfly",
    "plot_ia",
    "plot_ipa",
    "plot_kano",
    "plot_likert",
    "plot_loadings",
    "plot_missing_patterns",
    "plot_multiple_response",
    "plot_path",
    "plot_policy_matrix",
    "plot_prca",
    "plot_relative_weights",
    "plot_scree",
    "plot_word_frequencies",
]
