"""Inter-coder agreement: Cohen's κ, Fleiss' κ and Krippendorff's α, per code and overall.

Orientation of the inputs
    * :func:`krippendorff_alpha` takes a coders × units table (rows coders, columns units), as in
      Krippendorff (2011) and the ``krippendorff`` package; missing values allowed.
    * :func:`fleiss_kappa` takes units × coders (rows units), as R ``irr::kappam.fleiss``.
    * :func:`cohen_kappa` takes the two coders' labels as two sequences.

Confidence intervals
    Cohen's κ: the large-sample variance of Fleiss, Cohen & Everitt (1969), as in R
    ``psych::cohen.kappa``; bootstrap on request. Fleiss' κ and Krippendorff's α: percentile
    bootstrap over units (cases resampled with replacement; seeded, so exactly reproducible).
    This is a plain case bootstrap, not Hayes & Krippendorff's (2007) algorithm; replicates where
    the statistic is undefined (all values alike) are dropped and counted.

Uncoded text (:func:`agreement`)
    Multi-code coding is turned into one binary (applied / not applied) variable per code and
    segment. ``uncoded="exclude"`` (default) uses as units only segments that at least one coder
    coded: text nobody coded does not inflate agreement. ``uncoded="include"`` uses every
    interviewee segment of the transcripts, treating uncoded text as agreed absence.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from .._checks import check_ci_level, check_n_boot
from .._result import Result
from ..errors import AnalysisError
from ..findings.format import fmt_ci, fmt_num, fmt_p
from .transcripts import segments_frame

__all__ = [
    "cohen_kappa",
    "fleiss_kappa",
    "krippendorff_alpha",
    "agreement",
    "KappaResult",
    "KrippendorffAlphaResult",
    "AgreementResult",
    "ALPHA_RELIABLE",
    "ALPHA_TENTATIVE",
    "CODE_AGREEMENT_MIN",
]

ALPHA_RELIABLE = 0.80
ALPHA_TENTATIVE = 0.667
CODE_AGREEMENT_MIN = 0.60  # per code: α or κ below this is flagged and never summarised as good
LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and np.isnan(v)) or v is pd.NA or v is pd.NaT


def _boot_weights(n_units: int, n_boot: int, seed: int | None) -> np.ndarray:
    """n_boot × n_units matrix: how often each unit is drawn in each replicate (resampling units
    with replacement, i.e. multinomial counts)."""
    rng = np.random.default_rng(seed)
    return rng.multinomial(n_units, np.full(n_units, 1.0 / n_units), size=n_boot).astype(np.float64)


def _percentile(values: np.ndarray, ci_level: float) -> tuple[float, float]:
    tail = (1 - ci_level) / 2
    return float(np.quantile(values, tail)), float(np.quantile(values, 1 - tail))


def _check_ci(ci_level: float, n_boot: int) -> None:
    check_ci_level(ci_level)
    check_n_boot(n_boot)


# -- Krippendorff's alpha ------------------------------------------------------------------------


def _as_matrix(coders_by_units) -> np.ndarray:
    """A 2-D array of the coders × units table, without an intermediate DataFrame (building one
    column by column from a wide object array costs more than the statistic)."""
    if isinstance(coders_by_units, pd.DataFrame):
        return coders_by_units.to_numpy()
    arr = np.asarray(coders_by_units)
    if arr.dtype.kind not in "biuf":  # labels, None or mixed: keep the objects as given
        arr = np.asarray(coders_by_units, dtype=object)
    return arr


def _value_counts(data: np.ndarray) -> tuple[np.ndarray, list]:
    """Units × values counts from a coders × units array."""
    arr = data.ravel()  # coder-major
    mask = ~pd.isna(arr)
    if not mask.any():
        raise AnalysisError("Krippendorff's alpha: the data hold no values (all missing)")
    codes, uniques = pd.factorize(arr[mask])
    units = np.tile(np.arange(data.shape[1]), data.shape[0])[mask]
    counts = np.bincount(units * len(uniques) + codes, minlength=data.shape[1] * len(uniques))
    return counts.reshape(data.shape[1], len(uniques)).astype(np.float64), list(uniques)


def _nominal_parts(counts: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per pairable unit: disagreement term d_u = (m_u² − Σ n_uc²)/(m_u − 1), m_u and n_uc."""
    m = counts.sum(axis=1)
    keep = m >= 2
    c, m = counts[keep], m[keep]
    d = (m**2 - (c**2).sum(axis=1)) / (m - 1)
    return d, m, c


def _nominal_alpha(d: np.ndarray, m: np.ndarray, c: np.ndarray, w: np.ndarray | None = None):
    """α = 1 − (n − 1)·Σ_u d_u / (n² − Σ_c n_c²); vectorised over bootstrap weights ``w``."""
    if w is None:
        n, do, nc = m.sum(), d.sum(), c.sum(axis=0)
        de = n**2 - (nc**2).sum()
        return 1 - (n - 1) * do / de, n, do, de
    n = w @ m
    do = w @ d
    nc = w @ c
    de = n**2 - (nc**2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return 1 - (n - 1) * do / de


@dataclass(frozen=True)
class KrippendorffAlphaResult(Result):
    """Krippendorff's α.

    ``estimate``; ``ci_low``/``ci_high`` (percentile bootstrap over units, ``None`` when
    ``n_boot=0``); ``n_units`` (pairable units, with ≥ 2 values), ``n_values`` (pairable values),
    ``n_coders``; ``observed``/``expected`` disagreement (nominal); ``n_boot_valid``.
    """

    estimate: float
    ci_low: float | None
    ci_high: float | None
    level: str
    n_units: int
    n_values: int
    n_coders: int
    observed: float | None
    expected: float | None
    ci_level: float
    n_boot: int
    n_boot_valid: int
    seed: int | None

    @property
    def alpha(self) -> float:
        return self.estimate

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"statistic": "krippendorff_alpha", "level": self.level, "estimate": self.estimate, "ci_low": self.ci_low, "ci_high": self.ci_high,
              "n_units": self.n_units, "n_values": self.n_values, "n_coders": self.n_coders}]
        )

    def findings(self, lang: str = "en", style: str = "apa") -> list[str]:
        return [_alpha_sentence(self.estimate, self.ci_low, self.ci_high, self.ci_level, lang, style, f"{self.n_coders}", self.n_units)]


def _alpha_sentence(a, lo, hi, ci_level, lang, style, coders, units, n_flagged: int = 0) -> str:
    st = "gb" if lang == "zh" else style
    ci = "" if lo is None else (f"，{fmt_ci(lo, hi, digits=3, bounded=True, style=st, ci_level=ci_level)}" if lang == "zh" else f", {fmt_ci(lo, hi, digits=3, bounded=True, style=st, ci_level=ci_level)}")
    if lang == "zh":
        verdict = "编码信度良好" if a >= ALPHA_RELIABLE else ("编码信度尚可，结论宜审慎" if a >= ALPHA_TENTATIVE else "编码信度不足，需修订编码本并重新编码")
        if n_flagged:
            verdict = f"但有{n_flagged}个编码的一致性低于{CODE_AGREEMENT_MIN:.2f}，总体系数不能代表这些编码，不能认为编码信度整体良好"
        return f"{coders}位编码员对{units}个单元编码的Krippendorff's α为{fmt_num(a, digits=3, style='gb')}{ci}，{verdict}（标准：≥0.800可靠，≥0.667可暂用）。"
    verdict = "reliable" if a >= ALPHA_RELIABLE else ("acceptable for tentative conclusions only" if a >= ALPHA_TENTATIVE else "not reliable enough; revise the codebook and recode")
    sep = ": "
    if n_flagged:
        sep, verdict = "; ", (f"{n_flagged} code(s) fall below {fmt_num(CODE_AGREEMENT_MIN, digits=2, bounded=True, style=st)}, which the pooled value "
                              "hides, so the coding cannot be called reliable as a whole")
    return f"Krippendorff's α for {coders} coders over {units} units was {fmt_num(a, digits=3, bounded=True, style=st)}{ci}{sep}{verdict} (α ≥ .800 reliable, ≥ .667 tentative)."


def krippendorff_alpha(
    coders_by_units,
    *,
    level: str = "nominal",
    n_boot: int = 1000,
    seed: int | None = 0,
    ci_level: float = 0.95,
) -> KrippendorffAlphaResult:
    """Krippendorff's α for any number of coders, missing values allowed.

    Parameters
    ----------
    coders_by_units
        Rows are coders, columns units (a DataFrame, array or list of lists); ``NaN``/``None`` is
        missing. Values may be labels (nominal) or numbers.
    level
        ``"nominal"`` (computed here from the coincidence counts, Krippendorff 2011); ``"ordinal"``,
        ``"interval"``, ``"ratio"`` are delegated to the ``krippendorff`` package.
    n_boot, seed, ci_level
        Percentile bootstrap over units; ``n_boot=0`` for no interval.

    Examples
    --------
    The worked example of Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", p. 8
    (4 coders × 12 units, nominal α = .743):

    >>> nan = float("nan")
    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> round(krippendorff_alpha(data, n_boot=0).estimate, 3)
    0.743
    """
    if level not in LEVELS:
        raise AnalysisError(f"level must be one of {LEVELS}, got {level!r}")
    _check_ci(ci_level, n_boot)
    data = _as_matrix(coders_by_units)
    if data.ndim != 2 or data.shape[0] < 2:
        raise AnalysisError(f"Krippendorff's alpha needs at least 2 coders (rows), got shape {data.shape}")
    counts, values = _value_counts(data)
    d, m, c = _nominal_parts(counts)
    if len(m) == 0:
        raise AnalysisError("Krippendorff's alpha: no unit has values from two or more coders (nothing is pairable)")
    if len(values) < 2 or (c.sum(axis=0) > 0).sum() < 2:
        raise AnalysisError("Krippendorff's alpha is undefined: every pairable value is the same (no variation to agree on)")
    observed = expected = None
    if level == "nominal":
        est, n, do, de = _nominal_alpha(d, m, c)
        observed, expected = float(do / n), float(de / (n * (n - 1)))
    else:
        est = _delegate(data, values, level)
    lo = hi = None
    valid = 0
    if n_boot:
        pairable = np.flatnonzero(counts.sum(axis=1) >= 2)
        w = _boot_weights(len(pairable), n_boot, seed)
        if level == "nominal":
            reps = _nominal_alpha(d, m, c, w)
        else:
            reps = np.array([_delegate_safe(data[:, pairable[np.repeat(np.arange(len(pairable)), row.astype(int))]], values, level) for row in w])
        reps = reps[np.isfinite(reps)]
        valid = len(reps)
        if valid:
            lo, hi = _percentile(reps, ci_level)
    return KrippendorffAlphaResult(float(est), lo, hi, level, int(len(m)), int(m.sum()), int(data.shape[0]), observed, expected, ci_level, n_boot, valid, seed)


def _delegate(data: np.ndarray, values: list, level: str) -> float:
    import krippendorff

    try:
        arr = np.asarray(data, dtype=float)
    except (TypeError, ValueError):
        raise AnalysisError(f"level={level!r} needs numeric values; got labels {values[:5]}") from None
    return float(krippendorff.alpha(reliability_data=arr, level_of_measurement=level))


def _delegate_safe(data, values, level) -> float:
    try:
        return _delegate(data, values, level)
    except (ValueError, ZeroDivisionError, AnalysisError):
        return float("nan")


# -- Cohen's kappa -------------------------------------------------------------------------------


@dataclass(frozen=True)
class KappaResult(Result):
    """Cohen's or Fleiss' κ: ``estimate``, ``se``, ``ci_low``, ``ci_high``, ``n`` units, agreement
    ``p_observed`` and ``p_expected``; Fleiss adds ``statistic`` (z) and ``p_value`` (H0: κ = 0)."""

    statistic_name: str
    estimate: float
    se: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    n_coders: int
    p_observed: float
    p_expected: float
    ci_level: float
    ci_method: str
    statistic: float | None = None
    p_value: float | None = None
    categories: tuple = field(default=())
    n_missing: int = 0

    @property
    def kappa(self) -> float:
        return self.estimate

    def to_frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            [{"statistic_name": self.statistic_name, "estimate": self.estimate, "se": self.se, "ci_low": self.ci_low, "ci_high": self.ci_high,
              "statistic": self.statistic, "p_value": self.p_value, "n": self.n, "n_coders": self.n_coders,
              "p_observed": self.p_observed, "p_expected": self.p_expected}]
        )

    def findings(self, lang: str = "en", style: str = "apa") -> list[str]:
        st = "gb" if lang == "zh" else style
        name = "Cohen's κ" if self.statistic_name == "cohen_kappa" else "Fleiss' κ"
        ci = "" if self.ci_low is None else fmt_ci(self.ci_low, self.ci_high, digits=3, bounded=True, style=st, ci_level=self.ci_level)
        p = "" if self.p_value is None else fmt_p(self.p_value, style=st)
        extra = ", ".join(x for x in (ci, p) if x)
        if lang == "zh":
            extra = "，".join(x for x in (ci, p) if x)
            return [f"{self.n_coders}位编码员对{self.n}个单元编码的{name}为{fmt_num(self.estimate, digits=3, style='gb')}" + (f"（{extra}）" if extra else "") + "。"]
        return [f"{name} for {self.n_coders} coders over {self.n} units was {fmt_num(self.estimate, digits=3, bounded=True, style=st)}" + (f" ({extra})" if extra else "") + "."]


def _cohen_from_table(x: np.ndarray) -> tuple[float, float, float, float]:
    """κ, its Fleiss–Cohen–Everitt (1969) variance, p_o and p_e from a k × k table of counts."""
    tot = x.sum()
    p = x / tot
    rs, cs = p.sum(axis=1), p.sum(axis=0)
    po, pc = float(np.trace(p)), float(rs @ cs)
    kappa = (po - pc) / (1 - pc)
    diag = np.diag(p)
    term1 = float((diag * ((1 - pc) - (rs + cs) * (1 - po)) ** 2).sum())
    outer = (cs[:, None] + rs[None, :]) ** 2
    term2 = (1 - po) ** 2 * float((p * outer).sum() - (diag * np.diag(outer)).sum())
    var = (term1 + term2 - (po * pc - 2 * pc + po) ** 2) / (tot * (1 - pc) ** 4)
    return kappa, max(var, 0.0), po, pc


def cohen_kappa(
    a: Sequence,
    b: Sequence,
    *,
    ci_level: float = 0.95,
    ci_method: str = "asymptotic",
    n_boot: int = 1000,
    seed: int | None = 0,
) -> KappaResult:
    """Cohen's κ for two coders (nominal categories); pairs with a missing label are dropped.

    The interval is ``estimate ± z·√var`` with the large-sample variance of Fleiss, Cohen &
    Everitt (1969), as R ``psych::cohen.kappa`` (bounds clipped to [−1, 1] as psych does), or a
    seeded percentile bootstrap over units (``ci_method="bootstrap"``).

    Examples
    --------
    >>> r = cohen_kappa(["a", "a", "b", "b", "a", "c"], ["a", "b", "b", "b", "a", "c"])
    >>> round(r.estimate, 4), r.n
    (0.7391, 6)
    """
    _check_ci(ci_level, n_boot)
    if ci_method not in ("asymptotic", "bootstrap"):
        raise AnalysisError(f"ci_method must be 'asymptotic' or 'bootstrap', got {ci_method!r}")
    a, b = list(a), list(b)
    if len(a) != len(b):
        raise AnalysisError(f"Cohen's kappa needs two equally long sequences, got {len(a)} and {len(b)}")
    pairs = [(x, y) for x, y in zip(a, b) if not (_missing(x) or _missing(y))]
    n_missing = len(a) - len(pairs)
    if len(pairs) < 2:
        raise AnalysisError(f"Cohen's kappa needs at least 2 units coded by both coders, got {len(pairs)}")
    cats = sorted({v for pr in pairs for v in pr}, key=lambda x: (str(type(x)), x))
    index = {v: i for i, v in enumerate(cats)}
    k = len(cats)
    ia = np.array([index[x] for x, _ in pairs])
    ib = np.array([index[y] for _, y in pairs])
    table = np.zeros((k, k))
    np.add.at(table, (ia, ib), 1.0)
    if k < 2:
        raise AnalysisError("Cohen's kappa is undefined: both coders used one and the same category for every unit")
    kappa, var, po, pc = _cohen_from_table(table)
    se = float(np.sqrt(var))
    if ci_method == "asymptotic":
        z = stats.norm.ppf(1 - (1 - ci_level) / 2)
        lo, hi = max(kappa - z * se, -1.0), min(kappa + z * se, 1.0)
    else:
        if n_boot == 0:
            raise AnalysisError("ci_method='bootstrap' needs n_boot > 0")
        w = _boot_weights(len(pairs), n_boot, seed)
        onehot = np.zeros((len(pairs), k * k))
        onehot[np.arange(len(pairs)), ia * k + ib] = 1.0
        tabs = (w @ onehot).reshape(n_boot, k, k) / len(pairs)
        po_b = np.trace(tabs, axis1=1, axis2=2)
        pc_b = np.einsum("bi,bi->b", tabs.sum(axis=2), tabs.sum(axis=1))
        with np.errstate(divide="ignore", invalid="ignore"):
            reps = (po_b - pc_b) / (1 - pc_b)
        reps = reps[np.isfinite(reps)]
        lo, hi = _percentile(reps, ci_level)
    return KappaResult("cohen_kappa", float(kappa), se, float(lo), float(hi), len(pairs), 2, po, pc, ci_level, ci_method, categories=tuple(cats), n_missing=n_missing)


# -- Fleiss' kappa -------------------------------------------------------------------------------


def _fleiss_parts(nij: np.ndarray, w: np.ndarray | None = None):
    n = nij.sum(axis=1)[0]
    pi = ((nij**2).sum(axis=1) - n) / (n * (n - 1))
    if w is None:
        pj = nij.sum(axis=0) / nij.sum()
        pbar, pe = pi.mean(), (pj**2).sum()
        return (pbar - pe) / (1 - pe), pbar, pe, pj
    tot = w.sum(axis=1)
    pbar = (w @ pi) / tot
    pj = (w @ nij) / (tot[:, None] * n)
    pe = (pj**2).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        return (pbar - pe) / (1 - pe)


def fleiss_kappa(
    units_by_coders,
    *,
    ci_level: float = 0.95,
    n_boot: int = 1000,
    seed: int | None = 0,
) -> KappaResult:
    """Fleiss' κ for a fixed number of coders per unit (nominal).

    ``units_by_coders``: rows are units, columns coders (as R ``irr::kappam.fleiss``); no missing
    values (use :func:`krippendorff_alpha` when coders skipped units). ``statistic`` is the z test
    of κ = 0 with the standard error of Fleiss, Nee & Landis (1979), as ``irr``; the interval is a
    seeded percentile bootstrap over units.

    Examples
    --------
    >>> r = fleiss_kappa([["a", "a", "a"], ["a", "b", "a"], ["b", "b", "b"], ["c", "c", "b"]], n_boot=0)
    >>> round(r.estimate, 4)
    0.4667
    """
    _check_ci(ci_level, n_boot)
    data = units_by_coders if isinstance(units_by_coders, pd.DataFrame) else pd.DataFrame(np.asarray(units_by_coders, dtype=object))
    if data.shape[1] < 2 or data.shape[0] < 2:
        raise AnalysisError(f"Fleiss' kappa needs at least 2 units (rows) and 2 coders (columns), got shape {data.shape}")
    miss = data.map(_missing)
    if miss.to_numpy().any():
        rows = [str(i) for i in data.index[miss.any(axis=1)][:10]]
        raise AnalysisError(f"Fleiss' kappa needs every coder to code every unit; missing values in units {rows} (use krippendorff_alpha instead)")
    cats = sorted({v for v in data.to_numpy().ravel()}, key=lambda x: (str(type(x)), x))
    if len(cats) < 2:
        raise AnalysisError("Fleiss' kappa is undefined: every rating is the same category")
    index = {v: i for i, v in enumerate(cats)}
    nij = np.zeros((len(data), len(cats)))
    for u, row in enumerate(data.itertuples(index=False)):
        for v in row:
            nij[u, index[v]] += 1
    kappa, pbar, pe, pj = _fleiss_parts(nij)
    n_units, n = nij.shape[0], int(data.shape[1])
    qj = 1 - pj
    s = (pj * qj).sum()
    se0 = float(np.sqrt(2 / (n_units * n * (n - 1))) * np.sqrt(s**2 - (pj * qj * (qj - pj)).sum()) / s)
    z = float(kappa / se0)
    p = float(2 * stats.norm.sf(abs(z)))
    lo = hi = None
    if n_boot:
        reps = _fleiss_parts(nij, _boot_weights(n_units, n_boot, seed))
        reps = reps[np.isfinite(reps)]
        lo, hi = _percentile(reps, ci_level)
    return KappaResult("fleiss_kappa", float(kappa), se0, lo, hi, n_units, n, float(pbar), float(pe), ci_level, "bootstrap" if n_boot else "none", z, p, tuple(cats))


# -- per code and overall, from a coding table ---------------------------------------------------


@dataclass(frozen=True)
class AgreementResult(Result):
    """Agreement per code and overall.

    ``table`` (index ``code``, last row ``overall``): ``n_units, n_applied`` (units where at least
    one coder applied the code), ``pct_agreement`` (units where all coders agree, 0–100),
    ``alpha, alpha_ci_low, alpha_ci_high`` (Krippendorff, nominal, binary applied/absent),
    ``kappa, kappa_ci_low, kappa_ci_high`` (Cohen's for 2 coders, Fleiss' for more).
    The ``overall`` row pools every (segment, code) decision; its bootstrap resamples segments.
    Codes whose α is undefined (every coder applied them to every unit) are listed in ``undefined``.
    """

    table: pd.DataFrame
    coders: tuple[str, ...]
    uncoded: str
    n_units: int
    ci_level: float
    n_boot: int
    seed: int | None
    undefined: tuple[str, ...] = ()

    def to_frame(self) -> pd.DataFrame:
        return self.table.reset_index()

    @property
    def uncoded_statement(self) -> str:
        if self.uncoded == "exclude":
            return "Units are the segments that at least one coder coded; text no coder coded is left out, so it does not inflate agreement."
        return "Units are all interviewee segments; text no coder coded counts as agreed absence of every code, which raises agreement."

    @property
    def flagged(self) -> tuple[str, ...]:
        """Codes whose α or κ is below :data:`CODE_AGREEMENT_MIN` (.60)."""
        codes = self.table.drop(index="overall")
        low = (codes["alpha"] < CODE_AGREEMENT_MIN) | (codes["kappa"] < CODE_AGREEMENT_MIN)
        return tuple(codes.index[low.to_numpy()])

    def findings(self, lang: str = "en", style: str = "apa", names=None) -> list[str]:
        """The pooled α (never called good while a code is flagged), what the units are, the flagged
        codes with their values, and codes only tentatively reliable. ``names`` maps code ids to labels."""
        st = "gb" if lang == "zh" else style
        name = (lambda c: str((names or {}).get(c, c)))
        o = self.table.loc["overall"]
        flagged = self.flagged
        out = [_alpha_sentence(o["alpha"], o.get("alpha_ci_low"), o.get("alpha_ci_high"), self.ci_level, lang, style, str(len(self.coders)), self.n_units, len(flagged))]
        tentative = [c for c in self.table.index if c != "overall" and c not in flagged and self.table.at[c, "alpha"] < ALPHA_TENTATIVE]

        def values(c: str) -> str:
            a = fmt_num(self.table.at[c, "alpha"], digits=3, bounded=True, style=st)
            k = fmt_num(self.table.at[c, "kappa"], digits=3, bounded=True, style=st)
            return f"α = {a}，κ = {k}" if lang == "zh" else f"α = {a}, κ = {k}"

        if lang == "zh":
            out.append("分析单元为至少一位编码员编码过的片段，未被编码的文本不计入。" if self.uncoded == "exclude" else "分析单元为全部受访者片段，未编码文本视为一致判定“不适用”，会抬高一致性。")
            if flagged:
                out.append(f"一致性低于{CODE_AGREEMENT_MIN:.2f}的编码：{'、'.join(f'{name(c)}（{values(c)}）' for c in flagged)}，其编码结果不可靠，需修订定义后重新编码，相关结论不宜采信。")
            if tentative:
                out.append(f"α介于{CODE_AGREEMENT_MIN:.2f}与0.667之间的编码：{'、'.join(name(c) for c in tentative)}，相关结论宜审慎。")
        else:
            out.append(self.uncoded_statement)
            if flagged:
                out.append(f"Codes with α or κ below {fmt_num(CODE_AGREEMENT_MIN, digits=2, bounded=True, style=st)}: "
                           f"{'; '.join(f'{name(c)} ({values(c)})' for c in flagged)}; their coding is not reliable: revise the definitions and recode before drawing on them.")
            if tentative:
                out.append(f"Codes with α between {fmt_num(CODE_AGREEMENT_MIN, digits=2, bounded=True, style=st)} and .667: {', '.join(name(c) for c in tentative)}; tentative conclusions only.")
        return out


def agreement(
    coding: pd.DataFrame,
    segments=None,
    *,
    coders: Sequence[str] | None = None,
    codes: Sequence[str] | None = None,
    uncoded: str = "exclude",
    role: str | None = "interviewee",
    n_boot: int = 1000,
    seed: int | None = 0,
    ci_level: float = 0.95,
) -> AgreementResult:
    """Agreement of several coders on a coding table, per code and overall.

    Every coder is assumed to have coded every unit: a code a coder did not apply to a unit is
    "absent", not missing. See the module notes for ``uncoded``.

    Examples
    --------
    >>> coding = pd.DataFrame({"segment_id": ["s1", "s1", "s2", "s2", "s3", "s3", "s4"],
    ...                        "coder": ["A", "B", "A", "B", "A", "B", "A"],
    ...                        "code": ["pay", "pay", "pay", "growth", "growth", "growth", "pay"]})
    >>> r = agreement(coding, n_boot=0)
    >>> r.table.loc["overall", ["n_units", "alpha"]].round(4).tolist()
    [8.0, 0.2857]
    """
    _check_ci(ci_level, n_boot)
    if uncoded not in ("exclude", "include"):
        raise AnalysisError(f"uncoded must be 'exclude' or 'include', got {uncoded!r}")
    missing = [c for c in ("segment_id", "coder", "code") if c not in coding.columns]
    if missing:
        raise AnalysisError(f"the coding table lacks columns {missing}")
    all_coders = sorted(coding["coder"].unique())
    coders = tuple(all_coders if coders is None else coders)
    absent = [c for c in coders if c not in all_coders]
    if absent:
        raise AnalysisError(f"coders {absent} are not in the coding table; coders: {all_coders}")
    if len(coders) < 2:
        raise AnalysisError(f"agreement needs at least 2 coders, got {list(coders)}")
    sub = coding.loc[coding["coder"].isin(coders)].drop_duplicates(["segment_id", "coder", "code"])
    if uncoded == "include":
        if segments is None:
            raise AnalysisError("uncoded='include' needs the segments (every segment becomes a unit)")
        seg = segments_frame(segments)
        if role is not None and "role" in seg.columns:
            seg = seg.loc[seg["role"] == role]
        units = list(dict.fromkeys(list(seg["segment_id"]) + sorted(set(sub["segment_id"]) - set(seg["segment_id"]))))
    else:
        units = list(dict.fromkeys(sub["segment_id"]))
    code_list = list(codes) if codes is not None else list(dict.fromkeys(sub["code"]))
    unit_ix = {u: i for i, u in enumerate(units)}
    coder_ix = {c: i for i, c in enumerate(coders)}
    code_ix = {c: i for i, c in enumerate(code_list)}
    x = np.zeros((len(code_list), len(units), len(coders)), dtype=np.int8)  # 1 = applied
    keep = sub["code"].isin(code_ix)
    x[sub.loc[keep, "code"].map(code_ix).to_numpy(), sub.loc[keep, "segment_id"].map(unit_ix).to_numpy(), sub.loc[keep, "coder"].map(coder_ix).to_numpy()] = 1
    n_u, n_c = len(units), len(coders)
    if n_u < 2:
        raise AnalysisError(f"agreement needs at least 2 units, got {n_u}")
    w = _boot_weights(n_u, n_boot, seed) if n_boot else None
    rows, undefined = [], []
    for k, code in enumerate(code_list + ["overall"]):
        if code == "overall":
            ones = x.sum(axis=2).reshape(-1)  # (code, unit) pooled
            wk = np.tile(w, (1, len(code_list))) if w is not None else None
        else:
            ones = x[k].sum(axis=1)
            wk = w
        counts = np.column_stack([n_c - ones, ones]).astype(float)  # absent, applied
        row = {"n_units": float(len(ones)), "n_applied": float((ones > 0).sum()), "pct_agreement": 100.0 * float(((ones == 0) | (ones == n_c)).mean())}
        d, m, cc = _nominal_parts(counts)
        if (cc.sum(axis=0) > 0).sum() < 2:
            undefined.append(code)
            continue
        a, *_ = _nominal_alpha(d, m, cc)
        kap = _fleiss_parts(counts)[0] if n_c > 2 else _cohen_binary(x, k, code, code_list)
        row.update({"alpha": float(a), "alpha_ci_low": np.nan, "alpha_ci_high": np.nan, "kappa": float(kap), "kappa_ci_low": np.nan, "kappa_ci_high": np.nan})
        if wk is not None:
            ra = _nominal_alpha(d, m, cc, wk)
            rk = _fleiss_parts(counts, wk) if n_c > 2 else _cohen_binary_boot(x, k, code, code_list, wk)
            ra, rk = ra[np.isfinite(ra)], rk[np.isfinite(rk)]
            if len(ra):
                row["alpha_ci_low"], row["alpha_ci_high"] = _percentile(ra, ci_level)
            if len(rk):
                row["kappa_ci_low"], row["kappa_ci_high"] = _percentile(rk, ci_level)
        row["code"] = code
        rows.append(row)
    table = pd.DataFrame(rows).set_index("code")
    if "overall" not in table.index:
        raise AnalysisError("agreement is undefined: every coder applied every code to every unit")
    if n_boot == 0:
        table = table.drop(columns=[c for c in table.columns if c.endswith(("_ci_low", "_ci_high"))])
    table["n_units"] = table["n_units"].astype("int64")
    table["n_applied"] = table["n_applied"].astype("int64")
    return AgreementResult(table, coders, uncoded, n_u, ci_level, n_boot, seed, tuple(undefined))


def _binary_pairs(x, k, code, code_list):
    if code == "overall":
        return x[:, :, 0].reshape(-1), x[:, :, 1].reshape(-1)
    return x[k, :, 0], x[k, :, 1]


def _cohen_binary(x, k, code, code_list) -> float:
    a, b = _binary_pairs(x, k, code, code_list)
    t = np.zeros((2, 2))
    np.add.at(t, (a, b), 1.0)
    kappa, *_ = _cohen_from_table(t)
    return kappa


def _cohen_binary_boot(x, k, code, code_list, w) -> np.ndarray:
    a, b = _binary_pairs(x, k, code, code_list)
    onehot = np.zeros((len(a), 4))
    onehot[np.arange(len(a)), a.astype(int) * 2 + b.astype(int)] = 1.0
    tabs = (w @ onehot).reshape(-1, 2, 2)
    tabs = tabs / tabs.sum(axis=(1, 2))[:, None, None]
    po = tabs[:, 0, 0] + tabs[:, 1, 1]
    pc = tabs.sum(axis=2)[:, 0] * tabs.sum(axis=1)[:, 0] + tabs.sum(axis=2)[:, 1] * tabs.sum(axis=1)[:, 1]
    with np.errstate(divide="ignore", invalid="ignore"):
        return (po - pc) / (1 - pc)
