"""Tests for speaker finding and naming: colons, the last speech verb, appositions, surnames,
institutions, pronouns over coreference slips, and subjects parsed inside quote marks."""

from __future__ import annotations

import re

from eventlens.models import Actor
from eventlens.quotes import attribute, extract


def actors(text: str, table: dict[str, tuple[str, str, str]]) -> list[Actor]:
    """Hand-built actor mentions: each pattern of ``table`` maps to (name, code, kind)."""
    found = [(m.start(), m.end(), m.group(), *spec) for pat, spec in table.items() for m in re.finditer(pat, text)]
    return [
        Actor(id=f"a{i}", text=t, start=s, end=e, name=n, code=c, kind=k)
        for i, (s, e, t, n, c, k) in enumerate(sorted(found), 1)
    ]


def only(quotes, qtype):
    """The single quote of ``qtype``."""
    (quote,) = [q for q in quotes if q.type == qtype]
    return quote


def test_colon_without_a_verb_names_the_source_before_it(parsed):
    doc, article = parsed("A word from Maria Costa: 'Keep the harbour open to every ship.'")
    (found,) = attribute(doc, article, [])
    start, end = found.speaker_span
    assert "Costa" in article.text[start:end]


def test_standalone_quote_takes_the_speech_verb_of_the_sentence_before(parsed):
    text = 'The cabinet will wait for the audit, Okafor said. "The budget comes first."'
    doc, article = parsed(text)
    quote = only(extract(doc, article, []), "direct")
    assert (quote.speaker, quote.speaker_text) == ("Okafor", "Okafor")


def test_negated_speech_verb_does_not_take_the_quote(parsed):
    text = '"We have had problems," Obama said. Putin did not suggest retaliation. "Our goal is norms."'
    doc, article = parsed(text)
    table = {r"Obama": ("Barack Obama", "USAGOV", "person")}
    second = extract(doc, article, actors(article.text, table))[-1]
    assert (second.quote, second.speaker) == ("Our goal is norms.", "Barack Obama")


def test_subject_parsed_inside_other_quote_marks_is_not_the_speaker(parsed):
    text = (
        "“She is right. The ministry and the army no longer talk to each other,” Moreau, a senior party figure, "
        "said Thursday morning on the “Morning Hour” programme. "
        "“Frankly, the officers are angry.”"
    )
    doc, article = parsed(text)
    for found in attribute(doc, article, []):
        start, end = found.speaker_span
        assert article.text.index("Moreau") <= start < article.text.index(" said Thursday")


def test_title_takes_the_name_in_apposition(parsed):
    text = "In a statement, Kuwait's ruler, Sheikh Sabah al-Ahmad al-Sabah, urged him to give a chance to talks."
    table = {
        r"Kuwait's ruler": ("Kuwait's ruler", "KWTGOV", "title"),
        r"Sheikh Sabah al-Ahmad al-Sabah": ("Sabah al-Ahmad al-Jaber al-Sabah", "KWTGOV", "person"),
    }
    doc, article = parsed(text)
    quote = only(extract(doc, article, actors(article.text, table)), "indirect")
    assert (quote.speaker, quote.speaker_code) == ("Sabah al-Ahmad al-Jaber al-Sabah", "KWTGOV")


def test_apposition_after_a_prepositional_phrase_names_the_speaker(parsed):
    text = "In Moscow, the Kremlin's envoy for Afghanistan, Zamir Kabulov, said Russia's ambassador would meet them."
    table = {
        r"the Kremlin's envoy": ("Kremlin's envoy", "RUSGOV", "title"),
        r"Zamir Kabulov": ("Zamir Kabulov", "RUSGOV", "person"),
    }
    doc, article = parsed(text)
    quote = only(extract(doc, article, actors(article.text, table)), "indirect")
    assert quote.speaker == "Zamir Kabulov"


def test_bare_surname_takes_the_first_person_with_that_name(parsed):
    text = (
        "Officers arrested President Ali Bongo Ondimba and his son Noureddin Bongo Valentin. "
        "In a video, Bongo appealed to “all the friends that we have” to help."
    )
    table = {
        r"President Ali Bongo Ondimba": ("Ali Bongo Ondimba", "GABGOV", "person"),
        r"Noureddin Bongo Valentin": ("Noureddin Bongo Valentin", "GABGOV", "person"),
    }
    doc, article = parsed(text)
    quote = only(extract(doc, article, actors(article.text, table)), "partial")
    assert (quote.speaker, quote.speaker_text) == ("Ali Bongo Ondimba", "Bongo")


def test_institution_metonym_keeps_its_own_name_and_city_takes_the_country(parsed):
    text = "The White House said it understood the decision. Washington said the talks would go on."
    table = {
        r"The White House": ("United States", "USAGOV", "metonym"),
        r"Washington": ("United States", "USAGOV", "metonym"),
    }
    doc, article = parsed(text)
    first, second = extract(doc, article, actors(article.text, table))
    assert (first.speaker, first.speaker_code) == ("White House", "USAGOV")
    assert second.speaker == "United States"


def test_pronoun_speaker_prefers_the_paragraph_subject_over_a_coreference_slip(parsed):
    text = (
        "French President Emmanuel Macron wrote that the regime was at stake. In a joint statement with "
        "British Prime Minister Theresa May, he urged Washington to avoid taking action."
    )
    doc, article = parsed(text)
    he = article.text.index(", he ") + 2
    table = {
        r"French President Emmanuel Macron": ("Emmanuel Macron", "FRAGOV", "person"),
        r"British Prime Minister Theresa May": ("Theresa May", "GBRGOV", "person"),
    }
    acts = actors(article.text, table)
    acts.append(Actor(id="a9", text="he", start=he, end=he + 2, code="GBRGOV", name="Theresa May", kind="pronoun"))
    urged = next(q for q in extract(doc, article, acts) if q.cue == "urged")
    assert (urged.speaker, urged.speaker_text) == ("Emmanuel Macron", "he")


RUSSIA = {
    r"Kremlin spokesman Dmitry Peskov|Peskov": ("Dmitry Peskov", "RUSGOV", "person"),
    r"Kremlin(?! spokesman)": ("Russia", "RUSGOV", "metonym"),
    r"President Vladimir Putin|Putin": ("Vladimir Putin", "RUSGOV", "person"),
}


def test_dateline_word_is_never_the_speaker(parsed):
    text = (
        "MOSCOW, Jan 1 - Kremlin spokesman Dmitry Peskov said on Saturday that President Vladimir Putin "
        "was 'ready for talks' with Ukraine."
    )
    doc, article = parsed(text, "2022-01-01")
    quotes = extract(doc, article, actors(article.text, RUSSIA))
    assert {(q.type, q.quote, q.speaker, q.cue) for q in quotes} == {
        ("partial", "ready for talks", "Dmitry Peskov", "said"),
    }
    assert {article.text[q.speaker_start : q.speaker_end] for q in quotes} == {"Kremlin spokesman Dmitry Peskov"}


def test_headline_names_the_source_that_says_or_labels_it(parsed):
    for text in ("Putin 'ready for talks' with Kyiv, Kremlin says", "Kremlin: Putin 'ready for talks' with Kyiv"):
        doc, article = parsed(text)
        quote = only(extract(doc, article, actors(article.text, RUSSIA)), "partial")
        assert (quote.quote, quote.speaker, quote.speaker_code) == ("ready for talks", "Kremlin", "RUSGOV")
        assert article.text[quote.speaker_start : quote.speaker_end] == "Kremlin"


def test_title_speaker_takes_the_name_of_its_actor(parsed):
    text = "Foreign Minister Wang Yi met Taliban leaders. The Chinese envoy said Beijing respected their will."
    table = {
        r"Foreign Minister Wang Yi": ("Wang Yi", "CHNGOV", "person"),
        r"The Chinese envoy": ("Wang Yi", "CHNGOV", "title"),
    }
    doc, article = parsed(text)
    quote = only(extract(doc, article, actors(article.text, table)), "indirect")
    assert (quote.speaker, quote.speaker_text, quote.speaker_code) == ("Wang Yi", "The Chinese envoy", "CHNGOV")


def test_surname_recognised_as_an_entity_takes_the_full_name(parsed):
    text = "Foreign Minister Wang Yi met Taliban leaders. Wang believes the group will play a key role."
    doc, article = parsed(text)
    table = {r"Foreign Minister Wang Yi": ("Wang Yi", "CHNGOV", "person")}
    quote = only(extract(doc, article, actors(article.text, table)), "indirect")
    assert (quote.speaker, quote.speaker_text, quote.cue) == ("Wang Yi", "Wang", "believes")


def test_a_relative_pronoun_is_the_mention_of_a_speaker_named_by_the_noun_it_stands_for(parsed):
    text = "The lease was opposed by Maria Costa, who said the harbour would lose its ferries."
    doc, article = parsed(text)
    table = {r"Maria Costa": ("Maria Costa", "XYZOPP", "person")}
    (found,) = attribute(doc, article, actors(article.text, table))
    quote = found.quote
    assert (quote.quote, quote.speaker, quote.speaker_text) == (
        "the harbour would lose its ferries", "Maria Costa", "who")
    start, end = found.speaker_span
    assert article.text[start:end] == "who"


def test_a_subject_beside_a_relative_clause_keeps_its_own_mention(parsed):
    text = "Several farmers, who have long complained about prices, said the new rules would ruin them."
    doc, article = parsed(text)
    quote = only(extract(doc, article, []), "indirect")
    assert (quote.speaker, quote.speaker_text) == ("Several farmers", "Several farmers")


def test_a_pronoun_resolved_to_a_name_inside_the_speaker_s_own_phrase_takes_up_the_speaker(parsed):
    text = ("Tomas Reyes, the chief adviser of Lena Varga's harbour campaigns, said on Sunday that he no longer "
            "believed the port had a future.")
    doc, article = parsed(text)
    table = {r"Lena Varga": ("Lena Varga", "XYZGOV", "person"),
             r"\bhe\b": ("Lena Varga", "XYZGOV", "pronoun")}  # a coreference slip to the name in the apposition
    quotes = {q.quote: (q.speaker, q.reported_by) for q in extract(doc, article, actors(article.text, table))}
    assert quotes["the port had a future"] == ("Tomas Reyes", None)


def test_a_quote_after_a_negated_speech_verb_goes_on_with_the_one_who_spoke(parsed):
    text = ('"The harbour is now closed to all ships," Reyes said, though officials haven\'t said the port is '
            'actually "closed" for good. "Remember, the ferries still need somewhere to dock."')
    doc, article = parsed(text)
    last = extract(doc, article, [])[-1]
    assert (last.quote, last.type, last.speaker) == (
        "Remember, the ferries still need somewhere to dock.", "direct", "Reyes")
