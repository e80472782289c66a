"""Hostile input, read without the NLP pipeline: every line or file ends as one Article or one
ArticleError with a reason, whatever it holds.

``hostile_lines`` and ``hostile_files`` are the seeded generators the fuzz tests
(``test_hostile_fuzz.py``) feed through ``extract``, ``ingest`` and the Python API.
"""

from __future__ import annotations

import codecs
import json
import random
from datetime import date, datetime
from pathlib import Path

import pytest

from eventlens.ingest import read, read_all, read_jsonl
from eventlens.models import Article, ArticleError

GOOD_TEXT = (
    "PARIS, May 2 - French President Emmanuel Macron met German Chancellor Olaf Scholz in Paris "
    "on Monday. Russia accused Ukraine of shelling the town, the Kremlin said."
)

# Texts that are valid input but hostile to the stages (control characters, markup, SQL, odd marks).
ODD_TEXTS = [
    "<script>alert('x')</script> Russia accused Ukraine of shelling.",
    "Robert'); DROP TABLE articles;-- met Putin in Moscow.",
    "Macron\x07 met\x1b[31m Putin\x0b in\x0c Moscow\u200b on\u202e Monday.",
    "\u201c\u201d\u201c\u201d\u201c \" ' \u2018 Putin said \u201cno\u201d\u201d\u201d\"\"",
    'He said "yes" and"no"and "maybe Putin said',
    'Putin told reporters that Russia would "\u201cleave\u201d".',
    "date 2022-02-30\nA date header that is no date.",
    "\n\n\n   Russia   \n\n",
    "\U0001f600" * 50 + " Putin met Macron.",
    "a" * 3000 + " Putin met Macron.",
]


def _dump(obj: object) -> bytes:
    return json.dumps(obj).encode("utf-8")


def hostile_lines(seed: int = 7, repeat: int = 1) -> list[tuple[str, bytes]]:
    """(category, JSONL line) pairs: broken JSON, wrong types, bad dates, bad encodings, lone
    surrogates, deep nesting, huge numbers, odd texts and extreme dates; seeded and shuffled."""
    rng = random.Random(seed)
    good = {"id": "g", "date": "2022-02-10", "text": GOOD_TEXT}
    out: list[tuple[str, bytes]] = []
    for r in range(repeat):
        g = dict(good, id=f"good{r}")
        out += [("good", _dump(g))]
        whole = _dump(dict(g, id=f"cut{r}"))
        for cut in rng.sample(range(1, len(whole) - 1), 6):
            out.append(("broken_json", whole[:cut]))
        out += [("broken_json", b"{'id': 1}"), ("broken_json", b"{\"id\": \"x\",}"),
                ("broken_json", whole + b" trailing"),
                ("broken_json", b"[1, 2, 3]"), ("broken_json", b"\"just a string\""), ("broken_json", b"42"),
                ("broken_json", b"null"), ("broken_json", b"{}")]
        for field, value in [("text", 42), ("text", None), ("text", ["a"]), ("text", {"t": "x"}), ("text", True),
                             ("id", 1.5), ("id", ["a"]), ("id", {"a": 1}), ("id", True), ("id", False),
                             ("title", 42), ("title", ["x"]), ("title", {"x": 1}), ("title", True),
                             ("date", 20220210), ("date", ["2022-02-10"]), ("url", 5), ("source", ["x"])]:
            out.append(("wrong_type", _dump({**g, "id": f"wt{r}-{field}-{len(out)}", field: value})))
        for bad in ["2022-13-01", "2022-02-30", "yesterday", "0000-00-00", "22-02-10", "2022-2-1", " ",
                    "2022-02-10T10:00"]:
            out.append(("bad_date", _dump(dict(g, id=f"bd{r}-{len(out)}", date=bad))))
        for raw in [b"\xff\xfe{}", b'{"id": "l1", "text": "caf\xe9"}', b"\xc3\x28", b'{"text": "\xed\xa0\x80"}']:
            out.append(("encoding", raw))
        for field in ("text", "id", "title", "url", "source", "date"):
            obj = dict(g, id=f"sur{r}-{field}", title="T", url="https://example.org/a", source="Agency")
            out.append(("surrogate", _dump(dict(obj, **{field: obj[field] + "\ud800"}))))
        out.append(("surrogate", b'{"id": "sur-esc", "text": "Putin \\udc80 met Macron."}'))
        out += [("nesting", b"[" * 100_000 + b"]" * 100_000),
                ("nesting", b'{"id": "n1", "text": "x", "title": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"),
                ("deep_extra",
                 b'{"id": "n2", "text": "Putin met Macron.", "extra": ' + b'{"a":' * 200 + b"1" + b"}" * 200 + b"}")]
        out += [("number", b'{"id": ' + b"9" * 5000 + b', "text": "x"}'),
                ("number", b'{"id": ' + b"9" * 4000 + b', "text": "Putin met Macron."}'),
                ("number", b'{"id": 1e400, "text": "x"}'), ("number", b'{"id": NaN, "text": "x"}'),
                ("number", b'{"id": -Infinity, "text": "x"}'),
                ("number", b'{"id": 18446744073709551617, "text": "Putin met Macron."}'),
                ("number", b'{"id": 7, "text": "Putin met Macron in Moscow."}')]
        for i, text in enumerate(ODD_TEXTS):
            out.append(("odd_text", _dump({"id": f"odd{r}-{i}", "date": "2022-02-10", "text": text})))
        for day in ("0001-01-01", "9999-12-31"):
            text = ("Putin met Macron yesterday, a day after talks on Friday, and will meet again next week "
                    "and tomorrow.")
            out.append(("extreme_date", _dump({"id": f"ext{r}-{day}", "date": day, "text": text})))
    rng.shuffle(out)
    return out


def blank_or_item(line: bytes) -> bool:
    """Whether a JSONL line is an item (blank lines are skipped, not articles)."""
    return bool(line.strip())


def hostile_files(folder: Path) -> dict[str, int]:
    """Write odd files into ``folder``; return {file name: items it must give}."""
    good = _dump({"id": "f1", "date": "2022-02-10", "text": GOOD_TEXT}) + b"\n"
    files = {
        "UPPER.JSONL": (good, 1),
        "bom.jsonl": (codecs.BOM_UTF8 + good, 1),
        "bom.txt": (codecs.BOM_UTF8 + GOOD_TEXT.encode(), 1),
        "utf16.txt": (GOOD_TEXT.encode("utf-16"), 1),
        "utf16.jsonl": (good.decode().encode("utf-16"), 1),
        "empty.jsonl": (b"", 1),
        "blank.jsonl": (b"\n\n  \n", 1),
        "empty.txt": (b"", 1),
        "table.csv": (b"id,date,text\nc1,2022-02-10,Putin met Macron.\n", 1),
        "dups.jsonl": (good + good + _dump({"id": "f2", "text": GOOD_TEXT}) + b"\n", 3),
        "latin1.txt": ("Caf\u00e9 Putin met Macron.".encode("latin-1"), 1),
        "binary.txt": (bytes(range(256)), 1),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    return {name: n for name, (_, n) in files.items()}


def _read_lines(tmp_path: Path, lines: list[bytes]) -> list[Article | ArticleError]:
    path = tmp_path / "hostile.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    return list(read(path))


def test_every_hostile_line_is_one_article_or_one_error(tmp_path):
    lines = hostile_lines(seed=11, repeat=2)
    items = _read_lines(tmp_path, [line for _, line in lines])
    assert len(items) == sum(1 for _, line in lines if blank_or_item(line))
    for (category, _), item in zip(lines, items, strict=False):
        if category in {"broken_json", "encoding", "surrogate", "nesting"}:
            assert isinstance(item, ArticleError) and item.reason, category
        assert item.input == str((tmp_path / "hostile.jsonl").resolve())
        if isinstance(item, Article):  # what is read is valid: it encodes, ids are strings
            item.text.encode("utf-8")
            assert isinstance(item.id, str) and (item.title is None or isinstance(item.title, str))


@pytest.mark.parametrize("line, reason", [
    (b'{"id": "s", "text": "Putin \\ud800 met Macron."}', "lone surrogate U+D800"),
    (b'{"id": "s\\udfff", "text": "x"}', "'id' is not valid Unicode"),
    (b'{"id": "s", "text": "x", "title": "T\\ud800"}', "'title' is not valid Unicode"),
    (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    (b'{"id": ' + b"9" * 5000 + b', "text": "x"}', "more than 4,300 digits"),
    (b'{"id": ' + b"9" * 4000 + b', "text": "x"}', "'id' too long"),
    (b'{"id": true, "text": "x"}', "'id' must be a string or an integer, got true"),
    (b'{"id": 1.5, "text": "x"}', "got number"),
    (b'{"id": ["a"], "text": "x"}', "got array"),
    (b'{"id": "t", "text": "x", "title": 42}', "'title' must be a string or null, got number"),
    (b'{"id": "t", "text": "x", "url": {"a": 1}}', "'url' must be a string or null, got object"),
    (b'{"id": NaN, "text": "x"}', "NaN is not a JSON number"),
    (b'{"id": "n", "text": "a\\u0000b"}', "NUL bytes"),
    (b'null', "not an object (got null)"),
])
def test_hostile_line_reason(tmp_path, line, reason):
    (item,) = _read_lines(tmp_path, [line])
    assert isinstance(item, ArticleError) and reason in item.reason


def test_integer_id_is_kept_as_its_digits(tmp_path):
    (item,) = _read_lines(tmp_path, [b'{"id": 18446744073709551617, "text": "Putin met Macron."}'])
    assert isinstance(item, Article) and item.id == "18446744073709551617"


def test_odd_files(tmp_path):
    expected = hostile_files(tmp_path)
    got = {name: list(read(tmp_path / name)) for name in expected}
    assert {name: len(items) for name, items in got.items()} == expected
    for name in ("UPPER.JSONL", "bom.jsonl", "utf16.jsonl"):
        (item,) = got[name]
        assert isinstance(item, Article) and item.id == "f1" and item.text == GOOD_TEXT, name
    for name in ("bom.txt", "utf16.txt"):
        (item,) = got[name]
        assert isinstance(item, Article) and item.text == GOOD_TEXT, name
    for name, reason in [("empty.jsonl", "empty input"), ("blank.jsonl", "empty input"), ("empty.txt", "empty article"),
                         ("table.csv", "CSV is not read"), ("latin1.txt", "not UTF-8"), ("binary.txt", "NUL")]:
        (item,) = got[name]
        assert isinstance(item, ArticleError) and reason in item.reason, name


def test_folder_matches_extensions_in_any_case_and_reports_csv(tmp_path):
    hostile_files(tmp_path)
    names = [Path(i.origin.split(":")[0]).name for i in read(tmp_path)]
    assert "UPPER.JSONL" in names and "table.csv" in names and "latin1.txt" in names


def test_duplicate_ids_first_wins(tmp_path):
    hostile_files(tmp_path)
    items = list(read_all([tmp_path / "dups.jsonl", tmp_path / "UPPER.JSONL"]))
    assert [type(i).__name__ for i in items] == ["Article", "ArticleError", "Article", "ArticleError"]
    assert "duplicate article id 'f1'" in items[1].reason and items[1].origin.endswith("dups.jsonl:2")
    assert "first read at" in items[3].reason and items[3].article_id == "f1"


def test_bom_and_utf16_on_a_stream():
    good = _dump({"id": "s1", "text": GOOD_TEXT})
    for data in (codecs.BOM_UTF8 + good, (good.decode() + "\n").encode("utf-16"),
                 (good.decode() + "\n").encode("utf-32")):
        (item,) = list(read_jsonl(iter(data.splitlines(keepends=True)), "<stdin>"))
        assert isinstance(item, Article) and item.id == "s1"


def test_dates_given_as_datetime_keep_their_day():
    from eventlens.ingest import make_article

    article = make_article("Putin met Macron.", date=datetime(2022, 2, 10, 15, 30))
    assert article.date == date(2022, 2, 10) and type(article.date) is date


def test_guard_keeps_offsets_and_blanks_long_punctuation_runs():
    from eventlens.guards import guard

    text = 'Putin said ' + '"' * 25_000 + ' and $' + "$" * 40_000 + "x. A normal -- dash... and ****."
    guarded = guard(text)
    assert len(guarded) == len(text)
    assert max(len(run) for run in guarded.split()) < 128
    for i, (a, b) in enumerate(zip(text, guarded, strict=False)):  # only run middles change, and only to spaces
        assert a == b or b == " ", i
    assert guard("A normal -- dash... and ****.") == "A normal -- dash... and ****."


def test_time_budget_interrupts_and_reports():
    import time

    from eventlens.budget import OverBudget, time_budget

    with pytest.raises(OverBudget):
        with time_budget(0.05):
            time.sleep(5)
    with time_budget(0) as budget:  # no budget
        pass
    assert not budget.over
