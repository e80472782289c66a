"""The learned event layer: weight-file errors, inference, what it codes and leaves alone, and training."""

from __future__ import annotations

import json
import logging

import numpy as np
import pytest

from builders import actors_in
from eventlens import events, ontology
from eventlens.config import load_settings
from eventlens.events.learned import NONE, EventModel, ModelError, load_model
from test_events import ACTORS


@pytest.fixture(scope="module")
def model():
    return events.load_event_model()


@pytest.fixture()
def coded(parsed, model):
    """Events of a text with hand-built actors, with the packaged model (or without: ``use_model=False``)."""

    def _coded(text: str, use_model: bool = True):
        doc, article = parsed(text)
        actors = actors_in(article.text, ACTORS, kind="country")
        return events.extract(doc, actors, ontology.load(), model=model if use_model else None)

    return _coded


def _tiny(classes=(NONE, "190", "042")) -> EventModel:
    weights = np.array([[2.0, 3.0, -1.0], [-4.0, 0.0, 0.0]], dtype=np.float32)
    return EventModel({"L=shell": 0, "L=say": 1}, weights, np.zeros(3, dtype=np.float32), classes, 0.5, {})


def test_missing_weight_file_is_an_error_naming_it(tmp_path):
    where = tmp_path / "nowhere.npz"
    with pytest.raises(ModelError, match="nowhere.npz"):
        load_model(str(where))


def test_corrupt_weight_file_is_an_error_naming_it(tmp_path):
    bad = tmp_path / "bad.npz"
    bad.write_bytes(b"not a numpy archive")
    with pytest.raises(ModelError, match="bad.npz"):
        load_model(str(bad))


def test_inconsistent_weight_file_is_refused(tmp_path):
    path = tmp_path / "odd.npz"
    np.savez_compressed(path, vocabulary=np.array(["L=a"]), weights=np.zeros((2, 3), dtype=np.float16),
                        bias=np.zeros(3, dtype=np.float32), classes=np.array([NONE, "190", "042"]),
                        meta=np.array(json.dumps({"threshold": 0.5})))
    with pytest.raises(ModelError, match="inconsistent"):
        load_model(str(path))


def test_saved_model_loads_back(tmp_path):
    path = tmp_path / "m.npz"
    _tiny().save(path)
    again = load_model(str(path))
    assert again.classes == (NONE, "190", "042") and again.threshold == 0.5
    assert np.allclose(again.weights, _tiny().weights)


def test_probabilities_split_event_and_code():
    """Column "none" is 1 - P(event); the code columns share P(event) by the code softmax."""
    probs = _tiny().probabilities([["L=shell"], ["L=say"], ["L=unknown"]])
    assert np.allclose(probs.sum(axis=1), 1.0)
    p_event = 1 / (1 + np.exp(-2.0))
    assert probs[0, 0] == pytest.approx(1 - p_event)
    assert probs[0, 1] > probs[0, 2]  # "shell" is a 190 word
    assert probs[1, 0] > 0.95  # "say" states no event here
    best = _tiny().best(probs)
    assert best[0][:2] == (0, "190")


def test_the_model_codes_what_no_rule_codes(coded):
    text = "Germany shipped tents and blankets to Ukraine."
    assert coded(text, use_model=False) == []
    (event,) = coded(text)
    assert (event.source, event.target, event.root) == ("DEU", "UKR", "07")
    assert event.rule.startswith("model:") and event.confidence <= 0.75


@pytest.mark.parametrize("text", [
    "Russia may pound Ukraine with drones.",
    "Russia did not pound Ukraine with drones.",
    "If talks fail, Russia could launch an offensive against Ukraine.",
])
def test_the_model_leaves_hypothetical_and_negated_acts_alone(coded, text):
    assert coded(text) == []


def test_a_threat_takes_its_target_from_the_threatened_act(coded):
    evs = coded("Iran threatened to attack Britain.")
    assert [(e.source, e.target, e.root) for e in evs] == [("IRN", "GBR", "13")]


def test_the_model_recodes_a_dictionary_fallback_it_disagrees_with(coded):
    text = "Iran slapped fresh penalties on Britain."
    (by_dictionary,) = coded(text, use_model=False)
    assert by_dictionary.root == "18"  # CAMEO.2.0 reads "slap" as a physical assault
    (event,) = coded(text)
    assert event.root != "18" and event.rule.startswith("model:slap over dict:")


@pytest.mark.parametrize("text, code", [
    ("Russia commenced assaults on Ukraine.", "190"),
    ("Germany conducted an investigation into Iran.", "091"),
])
def test_a_light_verb_keeps_the_dictionary_code_its_object_backs(coded, text, code):
    (event,) = coded(text)
    assert (event.code, event.rule.startswith("dict:")) == (code, True)


def test_a_sentence_with_too_many_words_is_skipped_with_a_reason(parsed, model, caplog):
    from eventlens.events.learned import MAX_CANDIDATES, model_events
    from eventlens.events.mentions import ActorIndex

    text = "Russia attacked " + ", ".join(["towns"] * (MAX_CANDIDATES + 5)) + " in Ukraine."
    doc, article = parsed(text)
    index = ActorIndex(actors_in(article.text, ACTORS, kind="country"))
    with caplog.at_level(logging.INFO, logger="eventlens.events.learned"):
        assert model_events(doc[:], model, None, index) == []
    assert "candidate words" in caplog.text


def test_the_packaged_model_is_small_and_whole(model):
    from eventlens.events.learned import packaged_model_path

    assert packaged_model_path().stat().st_size < 4_000_000
    assert model.weights.shape == (len(model.vocabulary), len(model.classes))
    assert {"190", "042", "111", "173"} <= set(model.classes)
    assert 0 < model.threshold < 1


# ---------------------------------------------------------------- training

OUR_SENTENCES = [
    ("t1", "Rebel gunners shelled the border town overnight.", "194", "shelled"),
    ("t2", "Artillery units shelled villages near the river on Monday.", "194", "shelled"),
    ("t3", "The army shelled rebel positions in the hills.", "194", "shelled"),
    ("t4", "Government troops shelled the port city for a third day.", "194", "shelled"),
    ("t5", "The envoy visited the capital on Tuesday.", "042", "visited"),
    ("t6", "The foreign minister visited the neighbouring kingdom last week.", "042", "visited"),
    ("t7", "A trade delegation visited the island in March.", "042", "visited"),
    ("t8", "The president visited the troops at the front.", "042", "visited"),
]


def _records():
    out = [{"id": i, "text": t, "code": c, "source": None, "target": None, "trigger": g, "negative": None,
            "would_be": None} for i, t, c, g in OUR_SENTENCES]
    out.append({"id": "t9", "text": "The weather was mild in the capital.", "code": None, "source": None,
                "target": None, "trigger": None, "negative": "other", "would_be": None})
    return out


def test_training_learns_which_word_states_which_code():
    from eventlens.events import training

    examples = training.prepare(_records(), load_settings(env={}))
    model = training.fit(examples, c=10.0, threshold=0.3)
    probs = model.probabilities(examples[0].rows)
    i, code, p = model.best(probs)[0]
    assert code == "190"  # 194 has too few examples of its own: learned as its root's 190
    assert examples[0].labels[i] == "194" and p > 0.3


def test_training_data_problems_name_file_and_line(tmp_path):
    from eventlens.events import training

    good = json.dumps(_records()[0])
    path = tmp_path / "ours.jsonl"
    path.write_text(good + "\n" + json.dumps({**_records()[1], "trigger": "bombed"}) + "\n", encoding="utf-8")
    with pytest.raises(training.TrainingError, match=r"ours.jsonl:2: .*trigger 'bombed' is not in the text"):
        training.read_records([path], {"194", "042"})
    path.write_text(good + "\n" + good + "\n", encoding="utf-8")
    with pytest.raises(training.TrainingError, match="ours.jsonl:2: duplicate id"):
        training.read_records([path], {"194", "042"})
    with pytest.raises(training.TrainingError, match="not found"):
        training.read_records([tmp_path / "missing"], {"194"})


def test_the_shipped_training_data_is_well_formed():
    """Every line of training/events/ passes the checks ``eventlens train`` applies."""
    from eventlens.events import training

    records = training.read_records([training.default_data_dir()])
    assert len(records) > 5000
    codes = {r["code"][:2] for r in records if r["code"]}
    assert codes == {f"{root:02d}" for root in range(1, 21)}  # every CAMEO root is covered


def test_a_missing_weight_file_stops_the_command_before_any_output(tmp_path):
    """One line naming the file, exit status 3, and the output file never created."""
    import os
    import subprocess
    import sys

    src = tmp_path / "in.jsonl"
    src.write_text('{"id": "x", "text": "Russia shelled Ukraine."}\n', encoding="utf-8")
    out = tmp_path / "out.jsonl"
    env = {**os.environ, "EVENTLENS_EVENT_MODEL": str(tmp_path / "gone.npz")}
    run = subprocess.run([sys.executable, "-m", "eventlens.cli", "extract", str(src), "-o", str(out)],
                         capture_output=True, text=True, env=env, timeout=120)
    assert run.returncode == 3
    assert run.stderr.strip().splitlines() == [f"error: event model not found: {tmp_path / 'gone.npz'} "
                                               "(rebuild it with `eventlens train`)"]
    assert not out.exists()


def test_a_hostile_act_told_by_its_victim_is_an_accusation(coded):
    evs = coded("Ukraine said Russia had broken the truce.")
    assert [(e.source, e.target, e.code) for e in evs] == [("UKR", "RUS", "112")]
    assert evs[0].trigger == "said"


def test_an_act_told_by_its_author_is_no_accusation(coded):
    evs = coded("Russia said it had broken the truce.")
    assert all(e.code != "112" for e in evs)


def test_a_stated_commitment_is_an_intent_and_a_negated_one_is_nothing(coded):
    assert [(e.source, e.target, e.root) for e in coded("Hamas said they would release Israel's captives.")] == [
        ("PSEREB", "ISR", "03")]
    assert coded("Russia did not agree to withdraw from Ukraine.") == []
    assert coded("Russia may agree to withdraw from Ukraine.") == []



@pytest.mark.parametrize("text, target", [
    ("Canada has offered to send troops to help the army of Mali.", "MLIMIL"),
    ("Germany sent peacekeepers to help the army of Mali.", "MLIMIL"),
])
def test_forces_the_source_sends_are_not_its_target(parsed, actors_at, model, text, target):
    doc, article = parsed(text, date="2017-06-06")
    evs = events.extract(doc, actors_at(text, "2017-06-06"), ontology.load(), model=model)
    assert evs and {e.target for e in evs} == {target}
