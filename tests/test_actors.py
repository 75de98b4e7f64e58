"""Actor resolution, one mechanism at a time, on short texts (rules backend).

The knowledge base here is ``tests/data/actors_kb.yaml`` (loaded as a user file,
without the shipped data), so these tests pin the mechanisms, not the data.
"""

from __future__ import annotations

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geotext.actors import (
    FUZZY_THRESHOLD,
    Actor,
    KnowledgeBase,
    KnowledgeBaseError,
    actors_in_span,
    normalize,
    resolve,
)
from geotext.actors.fuzzy import match_org, match_person
from geotext.backends import annotate

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return KnowledgeBase.load([DATA / "actors_kb.yaml"], builtin=False)


def run(text: str, kb: KnowledgeBase, date: str = "2022-12-20", backend: str = "rules") -> dict[str, Actor]:
    doc = annotate([text], backend=backend)[0]
    actors = resolve(doc, kb=kb, date=datetime.date.fromisoformat(date))
    for actor in actors:
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text
    return {a.id: a for a in actors}


def texts(actor: Actor, kind: str | None = None) -> list[str]:
    return [m.text for m in actor.mentions if kind is None or m.kind == kind]


# -- normalisation ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Wladimir Putin", "Vladimir Putin"),
        ("Dmitri Peskov", "Dmitry Peskov"),
        ("Dmitriy Peskov", "Dmitry Peskov"),
        ("Alyaksandr Lukashenka", "Alexander Lukashenko"),
        ("Aleksandr Lukashenko", "Alexander Lukashenko"),
        ("Volodymyr Zelenskyy", "Volodymyr Zelensky"),
        ("Zelenskiy", "Zelensky"),
        ("Recep Tayyip Erdoğan", "Recep Tayyip Erdogan"),
        ("Putin\u2019s", "PUTIN"),
        ("U.S.", "US"),
    ],
)
def test_normalize_folds_variants(a: str, b: str) -> None:
    assert normalize(a) == normalize(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Volodymyr", "Vladimir"), ("Peskov", "Peskova"), ("Bill Clinton", "Hillary Clinton")],
)
def test_normalize_keeps_different_names_apart(a: str, b: str) -> None:
    assert normalize(a) != normalize(b)


def test_normalize_splits_glued_words() -> None:
    assert normalize("theInstitute for War StudiesLukashenko\u2019s") == (
        "the institute for war studies lukashenko"
    )
    assert normalize("McDonald MacArthur") == "mcdonald macarthur"


# -- gazetteer and case rules ---------------------------------------------------------


def test_aliases_found_with_case_rules(kb: KnowledgeBase) -> None:
    found = run("Putin met Lukashenko. The West and the ISW watched; the west wing did not.", kb)
    assert texts(found["person:vladimir-putin"]) == ["Putin"]
    assert texts(found["person:alexander-lukashenko"]) == ["Lukashenko"]
    assert texts(found["collective:west"]) == ["The West"]
    assert texts(found["org:isw"]) == ["ISW"]


def test_lower_case_abbreviation_is_not_an_actor(kb: KnowledgeBase) -> None:
    assert "org:isw" not in run("The isw file and the npl flag.", kb)


def test_glued_names_are_found(kb: KnowledgeBase) -> None:
    found = run("Experts from theInstitute for the Study of WarLukashenko\u2019s aid is small.", kb)
    assert texts(found["org:isw"]) == ["Institute for the Study of War"]
    assert texts(found["person:alexander-lukashenko"]) == ["Lukashenko"]


def test_transliteration_variant_in_text(kb: KnowledgeBase) -> None:
    found = run("Wladimir Putin and Aleksandr Lukashenka met.", kb)
    assert texts(found["person:vladimir-putin"]) == ["Wladimir Putin"]
    assert texts(found["person:alexander-lukashenko"]) == ["Aleksandr Lukashenka"]


def test_generational_suffix_blocks_the_father(kb: KnowledgeBase) -> None:
    found = run("Donald Trump Jr. spoke after Donald Trump.", kb)
    trump = found["person:donald-trump"]
    assert [(m.text, m.start) for m in trump.mentions] == [("Donald Trump", 29)]


# -- fuzzy matching ---------------------------------------------------------------------


def test_misspelt_name_is_matched(kb: KnowledgeBase) -> None:
    found = run("Dmitri Peshkov said the talks went well.", kb)
    assert texts(found["person:dmitry-peskov"]) == ["Dmitri Peshkov"]
    assert "fuzzy" in found["person:dmitry-peskov"].mentions[0].evidence


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["dmitry", "peshkov"], "person:dmitry-peskov"),
        (["peshkov"], "person:dmitry-peskov"),
        (["d", "peskov"], "person:dmitry-peskov"),
        (["peskova"], None),  # a different (female) person: the ending differs
        (["elizaveta", "peskova"], None),
        (["hillary", "clinton"], None),  # Bill is not Hillary
        (["donald", "trump", "jr"], None),  # the son is not the father
        (["pesk"], None),  # too short to guess
        (["dmitry", "petrov"], None),  # far below the threshold
    ],
)
def test_fuzzy_threshold_both_ways(kb: KnowledgeBase, words: list[str], expected: str | None) -> None:
    hit = match_person(words, kb)
    assert (hit.actor if hit else None) == expected


def test_fuzzy_threshold_is_documented_value() -> None:
    assert FUZZY_THRESHOLD == 0.8


def test_fuzzy_does_not_merge_distinct_people_in_text(kb: KnowledgeBase) -> None:
    found = run("Hillary Clinton and Elizaveta Peskova attended.", kb)
    assert "person:bill-clinton" not in found and "person:dmitry-peskov" not in found


def test_near_miss_organisation_by_token_overlap(kb: KnowledgeBase) -> None:
    found = run("Analysts at the Institute for War Studies disagree.", kb)
    assert texts(found["org:isw"]) == ["Institute for War Studies"]
    assert match_org(normalize("Policy Lab of the Nordics").split(), kb) is not None
    assert match_org(normalize("Institute for Peace Studies").split(), kb) is None


# -- dated roles and titles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "expected"),
    [("2010-03-01", "person:dmitry-medvedev"), ("2024-03-01", "person:vladimir-putin")],
)
def test_same_title_two_dates_two_people(kb: KnowledgeBase, date: str, expected: str) -> None:
    found = run("The Russian President said talks would continue.", kb, date=date)
    assert texts(found[expected], "title") == ["The Russian President"]
    other = {"person:dmitry-medvedev", "person:vladimir-putin"} - {expected}
    assert not other & set(found)


def test_leader_role_of_a_parliamentary_state(kb: KnowledgeBase) -> None:
    assert texts(run("The German leader arrived.", kb, "2015-01-01")["person:angela-merkel"]) == [
        "The German leader"
    ]
    assert texts(run("The German leader arrived.", kb, "2023-01-01")["person:olaf-scholz"]) == [
        "The German leader"
    ]


def test_metonym_modifier_and_leader_nouns(kb: KnowledgeBase) -> None:
    found = run("The Kremlin boss spoke. Kremlin spokesman Peskov agreed.", kb)
    assert texts(found["person:vladimir-putin"], "title") == ["The Kremlin boss"]
    assert texts(found["person:dmitry-peskov"], "title") == ["Kremlin spokesman"]
    assert texts(found["gov:rus"], "metonym") == ["The Kremlin", "Kremlin"]


def test_counterpart_is_the_other_state_leader(kb: KnowledgeBase) -> None:
    found = run("Putin arrived in Minsk. The talks went well, said the Belarusian counterpart.", kb)
    assert texts(found["person:alexander-lukashenko"]) == ["the Belarusian counterpart"]


def test_former_title_goes_to_the_previous_holder(kb: KnowledgeBase) -> None:
    found = run("The former German chancellor wrote a book.", kb, "2023-06-01")
    assert texts(found["person:angela-merkel"]) == ["The former German chancellor"]


def test_vice_titles_are_not_resolved(kb: KnowledgeBase) -> None:
    assert "person:vladimir-putin" not in run("The Russian vice president spoke.", kb)


def test_title_before_unknown_name_does_not_take_the_holder(kb: KnowledgeBase) -> None:
    found = run("Kremlin spokesman Ivan Ivanovsky denied it.", kb)
    assert "person:dmitry-peskov" not in found
    assert texts(found["unk:person:ivan-ivanovsky"]) == ["Kremlin spokesman", "Ivan Ivanovsky"]


# -- metonymy ---------------------------------------------------------------------------


def test_metonymy_versus_place(kb: KnowledgeBase) -> None:
    found = run("Moscow rejected the offer. Protests took place in Moscow and at Minsk.", kb)
    gov = found["gov:rus"]
    assert [(m.text, m.kind, m.metonymic) for m in gov.mentions] == [("Moscow", "metonym", True)]
    assert texts(found["place:moscow"]) == ["Moscow"]
    assert not found["place:moscow"].mentions[0].metonymic
    assert texts(found["place:minsk"]) == ["Minsk"]
    assert "gov:blr" not in found


# -- abbreviations ----------------------------------------------------------------------


def test_abbreviation_defined_in_text(kb: KnowledgeBase) -> None:
    found = run("The Baltic Maritime Research Centre (BMRC) published a map. BMRC analysts disagree.", kb)
    actor = found["unk:org:baltic-maritime-research-centre"]
    assert texts(actor) == ["Baltic Maritime Research Centre", "BMRC", "BMRC"]
    assert [m.kind for m in actor.mentions][1:] == ["abbreviation", "abbreviation"]


def test_abbreviation_defined_for_a_known_org(kb: KnowledgeBase) -> None:
    found = run("The Nordic Policy Lab (NPL) agrees; NPL staff said so.", kb)
    assert texts(found["org:nordic-policy-lab"]) == ["Nordic Policy Lab", "NPL", "NPL"]


def test_abbreviation_known_to_the_kb(kb: KnowledgeBase) -> None:
    found = run("According to the ISW, ISW analysts expect little.", kb)
    assert texts(found["org:isw"], "abbreviation") == ["ISW", "ISW"]


def test_brackets_that_do_not_spell_the_name_define_nothing(kb: KnowledgeBase) -> None:
    found = run("The Baltic Maritime Research Centre (XYZ) published a map.", kb)
    assert not any(a.id.startswith("unk:org:") for a in found.values())


# -- coreference ------------------------------------------------------------------------


def test_pronouns_follow_gender_and_subjects(kb: KnowledgeBase) -> None:
    found = run("Angela Merkel met Vladimir Putin. She said he was wrong about himself.", kb, "2015-01-01")
    assert texts(found["person:angela-merkel"], "pronoun") == ["She"]
    assert texts(found["person:vladimir-putin"], "pronoun") == ["he", "himself"]


def test_object_pronoun_avoids_its_own_subject(kb: KnowledgeBase) -> None:
    found = run("Putin accepted Lukashenko's arguments without convincing him.", kb)
    assert texts(found["person:alexander-lukashenko"], "pronoun") == ["him"]
    assert texts(found["person:vladimir-putin"], "pronoun") == []


def test_they_needs_a_group_and_stops_at_indefinites(kb: KnowledgeBase) -> None:
    found = run("Russia wants talks. If someone thinks they can wait, they are wrong.", kb)
    assert texts(found["state:rus"], "pronoun") == []
    found = run("The West warned Minsk. They said sanctions would follow.", kb)
    assert texts(found["collective:west"], "pronoun") == ["They"]


def test_pronoun_does_not_reach_into_a_quotation(kb: KnowledgeBase) -> None:
    found = run("Merkel spoke. \u201cPutin must leave,\u201d she said.", kb, "2015-01-01")
    assert texts(found["person:angela-merkel"], "pronoun") == ["she"]


def test_description_before_a_name_and_alone(kb: KnowledgeBase) -> None:
    found = run("Putin met his friend Alexander Lukashenko.", kb)
    assert texts(found["person:alexander-lukashenko"], "description") == ["his friend"]
    assert texts(found["person:vladimir-putin"], "pronoun") == ["his"]
    found = run("Lukashenko waited. Putin greeted his friend warmly.", kb)
    assert texts(found["person:alexander-lukashenko"], "description") == ["his friend"]


def test_unknown_people_merge_by_surname(kb: KnowledgeBase) -> None:
    found = run("Spokesman Jan Kowalczyk spoke first. Later Kowalczyk said he agreed.", kb)
    actor = found["unk:person:jan-kowalczyk"]
    assert actor.record is None and actor.type == "person"
    assert texts(actor) == ["Spokesman", "Jan Kowalczyk", "Kowalczyk", "he"]


def test_surname_after_full_name_of_a_kb_person(kb: KnowledgeBase) -> None:
    # The KB has no bare "Clinton" alias (two Clintons); after the full name it is Bill.
    found = run("Bill Clinton spoke first. Clinton later said he agreed.", kb)
    assert texts(found["person:bill-clinton"]) == ["Bill Clinton", "Clinton", "he"]
    assert "person:bill-clinton" not in run("Clinton later said he agreed.", kb)


def test_hyphenated_and_misspelt_surnames_join_the_full_name(kb: KnowledgeBase) -> None:
    found = run("Spokesman Douglas Holtz-Eakin spoke. Holtz-Eakin said so, and Holtz-Eaken agreed.", kb)
    actor = found["unk:person:douglas-holtz-eakin"]
    assert texts(actor, "name") == ["Douglas Holtz-Eakin", "Holtz-Eakin", "Holtz-Eaken"]


def test_title_case_headline_creates_no_unknown_actor(kb: KnowledgeBase) -> None:
    found = run("Spokesman Jan Kowalczyk Defends His Plan Against New Claims", kb)
    assert not any(a.id.startswith("unk:") for a in found.values())


def test_bare_title_uses_the_role_title(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "isr.yaml"
    path.write_text(
        "schema: 1\nactors:\n"
        "- {id: 'state:isr', type: state, name: Israel, adjectives: [Israeli], iso3: ISR}\n"
        "- id: person:benjamin-netanyahu\n  type: person\n  name: Benjamin Netanyahu\n"
        "  aliases: [Netanyahu]\n  gender: male\n  roles:\n"
        "  - {role: head_of_government, country: ISR, title: Prime Minister of Israel, start: 2009-03-31}\n"
        "- id: person:barack-obama\n  type: person\n  name: Barack Obama\n  aliases: [Obama]\n"
        "  gender: male\n  roles:\n"
        "  - {role: head_of_government, country: USA, title: President of the United States, start: 2009-01-20}\n"
        "  - {role: head_of_state, country: USA, title: President of the United States, start: 2009-01-20}\n",
        encoding="utf-8",
    )
    both = kb.merge(KnowledgeBase.from_files([path]))
    found = run("Netanyahu met Obama. The prime minister and the president talked.", both, "2015-11-10")
    assert texts(found["person:benjamin-netanyahu"], "title") == ["The prime minister"]
    assert texts(found["person:barack-obama"], "title") == ["the president"]


def test_dateline_capital_is_a_place(kb: KnowledgeBase) -> None:
    found = run("MOSCOW (Reuters) - The Kremlin said nothing.", kb)
    assert texts(found["place:moscow"]) == ["MOSCOW"]
    assert texts(found["gov:rus"]) == ["The Kremlin"]


def test_alias_inside_a_longer_unknown_name_is_not_matched(kb: KnowledgeBase) -> None:
    found = run("He drove from the West Coast. Putin Wednesday met the West.", kb)
    assert texts(found["collective:west"]) == ["the West"]
    assert texts(found["person:vladimir-putin"], "name") == ["Putin"]


@pytest.mark.parametrize(
    "text",
    [
        "Putin did not go to Belarus to persuade Lukashenko to join War.",
        "the West and the BORN in an effort to avoid it.",
        "Turn on notifications to get updates",
    ],
)
def test_no_actor_from_stray_capitals(kb: KnowledgeBase, text: str) -> None:
    found = run(text, kb)
    words = {m.text for a in found.values() for m in a.mentions}
    assert not words & {"War", "BORN", "Turn", "notifications", "updates"}
    assert not any(a.id.startswith("unk:") for a in found.values())


# -- records, JSON and span lookup -------------------------------------------------------


def test_to_dict_is_json_ready(kb: KnowledgeBase) -> None:
    found = run("Kremlin spokesman Peskov spoke.", kb)
    data = json.loads(json.dumps([a.to_dict() for a in found.values()]))
    peskov = next(d for d in data if d["id"] == "person:dmitry-peskov")
    assert peskov["record"]["roles"][0]["start"] == "2012-05-22"
    assert {"text", "start", "end", "kind", "evidence"} <= set(peskov["mentions"][0])


def test_actors_in_span_puts_the_best_cover_first(kb: KnowledgeBase) -> None:
    text = "The Kremlin boss said no."
    found = run(text, kb)
    ids = [a.id for a in actors_in_span(found.values(), 0, len("The Kremlin boss"))]
    assert ids[0] == "person:vladimir-putin" and "gov:rus" in ids
    assert actors_in_span(found.values(), 17, 25) == []


def test_date_defaults_to_the_document_date(kb: KnowledgeBase) -> None:
    doc = annotate(["The Russian President spoke."], backend="rules", date=datetime.date(2010, 1, 1))[0]
    assert {a.id for a in resolve(doc, kb=kb)} == {"person:dmitry-medvedev", "state:rus"}


# -- knowledge base files ---------------------------------------------------------------


def test_user_kb_file_is_merged_with_the_shipped_kb(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text(
        "schema: 1\nactors:\n"
        "- id: person:ada-lindqvist\n  type: person\n  name: Ada Lindqvist\n"
        "  aliases: [Lindqvist]\n  gender: female\n"
        "  roles:\n  - {role: spokesperson, country: SWE, start: 2020-01-01, end: null}\n",
        encoding="utf-8",
    )
    kb = KnowledgeBase.load([path])
    assert kb.get("person:ada-lindqvist") is not None and kb.get("state:swe") is not None
    found = run("The Swedish spokeswoman said so. Lindqvist later added that she disagreed.", kb)
    assert texts(found["person:ada-lindqvist"]) == ["The Swedish spokeswoman", "Lindqvist", "she"]


def test_user_file_extends_an_existing_record(kb: KnowledgeBase, tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "schema: 1\nactors:\n- id: person:dmitry-peskov\n  type: person\n"
        "  name: Dmitry Peskov\n  aliases: [Putin's press secretary]\n",
        encoding="utf-8",
    )
    merged = kb.merge(KnowledgeBase.from_files([path]))
    record = merged.get("person:dmitry-peskov")
    assert record is not None and "Peskov" in record.aliases and "Putin's press secretary" in record.aliases
    assert record.roles  # kept from the first file


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("actors: []\n", "schema-1"),
        ("schema: 1\nactors:\n- {id: nope, type: person, name: X}\n", "'id'"),
        ("schema: 1\nactors:\n- {id: 'p:x', type: wizard, name: X}\n", "'type'"),
        (
            "schema: 1\nactors:\n- {id: 'p:x', type: person, name: X, roles: [{role: a, start: May}]}\n",
            "date",
        ),
    ],
)
def test_bad_kb_files_raise_with_the_file_name(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError, match=message) as info:
        KnowledgeBase.from_files([path])
    assert "bad.yaml" in str(info.value)


def test_derived_government_and_places(kb: KnowledgeBase) -> None:
    gov = kb.get("gov:rus")
    assert gov is not None and gov.type == "government" and "Kremlin" in gov.metonyms
    assert kb.get("place:moscow") is not None
    assert kb.get("state:rus") is not None and kb.get("state:rus").iso2 == "RU"  # type: ignore[union-attr]


def test_dated_role_index(kb: KnowledgeBase) -> None:
    day = datetime.date(2012, 5, 7)  # the handover day: the incoming president first
    assert next(r.id for r in kb.holders("head_of_state", "RUS", day)) == "person:vladimir-putin"
    assert kb.former_holder("head_of_state", "RUS", datetime.date(2010, 1, 1)).id == (  # type: ignore[union-attr]
        "person:vladimir-putin"
    )


def test_title_with_of_phrase(kb: KnowledgeBase) -> None:
    found = run("The President of Russia and the Chancellor of Germany spoke.", kb, "2023-01-01")
    assert texts(found["person:vladimir-putin"], "title") == ["The President of Russia"]
    assert texts(found["person:olaf-scholz"], "title") == ["the Chancellor of Germany"]


def test_kb_pickles_without_its_indexes(kb: KnowledgeBase) -> None:
    import pickle

    run("Putin spoke.", kb)  # builds the gazetteer
    copy = pickle.loads(pickle.dumps(kb))
    assert len(copy) == len(kb) and copy.cached("gazetteer") is None
    assert texts(run("Putin spoke.", copy)["person:vladimir-putin"]) == ["Putin"]


def test_datetime_is_accepted_as_date(kb: KnowledgeBase) -> None:
    doc = annotate(["The Russian President spoke."], backend="rules")[0]
    found = resolve(doc, kb=kb, date=datetime.datetime(2010, 1, 1, 12, 0))
    assert "person:dmitry-medvedev" in {a.id for a in found}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Putin",
                    "Kremlin",
                    "in",
                    "Moscow",
                    "ISW",
                    "(",
                    ")",
                    "he",
                    "the",
                    "Russian",
                    "President",
                    "’s",
                    "“",
                    "”",
                    ",",
                    ".",
                    "Jr.",
                    "spokesman",
                    "Peshkov",
                    "Dmitri",
                    "West",
                    "\n",
                ]
            ),
            st.text(max_size=6),
        ),
        max_size=30,
    )
)
def test_any_text_resolves_with_exact_offsets(kb: KnowledgeBase, words: list[str]) -> None:
    text = " ".join(words)
    doc = annotate([text], backend="rules")[0]
    for actor in resolve(doc, kb=kb):
        assert actor.mentions
        for m in actor.mentions:
            assert text[m.start : m.end] == m.text and m.start < m.end


@pytest.mark.parametrize(("date", "expected"), [("1985-01-01", "gov:sun"), ("2022-01-01", "gov:rus")])
def test_historical_state_metonyms_follow_the_date(kb: KnowledgeBase, date: str, expected: str) -> None:
    found = run("The Kremlin said Moscow would respond.", kb, date)
    assert texts(found[expected]) == ["The Kremlin", "Moscow"]
    assert ({"gov:sun", "gov:rus"} - {expected}).isdisjoint(found)


def test_both_refers_to_the_two_people_mentioned_last(kb: KnowledgeBase) -> None:
    found = run("Putin met Lukashenko in Minsk. Afterwards both refrained from comment.", kb)
    assert texts(found["person:vladimir-putin"], "pronoun") == ["both"]
    assert texts(found["person:alexander-lukashenko"], "pronoun") == ["both"]
    found = run("Putin met Lukashenko in Minsk. Both countries signed.", kb)
    assert "both" not in {m.text.lower() for a in found.values() for m in a.mentions}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Putin flew to Minsk on Monday.", "place:minsk"),
        ("Lukashenko returned to Minsk.", "place:minsk"),
        ("He is on his way back to Moscow.", "place:moscow"),
        ("Putin visited Minsk.", "place:minsk"),
        ("Russian missiles hit Kyiv overnight.", "place:kyiv"),
        ("Lukashenko’s aid to Moscow will remain limited.", "gov:rus"),
        ("Moscow said it would respond.", "gov:rus"),
    ],
)
def test_capital_after_motion_or_location_verb_is_the_place(text: str, expected: str) -> None:
    ids = [a.id for a in resolve(annotate([text], backend="rules")[0])]
    assert expected in ids
    other = "gov:" if expected.startswith("place:") else "place:"
    assert not any(i.startswith(other) for i in ids)


@pytest.mark.parametrize("backend", ["rules", pytest.param("stanza", marks=pytest.mark.stanza)])
def test_a_capital_after_a_settlement_noun_is_the_city(backend: str) -> None:
    # "the capital, Nairobi", "the city of Kabul": the city; a capital that acts is the government.
    doc = annotate(
        [
            "Delegates met in the country's capital, Nairobi, on Monday. Residents of the city of Kabul "
            "queued for bread. Nairobi said the talks had failed."
        ],
        backend=backend,
    )[0]
    found = {a.id: [m.text for m in a.mentions] for a in resolve(doc)}
    assert found["place:nairobi"] == ["Nairobi"] and found["place:kabul"] == ["Kabul"]
    assert found["gov:ken"] == ["Nairobi"]
