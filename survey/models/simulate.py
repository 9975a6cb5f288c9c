"""A seeded generator of two-factor survey data with planted truth.

Talent-service attributes rated 1–5; overall satisfaction built from pure-penalty (hygiene),
pure-reward (motivator) and symmetric effects; Kano answer pairs drawn from known category
distributions; stated importance; and a loyalty score that is linear in the standardized
attributes with known weights (so the population relative weights are known exactly).
Used by the tests (every class and weight recovered at n = 2,000) and the flagship demo.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from .._result import Result
from ..errors import AnalysisError
from .kano import KANO_TABLE

__all__ = ["SimulatedStudy", "simulate_two_factor"]

# attribute, a-priori role, penalty, reward, planted PRCA class, Kano distribution (A O M I R Q),
# stated importance mean, loyalty weight
_SPEC = [
    ("subsidy", "hygiene", -0.8, 0.0, "basic", (0.05, 0.15, 0.60, 0.15, 0.03, 0.02), 4.5, 0.50),
    ("housing", "hygiene", -0.7, 0.05, "basic", (0.05, 0.20, 0.55, 0.15, 0.03, 0.02), 4.4, 0.40),
    ("schooling", "hygiene", -0.9, 0.0, "basic", (0.05, 0.15, 0.65, 0.10, 0.03, 0.02), 4.6, 0.30),
    ("platform", "motivator", 0.0, 0.8, "excitement", (0.60, 0.15, 0.05, 0.15, 0.03, 0.02), 3.4, 0.20),
    ("growth", "motivator", -0.05, 0.75, "excitement", (0.55, 0.20, 0.05, 0.15, 0.03, 0.02), 3.6, 0.10),
    ("recognition", "motivator", -0.45, 0.45, "performance", (0.15, 0.55, 0.15, 0.10, 0.03, 0.02), 3.8, 0.0),
]
_RATING_P = np.array([0.12, 0.18, 0.30, 0.24, 0.16])  # rating distribution of every attribute
_CATS = ("A", "O", "M", "I", "R", "Q")


@dataclass(frozen=True)
class SimulatedStudy(Result):
    """Simulated respondents and the planted truth.

    ``data``: ``overall`` (mean of ``sat1``–``sat3``), ``sat1``–``sat3`` (1–5), ``loyalty``
    (continuous), one 1–5 rating per attribute. ``functional``/``dysfunctional``: Kano answers
    (1–5) per attribute. ``importance``: stated importance (1–5) per attribute. ``truth``: per
    attribute ``role``, ``penalty``, ``reward``, ``prca_class``, ``kano_category``, ``kano_p_*``,
    ``stated_mean`` and the population ``relative_weight`` of the attribute for ``loyalty``.
    """

    data: pd.DataFrame
    functional: pd.DataFrame
    dysfunctional: pd.DataFrame
    importance: pd.DataFrame
    truth: pd.DataFrame
    seed: int

    @property
    def roles(self) -> dict[str, str]:
        return self.truth["role"].to_dict()

    def to_frame(self) -> pd.DataFrame:
        return self.data

    def findings(self, lang: str = "en", style: str | None = None) -> list[str]:
        n = len(self.data)
        return [f"模拟数据：{n}名受访者，{len(self.truth)}项服务属性（种子 {self.seed}）。" if lang == "zh"
                else f"Simulated data: {n} respondents, {len(self.truth)} service attributes (seed {self.seed})."]


def _pairs_by_category() -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {c: [] for c in _CATS}
    for f in KANO_TABLE.index:
        for d in KANO_TABLE.columns:
            out[KANO_TABLE.loc[f, d]].append((int(f), int(d)))
    return out


def simulate_two_factor(n: int = 2000, *, seed: int = 0, noise: float = 0.5) -> SimulatedStudy:
    """Simulate a talent-service satisfaction survey with planted two-factor structure.

    Examples
    --------
    >>> s = simulate_two_factor(100, seed=1)
    >>> s.data.shape, s.truth.loc["subsidy", "prca_class"]
    ((100, 11), 'basic')
    """
    if int(n) != n or n < 10:
        raise AnalysisError(f"simulate_two_factor: n must be a whole number >= 10, got {n!r}")
    rng = np.random.default_rng(seed)
    names = [s[0] for s in _SPEC]
    ratings = pd.DataFrame({a: rng.choice(np.arange(1, 6), size=n, p=_RATING_P) for a in names})
    latent = np.full(n, 3.3)
    for a, _, pen, rew, *_ in _SPEC:
        latent += pen * (ratings[a] <= 2) + rew * (ratings[a] == 5)
    latent += rng.normal(0, noise, n)
    sat = pd.DataFrame({f"sat{i}": np.clip(np.round(latent + rng.normal(0, 0.35, n)), 1, 5).astype(int) for i in (1, 2, 3)})
    mu = float((_RATING_P * np.arange(1, 6)).sum())
    sd = float(np.sqrt((_RATING_P * (np.arange(1, 6) - mu) ** 2).sum()))
    w = np.array([s[7] for s in _SPEC])
    loyalty = ((ratings.to_numpy() - mu) / sd) @ w + rng.normal(0, 0.5, n)
    data = pd.concat([sat.mean(axis=1).rename("overall"), sat, pd.Series(loyalty, name="loyalty"), ratings], axis=1)
    pairs = _pairs_by_category()
    fun, dys = {}, {}
    for a, *_, kp, _, _ in _SPEC:
        cats = rng.choice(len(_CATS), size=n, p=np.array(kp) / sum(kp))
        picks = [pairs[_CATS[c]][rng.integers(len(pairs[_CATS[c]]))] for c in cats]
        fun[a] = [p[0] for p in picks]
        dys[a] = [p[1] for p in picks]
    importance = pd.DataFrame({a: np.clip(np.round(rng.normal(s_mean, 0.7, n)), 1, 5).astype(int)
                               for a, *_, s_mean, _ in _SPEC})
    total_var = float(w @ w) + 0.25
    truth = pd.DataFrame(
        {
            "role": [s[1] for s in _SPEC],
            "penalty": [s[2] for s in _SPEC],
            "reward": [s[3] for s in _SPEC],
            "prca_class": [s[4] for s in _SPEC],
            "kano_category": [_CATS[int(np.argmax(s[5]))] for s in _SPEC],
            **{f"kano_p_{c}": [s[5][i] for s in _SPEC] for i, c in enumerate(_CATS)},
            "stated_mean": [s[6] for s in _SPEC],
            "loyalty_weight": w,
            "relative_weight": w**2 / total_var,
        },
        index=pd.Index(names, name="attribute"),
    )
    return SimulatedStudy(data=data, functional=pd.DataFrame(fun), dysfunctional=pd.DataFrame(dys),
                          importance=importance, truth=truth, seed=seed)
