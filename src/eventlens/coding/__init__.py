"""The pieces of the CAMEO coder behind :mod:`eventlens.events`.

- :mod:`.lexicon`: TOML rules and PETRARCH verb dictionaries compiled into rules keyed by lemma;
- :mod:`.syntax`: clauses, subjects, objects and voice over spaCy dependency parses;
- :mod:`.modality`: whether a verb states a real event (negation, modals, conditions);
- :mod:`.mentions`: which identified actor a token or noun phrase refers to;
- :mod:`.verbs`, :mod:`.nouns`, :mod:`.dictionary`: candidate events of each kind of rule;
- :mod:`.records`: pairing, deduplication and the final Event records;
- :mod:`.repeats`: one event told twice in an article (lead and body) kept once, after dating.
"""
