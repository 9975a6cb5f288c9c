"""Generated Wenjuanxing (问卷星) exports for tests, from the documented layouts (FORMATS.md).

``make_export(q, n, seed, kind)`` builds the answer-text export ("按选项文本": labels, multiple
choice joined with "┋", ranking with "→", "其他〖…〗" specify texts) or the code export
("按选项序号": codes, multiple choice split into 0/1 columns "第4题(选项)"), with the metadata
columns first (序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP), from any questionnaire, and
returns the table of text cells and the data a loader should produce. Writers save it as GBK CSV,
UTF-8-BOM CSV, UTF-16 TSV or xlsx.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd

from survey.schema import questionnaire_from_dict

SMALL = {
    "id": "small",
    "title": {"zh": "人才服务小问卷", "en": "Small talent-service questionnaire"},
    "id_column": "序号",
    "scales": {
        "sat": {
            "labels": {
                1: {"zh": "非常不满意", "en": "very dissatisfied"},
                2: {"zh": "不满意", "en": "dissatisfied"},
                3: {"zh": "一般", "en": "neutral"},
                4: {"zh": "满意", "en": "satisfied"},
                5: {"zh": "非常满意", "en": "very satisfied"},
            },
            "missing": {-2: {"zh": "(跳过)", "en": "skipped"}, -3: {"zh": "未显示", "en": "not shown"}},
        },
        "gender": {"ordered": False, "labels": {1: {"zh": "男", "en": "male"}, 2: {"zh": "女", "en": "female"}}},
        "services": {
            "ordered": False,
            "labels": {1: "人才公寓", 2: "子女入学", 3: "配偶就业", 4: "其他"},
            "missing": {-3: {"zh": "(跳过)", "en": "skipped"}},
        },
    },
    "items": [
        {"id": "gender", "number": "1", "type": "single", "scale": "gender", "text": {"zh": "您的性别", "en": "Gender"}},
        {"id": "age", "number": "2", "type": "numeric", "min": 18, "max": 80, "text": {"zh": "您的年龄", "en": "Age"}},
        {"id": "S1", "number": "3", "scale": "sat", "text": {"zh": "您对以下服务的满意度", "en": "Satisfaction"}, "row": {"zh": "住房保障", "en": "housing"}},
        {"id": "S2", "number": "3", "scale": "sat", "text": {"zh": "您对以下服务的满意度", "en": "Satisfaction"}, "row": {"zh": "子女教育", "en": "schooling"}},
        {"id": "S3", "number": "3", "scale": "sat", "text": {"zh": "您对以下服务的满意度", "en": "Satisfaction"}, "row": {"zh": "医疗服务", "en": "medical care"}},
        {"id": "services", "number": "4", "type": "multiple", "scale": "services", "text": {"zh": "您需要哪些服务", "en": "Services needed"}},
        {"id": "rank", "number": "5", "type": "ranking", "scale": "services", "text": {"zh": "请对以下服务排序", "en": "Rank the services"}},
        {"id": "phone", "number": "6", "type": "text", "personal": True, "text": {"zh": "您的手机号码", "en": "Mobile"}},
        {"id": "comment", "number": "7", "type": "text", "text": {"zh": "您的建议", "en": "Suggestions"}},
    ],
}

TEXTS = ["NA", "None", "00123", "很好", "=1+1", "", "建议增加人才公寓", "null"]
CHANNELS = ["微信", "手机提交", "链接"]


def small_questionnaire():
    return questionnaire_from_dict(SMALL)


def _duration_text(seconds: int) -> str:
    return f"{seconds}秒" if seconds < 60 else f"{seconds // 60}分{seconds % 60}秒"


def make_export(q, n: int = 40, *, seed: int = 0, kind: str = "text", missing_share: float = 0.1):
    """(cells, expected, expected_missing): the export as a DataFrame of strings, the data a loader
    should produce (index = 序号 as strings), and {(column, code): count} of declared missing codes."""
    rng = np.random.default_rng(seed)
    cells: dict[str, list[str]] = {
        "序号": [str(i + 1) for i in range(n)],
        "提交答卷时间": [f"2026/10/{3 + i % 20:02d} 12:{i % 60:02d}:14" for i in range(n)],
        "所用时间": [_duration_text(int(s)) for s in rng.integers(40, 900, n)],
        "来源": [CHANNELS[i % 3] for i in range(n)],
        "来源详情": ["N/A"] * n,
        "来自IP": [f"117.2.6.{i % 250}(四川-绵阳)" for i in range(n)],
    }
    expected: dict[str, list] = {}
    missing: dict[tuple, int] = {}
    for item in q.items:
        scale = q.scales.get(item.scale) if item.scale else None
        head = f"{item.number}、" if item.number else ""
        header = f"{head}({item.row.zh})" if item.row is not None else f"{head}{item.text.zh}"
        if item.type in ("likert", "single"):
            codes = rng.choice(scale.codes, n)
            skip = rng.random(n) < (missing_share if scale.missing else 0)
            skip_code = sorted(scale.missing)[0] if scale.missing else None
            col, exp = [], []
            for c, s in zip(codes, skip):
                if s:
                    col.append(str(skip_code) if kind == "numeric" else scale.missing[skip_code].zh)
                    exp.append(np.nan)
                    missing[(item.id, skip_code)] = missing.get((item.id, skip_code), 0) + 1
                else:
                    col.append(str(c) if kind == "numeric" else scale.labels[int(c)].zh)
                    exp.append(float(c))
            cells[header + ("  " if item.row is None else "")] = col  # trailing spaces, as in real exports
            expected[item.id] = exp
        elif item.type == "numeric":
            values = rng.integers(int(item.min or 0), int(item.max or 100) + 1, n)
            cells[header] = [str(v) for v in values]
            expected[item.id] = [float(v) for v in values]
        elif item.type == "text":
            values = [TEXTS[i % len(TEXTS)] if item.id != "phone" else f"138{rng.integers(0, 10**8):08d}" for i in range(n)]
            cells[header] = values
            expected[item.id] = [v if v != "" else None for v in values]
        elif item.type in ("multiple", "ranking"):
            codes = list(scale.codes)
            chosen_rows = []
            for i in range(n):
                k = int(rng.integers(1, len(codes) + 1))
                chosen_rows.append([int(c) for c in rng.permutation(codes)[:k]])
            if item.type == "multiple":
                chosen_rows = [sorted(r) for r in chosen_rows]
            other_texts = [None] * n
            if kind == "text":
                col = []
                for i, chosen in enumerate(chosen_rows):
                    labels = []
                    for c in chosen:
                        label = scale.labels[c].zh
                        if label == "其他" and item.type == "multiple" and i % 2 == 0:
                            other_texts[i] = f"人才驿站{i}"
                            label = f"其他〖人才驿站{i}〗"
                        labels.append(label)
                    col.append(("┋" if item.type == "multiple" else "→").join(labels))
                cells[f"{head}{item.text.zh}"] = col
            else:
                for c in codes:
                    label = scale.labels[c].zh
                    if item.type == "multiple":
                        cells[f"第{item.number}题({label})"] = ["1" if c in r else "0" for r in chosen_rows]
                    else:
                        cells[f"第{item.number}题({label})"] = [str(r.index(c) + 1) if c in r else "" for r in chosen_rows]
            for c in codes:
                if item.type == "multiple":
                    expected[f"{item.id}_{c}"] = [1.0 if c in r else 0.0 for r in chosen_rows]
                else:
                    expected[f"{item.id}_{c}"] = [float(r.index(c) + 1) if c in r else np.nan for r in chosen_rows]
            if any(other_texts):
                expected[f"{item.id}_other"] = other_texts
    cells_frame = pd.DataFrame(cells)
    index = pd.Index([str(i + 1) for i in range(n)], dtype="str", name="respondent")
    exp = pd.DataFrame({k: (pd.Series(v, index=index, dtype="str") if any(isinstance(x, str) for x in v) else pd.Series(v, index=index, dtype=float)) for k, v in expected.items()})
    return cells_frame, exp, missing


def write_delimited(cells: pd.DataFrame, path: Path, *, encoding: str = "utf-8", sep: str = ",") -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=sep, lineterminator="\r\n")
    writer.writerow(cells.columns)
    writer.writerows(cells.itertuples(index=False))
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def write_xlsx(cells: pd.DataFrame, path: Path, *, numbers: bool = False) -> Path:
    """Save as xlsx; with ``numbers``, numeric-looking cells (without a leading zero) are stored as numbers."""
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(list(cells.columns))
    for row in cells.itertuples(index=False):
        out = []
        for v in row:
            if numbers and v.lstrip("-").isdigit() and not (len(v.lstrip("-")) > 1 and v.lstrip("-")[0] == "0") and len(v) < 15:
                out.append(int(v))
            else:
                out.append(v if v != "" else None)
        ws.append(out)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    wb.save(path)
    return path
