"""Screening as SQL predicates counts what the in-memory screen writes in its ledger."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from survey.engines import scan
from survey.engines.screening import screen_counts
from survey.io import load_responses
from survey.schema import questionnaire_from_dict

SCALE5 = {i: f"level {i}" for i in range(1, 6)}
Q = questionnaire_from_dict(
    {
        "id": "screened",
        "title": "screened",
        "id_column": "id",
        "scales": {"s5": {"labels": SCALE5, "missing": {9: "no answer"}}},
        "items": [*[{"id": f"a{i}", "text": f"a{i}", "scale": "s5"} for i in range(1, 5)],
                  *[{"id": f"b{i}", "text": f"b{i}", "scale": "s5"} for i in range(1, 4)]],
        "constructs": [{"id": "A", "name": "A", "items": ["a1", "a2", "a3", "a4"]},
                       {"id": "B", "name": "B", "items": ["b1", "b2", "b3"]}],
    }
)
N = 3_000


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    rng = np.random.default_rng(5)
    x = np.clip(np.rint(3 + rng.normal(size=(N, 1)) + rng.normal(scale=0.8, size=(N, 7))), 1, 5).astype(int)
    x[rng.choice(N, 60, replace=False)] = rng.integers(1, 6, size=(60, 1))  # straight-liners in both blocks
    x[rng.choice(N, 20, replace=False), :4] = 2  # the same in one block only
    x[rng.choice(N, 30, replace=False), 5] = 9  # declared missing: not invalid
    x[rng.choice(N, 25, replace=False), rng.integers(0, 7)] = 7  # outside the scale
    frame = pd.DataFrame(x, columns=[*[f"a{i}" for i in range(1, 5)], *[f"b{i}" for i in range(1, 4)]])
    frame.insert(0, "id", [f"{k:05d}" for k in range(N)])
    folder = tmp_path_factory.mktemp("screen")
    frame.to_csv(folder / "export.csv", index=False)
    frame.to_parquet(folder / "export.parquet")
    return folder


@pytest.mark.parametrize("scope", ["all", "any"])
@pytest.mark.parametrize("engine", ["duckdb", "dask"])
def test_counts_equal_the_ledger(files, engine, scope):
    raw = load_responses(files / "export.csv", Q, on_invalid="flag")
    clean = raw.screen(duplicate_id=False, duplicate_answers=False, partial=False, attention_failed=False, speeder=False,
                       straightline_scope=scope)
    ledger = {e.rule: e.n for e in clean.ledger if e.step == "exclude"}
    counts = screen_counts(scan(files / "export.parquet", Q, engine=engine), straightline_scope=scope).set_index("rule")["n"]
    assert ledger["invalid"] >= 20 and ledger["straightliner"] >= 60
    assert counts.to_dict() == {"input": N, "invalid": ledger["invalid"], "straightliner": ledger["straightliner"], "used": len(clean)}


@pytest.mark.parametrize("engine", ["duckdb", "dask"])
def test_statistics_refuse_codes_that_are_not_answers(files, engine):
    """A scan averages what the files hold: a declared missing code (9) or a code outside the scale
    (7) would enter α as a value, so a statistic on such columns is refused with them named, while
    columns free of them compute as the in-memory load does."""
    import survey as sv

    raw = load_responses(files / "export.csv", Q, on_invalid="flag")
    lazy = scan(files / "export.parquet", Q, engine=engine)
    frame = pd.read_parquet(files / "export.parquet")
    sevens = [c for c in frame.columns[1:] if (frame[c] == 7).any()]
    with pytest.raises(sv.AnalysisError, match=r"declared missing codes or codes outside the scale in .*b2 \(30 rows\)"):
        sv.cronbach_alpha(lazy[["b1", "b2", "b3"]])
    clean = [c for c in ("a1", "a2", "a3", "a4") if c not in sevens]
    if len(clean) >= 2:
        got = sv.cronbach_alpha(lazy[clean])
        assert got.alpha == pytest.approx(sv.cronbach_alpha(raw.data[clean]).alpha, abs=1e-9)
