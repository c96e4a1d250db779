"""Trojan Source sample (early return, CVE-2021-42574) for tests/test_checks_trojan.py.

It holds bidi control characters on purpose; an editor shows the code in
another order than Python reads it.
"""

# ruff: noqa
# fmt: off

BALANCES = {"alice": 100}


def withdraw(account, amount):
    """Take the amount from the account, then⁧""" ;return
    BALANCES[account] -= amount
    return BALANCES[account]
