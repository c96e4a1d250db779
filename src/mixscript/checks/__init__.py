"""Checks: findings for bidi controls, invisible characters, encodings, words and source code.

Jupyter notebooks are checked cell by cell (:mod:`~mixscript.checks.notebook`).
"""
