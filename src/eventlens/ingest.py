"""Read articles from JSONL, .txt files, folders and stdin into Article records."""

from __future__ import annotations

import codecs
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, Any

from eventlens.models import Article, ArticleError, sha256_text

HEADER_RE = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\n|[ \t]+|$)")
SURROGATE_RE = re.compile("[\ud800-\udfff]")

JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
TEXT_SUFFIXES = (".txt", ".text")
REFUSED_SUFFIXES = {".csv": "CSV is not read: convert it to JSONL, one {\"id\", \"date\", \"text\"} object per line",
                    ".tsv": "TSV is not read: convert it to JSONL, one {\"id\", \"date\", \"text\"} object per line"}
MAX_ID_CHARS = 512
MAX_FIELD_CHARS = 10_000  # title, url, source
# Byte-order marks that announce UTF-32 or UTF-16 (UTF-32 first: its little-endian mark starts like UTF-16's).
WIDE_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
             (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


class InputError(ValueError):
    """An input article that cannot be read; carries the reason."""


@dataclass(frozen=True, slots=True)
class Header:
    """What the optional ``date YYYY-MM-DD`` first line gives."""

    date: date | None
    body_start: int
    title: str | None


def parse_date(value: Any, what: str = "date") -> date | None:
    """A ``YYYY-MM-DD`` string or date as a date; None for empty; InputError when invalid."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):  # a datetime is a date too: keep its day
        return value.date()
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        raise InputError(f"invalid {what} {value!r}: expected YYYY-MM-DD")
    try:
        return date.fromisoformat(value.strip())
    except ValueError as exc:
        raise InputError(f"invalid {what} {value!r}: {exc}") from exc


def read_header(text: str) -> Header:
    """Find the ``date`` header, the offset where the body starts, and a headline.

    The headline is the first line of the body (after the header line, if any) when that line is
    short, has no final period and is followed by a line break (a blank line when there is no header
    line): a title, not the first sentence.
    """
    m = HEADER_RE.match(text)
    published, body_start = None, 0
    if m:
        published = parse_date(m.group(1), "date header")
        body_start = m.end()
    title = None
    if body_start == 0 or text[body_start - 1 : body_start] == "\n":
        line = text[body_start:].split("\n", 1)[0].strip()
        rest = text[body_start + len(line) :]
        gap = "\n" if m else "\n\n"  # without a header line, only a blank line marks a headline
        if line and len(line) < 200 and not line.endswith((".", "?\"", ".\"", ".\u201d")) and rest.startswith(gap):
            title = line
    return Header(published, body_start, title)


JSON_TYPES = {"NoneType": "null", "str": "string", "int": "number", "float": "number", "bool": "boolean",
              "list": "array", "dict": "object"}


def _type(value: Any) -> str:
    """The JSON name of a value's type (``array``, ``object``, ``null``), else the Python one."""
    return JSON_TYPES.get(type(value).__name__, type(value).__name__)


def check_string(value: Any, field: str, limit: int | None = None, optional: bool = True) -> str | None:
    """``value`` when it is a valid string field (None allowed when ``optional``); else InputError.

    Refuses other types, lone surrogates (``"\\ud800"``: not encodable as UTF-8) and strings longer
    than ``limit`` characters.
    """
    if value is None and optional:
        return None
    if not isinstance(value, str):
        kind = _type(value)
        raise InputError(f"'{field}' must be a string{' or null' if optional else ''}, got {kind}")
    bad = SURROGATE_RE.search(value)
    if bad:
        raise InputError(f"'{field}' is not valid Unicode: lone surrogate U+{ord(bad.group()):04X} "
                         f"at character {bad.start()}")
    if limit is not None and len(value) > limit:
        raise InputError(f"'{field}' too long: {len(value)} characters (max {limit})")
    return value


def check_id(value: Any) -> str | None:
    """The article id as a string: a string or an integer (not a boolean); None when missing."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        kind = json.dumps(value) if isinstance(value, bool) else _type(value)
        raise InputError(f"'id' must be a string or an integer, got {kind}")
    if isinstance(value, int):
        # bits first: str() of a huge int is slow
        if value.bit_length() > MAX_ID_CHARS * 10 // 3 + 10 or len(str(value)) > MAX_ID_CHARS:
            raise InputError(f"'id' too long: an integer of more than {MAX_ID_CHARS} digits")
        return str(value)
    return check_string(value, "id", MAX_ID_CHARS, optional=False)


def make_article(
    text: str,
    date: Any = None,
    id: str | int | None = None,
    title: str | None = None,
    origin: str = "",
    url: str | None = None,
    source: str | None = None,
    max_chars: int = 200_000,
    input: str = "",
) -> Article:
    """Normalise one article; raise InputError for empty, too long, badly typed or badly dated input."""
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {_type(text)}")
    if not text.strip():
        raise InputError("empty article text")
    if len(text) > max_chars:
        raise InputError(f"article too long: {len(text)} characters (max_chars={max_chars})")
    if "\x00" in text:
        raise InputError("binary content (NUL bytes) in article text")
    check_string(text, "text", optional=False)
    article_id = check_id(id)
    title = check_string(title, "title", MAX_FIELD_CHARS)
    url = check_string(url, "url", MAX_FIELD_CHARS)
    source = check_string(source, "source", MAX_FIELD_CHARS)
    if isinstance(date, str):
        check_string(date, "date")
    header = read_header(text)
    published = parse_date(date) if date not in (None, "") else header.date
    return Article(
        id=article_id if article_id is not None else "sha256:" + sha256_text(text)[:16],
        text=text,
        date=published,
        title=title or header.title,
        body_start=header.body_start,
        origin=origin,
        url=url,
        source=source,
        input=input,
    )


Item = Article | ArticleError


def _given_id(obj: dict[str, Any]) -> str | None:
    """The id of a dict for an error report, when it is a usable one."""
    try:
        return check_id(obj.get("id"))
    except InputError:
        return None


def from_dict(obj: dict[str, Any], origin: str, max_chars: int = 200_000, input: str = "") -> Item:
    """An Article from a dict with ``text`` (``id``, ``date``, ``title``, ``url``, ``source`` optional),
    or an ArticleError saying why not."""
    ident = _given_id(obj)
    if "text" not in obj:
        return ArticleError(origin, "missing 'text' field", ident, input)
    try:
        return make_article(
            obj["text"], obj.get("date"), obj.get("id"), obj.get("title"), origin,
            obj.get("url"), obj.get("source"), max_chars, input,
        )
    except InputError as exc:
        return ArticleError(origin, str(exc), ident, input)


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _from_json_line(line: str, origin: str, max_chars: int, input: str = "") -> Item:
    """One JSONL line as an Article, or an ArticleError saying why not."""
    if "\x00" in line:
        return ArticleError(origin, "NUL bytes: binary data, or UTF-16 without a byte-order mark", None, input)
    try:
        obj = json.loads(line, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return ArticleError(origin, f"broken JSON: {exc.msg} at column {exc.colno}", None, input)
    except RecursionError:
        return ArticleError(origin, "JSON nested too deeply", None, input)
    except ValueError as exc:  # an integer of more than 4,300 digits, NaN, Infinity
        what = "a number of more than 4,300 digits" if "integer string conversion" in str(exc) else str(exc)
        return ArticleError(origin, f"unreadable JSON value: {what}", None, input)
    if not isinstance(obj, dict):
        return ArticleError(origin, f"JSON line is not an object (got {_type(obj)})", None, input)
    return from_dict(obj, origin, max_chars, input)


def _wide_encoding(head: bytes) -> str | None:
    """``utf-16``/``utf-32`` when ``head`` starts with their byte-order mark."""
    return next((enc for bom, enc in WIDE_BOMS if head.startswith(bom)), None)


def _lines(stream: IO[bytes] | Iterable[bytes]) -> Iterator[bytes | str | UnicodeDecodeError]:
    """The lines of a JSONL byte stream: bytes, or (after a UTF-16/32 byte-order mark) decoded
    strings; a UTF-8 byte-order mark on the first line is dropped."""
    it = iter(stream)
    first = next(it, None)
    if first is None:
        return
    wide = _wide_encoding(first) if isinstance(first, bytes) else None
    if wide:
        data = first + b"".join(it)
        try:
            text = data.decode(wide)
        except UnicodeDecodeError as exc:
            yield exc
            return
        yield from text.split("\n")
        return
    if isinstance(first, bytes) and first.startswith(codecs.BOM_UTF8):
        first = first[len(codecs.BOM_UTF8):]
    elif isinstance(first, str) and first.startswith("\ufeff"):
        first = first[1:]
    yield first
    yield from it


def read_jsonl(stream: IO[bytes] | Iterable[bytes], name: str, max_chars: int = 200_000,
               input: str = "") -> Iterator[Item]:
    """Articles from a JSONL byte stream; a bad line yields an ArticleError and reading goes on.

    Blank lines are skipped; a stream with no article line at all yields one "empty input" error.
    """
    items = 0
    for lineno, raw in enumerate(_lines(stream), start=1):
        origin = f"{name}:{lineno}"
        if isinstance(raw, UnicodeDecodeError):
            yield ArticleError(name, f"not valid {raw.encoding.upper()}: {raw.reason} at byte {raw.start}", None, input)
            return
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            items += 1
            yield ArticleError(origin, f"not UTF-8: {exc.reason} at byte {exc.start}", None, input)
            continue
        if not line.strip():
            continue
        items += 1
        yield _from_json_line(line, origin, max_chars, input)
    if not items:
        yield ArticleError(name, "empty input: no article lines", None, input)


def _decode_text(data: bytes) -> str:
    """The text of a ``.txt`` file: UTF-32/UTF-16 after their byte-order mark, else UTF-8 (a UTF-8
    byte-order mark dropped). RAISES InputError: binary or undecodable content."""
    wide = _wide_encoding(data)
    if wide:
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            raise InputError(f"not valid {wide.upper()}: {exc.reason} at byte {exc.start}") from exc
    if b"\x00" in data:
        raise InputError("binary file (NUL bytes), not text (UTF-16 needs a byte-order mark)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8: {exc.reason} at byte {exc.start}") from exc


def read_text_file(path: Path, max_chars: int = 200_000) -> Item:
    """One ``.txt`` file as one article, its id taken from the file name."""
    origin, resolved = str(path), _resolved(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ArticleError(origin, f"cannot read file: {exc.strerror}", None, resolved)
    try:
        text = _decode_text(data)
        return make_article(text, id=path.stem, origin=origin, max_chars=max_chars, input=resolved)
    except InputError as exc:
        return ArticleError(origin, str(exc), _given_id({"id": path.stem}), resolved)


def _resolved(path: Path) -> str:
    """The absolute, symlink-free form of ``path`` (the key of its error rows)."""
    try:
        return str(path.resolve())
    except (OSError, RuntimeError):
        return str(path.absolute())


def _kind(path: Path) -> str:
    """``jsonl``, ``text`` or ``refused`` from the file's extension, in any case."""
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix in REFUSED_SUFFIXES:
        return "refused"
    return "text"


def read(source: str | Path, max_chars: int = 200_000, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Articles from one input: a ``.jsonl`` file, a ``.txt`` file, a folder, or ``-`` (stdin JSONL).

    Extensions match in any case (``.JSONL``); ``.csv`` is refused with a reason; any other file
    is one text article. A folder gives its ``.txt``/``.jsonl``/``.json``/``.ndjson`` files (and an
    error for each ``.csv``), in name order.
    RETURNS: Articles and, for input that cannot be read, ArticleErrors, in input order.
    """
    if str(source) == "-":
        yield from read_jsonl(stdin or sys.stdin.buffer, "<stdin>", max_chars, "<stdin>")
        return
    path = Path(source)
    try:
        is_dir, exists = path.is_dir(), path.exists()
    except (OSError, ValueError) as exc:  # a name too long, or with a NUL byte
        yield ArticleError(str(source), f"cannot read input: {exc}")
        return
    if is_dir:
        try:
            files = sorted(p for p in path.rglob("*") if p.is_file() and (
                p.suffix.lower() in JSONL_SUFFIXES + TEXT_SUFFIXES or p.suffix.lower() in REFUSED_SUFFIXES))
        except OSError as exc:
            yield ArticleError(str(path), f"cannot list folder: {exc.strerror}", None, _resolved(path))
            return
        if not files:
            yield ArticleError(str(path), "folder holds no .txt or .jsonl files", None, _resolved(path))
        for child in files:
            yield from read(child, max_chars)
    elif not exists:
        yield ArticleError(str(path), "no such file or folder", None, _resolved(path))
    elif _kind(path) == "refused":
        yield ArticleError(str(path), REFUSED_SUFFIXES[path.suffix.lower()], None, _resolved(path))
    elif _kind(path) == "jsonl":
        try:
            with path.open("rb") as fh:
                yield from read_jsonl(fh, str(path), max_chars, _resolved(path))
        except OSError as exc:
            yield ArticleError(str(path), f"cannot read file: {exc.strerror}", None, _resolved(path))
    else:
        yield read_text_file(path, max_chars)


def _duplicate(item: Item, first: dict[str, str]) -> Item:
    """An ArticleError for an article whose id was already read in this run, else the item."""
    if not isinstance(item, Article):
        return item
    earlier = first.get(item.id)
    if earlier is None:
        first[item.id] = item.origin
        return item
    return ArticleError(item.origin, f"duplicate article id {item.id!r}: first read at {earlier}; "
                        "the first one is kept, this one skipped", item.id, item.input)


def read_all(sources: Iterable[str | Path], max_chars: int = 200_000) -> Iterator[Item]:
    """Articles and errors from several inputs, in order.

    An article id met again in the same run (in the same input or another) is an error for the
    later line: the first article with an id wins.
    """
    first: dict[str, str] = {}
    for source in sources:
        for item in read(source, max_chars):
            yield _duplicate(item, first)


def count_items(sources: Iterable[str | Path]) -> int | None:
    """About how many items ``read_all`` will give (non-blank lines of JSONL files, one per other
    file), for a progress bar's ETA; None when it cannot be known cheaply (stdin, unreadable input)."""
    total = 0
    for source in sources:
        path = Path(source)
        try:
            if str(source) == "-" or not path.exists():
                return None
            files = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in
                     JSONL_SUFFIXES + TEXT_SUFFIXES + tuple(REFUSED_SUFFIXES)] if path.is_dir() else [path]
            for file in files:
                if _kind(file) == "jsonl":
                    with file.open("rb") as fh:
                        total += sum(1 for line in fh if line.strip())
                else:
                    total += 1
        except (OSError, ValueError):
            return None
    return total
