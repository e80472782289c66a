"""Per-document answers to the syntax questions the events stage asks of each token.

The rules and the learned layer ask the same questions of the same word again and again: its
modality, its subject, its clause, the first verb rule that applies to it, whether it lies inside a
quote, whether its phrase is a coded actor. A :class:`DocFacts` is built once per document by the
events stage and passed explicitly to the functions that ask; each answer is computed on first
request and kept, keyed by token index. It lives only as long as one ``events.find`` call, so
nothing grows across articles, and no Token object is ever used as a key.

Every answer is what the function it names returns (``tests/test_coding_cache.py`` checks each on
every token): most are that function's result kept; the columns (lemma, text, part of speech),
``conditional`` and ``clause`` (as token indices) are read from the document's arrays instead of
token by token.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from functools import partial

from spacy.tokens import Doc, Span, Token

from eventlens.events import verbdicts
from eventlens.events.lexicon import Lexicon, Rule
from eventlens.events.mentions import ActorIndex, phrases_actors
from eventlens.events.modality import CONDITIONAL_MARKS, modality_of
from eventlens.events.syntax import SUBJECT_DEPS, embedded_clause, subject_of
from eventlens.events.verbs import matching_rule, verb_rules
from eventlens.text import columns


class DocFacts:
    """Memoised per-token facts of one parsed document (read-only results: never mutate them).

    doc (Doc): the document; every token asked about must belong to it.
    skip_spans (sequence of (start, end)): character spans whose tokens are skipped (quotes, headline).
    index (ActorIndex): the document's actor mentions.
    """

    __slots__ = ("doc", "index", "_skipped", "_actor", "_modality", "_subject", "_clause", "_rules", "_match",
                 "_kind", "_columns", "_forms", "_heads", "_marked_heads", "_tree", "_deps")

    def __init__(self, doc: Doc, skip_spans: Sequence[tuple[int, int]], index: ActorIndex) -> None:
        self.doc = doc
        self.index = index
        starts = columns.of_doc(doc).idx  # token start offsets, ascending
        self._skipped = _marked(starts, skip_spans)
        self._actor = _covered(starts, index)
        self._modality: dict[int, str] = {}
        self._subject: dict[int, tuple[Token | None, bool]] = {}
        self._clause: dict[int, list[int]] = {}
        self._rules: dict[tuple[int, int], list[Rule]] = {}
        self._match: dict[tuple[int, int, int, int], Rule | None] = {}
        self._kind: dict[int, bool] = {}
        self._columns: tuple[list[str], list[str], list[str], list[bool]] | None = None
        self._forms: dict[tuple[int, int], verbdicts.Words] = {}
        self._heads: list[int] | None = None
        self._marked_heads: set[int] = set()
        self._tree: tuple[list[list[int]], list[str], list[bool]] | None = None
        self._deps: list[str] = []

    def columns(self) -> tuple[list[str], list[str], list[str], list[bool]]:
        """Per token index: the lower-cased lemma (``token.lemma_.lower()``), ``token.lower_``,
        ``token.pos_`` and ``token.is_alpha``, from the document's shared columns
        (:mod:`eventlens.text.columns`)."""
        if self._columns is None:
            cols = columns.of_doc(self.doc)
            self._deps = cols.dep
            self._heads = cols.head
            self._marked_heads = {cols.head[i] for i, low in enumerate(cols.lower)
                                  if low in CONDITIONAL_MARKS and cols.dep[i] == "mark"}
            self._columns = (cols.lemma, cols.lower, cols.pos, cols.is_alpha)
        return self._columns

    def form_words(self, sent: Span) -> verbdicts.Words:
        """The words of ``sent`` as ``verbdicts.form_matches`` reads them (text and lemma, no pattern
        index: a multi-word verb form is checked word by word)."""
        key = (sent.start, sent.end)
        found = self._forms.get(key)
        if found is None:
            lemmas, lowers, _, _ = self.columns()
            found = self._forms[key] = verbdicts.Words(tuple(lowers[sent.start : sent.end]),
                                                       tuple(lemmas[sent.start : sent.end]), (), {})
        return found

    def skipped(self, token: Token) -> bool:
        """Whether the token starts inside one of the skip spans (``syntax.in_spans``)."""
        return self._skipped[token.i]

    def skipped_at(self, i: int) -> bool:
        """Whether the token at index ``i`` starts inside one of the skip spans."""
        return self._skipped[i]

    def any_actor(self, sent: Span) -> bool:
        """Whether an actor mention covers any token of the span (``index.at(t) is not None``)."""
        return any(self._actor[sent.start : sent.end])

    def has_actor(self, token: Token) -> bool:
        """Whether an actor mention covers the token."""
        return self._actor[token.i]

    def modality(self, verb: Token) -> str:
        """``modality.modality_of``."""
        found = self._modality.get(verb.i)
        if found is None:
            found = self._modality[verb.i] = modality_of(verb, self.conditional)
        return found

    def conditional(self, verb: Token) -> bool:
        """``modality.is_conditional``: whether the verb or one of its heads has an if/unless/whether mark."""
        self.columns()
        heads, marked, i = self._heads, self._marked_heads, verb.i
        assert heads is not None
        while True:
            if i in marked:
                return True
            if heads[i] == i:
                return False
            i = heads[i]

    def subject(self, verb: Token) -> tuple[Token | None, bool]:
        """``syntax.subject_of``."""
        found = self._subject.get(verb.i)
        if found is None:
            found = self._subject[verb.i] = subject_of(verb)
        return found

    def clause(self, verb: Token) -> list[int]:
        """Token indices of ``syntax.clause_of`` (the list is shared: copy before changing it), walked
        over the document's arrays instead of Token objects."""
        found = self._clause.get(verb.i)
        if found is None:
            children, deps, has_subject = self._parse_tree()
            _, _, pos, _ = self.columns()
            out, stack = [], [verb.i]
            while stack:
                node = stack.pop()
                out.append(node)
                for child in children[node]:
                    if not embedded_clause(deps[child], pos[child], partial(has_subject.__getitem__, child)):
                        stack.append(child)
            found = self._clause[verb.i] = sorted(out)
        return found

    def _parse_tree(self) -> tuple[list[list[int]], list[str], list[bool]]:
        """Per token index: its children's indices, its dependency label, whether it has a subject."""
        if self._tree is None:
            self.columns()
            heads, deps = self._heads, self._deps
            assert heads is not None
            children: list[list[int]] = [[] for _ in deps]
            has_subject = [False] * len(deps)
            for i, head in enumerate(heads):
                if head != i:
                    children[head].append(i)
                    if deps[i] in SUBJECT_DEPS:
                        has_subject[head] = True
            self._tree = (children, deps, has_subject)
        return self._tree

    def rules(self, verb: Token, lexicon: Lexicon) -> list[Rule]:
        """``verbs.verb_rules``."""
        key = (verb.i, id(lexicon))
        found = self._rules.get(key)
        if found is None:
            found = self._rules[key] = verb_rules(verb, lexicon)
        return found

    def rule(self, verb: Token, sent: Span, lexicon: Lexicon) -> Rule | None:
        """``verbs.matching_rule`` of the verb's rules in ``lexicon`` (None when it has none); a
        multi-word verb form is checked against ``form_words``. The lexicon is keyed by identity: it
        outlives the facts, which last one document."""
        key = (verb.i, sent.start, sent.end, id(lexicon))
        if key in self._match:
            return self._match[key]
        rules = self.rules(verb, lexicon)
        found = self._match[key] = matching_rule(verb, sent, rules, self.form_words) if rules else None
        return found

    def is_actor_phrase_at(self, i: int) -> bool:
        """``is_actor_phrase`` of the token at index ``i`` (a Token is built only when not yet known)."""
        found = self._kind.get(i)
        if found is None:
            found = self.is_actor_phrase(self.doc[i])
        return found

    def tree(self) -> tuple[list[list[int]], list[str], list[bool]]:
        """Per token index: its children's indices (in order), its dependency label, whether it has a subject."""
        return self._parse_tree()

    def is_actor_phrase(self, token: Token) -> bool:
        """Whether the phrase headed by ``token`` is a coded actor (``phrases_actors`` finds one)."""
        found = self._kind.get(token.i)
        if found is None:
            # a mention covering the head is the phrase's actor (phrases_actors' first answer)
            found = self._kind[token.i] = self._actor[token.i] or bool(phrases_actors([token], self.index))
        return found


def _marked(starts: list[int], spans: Sequence[tuple[int, int]]) -> list[bool]:
    """For each token (by its start offset, ascending), whether it starts inside one of the spans."""
    out = [False] * len(starts)
    for start, end in spans:
        for i in range(bisect_left(starts, start), bisect_left(starts, end)):
            out[i] = True
    return out


def _covered(starts: list[int], index: ActorIndex) -> list[bool]:
    """For each token, whether an actor mention covers its start offset."""
    covers = index.covers
    return [covers(s) for s in starts]
