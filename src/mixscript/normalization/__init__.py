"""Normalisation: the steps, their registry and the profiles that order them.

:mod:`~mixscript.normalization.regions` applies a profile to a file by its
kind: only comments in source code, only prose in Markdown and HTML.
"""
