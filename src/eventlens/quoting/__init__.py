"""Helpers of the quotes stage (:mod:`eventlens.quotes`): quote marks and embedded posts."""
