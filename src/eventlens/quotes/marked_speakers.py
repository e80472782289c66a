"""Speakers of marked quotes: labels, cue verbs, "according to", dashes, split and run-on quotes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from eventlens.models import Actor
from eventlens.quotes.cues import according_source, cue_verb, first_speech_verb, last_speech_verb, next_sentence_tokens
from eventlens.quotes.lexicon import (
    DASH_RE,
    INDIRECT_LEMMAS,
    LABEL_RE,
    LINE_LABEL_RE,
    NAME_REACH,
    PERSON_PRONOUNS,
    SENTENCE_END,
    SPEAKER_PRONOUNS,
)
from eventlens.quotes.marks import Mark
from eventlens.quotes.naming import (
    actor_speaker,
    covering_actor,
    mention_speaker,
    noun_speaker,
    phrase_start,
    speaker_subject,
    verb_speaker,
)
from eventlens.quotes.records import NO_SPEAKER, Speaker
from eventlens.quotes.tokens import same_line, sentence_of, sentence_tokens_before, tokens_in
from eventlens.text.speech import SPEECH


def speaker_for(doc: Doc, text: str, marks: Sequence[Mark], i: int, actors: Sequence[Actor], qtype: str,
                prev: tuple[Mark, Speaker] | None) -> Speaker:
    """The speaker of ``marks[i]``, trying the governing verb, then the text around it."""
    mark = marks[i]
    labelled = _transcript_speaker(text, mark)
    if labelled is not None:
        return labelled
    verb = cue_verb(doc, text, mark, qtype)
    if verb is not None:
        speaker = _prefer_previous(_outside(verb_speaker(verb, actors), verb, marks, actors), prev)
        inner = _quoted_speech_subject(doc, mark) if qtype == "partial" else None
        return _nested(inner, speaker, actors) if inner is not None else speaker
    according = _according_speaker(doc, text, mark, actors)
    if according is not None:
        return according
    return _speaker_nearby(doc, text, marks, i, actors, qtype, prev)


def _quoted_speech_subject(doc: Doc, mark: Mark) -> Token | None:
    """The named subject, outside the marks, of a speech verb that heads the quoted words
    (``Guterres "firmly condemns the coup", his spokesman said``): the one whose words they are."""
    words = tokens_in(doc, mark.start, mark.end)
    heads = [t for t in words if not mark.start <= t.head.idx < mark.end or t.head.i == t.i]
    verb = heads[0] if len(heads) == 1 else None
    if verb is None or verb.pos_ != "VERB" or verb.tag_ not in ("VBZ", "VBD", "VBP") \
            or verb.lemma_.lower() not in SPEECH:
        return None
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subject is None:  # the parser lost the subject: the name right before the mark
        before = [t for t in doc[: words[0].i] if not t.is_punct and not t.is_space][-1:]
        named = before and before[0].pos_ == "PROPN" and before[0].dep_ not in ("pobj", "dobj", "poss", "compound")
        subject = before[0] if named else None
    if subject is None or subject.idx >= mark.open_start or subject.pos_ == "PRON":
        return None
    return subject


def _nested(subject: Token, cue: Speaker, actors: Sequence[Actor]) -> Speaker:
    """The quoted speaker, with the one who relays the words (the subject of the reporting verb above
    them, else the cue's speaker) as ``reported_by`` when they differ."""
    speaker = noun_speaker(subject, actors)
    span = (phrase_start(subject), subject.idx + len(subject))
    above = next((a for a in subject.head.ancestors if a.pos_ == "VERB" and a.lemma_.lower() in INDIRECT_LEMMAS), None)
    reporter = verb_speaker(above, actors) if above is not None and speaker_subject(above) is not None else cue
    relay = reporter.name or reporter.text
    return replace(speaker, cue=cue.cue, span=span, reported_by=relay if relay and relay != speaker.name else None)


def _speaker_nearby(doc: Doc, text: str, marks: Sequence[Mark], i: int, actors: Sequence[Actor], qtype: str,
                    prev: tuple[Mark, Speaker] | None) -> Speaker:
    """A quote with no cue of its own: a colon's source, the last speech verb or quote, or what follows."""
    mark = marks[i]
    colon = _colon_source(doc, text, mark, actors) or _line_label_source(text, mark, actors)
    if colon is not None:
        return colon
    last = _last_sentence_verb(doc, text, mark, prev) if qtype == "direct" else None
    if last is not None:
        return _outside(verb_speaker(last, actors), last, marks, actors)
    if prev is not None and (prev[1].name or prev[1].span) and qtype == "direct":
        return prev[1]
    dashed = _dash_speaker(doc, text, mark, actors)
    if dashed is not None:
        return dashed
    nxt = first_speech_verb(next_sentence_tokens(doc, text, mark)) if qtype == "direct" else None
    if nxt is not None:
        return verb_speaker(nxt, actors)
    if qtype == "partial":
        sentence = [t for t in sentence_of(doc, mark.open_start) if not mark.open_start <= t.idx < mark.close_end]
        other = first_speech_verb(same_line(text, mark.open_start, sentence))
        return verb_speaker(other, actors) if other is not None else NO_SPEAKER
    return NO_SPEAKER


def _last_sentence_verb(doc: Doc, text: str, mark: Mark, prev: tuple[Mark, Speaker] | None) -> Token | None:
    """The speech verb of the sentence just before a standalone quote (``..., Schiff said. "...``)."""
    if text[: mark.open_start].rstrip()[-1:] not in SENTENCE_END:
        return None
    since = prev[0].close_end if prev is not None else 0
    sentence = same_line(text, mark.open_start, sentence_tokens_before(doc, mark.open_start))
    words = [t for t in sentence if t.idx >= since]
    return last_speech_verb([t for t in words if not any(c.dep_ == "neg" for c in t.children)])


def _colon_source(doc: Doc, text: str, mark: Mark, actors: Sequence[Actor]) -> Speaker | None:
    """The source named before a colon that opens the quote (``A word from Maria Costa: "...``)."""
    if text[: mark.open_start].rstrip()[-1:] != ":":
        return None
    words = same_line(text, mark.open_start, sentence_tokens_before(doc, mark.open_start))
    subjects = [t for t in words if t.dep_ in ("nsubj", "nsubjpass") and t.head.dep_ == "ROOT"]
    subject = next((t for t in subjects if t.head.idx < mark.open_start), None)
    names = [t for t in words if t.pos_ == "PROPN" and t.dep_ != "compound"]
    noun = subject or (names[-1] if names else None)
    if noun is None or noun.lower_ in PERSON_PRONOUNS:
        return None
    span = (phrase_start(noun), noun.idx + len(noun))
    return replace(noun_speaker(noun, actors), span=span)


def _line_label_source(text: str, mark: Mark, actors: Sequence[Actor]) -> Speaker | None:
    """The source that labels the quote's line (``Kremlin: Putin 'ready for talks'``)."""
    line_start = text.rfind("\n", 0, mark.open_start) + 1
    m = LINE_LABEL_RE.match(text, line_start, mark.open_start)
    if m is None:
        return None
    span = (m.start(1), m.end(1))
    covering = covering_actor(actors, span[0])
    if covering is not None:
        return replace(actor_speaker(covering, m.group(1)), span=span)
    return Speaker(m.group(1), m.group(1), span=span)


def _transcript_speaker(text: str, mark: Mark) -> Speaker | None:
    """The speaker label that opens a transcript quote (``"PENCE: Well, ...``)."""
    m = LABEL_RE.match(text, mark.start, mark.end)
    if m is None:
        return None
    return Speaker(m.group(1), m.group(1), span=(m.start(1), m.end(1)))


def _outside(speaker: Speaker, verb: Token, marks: Sequence[Mark], actors: Sequence[Actor]) -> Speaker:
    """A speaker found inside quoted words is a parse slip: take the subject of the nearest verb above
    the cue outside the marks (``Clinton seemed ready to riff, telling the crowd, "..."``), else the
    noun or pronoun next to the verb (``"That," he said, "is..."``)."""
    if not (speaker.span and _in_marks(speaker.span[0], marks)):
        return speaker
    for anc in (a for a in verb.ancestors if not _in_marks(a.idx, marks)):
        subject = speaker_subject(anc)
        if subject is not None and not _in_marks(subject.idx, marks):
            return replace(verb_speaker(anc, actors), cue=speaker.cue)
    nouns = [t for t in verb.sent if (_may_name(t) or t.lower_ in SPEAKER_PRONOUNS) and not _in_marks(t.idx, marks)]
    last_close = max((m.close_end for m in marks if m.close_end <= verb.idx), default=0)
    before = [t for t in nouns if last_close <= t.idx < verb.idx]
    after = [t for t in nouns if t.i > verb.i]
    noun = before[-1] if before else (after[0] if after else None)
    if noun is None:
        return Speaker(None, None, cue=speaker.cue)
    return replace(mention_speaker(noun, verb, actors), cue=speaker.cue)


def _in_marks(offset: int, marks: Sequence[Mark]) -> bool:
    """Whether ``offset`` falls inside a pair of quote marks."""
    return any(m.open_start <= offset < m.close_end for m in marks)


def _may_name(tok: Token) -> bool:
    """A noun that may name a speaker: not a time word (``Thursday morning``)."""
    noun = tok.pos_ in ("PROPN", "NOUN") and tok.dep_ not in ("npadvmod", "compound")
    return noun and tok.ent_type_ not in ("DATE", "TIME")


def _according_speaker(doc: Doc, text: str, mark: Mark, actors: Sequence[Actor]) -> Speaker | None:
    """The source of ``according to X`` in the quote's sentence, or just before it."""
    tokens = same_line(text, mark.open_start, sentence_tokens_before(doc, mark.open_start))
    tokens += [t for t in sentence_of(doc, mark.open_start) if t.idx >= mark.close_end]
    source = next((s for t in tokens if (s := according_source(t)) is not None), None)
    if source is None:
        return None
    span = (phrase_start(source), source.idx + len(source))
    return replace(noun_speaker(source, actors), cue="according to", span=span)


def _prefer_previous(speaker: Speaker, prev: tuple[Mark, Speaker] | None) -> Speaker:
    """A pronoun speaker takes the previous quote's speaker on the line when that is more recent."""
    if prev is None or prev[1].name is None or (speaker.text or "").lower() not in PERSON_PRONOUNS:
        return speaker
    if speaker.actor is not None and speaker.actor.end > prev[0].open_start:
        return speaker
    return replace(prev[1], text=speaker.text, cue=speaker.cue, span=speaker.span)


def _dash_speaker(doc: Doc, text: str, mark: Mark, actors: Sequence[Actor]) -> Speaker | None:
    """The name after a dash that closes a quote (``”  ― Jorge Falcon``), if any."""
    m = DASH_RE.match(text, mark.close_end)
    if m is None:
        return None
    names = [t for t in tokens_in(doc, m.end(), m.end() + NAME_REACH) if "\n" not in text[m.end() : t.idx]]
    name: list[Token] = []
    for tok in names:
        if tok.pos_ != "PROPN" and not (name and tok.text == "." and tok.whitespace_ == ""):
            break
        name.append(tok)
    if not name:
        return None
    span = (name[0].idx, name[-1].idx + len(name[-1]))
    covering = covering_actor(actors, span[0])
    if covering:
        return replace(actor_speaker(covering, text[span[0] : span[1]]), span=span)
    return Speaker(text[span[0] : span[1]], text[span[0] : span[1]], span=span)
