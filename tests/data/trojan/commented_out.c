/* Trojan Source sample (commented-out code, CVE-2021-42574) for tests/test_checks_trojan.py. */
#include <stdbool.h>

bool delete_everything(bool is_admin) {
    bool deleted = false;
    /*‮ } ⁦if (is_admin)⁩ ⁦ admins only */
    deleted = true;
    /* end of admins only ‮ { ⁦*/
    return deleted;
}
