// Trojan Source sample (stretched string, CVE-2021-42574) for tests/test_checks_trojan.py.
function mayDelete(accessLevel) {
  if (accessLevel != "user‮ ⁦// Check if admin⁩ ⁦") {
    return true;
  }
  return false;
}
