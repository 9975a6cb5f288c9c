"""The bundled talent-service questionnaire: loads, is complete in both languages and cross-consistent."""

from __future__ import annotations

from collections import Counter

import pytest

from survey import bundled_questionnaires, load_questionnaire
from survey.schema import cross_check

HYGIENE = ["policy_admin", "subsidy_housing", "living_conditions", "work_conditions"]
MOTIVATOR = ["achievement_recognition", "career_growth", "autonomy", "innovation_platform"]
OUTCOME = ["overall_satisfaction", "intention_stay", "recommend"]
DEMOGRAPHICS = ["gender", "age", "education", "title", "talent_category", "years_city", "sector"]
HERZBERG = {
    "policy_administration", "supervision", "interpersonal_relations", "working_conditions", "salary", "status",
    "security", "personal_life", "achievement", "recognition", "work_itself", "responsibility", "advancement", "growth",
}


@pytest.fixture(scope="module")
def q():
    return load_questionnaire("talent_service")


def test_is_bundled_and_cross_consistent(q):
    assert "talent_service" in bundled_questionnaires()
    assert cross_check(q) == []
    assert q.languages == ["zh", "en"]
    # the counts docs/schema.md states
    assert (len(q.items), len(q.constructs), len(q.kano), len(q.importance), len(q.attention_checks)) == (63, 11, 5, 8, 1)


def test_every_text_is_bilingual(q):
    texts = [q.title] + [i.text for i in q.items] + [i.row for i in q.items if i.row]
    texts += [c.name for c in q.constructs] + [c.description for c in q.constructs if c.description]
    texts += [k.name for k in q.kano]
    texts += [t for s in q.scales.values() for t in (*s.labels.values(), *s.missing.values())]
    for text in texts:
        assert text.zh and text.en, text
        assert text.zh != text.en, text  # really translated, not copied


def test_constructs_roles_and_factors(q):
    assert [c.id for c in q.constructs_with_role("hygiene")] == HYGIENE
    assert [c.id for c in q.constructs_with_role("motivator")] == MOTIVATOR
    assert [c.id for c in q.constructs_with_role("outcome")] == OUTCOME
    for c in q.constructs:
        assert 3 <= len(c.items) <= 4, c.id
        scales = {q.item(i).scale for i in c.items}
        assert len(scales) == 1
        assert all(q.item(i).type == "likert" for i in c.items)
        if c.role in ("hygiene", "motivator"):
            assert c.factor in HERZBERG, c.id
            assert scales == {"satisfaction"}
        else:
            assert c.factor is None and scales == {"agreement"}


def test_reverse_key_is_the_leaving_item(q):
    assert q.reverse_items == ["ST3"]
    assert "ST3" in q.construct("intention_stay").items
    assert "离开" in q.item("ST3").text.zh and "leaving" in q.item("ST3").text.en


def test_scales(q):
    sat = q.scales["satisfaction"]
    assert sat.codes == (1, 2, 3, 4, 5)
    assert (sat.labels[1].zh, sat.labels[5].zh) == ("非常不满意", "非常满意")
    assert (sat.labels[1].en, sat.labels[5].en) == ("very dissatisfied", "very satisfied")
    assert {c: t.en for c, t in sat.missing.items()} == {-2: "skipped", -3: "not shown"}
    kano = q.scales["kano"]
    assert [kano.labels[c].zh for c in kano.codes] == ["我喜欢", "理所当然", "无所谓", "能忍受", "我不喜欢"]
    assert q.scales["importance"].codes == (1, 2, 3, 4, 5)
    assert q.scales["agreement"].codes == (1, 2, 3, 4, 5)
    assert not q.scales["gender"].ordered and not q.scales["sector"].ordered
    assert [q.scales["sector"].labels[c].zh for c in (1, 2, 3)] == ["高校", "科研院所", "企业"]


def test_demographics(q):
    demo = q.items_with_role("demographic")
    assert [i.id for i in demo] == DEMOGRAPHICS
    assert all(i.type == "single" and i.number for i in demo)


def test_kano_pairs_resolve(q):
    assert [k.attribute for k in q.kano] == ["housing_subsidy", "children_schooling", "one_stop_service", "research_funding", "career_training"]
    for pair in q.kano:
        functional, dysfunctional = q.item(pair.functional), q.item(pair.dysfunctional)
        assert (functional.role, dysfunctional.role) == ("kano_functional", "kano_dysfunctional")
        assert functional.scale == dysfunctional.scale == "kano"
        assert functional.row == dysfunctional.row  # the same attribute in both matrices
        assert "不" in dysfunctional.text.zh and "not" in dysfunctional.text.en


def test_importance_covers_the_eight_service_constructs(q):
    assert {imp.attribute for imp in q.importance} == set(HYGIENE + MOTIVATOR)
    assert [imp.attribute for imp in q.importance] == HYGIENE + MOTIVATOR
    for imp in q.importance:
        item = q.item(imp.item)
        assert item.role == "importance" and item.scale == "importance"


def test_attention_check(q):
    (check,) = q.attention_checks
    item = q.item(check.item)
    assert item.role == "attention_check"
    assert check.expected == [4]
    assert q.scales[item.scale].labels[4].zh == "满意"
    assert "满意" in item.text.zh and "satisfied" in item.text.en
    assert all(check.item not in c.items for c in q.constructs)


def test_wenjuanxing_numbers_and_rows(q):
    for item in q.items:
        assert item.number is not None and item.number.isdigit(), item.id
    by_number = Counter(i.number for i in q.items)
    matrices = {n for n, count in by_number.items() if count > 1}
    for item in q.items:
        if item.number in matrices:
            assert item.row is not None, item.id
    # row labels are unique within a matrix question, so "9、(住房补贴)" names one item
    rows = Counter((i.number, i.row.zh) for i in q.items if i.row)
    assert max(rows.values()) == 1
    assert q.item("SH2").number == "9" and q.item("SH2").row.zh == "住房补贴"
    assert sorted({int(i.number) for i in q.items}) == list(range(1, 22))


def test_ids_are_short_and_unique(q):
    ids = q.item_ids
    assert len(ids) == len(set(ids))
    assert all(len(i) <= 15 for i in ids)
