"""The hedge lexicons as compiled patterns.

Reads ``hedge_cues.yaml``, ``estimative.yaml`` and ``negation_cues.yaml`` (ours); the
reporting verbs and stance wrappers come from the one reporting lexicon,
:mod:`geotext.language.reporting`. Everything is built once per process.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from attrs import evolve, frozen

from geotext.data import load_schema
from geotext.errors import DataError
from geotext.hedges.records import CATEGORIES
from geotext.language import reporting

__all__ = ["Entry", "Level", "Lexicon", "lexicon"]

GAP = frozenset({"..."})
"""The slot that stands for a gap in a discontinuous cue."""


@frozen(kw_only=True)
class Level:
    """One row of the ICD 203 table."""

    level: str
    term: str
    synonym: str
    lo: float
    hi: float
    strength: str


@frozen(kw_only=True)
class Entry:
    """One compiled lexicon entry (a cue pattern and what it means)."""

    name: str
    """``<file>:<cue>``, reported as the hedge's ``rule``."""
    slots: tuple[frozenset[str], ...]
    """Accepted lemmas per word; :data:`GAP` for a gap."""
    category: str
    strength: str
    modality: str
    priority: int
    """Ties between overlapping matches of equal length go to the lower number."""
    gap: int = 6
    pos: frozenset[str] | None = None
    not_prev: frozenset[str] = frozenset()
    not_next: frozenset[str] = frozenset()
    next: str | None = None
    guard: str | None = None
    negation: str = "cue"
    level: str | None = None
    probability: tuple[float, float] | None = None
    kind: str | None = None
    scope: str = "clause"
    stance: str | None = None
    sources: tuple[str, ...] = ()

    @property
    def verbal(self) -> bool:
        """Whether surface-form lemma guesses (``-ed``, ``-ing``) may match: for
        verb entries and multi-word patterns ("is believed to"), never for negators
        ("noting" is not "not" + "-ing")."""
        if self.category == "negation" and self.kind != "lexical":
            return False
        if self.pos is not None:
            return bool(self.pos & {"VERB", "AUX"})
        return len(self.slots) > 1


@frozen(kw_only=True)
class Lexicon:
    """All entries, indexed by the lemmas their first slot accepts."""

    entries: tuple[Entry, ...]
    by_first: Mapping[str, tuple[Entry, ...]]
    levels: Mapping[str, Level]
    wrappers: tuple[Entry, ...]
    """Stance-adding wrappers ("limit @refl to") as reporting_stance entries."""
    negative_events: frozenset[str]
    """Inherently negative predicates ("fail"): they make an event negative."""


def _list(value: object, what: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DataError(f"{what} must be a list, not {value!r}")
    return [str(v) for v in value]


def _mapping_list(data: Mapping[str, object], key: str, name: str) -> list[Mapping[str, object]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise DataError(f"{name}: {key!r} must be a list of mappings")
    return value


def _load(name: str) -> Mapping[str, object]:
    return load_schema(name)


def _slots(pattern: str, classes: Mapping[str, frozenset[str]], name: str) -> tuple[frozenset[str], ...]:
    out: list[frozenset[str]] = []
    for word in pattern.split():
        if word == "...":
            out.append(GAP)
        elif word.startswith("<") and word.endswith(">"):
            if word[1:-1] not in classes:
                raise DataError(f"{name}: cue {pattern!r} uses unknown class {word}")
            out.append(classes[word[1:-1]])
        else:
            out.append(frozenset({word.lower()}))
    if not out or out[0] == GAP or out[-1] == GAP:
        raise DataError(f"{name}: cue {pattern!r} must start and end with a word")
    return tuple(out)


def _classes(data: Mapping[str, object], name: str) -> dict[str, frozenset[str]]:
    raw = data.get("classes", {})
    if not isinstance(raw, dict):
        raise DataError(f"{name}: 'classes' must be a mapping")
    return {str(k): frozenset(w.lower() for w in _list(v, f"{name}: class {k}")) for k, v in raw.items()}


# Categories hedge_cues.yaml may use; the other three come from their own files.
_CUE_CATEGORIES = frozenset(CATEGORIES) - {"estimative", "negation", "reporting_stance"}
_GUARDS = frozenset({"month", "noun_might", "predicative", "lowercase", "unnamed", "participle"})
# FactBank values a cue may signal (Sauri & Pustejovsky 2009): a modality, with "-"
# for cues that lean to the negative ("doubt" PR-, "impossible" CT-); Uu uncommitted;
# none for cues that do not bear on truth; NEG for negators (set by the loader).
_VALUES = frozenset({"CT", "PR", "PS", "CT-", "PR-", "PS-", "Uu", "none", "NEG"})


def _entry(
    e: Mapping[str, object], name: str, classes: Mapping[str, frozenset[str]], category: str, priority: int
) -> Entry:
    """Compile one YAML entry; fields beyond the shared ones are set by the caller."""
    if not isinstance(e.get("cue"), str):
        # YAML 1.1 reads a bare no/yes/on/off as a boolean: such cues must be quoted.
        raise DataError(f"{name}: cue {e.get('cue')!r} is not a string; quote it in the YAML")
    cue = str(e["cue"])
    pos = e.get("pos")
    guard = str(e["guard"]) if "guard" in e else None
    if guard is not None and guard not in _GUARDS:
        raise DataError(
            f"{name}: cue {cue!r} has unknown guard {guard!r}; known: {', '.join(sorted(_GUARDS))}"
        )
    value = str(e.get("value", "none"))
    if value not in _VALUES:
        raise DataError(
            f"{name}: cue {cue!r} has unknown value {value!r}; known: {', '.join(sorted(_VALUES))}"
        )
    nxt = str(e["next"]) if "next" in e else None
    if nxt not in {None, "numeric", "not_numeric"}:
        raise DataError(f"{name}: cue {cue!r} has unknown next {nxt!r}; known: numeric, not_numeric")
    return Entry(
        name=f"{name}:{cue}",
        slots=_slots(cue, classes, name),
        category=category,
        strength=str(e.get("strength", "moderate")),
        modality=value,
        priority=priority,
        gap=int(str(e.get("gap", 6))),
        pos=frozenset(_list(pos, f"{name}: pos")) if pos is not None else None,
        not_prev=frozenset(_list(e.get("not_prev"), f"{name}: not_prev")),
        not_next=frozenset(_list(e.get("not_next"), f"{name}: not_next")),
        next=nxt,
        guard=guard,
        negation=str(e.get("negation", "cue")),
        sources=tuple(_list(e.get("source"), f"{name}: source")),
    )


def _hedge_entries() -> list[Entry]:
    name = "hedge_cues.yaml"
    data = _load(name)
    classes = _classes(data, name)
    out: list[Entry] = []
    for e in _mapping_list(data, "cues", name):
        category = str(e.get("category"))
        if category not in _CUE_CATEGORIES:
            raise DataError(f"{name}: cue {e.get('cue')!r} has unknown category {category!r}")
        entry = _entry(e, name, classes, category, 1)
        if any(o.name == entry.name for o in out):
            # The same words in two categories ("some 200" rounder, "some analysts" weasel).
            entry = evolve(entry, name=f"{entry.name}({category})")
        out.append(entry)
    return out


def _estimative_entries() -> tuple[list[Entry], dict[str, Level]]:
    name = "estimative.yaml"
    data = _load(name)
    classes = _classes(data, name)
    levels: dict[str, Level] = {}
    for row in _mapping_list(data, "levels", name):
        lo, hi = (float(x) for x in _list(row["range"], f"{name}: range"))
        levels[str(row["level"])] = Level(
            level=str(row["level"]),
            term=str(row["term"]),
            synonym=str(row["synonym"]),
            lo=lo,
            hi=hi,
            strength=str(row["strength"]),
        )
    out = []
    for e in _mapping_list(data, "phrases", name):
        lv = levels.get(str(e.get("level")))
        if lv is None:
            raise DataError(f"{name}: phrase {e.get('cue')!r} has unknown level {e.get('level')!r}")
        rng = _list(e["range"], f"{name}: range") if "range" in e else [str(lv.lo), str(lv.hi)]
        prob = (float(rng[0]), float(rng[1]))
        modality = (
            "CT" if prob[0] >= 0.95 or prob[1] <= 0.05 else "PR" if abs(sum(prob) / 2 - 0.5) > 0.1 else "PS"
        )
        entry = _entry({**e, "strength": lv.strength, "value": modality}, name, classes, "estimative", 0)
        out.append(evolve(entry, level=lv.level, probability=prob))
    return out, levels


def _negative_events() -> frozenset[str]:
    name = "negation_cues.yaml"
    return frozenset(w.lower() for w in _list(_load(name).get("negative_events"), f"{name}: negative_events"))


def _negation_entries() -> list[Entry]:
    name = "negation_cues.yaml"
    data = _load(name)
    classes = _classes(data, name)
    return [
        evolve(
            _entry({**e, "strength": "strong", "value": "NEG"}, name, classes, "negation", 2),
            kind=str(e.get("kind", "syntactic")),
            scope=str(e.get("scope", "clause")),
        )
        for e in _mapping_list(data, "cues", name)
    ]


def _wrappers() -> list[Entry]:
    """The stance wrappers of the reporting lexicon ("limit @refl to") as entries."""
    rlex = reporting.lexicon()
    return [
        Entry(
            name=f"reporting_verbs.yaml:{' '.join(words)}",
            slots=tuple(rlex.reflexives if w == "@refl" else frozenset({w.lower()}) for w in words),
            category="reporting_stance",
            strength="moderate",
            modality="Uu",
            priority=3,
            stance=cue.stance,
            sources=("sauri2009",),
        )
        for words, cue in rlex.wrapper_patterns
    ]


@functools.cache
def lexicon() -> Lexicon:
    """Load and compile every hedge lexicon (once per process).

    Example:
        >>> lex = lexicon()
        >>> lex.levels["unlikely"].lo, lex.levels["unlikely"].hi
        (0.2, 0.45)
        >>> sorted(e.category for e in lex.by_first["may"])[:1]
        ['hedge']
    """
    estimative, levels = _estimative_entries()
    wrappers = _wrappers()
    entries = tuple(estimative + _hedge_entries() + _negation_entries() + wrappers)
    index: dict[str, list[Entry]] = {}
    for entry in entries:
        for lemma in entry.slots[0]:
            index.setdefault(lemma, []).append(entry)
    return Lexicon(
        entries=entries,
        by_first={k: tuple(v) for k, v in index.items()},
        levels=levels,
        wrappers=tuple(wrappers),
        negative_events=_negative_events(),
    )


def level_for(levels: Mapping[str, Level], lo: float, hi: float) -> str:
    """Return the ICD 203 level whose range is closest to ``(lo, hi)``."""
    mid = (lo + hi) / 2
    return min(levels.values(), key=lambda lv: abs((lv.lo + lv.hi) / 2 - mid)).level


def ordered_levels(levels: Mapping[str, Level]) -> Sequence[Level]:
    """The ICD 203 levels from least to most likely."""
    return sorted(levels.values(), key=lambda lv: lv.lo)
