"""Canonical names for composed groups and institutions: "Ukrainian troops" -> "Ukrainian armed
forces", "Egypt's foreign ministry" -> "Egyptian Ministry of Foreign Affairs", "Sri Lankan
lawmakers" -> "Parliament of Sri Lanka"; coreferring mentions take their antecedent's name."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Doc

from eventlens.actors.mention import Mention, first_of
from eventlens.actors.words import WORDS
from eventlens.places.nations import Nation, load_nations

ARMED = WORDS.set_of("names", "armed")
AIR = WORDS.set_of("names", "air")
GOVERNMENT = WORDS.set_of("names", "government")
LEGISLATURE = WORDS.set_of("names", "legislature")
POLICE = WORDS.set_of("names", "police")
PROTEST = WORDS.set_of("names", "protest")
CIVIL = WORDS.set_of("names", "civil")
PRESS = WORDS.set_of("names", "press")
# Groups composed on a named group keep that group's name ("Taliban fighters": Taliban).
OWN_NAMES = {"compose:group+agent", "compose:organisation+agent", "compose:person+agent", "compose:name+agent",
             "compose:ethnic+place"}
FALLBACK = "<adjective + words>"
MINISTRIES = {"foreign": "Foreign Affairs", "defence": "Defence", "defense": "Defence", "interior": "the Interior",
              "finance": "Finance", "justice": "Justice", "health": "Health", "economy": "Economy",
              "energy": "Energy", "education": "Education"}


INSTITUTIONS_FILE = Path(__file__).resolve().parent.parent / "data" / "actors" / "institutions.tsv"


@dataclass(frozen=True)
class Institution:
    """A government department: its official name and the country whose government it is."""

    name: str
    country: str


@lru_cache(maxsize=1)
def institutions(path: Path = INSTITUTIONS_FILE) -> dict[str, Institution]:
    """Short forms ("state department") -> the department they name (``institutions.tsv``)."""
    out: dict[str, Institution] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, country, forms = line.split("\t")
        for form in forms.split("|"):
            out[form.strip()] = Institution(name, country)
    return out


def institution_names() -> frozenset[str]:
    """The official names of the departments of ``institutions.tsv``."""
    return frozenset(i.name for i in institutions().values())


def _institution(doc: Doc, m: Mention) -> Institution | None:
    """The department a mention names by one of its short forms ("the State Department")."""
    words = [t.lower_ for t in doc[m.start : m.end]]
    words = words[1:] if words and words[0] == "the" else words
    found = institutions().get(" ".join(words))
    if found is None or (len(m.code or "") >= 3 and m.code[:3] not in (found.country, "GOV")):
        return None
    return found


def canonical_names(doc: Doc, mentions: Sequence[Mention]) -> list[Mention]:
    """Give departments their official names, composed group mentions their canonical name, then
    coreferring mentions theirs."""
    nations = load_nations()
    recoded: set[int] = set()
    for m in mentions:
        if m.antecedent is None and m.kind in {"metonym", "organisation", "group"} and \
                (department := _institution(doc, m)) is not None:
            m.name = department.name
            if m.code in (None, "", "GOV"):
                m.code = department.country + "GOV"  # "the Justice Department": the U.S. government's
                recoded.add(id(m))
            continue
        if m.antecedent is None and m.rule.startswith("compose:") and m.rule not in OWN_NAMES and m.kind in {
                "group", "title"}:
            nation = nations.by_code.get(m.code[:3])
            tokens = [t for t in doc[m.start : m.end] if not t.is_punct and t.lower_ != "the"]
            words = [t.lower_ for t in tokens]
            name = _name(m, nation, words) if nation and words else None
            if name == FALLBACK and nation:
                name = f"{nation.adjective} {doc[tokens[0].i : m.end].text}"
            if name:
                m.name = name
    for m in mentions:
        if m.antecedent is not None and m.kind != "person":
            first = first_of(m)
            m.name = first.name
            if id(first) in recoded and m.code in (None, "", "GOV"):
                m.code = first.code  # "it" after "the Justice Department" takes its country too
    return list(mentions)


def _name(m: Mention, nation: Nation, words: list[str]) -> str | None:
    """The canonical name of a composed mention of ``nation`` with the words ``words``."""
    sector, head = m.code[3:6], words[-1]
    adj, country = nation.adjective, nation.name
    if head == "ministry" or head == "ministries":
        topic = next((MINISTRIES[w] for w in words if w in MINISTRIES), None)
        return f"{adj} Ministry of {topic}" if topic else None
    if head == "embassy":
        return f"Embassy of {_the(country)}"
    if head == "navy":
        return f"{adj} Navy"
    if sector == "MIL" and head in AIR:
        return f"{adj} Air Force"
    if sector == "MIL" and head in ARMED:
        return f"{adj} armed forces"
    if sector == "GOV" and head in GOVERNMENT:
        return f"Government of {_the(country)}"
    return _people_name(m, nation, sector, head, words)


def _people_name(m: Mention, nation: Nation, sector: str, head: str, words: list[str]) -> str | None:
    """Legislatures, police, protesters, civilians and the press of a country."""
    adj = nation.adjective
    if sector == "LEG" and head in LEGISLATURE:
        return nation.legislature or f"Parliament of {_the(nation.name)}"
    if sector == "COP" and head in POLICE:
        return f"{adj} police"
    if sector in {"CVL", "OPP"} and head in PROTEST:
        return f"{adj} protesters"
    if sector == "CVL" and (head in CIVIL or m.rule == "compose:demonym-plural"):
        return f"{adj} civilians"
    if sector == "MED" and head in PRESS:
        return f"{adj} journalists"
    if m.kind == "group" and m.rule != "compose:metonym+agent" and not _names_country(nation, words):
        return FALLBACK  # "protesters" -> "Sri Lankan protesters"
    return None


def _names_country(nation: Nation, words: list[str]) -> bool:
    """The words already say the country ("Qatari diplomats", "Russia's envoy")."""
    text = " ".join(words)
    forms = {nation.name, nation.adjective, *nation.others}
    return any(f.lower() in text for f in forms)


def _the(country: str) -> str:
    """"the United States", "the Maldives"; "Yemen"."""
    plural = country.endswith("s") and country not in {"Laos", "Cyprus", "Belarus", "Mauritius"}
    return f"the {country}" if country.startswith(("United ", "Central ", "Democratic ")) or plural else country


__all__ = ["canonical_names"]
