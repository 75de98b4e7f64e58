"""Issue 16 (speed): each fast path gives what the plain code it replaced gives.

The plain versions are written out here as references and compared on inputs
chosen to reach the corners (multi-word tokens, abbreviations before dots, nested
quotes, Unicode case). The whole-output check over a corpus is
``benchmarks/same_output.py``.
"""

from __future__ import annotations

import bisect
import importlib
import pickle
import unicodedata

import attrs
import pytest
import regex

from geotext.actors.coref import QuoteSite, _Sequence
from geotext.actors.entities import _noun_classes, nouns
from geotext.actors.fuzzy import _index, _match_person, match_person
from geotext.actors.kb import KnowledgeBase
from geotext.actors.normalize import _CHAR_MAP, _SPELLED_OUT, slug
from geotext.backends import _rules as rules
from geotext.backends import annotate
from geotext.hedges._match import NUMBER_WORDS, _numeric_form
from geotext.language.view import _has_alnum
from geotext.model import Token, Word, _token_builder, _word_builder
from geotext.repair.fixes import split_glued_words

_FIELDS = [a.name for a in attrs.fields(Word)]


def test_the_word_and_token_builders_make_the_records_the_constructors_make() -> None:
    values = (3, "Said", "Said", "say", "VERB", "VBD", "Tense=Past", 1, "root", 10, 14, "B-PER")
    built = _word_builder()(*values)
    plain = Word(**dict(zip(_FIELDS, values, strict=True)))
    assert built == plain and hash(built) == hash(plain) and repr(built) == repr(plain)
    assert pickle.loads(pickle.dumps(built)) == plain
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.id = 4  # type: ignore[misc]
    token = _token_builder()("Said", 10, 14, (built,))
    assert token == Token(text="Said", start=10, end=14, words=(plain,))
    assert attrs.asdict(token) == attrs.asdict(Token(text="Said", start=10, end=14, words=(plain,)))


def _tokens_by_search(text: str, s: int, e: int) -> list[tuple[int, int]]:
    """The tokenizer loop as it was: one search per token."""
    _, abbrevs = rules._lexicon()
    out = []
    pos = s
    while (m := rules._TOKEN.search(text, pos, e)) is not None:
        form, end = m.group(), m.end()
        if end < e and text[end] == "." and (form.lower() + ".") in abbrevs:
            end += 1
        pos = end
        out.append((m.start(), end))
    return out


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Putin met Dr. Smith in the U.S. on Jan. 5.",
        "Talks with Mr... Putin co...uld fail. Mr.Putin said so.",
        "He didn't say it; they can't, won't and shouldn't. It's 3.5% of 1,000.",
        "Mr. Mr. Mr. Mr.",
        "St.Petersburg -- e.mail ‘quoted’ Gen.. x",
    ],
)
def test_the_tokenizer_finds_the_tokens_one_search_per_token_found(text: str) -> None:
    _, abbrevs = rules._lexicon()
    got = [
        [(t.start, t.end) for t in sentence.tokens] for sentence in rules.RulesBackend().annotate([text])[0]
    ]
    assert got == [_tokens_by_search(text, s, e) for s, e in rules._sentences(text, abbrevs)]


def _split_glued_reference(text: str) -> list[int]:
    """split_glued_words' word test as it was (case-fold first, every word)."""
    from geotext.repair.fixes import _NAME_PREFIX, _WORD, _glue_patterns

    boundary, left_words, camel = _glue_patterns()
    out = []
    for m in _WORD.finditer(text):
        word = m.group()
        if word.casefold() in camel or word.islower() or word.isupper():
            continue
        prev = 0
        for b in boundary.finditer(word):
            left = word[prev : b.start()]
            if (left in left_words or (len(left) >= 4 and left[0].isupper() and left[1:].islower())) and (
                not _NAME_PREFIX.match(left)
            ):
                out.append(m.start() + b.start())
            prev = b.start()
    return out


def test_split_glued_words_splits_where_the_full_word_test_splits() -> None:
    from geotext.repair.fixes import _PUNCT_GLUE

    text = (
        "theInstitute StudiesLukashenko McDonald YouTube Putin ǅemal ÉcoleNormale "
        "ⅫStudiesX StudiesÅland aB AbCdEf Ukrainians NATOallies theUN étatsUnis end.The"
    )
    expected = _split_glued_reference(text) + [m.start() for m in _PUNCT_GLUE.finditer(text)]
    assert [e.start for e in split_glued_words(text)] == expected
    assert len(_split_glued_reference(text)) >= 3  # the sample does split words


@pytest.mark.parametrize("name", ["Dmitri Peskov Jr.", "O'Neill", "Kyiv", "A-B c", "Lukašenka", "Zoë", "x"])
def test_slug_skips_nfkd_only_where_it_changes_nothing(name: str) -> None:
    text = name.translate(_CHAR_MAP).casefold().translate(_SPELLED_OUT)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    assert slug(name) == ("-".join(regex.findall(r"[a-z0-9]+", text.replace("'", ""))) or "x")


def test_the_noun_class_map_gives_the_first_class_listing_each_noun() -> None:
    lex = nouns()
    classes = (
        ("person", lex.person_roles | lex.relatives),
        ("people", frozenset(lex.people)),
        ("organisation", lex.organisation_nouns | lex.generic_organisation_nouns),
        ("place", lex.place_nouns | lex.feature_nouns),
        ("state", lex.state_nouns),
    )
    kinds, most = _noun_classes(lex)
    for noun in {n for _, table in classes for n in table}:
        assert kinds[noun] == next(kind for kind, table in classes if noun in table)
    assert most == max(len(n.split()) for n in kinds)
    assert "chief executive" in kinds  # a two-word noun is in the map


def test_match_person_memo_answers_as_the_search_does() -> None:
    import datetime

    kb = KnowledgeBase.default()
    day = datetime.date(2016, 1, 1)
    for words in (
        ["sergei", "lavrow"],
        ["lavrow"],
        ["vladimir", "putin"],
        ["nobody", "atall"],
        ["putin", "jr"],
    ):
        for when in (day, None):
            first = match_person(words, kb, when)
            assert first == _match_person(list(words), _index(kb), when)
            assert match_person(words, kb, when) is first  # the memo answered
    assert (("lavrow",), day) in _index(kb).person_hits


def _voice_reference(seq: _Sequence, k: int) -> str | None:
    """voice() as it was: the walk back visits every earlier quote."""
    tok = seq.ctx.toks[k]
    n = bisect.bisect_right(seq.content_starts, tok.start) - 1
    while n >= 0 and seq.contents[n].start <= tok.start:
        site = seq.contents[n]
        if tok.end <= site.end:
            work = seq.speaker(site)
            return work.actor if work is not None else None
        n -= 1
    return None


def test_voice_stops_early_with_the_same_answers() -> None:
    text = (
        "Ada Quill spoke first. “We will wait until he leaves, and Bram Holt knows it,” Ada Quill said. "
        "Bram Holt answered: “She is wrong. ‘He leaves,’ she says, but he stays.” "
        "Later Cora Vane added that he would stay. “He stays,” Cora Vane said."
    )
    doc = annotate([text], backend="rules")[0]
    marks = [i for i, c in enumerate(text) if c in "“”‘’"]
    assert len(marks) == 8
    sites = []
    for a, b in zip(marks[0::2], marks[1::2], strict=True):
        name = "Ada Quill" if a < 100 else "Bram Holt" if a < 190 else "Cora Vane"
        at = text.find(name, b) if text.find(name, b) >= 0 else text.rfind(name, 0, a)
        sites.append(
            QuoteSite(start=a + 1, end=b, source=(at, at + len(name)), heads=((at, at + len(name)),))
        )
    sites.append(QuoteSite(start=marks[2] + 1, end=marks[-3], source=(97, 106)))  # an outer quote
    ctx, _ = importlib.import_module("geotext.actors.resolve").run_passes(doc, quotes=sites)
    seq = _Sequence(ctx, tuple(sites))
    answers = [seq.voice(k) for k in range(len(ctx.toks))]
    assert answers == [_voice_reference(seq, k) for k in range(len(ctx.toks))]
    assert any(a is not None for a in answers)


@pytest.mark.parametrize(
    "form", ["", ",", "“", "a", "2,000", "$5", "3rd", "fifth", "dozen", "…", "-", "½", "x9"]
)
def test_the_cached_form_tests_match_the_plain_ones(form: str) -> None:
    from geotext.hedges._match import _NUMERIC

    assert _has_alnum(form) == any(c.isalnum() for c in form)
    assert _numeric_form(form) == (bool(_NUMERIC.match(form)) or form in NUMBER_WORDS)


def test_the_name_tokens_and_hedge_units_set_every_field_of_their_class() -> None:
    from geotext.actors.gazetteer import Tok, _tok, stream
    from geotext.hedges._match import Unit, units
    from geotext.language.view import View

    assert [a.name for a in attrs.fields(Tok)] == list(_tok.__code__.co_varnames[:9])
    doc = annotate(["Mr. Smith can't say — “It’s fine,” he said in Kyiv."], backend="rules")[0]
    for tok in stream(doc):
        assert tok == Tok(**attrs.asdict(tok, recurse=False))
    made = units(View(doc.sentences[0], doc.has_parse))
    assert [a.name for a in attrs.fields(Unit)] == [
        "index",
        "word",
        "form",
        "keys",
        "guesses",
        "start",
        "end",
        "lookup",
    ]
    for u in made:
        assert u == Unit(**attrs.asdict(u, recurse=False)) and hash(u) == hash(
            Unit(**attrs.asdict(u, recurse=False))
        )
    assert [u.index for u in made] == list(range(len(made)))
