"""The toolkit's exceptions and warnings.

Every error says what was wrong, where (file, line, sheet and cell, row and column, item) and what
would have been accepted. Validation collects every problem before raising, so one run shows them
all.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "Problem",
    "SurveyError",
    "QuestionnaireError",
    "ResponseDataError",
    "AnalysisError",
    "PlanError",
    "SurveyWarning",
    "ImputationWarning",
    "PdfToolMissingError",
    "NoTextLayerError",
]


@dataclass(frozen=True)
class Problem:
    """One problem found in an input: where it is, what it is, what would be accepted."""

    where: str
    what: str
    expected: str = ""

    def __str__(self) -> str:
        text = f"{self.where}: {self.what}"
        return f"{text} (expected {self.expected})" if self.expected else text


class SurveyError(Exception):
    """Base class of every error the toolkit raises on purpose."""


class _ProblemsError(SurveyError):
    """An error that carries every problem found, not only the first."""

    def __init__(self, message: str, problems: list[Problem] | tuple[Problem, ...] = ()):
        self.problems: tuple[Problem, ...] = tuple(problems)
        self.message = message
        lines = [message] + [f"  - {p}" for p in self.problems[:50]]
        if len(self.problems) > 50:
            lines.append(f"  ... and {len(self.problems) - 50} more")
        super().__init__("\n".join(lines))


class QuestionnaireError(_ProblemsError):
    """A questionnaire (schema) file or object is invalid."""


class ResponseDataError(_ProblemsError):
    """Response data cannot be read or does not fit the questionnaire.

    ``problems`` lists the failing cells (row, column, value) or lines.
    """


class PlanError(_ProblemsError):
    """An analysis plan (or a file it names) is not valid; ``problems`` lists each field at fault."""


class PdfToolMissingError(SurveyError):
    """Reading a PDF needs poppler's ``pdftotext``, and it is not installed (or not on the PATH)."""


class NoTextLayerError(ResponseDataError):
    """A PDF has no text layer (a scanned image): there is no text to split, only pictures of it."""


class AnalysisError(SurveyError):
    """A statistic cannot be estimated on this input (singular, constant, too few cases, not converged)."""


class RowsNeededError(AnalysisError):
    """An analysis needs the respondents' rows, and was given a scanned table (``survey.scan``)
    that computes only sufficient statistics; the message names ``.sample(n, seed=...)``."""


class SurveyWarning(UserWarning):
    """Something the user should know about, that does not stop the analysis.

    A warning that can be said in another language carries ``key`` and ``values``: a catalogue of
    templates (``survey.io.messages`` for the loader's) renders them; the message is the English text.
    """

    def __init__(self, message: str = "", key: str | None = None, values: dict | None = None):
        super().__init__(message)
        self.key = key
        self.values = dict(values or {})


class ImputationWarning(SurveyWarning):
    """Multiple-imputation chains did not mix (R̂ above its bound): more iterations are needed."""
