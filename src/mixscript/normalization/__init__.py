"""Normalisation: the steps, their registry and the profiles that order them."""
