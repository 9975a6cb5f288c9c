"""A seeded test set for redaction: interview sentences holding identifiers, with their true spans,
and sentences holding none but full of look-alikes; and the recall/precision a redactor reaches on it.

Names are drawn from surname and given-name character pools (single and compound surnames, with or
without a title), addresses from province/city/district/road/number/building parts, card numbers
with a valid Luhn digit, resident IDs with a valid check digit, phone numbers, e-mail addresses,
licence plates, QQ numbers and WeChat ids in several written forms. The identifier-free sentences
hold words that look like names (高兴, 马上, 周末, 任何老师), 路 and 道 in ordinary words (思路,
道路, 知道), dates, amounts of money, and long numbers that are not cards (order numbers, numbers
failing the Luhn check).

``templates`` lets a caller bring sentences of its own (the tests keep some apart from this file),
so that the scores do not only measure the templates the detectors were written against.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

__all__ = ["KINDS", "TEMPLATES", "CLEAN", "LabelledSentence", "RedactionScore", "redaction_corpus", "score_redaction"]

#: the identifier kinds of the test set
KINDS = ("name", "address", "phone", "id", "email", "card", "plate", "qq", "wechat")
STRUCTURED = ("phone", "id", "email", "card", "plate", "qq", "wechat")

_SURNAMES = "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文"
_COMPOUND = ("欧阳", "司马", "上官", "诸葛", "皇甫", "慕容", "司徒", "夏侯", "令狐", "尉迟")
_GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红辉建国志文斌鹏宇浩晨欣怡佳琪涵轩婷嘉俊思远立新海燕晓东春梅"
          "雪峰波宁健琳慧颖倩云飞翔凯鑫博然泽昊悦瑶诗雅梓睿子晗彤蕾薇楠航帆琦哲瀚铭煜昕宏亮德福荣振")
_TITLES = ("主任", "老师", "科长", "处长", "局长", "书记", "博士", "教授", "经理", "总", "院长", "先生", "女士", "同学", "医生", "师傅")
_EN_GIVEN = ("Emily", "John", "Sarah", "Michael", "David", "Laura", "James", "Anna", "Robert", "Olivia", "Daniel", "Grace", "Thomas", "Helen")
_EN_FAMILY = ("Carter", "Miller", "Collins", "Brooks", "Turner", "Hughes", "Bennett", "Foster", "Hayes", "Palmer", "Reed", "Sutton")
_PINYIN = (("Wang", "Jianhua"), ("Li", "Ming"), ("Zhang", "Xiaoyan"), ("Chen", "Hong"), ("Liu", "Yang"), ("Zhao", "Lei"), ("Huang", "Min"))
_PROVINCES = ("四川省", "广东省", "江苏省", "浙江省", "湖北省", "山东省", "河南省", "陕西省")
_CITIES = ("绵阳市", "成都市", "德阳市", "深圳市", "南京市", "杭州市", "武汉市", "济南市", "西安市")
_DISTRICTS = ("涪城区", "游仙区", "武侯区", "南山区", "鼓楼区", "西湖区", "洪山区", "高新区", "雁塔区", "三台县")
_ROADS = ("临园", "人民", "建设", "解放", "长虹", "剑南", "滨江", "科创", "翠湖", "花园", "东风", "红星", "光明", "跃进", "青年", "人民南", "建设北", "中山西")
_ROAD_END = ("路", "街", "大道", "巷", "路", "路")
_SECTIONS = ("", "", "", "东段", "西段", "中段", "一段", "二段", "三段")
_ESTATES = ("阳光", "锦绣", "碧桂园", "金色家园", "翠湖", "滨江", "幸福", "长虹", "万科城市", "绿地")
_ESTATE_END = ("小区", "花园", "家园", "新村", "公寓", "苑")
_PLATE_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXYZ"
_ID_REGIONS = ("110105", "310104", "440305", "510107", "510703", "500103", "610113", "320102")


@dataclass(frozen=True)
class LabelledSentence:
    """A sentence and the true identifier spans in it: ``(start, end, kind)``."""

    text: str
    spans: tuple[tuple[int, int, str], ...]


#: sentence templates per kind ({x} is the identifier)
TEMPLATES: dict[str, tuple[str, ...]] = {
    "name": (
        "我后来联系了{x}，他说这事不归他管。", "当时是{x}负责这个项目的审批。", "{x}跟我说补贴下个月才能到账。",
        "我们单位的{x}也遇到过同样的问题。", "有事可以找{x}，她对政策比较熟。", "这件事多亏了{x}帮忙协调。",
        "我爱人{x}也在本市工作。", "我的导师{x}很支持我回来。", "人才办的{x}打电话通知我去领卡。", "我叫{x}，来这边五年了。",
    ),
    "address": (
        "我现在住在{x}，离单位不远。", "人才公寓在{x}，通勤要四十分钟。", "材料寄到{x}就可以了。",
        "我们搬到了{x}，孩子上学方便一些。", "办公地点是{x}。", "当时租的房子在{x}，条件一般。",
    ),
    "phone": ("有事打我手机{x}。", "我的电话是{x}，白天都能接。", "联系方式：{x}", "他留了个号码{x}，说随时可以打。"),
    "id": ("我的身份证号是{x}，系统一直提示不对。", "申请表上填的证件号码{x}。", "身份证：{x}"),
    "email": ("材料发到我邮箱{x}就行。", "我的邮箱是{x}，一般当天回复。", "E-mail: {x}"),
    "card": ("补贴打到我的工资卡{x}里了。", "银行卡号是{x}，开户行是建行。", "我提供的账号{x}，一直没收到钱。"),
    "plate": ("我的车牌是{x}，停车证还没办下来。", "门口那辆{x}是我们单位的车。", "登记的车牌号{x}。"),
    "qq": ("我的QQ是{x}，平时都在线。", "加我QQ：{x}", "QQ号{x}，备注一下单位。"),
    "wechat": ("我的微信号：{x}，加的时候备注一下。", "加我微信{x}就行。", "微信：{x}"),
}

#: identifier-free sentences: look-alike words and numbers that are not identifiers
CLEAN: tuple[str, ...] = (
    "我们的思路是先把流程理顺，再谈补贴。", "这条道路走得很辛苦，一路上遇到不少问题。", "我知道3号那天要开会。", "说实话我也不太清楚。",
    "马上就到周末了，大家都很高兴。", "白天上班，晚上还要带孩子。", "任何老师都可以申请这个项目。", "小时候我就想当老师。",
    "高校老师的待遇比企业低一些。", "常务副主任也参加了座谈会。", "我们用老方法整理了文件。", "黄金周的时候人特别多。",
    "2023年12月5号发了5000元补贴。", "去年的安家费是1.5万元，分三年发。", "满意度均值为4.5分，标准差0.87。", "一共来了138个人，分成13个组。",
    "会议定在2024-05-12下午3点。", "项目编号2023001，金额30000元。", "订单号6222021234567890128，还没发货。", "快递单号7312345678901234567。",
    "文件编号4405301993042712345678。", "第3栋楼在装修，我们搬到了5楼。", "A类人才和B类人才的待遇不一样。", "我在江苏读的书，后来到了武汉。",
    "京沪高铁很方便。", "我们的QQ群和微信群都很活跃。", "加个微信好友就行。", "这个政策的出路在于落实。", "路上堵车，迟到了十分钟。",
    "总体上还行吧，总结一下就是慢。", "周末一般在家陪孩子。", "方便的话可以多开几次座谈会。", "文化氛围不错，学术交流很多。",
    "工作了10年，月收入10000-20000元。", "增长了13.5%，排名第13。", "Well, the online platform is hard to use.", "The Talent Office replied in May.",
    "We met the Human Resources team on Monday.", "I moved here in 2019 and joined the Science Park.", "时间是14:30到16:00，地点在三楼会议室。",
)

_FORMATS = {"phone": ("plain", "spaced", "hyphen", "plus86"), "card": ("plain", "spaced"), "id": ("plain", "spaced")}


def _luhn_digit(body: str) -> str:
    from ..interviews.detection import luhn_valid

    return next(d for d in "0123456789" if luhn_valid(body + d))


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def _name(rng: random.Random) -> tuple[str, str]:
    """A name and the form written (the name alone, or followed by a title); the span is the name."""
    if rng.random() < 0.08:
        first, family = rng.choice(_EN_GIVEN), rng.choice(_EN_FAMILY)
        return f"{first} {family}", rng.choice(["{n}", "Dr. {n}", "Ms. {n}", "Mr. {n}"])
    if rng.random() < 0.04:
        return " ".join(rng.choice(_PINYIN)), "{n}"
    surname = rng.choice(_COMPOUND) if rng.random() < 0.08 else rng.choice(_SURNAMES)
    given = "".join(rng.choice(_GIVEN) for _ in range(rng.choice((1, 2, 2, 2))))
    form = "{n}" + rng.choice(_TITLES) if rng.random() < 0.35 else "{n}"
    return surname + given, form


def _address(rng: random.Random) -> str:
    head = ""
    if rng.random() < 0.4:
        head += rng.choice(_PROVINCES)
    if rng.random() < 0.6:
        head += rng.choice(_CITIES)
    if rng.random() < 0.6:
        head += rng.choice(_DISTRICTS)
    if rng.random() < 0.7:
        num = str(rng.randint(1, 399)) if rng.random() < 0.85 else rng.choice(("十八", "二十六", "一百零八", "三"))
        tail = f"{rng.choice(_ROADS)}{rng.choice(_ROAD_END)}{rng.choice(_SECTIONS)}{num}号"
        if rng.random() < 0.4:
            tail += f"{rng.randint(1, 30)}栋{rng.randint(1, 6)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}室"
        elif rng.random() < 0.2:
            tail += f"{rng.randint(1, 20)}号楼"
    else:
        tail = f"{rng.choice(_ESTATES)}{rng.choice(_ESTATE_END)}{rng.randint(1, 30)}{rng.choice(('栋', '幢', '号楼'))}"
        if rng.random() < 0.7:
            tail += f"{rng.randint(1, 6)}单元{rng.randint(1, 30)}0{rng.randint(1, 4)}室"
    return head + tail


def _resident_id(rng: random.Random) -> str:
    from ..interviews.redaction import id_check_digit

    body = rng.choice(_ID_REGIONS) + f"{rng.randint(1950, 2003)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}" + _digits(rng, 3)
    return body + id_check_digit(body)


def _value(kind: str, rng: random.Random) -> str:
    if kind == "phone":
        core = "1" + rng.choice("3456789") + _digits(rng, 9)
        style = rng.choice(_FORMATS["phone"])
        return {"plain": core, "spaced": f"{core[:3]} {core[3:7]} {core[7:]}", "hyphen": f"{core[:3]}-{core[3:7]}-{core[7:]}", "plus86": "+86 " + core}[style]
    if kind == "id":
        rid = _resident_id(rng)
        return rid if rng.random() < 0.8 else f"{rid[:6]} {rid[6:14]} {rid[14:]}"
    if kind == "email":
        user = rng.choice(("zhang", "li.ming", "wangjh", "chen_h", "liuyang", "hr", "zhaolei")) + str(rng.randint(1, 999))
        return f"{user}@{rng.choice(('example.com', 'qq.com', '163.com', 'mail.edu.cn', 'foxmail.com'))}"
    if kind == "card":
        body = rng.choice(("6222", "6217", "6228", "6214", "4367", "5187")) + _digits(rng, rng.choice((11, 12, 13, 14)))
        card = body + _luhn_digit(body)
        return card if rng.random() < 0.6 else " ".join(card[i:i + 4] for i in range(0, len(card), 4))
    if kind == "plate":
        head = rng.choice(_PLATE_PROVINCES) + rng.choice(_PLATE_LETTERS)
        if rng.random() < 0.3:  # new-energy plates
            tail = rng.choice("DF") + rng.choice(_PLATE_LETTERS + "0123456789") + _digits(rng, 4) if rng.random() < 0.7 else _digits(rng, 5) + rng.choice("DF")
        else:
            tail = _digits(rng, 5) if rng.random() < 0.6 else rng.choice(_PLATE_LETTERS) + _digits(rng, 4)
        return head + rng.choice(("", "", "·", " ")) + tail
    if kind == "qq":
        return str(rng.randint(1, 9)) + _digits(rng, rng.randint(4, 10))
    if kind == "wechat":
        return rng.choice("abcdefghijklmnopqrstuvwxyz") + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz0123456789_-") for _ in range(rng.randint(5, 15)))
    raise ValueError(kind)


def redaction_corpus(
    seed: int,
    *,
    n_per_kind: int = 1000,
    n_clean: int = 1000,
    templates: Mapping[str, Sequence[str]] | None = None,
    clean: Sequence[str] | None = None,
) -> list[LabelledSentence]:
    """``n_per_kind`` sentences per identifier kind (each holding one identifier, with its span) and
    ``n_clean`` identifier-free sentences, shuffled; the same seed gives the same set."""
    rng = random.Random(seed)
    templates = templates or TEMPLATES
    out: list[LabelledSentence] = []
    for kind in KINDS:
        for _ in range(n_per_kind):
            template = rng.choice(templates[kind])
            if kind == "name":
                value, form = _name(rng)
                written = form.format(n=value)
                offset = written.index(value)
            else:
                value = _address(rng) if kind == "address" else _value(kind, rng)
                written, offset = value, 0
            start = template.index("{x}") + offset
            out.append(LabelledSentence(template.replace("{x}", written), ((start, start + len(value), kind),)))
    pool = clean or CLEAN
    out += [LabelledSentence(rng.choice(pool), ()) for _ in range(n_clean)]
    rng.shuffle(out)
    return out


@dataclass(frozen=True)
class RedactionScore:
    """Recall per identifier kind and precision overall of a redactor on a labelled set.

    ``table``: one row per kind (``kind, n, found, recall``); a true span counts as found when
    redaction covers every character of it. ``precision``: the share of redacted spans that overlap
    a true identifier (``n_redacted`` of them; redactions in identifier-free sentences count against
    it). ``false_positives``: the redacted text that overlapped no identifier.
    """

    table: pd.DataFrame
    precision: float
    n_redacted: int
    false_positives: tuple[str, ...]

    def recall(self, kind: str) -> float:
        return float(self.table.set_index("kind").loc[kind, "recall"])


def score_redaction(corpus: Sequence[LabelledSentence], find: Callable[[str], Sequence[tuple[int, int, str, str]]]) -> RedactionScore:
    """Score ``find`` (e.g. ``Redactor(key=...).find``, which gives the redacted spans) on a labelled set."""
    n = dict.fromkeys(KINDS, 0)
    hit = dict.fromkeys(KINDS, 0)
    true_pos = total = 0
    false: list[str] = []
    for sentence in corpus:
        spans = [(s, e) for s, e, *_ in find(sentence.text)]
        covered = set().union(*(range(s, e) for s, e in spans)) if spans else set()
        for s, e, kind in sentence.spans:
            n[kind] += 1
            hit[kind] += all(i in covered for i in range(s, e))
        for s, e in spans:
            total += 1
            if any(s < te and ts < e for ts, te, _ in sentence.spans):
                true_pos += 1
            else:
                false.append(sentence.text[s:e])
    rows = [{"kind": k, "n": n[k], "found": hit[k], "recall": hit[k] / n[k] if n[k] else float("nan")} for k in KINDS if n[k]]
    return RedactionScore(pd.DataFrame(rows), true_pos / total if total else 1.0, total, tuple(false))
