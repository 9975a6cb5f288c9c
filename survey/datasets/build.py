"""Build the flagship data set: the survey with planted data problems, its exports and the truth file.

``python -m survey.datasets.build`` regenerates everything shipped in ``survey/datasets/talent_services/``
and ``analysis/talent_services/truth.yaml`` (seed 2026). The same seed gives byte-identical files.

Planted data problems (respondents chosen at random among the 599 simulated ones, then numbered
by submission time as the platform does):

* 8 speeders: durations 45–110 s (the median is about 7 minutes); their answers follow the model.
* 6 straight-liners: "满意" (4) on every row of every matrix, Kano questions included (so they pass
  the attention check: instructed-response items alone do not catch them).
* 5 careless respondents who fail the attention check (ATTN ≠ 4): every matrix answer random.
* 1 duplicate submission: an exact repeat of an earlier respondent's answers, 1–3 minutes later,
  from the same IP, with a new 序号.
* 1 out-of-range code: a 6 in LC3 of the numeric export, the unknown label "很满意" in the text export.
* 3 respondents who left LC1 (and one also LC2) unanswered: an empty cell in both exports (with
  every item required they are partial completes; a declared missing code such as -2 "(跳过)"
  would count as an answer).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ._xlsx import BLANK
from .talent import (CONSTRUCT_ITEMS, DEMOGRAPHICS, EFFECTS, GROUP_EFFECTS, IMPORTANCE, IMPORTANCE_ITEMS, KANO, KANO_CATS,
                     KANO_ITEMS, KINKS, LIKERT_ITEMS, OUTCOME_ITEMS, PERFORMANCE, ROLES, simulate_talent_responses)

__all__ = ["TalentStudy", "generate", "write_talent_services", "simulate_wjx_frame", "DEFAULT_SEED", "N_ROWS"]

DEFAULT_SEED = 2026
N_ROWS = 600
PROBLEM_COUNTS = {"speeder": 8, "straightliner": 6, "attention_failed": 5, "invalid": 1, "partial": 3}
OUT_OF_RANGE = {"item": "LC3", "numeric": 6, "text": "很满意"}
LOCATIONS = [("四川-绵阳", .62), ("四川-成都", .12), ("重庆-重庆", .05), ("北京-北京", .04), ("上海-上海", .03),
             ("陕西-西安", .04), ("广东-深圳", .03), ("湖北-武汉", .03), ("四川-德阳", .04)]
CHANNELS = [("微信", "微信群", .55), ("手机提交", "直接访问", .25), ("链接", "直接访问", .20)]
IP_FIRST = [117, 118, 112, 183, 221, 36, 39, 223, 60, 61, 171, 182, 125, 27, 110, 106]
KANO_COLS = [c for pair in KANO_ITEMS.values() for c in pair]
MATRIX_ITEMS = LIKERT_ITEMS + KANO_COLS


@dataclass(frozen=True)
class TalentStudy:
    """The generated survey: codes (index 序号), metadata, the text-export overrides and the truth."""

    codes: pd.DataFrame
    meta: pd.DataFrame
    text_overrides: dict
    truth: dict


def _ips(rng: np.random.Generator, n: int) -> list[str]:
    first = rng.choice(IP_FIRST, size=n)
    rest = rng.integers(1, 255, size=(n, 3))
    places = rng.choice(len(LOCATIONS), size=n, p=[p for _, p in LOCATIONS])
    return [f"{a}.{b}.{c}.{d}({LOCATIONS[k][0]})" for a, (b, c, d), k in zip(first, rest, places)]


def generate(seed: int = DEFAULT_SEED) -> TalentStudy:
    """Simulate the study, plant the data problems and collect the planted truth (no files written)."""
    base = simulate_talent_responses(N_ROWS - 1, seed=seed)
    rng = np.random.default_rng([seed, 1])
    n = len(base)
    keys = rng.permutation(n)
    role = np.array(["ok"] * n, dtype=object)
    start = 0
    for problem, k in PROBLEM_COUNTS.items():
        role[keys[start:start + k]] = problem
        start += k
    original_key = int(keys[start])  # the respondent who will submit twice (earlier half of the field period)
    answers = base.drop(columns="duration_s").copy()
    duration = base["duration_s"].to_numpy().copy()

    sp = role == "speeder"
    duration[sp] = rng.integers(45, 111, size=sp.sum())
    sl = role == "straightliner"
    answers.loc[sl, MATRIX_ITEMS] = 4
    duration[sl] = rng.integers(200, 331, size=sl.sum())
    at = role == "attention_failed"
    answers.loc[at, MATRIX_ITEMS] = rng.integers(1, 6, size=(at.sum(), len(MATRIX_ITEMS)))
    answers.loc[at, "ATTN"] = rng.choice([1, 2, 3, 5], size=at.sum())

    # submission times over three weeks, mostly in the daytime
    day = rng.integers(0, 22, size=n)
    second = rng.integers(8 * 3600, 23 * 3600, size=n)
    when = pd.Timestamp("2026-09-21") + pd.to_timedelta(day, unit="D") + pd.to_timedelta(second, unit="s")
    meta = pd.DataFrame({"when": when, "duration_s": duration, "ip": _ips(rng, n)}, index=answers.index)
    ch = rng.choice(len(CHANNELS), size=n, p=[p for *_, p in CHANNELS])
    meta["channel"] = [CHANNELS[k][0] for k in ch]
    meta["channel_detail"] = [CHANNELS[k][1] for k in ch]
    meta["role"] = role
    # the duplicate submission: same answers and IP, one to three minutes later
    dup = answers.loc[[original_key + 1]].copy()
    dup_meta = meta.loc[[original_key + 1]].copy()
    dup_meta["when"] = dup_meta["when"] + pd.to_timedelta(int(rng.integers(60, 181)), unit="s")
    dup_meta["duration_s"] = int(dup_meta["duration_s"].iloc[0]) + int(rng.integers(-40, 41))
    dup_meta["role"] = "duplicate_answers"
    meta.loc[original_key + 1, "role"] = "duplicate_original"
    answers = pd.concat([answers, dup], ignore_index=True)
    meta = pd.concat([meta, dup_meta], ignore_index=True)
    order = np.argsort(meta["when"].to_numpy(), kind="stable")
    answers = answers.iloc[order].reset_index(drop=True)
    meta = meta.iloc[order].reset_index(drop=True)
    ids = pd.Index(np.arange(1, len(answers) + 1), name="序号")
    answers.index = ids
    meta.index = ids
    meta["submitted"] = meta["when"].dt.strftime("%Y/%m/%d %H:%M:%S")

    overrides = {}
    invalid_id = int(meta.index[meta["role"] == "invalid"][0])
    answers.loc[invalid_id, OUT_OF_RANGE["item"]] = OUT_OF_RANGE["numeric"]
    overrides[(invalid_id, OUT_OF_RANGE["item"])] = OUT_OF_RANGE["text"]
    partial_ids = [int(i) for i in meta.index[meta["role"] == "partial"]]
    blank = [(i, "LC1") for i in partial_ids] + [(partial_ids[0], "LC2")]
    for i, item in blank:
        answers.loc[i, item] = BLANK

    problems = {p: [int(i) for i in meta.index[meta["role"] == p]] for p in ("speeder", "straightliner", "attention_failed")}
    dup_id = int(meta.index[meta["role"] == "duplicate_answers"][0])
    orig_id = int(meta.index[meta["role"] == "duplicate_original"][0])
    problems["duplicate_answers"] = {"respondent": dup_id, "duplicate_of": orig_id}
    problems["invalid"] = {"respondent": invalid_id, "item": OUT_OF_RANGE["item"], "numeric_export": OUT_OF_RANGE["numeric"],
                           "text_export": OUT_OF_RANGE["text"]}
    problems["partial"] = {"respondents": partial_ids, "blank_cells": [{"respondent": i, "item": it} for i, it in blank]}
    _self_check(answers, meta, problems)
    truth = _truth(seed, answers, meta, problems)
    return TalentStudy(answers, meta[["submitted", "duration_s", "channel", "channel_detail", "ip", "role"]], overrides, truth)


def simulate_wjx_frame(n: int, *, seed: int | None = DEFAULT_SEED, kind: str = "numeric") -> pd.DataFrame:
    """A Wenjuanxing-style export of ``n`` simulated respondents as a DataFrame (for benchmarks).

    Same model as the bundled data, no planted problems, vectorised (100,000 rows in a few
    seconds); nothing is written. Columns are the export's headers (序号 … 来自IP, then
    ``1、您的性别`` … ``21、(职业发展培训)``); ``kind="text"`` gives answer labels, ``"numeric"`` codes.

    >>> simulate_wjx_frame(3, seed=1, kind="text").iloc[:, 6].tolist()[:1][0] in ("男", "女")
    True
    """
    from ..schema import load_questionnaire
    from ._xlsx import META_COLUMNS, wjx_headers

    if kind not in ("text", "numeric"):
        raise ValueError(f"kind must be 'text' or 'numeric', got {kind!r}")
    q = load_questionnaire("talent_service")
    sim = simulate_talent_responses(n, seed=seed)
    rng = np.random.default_rng([0 if seed is None else seed, 3])
    when = pd.Timestamp("2026-09-21") + pd.to_timedelta(rng.integers(0, 22 * 86400, size=n), unit="s")
    ch = rng.choice(len(CHANNELS), size=n, p=[p for *_, p in CHANNELS])
    cols: dict[str, object] = {
        "序号": np.arange(1, n + 1),
        "提交答卷时间": pd.Series(np.sort(when.to_numpy())).dt.strftime("%Y/%m/%d %H:%M:%S").to_numpy(),
        "所用时间": pd.Series(sim["duration_s"].to_numpy()).astype(str).add("秒").to_numpy(),
        "来源": np.array([c[0] for c in CHANNELS], dtype=object)[ch],
        "来源详情": np.array([c[1] for c in CHANNELS], dtype=object)[ch],
        "来自IP": np.array(_ips(rng, n), dtype=object),
    }
    headers = wjx_headers(q)
    for item in q.item_ids:
        codes = sim[item].to_numpy()
        if kind == "numeric":
            cols[headers[item]] = codes
        else:
            scale = q.scale_of(item)
            lut = np.array([""] + [scale.labels[k].zh if k in scale.labels else "" for k in range(1, 6)], dtype=object)
            cols[headers[item]] = lut[codes]
    frame = pd.DataFrame(cols)
    return frame[META_COLUMNS + [headers[i] for i in q.item_ids]]


def _flagged(answers: pd.DataFrame, meta: pd.DataFrame) -> dict[str, list[int]]:
    """The respondents each quality rule flags (as survey.prep.quality defines the rules)."""
    valid = answers.where(answers != BLANK)
    out = {"speeder": [int(i) for i in meta.index[meta["duration_s"] < meta["duration_s"].median() / 3]]}
    same = np.ones(len(answers), dtype=bool)
    for items in list(CONSTRUCT_ITEMS.values()) + list(OUTCOME_ITEMS.values()):
        block = valid[items]
        complete = block.notna().all(axis=1).to_numpy()
        same &= ~complete | (block.nunique(axis=1) == 1).to_numpy()
    out["straightliner"] = [int(i) for i in answers.index[same]]
    out["attention_failed"] = [int(i) for i in answers.index[answers["ATTN"] != 4]]
    out["duplicate_answers"] = [int(i) for i in answers.index[answers.duplicated(keep="first")]]
    out["invalid"] = [int(i) for i in answers.index[(~answers.isin([1, 2, 3, 4, 5, BLANK])).any(axis=1)]]
    out["partial"] = [int(i) for i in answers.index[(answers == BLANK).any(axis=1)]]
    return out


def _self_check(answers: pd.DataFrame, meta: pd.DataFrame, problems: dict) -> None:
    flagged = _flagged(answers, meta)
    planted = {
        "speeder": problems["speeder"],
        "straightliner": problems["straightliner"],
        "attention_failed": problems["attention_failed"],
        "duplicate_answers": [problems["duplicate_answers"]["respondent"]],
        "invalid": [problems["invalid"]["respondent"]],
        "partial": problems["partial"]["respondents"],
    }
    for rule, ids in planted.items():
        if sorted(flagged[rule]) != sorted(ids):
            raise RuntimeError(f"generator self-check: rule {rule} flags {flagged[rule]} but {ids} were planted (change the seed)")


def _alpha(x: np.ndarray) -> float:
    k = x.shape[1]
    c = np.cov(x, rowvar=False)
    return float(k / (k - 1) * (1 - np.trace(c) / c.sum()))


def _cohen_d(a: np.ndarray, b: np.ndarray) -> float:
    pooled = ((len(a) - 1) * a.var(ddof=1) + (len(b) - 1) * b.var(ddof=1)) / (len(a) + len(b) - 2)
    return float((a.mean() - b.mean()) / np.sqrt(pooled))


def _group_p_values(clean: pd.DataFrame, scores: pd.DataFrame) -> dict:
    from scipy import stats

    out: dict[str, dict[str, float]] = {}
    for by in ("gender", "talent_category", "sector"):
        out[by] = {}
        for c in CONSTRUCT_ITEMS:
            groups = [scores[c].to_numpy()[clean[by].to_numpy() == k] for k in sorted(clean[by].unique())]
            if by == "gender":
                p = stats.ttest_ind(groups[0], groups[1], equal_var=False).pvalue
            else:
                p = stats.f_oneway(*groups).pvalue
            out[by][c] = _r(p)
    return out


def _kano_class(f: np.ndarray, d: np.ndarray) -> np.ndarray:
    table = np.array([list("QAAAO"), list("RIIIM"), list("RIIIM"), list("RIIIM"), list("RRRRQ")])
    return table[f - 1, d - 1]


def _r(x: float) -> float:
    return round(float(x), 4)


def _truth(seed: int, answers: pd.DataFrame, meta: pd.DataFrame, problems: dict) -> dict:
    clean = answers.loc[meta["role"].isin(["ok", "duplicate_original"])].astype(float)
    scored = clean.copy()
    scored["ST3"] = 6 - scored["ST3"]
    scores = pd.DataFrame({c: scored[i].mean(axis=1) for c, i in {**CONSTRUCT_ITEMS, **OUTCOME_ITEMS}.items()})
    constructs = {}
    for c, items in CONSTRUCT_ITEMS.items():
        constructs[c] = {
            "role": ROLES[c], "planted_class": EFFECTS[c][2], "items": items,
            "slope_below_kink": EFFECTS[c][0], "slope_above_kink": EFFECTS[c][1], "kink": KINKS[c],
            "target_mean": PERFORMANCE[c], "sample_mean": _r(scores[c].mean()), "sample_alpha": _r(_alpha(scored[items].to_numpy())),
            "importance_item": IMPORTANCE_ITEMS[c], "target_importance": IMPORTANCE[c],
            "sample_importance": _r(clean[IMPORTANCE_ITEMS[c]].mean()),
        }
    outcomes = {o: {"items": items, "sample_mean": _r(scores[o].mean()), "sample_alpha": _r(_alpha(scored[items].to_numpy())),
                    "reverse_keyed": ["ST3"] if o == "intention_stay" else []} for o, items in OUTCOME_ITEMS.items()}
    perf = scores[list(CONSTRUCT_ITEMS)].mean()
    imp = pd.Series({c: clean[IMPORTANCE_ITEMS[c]].mean() for c in CONSTRUCT_ITEMS})

    def quadrants(pc: float, ic: float) -> dict:
        out = {}
        for c in CONSTRUCT_ITEMS:
            hi_p, hi_i = perf[c] >= pc, imp[c] >= ic
            out[c] = "keep_up" if hi_p and hi_i else "concentrate" if hi_i else "overkill" if hi_p else "low_priority"
        return out

    q_scale, q_data = quadrants(3.0, 3.0), quadrants(perf.mean(), imp.mean())
    concentrate = sorted(c for c in CONSTRUCT_ITEMS if q_scale[c] == "concentrate" and q_data[c] == "concentrate")
    kano = {}
    for attr, (fi, di) in KANO_ITEMS.items():
        cls = pd.Series(_kano_class(clean[fi].astype(int).to_numpy(), clean[di].astype(int).to_numpy()))
        shares = cls.value_counts(normalize=True)
        kano[attr] = {"category": KANO_CATS[int(np.argmax(KANO[attr]))], "functional": fi, "dysfunctional": di,
                      "planted_shares": dict(zip(KANO_CATS, KANO[attr])),
                      "sample_shares": {k: _r(shares.get(k, 0.0)) for k in KANO_CATS}}
    groups = []
    for construct, grouping, lower, d in GROUP_EFFECTS:
        low = clean[grouping].isin(lower).to_numpy()
        groups.append({"construct": construct, "by": grouping, "lower_groups": list(lower), "planted_d": d,
                       "sample_d": _r(_cohen_d(scores[construct].to_numpy()[~low], scores[construct].to_numpy()[low])),
                       "meaning": "standardised mean difference, the other groups minus the lower groups, on the construct mean score"})
    male = clean["gender"].to_numpy() == 1
    groups.append({"construct": "all", "by": "gender", "lower_groups": [], "planted_d": 0.0,
                   "sample_d": {c: _r(_cohen_d(scores[c].to_numpy()[male], scores[c].to_numpy()[~male])) for c in CONSTRUCT_ITEMS},
                   "meaning": "no planted difference: men minus women"})
    excluded = sorted(problems["speeder"] + problems["straightliner"] + problems["attention_failed"]
                      + [problems["duplicate_answers"]["respondent"], problems["invalid"]["respondent"]] + problems["partial"]["respondents"])
    return {
        "study": "talent_services", "questionnaire": "talent_service", "seed": seed,
        "generator": "survey.datasets.build.generate (model: survey.datasets.talent)",
        "files": {"text_export": "survey/datasets/talent_services/wjx_text.xlsx",
                  "numeric_export": "survey/datasets/talent_services/wjx_numeric.xlsx"},
        "n_rows": int(len(answers)), "n_clean": int(len(clean)), "n_excluded": len(excluded),
        "performance_construct": "work_conditions",
        "constructs": constructs,
        "outcomes": outcomes,
        "ipa": {"importance": "stated (question 19)", "performance": "construct mean scores",
                "concentrate_here": concentrate, "quadrants_scale_centre": q_scale, "quadrants_data_centre": q_data,
                "data_centre": {"performance": _r(perf.mean()), "importance": _r(imp.mean())}},
        "kano": kano,
        "group_differences": groups,
        "group_tests": {"p_values": _group_p_values(clean, scores),
                        "meaning": "p-values in the clean sample (gender: Welch t; talent_category and sector: one-way ANOVA); "
                                   "differences not listed in group_differences are chance (about 1 in 20 tests falls below .05)"},
        "problems": problems,
        "expected_flags": _expected_flags(problems),
        "excluded_respondents": excluded,
        "id_note": "ids are the 序号 numbers of the exports; survey.load_responses keeps respondent ids as text ('42')",
        "screening_rules": "survey.prep.quality defaults: speeder < median/3 duration; straight-lining within every construct; "
                           "ATTN must be 4; partial = any required item left blank (a declared missing code is an answer); "
                           "duplicate answers keep the first",
    }


def _expected_flags(problems: dict) -> dict:
    """What survey.prep.quality should flag in each export (the same in both: the planted invalid
    cell is missing in the data but was not left blank, so it makes no partial complete)."""
    numeric = {
        "invalid": [problems["invalid"]["respondent"]],
        "duplicate_id": [],
        "duplicate_answers": [problems["duplicate_answers"]["respondent"]],
        "speeder": problems["speeder"],
        "straightliner": problems["straightliner"],
        "attention_failed": problems["attention_failed"],
        "partial": problems["partial"]["respondents"],
    }
    return {"numeric_export": numeric, "text_export": dict(numeric)}


def write_talent_services(out_dir: str | Path, *, seed: int = DEFAULT_SEED, truth_path: str | Path | None = None) -> dict[str, str]:
    """Write the flagship data set into ``out_dir``; returns {relative path: sha256}.

    Files: ``wjx_text.xlsx`` and ``wjx_numeric.xlsx`` (the two Wenjuanxing exports),
    ``interviews/T01.txt`` … ``T14.txt``, ``interviewees.csv``, ``coding_herzberg16.csv``,
    ``coding_talent_services.csv``; the truth file goes to ``truth_path`` (default
    ``out_dir/truth.yaml``).
    """
    import yaml

    from ..schema import load_questionnaire
    from ._interviews import write_interviews
    from ._xlsx import write_wjx_xlsx

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    q = load_questionnaire("talent_service")
    study = generate(seed)
    write_wjx_xlsx(study.codes, study.meta, q, out / "wjx_text.xlsx", kind="text", text_overrides=study.text_overrides)
    write_wjx_xlsx(study.codes, study.meta, q, out / "wjx_numeric.xlsx", kind="numeric")
    truth = dict(study.truth)
    truth["interviews"] = write_interviews(out, seed=seed)
    truth_file = Path(truth_path) if truth_path is not None else out / "truth.yaml"
    truth_file.parent.mkdir(parents=True, exist_ok=True)
    header = ("# The planted truth of the flagship study (generated by survey.datasets.build; do not edit by hand).\n"
              "# Respondent ids are the 序号 of the Wenjuanxing exports. See analysis/talent_services/README.md.\n")
    truth_file.write_text(header + yaml.safe_dump(truth, allow_unicode=True, sort_keys=False, width=120), encoding="utf-8")
    files = sorted(p for p in out.rglob("*") if p.is_file())
    return {str(p.relative_to(out)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


if __name__ == "__main__":  # pragma: no cover
    root = Path(__file__).resolve().parents[2]
    hashes = write_talent_services(Path(__file__).with_name("talent_services"), truth_path=root / "analysis" / "talent_services" / "truth.yaml")
    for name, digest in hashes.items():
        print(digest[:16], name)
