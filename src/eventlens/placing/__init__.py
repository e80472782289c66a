"""The steps of the place stage (:mod:`eventlens.places`): gazetteer, finding, resolving, locating."""
