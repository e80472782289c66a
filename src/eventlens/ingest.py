"""Read articles from JSONL, .txt files, folders and stdin into Article records."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import IO, Any

from eventlens.models import Article, ArticleError, sha256_text

HEADER_RE = re.compile(r"^[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\n|[ \t]+|$)")


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


def make_article(
    text: str,
    date: Any = None,
    id: str | None = None,
    title: str | None = None,
    origin: str = "",
    url: str | None = None,
    source: str | None = None,
    max_chars: int = 200_000,
) -> Article:
    """Normalise one article; raise InputError for empty, too long or badly dated input."""
    if not isinstance(text, str):
        raise InputError(f"'text' must be a string, got {type(text).__name__}")
    if not text.strip():
        raise InputError("empty article text")
    if len(text) > max_chars:
        raise InputError(f"article too long: {len(text)} characters (max_chars={max_chars})")
    if "\x00" in text:
        raise InputError("binary content (NUL bytes) in article text")
    header = read_header(text)
    published = parse_date(date) if date not in (None, "") else header.date
    article_id = str(id) if id not in (None, "") else "sha256:" + sha256_text(text)[:16]
    return Article(
        id=article_id,
        text=text,
        date=published,
        title=title or header.title,
        body_start=header.body_start,
        origin=origin,
        url=url,
        source=source,
    )


Item = Article | ArticleError


def from_dict(obj: dict[str, Any], origin: str, max_chars: int = 200_000) -> Item:
    """An Article from a dict with ``text`` (``id``, ``date``, ``title``, ``url``, ``source`` optional),
    or an ArticleError saying why not."""
    given_id = obj.get("id")
    ident = str(given_id) if given_id not in (None, "") else None
    if "text" not in obj:
        return ArticleError(origin, "missing 'text' field", ident)
    try:
        return make_article(
            obj["text"], obj.get("date"), given_id, obj.get("title"), origin,
            obj.get("url"), obj.get("source"), max_chars,
        )
    except InputError as exc:
        return ArticleError(origin, str(exc), ident)


def _from_json_line(line: str, origin: str, max_chars: int) -> Item:
    """One JSONL line as an Article, or an ArticleError saying why not."""
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ArticleError(origin, f"broken JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(obj, dict):
        return ArticleError(origin, "JSON line is not an object")
    return from_dict(obj, origin, max_chars)


def read_jsonl(stream: IO[bytes] | Iterable[bytes], name: str, max_chars: int = 200_000) -> Iterator[Item]:
    """Articles from a JSONL byte stream; a bad line yields an ArticleError and reading goes on."""
    for lineno, raw in enumerate(stream, start=1):
        origin = f"{name}:{lineno}"
        try:
            line = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        except UnicodeDecodeError as exc:
            yield ArticleError(origin, f"not UTF-8: {exc.reason} at byte {exc.start}")
            continue
        if not line.strip():
            continue
        yield _from_json_line(line, origin, max_chars)


def read_text_file(path: Path, max_chars: int = 200_000) -> Item:
    """One ``.txt`` file as one article, its id taken from the file name."""
    origin = str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        return ArticleError(origin, f"cannot read file: {exc.strerror}")
    if b"\x00" in data:
        return ArticleError(origin, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return ArticleError(origin, f"not UTF-8: {exc.reason} at byte {exc.start}")
    try:
        return make_article(text, id=path.stem, origin=origin, max_chars=max_chars)
    except InputError as exc:
        return ArticleError(origin, str(exc), path.stem)


def read(source: str | Path, max_chars: int = 200_000, stdin: IO[bytes] | None = None) -> Iterator[Item]:
    """Articles from one input: a ``.jsonl`` file, a ``.txt`` file, a folder, or ``-`` (stdin JSONL).

    RETURNS: Articles and, for input that cannot be read, ArticleErrors, in input order.
    """
    if str(source) == "-":
        yield from read_jsonl(stdin or sys.stdin.buffer, "<stdin>", max_chars)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.suffix in (".txt", ".jsonl") and p.is_file())
        if not files:
            yield ArticleError(str(path), "folder holds no .txt or .jsonl files")
        for child in files:
            yield from read(child, max_chars)
    elif not path.exists():
        yield ArticleError(str(path), "no such file or folder")
    elif path.suffix in (".jsonl", ".json", ".ndjson"):
        with path.open("rb") as fh:
            yield from read_jsonl(fh, str(path), max_chars)
    else:
        yield read_text_file(path, max_chars)


def read_all(sources: Iterable[str | Path], max_chars: int = 200_000) -> Iterator[Item]:
    """Articles and errors from several inputs, in order."""
    for source in sources:
        yield from read(source, max_chars)
