"""The data-generating model of the flagship talent-service study (seeded, vectorised, documented).

A city government surveys high-level talent about its talent services with the bundled
questionnaire ``talent_service`` (Herzberg's two-factor theory). This module simulates the answers
so that every conclusion of the study is known in advance (the *planted truth*, see
``analysis/talent_services/truth.yaml``). The model, step by step:

1. **Respondents.** Talent category (A 4%, B 12%, C 26%, D young talent 38%, other 20%), sector
   (university 32%, research institute 14%, enterprise 34%, healthcare 12%, other 8%), gender
   (63% male), and age band, education, professional title and years in the city drawn given the
   talent category (top talent is older, holds doctorates and senior titles; young talent is new
   to the city).
2. **Latent satisfaction per service construct** (8 constructs: 4 hygiene, 4 motivator):
   ``eta_j = sqrt(.2)·g + sqrt(.8)·u_j + shift_j``, with a general "halo" ``g`` and unique parts
   ``u_j``, all standard normal, so construct scores correlate about .15. Planted group differences
   (``shift_j``, centred on the population): talent categories D and other are *lower* on
   ``subsidy_housing`` than A, B and C (standardised d ≈ 0.5 on the construct score: young and
   uncertified talent get smaller subsidies); the enterprise sector is lower on
   ``innovation_platform`` (d ≈ 0.4 against every other sector). Gender has **no** effect.
3. **Items.** ``y* = λ·eta_j + sqrt(1 − λ²)·e`` with loadings λ = .72–.86, cut at thresholds
   (−1.6, −0.7, 0.3, 1.3) shifted per construct so that the construct means hit the targets in
   :data:`PERFORMANCE` (Cronbach's α ≈ .80–.90). The attention-check row ATTN is answered 4
   ("满意") by every attentive respondent.
4. **Overall satisfaction** responds to each service *as the respondent rates it* (the construct
   mean ``P_j`` on 1–5), asymmetrically around a kink ``k_j``:
   ``S = Σ_j [b⁻_j·min(P_j − k_j, 0) + b⁺_j·max(P_j − k_j, 0)] + N(0, 0.30²)``.
   Hygiene services: b⁻ = 1.2, b⁺ = 0.05, k = 3 (ratings below the midpoint cut overall
   satisfaction, higher ratings add almost nothing: *basic*). Motivators: b⁻ = 0.05, b⁺ = 1.2,
   k = 3.5 (ratings above "satisfied" raise it, lower ones hardly matter: *excitement*). One
   hygiene service, ``work_conditions``, is planted *symmetric* (b⁻ = b⁺ = 1.0, k = 3:
   *performance*). The OS items are ``λ·z(S) + noise``, cut at thresholds.
5. **Intention to stay** (``0.75·z(S) + noise``) and **recommend** (``0.80·z(S) + noise``) depend
   only on overall satisfaction. ST3 ("I often think about leaving") is reverse-keyed: it is
   answered as ``6 − x`` of a consistent answer x.
6. **Importance** of the 8 service dimensions: a personal "everything matters" propensity plus
   noise, cut so that the means hit :data:`IMPORTANCE`. With performance from step 3, two hygiene
   services (``subsidy_housing``, ``living_conditions``) have high importance and low performance:
   the IPA "concentrate here" quadrant, whether the crosshairs sit at the scale midpoint or at the
   data means.
7. **Kano pairs**: each respondent's category per attribute is drawn from :data:`KANO`
   (dominant: housing subsidy M, children's schooling M, one-stop service O, research-platform
   funding A, career training A, each at least 18 points ahead of the runner-up) and turned into a
   (functional, dysfunctional) answer pair consistent with the Kano evaluation table.
8. **Durations** (所用时间) are log-normal (median about 7 minutes), kept within 200–1800 s.

Data problems with known respondents are planted by :func:`survey.datasets.build.generate`.

Examples
--------
>>> df = simulate_talent_responses(200, seed=1)
>>> df.shape[0], int(df["ATTN"].eq(4).all())
(200, 1)
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy.special import ndtr

__all__ = [
    "simulate_talent_responses",
    "CONSTRUCT_ITEMS",
    "ROLES",
    "EFFECTS",
    "PERFORMANCE",
    "IMPORTANCE",
    "KANO",
    "KANO_ITEMS",
    "LIKERT_ITEMS",
    "DEMOGRAPHICS",
]

# ---- the planted structure --------------------------------------------------------------------

CONSTRUCT_ITEMS: dict[str, list[str]] = {
    "policy_admin": ["PA1", "PA2", "PA3", "PA4"],
    "subsidy_housing": ["SH1", "SH2", "SH3", "SH4"],
    "living_conditions": ["LC1", "LC2", "LC3", "LC4"],
    "work_conditions": ["WC1", "WC2", "WC3"],
    "achievement_recognition": ["AR1", "AR2", "AR3"],
    "career_growth": ["CG1", "CG2", "CG3", "CG4"],
    "autonomy": ["AU1", "AU2", "AU3"],
    "innovation_platform": ["IN1", "IN2", "IN3"],
}
ROLES = {c: ("hygiene" if i < 4 else "motivator") for i, c in enumerate(CONSTRUCT_ITEMS)}
#: (b_minus, b_plus, planted class) per construct: slopes of overall satisfaction below/above 3.
EFFECTS: dict[str, tuple[float, float, str]] = {
    "policy_admin": (1.2, 0.05, "basic"),
    "subsidy_housing": (1.2, 0.05, "basic"),
    "living_conditions": (1.2, 0.05, "basic"),
    "work_conditions": (1.0, 1.0, "performance"),
    "achievement_recognition": (0.05, 1.2, "excitement"),
    "career_growth": (0.05, 1.2, "excitement"),
    "autonomy": (0.05, 1.2, "excitement"),
    "innovation_platform": (0.05, 1.2, "excitement"),
}
#: where the slope changes (scale points of the construct mean).
KINKS = {c: (3.5 if ROLES[c] == "motivator" else 3.0) for c in EFFECTS}

#: target mean of each construct's items (performance in the IPA).
PERFORMANCE = {
    "policy_admin": 3.50,
    "subsidy_housing": 2.70,
    "living_conditions": 2.85,
    "work_conditions": 3.55,
    "achievement_recognition": 3.65,
    "career_growth": 3.45,
    "autonomy": 3.75,
    "innovation_platform": 3.15,
}
#: target mean of the stated importance item of each construct.
IMPORTANCE = {
    "policy_admin": 3.75,
    "subsidy_housing": 4.50,
    "living_conditions": 4.40,
    "work_conditions": 4.15,
    "achievement_recognition": 3.85,
    "career_growth": 4.25,
    "autonomy": 3.60,
    "innovation_platform": 3.80,
}
IMPORTANCE_ITEMS = {"policy_admin": "IM_PA", "subsidy_housing": "IM_SH", "living_conditions": "IM_LC", "work_conditions": "IM_WC",
                    "achievement_recognition": "IM_AR", "career_growth": "IM_CG", "autonomy": "IM_AU", "innovation_platform": "IM_IN"}
LOADINGS = {
    "PA1": .74, "PA2": .82, "PA3": .78, "PA4": .80, "SH1": .80, "SH2": .86, "SH3": .76, "SH4": .72,
    "LC1": .76, "LC2": .74, "LC3": .80, "LC4": .78, "WC1": .84, "WC2": .78, "WC3": .80,
    "AR1": .84, "AR2": .78, "AR3": .82, "CG1": .76, "CG2": .80, "CG3": .78, "CG4": .82,
    "AU1": .82, "AU2": .80, "AU3": .85, "IN1": .82, "IN2": .86, "IN3": .76,
    "OS1": .86, "OS2": .82, "OS3": .80, "ST1": .86, "ST2": .82, "ST3": .80, "RC1": .84, "RC2": .80, "RC3": .82,
}
OUTCOME_ITEMS = {"overall_satisfaction": ["OS1", "OS2", "OS3"], "intention_stay": ["ST1", "ST2", "ST3"], "recommend": ["RC1", "RC2", "RC3"]}
OUTCOME_MEANS = {"overall_satisfaction": 3.35, "intention_stay": 3.45, "recommend": 3.40}
THRESHOLDS = np.array([-1.6, -0.7, 0.3, 1.3])
HALO = 0.2  # shared variance of the latent constructs
OS_NOISE = 0.30  # sd of the noise in overall satisfaction (scale points)
#: planted group differences: (construct, grouping, lower groups (codes), target d on the construct score).
GROUP_EFFECTS = [
    ("subsidy_housing", "talent_category", (4, 5), 0.5),
    ("innovation_platform", "sector", (3,), 0.4),
]
#: latent shifts giving the target d on the observed construct score (calibrated on n = 400,000).
GROUP_SHIFTS = {"subsidy_housing": 0.545, "innovation_platform": 0.435}

#: Kano category shares per attribute, in the order M, O, A, I, R, Q.
KANO_CATS = ("M", "O", "A", "I", "R", "Q")
KANO = {
    "housing_subsidy": (0.48, 0.22, 0.08, 0.14, 0.04, 0.04),
    "children_schooling": (0.46, 0.18, 0.10, 0.18, 0.04, 0.04),
    "one_stop_service": (0.20, 0.44, 0.16, 0.14, 0.03, 0.03),
    "research_funding": (0.10, 0.17, 0.46, 0.19, 0.04, 0.04),
    "career_training": (0.12, 0.16, 0.42, 0.22, 0.04, 0.04),
}
KANO_ITEMS = {"housing_subsidy": ("KF_HOUSE", "KD_HOUSE"), "children_schooling": ("KF_SCHOOL", "KD_SCHOOL"),
              "one_stop_service": ("KF_ONESTOP", "KD_ONESTOP"), "research_funding": ("KF_FUND", "KD_FUND"),
              "career_training": ("KF_TRAIN", "KD_TRAIN")}

DEMOGRAPHICS = ["gender", "age", "education", "title", "talent_category", "years_city", "sector"]
CATEGORY_P = [0.04, 0.12, 0.26, 0.38, 0.20]
SECTOR_P = [0.32, 0.14, 0.34, 0.12, 0.08]
# conditional distributions given talent category (rows A, B, C, D, other)
AGE_P = [[0, 0, .10, .50, .40], [0, .05, .40, .45, .10], [.05, .25, .50, .18, .02], [.45, .40, .15, 0, 0], [.30, .35, .25, .08, .02]]
EDU_P = [[0, .05, .10, .85], [0, .05, .20, .75], [0, .10, .35, .55], [0, .10, .45, .45], [.05, .35, .45, .15]]
TITLE_P = [[0, 0, 0, .10, .90], [0, 0, .05, .35, .60], [0, .05, .30, .45, .20], [.10, .35, .45, .10, 0], [.25, .30, .30, .12, .03]]
YEARS_P = [[.10, .20, .20, .25, .25], [.08, .22, .22, .25, .23], [.08, .25, .22, .25, .20], [.25, .45, .18, .10, .02], [.15, .30, .20, .20, .15]]

#: every Likert item answered on the satisfaction/agreement/importance scales, in questionnaire order.
LIKERT_ITEMS = ([i for c in list(CONSTRUCT_ITEMS)[:4] for i in CONSTRUCT_ITEMS[c]][:14] + ["ATTN", "WC3"]
                + [i for c in list(CONSTRUCT_ITEMS)[4:] for i in CONSTRUCT_ITEMS[c]]
                + [i for v in OUTCOME_ITEMS.values() for i in v] + list(IMPORTANCE_ITEMS.values()))


def _offset(target_mean: float, thresholds: np.ndarray = THRESHOLDS) -> float:
    """Shift d such that 1 + Σ_k Φ(d − t_k) equals the target mean of a 1–5 item (bisection)."""
    lo, hi = -6.0, 6.0
    for _ in range(80):
        mid = (lo + hi) / 2
        if 1 + ndtr(mid - thresholds).sum() < target_mean:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2


def _cut(ystar: np.ndarray, offset: float) -> np.ndarray:
    """Ordinal answers 1–5 from latent responses."""
    return 1 + (ystar[..., None] > (THRESHOLDS - offset)).sum(axis=-1)


def _categorical(rng: np.random.Generator, probs: np.ndarray) -> np.ndarray:
    """One draw (codes 1..k) per row of a probability matrix."""
    cum = np.cumsum(probs, axis=1)
    cum[:, -1] = 1.0
    u = rng.random(len(probs))
    return 1 + (u[:, None] > cum).sum(axis=1)


def _kano_pairs(rng: np.random.Generator, category: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(functional, dysfunctional) answers consistent with each drawn Kano category (0=M … 5=Q)."""
    n = len(category)
    mid3 = rng.choice([2, 3, 4], size=n, p=[.4, .4, .2])
    mid3b = rng.choice([2, 3, 4], size=n, p=[.25, .5, .25])
    f = np.empty(n, dtype=np.int64)
    d = np.empty(n, dtype=np.int64)
    m = category == 0  # must-be: neutral-ish if present, dislike if absent
    f[m], d[m] = mid3[m], 5
    m = category == 1  # one-dimensional: like / dislike
    f[m], d[m] = 1, 5
    m = category == 2  # attractive: like / neutral-ish
    f[m], d[m] = 1, mid3b[m]
    m = category == 3  # indifferent
    f[m], d[m] = mid3[m], mid3b[m]
    m = category == 4  # reverse: dislike if present (or like if absent)
    flip = rng.random(n) < 0.5
    f[m & flip], d[m & flip] = 5, mid3b[m & flip]
    f[m & ~flip], d[m & ~flip] = mid3[m & ~flip], 1
    m = category == 5  # questionable: like/like or dislike/dislike
    f[m & flip], d[m & flip] = 1, 1
    f[m & ~flip], d[m & ~flip] = 5, 5
    return f, d


def simulate_talent_responses(n: int, *, seed: int | None = 2026, latent: bool = False) -> pd.DataFrame:
    """Simulate ``n`` attentive respondents of the talent-service study (numeric codes, no problems).

    Vectorised: 100,000 respondents take about a second. The model is the module docstring's.

    Parameters
    ----------
    n : int
        Number of respondents (at least 1).
    seed : int or None
        Seed of the numpy generator; the same seed gives the same data.
    latent : bool
        Also return the latent construct values (``eta_<construct>``) and the overall-satisfaction
        index ``S`` (for checking the model, not for analysis).

    Returns
    -------
    DataFrame
        One row per respondent (index ``respondent`` 1..n): the 7 demographics, every Likert item
        (codes 1–5, ST3 already reversed as answered), the Kano pairs and ``duration_s``.
    """
    if not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be a positive integer, got {n!r}")
    rng = np.random.default_rng(seed)
    out: dict[str, np.ndarray] = {}
    cat = rng.choice(np.arange(1, 6), size=n, p=CATEGORY_P)
    ci = cat - 1
    out["gender"] = np.where(rng.random(n) < 0.63, 1, 2)
    out["age"] = _categorical(rng, np.asarray(AGE_P)[ci])
    out["education"] = _categorical(rng, np.asarray(EDU_P)[ci])
    out["title"] = _categorical(rng, np.asarray(TITLE_P)[ci])
    out["talent_category"] = cat
    out["years_city"] = _categorical(rng, np.asarray(YEARS_P)[ci])
    out["sector"] = rng.choice(np.arange(1, 6), size=n, p=SECTOR_P)

    g = rng.standard_normal(n)
    eta = {}
    for c in CONSTRUCT_ITEMS:
        e = np.sqrt(HALO) * g + np.sqrt(1 - HALO) * rng.standard_normal(n)
        for construct, grouping, lower, _d in GROUP_EFFECTS:
            if construct == c:
                low = np.isin(out[grouping], lower).astype(float)
                share = sum(CATEGORY_P[k - 1] for k in lower) if grouping == "talent_category" else sum(SECTOR_P[k - 1] for k in lower)
                e = e - GROUP_SHIFTS[c] * (low - share)
        eta[c] = e
    perf = {}
    for c, items in CONSTRUCT_ITEMS.items():
        off = _offset(PERFORMANCE[c])
        answers = []
        for item in items:
            lam = LOADINGS[item]
            x = _cut(lam * eta[c] + np.sqrt(1 - lam**2) * rng.standard_normal(n), off)
            out[item] = x
            answers.append(x)
        perf[c] = np.mean(answers, axis=0)
    out["ATTN"] = np.full(n, 4)

    s = sum(EFFECTS[c][0] * np.minimum(perf[c] - KINKS[c], 0) + EFFECTS[c][1] * np.maximum(perf[c] - KINKS[c], 0) for c in CONSTRUCT_ITEMS)
    s = s + OS_NOISE * rng.standard_normal(n)
    zs = (s - s.mean()) / s.std()
    outcome_latent = {
        "overall_satisfaction": zs,
        "intention_stay": 0.75 * zs + np.sqrt(1 - 0.75**2) * rng.standard_normal(n),
        "recommend": 0.80 * zs + np.sqrt(1 - 0.80**2) * rng.standard_normal(n),
    }
    for o, items in OUTCOME_ITEMS.items():
        off = _offset(OUTCOME_MEANS[o])
        for item in items:
            lam = LOADINGS[item]
            out[item] = _cut(lam * outcome_latent[o] + np.sqrt(1 - lam**2) * rng.standard_normal(n), off)
    out["ST3"] = 6 - out["ST3"]  # "I often think about leaving": answered reversed

    h = rng.standard_normal(n)
    for c, item in IMPORTANCE_ITEMS.items():
        out[item] = _cut(0.5 * h + np.sqrt(0.75) * rng.standard_normal(n), _offset(IMPORTANCE[c]))

    for attr, (fi, di) in KANO_ITEMS.items():
        kcat = rng.choice(6, size=n, p=KANO[attr])
        out[fi], out[di] = _kano_pairs(rng, kcat)

    out["duration_s"] = np.clip(np.round(np.exp(np.log(420) + 0.35 * rng.standard_normal(n))), 200, 1800).astype(np.int64)
    frame = pd.DataFrame(out, index=pd.RangeIndex(1, n + 1, name="respondent"))
    kano_cols = [c for pair in KANO_ITEMS.values() for c in pair]
    order = DEMOGRAPHICS + LIKERT_ITEMS + [c for c in kano_cols if c.startswith("KF")] + [c for c in kano_cols if c.startswith("KD")] + ["duration_s"]
    frame = frame[order].astype("int64")
    if latent:
        for c in CONSTRUCT_ITEMS:
            frame[f"eta_{c}"] = eta[c]
        frame["S"] = s
    return frame
