"""PETRARCH/TABARI verb dictionaries: reading, pattern compiling and matching on parsed tokens."""

from __future__ import annotations

import pytest

from eventlens import events, ontology
from eventlens.events import verbdicts
from eventlens.models import Actor

SAMPLE = """\
<!-- a comment line -->
&TIETYPES
+MILITARY
+ECONOMIC
+CULTURAL_EXCHANGE

--- RESTORE  [064] ---
RESTORE   # a comment
RENEW {RENEWED RENEWING}
WIRE_+TAP [1711]
- * &TIETYPES TIES [062]
- SAID * TIES [063]
- * WITH + [067]
- IN_* [068]
- NOT * [069]
--- DELAY [---] ---
DELAY
- * MEETING [191]
- * &NOSUCHSET [999]
- no star here [111]
"""


@pytest.fixture(scope="module")
def sample() -> verbdicts.VerbFile:
    return verbdicts.read_verb_lines(SAMPLE.splitlines(), "sample.txt")


def test_blocks_forms_and_codes(sample):
    restore, delay = sample.blocks
    assert (restore.name, restore.code, delay.code) == ("RESTORE", "064", None)
    assert [f.words for f in restore.forms] == [("restore",), ("renew",), ("renewed",), ("renewing",), ("wire", "tap")]
    tap = restore.forms[-1]
    assert (tap.key, tap.code) == ("tap", "1711")


def test_synsets_expand_to_word_sequences(sample):
    assert verbdicts.expand_set("TIETYPES", sample.synsets) == [("military",), ("economic",), ("cultural", "exchange")]


def test_bad_lines_are_problems_not_errors(sample):
    assert len(sample.problems) == 2
    assert any("NOSUCHSET" in p for p in sample.problems) and any("without '*'" in p for p in sample.problems)
    assert len(sample.blocks[1].patterns) == 1


def test_pattern_elements_and_joins(sample):
    pattern = sample.blocks[0].patterns[3]  # IN_*
    assert pattern.verb_joined and [e.words for e in pattern.pre] == [(("in",),)]
    with_target = sample.blocks[0].patterns[2]
    assert with_target.slots() == {"target"} and with_target.weight == 2


def _match(parsed, sample, text, verb_word):
    doc, _ = parsed(text)
    tokens = list(doc)
    at = next(i for i, t in enumerate(tokens) if t.text == verb_word)
    found = verbdicts.best_match(sample.blocks[0].patterns, tokens, at, lambda t: t.text in ("Gondor", "Arnor"))
    return found.pattern.code if found else None


@pytest.mark.parametrize(
    ("text", "verb", "code"),
    [
        ("Arnor restored economic ties with Gondor.", "restored", "062"),  # longest pattern wins
        ("Arnor said it restored ties.", "restored", "063"),
        ("Arnor restored contacts with Gondor.", "restored", "067"),
        ("Arnor restored nothing.", "restored", None),
        ("Arnor did not restore order.", "restore", "069"),
    ],
)
def test_best_match(parsed, sample, text, verb, code):
    assert _match(parsed, sample, text, verb) == code


def test_joined_pre_word_must_touch_the_verb(parsed, sample):
    assert _match(parsed, sample, "In the end Arnor restored order.", "restored") is None


def test_multi_word_form_needs_its_words(parsed, sample):
    doc, _ = parsed("Soldiers wire tapped the lines. Soldiers tapped the lines.")
    tokens = list(doc)
    form = sample.blocks[0].forms[-1]
    taps = [i for i, t in enumerate(tokens) if t.text == "tapped"]
    assert [verbdicts.form_matches(form, tokens, i) for i in taps] == [True, False]


def test_user_verb_file_codes_events(tmp_path, parsed):
    path = tmp_path / "my.verbs.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    lexicon = events.load_lexicon(verb_files=[path], with_toml=False)
    doc, article = parsed("Arnor has renewed military ties with Gondor.")
    a, g = article.text.find("Arnor"), article.text.find("Gondor")
    actors = [Actor("a1", "Arnor", a, a + 5, "ARN", "Arnor", kind="country"),
              Actor("a2", "Gondor", g, g + 6, "GON", "Gondor", kind="country")]
    found = events.find(doc, actors, lexicon)
    assert [(f.source.code, f.target.code, f.code) for f in found] == [("ARN", "GON", "062")]
    assert found[0].rule.startswith("dict:renew line")
    assert events.extract(doc, actors, ontology.load(), lexicon=lexicon)[0].code == "062"


def test_packaged_cameo_dictionary_compiles():
    files = events.packaged_verb_files()
    assert [f.name for f in files] == ["CAMEO.2.0.txt"]
    read = verbdicts.read_verb_file(files[0])
    assert len(read.blocks) > 300 and read.pattern_count() > 4000
    assert len(read.problems) < 10  # a handful of malformed lines are reported and skipped
