"""Places named inside organisations' names ("University of Texas", "the New Zealand
government") are mentioned there too; the organisation keeps its words."""

from __future__ import annotations

import pytest

import geotext
from geotext.actors import resolve
from geotext.backends import annotate

BACKENDS = ["rules", pytest.param("stanza", marks=pytest.mark.stanza)]


def _mentions(text: str, backend: str) -> dict[str, list[str]]:
    doc = annotate([text], backend=backend)[0]
    return {a.id: [m.text for m in a.mentions] for a in resolve(doc)}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_place_after_of_inside_an_organisation(backend: str) -> None:
    found = _mentions("Mara Lind taught at the University of Copenhagen for a decade.", backend)
    assert found["place:copenhagen"] == ["Copenhagen"]  # the city, not Denmark's government
    assert any("University of Copenhagen" in forms for forms in found.values())
    assert "gov:dnk" not in found


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_place_before_an_organisation_noun(backend: str) -> None:
    found = _mentions("The New Zealand government will hold a vote on the flag.", backend)
    assert found["gov:nzl"] == ["New Zealand government"]
    assert found["state:nzl"] == ["New Zealand"]
    found = _mentions("Kai Moana studied physics at Ohio State University in Columbus.", backend)
    assert found["place:usa-oh"] == ["Ohio"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_name_that_only_begins_with_a_place_holds_none(backend: str) -> None:
    # No organisation or feature noun after the place: the name is not made of the place's name.
    found = _mentions("Shares of Texas Instruments fell on Monday.", backend)
    assert "place:usa-tx" not in found
    # A feature named after a place holds it ("Auckland Castle", "Isfahan International Airport").
    found = _mentions("The tapestries hang in Auckland Castle, far from any harbour.", backend)
    assert found["place:nzl-auckland"] == ["Auckland"] and ["Auckland Castle"] in found.values()


@pytest.mark.parametrize("backend", BACKENDS)
def test_the_organisation_stays_the_speaker(backend: str) -> None:
    result = geotext.analyze(
        "\u201cRates will rise,\u201d the Bank of Spain said on Monday.", backend=backend
    )
    [quote] = result.quotes
    assert [a.name for a in quote.actors] == ["Bank of Spain"]
    spain = next(a for a in result.actors if a.id == "state:esp")
    assert [(m.text, m.evidence) for m in spain.mentions] == [("Spain", "place named in 'Bank of Spain'")]


def test_news_regions_keep_the_state() -> None:
    # Not inside an organisation's name: unchanged ("southern Ukraine" is Ukraine).
    found = _mentions("Shelling hit southern Ukraine as the Ukrainian army advanced.", "rules")
    assert found["state:ukr"][0] == "Ukraine"


@pytest.mark.parametrize("backend", BACKENDS)
def test_unresolved_capitalised_words_named_after_a_place(backend: str) -> None:
    # No earlier pass made these words an actor: they become an organisation holding the place.
    found = _mentions("Lena Park joined the Kansas Department of Wildlife last year.", backend)
    assert found["place:usa-ks"] == ["Kansas"]
    assert ["Kansas Department of Wildlife"] in found.values()
    # A title after the place is no organisation ("Texas Governor ...").
    found = _mentions("Texas Governor Greg Abbott spoke on Monday.", backend)
    assert not any(actor.startswith("unk:org") for actor in found)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_guarded_place_said_to_be_a_place(backend: str) -> None:
    # "Reading" is a common word: it needs a cue, and "is a large town" is one.
    found = _mentions("Reading is a large town on the Thames. Reading has a university.", backend)
    assert found["place:gbr-reading"] == ["Reading", "Reading"]
    assert "place:gbr-reading" not in _mentions("Reading the report took an hour.", backend)


@pytest.mark.parametrize("backend", BACKENDS)
def test_places_after_of_the_and_after_and_inside_a_name(backend: str) -> None:
    found = _mentions("Ana Ruiz has studied at the University of the Andes since 2020.", backend)
    assert "state:and" not in found  # "the Andes" is no KB place: nothing nested
    text = "Two groups from Harbor Institute of Technology and Colorado State University of the US met."
    found = _mentions(text, backend)
    assert found["place:usa-co"] == ["Colorado"] and found["state:usa"] == ["US"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_an_organisation_ending_with_of_and_a_place(backend: str) -> None:
    found = _mentions("The Comic Corps of Canada collects toys for children.", backend)
    assert found["state:can"] == ["Canada"]


def test_no_organisation_from_a_title_case_headline() -> None:
    found = _mentions(
        "Wisconsin Elects A Supreme Court Justice Who Once Mocked Voters\n\nThe vote was close.", "rules"
    )
    assert not any(actor.startswith("unk:org") for actor in found)


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_nested_place_is_no_second_speaker(backend: str) -> None:
    result = geotext.analyze(
        "A report from the Harbor Institute of Oregon said that prices would rise.", backend=backend
    )
    [quote] = result.quotes
    assert [a.name for a in quote.actors] == ["Harbor Institute of Oregon"]
    assert "place:usa-or" in {a.id for a in result.actors}


def _tagged(text: str, spans: dict[str, str]) -> dict[str, list[str]]:
    """The rules backend's document of ``text`` with the NER spans a tagger gave it
    (``{words: label}``), resolved: which places the names hold."""
    import attrs

    from geotext.model import Entity

    doc = annotate([text], backend="rules")[0]
    entities = tuple(
        Entity(
            text=t, start=text.index(t), end=text.index(t) + len(t), label=label, raw_label=label, sentence=0
        )
        for t, label in spans.items()
    )
    sentences = [attrs.evolve(s, entities=entities if s.index == 0 else ()) for s in doc.sentences]
    doc = attrs.evolve(doc, sentences=tuple(sentences), has_ner=True)
    return {a.id: [m.text for m in a.mentions] for a in resolve(doc)}


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_place_before_a_newspaper_or_event_noun(backend: str) -> None:
    # "Times", "Festival", "Navy": the name is made of the place's name, as with "government".
    found = _mentions("Lena Ruiz told the Manila Times that she would stay.", backend)
    assert found["place:manila"] == ["Manila"] and ["Manila Times"] in found.values()
    found = _mentions("Tickets for the Zagreb Film Festival sold out within a day.", backend)
    assert found["place:zagreb"] == ["Zagreb"]
    found = _tagged("A destroyer of the Chile Navy docked at dawn.", {"Chile Navy": "ORG"})
    assert found["state:chl"] == ["Chile"] and ["Chile Navy"] in found.values()


def test_a_place_last_after_an_organisation_noun() -> None:
    # NER made the whole name an organisation; the state ends it after a name noun.
    found = _tagged("Crowds filled the halls of Comic Expo Norway on Friday.", {"Comic Expo Norway": "ORG"})
    assert found["state:nor"] == ["Norway"] and ["Comic Expo Norway"] in found.values()
    # Not after any other word: "Air Norway" holds no noun, so no place in it.
    found = _tagged("Lena flew Nordic Air Norway to Oslo.", {"Nordic Air Norway": "ORG"})
    assert "state:nor" not in found


def test_a_ner_place_that_ends_where_a_kb_place_ends() -> None:
    # The gazetteer reads "Bavaria Today" as a longer name; NER ends the place at "Bavaria".
    found = _tagged("Readers of Bavaria Today praised the guide.", {"Bavaria": "LOC"})
    assert found["place:deu-by"] == ["Bavaria"]
    found = _tagged("Readers of Lake Mirrow Today praised it.", {"Lake Mirrow": "LOC"})
    assert found and all(actor.startswith("unk:") for actor in found)  # no KB place of that name
