"""Document entities: roles and affiliations of named people, and the descriptions
that refer back to them.

Two passes over the mentions found so far (names from the KB, NER or capitalised
runs):

* :func:`profile` reads titles and appositions around each person's name and records
  ``roles`` and ``affiliations`` on the person's entity: "Harbor Bank analyst Tomas
  Reyes" (role ``analyst``, affiliation Harbor Bank), "Europol Director Ana Ruiz"
  (an organisation mention "Europol" is created when nothing named it), "Harbor Bank's
  chief executive Tomas Reyes", "Tomas Reyes, the chief executive of Harbor Bank,".
* :func:`descriptions` resolves definite descriptions to those entities: "the
  analyst" to the person holding that role in the text, "the union" to the
  organisation whose name holds the noun ("Dockworkers Union"), else, for nouns that
  fit any organisation ("the agency", "the company"), the one named last; "the city" to the settlement named last (not a region of a
  state, not "Main Street"), "the river" or "the mosque" only to the place whose name
  holds the noun ("Mersey River"), "the country" to the state named last,
  "the 26-year-old" and "the boy" to the last person in subject position (never the
  subject of the description's own sentence; "the boy" only to a person whose gender
  does not disagree, and to nobody after "a boy"). Relations work like roles: "his
  father, Henry Osk," records ``father`` on Henry Osk, and a later "his father" is
  him; "the daughter of Karen Holm and Peter Lind" makes them ``mother`` and ``father``
  (by the given names' gender). A role noun no person of the text holds is left to the KB's dated roles
  (:mod:`geotext.actors.coref`).

The nouns are in ``data/actors/entity_nouns.yaml``.
"""

from __future__ import annotations

import bisect
import functools

from attrs import define, field, frozen

from geotext.actors.context import Context, Work
from geotext.actors.records import ACTOR_TYPES
from geotext.data import load_yaml
from geotext.errors import DataError

__all__ = ["Nouns", "Profile", "appositions", "descriptions", "nouns", "profile"]

_DETERMINERS = frozenset({"the", "this", "that"})
# Possessives before a role or relation ("his father", "her lawyer").
_POSSESSIVES = frozenset({"his", "her", "their", "its"})
_PREPOSITIONS = frozenset({"of", "at", "for", "with", "from", "in"})
_ARTICLES = frozenset({"the", "a", "an"})
_INDEFINITE = frozenset({"a", "an", "another", "one"})
_CONNECTORS = frozenset({"of", "for", "and"})
# Capitalised sentence openers that never start an organisation's name.
_OPENERS = frozenset({"the", "a", "an", "but", "and", "so", "then", "later", "meanwhile", "former", "new"})
_ORG_TYPES = frozenset(
    {"government", "body", "igo", "armed_group", "party", "media", "think_tank", "company", "organization"}
)
# Demonym-like adjectives before a title are not organisations ("Tasmanian MP").
_ADJECTIVE_ENDINGS = ("ian", "ean", "an", "ese", "ish", "ic")
# How far back a description or an age looks for its entity, in sentences.
_REACH = 4
# How many earlier names a description searches for one holding its noun.
_LOOKBACK = 200


@frozen(kw_only=True)
class Nouns:
    """The lexicon of ``entity_nouns.yaml`` (see that file's header)."""

    person_roles: frozenset[str]
    relatives: frozenset[str]
    role_modifiers: frozenset[str]
    ages: frozenset[str]
    people: dict[str, str]
    """Person nouns ("boy", "woman") -> ``male``, ``female`` or ``""`` (either)."""
    organisation_nouns: frozenset[str]
    generic_organisation_nouns: frozenset[str]
    typed_organisation_nouns: dict[str, frozenset[str]] = field(factory=dict)
    """Nouns of a kind of organisation ("think tank") -> the actor types they fit."""
    place_nouns: frozenset[str]
    settlement_nouns: frozenset[str]
    feature_nouns: frozenset[str]
    state_nouns: frozenset[str]
    name_nouns: frozenset[str]
    longest: int


@functools.cache
def nouns() -> Nouns:
    """Load ``data/actors/entity_nouns.yaml`` once.

    >>> "analyst" in nouns().person_roles
    True
    """
    data = load_yaml("actors/entity_nouns.yaml")
    keys = (
        "person_roles",
        "relatives",
        "role_modifiers",
        "ages",
        "organisation_nouns",
        "generic_organisation_nouns",
        "place_nouns",
        "settlement_nouns",
        "feature_nouns",
        "state_nouns",
        "name_nouns",
    )
    if not isinstance(data, dict) or any(not isinstance(data.get(k), list) for k in keys):
        raise DataError(f"actors/entity_nouns.yaml must map each of {keys} to a list of nouns")
    people = data.get("people")
    if not isinstance(people, dict) or set(people) - {"male", "female", "any"}:
        raise DataError("actors/entity_nouns.yaml: people must map male / female / any to lists of nouns")
    sets = {
        k: frozenset(" ".join(str(w).casefold().replace("-", " ").split()) for w in data[k]) for k in keys
    }
    longest = max(len(w.split()) for w in sets["person_roles"] | sets["relatives"])
    genders = {
        str(w).casefold(): ("" if sex == "any" else str(sex))
        for sex, words in people.items()
        for w in words or ()
    }
    typed = data.get("typed_organisation_nouns")
    if not isinstance(typed, dict) or any(
        not isinstance(v, list) or not v or not set(map(str, v)) <= ACTOR_TYPES - {"person", "place", "state"}
        for v in typed.values()
    ):
        raise DataError(
            "actors/entity_nouns.yaml: typed_organisation_nouns must map nouns to lists of organisation actor types"
        )
    kinds = {
        " ".join(str(w).casefold().replace("-", " ").split()): frozenset(map(str, v))
        for w, v in typed.items()
    }
    return Nouns(longest=longest, people=genders, typed_organisation_nouns=kinds, **sets)


@define(kw_only=True)
class Profile:
    """What the text says about one entity: its roles and the actors it belongs to."""

    roles: list[str] = field(factory=list)
    affiliations: list[str] = field(factory=list)

    def add(self, role: str, affiliation: str | None) -> None:
        if role and role not in self.roles:
            self.roles.append(role)
        if affiliation and affiliation not in self.affiliations:
            self.affiliations.append(affiliation)


def _role_before(ctx: Context, i: int, *, attached: bool = True) -> tuple[int, str] | None:
    """A role phrase ending right before token ``i``: (its first token, the role);
    ``attached=False`` lets punctuation stand between the phrase and token ``i``."""
    toks, lex = ctx.toks, nouns()
    for size in range(min(lex.longest, i), 0, -1):
        a = i - size
        if not all(ctx.joined(k, k + 1) for k in range(a, i if attached else i - 1)):
            continue
        phrase = " ".join(t.key for t in toks[a:i])
        if phrase in lex.relatives:
            return a, phrase
        if phrase in lex.person_roles:
            while a > 0 and ctx.joined(a - 1, a) and toks[a - 1].key in lex.role_modifiers:
                a -= 1
            return a, " ".join(t.key for t in toks[a:i])
    return None


def _affiliation_before(ctx: Context, a: int) -> str | None:
    """The organisation named right before a title starting at token ``a``."""
    toks = ctx.toks
    k = a - 1
    if k < 0 or toks[a].brk:
        return None
    gap = ctx.doc.text[toks[k].end : toks[a].start]
    if gap.strip() not in ("", "'s", "\u2019s", "'", "\u2019"):
        return None
    work = ctx.covering(k)
    if work is not None:
        return work.actor if ctx.actor_type(work.actor) != "person" else None
    # An uncovered capitalised run: an organisation the gazetteer and NER missed
    # ("Europol Director Ana Ruiz").
    i = k
    while i > 0 and ctx.joined(i - 1, i) and ctx.covering(i - 1) is None:
        if toks[i - 1].shape in ("cap", "upper"):
            i -= 1
        elif toks[i - 1].key in _CONNECTORS and i > 1 and toks[i - 2].shape in ("cap", "upper"):
            i -= 2  # "University of Leeds political scientist Omar Haddad"
        else:
            break
    words = [t for t in toks[i:a] if t.key not in _CONNECTORS]
    if not words or any(t.shape not in ("cap", "upper") for t in words) or words[0].key in _OPENERS:
        return None
    if len(words) == 1 and words[0].key.endswith(_ADJECTIVE_ENDINGS):
        return None
    actor = ctx.new_unknown(i, a, "organization")
    ctx.add(i, a, actor, "name", "organisation named in a title before a person")
    return actor


def _apposition_after(ctx: Context, work: Work) -> tuple[str, str | None] | None:
    """ "X, the chief executive of Y," / "X, an analyst at Y," / "X is a researcher
    at Y" -> (role, affiliation)."""
    toks = ctx.toks
    j = work.j
    if j >= len(toks) or toks[j].sentence != work.sentence:
        return None
    gap = ctx.doc.text[toks[j - 1].end : toks[j].start].strip()
    if (
        gap == ""
        and toks[j].key in _COPULAS
        and j + 1 < len(toks)
        and toks[j + 1].key in _INDEFINITE_ARTICLES
    ):
        j += 1  # a predicate: "Anna Berg is a researcher at the institute"
        if not ctx.joined(j - 1, j):
            return None
    elif not toks[j].brk or gap != ",":
        return None
    k = j + 1 if toks[j].key in _ARTICLES else j
    end = k
    while end < len(toks) and end - k < 6 and not (end > k and toks[end].brk):
        end += 1
    affiliation: str | None = None
    # a possessive organisation first: "X, Harbor Bank's chief executive,"
    owner = ctx.covering(k)
    if owner is not None and owner.actor != work.actor and ctx.actor_type(owner.actor) != "person":
        affiliation, k = owner.actor, owner.j
    from geotext.actors.candidates import function_words

    stops = function_words()
    for stop in range(end, k, -1):
        # the role may end the apposition: "X, Estonia's prime minister, said"
        found = _role_before(ctx, stop, attached=stop < end)
        if found is None or found[0] < k:
            continue
        if any(toks[x].shape != "lower" or toks[x].key in stops for x in range(k, found[0])):
            return None  # "X, Chao and his wife": the role is not X's
        if stop < len(toks) and toks[stop].key in _PREPOSITIONS and not toks[stop].brk:
            after = ctx.covering(stop + 1) or (
                ctx.covering(stop + 2) if stop + 2 < len(toks) and toks[stop + 1].key == "the" else None
            )
            if after is not None and ctx.actor_type(after.actor) != "person":
                affiliation = after.actor
        return found[1], affiliation
    return None


def _described_before(ctx: Context, work: Work) -> tuple[int, int, int, str, str | None] | None:
    """ "his father, Johann Berg," / "the mayor, Ada Lind," / "Estonia's prime
    minister, Kristen Michal," / "the prime minister of Estonia, Kristen Michal,": a
    definite or possessive role phrase in apposition before a person's name ->
    (its determiner or owner, its first token, its end, the role, the affiliation)."""
    toks, i = ctx.toks, work.i
    if i < 2 or ctx.doc.text[toks[i - 1].end : toks[i].start].strip() != ",":
        return None
    end, affiliation = i, None
    found = _role_before(ctx, i, attached=False)
    if found is None:
        # "the <role> of <organisation or state>, <name>"
        owner = ctx.covering(i - 1)
        if owner is None or ctx.actor_type(owner.actor) == "person" or owner.j != i:
            return None
        p = owner.i - 1
        if p > 0 and toks[p].key == "the" and ctx.joined(p, owner.i):
            p -= 1
        if p < 1 or toks[p].key not in _PREPOSITIONS or not ctx.joined(p, p + 1):
            return None
        found = _role_before(ctx, p)
        if found is None:
            return None
        end, affiliation = p, owner.actor
    a, role = found
    det = a - 1
    if det < 0 or toks[det].sentence != work.sentence or not ctx.joined(det, a):
        return None
    if toks[det].key not in _DEFINITE:
        # a possessive owner: "Estonia's prime minister, ..."
        owner = ctx.covering(det)
        gap = ctx.doc.text[toks[det].end : toks[a].start].strip()
        if (
            owner is None
            or owner.j != a
            or ctx.actor_type(owner.actor) == "person"
            or gap not in _POSSESSIVE_S
        ):
            return None
        if affiliation is not None:
            return None
        det, affiliation = owner.i, owner.actor
        if any(ctx.covering(k) is not None for k in range(a, end)):
            return None
        return det, a, end, role, affiliation
    if any(ctx.covering(k) is not None for k in range(det, end)):
        return None
    return det, a, end, role, affiliation


_CHILDREN = frozenset({"daughter", "son", "child", "stepdaughter", "stepson"})


def _parents(ctx: Context, out: dict[str, Profile]) -> None:
    """ "the daughter of Katherine Buckley, a dancer, and Anatole Moreau": the person
    named right after "<child noun> of", and the next person named after "and" in the
    sentence, are parents; the given name's gender makes one the ``mother``, the other
    the ``father`` ("parent" when it is unknown)."""
    from geotext.actors.names import given_name_gender

    toks = ctx.toks
    people = sorted(
        (w for w in ctx.mentions if w.kind in ("name", "alias") and ctx.actor_type(w.actor) == "person"),
        key=lambda w: w.i,
    )
    starts = {w.i: n for n, w in enumerate(people)}
    for k in range(len(toks) - 2):
        if toks[k].key not in _CHILDREN or toks[k + 1].key != "of" or not ctx.joined(k, k + 1):
            continue
        first = starts.get(k + 2)
        if first is None:
            continue
        parents = [people[first]]
        after = people[first + 1] if first + 1 < len(people) else None
        if after is not None and after.sentence == toks[k].sentence and toks[after.i - 1].key == "and":
            parents.append(after)
        for work in parents:
            gender = given_name_gender(toks[work.i].surface)
            role = {"female": "mother", "male": "father"}.get(gender or "", "parent")
            out.setdefault(work.actor, Profile()).add(role, None)


def profile(ctx: Context) -> dict[str, Profile]:
    """Record the roles and affiliations the text gives its people (see the module docstring)."""
    out: dict[str, Profile] = {}
    _parents(ctx, out)
    relatives = nouns().relatives
    for work in list(ctx.mentions):
        if work.kind not in ("name", "alias") or ctx.actor_type(work.actor) != "person":
            continue
        before = _role_before(ctx, work.i)
        if before is not None:
            a, role = before
            affiliation = None if role in relatives else _affiliation_before(ctx, a)
            out.setdefault(work.actor, Profile()).add(role, affiliation)
        described = _described_before(ctx, work)
        if described is not None:
            det, a, end, role, affiliation = described
            out.setdefault(work.actor, Profile()).add(role, affiliation)
            why = f"description: {role!r} in apposition before the name of {work.actor}"
            ctx.add(a, end, work.actor, "description", why, start=ctx.toks[det].start)
        after = _apposition_after(ctx, work)
        if after is not None:
            out.setdefault(work.actor, Profile()).add(*after)
    return out


_INDEFINITE_ARTICLES = frozenset({"a", "an"})
# Verbs that make a definite noun phrase after a name a predicate of it.
_COPULAS = frozenset({"is", "was", "became", "becomes", "remains", "remained"})
_SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they"})
# Determiners of a definite or possessive description.
_DEFINITE = frozenset({"the", "his", "her", "its", "their"})
_POSSESSIVE_S = frozenset({"'s", "\u2019s", "'", "\u2019"})


def appositions(ctx: Context, *, pronouns: bool = False) -> None:
    """A definite noun phrase in apposition to a name, or its predicate, is a
    description of that name's entity: "Hana Ilves, the union's president",
    "Zaha Hadid, the first woman to receive the prize", "Phoenix is the largest
    city in Arizona". The mention covers the determiner and the lower-case words
    after it (up to a function word: "the daughter" of "the daughter of a
    minor official"); phrases that hold a name are left to the title rules.

    With ``pronouns`` (run after the pronouns are resolved), the predicate of a
    subject pronoun is a description of its antecedent: "She was the first woman
    to win it" (no apposition: "he, the ..." is rare and often a list)."""
    from geotext.actors.candidates import function_words
    from geotext.actors.resolve import speech_verbs

    toks, text, stops, speech = ctx.toks, ctx.doc.text, function_words(), speech_verbs()
    for work in list(ctx.mentions):
        if pronouns:
            if work.kind != "pronoun" or toks[work.i].key not in _SUBJECT_PRONOUNS:
                continue
        elif work.kind not in ("name", "alias", "abbreviation") or work.metonymic:
            continue
        j = work.j
        if j >= len(toks) or toks[j].sentence != work.sentence:
            continue
        gap = text[toks[j - 1].end : toks[j].start].strip()
        if gap == "," and not pronouns:
            k, why = j, "apposition"
        elif gap == "" and toks[j].key in _COPULAS and ctx.joined(j, j + 1):
            k, why = j + 1, f"predicate after {toks[j].surface!r}"
        else:
            continue
        if k >= len(toks) or toks[k].key not in _DEFINITE or ctx.covering(k) is not None:
            continue
        end = k + 1
        while end < len(toks) and ctx.joined(end - 1, end) and toks[end].shape == "lower":
            if toks[end].key in stops or toks[end].key in speech or ctx.covering(end) is not None:
                break
            end += 1
        if end == k + 1:
            continue
        if end < len(toks) and toks[end].key in speech and ctx.joined(end - 1, end):
            continue  # "... in Ukraine, the ministry said": the speaker of the clause, no apposition
        if end < len(toks) and ctx.joined(end - 1, end) and toks[end].shape in ("cap", "upper"):
            continue  # "Reyes, the analyst Tomas Reyes": a title before a name
        ctx.add(k, end, work.actor, "description", f"description: {why} of {work.actor}")


def _latest(ctx: Context, at: int, kinds: frozenset[str], noun: str, names: list[Work]) -> Work | None:
    """The latest name mention (of ``names``, in text order) of an actor of one of
    ``kinds`` before token ``at``; one whose text holds ``noun`` wins over a nearer
    one that does not."""
    sentence = ctx.toks[at].sentence if at < len(ctx.toks) else 0
    nearest: Work | None = None
    top = bisect.bisect_left(names, at, key=lambda w: w.i)
    for n in range(top - 1, max(-1, top - 1 - _LOOKBACK), -1):
        work = names[n]
        if ctx.actor_type(work.actor) not in kinds:
            continue
        if noun and noun in (t.key for t in ctx.toks[work.i : work.j]):
            return work
        if nearest is None and sentence - work.sentence <= _REACH:
            nearest = work
    return nearest


def descriptions(ctx: Context, profiles: dict[str, Profile]) -> None:
    """Resolve "the <noun>" descriptions (see the module docstring)."""
    toks, lex = ctx.toks, nouns()
    holders: dict[str, list[str]] = {}
    for actor, prof in profiles.items():
        for role in prof.roles:
            holders.setdefault(role.split()[-1], []).append(actor)
    names = sorted(
        (w for w in ctx.mentions if w.kind in ("name", "alias", "abbreviation", "metonym")), key=lambda w: w.i
    )
    k = 0
    while k < len(toks):
        tok = toks[k]
        possessive = tok.key in _POSSESSIVES
        if (tok.key not in _DETERMINERS and not possessive) or ctx.covering(k) is not None:
            k += 1
            continue
        n = k + 1
        while (
            n < len(toks)
            and ctx.joined(n - 1, n)
            and toks[n].shape == "lower"
            and toks[n].key in lex.role_modifiers
        ):
            n += 1
        found = _noun_at(ctx, n)
        if found is None and not possessive:
            found = _person_noun_after_adjectives(ctx, n)
        if found is None:
            k += 1
            continue
        end, noun, kind = found
        if possessive and kind != "person":
            k += 1  # "his party", "her boy": left to other rules
            continue
        if any(ctx.covering(x) is not None for x in range(n, end)):
            k = end  # the noun is part of a name already found ("the Institute for War Studies")
            continue
        if end < len(toks) and ctx.joined(end - 1, end) and toks[end].shape in ("cap", "upper"):
            k = end  # "the analyst Tomas Reyes": a title, handled with the name
            continue
        target, why = _target(ctx, k, noun, kind, holders, names)
        if target is not None:
            ctx.add(n, end, target, "description", why, start=tok.start)
        k = end
    return


def _person_noun_after_adjectives(ctx: Context, n: int) -> tuple[int, str, str] | None:
    """A person noun after one or two lower-case adjectives ("the old man", "the
    ambitious young man"); other nouns need their modifiers from the lexicon."""
    from geotext.actors.candidates import function_words

    toks, stops = ctx.toks, function_words()
    for skip in (1, 2):
        m = n + skip
        if m >= len(toks) or not all(ctx.joined(x, x + 1) for x in range(n, m)):
            return None
        if any(toks[x].shape != "lower" or toks[x].key in stops for x in range(n, m)):
            return None
        found = _noun_at(ctx, m)
        if found is not None:
            return found if found[2] == "people" else None
    return None


_CLASSES: list[tuple[Nouns, dict[str, str], int]] = []


def _noun_classes(lex: Nouns) -> tuple[dict[str, str], int]:
    """Each description noun's class (the first of person, people, organisation,
    place, state that lists it) and the most words a noun has, built once per
    lexicon: the set unions cost more than the look-ups when made for every phrase."""
    if not _CLASSES or _CLASSES[0][0] is not lex:
        kinds: dict[str, str] = {}
        for kind, table in (
            ("person", lex.person_roles | lex.relatives),
            ("people", frozenset(lex.people)),
            (
                "organisation",
                lex.organisation_nouns
                | lex.generic_organisation_nouns
                | frozenset(lex.typed_organisation_nouns),
            ),
            ("place", lex.place_nouns | lex.feature_nouns),
            ("state", lex.state_nouns),
        ):
            for noun in sorted(table):
                kinds.setdefault(noun, kind)
        most = max((len(noun.split(" ")) for noun in kinds), default=0)
        _CLASSES[:] = [(lex, kinds, most)]
    return _CLASSES[0][1], _CLASSES[0][2]


def _noun_at(ctx: Context, n: int) -> tuple[int, str, str] | None:
    """The description noun starting at token ``n``: (end token, noun, class)."""
    toks, lex = ctx.toks, nouns()
    if n >= len(toks) or toks[n].brk:
        return None
    if toks[n].shape == "other" and n + 2 < len(toks) and f"{toks[n + 1].key}-{toks[n + 2].key}" in lex.ages:
        return n + 3, "year-old", "age"
    if toks[n].shape not in ("lower", "cap"):
        return None
    kinds, most = _noun_classes(lex)
    for size in (3, 2, 1):
        # A phrase of `size` keys joined by spaces can only be a noun of that many words.
        if size > most or n + size > len(toks):
            continue
        if not all(ctx.joined(m, m + 1) for m in range(n, n + size - 1)):
            continue
        if any(t.shape != toks[n].shape for t in toks[n : n + size]):
            continue  # "the Secretary", "the chief executive"; not "the Harbor bank"
        phrase = " ".join(t.key for t in toks[n : n + size])
        kind = kinds.get(phrase)
        if kind is not None:
            return n + size, phrase, kind
    return None


def _target(
    ctx: Context, k: int, noun: str, kind: str, holders: dict[str, list[str]], names: list[Work]
) -> tuple[str | None, str]:
    if kind == "person":
        people = set(holders.get(noun.split()[-1], ()))
        top = bisect.bisect_left(names, k, key=lambda w: w.i)
        for n in range(top - 1, max(-1, top - 1 - _LOOKBACK), -1):
            if names[n].actor in people:
                return names[n].actor, f"description {noun!r}: the role of a person named before"
        return None, ""
    if kind in ("age", "people"):
        return _person_described(ctx, k, noun, kind, names)
    if kind == "place" and noun in nouns().settlement_nouns:  # "the city", not "the river"
        capital = _capital_before(ctx, k, names)
        if capital is not None:
            return capital, f"description {noun!r}: the city named last (a capital, read as the place)"
    types = {"organisation": _ORG_TYPES, "place": frozenset({"place"}), "state": frozenset({"state"})}[kind]
    if kind in ("place", "state"):
        return _place_target(ctx, k, noun, types, names)
    typed = nouns().typed_organisation_nouns.get(noun)
    if typed is not None:
        hit = _latest(ctx, k, typed, noun.split()[-1], names)
        if hit is not None:
            kinds = "/".join(sorted(typed))
            return hit.actor, f"description {noun!r}: the {kinds} organisation named last"
    found = _latest(ctx, k, types, noun.split()[-1], names)
    if found is None:
        return None, ""
    holds = noun.split()[-1] in (t.key for t in ctx.toks[found.i : found.j])
    if kind == "organisation" and not holds and noun not in nouns().generic_organisation_nouns:
        if typed is not None:
            unknown = _latest(ctx, k, frozenset({"organization"}), "", names)
            if unknown is not None and ctx.toks[k].sentence - unknown.sentence <= _REACH // 2:
                return unknown.actor, f"description {noun!r}: the unknown organisation named last"
        return None, ""  # "the network" is not whichever organisation came last
    why = "whose name holds the noun" if holds else "named last"
    return found.actor, f"description {noun!r}: the {kind} {why}"


def _person_described(
    ctx: Context, k: int, noun: str, kind: str, names: list[Work]
) -> tuple[str | None, str]:
    """ "the 26-year-old", "the boy": the last person in subject position within
    reach, else the last person named; a person noun needs a person whose gender
    does not disagree, and means nobody named when "a <noun>" came before it in
    reach ("a man was arrested ... the man")."""
    from geotext.actors.coref import genders

    toks = ctx.toks
    sentence = toks[k].sentence
    what = "age description" if kind == "age" else f"description {noun!r}"
    sex = nouns().people.get(noun, "") if kind == "people" else ""
    if kind == "people":
        for x in range(k - 1, -1, -1):
            if sentence - toks[x].sentence > _REACH:
                break
            if toks[x].key in _INDEFINITE and noun in (t.key for t in toks[x + 1 : x + 3]):
                return None, ""
    known = genders(ctx) if sex else {}

    def fits(work: Work) -> bool:
        if ctx.actor_type(work.actor) != "person":
            return False
        gender = known.get(work.actor)
        return not sex or gender is None or gender == sex

    top = bisect.bisect_left(names, k, key=lambda w: w.i)
    earlier = []
    for n in range(top - 1, -1, -1):
        work = names[n]
        if sentence - work.sentence > _REACH:
            break
        if fits(work):
            earlier.append(work)
    # Not the subject of its own sentence ("Lind told Quinn the boy was safe": the
    # boy is not Lind); a person named in it otherwise comes first.
    own = [w for w in earlier if w.sentence == sentence]
    subjects = {w.actor for w in own if w.subject}
    for work in own:
        if not work.subject and work.actor not in subjects:
            return work.actor, f"{what}: the last person named in its sentence"
    for work in earlier:
        if work.sentence != sentence and work.subject and work.actor not in subjects:
            return work.actor, f"{what}: the last person in subject position"
    for work in earlier:
        if work.actor not in subjects:
            return work.actor, f"{what}: the last person named"
    return None, ""


def _place_target(
    ctx: Context, k: int, noun: str, types: frozenset[str], names: list[Work]
) -> tuple[str | None, str]:
    """ "the city", "the island", "the country": the place (or state) named last within
    reach; else one named earlier whose name holds the noun; else the place the text
    names most (at least twice: a travel guide's "the city" is its subject)."""
    sentence = ctx.toks[k].sentence if k < len(ctx.toks) else 0
    top = bisect.bisect_left(names, k, key=lambda w: w.i)
    earlier = [w for w in names[max(0, top - _LOOKBACK) : top] if ctx.actor_type(w.actor) in types]
    last = noun.split()[-1]
    lex = nouns()
    if noun in lex.feature_nouns:
        for work in reversed(earlier):
            if _holds(ctx, work, noun):
                return work.actor, f"description {noun!r}: the place whose name holds the noun"
        # else an organisation named after the building ("the Church of Scientology ...
        # the church", "the Harbor Hotel Group ... the hotel")
        for work in reversed(names[max(0, top - _LOOKBACK) : top]):
            if ctx.actor_type(work.actor) in _ORG_TYPES and _holds(ctx, work, noun):
                return work.actor, f"description {noun!r}: the organisation whose name holds the noun"
        return None, ""
    if noun in lex.settlement_nouns:
        earlier = [w for w in earlier if _settlement(ctx, w)]
    for work in reversed(earlier):
        if sentence - work.sentence > _REACH:
            break
        return work.actor, f"description {noun!r}: the {'state' if 'state' in types else 'place'} named last"
    for work in reversed(earlier):
        if last in (t.key for t in ctx.toks[work.i : work.j]):
            return work.actor, f"description {noun!r}: the place whose name holds the noun"
    counts: dict[str, int] = {}
    for work in earlier:
        counts[work.actor] = counts.get(work.actor, 0) + 1
    best = max(counts, key=lambda a: counts[a], default=None)
    if best is not None and counts[best] >= 2:
        return best, f"description {noun!r}: the place the text names most"
    return None, ""


def _holds(ctx: Context, work: Work, noun: str) -> bool:
    """Whether a name holds a feature noun, in the singular or plural ("the island":
    "the Chatham Islands"; "the islands": "Chatham Island")."""
    words = {t.key for t in ctx.toks[work.i : work.j]}
    stem = noun[:-1] if noun.endswith("s") else noun
    return bool(words & {noun, stem, f"{stem}s"})


def _settlement(ctx: Context, work: Work) -> bool:
    """Whether a place mention can be a settlement: not a KB region of a state (its
    parent is the state: Arizona, Tuscany) nor a name holding a feature noun
    ("Main Street", "Lake Erie", "Arabian Sea"; "Oklahoma City" is one)."""
    record = ctx.kb.get(work.actor)
    if record is not None and (record.parent or "").startswith("state:"):
        return False
    lex = nouns()
    words = [t.key for t in ctx.toks[work.i : work.j]]
    if words and words[-1] in lex.settlement_nouns:
        return True
    return not any(w in lex.feature_nouns for w in words)


def _capital_before(ctx: Context, k: int, names: list[Work]) -> str | None:
    """ "the city" after a capital named as its government ("Athens ... the city"):
    when the capital's name was the latest place-like name in reach, that mention is
    the place, and so is the description."""
    sentence = ctx.toks[k].sentence if k < len(ctx.toks) else 0
    top = bisect.bisect_left(names, k, key=lambda w: w.i)
    for n in range(top - 1, max(-1, top - 1 - _LOOKBACK), -1):
        work = names[n]
        if sentence - work.sentence > _REACH:
            return None
        if ctx.actor_type(work.actor) == "place":
            return None  # a place named after it is nearer: the usual rule decides
        if work.kind != "metonym":
            continue
        place = ctx.kb.metonym_place(ctx.doc.text[work.start : work.end]) or ""
        record = ctx.kb.get(place)
        if record is None or record.type != "place":
            continue
        work.actor, work.kind, work.metonymic = place, "name", False
        work.evidence = f"place: {ctx.doc.text[work.start : work.end]!r} is 'the city' of a later description"
        return place
    return None
