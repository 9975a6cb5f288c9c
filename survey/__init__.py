"""survey: questionnaires, responses, psychometrics, two-factor and satisfaction models, interviews
and thesis-ready reports.

The names below are what a user calls. They are imported on first use, so ``import survey`` (and
the ``survey`` command) does not load matplotlib, scipy or statsmodels until a statistic or figure
needs them. Helpers that serve the toolkit itself stay in their subpackages.

>>> import survey as sv
>>> sv.fmt_p(0.0004)
'p < .001'
"""

import importlib

__version__ = "0.1.0"

# public name -> the module (relative to this package) that defines it
_PUBLIC: dict[str, tuple[str, ...]] = {
    ".errors": ("AnalysisError", "PlanError", "Problem", "QuestionnaireError", "ResponseDataError", "SurveyError", "SurveyWarning",
                "NoTextLayerError", "PdfToolMissingError"),
    ".responses": ("Responses", "Source"),
    ".findings": ("fmt_ci", "fmt_num", "fmt_p", "fmt_stat", "stars"),
    ".schema": (
        "AttentionCheck", "ColumnBinding", "Construct", "Importance", "Item", "KanoPair", "Questionnaire", "Scale", "Text",
        "bundled_questionnaires", "codebook_tables", "load_questionnaire", "questionnaire_from_dict",
        "questionnaire_from_sav", "questionnaire_json_schema", "read_xlsform", "write_codebook", "write_json_schema",
    ),
    ".io": ("load_responses",),
    ".engines": ("LazyResponses", "RowsNeededError", "scan"),
    ".prep": (
        "LedgerEntry", "QualityReport", "assess", "construct_items", "construct_scores", "exclusion_summary",
        "reverse_codes", "reverse_keyed", "screen",
    ),
    ".stats": (
        "AlphaResult", "BartlettResult", "CFAResult", "EFAResult", "ItemAnalysisResult", "KMOResult", "OmegaResult",
        "ParallelResult", "ReliabilityResult", "ValidityResult", "bartlett", "cfa", "cronbach_alpha", "efa",
        "item_analysis", "kmo", "omega", "parallel_analysis", "reliability", "validity", "adjust_p",
        "PolychoricPairResult", "PolychoricResult", "polychoric", "polychoric_pair", "polyserial",
        "CorrelationResult", "CrosstabResult", "DescriptivesResult", "GroupComparisonResult", "LikertDistributionResult",
        "LogisticRegressionResult", "MediationResult", "ModerationResult", "OrdinalRegressionResult", "RegressionResult",
        "SampleProfileResult", "compare_groups", "t_test", "welch_t_test", "mann_whitney", "anova", "welch_anova",
        "kruskal", "post_hoc", "correlations", "crosstab", "descriptives",
        "likert_distribution", "logistic_regression", "mediation", "moderation", "ordinal_regression", "regression",
        "sample_profile", "PowerResult", "cohen_h", "power", "CommonMethodBiasResult", "common_method_bias",
        "MultipleResponseResult", "multiple_response",
        "WeightedMeanResult", "WeightingResult", "design_effect", "effective_n", "rake", "weighted_mean",
        "weighted_proportions", "weighting",
        "ProcessResult", "process",
        "HigherOrderCFAResult", "InvarianceResult",
        "ImputationResult", "ImputationWarning", "LittleMCARResult", "MissingPatternsResult", "PooledResult", "impute",
        "little_mcar", "missing_patterns", "pool",
    ),
    ".models": (
        "KANO_TABLE", "DominanceResult", "IPAResult", "KanoResult", "PLSResult", "PRCAResult", "RelativeWeightsResult",
        "SEMResult", "SatisfactionIndexResult", "SimulatedStudy", "TriangulationResult", "TwoFactorResult",
        "derived_importance", "dominance", "ipa", "kano", "pls_path", "prca", "relative_weights", "satisfaction_index",
        "sem", "simulate_two_factor", "triangulate", "two_factor",
    ),
    ".interviews": (
        "Transcript", "TranscriptSet", "load_transcript", "load_transcripts", "check_attributes", "load_attributes",
        "Codebook", "HERZBERG_FACTORS", "bundled_codebooks", "load_codebook", "Proposals", "load_coding",
        "propose_codes", "save_coding", "CodeAttributeResult", "CodeFrequencyResult", "CooccurrenceResult",
        "code_by_attribute", "code_frequencies", "cooccurrence", "CriticalIncidentResult", "critical_incidents",
        "two_proportion_test", "AgreementResult", "KappaResult", "KrippendorffAlphaResult", "agreement", "cohen_kappa",
        "fleiss_kappa", "krippendorff_alpha", "JointDisplayResult", "joint_display", "representative_quotes",
        "RedactedText", "RedactionLists", "Redactor", "load_redaction_lists", "redact", "scan_for_identifiers",
        "QdpxProject", "read_qdc", "read_qdpx", "write_qdc", "write_qdpx",
        "STOP_WORDS", "KwicResult", "WordCooccurrenceResult", "WordFrequencyResult", "kwic", "load_stop_words", "tokenize",
        "word_cooccurrence", "word_frequencies",
        "NON_ANSWERS", "OpenEndedResult", "open_ended",
        "DocumentSet", "PolicyDocument", "load_documents",
        "PolicyFramework", "PolicyMatrixResult", "bundled_frameworks", "load_policy_framework", "policy_agreement", "policy_matrix",
    ),
    ".draft": ("DraftQuestionnaire", "draft_questionnaire"),
    ".report.plan_draft": ("draft_plan",),
    ".report.tables": ("correlation_table",),
    ".figures": (
        "plot_code_frequencies", "plot_coefficients", "plot_conditional_indirect", "plot_cooccurrence", "plot_correlations", "plot_group_means",
        "plot_herzberg_butterfly", "plot_ia", "plot_ipa", "plot_kano", "plot_likert", "plot_loadings", "plot_multiple_response", "plot_path",
        "plot_prca", "plot_relative_weights", "plot_scree",
        "plot_missing_patterns",
        "plot_word_frequencies",
        "plot_policy_matrix",
    ),
}
_HOME = {name: module for module, names in _PUBLIC.items() for name in names}
_SUBMODULES = ("datasets",)  # reached as attributes: sv.datasets.sample_export()

__all__ = sorted(_HOME)


def __getattr__(name: str):
    if name in _HOME:
        value = getattr(importlib.import_module(_HOME[name], __name__), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f".{name}", __name__)
    else:
        raise AttributeError(f"module 'survey' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME) | set(_SUBMODULES))
