"""Trojan Source sample (commented-out code, CVE-2021-42574) for tests/test_checks_trojan.py.

It holds bidi control characters on purpose; an editor shows the code in
another order than Python reads it.
"""

# ruff: noqa
# fmt: off

def delete_everything(user_is_admin):
    deleted = False
    #‮ ⁦if user_is_admin:⁩ ⁦ admins only
    deleted = True
    # end of admins only‮ ⁦
    return deleted
