"""The KB build pipeline (geotext.training.kb), the generated places and their rules."""

from __future__ import annotations

import datetime
import gzip
import io
import json
from pathlib import Path

import pytest
import regex

from geotext.actors import KnowledgeBase, resolve
from geotext.actors.kb import kb_info
from geotext.actors.records import ActorRecord
from geotext.backends import annotate
from geotext.cli import main
from geotext.training.kb import BuildError, Importer, build

BACKENDS = ["rules", pytest.param("stanza", marks=pytest.mark.stanza)]

COUNTRIES = (
    "id,name,iso3,iso2,capital,wikiDataId\n"
    "1,Belgium,BEL,BE,Brussels,Q31\n"
    "2,Guadeloupe,GLP,GP,Basse-Terre,Q17012\n"
    "3,Nowhere,N0,NW,,Q1\n"
    "4,Broken,BRK,BK,,Q-7\n"
)
STATES = (
    "id,name,country_code,iso2,iso3166_2,type,level,parent_id,wikiDataId,population\n"
    "1,Texas,US,TX,US-TX,state,,,Q1439,\n"
    "2,Flanders,BE,VLG,BE-VLG,region,1,,Q9337,\n"
    "3,Antwerp,BE,VAN,BE-VAN,province,2,2,Q1116,\n"
    "4,Too,BE,XX,BE-XX,region,,,Q5,extra,fields\n"
    "5,Nul,BE,NU,BE-NU,region,,,NULL,\n"
)


def _city(name: str, kind: str, population: int | None, qid: str = "Q1", en: str = "") -> dict[str, object]:
    return {
        "id": 1,
        "name": name,
        "state_code": "VLG",
        "country_code": "BE",
        "type": kind,
        "population": population,
        "translations": {"en": en} if en else {},
        "wikiDataId": qid,
    }


@pytest.fixture
def csc(tmp_path: Path) -> Path:
    (tmp_path / "countries.csv").write_text(COUNTRIES, encoding="utf-8")
    (tmp_path / "states.csv").write_text(STATES, encoding="utf-8")
    cities = tmp_path / "cities"
    cities.mkdir()
    entries = [
        _city("Brussels", "capital", 1_019_022, "Q239"),
        _city("Gent", "city", 265_086, "Q1296", en="Ghent"),
        _city("Aalst", "city", 77_534, "Q12"),
        _city("Brugge", "city", 118_509, "Q12994"),
        _city("Antwerpen", "adm2", 500_000, "Q12892"),
        _city("Antwerp District", "district", 500_000, "Q13"),
    ]
    (cities / "BE.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    (tmp_path / "COMMIT").write_text("abc123 2026-08-08\n", encoding="utf-8")
    return tmp_path


def test_countries_territories_and_rejected_lines(csc: Path) -> None:
    imp = Importer()
    records = imp.csc_countries(csc / "countries.csv")
    ids = [r["id"] for r in records]
    # Belgium is a shipped state with its own QID: nothing to add; Guadeloupe is a territory.
    assert ids == ["place:glp"]
    assert records[0]["wikidata"] == "Q17012" and "line 3" in str(records[0]["source"])
    assert [(r.line, "iso3" in r.reason or "wikidata" in r.reason) for r in imp.rejected] == [
        (4, True),
        (5, True),
    ]


def test_first_level_regions_only(csc: Path) -> None:
    imp = Importer()
    records = imp.csc_states(csc / "states.csv")
    assert [(r["id"], r.get("wikidata")) for r in records] == [
        ("place:usa-tx", "Q1439"),
        ("place:bel-vlg", "Q9337"),
        ("place:bel-nu", None),  # "NULL" is the source's empty marker, not an id
    ]
    assert records[0]["parent"] == "state:usa" and "ODbL-1.0" in str(records[0]["source"])
    assert [str(r) for r in imp.rejected] == ["states.csv:5: wrong number of fields"]


def test_strict_stops_at_the_first_malformed_line(csc: Path) -> None:
    with pytest.raises(BuildError, match=r"states.csv:5: wrong number of fields"):
        Importer(strict=True).csc_states(csc / "states.csv")


def test_cities_population_capital_and_english_names(csc: Path) -> None:
    imp = Importer()
    records = imp.csc_cities(csc / "cities")
    by_name = {r["name"]: r for r in records}
    assert set(by_name) == {"Brussels", "Ghent", "Brugge", "Antwerpen"}  # Aalst < 100k; a district is no city
    # The capital takes the id of the shipped capital place, so the two records merge.
    assert by_name["Brussels"]["id"] == "place:brussels"
    assert by_name["Ghent"]["id"] == "place:bel-ghent" and by_name["Ghent"]["aliases"] == ["Gent"]
    assert by_name["Ghent"]["parent"] == "place:bel-vlg"


def test_seats_of_government_and_regional_capitals_are_cities(tmp_path: Path) -> None:
    kb = KnowledgeBase(
        [
            ActorRecord(
                id="state:ben",
                type="state",
                name="Benin",
                iso3="BEN",
                iso2="BJ",
                capital="Porto-Novo",
                metonyms=("Porto-Novo", "Cotonou"),
                source="test",
            )
        ]
    )
    entries = [
        {
            "name": "Cotonou",
            "country_code": "BJ",
            "type": "gov_seat",
            "population": 679_012,
            "wikiDataId": "Q43595",
        },
        {
            "name": "Parakou",
            "country_code": "BJ",
            "type": "adm1",
            "population": 255_478,
            "wikiDataId": "Q2337446",
        },
        {
            "name": "Borgou",
            "country_code": "BJ",
            "type": "prefecture",
            "population": 1_200_000,
            "wikiDataId": "Q5",
        },
        {
            "name": "Feldkirch District",
            "country_code": "BJ",
            "type": "adm4",
            "population": 104_048,
            "wikiDataId": "Q6",
        },
    ]
    (tmp_path / "BJ.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    records = {r["name"]: r for r in Importer(kb=kb).csc_cities(tmp_path)}
    assert set(records) == {"Cotonou", "Parakou"}  # an area ("prefecture", "adm4") is no city
    # A seat of government that is one of the state's metonyms is that metonym's place.
    assert records["Cotonou"]["id"] == "place:cotonou" and records["Cotonou"]["wikidata"] == "Q43595"
    assert records["Parakou"]["id"] == "place:ben-parakou"


def test_a_qid_given_to_two_differently_named_places_is_withheld(tmp_path: Path) -> None:
    kb = KnowledgeBase(
        [
            ActorRecord(
                id="state:ukr",
                type="state",
                name="Ukraine",
                iso3="UKR",
                iso2="UA",
                capital="Kyiv",
                metonyms=("Kyiv", "Kiev", "Bankova"),
                source="test",
            )
        ]
    )

    def city(name: str, kind: str, population: int, qid: str, **extra: object) -> dict[str, object]:
        return {"name": name, "country_code": "UA", "type": kind, "population": population} | {
            "wikiDataId": qid,
            **extra,
        }

    entries = [
        city("Kvasy", "city", 1_000, "Q517568"),  # too small to import, but it owns the QID
        city("Kyiv", "capital", 2_797_553, "Q517568", translations={"br": "Kiev", "uk": "Київ"}),
        city("Kharkiv", "city", 1_430_885, "Q42308"),
        city("Kharkiv City", "city", 1_430_000, "Q42308"),  # the same name with a suffix
    ]
    (tmp_path / "UA.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    imp = Importer(kb=kb)
    records = imp.csc_cities(tmp_path)
    assert imp.withhold_ambiguous(records) == 1
    by_name = {r["name"]: r for r in records}
    assert "wikidata" not in by_name["Kyiv"] and "Q517568 withheld" in str(by_name["Kyiv"]["source"])
    assert by_name["Kharkiv"]["wikidata"] == "Q42308"
    # The capital's source line names it "Kiev" in another language: an alias of the
    # city, so the state's metonym "Kiev" is not a second place; "Bankova" is not one.
    assert by_name["Kyiv"]["aliases"] == ["Kiev"]


def test_other_spelling_of_a_capital_is_the_capital_place() -> None:
    kb = KnowledgeBase.default()
    assert "place:kiev" not in kb and "Kiev" in kb.get("place:kyiv").aliases  # type: ignore[union-attr]
    assert kb.metonym_place("Kiev") == "place:kyiv" and kb.metonym_place("Bankova") == "place:bankova"
    doc = annotate(["Talks were held in Kiev on Monday. Later Kyiv hosted a summit."], backend="rules")[0]
    places = [a for a in resolve(doc) if a.type == "place"]
    assert [(a.id, [m.text for m in a.mentions]) for a in places] == [("place:kyiv", ["Kiev", "Kyiv"])]


def test_malformed_json_is_rejected_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "XX.json").write_text('[\n  {"id": 1,\n  "name": }\n]\n', encoding="utf-8")
    imp = Importer()
    assert imp.csc_cities(tmp_path) == []
    assert imp.rejected[0].line == 3 and "not valid JSON" in imp.rejected[0].reason


def test_bad_population_is_rejected_with_its_line(tmp_path: Path) -> None:
    entries = [_city("Gent", "city", 265_086), _city("Liege", "city", "many")]  # type: ignore[arg-type]
    (tmp_path / "BE.json").write_text(json.dumps(entries, indent=2), encoding="utf-8")
    imp = Importer()
    assert [r["name"] for r in imp.csc_cities(tmp_path)] == ["Gent"]
    [bad] = imp.rejected
    assert bad.line == json.dumps(entries, indent=2).splitlines().index("  {", 2) + 1
    assert "population" in bad.reason


def test_build_writes_versioned_files_and_manifest(csc: Path, tmp_path: Path) -> None:
    words = tmp_path / "words"
    words.write_text("bar\nnice\nTexas\n", encoding="utf-8")
    out = tmp_path / "out"
    day = datetime.date(2026, 1, 2)
    manifest = build({"csc": csc, "words": words}, out, date=day)
    assert manifest["built"] == "2026-01-02" and manifest["counts"]["regions"] == 3  # type: ignore[index]
    sources = manifest["sources"]
    assert (
        isinstance(sources, list) and sources[0]["licence"] == "ODbL-1.0" and sources[0]["commit"] == "abc123"
    )
    data = json.loads(gzip.decompress((out / "kb_places.json.gz").read_bytes()))
    assert data["schema"] == 1 and all("ODbL-1.0" in r["source"] for r in data["actors"])
    first = (out / "kb_places.json.gz").read_bytes()
    build({"csc": csc, "words": words}, out, date=day)
    assert (out / "kb_places.json.gz").read_bytes() == first  # deterministic
    assert json.loads((out / "kb_build.json").read_text(encoding="utf-8"))["counts"]["cities"] == 4


def test_build_refuses_unknown_or_missing_sources(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="unknown source"):
        build({"csc": tmp_path, "other": tmp_path}, tmp_path / "out")
    with pytest.raises(BuildError, match=r"missing countries\.csv"):
        build({"csc": tmp_path}, tmp_path / "out")


# -- the shipped generated KB ------------------------------------------------------


def test_every_state_region_and_city_has_a_qid() -> None:
    kb = KnowledgeBase.default()
    states = [r for r in kb if r.type == "state"]
    assert len(states) >= 195 and all(r.wikidata for r in states)
    assert kb.get("place:usa-tx").wikidata == "Q1439"  # type: ignore[union-attr]
    assert kb.get("place:deu-by").wikidata == "Q980"  # type: ignore[union-attr]
    assert kb.get("place:brussels").wikidata == "Q239"  # type: ignore[union-attr]
    generated = [r for r in kb if r.type == "place" and "csc " in r.source]
    regions = [r for r in generated if "kind " in r.source]
    cities = [r for r in generated if "population" in r.source]
    assert len(regions) > 3000 and len(cities) > 1500
    assert sum(bool(r.wikidata) for r in regions) / len(regions) > 0.95
    # Cities whose source QID is also given to a differently named place carry none.
    assert sum(bool(r.wikidata) for r in cities) / len(cities) > 0.55
    assert all(r.wikidata is None or r.wikidata.startswith("Q") for r in generated)
    withheld = [(r, regex.search(r"wikidata (Q\d+) withheld", r.source)) for r in cities]
    withheld = [(r, m.group(1)) for r, m in withheld if m]
    assert len(withheld) > 1000 and all(r.wikidata != qid for r, qid in withheld)


def test_no_generated_qid_names_two_differently_named_places() -> None:
    # Kyiv's city line in the source carries the item of the village before it
    # (Kvasy): such copied QIDs are withheld, so no two generated places of
    # different names share an item.
    kb = KnowledgeBase.default()
    names: dict[str, set[str]] = {}
    for r in kb:
        if r.type == "place" and r.wikidata and "csc " in r.source:
            names.setdefault(r.wikidata, set()).add(r.name)
    assert all(len(v) == 1 for v in names.values())
    kyiv = kb.get("place:kyiv")
    assert kyiv is not None and kyiv.wikidata is None and "withheld" in kyiv.source


def test_kb_info_and_cli() -> None:
    info = kb_info()
    assert info["built"] and any(s["licence"] == "ODbL-1.0" for s in info["sources"])  # type: ignore[attr-defined]
    out, err = io.StringIO(), io.StringIO()
    assert main(["kb", "info"], stdout=out, stderr=err) == 0
    assert "ODbL-1.0" in out.getvalue() and "built" in out.getvalue()
    out = io.StringIO()
    assert main(["kb", "info", "--format", "json"], stdout=out, stderr=err) == 0
    assert json.loads(out.getvalue())["records"]["state"] >= 195
    # each listed source file is a working GitHub link to the file at its commit
    files = [s["files"] for s in info["sources"] if isinstance(s.get("files"), dict)]  # type: ignore[attr-defined]
    links = [where for f in files for where in f.values()]
    assert links and all(
        regex.fullmatch(r"https://github\.com/[^/]+/[^/]+/blob/[0-9a-f]{40}/\S+", w) for w in links
    )


# -- resolution rules -----------------------------------------------------------------


def _ids(text: str, backend: str, kb: KnowledgeBase | None = None) -> dict[str, list[str]]:
    [doc] = annotate([text], backend=backend, date=datetime.date(2024, 6, 1))
    out: dict[str, list[str]] = {}
    for actor in resolve(doc, kb=kb):
        for m in actor.mentions:
            out.setdefault(m.text, []).append(actor.id)
    return out


@pytest.mark.parametrize("backend", BACKENDS)
def test_brussels_is_the_eu_in_eu_context(backend: str) -> None:
    eu = _ids(
        "The European Commission proposed new tariffs. Farmers urged Brussels to drop the plan.", backend
    )
    assert eu["Brussels"] == ["igo:eu"]
    bel = _ids("Belgian unions said Brussels had ignored them. Belgium's prime minister replied.", backend)
    assert bel["Brussels"] == ["gov:bel"]
    place = _ids("The European Commission met in Brussels on Monday.", backend)
    assert place["Brussels"] == ["place:brussels"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_nested_organs(backend: str) -> None:
    ids = _ids("The EU parliament voted on Tuesday. Later the EU said it welcomed the vote.", backend)
    assert ids["The EU parliament"] == ["igo:european-parliament"]
    assert ids["the EU"] == ["igo:eu"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_regions_and_cities_carry_qids(backend: str) -> None:
    [doc] = annotate(
        ["Texas Governor Greg Abbott flew to Bavaria and later arrived in Brussels."], backend=backend
    )
    found = {m.text: a.record.wikidata for a in resolve(doc) if a.record for m in a.mentions}
    assert found["Texas"] == "Q1439" and found["Bavaria"] == "Q980" and found["Brussels"] == "Q239"


def _guard_kb() -> KnowledgeBase:
    # "bar" is in the shipped guard list (a common word): the place needs a cue.
    return KnowledgeBase(
        [
            ActorRecord(id="place:mne-bar", type="place", name="Bar", country="MNE", source="test"),
            ActorRecord(id="state:mne", type="state", name="Montenegro", iso3="MNE", source="test"),
        ]
    )


@pytest.mark.parametrize("backend", BACKENDS)
def test_common_word_places_need_a_cue(backend: str) -> None:
    kb = _guard_kb()
    assert "place:mne-bar" not in _ids("Bar owners protested on Friday.", backend, kb).get("Bar", [])
    assert _ids("The ferry docked in Bar on Friday.", backend, kb)["Bar"] == ["place:mne-bar"]
    assert _ids("He was born in Bar, Montenegro.", backend, kb)["Bar"] == ["place:mne-bar"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_capital_named_as_a_place_stays_the_place(backend: str) -> None:
    ids = _ids("We arrived in Athens at noon. Athens is an old city. Athens said it would reply.", backend)
    assert ids["Athens"] == ["place:athens", "place:athens", "gov:grc"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_capital_as_place_by_its_company(backend: str) -> None:
    # An address, a name after "of", a list with a plain place: the city, not the government.
    ids = _ids("Jeanne Moreau. Born 23 January 1928 Paris, France. She died in 2017.", backend)
    assert ids["Paris"] == ["place:paris"]
    assert _ids("Daily flights link Tehran and Mashhad.", backend)["Tehran"] == ["place:tehran"]
    ids = _ids("The Guardian of London called her the queen of the curve.", backend)
    assert ids.get("London", ["place:london"]) == ["place:london"]
    # Capitals among capitals stay governments.
    ids = _ids("Moscow, Beijing and Tehran condemned the strike.", backend)
    assert ids["Moscow"] == ["gov:rus"] and ids["Tehran"] == ["gov:irn"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_city_state_name_is_the_state(backend: str) -> None:
    ids = _ids("Visa-free entry applies to Namibia, Singapore, Slovakia and Peru.", backend)
    assert ids["Singapore"][0] in ("state:sgp", "place:singapore")


@pytest.mark.stanza
def test_metonym_of_an_unnamed_state_yields_to_a_local_place() -> None:
    ids = _ids("Schools in New South Wales, Victoria and Queensland in Australia took part.", "stanza")
    assert ids["Victoria"] == ["place:aus-vic"]  # not the capital of the Seychelles


def test_island_group_short_form() -> None:
    ids = _ids("Flying to the Chathams is not cheap. The plane is based in the Chathams.", "rules")
    assert ids["the Chathams"] == ["place:nzl-cit", "place:nzl-cit"]


@pytest.mark.parametrize("backend", BACKENDS)
def test_misspelt_officeholders_by_the_date(backend: str) -> None:
    # The final letter differs (not a/e): accepted only for people in office on the date.
    ids = _ids("Sergei Lavrow met the press. Later Benjamin Netanyahoo spoke.", backend)
    assert ids["Sergei Lavrow"] == ["person:sergei-lavrov"]
    assert ids["Benjamin Netanyahoo"] == ["person:benjamin-netanyahu"]
    [doc] = annotate(["Sergei Lavrow met the press."], backend=backend, date=datetime.date(1990, 1, 1))
    assert "person:sergei-lavrov" not in {a.id for a in resolve(doc)}  # not yet in office
    # A feminine ending stays a different person, whatever the date.
    ids = _ids("Olena Zelenska visited a school.", backend)
    assert "person:volodymyr-zelensky" not in ids.get("Olena Zelenska", [])


@pytest.mark.parametrize("backend", BACKENDS)
def test_companies_by_legal_name(backend: str) -> None:
    ids = _ids("The Rosneft Oil Company was sanctioned on Friday. Gazprom PJSC said exports fell.", backend)
    assert ids["Rosneft Oil Company"] == ["org:rosneft"]
    assert ids["Gazprom PJSC"] == ["org:gazprom"]
    # A sector word without a legal-form word is part of another name.
    ids = _ids("Rosneft Trading Bank opened a branch in Geneva.", backend)
    assert "org:rosneft" not in ids.get("Rosneft Trading Bank", [])


@pytest.mark.parametrize("backend", BACKENDS)
def test_of_two_places_of_one_name_the_one_in_a_named_country(backend: str) -> None:
    kb = KnowledgeBase(
        [
            ActorRecord(id="state:aus", type="state", name="Australia", iso3="AUS", source="test"),
            ActorRecord(id="place:usa-newtown", type="place", name="Newtown", country="USA", source="t"),
            ActorRecord(id="place:aus-newtown", type="place", name="Newtown", country="AUS", source="t"),
        ]
    )
    # The candidates' own countries do not count as named: only "Australia" does.
    ids = _ids("Schools in Newtown reopened, officials in Australia said.", backend, kb)
    assert ids["Newtown"] == ["place:aus-newtown"]
