"""Candidates: names the gazetteer missed, from NER entities and capitalised runs.

Each uncovered run of capitalised words (or NER entity) is tried, in order, as
the surname of someone named in full earlier in the text, a misspelt KB person
(:func:`~geotext.actors.fuzzy.match_person`), a near-miss KB organisation
(:func:`~geotext.actors.fuzzy.match_org`), and finally an unknown person or
organisation (see :func:`candidates`). An NER person whose given name differs
from the KB person whose surname the gazetteer matched ("Hillary Clinton" when
the KB knows only Bill) is re-examined as a whole first. Before that, NER entities
are corrected by their context (:func:`_people_inside`): organisations and places that
name a person become people or are split from the person they run into, people
ending with an organisation noun become organisations. Interjections, weekday and
month names and sentence openers the text writes in lower case never start a name.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Sequence

import regex

from geotext.actors.context import Context, Work
from geotext.actors.entities import nouns
from geotext.actors.fuzzy import match_org, match_person, surname_similarity
from geotext.actors.gazetteer import Entry, Gazetteer
from geotext.actors.names import given_name_gender
from geotext.actors.normalize import normalize
from geotext.data import load_yaml, word_set

__all__ = ["candidates", "function_words", "headline_sentences"]

# Words allowed inside a capitalised name run ("Institute for the Study of War").
_CONNECTORS = frozenset(
    {"of", "for", "the", "and", "on", "de", "al", "bin", "von", "van", "der", "la", "le", "du"}
)
# Capitalised only because they open a sentence; never start a name run (with the
# closed-class words of data/closed_class.yaml, see _openers()).
_OPENERS = frozenset(
    {
        *("the", "a", "an", "but", "and", "or", "so", "if", "in", "on", "at", "as", "it"),
        *("he", "she", "they", "we", "i", "you", "this", "that", "these", "those", "there"),
        *("here", "according", "after", "before", "when", "while", "during", "since"),
        *("despite", "yet", "also", "then", "however", "meanwhile", "now", "today"),
        *("yesterday", "his", "her", "their", "its", "our", "my", "no", "yes", "not"),
        *("what", "who", "why", "how", "where", "because", "although", "still", "even"),
        *("just", "only", "instead", "indeed", "thus", "therefore", "perhaps", "maybe"),
    }
)


@functools.cache
def _openers() -> frozenset[str]:
    data = load_yaml("closed_class.yaml")
    words = set(_OPENERS)
    if isinstance(data, dict):
        for group in dict(data.get("upos") or {}).values():
            words.update(str(w).casefold() for w in group or ())
    return frozenset(words)


def function_words() -> frozenset[str]:
    """Closed-class words (``data/closed_class.yaml``) and sentence openers, lower case.

    >>> "the" in function_words(), "army" in function_words()
    (True, False)
    """
    return _openers()


def headline_sentences(ctx: Context) -> set[int]:
    """The sentences of ``ctx`` in title case (see :func:`_headlines`), computed once."""
    cached = ctx.cache.get("headlines")
    if not isinstance(cached, set):
        cached = ctx.cache["headlines"] = _headlines(ctx)
    return cached


def _headlines(ctx: Context) -> set[int]:
    """Sentences in title case ("Ben Carson Defends Himself Against Claims"): NER
    tags their capitalised words at random, so no unknown actor comes from them.

    Title case shows in capitalised function words inside the sentence ("His",
    "Against"): at least two of them, and most words capitalised.
    """
    openers = _openers()
    counts: dict[int, list[int]] = {}
    for tok in ctx.toks:
        if tok.shape != "other":
            c = counts.setdefault(tok.sentence, [0, 0, 0])
            capital = tok.shape in ("cap", "upper")
            c[0] += capital
            c[1] += 1
            c[2] += capital and not tok.first and tok.key in openers
    return {s for s, (caps, total, small) in counts.items() if small >= 2 and caps >= 0.6 * total}


# Courtesy and office titles that precede a name but are not part of it.
_HONORIFICS = frozenset(
    {
        *("mr", "mrs", "ms", "miss", "dr", "sir", "madam", "lord", "lady", "senator", "sen", "rep"),
        *("representative", "governor", "gov", "mayor", "general", "gen", "admiral", "colonel"),
        *("col", "judge", "justice", "rev", "reverend", "pope", "prince", "princess", "sheikh"),
        *("professor", "prof", "ambassador", "commissioner", "congressman", "congresswoman"),
    }
)
# Honorifics only people carry: a capitalised name after one is a person's even when
# the given name is unknown ("Professor Cres Eastman"; not "General Motors").
_PERSONAL_HONORIFICS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "madam", "lady", "professor", "prof", "rev", "reverend"}
)
# Titles before a lone surname that make it a person's ("Justice Scalia", "Mayor
# Adams"); military ranks and nobility are left out ("General Motors", "Lord Howe Island").
_SURNAME_TITLES = frozenset(
    {
        *("mr", "mrs", "ms", "miss", "dr", "sir", "professor", "prof", "senator", "sen", "rep"),
        *("representative", "governor", "gov", "mayor", "judge", "justice", "ambassador"),
        *("commissioner", "congressman", "congresswoman", "rev", "reverend", "sheikh"),
    }
)
# Words of address that never start a name, wherever they stand ("' Hey Frank ,").
_INTERJECTIONS = frozenset(
    {
        *("hey", "hi", "hello", "dear", "oh", "thanks", "goodbye", "bye", "uh", "um", "erm"),
        *("ah", "huh", "hmm", "nah", "yeah", "yep", "wow", "okay"),
    }
)
# Weekday and month names are no part of a name the gazetteer missed ("Questions
# Wednesday", "on March 3"); months that are also given names stay ("May", "June").
_CALENDAR = (
    word_set("closed_class.yaml", "calendar", "weekdays")
    | word_set("closed_class.yaml", "calendar", "months")
) - {"april", "may", "june", "august"}
_APOSTROPHES = str.maketrans("\u2019\u2018", "''")
_ORG_LABELS = frozenset({"ORG"})
_LOCATIVES = frozenset({"in", "at", "from", "near", "to", "of", "outside", "across"})


def _entities(ctx: Context) -> list[tuple[int, int, str]]:
    """NER entities as token ranges: (i, j, label)."""
    toks = ctx.toks
    out = []
    n = 0
    for entity in ctx.doc.entities:
        while n < len(toks) and toks[n].end <= entity.start:
            n += 1
        k = n
        while k < len(toks) and toks[k].start < entity.end:
            k += 1
        if k > n:
            out.append((n, k, entity.label))
    return out


def _given_names(ctx: Context, entities: list[tuple[int, int, str]]) -> None:
    """An NER person "Hillary Clinton" is not the KB's "Clinton" if the given name differs.

    The gazetteer matched only the surname; the whole entity is matched again
    (exactly or fuzzily). If it names nobody in the KB and the given name is not
    one of the matched person's, it becomes an unknown person instead.
    """
    toks = ctx.toks
    for i, j, label in entities:
        work = ctx.covering(j - 1)
        if label != "PER" or work is None or work.j != j or work.i <= i:
            continue
        if ctx.actor_type(work.actor) != "person" or any(
            ctx.owner[k] >= 0 or ctx.vocab_at(k) is not None or toks[k].key in _HONORIFICS
            for k in range(i, work.i)
        ):
            continue
        words = [t.key for t in toks[i:j]]
        hit = match_person(words, ctx.kb, ctx.day)
        record = ctx.kb.get(work.actor)
        known = {normalize(a).split()[0] for a in (*record.aliases, record.name)} if record else set()
        if hit is not None:
            actor, evidence = hit.actor, f"full name {hit.form!r} ({hit.score:.2f})"
        elif words[0] in known:
            actor, evidence = work.actor, work.evidence
        else:
            actor, evidence = ctx.new_unknown(i, j, "person"), "unknown person (NER): given name differs"
        work.i, work.start, work.actor, work.evidence = i, toks[i].start, actor, evidence
        for k in range(i, j):
            ctx.owner[k] = ctx.owner[j - 1]


def _runs(ctx: Context, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Uncovered stretches to examine: (i, j, NER label or '')."""
    toks = ctx.toks
    label = [""] * len(toks)
    for i, j, kind in entities:
        label[i:j] = [kind] * (j - i)
    # A token is covered by a name mention or a vocabulary match (ctx.covering,
    # ctx.vocab_at), read from their per-token indices in one pass.
    covered = [o >= 0 or v >= 0 for o, v in zip(ctx.owner, ctx.vocab, strict=True)]
    openers = _openers()
    text = ctx.doc.text
    out = []
    # The tokens a run may start at, in order (one comprehension instead of a step of
    # the loop below per token).
    heads = [
        k
        for k, tok in enumerate(toks)
        if tok.shape in ("cap", "upper")
        and not covered[k]
        and not (tok.first and tok.key in openers)
        and tok.key not in _INTERJECTIONS
        and tok.key not in _CALENDAR
    ]
    k = 0
    for head in heads:
        if head < k:
            continue  # inside the previous run
        k = head
        j = k + 1
        while j < len(toks) and not toks[j].brk and not covered[j] and label[j] == label[k]:
            if toks[j].key in _CALENDAR:
                break
            if "'" in text[toks[j - 1].end : toks[j].start].translate(_APOSTROPHES):
                break  # "Reuters' Luciana Lopez": a possessive ends the name
            if toks[j].shape in ("cap", "upper"):
                j += 1
            elif toks[j].key in _CONNECTORS and j + 1 < len(toks) and not toks[j + 1].brk:
                # inside an NER entity two connectors may stand together ("for the")
                m = j + 2 if label[k] and toks[j + 1].key in _CONNECTORS and j + 2 < len(toks) else j + 1
                if toks[m].shape not in ("cap", "upper") or covered[m] or toks[m].brk or label[m] != label[k]:
                    break
                j = m
            else:
                break
        while j > k + 1 and toks[j - 1].key in _CONNECTORS:
            j -= 1
        out.append((k, j, label[k]))
        k = j
    return out


def candidates(ctx: Context) -> None:
    """Resolve runs the gazetteer missed: fuzzy people, near-miss orgs, unknowns.

    Unknown people need an NER ``PER`` label (or, without NER, a title right
    before them: "spokesman John Smith"); unknown organisations need an NER
    ``ORG`` label and two words; neither comes from a title-case headline.
    Single capitalised words never become actors on their own (no actor for
    "War" in "join War", nor for "BORN"), except a surname of someone named in
    full in the same text.
    """
    toks = ctx.toks
    entities = _people_inside(ctx, _entities(ctx))
    _given_names(ctx, entities)
    _organisations_over_states(ctx, entities)
    _organisations_of_states(ctx)
    surnames, given = _Surnames(), _Surnames()
    for work in ctx.mentions:
        if work.j - work.i >= 2 and ctx.actor_type(work.actor) == "person":
            surnames.add(_surname(ctx, work.i, work.j), work.i, work.actor)
            given.add(toks[work.i].key, work.i, work.actor)
    headlines = _headlines(ctx)
    names = _Names(surnames, given)
    if not entities:
        names.lone = _lone_words(ctx, entities)
    for work in list(ctx.mentions):
        names.note_organisation(ctx, work)
    for i, j, label in _runs(ctx, entities):
        if _candidate(ctx, i, j, label, names, headlines) or label or j - i < 2 or not toks[i].first:
            continue
        # A capitalised sentence opener is often not part of the name ("Later Smith").
        _candidate(ctx, i + 1, j, label, names, headlines)
    for i, j, label in _runs(ctx, entities):
        # a short form used before the organisation's full name ("Harrow ... Harrow School")
        org = names.organisations.get(toks[i].key) if j - i == 1 and label in ("", "ORG", "LOC") else None
        if org is not None and toks[i].shape == "cap" and toks[i].sentence not in headlines:
            name = ctx.unknown.get(org[1], (org[1], ""))[0]
            ctx.add(i, j, org[1], "name", f"short form of the organisation {name!r}")
    _later_surnames(ctx, entities, names, headlines)
    _merge_unknown_surnames(ctx, surnames)
    _merge_same_people(ctx)
    _surnames_over_places(ctx, surnames)


_STATE_TYPES = frozenset({"state", "government", "historical_state", "place"})
# Words that make a region of a state's name ("South Australia", "Western Australia").
_REGION_WORDS = frozenset(
    {
        *("north", "south", "east", "west", "northern", "southern", "eastern", "western"),
        *("central", "upper", "lower", "greater", "inner", "outer", "northeast", "northwest"),
        *("southeast", "southwest", "north-east", "north-west", "south-east", "south-west"),
    }
)


def _organisations_over_states(ctx: Context, entities: list[tuple[int, int, str]]) -> None:
    """An NER organisation or place built on a state's or place's name is that
    organisation or place, not the state.

    "Statistics Norway" and "The Norwegian Press" contain Norway's name or adjective,
    which the gazetteer matched; "South Australia", "Western Australia", "Classical
    Greece" and "Roman Britain" are places of their own. When the NER's ``ORG`` (or
    ``LOC``) entity covers that match and more capitalised words (uncovered, or a
    collective's adjective such as "Western"; for a place, only before the name), the
    whole entity becomes one mention (a KB organisation by near-miss match, else an
    unknown organisation or place).
    """
    toks = ctx.toks
    dropped: set[int] = set()
    for i, j, label in entities:
        if label not in ("ORG", "LOC") or j - i < 2:
            continue
        inside = {ctx.owner[k] for k in range(i, j)}
        states = [n for n in inside if n >= 0 and ctx.actor_type(ctx.mentions[n].actor) in _STATE_TYPES]
        if len(states) != 1:
            continue
        index = states[0]
        work = ctx.mentions[index]
        if work.i < i or work.j > j:
            continue
        others = {n for n in inside if n >= 0 and n != index}
        if any(
            ctx.mentions[n].kind != "alias" or ctx.actor_type(ctx.mentions[n].actor) != "collective"
            for n in others
        ):
            continue
        if not others and -1 not in inside:
            continue
        rest = [k for k in range(i, j) if ctx.owner[k] != index and toks[k].key not in _CONNECTORS]
        if not rest or any(toks[k].shape not in ("cap", "upper") for k in rest):
            continue
        if label == "LOC":
            if any(k > work.i or not _period_or_region(ctx, k) for k in rest):
                continue  # "South Australia", "Classical Greece" are places; "Austin Texas" is not one
            actor = ctx.new_unknown(i, j, "place")
        else:
            hit = match_org([t.key for t in toks[i:j]], ctx.kb)
            actor = hit.actor if hit else ctx.new_unknown(i, j, "organization")
            if ctx.actor_type(actor) in _STATE_TYPES:
                continue
        work.i, work.j, work.start, work.end = i, j, toks[i].start, toks[j - 1].end
        work.actor, work.kind, work.metonymic = actor, "name", False
        what = "organisation" if label == "ORG" else "place"
        work.evidence = f"{what} (NER) named after a state: {ctx.doc.text[work.start : work.end]!r}"
        ctx.owner[i:j] = [index] * (j - i)
        dropped |= others
    if dropped:
        ctx.drop(dropped)


# Lower-case region words ("southern", "downtown"): never the first word of a person's name.
_REGION_MODIFIERS = _REGION_WORDS | frozenset(
    {
        *("northeastern", "northwestern", "southeastern", "southwestern", "north-eastern"),
        *("north-western", "south-eastern", "south-western", "downtown", "mainland", "midwestern"),
    }
)


# Words of a period or a regime before a state's name ("Classical Greece", "Roman
# Britain", "Soviet Russia"), besides adjectives by their ending.
_PERIODS = frozenset({"ancient", "soviet", "nazi", "modern", "early", "late", "old", "new"})
_ADJECTIVE_ENDINGS = ("al", "an", "ian", "ic", "ine", "ish", "ese", "ist")


def _period_or_region(ctx: Context, k: int) -> bool:
    """Whether capitalised token ``k``, joined to the next, can make a place of a
    state's name: a region word, a period or an adjective ("Classical", "Roman"),
    not a city's name ("Austin Texas")."""
    key = ctx.toks[k].key
    if not ctx.joined(k, k + 1):
        return False
    return key in _REGION_WORDS or key in _PERIODS or key.endswith(_ADJECTIVE_ENDINGS)


# Nouns after a surname that make it a family or a group, not one person ("the
# Bernoulli family", "the Osk brothers").
_GROUP_NOUNS = frozenset({"family", "families", "brothers", "sisters", "siblings", "clan", "dynasty"})
# Regnal and generational numbers after a name ("Abbas II", "Johann III").
_NUMERAL = regex.compile(r"[ivx]+|jr|sr")


def _group_after(ctx: Context, j: int) -> bool:
    """Whether a group noun follows token ``j - 1`` ("Bernoulli family")."""
    return j < len(ctx.toks) and ctx.joined(j - 1, j) and ctx.toks[j].key in _GROUP_NOUNS


# Organisation nouns that never make "<noun> of <state>" an organisation of its own:
# "the Government of India" is the state's government.
_STATE_ORGANS = frozenset({"government", "police", "army"})


def _organisations_of_states(ctx: Context) -> None:
    """ "the Linguistic Society of America", "Bank of Spain": capitalised words holding
    an organisation noun, "of" and a state's or place's name are an organisation (a KB
    one by near-miss match, else an unknown one), not the state. Without NER this is
    the only way to see such names; with it, NER's organisation does the same
    (:func:`_organisations_over_states`)."""
    toks, lex = ctx.toks, nouns()
    org_nouns = (lex.organisation_nouns | lex.generic_organisation_nouns) - _STATE_ORGANS
    openers = _openers()
    for work in ctx.mentions:
        k = work.i - 1
        if work.metonymic or work.kind not in ("name", "alias") or k < 1 or toks[k].key != "of":
            continue
        if ctx.actor_type(work.actor) not in _STATE_TYPES or not ctx.joined(k, work.i):
            continue
        i = k
        while i > 0 and ctx.joined(i - 1, i) and ctx.owner[i - 1] < 0 and ctx.vocab_at(i - 1) is None:
            if toks[i - 1].shape not in ("cap", "upper") and toks[i - 1].key not in ("of", "for", "and"):
                break
            i -= 1
        while i < k and (toks[i].shape not in ("cap", "upper") or (toks[i].first and toks[i].key in openers)):
            i += 1
        words = toks[i:k]
        if not words or not any(t.key in org_nouns for t in words):
            continue
        hit = match_org([t.key for t in toks[i : work.j]], ctx.kb)
        actor = hit.actor if hit else ctx.new_unknown(i, work.j, "organization")
        if ctx.actor_type(actor) in _STATE_TYPES:
            continue
        name = ctx.doc.text[toks[i].start : work.end]
        work.evidence = f"organisation named after a state: {name!r}"
        work.actor, work.kind, work.i, work.start = actor, "name", i, toks[i].start
        ctx.owner[i:k] = [ctx.owner[work.j - 1]] * (k - i)


def _surname(ctx: Context, i: int, j: int) -> str:
    """The key of the last word of tokens ``i``..``j`` ("holtz eakin" for Holtz-Eakin);
    a regnal number is not one ("Shah Abbas II": "abbas")."""
    if j - i >= 2 and _NUMERAL.fullmatch(ctx.toks[j - 1].key):
        j -= 1
    k = j - 1
    while k > i and ctx.glued(k):
        k -= 1
    return " ".join(t.key for t in ctx.toks[k:j])


class _Surnames:
    """Surnames of the people named in full so far: a later bare surname means them.

    A misspelt surname (``Stephanopolous`` after ``George Stephanopoulos``) is
    accepted under the same rules as :func:`~geotext.actors.fuzzy.match_person`.
    """

    def __init__(self) -> None:
        # surname key -> (token positions, sorted; the actor named at each)
        self._seen: dict[str, tuple[list[int], list[str]]] = {}
        # Fuzzy candidates share the first and last letter (surname_similarity's rule).
        self._ends: dict[tuple[str, str], list[str]] = {}

    def add(self, key: str, at: int, actor: str) -> None:
        if key not in self._seen:
            self._ends.setdefault((key[0], key[-1]), []).append(key)
            self._seen[key] = ([], [])
        positions, actors = self._seen[key]
        n = bisect.bisect(positions, at)
        positions.insert(n, at)
        actors.insert(n, actor)

    def _keys(self, key: str, fuzzy: bool = True) -> list[str]:
        if key in self._seen:
            return [key]
        if not fuzzy:
            return []
        return [k for k in self._ends.get((key[0], key[-1]), ()) if surname_similarity(key, k)]

    def before(self, key: str, at: int, *, fuzzy: bool = True) -> str | None:
        """The person named in full with this surname before token ``at``; of
        several (a family: "Jared Padalecki ... his mother Sherri Padalecki ...
        Padalecki said"), the first named: relatives are then called by their given
        names or by their relation, the bare surname stays with the text's principal."""
        best: tuple[int, str] | None = None
        for k in self._keys(key, fuzzy):
            positions, actors = self._seen[k]
            n = bisect.bisect_left(positions, at)
            if n and (best is None or positions[0] < best[0]):
                best = (positions[0], actors[0])
        return best[1] if best else None

    def only(self, key: str) -> str | None:
        """The one person named in full with this surname anywhere, if only one."""
        found = {actor for k in self._keys(key) for actor in self._seen[k][1]}
        return found.pop() if len(found) == 1 else None

    def first(self, key: str, *, fuzzy: bool = True) -> str | None:
        """The first person named in full with this surname anywhere (see :meth:`before`)."""
        best = min(((self._seen[k][0][0], self._seen[k][1][0]) for k in self._keys(key, fuzzy)), default=None)
        return best[1] if best else None


class _Names:
    """Surnames and given names of the people named in full so far."""

    def __init__(self, surnames: _Surnames, given: _Surnames) -> None:
        self.surnames, self.given = surnames, given
        self.organisations: dict[str, tuple[int, str]] = {}
        """First word of an organisation named in full -> (where first named, actor)."""
        self._shared: set[str] = set()
        self.lone: dict[str, int] = {}
        """Without NER: how often each capitalised word stands alone inside a sentence."""

    def note_organisation(self, ctx: Context, work: Work) -> None:
        """Keep an organisation named by a name and an organisation noun ("Harrow
        School", "Harbor Bank"): a later lone first word ("Harrow") is its short
        form. A first word shared by two organisations is nobody's."""
        if work.j - work.i != 2 or ctx.actor_type(work.actor) in ("person", "place", "state"):
            return
        lex = nouns()
        first, last = ctx.toks[work.i], ctx.toks[work.j - 1]
        if first.shape != "cap" or last.key not in lex.organisation_nouns | lex.generic_organisation_nouns:
            return
        seen = self.organisations.get(first.key)
        if seen is not None and seen[1] != work.actor:
            self._shared.add(first.key)
        if first.key in self._shared:
            self.organisations.pop(first.key, None)
            return
        self.organisations.setdefault(first.key, (work.i, work.actor))

    def add(self, ctx: Context, i: int, j: int, actor: str) -> None:
        self.surnames.add(_surname(ctx, i, j), i, actor)
        self.given.add(ctx.toks[i].key, i, actor)

    def given_before(self, key: str, at: int, unknown: dict[str, tuple[str, str]]) -> str | None:
        """The one person named in full before ``at`` with this given name (exactly).
        Two forms of one name count once ("Jared Padalecki", "Jared Tristan
        Padalecki": the fuller one), as :func:`_merge_same_people` will join them."""
        if key not in self.given._seen:
            return None
        positions, actors = self.given._seen[key]
        found = {a for p, a in zip(positions, actors, strict=True) if p < at}
        if len(found) > 1:
            forms = {a: _words(unknown[a][0]) for a in found if a in unknown}
            if len(forms) == len(found):
                full = max(forms, key=lambda a: len(forms[a]))
                if all(_subsequence(w, forms[full]) for w in forms.values()):
                    return full
        return found.pop() if len(found) == 1 else None


# Words ending an organisation or place name, never a person's ("Jordan Bank").
_NOT_PERSONAL = frozenset(
    {
        *("bank", "university", "college", "school", "institute", "party", "union", "group"),
        *("council", "ministry", "agency", "street", "river", "lake", "county", "city", "port"),
        *("company", "corporation", "inc", "ltd", "foundation", "fund", "center", "centre"),
    }
)


# Head nouns of places and buildings: a capitalised name ending with one is a place
# even when NER calls it a person ("Jahan Square", "York Minster", "West Avenue").
_PLACE_HEADS = frozenset(
    {
        *("square", "avenue", "street", "road", "lane", "boulevard", "mosque", "palace"),
        *("minster", "cathedral", "church", "chapel", "temple", "bridge", "park", "museum"),
        *("tower", "castle", "sea", "river", "lake", "mountain", "mount", "island", "bay"),
        *("station", "airport", "stadium", "gate", "garden", "gardens", "beach", "valley"),
    }
)


# Heads of an NER organisation's name that make it a place: streets, bridges,
# stadiums, halls ("Federal Hall", "Wembley Stadium"); not museums, churches or
# centres, which act as organisations too.
_BUILDINGS = frozenset(
    {
        *("square", "avenue", "street", "road", "boulevard", "bridge", "airport", "stadium"),
        *("arena", "hall", "station", "palace", "castle", "tower", "towers", "cathedral", "mosque"),
        *("temple", "minster", "river", "lake", "island", "islands", "bay", "beach", "valley", "park"),
    }
)


# Place nouns that are surnames too ("Grace Park", "Frank Church", "Nathan Lane").
_SURNAME_HEADS = frozenset(
    {"park", "church", "lane", "bridge", "gate", "castle", "tower", "bay", "beach", "garden", "chapel"}
)


def _place_name(ctx: Context, i: int, j: int, label: str) -> bool:
    """Two or more capitalised words ending with a place or building noun; unless NER
    says place, a known given name and one such noun that is also a surname is a
    person ("Grace Park", "Frank Church", "Nathan Lane"; but "Hakim Mosque")."""
    toks = ctx.toks
    last = toks[j - 1].key
    if j - i < 2 or toks[j - 1].shape != "cap" or last not in _PLACE_HEADS:
        return False
    return (
        label == "LOC"
        or j - i > 2
        or last not in _SURNAME_HEADS
        or given_name_gender(toks[i].surface) is None
    )


def _lone_words(ctx: Context, entities: list[tuple[int, int, str]]) -> dict[str, int]:
    """How often each capitalised word stands alone, not opening a sentence, in the
    uncovered runs of the text (a surname used alone: "Galois said")."""
    counts: dict[str, int] = {}
    for i, j, _ in _runs(ctx, entities):
        if j - i == 1 and not ctx.toks[i].first and ctx.toks[i].shape == "cap":
            counts[ctx.toks[i].key] = counts.get(ctx.toks[i].key, 0) + 1
    return counts


def _plural_noun(ctx: Context, k: int) -> bool:
    """Whether the parse reads token ``k`` as a plural common noun (never without a parse)."""
    if not ctx.doc.has_parse:
        return False
    tok = ctx.toks[k]
    word = ctx.doc.sentences[tok.sentence].word(tok.word)
    return word.upos == "NOUN" and "Number=Plur" in word.feats


def _lower_words(ctx: Context) -> frozenset[str]:
    """The words the text writes in lower case somewhere (computed once)."""
    found = ctx.cache.get("lower-words")
    if not isinstance(found, frozenset):
        found = ctx.cache["lower-words"] = frozenset(t.key for t in ctx.toks if t.shape == "lower")
    return found


def _repeated_surname(ctx: Context, i: int, j: int, names: _Names) -> bool:
    """Without NER: two or three capitalised words whose last word the text uses alone
    at least twice elsewhere ("Évariste Galois ... Galois ... Galois"), the given name
    being one the table lacks; never a name ending with an organisation, place or role
    noun."""
    toks, lex = ctx.toks, nouns()
    if not 2 <= j - i <= 3 or any(t.shape != "cap" for t in toks[i:j]):
        return False
    last = toks[j - 1].key
    if last in _NOT_PERSONAL or last in _PLACE_HEADS or last in lex.person_roles or last in _HONORIFICS:
        return False
    if last in lex.organisation_nouns or last in lex.place_nouns or last in _openers():
        return False
    first = toks[i]
    if first.first and first.key in _lower_words(ctx):
        return False  # capitalised only as the sentence's first word ("Allow Parliament")
    if first.key in _REGION_MODIFIERS or first.key.endswith(("ing", "ish", "ese")):
        return False  # "Using CFLs", "Upper Manhattan", "English Wikipedia"
    if names.lone.get(first.key, 0) or any(ch.isdigit() for t in toks[i:j] for ch in t.surface):
        return False  # "Warhol Polaroids": the first word is a name used alone itself
    return names.lone.get(last, 0) >= 2


def _personal_name(ctx: Context, i: int, j: int) -> bool:
    """Without NER: two or three capitalised words starting with a known given name."""
    toks = ctx.toks
    if not 2 <= j - i <= 3 or any(t.shape != "cap" for t in toks[i:j]) or toks[j - 1].key in _NOT_PERSONAL:
        return False
    return given_name_gender(toks[i].surface) is not None


def _organisation_name(ctx: Context, i: int, j: int) -> bool:
    """Without NER: capitalised words ending with an organisation noun ("Dockworkers
    Union", "Harbor Bank"), not a sentence opener alone before it."""
    toks, lex = ctx.toks, nouns()
    if j - i < 2 or toks[j - 1].shape != "cap" or toks[i].key in _openers():
        return False
    last = toks[j - 1].key
    return last in lex.organisation_nouns or last in lex.generic_organisation_nouns


def _people_inside(ctx: Context, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """NER organisations and places that hold a person's name are relabelled or split
    (after :func:`_organisations_joined`).

    * a person's name that NER took for an organisation or place is a person when
      the context says so (see :func:`_person_by_context`: "Valeska Paris, an
      Australian woman,", "the party's Regina Ip");

    * the organisation ran on into the person named after it ("Refugee Council
      Enver Solomon", "University of Leeds Omar Haddad"): see :func:`_person_tail`;
    * a person named with the organisation they belong to ("Nathan Law of
      Demosisto"): a known given name and one capitalised word before
      "of" are the person, the rest the organisation.
    """
    surnames = {ctx.toks[j - 1].key for _, j, label in entities if label == "PER"}
    entities = _organisations_joined(ctx, entities)
    out: list[tuple[int, int, str]] = []
    for n, (i, j, label) in enumerate(entities):
        if label in ("ORG", "LOC", "MISC") and _person_by_context(ctx, entities, n):
            out.append((i, j, "PER"))
            continue
        if label in ("ORG", "LOC", "MISC"):
            r = _person_tail(ctx, i, j, surnames)
            if r is not None:
                out += [(i, r, label), (r, j, "PER")]
                continue
            if label == "ORG":
                r = _person_of(ctx, i, j)
                if r is not None:
                    out += [(i, r, "PER"), (r + 1, j, label)]
                    continue
        out.append((i, j, label))
    return out


_ORG_LINKS = frozenset({"for", "of", "the", "on"})


def _organisations_joined(ctx: Context, entities: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """NER persons ending with an organisation noun are organisations ("Andy Warhol
    Foundation" tagged PER), and an organisation followed by "for" / "of" (and "the")
    and another NER organisation is one name ("the Andy Warhol Foundation for the
    Visual Arts"), unless the gazetteer found part of it."""
    toks, lex = ctx.toks, nouns()
    org_nouns = lex.organisation_nouns | lex.generic_organisation_nouns
    out: list[tuple[int, int, str]] = []
    for i, j, label in entities:
        if label == "PER" and j - i >= 2 and toks[j - 1].shape == "cap" and toks[j - 1].key in org_nouns:
            label = "ORG"
        if out and label == "ORG" and out[-1][2] == "ORG":
            a, b, _ = out[-1]
            between = range(b, i)
            if (
                0 < i - b <= 2
                and toks[b].key in ("for", "of")
                and all(toks[k].key in _ORG_LINKS and not toks[k].brk for k in between)
                and not toks[i].brk
                and toks[i].sentence == toks[a].sentence
                and all(ctx.owner[k] < 0 for k in range(a, j))
            ):
                out[-1] = (a, j, "ORG")
                continue
        out.append((i, j, label))
    return out


def _person_by_context(ctx: Context, entities: list[tuple[int, int, str]], n: int) -> bool:
    """Whether NER's organisation or place ``entities[n]`` is a person's name.

    A courtesy title opens it ("Mademoiselle Stéphanie Motel"); or it is a known
    given name and one or two capitalised words that can end a person's name, and
    the context is a person's: a role right before ("Tsar Peter Alekseyev"), an
    organisation's possessive ("New People Party's Regina Ip"), an apposition with
    a person noun or a role ("Valeska Paris, an Australian woman,"), or a list
    whose next or previous member NER tags as a person ("Elisha Cuthbert and Paris
    Hilton")."""
    toks, lex, text = ctx.toks, nouns(), ctx.doc.text
    i, j, _ = entities[n]
    if j - i >= 2 and toks[i].key in _PERSONAL_HONORIFICS | {"mademoiselle", "madame", "monsieur"}:
        return toks[i + 1].shape == "cap" and given_name_gender(toks[i + 1].surface) is not None
    if not 2 <= j - i <= 3 or given_name_gender(toks[i].surface) is None or toks[i].shape != "cap":
        return False
    if not all(_person_like_ending(ctx, k) and ctx.joined(k - 1, k) for k in range(i + 1, j)):
        return False
    if any(
        ctx.owner[k] >= 0 and ctx.actor_type(ctx.mentions[ctx.owner[k]].actor) == "person"
        for k in range(i, j)
    ):
        return False
    if i > 0 and toks[i - 1].sentence == toks[i].sentence:
        vocab = ctx.vocab_at(i - 1)
        if ctx.joined(i - 1, i) and (
            (vocab is not None and vocab.vocab is not None and vocab.vocab.kind == "role")
            or toks[i - 1].key in lex.person_roles
        ):
            return True
        gap = text[toks[i - 1].end : toks[i].start].translate(_APOSTROPHES).strip()
        if gap == "'s" and toks[i - 1].shape in ("cap", "upper"):
            return True
    if (
        j < len(toks)
        and toks[j].sentence == toks[j - 1].sentence
        and text[toks[j - 1].end : toks[j].start].strip() == ","
    ):
        for k in range(j, min(j + 5, len(toks))):
            if k > j and toks[k].brk:
                break
            if toks[k].key in lex.people or toks[k].key in lex.person_roles:
                return True
    for m in (n - 1, n + 1):
        if not 0 <= m < len(entities) or entities[m][2] != "PER":
            continue
        first, second = (entities[m][1] - 1, i) if m < n else (j - 1, entities[m][0])
        gap = " ".join(text[toks[first].end : toks[second].start].split()) if first < second else ""
        if gap in (",", "and", ", and") and toks[first].sentence == toks[second].sentence:
            return True
    return False


def _person_like_ending(ctx: Context, k: int) -> bool:
    """Whether capitalised token ``k`` can end a person's name: no organisation,
    place or building noun, no role."""
    lex, key = nouns(), ctx.toks[k].key
    return (
        ctx.toks[k].shape == "cap"
        and key not in _NOT_PERSONAL
        and key not in _PLACE_HEADS
        and key not in lex.organisation_nouns | lex.generic_organisation_nouns
        and key not in lex.place_nouns | lex.person_roles
        and key not in _CONNECTORS
    )


def _person_tail(ctx: Context, i: int, j: int, surnames: frozenset[str] | set[str]) -> int | None:
    """Where a person's name starts at the end of tokens ``i``..``j`` (``None`` if
    none does): the last two words are a capitalised name (a known given name, or a
    surname NER tags as a person elsewhere in the text: "Amneh Jafari ... Jafari")
    right after at least one capitalised word of an organisation (one holding an
    organisation noun, or a name the gazetteer found: "United States")."""
    toks, lex = ctx.toks, nouns()
    r = j - 2
    if j - i < 3 or not ctx.joined(r, r + 1) or not ctx.joined(r - 1, r):
        return None
    if (
        toks[r].shape != "cap"
        or not _person_like_ending(ctx, j - 1)
        or toks[r - 1].shape not in ("cap", "upper")
    ):
        return None
    if toks[r].key in _CONNECTORS or ctx.owner[r] >= 0 or ctx.owner[j - 1] >= 0:
        return None
    if given_name_gender(toks[r].surface) is None and toks[j - 1].key not in surnames:
        return None
    org_nouns = lex.organisation_nouns | lex.generic_organisation_nouns
    if not any(toks[k].key in org_nouns or ctx.owner[k] >= 0 for k in range(i, r)):
        return None
    return r


def _person_of(ctx: Context, i: int, j: int) -> int | None:
    """The position of "of" after a person's name opening tokens ``i``..``j`` (a
    known given name and one capitalised word), if any."""
    toks, r = ctx.toks, i + 2
    if r + 1 >= j or toks[r].key != "of" or given_name_gender(toks[i].surface) is None:
        return None
    if not _person_like_ending(ctx, i + 1) or ctx.owner[i] >= 0 or ctx.owner[i + 1] >= 0:
        return None
    return r


def _candidate(
    ctx: Context, i: int, j: int, label: str, names: _Names, headlines: set[int], *, titled: bool = False
) -> bool:
    """Resolve one run; return whether it became a mention."""
    toks = ctx.toks
    surnames = names.surnames
    if not label:
        # Without NER an organisation and the person next to it make one capitalised
        # run ("Refugee Council Enver Solomon said", "Mira Holt of Harbor Watch").
        r = _person_tail(ctx, i, j, set())
        if r is not None:
            _candidate(ctx, i, r, label, names, headlines)
            return _candidate(ctx, r, j, label, names, headlines)
        r = _person_of(ctx, i, j)  # "Mira Holt of Harbor Watch"
        if r is not None:
            _candidate(ctx, r + 1, j, label, names, headlines)
            return _candidate(ctx, i, r, label, names, headlines)
    if label and label != "PER":
        # NER's organisation ran on into a titled person ("Citation Index Professor
        # Chomsky"): the organisation ends before the honorific, the person follows.
        for r in range(i + 1, j - 1):
            if toks[r].key in _PERSONAL_HONORIFICS | _SURNAME_TITLES and toks[r + 1].shape == "cap":
                _candidate(ctx, i, r, label, names, headlines)
                return _candidate(ctx, r, j, "", names, headlines)
    if not label:
        # Without NER a title and the name make one capitalised run ("Europol Director
        # Ana Ruiz", "Tasmanian MP Ann Lee"): the person is the name after the role noun.
        roles = nouns().person_roles
        for r in range(j - 2, i - 1, -1):
            lone = r == j - 2 and toks[j - 1].shape == "cap" and toks[j - 1].key not in _NOT_PERSONAL | roles
            if toks[r].key in roles and (lone or _personal_name(ctx, r + 1, j)):
                return _candidate(ctx, r + 1, j, label, names, headlines, titled=True)
    words = [t.key for t in toks[i:j]]
    surname_title = False
    if words[0] in _HONORIFICS:
        if j - i == 1:
            return False
        surname_title = words[0] in _SURNAME_TITLES
        titled = titled or (
            words[0] in _PERSONAL_HONORIFICS and j - i >= 3 and toks[j - 1].key not in _NOT_PERSONAL
        )
        i += 1
        words = words[1:]
    text = " ".join(t.surface for t in toks[i:j])
    one_word = all(ctx.glued(k) for k in range(i + 1, j))
    if one_word:
        # NER often tags a lone surname as an organisation or place ("Ilves said").
        # A misspelt surname is not read into a capitalised sentence opener ("Young
        # and new faces" is not Alvin Yeung), nor a family ("the Osk family").
        known = None if _group_after(ctx, j) else surnames.before(" ".join(words), i, fuzzy=not toks[i].first)
        if known is not None:
            ctx.add(i, j, known, "name", f"surname after the full name of {known}")
            return True
        known = names.given_before(words[0], i, ctx.unknown) if j - i == 1 else None
        if known is not None:
            ctx.add(i, j, known, "name", f"given name after the full name of {known}")
            return True
        org = names.organisations.get(words[0]) if j - i == 1 and label in ("", "ORG", "LOC") else None
        if org is not None and org[0] < i:
            ctx.add(
                i,
                j,
                org[1],
                "name",
                f"short form of the organisation {ctx.unknown.get(org[1], (org[1],))[0]!r}",
            )
            return True
    vocab = ctx.vocab_at(i - 1)
    entry = vocab.vocab if vocab is not None else None
    by_role = ctx.joined(i - 1, i) and (
        (entry is not None and entry.kind == "role")
        or (toks[i - 1].shape == "cap" and toks[i - 1].key in nouns().person_roles)
    )
    titled = titled or (
        entry is not None and entry.kind not in ("former", "blocking") and ctx.joined(i - 1, i)
    )
    # "Secretary Cardona", "Justice Scalia": a title and one capitalised word
    lone_surname = (
        (surname_title or by_role or titled)
        and j - i == 1
        and toks[i].shape == "cap"
        and toks[i].key not in _NOT_PERSONAL
        and toks[i].key not in nouns().person_roles
        and ctx.vocab_at(i) is None
    )
    person_like = (
        label == "PER"
        or (not label and (titled or _personal_name(ctx, i, j) or _repeated_surname(ctx, i, j, names)))
        or lone_surname
    )
    if label in ("", "PER") and (j - i >= 2 or person_like):
        hit = match_person(words, ctx.kb, ctx.day)
        if hit is not None:
            ctx.add(i, j, hit.actor, "name", f"fuzzy {text!r} ~ {hit.form!r} ({hit.score:.2f})")
            return True
    if label in ("", "ORG", "MISC") and j - i >= 2:
        hit = match_org(words, ctx.kb)
        if hit is not None:
            evidence = f"near-miss {text!r} ~ {hit.form!r} (overlap {hit.score:.2f})"
            names.note_organisation(ctx, ctx.add(i, j, hit.actor, "name", evidence))
            return True
    if toks[i].sentence in headlines:
        return False
    if (label in ("", "PER", "LOC") and _place_name(ctx, i, j, label)) or (
        label == "ORG" and j - i >= 2 and toks[j - 1].shape == "cap" and toks[j - 1].key in _BUILDINGS
    ):
        actor = ctx.new_unknown(i, j, "place")
        ctx.add(i, j, actor, "name", "unknown place (name ends with a place noun)")
        return True
    if person_like and all(t.shape != "upper" or len(t.key) <= 2 for t in toks[i:j]):
        if one_word and (label != "PER" or _owns_a_name(ctx, j)) and not lone_surname:
            return False
        if one_word and toks[i].first and toks[i].key in _lower_words(ctx) and not lone_surname:
            return False  # capitalised only as the sentence's first word ("Born in Tianjin, ... was born")
        if one_word and label == "PER" and _plural_noun(ctx, i):
            return False  # a group ("YouTubers", "Scientologists"), not one person
        actor = ctx.new_unknown(i, j, "person")
        if not one_word:
            names.add(ctx, i, j, actor)
        why = "NER" if label else ("title" if titled else "given name")
        ctx.add(i, j, actor, "name", f"unknown person ({why})")
        return True
    if label in _ORG_LABELS and j - i >= 2:
        actor = ctx.new_unknown(i, j, "organization")
        work = ctx.add(i, j, actor, "name", "unknown organisation (NER)")
        names.note_organisation(ctx, work)
        return True
    if label in ("", "LOC") and _organisation_name(ctx, i, j):
        # NER often tags schools, ports and banks as places ("Harrow School")
        actor = ctx.new_unknown(i, j, "organization")
        work = ctx.add(i, j, actor, "name", "unknown organisation (name ends with an organisation noun)")
        names.note_organisation(ctx, work)
        return True
    # One word is a place only after a locative ("from Sydney"): NER tags stray
    # capitalised words as places ("join War").
    after_locative = i > 0 and toks[i - 1].key in _LOCATIVES and not toks[i].brk
    if label == "LOC" and all(t.shape == "cap" for t in toks[i:j]):
        # NER ends the place where a KB place's name ends ("copies of Yucatan Today"):
        # that place, which the gazetteer left as the start of a longer name.
        place = place_named(ctx, Gazetteer.for_kb(ctx.kb).entries_over(toks, i, j), guarded_ok=True)
        if place is not None and ctx.actor_type(place) == "place":
            ctx.add(i, j, place, "name", f"place (NER) {ctx.doc.text[toks[i].start : toks[j - 1].end]!r}")
            return True
    if label == "LOC" and all(t.shape == "cap" for t in toks[i:j]) and (j - i >= 2 or after_locative):
        actor = ctx.new_unknown(i, j, "place")
        ctx.add(i, j, actor, "name", "unknown place (NER)")
        return True
    return False


def place_named(ctx: Context, entries: Sequence[Entry], *, guarded_ok: bool) -> str | None:
    """The state or place a nested name stands for: a state's name first, then a
    capital's place, then a KB place (one in a country the text names first)."""
    states: list[str] = []
    places: list[str] = []
    for entry in entries:
        if entry.guarded and not guarded_ok:
            continue
        kind = ctx.actor_type(entry.target)
        if entry.kind == "metonym" and kind == "government":
            place = ctx.kb.metonym_place(entry.form)
            if place is not None:
                places.insert(0, place)
        elif entry.kind in ("name", "alias", "abbreviation") and kind == "state":
            states.append(entry.target)
        elif entry.kind in ("name", "alias") and kind == "place":
            places.append(entry.target)
    if states:
        return states[0]
    named = [
        p for p in places if f"state:{str(getattr(ctx.kb.get(p), 'country', '')).lower()}" in ctx.last_seen
    ]
    best = named or places
    return best[0] if best else None


def _owns_a_name(ctx: Context, j: int) -> bool:
    """Whether a possessive and a capitalised word follow token ``j - 1``: in
    "Reuters' Luciana Lopez" the NER's person is the second name, not the first."""
    toks = ctx.toks
    if j >= len(toks) or toks[j].shape not in ("cap", "upper"):
        return False
    return "'" in ctx.doc.text[toks[j - 1].end : toks[j].start].translate(_APOSTROPHES)


def _later_surnames(
    ctx: Context, entities: list[tuple[int, int, str]], names: _Names, headlines: set[int]
) -> None:
    """A lone capitalised word that is the surname of a person named in full anywhere
    in the text is that person, whatever NER called it ("Galois returned ... Évariste
    Galois was buried": NER tags most of the bare "Galois" as an organisation)."""
    toks, roles = ctx.toks, nouns().person_roles
    for i, j, _ in _runs(ctx, entities):
        if not all(ctx.glued(k) for k in range(i + 1, j)) or toks[i].shape != "cap":
            continue
        key = " ".join(t.key for t in toks[i:j])
        if key in _NOT_PERSONAL or key in roles or key in _HONORIFICS or toks[i].sentence in headlines:
            continue
        if key in _openers() or _group_after(ctx, j):
            continue
        person = names.surnames.first(key, fuzzy=not toks[i].first)
        if person is not None:
            ctx.add(i, j, person, "name", f"surname of {person}, named in full in the text")


def _words(name: str) -> list[str]:
    return normalize(name).replace("-", " ").split()


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _same_ending(words: list[str], full: list[str], actor: str, ctx: Context) -> bool:
    """The longer name ends like the shorter one, or only post-nominal letters
    ("FRS") follow; never a name ending with an organisation noun ("Andy Warhol
    Foundation")."""
    if full[-1] in _NOT_PERSONAL:
        return False
    if full[-1] == words[-1]:
        return True
    name = ctx.unknown[actor][0].split()
    extra = len(full) - full.index(words[-1]) - 1 if words[-1] in full else 0
    return 0 < extra <= 2 and all(w.isupper() and len(w) <= 4 for w in name[-extra:])


def _org_nouns() -> frozenset[str]:
    lex = nouns()
    return lex.organisation_nouns | lex.generic_organisation_nouns


def _merge_same_people(ctx: Context) -> None:
    """Unknown actors that are one person named in two forms become one.

    * a shorter personal name whose words all occur, in order, in one longer one
      with the same first or last word ("Brock Holt", "Brock Wyatt Holt"; "Martínez
      Cantón", "Clara Martínez Cantón"; "Daniel Bernoulli", "Daniel Bernoulli FRS");
    * an unknown organisation or place named exactly like an unknown person (NER
      labels one "Évariste Galois" ORG, another PER);
    * an unknown organisation named by the words before "for" or "of" of one longer
      one, ending with an organisation noun ("the Harbor Foundation", "the Harbor
      Foundation for the Arts").
    """
    people = {a: _words(n) for a, (n, kind) in ctx.unknown.items() if kind == "person"}
    used = {w.actor for w in ctx.mentions}
    people = {a: w for a, w in people.items() if a in used and w}
    # The people whose name has a given word, in the order of `people`: a longer
    # form holds the shorter one's first word (comparing every pair was quadratic).
    having: dict[str, list[str]] = {}
    for actor, words in people.items():
        for word in dict.fromkeys(words):
            having.setdefault(word, []).append(actor)
    target: dict[str, str] = {}
    for actor, words in people.items():
        if len(words) < 2:
            continue
        longer = [
            other
            for other in having[words[0]]
            if len(full := people[other]) > len(words)
            and _subsequence(words, full)
            and _same_ending(words, full, other, ctx)
        ]
        if len(longer) == 1:
            target[actor] = longer[0]
    # The same words in another order are one person ("Higuchi Natsuko", "Natsuko
    # Higuchi": family name first or last); the later form joins the first.
    by_words: dict[tuple[str, ...], str] = {}
    for actor, words in people.items():
        if len(words) >= 2 and actor not in target:
            first = by_words.setdefault(tuple(sorted(words)), actor)
            if first != actor:
                target[actor] = first
    by_form = {" ".join(w): a for a, w in people.items() if len(w) >= 2}
    # An organisation named without its "for ..." / "of ..." part ("the Andy Warhol
    # Foundation", "the Andy Warhol Foundation for the Visual Arts") is the fuller one.
    orgs = {a: _words(n) for a, (n, kind) in ctx.unknown.items() if kind == "organization" and a in used}
    heads: dict[tuple[str, ...], set[str]] = {}
    for actor, words in orgs.items():
        cut = next((n for n, w in enumerate(words) if w in ("for", "of")), 0)
        if cut >= 2:
            heads.setdefault(tuple(words[:cut]), set()).add(actor)
    for actor, words in orgs.items():
        fuller = heads.get(tuple(words), set())
        if len(fuller) == 1 and actor not in fuller and words[-1] in _org_nouns():
            target[actor] = next(iter(fuller))
    for actor, (name, kind) in ctx.unknown.items():
        if kind != "person" and actor in used:
            person = by_form.get(" ".join(_words(name)))
            if person is not None:
                target[actor] = person
    for actor in list(target):
        seen = {actor}
        while target[actor] in target and target[actor] not in seen:
            seen.add(target[actor])
            target[actor] = target[target[actor]]
    for work in ctx.mentions:
        new = target.get(work.actor)
        if new is not None and new != work.actor:
            work.evidence = f"{work.evidence}; the same person as {new}"
            work.actor = new
    for actor in target:
        ctx.unknown.pop(actor, None)


def _surnames_over_places(ctx: Context, surnames: _Surnames) -> None:
    """A one-word state, place or capital that is the surname of a person named in
    full before it is that person ("Valeska Paris ... Paris claims she"), unless a
    locative cue makes it the place ("in Paris")."""
    from geotext.actors.resolve import _place_cue

    for work in ctx.mentions:
        if work.j - work.i != 1 or work.kind not in ("name", "alias", "metonym"):
            continue
        if ctx.actor_type(work.actor) not in _STATE_TYPES or ctx.toks[work.i].shape != "cap":
            continue
        person = surnames.before(ctx.toks[work.i].key, work.i, fuzzy=False)
        if person is None or _place_cue(ctx, work.i, work.j) or _group_after(ctx, work.j):
            continue
        work.evidence = f"surname after the full name of {person} (not {work.actor})"
        work.actor, work.kind, work.metonymic = person, "name", False
        ctx.last_seen[person] = max(work.start, ctx.last_seen.get(person, -1))


def _merge_unknown_surnames(ctx: Context, surnames: _Surnames) -> None:
    """A lone surname seen before the full name joins the full name's actor (the
    first person named in full with it, see :meth:`_Surnames.before`)."""
    for work in ctx.mentions:
        one_word = all(ctx.glued(k) for k in range(work.i + 1, work.j))
        if work.actor.startswith("unk:person:") and work.kind == "name" and one_word:
            full = surnames.first(_surname(ctx, work.i, work.j), fuzzy=not ctx.toks[work.i].first)
            if full and full != work.actor:
                ctx.unknown.pop(work.actor, None)
                work.actor = full
                work.evidence = f"surname of {full}"
