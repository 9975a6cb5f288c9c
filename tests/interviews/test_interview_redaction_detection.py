"""Identifiers no list names: recall per kind and precision on a seeded set, with sentence templates
and look-alikes kept here, apart from the generator the detectors were written against."""

from __future__ import annotations

import pytest

import survey as sv
from survey.datasets.redaction_corpus import STRUCTURED, TEMPLATES, redaction_corpus, score_redaction

KEY = "a-test-key-never-in-output-9f3b"

HELD_OUT = {
    "name": ("上周{x}还专门来实验室看了看。", "那次座谈会是{x}主持的。", "材料交给{x}以后就没消息了。", "{x}告诉我可以走绿色通道。",
             "我跟{x}反映过好几次。", "同事{x}比我早来两年。", "后来换成{x}对接我们。"),
    "address": ("我家在{x}，小区环境还行。", "新的办公室搬去了{x}。", "快递地址写的是{x}。", "公寓分在{x}，不过还没装修。"),
    "phone": ("你记一下，{x}，晚上打也行。", "号码{x}是我爱人的。", "call me at {x} any time."),
    "id": ("证件号{x}，麻烦核对一下。", "ID number {x} was rejected.", "他们把{x}填错了一位。"),
    "email": ("你把表格发{x}吧。", "邮件抄送{x}。", "my e-mail is {x}, thanks."),
    "card": ("卡号{x}，是工商银行的。", "钱打到{x}这张卡上了。", "收款账户：{x}"),
    "plate": ("那辆{x}停了一上午。", "车牌{x}，麻烦登记一下。", "我开的是{x}那辆白色的车。"),
    "qq": ("有问题QQ联系，号码是{x}。", "QQ号码：{x}，白天不在线。", "他们群主的QQ是{x}。"),
    "wechat": ("微信号是{x}，搜一下就有。", "你加vx：{x}，我拉你进群。", "WeChat: {x}"),
}
HELD_OUT_CLEAN = (
    "这个思路没问题，但是道路还很长。", "我知道他们也很难，毕竟经费有限。", "高新区的企业比较多，机会也多。", "周末去江边走走，心情好多了。",
    "马上要评职称了，压力挺大。", "白天忙完晚上还要写材料。", "这个方法我们试过，效果一般。", "文件下来以后大家都很高兴。",
    "2022年3月8号提交的，到6月才批。", "补贴一共是2.4万元，分两次发。", "去年招了35个博士，今年计划50个。", "交易流水号2024031512345678901。",
    "合同编号6217000012345678，已经归档。", "我们在3号会议室开的会。", "出路还是在于提高待遇。", "任何领导都会这么说。",
    "The committee met on Friday and approved the plan.", "I work in the Science Park near the river.", "时间定在下午2点半。",
    "A类人才可以申请120平米的住房。", "一路上我都在想这个问题。", "常务副市长也讲了话。", "黄金周期间办事大厅不开门。",
)


@pytest.fixture(scope="module")
def redactor():
    return sv.Redactor(key=KEY)


def _check(score):
    for kind in STRUCTURED:
        assert score.recall(kind) >= 0.99, (kind, score.table)
    for kind in ("name", "address"):
        assert score.recall(kind) >= 0.95, (kind, score.table)
    assert score.precision >= 0.90, (score.precision, score.false_positives[:20])


def test_recall_and_precision_on_the_seeded_set(redactor):
    corpus = redaction_corpus(2026)
    assert sum(len(s.spans) for s in corpus) == 9000 and sum(not s.spans for s in corpus) == 1000
    _check(score_redaction(corpus, redactor.find))


def test_recall_and_precision_on_held_out_templates(redactor):
    corpus = redaction_corpus(31, n_per_kind=300, n_clean=600, templates=HELD_OUT, clean=HELD_OUT_CLEAN)
    _check(score_redaction(corpus, redactor.find))


def test_the_generator_is_seeded():
    assert redaction_corpus(5, n_per_kind=20, n_clean=20) == redaction_corpus(5, n_per_kind=20, n_clean=20)
    assert redaction_corpus(5, n_per_kind=20, n_clean=20) != redaction_corpus(6, n_per_kind=20, n_clean=20)
    assert set(TEMPLATES) == set(HELD_OUT)


def test_the_missed_name_and_address_are_redacted(redactor):
    out = redactor.redact("李明华主任说，我们在临园路东段58号办公。后来李明华又来了一次。")
    assert "李明华" not in out and "临园路" not in out and "58号" not in out
    # one person, one pseudonym, with or without the title
    assert out.count(redactor.pseudonym("PERSON", "李明华")) == 2
    assert redactor.pseudonym("ADDRESS", "临园路东段58号") in out


@pytest.mark.parametrize(
    "text, secret, kind",
    [
        ("王老师说可以", "王老师", "PERSON"), ("张总同意了", "张总", "PERSON"), ("小李也来了", "小李", "PERSON"),
        ("欧阳娜老师帮了忙", "欧阳娜", "PERSON"), ("司马健处长签了字", "司马健", "PERSON"),
        ("I asked Dr. Emily Carter.", "Emily Carter", "PERSON"), ("my colleague John Miller agreed", "John Miller", "PERSON"),
        ("四川省绵阳市涪城区临园路东段58号3栋2单元501室", "临园路", "ADDRESS"), ("住在阳光小区3栋2单元501室", "阳光小区", "ADDRESS"),
        ("微信号：zhang_wei88，加一下", "zhang_wei88", "WECHAT"), ("QQ：123456789", "123456789", "QQ"),
        ("车牌京A12345", "京A12345", "PLATE"), ("新能源车粤B·D12345", "D12345", "PLATE"), ("京AD12345", "AD12345", "PLATE"),
        ("卡号6222 0212 3456 7890 128", "6222", "CARD"), ("卡号6222021234567890128", "6222021234567890128", "CARD"),
    ],
)
def test_each_detector(text, secret, kind, redactor):
    out = redactor.redact(text)
    assert secret not in out and f"[{kind}:" in out, out
    assert redactor.redact(out) == out  # idempotent


@pytest.mark.parametrize(
    "skip, kept",
    [("names", "欧阳娜"), ("addresses", "临园路东段58号"), ("wechat", "zhang_wei88"), ("qq", "123456789"), ("plates", "京A12345"),
     ("bank_cards", "6222021234567890128")],
)
def test_each_detector_can_be_switched_off(skip, kept):
    text = "欧阳娜说：临园路东段58号，微信号：zhang_wei88，QQ：123456789，车牌京A12345，卡号6222021234567890128。"
    assert kept not in sv.redact(text, key=KEY)
    out = sv.redact(text, key=KEY, skip=[skip])
    assert kept in out and out.count("[") == 5, out


def test_an_unknown_detector_is_a_named_error():
    with pytest.raises(sv.SurveyError, match="no detector called 'cards'.*bank_cards"):
        sv.redact("x", key=KEY, skip=["cards"])


def test_numbers_that_are_not_cards_stay():
    for text in ("订单号6222021234567890128，还没发货。", "编号6222021234567890121。", "金额12345678元，日期2024-05-12。"):
        assert sv.redact(text, key=KEY) == text


@pytest.mark.parametrize("text", ["按关键事件法，满意（高峰）与不满意（低谷）事件。", "表4-28 高峰与低谷事件中各因素", "| advancement | 晋升 | motivator |",
                                  "我卡了好几年上不去，晋升通道不畅。", "银行卡号码还没给他们。", "黄金周期间人很多。",
                                  "政策要分类施策，精准施策。"])
def test_words_jieba_tags_as_names_are_not_redacted(text, redactor):
    # jieba's dictionary tags 高峰, 晋升, 银行卡, 黄金周 as person names, and its guesser 施策; report prose passes
    # through redaction too
    assert redactor.redact(text) == text


def test_a_frequent_word_is_a_name_with_a_cue(redactor):
    assert "李娜" not in redactor.redact("李娜说可以。") and "李娜" not in redactor.redact("我叫李娜。")


@pytest.mark.parametrize("text, name", [("我认识慕容平海很多年了。", "慕容平海"), ("通过诸葛云建才联系上人才办。", "诸葛云建"), ("这件事由孙诗煜牵头。", "孙诗煜"),
                                        ("特别感谢龙煜睿的帮助。", "龙煜睿")])
def test_whole_names_after_more_lead_words(text, name, redactor):
    hits = [h for h in redactor.find(text) if h[2] == "PERSON"]
    assert [h[3] for h in hits] == [name]
