"""Interviews: transcripts, codebooks, coding, REFI-QDA exchange, counting, critical incidents,
agreement, redaction, and the joint display of interview evidence beside survey results.

Heavy optional libraries (jieba, python-docx, krippendorff) are imported inside the functions
that need them.
"""

from .agreement import AgreementResult, KrippendorffAlphaResult, KappaResult, agreement, cohen_kappa, fleiss_kappa, krippendorff_alpha
from .attributes import check_attributes, load_attributes
from .codebook import HERZBERG_FACTORS, Codebook, bundled_codebooks, load_codebook
from .documents import DocumentSet, PolicyDocument, load_documents
from .policy import PolicyFramework, PolicyMatrixResult, bundled_frameworks, load_policy_framework, policy_agreement, policy_matrix
from .coding import Proposals, load_coding, propose_codes, save_coding
from .counting import CodeAttributeResult, CodeFrequencyResult, CooccurrenceResult, code_by_attribute, code_frequencies, cooccurrence
from .joint import JointDisplayResult, joint_display, representative_quotes
from .incidents import CriticalIncidentResult, critical_incidents, two_proportion_test
from .qdpx import QdpxProject, read_qdc, read_qdpx, write_qdc, write_qdpx
from .redaction import RedactedText, RedactionLists, Redactor, is_valid_resident_id, load_redaction_lists, redact, scan_for_identifiers
from .transcripts import Transcript, TranscriptSet, load_transcript, load_transcripts
from .open_ended import NON_ANSWERS, OpenEndedResult, open_ended
from .text_stats import STOP_WORDS, KwicResult, WordCooccurrenceResult, WordFrequencyResult, kwic, load_stop_words, tokenize, word_cooccurrence, word_frequencies

__all__ = [
    "load_transcript",
    "load_transcripts",
    "Transcript",
    "TranscriptSet",
    "load_documents",
    "PolicyDocument",
    "DocumentSet",
    "load_policy_framework",
    "bundled_frameworks",
    "PolicyFramework",
    "policy_matrix",
    "policy_agreement",
    "PolicyMatrixResult",
    "load_attributes",
    "check_attributes",
    "load_codebook",
    "bundled_codebooks",
    "Codebook",
    "HERZBERG_FACTORS",
    "load_coding",
    "save_coding",
    "propose_codes",
    "Proposals",
    "code_frequencies",
    "cooccurrence",
    "code_by_attribute",
    "CodeFrequencyResult",
    "CooccurrenceResult",
    "CodeAttributeResult",
    "critical_incidents",
    "two_proportion_test",
    "CriticalIncidentResult",
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "agreement",
    "KappaResult",
    "KrippendorffAlphaResult",
    "AgreementResult",
    "joint_display",
    "representative_quotes",
    "JointDisplayResult",
    "redact",
    "Redactor",
    "RedactedText",
    "RedactionLists",
    "load_redaction_lists",
    "scan_for_identifiers",
    "is_valid_resident_id",
    "read_qdpx",
    "write_qdpx",
    "read_qdc",
    "write_qdc",
    "QdpxProject",
    "STOP_WORDS",
    "load_stop_words",
    "tokenize",
    "word_frequencies",
    "kwic",
    "word_cooccurrence",
    "WordFrequencyResult",
    "KwicResult",
    "WordCooccurrenceResult",
    "open_ended",
    "OpenEndedResult",
    "NON_ANSWERS",
]
