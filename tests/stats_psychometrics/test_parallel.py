"""parallel_analysis retains what psych::fa.parallel retains by default (the 95th percentile rule)."""

from __future__ import annotations

from collections import Counter

import survey.stats.psychometrics as sv


def test_default_rule_is_psychs_95th_percentile(bfi_cc, ref):
    """On the bfi Agreeableness items (complete cases on all 25 items) psych keeps 2 factors for all 20
    seeds (parallel_seeds.R); the simulated-mean rule keeps 3 for some seeds. Simulations differ
    (random number streams), the decision must not."""
    a = bfi_cc[[f"A{i}" for i in range(1, 6)]]
    psych = Counter(ref("parallel_seeds")["bfi_a"]["nfact"])
    ours = Counter(sv.parallel_analysis(a, kind="fa", seed=s).n_suggested for s in range(20))
    assert psych == {2: 20} and ours == psych
    assert sv.parallel_analysis(a, kind="fa", seed=0).quantile == 0.95
    mean_rule = Counter(sv.parallel_analysis(a, kind="fa", seed=s, quantile=None).n_suggested for s in range(20))
    assert mean_rule[3] > 0  # Horn's mean rule, still available, is the one that kept a third factor
