"""Helpers of the quotes stage (:mod:`eventlens.quotes`): marks, cues, speakers, indirect clauses."""
