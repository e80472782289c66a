"""Check the hand-written event training sentences: python training/check.py training/events/FILE.jsonl ...

Each line is one JSON object:
  id        unique string
  text      one news sentence (our own words)
  code      CAMEO code string of the sentence's main event ("190"), or null for a non-event
  source    exact substring of text naming who acts (null when implicit)
  target    exact substring of text naming who is acted upon (null when implicit)
  trigger   exact substring of text that states the event (verb or noun phrase); null for pure non-events
  negative  null for an event; otherwise why it is not an event: negated, future, hypothetical,
            conditional, denied, feared, cancelled, accidental, no_target, generic, death_toll, other
  would_be  for a negative that mirrors an event: the code it would have if it had happened; else null
"""
import csv
import json
import sys
from pathlib import Path

ONTOLOGY = Path(__file__).resolve().parents[2] / "shared" / "ontology" / "cameo_event_codes.csv"
WHY = {"negated", "future", "hypothetical", "conditional", "denied", "feared", "cancelled", "accidental",
       "no_target", "generic", "death_toll", "other"}


def main(paths: list[str]) -> int:
    codes = {row["code"] for row in csv.DictReader(ONTOLOGY.open())}
    bad = 0
    seen: set[str] = set()
    texts: set[str] = set()
    for path in paths:
        for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                print(f"{where}: bad JSON: {exc}"); bad += 1; continue
            problems = []
            text = rec.get("text") or ""
            if rec.get("id") in seen:
                problems.append(f"duplicate id {rec.get('id')}")
            seen.add(rec.get("id"))
            if text in texts:
                problems.append("duplicate text")
            texts.add(text)
            code, neg = rec.get("code"), rec.get("negative")
            if code is not None and code not in codes:
                problems.append(f"unknown code {code!r}")
            if (code is None) == (neg is None):
                problems.append("exactly one of code and negative must be set")
            if neg is not None and neg not in WHY:
                problems.append(f"unknown negative reason {neg!r}")
            if rec.get("would_be") is not None and rec["would_be"] not in codes:
                problems.append(f"unknown would_be {rec['would_be']!r}")
            for field in ("source", "target", "trigger"):
                value = rec.get(field)
                if value is not None and value not in text:
                    problems.append(f"{field} {value!r} not in text")
            if code is not None and rec.get("trigger") is None:
                problems.append("an event needs a trigger")
            for p in problems:
                print(f"{where}: {p}")
            bad += bool(problems)
    print(f"{len(seen)} records, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
