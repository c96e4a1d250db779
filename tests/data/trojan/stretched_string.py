"""Trojan Source sample (stretched string, CVE-2021-42574) for tests/test_checks_trojan.py.

It holds bidi control characters on purpose; an editor shows the code in
another order than Python reads it.
"""

# ruff: noqa
# fmt: off

def may_delete(access_level):
    if access_level != "user‮ ⁦# Check if admin⁩ ⁦":
        return True
    return False
