"""Where reported content starts and ends.

A content clause runs from its first word to a strong boundary: a semicolon or
colon, a spaced dash, ", according to", a participle cue (", noting that"), a new
reporting clause (", he said"), or ", and he …". With a parse, the clause also
ends where the complement's subtree ends, when punctuation confirms the cut (the
shipped parser misattaches about one word in five, mostly without punctuation).
Quote marks are never cut in half: a content that ends inside a pair of marks that
opened inside it runs to the closing mark.
"""

from __future__ import annotations

from geotext.language.view import (
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
    View,
)
from geotext.quotes._shape import (
    DETACH_ADVERBS,
    spaced,
    subject_and_verb,
)
from geotext.quotes._state import State


def head_of(st: State, view: View, k: int) -> int | None:
    """Index of the parse head of word ``k`` ("that" -> its clause's verb)."""
    if not view.has_parse or not view.words[k].head:
        return None
    return view.words[k].head - 1


def governor(st: State, view: View, i: int) -> int | None:
    """For "according" at ``i``: the verb of the clause its phrase modifies."""
    noun = head_of(st, view, i)
    return None if noun is None else head_of(st, view, noun)


def clause_spans(
    st: State, view: View, c: int, head: int | None, kind: str = "clause"
) -> list[tuple[int, int]]:
    """The clause starting at word ``c``: up to a strong boundary (``;``, a
    colon, ", according to", ", noting that", ", he said"), cut earlier where
    the parse says the clause headed by word ``head`` ends.

    ``kind`` says what the complement is: a finite ``clause``, a non-finite
    ``infinitive`` (which cannot go on with a finite verb: "to shun him and
    has called him …" ends before "and"), or a noun phrase ``object`` (which
    ends before a comma and a participle: "his ties to the junta, referring
    to …")."""
    end = clause_end(st, view, c)
    n = len(view)
    for j in range(c + 1, end):
        f = view.forms[j]
        if kind == "infinitive" and f in ("and", "but") and j + 1 < n and view.is_aux(j + 1):
            end = j
            break
        if (
            kind == "object"
            and f == ","
            and j + 1 < n
            and view.forms[j + 1].endswith("ing")
            and not view.is_nominal(j + 1)
        ):
            end = j
            break
    if view.has_parse and head is not None:
        parse_end = parse_cut(st, view, c, head)
        # attachment errors are common; trust a cut that punctuation confirms
        at_punct = parse_end is not None and parse_end < len(view) and view.is_punct(parse_end)
        if parse_end is not None and parse_end >= c + 2 and at_punct:
            end = min(end, parse_end)
    return [trimmed_span(st, view, c, end)]


def clause_end(st: State, view: View, c: int) -> int:
    n = len(view)
    j = c
    # "While they agree that A, they differ …": a content inside a fronted
    # adverbial clause ends at the comma before the main clause's subject
    first = next((k for k in range(n) if not view.is_punct(k)), n)
    fronted = first < c and view.forms[first] in SUBORDINATORS | {"as", "while", "although", "though"}
    while j < n:
        w = view.words[j]
        m = st.in_marks(w.start)
        if m is not None and m.start >= view.words[c].start and m.start < w.start:
            j += 1
            continue
        f = view.forms[j]
        if f in (";", ":") and j > c:
            return j
        if f in (",", "—", "–", "-") and j > c and detached_after(st, view, j + 1):
            return j
        if fronted and f == "," and j > c and subject_and_verb(st, view, j + 1):
            return j
        if f in ("—", "–", "--") and j > c and spaced(st, view, j):
            return j  # a spaced dash opens an aside or an afterthought
        if f in ("and", "but") and j > c and j + 1 < n and view.forms[j + 1] in SUBJECT_PRONOUNS:
            return j  # "… and he said that …": a new clause with its own subject
        if f in ("and", "but") and j > c and coordinated_cue(st, view, j + 1):
            return j  # "said A and warned that B": a second attribution, same speaker
        if (
            f in ("and", "but")
            and j > c
            and j + 1 < n
            and view.forms[j + 1] not in SUBJECT_PRONOUNS
            and coordinated_clause(st, view, j + 1)
        ):
            return j  # "declined to comment and Kremlin aides later said …"
        j += 1
    return n


def coordinated_cue(st: State, view: View, k: int) -> bool:
    """Whether a reporting verb with its own complement starts at ``k``, after
    "and"/"but" ("… and warned that …", "… but did not say whether …")."""
    n = len(view)
    while k < n and view.is_between(k) and not view.is_capitalized(k):
        k += 1
    hit = st.lex.verb_at(view.forms, k) if k < n else None
    if hit is None or (view.has_parse and view.words[k].upos != "VERB"):
        return False
    after = k + hit[1]
    if after >= n:
        return False
    f = view.forms[after]
    frames = hit[0].frames
    return (
        (f == "that" and "that" in frames)
        or (f == "to" and "to" in frames)
        or (f in ("whether", "if") and "wh" in frames)
    )


def coordinated_clause(st: State, view: View, k: int) -> bool:
    """Whether a clause with its own subject, whose verb is a reporting verb,
    starts at ``k`` ("… and Kremlin aides later said …"): a new attribution."""
    np = view.np_starting_at(k, max_words=6)
    if np is None or not subject_and_verb(st, view, k):
        return False
    j = np.end
    while j < len(view) and view.is_between(j):
        j += 1
    return j < len(view) and st.lex.verb_at(view.forms, j) is not None


def detached_after(st: State, view: View, k: int) -> bool:
    """Whether a reporting construction that is not part of the clause starts at
    ``k``: "according to …", a participle cue ("noting that"), "he said"."""
    n = len(view)
    while k < n and view.forms[k] in DETACH_ADVERBS:
        k += 1
    if k >= n:
        return False
    if st.lex.phrase_at(view.forms, k) is not None:
        return True
    hit = st.lex.verb_at(view.forms, k)
    if hit is not None and view.forms[k].endswith("ing"):
        return True
    np = view.np_starting_at(k, max_words=6)
    if np is not None:
        j = np.end
        while j < n and view.is_between(j):
            j += 1
        hit = st.lex.verb_at(view.forms, j)
        if (
            hit is not None
            and hit[0].cls == "speech"
            and (not view.has_parse or view.words[j].upos == "VERB")
        ):
            return True  # "…, he said" or "…, Adelson said that …": a new reporting clause
    hit = st.lex.verb_at(view.forms, k)
    return hit is not None and "inversion" in hit[0].frames and view.subject_after(k + hit[1]) is not None


def parse_cut(st: State, view: View, c: int, head_index: int) -> int | None:
    s = view.sentence
    head = view.words[head_index]
    keep = {w.id for w in s.subtree(head)}
    for w in s.subtree(head):
        if w.id == head.id:
            continue
        form = w.form.lower()
        detached = (
            w.deprel in ("advcl", "conj", "xcomp", "parataxis")
            and form.endswith("ing")
            and st.lex.verb_at([form], 0) is not None
        )
        parenthetical = w.deprel == "parataxis" and st.lex.verb_at([form], 0) is not None  # "…, he said, …"
        detached = (
            detached or parenthetical or (w.deprel == "parataxis" and s.words[w.id - 2].form in (":", ";"))
        )
        if detached:
            keep -= {x.id for x in s.subtree(w)}
    e = c
    while e < len(view) and (view.words[e].id in keep or view.is_punct(e)):
        e += 1
    return e


def trimmed_span(st: State, view: View, a: int, b: int) -> tuple[int, int]:
    """Characters of words ``[a, b)`` without edge punctuation; a closing mark
    stays when its opening mark is inside, and a quote running past the clause
    is taken whole."""
    words = view.words
    while a < b and view.is_punct(a) and not opens_inside(st, view, a, b):
        a += 1
    while b > a and view.is_punct(b - 1) and not closes_inside(st, view, a, b - 1):
        b -= 1
    if b <= a:
        return (words[a].start, words[a].start) if a < len(words) else (0, 0)
    start, end = words[a].start, words[b - 1].end
    m = st.in_marks(end - 1)
    if m is not None and start <= m.start < end < m.end:
        end = m.end  # a quote opened inside the content is taken whole
    return start, end


def opens_inside(st: State, view: View, a: int, b: int) -> bool:
    m = st.in_marks(view.words[a].start)
    return m is not None and m.start == view.words[a].start and b > 0


def closes_inside(st: State, view: View, a: int, last: int) -> bool:
    m = st.in_marks(view.words[last].start)
    return m is not None and m.start >= view.words[a].start
