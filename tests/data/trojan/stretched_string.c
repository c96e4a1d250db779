/* Trojan Source sample (stretched string, CVE-2021-42574) for tests/test_checks_trojan.py. */
#include <string.h>

int may_delete(const char *access_level) {
    if (strcmp(access_level, "user‮ ⁦// Check if admin⁩ ⁦")) {
        return 1;
    }
    return 0;
}
