"""English morphology: lemmas, verb forms and split contractions for every backend.

The stanza backend brings its own lemmatizer; the model-free ``rules`` backend
used to set ``lemma`` to the lower-cased form, so each capability guessed lemmas
its own way. Both now read this module, which rests on LemmInflect (MIT; a
dictionary from the AGID and a rule-based fallback for unseen words, shipped in
the wheel, nothing downloaded at run time) plus the closed-class table of
``data/closed_class.yaml`` (``lemmas``: clitics and negated auxiliaries such as
``ca``/``wo`` the dictionary lacks; ``splits``: one-word contractions such as
``cannot`` that become two words, as stanza's multi-word tokens have them).

Every function is cached: a corpus repeats its words.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping

import lemminflect

from geotext.data import load_schema

__all__ = ["all_lemmas", "lemma", "splits", "verb_forms", "verb_lemmas"]

# UPOS tags LemmInflect knows; the others keep their lower-cased form as lemma.
_OPEN = frozenset({"NOUN", "PROPN", "VERB", "AUX", "ADJ", "ADV"})
# Without a tag (the rules backend's "X"), the reading tried first.
_ORDER = ("AUX", "NOUN", "VERB", "ADJ", "ADV")


@functools.cache
def _closed() -> tuple[Mapping[str, str], Mapping[str, tuple[str, ...]]]:
    data = load_schema("closed_class.yaml")
    lemmas = data.get("lemmas") or {}
    split = data.get("splits") or {}
    if not isinstance(lemmas, dict) or not isinstance(split, dict):
        from geotext.errors import DataError

        raise DataError("closed_class.yaml: 'lemmas' and 'splits' must be mappings")
    return (
        {str(k).lower(): str(v).lower() for k, v in lemmas.items()},
        {str(k).lower(): tuple(str(p).lower() for p in v) for k, v in split.items()},
    )


@functools.lru_cache(maxsize=65536)
def _dictionary(low: str) -> Mapping[str, tuple[str, ...]]:
    """LemmInflect's dictionary lemmas of the lower-cased ``low`` by tag, looked up
    once for :func:`all_lemmas`, :func:`verb_lemmas` and :func:`lemma` (each look-up
    deep-copies its entry). Read only."""
    found: Mapping[str, tuple[str, ...]] = lemminflect.getAllLemmas(low)
    return found


def _variants(lemmas: set[str]) -> set[str]:
    """British and American spellings of verb lemmas ("hypothesise" -> "hypothesize")."""
    out = set(lemmas)
    for lem in lemmas:
        if lem.endswith("ise") and len(lem) > 5:
            out.add(lem[:-3] + "ize")
    return out


@functools.cache
def all_lemmas(form: str, unseen: bool = True) -> frozenset[str]:
    """Every lemma ``form`` may have under any part of speech (lower-cased).

    With ``unseen``, a word the dictionary does not know gets the rule-based verb
    and noun readings (pass ``False`` for capitalised words: names are not
    inflected, and the rules are the slow part). The form itself is not included.

    Example:
        >>> from geotext.language.morphology import all_lemmas
        >>> sorted(all_lemmas("thought"))
        ['think']
        >>> sorted(all_lemmas("ca"))
        ['can']
    """
    low = form.lower()
    closed, _ = _closed()
    if low in closed:
        return frozenset({closed[low]} - {low})
    found: set[str] = {x.lower() for lems in _dictionary(low).values() for x in lems}
    if not found and unseen and low.isalpha():
        for upos in ("VERB", "NOUN"):
            found.update(x.lower() for x in lemminflect.getAllLemmasOOV(low, upos=upos).get(upos, ()))
    return frozenset(_variants(found) - {low})


@functools.cache
def verb_lemmas(form: str) -> frozenset[str]:
    """The lemmas ``form`` has when read as a verb or auxiliary (lower-cased, the
    form itself included when it is a base form).

    Example:
        >>> from geotext.language.morphology import verb_lemmas
        >>> sorted(verb_lemmas("denied")), sorted(verb_lemmas("is"))
        (['deny'], ['be'])
    """
    low = form.lower()
    closed, _ = _closed()
    if low in closed:
        return frozenset({closed[low]})
    lems = _dictionary(low)
    found = {x.lower() for tag in ("VERB", "AUX") for x in lems.get(tag, ())}
    if not found and low.isalpha():
        found = {x.lower() for x in lemminflect.getAllLemmasOOV(low, upos="VERB").get("VERB", ())}
    return frozenset(_variants(found))


@functools.cache
def lemma(form: str, upos: str = "X") -> str:
    """The lemma of ``form`` read as ``upos`` (lower-cased; proper nouns keep their case).

    Without a tag (``X``, the rules backend), the first reading of auxiliary, noun,
    verb, adjective, adverb the dictionary has; else the lower-cased form.

    Example:
        >>> from geotext.language.morphology import lemma
        >>> lemma("said"), lemma("officials"), lemma("cannot"), lemma("Putin", "PROPN")
        ('say', 'official', 'cannot', 'Putin')
        >>> lemma("wo"), lemma("n't"), lemma("better", "ADJ")
        ('will', 'not', 'good')
    """
    low = form.lower()
    closed, _ = _closed()
    if low in closed:
        return closed[low]
    if upos == "PROPN":
        return form
    if upos in _OPEN:
        got = lemminflect.getLemma(low, upos=upos, lemmatize_oov=low.isalpha())
        return got[0].lower() if got else low
    if upos != "X":
        return low
    lems = _dictionary(low)
    for tag in _ORDER:
        if lems.get(tag):
            return str(lems[tag][0]).lower()
    return low


def splits(form: str) -> tuple[str, ...] | None:
    """The words a one-word contraction stands for (``cannot`` -> ``can``, ``not``).

    Example:
        >>> from geotext.language.morphology import splits
        >>> splits("Cannot"), splits("can")
        (('can', 'not'), None)
    """
    return _closed()[1].get(form.lower())


@functools.cache
def verb_forms(base: str) -> tuple[str, ...]:
    """The inflected forms of the verb ``base``: base, -s, past, participles, -ing.

    Irregular verbs get their own forms ("say" -> "said"); unseen verbs the regular
    ones. Every spelling variant the dictionary lists is included.

    Example:
        >>> from geotext.language.morphology import verb_forms
        >>> verb_forms("note")
        ('note', 'notes', 'noted', 'noting')
        >>> verb_forms("deny")
        ('deny', 'denies', 'denied', 'denying')
        >>> "told" in verb_forms("tell")
        True
    """
    low = base.lower()
    table = lemminflect.getAllInflections(low, upos="VERB") or lemminflect.getAllInflectionsOOV(
        low, upos="VERB"
    )
    out = [low]
    for tag in ("VBZ", "VBD", "VBN", "VBG"):
        for f in table.get(tag, ()):
            if f.lower() not in out:
                out.append(f.lower())
    return tuple(out)
