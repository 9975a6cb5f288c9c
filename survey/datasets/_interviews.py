"""Generated in-depth interviews of the flagship study: 14 Chinese transcripts, attributes, coding.

Each transcript is a critical-incident interview (Herzberg 1959): the interviewee tells of times
they felt especially good (*high* sequences) and especially bad (*low* sequences) about working in
the city, says how long the feeling lasted (*long* or *short range*), names causes and suggests
countermeasures. Factors are drawn so that about 80% of the factors in high sequences are
motivators and about 70% of those in low sequences are hygiene factors (Herzberg's proportions).

Personal data to redact is planted on purpose: the interviewee's and other people's names, mobile
numbers (plain, spaced, hyphenated, +86 and full-width), e-mail addresses, 18-digit resident ID
numbers with a valid check digit, and employer names. The truth file lists every one.

Two coders code each file: coder ``A`` is the reference (the planted codes); coder ``B`` drops,
swaps for a neighbouring code, or adds a code now and then, giving Cohen's κ of about .8.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np

from ._interview_text import (CAUSES, FIELDS, HIGH_PROMPTS, LONG_RANGE, LOW_PROMPTS, RANGE_PROMPTS, SHORT_RANGE, STORIES,
                              SUGGESTIONS)

__all__ = ["write_interviews", "resident_id", "PROFILES"]

MOTIVATORS = ("achievement", "recognition", "work_itself", "responsibility", "advancement", "growth")
HIGH_WEIGHTS = {"achievement": .30, "recognition": .25, "work_itself": .15, "responsibility": .10, "advancement": .08, "growth": .12}
HIGH_HYGIENE = {"salary": .3, "personal_life": .3, "policy_administration": .2, "working_conditions": .2}
LOW_WEIGHTS = {"policy_administration": .35, "salary": .20, "personal_life": .25, "working_conditions": .12, "job_security": .04,
               "relations_superior": .04}
LOW_MOTIVATORS = {"recognition": .4, "achievement": .3, "advancement": .3}
#: codes a second coder may confuse
CONFUSABLE = {
    "achievement": "recognition", "recognition": "achievement", "work_itself": "responsibility", "responsibility": "work_itself",
    "advancement": "growth", "growth": "advancement", "salary": "personal_life", "personal_life": "salary",
    "policy_administration": "working_conditions", "working_conditions": "policy_administration", "job_security": "salary",
    "relations_superior": "relations_peers",
    "p_unclear_responsibilities": "p_weak_staffing", "p_weak_staffing": "p_unclear_responsibilities",
    "p_poor_implementation": "p_unclear_responsibilities", "p_policy_supply": "p_weak_attraction", "p_weak_attraction": "p_policy_supply",
    "p_platform_level": "p_weak_sharing", "p_weak_sharing": "p_platform_level", "s_housing": "s_subsidies", "s_subsidies": "s_housing",
    "s_children_education": "s_spouse_employment", "s_spouse_employment": "s_children_education", "s_medical": "s_housing",
    "s_research_platform": "s_career_development", "s_career_development": "s_research_platform", "s_recognition": "s_career_development",
    "m_clarify_responsibilities": "m_strengthen_staffing", "m_strengthen_staffing": "m_clarify_responsibilities",
    "m_precise_supply": "m_raise_competitiveness", "m_raise_competitiveness": "m_precise_supply",
    "m_strengthen_implementation": "m_smart_platform", "m_smart_platform": "m_sharing_mechanism", "m_sharing_mechanism": "m_smart_platform",
    "c_fragmented_management": "c_departmental_barriers", "c_departmental_barriers": "c_fragmented_management",
    "c_needs_research": "c_weak_supervision", "c_weak_supervision": "c_needs_research", "c_fiscal_competition": "c_needs_research",
}

# interviewee, name, gender, honorific, talent category, sector, employer, years in city, birth year, high/low sequences
PROFILES = [
    ("T01", "王建华", "男", "老师", "B类", "高校", "绵州理工大学", 6, 1978, (2, 2)),
    ("T02", "李晓燕", "女", "博士", "D类", "科研院所", "西部光电研究院", 2, 1991, (2, 2)),
    ("T03", "张伟", "男", "总", "C类", "企业", "星河智能装备有限公司", 4, 1983, (2, 2)),
    ("T04", "刘芳", "女", "主任", "C类", "医疗卫生机构", "市第三人民医院", 8, 1980, (1, 2)),
    ("T05", "陈志强", "男", "博士", "D类", "企业", "涪江新材料科技有限公司", 1, 1993, (2, 2)),
    ("T06", "杨丽娟", "女", "教授", "A类", "高校", "绵州理工大学", 11, 1968, (2, 1)),
    ("T07", "赵磊", "男", "博士", "D类", "科研院所", "西南先进制造研究所", 3, 1990, (2, 2)),
    ("T08", "黄敏", "女", "老师", "其他", "高校", "绵州职业技术学院", 2, 1992, (1, 2)),
    ("T09", "周国栋", "男", "研究员", "B类", "科研院所", "西部光电研究院", 9, 1975, (3, 2)),
    ("T10", "吴婷", "女", "经理", "其他", "企业", "蜀川电子信息股份有限公司", 1, 1994, (2, 2)),
    ("T11", "徐海涛", "男", "医生", "C类", "医疗卫生机构", "市中心医院", 5, 1984, (2, 2)),
    ("T12", "孙佳", "女", "博士", "D类", "高校", "绵州理工大学", 3, 1992, (2, 3)),
    ("T13", "马骏", "男", "总", "C类", "企业", "星河智能装备有限公司", 7, 1981, (2, 2)),
    ("T14", "朱慧", "女", "研究员", "B类", "科研院所", "西南先进制造研究所", 10, 1977, (2, 2)),
]
COLLEAGUES = ["李建国", "陈红", "何永刚", "郭静", "罗文斌", "高飞", "林晓东", "郑秀兰", "谢宏伟", "韩雪"]
OFFICIALS = ["刘建平", "许丽萍", "邓志明", "曹晓红"]
REGIONS = ["510703", "510704", "510781", "510104", "500103", "610113"]
ID_IN = {"T02", "T07", "T11"}
EMAIL_IN = {"T01", "T03", "T06", "T09", "T10", "T13"}
PHONE_STYLES = ["plain", "spaced", "hyphen", "plus86", "fullwidth"]


def resident_id(region: str, birth: str, seq: int) -> str:
    """An 18-digit Chinese resident ID with its MOD 11-2 check digit (GB 11643-1999).

    >>> resident_id("110105", "19491231", 2)
    '11010519491231002X'
    """
    body = f"{region}{birth}{seq:03d}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]


def _phone(rng: np.random.Generator, style: str) -> str:
    prefix = str(rng.choice(["138", "139", "135", "136", "150", "158", "187", "189", "199", "177"]))
    digits = prefix + "".join(str(d) for d in rng.integers(0, 10, size=8))
    if style == "spaced":
        return f"{digits[:3]} {digits[3:7]} {digits[7:]}"
    if style == "hyphen":
        return f"{digits[:3]}-{digits[3:7]}-{digits[7:]}"
    if style == "plus86":
        return f"+86 {digits[:3]} {digits[3:7]} {digits[7:]}"
    if style == "fullwidth":
        return "".join(chr(ord(c) + 0xFEE0) for c in digits)
    return digits


def _pick(rng: np.random.Generator, weights: dict[str, float]) -> str:
    keys = list(weights)
    p = np.array([weights[k] for k in keys])
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def _factors(rng: np.random.Generator, valence: str, used: set[str]) -> list[str]:
    """One or two factors for a story; a factor whose stories were all told in this interview is
    replaced by another of the same kind (motivator or hygiene), so the kind's share is kept."""
    k = 2 if rng.random() < 0.3 else 1
    out: list[str] = []
    for _ in range(k):
        if valence == "high":
            weights = HIGH_WEIGHTS if rng.random() < 0.86 else HIGH_HYGIENE
        else:
            weights = LOW_WEIGHTS if rng.random() < 0.76 else LOW_MOTIVATORS
        free = {f: w for f, w in weights.items() if f not in out and any(t not in used for t, _ in STORIES[(f, valence)])}
        if free:
            out.append(_pick(rng, free))
    return out


class _Doc:
    """Builds a transcript line by line and records each turn's segment id as the loader computes it."""

    def __init__(self, stem: str, preamble: list[str]):
        self.stem = stem
        self.text = "\n".join(preamble) + "\n\n"
        self.turn = 0

    def say(self, label: str, content: str) -> str:
        self.turn += 1
        start = len(self.text) + len(label) + 1
        self.text += f"{label}：{content}\n"
        return f"{self.stem}#t{self.turn}@{start}-{start + len(content)}"


def _interview(profile, rng: np.random.Generator) -> dict:
    stem, name, gender, hon, cat, sector, org, years, birth, (n_high, n_low) = profile
    field = FIELDS[int(rng.integers(len(FIELDS)))]
    colleague = COLLEAGUES[int(rng.integers(len(COLLEAGUES)))]
    official = OFFICIALS[int(rng.integers(len(OFFICIALS)))]
    phone = _phone(rng, PHONE_STYLES[int(rng.integers(len(PHONE_STYLES)))])
    second_phone = _phone(rng, "spaced")
    pii = {"names": [name, colleague, official], "phones": [phone, second_phone], "emails": [], "resident_ids": [], "employers": [org]}
    fill = {"org": org, "colleague": colleague, "official": f"市人才办的{official}主任", "field": field}
    label = "受访者A" if stem in ("T05", "T12") else "受访者"
    day = 5 + int(stem[1:])
    doc = _Doc(stem, [f"访谈编号：{stem}", f"时间：2026年10月{day}日 {14 + day % 4}:00", f"地点：{org}会议室",
                      f"访谈方式：面对面半结构化访谈（关键事件法），已征得受访人同意录音", "记录整理：课题组"])
    coded: list[dict] = []  # reference coding: segment, codes (herzberg / services), incident
    sequences: list[dict] = []
    doc.say("访谈者", f"{name[0]}{hon}您好，感谢您抽空接受访谈。先请您简单介绍一下自己的情况。")
    intro = f"我叫{name}，{years}年前来到本市，现在在{org}工作，主要做{field}方面的工作，去年认定为{cat}人才。"
    if rng.random() < 0.5:
        intro += f"平时有事可以打我手机{phone}。"
    else:
        intro += f"我的手机号是{phone}，微信也是这个号。"
    doc.say(label, intro)
    doc.say("访谈者", "您平时接触比较多的人才服务有哪些？总体感觉怎么样？")
    services = f"用得比较多的是安家补贴、人才公寓和子女入学这几项，有问题一般找{fill['official']}。总体上有进步，但办事还是不太方便。"
    service_codes = ["s_subsidies", "s_housing", "s_children_education"]
    if stem in EMAIL_IN:
        email = f"{['wangjh', 'zhangwei.ai', 'yanglj', 'zhougd', 'wuting', 'majun'][sorted(EMAIL_IN).index(stem)]}{birth % 100}@example.com"
        pii["emails"].append(email)
        services += f"之前都是和人才办发邮件联系，我的邮箱是{email}，回复一般要等好几天。"
        service_codes.append("p_poor_implementation")
    if stem in ID_IN:
        rid = resident_id(REGIONS[int(rng.integers(len(REGIONS)))], f"{birth}{int(rng.integers(1, 13)):02d}{int(rng.integers(1, 29)):02d}",
                          int(rng.integers(10, 999)))
        pii["resident_ids"].append(rid)
        services += f"办人才卡的时候要填身份证号，我填的是{rid}，系统却一直提示格式不对，前后填了三遍。"
        service_codes.append("p_platform_level")
    sid = doc.say(label, services)
    coded.append({"segment_id": sid, "herzberg": [], "services": service_codes, "incident": None})

    order = ["high"] * n_high + ["low"] * n_low
    if rng.random() < 0.4:  # some interviewees start with a bad experience
        order = ["low"] + ["high"] * n_high + ["low"] * (n_low - 1)
    used: set[str] = set()
    counts = {"high": 0, "low": 0}
    for valence in order:
        counts[valence] += 1
        seq_id = f"{stem}-{'H' if valence == 'high' else 'L'}{counts[valence]}"
        prompts = HIGH_PROMPTS if valence == "high" else LOW_PROMPTS
        doc.say("访谈者", prompts[min(counts[valence] - 1, len(prompts) - 1)])
        factors, parts, codes = [], [], []
        for f in _factors(rng, valence, used):
            options = [o for o in STORIES[(f, valence)] if o[0] not in used]
            if not options:  # every story of this factor told already in this interview
                continue
            text, scodes = options[int(rng.integers(len(options)))]
            used.add(text)
            factors.append(f)
            parts.append(text.format(**fill))
            codes += [c for c in scodes if c not in codes]
        if not factors:  # fall back on the first untold story of the valence
            f, (text, scodes) = next((k[0], o) for k, v in STORIES.items() if k[1] == valence for o in v if o[0] not in used)
            used.add(text)
            factors, parts, codes = [f], [text.format(**fill)], list(scodes)
        if valence == "high" and "recognition" not in factors and rng.random() < 0.4:
            parts.append(f"我们{org}的{colleague}当时也特别支持我。")
        long_range = bool(rng.random() < (0.65 if valence == "high" else 0.4))
        story_id = doc.say(label, "".join(parts))
        doc.say("访谈者", RANGE_PROMPTS[int(rng.integers(len(RANGE_PROMPTS)))])
        pool = LONG_RANGE if long_range else SHORT_RANGE
        range_id = doc.say(label, pool[valence][int(rng.integers(2))])
        incident = {"sequence": seq_id, "valence": valence, "range": "long" if long_range else "short"}
        coded.append({"segment_id": story_id, "herzberg": factors, "services": codes, "incident": incident})
        sequences.append({**incident, "factors": factors, "segments": [story_id, range_id]})
    doc.say("访谈者", "您觉得这些问题背后的主要原因是什么？")
    cause_idx = rng.choice(len(CAUSES), size=1 + int(rng.random() < 0.4), replace=False)
    sid = doc.say(label, "".join(CAUSES[i][0] for i in cause_idx))
    coded.append({"segment_id": sid, "herzberg": [], "services": [c for i in cause_idx for c in CAUSES[i][1]], "incident": None})
    doc.say("访谈者", "对改进本市的人才服务，您有什么建议？")
    sug_idx = rng.choice(len(SUGGESTIONS), size=2 + int(rng.random() < 0.3), replace=False)
    sid = doc.say(label, "".join(SUGGESTIONS[i][0] for i in sug_idx))
    coded.append({"segment_id": sid, "herzberg": [], "services": [c for i in sug_idx for c in SUGGESTIONS[i][1]], "incident": None})
    doc.say("访谈者", "好的，今天就到这里，非常感谢您！")
    doc.say(label, f"不客气。后面如果还需要补充，可以打我办公室同事的电话{second_phone}，找{colleague}也行。")
    missing = [v for values in pii.values() for v in values if v not in doc.text]
    if missing:  # pragma: no cover - a template bug
        raise RuntimeError(f"{stem}: planted personal data not in the transcript: {missing}")
    return {"stem": stem, "text": doc.text, "coded": coded, "sequences": sequences, "pii": pii,
            "attributes": {"interviewee": stem, "gender": gender, "talent_category": cat, "sector": sector, "years_in_city": years}}


def _coder_b(rows: list[tuple], rng: np.random.Generator, vocabulary: list[str], p_drop: float, p_swap: float, p_add: float) -> list[tuple]:
    """A second coder: drops, swaps for a confusable code, or adds one now and then (incident columns kept)."""
    out = []
    by_segment: dict[str, list[tuple]] = {}
    for r in rows:
        by_segment.setdefault(r[0], []).append(r)
    for seg, seg_rows in by_segment.items():
        codes = {r[1] for r in seg_rows}
        for r in seg_rows:
            u = rng.random()
            if u < p_drop:
                continue
            if u < p_drop + p_swap and CONFUSABLE.get(r[1]) and CONFUSABLE[r[1]] not in codes:
                out.append((seg, CONFUSABLE[r[1]], *r[2:]))
            else:
                out.append(r)
        if rng.random() < p_add:
            extra = vocabulary[int(rng.integers(len(vocabulary)))]
            if extra not in codes:
                out.append((seg, extra, *seg_rows[0][2:]))
    return out


def _kappa(a: list[tuple], b: list[tuple]) -> float:
    """Cohen's κ of code presence over (coded segment × code) cells: what the truth file reports."""
    segs = sorted({r[0] for r in a} | {r[0] for r in b})
    codes = sorted({r[1] for r in a} | {r[1] for r in b})
    sa, sb = {(r[0], r[1]) for r in a}, {(r[0], r[1]) for r in b}
    x = np.array([[(s, c) in sa for c in codes] for s in segs]).ravel()
    y = np.array([[(s, c) in sb for c in codes] for s in segs]).ravel()
    po = float((x == y).mean())
    pe = float(x.mean() * y.mean() + (1 - x.mean()) * (1 - y.mean()))
    return (po - pe) / (1 - pe)


def _csv(rows: list[dict], columns: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def write_interviews(out: Path, *, seed: int) -> dict:
    """Write transcripts, the attribute table and both coding files into ``out``; return their truth."""
    rng = np.random.default_rng([seed, 2])
    folder = out / "interviews"
    folder.mkdir(parents=True, exist_ok=True)
    interviews = [_interview(p, rng) for p in PROFILES]
    for iv in interviews:
        (folder / f"{iv['stem']}.txt").write_bytes(iv["text"].encode("utf-8"))
    attr_cols = ["interviewee", "gender", "talent_category", "sector", "years_in_city"]
    (out / "interviewees.csv").write_bytes(_csv([iv["attributes"] for iv in interviews], attr_cols).encode("utf-8"))

    h_rows = [(c["segment_id"], f, c["incident"]["sequence"], c["incident"]["valence"], c["incident"]["range"])
              for iv in interviews for c in iv["coded"] if c["herzberg"] for f in c["herzberg"]]
    s_rows = [(c["segment_id"], code) for iv in interviews for c in iv["coded"] for code in c["services"]]
    h_vocab = sorted(set(CONFUSABLE) & {r[1] for r in h_rows} | set(MOTIVATORS))
    s_vocab = sorted({r[1] for r in s_rows})
    h_b = _coder_b(h_rows, rng, h_vocab, 0.07, 0.10, 0.08)
    s_b = _coder_b(s_rows, rng, s_vocab, 0.07, 0.10, 0.08)
    # coder B also judges the range of two sequences differently
    flip = {r[2] for r in h_rows[3::23]}
    h_b = [(r[0], r[1], r[2], r[3], ("short" if r[4] == "long" else "long") if r[2] in flip else r[4]) for r in h_b]
    h_cols = ["segment_id", "coder", "code", "sequence_id", "valence", "range"]
    h_table = [dict(zip(h_cols, (r[0], "A", *r[1:]))) for r in h_rows] + [dict(zip(h_cols, (r[0], "B", *r[1:]))) for r in h_b]
    s_table = [{"segment_id": r[0], "coder": "A", "code": r[1]} for r in s_rows] + [{"segment_id": r[0], "coder": "B", "code": r[1]} for r in s_b]
    (out / "coding_herzberg16.csv").write_bytes(_csv(h_table, h_cols).encode("utf-8"))
    (out / "coding_talent_services.csv").write_bytes(_csv(s_table, ["segment_id", "coder", "code"]).encode("utf-8"))

    seqs = [s for iv in interviews for s in iv["sequences"]]
    mentions = {v: [f for s in seqs if s["valence"] == v for f in s["factors"]] for v in ("high", "low")}
    share = {"high_motivator_share_of_factor_mentions": round(sum(f in MOTIVATORS for f in mentions["high"]) / len(mentions["high"]), 4),
             "low_hygiene_share_of_factor_mentions": round(sum(f not in MOTIVATORS for f in mentions["low"]) / len(mentions["low"]), 4)}
    per_factor = {}
    for f in sorted({f for s in seqs for f in s["factors"]}):
        per_factor[f] = {v: round(sum(f in s["factors"] for s in seqs if s["valence"] == v) / sum(s["valence"] == v for s in seqs), 4)
                         for v in ("high", "low")}
    return {
        "transcripts": [f"survey/datasets/talent_services/interviews/{iv['stem']}.txt" for iv in interviews],
        "attributes": "survey/datasets/talent_services/interviewees.csv",
        "coding": {"herzberg16": "survey/datasets/talent_services/coding_herzberg16.csv",
                   "talent_services": "survey/datasets/talent_services/coding_talent_services.csv",
                   "reference_coder": "A",
                   "kappa_herzberg16": round(_kappa([r[:2] for r in h_rows], [r[:2] for r in h_b]), 4),
                   "kappa_talent_services": round(_kappa(s_rows, s_b), 4),
                   "kappa_definition": "Cohen's kappa of code presence over (segment coded by either coder) x (code used by either coder) cells",
                   "range_disagreements": sorted(flip)},
        "n_sequences": {"high": sum(s["valence"] == "high" for s in seqs), "low": sum(s["valence"] == "low" for s in seqs)},
        "herzberg_proportions": share,
        "share_of_sequences_mentioning_factor": per_factor,
        "sequences": [{"sequence": s["sequence"], "valence": s["valence"], "range": s["range"], "factors": s["factors"],
                       "segments": s["segments"]} for s in seqs],
        "personal_data": {iv["stem"]: iv["pii"] for iv in interviews},
    }
