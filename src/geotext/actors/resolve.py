"""Resolve every actor mention of a document to one canonical actor.

The passes, in order (each documented on its function):

1. gazetteer names (:func:`_names`): KB aliases, abbreviations, adjectives,
   demonyms and metonyms; metonyms after a locative preposition are places;
2. candidates (:mod:`geotext.actors.candidates`): NER entities and capitalised
   word runs the gazetteer missed: surnames and given names of people named
   before, misspelt people (fuzzy), near-miss organisation names (token
   overlap), organisations named after a state ("Statistics Norway"), unknown
   people, organisations and places;
3. abbreviations defined in the text (:func:`_abbreviations`);
4. document entities (:mod:`geotext.actors.entities`): roles and affiliations
   from titles and appositions, then descriptions ("the mayor", "the union",
   "the city") resolved to the entity holding that role or type;
5. KB titles, relation descriptions and pronouns (:mod:`geotext.actors.coref`),
   pronoun antecedents chosen by a learned ranker (:mod:`geotext.actors.ranking`).

Unknown actors are document entities: their canonical name is the fullest name
form in the text and their id its slug (``unk:person:hana-ilves``).

Works on both backends: without NER, capitalised runs are the candidates;
without a parse, the first mention of a sentence stands in for its subject.
"""

from __future__ import annotations

import bisect
import datetime
import functools
from collections.abc import Iterable, Iterator, Sequence

from geotext.actors import coref, entities
from geotext.actors.candidates import candidates, function_words, headline_sentences, place_named
from geotext.actors.context import Context, Work
from geotext.actors.fuzzy import match_org
from geotext.actors.gazetteer import Entry, Gazetteer, Match, stream
from geotext.actors.kb import KnowledgeBase
from geotext.actors.names import given_name_gender, strip_invisible
from geotext.actors.normalize import clean_name, slug
from geotext.actors.records import Actor, Mention
from geotext.data import load_yaml
from geotext.language.reporting import lexicon
from geotext.model import Document

__all__ = ["ActorIndex", "actors_in_span", "resolve", "run_passes"]


@functools.cache
def _place_context() -> dict[str, frozenset[str]]:
    """``data/place_context.yaml``: the contexts that make a capital the place."""
    data = load_yaml("place_context.yaml")
    if not isinstance(data, dict):
        raise TypeError("place_context.yaml must hold a mapping")
    keys = ("locatives", "directional", "motion_verbs", "location_object_verbs")
    return {k: frozenset(str(w) for w in data[k]) for k in keys}


# Dateline separators: "WASHINGTON (AP) -", "MOSCOW, Dec. 20 -".
_DATELINE = frozenset("-(,\u2014\u2013")


def resolve(
    doc: Document,
    *,
    date: datetime.date | None = None,
    kb: KnowledgeBase | None = None,
    quotes: Sequence[coref.QuoteSite] = (),
) -> tuple[Actor, ...]:
    """Find and resolve every actor mention of ``doc``.

    Args:
        doc: An annotated document (either backend).
        date: The date for dated roles; default ``doc.date``, else today.
        kb: The knowledge base; default the shipped one.
        quotes: Where the document's quotes and their speaker phrases are
            (:func:`geotext.quotes.sites`), for the quote-sequence rule of pronoun
            speakers (:mod:`geotext.actors.coref`).

    Returns:
        The actors in order of first mention, each with all its mentions.

    >>> from geotext.actors.kb import KnowledgeBase
    >>> from geotext.actors.records import ActorRecord
    >>> from geotext.backends import annotate
    >>> kb = KnowledgeBase([ActorRecord(id="person:ada-example", type="person",
    ...     name="Ada Example", aliases=("Example",), gender="female")])
    >>> doc = annotate(["Ada Example spoke. Later Example said she agreed."],
    ...                backend="rules")[0]
    >>> [(m.text, m.kind) for m in resolve(doc, kb=kb)[0].mentions]
    [('Ada Example', 'name'), ('Example', 'name'), ('she', 'pronoun')]
    """
    return _assemble(*run_passes(doc, date=date, kb=kb, quotes=quotes))


def run_passes(
    doc: Document,
    *,
    date: datetime.date | None = None,
    kb: KnowledgeBase | None = None,
    collect: coref.Collect | None = None,
    quotes: Sequence[coref.QuoteSite] = (),
) -> tuple[Context, dict[str, entities.Profile]]:
    """Run every pass of :func:`resolve` and return its working state (for the
    ``coref`` trainer, whose ``collect`` hook sees each pronoun decision)."""
    kb = KnowledgeBase.default() if kb is None else kb
    day = date or doc.date or datetime.date.today()
    if isinstance(day, datetime.datetime):
        day = day.date()  # roles hold dates; datetimes do not compare with them
    toks = stream(doc)
    ctx = Context.start(doc, kb, day, toks, Gazetteer.for_kb(kb).scan(toks))
    _names(ctx)
    _organs(ctx)
    candidates(ctx)
    _abbreviations(ctx)
    profiles = entities.profile(ctx)
    ctx.mark_subjects()
    entities.appositions(ctx)
    entities.descriptions(ctx, profiles)
    coref.titles(ctx)
    ctx.mark_subjects()
    coref.pronouns(ctx, collect, tuple(quotes))
    entities.appositions(ctx, pronouns=True)
    _nested_places(ctx)
    return ctx, profiles


# Actor types whose names can hold a place's name ("University of Texas", "the New
# Zealand government"); a place's or a person's name cannot ("New York", "George
# Washington").
_NAMED_AFTER_PLACES = frozenset(
    {"government", "body", "igo", "armed_group", "party", "media", "think_tank", "company", "organization"}
)


# Tokens of the longest organisation or feature name searched for places, and of the
# longest place name looked up inside it.
_LONGEST_NAME = 16
_LONGEST_PLACE = 6


def _nested_places(ctx: Context) -> None:
    """A state or place named inside an organisation's name is also mentioned there.

    Three shapes, where the organisation is named after the place: after "of"
    ("University of Texas", "Hebrew University of Jerusalem", "the Bank of Spain");
    first, before an organisation noun or a newspaper, event or armed-service word
    (``name_nouns``: "the New Zealand government", "Kyoto University", "Ohio State
    University", "the U.S. Department of Agriculture", "the Manila Times", "Berlin
    International Film Festival"); and last, straight after such a word ("Fan Expo
    Canada", "Bank Indonesia"). The
    place gets a second mention inside the organisation's (``claim=False``: the
    organisation keeps its words, so speaker look-ups, which take the mention that
    covers most of a span, still find it); a capital there is the city ("University
    of Copenhagen"). Capitalised words no earlier pass resolved that hold a place
    and, after it, an organisation noun ("Massachusetts Institute of Technology")
    become an unknown organisation first (a KB one by near-miss match); such words
    ending with a feature noun ("Isfahan International Airport", "Al Wakrah
    Stadium") an unknown place. Runs after every other pass, so no rule reads these
    mentions. Names that merely begin with a place ("Texas Instruments") hold
    neither noun and get none; a guarded place ("York", "Reading") only after "of"
    or before a feature noun.
    """
    toks = ctx.toks
    gazetteer = Gazetteer.for_kb(ctx.kb)
    lex = entities.nouns()
    org_nouns = lex.organisation_nouns | lex.generic_organisation_nouns | lex.name_nouns
    spans: list[tuple[int, int, bool]] = []  # tokens, and whether a feature's name
    for w in ctx.mentions:
        if w.kind not in ("name", "alias", "abbreviation") or w.j - w.i < 2:
            continue
        kind = ctx.actor_type(w.actor)
        if kind in _NAMED_AFTER_PLACES or (kind == "place" and w.actor in ctx.unknown):
            spans.append((w.i, w.j, toks[w.j - 1].key in lex.feature_nouns))
    for i, j in _unresolved_runs(ctx):
        feature = toks[j - 1].key in lex.feature_nouns
        if feature or any(t.key in org_nouns for t in toks[i + 1 : j]):
            spans.append((i, j, feature))
    for i, j, feature in spans:
        if j - i > _LONGEST_NAME:
            continue  # no name is that long: a run of capitalised words (bounded work)
        owner = ctx.covering(i)
        if owner is not None and ctx.actor_type(owner.actor) == "place" and not feature:
            continue
        first = i + 1 if toks[i].key == "the" else i
        for k in range(first, j):
            # After "of" or "of the" ("University of the Andes"); a name's start, also
            # after "and" in two names NER or the runs joined ("MIT and Ohio State University").
            before = [t.key for t in toks[max(i, k - 2) : k]]
            after_of = before[-1:] == ["of"] or before == ["of", "the"]
            # Last, straight after an organisation noun ("Fan Expo Canada", "Bank Indonesia").
            last = k > first and toks[k - 1].shape == "cap" and toks[k - 1].key in org_nouns
            if not after_of and not last and k != first and before[-1:] != ["and"]:
                continue
            for m in range(min(j, k + _LONGEST_PLACE), k, -1):
                if (k, m) == (first, j) or toks[k].shape not in ("cap", "upper"):
                    continue
                if last and not after_of and k != first and m != j:
                    continue
                # An organisation found by an earlier pass that ends with "of <place>"
                # needs no noun ("Comic Corps of Canada"); elsewhere a noun shows the
                # name is made of the place (not "Shares of Texas Instruments").
                nouns_between = toks[i:k] if after_of or (last and m == j) else toks[m:j]
                named = feature or (after_of and owner is not None and m == j)
                if not named and not any(t.key in org_nouns for t in nouns_between):
                    continue
                place = place_named(ctx, gazetteer.entries_over(toks, k, m), guarded_ok=after_of or feature)
                if place is None:
                    continue
                if feature and ctx.owner[i] < 0:
                    outer = ctx.new_unknown(first, j, "place")
                    ctx.add(first, j, outer, "name", "place named after a place")
                elif ctx.owner[i] < 0:
                    hit = match_org([t.key for t in toks[first:j]], ctx.kb)
                    org = hit.actor if hit else ctx.new_unknown(first, j, "organization")
                    ctx.add(first, j, org, "name", "organisation named after a place")
                text = " ".join(t.surface for t in toks[first:j])
                ctx.add(k, m, place, "name", f"place named in {text!r}", claim=False)
                break


def _unresolved_runs(ctx: Context) -> list[tuple[int, int]]:
    """Runs of two or more joined capitalised words (with "of" and "of the" between)
    that no mention covers, holding no person title ("Texas Governor"), outside
    title-case headlines ("Wisconsin Elects A Supreme Court Justice")."""
    toks, out = ctx.toks, []
    headlines = headline_sentences(ctx)
    k = 0
    while k < len(toks):
        if ctx.owner[k] >= 0 or toks[k].shape not in ("cap", "upper") or toks[k].sentence in headlines:
            k += 1
            continue
        j = k + 1
        while j < len(toks) and ctx.joined(j - 1, j) and ctx.owner[j] < 0:
            name_word = toks[j].shape in ("cap", "upper") or toks[j].key == "of"
            if not (name_word or (toks[j].key == "the" and toks[j - 1].key == "of")):
                break
            j += 1
        while j > k and toks[j - 1].key in ("of", "the"):
            j -= 1
        if j - k >= 2 and not any(ctx.vocab_at(n) is not None and n > k for n in range(k, j)):
            out.append((k, j))
        k = max(j, k + 1)
    return out


def actors_in_span(actors: Iterable[Actor], start: int, end: int) -> list[Actor]:
    """Actors with a mention overlapping ``[start, end)``, best cover first.

    The actor whose mention overlaps most of the span comes first; on a tie,
    people before others (for speaker lookup: "The Kremlin boss" names Putin,
    and the Russian government only through "Kremlin").

    >>> m = Mention(text="Ada", start=0, end=3, kind="name", evidence="", sentence=0)
    >>> a = Actor(id="unk:person:ada", name="Ada", type="person", record=None, mentions=(m,))
    >>> [x.id for x in actors_in_span([a], 0, 10)], actors_in_span([a], 5, 10)
    (['unk:person:ada'], [])
    """
    if isinstance(actors, ActorIndex):
        return actors.in_span(start, end)
    scored = []
    for actor in actors:
        best = actor.overlap(start, end)
        if best > 0:
            scored.append((-best, actor.type != "person", actor.start, actor))
    scored.sort(key=lambda t: t[:3])
    return [t[3] for t in scored]


class ActorIndex:
    """The mentions of a sequence of actors sorted by start, for many span look-ups.

    :func:`actors_in_span` on a plain sequence asks every actor (a binary search
    each), so a quote costs a pass over all actors of the document and a long text
    with many actors and many quotes grows quadratically; on an index a look-up is
    a binary search plus the mentions that can reach the span.

    >>> m = Mention(text="Ada", start=0, end=3, kind="name", evidence="", sentence=0)
    >>> a = Actor(id="unk:person:ada", name="Ada", type="person", record=None, mentions=(m,))
    >>> index = ActorIndex([a])
    >>> [x.id for x in actors_in_span(index, 0, 10)], actors_in_span(index, 5, 10)
    (['unk:person:ada'], [])
    """

    def __init__(self, actors: Iterable[Actor]):
        self.actors = tuple(actors)
        rows = sorted((m.start, m.end, i) for i, a in enumerate(self.actors) for m in a.mentions)
        self._rows = rows
        self._starts = [r[0] for r in rows]
        self._longest = max((e - s for s, e, _ in rows), default=0)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self.actors)

    def __len__(self) -> int:
        return len(self.actors)

    def in_span(self, start: int, end: int) -> list[Actor]:
        """The same list as :func:`actors_in_span` on the indexed actors."""
        best: dict[int, int] = {}
        rows = self._rows
        k = bisect.bisect_left(self._starts, end)
        while k > 0:
            k -= 1
            s, e, i = rows[k]
            if s + self._longest <= start:
                break
            cover = min(end, e) - max(start, s)
            if cover > best.get(i, 0):
                best[i] = cover
        actors = self.actors
        # The position breaks ties as the stable sort of the plain path does.
        scored = sorted((-cover, actors[i].type != "person", actors[i].start, i) for i, cover in best.items())
        return [actors[t[3]] for t in scored]


# -- pass 1: gazetteer names -------------------------------------------------------


def _always(day: datetime.date) -> bool:
    return True


def _pick(ctx: Context, match: Match) -> Entry | None:
    """Choose among a match's entries: earlier mention, then role holder, then rank.

    KB places named like common words need a cue first (:func:`_place_allowed`);
    an organisation's metonym beats a government's in that organisation's context
    (:func:`_org_metonym`); of several places, one in a country already named wins.
    """
    entries = tuple(e for e in match.actor_entries if _place_allowed(ctx, match, e))
    if not entries:
        return None
    entries = _org_metonym(ctx, entries)
    entries = _city_state(ctx, entries)
    entries = _places_in_context(ctx, entries)
    targets = list(dict.fromkeys(e.target for e in entries))
    if len(targets) > 1:
        # A historical state's names and metonyms only win in text of its time,
        # and there they win ("the Kremlin" in 1985 is the Soviet government).
        alive = [t for t in targets if getattr(ctx.kb.get(t), "exists_on", _always)(ctx.day)]
        dated = [t for t in alive if getattr(ctx.kb.get(t), "end", None) is not None]
        alive = dated or alive
        if alive and len(alive) < len(targets):
            entries = tuple(e for e in entries if e.target in alive)
            targets = alive
    if len(targets) == 1:
        return entries[0]
    seen = [(ctx.last_seen[t], t) for t in targets if t in ctx.last_seen]
    if seen:
        return next(e for e in entries if e.target == max(seen)[1])
    people = [t for t in targets if ctx.actor_type(t) == "person"]
    active = [t for t in people if any(r.holds_on(ctx.day) for r in getattr(ctx.kb.get(t), "roles", ()))]
    if len(active) == 1:
        return next(e for e in entries if e.target == active[0])
    if people and len(people) == len(targets):
        return None  # two people share the name and nothing tells them apart
    return entries[0]


def _place_allowed(ctx: Context, match: Match, entry: Entry) -> bool:
    """Whether a KB place entry may count here.

    Places named like common words or given names ("Mobile", "Reading", "Split",
    "Nice", "Charlotte") count only with a cue: a locative before them ("in
    Nice"), a dateline, an NER location over exactly these words, a following
    ", <region or state>" ("Mobile, Alabama"), or an earlier accepted mention of
    the same place. Other entries always may.
    """
    if not entry.guarded:
        return True
    if entry.target in ctx.last_seen or _place_cue(ctx, match.i, match.j) or _said_a_place(ctx, match.j):
        return True
    toks = ctx.toks
    span = (toks[match.i].start, toks[match.j - 1].end)
    if span in _loc_spans(ctx):
        return True
    j = match.j
    if j < len(toks) and toks[j].brk and ctx.doc.text[toks[j - 1].end : toks[j].start].strip() == ",":
        following = ctx.matches_at(j)
        return following is not None and any(
            ctx.actor_type(e.target) in ("state", "place") and not e.guarded for e in following.actor_entries
        )
    return False


_COPULAS = frozenset({"is", "was", "remains", "became"})


def _said_a_place(ctx: Context, j: int) -> bool:
    """Whether the words after token ``j - 1`` say it is a place: a copula and, within
    five words of the same clause, a place noun ("York is an ancient cathedral city",
    "Reading was a market town")."""
    toks = ctx.toks
    if j >= len(toks) or toks[j].brk or toks[j].key not in _COPULAS:
        return False
    places = entities.nouns().place_nouns
    for k in range(j + 1, min(j + 7, len(toks))):
        if toks[k].brk:
            return False
        if toks[k].key in places:
            return True
    return False


def _loc_spans(ctx: Context) -> frozenset[tuple[int, int]]:
    """The ``(start, end)`` of every LOC entity, collected once per document
    (``doc.entities`` builds a tuple of all entities: asking it per place was
    quadratic in the length of the text)."""
    spans = ctx.cache.get("loc_spans")
    if spans is None:
        spans = ctx.cache["loc_spans"] = frozenset(
            (e.start, e.end) for e in ctx.doc.entities if e.label == "LOC"
        )
    return spans  # type: ignore[return-value]


def _place_cue(ctx: Context, i: int, j: int) -> str:
    """A locative cue before tokens ``i``..``j`` ('' if none): preposition, verb, dateline."""
    toks = ctx.toks
    words = _place_context()
    k = i - 1
    if k >= 0 and toks[k].key == "the" and ctx.joined(k, i):
        k -= 1
    if k >= 0 and not toks[k + 1].brk:
        before = toks[k].key
        if before in words["locatives"]:
            return f"after {toks[k].surface!r}"
        if before in words["location_object_verbs"]:
            return f"as the location object of {toks[k].surface!r}"
        if before in words["directional"]:
            # "flew (back) to Minsk" is the city; "aid to Moscow" is the government.
            for v in range(k - 1, max(-1, k - 3), -1):
                if toks[v].key in words["motion_verbs"]:
                    return f"after {toks[v].surface!r} … {toks[k].surface!r}"
    first = toks[i]
    if first.first and first.shape == "upper" and j < len(toks):
        gap = ctx.doc.text[toks[j - 1].end : toks[j].start]
        if not _DATELINE.isdisjoint(gap):
            return "as a dateline"
    return ""


def _family(kb: KnowledgeBase) -> dict[str, frozenset[str]]:
    """Organisation id -> the ids of it and of every organ below it (by ``parent``)."""
    cached = kb.cached("org-family")
    if isinstance(cached, dict):
        return cached
    children: dict[str, set[str]] = {}
    for record in kb:
        if record.parent and record.type in ("igo", "body"):
            children.setdefault(record.parent, set()).add(record.id)
    family: dict[str, frozenset[str]] = {}
    for org in children:
        seen, todo = {org}, [org]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in seen:
                    seen.add(child)
                    todo.append(child)
        family[org] = frozenset(seen)
    kb.remember("org-family", family)
    return family


def _named_in_document(ctx: Context) -> frozenset[str]:
    """Ids of the actors some non-metonym gazetteer match of the document names."""
    cached = ctx.cache.get("named")
    if isinstance(cached, frozenset):
        return cached
    named = frozenset(
        e.target for m in ctx.matches for e in m.actor_entries if e.kind not in ("metonym", "adjective")
    )
    ctx.cache["named"] = named
    return named


def _org_metonym(ctx: Context, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """A metonym shared by a government and an organisation ("Brussels": Belgium's
    government, the EU) means the organisation when the document names it or one
    of its organs (EU, European Commission, ...), else the government."""
    metonyms = [e for e in entries if e.kind == "metonym"]
    orgs = [e for e in metonyms if ctx.actor_type(e.target) in ("igo", "body")]
    if not orgs or len(orgs) == len(entries):
        return entries
    named = _named_in_document(ctx)
    family = _family(ctx.kb)
    hits = [e for e in orgs if named & family.get(e.target, frozenset({e.target}))]
    if hits:
        return (hits[0],)
    return tuple(e for e in entries if e not in orgs)


def _city_state(ctx: Context, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """A state's own name beats the same word as its capital's metonym: "Singapore"
    (a city-state) is the state, not "the government seated in Singapore"."""
    states = {
        str(getattr(ctx.kb.get(e.target), "country", "") or "")
        for e in entries
        if e.kind in ("name", "alias") and ctx.actor_type(e.target) == "state"
    }
    if not states:
        return entries
    kept = tuple(
        e
        for e in entries
        if not (e.kind == "metonym" and str(getattr(ctx.kb.get(e.target), "country", "") or "") in states)
    )
    return kept or entries


def _places_in_context(ctx: Context, entries: tuple[Entry, ...]) -> tuple[Entry, ...]:
    """Of several KB places of one name, those in a country the text has named; a
    capital's metonym of a state the text never names gives way to such a place
    ("Victoria" beside "Australia" is the Australian state, not the Seychelles)."""
    places = [e for e in entries if ctx.actor_type(e.target) == "place"]
    metonyms = [e for e in entries if e.kind == "metonym"]
    if len(places) + len(metonyms) < 2 or not places:
        return entries
    named = _named_in_document(ctx) | set(ctx.last_seen)

    def country(target: str) -> str:
        return str(getattr(ctx.kb.get(target), "country", "") or "").lower()

    # Another name must point at the country: this word's own places do not count
    # (else every candidate's country would count as named, and the first one win).
    own = {e.target for e in entries}
    others = {country(t) for t in named - own} - {""}
    near = [e for e in places if country(e.target) in others]
    if not near:
        return entries
    drop = {e for e in places if country(e.target) not in others}
    if any(country(e.target) in others for e in places):
        drop |= {e for e in metonyms if country(e.target) not in others}
    if not drop:
        return entries
    return tuple(e for e in entries if e not in drop)


def _organs(ctx: Context) -> None:
    """ "the EU parliament", "the UN nuclear watchdog": an organisation followed by
    the rest of one of its organs' names (in any case) is that organ.

    The organisation's mention and the next one or two words, joined, are looked
    up among the KB's names without the case rules; an entry of an organ below
    that organisation (by ``parent``) takes over the mention.
    """
    toks = ctx.toks
    gazetteer = Gazetteer.for_kb(ctx.kb)
    family = _family(ctx.kb)
    for work in ctx.mentions:
        below = family.get(work.actor)
        if below is None or work.metonymic:
            continue
        for extra in (2, 1):
            k = work.j + extra
            if k > len(toks) or any(toks[n].brk or ctx.owner[n] >= 0 for n in range(work.j, k)):
                continue
            if any(toks[n].shape == "upper" for n in range(work.j, k)):
                continue  # "EU ECB" is two names, not one
            i = work.i + 1 if toks[work.i].key == "the" else work.i
            key = " ".join(t.key for t in toks[i:k])
            hits = [e for e in gazetteer.lookup(key) if e.target in below and e.target != work.actor]
            if not hits:
                continue
            organ = hits[0].target
            text = " ".join(t.surface for t in toks[work.i : k])
            work.evidence = f"organ of {work.actor}: {text!r} ~ {hits[0].form!r}"
            work.actor, work.kind, work.j, work.end = organ, "alias", k, toks[k - 1].end
            ctx.owner[work.i : k] = [ctx.owner[work.i]] * (k - work.i)
            ctx.last_seen[organ] = max(work.start, ctx.last_seen.get(organ, -1))
            break


def _names(ctx: Context) -> None:
    """Turn gazetteer matches of actor aliases into mentions."""
    toks = ctx.toks
    for match in ctx.matches:
        entry = _pick(ctx, match) if match.actor_entries else None
        if entry is None or _surname_of_a_person(ctx, match, entry):
            continue
        text = " ".join(t.surface for t in toks[match.i : match.j])
        if ctx.actor_type(entry.target) == "place" and entry.kind != "metonym":
            cue = _place_cue(ctx, match.i, match.j)
            why = f" ({cue})" if cue else ""
            ctx.add(match.i, match.j, entry.target, "name", f"place {entry.form!r}{why}")
            continue
        if entry.kind == "metonym":
            place = ctx.kb.metonym_place(entry.form)
            why = _place_reading(ctx, match, entry.target, entry.form)
            if why and place is not None:
                ctx.add(match.i, match.j, place, "name", f"place: {text!r} {why}")
                continue
            ctx.add(match.i, match.j, entry.target, "metonym", f"metonym {entry.form!r}", metonymic=True)
            continue
        if entry.kind == "adjective" and _standalone(ctx, match.j):
            continue  # "written in Spanish", "a Russian": a language or a person, not the state
        if entry.kind == "demonym" and _language_or_nationality(ctx, match, entry):
            continue
        kind = entry.kind if entry.kind in ("name", "abbreviation") else "alias"
        evidence = f"{entry.kind} {entry.form!r}"
        work = ctx.add(match.i, match.j, entry.target, kind, evidence)
        work.plural = entry.kind == "demonym" and toks[match.j - 1].key.endswith("s")


def _language_or_nationality(ctx: Context, match: Match, entry: Entry) -> bool:
    """A demonym written like the state's adjective ("Dutch", "Chinese"), without
    "the" and modifying no noun, is a language or a nationality ("translated into
    Dutch", "she is Dutch"), not the state; "the Dutch" (the people) stays the state."""
    record = ctx.kb.get(entry.target)
    if record is None or not _standalone(ctx, match.j):
        return False
    form = " ".join(t.key for t in ctx.toks[match.i : match.j])
    if form not in {" ".join(a.casefold().split()) for a in record.adjectives}:
        return False
    k = match.i - 1
    return not (k >= 0 and ctx.toks[k].key == "the" and ctx.joined(k, match.i))


_PLACE_TYPES = frozenset({"state", "place", "government"})


def _surname_of_a_person(ctx: Context, match: Match, entry: Entry) -> bool:
    """A one-word state or place name (or capital) right after a known given name
    is a surname: "Claire Warwick", "George Washington". The two words are left to
    the candidates pass, which makes them a person. Not after a locative or
    "the", and never when the given name itself is a KB name."""
    toks, k = ctx.toks, match.i - 1
    if match.j - match.i != 1 or k < 0 or not ctx.joined(k, match.i):
        return False
    if ctx.actor_type(entry.target) not in _PLACE_TYPES or entry.kind == "demonym":
        return False
    before = toks[k]
    if before.shape != "cap" or toks[match.i].shape != "cap":
        return False
    given = ctx.matches_at(k)
    if given is not None and _pick(ctx, given) is not None:
        return False  # the first word is itself a KB name that counts here
    if ctx.owner[k] >= 0 or ctx.vocab_at(k) is not None or before.key in function_words():
        return False
    if (
        k > 0
        and ctx.joined(k - 1, k)
        and toks[k - 1].key in _place_context()["locatives"] | _place_context()["directional"] | {"the"}
    ):
        return False  # "from Austin Texas", "the Victoria Nile"
    return given_name_gender(before.surface) is not None


def _standalone(ctx: Context, j: int) -> bool:
    """Whether an adjective ending before token ``j`` modifies no noun: punctuation,
    the end of the sentence or a function word follows ("in Spanish, ...", "the
    French and", but not "Russian and Chinese officials")."""
    toks = ctx.toks
    if j >= len(toks) or toks[j].brk or toks[j].shape == "other":
        return True
    word = toks[j].key
    if word in ("and", "or"):
        return j + 1 >= len(toks) or toks[j + 1].shape not in ("cap", "upper")
    return word in function_words()


def _place_reading(ctx: Context, match: Match, gov: str, form: str) -> str:
    """Why a metonym names the place rather than the government ('' if it does not).

    After a locative preposition ("in Minsk", "at the Kremlin"); as an all-capitals
    dateline opening a sentence ("WASHINGTON -"); and, with a parse, a capital
    city used as a noun modifier ("the Paris attacks": deprel ``compound``).
    """
    cue = _place_cue(ctx, match.i, match.j) or _place_company(ctx, match)
    if cue:
        return cue
    record = ctx.kb.get(gov)
    state = ctx.kb.state_for(record.country) if record and record.country else None
    if state is not None and state.capital == form and "compound" in ctx.head_deprels(match.i, match.j):
        return "as a noun modifier"
    if ctx.kb.metonym_place(form) in ctx.last_seen and not _acts(ctx, match):
        # One sense per text: after "in Athens", a later "Athens" is the city too,
        # unless it acts ("Athens said", "Athens's decision", a subject).
        return "as the place named earlier in the text"
    return ""


def _plain_place(ctx: Context, match: Match | None) -> bool:
    """Whether a gazetteer match names a state or place and is no capital's metonym."""
    if match is None or not match.actor_entries:
        return False
    entries = match.actor_entries
    return not any(e.kind == "metonym" for e in entries) and any(
        ctx.actor_type(e.target) in ("state", "place") and e.kind in ("name", "alias") for e in entries
    )


def _place_company(ctx: Context, match: Match) -> str:
    """Why a capital names the place by the company it keeps ('' if nothing does):

    * inside a name after "of" ("University of Paris", "the Guardian of London");
    * in an address, before ", <state or place>" ("Paris, France", "Madrid, Spain");
    * in a list with a plain place ("Kraków, Warsaw and Wrocław", "flights to
      Tehran and Mashhad"): a list of cities, not of governments;
    * after a settlement noun, alone, with a comma or "of" between ("the nation's
      capital, Wellington", "the city of Paris").
    """
    toks, text = ctx.toks, ctx.doc.text
    i, j = match.i, match.j
    n = i - 1  # punctuation is no token: "capital, Wellington" has "capital" before
    if n > 0 and toks[n].key == "of" and text[toks[n].end : toks[i].start].strip() == "":
        n -= 1
    if (
        n >= 0
        and toks[n].sentence == toks[i].sentence
        and toks[n].key in entities.nouns().settlement_nouns
        and text[toks[n].end : toks[n + 1].start].strip() in ("", ",")
    ):
        return f"after {toks[n].surface!r}"
    after_of = i >= 2 and toks[i - 1].key == "of" and ctx.joined(i - 2, i - 1) and ctx.joined(i - 1, i)
    if after_of and toks[i - 2].shape in ("cap", "upper") and not toks[i - 2].first:
        return f"in the name {toks[i - 2].surface} of {toks[i].surface!r}"
    same = j < len(toks) and toks[j].sentence == toks[j - 1].sentence
    gap = text[toks[j - 1].end : toks[j].start].strip() if same else ""
    following = ctx.matches_at(j) if same else None
    if gap == "," and _plain_place(ctx, following):
        return "in an address or a list of places"
    if (
        same
        and toks[j].key in ("and", "or")
        and j + 1 < len(toks)
        and _plain_place(ctx, ctx.matches_at(j + 1))
    ):
        return "in a list of places"
    k = i - 1
    if k >= 0 and toks[k].sentence == toks[i].sentence:
        before = _match_ending(ctx, i - 1) if text[toks[k].end : toks[i].start].strip() == "," else None
        if before is None and toks[k].key in ("and", "or"):
            before = _match_ending(ctx, k - 1)
        if _plain_place(ctx, before):
            return "in a list of places"
    return ""


def _match_ending(ctx: Context, k: int) -> Match | None:
    """The gazetteer match ending at token ``k`` (inclusive), if any."""
    ends = ctx.cache.get("match-ends")
    if not isinstance(ends, dict):
        ends = {m.j - 1: m for m in ctx.matches}
        ctx.cache["match-ends"] = ends
    found = ends.get(k)
    return found if isinstance(found, Match) else None


_ACTING_DEPRELS = frozenset({"nsubj", "nsubj:pass", "nmod:poss", "obl:agent", "csubj"})


@functools.cache
def speech_verbs() -> frozenset[str]:
    """One-word inflected reporting verbs ("said", "warned") of the reporting lexicon."""
    return frozenset(forms[0] for forms in lexicon().verb_forms if len(forms) == 1)


def _copular_subject(ctx: Context, match: Match) -> bool:
    """Whether the span is the subject of a copula ("Athens is an old city"): a
    description of the place, not an act of its government."""
    sentence = ctx.doc.sentences[ctx.toks[match.i].sentence]
    ids = {t.word for t in ctx.toks[match.i : match.j]}
    heads = {w.head for w in sentence.words if w.id in ids and w.head not in ids}
    return any(w.head in heads and w.deprel == "cop" for w in sentence.words)


def _acts(ctx: Context, match: Match) -> bool:
    """Whether a metonym acts: a subject or possessor (parse), or a possessive or
    a reporting verb right after it ("Moscow's", "Moscow said")."""
    deprels = ctx.head_deprels(match.i, match.j)
    if _ACTING_DEPRELS.intersection(deprels):
        return not _copular_subject(ctx, match)
    toks, j = ctx.toks, match.j
    tail = ctx.doc.text[toks[j - 1].end : toks[j - 1].end + 2]
    if tail in ("'s", "\u2019s"):
        return True
    return j < len(toks) and ctx.joined(j - 1, j) and toks[j].key in speech_verbs()


# -- pass 3: abbreviations defined in the text ---------------------------------------


def _initials_fit(abbr: str, words: Sequence[str]) -> bool:
    letters = [w[0] for w in words if w]
    pos = 0
    for c in abbr:
        while pos < len(letters) and letters[pos] != c:
            pos += 1
        if pos == len(letters):
            return False
        pos += 1
    return bool(letters) and letters[0] == abbr[0]


def _abbreviations(ctx: Context) -> None:
    """``Name (ABBR)``: later uses of ABBR mean that actor in this document."""
    toks, text = ctx.toks, ctx.doc.text
    defined: dict[str, str] = {}
    for k, tok in enumerate(toks):
        if tok.shape != "upper" or not 2 <= len(tok.key) <= 10 or k == 0:
            continue
        before = text[toks[k - 1].end : tok.start]
        after = text[tok.end : toks[k + 1].start] if k + 1 < len(toks) else text[tok.end :]
        if "(" not in before or ")" not in after[:2]:
            continue
        owner = ctx.covering(k - 1)
        if owner is None:
            i = k - 1
            while i > 0 and not toks[i].brk and toks[i - 1].sentence == tok.sentence:
                i -= 1
            while i < k - 1 and (toks[i].shape not in ("cap", "upper") or toks[i].first):
                i += 1
            words = [t.key for t in toks[i:k]]
            if k - i < 2 or not _initials_fit(tok.key, words):
                continue
            hit = match_org(words, ctx.kb)
            actor = hit.actor if hit else ctx.new_unknown(i, k, "organization")
            ctx.add(i, k, actor, "name", "defined with an abbreviation")
        elif _initials_fit(tok.key, [t.key for t in toks[owner.i : owner.j]]):
            actor = owner.actor
        else:
            continue
        defined[tok.key] = actor
    undefined = _acronyms(ctx)
    for key, actor in undefined.items():
        defined.setdefault(key, actor)
    if not defined:
        return
    for k, tok in enumerate(toks):
        target = defined.get(tok.key)
        if target is None or tok.shape != "upper":
            continue
        why = (
            "abbreviation defined in the text"
            if defined.get(tok.key) != undefined.get(tok.key)
            else ("acronym of a name in the text")
        )
        work = ctx.covering(k)
        if work is None:
            ctx.add(k, k + 1, target, "abbreviation", why)
        elif work.j - work.i == 1 and work.actor != target:
            if why.startswith("acronym") and work.actor not in ctx.unknown:
                continue  # a KB actor's own abbreviation stays
            work.actor, work.kind = target, "abbreviation"
            work.evidence = why


_NAME_CONNECTORS = frozenset({"of", "for", "the", "and", "on", "in", "at", "de", "&"})


def _acronyms(ctx: Context) -> dict[str, str]:
    """Acronyms of organisations and places named in full in the text, without the
    ``Name (ABBR)`` definition ("Major League Baseball ... MLB", "USI" for the
    University of Southern Indiana): the initials of the name's capitalised words,
    exactly, of one actor only."""
    toks = ctx.toks
    found: dict[str, set[str]] = {}
    for work in ctx.mentions:
        if work.kind not in ("name", "alias") or work.metonymic or ctx.actor_type(work.actor) == "person":
            continue
        words = [t for t in toks[work.i : work.j] if t.key not in _NAME_CONNECTORS]
        if len(words) < 2 or any(t.shape not in ("cap", "upper") for t in words):
            continue
        initials = "".join(t.key[0] for t in words)
        found.setdefault(initials, set()).add(work.actor)
    return {k: next(iter(v)) for k, v in found.items() if len(v) == 1 and len(k) >= 2}


# -- assembly -----------------------------------------------------------------------------


def _canonical(ctx: Context, actor_id: str, works: Iterable[Work]) -> str:
    """An unknown actor's canonical name: its fullest name form in the text (most
    words, then first), invisible characters removed."""
    forms = [
        " ".join(strip_invisible(ctx.doc.text[w.start : w.end]).split())
        for w in works
        if w.kind in ("name", "alias") and not w.metonymic
    ]
    fallback = ctx.unknown.get(actor_id, ("", ""))[0]
    return max(forms, key=lambda f: len(f.split()), default=fallback) or fallback


def _assemble(ctx: Context, profiles: dict[str, entities.Profile]) -> tuple[Actor, ...]:
    text = ctx.doc.text
    by_actor: dict[str, dict[tuple[int, int], Work]] = {}
    for work in sorted(ctx.mentions, key=lambda w: (w.start, w.end)):
        by_actor.setdefault(work.actor, {}).setdefault((work.start, work.end), work)
    # Unknown actors are document entities: the id derives from the canonical name,
    # so "Ilves ... Hana Ilves" is unk:person:hana-ilves whichever form came first.
    names: dict[str, str] = {}
    renamed: dict[str, str] = {}
    for actor_id, works in by_actor.items():
        if actor_id in ctx.unknown:
            # Built from the text: no control characters in a name (spans keep them).
            names[actor_id] = clean_name(_canonical(ctx, actor_id, works.values()))
            prefix = actor_id.rsplit(":", 1)[0]
            new_id = f"{prefix}:{slug(names[actor_id])}"
            if new_id not in by_actor and new_id not in renamed.values():
                renamed[actor_id] = new_id
    actors = []
    for actor_id, works in by_actor.items():
        record = ctx.kb.get(actor_id)
        name, kind = (record.name, record.type) if record else ctx.unknown.get(actor_id, ("", ""))
        if not name:
            continue
        name = names.get(actor_id, name)
        mentions = tuple(
            Mention(
                text=text[w.start : w.end],
                start=w.start,
                end=w.end,
                kind=w.kind,
                evidence=w.evidence,
                sentence=w.sentence,
                metonymic=w.metonymic,
            )
            for w in works.values()
        )
        prof = profiles.get(actor_id, entities.Profile())
        actors.append(
            Actor(
                id=renamed.get(actor_id, actor_id),
                name=name,
                type=kind,
                record=record,
                mentions=mentions,
                roles=tuple(prof.roles),
                affiliations=tuple(renamed.get(a, a) for a in prof.affiliations),
            )
        )
    actors.sort(key=lambda a: (a.start, -a.mentions[0].end))
    return tuple(actors)
