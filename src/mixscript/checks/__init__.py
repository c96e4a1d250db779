"""Checks: findings for bidi controls, invisible characters, encodings, words and source code."""
