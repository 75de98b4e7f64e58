"""Integrity of the shipped actor knowledge base (data/actors/*.yaml)."""

from __future__ import annotations

import collections
import datetime

import pytest

from geotext.actors import ACTOR_TYPES, KnowledgeBase, normalize
from geotext.actors.kb import BUILTIN_FILES, parse_file
from geotext.data import load_yaml

ROLE_KEYS = {
    "head_of_state",
    "head_of_government",
    "foreign_minister",
    "defence_minister",
    "spokesperson",
    "foreign_ministry_spokesperson",
    "deputy_head_of_government",
    "leader_of_organization",
    "military_chief",
}
G20 = [
    "ARG",
    "AUS",
    "BRA",
    "CAN",
    "CHN",
    "FRA",
    "DEU",
    "IND",
    "IDN",
    "ITA",
    "JPN",
    "KOR",
    "MEX",
    "RUS",
    "SAU",
    "ZAF",
    "TUR",
    "GBR",
    "USA",
]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.default()


def test_files_parse_and_ids_are_unique() -> None:
    seen: dict[str, str] = {}
    for name in BUILTIN_FILES:
        for record in parse_file(load_yaml(name), name):
            assert record.id not in seen, f"{record.id} in {name} and {seen.get(record.id)}"
            seen[record.id] = name
            assert record.type in ACTOR_TYPES


def test_id_prefixes_match_types(kb: KnowledgeBase) -> None:
    for record in kb:
        prefix = record.id.split(":", 1)[0]
        if record.type == "person":
            assert prefix == "person", record.id
        if prefix == "person":
            assert record.type == "person", record.id


def test_un_members_and_observers(kb: KnowledgeBase) -> None:
    status = collections.Counter(r.un for r in kb if r.type == "state")
    assert status["member"] == 193 and status["observer"] == 2


def test_roles_are_valid(kb: KnowledgeBase) -> None:
    for record in kb:
        for role in record.roles:
            assert role.role in ROLE_KEYS, (record.id, role.role)
            assert role.country or role.org, (record.id, role)
            if role.country:
                assert kb.state_for(role.country) is not None, (record.id, role.country)
            if role.org:
                assert role.org in kb, (record.id, role.org)
            if role.start and role.end:
                assert role.start <= role.end, (record.id, role)


def test_people_have_gender(kb: KnowledgeBase) -> None:
    for record in kb:
        if record.type == "person":
            assert record.gender in ("male", "female"), record.id


def test_no_bare_surname_names_two_people(kb: KnowledgeBase) -> None:
    owners: dict[str, set[str]] = collections.defaultdict(set)
    for record in kb:
        if record.type == "person":
            for alias in (record.name, *record.aliases):
                key = normalize(alias)
                if " " not in key:
                    owners[key].add(record.id)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert not shared


@pytest.mark.parametrize("iso3", G20)
def test_g20_heads_of_state_and_government_known(kb: KnowledgeBase, iso3: str) -> None:
    day = datetime.date(2024, 6, 1)
    state = kb.state_for(iso3)
    assert state is not None and state.leader_role in ("head_of_state", "head_of_government")
    assert kb.holders(state.leader_role, iso3, day), iso3
    assert kb.holders("foreign_minister", iso3, day), iso3


def test_metonyms_point_at_governments(kb: KnowledgeBase) -> None:
    gov = kb.get("gov:rus")
    assert gov is not None and {"Kremlin", "Moscow"} <= set(gov.metonyms)
    assert kb.get("place:minsk") is not None and kb.get("place:kyiv") is not None


# The coverage issue 3 asks for, checked through resolution on the rules backend.
COVERAGE = {
    "the United Nations": "igo:un",
    "the UN Security Council": "igo:unsc",
    "NATO": "igo:nato",
    "the European Union": "igo:eu",
    "the OSCE": "igo:osce",
    "the CSTO": "igo:csto",
    "the Shanghai Cooperation Organisation": "igo:sco",
    "BRICS": "igo:brics",
    "the G7": "igo:g7",
    "the G20": "igo:g20",
    "the African Union": "igo:african-union",
    "ASEAN": "igo:asean",
    "OPEC": "igo:opec",
    "the IAEA": "igo:iaea",
    "the ISW": "org:isw",
    "RAND": "org:rand",
    "Chatham House": "org:chatham-house",
    "the IISS": "org:iiss",
    "SIPRI": "org:sipri",
    "CSIS": "org:csis",
    "Brookings": "org:brookings",
    "ACLED": "org:acled",
    "Bellingcat": "org:bellingcat",
    "the Wagner Group": "group:wagner",
    "Hezbollah": "group:hezbollah",
    "Zelenskyy": "person:volodymyr-zelensky",
    "Kim Jong Un": "person:kim-jong-un",
    "Lai Ching-te": "person:lai-ching-te",
}


@pytest.mark.parametrize(("name", "expected"), sorted(COVERAGE.items()))
def test_coverage_resolves(kb: KnowledgeBase, name: str, expected: str) -> None:
    from geotext.actors import resolve
    from geotext.backends import annotate

    doc = annotate([f"Yesterday {name} said it would act."], backend="rules")[0]
    assert [a.id for a in resolve(doc, kb=kb)] == [expected]
