"""What every stage reads of an article's text, defined once: the verbs of saying
(:mod:`.speech`) and the dateline (:mod:`.datelines`).

The stages ask these modules instead of keeping their own lists and patterns, so "is this a
speech verb" and "is this the dateline" have one answer across actors, quotes, dates, events and
places.
"""
