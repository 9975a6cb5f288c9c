"""Agreement statistics against R (psych 2.2.9; hand formulas in R) and Krippendorff (2011).

The expected values are in tests/reference/interviews/agreement_reference.csv, written by
agreement_reference.R (see its header for the calls and data sources).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import survey as sv
from survey.errors import AnalysisError

from pathlib import Path

REFERENCE = Path(__file__).resolve().parents[1] / "reference" / "interviews"


@pytest.fixture(scope="module")
def ref():
    table = pd.read_csv(REFERENCE / "agreement_reference.csv", dtype=str)
    return {(c, q): v for c, q, v in table.itertuples(index=False)}


def _read(name):
    return pd.read_csv(REFERENCE / name, dtype=str, keep_default_na=False)


def test_krippendorff_worked_example(ref):
    data = pd.read_csv(REFERENCE / "krippendorff_example.csv", index_col=0)
    r = sv.krippendorff_alpha(data, level="nominal", n_boot=0)
    assert round(r.estimate, 3) == 0.743  # Krippendorff (2011), p. 8
    assert r.estimate == pytest.approx(float(ref[("krippendorff_example", "alpha_nominal")]), abs=1e-12)
    assert r.n_values == int(ref[("krippendorff_example", "n_pairable_values")]) == 40
    assert r.n_units == 11  # unit 12 has one value only: not pairable
    import krippendorff

    assert r.estimate == pytest.approx(krippendorff.alpha(reliability_data=data.to_numpy(dtype=float), level_of_measurement="nominal"), abs=1e-12)
    # string labels give the same alpha; so does a list of lists with None
    labels = data.map(lambda v: None if pd.isna(v) else f"c{int(v)}")
    assert sv.krippendorff_alpha(labels, n_boot=0).estimate == pytest.approx(r.estimate, abs=1e-14)
    # other levels are delegated to the krippendorff package
    assert sv.krippendorff_alpha(data, level="interval", n_boot=0).estimate == pytest.approx(
        krippendorff.alpha(reliability_data=data.to_numpy(dtype=float), level_of_measurement="interval"), abs=1e-12
    )


def _wide_table(seed: int = 0) -> np.ndarray:
    """5 coders x 5,000 units, six categories, 10% missing (the benchmark's table)."""
    rng = np.random.default_rng(seed)
    truth = rng.integers(0, 6, 5000)
    data = np.where(rng.random((5, 5000)) < 0.8, truth, rng.integers(0, 6, (5, 5000))).astype(float)
    data[rng.random(data.shape) < 0.1] = np.nan
    return data


def test_krippendorff_wide_table_matches_package_and_is_not_slower():
    import time

    import krippendorff

    data = _wide_table()
    expected = krippendorff.alpha(reliability_data=data, level_of_measurement="nominal")
    labels = np.where(np.isnan(data), None, np.array(list("abcdef"), dtype=object)[np.nan_to_num(data).astype(int)])
    for form in (data, pd.DataFrame(data), labels, labels.tolist(), pd.DataFrame(labels)):
        assert sv.krippendorff_alpha(form, n_boot=0).estimate == pytest.approx(expected, abs=1e-12)

    def best(call):
        times = []
        for _ in range(5):
            t0 = time.perf_counter()
            call()
            times.append(time.perf_counter() - t0)
        return min(times)

    ours = best(lambda: sv.krippendorff_alpha(data, n_boot=0))
    package = best(lambda: krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"))
    # a relative bound (robust to a loaded machine); it was 5-10x slower before the input stopped
    # going through a DataFrame built column by column
    assert ours <= 2 * package, (ours, package)


def test_krippendorff_bootstrap_is_seeded():
    data = pd.read_csv(REFERENCE / "krippendorff_example.csv", index_col=0)
    a = sv.krippendorff_alpha(data, n_boot=500, seed=7)
    b = sv.krippendorff_alpha(data, n_boot=500, seed=7)
    c = sv.krippendorff_alpha(data, n_boot=500, seed=8)
    assert (a.ci_low, a.ci_high) == (b.ci_low, b.ci_high)
    assert (a.ci_low, a.ci_high) != (c.ci_low, c.ci_high)
    assert a.ci_low <= a.estimate <= a.ci_high
    assert a.n_boot_valid == 500


@pytest.mark.parametrize("case", ["cohen_pairs", "cohen_binary"])
def test_cohen_kappa_against_psych(ref, case):
    d = _read(f"{case}.csv")
    a = [v or None for v in d["coder_a"]]
    b = [v or None for v in d["coder_b"]]
    r = sv.cohen_kappa(a, b)
    assert r.n == int(ref[(case, "n")])
    assert r.n_missing == len(d) - r.n
    assert r.estimate == pytest.approx(float(ref[(case, "kappa")]), abs=1e-12)
    assert r.se**2 == pytest.approx(float(ref[(case, "var_kappa")]), abs=1e-12)
    assert r.ci_low == pytest.approx(float(ref[(case, "ci_low")]), abs=1e-10)
    assert r.ci_high == pytest.approx(float(ref[(case, "ci_high")]), abs=1e-10)
    assert sv.cohen_kappa(a, b).kappa == r.estimate


def test_fleiss_kappa_against_r(ref):
    d = _read("fleiss_ratings.csv").set_index("unit")
    r = sv.fleiss_kappa(d, n_boot=200, seed=1)
    assert r.estimate == pytest.approx(float(ref[("fleiss_ratings", "kappa")]), abs=1e-12)
    assert r.se == pytest.approx(float(ref[("fleiss_ratings", "se0")]), abs=1e-12)
    assert r.statistic == pytest.approx(float(ref[("fleiss_ratings", "z")]), abs=1e-10)
    assert r.p_value == pytest.approx(float(ref[("fleiss_ratings", "p_value")]), rel=1e-8)
    assert r.ci_low < r.estimate < r.ci_high
    assert r.ci_low == sv.fleiss_kappa(d, n_boot=200, seed=1).ci_low


def test_fleiss_with_two_coders_equals_scott_pi_and_alpha_limit():
    # Fleiss' kappa with 2 coders is Scott's pi; Krippendorff's alpha -> pi as n grows:
    # alpha = 1 - (n-1)/n * (1 - pi) exactly for complete 2-coder nominal data
    rng = np.random.default_rng(3)
    a = rng.integers(0, 3, 50)
    b = np.where(rng.random(50) < 0.7, a, rng.integers(0, 3, 50))
    pi = sv.fleiss_kappa(np.column_stack([a, b]), n_boot=0).estimate
    alpha = sv.krippendorff_alpha([a, b], n_boot=0).estimate
    n = 100
    assert alpha == pytest.approx(1 - (n - 1) / n * (1 - pi), abs=1e-12)


def test_agreement_per_code_and_overall():
    coding = pd.DataFrame(
        {
            "segment_id": ["s1", "s1", "s2", "s2", "s3", "s3", "s4", "s5", "s5"],
            "coder": ["A", "B", "A", "B", "A", "B", "A", "A", "B"],
            "code": ["pay", "pay", "pay", "growth", "growth", "growth", "pay", "pay", "pay"],
        }
    )
    r = sv.agreement(coding, n_boot=300, seed=2)
    t = r.table
    assert list(t.index) == ["pay", "growth", "overall"]
    # pay over 5 units: A = 1,1,0,1,1; B = 1,0,0,0,1
    manual = sv.krippendorff_alpha([[1, 1, 0, 1, 1], [1, 0, 0, 0, 1]], n_boot=0).estimate
    assert t.loc["pay", "alpha"] == pytest.approx(manual, abs=1e-14)
    assert t.loc["pay", "kappa"] == pytest.approx(sv.cohen_kappa([1, 1, 0, 1, 1], [1, 0, 0, 0, 1]).estimate, abs=1e-14)
    assert t.loc["pay", "pct_agreement"] == pytest.approx(60.0)
    pooled = sv.krippendorff_alpha([[1, 1, 0, 1, 1, 0, 0, 1, 0, 0], [1, 0, 0, 0, 1, 0, 1, 1, 0, 0]], n_boot=0).estimate
    assert t.loc["overall", "alpha"] == pytest.approx(pooled, abs=1e-14)
    assert not t.isna().any().any()
    assert r.table.equals(sv.agreement(coding, n_boot=300, seed=2).table)
    assert "does not inflate agreement" in r.findings()[1]
    assert "Krippendorff's α" in r.findings()[0] and "Krippendorff's α" in r.findings("zh")[0]


def test_agreement_uncoded_include_raises_agreement(transcript_dir):
    ts = sv.load_transcripts(transcript_dir)
    ids = ts.segments.loc[ts.segments["role"] == "interviewee", "segment_id"].tolist()
    coding = pd.DataFrame({"segment_id": [ids[0], ids[0], ids[1], ids[2]], "coder": ["A", "B", "A", "B"], "code": ["salary"] * 4})
    ex = sv.agreement(coding, n_boot=0)
    inc = sv.agreement(coding, ts, uncoded="include", n_boot=0)
    assert ex.n_units == 3 and inc.n_units == len(ids)
    assert inc.table.loc["overall", "alpha"] > ex.table.loc["overall", "alpha"]
    assert "agreed absence" in inc.uncoded_statement


def test_agreement_bad_input():
    with pytest.raises(AnalysisError, match="at least 2 coders"):
        sv.agreement(pd.DataFrame({"segment_id": ["s1"], "coder": ["A"], "code": ["x"]}))
    with pytest.raises(AnalysisError, match="equally long"):
        sv.cohen_kappa([1, 2], [1])
    with pytest.raises(AnalysisError, match="undefined"):
        sv.cohen_kappa(["a", "a", "a"], ["a", "a", "a"])
    with pytest.raises(AnalysisError, match="undefined"):
        sv.krippendorff_alpha([[1, 1, 1], [1, 1, 1]])
    with pytest.raises(AnalysisError, match="pairable"):
        sv.krippendorff_alpha([[1, None, None], [None, 2, None]])
    with pytest.raises(AnalysisError, match="krippendorff_alpha instead"):
        sv.fleiss_kappa([[1, 2, None], [1, 1, 2]])
    with pytest.raises(AnalysisError, match="level"):
        sv.krippendorff_alpha([[1, 2], [1, 2]], level="ratioo")
