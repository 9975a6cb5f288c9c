"""Statistics: psychometrics (item analysis, reliability, validity) and group differences,
correlation and regression."""

from .differences import *  # noqa: F401,F403
from .differences import __all__ as _differences
from .psychometrics import *  # noqa: F401,F403
from .psychometrics import __all__ as _psychometrics
from .process import ProcessResult, process
from .sample_size import PowerResult, cohen_h, power

__all__ = [*_psychometrics, *_differences, "PowerResult", "cohen_h", "power", "ProcessResult", "process"]
