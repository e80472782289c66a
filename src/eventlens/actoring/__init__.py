"""The steps of the actor stage (:mod:`eventlens.actors`): pieces, composition, places, coreference."""
