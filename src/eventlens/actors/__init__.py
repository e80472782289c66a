"""Actor stage: find actor mentions in a parsed article and give each a dated code.

Steps, in order (all inside :func:`extract`; the code lives in this package's modules):

1. pieces: longest dictionary matches (actor entries and agent nouns, case-insensitive; the
   news outlets of ``data/actors/media-outlets.tsv`` only as written, "AP" not "ap") plus
   spaCy PERSON entities that no entry covers, titles in them aside ("Imam X")
   (:mod:`~eventlens.actors.pieces`);
2. composition: adjacent pieces form one mention ("Ukrainian President Volodymyr Zelensky",
   "Russian troops", "Russia's foreign ministry"); a known person keeps their own code, an
   unknown name takes its title's ("Prime Minister Jan Novak": GOV); a country coordinated
   with a nationality shares its agent ("U.S. and Russian negotiators"), a nationality before
   a people is that country's civilians ("Iraqi Kurds") and one before a thing it owns stands
   for the owner ("shelled Georgian positions": GEOMIL, :mod:`~eventlens.actors.descriptions`)
   (:mod:`~eventlens.actors.compose`);
3. places: a capital, building or country that is the object of in/at/from/... is a place,
   not an actor, and a wire credit ("(Reuters) -") no actor at all
   (:mod:`~eventlens.actors.context`); named organisations no dictionary knows
   take the code of their name's head ("the Regional Court": JUD,
   :mod:`~eventlens.actors.orgs`);
4. coreference: surnames, definite titles ("the French president", "the rebels") and the
   pronouns he/she/him point back to an earlier mention and take its code and name; collective
   anaphors ("the four leaders", "the kingdom") take the set or state named before
   (:mod:`~eventlens.actors.groups`)
   (:mod:`~eventlens.actors.titles`, :mod:`~eventlens.actors.coref`); agent-only groups
   ("protesters") take the country that owns them ("the government of Yemen",
   :mod:`~eventlens.actors.owners`), else of their context (:mod:`~eventlens.actors.countries`);
   a people named as an ethnic group takes the state the text places it in ("ethnic Albanians
   demonstrated in Serbia": SRBCVL);
5. agent-only groups nothing coded ("The court", "Federal Police") become actors with the
   country their name, owner, clause or context gives, else CAMEO's agent-only code ("JUD",
   "COP"); so do names with a title in apposition (:mod:`~eventlens.actors.bare`);
6. names: composed groups get canonical names ("Ukrainian troops": Ukrainian armed forces) and
   coreferring mentions their antecedent's (:mod:`~eventlens.actors.names`).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from eventlens.actors.bare import code_bare
from eventlens.actors.compose import compose, compose_code, join_bodies
from eventlens.actors.context import is_credit, is_place
from eventlens.actors.coref import resolve_bodies, resolve_possessed, resolve_pronouns, resolve_surnames
from eventlens.actors.countries import code_ethnic, code_from_context
from eventlens.actors.groups import resolve_groups
from eventlens.actors.lexicon import ActorLexicon, build_lexicon
from eventlens.actors.names import canonical_names
from eventlens.actors.orgs import name_organisations
from eventlens.actors.owners import code_owned
from eventlens.actors.pieces import find_pieces, token_keys
from eventlens.actors.records import to_actors
from eventlens.actors.titles import resolve_titles
from eventlens.models import Actor, Article, Place
from eventlens.places.gazetteer import Gazetteer, load_gazetteer


@lru_cache(maxsize=8)
def load_lexicon(extra_files: tuple[str, ...] = (), packaged: bool = True) -> ActorLexicon:
    """Load the actor lexicon once per process (per distinct ``extra_files``).

    extra_files (tuple[str, ...]): user dictionaries in PETRARCH format, loaded last so
        they override the shipped ones; a file whose name contains "agent" is an agents file.
    packaged (bool): False to load ``extra_files`` alone, without the shipped dictionaries.
    RETURNS (ActorLexicon): the shipped Phoenix files + the supplement + the user files.
        Malformed lines are skipped and listed in ``lexicon.problems``.
    """
    return build_lexicon(tuple(Path(p) for p in extra_files), packaged=packaged)


def extract(doc: Doc, article: Article, lexicon: ActorLexicon, gazetteer: Gazetteer | None = None) -> list[Actor]:
    """Find the actor mentions of one article, in text order, ids ``a1``, ``a2``, ...

    doc (Doc): the article parsed from ``parse_text(article)`` (offsets equal article.text's).
    article (Article): its ``date`` picks date-restricted codes (None: undated/latest code).
    lexicon (ActorLexicon): from :func:`load_lexicon`.
    gazetteer (Gazetteer | None): tells cities and places from actors (default: the packaged one).
    RETURNS (list[Actor]): mentions with exact offsets, code, canonical name, kind, the rule
        that coded them and ``ref``, the id of the first mention they corefer with.
    """
    keys = token_keys(doc)
    gaz = gazetteer or load_gazetteer()
    pieces = find_pieces(doc, keys, lexicon, article.date, gaz)
    mentions, unknown, bare = compose(doc, pieces, lexicon, gaz)
    mentions = join_bodies(doc, [m for m in mentions if not is_place(doc, m) and not is_credit(doc, m)])
    mentions, bare = name_organisations(doc, mentions, bare, pieces, keys)
    mentions, bare = code_owned(doc, mentions, bare, pieces)
    mentions = resolve_surnames(doc, mentions, unknown, pieces)
    mentions = resolve_titles(doc, mentions, pieces)
    mentions = code_from_context(doc, mentions, bare, pieces)
    mentions = code_ethnic(doc, mentions, pieces)
    mentions = resolve_possessed(doc, mentions, bare)
    mentions = resolve_pronouns(doc, mentions)
    mentions = resolve_bodies(doc, mentions)
    mentions = resolve_groups(doc, mentions)
    mentions = code_bare(doc, mentions, bare, pieces, unknown)
    mentions = canonical_names(doc, mentions)
    return to_actors(doc, article, mentions)


def located(places: list[Place], actors: list[Actor]) -> list[Actor]:
    """Places as the countries they lie in, for the event stage to use as an act's target when no
    actor is acted upon ("flew medicine into Afghanistan", "attacked a base in Kenya": AFG, KEN).

    Only places in a country, not the dateline, and not already an actor mention; ids follow the
    actors' (``a{n+1}`` ...). They are not actors of the article until an event takes one.
    RETURNS (list[Actor]): kind ``place``, code the ISO3 country, name the gazetteer's.
    """
    covered = {i for a in actors for i in range(a.start, a.end)}
    kept = [p for p in places if p.role == "place" and p.country and p.start not in covered]
    return [Actor(f"a{len(actors) + n}", p.text, p.start, p.end, p.country or "", p.name, kind="place",
                  rule=f"place:{p.name}") for n, p in enumerate(kept, start=1)]


__all__ = ["ActorLexicon", "compose_code", "extract", "load_lexicon", "located"]
