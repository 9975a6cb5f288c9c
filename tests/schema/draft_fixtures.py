"""Small exports in the layouts real platforms write, for the questionnaire drafter's tests.

Every export holds the same seeded answers: gender, age (a fill-in; three answers carry the unit
"岁"), education, a four-row satisfaction matrix whose last row is worded the other way round
(its answers run against the others), a multiple-choice question, open suggestions and a phone
number (personal data).
"""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pandas as pd

SAT = ["非常不满意", "不满意", "一般", "满意", "非常满意"]
EDU = ["本科", "硕士研究生", "博士研究生"]
SERVICES = ["人才公寓", "子女入学", "配偶就业"]
ROWS = ["住房保障", "子女教育", "医疗服务", "考虑离开"]
UNIT_ROWS = (3, 7, 11)  # respondents whose age is written "45岁"
META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]


def answers(n: int = 40, seed: int = 7) -> pd.DataFrame:
    """The answers as codes: one row per respondent."""
    rng = np.random.default_rng(seed)
    latent = rng.normal(0, 1, n)
    out = {"gender": rng.integers(1, 3, n), "age": rng.integers(25, 61, n), "education": rng.integers(1, 4, n)}
    for k in range(4):
        score = np.clip(np.round(3 + 1.1 * latent + rng.normal(0, 0.6, n)), 1, 5).astype(int)
        out[f"S{k + 1}"] = 6 - score if k == 3 else score
    out["services"] = [sorted(rng.choice(3, size=rng.integers(1, 3), replace=False) + 1) for _ in range(n)]
    return pd.DataFrame(out)


def _meta(k: int) -> list[str]:
    return [str(k + 1), f"2026/10/03 12:{k % 60:02d}:14", f"{200 + 5 * k}秒", "微信", "微信群", f"117.2.6.{k}(四川-绵阳)"]


def wjx_rows(data: pd.DataFrame, kind: str) -> list[list[str]]:
    """The 问卷星 answer-text ("text") or answer-code ("numeric") export as rows of text."""
    header = META + ["1、您的性别", "2、您的年龄", "3、您的最高学历"] + [f"4、({row})" for row in ROWS]
    header += [f"第5题({s})" for s in SERVICES] if kind == "numeric" else ["5、您需要哪些服务"]
    header += ["6、您对人才服务有何建议", "7、您的手机号码"]
    rows = [header]
    for k, r in data.iterrows():
        age = f"{r.age}岁" if k in UNIT_ROWS else str(r.age)
        if kind == "numeric":
            cells = [str(r.gender), age, str(r.education)] + [str(r[f"S{j}"]) for j in range(1, 5)]
            cells += ["1" if s + 1 in r.services else "0" for s in range(3)]
        else:
            cells = ["男" if r.gender == 1 else "女", age, EDU[r.education - 1]] + [SAT[r[f"S{j}"] - 1] for j in range(1, 5)]
            cells += ["┋".join(SERVICES[s - 1] for s in r.services)]
        cells += [f"建议{k}：增加人才公寓" if k % 3 else "", f"138{k:08d}"]
        rows.append(_meta(k) + cells)
    return rows


def write_xlsx(rows: list[list[str]], path: Path) -> Path:
    pd.DataFrame(rows[1:], columns=rows[0]).to_excel(path, index=False)
    return path


def write_wjx_pair(folder: Path, n: int = 40) -> tuple[Path, Path]:
    """(numeric export, text export) of the same answers, both .xlsx."""
    data = answers(n)
    return write_xlsx(wjx_rows(data, "numeric"), folder / "wjx_numeric.xlsx"), write_xlsx(wjx_rows(data, "text"), folder / "wjx_text.xlsx")


def write_sav(path: Path, n: int = 40) -> Path:
    """An SPSS file: value labels, a declared user-missing code 9, an unlabelled numeric age."""
    import pyreadstat

    data = answers(n)
    frame = pd.DataFrame({"id": [f"{k + 1:05d}" for k in range(n)], "gender": data["gender"].astype(float), "age": data["age"].astype(float)})
    for j in range(1, 5):
        frame[f"S{j}"] = data[f"S{j}"].astype(float)
    frame.loc[5, "S2"] = 9.0
    agree = {1.0: "Strongly disagree", 2.0: "Disagree", 3.0: "Neither agree nor disagree", 4.0: "Agree", 5.0: "Strongly agree", 9.0: "Not answered"}
    pyreadstat.write_sav(
        frame, str(path),
        column_labels=["Respondent", "Gender", "Age in years"] + [f"Statement {j}" for j in range(1, 5)],
        variable_value_labels={"gender": {1.0: "Male", 2.0: "Female"}, **{f"S{j}": agree for j in range(1, 5)}},
        missing_ranges={f"S{j}": [9.0] for j in range(1, 5)},
        variable_measure={"gender": "nominal", **{f"S{j}": "ordinal" for j in range(1, 5)}},
    )
    return path


AGREE_EN = ["Strongly disagree", "Somewhat disagree", "Neither agree nor disagree", "Somewhat agree", "Strongly agree"]


def write_qualtrics(path: Path, n: int = 40) -> Path:
    """A Qualtrics CSV (three header rows: ids, question texts, ImportId JSON) with choice texts."""
    data = answers(n)
    system = ["StartDate", "EndDate", "Status", "IPAddress", "Progress", "Duration (in seconds)", "Finished", "RecordedDate", "ResponseId"]
    fields = system + ["Q1", "Q2_1", "Q2_2", "Q2_3", "Q2_4", "Q3", "Q3_4_TEXT", "Q4"]
    texts = system + ["What is your gender?"] + [f"How much do you agree? - {s}" for s in ("Housing", "Schooling", "Medical care", "I think of leaving")]
    texts += ["Which service matters most?", "Which service matters most? - Other - Text", "Any suggestions?"]
    imports = [f'{{"ImportId":"{f}"}}' for f in fields]
    rows = [fields, texts, imports]
    for k, r in data.iterrows():
        choice = ["Housing", "Schooling", "Medical care", "Other"][k % 4]
        rows.append(["2026-10-03 12:00:00", "2026-10-03 12:06:00", "0", f"10.0.0.{k}", "100", str(300 + k), "1", "2026-10-03 12:06:00", f"R_{k:04d}x",
                     ["Male", "Female"][r.gender - 1]] + [AGREE_EN[r[f"S{j}"] - 1] for j in range(1, 5)]
                    + [choice, "Parking" if choice == "Other" else "", f"More housing, please ({k})" if k % 2 else ""])
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path
