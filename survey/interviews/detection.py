"""Finding personal identifiers that no list names: the detectors :mod:`.redaction` runs by default.

Each detector takes the text (``shadow``: the text with full-width ASCII read as ASCII, same
length) and yields ``(start, end, kind, value)``: the span to replace, the pseudonym kind and the
value the pseudonym is computed from (the name part of "李明华主任" is "李明华", so both forms get
one pseudonym).

* ``names``: Chinese person names from jieba's part-of-speech tags (``nr``) that start with a
  common surname (single or compound, :data:`SURNAMES_EXTENDED`, :data:`COMPOUND_SURNAMES`), and
  names followed by a title, kinship term or honorific (:data:`NAME_TITLES`: "李明华主任",
  "欧阳娜老师"); English names after a title ("Dr. Emily Carter") or a name cue ("my colleague
  John Miller"), and pinyin or common English given names followed by a family name ("Wang
  Jianhua", "Sarah Collins").
* ``addresses``: "(省)(市)(区/县)(街道/镇)…路/街/巷/道/胡同 + 号/弄 (+ 栋/幢/单元/室/楼)" with
  Arabic or Chinese numerals and road sections ("临园路东段58号", "人民南路三段17号"), and
  housing estates with a building or room ("阳光小区3栋2单元501室").
* ``wechat``: ids after 微信/微信号/VX/WeChat ("微信号：zhang_wei88").
* ``qq``: 5–12 digit numbers after QQ/扣扣 ("QQ：123456789").
* ``plates``: licence plates, ordinary (京A12345, 川B·1X234) and new-energy (京AD12345, 粤B12345F).
* ``bank_cards``: 16–19 digit numbers (whole, or in groups of four) that pass the Luhn check and
  are not an order, tracking or serial number by what precedes them.

jieba's dictionary and tagger are loaded once per process (on first use).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from functools import lru_cache

__all__ = [
    "DETECTORS", "SURNAMES_EXTENDED", "COMPOUND_SURNAMES", "NAME_TITLES", "luhn_valid", "detect_cards", "detect_labelled", "detect_addresses",
    "detect_names",
]

Hit = tuple[int, int, str, str]

#: the detectors redaction runs besides the lists (each can be switched off with ``skip=``)
DETECTORS = ("names", "addresses", "wechat", "qq", "plates", "bank_cards")

#: single-character surnames (about 260 common ones) for names found without a list
SURNAMES_EXTENDED = (
    "王李张刘陈杨黄赵吴周徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜"
    "范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段钱汤尹黎易常武乔贺赖龚文庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍"
    "韦申尤毕聂丛焦柳邢路岳齐梅莫庄辛管祝左涂谷祁舒耿牟卜詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍覃霍翁隋植甘景"
    "薄单包司柏宁柯阮桂闵柴华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬臧畅宫缪苟褚廉娄符奚穆燕郎邸冀谈姬屠郜晏栾"
    "郁蒙喻窦迟敖糜鄢卓仇艾蓝巩稽仲虞卞封竺冼楚佟栗匡宗巫鞠桑荆谌银沙伏岑胥蔺肖"
)
_COMMON_SURNAMES = SURNAMES_EXTENDED[:100]  # the most common ones come first
COMPOUND_SURNAMES = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "端木",
    "独孤", "南宫", "西门", "呼延", "闻人", "澹台", "公冶", "太史", "申屠", "钟离", "宗政", "濮阳", "淳于", "单于", "东郭", "左丘",
)
# compound surnames that are no ordinary word: what follows them is a given name
_RARE_COMPOUNDS = ("欧阳", "司马", "上官", "诸葛", "皇甫", "尉迟", "慕容", "司徒", "夏侯", "轩辕", "令狐", "端木", "呼延", "澹台", "濮阳", "淳于")
#: titles, kinship terms and honorifics that follow a name ("李明华主任", "王阿姨", "张总")
NAME_TITLES = (
    "老师", "教授", "博士", "硕士", "主任", "副主任", "经理", "总经理", "副总", "总监", "局长", "副局长", "处长", "副处长", "科长",
    "副科长", "书记", "院长", "副院长", "校长", "副校长", "部长", "主管", "厂长", "董事长", "董事", "医生", "大夫", "护士", "律师",
    "先生", "女士", "小姐", "同志", "师傅", "同学", "师兄", "师姐", "师弟", "师妹", "研究员", "工程师", "会计", "秘书", "助理", "主席",
    "所长", "站长", "队长", "组长", "班长", "社长", "行长", "馆长", "老板", "警官", "阿姨", "叔叔", "大姐", "大哥", "姐", "哥", "总",
)
# a person cue right before a name, or a verb of speech/help right after it
_CUE_BEFORE = ("叫", "名叫", "姓名", "同事", "联系人", "对接人", "负责人", "经办人", "朋友", "领导", "老板", "爱人", "丈夫", "妻子",
               "老公", "老婆", "同学", "导师", "学生", "专员", "干部", "科员")
_CUE_AFTER = ("说", "告诉", "跟我", "帮", "负责", "打电话", "提醒", "建议", "同意", "介绍", "觉得", "认为", "回复", "答应", "通知", "联系")
# characters that end a name rather than continue it ("王伟说", "李娜的", "张明和")
_NOT_GIVEN = set("说和与跟的了在是也都就还又才把被给让对向从到去来很太真好不没等们帮问讲做看写打请叫要会能已曾将先再正啊吧呢吗哦呀嘛这那他她我你它一老小总副")
# words right before a name in speech ("我叫", "联系了", "单位的", "多亏了"): a surname after them starts a name unless it starts a word
_NAME_LEAD = ("叫", "的", "是", "了", "找", "和", "跟", "与", "给", "让", "请", "问", "成", "周", "由", "被", "向", "谢", "识", "到", "过", "听",
              "时", "爱人", "导师", "同事", "朋友", "领导", *NAME_TITLES)
_NAME_TAGS = ("nr", "nrfg", "nrt")
# last characters of dictionary words jieba tags nr that are not names (银行卡, 黄金周, 安家费)
_NOUN_END = set("卡周费价率区馆站处局厂店路街院所会部科组队班证单号表书稿款额税期节日月年天业化性型式法度制类级品物机器车船房楼室")
# words before a long number saying it is not a bank card
_NOT_CARD = re.compile(r"(?:订单|单号|编号|运单|快递|流水|序号|批号|合同|工号|学号|证号|发票|条码|账单号|交易号|案号|文号|号码是?订单)[号码为是：: ]{0,4}$")
_PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
_PLATE = re.compile(
    r"(?<![A-Za-z0-9])[" + _PROVINCES + r"][A-HJ-NP-Z][ ·•\-\.]?"
    r"(?:[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]|(?=(?:[A-HJ-NP-Z]?[0-9]){3})[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])(?![A-Za-z0-9])"
)
_CARD = re.compile(r"(?<![0-9])(?<![0-9][ \-])(?:[0-9]{4}[ \-]?){3}[0-9]{4}(?:[ \-]?[0-9]{1,3})?(?![0-9Xx])(?![ \-][0-9])|(?<![0-9])[0-9]{16,19}(?![0-9Xx])")
_QQ = re.compile(r"(?:QQ|qq|Qq|扣扣)(?:(?:号码|号|帐号|账号|群)?\s*(?:是|为|[:：])?|[^0-9。；;\n]{0,8}?(?:是|为|[:：]))\s*(?:[:：]\s*)?([1-9][0-9]{4,11})(?![0-9])")
_WECHAT = re.compile(
    r"(?:微信号|微信|WeChat|wechat|Wechat|WECHAT|VX|vx|Vx|V信|v信|wx|WX|weixin)\s*(?:号|ID|id)?\s*(?:是|为|[:：])?\s*(?:[:：]\s*)?"
    r"([A-Za-z][A-Za-z0-9_\-]{5,19})(?![A-Za-z0-9_\-])"
)
_CN_NUM = "0-9一二三四五六七八九十百零〇两"
_ADMIN = (r"(?:[\u4e00-\u9fff]{2,7}?(?:省|自治区))?(?:[\u4e00-\u9fff]{2,7}?(?:市|州|盟|地区))?(?:[\u4e00-\u9fff]{1,7}?(?:区|县|旗))?"
          r"(?:[\u4e00-\u9fff]{1,7}?(?:街道|镇|乡))?")
# a place-name character: not one that starts the speech around an address (住在, 搬到了, 是, 的 …)
_PLACE = r"(?:(?![在住于到的是从和与往去来搬了我你他她们就也还都说址])[\u4e00-\u9fff])"
_BUILDING = rf"(?:[{_CN_NUM}A-Za-z]+(?:号楼|号院|栋|幢|座|单元|楼|层|室|户|号))"
_ROAD = (rf"{_PLACE}{{1,10}}?(?:大道|大街|路|街|巷|弄|胡同|里|(?<![知报难渠频轨通跑赛车人味一])道)"
         rf"(?:[东西南北中]段?|[{_CN_NUM}]+段|[东西南北中]?[{_CN_NUM}]+[巷弄])?[{_CN_NUM}]+(?:号|弄)(?:院)?{_BUILDING}*")
_ESTATE = rf"{_PLACE}{{2,10}}?(?:小区|花园|公寓|家园|新村|苑|大厦|广场|社区|公馆|府|城)(?:[{_CN_NUM}]+期)?{_BUILDING}+"
_ADDRESS = re.compile(rf"(?:{_ADMIN}(?:{_ROAD}|{_ESTATE}))")
_EN_STOP = frozenset(
    "The This That These Those We I It He She They My Our Your His Her Their Then When After Before Last Next In On At For From With "
    "And But Or So If As A An Of To By University College Institute Department Office Bureau Center Centre City Road Street Avenue "
    "District Province County Talent Talents Service Services Human Resources Science Technology Company Group Ltd Inc Hospital School "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August September October "
    "November December China Chinese English Beijing Shanghai Party Committee Government Program Programme Project Plan Table Figure "
    "Section Chapter Note Total Mean Sample Kappa Alpha Cohen Herzberg Krippendorff Fleiss Likert Yes No OK Okay Well Thanks Thank".split()
)
_PINYIN_SURNAMES = frozenset(
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Hu Zhu Gao Lin He Guo Ma Luo Liang Song Zheng Xie Han Tang Feng Yu Dong Xiao "
    "Cheng Cao Yuan Deng Fu Shen Zeng Peng Lu Su Jiang Cai Jia Ding Wei Xue Ye Yan Pan Du Dai Xia Zhong Tian Ren Fan Fang Shi Yao Tan "
    "Liao Zou Xiong Jin Hao Kong Bai Cui Kang Mao Qiu Qin Gu Hou Shao Meng Long Wan Duan Qian Yin Yi Chang Qiao Lai Gong Wen Ouyang "
    "Sima Zhuge Shangguan Pang Fan Lan Yin Shi Tao Hong Zhai An Niu Wen Ji Zhang Lu Ge Wei Shen You Bi Nie Cong Jiao Xiang Liu Xing Yue "
    "Qi Mei Mo Zhuang Xin Guan Zhu Zuo Tu Gu Qi Geng Mou Bu Zhan Miao Ling Ji Jing Sheng Tong Ou Zhen Xiang Qu Cheng You Yang Pei Xi".split()
)
_EN_GIVEN = frozenset(
    "James John Robert Michael William David Richard Joseph Thomas Charles Christopher Daniel Matthew Anthony Mark Donald Steven Paul "
    "Andrew Joshua Kenneth Kevin Brian George Timothy Ronald Edward Jason Jeffrey Ryan Jacob Gary Nicholas Eric Jonathan Stephen Larry "
    "Justin Scott Brandon Benjamin Samuel Gregory Alexander Frank Patrick Raymond Jack Dennis Jerry Tyler Aaron Jose Adam Nathan Henry "
    "Douglas Peter Zachary Kyle Noah Ethan Jeremy Walter Christian Keith Roger Terry Austin Sean Gerald Carl Harold Dylan Arthur Lawrence "
    "Jordan Jesse Bryan Billy Bruce Gabriel Joe Logan Alan Juan Albert Willie Elijah Wayne Randy Vincent Mason Roy Ralph Bobby Russell "
    "Bradley Philip Eugene Tom Tony Max Sam Ben Dan Tim Mike Jim Bob Chris Nick Alex Oliver Harry Leo Lucas Liam Owen Luke Hugo Ian Neil "
    "Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa Nancy Betty Sandra Margaret Ashley Kimberly Emily "
    "Donna Michelle Carol Amanda Melissa Deborah Stephanie Dorothy Rebecca Sharon Laura Cynthia Amy Kathleen Angela Shirley Brenda Emma "
    "Anna Pamela Nicole Samantha Katherine Christine Helen Debra Rachel Carolyn Janet Maria Catherine Heather Diane Olivia Julie Joyce "
    "Victoria Ruth Virginia Lauren Kelly Christina Joan Evelyn Judith Andrea Hannah Megan Cheryl Jacqueline Martha Madison Teresa Gloria "
    "Sara Janice Ann Kathryn Abigail Sophia Frances Jean Alice Judy Isabella Julia Grace Amber Denise Danielle Marilyn Beverly Charlotte "
    "Natalie Theresa Diana Brittany Doris Kayla Alexis Lori Marie Lucy Sophie Chloe Ella Mia Zoe Claire Kate Jane Lily Ruby Eva Nora".split()
)
_EN_TITLE_CUE = re.compile(
    r"(?<![A-Za-z])(?:Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Director|Manager|Dean|Officer|Secretary|colleague|supervisor|boss|manager|director|friend|"
    r"advisor|adviser|named|called|name is|I am|I'm|contact person|wife|husband)\.?\s+([A-Z][a-zA-Z'\-]+(?:\s+[A-Z][a-zA-Z'\-]+)?)"
)
_EN_PAIR = re.compile(r"(?<![A-Za-z])([A-Z][a-z]+(?:-[a-z]+)?)\s+([A-Z][a-z]+(?:-[A-Z]?[a-z]+)?)(?![A-Za-z])")


def luhn_valid(digits: str) -> bool:
    """Whether a string of digits passes the Luhn check (bank card numbers).

    >>> luhn_valid("6222021234567890128"), luhn_valid("6222021234567890121")
    (True, False)
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return bool(digits) and total % 10 == 0


@lru_cache(maxsize=1)
def _tagger():
    """jieba's part-of-speech tagger, loaded once per process."""
    import jieba
    import jieba.posseg

    logging.getLogger("jieba").setLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    tk.initialize()
    return jieba.posseg.POSTokenizer(tk)


def detect_labelled(shadow: str, *, skip: frozenset[str] = frozenset()) -> Iterator[Hit]:
    """QQ numbers, WeChat ids and licence plates (detectors not in ``skip``), in ``shadow``."""
    if "qq" not in skip:
        yield from ((m.start(1), m.end(1), "QQ", m.group(1)) for m in _QQ.finditer(shadow))
    if "wechat" not in skip:
        yield from ((m.start(1), m.end(1), "WECHAT", m.group(1)) for m in _WECHAT.finditer(shadow))
    if "plates" not in skip:
        yield from ((m.start(), m.end(), "PLATE", m.group()) for m in _PLATE.finditer(shadow))


def detect_addresses(text: str) -> Iterator[Hit]:
    """Street addresses and housing estates with a building or room number."""
    return ((m.start(), m.end(), "ADDRESS", m.group()) for m in _ADDRESS.finditer(text))


def detect_names(text: str) -> Iterator[Hit]:
    """English names, then Chinese names (jieba's tags and titles)."""
    yield from _english_names(text)
    # the longest name found at a place first ("邱博明" before "邱博"): redaction keeps the first of overlapping spans
    yield from sorted(_chinese_names(text), key=lambda hit: (hit[0], hit[0] - hit[1]))


def detect_cards(shadow: str) -> Iterator[Hit]:
    """Bank card numbers: 16-19 digits passing Luhn, not named an order or serial number by the words before."""
    for m in _CARD.finditer(shadow):
        digits = re.sub(r"[ \-]", "", m.group())
        if not 16 <= len(digits) <= 19 or not luhn_valid(digits) or _NOT_CARD.search(shadow[max(0, m.start() - 12):m.start()]):
            continue
        yield m.start(), m.end(), "CARD", digits


def _english_names(text: str) -> Iterator[Hit]:
    for m in _EN_TITLE_CUE.finditer(text):
        words = m.group(1).split()
        while words and words[-1] in _EN_STOP:
            words.pop()
        if words and words[0] not in _EN_STOP:
            name = " ".join(words)
            yield m.start(1), m.start(1) + len(m.group(1).split(words[-1], 1)[0]) + len(words[-1]), "PERSON", name
    for m in _EN_PAIR.finditer(text):
        first, last = m.group(1), m.group(2)
        if first in _EN_STOP or last in _EN_STOP:
            continue
        if first in _EN_GIVEN or first in _PINYIN_SURNAMES:
            yield m.start(), m.end(), "PERSON", f"{first} {last}"


def _surname_at(text: str, i: int) -> int:
    """Length of the surname starting at ``text[i]`` (2 for a compound surname, 1, or 0 for none)."""
    if text[i:i + 2] in COMPOUND_SURNAMES:
        return 2
    return 1 if text[i] in SURNAMES_EXTENDED else 0


_CLAUSE = re.compile(r"[\u4e00-\u9fff]+")
_TITLE_RX = re.compile("(?:" + "|".join(sorted(NAME_TITLES, key=len, reverse=True)) + ")")


def _chinese_names(text: str) -> Iterator[Hit]:
    """Surname-led names tagged ``nr`` by jieba (merged with a given-name character jieba split off),
    and surname + given name before a title; see the module docstring."""
    tagger = _tagger()
    words = tagger.tokenizer.FREQ
    tags = tagger.word_tag_tab
    for run in _CLAUSE.finditer(text):
        chunk = run.group()
        surnames = [(s, sl) for s in range(len(chunk)) if (sl := _surname_at(chunk, s))]
        if not surnames:
            continue
        yield from _titled(chunk, run.start(), words, tags)
        for s, sl in surnames:  # after a lead word, wherever jieba would cut ("多亏了戴/宁远", "爱人马/建婷")
            if s == 0 or any(chunk.endswith(c, 0, s) for c in _NAME_LEAD):
                name = _after_lead(chunk, s, sl, words, tags)
                if name:
                    yield run.start() + s, run.start() + s + len(name) + _title_at(chunk, s + len(name)), "PERSON", name
        if all(_in_word(chunk, s, words, tags) for s, _ in surnames):
            continue  # every surname character is inside an ordinary word: no tagging needed (it is the slow step)
        tokens = [(w, f) for w, f in tagger.cut(chunk)]
        starts, pos = [], 0
        for w, _ in tokens:
            starts.append(pos)
            pos += len(w)
        for k, (w, tag) in enumerate(tokens):
            s = starts[k]
            sl = _surname_at(chunk, s)
            if not sl:
                continue
            nxt = tokens[k + 1] if k + 1 < len(tokens) else ("", "")
            name = ""
            if tag in _NAME_TAGS or (tag == "ns" and (_cue_before(chunk, s) or _cue_after(chunk, s + len(w)))):
                # jieba's dictionary tags ordinary words nr too (银行卡, 高峰, 晋升): a frequent one is a name only with a cue
                cued = _cue_before(chunk, s) or _cue_after(chunk, s + len(w)) or _title_at(chunk, s + len(w))
                # a frequent word, or a guess of jieba's for a rarer surname (施策 in 分类施策), is a name only with a cue
                frequent = not cued and (words.get(w, 0) >= _WORD_FREQ or (sl == 1 and w[0] not in _COMMON_SURNAMES))
                if not frequent and not (words.get(w) and len(w) > sl + 1 and w[-1] in _NOUN_END):
                    name = _extend(w, sl, tokens, k)
            elif nxt[1] in _NAME_TAGS and len(w) + len(nxt[0]) <= sl + 2 and (len(w) == sl or (len(nxt[0]) == 1 and words.get(w, 0) < 50)):
                # a surname (+ one character) jieba did not join to the name part it tagged ("戴/宁远", "金诗/峰")
                name = w + nxt[0]
            elif len(w) == sl and nxt[0] and len(w) + len(nxt[0]) <= sl + 2 and nxt[1] in ("n", "ns", "nz", "a", "j", "ng"):
                # a surname standing alone followed by a given name jieba did not recognise ("罗/霞辉")
                cand = w + nxt[0]
                if (_cue_before(chunk, s) or _cue_after(chunk, s + len(cand)) or _title_at(chunk, s + len(cand))) and not (
                    any(ch in _NOT_GIVEN for ch in nxt[0]) or (words.get(cand) and tags.get(cand) not in _NAME_TAGS)
                ):
                    name = cand
            if not name:
                continue
            if not sl < len(name) <= sl + 2 or any(ch in _NOT_GIVEN for ch in name[sl:]):
                continue
            yield run.start() + s, run.start() + s + len(name) + _title_at(chunk, s + len(name)), "PERSON", name


_WORD_FREQ = 100  # a dictionary word at least this frequent is a word, not a name


def _after_lead(chunk: str, s: int, sl: int, words, tags) -> str:
    """Surname + two (else one) given-name characters after a lead word, when no part of them is an
    ordinary word (是周末, 的方法, 了黄金周) and what follows ends a name: a particle or verb
    ("说", "也"), a title, or an ordinary word ("主持", "反映")."""
    for given in (2, 1):
        end = s + sl + given
        name = chunk[s:end]
        if end > len(chunk) or any(ch in _NOT_GIVEN for ch in name[sl:]) or _TITLE_RX.match(chunk, s + sl):
            continue
        after = end == len(chunk) or chunk[end] in _NOT_GIVEN or _TITLE_RX.match(chunk, end) or _cue_after(chunk, end) or any(
            words.get(chunk[end:j], 0) >= _WORD_FREQ for j in (end + 2, end + 3)
        )
        rare = chunk[s:s + sl] in _RARE_COMPOUNDS or (given == 2 and words.get(chunk[end - 1:end + 1], 0) < _WORD_FREQ)
        if not (after or rare):
            continue
        parts = [chunk[s:j] for j in range(s + sl + 1, end + 1)] + [chunk[i:j] for i in range(s + 1, end) for j in range(i + 2, end + 1)]
        if any(words.get(w, 0) >= _WORD_FREQ for w in parts):
            continue
        return name
    return ""


def _extend(word: str, sl: int, tokens, k: int) -> str:
    """A name token, extended by the next single-character token when jieba cut a given name short."""
    if len(word) < sl + 2 and k + 1 < len(tokens):
        nw, nt = tokens[k + 1]
        if len(word) + len(nw) <= sl + 2 and nw not in _NOT_GIVEN and all(ch not in _NOT_GIVEN for ch in nw) and nt not in (
            "v", "p", "c", "u", "uj", "ul", "d", "r", "m", "q", "x", "f", "t", "y"
        ) and not _TITLE_RX.match(nw):
            return word + nw
    return word


def _title_at(chunk: str, i: int) -> int:
    m = _TITLE_RX.match(chunk, i)
    if not m:
        return 0
    if m.group() == "总" and chunk[i + 1:i + 2] and chunk[i + 1] in "结体量数之共额部公书裁监统计算的是":
        return 0
    return len(m.group())


def _cue_before(chunk: str, i: int) -> bool:
    return any(chunk.endswith(c, 0, i) for c in _CUE_BEFORE)


def _cue_after(chunk: str, i: int) -> bool:
    return any(chunk.startswith(c, i) for c in _CUE_AFTER)


def _in_word(chunk: str, s: int, words, tags) -> bool:
    """Whether ``chunk[s]`` lies inside a frequent dictionary word that is no name (高校, 提高, 方面)."""
    for i in range(max(0, s - 2), s + 1):
        for j in range(s + 1, min(len(chunk), i + 4) + 1):
            w = chunk[i:j]
            if len(w) > 1 and words.get(w, 0) >= _WORD_FREQ and tags.get(w) not in _NAME_TAGS:
                return True
    return False


def _titled(chunk: str, offset: int, words, tags) -> Iterator[Hit]:
    """Surname + one or two given-name characters right before a title ("李明华主任", "欧阳娜老师");
    no part of the name may be an ordinary word (高校老师, 常务副主任)."""
    for m in _TITLE_RX.finditer(chunk):
        t = m.start()
        if not _title_at(chunk, t):
            continue
        for given in (2, 1):
            for sl in (2, 1):
                s = t - sl - given
                if s < 0 or _surname_at(chunk, s) != sl:
                    continue
                name = chunk[s:t]
                if any(ch in _NOT_GIVEN for ch in name[sl:]):
                    continue
                if any(len(w) > 1 and words.get(w, 0) >= _WORD_FREQ and tags.get(w) not in _NAME_TAGS for w in (name, name[:sl + 1], name[sl:])):
                    continue
                yield offset + s, offset + m.end(), "PERSON", name
                break
            else:
                continue
            break
