"""Build ``src/eventlens/data/lexical/word_classes.tsv.gz`` from the Open English WordNet.

The learned event layer reads, for each verb and event noun, its WordNet lexicographer file
("verb.competition") and the hypernyms of its first senses ("criticize", "attack"), so a word it
never saw in training ("lambaste") shares features with words it did ("criticise", "condemn").

Usage (once, by a maintainer; the package ships the output):

    pip install pyyaml
    git clone https://github.com/globalwordnet/english-wordnet   # or any copy of its src/yaml/
    python scripts/build_word_classes.py path/to/english-wordnet

Licence of the output: the Open English WordNet is CC BY 4.0 (Open English WordNet team), derived
from Princeton WordNet under the WordNet licence; see src/eventlens/data/lexical/README.md.
Only facts are kept: lemma, part of speech, lexicographer file and hypernym head words.
"""

from __future__ import annotations

import gzip
import sys
from pathlib import Path

import yaml

SENSES = 2  # first senses of a lemma whose classes are kept
DEPTH = 3  # hypernym steps above each sense
# Noun lexicographer files whose nouns can name an event ("attack", "talks", "sanctions").
EVENT_NOUN_FILES = ("noun.act", "noun.event", "noun.communication", "noun.phenomenon", "noun.possession")
OUT = Path(__file__).resolve().parents[1] / "src" / "eventlens" / "data" / "lexical" / "word_classes.tsv.gz"


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def main(root: Path) -> int:
    folder = root / "src" / "yaml"
    synsets: dict[str, tuple[str, str, list[str]]] = {}  # id -> (lexfile, head word, hypernym ids)
    for path in sorted(folder.glob("verb.*.yaml")) + sorted(folder.glob("noun.*.yaml")):
        lexfile = path.stem
        for sid, entry in _load(path).items():
            synsets[sid] = (lexfile, entry["members"][0].replace(" ", "_"), entry.get("hypernym", []))
    rows: list[str] = []
    for path in sorted(folder.glob("entries-*.yaml")):
        for lemma, by_pos in _load(path).items():
            lemma = str(lemma)
            if not lemma.isascii() or " " in lemma:
                continue
            for pos in ("v", "n"):
                senses = (by_pos.get(pos) or {}).get("sense", [])[:SENSES]
                classes: list[str] = []
                for sense in senses:
                    sid = sense["synset"]
                    if sid not in synsets:
                        continue
                    lexfile, _, hypernyms = synsets[sid]
                    if pos == "n" and lexfile not in EVENT_NOUN_FILES:
                        continue
                    classes.append(lexfile)
                    frontier, steps = list(hypernyms), 0
                    while frontier and steps < DEPTH:
                        parent = frontier[0]
                        if parent not in synsets:
                            break
                        classes.append(synsets[parent][1])
                        frontier, steps = synsets[parent][2], steps + 1
                if classes:
                    unique = list(dict.fromkeys(classes))
                    rows.append(f"{lemma.lower()}\t{pos}\t{' '.join(unique)}")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    header = "# lemma\tpos\tclasses (WordNet lexicographer file, then hypernym head words); Open English WordNet, CC BY 4.0\n"
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as fh:
        fh.write(header + "\n".join(sorted(set(rows))) + "\n")
    print(f"{OUT}: {len(rows)} lemma entries")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(Path(sys.argv[1])))
