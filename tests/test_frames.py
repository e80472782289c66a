"""Event frames: intents, appeals, demands, refusals and threats whose content is another act."""

from __future__ import annotations

import pytest

from eventlens import ontology
from eventlens.events.frames import frame_table, packaged_frames_text, read_frames
from test_learned import coded, model  # noqa: F401  (fixtures)


def test_every_code_in_the_frame_table_is_a_cameo_code():
    known = set(ontology.load().codes())
    table = read_frames(packaged_frames_text(), known)
    assert {k.name for k in table.kinds} == {"intent", "appeal", "demand", "refuse", "threaten"}


def test_an_unknown_code_in_the_frame_table_is_named():
    text = """
[frame.intent]
root = "03"
words = ["agree"]
column = 0
target = "content"
[content]
"08" = ["0399"]
"""
    with pytest.raises(ValueError, match="0399"):
        read_frames(text, {"035"})


@pytest.mark.parametrize(("frame", "content", "code"), [
    ("intent", "0874", "0356"),   # agreed to withdraw -> intent to de-escalate
    ("intent", "0841", "0353"),   # pledged to free -> intent to release
    ("intent", "195", "1384"),    # vowed to bomb -> a threat of conventional attack
    ("refuse", "085", "1244"),    # refused to lift the embargo
    ("refuse", "042", "125"),     # refused to visit -> reject a meeting
    ("appeal", "084", "0253"),    # urged X to free -> appeal for release
    ("demand", "0831", "1041"),   # demanded that X resign -> demand a change of leader
    ("threaten", "163", "1312"),  # threatened to impose sanctions
    ("refuse", "124", "124"),     # already a refusal: its own code stands
    ("intent", "124", "035"),     # "is willing to withdraw" read as refuse-to-yield: intent to yield
    ("intent", "1243", "0353"),   # read as refusing to release: intent to release
    ("appeal", "0331", "0231"),   # read as an intent to give economic aid: an appeal for it
])
def test_a_frame_codes_its_content_in_its_own_root(frame, content, code):
    table = frame_table()
    assert table.code_for(table.named(frame), content) == code


def test_a_frame_without_a_cameo_code_for_its_content_gives_none():
    table = frame_table()
    assert table.code_for(table.named("appeal"), "190") is None


@pytest.mark.slow
def test_an_intent_is_coded_as_the_intent_not_the_act(coded):  # noqa: F811
    (event,) = coded("Russia agreed to withdraw its troops from the border with Ukraine.")
    assert (event.source, event.root) == ("RUS", "03")
    assert event.trigger == "agreed"


@pytest.mark.slow
def test_a_refusal_is_a_rejection_of_the_refused_act(coded):  # noqa: F811
    evs = coded("Germany refused to lift its sanctions on Iran.")
    assert [(e.source, e.target, e.root) for e in evs] == [("DEU", "IRN", "12")]


@pytest.mark.slow
def test_a_negated_intent_is_no_event(coded):  # noqa: F811
    assert coded("Russia did not agree to withdraw its troops from Ukraine.") == []


@pytest.mark.slow
def test_a_negated_future_is_a_refusal_of_the_act(coded):  # noqa: F811
    evs = coded("Iran will not negotiate with Britain, its foreign minister said.")
    assert [(e.source, e.target, e.root) for e in evs] == [("IRN", "GBR", "12")]


@pytest.mark.slow
def test_a_negated_past_act_is_still_no_event(coded):  # noqa: F811
    assert coded("Iran did not negotiate with Britain, its foreign minister said.") == []


@pytest.mark.slow
def test_a_subject_split_by_the_parser_is_read_from_its_head_word(parsed):
    from eventlens.events.syntax import subject_of

    doc, _ = parsed("The rebel Free Syrian Army on Wednesday threatened to shell the town.")
    verb = next(t for t in doc if t.lower_ == "threatened")
    subject, inherited = subject_of(verb)
    assert (subject.text, inherited) == ("Army", False)
