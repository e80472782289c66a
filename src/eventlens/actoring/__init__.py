"""Helpers of the actor stage (:mod:`eventlens.actors`): place tests and extra coreference."""
