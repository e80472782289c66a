"""TIMEX3 machinery of the dates stage (``eventlens.dates`` is the facade).

``spans`` finds expressions (rule table, overlaps), ``normalise`` turns a match into a value,
``calendar`` does date arithmetic, ``tense`` and ``clauses`` read the parse, ``anchoring``
resolves deictic and relative expressions, ``mods`` fills the TIMEX3 ``mod``, ``eventdate``
dates events, ``timeml`` adds the TempEval-3 conventions.
"""
