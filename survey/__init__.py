"""survey: questionnaires, responses, psychometrics, two-factor and satisfaction models, interviews
and thesis-ready reports.

>>> import survey as sv
>>> sv.fmt_p(0.0004)
'p < .001'
"""

from __future__ import annotations

from .errors import AnalysisError, PlanError, Problem, QuestionnaireError, ResponseDataError, SurveyError, SurveyWarning
from .responses import Responses, Source
from .findings import fmt_ci, fmt_num, fmt_p, fmt_stat, stars
from .schema import *  # noqa: F401,F403
from .io import *  # noqa: F401,F403
from .prep import *  # noqa: F401,F403
from .stats import *  # noqa: F401,F403
from .models import *  # noqa: F401,F403
from .interviews import *  # noqa: F401,F403
from .figures import *  # noqa: F401,F403
from .report.plan_draft import draft_plan  # noqa: F401  (the plan `survey plan` writes, as YAML text)
from . import datasets  # noqa: F401  (bundled example data: sv.datasets.sample_export())

__version__ = "0.1.0"
