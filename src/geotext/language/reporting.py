"""The reporting-cue lexicon (``data/reporting_verbs.yaml``) as lookup tables."""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence

from attrs import frozen

from geotext.data import load_schema
from geotext.errors import DataError

__all__ = ["CUE_CLASSES", "STANCES", "Cue", "Lexicon", "inflect", "lexicon"]

STANCES: tuple[str, ...] = (
    "neutral",
    "factive",
    "distancing",
    "strengthening",
    "tentative",
    "counterfactive",
    "restricting",
)
"""Reporting-verb stances (``Quote.stance``, and ``Hedge.stance`` of reporting cues),
as in ``reporting_verbs.yaml``."""

CUE_CLASSES: tuple[str, ...] = ("speech", "cognition", "evidence", "perception")
"""What a cue reports (``Quote.cue_class``), the classes of ``reporting_verbs.yaml``:
words said or written, a mental state or act, a finding, a perceived or learnt fact."""

_VOWELS = frozenset("aeiou")


@frozen(kw_only=True)
class Cue:
    """One lexicon entry: a verb, noun, phrase or wrapper."""

    lemma: str
    cls: str
    stance: str
    frames: frozenset[str] = frozenset()


@frozen(kw_only=True)
class Lexicon:
    """Lookup tables built once from the YAML file."""

    verb_forms: Mapping[tuple[str, ...], Cue]
    """Lower-cased word sequences ("said", "pointed out", "made it clear") -> verb."""
    nouns: Mapping[str, Cue]
    adjectives: Mapping[str, Cue]
    light_verbs: frozenset[str]
    """Forms of the light verbs that make a reporting noun a predicate ("expressed
    concern that")."""
    """Predicative adjectives with a clause ("confident that", "eager to")."""
    phrases: Mapping[tuple[str, ...], Cue]
    """Multi-word cues whose speaker follows them ("according to")."""
    wrappers: Mapping[tuple[str, ...], Cue]
    """Word patterns ("limited", "@refl", "to") that embed a reporting verb."""
    reflexives: frozenset[str]
    max_verb_len: int
    first_words: frozenset[str]
    """First words of ``phrases``, to skip most words fast."""
    last_words: frozenset[str]
    """Last words of ``wrappers``."""

    def verb_at(self, forms: Sequence[str], i: int) -> tuple[Cue, int] | None:
        """Return the longest verb cue starting at ``forms[i]`` and its word count."""
        for n in range(min(self.max_verb_len, len(forms) - i), 0, -1):
            cue = self.verb_forms.get(tuple(forms[i : i + n]))
            if cue is not None:
                return cue, n
        return None

    def phrase_at(self, forms: Sequence[str], i: int) -> tuple[Cue, int] | None:
        """Return the phrase cue ("according to") starting at ``forms[i]`` and its length."""
        if forms[i] not in self.first_words:
            return None
        for phrase, cue in self.phrases.items():
            if tuple(forms[i : i + len(phrase)]) == phrase:
                return cue, len(phrase)
        return None

    def wrapper_before(self, forms: Sequence[str], i: int) -> tuple[Cue, int] | None:
        """Return a wrapper ending right before ``forms[i]`` and its word count."""
        if i == 0 or forms[i - 1] not in self.last_words:
            return None
        for pattern, cue in self.wrappers.items():
            n = len(pattern)
            if i - n < 0:
                continue
            window = forms[i - n : i]
            if all(
                (p == "@refl" and w in self.reflexives) or p == w
                for p, w in zip(pattern, window, strict=True)
            ):
                return cue, n
        return None


def inflect(lemma: str) -> tuple[str, ...]:
    """Return the regular English forms of a verb lemma (base, -s, -ed, -ing).

    Irregular verbs list their forms in the YAML instead.

    Example:
        >>> inflect("note")
        ('note', 'notes', 'noted', 'noting')
        >>> inflect("deny")
        ('deny', 'denies', 'denied', 'denying')
        >>> inflect("stress")
        ('stress', 'stresses', 'stressed', 'stressing')
    """
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        third = lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        third = lemma[:-1] + "ies"
    else:
        third = lemma + "s"
    if lemma.endswith("e"):
        past, ing = lemma + "d", (lemma if lemma.endswith("ee") else lemma[:-1]) + "ing"
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        past, ing = lemma[:-1] + "ied", lemma + "ing"
    else:
        past, ing = lemma + "ed", lemma + "ing"
    return (lemma, third, past, ing)


def _forms(entry: Mapping[str, object]) -> list[tuple[str, ...]]:
    lemma = str(entry["lemma"])
    listed = entry.get("forms")
    words = lemma.split()
    if isinstance(listed, list):
        return [tuple(str(f).split()) for f in listed]
    return [(form, *words[1:]) for form in inflect(words[0])]


def _cue(entry: Mapping[str, object], lemma: str) -> Cue:
    frames = entry.get("frames", [])
    cls = str(entry.get("class", "speech"))
    stance = str(entry.get("stance", "neutral"))
    if stance not in STANCES:
        raise DataError(
            f"reporting_verbs.yaml: {lemma!r} has unknown stance {stance!r}; known: {', '.join(STANCES)}"
        )
    if cls not in CUE_CLASSES:
        raise DataError(
            f"reporting_verbs.yaml: {lemma!r} has unknown class {cls!r}; known: {', '.join(CUE_CLASSES)}"
        )
    return Cue(
        lemma=lemma,
        cls=cls,
        stance=stance,
        frames=frozenset(str(f) for f in frames) if isinstance(frames, list) else frozenset(),
    )


def _entries(data: Mapping[str, object], key: str) -> list[Mapping[str, object]]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise DataError(f"reporting_verbs.yaml: {key!r} must be a list of mappings")
    return value


@functools.cache
def lexicon() -> Lexicon:
    """Load and index ``reporting_verbs.yaml`` (once per process).

    Example:
        >>> lex = lexicon()
        >>> lex.verb_forms[("said",)].lemma, lex.verb_forms[("said",)].stance
        ('say', 'neutral')
        >>> lex.phrases[("according", "to")].cls
        'speech'
    """
    data = load_schema("reporting_verbs.yaml")
    verbs: dict[tuple[str, ...], Cue] = {}
    for entry in _entries(data, "verbs"):
        cue = _cue(entry, str(entry["lemma"]))
        for form in _forms(entry):
            verbs.setdefault(form, cue)
    nouns = {str(e["lemma"]): _cue(e, str(e["lemma"])) for e in _entries(data, "nouns")}
    for e in list(_entries(data, "nouns")):
        nouns.setdefault(str(e["lemma"]) + "s", nouns[str(e["lemma"])])
    light = frozenset(f[0] for e in _entries(data, "light_verbs") for f in _forms(e))
    adjectives = {str(e["lemma"]): _cue(e, str(e["lemma"])) for e in _entries(data, "adjectives")}
    phrases = {tuple(str(e["text"]).split()): _cue(e, str(e["text"])) for e in _entries(data, "phrases")}
    wrappers: dict[tuple[str, ...], Cue] = {}
    for e in _entries(data, "wrappers"):
        words = [str(w) for w in e["words"]] if isinstance(e["words"], list) else []
        cue = _cue(e, " ".join(words))
        listed = e.get("forms")
        heads = [str(f) for f in listed] if isinstance(listed, list) else list(inflect(words[0]))
        for head in heads:
            key = (head, *words[1:])
            wrappers[key] = cue
    refl = data.get("reflexives", [])
    return Lexicon(
        verb_forms=verbs,
        nouns=nouns,
        adjectives=adjectives,
        light_verbs=light,
        phrases=phrases,
        wrappers=wrappers,
        reflexives=frozenset(str(r) for r in refl) if isinstance(refl, list) else frozenset(),
        max_verb_len=max(len(k) for k in verbs),
        first_words=frozenset(p[0] for p in phrases),
        last_words=frozenset(w[-1] for w in wrappers),
    )
